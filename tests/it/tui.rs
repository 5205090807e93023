//! The calendar, driven by keys and clicks and drawn on ratatui's TestBackend.
//! "Today" is fixed to Wednesday 2026-11-25, in week 2026-W48.

use std::path::PathBuf;

use chrono::NaiveDate;
use mixcal::testing::config::{Config, Mode};
use mixcal::testing::domain::{Schedule, Week};
use mixcal::testing::env::Clock;
use mixcal::testing::store::{self, Store};
use mixcal::testing::tui::{Action, App, KeyMap, Level, Popup, Theme};
use proptest::prelude::*;

use crate::common;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

const TODAY: &str = "2026-11-25";

pub(crate) fn date(s: &str) -> NaiveDate {
    mixcal::testing::domain::fields::date(s).unwrap()
}

pub(crate) fn config() -> Config {
    Config::builtin().unwrap()
}

/// A post line for a schedule file.
fn post(id: &str, day: &str, time: &str, category: &str, title: &str) -> String {
    format!(
        "\n[[post]]\nid = \"{id}\"\ndate = {day}\ntime = {time}:00\ncategory = \"{category}\"\ntitle = \"{title}\"\n"
    )
}

/// 5 everyday, 1 business, 1 partner: every rule holds.
pub(crate) fn balanced() -> String {
    let mut s = String::from("version = 1\n");
    s += &post(
        "e1",
        "2026-11-23",
        "09:00",
        "everyday",
        "Monday coffee at the bench",
    );
    s += &post("e2", "2026-11-24", "09:00", "everyday", "Team lunch 🍜");
    s += &post(
        "b1",
        "2026-11-25",
        "09:00",
        "business",
        "New notebooks in the shop",
    );
    s += &post("e3", "2026-11-26", "09:00", "everyday", "Packing orders");
    s += &post(
        "p1",
        "2026-11-27",
        "09:00",
        "partner",
        "Café Müller bakes for us",
    );
    s += &post(
        "e4",
        "2026-11-28",
        "09:00",
        "everyday",
        "日本語のタイトル works too",
    );
    s += &post(
        "e5",
        "2026-11-29",
        "18:00",
        "everyday",
        "Sunday walk with the dog",
    );
    s
}

/// Two business posts, two contests in a row: the mix has drifted.
fn drifted() -> String {
    let mut s = String::from("version = 1\n");
    s += &post("e1", "2026-11-23", "09:00", "everyday", "Monday coffee");
    s += &post("b1", "2026-11-24", "09:00", "business", "Offer one");
    s += &post("c1", "2026-11-24", "12:00", "contest", "Giveaway one");
    s += &post("c2", "2026-11-25", "09:00", "contest", "Giveaway two");
    s += &post("b2", "2026-11-26", "09:00", "business", "Offer two");
    s
}

pub(crate) struct Fixture {
    pub(crate) app: App,
    pub(crate) path: PathBuf,
    _dir: tempfile::TempDir,
}

/// A calendar on a schedule file holding `text` (or no file when `None`).
pub(crate) fn open(text: Option<&str>) -> Fixture {
    open_with(config(), text)
}

pub(crate) fn open_with(config: Config, text: Option<&str>) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schedule.toml");
    if let Some(t) = text {
        std::fs::write(&path, t).unwrap();
    }
    let (schedule, store) = Store::open_or_new(&path, &config).unwrap();
    let app = app(config, schedule, store);
    Fixture {
        app,
        path,
        _dir: dir,
    }
}

fn app(config: Config, schedule: Schedule, store: Store) -> App {
    let keymap = KeyMap::from_config(&config);
    let theme = Theme::new(&config, false);
    let today = date(TODAY);
    let week = Week::containing(today, config.week_start);
    let mut app = App::new(config, keymap, theme, schedule, store, today, week);
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    app
}

/// Types a script: plain characters are keys; `<Enter>`, `<Esc>`, `<Tab>`,
/// `<BackTab>`, `<Left>`, `<Right>`, `<Up>`, `<Down>`, `<Bs>`, `<C-r>`, `<C-c>`
/// are named keys.
pub(crate) fn keys(app: &mut App, script: &str) {
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && end > 1
        {
            let name = &rest[1..end];
            let (code, mods) = match name {
                "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
                "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
                "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
                "BackTab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
                "Left" => (KeyCode::Left, KeyModifiers::NONE),
                "Right" => (KeyCode::Right, KeyModifiers::NONE),
                "Up" => (KeyCode::Up, KeyModifiers::NONE),
                "Down" => (KeyCode::Down, KeyModifiers::NONE),
                "Bs" => (KeyCode::Backspace, KeyModifiers::NONE),
                "Home" => (KeyCode::Home, KeyModifiers::NONE),
                "End" => (KeyCode::End, KeyModifiers::NONE),
                "PgDn" => (KeyCode::PageDown, KeyModifiers::NONE),
                "PgUp" => (KeyCode::PageUp, KeyModifiers::NONE),
                "Del" => (KeyCode::Delete, KeyModifiers::NONE),
                "C-e" => (KeyCode::Char('e'), KeyModifiers::CONTROL),
                "C-j" => (KeyCode::Char('j'), KeyModifiers::CONTROL),
                "A-Enter" => (KeyCode::Enter, KeyModifiers::ALT),
                "C-r" => (KeyCode::Char('r'), KeyModifiers::CONTROL),
                "C-c" => (KeyCode::Char('c'), KeyModifiers::CONTROL),
                "C-u" => (KeyCode::Char('u'), KeyModifiers::CONTROL),
                other => panic!("unknown key <{other}>"),
            };
            app.handle_key(KeyEvent::new(code, mods));
            rest = &rest[end + 1..];
            continue;
        }
        let mods = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle_key(KeyEvent::new(KeyCode::Char(c), mods));
        rest = &rest[c.len_utf8()..];
    }
}

pub(crate) fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    terminal.backend().to_string()
}

/// The screen at a size, after telling the calendar that size as a terminal would.
pub(crate) fn sized(app: &mut App, width: u16, height: u16) -> String {
    app.update(Action::Resize { width, height });
    screen(app, width, height)
}

pub(crate) fn titles(app: &App) -> Vec<String> {
    app.schedule().iter().map(|p| p.title.clone()).collect()
}

pub(crate) fn selected_title(app: &App) -> Option<String> {
    app.selected_post().map(|p| p.title.clone())
}

pub(crate) fn message(app: &App) -> String {
    app.message().map(|(_, m)| m.clone()).unwrap_or_default()
}

// ----- screens -----

#[test]
fn screen_balanced_week() {
    let f = open(Some(&balanced()));
    insta::assert_snapshot!(screen(&f.app, 120, 30));
}

#[test]
fn screen_drifted_week() {
    let f = open(Some(&drifted()));
    insta::assert_snapshot!(screen(&f.app, 120, 30));
}

#[test]
fn screen_drifted_week_at_60_by_20() {
    let mut f = open(Some(&drifted()));
    insta::assert_snapshot!(sized(&mut f.app, 60, 20));
}

#[test]
fn screen_empty_schedule_says_how_to_add_the_first_post() {
    let f = open(None);
    let s = screen(&f.app, 100, 24);
    assert!(
        s.contains("No posts yet. Press a to add the first one"),
        "{s}"
    );
    insta::assert_snapshot!(s);
}

#[test]
fn screen_form_with_an_error() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "aWeekend offer<Tab><Tab><C-u>25:00<Enter>");
    insta::assert_snapshot!(screen(&f.app, 100, 30));
}

#[test]
fn screen_help() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "?");
    insta::assert_snapshot!(screen(&f.app, 100, 30));
}

#[test]
fn help_on_a_small_terminal_scrolls_with_the_list_keys() {
    let mut f = open(Some(&balanced()));
    f.app.update(Action::Resize {
        width: 80,
        height: 20,
    });
    keys(&mut f.app, "?");
    let s = screen(&f.app, 80, 20);
    assert!(s.contains("Marks") && s.contains("scroll"), "{s}");
    assert!(!s.contains("quit, asks to save"), "{s}");
    keys(&mut f.app, "<PgDn><PgDn>jjjjjjjj");
    let s = screen(&f.app, 80, 20);
    assert!(!s.contains("Marks"), "{s}");
    assert!(s.contains("quit, asks to save"), "{s}");
    keys(&mut f.app, "q");
    assert!(f.app.popup().is_none());
}

#[test]
fn help_shows_every_key_of_every_mode_the_marks_and_the_digits() {
    for (w, h) in [(200, 50), (120, 40), (100, 30), (80, 24), (60, 20)] {
        let mut f = open(Some(&balanced()));
        f.app.update(Action::Resize {
            width: w,
            height: h,
        });
        keys(&mut f.app, "?");
        // Everything, scrolling a page at a time where it does not fit.
        let mut seen = String::new();
        for _ in 0..20 {
            seen += &screen(&f.app, w, h);
            keys(&mut f.app, "<PgDn>");
        }
        for &mode in Mode::ALL {
            assert!(seen.contains(mode.title()), "{w}x{h}: no {mode} heading");
            for (name, text) in mode.actions() {
                assert!(
                    seen.contains(text),
                    "{w}x{h}: `{name}` ({text}) is not shown in full:\n{seen}"
                );
            }
        }
        for mark in ["?  ", "✓  ", "+  ", "•  "] {
            assert!(
                seen.contains(mark),
                "{w}x{h}: the mark {mark:?} is not explained"
            );
        }
        for text in [
            "an idea",
            "published",
            "suggested (f)",
            "today",
            "weeks overview",
        ] {
            assert!(seen.contains(text), "{w}x{h}: no `{text}`");
        }
        for (digit, name) in [("1", "E Everyday"), ("2", "B Business"), ("4", "C Contest")] {
            assert!(
                seen.lines()
                    .any(|l| l.contains(&format!("{digit}  ")) && l.contains(name)),
                "{w}x{h}: digit {digit} does not say it sets {name}"
            );
        }
    }
}

#[test]
fn screen_quit_prompt() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "dq");
    insta::assert_snapshot!(screen(&f.app, 100, 30));
}

#[test]
fn screen_month_overview() {
    let mut f = open(Some(&drifted()));
    keys(&mut f.app, "v");
    insta::assert_snapshot!(screen(&f.app, 120, 30));
}

#[test]
fn screen_export_popup() {
    let mut f = open(Some(&balanced()));
    // A fixed file name, so the screen does not depend on the temporary folder.
    keys(&mut f.app, "x<Tab><Tab><C-u>week-48.ics<BackTab><BackTab>");
    insta::assert_snapshot!(screen(&f.app, 100, 30));
}

#[test]
fn screen_tiny_terminal() {
    let f = open(Some(&balanced()));
    insta::assert_snapshot!(screen(&f.app, 30, 8));
}

#[test]
fn a_card_starts_with_its_time_and_then_the_title() {
    for width in [80, 120] {
        let f = open(Some(&balanced()));
        let s = screen(&f.app, width, 30);
        let head = s.lines().nth(2).unwrap().trim_matches('"');
        let title = s.lines().nth(3).unwrap().trim_matches('"');
        assert!(head.starts_with("09:00 E"), "{width}: {head}");
        assert!(head.contains("18:00 E"), "{width}: {head}");
        assert!(title.starts_with("Monday"), "{width}: {title}");
    }
}

#[test]
fn ideas_and_published_posts_are_marked_without_colour() {
    let mut text = balanced().replace(
        "title = \"Monday coffee at the bench\"",
        "title = \"Monday coffee at the bench\"\nstatus = \"idea\"",
    );
    text = text.replace(
        "title = \"Packing orders\"",
        "title = \"Packing orders\"\nstatus = \"published\"",
    );
    let f = open(Some(&text));
    let s = screen(&f.app, 120, 30);
    let row = s.lines().nth(2).unwrap().trim_matches('"');
    assert!(row.starts_with("09:00 E?"), "{row}");
    assert!(row.contains("│09:00 E✓"), "{row}");
    assert!(row.contains("│09:00 E  "), "{row}");
}

#[test]
fn the_mix_panel_counts_one_post_in_the_singular() {
    let f = open(Some(&post("e1", TODAY, "09:00", "everyday", "Coffee")));
    let s = screen(&f.app, 120, 30);
    assert!(s.contains("Mix 2026-W48 · 1 post "), "{s}");
}

#[test]
fn today_stays_marked_in_the_narrowest_columns() {
    let f = open(Some(&balanced()));
    for width in [40, 48, 60, 120] {
        let s = screen(&f.app, width, 20);
        let header = s.lines().nth(1).unwrap();
        assert!(header.contains('•'), "{width} columns: {header}");
    }
}

