//! One engine for the planner (`suggest`, `f`) and for the repair of a whole
//! week (the mix panel's first line, `r`, `check`): a bounded search over
//! changes to the week, cheapest kinds first. Published posts and posts in the
//! past never change, and no slot in the past is filled.
//!
//! `model` turns the week into the search's terms; `bundle` picks how many of
//! each change; `order` picks which posts and slots take them; `search` runs
//! both in the right order and says what blocks a week that cannot balance.
//! What it finds is confirmed by the same check as `mixcal check`.

mod bundle;
mod lp;
mod model;
mod order;
mod search;
mod why;

use chrono::{NaiveDate, NaiveTime};

use self::model::{Choice, Mode, Model, Op, Source};
use super::Mix;
use super::analyze::{Item, WeekReport, analyze_around, failing_findings, next_week, with_changes};
use super::finding::{Change, RuleId, Spot, Violation};
use super::library::{Fill, Library};
use super::rules::{Rule, Rules, Target};
use super::slots::{Slot, open_slots};
use crate::config::Config;
use crate::domain::{Dated, Post, Schedule, Status, Week};

pub(crate) use search::MOST_CHANGES;

/// The search's bound in nodes: enough for any default week many times over,
/// and a second or so on the largest weeks.
pub(crate) const DEFAULT_NODES: u64 = 1_500_000;

/// The smallest set of changes that balances the week.
#[derive(Debug, Clone, PartialEq)]
pub struct Repair {
    pub changes: Vec<Change>,
    /// False when the bound cut the search: a smaller repair may exist.
    pub(crate) complete: bool,
    /// Rules the search does not reason about (a rule on some channels, or
    /// one that looks across weeks) that still fail afterwards: their own
    /// findings say what mends them.
    pub(crate) rest: Vec<RuleId>,
}

impl Repair {
    /// How many changes: an add of three posts counts three.
    pub fn size(&self) -> u32 {
        self.changes.iter().map(Change::size).sum()
    }
}

/// Why no repair is offered.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Blocked {
    /// The published and past posts alone break these rules.
    Locked { rules: Vec<RuleId> },
    /// It takes at least `at_least` changes, more than the search tries.
    TooFar { at_least: u32, limit: u32 },
    /// The rules cannot all hold together, whatever changes: they ask for
    /// more than the week's open posts and slots can give at once.
    Conflict,
    /// No set of up to `limit` changes balances the week; `cut` when the
    /// search's bound stopped it first.
    NotWithin { limit: u32, cut: bool },
    /// Every rule on the week's totals holds; these rules, on some channels or
    /// across weeks, fail, and each of their findings names its own change.
    OwnChanges { rules: Vec<RuleId> },
}

/// The word on a week.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    NothingPlanned,
    Balanced,
    Repair(Repair),
    Blocked(Blocked),
}

/// A week's report and the verdict on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub report: WeekReport,
    pub verdict: Verdict,
}

/// Why a proposal holds its category.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Any other category here breaks these rules.
    Needed(Vec<(RuleId, Target)>),
    /// Where the week stands on a rule that counts this category.
    Standing(RuleId, Violation),
    /// Any category would do as well.
    Fits,
}

/// The category proposed for one open slot, why, and what fills it.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub(crate) channel: Option<String>,
    /// A category key from the config.
    pub(crate) category: String,
    pub reason: Reason,
    /// An idea of the backlog, a use of an evergreen post, or a placeholder.
    pub fill: Fill,
}

impl Proposal {
    /// The post this proposal becomes when accepted: the backlog's idea placed
    /// in the slot (it keeps its id), a new use of an evergreen post, or a
    /// placeholder idea at the slot's time and channel, titled for its
    /// category ("Everyday post idea"); a new post's id is still to give.
    pub(crate) fn to_post(&self, config: &Config) -> Post {
        self.fill.post(config, &self.category, &self.slot())
    }

    pub(crate) fn slot(&self) -> Slot {
        Slot {
            date: self.date,
            time: self.time,
            channel: self.channel.clone(),
        }
    }
}

/// A new idea post for a slot.
pub(crate) fn idea(
    config: &Config,
    category: &str,
    date: NaiveDate,
    time: NaiveTime,
    channel: Option<String>,
) -> Post {
    let mut post = Post::new(date, category, &placeholder_title(config, category));
    post.time = Some(time);
    post.channel = channel;
    post.status = Status::Idea;
    post
}

/// The title of a placeholder the planner adds: "Everyday post idea".
fn placeholder_title(config: &Config, category: &str) -> String {
    let name = config
        .category(category)
        .map_or(category, |c| c.name.as_str());
    format!("{name} post idea")
}

