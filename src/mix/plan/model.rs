//! A week as the search sees it: the posts and open slots in time order, the
//! changes each may take, and the rules as linear constraints on the week's
//! totals and as limits on runs.
//!
//! Posts that may change in the same way are grouped (for the totals it does not
//! matter which of three open everyday ideas becomes a business post), and
//! categories the rules cannot tell apart are one class, represented by the one
//! with the fewest minutes. The search first picks how many of each change a
//! group takes (a bundle, `bundle.rs`), then which posts and slots take them
//! (`order.rs`).

use crate::config::Config;
use crate::mix::analyze::Item;
use crate::mix::rules::{EPSILON, Feature, Rules, Shape};
use crate::mix::slots::Slot;

/// Whether the open slots are the planner's to fill (each filled or left empty
/// as the plan chooses, no change to the week's posts) or a repair's (each
/// filled post is a change).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    Repair,
    Plan,
}

/// A linear constraint of a rule over the features (counts per category, then
/// total, then minutes), in dense form.
#[derive(Debug, Clone)]
pub(super) struct Constraint {
    /// The rule's place in `Rules` ([`GUARD`] for the search's own).
    pub(crate) rule: usize,
    /// Not the rule itself but what a change must keep: no finding of its own.
    pub(crate) guard: bool,
    pub(crate) row: Vec<f64>,
    pub(crate) at_least: f64,
}

/// The rule place of the search's own guard: a week with posts keeps one, and
/// the planner puts at least one in a week with open slots, for an empty week
/// is never balanced.
pub(super) const GUARD: usize = usize::MAX;

/// A run limit: at most `max` members in a row.
#[derive(Debug, Clone)]
pub(super) struct RunRule {
    pub(crate) rule: usize,
    pub(crate) max: u32,
}

/// Categories the rules cannot tell apart.
#[derive(Debug, Clone)]
pub(super) struct Class {
    /// The category that stands for the class: the fewest minutes, then the
    /// first in config order.
    pub(crate) category: usize,
}

/// What a group of positions is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Published or past posts: never change.
    Locked,
    Idea,
    Planned,
    /// Open slots.
    Slot,
}

#[derive(Debug, Clone)]
pub(super) struct Group {
    pub(crate) kind: Kind,
    /// The posts' category; `None` for slots.
    pub(crate) category: Option<usize>,
    pub(crate) minutes: u32,
    /// Whether the posts write their own minutes (kept when recategorised).
    pub(crate) own_minutes: bool,
    /// Whether the posts keep their category whatever the week needs: a
    /// contest, or a partner post that names its partner (see [`made_for`]).
    pub(crate) kept: bool,
    pub(crate) positions: Vec<usize>,
    /// The planner's slots: each is filled or left empty as the plan chooses
    /// (a query says how many are filled), and filling one is no change to the
    /// week's posts.
    pub(crate) fill: bool,
}

/// A change a group's positions may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    /// Give the post the class's category.
    Recategorise(usize),
    /// Move the post to another week.
    Move,
    /// Drop the idea: only in the last week mixcal plans, where no post can
    /// move on.
    Remove,
    /// Fill the slot with a post of the class's category.
    Add(usize),
}

#[derive(Debug, Clone)]
pub(super) struct Var {
    pub(crate) group: usize,
    pub(crate) op: Op,
    /// Cheapest first: 1 recategorise an idea, 2 recategorise a planned post
    /// (both only into a category that is not promotional), 3 add a post in
    /// an open slot, 4 move a post to another week, 5 remove an idea; 0 for
    /// the planner's slots, which are no change to the week's posts.
    pub(crate) tier: u8,
    /// The category the position holds after the change; `None` when it leaves.
    pub(crate) category: Option<usize>,
    /// Change in the features, sparse.
    pub(crate) delta: Vec<(usize, f64)>,
}

impl Var {
    /// Whether taking it is a change to count (the planner's slots are not).
    pub(super) fn counts(&self) -> bool {
        self.tier > 0
    }
}

