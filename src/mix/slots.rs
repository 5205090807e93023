//! Posting slots: the times of each weekday the owner means to post (from the
//! config, for every channel or per channel), and which of them a week still
//! leaves open.
//!
//! Every post of a day takes that day's nearest free slot, whatever its time: a
//! day with one post at 07:30 and one slot at 09:00 is full. A slot that has
//! passed is never open.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use crate::config::Config;
use crate::domain::{Dated, Post, Week};

/// One posting slot on one day; `channel` when the slot is one channel's.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slot {
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub channel: Option<String>,
}

/// The configured slots of a date's weekday, in time order, slots for any
/// channel first at equal times.
pub(crate) fn day_slots(config: &Config, date: NaiveDate) -> Vec<Slot> {
    let day = date.weekday().num_days_from_monday() as usize;
    let mut slots: Vec<Slot> = config.slots.every[day]
        .iter()
        .map(|&time| Slot {
            date,
            time,
            channel: None,
        })
        .collect();
    for (channel, days) in &config.slots.channels {
        slots.extend(days[day].iter().map(|&time| Slot {
            date,
            time,
            channel: Some(channel.clone()),
        }));
    }
    slots.sort();
    slots
}

/// Whether a post may take a slot: a channel's slot takes that channel's posts
/// and posts without a channel.
fn fits(slot: &Slot, post: &Post) -> bool {
    match (&slot.channel, &post.channel) {
        (Some(s), Some(p)) => s == p,
        _ => true,
    }
}

/// The slots of one day that its posts leave free. Timed posts, in time order,
/// each take the nearest free slot they fit (the earlier on a tie, their own
/// channel's before a shared one); untimed posts then take the earliest.
pub(crate) fn free_slots<'a>(
    config: &Config,
    date: NaiveDate,
    posts: impl IntoIterator<Item = &'a Post>,
) -> Vec<Slot> {
    let slots = day_slots(config, date);
    let mut free = vec![true; slots.len()];
    let mut untimed = Vec::new();
    let minutes = |t: NaiveTime| i64::from(t.num_seconds_from_midnight()) / 60;
    for post in posts {
        let Some(time) = post.time else {
            untimed.push(post);
            continue;
        };
        let nearest = (0..slots.len())
            .filter(|&i| free[i] && fits(&slots[i], post))
            .min_by_key(|&i| {
                (
                    (minutes(slots[i].time) - minutes(time)).abs(),
                    slots[i].channel.is_none() && post.channel.is_some(),
                    i,
                )
            });
        if let Some(i) = nearest {
            free[i] = false;
        }
    }
    for post in untimed {
        if let Some(i) = (0..slots.len()).find(|&i| free[i] && fits(&slots[i], post)) {
            free[i] = false;
        }
    }
    slots
        .into_iter()
        .zip(free)
        .filter_map(|(s, f)| f.then_some(s))
        .collect()
}

use chrono::Timelike;

