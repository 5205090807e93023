use chrono::{Days, NaiveDate};

use super::*;
use crate::config::{BUILTIN_NAME, DEFAULT_TOML};

fn config() -> Config {
    Config::builtin().unwrap()
}

fn rules() -> Rules {
    Rules::compile(&config()).unwrap()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Monday 2026-09-28 starts week 1 of the reviews below.
fn monday(week: u64) -> NaiveDate {
    d("2026-09-28") + Days::new(7 * (week - 1))
}

/// One published or planned post: week (1-based), channel, category, spent,
/// responses, status.
type Row<'a> = (
    u64,
    Option<&'a str>,
    &'a str,
    Option<u32>,
    Option<u32>,
    Status,
);

/// A schedule from rows.
fn schedule(posts: &[Row]) -> Schedule {
    let mut s = Schedule::new();
    for (i, (week, channel, category, spent, responses, status)) in posts.iter().enumerate() {
        let mut p = Post::new(
            monday(*week) + Days::new(i as u64 % 7),
            category,
            &format!("post {i}"),
        );
        p.id = format!("p{i}");
        p.channel = channel.map(str::to_string);
        p.spent = *spent;
        p.responses = *responses;
        p.status = *status;
        s.insert(p);
    }
    s
}

fn eight_weeks() -> Span {
    Span {
        from: monday(1),
        to: monday(8) + Days::new(6),
    }
}

fn channel<'r>(r: &'r Review, name: Option<&str>) -> &'r Channel {
    r.channels
        .iter()
        .find(|c| c.name.as_deref() == name)
        .unwrap_or_else(|| panic!("no channel {name:?} in {:#?}", r.channels))
}

use Status::{Planned, Published};

#[test]
fn only_published_posts_count_with_spent_else_planned_minutes() {
    let s = schedule(&[
        (
            1,
            Some("instagram"),
            "everyday",
            Some(20),
            Some(5),
            Published,
        ),
        // Planned minutes of a business post: 30.
        (1, Some("instagram"), "business", None, Some(1), Published),
        (2, Some("instagram"), "everyday", Some(10), None, Published),
        (
            2,
            Some("instagram"),
            "everyday",
            Some(99),
            Some(99),
            Planned,
        ),
    ]);
    let r = review(&config(), &rules(), &s, eight_weeks());
    let c = channel(&r, Some("instagram"));
    assert_eq!(
        c.total,
        Figures {
            posts: 3,
            minutes: 60,
            responses: 6,
            logged: 2,
            logged_minutes: 50,
        }
    );
    // 6 responses over the 50 logged minutes: 7.2 an hour.
    assert_eq!(c.total.per_hour(), Some(7.2));
    assert_eq!(c.weeks[0].minutes, 50);
    assert_eq!(c.weeks[1].minutes, 10);
    assert_eq!(c.mix["everyday"], 2);
    assert_eq!(c.mix["business"], 1);
    assert_eq!(c.mix["contest"], 0);
}

#[test]
fn one_channel_written_two_ways_is_one_channel_named_as_most_write_it() {
    let s = schedule(&[
        (1, Some("Instagram"), "everyday", None, Some(1), Published),
        (1, Some("instagram"), "everyday", None, Some(1), Published),
        (2, Some("instagram"), "everyday", None, Some(1), Published),
        (2, None, "everyday", None, Some(1), Published),
    ]);
    let r = review(&config(), &rules(), &s, eight_weeks());
    assert_eq!(r.channels.len(), 2);
    assert_eq!(channel(&r, Some("instagram")).total.posts, 3);
    assert_eq!(channel(&r, None).total.posts, 1);
    assert_eq!(words::channel_name(channel(&r, None)), "no channel");
}

#[test]
fn posts_outside_the_period_are_left_out() {
    let s = schedule(&[
        (1, Some("x"), "everyday", None, Some(1), Published),
        (9, Some("x"), "everyday", None, Some(1), Published),
    ]);
    let r = review(&config(), &rules(), &s, eight_weeks());
    assert_eq!(r.weeks.len(), 8);
    assert_eq!(channel(&r, Some("x")).total.posts, 1);
}

/// Four logged everyday posts a week for eight weeks (15 minutes each: one
/// hour a week), with `responses` a week spread over them.
fn steady(channel: &str, responses: [u32; 8]) -> Vec<Row<'_>> {
    let mut posts = Vec::new();
    for (w, n) in responses.iter().enumerate() {
        for k in 0..4 {
            let share = n / 4 + u32::from(k < n % 4);
            posts.push((
                w as u64 + 1,
                Some(channel),
                "everyday",
                None,
                Some(share),
                Published,
            ));
        }
    }
    posts
}

