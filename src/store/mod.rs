//! SQLite: opening a workspace (pragmas, permissions, migrations) and the SQL for each table group.
//! Nothing outside this module writes SQL.

pub mod answers;
pub mod audit;
pub mod bulk;
pub mod bundle;
pub mod case_page;
pub mod case_rows;
pub mod cases;
pub mod cipher;
pub mod controls;
pub mod evidence;
pub mod fts;
pub mod identifiers;
mod identity;
pub mod key_tags;
pub mod keys;
pub mod links;
pub mod lists;
pub mod marks;
mod media;
mod native;
pub mod notes;
pub mod organization;
pub mod payments;
pub mod resumes;
pub mod roster;
pub mod roster_review;
mod schema;
pub mod seal;
pub mod search;
pub mod settings;
pub mod subjects;
pub mod suggestions;
pub mod swap;
pub mod void;

use std::fs::{DirBuilder, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior};

use crate::{Error, Result};
pub use cipher::Passphrase;
pub use schema::{objects_changed, schema_steps, schema_triggers};

/// `PRAGMA application_id` of a vetdesk workspace: "vetd".
const APPLICATION_ID: i32 = 0x7665_7464;
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// Prepared statements kept per connection.
const STATEMENT_CACHE: usize = 128;

/// An open workspace database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    read_only: bool,
    notices: Vec<String>,
    /// The passphrase of an encrypted workspace (SQLCipher), for the connections opened after this one.
    key: Option<Arc<Passphrase>>,
    /// How long a write waits for another program's write to end.
    busy_wait: Duration,
    /// The workspace file's device and inode as opened: see [`Store::check_still_named`].
    file_id: Option<(u64, u64)>,
}

/// Refuses a write when the workspace's `path` no longer leads to the file `opened`: renamed, deleted or
/// replaced by another file while vetdesk had it open (a workstation left open all day). The write would
/// go into a file no name leads to, its log beside the old name, and the change be lost after a "saved".
/// Checked when a write begins, and again before it commits (a long one may outlast the name).
fn still_named(path: Option<&Path>, opened: Option<(u64, u64)>) -> Result<()> {
    match (path, opened) {
        (Some(path), Some(opened)) if file_id(path) != Some(opened) => Err(Error::Workspace {
            path: path.to_path_buf(),
            reason: "was moved, renamed or deleted while vetdesk had it open: its name no longer leads to the file \
                     opened; nothing was changed. Put the file back, or open it where it now is"
                .into(),
        }),
        _ => Ok(()),
    }
}

/// A file's device and inode, `None` when its name leads to nothing.
fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// How long a write waits, unless set otherwise, for another program's write to end.
const BUSY_WAIT: Duration = Duration::from_secs(10);

/// Told just before a workspace made by an earlier vetdesk is upgraded: its path, its schema version and
/// the one it is upgraded to. The command line says so on standard error, as a large upgrade can take minutes.
static BEFORE_UPGRADE: OnceLock<fn(&Path, u32, u32)> = OnceLock::new();

/// Sets what is told before an upgrade (see [`BEFORE_UPGRADE`]); the first call in a process is kept.
pub fn on_upgrade(tell: fn(&Path, u32, u32)) {
    let _ = BEFORE_UPGRADE.set(tell);
}

/// The schema version this vetdesk writes.
pub fn latest_version() -> u32 {
    schema_steps().last().map_or(0, |s| s.0)
}

