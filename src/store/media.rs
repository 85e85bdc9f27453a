//! Where a workspace file lives: what kind of file it is, whether it can be written, who else can read
//! it, and how SQLite opens it when it cannot be written.

use std::fs::{OpenOptions, Permissions};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::Passphrase;
use super::cipher::keyed;
use crate::text::display_path;

/// Whether vetdesk can change the workspace: the file opens for writing (nothing is written) and its
/// folder takes new files, because SQLite keeps its `-wal` and `-shm` files beside the workspace.
/// Both are tried rather than guessed from permission bits, which say nothing about a read-only file
/// system and do not bind root.
pub(super) fn writable(path: &Path) -> bool {
    if OpenOptions::new().write(true).open(path).is_err() {
        return false;
    }
    let dir = folder(path);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let probe = dir.join(format!(".{name}.{}.probe", std::process::id()));
    match OpenOptions::new().write(true).create_new(true).mode(0o600).open(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(e) => e.kind() == std::io::ErrorKind::AlreadyExists,
    }
}

fn folder(path: &Path) -> PathBuf {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf()
}

/// Opens the SQLite connection. Read-only, a WAL workspace still needs its `-shm` file; where the
/// folder cannot take one and there is no `-wal` file holding changes to miss, the file is read as
/// immutable (no locks, no shared memory), which is what read-only media are.
pub(super) fn connect(path: &Path, read_only: bool, key: Option<&Passphrase>) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if !read_only {
        return keyed(path, key, || Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_READ_WRITE));
    }
    let conn = keyed(path, key, || Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_READ_ONLY));
    match conn
        .and_then(|conn| conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).map(|_| conn))
    {
        Ok(conn) => Ok(conn),
        // A commit interrupted in the rollback journal (a `demo` fill's) is undone by the next writable
        // open; read as immutable, the file would show the half-written commit.
        Err(e)
            if e.sqlite_error_code() != Some(rusqlite::ErrorCode::NotADatabase)
                && !holds_changes(&companion(path, "-wal"))
                && !holds_changes(&companion(path, "-journal")) =>
        {
            let uri = format!("file:{}?immutable=1", uri_path(path));
            keyed(path, key, || {
                Connection::open_with_flags(&uri, flags | OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI)
            })
        }
        Err(e) => Err(e),
    }
}

/// Why a workspace that cannot be written did not open, when its `-wal` file holds changes not yet
/// written into it: SQLite reads them through a `-shm` file, which a folder that cannot be written (read-only
/// media) cannot take, and reading the file without them would show an older record.
pub(super) fn stranded_changes(path: &Path, e: &rusqlite::Error) -> Option<String> {
    let wal = companion(path, "-wal");
    (e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen) && holds_changes(&wal)).then(|| {
        format!(
            "has changes in {} not yet written into it, which cannot be read where its folder cannot be \
             written; copy the workspace with that file to a folder that can be written and open it there",
            display_path(&wal)
        )
    })
}

fn holds_changes(wal: &Path) -> bool {
    std::fs::metadata(wal).is_ok_and(|m| m.len() > 0)
}

fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// The path part of a `file:` URI: every byte but unreserved ones and `/` percent-encoded.
fn uri_path(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for &b in absolute.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Removes group and world access from the workspace file, when it belongs to this user, and says so.
pub(super) fn tighten(path: &Path, notices: &mut Vec<String>) {
    let Ok(meta) = std::fs::metadata(path) else { return };
    let mode = meta.mode() & 0o7777;
    if mode & 0o077 == 0 {
        return;
    }
    let open_to = if mode & 0o044 != 0 { "readable" } else { "writable" };
    let shown = display_path(path);
    if !owned_by_me(meta.uid()) {
        notices.push(format!("{shown} is {open_to} by others (mode {mode:04o}) and belongs to another user"));
        return;
    }
    let tight = mode & 0o700;
    match std::fs::set_permissions(path, Permissions::from_mode(tight)) {
        Ok(()) => notices.push(format!("{shown} was {open_to} by others; its permissions are now {tight:04o}")),
        Err(e) => {
            notices.push(format!("{shown} is {open_to} by others (mode {mode:04o}) and could not be changed: {e}"))
        }
    }
}

/// [`tighten`] for the `-wal` and `-shm` files that exist beside the workspace.
pub(super) fn tighten_companions(path: &Path, notices: &mut Vec<String>) {
    for suffix in ["-wal", "-shm"] {
        let file = companion(path, suffix);
        if std::fs::symlink_metadata(&file).is_ok_and(|m| m.is_file()) {
            tighten(&file, notices);
        }
    }
}

/// Whether `uid` is this process's user: `/proc/self` belongs to it. Without `/proc`, vetdesk tries
/// and lets the system refuse.
fn owned_by_me(uid: u32) -> bool {
    std::fs::metadata("/proc/self").map_or(true, |me| me.uid() == uid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_paths_are_percent_encoded() {
        assert_eq!(uri_path(Path::new("/a b/c?d#e%.db")), "/a%20b/c%3Fd%23e%25.db");
    }

    #[test]
    fn group_and_world_access_is_removed_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("w.db");
        std::fs::write(&file, b"").unwrap();
        std::fs::set_permissions(&file, Permissions::from_mode(0o644)).unwrap();
        let mut notices = Vec::new();
        tighten(&file, &mut notices);
        assert_eq!(std::fs::metadata(&file).unwrap().mode() & 0o777, 0o600);
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert!(notices[0].contains("its permissions are now 0600"), "{notices:?}");
        tighten(&file, &mut notices);
        assert_eq!(notices.len(), 1, "said once");
    }

    #[test]
    fn a_commit_interrupted_in_the_rollback_journal_is_refused_read_only_and_undone_by_a_writable_open() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
        let conn = Connection::open(&a).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = truncate; PRAGMA cache_size = 5;
             CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('committed');
             BEGIN;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
             INSERT INTO t SELECT printf('%.500c', 'x') FROM n;",
        )
        .unwrap();
        // The transaction has spilled pages into the file, its journal beside it: a copy of the two
        // is what a crash at this moment leaves (a hot journal, no process holding the file).
        std::fs::copy(&a, &b).unwrap();
        std::fs::copy(companion(&a, "-journal"), companion(&b, "-journal")).unwrap();
        conn.execute_batch("ROLLBACK").unwrap();
        assert!(holds_changes(&companion(&b, "-journal")));

        let refused = connect(&b, true, None).map(|_| ()).unwrap_err();
        assert!(super::super::sqlite_reason(&refused).contains("interrupted"), "{refused}");
        let writable = connect(&b, false, None).unwrap();
        let rows: Vec<String> = writable
            .prepare("SELECT x FROM t")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(rows, ["committed"], "the interrupted commit is undone, the one before it kept");
        let check: String = writable.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok");
    }
}
