//! The planner against brute force: on random partial weeks under random rule
//! settings, the plan has exactly the fewest findings any filling of the open
//! slots can have (so a week that can balance is balanced), and the posts already
//! in the week are never changed or moved.

use chrono::{Days, NaiveTime};
use mixcal::config::{Config, DEFAULT_TOML};
use mixcal::domain::{Post, Schedule, Status, Week, WeekStart};
use mixcal::mix::{Item, analyze_items, open_slots, plan_week};
use proptest::prelude::*;

const KEYS: [&str; 4] = ["everyday", "business", "partner", "contest"];

/// Brute force gives up above this many open slots (4^6 fillings).
const MOST_OPEN: usize = 6;

#[derive(Debug, Clone)]
struct Case {
    user_config: String,
    start: chrono::Weekday,
    /// (day, time choice, category, minutes, published)
    posts: Vec<(u64, usize, usize, Option<u32>, bool)>,
}

fn times() -> [Option<NaiveTime>; 4] {
    [
        None,
        NaiveTime::from_hms_opt(9, 0, 0),
        NaiveTime::from_hms_opt(12, 30, 0),
        NaiveTime::from_hms_opt(18, 0, 0),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    let slots = prop::collection::vec(0usize..3, 7);
    let rules = (
        0u32..3,     // contest max
        1u32..4,     // partner max
        1u32..4,     // ratio min
        0u32..3,     // ratio width
        1u32..4,     // streak max
        100u32..260, // budget
        any::<bool>(),
    );
    let start = prop::sample::select(vec![
        chrono::Weekday::Mon,
        chrono::Weekday::Sun,
        chrono::Weekday::Sat,
    ]);
    let posts = prop::collection::vec(
        (
            0u64..7,
            0usize..4,
            0usize..4,
            prop::option::of(5u32..60),
            prop::bool::weighted(0.2),
        ),
        0..9,
    );
    (slots, rules, start, posts).prop_map(
        |(slots, (contest, partner, lo, width, streak, budget, share), start, posts)| {
            let days = [
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday",
            ];
            let mut user = String::from("[slots]\n");
            for (day, n) in days.iter().zip(&slots) {
                let list = ["[]", "[\"09:00\"]", "[\"09:00\", \"18:00\"]"][*n];
                user.push_str(&format!("{day} = {list}\n"));
            }
            user.push_str(&format!(
                "[rules.contest-limit]\nmax = {contest}\n[rules.partner-limit]\nmax = {partner}\n\
                 [rules.everyday-per-business]\nmin = {lo}\nmax = {}\n\
                 [rules.promo-streak]\nmax = {streak}\n[rules.weekly-budget]\nmax_minutes = {budget}\n",
                lo + width
            ));
            if share {
                user.push_str(
                    "[rules.business-share]\nkind = \"share\"\ncategories = [\"business\"]\nmin = 10\nmax = 30\n",
                );
            }
            Case {
                user_config: user,
                start,
                posts,
            }
        },
    )
}

fn build(case: &Case) -> (Config, Schedule, Week) {
    let mut config = Config::from_layers(&[("builtin", DEFAULT_TOML), ("user", &case.user_config)])
        .expect("generated configs are valid");
    config.week_start = WeekStart(case.start);
    let week = Week::parse("2026-11-25", config.week_start).expect("a date");
    let mut schedule = Schedule::new();
    for &(day, time, cat, minutes, published) in &case.posts {
        let mut p = Post::new(week.start() + Days::new(day), KEYS[cat], "fixed");
        p.time = times()[time];
        p.minutes = minutes;
        if published {
            p.status = Status::Published;
        }
        schedule.insert(p);
    }
    (config, schedule, week)
}

/// The fewest findings any filling of the open slots leaves, trying them all.
fn brute_force_fewest(config: &Config, schedule: &Schedule, week: Week) -> usize {
    let slots = open_slots(config, week, schedule.week(week));
    let n = slots.len();
    let mut best = usize::MAX;
    for code in 0..KEYS.len().pow(n as u32) {
        let mut c = code;
        let mut items: Vec<Item> = schedule.week(week).map(|p| Item::of(p, config)).collect();
        for slot in &slots {
            let key = KEYS[c % KEYS.len()];
            c /= KEYS.len();
            items.push(Item {
                date: slot.date,
                time: Some(slot.time),
                category: key,
                minutes: config.category(key).map_or(0, |k| k.minutes),
            });
        }
        items.sort_by_key(|i| (i.date, i.time));
        best = best.min(analyze_items(config, week, &items).findings.len());
        if best == 0 {
            break;
        }
    }
    best
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn the_plan_has_the_fewest_findings_any_filling_can_have(case in case()) {
        let (config, schedule, week) = build(&case);
        let open = open_slots(&config, week, schedule.week(week)).len();
        prop_assume!(open <= MOST_OPEN);
        let plan = plan_week(&config, &schedule, week);
        let fewest = brute_force_fewest(&config, &schedule, week);
        prop_assert_eq!(plan.report.findings.len(), fewest, "{:?}", plan.report.findings);
        prop_assert_eq!(plan.balanced(), fewest == 0);
    }

    #[test]
    fn accepting_the_plan_adds_one_idea_per_open_slot_and_changes_nothing_else(case in case()) {
        let (config, schedule, week) = build(&case);
        let plan = plan_week(&config, &schedule, week);
        let open = open_slots(&config, week, schedule.week(week));
        prop_assert_eq!(plan.proposals.len(), open.len());
        let mut after = schedule.clone();
        for post in plan.posts(&config) {
            after.insert(post);
        }
        for post in schedule.iter() {
            prop_assert_eq!(after.get(&post.id), Some(post));
        }
        prop_assert_eq!(after.len(), schedule.len() + open.len());
        prop_assert!(open_slots(&config, week, after.week(week)).is_empty());
        prop_assert_eq!(mixcal::mix::analyze_week(&config, &after, week), plan.report);
    }

    #[test]
    fn what_cannot_be_fixed_is_only_said_of_weeks_that_cannot_balance(case in case()) {
        let (config, schedule, week) = build(&case);
        let plan = plan_week(&config, &schedule, week);
        if plan.balanced() {
            prop_assert!(plan.unfixable.is_empty());
            prop_assert!(plan.change.is_none());
        }
        for f in &plan.unfixable {
            prop_assert!(plan.report.findings.contains(f));
        }
        if let Some(change) = &plan.change {
            // Moving the named posts really lets the open slots balance the week.
            let mut moved = schedule.clone();
            for id in &change.moves {
                let post = moved.get(id).cloned();
                prop_assert!(post.as_ref().is_some_and(|p| p.status != Status::Published));
                moved.remove(id);
            }
            prop_assert!(plan_week(&config, &moved, week).balanced());
        }
    }
}
