//! Loading, validating and saving the schedule file.
//!
//! Loading parses the file one `[[post]]` table at a time: a whole-document parse
//! of a 100k-post file holds the entire tree in memory at once (about 14 times the
//! file), while chunks keep only one post's tree alive. Every problem in the file
//! is collected and reported together, each with its line and column.
//!
//! Saving writes canonical TOML atomically and refuses to overwrite a file that
//! changed on disk since it was loaded.

mod atomic;
mod load;
mod write;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::domain::{Schedule, supported, supported_range};
use crate::shown::shown_clipped;

pub use atomic::backup_path;
use atomic::{LOCK_WAIT, Lock, Target, Tidied, folder_of, remove_leftovers};
pub(crate) use atomic::{Refusal, resolve_links, same_file, write_atomic, write_new};
pub(crate) use load::{Mode, parse_with};
pub use load::{parse, parse_bytes};
pub(crate) use write::posts_to_toml_with;
pub use write::{posts_to_toml, save_text, to_toml};

#[derive(Debug, Error)]
pub enum StoreError {
    #[error(
        "{path}: no such schedule file\n  help: check the path, or open the calendar (`mixcal --file {path}`) to start a new schedule there"
    )]
    Missing { path: String },
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("{0}")]
    Invalid(Diagnostics),
    #[error(
        "{path} changed on disk since it was loaded; not overwriting it\n  help: reload it to see the other changes, or save your version under another name"
    )]
    ChangedOnDisk { path: String },
    /// The file is not one mixcal may replace as it is (see [`Refusal`]).
    #[error("{path} {why}; not saved{}", why.help().map(|h| format!("\n  help: {h}")).unwrap_or_default())]
    Refused { path: String, why: Refusal },
    /// A post carries a date the file cannot hold.
    #[error(
        "{path}: not saved: “{title}” ({id}) is dated {date}, which is out of range\n  help: {range}; move the post to a date inside"
    )]
    OutOfRange {
        path: String,
        title: String,
        id: String,
        date: String,
        range: String,
    },
    /// What would be written does not read back as the schedule: a bug, caught
    /// before the file was touched.
    #[error(
        "{path}: not saved: the text mixcal would write does not read back the same ({problem}); the file was not changed\n  help: this is a bug in mixcal; please report it with this message"
    )]
    WouldNotLoad { path: String, problem: String },
}

impl StoreError {
    /// Whether saving failed only because the file is read-only, which the user
    /// may choose to override.
    pub(crate) fn is_read_only(&self) -> bool {
        matches!(
            self,
            StoreError::Refused {
                why: Refusal::ReadOnly,
                ..
            }
        )
    }
}

/// A snapshot of the bytes a file held when it was read, to notice changes by others.
/// XXH3-128 reads a 20 MB file in about a millisecond, where SipHash takes 15.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    len: usize,
    hash: u128,
}

impl Fingerprint {
    fn of(bytes: &[u8]) -> Fingerprint {
        Fingerprint {
            len: bytes.len(),
            hash: xxhash_rust::xxh3::xxh3_128(bytes),
        }
    }
}

/// The schedule file on disk, as it was when loaded or last saved.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    /// `None` when the file did not exist.
    seen: Option<Fingerprint>,
    /// The config the file was read with, to check that a save reads back.
    config: Option<Config>,
    /// The user chose to save over a read-only file.
    read_only_ok: bool,
    /// What saves tidied up beside the file, not yet told to the user.
    notes: Vec<String>,
}

impl Store {
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Where a save keeps the previous version: beside the file the path
    /// leads to, through any symbolic links.
    pub(crate) fn backup(&self) -> PathBuf {
        backup_path(&resolve_links(&self.path).unwrap_or_else(|_| self.path.clone()))
    }

    fn name(&self) -> String {
        self.path.display().to_string()
    }

