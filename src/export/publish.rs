//! What every publishing tool's bulk upload has in common: only planned posts go
//! out unless the user asks for others, every post needs a time, and the tools
//! refuse or mangle posts that are too soon, repeated, in the same minute on one
//! channel, timed to the second, longer than the network allows, or (on
//! Instagram) without an image. Each is a warning naming the posts; the file is
//! still written.

use std::collections::HashMap;

use chrono::{NaiveDateTime, TimeDelta, Timelike};

use super::{Job, count, list_posts};
use crate::domain::{Dated, Post, Status};

/// One tool's rules for its bulk upload.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rules {
    /// The tool's name in messages: `Hootsuite`.
    pub(crate) tool: &'static str,
    /// The most rows one upload takes.
    pub(crate) max_rows: Option<usize>,
    /// How far apart the tool wants posts of one channel, in minutes.
    pub(crate) min_gap: Option<i64>,
    /// Whether the layout has a column for media links.
    pub(crate) media: bool,
}

/// How far ahead a post must be for any tool to schedule it, in minutes.
pub(crate) const LEAD_MINUTES: i64 = 10;

/// The planned posts of `posts`, with a warning counting the others.
pub(crate) fn planned_only<'a>(posts: &[Dated<'a>], warnings: &mut Vec<String>) -> Vec<Dated<'a>> {
    let (planned, other): (Vec<Dated>, Vec<Dated>) = posts
        .iter()
        .copied()
        .partition(|p| p.status == Status::Planned);
    if !other.is_empty() {
        let of = |s: Status| other.iter().filter(|p| p.status == s).count();
        let mut kinds = Vec::new();
        for (status, one, many) in [
            (Status::Idea, "idea", "ideas"),
            (Status::Published, "published", "published"),
        ] {
            match of(status) {
                0 => {}
                1 => kinds.push(format!("1 {one}")),
                n => kinds.push(format!("{n} {many}")),
            }
        }
        warnings.push(format!(
            "left out {} that {} not planned ({}); to publish them too, export with --status planned,idea",
            count(other.len()),
            if other.len() == 1 { "is" } else { "are" },
            kinds.join(", ")
        ));
    }
    planned
}

