//! The subcommands: thin layers that read arguments, call the domain and print.

pub(crate) mod check;
pub(crate) mod export;
pub(crate) mod import;
pub(crate) mod review;
pub(crate) mod suggest;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::cli::RangeArgs;
use crate::config::Config;
use crate::domain::fields;
use crate::domain::{Schedule, Span, Week, supported, supported_range};
use crate::env::Env;
pub(crate) use crate::error::{Error as CommandError, Outcome, Result};
use crate::mix::Rules;
use crate::store::Store;

/// The config from `--config`, else the user's file, else the defaults. Its
/// rules are checked too, so a bad rule stops every command at its line.
pub(crate) fn load_config(env: &Env) -> Result<Config> {
    env.load_config().map_err(CommandError::Config)
}

/// The config and its rules, compiled.
pub(crate) fn load_mix(env: &Env) -> Result<(Config, Rules)> {
    env.load_mix().map_err(CommandError::Config)
}

/// The schedule path: `--file`, else `$MIXCAL_FILE`, else the user's data folder.
pub(crate) fn schedule_path(env: &Env) -> Result<PathBuf> {
    env.schedule_path().map(Path::to_path_buf).ok_or_else(|| {
        CommandError::Usage("cannot find your home folder to keep the schedule in\n  help: pass --file PATH or set MIXCAL_FILE".into())
    })
}

/// Loads an existing schedule (a missing file is an error).
pub(crate) fn open_schedule(path: &Path, config: &Config) -> Result<(Schedule, Store)> {
    Ok(Store::open(path, config)?)
}

/// Writes a report made with colour to stdout: as it is when colour is wanted,
/// stripped of its colour codes otherwise.
fn print_coloured(env: &Env, out: &mut dyn std::io::Write, text: &[u8]) -> std::io::Result<()> {
    if env.color {
        out.write_all(text)
    } else {
        let text = String::from_utf8_lossy(text);
        write!(out, "{}", anstream::adapter::strip_str(&text))
    }
}

/// A warning on stderr: the command goes on. Shown safely.
pub(crate) fn warn(text: &str) {
    crate::error::say(&format!("mixcal: warning: {text}"));
}

/// Tells what a save tidied up beside the schedule (a stale lock, temporary files
/// of interrupted saves), on stderr.
pub(crate) fn tell_notes(store: &mut Store) {
    for note in store.take_notes() {
        crate::error::say(&format!("mixcal: note: {note}"));
    }
}

/// A failed write to stdout (a closed pipe, a full disk behind a redirect).
pub(crate) fn stdout_error(source: std::io::Error) -> CommandError {
    CommandError::Io {
        path: "stdout".into(),
        source,
    }
}

pub(crate) fn parse_week(s: &str, config: &Config) -> Result<Week> {
    Week::parse(s, config.week_start).map_err(|e| CommandError::Usage(format!("--week: {e}")))
}

pub(crate) fn parse_day(flag: &str, s: &str) -> Result<NaiveDate> {
    let date = fields::date(s).map_err(|e| {
        let help = e.help();
        CommandError::Usage(format!("{flag}: {e}\n  help: {help}"))
    })?;
    if !supported(date) {
        return Err(CommandError::Usage(format!(
            "{flag}: {} is out of range\n  help: {}",
            date.format("%Y-%m-%d"),
            supported_range()
        )));
    }
    Ok(date)
}

/// Reads `--week` or `--from`/`--to`; `None` when neither is given.
pub(crate) fn parse_range(range: &RangeArgs, config: &Config) -> Result<Option<Span>> {
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
