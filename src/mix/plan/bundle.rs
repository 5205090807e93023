//! The first half of the search: how many positions of each group take each
//! change (a bundle), such that every required constraint holds on the week's
//! totals. A depth-first search over the vars with branch and bound: at every
//! node, each constraint must still be reachable with the changes left (the
//! best gains of the remaining vars, which no choice can beat).

use super::lp::{self, Cmp, Row};
use super::model::{Model, Op, minutes_feature, total_feature};
use crate::mix::rules::{EPSILON, Rules, Totals};

/// The search's own bound: every node visited and every arrangement state
/// costs one unit. When it runs out the search stops and says so.
#[derive(Debug, Clone)]
pub(super) struct Budget {
    left: u64,
    pub(crate) used: u64,
    pub(crate) cut: bool,
}

impl Budget {
    pub(super) fn new(nodes: u64) -> Budget {
        Budget {
            left: nodes,
            used: 0,
            cut: false,
        }
    }

    /// Takes `n` units; false (and marks the search cut) when they are not left.
    pub(super) fn spend(&mut self, n: u64) -> bool {
        if self.left < n {
            self.left = 0;
            self.cut = true;
            return false;
        }
        self.left -= n;
        self.used += n;
        true
    }

    pub(super) fn left(&self) -> u64 {
        self.left
    }
}

/// How many positions take each var, and what that costs.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Bundle {
    pub(crate) counts: Vec<u32>,
    /// Changes to the week's posts and adds in open slots (the planner's
    /// slots are not counted).
    pub(crate) changes: u32,
    /// The planner's slots filled.
    pub(crate) fills: u32,
    /// The sum of the changes' tiers: cheaper kinds of change first.
    pub(crate) ranks: u32,
    /// Promotional posts added (in the planner's slots or by a repair):
    /// everyday posts fill a week; the others only where the week needs them.
    pub(crate) promos: u32,
    /// How far the totals rules sit from the middle of their targets.
    pub(crate) calm: f64,
    /// Totals rules that fail under the bundle (only when some were let go).
    pub(crate) failing: u32,
}

/// What to look for.
#[derive(Debug, Clone, Copy)]
pub(super) struct Query<'a> {
    /// Vars of a higher tier are not used.
    pub(crate) max_tier: u8,
    /// Exactly this many counted changes.
    pub(crate) changes: u32,
    /// Exactly this many of the planner's slots filled.
    pub(crate) fill: u32,
    /// Per constraint: the least its value must reach (its own `at_least`
    /// when it must hold, less for a rule let go), or `-∞` when it is free.
    pub(crate) floor: &'a [f64],
}

impl Query<'_> {
    /// The constraints with a floor.
    fn required(&self) -> Vec<usize> {
        (0..self.floor.len())
            .filter(|&r| self.floor[r].is_finite())
            .collect()
    }
}

/// Bundles are kept up to this many; beyond it only the calmest half stay.
const MOST_LEAVES: usize = 4096;

/// Every bundle that meets the query, cheapest and then calmest first, up to
/// [`MOST_LEAVES`] of them.
pub(super) fn bundles(m: &Model, rules: &Rules, q: &Query, budget: &mut Budget) -> Vec<Bundle> {
    let fills: Vec<usize> = (0..m.vars.len())
        .filter(|&v| m.groups[m.vars[v].group].fill)
        .collect();
    let mut optional: Vec<usize> = (0..m.vars.len())
        .filter(|&v| {
            let var = &m.vars[v];
            !m.groups[var.group].fill && var.tier <= q.max_tier
        })
        .collect();
    optional.sort_by_key(|&v| (m.vars[v].tier, m.vars[v].group, v));
    // The changes first, then the planner's slots, `q.fill` of them: a bundle
    // of changes the relaxation rules out is dropped before any filling is
    // tried.
    let fill_start = optional.len();
    let order: Vec<usize> = optional.into_iter().chain(fills).collect();
    let fill_count = q.fill;
    let required = q.required();

    // For each required constraint: the best coefficient of the slots' vars
    // from each place on, and the optional vars with a gain, best first.
    let fill_max: Vec<Vec<f64>> = (0..m.constraints.len())
        .map(|r| {
            let mut best = vec![f64::NEG_INFINITY; order.len() + 1];
            for i in (fill_start..order.len()).rev() {
                best[i] = best[i + 1].max(m.coef[r][order[i]]);
            }
            for i in (0..fill_start).rev() {
                best[i] = best[fill_start];
            }
            best
        })
        .collect();
    let gains: Vec<Vec<(usize, f64, u32)>> = (0..m.constraints.len())
        .map(|r| {
            let mut g: Vec<(usize, f64, u32)> = (0..fill_start)
                .filter_map(|i| {
                    let v = order[i];
                    let c = m.coef[r][v];
                    let cap = m.groups[m.vars[v].group].positions.len() as u32;
                    (c > EPSILON).then_some((i, c, cap))
                })
                .collect();
            g.sort_by(|a, b| b.1.total_cmp(&a.1));
            g
        })
        .collect();
    let mut dfs = Dfs {
        m,
        rules,
        order,
        fill_start,
        k: q.changes,
        fill_total: q.fill,
        floor: q.floor,
        required,
        fill_max,
        gains,
        sums: m.base_sum.clone(),
        cap: m.groups.iter().map(|g| g.positions.len() as u32).collect(),
        counts: vec![0; m.vars.len()],
        changes: 0,
        ranks: 0,
        fill_left: fill_count,
        leaves: Vec::new(),
        budget,
    };
    dfs.go(0);
    let mut leaves = dfs.leaves;
    leaves.sort_by(cheapest_calmest);
    leaves
}

