//! `mixcal review`: which accounts earn their time. The figures of
//! `tests/fixtures/review.toml` are worked out by hand below; the two-month
//! fixture is a bakery's real-looking log, on which the review must say which
//! account to keep and which to drop.

use insta::assert_snapshot;
use serde_json::{Value, json};

use crate::common::{Dir, Output};

fn ok(out: Output) -> Output {
    assert_eq!(out.code, Some(0), "{out:#?}");
    assert_eq!(out.stderr, "", "{out:#?}");
    out
}

fn bad_input(out: Output) -> String {
    assert_eq!(out.code, Some(2), "{out:#?}");
    assert!(!out.stderr.contains("panicked"), "{out:#?}");
    out.stderr
}

fn review(dir: &Dir, file: &str, args: &[&str]) -> Output {
    review_on(dir, file, args, crate::common::TODAY)
}

/// `mixcal review` as if today were `today`.
fn review_on(dir: &Dir, file: &str, args: &[&str], today: &str) -> Output {
    let mut all = vec!["review", "--file", file];
    all.extend_from_slice(args);
    dir.mixcal(&all).env("MIXCAL_TODAY", today).output()
}

/// The four weeks of `review.toml`, as JSON.
fn four_weeks() -> Value {
    let dir = Dir::new();
    dir.fixture("review.toml");
    let out = ok(review(
        &dir,
        "review.toml",
        &["--from", "2026-11-02", "--to", "2026-11-29", "--json"],
    ));
    serde_json::from_str(&out.stdout).unwrap()
}

fn channel<'a>(v: &'a Value, name: &Value) -> &'a Value {
    v["channels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["channel"] == *name)
        .unwrap_or_else(|| panic!("no channel {name} in {v:#}"))
}

/// By hand: LinkedIn's four Monday posts took 45 minutes each (180) and brought
/// one response; 1 / 3 h = 0.33 an hour, under `drop_below` (0.5). The period
/// is four weeks, shorter than `drop_silent_weeks` (6), so only the rate
/// speaks. Its halves: 1 response in 90 minutes (0.67 an hour), then none.
#[test]
fn linkedin_adds_up_to_a_drop_by_its_rate() {
    let v = four_weeks();
    let c = channel(&v, &json!("linkedin"));
    assert_eq!(
        (&c["posts"], &c["minutes"], &c["responses"], &c["logged"]),
        (&json!(4), &json!(180), &json!(1), &json!(4))
    );
    assert_eq!(c["responses_per_hour"], json!(0.33));
    assert_eq!(
        c["trend"],
        json!({"direction": "falling", "before": 0.67, "after": 0.0, "change_percent": -100.0})
    );
    assert_eq!(
        c["mix"],
        json!({"everyday": 0, "business": 4, "partner": 0, "contest": 0})
    );
    assert_eq!(
        (&c["verdict"], &c["reason"]),
        (&json!("drop"), &json!("rate"))
    );
    assert_eq!(
        c["advice"],
        "linkedin: 3 h over 4 weeks, 1 response (0.3 an hour) → consider dropping it"
    );
}

