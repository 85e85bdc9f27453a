//! Whether a scope's seal rows are the ones the audit chain last committed to, checked before a change
//! seals over them: through `scope_head`, vetdesk's index of the row that last sealed each scope, and
//! through the chain itself when the index does not lead to the seal rows' digest.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};

use super::{Records, Scope, current, diff, digest, stored};
use crate::{Error, Result};

/// The digest audit row `row` sealed `scope` with, if it sealed it.
fn digest_at(conn: &Connection, scope: Scope, row: i64) -> Result<Option<String>> {
    let seal: Option<String> = conn
        .prepare_cached("SELECT seal FROM audit WHERE id = ?1")?
        .query_row([row], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(seal.and_then(|seal| digest_in(&seal, scope)))
}

/// The digest an audit row's seal (its JSON text) holds for `scope`.
fn digest_in(seal: &str, scope: Scope) -> Option<String> {
    let mut map: BTreeMap<String, String> = serde_json::from_str(seal).unwrap_or_default();
    map.remove(&scope.to_string())
}

/// The digest the chain last sealed `scope` with, found by looking through the chain instead of
/// `scope_head`; `None` when no row has sealed it.
fn last_sealed(conn: &Connection, scope: Scope) -> Result<Option<String>> {
    let row = crate::store::audit::sealing_row(conn, scope, i64::MAX)?;
    Ok(row.map(|row| digest_at(conn, scope, row)).transpose()?.flatten())
}

/// A row after `row` that sealed `scope`, if the chain holds one: a case's rows through the index of rows
/// by case (and of rows that name several cases), the workspace-wide scopes' among the rows of no case,
/// the seal's text searched for the scope's name before it is read.
fn sealed_after(conn: &Connection, scope: Scope, row: i64) -> Result<Option<i64>> {
    let name = scope.to_string();
    let key = format!("\"{name}\":");
    let candidates: Vec<i64> = match scope {
        Scope::Case(id) => conn
            .prepare_cached(
                "SELECT id FROM audit WHERE case_id = ?1 AND id > ?2 AND seal IS NOT NULL AND instr(seal, ?3) > 0
                 UNION ALL
                 SELECT a.id FROM audit_case_ref r JOIN audit a ON a.id = r.audit_id
                  WHERE r.case_id = ?1 AND r.audit_id > ?2 AND a.seal IS NOT NULL AND instr(a.seal, ?3) > 0",
            )?
            .query_map(rusqlite::params![id, row, key], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
        _ => conn
            .prepare_cached(
                "SELECT id FROM audit WHERE case_id IS NULL AND id > ?1 AND seal IS NOT NULL AND instr(seal, ?2) > 0",
            )?
            .query_map(rusqlite::params![row, key], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
    };
    for candidate in candidates {
        if digest_at(conn, scope, candidate)?.is_some() {
            return Ok(Some(candidate));
        }
    }
    Ok(None)
}

/// Whether a scope's seal rows are the ones the chain last committed to (or no row has sealed it yet).
pub fn seal_rows_committed(conn: &Connection, scope: Scope) -> Result<bool> {
    Ok(check_seal_rows(conn, scope, &stored(conn, scope)?).is_ok())
}

/// Refuses to seal over seal rows that are not the ones the chain last committed to: a record edited
/// behind vetdesk's back together with its seal row would otherwise be sealed afresh by the next change.
/// The chain's last seal of the scope is found through `scope_head`, vetdesk's index of the row that
/// last sealed each scope; an entry edited or removed behind vetdesk's back is refused too, as `audit
/// verify` names it, and is never taken as a reason to leave the scope unchecked. The chain itself is
/// looked through only when the index does not lead to the seal rows' digest.
pub(super) fn check_seal_rows(conn: &Connection, scope: Scope, stored: &Records) -> Result<()> {
    const INDEX: &str = "its entry in the index of the audit rows that last sealed each scope (scope_head)";
    let now = digest(stored);
    // The entry and the seal of the row it names, in one lookup: this runs before every change.
    let found: Option<(i64, Option<String>)> = conn
        .prepare_cached(
            "SELECT h.audit_id, a.seal FROM scope_head h LEFT JOIN audit a ON a.id = h.audit_id WHERE h.scope = ?1",
        )?
        .query_row([scope.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let entry = found.as_ref().map(|(_, seal)| seal.clone());
    let indexed = entry.as_ref().map(|seal| seal.as_deref().and_then(|seal| digest_in(seal, scope)));
    if indexed.as_ref().is_some_and(|d| d.as_ref() == Some(&now)) {
        // The seal rows are the ones the named row sealed: that row must be the newest to seal the scope,
        // or the scope was put back as an older row left it (its records, seal rows and index entry).
        let named = found.map_or(0, |(row, _)| row);
        return match sealed_after(conn, scope, named)? {
            None => Ok(()),
            Some(row) => Err(altered(
                scope,
                &format!(
                    "audit row {row} sealed it after the row {INDEX} names: it was put back as an older row left it"
                ),
            )),
        };
    }
    let Some(last) = last_sealed(conn, scope)? else {
        return match entry {
            None => Ok(()), // never sealed: a scope this change creates
            Some(_) => Err(altered(scope, &format!("{INDEX} names a row that did not seal it"))),
        };
    };
    match indexed {
        _ if last != now => Err(altered(scope, "its seal rows were edited")),
        None => Err(altered(scope, &format!("{INDEX} was removed"))),
        Some(_) => Err(altered(scope, &format!("{INDEX} was edited"))),
    }
}

/// Refuses a change to a scope whose records differ from their seal rows, so a record edited behind
/// vetdesk's back is never sealed afresh by a later change; call before the change writes anything.
pub fn check_unaltered(conn: &Connection, scope: Scope) -> Result<()> {
    let stored = stored(conn, scope)?;
    let now = current(conn, scope)?;
    if now != stored {
        // The records as the chain last sealed them: it is the seal rows that were edited (one removed
        // would otherwise read as its record added), as `audit verify` says.
        if last_sealed(conn, scope)?.is_some_and(|sealed| sealed == digest(&now)) {
            return Err(altered(scope, "its seal rows were edited; the records themselves match the chain"));
        }
        return Err(altered(scope, &first_changes(diff(&stored, &now))));
    }
    check_seal_rows(conn, scope, &stored)?;
    // A case's own audit rows too: one edited or removed behind vetdesk's back would otherwise be built on
    // by the next change, and seen by no view of the case.
    if let Scope::Case(id) = scope
        && let Some(problem) = crate::store::audit::case_rows_problem(conn, id)?
    {
        return Err(altered(scope, &format!("its audit trail: {problem}")));
    }
    Ok(())
}

/// [`check_unaltered`] for one table of a scope, for a view or a change that reads that table alone.
pub fn check_table_unaltered(conn: &Connection, scope: Scope, table: &str) -> Result<()> {
    let changes = super::table_differs(conn, scope, table)?;
    if changes.is_empty() { Ok(()) } else { Err(altered(scope, &first_changes(changes))) }
}

/// The first three records that differ from their seal rows, as a refusal names them.
fn first_changes(changes: Vec<(super::RecordKey, super::Change)>) -> String {
    let named: Vec<String> =
        changes.into_iter().take(3).map(|((table, key), change)| format!("{table} {key} {change}")).collect();
    named.join(", ")
}

/// Refuses to seal a scope a change has just created (a new case, a new reference list) when its id was
/// sealed before: the records that held it were removed behind vetdesk's back, and sealing the new ones
/// under it would hide that. Call after the change's writes, before its audit row: they do not touch the
/// seal rows or the chain it looks at.
pub fn check_never_sealed(conn: &Connection, scope: Scope) -> Result<()> {
    let indexed: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM scope_head WHERE scope = ?1)")?
        .query_row([scope.to_string()], |r| r.get(0))?;
    if indexed || !stored(conn, scope)?.is_empty() || last_sealed(conn, scope)?.is_some() {
        return Err(altered(scope, "its records were removed, and a new one would take its number"));
    }
    Ok(())
}

/// Refuses to make a record under a number that already holds records of its scope beyond the `own`
/// rows the change has just written there (its own row: 1; nothing yet: 0): rows written under the number
/// behind vetdesk's back (SQLite leaves foreign keys off, so a note can name a case not made yet) would be
/// sealed as part of the new record. Call before anything else goes under the number.
pub fn check_unclaimed(conn: &Connection, scope: Scope, own: usize) -> Result<()> {
    // A snapshot's values are sealed through its people's rows: values planted under its number alone
    // would be read as its own.
    if let Scope::Roster(id) = scope {
        let planted: bool =
            conn.query_row("SELECT EXISTS (SELECT 1 FROM roster_value WHERE snapshot_id = ?1)", [id], |r| r.get(0))?;
        if planted {
            return Err(altered(scope, "values were written under its number before it was made"));
        }
    }
    let held = super::current(conn, scope)?.len();
    if held > own {
        return Err(altered(
            scope,
            &format!(
                "{} written under its number before it was made",
                crate::text::counted(held - own, "record was", "records were")
            ),
        ));
    }
    Ok(())
}

fn altered(scope: Scope, what: &str) -> Error {
    let name = match scope {
        Scope::Case(id) => format!("case #{id} was"),
        Scope::Organization => "the organization details were".to_string(),
        Scope::Settings => "the workspace settings were".to_string(),
        Scope::List(id) => format!("reference list {id} was"),
        Scope::Roster(id) => format!("roster snapshot {id} was"),
        Scope::RosterReview => "the dismissed roster hits were".to_string(),
    };
    Error::invalid(format!(
        "{name} changed behind vetdesk's back ({what}); nothing was written. Run `vetdesk audit verify` and \
         restore the workspace from a copy you trust"
    ))
}
