//! How long the planner takes for one week, on generated weeks with three posting
//! slots a day (21 slots): empty, half planned, and weeks that cannot balance, so
//! the explanation of what to move is timed too. The target is 10 ms a week.

use chrono::{Days, NaiveTime};
use criterion::{Criterion, criterion_group, criterion_main};
use mixcal::config::{Config, DEFAULT_TOML};
use mixcal::domain::{Post, Schedule, Week, WeekStart};
use mixcal::mix::plan_week;
use std::hint::black_box;

const THREE_A_DAY: &str = "[slots]
monday = [\"09:00\", \"13:00\", \"18:00\"]
tuesday = [\"09:00\", \"13:00\", \"18:00\"]
wednesday = [\"09:00\", \"13:00\", \"18:00\"]
thursday = [\"09:00\", \"13:00\", \"18:00\"]
friday = [\"09:00\", \"13:00\", \"18:00\"]
saturday = [\"09:00\", \"13:00\", \"18:00\"]
sunday = [\"09:00\", \"13:00\", \"18:00\"]
";

fn config(extra: &str) -> Config {
    Config::from_layers(&[
        ("builtin", DEFAULT_TOML),
        ("user", &format!("{THREE_A_DAY}{extra}")),
    ])
    .expect("the bench config is valid")
}

fn week() -> Week {
    Week::parse("2026-W48", WeekStart::default()).expect("a week")
}

/// Posts at the given (day, hour, category) places.
fn schedule(posts: &[(u64, u32, &str)]) -> Schedule {
    let mut s = Schedule::new();
    for &(day, hour, category) in posts {
        let mut p = Post::new(week().start() + Days::new(day), category, "fixed");
        p.time = NaiveTime::from_hms_opt(hour, 0, 0);
        s.insert(p);
    }
    s
}

/// Every other slot taken, from a generator with a fixed seed: the same week on
/// every run.
fn half_planned() -> Schedule {
    let mut rng = fastrand::Rng::with_seed(48);
    let mut posts = Vec::new();
    for i in 0..21u64 {
        if i % 2 == 0 {
            let category = if rng.u8(..10) < 7 {
                "everyday"
            } else {
                "business"
            };
            posts.push((i / 3, [9, 13, 18][(i % 3) as usize], category));
        }
    }
    schedule(&posts)
}

fn bench(c: &mut Criterion) {
    let roomy = config("[rules.weekly-budget]\nmax_minutes = 600\n");
    let tight = config("");
    let week = week();
    let empty = Schedule::new();
    let half = half_planned();
    // Two contests and a run of three promotional posts no slot can break.
    let stuck = schedule(&[
        (0, 10, "business"),
        (0, 11, "partner"),
        (0, 12, "business"),
        (2, 9, "contest"),
        (4, 13, "contest"),
    ]);
    let mut g = c.benchmark_group("plan_week, 21 slots");
    g.bench_function("empty week", |b| {
        b.iter(|| plan_week(&roomy, black_box(&empty), week))
    });
    g.bench_function("half-planned week", |b| {
        b.iter(|| plan_week(&roomy, black_box(&half), week))
    });
    g.bench_function("cannot balance: budget too small for the slots", |b| {
        b.iter(|| plan_week(&tight, black_box(&empty), week))
    });
    g.bench_function("cannot balance: posts to move", |b| {
        b.iter(|| plan_week(&roomy, black_box(&stuck), week))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
