//! The real binary in a real terminal: tmux runs `mixcal`, keys are typed into
//! it, the screen is read back, and after quitting the terminal must be as it was
//! (raw mode off, main screen, mouse reporting off). tmux is installed by
//! `.ci/run`; without it the test says so and, outside CI, passes without running.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::common::have;

struct Tmux {
    socket: String,
}

impl Tmux {
    /// A tmux server of its own running `script` in a `width`×`height` terminal.
    fn start(name: &str, script: &str, width: u16, height: u16) -> Tmux {
        let tmux = Tmux {
            socket: format!("mixcal-e2e-{name}-{}", std::process::id()),
        };
        let (w, h) = (width.to_string(), height.to_string());
        let started = tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            &w,
            "-y",
            &h,
            "sh",
            "-c",
            script,
        ]);
        assert!(started.status.success(), "{started:?}");
        tmux
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "e2e"]).stdout).into_owned()
    }

    fn display(&self, format: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", "e2e", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success());
    }

    fn text(&self, text: &str) {
        assert!(
            self.run(&["send-keys", "-t", "e2e", "-l", text])
                .status
                .success()
        );
    }

    /// Waits until the screen shows `what`.
    fn wait_for(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(what) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "the screen never showed {what:?}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The terminal as the shell finds it after mixcal: not raw, main screen, no
    /// mouse reporting.
    fn assert_restored(&self, report: &str) {
        assert!(
            report.contains(" icanon") && report.contains(" echo") && !report.contains("-icanon"),
            "raw mode was not switched off:\n{report}"
        );
        assert_eq!(
            self.display("#{alternate_on}"),
            "0",
            "still on the alternate screen"
        );
        assert_eq!(
            self.display("#{mouse_any_flag}"),
            "0",
            "mouse reporting left on"
        );
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn wait_for_file(path: &Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && text.ends_with('\n')
        {
            return text;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Whether the test can run: tmux is there, or (outside CI) it says why not.
fn tmux_or_skip() -> bool {
    have("tmux", "-V")
}

/// A shell script that runs mixcal on `file` (with `env` before it), then
/// records its exit code and the terminal's mode in `after` and stays open.
fn script(env: &str, file: &Path, after: &Path) -> String {
    format!(
        "MIXCAL_TODAY=2026-11-25 NO_COLOR=1 {env} '{bin}' --file '{file}'; code=$?; stty -a > '{after}.tmp'; echo \"exit=$code\" >> '{after}.tmp'; mv '{after}.tmp' '{after}'; sleep 60",
        bin = env!("CARGO_BIN_EXE_mixcal"),
        file = file.display(),
        after = after.display(),
    )
}

const ONE_POST: &str = "version = 1\n\n[[post]]\nid = \"k1\"\ndate = 2026-11-23\ntime = 07:30:00\ncategory = \"everyday\"\ntitle = \"Morning bake\"\nstatus = \"planned\"\n";

#[test]
fn add_a_post_save_and_quit_in_a_real_terminal() {
    if !tmux_or_skip() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("schedule.toml");
    let after = dir.path().join("after.txt");
    // After mixcal exits, the shell records its exit code and the terminal's mode.
    let script = format!(
        "MIXCAL_TODAY=2026-11-25 NO_COLOR=1 '{bin}' --file '{file}'; code=$?; stty -a > '{after}.tmp'; echo \"exit=$code\" >> '{after}.tmp'; mv '{after}.tmp' '{after}'; sleep 60",
        bin = env!("CARGO_BIN_EXE_mixcal"),
        file = file.display(),
        after = after.display(),
    );
    let tmux = Tmux::start("add", &script, 100, 30);

    let screen = tmux.wait_for("No posts yet");
    assert!(screen.contains("2026-W48"), "{screen}");
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "1",
        "the calendar uses the alternate screen"
    );
    assert_eq!(
        tmux.display("#{mouse_any_flag}"),
        "1",
        "the calendar reads the mouse"
    );

    tmux.keys(&["a"]);
    tmux.wait_for("New post");
    tmux.text("Behind the scenes 🎬");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("post added");
    assert!(screen.contains("unsaved"), "{screen}");
    tmux.keys(&["s"]);
    tmux.wait_for("saved 1 post to");
    tmux.keys(&["q"]);

    let report = wait_for_file(&after);
    assert!(report.contains("exit=0"), "{report}");
    assert!(
        report.contains(" icanon") && report.contains(" echo") && !report.contains("-icanon"),
        "raw mode was not switched off:\n{report}"
    );
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "0",
        "still on the alternate screen"
    );
    assert_eq!(
        tmux.display("#{mouse_any_flag}"),
        "0",
        "mouse reporting left on"
    );

    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.contains("title = \"Behind the scenes 🎬\""),
        "{saved}"
    );
    assert!(saved.contains("date = 2026-11-25"), "{saved}");
}

const WEEK: &str = r#"version = 1

[[post]]
id = "a1"
date = 2026-11-23
time = 07:30:00
category = "everyday"
title = "Croissants fresh from the oven at half past seven"
channel = "instagram"

[[post]]
id = "a2"
date = 2026-11-25
time = 12:00:00
category = "partner"
title = "Café Müller serves our bread now"
channel = "instagram"

[[post]]
id = "b1"
date = 2026-12-09
time = 09:00:00
category = "everyday"
title = "Advent stollen baking begins"
"#;

#[test]
fn search_go_to_an_outside_change_and_the_editor_in_a_real_terminal() {
    if !tmux_or_skip() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("schedule.toml");
    std::fs::write(&file, WEEK).unwrap();
    // The "editor" puts a new title into the file it is given.
    let script = format!(
        "MIXCAL_TODAY=2026-11-25 NO_COLOR=1 EDITOR=\"sed -i s/Advent/Christmas/\" '{bin}' --file '{file}'; sleep 60",
        bin = env!("CARGO_BIN_EXE_mixcal"),
        file = file.display(),
    );
    let tmux = Tmux::start("find", &script, 100, 30);
    tmux.wait_for("2026-W48");

    // Search ignores case and accents, and n goes on into a later week.
    tmux.keys(&["/"]);
    tmux.wait_for("Search");
    tmux.text("CAFE");
    tmux.keys(&["Enter"]);
    tmux.wait_for("match 1 of 1");
    tmux.keys(&["/"]);
    tmux.text("instagram");
    tmux.keys(&["Enter"]);
    tmux.wait_for("match 2 of 2");
    tmux.keys(&["n"]);
    let screen = tmux.wait_for("match 1 of 2");
    assert!(screen.contains("2026-W48"), "{screen}");

    // Go to a week, then to a date.
    // Esc alone: Esc and a key sent together read as Alt and that key.
    tmux.keys(&["Escape"]);
    tmux.wait_for("search ended");
    tmux.keys(&["g"]);
    tmux.wait_for("Go to");
    tmux.text("2026-W50");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Advent stollen");
    assert!(screen.contains("2026-W50"), "{screen}");
    tmux.keys(&["g"]);
    tmux.text("2026-11-25");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Café Müller");

    // Another program changes the file: the calendar reloads it by itself.
    std::fs::write(&file, WEEK.replace("Café Müller", "Bäckerei Schmidt")).unwrap();
    let screen = tmux.wait_for("changed by another program: reloaded");
    assert!(screen.contains("Bäckerei Schmidt"), "{screen}");

    // Ctrl-e hands the title to $EDITOR and takes the terminal back after.
    tmux.keys(&["g"]);
    tmux.text("2026-W50");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Advent stollen");
    tmux.keys(&["e"]);
    tmux.wait_for("Edit post");
    tmux.keys(&["C-e"]);
    tmux.wait_for("Christmas stollen");
    tmux.keys(&["Enter"]);
    tmux.wait_for("post saved in the calendar");
    assert_eq!(tmux.display("#{alternate_on}"), "1", "the calendar is back");
    tmux.keys(&["s"]);
    tmux.wait_for("saved 3 posts");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("Christmas stollen baking begins"), "{saved}");
    assert!(saved.contains("Bäckerei Schmidt"), "{saved}");
}

