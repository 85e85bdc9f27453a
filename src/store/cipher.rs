//! Encryption at rest (SQLCipher): keying a connection, telling an encrypted file from a plain one, and
//! the SQL that copies a workspace into an encrypted or plain file and checks the copy.

use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::Connection;

use super::{SQLITE_MAGIC, Store};
use crate::{Error, Result};

/// A workspace passphrase. Never printed (no `Debug` of the bytes); its bytes are overwritten when it is
/// dropped, and so is the key derived from it.
pub struct Passphrase {
    text: Vec<u8>,
    /// The key derived from the passphrase and a file's salt, kept so that the workspace's further
    /// connections (the workstation's search worker, readers) do not pay the derivation again.
    derived: Mutex<Option<Derived>>,
}

/// A file's salt, the 256-bit key SQLCipher derives from the passphrase with it, and the page
/// authentication the file was found to use (once a connection has read it).
struct Derived {
    salt: [u8; SALT_LEN],
    key: [u8; 32],
    mac: Option<PageMac>,
}

/// How each page of an encrypted file is authenticated. SQLCipher does not record it in the file, so a
/// connection is told before it reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PageMac {
    /// HMAC-SHA256, which vetdesk gives every workspace it encrypts: processors with SHA extensions
    /// compute it about three times as fast as SHA-512, and every page read from the file pays it.
    Sha256,
    /// HMAC-SHA512, SQLCipher 4's default, which workspaces encrypted by vetdesk before 2026-12-03 use.
    /// They are still read; `decrypt` then `encrypt` moves one to SHA-256.
    Sha512,
}

impl PageMac {
    fn pragma_value(self) -> &'static str {
        match self {
            PageMac::Sha256 => "HMAC_SHA256",
            PageMac::Sha512 => "HMAC_SHA512",
        }
    }
}

impl Drop for Derived {
    fn drop(&mut self) {
        wipe(&mut self.key);
    }
}

/// SQLCipher 4's defaults for the key, which vetdesk never changes: the first 16 bytes of the file are the
/// salt, and the page key is PBKDF2-HMAC-SHA512 of the passphrase and the salt with 256,000 iterations.
const SALT_LEN: usize = 16;
const KDF_ITERATIONS: u32 = 256_000;

impl Passphrase {
    /// Whether `other` is the same passphrase (compared in constant time).
    pub fn same_text(&self, other: &Passphrase) -> bool {
        self.text.len() == other.text.len()
            && self.text.iter().zip(&other.text).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }

    /// The first line of `text` (without its line ending). Refuses an empty passphrase and one that is not
    /// UTF-8 (SQLCipher takes it as SQL text).
    pub fn from_first_line(mut text: Vec<u8>) -> Result<Passphrase> {
        let end = text.iter().position(|&b| b == b'\n').unwrap_or(text.len());
        let mut line = text[..end].to_vec();
        wipe(&mut text);
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        let pass = Passphrase { text: line, derived: Mutex::new(None) };
        if pass.text.is_empty() {
            return Err(Error::invalid("the passphrase is empty"));
        }
        if std::str::from_utf8(&pass.text).is_err() {
            return Err(Error::invalid("the passphrase is not UTF-8 text"));
        }
        Ok(pass)
    }

    fn as_str(&self) -> &str {
        // Checked in `from_first_line`, the only way one is made.
        std::str::from_utf8(&self.text).unwrap_or_default()
    }

    /// What `PRAGMA key` is given for a file whose salt is `salt`: the derived key as SQLCipher's raw key
    /// literal (`x'…'`), which SQLCipher uses as it is. The derivation runs once per salt; a passphrase
    /// asked for once opens all of a workspace's connections at the cost of one.
    fn raw_key(&self, salt: [u8; SALT_LEN]) -> String {
        let mut derived = self.derived.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if derived.as_ref().is_none_or(|d| d.salt != salt) {
            let mut key = [0u8; 32];
            pbkdf2::pbkdf2_hmac::<sha2::Sha512>(&self.text, &salt, KDF_ITERATIONS, &mut key);
            *derived = Some(Derived { salt, key, mac: None });
            wipe(&mut key);
        }
        let key = derived.as_ref().map(|d| d.key).unwrap_or_default();
        format!("x'{}'", super::audit::hex(&key))
    }

