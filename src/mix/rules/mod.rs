//! Rules: the config's `[rules.NAME]` tables read into typed rules. Each kind
//! lives in its own file with its own spec (unknown fields refused) and answers
//! three questions: does this week hold, and if not what are the numbers and
//! the smallest change that mends it; what does the rule ask; and how may the
//! planner reason about it. Adding a kind is one file plus one line in [`KINDS`].

mod budget;
mod count;
mod ratio;
mod rotation;
mod share;
mod streak;

pub(crate) use streak::long_runs;

use std::fmt;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::{self, Visitor};

use super::analyze::{Item, WeekFacts, with_changes};
use super::finding::{CategorySet, Change, PostRef, RuleId, Severity, Spot, Violation};
use super::scope::{Part, Scope};
use super::slots::Slot;
use crate::config::{Config, RuleSource, ValueKind};
use crate::config::{channel_key, is_channel};
use crate::diag::{Diagnostic, Diagnostics, near_miss};

/// Every kind a rule may have: its name in the config, and how its spec is read.
const KINDS: &[(&str, Compile)] = &[
    ("ratio", ratio::compile),
    ("count", count::compile),
    ("share", share::compile),
    ("streak", streak::compile),
    ("budget", budget::compile),
    ("rotation", rotation::compile),
];

type Compile = fn(&Context) -> Result<Arc<dyn Kind>, Vec<Diagnostic>>;

/// What one rule kind does.
pub(crate) trait Kind: fmt::Debug + Send + Sync {
    /// The week's violations of the rule, each with the smallest change that
    /// makes the rule hold on its own (empty when no change may do it).
    fn check(&self, week: &WeekFacts) -> Vec<(Violation, Vec<Change>)>;

    /// What the rule asks, for the sentences that explain it.
    fn target(&self) -> Target;

    /// How the planner may reason about the rule.
    fn shape(&self) -> Shape;

    /// How many weeks before and after its own the rule reads (see
    /// [`WeekFacts::around`]); most rules read their week alone.
    fn reach(&self) -> u32 {
        0
    }

    /// For a rule on the week's totals: how far the totals sit from the middle
    /// of its target (0 at the middle, 0.5 at an edge, more outside), so the
    /// planner can prefer the calmest of several weeks that hold.
    fn calm(&self, _totals: &Totals) -> f64 {
        0.0
    }

    /// For a rule on the week's totals: its numbers for these totals, whether or
    /// not it holds, to say where a week stands.
    fn measure(&self, _totals: &Totals) -> Option<Violation> {
        None
    }

    /// Constraints a repair or plan must keep besides the rule's own, given the
    /// week as it is: a target must not be met by emptying what it measures
    /// (a ratio by taking away every post it is a ratio of).
    fn keep(&self, _totals: &Totals) -> Vec<Linear> {
        Vec::new()
    }
}

/// What a rule asks, as data.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Ratio {
        of: Vec<String>,
        per: Vec<String>,
        min: f64,
        max: Option<f64>,
    },
    Count {
        categories: Vec<String>,
        min: Option<u32>,
        max: Option<u32>,
    },
    Share {
        categories: Vec<String>,
        min: Option<f64>,
        max: Option<f64>,
    },
    Streak {
        set: CategorySet,
        max: u32,
    },
    Budget {
        max: u32,
    },
    /// Each partner at most `max` times in any `weeks` weeks.
    Rotation {
        weeks: u32,
        max: u32,
    },
}

/// How the planner sees a rule.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    /// The rule reads only the week's totals, and holds exactly when every
    /// constraint holds.
    Totals(Vec<Linear>),
    /// At most `max` posts in a row (by date and time) from the categories
    /// marked in `members` (config order).
    Runs { members: Vec<bool>, max: u32 },
    /// The planner cannot reason about the rule; it only checks the result.
    Other,
}

/// `Σ coefficient × feature ≥ at_least` over a week's totals.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Linear {
    pub(crate) terms: Vec<(Feature, f64)>,
    pub(crate) at_least: f64,
}

impl Linear {
    pub(crate) fn value(&self, t: &Totals) -> f64 {
        self.terms.iter().map(|(f, c)| c * t.feature(*f)).sum()
    }
}

/// Slack for comparing bounds written as decimals.
pub(crate) const EPSILON: f64 = 1e-9;

/// One number of a week's totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Feature {
    /// Posts of one category (config order).
    Count(usize),
    /// All posts.
    Total,
    /// Planned minutes.
    Minutes,
}

