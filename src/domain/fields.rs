//! The one reading of the values a post is made of: date, time, minutes, title,
//! status, category, id, media, partner, and the minutes spent and responses
//! logged after publishing. The schedule loader, spreadsheet and calendar
//! import, the calendar's form and prompts, the config and the command line all
//! check their values here, so whatever one of them accepts the others read
//! back the same, and every problem is worded once.
//!
//! Spreadsheets write dates and times in more shapes than the schedule file
//! takes (`23.11.2026`, `11/23/26`, `9:00 AM`, `40.0`); [`sheet_date`],
//! [`sheet_time`], [`sheet_minutes`] and [`sheet_responses`] read those, and
//! only those that have one meaning, and turn them into the same values.

use std::num::NonZeroU16;

use chrono::{NaiveDate, NaiveTime, Timelike};
use thiserror::Error;

use super::{Category, Status};
use crate::diag::near_miss;

/// The most minutes a post can take: a whole day.
pub(crate) const MAX_MINUTES: u32 = 24 * 60;

/// The most responses one post is taken to bring: more is a typing slip (a
/// date or a phone number in the wrong cell), not a busy week.
pub(crate) const MAX_RESPONSES: u32 = 1_000_000;

/// Why a value does not fit its field. Its `Display` is the problem, [`FieldError::help`]
/// what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, Error, strum::IntoStaticStr)]
pub enum FieldError {
    #[error("the date is empty")]
    EmptyDate,
    #[error("`{text}` is not a real date")]
    ImpossibleDate { text: String, year: i32, month: u32 },
    #[error("`{0}` is not a date")]
    NotADate(String),
    #[error("`{0}` is not a date a spreadsheet writes")]
    NotASheetDate(String),
    #[error("`{text}` could be {} or {}", long(*.month_first), long(*.day_first))]
    AmbiguousDate {
        text: String,
        month_first: NaiveDate,
        day_first: NaiveDate,
    },
    #[error("`{text}` is not a date in {} order", order.describe())]
    NotInOrder { text: String, order: DateOrder },
    #[error("`{0}` has a time of day too")]
    DateWithTime(String),
    #[error("`{0}` is not a time of day")]
    NotATime(String),
    #[error("`{0}` is not a number of minutes")]
    NotMinutes(String),
    #[error("`{0}` is not a number of responses")]
    NotResponses(String),
    #[error("the title is empty")]
    EmptyTitle,
    #[error("unknown status `{0}`")]
    UnknownStatus(String),
    #[error("{}", if text.is_empty() { "the category is empty".to_string() } else { format!("unknown category `{text}`") })]
    UnknownCategory { text: String, keys: Vec<String> },
    #[error("the id is empty")]
    EmptyId,
    #[error("`{0}` is not a web address")]
    NotAUrl(String),
    #[error("`{0}` is not a schedule identifier")]
    NotAnIdentifier(String),
    #[error("`{0}` is out of range")]
    OutOfRange(String),
    #[error("`{0}` is not a gap between two uses")]
    NotAGap(String),
    #[error("`{0}` is not a priority")]
    NotAPriority(String),
}

