//! Checking a week against the rules: counts, minutes and findings. The calendar's
//! mix panel, `mixcal check` and the planner all go through here, so they agree.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use indexmap::IndexMap;

use super::finding::{Change, Finding, PostRef, RuleId, Violation};
use super::rules::{EPSILON, Rule, Rules, Shape, Totals};
use super::slots::Slot;
use crate::config::Config;
use crate::domain::{Dated, Status, Week};

/// What the rules need to know of one post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item<'a> {
    /// `None` for a post the planner proposes.
    pub(crate) id: Option<&'a str>,
    pub(crate) date: NaiveDate,
    pub(crate) time: Option<NaiveTime>,
    /// The category's key, and its place in the config (`None` when unknown).
    pub(crate) category: &'a str,
    pub(crate) index: Option<usize>,
    pub(crate) minutes: u32,
    /// Whether the post writes its own minutes (they stay when its category
    /// changes) rather than taking its category's.
    pub(crate) own_minutes: bool,
    pub(crate) title: &'a str,
    pub(crate) status: Status,
    pub(crate) channel: Option<&'a str>,
    /// The business a partner post promotes.
    pub(crate) partner: Option<&'a str>,
    /// Published, or already past: no change may touch it.
    pub(crate) locked: bool,
}

impl<'a> Item<'a> {
    /// A post on its day. A date of a repeating post counts like any post,
    /// but no change touches it: the series is changed as a whole, by hand.
    pub fn of(dated: Dated<'a>, config: &Config, now: NaiveDateTime) -> Item<'a> {
        let post = dated.post;
        Item {
            id: Some(&post.id),
            date: dated.date,
            time: post.time,
            category: &post.category,
            index: config.category_index(&post.category),
            minutes: config.minutes(post),
            own_minutes: post.minutes.is_some(),
            title: &post.title,
            status: post.status,
            channel: post.channel.as_deref(),
            partner: post.partner.as_deref(),
            locked: is_locked(dated, now),
        }
    }

    /// A post of `category` the planner puts at a slot.
    pub fn proposed(config: &'a Config, index: usize, slot: &'a Slot) -> Item<'a> {
        let category = &config.categories[index];
        Item {
            id: None,
            date: slot.date,
            time: Some(slot.time),
            category: &category.key,
            index: Some(index),
            minutes: category.minutes,
            own_minutes: false,
            title: "",
            status: Status::Idea,
            channel: slot.channel.as_deref(),
            partner: None,
            locked: false,
        }
    }

    pub(crate) fn post_ref(&self) -> PostRef {
        PostRef {
            id: self.id.map(str::to_string),
            date: self.date,
            time: self.time,
            category: self.category.to_string(),
            title: self.title.to_string(),
        }
    }

    /// Canonical order: date, then time with untimed posts first in their day.
    pub fn at(&self) -> (NaiveDate, Option<NaiveTime>) {
        (self.date, self.time)
    }
}

/// Whether no change may touch a post: it is published, its moment has
/// passed (an untimed post stays open until its day is over), or it is a date
/// of a repeating post (the series changes as a whole, by hand).
pub fn is_locked(dated: Dated, now: NaiveDateTime) -> bool {
    dated.is_occurrence()
        || dated.status == Status::Published
        || is_past(dated.date, dated.time, now)
}

pub(crate) fn is_past(date: NaiveDate, time: Option<NaiveTime>, now: NaiveDateTime) -> bool {
    match time {
        Some(t) => date.and_time(t) < now,
        None => date < now.date(),
    }
}

/// A post moved to another week lands here: the same weekday and time a week on.
pub(crate) fn next_week(date: NaiveDate) -> NaiveDate {
    date.checked_add_days(Days::new(7)).unwrap_or(date)
}

/// The facts about one week that rules read. Items are in canonical order.
pub struct WeekFacts<'a> {
    config: &'a Config,
    week: Week,
    items: &'a [Item<'a>],
    open: &'a [Slot],
    /// Posts of the weeks around, for rules that look across weeks
    /// ([`Rules::reach`]); empty otherwise.
    around: &'a [Item<'a>],
    counts: Vec<u32>,
    minutes: u32,
}

