//! Keys to actions, built from the config's `[keys]` table. A key name that cannot
//! be read, an unknown action, or one key bound to two actions is a config error at
//! the line that wrote it, never a silent fallback.

use std::collections::HashMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::config::{self, Config, Origin};
use crate::diag::{Diagnostic, Diagnostics, near_miss};

/// One key with its modifiers, normalised so that `H` and shift-`h` are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            // The character already says whether shift was held.
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.is_empty() {
                    KeyCode::Char(c)
                } else {
                    KeyCode::Char(c.to_ascii_lowercase())
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    pub fn from_event(event: &KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }

    /// Reads a key as the config writes it: `a`, `A`, `?`, `enter`, `ctrl-r`, `alt-x`,
    /// `f5`, `space`.
    pub fn parse(name: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = name;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, flag) = if lower.starts_with("ctrl-") {
                ("ctrl-", KeyModifiers::CONTROL)
            } else if lower.starts_with("alt-") {
                ("alt-", KeyModifiers::ALT)
            } else if lower.starts_with("shift-") && rest.chars().count() > "shift-".len() + 1 {
                ("shift-", KeyModifiers::SHIFT)
            } else {
                break;
            };
            mods |= flag;
            rest = &rest[prefix.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" => KeyCode::Insert,
                f if f.starts_with('f')
                    && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
                {
                    KeyCode::F(f[1..].parse().unwrap_or(1))
                }
                _ => return Err(format!("`{name}` is not a key mixcal knows")),
            },
        };
        Ok(Key::new(code, mods))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::F(n) => write!(f, "F{n}"),
            _ => f.write_str("?"),
        }
    }
}

/// The calendar's key bindings.
#[derive(Debug, Clone)]
pub struct KeyMap {
    by_key: HashMap<Key, Action>,
    /// Keys per action in the order the config lists them, for help and hints.
    by_action: Vec<(Action, Vec<Key>)>,
}

impl KeyMap {
    /// Builds the keymap from the config, reporting every bad binding at once.
    pub fn from_config(config: &Config) -> Result<KeyMap, Diagnostics> {
        let mut errors = Vec::new();
        let mut by_key: HashMap<Key, (Action, &Origin)> = HashMap::new();
        let mut by_action = Vec::new();
        for (name, binding) in &config.keys {
            let Some(action) = Action::from_name(name) else {
                let mut d = binding
                    .origin
                    .diagnostic(format!("`{name}` is not a calendar action"));
                d = d.with_help(match near_miss(name, Action::names()) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => format!(
                        "actions: {}",
                        Action::names().collect::<Vec<_>>().join(", ")
                    ),
                });
                errors.push(d);
                continue;
            };
            let mut keys = Vec::new();
            for key_name in &binding.keys {
                match Key::parse(key_name) {
                    Ok(key) => {
                        if let Some((other, first)) =
                            by_key.get(&key).filter(|(a, _)| *a != action)
                        {
                            // Point at the user's line, whichever of the two it is.
                            let at = if binding.origin.path == config::BUILTIN_NAME {
                                first
                            } else {
                                &binding.origin
                            };
                            errors.push(conflict(at, key_name, *other, action));
                            continue;
                        }
                        if digit(key).is_some() {
                            errors.push(
                                binding
                                    .origin
                                    .diagnostic(format!("`{key_name}` is kept for setting a category (1..9)"))
                                    .with_help("bind another key"),
                            );
                            continue;
                        }
                        by_key.insert(key, (action, &binding.origin));
                        keys.push(key);
                    }
                    Err(message) => errors.push(binding.origin.diagnostic(message).with_help(
                        "write a character (`a`, `A`, `?`), a named key (`enter`, `esc`, `tab`, `left`, `pageup`, `f5`, `space`) or `ctrl-x` / `alt-x`",
                    )),
                }
            }
            by_action.push((action, keys));
        }
        if !errors.is_empty() {
            return Err(Diagnostics(errors));
        }
        Ok(KeyMap {
            by_key: by_key.into_iter().map(|(k, (a, _))| (k, a)).collect(),
            by_action,
        })
    }

    /// The action bound to a key press, if any. Digits 1..9 set the category.
    pub fn action(&self, event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        if let Some(a) = self.by_key.get(&key) {
            return Some(*a);
        }
        digit(key).map(|n| Action::SetCategory(n - 1))
    }

    /// The keys bound to an action, in config order.
    pub fn keys(&self, action: Action) -> &[Key] {
        self.by_action
            .iter()
            .find(|(a, _)| *a == action)
            .map_or(&[], |(_, k)| k.as_slice())
    }

    /// "←/h": the keys of an action as the help screen shows them.
    pub fn describe(&self, action: Action) -> String {
        if let Action::SetCategory(_) = action {
            return "1..9".into();
        }
        let keys: Vec<String> = self.keys(action).iter().map(Key::to_string).collect();
        if keys.is_empty() {
            "(unbound)".into()
        } else {
            keys.join("/")
        }
    }

    /// The first key of an action, for short hints; `None` when unbound.
    pub fn first(&self, action: Action) -> Option<Key> {
        self.keys(action).first().copied()
    }
}