    /// The page authentication a connection found the file with salt `salt` to use, if one has.
    fn known_mac(&self, salt: [u8; SALT_LEN]) -> Option<PageMac> {
        let derived = self.derived.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        derived.as_ref().filter(|d| d.salt == salt).and_then(|d| d.mac)
    }

    fn remember_mac(&self, salt: [u8; SALT_LEN], mac: PageMac) {
        let mut derived = self.derived.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(d) = derived.as_mut().filter(|d| d.salt == salt) {
            d.mac = Some(mac);
        }
    }
}

impl PartialEq for Passphrase {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

impl Drop for Passphrase {
    fn drop(&mut self) {
        wipe(&mut self.text);
    }
}

/// Overwrites `bytes` with zeros, in a way the optimizer keeps.
pub(crate) fn wipe(bytes: &mut [u8]) {
    for b in bytes.iter_mut() {
        *b = 0;
    }
    std::hint::black_box(bytes);
}

/// Whether the file at `path` is an encrypted workspace as far as vetdesk can tell: it is not empty and
/// does not start with SQLite's header. (SQLCipher's file is random bytes throughout.)
pub fn is_encrypted(path: &Path) -> bool {
    // Asked before opening: opening a FIFO would block.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    // O_NONBLOCK too, should it have become one since.
    let opened = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path);
    let Ok(mut file) = opened else { return false };
    let mut head = [0u8; 16];
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(_) => return false,
        }
    }
    read > 0 && !SQLITE_MAGIC.starts_with(&head[..read])
}

/// The salt at the start of the encrypted file at `path`; `None` for a new, empty file (SQLCipher then
/// makes one and derives the key itself).
fn salt_of(path: &Path) -> Option<[u8; SALT_LEN]> {
    let mut file = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path).ok()?;
    let mut salt = [0u8; SALT_LEN];
    file.read_exact(&mut salt).ok()?;
    Some(salt)
}

/// A connection from `open` to the file at `path`, keyed with `key` when one is given. Silences
/// SQLCipher's log for the whole process first (it writes to standard error on a wrong key, which would
/// land on the workstation's screen).
///
/// A new file is encrypted with HMAC-SHA256 page authentication. An existing one is read with the
/// authentication an earlier connection found, or tried with SHA-256 then SHA-512 ([`PageMac`]), each on
/// a connection of its own from `open`; when neither reads it, the last error (SQLite's "not a
/// database") is returned and the caller calls it a wrong passphrase.
pub(super) fn keyed(
    path: &Path,
    key: Option<&Passphrase>,
    open: impl Fn() -> rusqlite::Result<Connection>,
) -> rusqlite::Result<Connection> {
    super::native::start();
    let conn = open()?;
    conn.query_row("PRAGMA cipher_log = off", [], |_| Ok(()))?;
    let Some(key) = key else { return Ok(conn) };
    // Keying reads the first page (SQLite reloads the schema for a new temporary store), which checks
    // its authentication; a workspace busy with a `demo` fill makes it wait as every vetdesk connection
    // waits.
    let wait = |conn: &Connection| conn.busy_timeout(std::time::Duration::from_secs(10));
    wait(&conn)?;
    let Some(salt) = salt_of(path) else {
        conn.pragma_update(None, "key", key.as_str())?;
        settle(&conn, PageMac::Sha256)?;
        return Ok(conn);
    };
    let raw = key.raw_key(salt);
    if let Some(mac) = key.known_mac(salt) {
        conn.pragma_update(None, "key", &raw)?;
        settle(&conn, mac)?;
        return Ok(conn);
    }
    let mut conn = Some(conn);
    let mut failed = None;
    for mac in [PageMac::Sha256, PageMac::Sha512] {
        let conn = match conn.take() {
            Some(conn) => conn,
            None => open()?,
        };
        wait(&conn)?;
        let read = conn
            .pragma_update(None, "key", &raw)
            .and_then(|()| settle(&conn, mac))
            .and_then(|()| conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)));
        match read {
            Ok(_) => {
                key.remember_mac(salt, mac);
                return Ok(conn);
            }
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => failed = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(failed.unwrap_or(rusqlite::Error::InvalidQuery))
}

