use super::super::analyze::WeekFacts;
use super::{Standing, off_middle};

/// Planned effort at most `max_minutes` a week. The fix names the smallest single
/// post whose move would be enough, when there is one.
pub(super) fn check(week: &WeekFacts, max_minutes: u32) -> Option<(String, String)> {
    let total = week.minutes();
    if holds(total, max_minutes) {
        return None;
    }
    let over = total - max_minutes;
    let message = format!(
        "{total} minutes planned; the budget is {max_minutes} minutes a week ({over} over)"
    );
    let fix = week
        .items()
        .iter()
        .filter(|i| i.minutes >= over)
        .min_by_key(|i| i.minutes)
        .map(|i| {
            format!(
                "move {} ({} min) to another week, or cut {over} minutes",
                week.describe(i),
                i.minutes
            )
        })
        .unwrap_or_else(|| {
            format!("cut {over} minutes: move posts to another week or plan shorter ones")
        });
    Some((message, fix))
}

pub(super) fn holds(minutes: u32, max_minutes: u32) -> bool {
    minutes <= max_minutes
}

pub(super) fn stand(minutes: u32, max_minutes: u32) -> Standing {
    Standing {
        holds: holds(minutes, max_minutes),
        off_middle: off_middle(f64::from(minutes), 0.0, f64::from(max_minutes)),
    }
}

pub(super) fn target(max_minutes: u32) -> String {
    format!("at most {max_minutes} minutes a week")
}