/// Whether a post is a placeholder the planner added that nobody has written
/// yet: an idea still titled for its category ("Everyday post idea"), not
/// taken from the backlog.
pub(crate) fn is_placeholder(config: &Config, post: &Post) -> bool {
    post.status == Status::Idea
        && post.source.is_none()
        && post.title == placeholder_title(config, &post.category)
}

/// A plan for one week.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub(crate) week: Week,
    /// One proposal per open slot it fills, in date and time order.
    pub proposals: Vec<Proposal>,
    /// Changes to the week's own posts the proposals count on to balance the
    /// week: none when the open slots alone can.
    pub changes: Vec<Change>,
    /// The week with the proposals in place (not the changes), as `mixcal
    /// check` sees it.
    pub report: WeekReport,
    /// When the proposals and changes cannot balance the week: what blocks it.
    pub blocked: Option<Blocked>,
    /// The open slots the plan leaves empty, in date and time order: one more
    /// post would break a rule.
    pub unfilled: Vec<Slot>,
    /// The rules one more post in the first empty slot would break, whatever
    /// its category.
    pub(crate) unfilled_because: Vec<RuleId>,
    /// False when the bound cut the search.
    pub complete: bool,
    /// The search's nodes.
    pub(crate) nodes: u64,
}

impl Plan {
    /// Whether the week meets every rule once the proposals are in place; a
    /// week with nothing in it is never balanced.
    pub fn balanced(&self) -> bool {
        self.report.standing() == super::analyze::Standing::Balanced
    }

    /// The proposals as idea posts, ready to add to the schedule.
    pub fn posts(&self, config: &Config) -> Vec<Post> {
        self.proposals.iter().map(|p| p.to_post(config)).collect()
    }
}

/// A week's posts and open slots, read once, and the posts of the weeks
/// around for rules that look across weeks.
pub(crate) struct Snapshot<'a> {
    items: Vec<Item<'a>>,
    open: Vec<Slot>,
    around: Vec<Item<'a>>,
}

pub(crate) fn read<'a>(mix: &Mix<'a>, schedule: &'a Schedule, week: Week) -> Snapshot<'a> {
    let posts: Vec<Dated> = schedule.week(week).collect();
    let items = posts
        .iter()
        .map(|p| Item::of(*p, mix.config, mix.now))
        .collect();
    let open = open_slots(mix.config, week, posts.iter().copied(), mix.now);
    let around = mix.around(schedule, week);
    Snapshot {
        items,
        open,
        around,
    }
}

/// Checks a week and, when it drifts, finds the repair.
pub(crate) fn review(mix: &Mix, schedule: &Schedule, week: Week) -> Review {
    let w = read(mix, schedule, week);
    let report = analyze_around(mix.config, mix.rules, week, &w.items, &w.open, &w.around);
    let verdict = if report.total == 0 {
        Verdict::NothingPlanned
    } else if report.ok() {
        Verdict::Balanced
    } else if let Some(b) = own_changes(&report, mix.rules) {
        match own_repair(mix, week, &w.items, &w.around, &report) {
            Some(changes) => Verdict::Repair(Repair {
                changes,
                complete: true,
                rest: Vec::new(),
            }),
            None => Verdict::Blocked(b),
        }
    } else {
        repair(mix, week, &w)
    };
    Review { report, verdict }
}

/// When the week as a whole holds and only rules the search does not reason
/// about fail (a feed's own mix): their findings' own changes together, when
/// none breaks another rule, each can be carried out (no add without its
/// slot, no cut) and together they leave no failing finding.
fn own_repair(
    mix: &Mix,
    week: Week,
    items: &[Item],
    around: &[Item],
    report: &WeekReport,
) -> Option<Vec<Change>> {
    let mut changes: Vec<Change> = Vec::new();
    for f in report.failing() {
        if !f.breaks.is_empty() || f.needs.is_empty() {
            return None;
        }
        for c in &f.needs {
            if matches!(c, Change::Add { at: None, .. } | Change::Cut { .. }) {
                return None;
            }
            if !changes.contains(c) {
                changes.push(c.clone());
            }
        }
    }
    let after = with_changes(mix.config, week, items, &changes);
    failing_findings(mix.config, mix.rules, week, &after, around)
        .is_empty()
        .then_some(changes)
}

/// The rules of failing findings that the search does not reason about, each
/// once, in the order of their findings.
pub(crate) fn unsearched<'f>(
    findings: impl IntoIterator<Item = &'f super::finding::Finding>,
    rules: &Rules,
) -> Vec<RuleId> {
    let mut out: Vec<RuleId> = Vec::new();
    for f in findings.into_iter().filter(|f| f.fails()) {
        if !rules.get(&f.rule).is_some_and(Rule::searched) && !out.contains(&f.rule) {
            out.push(f.rule.clone());
        }
    }
    out
}