/// The posts a publishing layout writes: those with a time, sorted by it; with a
/// warning for each thing the tool will refuse or change.
pub(crate) fn prepare<'a>(
    label: &str,
    rules: &Rules,
    posts: &[Dated<'a>],
    job: &Job,
    warnings: &mut Vec<String>,
) -> Vec<Dated<'a>> {
    let tool = rules.tool;
    let (mut timed, untimed): (Vec<Dated>, Vec<Dated>) =
        posts.iter().copied().partition(|p| p.time.is_some());
    timed.sort_by_key(|p| (p.date, p.time));
    let at = |p: &Dated| p.date.and_time(p.time.unwrap_or_default());
    let warn = |warnings: &mut Vec<String>, what: String, list: &[Dated]| {
        if !list.is_empty() {
            warnings.push(format!("{what}: {}", list_posts(list)));
        }
    };

    warn(
        warnings,
        format!(
            "{} left out: {tool} needs a time for every post",
            count(untimed.len())
        ),
        &untimed,
    );
    if let Some(max) = rules.max_rows
        && timed.len() > max
    {
        warnings.push(format!(
            "{} posts in one file: {tool}'s bulk upload takes at most {max}; export smaller date ranges",
            timed.len()
        ));
    }
    let soon = job.now + TimeDelta::minutes(LEAD_MINUTES);
    let early: Vec<Dated> = timed.iter().copied().filter(|p| at(p) < soon).collect();
    warn(
        warnings,
        format!(
            "{} less than {LEAD_MINUTES} minutes ahead or already past, which {tool} cannot schedule",
            count(early.len())
        ),
        &early,
    );
    let seconds: Vec<Dated> = timed
        .iter()
        .copied()
        .filter(|p| p.time.is_some_and(|t| t.second() != 0))
        .collect();
    warn(
        warnings,
        format!(
            "{} timed to the second; {label} holds minutes, so they go out at the minute",
            count(seconds.len())
        ),
        &seconds,
    );

    // Per channel: posts in the same minute, too close together, repeated text.
    let mut by_channel: HashMap<&str, Vec<Dated>> = HashMap::new();
    for p in &timed {
        by_channel
            .entry(p.channel.as_deref().unwrap_or(""))
            .or_default()
            .push(*p);
    }
    let mut channels: Vec<(&str, Vec<Dated>)> = by_channel.into_iter().collect();
    channels.sort_by_key(|(c, _)| *c);
    let (mut same_minute, mut close, mut repeated) = (Vec::new(), Vec::new(), Vec::new());
    for (_, list) in &channels {
        let minute = |p: Dated| at(&p).with_second(0).unwrap_or_else(|| at(&p));
        for pair in list.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if minute(a) == minute(b) {
                same_minute.push(b);
            } else if let Some(gap) = rules.min_gap
                && at(&b) - at(&a) < TimeDelta::minutes(gap)
            {
                close.push(b);
            }
        }
        let mut seen: HashMap<&str, ()> = HashMap::new();
        for p in list {
            if seen.insert(p.title.trim(), ()).is_some() {
                repeated.push(*p);
            }
        }
    }
    warn(
        warnings,
        format!(
            "{} in the same minute as another post on the same channel",
            count(same_minute.len())
        ),
        &same_minute,
    );
    if let Some(gap) = rules.min_gap {
        warn(
            warnings,
            format!(
                "{} less than {gap} minutes after the one before on the same channel, which {tool} refuses",
                count(close.len())
            ),
            &close,
        );
    }
    warn(
        warnings,
        format!(
            "{} with the same text as an earlier post on the same channel, which networks refuse or hide",
            count(repeated.len())
        ),
        &repeated,
    );

    let mut too_long: Vec<String> = Vec::new();
    for p in &timed {
        let Some(channel) = p.channel.as_deref() else {
            continue;
        };
        let Some(max) = job.config.max_chars(channel) else {
            continue;
        };
        let length = p.title.chars().count();
        if length > max {
            too_long.push(format!(
                "{} ({length} characters; {channel} takes {max})",
                super::describe(p)
            ));
        }
    }
    if !too_long.is_empty() {
        let n = too_long.len();
        too_long.truncate(3);
        let more = if n > 3 {
            format!(", and {} more", n - 3)
        } else {
            String::new()
        };
        warnings.push(format!(
            "{} longer than their channel allows: {}{more}",
            count(n),
            too_long.join(", ")
        ));
    }

    let instagram_bare: Vec<Dated> = timed
        .iter()
        .copied()
        .filter(|p| {
            p.media.is_empty()
                && p.channel
                    .as_deref()
                    .is_some_and(|c| crate::config::channel_key(c) == "instagram")
        })
        .collect();
    warn(
        warnings,
        format!(
            "{} for Instagram without an image or video, which Instagram needs",
            count(instagram_bare.len())
        ),
        &instagram_bare,
    );
    if !rules.media {
        let with_media: Vec<Dated> = timed
            .iter()
            .copied()
            .filter(|p| !p.media.is_empty())
            .collect();
        warn(
            warnings,
            format!(
                "the media of {} are not in this file: {label} has no column for them; add them in {tool}",
                count(with_media.len())
            ),
            &with_media,
        );
    }
    timed
}

/// A post's media split by kind, as the tools with one column per kind want
/// them: images, GIFs and videos (by the link's file extension).
pub(crate) fn media_by_kind(post: &Post) -> (Vec<&str>, Vec<&str>, Vec<&str>) {
    let (mut images, mut gifs, mut videos) = (Vec::new(), Vec::new(), Vec::new());
    for url in &post.media {
        let path = url.split(['?', '#']).next().unwrap_or(url).to_lowercase();
        let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
        match ext {
            "gif" => gifs.push(url.as_str()),
            "mp4" | "mov" | "m4v" | "webm" | "avi" | "mkv" => videos.push(url.as_str()),
            _ => images.push(url.as_str()),
        }
    }
    (images, gifs, videos)
}

