//! Repeating posts. A post with `repeat` stands for a series of dates: its own
//! date is the first, and the rest follow from how often it comes round
//! (`weekly`, `every 2 weeks`, `monthly`, `every 3 months`), on which days
//! (`on`), until when (`until`, or `count` dates) and which dates it leaves out
//! (`skip`). The series is never written out date by date: a week asks for its
//! own dates ([`Repeat::dates`]), so a series without end costs nothing.
//!
//! The rules are those of calendars (RFC 5545), so an exported series means
//! the same in any calendar program: weeks run Monday to Sunday when counting
//! every N weeks; a monthly series on the 31st leaves out months without one;
//! `count` counts skipped dates too.

use std::fmt;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use thiserror::Error;

use super::{WEEKDAYS, weekday_name};
use crate::diag::near_miss;

/// The most dates `count` may give a series: beyond it, leave the end open.
pub(crate) const MOST_TIMES: u32 = 1000;

/// The longest step between two rounds: every 99 weeks or months.
pub(crate) const MOST_EVERY: u32 = 99;

/// How often a series comes round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Every {
    Weeks(u32),
    Months(u32),
}

impl Every {
    /// Reads `weekly`, `every 2 weeks`, `monthly`, `every 3 months` (in any
    /// case; `every week`, `every 1 month` too).
    pub(crate) fn parse(text: &str) -> Result<Every, RepeatError> {
        let s = text.trim().to_lowercase();
        let words: Vec<&str> = s.split_whitespace().collect();
        let unknown = || RepeatError::UnknownRepeat(text.trim().to_string());
        match words.as_slice() {
            ["weekly"] | ["every", "week"] => Ok(Every::Weeks(1)),
            ["monthly"] | ["every", "month"] => Ok(Every::Months(1)),
            ["every", n, unit] => {
                let n: u32 = n.parse().map_err(|_| unknown())?;
                if !(1..=MOST_EVERY).contains(&n) {
                    return Err(RepeatError::BadStep(text.trim().to_string()));
                }
                match *unit {
                    "week" | "weeks" => Ok(Every::Weeks(n)),
                    "month" | "months" => Ok(Every::Months(n)),
                    _ => Err(unknown()),
                }
            }
            _ => Err(unknown()),
        }
    }

    pub(crate) fn is_weekly(self) -> bool {
        matches!(self, Every::Weeks(_))
    }
}

impl fmt::Display for Every {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Every::Weeks(1) => f.write_str("weekly"),
            Every::Months(1) => f.write_str("monthly"),
            Every::Weeks(n) => write!(f, "every {n} weeks"),
            Every::Months(n) => write!(f, "every {n} months"),
        }
    }
}

/// A day a series falls on: a weekday (weekly series), or a weekday's place in
/// the month (monthly series): the 1st to 5th, or the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum On {
    Day(Weekday),
    /// `n` from 1 to 5, or -1 for the last.
    Nth(i8, Weekday),
}

const PLACES: [(&str, &str, i8); 6] = [
    ("1st", "first", 1),
    ("2nd", "second", 2),
    ("3rd", "third", 3),
    ("4th", "fourth", 4),
    ("5th", "fifth", 5),
    ("last", "last", -1),
];

/// A weekday by its name (`monday`) or first three letters (`mon`).
fn weekday(word: &str) -> Option<Weekday> {
    word.parse().ok()
}

impl On {
    /// Reads `monday`, `mon`, `2nd tuesday`, `second tuesday`, `last friday`.
    pub fn parse(text: &str) -> Result<On, RepeatError> {
        let s = text.trim().to_lowercase();
        let words: Vec<&str> = s.split_whitespace().collect();
        let unknown = || RepeatError::UnknownDay(text.trim().to_string());
        match words.as_slice() {
            [day] => weekday(day).map(On::Day).ok_or_else(unknown),
            [place, day] => {
                let n = PLACES
                    .iter()
                    .find(|(short, long, _)| short == place || long == place)
                    .map(|(_, _, n)| *n)
                    .ok_or_else(unknown)?;
                weekday(day).map(|d| On::Nth(n, d)).ok_or_else(unknown)
            }
            _ => Err(unknown()),
        }
    }

    /// The place and weekday of a date in its month: the 4th Monday, and the
    /// last one when no later Monday is left in the month.
    pub fn of(date: NaiveDate) -> (On, Option<On>) {
        let n = ((date.day() - 1) / 7 + 1) as i8;
        let last = is_last_in_month(date).then_some(On::Nth(-1, date.weekday()));
        (On::Nth(n, date.weekday()), last)
    }