/// When every failing finding is of a rule the search does not reason about:
/// the verdict that sends the owner to those findings' own changes.
fn own_changes(report: &WeekReport, rules: &Rules) -> Option<Blocked> {
    let searched = |f: &&super::finding::Finding| rules.get(&f.rule).is_some_and(Rule::searched);
    (!report.ok() && !report.failing().any(|f| searched(&f))).then(|| Blocked::OwnChanges {
        rules: unsearched(&report.findings, rules),
    })
}

fn repair(mix: &Mix, week: Week, w: &Snapshot) -> Verdict {
    let model = Model::new(mix.config, mix.rules, &w.items, &w.open, Mode::Repair);
    let out = search::repair(&model, mix.rules, mix.nodes);
    let Some(found) = out.found else {
        return Verdict::Blocked(out.blocked.unwrap_or(Blocked::NotWithin {
            limit: MOST_CHANGES,
            cut: !out.complete,
        }));
    };
    let changes = changes(
        mix.config,
        &model,
        &found.arrangement.choice,
        &w.items,
        &w.open,
    );
    // The search reasons on rules it knows the shape of; the check has the
    // last word on those. Rules beyond it keep their own findings.
    let after = with_changes(mix.config, week, &w.items, &changes);
    let failing = failing_findings(mix.config, mix.rules, week, &after, &w.around);
    if failing
        .iter()
        .any(|f| mix.rules.get(&f.rule).is_some_and(Rule::searched))
    {
        return Verdict::Blocked(Blocked::NotWithin {
            limit: MOST_CHANGES,
            cut: !out.complete,
        });
    }
    Verdict::Repair(Repair {
        changes,
        complete: out.complete,
        rest: unsearched(&failing, mix.rules),
    })
}

/// The changes a choice makes, in time order.
fn changes(
    config: &Config,
    model: &Model,
    choice: &[Choice],
    items: &[Item],
    open: &[Slot],
) -> Vec<Change> {
    let key = |c: usize| config.categories[c].key.clone();
    let mut out = Vec::new();
    for (p, pos) in model.positions.iter().enumerate() {
        let Choice::Var(v) = choice[p] else { continue };
        let var = &model.vars[v];
        let change = match (pos.source, var.op) {
            (Source::Post(i), Op::Recategorise(k)) => Change::Recategorise {
                post: items[i].post_ref(),
                from: items[i].category.to_string(),
                to: key(model.classes[k].category),
            },
            (Source::Post(i), Op::Move) => Change::Move {
                post: items[i].post_ref(),
                to: next_week(items[i].date),
            },
            (Source::Post(i), Op::Remove) => Change::Remove {
                post: items[i].post_ref(),
            },
            (Source::Slot(j), Op::Add(k)) => {
                if !var.counts() {
                    continue;
                }
                Change::Add {
                    category: key(model.classes[k].category),
                    count: 1,
                    at: Some(Spot {
                        date: open[j].date,
                        time: open[j].time,
                        channel: open[j].channel.clone(),
                    }),
                }
            }
            _ => continue,
        };
        out.push(change);
    }
    out
}

/// Plans one week: a category for as many open slots as keep every rule
/// holding (and, only when the week cannot hold otherwise, the fewest changes
/// to its posts), everyday posts first, the mix nearest the middle of each
/// target, promotional posts spread apart; then fills each slot from the
/// backlog (see [`super::library`]). Deterministic.
pub(crate) fn plan(mix: &Mix, schedule: &Schedule, week: Week) -> Plan {
    let w = read(mix, schedule, week);
    let mut plan = plan_with(mix, week, &w);
    let mut library = Library::of(mix.config, schedule);
    fill(mix, &w, &mut plan, &mut library);
    plan
}

/// Fills a plan's proposals from the library and checks the week with them as
/// they are (an idea's own minutes count). An idea with minutes of its own
/// that would leave the week worse than a placeholder does gives way to the
/// next idea without, or to a placeholder.
pub(crate) fn fill(mix: &Mix, w: &Snapshot, plan: &mut Plan, library: &mut Library) {
    if plan.proposals.is_empty() {
        return;
    }
    let config = mix.config;
    let failing = |report: &WeekReport| report.failing().count();
    let placeholder_failing = failing(&plan.report);
    let category = |p: &Proposal| config.category_index(&p.category);
    for p in &mut plan.proposals {
        if let Some(c) = category(p)
            && let Some(f) = library.take(c, &p.slot())
        {
            p.fill = f;
        }
    }
    let mut report = week_with(mix, plan.week, w, &plan.proposals);
    // Undo, latest first, the ideas whose own minutes cost the week a rule.
    let mut k = plan.proposals.len();
    while failing(&report) > placeholder_failing && k > 0 {
        k -= 1;
        let p = &mut plan.proposals[k];
        let own = match &p.fill {
            Fill::Idea(post) | Fill::Evergreen(post) => post.minutes.is_some(),
            Fill::Placeholder => false,
        };
        if !own {
            continue;
        }
        let slot = p.slot();
        library.give_back(&p.fill, &slot);
        p.fill = category(p)
            .and_then(|c| library.take_if(c, &slot, |q| q.minutes.is_none()))
            .unwrap_or(Fill::Placeholder);
        report = week_with(mix, plan.week, w, &plan.proposals);
    }
    plan.report = report;
}

