//! Nothing lost, nothing injected: the real binary against racing writers,
//! escape sequences in every field and argument, links and modes, dates at the
//! edges, closed pipes and floods of errors.

use std::fs;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Dir, Output};
use crate::terminal::PAYLOADS;

const ONE: &str = "version = 1\n\n[[post]]\nid = \"k1\"\ndate = 2026-11-23\ntime = 07:30:00\ncategory = \"everyday\"\ntitle = \"Morning bake\"\nstatus = \"planned\"\n";

/// Whether `text` holds anything that acts on a terminal (line breaks aside).
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| mixcal::testing::shown::is_unsafe(c) && c != '\n')
        .collect()
}

fn assert_safe(what: &str, out: &Output) {
    assert!(
        raw_controls(&out.stderr).is_empty(),
        "{what}: raw control characters on stderr: {:?}\n{}",
        raw_controls(&out.stderr),
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"), "{what}: {out:#?}");
}

/// `payload` as a TOML basic string's inside.
fn toml_escaped(payload: &str) -> String {
    payload
        .chars()
        .map(|c| match c {
            '"' => "\\\"".to_string(),
            '\\' => "\\\\".to_string(),
            c if c.is_control() || mixcal::testing::shown::is_unsafe(c) => {
                format!("\\u{:04X}", c as u32)
            }
            c => c.to_string(),
        })
        .collect()
}

// ---- one safe way to show text ----

#[test]
fn no_command_prints_a_payload_raw_to_the_terminal() {
    for (name, payload) in PAYLOADS {
        let dir = Dir::new();
        let p = toml_escaped(payload);
        // An argument cannot hold a NUL byte; the rest of the payload can.
        let arg = payload.replace('\0', "");
        let payload = arg.as_str();
        dir.write("s.toml", &crate::terminal::payload_schedule());
        // A schedule whose errors quote the payload: category, key, date, status.
        dir.write(
            "bad.toml",
            &format!(
                "version = 1\n[[post]]\ndate = \"{p}\"\ncategory = \"{p}\"\ntitle = \"t\"\nstatus = \"{p}\"\n\"{p}\" = 1\n"
            ),
        );
        dir.write(
            "config.toml",
            &format!("week_start = \"{p}\"\n[categories.everyday]\nname = \"E{p}\"\n"),
        );
        dir.write(
            "named.toml",
            &format!("[categories.everyday]\nname = \"Every{p}day\"\nletter = \"E\"\n"),
        );
        let csv_cell = payload.replace('"', "\"\"");
        dir.write(
            "plan.csv",
            &format!("date,time,category,title,channel\n2026-11-24,09:00,everyday,\"{csv_cell}\",\"{csv_cell}\"\n"),
        );
        dir.write(
            "bad.csv",
            &format!("date,time,category,title,\"{csv_cell}\"\n\"{csv_cell}\",\"{csv_cell}\",\"{csv_cell}\",t,x\n"),
        );
        let runs: Vec<(&str, Vec<&str>)> = vec![
            ("check", vec!["check", "--file", "s.toml"]),
            (
                "check with names",
                vec!["check", "--file", "s.toml", "--config", "named.toml"],
            ),
            ("check --json", vec!["check", "--file", "s.toml", "--json"]),
            ("check errors", vec!["check", "--file", "bad.toml"]),
            (
                "suggest",
                vec![
                    "suggest",
                    "--file",
                    "s.toml",
                    "--week",
                    "2026-W49",
                    "--config",
                    "named.toml",
                ],
            ),
            (
                "export warnings",
                vec![
                    "export",
                    "--file",
                    "s.toml",
                    "--format",
                    "csv",
                    "--profile",
                    "hootsuite",
                ],
            ),
            (
                "export ics",
                vec!["export", "--file", "s.toml", "--format", "ics"],
            ),
            (
                "import",
                vec![
                    "import",
                    "--format",
                    "csv",
                    "plan.csv",
                    "--file",
                    "s.toml",
                    "--dry-run",
                ],
            ),
            (
                "import errors",
                vec!["import", "--format", "csv", "bad.csv", "--file", "s.toml"],
            ),
            (
                "config errors",
                vec!["check", "--file", "s.toml", "--config", "config.toml"],
            ),
            (
                "--week",
                vec!["check", "--file", "s.toml", "--week", payload],
            ),
            (
                "--from",
                vec!["check", "--file", "s.toml", "--from", payload],
            ),
            ("--file", vec!["check", "--file", payload]),
            (
                "--config",
                vec!["check", "--file", "s.toml", "--config", payload],
            ),
            (
                "--profile",
                vec![
                    "export",
                    "--file",
                    "s.toml",
                    "--format",
                    "csv",
                    "--profile",
                    payload,
                ],
            ),
            (
                "suggest --week",
                vec!["suggest", "--file", "s.toml", "--week", payload],
            ),
            ("unknown argument", vec!["check", payload]),
            (
                "import path",
                vec!["import", "--format", "csv", payload, "--file", "s.toml"],
            ),
        ];
        for (what, args) in runs {
            let out = dir.mixcal(&args).output();
            let what = format!("{name}: {what}");
            assert_safe(&what, &out);
            assert!(matches!(out.code, Some(0..=2)), "{what}: {out:#?}");
            // Reports are for people: escaped. Data (export, --json) is exact.
            let data = args.contains(&"export") || args.contains(&"--json");
            if !data {
                assert!(
                    raw_controls(&out.stdout).is_empty(),
                    "{what}: raw control characters on stdout:\n{}",
                    out.stdout
                );
            }
        }
    }
}

#[test]
fn data_written_to_a_pipe_or_a_file_is_exact() {
    let dir = Dir::new();
    dir.write("s.toml", &crate::terminal::payload_schedule());
    let piped = dir
        .mixcal(&["export", "--file", "s.toml", "--format", "csv"])
        .output();
    assert_eq!(piped.code, Some(0), "{piped:#?}");
    for (_, payload) in PAYLOADS {
        // CSV keeps a cell's text as it is (a CR inside quotes included).
        assert!(
            piped.stdout.contains(payload),
            "{payload:?} changed in:\n{}",
            piped.stdout
        );
    }
    let out = dir
        .mixcal(&[
            "export", "--file", "s.toml", "--format", "csv", "-o", "out.csv",
        ])
        .output();
    assert_eq!(out.code, Some(0), "{out:#?}");
    assert_eq!(dir.read("out.csv"), piped.stdout);
}

#[test]
fn json_output_escapes_payloads_as_json_and_reads_back_exact() {
    let dir = Dir::new();
    // Published, so that the review lists the channels by name.
    let published = crate::terminal::payload_schedule().replace("\"planned\"", "\"published\"");
    dir.write("s.toml", &published);
    for args in [
        vec!["check", "--file", "s.toml", "--json"],
        vec![
            "suggest", "--file", "s.toml", "--week", "2026-W48", "--json",
        ],
        vec!["review", "--file", "s.toml", "--to", "2026-11-29", "--json"],
    ] {
        let out = dir.mixcal(&args).output();
        assert!(matches!(out.code, Some(0 | 1)), "{args:?}: {out:#?}");
        // Nothing a terminal would act on, so the terminal writer leaves it
        // as it is and the JSON stays valid there too.
        assert!(
            raw_controls(&out.stdout).is_empty(),
            "{args:?}: unescaped text in:\n{}",
            out.stdout
        );
        let value: serde_json::Value = serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}):\n{}", out.stdout));
        if args[0] == "review" {
            let text = value.to_string();
            for (_, payload) in PAYLOADS {
                let channel = serde_json::Value::from(format!("ch{payload}")).to_string();
                assert!(text.contains(&channel), "{payload:?} changed in:\n{text}");
            }
        }
    }
}