/// A keyed connection's page authentication, and its settings: temporary tables and indexes in memory,
/// never in plain temporary files, and a larger page cache.
fn settle(conn: &Connection, mac: PageMac) -> rusqlite::Result<()> {
    conn.pragma_update(None, "cipher_hmac_algorithm", mac.pragma_value())?;
    conn.pragma_update(None, "temp_store", "memory")?;
    // Each page read from the file is decrypted and authenticated: keep more of them decrypted
    // (64 MiB instead of SQLite's 2 MiB), so repeated reads cost what they cost on a plain file.
    conn.pragma_update(None, "cache_size", -65_536)
}

/// Copies the whole database of `conn` (`main`) into the new file `dest`, encrypted with `key` or plain
/// without one, schema version and application id included.
pub(super) fn export(conn: &Connection, dest: &Path, key: Option<&Passphrase>) -> Result<()> {
    let dest = dest.to_str().ok_or_else(|| Error::invalid("the workspace path is not UTF-8"))?;
    conn.execute("ATTACH DATABASE ?1 AS vetdesk_copy KEY ?2", rusqlite::params![dest, key.map_or("", |k| k.as_str())])?;
    let copied = (|| -> Result<()> {
        if key.is_some() {
            conn.pragma_update(Some("vetdesk_copy"), "cipher_hmac_algorithm", PageMac::Sha256.pragma_value())?;
        }
        conn.query_row("SELECT sqlcipher_export('vetdesk_copy')", [], |_| Ok(()))?;
        let version: i64 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
        let app_id: i64 = conn.query_row("PRAGMA main.application_id", [], |r| r.get(0))?;
        conn.execute_batch(&format!(
            "PRAGMA vetdesk_copy.user_version = {version}; PRAGMA vetdesk_copy.application_id = {app_id};"
        ))?;
        Ok(())
    })();
    conn.execute("DETACH DATABASE vetdesk_copy", [])?;
    copied
}

/// The number of rows of every table, by name (SQLite's own tables left out).
pub(super) fn row_counts(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut counts = Vec::new();
    for name in names {
        let quoted = name.replace('"', "\"\"");
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{quoted}\""), [], |r| r.get(0))?;
        counts.push((name, n));
    }
    Ok(counts)
}

/// `PRAGMA integrity_check`: `Ok` when SQLite answers "ok".
pub(super) fn integrity(conn: &Connection) -> Result<()> {
    let answer: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if answer == "ok" {
        Ok(())
    } else {
        Err(Error::invalid(format!("the copy fails SQLite's integrity check: {answer}")))
    }
}

/// Changes the key of an encrypted workspace (SQLCipher re-encrypts every page in one transaction).
pub(super) fn rekey(conn: &Connection, new: &Passphrase) -> Result<()> {
    conn.pragma_update(None, "rekey", new.as_str())?;
    Ok(())
}

impl Store {
    /// Leaves WAL mode: the WAL is checkpointed into the file and removed, so the file holds the whole
    /// workspace. SQLite only does this for a connection that has the file to itself, so it also proves
    /// that no other vetdesk has the workspace open. The next open returns to WAL.
    pub fn leave_wal(&self) -> Result<()> {
        let refused =
            || self.fail("is open in another vetdesk (a workstation or a command); close it there first".into());
        // The log emptied first: SQLite deletes it when it leaves the mode, and a second name given to it
        // meanwhile (a hard link) would keep its pages; emptied, it holds nothing under any name. Without
        // waiting: another connection's reader makes it busy, and then the switch below refuses anyway.
        self.conn.busy_timeout(Duration::ZERO)?;
        let emptied = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        self.conn.busy_timeout(self.busy_wait)?;
        match emptied {
            Err(e) if !super::is_busy(&e) => return Err(e.into()),
            _ => {}
        }
        match self.conn.query_row("PRAGMA journal_mode = delete", [], |r| r.get::<_, String>(0)) {
            Ok(mode) if mode.eq_ignore_ascii_case("delete") => Ok(()),
            Ok(_) => Err(refused()),
            Err(e) if super::is_busy(&e) => Err(refused()),
            Err(e) => Err(e.into()),
        }
    }

    /// Copies the workspace into the new file `dest` ([`export`]).
    pub fn export_to(&self, dest: &Path, key: Option<&Passphrase>) -> Result<()> {
        export(&self.conn, dest, key)
    }

    /// The rows of every table, by table name.
    pub fn row_counts(&self) -> Result<Vec<(String, i64)>> {
        row_counts(&self.conn)
    }

    /// SQLite's integrity check of the whole file.
    pub fn check_integrity(&self) -> Result<()> {
        integrity(&self.conn)
    }

