//! How a bulk fill relaxes its connection and the workspace's indexes for the time it runs, and puts
//! them back: the journal it writes through, its page cache, and the indexes it builds after the rows.

use rusqlite::{Connection, OptionalExtension};

use crate::Result;
use crate::store::Store;

/// The indexes whose keys a fill writes in no order (a value, a name, a date), each built after the rows
/// by [`build_set_aside`] when the fill adds more cases than the workspace holds: built from the rows, an
/// index is sorted once and written page after page, where each row's insert lands on a page anywhere in
/// it, which at a million cases no longer fits in the page cache. The indexes a fill's own reads use
/// (each table's by case) and the keys that arrive in order are kept.
const BUILT_AFTER_ROWS: [&str; 10] = [
    "identifier_match",
    "identifier_loose",
    "payment_account",
    "payment_account_loose",
    "subject_name",
    "case_title",
    "case_risk",
    "case_priority",
    "case_status_updated",
    "case_updated",
];

/// Indexes dropped by [`set_indexes_aside`], with the definitions to build them again.
#[derive(Debug)]
#[must_use = "the indexes are gone until built again"]
pub struct SetAside(Vec<String>);

/// Drops the indexes of [`BUILT_AFTER_ROWS`], on the caller's transaction, keeping each one's definition as
/// SQLite holds it, word for word, so that [`build_set_aside`] makes it again as it was. Only when every
/// table, view and index is defined as vetdesk made it: with one added, changed or dropped behind its back,
/// nothing is set aside (the fill writes through the indexes as they are, and `audit verify` names the
/// change), so the definitions run again are vetdesk's own. Nothing outside the transaction ever sees the
/// workspace without them: it commits only after they are built again, and a failure or a crash in between
/// rolls the drop back with everything else.
pub fn set_indexes_aside(conn: &Connection) -> Result<SetAside> {
    let mut kept = Vec::new();
    if !crate::store::objects_changed(conn)?.is_empty() {
        return Ok(SetAside(kept));
    }
    for name in BUILT_AFTER_ROWS {
        let sql: Option<String> = conn
            .query_row("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1", [name], |r| r.get(0))
            .optional()?
            .flatten();
        if let Some(sql) = sql {
            conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
            kept.push(sql);
        }
    }
    Ok(SetAside(kept))
}

/// Memory SQLite may sort an index's keys in while [`build_set_aside`] builds it, in KiB. SQLite sorts in
/// as much memory as the page cache may hold (here [`BULK_CACHE_KIB`]) before it writes sorted runs out to
/// merge; at a million cases one index's keys took 440 MiB more at the fill's peak. With this much, the
/// fill's peak stays what it was before the indexes were built after the rows.
const SORT_KIB: i64 = 128 * 1024;

/// Builds again the indexes [`set_indexes_aside`] dropped, from the rows now in their tables, sorting in
/// at most [`SORT_KIB`] of memory.
pub fn build_set_aside(conn: &Connection, aside: SetAside) -> Result<()> {
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -SORT_KIB)?;
    let built = aside.0.iter().try_for_each(|sql| conn.execute(sql, []).map(|_| ()));
    conn.pragma_update(None, "cache_size", cache)?;
    Ok(built?)
}

/// A connection's settings while a bulk fill runs, and the ones they replaced: see [`begin_bulk`].
#[derive(Debug)]
pub struct BulkMode {
    synchronous: i64,
    cache_size: i64,
    autocheckpoint: i64,
    /// Whether the fill left the write-ahead log for the rollback journal.
    rollback: bool,
}

impl BulkMode {
    /// Whether the fill writes through the rollback journal (it has the workspace to itself).
    pub fn rollback(&self) -> bool {
        self.rollback
    }
}

/// Page cache while a bulk fill runs, in KiB: room for every page one commit of a fill changes, so none
/// is written out twice within it.
pub const BULK_CACHE_KIB: i64 = 512 * 1024;

/// Relaxes the workspace's connection for a bulk fill: a page cache of [`BULK_CACHE_KIB`], and a journal
/// that suits writing many new pages.
///
/// - With the workspace to itself, the fill leaves the write-ahead log for SQLite's rollback journal
///   (`journal_mode=TRUNCATE`, `synchronous` stays FULL). A page new to the file is then written once,
///   into the file, where the log writes it twice (into the log, then at the checkpoint); only pages that
///   were in the file before a commit are copied to the journal first. A crash leaves the journal, which
///   SQLite plays back when the workspace is next opened: the commits before the crash stay, the one it
///   interrupted is undone. The fill holds the workspace meanwhile (see [`leave_the_log`]): another
///   vetdesk that opens it waits, up to its busy timeout.
/// - With another connection open, SQLite refuses to leave the log (at once, without waiting): the fill
///   runs in the log with `synchronous=NORMAL` (a commit is then not flushed on its own, but the file
///   cannot be damaged: the log is flushed before each checkpoint), and no automatic checkpoint after
///   each commit (each would write every changed page into the workspace file again). The fill
///   checkpoints with [`bulk_checkpoint`] now and then.
///
/// [`end_bulk`] puts everything back.
pub fn begin_bulk(store: &Store) -> Result<BulkMode> {
    let conn = store.conn();
    let get = |name: &str| conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get::<_, i64>(0));
    let mut before = BulkMode {
        synchronous: get("synchronous")?,
        cache_size: get("cache_size")?,
        autocheckpoint: get("wal_autocheckpoint")?,
        rollback: false,
    };
    if store.path().is_some() {
        before.rollback = leave_the_log(conn)?;
    }
    if !before.rollback {
        conn.pragma_update(None, "synchronous", "normal")?;
        conn.query_row("PRAGMA wal_autocheckpoint = 0", [], |_| Ok(()))?;
    }
    conn.pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
    Ok(before)
}