struct Dfs<'a, 'b> {
    m: &'a Model,
    rules: &'a Rules,
    order: Vec<usize>,
    /// Vars from here on fill the planner's slots.
    fill_start: usize,
    k: u32,
    fill_total: u32,
    floor: &'a [f64],
    required: Vec<usize>,
    fill_max: Vec<Vec<f64>>,
    gains: Vec<Vec<(usize, f64, u32)>>,
    sums: Vec<f64>,
    cap: Vec<u32>,
    counts: Vec<u32>,
    changes: u32,
    ranks: u32,
    fill_left: u32,
    leaves: Vec<Bundle>,
    budget: &'b mut Budget,
}

impl Dfs<'_, '_> {
    fn go(&mut self, i: usize) {
        if !self.budget.spend(1) {
            return;
        }
        if i == self.order.len() {
            self.leaf();
            return;
        }
        if !self.reachable(i) || !self.relaxed(i) {
            return;
        }
        let v = self.order[i];
        let g = self.m.vars[v].group;
        let filling = i >= self.fill_start;
        let (lo, hi) = if filling {
            let hi = self.fill_left.min(self.cap[g]);
            let lo = if i + 1 == self.order.len() {
                self.fill_left
            } else {
                0
            };
            (lo, hi)
        } else {
            (0, self.cap[g].min(self.k - self.changes))
        };
        if lo > hi {
            return;
        }
        let values: Box<dyn Iterator<Item = u32>> = if filling {
            Box::new((lo..=hi).rev())
        } else {
            Box::new(lo..=hi)
        };
        for n in values {
            self.set(v, i64::from(n));
            self.go(i + 1);
            self.set(v, -i64::from(n));
            if self.budget.cut {
                return;
            }
        }
    }

    fn set(&mut self, v: usize, n: i64) {
        if n == 0 {
            return;
        }
        let var = &self.m.vars[v];
        self.counts[v] = (i64::from(self.counts[v]) + n) as u32;
        self.cap[var.group] = (i64::from(self.cap[var.group]) - n) as u32;
        for (r, sum) in self.sums.iter_mut().enumerate() {
            *sum += self.m.coef[r][v] * n as f64;
        }
        if var.counts() {
            self.changes = (i64::from(self.changes) + n) as u32;
            self.ranks = (i64::from(self.ranks) + n * i64::from(var.tier)) as u32;
        }
        if self.m.groups[var.group].fill {
            self.fill_left = (i64::from(self.fill_left) - n) as u32;
        }
    }

    /// Whether, from var `i` on, every required constraint can still hold.
    fn reachable(&self, i: usize) -> bool {
        let k_left = self.k - self.changes;
        for &r in &self.required {
            let mut gain = 0.0;
            if self.fill_left > 0 {
                gain += f64::from(self.fill_left) * self.fill_max[r][i];
            }
            let mut units = k_left;
            for &(at, c, cap) in &self.gains[r] {
                if units == 0 {
                    break;
                }
                if at < i {
                    continue;
                }
                let t = cap.min(units);
                gain += c * f64::from(t);
                units -= t;
            }
            if self.sums[r] + gain < self.floor[r] - EPSILON {
                return false;
            }
        }
        true
    }

