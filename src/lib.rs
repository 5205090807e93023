//! mixcal: plan a week of social-media posts and keep the content mix on target.
//!
//! The library holds everything; `main.rs` only calls [`run`].

mod cli;
mod commands;
mod config;
mod diag;
mod domain;
mod env;
mod error;
mod export;
mod mix;
mod review;
mod shown;
mod store;
#[doc(hidden)]
pub mod testing;
mod tui;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::commands::Outcome;
use crate::env::Env;
use crate::shown::Escaping;

/// Runs mixcal on this process's command line and says how it went: 0 when
/// everything holds (or a reader closed the pipe early), 1 for findings, 2 for
/// bad input, with the error and its causes on stderr.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let env = match Env::from_process(cli.common.file.as_deref(), cli.common.config.as_deref()) {
        Ok(env) => env,
        Err(e) => {
            error::report(&e);
            return ExitCode::from(2);
        }
    };
    let result = match &cli.command {
        // The calendar holds no lock on stdout: a signal may need to restore it.
        None => tui::run(&env, &cli),
        Some(command) => run_command(&env, command),
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        // A reader that stopped early (`mixcal export … | head`) is not an error.
        Err(e) if e.is_closed_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            error::report(&e);
            ExitCode::from(2)
        }
    }
}

/// Runs a subcommand with its report or data on stdout.
fn run_command(env: &Env, command: &Command) -> error::Result<Outcome> {
    let stdout = std::io::stdout();
    // On a terminal, whatever reaches stdout is shown, never acted on; in a pipe
    // or a file it is exact. Reports keep their colour codes; data does not.
    let data = match command {
        Command::Export(_) => true,
        Command::Check(args) => args.json,
        Command::Suggest(args) => args.json,
        Command::Review(args) => args.json,
        Command::Import(_) => false,
    };
    let mut out: Box<dyn Write> = if stdout.is_terminal() {
        Box::new(Escaping::new(stdout.lock(), !data))
    } else {
        Box::new(stdout.lock())
    };
    let outcome = match command {
        Command::Check(args) => commands::check::run(env, args, &mut out),
        Command::Export(args) => commands::export::run(env, args, &mut out),
        Command::Suggest(args) => commands::suggest::run(env, args, &mut out),
        Command::Import(args) => commands::import::run(env, args, &mut out),
        Command::Review(args) => commands::review::run(env, args, &mut out),
    }?;
    out.flush().map_err(commands::stdout_error)?;
    Ok(outcome)
}

/// A command line clap refused: its message shown safely (it may quote an
/// argument), exit 2; `--help` and `--version` print as usual and exit 0.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if !e.use_stderr() || e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let _ = e.print();
        return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    }
    let text = e.to_string();
    let _ = write!(std::io::stderr().lock(), "{}", shown::shown_lines(&text));
    ExitCode::from(2)
}
