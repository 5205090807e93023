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
//! The writer is a few lines of our own rather than the `icalendar` crate's: that
//! crate leaves `CATEGORIES` and carriage returns unescaped (a category named
//! "Tips, tricks" would arrive as two), orders properties alphabetically, and
//! makes up a random `UID` and the clock's `DTSTAMP` when one is missing.

pub mod read;
pub mod zone;

use jiff::Timestamp;

use self::zone::{Shift, moment};
use super::{Job, Spec};
use crate::config::Config;
use crate::domain::{Post, Status};

pub const SPEC: Spec = Spec {
    label: "ICS",
    about: "iCalendar for calendar programs: one event per post, in the plan's time zone",
    extension: "ics",
    publishing: None,
    render: render_job,
};

/// The longest content line RFC 5545 allows, in octets, without its CRLF.
const MAX_LINE: usize = 75;

fn render_job(job: &Job, posts: &[&Post], warnings: &mut Vec<String>) -> Vec<u8> {
    render(posts, job, warnings).into_bytes()
}

/// The calendar for `posts`.
pub fn render(posts: &[&Post], job: &Job, warnings: &mut Vec<String>) -> String {
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
    // Each timed post's moment, computed once: for the zone block, the stamps and
    // the warnings about clock changes.
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
    if let Some(tzid) = &tzid {
        line(&mut out, &format!("X-WR-TIMEZONE:{tzid}"));
        let first = moments.iter().flatten().min();
        let last = moments.iter().flatten().max();
        if let (Some(first), Some(last)) = (first, last) {
            for l in zone::vtimezone(job.zone, *first, *last) {
                line(&mut out, &l);
            }
        }
    }
    let domain = job.origin.identifier.as_deref().unwrap_or("mixcal");
    for (post, at) in posts.iter().zip(&moments) {
        event(&mut out, post, *at, tzid.as_deref(), domain, job.config);
    }
    line(&mut out, "END:VCALENDAR");
    out
}

fn event(
    out: &mut String,
    post: &Post,
    at: Option<Timestamp>,
    tzid: Option<&str>,
    domain: &str,
    config: &Config,
) {
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{}@{domain}", escape(&post.id)));
    let date = post.date.format("%Y%m%d");
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
    line(out, "END:VEVENT");
}

fn shift_warning(shift: Shift, post: &Post, job: &Job) -> String {
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
