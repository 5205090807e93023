//! `ratio`: posts of `of` per post of `per` between `min` and `max`, as in "four
//! or five everyday posts for every business post". An empty week holds (it is
//! "nothing planned"); a week with `of` posts but no `per` post is off the
//! scale; and a week whose posts are all of other categories (a giveaway
//! alone) has nothing to count, which does not meet a ratio that asks for
//! some (`min` above 0): it is still being filled.

use std::sync::Arc;

use serde::Deserialize;

use super::{Amount, Context, EPSILON, Errors, Feature, Kind, Linear, Shape, Target, Totals};
use crate::diag::Diagnostic;
use crate::mix::analyze::{Item, WeekFacts, next_week};
use crate::mix::finding::{Change, Violation};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    of: Vec<String>,
    per: Vec<String>,
    min: Option<Amount>,
    max: Option<Amount>,
}

#[derive(Debug)]
struct Ratio {
    of: Vec<usize>,
    per: Vec<usize>,
    of_keys: Vec<String>,
    per_keys: Vec<String>,
    min: f64,
    max: Option<f64>,
}

pub(super) fn compile(cx: &Context) -> Result<Arc<dyn Kind>, Vec<Diagnostic>> {
    let spec: Spec = cx.spec()?;
    let mut errors = Errors::default();
    let of = errors.take(cx.categories("of", &spec.of, true));
    let per = errors.take(cx.categories("per", &spec.per, true));
    errors.take(cx.ordered(spec.min, spec.max));
    errors.finish()?;
    Ok(Arc::new(Ratio {
        of,
        per,
        of_keys: spec.of,
        per_keys: spec.per,
        min: spec.min.map_or(0.0, |a| a.0),
        max: spec.max.map(|a| a.0),
    }))
}

/// Stands for "no upper bound" in the constraint that a week with `of` posts
/// needs a `per` post: far above any count of posts.
const UNBOUNDED: f64 = 1e6;

impl Ratio {
    /// Whether `a` posts of `of` per `b` posts of `per` hold, with `others`
    /// posts of neither in the week.
    fn holds(&self, a: u32, b: u32, others: u32) -> bool {
        if b == 0 {
            return a == 0 && (others == 0 || self.min <= EPSILON);
        }
        let r = f64::from(a) / f64::from(b);
        r >= self.min - EPSILON && self.max.is_none_or(|hi| r <= hi + EPSILON)
    }

    /// The fewest posts to add (preferred: a week being planned fills up), as
    /// (of, per); `None` when no addition helps.
    fn fewest_adds(&self, a: u32, b: u32, others: u32) -> Option<(u32, u32)> {
        const LIMIT: u32 = 200;
        (1..=LIMIT).find_map(|cost| {
            (0..=cost)
                .map(|da| (da, cost - da))
                .find(|&(da, db)| self.holds(a + da, b + db, others))
        })
    }

    /// Failing any addition, the fewest open posts to move away, latest first.
    fn fewest_moves(&self, week: &WeekFacts) -> Vec<Change> {
        let totals = week.totals();
        let (a, b) = (totals.sum(&self.of), totals.sum(&self.per));
        let others = totals.total.saturating_sub(a + b);
        let open = |set: &[usize]| -> Vec<&Item> {
            week.items()
                .iter()
                .rev()
                .filter(|i| !i.locked && i.index.is_some_and(|c| set.contains(&c)))
                .collect()
        };
        let (of_open, per_open) = (open(&self.of), open(&self.per));
        for cost in 1..=(of_open.len() + per_open.len()) as u32 {
            for da in 0..=cost.min(of_open.len() as u32) {
                let db = cost - da;
                if db as usize > per_open.len() || !self.holds(a - da, b - db, others) {
                    continue;
                }
                return of_open[..da as usize]
                    .iter()
                    .chain(&per_open[..db as usize])
                    .map(|i| Change::Move {
                        post: i.post_ref(),
                        to: next_week(i.date),
                    })
                    .collect();
            }
        }
        Vec::new()
    }
}

