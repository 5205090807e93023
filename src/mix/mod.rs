//! The target mix: what a rule is, and how a week is checked against the rules.

pub mod analyze;
pub mod need;
pub mod rules;

pub use analyze::{Finding, Item, WeekReport, analyze_items, analyze_week};
pub use rules::{Rule, RuleKind, Severity};
