//! Putting a verified copy of a workspace in its place (`vetdesk encrypt`, `vetdesk decrypt`) so that at
//! every instant the workspace's path holds a readable workspace, and finishing a swap a crash stopped.
//!
//! The copy is written to `NAME.encrypting` (or `NAME.decrypting`) beside the workspace. The original
//! gets a second name, `NAME.plain-old` (or `NAME.encrypted-old`), the copy is renamed over `NAME` in one
//! step, and the old file's bytes are then overwritten with zeros and it is deleted.
//!
//! While it runs, the conversion keeps a claim beside the workspace (`NAME.converting`): which way it goes
//! and which files (device, inode and time made) are the original and the copy. [`recover`] overwrites or
//! removes only files the claim names: a file that merely bears a leftover's name (another workspace copied
//! there, a backup linked there) is left as it is, and said to be.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use rustix::fs::FlockOperation;

use crate::text::display_path;

mod claim;

pub use claim::claim_path;
use claim::{Claim, file_id};

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

    fn word(self) -> &'static str {
        if self == Direction::Encrypt { "encrypt" } else { "decrypt" }
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
    path: PathBuf,
    /// The copy this hold made, and which way, once made.
    made: Option<(Direction, PathBuf)>,
    /// Whether this hold wrote the claim.
    claimed: bool,
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
                done => {
                    return done.map(|()| Hold {
                        files: vec![file],
                        path: path.to_path_buf(),
                        made: None,
                        claimed: false,
                    });
                }
            }
        }
    }

    /// Makes the empty file the copy is written into (mode 0600), holds it too, and writes the claim that
    /// names it and the original (see the module's documentation). Refused when anything bears the copy's,
    /// the old file's or the claim's name: [`recover`] has removed what an interrupted run left, so what is
    /// there is not vetdesk's to replace.
    pub fn create_copy(&mut self, direction: Direction, copy: &Path) -> std::io::Result<()> {
        let claim = claim_path(&self.path);
        for name in [copy.to_path_buf(), direction.old_path(&self.path), claim.clone()] {
            if std::fs::symlink_metadata(&name).is_ok() {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    format!(
                        "{} is in the way (vetdesk has no record of making it); give it another name and run \
                         this again",
                        display_path(&name)
                    ),
                ));
            }
        }
        let original = file_id(&std::fs::metadata(&self.path)?);
        let file = OpenOptions::new().write(true).create_new(true).mode(0o600).open(copy)?;
        self.made = Some((direction, copy.to_path_buf()));
        flock(&file, FlockOperation::NonBlockingLockExclusive)?;
        let record = Claim { direction, original, copy: file_id(&file.metadata()?) };
        self.files.push(file);
        let mut out = OpenOptions::new().write(true).create_new(true).mode(0o600).open(&claim)?;
        self.claimed = true;
        out.write_all(record.text().as_bytes())?;
        out.sync_all()?;
        sync_folder(&claim)
    }

    /// Removes what this hold made, the copy (with its journals) and the claim: the conversion stopped
    /// before the swap.
    pub fn abandon(&mut self) {
        if let Some((direction, copy)) = self.made.take() {
            remove_copy(direction, &copy);
        }
        if std::mem::take(&mut self.claimed) {
            let _ = std::fs::remove_file(claim_path(&self.path));
        }
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
/// overwritten with zeros first, as the plain original is after a swap, unless it has other names (which
/// [`shred`] refuses).
fn remove_copy(direction: Direction, copy: &Path) {
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
/// renamed over `path` (atomic), then `old` is overwritten with zeros and deleted, and the claim with it.
/// A failure before the rename leaves the original in place (and `old` removed again); after it, the copy
/// is the workspace and [`recover`] finishes off `old` the next time.
pub fn swap_in(path: &Path, copy: &Path, old: &Path) -> std::io::Result<()> {
    OpenOptions::new().read(true).open(copy)?.sync_all()?;
    std::fs::hard_link(path, old)?;
    if let Err(e) = std::fs::rename(copy, path) {
        let _ = std::fs::remove_file(old);
        return Err(e);
    }
    sync_folder(path)?;
    shred(old)?;
    // Left behind, it names files that are gone: the next [`recover`] removes it.
    let _ = std::fs::remove_file(claim_path(path));
    Ok(())
}

/// Overwrites the bytes of the file at `path` with zeros, flushes them to the disk, and deletes it. Refused
/// for a file with other names (hard links): the zeros would reach them too, a backup lost.
pub fn shred(path: &Path) -> std::io::Result<()> {
    let mut file = OpenOptions::new().write(true).open(path)?;
    let meta = file.metadata()?;
    if meta.nlink() > 1 {
        return Err(std::io::Error::other(format!("{}, which the zeros would reach", other_names(meta.nlink() - 1))));
    }
    let len = meta.len();
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

fn other_names(n: u64) -> String {
    format!("it has {} (hard links)", crate::text::counted(n, "other name", "other names"))
}

/// Whether an `encrypt` or `decrypt` holds the workspace at `path` now (see [`Hold`]). Opens and closes
/// the file: ask it only when this process holds no SQLite connection to it.
pub fn converting(path: &Path) -> bool {
    let Ok(file) = open_to_lock(path) else { return false };
    flock(&file, FlockOperation::NonBlockingLockShared).is_err_and(|e| e.raw_os_error() == Some(libc::EWOULDBLOCK))
}

/// Finishes what an interrupted `vetdesk encrypt` or `decrypt` left beside the workspace at `path`, and
/// says what it did, one line each: an old file is overwritten and deleted once the workspace is the
/// new one (a second name of the workspace itself is only unlinked); a half-written copy is removed. Only
/// the files the conversion's claim names are touched; anything else bearing their names is left as it is,
/// and said to be. `Err` (saying why) when an `encrypt` or `decrypt` is running on the workspace: what it
/// left is not left over, and nothing is touched.
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
    let claim_file = claim_path(path);
    let claim = Claim::read(&claim_file);
    let mut said = Vec::new();
    // Whether the claim may go: nothing it names is left.
    let mut done = true;
    for direction in [Direction::Encrypt, Direction::Decrypt] {
        let ours = claim.filter(|c| c.direction == direction);
        let not_ours = |file: &Path| {
            format!(
                "left {} as it is: vetdesk has no record of an interrupted `{}` of this workspace leaving it",
                display_path(file),
                direction.command()
            )
        };
        let old = direction.old_path(path);
        if let Ok(old_meta) = std::fs::symlink_metadata(&old) {
            match ours {
                Some(c) if old_meta.is_file() && file_id(&old_meta) == c.original => {
                    let finished = finish_old(path, &old, direction, c);
                    done &= finished.is_ok();
                    said.push(finished.unwrap_or_else(|e| e));
                }
                _ => said.push(not_ours(&old)),
            }
        }
        let copy = direction.copy_path(path);
        if let Ok(copy_meta) = std::fs::symlink_metadata(&copy) {
            match ours {
                Some(c) if copy_meta.is_file() && file_id(&copy_meta) == c.copy => {
                    remove_copy(direction, &copy);
                    said.push(format!(
                        "removed {}, the unfinished copy of an interrupted `{}`",
                        display_path(&copy),
                        direction.command()
                    ));
                }
                // Nothing is lost with an empty file: what a conversion stopped between making its copy and
                // writing its claim leaves.
                _ if copy_meta.is_file() && copy_meta.len() == 0 && copy_meta.nlink() == 1 => {
                    if std::fs::remove_file(&copy).is_ok() {
                        said.push(format!(
                            "removed {}: it was empty, as the copy of an interrupted `{}` is when it stops at its \
                             start",
                            display_path(&copy),
                            direction.command()
                        ));
                    }
                }
                _ => said.push(not_ours(&copy)),
            }
        }
    }
    said.extend(remove_unfinished_creations(path));
    if let Some(meta) = std::fs::symlink_metadata(&claim_file).ok().filter(|_| done) {
        if claim.is_some() {
            let _ = std::fs::remove_file(&claim_file);
        } else if meta.is_file() && meta.len() == 0 && meta.nlink() == 1 {
            // A claim the machine stopped before it reached the disk; nothing is lost with an empty file.
            if std::fs::remove_file(&claim_file).is_ok() {
                said.push(format!(
                    "removed {}: it was empty, as the claim of an interrupted conversion is when the machine stops \
                     as it is written",
                    display_path(&claim_file)
                ));
            }
        } else {
            said.push(format!("left {} as it is: it is not a record vetdesk wrote", display_path(&claim_file)));
        }
    }
    Ok(said)
}

/// Finishes off `old`, the original the claim names: `Ok` or `Err` with the line that says what was done.
fn finish_old(path: &Path, old: &Path, direction: Direction, claim: Claim) -> Result<String, String> {
    let (shown, command) = (display_path(old), direction.command());
    let Ok(meta) = std::fs::metadata(path) else {
        return Err(format!(
            "{shown} is the workspace before an interrupted `{command}` and {} is missing: rename it back",
            display_path(path)
        ));
    };
    if file_id(&meta) == claim.original {
        // Stopped between the link and the rename: the workspace is still the original.
        return match std::fs::remove_file(old) {
            Ok(()) => Ok(format!(
                "removed {shown}, a second name of the workspace left by an interrupted `{command}`; the workspace \
                 was not changed"
            )),
            Err(e) => Err(format!("could not remove {shown} (left by an interrupted `{command}`): {e}")),
        };
    }
    let kind = direction.old_kind();
    let names = std::fs::symlink_metadata(old).map_or(1, |m| m.nlink());
    if names > 1 {
        // Someone gave it another name since: the zeros would reach that name too.
        return match std::fs::remove_file(old) {
            Ok(()) => Ok(format!(
                "removed {shown}, the {kind} workspace an interrupted `{command}` left behind, without overwriting \
                 it: {}, where its bytes are kept",
                other_names(names - 1)
            )),
            Err(e) => Err(format!("could not remove {shown} (left by an interrupted `{command}`): {e}")),
        };
    }
    match shred(old) {
        Ok(()) => Ok(format!(
            "overwrote with zeros and deleted {shown}, the {kind} workspace an interrupted `{command}` left behind"
        )),
        Err(e) => Err(format!(
            "could not overwrite and delete {shown}, the {kind} workspace an interrupted `{command}` left behind: {e}"
        )),
    }
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

    /// A conversion of the workspace at `path` stopped by a crash: its claim and copy written, and the
    /// copy holding `copied`.
    fn interrupted(path: &Path, direction: Direction, copied: &[u8]) -> PathBuf {
        let copy = direction.copy_path(path);
        let mut hold = Hold::take(path).unwrap();
        hold.create_copy(direction, &copy).unwrap();
        std::fs::write(&copy, copied).unwrap();
        copy
    }

    #[test]
    fn recovery_zeroes_an_old_file_but_only_unlinks_a_second_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let old = Direction::Encrypt.old_path(&path);
        // Stopped after the link: the old name is the workspace itself and must not be zeroed.
        std::fs::write(&path, b"plain workspace").unwrap();
        let copy = interrupted(&path, Direction::Encrypt, b"half");
        std::fs::hard_link(&path, &old).unwrap();
        let said = recover(&path).unwrap();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].contains("was not changed"), "{said:?}");
        assert!(said[1].contains("the unfinished copy"), "{said:?}");
        assert_eq!(std::fs::read(&path).unwrap(), b"plain workspace");
        assert!(!old.exists() && !copy.exists() && !claim_path(&path).exists());
        // Stopped after the rename: the old file is a file of its own.
        let copy = interrupted(&path, Direction::Encrypt, b"encrypted workspace");
        std::fs::hard_link(&path, &old).unwrap();
        std::fs::rename(&copy, &path).unwrap();
        let said = recover(&path).unwrap();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].contains("overwrote with zeros and deleted"), "{said:?}");
        assert_eq!(std::fs::read(&path).unwrap(), b"encrypted workspace");
        assert!(!old.exists() && !claim_path(&path).exists());
        assert!(recover(&path).unwrap().is_empty());
    }

    #[test]
    fn files_that_only_bear_a_leftovers_name_are_left_as_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        std::fs::write(&path, b"plain workspace").unwrap();
        // Another workspace copied to the old file's name, with a second name elsewhere; and files at the
        // other names a conversion uses. No conversion of this workspace ever ran.
        let names: Vec<PathBuf> = [Direction::Encrypt, Direction::Decrypt]
            .into_iter()
            .flat_map(|d| [d.old_path(&path), d.copy_path(&path)])
            .collect();
        for name in &names {
            std::fs::write(name, b"another investigation").unwrap();
        }
        let backup = dir.path().join("backup.db");
        std::fs::hard_link(&names[0], &backup).unwrap();
        let said = recover(&path).unwrap();
        assert_eq!(said.len(), 4, "{said:?}");
        assert!(said.iter().all(|s| s.contains("as it is: vetdesk has no record")), "{said:?}");
        for name in names.iter().chain([&backup]) {
            assert_eq!(std::fs::read(name).unwrap(), b"another investigation", "{}", name.display());
        }
        // A claim naming other files is no licence either: the copy replaced by another file.
        for name in &names {
            std::fs::remove_file(name).unwrap();
        }
        let copy = interrupted(&path, Direction::Decrypt, b"half");
        std::fs::remove_file(&copy).unwrap();
        std::fs::write(&copy, b"someone's file").unwrap();
        // (An empty file loses nothing: one is what a conversion stopped before its claim leaves.)
        let empty = Direction::Encrypt.copy_path(&path);
        std::fs::write(&empty, b"").unwrap();
        let said = recover(&path).unwrap();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].contains("it was empty") && !empty.exists(), "{said:?}");
        assert!(said[1].contains("left") && said[1].contains("as it is"), "{said:?}");
        assert_eq!(std::fs::read(&copy).unwrap(), b"someone's file");
        // Nothing the claim names is left, so the claim goes.
        assert!(!claim_path(&path).exists());
        // A conversion refuses to start over what is in the way, and leaves it.
        let mut hold = Hold::take(&path).unwrap();
        let refused = hold.create_copy(Direction::Decrypt, &copy).unwrap_err();
        assert!(refused.to_string().contains("is in the way"), "{refused}");
        hold.abandon();
        assert_eq!(std::fs::read(&copy).unwrap(), b"someone's file");
    }

    #[test]
    fn an_empty_claim_is_removed_and_said_to_be_but_not_one_that_holds_something_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        std::fs::write(&path, b"plain workspace").unwrap();
        std::fs::write(claim_path(&path), b"").unwrap();
        let said = recover(&path).unwrap();
        assert!(said.len() == 1 && said[0].contains("it was empty"), "{said:?}");
        assert!(!claim_path(&path).exists());
        std::fs::write(claim_path(&path), b"my notes").unwrap();
        let said = recover(&path).unwrap();
        assert!(said.len() == 1 && said[0].contains("is not a record vetdesk wrote"), "{said:?}");
        assert_eq!(std::fs::read(claim_path(&path)).unwrap(), b"my notes");
    }

    #[test]
    fn an_old_file_given_another_name_is_unlinked_but_not_zeroed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let old = Direction::Encrypt.old_path(&path);
        std::fs::write(&path, b"plain workspace").unwrap();
        let copy = interrupted(&path, Direction::Encrypt, b"encrypted workspace");
        std::fs::hard_link(&path, &old).unwrap();
        std::fs::rename(&copy, &path).unwrap();
        let kept = dir.path().join("kept.db");
        std::fs::hard_link(&old, &kept).unwrap();
        let said = recover(&path).unwrap();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].contains("without overwriting it: it has 1 other name"), "{said:?}");
        assert!(!old.exists());
        assert_eq!(std::fs::read(&kept).unwrap(), b"plain workspace");
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
        let refused = recover(&path).unwrap_err();
        assert!(refused.contains("another vetdesk is encrypting or decrypting it"), "{refused}");
        assert_eq!(std::fs::read(&copy).unwrap(), b"plain secrets", "a running decrypt's copy is not touched");
        drop(hold);
        let mut watch = File::open(&copy).unwrap();
        let said = recover(&path).unwrap();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(!copy.exists() && !claim_path(&path).exists());
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut watch, &mut bytes).unwrap();
        assert_eq!(bytes, vec![0; 13], "the plain copy was overwritten, not only unlinked");
    }
}
