//! The `[keys]` table: which key does what in each mode of the calendar.
//!
//! Key names (`a`, `A`, `enter`, `ctrl-r`, `alt-enter`, `f5`) are read into a
//! plain [`KeySpec`] here, without any terminal library, so a broken binding is
//! a config error at its line for every command (`check` and `export` too), not
//! only when the calendar starts. The calendar turns specs into its terminal's
//! key events.
//!
//! The table's shape: the calendar's own actions sit directly under `[keys]`
//! (`save = "ctrl-s"`); every other mode has a table of its own
//! (`[keys.form]`, `[keys.prompt]`, …). A binding is one key or a list of keys;
//! an empty list unbinds the action.

use std::fmt;

use indexmap::IndexMap;

use super::Origin;
use crate::diag::{Diagnostic, near_miss};

/// Where the user is: each mode has its own actions and keys, so one key can do
/// different things in the week and in the post form. A mode's table under
/// `[keys]` is named by the derive (`form`, `suggestions`); the calendar's
/// actions may also sit directly under `[keys]`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::VariantNames,
)]
#[strum(serialize_all = "lowercase")]
pub enum Mode {
    /// The week grid and the agenda.
    Calendar,
    /// While the planner's suggestions are shown as ghost rows.
    Suggestions,
    /// The post form, the export window and the publish prompt.
    Form,
    /// The one-line prompts: search and go-to.
    Prompt,
    /// Questions with a few answers: quit, save conflict, outside change,
    /// one date of a repeating post or all.
    Dialog,
    /// The backlog's ideas.
    Backlog,
    /// Lists to scroll: the weeks overview and help.
    List,
    /// The channel review screen.
    Review,
}

impl Mode {
    /// Every mode, in the order help lists them.
    pub const ALL: &[Mode] = <Mode as strum::VariantArray>::VARIANTS;

    /// The heading help shows above the mode's keys.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Calendar => "The week and the agenda",
            Mode::Suggestions => "While suggestions are shown (f)",
            Mode::Form => "Post form, export, publish (p)",
            Mode::Prompt => "Search (/), go to (g), a time",
            Mode::Dialog => "Questions: quit, conflicts",
            Mode::Backlog => "The backlog (b)",
            Mode::List => "Weeks overview and help",
            Mode::Review => "Channel review (R)",
        }
    }

    /// The actions a config may bind in this mode, with their help text, in the
    /// order help lists them.
    pub fn actions(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Mode::Calendar => CALENDAR,
            Mode::Suggestions => SUGGESTIONS,
            Mode::Form => FORM,
            Mode::Prompt => PROMPT,
            Mode::Dialog => DIALOG,
            Mode::Backlog => BACKLOG,
            Mode::List => LIST,
            Mode::Review => REVIEW,
        }
    }

    /// The help text of one of the mode's actions.
    pub(crate) fn help(self, action: &str) -> Option<&'static str> {
        self.actions()
            .iter()
            .find(|(name, _)| *name == action)
            .map(|(_, text)| *text)
    }
}

/// Help texts stay within 20 cells so that help fits two columns at 60 cells.
const CALENDAR: &[(&str, &str)] = &[
    ("prev_day", "previous day"),
    ("next_day", "next day"),
    ("prev_post", "previous post"),
    ("next_post", "next post"),
    ("prev_week", "previous week"),
    ("next_week", "next week"),
    ("this_week", "this week"),
    ("go_to", "go to a date, week"),
    ("agenda", "week grid / agenda"),
    ("search", "search every post"),
    ("next_match", "next match"),
    ("prev_match", "previous match"),
    ("channel_filter", "filter a channel"),
    ("add", "add a post"),
    ("edit", "edit the post"),
    ("delete", "delete the post"),
    ("duplicate", "duplicate the post"),
    ("copy_week", "copy week to next"),
    ("move_prev_day", "move a day back"),
    ("move_next_day", "move a day ahead"),
    ("cycle_category", "next category"),
    ("undo", "undo"),
    ("redo", "redo"),
    ("save", "save"),
    ("suggest", "suggest posts"),
    ("repair", "balance the week"),
    ("export", "export"),
    ("overview", "weeks overview"),
    ("publish", "mark published"),
    ("channel_review", "channel review"),
    ("open_backlog", "the backlog"),
    ("dismiss", "end search"),
    ("help", "this help"),
    ("quit", "quit, asks to save"),
];

