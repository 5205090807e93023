//! Loading and checking generated schedules of 1k, 10k and 100k posts (about ten
//! posts a day, ~230 bytes a post, the same data `examples/generate` writes).
//!
//! ```sh
//! cargo bench --bench core
//! ```

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mixcal::config::Config;
use mixcal::domain::{Week, WeekStart};
use mixcal::mix::analyze_week;
use mixcal::store::parse_bytes;

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
            })
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
                let report = analyze_week(&config, &schedule, week());
                (schedule, report)
            })
        });
    }
    group.finish();
}

/// The analysis alone, on an already loaded schedule: it reads only the week.
fn check_week(c: &mut Criterion) {
    let config = Config::builtin().expect("the built-in config");
    let mut group = c.benchmark_group("check_week");
    for n in SIZES {
        let text = schedule::schedule_text(n, 48);
        let schedule = parse_bytes(text.as_bytes(), "bench.toml", &config)
            .expect("generated schedules are valid");
        group.bench_with_input(BenchmarkId::from_parameter(n), &schedule, |b, schedule| {
            b.iter(|| analyze_week(&config, black_box(schedule), week()))
        });
    }
    group.finish();
}

criterion_group!(benches, load, load_and_check_week, check_week);
criterion_main!(benches);
