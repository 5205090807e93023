//! Keys to actions, per mode, from the config's checked `[keys]` table. The
//! config has already refused unknown actions, unreadable keys and keys bound
//! twice, so building the keymap cannot fail; here key specs meet the
//! terminal's key events.

use std::collections::HashMap;

use ratatui::crossterm::event::{KeyCode as Code, KeyEvent, KeyModifiers};

use super::action::{Action, Bindable};
use crate::config::Config;
use crate::config::keys::{KeyCode, KeySpec, Mode};

/// The key spec of a terminal key press; `None` for keys no config can name.
pub(crate) fn spec_of(event: &KeyEvent) -> Option<KeySpec> {
    let code = match event.code {
        Code::Char(c) => KeyCode::Char(c),
        Code::Enter => KeyCode::Enter,
        Code::Esc => KeyCode::Esc,
        Code::Tab => KeyCode::Tab,
        Code::BackTab => KeyCode::BackTab,
        Code::Left => KeyCode::Left,
        Code::Right => KeyCode::Right,
        Code::Up => KeyCode::Up,
        Code::Down => KeyCode::Down,
        Code::PageUp => KeyCode::PageUp,
        Code::PageDown => KeyCode::PageDown,
        Code::Home => KeyCode::Home,
        Code::End => KeyCode::End,
        Code::Backspace => KeyCode::Backspace,
        Code::Delete => KeyCode::Delete,
        Code::Insert => KeyCode::Insert,
        Code::F(n) => KeyCode::F(n),
        _ => return None,
    };
    let m = event.modifiers;
    Some(KeySpec::new(
        code,
        m.contains(KeyModifiers::CONTROL),
        m.contains(KeyModifiers::ALT),
        m.contains(KeyModifiers::SHIFT),
    ))
}

/// The calendar's key bindings, every mode.
#[derive(Debug, Clone)]
pub struct KeyMap {
    by_key: HashMap<(Mode, KeySpec), &'static str>,
    /// Keys per (mode, action) in the order the config lists them, for help and hints.
    by_action: HashMap<(Mode, &'static str), Vec<KeySpec>>,
}

impl KeyMap {
    /// The keymap of a loaded config; the config has checked every binding.
    pub fn from_config(config: &Config) -> KeyMap {
        let mut by_key = HashMap::new();
        let mut by_action = HashMap::new();
        for &mode in Mode::ALL {
            for b in config.keys.mode(mode) {
                for key in &b.keys {
                    by_key.entry((mode, *key)).or_insert(b.action);
                }
                by_action.insert((mode, b.action), b.keys.clone());
            }
        }
        KeyMap { by_key, by_action }
    }

    /// The action of mode `A` bound to a key press, if any.
    pub(crate) fn get<A: Bindable>(&self, event: &KeyEvent) -> Option<A> {
        let key = spec_of(event)?;
        self.by_key
            .get(&(A::MODE, key))
            .and_then(|name| A::from_name(name))
    }

    /// Whether a key press does anything in `mode`.
    pub(crate) fn binds(&self, mode: Mode, event: &KeyEvent) -> bool {
        spec_of(event).is_some_and(|key| self.by_key.contains_key(&(mode, key)))
    }

    /// The calendar action bound to a key press. Digits 1..9 set the category.
    pub(crate) fn action(&self, event: &KeyEvent) -> Option<Action> {
        if let Some(a) = self.get::<Action>(event) {
            return Some(a);
        }
        spec_of(event)?.digit().map(|n| Action::SetCategory(n - 1))
    }

    /// The keys bound to an action, in config order.
    pub(crate) fn keys<A: Bindable>(&self, action: A) -> &[KeySpec] {
        action
            .name()
            .and_then(|n| self.by_action.get(&(A::MODE, n)))
            .map_or(&[], Vec::as_slice)
    }

    /// "←/h": the keys of an action as help shows them.
    pub(crate) fn describe<A: Bindable>(&self, action: A) -> String {
        let keys: Vec<String> = self.keys(action).iter().map(KeySpec::to_string).collect();
        if keys.is_empty() {
            "(unbound)".into()
        } else {
            keys.join("/")
        }
    }

