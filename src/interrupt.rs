//! Files a command is writing that must not outlive it when the user stops it with Ctrl-C or `kill`: a
//! bundle being written beside its final name, the evidence files an import is placing. A command that
//! makes such files calls [`clean_up_on_signals`] first; each file is [`Pending`] from when it is made
//! until it is in place or gone. On SIGINT or SIGTERM every pending file is removed and the process ends
//! as the signal would have ended it (exit 130 or 143); a transaction left open is undone by SQLite.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use signal_hook::consts::{SIGINT, SIGTERM};

static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A file removed if the process is stopped while this lives; dropping it (the file renamed into place,
/// kept or removed) takes it off the list.
#[derive(Debug)]
pub struct Pending(PathBuf);

impl Pending {
    pub fn new(path: &Path) -> Pending {
        add(path);
        Pending(path.to_path_buf())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        forget(&self.0);
    }
}

/// Puts `path` on the list of files removed if the process is stopped.
pub fn add(path: &Path) {
    pending().push(path.to_path_buf());
}

/// Takes `path` off that list: it is in place, or gone.
pub fn forget(path: &Path) {
    let mut list = pending();
    if let Some(at) = list.iter().position(|p| p == path) {
        list.swap_remove(at);
    }
}

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// From now on, SIGINT and SIGTERM remove every [`Pending`] file and end the process.
pub fn clean_up_on_signals() -> std::io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            for path in pending().drain(..) {
                let _ = std::fs::remove_file(path);
            }
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pending_file_is_listed_until_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.part");
        let guard = Pending::new(&path);
        assert!(pending().contains(&path));
        drop(guard);
        assert!(!pending().contains(&path));
    }
}
