use std::ops::Range;

use super::super::analyze::{Item, WeekFacts};
use super::CategorySet;

/// At most `max` posts in a row (by date, then time; untimed posts first in their
/// day) from `set`. Each run that is too long is one finding.
pub(super) fn check(week: &WeekFacts, set: &CategorySet, max: u32) -> Vec<(String, String)> {
    let breaker = week
        .category_keys()
        .find(|k| !set.contains(k))
        .map(|k| week.names(&[k.to_string()]))
        .unwrap_or_else(|| "other".to_string());
    let mut found = Vec::new();
    let items = week.items();
    for run in long_runs(items, set, max) {
        let run = &items[run];
        let len = run.len() as u32;
        let listed: Vec<String> = run.iter().map(|i| week.describe(i)).collect();
        let what = match set {
            CategorySet::Except(keys) => format!("non-{}", week.names(keys)),
            CategorySet::Only(keys) => week.names(keys),
        };
        let message = format!(
            "{len} {what} posts in a row ({}); the limit is {max}",
            listed.join(", ")
        );
        let breaks = (len - 1).checked_div(max).unwrap_or(len);
        let fix = if breaks == 1 && max > 0 {
            let before = &run[max as usize - 1];
            let after = &run[max as usize];
            format!(
                "put {} post between {} and {}",
                article(&breaker),
                week.describe(before),
                week.describe(after)
            )
        } else {
            format!("put {breaks} {breaker} posts into this run, one after every {max}")
        };
        found.push((message, fix));
    }
    found
}

/// Where `items` hold more than `max` posts in a row from `set`, in order: the
/// runs the rule reports, one finding each.
pub(crate) fn long_runs(items: &[Item], set: &CategorySet, max: u32) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    while start < items.len() {
        if !set.contains(items[start].category) {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < items.len() && set.contains(items[end].category) {
            end += 1;
        }
        if end - start > max as usize {
            runs.push(start..end);
        }
        start = end;
    }
    runs
}

fn article(word: &str) -> String {
    let vowel = word
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {word}", if vowel { "an" } else { "a" })
}

/// "at most 2 non-everyday posts in a row".
pub(super) fn target(set_name: &str, max: u32) -> String {
    format!("at most {max} {set_name} posts in a row")
}