    /// Changes the passphrase of this encrypted workspace; the connections opened later use the new one.
    pub fn rekey(&mut self, new: Passphrase) -> Result<()> {
        if self.key.is_none() {
            return Err(self.fail("is not encrypted; `vetdesk encrypt` encrypts it".into()));
        }
        rekey(&self.conn, &new)?;
        self.key = Some(std::sync::Arc::new(new));
        Ok(())
    }

    /// Takes the workspace for this connection alone until [`Store::share_again`]: out of WAL mode (see
    /// [`Store::leave_wal`]) and under SQLite's exclusive lock, which this connection then keeps across its
    /// transactions. Another process can neither read nor write it meanwhile, nor put it back in WAL
    /// mode; it waits, up to its busy timeout. For `encrypt` and `decrypt`, so that nothing is written
    /// into the workspace between its copy and the swap, where it would be lost with the old file.
    pub fn hold_exclusively(&self) -> Result<()> {
        self.conn.query_row("PRAGMA main.locking_mode = exclusive", [], |_| Ok(()))?;
        let held = self.leave_wal().and_then(|()| {
            self.conn.execute_batch("BEGIN EXCLUSIVE; COMMIT")?;
            let mode: String = self.conn.query_row("PRAGMA main.journal_mode", [], |r| r.get(0))?;
            if mode.eq_ignore_ascii_case("delete") {
                Ok(())
            } else {
                Err(self.fail("was put back in WAL mode by another vetdesk; nothing was changed".into()))
            }
        });
        if held.is_err() {
            let _ = self.release_exclusive();
            let _ = self.use_wal();
        }
        held
    }

    /// Undoes [`Store::hold_exclusively`]: the usual locking, then WAL mode.
    pub fn share_again(&self) -> Result<()> {
        self.release_exclusive()?;
        self.use_wal()
    }

    /// The usual locking again; the exclusive lock goes with the next read.
    fn release_exclusive(&self) -> Result<()> {
        self.conn.query_row("PRAGMA main.locking_mode = normal", [], |_| Ok(()))?;
        self.conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
        Ok(())
    }

    /// Returns to WAL after [`Store::leave_wal`].
    pub fn resume_wal(&self) -> Result<()> {
        self.use_wal()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaving_the_log_empties_it_under_every_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let store = Store::open(&path).unwrap();
        store.conn().execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES ('plain secret')").unwrap();
        let wal = dir.path().join("w.db-wal");
        assert!(std::fs::metadata(&wal).unwrap().len() > 0);
        let kept = dir.path().join("kept");
        std::fs::hard_link(&wal, &kept).unwrap();
        store.leave_wal().unwrap();
        assert!(!wal.exists());
        assert_eq!(std::fs::metadata(&kept).unwrap().len(), 0, "the log's pages are gone under its other name too");
    }

    #[test]
    fn the_passphrase_is_the_first_line_without_its_ending() {
        let p = Passphrase::from_first_line(b"correct horse\r\nsecond line\n".to_vec()).unwrap();
        assert_eq!(p.as_str(), "correct horse");
        assert_eq!(format!("{p:?}"), "Passphrase(…)");
        assert!(Passphrase::from_first_line(b"\nx".to_vec()).is_err());
        assert!(Passphrase::from_first_line(vec![0xff, 0xfe]).is_err());
    }