/// By hand: Instagram published six posts (the planned one of Nov 12 does not
/// count, nor the one of Oct 30 before the period). Minutes 15 (planned, no
/// spent) + 20 + 10 + 30 (planned business) + 15 + 15 = 105. Responses
/// 6 + 4 + 5 + 2 + 9 = 26 from five logged posts; the Nov 17 post is not
/// logged, so the rate divides by the other 90 minutes: 26 / 1.5 h = 17.33.
/// Halves: 17 responses in 75 minutes (13.6 an hour), then 9 in 15 (36):
/// +165%.
#[test]
fn instagram_adds_up_to_the_best_use_of_the_time() {
    let v = four_weeks();
    let c = channel(&v, &json!("instagram"));
    assert_eq!(
        (&c["posts"], &c["minutes"], &c["responses"], &c["logged"]),
        (&json!(6), &json!(105), &json!(26), &json!(5))
    );
    assert_eq!(c["responses_per_hour"], json!(17.33));
    assert_eq!(c["trend"]["before"], json!(13.6));
    assert_eq!(c["trend"]["after"], json!(36.0));
    assert_eq!(c["trend"]["change_percent"], json!(165.0));
    assert_eq!(c["mix"]["everyday"], json!(5));
    assert_eq!(c["mix"]["business"], json!(1));
    assert_eq!(
        (&c["verdict"], &c["reason"]),
        (&json!("grow"), &json!("best"))
    );
    let weeks: Vec<(i64, i64, i64)> = c["per_week"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["posts"].as_i64().unwrap(),
                w["minutes"].as_i64().unwrap(),
                w["responses"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(weeks, [(2, 35, 10), (2, 40, 7), (1, 15, 0), (1, 15, 9)]);
}

/// By hand: Facebook 25 + 20 + 20 + 20 = 85 minutes, 2 responses: 2 / (85/60)
/// = 1.41 an hour, between `drop_below` and `shrink_below` (2). The post
/// without a channel is one post: too few to judge.
#[test]
fn facebook_shrinks_and_a_single_post_is_not_judged() {
    let v = four_weeks();
    let c = channel(&v, &json!("facebook"));
    assert_eq!((&c["minutes"], &c["responses"]), (&json!(85), &json!(2)));
    assert_eq!(c["responses_per_hour"], json!(1.41));
    assert_eq!(c["verdict"], json!("shrink"));
    assert_eq!(c["trend"]["change_percent"], json!(-58.0));
    let none = channel(&v, &Value::Null);
    assert_eq!(
        (&none["verdict"], &none["reason"]),
        (&Value::Null, &json!("too_few"))
    );
    assert_eq!(none["trend"], Value::Null);
    // Channels come by time spent, most first.
    let order: Vec<&Value> = v["channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["channel"])
        .collect();
    assert_eq!(
        order,
        [
            &json!("linkedin"),
            &json!("instagram"),
            &json!("facebook"),
            &Value::Null
        ]
    );
}

/// By hand: the weeks took 105, 85, 90 and 100 minutes, 380 in all, 95 a week,
/// within the 180-minute budget every week. Café Müller was promoted twice
/// (written two ways), Rad & Tat once, and one partner post names no one.
#[test]
fn time_and_partners_add_up() {
    let v = four_weeks();
    let t = &v["time"];
    let minutes: Vec<&Value> = t["per_week"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| &w["minutes"])
        .collect();
    assert_eq!(minutes, [&json!(105), &json!(85), &json!(90), &json!(100)]);
    assert_eq!(
        (&t["minutes"], &t["average_minutes"], &t["budget_minutes"]),
        (&json!(380), &json!(95), &json!(180))
    );
    assert!(
        t["per_week"]
            .as_array()
            .unwrap()
            .iter()
            .all(|w| w["over_budget"] == json!(false))
    );
    assert_eq!(
        t["summary"],
        "Time: 1.6 h a week on average over 4 weeks, against a budget of 3 h; within it every week"
    );
    assert_eq!(
        v["partners"],
        json!([
            {"partner": "Café Müller", "posts": [
                {"date": "2026-11-05", "channel": "facebook", "id": "a4", "title": "Meet Café Müller"},
                {"date": "2026-11-25", "channel": "facebook", "id": "d3", "title": "Café Müller again"},
            ]},
            {"partner": "Rad & Tat", "posts": [
                {"date": "2026-11-20", "channel": "facebook", "id": "c3", "title": "Bikes from Rad & Tat"},
            ]},
        ])
    );
    assert_eq!(v["unnamed_partner_posts"], json!(1));
    assert_eq!(
        (&v["from"], &v["to"], &v["weeks"]),
        (&json!("2026-11-02"), &json!("2026-11-29"), &json!(4))
    );
}

#[test]
fn the_report_reads_as_advice_with_the_numbers() {
    let dir = Dir::new();
    dir.fixture("review.toml");
    let out = ok(review(
        &dir,
        "review.toml",
        &["--from", "2026-11-02", "--to", "2026-11-29"],
    ));
    assert_snapshot!(out.stdout, @r#"
    Review 2 Nov – 29 Nov 2026 (4 weeks)  15 published, 6.3 h, 31 responses

      channel     posts     time  responses  per hour  trend      mix
      linkedin        4      3 h          1       0.3  ↓ -100%    B4
      instagram       6    1.8 h         26      17.3  ↑ +165%    E5 B1
      facebook        4    1.4 h          2       1.4  ↓ -58%     P4
      no channel      1   10 min          2        12  –          E1

    Advice
      ✗ linkedin: 3 h over 4 weeks, 1 response (0.3 an hour) → consider dropping it
      ↑ instagram: 1.8 h over 4 weeks, 26 responses (17.3 an hour), 1 post not logged → the best use of your time
      ↓ facebook: 1.4 h over 4 weeks, 2 responses (1.4 an hour) → give it less time
      · no channel: 1 post, 10 min, 2 responses → too few to judge yet (4 published posts needed)

    Partners promoted
      Café Müller: Thu 5 Nov on facebook, Wed 25 Nov on facebook
      Rad & Tat: Fri 20 Nov on facebook
      1 partner post names no partner: add partner = "..." to see who was promoted

    Time: 1.6 h a week on average over 4 weeks, against a budget of 3 h; within it every week
    "#);
}

/// The done-when of the channels work: two months of logging, and the review
/// tells the owner which account to keep and which to drop.
#[test]
fn two_months_of_logging_say_which_account_to_keep_and_which_to_drop() {
    let dir = Dir::new();
    dir.fixture("two-months.toml");
    let out = ok(review_on(
        &dir,
        "two-months.toml",
        &["--weeks", "8"],
        "2026-11-25",
    ));
    let advice: Vec<&str> = out
        .stdout
        .lines()
        .skip_while(|l| *l != "Advice")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(advice.len(), 4, "{}", out.stdout);
    assert!(
        advice[0].starts_with("  ✗ linkedin: 11 h over 8 weeks, 1 response, none in the last 6 weeks → consider dropping it"),
        "{advice:#?}"
    );
    assert!(
        advice[1].starts_with("  ↑ instagram: 8.1 h over 8 weeks, 175 responses")
            && advice[1].ends_with("→ the best use of your time"),
        "{advice:#?}"
    );
    assert!(advice[2].ends_with("→ give it less time"), "{advice:#?}");
    assert!(advice[3].contains("too few to judge yet"), "{advice:#?}");
    // Without --weeks the config's eight weeks are the period, to today.
    let default = ok(review_on(&dir, "two-months.toml", &[], "2026-11-25"));
    assert_eq!(default.stdout, out.stdout);
    assert!(
        out.stdout
            .starts_with("Review 5 Oct – 25 Nov 2026 (8 weeks)"),
        "{}",
        out.stdout
    );
}

#[test]
fn thresholds_come_from_the_users_config() {
    let dir = Dir::new();
    dir.fixture("review.toml");
    dir.write(
        "lenient.toml",
        "[review]\ndrop_below = 0.2\nmin_posts = 1\n",
    );
    let out = ok(review(
        &dir,
        "review.toml",
        &[
            "--from",
            "2026-11-02",
            "--to",
            "2026-11-29",
            "--json",
            "--config",
            "lenient.toml",
        ],
    ));
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(channel(&v, &json!("linkedin"))["verdict"], json!("shrink"));
    assert_eq!(channel(&v, &Value::Null)["verdict"], json!("grow"));
    dir.write("broken.toml", "[review]\ngrow_from = 1\n");
    let err = bad_input(review(&dir, "review.toml", &["--config", "broken.toml"]));
    assert!(err.contains("broken.toml:2:"), "{err}");
    assert!(
        err.contains("`shrink_below` (2) is above `grow_from` (1)"),
        "{err}"
    );
}

#[test]
fn a_period_without_published_posts_says_how_to_log_them() {
    let dir = Dir::new();
    dir.fixture("review.toml");
    let out = ok(review(
        &dir,
        "review.toml",
        &["--from", "2025-01-01", "--to", "2025-01-31"],
    ));
    assert!(
        out.stdout.starts_with(
            "No published posts from 1 Jan – 31 Jan 2025 (5 weeks): mark posts published with p"
        ),
        "{}",
        out.stdout
    );
    let v: Value = serde_json::from_str(
        &ok(review(
            &dir,
            "review.toml",
            &["--from", "2025-01-01", "--to", "2025-01-31", "--json"],
        ))
        .stdout,
    )
    .unwrap();
    assert_eq!(v["channels"], json!([]));
    assert_eq!(v["time"]["minutes"], json!(0));
}

#[test]
fn bad_periods_are_refused_with_what_to_write() {
    let dir = Dir::new();
    dir.fixture("review.toml");
    for (args, expected) in [
        (
            &["--weeks", "0"][..],
            "--weeks: `0` is not a number of weeks",
        ),
        (
            &["--weeks", "eight"][..],
            "write a whole number from 1 to 520",
        ),
        (
            &["--from", "2026-11-30", "--to", "2026-11-01"][..],
            "swap the two dates",
        ),
        (&["--from", "2026-02-30"][..], "February 2026 has 28 days"),
        (
            &["--weeks", "2", "--from", "2026-11-01"][..],
            "cannot be used with",
        ),
    ] {
        let err = bad_input(review(&dir, "review.toml", args));
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    let err = bad_input(review(&dir, "missing.toml", &[]));
    assert!(err.contains("missing.toml"), "{err}");
}

/// A sheet of ids, statuses, minutes spent and responses logs how posts did,
/// and the review reads it.
#[test]
fn a_sheet_of_ids_logs_what_posts_brought() {
    let dir = Dir::new();
    dir.fixture("review.toml");
    dir.write(
        "log.csv",
        "id,status,spent,responses\nb4,Published,25,12\nc2,published,15.0,3\n",
    );
    let out = dir
        .mixcal(&[
            "import",
            "--format",
            "csv",
            "log.csv",
            "--file",
            "review.toml",
        ])
        .output();
    assert_eq!(out.code, Some(0), "{out:#?}");
    assert!(out.stdout.contains("0 added, 2 updated"), "{out:#?}");
    let text = dir.read("review.toml");
    assert!(
        text.contains("id = \"b4\"\ndate = 2026-11-12\ntime = 18:00:00\ncategory = \"everyday\"\ntitle = \"Never went out\"\nchannel = \"instagram\"\nstatus = \"published\"\nspent = 25\nresponses = 12\n"),
        "{text}"
    );
    let out = ok(review(
        &dir,
        "review.toml",
        &["--from", "2026-11-02", "--to", "2026-11-29", "--json"],
    ));
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    let c = channel(&v, &json!("instagram"));
    assert_eq!(
        (&c["posts"], &c["minutes"], &c["responses"], &c["logged"]),
        (&json!(7), &json!(130), &json!(41), &json!(7))
    );
    // A bad number is an error at its cell, and nothing is written.
    dir.write("bad.csv", "id,responses\nb4,-3\n");
    let err = bad_input(
        dir.mixcal(&[
            "import",
            "--format",
            "csv",
            "bad.csv",
            "--file",
            "review.toml",
        ])
        .output(),
    );
    assert!(
        err.contains("row 2, column B (responses): `-3` is not a number of responses"),
        "{err}"
    );
}