/// One post or open slot of the week, in time order.
#[derive(Debug, Clone)]
pub(super) struct Position {
    pub(crate) group: usize,
    pub(crate) source: Source,
    /// The category it holds when nothing changes; `None` for an empty slot.
    pub(crate) default: Option<usize>,
    /// The post's minutes, and whether it writes them itself.
    pub(crate) minutes: u32,
    pub(crate) own_minutes: bool,
    /// For a slot, the order adds take slots in: the first slot of each day,
    /// day by day, then the second, so a week that cannot take a post in
    /// every slot gets its posts spread over its days.
    pub(crate) rank: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    /// The week's post at this index.
    Post(usize),
    /// The open slot at this index.
    Slot(usize),
}

pub(super) struct Model {
    /// Features: one count per category, then the total, then minutes.
    pub(crate) features: usize,
    pub(crate) base: Vec<f64>,
    /// Constraints of rules that fail a week (info rules are left to report).
    pub(crate) constraints: Vec<Constraint>,
    /// Rules (places in `Rules`) read from totals, whose calm the search weighs.
    pub(crate) totals_rules: Vec<usize>,
    pub(crate) runs: Vec<RunRule>,
    /// For each category: bit `i` set when it is a member of run rule `i`.
    pub(crate) run_bits: Vec<u64>,
    /// For each category: whether it is promotional (every category but
    /// everyday), which the planner spreads apart.
    pub(crate) promo: Vec<bool>,
    pub(crate) classes: Vec<Class>,
    /// Each category's class.
    pub(crate) class_of: Vec<usize>,
    pub(crate) positions: Vec<Position>,
    pub(crate) groups: Vec<Group>,
    pub(crate) vars: Vec<Var>,
    /// `coef[r][v]`: what var `v` adds to constraint `r`.
    pub(crate) coef: Vec<Vec<f64>>,
    /// `base_sum[r]`: constraint `r` of the week with nothing changed.
    pub(crate) base_sum: Vec<f64>,
}

/// The feature of a category's count, of the total, and of minutes.
pub(super) fn total_feature(categories: usize) -> usize {
    categories
}

pub(super) fn minutes_feature(categories: usize) -> usize {
    categories + 1
}

/// A category is promotional unless it is the everyday kind: these are the posts
/// the planner spreads apart, and the ones it proposes only where the week
/// needs them.
fn is_promotional(key: &str) -> bool {
    key != "everyday"
}

/// Categories a post is made for: a partner post promotes a partner, a contest
/// gives something away. A contest, or a partner post that names its partner,
/// is moved rather than turned into something else (and no post is turned
/// into a promotional one at all: the owner would have to find the offer, the
/// partner or the prize).
pub(super) fn made_for(key: &str) -> bool {
    matches!(key, "partner" | "contest")
}

/// Contests are occasional: "an occasional contest drives interaction; a feed
/// of nothing but contests and offers drives people away". No post is added
/// as one to fill a slot, only where a rule asks for contests (a `min`).
fn occasional(key: &str) -> bool {
    key == "contest"
}

