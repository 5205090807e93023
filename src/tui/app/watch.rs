//! Changes made to the schedule file by another program. The event loop calls
//! [`App::check_disk`] about once a second: a cheap look at the file's size and
//! modification time, and only when those moved, a comparison of its bytes with
//! what was loaded. Without unsaved changes the calendar reloads and says so;
//! with unsaved changes it asks at once: reload, or keep mine (saving then asks
//! again before replacing the file).

use std::path::Path;
use std::time::SystemTime;

use super::{App, Level, Popup};
use crate::tui::action::DialogAction;

/// What the file looked like on disk: its size and modification time, or
/// that it was missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Watch {
    stamp: Option<(u64, Option<SystemTime>)>,
    /// A change noticed while a window was open, to ask about when it closes.
    pending: bool,
}

impl Watch {
    pub(super) fn of(path: &Path) -> Watch {
        Watch {
            stamp: stamp(path),
            pending: false,
        }
    }

    pub(super) fn take_pending(&mut self) -> bool {
        std::mem::take(&mut self.pending)
    }
}

fn stamp(path: &Path) -> Option<(u64, Option<SystemTime>)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

impl App {
    /// Looks whether another program changed the schedule file since it was
    /// loaded or saved, and reloads or asks. Returns whether anything happened.
    pub fn check_disk(&mut self) -> bool {
        if self.demo {
            return false;
        }
        let now = stamp(self.store.path());
        if now == self.watch.stamp {
            return false;
        }
        self.watch.stamp = now;
        // Touched, or written back as it was: nothing to do.
        match self.store.changed_on_disk() {
            Ok(true) => {}
            Ok(false) | Err(_) => return false,
        }
        let name = self.file_name();
        if now.is_none() {
            self.message = Some((
                Level::Warning,
                format!(
                    "{name} was removed by another program; {} writes it again",
                    self.keymap.describe(crate::tui::action::Action::Save)
                ),
            ));
            return true;
        }
        if self.popup.is_some() {
            // Nothing is reloaded under an open window; it is dealt with when
            // the window closes.
            self.watch.pending = true;
            self.message = Some((
                Level::Warning,
                format!(
                    "{name} was changed by another program; it is dealt with when this window closes"
                ),
            ));
        } else {
            self.react_to_change();
        }
        true
    }

    /// A change on disk: reloaded when nothing is unsaved, else asked about.
    pub(super) fn react_to_change(&mut self) {
        if self.is_dirty() || self.demo {
            self.outside_change();
        } else if self.reload() {
            self.message = Some((
                Level::Info,
                format!(
                    "{} was changed by another program: reloaded",
                    self.file_name()
                ),
            ));
        }
    }

    /// Asks what to do about a change on disk while there are unsaved changes.
    pub(super) fn outside_change(&mut self) {
        self.popup = Some(Popup::OutsideChange);
        self.message = Some((
            Level::Warning,
            format!(
                "{} was changed by another program: {} reloads it, {} keeps your version",
                self.file_name(),
                self.keymap.key(DialogAction::Reload),
                self.keymap.key(DialogAction::KeepMine)
            ),
        ));
    }

    /// The schedule file's name, shown safely.
    pub(crate) fn file_name(&self) -> String {
        let name = self
            .store
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        crate::shown::shown(&name).into_owned()
    }
}
