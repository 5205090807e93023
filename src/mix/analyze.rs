//! Checking a week against the rules: counts, minutes and findings. The calendar's
//! mix panel, `mixcal check` and the planner all go through here, so they agree.

use chrono::{NaiveDate, NaiveTime};
use indexmap::IndexMap;
use serde::Serialize;

use super::rules::Severity;
use crate::config::Config;
use crate::domain::{Post, Schedule, Week};

/// What the rules need to know of one post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item<'a> {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub category: &'a str,
    pub minutes: u32,
}

impl<'a> Item<'a> {
    pub fn of(post: &'a Post, config: &Config) -> Item<'a> {
        Item {
            date: post.date,
            time: post.time,
            category: &post.category,
            minutes: config.minutes(post),
        }
    }
}

/// A rule that does not hold this week, in plain words, with the smallest change
/// that would make it hold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    /// What is wrong, with the real numbers.
    pub message: String,
    /// The smallest change that fixes it.
    pub fix: String,
}

impl Finding {
    /// Message and fix in one sentence, as people read it.
    pub fn sentence(&self) -> String {
        format!("{}: {}", self.message, self.fix)
    }
}

/// One week's mix: counts per category (config order), planned minutes, findings.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekReport {
    pub week: Week,
    pub counts: IndexMap<String, u32>,
    pub total: u32,
    pub minutes: u32,
    pub findings: Vec<Finding>,
}

impl WeekReport {
    pub fn ok(&self) -> bool {
        self.findings.is_empty()
    }
}

/// The facts about one week that rules read. Items are in canonical order.
pub struct WeekFacts<'a> {
    config: &'a Config,
    items: &'a [Item<'a>],
    counts: Vec<u32>,
    minutes: u32,
}