impl Model {
    /// The model of a week: its posts (canonical order) and open slots (time
    /// order).
    pub(super) fn new(
        config: &Config,
        rules: &Rules,
        items: &[Item],
        slots: &[Slot],
        mode: Mode,
    ) -> Model {
        let cats = config.categories.len();
        let features = cats + 2;
        let feature = |f: Feature| match f {
            Feature::Count(i) => i,
            Feature::Total => total_feature(cats),
            Feature::Minutes => minutes_feature(cats),
        };
        // The week as it is, for the constraints a change must keep.
        let mut now_counts = vec![0u32; cats];
        let mut now_minutes = 0u32;
        for it in items {
            if let Some(c) = it.index {
                now_counts[c] += 1;
            }
            now_minutes = now_minutes.saturating_add(it.minutes);
        }
        let now = crate::mix::rules::Totals {
            counts: &now_counts,
            total: items.len() as u32,
            minutes: now_minutes,
        };
        let dense = |terms: Vec<(Feature, f64)>| {
            let mut row = vec![0.0; features];
            for (f, c) in terms {
                row[feature(f)] += c;
            }
            row
        };
        let mut constraints = Vec::new();
        if !items.is_empty() || (mode == Mode::Plan && !slots.is_empty()) {
            constraints.push(Constraint {
                rule: GUARD,
                guard: true,
                row: dense(vec![(Feature::Total, 1.0)]),
                at_least: 1.0,
            });
        }
        let mut totals_rules = Vec::new();
        let mut runs = Vec::new();
        let mut run_bits = vec![0u64; cats];
        for (r, rule) in rules.iter().enumerate() {
            if !rule.severity.fails() {
                continue;
            }
            match rule.shape() {
                Shape::Totals(linear) => {
                    totals_rules.push(r);
                    for l in linear {
                        constraints.push(Constraint {
                            rule: r,
                            guard: false,
                            row: dense(l.terms),
                            at_least: l.at_least,
                        });
                    }
                    for l in rule.kind.keep(&now) {
                        constraints.push(Constraint {
                            rule: r,
                            guard: true,
                            row: dense(l.terms),
                            at_least: l.at_least,
                        });
                    }
                }
                // At most 64 run rules are followed; more would not fit the bits.
                Shape::Runs { members, max } if runs.len() < 64 => {
                    for (c, m) in members.iter().enumerate() {
                        if *m {
                            run_bits[c] |= 1 << runs.len();
                        }
                    }
                    runs.push(RunRule { rule: r, max });
                }
                Shape::Runs { .. } | Shape::Other => {}
            }
        }
        let promo: Vec<bool> = config
            .categories
            .iter()
            .map(|c| is_promotional(&c.key))
            .collect();
        let made: Vec<bool> = config.categories.iter().map(|c| made_for(&c.key)).collect();
        let (classes, class_of) = classes(config, &constraints, &run_bits, &promo, &made);

        // Positions in canonical order: posts and slots merged by date and time,
        // untimed posts first in their day, a post before a slot at its time.
        let mut order: Vec<(chrono::NaiveDate, Option<chrono::NaiveTime>, u8, Source)> = items
            .iter()
            .enumerate()
            .map(|(i, it)| (it.date, it.time, 0, Source::Post(i)))
            .chain(
                slots
                    .iter()
                    .enumerate()
                    .map(|(j, s)| (s.date, Some(s.time), 1, Source::Slot(j))),
            )
            .collect();
        order.sort_by_key(|&(d, t, k, s)| {
            let i = match s {
                Source::Post(i) | Source::Slot(i) => i,
            };
            (d, t, k, i)
        });

        let mut model = Model {
            features,
            base: vec![0.0; features],
            constraints,
            totals_rules,
            runs,
            run_bits,
            promo,
            classes,
            class_of,
            positions: Vec::with_capacity(order.len()),
            groups: Vec::new(),
            vars: Vec::new(),
            coef: Vec::new(),
            base_sum: Vec::new(),
        };
        let mut slot_group = None;
        for (_, _, _, source) in order {
            let p = model.positions.len();
            match source {
                Source::Post(i) => {
                    let it = &items[i];
                    let kind = if it.locked {
                        Kind::Locked
                    } else if it.status == crate::domain::Status::Idea {
                        Kind::Idea
                    } else {
                        Kind::Planned
                    };
                    if let Some(c) = it.index {
                        model.base[c] += 1.0;
                    }
                    model.base[total_feature(cats)] += 1.0;
                    model.base[minutes_feature(cats)] += f64::from(it.minutes);
                    // A post of a category the config does not know stays as it is.
                    let kind = if it.index.is_none() {
                        Kind::Locked
                    } else {
                        kind
                    };
                    let kept =
                        made_for(it.category) && (it.category != "partner" || it.partner.is_some());
                    let g = model.group_for(kind, it.index, it.minutes, it.own_minutes, kept);
                    model.groups[g].positions.push(p);
                    model.positions.push(Position {
                        group: g,
                        source,
                        default: it.index,
                        minutes: it.minutes,
                        own_minutes: it.own_minutes,
                        rank: 0,
                    });
                }
                Source::Slot(j) => {
                    let g = *slot_group.get_or_insert_with(|| {
                        model.groups.push(Group {
                            kind: Kind::Slot,
                            category: None,
                            minutes: 0,
                            own_minutes: false,
                            kept: false,
                            positions: Vec::new(),
                            fill: mode == Mode::Plan,
                        });
                        model.groups.len() - 1
                    });
                    model.groups[g].positions.push(p);
                    let slot = &slots[j];
                    let earlier = slots[..j].iter().filter(|s| s.date == slot.date).count();
                    let day = (slot.date - slots[0].date).num_days().max(0);
                    model.positions.push(Position {
                        group: g,
                        source,
                        default: None,
                        minutes: 0,
                        own_minutes: false,
                        rank: earlier as u64 * 8 + day as u64,
                    });
                }
            }
        }
        // A week later must still be a date mixcal plans for.
        let movable = items.iter().all(|it| {
            it.date
                .checked_add_days(chrono::Days::new(7))
                .is_some_and(crate::domain::supported)
        });
        model.make_vars(config, movable);
        model
    }

