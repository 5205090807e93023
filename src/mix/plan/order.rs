//! The second half of the search: given a bundle (how many positions of each
//! group take each change), which positions take them. A dynamic programme over
//! the week in time order finds the fewest runs over a limit, then changes on
//! the latest posts (the least settled, as a rule's own fix picks them), then
//! promotional posts spread furthest apart, then adds in the earliest slots. Its state is the changes used so far, the length of every
//! run and the distance since the last promotional post; when that is more
//! states than the bound allows, a greedy pass spreads each change evenly.

use super::bundle::Budget;
use super::model::{Choice, Model, Op, Step};

/// Distances between promotional posts from this many positions on count as
/// fully spread.
const SPREAD: u32 = 8;
/// One run over its limit outweighs everything else.
const FINDING: u64 = 1 << 52;
/// Which of the week's posts change outweighs spreading: a post a place later
/// costs one unit less.
const PLACE: u64 = 1 << 34;
/// Spreading outweighs which slots take the adds.
const SPREADING: u64 = 1 << 18;
/// Above this many states the arrangement is greedy.
const MOST_STATES: usize = 1 << 21;

/// Which change each position takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Arrangement {
    pub(crate) choice: Vec<Choice>,
    /// Runs over their limit, as the search counts them.
    pub(crate) findings: u32,
    pub(crate) cost: u64,
    /// False when the greedy pass chose, not the exact programme.
    pub(crate) exact: bool,
}

/// A position where something may be chosen: one of the bundle's vars for its
/// group, or to keep its post (or stay empty), as long as the group's other
/// positions can still take the bundle's count.
struct Decision {
    position: usize,
    group: usize,
    /// Vars of the bundle it may take: (var, place among the active vars).
    vars: Vec<(usize, usize)>,
    /// Decisions of the same group from this one on, this one included.
    group_rest: u32,
}

struct Setup<'a> {
    m: &'a Model,
    /// Active vars (taken at least once): var, how many times, stride in the key.
    active: Vec<(usize, u32, usize)>,
    decisions: Vec<Decision>,
    /// Steps of the positions with nothing to choose, before each decision and
    /// after the last.
    segments: Vec<Vec<Step>>,
    /// Product of the active counts plus one.
    used_states: usize,
    /// Per run rule, its radix in the run state: `max + 2`.
    radix: Vec<usize>,
    run_states: usize,
}

pub(super) fn arrange(m: &Model, counts: &[u32], budget: &mut Budget) -> Option<Arrangement> {
    let s = Setup::new(m, counts);
    let states = (s.decisions.len() + 1)
        .saturating_mul(s.used_states)
        .saturating_mul(s.run_states)
        .saturating_mul(SPREAD as usize);
    if states > MOST_STATES {
        return Some(s.greedy());
    }
    // What the bound has left is too little for the exact programme: the
    // greedy pass answers, and the search says it was cut.
    if (states as u64) > budget.left() {
        budget.spend(states as u64);
        return Some(s.greedy());
    }
    let mut dp = Dp {
        s: &s,
        memo: vec![u64::MAX; states],
        used: vec![0; s.active.len()],
        budget,
    };
    let (run, gap, start) = s.advance_all(0, 1, &s.segments[0]);
    let best = dp.value(0, 0, run, gap)?;
    let total = start.saturating_add(best);
    // Walk forward, taking at each decision the first option that keeps the optimum.
    let mut choice: Vec<Choice> = (0..m.positions.len()).map(|_| Choice::Keep).collect();
    let (mut at, mut run, mut gap) = (0usize, run, gap);
    for (d, dec) in s.decisions.iter().enumerate() {
        let here = dp.value(d, at, run, gap)?;
        let mut moved = false;
        for option in dp.options(d) {
            let Some((cost, r2, g2, at2)) = dp.step(d, option, at, run, gap) else {
                continue;
            };
            dp.take(option, 1);
            let rest = dp.value(d + 1, at2, r2, g2);
            if rest.is_some_and(|rest| cost.saturating_add(rest) == here) {
                if let Some((v, _)) = option {
                    choice[dec.position] = Choice::Var(v);
                }
                at = at2;
                run = r2;
                gap = g2;
                moved = true;
                break;
            }
            dp.take(option, -1);
        }
        if !moved {
            return None;
        }
    }
    Some(Arrangement {
        choice,
        findings: (total / FINDING) as u32,
        cost: total,
        exact: true,
    })
}

