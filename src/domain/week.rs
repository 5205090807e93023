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
    pub fn parse(s: &str) -> Option<WeekStart> {
        let day = match s.to_ascii_lowercase().as_str() {
            "monday" | "mon" => Weekday::Mon,
            "tuesday" | "tue" => Weekday::Tue,
            "wednesday" | "wed" => Weekday::Wed,
            "thursday" | "thu" => Weekday::Thu,
            "friday" | "fri" => Weekday::Fri,
            "saturday" | "sat" => Weekday::Sat,
            "sunday" | "sun" => Weekday::Sun,
            _ => return None,
        };
        Some(WeekStart(day))
    }
}

/// Seven consecutive days starting on the configured week start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Week {
    start: NaiveDate,
}

impl Week {
    /// The week that contains `date`.
    pub fn containing(date: NaiveDate, start: WeekStart) -> Week {
        let back = (7 + date.weekday().num_days_from_monday() - start.0.num_days_from_monday()) % 7;
        Week {
            start: date - Days::new(u64::from(back)),
        }
    }

    /// Parses `2026-W48` (the week holding that ISO week's Monday) or any date inside
    /// the wanted week (`2026-11-25`).
    pub fn parse(s: &str, start: WeekStart) -> Result<Week, String> {
        let s = s.trim();
        if let Some((year, week)) = s.split_once(['W', 'w']) {
            let year: i32 = year.trim_end_matches('-').parse().map_err(|_| {
                format!(
                    "'{s}' is not a week: write an ISO week like 2026-W48 or a date like 2026-11-25"
                )
            })?;
            let week: u32 = week.parse().map_err(|_| {
                format!(
                    "'{s}' is not a week: write an ISO week like 2026-W48 or a date like 2026-11-25"
                )
            })?;
            let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).ok_or_else(|| {
                format!("{year} has no ISO week {week}: weeks run from 1 to 52 or 53")
            })?;
            return Ok(Week::containing(monday, start));
        }
        let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
            format!(
                "'{s}' is not a week: write an ISO week like 2026-W48 or a date like 2026-11-25"
            )
        })?;
        Ok(Week::containing(date, start))
    }

    pub fn start(self) -> NaiveDate {
        self.start
    }

    /// The last day of the week (inclusive).
    pub fn end(self) -> NaiveDate {
        self.start + Days::new(6)
    }

    /// The day after the week, for half-open ranges.
    pub fn end_exclusive(self) -> NaiveDate {
        self.start + Days::new(7)
    }

    pub fn days(self) -> impl Iterator<Item = NaiveDate> {
        (0..7).map(move |i| self.start + Days::new(i))
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        date >= self.start && date < self.end_exclusive()
    }

    pub fn next(self) -> Week {
        Week {
            start: self.start + Days::new(7),
        }
    }

    pub fn prev(self) -> Week {
        Week {
            start: self.start - Days::new(7),
        }
    }

    /// The ISO week of the Monday inside this week: every seven-day window holds
    /// exactly one Monday, so the label is unambiguous whatever the week start.
    pub fn iso(self) -> IsoWeek {
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
    pub fn week(week: Week) -> Span {
        Span {
            from: week.start(),
            to: week.end(),
        }
    }
}

impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let iso = self.iso();
        write!(f, "{}-W{:02}", iso.year(), iso.week())
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
    fn bad_weeks_say_what_to_write() {
        let err = Week::parse("2026-W60", WeekStart::default()).unwrap_err();
        assert!(err.contains("no ISO week 60"), "{err}");
        let err = Week::parse("next week", WeekStart::default()).unwrap_err();
        assert!(err.contains("2026-W48"), "{err}");
        assert!(Week::parse("2026-02-30", WeekStart::default()).is_err());
    }
}