    fn group_for(
        &mut self,
        kind: Kind,
        category: Option<usize>,
        minutes: u32,
        own: bool,
        kept: bool,
    ) -> usize {
        let found = self.groups.iter().position(|g| {
            g.kind == kind
                && (kind == Kind::Locked
                    || (g.category == category
                        && g.minutes == minutes
                        && g.own_minutes == own
                        && g.kept == kept))
        });
        found.unwrap_or_else(|| {
            self.groups.push(Group {
                kind,
                category,
                minutes,
                own_minutes: own,
                kept,
                positions: Vec::new(),
                fill: false,
            });
            self.groups.len() - 1
        })
    }

    fn make_vars(&mut self, config: &Config, movable: bool) {
        let cats = config.categories.len();
        let (total, minutes) = (total_feature(cats), minutes_feature(cats));
        let class_minutes =
            |k: usize| f64::from(config.categories[self.classes[k].category].minutes);
        let mut vars = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            match group.kind {
                Kind::Locked => {}
                Kind::Idea | Kind::Planned => {
                    let Some(c) = group.category else { continue };
                    let own = f64::from(group.minutes);
                    let recat_tier = if group.kind == Kind::Idea { 1 } else { 2 };
                    for (k, class) in self.classes.iter().enumerate() {
                        let to = class.category;
                        // Only ever toward a category that is not promotional:
                        // a promotional post is added where the week needs one,
                        // never made of a post the owner wrote as something else.
                        if group.kept || self.class_of[c] == k || self.promo[to] {
                            continue;
                        }
                        let m = if group.own_minutes {
                            own
                        } else {
                            class_minutes(k)
                        };
                        vars.push(Var {
                            group: g,
                            op: Op::Recategorise(k),
                            tier: recat_tier,
                            category: Some(to),
                            delta: vec![(c, -1.0), (to, 1.0), (minutes, m - own)],
                        });
                    }
                    // Moving keeps the post; only where it cannot move does an
                    // idea (never a planned post) go.
                    let (op, tier) = match (movable, group.kind) {
                        (true, _) => (Op::Move, 4),
                        (false, Kind::Idea) => (Op::Remove, 5),
                        (false, _) => continue,
                    };
                    vars.push(Var {
                        group: g,
                        op,
                        tier,
                        category: None,
                        delta: vec![(c, -1.0), (total, -1.0), (minutes, -own)],
                    });
                }
                Kind::Slot => {
                    for (k, class) in self.classes.iter().enumerate() {
                        if occasional(&config.categories[class.category].key)
                            && !self.asked(class.category)
                        {
                            continue;
                        }
                        vars.push(Var {
                            group: g,
                            op: Op::Add(k),
                            tier: if group.fill { 0 } else { 3 },
                            category: Some(class.category),
                            delta: vec![
                                (class.category, 1.0),
                                (total, 1.0),
                                (minutes, class_minutes(k)),
                            ],
                        });
                    }
                }
            }
        }
        self.coef = self
            .constraints
            .iter()
            .map(|c| {
                vars.iter()
                    .map(|v| v.delta.iter().map(|&(f, d)| c.row[f] * d).sum())
                    .collect()
            })
            .collect();
        self.base_sum = self
            .constraints
            .iter()
            .map(|c| c.row.iter().zip(&self.base).map(|(a, b)| a * b).sum())
            .collect();
        self.vars = vars;
    }

    /// Whether a rule asks for posts of a category: some constraint of a
    /// rule (not a guard) grows with them.
    fn asked(&self, category: usize) -> bool {
        self.constraints
            .iter()
            .any(|c| !c.guard && c.row[category] > EPSILON)
    }

    /// The run bits and promotional flag of a category.
    pub(super) fn step(&self, category: usize) -> Step {
        Step {
            bits: self.run_bits[category],
            promo: self.promo[category],
        }
    }

    /// The run rules (places in `Rules`) over their limit in a week whose
    /// positions hold these categories (`None`: empty, or gone).
    pub(super) fn long_runs(&self, cats: &[Option<usize>]) -> Vec<usize> {
        self.runs
            .iter()
            .enumerate()
            .filter(|(i, run)| {
                let members = cats
                    .iter()
                    .flatten()
                    .map(|&c| self.run_bits[c] & (1 << i) != 0);
                !crate::mix::rules::long_runs(members, run.max).is_empty()
            })
            .map(|(_, run)| run.rule)
            .collect()
    }

    /// The categories the positions hold under a choice.
    pub(super) fn categories(&self, choice: &[Choice]) -> Vec<Option<usize>> {
        (0..self.positions.len())
            .map(|p| self.category(p, choice[p]))
            .collect()
    }

    /// The category a position holds under a choice.
    pub(super) fn category(&self, p: usize, choice: Choice) -> Option<usize> {
        match choice {
            Choice::Keep => self.positions[p].default,
            Choice::Var(v) => self.vars[v].category,
        }
    }

    /// The features of the week under a bundle (how many positions take each var).
    pub(super) fn features(&self, counts: &[u32]) -> Vec<f64> {
        let mut f = self.base.clone();
        for (v, &n) in counts.iter().enumerate() {
            if n > 0 {
                for &(i, d) in &self.vars[v].delta {
                    f[i] += d * f64::from(n);
                }
            }
        }
        f
    }
}