impl<'a> WeekFacts<'a> {
    pub fn new(config: &'a Config, items: &'a [Item<'a>]) -> WeekFacts<'a> {
        let mut counts = vec![0; config.categories.len()];
        let mut minutes = 0;
        for item in items {
            if let Some(i) = config.category_index(item.category) {
                counts[i] += 1;
            }
            minutes += item.minutes;
        }
        WeekFacts {
            config,
            items,
            counts,
            minutes,
        }
    }

    pub fn items(&self) -> &[Item<'a>] {
        self.items
    }

    pub fn total(&self) -> u32 {
        self.items.len() as u32
    }

    pub fn minutes(&self) -> u32 {
        self.minutes
    }

    pub fn count(&self, key: &str) -> u32 {
        self.config
            .category_index(key)
            .map_or(0, |i| self.counts[i])
    }

    pub fn count_in(&self, keys: &[String]) -> u32 {
        keys.iter().map(|k| self.count(k)).sum()
    }

    pub fn category_keys(&self) -> impl Iterator<Item = &str> {
        self.config.category_keys()
    }

    /// How people call a set of categories: "everyday", "partner or contest".
    pub fn names(&self, keys: &[String]) -> String {
        category_names(self.config, keys)
    }

    /// "Tue 09:00 business post", or "Wed contest post" for an untimed one.
    pub fn describe(&self, item: &Item) -> String {
        let name = self.names(&[item.category.to_string()]);
        match item.time {
            Some(t) => format!(
                "{} {} {name} post",
                item.date.format("%a"),
                t.format("%H:%M")
            ),
            None => format!("{} {name} post", item.date.format("%a")),
        }
    }
}

/// How people call a set of categories: "everyday", "partner or contest".
pub(crate) fn category_names(config: &Config, keys: &[String]) -> String {
    let names: Vec<String> = keys
        .iter()
        .map(|k| {
            config
                .category(k)
                .map_or_else(|| k.clone(), |c| c.name.to_lowercase())
        })
        .collect();
    names.join(" or ")
}

/// Checks one week of a schedule. Only that week's posts are read.
pub fn analyze_week(config: &Config, schedule: &Schedule, week: Week) -> WeekReport {
    let items: Vec<Item> = schedule.week(week).map(|p| Item::of(p, config)).collect();
    analyze_items(config, week, &items)
}

/// Checks a week given as items in canonical order (date, time with untimed first).
pub fn analyze_items(config: &Config, week: Week, items: &[Item]) -> WeekReport {
    let facts = WeekFacts::new(config, items);
    let findings = config.rules.iter().flat_map(|r| r.check(&facts)).collect();
    let counts = config
        .categories
        .iter()
        .zip(&facts.counts)
        .map(|(c, n)| (c.key.clone(), *n))
        .collect();
    WeekReport {
        week,
        counts,
        total: facts.total(),
        minutes: facts.minutes,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::WeekStart;
    use chrono::{Days, Weekday};

    fn config() -> Config {
        Config::builtin().unwrap()
    }

    fn week() -> Week {
        Week::parse("2026-W48", WeekStart::default()).unwrap()
    }

    /// A schedule with one post a day at 09:00, categories given by letter
    /// (E everyday, B business, P partner, C contest), from the week's first day.
    fn days(letters: &str) -> Schedule {
        let mut s = Schedule::new();
        for (i, l) in letters.chars().enumerate() {
            let cat = match l {
                'E' => "everyday",
                'B' => "business",
                'P' => "partner",
                'C' => "contest",
                _ => continue,
            };
            let mut p = Post::new(week().start() + Days::new(i as u64 % 7), cat, "t");
            p.time = NaiveTime::from_hms_opt(9 + (i / 7) as u32, 0, 0);
            s.insert(p);
        }
        s
    }

    fn rules_failing(s: &Schedule) -> Vec<String> {
        analyze_week(&config(), s, week())
            .findings
            .into_iter()
            .map(|f| f.rule)
            .collect()
    }

    #[test]
    fn the_default_week_is_balanced() {
        let report = analyze_week(&config(), &days("EEBEEPE"), week());
        assert!(report.ok(), "{:?}", report.findings);
        assert_eq!(report.minutes, 125);
        assert_eq!(report.counts["everyday"], 5);
    }

    #[test]
    fn four_everyday_per_business_post_is_balanced() {
        assert!(rules_failing(&days("EEBEE")).is_empty());
    }

    #[test]
    fn five_everyday_per_two_business_posts_asks_for_three_more_everyday() {
        let report = analyze_week(&config(), &days("EBEEBEE"), week());
        let f = &report.findings[0];
        assert_eq!(f.rule, "everyday-per-business");
        assert_eq!(
            f.message,
            "5 everyday posts per 2 business posts is 2.5 per business post, target 4–5"
        );
        assert_eq!(f.fix, "add 3 everyday posts");
    }

    #[test]
    fn everyday_posts_without_a_business_post_ask_for_one() {
        let report = analyze_week(&config(), &days("EEEE"), week());
        assert_eq!(report.findings.len(), 1);
        assert_eq!(report.findings[0].fix, "add 1 business post");
        assert!(report.findings[0].message.contains("no business post"));
    }

    #[test]
    fn a_half_planned_week_says_what_it_still_needs() {
        let report = analyze_week(&config(), &days("EB"), week());
        assert_eq!(report.findings.len(), 1);
        assert_eq!(report.findings[0].fix, "add 3 everyday posts");
    }

    #[test]
    fn an_empty_week_holds_every_rule() {
        let report = analyze_week(&config(), &Schedule::new(), week());
        assert!(report.ok());
        assert_eq!(report.total, 0);
        assert_eq!(report.minutes, 0);
    }

    #[test]
    fn two_contests_break_the_contest_limit() {
        let report = analyze_week(&config(), &days("EEEECEEEEC B B"), week());
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "contest-limit")
            .unwrap();
        assert_eq!(
            f.message,
            "2 contest posts this week; the limit is 1 a week"
        );
        assert_eq!(f.fix, "move 1 contest post to another week");
    }

    #[test]
    fn three_promotional_posts_in_a_row_break_the_streak() {
        let s = days("BPCEEEE");
        let report = analyze_week(&config(), &s, week());
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "promo-streak")
            .unwrap();
        assert!(
            f.message
                .starts_with("3 non-everyday posts in a row (Mon 09:00 business post"),
            "{}",
            f.message
        );
        assert_eq!(
            f.fix,
            "put an everyday post between Tue 09:00 partner post and Wed 09:00 contest post"
        );
    }

    #[test]
    fn untimed_posts_come_first_in_their_day_for_streaks() {
        let mut s = days("BP");
        // An untimed everyday post on Tuesday sits before Tuesday's 09:00 partner post.
        s.insert(Post::new(
            week().start() + Days::new(1),
            "everyday",
            "untimed",
        ));
        let mut c = Post::new(week().start() + Days::new(1), "contest", "late");
        c.time = NaiveTime::from_hms_opt(18, 0, 0);
        s.insert(c);
        // Order: Mon B, Tue E(untimed), Tue P, Tue C: the longest run is P, C.
        assert!(!rules_failing(&s).contains(&"promo-streak".to_string()));
        let mut c2 = Post::new(week().start() + Days::new(2), "business", "wed");
        c2.time = NaiveTime::from_hms_opt(9, 0, 0);
        s.insert(c2);
        assert!(rules_failing(&s).contains(&"promo-streak".to_string()));
    }

    #[test]
    fn over_budget_names_the_smallest_post_to_move() {
        // 7 contests (45 min) blow the 180-minute budget by 135 minutes.
        let mut s = days("EEEEEEE");
        for i in 0..7 {
            let mut p = Post::new(week().start() + Days::new(i), "business", "b");
            p.minutes = Some(10);
            s.insert(p);
        }
        let mut big = Post::new(week().start() + Days::new(4), "everyday", "long video");
        big.minutes = Some(60);
        big.time = NaiveTime::from_hms_opt(12, 0, 0);
        s.insert(big);
        // 7*15 + 7*10 + 60 = 235 minutes, 55 over.
        let report = analyze_week(&config(), &s, week());
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "weekly-budget")
            .unwrap();
        assert_eq!(
            f.message,
            "235 minutes planned; the budget is 180 minutes a week (55 over)"
        );
        assert_eq!(
            f.fix,
            "move Fri 12:00 everyday post (60 min) to another week, or cut 55 minutes"
        );
    }

