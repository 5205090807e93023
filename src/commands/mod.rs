//! The subcommands: thin layers that read arguments, call the domain and print.

pub mod check;
pub mod export;
pub mod import;
pub mod suggest;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use thiserror::Error;

use crate::cli::{Common, RangeArgs};
use crate::config::Config;
use crate::diag::Diagnostics;
use crate::domain::{Schedule, Week};
use crate::store::{Store, StoreError, parse_date};

/// Why a command could not do its work. Every variant is bad input (exit 2).
#[derive(Debug, Error)]
pub enum CommandError {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Config(Diagnostics),
    /// A file the user gave (other than the schedule) with problems in it.
    #[error("{0}")]
    Input(Diagnostics),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// What a successful command found, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything holds (exit 0).
    Clean,
    /// Findings, or a week that cannot be balanced (exit 1).
    Findings,
}

pub type Result<T> = std::result::Result<T, CommandError>;

/// The config from `--config`, else the user's file, else the defaults.
pub fn load_config(common: &Common) -> Result<Config> {
    Config::discover(common.config.as_deref()).map_err(CommandError::Config)
}

/// The schedule path: `--file`, else `$MIXCAL_FILE`, else the user's data folder.
pub fn schedule_path(common: &Common) -> Result<PathBuf> {
    if let Some(p) = &common.file {
        return Ok(p.clone());
    }
    default_schedule_path().ok_or_else(|| {
        CommandError::Usage("cannot find your home folder to keep the schedule in\n  help: pass --file PATH or set MIXCAL_FILE".into())
    })
}

/// `$XDG_DATA_HOME/mixcal/schedule.toml`.
pub fn default_schedule_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let dirs = etcetera::base_strategy::Xdg::new().ok()?;
    Some(dirs.data_dir().join("mixcal").join("schedule.toml"))
}

/// Loads an existing schedule (a missing file is an error).
pub fn open_schedule(path: &Path, config: &Config) -> Result<(Schedule, Store)> {
    Ok(Store::open(path, config)?)
}

/// Colour on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces it.
/// Writes a report made with colour to stdout: as it is when colour is wanted,
/// stripped of its colour codes otherwise.
fn print_coloured(out: &mut dyn std::io::Write, text: &[u8]) -> std::io::Result<()> {
    if color_wanted() {
        out.write_all(text)
    } else {
        let text = String::from_utf8_lossy(text);
        write!(out, "{}", anstream::adapter::strip_str(&text))
    }
}

/// A failed write to stdout (a closed pipe, a full disk behind a redirect).
fn stdout_error(source: std::io::Error) -> CommandError {
    CommandError::Io {
        path: "stdout".into(),
        source,
    }
}

pub fn color_wanted() -> bool {
    use std::io::IsTerminal;
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    if set("NO_COLOR") {
        return false;
    }
    set("CLICOLOR_FORCE") || std::io::stdout().is_terminal()
}

/// Today, or `$MIXCAL_TODAY` (YYYY-MM-DD) so tests and demos can fix the date.
pub fn today() -> NaiveDate {
    now().date()
}

/// The local date and time now; with `$MIXCAL_TODAY` set, midnight of that day, so
/// what depends on the clock (what is in the past, an export's stamp) repeats.
pub fn now() -> NaiveDateTime {
    std::env::var("MIXCAL_TODAY")
        .ok()
        .and_then(|s| parse_date(&s))
        .map(|d| d.and_time(NaiveTime::MIN))
        .unwrap_or_else(|| chrono::Local::now().naive_local())
}

pub fn parse_week(s: &str, config: &Config) -> Result<Week> {
    Week::parse(s, config.week_start).map_err(|e| CommandError::Usage(format!("--week: {e}")))
}

fn parse_day(flag: &str, s: &str) -> Result<NaiveDate> {
    parse_date(s).ok_or_else(|| {
        CommandError::Usage(format!(
            "{flag}: '{s}' is not a date\n  help: write a date like 2026-11-23"
        ))
    })
}

/// An inclusive date range chosen on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Span {
    pub fn week(week: Week) -> Span {
        Span {
            from: week.start(),
            to: week.end(),
        }
    }
}

/// Reads `--week` or `--from`/`--to`; `None` when neither is given.
pub fn parse_range(range: &RangeArgs, config: &Config) -> Result<Option<Span>> {
    if let Some(w) = &range.week {
        return Ok(Some(Span::week(parse_week(w, config)?)));
    }
    let from = range
        .from
        .as_deref()
        .map(|s| parse_day("--from", s))
        .transpose()?;
    let to = range
        .to
        .as_deref()
        .map(|s| parse_day("--to", s))
        .transpose()?;
    match (from, to) {
        (None, None) => Ok(None),
        (from, to) => {
            let from = from.unwrap_or(NaiveDate::MIN);
            let to = to.unwrap_or(NaiveDate::MAX);
            if from > to {
                return Err(CommandError::Usage(format!(
                    "--from {from} is after --to {to}\n  help: swap the two dates"
                )));
            }
            Ok(Some(Span { from, to }))
        }
    }
}
