//! The loader against the outside world's idea of TOML: the invalid cases of the
//! public toml-test suite, put into schedule files, and thousands of seeded
//! mutations of real schedules run through the binary.

use std::fs;
use std::path::Path;

use mixcal::testing::config::Config;
use mixcal::testing::store::parse_bytes;

fn fixtures(folder: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(folder);
    let mut all: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".toml"))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    all.sort();
    all
}

/// Each case of toml-test's `tests/invalid` sits in a post of an otherwise valid
/// schedule, its value in a field of its type (see tests/fixtures/toml-invalid/
/// README.md). TOML refuses every one, and so must mixcal, at a line.
#[test]
fn every_invalid_case_of_toml_test_is_refused_with_its_line() {
    let config = Config::builtin().unwrap();
    let cases = fixtures("toml-invalid");
    assert!(cases.len() > 400, "{} cases", cases.len());
    let mut wrong = Vec::new();
    for (name, bytes) in &cases {
        let toml_refuses =
            std::str::from_utf8(bytes).map_or(true, |t| toml::from_str::<toml::Table>(t).is_err());
        if !toml_refuses {
            wrong.push(format!(
                "{name}: the toml crate accepts it, so it is no invalid case"
            ));
            continue;
        }
        match parse_bytes(bytes, name, &config) {
            Ok(s) => wrong.push(format!("{name}: accepted, with {} posts", s.len())),
            Err(d) => {
                if d.0.iter().any(|d| d.line == 0) {
                    wrong.push(format!("{name}: no line in {d}"));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {}:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

/// Bytes a person's editor, a sync tool or a bad disk might put anywhere.
const PIECES: [&[u8]; 32] = [
    b"\"",
    b"'",
    b"\\",
    b"[",
    b"]",
    b"=",
    b"#",
    b"\n",
    b"\r\n",
    b"\r",
    b"\t",
    b" ",
    b"\0",
    b"\xff",
    b"\xc3",
    b"\xe2\x80\xae",
    b"\x1b[2J",
    b"\"\"\"",
    b"'''",
    b"[[post]]\n",
    b"post = []\n",
    b"-0",
    b"9999-12-31",
    b"0000-01-01",
    b"23:59:60",
    b"99999999999999999999",
    b"1_0",
    b"0x1e",
    b"+",
    b"T",
    b"Z",
    b"\n[post]\n",
];

/// One seeded change to `bytes`.
fn mutate(rng: &mut fastrand::Rng, bytes: &mut Vec<u8>) {
    let at = rng.usize(..=bytes.len());
    match rng.u8(..6) {
        0 => {
            let end = (at + rng.usize(1..16)).min(bytes.len());
            bytes.drain(at..end);
        }
        1 | 2 => {
            let piece = PIECES[rng.usize(..PIECES.len())];
            bytes.splice(at..at, piece.iter().copied());
        }
        3 => {
            // A line repeated, as a bad merge does.
            let start = bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let end = bytes[at..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |i| at + i + 1);
            let line = bytes[start..end].to_vec();
            bytes.splice(end..end, line);
        }
        4 => bytes.truncate(at),
        _ => {
            if at < bytes.len() {
                bytes[at] = rng.u8(..);
            }
        }
    }
}

fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut all = fixtures("");
    all.extend(fixtures("toml-invalid").into_iter().step_by(7));
    all
}

/// A few thousand seeded mutations of the fixtures, read in process: no panic,
/// and whatever is accepted is saved as a file that reads back the same.
#[test]
fn mutated_schedules_never_panic_and_what_loads_saves_and_loads_back() {
    let config = Config::builtin().unwrap();
    let seeds = seeds();
    let mut rng = fastrand::Rng::with_seed(12);
    let (mut accepted, mut refused) = (0, 0);
    for case in 0..4_000 {
        let (name, seed) = &seeds[case % seeds.len()];
        let mut bytes = seed.clone();
        for _ in 0..rng.usize(1..4) {
            mutate(&mut rng, &mut bytes);
        }
        let read = std::panic::catch_unwind(|| parse_bytes(&bytes, "m.toml", &config));
        let Ok(read) = read else {
            panic!(
                "case {case} ({name}) panicked on {:?}",
                String::from_utf8_lossy(&bytes)
            );
        };
        match read {
            Err(_) => refused += 1,
            Ok(schedule) => {
                accepted += 1;
                let saved = mixcal::testing::store::to_toml(&schedule);
                let back = mixcal::testing::store::parse(&saved, "saved.toml", &config);
                assert_eq!(
                    back.as_ref().ok(),
                    Some(&schedule),
                    "case {case} ({name}): {saved}"
                );
            }
        }
    }
    assert!(
        accepted > 200 && refused > 200,
        "{accepted} accepted, {refused} refused"
    );
}

/// The binary on a sample of the same mutations: exit 0, 1 or 2, never a panic;
/// a file it refuses is left as it was with nothing beside it, and a file it
/// changes (`suggest --apply`) still loads.
#[test]
fn the_binary_on_mutated_schedules_exits_0_1_or_2_and_leaves_refused_input_alone() {
    let seeds = seeds();
    let mut rng = fastrand::Rng::with_seed(34);
    let dir = crate::common::Dir::new();
    for case in 0..150 {
        let (name, seed) = &seeds[case % seeds.len()];
        let mut bytes = seed.clone();
        for _ in 0..rng.usize(1..3) {
            mutate(&mut rng, &mut bytes);
        }
        fs::write(dir.path("m.toml"), &bytes).unwrap();
        for args in [
            &["check", "--file", "m.toml"][..],
            &["export", "--file", "m.toml", "--format", "ics"],
            &[
                "suggest", "--file", "m.toml", "--week", "2026-W48", "--apply",
            ],
        ] {
            let before = fs::read(dir.path("m.toml")).unwrap();
            let out = dir.mixcal(args).output();
            let what = format!("case {case} ({name}) {args:?}");
            assert!(matches!(out.code, Some(0..=2)), "{what}: {out:#?}");
            assert!(!out.stderr.contains("panicked"), "{what}: {out:#?}");
            if out.code == Some(2) {
                assert_eq!(
                    fs::read(dir.path("m.toml")).unwrap(),
                    before,
                    "{what} changed a file it refused"
                );
            }
            let mut files = dir.files();
            files.retain(|f| f != "m.toml" && f != "m.toml.bak");
            assert!(files.is_empty(), "{what} left {files:?}");
        }
        if dir.path("m.toml.bak").exists() {
            let out = dir.mixcal(&["check", "--file", "m.toml"]).output();
            assert!(
                matches!(out.code, Some(0 | 1)),
                "case {case}: a save does not load: {out:#?}"
            );
            fs::remove_file(dir.path("m.toml.bak")).unwrap();
        }
    }
}
