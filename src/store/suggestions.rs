//! Decisions on suggested checklist items, and their withdrawal.

use rusqlite::{Connection, params};

use crate::Result;

/// A decision in force: (code, basis, decision). Withdrawn decisions are left out.
pub fn of_case(conn: &Connection, case_id: i64) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT code, basis, decision FROM suggestion WHERE case_id = ?1 AND voided_at IS NULL ORDER BY code, basis",
    )?;
    let rows = stmt.query_map([case_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The withdrawn decisions on `code` in a case, as JSON for the audit row of the decision that takes their
/// rows over: what each decided, and who withdrew it, when and why.
pub fn withdrawn(conn: &Connection, case_id: i64, code: &str) -> Result<Vec<serde_json::Value>> {
    let mut stmt = conn.prepare_cached(
        "SELECT basis, decision, reason, decided_by, decided_at, voided_by, voided_at, void_reason FROM suggestion
         WHERE case_id = ?1 AND code = ?2 AND voided_at IS NOT NULL ORDER BY basis",
    )?;
    let rows = stmt.query_map(params![case_id, code], |r| {
        Ok(serde_json::json!({
            "basis": r.get::<_, String>(0)?,
            "decision": r.get::<_, String>(1)?,
            "reason": r.get::<_, String>(2)?,
            "decided_by": r.get::<_, String>(3)?,
            "decided_at": r.get::<_, String>(4)?,
            "withdrawn_by": r.get::<_, String>(5)?,
            "withdrawn_at": r.get::<_, String>(6)?,
            "withdrawn_why": r.get::<_, String>(7)?,
        }))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records a decision on one reason. A decision on the same reason withdrawn earlier is taken over: the
/// row holds the decision in force, the audit trail the one withdrawn.
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
    let written = conn
        .prepare_cached(
            "INSERT INTO suggestion (case_id, code, basis, decision, reason, decided_by, decided_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (case_id, code, basis) DO UPDATE SET decision = excluded.decision,
                 reason = excluded.reason, decided_by = excluded.decided_by, decided_at = excluded.decided_at,
                 voided_at = NULL, voided_by = NULL, void_reason = NULL
             WHERE suggestion.voided_at IS NOT NULL",
        )?
        .execute(params![case_id, code, basis, decision, reason, by, at])?;
    if written == 0 {
        return Err(crate::Error::invalid(format!("case #{case_id} already has a decision on {code} for {basis}")));
    }
    Ok(())
}

/// Withdraws the decisions in force on `code` in a case; returns them as (basis, decision, reason).
pub fn withdraw(
    conn: &Connection,
    case_id: i64,
    code: &str,
    by: &str,
    at: &str,
    why: &str,
) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "UPDATE suggestion SET voided_at = ?3, voided_by = ?4, void_reason = ?5
         WHERE case_id = ?1 AND code = ?2 AND voided_at IS NULL
         RETURNING basis, decision, reason",
    )?;
    let rows = stmt.query_map(params![case_id, code, at, by, why], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let mut out: Vec<(String, String, String)> = rows.collect::<rusqlite::Result<_>>()?;
    out.sort();
    Ok(out)
}
