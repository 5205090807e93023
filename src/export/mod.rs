//! Export formats, one file each. A format turns a list of posts into bytes.
//!
//! [`render`] is the one entry point: the `export` command and the calendar's
//! export popup both call it, so a file written from either is the same.

pub mod csv;
pub mod hootsuite;
pub mod ics;
pub mod toml;

use std::fmt;

use chrono::NaiveDateTime;
use thiserror::Error;

use crate::config::Config;
use crate::diag::near_miss;
use crate::domain::{Post, Schedule, Span};

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

/// A file format mixcal writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The schedule file's own format.
    Toml,
    /// iCalendar (RFC 5545), for calendar programs.
    Ics,
    /// A spreadsheet; `import` reads it back.
    Csv,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Toml, Format::Ics, Format::Csv];

    /// The name used on the command line, which is also the file extension.
    pub fn name(self) -> &'static str {
        match self {
            Format::Toml => "toml",
            Format::Ics => "ics",
            Format::Csv => "csv",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A layout of a format that one publishing tool expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// Hootsuite's bulk composer CSV.
    Hootsuite,
}

impl Profile {
    pub const ALL: [Profile; 1] = [Profile::Hootsuite];

    pub fn name(self) -> &'static str {
        match self {
            Profile::Hootsuite => "hootsuite",
        }
    }

    /// The format this profile is a layout of.
    pub fn format(self) -> Format {
        match self {
            Profile::Hootsuite => Format::Csv,
        }
    }

    /// Reads a profile name as typed, suggesting the likely one for a typo.
    pub fn parse(s: &str) -> Result<Profile, ExportError> {
        let wanted = s.trim().to_lowercase();
        if let Some(p) = Profile::ALL.into_iter().find(|p| p.name() == wanted) {
            return Ok(p);
        }
        let names = Profile::ALL.map(Profile::name);
        let help = match near_miss(s, names) {
            Some(n) => format!("did you mean `{n}`? Profiles: {}", names.join(", ")),
            None => format!("profiles: {}", names.join(", ")),
        };
        Err(ExportError::UnknownProfile {
            name: s.to_string(),
            help,
        })
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why an export could not be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExportError {
    #[error("unknown profile `{name}`\n  help: {help}")]
    UnknownProfile { name: String, help: String },
    #[error(
        "the {profile} profile is a layout for {}, not for {format}\n  help: use --format {} --profile {profile}",
        profile.format(), profile.format()
    )]
    WrongFormat { profile: Profile, format: Format },
}

/// An export's bytes, and what the user should know about them (posts left out,
/// times a tool will refuse). Warnings never stop an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// How many posts the file holds: fewer than were given when a layout leaves
    /// some out.
    pub posts: usize,
    pub warnings: Vec<String>,
}

/// Writes `posts` (in the order given, normally the schedule's) in `format`, laid
/// out for `profile` when one is given. `now` is the local date and time: it stamps
/// iCalendar files and decides which posts are in the past.
pub fn render(
    format: Format,
    profile: Option<Profile>,
    posts: &[&Post],
    config: &Config,
    now: NaiveDateTime,
) -> Result<Rendered, ExportError> {
    let mut warnings = Vec::new();
    let mut written = posts.len();
    let bytes = match (format, profile) {
        (format, Some(profile)) if profile.format() != format => {
            return Err(ExportError::WrongFormat { profile, format });
        }
        (_, Some(Profile::Hootsuite)) => {
            let (bytes, rows) = hootsuite::render(posts, now, &mut warnings);
            written = rows;
            bytes
        }
        (Format::Toml, None) => toml::render(posts.iter().copied()).into_bytes(),
        (Format::Ics, None) => ics::render(posts, config, now, &mut warnings).into_bytes(),
        (Format::Csv, None) => csv::render(posts),
    };
    Ok(Rendered {
        bytes,
        posts: written,
        warnings,
    })
}

/// How a post is named in a warning: `Mon 23 Nov 09:30 "Title" (id)`.
pub(crate) fn describe(post: &Post) -> String {
    let when = match post.time {
        Some(t) => format!("{} {}", post.date.format("%a %-d %b %Y"), t.format("%H:%M")),
        None => post.date.format("%a %-d %b %Y").to_string(),
    };
    format!("{when} \u{201c}{}\u{201d} ({})", post.title, post.id)
}

/// Names up to a few posts, then how many more there are, so a warning about a
/// thousand posts stays readable.
pub(crate) fn list_posts(posts: &[&Post]) -> String {
    const SHOWN: usize = 3;
    let mut names: Vec<String> = posts.iter().take(SHOWN).map(|p| describe(p)).collect();
    if posts.len() > SHOWN {
        names.push(format!("and {} more", posts.len() - SHOWN));
    }
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_profile_suggests_the_right_one() {
        let err = Profile::parse("hootsiute").unwrap_err();
        assert!(
            err.to_string().contains("did you mean `hootsuite`?"),
            "{err}"
        );
        assert_eq!(Profile::parse("Hootsuite"), Ok(Profile::Hootsuite));
    }

    #[test]
    fn a_profile_refuses_a_format_it_is_not_a_layout_of() {
        let config = Config::builtin().unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let err = render(Format::Ics, Some(Profile::Hootsuite), &[], &config, now).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the hootsuite profile is a layout for csv, not for ics\n  help: use --format csv --profile hootsuite"
        );
    }
}
