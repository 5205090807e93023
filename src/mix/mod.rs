//! The target mix: rules read from the config, a week checked against them,
//! and one engine that plans a week and repairs it. Findings, changes and
//! repairs are data; `wording` makes every sentence from them.

pub(crate) mod analyze;
pub(crate) mod apply;
pub(crate) mod finding;
pub(crate) mod library;
pub(crate) mod plan;
pub(crate) mod rules;
pub(crate) mod scope;
pub(crate) mod slots;
pub(crate) mod wording;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

pub use analyze::{Item, WeekReport, analyze_items};
pub(crate) use analyze::{Standing, analyze_around};
pub use finding::{Change, PostRef, Spot};
pub(crate) use finding::{Finding, Severity};
pub use library::Fill;
pub(crate) use library::Outlook;
pub use plan::Verdict;
pub(crate) use plan::{Blocked, Plan, Reason, Repair, Review};
pub use rules::Rules;
pub(crate) use rules::{Rule, Target};
pub use slots::open_slots;
pub(crate) use wording::Words;

use crate::config::Config;
use crate::domain::{Schedule, Week};

/// What checking and planning read besides the posts: the config, its rules
/// compiled, the clock's now (posts and slots before it never change), and the
/// search's bound.
#[derive(Debug, Clone, Copy)]
pub struct Mix<'a> {
    pub config: &'a Config,
    pub rules: &'a Rules,
    pub now: NaiveDateTime,
    /// The search's bound in nodes (see [`plan::DEFAULT_NODES`]).
    pub(crate) nodes: u64,
}

impl<'a> Mix<'a> {
    pub fn new(config: &'a Config, rules: &'a Rules, now: NaiveDateTime) -> Mix<'a> {
        Mix {
            config,
            rules,
            now,
            nodes: plan::DEFAULT_NODES,
        }
    }

    /// Counts, minutes and findings of one week. Only that week's posts are
    /// read, and those of the weeks around as far as a rule looks across weeks.
    pub fn check(&self, schedule: &Schedule, week: Week) -> WeekReport {
        let posts: Vec<_> = schedule.week(week).collect();
        let items: Vec<Item> = posts
            .iter()
            .map(|p| Item::of(*p, self.config, self.now))
            .collect();
        let open = open_slots(self.config, week, posts.iter().copied(), self.now);
        let around = self.around(schedule, week);
        analyze_around(self.config, self.rules, week, &items, &open, &around)
    }

    /// One channel's part of a week, for the mix panel under the channel
    /// filter: that channel's counts and minutes, and the findings of the rules
    /// that read that channel's posts (per channel, or limited to channels it
    /// is one of), taken from `report`, the whole week's.
    pub fn channel(
        &self,
        schedule: &Schedule,
        week: Week,
        report: &WeekReport,
        channel: &str,
    ) -> WeekReport {
        let key = crate::config::channel_key(channel);
        let items: Vec<Item> = schedule
            .week(week)
            .filter(|p| p.channel.as_deref().map(crate::config::channel_key) == Some(key.clone()))
            .map(|p| Item::of(p, self.config, self.now))
            .collect();
        let mut part = analyze_items(self.config, &Rules::default(), week, &items, &[]);
        part.findings = report
            .findings
            .iter()
            .filter(|f| {
                self.rules.get(&f.rule).is_some_and(|r| {
                    r.scope.covers(channel)
                        && (!r.scope.per_channel
                            || f.scope.as_deref().map(crate::config::channel_key)
                                == Some(key.clone()))
                })
            })
            .cloned()
            .collect();
        part
    }

    /// The posts of the weeks before and after `week`, as far as the rules
    /// reach ([`Rules::reach`]); none when every rule reads its week alone.
    pub(crate) fn around<'s>(&self, schedule: &'s Schedule, week: Week) -> Vec<Item<'s>> {
        let reach = self.rules.reach();
        if reach == 0 {
            return Vec::new();
        }
        let days = chrono::Days::new(7 * u64::from(reach));
        let from = week
            .start()
            .checked_sub_days(days)
            .unwrap_or(NaiveDate::MIN);
        let to = week
            .end_exclusive()
            .checked_add_days(days)
            .unwrap_or(NaiveDate::MAX);
        schedule
            .range(from..week.start())
            .chain(schedule.range(week.end_exclusive()..to))
            .map(|p| Item::of(p, self.config, self.now))
            .collect()
    }

    /// The week's report and the verdict on it: balanced, nothing planned, the
    /// repair that balances it, or what blocks one.
    pub fn review(&self, schedule: &Schedule, week: Week) -> Review {
        plan::review(self, schedule, week)
    }

    /// The planner's proposals for the week's open slots.
    pub fn plan(&self, schedule: &Schedule, week: Week) -> Plan {
        plan::plan(self, schedule, week)
    }

    /// What the backlog lacks to fill the open slots of `weeks` weeks from
    /// `from` with posts of its own.
    pub(crate) fn outlook(&self, schedule: &Schedule, from: Week, weeks: usize) -> Outlook {
        library::outlook(self, schedule, from, weeks)
    }

    /// The week's placeholders still to write ([`plan::is_placeholder`]), in
    /// date and time order.
    pub(crate) fn placeholders(&self, schedule: &Schedule, week: Week) -> Vec<PostRef> {
        schedule
            .week(week)
            .filter(|p| plan::is_placeholder(self.config, p.post))
            .map(PostRef::of)
            .collect()
    }

    /// The category (config index) a new post at this date and time helps most.
    pub(crate) fn needed_category(
        &self,
        schedule: &Schedule,
        week: Week,
        date: NaiveDate,
        time: Option<NaiveTime>,
    ) -> usize {
        plan::needed_category(self, schedule, week, date, time)
    }

    pub fn words(&self) -> Words<'a> {
        Words::new(self.config)
    }
}