/// Warns about posts whose media mix images, GIFs and videos, which the tools
/// with one column per kind refuse.
pub(crate) fn warn_mixed_media(tool: &str, posts: &[Dated], warnings: &mut Vec<String>) {
    let mixed: Vec<Dated> = posts
        .iter()
        .copied()
        .filter(|p| {
            let (i, g, v) = media_by_kind(p);
            [i.is_empty(), g.is_empty(), v.is_empty()]
                .iter()
                .filter(|empty| !**empty)
                .count()
                > 1
        })
        .collect();
    if !mixed.is_empty() {
        warnings.push(format!(
            "{} mix images, GIFs and videos, which {tool} refuses in one post: {}",
            count(mixed.len()),
            list_posts(&mixed)
        ));
    }
}

/// A CSV table in memory: an optional header, then one row a post.
pub(crate) fn table(header: Option<&[&str]>, rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail.
    if let Some(header) = header {
        out.write_record(header)
            .expect("writing CSV to memory cannot fail");
    }
    for row in rows {
        out.write_record(row)
            .expect("writing CSV to memory cannot fail");
    }
    out.into_inner().expect("writing CSV to memory cannot fail")
}

/// A post's moment as one value.
pub(crate) fn moment(post: &Dated) -> NaiveDateTime {
    post.date.and_time(post.time.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime};

    use super::*;
    use crate::config::Config;
    use crate::domain::Schedule;
    use crate::domain::fields::DateOrder;
    use crate::export::{Format, Origin, render, select};

    fn post(id: &str, date: &str, time: Option<&str>, channel: &str, title: &str) -> Post {
        let mut p = Post::new(
            NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            "everyday",
            title,
        );
        p.id = id.to_string();
        p.time = time.map(|t| NaiveTime::parse_from_str(t, "%H:%M:%S").unwrap());
        p.channel = (!channel.is_empty()).then(|| channel.to_string());
        p
    }

    /// The posts as the schedule an export selects from.
    fn schedule(posts: &[Post]) -> Schedule {
        let mut schedule = Schedule::new();
        for p in posts {
            schedule.insert(p.clone());
        }
        schedule
    }

    /// Exports `posts` in `format` at noon on Monday 23 November 2026.
    fn export(format: Format, posts: &[Post]) -> (String, Vec<String>) {
        let config = Config::builtin().unwrap();
        let zone = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
        let job = Job {
            config: &config,
            zone: &zone,
            now: NaiveDate::from_ymd_opt(2026, 11, 23)
                .unwrap()
                .and_hms_opt(12, 0, 0)
                .unwrap(),
            statuses: None,
            origin: Origin::default(),
            utc: false,
            date_order: DateOrder::Mdy,
        };
        let schedule = schedule(posts);
        let r = render(format, &select(&schedule, None, None), &job);
        (String::from_utf8(r.bytes).unwrap(), r.warnings)
    }

    /// `n` posts at the same time, each on a channel of its own.
    fn many(n: usize) -> Vec<Post> {
        (0..n)
            .map(|i| {
                let (id, channel, title) = (format!("p{i}"), format!("c{i}"), format!("t{i}"));
                post(&id, "2026-12-01", Some("09:00:00"), &channel, &title)
            })
            .collect()
    }

    fn warned(warnings: &[String], start: &str) -> bool {
        warnings.iter().any(|w| w.starts_with(start))
    }

    #[test]
    fn only_planned_posts_go_out_and_the_rest_are_counted() {
        let mut idea = post("i", "2026-11-24", Some("10:00:00"), "", "idea");
        idea.status = Status::Idea;
        let mut done = post("d", "2026-11-24", Some("11:00:00"), "", "done");
        done.status = Status::Published;
        let planned = post("p", "2026-11-24", Some("12:00:00"), "", "planned");
        let (text, warnings) = export(Format::Sprout, &[idea, done, planned]);
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(text.contains(",planned,"), "{text}");
        assert_eq!(
            warnings[0],
            "left out 2 posts that are not planned (1 idea, 1 published); to publish them too, export with --status planned,idea"
        );
    }

    #[test]
    fn posts_too_soon_are_warned_about() {
        let soon = post("s", "2026-11-23", Some("12:09:00"), "", "soon");
        let fine = post("f", "2026-11-23", Some("12:10:00"), "", "fine");
        let (_, warnings) = export(Format::Socialbee, &[soon, fine]);
        let w = warnings
            .iter()
            .find(|w| w.contains("10 minutes ahead"))
            .unwrap();
        assert!(w.starts_with("1 post less than 10 minutes ahead"), "{w}");
        assert!(w.contains("(s)") && !w.contains("(f)"), "{w}");
    }

    #[test]
    fn repeated_text_same_minute_and_seconds_are_warned_about() {
        let a = post("a", "2026-11-24", Some("10:00:00"), "x", "Sale today");
        let b = post("b", "2026-11-24", Some("10:00:30"), "x", "Sale today");
        let other_channel = post(
            "c",
            "2026-11-24",
            Some("10:00:00"),
            "facebook",
            "Sale today",
        );
        let (_, warnings) = export(Format::Publer, &[a, b, other_channel]);
        assert!(
            warned(&warnings, "1 post timed to the second"),
            "{warnings:?}"
        );
        assert!(
            warned(
                &warnings,
                "1 post in the same minute as another post on the same channel: Tue 24 Nov 2026 10:00 “Sale today” (b)"
            ),
            "{warnings:?}"
        );
        assert!(
            warned(
                &warnings,
                "1 post with the same text as an earlier post on the same channel"
            ),
            "{warnings:?}"
        );
    }

    #[test]
    fn text_over_the_channels_limit_is_warned_about() {
        let long = post("l", "2026-11-24", Some("10:00:00"), "X", &"a".repeat(281));
        let fits = post(
            "f",
            "2026-11-24",
            Some("11:00:00"),
            "twitter",
            &"a".repeat(280),
        );
        let gbp = post(
            "g",
            "2026-11-24",
            Some("12:00:00"),
            "Google Business",
            &"é".repeat(1501),
        );
        let (_, warnings) = export(Format::Highlevel, &[long, fits, gbp]);
        let w = warnings.iter().find(|w| w.contains("longer than")).unwrap();
        assert!(
            w.starts_with("2 posts longer than their channel allows"),
            "{w}"
        );
        assert!(w.contains("(l) (281 characters; X takes 280)"), "{w}");
        assert!(
            w.contains("(1501 characters; Google Business takes 1500)"),
            "{w}"
        );
    }

    #[test]
    fn a_channel_limit_comes_from_the_config() {
        let config = Config::from_layers(&[
            (crate::config::BUILTIN_NAME, crate::config::DEFAULT_TOML),
            (
                "user.toml",
                "[channels.mastodon]\nmax_chars = 500\n[channels.X]\nmax_chars = 25000\n",
            ),
        ])
        .unwrap();
        assert_eq!(config.max_chars("Mastodon"), Some(500));
        assert_eq!(config.max_chars("x"), Some(25000));
        assert_eq!(config.max_chars("instagram"), Some(2200));
        assert_eq!(config.max_chars("linkedin"), Some(3000));
        assert_eq!(config.max_chars("facebook"), Some(63206));
        assert_eq!(config.max_chars("google-business"), Some(1500));
        assert_eq!(config.max_chars("tiktok"), None);
    }

    #[test]
    fn instagram_posts_without_media_are_warned_about() {
        let bare = post("b", "2026-11-24", Some("10:00:00"), "Instagram", "no photo");
        let mut pictured = post("p", "2026-11-24", Some("11:00:00"), "instagram", "photo");
        pictured.media = vec!["https://example.com/a.jpg".into()];
        let (text, warnings) = export(Format::Sprout, &[bare, pictured]);
        let w = warnings.iter().find(|w| w.contains("Instagram")).unwrap();
        assert!(
            w.starts_with("1 post for Instagram without an image or video"),
            "{w}"
        );
        assert!(w.contains("(b)") && !w.contains("(p)"), "{w}");
        assert!(text.contains(",https://example.com/a.jpg\n"), "{text}");
    }

    #[test]
    fn sprout_wants_posts_ten_minutes_apart_and_at_most_350() {
        let a = post("a", "2026-11-24", Some("10:00:00"), "x", "one");
        let b = post("b", "2026-11-24", Some("10:05:00"), "x", "two");
        let (text, warnings) = export(Format::Sprout, &[a, b]);
        assert_eq!(
            text,
            "date,time_24hr,message_text,link,image_url\n11/24/2026,10:00,one,,\n11/24/2026,10:05,two,,\n"
        );
        assert!(
            warned(
                &warnings,
                "1 post less than 10 minutes after the one before on the same channel, which Sprout Social refuses"
            ),
            "{warnings:?}"
        );
        let (_, warnings) = export(Format::Sprout, &many(351));
        assert!(
            warned(
                &warnings,
                "351 posts in one file: Sprout Social's bulk upload takes at most 350"
            ),
            "{warnings:?}"
        );
    }

    #[test]
    fn highlevel_takes_90_rows_with_seconds_and_media_by_kind() {
        let mut p = post("a", "2026-11-24", Some("10:00:00"), "", "Hello, world");
        p.link = Some("https://example.com".into());
        p.media = vec![
            "https://example.com/a.jpg".into(),
            "https://example.com/b.png?x=1".into(),
        ];
        let (text, _) = export(Format::Highlevel, &[p]);
        assert_eq!(
            text,
            "postAtSpecificTime,content,link,imageUrls,gifUrl,videoUrls\n\
             2026-11-24 10:00:00,\"Hello, world\",https://example.com,\"https://example.com/a.jpg, https://example.com/b.png?x=1\",,\n"
        );
        let (_, warnings) = export(Format::Highlevel, &many(91));
        assert!(
            warned(
                &warnings,
                "91 posts in one file: HighLevel's bulk upload takes at most 90"
            ),
            "{warnings:?}"
        );
    }

    #[test]
    fn socialbee_and_publer_write_their_templates() {
        let mut p = post("a", "2026-11-24", Some("10:00:00"), "", "Hi");
        p.media = vec![
            "https://example.com/a.gif".into(),
            "https://example.com/b.mp4".into(),
        ];
        let (text, warnings) = export(Format::Socialbee, std::slice::from_ref(&p));
        assert_eq!(
            text,
            "text,link,imageUrls,gifUrls,videoUrls,postAtSpecificTime\nHi,,,https://example.com/a.gif,https://example.com/b.mp4,2026-11-24 10:00\n"
        );
        assert!(
            warned(&warnings, "1 post mix images, GIFs and videos"),
            "{warnings:?}"
        );
        let (text, _) = export(Format::Publer, &[p]);
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some(
                "Date,Text,Link(s),Media URL(s),Title,Label(s),Alt text(s),Comment(s),\"Pin board, FB album, or Google category\",Post subtype,CTA,Reminder"
            )
        );
        assert_eq!(
            lines.next(),
            Some(
                "2026-11-24 10:00,Hi,,\"https://example.com/a.gif,https://example.com/b.mp4\",,,,,,,,"
            )
        );
    }

    #[test]
    fn media_a_layout_cannot_hold_are_warned_about() {
        let mut p = post("a", "2026-11-24", Some("10:00:00"), "", "Hi");
        p.media = vec!["https://example.com/a.jpg".into()];
        let (_, warnings) = export(Format::Hootsuite, &[p]);
        assert!(
            warned(
                &warnings,
                "the media of 1 post are not in this file: Hootsuite CSV has no column for them"
            ),
            "{warnings:?}"
        );
    }

    #[test]
    fn sprout_dates_follow_the_import_setting() {
        let p = post("a", "2026-11-24", Some("10:00:00"), "", "Hi");
        let config = Config::builtin().unwrap();
        let zone = jiff::tz::TimeZone::UTC;
        let job = Job {
            config: &config,
            zone: &zone,
            now: NaiveDate::from_ymd_opt(2026, 1, 1)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap(),
            statuses: None,
            origin: Origin::default(),
            utc: false,
            date_order: DateOrder::Dmy,
        };
        let schedule = schedule(&[p]);
        let r = render(Format::Sprout, &select(&schedule, None, None), &job);
        assert!(
            String::from_utf8(r.bytes)
                .unwrap()
                .contains("\n24/11/2026,10:00,Hi,,\n")
        );
    }
}
