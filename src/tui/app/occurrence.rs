//! Edits of the selected post. A date of a repeating post asks first whether
//! the edit is for that date alone or for the whole series. "This one" makes
//! the date a post of its own (a new id, no repeat) and the series skips it,
//! as one undo step; "all" changes the series.

use chrono::NaiveDate;

use super::{App, Level, Popup};
use crate::domain::{Dated, Post};
use crate::tui::form::PostForm;
use crate::tui::history::Change;

/// What to do to the selected post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OnDate {
    Edit,
    Delete,
    /// Move it by this many days.
    Move(i64),
    /// Give it the category at this place in the config.
    Category(usize),
}

/// The question asked before editing a date of a repeating post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Which {
    pub(crate) edit: OnDate,
    /// The repeating post's id.
    pub(crate) series: String,
    pub(crate) date: NaiveDate,
}

impl App {
    /// Carries out `edit` on the selected post, asking first when it is a date
    /// of a repeating post.
    pub(super) fn on_selected(&mut self, edit: OnDate) {
        let Some(d) = self.selected_post() else {
            return self.no_post();
        };
        if d.is_occurrence() {
            self.popup = Some(Popup::Which(Which {
                edit,
                series: d.id.clone(),
                date: d.date,
            }));
            return;
        }
        let post = d.post.clone();
        self.edit_post(edit, post);
    }

    /// Carries out `edit` on a post as written: a post on its day, or a
    /// whole series.
    fn edit_post(&mut self, edit: OnDate, post: Post) {
        match edit {
            OnDate::Edit => {
                self.popup = Some(Popup::Form(Box::new(PostForm::edit(&post, &self.config))));
            }
            OnDate::Delete => {
                let title = post.title.clone();
                let what = if post.repeat.is_some() {
                    "every date of "
                } else {
                    ""
                };
                self.change(Change::delete(post), "delete");
                self.say_undoable(&format!("deleted {what}“{title}”"));
            }
            OnDate::Move(by) if post.repeat.is_some() => self.move_series(post, by),
            OnDate::Move(by) => self.move_post(post, by),
            OnDate::Category(i) => self.set_category(post, i),
        }
    }

    /// The answer to [`Which`]: the whole series (`all`) or the one date.
    pub(super) fn answer_which(&mut self, which: &Which, all: bool) {
        let Some(series) = self.schedule.get(&which.series).cloned() else {
            return;
        };
        if all {
            return self.edit_post(which.edit, series);
        }
        let on_date = Dated {
            post: &series,
            date: which.date,
        }
        .to_post();
        match which.edit {
            OnDate::Edit => {
                let mut form = PostForm::edit(&on_date, &self.config);
                form.series = Some(series);
                self.popup = Some(Popup::Form(Box::new(form)));
            }
            OnDate::Delete => {
                let Some(rule) = &series.repeat else { return };
                let mut rest = series.clone();
                rest.repeat = Some(Box::new(rule.skipping(which.date)));
                let title = series.title.clone();
                self.change(Change::replace(series, rest), "delete of one date");
                self.say_undoable(&format!(
                    "deleted “{title}” on {}; the series goes on",
                    which.date.format("%a %-d %b")
                ));
            }
            OnDate::Move(by) => {
                let mut moved = on_date.clone();
                moved.date = which.date.checked_add_signed(chrono::TimeDelta::days(by));
                self.detach(series, &on_date, moved, "move");
            }
            OnDate::Category(i) => {
                let Some(category) = self.config.categories.get(i) else {
                    return;
                };
                let mut changed = on_date.clone();
                changed.category.clone_from(&category.key);
                self.detach(series, &on_date, changed, "category change");
            }
        }
    }

    /// Makes one date of a repeating post a post of its own, changed to
    /// `after`: the series skips the date, all in one undo step.
    pub(super) fn detach(&mut self, series: Post, on_date: &Post, mut after: Post, label: &str) {
        let (Some(rule), Some(date)) = (&series.repeat, on_date.date) else {
            return;
        };
        if after == *on_date {
            self.message = Some((Level::Info, "no change".into()));
            return;
        }
        let mut rest = series.clone();
        rest.repeat = Some(Box::new(rule.skipping(date)));
        after.id = self.schedule.fresh_id();
        after.repeat = None;
        let id = after.id.clone();
        let title = after.title.clone();
        let dated = after.date.is_some();
        self.change(
            Change {
                before: vec![series],
                after: vec![rest, after],
            },
            label,
        );
        if dated {
            self.select_id(&id);
        }
        self.say_undoable(&format!(
            "“{title}” of {} is a post of its own now; the series skips that date",
            date.format("%a %-d %b")
        ));
    }

    /// Moves a whole series a day, when its rule holds a day on.
    fn move_series(&mut self, series: Post, by: i64) {
        let Some(moved_rule) = series.repeat.as_ref().and_then(|r| r.shifted(by)) else {
            self.message = Some((
                Level::Warning,
                format!(
                    "the series cannot move a day as it is (its days of the month would change): edit it ({}) and change its rule",
                    self.keymap.describe(crate::tui::action::Action::Edit)
                ),
            ));
            return;
        };
        let mut moved = series.clone();
        moved.date = Some(moved_rule.first());
        moved.repeat = Some(Box::new(moved_rule));
        let id = series.id.clone();
        let title = series.title.clone();
        let day = self
            .selected_date()
            .checked_add_signed(chrono::TimeDelta::days(by));
        self.change(Change::replace(series, moved), "move of a series");
        match day {
            Some(d) => self.select_dated(&id, d),
            None => self.select_id(&id),
        }
        self.say_undoable(&format!(
            "moved every date of “{title}” a day {}",
            if by < 0 { "back" } else { "on" }
        ));
    }
}
