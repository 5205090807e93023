//! Reading events from an iCalendar file as posts, for `import --format ics`.
//!
//! An event becomes a post on its start date and time, read in the plan's time
//! zone (an event in another zone, or in UTC, lands at the same moment). The
//! category comes from `CATEGORIES`, by key or by name, else from `--category`.
//! An event this schedule exported (its `UID` ends in the schedule's identifier)
//! updates its post; any other event is a new post unless one with the same
//! date, time, category and title is there already.
//!
//! A repeating event comes in as a repeating post when mixcal can keep its rule
//! (`RRULE` weekly or monthly, with `INTERVAL`, `BYDAY`, the start's own
//! `BYMONTHDAY`, `COUNT` or `UNTIL`, and `EXDATE`s as skipped dates); any
//! other comes in at its first date, with a warning.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use icalendar::parser::{Component, Property, read_calendar, unfold};
use jiff::tz::TimeZone;

use super::BYDAY_CODES;
use super::zone::{self, civil, naive};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::domain::fields::{self, FieldError};
use crate::domain::{End, Every, On, Post, Repeat, Status};
use crate::export::incoming::{Field, Problems, Row, Sheet};

/// Choices for reading a calendar.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ReadOptions<'a> {
    /// The plan's time zone.
    pub(crate) zone: &'a TimeZone,
    /// The schedule's identifier: events whose UID ends in it are its posts.
    pub(crate) identifier: Option<&'a str>,
    /// The category for events whose `CATEGORIES` names none of the config's.
    pub(crate) category: Option<&'a str>,
}

/// Reads the events of a calendar file; `name` is the file's name in messages.
pub(crate) fn read(
    text: &str,
    name: &str,
    config: &Config,
    options: ReadOptions,
) -> Result<Sheet, Diagnostics> {
    let unfolded = unfold(text);
    let calendar = read_calendar(&unfolded).map_err(|e| {
        Diagnostics(vec![
            Diagnostic::whole_file(
                name,
                format!("cannot read the calendar: {}", first_line(&e)),
            )
            .with_help("export it again as an iCalendar (.ics) file"),
        ])
    })?;
    let fallback = match options.category {
        Some(key) => Some(
            fields::loose_category(key, &config.categories)
                .map_err(|e| {
                    Diagnostics(vec![
                        Diagnostic::whole_file(name, format!("--category: {e}"))
                            .with_help(e.help()),
                    ])
                })?
                .key
                .clone(),
        ),
        None => None,
    };
    let mut reader = Reader {
        name,
        config,
        options,
        fallback,
        problems: Problems::of("event"),
        warnings: Vec::new(),
    };
    let rows: Vec<Row> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str().eq_ignore_ascii_case("VEVENT"))
        .enumerate()
        .filter_map(|(i, event)| reader.event(i + 1, event))
        .collect();
    let warnings = reader.warnings;
    reader.problems.result(
        name,
        Sheet {
            rows,
            unchanged: 0,
            named: Vec::new(),
            warnings,
        },
    )
}

/// The line each event of a calendar file begins on (its `BEGIN:VEVENT`), in
/// order, for messages that name an event.
pub(crate) fn event_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_end().eq_ignore_ascii_case("BEGIN:VEVENT"))
        .map(|(i, _)| i + 1)
        .collect()
}

fn first_line(e: &str) -> &str {
    e.lines().next().unwrap_or(e)
}

struct Reader<'a> {
    name: &'a str,
    config: &'a Config,
    options: ReadOptions<'a>,
    fallback: Option<String>,
    problems: Problems,
    warnings: Vec<String>,
}

