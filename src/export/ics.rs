//! iCalendar (RFC 5545): one event per post, for calendar programs.
//!
//! Timed posts are written in UTC, converted from the local time zone: a UTC time
//! needs no `VTIMEZONE` block, so every program shows it at the moment the post
//! goes out, in whatever zone the program runs. (A `TZID` parameter must name a
//! `VTIMEZONE` written into the same file, and writing its rules needs a time zone
//! database mixcal does not carry.) Untimed posts are all-day events on their date.
//!
//! The writer is a few lines of our own rather than the `icalendar` crate's: that
//! crate leaves `CATEGORIES` and carriage returns unescaped (a category named
//! "Tips, tricks" would arrive as two), orders properties alphabetically, and
//! makes up a random `UID` and the clock's `DTSTAMP` when one is missing.

use chrono::{DateTime, Local, LocalResult, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};

use crate::config::Config;
use crate::domain::{Post, Status};

/// The longest content line RFC 5545 allows, in octets, without its CRLF.
const MAX_LINE: usize = 75;

/// The calendar for `posts`, with local times converted through the system's zone.
pub fn render(
    posts: &[&Post],
    config: &Config,
    now: NaiveDateTime,
    warnings: &mut Vec<String>,
) -> String {
    render_in(posts, config, now, &Local, warnings)
}

/// The calendar for `posts`, with local times read in `zone`. `now` (local) is the
/// `DTSTAMP` of every event, so an export made at a fixed time is repeatable.
pub fn render_in<Tz: TimeZone>(
    posts: &[&Post],
    config: &Config,
    now: NaiveDateTime,
    zone: &Tz,
    warnings: &mut Vec<String>,
) -> String {
    let mut out = String::with_capacity(256 + posts.len() * 400);
    let stamp = utc_stamp(to_utc(zone, now).0);
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(
        &mut out,
        &format!("PRODID:-//mixcal//mixcal {}//EN", env!("CARGO_PKG_VERSION")),
    );
    line(&mut out, "CALSCALE:GREGORIAN");
    for post in posts {
        event(&mut out, post, config, &stamp, zone, warnings);
    }
    line(&mut out, "END:VCALENDAR");
    out
}

fn event<Tz: TimeZone>(
    out: &mut String,
    post: &Post,
    config: &Config,
    stamp: &str,
    zone: &Tz,
    warnings: &mut Vec<String>,
) {
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{}@mixcal", escape(&post.id)));
    line(out, &format!("DTSTAMP:{stamp}"));
    match post.time {
        Some(time) => {
            let local = post.date.and_time(time);
            let (utc, shift) = to_utc(zone, local);
            if let Some(shift) = shift {
                warnings.push(shift.warning(post, utc.with_timezone(zone).naive_local()));
            }
            line(out, &format!("DTSTART:{}", utc_stamp(utc)));
            line(out, &format!("DURATION:{}", duration(config.minutes(post))));
        }
        None => line(
            out,
            &format!("DTSTART;VALUE=DATE:{}", post.date.format("%Y%m%d")),
        ),
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

/// An RFC 5545 duration: `PT15M`, `PT1H30M`, `PT2H`; `PT0S` for none.
fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, 0) => "PT0S".to_string(),
        (0, m) => format!("PT{m}M"),
        (h, 0) => format!("PT{h}H"),
        (h, m) => format!("PT{h}H{m}M"),
    }
}

fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A local time that the zone skips or repeats on the day the clocks change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shift {
    /// The clocks went forward over it; it is written at the time it would be.
    Skipped,
    /// The clocks went back over it; it is written at its first occurrence.
    Repeated,
}

impl Shift {
    fn warning(self, post: &Post, shown: NaiveDateTime) -> String {
        let what = super::describe(post);
        match self {
            Shift::Skipped => format!(
                "{what}: that time does not exist in the local time zone (the clocks go forward); exported at {}",
                shown.format("%H:%M")
            ),
            Shift::Repeated => format!(
                "{what}: that time happens twice in the local time zone (the clocks go back); exported at the first"
            ),
        }
    }
}

