//! Configuration: the built-in defaults (`config/default.toml`, embedded) overlaid
//! by a user file that overrides only what it names.

pub(crate) mod keys;
pub(crate) mod review;

use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, Diagnostics, LineIndex, near_miss};
use crate::domain::{Category, Color, Post, WEEKDAYS, WeekStart};

mod partial;
mod raw;

use raw::Raw;
pub(crate) use raw::{Field, RuleSource, ValueKind};

/// The built-in defaults, shipped inside the binary.
pub const DEFAULT_TOML: &str = include_str!("../config/default.toml");

/// The resolved configuration every part of mixcal reads.
#[derive(Debug, Clone)]
pub struct Config {
    pub week_start: WeekStart,
    /// Categories in config order.
    pub categories: Vec<Category>,
    /// The rules as written, in config order, merged over the layers. The mix
    /// reads them into typed rules (`mix::Rules::compile`); the config does not
    /// know what a rule kind is.
    pub(crate) rules: Vec<RuleSource>,
    /// Posting slots, for every channel and per channel.
    pub(crate) slots: Slots,
    /// The calendar's key bindings per mode, checked at load so that every
    /// command reports a broken `[keys]` table.
    pub(crate) keys: keys::Keys,
    /// The plan's time zone (`time_zone`); `None` for the system's.
    pub(crate) time_zone: Option<jiff::tz::TimeZone>,
    /// The most characters a post may have, per channel (by [`channel_key`]).
    pub(crate) max_chars: IndexMap<String, usize>,
    /// The channel review's thresholds (`[review]`).
    pub(crate) review: review::Thresholds,
}

/// Why the plan's time zone is not known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "cannot tell which time zone the plan is in: {reason}\n  help: set it in the config, e.g. `time_zone = \"Europe/Berlin\"`, or fix TZ"
)]
pub(crate) struct ZoneError {
    reason: String,
}

/// A channel's name as config keys and posts are matched: lower case, without
/// spaces, dashes and underscores (`Google Business` is `googlebusiness`).
pub(crate) fn channel_key(name: &str) -> String {
    key_chars(name).collect()
}

/// Whether a channel name is the channel of `key` (a [`channel_key`]), without
/// making a key of the name.
pub(crate) fn is_channel(name: &str, key: &str) -> bool {
    key_chars(name).eq(key.chars())
}

fn key_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
}

/// The times the owner means to post, per weekday (Monday first).
pub(crate) type PerDay<T> = [T; 7];

/// Posting slots: times per weekday for posts of any channel, and times per
/// weekday for one channel's posts (`[slots.instagram]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Slots {
    pub(crate) every: PerDay<Vec<NaiveTime>>,
    pub(crate) channels: IndexMap<String, PerDay<Vec<NaiveTime>>>,
}

/// A place in a config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    pub(crate) path: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
}

impl Origin {
    pub(crate) fn diagnostic(&self, message: impl Into<String>) -> Diagnostic {
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
    #[cfg(test)]
    pub(crate) fn load(path: &Path) -> Result<Config, Diagnostics> {
        let (config, errors) = Config::read(path)?;
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(Diagnostics(errors))
        }
    }

    /// The defaults overlaid by the user file at `path`, read as far as it goes
    /// (see [`Config::read_layers`]); an error when the file cannot be read.
    pub(crate) fn read(path: &Path) -> Result<(Config, Vec<Diagnostic>), Diagnostics> {
        let name = path.display().to_string();
        let unreadable = |why: String| {
            Diagnostics(vec![
                Diagnostic::whole_file(&name, format!("cannot read the config file: {why}"))
                    .with_help("check the path given with --config"),
            ])
        };
        // A named pipe or a device would make every command wait forever.
        match std::fs::metadata(path) {
            Ok(m) if !m.is_file() => return Err(unreadable("it is not a regular file".into())),
            Ok(_) => {}
            Err(e) => return Err(unreadable(e.to_string())),
        }
        let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
        let text = crate::diag::utf8(&bytes, &name).map_err(|d| Diagnostics(vec![d]))?;
        Ok(Config::read_layers(&[
            (BUILTIN_NAME, DEFAULT_TOML),
            (&name, text),
        ]))
    }