impl FieldError {
    /// What to write instead.
    pub(crate) fn help(&self) -> String {
        match self {
            FieldError::EmptyDate => "write a date like 2026-11-23".into(),
            FieldError::ImpossibleDate { year, month, .. } => month_help(*year, *month),
            FieldError::NotADate(_) => "write a date as year-month-day, like 2026-11-23".into(),
            FieldError::NotASheetDate(_) => {
                "write a date like 2026-11-23; 2026/11/23, 23.11.2026 and 11/23/2026 work too"
                    .into()
            }
            FieldError::AmbiguousDate { .. } => {
                "say which with --date-order mdy (month first) or --date-order dmy (day first)"
                    .into()
            }
            FieldError::NotInOrder { order, .. } => format!(
                "every date of the sheet is read {} (--date-order {order}); check this one",
                order.describe()
            ),
            FieldError::DateWithTime(_) => {
                "put the time in the time column and keep the date alone".into()
            }
            FieldError::NotATime(_) => "write a 24-hour time like 09:30".into(),
            FieldError::NotMinutes(_) => {
                format!("write a whole number from 0 to {MAX_MINUTES}")
            }
            FieldError::NotResponses(_) => format!(
                "count the replies, comments, messages and shares: a whole number from 0 to {MAX_RESPONSES}"
            ),
            FieldError::EmptyTitle => "write what the post is about".into(),
            FieldError::UnknownStatus(s) => {
                let names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
                match near_miss(s, names.iter().copied()) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => format!("write one of {}", names.join(", ")),
                }
            }
            FieldError::UnknownCategory { text, keys } => {
                let list = keys.join(", ");
                match near_miss(text, keys.iter().map(String::as_str)) {
                    Some(n) => format!("did you mean `{n}`? Categories: {list}"),
                    None => format!("categories: {list}"),
                }
            }
            FieldError::EmptyId => "remove it and mixcal will make an id".into(),
            FieldError::OutOfRange(_) => {
                format!("{}; write a date inside", super::week::supported_range())
            }
            FieldError::NotAnIdentifier(_) => {
                "remove the line and the next save writes a new one (letters, digits, - _ .)".into()
            }
            FieldError::NotAUrl(_) => {
                "media are links to images or videos, like https://example.com/photo.jpg".into()
            }
            FieldError::NotAGap(_) => {
                "write how long the post rests between uses, like \"8 weeks\", \"10 days\" or \"3 months\"".into()
            }
            FieldError::NotAPriority(_) => format!(
                "write a whole number from 1 (used first) to {MAX_PRIORITY}, or leave it out"
            ),
        }
    }

    /// The kind of problem, to group many alike.
    pub(crate) fn kind(&self) -> &'static str {
        self.into()
    }

    /// The problem and what to do in one line, for a form field.
    pub(crate) fn one_line(&self) -> String {
        format!("{self}: {}", self.help())
    }
}

/// `Monday 23 November 2026`: a date no one can misread.
fn long(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// How long a month is, for a date past its end.
fn month_help(year: i32, month: u32) -> String {
    if !(1..=12).contains(&month) {
        return "months run from 01 to 12".into();
    }
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    match (first, next) {
        (Some(first), Some(next)) => format!(
            "{} has {} days",
            first.format("%B %Y"),
            (next - first).num_days()
        ),
        _ => "write a date like 2026-11-23".into(),
    }
}

/// A date from its parts, or why there is none.
pub(crate) fn date_from_parts(
    text: &str,
    year: i32,
    month: u32,
    day: u32,
) -> Result<NaiveDate, FieldError> {
    let date =
        NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| FieldError::ImpossibleDate {
            text: text.trim().to_string(),
            year,
            month,
        })?;
    // A date the schedule file cannot hold is refused wherever it is written.
    if !super::week::supported(date) {
        return Err(FieldError::OutOfRange(text.trim().to_string()));
    }
    Ok(date)
}

/// A date as the schedule file and the command line write it: `2026-11-23`.
pub fn date(text: &str) -> Result<NaiveDate, FieldError> {
    let s = text.trim();
    if s.is_empty() {
        return Err(FieldError::EmptyDate);
    }
    match iso_parts(s) {
        Some((y, m, d)) => date_from_parts(s, y, m, d),
        None => Err(FieldError::NotADate(s.to_string())),
    }
}

/// `YYYY-MM-DD` as its three numbers: the form the schedule file and the
/// command line write and most sheets do, read without splitting the text.
fn iso_parts(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0, |n: u32, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(number(&b[..4])?).ok()?;
    Some((year, number(&b[5..7])?, number(&b[8..])?))
}

/// `s` split at `sep` into three runs of one to four ASCII digits: each run's
/// value and length; `None` when it is anything else.
fn digit_parts(s: &str, sep: char) -> Option<[(u32, usize); 3]> {
    let mut parts = s.split(sep).map(|p| {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok().map(|v| (v, p.len())))
            .flatten()
    });
    let three = [parts.next()??, parts.next()??, parts.next()??];
    parts.next().is_none().then_some(three)
}

