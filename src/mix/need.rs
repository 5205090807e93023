//! Which category a week needs most, for a new post's default category. It reads
//! the same findings as `mixcal check`: a category a fix asks to add ("add 3
//! everyday posts") comes first, the one asked for most; otherwise the first
//! category (config order) whose next post breaks no rule that adding more posts
//! cannot mend.

use chrono::{NaiveDate, NaiveTime};

use super::analyze::{Finding, Item, analyze_items};
use crate::config::Config;
use crate::domain::{Schedule, Week};

/// The index (config order) of the category a post on `date` at `time` helps most.
pub fn most_needed(
    config: &Config,
    schedule: &Schedule,
    week: Week,
    date: NaiveDate,
    time: Option<NaiveTime>,
) -> usize {
    let items: Vec<Item> = schedule.week(week).map(|p| Item::of(p, config)).collect();
    let report = analyze_items(config, week, &items);
    let mut asked = vec![0u32; config.categories.len()];
    for f in &report.findings {
        for (category, n) in requested(config, f) {
            asked[category] += n;
        }
    }
    if let Some(most) = asked.iter().copied().max().filter(|&n| n > 0) {
        return asked.iter().position(|&n| n == most).unwrap_or(0);
    }
    let mut best = (usize::MAX, 0);
    for (i, category) in config.categories.iter().enumerate() {
        let extra = Item {
            date,
            time,
            category: &category.key,
            minutes: category.minutes,
        };
        let mut with = items.clone();
        let at = with.partition_point(|it| (it.date, it.time) <= (date, time));
        with.insert(at, extra);
        let hard = analyze_items(config, week, &with)
            .findings
            .iter()
            .filter(|f| !f.fix.starts_with("add "))
            .count();
        if hard < best.0 {
            best = (hard, i);
        }
    }
    best.1
}

/// The categories a finding's fix asks to add, with how many: "add 3 everyday
/// posts and add 1 business post".
fn requested(config: &Config, finding: &Finding) -> Vec<(usize, u32)> {
    let mut out = Vec::new();
    for part in finding.fix.split(" and ") {
        let Some((n, rest)) = part.strip_prefix("add ").and_then(|r| r.split_once(' ')) else {
            continue;
        };
        let Ok(n) = n.parse::<u32>() else { continue };
        let names = rest
            .strip_suffix(" posts")
            .or_else(|| rest.strip_suffix(" post"))
            .unwrap_or(rest);
        for name in names.split(" or ") {
            if let Some(i) = config
                .categories
                .iter()
                .position(|c| c.name.to_lowercase() == name)
            {
                out.push((i, n));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Post, WeekStart};
    use chrono::Days;

    fn week() -> Week {
        Week::parse("2026-W48", WeekStart::default()).unwrap()
    }

    fn schedule(cats: &[&str]) -> Schedule {
        let mut s = Schedule::new();
        for (i, c) in cats.iter().enumerate() {
            s.insert(Post::new(week().start() + Days::new(i as u64), c, "t"));
        }
        s
    }

    fn needed(cats: &[&str]) -> &'static str {
        let config = Config::builtin().unwrap();
        let s = schedule(cats);
        let i = most_needed(&config, &s, week(), week().end(), None);
        ["everyday", "business", "partner", "contest"][i]
    }

    #[test]
    fn four_everyday_posts_need_a_business_post() {
        assert_eq!(needed(&["everyday"; 4]), "business");
    }

    #[test]
    fn an_empty_week_starts_with_the_first_category() {
        assert_eq!(needed(&[]), "everyday");
    }

    #[test]
    fn a_week_short_of_everyday_posts_asks_for_them() {
        assert_eq!(needed(&["everyday", "business"]), "everyday");
    }

    #[test]
    fn a_week_with_its_contest_does_not_suggest_another() {
        assert_eq!(
            needed(&[
                "contest", "everyday", "everyday", "business", "everyday", "everyday"
            ]),
            "everyday"
        );
    }

    #[test]
    fn a_balanced_week_keeps_to_everyday_posts() {
        assert_eq!(
            needed(&["everyday", "everyday", "business", "everyday", "everyday"]),
            "everyday"
        );
    }
}
