//! Writes a generated schedule of N posts to stdout, for benchmarks and for
//! trying mixcal on a big file:
//!
//! ```sh
//! cargo run --release --example generate -- 100000 > big.toml
//! mixcal check --week 2026-W48 --file big.toml
//! ```
//!
//! A third number makes that many of the posts repeating ones:
//! `generate 100000 48 1000`.

mod schedule;

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(Ok(count)) = args.next().map(|a| a.replace('_', "").parse::<usize>()) else {
        eprintln!(
            "usage: generate POSTS [SEED] [REPEATING] > schedule.toml   (e.g. generate 100000)"
        );
        return ExitCode::from(2);
    };
    let seed = match args.next().map(|a| a.parse::<u64>()) {
        None => 48,
        Some(Ok(s)) => s,
        Some(Err(_)) => {
            eprintln!("generate: SEED must be a whole number");
            return ExitCode::from(2);
        }
    };
    let repeating = match args.next().map(|a| a.replace('_', "").parse::<usize>()) {
        None => 0,
        Some(Ok(n)) if n <= count => n,
        Some(_) => {
            eprintln!("generate: REPEATING must be a whole number no larger than POSTS");
            return ExitCode::from(2);
        }
    };
    let text = if repeating == 0 {
        schedule::schedule_text(count, seed)
    } else {
        schedule::schedule_text_with_repeats(count, repeating, seed)
    };
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        eprintln!("generate: cannot write the schedule: {e}");
        return ExitCode::from(2);
    }
    eprintln!(
        "{count} posts ({repeating} repeating), {} bytes; try: mixcal check --week {} --file FILE",
        text.len(),
        schedule::WEEK
    );
    ExitCode::SUCCESS
}
