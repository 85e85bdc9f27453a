//! The files vetdesk must never write over or hand on: the workspace itself, its journal files and its key
//! folder (the signing key, the recorded heads), and the evidence originals it references by path and
//! never copies.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::Workspace;
use crate::{Error, Result};

impl Workspace {
    /// Refuses `path` as the target of an export (a summary, a MISP or STIX file, a list file, a bundle)
    /// when something other than a regular file is there, when it is in this workspace's key folder (any
    /// folder below it too), or when the file there is this workspace, one of its journal files, or the
    /// file of an evidence record (a voided one too): writing would destroy what the record rests on.
    /// Files are compared by device and inode, so another name for the same file (a relative path, a
    /// link) is refused too.
    pub fn check_output(&self, path: &Path) -> Result<()> {
        crate::export::check_target(path)?;
        if let Some(what) = self.own_file(path)? {
            return Err(Error::file(path, format!("is {what}; nothing was written")));
        }
        let Some(target) = metadata(path)? else { return Ok(()) };
        // An evidence file is looked for under the same file name; a file with other names (hard links)
        // is compared with every evidence record.
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).filter(|_| target.nlink() == 1);
        for (id, recorded) in crate::store::evidence::named(self.store.conn(), name.as_deref())? {
            if same_file(&target, Path::new(&recorded)) {
                return Err(Error::file(
                    path,
                    format!("is the file of evidence #{id}, which vetdesk never writes over; nothing was written"),
                ));
            }
        }
        Ok(())
    }

    /// Refuses `path` as evidence when it is this workspace, one of its journal files or in its key folder:
    /// attached, it would be handed on with the case (`bundle export --with-evidence`), the signing key with
    /// it.
    pub(crate) fn check_not_own(&self, path: &Path) -> Result<()> {
        match self.own_file(path)? {
            Some(what) => Err(Error::file(path, format!("is {what}, not evidence; nothing was attached"))),
            None => Ok(()),
        }
    }

    /// What `path` is of this workspace's own files, if it is one: the workspace, a journal file of it, or
    /// anything in its key folder (a file there, or one that would be created there).
    /// Names `path` as a file holding a key this run uses (`what`: "the workspace's passphrase file"):
    /// [`Workspace::check_output`] then refuses to write over it, since the key would be lost with it.
    pub fn keep_key_file(&mut self, path: &Path, what: &'static str) {
        self.key_files.push((path.to_path_buf(), what));
    }

    fn own_file(&self, path: &Path) -> Result<Option<String>> {
        if let Some(dir) = self.keys().dir().and_then(|d| std::fs::canonicalize(d).ok()) {
            // The folder the file is (or would be) in, with every link resolved.
            let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            if std::fs::canonicalize(folder).is_ok_and(|f| f.starts_with(&dir)) {
                return Ok(Some("in this workspace's key folder".to_string()));
            }
        }
        // By name first: a companion that does not exist yet (a journal, the copy an `encrypt` writes) is
        // still the workspace's, and SQLite or vetdesk would discard what an export wrote there.
        if let Some(db) = self.path()
            && let Some(what) = companion_named(db, path)
        {
            return Ok(Some(what));
        }
        let Some(target) = metadata(path)? else { return Ok(None) };
        if let Some(db) = self.path() {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut name = db.as_os_str().to_owned();
                name.push(suffix);
                if same_file(&target, &PathBuf::from(name)) {
                    return Ok(Some(if suffix.is_empty() {
                        "this workspace".to_string()
                    } else {
                        format!("this workspace's {} file", suffix.trim_start_matches('-'))
                    }));
                }
            }
        }
        if let Some((_, what)) = self.key_files.iter().find(|(file, _)| same_file(&target, file)) {
            return Ok(Some((*what).to_string()));
        }
        // A hard link to a key elsewhere is the key too.
        let keys = self.keys().dir().map(walk).unwrap_or_default();
        if keys.iter().any(|key| same_file(&target, key)) {
            return Ok(Some("a file of this workspace's key folder".to_string()));
        }
        Ok(None)
    }
}

/// The metadata of what is at `path` (links followed), or `None` when nothing is.
/// What `path` is among the files beside workspace `db` that SQLite or vetdesk keep (its journals, the
/// copy, the old name and the claim of an `encrypt` or `decrypt`), compared by name, folders resolved.
fn companion_named(db: &Path, path: &Path) -> Option<String> {
    let resolved = |p: &Path| {
        let folder = p.parent().filter(|f| !f.as_os_str().is_empty()).unwrap_or(Path::new("."));
        Some(std::fs::canonicalize(folder).ok()?.join(p.file_name()?))
    };
    let (db, target) = (resolved(db)?, resolved(path)?);
    const SUFFIXES: [&str; 8] =
        ["-wal", "-shm", "-journal", ".encrypting", ".decrypting", ".plain-old", ".encrypted-old", ".converting"];
    SUFFIXES.iter().find_map(|suffix| {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        (target.as_os_str() == name).then(|| format!("a file this workspace keeps beside it ({suffix})"))
    })
}

fn metadata(path: &Path) -> Result<Option<std::fs::Metadata>> {
    match std::fs::metadata(path) {
        Ok(meta) => Ok(Some(meta)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(crate::files::io_error(path, e)),
    }
}

fn same_file(target: &std::fs::Metadata, other: &Path) -> bool {
    std::fs::metadata(other).is_ok_and(|m| m.dev() == target.dev() && m.ino() == target.ino())
}

/// Every file in `dir` and the folders below it (a key folder holds a few).
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            match entry.file_type() {
                Ok(t) if t.is_dir() => folders.push(entry.path()),
                Ok(_) => out.push(entry.path()),
                Err(_) => {}
            }
        }
    }
    out
}
