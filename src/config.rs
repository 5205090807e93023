//! Configuration: the built-in defaults (`config/default.toml`, embedded) overlaid
//! by a user file that overrides only what it names.

pub mod keys;

use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, Diagnostics, LineIndex, near_miss};
use crate::domain::{Category, Color, Post, WeekStart};
use crate::mix::rules::{CategorySet, Rule, RuleKind, Severity};

/// The built-in defaults, shipped inside the binary.
pub const DEFAULT_TOML: &str = include_str!("../config/default.toml");

/// The resolved configuration every part of mixcal reads.
#[derive(Debug, Clone)]
pub struct Config {
    pub week_start: WeekStart,
    /// Categories in config order.
    pub categories: Vec<Category>,
    pub rules: Vec<Rule>,
    /// Posting slots per weekday, Monday first.
    pub slots: [Vec<NaiveTime>; 7],
    /// The calendar's key bindings per mode, checked at load so that every
    /// command reports a broken `[keys]` table.
    pub keys: keys::Keys,
    /// The plan's time zone (`time_zone`); `None` for the system's.
    pub time_zone: Option<jiff::tz::TimeZone>,
    /// The most characters a post may have, per channel (by [`channel_key`]).
    pub max_chars: IndexMap<String, usize>,
}

/// Why the plan's time zone is not known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "cannot tell which time zone the plan is in: {reason}\n  help: set it in the config, e.g. `time_zone = \"Europe/Berlin\"`, or fix TZ"
)]
pub struct ZoneError {
    reason: String,
}

/// A channel's name as config keys and posts are matched: lower case, without
/// spaces, dashes and underscores (`Google Business` is `googlebusiness`).
pub fn channel_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// A place in a config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub path: String,
    pub line: usize,
    pub column: usize,
}

impl Origin {
    pub fn diagnostic(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: self.path.clone(),
            line: self.line,
            column: self.column,
            message: message.into(),
            help: None,
        }
    }
}

impl Config {
    /// The built-in defaults alone.
    pub fn builtin() -> Result<Config, Diagnostics> {
        Config::from_layers(&[(BUILTIN_NAME, DEFAULT_TOML)])
    }

    /// The defaults overlaid by the user file at `path`.
    pub fn load(path: &Path) -> Result<Config, Diagnostics> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            Diagnostics(vec![
                Diagnostic::whole_file(&name, format!("cannot read the config file: {e}"))
                    .with_help("check the path given with --config"),
            ])
        })?;
        Config::from_layers(&[(BUILTIN_NAME, DEFAULT_TOML), (&name, &text)])
    }

    /// The defaults overlaid by `--config PATH` when given, else by the user's
    /// config file when it exists.
    pub fn discover(explicit: Option<&Path>) -> Result<Config, Diagnostics> {
        match explicit {
            Some(path) => Config::load(path),
            None => match user_config_path() {
                Some(path) if path.exists() => Config::load(&path),
                _ => Config::builtin(),
            },
        }
    }

    /// Builds a config from layers of TOML text, later layers overriding earlier ones.
    pub fn from_layers(layers: &[(&str, &str)]) -> Result<Config, Diagnostics> {
        let mut merged = Merged::default();
        let mut errors = Vec::new();
        for (name, text) in layers {
            match toml::from_str::<Layer>(text) {
                Ok(layer) => merged.overlay(name, text, layer),
                Err(e) => errors.push(toml_error(name, text, &e)),
            }
        }
        if !errors.is_empty() {
            return Err(Diagnostics(errors));
        }
        merged.resolve()
    }

    pub fn category(&self, key: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.key == key)
    }

    pub fn category_index(&self, key: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.key == key)
    }

    pub fn category_keys(&self) -> impl Iterator<Item = &str> {
        self.categories.iter().map(|c| c.key.as_str())
    }

    /// The plan's time zone: the config's `time_zone`, else the system's. Never a
    /// silent UTC: a system zone that cannot be read (a misspelt `TZ`, no zone
    /// database) is an error.
    pub fn zone(&self) -> Result<jiff::tz::TimeZone, ZoneError> {
        if let Some(zone) = &self.time_zone {
            return Ok(zone.clone());
        }
        jiff::tz::TimeZone::try_system().map_err(|e| ZoneError {
            reason: match std::env::var("TZ") {
                Ok(tz) if !tz.is_empty() => format!("TZ is `{tz}`, which is not a time zone ({e})"),
                _ => format!("the system's time zone cannot be read ({e})"),
            },
        })
    }

    /// The most characters a post on `channel` may have, if mixcal knows.
    pub fn max_chars(&self, channel: &str) -> Option<usize> {
        self.max_chars.get(&channel_key(channel)).copied()
    }

    /// The effort a post takes: its own minutes, else its category's default.
    pub fn minutes(&self, post: &Post) -> u32 {
        post.minutes
            .or_else(|| self.category(&post.category).map(|c| c.minutes))
            .unwrap_or(0)
    }
}

