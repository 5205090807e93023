//! Any bytes as a spreadsheet to import: reading never panics, and every sheet
//! it accepts and merges becomes posts that a save writes and loads back.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mixcal::testing::commands::merge;
use mixcal::testing::config::Config;
use mixcal::testing::domain::Schedule;
use mixcal::testing::export::csv::{ReadOptions, read};
use mixcal::testing::store::{parse, to_toml};

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| Config::builtin().expect("the built-in config parses"))
}

fuzz_target!(|data: &[u8]| {
    let options = ReadOptions { date_order: None };
    let Ok(sheet) = read(data, "fuzz.csv", config(), options) else {
        return;
    };
    let mut schedule = Schedule::new();
    if merge(&mut schedule, sheet, "fuzz.csv", "row").is_err() {
        return;
    }
    let saved = to_toml(&schedule);
    let back = parse(&saved, "saved.toml", config()).expect("an import saves a file that loads");
    assert_eq!(back, schedule);
});
