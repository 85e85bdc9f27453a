//! Evidence files: streaming SHA-256 with progress (bounded memory, so a 4 GB interview recording is
//! fine) and re-verification. Files are referenced by path and never copied.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::store::audit::hex;
use crate::{Error, Result};

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
/// evidence.
pub fn locate(path: &Path) -> Result<(PathBuf, std::fs::Metadata)> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::file(path, "no such file"),
        std::io::ErrorKind::PermissionDenied => Error::file(path, "cannot be read (permission denied)"),
        _ => Error::file(path, e),
    })?;
    if meta.is_dir() {
        return Err(Error::file(path, "is a folder; attach the files in it one at a time"));
    }
    if !meta.is_file() {
        return Err(Error::file(path, "is not a regular file"));
    }
    let absolute = std::fs::canonicalize(path).map_err(|e| Error::file(path, e))?;
    if absolute.to_str().is_none() {
        return Err(Error::file(path, "path is not valid UTF-8; rename the file first"));
    }
    Ok((absolute, meta))
}

/// Hashes the file at `path`. `progress(done, total)` is called after each chunk; returning `false`
/// cancels with [`Error::Cancelled`].
pub fn hash_file(path: &Path, progress: &mut dyn FnMut(u64, u64) -> bool) -> Result<FileDigest> {
    let (absolute, meta) = locate(path)?;
    let mut file = File::open(&absolute).map_err(|e| match e.kind() {
        std::io::ErrorKind::PermissionDenied => Error::file(path, "cannot be read (permission denied)"),
        _ => Error::file(path, e),
    })?;
    let total = meta.len();
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    let mut done = 0u64;
    loop {
        let n = file.read(&mut buf).map_err(|e| Error::file(path, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        done += n as u64;
        if !progress(done, total) {
            return Err(Error::Cancelled);
        }
    }
    let after = std::fs::metadata(&absolute).map_err(|e| Error::file(path, e))?;
    if after.len() != done || after.modified().ok() != meta.modified().ok() {
        return Err(Error::file(path, "changed while it was being hashed; try again when it is complete"));
    }
    Ok(FileDigest {
        path: absolute.to_str().expect("checked by locate").to_string(),
        sha256: hex(&hasher.finalize()),
        size: done,
        modified_at: meta.modified().ok().map(|t| crate::time::rfc3339(t.into())),
    })
}

/// The outcome of re-hashing one evidence file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    Intact,
    Changed,
    Missing,
}

impl Check {
    pub fn as_str(self) -> &'static str {
        match self {
            Check::Intact => "intact",
            Check::Changed => "changed",
            Check::Missing => "missing",
        }
    }
}

/// Re-hashes a file and compares it with what was pinned. A file that is gone or can no longer be read
/// is `missing`; returns the new digest when there is one.
pub fn recheck(
    path: &str,
    sha256: &str,
    size: u64,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<(Check, Option<FileDigest>)> {
    match hash_file(Path::new(path), progress) {
        Ok(d) if d.sha256 == sha256 && d.size == size => Ok((Check::Intact, Some(d))),
        Ok(d) => Ok((Check::Changed, Some(d))),
        Err(Error::Cancelled) => Err(Error::Cancelled),
        Err(_) => Ok((Check::Missing, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

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
        std::fs::remove_file(&path).unwrap();
        assert_eq!(check(&d.path), Check::Missing);
    }
}