// ---- saves are serialised ----

#[test]
fn two_imports_racing_in_a_loop_lose_nothing() {
    let dir = Dir::new();
    dir.write("s.toml", "version = 1\n");
    let mut conflicts = 0;
    for round in 0..20 {
        for side in ["a", "b"] {
            dir.write(
                &format!("{side}.csv"),
                &format!("date,category,title\n2026-11-23,everyday,{side} round {round}\n"),
            );
        }
        let children: Vec<_> = ["a", "b"]
            .iter()
            .map(|side| {
                let mut cmd = dir
                    .mixcal(&[
                        "import",
                        "--format",
                        "csv",
                        &format!("{side}.csv"),
                        "--file",
                        "s.toml",
                    ])
                    .command();
                cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
                (side, cmd.spawn().expect("start mixcal"))
            })
            .collect();
        let results: Vec<_> = children
            .into_iter()
            .map(|(side, child)| (side, Output::from(child.wait_with_output().unwrap())))
            .collect();
        let saved = dir.read("s.toml");
        for (side, out) in &results {
            let title = format!("{side} round {round}");
            match out.code {
                Some(0) => assert!(
                    saved.contains(&title),
                    "round {round}: {side} said saved but its post is lost:\n{saved}"
                ),
                Some(2) => {
                    assert!(
                        out.stderr.contains("changed on disk since it was loaded"),
                        "{out:#?}"
                    );
                    conflicts += 1;
                }
                _ => panic!("round {round}: {out:#?}"),
            }
        }
        assert!(
            results.iter().any(|(_, o)| o.code == Some(0)),
            "round {round}: nobody saved"
        );
    }
    // Both sides load, merge and save each round; when they overlap, the one
    // that finds the file changed loads it again and merges into it: the
    // other saves once, so a second try always goes through.
    assert_eq!(
        conflicts, 0,
        "an import gave up on a schedule saved once by another"
    );
    assert!(!dir.path("s.toml.lock").exists());
    assert!(
        dir.files().iter().all(|f| !f.ends_with(".tmp")),
        "{:?}",
        dir.files()
    );
}