impl Store {
    /// Opens the workspace at `path`, creating it (mode 0600, folders 0700) when it does not exist and
    /// upgrading it to the latest schema. Anything that is not a regular file is refused before it is
    /// opened (a FIFO would block). A workspace that cannot be written — its permissions forbid it, or
    /// its folder or file system is read-only — is opened read-only. Group or world access is removed.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_keyed(path, None)
    }

    /// [`Store::open`] for an encrypted workspace when `key` is given: the file is read with it, or an
    /// empty or missing file becomes a new encrypted workspace. A key that does not open the file is
    /// [`Error::WrongPassphrase`]; a plain workspace is refused rather than read with a key.
    pub fn open_keyed(path: &Path, key: Option<Arc<Passphrase>>) -> Result<Store> {
        let fail = |reason: &str| Error::Workspace { path: path.to_path_buf(), reason: reason.to_string() };
        let mut notices = Vec::new();
        let read_only = match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => return Err(fail("is a folder, not a workspace file")),
            Ok(meta) if !meta.is_file() => {
                return Err(fail(&format!(
                    "is {}, not a workspace file",
                    crate::files::kind_of(&meta.file_type()).unwrap_or("not a regular file")
                )));
            }
            Ok(meta) => {
                if key.is_none() {
                    identity::check_magic(path).map_err(|reason| fail(&reason))?;
                    identity::check_logged(path).map_err(|reason| fail(&reason))?;
                } else if meta.len() > 0 && !cipher::is_encrypted(path) {
                    return Err(fail("is a plain workspace, not an encrypted one"));
                }
                // Before SQLite opens them: it gives new -wal and -shm files the workspace's mode.
                media::tighten(path, &mut notices);
                media::tighten_companions(path, &mut notices);
                meta.permissions().readonly() || !media::writable(path)
            }
            // A link to nothing is no place to make a workspace: what it names is not what was given.
            Err(_) if let Some(reason) = crate::files::unresolved_link(path) => return Err(fail(&reason)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => match create_file(path, key.as_deref()) {
                Ok(()) => false,
                // Another process created it a moment ago: open it as the existing workspace it is.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && path.is_file() => {
                    return Store::open_keyed(path, key);
                }
                Err(e) => return Err(fail(&format!("cannot create: {e}"))),
            },
            Err(e) => return Err(fail(&e.to_string())),
        };
        let wrong_key =
            |e: &rusqlite::Error| key.is_some() && e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase);
        let conn = media::connect(path, read_only, key.as_deref()).map_err(|e| {
            if wrong_key(&e) {
                return Error::WrongPassphrase { path: path.to_path_buf() };
            }
            let stranded = if read_only { media::stranded_changes(path, &e) } else { None };
            fail(&stranded.unwrap_or_else(|| sqlite_reason(&e)))
        })?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            read_only,
            notices,
            key: key.clone(),
            busy_wait: BUSY_WAIT,
            file_id: file_id(path),
        };
        store.prepare().map_err(|e| match e {
            Error::Sqlite(s) if wrong_key(&s) => Error::WrongPassphrase { path: path.to_path_buf() },
            Error::Sqlite(s) => fail(&sqlite_reason(&s)),
            other => other,
        })?;
        Ok(store)
    }

    /// What opening the workspace had to do that the user should hear about once (permissions
    /// tightened, …). Taking them empties the list.
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    /// A private in-memory workspace, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        native::start();
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
            read_only: false,
            notices: Vec::new(),
            key: None,
            busy_wait: BUSY_WAIT,
            file_id: None,
        };
        store.prepare()?;
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The same workspace opened again by this process (a worker thread's own connection), as it was
    /// opened: without the checks [`Store::open_keyed`] makes on the file itself, which open and close it
    /// outside SQLite. Closing any descriptor of a file drops every POSIX lock the process holds on it,
    /// the first connection's included, after which another program's last close deletes the write-ahead
    /// log this process still writes to. `None` for a workspace in memory.
    pub fn sibling(&self) -> Result<Option<Store>> {
        let Some(path) = &self.path else { return Ok(None) };
        let conn = media::connect(path, self.read_only, self.key.as_deref())?;
        let mut store = Store {
            conn,
            path: Some(path.clone()),
            read_only: self.read_only,
            notices: Vec::new(),
            key: self.key.clone(),
            busy_wait: self.busy_wait,
            // The file this workspace opened, not whatever the name leads to now.
            file_id: self.file_id,
        };
        store.prepare()?;
        Ok(Some(store))
    }

    /// A second, read-only connection to the same file, for reading on another thread; `None` for a
    /// workspace in memory.
    pub fn reader(&self) -> Result<Option<Connection>> {
        let Some(path) = &self.path else { return Ok(None) };
        let conn = media::connect(path, true, self.key.as_deref())?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        Ok(Some(conn))
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The passphrase of an encrypted workspace; `None` for a plain one.
    pub fn key(&self) -> Option<&Arc<Passphrase>> {
        self.key.as_ref()
    }

    fn prepare(&mut self) -> Result<()> {
        self.conn.busy_timeout(self.busy_wait)?;
        // Sealing a case reads each of its tables with a statement of its own: more than rusqlite's
        // default 16 cached statements, which would then be prepared again on every write.
        self.conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        self.conn.pragma_update(None, "foreign_keys", true)?;
        if !self.read_only {
            self.use_wal()?;
            self.conn.pragma_update(None, "synchronous", "full")?;
        }
        self.migrate()
    }

    /// Switches a new workspace to WAL. The switch needs the file to itself and SQLite does not wait for
    /// it on the busy timeout, so two processes creating a workspace at once would fail: retry instead.
    pub(super) fn use_wal(&self) -> Result<()> {
        let started = std::time::Instant::now();
        loop {
            // An in-memory workspace answers "memory": SQLite keeps the mode it cannot change.
            match self.conn.query_row("PRAGMA journal_mode = wal", [], |r| r.get::<_, String>(0)) {
                Ok(_) => return Ok(()),
                Err(e) if is_busy(&e) && started.elapsed() < Duration::from_secs(10) => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// The schema version. SQLite stores a signed 32-bit number; a negative one is no vetdesk's.
    fn user_version(conn: &Connection) -> Result<u32> {
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        u32::try_from(version).map_err(|_| {
            Error::invalid(format!(
                "has schema version {version}, which no vetdesk writes; it is damaged or not a vetdesk workspace"
            ))
        })
    }

    /// Applies each schema step above the workspace's `user_version`, one transaction per step.
    fn migrate(&mut self) -> Result<()> {
        let steps = schema_steps();
        let latest = latest_version();
        // Read in one snapshot: another process may be creating the schema at this moment.
        let snapshot = self.conn.unchecked_transaction()?;
        let current = Self::user_version(&snapshot).map_err(|e| match e {
            Error::Invalid(reason) => self.fail(reason),
            other => other,
        })?;
        let app_id: i32 = snapshot.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let tables: i64 = snapshot.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        drop(snapshot);
        identity::verdict(i64::from(current), app_id, tables > 0).map_err(|reason| self.fail(reason))?;
        if current == latest {
            return Ok(());
        }
        if self.read_only {
            return Err(
                self.fail(format!("is read-only and needs upgrading from schema version {current} to {latest}"))
            );
        }
        if let (Some(tell), Some(path), true) = (BEFORE_UPGRADE.get(), &self.path, current > 0) {
            tell(path, current, latest);
        }
        // Every step in one transaction: a step that fails leaves the workspace as it was, not half upgraded
        // (a schema version set back behind vetdesk's back makes a step meet the tables it creates).
        let path = self.path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        let failed = |version: u32, e: Error| {
            let why = e.to_string();
            // SQLite's message ends with the statement it failed in, from its next line on: not repeated.
            let first: String =
                why.lines().next().unwrap_or_default().trim_end().trim_end_matches(" in").chars().take(200).collect();
            let path = path.clone();
            Error::Workspace {
                path,
                reason: format!(
                    "could not be upgraded at schema step {version} ({first}); nothing was changed. If its schema version \
                 (user_version) was changed behind vetdesk's back, restore the workspace from a copy you trust"
                ),
            }
        };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
        // Another process may have upgraded the workspace while this one waited for the lock.
        let at = Self::user_version(&tx)?;
        for &(version, sql) in steps.iter().filter(|(version, _)| *version > at) {
            // Step 13 remakes the full-text indexes, which takes code around its SQL.
            let applied =
                if version == 13 { fts::remake(&tx, sql) } else { tx.execute_batch(sql).map_err(Error::from) };
            applied.map_err(|e| failed(version, e))?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.pragma_update(None, "user_version", version)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn fail(&self, reason: String) -> Error {
        Error::Workspace { path: self.path.clone().unwrap_or_else(|| PathBuf::from(":memory:")), reason }
    }

    /// Runs `f` in one write transaction (taken at once, so two processes queue instead of failing on
    /// a lock upgrade). Any error rolls everything back.
    pub fn write<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(self.fail("is read-only; nothing was changed".into()));
        }
        self.check_still_named()?;
        let (path, opened) = (self.path.clone(), self.file_id);
        let named = move || still_named(path.as_deref(), opened);
        let run = |conn: &mut Connection| -> Result<T> {
            // Inside a transaction held for checks and writes together ([`Store::begin_hold`]): a savepoint.
            if !conn.is_autocommit() {
                let sp = conn.savepoint()?;
                let out = f(&sp)?;
                sp.commit()?;
                return Ok(out);
            }
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            // Checked again before the commit: a long write (a demo fill) may outlast the name.
            named()?;
            tx.commit()?;
            Ok(out)
        };
        let out = run(&mut self.conn);
        out.map_err(|e| self.explain(e))
    }

    /// Takes one write transaction for what follows until [`Store::end_hold`], so that what is read to
    /// decide a change (is the record voided, is the value already recorded, what did it hold) is what the
    /// change's writes change: no other program writes in between. Writes made meanwhile through
    /// [`Store::write`] are savepoints of it. Refused at once on a read-only workspace.
    pub fn begin_hold(&mut self) -> Result<()> {
        if self.read_only {
            return Err(self.fail("is read-only; nothing was changed".into()));
        }
        self.check_still_named()?;
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(|e| self.explain(e.into()))
    }

    /// [`still_named`] for this workspace: checked when a write begins.
    fn check_still_named(&self) -> Result<()> {
        still_named(self.path.as_deref(), self.file_id)
    }

    /// Ends what [`Store::begin_hold`] began: commits it, or rolls it all back.
    pub fn end_hold(&mut self, commit: bool) -> Result<()> {
        let ended = self.conn.execute_batch(if commit { "COMMIT" } else { "ROLLBACK" });
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        ended.map_err(|e| self.explain(e.into()))
    }

    /// Runs `read`, which only reads, in one read transaction: everything it reads is the workspace at one
    /// moment, however many statements it takes (a summary, a case's links), and the file's locks are taken
    /// once instead of for every statement (at a million cases `links ID` of a demo case ran some 500
    /// statements, each taking and dropping its lock). Inside a transaction already, `read` just runs.
    pub fn snapshot<T, E: From<rusqlite::Error>>(
        &self,
        read: impl FnOnce() -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if !self.conn.is_autocommit() {
            return read();
        }
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let out = read();
        // Nothing was written: ending it cannot lose anything, and an error while ending is the read's own.
        let ended = self.conn.execute_batch("COMMIT");
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        let out = out?;
        ended?;
        Ok(out)
    }

    /// A write's failure in the words vetdesk uses for it.
    fn explain(&self, e: Error) -> Error {
        match e {
            Error::Sqlite(ref s) if is_read_only(s) => self.fail("is read-only; nothing was changed".into()),
            // The tally's triggers write to it with every audit row: without it no change can be recorded.
            Error::Sqlite(ref s) if s.to_string().contains("no such table: main.audit_tally") => self.fail(
                "has lost its audit trail's row tally (audit_tally), removed behind vetdesk's back; nothing was \
                 changed. Run `vetdesk audit verify` and restore the workspace from a copy you trust"
                    .into(),
            ),
            Error::Sqlite(ref s) if is_busy(s) => self.fail(format!(
                "is busy: another program has been writing to it for {} s; nothing was changed, try again",
                self.busy_wait.as_secs_f64()
            )),
            other => other,
        }
    }

    /// How long a write waits for another program's write to end before it gives up (10 s unless set):
    /// the workstation waits less, so that a key never freezes the screen for long.
    pub fn set_busy_timeout(&mut self, wait: Duration) -> Result<()> {
        self.busy_wait = wait;
        Ok(self.conn.busy_timeout(wait)?)
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Creates a new, empty workspace file (mode 0600, folders 0700) that is already a database in WAL mode.
/// SQLite writes the first page through a rollback journal; that is done under a temporary name beside
/// it, so a crash never leaves a half-made workspace with a journal at `path`. The file is then linked
/// into place, which fails with `AlreadyExists` when another process created the workspace meanwhile.
/// Where the file system has no hard links (FAT), it is renamed into place instead.
fn create_file(path: &Path, key: Option<&Passphrase>) -> std::io::Result<()> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(parent) = parent {
        DirBuilder::new().recursive(true).mode(0o700).create(parent)?;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = parent.unwrap_or(Path::new(".")).join(format!(".{name}.{}.new", std::process::id()));
    let remove_temp = || {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let mut file = temp.as_os_str().to_os_string();
            file.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(file));
        }
    };
    remove_temp();
    OpenOptions::new().write(true).create_new(true).mode(0o600).open(&temp)?;
    let made = media::connect(&temp, false, key)
        .and_then(|conn| {
            conn.query_row("PRAGMA journal_mode = wal", [], |_| Ok(()))?;
            conn.close().map_err(|(_, e)| e)
        })
        .map_err(std::io::Error::other);
    let placed = made.and_then(|()| match std::fs::hard_link(&temp, path) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists && !path.exists() => std::fs::rename(&temp, path),
        other => other,
    });
    remove_temp();
    placed
}

/// Whether `e` says another connection holds the database locked.
pub(crate) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

fn is_read_only(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly)
}

fn extended_code(e: &rusqlite::Error) -> Option<std::os::raw::c_int> {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.extended_code),
        _ => None,
    }
}