/// A week's totals with categories as indices in config order.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Totals<'a> {
    pub(crate) counts: &'a [u32],
    /// All posts, including any whose category the config does not know.
    pub(crate) total: u32,
    pub(crate) minutes: u32,
}

impl Totals<'_> {
    pub(crate) fn sum(&self, categories: &[usize]) -> u32 {
        categories.iter().map(|&i| self.counts[i]).sum()
    }

    pub(crate) fn feature(&self, f: Feature) -> f64 {
        match f {
            Feature::Count(i) => f64::from(self.counts[i]),
            Feature::Total => f64::from(self.total),
            Feature::Minutes => f64::from(self.minutes),
        }
    }
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub(crate) id: RuleId,
    pub severity: Severity,
    pub(crate) kind: Arc<dyn Kind>,
    /// The posts it reads: the whole week, some channels, or each channel.
    pub(crate) scope: Scope,
}

impl Rule {
    /// The rule's violations this week, each with the channel it was checked
    /// for (`None` for the whole week) and the changes that mend it.
    pub fn check(&self, facts: &WeekFacts) -> Vec<(Option<String>, Violation, Vec<Change>)> {
        if self.scope.is_week() {
            return self
                .kind
                .check(facts)
                .into_iter()
                .map(|(v, needs)| (None, v, needs))
                .collect();
        }
        let parts = self.scope.parts(facts.items(), facts.open());
        let found = self.found_on(facts, &parts);
        let judged: Vec<String> = parts.iter().map(|p| channel_key(&p.name)).collect();
        found
            .iter()
            .map(|(name, v, needs)| {
                let needs = self
                    .taken_from_other_feeds(facts, &found, &judged, name, needs)
                    .unwrap_or_else(|| needs.clone());
                (Some(name.clone()), v.clone(), needs)
            })
            .collect()
    }

    /// The rule's violations this week, each with the channel it was checked
    /// for, without working out the best change for them: for telling whether
    /// (and how often) the rule fails.
    pub(crate) fn violations(&self, facts: &WeekFacts) -> Vec<(Option<String>, Violation)> {
        if self.scope.is_week() {
            return self
                .kind
                .check(facts)
                .into_iter()
                .map(|(v, _)| (None, v))
                .collect();
        }
        self.parts_found(facts, facts.items())
            .into_iter()
            .map(|(name, v, _)| (Some(name), v))
            .collect()
    }

    /// The violations of the rule on each part of a week of these items.
    fn parts_found(
        &self,
        facts: &WeekFacts,
        items: &[Item],
    ) -> Vec<(String, Violation, Vec<Change>)> {
        self.found_on(facts, &self.scope.parts(items, facts.open()))
    }

    /// The violations of the rule on each of these parts of a week.
    fn found_on(&self, facts: &WeekFacts, parts: &[Part]) -> Vec<(String, Violation, Vec<Change>)> {
        let mut out = Vec::new();
        for part in parts {
            let sub = WeekFacts::new(facts.config(), facts.week(), &part.items, &part.open)
                .with_around(facts.around());
            out.extend(
                self.kind
                    .check(&sub)
                    .into_iter()
                    .map(|(v, needs)| (part.name.clone(), v, needs)),
            );
        }
        out
    }

