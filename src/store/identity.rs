//! Whether a file is a vetdesk workspace this vetdesk can open, told from what the file says of itself
//! (its header, and its write-ahead log when the header lags) before anything opens it to write.

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::{APPLICATION_ID, SQLITE_MAGIC, latest_version};

/// The verdict on a database from its schema version (`user_version`), its `application_id` and whether
/// it holds a schema: a newer vetdesk's workspace, or a database that is not a vetdesk workspace, is
/// refused, saying which.
pub(super) fn verdict(version: i64, app_id: i32, has_schema: bool) -> std::result::Result<(), String> {
    let latest = i64::from(latest_version());
    if version > latest {
        return Err(format!(
            "was written by a newer vetdesk (schema version {version}; this vetdesk knows up to {latest}); use a \
             newer vetdesk"
        ));
    }
    if (version == 0 && has_schema) || (version != 0 && app_id != APPLICATION_ID) {
        return Err("is a SQLite database but not a vetdesk workspace".into());
    }
    Ok(())
}

/// Refuses, from the file's first 100 bytes and before anything opens or changes it, a file that is no
/// SQLite database, a database that is not a vetdesk workspace, and one a newer vetdesk wrote. (The file's
/// header can lag behind its write-ahead log; what it misses, the schema check after opening finds.)
pub(super) fn check_magic(path: &Path) -> std::result::Result<(), String> {
    let mut head = [0u8; 100];
    let mut file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..]).map_err(|e| e.to_string())? {
            0 => break,
            n => read += n,
        }
    }
    if read == 0 {
        return Ok(());
    }
    if head[..16] != *SQLITE_MAGIC {
        return Err("is not a vetdesk workspace (not a SQLite database)".into());
    }
    if read < head.len() {
        return Ok(());
    }
    let int = |at: usize| i32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    let (schema_cookie, user_version, app_id) = (int(40), int(60), int(68));
    verdict(i64::from(user_version), app_id, schema_cookie != 0)
}

/// [`check_magic`] for a database whose write-ahead log holds changes its file's header does not show yet
/// (another program's database, open or left so): what the header and the log say together, read through a
/// read-only connection that neither checkpoints the log nor changes the file. Nothing to do without a log.
pub(super) fn check_logged(path: &Path) -> std::result::Result<(), String> {
    let mut log = path.as_os_str().to_owned();
    log.push("-wal");
    if std::fs::metadata(PathBuf::from(log)).map_or(true, |m| m.len() == 0) {
        return Ok(());
    }
    // A header that names a vetdesk workspace already is one (another vetdesk has it open): no peek, which
    // would open the file once more on every command while another works in it.
    let mut head = [0u8; 72];
    let named = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok_and(|()| {
        let int = |at: usize| i32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
        int(60) != 0 && int(68) == APPLICATION_ID
    });
    if named {
        return Ok(());
    }
    let peek = || -> rusqlite::Result<(i64, i32, i64)> {
        super::native::start();
        let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        conn.query_row(
            "SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id),
                    (SELECT count(*) FROM sqlite_master)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    };
    // What cannot be read so is left to the usual open, which says why.
    let Ok((version, app_id, tables)) = peek() else { return Ok(()) };
    verdict(version, app_id, tables > 0)
}
