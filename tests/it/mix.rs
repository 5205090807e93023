//! The mix engine as a user meets it: the one repair on the mix panel's first
//! line and `r`, which `check` then agrees with; the panel and `check` showing
//! the same numbers; `info` rules; a renamed category; an empty week; a bad
//! rule stopping every command at its line.

use std::path::Path;

use chrono::NaiveDate;
use mixcal::testing::config::{BUILTIN_NAME, Config, DEFAULT_TOML};
use mixcal::testing::domain::{Schedule, Week};
use mixcal::testing::mix::Verdict;
use mixcal::testing::store::Store;
use mixcal::testing::tui::{App, KeyMap, Popup, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::common::Dir;

/// Wednesday of 2026-W48.
const TODAY: &str = "2026-11-25";

fn today() -> NaiveDate {
    mixcal::testing::domain::fields::date(TODAY).unwrap()
}

fn config(user: &str) -> Config {
    Config::from_layers(&[(BUILTIN_NAME, DEFAULT_TOML), ("user.toml", user)]).unwrap()
}

fn calendar(config: Config, schedule: Schedule, path: &Path) -> App {
    let keymap = KeyMap::from_config(&config);
    let theme = Theme::new(&config, false);
    let week = Week::containing(today(), config.week_start);
    let store = Store::new_file(path);
    App::new(config, keymap, theme, schedule, store, today(), week)
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let mods = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle_key(KeyEvent::new(KeyCode::Char(c), mods));
    }
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    terminal.backend().to_string()
}