/// Switches the connection to the rollback journal and takes the workspace for itself until
/// [`end_bulk`]: SQLite's exclusive locking mode, the lock taken at once. Another process can then
/// neither write in the log meanwhile (a connection in the log and one in the journal at the same time
/// would each miss the other's changes) nor switch the workspace back: it waits, up to its busy timeout.
/// `false` when another connection has the workspace open: the log stays, and so do the usual locks.
fn leave_the_log(conn: &Connection) -> Result<bool> {
    conn.query_row("PRAGMA locking_mode = exclusive", [], |_| Ok(()))?;
    // Busy (another connection has the log open) is the expected refusal; anything else is an error.
    let switched = match conn.query_row("PRAGMA journal_mode = truncate", [], |r| r.get::<_, String>(0)) {
        Ok(mode) => mode == "truncate",
        Err(e) if crate::store::is_busy(&e) => false,
        Err(e) => return Err(e.into()),
    };
    if switched {
        conn.execute_batch("BEGIN EXCLUSIVE; COMMIT")?;
        // Forget every page read while in the log. SQLite does not: a commit made in the log by another
        // process since this connection last read goes unnoticed (the log does not advance the file's
        // change counter, which is what a connection in the journal checks), and the fill would write
        // its stale pages back over that commit.
        conn.execute_batch("PRAGMA shrink_memory")?;
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if mode == "truncate" {
            return Ok(true);
        }
    }
    conn.query_row("PRAGMA locking_mode = normal", [], |_| Ok(()))?;
    Ok(false)
}

/// Undoes [`leave_the_log`]: the usual locking first, then the log. In that order, because a connection
/// that enters the log in exclusive locking mode keeps the file to itself until it leaves the log again;
/// the lock goes with the next read.
fn rejoin_the_log(store: &Store) -> Result<()> {
    let conn = store.conn();
    conn.query_row("PRAGMA locking_mode = normal", [], |_| Ok(()))?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
    store.use_wal()
}

/// Copies the write-ahead log into the workspace file and empties it; the log is flushed to disk first.
/// Nothing to do when the fill runs in the rollback journal.
pub fn bulk_checkpoint(store: &Store) -> Result<()> {
    store.conn().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// Ends a bulk fill: back to the write-ahead log, or a checkpoint of it (under the workspace's own
/// `synchronous` setting), then the settings [`begin_bulk`] replaced.
pub fn end_bulk(store: &Store, before: BulkMode) -> Result<()> {
    let conn = store.conn();
    conn.pragma_update(None, "synchronous", before.synchronous)?;
    let back = if before.rollback { rejoin_the_log(store) } else { Ok(()) };
    let checkpoint = back.and_then(|()| bulk_checkpoint(store));
    conn.pragma_update(None, "cache_size", before.cache_size)?;
    conn.query_row(&format!("PRAGMA wal_autocheckpoint = {}", before.autocheckpoint), [], |_| Ok(()))?;
    checkpoint
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_indexes_defined_as_vetdesk_made_them_are_set_aside_and_built_again() {
        let mut store = Store::open_in_memory().expect("store");
        let definitions = |store: &Store| -> Vec<String> {
            let mut stmt =
                store.conn().prepare("SELECT sql FROM sqlite_master WHERE type = 'index' ORDER BY name").expect("read");
            stmt.query_map([], |r| r.get::<_, Option<String>>(0))
                .expect("read")
                .map(|r| r.expect("row").unwrap_or_default())
                .collect()
        };
        let made = definitions(&store);
        let set_aside = store
            .write(|tx| {
                let aside = set_indexes_aside(tx)?;
                let n = aside.0.len();
                build_set_aside(tx, aside)?;
                Ok(n)
            })
            .expect("set aside and built");
        assert_eq!(set_aside, BUILT_AFTER_ROWS.len());
        assert_eq!(definitions(&store), made, "built again word for word");
        store
            .conn()
            .execute_batch("DROP INDEX case_title; CREATE INDEX case_title ON \"case\" (title)")
            .expect("changed");
        let changed = definitions(&store);
        let set_aside = store.write(|tx| Ok(set_indexes_aside(tx)?.0.len())).expect("nothing set aside");
        assert_eq!(set_aside, 0);
        assert_eq!(definitions(&store), changed);
    }
}
