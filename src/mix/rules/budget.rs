//! `budget`: planned effort at most `max_minutes` a week, so social media does
//! not eat the time the business needs.

use std::sync::Arc;

use serde::Deserialize;

use super::{Context, Feature, Kind, Linear, Shape, Target, Totals, Whole};
use crate::diag::Diagnostic;
use crate::mix::analyze::{WeekFacts, next_week};
use crate::mix::finding::{Change, Violation};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    max_minutes: Whole,
}

#[derive(Debug)]
struct Budget {
    max: u32,
}

pub(super) fn compile(cx: &Context) -> Result<Arc<dyn Kind>, Vec<Diagnostic>> {
    let spec: Spec = cx.spec()?;
    Ok(Arc::new(Budget {
        max: spec.max_minutes.0,
    }))
}

impl Kind for Budget {
    /// Over budget, the fix is the smallest open post whose move is enough, else
    /// cutting the minutes over.
    fn check(&self, week: &WeekFacts) -> Vec<(Violation, Vec<Change>)> {
        let minutes = week.minutes();
        if minutes <= self.max {
            return Vec::new();
        }
        let over = minutes - self.max;
        let open = || week.items().iter().filter(|i| !i.locked);
        let needs = match open()
            .filter(|i| i.minutes >= over)
            .min_by_key(|i| (i.minutes, std::cmp::Reverse(i.at())))
        {
            Some(i) => vec![Change::Move {
                post: i.post_ref(),
                to: next_week(i.date),
            }],
            None if open().map(|i| i.minutes).sum::<u32>() >= over => {
                vec![Change::Cut { minutes: over }]
            }
            None => Vec::new(),
        };
        vec![(
            Violation::Budget {
                minutes,
                max: self.max,
            },
            needs,
        )]
    }

    fn target(&self) -> Target {
        Target::Budget { max: self.max }
    }

    fn shape(&self) -> Shape {
        Shape::Totals(vec![Linear {
            terms: vec![(Feature::Minutes, -1.0)],
            at_least: -f64::from(self.max),
        }])
    }

    /// Fewer minutes are calmer: the time saved is the business's.
    fn calm(&self, t: &Totals) -> f64 {
        if self.max == 0 {
            return 0.0;
        }
        f64::from(t.minutes) / f64::from(self.max)
    }

    fn measure(&self, t: &Totals) -> Option<Violation> {
        Some(Violation::Budget {
            minutes: t.minutes,
            max: self.max,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn over_budget_names_the_smallest_post_whose_move_is_enough() {
        let c = config("[rules.weekly-budget]\nmax_minutes = 100\n");
        let ids = ids(5);
        // 15 + 30 + 45 + 15 + 20 = 125: 25 over; the 30-minute business post is
        // the smallest that covers it.
        let found = check(&c, &*rule(&c, "weekly-budget"), &items(&c, "EBCEP", &ids));
        assert!(matches!(
            found[0].0,
            Violation::Budget {
                minutes: 125,
                max: 100
            }
        ));
        let [Change::Move { post, .. }] = found[0].1.as_slice() else {
            panic!("{found:?}")
        };
        assert_eq!(post.id.as_deref(), Some("p1"));
    }

    #[test]
    fn when_no_one_post_is_enough_the_minutes_are_cut() {
        let c = config("[rules.weekly-budget]\nmax_minutes = 10\n");
        let ids = ids(3);
        let found = check(&c, &*rule(&c, "weekly-budget"), &items(&c, "EEE", &ids));
        assert_eq!(found[0].1, [Change::Cut { minutes: 35 }]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn a_findings_needs_make_the_rule_hold(
            letters in "[EBPCebpc]{0,14}",
            max in 0u32..300,
        ) {
            let c = config(&format!("[rules.weekly-budget]\nmax_minutes = {max}\n"));
            let ids = ids(letters.len());
            prop_assert_eq!(
                needs_mend(&c, &*rule(&c, "weekly-budget"), &items(&c, &letters, &ids)),
                Ok(())
            );
        }
    }
}