fn digit(key: Key) -> Option<usize> {
    match (key.code, key.mods.is_empty()) {
        (KeyCode::Char(c @ '1'..='9'), true) => c.to_digit(10).map(|d| d as usize),
        _ => None,
    }
}

fn conflict(origin: &Origin, key: &str, other: Action, action: Action) -> Diagnostic {
    origin
        .diagnostic(format!(
            "`{key}` is bound to both `{}` and `{}`",
            other.name().unwrap_or("?"),
            action.name().unwrap_or("?")
        ))
        .with_help("bind each key to one action; rebind the other action too if you move a key")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DEFAULT_TOML;

    fn keymap(user: &str) -> Result<KeyMap, Diagnostics> {
        let config =
            Config::from_layers(&[(config::BUILTIN_NAME, DEFAULT_TOML), ("user.toml", user)])
                .map_err(|e| panic!("config: {e}"))
                .unwrap();
        KeyMap::from_config(&config)
    }

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn the_default_keys_reach_every_action() {
        let km = keymap("").unwrap();
        for (name, action, _) in Action::BOUND {
            if !name.is_empty() {
                assert!(!km.keys(action).is_empty(), "{name} has no key");
            }
        }
        assert_eq!(
            km.action(&press(KeyCode::Char('r'), KeyModifiers::CONTROL)),
            Some(Action::Redo)
        );
        assert_eq!(
            km.action(&press(KeyCode::Char('H'), KeyModifiers::SHIFT)),
            Some(Action::MovePrevDay)
        );
        assert_eq!(
            km.action(&press(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::Help)
        );
        assert_eq!(
            km.action(&press(KeyCode::Char('3'), KeyModifiers::NONE)),
            Some(Action::SetCategory(2))
        );
    }

    #[test]
    fn a_rebound_key_replaces_the_default() {
        let km = keymap("[keys]\nsave = \"ctrl-s\"\n").unwrap();
        assert_eq!(
            km.action(&press(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            Some(Action::Save)
        );
        assert_eq!(
            km.action(&press(KeyCode::Char('s'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn a_bad_key_name_is_an_error_at_its_line() {
        let err = keymap("\n[keys]\nsave = \"ctrl-shiftt-s\"\n").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("user.toml:3:"), "{text}");
        assert!(text.contains("not a key"), "{text}");
    }

    #[test]
    fn an_unknown_action_suggests_the_near_miss() {
        let err = keymap("[keys]\nsavee = \"ctrl-s\"\n").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("user.toml:2:"), "{text}");
        assert!(text.contains("did you mean `save`?"), "{text}");
    }

    #[test]
    fn one_key_for_two_actions_is_an_error() {
        let err = keymap("[keys]\nsave = \"d\"\n").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("bound to both `delete` and `save`"), "{text}");
    }

    #[test]
    fn taking_a_default_key_points_at_the_users_line() {
        let err = keymap("[keys]\n\ndelete = \"s\"\n").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("user.toml:3:"), "{text}");
        assert!(text.contains("bound to both `delete` and `save`"), "{text}");
    }

    #[test]
    fn named_keys_parse() {
        for (name, code) in [
            ("enter", KeyCode::Enter),
            ("esc", KeyCode::Esc),
            ("backtab", KeyCode::BackTab),
            ("pagedown", KeyCode::PageDown),
            ("f12", KeyCode::F(12)),
            ("space", KeyCode::Char(' ')),
        ] {
            assert_eq!(Key::parse(name).unwrap().code, code, "{name}");
        }
        assert!(Key::parse("f13").is_err());
        assert!(Key::parse("").is_err());
    }
}
