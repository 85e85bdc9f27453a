//! Evidence files: streaming SHA-256 with progress (bounded memory, so a 4 GB interview recording is
//! fine) and re-verification. Files are referenced by path and never copied.

use std::fs::Metadata;
use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::files;
use crate::store::audit::hex;
use crate::{Error, Result};

pub mod search;

const CHUNK: usize = 1 << 20;

/// What attaching a file pins down about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDigest {
    /// Absolute, with links resolved, so verification does not depend on the working directory.
    pub path: String,
    pub sha256: String,
    pub size: u64,
    pub modified_at: Option<String>,
}

/// Resolves `path` to an absolute UTF-8 path of a regular file, or says in one line why it cannot be
/// evidence. Never opens the file, so a named pipe cannot block it.
pub fn locate(path: &Path) -> Result<(PathBuf, std::fs::Metadata)> {
    if path.as_os_str().is_empty() {
        return Err(Error::invalid("give the path of the file to attach"));
    }
    let meta = files::regular_metadata(path).map_err(|e| match e {
        Error::NotRegular { path, kind: "a folder" } => {
            Error::file(path, "is a folder; attach the files in it one at a time")
        }
        e => e,
    })?;
    let absolute = std::fs::canonicalize(path).map_err(|e| files::io_error(path, e))?;
    if absolute.to_str().is_none() {
        return Err(Error::file(path, "path is not valid UTF-8; rename the file first"));
    }
    Ok((absolute, meta))
}

/// Hashes the file at `path`. `progress(done, total)` is called after each chunk; returning `false`
/// cancels with [`Error::Cancelled`]. A file that changes while it is hashed is refused with
/// [`Error::Unsteady`]: the hash would be of bytes that never existed together.
pub fn hash_file(path: &Path, progress: &mut dyn FnMut(u64, u64) -> bool) -> Result<FileDigest> {
    hash(path, None, progress).map(|(digest, _)| digest)
}

/// Hashes the file at `path` like [`hash_file`] and keeps its bytes, so what is read from it afterwards
/// (a resume's text) comes from exactly the bytes hashed. A file over `max` bytes is refused before any
/// hashing; `too_big` says why, as a reason following the path.
pub fn hash_and_keep(
    path: &Path,
    max: u64,
    too_big: &dyn Fn() -> String,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<(FileDigest, Vec<u8>)> {
    let (digest, kept) = hash(path, Some((max, too_big)), progress)?;
    Ok((digest, kept.unwrap_or_default()))
}

type Keep<'a> = Option<(u64, &'a dyn Fn() -> String)>;

/// Hashes through one open handle, comparing the handle's `fstat` before and after, and the path's
/// metadata after, so a file written to, truncated, touched or swapped underneath is caught.
fn hash(
    path: &Path,
    keep: Keep<'_>,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<(FileDigest, Option<Vec<u8>>)> {
    let (absolute, _) = locate(path)?;
    let (mut file, before) = files::open_regular(&absolute).map_err(|e| renamed(e, path))?;
    let total = before.len();
    let mut kept = match keep {
        Some((max, too_big)) if total > max => return Err(Error::file(path, too_big())),
        Some(_) => Some(Vec::with_capacity(usize::try_from(total).unwrap_or(0))),
        None => None,
    };
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    let mut done = 0u64;
    loop {
        let n = file.read(&mut buf).map_err(|e| files::io_error(path, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        if let Some(kept) = kept.as_mut() {
            kept.extend_from_slice(&buf[..n]);
        }
        done += n as u64;
        if done > total {
            // Growing while read; stop before holding more than was announced.
            return Err(Error::Unsteady { path: path.to_path_buf() });
        }
        if !progress(done, total) {
            return Err(Error::Cancelled);
        }
    }
    let after = file.metadata().map_err(|e| files::io_error(path, e))?;
    let now_at_path = std::fs::metadata(&absolute).map_err(|e| files::io_error(path, e))?;
    if done != total || !same_file(&before, &after) || !same_file(&before, &now_at_path) {
        return Err(Error::Unsteady { path: path.to_path_buf() });
    }
    let digest = FileDigest {
        path: absolute.to_str().expect("checked by locate").to_string(),
        sha256: hex(&hasher.finalize()),
        size: done,
        modified_at: before.modified().ok().map(|t| crate::time::rfc3339(t.into())),
    };
    Ok((digest, kept))
}

/// Same device, inode, size, modification and change time (to the nanosecond).
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    let identity = |m: &Metadata| (m.dev(), m.ino(), m.len(), m.mtime(), m.mtime_nsec(), m.ctime(), m.ctime_nsec());
    identity(a) == identity(b)
}

/// Errors about the resolved path name the path as the user gave it.
fn renamed(e: Error, path: &Path) -> Error {
    match e {
        Error::NotRegular { kind, .. } => Error::NotRegular { path: path.to_path_buf(), kind },
        Error::Unsteady { .. } => Error::Unsteady { path: path.to_path_buf() },
        Error::File { reason, .. } => Error::File { path: path.to_path_buf(), reason },
        e => e,
    }
}

/// The outcome of re-hashing one evidence file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    Intact,
    Changed,
    Missing,
    /// There, but this user cannot read it (permissions): said, and recorded as nothing, since whether it
    /// is the file attached is not known.
    Unreadable,
}

