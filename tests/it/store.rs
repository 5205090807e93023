//! Laws of the schedule file, checked on generated schedules: saving and loading
//! gives back the same posts, canonical output is a fixed point, and however a
//! person writes a file (key order, quoting, multi-line notes holding `[[post]]`
//! lines) it loads as the posts it describes.

use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveTime};
use mixcal::testing::config::Config;
use mixcal::testing::domain::{Post, Schedule, Status};
use mixcal::testing::store::{Store, parse, to_toml};
use proptest::prelude::*;

const CATEGORIES: [&str; 4] = ["everyday", "business", "partner", "contest"];

fn config() -> Config {
    Config::builtin().expect("the built-in config")
}

fn load(text: &str) -> Schedule {
    match parse(text, "gen.toml", &config()) {
        Ok(s) => s,
        Err(e) => panic!("{e}\n--- text ---\n{text}"),
    }
}

// ---- generators ----

/// Characters that stress quoting and the chunk splitter, plus any character.
fn awkward_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        2 => prop::sample::select(vec![
            '"', '\'', '\\', '\n', '\r', '\t', '#', '[', ']', '=', ' ', '\u{0}', '\u{7}',
            '\u{1b}', '\u{7f}', '\u{85}', '\u{feff}', '\u{200d}', '\u{2028}', '🎉', '🐶', '漢',
            'é',
        ]),
        2 => prop::char::range('a', 'z'),
    ]
}

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(awkward_char(), 0..max).prop_map(|cs| cs.into_iter().collect())
}

/// Lines a note might hold, several of them looking like TOML that is not.
fn note_line() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "[[post]]",
            "  [[post]]  ",
            "[[ post ]]",
            "[[post]] # not a header",
            "id = \"a\"",
            "date = 2026-11-23",
            "'''",
            "\"\"\"",
            "''",
            "\"\"",
            "\\",
            "# not a comment",
            "",
        ])
        .prop_map(str::to_string),
        text(20),
    ]
}

fn notes() -> impl Strategy<Value = String> {
    prop::collection::vec(note_line(), 1..6).prop_map(|lines| lines.join("\n"))
}

fn optional(s: impl Strategy<Value = String>) -> impl Strategy<Value = Option<String>> {
    prop::option::of(s.prop_filter("empty means absent", |s| !s.is_empty()))
}

fn post() -> impl Strategy<Value = Post> {
    let id = text(10).prop_filter("ids are trimmed and not empty", |s| {
        !s.is_empty() && s.trim() == s
    });
    let date = (1i32..=9999, 1u32..=12, 1u32..=31)
        .prop_filter_map("a real date", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
    let time = prop::option::of(
        (0u32..24, 0u32..60, 0u32..60).prop_map(|(h, m, s)| NaiveTime::from_hms_opt(h, m, s)),
    )
    .prop_map(Option::flatten);
    let title = text(40).prop_filter("a title has words", |s| !s.trim().is_empty());
    let status = prop::sample::select(Status::ALL.to_vec());
    (
        (id, date, time, prop::sample::select(CATEGORIES.to_vec())),
        (
            title,
            optional(text(12)),
            optional(prop_oneof![notes(), text(60)]),
        ),
        (
            optional(text(30)),
            prop::option::of(0u32..=1440),
            status,
            media(),
        ),
        (
            optional(text(20)).prop_map(|p| {
                p.and_then(|p| mixcal::testing::domain::fields::partner(&p).map(str::to_string))
            }),
            prop::option::of(0u32..=1440),
            prop::option::of(0u32..=1_000_000),
        ),
    )
        .prop_map(
            |(
                (id, date, time, category),
                (title, channel, notes),
                (link, minutes, status, media),
                (partner, spent, responses),
            )| Post {
                media,
                partner,
                spent,
                responses,
                id,
                date: Some(date),
                time,
                category: category.to_string(),
                title,
                channel,
                notes,
                link,
                minutes,
                status,
                ..Post::idea("", "")
            },
        )
}

/// Media links, as the schedule takes them.
fn media() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("https://[a-z]{1,8}\\.example/[a-z0-9._%-]{0,12}", 0..3)
}

fn schedule() -> impl Strategy<Value = Schedule> {
    prop::collection::vec(post(), 0..12).prop_map(|posts| {
        let mut s = Schedule::new();
        for p in posts {
            s.insert(p);
        }
        s
    })
}

// ---- writing a file the way a person might ----

/// How one post is written by hand: key order, quoting and comments.
#[derive(Debug, Clone)]
struct Hand {
    order: Vec<usize>,
    choices: Vec<u8>,
}

fn hand() -> impl Strategy<Value = Hand> {
    (
        Just((0..14).collect::<Vec<usize>>()).prop_shuffle(),
        prop::collection::vec(any::<u8>(), 16),
    )
        .prop_map(|(order, choices)| Hand { order, choices })
}

