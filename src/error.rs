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
    say(&chain(e));
}

/// `mixcal: ` and the message, then each cause the text does not already say.
fn chain(e: &dyn std::error::Error) -> String {
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
    text
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An error with a message of its own and, maybe, a cause.
    #[derive(Debug, thiserror::Error)]
    #[error("{message}")]
    struct Wrapped {
        message: String,
        #[source]
        cause: Option<Box<Wrapped>>,
    }

    fn wrapped(message: &str, cause: Option<Wrapped>) -> Wrapped {
        Wrapped {
            message: message.into(),
            cause: cause.map(Box::new),
        }
    }

    #[test]
    fn every_cause_is_said_once() {
        let inner = wrapped("permission denied", None);
        let middle = wrapped("cannot open the lock file", Some(inner));
        let outer = wrapped("schedule.toml: not saved", Some(middle));
        assert_eq!(
            chain(&outer),
            "mixcal: schedule.toml: not saved\n  caused by: cannot open the lock file\n  caused by: permission denied"
        );
    }

    #[test]
    fn a_cause_the_message_already_says_is_not_repeated() {
        let io = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "permission denied");
        let e = Error::Io {
            path: "out.csv".into(),
            source: io,
        };
        assert_eq!(chain(&e), "mixcal: out.csv: permission denied");
    }

    #[test]
    fn a_broken_pipe_is_a_closed_pipe_and_nothing_else_is() {
        let pipe = |kind| Error::Io {
            path: "stdout".into(),
            source: std::io::Error::from(kind),
        };
        assert!(pipe(std::io::ErrorKind::BrokenPipe).is_closed_pipe());
        assert!(!pipe(std::io::ErrorKind::StorageFull).is_closed_pipe());
        assert!(!Error::Usage("x".into()).is_closed_pipe());
    }
}