    /// For a rule checked per channel: the posts a feed lacks taken from other
    /// feeds (or from posts without a channel) instead of added (`before`: the
    /// rule's violations on each feed now; `judged`: the keys of the feeds it
    /// judges this week), where that mends the feed and makes
    /// no other feed fail where it held or fail by more. The week's totals stay
    /// as they are, so the rules on the whole week are not touched. `None` when
    /// no add can be replaced.
    fn taken_from_other_feeds(
        &self,
        facts: &WeekFacts,
        before: &[(String, Violation, Vec<Change>)],
        judged: &[String],
        feed: &str,
        needs: &[Change],
    ) -> Option<Vec<Change>> {
        if !self.scope.per_channel || facts.items().len() > MOST_FEED_POSTS {
            return None;
        }
        let key = channel_key(feed);
        let config = facts.config();
        let now = |channel: &str| before.iter().filter(|(n, _, _)| n == channel).count();
        // Only the feeds a try touches are checked again: this one, with the
        // posts still to add put on it, and each feed a post leaves.
        let mends = |tried: &[Change]| -> bool {
            let on_feed: Vec<Change> = tried
                .iter()
                .map(|c| match c {
                    Change::Add {
                        category,
                        count,
                        at: None,
                    } => Change::Add {
                        category: category.clone(),
                        count: *count,
                        at: Some(Spot {
                            date: facts.week().end(),
                            time: chrono::NaiveTime::from_hms_opt(23, 59, 59)
                                .unwrap_or(chrono::NaiveTime::MIN),
                            channel: Some(feed.to_string()),
                        }),
                    },
                    other => other.clone(),
                })
                .collect();
            let items = with_changes(config, facts.week(), facts.items(), &on_feed);
            if self.feed_violations(facts, &items, &key) != Some(0) {
                return false;
            }
            tried.iter().all(|c| match c {
                Change::Channel {
                    from: Some(from), ..
                } => {
                    self.feed_violations(facts, &items, &channel_key(from))
                        .unwrap_or(0)
                        <= now(from)
                }
                _ => true,
            })
        };
        let mut current: Vec<Change> = needs.to_vec();
        let mut replaced = false;
        for need in needs {
            let Change::Add {
                category,
                count: n,
                at: None,
            } = need
            else {
                continue;
            };
            let index = config.category_index(category);
            let taken: Vec<&PostRef> = current.iter().filter_map(Change::post).collect();
            // Posts of feeds the rule does not judge first (taking one cannot
            // make a feed fail), then the others; the latest first, as the
            // rules' own moves take them.
            let mut found: Vec<(bool, &Item)> = facts
                .items()
                .iter()
                .rev()
                .filter_map(|it| {
                    let fits = !it.locked
                        && it.index.is_some()
                        && it.index == index
                        && !it.channel.is_some_and(|c| is_channel(c, &key))
                        && !taken.iter().any(|p| p.id.as_deref() == it.id);
                    let judged_feed = it
                        .channel
                        .is_some_and(|c| judged.iter().any(|j| is_channel(c, j)));
                    fits.then_some((judged_feed, it))
                })
                .collect();
            found.sort_by_key(|(judged, _)| *judged);
            let candidates: Vec<Change> = found
                .into_iter()
                .map(|(_, it)| Change::Channel {
                    post: it.post_ref(),
                    from: it.channel.map(str::to_string),
                    to: feed.to_string(),
                })
                .collect();
            let n = *n as usize;
            // One post: the first that mends (of the first few); more: the
            // first `n` together.
            let tries: Vec<&[Change]> = if n == 1 {
                candidates.chunks(1).take(MOST_TRIES).collect()
            } else {
                candidates.get(..n).into_iter().collect()
            };
            let at = current.iter().position(|c| c == need);
            for moves in tries {
                let Some(at) = at else { break };
                let mut tried = current.clone();
                tried.splice(at..=at, moves.iter().cloned());
                if mends(&tried) {
                    current = tried;
                    replaced = true;
                    break;
                }
            }
        }
        replaced.then_some(current)
    }

    /// The rule's violations on one feed of a week of these items (`key` a
    /// channel key); `None` when the rule does not judge the feed (not one of
    /// its channels, or fewer posts than `min_posts`).
    fn feed_violations(&self, facts: &WeekFacts, items: &[Item], key: &str) -> Option<usize> {
        let on = |c: Option<&str>| c.is_some_and(|c| is_channel(c, key));
        let part: Vec<Item> = items.iter().filter(|it| on(it.channel)).cloned().collect();
        let name = part.first().and_then(|it| it.channel)?;
        if (part.len() as u32) < self.scope.min_posts || !self.scope.covers(name) {
            return None;
        }
        let open: Vec<Slot> = facts
            .open()
            .iter()
            .filter(|s| on(s.channel.as_deref()))
            .cloned()
            .collect();
        let sub =
            WeekFacts::new(facts.config(), facts.week(), &part, &open).with_around(facts.around());
        Some(self.kind.check(&sub).len())
    }

    /// How the planner sees the rule: a rule on some channels' posts is
    /// beyond its reasoning on the week's totals, so it only checks results.
    pub(crate) fn shape(&self) -> Shape {
        if self.scope.is_week() {
            self.kind.shape()
        } else {
            Shape::Other
        }
    }

    /// Whether the search that plans and repairs a week reasons about the
    /// rule; a finding of a rule it does not is mended by its own needs.
    pub(crate) fn searched(&self) -> bool {
        !matches!(self.shape(), Shape::Other)
    }
}

