//! Decisions on suggested checklist items.

use rusqlite::{Connection, params};

use crate::Result;

/// A recorded decision: (code, basis, decision).
pub fn of_case(conn: &Connection, case_id: i64) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT code, basis, decision FROM suggestion WHERE case_id = ?1")?;
    let rows = stmt.query_map([case_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[allow(clippy::too_many_arguments)]
pub fn insert(
    conn: &Connection,
    case_id: i64,
    code: &str,
    basis: &str,
    decision: &str,
    reason: &str,
    by: &str,
    at: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO suggestion (case_id, code, basis, decision, reason, decided_by, decided_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![case_id, code, basis, decision, reason, by, at])?;
    Ok(())
}