// ---- files keep their nature ----

fn import_one(dir: &Dir, file: &str) -> Output {
    dir.write(
        "one.csv",
        "date,category,title\n2026-11-24,business,Imported\n",
    );
    dir.mixcal(&["import", "--format", "csv", "one.csv", "--file", file])
        .output()
}

#[cfg(unix)]
#[test]
fn a_symlinked_schedule_is_saved_through_to_its_target_and_stays_a_link() {
    let dir = Dir::new();
    dir.write("dotfiles/schedule.toml", ONE);
    std::os::unix::fs::symlink("dotfiles/schedule.toml", dir.path("s.toml")).unwrap();
    let out = import_one(&dir, "s.toml");
    assert_eq!(out.code, Some(0), "{out:#?}");
    assert!(
        fs::symlink_metadata(dir.path("s.toml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(dir.read("dotfiles/schedule.toml").contains("Imported"));
    assert_eq!(dir.read("dotfiles/schedule.toml.bak"), ONE);
    assert_eq!(dir.files(), ["dotfiles", "one.csv", "s.toml"]);
    // The report names the backup where it is, beside the link's target.
    assert!(
        out.stdout.contains("the previous version is ")
            && out.stdout.contains("dotfiles/schedule.toml.bak)"),
        "{out:#?}"
    );
}

#[cfg(unix)]
#[test]
fn a_hard_linked_schedule_is_refused_with_a_message() {
    let dir = Dir::new();
    dir.write("s.toml", ONE);
    fs::hard_link(dir.path("s.toml"), dir.path("backup-copy.toml")).unwrap();
    let out = import_one(&dir, "s.toml");
    assert_eq!(out.code, Some(2), "{out:#?}");
    assert!(
        out.stderr.contains(
            "s.toml has 2 hard links; replacing it would cut it off from the others; not saved"
        ),
        "{out:#?}"
    );
    assert!(out.stderr.contains("help: "), "{out:#?}");
    assert_eq!(dir.read("s.toml"), ONE);
    assert_eq!(dir.read("backup-copy.toml"), ONE);
}

#[cfg(unix)]
#[test]
fn a_read_only_schedule_is_refused_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Dir::new();
    dir.write("s.toml", ONE);
    fs::set_permissions(dir.path("s.toml"), fs::Permissions::from_mode(0o444)).unwrap();
    let out = import_one(&dir, "s.toml");
    assert_eq!(out.code, Some(2), "{out:#?}");
    assert!(
        out.stderr.contains("s.toml is read-only; not saved"),
        "{out:#?}"
    );
    assert_eq!(dir.read("s.toml"), ONE);
}

#[cfg(unix)]
#[test]
fn mode_owner_and_group_survive_a_save() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = Dir::new();
    dir.write("s.toml", ONE);
    fs::set_permissions(dir.path("s.toml"), fs::Permissions::from_mode(0o640)).unwrap();
    // Run as root (as CI is), the file belongs to someone else: a save must give
    // it back to them.
    let root = rustix_euid_is_root();
    if root {
        std::os::unix::fs::chown(dir.path("s.toml"), Some(4321), Some(4322)).unwrap();
    }
    let out = import_one(&dir, "s.toml");
    assert_eq!(out.code, Some(0), "{out:#?}");
    let meta = fs::metadata(dir.path("s.toml")).unwrap();
    assert_eq!(meta.mode() & 0o7777, 0o640);
    if root {
        assert_eq!((meta.uid(), meta.gid()), (4321, 4322));
        let bak = fs::metadata(dir.path("s.toml.bak")).unwrap();
        assert_eq!(
            (bak.uid(), bak.gid(), bak.mode() & 0o777),
            (4321, 4322, 0o640)
        );
    }
}

#[cfg(unix)]
fn rustix_euid_is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = tempfile::NamedTempFile::new().unwrap();
    probe.as_file().metadata().unwrap().uid() == 0
}

