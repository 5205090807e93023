//! How fast the calendar is on a large schedule: the first frame of a 100k-post
//! file (load, analysis, draw), one keystroke's update and draw at 200×50, and
//! a search over every post, drawn on ratatui's TestBackend. "draw only" is
//! the baseline the keystrokes are compared with in the same run.

use std::hint::black_box;

use chrono::{Days, NaiveDate, NaiveTime};
use criterion::{Criterion, criterion_group, criterion_main};
use mixcal::testing::config::Config;
use mixcal::testing::domain::{Post, Schedule, Week};
use mixcal::testing::store::{Store, to_toml};
use mixcal::testing::tui::{Action, App, KeyMap, Query, Theme, search};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const POSTS: usize = 100_000;

/// `POSTS` posts, about 14 a day, around a fixed "today".
fn schedule(today: NaiveDate) -> Schedule {
    let cats = ["everyday", "business", "partner", "contest"];
    let first = today - Days::new((POSTS / 14 / 2) as u64);
    let mut s = Schedule::new();
    for i in 0..POSTS {
        let mut p = Post::new(
            first + Days::new((i / 14) as u64),
            cats[i % 7 % 4],
            &format!("Post number {i}: behind the scenes at the workshop, café Müller"),
        );
        p.id = format!("p{i:06}");
        p.time = NaiveTime::from_hms_opt(8 + (i % 14) as u32, 0, 0);
        p.channel = Some(["instagram", "facebook", "tiktok"][i % 3].into());
        if i % 10 == 0 {
            p.notes = Some("500 g €12\n1 kg €22".into());
        }
        s.insert(p);
    }
    s
}

fn open(path: &std::path::Path, today: NaiveDate) -> App {
    let config = Config::builtin().unwrap();
    let keymap = KeyMap::from_config(&config);
    let theme = Theme::new(&config, true);
    let (schedule, store) = Store::open(path, &config).unwrap();
    let week = Week::containing(today, config.week_start);
    App::new(config, keymap, theme, schedule, store, today, week)
}

fn benches(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schedule.toml");
    std::fs::write(&path, to_toml(&schedule(today))).unwrap();

    let mut group = c.benchmark_group("calendar");
    group.sample_size(10);
    group.bench_function("load only", |b| {
        let config = Config::builtin().unwrap();
        b.iter(|| black_box(Store::open(&path, &config).unwrap()));
    });
    let config = Config::builtin().unwrap();
    let (loaded, _) = Store::open(&path, &config).unwrap();
    group.bench_function("clone only", |b| b.iter(|| black_box(loaded.clone())));
    group.bench_function("first frame, 100k posts, 200x50", |b| {
        b.iter(|| {
            let app = open(&path, today);
            let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
            terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
            black_box(app)
        });
    });
    group.finish();

    let mut app = open(&path, today);
    app.update(Action::Resize {
        width: 200,
        height: 50,
    });
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    c.bench_function("baseline: draw only, 200x50", |b| {
        b.iter(|| {
            terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
        });
    });
    let mut key = |app: &mut App, code: KeyCode| {
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        terminal.draw(|f| f.render_widget(&*app, f.area())).unwrap();
    };
    c.bench_function("keystroke: next post + draw, 200x50", |b| {
        b.iter(|| {
            key(
                &mut app,
                KeyCode::Char(if fastrand::bool() { 'j' } else { 'k' }),
            );
        });
    });
    c.bench_function(
        "keystroke: cycle category (edit + re-analyse) + draw, 200x50",
        |b| b.iter(|| key(&mut app, KeyCode::Char('c'))),
    );
    c.bench_function("keystroke: next week + draw, 200x50", |b| {
        b.iter(|| {
            key(
                &mut app,
                KeyCode::Char(if fastrand::bool() { ']' } else { '[' }),
            );
        });
    });
    c.bench_function("keystroke: channel filter (C) + draw, 200x50", |b| {
        b.iter(|| key(&mut app, KeyCode::Char('C')));
    });
    // A search whose matches are every tenth post (the ones with notes).
    for k in "/1 KG".chars() {
        key(&mut app, KeyCode::Char(k));
    }
    key(&mut app, KeyCode::Enter);
    assert!(app.search().is_some_and(|s| s.count() == POSTS / 10));
    c.bench_function("keystroke: next match (n) + draw, 200x50", |b| {
        b.iter(|| {
            key(
                &mut app,
                KeyCode::Char(if fastrand::bool() { 'n' } else { 'N' }),
            );
        });
    });
    key(&mut app, KeyCode::Char('A'));
    assert!(app.agenda());
    c.bench_function("keystroke: agenda, next post + draw, 200x50", |b| {
        b.iter(|| {
            key(
                &mut app,
                KeyCode::Char(if fastrand::bool() { 'j' } else { 'k' }),
            );
        });
    });

    let mut group = c.benchmark_group("search");
    group.sample_size(20);
    let schedule = app.schedule().clone();
    for (name, text) in [
        ("100k posts, ascii, few matches", "number 99999:"),
        ("100k posts, accents folded, every post", "CAFE MULLER"),
        ("100k posts, notes, a tenth", "1 kg"),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let query = Query::new(text).unwrap();
                black_box(search(&schedule, &query, app.selected_date()))
            });
        });
    }
    group.finish();
}

criterion_group!(calendar, benches);
criterion_main!(calendar);
