//! What a check finds, as data: the rule, how bad, the numbers against the
//! target, and the changes that would mend it. Every sentence about a finding is
//! made from these values in `wording`; nothing reads a sentence back.

use std::fmt;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize, Serializer};

use crate::domain::Dated;

/// A rule's name as the config writes it: `[rules.NAME]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct RuleId(pub String);

impl RuleId {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// How much a failing rule matters. `info` findings are shown but never fail
/// `mixcal check`, and the planner does not bend the week to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// Whether a finding of this severity fails the week.
    pub fn fails(self) -> bool {
        self != Severity::Info
    }
}

/// A set of categories named directly or as "all but these".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CategorySet {
    Only(Vec<String>),
    Except(Vec<String>),
}

impl CategorySet {
    pub(crate) fn contains(&self, key: &str) -> bool {
        match self {
            CategorySet::Only(keys) => keys.iter().any(|k| k == key),
            CategorySet::Except(keys) => !keys.iter().any(|k| k == key),
        }
    }
}

/// A rule that does not hold this week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: RuleId,
    pub(crate) severity: Severity,
    /// The channel the rule was checked for, when a rule is checked per channel;
    /// `None` for the whole week.
    pub scope: Option<String>,
    /// The numbers: what the week has against what the rule asks.
    pub(crate) violation: Violation,
    /// The smallest change that makes this rule hold, on its own. Empty when no
    /// change may do it (the published and past posts alone break the rule).
    pub(crate) needs: Vec<Change>,
    /// Rules that hold now and that `needs`, done alone, would break: such a fix
    /// is never offered as the thing to do.
    pub(crate) breaks: Vec<RuleId>,
}

impl Finding {
    pub(crate) fn fails(&self) -> bool {
        self.severity.fails()
    }
}

/// The numbers behind a rule, actual against target. In a finding they say how
/// the rule fails; the planner also uses them to say where a holding rule stands.
///
/// These are the shapes a week can be measured in; a new rule kind reuses the
/// one that fits, so the wording of it comes for free.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Violation {
    /// Posts of `of` per post of `per`, against `min`–`max`.
    Ratio {
        of: Vec<String>,
        per: Vec<String>,
        of_count: u32,
        per_count: u32,
        min: f64,
        max: Option<f64>,
    },
    /// Posts of `categories` this week, against `min`–`max`.
    Count {
        categories: Vec<String>,
        count: u32,
        min: Option<u32>,
        max: Option<u32>,
    },
    /// `inside` of the week's `total` posts are in `categories`, against
    /// `min`–`max` percent.
    Share {
        categories: Vec<String>,
        inside: u32,
        total: u32,
        min: Option<f64>,
        max: Option<f64>,
    },
    /// `posts` in a row from `set`, more than `max`.
    Streak {
        set: CategorySet,
        posts: Vec<PostRef>,
        max: u32,
    },
    /// Planned minutes against the week's budget.
    Budget { minutes: u32, max: u32 },
    /// `posts` promote one `partner` within `weeks` weeks, more than `max`.
    Rotation {
        partner: String,
        posts: Vec<PostRef>,
        weeks: u32,
        max: u32,
    },
}

/// A post as a finding or a change names it: enough to say which post it is
/// without the schedule at hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostRef {
    /// `None` for a post the planner proposes that has no id yet.
    pub id: Option<String>,
    #[serde(serialize_with = "date")]
    pub(crate) date: NaiveDate,
    #[serde(serialize_with = "time")]
    pub(crate) time: Option<NaiveTime>,
    pub(crate) category: String,
    pub(crate) title: String,
}

impl PostRef {
    pub fn of(post: Dated) -> PostRef {
        PostRef {
            id: Some(post.id.clone()),
            date: post.date,
            time: post.time,
            category: post.category.clone(),
            title: post.title.clone(),
        }
    }
}

/// Where a post goes: a day and time, and the channel of the slot it fills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Spot {
    #[serde(serialize_with = "date")]
    pub date: NaiveDate,
    #[serde(serialize_with = "hours")]
    pub time: NaiveTime,
    pub channel: Option<String>,
}

/// One change to a week.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// Add `count` posts of `category`; `at` a spot when one is chosen (an open
    /// slot, or a time between two posts), anywhere in the week otherwise.
    Add {
        category: String,
        count: u32,
        at: Option<Spot>,
    },
    /// Give a post another category.
    Recategorise {
        post: PostRef,
        from: String,
        to: String,
    },
    /// Move a post to another week: the same weekday and time a week later.
    Move {
        post: PostRef,
        #[serde(serialize_with = "date")]
        to: NaiveDate,
    },
    /// Drop an idea.
    Remove { post: PostRef },
    /// Post it on another channel: a feed short of a category takes a post of
    /// it from another feed (or one without a channel), and the week's totals
    /// stay as they are.
    Channel {
        post: PostRef,
        from: Option<String>,
        to: String,
    },
    /// Plan `minutes` fewer minutes.
    Cut { minutes: u32 },
}

impl Change {
    /// The post this change touches, for changes to an existing post.
    pub fn post(&self) -> Option<&PostRef> {
        match self {
            Change::Recategorise { post, .. }
            | Change::Move { post, .. }
            | Change::Remove { post }
            | Change::Channel { post, .. } => Some(post),
            Change::Add { .. } | Change::Cut { .. } => None,
        }
    }

    /// How many changes this is: an add of three posts is three.
    pub(crate) fn size(&self) -> u32 {
        match self {
            Change::Add { count, .. } => *count,
            _ => 1,
        }
    }
}

fn date<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&d.format("%Y-%m-%d"))
}

fn hours<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&t.format("%H:%M"))
}

fn time<S: Serializer>(t: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => hours(t, s),
        None => s.serialize_none(),
    }
}
