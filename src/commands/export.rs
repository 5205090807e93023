//! `mixcal export`: the selected posts in a format other tools read.

use std::io::Write;

use super::{
    CommandError, Outcome, Result, load_config, open_schedule, parse_range, schedule_path,
};
use crate::cli::{Common, ExportArgs, Format};
use crate::domain::Post;
use crate::export;
use crate::store::write_atomic;

pub fn run(common: &Common, args: &ExportArgs, out: &mut dyn Write) -> Result<Outcome> {
    let config = load_config(common)?;
    let span = parse_range(&args.range, &config)?;
    let path = schedule_path(common)?;
    let (schedule, _) = open_schedule(&path, &config)?;
    let posts: Vec<&Post> = match span {
        Some(s) => schedule.range(s.from..=s.to).collect(),
        None => schedule.iter().collect(),
    };
    let posts: Vec<&Post> = posts
        .into_iter()
        .filter(|p| {
            args.channel
                .as_ref()
                .is_none_or(|c| p.channel.as_deref() == Some(c.as_str()))
        })
        .collect();
    let bytes = match args.format {
        Format::Toml => export::toml::render(posts.iter().copied()).into_bytes(),
        other => {
            return Err(CommandError::Usage(format!(
                "--format {other:?} export is not available in this build\n  help: use --format toml"
            )));
        }
    };
    match &args.output {
        Some(file) => write_atomic(file, &bytes, false).map_err(|source| CommandError::Io {
            path: file.display().to_string(),
            source,
        })?,
        None => out.write_all(&bytes).map_err(|source| CommandError::Io {
            path: "stdout".into(),
            source,
        })?,
    }
    Ok(Outcome::Clean)
}
