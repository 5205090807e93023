//! Rules are data from the config. Each kind lives in its own file and answers one
//! question: does this week's list of posts hold, and if not, what is the smallest
//! change that makes it hold?

mod budget;
mod count;
mod ratio;
mod share;
mod streak;

use serde::Serialize;

use super::analyze::{Finding, WeekFacts};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A set of categories named directly or as "all but these".
#[derive(Debug, Clone, PartialEq)]
pub enum CategorySet {
    Only(Vec<String>),
    Except(Vec<String>),
}

impl CategorySet {
    pub fn contains(&self, key: &str) -> bool {
        match self {
            CategorySet::Only(keys) => keys.iter().any(|k| k == key),
            CategorySet::Except(keys) => !keys.iter().any(|k| k == key),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum RuleKind {
    /// Posts of `of` per post of `per`, between `min` and `max`.
    Ratio {
        of: Vec<String>,
        per: Vec<String>,
        min: f64,
        max: f64,
    },
    /// Posts in `categories` per week, between `min` and `max`.
    Count {
        categories: Vec<String>,
        min: Option<u32>,
        max: Option<u32>,
    },
    /// Percent of the week's posts in `categories`, between `min` and `max`.
    Share {
        categories: Vec<String>,
        min: Option<f64>,
        max: Option<f64>,
    },
    /// At most `max` posts in a row (by date and time) from `set`.
    Streak { set: CategorySet, max: u32 },
    /// At most `max_minutes` of planned effort per week.
    Budget { max_minutes: u32 },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub name: String,
    pub description: Option<String>,
    pub severity: Severity,
    pub kind: RuleKind,
}

impl Rule {
    /// The findings of this rule for one week; empty when the rule holds.
    pub fn check(&self, week: &WeekFacts) -> Vec<Finding> {
        let found: Vec<(String, String)> = match &self.kind {
            RuleKind::Ratio { of, per, min, max } => ratio::check(week, of, per, *min, *max)
                .into_iter()
                .collect(),
            RuleKind::Count {
                categories,
                min,
                max,
            } => count::check(week, categories, *min, *max)
                .into_iter()
                .collect(),
            RuleKind::Share {
                categories,
                min,
                max,
            } => share::check(week, categories, *min, *max)
                .into_iter()
                .collect(),
            RuleKind::Streak { set, max } => streak::check(week, set, *max),
            RuleKind::Budget { max_minutes } => {
                budget::check(week, *max_minutes).into_iter().collect()
            }
        };
        found
            .into_iter()
            .map(|(message, fix)| Finding {
                rule: self.name.clone(),
                severity: self.severity,
                message,
                fix,
            })
            .collect()
    }
}

/// "1 everyday post", "3 business posts".
pub(crate) fn posts(n: u32, what: &str) -> String {
    if n == 1 {
        format!("1 {what} post")
    } else {
        format!("{n} {what} posts")
    }
}

/// Formats a bound like 4 or 4.5 without trailing zeros.
pub(crate) fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// The target range as people say it: "4–5", "at most 2", "at least 1".
pub(crate) fn range(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(lo), Some(hi)) if lo == hi => num(lo),
        (Some(lo), Some(hi)) if hi.is_finite() => format!("{}–{}", num(lo), num(hi)),
        (Some(lo), _) => format!("at least {}", num(lo)),
        (None, Some(hi)) => format!("at most {}", num(hi)),
        (None, None) => "any".to_string(),
    }
}
