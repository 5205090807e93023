//! One reading of the values a post is made of, shared by the schedule file,
//! spreadsheet import, the calendar's form and the config, so that whatever one
//! of them accepts the others read back the same.

use chrono::{NaiveDate, NaiveTime, Timelike};

/// Parses `09:30`, `09:30:00` or `9:30`.
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    NaiveTime::parse_from_str(s, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M"))
        .ok()
        // chrono reads `23:59:60` as a leap second, which TOML has no way to write.
        .filter(|t| t.nanosecond() < 1_000_000_000)
}

/// Parses `2026-11-23`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The year and month of text shaped like a date (`2026-02-30`), real or not.
pub fn date_shape(s: &str) -> Option<(u16, u8)> {
    let mut parts = s.trim().splitn(3, '-');
    let year = parts.next()?.parse::<u16>().ok()?;
    let month = parts.next()?.parse::<u8>().ok()?;
    parts.next()?.parse::<u8>().ok()?;
    Some((year, month))
}

pub fn impossible_date_help(year: u16, month: u8) -> Option<String> {
    if !(1..=12).contains(&month) {
        return Some("months run from 01 to 12".into());
    }
    let first = NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(i32::from(year) + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(i32::from(year), u32::from(month) + 1, 1)?
    };
    let days = (next - first).num_days();
    Some(format!("{} has {days} days", first.format("%B %Y")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_with_and_without_seconds_are_read() {
        assert_eq!(parse_time("09:30"), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(parse_time(" 9:30 "), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(parse_time("23:59:59"), NaiveTime::from_hms_opt(23, 59, 59));
    }

    #[test]
    fn a_leap_second_is_not_a_time_of_day() {
        assert_eq!(parse_time("23:59:60"), None);
        assert_eq!(parse_time("24:00"), None);
    }

    #[test]
    fn dates_are_iso_and_real() {
        assert_eq!(
            parse_date("2026-11-23"),
            NaiveDate::from_ymd_opt(2026, 11, 23)
        );
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("2026-1-3"), None);
        assert_eq!(date_shape("2026-02-30"), Some((2026, 2)));
        assert_eq!(
            impossible_date_help(2026, 2).as_deref(),
            Some("February 2026 has 28 days")
        );
        assert_eq!(
            impossible_date_help(2026, 13).as_deref(),
            Some("months run from 01 to 12")
        );
    }
}
