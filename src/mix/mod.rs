//! The target mix: rules read from the config, a week checked against them,
//! and one engine that plans a week and repairs it. Findings, changes and
//! repairs are data; `wording` makes every sentence from them.

pub mod analyze;
pub mod apply;
pub mod finding;
pub mod plan;
pub mod rules;
pub mod slots;
pub mod wording;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

pub use analyze::{Item, Standing, WeekReport, analyze_items, with_changes};
pub use finding::{CategorySet, Change, Finding, PostRef, RuleId, Severity, Spot, Violation};
pub use plan::{Blocked, Plan, Proposal, Reason, Repair, Review, Verdict};
pub use rules::{Rule, Rules, Target};
pub use slots::{Slot, open_slots};
pub use wording::Words;

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
    pub nodes: u64,
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

    /// The same, with another bound on the search.
    pub fn with_nodes(self, nodes: u64) -> Mix<'a> {
        Mix { nodes, ..self }
    }

    /// Counts, minutes and findings of one week. Only that week's posts are read.
    pub fn check(&self, schedule: &Schedule, week: Week) -> WeekReport {
        let posts: Vec<_> = schedule.week(week).collect();
        let items: Vec<Item> = posts
            .iter()
            .map(|p| Item::of(p, self.config, self.now))
            .collect();
        let open = open_slots(self.config, week, posts, self.now);
        analyze_items(self.config, self.rules, week, &items, &open)
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

    /// The category (config index) a new post at this date and time helps most.
    pub fn needed_category(
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
