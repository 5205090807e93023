//! One search for the whole week, for the repair and for the planner.
//!
//! A repair is the smallest set of changes, up to [`MOST_CHANGES`], and among
//! sets as small the cheapest: recategorising an idea costs least, then a
//! planned post (both only toward a category that is not promotional: a post
//! is never made a business, partner or contest post), then adding a post in
//! an open slot, then moving a post to another week. A contest or a post
//! naming its partner keeps its category.
//! (Removing an idea does to the week what moving it does and costs more, so
//! the search only needs it where nothing can move on.)
//!
//! The planner changes the week's posts only where the week cannot hold
//! otherwise (the fewest changes, as above, never one to make room for a
//! proposal), then fills as many open slots as keep every rule holding, with
//! the fewest promotional posts: everyday posts fill a week, the others go
//! where a rule needs them. When nothing balances the week it leaves the
//! fewest findings, making none worse. Before searching, it says what no
//! change can mend: rules the published and past posts alone break, or rules
//! that cannot all hold together.

use super::Blocked;
use super::bundle::{Budget, Bundle, Query, bundles, relaxation};
use super::lp::{self, Answer, Cmp, Row};
use super::model::{Choice, Kind, Model};
use super::order::{Arrangement, arrange};
use crate::mix::finding::RuleId;
use crate::mix::rules::{EPSILON, Rules};

/// A repair or plan changes at most this many posts.
pub(crate) const MOST_CHANGES: u32 = 12;

/// The best the search found.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub(crate) bundle: Bundle,
    pub(crate) arrangement: Arrangement,
}

impl Found {
    /// Findings the search counts for it: totals rules let go, and runs.
    pub(super) fn findings(&self) -> u32 {
        self.bundle.failing + self.arrangement.findings
    }

    /// Fewest findings, then the most of the planner's slots filled, then the
    /// cheapest kinds of change, the fewest promotional posts added, the
    /// calmest totals and the best arrangement.
    fn better_than(&self, other: &Found) -> bool {
        let key = |f: &Found| {
            (
                f.findings(),
                std::cmp::Reverse(f.bundle.fills),
                f.bundle.ranks,
                f.bundle.promos,
            )
        };
        key(self)
            .cmp(&key(other))
            .then(self.bundle.calm.total_cmp(&other.bundle.calm))
            .then(self.arrangement.cost.cmp(&other.arrangement.cost))
            .is_lt()
    }
}

#[derive(Debug, Clone)]
pub(super) struct Outcome {
    pub(crate) found: Option<Found>,
    /// What keeps the week from balancing, when it does not.
    pub(crate) blocked: Option<Blocked>,
    /// False when the bound cut the search.
    pub(crate) complete: bool,
    pub(crate) nodes: u64,
}

/// Each constraint's own bound: every rule must hold.
fn holding(m: &Model) -> Vec<f64> {
    m.constraints.iter().map(|c| c.at_least).collect()
}

/// The smallest set of changes after which every rule holds, cheapest first.
pub(super) fn repair(m: &Model, rules: &Rules, nodes: u64) -> Outcome {
    let mut budget = Budget::new(nodes);
    let floor = holding(m);
    if let Some(blocked) = locked(m, rules) {
        return done(None, Some(blocked), &budget);
    }
    let Some(at_least) = fewest_changes(m, &floor) else {
        return done(None, Some(Blocked::Conflict), &budget);
    };
    if at_least > MOST_CHANGES {
        let blocked = Blocked::TooFar {
            at_least,
            limit: MOST_CHANGES,
        };
        return done(None, Some(blocked), &budget);
    }
    let found = cheapest(m, rules, &floor, at_least.max(1), &mut budget);
    let blocked = found.is_none().then_some(Blocked::NotWithin {
        limit: MOST_CHANGES,
        cut: budget.cut,
    });
    done(found, blocked, &budget)
}

/// Categories for the open slots, so that every rule holds: the fewest
/// changes to the week's own posts (none when the week can hold without),
/// then as many slots filled as keep every rule holding. A slot is never
/// filled at the price of a change to the week's posts.
pub(super) fn plan(m: &Model, rules: &Rules, nodes: u64) -> Outcome {
    let mut budget = Budget::new(nodes);
    let floor = holding(m);
    let clean = locked(m, rules).is_none();
    let reachable = fewest_changes(m, &floor);
    if clean
        && let Some(at_least) = reachable.filter(|k| *k <= MOST_CHANGES)
        && let Some(found) = cheapest(m, rules, &floor, at_least, &mut budget)
    {
        return done(Some(found), None, &budget);
    }
    // Nothing balances the week: fill the slots leaving the fewest findings,
    // changing none of the week's posts, and say what blocks it.
    let blocked = locked(m, rules).unwrap_or(match reachable {
        None => Blocked::Conflict,
        Some(at_least) if at_least > MOST_CHANGES => Blocked::TooFar {
            at_least,
            limit: MOST_CHANGES,
        },
        Some(_) => Blocked::NotWithin {
            limit: MOST_CHANGES,
            cut: budget.cut,
        },
    });
    let mut fallback = Budget::new(nodes / 2 + 1);
    let found = fewest_findings(m, rules, &mut fallback);
    budget.cut |= fallback.cut;
    budget.used += fallback.used;
    done(found, Some(blocked), &budget)
}

