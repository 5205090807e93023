//! The mix planner: chooses a category for every open posting slot of a week so
//! that, with the posts already there, every rule holds; and when no filling can
//! do that, says which findings no filling fixes and the smallest move of the
//! week's own posts that would let the open slots balance it.
//!
//! The search itself lives in `solve`; this file turns a week into the search's
//! model and its answer into a [`Plan`], confirmed by [`analyze_items`] so the
//! planner and `mixcal check` can never disagree.

mod solve;

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};

use self::solve::{Compiled, Model};
use super::analyze::{Finding, Item, WeekFacts, WeekReport, analyze_items};
use super::rules::{RuleKind, Totals, long_runs};
use super::slots::{Slot, open_slots};
use crate::config::Config;
use crate::domain::{Post, Schedule, Status, Week};

/// The category proposed for one open slot, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub date: NaiveDate,
    pub time: NaiveTime,
    /// A category key from the config.
    pub category: String,
    /// Why this category here, in plain words.
    pub reason: String,
}

impl Proposal {
    /// The post this proposal becomes when accepted: an idea at the slot's time,
    /// titled for its category ("Everyday post idea"), with an id still to give.
    pub fn to_post(&self, config: &Config) -> Post {
        let name = config
            .category(&self.category)
            .map_or(self.category.as_str(), |c| c.name.as_str());
        let mut post = Post::new(self.date, &self.category, &format!("{name} post idea"));
        post.time = Some(self.time);
        post.status = Status::Idea;
        post
    }
}

/// The smallest move of the week's own posts after which the open slots can
/// balance the week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Ids of the posts to move to another week.
    pub moves: Vec<String>,
    /// The change in plain words: "move Fri 09:00 contest post "Giveaway" to
    /// another week".
    pub text: String,
}

/// A plan for one week.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub week: Week,
    /// One proposal per open slot, in date and time order.
    pub proposals: Vec<Proposal>,
    /// The week with the proposals in place, as `mixcal check` sees it.
    pub report: WeekReport,
    /// Findings of `report` that no filling of the open slots can fix.
    pub unfixable: Vec<Finding>,
    /// When the week cannot balance: the fewest of its posts to move away so
    /// that it can. `None` when it balances, or when moving up to three posts is
    /// not enough (then the slots or the rules themselves must change).
    pub change: Option<Change>,
}

impl Plan {
    /// Whether the week meets every rule once the proposals are in place.
    pub fn balanced(&self) -> bool {
        self.report.ok()
    }

    /// The proposals as idea posts, ready to add to the schedule.
    pub fn posts(&self, config: &Config) -> Vec<Post> {
        self.proposals.iter().map(|p| p.to_post(config)).collect()
    }

    /// What to change when the open slots cannot balance the week, in plain words,
    /// so `mixcal suggest` and the calendar say the same; `None` when it balances.
    pub fn advice(&self) -> Option<String> {
        if self.balanced() {
            return None;
        }
        Some(match &self.change {
            Some(c) => format!("to balance the week: {}", c.text),
            None if self.report.total as usize == self.proposals.len() => {
                "the open slots alone cannot meet every rule: change the posting slots ([slots]) or the rules in the config".to_string()
            }
            None => format!(
                "moving up to {MOST_MOVES} of the week's posts is not enough: change the posting slots ([slots]) or the rules in the config"
            ),
        })
    }
}

/// Plans one week of `schedule`: a category for every open slot so that the whole
/// week meets every rule, preferring the mix nearest the middle of each target
/// and promotional posts spread apart. Exact and deterministic. The week's own
/// posts are never changed.
pub fn plan_week(config: &Config, schedule: &Schedule, week: Week) -> Plan {
    let compiled = Compiled::new(config);
    let fixed: Vec<&Post> = schedule.week(week).collect();
    let slots = open_slots(config, week, fixed.iter().copied());
    let positions = merge(&fixed, &slots);
    let model = model_of(&compiled, config, &positions);
    let (solution, ever_holds) = solve::solve(&compiled, &model);

    let keys: Vec<&str> = solution
        .choice
        .iter()
        .map(|&i| config.categories[i].key.as_str())
        .collect();
    let mut items = items_of(config, &positions, &keys);
    let report = analyze_items(config, week, &items);
    debug_assert_eq!(
        report.findings.len() as u32,
        solution.findings,
        "the search and the rules disagree on {:?}",
        report.findings
    );

    let proposals = slots
        .iter()
        .zip(&keys)
        .enumerate()
        .map(|(j, (slot, key))| Proposal {
            date: slot.date,
            time: slot.time,
            category: key.to_string(),
            reason: reason(config, &compiled, week, &report, &mut items, &positions, j),
        })
        .collect();

    let unfixable = unfixable(config, &compiled, &report, &items, &positions, &ever_holds);
    let change = if report.ok() {
        None
    } else {
        smallest_change(config, &compiled, week, &fixed)
    };
    Plan {
        week,
        proposals,
        report,
        unfixable,
        change,
    }
}

