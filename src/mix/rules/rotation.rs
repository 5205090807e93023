//! `rotation`: each partner (a post's `partner`) promoted at most `max` times
//! in any `weeks` weeks, as in "promote complementary businesses in turn". It
//! reads across week boundaries: a promotion on Sunday and the same partner's
//! next on Monday are a day apart, whatever their weeks. Partners match in any
//! case, without surrounding spaces. A week gets a finding when one of its own
//! promotions is in a stretch with too many.

use std::sync::Arc;

use chrono::Days;
use serde::Deserialize;

use super::{Context, Errors, Kind, Shape, Target, Whole};
use crate::diag::Diagnostic;
use crate::mix::analyze::{Item, WeekFacts};
use crate::mix::finding::{Change, Violation};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    weeks: Option<Whole>,
    max: Option<Whole>,
}

#[derive(Debug)]
struct Rotation {
    weeks: u32,
    max: u32,
}

pub(super) fn compile(cx: &Context) -> Result<Arc<dyn Kind>, Vec<Diagnostic>> {
    let spec: Spec = cx.spec()?;
    let mut errors = Errors::default();
    let weeks = spec.weeks.map_or(3, |w| w.0);
    let max = spec.max.map_or(1, |w| w.0);
    if !(1..=52).contains(&weeks) {
        errors.push(
            cx.error("weeks", &format!("`weeks` is {weeks}"))
                .with_help("write how many weeks a partner waits, from 1 to 52, e.g. `weeks = 3`"),
        );
    }
    if max == 0 {
        errors.push(
            cx.error("max", "`max` is 0: no partner could ever be promoted")
                .with_help(
                    "write how often a partner may be promoted in those weeks, e.g. `max = 1`",
                ),
        );
    }
    errors.finish()?;
    Ok(Arc::new(Rotation { weeks, max }))
}

/// How promotions of one partner are told apart from another's.
fn partner_key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl Rotation {
    fn window(&self) -> Days {
        Days::new(7 * u64::from(self.weeks))
    }

    /// The smallest change that takes one promotion out of a stretch: its
    /// latest promotion that may still change, moved whole weeks on (same
    /// weekday and time) until no other promotion of the partner (`all`, as
    /// far as the week's neighbours are known) is within the window. Empty
    /// when every promotion of the stretch is settled.
    fn mend(&self, stretch: &[&Item], all: &[&Item]) -> Vec<Change> {
        let Some(item) = stretch.iter().rev().find(|i| !i.locked && i.id.is_some()) else {
            return Vec::new();
        };
        let window = i64::from(7 * self.weeks);
        let clear = |to: chrono::NaiveDate| {
            all.iter()
                .filter(|q| !std::ptr::eq(**q, *item))
                .all(|q| (to - q.date).num_days().abs() >= window)
        };
        let mut to = item.date;
        // A year of weeks at most: beyond that the move is no advice.
        for _ in 0..52 {
            match to.checked_add_days(Days::new(7)) {
                Some(next) => to = next,
                None => return Vec::new(),
            }
            if clear(to) {
                return vec![Change::Move {
                    post: item.post_ref(),
                    to,
                }];
            }
        }
        Vec::new()
    }
}