impl<'a> WeekFacts<'a> {
    pub fn new(
        config: &'a Config,
        week: Week,
        items: &'a [Item<'a>],
        open: &'a [Slot],
    ) -> WeekFacts<'a> {
        let mut counts = vec![0; config.categories.len()];
        let mut minutes = 0u32;
        for item in items {
            if let Some(i) = item.index {
                counts[i] += 1;
            }
            minutes = minutes.saturating_add(item.minutes);
        }
        WeekFacts {
            config,
            week,
            items,
            open,
            around: &[],
            counts,
            minutes,
        }
    }

    /// The same facts, with the posts of the weeks around.
    pub(crate) fn with_around(self, around: &'a [Item<'a>]) -> WeekFacts<'a> {
        WeekFacts { around, ..self }
    }

    /// Posts of the weeks around this one (before and after it, in canonical
    /// order), as far as the rules reach.
    pub(crate) fn around(&self) -> &'a [Item<'a>] {
        self.around
    }

    pub(crate) fn config(&self) -> &'a Config {
        self.config
    }

    pub(crate) fn week(&self) -> Week {
        self.week
    }

    pub(crate) fn items(&self) -> &'a [Item<'a>] {
        self.items
    }

    /// The week's open posting slots, in order (empty when not known).
    pub(crate) fn open(&self) -> &'a [Slot] {
        self.open
    }

    pub(crate) fn totals(&self) -> Totals<'_> {
        Totals {
            counts: &self.counts,
            total: self.items.len() as u32,
            minutes: self.minutes,
        }
    }

    pub(crate) fn total(&self) -> u32 {
        self.items.len() as u32
    }

    pub(crate) fn minutes(&self) -> u32 {
        self.minutes
    }
}

/// One week's mix: counts per category (config order), planned minutes, findings.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekReport {
    pub(crate) week: Week,
    pub counts: IndexMap<String, u32>,
    pub total: u32,
    pub minutes: u32,
    pub findings: Vec<Finding>,
}

/// Where a week stands, in one word; `check --json` names it as the derive
/// says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
pub(crate) enum Standing {
    /// No posts: not balanced, not drifting; nothing to judge yet.
    #[strum(serialize = "nothing planned")]
    NothingPlanned,
    /// Every rule holds (`info` findings may remain).
    #[strum(serialize = "balanced")]
    Balanced,
    /// Some rule of severity warning or error fails.
    #[strum(serialize = "findings")]
    Drifts,
}

impl WeekReport {
    /// Whether the week has no failing findings (`info` findings do not fail).
    pub fn ok(&self) -> bool {
        !self.findings.iter().any(Finding::fails)
    }

    /// The findings that fail the week.
    pub fn failing(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.fails())
    }

    pub(crate) fn standing(&self) -> Standing {
        if !self.ok() {
            Standing::Drifts
        } else if self.total == 0 {
            Standing::NothingPlanned
        } else {
            Standing::Balanced
        }
    }
}

/// Checks a week given as items in canonical order (date, time with untimed
/// first), with its open slots for fixes that add a post.
pub fn analyze_items(
    config: &Config,
    rules: &Rules,
    week: Week,
    items: &[Item],
    open: &[Slot],
) -> WeekReport {
    analyze_around(config, rules, week, items, open, &[])
}

/// [`analyze_items`], with the posts of the weeks around for rules that look
/// across weeks.
pub(crate) fn analyze_around(
    config: &Config,
    rules: &Rules,
    week: Week,
    items: &[Item],
    open: &[Slot],
    around: &[Item],
) -> WeekReport {
    let facts = WeekFacts::new(config, week, items, open).with_around(around);
    let mut findings = findings(rules, &facts, None);
    // How far the week is from each rule now, once for every finding's fix.
    let now: Vec<f64> = rules
        .iter()
        .map(|r| match r.shape() {
            Shape::Other => findings.iter().filter(|f| f.rule == r.id).count() as f64,
            _ => distance(r, &facts),
        })
        .collect();
    for f in &mut findings {
        f.breaks = breaks(config, rules, &now, &facts, f);
    }
    let counts = config
        .categories
        .iter()
        .zip(&facts.counts)
        .map(|(c, n)| (c.key.clone(), *n))
        .collect();
    WeekReport {
        week,
        counts,
        total: facts.total(),
        minutes: facts.minutes,
        findings,
    }
}

/// The failing findings of a week, without the work of finding their fixes
/// (`needs` and `breaks` are left empty): for confirming a repair.
pub(crate) fn failing_findings(
    config: &Config,
    rules: &Rules,
    week: Week,
    items: &[Item],
    around: &[Item],
) -> Vec<Finding> {
    let facts = WeekFacts::new(config, week, items, &[]).with_around(around);
    rules
        .iter()
        .filter(|r| r.severity.fails())
        .flat_map(|rule| {
            rule.violations(&facts)
                .into_iter()
                .map(|(scope, violation)| Finding {
                    rule: rule.id.clone(),
                    severity: rule.severity,
                    scope,
                    violation,
                    needs: Vec::new(),
                    breaks: Vec::new(),
                })
        })
        .collect()
}