    fn at(path: &Path, seen: Option<Fingerprint>, config: Option<&Config>) -> Store {
        Store {
            path: path.to_path_buf(),
            seen,
            config: config.cloned(),
            read_only_ok: false,
            notes: Vec::new(),
        }
    }

    /// Loads an existing schedule; a missing file is an error, and so is anything
    /// that is not a regular file (a folder, a named pipe, a device), refused
    /// before it is opened so that a pipe cannot make mixcal wait forever.
    pub fn open(path: &Path, config: &Config) -> Result<(Schedule, Store), StoreError> {
        let name = path.display().to_string();
        let io_error = |source: io::Error| match source.kind() {
            io::ErrorKind::NotFound => StoreError::Missing { path: name.clone() },
            _ => StoreError::Io {
                path: name.clone(),
                source,
            },
        };
        let meta = fs::metadata(path).map_err(io_error)?;
        if !meta.is_file() {
            return Err(StoreError::Refused {
                path: name.clone(),
                why: Refusal::NotAFile {
                    kind: file_kind(&meta),
                },
            });
        }
        let bytes = fs::read(path).map_err(io_error)?;
        let schedule = parse_bytes(&bytes, &name, config).map_err(StoreError::Invalid)?;
        let store = Store::at(path, Some(Fingerprint::of(&bytes)), Some(config));
        Ok((schedule, store))
    }

    /// Loads a schedule, treating a missing file as a new, empty one that is
    /// created on the first save.
    pub fn open_or_new(path: &Path, config: &Config) -> Result<(Schedule, Store), StoreError> {
        match Store::open(path, config) {
            Err(StoreError::Missing { .. }) => {
                Ok((Schedule::new(), Store::at(path, None, Some(config))))
            }
            other => other,
        }
    }

    /// A store for a file that has not been read, such as a new file to save the demo
    /// week into. Saving refuses to overwrite it if it exists by then.
    pub fn new_file(path: &Path) -> Store {
        Store::at(path, None, None)
    }

    /// Lets saves replace the file even though it is read-only (the file stays
    /// read-only), as an editor does when told to write anyway.
    pub(crate) fn allow_read_only(&mut self) {
        self.read_only_ok = true;
    }