/// Where the user's config lives: `$XDG_CONFIG_HOME/mixcal/config.toml`.
pub fn user_config_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let dirs = etcetera::base_strategy::Xdg::new().ok()?;
    Some(dirs.config_dir().join("mixcal").join("config.toml"))
}

/// The name the built-in defaults go by in messages.
pub const BUILTIN_NAME: &str = "<built-in config>";

/// Turns a toml parse error into a positioned diagnostic.
pub(crate) fn toml_error(path: &str, text: &str, e: &toml::de::Error) -> Diagnostic {
    let span = e.span().unwrap_or(0..0);
    let message = e.message().trim().to_string();
    let mut d = LineIndex::new(text).diagnostic(path, span, message.clone());
    if let Some(unknown) = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
    {
        let expected: Vec<&str> = message
            .split_once("expected")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        if let Some(near) = near_miss(unknown, expected.iter().copied()) {
            d = d.with_help(format!("did you mean `{near}`?"));
        }
    }
    if d.help.is_none() {
        d = d.with_help(
            "the README's Config section shows the format; config/presets/ has complete examples",
        );
    }
    d
}

/// One config file as written: every field optional, unknown fields refused.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Layer {
    week_start: Option<Spanned<String>>,
    #[serde(default)]
    categories: IndexMap<String, Spanned<CategoryLayer>>,
    #[serde(default)]
    rules: IndexMap<String, Spanned<RuleLayer>>,
    #[serde(default)]
    slots: IndexMap<Spanned<String>, Vec<Spanned<String>>>,
    #[serde(default)]
    keys: IndexMap<Spanned<String>, Spanned<KeyEntry>>,
    time_zone: Option<Spanned<String>>,
    #[serde(default)]
    channels: IndexMap<String, ChannelLayer>,
}

/// `[channels.NAME]`: what mixcal knows about one channel.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChannelLayer {
    max_chars: Option<usize>,
}

/// One entry under `[keys]`: a calendar action's binding, or a mode's table
/// (`[keys.form]`) of bindings.
#[derive(Debug, Clone)]
enum KeyEntry {
    Binding(OneOrMany),
    Mode(IndexMap<Spanned<String>, Spanned<OneOrMany>>),
}