impl Kind for Ratio {
    fn check(&self, week: &WeekFacts) -> Vec<(Violation, Vec<Change>)> {
        let totals = week.totals();
        let (a, b) = (totals.sum(&self.of), totals.sum(&self.per));
        let others = totals.total.saturating_sub(a + b);
        if self.holds(a, b, others) {
            return Vec::new();
        }
        let needs = match self.fewest_adds(a, b, others) {
            Some((da, db)) => [(da, &self.of_keys), (db, &self.per_keys)]
                .into_iter()
                .filter(|(n, _)| *n > 0)
                .map(|(count, keys)| Change::Add {
                    category: keys[0].clone(),
                    count,
                    at: None,
                })
                .collect(),
            None => self.fewest_moves(week),
        };
        vec![(self.violation(a, b), needs)]
    }

    fn target(&self) -> Target {
        Target::Ratio {
            of: self.of_keys.clone(),
            per: self.per_keys.clone(),
            min: self.min,
            max: self.max,
        }
    }

    fn shape(&self) -> Shape {
        let terms = |sign_of: f64, sign_per: f64| -> Vec<(Feature, f64)> {
            self.of
                .iter()
                .map(|&i| (Feature::Count(i), sign_of))
                .chain(self.per.iter().map(|&i| (Feature::Count(i), sign_per)))
                .collect()
        };
        let mut constraints = vec![
            // a - min·b ≥ 0
            Linear {
                terms: terms(1.0, -self.min),
                at_least: 0.0,
            },
            // max·b - a ≥ 0, which also asks for a `per` post once there is an `of` post
            Linear {
                terms: terms(-1.0, self.max.unwrap_or(UNBOUNDED)),
                at_least: 0.0,
            },
        ];
        if self.min > EPSILON {
            // a + b ≥ total / UNBOUNDED: a week with posts has some to count.
            let mut terms = terms(1.0, 1.0);
            terms.push((Feature::Total, -1.0 / UNBOUNDED));
            constraints.push(Linear {
                terms,
                at_least: 0.0,
            });
        }
        Shape::Totals(constraints)
    }

    fn calm(&self, t: &Totals) -> f64 {
        let (a, b) = (t.sum(&self.of), t.sum(&self.per));
        if b == 0 {
            // No ratio to speak of: level with an edge when both are absent, and
            // outside (worse the more `of` posts wait for a `per` post) otherwise.
            return if a == 0 {
                0.5
            } else {
                1.0 + super::off_middle(f64::from(a), self.min, self.max)
            };
        }
        super::off_middle(f64::from(a) / f64::from(b), self.min, self.max)
    }

    fn measure(&self, t: &Totals) -> Option<Violation> {
        Some(self.violation(t.sum(&self.of), t.sum(&self.per)))
    }

    /// A week with posts on either side keeps a `per` post: "four everyday
    /// posts per business post" is not met by making the only business post
    /// something else, nor by taking the everyday posts away (or turning them
    /// into partner posts) until there is nothing to count.
    fn keep(&self, t: &Totals) -> Vec<Linear> {
        if t.sum(&self.per) + t.sum(&self.of) == 0 {
            return Vec::new();
        }
        vec![Linear {
            terms: self.per.iter().map(|&i| (Feature::Count(i), 1.0)).collect(),
            at_least: 1.0,
        }]
    }
}