fn sqlite_reason(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => "is not a vetdesk workspace (not a SQLite database)".into(),
        Some(rusqlite::ErrorCode::ReadOnly) if extended_code(e) == Some(rusqlite::ffi::SQLITE_READONLY_ROLLBACK) => {
            "holds a commit that was interrupted (its -journal file); open it once where it can be written, \
             which undoes it"
                .into()
        }
        Some(rusqlite::ErrorCode::ReadOnly) => "is read-only; nothing was changed".into(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            "is busy in another process; try again".into()
        }
        _ => e.to_string(),
    }
}

/// The largest id in `table` (0 when empty): rows added after this have larger ones.
fn last_id(conn: &Connection, table: &str) -> Result<i64> {
    Ok(conn.query_row(&format!("SELECT coalesce(max(id), 0) FROM {table}"), [], |r| r.get(0))?)
}

/// The void of a record from its `voided_at, voided_by, void_reason` columns, starting at `idx`.
pub(crate) fn void_at(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Option<crate::domain::Void>> {
    let at: Option<String> = row.get(idx)?;
    Ok(match at {
        Some(voided_at) => Some(crate::domain::Void {
            voided_at,
            voided_by: row.get::<_, Option<String>>(idx + 1)?.unwrap_or_default(),
            reason: row.get::<_, Option<String>>(idx + 2)?.unwrap_or_default(),
        }),
        None => None,
    })
}

/// Reads a TEXT column holding one of the lowercase words of a `word_enum`.
pub(crate) fn word<T: std::str::FromStr>(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    text.parse().map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unexpected {text:?}").into(),
        )
    })
}

