//! Checklist marks: one row per catalog item a case has touched.

use rusqlite::{Connection, OptionalExtension, params};

use super::word;
use crate::Result;
use crate::domain::{Mark, MarkState};

fn mark(r: &rusqlite::Row<'_>) -> rusqlite::Result<Mark> {
    Ok(Mark { code: r.get(0)?, state: word(r, 1)?, note: r.get(2)?, marked_by: r.get(3)?, marked_at: r.get(4)? })
}

pub fn upsert(conn: &Connection, case_id: i64, m: &Mark) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO mark (case_id, code, state, note, marked_by, marked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (case_id, code) DO UPDATE SET state = ?3, note = ?4, marked_by = ?5, marked_at = ?6",
    )?
    .execute(params![case_id, m.code, m.state.as_str(), m.note, m.marked_by, m.marked_at])?;
    Ok(())
}

pub fn get(conn: &Connection, case_id: i64, code: &str) -> Result<Option<Mark>> {
    Ok(conn
        .prepare_cached("SELECT code, state, note, marked_by, marked_at FROM mark WHERE case_id = ?1 AND code = ?2")?
        .query_row(params![case_id, code], mark)
        .optional()?)
}

pub fn of_case(conn: &Connection, case_id: i64) -> Result<Vec<Mark>> {
    let mut stmt = conn
        .prepare_cached("SELECT code, state, note, marked_by, marked_at FROM mark WHERE case_id = ?1 ORDER BY code")?;
    let rows = stmt.query_map([case_id], mark)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Code and state of every touched item, for scoring.
pub fn states(conn: &Connection, case_id: i64) -> Result<Vec<(String, MarkState)>> {
    let mut stmt = conn.prepare_cached("SELECT code, state FROM mark WHERE case_id = ?1")?;
    let rows = stmt.query_map([case_id], |r| Ok((r.get(0)?, word(r, 1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Moves a case's mark from one code to another that has none (a catalog upgrade's rename).
pub fn rename(conn: &Connection, case_id: i64, from: &str, to: &str) -> Result<()> {
    conn.prepare_cached("UPDATE mark SET code = ?3 WHERE case_id = ?1 AND code = ?2")?
        .execute(params![case_id, from, to])?;
    Ok(())
}

/// Moves a case's evidence links and suggestion decisions from one checklist code to another. A link or
/// decision the new code already has is kept once.
pub fn rename_references(conn: &Connection, case_id: i64, from: &str, to: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE OR IGNORE evidence_item SET code = ?3
         WHERE code = ?2 AND evidence_id IN (SELECT id FROM evidence WHERE case_id = ?1)",
    )?
    .execute(params![case_id, from, to])?;
    conn.prepare_cached(
        "DELETE FROM evidence_item WHERE code = ?2 AND evidence_id IN (SELECT id FROM evidence WHERE case_id = ?1)",
    )?
    .execute(params![case_id, from])?;
    conn.prepare_cached("UPDATE OR IGNORE suggestion SET code = ?3 WHERE case_id = ?1 AND code = ?2")?
        .execute(params![case_id, from, to])?;
    conn.prepare_cached("DELETE FROM suggestion WHERE case_id = ?1 AND code = ?2")?.execute(params![case_id, from])?;
    Ok(())
}