#[test]
fn no_size_down_to_one_by_one_panics() {
    let mut f = open(Some(&drifted()));
    for script in ["", "a", "?", "v", "dq"] {
        keys(&mut f.app, script);
        for (w, h) in [
            (1, 1),
            (2, 1),
            (1, 5),
            (39, 11),
            (40, 12),
            (41, 13),
            (55, 14),
            (200, 50),
        ] {
            screen(&f.app, w, h);
        }
    }
}

// ----- moving around -----

#[test]
fn the_calendar_opens_on_today() {
    let f = open(Some(&balanced()));
    assert_eq!(f.app.selected_date(), date(TODAY));
    assert_eq!(
        selected_title(&f.app).as_deref(),
        Some("New notebooks in the shop")
    );
}

#[test]
fn left_and_right_move_between_days_and_weeks() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "h");
    assert_eq!(f.app.selected_date(), date("2026-11-24"));
    keys(&mut f.app, "<Right><Right>");
    assert_eq!(f.app.selected_date(), date("2026-11-26"));
    keys(&mut f.app, "llll");
    assert_eq!(f.app.selected_date(), date("2026-11-30"));
    assert_eq!(f.app.week().to_string(), "2026-W49");
}

#[test]
fn up_and_down_move_between_posts_of_the_day() {
    let mut f = open(Some(&drifted()));
    keys(&mut f.app, "h");
    assert_eq!(selected_title(&f.app).as_deref(), Some("Offer one"));
    keys(&mut f.app, "j");
    assert_eq!(selected_title(&f.app).as_deref(), Some("Giveaway one"));
    keys(&mut f.app, "j");
    assert_eq!(selected_title(&f.app).as_deref(), Some("Giveaway one"));
    keys(&mut f.app, "<Up>");
    assert_eq!(selected_title(&f.app).as_deref(), Some("Offer one"));
}

#[test]
fn brackets_change_the_week_and_t_comes_back() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "]]");
    assert_eq!(f.app.week().to_string(), "2026-W50");
    assert_eq!(f.app.selected_date(), date("2026-12-09"));
    keys(&mut f.app, "[");
    assert_eq!(f.app.week().to_string(), "2026-W49");
    keys(&mut f.app, "t");
    assert_eq!(f.app.selected_date(), date(TODAY));
}

#[test]
fn the_mix_panel_follows_the_shown_week() {
    let mut f = open(Some(&drifted()));
    assert!(!f.app.report().ok());
    keys(&mut f.app, "]");
    assert!(f.app.report().ok());
    assert_eq!(f.app.report().total, 0);
}

// ----- changing posts -----

#[test]
fn adding_a_post_through_the_form_selects_it() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "aBehind the scenes<Enter>");
    assert!(f.app.popup().is_none());
    let p = f.app.selected_post().unwrap();
    assert_eq!(p.title, "Behind the scenes");
    assert_eq!(p.date, date(TODAY));
    assert!(f.app.is_dirty());
}

#[test]
fn a_new_post_defaults_to_the_category_the_week_needs_most() {
    let mut text = String::from("version = 1\n");
    for (i, d) in ["23", "24", "25", "26"].iter().enumerate() {
        text += &post(
            &format!("e{i}"),
            &format!("2026-11-{d}"),
            "09:00",
            "everyday",
            "e",
        );
    }
    let mut f = open(Some(&text));
    keys(&mut f.app, "aOffer<Enter>");
    assert_eq!(f.app.selected_post().unwrap().category, "business");
    assert!(f.app.report().ok());
}

#[test]
fn a_new_post_takes_the_days_first_free_slot() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "aSecond<Enter>");
    // Wednesday's 09:00 slot is taken, and it is the only default slot.
    assert_eq!(f.app.selected_post().unwrap().time, None);
    keys(&mut f.app, "]aNext week<Enter>");
    assert_eq!(
        f.app.selected_post().unwrap().time.map(|t| t.to_string()),
        Some("09:00:00".into())
    );
}

#[test]
fn the_form_refuses_an_empty_title_and_a_bad_time() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "a<Enter>");
    assert!(matches!(f.app.popup(), Some(Popup::Form(_))));
    keys(&mut f.app, "x<Tab><Tab><C-u>25:00<Enter>");
    assert!(matches!(f.app.popup(), Some(Popup::Form(_))));
    assert_eq!(f.app.schedule().len(), 7);
    keys(&mut f.app, "<Bs><Bs><Bs><Bs><Bs>21:30<Enter>");
    assert!(f.app.popup().is_none());
    assert_eq!(f.app.schedule().len(), 8);
}

#[test]
fn esc_leaves_the_form_without_a_change() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "eXYZ<Esc>");
    assert!(f.app.popup().is_none());
    assert_eq!(
        selected_title(&f.app).as_deref(),
        Some("New notebooks in the shop")
    );
    assert!(!f.app.is_dirty());
}

#[test]
fn editing_changes_the_post_in_place() {
    let mut f = open(Some(&balanced()));
    keys(
        &mut f.app,
        "e<C-u>Spring notebooks<Tab><C-u>2026-11-27<Enter>",
    );
    let p = f.app.selected_post().unwrap();
    assert_eq!(
        (p.id.as_str(), p.title.as_str()),
        ("b1", "Spring notebooks")
    );
    assert_eq!(p.date, date("2026-11-27"));
    assert_eq!(f.app.selected_date(), date("2026-11-27"));
    keys(&mut f.app, "<Enter><Enter>");
    assert_eq!(message(&f.app), "no change");
}

#[test]
fn delete_removes_the_selected_post() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "d");
    assert!(!titles(&f.app).contains(&"New notebooks in the shop".to_string()));
    assert_eq!(f.app.schedule().len(), 6);
    keys(&mut f.app, "d");
    assert_eq!(f.app.schedule().len(), 6);
    assert!(message(&f.app).contains("no post selected"));
}

#[test]
fn duplicate_copies_the_post_with_a_new_id() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "y");
    let day = f.app.schedule().day(date(TODAY));
    assert_eq!(day.len(), 2);
    assert_eq!(day[0].title, day[1].title);
    assert_ne!(day[0].id, day[1].id);
    assert_ne!(f.app.selected_post().unwrap().id, "b1");
}

#[test]
fn shift_h_and_l_move_the_post_and_the_selection_follows() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "L");
    assert_eq!(
        f.app.schedule().get("b1").unwrap().date,
        Some(date("2026-11-26"))
    );
    assert_eq!(f.app.selected_post().unwrap().id, "b1");
    keys(&mut f.app, "HHHH");
    assert_eq!(
        f.app.schedule().get("b1").unwrap().date,
        Some(date("2026-11-22"))
    );
    assert_eq!(f.app.week().to_string(), "2026-W47");
    assert_eq!(f.app.selected_post().unwrap().id, "b1");
}

#[test]
fn c_cycles_the_category_and_digits_set_it() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "c");
    assert_eq!(f.app.selected_post().unwrap().category, "partner");
    keys(&mut f.app, "c");
    assert_eq!(f.app.selected_post().unwrap().category, "contest");
    keys(&mut f.app, "c");
    assert_eq!(f.app.selected_post().unwrap().category, "everyday");
    keys(&mut f.app, "2");
    assert_eq!(f.app.selected_post().unwrap().category, "business");
    keys(&mut f.app, "9");
    assert_eq!(f.app.selected_post().unwrap().category, "business");
    assert!(message(&f.app).contains("no category 9"));
}

// ----- undo and redo -----

#[test]
fn undo_and_redo_walk_a_chain_of_every_kind_of_change() {
    let mut f = open(Some(&balanced()));
    let start = f.app.schedule().clone();
    // add, edit, duplicate, move, category change, delete
    let steps = [
        "aNew one<Enter>",
        "e<C-u>Renamed<Enter>",
        "y",
        "L",
        "c",
        "d",
    ];
    let mut states = vec![start.clone()];
    for s in steps {
        keys(&mut f.app, s);
        states.push(f.app.schedule().clone());
    }
    for i in (0..steps.len()).rev() {
        keys(&mut f.app, "u");
        assert_eq!(f.app.schedule(), &states[i], "after undoing step {}", i + 1);
    }
    assert!(!f.app.is_dirty());
    keys(&mut f.app, "u");
    assert_eq!(message(&f.app), "nothing to undo");
    for (i, state) in states.iter().enumerate().skip(1) {
        keys(&mut f.app, "<C-r>");
        assert_eq!(f.app.schedule(), state, "after redoing step {i}");
    }
    keys(&mut f.app, "<C-r>");
    assert_eq!(message(&f.app), "nothing to redo");
}

#[test]
fn undo_shows_the_week_of_the_change() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "d]]]");
    assert_eq!(f.app.week().to_string(), "2026-W51");
    keys(&mut f.app, "u");
    assert_eq!(f.app.week().to_string(), "2026-W48");
    assert_eq!(f.app.selected_post().unwrap().id, "b1");
}

#[test]
fn undo_reaches_back_a_hundred_and_fifty_steps() {
    let mut f = open(Some(&balanced()));
    let start = f.app.schedule().clone();
    for _ in 0..150 {
        keys(&mut f.app, "c");
    }
    for _ in 0..150 {
        keys(&mut f.app, "u");
    }
    assert_eq!(f.app.schedule(), &start);
}

#[test]
fn a_new_change_after_undo_drops_the_redo_steps() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "dud");
    keys(&mut f.app, "<C-r>");
    assert_eq!(message(&f.app), "nothing to redo");
}

// ----- suggestions (f) -----

fn this_week() -> Week {
    Week::containing(date(TODAY), config().week_start)
}

/// A post at 09:00 on every day of the week, in the order given (E, B, P, C).
fn full_week(letters: &str) -> String {
    let mut s = String::from("version = 1\n");
    for (i, c) in letters.chars().enumerate() {
        let category = match c {
            'E' => "everyday",
            'B' => "business",
            'P' => "partner",
            _ => "contest",
        };
        let day = format!("2026-11-{}", 23 + i);
        s += &post(&format!("p{i}"), &day, "09:00", category, "t");
    }
    s
}

/// Monday 12:00 and Wednesday 09:00 are planned; the other 09:00 slots are open.
fn half_planned() -> String {
    let mut s = String::from("version = 1\n");
    s += &post("e1", "2026-11-23", "12:00", "everyday", "Coffee at noon");
    s += &post("b1", "2026-11-25", "09:00", "business", "New notebooks");
    s
}

fn status_line(app: &App) -> String {
    let s = screen(app, 100, 30);
    s.lines().last().unwrap_or_default().to_string()
}

#[test]
fn f_shows_the_plan_as_ghosts_without_changing_the_schedule() {
    let mut f = open(None);
    keys(&mut f.app, "f");
    let shown = f.app.suggestion().unwrap();
    // Today is Wednesday: Monday's and Tuesday's slots have passed.
    assert_eq!(shown.posts().len(), 5);
    assert!(f.app.schedule().is_empty());
    assert!(!f.app.is_dirty());
    assert!(
        status_line(&f.app).contains("Enter accepts all 5, Space this one, - skips it"),
        "{}",
        status_line(&f.app)
    );
    // The mix panel shows the week as it would be.
    assert_eq!(f.app.report().total, 5);
}

#[test]
fn the_detail_line_of_an_empty_day_counts_its_suggestions() {
    let mut f = open(None);
    keys(&mut f.app, "f");
    // A click on the day's name selects the day, not its suggestion.
    f.app.handle_event(&left_click(30, 1));
    assert!(f.app.selected_ghost().is_none());
    let s = screen(&f.app, 100, 30);
    assert!(
        s.contains("no posts yet; 1 suggested (Enter accepts every suggestion)"),
        "{s}"
    );
    keys(&mut f.app, "<Esc>");
    assert!(screen(&f.app, 100, 30).contains("no posts (a adds one)"));
}

#[test]
fn the_ghosts_are_the_posts_suggest_apply_adds() {
    let mut f = open(Some(&half_planned()));
    keys(&mut f.app, "f");
    let plan = f.app.mix().plan(f.app.schedule(), this_week());
    let want: Vec<_> = plan
        .posts(&config())
        .into_iter()
        .map(|p| (p.date, p.time, p.category, p.title, p.status))
        .collect();
    let shown: Vec<_> = f
        .app
        .suggestion()
        .unwrap()
        .posts()
        .iter()
        .cloned()
        .map(|p| (p.date, p.time, p.category, p.title, p.status))
        .collect();
    assert_eq!(shown, want);
}

