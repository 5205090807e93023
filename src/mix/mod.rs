//! The target mix: what a rule is, and how a week is checked against the rules.

pub mod analyze;
pub mod need;
pub mod plan;
pub mod rules;
pub mod slots;

pub use analyze::{Finding, Item, WeekReport, analyze_items, analyze_week};
pub use plan::{Change, Plan, Proposal, plan_week};
pub use rules::{Rule, RuleKind, Severity};
pub use slots::{Slot, open_slots};
