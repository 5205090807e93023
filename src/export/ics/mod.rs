//! iCalendar (RFC 5545): one event per post, for calendar programs.
//!
//! Timed posts are written in the plan's time zone (`DTSTART;TZID=Europe/Berlin`)
//! with a `VTIMEZONE` block for it, made from the time zone database, so every
//! calendar shows the post at its moment and knows it was planned at 09:00 in
//! Berlin; `--utc` writes UTC times instead. Nothing depends on the zone of the
//! machine that exports. Untimed posts are all-day events on their date.
//!
//! Each event's `UID` is `<post id>@<schedule identifier>`, so two schedules'
//! events never merge in one calendar, and its `DTSTAMP` is the post's own start
//! (in UTC), so exporting an unchanged schedule twice gives the same bytes.
//!
//! A repeating post is one event with its rule (`RRULE`) and skipped dates
//! (`EXDATE`), under the series' own UID, starting on its first date. A rule is
//! read in the zone its times are written in, so a timed series written in UTC
//! (`--utc`, or a zone without a name) would drift an hour at every clock
//! change: then each of its dates in the range is an event of its own
//! (`<post id>-<YYYYMMDD>@<schedule identifier>`).
//!
//! The writer is a few lines of our own rather than the `icalendar` crate's: that
//! crate leaves `CATEGORIES` and carriage returns unescaped (a category named
//! "Tips, tricks" would arrive as two), orders properties alphabetically, and
//! makes up a random `UID` and the clock's `DTSTAMP` when one is missing.

pub(crate) mod read;
pub(crate) mod zone;

use std::collections::HashSet;

use chrono::NaiveDate;
use jiff::Timestamp;

use self::zone::{Shift, moment};
use super::{Job, Selection, Spec};
use crate::domain::{Dated, End, Every, On, Post, Repeat, Status};

pub(crate) const SPEC: Spec = Spec {
    label: "ICS",
    about: "iCalendar for calendar programs: one event per post, in the plan's time zone",
    extension: "ics",
    publishing: None,
    render: render_job,
};

/// The longest content line RFC 5545 allows, in octets, without its CRLF.
const MAX_LINE: usize = 75;

fn render_job(job: &Job, selection: &Selection, warnings: &mut Vec<String>) -> Vec<u8> {
    render(&selection.dated, job, warnings).into_bytes()
}

/// How long a `VTIMEZONE` reaches past the last date written when a series
/// has no end: its rule goes on, and calendars need the zone's changes for it.
const ENDLESS_YEARS: u64 = 10;

/// One event to write: a post on a date, with the series' rule when it is a
/// repeating post written whole.
struct Event<'a> {
    post: &'a Post,
    date: NaiveDate,
    rule: Option<&'a Repeat>,
    /// The UID's post part: the id, or `<id>-<YYYYMMDD>` for a date of a series
    /// written one event per date.
    uid: String,
}

/// The events for `posts`: each post once, a repeating post as one event with
/// its rule (or, when its times go out in UTC, one event per date).
fn events<'a>(posts: &[Dated<'a>], rules: bool) -> Vec<Event<'a>> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(posts.len());
    for d in posts {
        match &d.post.repeat {
            Some(rule) if rules || d.time.is_none() => {
                if seen.insert(d.post.id.as_str()) {
                    out.push(Event {
                        post: d.post,
                        date: rule.first(),
                        rule: Some(rule),
                        uid: d.post.id.clone(),
                    });
                }
            }
            Some(_) => out.push(Event {
                post: d.post,
                date: d.date,
                rule: None,
                uid: super::csv::occurrence_id(d),
            }),
            None => out.push(Event {
                post: d.post,
                date: d.date,
                rule: None,
                uid: d.post.id.clone(),
            }),
        }
    }
    out
}