impl<'a> Setup<'a> {
    fn new(m: &'a Model, counts: &[u32]) -> Setup<'a> {
        let mut active = Vec::new();
        let mut used_states = 1usize;
        for (v, &n) in counts.iter().enumerate() {
            if n > 0 {
                active.push((v, n, used_states));
                used_states = used_states.saturating_mul(n as usize + 1);
            }
        }
        let group_active = |g: usize| -> Vec<(usize, usize)> {
            active
                .iter()
                .enumerate()
                .filter(|(_, (v, _, _))| m.vars[*v].group == g)
                .map(|(k, (v, _, _))| (*v, k))
                .collect()
        };
        let mut decisions = Vec::new();
        let mut segments = vec![Vec::new()];
        for (p, pos) in m.positions.iter().enumerate() {
            let vars = group_active(pos.group);
            if !vars.is_empty() {
                decisions.push(Decision {
                    position: p,
                    group: pos.group,
                    vars,
                    group_rest: 0,
                });
                segments.push(Vec::new());
            } else if let Some(c) = pos.default
                && let Some(last) = segments.last_mut()
            {
                last.push(m.step(c));
            }
        }
        let mut rest = vec![0u32; m.groups.len()];
        for d in decisions.iter_mut().rev() {
            rest[d.group] += 1;
            d.group_rest = rest[d.group];
        }
        let radix: Vec<usize> = m.runs.iter().map(|r| r.max as usize + 2).collect();
        let run_states = radix.iter().fold(1usize, |a, &r| a.saturating_mul(r));
        Setup {
            m,
            active,
            decisions,
            segments,
            used_states,
            radix,
            run_states,
        }
    }

    /// Moves one post on: the run state, the distance since the last
    /// promotional post, and the cost of the step.
    fn advance(&self, run: usize, gap: u32, step: Step) -> (usize, u32, u64) {
        let mut next = 0;
        let mut place = 1;
        let mut rest = run;
        let mut cost = 0;
        for (i, &radix) in self.radix.iter().enumerate() {
            let len = rest % radix;
            rest /= radix;
            let len2 = if step.bits & (1 << i) != 0 {
                (len + 1).min(radix - 1)
            } else {
                0
            };
            if len2 == radix - 1 && len == radix - 2 {
                cost += FINDING;
            }
            next += len2 * place;
            place *= radix;
        }
        let gap2 = if step.promo {
            cost += spread_penalty(gap);
            1
        } else {
            (gap + 1).min(SPREAD)
        };
        (next, gap2, cost)
    }

    fn advance_all(&self, mut run: usize, mut gap: u32, steps: &[Step]) -> (usize, u32, u64) {
        let mut cost = 0;
        for &s in steps {
            let (r, g, c) = self.advance(run, gap, s);
            run = r;
            gap = g;
            cost += c;
        }
        (run, gap, cost)
    }

    /// What choosing a var (or keeping) at a decision costs beyond the steps:
    /// changes go to the latest posts, adds (and the planner's posts) to the
    /// first slot of each day, earliest day first ([`super::model::Position::rank`]).
    fn tie(&self, d: usize, var: Option<usize>) -> u64 {
        let Some(v) = var else { return 0 };
        let var = &self.m.vars[v];
        let p = self.decisions[d].position as u64;
        let n = self.m.positions.len() as u64;
        match var.op {
            Op::Add(_) => self.m.positions[self.decisions[d].position].rank,
            _ => (n - p) * PLACE,
        }
    }

    fn step_of(&self, d: usize, var: Option<usize>) -> Option<Step> {
        let category = match var {
            None => self.m.positions[self.decisions[d].position].default,
            Some(v) => self.m.vars[v].category,
        };
        category.map(|c| self.m.step(c))
    }

    /// A pass that spreads every change of a group evenly over its positions,
    /// avoiding a run over its limit where it can.
    fn greedy(&self) -> Arrangement {
        let mut choice: Vec<Choice> = (0..self.m.positions.len()).map(|_| Choice::Keep).collect();
        let mut used = vec![0u32; self.active.len()];
        let mut kept = vec![0u32; self.m.groups.len()];
        let mut seen = vec![0u32; self.m.groups.len()];
        let group_size: Vec<u32> = {
            let mut n = vec![0u32; self.m.groups.len()];
            for d in &self.decisions {
                n[d.group] += 1;
            }
            n
        };
        let (mut run, mut gap, mut cost) = self.advance_all(0, 1, &self.segments[0]);
        for (d, dec) in self.decisions.iter().enumerate() {
            let g = dec.group;
            seen[g] += 1;
            let size = f64::from(group_size[g]);
            let share = f64::from(seen[g]) / size;
            let need: u32 = dec
                .vars
                .iter()
                .map(|&(_, k)| self.active[k].1 - used[k])
                .sum();
            let mut options: Vec<(Option<usize>, Option<usize>, f64)> = Vec::new();
            if dec.group_rest > need {
                let keeps =
                    group_size[g] - dec.vars.iter().map(|&(_, k)| self.active[k].1).sum::<u32>();
                options.push((None, None, f64::from(keeps) * share - f64::from(kept[g])));
            }
            for &(v, k) in &dec.vars {
                if used[k] < self.active[k].1 {
                    let deficit = f64::from(self.active[k].1) * share - f64::from(used[k]);
                    options.push((Some(v), Some(k), deficit));
                }
            }
            let best = options
                .iter()
                .map(|&(v, k, deficit)| {
                    let (_, _, c) = match self.step_of(d, v) {
                        Some(step) => self.advance(run, gap, step),
                        None => (run, gap, 0),
                    };
                    (c >= FINDING, -deficit, v, k)
                })
                .min_by(|a, b| {
                    (a.0, a.1)
                        .partial_cmp(&(b.0, b.1))
                        .unwrap_or(std::cmp::Ordering::Equal)
                });
            let Some((_, _, v, k)) = best else { continue };
            match k {
                Some(k) => used[k] += 1,
                None => kept[g] += 1,
            }
            if let Some(v) = v {
                choice[dec.position] = Choice::Var(v);
            }
            if let Some(step) = self.step_of(d, v) {
                let (r, gp, c) = self.advance(run, gap, step);
                run = r;
                gap = gp;
                cost += c;
            }
            cost += self.tie(d, v);
            let (r, gp, c) = self.advance_all(run, gap, &self.segments[d + 1]);
            run = r;
            gap = gp;
            cost += c;
        }
        cost += spread_penalty(gap);
        Arrangement {
            choice,
            findings: (cost / FINDING) as u32,
            cost,
            exact: false,
        }
    }
}

struct Dp<'a, 'b> {
    s: &'a Setup<'a>,
    memo: Vec<u64>,
    /// Uses of each active var on the current path.
    used: Vec<u32>,
    budget: &'b mut Budget,
}

/// A var chosen at a decision (with its place among the active vars), or keep.
type Pick = Option<(usize, usize)>;

impl Dp<'_, '_> {
    fn options(&self, d: usize) -> Vec<Pick> {
        let dec = &self.s.decisions[d];
        let mut out = Vec::with_capacity(dec.vars.len() + 1);
        out.push(None);
        out.extend(dec.vars.iter().map(|&vk| Some(vk)));
        out
    }