    fn weekday(self) -> Weekday {
        match self {
            On::Day(d) | On::Nth(_, d) => d,
        }
    }

    /// Whether a date is this day in its month (for `Nth`) or this weekday.
    fn matches(self, date: NaiveDate) -> bool {
        match self {
            On::Day(d) => date.weekday() == d,
            On::Nth(-1, d) => date.weekday() == d && is_last_in_month(date),
            On::Nth(n, d) => date.weekday() == d && (date.day() - 1) / 7 + 1 == n as u32,
        }
    }
}

impl fmt::Display for On {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            On::Day(d) => f.write_str(weekday_name(d)),
            On::Nth(n, d) => {
                let place = PLACES
                    .iter()
                    .find(|(_, _, k)| *k == n)
                    .map_or("?", |(short, _, _)| short);
                write!(f, "{place} {}", weekday_name(d))
            }
        }
    }
}

fn is_last_in_month(date: NaiveDate) -> bool {
    date.checked_add_days(Days::new(7))
        .is_none_or(|later| later.month() != date.month())
}

/// How a series ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum End {
    Never,
    /// On this date, which is included when the series falls on it.
    Until(NaiveDate),
    /// After this many dates, skipped ones included.
    Times(u32),
}

/// A series: its first date and the rule that gives the others.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Repeat {
    first: NaiveDate,
    every: Every,
    /// As written; empty means the first date's weekday (weekly) or its day of
    /// the month (monthly).
    on: Vec<On>,
    end: End,
    /// Dates left out, sorted.
    skip: Vec<NaiveDate>,
    /// The series' last date before skipping; `None` when it never ends.
    last: Option<NaiveDate>,
}

impl Repeat {
    /// A series starting on `first`, or what is wrong with it. `first` must be
    /// one of its days, `until` not before it, and every skipped date one the
    /// series falls on.
    pub fn new(
        first: NaiveDate,
        every: Every,
        on: Vec<On>,
        end: End,
        skip: Vec<NaiveDate>,
    ) -> Result<Repeat, RepeatError> {
        if let Every::Weeks(n) | Every::Months(n) = every
            && !(1..=MOST_EVERY).contains(&n)
        {
            return Err(RepeatError::BadStep(every.to_string()));
        }
        for (i, o) in on.iter().enumerate() {
            match (every, o) {
                (Every::Weeks(_), On::Nth(..)) => return Err(RepeatError::PlaceInWeekly(*o)),
                (Every::Months(_), On::Day(d)) => {
                    return Err(RepeatError::DayInMonthly { day: *d, first });
                }
                _ => {}
            }
            if on[..i].contains(o) {
                return Err(RepeatError::Twice(*o));
            }
        }
        let mut repeat = Repeat {
            first,
            every,
            on,
            end,
            skip: Vec::new(),
            last: None,
        };
        if !repeat.on.is_empty() && !repeat.on.iter().any(|o| o.matches(first)) {
            return Err(RepeatError::FirstNotOn {
                first,
                on: repeat.on.clone(),
            });
        }
        repeat.last = match end {
            End::Never => None,
            End::Until(until) if until < first => {
                return Err(RepeatError::UntilBeforeFirst { until, first });
            }
            End::Until(until) => Some(until),
            End::Times(0) => return Err(RepeatError::NoTimes),
            End::Times(n) if n > MOST_TIMES => return Err(RepeatError::TooManyTimes(n)),
            End::Times(n) => {
                let mut seen = 0;
                let mut last = first;
                repeat.walk(first, NaiveDate::MAX, |d| {
                    seen += 1;
                    last = d;
                    seen < n
                });
                Some(last)
            }
        };
        let mut skip = skip;
        skip.sort_unstable();
        skip.dedup();
        for &date in &skip {
            if !repeat.falls_on(date) {
                return Err(RepeatError::NotADate {
                    date,
                    nearest: repeat.nearest(date),
                });
            }
        }
        repeat.skip = skip;
        Ok(repeat)
    }

    pub(crate) fn first(&self) -> NaiveDate {
        self.first
    }

    pub(crate) fn every(&self) -> Every {
        self.every
    }

    /// The days as written (empty when `on` was left out).
    pub fn on(&self) -> &[On] {
        &self.on
    }

    pub(crate) fn end(&self) -> End {
        self.end
    }

    pub fn skip(&self) -> &[NaiveDate] {
        &self.skip
    }

    /// The last date the series could fall on; `None` when it never ends.
    pub(crate) fn last(&self) -> Option<NaiveDate> {
        self.last
    }

