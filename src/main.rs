use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use mixcal::cli::{Cli, Command};
use mixcal::commands::{self, Outcome};
use mixcal::env::Env;
use mixcal::error::report;
use mixcal::shown::Escaping;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let env = Env::from_process(cli.common.file.as_deref(), cli.common.config.as_deref());
    let stdout = std::io::stdout();
    // On a terminal, whatever reaches stdout is shown, never acted on; in a pipe
    // or a file it is exact. Reports keep their colour codes; data does not.
    let data = match &cli.command {
        Some(Command::Export(_)) => true,
        Some(Command::Check(args)) => args.json,
        Some(Command::Suggest(args)) => args.json,
        _ => false,
    };
    let mut out: Box<dyn Write> = if stdout.is_terminal() {
        Box::new(Escaping::new(stdout.lock(), !data))
    } else {
        Box::new(stdout.lock())
    };
    let result = match &cli.command {
        Some(Command::Check(args)) => commands::check::run(&env, args, &mut out),
        Some(Command::Export(args)) => commands::export::run(&env, args, &mut out),
        Some(Command::Suggest(args)) => commands::suggest::run(&env, args, &mut out),
        None => mixcal::tui::run(&env, &cli),
        Some(Command::Import(args)) => commands::import::run(&env, args, &mut out),
    };
    let flushed = out.flush().map_err(commands::stdout_error);
    match result.and_then(|outcome| flushed.map(|()| outcome)) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        // A reader that stopped early (`mixcal export … | head`) is not an error.
        Err(e) if e.is_closed_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            report(&e);
            ExitCode::from(2)
        }
    }
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
    let _ = write!(
        std::io::stderr().lock(),
        "{}",
        mixcal::shown::shown_lines(&text)
    );
    ExitCode::from(2)
}
