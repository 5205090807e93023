//! `r` in the calendar: the mix panel's repair for the whole week, carried out
//! as one undo step.

use super::{App, Level};
use crate::mix::apply::edits;
use crate::mix::wording::count;
use crate::mix::{Verdict, Words};
use crate::tui::action::Action;
use crate::tui::history::Change;

impl App {
    /// Applies the shown week's repair, or says why there is none to apply.
    pub(super) fn repair(&mut self) {
        let words = Words::new(&self.config);
        let repair = match &self.review.verdict {
            Verdict::Repair(r) => r.clone(),
            Verdict::Balanced => {
                self.message = Some((
                    Level::Info,
                    "the week is balanced: nothing to repair".into(),
                ));
                return;
            }
            Verdict::NothingPlanned => {
                self.message = Some((
                    Level::Info,
                    format!(
                        "nothing planned this week: {} suggests posts for its open slots",
                        self.keymap.describe(Action::Suggest)
                    ),
                ));
                return;
            }
            Verdict::Blocked(b) => {
                self.message = Some((Level::Warning, format!("no repair: {}", words.blocked(b))));
                return;
            }
        };
        let e = edits(&self.config, &self.schedule, &repair.changes);
        if e.before.is_empty() && e.after.is_empty() {
            return;
        }
        let first = e.after.first().or(e.before.first()).map(|p| p.id.clone());
        let n = repair.size() as usize;
        self.change(
            Change {
                before: e.before,
                after: e.after,
            },
            "repair",
        );
        // The repaired week stays in view: a post moved on to next week is
        // not followed there.
        let week = self.week;
        if let Some(id) = first
            && self
                .schedule
                .get(&id)
                .and_then(|p| p.date)
                .is_some_and(|d| week.contains(d))
        {
            self.select_id(&id);
        }
        self.say_undoable(&format!(
            "balanced the week with {}",
            count(n, "change", "changes")
        ));
    }
}
