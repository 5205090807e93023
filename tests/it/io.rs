//! Getting the plan out and back in, as a user does it: the real binary exports
//! iCalendar, CSV and Hootsuite CSV, and imports spreadsheets, on files in a
//! temporary folder.

use std::process::Command;

use crate::common::{Dir, Output, have};
use icalendar::parser::{read_calendar, unfold};
use insta::assert_snapshot;
use mixcal::testing::config::Config;
use mixcal::testing::domain::Post;
use mixcal::testing::store::Store;

/// The machine's zone in these tests: 09:00 is 08:00Z in winter, 07:00Z in
/// summer. (mixcal carries its own copy of the time zone database.)
const BERLIN: &str = "Europe/Berlin";

fn export(dir: &Dir, args: &[&str]) -> Output {
    let mut all = vec!["export", "--file", "export-mix.toml"];
    all.extend_from_slice(args);
    dir.mixcal(&all).env("TZ", BERLIN).output()
}

fn ok(out: Output) -> Output {
    assert_eq!(out.code, Some(0), "{out:#?}");
    out
}

fn bad_input(out: Output) -> String {
    assert_eq!(out.code, Some(2), "{out:#?}");
    assert_eq!(out.stdout, "", "{out:#?}");
    assert!(out.stderr.starts_with("mixcal: "), "{out:#?}");
    assert!(!out.stderr.contains("panicked"), "{out:#?}");
    out.stderr
}

fn load(dir: &Dir, name: &str) -> Vec<Post> {
    let config = Config::builtin().unwrap();
    let (schedule, _) = Store::open(&dir.path(name), &config).unwrap();
    schedule.iter().cloned().collect()
}

/// The identifier of a schedule file, as exports use it.
fn identifier(dir: &Dir, name: &str) -> String {
    let config = Config::builtin().unwrap();
    let (schedule, _) = Store::open(&dir.path(name), &config).unwrap();
    schedule.identifier().to_string()
}

// ---- iCalendar ----

#[test]
fn ics_holds_every_post_at_its_time_in_the_plans_zone() {
    let dir = Dir::new();
    dir.fixture("export-mix.toml");
    let out = ok(export(&dir, &["--format", "ics"]));
    assert_eq!(out.stderr, "");
    let unfolded = unfold(&out.stdout);
    let calendar = read_calendar(&unfolded).expect("a valid iCalendar file");
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    let starts: Vec<(String, String, Option<String>)> = events
        .iter()
        .map(|e| {
            let start = e.find_prop("DTSTART").unwrap();
            let tzid = start
                .params
                .iter()
                .find(|p| p.key.as_str() == "TZID")
                .and_then(|p| p.val.as_ref())
                .map(|v| v.as_str().to_string());
            (
                e.find_prop("UID").unwrap().val.as_str().to_string(),
                start.val.as_str().to_string(),
                tzid,
            )
        })
        .collect();
    let id = identifier(&dir, "export-mix.toml");
    let berlin = Some("Europe/Berlin".to_string());
    assert_eq!(
        starts,
        [
            (
                format!("jul01@{id}"),
                "20260701T183000".to_string(),
                berlin.clone()
            ),
            (
                format!("mon01@{id}"),
                "20261123T090000".to_string(),
                berlin.clone()
            ),
            (format!("tue01@{id}"), "20261124".to_string(), None),
            (format!("wed01@{id}"), "20261125T170700".to_string(), berlin),
        ]
    );
    let zone = calendar
        .components
        .iter()
        .find(|c| c.name.as_str() == "VTIMEZONE")
        .expect("the zone the times are in");
    assert_eq!(
        zone.find_prop("TZID").unwrap().val.as_str(),
        "Europe/Berlin"
    );
    let summary = events[1].find_prop("SUMMARY").unwrap();
    assert_eq!(
        summary.val.as_str(),
        "Behind the scenes: packing today's orders, with \"care\" — 漢字 🎉"
    );
}

#[test]
fn ics_lines_end_in_crlf_and_fit_in_75_octets() {
    let dir = Dir::new();
    dir.fixture("export-mix.toml");
    let out = ok(export(&dir, &["--format", "ics"]));
    let text = out.stdout;
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
    }
    assert!(
        text.contains("\r\nSUMMARY:An untimed post whose title is long enough that the iCalendar line \r\n has to fold twice over\\, surely\r\n"),
        "{text}"
    );
}