    /// Whether the series gives a post on `date`, skipped dates left out.
    pub(crate) fn contains(&self, date: NaiveDate) -> bool {
        self.falls_on(date) && self.skip.binary_search(&date).is_err()
    }

    /// Whether the rule falls on `date`, skipped or not.
    fn falls_on(&self, date: NaiveDate) -> bool {
        if date < self.first || self.last.is_some_and(|l| date > l) {
            return false;
        }
        match self.every {
            Every::Weeks(n) => {
                let day_ok = if self.on.is_empty() {
                    date.weekday() == self.first.weekday()
                } else {
                    self.on.iter().any(|o| o.matches(date))
                };
                day_ok && weeks_between(self.first, date) % i64::from(n) == 0
            }
            Every::Months(n) => {
                let day_ok = if self.on.is_empty() {
                    date.day() == self.first.day()
                } else {
                    self.on.iter().any(|o| o.matches(date))
                };
                day_ok && months_between(self.first, date) % i64::from(n) == 0
            }
        }
    }

    /// The series' dates from `from` to `to` (both included), skipped dates
    /// left out, in order.
    pub fn dates(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        self.walk(from, to, |d| {
            if self.skip.binary_search(&d).is_err() {
                out.push(d);
            }
            true
        });
        out
    }

    /// The series' first date on or after `from`, skipped dates left out.
    pub(crate) fn next_from(&self, from: NaiveDate) -> Option<NaiveDate> {
        let mut found = None;
        self.walk(from, NaiveDate::MAX, |d| {
            if self.skip.binary_search(&d).is_err() {
                found = Some(d);
                return false;
            }
            true
        });
        found
    }

    /// Calls `f` with each date the rule falls on (skipped ones too) from
    /// `from` to `to`, in order, while it returns true. Steps a period (a
    /// week, a month) at a time, so a long range costs its periods, not its days.
    fn walk(&self, from: NaiveDate, to: NaiveDate, mut f: impl FnMut(NaiveDate) -> bool) {
        let from = from.max(self.first);
        let to = match self.last {
            Some(l) => to.min(l),
            None => to,
        };
        if from > to {
            return;
        }
        match self.every {
            Every::Weeks(n) => {
                let mut days: Vec<u32> = if self.on.is_empty() {
                    vec![self.first.weekday().num_days_from_monday()]
                } else {
                    self.on
                        .iter()
                        .map(|o| o.weekday().num_days_from_monday())
                        .collect()
                };
                days.sort_unstable();
                let base = monday(self.first);
                let n = i64::from(n);
                let mut week = weeks_between(self.first, from);
                week += (n - week % n) % n;
                loop {
                    let Some(start) = base.checked_add_days(Days::new(week as u64 * 7)) else {
                        return;
                    };
                    if start > to {
                        return;
                    }
                    for &d in &days {
                        let Some(date) = start.checked_add_days(Days::new(u64::from(d))) else {
                            return;
                        };
                        if date > to {
                            return;
                        }
                        if date >= from && !f(date) {
                            return;
                        }
                    }
                    week += n;
                }
            }
            Every::Months(n) => {
                let base = month_start(self.first);
                let n = i64::from(n);
                let mut month = months_between(self.first, from);
                month += (n - month % n) % n;
                loop {
                    let Some(start) = u32::try_from(month)
                        .ok()
                        .and_then(|m| base.checked_add_months(Months::new(m)))
                    else {
                        return;
                    };
                    if start > to {
                        return;
                    }
                    let mut dates: Vec<NaiveDate> = if self.on.is_empty() {
                        start.with_day(self.first.day()).into_iter().collect()
                    } else {
                        self.on.iter().filter_map(|o| in_month(start, *o)).collect()
                    };
                    dates.sort_unstable();
                    dates.dedup();
                    for date in dates {
                        if date > to {
                            return;
                        }
                        if date >= from && !f(date) {
                            return;
                        }
                    }
                    month += n;
                }
            }
        }
    }

    /// The rule's dates nearest `date`, before and after it, for help.
    fn nearest(&self, date: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let mut before = None;
        let back = date.checked_sub_days(Days::new(400)).unwrap_or(self.first);
        self.walk(back, date, |d| {
            if d < date {
                before = Some(d);
            }
            true
        });
        let mut after = None;
        self.walk(date.succ_opt().unwrap_or(date), NaiveDate::MAX, |d| {
            after = Some(d);
            false
        });
        (before, after)
    }

