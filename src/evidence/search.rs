//! Finding an evidence file that was moved: a walk of a folder for a file with the pinned SHA-256.
//!
//! The folder is someone's disk, possibly hostile: symbolic links are never followed (a linked folder
//! cannot loop the walk, a linked file is not "under" the folder), a folder reached twice through a bind
//! mount is walked once, anything but a regular file is passed over, and the walk is bounded in entries
//! and depth. An entry that cannot be read is counted and skipped. Only files of the pinned size are
//! hashed, each streamed through [`super::hash_file`], so a folder of recordings costs one read of the
//! few that could be the one.

use std::collections::HashSet;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::{FileDigest, hash_file};
use crate::{Error, Result, files};

/// Most folder entries looked at before a search gives up (a few minutes of walking; the sizes come from
/// the folders' metadata); a narrower folder is the remedy.
pub const MAX_ENTRIES: u64 = 5_000_000;
/// Deepest folder walked, below the one searched.
pub const MAX_DEPTH: usize = 256;
/// Progress is reported (and cancelling noticed) at least this often while walking.
const REPORT_EVERY: u64 = 512;

/// How far a search has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Searched {
    /// Folder entries looked at.
    pub entries: u64,
    /// Files of the pinned size hashed, the current one included.
    pub hashed: u64,
    /// Entries passed over because they could not be read (no permission, vanished, changed while
    /// hashed, a name that is not UTF-8) or lie deeper than [`MAX_DEPTH`].
    pub unreadable: u64,
    /// Bytes of the file being hashed done, and its size.
    pub done: u64,
    pub total: u64,
    /// The walk stopped at [`MAX_ENTRIES`] before it had seen everything.
    pub truncated: bool,
    /// Files of the content sought passed over: the case's other evidence files, where they are.
    pub passed_over: u64,
}

/// Looks under `dir` for a regular file of `size` bytes whose SHA-256 is `sha256`, stopping at the first
/// whose path (absolute, as `evidence add` records it) is not in `passed_over`: the files of that content
/// already attached to the case, which are not the one sought. `progress` is called while walking and
/// while hashing; returning `false` cancels with [`Error::Cancelled`]. Returns the file's digest, if one
/// was found, and what the search looked at.
pub fn find(
    dir: &Path,
    (sha256, size): (&str, u64),
    passed_over: &HashSet<String>,
    progress: &mut dyn FnMut(&Searched) -> bool,
) -> Result<(Option<FileDigest>, Searched)> {
    find_within(dir, (sha256, size), passed_over, (MAX_ENTRIES, MAX_DEPTH), progress)
}

