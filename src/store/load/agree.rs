//! The loader agrees with TOML: a differential test over whole files.
//!
//! For any text, reading it with the fast path and reading it with the general
//! parser alone accept and refuse the same files, read the same posts and report
//! the same problems; whatever mixcal accepts is valid TOML to the `toml` crate;
//! and what a save writes is valid TOML that reads back as the same schedule.

use proptest::prelude::*;

use super::quick::tests::apply;
use super::{Mode, parse_with};
use crate::config::Config;
use crate::diag::Diagnostics;
use crate::domain::{Post, Schedule};
use crate::store::to_toml;

fn config() -> Config {
    Config::builtin().unwrap()
}

fn read(text: &str, fast: bool) -> Result<Schedule, Diagnostics> {
    let mode = Mode {
        fast,
        ..Mode::default()
    };
    parse_with(text, "s.toml", &config(), mode)
}

/// The posts, with the ids the loader made up (for posts without one) blanked,
/// in a stable order.
fn posts(s: &Schedule, text: &str) -> Vec<Post> {
    let mut posts: Vec<Post> = s
        .iter()
        .cloned()
        .map(|mut p| {
            if !text.contains(p.id.as_str()) {
                p.id.clear();
            }
            p
        })
        .collect();
    posts.sort_by_key(|p| format!("{p:?}"));
    posts
}

/// A text value with the characters that trouble parsers.
fn awkward() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::char::range('a', 'z'),
            1 => prop::sample::select(vec![
                '"', '\\', '\'', '\n', '\r', '\t', '#', '[', ']', '=', '\u{0}', '\u{7f}', '\u{1b}',
                '\u{202e}', 'é', '🎉', '漢'
            ]),
            1 => any::<char>(),
        ],
        1..16,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

/// The canonical text of a few posts, as a save writes it.
fn canonical() -> impl Strategy<Value = String> {
    let post = (
        (1u32..10_000, 1u32..13, 1u32..29),
        prop::option::of((0u32..24, 0u32..60)),
        prop::sample::select(vec!["everyday", "business", "partner", "contest"]),
        awkward().prop_filter("a title has words", |t| !t.trim().is_empty()),
        prop::option::of(awkward()),
        prop::option::of(0u32..=1440),
        prop::option::of("[a-z][a-z0-9]{0,5}"),
        (
            prop::option::of(awkward()),
            prop::option::of(0u32..=1440),
            prop::option::of(0u32..=1_000_000),
        ),
    )
        .prop_map(|(ymd, hm, category, title, notes, minutes, id, logged)| {
            let date = chrono::NaiveDate::from_ymd_opt(ymd.0 as i32, ymd.1, ymd.2).unwrap();
            let mut p = Post::new(date, category, &title);
            p.time = hm.and_then(|(h, m)| chrono::NaiveTime::from_hms_opt(h, m, 0));
            p.notes = notes.filter(|n| !n.is_empty());
            p.minutes = minutes;
            p.id = id.unwrap_or_default();
            p.partner = logged
                .0
                .and_then(|s| crate::domain::fields::partner(&s).map(str::to_string));
            (p.spent, p.responses) = (logged.1, logged.2);
            p
        });
    // What a hand-written file may have before its first post table.
    let head = prop::sample::select(vec![
        "",
        "",
        "# my posts\n\n",
        "post = []\n",
        "post = [{ date = 2026-11-23, category = \"everyday\", title = \"inline\" }]\n",
        "post = [\n  { date = 2026-11-23, category = \"everyday\", title = \"a\" },\n]\n",
        "[[\"post\"]]\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"quoted\"\n",
        "[post]\n",
        "[extra]\n",
    ]);
    (head, prop::collection::vec(post, 0..4)).prop_map(|(head, posts)| {
        let mut out = format!("version = 1\n{head}");
        let mut seen = std::collections::HashSet::new();
        for p in &posts {
            let mut p = p.clone();
            if !seen.insert(p.id.clone()) {
                p.id.clear();
            }
            let table = crate::store::posts_to_toml(std::iter::once(&p));
            let table = table.trim_start_matches("version = 1\n");
            // The writer always writes an id; a hand-written file often has none.
            if p.id.is_empty() {
                out.push_str(&table.replace("id = \"\"\n", ""));
            } else {
                out.push_str(table);
            }
        }
        out
    })
}

/// Edits people make, wanted or not: whole lines and single characters.
fn edit() -> impl Strategy<Value = (usize, usize, String)> {
    let insert = prop_oneof![
        prop::sample::select(vec![
            "\n[[post]]\n",
            "\n[[ \"post\" ]]\n",
            "\n[post]\n",
            "\n[other]\nx = 1\n",
            "\npost = []\n",
            "\npost = [{ date = 2026-11-23, category = \"everyday\", title = \"inline\" }]\n",
            "\nversion = 1\n",
            "\n# a comment [[post]]\n",
            "\nnotes = \"\"\"\n[[post]]\nstill notes\"\"\"\n",
            "\nnotes = '''\n[[post]]\n'''\n",
            "\nminutes = -0\n",
            "\nminutes = 1_5\n",
            "\nresponses = -1\n",
            "\nresponses = 0x10\n",
            "\nspent = 1441\n",
            "\npartner = \" \"\n",
            "\npartner = 'Café'\n",
            "\ndate = 0000-01-01\n",
            "\ntime = 23:59:60\n",
            "\ntime = \"23:59:60\"\n",
            "\ndate = 2026-02-30\n",
            "\ntime = 25:00\n",
            "\nskip = [2026-13-01]\n",
            "\ntitle = 2026-02-30\n",
            "\ntitle = \"again\"\n",
            "\"",
            "'",
            "\\",
            "\\u00e9",
            "\\uD800",
            "#",
            "=",
            "\r",
            "\n",
            "\t",
            "\u{feff}",
            "-",
            ":",
            "0",
        ])
        .prop_map(str::to_string),
        awkward(),
    ];
    (any::<usize>(), 0usize..6, insert)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_fast_path_and_the_general_parser_agree_and_both_agree_with_toml(
        text in canonical(),
        edits in prop::collection::vec(edit(), 0..4),
    ) {
        let text = apply(&text, &edits);
        let fast = read(&text, true);
        let general = read(&text, false);
        match (&fast, &general) {
            (Ok(a), Ok(b)) => prop_assert_eq!(posts(a, &text), posts(b, &text), "{:?}", text),
            (Err(a), Err(b)) => prop_assert_eq!(a, b, "{:?}", text),
            _ => prop_assert!(false, "fast {:?} but general {:?} for {:?}", fast.is_ok(), general.is_ok(), text),
        }
        if let Ok(schedule) = fast {
            let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
            prop_assert!(
                toml::from_str::<toml::Table>(body).is_ok(),
                "mixcal accepted what TOML refuses: {:?}", text
            );
            let saved = to_toml(&schedule);
            prop_assert!(toml::from_str::<toml::Table>(&saved).is_ok(), "{:?}", saved);
            let back = read(&saved, true);
            prop_assert!(back.is_ok(), "a save does not load: {:?}", saved);
            prop_assert_eq!(back.unwrap(), schedule);
        }
    }
}
