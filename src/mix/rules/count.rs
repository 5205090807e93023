//! `count`: posts of `categories` a week between `min` and `max`, as in "an
//! occasional contest, not a feed of them".

use std::sync::Arc;

use serde::Deserialize;

use super::{Context, Errors, Feature, Kind, Linear, Shape, Target, Totals, Whole};
use crate::diag::Diagnostic;
use crate::domain::Status;
use crate::mix::analyze::{Item, WeekFacts, next_week};
use crate::mix::finding::{Change, Violation};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    categories: Vec<String>,
    min: Option<Whole>,
    max: Option<Whole>,
}

#[derive(Debug)]
struct Count {
    categories: Vec<usize>,
    keys: Vec<String>,
    min: Option<u32>,
    max: Option<u32>,
}

pub(super) fn compile(cx: &Context) -> Result<Arc<dyn Kind>, Vec<Diagnostic>> {
    let spec: Spec = cx.spec()?;
    let mut errors = Errors::default();
    let categories = errors.take(cx.categories("categories", &spec.categories, true));
    errors.take(cx.ordered(spec.min, spec.max));
    if spec.min.is_none() && spec.max.is_none() {
        errors.push(
            cx.error("kind", "a count rule needs `min` or `max`")
                .with_help("add e.g. `max = 1`"),
        );
    }
    errors.finish()?;
    Ok(Arc::new(Count {
        categories,
        keys: spec.categories,
        min: spec.min.map(|w| w.0),
        max: spec.max.map(|w| w.0),
    }))
}

impl Count {
    fn holds(&self, n: u32) -> bool {
        self.min.is_none_or(|lo| n >= lo) && self.max.is_none_or(|hi| n <= hi)
    }

    fn violation(&self, n: u32) -> Violation {
        Violation::Count {
            categories: self.keys.clone(),
            count: n,
            min: self.min,
            max: self.max,
        }
    }
}

impl Kind for Count {
    fn check(&self, week: &WeekFacts) -> Vec<(Violation, Vec<Change>)> {
        let n = week.totals().sum(&self.categories);
        if self.holds(n) {
            return Vec::new();
        }
        let needs = match (self.min, self.max) {
            (_, Some(hi)) if n > hi => {
                // Ideas go first, then the latest posts: they are the least settled.
                let mut open: Vec<&Item> = week
                    .items()
                    .iter()
                    .filter(|i| !i.locked && i.index.is_some_and(|c| self.categories.contains(&c)))
                    .collect();
                open.sort_by_key(|i| (i.status != Status::Idea, std::cmp::Reverse(i.at())));
                let over = (n - hi) as usize;
                if open.len() < over {
                    Vec::new()
                } else {
                    open[..over]
                        .iter()
                        .map(|i| Change::Move {
                            post: i.post_ref(),
                            to: next_week(i.date),
                        })
                        .collect()
                }
            }
            (Some(lo), _) => vec![Change::Add {
                category: self.keys[0].clone(),
                count: lo - n,
                at: None,
            }],
            _ => Vec::new(),
        };
        vec![(self.violation(n), needs)]
    }

    fn target(&self) -> Target {
        Target::Count {
            categories: self.keys.clone(),
            min: self.min,
            max: self.max,
        }
    }

    fn shape(&self) -> Shape {
        let terms = |sign: f64| -> Vec<(Feature, f64)> {
            self.categories
                .iter()
                .map(|&i| (Feature::Count(i), sign))
                .collect()
        };
        let mut constraints = Vec::new();
        if let Some(lo) = self.min {
            constraints.push(Linear {
                terms: terms(1.0),
                at_least: f64::from(lo),
            });
        }
        if let Some(hi) = self.max {
            constraints.push(Linear {
                terms: terms(-1.0),
                at_least: -f64::from(hi),
            });
        }
        Shape::Totals(constraints)
    }

    fn calm(&self, t: &Totals) -> f64 {
        super::off_middle(
            f64::from(t.sum(&self.categories)),
            f64::from(self.min.unwrap_or(0)),
            self.max.map(f64::from),
        )
    }

    fn measure(&self, t: &Totals) -> Option<Violation> {
        Some(self.violation(t.sum(&self.categories)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn two_contests_break_the_limit_and_the_later_one_moves() {
        let c = config("");
        let r = rule(&c, "contest-limit");
        let ids = ids(4);
        let found = check(&c, &*r, &items(&c, "CEEC", &ids));
        let (violation, needs) = &found[0];
        assert!(matches!(
            violation,
            Violation::Count {
                count: 2,
                max: Some(1),
                ..
            }
        ));
        let [Change::Move { post, .. }] = needs.as_slice() else {
            panic!("{needs:?}")
        };
        assert_eq!(post.id.as_deref(), Some("p3"));
    }

    #[test]
    fn published_contests_are_never_asked_to_move() {
        let c = config("");
        let r = rule(&c, "contest-limit");
        let ids = ids(4);
        let found = check(&c, &*r, &items(&c, "cEEC", &ids));
        let [Change::Move { post, .. }] = found[0].1.as_slice() else {
            panic!("{found:?}")
        };
        assert_eq!(post.id.as_deref(), Some("p3"));
        // Both published: no change may mend it.
        let found = check(&c, &*r, &items(&c, "ceec", &ids));
        assert!(found[0].1.is_empty());
    }

    #[test]
    fn a_count_rule_needs_a_bound() {
        let c = config("[rules.x]\nkind = \"count\"\ncategories = [\"partner\"]\n");
        let err = crate::mix::Rules::compile(&c).unwrap_err().to_string();
        assert!(err.contains("needs `min` or `max`"), "{err}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn a_findings_needs_make_the_rule_hold(
            letters in "[EBPCebpc]{0,14}",
            min in prop::option::of(0u32..4),
            width in 0u32..3,
        ) {
            let bounds = match min {
                Some(lo) => format!("min = {lo}\nmax = {}\n", lo + width),
                None => format!("max = {width}\n"),
            };
            let c = config(&format!(
                "[rules.x]\nkind = \"count\"\ncategories = [\"partner\", \"contest\"]\n{bounds}"
            ));
            let r = rule(&c, "x");
            let ids = ids(letters.len());
            prop_assert_eq!(needs_mend(&c, &*r, &items(&c, &letters, &ids)), Ok(()));
        }

        #[test]
        fn the_constraints_agree_with_the_check(
            counts in prop::array::uniform4(0u32..6),
            lo in 0u32..3,
            width in 0u32..3,
        ) {
            let c = config(&format!(
                "[rules.x]\nkind = \"count\"\ncategories = [\"partner\", \"contest\"]\nmin = {lo}\nmax = {}\n",
                lo + width
            ));
            prop_assert_eq!(agree(&c, &*rule(&c, "x"), counts), Ok(()));
        }
    }
}
