//! Weeks: which seven days belong together, and how people name them.

use std::fmt;

use chrono::{Datelike, Days, IsoWeek, NaiveDate, Weekday};

/// The day a week starts on, from the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekStart(pub Weekday);

impl Default for WeekStart {
    fn default() -> Self {
        WeekStart(Weekday::Mon)
    }
}

impl WeekStart {
    /// A day by its English name or first three letters, in any case
    /// (`monday`, `Sun`), as chrono reads weekdays.
    pub(crate) fn parse(s: &str) -> Option<WeekStart> {
        s.parse::<Weekday>().ok().map(WeekStart)
    }
}

/// The weekdays as a config and a repeating post name them, Monday first (by
/// `Weekday::num_days_from_monday`); reading also takes the first three
/// letters, as chrono's `Weekday` parse does.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A weekday's name as [`WEEKDAYS`] writes it.
pub(crate) fn weekday_name(d: Weekday) -> &'static str {
    WEEKDAYS[d.num_days_from_monday() as usize]
}

/// The first date mixcal plans for: 1 January of year 1.
pub(crate) const FIRST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(d) => d,
    None => panic!("year 1 is a date"),
};

/// The last date mixcal plans for: the last a TOML file can hold (four-digit years).
pub(crate) const LAST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => panic!("9999-12-31 is a date"),
};

/// Whether mixcal can keep a post on `date`: the schedule file only holds
/// four-digit years, so what lies outside could be planned but never saved.
pub(crate) fn supported(date: NaiveDate) -> bool {
    (FIRST_DATE..=LAST_DATE).contains(&date)
}

/// The sentence that says what [`supported`] means.
pub(crate) fn supported_range() -> String {
    format!(
        "mixcal plans dates from {} to {}",
        FIRST_DATE.format("%Y-%m-%d"),
        LAST_DATE.format("%Y-%m-%d")
    )
}

/// Seven consecutive days starting on the configured week start.
///
/// A week always holds at least one supported date (see [`supported`]): the first
/// and the last week may reach a few days past the edges, which can be shown but
/// hold no posts. Nothing here can overflow, whatever date it is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Week {
    start: NaiveDate,
}

/// `date` moved by `days`, stopping at the ends of the calendar instead of
/// overflowing.
fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    let moved = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    moved.unwrap_or(if days >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

impl Week {
    /// The week that contains `date`; for a date outside the supported range, the
    /// first or the last week.
    pub fn containing(date: NaiveDate, start: WeekStart) -> Week {
        let date = date.clamp(FIRST_DATE, LAST_DATE);
        let back = (7 + date.weekday().num_days_from_monday() - start.0.num_days_from_monday()) % 7;
        Week {
            start: shift(date, -i64::from(back)),
        }
    }

    /// Parses `2026-W48` (the week holding that ISO week's Monday) or any date inside
    /// the wanted week (`2026-11-25`).
    pub fn parse(s: &str, start: WeekStart) -> Result<Week, String> {
        let s = s.trim();
        let not_a_week = || {
            format!(
                "'{}' is not a week: write an ISO week like 2026-W48 or a date like 2026-11-25",
                crate::shown::shown_clipped(s, 40)
            )
        };
        if let Some((year, week)) = s.split_once(['W', 'w']) {
            let year: i32 = year
                .trim_end_matches('-')
                .parse()
                .map_err(|_| not_a_week())?;
            let week: u32 = week.parse().map_err(|_| not_a_week())?;
            let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).ok_or_else(|| {
                format!("{year} has no ISO week {week}: weeks run from 1 to 52 or 53")
            })?;
            if !supported(monday) {
                return Err(format!(
                    "{year}-W{week:02} is out of range: {}",
                    supported_range()
                ));
            }
            return Ok(Week::containing(monday, start));
        }
        let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| not_a_week())?;
        if !supported(date) {
            return Err(format!(
                "{} is out of range: {}",
                date.format("%Y-%m-%d"),
                supported_range()
            ));
        }
        Ok(Week::containing(date, start))
    }

    pub fn start(self) -> NaiveDate {
        self.start
    }

    /// The last day of the week (inclusive).
    pub fn end(self) -> NaiveDate {
        shift(self.start, 6)
    }

    /// The day after the week, for half-open ranges.
    pub(crate) fn end_exclusive(self) -> NaiveDate {
        shift(self.start, 7)
    }

    pub(crate) fn days(self) -> impl Iterator<Item = NaiveDate> {
        (0..7).map(move |i| shift(self.start, i))
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        date >= self.start && date < self.end_exclusive()
    }

    /// Whether every day of the week is a supported date, so posts can go on any
    /// of them.
    pub(crate) fn is_whole(self) -> bool {
        supported(self.start) && supported(self.end())
    }

    /// The week after; the last week stays where it is (see [`Week::checked_next`]).
    pub fn next(self) -> Week {
        self.checked_next().unwrap_or(self)
    }

    /// The week before; the first week stays where it is.
    pub(crate) fn prev(self) -> Week {
        self.checked_prev().unwrap_or(self)
    }

    /// The week after, or `None` past the last supported date.
    pub(crate) fn checked_next(self) -> Option<Week> {
        let start = shift(self.start, 7);
        (start <= LAST_DATE).then_some(Week { start })
    }

    /// The week before, or `None` before the first supported date.
    pub(crate) fn checked_prev(self) -> Option<Week> {
        let start = shift(self.start, -7);
        (shift(start, 6) >= FIRST_DATE).then_some(Week { start })
    }

    /// The ISO week of the Monday inside this week: every seven-day window holds
    /// exactly one Monday, so the label is unambiguous whatever the week start.
    pub(crate) fn iso(self) -> IsoWeek {
        let monday = self
            .days()
            .find(|d| d.weekday() == Weekday::Mon)
            .unwrap_or(self.start);
        monday.iso_week()
    }
}

