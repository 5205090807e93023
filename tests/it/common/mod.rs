//! Helpers for tests that run the real `mixcal` binary.
//!
//! Every run happens in a fresh temporary folder that is also the working
//! directory, with a cleared environment: `HOME`, `XDG_CONFIG_HOME` and
//! `XDG_DATA_HOME` point inside the folder and "today" is fixed, so neither the
//! user's own config nor the real date can leak into a test.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The "today" every run sees unless a test sets another: Monday of 2026-W48.
pub(crate) const TODAY: &str = "2026-11-23";

/// A temporary folder to run mixcal in.
pub(crate) struct Dir {
    root: tempfile::TempDir,
}

impl Dir {
    pub(crate) fn new() -> Dir {
        let root = tempfile::tempdir().expect("create a temporary folder");
        for sub in ["home", "config", "data"] {
            fs::create_dir_all(root.path().join(sub)).expect("create a folder");
        }
        Dir { root }
    }

    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }

    /// Writes `text` to `name` inside the folder and returns the full path.
    pub(crate) fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create a folder");
        }
        fs::write(&path, text).expect("write a test file");
        path
    }

    /// Copies `tests/fixtures/<name>` into the folder under the same name.
    pub(crate) fn fixture(&self, name: &str) -> PathBuf {
        self.write(name, &fixture(name))
    }

    pub(crate) fn read(&self, name: &str) -> String {
        fs::read_to_string(self.path(name)).expect("read a test file")
    }

    pub(crate) fn read_bytes(&self, name: &str) -> Vec<u8> {
        fs::read(self.path(name)).expect("read a test file")
    }

    /// The names of the files directly in the folder, sorted, without the
    /// folders every run gets.
    pub(crate) fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.root.path())
            .expect("list the temporary folder")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !["home", "config", "data"].contains(&n.as_str()))
            .collect();
        names.sort();
        names
    }

    /// `mixcal ARGS` in this folder, with the test environment.
    pub(crate) fn mixcal(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mixcal"));
        cmd.args(args)
            .current_dir(self.root.path())
            .env_clear()
            .env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("MIXCAL_TODAY", TODAY);
        Run { cmd }
    }
}

/// A prepared run; add environment variables, then `output()`.
pub(crate) struct Run {
    cmd: Command,
}

impl Run {
    pub(crate) fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Run {
        self.cmd.env(key, value);
        self
    }

    /// The command, for tests that start it themselves.
    pub(crate) fn command(self) -> Command {
        self.cmd
    }

    pub(crate) fn output(mut self) -> Output {
        let out = self.cmd.output().expect("run the mixcal binary");
        Output::from(out)
    }
}

impl From<std::process::Output> for Output {
    fn from(out: std::process::Output) -> Output {
        Output {
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }
}

/// What a run printed and how it exited.
#[derive(Debug)]
pub(crate) struct Output {
    /// `None` when the process was killed by a signal (a crash).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Whether an outside program a test needs (tmux, calcurse) can be run. In CI
/// (`CI=true`), where `.ci/run` installs them, a missing one fails the test;
/// elsewhere the test notes it and skips.
pub(crate) fn have(program: &str, version_flag: &str) -> bool {
    let found = Command::new(program)
        .arg(version_flag)
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{program} is needed in CI (.ci/run installs it) but cannot be run"
        );
        eprintln!("note: {program} is not installed; a test that needs it did not run");
    }
    found
}

/// The text of `tests/fixtures/<name>`.
pub(crate) fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
