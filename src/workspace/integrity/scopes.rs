//! The scopes' side of a check: a read transaction held for the whole check, and the workers that read
//! each scope's records and seal rows, a piece of the list at a time, on two threads.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rusqlite::{Connection, OptionalExtension};

use super::{ScopeFinding, Tampered};
use crate::Result;
use crate::store::seal::{self, Change, Records, Scope};
use crate::store::{audit, settings};

/// A read transaction held for a whole check, so every query sees one snapshot; ended when dropped. Inside
/// a transaction already open (a check made while the workspace is held for a write), that one gives the
/// snapshot and is left to its owner.
pub(super) struct ReadTransaction<C: std::borrow::Borrow<Connection>> {
    pub(super) conn: C,
    began: bool,
}

impl<'a> ReadTransaction<&'a Connection> {
    pub(super) fn begin(conn: &'a Connection) -> Result<Self> {
        let began = conn.is_autocommit();
        if began {
            conn.execute_batch("BEGIN")?;
        }
        Ok(ReadTransaction { conn, began })
    }
}

impl ReadTransaction<Connection> {
    pub(super) fn owned(conn: Connection) -> Result<Self> {
        conn.execute_batch("BEGIN")?;
        Ok(ReadTransaction { conn, began: true })
    }
}

impl<C: std::borrow::Borrow<Connection>> Drop for ReadTransaction<C> {
    fn drop(&mut self) {
        if self.began {
            let _ = self.conn.borrow().execute_batch("ROLLBACK");
        }
    }
}

/// One scope's records as they are and as sealed, before they are compared with the chain. `audit verify`
/// keeps one for every scope until the chain's seals are known, so it is kept small: 56 bytes where the
/// records agree with their seal rows, as they do for nearly every scope (104 bytes each before).
pub(super) struct ScopeState {
    pub(super) scope: Scope,
    digests: Digests,
}

/// The digests of a scope's records and of its seal rows ([`seal::digest_bytes`]).
enum Digests {
    /// Both the same.
    Agree([u8; 32]),
    Differ(Box<Differ>),
}

/// A scope whose records differ from its seal rows.
struct Differ {
    now: [u8; 32],
    stored: [u8; 32],
    /// The records that differ.
    records: Vec<Tampered>,
}

/// How many cases one piece of work reads together, a table at a time ([`seal::current_cases`]).
const CASES_AT_ONCE: usize = 256;

/// Leaves the scope list empty, if it was never listed, when dropped.
pub(super) struct Unblock<'a>(pub(super) &'a OnceLock<Option<Listed>>);

impl Drop for Unblock<'_> {
    fn drop(&mut self) {
        let _ = self.0.set(None);
    }
}

/// The scopes to check (sorted), cut into pieces of work: runs of cases whose ids lie within
/// [`CASES_AT_ONCE`] of the run's first (a piece reads every case between its first and last id, so a
/// few cases far apart, as a summary's linked cases are, are read one by one), every other scope alone.
pub(super) struct Listed {
    pub(super) scopes: Vec<Scope>,
    pieces: Vec<Range<usize>>,
    /// Seal rows' scope names that are no scope vetdesk writes ([`seal::scopes_and_misnamed`]).
    pub(super) misnamed: Vec<String>,
}

impl Listed {
    pub(super) fn new(scopes: Vec<Scope>) -> Listed {
        let mut pieces = Vec::new();
        let mut start = 0;
        while start < scopes.len() {
            let mut end = start + 1;
            if let Scope::Case(first) = scopes[start] {
                let near =
                    |scope: &Scope| matches!(scope, Scope::Case(id) if id.abs_diff(first) < CASES_AT_ONCE as u64);
                while end < scopes.len() && end - start < CASES_AT_ONCE && near(&scopes[end]) {
                    end += 1;
                }
            }
            pieces.push(start..end);
            start = end;
        }
        Listed { scopes, pieces, misnamed: Vec::new() }
    }

