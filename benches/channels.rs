//! What the channels work costs on a generated schedule of 100k posts (the
//! data `examples/generate` writes, with partners named on partner posts and
//! minutes spent and responses logged on published ones):
//! - checking one week with the per-feed ratio and the partner rotation,
//!   against the rules as they were without them, in the same run;
//! - `mixcal review` of 8 and of 52 weeks;
//! - the calendar's review screen (`R`) worked out and drawn at 120×40,
//!   against drawing the week alone.
//!
//! ```sh
//! cargo bench --bench channels
//! ```

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use mixcal::testing::config::{BUILTIN_NAME, Config, DEFAULT_TOML};
use mixcal::testing::domain::{Schedule, Status, Week, WeekStart};
use mixcal::testing::mix::{Mix, Rules};
use mixcal::testing::review;
use mixcal::testing::store::{Store, parse_bytes, to_toml};
use mixcal::testing::tui::{Action, App, KeyMap, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "../examples/generate/schedule.rs"]
#[allow(dead_code)]
mod schedule;

const POSTS: usize = 100_000;

const PARTNERS: [&str; 4] = ["Café Müller", "Rad & Tat", "Blumen Lotte", "茶屋 Tea House"];

fn week() -> Week {
    Week::parse(schedule::WEEK, WeekStart::default()).expect("a valid week")
}

/// The generated schedule, with partners on partner posts and what published
/// posts took and brought.
fn logged(config: &Config) -> Schedule {
    let text = schedule::schedule_text(POSTS, 48);
    let loaded = parse_bytes(text.as_bytes(), "bench.toml", config).expect("a valid schedule");
    let mut out = Schedule::new();
    for (i, post) in loaded.iter().enumerate() {
        let mut p = post.clone();
        if p.category == "partner" {
            p.partner = Some(PARTNERS[i % PARTNERS.len()].to_string());
        }
        if p.status == Status::Published {
            p.spent = Some(10 + (i % 40) as u32);
            p.responses = Some((i % 13) as u32);
        }
        out.insert(p);
    }
    out
}

fn check(c: &mut Criterion) {
    let config = Config::builtin().expect("the built-in config");
    let before = Config::from_layers(&[
        (BUILTIN_NAME, DEFAULT_TOML),
        (
            "before.toml",
            "[rules.feed-mix]\nenabled = false\n[rules.partner-rotation]\nenabled = false\n",
        ),
    ])
    .expect("a valid config");
    let schedule = logged(&config);
    let now = week().start().and_hms_opt(0, 0, 0).expect("midnight");
    let mut group = c.benchmark_group("check_week 100k");
    for (name, config) in [
        ("without feed-mix and rotation", &before),
        ("default rules", &config),
    ] {
        let rules = Rules::compile(config).expect("the rules");
        group.bench_function(name, |b| {
            b.iter(|| Mix::new(config, &rules, now).check(black_box(&schedule), week()));
        });
    }
    group.finish();
}

fn review_command(c: &mut Criterion) {
    let config = Config::builtin().expect("the built-in config");
    let rules = Rules::compile(&config).expect("the rules");
    let schedule = logged(&config);
    let today = week().end();
    let mut group = c.benchmark_group("review 100k");
    for weeks in [8, 52] {
        let span = review::last_weeks(today, weeks, config.week_start);
        group.bench_function(format!("{weeks} weeks"), |b| {
            b.iter(|| review::review(&config, &rules, black_box(&schedule), span));
        });
    }
    group.finish();
}

fn review_screen(c: &mut Criterion) {
    let config = Config::builtin().expect("the built-in config");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("schedule.toml");
    std::fs::write(&path, to_toml(&logged(&config))).expect("write the schedule");
    let (schedule, store) = Store::open(&path, &config).expect("the schedule");
    let today = week().end();
    let mut app = App::new(
        config.clone(),
        KeyMap::from_config(&config),
        Theme::new(&config, true),
        schedule,
        store,
        today,
        Week::containing(today, config.week_start),
    );
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    let mut group = c.benchmark_group("calendar 100k, 120x40");
    group.bench_function("draw the week", |b| {
        b.iter(|| {
            terminal
                .draw(|f| f.render_widget(&app, f.area()))
                .map(|_| ())
        });
    });
    group.bench_function("R: review 8 weeks and draw it", |b| {
        // Each press works the review out afresh and replaces the screen.
        b.iter(|| {
            app.update(Action::Review);
            terminal
                .draw(|f| f.render_widget(&app, f.area()))
                .map(|_| ())
        });
    });
    group.finish();
}

criterion_group!(channels, check, review_command, review_screen);
criterion_main!(channels);
