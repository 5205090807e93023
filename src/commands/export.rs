//! `mixcal export`: the selected posts in a format other tools read.

use std::io::Write;
use std::path::Path;

use super::{
    CommandError, Outcome, Result, load_config, open_schedule, parse_range, schedule_path,
};
use crate::cli::ExportArgs;
use crate::domain::fields::DateOrder;
use crate::env::Env;
use crate::export::{self, ExportError, Format, Job, Origin, select};
use crate::store::{same_file, write_atomic};

pub(crate) fn run(env: &Env, args: &ExportArgs, out: &mut dyn Write) -> Result<Outcome> {
    let config = load_config(env)?;
    let span = parse_range(&args.range, &config)?;
    // Bad flags are reported before the schedule is read.
    let format = format(args)?;
    if args.utc && format != Format::Ics {
        return Err(CommandError::Usage(
            "--utc is for --format ics\n  help: leave it out, or export with --format ics".into(),
        ));
    }
    if args.date_order.is_some() && format != Format::Sprout {
        return Err(CommandError::Usage(
            "--date-order is for --format sprout, whose dates follow Sprout's import setting\n  help: leave it out".into(),
        ));
    }
    // Only calendars and publishing tools need the plan's time zone; for them an
    // unknown one is an error, never a silent UTC.
    let zone = match format {
        Format::Toml | Format::Csv => config.zone().unwrap_or(jiff::tz::TimeZone::UTC),
        _ => config
            .zone()
            .map_err(|e| CommandError::Usage(e.to_string()))?,
    };
    let path = schedule_path(env)?;
    // However the two are spelt (relative, through a link, a hard link), an
    // export never overwrites the schedule it reads.
    if let Some(file) = &args.output
        && same_file(file, &path)
    {
        return Err(CommandError::Usage(format!(
            "-o {}: that is the schedule itself ({}); exporting there would replace your posts\n  help: choose another file name",
            file.display(),
            path.display()
        )));
    }
    let (schedule, _) = open_schedule(&path, &config)?;
    let posts = select(&schedule, span, args.channel.as_deref());
    let job = Job {
        config: &config,
        zone: &zone,
        now: env.clock().now_in(&zone),
        statuses: args.status.as_deref(),
        origin: origin(&path, schedule.identifier()),
        utc: args.utc,
        date_order: args.date_order.unwrap_or(DateOrder::Mdy),
    };
    let rendered = export::render(format, &posts, &job);
    for warning in &rendered.warnings {
        super::warn(warning);
    }
    match &args.output {
        Some(file) => {
            write_atomic(file, &rendered.bytes, false).map_err(|source| CommandError::Io {
                path: file.display().to_string(),
                source,
            })?;
        }
        None => out
            .write_all(&rendered.bytes)
            .map_err(super::stdout_error)?,
    }
    Ok(Outcome::Clean)
}

/// The format asked for: `--format`, or the layout `--profile` names.
fn format(args: &ExportArgs) -> Result<Format> {
    let Some(name) = &args.profile else {
        return Ok(args.format);
    };
    let profile =
        Format::parse_profile(name).map_err(|e| CommandError::Usage(format!("--profile: {e}")))?;
    if args.format != Format::Csv && args.format != profile {
        let e = ExportError::WrongFormat {
            profile,
            format: args.format,
        };
        return Err(CommandError::Usage(e.to_string()));
    }
    Ok(profile)
}

/// The schedule a calendar comes from: named after its file.
pub(crate) fn origin(path: &Path, identifier: &str) -> Origin {
    Origin {
        name: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        identifier: Some(identifier.to_string()),
    }
}
