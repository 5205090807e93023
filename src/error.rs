//! The one error type at the top: what `main` prints before exiting with 2, for
//! every command and the calendar alike.

use crate::diag::Diagnostics;
use crate::store::StoreError;

/// Why a command could not do its work. Every variant is bad input (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Config(Diagnostics),
    /// A file the user gave (other than the schedule) with problems in it.
    #[error("{0}")]
    Input(Diagnostics),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// What a successful command found, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Everything holds (exit 0).
    Clean,
    /// Findings, or a week that cannot be balanced (exit 1).
    Findings,
}

pub(crate) type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Whether this is stdout closed by its reader (`mixcal export … | head`),
    /// which ends a command quietly: the reader had what it wanted.
    pub(crate) fn is_closed_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// Prints an error to stderr the one way: `mixcal: ` and the message, then each
/// cause it does not already say, all shown safely (a message may quote a file
/// name or a value). A closed stderr is ignored: there is nowhere left to say it.
pub(crate) fn report(e: &dyn std::error::Error) {
    let mut text = format!("mixcal: {e}");
    let mut cause = e.source();
    while let Some(c) = cause {
        let said = c.to_string();
        if !text.contains(&said) {
            text.push_str("\n  caused by: ");
            text.push_str(&said);
        }
        cause = c.source();
    }
    say(&text);
}

/// Writes lines to stderr, shown safely; a closed stderr is ignored.
pub(crate) fn say(text: &str) {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr().lock(),
        "{}",
        crate::shown::shown_lines(text)
    );
}