impl Reader<'_> {
    fn problem(&mut self, number: usize, kind: &'static str, message: &str, help: Option<String>) {
        let mut d = Diagnostic::whole_file(self.name, format!("event {number}: {message}"));
        d.help = help;
        self.problems.push("events", kind, number, d);
    }

    fn field_problem(&mut self, number: usize, e: &FieldError) {
        self.problem(number, e.kind(), &e.to_string(), Some(e.help()));
    }

    fn event(&mut self, number: usize, event: &Component) -> Option<Row> {
        let prop = |name: &str| event.find_prop(name);
        let text = |name: &str| prop(name).map(|p| p.val.as_str().to_string());
        let before = self.problems.len();
        let mut post = Post::new(NaiveDate::MIN, "", "");
        let mut fields = vec![
            Field::Date,
            Field::Time,
            Field::Category,
            Field::Title,
            Field::Channel,
            Field::Notes,
            Field::Link,
            Field::Media,
        ];
        if text("STATUS").is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED")) {
            self.warnings.push(format!(
                "{}: event {number} is cancelled and left out",
                self.name
            ));
            return None;
        }
        match prop("DTSTART").map(|p| self.start(p)) {
            Some(Ok((date, time))) => {
                post.date = Some(date);
                post.time = time;
                if prop("RDATE").is_some() {
                    self.warnings.push(format!(
                        "{}: event {number} repeats on listed dates (RDATE); only its first date is imported",
                        self.name
                    ));
                } else if let Some(rule) = prop("RRULE") {
                    match self.repeat(rule.val.as_str(), event, date, time) {
                        Ok(r) => {
                            post.repeat = Some(Box::new(r));
                            fields.push(Field::Repeat);
                        }
                        Err(why) => self.warnings.push(format!(
                            "{}: event {number} repeats in a way mixcal cannot keep ({why}); only its first date is imported",
                            self.name
                        )),
                    }
                }
            }
            Some(Err(e)) => self.problem(number, "start", &e, None),
            None => self.problem(
                number,
                "no start",
                "the event has no start (DTSTART)",
                Some("every post needs a date".into()),
            ),
        }
        match fields::title(&text("SUMMARY").unwrap_or_default()) {
            Ok(t) => post.title = t.to_string(),
            Err(e) => self.field_problem(number, &e),
        }
        let categories = prop("CATEGORIES")
            .map(|p| text_list(p.val.as_str()))
            .unwrap_or_default();
        let found = categories
            .iter()
            .find_map(|c| fields::loose_category(c, &self.config.categories).ok())
            .map(|c| c.key.clone())
            .or_else(|| self.fallback.clone());
        match found {
            Some(key) => post.category = key,
            None => {
                let named = if categories.is_empty() {
                    "names no category".to_string()
                } else {
                    format!(
                        "has categories {} and none is mixcal's",
                        categories.join(", ")
                    )
                };
                let keys: Vec<&str> = self.config.category_keys().collect();
                self.problem(
                    number,
                    "no category",
                    &format!("\u{201c}{}\u{201d} {named}", post.title),
                    Some(format!(
                        "give the import a category for such events, e.g. --category {}",
                        keys.first().copied().unwrap_or("everyday")
                    )),
                );
            }
        }
        post.link = text("URL").filter(|s| !s.trim().is_empty());
        post.notes = text("DESCRIPTION").and_then(|d| notes_without_link(&d, post.link.as_deref()));
        post.channel = text("X-MIXCAL-CHANNEL").filter(|s| !s.is_empty());
        post.media = event
            .properties
            .iter()
            .filter(|p| p.name.as_str().eq_ignore_ascii_case("ATTACH"))
            .filter_map(|p| fields::media(p.val.as_str()).ok().map(str::to_string))
            .collect();
        if text("STATUS").is_some_and(|s| s.eq_ignore_ascii_case("TENTATIVE")) {
            post.status = Status::Idea;
            fields.push(Field::Status);
        }
        let own = text("X-MIXCAL-MINUTES").and_then(|m| fields::minutes(&m).ok());
        match (self.minutes(event, &post), own) {
            // Minutes the post had of its own, unless the calendar changed the
            // event's length since.
            (Some(length), Some(own)) if length == own => {
                post.minutes = Some(own);
                fields.push(Field::Minutes);
            }
            (None, Some(own)) => {
                post.minutes = Some(own);
                fields.push(Field::Minutes);
            }
            (Some(length), _) => {
                // The category's own minutes stay the category's.
                let default = self.config.category(&post.category).map(|c| c.minutes);
                post.minutes = (Some(length) != default).then_some(length);
                fields.push(Field::Minutes);
            }
            (None, None) => {}
        }
        if let (Some(uid), Some(identifier)) = (text("UID"), self.options.identifier)
            && let Some(id) = uid.strip_suffix(&format!("@{identifier}"))
            && let Ok(id) = fields::id(id)
        {
            post.id = id.to_string();
        }
        (self.problems.len() == before).then_some(Row {
            number,
            post,
            fields: fields.into(),
        })
    }

    /// The start as a date and, for a timed event, a wall-clock time in the plan's zone.
    fn start(&self, p: &Property) -> Result<(NaiveDate, Option<chrono::NaiveTime>), String> {
        let value = p.val.as_str().trim();
        let param = |key: &str| {
            p.params
                .iter()
                .find(|x| x.key.as_str().eq_ignore_ascii_case(key))
                .and_then(|x| x.val.as_ref())
                .map(|v| v.as_str().trim_matches('"').to_string())
        };
        if value.len() == 8 || param("VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE")) {
            let date = NaiveDate::parse_from_str(value, "%Y%m%d")
                .map_err(|_| format!("`{value}` is not a date"))?;
            return Ok((date, None));
        }
        let (stamp, utc) = match value.strip_suffix(['Z', 'z']) {
            Some(s) => (s, true),
            None => (value, false),
        };
        let local = NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%S")
            .map_err(|_| format!("`{value}` is not a date and time"))?;
        let plan = self.options.zone;
        let from = if utc {
            TimeZone::UTC
        } else if let Some(tzid) = param("TZID") {
            if tzid == zone::tzid(plan) {
                plan.clone()
            } else {
                TimeZone::get(&tzid).map_err(|_| {
                    format!("unknown time zone `{tzid}`; mixcal knows the IANA names, like Europe/Berlin")
                })?
            }
        } else {
            // A floating time is a wall-clock time wherever the calendar is.
            plan.clone()
        };
        let at = from
            .to_ambiguous_timestamp(civil(local))
            .compatible()
            .map_err(|e| format!("`{value}`: {e}"))?;
        let there = naive(plan.to_datetime(at));
        Ok((there.date(), Some(there.time())))
    }

    /// A rule mixcal can keep, as a repeating post starting on `first`; else
    /// why not.
    fn repeat(
        &self,
        rule: &str,
        event: &Component,
        first: NaiveDate,
        time: Option<NaiveTime>,
    ) -> Result<Repeat, String> {
        let mut freq = None;
        let mut interval = 1u32;
        let mut on = Vec::new();
        let mut month_day = None;
        let mut end = End::Never;
        for part in rule.trim().split(';').filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| format!("`{part}` is not a rule part"))?;
            match key.to_ascii_uppercase().as_str() {
                "FREQ" => freq = Some(value.to_ascii_uppercase()),
                "INTERVAL" => {
                    interval = value
                        .parse()
                        .map_err(|_| format!("INTERVAL={value} is not a number"))?;
                }
                "BYDAY" => {
                    for day in value.split(',') {
                        on.push(byday(day).ok_or_else(|| format!("BYDAY={value}"))?);
                    }
                }
                "BYMONTHDAY" => {
                    month_day = Some(
                        value
                            .parse::<u32>()
                            .map_err(|_| format!("BYMONTHDAY={value}"))?,
                    );
                }
                "COUNT" => {
                    end = End::Times(value.parse().map_err(|_| format!("COUNT={value}"))?);
                }
                "UNTIL" => end = End::Until(self.until(value, time)?),
                "WKST" => {}
                other => return Err(format!("{other} in RRULE")),
            }
        }
        let every = match freq.as_deref() {
            Some("WEEKLY") => Every::Weeks(interval),
            Some("MONTHLY") => Every::Months(interval),
            Some("YEARLY") if on.is_empty() => Every::Months(interval.saturating_mul(12)),
            Some("DAILY") if interval == 1 && on.is_empty() => {
                on = [
                    Weekday::Mon,
                    Weekday::Tue,
                    Weekday::Wed,
                    Weekday::Thu,
                    Weekday::Fri,
                    Weekday::Sat,
                    Weekday::Sun,
                ]
                .map(On::Day)
                .to_vec();
                Every::Weeks(1)
            }
            Some(other) => return Err(format!("FREQ={other}")),
            None => return Err("no FREQ".into()),
        };
        // A weekly rule's days are weekdays; a monthly one's, places in the month.
        let on: Vec<On> = match every {
            Every::Weeks(_) => on
                .into_iter()
                .map(|o| match o {
                    On::Nth(_, _) => Err("BYDAY with a place in a weekly rule".to_string()),
                    day @ On::Day(_) => Ok(day),
                })
                .collect::<Result<_, _>>()?,
            Every::Months(_) => on
                .into_iter()
                .map(|o| match o {
                    On::Day(_) => Err("every such weekday of the month".to_string()),
                    nth @ On::Nth(..) => Ok(nth),
                })
                .collect::<Result<_, _>>()?,
        };
        if month_day.is_some_and(|d| d != chrono::Datelike::day(&first))
            || (month_day.is_some() && !every.is_weekly() && !on.is_empty())
        {
            return Err("BYMONTHDAY other than the start's day".into());
        }
        let mut skip = Vec::new();
        for p in event
            .properties
            .iter()
            .filter(|p| p.name.as_str().eq_ignore_ascii_case("EXDATE"))
        {
            for value in p.val.as_str().split(',') {
                let one = Property {
                    name: p.name.clone(),
                    params: p.params.clone(),
                    val: value.trim().into(),
                };
                let (date, _) = self.start(&one)?;
                skip.push(date);
            }
        }
        let r =
            Repeat::new(first, every, on.clone(), end, Vec::new()).map_err(|e| e.to_string())?;
        // A skipped date the rule does not fall on changes nothing.
        skip.retain(|d| r.dates(*d, *d) == [*d]);
        Repeat::new(first, every, on, end, skip).map_err(|e| e.to_string())
    }

    /// An `UNTIL` as the last date of the series in the plan's zone: a moment
    /// before the post's time on its day ends the series the day before.
    fn until(&self, value: &str, time: Option<NaiveTime>) -> Result<NaiveDate, String> {
        let one = Property {
            name: "UNTIL".into(),
            params: Vec::new(),
            val: value.trim().into(),
        };
        let (date, at) = self.start(&one)?;
        match (at, time) {
            (Some(at), Some(time)) if at < time => date.pred_opt().ok_or_else(|| value.to_string()),
            _ => Ok(date),
        }
    }

    /// The event's length in minutes, from `DURATION` or `DTEND`.
    fn minutes(&self, event: &Component, post: &Post) -> Option<u32> {
        if let Some(d) = event.find_prop("DURATION") {
            return duration_minutes(d.val.as_str());
        }
        let end = event.find_prop("DTEND")?;
        let (date, time) = self.start(end).ok()?;
        let start = post.date?.and_time(post.time?);
        let minutes = (date.and_time(time?) - start).num_minutes();
        u32::try_from(minutes)
            .ok()
            .filter(|m| *m <= fields::MAX_MINUTES)
    }
}

