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
    Export(ExportArgs),
    /// Add or update posts from a CSV spreadsheet; all rows or none
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
    Toml,
    Ics,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum)]
    pub format: Format,
    /// Layout for a scheduling tool (csv only): hootsuite
    #[arg(long, value_name = "P")]
    pub profile: Option<String>,
    /// Keep only the posts of this channel
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
    pub format: Format,
    /// The spreadsheet to read
    #[arg(value_name = "CSV")]
    pub input: PathBuf,
    /// Report what would change without writing anything
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
