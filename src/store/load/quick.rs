//! The fast path for loading: reads a `[[post]]` table written the way mixcal
//! writes it (one `key = value` a line, basic strings, native dates and times)
//! straight into a [`Post`], without building a TOML tree first.
//!
//! It only ever says yes to a table that is valid and whose every value it fully
//! understands; anything else (comments, other quoting, unusual escapes, a
//! mistake of any kind) returns `None`, and the general parser reads the table
//! and reports the problems. So the fast path changes how quickly a file loads,
//! never what it loads or which errors it reports.

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveTime};

use crate::config::Config;
use crate::domain::{Post, Source, Status};

/// A post read by the fast path, with its id as written and the offset of the
/// id's value in the table (where a later duplicate points back to).
pub(super) struct Quick<'a> {
    pub(crate) post: Post,
    pub(crate) id: Option<(Cow<'a, str>, usize)>,
    /// The length of the table's text, up to the next `[[post]]` header.
    pub(crate) len: usize,
}

/// Reads the post table at the start of `text`, up to the next `[[post]]` header,
/// or `None` when the general parser must look at it.
pub(super) fn post<'a>(text: &'a str, config: &Config) -> Option<Quick<'a>> {
    let rest = text.strip_prefix("[[post]]")?;
    let (head, mut rest) = split_line(rest)?;
    if !head.is_empty() {
        return None;
    }
    let mut at = text.len() - rest.len();
    let mut post = Post::new(NaiveDate::MIN, "", "");
    let mut id = None;
    let mut seen = [false; 15];
    while !rest.is_empty() {
        let (line, next) = split_line(rest)?;
        if super::is_post_header(line) {
            break;
        }
        let line_at = at;
        at += rest.len() - next.len();
        rest = next;
        if line.bytes().all(|b| b == b' ' || b == b'\t') {
            continue;
        }
        let eq = memchr::memchr(b'=', line.as_bytes())?;
        let (key, value) = (&line[..eq], &line[eq + 1..]);
        let key = key.trim_matches([' ', '\t']);
        let trimmed = value.trim_start_matches([' ', '\t']);
        let value_at = line_at + line.len() - trimmed.len();
        let value = trimmed.trim_end_matches([' ', '\t']);
        let slot = match key {
            "id" => 0,
            "date" => 1,
            "time" => 2,
            "category" => 3,
            "title" => 4,
            "channel" => 5,
            "notes" => 6,
            "link" => 7,
            "minutes" => 8,
            "status" => 9,
            "media" => 10,
            "partner" => 11,
            "spent" => 12,
            "responses" => 13,
            "from" => 14,
            _ => return None,
        };
        if std::mem::replace(&mut seen[slot], true) {
            return None;
        }
        match slot {
            0 => {
                let trimmed = match basic_string(value)? {
                    Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
                    Cow::Owned(s) => Cow::Owned(s.trim().to_string()),
                };
                if trimmed.is_empty() {
                    return None;
                }
                post.id = trimmed.to_string();
                id = Some((trimmed, value_at));
            }
            1 => post.date = Some(date(value)?),
            2 => post.time = Some(time(value)?),
            3 => {
                let key = basic_string(value)?;
                config.category(&key)?;
                post.category = key.into_owned();
            }
            4 => {
                let title = basic_string(value)?;
                if title.trim().is_empty() {
                    return None;
                }
                post.title = title.into_owned();
            }
            5..=7 => {
                let text = basic_string(value)?;
                let field = match slot {
                    5 => &mut post.channel,
                    6 => &mut post.notes,
                    _ => &mut post.link,
                };
                *field = (!text.is_empty()).then(|| text.into_owned());
            }
            8 => post.minutes = Some(minutes(value)?),
            9 => post.status = Status::parse(&basic_string(value)?)?,
            10 => post.media = media(value)?,
            11 => {
                // A partner is kept trimmed; one written with spaces around it
                // is the general parser's to read.
                let name = basic_string(value)?;
                if crate::domain::fields::partner(&name)? != name {
                    return None;
                }
                post.partner = Some(name.into_owned());
            }
            12 => post.spent = Some(minutes(value)?),
            13 => post.responses = Some(responses(value)?),
            // A post placed from the backlog says so; anything else is the
            // general parser's to read and report.
            _ if basic_string(value)? == "backlog" => post.source = Some(Box::new(Source::Backlog)),
            _ => return None,
        }
    }
    (seen[1] && seen[3] && seen[4]).then_some(Quick { post, id, len: at })
}

