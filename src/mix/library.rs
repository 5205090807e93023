//! The content library: the backlog's ideas and evergreen posts, in the order
//! the planner takes them, and the filling of a plan's open slots with them.
//!
//! The planner first chooses the category each open slot needs (the mix decides);
//! then each slot, in date and time order, takes the backlog's first idea of
//! that category: by `priority` (1 first), then oldest first. An evergreen post
//! is taken like any idea when it has rested long enough on both sides of its
//! other uses ([`crate::domain::evergreen::free_on`]), never twice in one week,
//! and never on a day that already has an evergreen post, so recycled posts are
//! spread out instead of going out together. A slot whose category the backlog
//! has nothing left of gets a placeholder ("Everyday post idea").

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use indexmap::IndexMap;

use super::Mix;
use super::plan::{idea, plan_with, read};
use super::slots::Slot;
use crate::config::Config;
use crate::domain::{Post, Schedule, Source, Week, WeekStart, evergreen};

/// What fills an open slot.
#[derive(Debug, Clone, PartialEq)]
pub enum Fill {
    /// A placeholder titled for its category, to be written.
    Placeholder,
    /// An idea of the backlog, as it goes into the slot (its own id, dated).
    Idea(Post),
    /// A new use of an evergreen post of the backlog (its id still to give).
    Evergreen(Post),
}

impl Fill {
    /// The backlog post the fill takes or reuses.
    pub(crate) fn backlog_id(&self) -> Option<&str> {
        match self {
            Fill::Placeholder => None,
            Fill::Idea(p) => Some(&p.id),
            Fill::Evergreen(p) => match p.source.as_deref() {
                Some(Source::Reuses(id)) => Some(id),
                _ => None,
            },
        }
    }

    /// The post the fill becomes in its slot.
    pub(crate) fn post(&self, config: &Config, category: &str, slot: &Slot) -> Post {
        match self {
            Fill::Placeholder => idea(config, category, slot.date, slot.time, slot.channel.clone()),
            Fill::Idea(p) | Fill::Evergreen(p) => p.clone(),
        }
    }
}

/// The backlog as the planner takes from it, keeping track of what a plan (or
/// several weeks of plans) has taken.
pub(crate) struct Library<'a> {
    /// Per category (config order): the backlog's posts in the order they are
    /// taken.
    queues: Vec<Vec<&'a Post>>,
    /// Plain ideas already taken.
    taken: HashSet<&'a str>,
    /// The dates each evergreen post is used on, with those a plan adds.
    uses: HashMap<&'a str, Vec<NaiveDate>>,
    /// Days that already have an evergreen post (written, or added by a plan).
    evergreen_days: HashSet<NaiveDate>,
    week_start: WeekStart,
}

/// The order ideas are taken in: priority 1 first, ideas without one after;
/// then the backlog's own order, oldest first.
pub(crate) fn order(backlog: &[Post]) -> Vec<&Post> {
    let mut out: Vec<(usize, &Post)> = backlog.iter().enumerate().collect();
    out.sort_by_key(|(age, p)| (p.priority.map_or(u16::MAX, std::num::NonZero::get), *age));
    out.into_iter().map(|(_, p)| p).collect()
}

impl<'a> Library<'a> {
    /// The schedule's backlog, with every use of its evergreen posts.
    pub(crate) fn of(config: &Config, schedule: &'a Schedule) -> Library<'a> {
        let mut queues = vec![Vec::new(); config.categories.len()];
        for post in order(schedule.backlog()) {
            if let Some(i) = config.category_index(&post.category) {
                queues[i].push(post);
            }
        }
        let mut uses: HashMap<&'a str, Vec<NaiveDate>> = HashMap::new();
        let mut evergreen_days = HashSet::new();
        let has_evergreen = schedule.backlog().iter().any(|p| p.evergreen);
        if has_evergreen {
            for post in schedule.iter() {
                if let (Some(Source::Reuses(id)), Some(date)) = (post.source.as_deref(), post.date)
                {
                    if let Some(e) = schedule.get(id) {
                        uses.entry(e.id.as_str()).or_default().push(date);
                    }
                    evergreen_days.insert(date);
                }
            }
        }
        Library {
            queues,
            taken: HashSet::new(),
            uses,
            evergreen_days,
            week_start: config.week_start,
        }
    }

    /// Takes the first idea of category `c` (config index) that fits `slot`,
    /// placed in it; `None` when the backlog has none.
    pub(crate) fn take(&mut self, c: usize, slot: &Slot) -> Option<Fill> {
        self.take_if(c, slot, |_| true)
    }

    /// [`Library::take`] among the ideas `ok` accepts.
    pub(crate) fn take_if(
        &mut self,
        c: usize,
        slot: &Slot,
        ok: impl Fn(&Post) -> bool,
    ) -> Option<Fill> {
        let queue = self.queues.get(c)?;
        let fits = |p: &Post| match (&slot.channel, &p.channel) {
            (Some(s), Some(mine)) => s == mine,
            _ => true,
        };
        let found = queue.iter().copied().find(|p| {
            if !fits(p) || !ok(p) {
                return false;
            }
            if p.evergreen {
                let uses = self.uses.get(p.id.as_str()).map_or(&[][..], Vec::as_slice);
                !self.evergreen_days.contains(&slot.date)
                    && evergreen::free_on(p.gap(), uses, slot.date, self.week_start)
            } else {
                !self.taken.contains(p.id.as_str())
            }
        })?;
        let mut placed = found.placed(slot.date, Some(slot.time));
        if placed.channel.is_none() {
            placed.channel.clone_from(&slot.channel);
        }
        if found.evergreen {
            self.uses
                .entry(found.id.as_str())
                .or_default()
                .push(slot.date);
            self.evergreen_days.insert(slot.date);
            Some(Fill::Evergreen(placed))
        } else {
            self.taken.insert(found.id.as_str());
            Some(Fill::Idea(placed))
        }
    }

    /// Puts back what [`Library::take`] took for `slot`.
    pub(crate) fn give_back(&mut self, fill: &Fill, slot: &Slot) {
        match fill {
            Fill::Placeholder => {}
            Fill::Idea(p) => {
                self.taken.remove(p.id.as_str());
            }
            Fill::Evergreen(p) => {
                if let Some(Source::Reuses(id)) = p.source.as_deref()
                    && let Some(uses) = self.uses.get_mut(id.as_str())
                    && let Some(at) = uses.iter().rposition(|d| *d == slot.date)
                {
                    uses.remove(at);
                }
                self.evergreen_days.remove(&slot.date);
            }
        }
    }
}

/// How many weeks ahead `suggest` and `f` say what the backlog lacks.
pub(crate) const OUTLOOK_WEEKS: usize = 4;

/// How far the backlog reaches: the ideas it lacks, by category, to fill the
/// posts the planner proposes for some weeks with posts of their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Outlook {
    /// The first of the weeks: the week asked for, or this week when that
    /// has passed (a past week has no slot left to fill).
    pub(crate) from: Week,
    pub(crate) weeks: usize,
    /// How many posts the planner proposes in those weeks.
    pub(crate) proposed: u32,
    /// Category key (config order) and how many more ideas of it the weeks
    /// need; only categories that lack any.
    pub(crate) lacking: IndexMap<String, u32>,
}