/// Which comes first in a date written with slashes, for sheets from a
/// spreadsheet set to one or the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, strum::Display, strum::EnumString)]
#[strum(serialize_all = "lowercase")]
pub enum DateOrder {
    /// Month first: 11/23/2026, as in the United States
    Mdy,
    /// Day first: 23/11/2026, as in most of the world
    Dmy,
}

impl DateOrder {
    fn describe(self) -> &'static str {
        match self {
            DateOrder::Mdy => "month/day/year",
            DateOrder::Dmy => "day/month/year",
        }
    }
}

/// A date as a spreadsheet may write it: `2026-11-23`, `2026-11-23 00:00:00`,
/// `2026/11/23`, `23.11.2026`, `11/23/2026` and `11/23/26`. With slashes and the
/// year last, the order is certain when one number is over 12; else `order`
/// decides, and without it the date is refused with both readings. Two-digit
/// years are 2000–2099.
pub(crate) fn sheet_date(text: &str, order: Option<DateOrder>) -> Result<NaiveDate, FieldError> {
    let s = text.trim();
    if s.is_empty() {
        return Err(FieldError::EmptyDate);
    }
    if let Some((y, m, d)) = iso_parts(s) {
        return date_from_parts(s, y, m, d);
    }
    let (day_part, time_part) = match s.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (s, None),
    };
    if let Some(t) = time_part
        && sheet_time(t).is_ok_and(|t| t != NaiveTime::MIN)
    {
        return Err(FieldError::DateWithTime(s.to_string()));
    } else if time_part.is_some_and(|t| sheet_time(t).is_err()) {
        return Err(FieldError::NotASheetDate(s.to_string()));
    }
    let not_a_date = || FieldError::NotASheetDate(s.to_string());
    let year = |(v, len): (u32, usize)| match len {
        4 => Some(v as i32),
        2 => Some(2000 + v as i32),
        _ => None,
    };
    let sep = ['-', '/', '.']
        .into_iter()
        .find(|c| day_part.contains(*c))
        .ok_or_else(not_a_date)?;
    let [a, b, c] = digit_parts(day_part, sep).ok_or_else(not_a_date)?;
    if a.1 == 4 {
        // Year first: always year, month, day.
        return date_from_parts(s, a.0 as i32, b.0, c.0);
    }
    let y = year(c).ok_or_else(not_a_date)?;
    match sep {
        // Dotted dates are day first wherever they are written.
        '.' => date_from_parts(s, y, b.0, a.0),
        '/' => {
            let month_first = NaiveDate::from_ymd_opt(y, a.0, b.0);
            let day_first = NaiveDate::from_ymd_opt(y, b.0, a.0);
            match (order, month_first, day_first) {
                // The order given says which, or only one reading is a date.
                (Some(DateOrder::Mdy), Some(d), _)
                | (Some(DateOrder::Dmy), _, Some(d))
                | (None, Some(d), None)
                | (None, None, Some(d)) => Ok(d),
                (Some(order), _, _) => {
                    if month_first.is_none() && day_first.is_none() {
                        Err(impossible(s, y, if a.0 <= 12 { a.0 } else { b.0 }))
                    } else {
                        Err(FieldError::NotInOrder {
                            text: s.to_string(),
                            order,
                        })
                    }
                }
                (None, Some(m), Some(d)) if m == d => Ok(m),
                (None, Some(m), Some(d)) => Err(FieldError::AmbiguousDate {
                    text: s.to_string(),
                    month_first: m,
                    day_first: d,
                }),
                (None, None, None) => Err(impossible(s, y, if a.0 <= 12 { a.0 } else { b.0 })),
            }
        }
        _ => Err(not_a_date()),
    }
}

fn impossible(text: &str, year: i32, month: u32) -> FieldError {
    FieldError::ImpossibleDate {
        text: text.to_string(),
        year,
        month,
    }
}

