//! The planner and the repair against brute force, on random partial weeks
//! under random rule settings and a random "now":
//! - a week some filling of the open slots balances (each slot filled or left
//!   empty) is balanced by the plan, with no change to its posts and as many
//!   slots filled as any balanced filling has; otherwise the plan's changes
//!   balance it, or it says what blocks it and leaves the fewest findings any
//!   filling can, making no rule fail that held;
//! - the repair, when there is one, passes `check`, never touches a published
//!   or past post, and no single change of the same kinds or cheaper would do;
//! - no slot in the past is ever proposed.

use chrono::{Days, NaiveDateTime, NaiveTime};
use mixcal::testing::config::{Config, DEFAULT_TOML};
use mixcal::testing::domain::{Post, Schedule, Status, WEEKDAYS, Week, WeekStart};
use mixcal::testing::mix::{Change, Item, Mix, Rules, Verdict, WeekFacts, edits, open_slots};
use proptest::prelude::*;

const KEYS: [&str; 4] = ["everyday", "business", "partner", "contest"];

/// Brute force gives up above this many open slots (4^6 fillings: each slot
/// one of three categories, or empty).
const MOST_OPEN: usize = 6;

#[derive(Debug, Clone)]
struct Case {
    user_config: String,
    start: chrono::Weekday,
    /// Days and hours after the week's start that "now" is.
    now: (u64, u32),
    /// (day, time choice, category, minutes, status)
    posts: Vec<(u64, usize, usize, Option<u32>, u8)>,
}

fn times() -> [Option<NaiveTime>; 5] {
    [
        None,
        NaiveTime::from_hms_opt(7, 30, 0),
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
    let now = (0u64..4, 0u32..24);
    let posts = prop::collection::vec(
        (
            0u64..7,
            0usize..5,
            0usize..4,
            prop::option::of(5u32..60),
            0u8..10,
        ),
        0..9,
    );
    (slots, rules, start, now, posts).prop_map(
        |(slots, (contest, partner, lo, width, streak, budget, share), start, now, posts)| {
            let days = WEEKDAYS;
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
                now,
                posts,
            }
        },
    )
}

struct Built {
    config: Config,
    rules: Rules,
    schedule: Schedule,
    week: Week,
    now: NaiveDateTime,
}

fn build(case: &Case) -> Built {
    let mut config = Config::from_layers(&[("builtin", DEFAULT_TOML), ("user", &case.user_config)])
        .expect("generated configs are valid");
    config.week_start = WeekStart(case.start);
    let rules = Rules::compile(&config).expect("generated rules are valid");
    let week = Week::parse("2026-11-25", config.week_start).expect("a date");
    let mut schedule = Schedule::new();
    for (i, &(day, time, cat, minutes, status)) in case.posts.iter().enumerate() {
        let mut p = Post::new(week.start() + Days::new(day), KEYS[cat], "fixed");
        p.id = format!("p{i}");
        p.time = times()[time];
        p.minutes = minutes;
        p.status = match status {
            0..2 => Status::Published,
            2..5 => Status::Idea,
            _ => Status::Planned,
        };
        schedule.insert(p);
    }
    let (days, hours) = case.now;
    let now = (week.start() + Days::new(days)).and_time(NaiveTime::MIN)
        + chrono::TimeDelta::hours(i64::from(hours));
    Built {
        config,
        rules,
        schedule,
        week,
        now,
    }
}

impl Built {
    fn mix(&self) -> Mix<'_> {
        Mix::new(&self.config, &self.rules, self.now)
    }
}

/// Over every filling of the open slots (each slot one of the categories the
/// planner may propose, or left empty) that puts a post in the week: the
/// fewest failing findings, and with none, the most slots filled. No rule of
/// these cases asks for contests, so none is proposed (a contest is never
/// filler).
fn brute_force_fewest(b: &Built, schedule: &Schedule) -> (usize, usize) {
    let slots = open_slots(&b.config, b.week, schedule.week(b.week), b.now);
    let n = slots.len();
    let base: Vec<Item> = schedule
        .week(b.week)
        .map(|p| Item::of(p, &b.config, b.now))
        .collect();
    const PROPOSED: usize = 3; // everyday, business, partner
    let choices = PROPOSED + 1;
    let mut best = (usize::MAX, 0);
    for code in 0..choices.pow(n as u32) {
        let mut c = code;
        let mut items = base.clone();
        let mut filled = 0;
        for slot in &slots {
            let index = c % choices;
            c /= choices;
            if index < PROPOSED {
                items.push(Item::proposed(&b.config, index, slot));
                filled += 1;
            }
        }
        if items.is_empty() {
            continue;
        }
        items.sort_by_key(Item::at);
        // The rules' own checks, without the sentences' extras.
        let facts = WeekFacts::new(&b.config, b.week, &items, &[]);
        let failing: usize = b
            .rules
            .iter()
            .filter(|r| r.severity.fails())
            .map(|r| r.check(&facts).len())
            .sum();
        if failing < best.0 || (failing == 0 && filled > best.1) {
            best = (failing, filled);
        }
    }
    best
}