/// The calendar for `posts`.
pub fn render(posts: &[Dated], job: &Job, warnings: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(512 + posts.len() * 420);
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(
        &mut out,
        &format!("PRODID:-//mixcal//mixcal {}//EN", env!("CARGO_PKG_VERSION")),
    );
    line(&mut out, "CALSCALE:GREGORIAN");
    if !job.origin.name.is_empty() {
        let name = escape(&job.origin.name);
        line(&mut out, &format!("NAME:{name}"));
        line(&mut out, &format!("X-WR-CALNAME:{name}"));
    }
    // Each timed post's moment, computed once: for the zone block and the
    // warnings about clock changes.
    let moments: Vec<Option<Timestamp>> = posts
        .iter()
        .map(|p| {
            p.time.map(|t| {
                let (at, shift) = moment(job.zone, p.date.and_time(t));
                if let Some(shift) = shift {
                    warnings.push(shift_warning(shift, p, job));
                }
                at
            })
        })
        .collect();
    // A zone known only by its rule (a POSIX `TZ` string) has no name that
    // calendar programs look up; its times go out in UTC, which every program
    // reads right.
    let named = job.zone.iana_name().is_some();
    if !job.utc && !named && moments.iter().any(Option::is_some) {
        warnings.push(
            "the time zone has no IANA name (TZ holds a rule), so times are written in UTC; set time_zone = \"Area/City\" in the config to write them in your zone".into(),
        );
    }
    let tzid = (!job.utc && named).then(|| zone::tzid(job.zone));
    let events = events(posts, tzid.is_some());
    if let Some(tzid) = &tzid {
        line(&mut out, &format!("X-WR-TIMEZONE:{tzid}"));
        // The zone's changes over every moment written: the posts', and each
        // series' from its first date to its last.
        let mut span = moments.iter().flatten().copied().collect::<Vec<_>>();
        for e in &events {
            let (Some(rule), Some(time)) = (e.rule, e.post.time) else {
                continue;
            };
            let last = rule.last().unwrap_or_else(|| {
                let latest = posts
                    .last()
                    .map_or(rule.first(), |p| p.date.max(rule.first()));
                latest
                    .checked_add_days(chrono::Days::new(366 * ENDLESS_YEARS))
                    .unwrap_or(latest)
            });
            span.push(moment(job.zone, rule.first().and_time(time)).0);
            span.push(moment(job.zone, last.and_time(time)).0);
        }
        if let (Some(first), Some(last)) = (span.iter().min(), span.iter().max()) {
            for l in zone::vtimezone(job.zone, *first, *last) {
                line(&mut out, &l);
            }
        }
    }
    let domain = job.origin.identifier.as_deref().unwrap_or("mixcal");
    for e in &events {
        let at = e.post.time.map(|t| moment(job.zone, e.date.and_time(t)).0);
        event(&mut out, e, at, tzid.as_deref(), domain, job);
    }
    line(&mut out, "END:VCALENDAR");
    out
}

fn event(
    out: &mut String,
    e: &Event,
    at: Option<Timestamp>,
    tzid: Option<&str>,
    domain: &str,
    job: &Job,
) {
    let (post, config) = (e.post, job.config);
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{}@{domain}", escape(&e.uid)));
    let date = e.date.format("%Y%m%d");
    match (post.time, at) {
        (Some(time), Some(at)) => {
            let utc = utc_stamp(at);
            line(out, &format!("DTSTAMP:{utc}"));
            match tzid {
                Some(tzid) => line(
                    out,
                    &format!("DTSTART;TZID={tzid}:{date}T{}", time.format("%H%M%S")),
                ),
                None => line(out, &format!("DTSTART:{utc}")),
            }
            line(out, &format!("DURATION:{}", duration(config.minutes(post))));
        }
        _ => {
            line(out, &format!("DTSTAMP:{date}T000000Z"));
            line(out, &format!("DTSTART;VALUE=DATE:{date}"));
        }
    }
    if let Some(rule) = e.rule {
        line(out, &format!("RRULE:{}", rrule(rule, post, tzid, job)));
        for skip in rule.skip() {
            let day = skip.format("%Y%m%d");
            match (post.time, tzid) {
                (Some(t), Some(tzid)) => line(
                    out,
                    &format!("EXDATE;TZID={tzid}:{day}T{}", t.format("%H%M%S")),
                ),
                _ => line(out, &format!("EXDATE;VALUE=DATE:{day}")),
            }
        }
    }
    line(out, &format!("SUMMARY:{}", escape(&post.title)));
    let category = config.category(&post.category);
    let name = category.map_or(post.category.as_str(), |c| c.name.as_str());
    line(out, &format!("CATEGORIES:{}", escape(name)));
    let description = match (&post.notes, &post.link) {
        (Some(notes), Some(link)) => Some(format!("{notes}\n\n{link}")),
        (Some(text), None) | (None, Some(text)) => Some(text.clone()),
        (None, None) => None,
    };
    if let Some(d) = description {
        line(out, &format!("DESCRIPTION:{}", escape(&d)));
    }
    if let Some(link) = &post.link {
        line(out, &format!("URL:{}", uri(link)));
    }
    for media in &post.media {
        line(out, &format!("ATTACH:{}", uri(media)));
    }
    if let Some(c) = category {
        // RFC 7986 wants a CSS3 colour name; every colour mixcal knows is one.
        line(out, &format!("COLOR:{}", c.color.name()));
    }
    if post.status == Status::Idea {
        line(out, "STATUS:TENTATIVE");
    }
    // A planned post does not make its owner busy.
    line(out, "TRANSP:TRANSPARENT");
    if let Some(channel) = &post.channel {
        line(out, &format!("X-MIXCAL-CHANNEL:{}", escape(channel)));
    }
    // Minutes of its own, even the category's: `DURATION` alone cannot tell
    // them from the category's, and an all-day event has none.
    if let Some(minutes) = post.minutes {
        line(out, &format!("X-MIXCAL-MINUTES:{minutes}"));
    }
    line(out, "END:VEVENT");
}

