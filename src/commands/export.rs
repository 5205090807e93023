//! `mixcal export`: the selected posts in a format other tools read.

use std::io::Write;

use super::{
    CommandError, Outcome, Result, load_config, open_schedule, parse_range, schedule_path,
};
use crate::cli::{self, ExportArgs};
use crate::env::Env;
use crate::export::{self, Format, Profile, select};
use crate::store::write_atomic;

pub fn run(env: &Env, args: &ExportArgs, out: &mut dyn Write) -> Result<Outcome> {
    let config = load_config(env)?;
    let span = parse_range(&args.range, &config)?;
    let format = match args.format {
        cli::Format::Toml => Format::Toml,
        cli::Format::Ics => Format::Ics,
        cli::Format::Csv => Format::Csv,
    };
    let profile = args
        .profile
        .as_deref()
        .map(Profile::parse)
        .transpose()
        .map_err(|e| CommandError::Usage(format!("--profile: {e}")))?;
    // Bad flags are reported before the schedule is read.
    if let Some(profile) = profile
        && profile.format() != format
    {
        let e = export::ExportError::WrongFormat { profile, format };
        return Err(CommandError::Usage(e.to_string()));
    }
    let path = schedule_path(env)?;
    let (schedule, _) = open_schedule(&path, &config)?;
    let posts = select(&schedule, span, args.channel.as_deref());
    let rendered = export::render(format, profile, &posts, &config, env.now())
        .map_err(|e| CommandError::Usage(e.to_string()))?;
    for warning in &rendered.warnings {
        eprintln!("mixcal: warning: {warning}");
    }
    match &args.output {
        Some(file) => {
            write_atomic(file, &rendered.bytes, false).map_err(|source| CommandError::Io {
                path: file.display().to_string(),
                source,
            })?
        }
        None => out
            .write_all(&rendered.bytes)
            .map_err(super::stdout_error)?,
    }
    Ok(Outcome::Clean)
}