fn is_toml_control(c: char) -> bool {
    c.is_control() && c != '\t'
}

fn basic(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if is_toml_control(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A multi-line basic string that keeps newlines and lone quotes raw, so the
/// splitter sees `"`, `""` and lines like `[[post]]` inside it.
fn multi_basic(s: &str) -> String {
    let mut out = String::from("\"\"\"\n");
    let mut raw_quotes = 0;
    for c in s.chars() {
        match c {
            '"' if raw_quotes < 2 => {
                out.push('"');
                raw_quotes += 1;
                continue;
            }
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push('\n'),
            c if is_toml_control(c) => {
                let _ = write!(out, "\\U{:08X}", c as u32);
            }
            c => out.push(c),
        }
        raw_quotes = 0;
    }
    out.push_str("\"\"\"");
    out
}

fn literal_ok(s: &str) -> bool {
    !s.chars()
        .any(|c| c == '\'' || c == '\n' || is_toml_control(c))
}

fn multi_literal_ok(s: &str) -> bool {
    !s.contains("'''") && !s.chars().any(|c| c != '\n' && is_toml_control(c))
}

fn string_value(s: &str, choice: u8) -> String {
    match choice % 4 {
        1 if literal_ok(s) => format!("'{s}'"),
        2 => multi_basic(s),
        3 if multi_literal_ok(s) => format!("'''\n{s}'''"),
        _ => basic(s),
    }
}

fn write_by_hand(posts: &[(Post, Hand)], with_version: bool) -> String {
    let mut out = String::new();
    if with_version {
        out.push_str("# written by hand \"\"\" ''' [[post]]\nversion = 1\n");
    }
    for (p, h) in posts {
        let c = |i: usize| h.choices[i];
        out.push_str(match c(0) % 4 {
            0 => "\n[[post]]\n",
            1 => "[[ post ]]\n",
            2 => "\n  [[post]]   # the next post\n",
            _ => "[[post]]\r\n",
        });
        for &key in &h.order {
            let line = match key {
                0 => Some(format!("id = {}", string_value(&p.id, c(1)))),
                1 => p.date.map(|d| {
                    if c(2) % 2 == 0 {
                        format!("date = {}", d.format("%Y-%m-%d"))
                    } else {
                        format!("date = \"{}\"", d.format("%Y-%m-%d"))
                    }
                }),
                2 => p.time.map(|t| match c(3) % 3 {
                    0 => format!("time = {}", t.format("%H:%M:%S")),
                    1 => format!("time = \"{}\"", t.format("%H:%M:%S")),
                    _ if t.format("%S").to_string() == "00" => {
                        format!("time = \"{}\"", t.format("%H:%M"))
                    }
                    _ => format!("time = {}", t.format("%H:%M:%S")),
                }),
                3 => Some(format!("category = {}", string_value(&p.category, c(4)))),
                4 => Some(format!("title = {}", string_value(&p.title, c(5)))),
                5 => p
                    .channel
                    .as_ref()
                    .map(|v| format!("channel = {}", string_value(v, c(6)))),
                6 => p
                    .notes
                    .as_ref()
                    .map(|v| format!("notes = {}", string_value(v, c(7)))),
                7 => p
                    .link
                    .as_ref()
                    .map(|v| format!("link = {}", string_value(v, c(8)))),
                8 => p.minutes.map(|m| format!("minutes = {m}")),
                10 => (!p.media.is_empty()).then(|| {
                    let links: Vec<String> = p
                        .media
                        .iter()
                        .map(|m| string_value(m, c(1).wrapping_add(1)))
                        .collect();
                    format!("media = [ {} ]", links.join(" , "))
                }),
                11 => p
                    .partner
                    .as_ref()
                    .map(|v| format!("partner = {}", string_value(v, c(6).wrapping_add(2)))),
                12 => p.spent.map(|m| format!("spent = {m}")),
                13 => p.responses.map(|n| format!("responses = {n}")),
                _ => (p.status != Status::Planned || c(9) % 2 == 0)
                    .then(|| format!("status = '{}'", p.status.as_str())),
            };
            if let Some(line) = line {
                out.push_str(&line);
                out.push_str(match c(10 + key % 6) % 5 {
                    0 => "   # a comment with [[post]] and \"\"\"\n",
                    1 => "\n\n",
                    _ => "\n",
                });
            }
        }
    }
    out
}

fn by_hand() -> impl Strategy<Value = (Schedule, String)> {
    (prop::collection::vec((post(), hand()), 0..8), any::<bool>()).prop_map(
        |(posts, with_version)| {
            // Ids must be unique in a file a person writes.
            let mut seen = std::collections::HashSet::new();
            let posts: Vec<(Post, Hand)> = posts
                .into_iter()
                .filter(|(p, _)| seen.insert(p.id.clone()))
                .collect();
            let mut schedule = Schedule::new();
            for (p, _) in &posts {
                schedule.insert(p.clone());
            }
            (schedule, write_by_hand(&posts, with_version))
        },
    )
}

// ---- the laws ----

proptest! {
    #[test]
    fn canonical_text_loads_back_as_the_same_schedule(s in schedule()) {
        let text = to_toml(&s);
        prop_assert_eq!(load(&text), s);
    }

    #[test]
    fn canonical_text_is_valid_toml_for_any_toml_reader(s in schedule()) {
        let text = to_toml(&s);
        let table: Result<toml::Table, _> = toml::from_str(&text);
        prop_assert!(table.is_ok(), "{:?}\n{}", table.err(), text);
        let posts = table.ok().and_then(|t| t.get("post").and_then(|p| p.as_array()).map(Vec::len));
        prop_assert_eq!(posts.unwrap_or(0), s.len());
    }

    #[test]
    fn canonical_output_is_a_fixed_point(s in schedule()) {
        let once = to_toml(&s);
        let twice = to_toml(&load(&once));
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn saving_a_hand_written_file_keeps_every_comment_and_every_post((s, text) in by_hand()) {
        let loaded = load(&text);
        let saved = mixcal::testing::store::save_text(&loaded, Some(&text));
        let back = load(&saved);
        prop_assert_eq!(&back, &s, "{}\n---\n{}", text, saved);
        prop_assert_eq!(back.identifier(), loaded.identifier());
        let comments = |t: &str| t.matches("# a comment with").count() + t.matches("# the next post").count() + t.matches("# written by hand").count();
        prop_assert_eq!(comments(&saved), comments(&text), "{}\n---\n{}", text, saved);
        // Saving what was saved rewrites the same bytes.
        prop_assert_eq!(mixcal::testing::store::save_text(&back, Some(&saved)), saved.clone());
    }

    #[test]
    fn a_hand_written_file_loads_as_the_posts_it_describes((s, text) in by_hand()) {
        let loaded = load(&text);
        prop_assert_eq!(&loaded, &s, "{}", text);
        let canonical = to_toml(&loaded);
        prop_assert_eq!(to_toml(&load(&canonical)), canonical);
    }
}

proptest! {
    // Every case writes and syncs real files, so fewer of them.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn save_then_open_is_the_identity(s in schedule()) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("schedule.toml");
        let config = config();
        let (empty, mut store) = Store::open_or_new(&path, &config).expect("a new file");
        prop_assert!(empty.is_empty());
        store.save(&s).expect("save");
        let (loaded, mut again) = Store::open(&path, &config).expect("open");
        prop_assert_eq!(&loaded, &s);
        // Saving what was loaded rewrites the same bytes.
        let before = std::fs::read(&path).expect("read");
        again.save(&loaded).expect("save again");
        prop_assert_eq!(std::fs::read(&path).expect("read"), before);
    }
}

#[test]
fn notes_full_of_post_headers_stay_in_their_post() {
    let notes = "[[post]]\nid = \"b\"\n'''\n\"\"\n[[post]]";
    let mut p = Post::new(
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date"),
        "everyday",
        "t",
    );
    p.id = "a".into();
    p.notes = Some(notes.into());
    let hand = Hand {
        order: (0..10).collect(),
        choices: vec![0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 2, 2, 2, 2, 2, 2],
    };
    let text = write_by_hand(&[(p, hand)], true);
    assert!(text.contains("\n[[post]]\nid = \"b\""), "{text}");
    let s = load(&text);
    assert_eq!(s.len(), 1);
    assert_eq!(s.get("a").and_then(|p| p.notes.as_deref()), Some(notes));
}

// ---- what a save writes: escapes, and one line per edit ----

/// The characters that must not reach a terminal raw, as the file's text holds
/// them: C0 and C1 controls, DEL, BiDi embeddings, overrides and isolates, and
/// the line and paragraph separators; every one but the line ends that
/// separate the file's lines.
fn raw_unsafe(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| {
            *c != '\n'
                && (c.is_control()
                    || matches!(
                        c,
                        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}'
                    ))
        })
        .collect()
}