/// What a position holds in a plan: the post as it is (or the slot left empty),
/// or a var of its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Choice {
    Keep,
    Var(usize),
}

/// What a post at one position means to the order-reading rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Step {
    pub(crate) bits: u64,
    pub(crate) promo: bool,
}

/// Groups categories the rules treat alike: the same coefficient in every
/// constraint, the same runs, the same promotional and made-for flags, and
/// the same minutes when some constraint would rather have more of them. Fewer
/// minutes never hurt otherwise, so the class is the category with the fewest.
fn classes(
    config: &Config,
    constraints: &[Constraint],
    run_bits: &[u64],
    promo: &[bool],
    made_for: &[bool],
) -> (Vec<Class>, Vec<usize>) {
    let cats = config.categories.len();
    let minutes_matter = constraints
        .iter()
        .any(|c| c.row[minutes_feature(cats)] > 0.0);
    let signature = |c: usize| {
        let coefs: Vec<u64> = constraints.iter().map(|k| k.row[c].to_bits()).collect();
        let minutes = if minutes_matter {
            Some(config.categories[c].minutes)
        } else {
            None
        };
        (coefs, run_bits[c], (promo[c], made_for[c]), minutes)
    };
    let mut out: Vec<(_, Class)> = Vec::new();
    let mut class_of = Vec::with_capacity(cats);
    for c in 0..cats {
        let sig = signature(c);
        match out.iter_mut().position(|(s, _)| *s == sig) {
            Some(k) => {
                let class = &mut out[k].1;
                if config.categories[c].minutes < config.categories[class.category].minutes {
                    class.category = c;
                }
                class_of.push(k);
            }
            None => {
                class_of.push(out.len());
                out.push((sig, Class { category: c }));
            }
        }
    }
    (out.into_iter().map(|(_, c)| c).collect(), class_of)
}
