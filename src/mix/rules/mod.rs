//! Rules are data from the config. Each kind lives in its own file and answers one
//! question: does this week's list of posts hold, and if not, what is the smallest
//! change that makes it hold?

mod budget;
mod count;
mod ratio;
mod share;
mod streak;

pub(crate) use streak::long_runs;

use serde::Serialize;

use super::analyze::{Finding, WeekFacts, WeekReport, category_names};
use crate::config::Config;

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

impl Rule {
    /// The target as people say it, for explanations: "4–5 everyday per business
    /// post", "at most 1 contest post a week".
    pub fn target(&self, config: &Config) -> String {
        let names = |keys: &[String]| category_names(config, keys);
        match &self.kind {
            RuleKind::Ratio { of, per, min, max } => {
                ratio::target(&names(of), &names(per), *min, *max)
            }
            RuleKind::Count {
                categories,
                min,
                max,
            } => count::target(&names(categories), *min, *max),
            RuleKind::Share {
                categories,
                min,
                max,
            } => share::target(&names(categories), *min, *max),
            RuleKind::Streak { set, max } => streak::target(&set_name(config, set), *max),
            RuleKind::Budget { max_minutes } => budget::target(*max_minutes),
        }
    }

    /// Where a week stands against this rule, in plain words with its target:
    /// "5 everyday per business post, target 4–5". `None` for streaks, which
    /// have no single number.
    pub fn standing(&self, config: &Config, report: &WeekReport) -> Option<String> {
        let n = |keys: &[String]| -> u32 { keys.iter().filter_map(|k| report.counts.get(k)).sum() };
        let names = |keys: &[String]| category_names(config, keys);
        Some(match &self.kind {
            RuleKind::Ratio { of, per, min, max } => {
                ratio::standing(n(of), n(per), &names(of), &names(per), *min, *max)
            }
            RuleKind::Count {
                categories,
                min,
                max,
            } => format!(
                "{}, {}",
                posts(n(categories), &names(categories)),
                count::target(&names(categories), *min, *max)
            ),
            RuleKind::Share {
                categories,
                min,
                max,
            } => share::standing(n(categories), report.total, &names(categories), *min, *max),
            RuleKind::Budget { max_minutes } => {
                format!("{} of {max_minutes} minutes a week", report.minutes)
            }
            RuleKind::Streak { .. } => return None,
        })
    }

    /// The rule compiled for a planner that weighs many candidate weeks: `None`
    /// for rules that read the order of posts (streaks), which the planner
    /// follows slot by slot instead.
    pub fn on_totals(&self, config: &Config) -> Option<TotalsRule> {
        let idx = |keys: &[String]| -> Vec<usize> {
            keys.iter()
                .filter_map(|k| config.category_index(k))
                .collect()
        };
        Some(match &self.kind {
            RuleKind::Ratio { of, per, min, max } => TotalsRule::Ratio {
                of: idx(of),
                per: idx(per),
                min: *min,
                max: *max,
            },
            RuleKind::Count {
                categories,
                min,
                max,
            } => TotalsRule::Count {
                categories: idx(categories),
                min: *min,
                max: *max,
            },
            RuleKind::Share {
                categories,
                min,
                max,
            } => TotalsRule::Share {
                categories: idx(categories),
                min: *min,
                max: *max,
            },
            RuleKind::Budget { max_minutes } => TotalsRule::Budget {
                max_minutes: *max_minutes,
            },
            RuleKind::Streak { .. } => return None,
        })
    }
}

/// How the set of a streak rule reads: "non-everyday", "business or contest".
pub(crate) fn set_name(config: &Config, set: &CategorySet) -> String {
    match set {
        CategorySet::Except(keys) => format!("non-{}", category_names(config, keys)),
        CategorySet::Only(keys) => category_names(config, keys),
    }
}

/// A week's totals with categories as indices in config order.
#[derive(Debug, Clone, Copy)]
pub struct Totals<'a> {
    /// Posts per category, in config order.
    pub counts: &'a [u32],
    /// All posts, including any whose category the config does not know.
    pub total: u32,
    pub minutes: u32,
}

impl Totals<'_> {
    fn sum(&self, categories: &[usize]) -> u32 {
        categories.iter().map(|&i| self.counts[i]).sum()
    }
}

/// Where a week stands against one rule: whether it holds, and how far from the
/// middle of the target range it sits (0 at the middle, 0.5 at a bounded edge,
/// more outside), so the planner can prefer the calmest of several valid weeks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Standing {
    pub holds: bool,
    pub off_middle: f64,
}

/// A rule that reads only the week's totals, with its categories resolved to
/// config indices once so a candidate week is weighed without string lookups.
#[derive(Debug, Clone, PartialEq)]
pub enum TotalsRule {
    Ratio {
        of: Vec<usize>,
        per: Vec<usize>,
        min: f64,
        max: f64,
    },
    Count {
        categories: Vec<usize>,
        min: Option<u32>,
        max: Option<u32>,
    },
    Share {
        categories: Vec<usize>,
        min: Option<f64>,
        max: Option<f64>,
    },
    Budget {
        max_minutes: u32,
    },
}

impl TotalsRule {
    /// Agrees with [`Rule::check`] on whether the rule holds for these totals.
    pub fn stand(&self, t: &Totals) -> Standing {
        match self {
            TotalsRule::Ratio { of, per, min, max } => {
                ratio::stand(t.sum(of), t.sum(per), *min, *max)
            }
            TotalsRule::Count {
                categories,
                min,
                max,
            } => count::stand(t.sum(categories), *min, *max),
            TotalsRule::Share {
                categories,
                min,
                max,
            } => share::stand(t.sum(categories), t.total, *min, *max),
            TotalsRule::Budget { max_minutes } => budget::stand(t.minutes, *max_minutes),
        }
    }

    /// The config categories this rule counts (for grouping interchangeable
    /// categories): for each list it reads, how often the category is in it.
    pub fn reads(&self, category: usize) -> Vec<usize> {
        let n = |list: &[usize]| list.iter().filter(|&&i| i == category).count();
        match self {
            TotalsRule::Ratio { of, per, .. } => vec![n(of), n(per)],
            TotalsRule::Count { categories, .. } | TotalsRule::Share { categories, .. } => {
                vec![n(categories)]
            }
            TotalsRule::Budget { .. } => Vec::new(),
        }
    }
}

/// How far `v` sits from the middle of `lo..=hi`, in widths of the range: 0 at
/// the middle, 0.5 at an edge. Without an upper bound every value at or above
/// `lo` is as good as any other.
pub(crate) fn off_middle(v: f64, lo: f64, hi: f64) -> f64 {
    if !hi.is_finite() {
        return if v >= lo { 0.0 } else { (lo - v) / lo.max(1.0) };
    }
    let mid = (lo + hi) / 2.0;
    let width = hi - lo;
    if width > 0.0 {
        (v - mid).abs() / width
    } else {
        (v - mid).abs() / mid.abs().max(1.0)
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