fn done(found: Option<Found>, blocked: Option<Blocked>, budget: &Budget) -> Outcome {
    Outcome {
        found,
        blocked,
        complete: !budget.cut,
        nodes: budget.used,
    }
}

/// The fewest changes from `first` on, and with as many the most of the
/// planner's slots filled: the first bundles whose arrangement leaves no
/// finding, the best of them.
fn cheapest(
    m: &Model,
    rules: &Rules,
    floor: &[f64],
    first: u32,
    budget: &mut Budget,
) -> Option<Found> {
    for k in first..=MOST_CHANGES {
        let Some(most) = most_fills(m, Some(k), MOST_TIER, floor) else {
            continue;
        };
        for fill in (0..=most).rev() {
            let q = Query {
                max_tier: MOST_TIER,
                changes: k,
                fill,
                floor,
            };
            if let Some(found) = first_clean(m, rules, q, budget) {
                return Some(found);
            }
            if budget.cut {
                return None;
            }
        }
    }
    None
}

/// Vars of every tier.
const MOST_TIER: u8 = 5;

/// Among the bundles of a query, cheapest and calmest first, the best whose
/// arrangement has no run over its limit.
fn first_clean(m: &Model, rules: &Rules, q: Query, budget: &mut Budget) -> Option<Found> {
    let mut best: Option<Found> = None;
    for bundle in bundles(m, rules, &q, budget) {
        if best.as_ref().is_some_and(|b| {
            (bundle.ranks, bundle.promos) > (b.bundle.ranks, b.bundle.promos)
                || bundle.calm > b.bundle.calm + EPSILON
        }) {
            break;
        }
        let Some(arrangement) = arrange(m, &bundle.counts, budget) else {
            break;
        };
        if arrangement.findings > 0 {
            continue;
        }
        let found = Found {
            bundle,
            arrangement,
        };
        if best.as_ref().is_none_or(|b| found.better_than(b)) {
            best = Some(found);
        }
    }
    best
}

/// The filling of the open slots with the fewest findings, changing none of
/// the week's posts. Rules that hold keep holding; of those that fail, as
/// many as the slots can mend are mended (the others let go one, two, … at a
/// time), and a rule let go gets no worse than it is.
fn fewest_findings(m: &Model, rules: &Rules, budget: &mut Budget) -> Option<Found> {
    let failing: Vec<usize> = m
        .totals_rules
        .iter()
        .copied()
        .filter(|&r| {
            m.constraints
                .iter()
                .zip(&m.base_sum)
                .any(|(c, s)| c.rule == r && !c.guard && *s < c.at_least - EPSILON)
        })
        .collect();
    // Runs over their limit now; a filling may not make another one.
    let keep = vec![Choice::Keep; m.positions.len()];
    let runs_now = m.long_runs(&m.categories(&keep));
    let mut best: Option<Found> = None;
    for letting_go in 0..=failing.len() {
        if best
            .as_ref()
            .is_some_and(|b| b.findings() <= letting_go as u32)
        {
            break;
        }
        for subset in subsets(failing.len(), letting_go) {
            let gone: Vec<usize> = subset.iter().map(|&i| failing[i]).collect();
            let floor: Vec<f64> = m
                .constraints
                .iter()
                .zip(&m.base_sum)
                .map(|(c, s)| {
                    if gone.contains(&c.rule) {
                        c.at_least.min(*s)
                    } else {
                        c.at_least
                    }
                })
                .collect();
            let Some(most) = most_fills(m, Some(0), 0, &floor) else {
                continue;
            };
            for fill in (0..=most).rev() {
                let q = Query {
                    max_tier: 0,
                    changes: 0,
                    fill,
                    floor: &floor,
                };
                let mut any = false;
                for bundle in bundles(m, rules, &q, budget) {
                    if best.as_ref().is_some_and(|b| bundle.failing > b.findings()) {
                        continue;
                    }
                    let Some(arrangement) = arrange(m, &bundle.counts, budget) else {
                        break;
                    };
                    let runs = m.long_runs(&m.categories(&arrangement.choice));
                    if runs.iter().any(|r| !runs_now.contains(r)) {
                        continue;
                    }
                    any = true;
                    let found = Found {
                        bundle,
                        arrangement,
                    };
                    if best.as_ref().is_none_or(|b| found.better_than(b)) {
                        best = Some(found);
                    }
                    if budget.cut {
                        return best;
                    }
                }
                if any || budget.cut {
                    break;
                }
            }
        }
    }
    best
}

/// Every subset of `n` things of size `k`, in order.
fn subsets(n: usize, k: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut pick: Vec<usize> = (0..k).collect();
    if k > n {
        return out;
    }
    loop {
        out.push(pick.clone());
        let mut i = k;
        loop {
            if i == 0 {
                return out;
            }
            i -= 1;
            if pick[i] < n - k + i {
                pick[i] += 1;
                for j in i + 1..k {
                    pick[j] = pick[j - 1] + 1;
                }
                break;
            }
        }
    }
}