    /// The same rule for a series starting on another date: the dates that no
    /// longer fall on the rule are no longer skipped.
    pub(crate) fn starting(&self, first: NaiveDate) -> Result<Repeat, RepeatError> {
        let mut r = Repeat::new(first, self.every, self.on.clone(), self.end, Vec::new())?;
        r.skip = self
            .skip
            .iter()
            .copied()
            .filter(|d| r.falls_on(*d))
            .collect();
        Ok(r)
    }

    /// The same series without `date`.
    pub(crate) fn skipping(&self, date: NaiveDate) -> Repeat {
        let mut r = self.clone();
        if let Err(at) = r.skip.binary_search(&date) {
            r.skip.insert(at, date);
        }
        r
    }

    /// The series moved by `days` days: its first date, weekdays, skipped dates
    /// and end move with it. `None` when the moved rule does not hold (the 4th
    /// Monday a day later is not always a 4th Tuesday).
    pub(crate) fn shifted(&self, days: i64) -> Option<Repeat> {
        let by = |d: NaiveDate| {
            if days >= 0 {
                d.checked_add_days(Days::new(days as u64))
            } else {
                d.checked_sub_days(Days::new(days.unsigned_abs()))
            }
        };
        let turn = |w: Weekday| {
            let mut w = w;
            for _ in 0..days.rem_euclid(7) {
                w = w.succ();
            }
            w
        };
        let first = by(self.first)?;
        let on = self
            .on
            .iter()
            .map(|o| match *o {
                On::Day(w) => On::Day(turn(w)),
                On::Nth(n, w) => On::Nth(n, turn(w)),
            })
            .collect();
        let end = match self.end {
            End::Until(u) => End::Until(by(u)?),
            other => other,
        };
        let skip = self
            .skip
            .iter()
            .map(|d| by(*d))
            .collect::<Option<Vec<_>>>()?;
        let moved = Repeat::new(first, self.every, on, end, skip).ok()?;
        // The moved series must fall on every date of the old one a day on.
        let check_to = self.last.unwrap_or(self.first + Days::new(366 * 2));
        let old = self.dates(self.first, check_to);
        let new = moved.dates(first, by(check_to)?);
        (old.iter().map(|d| by(*d)).collect::<Option<Vec<_>>>()? == new).then_some(moved)
    }

    /// The rule in words, as the form reads it back: `weekly on monday,
    /// thursday until 2027-03-01`, `monthly on 2nd tuesday 10 times`.
    pub(crate) fn phrase(&self) -> String {
        let mut out = self.every.to_string();
        if !self.on.is_empty() {
            let on: Vec<String> = self.on.iter().map(On::to_string).collect();
            out.push_str(" on ");
            out.push_str(&on.join(", "));
        }
        match self.end {
            End::Never => {}
            End::Until(d) => out.push_str(&format!(" until {}", d.format("%Y-%m-%d"))),
            End::Times(1) => out.push_str(" 1 time"),
            End::Times(n) => out.push_str(&format!(" {n} times")),
        }
        out
    }

    /// Reads a [`Repeat::phrase`] for a series starting on `first`, keeping
    /// `skip` where the new rule still falls on it.
    pub(crate) fn from_phrase(
        text: &str,
        first: NaiveDate,
        skip: &[NaiveDate],
    ) -> Result<Repeat, RepeatError> {
        let lower = text.trim().to_lowercase();
        let mut rest = lower.as_str();
        let mut end = End::Never;
        if let Some((head, until)) = rest.rsplit_once(" until ") {
            let d = crate::domain::fields::date(until)
                .map_err(|_| RepeatError::BadPhrase(text.trim().to_string()))?;
            end = End::Until(d);
            rest = head;
        } else if let Some(head) = rest
            .strip_suffix(" times")
            .or_else(|| rest.strip_suffix(" time"))
        {
            let (head, n) = head
                .rsplit_once(' ')
                .ok_or_else(|| RepeatError::BadPhrase(text.trim().to_string()))?;
            let n: u32 = n
                .parse()
                .map_err(|_| RepeatError::BadPhrase(text.trim().to_string()))?;
            end = End::Times(n);
            rest = head;
        }
        let (every, on) = match rest.split_once(" on ") {
            Some((every, days)) => {
                let days = days.replace(" and ", ",");
                let on = days
                    .split(',')
                    .filter(|d| !d.trim().is_empty())
                    .map(On::parse)
                    .collect::<Result<Vec<On>, _>>()?;
                (every, on)
            }
            None => (rest, Vec::new()),
        };
        let every = Every::parse(every)?;
        let r = Repeat::new(first, every, on, end, Vec::new())?;
        let kept = skip.iter().copied().filter(|d| r.falls_on(*d)).collect();
        Ok(Repeat { skip: kept, ..r })
    }
}