#[test]
fn f_then_enter_on_an_empty_week_gives_a_balanced_week_of_ideas() {
    let mut f = open(None);
    keys(&mut f.app, "f+");
    assert!(f.app.suggestion().is_none());
    let report = f.app.mix().check(f.app.schedule(), this_week());
    assert!(report.ok(), "{:?}", report.findings);
    // Today is Wednesday: Monday's and Tuesday's slots have passed.
    assert_eq!(report.total, 5);
    assert!(
        f.app
            .schedule()
            .iter()
            .all(|p| p.status == mixcal::testing::domain::Status::Idea)
    );
    // The first idea, Wednesday's, is selected.
    assert_eq!(f.app.selected_date(), date("2026-11-25"));
    assert_eq!(
        selected_title(&f.app).as_deref(),
        Some("Everyday post idea")
    );
    assert!(f.app.is_dirty());
    assert!(
        message(&f.app).contains("added 5 posts"),
        "{}",
        message(&f.app)
    );
}

#[test]
fn one_undo_takes_back_every_accepted_suggestion_and_redo_restores_them() {
    let mut f = open(Some(&half_planned()));
    let before = f.app.schedule().clone();
    keys(&mut f.app, "f+");
    let accepted = f.app.schedule().clone();
    // Wednesday's slot has its post; Thursday to Sunday get one each.
    assert_eq!(accepted.len(), 6);
    keys(&mut f.app, "u");
    assert_eq!(f.app.schedule(), &before);
    assert!(!f.app.is_dirty());
    keys(&mut f.app, "<C-r>");
    assert_eq!(f.app.schedule(), &accepted);
    keys(&mut f.app, "u");
    assert_eq!(f.app.schedule(), &before);
}

#[test]
fn esc_dismisses_the_suggestions_without_a_change() {
    let mut f = open(Some(&half_planned()));
    let before = f.app.schedule().clone();
    keys(&mut f.app, "f<Esc>");
    assert!(f.app.suggestion().is_none());
    assert_eq!(f.app.schedule(), &before);
    assert!(!f.app.is_dirty());
    assert_eq!(f.app.report().total, 2);
    assert_eq!(message(&f.app), "suggestions dismissed");
}

#[test]
fn moving_within_the_week_keeps_the_suggestions_and_leaving_it_dismisses_them() {
    let mut f = open(Some(&half_planned()));
    keys(&mut f.app, "fhlj");
    assert!(f.app.suggestion().is_some());
    keys(&mut f.app, "]");
    assert!(f.app.suggestion().is_none());
    keys(&mut f.app, "[fllllll");
    assert_eq!(f.app.week().to_string(), "2026-W49");
    assert!(f.app.suggestion().is_none());
    assert_eq!(f.app.schedule().len(), 2);
}

#[test]
fn another_command_dismisses_the_suggestions_before_it_runs() {
    let mut f = open(Some(&half_planned()));
    keys(&mut f.app, "fa");
    assert!(f.app.suggestion().is_none());
    assert!(matches!(f.app.popup(), Some(Popup::Form(_))));
}

#[test]
fn a_week_that_adding_posts_cannot_balance_says_what_to_change() {
    let mut f = open(Some(&drifted()));
    keys(&mut f.app, "f");
    let plan = f.app.mix().plan(f.app.schedule(), this_week());
    let advice = f.app.mix().words().plan_advice(&plan).unwrap();
    // A contest keeps its category: the second one moves on.
    assert!(
        advice.starts_with("to balance the week, also move Wed 09:00 \"Giveaway two\""),
        "{advice}"
    );
    let shown = f.app.suggestion().unwrap();
    assert_eq!(shown.advice(&f.app.config), Some(advice));
    let s = screen(&f.app, 120, 30);
    assert!(s.contains("→ to balance the week, also move"), "{s}");
    assert!(s.contains("then r makes the change"), "{s}");
}

#[test]
fn a_full_balanced_week_has_nothing_to_suggest() {
    let mut f = open(Some(&full_week("EEBEEPE")));
    keys(&mut f.app, "f");
    assert!(f.app.suggestion().is_none());
    assert_eq!(f.app.message().unwrap().0, Level::Info);
    assert!(
        message(&f.app).contains("this week is balanced"),
        "{}",
        message(&f.app)
    );
}

#[test]
fn a_full_week_that_is_not_balanced_says_what_to_change() {
    let mut f = open(Some(&full_week("EBCEECE")));
    let before = f.app.schedule().clone();
    keys(&mut f.app, "f");
    assert!(f.app.suggestion().unwrap().posts().is_empty());
    let s = screen(&f.app, 120, 30);
    // The second contest moves on rather than become an everyday post.
    assert!(s.contains("→ to balance the week, move Sat 09:00"), "{s}");
    assert!(
        s.contains("every posting slot still to come has a post"),
        "{s}"
    );
    keys(&mut f.app, "<Enter>");
    assert!(f.app.suggestion().is_none());
    assert_eq!(f.app.schedule(), &before);
    assert!(!f.app.is_dirty());
}

/// Thursday has three slots and posts at 08:00 and 18:00: its 13:00 slot is
/// open between them (the 08:00 post takes the 09:00 slot, its nearest).
fn thursday_with_a_slot_between() -> Fixture {
    let mut text = String::from("version = 1\n");
    text += &post("e1", "2026-11-26", "08:00", "everyday", "Early coffee");
    text += &post("e2", "2026-11-26", "18:00", "everyday", "Coffee at six");
    let config = Config::from_layers(&[
        ("<built-in>", mixcal::testing::config::DEFAULT_TOML),
        (
            "user",
            "[slots]\nthursday = [\"09:00\", \"13:00\", \"18:00\"]\n",
        ),
    ])
    .unwrap();
    open_with(config, Some(&text))
}

fn click(column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

/// The screen row (from the top) of the card in Thursday's column whose first
/// line holds `text`.
fn thursday_row(app: &App, text: &str) -> u16 {
    let s = screen(app, 100, 30);
    s.lines()
        .position(|l| {
            let cells: String = l.trim_matches('"').chars().skip(45).take(13).collect();
            cells.contains(text)
        })
        .unwrap_or_else(|| panic!("no {text} on Thursday:\n{s}")) as u16
}

#[test]
fn a_click_on_a_post_below_a_ghost_selects_that_post() {
    let mut f = thursday_with_a_slot_between();
    keys(&mut f.app, "f");
    // Thursday: 08:00, the 13:00 ghost, then 18:00.
    let six = thursday_row(&f.app, "18:00");
    f.app.handle_event(&click(47, six + 1));
    assert_eq!(selected_title(&f.app).as_deref(), Some("Coffee at six"));
    assert!(f.app.suggestion().is_some());
}

#[test]
fn a_click_on_a_ghost_selects_it() {
    let mut f = thursday_with_a_slot_between();
    keys(&mut f.app, "f");
    let ghost = thursday_row(&f.app, "13:00");
    assert!(thursday_row(&f.app, "+") == ghost);
    f.app
        .handle_event(&click(47, thursday_row(&f.app, "08:00")));
    assert_eq!(selected_title(&f.app).as_deref(), Some("Early coffee"));
    f.app.handle_event(&click(47, ghost + 1));
    assert!(f.app.selected_post().is_none());
    let (selected, _) = f.app.selected_ghost().unwrap();
    assert_eq!(selected.date, Some(date("2026-11-26")));
    assert_eq!(
        selected.time.map(|t| t.to_string()).as_deref(),
        Some("13:00:00")
    );
    assert!(f.app.suggestion().is_some());
}

#[test]
fn screen_suggestions_as_ghost_rows() {
    let mut f = open(Some(&half_planned()));
    keys(&mut f.app, "f");
    let s = screen(&f.app, 140, 30);
    assert!(s.contains("09:00 E+"), "{s}");
    assert!(s.contains("Everyday post idea"), "{s}");
    insta::assert_snapshot!(s);
}

// ----- saving and quitting -----

#[test]
fn save_writes_exactly_the_calendars_posts() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "aBehind the scenes 🎬<Enter>d[ld");
    keys(&mut f.app, "s");
    assert!(!f.app.is_dirty());
    assert!(message(&f.app).starts_with("saved"));
    let (loaded, _) = Store::open(&f.path, &config()).unwrap();
    assert_eq!(&loaded, f.app.schedule());
    assert!(store::backup_path(&f.path).exists());
}

#[test]
fn save_on_a_missing_file_creates_it() {
    let mut f = open(None);
    keys(&mut f.app, "aFirst post<Enter>s");
    let text = std::fs::read_to_string(&f.path).unwrap();
    assert!(text.contains("title = \"First post\""), "{text}");
    assert!(
        message(&f.app).starts_with("saved 1 post to "),
        "{}",
        message(&f.app)
    );
}

#[test]
fn a_move_says_where_the_post_went() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "L");
    assert_eq!(
        message(&f.app),
        "moved “New notebooks in the shop” to Thu 26 Nov (u undoes)"
    );
}

#[test]
fn the_empty_week_hint_fits_a_narrow_terminal() {
    let f = open(None);
    let s = screen(&f.app, 60, 20);
    assert!(
        s.contains("No posts yet. Press a to add one, ? for help."),
        "{s}"
    );
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "d");
    std::fs::write(&f.path, drifted()).unwrap();
    keys(&mut f.app, "s");
    assert!(matches!(f.app.popup(), Some(Popup::Conflict { .. })));
    keys(&mut f.app, "c");
    assert!(f.app.popup().is_none());
    assert_eq!(std::fs::read_to_string(&f.path).unwrap(), drifted());
    assert!(f.app.is_dirty());
}

#[test]
fn overwrite_keeps_the_other_version_as_bak() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "d");
    std::fs::write(&f.path, drifted()).unwrap();
    keys(&mut f.app, "so");
    let (loaded, _) = Store::open(&f.path, &config()).unwrap();
    assert_eq!(&loaded, f.app.schedule());
    assert_eq!(
        std::fs::read_to_string(store::backup_path(&f.path)).unwrap(),
        drifted()
    );
}

#[test]
fn reload_takes_the_file_and_keeps_the_unsaved_version_beside_it() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "d");
    std::fs::write(&f.path, drifted()).unwrap();
    keys(&mut f.app, "sr");
    assert!(titles(&f.app).contains(&"Giveaway two".to_string()));
    assert!(!f.app.is_dirty());
    let kept = f.path.with_file_name("schedule.toml.recovered.toml");
    let kept = store::parse(&std::fs::read_to_string(kept).unwrap(), "kept", &config()).unwrap();
    assert_eq!(kept.len(), 6);
    assert!(kept.get("b1").is_none());
}

#[cfg(unix)]
#[test]
fn a_read_only_file_asks_before_saving_anyway_and_stays_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let mut f = open(Some(&balanced()));
    std::fs::set_permissions(&f.path, std::fs::Permissions::from_mode(0o444)).unwrap();
    keys(&mut f.app, "ds");
    assert!(matches!(f.app.popup(), Some(Popup::ReadOnly { .. })));
    let s = screen(&f.app, 80, 24);
    assert!(s.contains("schedule.toml is read-only."), "{s}");
    assert!(s.contains("(o) save anyway (it stays read-only)"), "{s}");
    assert!(s.contains("(c) cancel"), "{s}");
    keys(&mut f.app, "c");
    assert_eq!(message(&f.app), "not saved");
    assert_eq!(std::fs::read_to_string(&f.path).unwrap(), balanced());
    keys(&mut f.app, "so");
    assert!(
        message(&f.app).starts_with("saved 6 posts"),
        "{}",
        message(&f.app)
    );
    assert!(!f.app.is_dirty());
    let meta = std::fs::metadata(&f.path).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o444);
}

#[test]
fn a_second_reload_keeps_both_unsaved_versions() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "d");
    std::fs::write(&f.path, drifted()).unwrap();
    keys(&mut f.app, "sr");
    keys(&mut f.app, "d");
    std::fs::write(&f.path, balanced()).unwrap();
    keys(&mut f.app, "sr");
    assert!(
        message(&f.app).contains("schedule.toml.recovered-2.toml"),
        "{}",
        message(&f.app)
    );
    let first =
        std::fs::read_to_string(f.path.with_file_name("schedule.toml.recovered.toml")).unwrap();
    let second =
        std::fs::read_to_string(f.path.with_file_name("schedule.toml.recovered-2.toml")).unwrap();
    assert_ne!(first, second);
}