/// A week with more posts than this is not searched for a feed's post on
/// another channel (each try checks the feeds it touches again).
const MOST_FEED_POSTS: usize = 500;

/// How many posts of other feeds are tried, latest first, for a feed short
/// of one post.
const MOST_TRIES: usize = 12;

/// The config's rules, compiled and checked once when the config loads.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    rules: Vec<Rule>,
}

impl Rules {
    /// Reads every enabled rule of the config; all problems at once, each at its
    /// file, line and column.
    pub fn compile(config: &Config) -> Result<Rules, Diagnostics> {
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        for source in &config.rules {
            match compile_rule(config, source) {
                Ok(Some(rule)) => rules.push(rule),
                Ok(None) => {}
                Err(mut e) => errors.append(&mut e),
            }
        }
        if errors.is_empty() {
            Ok(Rules { rules })
        } else {
            Err(Diagnostics(errors))
        }
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Rule> {
        self.rules.iter()
    }

    /// The rule at a place in config order.
    pub(crate) fn rule(&self, i: usize) -> &Rule {
        &self.rules[i]
    }

    pub(crate) fn get(&self, id: &RuleId) -> Option<&Rule> {
        self.rules.iter().find(|r| &r.id == id)
    }

    /// How many weeks around its own any rule reads.
    pub(crate) fn reach(&self) -> u32 {
        self.rules.iter().map(|r| r.kind.reach()).max().unwrap_or(0)
    }
}

impl<'a> IntoIterator for &'a Rules {
    type Item = &'a Rule;
    type IntoIter = std::slice::Iter<'a, Rule>;
    fn into_iter(self) -> Self::IntoIter {
        self.rules.iter()
    }
}

/// Fields every rule may have, whatever its kind.
const COMMON: [&str; 7] = [
    "kind",
    "description",
    "severity",
    "enabled",
    "channels",
    "per_channel",
    "min_posts",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Common {
    kind: Option<String>,
    /// A note for whoever reads the config; mixcal shows it nowhere.
    #[serde(rename = "description")]
    _description: Option<String>,
    severity: Option<Severity>,
    enabled: Option<bool>,
    channels: Option<Vec<String>>,
    per_channel: Option<bool>,
    min_posts: Option<Whole>,
}

fn compile_rule(config: &Config, source: &RuleSource) -> Result<Option<Rule>, Vec<Diagnostic>> {
    let others: Vec<&str> = source
        .fields
        .keys()
        .map(String::as_str)
        .filter(|k| !COMMON.contains(k))
        .collect();
    // A common field with a problem is left out, and the rest of the rule is
    // still checked: every problem is reported at once.
    let (common, mut errors) = source.read_all::<Common>(&others);
    let Some(common) = common else {
        return Err(errors);
    };
    if common.enabled == Some(false) {
        return if errors.is_empty() {
            Ok(None)
        } else {
            Err(errors)
        };
    }
    let names: Vec<&str> = KINDS.iter().map(|(n, _)| *n).collect();
    let Some(kind_name) = &common.kind else {
        // A table without a kind is most often a rule's name misspelt.
        let rules = config
            .rules
            .iter()
            .filter(|r| r.name != source.name && r.field("kind").is_some())
            .map(|r| r.name.as_str());
        let help = match near_miss(&source.name, rules) {
            Some(n) => format!(
                "did you mean `[rules.{n}]`? A rule of your own needs kind = \"{}\"",
                names.join("\", \"")
            ),
            None => format!("write kind = \"{}\"", names.join("\", \"")),
        };
        errors.push(
            source
                .origin
                .diagnostic(format!("rule `{}` needs a `kind`", source.name))
                .with_help(help),
        );
        return Err(errors);
    };
    let Some((_, compile)) = KINDS.iter().find(|(n, _)| n == kind_name) else {
        let mut d = source
            .origin_of("kind")
            .diagnostic(format!("`{kind_name}` is not a rule kind"));
        d = d.with_help(match near_miss(kind_name, names.iter().copied()) {
            Some(n) => format!("did you mean `{n}`?"),
            None => format!("kinds: {}", names.join(", ")),
        });
        errors.push(d);
        return Err(errors);
    };
    let scope = scope(source, &common);
    let kind = compile(&Context { config, source });
    let (kind, scope) = match (kind, scope) {
        (Ok(kind), Ok(scope)) if errors.is_empty() => (kind, scope),
        (kind, scope) => {
            errors.extend(kind.err().unwrap_or_default());
            errors.extend(scope.err().unwrap_or_default());
            return Err(errors);
        }
    };
    Ok(Some(Rule {
        id: RuleId(source.name.clone()),
        severity: common.severity.unwrap_or(Severity::Warning),
        kind,
        scope,
    }))
}

/// The posts a rule reads, from `channels`, `per_channel` and `min_posts`.
fn scope(source: &RuleSource, common: &Common) -> Result<Scope, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let at = |field: &str, message: String, help: &str| {
        source
            .origin_of(field)
            .diagnostic(format!("{message} (rule `{}`)", source.name))
            .with_help(help.to_string())
    };
    if let Some(list) = &common.channels {
        if list.is_empty() {
            errors.push(at(
                "channels",
                "`channels` names no channel".into(),
                "list the channels the rule is for, e.g. channels = [\"instagram\"], or leave it out for every post",
            ));
        }
        if list
            .iter()
            .any(|c| crate::config::channel_key(c).is_empty())
        {
            errors.push(at(
                "channels",
                "`channels` holds an empty name".into(),
                "write each channel as its posts do, e.g. \"instagram\"",
            ));
        }
    }
    let per_channel = common.per_channel.unwrap_or(false);
    let min_posts = common.min_posts.map_or(0, |w| w.0);
    if common.min_posts.is_some() && common.channels.is_none() && !per_channel {
        errors.push(at(
            "min_posts",
            "`min_posts` counts a channel's posts, and this rule reads the whole week".into(),
            "add per_channel = true (or channels = [...]), or leave min_posts out",
        ));
    }
    if errors.is_empty() {
        Ok(Scope {
            channels: common.channels.clone(),
            per_channel,
            min_posts,
        })
    } else {
        Err(errors)
    }
}

/// What a kind's compile step reads: the rule as written, and the config's
/// categories to resolve names against.
pub(super) struct Context<'a> {
    pub(crate) config: &'a Config,
    pub(crate) source: &'a RuleSource,
}

