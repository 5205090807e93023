//! Writing a file so that a crash, a full disk or a second writer never leaves it
//! half written, and the file keeps its nature: a symbolic link stays a link to
//! the same file, the owner, group and mode stay as they were, and a new file
//! gets the mode the umask allows.
//!
//! Every temporary file is named `.mixcal-<pid>-<random>.tmp` (a backup's
//! `.bak.tmp`) in the folder of the file it replaces, so a later save can tell
//! which ones were left by a process that is gone and remove them.
//!
//! Saves of one file are serialised by a lock file beside it, `<file>.lock`, made
//! the way git makes `index.lock`: created exclusively, holding the saver's
//! process id, removed when the save is done. The saver also holds an advisory
//! lock (`flock`) on it, which the system drops when the process dies, so a lock
//! left by a crash is told apart from one in use, whatever became of its pid.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// Why a file cannot be written the way mixcal writes it.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("is {kind}, not a regular file")]
    NotAFile { kind: &'static str },
    #[error("has {links} hard links; replacing it would cut it off from the others")]
    HardLinked { links: u64 },
    #[error("is read-only")]
    ReadOnly,
    #[error("belongs to user {owner}; saving it as another user would take it from them")]
    NotOwner { owner: u32 },
    #[error("is being saved by another mixcal{}", match .pid { Some(p) => format!(" (process {p})"), None => String::new() })]
    Locked { pid: Option<u32>, lock: PathBuf },
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl Refusal {
    /// What the user can do about it.
    pub(crate) fn help(&self) -> Option<String> {
        Some(match self {
            Refusal::NotAFile { .. } => {
                "a schedule is a plain text file: give the path of one with --file".into()
            }
            Refusal::HardLinked { .. } => "mixcal replaces a file when it saves, which would split the hard links; give the file a name of its own (`cp F F.new && mv F.new F`) or use a symbolic link instead".into(),
            Refusal::ReadOnly => "make it writable (`chmod u+w`) to save to it, or save under another name".into(),
            Refusal::NotOwner { .. } => "save it as its owner, or copy it to a file of your own".into(),
            Refusal::Locked { lock, .. } => format!(
                "wait for the other save to finish and try again; if no mixcal is running, remove {}",
                lock.display()
            ),
            Refusal::Io(_) => return None,
        })
    }
}

/// What a save tidied up beside the file, for the user to hear about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Tidied {
    /// A lock left by a process that is gone, with its pid when it was written.
    pub(crate) stale_lock: Option<Option<u32>>,
    /// Temporary files of interrupted saves that were removed.
    pub(crate) leftovers: usize,
    /// Their size in bytes.
    pub(crate) leftover_bytes: u64,
}

impl Tidied {
    /// One sentence per thing tidied.
    pub(super) fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some(pid) = self.stale_lock {
            notes.push(match pid {
                Some(pid) => format!(
                    "removed a lock left by an interrupted save (process {pid}, no longer running)"
                ),
                None => "removed a lock left by an interrupted save".into(),
            });
        }
        if self.leftovers > 0 {
            notes.push(format!(
                "removed {} temporary file{} ({}) left by interrupted saves",
                self.leftovers,
                if self.leftovers == 1 { "" } else { "s" },
                size(self.leftover_bytes)
            ));
        }
        notes
    }
}

/// `744 MB`, `12 kB`, `300 bytes`.
fn size(bytes: u64) -> String {
    const K: u64 = 1000;
    match bytes {
        b if b >= K * K * K => format!("{:.1} GB", b as f64 / (K * K * K) as f64),
        b if b >= K * K => format!("{} MB", b.div_ceil(K * K)),
        b if b >= K => format!("{} kB", b.div_ceil(K)),
        b => format!("{b} bytes"),
    }
}

/// The path of the backup kept beside a saved file.
pub fn backup_path(path: &Path) -> PathBuf {
    with_suffix(path, ".bak")
}

