//! How long the planner and the whole-week repair take, one engine both:
//! a default week (one slot a day), the three-a-day week, 48 slots a day, and
//! 100 categories. Targets: 20 ms for a default week, 1 s for the large ones.
//! The check of one week (what `mixcal check` does before it repairs) runs in
//! the same group as the baseline the others are compared with.

use chrono::{Days, NaiveDateTime, NaiveTime};
use criterion::{Criterion, criterion_group, criterion_main};
use mixcal::testing::config::{Config, DEFAULT_TOML};
use mixcal::testing::domain::{Post, Schedule, Status, WEEKDAYS, Week, WeekStart};
use mixcal::testing::mix::{Mix, Rules};
use std::hint::black_box;

/// `[slots]` with the same times every day.
fn slots(times: &[String]) -> String {
    let list: Vec<String> = times.iter().map(|t| format!("\"{t}\"")).collect();
    let mut out = String::from("[slots]\n");
    for day in WEEKDAYS {
        out.push_str(&format!("{day} = [{}]\n", list.join(", ")));
    }
    out
}

fn config(user: &str) -> (Config, Rules) {
    let config = Config::from_layers(&[("builtin", DEFAULT_TOML), ("user", user)])
        .expect("the bench config is valid");
    let rules = Rules::compile(&config).expect("the bench rules are valid");
    (config, rules)
}

fn week() -> Week {
    Week::parse("2026-W48", WeekStart::default()).expect("a week")
}

/// Midnight as the week starts: every slot of it is still to come.
fn monday() -> NaiveDateTime {
    week().start().and_time(NaiveTime::MIN)
}

/// Posts at the given (day, hour, category, status) places.
fn schedule(posts: &[(u64, u32, &str, Status)]) -> Schedule {
    let mut s = Schedule::new();
    for (i, &(day, hour, category, status)) in posts.iter().enumerate() {
        let mut p = Post::new(week().start() + Days::new(day), category, "fixed");
        p.id = format!("p{i}");
        p.time = NaiveTime::from_hms_opt(hour, 0, 0);
        p.status = status;
        s.insert(p);
    }
    s
}

/// The demo week: one idea, the Friday offer, tips the ratio and the budget.
fn demo() -> Schedule {
    use Status::{Idea, Planned, Published};
    schedule(&[
        (0, 9, "everyday", Published),
        (1, 9, "business", Planned),
        (2, 12, "everyday", Planned),
        (3, 9, "partner", Planned),
        (4, 9, "everyday", Planned),
        (4, 17, "business", Idea),
        (5, 10, "contest", Planned),
        (6, 18, "everyday", Planned),
    ])
}

/// Every other hour taken on Monday to Wednesday, from a generator with a fixed
/// seed: the same week on every run; two contests, so it drifts.
fn half_planned() -> Schedule {
    let mut rng = fastrand::Rng::with_seed(48);
    let mut posts = Vec::new();
    for day in 0..3u64 {
        for hour in (8..20).step_by(2) {
            let category = match rng.u8(..10) {
                0..6 => "everyday",
                6..8 => "business",
                _ => "partner",
            };
            posts.push((day, hour, category, Status::Planned));
        }
    }
    posts.push((1, 21, "contest", Status::Planned));
    posts.push((2, 21, "contest", Status::Idea));
    schedule(&posts)
}

/// 96 more categories with minutes from 5 to 100; a share rule over thirty of
/// them and a count rule over ten, so the planner tells several apart.
fn hundred_categories() -> String {
    let mut user = String::new();
    for i in 0..96 {
        user.push_str(&format!(
            "[categories.c{i:02}]\nname = \"Category {i}\"\nminutes = {}\n",
            5 + (i * 37) % 96
        ));
    }
    let shared: Vec<String> = (0..30).map(|i| format!("\"c{i:02}\"")).collect();
    let counted: Vec<String> = (30..40).map(|i| format!("\"c{i:02}\"")).collect();
    user.push_str(&format!(
        "[rules.some-share]\nkind = \"share\"\ncategories = [{}]\nmin = 10\nmax = 40\n",
        shared.join(", ")
    ));
    user.push_str(&format!(
        "[rules.few-of-these]\nkind = \"count\"\ncategories = [{}]\nmax = 2\n",
        counted.join(", ")
    ));
    user
}

fn mix(setup: &(Config, Rules), now: NaiveDateTime) -> Mix<'_> {
    Mix::new(&setup.0, &setup.1, now)
}

fn bench(c: &mut Criterion) {
    let week = week();
    let now = monday();
    let empty = Schedule::new();
    let demo = demo();
    let half = half_planned();
    let three_a_day: Vec<String> = ["09:00", "13:00", "18:00"].map(String::from).to_vec();
    let every_half_hour: Vec<String> = (0..48)
        .map(|i| format!("{:02}:{:02}", i / 2, 30 * (i % 2)))
        .collect();

    let default = config("");
    let three = config(&format!(
        "{}[rules.weekly-budget]\nmax_minutes = 600\n",
        slots(&three_a_day)
    ));
    let dense = config(&slots(&every_half_hour));
    // Without a budget every slot the mix allows is filled: the most fills.
    let dense_unbounded = config(&format!(
        "{}[rules.weekly-budget]\nenabled = false\n",
        slots(&every_half_hour)
    ));
    let many = config(&hundred_categories());

    let mut g = c.benchmark_group("plan");
    g.bench_function("baseline: check one week", |b| {
        b.iter(|| mix(&default, now).check(black_box(&demo), week));
    });
    g.bench_function("default week: plan an empty week", |b| {
        b.iter(|| mix(&default, now).plan(black_box(&empty), week));
    });
    g.bench_function("default week: repair the demo week", |b| {
        b.iter(|| mix(&default, now).review(black_box(&demo), week));
    });
    g.bench_function("3 slots a day: plan an empty week", |b| {
        b.iter(|| mix(&three, now).plan(black_box(&empty), week));
    });
    g.bench_function("3 slots a day: plan a half-planned week", |b| {
        b.iter(|| mix(&three, now).plan(black_box(&half), week));
    });
    g.sample_size(10);
    g.bench_function("48 slots a day: plan an empty week", |b| {
        b.iter(|| mix(&dense, now).plan(black_box(&empty), week));
    });
    g.bench_function("48 slots a day, no budget: plan an empty week", |b| {
        b.iter(|| mix(&dense_unbounded, now).plan(black_box(&empty), week));
    });
    g.bench_function("48 slots a day: plan a half-planned week", |b| {
        b.iter(|| mix(&dense, now).plan(black_box(&half), week));
    });
    g.bench_function("48 slots a day: repair a half-planned week", |b| {
        b.iter(|| mix(&dense, now).review(black_box(&half), week));
    });
    g.bench_function("100 categories: plan an empty week", |b| {
        b.iter(|| mix(&many, now).plan(black_box(&empty), week));
    });
    g.bench_function("100 categories: repair the demo week", |b| {
        b.iter(|| mix(&many, now).review(black_box(&demo), week));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
