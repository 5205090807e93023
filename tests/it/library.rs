//! The content library: ideas in the backlog, repeating posts and evergreen
//! posts, through every face — the file, `check`, `suggest`, the exports and
//! imports, and the calendar.

use chrono::{Datelike, NaiveDate, NaiveTime};
use mixcal::testing::config::Config;
use mixcal::testing::domain::{End, Every, On, Post, Repeat, Schedule, Source, Week, WeekStart};
use mixcal::testing::mix::{Fill, Mix, Rules};
use mixcal::testing::store::{parse, save_text, to_toml};
use proptest::prelude::*;

use crate::common::{Dir, Output};
use crate::tui::{keys, message, open, screen, selected_title, sized};

fn d(s: &str) -> NaiveDate {
    mixcal::testing::domain::fields::date(s).unwrap()
}

fn config() -> Config {
    Config::builtin().unwrap()
}

fn load(text: &str) -> Schedule {
    parse(text, "plan.toml", &config()).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// Every problem the loader finds in `text`, one line each with its help.
fn errors(text: &str) -> Vec<String> {
    parse(text, "plan.toml", &config())
        .unwrap_err()
        .0
        .iter()
        .map(|d| d.to_string().replace('\n', " | "))
        .collect()
}

/// A weekly "Monday team photo" from 2026-11-23 until 1 March, skipping
/// 28 December.
const TEAM_PHOTO: &str = "\
[[post]]
id = \"m0nph1\"
date = 2026-11-23
time = 09:00:00
category = \"everyday\"
title = \"Monday team photo\"
repeat = \"weekly\"
on = [\"monday\"]
until = 2027-03-01
skip = [2026-12-28]
";

/// Twenty ideas of the owner's own: 13 everyday, 4 business (one evergreen),
/// 2 partner and a contest; the flour delivery goes first.
fn twenty_ideas() -> String {
    let ideas = [
        ("everyday", "Behind the counter at 6am"),
        ("everyday", "Meet Anna, our new apprentice"),
        ("everyday", "Flour delivery day 🚚"),
        ("everyday", "The oven's 40th birthday"),
        ("everyday", "Shaping 200 pretzels before dawn 🥨"),
        ("everyday", "Team lunch: what bakers eat"),
        ("everyday", "Our sourdough starter, Gerald"),
        ("everyday", "Sunday walk with the shop dog"),
        ("everyday", "日本語のタイトル: パン屋の一日"),
        ("everyday", "Rainy morning queue at the door"),
        ("everyday", "How we clean the proofing baskets"),
        ("everyday", "Customer of the week"),
        ("business", "How we bake rye: a 60-second video"),
        ("business", "New: spelt and honey loaf"),
        ("business", "Christmas stollen pre-orders open"),
        ("business", "Opening hours over the holidays"),
        ("partner", "Café Müller serves our bread now ☕"),
        ("partner", "Jam from the Hofmann farm"),
        ("contest", "Guess the weight of the giant loaf"),
        ("everyday", "Why our bread has no sugar in it"),
    ];
    let mut out = String::new();
    for (i, (category, title)) in ideas.iter().enumerate() {
        out += &format!(
            "\n[[post]]\nid = \"idea{i:02}\"\ncategory = \"{category}\"\ntitle = \"{title}\"\n"
        );
        if i == 2 {
            out += "priority = 1\n";
        }
        if i == 12 {
            out += "evergreen = true\n";
        }
    }
    out
}

fn library_file() -> String {
    format!("version = 1\n\n{TEAM_PHOTO}{}", twenty_ideas())
}

/// Fails, showing `text`, unless it holds every one of `parts`.
fn has(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "{part:?} is not in:\n{text}");
    }
}

fn run(dir: &Dir, args: &[&str]) -> Output {
    dir.mixcal(args).output()
}

// ----- the file -----

#[test]
fn a_file_with_ideas_and_a_repeating_post_loads_and_saves_canonically() {
    let s = load(&library_file());
    assert_eq!(s.len(), 21);
    assert_eq!(s.backlog().len(), 20);
    assert_eq!(s.series().len(), 1);
    let idea = s.get("idea02").unwrap();
    assert_eq!(idea.date, None);
    assert_eq!(idea.status, mixcal::testing::domain::Status::Idea);
    assert_eq!(idea.priority.map(std::num::NonZero::get), Some(1));
    assert!(s.get("idea12").unwrap().evergreen);
    // Dated posts first, then the backlog in the file's order; the same bytes
    // every time.
    let text = to_toml(&s);
    let first_idea = text.find("id = \"idea00\"").unwrap();
    assert!(text.find("id = \"m0nph1\"").unwrap() < first_idea);
    assert!(first_idea < text.find("id = \"idea19\"").unwrap());
    assert!(
        text.contains(
            "repeat = \"weekly\"\non = [\"monday\"]\nuntil = 2027-03-01\nskip = [2026-12-28]\n"
        ),
        "{text}"
    );
    let again = load(&text);
    assert_eq!(again, s);
    assert_eq!(to_toml(&again), text);
}

#[test]
fn the_backlog_keeps_its_order_through_a_save_and_new_ideas_go_last() {
    let mut s = load(&library_file());
    s.insert(Post::idea("business", "A new idea"));
    let text = to_toml(&s);
    let titles: Vec<String> = load(&text)
        .backlog()
        .iter()
        .map(|p| p.title.clone())
        .collect();
    assert_eq!(
        titles.first().map(String::as_str),
        Some("Behind the counter at 6am")
    );
    assert_eq!(titles.last().map(String::as_str), Some("A new idea"));
}

