//! Hand-offs that cannot embarrass: a plan goes out to a spreadsheet and comes
//! back, goes out to publishing tools and calendars, and a hand-written file
//! keeps its comments through the calendar's saves.

use std::process::Command;

use icalendar::parser::{read_calendar, unfold};
use mixcal::testing::config::Config;
use mixcal::testing::domain::{Post, Schedule};
use mixcal::testing::store::Store;

use crate::common::{Dir, Output};

fn ok(out: Output) -> Output {
    assert_eq!(out.code, Some(0), "{out:#?}");
    out
}

fn bad_input(out: Output) -> String {
    assert_eq!(out.code, Some(2), "{out:#?}");
    assert!(out.stderr.starts_with("mixcal: "), "{out:#?}");
    assert!(!out.stderr.contains("panicked"), "{out:#?}");
    out.stderr
}

fn load(dir: &Dir, name: &str) -> Schedule {
    let config = Config::builtin().unwrap();
    Store::open(&dir.path(name), &config).unwrap().0
}

fn import(dir: &Dir, sheet: &str, schedule: &str, extra: &[&str]) -> Output {
    let mut args = vec!["import", "--format", "csv", sheet, "--file", schedule];
    args.extend_from_slice(extra);
    dir.mixcal(&args).output()
}

fn export(dir: &Dir, schedule: &str, args: &[&str]) -> Output {
    let mut all = vec!["export", "--file", schedule];
    all.extend_from_slice(args);
    dir.mixcal(&all).env("TZ", "Europe/Berlin").output()
}

/// A schedule with ids a spreadsheet mangles, written before mixcal made ids
/// that spreadsheets leave alone.
const OLD_IDS: &str = r#"version = 1

[[post]]
id = "733e34"
date = 2026-11-23
time = 09:00:00
category = "everyday"
title = "Monday coffee"

[[post]]
id = "012345"
date = 2026-11-24
time = 09:00:00
category = "business"
title = "=SUM(1,2)"

[[post]]
id = "k3f9a2"
date = 2026-11-25
time = 09:00:00
category = "everyday"
title = "Packing orders"
"#;

/// Cells of a CSV line, as a spreadsheet would change them.
fn replace_cells(sheet: &str, edits: &[(&str, &str)]) -> String {
    let mut out = sheet.to_string();
    for (from, to) in edits {
        assert!(out.contains(from), "{from} not in {out}");
        out = out.replacen(from, to, 1);
    }
    out
}

// ---- the spreadsheet round trip ----

#[test]
fn a_libreoffice_mangled_sheet_is_refused_naming_every_row() {
    let dir = Dir::new();
    dir.write("plan.toml", OLD_IDS);
    ok(export(
        &dir,
        "plan.toml",
        &["--format", "csv", "-o", "plan.csv"],
    ));
    let sheet = dir.read("plan.csv");
    // The formula cell went out as text.
    assert!(sheet.contains(",\"'=SUM(1,2)\","), "{sheet}");
    // What LibreOffice (en-US) saves after opening a sheet exported without that
    // protection: numbers for ids, 12-hour times, the formula's result.
    let mangled = replace_cells(
        &sheet,
        &[
            (",733e34\n", ",7.33E+036\n"),
            (",012345\n", ",12345\n"),
            ("2026-11-25,09:00,", "2026-11-25,09:00:00 AM,"),
            (",\"'=SUM(1,2)\",", ",3,"),
        ],
    );
    dir.write("mangled.csv", &mangled);
    let before = dir.read_bytes("plan.toml");
    let err = bad_input(import(&dir, "mangled.csv", "plan.toml", &[]));
    assert!(
        err.contains("mangled.csv: row 2: id `7.33E+036` matches no post in the schedule\n  help: the spreadsheet may have changed the id"),
        "{err}"
    );
    assert!(
        err.contains("mangled.csv: row 3: id `12345` matches no post"),
        "{err}"
    );
    assert!(
        !err.contains("09:00:00 AM"),
        "a 12-hour time is fine: {err}"
    );
    assert_eq!(dir.read_bytes("plan.toml"), before);
    assert_eq!(dir.files(), ["mangled.csv", "plan.csv", "plan.toml"]);

    // With the ids mended, the evaluated formula is still caught.
    let mended = mangled
        .replace(",7.33E+036\n", ",733e34\n")
        .replace(",12345\n", ",012345\n");
    dir.write("mangled.csv", &mended);
    let err = bad_input(import(&dir, "mangled.csv", "plan.toml", &[]));
    assert_eq!(
        err.lines().next().unwrap(),
        "mixcal: mangled.csv: row 3: the title of post 012345 is `=SUM(1,2)` and the sheet says `3`: a spreadsheet ran it as a formula"
    );
    assert_eq!(dir.read_bytes("plan.toml"), before);
}