/// A text column as a view shows it: bytes that are not UTF-8 (which vetdesk never writes: an edit behind
/// its back, or damage) as U+FFFD in their place, and whether there were any, instead of an error that
/// would stop the whole view. Only for values shown beside a check that names the edit (the seal of
/// their case), or with a warning of their own, so that one damaged record does not keep an investigator
/// from every other case; a change to a case whose records differ from their seal is refused, so a
/// value read this way is never written back.
pub(crate) fn shown_text(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<(String, bool)> {
    match row.get_ref(idx)? {
        rusqlite::types::ValueRef::Text(bytes) => Ok(match String::from_utf8_lossy(bytes) {
            std::borrow::Cow::Borrowed(text) => (text.to_string(), false),
            std::borrow::Cow::Owned(text) => (text, true),
        }),
        _ => row.get(idx).map(|text| (text, false)),
    }
}

/// [`shown_text`] without saying whether bytes were replaced.
pub(crate) fn shown(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<String> {
    shown_text(row, idx).map(|(text, _)| text)
}

/// Same as [`word`] for a nullable column.
pub(crate) fn opt_word<T: std::str::FromStr>(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Option<T>> {
    match row.get::<_, Option<String>>(idx)? {
        None => Ok(None),
        Some(_) => word(row, idx).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_memory_store_is_at_the_latest_version() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(Store::user_version(store.conn()).unwrap(), latest_version());
        let fk: bool = store.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert!(fk);
    }
}