fn verdict_of(responses: [u32; 8]) -> (Option<Verdict>, Reason) {
    let r = review(
        &config(),
        &rules(),
        &schedule(&steady("c", responses)),
        eight_weeks(),
    );
    let j = channel(&r, Some("c")).judgement;
    (j.verdict, j.reason)
}

#[test]
fn verdicts_follow_responses_per_hour_through_the_bands() {
    // One hour a week: responses a week are responses per hour.
    assert_eq!(verdict_of([0, 0, 1, 0, 0, 0, 0, 1]).0, Some(Verdict::Drop));
    assert_eq!(verdict_of([1; 8]).0, Some(Verdict::Shrink));
    assert_eq!(verdict_of([3; 8]).0, Some(Verdict::Keep));
    // The only grow channel is the best use of the time.
    assert_eq!(verdict_of([6; 8]), (Some(Verdict::Grow), Reason::Best));
    // Exactly on a threshold takes the band above.
    assert_eq!(verdict_of([2; 8]).0, Some(Verdict::Keep));
}

#[test]
fn a_channel_silent_for_its_last_six_weeks_is_dropped_whatever_its_rate() {
    // 40 responses in the first two weeks, then nothing: 5 an hour overall.
    assert_eq!(
        verdict_of([20, 20, 0, 0, 0, 0, 0, 0]),
        (Some(Verdict::Drop), Reason::Silent { weeks: 6 })
    );
    // One response in the sixth-last week breaks the silence.
    assert_eq!(
        verdict_of([20, 20, 1, 0, 0, 0, 0, 0]).0,
        Some(Verdict::Keep)
    );
}

#[test]
fn a_new_or_unlogged_channel_is_not_judged() {
    let s = schedule(&[
        (1, Some("new"), "everyday", None, Some(50), Published),
        (1, Some("quiet"), "everyday", None, None, Published),
        (2, Some("quiet"), "everyday", None, None, Published),
        (3, Some("quiet"), "everyday", None, None, Published),
        (4, Some("quiet"), "everyday", None, None, Published),
    ]);
    let r = review(&config(), &rules(), &s, eight_weeks());
    assert_eq!(
        channel(&r, Some("new")).judgement,
        Judgement {
            verdict: None,
            reason: Reason::TooFew { needed: 4 }
        }
    );
    assert_eq!(
        channel(&r, Some("quiet")).judgement.reason,
        Reason::Unlogged
    );
    let advice = words::advice(channel(&r, Some("quiet")), &r);
    assert!(advice.contains("no responses logged"), "{advice}");
}

#[test]
fn the_best_of_several_grow_channels_is_named_once() {
    let mut posts = steady("a", [6; 8]);
    posts.extend(steady("b", [9; 8]));
    let r = review(&config(), &rules(), &schedule(&posts), eight_weeks());
    assert_eq!(channel(&r, Some("a")).judgement.reason, Reason::Rate);
    assert_eq!(channel(&r, Some("b")).judgement.reason, Reason::Best);
    assert!(words::advice(channel(&r, Some("b")), &r).ends_with("→ the best use of your time"));
    assert!(words::advice(channel(&r, Some("a")), &r).ends_with("→ worth more of your time"));
}

#[test]
fn the_trend_compares_the_halves_of_the_period() {
    let r = review(
        &config(),
        &rules(),
        &schedule(&steady("c", [2, 2, 2, 2, 4, 4, 4, 4])),
        eight_weeks(),
    );
    let t = channel(&r, Some("c")).trend.unwrap();
    assert_eq!(
        (t.before, t.after, t.direction),
        (2.0, 4.0, Direction::Rising)
    );
    assert_eq!(words::trend(Some(&t)), "↑ +100%");
    let r = review(
        &config(),
        &rules(),
        &schedule(&steady("c", [4, 4, 4, 4, 3, 3, 3, 3])),
        eight_weeks(),
    );
    // -25% is exactly the default trend_change.
    assert_eq!(
        channel(&r, Some("c")).trend.unwrap().direction,
        Direction::Falling
    );
    let r = review(
        &config(),
        &rules(),
        &schedule(&steady("c", [4, 4, 4, 4, 4, 4, 4, 5])),
        eight_weeks(),
    );
    assert_eq!(
        words::trend(channel(&r, Some("c")).trend.as_ref()),
        "→ steady"
    );
}