    /// Whether fractional amounts of the vars from `i` on can meet every
    /// required constraint with exactly the changes left: if not, no whole
    /// amounts can.
    fn relaxed(&mut self, i: usize) -> bool {
        let vars = &self.order[i..];
        // With no changes left and no slot to fill, `reachable` was exact.
        if vars.len() <= 1 || (self.k == self.changes && self.fill_left == 0) {
            return true;
        }
        let m = self.m;
        let fill_left = self.fill_left;
        let cap = |g: usize| {
            if m.groups[g].fill {
                (Cmp::Equal, fill_left)
            } else {
                (Cmp::AtMost, self.cap[g])
            }
        };
        let rows = relaxation(
            m,
            vars,
            &cap,
            Some(self.k - self.changes),
            &self.required,
            self.floor,
            &self.sums,
        );
        // A programme costs the search in proportion to its size.
        let size = (rows.len() * vars.len()) as u64;
        if !self.budget.spend(size / 8) {
            return true;
        }
        lp::minimize(&vec![0.0; vars.len()], &rows).is_some()
    }

    fn leaf(&mut self) {
        if self.changes != self.k || self.fill_left != 0 {
            return;
        }

        if self
            .required
            .iter()
            .any(|&r| self.sums[r] < self.floor[r] - EPSILON)
        {
            return;
        }
        let (calm, failing) = weigh(self.m, self.rules, &self.counts, &self.sums);
        let promos = self
            .counts
            .iter()
            .enumerate()
            .filter(|(v, _)| {
                let var = &self.m.vars[*v];
                matches!(var.op, Op::Add(_)) && var.category.is_some_and(|c| self.m.promo[c])
            })
            .map(|(_, n)| n)
            .sum();
        self.leaves.push(Bundle {
            counts: self.counts.clone(),
            changes: self.changes,
            fills: self.fill_total,
            ranks: self.ranks,
            promos,
            calm,
            failing,
        });
        if self.leaves.len() > MOST_LEAVES {
            self.leaves.sort_by(cheapest_calmest);
            self.leaves.truncate(MOST_LEAVES / 2);
        }
    }
}

/// The rows of the relaxation of choosing amounts of `vars`: in each group as
/// `cap(g)` says (at most, or exactly, so many), exactly `changes` counted
/// changes when given, and every required constraint up to its floor from
/// where `sums` stand.
pub(super) fn relaxation(
    m: &Model,
    vars: &[usize],
    cap: &dyn Fn(usize) -> (Cmp, u32),
    changes: Option<u32>,
    required: &[usize],
    floor: &[f64],
    sums: &[f64],
) -> Vec<Row> {
    let row = |f: &dyn Fn(usize) -> f64, cmp: Cmp, rhs: f64| Row {
        coefs: vars.iter().map(|&v| f(v)).collect(),
        cmp,
        rhs,
    };
    let mut rows = Vec::new();
    let mut groups: Vec<usize> = vars.iter().map(|&v| m.vars[v].group).collect();
    groups.sort_unstable();
    groups.dedup();
    for g in groups {
        let (cmp, n) = cap(g);
        rows.push(row(
            &|v| f64::from(u8::from(m.vars[v].group == g)),
            cmp,
            f64::from(n),
        ));
    }
    if let Some(k) = changes {
        rows.push(row(
            &|v| f64::from(u8::from(m.vars[v].counts())),
            Cmp::Equal,
            f64::from(k),
        ));
    }
    for &r in required {
        rows.push(row(
            &|v| m.coef[r][v],
            Cmp::AtLeast,
            floor[r] - sums[r] - EPSILON,
        ));
    }
    rows
}

/// Cheaper kinds of change first, then the fewest promotional posts added,
/// then the calmest.
fn cheapest_calmest(a: &Bundle, b: &Bundle) -> std::cmp::Ordering {
    (a.ranks, a.promos)
        .cmp(&(b.ranks, b.promos))
        .then(a.calm.total_cmp(&b.calm))
}

/// The calm of a bundle (summed over the totals rules) and how many totals
/// rules fail under it.
pub(super) fn weigh(m: &Model, rules: &Rules, counts: &[u32], sums: &[f64]) -> (f64, u32) {
    let f = m.features(counts);
    let cats = m.features - 2;
    let category_counts: Vec<u32> = f[..cats]
        .iter()
        .map(|&x| x.max(0.0).round() as u32)
        .collect();
    let totals = Totals {
        counts: &category_counts,
        total: f[total_feature(cats)].max(0.0).round() as u32,
        minutes: f[minutes_feature(cats)].max(0.0).round() as u32,
    };
    let calm = m
        .totals_rules
        .iter()
        .map(|&r| rules.rule(r).kind.calm(&totals).min(1e6))
        .sum();
    let failing = m
        .totals_rules
        .iter()
        .filter(|&&r| {
            m.constraints
                .iter()
                .zip(sums)
                .any(|(c, s)| c.rule == r && !c.guard && *s < c.at_least - EPSILON)
        })
        .count() as u32;
    (calm, failing)
}