#[test]
fn export_edit_import_twice_changes_exactly_what_was_edited() {
    let dir = Dir::new();
    dir.write("plan.toml", OLD_IDS);
    ok(export(
        &dir,
        "plan.toml",
        &["--format", "csv", "-o", "plan.csv"],
    ));
    let before = load(&dir, "plan.toml");
    // One title edited, one row added, and a spreadsheet's way with the rest:
    // 12-hour times, dates with a time of midnight, US dates.
    let edited = replace_cells(
        &dir.read("plan.csv"),
        &[
            ("Packing orders", "Packing orders now with photos"),
            ("2026-11-23,09:00,", "2026-11-23 00:00:00,9:00 AM,"),
            ("2026-11-24,09:00,", "11/24/2026,09:00:00 AM,"),
        ],
    ) + "11/26/2026,6:30 PM,partner,,Café Müller,Café Müller's new cake,,,,40.0,,,planned,\n";
    dir.write("plan.csv", &edited);
    let out = ok(import(&dir, "plan.csv", "plan.toml", &[]));
    assert!(
        out.stdout.contains("1 added, 1 updated, 2 unchanged"),
        "{out:#?}"
    );
    let once = load(&dir, "plan.toml");
    let changed: Vec<&Post> = once
        .iter()
        .filter(|p| before.get(&p.id) != Some(*p))
        .collect();
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert_eq!(
        once.get("k3f9a2").unwrap().title,
        "Packing orders now with photos"
    );
    let added = changed.iter().find(|p| p.id != "k3f9a2").unwrap();
    assert_eq!(added.title, "Café Müller's new cake");
    assert_eq!(added.time, chrono::NaiveTime::from_hms_opt(18, 30, 0));
    assert_eq!(added.minutes, Some(40));
    assert_eq!(added.partner.as_deref(), Some("Café Müller"));
    assert_eq!(once.get("012345").unwrap().title, "=SUM(1,2)");

    let saved = dir.read_bytes("plan.toml");
    let out = ok(import(&dir, "plan.csv", "plan.toml", &[]));
    assert_eq!(
        out.stdout,
        "0 added, 0 updated, 4 unchanged; plan.toml left as it was\n"
    );
    assert_eq!(dir.read_bytes("plan.toml"), saved);
}

#[test]
fn unknown_columns_are_left_out_with_one_warning_and_updates_need_only_the_id() {
    let dir = Dir::new();
    dir.write("plan.toml", OLD_IDS);
    dir.write(
        "changes.csv",
        "id,title,helper,chanel\nk3f9a2,Packing orders at dawn,x,instagram\n",
    );
    let out = ok(import(&dir, "changes.csv", "plan.toml", &[]));
    assert_eq!(
        out.stderr,
        "mixcal: warning: changes.csv: left out 2 columns mixcal does not know: `helper` (column C), `chanel` (column D, did you mean `channel`?)\n"
    );
    let p = load(&dir, "plan.toml").get("k3f9a2").cloned().unwrap();
    assert_eq!(p.title, "Packing orders at dawn");
    assert_eq!((p.category.as_str(), p.channel), ("everyday", None));
}

#[test]
fn an_unclosed_quote_is_an_error_with_its_row() {
    let dir = Dir::new();
    dir.write(
        "plan.csv",
        "date,category,title\n2026-11-23,everyday,fine\n2026-11-24,everyday,\"never closed\n2026-11-25,everyday,swallowed\n",
    );
    let err = bad_input(import(&dir, "plan.csv", "s.toml", &[]));
    assert_eq!(
        err,
        "mixcal: plan.csv: row 3, column C: a quoted cell opens here and never closes\n  help: everything after it would be read as one cell; add the closing double quote (\"), or save the sheet again from the spreadsheet\n"
    );
    assert_eq!(dir.files(), ["plan.csv"]);
}

#[test]
fn one_bad_column_lists_ten_rows_and_counts_the_rest() {
    let dir = Dir::new();
    let mut sheet = String::from("date,time,category,title\n");
    for i in 0..10_000 {
        sheet += &format!("2026-11-23,25:{:02},everyday,post {i}\n", i % 60);
    }
    dir.write("plan.csv", &sheet);
    let err = bad_input(import(&dir, "plan.csv", "s.toml", &[]));
    assert!(err.lines().count() < 30, "{err}");
    assert!(
        err.contains("plan.csv: row 11, column B (time): `25:09` is not a time of day"),
        "{err}"
    );
    assert!(!err.contains("row 12,"), "{err}");
    assert!(
        err.contains("plan.csv: column B (time): 9,990 more rows with this problem, from row 12 on (listed: the first 10)"),
        "{err}"
    );
}

