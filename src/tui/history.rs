//! Undo and redo as reversible changes: each step keeps only the posts it touched,
//! before and after, so a step costs the same on a 100k-post schedule as on an
//! empty one.

use std::collections::VecDeque;

use crate::domain::{Post, Schedule};

/// How many steps undo reaches back.
pub(crate) const UNDO_LIMIT: usize = 1000;

/// One change to the schedule: these posts (by id) went from `before` to `after`.
/// A post only in `before` was deleted; only in `after`, added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Change {
    pub(crate) before: Vec<Post>,
    pub(crate) after: Vec<Post>,
}

impl Change {
    pub(crate) fn add(post: Post) -> Change {
        Change {
            before: Vec::new(),
            after: vec![post],
        }
    }

    pub(crate) fn delete(post: Post) -> Change {
        Change {
            before: vec![post],
            after: Vec::new(),
        }
    }

    pub(crate) fn replace(before: Post, after: Post) -> Change {
        Change {
            before: vec![before],
            after: vec![after],
        }
    }

    /// Carries the change out.
    pub(crate) fn apply(&self, schedule: &mut Schedule) {
        for p in &self.before {
            schedule.remove(&p.id);
        }
        for p in &self.after {
            schedule.insert(p.clone());
        }
    }

    /// The change that takes it back.
    pub(crate) fn inverse(&self) -> Change {
        Change {
            before: self.after.clone(),
            after: self.before.clone(),
        }
    }
}

/// A change with what to call it ("delete", "move") and the revision it leads to.
#[derive(Debug, Clone)]
struct Step {
    change: Change,
    label: String,
    /// The revision reached after the change; the one before is kept too so that
    /// undoing lands on a revision that a save may have recorded.
    before: u64,
    after: u64,
}

/// Undo and redo stacks, and a revision number that says whether the schedule
/// matches what was last saved.
#[derive(Debug, Clone, Default)]
pub(crate) struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    revision: u64,
    next: u64,
}

impl History {
    pub(crate) fn new() -> History {
        History::default()
    }

    /// The current revision: equal to a saved revision when nothing changed since.
    pub(crate) fn revision(&self) -> u64 {
        self.revision
    }

    /// Records a change that was just applied. Clears the redo stack.
    pub(crate) fn record(&mut self, change: Change, label: impl Into<String>) {
        self.next += 1;
        let step = Step {
            change,
            label: label.into(),
            before: self.revision,
            after: self.next,
        };
        self.revision = self.next;
        self.redo.clear();
        self.undo.push_back(step);
        if self.undo.len() > UNDO_LIMIT {
            self.undo.pop_front();
        }
    }

    /// Takes back the last change; returns the change applied to the schedule and its label.
    pub(crate) fn undo(&mut self, schedule: &mut Schedule) -> Option<(Change, String)> {
        let step = self.undo.pop_back()?;
        let inverse = step.change.inverse();
        inverse.apply(schedule);
        self.revision = step.before;
        let label = step.label.clone();
        self.redo.push(step);
        Some((inverse, label))
    }

    /// Carries out the last undone change again.
    pub(crate) fn redo(&mut self, schedule: &mut Schedule) -> Option<(Change, String)> {
        let step = self.redo.pop()?;
        step.change.apply(schedule);
        self.revision = step.after;
        let out = (step.change.clone(), step.label.clone());
        self.undo.push_back(step);
        Some(out)
    }

    /// Forgets every step, as after reloading the file.
    pub(crate) fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.next += 1;
        self.revision = self.next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn post(id: &str, title: &str) -> Post {
        let mut p = Post::new(
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            "everyday",
            title,
        );
        p.id = id.into();
        p
    }

    fn apply(h: &mut History, s: &mut Schedule, c: Change) {
        c.apply(s);
        h.record(c, "x");
    }

    #[test]
    fn undo_then_redo_returns_to_each_state() {
        let mut s = Schedule::new();
        let mut h = History::new();
        apply(&mut h, &mut s, Change::add(post("a", "one")));
        let after_add = s.clone();
        apply(
            &mut h,
            &mut s,
            Change::replace(post("a", "one"), post("a", "two")),
        );
        let after_edit = s.clone();
        apply(&mut h, &mut s, Change::delete(post("a", "two")));
        assert!(s.is_empty());
        h.undo(&mut s);
        assert_eq!(s, after_edit);
        h.undo(&mut s);
        assert_eq!(s, after_add);
        h.undo(&mut s);
        assert!(s.is_empty());
        assert!(h.undo(&mut s).is_none());
        h.redo(&mut s);
        h.redo(&mut s);
        assert_eq!(s, after_edit);
    }

    #[test]
    fn a_new_change_clears_redo() {
        let mut s = Schedule::new();
        let mut h = History::new();
        apply(&mut h, &mut s, Change::add(post("a", "one")));
        h.undo(&mut s);
        assert!(h.clone().redo(&mut s.clone()).is_some());
        apply(&mut h, &mut s, Change::add(post("b", "two")));
        let before = s.clone();
        assert!(h.redo(&mut s).is_none());
        assert_eq!(s, before);
    }

    #[test]
    fn undo_back_to_a_revision_returns_its_number() {
        let mut s = Schedule::new();
        let mut h = History::new();
        let saved = h.revision();
        apply(&mut h, &mut s, Change::add(post("a", "one")));
        assert_ne!(h.revision(), saved);
        h.undo(&mut s);
        assert_eq!(h.revision(), saved);
    }

    #[test]
    fn undo_reaches_back_at_least_a_hundred_steps() {
        let mut s = Schedule::new();
        let mut h = History::new();
        for i in 0..150 {
            apply(&mut h, &mut s, Change::add(post(&format!("p{i}"), "t")));
        }
        for _ in 0..150 {
            assert!(h.undo(&mut s).is_some());
        }
        assert!(s.is_empty());
    }
}
