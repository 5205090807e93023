//! Export formats, one file each. A format turns a list of posts into bytes.
//!
//! [`Format`] is the one list of formats: the command line (`--format`), the
//! calendar's export popup and [`render`] all read it, so a file written from
//! either face is the same. Adding a format is one file (a module with a
//! [`Spec`] named `SPEC`) plus one line in the [`formats!`] list below.

pub(crate) mod incoming;
pub(crate) mod publish;

use std::fmt;

use chrono::NaiveDateTime;
use thiserror::Error;

use crate::config::Config;
use crate::diag::near_miss;
use crate::domain::fields::DateOrder;
use crate::domain::{Dated, Post, Schedule, Span, Status};

/// What an export writes.
#[derive(Debug, Clone, Default)]
pub struct Selection<'a> {
    /// The posts on their dates, in schedule order; each date of a repeating
    /// post on its own. Formats that take a repeating post whole (TOML, and
    /// iCalendar as a rule) gather its dates back into it.
    pub dated: Vec<Dated<'a>>,
    /// The backlog's ideas, for a format that hands the whole plan on (TOML)
    /// when no range is asked for.
    pub(crate) ideas: Vec<&'a Post>,
}

impl<'a> Selection<'a> {
    /// The posts as written: each repeating post once, at its own first date,
    /// among the others in schedule order.
    pub(crate) fn written(&self) -> Vec<&'a Post> {
        let mut seen = std::collections::HashSet::new();
        let mut out: Vec<&'a Post> = self
            .dated
            .iter()
            .filter(|d| !d.is_occurrence() || seen.insert(d.post.id.as_str()))
            .map(|d| d.post)
            .collect();
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out
    }
}

/// The posts an export writes, in schedule order: those inside `span` (every post
/// when `None`, the backlog too), and only `channel`'s when one is given. A
/// repeating post gives its dates in the span; without a span, its dates up to
/// the schedule's last. The calendar's export popup selects through here too,
/// so both write the same posts for a range.
pub fn select<'a>(
    schedule: &'a Schedule,
    span: Option<Span>,
    channel: Option<&str>,
) -> Selection<'a> {
    let in_channel = |p: &Post| channel.is_none_or(|c| p.channel.as_deref() == Some(c));
    match span {
        Some(s) => Selection {
            dated: schedule
                .range(s.from..=s.to)
                .filter(|d| in_channel(d))
                .collect(),
            ideas: Vec::new(),
        },
        None => Selection {
            dated: schedule.range(..).filter(|d| in_channel(d)).collect(),
            ideas: schedule
                .backlog()
                .iter()
                .filter(|p| in_channel(p))
                .collect(),
        },
    }
}

/// What one format is: how it is named and shown, and how it is written.
#[derive(Debug)]
pub(crate) struct Spec {
    /// The name in the calendar's popup and in messages: `Sprout Social CSV`.
    pub(crate) label: &'static str,
    /// One line on what the file is good for.
    pub(crate) about: &'static str,
    /// The file name extension, without the dot.
    pub(crate) extension: &'static str,
    /// For a publishing tool's bulk upload, the tool's rules; `None` for the
    /// formats that hand the whole plan on (TOML, iCalendar, the CSV sheet).
    pub(crate) publishing: Option<publish::Rules>,
    pub(crate) render: Renderer,
}

/// Writes the posts a job selected (for a publishing layout: the timed posts of
/// the chosen statuses, sorted by time), adding warnings about them.
pub(crate) type Renderer = fn(&Job, &Selection, &mut Vec<String>) -> Vec<u8>;

/// Declares [`Format`] from `Variant => module` lines: the module (a file of
/// this folder holding the format's `SPEC`) and the variant.
macro_rules! formats {
    ($($variant:ident => $module:ident,)*) => {
        $(pub(crate) mod $module;)*

        /// Every format mixcal writes. Names come from the derive (`toml`,
        /// `hootsuite`), everything else from the format's [`Spec`].
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash,
            strum::Display, strum::EnumString, strum::IntoStaticStr, strum::VariantArray,
        )]
        #[strum(serialize_all = "lowercase")]
        pub enum Format {
            $($variant,)*
        }

        impl Format {
            pub(crate) fn spec(self) -> &'static Spec {
                match self {
                    $(Format::$variant => &$module::SPEC,)*
                }
            }
        }
    };
}

formats! {
    Toml => toml,
    Ics => ics,
    Csv => csv,
    Hootsuite => hootsuite,
    Sprout => sprout,
    Socialbee => socialbee,
    Publer => publer,
    Highlevel => highlevel,
}

impl Format {
    /// Every format, in the order the calendar offers them.
    pub(crate) const ALL: &[Format] = <Format as strum::VariantArray>::VARIANTS;

    /// The formats `import` reads.
    pub(crate) const READABLE: [Format; 2] = [Format::Csv, Format::Ics];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// Whether the format is a publishing tool's bulk layout.
    pub(crate) fn is_publishing(self) -> bool {
        self.spec().publishing.is_some()
    }

    /// The publishing layouts, which `--profile` names.
    pub(crate) fn profiles() -> impl Iterator<Item = Format> {
        Format::ALL.iter().copied().filter(|f| f.is_publishing())
    }