/// [`find`] within `(most entries, deepest folder)`.
fn find_within(
    dir: &Path,
    (sha256, size): (&str, u64),
    passed_over: &HashSet<String>,
    (max_entries, max_depth): (u64, usize),
    progress: &mut dyn FnMut(&Searched) -> bool,
) -> Result<(Option<FileDigest>, Searched)> {
    let root = std::fs::metadata(dir).map_err(|e| files::io_error(dir, e))?;
    if !root.is_dir() {
        return Err(Error::file(dir, "is not a folder; give the folder to search, or the file itself"));
    }
    let mut s = Searched::default();
    let mut visited: HashSet<(u64, u64)> = HashSet::new();
    let mut pending: Vec<(PathBuf, usize)> = vec![(dir.to_path_buf(), 0)];
    while let Some((folder, depth)) = pending.pop() {
        let identity = if depth == 0 { Ok(root.clone()) } else { std::fs::symlink_metadata(&folder) };
        let Ok(meta) = identity else {
            s.unreadable += 1;
            continue;
        };
        if !visited.insert((meta.dev(), meta.ino())) {
            continue;
        }
        let Ok(listing) = std::fs::read_dir(&folder) else {
            s.unreadable += 1;
            continue;
        };
        for entry in listing {
            if s.entries >= max_entries {
                s.truncated = true;
                return Ok((None, s));
            }
            s.entries += 1;
            if s.entries % REPORT_EVERY == 0 && !progress(&s) {
                return Err(Error::Cancelled);
            }
            // The entry's own type and metadata: a symbolic link is seen as a link, never followed.
            let Ok((entry, kind)) = entry.and_then(|e| e.file_type().map(|t| (e, t))) else {
                s.unreadable += 1;
                continue;
            };
            if kind.is_dir() {
                if depth < max_depth {
                    pending.push((entry.path(), depth + 1));
                } else {
                    s.unreadable += 1;
                }
                continue;
            }
            if !kind.is_file() {
                continue;
            }
            match entry.metadata() {
                Ok(m) if m.len() == size => {}
                Ok(_) => continue,
                Err(_) => {
                    s.unreadable += 1;
                    continue;
                }
            }
            s.hashed += 1;
            let hashed = hash_file(&entry.path(), &mut |done, total| {
                (s.done, s.total) = (done, total);
                progress(&s)
            });
            (s.done, s.total) = (0, 0);
            match hashed {
                Ok(d) if d.sha256 == sha256 && d.size == size => {
                    if !passed_over.contains(&d.path) {
                        return Ok((Some(d), s));
                    }
                    s.passed_over += 1;
                }
                Ok(_) => {}
                Err(Error::Cancelled) => return Err(Error::Cancelled),
                Err(_) => s.unreadable += 1,
            }
        }
    }
    Ok((None, s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn search(dir: &Path, digest: &FileDigest) -> (Option<FileDigest>, Searched) {
        find(dir, (&digest.sha256, digest.size), &HashSet::new(), &mut |_| true).unwrap()
    }

    #[test]
    fn finds_the_file_among_same_size_decoys_hashing_only_same_size_files() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b/c");
        std::fs::create_dir_all(&deep).unwrap();
        for (i, name) in ["a/x.bin", "a/b/y.bin", "z.bin"].iter().enumerate() {
            std::fs::write(dir.path().join(name), format!("decoy{i}")).unwrap();
        }
        std::fs::write(dir.path().join("a/long.bin"), "a much longer file").unwrap();
        std::fs::write(deep.join("found.bin"), "target").unwrap();
        let want = hash_file(&deep.join("found.bin"), &mut |_, _| true).unwrap();
        let (found, s) = search(dir.path(), &want);
        assert_eq!(found.unwrap().path, want.path);
        assert!(s.hashed <= 4 && s.hashed >= 1, "{s:?}");
        std::fs::remove_file(deep.join("found.bin")).unwrap();
        let (found, s) = search(dir.path(), &want);
        assert_eq!(found, None);
        assert_eq!((s.hashed, s.unreadable, s.truncated), (3, 0, false), "the longer file is never hashed");
    }

    #[test]
    fn links_are_not_followed_and_loops_end() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("target.bin"), "target").unwrap();
        let want = hash_file(&outside.path().join("target.bin"), &mut |_, _| true).unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("elsewhere")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("target.bin"), dir.path().join("link.bin")).unwrap();
        let (found, s) = search(dir.path(), &want);
        assert_eq!(found, None);
        assert_eq!(s.hashed, 0);
    }

    #[test]
    fn unreadable_folders_and_pipes_are_skipped_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::write(locked.join("target.bin"), "target").unwrap();
        let want = hash_file(&locked.join("target.bin"), &mut |_, _| true).unwrap();
        assert!(std::process::Command::new("mkfifo").arg(dir.path().join("pipe")).status().unwrap().success());
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        let readable_anyway = std::fs::read_dir(&locked).is_ok(); // running as root
        let (found, s) = search(dir.path(), &want);
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        if !readable_anyway {
            assert_eq!((found, s.unreadable), (None, 1));
        }
        let err =
            find(&dir.path().join("pipe"), (&want.sha256, want.size), &HashSet::new(), &mut |_| true).unwrap_err();
        assert!(err.to_string().ends_with("is not a folder; give the folder to search, or the file itself"), "{err}");
    }

    #[test]
    fn the_walk_is_bounded_in_depth_and_entries() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("1/2/3");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(deep.join("target.bin"), "target").unwrap();
        let want = hash_file(&deep.join("target.bin"), &mut |_, _| true).unwrap();
        let within = |limits| {
            find_within(dir.path(), (&want.sha256, want.size), &HashSet::new(), limits, &mut |_| true).unwrap()
        };
        assert!(within((100, 3)).0.is_some());
        let (found, s) = within((100, 2));
        assert_eq!((found, s.unreadable, s.truncated), (None, 1, false), "folder 3 is too deep: {s:?}");
        let (found, s) = within((2, 10));
        assert_eq!((found, s.entries, s.truncated), (None, 2, true));
    }

    #[test]
    fn cancelling_stops_the_search() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.bin"), "target").unwrap();
        let r = find(dir.path(), (&"0".repeat(64), 6), &HashSet::new(), &mut |_| false);
        assert!(matches!(r, Err(Error::Cancelled)), "{r:?}");
    }
}
