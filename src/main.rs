use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use mixcal::cli::{Cli, Command};
use mixcal::commands::{self, Outcome};
use mixcal::env::Env;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let env = Env::from_process(cli.common.file.as_deref(), cli.common.config.as_deref());
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match &cli.command {
        Some(Command::Check(args)) => commands::check::run(&env, args, &mut out),
        Some(Command::Export(args)) => commands::export::run(&env, args, &mut out),
        Some(Command::Suggest(args)) => commands::suggest::run(&env, args, &mut out),
        None => mixcal::tui::run(&env, &cli),
        Some(Command::Import(args)) => commands::import::run(&env, args, &mut out),
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