/// The lock file beside `path`.
pub(crate) fn lock_path(path: &Path) -> PathBuf {
    with_suffix(path, ".lock")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// The folder a file is in; `.` for a bare file name.
pub(crate) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The file a path finally names, following symbolic links (also to a file that
/// does not exist yet). Saving writes there, so a link stays a link.
pub(crate) fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    // As many hops as the system allows (Linux: 40) before it says ELOOP.
    for _ in 0..40 {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&path)?;
                path = folder_of(&path).join(target);
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::other(
        "too many symbolic links in a row (a loop?)",
    ))
}

/// Whether two paths name one file, however spelt: relative or absolute, through
/// symbolic links or `..`, or as two hard links of one file. A file that does not
/// exist yet is the same as another path to it when their folders are the same.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    if let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) {
        return same_inode(&ma, &mb);
    }
    let real = |p: &Path| -> Option<PathBuf> {
        let p = resolve_links(p).ok()?;
        Some(folder_of(&p).canonicalize().ok()?.join(p.file_name()?))
    };
    matches!((real(a), real(b)), (Some(a), Some(b)) if a == b)
}

#[cfg(unix)]
fn same_inode(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_inode(_a: &Metadata, _b: &Metadata) -> bool {
    false
}

/// The file a save is about to replace, found and checked.
#[derive(Debug)]
pub(super) struct Target {
    /// Where the bytes go: the path with its symbolic links followed.
    path: PathBuf,
    /// The file as it is now; `None` when it does not exist yet.
    meta: Option<Metadata>,
}

impl Target {
    /// Finds the file `path` names and refuses what must not be replaced: anything
    /// that is not a regular file, a file with other hard links, a read-only file
    /// (unless `read_only_ok`), and someone else's file that could not be given
    /// back to them.
    pub(super) fn inspect(path: &Path, read_only_ok: bool) -> Result<Target, Refusal> {
        let path = resolve_links(path)?;
        let meta = match fs::metadata(&path) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e.into()),
        };
        if let Some(m) = &meta {
            check_nature(m, read_only_ok)?;
        }
        Ok(Target { path, meta })
    }

    /// Replaces the file with `bytes`: a temporary file in the same folder takes
    /// the old file's owner, group and mode (a new file: what the umask allows),
    /// is flushed and synced, then renamed over it; the folder is synced last.
    /// With `backup`, the previous content is kept as `<file>.bak` first.
    pub(super) fn replace(&self, bytes: &[u8], backup: bool) -> Result<(), Refusal> {
        let dir = folder_of(&self.path);
        let mut tmp = Temp::create(dir, "tmp")?;
        tmp.file.write_all(bytes)?;
        if let Some(meta) = &self.meta {
            keep_nature(&tmp.file, meta)?;
        }
        tmp.file.sync_all()?;
        if backup && let Some(meta) = &self.meta {
            let mut bak = Temp::create(dir, "bak.tmp")?;
            let mut old = File::open(&self.path)?;
            io::copy(&mut old, &mut bak.file)?;
            keep_nature(&bak.file, meta)?;
            bak.file.sync_all()?;
            bak.persist(&backup_path(&self.path))?;
        }
        tmp.persist(&self.path)?;
        sync_dir(dir)?;
        Ok(())
    }
}

#[cfg(unix)]
fn check_nature(meta: &Metadata, read_only_ok: bool) -> Result<(), Refusal> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let t = meta.file_type();
    let kind = if t.is_dir() {
        Some("a folder")
    } else if t.is_fifo() {
        Some("a named pipe (FIFO)")
    } else if t.is_socket() {
        Some("a socket")
    } else if t.is_char_device() || t.is_block_device() {
        Some("a device")
    } else if !t.is_file() {
        Some("not a file")
    } else {
        None
    };
    if let Some(kind) = kind {
        return Err(Refusal::NotAFile { kind });
    }
    if meta.nlink() > 1 {
        return Err(Refusal::HardLinked {
            links: meta.nlink(),
        });
    }
    if meta.mode() & 0o222 == 0 && !read_only_ok {
        return Err(Refusal::ReadOnly);
    }
    let me = rustix::process::geteuid();
    if !me.is_root() && meta.uid() != me.as_raw() {
        return Err(Refusal::NotOwner { owner: meta.uid() });
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_nature(meta: &Metadata, read_only_ok: bool) -> Result<(), Refusal> {
    if !meta.is_file() {
        return Err(Refusal::NotAFile { kind: "not a file" });
    }
    if meta.permissions().readonly() && !read_only_ok {
        return Err(Refusal::ReadOnly);
    }
    Ok(())
}

/// Gives a new file the owner, group and mode of the one it replaces. Run as root,
/// the owner is given back; anyone else owns the files they save (others' files
/// were refused before).
#[cfg(unix)]
fn keep_nature(file: &File, meta: &Metadata) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let now = file.metadata()?;
    if (now.uid(), now.gid()) != (meta.uid(), meta.gid()) {
        let owner = (now.uid() != meta.uid()).then_some(meta.uid());
        // Another group is given only to a member of it, or by root; a save by
        // anyone else keeps the group of the folder.
        match std::os::unix::fs::fchown(file, owner, Some(meta.gid())) {
            Ok(()) => {}
            Err(_) if owner.is_none() => {}
            Err(e) => return Err(e),
        }
    }
    file.set_permissions(fs::Permissions::from_mode(meta.mode() & 0o7777))
}

