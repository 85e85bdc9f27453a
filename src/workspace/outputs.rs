//! Where an export may be written: never over the workspace itself, its journal files or its keys, nor
//! over an evidence original, which vetdesk references by path and never copies.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::Workspace;
use crate::{Error, Result};

impl Workspace {
    /// Refuses `path` as the target of an export (a summary, a MISP or STIX file, a list file, a bundle)
    /// when something other than a regular file is there, or when the file there is this workspace, one of
    /// its journal files, a file of its key folder, or the file of an evidence record (a voided one too):
    /// writing would destroy what the record rests on. Files are compared by device and inode, so another
    /// name for the same file (a relative path, a link) is refused too.
    pub fn check_output(&self, path: &Path) -> Result<()> {
        crate::export::check_target(path)?;
        let target = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(crate::files::io_error(path, e)),
        };
        let same =
            |other: &Path| std::fs::metadata(other).is_ok_and(|m| m.dev() == target.dev() && m.ino() == target.ino());
        let refuse = |what: String| Err(Error::file(path, format!("is {what}; nothing was written")));
        if let Some(db) = self.path() {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut name = db.as_os_str().to_owned();
                name.push(suffix);
                if same(&PathBuf::from(name)) {
                    return refuse(if suffix.is_empty() {
                        "this workspace".to_string()
                    } else {
                        format!("this workspace's {} file", suffix.trim_start_matches('-'))
                    });
                }
            }
        }
        let in_keys = self
            .keys()
            .dir()
            .and_then(|dir| std::fs::read_dir(dir).ok())
            .is_some_and(|entries| entries.flatten().any(|entry| same(&entry.path())));
        if in_keys {
            return refuse("a file of this workspace's key folder".to_string());
        }
        // An evidence file is looked for under the same file name; a file with other names (hard links)
        // is compared with every evidence record.
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).filter(|_| target.nlink() == 1);
        for (id, recorded) in crate::store::evidence::named(self.store.conn(), name.as_deref())? {
            if same(Path::new(&recorded)) {
                return refuse(format!("the file of evidence #{id}, which vetdesk never writes over"));
            }
        }
        Ok(())
    }
}
