//! What the investigator decided of roster hits: hits dismissed with a reason, and cases opened from hits
//! with the roster people they name (kept by `roster purge`).

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::Result;

// --- dismissals ------------------------------------------------------------------------------

/// Why, when and by whom a roster hit was set aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dismissal {
    pub reason: String,
    pub dismissed_at: String,
    pub dismissed_by: String,
}

/// Dismissed hits: hit id → (fingerprint, the dismissal).
pub fn dismissals(conn: &Connection) -> Result<std::collections::HashMap<String, (String, Dismissal)>> {
    let mut stmt =
        conn.prepare_cached("SELECT hit, fingerprint, reason, dismissed_at, dismissed_by FROM roster_dismissal")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get(0)?, (r.get(1)?, Dismissal { reason: r.get(2)?, dismissed_at: r.get(3)?, dismissed_by: r.get(4)? })))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The case each hit was opened as (the first, when several were), by hit.
pub fn cases_of_hits(conn: &Connection) -> Result<std::collections::HashMap<String, i64>> {
    let mut stmt = conn.prepare_cached("SELECT hit, min(case_id) FROM roster_case GROUP BY hit")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn dismiss(conn: &Connection, hit: &str, fingerprint: &str, reason: &str, at: &str, by: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO roster_dismissal (hit, fingerprint, reason, dismissed_at, dismissed_by) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (hit) DO UPDATE SET fingerprint = excluded.fingerprint, reason = excluded.reason,
           dismissed_at = excluded.dismissed_at, dismissed_by = excluded.dismissed_by",
        params![hit, fingerprint, reason, at, by],
    )?;
    Ok(())
}

// --- cases -----------------------------------------------------------------------------------

/// Every case the roster names as opened from a hit, or as holding a roster person.
pub fn opened_cases(conn: &Connection) -> Result<Vec<i64>> {
    let sql = "SELECT case_id FROM roster_case UNION SELECT case_id FROM roster_case_person ORDER BY 1";
    Ok(conn.prepare_cached(sql)?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// The case opened from hit `hit`, if one was.
pub fn case_of_hit(conn: &Connection, hit: &str) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached("SELECT min(case_id) FROM roster_case WHERE hit = ?1")?;
    Ok(stmt.query_row([hit], |r| r.get(0))?)
}

pub fn link_case(conn: &Connection, case_id: i64, hit: &str, reason: &str, codes: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO roster_case (case_id, hit, reason, codes) VALUES (?1, ?2, ?3, ?4)",
        params![case_id, hit, reason, codes],
    )?;
    Ok(())
}

pub fn link_person(conn: &Connection, case_id: i64, source: &str, person: &str) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO roster_case_person (case_id, source, person) VALUES (?1, ?2, ?3)",
        params![case_id, source, person],
    )?;
    Ok(())
}

/// The hit a case was opened from: (hit id, reason, catalog codes).
pub fn case_hit(conn: &Connection, case_id: i64) -> Result<Option<(String, String, Vec<String>)>> {
    Ok(conn
        .prepare_cached("SELECT hit, reason, codes FROM roster_case WHERE case_id = ?1")?
        .query_row([case_id], |r| {
            let codes: String = r.get(2)?;
            Ok((r.get(0)?, r.get(1)?, codes.split_whitespace().map(str::to_string).collect()))
        })
        .optional()?)
}

/// Cases opened for a person.
pub fn cases_of(conn: &Connection, source: &str, person: &str) -> Result<Vec<i64>> {
    let mut stmt = conn
        .prepare_cached("SELECT case_id FROM roster_case_person WHERE source = ?1 AND person = ?2 ORDER BY case_id")?;
    let rows = stmt.query_map([source, person], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
