//! Opening the files vetdesk reads (evidence, resumes, reference lists, the config file) so that a hostile
//! path cannot hang or exhaust it.
//!
//! A named pipe blocks `open(2)` until a writer appears, `/dev/zero` never ends, and a folder is not a
//! file: each is refused before it is opened, from the path's metadata. The open itself is non-blocking,
//! and the handle's own `fstat` must show the same regular file (device and inode) the path showed, which
//! closes the window in which the path could be swapped between the check and the open. Reads of whole
//! files are bounded.

use std::fs::{File, Metadata};
use std::io::Read;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;

use crate::{Error, Result};

/// Opens `path` for reading if it is a regular file (symbolic links followed), without ever blocking.
/// Returns the handle and the handle's own metadata.
pub fn open_regular(path: &Path) -> Result<(File, Metadata)> {
    let before = regular_metadata(path)?;
    let file = std::fs::OpenOptions::new()
        .read(true)
        // A regular file ignores O_NONBLOCK; anything else swapped in after the check cannot block the open.
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| io_error(path, e))?;
    let meta = file.metadata().map_err(|e| io_error(path, e))?;
    if let Some(kind) = not_regular(&meta) {
        return Err(Error::NotRegular { path: path.to_path_buf(), kind });
    }
    if (meta.dev(), meta.ino()) != (before.dev(), before.ino()) {
        return Err(Error::Unsteady { path: path.to_path_buf() });
    }
    Ok((file, meta))
}

/// The metadata of `path` (symbolic links followed) if it is a regular file; never opens it.
pub fn regular_metadata(path: &Path) -> Result<Metadata> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
    match not_regular(&meta) {
        Some(kind) => Err(Error::NotRegular { path: path.to_path_buf(), kind }),
        None => Ok(meta),
    }
}

/// The whole file at `path`, refusing one over `max` bytes without reading it; `too_big` says why in the
/// caller's words (a reason following the path).
pub fn read_bounded(path: &Path, max: u64, too_big: &dyn Fn() -> String) -> Result<Vec<u8>> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > max {
        return Err(Error::file(path, too_big()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max + 1).read_to_end(&mut bytes).map_err(|e| io_error(path, e))?;
    // It may have grown since the size check.
    if bytes.len() as u64 > max {
        return Err(Error::file(path, too_big()));
    }
    Ok(bytes)
}

/// What a non-regular file is, in a user's words; `None` for a regular file.
fn not_regular(meta: &Metadata) -> Option<&'static str> {
    kind_of(&meta.file_type())
}

/// Why `path` names no file though something is there: it is, or a folder above it is, a symbolic link to
/// a missing file (at the end of a chain of links, the missing one is named), or one in a loop of links.
/// `None` when it resolves, or when nothing is there at all.
pub fn unresolved_link(path: &Path) -> Option<String> {
    path.ancestors().filter(|p| !p.as_os_str().is_empty()).find_map(|p| {
        let reason = broken_link(p)?;
        Some(if p == path { reason } else { format!("is in {}, which {reason}", crate::text::display_path(p)) })
    })
}

/// Why the symbolic link at `path` leads nowhere, or `None` when it is no link or resolves.
fn broken_link(path: &Path) -> Option<String> {
    std::fs::symlink_metadata(path).ok().filter(|m| m.file_type().is_symlink())?;
    match std::fs::metadata(path) {
        Ok(_) => None,
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Some("is a symbolic link in a loop of links".into()),
        Err(_) => {
            // Follow the chain to the name that is missing.
            let mut at = path.to_path_buf();
            for _ in 0..40 {
                let Ok(next) = std::fs::read_link(&at) else { break };
                at = at.parent().map_or_else(|| next.clone(), |dir| dir.join(&next));
                if std::fs::symlink_metadata(&at).is_err() {
                    return Some(format!(
                        "is a symbolic link to {}, which does not exist",
                        crate::text::display_path(&at)
                    ));
                }
            }
            Some("is a symbolic link to a file that does not exist".into())
        }
    }
}

/// What a file of type `t` is when it is not a regular file, in a user's words; `None` for a regular
/// file. The one wording for every refusal (evidence, lists, config, the workspace, export targets).
pub fn kind_of(t: &std::fs::FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;

    if t.is_file() {
        None
    } else if t.is_symlink() {
        Some("a symbolic link")
    } else if t.is_dir() {
        Some("a folder")
    } else if t.is_fifo() {
        Some("a named pipe (FIFO)")
    } else if t.is_char_device() {
        Some("a character device")
    } else if t.is_block_device() {
        Some("a block device")
    } else if t.is_socket() {
        Some("a socket")
    } else {
        Some("an unusual kind of file")
    }
}

/// An I/O error on `path` as one line a user can act on.
pub fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::file(path, io_reason(&e))
}

/// Why a file could not be read, in the words of vetdesk's other messages rather than the system's
/// ("no such file", not "No such file or directory (os error 2)").
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "cannot be read (permission denied)".into(),
        std::io::ErrorKind::IsADirectory => "is a folder".into(),
        _ => e.to_string(),
    }
}

/// Creates a new file only its owner can read and write (exports, bundles, placed evidence); fails if
/// something is already at `path`.
pub fn create_private(path: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn reason(path: &Path) -> String {
        open_regular(path).unwrap_err().to_string()
    }

    #[test]
    fn regular_files_open_and_report_their_metadata() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"abc").unwrap();
        let (mut file, meta) = open_regular(&path).unwrap();
        assert_eq!(meta.len(), 3);
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        assert_eq!(text, "abc");
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        assert_eq!(read_bounded(&link, 3, &|| "too big".into()).unwrap(), b"abc");
    }

    #[test]
    fn folders_devices_and_pipes_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        assert!(reason(dir.path()).ends_with("is a folder, not a regular file"), "{}", reason(dir.path()));
        assert!(reason(Path::new("/dev/zero")).ends_with("/dev/zero: is a character device, not a regular file"));
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        let started = Instant::now();
        assert!(reason(&fifo).ends_with("pipe: is a named pipe (FIFO), not a regular file"), "{}", reason(&fifo));
        assert!(read_bounded(&fifo, 10, &|| "too big".into()).is_err());
        assert!(started.elapsed() < Duration::from_secs(2));
        let link = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(reason(&link).ends_with("is a character device, not a regular file"));
        assert!(reason(&dir.path().join("gone")).ends_with("gone: no such file"));
    }

    #[test]
    fn reads_are_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, b"0123456789").unwrap();
        let err = read_bounded(&path, 9, &|| "is over 9 bytes".into()).unwrap_err().to_string();
        assert!(err.ends_with("big.txt: is over 9 bytes"), "{err}");
        assert_eq!(read_bounded(&path, 10, &|| "is over 10 bytes".into()).unwrap().len(), 10);
    }
}
