//! `streak`: at most `max` posts in a row (by date and time; untimed posts first
//! in their day) from `categories`, or from every category but `except`. Each
//! run that is too long is one finding.

use std::ops::Range;
use std::sync::Arc;

use chrono::{Days, NaiveDateTime, NaiveTime, TimeDelta, Timelike};
use serde::Deserialize;

use super::{Context, Errors, Kind, Shape, Target, Whole};
use crate::diag::Diagnostic;
use crate::mix::analyze::{Item, WeekFacts, next_week};
use crate::mix::finding::{CategorySet, Change, Spot, Violation};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    categories: Option<Vec<String>>,
    except: Option<Vec<String>>,
    max: Whole,
}

#[derive(Debug)]
struct Streak {
    set: CategorySet,
    /// Whether each config category is in the set.
    members: Vec<bool>,
    /// The first category outside the set: what a fix puts between two posts.
    breaker: Option<String>,
    max: u32,
}

pub(super) fn compile(cx: &Context) -> Result<Arc<dyn Kind>, Vec<Diagnostic>> {
    let spec: Spec = cx.spec()?;
    let mut errors = Errors::default();
    let set = match (spec.categories, spec.except) {
        (Some(c), None) => {
            errors.take(cx.categories("categories", &c, true));
            CategorySet::Only(c)
        }
        (None, Some(e)) => {
            errors.take(cx.categories("except", &e, false));
            CategorySet::Except(e)
        }
        _ => {
            errors.push(
                cx.error(
                    "kind",
                    "a streak rule needs either `categories` or `except`",
                )
                .with_help("e.g. `except = [\"everyday\"]` for every category but everyday"),
            );
            CategorySet::Only(Vec::new())
        }
    };
    errors.finish()?;
    let members: Vec<bool> = cx
        .config
        .categories
        .iter()
        .map(|c| set.contains(&c.key))
        .collect();
    let breaker = cx
        .config
        .categories
        .iter()
        .zip(&members)
        .find(|(_, m)| !**m)
        .map(|(c, _)| c.key.clone());
    Ok(Arc::new(Streak {
        set,
        members,
        breaker,
        max: spec.max.0,
    }))
}

impl Streak {
    fn member(&self, item: &Item) -> bool {
        match item.index {
            Some(i) => self.members[i],
            None => self.set.contains(item.category),
        }
    }

    /// The smallest change that ends one run: a breaker post put between its
    /// posts where the times leave room, else breakers made of its own open
    /// posts, else its open posts moved away. Empty when locked posts alone
    /// make the run.
    fn mend(&self, week: &WeekFacts, run: &[Item]) -> Vec<Change> {
        if let Some(breaker) = &self.breaker
            && self.max > 0
        {
            let cuts: Vec<usize> = (1..)
                .map(|k| k * self.max as usize)
                .take_while(|&j| j < run.len())
                .collect();
            let spots: Option<Vec<Spot>> = cuts
                .iter()
                .map(|&j| spot_between(week, &run[j - 1], &run[j]))
                .collect();
            if let Some(spots) = spots {
                return spots
                    .into_iter()
                    .map(|at| Change::Add {
                        category: breaker.clone(),
                        count: 1,
                        at: Some(at),
                    })
                    .collect();
            }
        }
        // Walk the run; when it grows past the limit, change the latest open post
        // of the last `max + 1`, which restarts the count after it.
        let mut changes = Vec::new();
        let mut start = 0;
        for k in 0..run.len() {
            if ((k - start) as u32) < self.max {
                continue;
            }
            let window = start.max(k.saturating_sub(self.max as usize))..=k;
            let Some(c) = window.rev().find(|&c| !run[c].locked) else {
                return Vec::new();
            };
            let post = run[c].post_ref();
            changes.push(match &self.breaker {
                Some(to) => Change::Recategorise {
                    from: post.category.clone(),
                    to: to.clone(),
                    post,
                },
                None => Change::Move {
                    to: next_week(run[c].date),
                    post,
                },
            });
            start = c + 1;
        }
        changes
    }
}

impl Kind for Streak {
    fn check(&self, week: &WeekFacts) -> Vec<(Violation, Vec<Change>)> {
        let items = week.items();
        long_runs(items.iter().map(|i| self.member(i)), self.max)
            .into_iter()
            .map(|run| {
                let run = &items[run];
                (
                    Violation::Streak {
                        set: self.set.clone(),
                        posts: run.iter().map(Item::post_ref).collect(),
                        max: self.max,
                    },
                    self.mend(week, run),
                )
            })
            .collect()
    }

    fn target(&self) -> Target {
        Target::Streak {
            set: self.set.clone(),
            max: self.max,
        }
    }

    fn shape(&self) -> Shape {
        Shape::Runs {
            members: self.members.clone(),
            max: self.max,
        }
    }
}

/// Where a sequence holds more than `max` members in a row: the runs the rule
/// reports, one finding each.
pub(crate) fn long_runs(members: impl IntoIterator<Item = bool>, max: u32) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut start = None;
    let mut n = 0;
    for (i, m) in members.into_iter().enumerate() {
        match (m, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if i - s > max as usize {
                    runs.push(s..i);
                }
                start = None;
            }
            _ => {}
        }
        n = i + 1;
    }
    if let Some(s) = start
        && n - s > max as usize
    {
        runs.push(s..n);
    }
    runs
}