/// The relaxation of the week from where it stands: its vars (the planner's
/// slots and the changes of tier at most `tier`) and rows (each group up to
/// its size, exactly `changes` changes when given, every constraint up to its
/// floor).
fn relaxed(m: &Model, tier: u8, changes: Option<u32>, floor: &[f64]) -> (Vec<usize>, Vec<Row>) {
    let vars: Vec<usize> = (0..m.vars.len())
        .filter(|&v| m.groups[m.vars[v].group].fill || m.vars[v].tier <= tier)
        .collect();
    let required: Vec<usize> = (0..floor.len()).filter(|&r| floor[r].is_finite()).collect();
    let size = |g: usize| (Cmp::AtMost, m.groups[g].positions.len() as u32);
    let rows = relaxation(m, &vars, &size, changes, &required, floor, &m.base_sum);
    (vars, rows)
}

/// The most of the planner's slots that can be filled with `changes` changes
/// (any number when `None`) of tier at most `tier`, every constraint up to its
/// floor, by the relaxation: an upper bound for whole amounts. `None` when not
/// even fractional ones meet the floors; 0 when there are no planner's slots.
fn most_fills(m: &Model, changes: Option<u32>, tier: u8, floor: &[f64]) -> Option<u32> {
    let (vars, rows) = relaxed(m, tier, changes, floor);
    let slots: u32 = m
        .groups
        .iter()
        .filter(|g| g.fill)
        .map(|g| g.positions.len() as u32)
        .sum();
    let cost: Vec<f64> = vars
        .iter()
        .map(|&v| -f64::from(u8::from(m.groups[m.vars[v].group].fill)))
        .collect();
    match lp::solve(&cost, &rows) {
        Answer::Infeasible => None,
        Answer::Unknown => Some(slots),
        Answer::Least(v) => Some(((-v) + 1e-6).floor().clamp(0.0, f64::from(slots)) as u32),
    }
}

/// The fewest changes after which every constraint can reach its floor, by
/// the relaxation (fractional changes allowed, the planner's slots filled as
/// it likes): a lower bound for whole ones. `None` when even fractional ones
/// cannot.
fn fewest_changes(m: &Model, floor: &[f64]) -> Option<u32> {
    let (vars, rows) = relaxed(m, MOST_TIER, None, floor);
    let cost: Vec<f64> = vars
        .iter()
        .map(|&v| f64::from(u8::from(m.vars[v].counts())))
        .collect();
    let least = lp::minimize(&cost, &rows)?;
    Some((least - 1e-6).ceil().max(0.0).min(f64::from(u32::MAX)) as u32)
}

/// Whether a constraint can hold at all with every change allowed: every group
/// takes its best var for it, or none.
fn can_hold(m: &Model, r: usize) -> bool {
    let mut sum = m.base_sum[r];
    for (g, group) in m.groups.iter().enumerate() {
        let best = m
            .vars
            .iter()
            .enumerate()
            .filter(|(_, v)| v.group == g)
            .map(|(v, _)| m.coef[r][v])
            .fold(f64::NEG_INFINITY, f64::max);
        if !best.is_finite() {
            continue;
        }
        sum += best.max(0.0) * group.positions.len() as f64;
    }
    sum >= m.constraints[r].at_least - EPSILON
}

/// The rules the published and past posts alone break: a totals rule no change
/// of the other posts can meet, or a run of locked posts over its limit with
/// nothing between them that could break it.
fn locked(m: &Model, rules: &Rules) -> Option<Blocked> {
    let mut ids: Vec<usize> = Vec::new();
    for (r, c) in m.constraints.iter().enumerate() {
        if !c.guard && !can_hold(m, r) && !ids.contains(&c.rule) {
            ids.push(c.rule);
        }
    }
    for (i, run) in m.runs.iter().enumerate() {
        let breakable = m
            .classes
            .iter()
            .any(|k| m.run_bits[k.category] & (1 << i) == 0);
        let mut len = 0u32;
        let mut over = false;
        for pos in &m.positions {
            let group = &m.groups[pos.group];
            if group.kind != Kind::Locked {
                if breakable {
                    len = 0;
                }
                continue;
            }
            let member = pos.default.is_some_and(|c| m.run_bits[c] & (1 << i) != 0);
            len = if member { len + 1 } else { 0 };
            over |= len > run.max;
        }
        if over && !ids.contains(&run.rule) {
            ids.push(run.rule);
        }
    }
    ids.sort_unstable();
    (!ids.is_empty()).then(|| Blocked::Locked {
        rules: ids.into_iter().map(|r| id(rules, r)).collect(),
    })
}

fn id(rules: &Rules, r: usize) -> RuleId {
    rules.rule(r).id.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsets_come_in_order() {
        assert_eq!(subsets(3, 2), [vec![0, 1], vec![0, 2], vec![1, 2]]);
        assert_eq!(subsets(2, 0), [Vec::<usize>::new()]);
        assert!(subsets(1, 2).is_empty());
    }
}