    /// Builds a config from layers of TOML text, later layers overriding earlier ones.
    pub fn from_layers(layers: &[(&str, &str)]) -> Result<Config, Diagnostics> {
        let (config, errors) = Config::read_layers(layers);
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(Diagnostics(errors))
        }
    }

    /// Reads every layer as far as it goes: the config, with the value below
    /// (or a neutral one) in place of each value that has a problem, and every
    /// problem, in file and line order. So the rules can be checked against a
    /// config with problems, and a person hears of all of them at once.
    pub(crate) fn read_layers(layers: &[(&str, &str)]) -> (Config, Vec<Diagnostic>) {
        let mut merged = Merged::default();
        let mut errors = Vec::new();
        for (i, (name, text)) in layers.iter().enumerate() {
            let read = partial::read::<Layer>(name, text, &mut errors);
            if let Some(layer) = read.layer {
                merged.overlay(name, text, layer, i == 0);
            }
            // Minutes written wrong are reported; the category does not lack them too.
            for path in read.taken {
                if let [categories, key, minutes] = &path[..]
                    && categories == "categories"
                    && minutes == "minutes"
                    && let Some(c) = merged.categories.get_mut(key)
                {
                    c.minutes.get_or_insert(0);
                }
            }
        }
        let config = merged.resolve(&mut errors);
        crate::diag::in_file_order(&mut errors);
        (config, errors)
    }

    pub(crate) fn category(&self, key: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.key == key)
    }

    pub(crate) fn category_index(&self, key: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.key == key)
    }

    pub(crate) fn category_keys(&self) -> impl Iterator<Item = &str> {
        self.categories.iter().map(|c| c.key.as_str())
    }

    /// The plan's time zone: the config's `time_zone`, else the system's. Never a
    /// silent UTC: a system zone that cannot be read (a misspelt `TZ`, no zone
    /// database) is an error.
    pub(crate) fn zone(&self) -> Result<jiff::tz::TimeZone, ZoneError> {
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
    pub(crate) fn max_chars(&self, channel: &str) -> Option<usize> {
        self.max_chars.get(&channel_key(channel)).copied()
    }

    /// The effort a post takes: its own minutes, else its category's default.
    pub(crate) fn minutes(&self, post: &Post) -> u32 {
        post.minutes
            .or_else(|| self.category(&post.category).map(|c| c.minutes))
            .unwrap_or(0)
    }
}