#[test]
fn the_calendar_stops_at_the_edges_of_the_dates_it_can_keep() {
    let text = format!(
        "version = 1\n{}{}",
        post("last", "9999-12-31", "09:00", "everyday", "Last post"),
        post("first", "0001-01-01", "09:00", "everyday", "First post"),
    );
    let mut f = open(Some(&text));
    f.app.select_id("last");
    let last_week = f.app.week();
    keys(&mut f.app, "]]lll");
    assert_eq!(f.app.week(), last_week, "no week after the last");
    f.app.select_id("last");
    keys(&mut f.app, "L");
    assert!(
        message(&f.app).contains("+10000-01-01 is out of range"),
        "{}",
        message(&f.app)
    );
    assert_eq!(
        f.app.schedule().get("last").unwrap().date,
        Some(date("9999-12-31"))
    );
    assert!(!f.app.is_dirty());
    // The days of the last week past 9999-12-31 cannot be selected, by key
    // or by go-to, and a post typed onto one is refused.
    keys(&mut f.app, "ll");
    assert_eq!(f.app.selected_date(), date("9999-12-31"));
    keys(&mut f.app, "g+10000w<Enter>");
    assert_eq!(f.app.selected_date(), date("9999-12-31"));
    keys(&mut f.app, "aToo late<Tab><C-u>+10000-01-01<Enter>");
    assert_eq!(f.app.schedule().len(), 2);
    let s = screen(&f.app, 100, 30);
    assert!(
        s.contains("out of range") || s.contains("not a date"),
        "{s}"
    );
    keys(&mut f.app, "<Esc>");
    assert!(f.app.popup().is_none());
    // Nor does a date typed into the form.
    f.app.select_id("first");
    keys(&mut f.app, "e<Tab><C-u>0000-12-31<Enter>");
    let s = screen(&f.app, 100, 30);
    assert!(s.contains("`0000-12-31` is out of range"), "{s}");
    keys(&mut f.app, "<Esc>");
    assert_eq!(
        f.app.schedule().get("first").unwrap().date,
        Some(date("0001-01-01"))
    );
    f.app.select_id("first");
    let first_week = f.app.week();
    keys(&mut f.app, "[[hhh");
    assert_eq!(f.app.week(), first_week, "no week before the first");
    f.app.select_id("first");
    keys(&mut f.app, "H");
    assert!(
        message(&f.app).contains("out of range"),
        "{}",
        message(&f.app)
    );
    for size in [(60, 20), (80, 24), (120, 40)] {
        let _ = screen(&f.app, size.0, size.1);
    }
    keys(&mut f.app, "v<Up><Up><Up><Down><Down><Down><Down><Esc>");
}

#[test]
fn quit_without_changes_quits_at_once() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "q");
    assert!(f.app.should_quit());
}

#[test]
fn ctrl_c_quits_too() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "<C-c>");
    assert!(f.app.should_quit());
}

#[test]
fn ctrl_c_quits_from_any_window() {
    for window in ["a", "e", "?", "v", "x"] {
        let mut f = open(Some(&balanced()));
        keys(&mut f.app, window);
        assert!(f.app.popup().is_some(), "{window} opens no window");
        keys(&mut f.app, "<C-c>");
        assert!(f.app.should_quit(), "Ctrl-c in the {window} window");
    }
}

#[test]
fn ctrl_c_in_a_window_with_unsaved_changes_asks() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "da<C-c>");
    assert!(!f.app.should_quit());
    assert!(matches!(f.app.popup(), Some(Popup::QuitPrompt)));
}

#[test]
fn quit_with_changes_asks_and_c_cancels() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "dq");
    assert!(matches!(f.app.popup(), Some(Popup::QuitPrompt)));
    assert!(!f.app.should_quit());
    keys(&mut f.app, "c");
    assert!(f.app.popup().is_none());
    assert!(!f.app.should_quit());
}

#[test]
fn quit_and_n_leaves_the_file_alone() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "dqn");
    assert!(f.app.should_quit());
    assert_eq!(std::fs::read_to_string(&f.path).unwrap(), balanced());
}

#[test]
fn quit_and_y_saves_then_quits() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "dqy");
    assert!(f.app.should_quit());
    let (loaded, _) = Store::open(&f.path, &config()).unwrap();
    assert_eq!(loaded.len(), 6);
}

#[test]
fn quit_and_y_on_a_conflict_asks_before_quitting() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "d");
    std::fs::write(&f.path, drifted()).unwrap();
    keys(&mut f.app, "qy");
    assert!(matches!(
        f.app.popup(),
        Some(Popup::Conflict { quit_after: true })
    ));
    keys(&mut f.app, "o");
    assert!(f.app.should_quit());
}

// ----- popups and the rest -----

#[test]
fn help_opens_and_esc_closes_it() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "?");
    assert!(matches!(f.app.popup(), Some(Popup::Help { .. })));
    keys(&mut f.app, "d");
    assert_eq!(
        f.app.schedule().len(),
        7,
        "keys do not reach the calendar under help"
    );
    keys(&mut f.app, "<Esc>");
    assert!(f.app.popup().is_none());
}

#[test]
fn help_lists_the_rebound_keys() {
    let config = Config::from_layers(&[
        ("<built-in>", mixcal::testing::config::DEFAULT_TOML),
        ("user.toml", "[keys]\nsave = \"ctrl-s\"\n"),
    ])
    .unwrap();
    let mut app = app(
        config,
        Schedule::new(),
        Store::new_file(&PathBuf::from("x.toml")),
    );
    keys(&mut app, "?");
    let s = screen(&app, 200, 50);
    assert!(
        s.lines()
            .any(|l| l.contains("Ctrl-s") && l.contains("save")),
        "{s}"
    );
}

#[test]
fn the_overview_opens_the_chosen_week() {
    let mut f = open(Some(&drifted()));
    keys(&mut f.app, "v");
    let Some(Popup::Overview(o)) = f.app.popup() else {
        panic!("no overview");
    };
    assert_eq!(o.reports.len(), 5);
    assert_eq!(o.selected().unwrap().to_string(), "2026-W48");
    assert!(!o.reports[2].ok());
    keys(&mut f.app, "jj<Down><Enter>");
    assert!(f.app.popup().is_none());
    assert_eq!(f.app.week().to_string(), "2026-W51");
}

#[test]
fn v_and_esc_close_the_overview() {
    let mut f = open(Some(&drifted()));
    keys(&mut f.app, "vv");
    assert!(f.app.popup().is_none());
    keys(&mut f.app, "vk<Esc>");
    assert!(f.app.popup().is_none());
    assert_eq!(f.app.week().to_string(), "2026-W48");
}

#[test]
fn a_click_selects_a_day_and_a_post() {
    let mut f = open(Some(&drifted()));
    // 100 columns: seven columns of 13 or 14 cells; Tuesday starts at 15.
    let click = |column, row| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Tuesday's cards: "Offer one" on rows 2-3, "Giveaway one" on rows 4-5.
    f.app.handle_event(&click(16, 5));
    assert_eq!(f.app.selected_date(), date("2026-11-24"));
    assert_eq!(selected_title(&f.app).as_deref(), Some("Giveaway one"));
    f.app.handle_event(&click(90, 1));
    assert_eq!(f.app.selected_date(), date("2026-11-29"));
}

#[test]
fn the_wheel_changes_the_week() {
    let mut f = open(Some(&drifted()));
    let wheel = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 10,
            row: 10,
            modifiers: KeyModifiers::NONE,
        })
    };
    f.app.handle_event(&wheel(MouseEventKind::ScrollDown));
    assert_eq!(f.app.week().to_string(), "2026-W49");
    f.app.handle_event(&wheel(MouseEventKind::ScrollUp));
    f.app.handle_event(&wheel(MouseEventKind::ScrollUp));
    assert_eq!(f.app.week().to_string(), "2026-W47");
}

#[test]
fn a_day_with_more_posts_than_rows_scrolls_to_the_selection() {
    let mut text = String::from("version = 1\n");
    for i in 0..30 {
        text += &post(
            &format!("p{i:02}"),
            TODAY,
            &format!("{:02}:{:02}", 6 + i / 2, (i % 2) * 30),
            "everyday",
            &format!("post {i:02}"),
        );
    }
    let mut f = open(Some(&text));
    let first = screen(&f.app, 100, 30);
    assert!(first.contains("more"), "{first}");
    for _ in 0..29 {
        keys(&mut f.app, "j");
    }
    let last = screen(&f.app, 100, 30);
    assert_eq!(selected_title(&f.app).as_deref(), Some("post 29"));
    assert!(
        last.contains("post 29"),
        "the last post is not on screen:\n{last}"
    );
    assert!(last.contains("↑"), "no sign of the posts above:\n{last}");
}

#[test]
fn the_demo_week_is_this_week_and_unsaved() {
    let config = config();
    let today = date("2027-03-10");
    let demo = mixcal::testing::tui::demo_schedule(&config, today).unwrap();
    let week = Week::containing(today, config.week_start);
    assert_eq!(demo.week(week).count(), demo.len());
    assert!(demo.len() >= 7);
}

// ----- exporting -----

fn exported(f: &Fixture, name: &str) -> String {
    let path = f.path.with_file_name(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn x_then_enter_writes_the_shown_week_as_icalendar_next_to_the_schedule() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "x<Enter>");
    let ics = exported(&f, "schedule-2026-W48.ics");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 7, "{ics}");
    assert!(ics.contains("SUMMARY:Team lunch 🍜"), "{ics}");
    assert!(f.app.popup().is_none());
    let m = message(&f.app);
    assert!(m.starts_with("exported 7 posts (ICS) to "), "{m}");
    assert!(m.ends_with("schedule-2026-W48.ics"), "{m}");
}

#[test]
fn the_export_range_and_format_are_chosen_with_arrows() {
    let mut f = open(Some(
        &(balanced() + &post("n1", "2027-03-01", "10:00", "business", "Spring")),
    ));
    // Format: ICS → CSV; range: this week → 4 weeks → everything.
    keys(&mut f.app, "x<Right><Tab><Right><Right><Enter>");
    let csv = exported(&f, "schedule-all.csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "date,time,category,channel,partner,title,notes,link,media,minutes,spent,responses,status,id"
        )
    );
    assert_eq!(lines.count(), 8, "{csv}");
    assert!(csv.contains("2027-03-01,10:00,business,,,Spring,"), "{csv}");
}

#[test]
fn the_four_weeks_range_leaves_out_later_posts() {
    let mut f = open(Some(
        &(balanced() + &post("n1", "2027-03-01", "10:00", "business", "Spring")),
    ));
    keys(&mut f.app, "x<Left><Tab><Right><Enter>");
    let toml = exported(&f, "schedule-2026-W48-W51.toml");
    assert_eq!(toml.matches("[[post]]").count(), 7, "{toml}");
    assert!(!toml.contains("Spring"), "{toml}");
}

#[test]
fn the_export_writes_unsaved_changes_and_leaves_the_schedule_file_alone() {
    let mut f = open(Some(&balanced()));
    let before = std::fs::read_to_string(&f.path).unwrap();
    keys(&mut f.app, "dx<Left><Enter>");
    let toml = exported(&f, "schedule-2026-W48.toml");
    assert_eq!(toml.matches("[[post]]").count(), 6, "{toml}");
    assert_eq!(std::fs::read_to_string(&f.path).unwrap(), before);
    assert!(f.app.is_dirty());
}

#[test]
fn an_existing_export_file_is_replaced_only_after_a_second_enter() {
    let mut f = open(Some(&balanced()));
    let target = f.path.with_file_name("schedule-2026-W48.ics");
    std::fs::write(&target, "keep me").unwrap();
    keys(&mut f.app, "x<Enter>");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    assert!(matches!(f.app.popup(), Some(Popup::Export(_))));
    assert!(screen(&f.app, 100, 30).contains("already exists: Enter again replaces it"));
    keys(&mut f.app, "<Enter>");
    assert!(exported(&f, "schedule-2026-W48.ics").starts_with("BEGIN:VCALENDAR"));
}

#[test]
fn esc_closes_the_export_popup_without_writing() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "x<Esc>");
    assert!(f.app.popup().is_none());
    assert!(!f.path.with_file_name("schedule-2026-W48.ics").exists());
}

#[test]
fn the_export_refuses_to_write_over_the_schedule() {
    let mut f = open(Some(&balanced()));
    let before = std::fs::read_to_string(&f.path).unwrap();
    let path = f.path.display().to_string();
    keys(&mut f.app, "x<Tab><Tab><C-u>");
    keys(&mut f.app, &path);
    keys(&mut f.app, "<Enter><Enter>");
    assert_eq!(std::fs::read_to_string(&f.path).unwrap(), before);
    assert!(screen(&f.app, 100, 30).contains("is the schedule itself"));
}

#[test]
fn the_export_refuses_another_spelling_of_a_schedule_not_yet_saved() {
    let mut f = open(None);
    let sub = f.path.with_file_name("sub");
    std::fs::create_dir(&sub).unwrap();
    keys(&mut f.app, "aFirst post<Enter>x<Tab><Tab><C-u>");
    keys(
        &mut f.app,
        &sub.join("..").join("schedule.toml").display().to_string(),
    );
    keys(&mut f.app, "<Enter><Enter>");
    assert!(!f.path.exists());
    assert!(screen(&f.app, 120, 30).contains("is the schedule itself"));
}