const SUGGESTIONS: &[(&str, &str)] = &[
    ("accept", "accept this one"),
    ("skip", "skip this one"),
    ("accept_all", "accept them all"),
    ("dismiss", "dismiss them all"),
];

const FORM: &[(&str, &str)] = &[
    ("next_field", "next field"),
    ("prev_field", "previous field"),
    ("next_choice", "next choice"),
    ("prev_choice", "previous choice"),
    ("clear", "clear the field"),
    ("editor", "edit in $EDITOR"),
    ("new_line", "line break (notes)"),
    ("submit", "save / write"),
    ("cancel", "cancel"),
];

const PROMPT: &[(&str, &str)] = &[
    ("submit", "search / go"),
    ("clear", "clear"),
    ("cancel", "cancel"),
];

const DIALOG: &[(&str, &str)] = &[
    ("save_and_quit", "save and quit"),
    ("quit_without_saving", "quit, don't save"),
    ("reload", "reload the file"),
    ("overwrite", "overwrite the file"),
    ("keep_mine", "keep my version"),
    ("cancel", "cancel"),
    ("this_one", "this date only"),
    ("all", "every date"),
];

const BACKLOG: &[(&str, &str)] = &[
    ("up", "previous idea"),
    ("down", "next idea"),
    ("page_up", "page up"),
    ("page_down", "page down"),
    ("place", "place on the day"),
    ("place_at", "place at a time"),
    ("add", "add an idea"),
    ("edit", "edit the idea"),
    ("delete", "delete the idea"),
    ("close", "close"),
];

const REVIEW: &[(&str, &str)] = &[
    ("up", "previous channel"),
    ("down", "next channel"),
    ("earlier", "a week earlier"),
    ("later", "a week later"),
    ("longer", "one week more"),
    ("shorter", "one week less"),
    ("metric", "sparkline measure"),
    ("close", "close"),
];

const LIST: &[(&str, &str)] = &[
    ("up", "up"),
    ("down", "down"),
    ("page_up", "page up"),
    ("page_down", "page down"),
    ("open", "open the week"),
    ("close", "close"),
];

/// A key without its terminal: what a config names. The names of the keys
/// that are not a character come from the derive (`enter` or `return`,
/// `pagedown`), in any case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumString)]
#[strum(serialize_all = "lowercase", ascii_case_insensitive)]
pub(crate) enum KeyCode {
    /// One character, written as itself (`a`, `?`), or `space`.
    #[strum(disabled)]
    Char(char),
    #[strum(serialize = "enter", serialize = "return")]
    Enter,
    #[strum(serialize = "esc", serialize = "escape")]
    Esc,
    Tab,
    BackTab,
    Left,
    Right,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Backspace,
    #[strum(serialize = "delete", serialize = "del")]
    Delete,
    Insert,
    /// `f1` to `f12`.
    #[strum(disabled)]
    F(u8),
}

/// One key with its modifiers, normalised so that `H` and `shift-h` are the
/// same key: a character already says whether shift was held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct KeySpec {
    pub(crate) code: KeyCode,
    pub(crate) ctrl: bool,
    pub(crate) alt: bool,
    pub(crate) shift: bool,
}

impl KeySpec {
    pub(crate) fn new(code: KeyCode, ctrl: bool, alt: bool, shift: bool) -> KeySpec {
        let (code, shift) = match code {
            KeyCode::Char(c) if ctrl || alt => (KeyCode::Char(c.to_ascii_lowercase()), false),
            KeyCode::Char(c) => (KeyCode::Char(c), false),
            KeyCode::Tab if shift => (KeyCode::BackTab, false),
            KeyCode::BackTab => (KeyCode::BackTab, false),
            other => (other, shift),
        };
        KeySpec {
            code,
            ctrl,
            alt,
            shift,
        }
    }