/// Where the user's config lives: `$XDG_CONFIG_HOME/mixcal/config.toml`.
pub(crate) fn user_config_path() -> Option<PathBuf> {
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
    if let Some((Some(near), _)) = raw::unknown_field(&message, &[]) {
        d = d.with_help(format!("did you mean `{near}`?"));
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
    rules: IndexMap<String, Spanned<RawTable>>,
    #[serde(default)]
    slots: IndexMap<Spanned<String>, Spanned<SlotEntry>>,
    #[serde(default)]
    keys: IndexMap<Spanned<String>, Spanned<KeyEntry>>,
    time_zone: Option<Spanned<String>>,
    #[serde(default)]
    channels: IndexMap<String, ChannelLayer>,
    #[serde(default)]
    review: review::Layer,
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

/// A rule's table as written, every key and value with its span.
type RawTable = IndexMap<Spanned<String>, Spanned<Raw>>;

/// Weekday names to times, each with where it was written.
type DayTimes = IndexMap<String, From<Vec<From<String>>>>;

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

/// One entry of `[slots]`: a weekday's times, or a channel's table of them.
#[derive(Debug, Clone)]
enum SlotEntry {
    Times(Vec<Spanned<String>>),
    Channel(IndexMap<Spanned<String>, Vec<Spanned<String>>>),
}

impl<'de> Deserialize<'de> for SlotEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SlotEntry, D::Error> {
        struct Entry;
        impl<'de> serde::de::Visitor<'de> for Entry {
            type Value = SlotEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(r#"a day's times like monday = ["09:00", "18:00"], or a channel's table like [slots.instagram]"#)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<SlotEntry, A::Error> {
                let mut times = Vec::new();
                while let Some(t) = seq.next_element::<Spanned<String>>()? {
                    times.push(t);
                }
                Ok(SlotEntry::Times(times))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<SlotEntry, A::Error> {
                let mut days = IndexMap::new();
                while let Some(day) = map.next_key::<Spanned<String>>()? {
                    days.insert(day, map.next_value::<Vec<Spanned<String>>>()?);
                }
                Ok(SlotEntry::Channel(days))
            }
        }
        d.deserialize_any(Entry)
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
    rules: IndexMap<String, RuleSource>,
    /// Weekday name to times, for posts of any channel.
    slots: IndexMap<String, From<Vec<From<String>>>>,
    /// Weekdays whose times the defaults (the first layer) set last.
    default_days: Vec<String>,
    /// Channel to weekday name to times.
    channel_slots: IndexMap<String, DayTimes>,
    /// By (mode as written, `None` directly under `[keys]`; action).
    keys: IndexMap<(Option<String>, String), keys::RawBinding>,
    time_zone: Option<From<String>>,
    max_chars: IndexMap<String, usize>,
    review: review::Merged,
}

#[derive(Debug, Default)]
struct MergedCategory {
    name: Option<String>,
    color: Option<From<String>>,
    letter: Option<From<String>>,
    minutes: Option<u32>,
    origin: Option<Origin>,
}

impl Merged {
    fn overlay(&mut self, path: &str, text: &str, layer: Layer, defaults: bool) {
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
        self.review.overlay(layer.review, &origin);
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
        for (name, table) in layer.rules {
            let at = origin(table.span());
            let fields = Raw::fields(table.into_inner(), &origin);
            let rule = self
                .rules
                .entry(name.clone())
                .or_insert_with(|| RuleSource {
                    name,
                    origin: at.clone(),
                    fields: IndexMap::new(),
                });
            rule.origin = at;
            // A layer that gives the rule another kind starts it afresh.
            let kind = |f: &IndexMap<String, Field>| f.get("kind").map(|k| k.value.kind.clone());
            if kind(&fields).is_some_and(|k| kind(&rule.fields).is_some_and(|old| old != k)) {
                rule.fields.clear();
            }
            rule.fields.extend(fields);
        }
        for (key, entry) in layer.slots {
            let key = from(key);
            match entry.into_inner() {
                SlotEntry::Times(times) => {
                    self.default_days.retain(|d| *d != key.value);
                    if defaults {
                        self.default_days.push(key.value.clone());
                    }
                    self.slots.insert(
                        key.value,
                        From {
                            value: list(times),
                            origin: key.origin,
                        },
                    );
                }
                SlotEntry::Channel(days) => {
                    let channel = self.channel_slots.entry(key.value).or_default();
                    for (day, times) in days {
                        let day = from(day);
                        channel.insert(
                            day.value,
                            From {
                                value: list(times),
                                origin: day.origin,
                            },
                        );
                    }
                }
            }
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

    /// The config the layers make, each problem added to `errors`.
    fn resolve(self, errors: &mut Vec<Diagnostic>) -> Config {
        let week_start = match &self.week_start {
            None => WeekStart::default(),
            Some(ws) => WeekStart::parse(&ws.value).unwrap_or_else(|| {
                let help = match near_miss(&ws.value.to_lowercase(), WEEKDAYS) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => format!("write one of {}", WEEKDAYS.join(", ")),
                };
                errors.push(
                    ws.origin
                        .diagnostic(format!("`{}` is not a day of the week", ws.value))
                        .with_help(help),
                );
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
                Some(c) => c.value.to_lowercase().parse::<Color>().unwrap_or_else(|_| {
                    let names = <Color as strum::VariantNames>::VARIANTS;
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
            // Without its minutes the category is still one, so the rules
            // that name it are not reported too.
            let minutes = m.minutes.unwrap_or_else(|| {
                errors.push(
                    origin
                        .diagnostic(format!("category `{key}` needs `minutes`"))
                        .with_help("add e.g. `minutes = 20`"),
                );
                0
            });
            categories.push(Category {
                key: key.clone(),
                name: m.name.clone().unwrap_or_else(|| key.clone()),
                color,
                letter,
                minutes,
            });
        }
        let rules = self.rules.into_values().collect();
        let slots = slots(&self.slots, &self.default_days, &self.channel_slots, errors);

        let keys = keys::resolve(&self.keys, BUILTIN_NAME, errors);
        let review = self.review.resolve(errors);

        Config {
            week_start,
            categories,
            rules,
            slots,
            keys,
            time_zone,
            max_chars: self.max_chars,
            review,
        }
    }
}

/// The posting slots from `[slots]`: weekday lists for any channel, and channel
/// tables. Channel tables replace the built-in one-a-day slots; weekday lists a
/// user config writes stay, for posts of any channel.
fn slots(
    every: &IndexMap<String, From<Vec<From<String>>>>,
    default_days: &[String],
    channels: &IndexMap<String, DayTimes>,
    errors: &mut Vec<Diagnostic>,
) -> Slots {
    let week = |days: &IndexMap<String, From<Vec<From<String>>>>,
                keep: &dyn Fn(&str) -> bool,
                errors: &mut Vec<Diagnostic>| {
        let mut out: PerDay<Vec<NaiveTime>> = Default::default();
        for (day, times) in days {
            let Some(i) = WEEKDAYS.iter().position(|d| *d == day.as_str()) else {
                let mut d = times
                    .origin
                    .diagnostic(format!("`{day}` is not a day of the week"));
                d = d.with_help(match near_miss(day, WEEKDAYS) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => "write the times of a day like `monday = [\"09:00\"]`, or a channel's own slots as a table like `[slots.instagram]`".into(),
                });
                errors.push(d);
                continue;
            };
            if !keep(day) {
                continue;
            }
            let mut parsed = Vec::new();
            for t in &times.value {
                match crate::domain::fields::time(&t.value) {
                    Ok(time) => parsed.push(time),
                    Err(e) => {
                        let mut d = t.origin.diagnostic(e.to_string());
                        d.help = Some(e.help());
                        errors.push(d);
                    }
                }
            }
            parsed.sort();
            parsed.dedup();
            out[i] = parsed;
        }
        out
    };
    let builtin_replaced = !channels.is_empty();
    let every = week(
        every,
        &|day: &str| !(builtin_replaced && default_days.iter().any(|d| d == day)),
        errors,
    );
    let channels = channels
        .iter()
        .map(|(channel, days)| {
            if let Some(day) = WEEKDAYS.iter().find(|d| **d == channel.as_str())
                && let Some(first) = days.values().next()
            {
                errors.push(
                    first
                        .origin
                        .diagnostic(format!("`[slots.{day}]` is a day, not a channel"))
                        .with_help(format!("write `{day} = [\"09:00\"]` under `[slots]`")),
                );
            }
            (channel.clone(), week(days, &|_| true, errors))
        })
        .collect();
    Slots { every, channels }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_default_parses() {
        let c = Config::builtin().unwrap();
        let keys: Vec<&str> = c.category_keys().collect();
        assert_eq!(keys, ["everyday", "business", "partner", "contest"]);
        assert_eq!(c.rules.len(), 7);
        assert_eq!(c.week_start, WeekStart::default());
        assert!(c.slots.every.iter().all(|s| s.len() == 1));
        assert!(c.slots.channels.is_empty());
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
        let max = rule.field("max").unwrap();
        assert_eq!(max.value.kind, ValueKind::Integer(2));
        assert_eq!(
            (max.value.at.path.as_str(), max.value.at.line),
            ("user.toml", 2)
        );
        let categories = rule.field("categories").unwrap();
        assert_eq!(categories.value.at.path, BUILTIN_NAME);
        let everyday = c.category("everyday").unwrap();
        assert_eq!(everyday.name, "Personal");
        assert_eq!(everyday.color, Color::Green);
        assert_eq!(everyday.minutes, 15);
        assert_eq!(c.rules.len(), 7);
    }

    #[test]
    fn a_layer_that_changes_a_rules_kind_starts_it_afresh() {
        let c = Config::from_layers(&[
            (BUILTIN_NAME, DEFAULT_TOML),
            (
                "user.toml",
                "[rules.contest-limit]\nkind = \"share\"\ncategories = [\"contest\"]\nmax = 20\n",
            ),
        ])
        .unwrap();
        let rule = c.rules.iter().find(|r| r.name == "contest-limit").unwrap();
        let names: Vec<&str> = rule.fields.keys().map(String::as_str).collect();
        assert_eq!(names, ["kind", "categories", "max"]);
        assert!(rule.field("description").is_none());
    }

    #[test]
    fn channel_slots_replace_the_built_in_ones_but_not_the_users() {
        let c = Config::from_layers(&[
            (BUILTIN_NAME, DEFAULT_TOML),
            (
                "user.toml",
                "[slots]\nmonday = [\"08:00\"]\n[slots.instagram]\nfriday = [\"18:00\", \"12:00\"]\n",
            ),
        ])
        .unwrap();
        let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        assert_eq!(c.slots.every[0], [t(8)]);
        assert!(c.slots.every[1..].iter().all(Vec::is_empty));
        assert_eq!(c.slots.channels["instagram"][4], [t(12), t(18)]);
        assert!(c.slots.channels["instagram"][0].is_empty());
    }

    #[test]
    fn a_misspelt_day_in_a_channels_slots_is_an_error_at_its_line() {
        let err = Config::from_layers(&[
            (BUILTIN_NAME, DEFAULT_TOML),
            ("user.toml", "[slots.instagram]\nfridya = [\"18:00\"]\n"),
        ])
        .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("user.toml:2:1"), "{text}");
        assert!(text.contains("did you mean `friday`?"), "{text}");
    }

    #[test]
    fn a_config_that_is_not_utf8_names_the_line_of_its_first_bad_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            b"week_start = \"monday\"\n\n[categories.everyday]\nname = \"Caf\xe9\"\n",
        )
        .unwrap();
        let e = Config::load(&path).unwrap_err().to_string();
        assert!(
            e.contains("config.toml:4:12: the file is not valid UTF-8 (byte 0xe9)"),
            "{e}"
        );
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
    fn every_problem_of_a_user_config_is_reported_at_once_in_line_order() {
        let err = Config::from_layers(&[
            (BUILTIN_NAME, DEFAULT_TOML),
            (
                "cfg.toml",
                "time_zone=\"Europe/Berln\"\nweek_strat=\"monday\"\n[categories.everyday]\nnmae=\"Personal\"\ncolor=\"gren\"\nminuts=3\n[slots]\nmonday=[\"07:30\",\"12:00\"]\ntuesday=[\"25:00\"]\n[channels.x]\nmax_char=5\n",
            ),
        ])
        .unwrap_err();
        let found: Vec<String> = err
            .0
            .iter()
            .map(|d| {
                format!(
                    "{}:{} {}",
                    d.line,
                    d.column,
                    d.help.as_deref().unwrap_or("")
                )
            })
            .collect();
        assert_eq!(err.0.len(), 7, "{err}");
        for (i, want) in [
            "1:11 did you mean `Europe/Berlin`?",
            "2:1 did you mean `week_start`?",
            "4:1 did you mean `name`?",
            "5:7 did you mean `green`?",
            "6:1 did you mean `minutes`?",
            "9:10 write a 24-hour time",
            "11:1 did you mean `max_chars`?",
        ]
        .into_iter()
        .enumerate()
        {
            assert!(found[i].starts_with(want), "{want}: {found:?}");
        }
        assert!(
            err.to_string().contains("`25:00` is not a time of day"),
            "{err}"
        );
    }

    #[test]
    fn a_config_with_problems_still_reads_the_rest() {
        let (c, errors) = Config::read_layers(&[
            (BUILTIN_NAME, DEFAULT_TOML),
            (
                "user.toml",
                "week_start=\"sunday\"\n[categories.everyday]\nnmae=\"Personal\"\nminutes=12\n[categories.event]\nname=\"Event\"\n",
            ),
        ]);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(c.week_start, WeekStart(chrono::Weekday::Sun));
        assert_eq!(c.category("everyday").unwrap().minutes, 12);
        // A category with a problem is still there, so the rules that name it
        // are not wrong too.
        assert!(c.category("event").is_some());
    }

    #[test]
    fn a_value_written_wrong_is_not_also_missing() {
        let err = Config::from_layers(&[
            (BUILTIN_NAME, DEFAULT_TOML),
            (
                "user.toml",
                "[categories.event]\nname = \"Event\"\nminutes = \"ten\"\n",
            ),
        ])
        .unwrap_err();
        assert_eq!(err.0.len(), 1, "{err}");
        assert_eq!((err.0[0].line, err.0[0].column), (3, 11), "{err}");
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

    #[test]
    fn a_week_start_is_a_day_name_or_its_first_three_letters_in_any_case() {
        for (name, day) in [
            ("Sun", chrono::Weekday::Sun),
            ("SATURDAY", chrono::Weekday::Sat),
            ("wed", chrono::Weekday::Wed),
        ] {
            let user = format!("week_start = \"{name}\"\n");
            let c =
                Config::from_layers(&[(BUILTIN_NAME, DEFAULT_TOML), ("user.toml", &user)]).unwrap();
            assert_eq!(c.week_start, WeekStart(day), "{name}");
        }
        for name in ["sundy", "tues", "sun day", ""] {
            let user = format!("week_start = \"{name}\"\n");
            let text = Config::from_layers(&[(BUILTIN_NAME, DEFAULT_TOML), ("user.toml", &user)])
                .unwrap_err()
                .to_string();
            assert!(text.contains("user.toml:1:"), "{name}: {text}");
            assert!(
                text.contains(&format!("`{name}` is not a day of the week")),
                "{name}: {text}"
            );
        }
        let text = Config::from_layers(&[
            (BUILTIN_NAME, DEFAULT_TOML),
            ("user.toml", "week_start = \"sundy\"\n"),
        ])
        .unwrap_err()
        .to_string();
        assert!(text.contains("help: did you mean `sunday`?"), "{text}");
    }

    #[test]
    fn a_colour_is_read_in_any_case_and_a_misspelt_one_is_an_error_at_its_line() {
        let c = Config::from_layers(&[
            (BUILTIN_NAME, DEFAULT_TOML),
            (
                "user.toml",
                "[categories.event]\nname = \"Event\"\ncolor = \"Magenta\"\nminutes = 20\n",
            ),
        ])
        .unwrap();
        assert_eq!(c.category("event").unwrap().color, Color::Magenta);
        let text = Config::from_layers(&[
            (BUILTIN_NAME, DEFAULT_TOML),
            (
                "user.toml",
                "[categories.event]\nname = \"Event\"\ncolor = \"magneta\"\nminutes = 20\n",
            ),
        ])
        .unwrap_err()
        .to_string();
        assert!(text.contains("user.toml:3:"), "{text}");
        assert!(
            text.contains("`magneta` is not a colour mixcal knows"),
            "{text}"
        );
        assert!(
            text.contains(
                "did you mean `magenta`? Colours: black, red, green, yellow, blue, magenta, cyan, white, gray"
            ),
            "{text}"
        );
    }
}