#[cfg(unix)]
#[test]
fn a_new_schedule_honours_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Dir::new();
    dir.write(
        "one.csv",
        "date,category,title\n2026-11-24,business,Imported\n",
    );
    let script = format!(
        "umask 077 && exec '{}' import --format csv one.csv --file new.toml",
        env!("CARGO_BIN_EXE_mixcal")
    );
    let out = Command::new("sh")
        .args(["-c", &script])
        .current_dir(dir.path(""))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir.path("home"))
        .env("XDG_CONFIG_HOME", dir.path("config"))
        .env("XDG_DATA_HOME", dir.path("data"))
        .env("MIXCAL_TODAY", "2026-11-23")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let mode = fs::metadata(dir.path("new.toml"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "umask 077 makes a private file");
}

#[cfg(unix)]
#[test]
fn anything_but_a_regular_file_is_refused_at_once() {
    let dir = Dir::new();
    let fifo = dir.path("pipe.toml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    fs::create_dir(dir.path("folder.toml")).unwrap();
    for (file, kind) in [
        ("pipe.toml", "a named pipe (FIFO)"),
        ("folder.toml", "a folder"),
        ("/dev/null", "a device"),
    ] {
        for args in [
            vec!["check", "--file", file],
            vec!["export", "--format", "toml", "--file", file],
            vec!["import", "--format", "csv", "one.csv", "--file", file],
        ] {
            dir.write("one.csv", "date,category,title\n2026-11-24,business,x\n");
            let start = Instant::now();
            let out = dir.mixcal(&args).output();
            assert!(start.elapsed() < Duration::from_secs(5), "{args:?} hung");
            assert_eq!(out.code, Some(2), "{args:?}: {out:#?}");
            assert!(
                out.stderr
                    .contains(&format!("is {kind}, not a regular file")),
                "{args:?}: {out:#?}"
            );
        }
    }
    // A config that is a pipe is refused too.
    let out = dir
        .mixcal(&["check", "--file", "x.toml", "--config", "pipe.toml"])
        .output();
    assert_eq!(out.code, Some(2), "{out:#?}");
    assert!(out.stderr.contains("not a regular file"), "{out:#?}");
}

#[cfg(unix)]
#[test]
fn a_save_removes_temporary_files_left_by_killed_saves_and_says_so() {
    let dir = Dir::new();
    dir.write("s.toml", ONE);
    let mut child = Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    dir.write(
        &format!(".mixcal-{dead}-aaaaaa.tmp"),
        &"x".repeat(2_000_000),
    );
    dir.write(&format!(".mixcal-{dead}-bbbbbb.bak.tmp"), "y");
    dir.write("s.toml.lock", &format!("{dead}\n"));
    let out = import_one(&dir, "s.toml");
    assert_eq!(out.code, Some(0), "{out:#?}");
    assert!(
        out.stderr.contains(&format!(
            "mixcal: note: removed a lock left by an interrupted save (process {dead}"
        )),
        "{out:#?}"
    );
    assert!(
        out.stderr
            .contains("mixcal: note: removed 2 temporary files (3 MB) left by interrupted saves"),
        "{out:#?}"
    );
    assert_eq!(dir.files(), ["one.csv", "s.toml", "s.toml.bak"]);
}

// ---- mixcal only writes what it reads ----

#[test]
fn export_never_overwrites_the_schedule_however_it_is_named() {
    let dir = Dir::new();
    dir.write("s.toml", ONE);
    fs::create_dir(dir.path("sub")).unwrap();
    let mut names = vec!["s.toml", "./s.toml", "sub/../s.toml"];
    let absolute = dir.path("s.toml").display().to_string();
    names.push(&absolute);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("s.toml", dir.path("link.toml")).unwrap();
        names.push("link.toml");
    }
    for name in names {
        let out = dir
            .mixcal(&["export", "--file", "s.toml", "--format", "csv", "-o", name])
            .output();
        assert_eq!(out.code, Some(2), "{name}: {out:#?}");
        assert!(
            out.stderr.contains("that is the schedule itself"),
            "{name}: {out:#?}"
        );
        assert_eq!(dir.read("s.toml"), ONE, "{name}");
    }
    #[cfg(unix)]
    {
        fs::hard_link(dir.path("s.toml"), dir.path("hard.toml")).unwrap();
        let out = dir
            .mixcal(&[
                "export",
                "--file",
                "s.toml",
                "--format",
                "csv",
                "-o",
                "hard.toml",
            ])
            .output();
        assert_eq!(out.code, Some(2), "{out:#?}");
        assert_eq!(dir.read("s.toml"), ONE);
    }
    assert!(!dir.path("s.toml.bak").exists());
}

