//! The command line as a user meets it: the real `mixcal` binary run on files in
//! a temporary folder, checked for its exit code and what it prints.

use crate::common::{Dir, Output, fixture};
use insta::assert_snapshot;
use mixcal::testing::config::Config;
use mixcal::testing::store::Store;

fn check(dir: &Dir, file: &str, extra: &[&str]) -> Output {
    let mut args = vec!["check", "--file", file];
    args.extend_from_slice(extra);
    dir.mixcal(&args).output()
}

/// Asserts a run failed on bad input: exit 2, nothing on stdout, one `mixcal:`
/// message on stderr. Returns stderr for a closer look.
fn bad_input(out: Output) -> String {
    assert_eq!(out.code, Some(2), "{out:#?}");
    assert_eq!(out.stdout, "", "{out:#?}");
    assert!(out.stderr.starts_with("mixcal: "), "{out:#?}");
    assert!(!out.stderr.contains("panicked"), "{out:#?}");
    out.stderr
}

// ---- check: exit codes and the report ----

#[test]
fn a_balanced_week_passes_with_exit_0() {
    let dir = Dir::new();
    dir.fixture("balanced-week.toml");
    let out = check(&dir, "balanced-week.toml", &[]);
    assert_eq!(out.code, Some(0), "{out:#?}");
    assert_eq!(out.stderr, "");
    assert_snapshot!(out.stdout, @r"
    2026-W48  Mon 23 Nov – Sun 29 Nov 2026  7 posts · 125 min
      E everyday 5 (71%)  B business 1 (14%)  P partner 1 (14%)  C contest 0 (0%)
      ✓ balanced: every rule holds

    1 week checked, all balanced
    ");
}

#[test]
fn findings_exit_1_and_name_each_rule_and_the_one_repair_for_the_week() {
    let dir = Dir::new();
    dir.fixture("promo-heavy-week.toml");
    let out = check(&dir, "promo-heavy-week.toml", &[]);
    assert_eq!(out.code, Some(1), "{out:#?}");
    assert_eq!(out.stderr, "");
    assert_snapshot!(out.stdout, @r#"
    2026-W48  Mon 23 Nov – Sun 29 Nov 2026  6 posts · 180 min
      E everyday 2 (33%)  B business 2 (33%)  P partner 0 (0%)  C contest 2 (33%)
      ! everyday-per-business: 2 everyday posts per 2 business posts is 1 per business post, target 4–5
      ! contest-limit: 2 contest posts this week; the limit is 1 a week
      ! promo-streak: 4 non-everyday posts in a row (Tue 09:00 business post, Wed 09:00 contest post, Thu 09:00 business post, Fri 09:00 contest post); the limit is 2
      → 3 changes balance the week: make Thu 09:00 "Last days of the sale" an everyday post, move Fri 09:00 "Win another mug" to next week and add an everyday post at Sun 09:00

    1 week checked, 1 with findings
    "#);
}

#[test]
fn json_findings_have_the_documented_shape() {
    let dir = Dir::new();
    dir.fixture("promo-heavy-week.toml");
    let out = check(&dir, "promo-heavy-week.toml", &["--json"]);
    assert_eq!(out.code, Some(1), "{out:#?}");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("one JSON object");
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v.as_object().expect("an object").keys().cloned().collect()
    };
    assert_eq!(keys(&v), ["ok", "weeks", "backlog"]);
    assert_eq!(v["ok"], false);
    assert_eq!(keys(&v["backlog"]), ["total", "counts", "evergreen"]);
    assert_eq!(v["backlog"]["total"], 0);
    let week = &v["weeks"][0];
    assert_eq!(
        keys(week),
        [
            "week",
            "start",
            "status",
            "counts",
            "total",
            "minutes",
            "findings",
            "repair",
            "repair_text",
            "repair_complete",
            "repair_leaves",
            "blocked",
            "placeholders"
        ]
    );
    assert_eq!(week["status"], "findings");
    assert_eq!(week["week"], "2026-W48");
    assert_eq!(week["start"], "2026-11-23");
    assert_eq!(
        keys(&week["counts"]),
        ["everyday", "business", "partner", "contest"]
    );
    assert_eq!(week["minutes"], 180);
    let finding = &week["findings"][0];
    assert_eq!(
        keys(finding),
        [
            "rule",
            "severity",
            "scope",
            "message",
            "fix",
            "violation",
            "needs",
            "breaks"
        ]
    );
    assert_eq!(finding["severity"], "warning");
    // The typed repair beside its sentence.
    assert_eq!(week["repair"][0]["change"], "recategorise");
    assert_eq!(week["repair"][0]["post"]["id"], "thu01");
    assert_eq!(week["repair"][0]["to"], "everyday");
    // A contest keeps its category: the later one moves on.
    assert_eq!(week["repair"][1]["change"], "move");
    assert_eq!(week["repair"][1]["post"]["id"], "fri01");
    assert_eq!(week["repair_complete"], true);
    assert_snapshot!(out.stdout, @r#"{"ok":false,"weeks":[{"week":"2026-W48","start":"2026-11-23","status":"findings","counts":{"everyday":2,"business":2,"partner":0,"contest":2},"total":6,"minutes":180,"findings":[{"rule":"everyday-per-business","severity":"warning","scope":null,"message":"2 everyday posts per 2 business posts is 1 per business post, target 4–5","fix":"add 6 everyday posts","violation":{"kind":"ratio","of":["everyday"],"per":["business"],"of_count":2,"per_count":2,"min":4.0,"max":5.0},"needs":[{"change":"add","category":"everyday","count":6,"at":null}],"breaks":["weekly-budget"]},{"rule":"contest-limit","severity":"warning","scope":null,"message":"2 contest posts this week; the limit is 1 a week","fix":"move Fri 09:00 \"Win another mug\" to next week","violation":{"kind":"count","categories":["contest"],"count":2,"min":null,"max":1},"needs":[{"change":"move","post":{"id":"fri01","date":"2026-11-27","time":"09:00","category":"contest","title":"Win another mug"},"to":"2026-12-04"}],"breaks":[]},{"rule":"promo-streak","severity":"warning","scope":null,"message":"4 non-everyday posts in a row (Tue 09:00 business post, Wed 09:00 contest post, Thu 09:00 business post, Fri 09:00 contest post); the limit is 2","fix":"add an everyday post at Wed 21:00","violation":{"kind":"streak","set":{"except":["everyday"]},"posts":[{"id":"tue01","date":"2026-11-24","time":"09:00","category":"business","title":"Winter sale starts"},{"id":"wed01","date":"2026-11-25","time":"09:00","category":"contest","title":"Win a mug"},{"id":"thu01","date":"2026-11-26","time":"09:00","category":"business","title":"Last days of the sale"},{"id":"fri01","date":"2026-11-27","time":"09:00","category":"contest","title":"Win another mug"}],"max":2},"needs":[{"change":"add","category":"everyday","count":1,"at":{"date":"2026-11-25","time":"21:00","channel":null}}],"breaks":["weekly-budget"]}],"repair":[{"change":"recategorise","post":{"id":"thu01","date":"2026-11-26","time":"09:00","category":"business","title":"Last days of the sale"},"from":"business","to":"everyday"},{"change":"move","post":{"id":"fri01","date":"2026-11-27","time":"09:00","category":"contest","title":"Win another mug"},"to":"2026-12-04"},{"change":"add","category":"everyday","count":1,"at":{"date":"2026-11-29","time":"09:00","channel":null}}],"repair_text":"3 changes balance the week: make Thu 09:00 \"Last days of the sale\" an everyday post, move Fri 09:00 \"Win another mug\" to next week and add an everyday post at Sun 09:00","repair_complete":true,"repair_leaves":[],"blocked":null,"placeholders":[]}],"backlog":{"total":0,"counts":{"everyday":0,"business":0,"partner":0,"contest":0},"evergreen":0}}"#);
}

#[test]
fn json_for_a_balanced_week_is_ok_with_no_findings() {
    let dir = Dir::new();
    dir.fixture("balanced-week.toml");
    let out = check(&dir, "balanced-week.toml", &["--json"]);
    assert_eq!(out.code, Some(0), "{out:#?}");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("one JSON object");
    assert_eq!(v["ok"], true);
    assert_eq!(v["weeks"][0]["counts"]["everyday"], 5);
    assert_eq!(v["weeks"][0]["minutes"], 125);
    assert_eq!(v["weeks"][0]["findings"], serde_json::json!([]));
}

// ---- check: which weeks ----

#[test]
fn week_as_iso_week_and_as_a_date_inside_it_agree() {
    let dir = Dir::new();
    dir.fixture("two-weeks.toml");
    let by_week = check(&dir, "two-weeks.toml", &["--week", "2026-W49"]);
    let by_date = check(&dir, "two-weeks.toml", &["--week", "2026-12-03"]);
    assert_eq!(by_week.code, Some(1), "{by_week:#?}");
    assert_eq!(by_week.stdout, by_date.stdout);
    assert_snapshot!(by_week.stdout, @r"
    2026-W49  Mon 30 Nov – Sun 6 Dec 2026  1 post · 30 min
      E everyday 0 (0%)  B business 1 (100%)  P partner 0 (0%)  C contest 0 (0%)
      ! everyday-per-business: 0 everyday posts per 1 business post is 0 per business post, target 4–5
      → 4 changes balance the week: add everyday posts at Mon 09:00, Wed 09:00, Thu 09:00 and Fri 09:00

    1 week checked, 1 with findings
    ");
}

#[test]
fn week_selects_only_that_week() {
    let dir = Dir::new();
    dir.fixture("two-weeks.toml");
    let out = check(&dir, "two-weeks.toml", &["--week", "2026-W48"]);
    assert_eq!(out.code, Some(0), "{out:#?}");
    assert!(out.stdout.starts_with("2026-W48 "), "{}", out.stdout);
    assert!(!out.stdout.contains("2026-W49"), "{}", out.stdout);
}

#[test]
fn weeks_follow_the_configured_week_start() {
    let dir = Dir::new();
    dir.fixture("balanced-week.toml");
    dir.write("sunday.toml", "week_start = \"sunday\"\n");
    let out = check(
        &dir,
        "balanced-week.toml",
        &["--config", "sunday.toml", "--week", "2026-11-26"],
    );
    assert_eq!(out.code, Some(0), "{out:#?}");
    // Shares are rounded to the nearest percent: 1 of 6 is 17%.
    assert_snapshot!(out.stdout, @r"
    2026-W48  Sun 22 Nov – Sat 28 Nov 2026  6 posts · 110 min
      E everyday 4 (67%)  B business 1 (17%)  P partner 1 (17%)  C contest 0 (0%)
      ✓ balanced: every rule holds

    1 week checked, all balanced
    ");
}

#[test]
fn the_json_names_each_weeks_standing() {
    let dir = Dir::new();
    dir.fixture("two-weeks.toml");
    dir.fixture("balanced-week.toml");
    let out = check(
        &dir,
        "two-weeks.toml",
        &["--from", "2026-11-16", "--to", "2026-12-01", "--json"],
    );
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let statuses: Vec<&str> = v["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses[0], "nothing planned", "{}", out.stdout);
    assert!(statuses.contains(&"findings"), "{}", out.stdout);
    let out = check(
        &dir,
        "balanced-week.toml",
        &["--week", "2026-W48", "--json"],
    );
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["weeks"][0]["status"], "balanced", "{}", out.stdout);
}

#[test]
fn from_and_to_report_every_week_they_touch() {
    let dir = Dir::new();
    dir.fixture("two-weeks.toml");
    let out = check(
        &dir,
        "two-weeks.toml",
        &["--from", "2026-11-16", "--to", "2026-12-01"],
    );
    assert_eq!(out.code, Some(1), "{out:#?}");
    let headers: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("2026-W"))
        .map(|l| &l[..8])
        .collect();
    assert_eq!(headers, ["2026-W47", "2026-W48", "2026-W49"]);
    // 2026-W47 has no posts: in a range given with both ends it is reported
    // as nothing planned, and fails.
    assert!(
        out.stdout
            .ends_with("3 weeks checked, 1 with findings, 1 with nothing planned\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("  · nothing planned\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_range_that_misses_the_failing_week_passes() {
    let dir = Dir::new();
    dir.fixture("two-weeks.toml");
    let out = check(
        &dir,
        "two-weeks.toml",
        &["--from", "2026-11-23", "--to", "2026-11-29"],
    );
    assert_eq!(out.code, Some(0), "{out:#?}");
}

#[test]
fn without_a_range_check_reports_the_weeks_from_this_week_on() {
    let dir = Dir::new();
    dir.fixture("two-weeks.toml");
    let out = dir
        .mixcal(&["check", "--file", "two-weeks.toml"])
        .env("MIXCAL_TODAY", "2026-12-02")
        .output();
    assert_eq!(out.code, Some(1), "{out:#?}");
    assert!(out.stdout.starts_with("2026-W49 "), "{}", out.stdout);
    assert!(!out.stdout.contains("2026-W48"), "{}", out.stdout);
}

#[test]
fn the_schedule_comes_from_mixcal_file_then_the_data_folder() {
    let dir = Dir::new();
    dir.write(
        "data/mixcal/schedule.toml",
        &fixture("promo-heavy-week.toml"),
    );
    let from_data = dir.mixcal(&["check"]).output();
    assert_eq!(from_data.code, Some(1), "{from_data:#?}");

    dir.fixture("balanced-week.toml");
    let from_env = dir
        .mixcal(&["check"])
        .env("MIXCAL_FILE", "balanced-week.toml")
        .output();
    assert_eq!(from_env.code, Some(0), "{from_env:#?}");
}

#[test]
fn the_user_config_in_the_config_folder_is_overlaid() {
    let dir = Dir::new();
    dir.fixture("promo-heavy-week.toml");
    dir.write(
        "config/mixcal/config.toml",
        "[rules.contest-limit]\nmax = 2\n",
    );
    let out = check(&dir, "promo-heavy-week.toml", &[]);
    assert_eq!(out.code, Some(1), "{out:#?}");
    assert!(!out.stdout.contains("contest-limit"), "{}", out.stdout);
    assert!(
        out.stdout.contains("everyday-per-business"),
        "{}",
        out.stdout
    );
}

// ---- bad input: exit 2, file:line:col and what to do ----

#[test]
fn a_syntax_error_names_its_place() {
    let dir = Dir::new();
    dir.fixture("syntax-error.toml");
    assert_snapshot!(bad_input(check(&dir, "syntax-error.toml", &[])), @r#"
    mixcal: syntax-error.toml:6:21: invalid basic string, expected `"`
      help: text values go in double quotes: `title = "..."`
    "#);
}

#[test]
fn an_unknown_key_suggests_the_near_miss() {
    let dir = Dir::new();
    dir.fixture("unknown-key.toml");
    assert_snapshot!(bad_input(check(&dir, "unknown-key.toml", &[])), @r"
    mixcal: unknown-key.toml:6:1: unknown key `categroy` in a post
      help: did you mean `category`?
    ");
}

#[test]
fn an_unknown_category_suggests_the_near_miss() {
    let dir = Dir::new();
    dir.fixture("unknown-category.toml");
    assert_snapshot!(bad_input(check(&dir, "unknown-category.toml", &[])), @r"
    mixcal: unknown-category.toml:6:12: unknown category `busines`
      help: did you mean `business`? Categories: everyday, business, partner, contest
    ");
}

#[test]
fn an_impossible_date_says_how_long_the_month_is() {
    let dir = Dir::new();
    dir.fixture("impossible-date.toml");
    assert_snapshot!(bad_input(check(&dir, "impossible-date.toml", &[])), @r"
    mixcal: impossible-date.toml:5:8: `2026-02-30` is not a real date
      help: February 2026 has 28 days
    ");
}

#[test]
fn an_empty_title_is_an_error() {
    let dir = Dir::new();
    dir.fixture("empty-title.toml");
    assert_snapshot!(bad_input(check(&dir, "empty-title.toml", &[])), @r"
    mixcal: empty-title.toml:7:9: the title is empty
      help: write what the post is about
    ");
}

#[test]
fn a_duplicate_id_points_at_the_first_one() {
    let dir = Dir::new();
    dir.fixture("duplicate-id.toml");
    assert_snapshot!(bad_input(check(&dir, "duplicate-id.toml", &[])), @r"
    mixcal: duplicate-id.toml:10:6: duplicate id `a`: line 4 has it already
      help: give one of the posts another id, or remove its id line and mixcal will make one
    ");
}

#[test]
fn several_errors_in_one_file_are_reported_at_once() {
    let dir = Dir::new();
    dir.fixture("several-errors.toml");
    assert_snapshot!(bad_input(check(&dir, "several-errors.toml", &[])), @r#"
    mixcal: several-errors.toml:7:9: the title is empty
      help: write what the post is about
    several-errors.toml:11:8: `2026-11-31` is not a real date
      help: November 2026 has 30 days
    several-errors.toml:12:12: unknown category `contset`
      help: did you mean `contest`? Categories: everyday, business, partner, contest
    several-errors.toml:16:6: duplicate id `a`: line 4 has it already
      help: give one of the posts another id, or remove its id line and mixcal will make one
    several-errors.toml:20:1: unknown key `stauts` in a post
      help: did you mean `status`?
    5 problems found
    "#);
}

#[test]
fn every_problem_of_a_post_with_an_impossible_date_is_reported_in_one_run() {
    let dir = Dir::new();
    dir.write(
        "typo.toml",
        "# my plan\nversion = 1\n\n[[post]]\nid = \"a1\"\ndate = 2026-12-01\ntime = 07:30\ncategroy = \"everyday\"\ntitle = \"Hello\"\n\n[[post]]\nid = \"a2\"\ndate = 2026-02-30\ncategory = \"busines\"\ntitle = \"\"\nchanel = \"instagram\"\n\n[[post]]\nid = \"a1\"\ndate = \"2026-13-01\"\ntime = \"25:00\"\ncategory = \"everyday\"\ntitle = \"dup\"\nstatus = \"planed\"\n",
    );
    assert_snapshot!(bad_input(check(&dir, "typo.toml", &[])), @r"
    mixcal: typo.toml:8:1: unknown key `categroy` in a post
      help: did you mean `category`?
    typo.toml:13:8: `2026-02-30` is not a real date
      help: February 2026 has 28 days
    typo.toml:14:12: unknown category `busines`
      help: did you mean `business`? Categories: everyday, business, partner, contest
    typo.toml:15:9: the title is empty
      help: write what the post is about
    typo.toml:16:1: unknown key `chanel` in a post
      help: did you mean `channel`?
    typo.toml:19:6: duplicate id `a1`: line 5 has it already
      help: give one of the posts another id, or remove its id line and mixcal will make one
    typo.toml:20:8: `2026-13-01` is not a real date
      help: months run from 01 to 12
    typo.toml:21:8: `25:00` is not a time of day
      help: write a 24-hour time like 09:30
    typo.toml:24:10: unknown status `planed`
      help: did you mean `planned`?
    9 problems found
    ");
}

#[test]
fn a_today_that_is_not_a_date_is_an_error_naming_the_variable_and_its_value() {
    let dir = Dir::new();
    dir.fixture("balanced-week.toml");
    for command in [
        &["check", "--file", "balanced-week.toml"][..],
        &["--file", "balanced-week.toml"],
    ] {
        let out = dir
            .mixcal(command)
            .env("MIXCAL_TODAY", "2026-13-01")
            .output();
        assert_eq!(
            bad_input(out),
            "mixcal: MIXCAL_TODAY: `2026-13-01` is not a real date: months run from 01 to 12\n  help: set MIXCAL_TODAY to a date like 2026-11-23 to fix today, or unset it to use the real date\n"
        );
    }
    let out = dir
        .mixcal(&["check", "--file", "balanced-week.toml"])
        .env("MIXCAL_TODAY", "next week")
        .output();
    let err = bad_input(out);
    assert!(
        err.starts_with(
            "mixcal: MIXCAL_TODAY: `next week` is not a date: write a date as year-month-day"
        ),
        "{err}"
    );
    // Empty is unset, as for NO_COLOR.
    let out = dir
        .mixcal(&["check", "--file", "balanced-week.toml"])
        .env("MIXCAL_TODAY", "")
        .output();
    assert_ne!(out.code, Some(2), "{out:#?}");
}

#[test]
fn the_same_errors_stop_an_export() {
    let dir = Dir::new();
    dir.fixture("several-errors.toml");
    let out = dir
        .mixcal(&[
            "export",
            "--format",
            "toml",
            "--file",
            "several-errors.toml",
        ])
        .output();
    let stderr = bad_input(out);
    assert!(stderr.ends_with("5 problems found\n"), "{stderr}");
}

#[test]
fn a_missing_file_is_an_error_for_check() {
    let dir = Dir::new();
    assert_snapshot!(bad_input(check(&dir, "no-such.toml", &[])), @r"
    mixcal: no-such.toml: no such schedule file
      help: check the path, or open the calendar (`mixcal --file no-such.toml`) to start a new schedule there
    ");
    assert!(dir.files().is_empty(), "{:?}", dir.files());
}

#[test]
fn a_missing_file_is_an_error_for_export() {
    let dir = Dir::new();
    let out = dir
        .mixcal(&["export", "--format", "toml", "--file", "no-such.toml"])
        .output();
    let stderr = bad_input(out);
    assert!(
        stderr.starts_with("mixcal: no-such.toml: no such schedule file"),
        "{stderr}"
    );
    assert!(dir.files().is_empty(), "{:?}", dir.files());
}

#[test]
fn a_missing_default_schedule_is_an_error_too() {
    let dir = Dir::new();
    let stderr = bad_input(dir.mixcal(&["check"]).output());
    assert!(
        stderr.contains("data/mixcal/schedule.toml: no such schedule file"),
        "{stderr}"
    );
}

#[test]
fn a_misspelt_user_config_field_suggests_the_near_miss() {
    let dir = Dir::new();
    dir.fixture("balanced-week.toml");
    dir.fixture("misspelt-config.toml");
    let out = check(
        &dir,
        "balanced-week.toml",
        &["--config", "misspelt-config.toml"],
    );
    assert_snapshot!(bad_input(out), @r"
    mixcal: misspelt-config.toml:3:1: unknown field `maxx`, expected one of `categories`, `min`, `max` (rule `contest-limit`)
      help: did you mean `max`?
    ");
}

#[test]
fn every_mistake_in_a_user_config_is_reported_at_once_with_its_place() {
    let dir = Dir::new();
    dir.fixture("balanced-week.toml");
    dir.write(
        "cfg.toml",
        "time_zone=\"Europe/Berln\"\n[rules.contest-limt]\nmax=2\n[categories.everyday]\nnmae=\"Personal\"\n[slots]\nmonday=[\"07:30\",\"12:00\",\"18:00\"]\ntuesday=[\"25:00\"]\n",
    );
    let out = check(&dir, "balanced-week.toml", &["--config", "cfg.toml"]);
    assert_snapshot!(bad_input(out), @r#"
    mixcal: cfg.toml:1:11: unknown time zone `Europe/Berln`
      help: did you mean `Europe/Berlin`? A time zone is an IANA name like Europe/Berlin or America/New_York
    cfg.toml:2:1: rule `contest-limt` needs a `kind`
      help: did you mean `[rules.contest-limit]`? A rule of your own needs kind = "ratio", "count", "share", "streak", "budget", "rotation"
    cfg.toml:5:1: unknown field `nmae`, expected one of `name`, `description`, `color`, `letter`, `minutes`
      help: did you mean `name`?
    cfg.toml:8:10: `25:00` is not a time of day
      help: write a 24-hour time like 09:30
    4 problems found
    "#);
}

#[test]
fn a_user_config_with_a_syntax_error_names_its_place() {
    let dir = Dir::new();
    dir.fixture("balanced-week.toml");
    dir.write("broken.toml", "[categories.everyday]\nname = \"Personal\n");
    let out = check(&dir, "balanced-week.toml", &["--config", "broken.toml"]);
    assert_snapshot!(bad_input(out), @r#"
    mixcal: broken.toml:2:17: invalid basic string, expected `"`
      help: the README's Config section shows the format; config/presets/ has complete examples
    "#);
}

#[test]
fn a_broken_config_in_the_config_folder_is_never_ignored() {
    let dir = Dir::new();
    dir.fixture("balanced-week.toml");
    dir.write(
        "config/mixcal/config.toml",
        "[rules.contest-limit]\nmaxx = 2\n",
    );
    let stderr = bad_input(check(&dir, "balanced-week.toml", &[]));
    assert!(
        stderr.contains("config/mixcal/config.toml:2:1: unknown field `maxx`"),
        "{stderr}"
    );
}

#[test]
fn a_missing_config_file_is_an_error() {
    let dir = Dir::new();
    dir.fixture("balanced-week.toml");
    let stderr = bad_input(check(
        &dir,
        "balanced-week.toml",
        &["--config", "nope.toml"],
    ));
    assert!(
        stderr.starts_with("mixcal: nope.toml: cannot read the config file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: check the path given with --config"),
        "{stderr}"
    );
}

#[test]
fn a_week_that_is_not_a_week_is_bad_input() {
    let dir = Dir::new();
    dir.fixture("balanced-week.toml");
    assert_snapshot!(bad_input(check(&dir, "balanced-week.toml", &["--week", "next"])), @"mixcal: --week: 'next' is not a week: write an ISO week like 2026-W48 or a date like 2026-11-25");
    assert_snapshot!(bad_input(check(&dir, "balanced-week.toml", &["--week", "2027-W53"])), @"mixcal: --week: 2027 has no ISO week 53: weeks run from 1 to 52 or 53");
}

#[test]
fn a_bad_from_or_to_is_bad_input() {
    let dir = Dir::new();
    dir.fixture("balanced-week.toml");
    assert_snapshot!(bad_input(check(&dir, "balanced-week.toml", &["--from", "2026-13-01"])), @r"
    mixcal: --from: `2026-13-01` is not a real date
      help: months run from 01 to 12
    ");
    assert_snapshot!(bad_input(check(&dir, "balanced-week.toml", &["--from", "2026-12-01", "--to", "2026-11-01"])), @r"
    mixcal: --from 2026-12-01 is after --to 2026-11-01
      help: swap the two dates
    ");
}

#[test]
fn week_and_from_together_are_a_usage_error() {
    let dir = Dir::new();
    dir.fixture("balanced-week.toml");
    let out = check(
        &dir,
        "balanced-week.toml",
        &["--week", "2026-W48", "--from", "2026-11-23"],
    );
    assert_eq!(out.code, Some(2), "{out:#?}");
    assert!(out.stderr.contains("cannot be used with"), "{}", out.stderr);
}

#[test]
fn a_file_that_fails_to_load_is_left_byte_for_byte_alone() {
    for name in [
        "syntax-error.toml",
        "unknown-key.toml",
        "unknown-category.toml",
        "impossible-date.toml",
        "empty-title.toml",
        "duplicate-id.toml",
        "several-errors.toml",
    ] {
        let dir = Dir::new();
        dir.fixture(name);
        let before = dir.read_bytes(name);
        bad_input(check(&dir, name, &[]));
        // Even when told to write the export over the very same file.
        bad_input(
            dir.mixcal(&["export", "--format", "toml", "--file", name, "-o", name])
                .output(),
        );
        assert_eq!(dir.read_bytes(name), before, "{name} changed");
        assert_eq!(dir.files(), [name], "{name}: no backup or temporary file");
    }
}

// ---- export --format toml ----

#[test]
fn export_without_a_range_writes_the_canonical_text_of_what_a_save_keeps() {
    let dir = Dir::new();
    dir.fixture("hand-written.toml");
    let out = dir
        .mixcal(&["export", "--format", "toml", "--file", "hand-written.toml"])
        .output();
    assert_eq!(out.code, Some(0), "{out:#?}");
    assert_eq!(out.stderr, "");
    assert_eq!(
        dir.read("hand-written.toml"),
        fixture("hand-written.toml"),
        "export never touches the schedule"
    );

    let config = Config::builtin().expect("the built-in config");
    let path = dir.path("hand-written.toml");
    let (schedule, mut store) = Store::open(&path, &config).expect("the fixture loads");
    store.save(&schedule).expect("save");
    // The save keeps the file's comment and its hand-written tables; the export
    // is the canonical text of the same schedule.
    let saved = dir.read("hand-written.toml");
    let comment = fixture("hand-written.toml")
        .lines()
        .next()
        .unwrap()
        .to_string();
    assert!(
        saved.starts_with(&format!("{comment}\nversion = 1\nidentifier = ")),
        "{saved}"
    );
    let saved =
        mixcal::testing::store::parse(&saved, "saved.toml", &config).expect("the save loads");
    assert_eq!(mixcal::testing::store::to_toml(&saved), out.stdout);
}

#[test]
fn export_of_one_week_holds_only_its_posts_in_canonical_form() {
    let dir = Dir::new();
    dir.fixture("hand-written.toml");
    let out = dir
        .mixcal(&[
            "export",
            "--format",
            "toml",
            "--file",
            "hand-written.toml",
            "--week",
            "2026-W48",
        ])
        .output();
    assert_eq!(out.code, Some(0), "{out:#?}");
    assert_snapshot!(out.stdout, @r#"
    version = 1
    identifier = "mqfxmw34wpn7cwss"

    [[post]]
    id = "a"
    date = 2026-11-23
    category = "everyday"
    title = "Behind the scenes \\ packing"
    notes = "Photo of the workbench.\n[[post]] is just text here."
    status = "planned"

    [[post]]
    id = "b"
    date = 2026-11-25
    time = 14:30:00
    category = "business"
    title = "Gift guide: \"five mugs\" for tea lovers ☕"
    status = "planned"
    "#);
}

#[test]
fn export_from_to_keeps_the_posts_between_both_days() {
    let dir = Dir::new();
    dir.fixture("hand-written.toml");
    let out = dir
        .mixcal(&[
            "export",
            "--format",
            "toml",
            "--file",
            "hand-written.toml",
            "--from",
            "2026-11-24",
            "--to",
            "2026-12-02",
        ])
        .output();
    assert_eq!(out.code, Some(0), "{out:#?}");
    let ids: Vec<&str> = out
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("id = "))
        .collect();
    assert_eq!(ids, ["\"b\"", "\"c\""]);
}

#[test]
fn export_to_a_file_writes_it_and_prints_nothing() {
    let dir = Dir::new();
    dir.fixture("hand-written.toml");
    let to_stdout = dir
        .mixcal(&["export", "--format", "toml", "--file", "hand-written.toml"])
        .output();
    let to_file = dir
        .mixcal(&[
            "export",
            "--format",
            "toml",
            "--file",
            "hand-written.toml",
            "-o",
            "out.toml",
        ])
        .output();
    assert_eq!(to_file.code, Some(0), "{to_file:#?}");
    assert_eq!(to_file.stdout, "");
    assert_eq!(dir.read("out.toml"), to_stdout.stdout);
    assert_eq!(dir.files(), ["hand-written.toml", "out.toml"]);
}

#[test]
fn export_of_a_week_to_a_file_loads_back_as_that_week() {
    let dir = Dir::new();
    dir.fixture("two-weeks.toml");
    let out = dir
        .mixcal(&[
            "export",
            "--format",
            "toml",
            "--file",
            "two-weeks.toml",
            "--week",
            "2026-W49",
            "-o",
            "w49.toml",
        ])
        .output();
    assert_eq!(out.code, Some(0), "{out:#?}");
    let again = check(&dir, "w49.toml", &["--week", "2026-W49", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&again.stdout).expect("JSON");
    assert_eq!(v["weeks"][0]["total"], 1);
    assert_eq!(v["weeks"][0]["counts"]["business"], 1);
}

// ---- colour ----

#[test]
fn piped_output_is_plain_text() {
    let dir = Dir::new();
    dir.fixture("promo-heavy-week.toml");
    let out = check(&dir, "promo-heavy-week.toml", &[]);
    assert!(!out.stdout.contains('\x1b'), "{:?}", out.stdout);
}

#[test]
fn forced_colour_paints_the_report() {
    let dir = Dir::new();
    dir.fixture("promo-heavy-week.toml");
    let out = dir
        .mixcal(&["check", "--file", "promo-heavy-week.toml"])
        .env("CLICOLOR_FORCE", "1")
        .output();
    assert!(out.stdout.contains('\x1b'), "{:?}", out.stdout);
}

#[test]
fn no_color_wins_over_forced_colour() {
    let dir = Dir::new();
    dir.fixture("promo-heavy-week.toml");
    let plain = check(&dir, "promo-heavy-week.toml", &[]);
    let out = dir
        .mixcal(&["check", "--file", "promo-heavy-week.toml"])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .output();
    assert_eq!(out.stdout, plain.stdout);
}

// ---- check: a week still being filled ----

/// One post a day at 09:00 from Monday of 2026-W48, status idea, as `suggest
/// --apply` adds placeholders: (category, title).
fn ideas(posts: &[(&str, &str)]) -> String {
    let mut s = String::from("version = 1\n");
    for (day, (category, title)) in posts.iter().enumerate() {
        s.push_str(&format!(
            "\n[[post]]\nid = \"p{day}\"\ndate = 2026-11-{}\ntime = 09:00:00\ncategory = \"{category}\"\ntitle = \"{title}\"\nstatus = \"idea\"\n",
            23 + day
        ));
    }
    s
}

#[test]
fn a_week_with_a_giveaway_alone_is_still_being_filled_not_balanced() {
    let dir = Dir::new();
    dir.write(
        "c.toml",
        "version = 1\n\n[[post]]\nid = \"c1\"\ndate = 2026-11-26\ntime = 18:00:00\ncategory = \"contest\"\ntitle = \"Giveaway\"\n",
    );
    let out = check(&dir, "c.toml", &["--week", "2026-W48"]);
    // It used to say "✓ balanced: every rule holds" and exit 0.
    assert_eq!(out.code, Some(1), "{out:#?}");
    assert_snapshot!(out.stdout, @r"
    2026-W48  Mon 23 Nov – Sun 29 Nov 2026  1 post · 45 min
      E everyday 0 (0%)  B business 0 (0%)  P partner 0 (0%)  C contest 1 (100%)
      ! everyday-per-business: no everyday and no business post: the target is 4–5 everyday per business post
      → 5 changes balance the week: add everyday posts at Mon 09:00, Wed 09:00, Fri 09:00 and Sat 09:00, and add a business post at Tue 09:00

    1 week checked, 1 with findings
    ");
}

#[test]
fn placeholders_are_named_as_ideas_still_to_write() {
    let dir = Dir::new();
    // The trial's week of four placeholders: no business post, so it drifts.
    dir.write(
        "four.toml",
        &ideas(&[
            ("everyday", "Everyday post idea"),
            ("everyday", "Everyday post idea"),
            ("partner", "Partner post idea"),
            ("contest", "Contest post idea"),
        ]),
    );
    let out = check(&dir, "four.toml", &["--week", "2026-W48"]);
    assert_eq!(out.code, Some(1), "{out:#?}");
    assert!(
        out.stdout.contains(
            "i 4 placeholder ideas still to write: Mon 09:00 everyday post, Tue 09:00 everyday post, Wed 09:00 partner post and 1 more"
        ),
        "{}",
        out.stdout
    );
    // A week the planner filled with placeholders holds, and says what is
    // still to write; an idea of one's own is not a placeholder.
    let mut week = vec![("everyday", "Everyday post idea"); 5];
    week.insert(2, ("business", "Business post idea"));
    week.push(("partner", "Meet the mill"));
    dir.write("seven.toml", &ideas(&week));
    let out = check(&dir, "seven.toml", &["--week", "2026-W48"]);
    assert_eq!(out.code, Some(0), "{out:#?}");
    assert!(
        out.stdout
            .contains("i 6 placeholder ideas still to write: Mon 09:00 everyday post, Tue 09:00 everyday post, Wed 09:00 business post and 3 more"),
        "{}",
        out.stdout
    );
    let out = check(&dir, "seven.toml", &["--week", "2026-W48", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("one JSON object");
    let placeholders = v["weeks"][0]["placeholders"].as_array().unwrap();
    assert_eq!(placeholders.len(), 6);
    assert_eq!(placeholders[0]["id"], "p0");
    assert_eq!(placeholders[0]["title"], "Everyday post idea");
    assert_eq!(v["ok"], true);
}