#[test]
fn a_commented_file_keeps_its_comments_when_an_idea_is_placed() {
    let text = format!(
        "# the bakery\nversion = 1\n\n# every Monday, whatever happens\n{TEAM_PHOTO}\n# ideas for the winter\n[[post]]\nid = \"rye\"\ncategory = \"business\"  # the rye video\ntitle = \"How we bake rye\"\n"
    );
    let mut s = load(&text);
    let idea = s.get("rye").unwrap().clone();
    s.insert(idea.placed(d("2026-11-25"), NaiveTime::from_hms_opt(9, 0, 0)));
    let out = save_text(&s, Some(&text));
    assert!(out.starts_with("# the bakery\n"), "{out}");
    has(
        &out,
        &[
            "# every Monday, whatever happens\n[[post]]\nid = \"m0nph1\"",
            "category = \"business\"  # the rye video\n",
            "date = 2026-11-25\n",
            "from = \"backlog\"\n",
        ],
    );
    assert_eq!(load(&out), s);
}

#[test]
fn new_keys_written_by_hand_in_other_shapes_are_kept_as_written() {
    let text = "version = 1\n\n# by hand\n[[post]]\nid = \"a\"\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"t\"\nrepeat = \"Every 1 week\"\non = [\"Mon\"]\n";
    let s = load(text);
    // Only the header gains the identifier; the post stays as written.
    let out = save_text(&s, Some(text));
    assert!(out.ends_with(&text["version = 1\n".len()..]), "{out}");
}

#[test]
fn mistakes_in_the_new_keys_are_reported_at_their_place_with_help() {
    let post = |extra: &str| {
        format!(
            "[[post]]\nid = \"a\"\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"t\"\n{extra}"
        )
    };
    let cases: Vec<(String, &str, &str)> = vec![
        (post("repeat = \"weeky\"\n"), "plan.toml:6:10: unknown repeat `weeky`", "did you mean `weekly`?"),
        (post("repeat = \"daily\"\n"), "plan.toml:6:10: unknown repeat `daily`", "on = [\"monday\", \"tuesday\""),
        (post("repeat = \"every 0 weeks\"\n"), "plan.toml:6:10: `every 0 weeks` is not a step", "from 1 to 99"),
        (post("repeat = \"weekly\"\non = [\"tusday\"]\n"), "plan.toml:7:7: `tusday` is not a day", "did you mean `tuesday`?"),
        (post("repeat = \"weekly\"\non = [\"tuesday\"]\n"), "plan.toml:3:8: 2026-11-23 is a Monday, not one of the days in `on`", "add `monday` to `on`"),
        (post("repeat = \"monthly\"\non = [\"monday\"]\n"), "plan.toml:7:6: `monday` is a weekday, and this repeat is monthly", "`on = [\"4th monday\"]`"),
        (post("repeat = \"weekly\"\non = [\"2nd monday\"]\n"), "plan.toml:7:6: `2nd monday` is a day of the month", "repeat = \"monthly\""),
        (post("repeat = \"weekly\"\non = []\n"), "plan.toml:7:6: `on` is empty", "leave `on` out"),
        (post("repeat = \"weekly\"\nuntil = 2026-12-01\ncount = 3\n"), "plan.toml:8:9: `count` and `until` together", "ends one way"),
        (post("repeat = \"weekly\"\nuntil = 2026-11-01\n"), "plan.toml:7:9: `until` (2026-11-01) is before the first date", "on or after 2026-11-23"),
        (post("repeat = \"weekly\"\ncount = 0\n"), "plan.toml:7:9: `count = 0` gives no dates", "1 or more"),
        (post("repeat = \"weekly\"\nskip = [2026-12-29]\n"), "plan.toml:7:9: 2026-12-29 is not a date of this series", "2026-12-28 or 2027-01-04"),
        (post("until = 2027-01-01\n"), "plan.toml:6:9: `until` is only for a repeating post", "repeat = \"weekly\""),
        (post("evergreen = true\n"), "plan.toml:6:13: an evergreen post lives in the backlog", "remove `date`"),
        (post("evergreen = \"yes\"\n"), "plan.toml:6:13: `evergreen` must be true or false", "evergreen = true"),
        (post("priority = 0\n"), "plan.toml:6:12: `0` is not a priority", "from 1 (used first)"),
        (post("from = \"backlg\"\n"), "plan.toml:6:8: unknown `from` `backlg`", "did you mean `backlog`?"),
        (post("reuses = \"nope\"\n"), "plan.toml:6:10: `reuses` names `nope`, and no evergreen post has that id", "remove the line"),
        (post("repaet = \"weekly\"\n"), "plan.toml:6:1: unknown key `repaet` in a post", "did you mean `repeat`?"),
        ("[[post]]\ncategory = \"everyday\"\ntitle = \"t\"\ntime = 09:00:00\n".into(), "plan.toml:4:8: an idea in the backlog has no time", "add a `date`"),
        ("[[post]]\ncategory = \"everyday\"\ntitle = \"t\"\nrepeat = \"weekly\"\n".into(), "plan.toml:4:10: a repeating post needs a `date`", "its first date"),
        ("[[post]]\ncategory = \"everyday\"\ntitle = \"t\"\nstatus = \"published\"\n".into(), "plan.toml:4:10: a published post has a date", "status = \"idea\""),
        ("[[post]]\ncategory = \"everyday\"\ntitle = \"t\"\nreuse_after = \"8 weeks\"\n".into(), "plan.toml:4:15: `reuse_after` is for an evergreen post", "evergreen = true"),
        ("[[post]]\ncategory = \"everyday\"\ntitle = \"t\"\nevergreen = true\nreuse_after = \"8 fortnights\"\n".into(), "plan.toml:5:15: `8 fortnights` is not a gap", "8 weeks"),
    ];
    for (text, problem, help) in cases {
        let e = errors(&text);
        assert_eq!(e.len(), 1, "{text}\n{e:#?}");
        assert!(e[0].starts_with(problem), "{text}\n{}", e[0]);
        assert!(e[0].contains(help), "{text}\n{}", e[0]);
    }
}

#[test]
fn a_version_one_file_without_the_new_keys_loads_as_before() {
    let text = crate::common::fixture("balanced-week.toml");
    let s = load(&text);
    assert!(s.backlog().is_empty() && s.series().is_empty());
    assert_eq!(s.len(), s.range(..).count());
}