    /// The first key of an action as a short hint, `None` when unbound.
    pub(crate) fn first<A: Bindable>(&self, action: A) -> Option<String> {
        self.keys(action).first().map(KeySpec::to_string)
    }

    /// The first key of an action, or "(unbound)".
    pub(crate) fn key<A: Bindable>(&self, action: A) -> String {
        self.first(action).unwrap_or_else(|| "(unbound)".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{self, DEFAULT_TOML};
    use crate::diag::Diagnostics;
    use crate::tui::action::{DialogAction, FormAction, ListAction};

    fn keymap(user: &str) -> Result<KeyMap, Diagnostics> {
        let config =
            Config::from_layers(&[(config::BUILTIN_NAME, DEFAULT_TOML), ("user.toml", user)])?;
        Ok(KeyMap::from_config(&config))
    }

    fn press(code: Code, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn the_default_keys_reach_every_calendar_action() {
        let km = keymap("").unwrap();
        for action in Action::ALL {
            assert!(!km.keys(*action).is_empty(), "{action:?} has no key");
        }
        assert_eq!(
            km.action(&press(Code::Char('r'), KeyModifiers::CONTROL)),
            Some(Action::Redo)
        );
        assert_eq!(
            km.action(&press(Code::Char('H'), KeyModifiers::SHIFT)),
            Some(Action::MovePrevDay)
        );
        assert_eq!(
            km.action(&press(Code::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::Help)
        );
        assert_eq!(
            km.action(&press(Code::Char('3'), KeyModifiers::NONE)),
            Some(Action::SetCategory(2))
        );
        assert_eq!(
            km.action(&press(Code::Char('r'), KeyModifiers::NONE)),
            Some(Action::Repair)
        );
    }

    #[test]
    fn a_rebound_key_replaces_the_default() {
        let km = keymap("[keys]\nsave = \"ctrl-s\"\n").unwrap();
        assert_eq!(
            km.action(&press(Code::Char('s'), KeyModifiers::CONTROL)),
            Some(Action::Save)
        );
        assert_eq!(km.action(&press(Code::Char('s'), KeyModifiers::NONE)), None);
    }

    #[test]
    fn each_mode_is_rebound_in_its_own_table() {
        let km = keymap(
            "[keys.form]\nsubmit = \"ctrl-s\"\n[keys.dialog]\ncancel = \"x\"\n[keys.list]\nclose = [\"esc\", \"v\"]\n",
        )
        .unwrap();
        let ctrl_s = press(Code::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(km.get::<FormAction>(&ctrl_s), Some(FormAction::Submit));
        assert_eq!(
            km.get::<FormAction>(&press(Code::Enter, KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            km.get::<DialogAction>(&press(Code::Char('x'), KeyModifiers::NONE)),
            Some(DialogAction::Cancel)
        );
        assert_eq!(
            km.get::<ListAction>(&press(Code::Char('v'), KeyModifiers::NONE)),
            Some(ListAction::Close)
        );
        assert_eq!(km.describe(FormAction::Submit), "Ctrl-s");
    }

    #[test]
    fn the_same_key_may_do_different_things_in_different_modes() {
        let km = keymap("").unwrap();
        let enter = press(Code::Enter, KeyModifiers::NONE);
        assert_eq!(km.action(&enter), Some(Action::Edit));
        assert_eq!(km.get::<FormAction>(&enter), Some(FormAction::Submit));
        assert_eq!(km.get::<ListAction>(&enter), Some(ListAction::Open));
    }

    #[test]
    fn a_key_press_is_the_key_its_config_name_says() {
        let none = KeyModifiers::NONE;
        for (name, event) in [
            ("a", press(Code::Char('a'), none)),
            ("A", press(Code::Char('A'), KeyModifiers::SHIFT)),
            ("ctrl-r", press(Code::Char('r'), KeyModifiers::CONTROL)),
            ("alt-enter", press(Code::Enter, KeyModifiers::ALT)),
            ("backtab", press(Code::BackTab, KeyModifiers::SHIFT)),
            ("f5", press(Code::F(5), none)),
            ("?", press(Code::Char('?'), none)),
            ("space", press(Code::Char(' '), none)),
        ] {
            assert_eq!(
                spec_of(&event),
                Some(KeySpec::parse(name).unwrap()),
                "{name}"
            );
        }
    }
}