    /// Reads a key as the config writes it: `a`, `A`, `?`, `enter`, `ctrl-r`,
    /// `alt-enter`, `shift-tab`, `f5`, `space`.
    pub(crate) fn parse(name: &str) -> Result<KeySpec, String> {
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        let mut rest = name;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, flag) = if lower.starts_with("ctrl-") {
                ("ctrl-", &mut ctrl)
            } else if lower.starts_with("alt-") {
                ("alt-", &mut alt)
            } else if lower.starts_with("shift-") && rest.chars().count() > "shift-".len() + 1 {
                ("shift-", &mut shift)
            } else {
                break;
            };
            *flag = true;
            rest = &rest[prefix.len()..];
        }
        let mut chars = rest.chars();
        let lower = rest.to_ascii_lowercase();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => KeyCode::Char(c),
            _ if lower == "space" => KeyCode::Char(' '),
            _ => match (
                lower.parse::<KeyCode>(),
                lower.strip_prefix('f').map(str::parse::<u8>),
            ) {
                (Ok(code), _) => code,
                (Err(_), Some(Ok(n))) if (1..=12).contains(&n) => KeyCode::F(n),
                _ => {
                    return Err(format!(
                        "`{}` is not a key mixcal knows",
                        crate::shown::shown_clipped(name, 40)
                    ));
                }
            },
        };
        Ok(KeySpec::new(code, ctrl, alt, shift))
    }

    /// The digit 1..9 of an unmodified digit key; the calendar keeps them for
    /// setting a category.
    pub(crate) fn digit(self) -> Option<usize> {
        match self {
            KeySpec {
                code: KeyCode::Char(c @ '1'..='9'),
                ctrl: false,
                alt: false,
                ..
            } => c.to_digit(10).map(|d| d as usize),
            _ => None,
        }
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        if self.shift {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            // A key is shown on a terminal: a BiDi override bound as a key is
            // written out, not obeyed.
            KeyCode::Char(c) => write!(f, "{}", crate::shown::Shown(c.encode_utf8(&mut [0; 4]))),
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
        }
    }
}

/// The keys of one action in one mode, and where the binding was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Binding {
    pub(crate) mode: Mode,
    pub(crate) action: &'static str,
    pub(crate) keys: Vec<KeySpec>,
    pub(crate) origin: Origin,
}

/// Every binding, checked: known actions, readable keys, no key bound twice in
/// one mode, digits left to the categories.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Keys {
    /// In mode order, then in each mode's catalogue order.
    bindings: Vec<Binding>,
}

impl Keys {
    /// The bindings of one mode, in the order help lists them.
    pub(crate) fn mode(&self, mode: Mode) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.mode == mode)
    }
}

/// A binding as a config layer wrote it, before it is checked. `mode` is `None`
/// for an action written directly under `[keys]` (the calendar's).
#[derive(Debug, Clone)]
pub(crate) struct RawBinding {
    pub(crate) mode: Option<String>,
    pub(crate) action: String,
    pub(crate) keys: Vec<String>,
    pub(crate) origin: Origin,
    /// Where the mode's table was written, for an unknown mode.
    pub(crate) mode_origin: Origin,
}