// ----- repeating posts -----

fn weekly_from(first: &str) -> Repeat {
    Repeat::new(d(first), Every::Weeks(1), vec![], End::Never, vec![]).unwrap()
}

#[test]
fn a_weekly_post_shows_every_monday_and_counts_in_each_weeks_mix() {
    let s = load(&library_file());
    let config = config();
    let rules = Rules::compile(&config).unwrap();
    let now = d("2026-11-23").and_hms_opt(0, 0, 0).unwrap();
    let mix = Mix::new(&config, &rules, now);
    let mut week = Week::containing(d("2026-11-23"), WeekStart::default());
    for _ in 0..14 {
        let dates: Vec<NaiveDate> = s.week(week).map(|p| p.date).collect();
        let report = mix.check(&s, week);
        if week.contains(d("2026-12-28")) || week.start() > d("2027-03-01") {
            assert!(dates.is_empty(), "{week}: {dates:?}");
            assert_eq!(report.total, 0);
        } else {
            assert_eq!(dates, [week.start()], "{week}");
            assert_eq!(report.counts["everyday"], 1, "{week}");
        }
        week = week.next();
    }
}

#[test]
fn expansion_keeps_month_ends_and_29_february() {
    let monthly = |first: &str| {
        Repeat::new(d(first), Every::Months(1), vec![], End::Times(14), vec![]).unwrap()
    };
    let on_31 = monthly("2027-12-31").dates(d("2027-01-01"), d("2029-12-31"));
    assert!(on_31.iter().all(|d| d.day() == 31), "{on_31:?}");
    assert!(!on_31.iter().any(|d| d.month() == 2), "{on_31:?}");
    let on_29 = monthly("2028-01-29").dates(d("2028-01-01"), d("2029-12-31"));
    assert!(on_29.contains(&d("2028-02-29")), "{on_29:?}");
    assert!(
        !on_29.iter().any(|x| x.year() == 2029 && x.month() == 2),
        "{on_29:?}"
    );
    let last_friday = Repeat::new(
        d("2028-02-25"),
        Every::Months(1),
        vec![On::parse("last friday").unwrap()],
        End::Never,
        vec![],
    )
    .unwrap();
    assert_eq!(
        last_friday.dates(d("2028-02-01"), d("2028-04-30")),
        [d("2028-02-25"), d("2028-03-31"), d("2028-04-28")]
    );
    // Weekly across 29 February of a leap year.
    assert_eq!(
        weekly_from("2028-02-22").dates(d("2028-02-20"), d("2028-03-08")),
        [d("2028-02-22"), d("2028-02-29"), d("2028-03-07")]
    );
}

/// The plan's zone for these tests.
fn berlin() -> Dir {
    let dir = Dir::new();
    dir.write("config.toml", "time_zone = \"Europe/Berlin\"\n");
    dir
}

#[test]
fn a_series_across_the_clock_changes_keeps_its_wall_time_and_exports_as_one_rule() {
    // Weekly at 09:00 Berlin from March to November 2027: summer time begins on
    // 28 March and ends on 31 October.
    let dir = berlin();
    dir.write(
        "plan.toml",
        "version = 1\nidentifier = \"bakery1\"\n\n[[post]]\nid = \"photo\"\ndate = 2027-03-01\ntime = 09:00:00\ncategory = \"everyday\"\ntitle = \"Monday team photo\"\nrepeat = \"weekly\"\nuntil = 2027-11-29\nskip = [2027-04-05]\n",
    );
    let s = load(&dir.read("plan.toml"));
    let dates: Vec<NaiveDate> = s.range(..).map(|p| p.date).collect();
    assert_eq!(dates.len(), 40 - 1);
    assert!(dates.contains(&d("2027-03-29")) && dates.contains(&d("2027-11-01")));
    let out = run(
        &dir,
        &[
            "export",
            "--file",
            "plan.toml",
            "--config",
            "config.toml",
            "--format",
            "ics",
        ],
    );
    assert_eq!(out.code, Some(0), "{out:#?}");
    let ics = out.stdout.replace("\r\n ", "");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "{ics}");
    has(
        &ics,
        &[
            "UID:photo@bakery1\r\n",
            "DTSTART;TZID=Europe/Berlin:20270301T090000\r\n",
        ],
    );
    // The end at 09:00 Berlin on 29 November, in UTC as the RFC asks.
    has(
        &ics,
        &[
            "RRULE:FREQ=WEEKLY;UNTIL=20271129T080000Z\r\n",
            "EXDATE;TZID=Europe/Berlin:20270405T090000\r\n",
        ],
    );
    // The zone's changes over the whole series: both of 2027's.
    has(&ics, &["BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\n"]);
    assert!(
        ics.contains("RDATE:20271031T030000") || ics.contains("DTSTART:20271031T030000"),
        "{ics}"
    );
    // Read back, the series falls on the same dates at 09:00.
    dir.write("empty.toml", "version = 1\n");
    dir.write("out.ics", &out.stdout);
    let import = run(
        &dir,
        &[
            "import",
            "--format",
            "ics",
            "out.ics",
            "--file",
            "empty.toml",
            "--config",
            "config.toml",
        ],
    );
    assert_eq!(import.code, Some(0), "{import:#?}");
    let back = load(&dir.read("empty.toml"));
    let again: Vec<(NaiveDate, Option<NaiveTime>)> =
        back.range(..).map(|p| (p.date, p.time)).collect();
    let want: Vec<(NaiveDate, Option<NaiveTime>)> = s.range(..).map(|p| (p.date, p.time)).collect();
    assert_eq!(again, want);
    // With --utc a rule would drift an hour with summer time: each date is an
    // event of its own, at its own moment.
    let utc = run(
        &dir,
        &[
            "export",
            "--file",
            "plan.toml",
            "--config",
            "config.toml",
            "--format",
            "ics",
            "--utc",
        ],
    );
    assert_eq!(
        utc.stdout.matches("BEGIN:VEVENT").count(),
        39,
        "{}",
        utc.stdout
    );
    assert!(
        utc.stdout.contains(
            "UID:photo-20270301@bakery1\r\nDTSTAMP:20270301T080000Z\r\nDTSTART:20270301T080000Z\r\n"
        ),
        "{}",
        utc.stdout
    );
    assert!(
        utc.stdout.contains(
            "UID:photo-20270329@bakery1\r\nDTSTAMP:20270329T070000Z\r\nDTSTART:20270329T070000Z\r\n"
        ),
        "{}",
        utc.stdout
    );
    assert!(!utc.stdout.contains("RRULE"), "{}", utc.stdout);
}

