//! Writing exports: readable only by their owner, and atomic, so a half-written report never replaces
//! a whole one. A target that is not a regular file (a symlink, a device, a FIFO, a folder) is refused
//! and left as it was: writing "through" it could land anywhere or block.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use crate::{Error, Result};

/// Writes `bytes` to `path` with mode 0600: into a new temporary file in the same folder (created
/// exclusively), synced, then renamed over `path`.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    check_target(path)?;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| Error::file(path, "is not a file name"))?;
    let tmp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // The rename itself is durable once the folder is synced.
        if let Ok(folder) = std::fs::File::open(dir) {
            let _ = folder.sync_all();
        }
        Ok(())
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::file(path, e)
    })
}

/// Refuses a target that exists and is not a regular file. The link itself is looked at, never
/// followed.
pub fn check_target(path: &Path) -> Result<()> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::file(path, e)),
    };
    let Some(kind) = crate::files::kind_of(&meta.file_type()) else { return Ok(()) };
    Err(Error::file(path, format!("is {kind}; exports replace only regular files, so nothing was written")))
}
