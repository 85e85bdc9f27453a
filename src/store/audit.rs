//! The audit trail: append-only and hash-chained. Each row stores
//! `hash = sha256(prev_hash || canonical row)`, where the canonical row is the JSON array
//! `[id, at, actor, action, case_id, details]` and the first row's `prev_hash` is 64 zeros.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::Result;

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub case_id: Option<i64>,
    pub details: serde_json::Value,
    pub hash: String,
}

/// The newest row: its id and hash pin the whole chain before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainHead {
    pub rows: i64,
    pub last_id: i64,
    pub hash: String,
}

/// The outcome of walking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainCheck {
    pub rows: i64,
    pub head: Option<String>,
    /// The first row that does not fit the chain, and why.
    pub broken: Option<(i64, String)>,
}

pub fn hash_row(
    prev: &str,
    id: i64,
    at: &str,
    actor: &str,
    action: &str,
    case_id: Option<i64>,
    details: &str,
) -> String {
    let canonical = serde_json::to_string(&(id, at, actor, action, case_id, details))
        .expect("a tuple of strings and integers serializes");
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(canonical.as_bytes());
    hex(&h.finalize())
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Appends one row after the current head; call inside the transaction that makes the change.
pub fn append(
    conn: &Connection,
    at: &str,
    actor: &str,
    action: &str,
    case_id: Option<i64>,
    details: &serde_json::Value,
) -> Result<i64> {
    let (last_id, prev): (i64, String) = conn
        .query_row("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS.to_string()));
    let id = last_id + 1;
    let details = details.to_string();
    let hash = hash_row(&prev, id, at, actor, action, case_id, &details);
    conn.prepare_cached(
        "INSERT INTO audit (id, at, actor, action, case_id, details, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![id, at, actor, action, case_id, details, prev, hash])?;
    Ok(id)
}

pub fn head(conn: &Connection) -> Result<Option<ChainHead>> {
    Ok(conn
        .query_row("SELECT (SELECT count(*) FROM audit), id, hash FROM audit ORDER BY id DESC LIMIT 1", [], |r| {
            Ok(ChainHead { rows: r.get(0)?, last_id: r.get(1)?, hash: r.get(2)? })
        })
        .optional()?)
}

/// Walks every row in order, recomputing each hash. A changed row fails its own hash; a deleted or
/// inserted row breaks the link (`prev_hash`, or the id sequence) of the row after it.
pub fn verify(conn: &Connection) -> Result<ChainCheck> {
    let mut stmt =
        conn.prepare("SELECT id, at, actor, action, case_id, details, prev_hash, hash FROM audit ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_string();
    let mut expected_id = 1;
    let mut count = 0;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let at: String = r.get(1)?;
        let actor: String = r.get(2)?;
        let action: String = r.get(3)?;
        let case_id: Option<i64> = r.get(4)?;
        let details: String = r.get(5)?;
        let prev_hash: String = r.get(6)?;
        let hash: String = r.get(7)?;
        count += 1;
        let problem = if id != expected_id {
            Some(format!("expected row {expected_id} here; rows were deleted or inserted"))
        } else if prev_hash != prev {
            Some("does not link to the row before it; a row was deleted, inserted or changed".to_string())
        } else if hash != hash_row(&prev_hash, id, &at, &actor, &action, case_id, &details) {
            Some("its contents do not match its hash; the row was changed".to_string())
        } else {
            None
        };
        if let Some(reason) = problem {
            return Ok(ChainCheck { rows: count, head: None, broken: Some((id, reason)) });
        }
        prev = hash;
        expected_id = id + 1;
    }
    Ok(ChainCheck { rows: count, head: (count > 0).then_some(prev), broken: None })
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditRow> {
    let details: String = r.get(5)?;
    Ok(AuditRow {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        case_id: r.get(4)?,
        details: serde_json::from_str(&details).unwrap_or(serde_json::Value::String(details)),
        hash: r.get(6)?,
    })
}

/// Newest first, paged; only one case's rows when `case_id` is given.
pub fn list(conn: &Connection, case_id: Option<i64>, limit: u32, offset: u32) -> Result<Vec<AuditRow>> {
    let sql = "SELECT id, at, actor, action, case_id, details, hash FROM audit
               WHERE ?1 IS NULL OR case_id = ?1 ORDER BY id DESC LIMIT ?2 OFFSET ?3";
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![case_id, limit, offset], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use serde_json::json;

    fn store_with_rows(n: i64) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| {
                for i in 0..n {
                    append(tx, "2026-01-01T00:00:00Z", "ana", "note.add", Some(1), &json!({ "n": i }))?;
                }
                Ok(())
            })
            .unwrap();
        store
    }

    /// Tampering needs the guard triggers gone, as it would for someone editing the file by hand.
    fn tamper(store: &Store, sql: &str) {
        store
            .conn()
            .execute_batch(&format!("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; {sql}"))
            .unwrap();
    }

    #[test]
    fn an_untouched_chain_verifies_and_reports_its_head() {
        let store = store_with_rows(3);
        let check = verify(store.conn()).unwrap();
        assert_eq!(check.broken, None);
        assert_eq!(check.rows, 3);
        assert_eq!(check.head, head(store.conn()).unwrap().map(|h| h.hash));
    }

    #[test]
    fn the_trail_refuses_updates_and_deletes() {
        let store = store_with_rows(1);
        assert!(store.conn().execute("UPDATE audit SET actor = 'x'", []).is_err());
        assert!(store.conn().execute("DELETE FROM audit", []).is_err());
    }

    #[test]
    fn a_changed_row_is_named() {
        let store = store_with_rows(3);
        tamper(&store, "UPDATE audit SET details = '{\"n\":9}' WHERE id = 2");
        let broken = verify(store.conn()).unwrap().broken.unwrap();
        assert_eq!(broken.0, 2);
        assert!(broken.1.contains("changed"));
    }

    #[test]
    fn a_deleted_row_breaks_the_next_one() {
        let store = store_with_rows(3);
        tamper(&store, "DELETE FROM audit WHERE id = 2");
        assert_eq!(verify(store.conn()).unwrap().broken.unwrap().0, 3);
    }

    #[test]
    fn an_inserted_row_with_a_recomputed_hash_still_breaks_the_link_after_it() {
        let store = store_with_rows(3);
        let prev: String = store.conn().query_row("SELECT hash FROM audit WHERE id = 1", [], |r| r.get(0)).unwrap();
        let forged = hash_row(&prev, 2, "2026-01-01T00:00:00Z", "eve", "note.add", Some(1), "{}");
        tamper(
            &store,
            &format!(
                "UPDATE audit SET id = id + 10 WHERE id >= 2;
                 INSERT INTO audit VALUES (2, '2026-01-01T00:00:00Z', 'eve', 'note.add', 1, '{{}}', '{prev}', '{forged}');"
            ),
        );
        assert_eq!(verify(store.conn()).unwrap().broken.unwrap().0, 12);
    }
}
