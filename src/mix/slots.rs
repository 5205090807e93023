//! Posting slots: the times of each weekday the owner means to post (from the
//! config), and which of them a week still leaves open.

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::config::Config;
use crate::domain::{Post, Week};

/// One posting slot on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slot {
    pub date: NaiveDate,
    pub time: NaiveTime,
}

/// The configured slot times of a date's weekday, earliest first.
pub fn slot_times(config: &Config, date: NaiveDate) -> &[NaiveTime] {
    &config.slots[date.weekday().num_days_from_monday() as usize]
}

/// The week's open slots in date and time order. A slot is taken by a post of its
/// day at exactly its time; each untimed post then takes the earliest slot of its
/// day still free. Posts outside the week are ignored.
pub fn open_slots<'a>(
    config: &Config,
    week: Week,
    posts: impl IntoIterator<Item = &'a Post>,
) -> Vec<Slot> {
    let mut taken: [Vec<NaiveTime>; 7] = Default::default();
    let mut untimed = [0usize; 7];
    for post in posts {
        if !week.contains(post.date) {
            continue;
        }
        let day = (post.date - week.start()).num_days() as usize;
        match post.time {
            Some(t) => taken[day].push(t),
            None => untimed[day] += 1,
        }
    }
    let mut open = Vec::new();
    for (day, date) in week.days().enumerate() {
        let free = slot_times(config, date)
            .iter()
            .filter(|t| !taken[day].contains(t))
            .skip(untimed[day]);
        open.extend(free.map(|&time| Slot { date, time }));
    }
    open
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

    fn post(day: u64, time: Option<NaiveTime>) -> Post {
        let mut p = Post::new(week().start() + Days::new(day), "everyday", "p");
        p.time = time;
        p
    }

    #[test]
    fn the_default_week_has_one_open_slot_a_day_at_nine() {
        let c = Config::builtin().unwrap();
        let open = open_slots(&c, week(), []);
        assert_eq!(open.len(), 7);
        assert!(open.iter().all(|s| s.time == t(9, 0)));
        let dates: Vec<NaiveDate> = open.iter().map(|s| s.date).collect();
        assert_eq!(dates, week().days().collect::<Vec<_>>());
    }

    #[test]
    fn a_post_at_a_slot_time_takes_that_slot_only() {
        let c = config_with("monday = [\"09:00\", \"13:00\", \"18:00\"]\n");
        let posts = [post(0, Some(t(13, 0)))];
        let monday: Vec<NaiveTime> = open_slots(&c, week(), &posts)
            .into_iter()
            .filter(|s| s.date == week().start())
            .map(|s| s.time)
            .collect();
        assert_eq!(monday, [t(9, 0), t(18, 0)]);
    }

    #[test]
    fn a_post_at_another_time_leaves_the_slots_open() {
        let c = Config::builtin().unwrap();
        let posts = [post(0, Some(t(10, 30)))];
        assert_eq!(open_slots(&c, week(), &posts).len(), 7);
    }

    #[test]
    fn untimed_posts_take_the_days_free_slots_in_order() {
        let c = config_with("monday = [\"09:00\", \"13:00\", \"18:00\"]\n");
        // 09:00 is taken by time; the untimed post takes the next free one, 13:00.
        let posts = [post(0, None), post(0, Some(t(9, 0)))];
        let monday: Vec<NaiveTime> = open_slots(&c, week(), &posts)
            .into_iter()
            .filter(|s| s.date == week().start())
            .map(|s| s.time)
            .collect();
        assert_eq!(monday, [t(18, 0)]);
    }

    #[test]
    fn more_untimed_posts_than_slots_leave_none_open() {
        let c = Config::builtin().unwrap();
        let posts = [post(2, None), post(2, None)];
        let open = open_slots(&c, week(), &posts);
        assert_eq!(open.len(), 6);
        assert!(open.iter().all(|s| s.date != week().start() + Days::new(2)));
    }

    #[test]
    fn a_day_without_slots_has_none_open() {
        let c = config_with("sunday = []\n");
        let open = open_slots(&c, week(), []);
        assert_eq!(open.len(), 6);
        assert!(open.iter().all(|s| s.date.weekday() != Weekday::Sun));
    }

    #[test]
    fn slots_follow_the_weekday_whatever_the_week_start() {
        let c = config_with("saturday = [\"10:00\", \"11:00\"]\n");
        for start in [Weekday::Mon, Weekday::Sun, Weekday::Sat] {
            let w = Week::containing(week().start(), WeekStart(start));
            let open = open_slots(&c, w, []);
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
        let mut before = post(0, Some(t(9, 0)));
        before.date = week().start() - Days::new(1);
        assert_eq!(open_slots(&c, week(), [&before]).len(), 7);
    }
}