#[test]
fn an_ambiguous_date_names_both_readings_until_the_order_is_given() {
    let dir = Dir::new();
    dir.write(
        "plan.csv",
        "date,category,title\n05/06/2026,everyday,a\n23/11/2026,everyday,b\n",
    );
    let err = bad_input(import(&dir, "plan.csv", "s.toml", &[]));
    assert!(
        err.contains("row 2, column A (date): `05/06/2026` could be Wednesday 6 May 2026 or Friday 5 June 2026"),
        "{err}"
    );
    assert!(err.contains("--date-order mdy"), "{err}");
    ok(import(&dir, "plan.csv", "s.toml", &["--date-order", "dmy"]));
    let dates: Vec<String> = load(&dir, "s.toml")
        .iter()
        .filter_map(|p| p.date.map(|d| d.to_string()))
        .collect();
    assert_eq!(dates, ["2026-06-05", "2026-11-23"]);
}

#[test]
fn a_leap_second_is_refused_everywhere() {
    let dir = Dir::new();
    dir.write(
        "plan.csv",
        "date,time,category,title\n2026-11-23,23:59:60,everyday,late\n",
    );
    let err = bad_input(import(&dir, "plan.csv", "s.toml", &[]));
    assert!(
        err.contains("row 2, column B (time): `23:59:60` is not a time of day"),
        "{err}"
    );
    assert_eq!(dir.files(), ["plan.csv"]);
    for value in ["23:59:60", "\"23:59:60\""] {
        dir.write(
            "s.toml",
            &format!("[[post]]\ndate = 2026-11-23\ntime = {value}\ncategory = \"everyday\"\ntitle = \"t\"\n"),
        );
        let err = bad_input(dir.mixcal(&["check", "--file", "s.toml"]).output());
        assert!(
            err.contains("`23:59:60` is not a time of day"),
            "{value}: {err}"
        );
    }
    dir.write("config.toml", "[slots]\nmonday = [\"23:59:60\"]\n");
    let err = bad_input(
        dir.mixcal(&["check", "--file", "s.toml", "--config", "config.toml"])
            .output(),
    );
    assert!(
        err.contains("config.toml:2:11: `23:59:60` is not a time of day"),
        "{err}"
    );
}

// ---- publishing tools ----

const MIXED: &str = r#"version = 1

[[post]]
id = "idea1"
date = 2026-11-24
time = 09:00:00
category = "everyday"
title = "Everyday post idea"
status = "idea"

[[post]]
id = "plan1"
date = 2026-11-24
time = 12:00:00
category = "business"
title = "New notebooks"
channel = "instagram"
media = ["https://example.com/notebooks.jpg"]

[[post]]
id = "done1"
date = 2026-11-24
time = 15:00:00
category = "everyday"
title = "Yesterday's market"
status = "published"
"#;

#[test]
fn nothing_but_planned_posts_reaches_a_publishing_file_unless_asked() {
    let dir = Dir::new();
    dir.write("plan.toml", MIXED);
    for profile in ["hootsuite", "sprout", "socialbee", "publer", "highlevel"] {
        let out = ok(export(&dir, "plan.toml", &["--format", profile]));
        assert!(out.stdout.contains("New notebooks"), "{profile}: {out:#?}");
        assert!(
            !out.stdout.contains("Everyday post idea"),
            "{profile}: {out:#?}"
        );
        assert!(
            !out.stdout.contains("Yesterday's market"),
            "{profile}: {out:#?}"
        );
        assert!(
            out.stderr.starts_with(
                "mixcal: warning: left out 2 posts that are not planned (1 idea, 1 published)"
            ),
            "{profile}: {out:#?}"
        );
        let same = ok(export(
            &dir,
            "plan.toml",
            &["--format", "csv", "--profile", profile],
        ));
        assert_eq!(same.stdout, out.stdout, "{profile}");
        let asked = ok(export(
            &dir,
            "plan.toml",
            &["--format", profile, "--status", "idea,planned"],
        ));
        assert!(
            asked.stdout.contains("Everyday post idea"),
            "{profile}: {asked:#?}"
        );
    }
    let sprout = ok(export(&dir, "plan.toml", &["--format", "sprout"]));
    assert_eq!(
        sprout.stdout,
        "date,time_24hr,message_text,link,image_url\n11/24/2026,12:00,New notebooks,,https://example.com/notebooks.jpg\n"
    );
}

// ---- time zones ----

/// A plan in Berlin, exported on machines in three zones.
#[test]
fn a_berlin_plan_exports_the_same_bytes_on_any_machine() {
    let dir = Dir::new();
    dir.write("plan.toml", MIXED);
    dir.write("config.toml", "time_zone = \"Europe/Berlin\"\n");
    let on = |tz: &str| {
        ok(dir
            .mixcal(&[
                "export",
                "--file",
                "plan.toml",
                "--config",
                "config.toml",
                "--format",
                "ics",
            ])
            .env("TZ", tz)
            .output())
        .stdout
    };
    let berlin = on("Europe/Berlin");
    assert_eq!(on("America/New_York"), berlin);
    assert_eq!(on("Asia/Tokyo"), berlin);
    // A misspelt TZ does not matter when the config names the zone.
    assert_eq!(on("Europe/Berln"), berlin);
    assert!(
        berlin.contains("\r\nDTSTART;TZID=Europe/Berlin:20261124T120000\r\n"),
        "{berlin}"
    );
    assert!(berlin.contains("\r\nTZID:Europe/Berlin\r\n"), "{berlin}");
    let utc = ok(dir
        .mixcal(&[
            "export",
            "--file",
            "plan.toml",
            "--config",
            "config.toml",
            "--format",
            "ics",
            "--utc",
        ])
        .env("TZ", "America/New_York")
        .output())
    .stdout;
    assert!(utc.contains("\r\nDTSTART:20261124T110000Z\r\n"), "{utc}");
    assert!(!utc.contains("VTIMEZONE"), "{utc}");
}