/// A series' rule as RFC 5545 writes it: `FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=…`.
/// The days are written only when the file names them, so the rule reads back
/// as it was. `UNTIL` is a date for an all-day series, else the moment of the
/// last date's post in UTC, as the RFC asks of a start with a time zone.
fn rrule(rule: &Repeat, post: &Post, tzid: Option<&str>, job: &Job) -> String {
    let mut parts = Vec::new();
    let (freq, n) = match rule.every() {
        Every::Weeks(n) => ("WEEKLY", n),
        Every::Months(n) => ("MONTHLY", n),
    };
    parts.push(format!("FREQ={freq}"));
    if n > 1 {
        parts.push(format!("INTERVAL={n}"));
    }
    if !rule.on().is_empty() {
        let days: Vec<String> = rule.on().iter().map(|o| byday(*o)).collect();
        parts.push(format!("BYDAY={}", days.join(",")));
    }
    match rule.end() {
        End::Never => {}
        End::Times(n) => parts.push(format!("COUNT={n}")),
        End::Until(d) => match (post.time, tzid) {
            (Some(t), Some(_)) => {
                let (at, _) = moment(job.zone, d.and_time(t));
                parts.push(format!("UNTIL={}", utc_stamp(at)));
            }
            _ => parts.push(format!("UNTIL={}", d.format("%Y%m%d"))),
        },
    }
    parts.join(";")
}

/// The weekdays as `BYDAY` names them, Monday first (by
/// `Weekday::num_days_from_monday`), for writing and reading alike.
pub(crate) const BYDAY_CODES: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// A day of `on` as `BYDAY` writes it: `MO`, `2TU`, `-1FR`.
pub(crate) fn byday(on: On) -> String {
    let code = |d: chrono::Weekday| BYDAY_CODES[d.num_days_from_monday() as usize];
    match on {
        On::Day(d) => code(d).to_string(),
        On::Nth(n, d) => format!("{n}{}", code(d)),
    }
}

fn shift_warning(shift: Shift, post: &Dated, job: &Job) -> String {
    let what = super::describe(post);
    let zone = zone::tzid(job.zone);
    match shift {
        Shift::Skipped => format!(
            "{what}: that time does not exist in {zone} (the clocks go forward); calendars show it an hour later"
        ),
        Shift::Repeated => format!(
            "{what}: that time happens twice in {zone} (the clocks go back); calendars show the first"
        ),
    }
}

/// Writes one content line, folded so no line is longer than 75 octets: each
/// continuation line starts with a space, and a fold never splits a character.
fn line(out: &mut String, content: &str) {
    let mut rest = content;
    let mut limit = MAX_LINE;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The leading space counts towards the next line's 75 octets.
        limit = MAX_LINE - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// Escapes a TEXT value: backslash, semicolon and comma get a backslash, every line
/// break (LF, CRLF or CR) becomes `\n`, and control characters other than tab,
/// which TEXT may not hold, are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value: written as it is, less what a content line cannot hold.
fn uri(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

/// An RFC 5545 duration: `PT15M`, `PT1H30M`, `PT2H`; `PT0S` for none.
fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, 0) => "PT0S".to_string(),
        (0, m) => format!("PT{m}M"),
        (h, 0) => format!("PT{h}H"),
        (h, m) => format!("PT{h}H{m}M"),
    }
}

fn utc_stamp(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}
