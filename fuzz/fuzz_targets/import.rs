//! Any bytes as a spreadsheet to import: reading never panics, and every row it
//! accepts becomes a post that a save writes and loads back.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mixcal::commands::import::merge;
use mixcal::config::Config;
use mixcal::domain::Schedule;
use mixcal::export::csv::read;
use mixcal::store::{parse, to_toml};

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| Config::builtin().expect("the built-in config parses"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(rows) = read(data, "fuzz.csv", config()) else {
        return;
    };
    let mut schedule = Schedule::new();
    merge(&mut schedule, rows);
    let saved = to_toml(&schedule);
    let back = parse(&saved, "saved.toml", config()).expect("an import saves a file that loads");
    assert_eq!(back, schedule);
});
