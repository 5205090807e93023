use super::super::analyze::WeekFacts;
use super::posts;

/// Posts of `categories` per week between `min` and `max`.
pub(super) fn check(
    week: &WeekFacts,
    categories: &[String],
    min: Option<u32>,
    max: Option<u32>,
) -> Option<(String, String)> {
    let n = week.count_in(categories);
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