impl Context<'_> {
    /// The kind's own fields read into its spec.
    pub(super) fn spec<T: de::DeserializeOwned>(&self) -> Result<T, Vec<Diagnostic>> {
        match self.source.read_all(&COMMON) {
            (Some(spec), errors) if errors.is_empty() => Ok(spec),
            (_, errors) => Err(errors),
        }
    }

    /// An error at a field (or at the rule when the field is not written).
    pub(super) fn error(&self, field: &str, message: &str) -> Diagnostic {
        self.source
            .origin_of(field)
            .diagnostic(format!("{message} (rule `{}`)", self.source.name))
    }

    /// The config indices of a field's categories; an unknown one is an error at
    /// its place in the list with the nearest known key as help, and an empty
    /// list is an error when `required`.
    pub(super) fn categories(
        &self,
        field: &str,
        keys: &[String],
        required: bool,
    ) -> Result<Vec<usize>, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        if required && keys.is_empty() {
            errors.push(
                self.error(field, &format!("`{field}` names no category"))
                    .with_help(format!(
                        "list at least one: {}",
                        self.config.category_keys().collect::<Vec<_>>().join(", ")
                    )),
            );
        }
        let elements = self.source.field(field).and_then(|f| match &f.value.kind {
            ValueKind::Array(items) => Some(items),
            _ => None,
        });
        let mut out = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            match self.config.category_index(key) {
                Some(c) => out.push(c),
                None => {
                    let at = elements
                        .and_then(|e| e.get(i))
                        .map_or_else(|| self.source.origin_of(field), |v| &v.at);
                    let known: Vec<&str> = self.config.category_keys().collect();
                    errors.push(
                        at.diagnostic(format!(
                            "unknown category `{key}` (rule `{}`)",
                            self.source.name
                        ))
                        .with_help(
                            match near_miss(key, known.iter().copied()) {
                                Some(n) => format!("did you mean `{n}`?"),
                                None => format!("categories: {}", known.join(", ")),
                            },
                        ),
                    );
                }
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// `min` above `max` is an error at `min`.
    pub(super) fn ordered<T: PartialOrd + fmt::Display>(
        &self,
        min: Option<T>,
        max: Option<T>,
    ) -> Result<(), Vec<Diagnostic>> {
        match (min, max) {
            (Some(lo), Some(hi)) if lo > hi => Err(vec![
                self.error("min", &format!("`min` {lo} is above `max` {hi}"))
                    .with_help("swap the two, or lower `min`"),
            ]),
            _ => Ok(()),
        }
    }
}