/// A report as words and numbers, without the ids of posts not yet added.
fn summary(
    b: &Built,
    r: &mixcal::testing::mix::WeekReport,
) -> (Vec<(String, u32)>, u32, u32, Vec<String>) {
    let words = b.mix().words();
    (
        r.counts.iter().map(|(k, n)| (k.clone(), *n)).collect(),
        r.total,
        r.minutes,
        r.findings
            .iter()
            .map(|f| format!("{}: {}", f.rule, words.message(f)))
            .collect(),
    )
}

/// The schedule with concrete changes done.
fn changed(b: &Built, schedule: &Schedule, changes: &[Change]) -> Schedule {
    let e = edits(&b.config, schedule, changes);
    let mut after = schedule.clone();
    for p in &e.before {
        after.remove(&p.id);
    }
    for p in e.after {
        after.insert(p);
    }
    after
}

/// The tier of a change, cheapest first: make an idea, then a planned post,
/// an everyday post; add in an open slot; move; remove an idea.
fn tier(schedule: &Schedule, change: &Change) -> u8 {
    let status = change
        .post()
        .and_then(|p| p.id.as_deref())
        .and_then(|id| schedule.get(id))
        .map(|p| p.status);
    match change {
        Change::Recategorise { .. } if status == Some(Status::Idea) => 1,
        Change::Recategorise { .. } => 2,
        Change::Add { .. } => 3,
        Change::Move { .. } => 4,
        Change::Remove { .. } => 5,
        Change::Cut { .. } | Change::Channel { .. } => 6,
    }
}

/// Whether the repair may give a post another category: only to everyday (a
/// post is never made promotional), and never a contest or a post naming its
/// partner.
fn may_recategorise(post: &Post, to: &str) -> bool {
    to == "everyday"
        && post.category != "contest"
        && !(post.category == "partner" && post.partner.is_some())
}

/// Every single change the repair may make to the week, up to a tier.
fn single_changes(b: &Built, most_tier: u8) -> Vec<Change> {
    let mut out = Vec::new();
    for p in b.schedule.week(b.week) {
        if mixcal::testing::mix::is_locked(p, b.now) {
            continue;
        }
        let post = mixcal::testing::mix::PostRef::of(p);
        for key in KEYS
            .iter()
            .filter(|k| **k != p.category && may_recategorise(&p, k))
        {
            out.push(Change::Recategorise {
                post: post.clone(),
                from: p.category.clone(),
                to: key.to_string(),
            });
        }
        out.push(Change::Move {
            post: post.clone(),
            to: p.date + Days::new(7),
        });
        if p.status == Status::Idea {
            out.push(Change::Remove { post });
        }
    }
    for slot in open_slots(&b.config, b.week, b.schedule.week(b.week), b.now) {
        for key in KEYS {
            out.push(Change::Add {
                category: key.to_string(),
                count: 1,
                at: Some(mixcal::testing::mix::Spot {
                    date: slot.date,
                    time: slot.time,
                    channel: slot.channel.clone(),
                }),
            });
        }
    }
    out.retain(|c| tier(&b.schedule, c) <= most_tier);
    out
}

