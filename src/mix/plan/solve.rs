//! The exact search behind the planner.
//!
//! A week is a sequence of fixed posts and open slots. Every rule but the streaks
//! reads only the week's totals, so the search splits in two:
//!
//! 1. Every way to share the open slots among the categories (a *mix*: how many
//!    slots each category gets) is weighed against the totals rules: findings,
//!    then distance from the middle of each target. A week of 21 slots and four
//!    categories has 2,024 mixes.
//! 2. Mixes are tried best first. For each, a dynamic programme over the slots
//!    (state: slots used per category, the current run of every streak rule,
//!    distance since the last promotional post) finds the order with the fewest
//!    streak findings and promotional posts spread furthest apart. The search
//!    stops as soon as no later mix can beat the best plan, using a lower bound on
//!    streak findings that holds for every mix.
//!
//! Ties go to the plan whose categories, slot by slot, come first in config
//! order, so the same week always gets the same plan.

use std::collections::HashMap;

use crate::config::Config;
use crate::mix::rules::{CategorySet, RuleKind, Totals, TotalsRule};

/// Distances between promotional posts from this many positions on count as
/// fully spread.
const SPREAD: u32 = 8;
/// One streak finding outweighs any spreading.
const FINDING: u64 = 1 << 32;
/// Distances from the middle of a target are compared in millionths.
const SCALE: f64 = 1e6;

/// The config's rules and categories, compiled once per plan.
pub(super) struct Compiled {
    /// Totals rules with their index in `config.rules`.
    pub totals: Vec<(usize, TotalsRule)>,
    /// Streak rules: index in `config.rules`, set, longest allowed run.
    pub streaks: Vec<(usize, CategorySet, u32)>,
    /// Categories that differ in some way the search can see, each represented by
    /// the first such category in config order.
    pub classes: Vec<Class>,
    /// Number of categories in the config.
    categories: usize,
    /// Run states: the product of `max + 2` over the streak rules.
    runs: usize,
}

/// One choice for an open slot.
#[derive(Debug, Clone)]
pub(super) struct Class {
    /// Index of the category in the config.
    pub category: usize,
    pub minutes: u32,
    step: Step,
}

/// What a post at one position means to the order-reading parts of the search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Step {
    /// Bit `i` set when the post belongs to the set of streak rule `i`.
    streaks: u64,
    promo: bool,
}

/// A week to fill: what the fixed posts add up to, and the order of fixed posts
/// and open slots.
#[derive(Debug, Clone)]
pub(super) struct Model {
    /// Fixed posts per config category.
    pub counts: Vec<u32>,
    pub total: u32,
    pub minutes: u32,
    /// `segments[j]` holds the fixed posts just before open slot `j`; the last
    /// segment holds those after the last slot. One more segment than slots.
    segments: Vec<Vec<Step>>,
}

/// The best filling found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Solution {
    /// Config category index for each open slot, in slot order.
    pub choice: Vec<usize>,
    /// Findings the week will have, as the search counts them.
    pub findings: u32,
}

/// A category is promotional unless it is the everyday kind: these are the posts
/// the planner spreads apart.
pub(super) fn is_promotional(key: &str) -> bool {
    key != "everyday"
}

impl Compiled {
    pub fn new(config: &Config) -> Compiled {
        let mut totals = Vec::new();
        let mut streaks = Vec::new();
        for (i, rule) in config.rules.iter().enumerate() {
            match (&rule.kind, rule.on_totals(config)) {
                (_, Some(t)) => totals.push((i, t)),
                (RuleKind::Streak { set, max }, None) => streaks.push((i, set.clone(), *max)),
                _ => {}
            }
        }
        // At most 64 streak rules are followed; more would not fit the run state.
        streaks.truncate(64);
        let mut compiled = Compiled {
            totals,
            streaks,
            classes: Vec::new(),
            categories: config.categories.len(),
            runs: 1,
        };
        compiled.runs = compiled
            .streaks
            .iter()
            .map(|(_, _, max)| *max as usize + 2)
            .product();
        let mut seen: Vec<(Vec<Vec<usize>>, u32, Step)> = Vec::new();
        for (i, c) in config.categories.iter().enumerate() {
            let step = compiled.step(&c.key);
            let reads: Vec<Vec<usize>> = compiled.totals.iter().map(|(_, t)| t.reads(i)).collect();
            let signature = (reads, c.minutes, step);
            if !seen.contains(&signature) {
                seen.push(signature);
                compiled.classes.push(Class {
                    category: i,
                    minutes: c.minutes,
                    step,
                });
            }
        }
        compiled
    }

