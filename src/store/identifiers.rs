//! Identifiers: emails, phones, accounts and the rest, raw and normalized.

use rusqlite::{Connection, params};

use super::word;
use crate::Result;
use crate::domain::Identifier;

const COLUMNS: &str = "id, case_id, subject_id, kind, raw, normalized, warning, note, created_at";

fn identifier(r: &rusqlite::Row<'_>) -> rusqlite::Result<Identifier> {
    Ok(Identifier {
        id: r.get(0)?,
        case_id: r.get(1)?,
        subject_id: r.get(2)?,
        kind: word(r, 3)?,
        raw: r.get(4)?,
        normalized: r.get(5)?,
        warning: r.get(6)?,
        note: r.get(7)?,
        created_at: r.get(8)?,
    })
}

pub fn insert(conn: &Connection, i: &Identifier) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO identifier (case_id, subject_id, kind, raw, normalized, warning, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        i.case_id,
        i.subject_id,
        i.kind.as_str(),
        i.raw,
        i.normalized,
        i.warning,
        i.note,
        i.created_at
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn of_case(conn: &Connection, case_id: i64) -> Result<Vec<Identifier>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM identifier WHERE case_id = ?1 ORDER BY kind, id"))?;
    let rows = stmt.query_map([case_id], identifier)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