/// One position of the week in order: a fixed post, or open slot number `j`.
#[derive(Debug, Clone, Copy)]
enum Position<'a> {
    Fixed(&'a Post),
    Open(usize, Slot),
}

/// The week's posts (in canonical order) and open slots merged into one order:
/// date, then time, untimed posts first in their day.
fn merge<'a>(fixed: &[&'a Post], slots: &[Slot]) -> Vec<Position<'a>> {
    let mut out = Vec::with_capacity(fixed.len() + slots.len());
    let mut s = 0;
    for &post in fixed {
        while s < slots.len() && (slots[s].date, Some(slots[s].time)) < (post.date, post.time) {
            out.push(Position::Open(s, slots[s]));
            s += 1;
        }
        out.push(Position::Fixed(post));
    }
    out.extend((s..slots.len()).map(|j| Position::Open(j, slots[j])));
    out
}

fn model_of(compiled: &Compiled, config: &Config, positions: &[Position]) -> Model {
    Model::new(
        compiled,
        positions.iter().map(|p| match p {
            Position::Fixed(post) => (Some(post.category.as_str()), config.minutes(post)),
            Position::Open(..) => (None, 0),
        }),
        config,
    )
}

/// The week as the rules read it, with `keys[j]` in open slot `j`: one item per
/// position, in the same order.
fn items_of<'a>(config: &'a Config, positions: &[Position<'a>], keys: &[&'a str]) -> Vec<Item<'a>> {
    positions
        .iter()
        .map(|p| match *p {
            Position::Fixed(post) => Item::of(post, config),
            Position::Open(j, slot) => proposed(config, slot, keys[j]),
        })
        .collect()
}

fn proposed<'a>(config: &Config, slot: Slot, key: &'a str) -> Item<'a> {
    Item {
        date: slot.date,
        time: Some(slot.time),
        category: key,
        minutes: config.category(key).map_or(0, |c| c.minutes),
    }
}

/// Why open slot `j` holds its category: the rules any other category there
/// would break, else the targets it keeps nearest their middle.
fn reason<'a>(
    config: &'a Config,
    compiled: &Compiled,
    week: Week,
    report: &WeekReport,
    items: &mut [Item<'a>],
    positions: &[Position],
    j: usize,
) -> String {
    let Some(at) = positions
        .iter()
        .position(|p| matches!(p, Position::Open(k, _) if *k == j))
    else {
        return String::new();
    };
    let chosen = items[at].clone();
    let failing = |r: &WeekReport| -> Vec<usize> {
        config
            .rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| r.findings.iter().any(|f| f.rule == rule.name))
            .map(|(i, _)| i)
            .collect()
    };
    let before = failing(report);
    let mut alternatives: Vec<(Vec<usize>, Vec<f64>)> = Vec::new();
    for c in &config.categories {
        if c.key == chosen.category {
            continue;
        }
        items[at].category = &c.key;
        items[at].minutes = c.minutes;
        let after = analyze_items(config, week, items);
        let breaks: Vec<usize> = failing(&after)
            .into_iter()
            .filter(|i| !before.contains(i))
            .collect();
        alternatives.push((breaks, off_middles(config, compiled, items)));
    }
    items[at] = chosen;
    let rule_text = |i: usize| {
        let rule = &config.rules[i];
        format!("{} ({})", rule.name, rule.target(config))
    };
    let every_rule = || 0..config.rules.len();
    let needed: Vec<usize> = every_rule()
        .filter(|i| !alternatives.is_empty() && alternatives.iter().all(|(b, _)| b.contains(i)))
        .collect();
    if !needed.is_empty() {
        let list: Vec<String> = needed.into_iter().map(rule_text).collect();
        return format!("needed for {}", list.join("; "));
    }
    let valid: Vec<&Vec<f64>> = alternatives
        .iter()
        .filter(|(b, _)| b.is_empty())
        .map(|(_, off)| off)
        .collect();
    if valid.is_empty() && !alternatives.is_empty() {
        let broken: Vec<String> = every_rule()
            .filter(|i| alternatives.iter().any(|(b, _)| b.contains(i)))
            .map(|i| config.rules[i].name.clone())
            .collect();
        return format!("any other category here breaks {}", broken.join(" or "));
    }
    // Every alternative keeps the rules: say how the chosen category sits in the
    // rules that count it, or which targets it keeps nearest their middle.
    let chosen_at = config.category_index(items[at].category);
    let reads: Vec<String> = compiled
        .totals
        .iter()
        .filter(|(_, t)| chosen_at.is_some_and(|c| t.reads(c).iter().any(|&n| n > 0)))
        .filter_map(|(i, _)| {
            let rule = &config.rules[*i];
            Some(format!("{}: {}", rule.name, rule.standing(config, report)?))
        })
        .take(2)
        .collect();
    if !reads.is_empty() {
        return reads.join("; ");
    }
    let here = off_middles(config, compiled, items);
    let nearer: Vec<String> = compiled
        .totals
        .iter()
        .enumerate()
        .filter(|(t, _)| valid.iter().all(|off| here[*t] + 1e-9 < off[*t]))
        .map(|(_, (i, _))| rule_text(*i))
        .take(2)
        .collect();
    if nearer.is_empty() {
        "fits the week as well as any other category".to_string()
    } else {
        format!("keeps {} nearest the middle", nearer.join(" and "))
    }
}