/// The lines of `after` that are not lines of `before` at the same place, and
/// the other way round, for files whose line count is the same.
fn changed_lines<'a>(before: &'a str, after: &'a str) -> Vec<(&'a str, &'a str)> {
    assert_eq!(
        before.lines().count(),
        after.lines().count(),
        "{before}\n---\n{after}"
    );
    before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect()
}

/// Opens `path`, moves post `id` to 10:15, saves; returns the text before and after.
fn retime(path: &std::path::Path, id: &str) -> (String, String) {
    let before = std::fs::read_to_string(path).expect("read");
    let (mut schedule, mut store) = Store::open(path, &config()).expect("open");
    let mut p = schedule.get(id).expect("the post").clone();
    p.time = NaiveTime::from_hms_opt(10, 15, 0);
    schedule.insert(p);
    store.save(&schedule).expect("save");
    (before, std::fs::read_to_string(path).expect("read"))
}

#[test]
fn a_save_escapes_every_character_a_terminal_would_act_on_in_one_case() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("s.toml");
    // Raw in the text, as a program other than mixcal may write them (TOML
    // allows C1 codes, BiDi overrides and line separators unescaped).
    let raw = "version = 1\n\n[[post]]\nid = \"r1\"\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"evil\u{202e}gpj.exe \u{2066}x\u{2069} \u{9b}31m \u{2028}\"\nchannel = \"in\u{200f}sta\u{202a}\"\nstatus = \"planned\"\n";
    std::fs::write(&path, raw).expect("write");
    let (schedule, mut store) = Store::open(&path, &config()).expect("open");
    store.save(&schedule).expect("save");
    let saved = std::fs::read_to_string(&path).expect("read");
    assert_eq!(raw_unsafe(&saved), [], "{saved}");
    assert!(
        saved.contains(r#"title = "evil\u202Egpj.exe \u2066x\u2069 \u009B31m \u2028""#),
        "{saved}"
    );
    let escapes: Vec<&str> = saved
        .match_indices("\\u")
        .map(|(i, _)| &saved[i..i + 6])
        .collect();
    assert!(
        escapes.iter().all(|e| e[2..]
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())),
        "{escapes:?}"
    );
    assert_eq!(parse(&saved, "s.toml", &config()).expect("loads"), schedule);
}

