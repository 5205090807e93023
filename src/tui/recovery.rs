//! What a panic hook needs to save unsaved posts: where the last saved version
//! is, plus the changes since. Recording a change costs only the posts it touched
//! and the saved schedule is never copied, so the calendar stays fast on a
//! 100k-post schedule; the full schedule is rebuilt only in the hook, by reading
//! the saved file again and replaying the changes.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::history::Change;
use crate::config::Config;
use crate::domain::Schedule;
use crate::store::{Store, posts_to_toml, write_new};

/// What the unsaved changes apply to.
#[derive(Debug, Clone)]
enum Base {
    /// Nothing: the demo week before its first save.
    Empty,
    /// The schedule file as last loaded or saved by the calendar (missing: empty).
    File(PathBuf),
}

#[derive(Debug)]
struct Journal {
    base: Base,
    config: Config,
    changes: Vec<Change>,
}

/// A shared handle on the journal; clones see the same journal.
#[derive(Debug, Clone)]
pub(crate) struct Recovery {
    journal: Arc<Mutex<Journal>>,
}

impl Recovery {
    /// Unsaved changes will apply to the schedule file at `file`.
    pub(crate) fn for_file(file: &Path, config: &Config) -> Recovery {
        Recovery::with_base(Base::File(file.to_path_buf()), config)
    }

    /// Unsaved changes will apply to an empty schedule (the demo week).
    pub(crate) fn empty(config: &Config) -> Recovery {
        Recovery::with_base(Base::Empty, config)
    }

    fn with_base(base: Base, config: &Config) -> Recovery {
        Recovery {
            journal: Arc::new(Mutex::new(Journal {
                base,
                config: config.clone(),
                changes: Vec::new(),
            })),
        }
    }

    /// Notes a change just applied to the calendar's schedule.
    pub(crate) fn record(&self, change: &Change) {
        if let Ok(mut j) = self.journal.lock() {
            j.changes.push(change.clone());
        }
    }

    /// The schedule was saved to (or reloaded from) `file`: that is the base now.
    pub(crate) fn saved(&self, file: &Path) {
        if let Ok(mut j) = self.journal.lock() {
            j.base = Base::File(file.to_path_buf());
            j.changes.clear();
        }
    }

    /// The schedule with every unsaved change, or `None` when nothing is unsaved.
    /// When the saved file cannot be read back, the posts the changes left behind
    /// are returned alone, so they are still not lost. With `wait`, waits for a
    /// change being recorded on another thread instead of giving up (a signal,
    /// unlike a panic, never arrives while this thread holds the journal).
    fn unsaved_with(&self, wait: bool) -> Option<Schedule> {
        let j = if wait {
            self.journal
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        } else {
            match self.journal.try_lock() {
                Ok(j) => j,
                Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
                Err(std::sync::TryLockError::WouldBlock) => return None,
            }
        };
        if j.changes.is_empty() {
            return None;
        }
        let mut schedule = match &j.base {
            Base::Empty => Schedule::new(),
            Base::File(path) => match Store::open(path, &j.config) {
                Ok((s, _)) => s,
                Err(_) => Schedule::new(),
            },
        };
        for c in &j.changes {
            c.apply(&mut schedule);
        }
        Some(schedule)
    }

    /// Writes the schedule with its unsaved changes to a new recovery file beside
    /// `file` (see [`write_recovered`]). Returns where, or `None` when nothing was
    /// unsaved.
    pub(crate) fn write(&self, file: &Path) -> std::io::Result<Option<PathBuf>> {
        self.write_with(file, false)
    }

    /// [`Recovery::write`] from another thread: waits for the journal.
    pub(crate) fn write_waiting(&self, file: &Path) -> std::io::Result<Option<PathBuf>> {
        self.write_with(file, true)
    }

    fn write_with(&self, file: &Path, wait: bool) -> std::io::Result<Option<PathBuf>> {
        let Some(schedule) = self.unsaved_with(wait) else {
            return Ok(None);
        };
        write_recovered(file, posts_to_toml(schedule.iter()).as_bytes()).map(Some)
    }
}

/// `<file>.recovered.toml`, beside the schedule file, for the first recovery
/// file (`n` = 1); later ones are `<file>.recovered-2.toml`, `-3`, and so on.
fn recovered_name(file: &Path, n: u32) -> PathBuf {
    let mut name = file
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    if n == 1 {
        name.push(".recovered.toml");
    } else {
        name.push(format!(".recovered-{n}.toml"));
    }
    file.with_file_name(name)
}

/// Writes `bytes` to a recovery file beside `file` with a name not used yet, so
/// a second recovery never replaces the first. Returns where.
pub(crate) fn write_recovered(file: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    for n in 1..10_000 {
        let path = recovered_name(file, n);
        if write_new(&path, bytes)? {
            return Ok(path);
        }
    }
    Err(std::io::Error::other(
        "too many recovery files beside it: move the old ones away",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Post;
    use chrono::NaiveDate;

    fn post(id: &str) -> Post {
        let mut p = Post::new(
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            "everyday",
            id,
        );
        p.id = id.into();
        p
    }

    fn config() -> Config {
        Config::builtin().unwrap()
    }

    #[test]
    fn nothing_is_written_without_unsaved_changes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.toml");
        let r = Recovery::for_file(&file, &config());
        assert_eq!(r.write(&file).unwrap(), None);
    }

    #[test]
    fn unsaved_changes_are_replayed_on_the_saved_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.toml");
        let mut saved = Schedule::new();
        saved.insert(post("a"));
        saved.insert(post("c"));
        std::fs::write(&file, crate::store::to_toml(&saved)).unwrap();
        let r = Recovery::for_file(&file, &config());
        r.record(&Change::add(post("b")));
        r.record(&Change::delete(post("a")));
        let written = r.write(&file).unwrap().unwrap();
        assert_eq!(written, dir.path().join("s.toml.recovered.toml"));
        let text = std::fs::read_to_string(written).unwrap();
        assert!(text.contains("id = \"b\""), "{text}");
        assert!(text.contains("id = \"c\""), "{text}");
        assert!(!text.contains("id = \"a\""), "{text}");
    }

    #[test]
    fn a_second_recovery_gets_a_new_name() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.toml");
        let first = write_recovered(&file, b"one").unwrap();
        let second = write_recovered(&file, b"two").unwrap();
        assert_eq!(first, dir.path().join("s.toml.recovered.toml"));
        assert_eq!(second, dir.path().join("s.toml.recovered-2.toml"));
        assert_eq!(std::fs::read(&first).unwrap(), b"one");
        assert_eq!(std::fs::read(&second).unwrap(), b"two");
    }

    #[test]
    fn the_demo_week_is_replayed_on_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.toml");
        std::fs::write(&file, "version = 1\n\n[[post]]\nid = \"x\"\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"theirs\"\n").unwrap();
        let r = Recovery::empty(&config());
        r.record(&Change::add(post("b")));
        let written = r.write(&file).unwrap().unwrap();
        let text = std::fs::read_to_string(written).unwrap();
        let s = crate::store::parse(&text, "recovered.toml", &config()).unwrap();
        assert_eq!(s.len(), 1);
        assert!(s.get("b").is_some());
    }

    #[test]
    fn a_save_clears_the_journal() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.toml");
        let r = Recovery::empty(&config());
        r.record(&Change::add(post("b")));
        r.saved(&file);
        assert_eq!(r.write(&file).unwrap(), None);
    }
}
