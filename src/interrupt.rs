//! Files a command is writing that must not outlive it when the user stops it with Ctrl-C or `kill`: a
//! bundle being written beside its final name, the evidence files an import is placing. A command that
//! makes such files calls [`clean_up_on_signals`] first; each file is [`Pending`] from when it is made
//! until it is in place or gone. On SIGINT, SIGTERM, SIGHUP (the terminal or the SSH session gone) or
//! SIGQUIT every pending file is removed and the process ends as the signal would have ended it (exit 130,
//! 143, 129, 131); a transaction left open is undone by SQLite. A process killed outright (SIGKILL, a
//! power cut) cannot: the next export or import beside its files removes them ([`clear_leftovers`]).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// What else a stop undoes, after the pending files are removed (see [`on_stop`]).
type Hook = Box<dyn FnOnce() + Send>;
static ON_STOP: Mutex<Option<Hook>> = Mutex::new(None);

/// Whether the signals are already taken: one thread handles them for the whole process.
static INSTALLED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

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

/// From now on, SIGINT, SIGTERM, SIGHUP and SIGQUIT remove every [`Pending`] file, run the [`on_stop`]
/// hook, and end the process. Called again, it changes nothing.
pub fn clean_up_on_signals() -> std::io::Result<()> {
    use std::sync::atomic::Ordering;
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return Ok(());
    }
    let mut signals = match signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT]) {
        Ok(signals) => signals,
        Err(e) => {
            INSTALLED.store(false, Ordering::SeqCst);
            return Err(e);
        }
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            for path in pending().drain(..) {
                let _ = std::fs::remove_file(path);
            }
            let hook = ON_STOP.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
            if let Some(hook) = hook {
                hook();
            }
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// Has a stop by one of those signals run `hook` too (a workspace the stopped command created put away),
/// until [`clear_on_stop`]; a later hook replaces an earlier one. Takes the signals as
/// [`clean_up_on_signals`] does.
pub fn on_stop(hook: impl FnOnce() + Send + 'static) -> std::io::Result<()> {
    clean_up_on_signals()?;
    *ON_STOP.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Box::new(hook));
    Ok(())
}

/// Takes back the [`on_stop`] hook: what it would undo is done.
pub fn clear_on_stop() {
    ON_STOP.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
}

/// What a bundle export writes before it renames it to `output`: `.NAME.PID.part` beside it.
pub fn part_file(output: &Path) -> PathBuf {
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    output.with_file_name(format!(".{name}.{}.part", std::process::id()))
}

/// What a bundle import writes an evidence file to before it is placed: `.vetdesk-import-PID-N` in `dir`.
pub fn import_file(dir: &Path, n: usize) -> PathBuf {
    dir.join(format!(".vetdesk-import-{}-{n}", std::process::id()))
}

/// Removes the files a vetdesk killed outright left in `dir` (one no longer running): the `.NAME.PID.part`
/// of a bundle export to `output` (with `output` given) and every `.vetdesk-import-PID-N` of an import. A
/// file whose process is still running, or whose name is not of these shapes, is left. Returns what it
/// removed, with the process that left it.
pub fn clear_leftovers(dir: &Path, output: Option<&Path>) -> Vec<(PathBuf, u32)> {
    let part = output.and_then(Path::file_name).map(|n| format!(".{}.", n.to_string_lossy()));
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let pid = match name.strip_prefix(".vetdesk-import-") {
            Some(rest) => rest.split_once('-').filter(|(_, n)| n.parse::<usize>().is_ok()).map(|(pid, _)| pid),
            None => part.as_deref().and_then(|p| name.strip_prefix(p)).and_then(|rest| rest.strip_suffix(".part")),
        };
        // Written as vetdesk writes a process number: digits with no leading zero.
        let Some(pid) = pid
            .filter(|p| !p.starts_with('0'))
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|&p| p > 0 && p != std::process::id())
        else {
            continue;
        };
        // A bundle written in part begins as age writes one, or holds nothing yet.
        if !name.starts_with(".vetdesk-import-") && !begins_as_age(&entry.path()) {
            continue;
        }
        let gone = rustix::process::Pid::from_raw(pid as i32)
            .is_some_and(|p| rustix::process::test_kill_process(p) == Err(rustix::io::Errno::SRCH));
        // Only a regular file, not a link planted under such a name.
        let file = entry.file_type().is_ok_and(|t| t.is_file());
        if gone && file && std::fs::remove_file(entry.path()).is_ok() {
            removed.push((entry.path(), pid));
        }
    }
    removed.sort();
    removed
}

/// Whether the file at `path` is empty or begins as an age-encrypted file does (`age-encryption.org/`).
fn begins_as_age(path: &Path) -> bool {
    use std::io::Read;
    const HEADER: &[u8] = b"age-encryption.org/";
    let mut head = [0u8; 19];
    let Ok(file) = std::fs::File::open(path) else { return false };
    let Ok(n) = file.take(HEADER.len() as u64).read(&mut head) else { return false };
    HEADER.starts_with(&head[..n])
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

    /// Only the files of a process no longer running, of the two shapes, are removed.
    #[test]
    fn leftovers_of_a_process_gone_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        // A child that has exited and been waited for: its number names no running process.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let gone = child.id();
        child.wait().unwrap();
        let mine = std::process::id();
        let names = [
            format!(".vetdesk-import-{gone}-0"),
            format!(".out.vdb.{gone}.part"),
            format!(".vetdesk-import-{mine}-0"),
            format!(".other.vdb.{gone}.part"),
            format!(".vetdesk-import-{gone}-x"),
            "notes.txt".to_string(),
            format!(".vetdesk-import-0{gone}-1"),
            format!(".out.vdb.0{gone}.part"),
        ];
        for name in &names {
            std::fs::write(dir.path().join(name), b"age-encryption.org/v1\n").unwrap();
        }
        // Not a bundle: someone's own file under such a name is no vetdesk's.
        let own = format!(".out.vdb.{gone}1.part");
        std::fs::write(dir.path().join(&own), b"my notes").unwrap();
        let removed = clear_leftovers(dir.path(), Some(&dir.path().join("out.vdb")));
        let removed: Vec<String> =
            removed.iter().map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(removed, [names[1].clone(), names[0].clone()]);
        for kept in names[2..].iter().chain([&own]) {
            assert!(dir.path().join(kept).exists(), "{kept}");
        }
    }
}