    pub(super) fn with_misnamed(self, misnamed: Vec<String>) -> Listed {
        Listed { misnamed, ..self }
    }
}

/// Reads pieces of the listed scopes off a shared list until it is used up; two threads share the work
/// this way. A scope's seal rows are read only as a digest unless they differ from its records.
pub(super) fn scope_states(
    conn: &Connection,
    work: &Listed,
    next: &AtomicUsize,
    done: &AtomicU64,
) -> Result<Vec<ScopeState>> {
    let mut out = Vec::new();
    loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(piece) = work.pieces.get(i) else { return Ok(out) };
        let piece = &work.scopes[piece.clone()];
        let cases = match (piece.first(), piece.last()) {
            (Some(Scope::Case(first)), Some(Scope::Case(last))) => seal::current_cases(conn, *first, *last)?.digests(),
            _ => BTreeMap::new(),
        };
        let stored = seal::stored_digests(conn, piece)?;
        for &scope in piece {
            let now_digest = match scope {
                Scope::Case(id) => cases.get(&id).copied().unwrap_or_else(|| seal::digest_bytes(&Records::new())),
                _ => seal::digest_bytes(&seal::current(conn, scope)?),
            };
            let stored_digest = stored[&scope];
            let digests = if now_digest == stored_digest {
                Digests::Agree(now_digest)
            } else {
                let records = listed(&seal::stored(conn, scope)?, &seal::current(conn, scope)?);
                Digests::Differ(Box::new(Differ { now: now_digest, stored: stored_digest, records }))
            };
            out.push(ScopeState { scope, digests });
            done.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Entries of `scope_head`, vetdesk's index of the audit row that last sealed each scope, that do not
/// lead to the digest the chain last sealed the scope with (`sealed`, from walking the chain): pointed at
/// another row, naming a scope the chain never sealed, or removed. Changes to such a scope are refused, so
/// `audit verify` must name it. An empty index is a workspace sealed before it was kept, filled on open.
pub(super) fn index_findings(conn: &Connection, chain: &audit::ChainCheck) -> Result<Vec<ScopeFinding>> {
    const INDEX: &str = "its entry in the index of the audit rows that last sealed each scope (scope_head)";
    let sealed = &chain.seals;
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut stmt = conn.prepare("SELECT scope, audit_id FROM scope_head")?;
    let mut seal_of = conn.prepare("SELECT seal FROM audit WHERE id = ?1")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let name: String = row.get(0)?;
        if let Ok(scope) = name.parse::<Scope>() {
            seen.insert(scope);
        }
        let rusqlite::types::ValueRef::Integer(id) = row.get_ref(1)? else {
            let problem = format!("{INDEX} holds no audit row number: it was edited; changes to it are refused");
            out.push(ScopeFinding { scope: name, problem: Some(problem), records: Vec::new() });
            continue;
        };
        let scope = name.parse::<Scope>().ok();
        if let Some(scope) = scope {
            // The row the walk found last sealing the scope, named as vetdesk names it: it holds.
            if sealed.get(&scope).is_some_and(|s| s.row == id) && scope.to_string() == name {
                continue;
            }
        }
        let expected = scope.and_then(|s| sealed.get(&s)).map(|s| &s.digest);
        let seal: Option<String> = seal_of.query_row([id], |r| r.get(0)).optional()?.flatten();
        let found = seal
            .and_then(|s| serde_json::from_str::<BTreeMap<String, String>>(&s).ok())
            .and_then(|mut m| m.remove(&name))
            .map(|digest| audit::SealedDigest::read(&digest));
        if expected.is_none() || found.as_ref() != expected {
            let problem = format!(
                "{INDEX} names audit row {id}, which is not the row that last sealed it; changes to it are refused"
            );
            out.push(ScopeFinding { scope: name, problem: Some(problem), records: Vec::new() });
        }
    }
    if seen.is_empty() {
        return Ok(Vec::new());
    }
    let mut removed: Vec<Scope> = sealed.keys().filter(|s| !seen.contains(s)).copied().collect();
    removed.sort();
    out.extend(removed.into_iter().map(|scope| ScopeFinding {
        scope: scope.to_string(),
        problem: Some(format!("{INDEX} was removed")),
        records: Vec::new(),
    }));
    Ok(out)
}

fn listed(from: &Records, to: &Records) -> Vec<Tampered> {
    seal::diff(from, to).into_iter().map(|((table, key), change)| Tampered { table, key, change }).collect()
}

impl ScopeState {
    /// Compares the scope with the digest the chain last sealed it with.
    pub(super) fn finding(self, sealed: Option<&audit::SealedDigest>) -> Option<ScopeFinding> {
        let scope = self.scope;
        let (now, stored, differ) = match self.digests {
            Digests::Agree(digest) => (digest, digest, Vec::new()),
            Digests::Differ(differ) => (differ.now, differ.stored, differ.records),
        };
        let finding = |problem: Option<&str>, records: Vec<Tampered>| {
            Some(ScopeFinding { scope: scope.to_string(), problem: problem.map(str::to_string), records })
        };
        let Some(sealed) = sealed else {
            let empty = seal::digest_bytes(&Records::new());
            if now == empty && stored == empty {
                return None;
            }
            // Never sealed: every record there now was added behind vetdesk's back.
            let added = differ.into_iter().filter(|t| t.change == Change::Added).collect();
            return finding(Some("no audit row sealed these records"), added);
        };
        match (sealed.is(&now), sealed.is(&stored)) {
            (true, true) => None,
            (true, false) => {
                finding(Some("its seal rows were edited (the records themselves match the chain)"), Vec::new())
            }
            (false, true) => finding(None, differ),
            (false, false) if differ.is_empty() => finding(
                Some(
                    "its records differ from what the audit chain last sealed, and its seal rows agree with them: \
                     the seal rows were edited to match, or the audit row that sealed them was removed",
                ),
                Vec::new(),
            ),
            (false, false) => finding(
                Some("its seal rows were edited too; the records listed are those that differ from them"),
                differ,
            ),
        }
    }
}

/// Compares `audit_case_ref` (schema step 20: which rows of no case changed which cases, the index
/// `audit log --case ID` reads) with the rows themselves, the chain holding: an entry added, moved or
/// removed behind vetdesk's back would show a case a row that did not change it, or hide one that did.
pub(super) fn trail_index_findings(conn: &Connection) -> Result<Vec<ScopeFinding>> {
    const INDEX: &str = "its entry in the index of the rows of no case that changed it (audit_case_ref)";
    let sql = format!(
        "WITH listed(case_id, audit_id) AS ({})
         SELECT 'names', case_id, audit_id FROM (
             SELECT case_id, audit_id FROM audit_case_ref EXCEPT SELECT case_id, audit_id FROM listed)
         UNION ALL
         SELECT 'lacks', case_id, audit_id FROM (
             SELECT case_id, audit_id FROM listed EXCEPT SELECT case_id, audit_id FROM audit_case_ref)
         ORDER BY 2, 3 LIMIT 20",
        audit::CASES_LISTED
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (how, case_id, audit_id) = row?;
        let problem = if how == "names" {
            format!("{INDEX} names audit row {audit_id}, which does not list the case: `audit log --case` shows it")
        } else {
            format!("{INDEX} lacks audit row {audit_id}, which lists the case: `audit log --case` leaves it out")
        };
        out.push(ScopeFinding { scope: Scope::Case(case_id).to_string(), problem: Some(problem), records: Vec::new() });
    }
    Ok(out)
}

/// Compares the trail's row tally (schema step 21) with the rows the walk counted, and its guard triggers
/// with the ones the schema makes, the chain holding: a tally edited behind vetdesk's back could let a
/// summary's check of one case take the rows before the ones it walks as there when one was deleted, and
/// a guard dropped lets rows be changed or deleted, or the tally stop counting, without a word.
pub(super) fn trail_guard_findings(conn: &Connection, chain: &audit::ChainCheck) -> Result<Vec<ScopeFinding>> {
    let finding = |problem: String| ScopeFinding::problem("audit trail", problem);
    let mut out = Vec::new();
    let relied = "a summary's check relies on it to know that no row before the ones it walks is gone";
    match audit::tally(conn)? {
        None => out.push(finding(format!(
            "its row tally (audit_tally) is gone or holds no count: it was changed behind vetdesk's back, and {relied}"
        ))),
        Some(tally) if tally != chain.rows => out.push(finding(format!(
            "its row tally (audit_tally) says {} and the chain holds {}: it was changed behind vetdesk's back, and \
             {relied}",
            crate::text::counted(tally, "row", "rows"),
            chain.rows
        ))),
        Some(_) => {}
    }
    out.extend(guard_trigger_findings(conn)?);
    Ok(out)
}

/// The trail's guard triggers compared with the ones the schema makes: named whether or not the chain
/// holds, since a guard dropped is how rows come to be changed or deleted.
pub(super) fn guard_trigger_findings(conn: &Connection) -> Result<Vec<ScopeFinding>> {
    let finding = |problem: String| ScopeFinding::problem("audit trail", problem);
    let mut out = Vec::new();
    let mut stmt = conn.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1")?;
    for name in audit::GUARDS {
        let kept: Option<String> = stmt.query_row([name], |r| r.get(0)).optional()?;
        let made = crate::store::schema_triggers().get(name).copied();
        let problem = match (kept, made) {
            (None, _) => format!("its guard trigger {name} was dropped behind vetdesk's back"),
            (Some(kept), Some(made)) if kept != made => {
                format!("its guard trigger {name} was changed behind vetdesk's back")
            }
            _ => continue,
        };
        out.push(finding(problem));
    }
    out.extend(schema_findings(conn)?);
    out.extend(settings_findings(conn)?);
    Ok(out)
}

/// The workspace's other triggers, and its tables' definitions, compared with the ones the schema makes. A
/// trigger runs inside vetdesk's own changes, before they are sealed and signed: one added or changed behind
/// vetdesk's back could rewrite a record, add one, or set an evidence check to "intact" as a command writes,
/// and the result would be sealed as genuine. One dropped leaves a search index, a count or the trail's index
/// of the cases a row changed behind. Named whether or not the chain holds; every change is refused meanwhile.
fn schema_findings(conn: &Connection) -> Result<Vec<ScopeFinding>> {
    let finding = |problem: String| ScopeFinding::problem("workspace", problem);
    let made = crate::store::schema_triggers();
    let mut stmt = conn.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")?;
    let kept: Vec<(String, Option<String>)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (name, sql) in &kept {
        if audit::GUARDS.contains(&name.as_str()) {
            continue; // the trail's guards are named above
        }
        match made.get(name.as_str()) {
            None => out.push(finding(format!(
                "its trigger {} was added behind vetdesk's back: it runs inside vetdesk's own changes, before \
                 they are sealed",
                crate::text::quoted(name)
            ))),
            Some(made) if sql.as_deref() != Some(made) => {
                out.push(finding(format!("its trigger {name} was changed behind vetdesk's back")));
            }
            Some(_) => {}
        }
    }
    for name in made.keys().filter(|n| !audit::GUARDS.contains(n) && !kept.iter().any(|(k, _)| k == *n)) {
        out.push(finding(format!("its trigger {name} was dropped behind vetdesk's back")));
    }
    // A table's definition rewritten (`PRAGMA writable_schema`): a column's default or check changed makes
    // vetdesk's own inserts write what someone else chose, sealed as genuine; so does a view its triggers
    // read, redefined.
    for (kind, name, how) in crate::store::objects_changed(conn)? {
        out.push(finding(format!("its {kind} {} was {how} behind vetdesk's back", crate::text::quoted(&name))));
    }
    Ok(out)
}

/// Seal rows under a scope name vetdesk never writes (`case:1z`): renamed behind vetdesk's back, they seal
/// nothing, and the scope they were taken from lacks them (named with it).
pub(super) fn misnamed_findings(listed: &Listed) -> Vec<ScopeFinding> {
    listed
        .misnamed
        .iter()
        .map(|name| {
            ScopeFinding::problem(
                "workspace",
                format!(
                    "seal rows are held under {}, which is no scope vetdesk seals: the seal table was edited behind \
                     vetdesk's back",
                    crate::text::quoted(name)
                ),
            )
        })
        .collect()
}

/// Records held under a note or evidence number that does not exist (`seal::orphans`): they belong to no
/// case, so no seal covers them, and a note or evidence record made under that number would take them as
/// its own (a change refuses to make it while they are there).
pub(super) fn orphan_findings(conn: &Connection) -> Result<Vec<ScopeFinding>> {
    Ok(seal::orphans(conn, 20)?
        .into_iter()
        .map(|o| {
            ScopeFinding::problem(
                "workspace",
                format!(
                    "{} written behind vetdesk's back under {} #{}, which does not exist: no case's seal covers \
                     them, and a {} made under that number would take them as its own",
                    crate::text::counted(o.rows, &format!("{} row was", o.table), &format!("{} rows were", o.table)),
                    o.holder,
                    o.holder_id,
                    o.holder
                ),
            )
        })
        .collect())
}

/// Whether the workspace holds a case, a reference list or a roster snapshot: records a change made, with
/// its audit row.
pub(super) fn holds_records(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM \"case\") OR EXISTS (SELECT 1 FROM reference_list)
                OR EXISTS (SELECT 1 FROM roster_snapshot)",
        [],
        |r| r.get(0),
    )?)
}

