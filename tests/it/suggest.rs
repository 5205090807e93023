//! `mixcal suggest` as a user meets it: the real binary on files in a temporary
//! folder, checked for exit codes, what it prints and what it writes.

use crate::common::{Dir, Output};
use insta::assert_snapshot;
use mixcal::testing::domain::WEEKDAYS;

fn suggest(dir: &Dir, file: &str, extra: &[&str]) -> Output {
    let mut args = vec!["suggest", "--file", file];
    args.extend_from_slice(extra);
    dir.mixcal(&args).output()
}

const EMPTY: &str = "version = 1\n";

/// A config whose `[slots]` give every weekday the same list.
fn every_day(list: &str) -> String {
    let mut config = String::from("[slots]\n");
    for day in WEEKDAYS {
        config.push_str(&format!("{day} = {list}\n"));
    }
    config
}

/// Two contests in 2026-W48: more than the limit of one, whatever fills the rest.
const TWO_CONTESTS: &str = "version = 1

[[post]]
id = \"tue01\"
date = 2026-11-24
time = 09:00:00
category = \"contest\"
title = \"Guess the jar\"

[[post]]
id = \"fri01\"
date = 2026-11-27
time = 09:00:00
category = \"contest\"
title = \"Giveaway\"
";

#[test]
fn an_empty_week_gets_a_balanced_plan_and_exit_0() {
    let dir = Dir::new();
    dir.write("s.toml", EMPTY);
    let out = suggest(&dir, "s.toml", &["--week", "2026-W48"]);
    assert_eq!(out.code, Some(0), "{out:#?}");
    assert_eq!(out.stderr, "");
    assert_snapshot!(out.stdout, @r"
    2026-W48  Mon 23 Nov – Sun 29 Nov 2026  7 open slots
      Mon 23 Nov 09:00  E everyday  placeholder  everyday-per-business: 5 everyday per business post, target 4–5
      Tue 24 Nov 09:00  E everyday  placeholder  everyday-per-business: 5 everyday per business post, target 4–5
      Wed 25 Nov 09:00  B business  placeholder  needed for everyday-per-business (4–5 everyday per business post)
      Thu 26 Nov 09:00  E everyday  placeholder  everyday-per-business: 5 everyday per business post, target 4–5
      Fri 27 Nov 09:00  E everyday  placeholder  everyday-per-business: 5 everyday per business post, target 4–5
      Sat 28 Nov 09:00  P partner   placeholder  partner-limit: 1 partner post, at most 2 partner posts a week
      Sun 29 Nov 09:00  E everyday  placeholder  everyday-per-business: 5 everyday per business post, target 4–5
      With these: 5 everyday, 1 business, 1 partner, 0 contest · 125 min
      ✓ balanced: every rule holds
      The backlog lacks 20 everyday, 4 business and 4 partner ideas for the next 4 weeks (2026-W48 to 2026-W51); until it has them, those slots get placeholders.
    Run again with --apply to add these (7 placeholders).
    ");
}

#[test]
fn without_apply_nothing_is_written() {
    let dir = Dir::new();
    dir.write("s.toml", TWO_CONTESTS);
    let out = suggest(&dir, "s.toml", &["--week", "2026-W48"]);
    assert_eq!(out.code, Some(1), "{out:#?}");
    assert_eq!(dir.read("s.toml"), TWO_CONTESTS);
    assert_eq!(dir.files(), ["s.toml"]);
}

#[test]
fn the_week_defaults_to_this_week() {
    let dir = Dir::new();
    dir.write("s.toml", EMPTY);
    let out = dir
        .mixcal(&["suggest", "--file", "s.toml"])
        .env("MIXCAL_TODAY", "2026-12-02")
        .output();
    assert_eq!(out.code, Some(0), "{out:#?}");
    assert!(
        out.stdout.starts_with("2026-W49  Mon 30 Nov"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_week_the_slots_alone_cannot_balance_exits_1_and_says_what_else_to_change() {
    let dir = Dir::new();
    dir.write("s.toml", TWO_CONTESTS);
    let out = suggest(&dir, "s.toml", &["--week", "2026-11-25"]);
    assert_eq!(out.code, Some(1), "{out:#?}");
    assert_eq!(out.stderr, "");
    assert_snapshot!(out.stdout, @r#"
    2026-W48  Mon 23 Nov – Sun 29 Nov 2026  5 open slots
      Mon 23 Nov 09:00  E everyday  placeholder  needed for everyday-per-business (4–5 everyday per business post)
      Wed 25 Nov 09:00  E everyday  placeholder  needed for everyday-per-business (4–5 everyday per business post)
      Thu 26 Nov 09:00  E everyday  placeholder  needed for everyday-per-business (4–5 everyday per business post)
      Sat 28 Nov 09:00  B business  placeholder  needed for everyday-per-business (4–5 everyday per business post)
      Sun 29 Nov 09:00  E everyday  placeholder  needed for everyday-per-business (4–5 everyday per business post)
      With these: 4 everyday, 1 business, 0 partner, 2 contest · 180 min
      ! the open slots alone leave 1 finding: contest-limit
      → to balance the week, also move Fri 09:00 "Giveaway" to next week
      The backlog lacks 19 everyday, 4 business and 3 partner ideas for the next 4 weeks (2026-W48 to 2026-W51); until it has them, those slots get placeholders.
    Run again with --apply to add these (5 placeholders).
    "#);
}

#[test]
fn more_slots_than_the_budget_allows_are_left_empty_and_say_why() {
    let dir = Dir::new();
    dir.write("s.toml", EMPTY);
    dir.write("three.toml", &every_day(r#"["09:00", "13:00", "18:00"]"#));
    let out = suggest(
        &dir,
        "s.toml",
        &["--week", "2026-W48", "--config", "three.toml"],
    );
    // The plan fills as many slots as keep every rule holding, and says why
    // the rest stay empty. (It used to fill all 21 and break the budget by
    // 200 minutes, exit 1.)
    assert_eq!(out.code, Some(0), "{out:#?}");
    assert!(out.stdout.contains("21 open slots"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("11 open slots stay empty: another post would break "),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("weekly-budget"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("With these: 8 everyday, 2 business, 0 partner, 0 contest · 180 min"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("✓ balanced"), "{}", out.stdout);
}

#[test]
fn apply_adds_the_plan_as_ideas_and_the_week_then_checks_clean() {
    let dir = Dir::new();
    dir.write("s.toml", EMPTY);
    let out = suggest(&dir, "s.toml", &["--week", "2026-W48", "--apply"]);
    assert_eq!(out.code, Some(0), "{out:#?}");
    assert!(
        out.stdout
            .ends_with("Added 7 posts to s.toml: 7 placeholders.\n"),
        "{}",
        out.stdout
    );
    let text = dir.read("s.toml");
    assert_eq!(text.matches("status = \"idea\"").count(), 7, "{text}");
    assert_eq!(text.matches("title = \"Everyday post idea\"").count(), 5);
    assert_eq!(text.matches("title = \"Business post idea\"").count(), 1);
    assert_eq!(text.matches("title = \"Partner post idea\"").count(), 1);
    assert_eq!(dir.read("s.toml.bak"), EMPTY);
    let check = dir
        .mixcal(&["check", "--file", "s.toml", "--week", "2026-W48"])
        .output();
    assert_eq!(check.code, Some(0), "{check:#?}");
    // Every slot is taken now: a second run proposes nothing and writes nothing.
    let again = suggest(&dir, "s.toml", &["--week", "2026-W48", "--apply"]);
    assert_eq!(again.code, Some(0), "{again:#?}");
    assert!(again.stdout.contains("No open slots"), "{}", again.stdout);
    assert_eq!(dir.read("s.toml"), text);
}

#[test]
fn apply_keeps_the_posts_already_there_unchanged() {
    let dir = Dir::new();
    dir.write("s.toml", TWO_CONTESTS);
    let out = suggest(&dir, "s.toml", &["--week", "2026-W48", "--apply"]);
    assert_eq!(out.code, Some(1), "{out:#?}");
    let text = dir.read("s.toml");
    for kept in [
        "[[post]]\nid = \"tue01\"\ndate = 2026-11-24\ntime = 09:00:00\ncategory = \"contest\"\ntitle = \"Guess the jar\"\nstatus = \"planned\"\n",
        "[[post]]\nid = \"fri01\"\ndate = 2026-11-27\ntime = 09:00:00\ncategory = \"contest\"\ntitle = \"Giveaway\"\nstatus = \"planned\"\n",
    ] {
        assert!(text.contains(kept), "{text}");
    }
    assert_eq!(text.matches("[[post]]").count(), 7);
}

#[test]
fn json_has_the_plan_and_what_cannot_be_fixed() {
    let dir = Dir::new();
    dir.write("s.toml", TWO_CONTESTS);
    let out = suggest(&dir, "s.toml", &["--week", "2026-W48", "--json"]);
    assert_eq!(out.code, Some(1), "{out:#?}");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("one JSON object");
    let keys: Vec<&str> = v
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "week",
            "start",
            "balanced",
            "proposals",
            "unfilled",
            "unfilled_because",
            "unfilled_text",
            "counts",
            "total",
            "minutes",
            "findings",
            "changes",
            "advice",
            "blocked",
            "complete",
            "unfixable",
            "change",
            "applied",
            "added",
            "backlog"
        ]
    );
    assert_eq!(v["balanced"], false);
    assert_eq!(v["backlog"]["weeks"], 4);
    assert_eq!(v["backlog"]["from"], "2026-W48");
    assert_eq!(v["proposals"][0]["from"], serde_json::Value::Null);
    assert_eq!(v["proposals"][0]["title"], "Everyday post idea");
    assert_eq!(v["proposals"].as_array().map(Vec::len), Some(5));
    assert_eq!(v["proposals"][0]["date"], "2026-11-23");
    assert_eq!(v["proposals"][0]["time"], "09:00");
    assert_eq!(v["proposals"][0]["category"], "everyday");
    // The slots alone cannot balance the week; moving the later contest to
    // next week as well does, so nothing is unfixable. (A contest is never
    // made an everyday post: it gives something away.)
    assert_eq!(v["changes"][0]["change"], "move");
    assert_eq!(v["changes"][0]["post"]["id"], "fri01");
    assert_eq!(v["changes"][0]["to"], "2026-12-04");
    assert_eq!(v["unfixable"], serde_json::json!([]));
    assert_eq!(v["blocked"], serde_json::Value::Null);
    assert_eq!(v["complete"], true);
    assert_eq!(
        v["advice"],
        "to balance the week, also move Fri 09:00 \"Giveaway\" to next week"
    );
    assert_eq!(v["applied"], false);
}

#[test]
fn a_missing_file_is_bad_input() {
    let dir = Dir::new();
    let out = suggest(&dir, "nope.toml", &[]);
    assert_eq!(out.code, Some(2), "{out:#?}");
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .starts_with("mixcal: nope.toml: no such schedule file"),
        "{}",
        out.stderr
    );
    assert_eq!(dir.files(), Vec::<String>::new());
}

#[test]
fn a_broken_file_is_bad_input_and_never_written() {
    let dir = Dir::new();
    let broken =
        "version = 1\n[[post]]\ndate = 2026-11-23\ncategory = \"busines\"\ntitle = \"t\"\n";
    dir.write("s.toml", broken);
    let out = suggest(&dir, "s.toml", &["--apply"]);
    assert_eq!(out.code, Some(2), "{out:#?}");
    assert!(
        out.stderr.contains("did you mean `business`?"),
        "{}",
        out.stderr
    );
    assert_eq!(dir.read("s.toml"), broken);
    assert_eq!(dir.files(), ["s.toml"]);
}

#[test]
fn a_bad_week_is_bad_input() {
    let dir = Dir::new();
    dir.write("s.toml", EMPTY);
    let out = suggest(&dir, "s.toml", &["--week", "next week", "--apply"]);
    assert_eq!(out.code, Some(2), "{out:#?}");
    assert!(out.stderr.contains("2026-W48"), "{}", out.stderr);
    assert_eq!(dir.read("s.toml"), EMPTY);
}

#[test]
fn each_week_start_plans_its_own_seven_days() {
    for (start, first) in [
        ("monday", "Mon 23 Nov"),
        ("sunday", "Sun 22 Nov"),
        ("saturday", "Sat 21 Nov"),
    ] {
        let dir = Dir::new();
        dir.write("s.toml", EMPTY);
        dir.write("c.toml", &format!("week_start = \"{start}\"\n"));
        // "Today" a week before, so no slot of the week has passed.
        let run = |extra: &[&str]| {
            let mut args = vec!["suggest", "--file", "s.toml", "--week", "2026-11-23"];
            args.extend_from_slice(&["--config", "c.toml"]);
            args.extend_from_slice(extra);
            dir.mixcal(&args).env("MIXCAL_TODAY", "2026-11-14").output()
        };
        let out = run(&["--json"]);
        assert_eq!(out.code, Some(0), "{out:#?}");
        let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
        let dates: Vec<&str> = v["proposals"]
            .as_array()
            .expect("proposals")
            .iter()
            .filter_map(|p| p["date"].as_str())
            .collect();
        assert_eq!(dates.len(), 7, "{start}");
        let text = run(&[]);
        assert!(
            text.stdout
                .lines()
                .nth(1)
                .is_some_and(|l| l.contains(first)),
            "{start}: {}",
            text.stdout
        );
    }
}

#[test]
fn a_past_empty_week_is_nothing_planned_and_the_backlog_looks_ahead_from_this_week() {
    let dir = Dir::new();
    dir.write("s.toml", EMPTY);
    let out = suggest(&dir, "s.toml", &["--week", "2026-W40"]);
    // Nothing planned is not balanced, and a week that is over has no slot
    // left; the backlog is weighed for the four weeks from this one.
    assert_eq!(out.code, Some(1), "{out:#?}");
    assert_snapshot!(out.stdout, @r"
    2026-W40  Mon 28 Sep – Sun 4 Oct 2026  0 open slots
      This week is over: none of its posting slots is still to come.
      The week: 0 everyday, 0 business, 0 partner, 0 contest · 0 min
      · nothing planned
      The backlog lacks 20 everyday, 4 business and 4 partner ideas for the next 4 weeks (2026-W48 to 2026-W51); until it has them, those slots get placeholders.
    ");
    let out = suggest(&dir, "s.toml", &["--week", "2026-W40", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("one JSON object");
    assert_eq!(v["balanced"], false);
    assert_eq!(v["backlog"]["from"], "2026-W48");
}

#[test]
fn without_slots_to_fill_the_backlog_line_says_so() {
    let dir = Dir::new();
    dir.write("s.toml", EMPTY);
    dir.write("none.toml", &every_day("[]"));
    let out = suggest(&dir, "s.toml", &["--config", "none.toml"]);
    assert_eq!(out.code, Some(1), "{out:#?}");
    assert!(
        out.stdout.contains(
            "The planner proposes no post for the next 4 weeks (2026-W48 to 2026-W51): nothing for the backlog to fill."
        ),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("an idea for every"), "{}", out.stdout);
}