#[test]
fn sheets_and_publishing_layouts_write_each_date_in_the_range() {
    let dir = berlin();
    dir.write("plan.toml", &library_file());
    let csv = run(
        &dir,
        &[
            "export",
            "--file",
            "plan.toml",
            "--format",
            "csv",
            "--from",
            "2026-11-23",
            "--to",
            "2027-01-10",
        ],
    );
    assert_eq!(csv.code, Some(0), "{csv:#?}");
    let rows: Vec<&str> = csv.stdout.lines().skip(1).collect();
    // Seven Mondays, less the skipped one; no ideas (they have no date).
    assert_eq!(rows.len(), 6, "{}", csv.stdout);
    assert!(
        rows[0].starts_with("2026-11-23,09:00,everyday,,,Monday team photo,"),
        "{}",
        rows[0]
    );
    assert!(rows[0].ends_with(",m0nph1-20261123"), "{}", rows[0]);
    let hootsuite = run(
        &dir,
        &[
            "export",
            "--file",
            "plan.toml",
            "--config",
            "config.toml",
            "--format",
            "hootsuite",
            "--week",
            "2026-W49",
        ],
    );
    assert_eq!(hootsuite.code, Some(0), "{hootsuite:#?}");
    assert_eq!(hootsuite.stdout, "11/30/2026 09:00,Monday team photo,\n");
}

#[test]
fn a_sheet_of_a_series_dates_comes_back_as_the_same_series_and_a_changed_date_stands_alone() {
    let dir = Dir::new();
    dir.write("plan.toml", &format!("version = 1\n\n{TEAM_PHOTO}"));
    let out = run(
        &dir,
        &[
            "export",
            "--file",
            "plan.toml",
            "--format",
            "csv",
            "--week",
            "2026-W49",
            "-o",
            "week.csv",
        ],
    );
    assert_eq!(out.code, Some(0), "{out:#?}");
    // The same sheet again changes nothing.
    let again = run(
        &dir,
        &[
            "import",
            "--format",
            "csv",
            "week.csv",
            "--file",
            "plan.toml",
        ],
    );
    assert_eq!(again.code, Some(0), "{again:#?}");
    has(&again.stdout, &["0 added, 0 updated, 1 unchanged"]);
    // A changed title makes that Monday a post of its own.
    let sheet = dir
        .read("week.csv")
        .replace("Monday team photo", "Snowy team photo");
    dir.write("week.csv", &sheet);
    let changed = run(
        &dir,
        &[
            "import",
            "--format",
            "csv",
            "week.csv",
            "--file",
            "plan.toml",
        ],
    );
    assert_eq!(changed.code, Some(0), "{changed:#?}");
    let s = load(&dir.read("plan.toml"));
    let monday: Vec<(String, bool)> = s
        .day(d("2026-11-30"))
        .iter()
        .map(|p| (p.title.clone(), p.is_occurrence()))
        .collect();
    assert_eq!(monday, [("Snowy team photo".to_string(), false)]);
    assert_eq!(
        s.get("m0nph1").unwrap().repeat.as_ref().unwrap().skip(),
        [d("2026-11-30"), d("2026-12-28")]
    );
}