impl Outlook {
    pub(crate) fn total(&self) -> u32 {
        self.lacking.values().sum()
    }
}

/// Plans `weeks` weeks from `from` (or from this week, when `from` has
/// passed) one after another, each taking from what the ones before left in
/// the backlog, and counts the slots left to placeholders.
pub(crate) fn outlook(mix: &Mix, schedule: &Schedule, from: Week, weeks: usize) -> Outlook {
    let from = from.max(Week::containing(mix.now.date(), mix.config.week_start));
    let mut library = Library::of(mix.config, schedule);
    let mut counts = vec![0u32; mix.config.categories.len()];
    let mut proposed = 0u32;
    let mut week = from;
    for _ in 0..weeks {
        let w = read(mix, schedule, week);
        let plan = plan_with(mix, week, &w);
        proposed += plan.proposals.len() as u32;
        for p in &plan.proposals {
            let Some(c) = mix.config.category_index(&p.category) else {
                continue;
            };
            if library.take(c, &p.slot()).is_none() {
                counts[c] += 1;
            }
        }
        week = week.next();
    }
    let lacking = mix
        .config
        .categories
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(c, n)| (c.key.clone(), n))
        .collect();
    Outlook {
        from,
        weeks,
        proposed,
        lacking,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn slot(date: &str) -> Slot {
        Slot {
            date: d(date),
            time: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            channel: None,
        }
    }

    #[test]
    fn ideas_go_by_priority_then_oldest_first() {
        let config = Config::builtin().unwrap();
        let mut s = Schedule::new();
        let old = s.insert(Post::idea("everyday", "old"));
        let mut p = Post::idea("everyday", "urgent");
        p.priority = std::num::NonZeroU16::new(1);
        let urgent = s.insert(p);
        let mut lib = Library::of(&config, &s);
        let first = lib.take(0, &slot("2026-11-23")).unwrap();
        assert_eq!(first.backlog_id(), Some(urgent.as_str()));
        let second = lib.take(0, &slot("2026-11-24")).unwrap();
        assert_eq!(second.backlog_id(), Some(old.as_str()));
        assert!(lib.take(0, &slot("2026-11-25")).is_none());
        let Fill::Idea(placed) = second else {
            panic!("an idea")
        };
        assert_eq!(placed.date, Some(d("2026-11-24")));
        assert_eq!(placed.source.as_deref(), Some(&Source::Backlog));
    }

    #[test]
    fn an_evergreen_post_waits_for_its_gap_and_never_shares_a_day() {
        let config = Config::builtin().unwrap();
        let mut s = Schedule::new();
        let mut e = Post::idea("everyday", "evergreen");
        e.evergreen = true;
        let id = s.insert(e.clone());
        e.id = id.clone();
        s.insert(e.placed(d("2026-11-02"), None));
        let mut lib = Library::of(&config, &s);
        // Eight weeks after 2 November is 28 December.
        assert!(lib.take(0, &slot("2026-12-21")).is_none());
        let Some(Fill::Evergreen(use_)) = lib.take(0, &slot("2026-12-28")) else {
            panic!("the evergreen post is free again")
        };
        assert_eq!(use_.source.as_deref(), Some(&Source::Reuses(id)));
        assert!(use_.id.is_empty());
        // Not again in that week, nor within its gap.
        assert!(lib.take(0, &slot("2026-12-30")).is_none());
    }
}
