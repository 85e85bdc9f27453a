//! The trail as `vetdesk audit log` and the fronts read it: pages of rows, newest first, of the whole
//! workspace or of one case, and rows of one action.

use rusqlite::{Connection, params};

use super::AuditRow;
use crate::Result;

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
        signer: r.get(7)?,
    })
}

/// Newest first, paged; only one case's rows when `case_id` is given.
pub fn list(conn: &Connection, case_id: Option<i64>, limit: u32, offset: u32) -> Result<Vec<AuditRow>> {
    page(conn, case_id, None, limit, offset)
}

/// The (case, row) pairs the rows of no case list in their `cases` (a case id, or an array whose first
/// value is one), as schema step 20 and its trigger write them into `audit_case_ref`.
pub const CASES_LISTED: &str = "SELECT c AS case_id, id AS audit_id FROM (
        SELECT a.id AS id, CASE json_type(j.value) WHEN 'array' THEN j.value ->> 0 ELSE j.value END AS c
        FROM audit a, json_each(a.details, '$.cases') j
        WHERE a.case_id IS NULL AND json_type(a.details, '$.cases') = 'array'
    ) WHERE typeof(c) = 'integer'";

/// The condition of a page of the log: one case's rows through `audit_case`, rows before a cursor by the
/// primary key; no `?1 IS NULL OR` form, which would hide both from the planner.
fn page_condition(case_id: Option<i64>, before: Option<i64>) -> String {
    // A case's rows are its own and the rows of no case that list it (`audit_case_ref`, schema step 20).
    let of_case = "id IN (SELECT id FROM audit WHERE case_id = ?1 UNION ALL
                          SELECT audit_id FROM audit_case_ref WHERE case_id = ?1)";
    match (case_id, before) {
        (Some(_), Some(_)) => format!("{of_case} AND id < ?2"),
        (Some(_), None) => format!("{of_case} AND ?2 IS NULL"),
        (None, Some(_)) => "?1 IS NULL AND id < ?2".to_string(),
        (None, None) => "?1 IS NULL AND ?2 IS NULL".to_string(),
    }
}

/// Newest first: the rows (of one case, with `case_id`: its own and those of no case that changed it
/// among others) before row `before`, `offset` skipped, at most `limit`. Every page is a seek, however
/// long the trail.
pub fn page(
    conn: &Connection,
    case_id: Option<i64>,
    before: Option<i64>,
    limit: u32,
    offset: u32,
) -> Result<Vec<AuditRow>> {
    let sql = format!(
        "SELECT id, at, actor, action, case_id, details, hash, signer FROM audit
         WHERE {} ORDER BY id DESC LIMIT ?3 OFFSET ?4",
        page_condition(case_id, before)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![case_id, before, limit, offset], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many rows come before row `before` (of one case, with `case_id`), counted up to `cap` so that the
/// answer costs the same however long the trail: `cap` means at least that many.
pub fn count_before(conn: &Connection, case_id: Option<i64>, before: i64, cap: u32) -> Result<u64> {
    let sql = format!(
        "SELECT count(*) FROM (SELECT id FROM audit WHERE {} ORDER BY id DESC LIMIT ?3)",
        page_condition(case_id, Some(before))
    );
    Ok(conn.prepare_cached(&sql)?.query_row(params![case_id, before, cap], |r| r.get::<_, i64>(0))?.unsigned_abs())
}

/// One case's rows of one action, oldest first.
pub fn of_action(conn: &Connection, case_id: i64, action: &str) -> Result<Vec<AuditRow>> {
    let sql = "SELECT id, at, actor, action, case_id, details, hash, signer FROM audit
               WHERE case_id = ?1 AND action = ?2 ORDER BY id";
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![case_id, action], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether any row records `action`, in any case or none.
pub fn any_of_action(conn: &Connection, action: &str) -> Result<bool> {
    let sql = "SELECT EXISTS (SELECT 1 FROM audit WHERE action = ?1)";
    Ok(conn.prepare_cached(sql)?.query_row([action], |r| r.get(0))?)
}

/// The action and details of each of one case's rows, oldest first: the changes made to it here.
pub fn actions_of_case(conn: &Connection, case_id: i64) -> Result<Vec<(String, serde_json::Value)>> {
    let mut stmt = conn.prepare_cached("SELECT action, details FROM audit WHERE case_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([case_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (action, details) = row?;
        out.push((action, serde_json::from_str(&details).unwrap_or(serde_json::Value::Null)));
    }
    Ok(out)
}