    fn take(&mut self, option: Pick, n: i32) {
        if let Some((_, k)) = option {
            self.used[k] = (self.used[k] as i32 + n) as u32;
        }
    }

    /// The cost of taking `option` at decision `d` and passing the fixed posts
    /// up to the next decision; `None` when the option is not open.
    fn step(
        &self,
        d: usize,
        option: Pick,
        at: usize,
        run: usize,
        gap: u32,
    ) -> Option<(u64, usize, u32, usize)> {
        let s = self.s;
        let dec = &s.decisions[d];
        let (var, at2) = match option {
            None => {
                let need: u32 = dec
                    .vars
                    .iter()
                    .map(|&(_, k)| s.active[k].1 - self.used[k])
                    .sum();
                if dec.group_rest <= need {
                    return None;
                }
                (None, at)
            }
            Some((v, k)) => {
                if self.used[k] >= s.active[k].1 {
                    return None;
                }
                (Some(v), at + s.active[k].2)
            }
        };
        let (r1, g1, c1) = match s.step_of(d, var) {
            Some(step) => s.advance(run, gap, step),
            None => (run, gap, 0),
        };
        let (r2, g2, c2) = s.advance_all(r1, g1, &s.segments[d + 1]);
        Some((c1 + c2 + s.tie(d, var), r2, g2, at2))
    }

    /// The least cost of the decisions from `d` on; `None` when the bound ran
    /// out. Infeasible states cost `u64::MAX - 1`.
    fn value(&mut self, d: usize, at: usize, run: usize, gap: u32) -> Option<u64> {
        const INFEASIBLE: u64 = u64::MAX - 1;
        let s = self.s;
        if d == s.decisions.len() {
            return Some(spread_penalty(gap));
        }
        let key =
            ((d * s.used_states + at) * s.run_states + run) * SPREAD as usize + (gap as usize - 1);
        if self.memo[key] != u64::MAX {
            return Some(self.memo[key]);
        }
        if !self.budget.spend(1) {
            return None;
        }
        let mut best = INFEASIBLE;
        for option in self.options(d) {
            let Some((cost, r2, g2, at2)) = self.step(d, option, at, run, gap) else {
                continue;
            };
            self.take(option, 1);
            let rest = self.value(d + 1, at2, r2, g2);
            self.take(option, -1);
            let rest = rest?;
            if rest < INFEASIBLE {
                best = best.min(cost.saturating_add(rest));
            }
        }
        self.memo[key] = best;
        Some(best)
    }
}

/// The penalty for a promotional post `gap` positions after the previous one
/// (or after the start of the week, counted as one position before the first).
fn spread_penalty(gap: u32) -> u64 {
    let d = u64::from(SPREAD.saturating_sub(gap));
    d * d * SPREADING
}