#[test]
fn the_export_makes_the_folder_of_a_schedule_not_yet_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixcal").join("schedule.toml");
    let config = config();
    let (schedule, store) = Store::open_or_new(&path, &config).unwrap();
    let mut app = app(config, schedule, store);
    keys(&mut app, "a");
    keys(&mut app, "First post<Enter>");
    keys(&mut app, "x<Left><Enter>");
    let exported = dir.path().join("mixcal").join("schedule-2026-W48.toml");
    let toml = std::fs::read_to_string(&exported).unwrap();
    assert!(toml.contains("First post"), "{toml}");
    assert!(!path.exists());
}

#[test]
fn the_export_names_a_missing_folder_and_writes_nothing() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "x<Tab><Tab><C-u>");
    let missing = f.path.with_file_name("nope").join("week.ics");
    keys(&mut f.app, &missing.display().to_string());
    keys(&mut f.app, "<Enter>");
    assert!(!missing.exists());
    let s = screen(&f.app, 120, 30);
    assert!(s.contains("does not exist"), "{s}");
    assert!(matches!(f.app.popup(), Some(Popup::Export(_))));
}

#[test]
fn a_hootsuite_export_says_what_it_warns_about() {
    let text = balanced().replace("time = 18:00:00\n", "");
    let mut f = open(Some(&text));
    // Before the week: no post is in the past, so the left-out one is the first warning.
    f.app.set_clock(Clock::Fixed(
        date("2026-11-22").and_hms_opt(12, 0, 0).unwrap(),
    ));
    keys(&mut f.app, "x<Right><Right>");
    let s = screen(&f.app, 120, 30);
    assert!(s.contains("Hootsuite CSV"), "{s}");
    assert!(s.contains("4 of 8"), "{s}");
    assert!(
        s.contains("6 posts; 1 left out (untimed or not planned)"),
        "{s}"
    );
    keys(&mut f.app, "<Enter>");
    let csv = exported(&f, "schedule-2026-W48-hootsuite.csv");
    assert_eq!(csv.lines().count(), 6, "{csv}");
    let (level, m) = f.app.message().cloned().unwrap();
    assert_eq!(level, Level::Warning);
    assert!(m.starts_with("exported 6 posts (Hootsuite CSV)"), "{m}");
    assert!(m.contains("warning: 1 post left out"), "{m}");
}

// ----- a real week: cards, detail, agenda -----

/// A string as a TOML basic string.
fn quoted(s: &str) -> String {
    format!("{s:?}")
}

/// A bakery's week as people write it: 07:30, 12:00 and 18:00 posts, long
/// titles, emoji and Japanese, channels, notes over two lines, a link, an idea
/// and a published post; and one post two weeks later.
fn bakery() -> String {
    let mut s = String::from("version = 1\n");
    let posts: [(&str, &str, &str, &str, &str, &str, &str); 8] = [
        (
            "a1",
            "2026-11-23",
            "07:30",
            "everyday",
            "Croissants fresh from the oven at half past seven, still warm",
            "instagram",
            "planned",
        ),
        (
            "a2",
            "2026-11-23",
            "12:00",
            "business",
            "Lunch special: rye sourdough with soup",
            "facebook",
            "planned",
        ),
        (
            "a3",
            "2026-11-24",
            "18:00",
            "everyday",
            "Behind the scenes: shaping 200 pretzels before dawn 🥨",
            "instagram",
            "published",
        ),
        (
            "a4",
            "2026-11-25",
            "07:30",
            "partner",
            "Café Müller serves our bread now ☕ go say hello",
            "instagram",
            "planned",
        ),
        (
            "a5",
            "2026-11-26",
            "12:00",
            "everyday",
            "日本語のタイトル: パン屋の一日 and our team lunch",
            "tiktok",
            "idea",
        ),
        (
            "a6",
            "2026-11-27",
            "18:00",
            "everyday",
            "Friday night: the team tastes the new cinnamon rolls 🎉🎉",
            "instagram",
            "planned",
        ),
        (
            "a7",
            "2026-11-28",
            "07:30",
            "everyday",
            "Saturday market stall at the square from 8 to 13",
            "facebook",
            "planned",
        ),
        (
            "b1",
            "2026-12-07",
            "09:00",
            "everyday",
            "Advent stollen baking begins",
            "instagram",
            "planned",
        ),
    ];
    for (id, day, time, category, title, channel, status) in posts {
        s += &format!(
            "\n[[post]]\nid = \"{id}\"\ndate = {day}\ntime = {time}:00\ncategory = \"{category}\"\ntitle = {}\nchannel = \"{channel}\"\nstatus = \"{status}\"\n",
            quoted(title)
        );
        if id == "a1" {
            s += "notes = \"500 g €12\\n1 kg €22\"\nlink = \"https://example.com/croissants\"\n";
        }
    }
    s
}

const SIZES: [(u16, u16); 4] = [(60, 20), (80, 24), (120, 40), (200, 50)];

#[test]
fn screens_of_a_real_week_at_every_size() {
    for (w, h) in SIZES {
        let mut f = open(Some(&bakery()));
        let s = sized(&mut f.app, w, h);
        insta::assert_snapshot!(format!("week_{w}x{h}"), s);
    }
}

#[test]
fn screens_of_the_week_grid_and_the_agenda_at_every_size() {
    for (w, h) in SIZES {
        let mut f = open(Some(&bakery()));
        sized(&mut f.app, w, h);
        // Below 80 columns the agenda is the default; A shows the other one.
        keys(&mut f.app, "A");
        let other = if w < 80 { "grid" } else { "agenda" };
        insta::assert_snapshot!(format!("{other}_{w}x{h}"), screen(&f.app, w, h));
    }
}

#[test]
fn screens_of_the_detail_panel_with_notes_and_a_link() {
    for (w, h) in SIZES {
        let mut f = open(Some(&bakery()));
        sized(&mut f.app, w, h);
        keys(&mut f.app, "hh");
        assert_eq!(f.app.selected_post().unwrap().id, "a1");
        insta::assert_snapshot!(format!("detail_{w}x{h}"), screen(&f.app, w, h));
    }
}

#[test]
fn screens_of_search_and_go_to() {
    for (w, h) in SIZES {
        let mut f = open(Some(&bakery()));
        sized(&mut f.app, w, h);
        keys(&mut f.app, "/CAFE MULLER");
        insta::assert_snapshot!(format!("search_prompt_{w}x{h}"), screen(&f.app, w, h));
        keys(&mut f.app, "<Enter>");
        insta::assert_snapshot!(format!("search_match_{w}x{h}"), screen(&f.app, w, h));
        keys(&mut f.app, "<Esc>g2026-W50");
        insta::assert_snapshot!(format!("go_to_prompt_{w}x{h}"), screen(&f.app, w, h));
    }
}

/// Each title's cells as the week draws them: the title's words found, in
/// order, in the day's column.
fn readable_cells(screen: &str, title: &str) -> usize {
    let text: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut cells = 0;
    let mut words = String::new();
    for word in title.split(' ') {
        let candidate = if words.is_empty() {
            word.to_string()
        } else {
            format!("{words} {word}")
        };
        // Every word must be there whole (or its cut start, ending in …).
        if text.contains(word) {
            words = candidate;
            cells = unicode_width::UnicodeWidthStr::width(words.as_str());
        } else {
            break;
        }
    }
    cells
}