/// The settings the record's checks rest on, removed behind vetdesk's back: `workspace_id`, under which
/// this machine keeps its record of the newest write (without it an older copy put back goes unnoticed),
/// and `seal_version`, without which the workspace would be taken for one never sealed, and its records
/// sealed afresh as they stand. Named as the trail's guards are: every change is refused while one is gone.
pub(super) fn settings_findings(conn: &Connection) -> Result<Vec<ScopeFinding>> {
    let finding = |problem: &str| ScopeFinding::problem("workspace", problem);
    let mut out = Vec::new();
    if settings::get(conn, "workspace_id")?.is_none_or(|id| id.is_empty()) && audit::head(conn)?.is_some() {
        out.push(finding(
            "its setting workspace_id was removed behind vetdesk's back: this machine keeps its record of the \
             newest write under it",
        ));
    }
    if audit::head(conn)?.is_none() && holds_records(conn)? {
        out.push(finding(
            "its audit trail is empty, though it holds records: every record vetdesk writes comes with its row, \
             so the rows were removed behind vetdesk's back",
        ));
    }
    if settings::get(conn, "seal_version")?.is_none() && audit::was_sealed(conn)? {
        out.push(finding(
            "its setting seal_version was removed behind vetdesk's back, though its audit trail records its sealing",
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cases close together are read in one piece, cases far apart one by one: a piece reads every case
    /// between its first and last id.
    #[test]
    fn pieces_hold_cases_close_together_only() {
        let scopes = vec![Scope::Case(1), Scope::Case(2), Scope::Case(300), Scope::Case(900_000), Scope::Organization];
        let listed = Listed::new(scopes);
        assert_eq!(listed.pieces, vec![0..2, 2..3, 3..4, 4..5]);
        let all: Vec<Scope> = (1..=600).map(Scope::Case).collect();
        let pieces = Listed::new(all).pieces;
        assert_eq!(pieces, vec![0..256, 256..512, 512..600]);
    }

    /// One state a scope is kept until the chain's seals are known: a million at a million cases.
    #[test]
    fn a_scope_state_stays_small() {
        assert_eq!(std::mem::size_of::<ScopeState>(), 56);
    }
}