#[test]
fn an_unknown_time_zone_is_an_error_never_utc() {
    let dir = Dir::new();
    dir.write("plan.toml", MIXED);
    dir.write("config.toml", "\ntime_zone = \"Europe/Berln\"\n");
    let err = bad_input(
        dir.mixcal(&["check", "--file", "plan.toml", "--config", "config.toml"])
            .output(),
    );
    assert_eq!(
        err,
        "mixcal: config.toml:2:13: unknown time zone `Europe/Berln`\n  help: did you mean `Europe/Berlin`? A time zone is an IANA name like Europe/Berlin or America/New_York\n"
    );
    let err = bad_input(
        dir.mixcal(&["export", "--file", "plan.toml", "--format", "ics"])
            .env("TZ", "Europe/Berln")
            .output(),
    );
    assert!(
        err.starts_with("mixcal: cannot tell which time zone the plan is in: TZ is `Europe/Berln`, which is not a time zone"),
        "{err}"
    );
    assert!(err.contains("time_zone = \"Europe/Berlin\""), "{err}");
}

/// calcurse reads TZID by name: on a machine in New York, the Berlin post at
/// 12:00 arrives at 06:00, the same moment.
#[test]
fn a_calendar_in_new_york_shows_the_berlin_moment() {
    if Command::new("calcurse").arg("--version").output().is_err() {
        eprintln!("note: calcurse is not installed; skipping the calcurse check");
        return;
    }
    let dir = Dir::new();
    dir.write("plan.toml", MIXED);
    dir.write("config.toml", "time_zone = \"Europe/Berlin\"\n");
    ok(dir
        .mixcal(&[
            "export",
            "--file",
            "plan.toml",
            "--config",
            "config.toml",
            "--format",
            "ics",
            "-o",
            "plan.ics",
        ])
        .output());
    let listed = calcurse(&dir, "America/New_York", &["plan.ics"]);
    assert!(
        listed.contains("2026-11-24 06:00 New notebooks"),
        "{listed}"
    );
}

/// Imports calendars into a fresh calcurse in `tz` and lists its appointments.
fn calcurse(dir: &Dir, tz: &str, files: &[&str]) -> String {
    let run = |args: &[&str]| {
        let out = Command::new("calcurse")
            .arg("-D")
            .arg(dir.path("calcurse"))
            .args(args)
            .env("TZ", tz)
            .env("HOME", dir.path("home"))
            .output()
            .expect("run calcurse");
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    std::fs::create_dir_all(dir.path("calcurse")).unwrap();
    for f in files {
        run(&["-i", dir.path(f).to_str().unwrap()]);
    }
    run(&[
        "--input-datefmt",
        "4",
        "-Q",
        "--from",
        "2026-11-01",
        "--to",
        "2026-12-31",
        "--format-apt",
        "%(start:%Y-%m-%d %H:%M) %m\n",
    ])
}

// ---- calendar identity ----

#[test]
fn two_schedules_with_the_same_post_ids_stay_apart_in_one_calendar() {
    let dir = Dir::new();
    let one = "version = 1\n\n[[post]]\nid = \"a\"\ndate = 2026-11-24\ntime = 09:00:00\ncategory = \"everyday\"\ntitle = \"Bakery: fresh rolls\"\n";
    let two = one.replace("Bakery: fresh rolls", "Florist: winter roses");
    dir.write("bakery.toml", one);
    dir.write("florist.toml", &two);
    // The first save gives each schedule its own identifier.
    save_unchanged(&dir, "bakery.toml");
    save_unchanged(&dir, "florist.toml");
    for name in ["bakery.toml", "florist.toml"] {
        assert!(
            dir.read(name).starts_with("version = 1\nidentifier = \""),
            "{name}"
        );
    }
    ok(export(
        &dir,
        "bakery.toml",
        &["--format", "ics", "-o", "bakery.ics"],
    ));
    ok(export(
        &dir,
        "florist.toml",
        &["--format", "ics", "-o", "florist.ics"],
    ));
    let bakery = dir.read("bakery.ics");
    assert!(bakery.contains("\r\nX-WR-CALNAME:bakery\r\n"), "{bakery}");
    // Both calendars' events in one calendar file, as a shared calendar holds them.
    let events = |text: &str| -> String {
        let start = text.find("BEGIN:VEVENT").unwrap();
        let end = text.rfind("END:VEVENT").unwrap() + "END:VEVENT\r\n".len();
        text[start..end].to_string()
    };
    let florist = dir.read("florist.ics");
    let shared = bakery.replace(&events(&bakery), &(events(&bakery) + &events(&florist)));
    let unfolded = unfold(&shared);
    let calendar = read_calendar(&unfolded).expect("a valid calendar");
    let uids: Vec<String> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|e| e.find_prop("UID").unwrap().val.as_str().to_string())
        .collect();
    assert_eq!(uids.len(), 2);
    assert_ne!(uids[0], uids[1]);
    assert!(uids.iter().all(|u| u.starts_with("a@")), "{uids:?}");
    if Command::new("calcurse").arg("--version").output().is_ok() {
        let listed = calcurse(&dir, "Europe/Berlin", &["bakery.ics", "florist.ics"]);
        assert!(
            listed.contains("2026-11-24 09:00 Bakery: fresh rolls"),
            "{listed}"
        );
        assert!(
            listed.contains("2026-11-24 09:00 Florist: winter roses"),
            "{listed}"
        );
    }
    // Exporting again gives the same bytes.
    ok(export(
        &dir,
        "bakery.toml",
        &["--format", "ics", "-o", "again.ics"],
    ));
    assert_eq!(dir.read("again.ics"), bakery);
}