#[test]
fn at_80_by_24_every_title_of_a_seven_post_week_shows_its_first_twenty_cells() {
    let mut f = open(Some(&bakery()));
    let s = sized(&mut f.app, 80, 24);
    assert!(!f.app.agenda(), "80 columns start in the grid");
    // The columns only: everything above the detail panel.
    let grid: String = s.lines().take(14).collect::<Vec<_>>().join("\n");
    let columns: Vec<String> = (0..7)
        .map(|day| {
            grid.lines()
                .skip(2)
                .map(|l| {
                    let l = l.trim_matches('"');
                    l.split('│').nth(day).unwrap_or("").trim_end().to_string()
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    for (day, title) in [
        (0, "Croissants fresh from the oven"),
        (1, "Behind the scenes: shaping"),
        (2, "Café Müller serves our bread"),
        (4, "Friday night: the team tastes"),
        (5, "Saturday market stall at"),
    ] {
        let cells = readable_cells(&columns[day], title);
        assert!(
            cells >= 20,
            "day {day}: only {cells} cells of “{title}”:\n{s}"
        );
    }
    // The Japanese title has no spaces to break at: its first 20 cells are there.
    assert!(
        columns[3]
            .replace(' ', "")
            .contains("日本語のタイトル:パン屋の一"),
        "{s}"
    );
    // Times stay visible at 80 columns.
    assert!(s.contains("07:30 E") && s.contains("18:00 E✓"), "{s}");
}

#[test]
fn at_120_by_40_a_forty_character_title_is_whole() {
    let title = "Lunch special: rye sourdough & leek soup";
    assert_eq!(title.chars().count(), 40);
    let mut text = String::from("version = 1\n");
    text += &post("l1", TODAY, "12:00", "business", title);
    let mut f = open(Some(&text));
    let s = sized(&mut f.app, 120, 40);
    let column: String = s
        .lines()
        .skip(2)
        .take(4)
        .map(|l| {
            l.trim_matches('"')
                .split('│')
                .nth(2)
                .unwrap_or("")
                .trim()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join(" ");
    assert!(column.contains(title), "{column}\n{s}");
}

#[test]
fn a_day_of_eighteen_posts_keeps_the_selected_card_in_view_with_more_above_and_below() {
    let mut text = String::from("version = 1\n");
    for i in 0..18 {
        text += &post(
            &format!("c{i:02}"),
            TODAY,
            &format!("{:02}:00", 6 + i),
            "everyday",
            &format!("Croissant batch number {i:02} out of the oven"),
        );
    }
    let mut f = open(Some(&text));
    let s = sized(&mut f.app, 120, 40);
    assert!(s.contains("↓"), "{s}");
    assert!(s.contains("Croissant batch number 00"), "{s}");
    assert!(!s.contains("↑"), "{s}");
    for _ in 0..16 {
        keys(&mut f.app, "j");
    }
    let s = screen(&f.app, 120, 40);
    assert_eq!(
        selected_title(&f.app).as_deref(),
        Some("Croissant batch number 16 out of the oven")
    );
    // The selected card shows its whole title; the others one line each.
    assert!(s.contains("number 16 out of"), "{s}");
    assert!(s.contains("↑") && s.contains("↓ 1 more"), "{s}");
    keys(&mut f.app, "j");
    let s = screen(&f.app, 120, 40);
    assert!(s.contains("↑") && !s.contains("↓"), "{s}");
}

#[test]
fn the_detail_panel_puts_the_title_first_and_keeps_note_lines() {
    let mut f = open(Some(&bakery()));
    keys(&mut f.app, "hh");
    let s = sized(&mut f.app, 200, 50);
    let detail: Vec<&str> = s
        .lines()
        .filter_map(|l| l.split('│').nth(3))
        .map(str::trim)
        .collect();
    let at = |what: &str| detail.iter().position(|l| l.contains(what));
    let title = at("Croissants fresh from the oven").expect("title");
    let facts =
        at("E Everyday · planned · instagram · Mon 23 Nov 2026 07:30 · 15 min").expect("facts");
    let link = at("link https://example.com/croissants").expect("link");
    let first = at("notes 500 g €12").expect("first note line");
    let second = at("1 kg €22").expect("second note line");
    assert!(
        title < facts && facts < link && link < first && first < second,
        "{s}"
    );
}

#[test]
fn the_agenda_is_the_default_below_80_columns_and_a_toggles_it() {
    let mut f = open(Some(&bakery()));
    sized(&mut f.app, 60, 20);
    assert!(f.app.agenda());
    keys(&mut f.app, "A");
    assert!(!f.app.agenda());
    sized(&mut f.app, 120, 40);
    assert!(!f.app.agenda(), "the user's choice stays");
    keys(&mut f.app, "A");
    assert!(f.app.agenda());
    let s = screen(&f.app, 120, 40);
    assert!(
        s.contains("07:30 P   instagram  Café Müller serves our bread now ☕ go say hello"),
        "the whole title on one row:\n{s}"
    );
}

#[test]
fn in_the_agenda_j_and_k_walk_the_weeks_posts_across_days() {
    let mut f = open(Some(&bakery()));
    sized(&mut f.app, 60, 20);
    keys(&mut f.app, "hh");
    assert_eq!(f.app.selected_post().unwrap().id, "a1");
    keys(&mut f.app, "jj");
    assert_eq!(f.app.selected_post().unwrap().id, "a3");
    keys(&mut f.app, "k");
    assert_eq!(f.app.selected_post().unwrap().id, "a2");
    // Sunday has no posts: the agenda stops on its line.
    keys(&mut f.app, "jjjjjjj");
    assert_eq!(f.app.selected_date(), date("2026-11-29"));
    assert!(f.app.selected_post().is_none());
}

// ----- search, go to, channels -----

#[test]
fn search_ignores_case_and_accents_and_goes_to_the_first_match() {
    let mut f = open(Some(&bakery()));
    keys(&mut f.app, "hh/CAFE MULLER<Enter>");
    assert_eq!(f.app.selected_post().unwrap().id, "a4");
    assert!(
        message(&f.app).starts_with("match 1 of 1"),
        "{}",
        message(&f.app)
    );
    // The status line keeps the count after another key.
    keys(&mut f.app, "l");
    assert!(
        status_line(&f.app).contains("match 1 of 1"),
        "{}",
        status_line(&f.app)
    );
}

#[test]
fn search_reads_notes_channels_and_links_and_n_goes_on_across_weeks() {
    let mut f = open(Some(&bakery()));
    keys(&mut f.app, "/instagram<Enter>");
    // From the selected post (Wednesday's) on: a4, a6, then next weeks' b1.
    assert_eq!(f.app.selected_post().unwrap().id, "a4");
    assert!(
        message(&f.app).starts_with("match 3 of 5"),
        "{}",
        message(&f.app)
    );
    keys(&mut f.app, "n");
    assert_eq!(f.app.selected_post().unwrap().id, "a6");
    keys(&mut f.app, "n");
    assert_eq!(f.app.selected_post().unwrap().id, "b1");
    assert_eq!(f.app.week().to_string(), "2026-W50");
    keys(&mut f.app, "n");
    assert_eq!(f.app.selected_post().unwrap().id, "a1");
    assert!(
        message(&f.app).contains("from the first again"),
        "{}",
        message(&f.app)
    );
    keys(&mut f.app, "N");
    assert_eq!(f.app.selected_post().unwrap().id, "b1");
    keys(&mut f.app, "/1 kg<Enter>");
    assert_eq!(f.app.selected_post().unwrap().id, "a1");
    keys(&mut f.app, "/example.com/CROISSANTS<Enter>");
    assert_eq!(f.app.selected_post().unwrap().id, "a1");
}

#[test]
fn a_search_without_matches_says_so_and_esc_ends_a_search() {
    let mut f = open(Some(&bakery()));
    keys(&mut f.app, "/zzz<Enter>");
    assert!(message(&f.app).contains("no post matches “zzz”"));
    assert!(f.app.search().is_none());
    keys(&mut f.app, "n");
    assert!(message(&f.app).contains("no search yet"));
    keys(&mut f.app, "/pretzel<Enter><Esc>");
    assert!(f.app.search().is_none());
    assert_eq!(message(&f.app), "search ended");
}

#[test]
fn search_finds_posts_changed_after_it_ran() {
    let mut f = open(Some(&bakery()));
    keys(&mut f.app, "/stollen<Enter>");
    assert_eq!(f.app.search().unwrap().count(), 1);
    keys(&mut f.app, "y");
    keys(&mut f.app, "n");
    assert_eq!(f.app.search().unwrap().count(), 2);
}

#[test]
fn go_to_takes_dates_weeks_weekdays_today_and_steps() {
    let mut f = open(Some(&bakery()));
    keys(&mut f.app, "g2026-12-24<Enter>");
    assert_eq!(f.app.selected_date(), date("2026-12-24"));
    keys(&mut f.app, "gtoday<Enter>");
    assert_eq!(f.app.selected_date(), date(TODAY));
    keys(&mut f.app, "g2026-W50<Enter>");
    assert_eq!(f.app.week().to_string(), "2026-W50");
    assert_eq!(
        f.app.selected_date(),
        date("2026-12-09"),
        "the weekday stays"
    );
    keys(&mut f.app, "gfriday<Enter>");
    assert_eq!(f.app.selected_date(), date("2026-12-11"));
    keys(&mut f.app, "g-1w<Enter>");
    assert_eq!(f.app.selected_date(), date("2026-12-04"));
    keys(&mut f.app, "g+2w<Enter>");
    assert_eq!(f.app.selected_date(), date("2026-12-18"));
}

#[test]
fn go_to_with_something_it_cannot_read_stays_open_and_says_what_it_takes() {
    let mut f = open(Some(&bakery()));
    keys(&mut f.app, "gsoon<Enter>");
    let Some(Popup::Prompt(prompt)) = f.app.popup() else {
        panic!("the prompt closed");
    };
    assert!(prompt.error.as_deref().unwrap().contains("2026-W52"));
    assert!(screen(&f.app, 100, 30).contains("`soon` is not a date"));
    keys(&mut f.app, "<C-u>+1w<Enter>");
    assert!(f.app.popup().is_none());
    assert_eq!(f.app.selected_date(), date("2026-12-02"));
    keys(&mut f.app, "gxyz<Esc>");
    assert!(f.app.popup().is_none());
}

#[test]
fn c_filters_one_channel_and_the_mix_panel_shows_its_mix() {
    let mut f = open(Some(&bakery()));
    assert_eq!(f.app.report().total, 7);
    keys(&mut f.app, "C");
    assert_eq!(f.app.channel(), Some("facebook"));
    // The channel's own counts, and the findings of the rules that read it.
    let want = f.app.mix().channel(
        f.app.schedule(),
        this_week(),
        f.app.week_report(),
        "facebook",
    );
    assert_eq!(f.app.report(), &want);
    assert_eq!(f.app.report().total, 2);
    assert_eq!(f.app.report().counts["everyday"], want.counts["everyday"]);
    assert!(screen(&f.app, 100, 30).contains("Mix 2026-W48 · facebook only · 2 posts"));
    keys(&mut f.app, "C");
    assert_eq!(f.app.channel(), Some("instagram"));
    assert_eq!(f.app.report().total, 4);
    keys(&mut f.app, "CC");
    assert_eq!(f.app.channel(), None);
    assert_eq!(f.app.report().total, 7);
    assert_eq!(message(&f.app), "all channels");
}

#[test]
fn the_channel_filter_follows_edits_undo_and_reloads() {
    let mut f = open(Some(&bakery()));
    assert_eq!(f.app.channels(), ["facebook", "instagram", "tiktok"]);
    // Thursday's post is the only tiktok one: give it a new channel.
    keys(&mut f.app, "le<Tab><Tab><Tab><Tab>youtube<Enter>");
    assert_eq!(f.app.channels(), ["facebook", "instagram", "youtube"]);
    keys(&mut f.app, "u");
    assert_eq!(f.app.channels(), ["facebook", "instagram", "tiktok"]);
    keys(&mut f.app, "<C-r>");
    assert_eq!(f.app.channels(), ["facebook", "instagram", "youtube"]);
    std::fs::write(&f.path, balanced()).unwrap();
    keys(&mut f.app, "s");
    keys(&mut f.app, "r");
    assert!(f.app.channels().is_empty());
    keys(&mut f.app, "C");
    assert!(message(&f.app).contains("no post has a channel yet"));
}

/// Whether the cell where `text` starts on screen is drawn dim.
fn dim_at(app: &App, width: u16, height: u16, text: &str) -> bool {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    let buf = terminal.backend().buffer().clone();
    for y in 0..height {
        let line: String = (0..width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        if let Some(i) = line.find(text) {
            let x = line[..i].chars().count() as u16;
            return buf[(x, y)].modifier.contains(ratatui::style::Modifier::DIM);
        }
    }
    panic!("`{text}` is not on screen");
}

#[test]
fn past_days_and_other_channels_are_dimmed() {
    let mut f = open(Some(&bakery()));
    sized(&mut f.app, 200, 50);
    assert!(dim_at(&f.app, 200, 50, "Mon 23 Nov"), "a past day");
    assert!(dim_at(&f.app, 200, 50, "Croissants"), "a past post");
    assert!(!dim_at(&f.app, 200, 50, "Friday night"), "a coming post");
    keys(&mut f.app, "C");
    assert!(
        dim_at(&f.app, 200, 50, "Friday night"),
        "an instagram post under facebook"
    );
    assert!(
        !dim_at(&f.app, 200, 50, "Saturday market"),
        "a facebook post"
    );
}

#[test]
fn an_empty_week_names_the_next_planned_week_and_how_to_go_there() {
    let mut f = open(Some(&bakery()));
    keys(&mut f.app, "]");
    let s = sized(&mut f.app, 120, 40);
    assert!(
        s.contains(
            "No posts this week. The next planned week is 2026-W50 (7–13 Dec 2026): press ]."
        ),
        "{s}"
    );
    keys(&mut f.app, "[[[");
    let s = screen(&f.app, 120, 40);
    assert!(s.contains("The next planned week is 2026-W48"), "{s}");
    assert!(s.contains("press g and type 2026-W48"), "{s}");
    let s = sized(&mut f.app, 60, 20);
    assert!(f.app.agenda());
    assert!(s.contains("next: 2026-W48"), "{s}");
    assert!(
        !s.contains("no pos  "),
        "the hint is drawn over the list:\n{s}"
    );
}

// ----- editing -----

#[test]
fn typing_into_a_pre_filled_field_replaces_it() {
    let mut f = open(Some(&bakery()));
    keys(&mut f.app, "e<Tab><Tab>07:45<Enter>");
    let p = f.app.selected_post().unwrap();
    assert_eq!(p.time.map(|t| t.to_string()).as_deref(), Some("07:45:00"));
    assert_eq!(p.title, "Café Müller serves our bread now ☕ go say hello");
    keys(&mut f.app, "eCafé Müller, our new partner<Enter>");
    assert_eq!(
        f.app.selected_post().unwrap().title,
        "Café Müller, our new partner"
    );
}

#[test]
fn the_form_hint_names_ctrl_u_and_ctrl_e() {
    let mut f = open(Some(&bakery()));
    keys(&mut f.app, "e");
    let s = screen(&f.app, 100, 30);
    assert!(s.contains("Ctrl-u clear"), "{s}");
    assert!(s.contains("Ctrl-e edit in $EDITOR"), "{s}");
}

#[test]
fn notes_take_line_breaks_in_the_form_and_keep_them() {
    let mut f = open(Some(&bakery()));
    keys(
        &mut f.app,
        "aPrice list<Tab><Tab><Tab><Tab><Tab><Tab><Tab>500 g €12<C-j>1 kg €22<Enter>",
    );
    let p = f.app.selected_post().unwrap().to_post();
    assert_eq!(p.notes.as_deref(), Some("500 g €12\n1 kg €22"));
    keys(&mut f.app, "s");
    let saved = std::fs::read_to_string(&f.path).unwrap();
    let (loaded, _) = Store::open(&f.path, &config()).unwrap();
    assert_eq!(
        loaded.get(&p.id).and_then(|p| p.notes.clone()).as_deref(),
        Some("500 g €12\n1 kg €22"),
        "{saved}"
    );
}

#[test]
fn ctrl_e_asks_for_the_editor_and_its_text_fills_the_field() {
    let mut f = open(Some(&bakery()));
    keys(&mut f.app, "e<C-e>");
    let request = f.app.take_editor_request().unwrap();
    assert_eq!(
        request.text,
        "Café Müller serves our bread now ☕ go say hello"
    );
    assert!(!request.multiline);
    f.app
        .editor_done(Ok("Café Müller\\nbakes for us".replace("\\n", "\n")));
    keys(&mut f.app, "<Enter>");
    assert_eq!(
        f.app.selected_post().unwrap().title,
        "Café Müller bakes for us"
    );
    // A failing editor leaves the field and says why.
    keys(&mut f.app, "e<C-e>");
    f.app.take_editor_request().unwrap();
    f.app
        .editor_done(Err("the editor `false` stopped with an error".into()));
    assert!(matches!(f.app.popup(), Some(Popup::Form(_))));
    assert!(message(&f.app).contains("stopped with an error"));
}

#[test]
fn the_external_editor_edits_notes_with_their_line_breaks() {
    let out = mixcal::testing::tui::edit("printf '1 kg €22\\n' >>", "500 g €12").unwrap();
    assert_eq!(out, "500 g €12\n1 kg €22");
    let mut f = open(Some(&bakery()));
    keys(&mut f.app, "hhe<Tab><Tab><Tab><Tab><Tab><Tab><Tab><C-e>");
    let request = f.app.take_editor_request().unwrap();
    assert!(request.multiline);
    assert_eq!(request.text, "500 g €12\n1 kg €22");
    f.app
        .editor_done(Ok("500 g €12\n1 kg €22\n2 kg €40".into()));
    keys(&mut f.app, "<Enter>");
    assert_eq!(
        f.app.selected_post().unwrap().notes.as_deref(),
        Some("500 g €12\n1 kg €22\n2 kg €40")
    );
}

#[test]
fn y_copies_the_week_to_the_next_as_one_step_and_shows_it() {
    let mut f = open(Some(&bakery()));
    let before = f.app.schedule().clone();
    keys(&mut f.app, "Y");
    assert_eq!(f.app.week().to_string(), "2026-W49");
    let next = Week::parse("2026-W49", config().week_start).unwrap();
    let copies: Vec<_> = f.app.schedule().week(next).map(|d| d.to_post()).collect();
    assert_eq!(copies.len(), 7);
    let originals: Vec<_> = before.week(this_week()).map(|d| d.to_post()).collect();
    for (copy, original) in copies.iter().zip(&originals) {
        assert_eq!(copy.date, original.date.map(|d| d + chrono::Days::new(7)));
        assert_eq!((&copy.title, copy.time), (&original.title, original.time));
        assert_ne!(copy.id, original.id);
    }
    // The published post comes back planned; the idea stays an idea.
    let status = |title: &str| {
        copies
            .iter()
            .find(|p| p.title.starts_with(title))
            .map(|p| p.status)
    };
    assert_eq!(
        status("Behind the scenes"),
        Some(mixcal::testing::domain::Status::Planned)
    );
    assert_eq!(
        status("日本語"),
        Some(mixcal::testing::domain::Status::Idea)
    );
    assert!(message(&f.app).contains("copied 7 posts from 2026-W48 to 2026-W49"));
    keys(&mut f.app, "u");
    assert_eq!(f.app.schedule(), &before);
    keys(&mut f.app, "]]Y");
    assert_eq!(f.app.week().to_string(), "2026-W51");
    assert!(message(&f.app).contains("nothing to copy"));
}

#[test]
fn a_digit_sets_the_category_only_when_it_is_another() {
    let mut f = open(Some(&bakery()));
    keys(&mut f.app, "3");
    assert_eq!(message(&f.app), "category is already Partner");
    assert!(!f.app.is_dirty());
    keys(&mut f.app, "1");
    assert_eq!(f.app.selected_post().unwrap().category, "everyday");
}

// ----- outside changes -----

#[test]
fn a_file_changed_outside_is_reloaded_when_nothing_is_unsaved() {
    let mut f = open(Some(&bakery()));
    assert!(!f.app.check_disk(), "nothing changed yet");
    std::fs::write(&f.path, balanced()).unwrap();
    assert!(f.app.check_disk());
    assert!(titles(&f.app).contains(&"Team lunch 🍜".to_string()));
    assert!(message(&f.app).contains("changed by another program: reloaded"));
    assert!(!f.app.is_dirty());
    // Written back as it was: nothing to do.
    std::fs::write(&f.path, balanced()).unwrap();
    assert!(!f.app.check_disk());
}

#[test]
fn a_file_changed_outside_with_unsaved_changes_asks_at_once() {
    let mut f = open(Some(&bakery()));
    keys(&mut f.app, "d");
    std::fs::write(&f.path, balanced()).unwrap();
    assert!(f.app.check_disk());
    assert!(matches!(f.app.popup(), Some(Popup::OutsideChange)));
    assert!(screen(&f.app, 100, 30).contains("(k) keep mine"));
    // Keep mine: nothing reloaded, and saving still asks.
    keys(&mut f.app, "k");
    assert!(f.app.popup().is_none());
    assert!(f.app.is_dirty());
    assert!(!titles(&f.app).contains(&"Team lunch 🍜".to_string()));
    assert!(!f.app.check_disk(), "asked once for one change");
    keys(&mut f.app, "s");
    assert!(matches!(f.app.popup(), Some(Popup::Conflict { .. })));
    keys(&mut f.app, "c");
    // A second change, and this time reload.
    std::fs::write(&f.path, drifted()).unwrap();
    assert!(f.app.check_disk());
    keys(&mut f.app, "r");
    assert!(titles(&f.app).contains(&"Giveaway two".to_string()));
    assert!(!f.app.is_dirty());
    assert!(
        f.path
            .with_file_name("schedule.toml.recovered.toml")
            .exists()
    );
}

#[test]
fn a_change_noticed_under_a_window_is_asked_about_when_it_closes() {
    let mut f = open(Some(&bakery()));
    keys(&mut f.app, "d");
    keys(&mut f.app, "aDraft");
    std::fs::write(&f.path, balanced()).unwrap();
    assert!(f.app.check_disk());
    assert!(matches!(f.app.popup(), Some(Popup::Form(_))));
    assert!(message(&f.app).contains("it is dealt with when this window closes"));
    keys(&mut f.app, "<Esc>");
    assert!(matches!(f.app.popup(), Some(Popup::OutsideChange)));
}

#[test]
fn a_clean_calendar_reloads_a_change_noticed_under_a_window_when_it_closes() {
    let mut f = open(Some(&bakery()));
    keys(&mut f.app, "e");
    std::fs::write(&f.path, balanced()).unwrap();
    assert!(f.app.check_disk());
    assert!(
        matches!(f.app.popup(), Some(Popup::Form(_))),
        "the form stays"
    );
    assert!(!titles(&f.app).contains(&"Team lunch 🍜".to_string()));
    keys(&mut f.app, "<Esc>");
    assert!(f.app.popup().is_none());
    assert!(titles(&f.app).contains(&"Team lunch 🍜".to_string()));
    assert!(message(&f.app).contains("reloaded"));
}

// ----- keys by mode -----

fn app_with_keys(user: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schedule.toml");
    std::fs::write(&path, bakery()).unwrap();
    let config = Config::from_layers(&[
        ("<built-in>", mixcal::testing::config::DEFAULT_TOML),
        ("user.toml", user),
    ])
    .unwrap();
    let (schedule, store) = Store::open(&path, &config).unwrap();
    Fixture {
        app: app(config, schedule, store),
        path,
        _dir: dir,
    }
}

#[test]
fn popups_form_and_prompts_take_their_keys_from_the_keymap() {
    let mut f = app_with_keys(
        "[keys.form]\nsubmit = \"ctrl-s\"\ncancel = \"ctrl-g\"\n\
         [keys.dialog]\nquit_without_saving = \"x\"\ncancel = \"ctrl-g\"\n\
         [keys.list]\nclose = \"ctrl-g\"\ndown = \"J\"\n\
         [keys.prompt]\nsubmit = \"tab\"\n",
    );
    // Enter in the form is now text-free: it does nothing; Ctrl-s saves.
    keys(&mut f.app, "e<C-u>Renamed<Enter>");
    assert!(matches!(f.app.popup(), Some(Popup::Form(_))));
    f.app
        .handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(f.app.popup().is_none());
    assert_eq!(f.app.selected_post().unwrap().title, "Renamed");
    // The form's hint follows.
    keys(&mut f.app, "e");
    assert!(screen(&f.app, 100, 30).contains("Ctrl-s save"));
    f.app
        .handle_key(KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL));
    assert!(f.app.popup().is_none());
    // The overview moves with J and closes with Ctrl-g.
    keys(&mut f.app, "vJ");
    let Some(Popup::Overview(o)) = f.app.popup() else {
        panic!("no overview")
    };
    assert_eq!(o.cursor, 3);
    f.app
        .handle_key(KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL));
    assert!(f.app.popup().is_none());
    // The go-to prompt goes on Tab.
    keys(&mut f.app, "g2026-12-24<Tab>");
    assert_eq!(f.app.selected_date(), date("2026-12-24"));
    // The quit question answers x, and says so.
    keys(&mut f.app, "q");
    assert!(screen(&f.app, 100, 30).contains("(x) quit without saving"));
    keys(&mut f.app, "n");
    assert!(!f.app.should_quit(), "n is no longer an answer");
    keys(&mut f.app, "x");
    assert!(f.app.should_quit());
}

#[test]
fn a_windows_own_binding_wins_over_quitting_from_any_window() {
    let mut f =
        app_with_keys("[keys]\nquit = [\"q\", \"ctrl-s\"]\n[keys.form]\nsubmit = \"ctrl-s\"\n");
    keys(&mut f.app, "e<C-u>Renamed");
    f.app
        .handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(!f.app.should_quit());
    assert_eq!(f.app.selected_post().unwrap().title, "Renamed");
    // In help, which does not bind it, Ctrl-s still quits (and asks first).
    keys(&mut f.app, "?");
    f.app
        .handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(matches!(f.app.popup(), Some(Popup::QuitPrompt)));
}

#[test]
fn help_shows_each_modes_rebound_keys() {
    let mut f = app_with_keys("[keys.form]\nsubmit = \"ctrl-s\"\n[keys]\nsearch = \"ctrl-f\"\n");
    keys(&mut f.app, "?");
    let s = sized(&mut f.app, 200, 50);
    assert!(
        s.lines()
            .any(|l| l.contains("Ctrl-s") && l.contains("save / write")),
        "{s}"
    );
    assert!(
        s.lines()
            .any(|l| l.contains("Ctrl-f") && l.contains("search every post")),
        "{s}"
    );
}

#[test]
fn a_broken_keys_table_stops_every_command_with_its_line_and_column() {
    let dir = common::Dir::new();
    dir.write("schedule.toml", &balanced());
    let config = dir.write(
        "config.toml",
        "[rules.contest-limit]\nmax = 2\n\n[keys]\nsave = \"ctrl-shiftt-s\"\n\n[keys.form]\nsubmitt = \"enter\"\n",
    );
    let config = config.display().to_string();
    for args in [
        vec!["check", "--file", "schedule.toml", "--config", &config],
        vec!["suggest", "--file", "schedule.toml", "--config", &config],
        vec![
            "export",
            "--format",
            "csv",
            "--file",
            "schedule.toml",
            "--config",
            &config,
        ],
    ] {
        let out = dir.mixcal(&args).output();
        assert_eq!(out.code, Some(2), "{args:?}: {out:?}");
        assert!(
            out.stderr.contains("config.toml:5:8"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(out.stderr.contains("not a key"), "{}", out.stderr);
        assert!(
            out.stderr.contains("config.toml:8:11"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(
            out.stderr.contains("did you mean `submit`?"),
            "{}",
            out.stderr
        );
    }
}

// ----- the mouse -----

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

fn left_click(column: u16, row: u16) -> Event {
    mouse(MouseEventKind::Down(MouseButton::Left), column, row)
}

#[test]
fn a_double_click_edits_a_post() {
    let mut f = open(Some(&drifted()));
    // 100 columns: Tuesday's "Giveaway one" card on rows 4-5.
    f.app.handle_event(&left_click(16, 4));
    assert!(f.app.popup().is_none());
    f.app.handle_event(&left_click(16, 4));
    let Some(Popup::Form(form)) = f.app.popup() else {
        panic!("no form after a double click");
    };
    assert_eq!(
        form.value(mixcal::testing::tui::Field::Title),
        "Giveaway one"
    );
}

#[test]
fn clicks_answer_questions_and_focus_form_fields() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "dq");
    let s = screen(&f.app, 100, 30);
    let (row, line) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("(n) quit without saving"))
        .unwrap();
    let column = line.trim_matches('"').find("(n)").unwrap();
    let column = line.trim_matches('"')[..column].chars().count() as u16;
    f.app.handle_event(&left_click(column + 1, row as u16));
    assert!(f.app.should_quit());

    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "e");
    let s = screen(&f.app, 100, 30);
    let (row, line) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Channel"))
        .unwrap();
    let column = line.trim_matches('"').find("Channel").unwrap();
    let column = line.trim_matches('"')[..column].chars().count() as u16;
    f.app.handle_event(&left_click(column + 2, row as u16));
    let Some(Popup::Form(form)) = f.app.popup() else {
        panic!("the form closed");
    };
    assert_eq!(form.focus, mixcal::testing::tui::Field::Channel);
    keys(&mut f.app, "instagram<Enter>");
    assert_eq!(
        f.app.selected_post().unwrap().channel.as_deref(),
        Some("instagram")
    );
}

#[test]
fn a_click_chooses_an_export_format() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "x");
    let s = screen(&f.app, 100, 30);
    let (row, line) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("[ICS]"))
        .unwrap();
    // The format row reads `◂ [ICS] ▸`: a click on ▸ steps to the next format.
    let line = line.trim_matches('"');
    let column = line[..line.find('▸').unwrap()].chars().count() as u16;
    f.app.handle_event(&left_click(column, row as u16));
    let Some(Popup::Export(form)) = f.app.popup() else {
        panic!("the popup closed");
    };
    assert_eq!(form.format, mixcal::testing::export::Format::Csv);
    let column = line[..line.find('◂').unwrap()].chars().count() as u16;
    f.app.handle_event(&left_click(column, row as u16));
    f.app.handle_event(&left_click(column, row as u16));
    let Some(Popup::Export(form)) = f.app.popup() else {
        panic!("the popup closed");
    };
    assert_eq!(form.format, mixcal::testing::export::Format::Toml);
}

#[test]
fn the_wheel_scrolls_the_overview_help_the_agenda_and_a_full_day() {
    let mut f = open(Some(&drifted()));
    keys(&mut f.app, "v");
    f.app
        .handle_event(&mouse(MouseEventKind::ScrollDown, 50, 15));
    let Some(Popup::Overview(o)) = f.app.popup() else {
        panic!("no overview")
    };
    assert_eq!(o.cursor, 3);
    keys(&mut f.app, "<Esc>?");
    sized(&mut f.app, 80, 24);
    f.app
        .handle_event(&mouse(MouseEventKind::ScrollDown, 40, 10));
    assert!(matches!(f.app.popup(), Some(Popup::Help { scroll: 1 })));
    keys(&mut f.app, "<Esc>");
    sized(&mut f.app, 60, 20);
    assert!(f.app.agenda());
    let before = f.app.selected_post().unwrap().id.clone();
    f.app
        .handle_event(&mouse(MouseEventKind::ScrollDown, 10, 5));
    assert_ne!(f.app.selected_post().unwrap().id, before);
    assert_eq!(f.app.week().to_string(), "2026-W48");
    // A day with more cards than its column: the wheel moves through it.
    let mut text = String::from("version = 1\n");
    for i in 0..20 {
        text += &post(
            &format!("p{i:02}"),
            TODAY,
            &format!("{:02}:00", 4 + i),
            "everyday",
            "x",
        );
    }
    let mut f = open(Some(&text));
    sized(&mut f.app, 100, 30);
    f.app
        .handle_event(&mouse(MouseEventKind::ScrollDown, 35, 10));
    assert_eq!(f.app.selected_post().unwrap().id, "p01");
    assert_eq!(f.app.week().to_string(), "2026-W48");
    // Over a day that fits, the wheel changes the week.
    f.app
        .handle_event(&mouse(MouseEventKind::ScrollDown, 2, 10));
    assert_eq!(f.app.week().to_string(), "2026-W49");
}

// ----- suggestions one by one -----

#[test]
fn ghosts_are_selected_like_posts_and_the_detail_says_why() {
    let mut f = thursday_with_a_slot_between();
    keys(&mut f.app, "f");
    // Wednesday, today, has no post: its suggestion is selected.
    assert!(f.app.selected_ghost().is_some());
    // Thursday: the 08:00 post, the 13:00 suggestion, the 18:00 post.
    keys(&mut f.app, "l");
    assert_eq!(selected_title(&f.app).as_deref(), Some("Early coffee"));
    keys(&mut f.app, "j");
    assert!(f.app.selected_post().is_none());
    let (ghost, reason) = f.app.selected_ghost().unwrap();
    assert_eq!(
        ghost.time.map(|t| t.to_string()).as_deref(),
        Some("13:00:00")
    );
    let plan = f.app.mix().plan(f.app.schedule(), this_week());
    let thursday = plan
        .proposals
        .iter()
        .find(|p| p.date == date("2026-11-26"))
        .unwrap();
    let first = f.app.mix().words().reason(&thursday.reason);
    assert_eq!(reason, first);
    let s = screen(&f.app, 100, 30);
    assert!(s.contains(&format!("why: {first}")), "{s}");
    assert!(
        screen(&f.app, 120, 40).contains("Enter accepts all, Space this one, - skips it"),
        "{s}"
    );
    assert!(status_line(&f.app).contains("Space this one, - skips it"));
    keys(&mut f.app, "j");
    assert_eq!(selected_title(&f.app).as_deref(), Some("Coffee at six"));
    keys(&mut f.app, "k");
    assert!(f.app.selected_ghost().is_some());
    insta::assert_snapshot!("suggestion_selected_120x40", sized(&mut f.app, 120, 40));
}

#[test]
fn space_accepts_the_selected_suggestion_alone_as_one_undo_step() {
    let mut f = thursday_with_a_slot_between();
    let before = f.app.schedule().clone();
    keys(&mut f.app, "flj");
    let shown = f.app.suggestion().unwrap().posts().len();
    let report = f.app.report().clone();
    keys(&mut f.app, " ");
    assert_eq!(f.app.schedule().len(), before.len() + 1);
    let added = f.app.selected_post().unwrap();
    assert_eq!(added.status, mixcal::testing::domain::Status::Idea);
    assert_eq!(added.date, date("2026-11-26"));
    // The rest stay shown, and the panel still shows the week with all of them.
    assert_eq!(f.app.suggestion().unwrap().posts().len(), shown - 1);
    assert_eq!(f.app.report(), &report);
    assert!(message(&f.app).contains(&format!("{} suggestions left", shown - 1)));
    keys(&mut f.app, "u");
    assert_eq!(f.app.schedule(), &before);
}

#[test]
fn skipping_a_suggestion_drops_it_and_rechecks_the_week_without_it() {
    let mut f = thursday_with_a_slot_between();
    keys(&mut f.app, "flj");
    let shown = f.app.suggestion().unwrap().posts().len();
    let total = f.app.report().total;
    keys(&mut f.app, "-");
    assert_eq!(f.app.suggestion().unwrap().posts().len(), shown - 1);
    assert_eq!(f.app.report().total, total - 1);
    assert!(!f.app.is_dirty());
    // The row that took its place is selected: Thursday's 18:00 post.
    assert_eq!(selected_title(&f.app).as_deref(), Some("Coffee at six"));
    // The panel is the same analysis over the week with what is left.
    let mut items: Vec<mixcal::testing::domain::Post> = f
        .app
        .schedule()
        .week(this_week())
        .map(|d| d.to_post())
        .collect();
    items.extend(f.app.suggestion().unwrap().posts().iter().cloned());
    items.sort_by_key(|p| (p.date, p.time));
    let mix = f.app.mix();
    let items: Vec<_> = items
        .iter()
        .filter_map(mixcal::testing::domain::Dated::of)
        .map(|p| mixcal::testing::mix::Item::of(p, mix.config, mix.now))
        .collect();
    let want = mixcal::testing::mix::analyze_items(mix.config, mix.rules, this_week(), &items, &[]);
    assert_eq!(f.app.report(), &want);
    // + then accepts the others, as one step.
    keys(&mut f.app, "+");
    assert!(f.app.suggestion().is_none());
    assert_eq!(f.app.schedule().len(), 2 + shown - 1);
}

#[test]
fn e_on_a_real_post_still_edits_it_while_suggestions_are_shown() {
    let mut f = open(Some(&half_planned()));
    keys(&mut f.app, "f");
    assert!(f.app.selected_post().is_some());
    keys(&mut f.app, "e");
    assert!(matches!(f.app.popup(), Some(Popup::Form(_))));
}

#[test]
fn f_then_enter_fills_an_empty_week_with_a_balanced_plan_as_one_undo_step() {
    let mut f = open(None);
    keys(&mut f.app, "f");
    let shown = f.app.suggestion().unwrap().posts().len();
    assert!(shown > 0);
    keys(&mut f.app, "<Enter>");
    assert!(f.app.suggestion().is_none());
    assert_eq!(f.app.schedule().len(), shown);
    assert_eq!(
        f.app.review().verdict,
        mixcal::testing::mix::Verdict::Balanced
    );
    keys(&mut f.app, "u");
    assert!(f.app.schedule().is_empty());
}

#[test]
fn accepting_the_last_suggestion_closes_them() {
    // Monday to Saturday planned; Sunday's slot is open.
    let mut f = open(Some(&full_week("EEEEBP")));
    keys(&mut f.app, "f");
    let Some(s) = f.app.suggestion() else {
        panic!("nothing suggested");
    };
    assert_eq!(s.posts().len(), 1);
    keys(&mut f.app, "g sunday<Enter>");
    assert!(f.app.selected_ghost().is_some());
    keys(&mut f.app, "<Enter>");
    assert!(f.app.suggestion().is_none());
    assert_eq!(f.app.schedule().len(), 7);
}

// ----- properties -----

fn any_key() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "h",
        "l",
        "j",
        "k",
        "[",
        "]",
        "t",
        "a",
        "e",
        "d",
        "y",
        "H",
        "L",
        "c",
        "1",
        "3",
        "u",
        "<C-r>",
        "v",
        "?",
        "q",
        "n",
        "f",
        "x",
        "<Esc>",
        "<Enter>",
        "<Tab>",
        "<BackTab>",
        "<Left>",
        "<Right>",
        "<Up>",
        "<Down>",
        "<Bs>",
        "Z",
        "é",
        "日",
        "9",
        ":",
        " ",
        "A",
        "/",
        "N",
        "g",
        "C",
        "Y",
        "+",
        "-",
        "<PgDn>",
        "<C-j>",
        "<A-Enter>",
        "<C-u>",
        "<C-e>",
        "<Del>",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_key_sequence_panics_and_save_keeps_every_post(
        script in prop::collection::vec(any_key(), 0..80),
        width in 1u16..140,
        height in 1u16..45,
    ) {
        let mut f = open(Some(&drifted()));
        for k in &script {
            keys(&mut f.app, k);
            screen(&f.app, width, height);
        }
        // Leave any popup, then save.
        keys(&mut f.app, "<Esc><Esc>");
        if f.app.popup().is_some() {
            keys(&mut f.app, "c");
        }
        f.app.update(Action::Save);
        let (loaded, _) = Store::open(&f.path, &config()).unwrap();
        prop_assert_eq!(&loaded, f.app.schedule());
    }
}

#[test]
fn a_repair_that_moves_an_idea_on_keeps_the_repaired_week_in_view() {
    let mut s = String::from("version = 1\n");
    for (i, (day, category)) in [
        ("2026-11-26", "everyday"),
        ("2026-11-27", "everyday"),
        ("2026-11-27", "business"),
        ("2026-11-28", "everyday"),
        ("2026-11-29", "everyday"),
    ]
    .iter()
    .enumerate()
    {
        s += &post(
            &format!("p{i}"),
            day,
            &format!("{:02}:00", 9 + i),
            category,
            "t",
        );
    }
    s += "\n[[post]]\nid = \"long\"\ndate = 2026-11-29\ntime = 18:00:00\ncategory = \"everyday\"\ntitle = \"Long video\"\nstatus = \"idea\"\nminutes = 120\n";
    let mut f = open(Some(&s));
    let before = f.app.week();
    assert!(
        screen(&f.app, 120, 40).contains("move Sun 18:00 \"Long video\" to next week"),
        "{}",
        screen(&f.app, 120, 40)
    );
    keys(&mut f.app, "r");
    assert_eq!(f.app.week(), before);
    assert_eq!(
        f.app.schedule().get("long").unwrap().date,
        Some(date("2026-12-06"))
    );
    assert!(message(&f.app).contains("balanced the week with 1 change"));
}

#[test]
fn a_terminal_too_small_says_what_to_do_on_the_lines_it_has() {
    let f = open(Some(&balanced()));
    let s = screen(&f.app, 10, 20);
    let text: String = s
        .lines()
        .map(|l| l.trim_matches(|c| c == '"' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("enlarge the terminal to 40×12 (now 10×20)"),
        "{s}"
    );
    // One line: what fits of it.
    assert!(screen(&f.app, 30, 1).contains("enlarge the terminal to"));
}

#[test]
fn the_mix_panel_names_the_placeholders_still_to_write_as_check_does() {
    // Two placeholders the planner added, still titled for their category,
    // and an idea of one's own.
    let mut s = balanced();
    for (id, day, category, title) in [
        ("x1", "2026-11-26", "everyday", "Everyday post idea"),
        ("x2", "2026-11-27", "partner", "Partner post idea"),
        ("x3", "2026-11-28", "everyday", "Flour delivery day"),
    ] {
        s += &post(id, day, "20:00", category, title);
        s += "status = \"idea\"\n";
    }
    let f = open(Some(&s));
    let shown = screen(&f.app, 120, 40);
    assert!(
        shown.contains("i 2 placeholder ideas still to write: Thu 20:00 everyday post and Fri"),
        "{shown}"
    );
}
