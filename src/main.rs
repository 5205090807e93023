use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use mixcal::cli::{Cli, Command};
use mixcal::commands::{self, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match &cli.command {
        Some(Command::Check(args)) => commands::check::run(&cli.common, args, &mut out),
        Some(Command::Export(args)) => commands::export::run(&cli.common, args, &mut out),
        Some(Command::Suggest(args)) => commands::suggest::run(&cli.common, args, &mut out),
        None => mixcal::tui::run(&cli),
        Some(Command::Import(args)) => commands::import::run(&cli.common, args, &mut out),
    };
    let _ = out.flush();
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(e) => {
            eprintln!("mixcal: {e}");
            ExitCode::from(2)
        }
    }
}