/// The first line, without its line ending, and the rest. `None` for a carriage
/// return that does not end a line (TOML allows it only before `\n`).
fn split_line(text: &str) -> Option<(&str, &str)> {
    match memchr::memchr(b'\n', text.as_bytes()) {
        Some(i) => {
            let line = &text[..i];
            Some((line.strip_suffix('\r').unwrap_or(line), &text[i + 1..]))
        }
        None if text.ends_with('\r') => None,
        None => Some((text, "")),
    }
}

/// A TOML basic string (`"..."`) with the escapes mixcal writes; `None` for
/// anything else, including every invalid string.
fn basic_string(value: &str) -> Option<Cow<'_, str>> {
    let inner = value.strip_prefix('"')?.strip_suffix('"')?;
    let plain = |b: u8| b != b'"' && b != b'\\' && (b >= 0x20 || b == b'\t') && b != 0x7f;
    if inner.bytes().all(plain) {
        return Some(Cow::Borrowed(inner));
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(match chars.next()? {
                '"' => '"',
                '\\' => '\\',
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'u' => hex_char(&mut chars, 4)?,
                'U' => hex_char(&mut chars, 8)?,
                _ => return None,
            }),
            c if c.is_ascii() && !plain(c as u8) => return None,
            c => out.push(c),
        }
    }
    Some(Cow::Owned(out))
}

fn hex_char(chars: &mut std::str::Chars, digits: usize) -> Option<char> {
    let mut n = 0u32;
    for _ in 0..digits {
        n = n * 16 + chars.next()?.to_digit(16)?;
    }
    char::from_u32(n)
}

