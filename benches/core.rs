//! Loading and checking generated schedules of 1k, 10k and 100k posts (about ten
//! posts a day, ~230 bytes a post, the same data `examples/generate` writes).
//!
//! ```sh
//! cargo bench --bench core
//! ```

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mixcal::testing::config::Config;
use mixcal::testing::domain::{Week, WeekStart};
use mixcal::testing::export::{self, Format, Job, Origin};
use mixcal::testing::mix::{Mix, Rules};
use mixcal::testing::store::{parse_bytes, save_text, to_toml};

#[path = "../examples/generate/schedule.rs"]
mod schedule;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn week() -> Week {
    Week::parse(schedule::WEEK, WeekStart::default()).expect("a valid week")
}

/// Parsing and validating the whole file, as every command does first.
fn load(c: &mut Criterion) {
    let config = Config::builtin().expect("the built-in config");
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for n in SIZES {
        let text = schedule::schedule_text(n, 48);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter_with_large_drop(|| {
                parse_bytes(black_box(text.as_bytes()), "bench.toml", &config)
                    .expect("generated schedules are valid")
            });
        });
    }
    group.finish();
}

/// Load plus the mix analysis of one week: what `mixcal check --week` computes.
fn load_and_check_week(c: &mut Criterion) {
    let config = Config::builtin().expect("the built-in config");
    let mut group = c.benchmark_group("load_and_check_week");
    group.sample_size(10);
    for n in SIZES {
        let text = schedule::schedule_text(n, 48);
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter_with_large_drop(|| {
                let schedule = parse_bytes(black_box(text.as_bytes()), "bench.toml", &config)
                    .expect("generated schedules are valid");
                let rules = Rules::compile(&config).expect("the built-in rules");
                let now = week().start().and_hms_opt(0, 0, 0).expect("midnight");
                let report = Mix::new(&config, &rules, now).check(&schedule, week());
                (schedule, report)
            });
        });
    }
    group.finish();
}

/// The analysis alone, on an already loaded schedule: it reads only the week.
fn check_week(c: &mut Criterion) {
    let config = Config::builtin().expect("the built-in config");
    let rules = Rules::compile(&config).expect("the built-in rules");
    let now = week().start().and_hms_opt(0, 0, 0).expect("midnight");
    let mut group = c.benchmark_group("check_week");
    for n in SIZES {
        let text = schedule::schedule_text(n, 48);
        let schedule = parse_bytes(text.as_bytes(), "bench.toml", &config)
            .expect("generated schedules are valid");
        group.bench_with_input(BenchmarkId::from_parameter(n), &schedule, |b, schedule| {
            b.iter(|| Mix::new(&config, &rules, now).check(black_box(schedule), week()));
        });
    }
    group.finish();
}

/// `check --week` on 100k posts of which 1,000 repeat, beside the same size
/// without repeating posts in the same run: load, then the week's mix, whose
/// posts now include the dates repeating posts fall on.
fn check_week_with_repeats(c: &mut Criterion) {
    let config = Config::builtin().expect("the built-in config");
    let rules = Rules::compile(&config).expect("the built-in rules");
    let now = week().start().and_hms_opt(0, 0, 0).expect("midnight");
    let mut group = c.benchmark_group("check_week_with_repeats");
    group.sample_size(10);
    for (name, text) in [
        ("100k", schedule::schedule_text(100_000, 48)),
        (
            "100k_with_1k_repeating",
            schedule::schedule_text_with_repeats(100_000, 1_000, 48),
        ),
    ] {
        group.bench_with_input(
            BenchmarkId::new("load_and_check", name),
            &text,
            |b, text| {
                b.iter_with_large_drop(|| {
                    let schedule = parse_bytes(black_box(text.as_bytes()), "bench.toml", &config)
                        .expect("generated schedules are valid");
                    let report = Mix::new(&config, &rules, now).check(&schedule, week());
                    (schedule, report)
                });
            },
        );
        let schedule = parse_bytes(text.as_bytes(), "bench.toml", &config).expect("valid");
        group.bench_with_input(BenchmarkId::new("check", name), &schedule, |b, schedule| {
            b.iter(|| Mix::new(&config, &rules, now).check(black_box(schedule), week()));
        });
    }
    group.finish();
}

/// Saving 100k posts: the canonical text alone, what a save writes over a file
/// without comments, over a file with a header comment, and over a file with a
/// comment in every hundredth post.
fn save(c: &mut Criterion) {
    let config = Config::builtin().expect("the built-in config");
    let mut group = c.benchmark_group("save");
    group.sample_size(10);
    let text = schedule::schedule_text(100_000, 48);
    let loaded = parse_bytes(text.as_bytes(), "bench.toml", &config).expect("valid");
    let plain = to_toml(&loaded);
    let header = format!("# The plan of the shop.\n{plain}");
    let mut every_100th = String::with_capacity(plain.len() + 100_000);
    for (i, chunk) in plain.split_inclusive("\n[[post]]\n").enumerate() {
        every_100th.push_str(chunk);
        if i % 100 == 1 {
            every_100th.push_str("# a note\n");
        }
    }
    group.throughput(Throughput::Bytes(plain.len() as u64));
    group.bench_function("canonical", |b| {
        b.iter_with_large_drop(|| to_toml(black_box(&loaded)));
    });
    for (name, previous) in [
        ("over_plain", &plain),
        ("over_header_comment", &header),
        ("over_comment_every_100th", &every_100th),
    ] {
        let old = parse_bytes(previous.as_bytes(), "bench.toml", &config).expect("valid");
        group.bench_function(name, |b| {
            b.iter_with_large_drop(|| save_text(black_box(&old), Some(previous)));
        });
    }
    group.finish();
}

/// Exporting 100k posts in the formats that hand the whole plan on.
fn export_all(c: &mut Criterion) {
    let config = Config::builtin().expect("the built-in config");
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    let text = schedule::schedule_text(100_000, 48);
    let loaded = parse_bytes(text.as_bytes(), "bench.toml", &config).expect("valid");
    let posts = export::select(&loaded, None, None);
    let zone = jiff::tz::TimeZone::get("Europe/Berlin").expect("a known zone");
    let job = Job {
        config: &config,
        zone: &zone,
        now: chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .expect("a real time"),
        statuses: None,
        origin: Origin {
            name: "bench".into(),
            identifier: Some(loaded.identifier().to_string()),
        },
        utc: false,
        date_order: mixcal::testing::domain::fields::DateOrder::Mdy,
    };
    for format in [Format::Toml, Format::Csv, Format::Ics] {
        group.bench_function(format.name(), |b| {
            b.iter_with_large_drop(|| export::render(format, black_box(&posts), &job));
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    load,
    load_and_check_week,
    check_week,
    check_week_with_repeats,
    save,
    export_all
);
criterion_main!(benches);