/// A `BYDAY` entry: `MO`, `2TU`, `-1FR`.
fn byday(text: &str) -> Option<On> {
    let text = text.trim().to_ascii_uppercase();
    let (place, code) = text.split_at(text.len().checked_sub(2)?);
    let day = BYDAY_CODES.iter().position(|c| *c == code)?;
    let day = Weekday::try_from(u8::try_from(day).ok()?).ok()?;
    if place.is_empty() {
        return Some(On::Day(day));
    }
    let n: i8 = place.trim_start_matches('+').parse().ok()?;
    ((1..=5).contains(&n) || n == -1).then_some(On::Nth(n, day))
}

/// Minutes of an RFC 5545 duration such as `PT1H30M` or `P1D`.
fn duration_minutes(s: &str) -> Option<u32> {
    let s = s.trim().strip_prefix('+').unwrap_or(s.trim());
    let rest = s.strip_prefix('P')?;
    let (mut total, mut number, mut in_time) = (0u64, String::new(), false);
    for c in rest.chars() {
        match c {
            'T' => in_time = true,
            '0'..='9' => number.push(c),
            unit => {
                let n: u64 = number.parse().ok()?;
                number.clear();
                total += match (unit, in_time) {
                    ('W', false) => n * 7 * 24 * 60,
                    ('D', false) => n * 24 * 60,
                    ('H', true) => n * 60,
                    ('M', true) => n,
                    ('S', true) => n / 60,
                    _ => return None,
                };
            }
        }
    }
    u32::try_from(total)
        .ok()
        .filter(|m| *m <= fields::MAX_MINUTES)
}