#[test]
fn the_edges_of_the_calendar_are_refused_not_written() {
    let dir = Dir::new();
    let last = ONE.replace("2026-11-23", "9999-12-31");
    dir.write("s.toml", &last);
    for args in [
        vec!["check", "--file", "s.toml"],
        vec!["check", "--file", "s.toml", "--week", "9999-12-31"],
        vec!["check", "--file", "s.toml", "--from", "9999-12-01"],
        vec!["export", "--file", "s.toml", "--format", "ics"],
        vec![
            "export", "--file", "s.toml", "--format", "csv", "--week", "9999-W52",
        ],
    ] {
        let out = dir.mixcal(&args).output();
        assert!(matches!(out.code, Some(0 | 1)), "{args:?}: {out:#?}");
    }
    let out = dir
        .mixcal(&[
            "suggest",
            "--file",
            "s.toml",
            "--week",
            "9999-12-31",
            "--apply",
        ])
        .output();
    assert_eq!(out.code, Some(2), "{out:#?}");
    assert!(
        out.stderr
            .contains("reaches past the dates mixcal supports"),
        "{out:#?}"
    );
    assert_eq!(dir.read("s.toml"), last);
    let out = dir
        .mixcal(&["check", "--file", "s.toml", "--week", "0000-06-01"])
        .output();
    assert_eq!(out.code, Some(2), "{out:#?}");
    assert!(out.stderr.contains("out of range"), "{out:#?}");
    dir.write(
        "old.csv",
        "date,category,title\n0000-12-31,everyday,Too old\n",
    );
    let out = dir
        .mixcal(&["import", "--format", "csv", "old.csv", "--file", "s.toml"])
        .output();
    assert_eq!(out.code, Some(2), "{out:#?}");
    assert!(
        out.stderr
            .contains("row 2, column A (date): `0000-12-31` is out of range"),
        "{out:#?}"
    );
    assert_eq!(dir.read("s.toml"), last);
}

#[test]
fn a_leap_second_from_a_spreadsheet_never_reaches_the_file() {
    let dir = Dir::new();
    dir.write("s.toml", ONE);
    dir.write(
        "plan.csv",
        "date,time,category,title\n2026-11-24,23:59:60,everyday,Late\n",
    );
    let out = dir
        .mixcal(&["import", "--format", "csv", "plan.csv", "--file", "s.toml"])
        .output();
    assert_eq!(out.code, Some(2), "{out:#?}");
    assert_eq!(dir.read("s.toml"), ONE);
}

// ---- pipes and floods ----

