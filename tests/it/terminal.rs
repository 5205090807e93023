//! The real binary in a real terminal: tmux runs `mixcal`, keys are typed into
//! it, the screen is read back, and after quitting the terminal must be as it was
//! (raw mode off, main screen, mouse reporting off). tmux is installed by
//! `.ci/run`; without it the test says so and, outside CI, passes without running.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

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

fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether the test can run: tmux is there, or (outside CI) it says why not.
fn tmux_or_skip() -> bool {
    if have_tmux() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "tmux is needed for the end-to-end test in CI"
    );
    eprintln!("tmux is not installed: the end-to-end terminal test did not run");
    false
}

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