/// The items of a TEXT list such as `CATEGORIES:Tips\, tricks,News`, unescaped.
fn text_list(value: &str) -> Vec<String> {
    let mut items = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => items.last_mut().map_or((), |s| s.push('\n')),
                Some(other) => items.last_mut().map_or((), |s| s.push(other)),
                None => {}
            },
            ',' => items.push(String::new()),
            c => items.last_mut().map_or((), |s| s.push(c)),
        }
    }
    items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The notes of a description mixcal wrote as notes, a blank line and the link.
fn notes_without_link(description: &str, link: Option<&str>) -> Option<String> {
    let notes = match link {
        Some(link) if description == link => "",
        Some(link) => description
            .strip_suffix(link)
            .and_then(|d| d.strip_suffix("\n\n"))
            .unwrap_or(description),
        None => description,
    };
    (!notes.is_empty()).then(|| notes.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byday_written_reads_back() {
        for d in 0..7 {
            let day = Weekday::try_from(d).unwrap();
            for on in [On::Day(day), On::Nth(2, day), On::Nth(-1, day)] {
                let text = super::super::byday(on);
                assert_eq!(byday(&text), Some(on), "{text}");
            }
        }
        assert_eq!(byday("mo"), Some(On::Day(Weekday::Mon)));
        assert_eq!(byday("+3SU"), Some(On::Nth(3, Weekday::Sun)));
        assert_eq!(byday("XX"), None);
        assert_eq!(byday("2"), None);
    }

    #[test]
    fn durations_are_read_in_minutes() {
        assert_eq!(duration_minutes("PT15M"), Some(15));
        assert_eq!(duration_minutes("PT1H30M"), Some(90));
        assert_eq!(duration_minutes("PT0S"), Some(0));
        assert_eq!(duration_minutes("P1D"), Some(1440));
        assert_eq!(duration_minutes("P2D"), None);
        assert_eq!(duration_minutes("15M"), None);
    }

    #[test]
    fn category_lists_are_split_and_unescaped() {
        assert_eq!(text_list("Tips\\, tricks,News"), ["Tips, tricks", "News"]);
        assert_eq!(text_list(""), Vec::<String>::new());
    }

    #[test]
    fn the_link_mixcal_adds_to_a_description_is_taken_off() {
        let link = Some("https://x.example");
        assert_eq!(
            notes_without_link("a\n\nhttps://x.example", link).as_deref(),
            Some("a")
        );
        assert_eq!(notes_without_link("https://x.example", link), None);
        assert_eq!(notes_without_link("other", link).as_deref(), Some("other"));
    }
}