/// An inclusive range of dates: a week, or `--from`/`--to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Span {
    pub(crate) fn week(week: Week) -> Span {
        Span {
            from: week.start(),
            to: week.end(),
        }
    }
}

impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let iso = self.iso();
        write!(f, "{:04}-W{:02}", iso.year(), iso.week())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn monday_weeks_start_on_monday() {
        let w = Week::containing(d("2026-11-25"), WeekStart::default());
        assert_eq!(w.start(), d("2026-11-23"));
        assert_eq!(w.end(), d("2026-11-29"));
        assert_eq!(w.to_string(), "2026-W48");
    }

    #[test]
    fn sunday_weeks_start_on_sunday() {
        let sun = WeekStart(Weekday::Sun);
        assert_eq!(
            Week::containing(d("2026-11-22"), sun).start(),
            d("2026-11-22")
        );
        assert_eq!(
            Week::containing(d("2026-11-28"), sun).start(),
            d("2026-11-22")
        );
        assert_eq!(
            Week::containing(d("2026-11-29"), sun).start(),
            d("2026-11-29")
        );
        assert_eq!(
            Week::containing(d("2026-11-28"), sun).to_string(),
            "2026-W48"
        );
    }

    #[test]
    fn saturday_weeks_start_on_saturday() {
        let sat = WeekStart(Weekday::Sat);
        assert_eq!(
            Week::containing(d("2026-11-27"), sat).start(),
            d("2026-11-21")
        );
        assert_eq!(
            Week::containing(d("2026-11-28"), sat).start(),
            d("2026-11-28")
        );
    }

    #[test]
    fn iso_week_parses_to_the_week_holding_its_monday() {
        let w = Week::parse("2026-W48", WeekStart::default()).unwrap();
        assert_eq!(w.start(), d("2026-11-23"));
        let sun = Week::parse("2026-W48", WeekStart(Weekday::Sun)).unwrap();
        assert_eq!(sun.start(), d("2026-11-22"));
    }

    #[test]
    fn any_date_parses_to_its_week() {
        let w = Week::parse("2026-11-29", WeekStart::default()).unwrap();
        assert_eq!(w.start(), d("2026-11-23"));
    }

    #[test]
    fn leap_day_belongs_to_its_week() {
        let w = Week::containing(d("2028-02-29"), WeekStart::default());
        assert_eq!(w.start(), d("2028-02-28"));
        assert!(w.contains(d("2028-03-05")));
        assert!(!w.contains(d("2028-03-06")));
    }

    #[test]
    fn the_last_week_holds_the_last_date_and_goes_no_further() {
        let last = Week::containing(LAST_DATE, WeekStart::default());
        assert!(last.contains(LAST_DATE));
        assert!(
            !last.is_whole(),
            "9999-12-31 is a Friday: the weekend is past it"
        );
        assert_eq!(last.checked_next(), None);
        assert_eq!(last.next(), last);
        assert_eq!(last.end(), d("9999-12-31") + Days::new(2));
        assert_eq!(last.to_string(), "9999-W52");
        assert_eq!(Week::containing(NaiveDate::MAX, WeekStart::default()), last);
        assert_eq!(last.prev().next(), last);
    }

    #[test]
    fn the_first_week_holds_the_first_date_and_goes_no_further_back() {
        for start in [Weekday::Mon, Weekday::Sun, Weekday::Wed] {
            let first = Week::containing(FIRST_DATE, WeekStart(start));
            assert!(first.contains(FIRST_DATE));
            assert_eq!(first.checked_prev(), None);
            assert_eq!(first.prev(), first);
            assert_eq!(Week::containing(NaiveDate::MIN, WeekStart(start)), first);
            assert_eq!(first.next().prev(), first);
            assert_eq!(first.to_string(), "0001-W01");
        }
    }

    #[test]
    fn no_date_at_all_makes_a_week_panic() {
        for date in [NaiveDate::MIN, NaiveDate::MAX, FIRST_DATE, LAST_DATE] {
            for start in [Weekday::Mon, Weekday::Sat, Weekday::Sun] {
                let w = Week::containing(date, WeekStart(start));
                let _ = (
                    w.end(),
                    w.end_exclusive(),
                    w.days().count(),
                    w.iso(),
                    w.to_string(),
                );
                let _ = (w.next().prev(), w.prev().next());
            }
        }
    }

    #[test]
    fn weeks_outside_the_range_are_refused_with_the_range() {
        let err = Week::parse("0000-06-01", WeekStart::default()).unwrap_err();
        assert!(err.contains("from 0001-01-01 to 9999-12-31"), "{err}");
        assert!(Week::parse("9999-12-31", WeekStart::default()).is_ok());
        assert!(Week::parse("0000-W10", WeekStart::default()).is_err());
    }

    #[test]
    fn bad_weeks_say_what_to_write() {
        let err = Week::parse("2026-W60", WeekStart::default()).unwrap_err();
        assert!(err.contains("no ISO week 60"), "{err}");
        let err = Week::parse("next week", WeekStart::default()).unwrap_err();
        assert!(err.contains("2026-W48"), "{err}");
        assert!(Week::parse("2026-02-30", WeekStart::default()).is_err());
    }
}