#[test]
fn ics_exports_are_repeatable() {
    let dir = Dir::new();
    dir.fixture("export-mix.toml");
    let first = ok(export(&dir, &["--format", "ics"])).stdout;
    let second = ok(export(&dir, &["--format", "ics"])).stdout;
    assert_eq!(first, second);
    // DTSTAMP is each post's own start, not the clock: the same schedule on
    // another day, or in another zone, exports the same bytes.
    assert!(
        first.contains("\r\nDTSTAMP:20261123T080000Z\r\n"),
        "{first}"
    );
    let later = dir
        .mixcal(&["export", "--file", "export-mix.toml", "--format", "ics"])
        .env("TZ", BERLIN)
        .env("MIXCAL_TODAY", "2027-03-01")
        .output();
    assert_eq!(later.stdout, first);
}

#[test]
fn ics_to_a_file_writes_it_and_prints_nothing() {
    let dir = Dir::new();
    dir.fixture("export-mix.toml");
    let shown = ok(export(&dir, &["--format", "ics"])).stdout;
    let out = ok(export(&dir, &["--format", "ics", "-o", "plan.ics"]));
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("", ""));
    assert_eq!(dir.read("plan.ics"), shown);
    assert_eq!(dir.files(), ["export-mix.toml", "plan.ics"]);
}

