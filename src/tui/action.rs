//! What the user asked for, independent of the key or click that asked.
//!
//! Keys become actions through the keymap, one enum per mode; `App::update`
//! carries out the calendar's. A new command is one variant here (its config
//! name comes from the derive; a calendar action also goes in `Action::ALL`),
//! one line in its mode's table (`config/keys.rs`: config name and help text), a
//! default key in `config/default.toml` and one arm where the mode is handled.

use chrono::NaiveDate;

use crate::config::keys::Mode;

/// An action a config can bind to keys in one mode. Its config name comes from
/// the derive (`next_day`, `accept_all`).
pub(crate) trait Bindable:
    Copy + PartialEq + std::fmt::Debug + std::str::FromStr + Into<&'static str> + 'static
{
    const MODE: Mode;
    /// Every bindable action of the mode, in the order help lists them.
    const ALL: &'static [Self];

    /// The config name; `None` for an action no key can be bound to.
    fn name(self) -> Option<&'static str> {
        Self::ALL.contains(&self).then(|| self.into())
    }

    fn from_name(name: &str) -> Option<Self> {
        name.parse().ok().filter(|a| Self::ALL.contains(a))
    }

    /// What help says the action does.
    fn help(self) -> &'static str {
        self.name()
            .and_then(|n| Self::MODE.help(n))
            .unwrap_or_default()
    }
}

/// The calendar's actions: the week grid and the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumString, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
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
    #[strum(disabled)]
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
    #[strum(serialize = "channel_review")]
    Review,
    /// Opens (and closes) the backlog.
    #[strum(serialize = "open_backlog")]
    Backlog,
    /// Ends a search.
    Dismiss,
    Help,
    Quit,
    /// A click on a day, and on one of its posts when `post` is set.
    #[strum(disabled)]
    Select {
        date: NaiveDate,
        post: Option<usize>,
    },
    /// The terminal changed size; the next frame uses it.
    #[strum(disabled)]
    Resize {
        width: u16,
        height: u16,
    },
}

impl Bindable for Action {
    const MODE: Mode = Mode::Calendar;
    const ALL: &'static [Action] = &[
        Action::PrevDay,
        Action::NextDay,
        Action::PrevPost,
        Action::NextPost,
        Action::PrevWeek,
        Action::NextWeek,
        Action::ThisWeek,
        Action::GoTo,
        Action::Agenda,
        Action::Search,
        Action::NextMatch,
        Action::PrevMatch,
        Action::ChannelFilter,
        Action::Add,
        Action::Edit,
        Action::Delete,
        Action::Duplicate,
        Action::CopyWeek,
        Action::MovePrevDay,
        Action::MoveNextDay,
        Action::CycleCategory,
        Action::Undo,
        Action::Redo,
        Action::Save,
        Action::Suggest,
        Action::Repair,
        Action::Export,
        Action::Overview,
        Action::Publish,
        Action::Review,
        Action::Backlog,
        Action::Dismiss,
        Action::Help,
        Action::Quit,
    ];
}

/// Declares the actions of a mode whose every action is bindable: each one's
/// config name is its variant's in snake case.
macro_rules! mode_actions {
    ($(#[$doc:meta])* $ty:ident, $mode:expr, { $($variant:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash,
            strum::EnumString, strum::IntoStaticStr, strum::VariantArray,
        )]
        #[strum(serialize_all = "snake_case")]
        pub(crate) enum $ty { $($variant),* }

        impl Bindable for $ty {
            const MODE: Mode = $mode;
            const ALL: &'static [$ty] = <$ty as strum::VariantArray>::VARIANTS;
        }
    };
}

mode_actions!(
    /// While the planner's suggestions are shown as ghost rows.
    SuggestionAction, Mode::Suggestions, {
        Accept,
        Skip,
        AcceptAll,
        Dismiss,
    }
);

mode_actions!(
    /// The post form, the export window and the publish prompt.
    FormAction, Mode::Form, {
        NextField,
        PrevField,
        NextChoice,
        PrevChoice,
        Clear,
        Editor,
        NewLine,
        Submit,
        Cancel,
    }
);

mode_actions!(
    /// The one-line prompts: search and go-to.
    PromptAction, Mode::Prompt, {
        Submit,
        Clear,
        Cancel,
    }
);

mode_actions!(
    /// The answers to the calendar's questions.
    DialogAction, Mode::Dialog, {
        SaveAndQuit,
        QuitWithoutSaving,
        Reload,
        Overwrite,
        KeepMine,
        Cancel,
        ThisOne,
        All,
    }
);

mode_actions!(
    /// The backlog's ideas.
    BacklogAction, Mode::Backlog, {
        Up,
        Down,
        PageUp,
        PageDown,
        Place,
        PlaceAt,
        Add,
        Edit,
        Delete,
        Close,
    }
);

mode_actions!(
    /// Moving through a list: the weeks overview, help.
    ListAction, Mode::List, {
        Up,
        Down,
        PageUp,
        PageDown,
        Open,
        Close,
    }
);

mode_actions!(
    /// The channel review screen.
    ReviewAction, Mode::Review, {
        Up,
        Down,
        Earlier,
        Later,
        Longer,
        Shorter,
        Metric,
        Close,
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    fn same_names<A: Bindable>() {
        let ours: Vec<&str> = A::ALL.iter().filter_map(|a| a.name()).collect();
        let config: Vec<&str> = A::MODE.actions().iter().map(|(n, _)| *n).collect();
        assert_eq!(ours, config, "{}", A::MODE);
        assert_eq!(ours.len(), A::ALL.len(), "{}", A::MODE);
        for (name, action) in ours.iter().zip(A::ALL) {
            assert_eq!(A::from_name(name), Some(*action));
            assert!(!action.help().is_empty(), "{name} has no help");
        }
    }

    #[test]
    fn what_no_key_can_do_has_no_name() {
        for action in [
            Action::SetCategory(0),
            Action::Resize {
                width: 80,
                height: 24,
            },
        ] {
            assert_eq!(action.name(), None);
        }
        assert_eq!(Action::from_name("set_category"), None);
        assert_eq!(Action::from_name("select"), None);
        assert_eq!(Action::from_name("review"), None);
        assert_eq!(Action::from_name("channel_review"), Some(Action::Review));
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
        for &mode in Mode::ALL {
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