/// The week with the proposals in place as the posts they become.
fn week_with(mix: &Mix, week: Week, w: &Snapshot, proposals: &[Proposal]) -> WeekReport {
    let posts: Vec<Post> = proposals.iter().map(|p| p.to_post(mix.config)).collect();
    let mut items = w.items.clone();
    for post in &posts {
        let Some(dated) = Dated::of(post) else {
            continue;
        };
        let item = Item::of(dated, mix.config, mix.now);
        let at = items.partition_point(|i| i.at() <= item.at());
        items.insert(at, item);
    }
    analyze_around(mix.config, mix.rules, week, &items, &[], &w.around)
}

pub(crate) fn plan_with(mix: &Mix, week: Week, w: &Snapshot) -> Plan {
    let config = mix.config;
    let model = Model::new(config, mix.rules, &w.items, &w.open, Mode::Plan);
    let out = search::plan(&model, mix.rules, mix.nodes);
    let choice: Vec<Choice> = match &out.found {
        Some(f) => f.arrangement.choice.clone(),
        None => vec![Choice::Keep; model.positions.len()],
    };
    let changes = changes(config, &model, &choice, &w.items, &w.open);
    // The proposals: the category each slot position takes.
    let mut picked: Vec<(usize, usize)> = Vec::new();
    for (p, pos) in model.positions.iter().enumerate() {
        if let (Source::Slot(j), Some(c)) = (pos.source, model.category(p, choice[p])) {
            picked.push((j, c));
        }
    }
    picked.sort_unstable();
    let reasons = why::reasons(mix, &model, &choice);
    let (empty, unfilled_because) = why::unfilled(mix, &model, &choice);
    let unfilled = empty.iter().map(|&j| w.open[j].clone()).collect();
    let proposals: Vec<Proposal> = picked
        .iter()
        .map(|&(j, c)| {
            let slot = &w.open[j];
            Proposal {
                date: slot.date,
                time: slot.time,
                channel: slot.channel.clone(),
                category: config.categories[c].key.clone(),
                reason: reasons.get(&j).cloned().unwrap_or(Reason::Fits),
                fill: Fill::Placeholder,
            }
        })
        .collect();
    let mut items = w.items.clone();
    for &(j, c) in &picked {
        let item = Item::proposed(config, c, &w.open[j]);
        let at = items.partition_point(|i| i.at() <= item.at());
        items.insert(at, item);
    }
    let report = analyze_around(config, mix.rules, week, &items, &[], &w.around);
    let (changes, blocked) = match out.blocked {
        Some(b) => (changes, Some(b)),
        None if out.found.is_none() => (
            changes,
            Some(Blocked::NotWithin {
                limit: MOST_CHANGES,
                cut: !out.complete,
            }),
        ),
        // The week holds as a whole with the proposals; a feed's own change
        // mends the rest, or those findings say what to do.
        None => match own_changes(&report, mix.rules) {
            Some(b) => match own_repair(mix, week, &items, &w.around, &report) {
                Some(own) => (own, None),
                None => (changes, Some(b)),
            },
            None => (changes, None),
        },
    };
    Plan {
        week,
        proposals,
        changes,
        report,
        blocked,
        unfilled,
        unfilled_because,
        complete: out.complete,
        nodes: out.nodes,
    }
}

/// The category (config index) the week needs most at a date and time: the
/// one the planner would put in a slot there, with the other open slots as it
/// would fill them; the first category (everyday) when it would leave the
/// slot empty.
pub(crate) fn needed_category(
    mix: &Mix,
    schedule: &Schedule,
    week: Week,
    date: NaiveDate,
    time: Option<NaiveTime>,
) -> usize {
    let mut w = read(mix, schedule, week);
    let time = time.unwrap_or_else(|| NaiveTime::from_hms_opt(23, 59, 0).unwrap_or(NaiveTime::MIN));
    let extra = Slot {
        date,
        time,
        channel: None,
    };
    let j = match w.open.iter().position(|s| s.date == date && s.time == time) {
        Some(j) => j,
        None => {
            let at = w.open.partition_point(|s| (s.date, s.time) < (date, time));
            w.open.insert(at, extra);
            at
        }
    };
    let plan = plan_with(mix, week, &w);
    let slot = &w.open[j];
    plan.proposals
        .iter()
        .find(|p| p.date == slot.date && p.time == slot.time && p.channel == slot.channel)
        .and_then(|p| mix.config.category_index(&p.category))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests;