impl<'de> Deserialize<'de> for KeyEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<KeyEntry, D::Error> {
        struct Entry;
        impl<'de> serde::de::Visitor<'de> for Entry {
            type Value = KeyEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    r#"a key like "ctrl-s", a list of keys like ["s", "ctrl-s"], or a mode's table like [keys.form]"#,
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<KeyEntry, E> {
                Ok(KeyEntry::Binding(OneOrMany::One(v.to_string())))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<KeyEntry, A::Error> {
                OneOrMany::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(KeyEntry::Binding)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<KeyEntry, A::Error> {
                IndexMap::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(KeyEntry::Mode)
            }
        }
        d.deserialize_any(Entry)
    }
}

/// A key binding: one key or a list of keys. Read by hand so that a wrong type
/// says what a binding looks like.
#[derive(Debug, Clone)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<OneOrMany, D::Error> {
        struct Binding;
        impl<'de> serde::de::Visitor<'de> for Binding {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(r#"a key like "ctrl-s" or a list of keys like ["s", "ctrl-s"]"#)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<OneOrMany, A::Error> {
                let mut keys = Vec::new();
                while let Some(k) = seq.next_element::<String>()? {
                    keys.push(k);
                }
                Ok(OneOrMany::Many(keys))
            }
        }
        d.deserialize_any(Binding)
    }
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryLayer {
    name: Option<String>,
    description: Option<String>,
    color: Option<Spanned<String>>,
    letter: Option<Spanned<String>>,
    minutes: Option<u32>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleLayer {
    kind: Option<Spanned<String>>,
    description: Option<String>,
    severity: Option<Spanned<String>>,
    enabled: Option<bool>,
    of: Option<Vec<Spanned<String>>>,
    per: Option<Vec<Spanned<String>>>,
    categories: Option<Vec<Spanned<String>>>,
    except: Option<Vec<Spanned<String>>>,
    min: Option<f64>,
    max: Option<f64>,
    max_minutes: Option<u32>,
}

/// A value together with the file it came from, so errors point at the right file.
#[derive(Debug, Clone)]
struct From<T> {
    value: T,
    origin: Origin,
}

/// The layers merged so far. Each field remembers the layer that last set it.
#[derive(Debug, Default)]
struct Merged {
    week_start: Option<From<String>>,
    categories: IndexMap<String, MergedCategory>,
    rules: IndexMap<String, MergedRule>,
    slots: IndexMap<String, From<Vec<From<String>>>>,
    /// By (mode as written, `None` directly under `[keys]`; action).
    keys: IndexMap<(Option<String>, String), keys::RawBinding>,
    time_zone: Option<From<String>>,
    max_chars: IndexMap<String, usize>,
}

#[derive(Debug, Default)]
struct MergedCategory {
    name: Option<String>,
    color: Option<From<String>>,
    letter: Option<From<String>>,
    minutes: Option<u32>,
    origin: Option<Origin>,
}

#[derive(Debug, Default)]
struct MergedRule {
    kind: Option<From<String>>,
    description: Option<String>,
    severity: Option<From<String>>,
    enabled: Option<bool>,
    of: Option<Vec<From<String>>>,
    per: Option<Vec<From<String>>>,
    categories: Option<Vec<From<String>>>,
    except: Option<Vec<From<String>>>,
    min: Option<f64>,
    max: Option<f64>,
    max_minutes: Option<u32>,
    origin: Option<Origin>,
}

impl Merged {
    fn overlay(&mut self, path: &str, text: &str, layer: Layer) {
        let index = LineIndex::new(text);
        let origin = |span: std::ops::Range<usize>| {
            let (line, column) = index.position(span.start);
            Origin {
                path: path.to_string(),
                line,
                column,
            }
        };
        let from = |s: Spanned<String>| From {
            origin: origin(s.span()),
            value: s.into_inner(),
        };
        let list = |v: Vec<Spanned<String>>| v.into_iter().map(from).collect::<Vec<_>>();

        if let Some(ws) = layer.week_start {
            self.week_start = Some(from(ws));
        }
        if let Some(tz) = layer.time_zone {
            self.time_zone = Some(from(tz));
        }
        for (name, channel) in layer.channels {
            if let Some(max) = channel.max_chars {
                self.max_chars.insert(channel_key(&name), max);
            }
        }
        for (key, cat) in layer.categories {
            let at = origin(cat.span());
            let cat = cat.into_inner();
            let m = self.categories.entry(key).or_default();
            m.origin.get_or_insert(at);
            m.name = cat.name.or(m.name.take());
            let _ = cat.description;
            if let Some(c) = cat.color {
                m.color = Some(from(c));
            }
            if let Some(l) = cat.letter {
                m.letter = Some(from(l));
            }
            m.minutes = cat.minutes.or(m.minutes);
        }
        for (name, rule) in layer.rules {
            let at = origin(rule.span());
            let rule = rule.into_inner();
            let m = self.rules.entry(name).or_default();
            m.origin = Some(at);
            if let Some(k) = rule.kind {
                m.kind = Some(from(k));
            }
            if let Some(s) = rule.severity {
                m.severity = Some(from(s));
            }
            m.description = rule.description.or(m.description.take());
            m.enabled = rule.enabled.or(m.enabled);
            if let Some(v) = rule.of {
                m.of = Some(list(v));
            }
            if let Some(v) = rule.per {
                m.per = Some(list(v));
            }
            if let Some(v) = rule.categories {
                m.categories = Some(list(v));
            }
            if let Some(v) = rule.except {
                m.except = Some(list(v));
            }
            m.min = rule.min.or(m.min);
            m.max = rule.max.or(m.max);
            m.max_minutes = rule.max_minutes.or(m.max_minutes);
        }
        for (day, times) in layer.slots {
            let day_from = from(day);
            let times = list(times);
            self.slots.insert(
                day_from.value.clone(),
                From {
                    value: times,
                    origin: day_from.origin,
                },
            );
        }
        for (name, entry) in layer.keys {
            let name_at = origin(name.span());
            let at = origin(entry.span());
            match entry.into_inner() {
                KeyEntry::Binding(keys) => {
                    let action = name.into_inner();
                    self.keys.insert(
                        (None, action.clone()),
                        keys::RawBinding {
                            mode: None,
                            action,
                            keys: keys.into_vec(),
                            origin: at,
                            mode_origin: name_at,
                        },
                    );
                }
                KeyEntry::Mode(table) => {
                    let mode = name.into_inner();
                    for (action, keys) in table {
                        let action = action.into_inner();
                        self.keys.insert(
                            (Some(mode.clone()), action.clone()),
                            keys::RawBinding {
                                mode: Some(mode.clone()),
                                action,
                                keys: keys.get_ref().clone().into_vec(),
                                origin: origin(keys.span()),
                                mode_origin: name_at.clone(),
                            },
                        );
                    }
                }
            }
        }
    }

    fn resolve(self) -> Result<Config, Diagnostics> {
        let mut errors = Vec::new();

        let week_start = match &self.week_start {
            None => WeekStart::default(),
            Some(ws) => WeekStart::parse(&ws.value).unwrap_or_else(|| {
                errors.push(ws.origin.diagnostic(format!("`{}` is not a day of the week", ws.value))
                    .with_help("write one of monday, tuesday, wednesday, thursday, friday, saturday, sunday"));
                WeekStart::default()
            }),
        };

        let time_zone = self.time_zone.as_ref().and_then(|tz| {
            match jiff::tz::TimeZone::get(tz.value.trim()) {
                Ok(zone) => Some(zone),
                Err(_) => {
                    let names: Vec<String> = jiff::tz::db().available().map(|n| n.to_string()).collect();
                    let help = match near_miss(&tz.value, names.iter().map(String::as_str)) {
                        Some(n) => format!("did you mean `{n}`? A time zone is an IANA name like Europe/Berlin or America/New_York"),
                        None => "a time zone is an IANA name like Europe/Berlin or America/New_York".into(),
                    };
                    errors.push(
                        tz.origin
                            .diagnostic(format!("unknown time zone `{}`", tz.value))
                            .with_help(help),
                    );
                    None
                }
            }
        });

        let mut categories = Vec::new();
        for (key, m) in &self.categories {
            let origin = m.origin.clone().unwrap_or_else(|| Origin {
                path: BUILTIN_NAME.into(),
                line: 0,
                column: 0,
            });
            let color = match &m.color {
                None => Color::Gray,
                Some(c) => Color::ALL
                    .into_iter()
                    .find(|col| col.name() == c.value.to_lowercase())
                    .unwrap_or_else(|| {
                        let names: Vec<&str> = Color::ALL.iter().map(|c| c.name()).collect();
                        let mut d = c
                            .origin
                            .diagnostic(format!("`{}` is not a colour mixcal knows", c.value));
                        d = d.with_help(match near_miss(&c.value, names.iter().copied()) {
                            Some(n) => format!("did you mean `{n}`? Colours: {}", names.join(", ")),
                            None => format!("colours: {}", names.join(", ")),
                        });
                        errors.push(d);
                        Color::Gray
                    }),
            };
            let letter = match &m.letter {
                None => key.chars().next().unwrap_or('?').to_ascii_uppercase(),
                Some(l) => {
                    let mut chars = l.value.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) => c,
                        _ => {
                            errors.push(l.origin.diagnostic(format!(
                                "`letter` must be one character, not `{}`",
                                l.value
                            )));
                            '?'
                        }
                    }
                }
            };
            let Some(minutes) = m.minutes else {
                errors.push(
                    origin
                        .diagnostic(format!("category `{key}` needs `minutes`"))
                        .with_help("add e.g. `minutes = 20`"),
                );
                continue;
            };
            categories.push(Category {
                key: key.clone(),
                name: m.name.clone().unwrap_or_else(|| key.clone()),
                color,
                letter,
                minutes,
            });
        }
        let known: Vec<&str> = categories.iter().map(|c| c.key.as_str()).collect();
        let check_cats = |list: &[From<String>], errors: &mut Vec<Diagnostic>| -> Vec<String> {
            for c in list {
                if !known.contains(&c.value.as_str()) {
                    let mut d = c
                        .origin
                        .diagnostic(format!("unknown category `{}`", c.value));
                    d = d.with_help(match near_miss(&c.value, known.iter().copied()) {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => format!("categories: {}", known.join(", ")),
                    });
                    errors.push(d);
                }
            }
            list.iter().map(|c| c.value.clone()).collect()
        };

        let mut rules = Vec::new();
        for (name, m) in &self.rules {
            if m.enabled == Some(false) {
                continue;
            }
            let origin = m.origin.clone().unwrap_or_else(|| Origin {
                path: BUILTIN_NAME.into(),
                line: 0,
                column: 0,
            });
            let severity = match &m.severity {
                None => Severity::Warning,
                Some(s) => match s.value.as_str() {
                    "warning" => Severity::Warning,
                    "error" => Severity::Error,
                    "info" => Severity::Info,
                    other => {
                        errors.push(
                            s.origin
                                .diagnostic(format!("`{other}` is not a severity"))
                                .with_help("write info, warning or error"),
                        );
                        Severity::Warning
                    }
                },
            };
            let Some(kind) = &m.kind else {
                errors.push(origin.diagnostic(format!("rule `{name}` needs a `kind`")).with_help("write kind = \"ratio\", \"count\", \"share\", \"streak\" or \"budget\""));
                continue;
            };
            let need = |field: &str, errors: &mut Vec<Diagnostic>| {
                errors.push(origin.diagnostic(format!(
                    "a {} rule needs `{field}` (rule `{name}`)",
                    kind.value
                )));
            };
            let bounds_ok = |min: Option<f64>, max: Option<f64>, errors: &mut Vec<Diagnostic>| {
                if let (Some(lo), Some(hi)) = (min, max)
                    && lo > hi
                {
                    errors.push(
                        origin.diagnostic(format!("rule `{name}` has min {lo} above max {hi}")),
                    );
                }
                if min.is_some_and(|v| v < 0.0) || max.is_some_and(|v| v < 0.0) {
                    errors.push(origin.diagnostic(format!("rule `{name}` has a negative bound")));
                }
            };
            let parsed = match kind.value.as_str() {
                "ratio" => match (&m.of, &m.per) {
                    (Some(of), Some(per)) => {
                        bounds_ok(m.min, m.max, &mut errors);
                        Some(RuleKind::Ratio {
                            of: check_cats(of, &mut errors),
                            per: check_cats(per, &mut errors),
                            min: m.min.unwrap_or(0.0),
                            max: m.max.unwrap_or(f64::INFINITY),
                        })
                    }
                    (None, _) => {
                        need("of", &mut errors);
                        None
                    }
                    (_, None) => {
                        need("per", &mut errors);
                        None
                    }
                },
                "count" | "share" => match &m.categories {
                    Some(c) => {
                        bounds_ok(m.min, m.max, &mut errors);
                        let categories = check_cats(c, &mut errors);
                        Some(if kind.value == "count" {
                            RuleKind::Count {
                                categories,
                                min: m.min.map(|v| v as u32),
                                max: m.max.map(|v| v as u32),
                            }
                        } else {
                            RuleKind::Share {
                                categories,
                                min: m.min,
                                max: m.max,
                            }
                        })
                    }
                    None => {
                        need("categories", &mut errors);
                        None
                    }
                },
                "streak" => {
                    let set = match (&m.categories, &m.except) {
                        (Some(c), None) => Some(CategorySet::Only(check_cats(c, &mut errors))),
                        (None, Some(e)) => Some(CategorySet::Except(check_cats(e, &mut errors))),
                        _ => {
                            errors.push(origin.diagnostic(format!("a streak rule needs either `categories` or `except` (rule `{name}`)")));
                            None
                        }
                    };
                    match (set, m.max) {
                        (Some(set), Some(max)) => Some(RuleKind::Streak {
                            set,
                            max: max as u32,
                        }),
                        (_, None) => {
                            need("max", &mut errors);
                            None
                        }
                        _ => None,
                    }
                }
                "budget" => match m.max_minutes {
                    Some(max_minutes) => Some(RuleKind::Budget { max_minutes }),
                    None => {
                        need("max_minutes", &mut errors);
                        None
                    }
                },
                other => {
                    let kinds = ["ratio", "count", "share", "streak", "budget"];
                    let mut d = kind
                        .origin
                        .diagnostic(format!("`{other}` is not a rule kind"));
                    d = d.with_help(match near_miss(other, kinds) {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => format!("kinds: {}", kinds.join(", ")),
                    });
                    errors.push(d);
                    None
                }
            };
            if let Some(kind) = parsed {
                rules.push(Rule {
                    name: name.clone(),
                    description: m.description.clone(),
                    severity,
                    kind,
                });
            }
        }

        const DAYS: [&str; 7] = [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ];
        let mut slots: [Vec<NaiveTime>; 7] = Default::default();
        for (day, times) in &self.slots {
            let Some(i) = DAYS.iter().position(|d| *d == day.as_str()) else {
                let mut d = times
                    .origin
                    .diagnostic(format!("`{day}` is not a day of the week"));
                if let Some(n) = near_miss(day, DAYS) {
                    d = d.with_help(format!("did you mean `{n}`?"));
                }
                errors.push(d);
                continue;
            };
            let mut parsed = Vec::new();
            for t in &times.value {
                match crate::domain::fields::time(&t.value) {
                    Ok(time) => parsed.push(time),
                    Err(e) => {
                        let mut d = t.origin.diagnostic(e.to_string());
                        d.help = e.help();
                        errors.push(d);
                    }
                }
            }
            parsed.sort();
            parsed.dedup();
            slots[i] = parsed;
        }

        let keys = keys::resolve(&self.keys, BUILTIN_NAME, &mut errors);

        if errors.is_empty() {
            Ok(Config {
                week_start,
                categories,
                rules,
                slots,
                keys,
                time_zone,
                max_chars: self.max_chars,
            })
        } else {
            Err(Diagnostics(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_default_parses() {
        let c = Config::builtin().unwrap();
        let keys: Vec<&str> = c.category_keys().collect();
        assert_eq!(keys, ["everyday", "business", "partner", "contest"]);
        assert_eq!(c.rules.len(), 5);
        assert_eq!(c.week_start, WeekStart::default());
        assert!(c.slots.iter().all(|s| s.len() == 1));
    }

    #[test]
    fn every_preset_parses() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/presets");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                Config::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                seen += 1;
            }
        }
        assert!(seen >= 4, "expected the four presets, found {seen}");
    }

    #[test]
    fn a_user_layer_overrides_only_what_it_names() {
        let c = Config::from_layers(&[
            (BUILTIN_NAME, DEFAULT_TOML),
            (
                "user.toml",
                "[rules.contest-limit]\nmax = 2\n[categories.everyday]\nname = \"Personal\"\n",
            ),
        ])
        .unwrap();
        let rule = c.rules.iter().find(|r| r.name == "contest-limit").unwrap();
        assert!(matches!(rule.kind, RuleKind::Count { max: Some(2), .. }));
        let everyday = c.category("everyday").unwrap();
        assert_eq!(everyday.name, "Personal");
        assert_eq!(everyday.color, Color::Green);
        assert_eq!(everyday.minutes, 15);
        assert_eq!(c.rules.len(), 5);
    }

    #[test]
    fn a_rule_can_be_switched_off() {
        let c = Config::from_layers(&[
            (BUILTIN_NAME, DEFAULT_TOML),
            ("user.toml", "[rules.weekly-budget]\nenabled = false\n"),
        ])
        .unwrap();
        assert_eq!(c.rules.len(), 4);
    }

    #[test]
    fn a_broken_user_config_names_line_and_column() {
        let err = Config::from_layers(&[
            (BUILTIN_NAME, DEFAULT_TOML),
            ("user.toml", "week_start = \"monday\"\n[rules.x\n"),
        ])
        .unwrap_err();
        let d = &err.0[0];
        assert_eq!((d.path.as_str(), d.line), ("user.toml", 2));
    }

    #[test]
    fn unknown_category_in_a_rule_suggests_the_near_miss() {
        let err = Config::from_layers(&[
            (BUILTIN_NAME, DEFAULT_TOML),
            (
                "user.toml",
                "\n[rules.contest-limit]\ncategories = [\"contset\"]\n",
            ),
        ])
        .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("user.toml:3:"), "{text}");
        assert!(text.contains("did you mean `contest`?"), "{text}");
    }

    #[test]
    fn a_key_binding_of_the_wrong_type_says_what_a_binding_looks_like() {
        let err = Config::from_layers(&[
            (BUILTIN_NAME, DEFAULT_TOML),
            ("user.toml", "[keys]\nsave = 5\n"),
        ])
        .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("user.toml:2:"), "{text}");
        assert!(text.contains(r#"a key like "ctrl-s""#), "{text}");
    }

    #[test]
    fn unknown_keys_are_errors_with_a_suggestion() {
        let err = Config::from_layers(&[
            (BUILTIN_NAME, DEFAULT_TOML),
            ("user.toml", "week_strat = \"sunday\"\n"),
        ])
        .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("user.toml:1:1"), "{text}");
        assert!(text.contains("did you mean `week_start`?"), "{text}");
    }

    #[test]
    fn a_new_category_can_be_added() {
        let c = Config::from_layers(&[
            (BUILTIN_NAME, DEFAULT_TOML),
            (
                "user.toml",
                "[categories.event]\nname = \"Event\"\ncolor = \"cyan\"\nminutes = 25\n",
            ),
        ])
        .unwrap();
        assert_eq!(c.categories.len(), 5);
        assert_eq!(c.category("event").unwrap().letter, 'E');
    }

    #[test]
    fn sunday_week_start_is_read() {
        let c = Config::from_layers(&[
            (BUILTIN_NAME, DEFAULT_TOML),
            ("user.toml", "week_start = \"sunday\"\n"),
        ])
        .unwrap();
        assert_eq!(c.week_start, WeekStart(chrono::Weekday::Sun));
    }
}
