//! What the user asked for, independent of the key or click that asked.
//!
//! Keys become actions through the keymap, one enum per mode; `App::update`
//! carries out the calendar's. A new command is one variant here, one line in
//! its mode's table (`config/keys.rs`: config name and help text), a default key
//! in `config/default.toml` and one arm where the mode is handled.

use chrono::NaiveDate;

use crate::config::keys::Mode;

/// An action a config can bind to keys in one mode.
pub(crate) trait Bindable: Copy + PartialEq + std::fmt::Debug + Sized + 'static {
    const MODE: Mode;
    /// Every bindable action of the mode with its config name.
    const NAMES: &'static [(&'static str, Self)];

    fn name(self) -> Option<&'static str> {
        Self::NAMES
            .iter()
            .find(|(_, a)| *a == self)
            .map(|(n, _)| *n)
    }

    fn from_name(name: &str) -> Option<Self> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| *a)
    }

    /// What help says the action does.
    fn help(self) -> &'static str {
        self.name()
            .and_then(|n| Self::MODE.help(n))
            .unwrap_or_default()
    }
}

/// The calendar's actions: the week grid and the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    PrevDay,
    NextDay,
    PrevPost,
    NextPost,
    PrevWeek,
    NextWeek,
    ThisWeek,
    GoTo,
    Agenda,
    Search,
    NextMatch,
    PrevMatch,
    ChannelFilter,
    Add,
    Edit,
    Delete,
    Duplicate,
    CopyWeek,
    MovePrevDay,
    MoveNextDay,
    CycleCategory,
    /// Sets the selected post's category to the n-th one in config order (0-based).
    SetCategory(usize),
    Undo,
    Redo,
    Save,
    Suggest,
    /// Applies the mix panel's repair for the whole week (one undo step).
    Repair,
    Export,
    Overview,
    /// Marks the selected post published and asks what it brought and took.
    Publish,
    /// Which channels earn their time.
    Review,
    /// Opens (and closes) the backlog.
    Backlog,
    /// Ends a search.
    Dismiss,
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

impl Bindable for Action {
    const MODE: Mode = Mode::Calendar;
    const NAMES: &'static [(&'static str, Action)] = &[
        ("prev_day", Action::PrevDay),
        ("next_day", Action::NextDay),
        ("prev_post", Action::PrevPost),
        ("next_post", Action::NextPost),
        ("prev_week", Action::PrevWeek),
        ("next_week", Action::NextWeek),
        ("this_week", Action::ThisWeek),
        ("go_to", Action::GoTo),
        ("agenda", Action::Agenda),
        ("search", Action::Search),
        ("next_match", Action::NextMatch),
        ("prev_match", Action::PrevMatch),
        ("channel_filter", Action::ChannelFilter),
        ("add", Action::Add),
        ("edit", Action::Edit),
        ("delete", Action::Delete),
        ("duplicate", Action::Duplicate),
        ("copy_week", Action::CopyWeek),
        ("move_prev_day", Action::MovePrevDay),
        ("move_next_day", Action::MoveNextDay),
        ("cycle_category", Action::CycleCategory),
        ("undo", Action::Undo),
        ("redo", Action::Redo),
        ("save", Action::Save),
        ("suggest", Action::Suggest),
        ("repair", Action::Repair),
        ("export", Action::Export),
        ("overview", Action::Overview),
        ("publish", Action::Publish),
        ("channel_review", Action::Review),
        ("open_backlog", Action::Backlog),
        ("dismiss", Action::Dismiss),
        ("help", Action::Help),
        ("quit", Action::Quit),
    ];
}

/// Declares the actions of a mode whose every action is bindable.
macro_rules! mode_actions {
    ($(#[$doc:meta])* $ty:ident, $mode:expr, { $($variant:ident => $name:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub(crate) enum $ty { $($variant),* }

        impl Bindable for $ty {
            const MODE: Mode = $mode;
            const NAMES: &'static [(&'static str, $ty)] = &[$(($name, $ty::$variant)),*];
        }
    };
}

mode_actions!(
    /// While the planner's suggestions are shown as ghost rows.
    SuggestionAction, Mode::Suggestions, {
        Accept => "accept",
        Skip => "skip",
        AcceptAll => "accept_all",
        Dismiss => "dismiss",
    }
);

mode_actions!(
    /// The post form, the export window and the publish prompt.
    FormAction, Mode::Form, {
        NextField => "next_field",
        PrevField => "prev_field",
        NextChoice => "next_choice",
        PrevChoice => "prev_choice",
        Clear => "clear",
        Editor => "editor",
        NewLine => "new_line",
        Submit => "submit",
        Cancel => "cancel",
    }
);

mode_actions!(
    /// The one-line prompts: search and go-to.
    PromptAction, Mode::Prompt, {
        Submit => "submit",
        Clear => "clear",
        Cancel => "cancel",
    }
);

mode_actions!(
    /// The answers to the calendar's questions.
    DialogAction, Mode::Dialog, {
        SaveAndQuit => "save_and_quit",
        QuitWithoutSaving => "quit_without_saving",
        Reload => "reload",
        Overwrite => "overwrite",
        KeepMine => "keep_mine",
        Cancel => "cancel",
        ThisOne => "this_one",
        All => "all",
    }
);

mode_actions!(
    /// The backlog's ideas.
    BacklogAction, Mode::Backlog, {
        Up => "up",
        Down => "down",
        PageUp => "page_up",
        PageDown => "page_down",
        Place => "place",
        PlaceAt => "place_at",
        Add => "add",
        Edit => "edit",
        Delete => "delete",
        Close => "close",
    }
);

mode_actions!(
    /// Moving through a list: the weeks overview, help.
    ListAction, Mode::List, {
        Up => "up",
        Down => "down",
        PageUp => "page_up",
        PageDown => "page_down",
        Open => "open",
        Close => "close",
    }
);

mode_actions!(
    /// The channel review screen.
    ReviewAction, Mode::Review, {
        Up => "up",
        Down => "down",
        Earlier => "earlier",
        Later => "later",
        Longer => "longer",
        Shorter => "shorter",
        Metric => "metric",
        Close => "close",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    fn same_names<A: Bindable>() {
        let ours: Vec<&str> = A::NAMES.iter().map(|(n, _)| *n).collect();
        let config: Vec<&str> = A::MODE.actions().iter().map(|(n, _)| *n).collect();
        assert_eq!(ours, config, "{}", A::MODE);
        for (name, action) in A::NAMES {
            assert_eq!(A::from_name(name), Some(*action));
            assert_eq!(action.name(), Some(*name));
            assert!(!action.help().is_empty(), "{name} has no help");
        }
    }

    #[test]
    fn every_mode_binds_exactly_the_configs_actions() {
        same_names::<Action>();
        same_names::<SuggestionAction>();
        same_names::<FormAction>();
        same_names::<PromptAction>();
        same_names::<DialogAction>();
        same_names::<BacklogAction>();
        same_names::<ListAction>();
        same_names::<ReviewAction>();
    }

    #[test]
    fn the_default_config_binds_every_action_of_every_mode() {
        let config = crate::config::Config::builtin().unwrap();
        for mode in Mode::ALL {
            let bound: Vec<&str> = config
                .keys
                .mode(mode)
                .filter(|b| !b.keys.is_empty())
                .map(|b| b.action)
                .collect();
            for (name, _) in mode.actions() {
                assert!(bound.contains(name), "{mode}.{name} has no default key");
            }
        }
    }
}