/// Opens and saves a schedule, as the calendar's `s` does.
fn save_unchanged(dir: &Dir, name: &str) {
    let config = Config::builtin().unwrap();
    let (schedule, mut store) = Store::open(&dir.path(name), &config).unwrap();
    store.save(&schedule).unwrap();
}

#[test]
fn a_calendar_imports_as_posts_and_twice_changes_nothing() {
    let dir = Dir::new();
    dir.write("plan.toml", "version = 1\n");
    dir.write(
        "google.ics",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n\
BEGIN:VEVENT\r\nUID:x1@google.com\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=America/New_York:20261124T030000\r\nDTEND;TZID=America/New_York:20261124T034000\r\nSUMMARY:Team photo\\, again\r\nCATEGORIES:Everyday\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:x2@google.com\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261125T110000Z\r\nSUMMARY:Workshop\r\nDESCRIPTION:Bring tea\r\nURL:https://example.com/workshop\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:x3@google.com\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20261126\r\nSUMMARY:Market day\r\nCATEGORIES:contest\r\nSTATUS:TENTATIVE\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n",
    );
    let import_ics = |extra: &[&str]| {
        let mut args = vec![
            "import",
            "--format",
            "ics",
            "google.ics",
            "--file",
            "plan.toml",
        ];
        args.extend_from_slice(extra);
        dir.mixcal(&args).env("TZ", "Europe/Berlin").output()
    };
    // The workshop names no category: all or nothing.
    let err = bad_input(import_ics(&[]));
    assert!(
        err.contains("google.ics: event 2: “Workshop” names no category\n  help: give the import a category for such events, e.g. --category everyday"),
        "{err}"
    );
    assert_eq!(dir.read("plan.toml"), "version = 1\n");
    let out = ok(import_ics(&["--category", "business"]));
    assert!(out.stdout.contains("3 added"), "{out:#?}");
    let s = load(&dir, "plan.toml");
    let posts: Vec<String> = s
        .iter()
        .map(|p| {
            format!(
                "{} {} {} {} {} {:?}",
                p.date.map(|d| d.to_string()).unwrap_or_default(),
                p.time
                    .map_or("--:--".into(), |t| t.format("%H:%M").to_string()),
                p.category,
                p.title,
                p.status,
                p.minutes
            )
        })
        .collect();
    assert_eq!(
        posts,
        [
            "2026-11-24 09:00 everyday Team photo, again planned Some(40)",
            "2026-11-25 12:00 business Workshop planned None",
            "2026-11-26 --:-- contest Market day idea None",
        ]
    );
    let workshop = s.iter().find(|p| p.title == "Workshop").unwrap();
    assert_eq!(workshop.notes.as_deref(), Some("Bring tea"));
    assert_eq!(
        workshop.link.as_deref(),
        Some("https://example.com/workshop")
    );
    let saved = dir.read_bytes("plan.toml");
    let again = ok(import_ics(&["--category", "business"]));
    assert!(
        again.stdout.starts_with("0 added, 0 updated, 3 unchanged"),
        "{again:#?}"
    );
    assert_eq!(dir.read_bytes("plan.toml"), saved);

    // The schedule's own calendar comes back as the same posts.
    ok(export(
        &dir,
        "plan.toml",
        &["--format", "ics", "-o", "own.ics"],
    ));
    let own = dir
        .mixcal(&[
            "import",
            "--format",
            "ics",
            "own.ics",
            "--file",
            "plan.toml",
        ])
        .env("TZ", "Europe/Berlin")
        .output();
    assert!(
        ok(own)
            .stdout
            .starts_with("0 added, 0 updated, 3 unchanged")
    );
    assert_eq!(dir.read_bytes("plan.toml"), saved);
}

