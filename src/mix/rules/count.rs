use super::super::analyze::WeekFacts;
use super::{Standing, off_middle, posts};

/// Posts of `categories` per week between `min` and `max`.
pub(super) fn check(
    week: &WeekFacts,
    categories: &[String],
    min: Option<u32>,
    max: Option<u32>,
) -> Option<(String, String)> {
    let n = week.count_in(categories);
    if holds(n, min, max) {
        return None;
    }
    let name = week.names(categories);
    if let Some(hi) = max
        && n > hi
    {
        let limit = if hi == 0 {
            "none are planned for".to_string()
        } else {
            format!("the limit is {hi} a")
        };
        let what = posts(n, &name);
        return Some((
            format!("{what} this week; {limit} week"),
            format!("move {} to another week", posts(n - hi, &name)),
        ));
    }
    if let Some(lo) = min
        && n < lo
    {
        return Some((
            format!("{} this week; the target is at least {lo}", posts(n, &name)),
            format!("add {}", posts(lo - n, &name)),
        ));
    }
    None
}

pub(super) fn holds(n: u32, min: Option<u32>, max: Option<u32>) -> bool {
    min.is_none_or(|lo| n >= lo) && max.is_none_or(|hi| n <= hi)
}

pub(super) fn stand(n: u32, min: Option<u32>, max: Option<u32>) -> Standing {
    Standing {
        holds: holds(n, min, max),
        off_middle: off_middle(
            f64::from(n),
            f64::from(min.unwrap_or(0)),
            max.map_or(f64::INFINITY, f64::from),
        ),
    }
}

/// "at most 1 contest post a week", "1–3 partner posts a week".
pub(super) fn target(name: &str, min: Option<u32>, max: Option<u32>) -> String {
    let plural = |n: u32| posts(n, name);
    match (min, max) {
        (Some(lo), Some(hi)) if lo == hi => format!("{} a week", plural(lo)),
        (Some(lo), Some(hi)) => format!("{lo}–{} a week", plural(hi)),
        (Some(lo), None) => format!("at least {} a week", plural(lo)),
        (None, Some(hi)) => format!("at most {} a week", plural(hi)),
        (None, None) => format!("any number of {name} posts"),
    }
}