/// The line inside the mix panel's border that follows its title.
fn panel_first_line(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    let title = lines
        .iter()
        .position(|l| l.contains("┌ Mix "))
        .expect("the mix panel");
    // The panel's own cell, left of any panel beside it.
    lines[title + 1]
        .trim_matches('"')
        .split('│')
        .nth(1)
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Every "N (P%)" of a line, in order.
fn counts_and_shares(line: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for (i, _) in line.match_indices("%)") {
        let open = line[..i].rfind('(').expect("an opening parenthesis");
        let pct: u32 = line[open + 1..i].parse().expect("a percent");
        let n: u32 = line[..open]
            .trim_end()
            .rsplit(' ')
            .next()
            .and_then(|w| w.parse().ok())
            .expect("a count");
        out.push((n, pct));
    }
    out
}

#[test]
fn the_demo_weeks_first_line_is_one_change_that_r_applies_and_check_then_passes() {
    let dir = Dir::new();
    let path = dir.path("demo.toml");
    let config = Config::builtin().unwrap();
    let schedule = mixcal::testing::tui::demo_schedule(&config, today()).unwrap();
    let mut app = calendar(config, schedule, &path);
    app.set_demo();
    let s = screen(&app, 120, 30);
    assert!(
        panel_first_line(&s)
            .starts_with("→ 1 change balances the week: make Fri 17:00 \"Weekend offer"),
        "{s}"
    );
    assert!(s.contains("an everyday post (r applies it)"), "{s}");
    press(&mut app, "r");
    assert_eq!(app.review().verdict, Verdict::Balanced);
    assert_eq!(
        app.schedule().get("demo06").map(|p| p.category.as_str()),
        Some("everyday")
    );
    let message = app.message().map(|(_, m)| m.clone()).unwrap_or_default();
    assert!(
        message.starts_with("balanced the week with 1 change"),
        "{message}"
    );
    assert!(panel_first_line(&screen(&app, 120, 30)).starts_with("✓ balanced"));
    // One undo step takes it back, and redo does it again.
    press(&mut app, "u");
    assert_eq!(
        app.schedule().get("demo06").map(|p| p.category.as_str()),
        Some("business")
    );
    app.handle_key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    assert_eq!(app.review().verdict, Verdict::Balanced);
    press(&mut app, "s");
    let out = dir
        .mixcal(&["check", "--file", "demo.toml"])
        .env("MIXCAL_TODAY", TODAY)
        .output();
    assert_eq!(out.code, Some(0), "{out:#?}");
    assert!(
        out.stdout.contains("✓ balanced: every rule holds"),
        "{}",
        out.stdout
    );
}

#[test]
fn r_on_a_balanced_or_empty_week_changes_nothing_and_says_why() {
    let dir = Dir::new();
    let mut app = calendar(
        Config::builtin().unwrap(),
        Schedule::new(),
        &dir.path("s.toml"),
    );
    press(&mut app, "r");
    let message = app.message().map(|(_, m)| m.clone()).unwrap_or_default();
    assert!(
        message.starts_with("nothing planned this week"),
        "{message}"
    );
    assert!(app.schedule().is_empty());
    assert!(!app.is_dirty());
}

#[test]
fn check_and_the_panel_show_the_same_counts_and_shares() {
    // Six posts with one business post: 17%, where truncating would say 16%.
    let dir = Dir::new();
    let mut text = String::from("version = 1\n");
    for (i, category) in [
        "everyday", "everyday", "business", "everyday", "everyday", "partner",
    ]
    .iter()
    .enumerate()
    {
        text += &format!(
            "\n[[post]]\nid = \"p{i}\"\ndate = 2026-11-{}\ntime = 09:00:00\ncategory = \"{category}\"\ntitle = \"t\"\n",
            23 + i
        );
    }
    dir.write("s.toml", &text);
    let out = dir
        .mixcal(&["check", "--file", "s.toml", "--week", "2026-W48"])
        .env("MIXCAL_TODAY", TODAY)
        .output();
    let check_line = out
        .stdout
        .lines()
        .find(|l| l.contains("%)"))
        .expect("the counts line");
    let config = Config::builtin().unwrap();
    let (schedule, _) = Store::open(&dir.path("s.toml"), &config).unwrap();
    let app = calendar(config, schedule, &dir.path("s.toml"));
    let s = screen(&app, 120, 30);
    let panel_line = s
        .lines()
        .find(|l| l.contains("%)"))
        .expect("the panel's counts");
    let shares = counts_and_shares(check_line);
    assert_eq!(shares, [(4, 67), (1, 17), (1, 17), (0, 0)]);
    assert_eq!(counts_and_shares(panel_line), shares, "{s}");
}

#[test]
fn info_findings_are_shown_but_do_not_fail_check() {
    let dir = Dir::new();
    dir.write(
        "c.toml",
        "[rules.weekly-budget]\nseverity = \"info\"\nmax_minutes = 60\n",
    );
    dir.fixture("balanced-week.toml");
    let out = dir
        .mixcal(&[
            "check",
            "--file",
            "balanced-week.toml",
            "--config",
            "c.toml",
        ])
        .output();
    assert_eq!(out.code, Some(0), "{out:#?}");
    assert!(
        out.stdout
            .contains("  i weekly-budget: 125 minutes planned"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("✓ balanced: every rule holds"),
        "{}",
        out.stdout
    );
    let json = dir
        .mixcal(&[
            "check",
            "--file",
            "balanced-week.toml",
            "--config",
            "c.toml",
            "--json",
        ])
        .output();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["weeks"][0]["findings"][0]["severity"], "info");
    assert_eq!(v["weeks"][0]["status"], "balanced");
}

#[test]
fn a_category_named_tips_and_tricks_works_everywhere() {
    let rename = "[categories.business]\nname = \"Tips and tricks\"\n";
    let dir = Dir::new();
    dir.write("c.toml", rename);
    let mut text = String::from("version = 1\n");
    for day in 23..27 {
        text += &format!(
            "\n[[post]]\nid = \"e{day}\"\ndate = 2026-11-{day}\ntime = 09:00:00\ncategory = \"everyday\"\ntitle = \"t\"\n"
        );
    }
    dir.write("s.toml", &text);
    let out = dir
        .mixcal(&["check", "--file", "s.toml", "--config", "c.toml"])
        .env("MIXCAL_TODAY", "2026-11-23")
        .output();
    assert_eq!(out.code, Some(1), "{out:#?}");
    assert!(
        out.stdout.contains(
            "4 everyday posts and no tips and tricks post: the target is 4–5 everyday per tips and tricks post"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("→ 1 change balances the week: add a tips and tricks post at Fri 09:00"),
        "{}",
        out.stdout
    );
    let suggest = dir
        .mixcal(&["suggest", "--file", "s.toml", "--config", "c.toml"])
        .env("MIXCAL_TODAY", "2026-11-23")
        .output();
    assert!(
        suggest.stdout.contains("B tips and tricks"),
        "{}",
        suggest.stdout
    );
    // The calendar's new post on Friday defaults to the category the week needs.
    let config = config(rename);
    let (schedule, _) = Store::open(&dir.path("s.toml"), &config).unwrap();
    let mut app = calendar(config, schedule, &dir.path("s.toml"));
    press(&mut app, "lla");
    let Some(Popup::Form(form)) = app.popup() else {
        panic!("the post form")
    };
    assert_eq!(app.config.categories[form.category].name, "Tips and tricks");
}

#[test]
fn a_week_asked_for_with_nothing_planned_fails_check() {
    let dir = Dir::new();
    dir.fixture("balanced-week.toml");
    let out = dir
        .mixcal(&[
            "check",
            "--file",
            "balanced-week.toml",
            "--week",
            "2026-W49",
        ])
        .output();
    assert_eq!(out.code, Some(1), "{out:#?}");
    assert!(
        out.stdout.contains("  · nothing planned\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .ends_with("1 week checked, 1 with nothing planned\n"),
        "{}",
        out.stdout
    );
    let json = dir
        .mixcal(&[
            "check",
            "--file",
            "balanced-week.toml",
            "--week",
            "2026-W49",
            "--json",
        ])
        .output();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["weeks"][0]["status"], "nothing planned");
    // Without a range only weeks with posts are reported.
    let all = dir
        .mixcal(&["check", "--file", "balanced-week.toml"])
        .output();
    assert_eq!(all.code, Some(0), "{all:#?}");
}

#[test]
fn a_bad_rule_stops_every_command_at_its_line() {
    let dir = Dir::new();
    dir.fixture("balanced-week.toml");
    dir.write("bad.toml", "[rules.promo-streak]\nmax = -1\n");
    for args in [
        vec!["check"],
        vec!["suggest"],
        vec!["export", "--format", "csv"],
        vec!["import", "--format", "csv", "sheet.csv", "--dry-run"],
        vec![],
    ] {
        let mut all = args.clone();
        all.extend(["--file", "balanced-week.toml", "--config", "bad.toml"]);
        let out = dir.mixcal(&all).output();
        assert_eq!(out.code, Some(2), "{args:?}: {out:#?}");
        assert!(
            out.stderr.contains("bad.toml:2:7: invalid value: integer `-1`, expected a whole number, 0 or more (rule `promo-streak`)"),
            "{args:?}: {}",
            out.stderr
        );
    }
}

#[test]
fn a_bakery_week_posting_at_any_hour_gets_no_bogus_suggestions() {
    // Posts at 07:30, 12:00 and 18:00 on default slots (one a day at 09:00),
    // today Wednesday: only Sunday has a slot left, and nothing is proposed for
    // the days gone by.
    let dir = Dir::new();
    let mut text = String::from("version = 1\n");
    for (day, time, category) in [
        (23, "07:30", "everyday"),
        (24, "07:30", "everyday"),
        (25, "12:00", "business"),
        (26, "07:30", "everyday"),
        (27, "18:00", "partner"),
        (28, "07:30", "everyday"),
    ] {
        text += &format!(
            "\n[[post]]\nid = \"b{day}\"\ndate = 2026-11-{day}\ntime = {time}:00\ncategory = \"{category}\"\ntitle = \"Bakery\"\n"
        );
    }
    dir.write("s.toml", &text);
    let out = dir
        .mixcal(&["suggest", "--file", "s.toml", "--json"])
        .env("MIXCAL_TODAY", TODAY)
        .output();
    assert_eq!(out.code, Some(0), "{out:#?}");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let dates: Vec<&str> = v["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["date"].as_str())
        .collect();
    assert_eq!(dates, ["2026-11-29"]);
    assert_eq!(v["balanced"], true);
}
