//! The organisation-controls checklist: one row per control reviewed for the whole workspace.

use rusqlite::{Connection, params};

use super::word;
use crate::Result;
use crate::domain::ControlMark;

pub fn all(conn: &Connection) -> Result<Vec<ControlMark>> {
    let mut stmt =
        conn.prepare_cached("SELECT code, state, note, marked_by, marked_at FROM control_mark ORDER BY code")?;
    let rows = stmt.query_map([], |r| {
        Ok(ControlMark {
            code: r.get(0)?,
            state: word(r, 1)?,
            note: r.get(2)?,
            marked_by: r.get(3)?,
            marked_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn upsert(conn: &Connection, m: &ControlMark) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO control_mark (code, state, note, marked_by, marked_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (code) DO UPDATE SET state = ?2, note = ?3, marked_by = ?4, marked_at = ?5",
    )?
    .execute(params![m.code, m.state.as_str(), m.note, m.marked_by, m.marked_at])?;
    Ok(())
}