impl Kind for Rotation {
    fn check(&self, week: &WeekFacts) -> Vec<(Violation, Vec<Change>)> {
        if !week.items().iter().any(|i| i.partner.is_some()) {
            return Vec::new();
        }
        // Every promotion of the week and its neighbours, by partner, in order;
        // partners in the order this week first promotes them.
        let mut by_partner: Vec<(String, Vec<&Item>)> = Vec::new();
        for i in week.items().iter().chain(week.around()) {
            let Some(p) = i.partner else { continue };
            let key = partner_key(p);
            match by_partner.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(i),
                None => by_partner.push((key, vec![i])),
            }
        }
        let mut out = Vec::new();
        for (_, mut all) in by_partner {
            if !all.iter().any(|i| week.week().contains(i.date)) {
                continue;
            }
            all.sort_by_key(|i| (i.at(), i.id));
            // The first stretch of `weeks` weeks with too many promotions that
            // holds one of this week's.
            let stretch = (0..all.len()).find_map(|start| {
                let end = all[start].date + self.window();
                let inside: Vec<&Item> = all[start..]
                    .iter()
                    .take_while(|i| i.date < end)
                    .copied()
                    .collect();
                (inside.len() as u32 > self.max
                    && inside.iter().any(|i| week.week().contains(i.date)))
                .then_some(inside)
            });
            let Some(stretch) = stretch else { continue };
            // The partner as the stretch's first promotion writes it, so both
            // weeks of a stretch word it alike.
            let name = stretch[0].partner.unwrap_or_default().trim().to_string();
            let needs = self.mend(&stretch, &all);
            out.push((
                Violation::Rotation {
                    partner: name,
                    posts: stretch.iter().map(|i| i.post_ref()).collect(),
                    weeks: self.weeks,
                    max: self.max,
                },
                needs,
            ));
        }
        out
    }

    fn target(&self) -> Target {
        Target::Rotation {
            weeks: self.weeks,
            max: self.max,
        }
    }

    fn shape(&self) -> Shape {
        Shape::Other
    }

    fn reach(&self) -> u32 {
        self.weeks
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveTime;

    use super::super::testing::{config, week};
    use super::*;
    use crate::domain::Status;
    use crate::mix::analyze::with_changes;

    fn day(s: &str) -> chrono::NaiveDate {
        s.parse().unwrap()
    }

    fn promo<'a>(id: &'a str, date: &str, partner: &'a str, locked: bool) -> Item<'a> {
        Item {
            id: Some(id),
            date: day(date),
            time: NaiveTime::from_hms_opt(18, 0, 0),
            category: "partner",
            index: Some(2),
            minutes: 20,
            own_minutes: false,
            title: "Our neighbours",
            status: Status::Planned,
            channel: Some("facebook"),
            partner: Some(partner),
            locked,
        }
    }

    fn rotation() -> Rotation {
        Rotation { weeks: 3, max: 1 }
    }

    fn check<'a>(items: &'a [Item<'a>], around: &'a [Item<'a>]) -> Vec<(Violation, Vec<Change>)> {
        let c = config("");
        rotation().check(&WeekFacts::new(&c, week(), items, &[]).with_around(around))
    }

    #[test]
    fn the_same_partner_twice_across_a_week_boundary_is_a_finding() {
        // Sunday 2026-11-22 (week 47) and Monday 2026-11-23 (week 48): a day apart.
        let before = [promo("a", "2026-11-22", "Café Müller", true)];
        let this = [promo("b", "2026-11-23", "café müller ", false)];
        let found = check(&this, &before);
        assert_eq!(found.len(), 1);
        let (
            Violation::Rotation {
                partner,
                posts,
                weeks,
                max,
            },
            needs,
        ) = &found[0]
        else {
            panic!("{found:?}");
        };
        assert_eq!((partner.as_str(), *weeks, *max), ("Café Müller", 3, 1));
        let ids: Vec<_> = posts.iter().map(|p| p.id.clone().unwrap()).collect();
        assert_eq!(ids, ["a", "b"]);
        // Moved three weeks on, Monday 2026-12-14 is 22 days after the first.
        assert_eq!(
            needs,
            &[Change::Move {
                post: this[0].post_ref(),
                to: day("2026-12-14")
            }]
        );
        let c = config("");
        let after = with_changes(&c, week(), &this, needs);
        assert!(
            rotation()
                .check(&WeekFacts::new(&c, week(), &after, &[]).with_around(&before))
                .is_empty()
        );
    }

    #[test]
    fn three_weeks_apart_is_fine_and_other_partners_do_not_count() {
        let before = [
            promo("a", "2026-11-02", "Café Müller", true),
            promo("c", "2026-11-20", "Rad & Tat", true),
        ];
        let this = [promo("b", "2026-11-23", "Café Müller", false)];
        assert!(check(&this, &before).is_empty(), "21 days apart");
        let after = [promo("d", "2026-12-13", "Café Müller", false)];
        let found = check(&this, &after);
        assert_eq!(found.len(), 1, "20 days on is within three weeks");
        // The latest of the two moves: from Sunday 13 December to the 20th, three
        // weeks after this week's.
        assert_eq!(
            found[0].1,
            [Change::Move {
                post: after[0].post_ref(),
                to: day("2026-12-20")
            }]
        );
    }

    #[test]
    fn a_week_without_promotions_of_its_own_is_not_blamed() {
        let around = [
            promo("a", "2026-11-16", "Café Müller", true),
            promo("b", "2026-11-18", "Café Müller", true),
        ];
        assert!(check(&[], &around).is_empty());
    }

    #[test]
    fn settled_promotions_alone_have_no_mend() {
        let before = [promo("a", "2026-11-22", "Café Müller", true)];
        let this = [promo("b", "2026-11-23", "Café Müller", true)];
        let found = check(&this, &before);
        assert_eq!(found.len(), 1);
        assert!(found[0].1.is_empty());
    }

    #[test]
    fn max_allows_that_many_in_the_stretch() {
        let r = Rotation { weeks: 4, max: 2 };
        let c = config("");
        let this = [
            promo("a", "2026-11-23", "X", false),
            promo("b", "2026-11-25", "X", false),
        ];
        let facts = WeekFacts::new(&c, week(), &this, &[]);
        assert!(r.check(&facts).is_empty());
        let around = [promo("c", "2026-12-10", "X", false)];
        assert_eq!(
            r.check(&WeekFacts::new(&c, week(), &this, &[]).with_around(&around))
                .len(),
            1
        );
    }
}