    /// What saves tidied up beside the file since this was last asked: stale locks
    /// and temporary files of interrupted saves, one sentence each.
    pub(crate) fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }

    /// Whether the file on disk is no longer what was loaded or last saved.
    pub(crate) fn changed_on_disk(&self) -> Result<bool, StoreError> {
        Ok(self.current()? != self.seen)
    }

    fn current(&self) -> Result<Option<Fingerprint>, StoreError> {
        Ok(self.read_current()?.as_deref().map(Fingerprint::of))
    }

    /// The file's bytes now; `None` when it does not exist.
    fn read_current(&self) -> Result<Option<Vec<u8>>, StoreError> {
        match fs::read(&self.path) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(StoreError::Io {
                path: self.name(),
                source,
            }),
        }
    }

    /// Saves atomically, keeping the previous version as `<file>.bak`; refuses when
    /// the file changed on disk since it was loaded. The check and the write happen
    /// under the lock beside the file, so of two saves at the same moment one
    /// writes and the other finds the file changed.
    pub fn save(&mut self, schedule: &Schedule) -> Result<(), StoreError> {
        self.write(schedule, true)
    }

    /// Saves even when the file changed on disk; the other version is kept as
    /// `<file>.bak`. For when the user chose to overwrite.
    pub(crate) fn overwrite(&mut self, schedule: &Schedule) -> Result<(), StoreError> {
        self.write(schedule, false)
    }

    fn write(&mut self, schedule: &Schedule, check_disk: bool) -> Result<(), StoreError> {
        if let Some((p, date)) = schedule
            .iter()
            .filter_map(|p| Some((p, p.date?)))
            .find(|(_, d)| !supported(*d))
        {
            return Err(StoreError::OutOfRange {
                path: self.name(),
                title: shown_clipped(&p.title, 60).into_owned(),
                id: p.id.clone(),
                date: date.format("%Y-%m-%d").to_string(),
                range: supported_range(),
            });
        }
        let io = |path: &Path| {
            let path = path.display().to_string();
            move |source: io::Error| StoreError::Io { path, source }
        };
        let real = resolve_links(&self.path).map_err(io(&self.path))?;
        let dir = folder_of(&real);
        if self.seen.is_none() {
            // A new schedule, such as the first one at the default path under
            // $XDG_DATA_HOME, may need its folder made.
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let mut tidied = Tidied::default();
        let locked = Lock::acquire(&real, LOCK_WAIT, &mut tidied);
        self.notes.extend(tidied.notes());
        let _lock = locked.map_err(|why| self.refused(why))?;
        // Under the lock: what is on disk now, and whether it is what was loaded.
        let previous = self.read_current()?;
        let current = previous.as_deref().map(Fingerprint::of);
        if check_disk && current != self.seen {
            return Err(StoreError::ChangedOnDisk { path: self.name() });
        }
        // The comments of the file as it was loaded are kept; a version someone
        // else wrote is kept whole as the backup instead.
        let kept = previous
            .as_deref()
            .filter(|_| current == self.seen)
            .and_then(|b| std::str::from_utf8(b).ok());
        let text = save_text(schedule, kept);
        let bytes = text.as_bytes();
        let fp = Fingerprint::of(bytes);
        if current == Some(fp) {
            self.seen = Some(fp);
            return Ok(());
        }
        self.check_reads_back(&text, schedule)?;
        let target =
            Target::inspect(&self.path, self.read_only_ok).map_err(|why| self.refused(why))?;
        let mut tidied = Tidied::default();
        remove_leftovers(dir, &mut tidied);
        self.notes.extend(tidied.notes());
        target
            .replace(bytes, true)
            .map_err(|why| self.refused(why))?;
        self.seen = Some(fp);
        Ok(())
    }

    fn refused(&self, why: Refusal) -> StoreError {
        match why {
            Refusal::Io(source) => StoreError::Io {
                path: self.name(),
                source,
            },
            why => StoreError::Refused {
                path: self.name(),
                why,
            },
        }
    }

    /// Reads `text` back the way a later load will, and refuses to save what would
    /// not load as `schedule`: mixcal never writes a file it then refuses to open.
    fn check_reads_back(&self, text: &str, schedule: &Schedule) -> Result<(), StoreError> {
        let builtin;
        let (config, mode) = match &self.config {
            Some(c) => (c, Mode::default()),
            None => {
                builtin = Config::builtin().map_err(StoreError::Invalid)?;
                let mode = Mode {
                    any_category: true,
                    ..Mode::default()
                };
                (&builtin, mode)
            }
        };
        let problem = match parse_with(text, &self.name(), config, mode) {
            Ok(back) if back == *schedule => return Ok(()),
            Ok(back) => schedule
                .iter()
                .find(|p| back.get(&p.id) != Some(*p))
                .map_or_else(
                    || "the posts differ".to_string(),
                    |p| format!("post {} reads back differently", p.id),
                ),
            Err(d) => d.0.first().map_or_else(String::new, |d| d.message.clone()),
        };
        Err(StoreError::WouldNotLoad {
            path: self.name(),
            problem: shown_clipped(&problem, 200).into_owned(),
        })
    }
}