/// Checks every binding the layers wrote (later layers already replaced earlier
/// ones), reporting every problem into `errors`.
pub(crate) fn resolve(
    raw: &IndexMap<(Option<String>, String), RawBinding>,
    builtin: &str,
    errors: &mut Vec<Diagnostic>,
) -> Keys {
    let mut found: Vec<Binding> = Vec::new();
    let mut bad_modes: Vec<&str> = Vec::new();
    for b in raw.values() {
        let mode = match b.mode.as_deref() {
            None => Mode::Calendar,
            Some(name) => match name.parse::<Mode>() {
                Ok(m) => m,
                Err(_) => {
                    if !bad_modes.contains(&name) {
                        bad_modes.push(name);
                        errors.push(unknown_mode(name, &b.mode_origin));
                    }
                    continue;
                }
            },
        };
        let Some(&(action, _)) = mode.actions().iter().find(|(n, _)| *n == b.action) else {
            errors.push(unknown_action(mode, b));
            continue;
        };
        let mut keys = Vec::with_capacity(b.keys.len());
        for name in &b.keys {
            match KeySpec::parse(name) {
                Ok(key) if mode == Mode::Calendar && key.digit().is_some() => errors.push(
                    b.origin
                        .diagnostic(format!(
                            "`{name}` is kept for setting a category (1..9)"
                        ))
                        .with_help("bind another key"),
                ),
                Ok(key) => keys.push(key),
                Err(message) => errors.push(b.origin.diagnostic(message).with_help(
                    "write a character (`a`, `A`, `?`), a named key (`enter`, `esc`, `tab`, `left`, `pageup`, `f5`, `space`) or `ctrl-x` / `alt-x`",
                )),
            }
        }
        let binding = Binding {
            mode,
            action,
            keys,
            origin: b.origin.clone(),
        };
        // The calendar's actions may be written under `[keys]` or `[keys.calendar]`;
        // the later one wins.
        found.retain(|f| !(f.mode == mode && f.action == action));
        found.push(binding);
    }
    found.sort_by_key(|b| {
        let order = b
            .mode
            .actions()
            .iter()
            .position(|(n, _)| *n == b.action)
            .unwrap_or(usize::MAX);
        (b.mode, order)
    });
    // One key, one action per mode. The error points at the user's line,
    // whichever of the two it is.
    let mut taken: Vec<(Mode, KeySpec, usize)> = Vec::new();
    let mut conflicts = Vec::new();
    for (i, b) in found.iter().enumerate() {
        for key in &b.keys {
            match taken.iter().find(|(m, k, _)| *m == b.mode && k == key) {
                Some(&(_, _, j)) if found[j].action != b.action => {
                    conflicts.push((j, i, *key));
                }
                Some(_) => {}
                None => taken.push((b.mode, *key, i)),
            }
        }
    }
    for (first, second, key) in conflicts {
        let (a, b) = (&found[first], &found[second]);
        let at = if b.origin.path == builtin { a } else { b };
        let mode = if a.mode == Mode::Calendar {
            String::new()
        } else {
            format!(" in [keys.{}]", a.mode)
        };
        errors.push(
            at.origin
                .diagnostic(format!(
                    "`{key}` is bound to both `{}` and `{}`{mode}",
                    a.action, b.action
                ))
                .with_help(
                    "bind each key to one action; rebind the other action too if you move a key",
                ),
        );
    }
    Keys { bindings: found }
}