fn series_strategy() -> impl Strategy<Value = Post> {
    let first = (0i64..800).prop_map(|n| d("2026-01-01") + chrono::TimeDelta::days(n));
    (
        first,
        prop_oneof![
            Just(Every::Weeks(1)),
            (2u32..4).prop_map(Every::Weeks),
            Just(Every::Months(1)),
            (2u32..4).prop_map(Every::Months)
        ],
        prop::option::of((0u32..24, prop::sample::select(vec![0u32, 15, 30, 45]))),
        prop::option::of(0u32..3),
        prop::bool::ANY,
        prop::collection::vec(0usize..30, 0..3),
        prop::bool::ANY,
    )
        .prop_map(|(first, every, time, end, nth, skips, extra_day)| {
            let on = match every {
                Every::Weeks(_) if extra_day => {
                    let next = first.weekday().succ().succ();
                    vec![On::Day(first.weekday()), On::Day(next)]
                }
                Every::Months(_) if nth => {
                    let (place, last) = On::of(first);
                    vec![last.unwrap_or(place)]
                }
                _ => vec![],
            };
            let end = match end {
                Some(0) => End::Times(9),
                Some(1) => End::Until(first + chrono::TimeDelta::days(200)),
                _ => End::Never,
            };
            let r = Repeat::new(first, every, on.clone(), end, vec![]).unwrap();
            let dates = r.dates(first, first + chrono::TimeDelta::days(400));
            let skip = skips
                .iter()
                .filter_map(|i| dates.get(*i).copied())
                .collect();
            let mut p = Post::new(first, "everyday", "Series");
            p.id = "series1".into();
            p.time = time.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0));
            p.repeat = Some(Box::new(Repeat::new(first, every, on, end, skip).unwrap()));
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Expanding a series, exporting it (iCalendar as a rule, the sheet date
    /// by date) and importing it again keeps every date and its time.
    #[test]
    fn expanding_exporting_and_importing_keeps_every_date(post in series_strategy()) {
        let dir = berlin();
        let mut s = Schedule::new();
        s.set_identifier("roundtrip1".into());
        s.insert(post.clone());
        dir.write("plan.toml", &to_toml(&s));
        let first = post.date.unwrap();
        let to = first + chrono::TimeDelta::days(400);
        let (from, to) = (first.to_string(), to.to_string());
        let want: Vec<(NaiveDate, Option<NaiveTime>)> = s
            .range(first..=d(&to))
            .map(|p| (p.date, p.time))
            .collect();
        for (format, file) in [("ics", "out.ics"), ("csv", "out.csv")] {
            let out = run(&dir, &["export", "--file", "plan.toml", "--config", "config.toml", "--format", format, "--from", &from, "--to", &to, "-o", file]);
            prop_assert_eq!(out.code, Some(0), "{:#?}", out);
            // Into the same schedule: every date is found again, nothing changes.
            let same = run(&dir, &["import", "--format", format, file, "--file", "plan.toml", "--config", "config.toml"]);
            prop_assert_eq!(same.code, Some(0), "{:#?}", same);
            prop_assert!(same.stdout.contains("0 added, 0 updated"), "{}", same.stdout);
            // Into another schedule: a sheet's rows come without their ids.
            if format == "csv" {
                let sheet: String = dir
                    .read(file)
                    .lines()
                    .map(|l| format!("{}\n", l.rsplit_once(',').map_or(l, |(rest, _)| rest)))
                    .collect();
                dir.write(file, &sheet);
            }
            dir.write("back.toml", "version = 1\n");
            let import = run(&dir, &["import", "--format", format, file, "--file", "back.toml", "--config", "config.toml"]);
            prop_assert_eq!(import.code, Some(0), "{:#?}", import);
            let back = load(&dir.read("back.toml"));
            let got: Vec<(NaiveDate, Option<NaiveTime>)> = back
                .range(first..=d(&to))
                .map(|p| (p.date, p.time))
                .collect();
            prop_assert_eq!(&got, &want, "{}: {}", format, dir.read(file));
        }
    }
}

// ----- check -----

#[test]
fn check_counts_the_backlog_per_category_in_words_and_json() {
    let dir = Dir::new();
    dir.write("plan.toml", &library_file());
    let out = run(
        &dir,
        &["check", "--file", "plan.toml", "--week", "2026-W48"],
    );
    assert_eq!(out.code, Some(1), "{out:#?}");
    has(
        &out.stdout,
        &["2026-W48  Mon 23 Nov – Sun 29 Nov 2026  1 post · 15 min"],
    );
    assert!(
        out.stdout.ends_with(
            "Backlog: 20 ideas (13 everyday, 4 business, 2 partner and 1 contest), 1 evergreen\n"
        ),
        "{}",
        out.stdout
    );
    let json = run(
        &dir,
        &[
            "check",
            "--file",
            "plan.toml",
            "--week",
            "2026-W48",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        v["backlog"],
        serde_json::json!({"total": 20, "counts": {"everyday": 13, "business": 4, "partner": 2, "contest": 1}, "evergreen": 1})
    );
    assert_eq!(v["weeks"][0]["counts"]["everyday"], 1);
}

// ----- the planner -----

#[test]
fn suggest_fills_an_empty_week_with_the_owners_own_ideas_and_apply_moves_them() {
    let dir = Dir::new();
    dir.write("plan.toml", &library_file());
    let out = run(
        &dir,
        &["suggest", "--file", "plan.toml", "--week", "2026-W49"],
    );
    assert_eq!(out.code, Some(0), "{out:#?}");
    // Monday has the team photo; the other six days take ideas, the priority
    // one first, then the oldest.
    has(
        &out.stdout,
        &[
            "Tue 1 Dec 09:00  E everyday  ≡ “Flour delivery day 🚚”",
            "Thu 3 Dec 09:00  E everyday  ≡ “Behind the counter at 6am”",
            "∞ “How we bake rye: a 60-second video”",
        ],
    );
    assert!(!out.stdout.contains("placeholder  "), "{}", out.stdout);
    has(
        &out.stdout,
        &[
            "✓ balanced",
            "The backlog lacks 3 everyday and 2 partner ideas for the next 4 weeks (2026-W49 to 2026-W52)",
        ],
    );
    let json = run(
        &dir,
        &[
            "suggest",
            "--file",
            "plan.toml",
            "--week",
            "2026-W49",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["proposals"][0]["from"], "backlog");
    assert_eq!(v["proposals"][0]["idea"], "idea02");
    assert_eq!(v["proposals"][0]["title"], "Flour delivery day 🚚");
    assert_eq!(v["proposals"][1]["from"], "evergreen");
    assert_eq!(
        v["backlog"]["lacking"],
        serde_json::json!({"everyday": 3, "partner": 2})
    );

    let applied = run(
        &dir,
        &[
            "suggest",
            "--file",
            "plan.toml",
            "--week",
            "2026-W49",
            "--apply",
        ],
    );
    assert_eq!(applied.code, Some(0), "{applied:#?}");
    let s = load(&dir.read("plan.toml"));
    // Five ideas left the backlog; the evergreen post stays and is used once.
    assert_eq!(s.backlog().len(), 15);
    let flour = s.get("idea02").unwrap();
    assert_eq!(flour.date, Some(d("2026-12-01")));
    assert_eq!(flour.source.as_deref(), Some(&Source::Backlog));
    let uses: Vec<&Post> = s
        .iter()
        .filter(|p| p.source.as_deref() == Some(&Source::Reuses("idea12".into())))
        .collect();
    assert_eq!(uses.len(), 1);
    let check = run(
        &dir,
        &["check", "--file", "plan.toml", "--week", "2026-W49"],
    );
    assert_eq!(check.code, Some(0), "{check:#?}");
}

fn planner(now: &str) -> (Config, Rules, chrono::NaiveDateTime) {
    let config = config();
    let rules = Rules::compile(&config).unwrap();
    (config, rules, d(now).and_hms_opt(0, 0, 0).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever uses an evergreen post has, the planner never puts it within
    /// its gap of one, never twice in a week, and never two evergreen posts on
    /// one day.
    #[test]
    fn the_planner_never_places_an_evergreen_post_before_its_gap(
        uses in prop::collection::vec(0i64..120, 0..4),
        gap_weeks in 1u32..10,
        week_offset in 0i64..12,
        evergreens in 1usize..4,
    ) {
        let (config, rules, now) = planner("2026-11-02");
        let mut s = Schedule::new();
        let mut ids = Vec::new();
        for k in 0..evergreens {
            let mut e = Post::idea("everyday", &format!("evergreen {k}"));
            e.evergreen = true;
            e.reuse_after = Some(mixcal::testing::domain::Gap::parse(&format!("{gap_weeks} weeks")).unwrap());
            ids.push(s.insert(e));
        }
        for (i, u) in uses.iter().enumerate() {
            let e = s.get(&ids[i % ids.len()]).unwrap().clone();
            s.insert(e.placed(d("2026-11-02") + chrono::TimeDelta::days(*u), None));
        }
        let week = Week::containing(d("2026-11-02") + chrono::TimeDelta::weeks(week_offset), WeekStart::default());
        let plan = Mix::new(&config, &rules, now).plan(&s, week);
        let mut days = std::collections::HashSet::new();
        for p in &plan.proposals {
            let Fill::Evergreen(post) = &p.fill else { continue };
            let Some(Source::Reuses(id)) = post.source.as_deref() else { panic!("a use names its post") };
            prop_assert!(days.insert(p.date), "two evergreen posts on {}", p.date);
            let gap = s.get(id).unwrap().gap();
            let mut all_uses: Vec<NaiveDate> = s.iter()
                .filter(|q| q.source.as_ref() == post.source.as_ref())
                .filter_map(|q| q.date)
                .collect();
            all_uses.extend(plan.proposals.iter().filter_map(|q| match &q.fill {
                Fill::Evergreen(o) if o.source == post.source && q.date != p.date => Some(q.date),
                _ => None,
            }));
            for u in all_uses {
                prop_assert!(p.date >= gap.after(u) || u >= gap.after(p.date),
                    "{} used on {} within {} of {}", id, p.date, gap, u);
                prop_assert!(!week.contains(u) || u == p.date, "twice in {}", week);
            }
        }
    }
}

// ----- the calendar -----

#[test]
fn b_then_enter_places_the_selected_idea_in_the_days_first_free_slot_and_u_puts_it_back() {
    let mut f = open(Some(&library_file()));
    keys(&mut f.app, "b");
    let s = screen(&f.app, 120, 40);
    has(
        &s,
        &[
            "Backlog · 20 ideas · for Wed 25 Nov",
            "E Everyday 13",
            "▸ ? Flour delivery day 🚚",
            "∞ ready",
        ],
    );
    keys(&mut f.app, "<Enter>");
    assert!(f.app.popup().is_none());
    assert_eq!(
        selected_title(&f.app).as_deref(),
        Some("Flour delivery day 🚚")
    );
    let placed = f.app.selected_post().unwrap();
    assert_eq!(
        (placed.date, placed.time),
        (d("2026-11-25"), NaiveTime::from_hms_opt(9, 0, 0))
    );
    assert_eq!(placed.source.as_deref(), Some(&Source::Backlog));
    assert_eq!(f.app.schedule().backlog().len(), 19);
    assert!(
        message(&f.app).contains("placed “Flour delivery day 🚚” on Wed 25 Nov 09:00"),
        "{}",
        message(&f.app)
    );
    keys(&mut f.app, "u");
    assert_eq!(f.app.schedule().backlog().len(), 20);
    assert_eq!(f.app.schedule().backlog()[2].title, "Flour delivery day 🚚");
    assert!(f.app.selected_post().is_none());
}

#[test]
fn an_idea_is_placed_at_a_typed_time_and_a_full_day_says_so() {
    let mut f = open(Some(&library_file()));
    keys(&mut f.app, "bj");
    keys(&mut f.app, "t07:30<Enter>");
    let placed = f.app.selected_post().unwrap();
    assert_eq!(placed.title, "Behind the counter at 6am");
    assert_eq!(placed.time, NaiveTime::from_hms_opt(7, 30, 0));
    // Wednesday's one slot is taken now: Enter says so and keeps the window.
    keys(&mut f.app, "b<Enter>");
    assert!(matches!(
        f.app.popup(),
        Some(mixcal::testing::tui::Popup::Backlog(_))
    ));
    assert!(
        message(&f.app).contains("no free posting slot left on Wed 25 Nov"),
        "{}",
        message(&f.app)
    );
    // A time that is not one stays in the prompt.
    keys(&mut f.app, "t25:00<Enter>");
    assert!(screen(&f.app, 100, 30).contains("`25:00` is not a time"));
    keys(&mut f.app, "<Esc>");
    assert!(matches!(
        f.app.popup(),
        Some(mixcal::testing::tui::Popup::Backlog(_))
    ));
}

#[test]
fn ideas_are_added_edited_and_deleted_in_the_backlog_window() {
    let mut f = open(Some(&library_file()));
    keys(
        &mut f.app,
        "ba<C-u>Window display for Christmas<Tab><Right><Enter>",
    );
    assert!(matches!(
        f.app.popup(),
        Some(mixcal::testing::tui::Popup::Backlog(_))
    ));
    let last = f.app.schedule().backlog().last().unwrap().clone();
    assert_eq!(
        (last.title.as_str(), last.category.as_str()),
        ("Window display for Christmas", "business")
    );
    assert_eq!(last.date, None);
    // Edit: a priority makes it go first.
    let at = f
        .app
        .backlog_ideas()
        .iter()
        .position(|p| p.id == last.id)
        .unwrap();
    keys(
        &mut f.app,
        &format!("{}e", "k".repeat(30) + &"j".repeat(at)),
    );
    keys(
        &mut f.app,
        "<Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab>1<Enter>",
    );
    assert_eq!(
        f.app
            .schedule()
            .get(&last.id)
            .unwrap()
            .priority
            .map(std::num::NonZero::get),
        Some(1)
    );
    // Delete, then undo.
    let before = f.app.schedule().backlog().len();
    let at = f
        .app
        .backlog_ideas()
        .iter()
        .position(|p| p.id == last.id)
        .unwrap();
    keys(
        &mut f.app,
        &format!("{}d", "k".repeat(30) + &"j".repeat(at)),
    );
    assert_eq!(f.app.schedule().backlog().len(), before - 1);
    assert!(message(&f.app).contains("deleted “Window display for Christmas” from the backlog"));
    keys(&mut f.app, "<Esc>u");
    assert_eq!(f.app.schedule().backlog().len(), before);
}

#[test]
fn deleting_an_evergreen_post_keeps_its_uses_as_posts_from_the_backlog() {
    let mut text = library_file();
    text += "\n[[post]]\nid = \"use1\"\ndate = 2026-11-26\ncategory = \"business\"\ntitle = \"How we bake rye: a 60-second video\"\nreuses = \"idea12\"\n";
    let mut f = open(Some(&text));
    let at = f
        .app
        .backlog_ideas()
        .iter()
        .position(|p| p.id == "idea12")
        .unwrap();
    keys(&mut f.app, &format!("b{}d", "j".repeat(at)));
    assert!(f.app.schedule().get("idea12").is_none());
    assert_eq!(
        f.app.schedule().get("use1").unwrap().source.as_deref(),
        Some(&Source::Backlog)
    );
    keys(&mut f.app, "<Esc>s");
    load(&std::fs::read_to_string(&f.path).unwrap());
}

#[test]
fn editing_a_date_of_a_repeating_post_asks_this_one_or_all() {
    let mut f = open(Some(&library_file()));
    keys(&mut f.app, "]");
    // Monday 30 November: the team photo.
    keys(&mut f.app, "g2026-11-30<Enter>e");
    let s = screen(&f.app, 80, 24);
    has(
        &s,
        &[
            "“Monday team photo” repeats",
            "weekly on monday until 2027-03-01.",
            "(t) Mon 30 Nov only: it becomes a post of its own",
            "(a) every date of the series",
        ],
    );
    // This one: a post of its own; the series skips the date; one undo step.
    keys(&mut f.app, "t<End> (snow)<Enter>");
    let own = f.app.selected_post().unwrap();
    assert_eq!(own.title, "Monday team photo (snow)");
    assert!(!own.is_occurrence());
    let series = f.app.schedule().get("m0nph1").unwrap();
    assert!(
        series
            .repeat
            .as_ref()
            .unwrap()
            .skip()
            .contains(&d("2026-11-30"))
    );
    keys(&mut f.app, "u");
    assert_eq!(selected_title(&f.app).as_deref(), Some("Monday team photo"));
    assert!(f.app.selected_post().unwrap().is_occurrence());
    // All: the series itself.
    keys(&mut f.app, "ea<End>!<Enter>");
    let series = f.app.schedule().get("m0nph1").unwrap();
    assert_eq!(series.title, "Monday team photo!");
    assert_eq!(series.date, Some(d("2026-11-23")));
    assert_eq!(
        f.app.schedule().day(d("2027-02-01"))[0].title,
        "Monday team photo!"
    );
}

#[test]
fn deleting_moving_and_recategorising_a_date_ask_too() {
    let mut f = open(Some(&library_file()));
    keys(&mut f.app, "g2026-11-30<Enter>");
    keys(&mut f.app, "dt");
    assert!(f.app.schedule().day(d("2026-11-30")).is_empty());
    assert_eq!(f.app.schedule().day(d("2026-12-07")).len(), 1);
    keys(&mut f.app, "u");
    keys(&mut f.app, "Lt");
    assert!(f.app.schedule().day(d("2026-11-30")).is_empty());
    let tuesday = f.app.schedule().day(d("2026-12-01"));
    assert_eq!(tuesday.len(), 1);
    assert!(!tuesday[0].is_occurrence());
    keys(&mut f.app, "u");
    // Every date a day on: the series moves to Tuesdays.
    keys(&mut f.app, "g2026-11-30<Enter>La");
    let series = f.app.schedule().get("m0nph1").unwrap();
    assert_eq!(series.date, Some(d("2026-11-24")));
    assert_eq!(
        series.repeat.as_ref().unwrap().on(),
        [On::parse("tuesday").unwrap()]
    );
    assert_eq!(series.repeat.as_ref().unwrap().skip(), [d("2026-12-29")]);
    keys(&mut f.app, "u");
    keys(&mut f.app, "g2026-11-30<Enter>2a");
    assert_eq!(f.app.schedule().get("m0nph1").unwrap().category, "business");
    keys(&mut f.app, "c<Esc>");
    assert_eq!(f.app.schedule().get("m0nph1").unwrap().category, "business");
}

#[test]
fn cards_mark_where_posts_come_from_and_the_detail_says_it() {
    let mut text = library_file();
    text += "\n[[post]]\nid = \"placed1\"\ndate = 2026-11-26\ntime = 12:00:00\ncategory = \"business\"\ntitle = \"Spelt loaf\"\nfrom = \"backlog\"\n";
    text += "\n[[post]]\nid = \"use1\"\ndate = 2026-11-27\ntime = 12:00:00\ncategory = \"business\"\ntitle = \"How we bake rye: a 60-second video\"\nreuses = \"idea12\"\n";
    let mut f = open(Some(&text));
    let s = sized(&mut f.app, 120, 40);
    has(&s, &["09:00 E ↻", "12:00 B ≡", "12:00 B ∞"]);
    keys(&mut f.app, "g2026-11-23<Enter>");
    let s = screen(&f.app, 120, 40);
    has(
        &s,
        &[
            "↻ repeats weekly on monday until 2027-03-01",
            "from Mon 23 Nov 2026 · skips 28 Dec 2026",
        ],
    );
    keys(&mut f.app, "g2026-11-27<Enter>");
    let s = screen(&f.app, 120, 40);
    has(
        &s,
        &[
            "∞ a use of the evergreen post “How we bake",
            "which rests 8 weeks",
        ],
    );
}

#[test]
fn f_and_plus_on_an_empty_week_give_a_balanced_week_of_the_owners_own_posts() {
    let mut f = open(Some(&library_file()));
    keys(&mut f.app, "]f");
    let s = screen(&f.app, 120, 40);
    has(&s, &["E+≡", "B+∞"]);
    keys(&mut f.app, "+");
    let week = f.app.week();
    let report = f.app.mix().check(f.app.schedule(), week);
    assert!(report.ok(), "{:?}", report.findings);
    assert_eq!(report.total, 7);
    let titles: Vec<String> = f
        .app
        .schedule()
        .week(week)
        .map(|p| p.title.clone())
        .collect();
    assert!(
        !titles.iter().any(|t| t.ends_with("post idea")),
        "{titles:?}"
    );
    assert_eq!(f.app.schedule().backlog().len(), 15);
    assert!(
        message(&f.app).contains("added 6 posts, 5 of them from the backlog"),
        "{}",
        message(&f.app)
    );
    keys(&mut f.app, "u");
    assert_eq!(f.app.schedule().backlog().len(), 20);
}

#[test]
fn screens_of_the_backlog_window_at_every_size() {
    for (w, h) in [(60, 20), (80, 24), (120, 40)] {
        let mut f = open(Some(&library_file()));
        sized(&mut f.app, w, h);
        keys(&mut f.app, "bjj");
        insta::assert_snapshot!(format!("backlog_{w}x{h}"), screen(&f.app, w, h));
    }
}

#[test]
fn publishing_a_date_of_a_repeating_post_makes_it_a_post_of_its_own() {
    let mut f = open(Some(&library_file()));
    keys(&mut f.app, "g2026-11-23<Enter>p3<Tab>20<Enter>");
    let own = f.app.selected_post().unwrap();
    assert!(!own.is_occurrence());
    assert_eq!(own.title, "Monday team photo");
    assert_eq!(own.status, mixcal::testing::domain::Status::Published);
    assert_eq!((own.responses, own.spent), (Some(3), Some(20)));
    let series = f.app.schedule().get("m0nph1").unwrap();
    assert!(
        series
            .repeat
            .as_ref()
            .unwrap()
            .skip()
            .contains(&d("2026-11-23"))
    );
    assert_eq!(series.status, mixcal::testing::domain::Status::Planned);
    keys(&mut f.app, "u");
    assert!(f.app.selected_post().unwrap().is_occurrence());
}

#[test]
fn text_from_the_file_in_a_mistake_is_shown_escaped() {
    let e = errors(
        "[[post]]\nid = \"a\"\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"t\"\nrepeat = \"week\\u001b[31mly\"\non = [\"mon\\u202eday\"]\n",
    );
    assert!(
        e.iter()
            .all(|m| !m.contains('\u{1b}') && !m.contains('\u{202e}')),
        "{e:?}"
    );
    assert!(e[0].contains("\\x1b"), "{e:?}");
    // A mistake in `repeat` is one problem: `on` is not reported again.
    assert_eq!(e.len(), 2, "{e:?}");
}

#[test]
fn search_finds_a_repeating_post_at_its_next_date_not_its_first() {
    let mut f = open(Some(&library_file()));
    // From Wednesday 16 December, the next Monday of the series is the 21st.
    keys(&mut f.app, "g2026-12-16<Enter>/team photo<Enter>");
    assert_eq!(f.app.selected_date(), d("2026-12-21"));
    assert_eq!(selected_title(&f.app).as_deref(), Some("Monday team photo"));
    // 28 December is skipped.
    keys(&mut f.app, "n");
    assert_eq!(f.app.selected_date(), d("2027-01-04"));
    keys(&mut f.app, "NN");
    assert_eq!(f.app.selected_date(), d("2026-12-14"));
    // The series ends on 1 March: after its last date, the first again.
    keys(&mut f.app, "g2027-03-01<Enter>n");
    assert_eq!(f.app.selected_date(), d("2026-11-23"));
}

#[test]
fn a_new_repeating_post_is_shown_at_its_date_in_the_shown_week() {
    let mut f = open(Some("version = 1\n"));
    // Week 49, Saturday 5 December selected; the series starts on Monday 30 November.
    keys(&mut f.app, "g2026-12-05<Enter>a");
    keys(
        &mut f.app,
        "Team photo<Tab>2026-11-30<Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab>weekly<Enter>",
    );
    let p = f.app.selected_post().unwrap();
    assert_eq!(p.title, "Team photo");
    assert!(p.is_occurrence() || p.repeat.is_some());
    assert_eq!(f.app.selected_date(), d("2026-11-30"));
}

#[test]
fn search_follows_a_repeating_post_far_from_where_it_began() {
    let mut f = open(Some(
        "version = 1\n\n[[post]]\nid = \"w1\"\ndate = 2026-11-23\ntime = 09:00:00\ncategory = \"everyday\"\ntitle = \"Weekly tip\"\nrepeat = \"weekly\"\n",
    ));
    // From Wednesday 25 November: the next Monday.
    keys(&mut f.app, "/weekly tip<Enter>");
    assert_eq!(f.app.selected_date(), d("2026-11-30"));
    // Two years on, past the dates first found: n goes to the next Monday there.
    keys(&mut f.app, "g2028-11-15<Enter>n");
    assert_eq!(f.app.selected_date(), d("2028-11-20"));
}