impl Ratio {
    fn violation(&self, a: u32, b: u32) -> Violation {
        Violation::Ratio {
            of: self.of_keys.clone(),
            per: self.per_keys.clone(),
            of_count: a,
            per_count: b,
            min: self.min,
            max: self.max,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use proptest::prelude::*;

    fn default_rule() -> (crate::config::Config, Arc<dyn Kind>) {
        let c = config("");
        let r = rule(&c, "everyday-per-business");
        (c, r)
    }

    fn adds(needs: &[Change]) -> Vec<(String, u32)> {
        needs
            .iter()
            .map(|c| match c {
                Change::Add {
                    category, count, ..
                } => (category.clone(), *count),
                other => panic!("not an add: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn four_or_five_everyday_per_business_post_hold() {
        let (c, r) = default_rule();
        for letters in ["EEEEB", "EEEEEB", "", "EEEEEEEEBB"] {
            let ids = ids(letters.len());
            assert!(
                check(&c, &*r, &items(&c, letters, &ids)).is_empty(),
                "{letters}"
            );
        }
    }

    #[test]
    fn five_everyday_per_two_business_posts_need_three_more_everyday() {
        let (c, r) = default_rule();
        let ids = ids(7);
        let found = check(&c, &*r, &items(&c, "EBEEBEE", &ids));
        let (violation, needs) = &found[0];
        assert!(matches!(
            violation,
            Violation::Ratio {
                of_count: 5,
                per_count: 2,
                ..
            }
        ));
        assert_eq!(adds(needs), [("everyday".to_string(), 3)]);
    }

    #[test]
    fn a_week_of_promotions_alone_has_nothing_to_count_and_is_not_four_or_five() {
        // A giveaway alone, or a partner post and a contest: no everyday and no
        // business post. Still being filled, it shows what it needs.
        let (c, r) = default_rule();
        for letters in ["C", "PC", "pc"] {
            let ids = ids(letters.len());
            let found = check(&c, &*r, &items(&c, letters, &ids));
            let [(violation, needs)] = found.as_slice() else {
                panic!("{letters}: {found:?}")
            };
            assert!(matches!(
                violation,
                Violation::Ratio {
                    of_count: 0,
                    per_count: 0,
                    ..
                }
            ));
            assert_eq!(
                adds(needs),
                [("everyday".to_string(), 4), ("business".to_string(), 1)]
            );
        }
        // An empty week is nothing planned, not a finding.
        assert!(check(&c, &*r, &[]).is_empty());
        // A ratio from 0 asks for no post of its own.
        let c = config("[rules.everyday-per-business]\nmin = 0\nmax = 5\n");
        let r = rule(&c, "everyday-per-business");
        let ids = ids(1);
        assert!(check(&c, &*r, &items(&c, "C", &ids)).is_empty());
    }

    #[test]
    fn everyday_posts_without_a_business_post_ask_for_one() {
        let (c, r) = default_rule();
        let ids = ids(4);
        let found = check(&c, &*r, &items(&c, "EEEE", &ids));
        assert_eq!(adds(&found[0].1), [("business".to_string(), 1)]);
        let found = check(&c, &*r, &items(&c, "E", &ids));
        assert_eq!(
            adds(&found[0].1),
            [("everyday".to_string(), 3), ("business".to_string(), 1)]
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn a_findings_needs_make_the_rule_hold(
            letters in "[EBPCebpc]{0,14}",
            min in 0u32..5,
            width in 0u32..3,
        ) {
            let c = config(&format!(
                "[rules.everyday-per-business]\nmin = {min}\nmax = {}\n",
                min + width
            ));
            let r = rule(&c, "everyday-per-business");
            let ids = ids(letters.len());
            prop_assert_eq!(needs_mend(&c, &*r, &items(&c, &letters, &ids)), Ok(()));
        }

        #[test]
        fn the_constraints_agree_with_the_check(
            counts in prop::array::uniform4(0u32..12),
            min in 0u32..5,
            width in 0u32..3,
        ) {
            let c = config(&format!(
                "[rules.everyday-per-business]\nmin = {min}\nmax = {}\n",
                min + width
            ));
            let r = rule(&c, "everyday-per-business");
            prop_assert_eq!(agree(&c, &*r, counts), Ok(()));
        }
    }
}
