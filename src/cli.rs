//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::builder::TypedValueParser as _;
use clap::{Args, Parser, Subcommand};

use crate::domain::Status;
use crate::domain::fields::DateOrder;
pub(crate) use crate::export::Format;

#[derive(Debug, Parser)]
#[command(
    name = "mixcal",
    version,
    about = "Plan a week of social-media posts and keep the content mix on target",
    long_about = "Plan a week of social-media posts and keep the content mix on target.\n\n\
Without a command, mixcal opens the calendar. Exit codes: 0 ok, 1 findings (check) or\n\
a week that cannot be balanced (suggest), 2 bad input."
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Option<Command>,

    #[command(flatten)]
    pub(crate) common: Common,

    /// Week to open: an ISO week (2026-W48) or any date in it; default this week
    #[arg(long, value_name = "W")]
    pub(crate) week: Option<String>,

    /// Open a sample week that is saved only if you save it
    #[arg(long)]
    pub(crate) demo: bool,
}

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub(crate) struct Common {
    /// Schedule file [default: $MIXCAL_FILE, else $XDG_DATA_HOME/mixcal/schedule.toml]
    #[arg(long, global = true, value_name = "F", env = "MIXCAL_FILE")]
    pub(crate) file: Option<PathBuf>,

    /// Config file overlaid on the defaults [default: $XDG_CONFIG_HOME/mixcal/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub(crate) config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Report the mix and findings per week (exit 0 all rules hold, 1 findings, 2 bad input)
    Check(CheckArgs),
    /// Write the selected posts as TOML, iCalendar, CSV or a publishing tool's CSV
    #[command(long_about = concat!(
        "Write the selected posts as TOML, iCalendar, CSV or a publishing tool's CSV\n",
        "(stdout by default).\n\n",
        "Without --week or --from/--to every post is written. Warnings (posts a tool will\n",
        "refuse) go to stderr; the export still succeeds.\n\n",
        "Formats:\n",
        "  toml       the schedule's own format, canonical (comments are the file's own)\n",
        "  ics        iCalendar: one event per post, timed posts in the plan's time zone\n",
        "             (config time_zone) with its VTIMEZONE, or in UTC with --utc;\n",
        "             untimed posts as all-day events\n",
        "  csv        a spreadsheet with the header\n",
        "             date,time,category,channel,partner,title,notes,link,media,minutes,\n",
        "             spent,responses,status,id\n",
        "             which `mixcal import` reads back\n",
        "  hootsuite, sprout, socialbee, publer, highlevel\n",
        "             the bulk upload layouts of publishing tools (also --format csv\n",
        "             --profile P): planned posts with a time only, unless --status says\n",
        "             otherwise; warnings for posts too soon, repeated, in one minute,\n",
        "             timed to the second, too long for their channel, or on Instagram\n",
        "             without media",
    ))]
    Export(ExportArgs),
    /// Add or update posts from a spreadsheet (CSV) or a calendar (ICS); all or none
    #[command(long_about = concat!(
        "Add or update posts from a spreadsheet (CSV) or a calendar (ICS); all or none.\n\n",
        "CSV: UTF-8, cells separated by commas (or by semicolons or tabs when the header row\n",
        "has no comma). The header names the columns, in any order: date, time, category,\n",
        "channel, partner, title, notes, link, media, minutes, spent, responses, status, id;\n",
        "other columns are left alone. A row with an id updates that post (only the columns\n",
        "the sheet has; an empty cell clears the field), so a sheet of id, status, spent\n",
        "and responses logs how published posts did; an id that matches no post is an\n",
        "error, since a spreadsheet may have changed it. A row without an id is a new\n",
        "post (date, category and title needed), unless a post with the same date, time,\n",
        "category and title is there already: importing a sheet twice changes nothing.\n",
        "Dates may be 2026-11-23, 2026/11/23, 23.11.2026 or 11/23/2026 (--date-order for\n",
        "05/06/2026), times 24-hour or 9:00 AM.\n\n",
        "ICS: one post per event, at its time in the plan's time zone; the category from\n",
        "CATEGORIES (key or name), else --category.\n\n",
        "Every problem is reported with its row and column, and then nothing is written.\n",
        "The schedule is saved atomically, the previous version kept as <file>.bak. A\n",
        "schedule file that does not exist yet is started, as the calendar does.",
    ))]
    Import(ImportArgs),
    /// Propose categories for a week's open posting slots
    Suggest(SuggestArgs),
    /// Which channels earn their time: posts, minutes, responses and advice per channel
    #[command(long_about = concat!(
        "Which channels earn their time: per channel, the posts published in the period,\n",
        "the minutes they took (spent, else planned), the responses they brought (replies,\n",
        "comments, messages and shares from people), responses per hour, the trend between\n",
        "the period's halves and the channel's own mix; then advice per channel (grow, keep,\n",
        "shrink or drop) from the thresholds in the config's [review] table, the partners\n",
        "promoted and when, and the time per week against the budget.\n\n",
        "Without --from/--to, the last 8 weeks to today ([review] weeks). Log what posts\n",
        "brought with p in the calendar, or import a sheet with id, status, spent and\n",
        "responses columns.",
    ))]
    Review(ReviewArgs),
}