/// Every rule's findings, but `skip`'s.
fn findings(rules: &Rules, facts: &WeekFacts, skip: Option<&RuleId>) -> Vec<Finding> {
    rules
        .iter()
        .filter(|r| Some(&r.id) != skip)
        .flat_map(|rule| {
            rule.check(facts)
                .into_iter()
                .map(|(scope, violation, needs)| Finding {
                    rule: rule.id.clone(),
                    severity: rule.severity,
                    scope,
                    violation,
                    needs,
                    breaks: Vec::new(),
                })
        })
        .collect()
}

/// The other rules that `finding`'s needs, done alone, would make fail, or fail
/// by more than now.
fn breaks(
    config: &Config,
    rules: &Rules,
    now: &[f64],
    before: &WeekFacts,
    finding: &Finding,
) -> Vec<RuleId> {
    if finding.needs.is_empty() {
        return Vec::new();
    }
    let week = before.week();
    let changed = with_changes(config, week, before.items(), &finding.needs);
    let after = WeekFacts::new(config, week, &changed, before.open()).with_around(before.around());
    rules
        .iter()
        .zip(now)
        .filter(|(r, _)| r.id != finding.rule)
        .filter(|(r, now)| distance(r, &after) > **now + EPSILON)
        .map(|(r, _)| r.id.clone())
        .collect()
}

/// How far a week is from meeting a rule: 0 when it holds; for a rule on the
/// totals, how far its constraints fall short; for runs, the posts over the
/// limit; otherwise the number of findings.
fn distance(rule: &Rule, facts: &WeekFacts) -> f64 {
    match rule.shape() {
        Shape::Totals(constraints) => {
            let t = facts.totals();
            constraints
                .iter()
                .map(|c| (c.at_least - c.value(&t)).max(0.0))
                .sum()
        }
        Shape::Runs { max, .. } => rule
            .check(facts)
            .iter()
            .map(|(_, v, _)| match v {
                Violation::Streak { posts, .. } => posts.len().saturating_sub(max as usize) as f64,
                _ => 1.0,
            })
            .sum(),
        Shape::Other => rule.violations(facts).len() as f64,
    }
}

/// The week's items with `changes` done: added posts go to their spot, or to
/// the end of the week when they have none; moved and removed posts leave, a
/// post given another channel stays; cut minutes come off the largest open
/// posts first.
pub(crate) fn with_changes<'a>(
    config: &'a Config,
    week: Week,
    items: &[Item<'a>],
    changes: &'a [Change],
) -> Vec<Item<'a>> {
    let mut out: Vec<Item<'a>> = items.to_vec();
    for change in changes {
        match change {
            Change::Add {
                category,
                count,
                at,
            } => {
                let index = config.category_index(category);
                let minutes = config.category(category).map_or(0, |c| c.minutes);
                for _ in 0..*count {
                    let (date, time) = match at {
                        Some(spot) => (spot.date, Some(spot.time)),
                        None => (week.end(), NaiveTime::from_hms_opt(23, 59, 59)),
                    };
                    let item = Item {
                        id: None,
                        date,
                        time,
                        category,
                        index,
                        minutes,
                        own_minutes: false,
                        title: "",
                        status: Status::Idea,
                        channel: at.as_ref().and_then(|s| s.channel.as_deref()),
                        partner: None,
                        locked: false,
                    };
                    let i = out.partition_point(|o| o.at() <= item.at());
                    out.insert(i, item);
                }
            }
            Change::Recategorise { post, to, .. } => {
                if let Some(item) = out.iter_mut().find(|i| i.id == post.id.as_deref()) {
                    item.category = to;
                    item.index = config.category_index(to);
                    if !item.own_minutes {
                        item.minutes = config.category(to).map_or(0, |c| c.minutes);
                    }
                }
            }
            Change::Move { post, .. } | Change::Remove { post } => {
                out.retain(|i| i.id.is_none() || i.id != post.id.as_deref());
            }
            Change::Channel { post, to, .. } => {
                if let Some(item) = out.iter_mut().find(|i| i.id == post.id.as_deref()) {
                    item.channel = Some(to);
                }
            }
            Change::Cut { minutes } => {
                let mut left = *minutes;
                let mut order: Vec<usize> = (0..out.len()).filter(|&i| !out[i].locked).collect();
                order.sort_by_key(|&i| std::cmp::Reverse(out[i].minutes));
                for i in order {
                    let take = out[i].minutes.min(left);
                    out[i].minutes -= take;
                    out[i].own_minutes = true;
                    left -= take;
                }
            }
        }
    }
    out
}