fn touches_only_open_posts(
    b: &Built,
    schedule: &Schedule,
    changes: &[Change],
) -> Result<(), String> {
    for change in changes {
        let Some(post) = change.post() else { continue };
        let id = post
            .id
            .as_deref()
            .ok_or("a change to a post without an id")?;
        let p = schedule.get(id).ok_or(format!("no post {id}"))?;
        let p = mixcal::testing::domain::Dated::of(p).ok_or(format!("{id} is an idea"))?;
        if mixcal::testing::mix::is_locked(p, b.now) {
            return Err(format!("{change:?} touches a published or past post"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_plan_balances_what_can_be_balanced_and_else_leaves_the_fewest_findings(case in case()) {
        let b = build(&case);
        let open = open_slots(&b.config, b.week, b.schedule.week(b.week), b.now).len();
        prop_assume!(open <= MOST_OPEN);
        let plan = b.mix().plan(&b.schedule, b.week);
        prop_assert!(plan.complete);
        let (fewest, most) = brute_force_fewest(&b, &b.schedule);
        if fewest == 0 {
            prop_assert!(plan.balanced(), "{:?}", plan.report.findings);
            prop_assert!(plan.changes.is_empty());
            prop_assert_eq!(plan.proposals.len(), most, "{:?}", plan.unfilled);
        } else if plan.blocked.is_none() {
            // The proposals and the changes together balance the week.
            touches_only_open_posts(&b, &b.schedule, &plan.changes).map_err(TestCaseError::fail)?;
            let mut after = changed(&b, &b.schedule, &plan.changes);
            for p in plan.posts(&b.config) {
                after.insert(p);
            }
            let report = b.mix().check(&after, b.week);
            prop_assert!(report.ok(), "{:?} then {:?}", plan.changes, report.findings);
        } else {
            prop_assert!(plan.changes.is_empty());
            // No rule that held fails once the proposals are in.
            let before: Vec<_> = b.mix().check(&b.schedule, b.week).failing().map(|f| f.rule.clone()).collect();
            for f in plan.report.failing() {
                prop_assert!(before.contains(&f.rule), "{} fails only with the proposals", f.rule);
            }
        }
    }

    #[test]
    fn accepting_the_plan_adds_one_idea_per_proposal_and_changes_nothing_else(case in case()) {
        let b = build(&case);
        let plan = b.mix().plan(&b.schedule, b.week);
        let open = open_slots(&b.config, b.week, b.schedule.week(b.week), b.now);
        prop_assert_eq!(plan.proposals.len() + plan.unfilled.len(), open.len());
        prop_assert!(plan.proposals.iter().all(|p| p.date.and_time(p.time) >= b.now));
        let mut after = b.schedule.clone();
        for post in plan.posts(&b.config) {
            after.insert(post);
        }
        for post in b.schedule.iter() {
            prop_assert_eq!(after.get(&post.id), Some(post));
        }
        prop_assert_eq!(after.len(), b.schedule.len() + plan.proposals.len());
        prop_assert_eq!(
            open_slots(&b.config, b.week, after.week(b.week), b.now),
            plan.unfilled.clone()
        );
        // The plan's report is the week as `check` sees it once the ideas are in
        // (the ideas' ids are only given when they are added).
        prop_assert_eq!(summary(&b, &b.mix().check(&after, b.week)), summary(&b, &plan.report));
    }

    #[test]
    fn the_repair_passes_check_and_never_touches_a_published_or_past_post(case in case()) {
        let b = build(&case);
        let review = b.mix().review(&b.schedule, b.week);
        match &review.verdict {
            Verdict::NothingPlanned => prop_assert_eq!(review.report.total, 0),
            Verdict::Balanced => prop_assert!(review.report.ok() && review.report.total > 0),
            Verdict::Blocked(_) => prop_assert!(!review.report.ok()),
            Verdict::Repair(repair) => {
                prop_assert!(!review.report.ok());
                touches_only_open_posts(&b, &b.schedule, &repair.changes).map_err(TestCaseError::fail)?;
                let after = changed(&b, &b.schedule, &repair.changes);
                let report = b.mix().check(&after, b.week);
                prop_assert!(report.ok(), "{:?} leaves {:?}", repair.changes, report.findings);
                prop_assert!(report.total > 0, "a repair never empties the week");
                // Cheapest first: no single change of the repair's kinds, or of a
                // cheaper kind, would do when it makes more than one.
                let most = repair.changes.iter().map(|c| tier(&b.schedule, c)).max().unwrap_or(0);
                if repair.size() > 1 {
                    for single in single_changes(&b, most) {
                        let after = changed(&b, &b.schedule, std::slice::from_ref(&single));
                        let report = b.mix().check(&after, b.week);
                        // A ratio is not met by taking away every post it is a ratio of.
                        let count = |r: &mixcal::testing::mix::WeekReport, k: &str| r.counts[k];
                        let had = count(&review.report, "business") + count(&review.report, "everyday") > 0;
                        let keeps = !had || count(&report, "business") > 0;
                        prop_assert!(
                            !(report.ok() && report.total > 0 && keeps),
                            "{single:?} alone balances the week, but the repair is {:?}",
                            repair.changes
                        );
                    }
                }
                // Adds go to open slots still to come.
                let open = open_slots(&b.config, b.week, b.schedule.week(b.week), b.now);
                for change in &repair.changes {
                    if let Change::Add { at, .. } = change {
                        let at = at.as_ref().expect("a repair's add has its slot");
                        prop_assert!(open.iter().any(|s| s.date == at.date && s.time == at.time));
                    }
                }
            }
        }
    }
}