/// Which weeks or days a command looks at.
#[derive(Debug, Clone, Args)]
pub(crate) struct RangeArgs {
    /// An ISO week (2026-W48) or any date in it
    #[arg(long, value_name = "W", conflicts_with_all = ["from", "to"])]
    pub(crate) week: Option<String>,
    /// First date (inclusive), e.g. 2026-11-23
    #[arg(long, value_name = "D")]
    pub(crate) from: Option<String>,
    /// Last date (inclusive), e.g. 2026-12-31
    #[arg(long, value_name = "D")]
    pub(crate) to: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) range: RangeArgs,
    /// Print one JSON object instead of the report
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// Output format
    #[arg(long, value_enum)]
    pub(crate) format: Format,
    /// A publishing tool's layout, with --format csv (the same as --format P):
    /// hootsuite, sprout, socialbee, publer, highlevel
    #[arg(long, value_name = "P")]
    pub(crate) profile: Option<String>,
    /// Keep only the posts of this channel (publishing tools want one file per profile)
    #[arg(long, value_name = "NAME")]
    pub(crate) channel: Option<String>,
    /// Keep only posts of these statuses, e.g. planned,idea [default: all; planned
    /// for publishing layouts]
    #[arg(long, value_enum, value_delimiter = ',', value_name = "S")]
    pub(crate) status: Option<Vec<Status>>,
    /// With --format ics: write times in UTC instead of the plan's time zone
    #[arg(long)]
    pub(crate) utc: bool,
    /// With --format sprout: dates month first (mdy, the default) or day first (dmy),
    /// as Sprout's import setting says
    #[arg(long, value_enum, value_name = "ORDER")]
    pub(crate) date_order: Option<DateOrder>,
    #[command(flatten)]
    pub(crate) range: RangeArgs,
    /// Write to this file (atomically) instead of stdout
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub(crate) output: Option<PathBuf>,
}

/// `--format` of `import`: the formats mixcal reads.
fn readable_format() -> impl clap::builder::TypedValueParser<Value = Format> {
    let names: Vec<&'static str> = Format::READABLE.iter().map(|f| f.name()).collect();
    clap::builder::PossibleValuesParser::new(names).try_map(|s| s.parse::<Format>())
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// Input format: csv (a spreadsheet) or ics (a calendar)
    #[arg(long, value_parser = readable_format())]
    pub(crate) format: Format,
    /// The spreadsheet or calendar file to read
    #[arg(value_name = "FILE")]
    pub(crate) input: PathBuf,
    /// Print what would be added and updated without writing anything
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// How to read dates like 05/06/2026: mdy (month first) or dmy (day first)
    #[arg(long, value_enum, value_name = "ORDER")]
    pub(crate) date_order: Option<DateOrder>,
    /// With --format ics: the category of events whose CATEGORIES names none of yours
    #[arg(long, value_name = "KEY")]
    pub(crate) category: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ReviewArgs {
    /// First date (inclusive), e.g. 2026-10-01 [default: the start of the period's
    /// first week]
    #[arg(long, value_name = "D")]
    pub(crate) from: Option<String>,
    /// Last date (inclusive) [default: today]
    #[arg(long, value_name = "D")]
    pub(crate) to: Option<String>,
    /// The last N weeks, this one included, up to today [default: [review] weeks, 8]
    #[arg(long, value_name = "N", conflicts_with_all = ["from", "to"])]
    pub(crate) weeks: Option<String>,
    /// Print one JSON object instead of the review
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct SuggestArgs {
    /// An ISO week (2026-W48) or any date in it; default this week
    #[arg(long, value_name = "W")]
    pub(crate) week: Option<String>,
    /// Add the suggested posts as ideas
    #[arg(long)]
    pub(crate) apply: bool,
    /// Print one JSON object instead of the plan
    #[arg(long)]
    pub(crate) json: bool,
}