/// A time as the schedule file, the form and the config write it: `09:30`,
/// `09:30:00` or `9:30`. `23:59:60` is refused: a leap second is not a time a
/// post can be planned at, and TOML cannot store it.
pub(crate) fn time(text: &str) -> Result<NaiveTime, FieldError> {
    let s = text.trim();
    clock(s, 0..=23).ok_or_else(|| FieldError::NotATime(s.to_string()))
}

/// `H:MM` or `H:MM:SS` with the hour in `hours`.
fn clock(s: &str, hours: std::ops::RangeInclusive<u32>) -> Option<NaiveTime> {
    let mut parts = s.split(':');
    let h = parts.next()?;
    let m = parts.next()?;
    let sec = parts.next();
    if parts.next().is_some() || !(1..=2).contains(&h.len()) || m.len() != 2 {
        return None;
    }
    if sec.is_some_and(|s| s.len() != 2) {
        return None;
    }
    let num = |p: &str| {
        p.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (h, m, sec) = (num(h)?, num(m)?, sec.map_or(Some(0), num)?);
    if !hours.contains(&h) {
        return None;
    }
    // from_hms_opt refuses second 60, so a leap second is never a time of day.
    NaiveTime::from_hms_opt(h, m, sec)
}

/// A time as a spreadsheet may write it: the schedule's forms and 12-hour
/// times (`9:00 AM`, `09:00:00 PM`, `9:00am`).
pub(crate) fn sheet_time(text: &str) -> Result<NaiveTime, FieldError> {
    let s = text.trim();
    if let Ok(t) = time(s) {
        return Ok(t);
    }
    let lower = s.to_ascii_lowercase();
    let twelve = |suffix: &str, pm: bool| {
        let rest = lower.strip_suffix(suffix)?.trim_end();
        let t = clock(rest, 1..=12)?;
        let hour = t.hour() % 12 + if pm { 12 } else { 0 };
        t.with_hour(hour)
    };
    twelve("am", false)
        .or_else(|| twelve("pm", true))
        .ok_or_else(|| FieldError::NotATime(s.to_string()))
}

/// Minutes as the form writes them: a whole number from 0 to 1440.
pub(crate) fn minutes(text: &str) -> Result<u32, FieldError> {
    let s = text.trim();
    s.parse::<u32>()
        .ok()
        .filter(|_| s.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|m| minutes_value(i64::from(m)).ok())
        .ok_or_else(|| FieldError::NotMinutes(s.to_string()))
}

/// A number of minutes as a file holds it.
pub(crate) fn minutes_value(m: i64) -> Result<u32, FieldError> {
    u32::try_from(m)
        .ok()
        .filter(|m| *m <= MAX_MINUTES)
        .ok_or_else(|| FieldError::NotMinutes(m.to_string()))
}

/// Minutes as a spreadsheet may write them: also `40.0` or `40,00`, a whole
/// number with a zero fraction.
pub(crate) fn sheet_minutes(text: &str) -> Result<u32, FieldError> {
    let s = text.trim();
    minutes(whole_part(s).unwrap_or(s)).map_err(|_| FieldError::NotMinutes(s.to_string()))
}

/// Responses as the calendar's prompt and a file write them: a whole number
/// from 0 to [`MAX_RESPONSES`].
pub(crate) fn responses(text: &str) -> Result<u32, FieldError> {
    let s = text.trim();
    s.parse::<u32>()
        .ok()
        .filter(|_| s.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| responses_value(i64::from(n)).ok())
        .ok_or_else(|| FieldError::NotResponses(s.to_string()))
}

/// A number of responses as a file holds it.
pub(crate) fn responses_value(n: i64) -> Result<u32, FieldError> {
    u32::try_from(n)
        .ok()
        .filter(|n| *n <= MAX_RESPONSES)
        .ok_or_else(|| FieldError::NotResponses(n.to_string()))
}

/// Responses as a spreadsheet may write them: also `7.0` or `7,00`.
pub(crate) fn sheet_responses(text: &str) -> Result<u32, FieldError> {
    let s = text.trim();
    responses(whole_part(s).unwrap_or(s)).map_err(|_| FieldError::NotResponses(s.to_string()))
}

/// The whole number in `40.0` or `40,00`: a number with a zero fraction, as
/// spreadsheets write whole numbers in a decimal column; `None` when `s` has no
/// fraction. A fraction that is not all zeros leaves a text no number reads.
fn whole_part(s: &str) -> Option<&str> {
    match s.split_once(['.', ',']) {
        Some((whole, fraction)) if !fraction.is_empty() && fraction.bytes().all(|b| b == b'0') => {
            Some(whole)
        }
        Some(_) => Some(""),
        None => None,
    }
}

/// A partner's name, as a post names the business it promotes: trimmed; empty
/// means no partner.
pub fn partner(text: &str) -> Option<&str> {
    let s = text.trim();
    (!s.is_empty()).then_some(s)
}

/// A title: any text with something in it other than spaces. It is kept as
/// written.
pub(crate) fn title(text: &str) -> Result<&str, FieldError> {
    if text.trim().is_empty() {
        Err(FieldError::EmptyTitle)
    } else {
        Ok(text)
    }
}

/// A status as written in the schedule: `idea`, `planned` or `published`.
pub(crate) fn status(text: &str) -> Result<Status, FieldError> {
    text.parse()
        .map_err(|_| FieldError::UnknownStatus(text.to_string()))
}

/// A status as a person may type it in a sheet: in any case, empty for planned.
pub(crate) fn loose_status(text: &str) -> Result<Status, FieldError> {
    let s = text.trim();
    if s.is_empty() {
        return Ok(Status::default());
    }
    // The names are ASCII, and no other letter is one of theirs in lower case
    // but the Kelvin sign's k, which none of them has: comparing without case
    // in ASCII reads what lower-casing read, without a copy a row.
    Status::ALL
        .iter()
        .copied()
        .find(|status| status.as_str().eq_ignore_ascii_case(s))
        .ok_or_else(|| FieldError::UnknownStatus(s.to_string()))
}

/// A category by its key, as the schedule holds it.
pub(crate) fn category<'c>(
    text: &str,
    categories: &'c [Category],
) -> Result<&'c Category, FieldError> {
    categories
        .iter()
        .find(|c| c.key == text)
        .ok_or_else(|| unknown_category(text, categories))
}

