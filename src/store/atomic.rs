//! Writing a file so that a crash or a full disk never leaves it half written.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The path of the backup kept beside a saved file.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes a file atomically: a temporary file in the same folder, flushed and
/// synced, renamed over the target, then the folder synced. With `backup`, the
/// previous content is kept as `<file>.bak` first.
pub fn write_atomic(path: &Path, bytes: &[u8], backup: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let previous = fs::metadata(path).ok();
    let mut tmp = tempfile::Builder::new()
        .prefix(".mixcal-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    match &previous {
        Some(meta) => fs::set_permissions(tmp.path(), meta.permissions())?,
        None => set_default_permissions(tmp.path())?,
    }
    if backup && previous.is_some() {
        let old = fs::read(path)?;
        let mut bak = tempfile::Builder::new()
            .prefix(".mixcal-")
            .suffix(".bak.tmp")
            .tempfile_in(&dir)?;
        bak.write_all(&old)?;
        bak.as_file().sync_all()?;
        if let Some(meta) = &previous {
            fs::set_permissions(bak.path(), meta.permissions())?;
        }
        bak.persist(backup_path(path)).map_err(|e| e.error)?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(&dir)
}

#[cfg(unix)]
fn set_default_permissions(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_default_permissions(_path: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}