    /// Reads a profile name as typed (`--profile hootsuite`), suggesting the
    /// likely one for a typo.
    pub(crate) fn parse_profile(s: &str) -> Result<Format, ExportError> {
        let wanted = s.trim().to_lowercase();
        if let Some(f) = Format::profiles().find(|f| f.name() == wanted) {
            return Ok(f);
        }
        let names: Vec<&str> = Format::profiles().map(Format::name).collect();
        let help = match near_miss(s, names.iter().copied()) {
            Some(n) => format!("did you mean `{n}`? Profiles: {}", names.join(", ")),
            None => format!("profiles: {}", names.join(", ")),
        };
        Err(ExportError::UnknownProfile {
            name: s.to_string(),
            help,
        })
    }
}

/// `--format` takes every format: the names from the derive, the help from
/// each format's spec.
impl clap::ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        Format::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name()).help(self.spec().about))
    }
}

/// Why an export could not be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub(crate) enum ExportError {
    #[error("unknown profile `{name}`\n  help: {help}")]
    UnknownProfile { name: String, help: String },
    #[error(
        "the {profile} profile is a layout for csv, not for {format}\n  help: use --format csv --profile {profile}, or --format {profile}"
    )]
    WrongFormat { profile: Format, format: Format },
}

/// The schedule a calendar file comes from: its name and stable identifier.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The schedule file's name without its extension: the calendar's name.
    pub name: String,
    /// The schedule's identifier, which makes event UIDs unique across schedules.
    pub identifier: Option<String>,
}

/// Everything an export needs besides the posts.
#[derive(Debug, Clone)]
pub struct Job<'a> {
    pub config: &'a Config,
    /// The plan's time zone: post times are wall-clock times there.
    pub zone: &'a jiff::tz::TimeZone,
    /// Now, as a wall-clock time in the plan's zone: decides which posts are too
    /// soon to publish.
    pub now: NaiveDateTime,
    /// Which statuses to write; `None` for the format's default (publishing
    /// layouts write planned posts only, the others every post).
    pub statuses: Option<&'a [Status]>,
    pub origin: Origin,
    /// iCalendar: write times in UTC instead of the plan's zone.
    pub utc: bool,
    /// Layouts whose dates are day-first or month-first by the tool's setting.
    pub date_order: DateOrder,
}

/// An export's bytes, and what the user should know about them (posts left out,
/// times a tool will refuse). Warnings never stop an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub(crate) bytes: Vec<u8>,
    /// How many posts the file holds: fewer than were given when a layout leaves
    /// some out.
    pub(crate) posts: usize,
    pub(crate) warnings: Vec<String>,
}

/// Writes the selected posts (in the order given, normally the schedule's) in `format`.
pub fn render(format: Format, selection: &Selection, job: &Job) -> Rendered {
    let spec = format.spec();
    let mut warnings = Vec::new();
    let mut chosen = match (job.statuses, &spec.publishing) {
        (Some(statuses), _) => Selection {
            dated: selection
                .dated
                .iter()
                .copied()
                .filter(|p| statuses.contains(&p.status))
                .collect(),
            ideas: selection
                .ideas
                .iter()
                .copied()
                .filter(|p| statuses.contains(&p.status))
                .collect(),
        },
        (None, Some(_)) => Selection {
            dated: publish::planned_only(&selection.dated, &mut warnings),
            ideas: Vec::new(),
        },
        (None, None) => selection.clone(),
    };
    if let Some(rules) = &spec.publishing {
        chosen.dated = publish::prepare(spec.label, rules, &chosen.dated, job, &mut warnings);
        chosen.ideas.clear();
    }
    let bytes = (spec.render)(job, &chosen, &mut warnings);
    Rendered {
        bytes,
        posts: chosen.dated.len() + chosen.ideas.len(),
        warnings,
    }
}

impl fmt::Display for Spec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label)
    }
}

/// How a post is named in a warning: `Mon 23 Nov 09:30 "Title" (id)`.
pub(crate) fn describe(post: &Dated) -> String {
    let when = match post.time {
        Some(t) => format!("{} {}", post.date.format("%a %-d %b %Y"), t.format("%H:%M")),
        None => post.date.format("%a %-d %b %Y").to_string(),
    };
    format!("{when} \u{201c}{}\u{201d} ({})", post.title, post.id)
}

/// Names up to a few posts, then how many more there are, so a warning about a
/// thousand posts stays readable.
pub(crate) fn list_posts(posts: &[Dated]) -> String {
    const SHOWN: usize = 3;
    let mut names: Vec<String> = posts.iter().take(SHOWN).map(|p| describe(p)).collect();
    if posts.len() > SHOWN {
        names.push(format!("and {} more", posts.len() - SHOWN));
    }
    names.join(", ")
}

/// `1 post`, `3 posts`.
pub(crate) fn count(n: usize) -> String {
    if n == 1 {
        "1 post".to_string()
    } else {
        format!("{n} posts")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_profile_suggests_the_right_one() {
        let err = Format::parse_profile("hootsiute").unwrap_err();
        assert!(
            err.to_string().contains("did you mean `hootsuite`?"),
            "{err}"
        );
        assert_eq!(Format::parse_profile("Hootsuite"), Ok(Format::Hootsuite));
        assert!(Format::parse_profile("ics").is_err());
    }

    #[test]
    fn every_format_has_a_spec_with_a_distinct_name() {
        let mut names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Format::ALL.len());
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>(), Ok(*f));
            assert!(!f.spec().label.is_empty());
            assert!(!f.spec().extension.contains('.'));
        }
        let profiles: Vec<&str> = Format::profiles().map(Format::name).collect();
        assert_eq!(
            profiles,
            ["hootsuite", "sprout", "socialbee", "publer", "highlevel"]
        );
    }
}
