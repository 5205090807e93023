//! Evergreen posts: ideas of the backlog that never run out. Each use is a post
//! of its own that names the evergreen post (`reuses`); the evergreen post
//! stays in the backlog, resting for its gap (`reuse_after`, eight weeks unless
//! it says otherwise) before and after every use, so the same post never comes
//! round too soon, and never twice in one week.

use std::fmt;

use chrono::{Days, Months, NaiveDate};

use super::fields::FieldError;
use super::{Week, WeekStart};

/// How long an evergreen post rests between two uses: `8 weeks`, `10 days`,
/// `3 months`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Gap {
    n: u16,
    unit: Unit,
}

/// A gap's unit, named in the singular or the plural (from the derive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumString)]
enum Unit {
    #[strum(serialize = "day", serialize = "days")]
    Days,
    #[strum(serialize = "week", serialize = "weeks")]
    Weeks,
    #[strum(serialize = "month", serialize = "months")]
    Months,
}

/// The longest gap: about ten years, in any unit.
const MOST: [(Unit, u16); 3] = [(Unit::Days, 3660), (Unit::Weeks, 520), (Unit::Months, 120)];

impl Gap {
    /// Eight weeks: a post's second use comes when most followers have
    /// forgotten the first.
    pub(crate) const DEFAULT: Gap = Gap {
        n: 8,
        unit: Unit::Weeks,
    };

    /// Reads `8 weeks`, `1 week`, `10 days`, `3 months`.
    pub fn parse(text: &str) -> Result<Gap, FieldError> {
        let bad = || FieldError::NotAGap(text.trim().to_string());
        let lower = text.trim().to_lowercase();
        let (n, unit) = lower.split_once(char::is_whitespace).ok_or_else(bad)?;
        let n: u16 = n.trim().parse().map_err(|_| bad())?;
        let unit: Unit = unit.trim().parse().map_err(|_| bad())?;
        let most = MOST.iter().find(|(u, _)| *u == unit).map_or(0, |(_, m)| *m);
        if n == 0 || n > most {
            return Err(bad());
        }
        Ok(Gap { n, unit })
    }

    /// The first date a use after one on `date` may fall on.
    pub fn after(self, date: NaiveDate) -> NaiveDate {
        let later = match self.unit {
            Unit::Days => date.checked_add_days(Days::new(u64::from(self.n))),
            Unit::Weeks => date.checked_add_days(Days::new(u64::from(self.n) * 7)),
            Unit::Months => date.checked_add_months(Months::new(u32::from(self.n))),
        };
        later.unwrap_or(NaiveDate::MAX)
    }
}

impl fmt::Display for Gap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (one, many) = match self.unit {
            Unit::Days => ("day", "days"),
            Unit::Weeks => ("week", "weeks"),
            Unit::Months => ("month", "months"),
        };
        write!(f, "{} {}", self.n, if self.n == 1 { one } else { many })
    }
}

/// Whether an evergreen post resting `gap` between uses may be used on `date`,
/// given the dates it is already used on (in any order): the gap holds on both
/// sides of every use, and no use shares the week.
pub(crate) fn free_on(gap: Gap, uses: &[NaiveDate], date: NaiveDate, start: WeekStart) -> bool {
    let week = Week::containing(date, start);
    uses.iter()
        .all(|&u| !week.contains(u) && u != date && (date >= gap.after(u) || u >= gap.after(date)))
}

/// The first date from `from` on which the post may be used again.
pub(crate) fn free_from(
    gap: Gap,
    uses: &[NaiveDate],
    from: NaiveDate,
    start: WeekStart,
) -> NaiveDate {
    let mut date = from;
    // Each step jumps past one use's gap, so this ends after at most one step
    // per use (plus a week's worth of days for the same-week rule).
    for _ in 0..=(uses.len() * 2 + 8) {
        if free_on(gap, uses, date, start) {
            return date;
        }
        let blocking = uses
            .iter()
            .filter(|&&u| {
                Week::containing(u, start) == Week::containing(date, start) || date < gap.after(u)
            })
            .map(|&u| gap.after(u).max(Week::containing(u, start).next().start()))
            .max();
        date = match blocking {
            Some(next) if next > date => next,
            _ => date.succ_opt().unwrap_or(date),
        };
    }
    date
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn gaps_read_back_as_written() {
        for text in ["8 weeks", "1 week", "10 days", "3 months"] {
            assert_eq!(Gap::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(Gap::parse(" 2 Weeks "), Gap::parse("2 weeks"));
        for bad in [
            "",
            "8",
            "weeks",
            "0 weeks",
            "-1 weeks",
            "8 fortnights",
            "9999 weeks",
        ] {
            assert!(Gap::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_gap_holds_before_and_after_each_use() {
        let gap = Gap::DEFAULT;
        let uses = [d("2026-11-23")];
        let ws = WeekStart::default();
        assert!(!free_on(gap, &uses, d("2027-01-11"), ws));
        assert!(free_on(gap, &uses, d("2027-01-18"), ws));
        // A use planned later keeps the post away before it too.
        assert!(!free_on(gap, &uses, d("2026-10-05"), ws));
        assert!(free_on(gap, &uses, d("2026-09-28"), ws));
        assert_eq!(free_from(gap, &uses, d("2026-11-25"), ws), d("2027-01-18"));
    }

    #[test]
    fn never_twice_in_one_week_whatever_the_gap() {
        let gap = Gap::parse("2 days").unwrap();
        let ws = WeekStart::default();
        let uses = [d("2026-11-23")];
        assert!(!free_on(gap, &uses, d("2026-11-27"), ws));
        assert!(free_on(gap, &uses, d("2026-11-30"), ws));
        assert_eq!(free_from(gap, &uses, d("2026-11-24"), ws), d("2026-11-30"));
    }
}