/// For each totals rule, how far the week sits from the middle of its target.
fn off_middles(config: &Config, compiled: &Compiled, items: &[Item]) -> Vec<f64> {
    let mut counts = vec![0u32; config.categories.len()];
    let mut minutes = 0;
    for item in items {
        if let Some(i) = config.category_index(item.category) {
            counts[i] += 1;
        }
        minutes += item.minutes;
    }
    let totals = Totals {
        counts: &counts,
        total: items.len() as u32,
        minutes,
    };
    compiled
        .totals
        .iter()
        .map(|(_, rule)| rule.stand(&totals).off_middle)
        .collect()
}

/// The findings of the plan that no filling of the open slots can fix: a totals
/// rule no mix satisfies, or a run of too many posts that are all fixed.
fn unfixable(
    config: &Config,
    compiled: &Compiled,
    report: &WeekReport,
    items: &[Item],
    positions: &[Position],
    ever_holds: &[bool],
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, rule) in config.rules.iter().enumerate() {
        let findings: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.rule == rule.name)
            .collect();
        if findings.is_empty() {
            continue;
        }
        if let Some(t) = compiled.totals.iter().position(|(r, _)| *r == i) {
            if !ever_holds[t] {
                out.extend(findings.into_iter().cloned());
            }
            continue;
        }
        if let RuleKind::Streak { set, max } = &rule.kind {
            // The runs in the order the rule reports them; a run of fixed posts
            // only has no open slot inside it to break it.
            let runs = long_runs(items, set, *max).into_iter().map(|run| {
                positions[run]
                    .iter()
                    .all(|p| matches!(p, Position::Fixed(_)))
            });
            out.extend(
                findings
                    .into_iter()
                    .zip(runs)
                    .filter(|(_, all_fixed)| *all_fixed)
                    .map(|(f, _)| f.clone()),
            );
        }
    }
    out
}

/// Combinations of posts to try moving are capped so an unbalanceable week is
/// still explained in milliseconds.
const MOST_MOVES: usize = 3;
const MOST_TRIES: usize = 2_000;

/// The fewest posts of the week to move away so that some filling of the open
/// slots then meets every rule. Published posts stay; ideas are moved before
/// planned posts, and later posts before earlier ones.
fn smallest_change(
    config: &Config,
    compiled: &Compiled,
    week: Week,
    fixed: &[&Post],
) -> Option<Change> {
    let mut movable: Vec<usize> = (0..fixed.len())
        .filter(|&i| fixed[i].status != Status::Published)
        .collect();
    movable.sort_by_key(|&i| (fixed[i].status != Status::Idea, std::cmp::Reverse(i)));
    let mut cache: HashMap<solve::TotalsKey, Vec<Vec<u32>>> = HashMap::new();
    for size in 1..=MOST_MOVES.min(movable.len()) {
        if binomial(movable.len(), size) > MOST_TRIES {
            break;
        }
        let mut pick: Vec<usize> = (0..size).collect();
        loop {
            let moved: Vec<usize> = pick.iter().map(|&p| movable[p]).collect();
            let rest: Vec<&Post> = (0..fixed.len())
                .filter(|i| !moved.contains(i))
                .map(|i| fixed[i])
                .collect();
            let slots = open_slots(config, week, rest.iter().copied());
            let model = model_of(compiled, config, &merge(&rest, &slots));
            let holding = cache
                .entry(model.totals_key())
                .or_insert_with(|| solve::mixes_that_hold(compiled, &model));
            if !holding.is_empty() && solve::balances(compiled, &model, holding) {
                return Some(describe_change(config, fixed, &moved));
            }
            if !next_combination(&mut pick, movable.len()) {
                break;
            }
        }
    }
    None
}