#[test]
fn the_time_per_week_is_held_against_the_budget() {
    // Week 1: 7 contest posts of 45 minutes = 315 minutes, over the 180 budget.
    let mut posts: Vec<_> = (0..7)
        .map(|_| (1, Some("x"), "contest", None, Some(1), Published))
        .collect();
    posts.push((2, Some("x"), "everyday", Some(25), Some(1), Published));
    let r = review(&config(), &rules(), &schedule(&posts), eight_weeks());
    assert_eq!(r.budget, Some(180));
    assert_eq!(r.time[0].minutes, 315);
    assert_eq!(r.time[1].minutes, 25);
    // (315 + 25) / 8 = 42.5, rounded to 43.
    assert_eq!(r.average_minutes(), 43);
    assert_eq!(r.over_budget(), [(r.weeks[0], 315)]);
    assert_eq!(
        words::time(&r),
        "Time: 43 min a week on average over 8 weeks, against a budget of 3 h; over it in 1 of 8 weeks: 2026-W40 5.3 h"
    );
}

#[test]
fn partners_are_listed_by_first_promotion_with_every_date() {
    let mut s = schedule(&[
        (1, Some("instagram"), "partner", None, Some(3), Published),
        (2, Some("facebook"), "partner", None, Some(1), Published),
        (3, None, "partner", None, None, Published),
        (4, Some("instagram"), "partner", None, None, Planned),
    ]);
    for (id, partner) in [
        ("p0", "Café Müller"),
        ("p1", "café müller"),
        ("p3", "Rad & Tat"),
    ] {
        let mut p = s.get(id).unwrap().clone();
        p.partner = Some(partner.into());
        s.insert(p);
    }
    let r = review(&config(), &rules(), &s, eight_weeks());
    assert_eq!(r.partners.len(), 1, "a planned promotion is not one yet");
    assert_eq!(r.partners[0].name, "Café Müller");
    assert_eq!(
        words::partner(&r.partners[0]),
        "Café Müller: Mon 28 Sep on instagram, Tue 6 Oct on facebook"
    );
    assert_eq!(r.unnamed_partner_posts, 1);
}

#[test]
fn the_last_weeks_end_today() {
    let span = last_weeks(d("2026-11-25"), 8, WeekStart::default());
    assert_eq!((span.from, span.to), (d("2026-10-05"), d("2026-11-25")));
}

#[test]
fn thresholds_come_from_the_config() {
    let strict = Config::from_layers(&[
        (BUILTIN_NAME, DEFAULT_TOML),
        ("user.toml", "[review]\nshrink_below = 4\ngrow_from = 10\n"),
    ])
    .unwrap();
    let r = review(
        &strict,
        &Rules::compile(&strict).unwrap(),
        &schedule(&steady("c", [3; 8])),
        eight_weeks(),
    );
    assert_eq!(
        channel(&r, Some("c")).judgement.verdict,
        Some(Verdict::Shrink)
    );
}

#[test]
fn absurd_numbers_saturate_instead_of_stopping() {
    let posts: Vec<Row> = (0..5000)
        .map(|i| {
            (
                1 + i % 8,
                Some("x"),
                "everyday",
                Some(1440),
                Some(1_000_000),
                Published,
            )
        })
        .collect();
    let r = review(&config(), &rules(), &schedule(&posts), eight_weeks());
    let c = channel(&r, Some("x"));
    assert_eq!(c.total.responses, u32::MAX);
    assert_eq!(c.total.minutes, 5000 * 1440);
    assert_eq!(c.judgement.verdict, Some(Verdict::Grow));
}

#[test]
fn many_weeks_over_the_budget_are_named_worst_first_and_counted() {
    // Every week over the 180-minute budget, week 8 the most.
    let posts: Vec<Row> = (1..=8)
        .flat_map(|w| {
            (0..5).map(move |_| {
                (
                    w,
                    Some("x"),
                    "everyday",
                    Some(40 + w as u32),
                    Some(1),
                    Published,
                )
            })
        })
        .collect();
    let r = review(&config(), &rules(), &schedule(&posts), eight_weeks());
    assert_eq!(r.over_budget().len(), 8);
    let text = words::time(&r);
    assert!(
        text.contains("over it in 8 of 8 weeks (most first): 2026-W47 4 h, 2026-W46 3.9 h"),
        "{text}"
    );
    assert!(text.ends_with(", and 2 more"), "{text}");
}

#[test]
fn reasons_have_the_json_names_scripts_read() {
    let names: Vec<&str> = [
        Reason::TooFew { needed: 3 },
        Reason::Unlogged,
        Reason::Silent { weeks: 6 },
        Reason::Rate,
        Reason::Best,
        Reason::NoTime,
    ]
    .into_iter()
    .map(<&str>::from)
    .collect();
    assert_eq!(
        names,
        ["too_few", "unlogged", "silent", "rate", "best", "no_time"]
    );
}