/// Adds a post titled `title` on the selected day and waits until it is there.
fn add_post(tmux: &Tmux, title: &str) {
    tmux.keys(&["a"]);
    tmux.wait_for("New post");
    tmux.text(title);
    tmux.keys(&["Enter"]);
    tmux.wait_for("post added");
}

#[test]
fn a_crash_restores_the_terminal_and_keeps_the_unsaved_post() {
    if !tmux_or_skip() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("schedule.toml");
    std::fs::write(&file, ONE_POST).unwrap();
    // An older recovery file is kept: the crash writes a new one.
    std::fs::write(dir.path().join("schedule.toml.recovered.toml"), "older\n").unwrap();
    let after = dir.path().join("after.txt");
    let env = "MIXCAL_DEBUG_PANIC_KEY='§'";
    let tmux = Tmux::start("crash", &script(env, &file, &after), 100, 30);
    tmux.wait_for("Morning");
    add_post(&tmux, "Unsaved croissant");
    tmux.text("§");

    let report = wait_for_file(&after);
    assert!(report.contains("exit=101"), "a panic exits 101:\n{report}");
    tmux.assert_restored(&report);
    let screen = tmux.wait_for("Your unsaved posts were written to");
    assert!(
        screen.contains("MIXCAL_DEBUG_PANIC_KEY was pressed"),
        "{screen}"
    );

    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        ONE_POST,
        "the schedule is untouched"
    );
    let older = std::fs::read_to_string(dir.path().join("schedule.toml.recovered.toml")).unwrap();
    assert_eq!(older, "older\n", "an older recovery file is never replaced");
    let recovered =
        std::fs::read_to_string(dir.path().join("schedule.toml.recovered-2.toml")).unwrap();
    assert!(
        recovered.contains("title = \"Unsaved croissant\""),
        "{recovered}"
    );
    assert!(
        recovered.contains("title = \"Morning bake\""),
        "{recovered}"
    );
}

