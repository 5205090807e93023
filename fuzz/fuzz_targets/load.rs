//! Any bytes as a schedule file: the loader never panics, never accepts what
//! TOML refuses, and whatever it accepts is saved as TOML that loads back the
//! same. Seed the corpus with tests/fixtures and tests/fixtures/toml-invalid.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mixcal::testing::config::Config;
use mixcal::testing::store::{parse, parse_bytes, to_toml};

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| Config::builtin().expect("the built-in config parses"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(schedule) = parse_bytes(data, "fuzz.toml", config()) else {
        return;
    };
    let text = std::str::from_utf8(data).expect("accepted bytes are UTF-8");
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    assert!(
        toml::from_str::<toml::Table>(text).is_ok(),
        "mixcal accepted what TOML refuses"
    );
    let saved = to_toml(&schedule);
    assert!(
        toml::from_str::<toml::Table>(&saved).is_ok(),
        "a save is not TOML"
    );
    let back = parse(&saved, "saved.toml", config()).expect("a save loads");
    assert_eq!(back, schedule, "a save loads back differently");
});