/// A category by key or by name, in any case, as a sheet or a calendar may name it.
pub(crate) fn loose_category<'c>(
    text: &str,
    categories: &'c [Category],
) -> Result<&'c Category, FieldError> {
    let s = text.trim();
    categories
        .iter()
        .find(|c| c.key.eq_ignore_ascii_case(s) || same_but_case(&c.name, s))
        .ok_or_else(|| unknown_category(s, categories))
}

/// Whether two texts are the same in lower case; without a copy of either
/// when both are ASCII, as sheets mostly are.
fn same_but_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

fn unknown_category(text: &str, categories: &[Category]) -> FieldError {
    FieldError::UnknownCategory {
        text: text.trim().to_string(),
        keys: categories.iter().map(|c| c.key.clone()).collect(),
    }
}

/// An id: its text without surrounding spaces, not empty.
pub(crate) fn id(text: &str) -> Result<&str, FieldError> {
    let s = text.trim();
    if s.is_empty() {
        Err(FieldError::EmptyId)
    } else {
        Ok(s)
    }
}

/// Whether an id is safe from spreadsheets: it starts with a letter and holds
/// no vowel, so it is never read as a number (`733e34` becomes `7.33E+36`,
/// `012345` becomes `12345`), a date (`mar12`) or a word like `TRUE`. New ids
/// are made this way; ids already in a file are kept as they are. The tests'
/// measure of [`new_id`].
#[cfg(test)]
pub(crate) fn is_sheet_safe_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| ID_LETTERS.contains(&(c as u8)))
        && id
            .bytes()
            .all(|b| ID_LETTERS.contains(&b) || b.is_ascii_digit())
}

