//! Why the planner's proposals hold their categories, and why the slots it
//! leaves empty stay empty: each is the week as the plan shows it (the
//! proposals in place, the week's own posts as they are), with one slot
//! changed, judged by the search's own view of the rules (totals and runs).

use std::collections::HashMap;

use super::Reason;
use super::model::{Choice, Model, Source};
use crate::config::Config;
use crate::mix::Mix;
use crate::mix::finding::RuleId;
use crate::mix::rules::{EPSILON, Shape, Totals};

/// The rules (places in `Rules`) a week of these categories, one per position
/// (`None`: empty, or a post that leaves), breaks, each once.
struct Judge<'a> {
    mix: &'a Mix<'a>,
    m: &'a Model,
}

impl Judge<'_> {
    fn features(&self, cats: &[Option<usize>]) -> Vec<f64> {
        let m = self.m;
        let n = m.features - 2;
        let mut f = vec![0.0; m.features];
        for (p, c) in cats.iter().enumerate() {
            let Some(c) = c else { continue };
            f[*c] += 1.0;
            f[n] += 1.0;
            f[n + 1] += f64::from(minutes_at(self.mix.config, m, p, *c));
        }
        f
    }

    fn failing(&self, cats: &[Option<usize>]) -> Vec<usize> {
        let m = self.m;
        let f = self.features(cats);
        let mut out: Vec<usize> = m
            .constraints
            .iter()
            .filter(|c| !c.guard)
            .filter(|c| {
                c.row.iter().zip(&f).map(|(a, b)| a * b).sum::<f64>() < c.at_least - EPSILON
            })
            .map(|c| c.rule)
            .collect();
        out.extend(m.long_runs(cats));
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The rules failing with `alt` that do not fail with `now`.
    fn broken(&self, now: &[usize], alt: &[Option<usize>]) -> Vec<usize> {
        self.failing(alt)
            .into_iter()
            .filter(|r| !now.contains(r))
            .collect()
    }
}

/// The categories of the positions as the plan shows the week: the proposals
/// in their slots, the week's posts as they are (the plan's changes are
/// advice on top).
fn shown(m: &Model, choice: &[Choice]) -> Vec<Option<usize>> {
    (0..m.positions.len())
        .map(|p| match m.positions[p].source {
            Source::Slot(_) => m.category(p, choice[p]),
            Source::Post(_) => m.positions[p].default,
        })
        .collect()
}

/// Why each filled slot (by its index among the open slots) holds its
/// category: the rules any other category, or leaving it empty, would break;
/// else where the week stands on the first rule that counts it.
pub(super) fn reasons(mix: &Mix, m: &Model, choice: &[Choice]) -> HashMap<usize, Reason> {
    let rules: Vec<_> = mix.rules.iter().collect();
    let judge = Judge { mix, m };
    let cats = shown(m, choice);
    let now = judge.failing(&cats);
    let f = judge.features(&cats);
    let n = m.features - 2;
    let counts: Vec<u32> = f[..n].iter().map(|x| *x as u32).collect();
    let totals = Totals {
        counts: &counts,
        total: f[n] as u32,
        minutes: f[n + 1] as u32,
    };
    let mut out = HashMap::new();
    for (p, pos) in m.positions.iter().enumerate() {
        let (Source::Slot(j), Some(chosen)) = (pos.source, cats[p]) else {
            continue;
        };
        let others = m
            .classes
            .iter()
            .filter(|class| m.class_of[class.category] != m.class_of[chosen])
            .map(|class| Some(class.category));
        let mut needed: Option<Vec<usize>> = None;
        for other in others.chain([None]) {
            let mut alt = cats.clone();
            alt[p] = other;
            let broken = judge.broken(&now, &alt);
            needed = Some(match needed {
                None => broken,
                Some(prev) => prev.into_iter().filter(|r| broken.contains(r)).collect(),
            });
        }
        let needed = needed.unwrap_or_default();
        let reason = if !needed.is_empty() {
            Reason::Needed(
                needed
                    .iter()
                    .map(|&r| (rules[r].id.clone(), rules[r].kind.target()))
                    .collect(),
            )
        } else {
            // The first rule on totals that counts the category, with its numbers.
            m.totals_rules
                .iter()
                .find(|&&r| {
                    m.constraints
                        .iter()
                        .any(|c| c.rule == r && !c.guard && c.row[chosen].abs() > EPSILON)
                        && matches!(rules[r].shape(), Shape::Totals(_))
                })
                .and_then(|&r| {
                    rules[r]
                        .kind
                        .measure(&totals)
                        .map(|v| Reason::Standing(rules[r].id.clone(), v))
                })
                .unwrap_or(Reason::Fits)
        };
        out.insert(j, reason);
    }
    out
}

/// The slots the plan leaves empty (by index among the open slots), and the
/// rules one more post in the first of them would break, whatever category
/// the planner may put there, in config order.
pub(super) fn unfilled(mix: &Mix, m: &Model, choice: &[Choice]) -> (Vec<usize>, Vec<RuleId>) {
    let judge = Judge { mix, m };
    let cats = shown(m, choice);
    let empty: Vec<(usize, usize)> = m
        .positions
        .iter()
        .enumerate()
        .filter_map(|(p, pos)| match pos.source {
            Source::Slot(j) if cats[p].is_none() => Some((p, j)),
            _ => None,
        })
        .collect();
    let Some(&(first, _)) = empty.first() else {
        return (Vec::new(), Vec::new());
    };
    let now = judge.failing(&cats);
    let mut because: Vec<usize> = Vec::new();
    let group = m.positions[first].group;
    for var in m.vars.iter().filter(|v| v.group == group) {
        let mut alt = cats.clone();
        alt[first] = var.category;
        because.extend(judge.broken(&now, &alt));
    }
    because.sort_unstable();
    because.dedup();
    (
        empty.into_iter().map(|(_, j)| j).collect(),
        because
            .into_iter()
            .map(|r| mix.rules.rule(r).id.clone())
            .collect(),
    )
}

/// The minutes of the post at a position if it held category `c`.
fn minutes_at(config: &Config, m: &Model, p: usize, c: usize) -> u32 {
    let pos = &m.positions[p];
    if pos.own_minutes || pos.default == Some(c) {
        pos.minutes
    } else {
        config.categories[c].minutes
    }
}