    #[test]
    fn an_encrypted_store_keeps_temporary_data_in_memory_and_its_reader_is_keyed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let key = || Some(std::sync::Arc::new(Passphrase::from_first_line(b"k".to_vec()).unwrap()));
        let store = Store::open_keyed(&path, key()).unwrap();
        let temp: i64 = store.conn().query_row("PRAGMA temp_store", [], |r| r.get(0)).unwrap();
        assert_eq!(temp, 2, "MEMORY");
        drop(store);
        // Opened again, the file is keyed with the key vetdesk derived from its salt, and a reader opened
        // after it reuses that key.
        let store = Store::open_keyed(&path, key()).unwrap();
        let derived_salt = |s: &Store| s.key().unwrap().derived.lock().unwrap().as_ref().map(|d| d.salt);
        assert_eq!(derived_salt(&store), salt_of(&path));
        let reader = store.reader().unwrap().unwrap();
        let n: i64 = reader.query_row("SELECT count(*) FROM \"case\"", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0);
        drop((reader, store));
        assert!(is_encrypted(&path));
        let wrong = Some(std::sync::Arc::new(Passphrase::from_first_line(b"j".to_vec()).unwrap()));
        assert!(matches!(Store::open_keyed(&path, wrong), Err(Error::WrongPassphrase { .. })));
        assert!(Store::open(&path).is_err(), "not opened as plain");
        let plain = Store::open(&dir.path().join("p.db")).unwrap();
        let temp: i64 = plain.conn().query_row("PRAGMA temp_store", [], |r| r.get(0)).unwrap();
        assert_eq!(temp, 0, "plain workspaces as before");
    }

    #[test]
    fn plain_empty_and_other_files_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.db");
        Connection::open(&plain).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
        assert!(!is_encrypted(&plain));
        let empty = dir.path().join("empty.db");
        std::fs::write(&empty, b"").unwrap();
        assert!(!is_encrypted(&empty));
        let short = dir.path().join("short.db");
        std::fs::write(&short, b"SQLite").unwrap();
        assert!(!is_encrypted(&short), "a prefix of the header is a truncated plain file, not a cipher");
        let other = dir.path().join("other.db");
        std::fs::write(&other, [0x9a; 4096]).unwrap();
        assert!(is_encrypted(&other));
        assert!(!is_encrypted(&dir.path().join("missing.db")));
    }

    fn pass(text: &[u8]) -> Option<std::sync::Arc<Passphrase>> {
        Some(std::sync::Arc::new(Passphrase::from_first_line(text.to_vec()).unwrap()))
    }

    /// Whether a bare SQLCipher connection keyed with `text` and told `mac` reads the file.
    fn reads_with(path: &Path, text: &str, mac: &str) -> bool {
        let conn = Connection::open(path).unwrap();
        conn.query_row("PRAGMA cipher_log = off", [], |_| Ok(())).unwrap();
        conn.pragma_update(None, "key", text).unwrap();
        conn.pragma_update(None, "cipher_hmac_algorithm", mac).unwrap();
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).is_ok()
    }

    #[test]
    fn new_workspaces_authenticate_pages_with_sha256_and_older_sha512_ones_still_open() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.db");
        drop(Store::open_keyed(&new, pass(b"k")).unwrap());
        assert!(reads_with(&new, "k", "HMAC_SHA256"));
        assert!(!reads_with(&new, "k", "HMAC_SHA512"));
        // A new passphrase keeps the authentication.
        let mut store = Store::open_keyed(&new, pass(b"k")).unwrap();
        store.leave_wal().unwrap();
        store.rekey(Passphrase::from_first_line(b"k2".to_vec()).unwrap()).unwrap();
        drop(store);
        assert!(reads_with(&new, "k2", "HMAC_SHA256"));

        // A workspace as vetdesk encrypted it before: SQLCipher 4's defaults throughout.
        let plain = dir.path().join("plain.db");
        drop(Store::open(&plain).unwrap());
        let old = dir.path().join("old.db");
        let conn = Connection::open(&plain).unwrap();
        conn.execute("ATTACH DATABASE ?1 AS old KEY 'k'", [old.to_str().unwrap()]).unwrap();
        conn.query_row("SELECT sqlcipher_export('old')", [], |_| Ok(())).unwrap();
        let version: i64 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0)).unwrap();
        let app: i64 = conn.query_row("PRAGMA main.application_id", [], |r| r.get(0)).unwrap();
        conn.execute_batch(&format!("PRAGMA old.user_version = {version}; PRAGMA old.application_id = {app};"))
            .unwrap();
        drop(conn);
        assert!(reads_with(&old, "k", "HMAC_SHA512"));
        assert!(!reads_with(&old, "k", "HMAC_SHA256"));

        let key = pass(b"k");
        let store = Store::open_keyed(&old, key.clone()).unwrap();
        let mac = |s: &Store| s.key().unwrap().derived.lock().unwrap().as_ref().and_then(|d| d.mac);
        assert_eq!(mac(&store), Some(PageMac::Sha512));
        let reader = store.reader().unwrap().unwrap();
        let n: i64 = reader.query_row("SELECT count(*) FROM \"case\"", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0);
        drop((reader, store));
        assert!(matches!(Store::open_keyed(&old, pass(b"j")), Err(Error::WrongPassphrase { .. })));
    }
}