/// A local wall-clock time as UTC in `zone`, and whether the zone skips or repeats it.
fn to_utc<Tz: TimeZone>(zone: &Tz, local: NaiveDateTime) -> (DateTime<Utc>, Option<Shift>) {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => (t.with_timezone(&Utc), None),
        LocalResult::Ambiguous(first, _) => (first.with_timezone(&Utc), Some(Shift::Repeated)),
        LocalResult::None => {
            // In a gap: read the time with the offset in force before the clocks
            // moved, which lands as far past the gap as the time was into it.
            let before = local
                .checked_sub_signed(TimeDelta::days(1))
                .map_or(0, |earlier| {
                    zone.offset_from_utc_datetime(&earlier)
                        .fix()
                        .local_minus_utc()
                });
            let utc = local
                .checked_sub_signed(TimeDelta::seconds(i64::from(before)))
                .unwrap_or(local);
            (Utc.from_utc_datetime(&utc), Some(Shift::Skipped))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, NaiveDate, NaiveTime};
    use icalendar::parser::{read_calendar, unfold};

    fn config() -> Config {
        Config::builtin().unwrap()
    }

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(14, 5, 0)
            .unwrap()
    }

    /// One hour east of UTC, all year: 09:30 local is 08:30Z.
    fn cet() -> FixedOffset {
        FixedOffset::east_opt(3600).unwrap()
    }

    fn post(id: &str, date: &str, time: Option<&str>, category: &str, title: &str) -> Post {
        let mut p = Post::new(
            NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            category,
            title,
        );
        p.id = id.to_string();
        p.time = time.map(|t| NaiveTime::parse_from_str(t, "%H:%M").unwrap());
        p
    }

    fn ics(posts: &[Post]) -> String {
        let refs: Vec<&Post> = posts.iter().collect();
        render_in(&refs, &config(), now(), &cet(), &mut Vec::new())
    }

    fn physical_lines(text: &str) -> Vec<&str> {
        text.strip_suffix("\r\n").unwrap().split("\r\n").collect()
    }

    #[test]
    fn a_week_is_written_event_by_event() {
        let mut timed = post(
            "a1",
            "2026-11-23",
            Some("09:30"),
            "everyday",
            "Packing orders",
        );
        timed.channel = Some("instagram".into());
        timed.notes = Some("photo of the workbench".into());
        timed.link = Some("https://example.com/x".into());
        let mut idea = post("b2", "2026-11-24", None, "business", "New offer");
        idea.status = Status::Idea;
        idea.minutes = Some(90);
        let text = ics(&[timed, idea]);
        let shown = text
            .replace("\r\n", "\n")
            .replace(env!("CARGO_PKG_VERSION"), "<version>");
        insta::assert_snapshot!(shown, @r"
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//mixcal//mixcal <version>//EN
        CALSCALE:GREGORIAN
        BEGIN:VEVENT
        UID:a1@mixcal
        DTSTAMP:20261120T130500Z
        DTSTART:20261123T083000Z
        DURATION:PT15M
        SUMMARY:Packing orders
        CATEGORIES:Everyday
        DESCRIPTION:photo of the workbench\n\nhttps://example.com/x
        COLOR:green
        TRANSP:TRANSPARENT
        X-MIXCAL-CHANNEL:instagram
        END:VEVENT
        BEGIN:VEVENT
        UID:b2@mixcal
        DTSTAMP:20261120T130500Z
        DTSTART;VALUE=DATE:20261124
        SUMMARY:New offer
        CATEGORIES:Business
        COLOR:blue
        STATUS:TENTATIVE
        TRANSP:TRANSPARENT
        END:VEVENT
        END:VCALENDAR
        ");
    }

    #[test]
    fn every_line_ends_in_crlf() {
        let mut p = post("a", "2026-11-23", Some("09:00"), "everyday", "t");
        p.notes = Some("one\ntwo\r\nthree\rfour".into());
        let text = ics(&[p]);
        assert!(text.ends_with("\r\n"));
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
        assert_eq!(text.matches('\r').count(), text.matches("\r\n").count());
    }

    #[test]
    fn text_escapes_backslash_semicolon_comma_and_line_breaks() {
        let mut p = post("a", "2026-11-23", None, "everyday", "Sale; 10%, today\\now");
        p.notes = Some("one\ntwo\r\nthree\rfour\ttab\u{7}bell".into());
        let text = ics(&[p]);
        assert!(
            text.contains("\r\nSUMMARY:Sale\\; 10%\\, today\\\\now\r\n"),
            "{text}"
        );
        assert!(
            text.contains("\r\nDESCRIPTION:one\\ntwo\\nthree\\nfour\ttabbell\r\n"),
            "{text}"
        );
    }

    #[test]
    fn a_category_name_with_a_comma_stays_one_category() {
        let config = Config::from_layers(&[
            ("<built-in config>", crate::config::DEFAULT_TOML),
            (
                "user.toml",
                "[categories.everyday]\nname = \"Tips, tricks\"\n",
            ),
        ])
        .unwrap();
        let p = post("a", "2026-11-23", None, "everyday", "t");
        let text = render_in(&[&p], &config, now(), &cet(), &mut Vec::new());
        assert!(text.contains("\r\nCATEGORIES:Tips\\, tricks\r\n"), "{text}");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        // "SUMMARY:" is 8 octets, then 66 ASCII letters: the 75th octet would be
        // the first half of "é", so the fold comes before it.
        let title = format!("{}é{}", "a".repeat(66), "€".repeat(40));
        let text = ics(&[post("a", "2026-11-23", None, "everyday", &title)]);
        let lines = physical_lines(&text);
        let at = lines
            .iter()
            .position(|l| l.starts_with("SUMMARY:"))
            .unwrap();
        assert_eq!(lines[at], format!("SUMMARY:{}", "a".repeat(66)));
        assert_eq!(lines[at].len(), 74);
        // A continuation line is a space and at most 74 octets: 24 three-octet
        // euro signs fill 72, a 25th would make 76.
        assert_eq!(lines[at + 1], format!(" é{}", "€".repeat(24)));
        assert_eq!(lines[at + 2], format!(" {}", "€".repeat(16)));
        assert!(lines[at + 3].starts_with("CATEGORIES:"));
        for l in &lines {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
    }

    #[test]
    fn a_line_of_exactly_75_octets_is_not_folded() {
        let title = "a".repeat(75 - "SUMMARY:".len());
        let text = ics(&[post("a", "2026-11-23", None, "everyday", &title)]);
        assert!(text.contains(&format!("\r\nSUMMARY:{title}\r\nCATEGORIES:")));
        let longer = format!("{title}b");
        let text = ics(&[post("a", "2026-11-23", None, "everyday", &longer)]);
        assert!(text.contains(&format!("\r\nSUMMARY:{title}\r\n b\r\nCATEGORIES:")));
    }

    #[test]
    fn a_parser_reads_back_every_field() {
        let title = "Behind the scenes: 漢字, \"quotes\"; emoji 🎉 and a title long enough to need folding twice over, surely";
        let mut p = post("k3f9a2", "2026-11-23", Some("18:45"), "partner", title);
        p.notes = Some("line one\nline two, with; punctuation \\ and ü".into());
        p.link = Some("https://example.com/a?b=c,d".into());
        p.channel = Some("insta, gram".into());
        p.minutes = Some(75);
        p.status = Status::Idea;
        let untimed = post("x", "2026-11-24", None, "contest", "Giveaway");
        let text = ics(&[p.clone(), untimed]);

        let unfolded = unfold(&text);
        let calendar = read_calendar(&unfolded).expect("a valid iCalendar file");
        assert_eq!(calendar.components.len(), 2);
        let event = &calendar.components[0];
        assert_eq!(event.name.as_str(), "VEVENT");
        let value = |name: &str| {
            event
                .find_prop(name)
                .unwrap_or_else(|| panic!("no {name}"))
                .val
                .as_str()
                .to_string()
        };
        assert_eq!(value("UID"), "k3f9a2@mixcal");
        assert_eq!(value("SUMMARY"), title);
        assert_eq!(
            value("DESCRIPTION"),
            "line one\nline two, with; punctuation \\ and ü\n\nhttps://example.com/a?b=c,d"
        );
        assert_eq!(value("DTSTART"), "20261123T174500Z");
        assert_eq!(value("DURATION"), "PT1H15M");
        assert_eq!(value("CATEGORIES"), "Partner");
        assert_eq!(value("COLOR"), "magenta");
        assert_eq!(value("STATUS"), "TENTATIVE");
        assert_eq!(value("X-MIXCAL-CHANNEL"), "insta, gram");
        assert_eq!(value("DTSTAMP"), "20261120T130500Z");

        let all_day = &calendar.components[1];
        let start = all_day.find_prop("DTSTART").unwrap();
        assert_eq!(start.val.as_str(), "20261124");
        assert_eq!(start.params[0].key.as_str(), "VALUE");
        assert_eq!(start.params[0].val.as_ref().unwrap().as_str(), "DATE");
        assert!(all_day.find_prop("DURATION").is_none());
    }

    #[test]
    fn the_uid_comes_from_the_post_id_and_never_changes() {
        let p = post("k3f9a2", "2026-11-23", Some("09:00"), "everyday", "t");
        let mut moved = p.clone();
        moved.date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        moved.title = "renamed".into();
        let uid = |text: &str| {
            physical_lines(text)
                .into_iter()
                .find(|l| l.starts_with("UID:"))
                .unwrap()
                .to_string()
        };
        assert_eq!(uid(&ics(&[p])), "UID:k3f9a2@mixcal");
        assert_eq!(uid(&ics(&[moved])), "UID:k3f9a2@mixcal");
    }

    #[test]
    fn duration_is_the_posts_minutes_else_its_categorys() {
        let own = {
            let mut p = post("a", "2026-11-23", Some("09:00"), "contest", "t");
            p.minutes = Some(120);
            p
        };
        let default = post("b", "2026-11-23", Some("10:00"), "contest", "t");
        let none = {
            let mut p = post("c", "2026-11-23", Some("11:00"), "contest", "t");
            p.minutes = Some(0);
            p
        };
        let text = ics(&[own, default, none]);
        let durations: Vec<&str> = physical_lines(&text)
            .into_iter()
            .filter(|l| l.starts_with("DURATION:"))
            .collect();
        assert_eq!(
            durations,
            ["DURATION:PT2H", "DURATION:PT45M", "DURATION:PT0S"]
        );
    }

    #[test]
    fn the_same_posts_at_the_same_moment_give_the_same_bytes() {
        let posts = [post("a", "2026-11-23", Some("09:00"), "everyday", "t")];
        assert_eq!(ics(&posts), ics(&posts));
    }

    /// A zone whose clocks jump from 02:00 to 03:00 on 2026-03-29 and back from
    /// 03:00 to 02:00 on 2026-10-25, like central Europe.
    #[derive(Debug, Clone, Copy)]
    struct Europe;

    impl Europe {
        fn summer(utc: &NaiveDateTime) -> bool {
            let start = NaiveDate::from_ymd_opt(2026, 3, 29)
                .unwrap()
                .and_hms_opt(1, 0, 0)
                .unwrap();
            let end = NaiveDate::from_ymd_opt(2026, 10, 25)
                .unwrap()
                .and_hms_opt(1, 0, 0)
                .unwrap();
            *utc >= start && *utc < end
        }
    }

    impl TimeZone for Europe {
        type Offset = FixedOffset;
        fn from_offset(_: &FixedOffset) -> Europe {
            Europe
        }
        fn offset_from_local_date(&self, _: &NaiveDate) -> LocalResult<FixedOffset> {
            unimplemented!("not needed")
        }
        fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<FixedOffset> {
            let winter = FixedOffset::east_opt(3600).unwrap();
            let summer = FixedOffset::east_opt(7200).unwrap();
            let candidates: Vec<FixedOffset> = [winter, summer]
                .into_iter()
                .filter(|o| {
                    let utc = *local - TimeDelta::seconds(i64::from(o.local_minus_utc()));
                    (o == &summer) == Europe::summer(&utc)
                })
                .collect();
            match candidates[..] {
                [one] => LocalResult::Single(one),
                [a, b] => LocalResult::Ambiguous(b, a),
                _ => LocalResult::None,
            }
        }
        fn offset_from_utc_date(&self, _: &NaiveDate) -> FixedOffset {
            unimplemented!("not needed")
        }
        fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> FixedOffset {
            FixedOffset::east_opt(if Europe::summer(utc) { 7200 } else { 3600 }).unwrap()
        }
    }

    fn dtstart_in_europe(date: &str, time: &str) -> (String, Vec<String>) {
        let p = post("a", date, Some(time), "everyday", "t");
        let mut warnings = Vec::new();
        let text = render_in(&[&p], &config(), now(), &Europe, &mut warnings);
        let start = physical_lines(&text)
            .into_iter()
            .find(|l| l.starts_with("DTSTART"))
            .unwrap()
            .to_string();
        (start, warnings)
    }

    #[test]
    fn summer_and_winter_times_convert_with_the_offset_of_their_day() {
        assert_eq!(
            dtstart_in_europe("2026-07-01", "09:00").0,
            "DTSTART:20260701T070000Z"
        );
        assert_eq!(
            dtstart_in_europe("2026-12-01", "09:00").0,
            "DTSTART:20261201T080000Z"
        );
    }

    #[test]
    fn a_time_the_clocks_skip_is_written_an_hour_later_with_a_warning() {
        let (start, warnings) = dtstart_in_europe("2026-03-29", "02:30");
        // 02:30 at the winter offset is 01:30Z, which the clocks show as 03:30.
        assert_eq!(start, "DTSTART:20260329T013000Z");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].contains("does not exist in the local time zone"),
            "{warnings:?}"
        );
        assert!(warnings[0].ends_with("exported at 03:30"), "{warnings:?}");
    }

    #[test]
    fn a_time_the_clocks_repeat_is_written_at_its_first_occurrence() {
        let (start, warnings) = dtstart_in_europe("2026-10-25", "02:30");
        // The first 02:30 is still summer time: 00:30Z.
        assert_eq!(start, "DTSTART:20261025T003000Z");
        assert!(warnings[0].contains("happens twice"), "{warnings:?}");
    }
}
