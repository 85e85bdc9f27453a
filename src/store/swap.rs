//! Putting a verified copy of a workspace in its place (`vetdesk encrypt`, `vetdesk decrypt`) so that at
//! every instant the workspace's path holds a readable workspace, and finishing a swap a crash stopped.
//!
//! The copy is written to `NAME.encrypting` (or `NAME.decrypting`) beside the workspace. The original
//! gets a second name, `NAME.plain-old` (or `NAME.encrypted-old`), the copy is renamed over `NAME` in one
//! step, and the old file's bytes are then overwritten with zeros and it is deleted.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use rustix::fs::FlockOperation;

use crate::text::display_path;

/// Which way a workspace is being converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Encrypt,
    Decrypt,
}

impl Direction {
    /// The copy being written and checked.
    pub fn copy_path(self, path: &Path) -> PathBuf {
        suffixed(path, if self == Direction::Encrypt { ".encrypting" } else { ".decrypting" })
    }

    /// The second name the original has between the swap and its removal.
    pub fn old_path(self, path: &Path) -> PathBuf {
        suffixed(path, if self == Direction::Encrypt { ".plain-old" } else { ".encrypted-old" })
    }

    pub(crate) fn command(self) -> &'static str {
        if self == Direction::Encrypt { "vetdesk encrypt" } else { "vetdesk decrypt" }
    }

    fn old_kind(self) -> &'static str {
        if self == Direction::Encrypt { "plain" } else { "encrypted" }
    }
}

fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn folder(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

fn sync_folder(path: &Path) -> std::io::Result<()> {
    std::fs::File::open(folder(path))?.sync_all()
}

/// What a running `encrypt` or `decrypt` holds so that no other vetdesk takes its copy, or its old file,
/// for one an interrupted run left: an exclusive `flock` on the workspace file and, once made, on the
/// copy (which the swap makes the workspace). [`recover`] asks for a shared one first, without waiting.
/// SQLite's own locks are `fcntl` locks, which these neither take nor release.
///
/// Closing any descriptor of a file drops the `fcntl` locks the process holds on it, SQLite's included:
/// drop a `Hold` only once the workspace's connection is closed.
#[derive(Debug)]
pub struct Hold {
    files: Vec<File>,
}

impl Hold {
    /// Holds the workspace at `path`, waiting up to ten seconds for another process's [`recover`] (a
    /// moment) or conversion (refused when it takes longer) to finish.
    pub fn take(path: &Path) -> std::io::Result<Hold> {
        let file = open_to_lock(path)?;
        let started = std::time::Instant::now();
        loop {
            match flock(&file, FlockOperation::NonBlockingLockExclusive) {
                Err(e) if e.raw_os_error() == Some(libc::EWOULDBLOCK) => {
                    if started.elapsed() > std::time::Duration::from_secs(10) {
                        return Err(std::io::Error::other("another vetdesk is encrypting or decrypting it"));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                done => return done.map(|()| Hold { files: vec![file] }),
            }
        }
    }

    /// Makes the empty file the copy is written into (mode 0600, after removing what an interrupted run
    /// left there), and holds it too.
    pub fn create_copy(&mut self, direction: Direction, copy: &Path) -> std::io::Result<()> {
        remove_copy(direction, copy);
        let file = OpenOptions::new().write(true).create_new(true).mode(0o600).open(copy)?;
        flock(&file, FlockOperation::NonBlockingLockExclusive)?;
        self.files.push(file);
        Ok(())
    }
}

/// Opens a file only to lock it: never a FIFO's wait, and read-only.
fn open_to_lock(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

fn flock(file: &File, how: FlockOperation) -> std::io::Result<()> {
    Ok(rustix::fs::flock(file, how)?)
}

/// Removes a copy and its journal files; what is not there is fine. A plain copy (`decrypt`'s) is
/// overwritten with zeros first, as the plain original is after a swap.
pub fn remove_copy(direction: Direction, copy: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let file = suffixed(copy, suffix);
        let plain = direction == Direction::Decrypt && std::fs::symlink_metadata(&file).is_ok_and(|m| m.is_file());
        if plain && shred(&file).is_ok() {
            continue;
        }
        let _ = std::fs::remove_file(file);
    }
}

/// Puts the checked `copy` in place of the workspace at `path`: the original is linked as `old`, the copy
/// renamed over `path` (atomic), then `old` is overwritten with zeros and deleted. A failure before the
/// rename leaves the original in place; after it, the copy is the workspace and [`recover`] finishes off
/// `old` the next time.
pub fn swap_in(path: &Path, copy: &Path, old: &Path) -> std::io::Result<()> {
    OpenOptions::new().read(true).open(copy)?.sync_all()?;
    std::fs::hard_link(path, old)?;
    std::fs::rename(copy, path)?;
    sync_folder(path)?;
    shred(old)
}

/// Overwrites the bytes of the file at `path` with zeros, flushes them to the disk, and deletes it. Zeros
/// reach every name the file has: a plain copy linked elsewhere is zeroed there too, and a workspace with
/// other names (a hard-linked backup) is never converted (see `Workspace::convert`).
pub fn shred(path: &Path) -> std::io::Result<()> {
    let mut file = OpenOptions::new().write(true).open(path)?;
    let len = file.metadata()?.len();
    let zeros = vec![0u8; 1 << 16];
    let mut left = len;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        file.write_all(&zeros[..n])?;
        left -= n as u64;
    }
    file.sync_all()?;
    drop(file);
    std::fs::remove_file(path)?;
    sync_folder(path)
}

/// Whether an `encrypt` or `decrypt` holds the workspace at `path` now (see [`Hold`]). Opens and closes
/// the file: ask it only when this process holds no SQLite connection to it.
pub fn converting(path: &Path) -> bool {
    let Ok(file) = open_to_lock(path) else { return false };
    flock(&file, FlockOperation::NonBlockingLockShared).is_err_and(|e| e.raw_os_error() == Some(libc::EWOULDBLOCK))
}

/// Finishes what an interrupted `vetdesk encrypt` or `decrypt` left beside the workspace at `path`, and
/// says what it did, one line each: an old file is overwritten and deleted once the workspace is the
/// new one (a second name of the workspace itself is only unlinked); a half-written copy is removed.
/// `Err` (saying why) when an `encrypt` or `decrypt` is running on the workspace: what it left is not
/// left over, and nothing is touched.
///
/// Call it before the process opens the workspace in SQLite (see [`Hold`]).
pub fn recover(path: &Path) -> Result<Vec<String>, String> {
    // Held while recovering, so that a conversion starting meanwhile waits for it (see `Hold::take`).
    let _shared = match open_to_lock(path) {
        Ok(file) => match flock(&file, FlockOperation::NonBlockingLockShared) {
            Ok(()) => Some(file),
            Err(e) if e.raw_os_error() == Some(libc::EWOULDBLOCK) => {
                return Err(format!(
                    "{}: another vetdesk is encrypting or decrypting it; run this again once it has finished",
                    display_path(path)
                ));
            }
            Err(_) => None,
        },
        Err(_) => None,
    };
    let mut said = Vec::new();
    for direction in [Direction::Encrypt, Direction::Decrypt] {
        let old = direction.old_path(path);
        let shown = display_path(&old);
        let Ok(old_meta) = std::fs::symlink_metadata(&old) else { continue };
        if !old_meta.is_file() {
            continue;
        }
        let Ok(meta) = std::fs::metadata(path) else {
            said.push(format!(
                "{shown} is the workspace before an interrupted `{}` and {} is missing: rename it back",
                direction.command(),
                display_path(path)
            ));
            continue;
        };
        if meta.dev() == old_meta.dev() && meta.ino() == old_meta.ino() {
            // Stopped between the link and the rename: the workspace is still the original.
            match std::fs::remove_file(&old) {
                Ok(()) => said.push(format!(
                    "removed {shown}, a second name of the workspace left by an interrupted `{}`; the \
                     workspace was not changed",
                    direction.command()
                )),
                Err(e) => said
                    .push(format!("could not remove {shown} (left by an interrupted `{}`): {e}", direction.command())),
            }
        } else {
            match shred(&old) {
                Ok(()) => said.push(format!(
                    "overwrote with zeros and deleted {shown}, the {} workspace an interrupted `{}` left behind",
                    direction.old_kind(),
                    direction.command()
                )),
                Err(e) => said.push(format!(
                    "could not overwrite and delete {shown}, the {} workspace an interrupted `{}` left behind: {e}",
                    direction.old_kind(),
                    direction.command()
                )),
            }
        }
    }
    said.extend(remove_unfinished_creations(path));
    for direction in [Direction::Encrypt, Direction::Decrypt] {
        let copy = direction.copy_path(path);
        if std::fs::symlink_metadata(&copy).is_ok_and(|m| m.is_file()) {
            remove_copy(direction, &copy);
            said.push(format!(
                "removed {}, the unfinished copy of an interrupted `{}`",
                display_path(&copy),
                direction.command()
            ));
        }
    }
    Ok(said)
}

/// Removes the temporary files (`.NAME.PID.new`, see `Store::open`) of a workspace creation whose process is
/// gone: a crash while the workspace was being made.
fn remove_unfinished_creations(path: &Path) -> Vec<String> {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else { return Vec::new() };
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(folder(path)) else { return Vec::new() };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&prefix) else { continue };
        let Some((pid, suffix)) = rest.split_once(".new") else { continue };
        let gone = pid.parse::<u32>().is_ok_and(|pid| !Path::new(&format!("/proc/{pid}")).exists());
        if gone && ["", "-journal", "-wal", "-shm"].contains(&suffix) && std::fs::remove_file(entry.path()).is_ok() {
            removed.push(format!(
                "removed {}, left by a crash while the workspace was being created",
                display_path(&entry.path())
            ));
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swap_leaves_the_copy_in_place_and_no_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let copy = Direction::Encrypt.copy_path(&path);
        let old = Direction::Encrypt.old_path(&path);
        std::fs::write(&path, b"original").unwrap();
        let mut hold = Hold::take(&path).unwrap();
        hold.create_copy(Direction::Encrypt, &copy).unwrap();
        std::fs::write(&copy, b"the copy").unwrap();
        swap_in(&path, &copy, &old).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"the copy");
        assert!(!old.exists() && !copy.exists());
    }

    #[test]
    fn recovery_zeroes_an_old_file_but_only_unlinks_a_second_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let old = Direction::Encrypt.old_path(&path);
        // Stopped after the link: the old name is the workspace itself and must not be zeroed.
        std::fs::write(&path, b"plain workspace").unwrap();
        std::fs::hard_link(&path, &old).unwrap();
        let said = recover(&path).unwrap();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].contains("was not changed"), "{said:?}");
        assert_eq!(std::fs::read(&path).unwrap(), b"plain workspace");
        assert!(!old.exists());
        // Stopped after the rename: the old file is a file of its own.
        std::fs::write(&old, b"plain secrets").unwrap();
        std::fs::write(Direction::Encrypt.copy_path(&path), b"half").unwrap();
        let said = recover(&path).unwrap();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].contains("overwrote with zeros and deleted"), "{said:?}");
        assert!(!old.exists() && !Direction::Encrypt.copy_path(&path).exists());
        assert!(recover(&path).unwrap().is_empty());
    }

    #[test]
    fn a_creation_a_crash_stopped_is_cleared_away_but_not_one_under_way() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        std::fs::write(&path, b"").unwrap();
        let stale = dir.path().join(format!(".w.db.{}.new", u32::MAX - 1));
        let stale_journal = dir.path().join(format!(".w.db.{}.new-journal", u32::MAX - 1));
        let live = dir.path().join(format!(".w.db.{}.new", std::process::id()));
        for f in [&stale, &stale_journal, &live] {
            std::fs::write(f, b"x").unwrap();
        }
        let said = recover(&path).unwrap();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(!stale.exists() && !stale_journal.exists());
        assert!(live.exists(), "its process is running");
    }

    #[test]
    fn what_a_running_conversion_holds_is_left_alone_and_a_plain_copy_is_zeroed_once_left_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        std::fs::write(&path, b"encrypted workspace").unwrap();
        let copy = Direction::Decrypt.copy_path(&path);
        let mut hold = Hold::take(&path).unwrap();
        hold.create_copy(Direction::Decrypt, &copy).unwrap();
        std::fs::write(&copy, b"plain secrets").unwrap();
        // Someone gave the plain copy a second name while it was written.
        let second = dir.path().join("kept");
        std::fs::hard_link(&copy, &second).unwrap();
        let refused = recover(&path).unwrap_err();
        assert!(refused.contains("another vetdesk is encrypting or decrypting it"), "{refused}");
        assert_eq!(std::fs::read(&copy).unwrap(), b"plain secrets", "a running decrypt's copy is not touched");
        drop(hold);
        let said = recover(&path).unwrap();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(!copy.exists());
        assert_eq!(std::fs::read(&second).unwrap(), vec![0; 13], "the plain copy was overwritten, not only unlinked");
    }
}