fn big_schedule(posts: usize) -> String {
    let mut out = String::from("version = 1\n");
    for i in 0..posts {
        out.push_str(&format!(
            "\n[[post]]\nid = \"p{i}\"\ndate = 2026-{:02}-{:02}\ncategory = \"everyday\"\ntitle = \"Post number {i}\"\nstatus = \"planned\"\n",
            1 + i % 12,
            1 + i % 28
        ));
    }
    out
}

#[test]
fn a_reader_that_stops_early_ends_export_quietly() {
    let dir = Dir::new();
    dir.write("s.toml", &big_schedule(20_000));
    for format in ["csv", "toml", "ics"] {
        let mut cmd = dir
            .mixcal(&["export", "--file", "s.toml", "--format", format])
            .command();
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 16];
        std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}: {out:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{format}");
    }
}

#[test]
fn a_ten_thousand_column_header_is_reported_in_a_few_lines() {
    let dir = Dir::new();
    dir.write("s.toml", ONE);
    let header: Vec<String> = (0..10_000).map(|i| format!("extra{i}")).collect();
    dir.write(
        "wide.csv",
        &format!(
            "date,category,title,{}\n2026-11-24,everyday,x\n",
            header.join(",")
        ),
    );
    let out = dir
        .mixcal(&["import", "--format", "csv", "wide.csv", "--file", "s.toml"])
        .output();
    assert_eq!(out.code, Some(0), "{out:#?}");
    assert!(
        out.stderr.len() < 2_000,
        "{} bytes of warnings:\n{}",
        out.stderr.len(),
        out.stderr
    );
    assert!(
        out.stderr
            .contains("left out 10000 columns mixcal does not know: `extra0` (column D)"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains(" and 9990 more"), "{}", out.stderr);
}

#[test]
fn a_whole_bad_column_is_reported_in_a_few_lines() {
    let dir = Dir::new();
    dir.write("s.toml", ONE);
    let mut sheet = String::from("date,time,category,title\n");
    for i in 0..10_000 {
        sheet.push_str(&format!("2026-11-24,9.{i},everyday,Post {i}\n"));
    }
    dir.write("plan.csv", &sheet);
    let out = dir
        .mixcal(&["import", "--format", "csv", "plan.csv", "--file", "s.toml"])
        .output();
    assert_eq!(out.code, Some(2), "{out:#?}");
    assert!(
        out.stderr.len() < 4_000,
        "{} bytes of errors",
        out.stderr.len()
    );
    assert!(
        out.stderr
            .contains("column B (time): 9,990 more rows with this problem"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_huge_value_is_quoted_clipped() {
    let dir = Dir::new();
    let huge = "x".repeat(1_000_000);
    dir.write("s.toml", &format!("[[post]]\ndate = 2026-11-23\ncategory = \"{huge}\"\ntitle = \"{huge}x\"\nstauts = \"{huge}\"\n"));
    let out = dir.mixcal(&["check", "--file", "s.toml"]).output();
    assert_eq!(out.code, Some(2), "{out:#?}");
    assert!(
        out.stderr.len() < 2_000,
        "{} bytes of errors",
        out.stderr.len()
    );
    assert!(
        out.stderr.contains("(1,000,000 characters)"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_config_that_is_not_utf8_names_the_line_of_its_first_bad_byte() {
    let dir = Dir::new();
    dir.write("s.toml", ONE);
    fs::write(
        dir.path("config.toml"),
        b"# caf\xc3\xa9 ok\n[categories.everyday]\nname = \"Caf\xe9\"\n",
    )
    .unwrap();
    for args in [
        vec!["check", "--file", "s.toml", "--config", "config.toml"],
        vec![
            "export",
            "--format",
            "csv",
            "--file",
            "s.toml",
            "--config",
            "config.toml",
        ],
        vec!["suggest", "--file", "s.toml", "--config", "config.toml"],
        vec![
            "import",
            "--format",
            "csv",
            "x.csv",
            "--file",
            "s.toml",
            "--config",
            "config.toml",
        ],
    ] {
        let out = dir.mixcal(&args).output();
        assert_eq!(out.code, Some(2), "{args:?}: {out:#?}");
        assert!(
            out.stderr
                .contains("config.toml:3:12: the file is not valid UTF-8 (byte 0xe9)"),
            "{args:?}: {out:#?}"
        );
    }
}
