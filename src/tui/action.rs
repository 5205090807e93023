//! What the user asked for, independent of the key or click that asked.
//!
//! Keys become actions through the keymap; `App::update` carries them out. A new
//! command is one variant here, one line in [`Action::BOUND`] (its config name and
//! help text) and one arm in `App::update`.

use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    PrevDay,
    NextDay,
    PrevPost,
    NextPost,
    PrevWeek,
    NextWeek,
    ThisWeek,
    Add,
    Edit,
    Delete,
    Duplicate,
    MovePrevDay,
    MoveNextDay,
    CycleCategory,
    /// Sets the selected post's category to the n-th one in config order (0-based).
    SetCategory(usize),
    Undo,
    Redo,
    Save,
    Suggest,
    Export,
    Overview,
    Help,
    Quit,
    /// A click on a day, and on one of its posts when `post` is set.
    Select {
        date: NaiveDate,
        post: Option<usize>,
    },
    /// The terminal changed size; the next frame uses it.
    Resize {
        width: u16,
        height: u16,
    },
}

impl Action {
    /// The actions a config `[keys]` table can bind: config name, action, help text.
    /// The help screen lists them in this order.
    ///
    /// Help texts stay within 18 cells so that the help fits two columns on a
    /// 60-cell terminal.
    pub const BOUND: [(&'static str, Action, &'static str); 23] = [
        ("prev_day", Action::PrevDay, "previous day"),
        ("next_day", Action::NextDay, "next day"),
        ("prev_post", Action::PrevPost, "previous post"),
        ("next_post", Action::NextPost, "next post"),
        ("prev_week", Action::PrevWeek, "previous week"),
        ("next_week", Action::NextWeek, "next week"),
        ("this_week", Action::ThisWeek, "this week"),
        ("add", Action::Add, "add a post"),
        ("edit", Action::Edit, "edit the post"),
        ("delete", Action::Delete, "delete the post"),
        ("duplicate", Action::Duplicate, "duplicate the post"),
        ("move_prev_day", Action::MovePrevDay, "move a day back"),
        ("move_next_day", Action::MoveNextDay, "move a day ahead"),
        ("cycle_category", Action::CycleCategory, "next category"),
        ("undo", Action::Undo, "undo"),
        ("redo", Action::Redo, "redo"),
        ("save", Action::Save, "save"),
        ("suggest", Action::Suggest, "suggest categories"),
        ("export", Action::Export, "export"),
        ("overview", Action::Overview, "month overview"),
        ("help", Action::Help, "this help"),
        ("quit", Action::Quit, "quit, asks to save"),
        // Digits are fixed rather than configurable; listed for the help screen.
        ("", Action::SetCategory(0), "set the category"),
    ];

    /// The config name of a bindable action.
    pub fn name(self) -> Option<&'static str> {
        Action::BOUND
            .iter()
            .find(|(name, a, _)| *a == self && !name.is_empty())
            .map(|(name, _, _)| *name)
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::BOUND
            .iter()
            .find(|(n, _, _)| *n == name && !n.is_empty())
            .map(|(_, a, _)| *a)
    }

    /// The names a config may bind, for suggestions in errors.
    pub fn names() -> impl Iterator<Item = &'static str> {
        Action::BOUND
            .iter()
            .map(|(n, _, _)| *n)
            .filter(|n| !n.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bindable_action_round_trips_through_its_name() {
        for name in Action::names() {
            let action = Action::from_name(name).unwrap();
            assert_eq!(action.name(), Some(name));
        }
    }

    #[test]
    fn help_texts_fit_two_columns_on_a_narrow_terminal() {
        for (_, _, text) in Action::BOUND {
            assert!(
                text.chars().count() <= 18,
                "`{text}` is too long for the help"
            );
        }
    }

    #[test]
    fn the_default_config_binds_exactly_the_bindable_actions() {
        let config = crate::config::Config::builtin().unwrap();
        let bound: Vec<&str> = config.keys.keys().map(String::as_str).collect();
        let known: Vec<&str> = Action::names().collect();
        assert_eq!(bound, known);
    }
}