/// Exactly `n` ASCII digits as a number.
fn digits(s: &str, n: usize) -> Option<u32> {
    if s.len() != n || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A native local date, `2026-11-23`, that is a real day mixcal supports.
fn date(value: &str) -> Option<NaiveDate> {
    let (y, rest) = value.split_once('-')?;
    let (m, d) = rest.split_once('-')?;
    NaiveDate::from_ymd_opt(
        i32::try_from(digits(y, 4)?).ok()?,
        digits(m, 2)?,
        digits(d, 2)?,
    )
    .filter(|&d| crate::domain::supported(d))
}

/// A native local time, `09:30:00`, that is a real time of day.
fn time(value: &str) -> Option<NaiveTime> {
    let mut parts = value.split(':');
    let h = digits(parts.next()?, 2)?;
    let m = digits(parts.next()?, 2)?;
    let s = digits(parts.next()?, 2)?;
    if parts.next().is_some() {
        return None;
    }
    NaiveTime::from_hms_opt(h, m, s)
}

/// A one-line list of media links, `["https://…", "https://…"]`, each a valid
/// link without escapes.
fn media(value: &str) -> Option<Vec<String>> {
    let mut rest = value
        .strip_prefix('[')?
        .strip_suffix(']')?
        .trim_matches([' ', '\t']);
    let mut media = Vec::new();
    while !rest.is_empty() {
        let inner = rest.strip_prefix('"')?;
        let end = memchr::memchr2(b'"', b'\\', inner.as_bytes())?;
        if inner.as_bytes()[end] != b'"' {
            return None;
        }
        let url = &inner[..end];
        if crate::domain::fields::media(url).ok()? != url {
            return None;
        }
        media.push(url.to_string());
        rest = inner[end + 1..].trim_start_matches([' ', '\t']);
        match rest.strip_prefix(',') {
            Some(after) => rest = after.trim_start_matches([' ', '\t']),
            None if rest.is_empty() => {}
            None => return None,
        }
    }
    Some(media)
}

/// A plain decimal integer from 0 to 1440 without leading zeros.
fn minutes(value: &str) -> Option<u32> {
    plain_number(value, 4).filter(|&m| m <= crate::domain::fields::MAX_MINUTES)
}

/// A plain decimal integer from 0 to the most responses a post may log,
/// without leading zeros.
fn responses(value: &str) -> Option<u32> {
    plain_number(value, 7).filter(|&n| n <= crate::domain::fields::MAX_RESPONSES)
}

/// A decimal integer of at most `len` digits without leading zeros.
fn plain_number(value: &str, len: usize) -> Option<u32> {
    if value.is_empty() || value.len() > len || (value.len() > 1 && value.starts_with('0')) {
        return None;
    }
    digits(value, value.len())
}

#[cfg(test)]
pub(super) mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::super::{Loader, chunk_end};
    use super::*;
    use crate::domain::Schedule;
    use crate::store::posts_to_toml;

    fn config() -> Config {
        Config::builtin().unwrap()
    }

    /// What the general parser makes of one chunk: the post if the chunk is
    /// valid, and where it registered the post's id.
    fn general(chunk: &str, config: &Config) -> Option<(Post, Option<usize>)> {
        let mut loader = Loader {
            name: "t.toml",
            config,
            text: chunk,
            index: None,
            errors: Vec::new(),
            schedule: Schedule::new(),
            without_id: Vec::new(),
            first_seen: HashMap::default(),
            version_seen: false,
            identifier: None,
            mode: super::super::Mode::default(),
            inline_posts: None,
            tables_seen: false,
            reuses: Vec::new(),
            evergreen: Vec::new(),
            ranks: Vec::new(),
            unread: Vec::new(),
        };
        loader.general_chunk(0, chunk);
        if !loader.errors.is_empty() {
            return None;
        }
        let id_at = loader.first_seen.values().next().copied();
        let mut schedule = loader.schedule;
        schedule.finish_unsorted();
        let post = schedule
            .iter()
            .next()
            .cloned()
            .or_else(|| loader.without_id.pop())?;
        Some((post, id_at))
    }

    /// The canonical table of one post, without the `version` line.
    fn table(post: &Post) -> String {
        posts_to_toml(std::iter::once(post))
            .trim_start_matches("version = 1\n\n")
            .to_string()
    }

    fn awkward() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                any::<char>(),
                prop::sample::select(vec!['"', '\\', '\n', '\r', '\t', '\u{0}', '\u{7f}', '🎉']),
                prop::char::range('a', 'z'),
            ],
            1..20,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    fn any_post() -> impl Strategy<Value = Post> {
        (
            (1900i32..2100, 1u32..13, 1u32..29),
            prop::option::of((0u32..24, 0u32..60, 0u32..60)),
            prop::sample::select(vec!["everyday", "business", "partner", "contest"]),
            awkward().prop_filter("a title has words", |t| !t.trim().is_empty()),
            prop::option::of(awkward()),
            prop::option::of(0u32..=1440),
            prop::sample::select(Status::ALL.to_vec()),
            "[a-z0-9]{1,8}",
            (
                prop::option::of(awkward().prop_filter_map("a partner is trimmed", |p| {
                    crate::domain::fields::partner(&p).map(str::to_string)
                })),
                prop::option::of(0u32..=1440),
                prop::option::of(0u32..=1_000_000),
                prop::bool::ANY,
            ),
        )
            .prop_map(
                |(ymd, hms, category, title, notes, minutes, status, id, logged)| {
                    let mut p = Post::new(
                        NaiveDate::from_ymd_opt(ymd.0, ymd.1, ymd.2).unwrap(),
                        category,
                        &title,
                    );
                    p.id = id;
                    p.time = hms.and_then(|(h, m, s)| NaiveTime::from_hms_opt(h, m, s));
                    p.notes = notes;
                    p.minutes = minutes;
                    p.status = status;
                    let (partner, spent, responses, placed) = logged;
                    (p.partner, p.spent, p.responses) = (partner, spent, responses);
                    if placed {
                        p.source = Some(Box::new(crate::domain::Source::Backlog));
                    }
                    p
                },
            )
    }

    /// Small edits of the kinds a person makes by hand, wanted or not.
    fn edit() -> impl Strategy<Value = (usize, usize, String)> {
        let insert = prop_oneof![
            prop::sample::select(vec![
                "\"",
                "\\",
                "'",
                "#",
                "=",
                " ",
                "\t",
                "\r",
                "\n",
                "\u{0}",
                "\u{7f}",
                "\u{85}",
                "u",
                "U",
                "0",
                "9",
                "-",
                ":",
                ".",
                "T",
                "Z",
                "+",
                "_",
                "é",
                "🎉",
                "[",
                "]",
                "\n[[post]]\n",
                "\n# note\n",
                "\nextra = 1\n",
                "\ntitle = \"again\"\n",
                "\"\"\"",
                "'''",
                "\\u00e9",
                "\\uD800",
                "\\x41",
                "\\e",
            ])
            .prop_map(str::to_string),
            awkward(),
        ];
        (any::<usize>(), 0usize..4, insert)
    }

    /// `text` with each edit (where, how many characters to drop, what to put in)
    /// made in turn.
    pub(in crate::store::load) fn apply(text: &str, edits: &[(usize, usize, String)]) -> String {
        let mut chars: Vec<char> = text.chars().collect();
        for (at, remove, insert) in edits {
            let at = at % (chars.len() + 1);
            let end = (at + remove).min(chars.len());
            chars.splice(at..end, insert.chars());
        }
        chars.into_iter().collect()
    }

    #[test]
    fn a_canonical_table_takes_the_fast_path() {
        let mut p = Post::new(
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            "everyday",
            "Quote \" and \\ and\nnewline \u{7} 🎉",
        );
        p.id = "a1".into();
        p.time = NaiveTime::from_hms_opt(9, 30, 0);
        p.channel = Some("instagram".into());
        p.link = Some("https://example.com".into());
        p.minutes = Some(15);
        p.partner = Some("Café Müller".into());
        p.spent = Some(25);
        p.responses = Some(7);
        let text = table(&p);
        let quick = post(&text, &config()).expect("the fast path reads canonical text");
        assert_eq!(quick.post, p);
        assert_eq!(quick.len, text.len());
    }

    #[test]
    fn the_fast_path_stops_at_the_next_header() {
        let text = "[[post]]\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"a\"\n\n[[post]]\ndate = 2026-11-24\n";
        let quick = post(text, &config()).unwrap();
        assert_eq!(&text[quick.len..], "[[post]]\ndate = 2026-11-24\n");
    }

    #[test]
    fn anything_unusual_is_left_to_the_general_parser() {
        let config = config();
        let base = "[[post]]\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"a\"\n";
        assert!(post(base, &config).is_some());
        for line in [
            "title = \"b\"",
            "notes = 'literal'",
            "notes = \"\"\"\nmulti\"\"\"",
            "minutes = 015",
            "minutes = 1_0",
            "minutes = 1441",
            "spent = 1441",
            "responses = 1000001",
            "responses = -1",
            "responses = 07",
            "partner = \" Café \"",
            "partner = \"\"",
            "time = 09:30",
            "time = 24:00:00",
            "status = \"done\"",
            "notes = \"a\" # comment",
            "notes = \"\\uD800\"",
            "notes = \"\\e\"",
            "notes = \"tab\u{7f}\"",
            "id = \" \"",
            "stauts = \"idea\"",
            "from = \"backlg\"",
            "from = 'backlog'",
            "reuses = \"x\"",
            "[extra]",
        ] {
            let text = format!("{base}{line}\n");
            assert!(post(&text, &config).is_none(), "{line}");
        }
        assert!(post(&base.replace("2026-11-23", "2026-02-30"), &config).is_none());
        assert!(post(&base.replace("everyday", "busines"), &config).is_none());
        assert!(post(&base.replace("\"a\"", "\"  \""), &config).is_none());
    }

    proptest! {
        #[test]
        fn the_fast_path_reads_a_table_as_the_general_parser_does(
            p in any_post(),
            edits in prop::collection::vec(edit(), 0..3),
        ) {
            let config = config();
            let canonical = table(&p);
            prop_assert!(post(&canonical, &config).is_some(), "{}", canonical);
            let text = apply(&canonical, &edits);
            if let Some(quick) = post(&text, &config) {
                let end = chunk_end(&text, 0);
                prop_assert_eq!(quick.len, end, "{:?}", text);
                let slow = general(&text[..end], &config);
                prop_assert!(slow.is_some(), "fast path accepted what the parser rejects: {:?}", text);
                let (slow_post, slow_id_at) = slow.unwrap();
                prop_assert_eq!(&quick.post, &slow_post, "{:?}", text);
                prop_assert_eq!(quick.id.map(|(_, at)| at), slow_id_at, "{:?}", text);
            }
        }
    }
}
