//! `mixcal export`: the selected posts in a format other tools read.

use std::io::Write;

use super::{
    CommandError, Outcome, Result, Span, load_config, now, open_schedule, parse_range,
    schedule_path,
};
use crate::cli::{self, Common, ExportArgs};
use crate::domain::{Post, Schedule};
use crate::export::{self, Format, Profile};
use crate::store::write_atomic;

/// The posts an export writes, in schedule order: those inside `span` (every post
/// when `None`), and only `channel`'s when one is given. The calendar's export
/// popup selects through here too, so both write the same posts for a range.
pub fn select<'a>(
    schedule: &'a Schedule,
    span: Option<Span>,
    channel: Option<&str>,
) -> Vec<&'a Post> {
    let in_channel = |p: &&Post| channel.is_none_or(|c| p.channel.as_deref() == Some(c));
    match span {
        Some(s) => schedule.range(s.from..=s.to).filter(in_channel).collect(),
        None => schedule.iter().filter(in_channel).collect(),
    }
}

pub fn run(common: &Common, args: &ExportArgs, out: &mut dyn Write) -> Result<Outcome> {
    let config = load_config(common)?;
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
    let path = schedule_path(common)?;
    let (schedule, _) = open_schedule(&path, &config)?;
    let posts = select(&schedule, span, args.channel.as_deref());
    let rendered = export::render(format, profile, &posts, &config, now())
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