    /// How a post of category `key` counts for the streak rules and spreading.
    pub fn step(&self, key: &str) -> Step {
        let mut streaks = 0;
        for (i, (_, set, _)) in self.streaks.iter().enumerate() {
            if set.contains(key) {
                streaks |= 1 << i;
            }
        }
        Step {
            streaks,
            promo: is_promotional(key),
        }
    }

    /// Moves one position on: the run state, the distance since the last
    /// promotional post, and the cost of the step (streak findings restricted to
    /// `counted`, plus the spreading penalty).
    fn advance(&self, run: usize, gap: u32, step: Step, counted: u64) -> (usize, u32, u64) {
        let mut next = 0;
        let mut place = 1;
        let mut rest = run;
        let mut cost = 0;
        for (i, (_, _, max)) in self.streaks.iter().enumerate() {
            let radix = *max as usize + 2;
            let len = rest % radix;
            rest /= radix;
            let len2 = if step.streaks & (1 << i) != 0 {
                (len + 1).min(radix - 1)
            } else {
                0
            };
            if len2 == radix - 1 && len == radix - 2 && counted & (1 << i) != 0 {
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

    fn advance_all(
        &self,
        mut run: usize,
        mut gap: u32,
        steps: &[Step],
        counted: u64,
    ) -> (usize, u32, u64) {
        let mut cost = 0;
        for &s in steps {
            let (r, g, c) = self.advance(run, gap, s, counted);
            run = r;
            gap = g;
            cost += c;
        }
        (run, gap, cost)
    }

    /// Weighs a mix against the totals rules: failing rules, and the summed
    /// distance from the middle of every target (in millionths).
    fn weigh(
        &self,
        model: &Model,
        mix: &[u32],
        counts: &mut Vec<u32>,
        holds: &mut [bool],
    ) -> (u32, u64) {
        counts.clear();
        counts.extend_from_slice(&model.counts);
        let mut minutes = model.minutes;
        let mut added = 0;
        for (class, &n) in self.classes.iter().zip(mix) {
            counts[class.category] += n;
            minutes += n * class.minutes;
            added += n;
        }
        let totals = Totals {
            counts,
            total: model.total + added,
            minutes,
        };
        let mut failing = 0;
        let mut off = 0u64;
        for ((_, rule), held) in self.totals.iter().zip(holds.iter_mut()) {
            let s = rule.stand(&totals);
            *held = s.holds;
            if !s.holds {
                failing += 1;
            }
            off += (s.off_middle.min(1e6) * SCALE).round() as u64;
        }
        (failing, off)
    }
}

/// The penalty for a promotional post `gap` positions after the previous one
/// (or after the start of the week, counted as one position before the first).
fn spread_penalty(gap: u32) -> u64 {
    let d = u64::from(SPREAD.saturating_sub(gap));
    d * d
}

impl Model {
    /// The model of a week whose positions are given in order: `Some(key)` for a
    /// fixed post of that category, `None` for an open slot.
    pub fn new<'a>(
        compiled: &Compiled,
        positions: impl IntoIterator<Item = (Option<&'a str>, u32)>,
        config: &Config,
    ) -> Model {
        let mut model = Model {
            counts: vec![0; compiled.categories],
            total: 0,
            minutes: 0,
            segments: vec![Vec::new()],
        };
        for (key, minutes) in positions {
            match key {
                Some(key) => {
                    if let Some(i) = config.category_index(key) {
                        model.counts[i] += 1;
                    }
                    model.total += 1;
                    model.minutes += minutes;
                    if let Some(last) = model.segments.last_mut() {
                        last.push(compiled.step(key));
                    }
                }
                None => model.segments.push(Vec::new()),
            }
        }
        model
    }

    pub fn open(&self) -> usize {
        self.segments.len() - 1
    }
}

/// The fewest findings the streak rules in `counted` can have whatever the open
/// slots hold: findings the fixed posts force.
pub(super) fn fewest_streak_findings(c: &Compiled, m: &Model, counted: u64) -> u32 {
    // Spreading is left out: only findings matter here.
    let mut best = vec![u64::MAX; c.runs];
    let (run, _, cost) = c.advance_all(0, SPREAD, &m.segments[0], counted);
    best[run] = cost / FINDING;
    for segment in &m.segments[1..] {
        let mut next = vec![u64::MAX; c.runs];
        for (run, &have) in best.iter().enumerate() {
            if have == u64::MAX {
                continue;
            }
            for class in &c.classes {
                let (r1, _, c1) = c.advance(run, SPREAD, class.step, counted);
                let (r2, _, c2) = c.advance_all(r1, SPREAD, segment, counted);
                let total = have + c1 / FINDING + c2 / FINDING;
                if total < next[r2] {
                    next[r2] = total;
                }
            }
        }
        best = next;
    }
    best.into_iter().min().unwrap_or(0) as u32
}

/// Every mix of `open` slots over `classes` classes, in lexicographic order.
fn mixes(classes: usize, open: u32) -> Vec<u32> {
    let mut out = Vec::new();
    if classes == 0 {
        return out;
    }
    let mut mix = vec![0u32; classes];
    fn go(i: usize, left: u32, mix: &mut Vec<u32>, out: &mut Vec<u32>) {
        if i + 1 == mix.len() {
            mix[i] = left;
            out.extend_from_slice(mix);
            return;
        }
        for n in (0..=left).rev() {
            mix[i] = n;
            go(i + 1, left - n, mix, out);
        }
    }
    go(0, open, &mut mix, &mut out);
    out
}

/// The best filling of the model's open slots, and for each totals rule whether
/// any filling lets it hold.
pub(super) fn solve(c: &Compiled, m: &Model) -> (Solution, Vec<bool>) {
    let open = m.open();
    let k = c.classes.len();
    let all = mixes(k, open as u32);
    let mut counts = Vec::with_capacity(c.categories);
    let mut holds = vec![false; c.totals.len()];
    let mut ever = vec![false; c.totals.len()];
    let mut candidates: Vec<(u32, u64, usize)> = all
        .chunks(k)
        .enumerate()
        .map(|(i, mix)| {
            let (failing, off) = c.weigh(m, mix, &mut counts, &mut holds);
            for (e, h) in ever.iter_mut().zip(&holds) {
                *e |= *h;
            }
            (failing, off, i)
        })
        .collect();
    candidates.sort_unstable();
    let every_streak = u64::MAX;
    let floor = fewest_streak_findings(c, m, every_streak);
    let mut best: Option<(u32, u64, u64, Vec<usize>)> = None;
    for &(failing, off, i) in &candidates {
        if let Some((f, o, _, _)) = &best
            && (failing + floor, off) > (*f, *o)
        {
            break;
        }
        let mix = &all[i * k..(i + 1) * k];
        let (cost, order) = arrange(c, m, mix, every_streak);
        let findings = failing + (cost / FINDING) as u32;
        let spread = cost % FINDING;
        let key = (findings, off, spread, order);
        if best.as_ref().is_none_or(|b| key < *b) {
            best = Some(key);
        }
    }
    let solution = match best {
        Some((findings, _, _, order)) => Solution {
            choice: order.into_iter().map(|cl| c.classes[cl].category).collect(),
            findings,
        },
        None => Solution {
            choice: Vec::new(),
            findings: 0,
        },
    };
    (solution, ever)
}

/// Whether some filling of the open slots makes every rule hold.
pub(super) fn balances(c: &Compiled, m: &Model, mixes_that_hold: &[Vec<u32>]) -> bool {
    if fewest_streak_findings(c, m, u64::MAX) > 0 {
        return false;
    }
    mixes_that_hold
        .iter()
        .any(|mix| arrange(c, m, mix, u64::MAX).0 < FINDING)
}

/// What the totals rules see of a model: its fixed counts, total, minutes and
/// number of open slots. Models alike in these accept the same mixes.
pub(super) type TotalsKey = (Vec<u32>, u32, u32, usize);

impl Model {
    pub fn totals_key(&self) -> TotalsKey {
        (self.counts.clone(), self.total, self.minutes, self.open())
    }
}

/// The mixes of the model's open slots under which every totals rule holds.
pub(super) fn mixes_that_hold(c: &Compiled, m: &Model) -> Vec<Vec<u32>> {
    let k = c.classes.len();
    let mut counts = Vec::with_capacity(c.categories);
    let mut holds = vec![false; c.totals.len()];
    mixes(k, m.open() as u32)
        .chunks(k)
        .filter(|mix| c.weigh(m, mix, &mut counts, &mut holds).0 == 0)
        .map(<[u32]>::to_vec)
        .collect()
}

/// The best order of one mix: cost (streak findings times [`FINDING`] plus the
/// spreading penalty) and the class of each open slot.
fn arrange(c: &Compiled, m: &Model, mix: &[u32], counted: u64) -> (u64, Vec<usize>) {
    let mut strides = Vec::with_capacity(mix.len());
    let mut size = 1usize;
    for &n in mix {
        strides.push(size);
        size = size.saturating_mul(n as usize + 1);
    }
    let states = size.saturating_mul(c.runs).saturating_mul(SPREAD as usize);
    let memo = if states <= 1 << 20 {
        Memo::Dense(vec![u64::MAX; states])
    } else {
        Memo::Sparse(HashMap::new())
    };
    let mut a = Arrange {
        c,
        m,
        mix,
        strides,
        counted,
        used: vec![0; mix.len()],
        memo,
    };
    let (run, gap, start) = c.advance_all(0, 1, &m.segments[0], counted);
    let best = start + a.value(0, 0, run, gap);
    // Walk forward, taking at each slot the first class that keeps the optimum.
    let mut order = Vec::with_capacity(m.open());
    let (mut at, mut run, mut gap) = (0usize, run, gap);
    for j in 0..m.open() {
        let here = a.value(j, at, run, gap);
        let mut moved = false;
        for (cl, &limit) in mix.iter().enumerate() {
            if a.used[cl] == limit {
                continue;
            }
            let (r2, g2, cost) = a.step(j, cl, run, gap);
            a.used[cl] += 1;
            let rest = a.value(j + 1, at + a.strides[cl], r2, g2);
            if cost + rest == here {
                order.push(cl);
                at += a.strides[cl];
                run = r2;
                gap = g2;
                moved = true;
                break;
            }
            a.used[cl] -= 1;
        }
        if !moved {
            break;
        }
    }
    (best, order)
}

enum Memo {
    Dense(Vec<u64>),
    Sparse(HashMap<usize, u64>),
}

impl Memo {
    fn get(&self, key: usize) -> Option<u64> {
        match self {
            Memo::Dense(v) => Some(v[key]).filter(|&x| x != u64::MAX),
            Memo::Sparse(h) => h.get(&key).copied(),
        }
    }

    fn set(&mut self, key: usize, value: u64) {
        match self {
            Memo::Dense(v) => v[key] = value,
            Memo::Sparse(h) => {
                h.insert(key, value);
            }
        }
    }
}

struct Arrange<'a> {
    c: &'a Compiled,
    m: &'a Model,
    mix: &'a [u32],
    strides: Vec<usize>,
    counted: u64,
    /// Slots given to each class so far on the current path.
    used: Vec<u32>,
    memo: Memo,
}

impl Arrange<'_> {
    /// Fills open slot `j` with class `cl` and passes the fixed posts up to the
    /// next slot.
    fn step(&self, j: usize, cl: usize, run: usize, gap: u32) -> (usize, u32, u64) {
        let (r1, g1, c1) = self
            .c
            .advance(run, gap, self.c.classes[cl].step, self.counted);
        let (r2, g2, c2) = self
            .c
            .advance_all(r1, g1, &self.m.segments[j + 1], self.counted);
        (r2, g2, c1 + c2)
    }

    /// The least cost of filling slots `j..` from this state. `at` encodes the
    /// slots used per class, which also fixes `j`.
    fn value(&mut self, j: usize, at: usize, run: usize, gap: u32) -> u64 {
        if j == self.m.open() {
            // The next week's first promotional post is as close as its start.
            return spread_penalty(gap);
        }
        let key = (at * self.c.runs + run) * SPREAD as usize + (gap as usize - 1);
        if let Some(v) = self.memo.get(key) {
            return v;
        }
        let mut best = u64::MAX;
        for cl in 0..self.mix.len() {
            if self.used[cl] == self.mix[cl] {
                continue;
            }
            let (r2, g2, cost) = self.step(j, cl, run, gap);
            self.used[cl] += 1;
            let rest = self.value(j + 1, at + self.strides[cl], r2, g2);
            self.used[cl] -= 1;
            best = best.min(cost + rest);
        }
        self.memo.set(key, best);
        best
    }
}
