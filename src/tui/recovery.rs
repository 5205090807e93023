//! What a panic hook needs to save unsaved posts: the schedule as last saved plus
//! the changes since. Recording a change costs only the posts it touched, so the
//! calendar stays fast on a 100k-post schedule; the full schedule is rebuilt only
//! when it is needed, in the hook.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::history::Change;
use crate::domain::Schedule;
use crate::store::{posts_to_toml, write_atomic};

#[derive(Debug, Default)]
struct Journal {
    saved: Arc<Schedule>,
    changes: Vec<Change>,
}

/// A shared handle on the journal; clones see the same journal.
#[derive(Debug, Clone, Default)]
pub struct Recovery {
    journal: Arc<Mutex<Journal>>,
}

impl Recovery {
    /// Starts from the schedule as it is on disk (or empty for a new file).
    pub fn new(saved: Schedule) -> Recovery {
        Recovery {
            journal: Arc::new(Mutex::new(Journal {
                saved: Arc::new(saved),
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

    /// The schedule was saved (or reloaded): this is now the state on disk.
    pub fn saved(&self, schedule: &Schedule) {
        if let Ok(mut j) = self.journal.lock() {
            j.saved = Arc::new(schedule.clone());
            j.changes.clear();
        }
    }

    /// The schedule with every unsaved change, or `None` when nothing is unsaved
    /// or the journal cannot be read.
    pub fn unsaved(&self) -> Option<Schedule> {
        let j = match self.journal.try_lock() {
            Ok(j) => j,
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return None,
        };
        if j.changes.is_empty() {
            return None;
        }
        let mut schedule = (*j.saved).clone();
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

    #[test]
    fn nothing_is_written_without_unsaved_changes() {
        let dir = tempfile::tempdir().unwrap();
        let r = Recovery::new(Schedule::new());
        assert_eq!(r.write(&dir.path().join("s.toml")).unwrap(), None);
    }

    #[test]
    fn unsaved_changes_are_replayed_on_the_saved_schedule() {
        let mut saved = Schedule::new();
        saved.insert(post("a"));
        let r = Recovery::new(saved);
        r.record(&Change::add(post("b")));
        r.record(&Change::delete(post("a")));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.toml");
        let written = r.write(&file).unwrap().unwrap();
        assert_eq!(written, dir.path().join("s.toml.recovered.toml"));
        let text = std::fs::read_to_string(written).unwrap();
        assert!(text.contains("id = \"b\""), "{text}");
        assert!(!text.contains("id = \"a\""), "{text}");
    }

    #[test]
    fn a_save_clears_the_journal() {
        let r = Recovery::new(Schedule::new());
        r.record(&Change::add(post("b")));
        let mut s = Schedule::new();
        s.insert(post("b"));
        r.saved(&s);
        assert!(r.unsaved().is_none());
    }
}
