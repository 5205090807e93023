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
use crate::store::{Store, posts_to_toml, write_atomic};

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
pub struct Recovery {
    journal: Arc<Mutex<Journal>>,
}

impl Recovery {
    /// Unsaved changes will apply to the schedule file at `file`.
    pub fn for_file(file: &Path, config: &Config) -> Recovery {
        Recovery::with_base(Base::File(file.to_path_buf()), config)
    }

    /// Unsaved changes will apply to an empty schedule (the demo week).
    pub fn empty(config: &Config) -> Recovery {
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
    pub fn record(&self, change: &Change) {
        if let Ok(mut j) = self.journal.lock() {
            j.changes.push(change.clone());
        }
    }

    /// The schedule was saved to (or reloaded from) `file`: that is the base now.
    pub fn saved(&self, file: &Path) {
        if let Ok(mut j) = self.journal.lock() {
            j.base = Base::File(file.to_path_buf());
            j.changes.clear();
        }
    }

    /// The schedule with every unsaved change, or `None` when nothing is unsaved.
    /// When the saved file cannot be read back, the posts the changes left behind
    /// are returned alone, so they are still not lost.
    pub fn unsaved(&self) -> Option<Schedule> {
        let j = match self.journal.try_lock() {
            Ok(j) => j,
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return None,
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

    /// Writes the schedule with its unsaved changes to `<file>.recovered.toml`.
    /// Returns where, or `None` when nothing was unsaved.
    pub fn write(&self, file: &Path) -> std::io::Result<Option<PathBuf>> {
        let Some(schedule) = self.unsaved() else {
            return Ok(None);
        };
        let path = recovered_path(file);
        write_atomic(&path, posts_to_toml(schedule.iter()).as_bytes(), false)?;
        Ok(Some(path))
    }
}

/// `<file>.recovered.toml`, beside the schedule file.
pub fn recovered_path(file: &Path) -> PathBuf {
    let mut name = file
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".recovered.toml");
    file.with_file_name(name)
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
    fn the_demo_week_is_replayed_on_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.toml");
        std::fs::write(&file, "version = 1\n\n[[post]]\nid = \"x\"\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"theirs\"\n").unwrap();
        let r = Recovery::empty(&config());
        r.record(&Change::add(post("b")));
        let s = r.unsaved().unwrap();
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
        assert!(r.unsaved().is_none());
    }
}