/// The Monday of a date's week.
fn monday(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

/// Whole Monday-to-Sunday weeks from `a`'s week to `b`'s.
fn weeks_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (monday(b) - monday(a)).num_days().div_euclid(7)
}

fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn months_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (i64::from(b.year()) * 12 + i64::from(b.month0()))
        - (i64::from(a.year()) * 12 + i64::from(a.month0()))
}

/// The date `on` names in the month that starts on `start`, if it has one.
fn in_month(start: NaiveDate, on: On) -> Option<NaiveDate> {
    let On::Nth(n, weekday) = on else {
        return None;
    };
    let ahead = (7 + weekday.num_days_from_monday() - start.weekday().num_days_from_monday()) % 7;
    let first = start.checked_add_days(Days::new(u64::from(ahead)))?;
    if n == -1 {
        let mut d = first;
        while let Some(next) = d.checked_add_days(Days::new(7)) {
            if next.month() != start.month() {
                break;
            }
            d = next;
        }
        return Some(d);
    }
    let d = first.checked_add_days(Days::new(7 * (n as u64 - 1)))?;
    (d.month() == start.month()).then_some(d)
}

/// What is wrong with a series, and which key says it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RepeatError {
    #[error("unknown repeat `{0}`")]
    UnknownRepeat(String),
    #[error("`{0}` is not a step mixcal repeats by")]
    BadStep(String),
    #[error("`{0}` is not a day")]
    UnknownDay(String),
    #[error("`{0}` is a day of the month, and this repeat is weekly")]
    PlaceInWeekly(On),
    #[error("`{}` is a weekday, and this repeat is monthly", weekday_name(*day))]
    DayInMonthly { day: Weekday, first: NaiveDate },
    #[error("`{0}` is in `on` twice")]
    Twice(On),
    #[error("`on` is empty")]
    EmptyOn,
    #[error("{} is a {}, not one of the days in `on`", first.format("%Y-%m-%d"), first.format("%A"))]
    FirstNotOn { first: NaiveDate, on: Vec<On> },
    #[error("`until` ({}) is before the first date ({})", until.format("%Y-%m-%d"), first.format("%Y-%m-%d"))]
    UntilBeforeFirst { until: NaiveDate, first: NaiveDate },
    #[error("`count = 0` gives no dates")]
    NoTimes,
    #[error("`count = {0}` is more dates than mixcal keeps track of")]
    TooManyTimes(u32),
    #[error("`count` and `until` together")]
    CountAndUntil,
    #[error("{} is not a date of this series", date.format("%Y-%m-%d"))]
    NotADate {
        date: NaiveDate,
        nearest: (Option<NaiveDate>, Option<NaiveDate>),
    },
    #[error("a repeating post needs a `date`")]
    NoDate,
    #[error("`{0}` is only for a repeating post")]
    WithoutRepeat(&'static str),
    #[error("`{0}` is not a repeat")]
    BadPhrase(String),
}