#[cfg(not(unix))]
fn keep_nature(file: &File, meta: &Metadata) -> io::Result<()> {
    file.set_permissions(meta.permissions())
}

/// A temporary file named for this process; removed again unless persisted.
struct Temp {
    path: PathBuf,
    file: File,
    kept: bool,
}

/// The start of every temporary file's name.
const TEMP_PREFIX: &str = ".mixcal-";

impl Temp {
    fn create(dir: &Path, suffix: &str) -> io::Result<Temp> {
        let pid = std::process::id();
        loop {
            let tag: String = std::iter::repeat_with(fastrand::alphanumeric)
                .take(6)
                .collect();
            let path = dir.join(format!("{TEMP_PREFIX}{pid}-{tag}.{suffix}"));
            let mut options = OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                // The system takes the umask off, as for any new file.
                options.mode(0o666);
            }
            match options.open(&path) {
                Ok(file) => {
                    return Ok(Temp {
                        path,
                        file,
                        kept: false,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Renames the file over `to`.
    fn persist(mut self, to: &Path) -> io::Result<()> {
        fs::rename(&self.path, to)?;
        self.kept = true;
        Ok(())
    }

    /// Links the file in as `to`, which must not exist yet.
    fn persist_new(mut self, to: &Path) -> io::Result<()> {
        fs::hard_link(&self.path, to)?;
        let _ = fs::remove_file(&self.path);
        self.kept = true;
        Ok(())
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.kept {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Writes a file atomically (see [`Target::replace`]). A file that is not a regular
/// file, such as `/dev/null` or a named pipe, is written straight into. With
/// `backup`, the previous content is kept as `<file>.bak`.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], backup: bool) -> io::Result<()> {
    let real = resolve_links(path)?;
    if let Ok(meta) = fs::metadata(&real)
        && !meta.is_file()
    {
        if meta.is_dir() {
            return Err(io::Error::new(io::ErrorKind::IsADirectory, "is a folder"));
        }
        return OpenOptions::new().write(true).open(&real)?.write_all(bytes);
    }
    let target = Target {
        meta: fs::metadata(&real).ok(),
        path: real,
    };
    target.replace(bytes, backup).map_err(|e| match e {
        Refusal::Io(e) => e,
        other => io::Error::other(other.to_string()),
    })
}

/// Writes a new file atomically, never replacing one: `Ok(false)` when `path`
/// exists already.
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    let dir = folder_of(path);
    let mut tmp = Temp::create(dir, "tmp")?;
    tmp.file.write_all(bytes)?;
    tmp.file.sync_all()?;
    match tmp.persist_new(path) {
        Ok(()) => {
            sync_dir(dir)?;
            Ok(true)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Whether the process `pid` is running. Unknown counts as running, so nothing of
/// a live process is ever removed.
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    !matches!(
        rustix::process::test_kill_process(pid),
        Err(rustix::io::Errno::SRCH)
    )
}

#[cfg(not(unix))]
fn alive(_pid: u32) -> bool {
    true
}

/// Temporary files from versions that did not name their process: removed once
/// they are this old, when no save can still be writing them.
const UNNAMED_TEMP_AGE: Duration = Duration::from_secs(10 * 60);

/// Removes the temporary files in `dir` that interrupted saves left behind: those
/// named for a process that is gone. Files of running processes are kept.
pub(super) fn remove_leftovers(dir: &Path, tidied: &mut Tidied) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name
            .to_str()
            .and_then(|n| n.strip_prefix(TEMP_PREFIX))
            .filter(|n| n.ends_with(".tmp"))
        else {
            continue;
        };
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let stale = match rest.split_once('-').map(|(pid, _)| pid.parse::<u32>()) {
            Some(Ok(pid)) => !alive(pid),
            // `.mixcal-XXXXXX.tmp`, from before temporary files named their process.
            _ => meta
                .modified()
                .ok()
                .and_then(|m| SystemTime::now().duration_since(m).ok())
                .is_some_and(|age| age > UNNAMED_TEMP_AGE),
        };
        if stale && fs::remove_file(entry.path()).is_ok() {
            tidied.leftovers += 1;
            tidied.leftover_bytes += meta.len();
        }
    }
}

/// The lock beside a file, held while it is checked and saved; removed on drop.
#[derive(Debug)]
pub(super) struct Lock {
    path: PathBuf,
    _file: File,
}

/// How long a save waits for another one to finish before giving up.
pub(super) const LOCK_WAIT: Duration = Duration::from_secs(5);

impl Lock {
    /// Takes the lock beside `target`, waiting up to `wait` for another save to
    /// finish. A lock left by a process that is gone is removed and noted in
    /// `tidied`.
    pub(super) fn acquire(
        target: &Path,
        wait: Duration,
        tidied: &mut Tidied,
    ) -> Result<Lock, Refusal> {
        let path = lock_path(target);
        let start = Instant::now();
        loop {
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    // Locked before the pid is written: a lock with a pid in it
                    // whose flock is free belongs to a process that is gone. (One
                    // looking at the new file holds its flock only for a moment.)
                    let _ = file.lock();
                    writeln!(file, "{}", std::process::id())?;
                    return Ok(Lock { path, _file: file });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e.into()),
            }
            let holder = match Holder::look(&path) {
                Ok(h) => h,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e.into()),
            };
            if holder.stale {
                // Only a process holding the stale file's flock gets here, and the
                // path still names that file: removing it removes no one else's.
                if holder.still_at(&path) {
                    fs::remove_file(&path)?;
                    tidied.stale_lock = Some(holder.pid);
                }
                continue;
            }
            if start.elapsed() >= wait {
                return Err(Refusal::Locked {
                    pid: holder.pid,
                    lock: path,
                });
            }
            drop(holder);
            std::thread::sleep(Duration::from_millis(10 + fastrand::u64(0..20)));
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while its flock is still held, so no one takes it for stale.
        let _ = fs::remove_file(&self.path);
    }
}

/// What an existing lock file says about its holder.
struct Holder {
    file: File,
    pid: Option<u32>,
    stale: bool,
}

impl Holder {
    fn look(path: &Path) -> io::Result<Holder> {
        let mut file = File::open(path)?;
        let free = match file.try_lock() {
            Ok(()) => Some(true),
            Err(fs::TryLockError::WouldBlock) => Some(false),
            // A file system without flock: the pid alone decides.
            Err(fs::TryLockError::Error(_)) => None,
        };
        let mut text = String::new();
        let _ = Read::by_ref(&mut file).take(64).read_to_string(&mut text);
        let pid = text.trim().parse::<u32>().ok();
        let old = file
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|m| SystemTime::now().duration_since(m).ok())
            .is_some_and(|age| age > Duration::from_secs(2));
        let stale = match (free, pid) {
            (Some(true), Some(_)) => true,
            // No pid in it yet (created but not yet written), free or on a file
            // system without flock: give its maker a moment.
            (Some(true) | None, None) => old,
            (Some(false), _) => false,
            (None, Some(pid)) => !alive(pid),
        };
        Ok(Holder { file, pid, stale })
    }

    /// Whether `path` still names the file looked at.
    fn still_at(&self, path: &Path) -> bool {
        match (self.file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => same_inode(&a, &b) || cfg!(not(unix)),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size(300), "300 bytes");
        assert_eq!(size(12_345), "13 kB");
        assert_eq!(size(744_000_000), "744 MB");
    }

    #[test]
    fn a_lock_is_exclusive_and_removed_after() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.toml");
        let mut tidied = Tidied::default();
        let lock = Lock::acquire(&file, LOCK_WAIT, &mut tidied).unwrap();
        assert!(lock_path(&file).exists());
        let second = Lock::acquire(&file, Duration::from_millis(50), &mut tidied);
        assert!(
            matches!(second, Err(Refusal::Locked { pid: Some(p), .. }) if p == std::process::id()),
            "{second:?}"
        );
        drop(lock);
        assert!(!lock_path(&file).exists());
        assert_eq!(tidied, Tidied::default());
    }

    #[test]
    fn a_lock_left_by_a_dead_process_is_taken_over_and_said() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.toml");
        let dead = dead_pid();
        fs::write(lock_path(&file), format!("{dead}\n")).unwrap();
        let mut tidied = Tidied::default();
        let lock = Lock::acquire(&file, LOCK_WAIT, &mut tidied).unwrap();
        assert_eq!(tidied.stale_lock, Some(Some(dead)));
        assert!(tidied.notes()[0].contains(&format!("process {dead}")));
        drop(lock);
    }

    #[test]
    fn temporary_files_of_gone_processes_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dead_pid();
        let gone = dir.path().join(format!(".mixcal-{dead}-abcdef.tmp"));
        let gone_bak = dir.path().join(format!(".mixcal-{dead}-abcdef.bak.tmp"));
        let mine = dir
            .path()
            .join(format!(".mixcal-{}-abcdef.tmp", std::process::id()));
        let other = dir.path().join(".other.tmp");
        let fresh_unnamed = dir.path().join(".mixcal-Ab12Cd.tmp");
        for (p, n) in [
            (&gone, 1000),
            (&gone_bak, 24),
            (&mine, 1),
            (&other, 1),
            (&fresh_unnamed, 1),
        ] {
            fs::write(p, vec![b'x'; n]).unwrap();
        }
        let mut tidied = Tidied::default();
        remove_leftovers(dir.path(), &mut tidied);
        assert!(!gone.exists() && !gone_bak.exists());
        assert!(mine.exists() && other.exists() && fresh_unnamed.exists());
        assert_eq!((tidied.leftovers, tidied.leftover_bytes), (2, 1024));
        assert_eq!(
            tidied.notes(),
            ["removed 2 temporary files (2 kB) left by interrupted saves"]
        );
    }

