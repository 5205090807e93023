//! `share`: the percent of the week's posts that are in `categories`, between
//! `min` and `max`, as in the "rule of thirds". An empty week holds.

use std::sync::Arc;

use serde::Deserialize;

use super::{Amount, Context, EPSILON, Errors, Feature, Kind, Linear, Shape, Target, Totals};
use crate::diag::Diagnostic;
use crate::mix::analyze::WeekFacts;
use crate::mix::finding::{Change, Violation};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    categories: Vec<String>,
    min: Option<Amount>,
    max: Option<Amount>,
}

#[derive(Debug)]
struct Share {
    categories: Vec<usize>,
    keys: Vec<String>,
    /// The first category outside the set, which an "add another post" fix names.
    outside: Option<String>,
    min: Option<f64>,
    max: Option<f64>,
}

pub(super) fn compile(cx: &Context) -> Result<Arc<dyn Kind>, Vec<Diagnostic>> {
    let spec: Spec = cx.spec()?;
    let mut errors = Errors::default();
    let categories = errors.take(cx.categories("categories", &spec.categories, true));
    errors.take(cx.ordered(spec.min, spec.max));
    for (field, bound) in [("min", spec.min), ("max", spec.max)] {
        if let Some(Amount(v)) = bound
            && v > 100.0
        {
            errors.push(
                cx.error(field, &format!("`{field}` {v} is more than 100 percent"))
                    .with_help("a share is a percent of the week's posts, 0 to 100"),
            );
        }
    }
    if spec.min.is_none() && spec.max.is_none() {
        errors.push(
            cx.error("kind", "a share rule needs `min` or `max`")
                .with_help("add e.g. `min = 25` and `max = 45` (percent)"),
        );
    }
    errors.finish()?;
    let outside = cx
        .config
        .categories
        .iter()
        .enumerate()
        .find(|(i, _)| !categories.contains(i))
        .map(|(_, c)| c.key.clone());
    Ok(Arc::new(Share {
        categories,
        keys: spec.categories,
        outside,
        min: spec.min.map(|a| a.0),
        max: spec.max.map(|a| a.0),
    }))
}

impl Share {
    fn holds(&self, inside: u32, total: u32) -> bool {
        if total == 0 {
            return true;
        }
        let pct = f64::from(inside) * 100.0 / f64::from(total);
        self.min.is_none_or(|lo| pct >= lo - EPSILON)
            && self.max.is_none_or(|hi| pct <= hi + EPSILON)
    }

    fn violation(&self, inside: u32, total: u32) -> Violation {
        Violation::Share {
            categories: self.keys.clone(),
            inside,
            total,
            min: self.min,
            max: self.max,
        }
    }
}

impl Kind for Share {
    fn check(&self, week: &WeekFacts) -> Vec<(Violation, Vec<Change>)> {
        let t = week.totals();
        let (inside, total) = (t.sum(&self.categories), t.total);
        if self.holds(inside, total) {
            return Vec::new();
        }
        // The fewest added posts, inside the set and outside it.
        let add = |category: &str, count: u32| Change::Add {
            category: category.to_string(),
            count,
            at: None,
        };
        let needs = (1..=300u32)
            .find_map(|n| {
                (0..=n).rev().find_map(|a| {
                    let others = n - a;
                    if !self.holds(inside + a, total + n) {
                        return None;
                    }
                    let mut v = Vec::new();
                    if a > 0 {
                        v.push(add(&self.keys[0], a));
                    }
                    if others > 0 {
                        v.push(add(self.outside.as_deref()?, others));
                    }
                    Some(v)
                })
            })
            .unwrap_or_default();
        vec![(self.violation(inside, total), needs)]
    }

    fn target(&self) -> Target {
        Target::Share {
            categories: self.keys.clone(),
            min: self.min,
            max: self.max,
        }
    }

    fn shape(&self) -> Shape {
        // lo·total ≤ 100·inside ≤ hi·total; both hold for an empty week.
        let terms = |per_inside: f64, per_post: f64| -> Vec<(Feature, f64)> {
            self.categories
                .iter()
                .map(|&i| (Feature::Count(i), per_inside))
                .chain([(Feature::Total, per_post)])
                .collect()
        };
        let mut constraints = Vec::new();
        if let Some(lo) = self.min {
            constraints.push(Linear {
                terms: terms(100.0, -lo),
                at_least: 0.0,
            });
        }
        if let Some(hi) = self.max {
            constraints.push(Linear {
                terms: terms(-100.0, hi),
                at_least: 0.0,
            });
        }
        Shape::Totals(constraints)
    }

    fn calm(&self, t: &Totals) -> f64 {
        if t.total == 0 {
            return 0.0;
        }
        let pct = f64::from(t.sum(&self.categories)) * 100.0 / f64::from(t.total);
        super::off_middle(
            pct,
            self.min.unwrap_or(0.0),
            Some(self.max.unwrap_or(100.0)),
        )
    }

    fn measure(&self, t: &Totals) -> Option<Violation> {
        Some(self.violation(t.sum(&self.categories), t.total))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use proptest::prelude::*;

    fn share(min: u32, max: u32) -> crate::config::Config {
        config(&format!(
            "[rules.everyday-per-business]\nenabled = false\n[rules.biz]\nkind = \"share\"\ncategories = [\"business\"]\nmin = {min}\nmax = {max}\n"
        ))
    }

    #[test]
    fn one_business_post_in_six_needs_two_more_for_thirty_percent() {
        let c = share(30, 40);
        let ids = ids(6);
        let found = check(&c, &*rule(&c, "biz"), &items(&c, "EEBEEE", &ids));
        assert!(matches!(
            found[0].0,
            Violation::Share {
                inside: 1,
                total: 6,
                ..
            }
        ));
        assert!(
            matches!(&found[0].1[..], [Change::Add { category, count: 2, .. }] if category == "business")
        );
    }

    #[test]
    fn too_large_a_share_asks_for_posts_of_another_category() {
        let c = share(10, 30);
        let ids = ids(3);
        let found = check(&c, &*rule(&c, "biz"), &items(&c, "BEE", &ids));
        assert!(
            matches!(&found[0].1[..], [Change::Add { category, count: 1, .. }] if category == "everyday")
        );
    }

    #[test]
    fn more_than_a_hundred_percent_is_an_error() {
        let c = config("[rules.x]\nkind = \"share\"\ncategories = [\"business\"]\nmax = 120\n");
        let err = crate::mix::Rules::compile(&c).unwrap_err().to_string();
        assert!(err.contains("user:4:7"), "{err}");
        assert!(err.contains("more than 100 percent"), "{err}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn a_findings_needs_make_the_rule_hold(
            letters in "[EBPCebpc]{0,14}",
            lo in 0u32..60,
            width in 5u32..40,
        ) {
            let c = share(lo, (lo + width).min(100));
            let ids = ids(letters.len());
            prop_assert_eq!(needs_mend(&c, &*rule(&c, "biz"), &items(&c, &letters, &ids)), Ok(()));
        }

        #[test]
        fn the_constraints_agree_with_the_check(
            counts in prop::array::uniform4(0u32..8),
            lo in 0u32..60,
            width in 0u32..40,
        ) {
            let c = share(lo, (lo + width).min(100));
            prop_assert_eq!(agree(&c, &*rule(&c, "biz"), counts), Ok(()));
        }
    }
}