/// The pid of the one child of `parent` (the shell tmux runs mixcal from).
fn child_of(parent: &str) -> Option<String> {
    let children =
        std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children")).ok()?;
    children.split_whitespace().next().map(str::to_string)
}

#[test]
fn sigterm_keeps_the_unsaved_post_and_restores_the_terminal() {
    if !tmux_or_skip() || !Path::new("/proc/self/task").exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("schedule.toml");
    std::fs::write(&file, ONE_POST).unwrap();
    let after = dir.path().join("after.txt");
    let tmux = Tmux::start("term", &script("", &file, &after), 100, 30);
    tmux.wait_for("Morning");
    add_post(&tmux, "Unsaved baguette");
    let shell = tmux.display("#{pane_pid}");
    let mixcal = child_of(&shell).expect("mixcal runs under the shell");
    let pid = rustix::process::Pid::from_raw(mixcal.parse().unwrap()).unwrap();
    rustix::process::kill_process(pid, rustix::process::Signal::TERM).unwrap();

    let report = wait_for_file(&after);
    assert!(report.contains("exit=143"), "128 + SIGTERM:\n{report}");
    tmux.assert_restored(&report);
    let recovered = wait_for_file(&dir.path().join("schedule.toml.recovered.toml"));
    assert!(
        recovered.contains("title = \"Unsaved baguette\""),
        "{recovered}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), ONE_POST);
}

#[test]
fn closing_the_terminal_keeps_the_unsaved_post() {
    if !tmux_or_skip() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("schedule.toml");
    std::fs::write(&file, ONE_POST).unwrap();
    let script = format!(
        "MIXCAL_TODAY=2026-11-25 exec '{}' --file '{}'",
        env!("CARGO_BIN_EXE_mixcal"),
        file.display()
    );
    let tmux = Tmux::start("hup", &script, 100, 30);
    tmux.wait_for("Morning");
    add_post(&tmux, "Unsaved brioche");
    // Killing the session closes the pane's terminal: mixcal gets SIGHUP.
    tmux.run(&["kill-session", "-t", "e2e"]);
    let recovered = wait_for_file(&dir.path().join("schedule.toml.recovered.toml"));
    assert!(
        recovered.contains("title = \"Unsaved brioche\""),
        "{recovered}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), ONE_POST);
}

/// Text that must never act on a terminal: one of each class.
pub(crate) const PAYLOADS: [(&str, &str); 9] = [
    ("csi", "\u{1b}[2J\u{1b}[6n"),
    ("osc-title", "\u{1b}]0;owned\u{7}"),
    ("osc52", "\u{1b}]52;c;aGVsbG8=\u{7}"),
    ("c1", "\u{9b}31m\u{9d}0;x\u{9c}"),
    ("bel", "ring\u{7}"),
    ("cr", "hidden\rshown"),
    ("bidi", "evil\u{202e}gpj.exe"),
    ("del-nul", "a\u{7f}b\u{0}c"),
    ("esc", "\u{1b}c\u{1b}7"),
];

/// A schedule whose posts carry every payload in their title, channel and
/// notes, in the week of 2026-11-25.
pub(crate) fn payload_schedule() -> String {
    let mut out = String::from("version = 1\n");
    for (i, (name, payload)) in PAYLOADS.iter().enumerate() {
        let escaped: String = payload
            .chars()
            .map(|c| match c {
                c if c.is_control() || c == '\u{202e}' => format!("\\u{:04X}", c as u32),
                c => c.to_string(),
            })
            .collect();
        out.push_str(&format!(
            "\n[[post]]\nid = \"p{i}\"\ndate = 2026-11-{day}\ntime = {h:02}:00:00\ncategory = \"everyday\"\ntitle = \"{name} {escaped}\"\nchannel = \"ch{escaped}\"\nnotes = \"n{escaped}\"\nstatus = \"planned\"\n",
            day = 23 + i % 7,
            h = 7 + i,
        ));
    }
    out
}

#[test]
fn no_escape_sequence_from_a_file_reaches_the_calendar_screen() {
    if !tmux_or_skip() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("schedule.toml");
    std::fs::write(&file, payload_schedule()).unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[categories.everyday]\nname = \"Every\\u001B]0;cat\\u0007day\"\n",
    )
    .unwrap();
    let tmux = Tmux::start(
        "payload",
        &format!(
            "MIXCAL_TODAY=2026-11-25 NO_COLOR=1 '{}' --file '{}' --config '{}'; sleep 60",
            env!("CARGO_BIN_EXE_mixcal"),
            file.display(),
            config.display()
        ),
        160,
        40,
    );
    let title_before = tmux.display("#{pane_title}");
    tmux.wait_for("2026-W48");
    let mut screens = Vec::new();
    // Every day of the week, every post of it, selected in turn so the detail
    // line shows its title, channel and notes in full.
    tmux.keys(&["h", "h"]);
    for day in 0..7 {
        tmux.wait_for(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day]);
        for _ in 0..3 {
            std::thread::sleep(Duration::from_millis(100));
            screens.push(tmux.screen());
            tmux.keys(&["j"]);
        }
        tmux.keys(&["l"]);
    }
    tmux.keys(&["h", "e"]);
    screens.push(tmux.wait_for("Edit post"));
    let all = screens.concat();
    let raw: Vec<char> = all
        .chars()
        .filter(|&c| mixcal::testing::shown::is_unsafe(c) && c != '\n')
        .collect();
    assert!(
        raw.is_empty(),
        "raw control characters on screen: {raw:?}\n{all}"
    );
    for visible in [
        "\\x1b[2J",
        "\\x1b]52;c;",
        "\\x9b31m",
        "\\u{202e}",
        "\\r",
        "\\x07",
    ] {
        assert!(
            all.contains(visible),
            "{visible} is not shown escaped:\n{all}"
        );
    }
    assert!(
        all.contains("Every\\x1b]0;cat\\x07day"),
        "the category name is escaped:\n{all}"
    );
    assert_eq!(
        tmux.display("#{pane_title}"),
        title_before,
        "the window title changed"
    );
    let buffers = tmux.run(&["list-buffers"]);
    assert!(
        buffers.stdout.is_empty(),
        "OSC 52 reached the clipboard: {buffers:?}"
    );
}