impl Check {
    pub fn as_str(self) -> &'static str {
        match self {
            Check::Intact => "intact",
            Check::Changed => "changed",
            Check::Missing => "missing",
            Check::Unreadable => "unreadable",
        }
    }

    /// Whether the check found something to record: an unreadable file tells nothing of the evidence.
    pub fn is_finding(self) -> bool {
        self != Check::Unreadable
    }
}

/// How a set of checks came out, in words: "3 file(s): 1 intact, 1 changed or missing, 1 could not be
/// read (not recorded)".
pub fn tally(results: &[Check]) -> String {
    let count = |c: &dyn Fn(&Check) -> bool| results.iter().filter(|r| c(r)).count();
    let intact = count(&|r| *r == Check::Intact);
    let unreadable = count(&|r| *r == Check::Unreadable);
    let bad = results.len() - intact - unreadable;
    let mut said =
        format!("{}: {intact} intact, {bad} changed or missing", crate::text::counted(results.len(), "file", "files"));
    if unreadable > 0 {
        said.push_str(&format!(", {unreadable} could not be read (permissions; not recorded)"));
    }
    said
}

/// Re-hashes a file and compares it with what was pinned. A file that is gone is `missing`; one that is
/// there but cannot be read (permissions) `unreadable`; one that changes while it is re-hashed, or is no
/// longer a regular file, is `changed`. Returns the new digest when there is one.
pub fn recheck(
    path: &str,
    sha256: &str,
    size: u64,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<(Check, Option<FileDigest>)> {
    // Something else now at the path (a folder, a device) is not the file gone: it is a change.
    // So is a file of another size than recorded: known from its metadata at once, without reading a file
    // that may have grown to any size.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() || m.len() != size) {
        return Ok((Check::Changed, None));
    }
    match hash_file(Path::new(path), progress) {
        Ok(d) if d.sha256 == sha256 && d.size == size => Ok((Check::Intact, Some(d))),
        Ok(d) => Ok((Check::Changed, Some(d))),
        Err(Error::Cancelled) => Err(Error::Cancelled),
        Err(Error::Unsteady { .. } | Error::NotRegular { .. }) => Ok((Check::Changed, None)),
        Err(_) if std::fs::metadata(path).is_ok() => Ok((Check::Unreadable, None)),
        Err(_) => Ok((Check::Missing, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::{File, OpenOptions};
    use std::io::{Seek, Write};
    use std::time::{Duration, SystemTime};

    /// A file of three chunks, dated an hour ago so any write during a test shows in its times.
    fn three_chunks(dir: &tempfile::TempDir) -> PathBuf {
        let path = dir.path().join("recording.bin");
        let f = File::create(&path).unwrap();
        (&f).write_all(&vec![7u8; 3 * CHUNK]).unwrap();
        f.set_modified(SystemTime::now() - Duration::from_secs(3600)).unwrap();
        path
    }

    /// Hashes `path`, running `meddle` once after the first chunk.
    fn hash_meddled(path: &Path, meddle: impl FnOnce()) -> Result<FileDigest> {
        let mut meddle = Some(meddle);
        hash_file(path, &mut |_, _| {
            if let Some(f) = meddle.take() {
                f();
            }
            true
        })
    }

    #[test]
    fn a_folder_where_the_file_was_is_a_change_and_nothing_there_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let path = three_chunks(&dir);
        let pinned = hash_file(&path, &mut |_, _| true).unwrap();
        let recheck_now = || recheck(path.to_str().unwrap(), &pinned.sha256, pinned.size, &mut |_, _| true).unwrap().0;
        assert_eq!(recheck_now(), Check::Intact);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(recheck_now(), Check::Missing);
        std::fs::create_dir(&path).unwrap();
        assert_eq!(recheck_now(), Check::Changed);
    }

    #[test]
    fn a_file_changed_while_it_is_hashed_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = three_chunks(&dir);
        let unsteady = |r: Result<FileDigest>| match r {
            Err(e @ Error::Unsteady { .. }) => e.to_string(),
            other => panic!("expected a refusal, got {other:?}"),
        };
        // Appended to.
        let grown =
            hash_meddled(&path, || OpenOptions::new().append(true).open(&path).unwrap().write_all(b"x").unwrap());
        assert!(unsteady(grown).ends_with(
            "recording.bin: changed while it was being read; nothing was stored; try again when it is complete"
        ));
        // Rewritten in place, same size: only the times tell.
        let path = three_chunks(&dir);
        let rewritten = hash_meddled(&path, || {
            let mut f = OpenOptions::new().write(true).open(&path).unwrap();
            f.seek(std::io::SeekFrom::Start(0)).unwrap();
            f.write_all(&[8u8; 16]).unwrap();
        });
        unsteady(rewritten);
        // Only touched: the bytes are the same, but vetdesk cannot know that.
        let path = three_chunks(&dir);
        unsteady(hash_meddled(&path, || File::open(&path).unwrap().set_modified(SystemTime::now()).unwrap()));
        // Swapped for another file under the same name.
        let path = three_chunks(&dir);
        let other = dir.path().join("other.bin");
        std::fs::write(&other, vec![7u8; 3 * CHUNK]).unwrap();
        unsteady(hash_meddled(&path, || std::fs::rename(&other, &path).unwrap()));
        // Left alone, the same file hashes.
        let path = three_chunks(&dir);
        assert_eq!(hash_file(&path, &mut |_, _| true).unwrap().size, 3 * CHUNK as u64);
    }

    #[test]
    fn hash_and_keep_returns_the_bytes_hashed_and_refuses_big_files_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cv.txt");
        std::fs::write(&path, b"abc").unwrap();
        let (digest, bytes) = hash_and_keep(&path, 3, &|| "too big".into(), &mut |_, _| true).unwrap();
        assert_eq!((digest.size, bytes.as_slice()), (3, b"abc".as_slice()));
        let mut hashed = false;
        let err = hash_and_keep(&path, 2, &|| "is too large".into(), &mut |_, _| {
            hashed = true;
            true
        })
        .unwrap_err();
        assert!(err.to_string().ends_with("cv.txt: is too large"), "{err}");
        assert!(!hashed);
    }

    #[test]
    fn recheck_calls_a_file_changing_under_it_or_replaced_by_a_pipe_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = three_chunks(&dir);
        let d = hash_file(&path, &mut |_, _| true).unwrap();
        let mut meddle = Some(|| OpenOptions::new().append(true).open(&path).unwrap().write_all(b"x").unwrap());
        let (check, found) = recheck(&d.path, &d.sha256, d.size, &mut |_, _| {
            if let Some(f) = meddle.take() {
                f();
            }
            true
        })
        .unwrap();
        assert_eq!((check, found), (Check::Changed, None));
        std::fs::remove_file(&path).unwrap();
        assert!(std::process::Command::new("mkfifo").arg(&path).status().unwrap().success());
        assert_eq!(recheck(&d.path, &d.sha256, d.size, &mut |_, _| true).unwrap().0, Check::Changed);
    }

    #[test]
    fn hashes_known_content_and_reports_progress() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("résumé.txt");
        std::fs::write(&path, b"abc").unwrap();
        let mut calls = Vec::new();
        let d = hash_file(&path, &mut |done, total| {
            calls.push((done, total));
            true
        })
        .unwrap();
        assert_eq!(d.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(d.size, 3);
        assert!(d.path.ends_with("résumé.txt"));
        assert_eq!(calls, [(3, 3)]);
    }

    #[test]
    fn cancelling_stops_hashing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.bin");
        let mut f = File::create(&path).unwrap();
        f.write_all(&vec![7u8; 3 * CHUNK]).unwrap();
        let mut chunks = 0;
        let r = hash_file(&path, &mut |_, _| {
            chunks += 1;
            false
        });
        assert!(matches!(r, Err(Error::Cancelled)));
        assert_eq!(chunks, 1);
    }

    #[test]
    fn folders_and_missing_paths_are_refused_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let folder = hash_file(dir.path(), &mut |_, _| true).unwrap_err().to_string();
        assert!(folder.ends_with("is a folder; attach the files in it one at a time"), "{folder}");
        let missing = hash_file(&dir.path().join("nope"), &mut |_, _| true).unwrap_err().to_string();
        assert!(missing.ends_with("no such file"));
        let none = locate(Path::new("")).unwrap_err().to_string();
        assert_eq!(none, "give the path of the file to attach", "not \": no such file\"");
    }

    #[test]
    fn recheck_tells_intact_changed_and_missing_apart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"abc").unwrap();
        let d = hash_file(&path, &mut |_, _| true).unwrap();
        let check = |p: &str| recheck(p, &d.sha256, d.size, &mut |_, _| true).unwrap().0;
        assert_eq!(check(&d.path), Check::Intact);
        std::fs::write(&path, b"abd").unwrap();
        assert_eq!(check(&d.path), Check::Changed);
        // Grown to a size no one could wait to read: changed by its size, nothing read.
        std::fs::File::options().write(true).open(&path).unwrap().set_len(1 << 40).unwrap();
        let mut read = 0;
        let (result, found) = recheck(&d.path, &d.sha256, d.size, &mut |done, _| {
            read = done;
            true
        })
        .unwrap();
        assert_eq!((result, found.is_none(), read), (Check::Changed, true, 0));
        std::fs::remove_file(&path).unwrap();
        assert_eq!(check(&d.path), Check::Missing);
    }
}