/// A spot strictly between two posts in canonical order, at which no post sits:
/// an open slot when one lies between them, else a time halfway.
fn spot_between(week: &WeekFacts, before: &Item, after: &Item) -> Option<Spot> {
    let taken =
        |at: (chrono::NaiveDate, Option<NaiveTime>)| week.items().iter().any(|i| i.at() == at);
    let between = |date, time: NaiveTime| {
        let at = (date, Some(time));
        before.at() < at && at < after.at() && !taken(at)
    };
    if let Some(slot) = week.open().iter().find(|s| between(s.date, s.time)) {
        return Some(Spot {
            date: slot.date,
            time: slot.time,
            channel: slot.channel.clone(),
        });
    }
    let minute = TimeDelta::minutes(1);
    // The earliest and latest minute a timed post may take between the two: an
    // untimed post comes first in its day, so the day before it is the limit.
    let lo: NaiveDateTime = match before.time {
        Some(t) => before.date.and_time(t) + minute,
        None => before.date.and_time(NaiveTime::MIN),
    };
    let hi: NaiveDateTime = match after.time {
        Some(t) => after.date.and_time(t) - minute,
        None => after
            .date
            .checked_sub_days(Days::new(1))?
            .and_hms_opt(23, 59, 0)?,
    };
    if lo > hi {
        return None;
    }
    let mid = lo + (hi - lo) / 2;
    let mid = mid - TimeDelta::seconds(i64::from(mid.second()));
    // On the quarter hour when that stays between, else on the minute.
    let quarter = mid - TimeDelta::minutes(i64::from(mid.minute() % 15));
    let candidates = [quarter, mid, lo, hi];
    candidates
        .into_iter()
        .filter(|t| *t >= lo && *t <= hi)
        .find(|t| week.week().contains(t.date()) && between(t.date(), t.time()))
        .map(|t| Spot {
            date: t.date(),
            time: t.time(),
            channel: None,
        })
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::mix::analyze::WeekFacts;
    use proptest::prelude::*;

    #[test]
    fn runs_are_found_in_order() {
        let m = |s: &str| s.chars().map(|c| c == 'x').collect::<Vec<_>>();
        assert_eq!(long_runs(m("xxx.xx.xxxx"), 2), [0..3, 7..11]);
        assert_eq!(long_runs(m("xx.xx"), 2), Vec::<Range<usize>>::new());
        assert_eq!(long_runs(m("x"), 0), vec![0..1]);
    }

    #[test]
    fn three_promotional_posts_in_a_row_get_an_everyday_post_between() {
        let c = config("");
        let ids = ids(3);
        let items = items(&c, "BPC", &ids);
        let found = check(&c, &*rule(&c, "promo-streak"), &items);
        let (Violation::Streak { posts, max: 2, .. }, needs) = &found[0] else {
            panic!("{found:?}")
        };
        assert_eq!(posts.len(), 3);
        // Monday 09:00 partner and 10:00 contest: halfway is 09:30.
        let [
            Change::Add {
                category,
                at: Some(at),
                ..
            },
        ] = needs.as_slice()
        else {
            panic!("{needs:?}")
        };
        assert_eq!(category, "everyday");
        assert_eq!(at.time, NaiveTime::from_hms_opt(9, 30, 0).unwrap());
    }

    #[test]
    fn an_open_slot_between_is_preferred() {
        let c = config("");
        let ids = ids(3);
        let items = items(&c, "BPC", &ids);
        let slot = crate::mix::slots::Slot {
            date: week().start(),
            time: NaiveTime::from_hms_opt(9, 45, 0).unwrap(),
            channel: None,
        };
        let slots = [slot.clone()];
        let found = rule(&c, "promo-streak").check(&WeekFacts::new(&c, week(), &items, &slots));
        let [Change::Add { at: Some(at), .. }] = found[0].1.as_slice() else {
            panic!("{found:?}")
        };
        assert_eq!(at.time, slot.time);
    }

    #[test]
    fn posts_at_the_same_minute_are_recategorised_instead() {
        let c = config("");
        let ids = ids(3);
        let mut items = items(&c, "BPC", &ids);
        for i in &mut items {
            i.time = NaiveTime::from_hms_opt(9, 0, 0);
        }
        let found = check(&c, &*rule(&c, "promo-streak"), &items);
        assert!(
            matches!(&found[0].1[..], [Change::Recategorise { to, .. }] if to == "everyday"),
            "{found:?}"
        );
    }

    #[test]
    fn a_run_of_published_posts_cannot_be_mended() {
        let c = config("");
        let ids = ids(3);
        let mut items = items(&c, "bpc", &ids);
        for i in &mut items {
            i.time = NaiveTime::from_hms_opt(9, 0, 0);
        }
        let found = check(&c, &*rule(&c, "promo-streak"), &items);
        assert!(found[0].1.is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn a_findings_needs_make_the_rule_hold(
            letters in "[EBPCebpc]{0,16}",
            max in 0u32..4,
            same_minute in any::<bool>(),
        ) {
            let c = config(&format!("[rules.promo-streak]\nmax = {max}\n"));
            let ids = ids(letters.len());
            let mut items = items(&c, &letters, &ids);
            if same_minute {
                for i in &mut items {
                    i.time = NaiveTime::from_hms_opt(9, 0, 0);
                }
            }
            prop_assert_eq!(needs_mend(&c, &*rule(&c, "promo-streak"), &items), Ok(()));
        }
    }
}