/// `import --format ics CALENDAR --file SCHEDULE --dry-run` in Berlin.
fn import_ics_dry(dir: &Dir, calendar: &str, schedule: &str) -> Output {
    dir.mixcal(&[
        "import",
        "--format",
        "ics",
        calendar,
        "--file",
        schedule,
        "--dry-run",
    ])
    .env("TZ", "Europe/Berlin")
    .output()
}

#[test]
fn a_schedule_exported_to_a_calendar_and_imported_back_is_unchanged_minutes_and_all() {
    let dir = Dir::new();
    dir.write(
        "plan.toml",
        "version = 1\nidentifier = \"bcdfghjkmnpqrstv\"\n\n[[post]]\nid = \"b30\"\ndate = 2026-11-23\ntime = 12:00:00\ncategory = \"business\"\ntitle = \"Stollen pre-orders open\"\nminutes = 30\nstatus = \"planned\"\n\n[[post]]\nid = \"edf\"\ndate = 2026-11-24\ntime = 09:00:00\ncategory = \"everyday\"\ntitle = \"Kneading\"\nstatus = \"planned\"\n\n[[post]]\nid = \"p25\"\ndate = 2026-11-25\ncategory = \"partner\"\ntitle = \"Meet the florist\"\nminutes = 25\nstatus = \"planned\"\n",
    );
    let saved = dir.read_bytes("plan.toml");
    ok(export(
        &dir,
        "plan.toml",
        &["--format", "ics", "-o", "plan.ics"],
    ));
    let import_ics = |schedule: &str| {
        dir.mixcal(&["import", "--format", "ics", "plan.ics", "--file", schedule])
            .env("TZ", "Europe/Berlin")
            .output()
    };
    let out = ok(import_ics("plan.toml"));
    assert!(
        out.stdout.starts_with("0 added, 0 updated, 3 unchanged"),
        "{out:#?}"
    );
    assert_eq!(dir.read_bytes("plan.toml"), saved);
    // Into a new schedule, the minutes each post had come along as they were.
    ok(import_ics("copy.toml"));
    let minutes: Vec<(String, Option<u32>)> = load(&dir, "copy.toml")
        .iter()
        .map(|p| (p.title.clone(), p.minutes))
        .collect();
    assert_eq!(
        minutes,
        [
            ("Stollen pre-orders open".to_string(), Some(30)),
            ("Kneading".to_string(), None),
            ("Meet the florist".to_string(), Some(25)),
        ]
    );
    // A length changed in the calendar program is a change.
    let ics = dir
        .read("plan.ics")
        .replace("DURATION:PT30M", "DURATION:PT45M");
    dir.write("plan.ics", &ics);
    let out = ok(import_ics_dry(&dir, "plan.ics", "plan.toml"));
    assert!(out.stdout.contains("would update  b30"), "{out:#?}");
}

#[test]
fn a_calendar_import_names_each_event_by_its_number_and_line_not_a_row() {
    let dir = Dir::new();
    dir.write(
        "plan.toml",
        "version = 1\nidentifier = \"bcdfghjkmnpqrstv\"\n\n[[post]]\nid = \"a1\"\ndate = 2026-11-23\ntime = 12:00:00\ncategory = \"business\"\ntitle = \"Old title\"\nstatus = \"planned\"\n",
    );
    ok(export(
        &dir,
        "plan.toml",
        &["--format", "ics", "-o", "plan.ics"],
    ));
    let ics = dir
        .read("plan.ics")
        .replace("SUMMARY:Old title", "SUMMARY:New title");
    let line = ics
        .lines()
        .position(|l| l == "BEGIN:VEVENT")
        .map(|i| i + 1)
        .unwrap();
    dir.write("plan.ics", &ics);
    let out = ok(import_ics_dry(&dir, "plan.ics", "plan.toml"));
    assert!(
        out.stdout
            .contains(&format!("New title  (event 1 at line {line})\n")),
        "{out:#?}"
    );
    assert!(!out.stdout.contains("row"), "{out:#?}");
    // An event that names a post the schedule does not have says where it is.
    let other = ics.replace("UID:a1@", "UID:zz9@");
    dir.write("other.ics", &other);
    let err = bad_input(
        dir.mixcal(&[
            "import",
            "--format",
            "ics",
            "other.ics",
            "--file",
            "plan.toml",
        ])
        .env("TZ", "Europe/Berlin")
        .output(),
    );
    assert!(
        err.contains(&format!(
            "other.ics: event 1 at line {line}: id `zz9` matches no post"
        )),
        "{err}"
    );
}

// ---- comments ----

const COMMENTED: &str = r#"# The bakery's plan. Anna keeps it; ask her first.
version = 1

# Monday: always the team photo
[[post]]
id = "mon"
date = 2026-11-23
time = 09:00:00
category = "everyday"
title = "Team photo"   # taken at 8:30 sharp

