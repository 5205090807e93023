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
pub enum Outcome {
    /// Everything holds (exit 0).
    Clean,
    /// Findings, or a week that cannot be balanced (exit 1).
    Findings,
}

pub type Result<T> = std::result::Result<T, Error>;