/// calcurse is a real calendar program that reads iCalendar; where it is
/// installed, every exported post must arrive at its local time.
#[test]
fn calcurse_imports_every_post_at_its_local_time() {
    if !have("calcurse", "--version") {
        return;
    }
    let dir = Dir::new();
    dir.fixture("export-mix.toml");
    ok(export(&dir, &["--format", "ics", "-o", "plan.ics"]));
    let calcurse = |args: &[&str]| {
        let out = Command::new("calcurse")
            .arg("-D")
            .arg(dir.path("calcurse"))
            .args(args)
            .env("TZ", BERLIN)
            .env("HOME", dir.path("home"))
            .output()
            .expect("run calcurse");
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    std::fs::create_dir_all(dir.path("calcurse")).unwrap();
    let report = calcurse(&["-i", dir.path("plan.ics").to_str().unwrap()]);
    assert!(
        report.contains("3 apps / 1 event / 0 todos / 0 skipped"),
        "{report}"
    );
    let listed = calcurse(&[
        "--input-datefmt",
        "4",
        "-Q",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--format-apt",
        "%(start:%Y-%m-%d %H:%M) %(duration:%M) min: %m\n",
        "--format-event",
        "%(raw)\n",
    ]);
    for expected in [
        "2026-07-01 18:30 25 min: Summer: ice cream from Gelateria Rossi; try the pistachio",
        "2026-11-23 09:00 15 min: Behind the scenes: packing today's orders, with \"care\" — 漢字 🎉",
        "11/24/2026 [1] An untimed post whose title is long enough that the iCalendar line has to fold twice over, surely",
        "2026-11-25 17:07 45 min: Giveaway: win a mug",
    ] {
        assert!(
            listed.lines().any(|l| l == expected),
            "missing {expected:?} in\n{listed}"
        );
    }
}

// ---- CSV ----

#[test]
fn csv_has_the_header_and_one_quoted_row_per_post() {
    let dir = Dir::new();
    dir.fixture("export-mix.toml");
    let out = ok(export(&dir, &["--format", "csv"]));
    assert_eq!(out.stderr, "");
    assert_snapshot!(out.stdout, @r#"
    date,time,category,channel,partner,title,notes,link,media,minutes,spent,responses,status,id
    2026-07-01,18:30,partner,facebook,,Summer: ice cream from Gelateria Rossi; try the pistachio,,"https://example.com/gelato?a=1,2",,25,,,planned,jul01
    2026-11-23,09:00,everyday,instagram,,"Behind the scenes: packing today's orders, with ""care"" — 漢字 🎉","photo of the workbench
    second line, with a comma",,,,,,planned,mon01
    2026-11-24,,business,,,"An untimed post whose title is long enough that the iCalendar line has to fold twice over, surely",,,,,,,idea,tue01
    2026-11-25,17:07,contest,instagram,,Giveaway: win a mug,,,,,,,published,wed01
    "#);
}

/// The last column of every row after the header, read with a CSV parser.
fn ids(csv_text: &str) -> Vec<String> {
    csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().next_back().unwrap().to_string())
        .collect()
}

#[test]
fn csv_of_one_channel_keeps_only_its_posts() {
    let dir = Dir::new();
    dir.fixture("export-mix.toml");
    let out = ok(export(&dir, &["--format", "csv", "--channel", "instagram"]));
    assert_eq!(ids(&out.stdout), ["mon01", "wed01"]);
}

#[test]
fn csv_of_one_week_keeps_only_its_posts() {
    let dir = Dir::new();
    dir.fixture("export-mix.toml");
    let out = ok(export(&dir, &["--format", "csv", "--week", "2026-W48"]));
    assert_eq!(ids(&out.stdout), ["mon01", "tue01", "wed01"]);
}

// ---- Hootsuite ----

#[test]
fn hootsuite_rows_are_the_planned_posts_with_warnings_on_stderr() {
    let dir = Dir::new();
    dir.fixture("export-mix.toml");
    let out = ok(export(&dir, &["--format", "csv", "--profile", "hootsuite"]));
    assert_snapshot!(out.stdout, @r#"
    07/01/2026 18:30,Summer: ice cream from Gelateria Rossi; try the pistachio,"https://example.com/gelato?a=1,2"
    11/23/2026 09:00,"Behind the scenes: packing today's orders, with ""care"" — 漢字 🎉",
    "#);
    assert_snapshot!(out.stderr, @r#"
    mixcal: warning: left out 2 posts that are not planned (1 idea, 1 published); to publish them too, export with --status planned,idea
    mixcal: warning: 1 post less than 10 minutes ahead or already past, which Hootsuite cannot schedule: Wed 1 Jul 2026 18:30 “Summer: ice cream from Gelateria Rossi; try the pistachio” (jul01)
    mixcal: warning: 1 post for Instagram without an image or video, which Instagram needs: Mon 23 Nov 2026 09:00 “Behind the scenes: packing today's orders, with "care" — 漢字 🎉” (mon01)
    mixcal: warning: posts for 2 channels (facebook, instagram) in one file: Hootsuite wants one file per profile; export each with --channel NAME
    "#);
    // --format hootsuite is the same file.
    assert_eq!(
        ok(export(&dir, &["--format", "hootsuite"])).stdout,
        out.stdout
    );
}

#[test]
fn status_lets_other_posts_into_a_publishing_file() {
    let dir = Dir::new();
    dir.fixture("export-mix.toml");
    let out = ok(export(
        &dir,
        &["--format", "hootsuite", "--status", "planned,published"],
    ));
    assert_eq!(out.stdout.lines().count(), 3, "{out:#?}");
    assert!(out.stdout.contains("Giveaway: win a mug"), "{out:#?}");
    assert!(!out.stderr.contains("left out 2 posts"), "{out:#?}");
    assert!(out.stderr.contains("not on a five-minute mark"), "{out:#?}");
}

#[test]
fn hootsuite_for_one_channel_and_week_is_clean() {
    let dir = Dir::new();
    dir.fixture("export-mix.toml");
    let out = ok(export(
        &dir,
        &[
            "--format",
            "csv",
            "--profile",
            "hootsuite",
            "--channel",
            "instagram",
            "--to",
            "2026-11-24",
            "-o",
            "instagram.csv",
        ],
    ));
    assert_eq!(out.stdout, "");
    // The only thing to say: Instagram wants a picture.
    assert_eq!(
        out.stderr.lines().collect::<Vec<_>>(),
        [
            "mixcal: warning: 1 post for Instagram without an image or video, which Instagram needs: Mon 23 Nov 2026 09:00 “Behind the scenes: packing today's orders, with \"care\" — 漢字 🎉” (mon01)"
        ]
    );
    assert_eq!(
        dir.read("instagram.csv"),
        "11/23/2026 09:00,\"Behind the scenes: packing today's orders, with \"\"care\"\" — 漢字 🎉\",\n"
    );
}

#[test]
fn a_misspelt_profile_is_bad_input_with_a_suggestion() {
    let dir = Dir::new();
    dir.fixture("export-mix.toml");
    let err = bad_input(export(&dir, &["--format", "csv", "--profile", "hootsiute"]));
    assert_eq!(
        err,
        "mixcal: --profile: unknown profile `hootsiute`\n  help: did you mean `hootsuite`? Profiles: hootsuite, sprout, socialbee, publer, highlevel\n"
    );
}

#[test]
fn a_profile_with_another_format_is_bad_input() {
    let dir = Dir::new();
    dir.fixture("export-mix.toml");
    let err = bad_input(export(&dir, &["--format", "ics", "--profile", "hootsuite"]));
    assert!(
        err.contains("use --format csv --profile hootsuite"),
        "{err}"
    );
    // Even before the schedule file is looked at.
    let err = bad_input(
        dir.mixcal(&[
            "export",
            "--file",
            "missing.toml",
            "--format",
            "toml",
            "--profile",
            "hootsuite",
        ])
        .output(),
    );
    assert!(err.contains("layout for csv, not for toml"), "{err}");
}

// ---- import ----

fn import(dir: &Dir, sheet: &str, schedule: &str, extra: &[&str]) -> Output {
    let mut args = vec!["import", "--format", "csv", sheet, "--file", schedule];
    args.extend_from_slice(extra);
    dir.mixcal(&args).output()
}

#[test]
fn an_exported_sheet_imports_back_without_a_change() {
    let dir = Dir::new();
    dir.fixture("export-mix.toml");
    ok(export(&dir, &["--format", "csv", "-o", "plan.csv"]));
    let before = dir.read_bytes("export-mix.toml");
    let out = ok(import(&dir, "plan.csv", "export-mix.toml", &[]));
    assert_eq!(
        out.stdout,
        "0 added, 0 updated, 4 unchanged; export-mix.toml left as it was\n"
    );
    assert_eq!(dir.read_bytes("export-mix.toml"), before);
    assert_eq!(dir.files(), ["export-mix.toml", "plan.csv"]);
}

#[test]
fn an_exported_sheet_imported_into_a_new_schedule_keeps_every_field_but_the_id() {
    let dir = Dir::new();
    dir.fixture("export-mix.toml");
    ok(export(&dir, &["--format", "csv", "-o", "plan.csv"]));
    // The ids are the other schedule's: a new schedule has no such posts.
    let err = bad_input(import(&dir, "plan.csv", "new.toml", &[]));
    assert!(
        err.contains("row 2: id `jul01` matches no post in the schedule"),
        "{err}"
    );
    assert_eq!(dir.files(), ["export-mix.toml", "plan.csv"]);
    // Without the id column the rows are new posts.
    let sheet = dir.read("plan.csv");
    let mut without = csv::Writer::from_writer(Vec::new());
    for record in csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(sheet.as_bytes())
        .records()
    {
        let record = record.unwrap();
        without
            .write_record(record.iter().take(record.len() - 1))
            .unwrap();
    }
    dir.write(
        "plan.csv",
        &String::from_utf8(without.into_inner().unwrap()).unwrap(),
    );
    let out = ok(import(&dir, "plan.csv", "new.toml", &[]));
    assert!(
        out.stdout
            .ends_with("4 added, 0 updated, 0 unchanged; started a new schedule in new.toml\n"),
        "{out:#?}"
    );
    let without_ids = |posts: Vec<Post>| -> Vec<Post> {
        posts
            .into_iter()
            .map(|p| Post {
                id: String::new(),
                ..p
            })
            .collect()
    };
    assert_eq!(
        without_ids(load(&dir, "new.toml")),
        without_ids(load(&dir, "export-mix.toml"))
    );
}

#[test]
fn known_ids_update_their_posts_and_other_rows_are_added() {
    let dir = Dir::new();
    dir.fixture("export-mix.toml");
    let before = dir.read("export-mix.toml");
    dir.write(
        "changes.csv",
        "id,title,date,category,time\n\
         mon01,\"Packing orders, renamed\",2026-11-23,everyday,09:30\n\
         ,A brand new post,2026-11-26,everyday,\n",
    );
    let out = ok(import(&dir, "changes.csv", "export-mix.toml", &[]));
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "updated  mon01   2026-11-23 09:30  everyday  Packing orders, renamed  (row 2)"
    );
    assert!(lines[1].starts_with("added    "), "{lines:?}");
    assert!(
        lines[1].ends_with("2026-11-26        everyday  A brand new post  (row 3)"),
        "{lines:?}"
    );
    assert_eq!(
        lines[2],
        "1 added, 1 updated, 0 unchanged; saved export-mix.toml (the previous version is export-mix.toml.bak)"
    );
    assert_eq!(dir.read("export-mix.toml.bak"), before);
    let posts = load(&dir, "export-mix.toml");
    assert_eq!(posts.len(), 5);
    let mon = posts.iter().find(|p| p.id == "mon01").unwrap();
    assert_eq!(mon.title, "Packing orders, renamed");
    // Columns the sheet does not have are left as they were.
    assert_eq!(mon.channel.as_deref(), Some("instagram"));
    assert_eq!(
        mon.notes.as_deref(),
        Some("photo of the workbench\nsecond line, with a comma")
    );
}

#[test]
fn a_dry_run_prints_the_changes_and_writes_nothing() {
    let dir = Dir::new();
    dir.fixture("export-mix.toml");
    let before = dir.read_bytes("export-mix.toml");
    dir.write(
        "changes.csv",
        "id,date,category,title\nmon01,2026-11-23,business,Now a business post\n",
    );
    let out = ok(import(
        &dir,
        "changes.csv",
        "export-mix.toml",
        &["--dry-run"],
    ));
    assert_snapshot!(out.stdout, @r"
    would update  mon01   2026-11-23 09:00  business  Now a business post  (row 2)
    0 to add, 1 to update, 0 unchanged; dry run, nothing written
    ");
    assert_eq!(dir.read_bytes("export-mix.toml"), before);
    assert_eq!(dir.files(), ["changes.csv", "export-mix.toml"]);
}

#[test]
fn a_dry_run_into_a_missing_schedule_creates_nothing() {
    let dir = Dir::new();
    dir.write(
        "plan.csv",
        "date,category,title\n2026-11-23,everyday,Hello\n",
    );
    let out = ok(import(&dir, "plan.csv", "new.toml", &["--dry-run"]));
    // The id a real import would make is not known yet.
    assert!(
        out.stdout
            .starts_with("would add     new     2026-11-23        everyday  Hello  (row 2)\n"),
        "{out:#?}"
    );
    assert!(
        out.stdout.ends_with(
            "1 to add, 0 to update, 0 unchanged; dry run, nothing written (new.toml does not exist yet and would be started)\n"
        ),
        "{out:#?}"
    );
    assert_eq!(dir.files(), ["plan.csv"]);
}

#[test]
fn every_bad_row_is_reported_and_nothing_is_written() {
    let dir = Dir::new();
    dir.fixture("export-mix.toml");
    let before = dir.read_bytes("export-mix.toml");
    dir.write(
        "bad.csv",
        "date,time,category,title\n\
         2026-11-23,09:00,everyday,fine\n\
         2026-02-30,09:00,everyday,impossible date\n\
         2026-11-24,9.30,busines,\"two problems, one row\"\n",
    );
    let err = bad_input(import(&dir, "bad.csv", "export-mix.toml", &[]));
    assert_snapshot!(err, @r"
    mixcal: bad.csv: row 3, column A (date): `2026-02-30` is not a real date
      help: February 2026 has 28 days
    bad.csv: row 4, column B (time): `9.30` is not a time of day
      help: write a 24-hour time like 09:30
    bad.csv: row 4, column C (category): unknown category `busines`
      help: did you mean `business`? Categories: everyday, business, partner, contest
    3 problems found
    ");
    assert_eq!(dir.read_bytes("export-mix.toml"), before);
    assert_eq!(dir.files(), ["bad.csv", "export-mix.toml"]);
}

#[test]
fn a_broken_schedule_is_not_imported_into() {
    let dir = Dir::new();
    dir.fixture("unknown-category.toml");
    let before = dir.read_bytes("unknown-category.toml");
    dir.write(
        "plan.csv",
        "date,category,title\n2026-11-23,everyday,Hello\n",
    );
    let err = bad_input(import(&dir, "plan.csv", "unknown-category.toml", &[]));
    assert!(err.contains("unknown-category.toml:"), "{err}");
    assert_eq!(dir.read_bytes("unknown-category.toml"), before);
}

#[test]
fn a_missing_sheet_is_bad_input() {
    let dir = Dir::new();
    dir.fixture("export-mix.toml");
    let err = bad_input(import(&dir, "nope.csv", "export-mix.toml", &[]));
    assert_eq!(
        err,
        "mixcal: nope.csv: no such file\n  help: check the path of the file to import\n"
    );
}

#[test]
fn importing_a_sheet_without_ids_twice_changes_nothing_the_second_time() {
    let dir = Dir::new();
    dir.write(
        "plan.csv",
        "date,category,title\n2026-11-23,everyday,Hello\n2026-11-24,business,Offer\n",
    );
    ok(import(&dir, "plan.csv", "s.toml", &[]));
    let before = dir.read_bytes("s.toml");
    let out = ok(import(&dir, "plan.csv", "s.toml", &[]));
    assert_eq!(
        out.stdout,
        "0 added, 0 updated, 2 unchanged; s.toml left as it was\n"
    );
    assert_eq!(out.stderr, "");
    assert_eq!(dir.read_bytes("s.toml"), before);
    assert_eq!(load(&dir, "s.toml").len(), 2);
}

// ---- laws, on generated posts ----

mod laws {
    use chrono::{NaiveDate, NaiveTime};
    use icalendar::parser::{read_calendar, unfold};
    use mixcal::testing::config::Config;
    use mixcal::testing::domain::{Post, Status};
    use mixcal::testing::export::{csv, ics};
    use proptest::prelude::*;

    const CATEGORIES: [&str; 4] = ["everyday", "business", "partner", "contest"];

    /// Characters that stress CSV quoting and iCalendar escaping and folding.
    fn awkward_char() -> impl Strategy<Value = char> {
        prop_oneof![
            3 => any::<char>(),
            3 => prop::sample::select(vec![
                '"', ',', ';', '\\', '\n', '\r', '\t', ' ', ':', '\u{0}', '\u{7}', '\u{7f}',
                '\u{feff}', '\u{200d}', 'é', '€', '漢', '🎉',
            ]),
            2 => prop::char::range('a', 'z'),
        ]
    }

    fn text(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(awkward_char(), 0..max).prop_map(|cs| cs.into_iter().collect())
    }

    fn optional(max: usize) -> impl Strategy<Value = Option<String>> {
        prop::option::of(text(max).prop_filter("empty means absent", |s| !s.is_empty()))
    }

    fn post() -> impl Strategy<Value = Post> {
        let id = text(8).prop_filter("ids are trimmed and not empty", |s| {
            !s.is_empty() && s.trim() == s
        });
        let date = (1i32..=9999, 1u32..=12, 1u32..=31)
            .prop_filter_map("a real date", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
        let time = prop::option::of((0u32..24, 0u32..60, 0u32..60))
            .prop_map(|t| t.and_then(|(h, m, s)| NaiveTime::from_hms_opt(h, m, s)));
        let title = text(120).prop_filter("a title has words", |s| !s.trim().is_empty());
        (
            (id, date, time, prop::sample::select(CATEGORIES.to_vec())),
            (title, optional(12), optional(200), optional(40)),
            (
                prop::option::of(0u32..=1440),
                prop::sample::select(Status::ALL.to_vec()),
            ),
            (
                optional(20).prop_map(|p| {
                    p.and_then(|p| mixcal::testing::domain::fields::partner(&p).map(str::to_string))
                }),
                prop::option::of(0u32..=1440),
                prop::option::of(0u32..=1_000_000),
            ),
        )
            .prop_map(
                |(
                    (id, date, time, category),
                    (title, channel, notes, link),
                    (minutes, status),
                    (partner, spent, responses),
                )| {
                    Post {
                        media: Vec::new(),
                        partner,
                        spent,
                        responses,
                        id,
                        date: Some(date),
                        time,
                        category: category.to_string(),
                        title,
                        channel,
                        notes,
                        link,
                        minutes,
                        status,
                        ..Post::idea("", "")
                    }
                },
            )
    }

    fn posts() -> impl Strategy<Value = Vec<Post>> {
        prop::collection::vec(post(), 0..6).prop_map(|mut posts| {
            // Ids are unique in a schedule, and a sheet with one id twice is refused.
            let mut seen = std::collections::HashSet::new();
            posts.retain(|p| seen.insert(p.id.clone()));
            posts
        })
    }

    /// A change made to an exported sheet before it is imported again.
    #[derive(Debug, Clone)]
    enum Edit {
        /// A cell of a row set to a value.
        Set(usize, usize, String),
        /// A row's id cleared: it is found by what it is, or added.
        ClearId(usize),
        /// A row's id mangled the way spreadsheets do.
        Mangle(usize),
        /// A row written twice.
        Twice(usize),
        /// Two rows swapped.
        Swap(usize, usize),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let value = prop_oneof![
            3 => prop::sample::select(vec![
                "", " ", "x", "=SUM(1,2)", "3", "#NAME?", "'=x", "2026-11-23", "23.11.2026",
                "09:30", "9:30 PM", "everyday", "Business", "idea", "published", "15", "40.0",
                "https://example.com/a.jpg", "@shop",
            ])
            .prop_map(str::to_string),
            1 => text(10),
        ];
        prop_oneof![
            2 => (any::<usize>(), any::<usize>(), value).prop_map(|(r, c, v)| Edit::Set(r, c, v)),
            1 => any::<usize>().prop_map(Edit::ClearId),
            1 => any::<usize>().prop_map(Edit::Mangle),
            1 => any::<usize>().prop_map(Edit::Twice),
            1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
        ]
    }

    /// A schedule of `posts`, one of them repeating when `repeating` is set.
    fn schedule_of(posts: &[Post], repeating: bool) -> mixcal::testing::domain::Schedule {
        let mut schedule = mixcal::testing::domain::Schedule::new();
        for (i, post) in posts.iter().enumerate() {
            let mut post = post.clone();
            if repeating && i == 0 {
                let first = post.date.unwrap();
                let rule = mixcal::testing::domain::Repeat::new(
                    first,
                    mixcal::testing::domain::Every::Weeks(1),
                    Vec::new(),
                    mixcal::testing::domain::End::Times(3),
                    Vec::new(),
                );
                post.repeat = rule.ok().map(Box::new);
            }
            schedule.insert(post);
        }
        schedule
    }

    /// The sheet `export --format csv` writes for `schedule`, edited, with the
    /// columns in `order` for which `keep` holds.
    fn edited_sheet(
        schedule: &mixcal::testing::domain::Schedule,
        edits: &[Edit],
        order: &[usize],
        keep: &[bool],
    ) -> Vec<u8> {
        let sheet = csv::render(&mixcal::testing::export::select(schedule, None, None).dated);
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(sheet.as_slice());
        let mut records: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        let header = records.remove(0);
        let id = header.iter().position(|h| h == "id").unwrap();
        for e in edits {
            let n = records.len();
            if n == 0 {
                break;
            }
            match e {
                Edit::Set(r, c, v) => records[r % n][c % header.len()].clone_from(v),
                Edit::ClearId(r) => records[r % n][id].clear(),
                Edit::Mangle(r) => records[r % n][id] = "7.33E+36".into(),
                Edit::Twice(r) => {
                    let row = records[r % n].clone();
                    records.insert(r % n, row);
                }
                Edit::Swap(a, b) => records.swap(a % n, b % n),
            }
        }
        let columns: Vec<usize> = order.iter().copied().filter(|&c| keep[c]).collect();
        let mut w = ::csv::Writer::from_writer(Vec::new());
        w.write_record(columns.iter().map(|&c| &header[c])).unwrap();
        for r in &records {
            w.write_record(columns.iter().map(|&c| &r[c])).unwrap();
        }
        w.into_inner().unwrap()
    }

    /// An import's result with the ids of new posts (random) named by their row.
    fn normalised(
        result: Result<
            (
                mixcal::testing::domain::Schedule,
                mixcal::testing::commands::Changes,
            ),
            String,
        >,
    ) -> Result<(Vec<String>, mixcal::testing::commands::Changes), String> {
        let (schedule, mut changes) = result?;
        let names: std::collections::HashMap<String, String> = changes
            .added
            .iter()
            .map(|(row, id)| (id.clone(), format!("new@{row}")))
            .collect();
        let mut posts: Vec<String> = schedule
            .iter()
            .map(|p| {
                let mut p = p.clone();
                if let Some(name) = names.get(&p.id) {
                    p.id = name.clone();
                }
                format!("{p:?}")
            })
            .collect();
        posts.sort();
        for (row, id) in &mut changes.added {
            *id = format!("new@{row}");
        }
        Ok((posts, changes))
    }

    /// Cases of the law below where rows were only counted as unchanged.
    static COUNTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    #[test]
    fn the_fast_import_law_sees_rows_only_counted() {
        reading_against_the_schedule_imports_as_reading_alone();
        let counted = COUNTED.load(std::sync::atomic::Ordering::Relaxed);
        assert!(counted >= 25, "only {counted} cases counted unchanged rows");
    }

    /// What an iCalendar TEXT value can hold: line breaks as `\n`, no control
    /// characters but tab.
    fn as_ics_text(s: &str) -> String {
        s.replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
            .collect()
    }

    proptest! {
        #[test]
        fn csv_export_then_import_gives_back_every_field(posts in posts()) {
            let config = Config::builtin().unwrap();
            let refs: Vec<mixcal::testing::domain::Dated> = posts.iter().filter_map(mixcal::testing::domain::Dated::of).collect();
            let sheet = csv::render(&refs);
            let rows = csv::read(&sheet, "gen.csv", &config, csv::ReadOptions::default())
                .map_err(|e| TestCaseError::fail(format!("{e}\n{}", String::from_utf8_lossy(&sheet))))?;
            let back: Vec<Post> = rows.rows.into_iter().map(|r| r.post).collect();
            prop_assert_eq!(back, posts);
        }

        #[test]
        fn ics_lines_fit_and_a_parser_reads_back_every_text(posts in posts()) {
            let config = Config::builtin().unwrap();
            let refs: Vec<mixcal::testing::domain::Dated> = posts.iter().filter_map(mixcal::testing::domain::Dated::of).collect();
            let now = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(0, 0, 0).unwrap();
            let zone = jiff::tz::TimeZone::UTC;
            let job = mixcal::testing::export::Job {
                config: &config,
                zone: &zone,
                now,
                statuses: None,
                origin: mixcal::testing::export::Origin::default(),
                utc: true,
                date_order: mixcal::testing::domain::fields::DateOrder::Mdy,
            };
            let text = ics::render(&refs, &job, &mut Vec::new());
            prop_assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
            prop_assert_eq!(text.matches('\r').count(), text.matches("\r\n").count());
            for line in text.strip_suffix("\r\n").unwrap_or(&text).split("\r\n") {
                prop_assert!(line.len() <= 75, "{:?} is {} octets", line, line.len());
            }
            let unfolded = unfold(&text);
            let calendar = read_calendar(&unfolded)
                .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            prop_assert_eq!(calendar.components.len(), posts.len());
            for (event, post) in calendar.components.iter().zip(&posts) {
                let value = |name: &str| event.find_prop(name).map(|p| p.val.as_str().to_string());
                prop_assert_eq!(value("SUMMARY"), Some(as_ics_text(&post.title)));
                prop_assert_eq!(value("X-MIXCAL-CHANNEL"), post.channel.as_deref().map(as_ics_text));
                if post.link.is_none() {
                    prop_assert_eq!(value("DESCRIPTION"), post.notes.as_deref().map(as_ics_text));
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// The import reads its sheet against the schedule, counting the rows
        /// that change nothing instead of keeping them: whatever the sheet,
        /// that imports exactly what reading the sheet alone does.
        #[test]
        fn reading_against_the_schedule_imports_as_reading_alone(
            posts in posts(),
            repeating in any::<bool>(),
            edits in prop::collection::vec(edit(), 0..4),
            order in Just((0..14).collect::<Vec<usize>>()).prop_shuffle(),
            keep in prop::collection::vec(prop::bool::weighted(0.9), 14),
        ) {
            let config = Config::builtin().unwrap();
            let schedule = schedule_of(&posts, repeating);
            let sheet = edited_sheet(&schedule, &edits, &order, &keep);
            let options = csv::ReadOptions::default();
            let import = |fast: bool| {
                let mut into = schedule.clone();
                let read = if fast {
                    csv::read_against(&sheet, "gen.csv", &config, options, &into)
                } else {
                    csv::read(&sheet, "gen.csv", &config, options)
                };
                let read = read.map_err(|e| format!("read: {e}"))?;
                if fast && read.unchanged > 0 {
                    COUNTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                let changes = mixcal::testing::commands::merge(&mut into, read, "gen.csv", "row")
                    .map_err(|e| format!("merge: {e}"))?;
                Ok((into, changes))
            };
            prop_assert_eq!(
                normalised(import(true)),
                normalised(import(false)),
                "{}",
                String::from_utf8_lossy(&sheet)
            );
        }
    }
}