fn unknown_mode(name: &str, origin: &Origin) -> Diagnostic {
    let modes = <Mode as strum::VariantNames>::VARIANTS;
    let d = origin.diagnostic(format!(
        "`{}` is neither a calendar action nor a key mode",
        crate::shown::shown_clipped(name, 40)
    ));
    let candidates = modes
        .iter()
        .copied()
        .chain(CALENDAR.iter().map(|(n, _)| *n));
    match near_miss(name, candidates) {
        Some(n) => d.with_help(format!("did you mean `{n}`?")),
        None => d.with_help(format!(
            "write a calendar action (`save = \"ctrl-s\"`) or a mode's table: {}",
            modes
                .iter()
                .map(|m| format!("[keys.{m}]"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

fn unknown_action(mode: Mode, b: &RawBinding) -> Diagnostic {
    let what = match mode {
        Mode::Calendar => "a calendar action".to_string(),
        m => format!("an action in [keys.{m}]"),
    };
    let names = mode.actions().iter().map(|(n, _)| *n);
    let d = b.origin.diagnostic(format!(
        "`{}` is not {what}",
        crate::shown::shown_clipped(&b.action, 40)
    ));
    match near_miss(&b.action, names.clone()) {
        Some(n) => d.with_help(format!("did you mean `{n}`?")),
        None => d.with_help(format!("actions: {}", names.collect::<Vec<_>>().join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_keys_parse() {
        for (name, code) in [
            ("enter", KeyCode::Enter),
            ("esc", KeyCode::Esc),
            ("backtab", KeyCode::BackTab),
            ("pagedown", KeyCode::PageDown),
            ("f12", KeyCode::F(12)),
            ("space", KeyCode::Char(' ')),
            ("/", KeyCode::Char('/')),
            ("return", KeyCode::Enter),
            ("Escape", KeyCode::Esc),
            ("DEL", KeyCode::Delete),
            ("PageUp", KeyCode::PageUp),
            ("F5", KeyCode::F(5)),
            ("Space", KeyCode::Char(' ')),
            ("insert", KeyCode::Insert),
        ] {
            assert_eq!(KeySpec::parse(name).unwrap().code, code, "{name}");
        }
    }

    #[test]
    fn unknown_names_are_refused() {
        for bad in [
            "f13",
            "f0",
            "",
            "ctrl-",
            "enterr",
            "char",
            "f1x",
            "ctrl-shiftt-s",
            "\u{1b}",
        ] {
            assert!(KeySpec::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn shift_is_part_of_a_character() {
        assert_eq!(
            KeySpec::parse("shift-tab").unwrap(),
            KeySpec::parse("backtab").unwrap()
        );
        let upper = KeySpec::parse("H").unwrap();
        assert_eq!(upper, KeySpec::new(KeyCode::Char('H'), false, false, true));
        assert_ne!(upper, KeySpec::parse("h").unwrap());
        assert_eq!(
            KeySpec::parse("ctrl-R").unwrap(),
            KeySpec::parse("ctrl-r").unwrap()
        );
    }

    #[test]
    fn keys_are_shown_as_help_writes_them() {
        let shown: Vec<String> = ["ctrl-r", "alt-enter", "left", "space", "f5", "?"]
            .iter()
            .map(|k| KeySpec::parse(k).unwrap().to_string())
            .collect();
        assert_eq!(shown, ["Ctrl-r", "Alt-Enter", "←", "Space", "F5", "?"]);
    }

    #[test]
    fn a_key_that_would_act_on_the_terminal_is_shown_escaped() {
        assert_eq!(KeySpec::parse("\u{202e}").unwrap().to_string(), "\\u{202e}");
    }

    #[test]
    fn only_plain_digits_are_kept_for_categories() {
        assert_eq!(KeySpec::parse("3").unwrap().digit(), Some(3));
        assert_eq!(KeySpec::parse("0").unwrap().digit(), None);
        assert_eq!(KeySpec::parse("ctrl-3").unwrap().digit(), None);
    }

    #[test]
    fn every_mode_has_actions_with_short_distinct_names() {
        for &mode in Mode::ALL {
            let names: Vec<&str> = mode.actions().iter().map(|(n, _)| *n).collect();
            let mut unique = names.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), names.len(), "{mode}: an action twice");
            for (_, text) in mode.actions() {
                assert!(text.chars().count() <= 20, "`{text}` is too long for help");
            }
        }
    }

    fn load(user: &str) -> Result<crate::config::Config, String> {
        use crate::config::{BUILTIN_NAME, Config, DEFAULT_TOML};
        Config::from_layers(&[(BUILTIN_NAME, DEFAULT_TOML), ("user.toml", user)])
            .map_err(|e| e.to_string())
    }

    /// The keys a config binds to one action of a mode, as the calendar's
    /// keymap reads them.
    fn keys_of(c: &crate::config::Config, mode: Mode, action: &str) -> Vec<KeySpec> {
        c.keys
            .mode(mode)
            .find(|b| b.action == action)
            .map(|b| b.keys.clone())
            .unwrap_or_default()
    }

    #[test]
    fn an_unknown_mode_is_an_error_that_names_the_modes() {
        let text = load("[keys.frm]\nsubmit = \"enter\"\n").unwrap_err();
        assert!(
            text.contains("`frm` is neither a calendar action nor a key mode"),
            "{text}"
        );
        assert!(text.contains("did you mean `form`?"), "{text}");
        let text = load("[keys.qqqqqqqq]\nsubmit = \"enter\"\n").unwrap_err();
        assert!(
            text.contains(
                "a mode's table: [keys.calendar], [keys.suggestions], [keys.form], [keys.prompt], \
                 [keys.dialog], [keys.backlog], [keys.list], [keys.review]"
            ),
            "{text}"
        );
    }

    #[test]
    fn a_bad_key_name_is_an_error_at_its_line() {
        let text = load("\n[keys]\nsave = \"ctrl-shiftt-s\"\n").unwrap_err();
        assert!(text.contains("user.toml:3:8"), "{text}");
        assert!(text.contains("not a key"), "{text}");
    }

    #[test]
    fn an_unknown_action_suggests_the_near_miss() {
        let text = load("[keys]\nsavee = \"ctrl-s\"\n").unwrap_err();
        assert!(text.contains("user.toml:2:"), "{text}");
        assert!(text.contains("did you mean `save`?"), "{text}");
    }

    #[test]
    fn an_unknown_action_in_a_mode_names_the_mode() {
        let text = load("[keys.form]\n\nsubmitt = \"enter\"\n").unwrap_err();
        assert!(text.contains("user.toml:3:"), "{text}");
        assert!(text.contains("not an action in [keys.form]"), "{text}");
        assert!(text.contains("did you mean `submit`?"), "{text}");
    }

    #[test]
    fn an_unknown_mode_suggests_the_near_miss() {
        let text = load("[keys.from]\nsubmit = \"enter\"\n").unwrap_err();
        assert!(text.contains("user.toml:1:"), "{text}");
        assert!(text.contains("did you mean `form`?"), "{text}");
    }

    #[test]
    fn one_key_for_two_actions_is_an_error() {
        let text = load("[keys]\nsave = \"d\"\n").unwrap_err();
        assert!(text.contains("bound to both `delete` and `save`"), "{text}");
        let text = load("[keys.dialog]\nreload = \"o\"\n").unwrap_err();
        assert!(
            text.contains("bound to both `reload` and `overwrite` in [keys.dialog]"),
            "{text}"
        );
    }

    #[test]
    fn taking_a_default_key_points_at_the_users_line() {
        let text = load("[keys]\n\ndelete = \"s\"\n").unwrap_err();
        assert!(text.contains("user.toml:3:"), "{text}");
        assert!(text.contains("bound to both `delete` and `save`"), "{text}");
    }

    #[test]
    fn digits_are_kept_for_categories_in_the_calendar_only() {
        let text = load("[keys]\nsave = \"5\"\n").unwrap_err();
        assert!(text.contains("kept for setting a category"), "{text}");
        assert!(load("[keys.dialog]\nreload = [\"r\", \"1\"]\n").is_ok());
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let text =
            load("[keys]\nsavee = \"x\"\nundo = \"ctrl-\"\n[keys.form]\nsubmit = \"nope\"\n")
                .unwrap_err();
        assert!(text.contains("3 problems found"), "{text}");
    }

    #[test]
    fn the_calendar_table_may_be_written_out() {
        let c = load("[keys.calendar]\nsave = \"ctrl-s\"\n").unwrap();
        assert_eq!(
            keys_of(&c, Mode::Calendar, "save"),
            [KeySpec::parse("ctrl-s").unwrap()]
        );
    }

    #[test]
    fn an_empty_list_unbinds() {
        let c = load("[keys]\ncopy_week = []\n").unwrap();
        assert!(keys_of(&c, Mode::Calendar, "copy_week").is_empty());
    }
}