/// What kind of thing a path names, for a message.
fn file_kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Post;
    use atomic::lock_path;
    use chrono::NaiveDate;

    const ONE: &str = "version = 1\n\n[[post]]\nid = \"a1\"\ndate = 2026-11-23\ntime = 09:30:00\ncategory = \"everyday\"\ntitle = \"Packing orders\"\nstatus = \"planned\"\n";

    fn config() -> Config {
        Config::builtin().unwrap()
    }

    #[test]
    fn a_file_changed_on_disk_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        fs::write(&path, ONE).unwrap();
        let (mut schedule, mut store) = Store::open(&path, &config()).unwrap();
        fs::write(&path, ONE.replace("Packing", "Unpacking")).unwrap();
        schedule.remove("a1");
        assert!(matches!(
            store.save(&schedule),
            Err(StoreError::ChangedOnDisk { .. })
        ));
        assert!(fs::read_to_string(&path).unwrap().contains("Unpacking"));
        store.overwrite(&schedule).unwrap();
        assert!(
            fs::read_to_string(backup_path(&path))
                .unwrap()
                .contains("Unpacking")
        );
        assert!(
            fs::read_to_string(&path)
                .unwrap()
                .starts_with("version = 1\nidentifier = ")
        );
    }

    #[test]
    fn saving_keeps_the_previous_version_as_bak() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        fs::write(&path, ONE).unwrap();
        let (mut schedule, mut store) = Store::open(&path, &config()).unwrap();
        schedule.insert(Post::new(
            NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            "business",
            "new",
        ));
        store.save(&schedule).unwrap();
        assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), ONE);
        assert_eq!(fs::read_to_string(&path).unwrap(), to_toml(&schedule));
        // Saving again is fine: the store knows the file it wrote.
        store.save(&schedule).unwrap();
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(std::result::Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn a_new_schedule_in_a_missing_folder_makes_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data").join("mixcal").join("schedule.toml");
        let (s, mut store) = Store::open_or_new(&path, &config()).unwrap();
        store.save(&s).unwrap();
        assert!(
            fs::read_to_string(&path)
                .unwrap()
                .starts_with("version = 1\nidentifier = ")
        );
    }

    #[test]
    fn a_missing_file_is_new_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.toml");
        assert!(matches!(
            Store::open(&path, &config()),
            Err(StoreError::Missing { .. })
        ));
        let (s, mut store) = Store::open_or_new(&path, &config()).unwrap();
        assert!(s.is_empty());
        store.save(&s).unwrap();
        assert!(
            fs::read_to_string(&path)
                .unwrap()
                .starts_with("version = 1\nidentifier = ")
        );
        assert!(!backup_path(&path).exists());
    }

    fn post(date: &str, title: &str) -> Post {
        Post::new(
            NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            "everyday",
            title,
        )
    }

    #[test]
    fn two_saves_at_the_same_moment_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        fs::write(&path, "version = 1\n").unwrap();
        for round in 0..25 {
            let barrier = std::sync::Barrier::new(2);
            let results: Vec<(String, Result<(), StoreError>)> = std::thread::scope(|scope| {
                let handles: Vec<_> = ["a", "b"]
                    .into_iter()
                    .map(|side| {
                        let (path, barrier) = (&path, &barrier);
                        scope.spawn(move || {
                            let (mut schedule, mut store) = Store::open(path, &config()).unwrap();
                            let id = schedule.insert(post("2026-11-23", &format!("{side}{round}")));
                            barrier.wait();
                            (id, store.save(&schedule))
                        })
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap()).collect()
            });
            let (on_disk, _) = Store::open(&path, &config()).unwrap();
            let saved: Vec<_> = results.iter().filter(|(_, r)| r.is_ok()).collect();
            assert_eq!(
                saved.len(),
                1,
                "round {round}: exactly one save wins: {results:?}"
            );
            for (id, result) in &results {
                match result {
                    Ok(()) => assert!(
                        on_disk.contains_id(id),
                        "round {round}: a saved post is missing"
                    ),
                    Err(StoreError::ChangedOnDisk { .. }) => {}
                    Err(e) => panic!("round {round}: {e}"),
                }
            }
        }
        assert!(!lock_path(&path).exists());
    }

    #[test]
    fn what_would_not_load_back_is_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        fs::write(&path, ONE).unwrap();
        let (mut schedule, mut store) = Store::open(&path, &config()).unwrap();
        schedule.insert(post("2026-11-24", "fine"));
        let mut past = post("9999-12-31", "New year's eve");
        past.date = past.date.and_then(|d| d.succ_opt());
        schedule.insert(past);
        let e = store.save(&schedule).unwrap_err();
        assert!(matches!(e, StoreError::OutOfRange { .. }), "{e}");
        assert!(
            e.to_string()
                .contains("+10000-01-01, which is out of range"),
            "{e}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), ONE);
        // A category the config does not know would not load either.
        let (mut schedule, mut store) = Store::open(&path, &config()).unwrap();
        schedule.insert(Post::new(
            NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            "nope",
            "t",
        ));
        let e = store.save(&schedule).unwrap_err();
        assert!(matches!(e, StoreError::WouldNotLoad { .. }), "{e}");
        assert!(e.to_string().contains("unknown category `nope`"), "{e}");
        assert_eq!(fs::read_to_string(&path).unwrap(), ONE);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_schedule_stays_a_link_to_its_saved_target() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sync")).unwrap();
        let real = dir.path().join("sync").join("plan.toml");
        fs::write(&real, ONE).unwrap();
        let link = dir.path().join("s.toml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let (mut schedule, mut store) = Store::open(&link, &config()).unwrap();
        schedule.insert(post("2026-11-24", "through the link"));
        store.save(&schedule).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(
            fs::read_to_string(&real)
                .unwrap()
                .contains("through the link")
        );
        assert_eq!(fs::read_to_string(backup_path(&real)).unwrap(), ONE);
        assert!(
            !backup_path(&link).exists(),
            "the backup is beside the target"
        );
        // Saving again knows the file it wrote.
        store.save(&schedule).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_schedule_is_refused_unless_the_user_says_so() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        fs::write(&path, ONE).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o440)).unwrap();
        let (mut schedule, mut store) = Store::open(&path, &config()).unwrap();
        schedule.insert(post("2026-11-24", "new"));
        let e = store.save(&schedule).unwrap_err();
        assert!(e.is_read_only(), "{e}");
        assert!(
            e.to_string().contains("s.toml is read-only; not saved"),
            "{e}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), ONE);
        store.allow_read_only();
        store.save(&schedule).unwrap();
        assert!(fs::read_to_string(&path).unwrap().contains("new"));
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o440
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &path,
            rustix::fs::Mode::from_raw_mode(0o600),
        )
        .unwrap();
        let e = Store::open(&path, &config()).unwrap_err();
        assert!(
            e.to_string()
                .contains("is a named pipe (FIFO), not a regular file"),
            "{e}"
        );
        let e = Store::open(dir.path(), &config()).unwrap_err();
        assert!(
            e.to_string().contains("is a folder, not a regular file"),
            "{e}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_save_removes_what_interrupted_saves_left_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        fs::write(&path, ONE).unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        fs::write(
            dir.path().join(format!(".mixcal-{dead}-x1y2z3.tmp")),
            "half",
        )
        .unwrap();
        fs::write(lock_path(&path), format!("{dead}\n")).unwrap();
        let (mut schedule, mut store) = Store::open(&path, &config()).unwrap();
        schedule.insert(post("2026-11-24", "new"));
        store.save(&schedule).unwrap();
        let notes = store.take_notes();
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].contains(&format!("process {dead}")), "{notes:?}");
        assert_eq!(
            notes[1],
            "removed 1 temporary file (4 bytes) left by interrupted saves"
        );
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["s.toml", "s.toml.bak"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_schedule_gets_the_mode_the_umask_allows() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.toml");
        let (s, mut store) = Store::open_or_new(&path, &config()).unwrap();
        store.save(&s).unwrap();
        // Found the way a new file is made, so the test holds whatever the umask.
        let probe = dir.path().join("probe");
        fs::File::create(&probe).unwrap();
        let expected = fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            expected
        );
    }
}