/// The letters new ids are made of: consonants, lower case.
pub(crate) const ID_LETTERS: &[u8] = b"bcdfghjkmnpqrstvwxz";

/// A new id of six characters that no spreadsheet mistakes for a number or a
/// date (see [`is_sheet_safe_id`]), drawn from `rng`.
pub(crate) fn new_id(rng: &mut fastrand::Rng) -> String {
    const DIGITS: &[u8] = b"23456789";
    let mut id = String::with_capacity(6);
    id.push(char::from(ID_LETTERS[rng.usize(..ID_LETTERS.len())]));
    for _ in 0..5 {
        let n = rng.usize(..ID_LETTERS.len() + DIGITS.len());
        id.push(char::from(if n < ID_LETTERS.len() {
            ID_LETTERS[n]
        } else {
            DIGITS[n - ID_LETTERS.len()]
        }));
    }
    id
}

/// A new schedule identifier: sixteen characters from the same alphabet as ids,
/// about 80 bits, so no two schedules share one.
pub(crate) fn new_identifier(rng: &mut fastrand::Rng) -> String {
    (0..4).map(|_| new_id(rng)[..4].to_string()).collect()
}

/// A schedule identifier as the file's header holds it: letters, digits, `-`,
/// `_` and `.`, not empty.
pub(crate) fn identifier(text: &str) -> Result<&str, FieldError> {
    let s = text.trim();
    let ok = !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    if ok {
        Ok(s)
    } else {
        Err(FieldError::NotAnIdentifier(s.to_string()))
    }
}

/// The largest priority: 1 goes first, then 2, and so on.
pub(crate) const MAX_PRIORITY: u16 = 999;

/// A backlog priority as a number: 1 (used first) to [`MAX_PRIORITY`].
pub(crate) fn priority_value(n: i64) -> Result<NonZeroU16, FieldError> {
    u16::try_from(n)
        .ok()
        .filter(|p| *p <= MAX_PRIORITY)
        .and_then(NonZeroU16::new)
        .ok_or_else(|| FieldError::NotAPriority(n.to_string()))
}

/// A backlog priority as typed in a form field.
pub(crate) fn priority(text: &str) -> Result<NonZeroU16, FieldError> {
    let s = text.trim();
    s.parse::<i64>()
        .map_err(|_| FieldError::NotAPriority(s.to_string()))
        .and_then(priority_value)
}

