//! Hootsuite's bulk composer CSV: no header, one post a row as
//! `MM/DD/YYYY HH:MM` (24-hour), the message (the post's title) and an optional
//! URL (its link); UTF-8, sorted by time.
//!
//! What the uploader would refuse is said in warnings, not errors, so the owner
//! still gets the file and can fix the posts: more than 350 rows, times off the
//! five-minute mark, times in the past, several channels in one file. Posts
//! without a time cannot be written in this layout at all and are left out.

use chrono::{NaiveDateTime, Timelike};

use super::list_posts;
use crate::domain::Post;

/// The most rows the bulk composer takes from one file.
pub const MAX_ROWS: usize = 350;

/// The file's bytes and how many posts it holds (those with a time).
pub fn render(posts: &[&Post], now: NaiveDateTime, warnings: &mut Vec<String>) -> (Vec<u8>, usize) {
    let (mut timed, untimed): (Vec<&Post>, Vec<&Post>) =
        posts.iter().copied().partition(|p| p.time.is_some());
    timed.sort_by_key(|p| (p.date, p.time));

    if !untimed.is_empty() {
        warnings.push(format!(
            "{} left out: Hootsuite needs a time for every post: {}",
            count(untimed.len()),
            list_posts(&untimed)
        ));
    }
    if timed.len() > MAX_ROWS {
        warnings.push(format!(
            "{} posts in one file: Hootsuite's bulk composer takes at most {MAX_ROWS}; export smaller date ranges",
            timed.len()
        ));
    }
    let off_mark: Vec<&Post> = timed
        .iter()
        .copied()
        .filter(|p| p.time.is_some_and(|t| t.minute() % 5 != 0))
        .collect();
    if !off_mark.is_empty() {
        warnings.push(format!(
            "{} not on a five-minute mark (:00, :05, :10, ...), which Hootsuite refuses: {}",
            count(off_mark.len()),
            list_posts(&off_mark)
        ));
    }
    let past: Vec<&Post> = timed
        .iter()
        .copied()
        .filter(|p| p.time.is_some_and(|t| p.date.and_time(t) < now))
        .collect();
    if !past.is_empty() {
        warnings.push(format!(
            "{} in the past, which Hootsuite cannot schedule: {}",
            count(past.len()),
            list_posts(&past)
        ));
    }
    let mut channels: Vec<&str> = timed.iter().filter_map(|p| p.channel.as_deref()).collect();
    channels.sort_unstable();
    channels.dedup();
    if channels.len() > 1 {
        warnings.push(format!(
            "posts for {} channels ({}) in one file: Hootsuite wants one file per profile; export each with --channel NAME",
            channels.len(),
            channels.join(", ")
        ));
    }

    let mut out = csv::Writer::from_writer(Vec::new());
    for post in &timed {
        let when = post.time.map(|t| post.date.and_time(t)).unwrap_or_default();
        let row = [
            when.format("%m/%d/%Y %H:%M").to_string(),
            post.title.clone(),
            post.link.clone().unwrap_or_default(),
        ];
        out.write_record(row)
            .expect("writing CSV to memory cannot fail");
    }
    let bytes = out.into_inner().expect("writing CSV to memory cannot fail");
    (bytes, timed.len())
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 post".to_string()
    } else {
        format!("{n} posts")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveTime};

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap()
    }

    fn post(id: &str, date: &str, time: Option<&str>, title: &str) -> Post {
        let mut p = Post::new(
            NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            "everyday",
            title,
        );
        p.id = id.to_string();
        p.time = time.map(|t| NaiveTime::parse_from_str(t, "%H:%M").unwrap());
        p
    }

    fn hootsuite(posts: &[Post]) -> (String, Vec<String>) {
        let refs: Vec<&Post> = posts.iter().collect();
        let mut warnings = Vec::new();
        let (bytes, _) = render(&refs, now(), &mut warnings);
        (String::from_utf8(bytes).unwrap(), warnings)
    }

    #[test]
    fn rows_are_date_time_message_and_url_without_a_header() {
        let mut a = post("a", "2026-11-24", Some("17:05"), "Tea, cake and \"fun\" 🎉");
        a.link = Some("https://example.com/tea".into());
        let b = post("b", "2026-11-23", Some("09:30"), "Packing orders");
        let (text, warnings) = hootsuite(&[a, b]);
        assert_eq!(
            text,
            "11/23/2026 09:30,Packing orders,\n\
             11/24/2026 17:05,\"Tea, cake and \"\"fun\"\" 🎉\",https://example.com/tea\n"
        );
        assert_eq!(warnings, Vec::<String>::new());
    }

    #[test]
    fn rows_are_sorted_by_date_and_time() {
        let posts = [
            post("c", "2026-12-01", Some("08:00"), "third"),
            post("a", "2026-11-30", Some("23:55"), "second"),
            post("b", "2026-11-30", Some("00:05"), "first"),
        ];
        let (text, _) = hootsuite(&posts);
        let titles: Vec<&str> = text.lines().map(|l| l.split(',').nth(1).unwrap()).collect();
        assert_eq!(titles, ["first", "second", "third"]);
    }

    #[test]
    fn posts_without_a_time_are_left_out_with_a_warning() {
        let posts = [
            post("a", "2026-11-24", None, "Untimed"),
            post("b", "2026-11-24", Some("10:00"), "Timed"),
        ];
        let (text, warnings) = hootsuite(&posts);
        assert_eq!(text, "11/24/2026 10:00,Timed,\n");
        assert_eq!(
            warnings,
            [
                "1 post left out: Hootsuite needs a time for every post: Tue 24 Nov 2026 \u{201c}Untimed\u{201d} (a)"
            ]
        );
    }

    #[test]
    fn times_off_the_five_minute_mark_are_warned_about() {
        let posts = [
            post("a", "2026-11-24", Some("10:07"), "odd"),
            post("b", "2026-11-24", Some("10:15"), "fine"),
        ];
        let (text, warnings) = hootsuite(&posts);
        assert_eq!(text.lines().count(), 2);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("1 post not on a five-minute mark"),
            "{warnings:?}"
        );
        assert!(warnings[0].contains("(a)"), "{warnings:?}");
    }

    #[test]
    fn posts_in_the_past_are_warned_about() {
        let posts = [
            post("old", "2026-11-22", Some("10:00"), "yesterday"),
            post("early", "2026-11-23", Some("07:55"), "earlier today"),
            post("soon", "2026-11-23", Some("08:00"), "now"),
        ];
        let (_, warnings) = hootsuite(&posts);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("2 posts in the past"),
            "{warnings:?}"
        );
        assert!(!warnings[0].contains("(soon)"), "{warnings:?}");
    }

    #[test]
    fn more_than_350_rows_are_warned_about() {
        let many: Vec<Post> = (0..351)
            .map(|i| post(&i.to_string(), "2026-12-01", Some("09:00"), "t"))
            .collect();
        let (text, warnings) = hootsuite(&many);
        assert_eq!(text.lines().count(), 351);
        assert_eq!(
            warnings,
            [
                "351 posts in one file: Hootsuite's bulk composer takes at most 350; export smaller date ranges"
            ]
        );
        let (_, warnings) = hootsuite(&many[..350]);
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn several_channels_in_one_file_are_warned_about() {
        let mut a = post("a", "2026-11-24", Some("10:00"), "a");
        a.channel = Some("instagram".into());
        let mut b = post("b", "2026-11-24", Some("11:00"), "b");
        b.channel = Some("facebook".into());
        let (_, warnings) = hootsuite(&[a, b]);
        assert_eq!(
            warnings,
            [
                "posts for 2 channels (facebook, instagram) in one file: Hootsuite wants one file per profile; export each with --channel NAME"
            ]
        );
    }

    #[test]
    fn a_warning_names_a_few_posts_and_counts_the_rest() {
        let posts: Vec<Post> = (0..5)
            .map(|i| post(&format!("p{i}"), "2026-11-24", None, "t"))
            .collect();
        let (_, warnings) = hootsuite(&posts);
        assert!(warnings[0].starts_with("5 posts left out"), "{warnings:?}");
        assert!(warnings[0].ends_with("(p2), and 2 more"), "{warnings:?}");
    }
}