    #[test]
    fn posts_outside_the_week_do_not_count() {
        let mut s = days("EEBEE");
        s.insert(Post::new(
            week().start() - Days::new(1),
            "contest",
            "last sunday",
        ));
        s.insert(Post::new(
            week().end() + Days::new(1),
            "contest",
            "next monday",
        ));
        assert!(rules_failing(&s).is_empty());
    }

    #[test]
    fn week_boundaries_follow_the_week_start() {
        let mut config = config();
        for start in [Weekday::Mon, Weekday::Sun, Weekday::Sat] {
            config.week_start = WeekStart(start);
            let w = Week::containing(week().start(), config.week_start);
            let mut s = Schedule::new();
            // Two contests: one on the week's last day, one on the next week's first day.
            s.insert(Post::new(w.end(), "contest", "last day"));
            s.insert(Post::new(w.end_exclusive(), "contest", "first day of next"));
            let report = analyze_week(&config, &s, w);
            assert_eq!(report.counts["contest"], 1, "week start {start}");
            assert_eq!(analyze_week(&config, &s, w.next()).counts["contest"], 1);
        }
    }

    #[test]
    fn leap_day_posts_count_in_their_week() {
        let d = NaiveDate::from_ymd_opt(2028, 2, 29).unwrap();
        let mut s = Schedule::new();
        s.insert(Post::new(d, "contest", "leap"));
        s.insert(Post::new(d, "contest", "leap 2"));
        let w = Week::containing(d, WeekStart::default());
        let report = analyze_week(&config(), &s, w);
        assert_eq!(report.counts["contest"], 2);
        assert!(report.findings.iter().any(|f| f.rule == "contest-limit"));
    }

    #[test]
    fn too_many_everyday_posts_asks_for_another_business_post() {
        let report = analyze_week(&config(), &days("EEEEEEEEEEB"), week());
        let f = &report.findings[0];
        assert_eq!(
            f.message,
            "10 everyday posts per 1 business post is 10 per business post, target 4–5"
        );
        assert_eq!(f.fix, "add 1 business post");
    }

    fn share_config(min: f64, max: f64) -> Config {
        Config::from_layers(&[
            ("builtin", crate::config::DEFAULT_TOML),
            (
                "user",
                &format!(
                    "[rules.everyday-per-business]\nenabled = false\n[rules.biz-share]\nkind = \"share\"\ncategories = [\"business\"]\nmin = {min}\nmax = {max}\n"
                ),
            ),
        ])
        .unwrap()
    }

    #[test]
    fn share_outside_its_range_says_how_many_to_add() {
        // Rule of thirds style: business between 30% and 40%. 1 of 6 is 17%.
        let c = share_config(30.0, 40.0);
        let report = analyze_week(&c, &days("EEBEEE"), week());
        let f = &report.findings[0];
        assert_eq!(f.rule, "biz-share");
        assert_eq!(f.message, "1 of 6 posts are business (17%), target 30–40%");
        assert_eq!(f.fix, "add 2 business posts");
        // 3 of 4 is 75%: add other posts.
        let report = analyze_week(&c, &days("BBBE"), week());
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "biz-share")
            .unwrap();
        assert_eq!(f.fix, "add 4 posts of other categories");
        // 1 of 3 business with at most 30%: one more post of another category.
        let c = share_config(10.0, 30.0);
        let report = analyze_week(&c, &days("BEE"), week());
        let f = &report.findings[0];
        assert_eq!(f.fix, "add 1 post of another category");
    }

    #[test]
    fn every_fix_applied_makes_its_rule_hold() {
        // The fixes say "add N <category> posts": apply them and re-check.
        for letters in ["E", "EB", "EBEEBEE", "EEEEEEEEEEEB", "BBB", "EEEE"] {
            let mut s = days(letters);
            let report = analyze_week(&config(), &s, week());
            for f in report
                .findings
                .iter()
                .filter(|f| f.rule == "everyday-per-business")
            {
                for part in f.fix.split(" and ") {
                    let words: Vec<&str> = part.split(' ').collect();
                    assert_eq!(words[0], "add", "{}", f.fix);
                    let n: u64 = words[1].parse().unwrap();
                    for i in 0..n {
                        s.insert(Post::new(
                            week().start() + Days::new(i % 7),
                            words[2],
                            "fix",
                        ));
                    }
                }
            }
            let after = analyze_week(&config(), &s, week());
            assert!(
                !after
                    .findings
                    .iter()
                    .any(|f| f.rule == "everyday-per-business"),
                "{letters}: {:?}",
                after.findings
            );
        }
    }
}