impl RepeatError {
    /// The key the problem is about, to point at in the file.
    pub(crate) fn key(&self) -> &'static str {
        match self {
            RepeatError::UnknownRepeat(_)
            | RepeatError::BadStep(_)
            | RepeatError::BadPhrase(_)
            | RepeatError::NoDate => "repeat",
            RepeatError::UnknownDay(_)
            | RepeatError::PlaceInWeekly(_)
            | RepeatError::DayInMonthly { .. }
            | RepeatError::Twice(_)
            | RepeatError::EmptyOn
            | RepeatError::FirstNotOn { .. } => "on",
            RepeatError::UntilBeforeFirst { .. } => "until",
            RepeatError::NoTimes | RepeatError::TooManyTimes(_) | RepeatError::CountAndUntil => {
                "count"
            }
            RepeatError::NotADate { .. } => "skip",
            RepeatError::WithoutRepeat(key) => key,
        }
    }

    /// What to write instead.
    pub(crate) fn help(&self) -> String {
        let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        match self {
            RepeatError::UnknownRepeat(text) => {
                let lower = text.to_lowercase();
                match lower.as_str() {
                    "daily" | "every day" => "mixcal repeats by weeks or months: for every day write `repeat = \"weekly\"` and `on = [\"monday\", \"tuesday\", \"wednesday\", \"thursday\", \"friday\", \"saturday\", \"sunday\"]`".into(),
                    "fortnightly" | "biweekly" | "bi-weekly" => "write `repeat = \"every 2 weeks\"`".into(),
                    "yearly" | "annually" | "every year" => "write `repeat = \"every 12 months\"`".into(),
                    "quarterly" => "write `repeat = \"every 3 months\"`".into(),
                    _ => match near_miss(&lower, ["weekly", "monthly"]) {
                        Some(n) => format!("did you mean `{n}`? A repeat is `weekly`, `every 2 weeks`, `monthly` or `every 3 months`"),
                        None => "a repeat is `weekly`, `every 2 weeks`, `monthly` or `every 3 months`".into(),
                    },
                }
            }
            RepeatError::BadStep(_) => {
                format!("write a number of weeks or months from 1 to {MOST_EVERY}, like `every 2 weeks`")
            }
            RepeatError::UnknownDay(text) => {
                let word = text.to_lowercase();
                let last = word.split_whitespace().last().unwrap_or_default().to_string();
                match near_miss(&last, WEEKDAYS) {
                    Some(n) => format!(
                        "did you mean `{}`?",
                        crate::shown::shown_clipped(&word.replace(&last, n), 40)
                    ),
                    None => "write a weekday (`monday`), or for a monthly repeat its place in the month (`2nd tuesday`, `last friday`)".into(),
                }
            }
            RepeatError::PlaceInWeekly(o) => format!(
                "a weekly repeat takes weekdays, like `on = [\"{}\"]`; for the {o} of every month write `repeat = \"monthly\"`",
                weekday_name(o.weekday())
            ),
            RepeatError::DayInMonthly { day, first } => {
                let (nth, last) = On::of(*first);
                let also = match last {
                    Some(l) => format!(" (or the {l})"),
                    None => String::new(),
                };
                let _ = day;
                format!(
                    "a monthly repeat takes a weekday's place in the month, like `on = [\"{nth}\"]`: {} is the {nth}{also}; without `on` it repeats on the date's day of the month",
                    first.format("%Y-%m-%d")
                )
            }
            RepeatError::Twice(_) => "write each day once".into(),
            RepeatError::EmptyOn => "write the days, or leave `on` out to repeat on the date's own day".into(),
            RepeatError::FirstNotOn { first, on } => {
                let weekly = on.iter().all(|o| matches!(o, On::Day(_)));
                let add = if weekly {
                    format!("`{}`", weekday_name(first.weekday()))
                } else {
                    let (nth, _) = On::of(*first);
                    format!("`{nth}`")
                };
                format!(
                    "the date is the first time the post goes out: move it to one of the days in `on`, or add {add} to `on`"
                )
            }
            RepeatError::UntilBeforeFirst { first, .. } => {
                format!("write an end on or after {}", day(*first))
            }
            RepeatError::NoTimes => "write how many dates the series has, 1 or more".into(),
            RepeatError::TooManyTimes(_) => {
                format!("write at most {MOST_TIMES}, or leave `count` out for a series without end")
            }
            RepeatError::CountAndUntil => {
                "a series ends one way: keep either `until` or `count`".into()
            }
            RepeatError::NotADate { nearest, .. } => match nearest {
                (Some(b), Some(a)) => format!(
                    "skip a date the series falls on: did you mean {} or {}?",
                    day(*b),
                    day(*a)
                ),
                (Some(d), None) | (None, Some(d)) => {
                    format!("skip a date the series falls on: did you mean {}?", day(*d))
                }
                (None, None) => "skip a date the series falls on".into(),
            },
            RepeatError::NoDate => {
                "add its first date, like `date = 2026-11-23`; a post without a date is an idea in the backlog and does not repeat".into()
            }
            RepeatError::WithoutRepeat(_) => {
                "add how often it comes round, like `repeat = \"weekly\"`, or remove the line".into()
            }
            RepeatError::BadPhrase(_) => {
                "write e.g. `weekly`, `every 2 weeks on monday, thursday`, `monthly on 2nd tuesday until 2027-06-30` or `weekly 10 times`".into()
            }
        }
    }

    /// The problem and what to do in one line, for a form field.
    pub(crate) fn one_line(&self) -> String {
        format!("{self}: {}", self.help())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn ds(list: &[&str]) -> Vec<NaiveDate> {
        list.iter().map(|s| d(s)).collect()
    }

    fn series(first: &str, every: Every) -> Repeat {
        Repeat::new(d(first), every, vec![], End::Never, vec![]).unwrap()
    }

    fn weekly(first: &str, on: &[&str], end: End) -> Repeat {
        let on = on.iter().map(|o| On::parse(o).unwrap()).collect();
        Repeat::new(d(first), Every::Weeks(1), on, end, Vec::new()).unwrap()
    }

    #[test]
    fn a_weekly_series_falls_on_its_weekday_every_week() {
        let r = weekly("2026-11-23", &[], End::Never);
        assert_eq!(
            r.dates(d("2026-11-20"), d("2026-12-14")),
            ds(&["2026-11-23", "2026-11-30", "2026-12-07", "2026-12-14"])
        );
        assert!(r.contains(d("2030-01-07")));
        assert!(!r.contains(d("2026-11-16")));
    }

    #[test]
    fn every_two_weeks_on_two_days_counts_weeks_from_monday() {
        let on = vec![On::Day(Weekday::Wed), On::Day(Weekday::Mon)];
        let r = Repeat::new(d("2026-11-25"), Every::Weeks(2), on, End::Never, vec![]).unwrap();
        // The first week holds only the Wednesday: the Monday was before the start.
        assert_eq!(
            r.dates(d("2026-11-23"), d("2026-12-20")),
            ds(&["2026-11-25", "2026-12-07", "2026-12-09"])
        );
    }

    #[test]
    fn count_counts_skipped_dates_too() {
        let r = Repeat::new(
            d("2026-11-23"),
            Every::Weeks(1),
            vec![],
            End::Times(3),
            ds(&["2026-11-30"]),
        )
        .unwrap();
        assert_eq!(r.last(), Some(d("2026-12-07")));
        assert_eq!(
            r.dates(d("2026-01-01"), d("2027-12-31")),
            ds(&["2026-11-23", "2026-12-07"])
        );
    }

    #[test]
    fn until_is_included() {
        let r = weekly("2026-11-23", &["monday"], End::Until(d("2026-12-07")));
        assert_eq!(
            r.dates(d("2026-01-01"), d("2027-12-31")),
            ds(&["2026-11-23", "2026-11-30", "2026-12-07"])
        );
    }

    #[test]
    fn monthly_on_the_31st_leaves_out_shorter_months() {
        let r = series("2027-01-31", Every::Months(1));
        assert_eq!(
            r.dates(d("2027-01-01"), d("2027-06-30")),
            ds(&["2027-01-31", "2027-03-31", "2027-05-31"])
        );
    }

    #[test]
    fn monthly_on_29_february_comes_round_in_leap_years_only() {
        let r = series("2028-02-29", Every::Months(12));
        assert_eq!(
            r.dates(d("2028-01-01"), d("2036-12-31")),
            ds(&["2028-02-29", "2032-02-29", "2036-02-29"])
        );
        // Monthly from 29 January: February has a 29th only in leap years.
        let r = series("2028-01-29", Every::Months(1));
        assert!(r.contains(d("2028-02-29")));
        let r = series("2027-01-29", Every::Months(1));
        assert_eq!(
            r.dates(d("2027-01-01"), d("2027-03-31")),
            ds(&["2027-01-29", "2027-03-29"])
        );
    }

    #[test]
    fn monthly_on_the_nth_and_last_weekday() {
        let on = vec![
            On::parse("2nd tuesday").unwrap(),
            On::parse("last friday").unwrap(),
        ];
        let r = Repeat::new(d("2026-12-08"), Every::Months(1), on, End::Times(4), vec![]).unwrap();
        assert_eq!(
            r.dates(d("2026-01-01"), d("2027-12-31")),
            ds(&["2026-12-08", "2026-12-25", "2027-01-12", "2027-01-29"])
        );
        // The 5th Monday exists only in some months.
        let r = Repeat::new(
            d("2026-11-30"),
            Every::Months(1),
            vec![On::Nth(5, Weekday::Mon)],
            End::Never,
            vec![],
        )
        .unwrap();
        assert_eq!(
            r.dates(d("2026-11-01"), d("2027-04-30")),
            ds(&["2026-11-30", "2027-03-29"])
        );
    }

    #[test]
    fn the_first_date_must_be_one_of_the_days() {
        let e = Repeat::new(
            d("2026-11-24"),
            Every::Weeks(1),
            vec![On::Day(Weekday::Mon)],
            End::Never,
            vec![],
        )
        .unwrap_err();
        assert_eq!(e.key(), "on");
        assert!(e.to_string().contains("2026-11-24 is a Tuesday"), "{e}");
        assert!(e.help().contains("add `tuesday` to `on`"), "{}", e.help());
    }

    #[test]
    fn a_weekday_in_a_monthly_repeat_names_the_place_to_write() {
        let e = Repeat::new(
            d("2026-11-23"),
            Every::Months(1),
            vec![On::Day(Weekday::Mon)],
            End::Never,
            vec![],
        )
        .unwrap_err();
        assert!(e.help().contains("`on = [\"4th monday\"]`"), "{}", e.help());
        let e = Repeat::new(
            d("2026-11-30"),
            Every::Months(1),
            vec![On::Day(Weekday::Mon)],
            End::Never,
            vec![],
        )
        .unwrap_err();
        assert!(e.help().contains("5th monday"), "{}", e.help());
        assert!(e.help().contains("(or the last monday)"), "{}", e.help());
        let e = Repeat::new(
            d("2026-11-23"),
            Every::Weeks(1),
            vec![On::Nth(2, Weekday::Mon)],
            End::Never,
            vec![],
        )
        .unwrap_err();
        assert!(e.help().contains("repeat = \\\"monthly\\\"") || e.help().contains("monthly"));
    }

    #[test]
    fn a_skipped_date_must_be_a_date_of_the_series() {
        let e = Repeat::new(
            d("2026-11-23"),
            Every::Weeks(1),
            vec![],
            End::Never,
            ds(&["2026-12-29"]),
        )
        .unwrap_err();
        assert_eq!(e.key(), "skip");
        assert!(
            e.help().contains("2026-12-28 or 2027-01-04"),
            "{}",
            e.help()
        );
    }

    #[test]
    fn misspelt_repeats_and_days_get_help() {
        let e = Every::parse("weeky").unwrap_err();
        assert!(RepeatError::help(&e).contains("did you mean `weekly`?"));
        assert!(Every::parse("daily").unwrap_err().help().contains("on = ["));
        assert!(
            Every::parse("fortnightly")
                .unwrap_err()
                .help()
                .contains("every 2 weeks")
        );
        assert_eq!(Every::parse("Every 2 Weeks"), Ok(Every::Weeks(2)));
        assert!(matches!(
            Every::parse("every 0 weeks"),
            Err(RepeatError::BadStep(_))
        ));
        let e = On::parse("tusday").unwrap_err();
        assert!(e.help().contains("`tuesday`"), "{}", e.help());
        let e = On::parse("2nd tusday").unwrap_err();
        assert!(e.help().contains("`2nd tuesday`"), "{}", e.help());
        assert_eq!(On::parse("Second TUE"), Ok(On::Nth(2, Weekday::Tue)));
    }

    #[test]
    fn a_phrase_reads_back_as_written() {
        for text in [
            "weekly",
            "every 2 weeks on monday, thursday",
            "monthly on 2nd tuesday, last friday until 2027-06-30",
            "every 3 months 4 times",
        ] {
            let first = match text {
                t if t.contains("2nd tuesday") => d("2026-12-08"),
                _ => d("2026-11-23"),
            };
            let r = Repeat::from_phrase(text, first, &[]).unwrap();
            assert_eq!(r.phrase(), text);
        }
        assert!(Repeat::from_phrase("weekly on monday and thursday", d("2026-11-23"), &[]).is_ok());
        assert!(matches!(
            Repeat::from_phrase("weekly until soon", d("2026-11-23"), &[]),
            Err(RepeatError::BadPhrase(_))
        ));
    }

    #[test]
    fn a_series_moves_a_day_when_its_rule_allows() {
        let r = weekly(
            "2026-11-23",
            &["monday", "thursday"],
            End::Until(d("2027-01-04")),
        );
        let r = r.skipping(d("2026-12-28"));
        let moved = r.shifted(1).unwrap();
        assert_eq!(moved.first(), d("2026-11-24"));
        assert_eq!(moved.on(), &[On::Day(Weekday::Tue), On::Day(Weekday::Fri)]);
        assert_eq!(moved.skip(), &[d("2026-12-29")]);
        // The last Monday a day later is not always the last Tuesday.
        let m = Repeat::new(
            d("2026-11-30"),
            Every::Months(1),
            vec![On::Nth(-1, Weekday::Mon)],
            End::Never,
            vec![],
        )
        .unwrap();
        assert!(m.shifted(1).is_none());
    }

    #[test]
    fn a_long_range_is_walked_by_periods() {
        let r = weekly("2000-01-03", &[], End::Never);
        assert_eq!(r.dates(d("2000-01-01"), d("2099-12-31")).len(), 5218);
        assert_eq!(r.next_from(d("2026-11-24")), Some(d("2026-11-30")));
    }
}
