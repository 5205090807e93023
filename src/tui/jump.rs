//! Where `g` goes: an ISO date, an ISO week, `today`, a weekday of the shown
//! week, or a number of weeks or days from the selected day (`+2w`, `-1w`,
//! `+3d`). Read without the terminal, so it is tested on its own.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::domain::fields::{self, FieldError};
use crate::domain::{Week, WeekStart};

/// Where to go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Jump {
    /// That day.
    Date(NaiveDate),
    /// That week, keeping the selected weekday.
    Week(Week),
}

/// What the go-to prompt accepts, for its hint and its errors.
pub(crate) const FORMS: &str = "2026-12-24, 2026-W52, W52, today, friday, +2w, -1w, +3d";

/// Reads what the user typed into the go-to prompt. `week` is the shown week
/// and `selected` the selected day, which weekdays and `+2w` count from.
pub(crate) fn parse(
    text: &str,
    today: NaiveDate,
    week: Week,
    selected: NaiveDate,
    start: WeekStart,
) -> Result<Jump, String> {
    let t = text.trim();
    let lower = t.to_lowercase();
    let wrong = || {
        format!(
            "`{}` is not a date, a week or a day: write {FORMS}",
            crate::shown::shown_clipped(t, 30)
        )
    };
    if t.is_empty() {
        return Err(format!("write where to go: {FORMS}"));
    }
    match lower.as_str() {
        "today" | "now" => return Ok(Jump::Date(today)),
        "tomorrow" => return today.succ_opt().map(Jump::Date).ok_or_else(wrong),
        "yesterday" => return today.pred_opt().map(Jump::Date).ok_or_else(wrong),
        _ => {}
    }
    if let Some(day) = weekday(&lower) {
        let date = week.days().find(|d| d.weekday() == day).ok_or_else(wrong)?;
        return Ok(Jump::Date(date));
    }
    if let Some(rest) = lower.strip_prefix(['+', '-']) {
        let forward = lower.starts_with('+');
        let (number, unit) = rest.split_at(
            rest.find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len()),
        );
        let n: u64 = number.parse().map_err(|_| wrong())?;
        let days = match unit.trim() {
            "w" | "week" | "weeks" => n.checked_mul(7).ok_or_else(wrong)?,
            "d" | "day" | "days" => n,
            _ => return Err(wrong()),
        };
        let date = if forward {
            selected.checked_add_days(Days::new(days))
        } else {
            selected.checked_sub_days(Days::new(days))
        };
        return date.map(Jump::Date).ok_or_else(|| {
            format!(
                "{} is beyond the dates mixcal can show",
                crate::shown::shown_clipped(t, 30)
            )
        });
    }
    // "W52" alone is that week of the shown week's ISO year.
    if let Some(n) = lower.strip_prefix('w')
        && let Ok(n) = n.parse::<u32>()
    {
        let year = week.iso().year();
        let monday = NaiveDate::from_isoywd_opt(year, n, Weekday::Mon)
            .ok_or_else(|| format!("{year} has no ISO week {n}: weeks run from 1 to 52 or 53"))?;
        return Ok(Jump::Week(Week::containing(monday, start)));
    }
    if lower.contains('w') {
        return Week::parse(t, start).map(Jump::Week);
    }
    // A date written as a date but wrong gets the loader's diagnosis:
    // `2026-02-30` says how long February is.
    fields::date(t).map(Jump::Date).map_err(|e| match e {
        FieldError::ImpossibleDate { .. } | FieldError::OutOfRange(_) => {
            format!("{}; write {FORMS}", e.one_line())
        }
        _ => wrong(),
    })
}

/// A weekday by its English name or first three letters.
fn weekday(name: &str) -> Option<Weekday> {
    WeekStart::parse(name).map(|w| w.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        fields::date(s).unwrap()
    }

    fn go(text: &str) -> Result<Jump, String> {
        let today = d("2026-11-25");
        let week = Week::containing(today, WeekStart::default());
        parse(
            text,
            today,
            week.next(),
            d("2026-12-02"),
            WeekStart::default(),
        )
    }

    #[test]
    fn dates_weeks_and_today() {
        assert_eq!(go("2026-12-24"), Ok(Jump::Date(d("2026-12-24"))));
        assert_eq!(go(" today "), Ok(Jump::Date(d("2026-11-25"))));
        let w52 = Week::parse("2026-W52", WeekStart::default()).unwrap();
        assert_eq!(go("2026-W52"), Ok(Jump::Week(w52)));
        assert_eq!(go("w52"), Ok(Jump::Week(w52)));
    }

    #[test]
    fn a_weekday_is_in_the_shown_week() {
        assert_eq!(go("Friday"), Ok(Jump::Date(d("2026-12-04"))));
        assert_eq!(go("mon"), Ok(Jump::Date(d("2026-11-30"))));
    }

    #[test]
    fn weeks_and_days_count_from_the_selected_day() {
        assert_eq!(go("+2w"), Ok(Jump::Date(d("2026-12-16"))));
        assert_eq!(go("-1w"), Ok(Jump::Date(d("2026-11-25"))));
        assert_eq!(go("+3d"), Ok(Jump::Date(d("2026-12-05"))));
    }

    #[test]
    fn anything_else_says_what_is_accepted() {
        for bad in ["soon", "+2x", "2026-13-40", "", "+", "w60"] {
            let e = go(bad).unwrap_err();
            assert!(
                e.contains("write") || e.contains("no ISO week") || e.contains("not a week"),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn an_impossible_date_says_what_is_wrong_with_it_as_the_loader_does() {
        let e = go("2026-02-30").unwrap_err();
        assert!(
            e.starts_with("`2026-02-30` is not a real date: February 2026 has 28 days; write "),
            "{e}"
        );
        let e = go("2026-13-01").unwrap_err();
        assert!(e.contains("months run from 01 to 12"), "{e}");
        let e = go("0000-01-01").unwrap_err();
        assert!(e.contains("out of range"), "{e}");
        assert!(
            go("2026-2-3")
                .unwrap_err()
                .contains("is not a date, a week or a day")
        );
    }

    #[test]
    fn far_jumps_do_not_panic() {
        assert!(go("+999999999999w").is_err());
        assert!(go("-99999999d").is_err());
    }
}
