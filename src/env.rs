//! What mixcal takes from the world outside its files: the clock, where the
//! schedule and the config live, and whether to print colour. `main` builds one
//! [`Env`] and hands it to the commands and to the calendar, so both faces read
//! the same clock and paths, and tests can fix them.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::config::{Config, user_config_path};
use crate::diag::Diagnostics;
use crate::domain::fields;
use crate::error::Error;
use crate::mix::Rules;

/// The clock, the paths and the colour choice for one run of mixcal.
#[derive(Debug, Clone)]
pub(crate) struct Env {
    clock: Clock,
    /// The schedule file, when one can be found (`--file`, `$MIXCAL_FILE`, else
    /// the user's data folder).
    schedule: Option<PathBuf>,
    /// The config file to overlay on the defaults: `--config`, else the user's
    /// file when it exists; `None` for the defaults alone.
    config: Option<PathBuf>,
    /// Whether reports to stdout may use colour.
    pub(crate) color: bool,
}

/// Where "now" comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The system's local time.
    System,
    /// A fixed moment (`$MIXCAL_TODAY` at midnight, or a test's choice), so what
    /// depends on the clock repeats.
    Fixed(NaiveDateTime),
}

impl Clock {
    /// The local date and time now.
    pub(crate) fn now(self) -> NaiveDateTime {
        match self {
            Clock::System => chrono::Local::now().naive_local(),
            Clock::Fixed(at) => at,
        }
    }

    /// The wall-clock time now where the plan is: in the config's time zone,
    /// else the system's local time.
    pub(crate) fn now_for(self, config: &Config) -> NaiveDateTime {
        match config.zone() {
            Ok(zone) => self.now_in(&zone),
            Err(_) => self.now(),
        }
    }

    /// The wall-clock time now in `zone` (the plan's time zone); a fixed clock
    /// is read as a time in that zone.
    pub(crate) fn now_in(self, zone: &jiff::tz::TimeZone) -> NaiveDateTime {
        match self {
            Clock::System => {
                crate::export::ics::zone::naive(zone.to_datetime(jiff::Timestamp::now()))
            }
            Clock::Fixed(at) => at,
        }
    }
}

impl Env {
    /// The environment of this process: `file` and `config` as given on the
    /// command line, `$MIXCAL_TODAY` (YYYY-MM-DD) for a fixed today, and colour on
    /// a terminal unless `NO_COLOR` is set (`CLICOLOR_FORCE` forces it). A
    /// `$MIXCAL_TODAY` that is set and not a date is an error: running on the
    /// real date instead would pass unnoticed.
    pub(crate) fn from_process(file: Option<&Path>, config: Option<&Path>) -> Result<Env, Error> {
        let config = match config {
            Some(path) => Some(path.to_path_buf()),
            None => user_config_path().filter(|p| p.exists()),
        };
        Ok(Env {
            clock: fixed_today(std::env::var_os(TODAY_VAR))?,
            schedule: file.map(Path::to_path_buf).or_else(default_schedule_path),
            config,
            color: color_wanted(std::io::stdout().is_terminal()),
        })
    }

    pub(crate) fn clock(&self) -> Clock {
        self.clock
    }

    /// The local date and time now.
    pub(crate) fn now(&self) -> NaiveDateTime {
        self.clock.now()
    }

    pub(crate) fn today(&self) -> NaiveDate {
        self.now().date()
    }

    /// The schedule file, or `None` when no home folder can be found to keep one.
    pub(crate) fn schedule_path(&self) -> Option<&Path> {
        self.schedule.as_deref()
    }

    /// The built-in defaults overlaid by the config file, if any. Its rules are
    /// compiled too, so a bad rule is reported at its line by every command.
    pub(crate) fn load_config(&self) -> Result<Config, Diagnostics> {
        self.load_mix().map(|(config, _)| config)
    }

    /// The config and its rules, compiled. The rules are checked even when
    /// the config has problems, so every problem is reported at once.
    pub(crate) fn load_mix(&self) -> Result<(Config, Rules), Diagnostics> {
        let (config, mut errors) = match &self.config {
            Some(path) => Config::read(path)?,
            None => (Config::builtin()?, Vec::new()),
        };
        match Rules::compile(&config) {
            Ok(rules) if errors.is_empty() => return Ok((config, rules)),
            Ok(_) => {}
            Err(e) => errors.extend(e.0),
        }
        crate::diag::in_file_order(&mut errors);
        Err(Diagnostics(errors))
    }
}

/// The variable that fixes today.
const TODAY_VAR: &str = "MIXCAL_TODAY";

/// The clock `$MIXCAL_TODAY` asks for: unset or empty, the system's; else
/// midnight of its date, read as the schedule file writes dates.
fn fixed_today(value: Option<std::ffi::OsString>) -> Result<Clock, Error> {
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return Ok(Clock::System);
    };
    let text = value.to_string_lossy();
    fields::date(&text)
        .map(|d| Clock::Fixed(d.and_time(NaiveTime::MIN)))
        .map_err(|e| {
            Error::Usage(format!(
                "{TODAY_VAR}: {}\n  help: set {TODAY_VAR} to a date like 2026-11-23 to fix today, or unset it to use the real date",
                e.one_line()
            ))
        })
}

/// `$XDG_DATA_HOME/mixcal/schedule.toml`.
pub(crate) fn default_schedule_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let dirs = etcetera::base_strategy::Xdg::new().ok()?;
    Some(dirs.data_dir().join("mixcal").join("schedule.toml"))
}

/// Colour on a terminal unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces it.
/// The one decision: [`Env::color`] holds it for the commands and the calendar.
fn color_wanted(terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    if set("NO_COLOR") {
        return false;
    }
    set("CLICOLOR_FORCE") || terminal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_today_that_is_not_a_date_is_an_error_and_empty_is_unset() {
        assert_eq!(fixed_today(None).unwrap(), Clock::System);
        assert_eq!(fixed_today(Some("".into())).unwrap(), Clock::System);
        let d = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(
            fixed_today(Some("2026-11-25".into())).unwrap(),
            Clock::Fixed(d.and_time(NaiveTime::MIN))
        );
        for bad in ["2026-13-01", "2026-02-30", "tomorrow"] {
            let e = fixed_today(Some(bad.into())).unwrap_err().to_string();
            assert!(e.starts_with("MIXCAL_TODAY: `"), "{bad}: {e}");
            assert!(e.contains(bad), "{bad}: {e}");
        }
        let e = fixed_today(Some(" ".into())).unwrap_err().to_string();
        assert!(e.starts_with("MIXCAL_TODAY: the date is empty"), "{e}");
    }
}
