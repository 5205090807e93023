//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "mixcal",
    version,
    about = "Plan a week of social-media posts and keep the content mix on target",
    long_about = "Plan a week of social-media posts and keep the content mix on target.\n\n\
Without a command, mixcal opens the calendar. Exit codes: 0 ok, 1 findings (check) or\n\
a week that cannot be balanced (suggest), 2 bad input."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub common: Common,

    /// Week to open: an ISO week (2026-W48) or any date in it; default this week
    #[arg(long, value_name = "W")]
    pub week: Option<String>,

    /// Open a sample week that is saved only if you save it
    #[arg(long)]
    pub demo: bool,
}

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub struct Common {
    /// Schedule file [default: $MIXCAL_FILE, else $XDG_DATA_HOME/mixcal/schedule.toml]
    #[arg(long, global = true, value_name = "F", env = "MIXCAL_FILE")]
    pub file: Option<PathBuf>,

    /// Config file overlaid on the defaults [default: $XDG_CONFIG_HOME/mixcal/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report the mix and findings per week (exit 0 all rules hold, 1 findings, 2 bad input)
    Check(CheckArgs),
    /// Write the selected posts as TOML, iCalendar or CSV (stdout by default)
    #[command(long_about = concat!(
        "Write the selected posts as TOML, iCalendar or CSV (stdout by default).\n\n",
        "Without --week or --from/--to every post is written. Warnings (posts a tool will\n",
        "refuse) go to stderr; the export still succeeds.\n\n",
        "Formats:\n",
        "  toml      the schedule's own format, exactly as a save writes it\n",
        "  ics       iCalendar for calendar programs: one event per post; timed posts in\n",
        "            UTC from the local time zone, untimed posts as all-day events\n",
        "  csv       a spreadsheet with the header\n",
        "            date,time,category,channel,title,notes,link,minutes,status,id\n",
        "            which `mixcal import` reads back\n",
        "  csv --profile hootsuite\n",
        "            Hootsuite's bulk composer: no header; MM/DD/YYYY HH:MM, message, link;\n",
        "            posts without a time are left out",
    ))]
    Export(ExportArgs),
    /// Add or update posts from a CSV spreadsheet; all rows or none
    #[command(long_about = concat!(
        "Add or update posts from a CSV spreadsheet; all rows or none.\n\n",
        "The sheet is UTF-8, its cells separated by commas (or by semicolons or tabs when the\n",
        "header row has no comma). The header names the columns, in any order: date, time,\n",
        "category, channel, title, notes, link, minutes, status, id; date, category and title\n",
        "are required. A row whose id is in the schedule updates that post (only the columns\n",
        "the sheet has; an empty cell clears the field); every other row is added as a new\n",
        "post with a new id.\n\n",
        "Every bad row is reported with its row number, column and value, and then nothing is\n",
        "written. The schedule is saved atomically, the previous version kept as <file>.bak.\n",
        "A schedule file that does not exist yet is started, as the calendar does.",
    ))]
    Import(ImportArgs),
    /// Propose categories for a week's open posting slots
    Suggest(SuggestArgs),
}

/// Which weeks or days a command looks at.
#[derive(Debug, Clone, Args)]
pub struct RangeArgs {
    /// An ISO week (2026-W48) or any date in it
    #[arg(long, value_name = "W", conflicts_with_all = ["from", "to"])]
    pub week: Option<String>,
    /// First date (inclusive), e.g. 2026-11-23
    #[arg(long, value_name = "D")]
    pub from: Option<String>,
    /// Last date (inclusive), e.g. 2026-12-31
    #[arg(long, value_name = "D")]
    pub to: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub range: RangeArgs,
    /// Print one JSON object instead of the report
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The schedule's own format
    Toml,
    /// iCalendar, for calendar programs
    Ics,
    /// A spreadsheet; `import` reads it back
    Csv,
}

/// The formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// A spreadsheet with a header row
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum)]
    pub format: Format,
    /// Layout for a publishing tool, with --format csv: hootsuite (its bulk composer)
    #[arg(long, value_name = "P")]
    pub profile: Option<String>,
    /// Keep only the posts of this channel (Hootsuite wants one file per profile)
    #[arg(long, value_name = "NAME")]
    pub channel: Option<String>,
    #[command(flatten)]
    pub range: RangeArgs,
    /// Write to this file (atomically) instead of stdout
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Input format
    #[arg(long, value_enum)]
    pub format: ImportFormat,
    /// The spreadsheet to read
    #[arg(value_name = "CSV")]
    pub input: PathBuf,
    /// Print what would be added and updated without writing anything
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// An ISO week (2026-W48) or any date in it; default this week
    #[arg(long, value_name = "W")]
    pub week: Option<String>,
    /// Add the suggested posts as ideas
    #[arg(long)]
    pub apply: bool,
    /// Print one JSON object instead of the plan
    #[arg(long)]
    pub json: bool,
}
