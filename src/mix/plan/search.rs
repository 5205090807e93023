//! One search for the whole week, for the repair and for the planner.
//!
//! A repair is the smallest set of changes, up to [`MOST_CHANGES`], and among
//! sets as small the cheapest: recategorising an idea costs least, then a
//! planned post (both toward a category that is not promotional), then adding
//! a post in an open slot, then making a post promotional (business), then
//! moving a post to another week. No post is turned into a partner post or a
//! contest, and a contest or a post naming its partner keeps its category.
//! (Removing an idea does to the week what moving it does and costs more, so
//! the search only needs it where nothing can move on.) The planner fills every open
//! slot, with no change to the week's posts if it can, else with the fewest as
//! above; when nothing balances the week it leaves the fewest findings. Before
//! searching, it says what no change can mend: rules the published and past
//! posts alone break, or rules that cannot all hold together.

use super::Blocked;
use super::bundle::{Budget, Bundle, Query, bundles, relaxation};
use super::lp;
use super::model::{Kind, Mode, Model};
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

    fn key(&self) -> (u32, u32, f64, u64) {
        (
            self.findings(),
            self.bundle.ranks,
            self.bundle.calm,
            self.arrangement.cost,
        )
    }

    fn better_than(&self, other: &Found) -> bool {
        let (a, b) = (self.key(), other.key());
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then(a.2.total_cmp(&b.2))
            .then(a.3.cmp(&b.3))
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

/// The smallest set of changes after which every rule holds, cheapest first.
pub(super) fn repair(m: &Model, rules: &Rules, nodes: u64) -> Outcome {
    let mut budget = Budget::new(nodes);
    let required = vec![true; m.constraints.len()];
    if let Some(blocked) = locked(m, rules) {
        return done(None, Some(blocked), &budget);
    }
    let Some(at_least) = fewest_changes(m, MOST_TIER, &required) else {
        return done(None, Some(Blocked::Conflict), &budget);
    };
    if at_least > MOST_CHANGES {
        let blocked = Blocked::TooFar {
            at_least,
            limit: MOST_CHANGES,
        };
        return done(None, Some(blocked), &budget);
    }
    let found = cheapest(m, rules, &required, &mut budget);
    let blocked = found.is_none().then_some(Blocked::NotWithin {
        limit: MOST_CHANGES,
        cut: budget.cut,
    });
    done(found, blocked, &budget)
}

/// A category for every open slot, so that every rule holds with the fewest
/// changes to the week's own posts (none if it can be done without).
pub(super) fn plan(m: &Model, rules: &Rules, nodes: u64) -> Outcome {
    let mut budget = Budget::new(nodes);
    let required = vec![true; m.constraints.len()];
    let clean = locked(m, rules).is_none();
    let reachable = fewest_changes(m, MOST_TIER, &required);
    if clean
        && reachable.is_some_and(|k| k <= MOST_CHANGES)
        && let Some(found) = cheapest(m, rules, &required, &mut budget)
    {
        return done(Some(found), None, &budget);
    }
    // Nothing balances the week: fill the slots leaving the fewest findings,
    // changing none of the week's posts, and say what blocks it.
    let blocked = locked(m, rules)
        .or_else(|| slots_alone(m, rules))
        .unwrap_or(match reachable {
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

/// The fewest changes first (none at all for the planner, if its slots alone
/// can do it), and among as many the cheapest kinds: the first bundles whose
/// arrangement leaves no finding, the best of them.
fn cheapest(m: &Model, rules: &Rules, required: &[bool], budget: &mut Budget) -> Option<Found> {
    let at_least = fewest_changes(m, MOST_TIER, required)?;
    let first = if m.mode == Mode::Plan {
        0
    } else {
        at_least.max(1)
    };
    for k in first.max(at_least)..=MOST_CHANGES {
        let q = Query {
            max_tier: MOST_TIER,
            changes: k,
            required,
        };
        if let Some(found) = first_clean(m, rules, q, budget) {
            return Some(found);
        }
        if budget.cut {
            return None;
        }
    }
    None
}

/// Vars of every tier.
const MOST_TIER: u8 = 6;

/// Among the bundles of a query, cheapest and calmest first, the best whose
/// arrangement has no run over its limit.
fn first_clean(m: &Model, rules: &Rules, q: Query, budget: &mut Budget) -> Option<Found> {
    let mut best: Option<Found> = None;
    for bundle in bundles(m, rules, &q, budget) {
        if best
            .as_ref()
            .is_some_and(|b| bundle.ranks > b.bundle.ranks || bundle.calm > b.bundle.calm + EPSILON)
        {
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
/// the week's posts: totals rules are let go one, two, … at a time.
fn fewest_findings(m: &Model, rules: &Rules, budget: &mut Budget) -> Option<Found> {
    let totals: Vec<usize> = m.totals_rules.clone();
    let mut best: Option<Found> = None;
    for letting_go in 0..=totals.len() {
        if best
            .as_ref()
            .is_some_and(|b| b.findings() <= letting_go as u32)
        {
            break;
        }
        for subset in subsets(totals.len(), letting_go) {
            let gone: Vec<usize> = subset.iter().map(|&i| totals[i]).collect();
            let required: Vec<bool> = m
                .constraints
                .iter()
                .map(|c| !gone.contains(&c.rule))
                .collect();
            let q = Query {
                max_tier: 0,
                changes: 0,
                required: &required,
            };
            for bundle in bundles(m, rules, &q, budget) {
                if best.as_ref().is_some_and(|b| bundle.failing > b.findings()) {
                    continue;
                }
                let Some(arrangement) = arrange(m, &bundle.counts, budget) else {
                    break;
                };
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

/// The fewest changes, of tier at most `tier`, after which every required
/// constraint can hold, by the relaxation (fractional changes allowed): a lower
/// bound for whole ones. `None` when even fractional ones cannot.
fn fewest_changes(m: &Model, tier: u8, required: &[bool]) -> Option<u32> {
    let vars: Vec<usize> = (0..m.vars.len())
        .filter(|&v| m.groups[m.vars[v].group].mandatory || m.vars[v].tier <= tier)
        .collect();
    let required: Vec<usize> = (0..m.constraints.len()).filter(|&r| required[r]).collect();
    let size = |g: usize| m.groups[g].positions.len() as u32;
    let rows = relaxation(m, &vars, &size, None, &required, &m.base_sum);
    let cost: Vec<f64> = vars
        .iter()
        .map(|&v| f64::from(u8::from(m.vars[v].counts())))
        .collect();
    let least = lp::minimize(&cost, &rows)?;
    Some((least - 1e-6).ceil().max(0.0).min(f64::from(u32::MAX)) as u32)
}

/// Whether a constraint can hold at all with every change allowed: every group
/// takes its best var for it (the open slots only when they must be filled,
/// unless `slots_free`).
fn can_hold(m: &Model, r: usize, slots_free: bool) -> bool {
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
        let forced = group.mandatory && !slots_free;
        let gain = if forced { best } else { best.max(0.0) };
        sum += gain * group.positions.len() as f64;
    }
    sum >= m.constraints[r].at_least - EPSILON
}

/// The rules the published and past posts alone break: a totals rule no change
/// of the other posts can meet, or a run of locked posts over its limit with
/// nothing between them that could break it.
fn locked(m: &Model, rules: &Rules) -> Option<Blocked> {
    let mut ids: Vec<usize> = Vec::new();
    for (r, c) in m.constraints.iter().enumerate() {
        if !c.guard && !can_hold(m, r, true) && !ids.contains(&c.rule) {
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

/// The rules that filling every open slot rules out, though a repair that
/// leaves some empty could meet them.
fn slots_alone(m: &Model, rules: &Rules) -> Option<Blocked> {
    let mut ids: Vec<usize> = Vec::new();
    for (r, c) in m.constraints.iter().enumerate() {
        if !c.guard && !can_hold(m, r, false) && can_hold(m, r, true) && !ids.contains(&c.rule) {
            ids.push(c.rule);
        }
    }
    (!ids.is_empty()).then(|| Blocked::Slots {
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
