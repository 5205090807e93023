//! What reliability costs on a 100k-post schedule (the data `examples/generate`
//! writes): importing a spreadsheet of 100k rows with ids against loading the
//! 100k posts, and a save under the lock (with its read-back check) against
//! rendering the text alone.
//!
//! ```sh
//! cargo bench --bench reliability
//! ```

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use mixcal::testing::commands::merge;
use mixcal::testing::config::Config;
use mixcal::testing::domain::Schedule;
use mixcal::testing::export::csv::{ReadOptions, read_against};
use mixcal::testing::export::select;
use mixcal::testing::store::{Store, parse_bytes, to_toml};

#[path = "../examples/generate/schedule.rs"]
#[allow(dead_code)]
mod schedule;

const POSTS: usize = 100_000;

/// Import against load: a sheet of every post (ids included, as `export --format
/// csv` writes it, each title changed so every row updates its post) read and
/// merged into the loaded schedule, beside loading the schedule itself.
fn import_against_load(c: &mut Criterion) {
    let config = Config::builtin().expect("the built-in config");
    let text = schedule::schedule_text(POSTS, 48);
    // Only ever cloned: each import starts from the schedule as loaded, before
    // anything has looked a post up by id.
    let loaded = parse_bytes(text.as_bytes(), "bench.toml", &config).expect("valid");
    let sheet = mixcal::testing::export::csv::render(&select(&loaded, None, None).dated);
    let sheet = String::from_utf8(sheet)
        .expect("csv is UTF-8")
        .replace("Behind the scenes", "Behind the counter");
    let options = ReadOptions { date_order: None };
    let read = |schedule: &Schedule| {
        read_against(
            black_box(sheet.as_bytes()),
            "plan.csv",
            &config,
            options,
            schedule,
        )
        .expect("the sheet reads")
    };
    let mut group = c.benchmark_group("import_vs_load_100k");
    // More samples than the default ten: the two are compared by their
    // medians, on a machine other work may share.
    group.sample_size(30);
    group.bench_function("load", |b| {
        b.iter_with_large_drop(|| {
            parse_bytes(black_box(text.as_bytes()), "bench.toml", &config).expect("valid")
        });
    });
    group.bench_function("import_rows_with_ids", |b| {
        b.iter_batched(
            || loaded.clone(),
            |mut schedule| {
                let sheet = read(&schedule);
                let changes =
                    merge(&mut schedule, sheet, "plan.csv", "row").expect("the rows merge");
                (schedule, changes)
            },
            criterion::BatchSize::LargeInput,
        );
    });
    // The two halves of an import, to tell where its time goes.
    group.bench_function("import_read_only", |b| {
        b.iter_batched(
            || loaded.clone(),
            |schedule| {
                let sheet = read(&schedule);
                (schedule, sheet)
            },
            criterion::BatchSize::LargeInput,
        );
    });
    let indexed = loaded.clone();
    let sheet_read = read(&indexed);
    group.bench_function("import_merge_only", |b| {
        b.iter_batched(
            || (indexed.clone(), sheet_read.clone()),
            |(mut schedule, sheet)| {
                let changes = merge(&mut schedule, black_box(sheet), "plan.csv", "row")
                    .expect("the rows merge");
                (schedule, changes)
            },
            criterion::BatchSize::LargeInput,
        );
    });
    group.finish();
}

/// A save of 100k posts: the text, its read-back check, the lock, the backup,
/// the temporary file, fsync and rename; beside the text alone.
fn save(c: &mut Criterion) {
    let config = Config::builtin().expect("the built-in config");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("schedule.toml");
    let text = schedule::schedule_text(POSTS, 48);
    std::fs::write(&path, &text).expect("write the schedule");
    let (a, mut store) = Store::open(&path, &config).expect("it loads");
    let mut b_schedule = a.clone();
    let first = a.iter().next().expect("posts").clone();
    let mut changed = first.clone();
    changed.title.push_str(" (edited)");
    b_schedule.insert(changed);
    let mut group = c.benchmark_group("save_100k");
    group.sample_size(10);
    group.bench_function("render_text_only", |b| {
        b.iter(|| to_toml(black_box(&a)).len());
    });
    let mut flip = false;
    group.bench_function("save_with_lock_and_read_back", |b| {
        b.iter(|| {
            flip = !flip;
            let s = if flip { &b_schedule } else { &a };
            store.save(black_box(s)).expect("the save succeeds");
        });
    });
    group.finish();
}

criterion_group!(benches, import_against_load, save);
criterion_main!(benches);