#[test]
fn payload_titles_round_trip_through_saves_escaped_and_an_edit_changes_one_line() {
    let dir = tempfile::tempdir().expect("a folder");
    for (name, head) in [("canonical.toml", ""), ("commented.toml", "# the plan\n")] {
        let path = dir.path().join(name);
        std::fs::write(
            &path,
            format!("{head}{}", crate::terminal::payload_schedule()),
        )
        .expect("write");
        let (schedule, mut store) = Store::open(&path, &config()).expect("open");
        store
            .save(&schedule)
            .expect("the first save writes the identifier");
        let saved = std::fs::read_to_string(&path).expect("read");
        assert_eq!(raw_unsafe(&saved), [], "{name}: {saved}");
        let (again, _) = Store::open(&path, &config()).expect("open");
        assert_eq!(again, schedule, "{name}");
        for (i, (_, payload)) in crate::terminal::PAYLOADS.iter().enumerate() {
            let p = again.get(&format!("p{i}")).expect("the post");
            assert!(p.title.ends_with(payload), "{name}: {:?}", p.title);
        }
        let (before, after) = retime(&path, "p6");
        let changed = changed_lines(&before, &after);
        assert_eq!(changed.len(), 1, "{name}: {changed:?}");
        assert!(
            changed[0].1.starts_with("time = 10:15"),
            "{name}: {changed:?}"
        );
        assert_eq!(raw_unsafe(&after), [], "{name}: {after}");
    }
}

#[test]
fn an_edit_of_a_file_written_by_hand_keeps_the_spelling_of_every_value_it_does_not_change() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("esc.toml");
    let title = r#"title = "\u001b[31mRED\u001b[0m sale \u202eevil\u0007 done\r overwritten""#;
    let channel = r#"channel = "inst\u001b[2Jagram""#;
    let notes = r#"notes = "line1\nline2 \u001b]0;pwned\u0007""#;
    let link = "link = 'https://example.com/a'";
    std::fs::write(
        &path,
        format!("version = 1\n\n[[post]]\nid = \"e1\"\ndate = 2026-12-01\ntime = 09:00:00\ncategory = \"business\"\n{title}\n{channel}\n{notes}\n{link}\n"),
    )
    .expect("write");
    let (_, after) = retime(&path, "e1");
    for line in [title, channel, notes, link] {
        assert!(after.contains(&format!("\n{line}\n")), "{line} in\n{after}");
    }
    assert!(after.contains("\ntime = 10:15:00\n"), "{after}");
    assert_eq!(raw_unsafe(&after), [], "{after}");
    // The next edit changes one line.
    let (before, after) = retime(&path, "e1");
    assert_eq!(before, after, "moving to the same time changes nothing");
    let (mut schedule, mut store) = Store::open(&path, &config()).expect("open");
    let mut p = schedule.get("e1").expect("the post").clone();
    p.time = NaiveTime::from_hms_opt(11, 0, 0);
    schedule.insert(p);
    store.save(&schedule).expect("save");
    let last = std::fs::read_to_string(&path).expect("read");
    assert_eq!(
        changed_lines(&after, &last),
        [("time = 10:15:00", "time = 11:00:00")]
    );
}