/// The week's open slots in date and time order: free, and not yet past `now`.
/// Posts outside the week are ignored.
pub fn open_slots<'a>(
    config: &Config,
    week: Week,
    posts: impl IntoIterator<Item = Dated<'a>>,
    now: NaiveDateTime,
) -> Vec<Slot> {
    let mut by_day: [Vec<&Post>; 7] = Default::default();
    for dated in posts {
        if week.contains(dated.date) {
            by_day[(dated.date - week.start()).num_days() as usize].push(dated.post);
        }
    }
    week.days()
        .zip(by_day)
        .flat_map(|(date, posts)| free_slots(config, date, posts))
        .filter(|s| s.date.and_time(s.time) >= now)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::WeekStart;
    use chrono::{Days, Weekday};

    fn config_with(slots: &str) -> Config {
        Config::from_layers(&[
            ("builtin", crate::config::DEFAULT_TOML),
            ("user", &format!("[slots]\n{slots}")),
        ])
        .unwrap()
    }

    fn week() -> Week {
        Week::parse("2026-W48", WeekStart::default()).unwrap()
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    /// Midnight before the week: nothing in it has passed.
    fn before() -> NaiveDateTime {
        week().start().and_time(NaiveTime::MIN)
    }

    fn post(day: u64, time: Option<NaiveTime>) -> Post {
        let mut p = Post::new(week().start() + Days::new(day), "everyday", "p");
        p.time = time;
        p
    }

    fn dated<'a>(posts: impl IntoIterator<Item = &'a Post>) -> Vec<Dated<'a>> {
        posts.into_iter().filter_map(Dated::of).collect()
    }

    fn monday(open: Vec<Slot>) -> Vec<NaiveTime> {
        open.into_iter()
            .filter(|s| s.date == week().start())
            .map(|s| s.time)
            .collect()
    }

    #[test]
    fn the_default_week_has_one_open_slot_a_day_at_nine() {
        let c = Config::builtin().unwrap();
        let open = open_slots(&c, week(), [], before());
        assert_eq!(open.len(), 7);
        assert!(open.iter().all(|s| s.time == t(9, 0)));
        let dates: Vec<NaiveDate> = open.iter().map(|s| s.date).collect();
        assert_eq!(dates, week().days().collect::<Vec<_>>());
    }

    #[test]
    fn a_post_at_any_time_takes_its_days_nearest_slot() {
        let c = Config::builtin().unwrap();
        // A bakery posting at 07:30 has used Monday's one 09:00 slot.
        let posts = [post(0, Some(t(7, 30)))];
        assert_eq!(open_slots(&c, week(), dated(&posts), before()).len(), 6);
        let c = config_with("monday = [\"09:00\", \"13:00\", \"18:00\"]\n");
        let posts = [post(0, Some(t(12, 0)))];
        assert_eq!(
            monday(open_slots(&c, week(), dated(&posts), before())),
            [t(9, 0), t(18, 0)]
        );
    }

    #[test]
    fn untimed_posts_take_the_days_earliest_free_slots() {
        let c = config_with("monday = [\"09:00\", \"13:00\", \"18:00\"]\n");
        // 09:00 goes to the timed post; the untimed one takes 13:00.
        let posts = [post(0, None), post(0, Some(t(9, 10)))];
        assert_eq!(
            monday(open_slots(&c, week(), dated(&posts), before())),
            [t(18, 0)]
        );
    }

    #[test]
    fn more_posts_than_slots_leave_none_open() {
        let c = Config::builtin().unwrap();
        let posts = [post(2, None), post(2, Some(t(20, 0)))];
        let open = open_slots(&c, week(), dated(&posts), before());
        assert_eq!(open.len(), 6);
        assert!(open.iter().all(|s| s.date != week().start() + Days::new(2)));
    }

    #[test]
    fn slots_that_have_passed_are_not_open() {
        let c = config_with("wednesday = [\"09:00\", \"13:00\", \"18:00\"]\n");
        let now = (week().start() + Days::new(2)).and_time(t(12, 0));
        let open = open_slots(&c, week(), [], now);
        let wednesday: Vec<NaiveTime> = open
            .iter()
            .filter(|s| s.date == week().start() + Days::new(2))
            .map(|s| s.time)
            .collect();
        assert_eq!(wednesday, [t(13, 0), t(18, 0)]);
        assert!(open.iter().all(|s| s.date >= now.date()));
    }

    #[test]
    fn a_channels_slots_take_that_channels_posts() {
        let c = config_with(
            "[slots.instagram]\nmonday = [\"09:00\"]\n[slots.facebook]\nmonday = [\"09:00\", \"12:00\"]\n",
        );
        let mut p = post(0, Some(t(9, 0)));
        p.channel = Some("facebook".into());
        let open = open_slots(&c, week(), dated([&p]), before());
        let monday: Vec<(NaiveTime, Option<&str>)> = open
            .iter()
            .filter(|s| s.date == week().start())
            .map(|s| (s.time, s.channel.as_deref()))
            .collect();
        assert_eq!(
            monday,
            [(t(9, 0), Some("instagram")), (t(12, 0), Some("facebook"))]
        );
        // The built-in one-a-day slots gave way to the channels' own.
        assert_eq!(open.len(), 2);
    }

    #[test]
    fn a_day_without_slots_has_none_open() {
        let c = config_with("sunday = []\n");
        let open = open_slots(&c, week(), [], before());
        assert_eq!(open.len(), 6);
        assert!(open.iter().all(|s| s.date.weekday() != Weekday::Sun));
    }

    #[test]
    fn slots_follow_the_weekday_whatever_the_week_start() {
        let c = config_with("saturday = [\"10:00\", \"11:00\"]\n");
        for start in [Weekday::Mon, Weekday::Sun, Weekday::Sat] {
            let w = Week::containing(week().start(), WeekStart(start));
            let open = open_slots(&c, w, [], w.start().and_time(NaiveTime::MIN));
            assert_eq!(open.len(), 8, "week start {start}");
            let sat: Vec<NaiveTime> = open
                .iter()
                .filter(|s| s.date.weekday() == Weekday::Sat)
                .map(|s| s.time)
                .collect();
            assert_eq!(sat, [t(10, 0), t(11, 0)], "week start {start}");
            assert!(open.windows(2).all(|p| p[0] < p[1]));
        }
    }

    #[test]
    fn posts_outside_the_week_take_no_slot() {
        let c = Config::builtin().unwrap();
        let mut before_week = post(0, Some(t(9, 0)));
        before_week.date = Some(week().start() - Days::new(1));
        assert_eq!(
            open_slots(&c, week(), dated([&before_week]), before()).len(),
            7
        );
    }
}