[[post]]
id = "tue"
date = 2026-11-24
# the supplier sends the pictures on Monday
category = "business"
title = "New flour from the mill"
time = 10:00:00
"#;

#[test]
fn a_commented_file_keeps_its_comments_through_saves() {
    let dir = Dir::new();
    dir.write("plan.toml", COMMENTED);
    // An import that changes one title saves the file.
    dir.write("edit.csv", "id,title\ntue,New flour from the mill (rye)\n");
    ok(import(&dir, "edit.csv", "plan.toml", &[]));
    let saved = dir.read("plan.toml");
    for comment in [
        "# The bakery's plan. Anna keeps it; ask her first.\nversion = 1\nidentifier = \"",
        "# Monday: always the team photo\n[[post]]\nid = \"mon\"",
        "title = \"Team photo\"   # taken at 8:30 sharp\n",
        "# the supplier sends the pictures on Monday\ncategory = \"business\"\ntitle = \"New flour from the mill (rye)\"\ntime = 10:00:00\n",
    ] {
        assert!(saved.contains(comment), "{comment:?} in\n{saved}");
    }
    // Another one-title change changes one line.
    dir.write("edit.csv", "id,title\nmon,Team photo in the snow\n");
    ok(import(&dir, "edit.csv", "plan.toml", &[]));
    let again = dir.read("plan.toml");
    let changed: Vec<(&str, &str)> = saved
        .lines()
        .zip(again.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(saved.lines().count(), again.lines().count());
    assert_eq!(
        changed,
        [(
            "title = \"Team photo\"   # taken at 8:30 sharp",
            "title = \"Team photo in the snow\"   # taken at 8:30 sharp"
        )]
    );
}

/// The calendar: open the commented file, edit one title with the form, save.
#[test]
fn editing_one_title_in_the_calendar_changes_one_line_of_a_commented_file() {
    use mixcal::testing::domain::Week;
    use mixcal::testing::tui::{Action, App, KeyMap, Theme};
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

    let dir = Dir::new();
    dir.write("plan.toml", COMMENTED);
    // The first save writes the identifier under the header comment.
    save_unchanged(&dir, "plan.toml");
    let before = dir.read("plan.toml");
    assert_eq!(
        before.lines().count(),
        COMMENTED.lines().count() + 1,
        "only the identifier line is new:\n{before}"
    );

    let config = Config::builtin().unwrap();
    let (schedule, store) = Store::open(&dir.path("plan.toml"), &config).unwrap();
    let keymap = KeyMap::from_config(&config);
    let theme = Theme::new(&config, false);
    let today = mixcal::testing::domain::fields::date("2026-11-24").unwrap();
    let week = Week::containing(today, config.week_start);
    let mut app = App::new(config, keymap, theme, schedule, store, today, week);
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    let press = |app: &mut App, code: KeyCode, mods: KeyModifiers| {
        app.handle_event(&Event::Key(KeyEvent::new(code, mods)));
    };
    // Tuesday is selected: edit, clear the title, type a new one, save the post, save the file.
    press(&mut app, KeyCode::Char('e'), KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    for c in "Rye flour from the mill".chars() {
        press(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('s'), KeyModifiers::NONE);
    let after = dir.read("plan.toml");
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(before.lines().count(), after.lines().count(), "{after}");
    assert_eq!(
        changed,
        [(
            "title = \"New flour from the mill\"",
            "title = \"Rye flour from the mill\""
        )],
        "{after}"
    );
}

// ---- laws: what any face accepts, the file reads back the same ----

mod laws {
    use mixcal::testing::commands::merge;
    use mixcal::testing::config::Config;
    use mixcal::testing::domain::Schedule;
    use mixcal::testing::export::csv;
    use mixcal::testing::store::{parse, to_toml};
    use mixcal::testing::tui::{Field, FormOutcome, PostForm};
    use proptest::prelude::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    /// A cell: mostly one of the shapes people and spreadsheets write that mixcal
    /// takes, sometimes one it refuses, sometimes anything at all.
    fn cell(
        good: &[&'static str],
        bad: &[&'static str],
        any: &'static str,
    ) -> impl Strategy<Value = String> {
        prop_oneof![
            20 => prop::sample::select(good.to_vec()).prop_map(str::to_string),
            1 => prop::sample::select(bad.to_vec()).prop_map(str::to_string),
            1 => any,
        ]
    }

    fn row() -> impl Strategy<Value = Vec<String>> {
        (
            cell(
                &[
                    "2026-11-23",
                    "2026/11/23",
                    "23.11.2026",
                    "11/23/2026",
                    "11/23/26",
                    "2026-11-23 00:00:00",
                    "29.02.2028",
                    "23/11/2026",
                ],
                &["05/06/2026", "2026-02-30", "2026-11-23 09:30:00", ""],
                "[0-9/. :-]{0,12}",
            ),
            cell(
                &[
                    "09:30",
                    "9:30",
                    "9:30 AM",
                    "09:00:00 AM",
                    "12:00 am",
                    "11:59:59 PM",
                    "23:59:59",
                    "",
                ],
                &["23:59:60", "24:00", "13:00 PM"],
                "[0-9: apmAPM]{0,11}",
            ),
            cell(
                &["everyday", "Business", "PARTNER", "contest"],
                &["Contset", ""],
                "[a-zA-Z ]{0,9}",
            ),
            cell(&["instagram", "", " x "], &["\u{202e}"], "\\PC{0,8}"),
            cell(
                &[
                    "Packing orders",
                    "=SUM(1,2)",
                    "'=quoted",
                    "-20% today",
                    "@shop",
                    "''",
                    "\t tab",
                    "漢字 🎉",
                ],
                &[" ", ""],
                "\\PC{0,20}",
            ),
            cell(
                &["line one\nline two", "", "+49 30"],
                &["\r\n"],
                "\\PC{0,20}",
            ),
            cell(
                &[
                    "",
                    "https://example.com/a.jpg",
                    "https://example.com/a.jpg https://example.com/b.mp4",
                ],
                &["photo.jpg"],
                "[a-z:/. ]{0,20}",
            ),
            cell(
                &["40", "40.0", "40,00", "0", "1440", ""],
                &["1441", "-1", "40.5"],
                "[0-9.,]{0,5}",
            ),
            cell(
                &["idea", "Planned", "published", ""],
                &["done"],
                "[a-z]{0,9}",
            ),
        )
            .prop_map(|(a, b, c, d, e, f, g, h, i)| vec![a, b, c, d, e, f, g, h, i])
    }

    fn sheet(rows: &[Vec<String>]) -> Vec<u8> {
        let mut w = ::csv::Writer::from_writer(Vec::new());
        w.write_record([
            "date", "time", "category", "channel", "title", "notes", "media", "minutes", "status",
        ])
        .unwrap();
        for r in rows {
            w.write_record(r).unwrap();
        }
        w.into_inner().unwrap()
    }

    /// Sheets the law below saw accepted: it says nothing if none are.
    static ACCEPTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    #[test]
    fn the_sheet_law_sees_many_accepted_sheets() {
        whatever_a_sheet_import_accepts_loads_back_the_same();
        let accepted = ACCEPTED.load(std::sync::atomic::Ordering::Relaxed);
        assert!(
            accepted >= 10,
            "only {accepted} of the generated sheets were accepted"
        );
    }

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        #[test]
        fn whatever_a_sheet_import_accepts_loads_back_the_same(rows in prop::collection::vec(row(), 1..3)) {
            let config = Config::builtin().unwrap();
            let bytes = sheet(&rows);
            let read = csv::read(&bytes, "gen.csv", &config, csv::ReadOptions::default());
            if read.is_ok() {
                ACCEPTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            if let Ok(read) = read {
                let mut schedule = Schedule::new();
                merge(&mut schedule, read, "gen.csv", "row").unwrap();
                let text = to_toml(&schedule);
                let back = parse(&text, "gen.toml", &config)
                    .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
                prop_assert_eq!(&back, &schedule);
                prop_assert_eq!(to_toml(&back), text);
            }
        }

        #[test]
        fn whatever_the_form_accepts_loads_back_the_same(
            title in "\\PC{0,20}",
            date in cell(&["2026-11-23", "2028-02-29"], &["2026-02-30", "2026/11/23", ""], "[0-9-]{0,10}"),
            time in cell(&["09:30", "9:30", "23:59:59", ""], &["23:59:60", "24:00"], "[0-9:]{0,8}"),
            minutes in cell(&["40", "1440", ""], &["1441", "-1", "40.0"], "[0-9]{0,5}"),
            notes in "\\PC{0,20}",
        ) {
            let config = Config::builtin().unwrap();
            let keymap = mixcal::testing::tui::KeyMap::from_config(&config);
            let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
            let mut form = PostForm::new_post(day, None, 1);
            let fill = |form: &mut PostForm, field: Field, text: &str| {
                form.focus = field;
                form.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL), &keymap, &config);
                for c in text.chars() {
                    form.handle_key(key(c), &keymap, &config);
                }
            };
            fill(&mut form, Field::Title, &title);
            fill(&mut form, Field::Date, &date);
            fill(&mut form, Field::Time, &time);
            fill(&mut form, Field::Minutes, &minutes);
            fill(&mut form, Field::Notes, &notes);
            if let Ok(post) = form.submit(&config) {
                let mut schedule = Schedule::new();
                schedule.insert(post);
                let text = to_toml(&schedule);
                let back = parse(&text, "gen.toml", &config)
                    .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
                prop_assert_eq!(&back, &schedule);
            }
            // Enter never panics on what was typed.
            prop_assert!(!matches!(form.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), &keymap, &config), FormOutcome::Done(_)));
        }
    }
}