fn binomial(n: usize, k: usize) -> usize {
    (0..k).fold(1usize, |acc, i| acc.saturating_mul(n - i) / (i + 1))
}

/// Steps `pick` (strictly increasing indices below `n`) to the next combination
/// in lexicographic order; false after the last.
fn next_combination(pick: &mut [usize], n: usize) -> bool {
    let k = pick.len();
    for i in (0..k).rev() {
        if pick[i] < n - k + i {
            pick[i] += 1;
            for j in i + 1..k {
                pick[j] = pick[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

fn describe_change(config: &Config, fixed: &[&Post], moved: &[usize]) -> Change {
    let mut moved = moved.to_vec();
    moved.sort_unstable();
    let items: Vec<Item> = moved.iter().map(|&i| Item::of(fixed[i], config)).collect();
    let facts = WeekFacts::new(config, &items);
    let named: Vec<String> = moved
        .iter()
        .zip(&items)
        .map(|(&i, item)| format!("{} \"{}\"", facts.describe(item), fixed[i].title))
        .collect();
    let text = match named.as_slice() {
        [one] => format!("move {one} to another week"),
        [init @ .., last] => format!("move {} and {last} to other weeks", init.join(", ")),
        [] => String::new(),
    };
    Change {
        moves: moved.iter().map(|&i| fixed[i].id.clone()).collect(),
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::WeekStart;
    use chrono::{Datelike, Days, Weekday};

    fn config() -> Config {
        Config::builtin().unwrap()
    }

    fn config_with(user: &str) -> Config {
        Config::from_layers(&[("builtin", crate::config::DEFAULT_TOML), ("user", user)]).unwrap()
    }

    fn week() -> Week {
        Week::parse("2026-W48", WeekStart::default()).unwrap()
    }

    fn at(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    fn post(day: u64, time: Option<NaiveTime>, category: &str, title: &str) -> Post {
        let mut p = Post::new(week().start() + Days::new(day), category, title);
        p.time = time;
        p
    }

    /// The proposals' categories as letters, in slot order.
    fn letters(plan: &Plan) -> String {
        plan.proposals
            .iter()
            .map(|p| p.category.chars().next().unwrap().to_ascii_uppercase())
            .collect()
    }

    const THREE_A_DAY: &str = "[slots]\nmonday = [\"09:00\", \"13:00\", \"18:00\"]\ntuesday = [\"09:00\", \"13:00\", \"18:00\"]\nwednesday = [\"09:00\", \"13:00\", \"18:00\"]\nthursday = [\"09:00\", \"13:00\", \"18:00\"]\nfriday = [\"09:00\", \"13:00\", \"18:00\"]\nsaturday = [\"09:00\", \"13:00\", \"18:00\"]\nsunday = [\"09:00\", \"13:00\", \"18:00\"]\n";

    #[test]
    fn an_empty_week_balances_as_five_everyday_one_business_one_partner() {
        let plan = plan_week(&config(), &Schedule::new(), week());
        assert!(plan.balanced(), "{:?}", plan.report.findings);
        assert_eq!(plan.report.counts["everyday"], 5);
        assert_eq!(plan.report.counts["business"], 1);
        assert_eq!(plan.report.counts["partner"], 1);
        assert_eq!(plan.report.minutes, 125);
        assert!(plan.unfixable.is_empty());
        assert_eq!(plan.change, None);
    }

    #[test]
    fn promotional_posts_are_spread_apart_and_away_from_the_week_ends() {
        let plan = plan_week(&config(), &Schedule::new(), week());
        assert_eq!(letters(&plan), "EEBEEPE");
    }

    #[test]
    fn proposals_are_in_date_and_time_order_one_per_open_slot() {
        let c = config_with(&format!(
            "{THREE_A_DAY}[rules.weekly-budget]\nmax_minutes = 600\n"
        ));
        let plan = plan_week(&c, &Schedule::new(), week());
        assert_eq!(plan.proposals.len(), 21);
        assert!(
            plan.proposals
                .windows(2)
                .all(|p| (p[0].date, p[0].time) < (p[1].date, p[1].time))
        );
        assert!(plan.balanced(), "{:?}", plan.report.findings);
    }

    #[test]
    fn a_half_planned_week_is_completed_around_its_posts() {
        let mut s = Schedule::new();
        s.insert(post(0, at(9, 0), "business", "Winter opening hours"));
        s.insert(post(1, at(9, 0), "everyday", "Coffee with the team"));
        s.insert(post(2, at(9, 0), "contest", "Guess the jar"));
        let plan = plan_week(&config(), &s, week());
        let days: Vec<u64> = plan
            .proposals
            .iter()
            .map(|p| (p.date - week().start()).num_days() as u64)
            .collect();
        assert_eq!(days, [3, 4, 5, 6]);
        assert!(plan.balanced(), "{:?}", plan.report.findings);
        // 4 or 5 everyday posts are both on target; a partner post puts the
        // partner limit nearest its middle.
        assert_eq!(letters(&plan), "EEPE");
    }

    #[test]
    fn the_slot_the_week_needs_says_which_rule_needs_it() {
        let plan = plan_week(&config(), &Schedule::new(), week());
        let business = plan
            .proposals
            .iter()
            .find(|p| p.category == "business")
            .unwrap();
        assert_eq!(
            business.reason,
            "needed for everyday-per-business (4–5 everyday per business post)"
        );
        let partner = plan
            .proposals
            .iter()
            .find(|p| p.category == "partner")
            .unwrap();
        assert_eq!(
            partner.reason,
            "partner-limit: 1 partner post, at most 2 partner posts a week"
        );
    }

    #[test]
    fn two_fixed_contests_are_unfixable_and_the_later_one_should_move() {
        let mut s = Schedule::new();
        s.insert(post(1, at(9, 0), "contest", "Guess the jar"));
        let mut fri = post(4, at(9, 0), "contest", "Giveaway");
        fri.id = "fri".into();
        s.insert(fri);
        let plan = plan_week(&config(), &s, week());
        assert!(!plan.balanced());
        let rules: Vec<&str> = plan.unfixable.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["contest-limit"]);
        // Every other rule holds: the fewest findings a filling can leave.
        assert_eq!(plan.report.findings.len(), 1);
        let change = plan.change.unwrap();
        assert_eq!(change.moves, ["fri"]);
        assert_eq!(
            change.text,
            "move Fri 09:00 contest post \"Giveaway\" to another week"
        );
    }

    #[test]
    fn a_run_of_fixed_posts_without_a_slot_between_is_unfixable() {
        let c = config_with(
            "[rules.everyday-per-business]\nenabled = false\n[rules.weekly-budget]\nenabled = false\n",
        );
        let mut s = Schedule::new();
        s.insert(post(0, at(10, 0), "business", "New stock"));
        s.insert(post(0, at(11, 0), "partner", "The bakery next door"));
        s.insert(post(0, at(12, 0), "business", "Opening hours"));
        let plan = plan_week(&c, &s, week());
        let rules: Vec<&str> = plan.unfixable.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["promo-streak"]);
        let change = plan.change.unwrap();
        assert_eq!(
            change.text,
            "move Mon 12:00 business post \"Opening hours\" to another week"
        );
    }

    #[test]
    fn a_streak_the_open_slots_can_break_is_not_unfixable() {
        let mut s = Schedule::new();
        s.insert(post(0, at(9, 0), "business", "a"));
        s.insert(post(2, at(9, 0), "partner", "b"));
        s.insert(post(3, at(9, 0), "business", "c"));
        let plan = plan_week(&config(), &s, week());
        assert!(plan.unfixable.iter().all(|f| f.rule != "promo-streak"));
        // Tuesday sits between Monday's and Wednesday's posts: everyday breaks the run.
        assert_eq!(plan.proposals[0].category, "everyday");
    }

    #[test]
    fn more_slots_than_the_budget_allows_cannot_be_fixed_by_moving_posts() {
        let c = config_with(THREE_A_DAY);
        let plan = plan_week(&c, &Schedule::new(), week());
        assert!(!plan.balanced());
        let rules: Vec<&str> = plan.unfixable.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["weekly-budget"]);
        assert_eq!(plan.change, None);
        // Only the budget fails: the mix itself is kept.
        assert_eq!(plan.report.findings.len(), 1);
    }

    #[test]
    fn a_balanced_plan_needs_no_advice() {
        let plan = plan_week(&config(), &Schedule::new(), week());
        assert_eq!(plan.advice(), None);
    }

    #[test]
    fn advice_names_the_post_to_move() {
        let mut s = Schedule::new();
        s.insert(post(1, at(9, 0), "contest", "Guess the jar"));
        s.insert(post(4, at(9, 0), "contest", "Giveaway"));
        let plan = plan_week(&config(), &s, week());
        assert_eq!(
            plan.advice().as_deref(),
            Some("to balance the week: move Fri 09:00 contest post \"Giveaway\" to another week")
        );
    }

    #[test]
    fn advice_points_at_the_config_when_only_slots_fill_the_week() {
        let plan = plan_week(&config_with(THREE_A_DAY), &Schedule::new(), week());
        let advice = plan.advice().unwrap_or_default();
        assert!(
            advice.starts_with("the open slots alone cannot meet every rule"),
            "{advice}"
        );
    }

    #[test]
    fn published_posts_are_never_asked_to_move() {
        let mut s = Schedule::new();
        let mut tue = post(1, at(9, 0), "contest", "Out already");
        tue.status = Status::Published;
        tue.id = "tue".into();
        s.insert(tue);
        let mut sat = post(5, at(9, 0), "contest", "Planned");
        sat.id = "sat".into();
        s.insert(sat);
        let plan = plan_week(&config(), &s, week());
        assert_eq!(plan.change.unwrap().moves, ["sat"]);
    }

    #[test]
    fn a_full_week_has_no_proposals_and_reports_what_it_has() {
        let mut s = Schedule::new();
        for (day, cat) in "EEBEEPE".chars().enumerate() {
            let key = match cat {
                'E' => "everyday",
                'B' => "business",
                _ => "partner",
            };
            s.insert(post(day as u64, at(9, 0), key, "t"));
        }
        let plan = plan_week(&config(), &s, week());
        assert!(plan.proposals.is_empty());
        assert!(plan.balanced());
    }

    #[test]
    fn each_week_start_plans_its_own_seven_days() {
        for start in [Weekday::Mon, Weekday::Sun, Weekday::Sat] {
            let mut c = config();
            c.week_start = WeekStart(start);
            let w = Week::containing(week().start(), c.week_start);
            // A contest on the day before the week starts belongs to the week before.
            let mut s = Schedule::new();
            let mut before = Post::new(w.start() - Days::new(1), "contest", "before");
            before.time = at(9, 0);
            s.insert(before);
            let mut first = Post::new(w.start(), "contest", "first day");
            first.time = at(9, 0);
            s.insert(first);
            let plan = plan_week(&c, &s, w);
            assert_eq!(plan.proposals.len(), 6, "week start {start}");
            assert_eq!(plan.proposals[0].date, w.start() + Days::new(1));
            assert!(plan.proposals.iter().all(|p| w.contains(p.date)));
            assert_eq!(plan.proposals[0].date.weekday(), start.succ());
            assert!(
                plan.balanced(),
                "week start {start}: {:?}",
                plan.report.findings
            );
        }
    }

    #[test]
    fn the_same_week_always_gets_the_same_plan() {
        let mut s = Schedule::new();
        s.insert(post(3, None, "business", "untimed"));
        let a = plan_week(&config(), &s, week());
        let b = plan_week(&config(), &s.clone(), week());
        assert_eq!(a, b);
    }

    #[test]
    fn an_accepted_proposal_is_an_idea_titled_for_its_category() {
        let c = config_with("[categories.everyday]\nname = \"Personal\"\n");
        let plan = plan_week(&c, &Schedule::new(), week());
        let posts = plan.posts(&c);
        assert_eq!(posts.len(), 7);
        let first = &posts[0];
        assert_eq!(first.title, "Personal post idea");
        assert_eq!(first.status, Status::Idea);
        assert_eq!(first.time, at(9, 0));
        assert_eq!(first.date, week().start());
        assert!(first.id.is_empty());
    }

    #[test]
    fn the_planner_agrees_with_check_once_the_ideas_are_added() {
        let mut s = Schedule::new();
        s.insert(post(2, at(9, 0), "partner", "p"));
        let plan = plan_week(&config(), &s, week());
        for p in plan.posts(&config()) {
            s.insert(p);
        }
        assert_eq!(crate::mix::analyze_week(&config(), &s, week()), plan.report);
    }
}