/// The errors of several checks of one spec, so that all are reported at once.
#[derive(Default)]
pub(super) struct Errors(Vec<Diagnostic>);

impl Errors {
    /// The value of a check that passed, or a stand-in while its errors are kept.
    pub(super) fn take<T: Default>(&mut self, result: Result<T, Vec<Diagnostic>>) -> T {
        result.unwrap_or_else(|mut e| {
            self.0.append(&mut e);
            T::default()
        })
    }

    pub(super) fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub(super) fn finish(self) -> Result<(), Vec<Diagnostic>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// A whole number of posts or minutes: `-1` or `0.5` is refused where written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Whole(pub u32);

impl<'de> Deserialize<'de> for Whole {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Whole, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Whole;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number, 0 or more")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Whole, E> {
                u32::try_from(v)
                    .map(Whole)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Whole, E> {
                u32::try_from(v)
                    .map(Whole)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

/// A number of 0 or more, whole or not (`4.5` everyday posts per business post).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub(super) struct Amount(pub f64);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Amount, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, 0 or more")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                if v < 0 {
                    return Err(E::invalid_value(de::Unexpected::Signed(v), &self));
                }
                Ok(Amount(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                if !(v.is_finite() && v >= 0.0) {
                    return Err(E::invalid_value(de::Unexpected::Float(v), &self));
                }
                Ok(Amount(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl fmt::Display for Whole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// How far `v` sits from the middle of `lo..=hi`, in widths of the range: 0 at
/// the middle, 0.5 at an edge. Without an upper bound every value at or above
/// `lo` is as good as any other.
pub(super) fn off_middle(v: f64, lo: f64, hi: Option<f64>) -> f64 {
    let Some(hi) = hi else {
        return if v >= lo { 0.0 } else { (lo - v) / lo.max(1.0) };
    };
    let mid = (lo + hi) / 2.0;
    let width = hi - lo;
    if width > 0.0 {
        (v - mid).abs() / width
    } else {
        (v - mid).abs() / mid.abs().max(1.0)
    }
}

#[cfg(test)]
pub(super) mod testing {
    //! Helpers for the kinds' tests: weeks built from letters, and random totals.

    use chrono::{Days, NaiveDate, NaiveTime};

    use crate::config::{Config, DEFAULT_TOML};
    use crate::domain::{Week, WeekStart};
    use crate::mix::analyze::{Item, WeekFacts, with_changes};
    use crate::mix::finding::{Change, Violation};

    use super::{Kind, Rules, Shape, Totals};

    pub(crate) fn config(user: &str) -> Config {
        Config::from_layers(&[("builtin", DEFAULT_TOML), ("user", user)]).unwrap()
    }

    pub(crate) fn week() -> Week {
        Week::parse("2026-W48", WeekStart::default()).unwrap()
    }

    /// The one rule a config defines under `[rules.NAME]`.
    pub(crate) fn rule(config: &Config, name: &str) -> std::sync::Arc<dyn Kind> {
        let rules = Rules::compile(config).unwrap();
        rules
            .iter()
            .find(|r| r.id == name)
            .unwrap_or_else(|| panic!("no rule {name}"))
            .kind
            .clone()
    }

    pub(crate) const KEYS: [&str; 4] = ["everyday", "business", "partner", "contest"];

    /// Items from letters (E, B, P, C), one an hour from Monday 08:00; lowercase
    /// letters are published (locked) posts.
    pub(crate) fn items<'a>(config: &'a Config, letters: &str, ids: &'a [String]) -> Vec<Item<'a>> {
        letters
            .chars()
            .enumerate()
            .map(|(i, l)| {
                let k = "EBPC"
                    .find(l.to_ascii_uppercase())
                    .expect("a category letter");
                let key = KEYS[k];
                let date: NaiveDate = week().start() + Days::new((i / 12) as u64);
                Item {
                    id: Some(&ids[i]),
                    date,
                    time: NaiveTime::from_hms_opt(8 + (i % 12) as u32, 0, 0),
                    category: key,
                    index: config.category_index(key),
                    minutes: config.category(key).unwrap().minutes,
                    own_minutes: false,
                    title: "t",
                    status: crate::domain::Status::Planned,
                    channel: None,
                    partner: None,
                    locked: l.is_ascii_lowercase(),
                }
            })
            .collect()
    }

    pub(crate) fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("p{i}")).collect()
    }

    pub(crate) fn check(
        config: &Config,
        kind: &dyn Kind,
        items: &[Item],
    ) -> Vec<(Violation, Vec<Change>)> {
        kind.check(&WeekFacts::new(config, week(), items, &[]))
    }

    /// A finding's needs, done alone, mend what it found (for a totals rule:
    /// the rule holds; for a streak: its run is gone and no other appears), never
    /// touch a locked post, and all needs together make the rule hold. Needs are
    /// empty only where locked posts are involved.
    pub(crate) fn needs_mend(
        config: &Config,
        kind: &dyn Kind,
        items: &[Item],
    ) -> Result<(), String> {
        let found = check(config, kind, items);
        let mut all = Vec::new();
        for (violation, needs) in &found {
            if needs.is_empty() {
                if !items.iter().any(|i| i.locked) {
                    return Err(format!("no needs for {violation:?} without locked posts"));
                }
                continue;
            }
            for change in needs {
                if let Some(post) = change.post()
                    && items.iter().any(|i| i.locked && i.id == post.id.as_deref())
                {
                    return Err(format!("{change:?} touches a locked post"));
                }
            }
            let after = with_changes(config, week(), items, needs);
            let left = check(config, kind, &after);
            if left.len() >= found.len() {
                return Err(format!("{needs:?} leaves {left:?}"));
            }
            all.extend(needs.iter().cloned());
        }
        if found.iter().all(|(_, needs)| !needs.is_empty()) {
            let after = with_changes(config, week(), items, &all);
            let left = check(config, kind, &after);
            if !left.is_empty() {
                return Err(format!("all needs {all:?} leave {left:?}"));
            }
        }
        Ok(())
    }

    /// For a totals rule: whether it holds by its constraints, and by its check.
    pub(crate) fn agree(config: &Config, kind: &dyn Kind, counts: [u32; 4]) -> Result<(), String> {
        let Shape::Totals(constraints) = kind.shape() else {
            return Ok(());
        };
        let ids = ids(counts.iter().sum::<u32>() as usize);
        let letters: String = counts
            .iter()
            .zip("EBPC".chars())
            .flat_map(|(n, l)| std::iter::repeat_n(l, *n as usize))
            .collect();
        let items = items(config, &letters, &ids);
        let facts = WeekFacts::new(config, week(), &items, &[]);
        let totals: Totals = facts.totals();
        let by_constraints = constraints
            .iter()
            .all(|c| c.value(&totals) >= c.at_least - super::EPSILON);
        let by_check = kind.check(&facts).is_empty();
        if by_constraints != by_check {
            return Err(format!(
                "{counts:?}: constraints say {by_constraints}, check says {by_check}"
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::testing::config;
    use super::*;
    use crate::config::{BUILTIN_NAME, DEFAULT_TOML};

    fn compile(user: &str) -> Result<Rules, String> {
        let c = Config::from_layers(&[(BUILTIN_NAME, DEFAULT_TOML), ("user.toml", user)])
            .map_err(|e| e.to_string())?;
        Rules::compile(&c).map_err(|e| e.to_string())
    }

    #[test]
    fn the_default_rules_compile() {
        let rules = Rules::compile(&Config::builtin().unwrap()).unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "everyday-per-business",
                "feed-mix",
                "contest-limit",
                "partner-limit",
                "partner-rotation",
                "promo-streak",
                "weekly-budget"
            ]
        );
        assert!(rules.iter().all(|r| r.severity == Severity::Warning));
    }

    #[test]
    fn every_preset_compiles() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config/presets");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                let c = Config::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                Rules::compile(&c).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                seen += 1;
            }
        }
        assert!(seen >= 4, "expected the four presets, found {seen}");
    }

    #[test]
    fn a_rule_can_be_switched_off() {
        let rules = compile("[rules.weekly-budget]\nenabled = false\n").unwrap();
        assert_eq!(rules.iter().count(), 6);
    }

    #[test]
    fn severity_is_read_and_a_wrong_one_is_an_error_at_its_value() {
        let rules = compile("[rules.weekly-budget]\nseverity = \"info\"\n").unwrap();
        let budget = rules.iter().find(|r| r.id == "weekly-budget").unwrap();
        assert_eq!(budget.severity, Severity::Info);
        let err = compile("[rules.weekly-budget]\nseverity = \"warn\"\n").unwrap_err();
        assert!(err.contains("user.toml:2:12"), "{err}");
        assert!(err.contains("unknown variant `warn`"), "{err}");
    }

    #[test]
    fn a_negative_streak_limit_is_an_error_not_zero() {
        let err = compile("[rules.promo-streak]\nmax = -1\n").unwrap_err();
        assert!(err.contains("user.toml:2:7"), "{err}");
        assert!(err.contains("a whole number, 0 or more"), "{err}");
    }

    #[test]
    fn a_fraction_of_a_post_is_an_error() {
        let err = compile("[rules.contest-limit]\nmin = 0.5\n").unwrap_err();
        assert!(err.contains("user.toml:2:7"), "{err}");
        assert!(err.contains("floating point `0.5`"), "{err}");
    }

    #[test]
    fn min_above_max_is_an_error_at_min() {
        let err = compile("[rules.everyday-per-business]\nmax = 3\n\nmin = 4\n").unwrap_err();
        assert!(err.contains("user.toml:4:7"), "{err}");
        assert!(err.contains("`min` 4 is above `max` 3"), "{err}");
    }

    #[test]
    fn a_ratio_per_nothing_is_an_error() {
        let err = compile("[rules.everyday-per-business]\nper = []\n").unwrap_err();
        assert!(err.contains("user.toml:2:7"), "{err}");
        assert!(err.contains("`per` names no category"), "{err}");
    }

    #[test]
    fn an_unknown_field_suggests_the_near_miss_common_fields_included() {
        let err = compile("[rules.contest-limit]\nmaxx = 2\n").unwrap_err();
        assert!(err.contains("user.toml:2:1"), "{err}");
        assert!(err.contains("did you mean `max`?"), "{err}");
        let err = compile("[rules.contest-limit]\nseverty = \"info\"\n").unwrap_err();
        assert!(err.contains("did you mean `severity`?"), "{err}");
    }

    #[test]
    fn unknown_category_in_a_rule_suggests_the_near_miss() {
        let err = compile("\n[rules.contest-limit]\ncategories = [\"contest\", \"contset\"]\n")
            .unwrap_err();
        assert!(err.contains("user.toml:3:26"), "{err}");
        assert!(err.contains("did you mean `contest`?"), "{err}");
    }

    #[test]
    fn an_unknown_kind_suggests_the_near_miss() {
        let err = compile("[rules.x]\nkind = \"shares\"\n").unwrap_err();
        assert!(err.contains("user.toml:2:8"), "{err}");
        assert!(err.contains("did you mean `share`?"), "{err}");
        let err = compile("[rules.x]\nmax = 1\n").unwrap_err();
        assert!(err.contains("user.toml:1:1"), "{err}");
        assert!(err.contains("needs a `kind`"), "{err}");
    }

    #[test]
    fn every_mistake_in_one_rule_is_reported_at_once() {
        let err = compile(
            "[rules.contest-limit]\nmaxx = 2\nseverty = \"info\"\n[rules.weekly-budget]\nseverity = \"warn\"\nmax_minutes = -1\n",
        )
        .unwrap_err();
        assert!(err.ends_with("4 problems found"), "{err}");
        for place in [
            "user.toml:2:1",
            "user.toml:3:1",
            "user.toml:5:12",
            "user.toml:6:15",
        ] {
            assert!(err.contains(place), "{place}: {err}");
        }
        assert!(err.contains("did you mean `max`?"), "{err}");
        assert!(err.contains("did you mean `severity`?"), "{err}");
    }

    #[test]
    fn a_misspelt_rule_name_without_a_kind_suggests_the_rule_it_was_meant_to_be() {
        let err = compile("[rules.contest-limt]\nmax = 2\n").unwrap_err();
        assert!(err.contains("user.toml:1:1"), "{err}");
        assert!(err.contains("needs a `kind`"), "{err}");
        assert!(
            err.contains("did you mean `[rules.contest-limit]`?"),
            "{err}"
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let err = compile("[rules.contest-limit]\nmax = -1\n[rules.promo-streak]\nmax = 1.5\n")
            .unwrap_err();
        assert!(err.ends_with("2 problems found"), "{err}");
    }

    #[test]
    fn a_renamed_category_keeps_its_key_in_rules() {
        let c = config("[categories.business]\nname = \"Tips and tricks\"\n");
        assert!(Rules::compile(&c).is_ok());
    }
}