    #[test]
    fn a_new_file_is_never_replaced_by_write_new() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        assert!(write_new(&path, b"one").unwrap());
        assert!(!write_new(&path, b"two").unwrap());
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        fs::create_dir(&real).unwrap();
        fs::write(real.join("s.toml"), "old").unwrap();
        let link = dir.path().join("s.toml");
        std::os::unix::fs::symlink("real/s.toml", &link).unwrap();
        write_atomic(&link, b"new", true).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(real.join("s.toml")).unwrap(), b"new");
        assert_eq!(fs::read(real.join("s.toml.bak")).unwrap(), b"old");
        assert!(same_file(&link, &real.join("s.toml")));
    }

    #[cfg(unix)]
    #[test]
    fn special_files_hard_links_and_read_only_files_are_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            Target::inspect(dir.path(), false),
            Err(Refusal::NotAFile { kind: "a folder" })
        ));
        let file = dir.path().join("s.toml");
        fs::write(&file, "x").unwrap();
        fs::hard_link(&file, dir.path().join("twin.toml")).unwrap();
        assert!(matches!(
            Target::inspect(&file, false),
            Err(Refusal::HardLinked { links: 2 })
        ));
        assert!(same_file(&file, &dir.path().join("twin.toml")));
        fs::remove_file(dir.path().join("twin.toml")).unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).unwrap();
        assert!(matches!(
            Target::inspect(&file, false),
            Err(Refusal::ReadOnly)
        ));
        let target = Target::inspect(&file, true).unwrap();
        target.replace(b"y", false).unwrap();
        let mode = fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o444, "the mode is kept");
    }

    /// The pid of a process that has ended.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }
}