/// A media link: a web address, `http://` or `https://`, without spaces.
pub(crate) fn media(text: &str) -> Result<&str, FieldError> {
    let s = text.trim();
    let ok = (s.starts_with("https://") || s.starts_with("http://"))
        && s.len() > "https://".len()
        && !s.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(s)
    } else {
        Err(FieldError::NotAUrl(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn t(h: u32, m: u32, s: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, s).unwrap()
    }

    #[test]
    fn times_with_and_without_seconds_are_read() {
        assert_eq!(time("09:30"), Ok(t(9, 30, 0)));
        assert_eq!(time(" 9:30 "), Ok(t(9, 30, 0)));
        assert_eq!(time("23:59:59"), Ok(t(23, 59, 59)));
    }

    #[test]
    fn a_leap_second_is_not_a_time_of_day_anywhere() {
        for s in ["23:59:60", "24:00", "9.30", "09:3", "09:30:0", "", "-1:00"] {
            assert_eq!(time(s), Err(FieldError::NotATime(s.trim().into())), "{s}");
            assert!(sheet_time(s).is_err(), "{s}");
        }
        assert!(sheet_time("11:59:60 PM").is_err());
        assert_eq!(
            time("23:59:60").unwrap_err().one_line(),
            "`23:59:60` is not a time of day: write a 24-hour time like 09:30"
        );
    }

    #[test]
    fn twelve_hour_times_are_read_from_sheets() {
        assert_eq!(sheet_time("9:00 AM"), Ok(t(9, 0, 0)));
        assert_eq!(sheet_time("09:00:00 AM"), Ok(t(9, 0, 0)));
        assert_eq!(sheet_time("12:15 am"), Ok(t(0, 15, 0)));
        assert_eq!(sheet_time("12:00 PM"), Ok(t(12, 0, 0)));
        assert_eq!(sheet_time("6:45:30pm"), Ok(t(18, 45, 30)));
        assert!(sheet_time("13:00 PM").is_err());
        assert!(sheet_time("0:30 AM").is_err());
        // The schedule's own forms stay 24-hour only.
        assert!(time("9:00 AM").is_err());
    }

    #[test]
    fn dates_are_iso_and_real() {
        assert_eq!(date("2026-11-23"), Ok(d(2026, 11, 23)));
        assert_eq!(
            date("2026-1-3"),
            Err(FieldError::NotADate("2026-1-3".into()))
        );
        let e = date("2026-02-30").unwrap_err();
        assert_eq!(e.to_string(), "`2026-02-30` is not a real date");
        assert_eq!(e.help(), "February 2026 has 28 days");
        let e = date("2026-13-01").unwrap_err();
        assert_eq!(e.help(), "months run from 01 to 12");
        assert_eq!(date(" "), Err(FieldError::EmptyDate));
    }

    #[test]
    fn sheets_may_write_dates_in_every_unambiguous_form() {
        let want = d(2026, 11, 23);
        for s in [
            "2026-11-23",
            "2026-11-23 00:00:00",
            "2026-11-23T00:00:00",
            "2026/11/23",
            "23.11.2026",
            "23.11.26",
            "11/23/2026",
            "23/11/2026",
            "11/23/26",
        ] {
            assert_eq!(sheet_date(s, None), Ok(want), "{s}");
        }
        assert_eq!(
            sheet_date("2/3/2026", Some(DateOrder::Mdy)),
            Ok(d(2026, 2, 3))
        );
        assert_eq!(
            sheet_date("2/3/2026", Some(DateOrder::Dmy)),
            Ok(d(2026, 3, 2))
        );
        assert_eq!(sheet_date("5/5/2026", None), Ok(d(2026, 5, 5)));
    }

    #[test]
    fn an_ambiguous_date_names_both_readings() {
        let e = sheet_date("05/06/2026", None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "`05/06/2026` could be Wednesday 6 May 2026 or Friday 5 June 2026"
        );
        assert!(e.help().contains("--date-order mdy"));
    }

    #[test]
    fn a_date_against_the_given_order_is_refused() {
        let e = sheet_date("23/11/2026", Some(DateOrder::Mdy)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "`23/11/2026` is not a date in month/day/year order"
        );
        assert!(sheet_date("2026-11-23 09:30:00", None).is_err());
        assert!(sheet_date("30.02.2026", None).is_err());
        assert!(sheet_date("11/23", None).is_err());
        assert!(sheet_date("46349", None).is_err());
    }

    #[test]
    fn minutes_are_whole_and_at_most_a_day() {
        assert_eq!(minutes("40"), Ok(40));
        assert!(minutes("1441").is_err());
        assert!(minutes("-5").is_err());
        assert!(minutes("+5").is_err());
        assert!(minutes("40.0").is_err());
        assert_eq!(sheet_minutes("40.0"), Ok(40));
        assert_eq!(sheet_minutes("40,00"), Ok(40));
        assert!(sheet_minutes("40.5").is_err());
        assert!(sheet_minutes("40.").is_err());
        assert_eq!(minutes_value(1440), Ok(1440));
        assert!(minutes_value(-1).is_err());
    }

    #[test]
    fn responses_are_whole_and_not_absurd() {
        assert_eq!(responses("7"), Ok(7));
        assert_eq!(responses(" 0 "), Ok(0));
        for bad in ["-1", "+3", "3.5", "seven", "", "1000001", "99999999999"] {
            assert!(responses(bad).is_err(), "{bad}");
        }
        assert_eq!(responses_value(1_000_000), Ok(1_000_000));
        assert!(responses_value(-3).is_err());
        assert_eq!(sheet_responses("12.0"), Ok(12));
        assert_eq!(sheet_responses("12,00"), Ok(12));
        assert!(sheet_responses("12.5").is_err());
        assert!(sheet_responses("12.").is_err());
        let e = responses("lots").unwrap_err();
        assert_eq!(e.to_string(), "`lots` is not a number of responses");
        assert!(e.help().contains("replies, comments, messages and shares"));
    }

    #[test]
    fn a_partner_is_trimmed_and_empty_is_none() {
        assert_eq!(partner("  Café Müller "), Some("Café Müller"));
        assert_eq!(partner(" \t"), None);
    }

    #[test]
    fn year_month_day_is_read_in_place_as_it_was_read_in_parts() {
        let mut rng = fastrand::Rng::with_seed(5);
        let alphabet = b"0123456789-/. T:";
        let mut accepted = 0;
        for _ in 0..20_000 {
            // Ten characters of digits and dashes where a date has them, then
            // a few changed, added or taken away.
            let mut text: Vec<u8> = (0..10)
                .map(|i| match i {
                    4 | 7 => b'-',
                    _ => b'0' + rng.u8(..10),
                })
                .collect();
            for _ in 0..rng.usize(..3) {
                let at = rng.usize(..text.len());
                let c = alphabet[rng.usize(..alphabet.len())];
                match rng.u8(..3) {
                    0 => text[at] = c,
                    1 => text.insert(at, c),
                    _ => drop(text.remove(at)),
                }
            }
            let text = String::from_utf8(text).unwrap();
            accepted += usize::from(iso_parts(&text).is_some());
            let in_parts = match digit_parts(&text, '-') {
                Some([(y, 4), (m, 2), (d, 2)]) => Some((y as i32, m, d)),
                _ => None,
            };
            assert_eq!(iso_parts(&text), in_parts, "{text:?}");
        }
        assert!(accepted > 5_000, "{accepted}");
        assert_eq!(iso_parts("2026-11-23"), Some((2026, 11, 23)));
        assert_eq!(iso_parts("2026-1-23x"), None);
    }

    #[test]
    fn names_are_read_in_any_case() {
        assert_eq!(loose_status("PUBLISHED"), Ok(Status::Published));
        assert_eq!(loose_status("iDeA"), Ok(Status::Idea));
        assert!(loose_status("planneḍ").is_err());
        assert!(same_but_case("Partner Promotion", "partner promotion"));
        assert!(same_but_case("Café Müller", "CAFÉ MÜLLER"));
        assert!(!same_but_case("Café", "Cafe"));
        assert!(!same_but_case("business", "busines"));
    }

    #[test]
    fn statuses_read_from_the_derive() {
        assert_eq!(status("idea"), Ok(Status::Idea));
        assert!(status("Idea").is_err());
        assert_eq!(loose_status(" Published "), Ok(Status::Published));
        assert_eq!(loose_status(""), Ok(Status::Planned));
        let e = status("planed").unwrap_err();
        assert_eq!(e.help(), "did you mean `planned`?");
    }

    #[test]
    fn new_ids_never_look_like_numbers_or_dates() {
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..2000 {
            let id = new_id(&mut rng);
            assert_eq!(id.len(), 6);
            assert!(is_sheet_safe_id(&id), "{id}");
            assert!(!id.chars().all(|c| c.is_ascii_digit()), "{id}");
            assert!(!id.contains('e'), "{id}");
            assert!(id.parse::<f64>().is_err(), "{id}");
        }
        assert!(!is_sheet_safe_id("733e34"));
        assert!(!is_sheet_safe_id("012345"));
        assert!(!is_sheet_safe_id("mar12x"));
    }

    #[test]
    fn media_are_web_addresses() {
        assert_eq!(
            media(" https://example.com/a.jpg "),
            Ok("https://example.com/a.jpg")
        );
        assert!(media("photo.jpg").is_err());
        assert!(media("https://").is_err());
        assert!(media("https://a b").is_err());
    }

    #[test]
    fn titles_need_words_and_are_kept_as_written() {
        assert_eq!(title(" padded "), Ok(" padded "));
        assert_eq!(title(" \t"), Err(FieldError::EmptyTitle));
    }
}
