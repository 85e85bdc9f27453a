//! Whether the record holds up: the audit chain walked and its signatures checked, every record
//! compared with what vetdesk sealed, match keys re-derived, and the chain compared with the head this
//! machine remembered. Also the first seal of a workspace, and anchors to keep elsewhere.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rusqlite::Connection;
use serde::Serialize;
use serde_json::json;

mod drift;
mod head;
mod scopes;
mod walk;

pub use head::{Anchor, HeadCheck, Restored};

use drift::linked_findings;
use scopes::{Listed, ReadTransaction, Unblock, scope_states};

use super::Workspace;
use crate::domain::link::Link;
use crate::store::audit::{self, ChainCheck, Entry};
use crate::store::seal::{self, Change, Scope};
use crate::store::settings;
use crate::{Error, Result};

/// The version of the sealing rules a workspace was sealed under (the `seal_version` setting).
const SEAL_VERSION: &str = "1";

/// One record that differs from what vetdesk sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tampered {
    pub table: String,
    /// The record's key within its table: its id, or its natural key (a mark's item code).
    pub key: String,
    pub change: Change,
}

/// The records of one scope (a case, the organization, the settings, a reference list) that do not
/// match their seal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeFinding {
    pub scope: String,
    /// What is wrong with the scope as a whole, besides its records (its seal rows edited, never sealed).
    pub problem: Option<String>,
    pub records: Vec<Tampered>,
}

impl ScopeFinding {
    /// A problem of a scope as a whole (`workspace`, `audit trail`), with no record named.
    pub(crate) fn problem(scope: &str, problem: impl Into<String>) -> ScopeFinding {
        ScopeFinding { scope: scope.into(), problem: Some(problem.into()), records: Vec::new() }
    }
}

/// Everything `audit verify` found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Integrity {
    pub workspace_id: String,
    /// This machine's signing key.
    pub key: String,
    pub chain: ChainCheck,
    /// False for a workspace an older vetdesk wrote and nothing has sealed yet (a read-only copy).
    pub sealed: bool,
    /// Scopes checked for sealed records (all of them, or one case and the workspace-level ones).
    pub scopes_checked: usize,
    pub findings: Vec<ScopeFinding>,
    /// Match keys that do not follow from the values typed (identifier and payment ids).
    pub derived: Vec<Tampered>,
    pub head_record: HeadCheck,
    /// `--head HASH`: the row holding a head kept elsewhere, or `None` when it is not in the chain.
    pub given_head: Option<(String, Option<i64>)>,
    /// For one case's check: the case's links as the check read them, in its snapshot (a summary names
    /// what the case shares from them rather than working them out again).
    #[serde(skip)]
    pub links: Vec<Link>,
    /// Whether this checked one case (a summary's check) rather than every scope.
    #[serde(skip)]
    pub one_case: bool,
    /// Whether every index was compared with its table ([`Workspace::index_findings`], `--deep`).
    pub indexes_checked: bool,
}

impl Integrity {
    /// Whether nothing was found: the chain intact, every record as sealed, the recorded head present.
    pub fn holds(&self) -> bool {
        self.chain.broken.is_none()
            && (self.sealed || self.chain.rows == 0)
            && self.findings.is_empty()
            && self.derived.is_empty()
            && !self.head_record.is_bad()
            && self.given_head.as_ref().is_none_or(|(_, row)| row.is_some())
    }

    /// One line for the top of a report or the end of `audit verify`.
    pub fn headline(&self) -> String {
        if let Some((row, reason)) = &self.chain.broken {
            return format!("AUDIT CHAIN BROKEN at row {row}: {reason}");
        }
        if !self.holds() {
            let mut what = Vec::new();
            let records: usize = self.findings.iter().map(|f| f.records.len().max(1)).sum();
            if records > 0 {
                let records = crate::text::counted(records, "record", "records");
                what.push(format!("{records} changed, added or removed behind vetdesk's back"));
            }
            if !self.derived.is_empty() {
                what.push(format!("{} edited", crate::text::counted(self.derived.len(), "match key", "match keys")));
            }
            match &self.head_record {
                HeadCheck::Truncated { recorded, rows } => what.push(format!(
                    "the chain has {} but this machine recorded {}: rows were deleted or an older copy restored",
                    crate::text::counted(*rows, "row", "rows"),
                    recorded.rows
                )),
                HeadCheck::Rewritten { recorded, .. } => what.push(format!(
                    "row {} is not the one this machine recorded: the chain was rewritten",
                    recorded.rows
                )),
                _ => {}
            }
            if !self.sealed && self.chain.rows > 0 {
                what.push("the workspace has not been sealed yet (open it once with write access)".into());
            }
            if let Some((hash, None)) = &self.given_head {
                what.push(format!("head {hash} is not in this chain"));
            }
            return format!("AUDIT CHECK FAILED: {}", what.join("; "));
        }
        let head = self.chain.head.as_deref().unwrap_or("(empty)");
        let mine: i64 = self.chain.signers.iter().filter(|s| s.here).map(|s| s.rows).sum();
        let foreign: Vec<String> = self.chain.foreign_signers().map(|s| s.fingerprint.clone()).collect();
        // "Verified" only when this machine's key vouched for rows; otherwise the chain merely links.
        let vouched = self.chain.vouched_rows;
        let vouched_foreign = self.chain.vouched_foreign;
        let verified = mine > 0 || vouched > vouched_foreign;
        let all_mine = foreign.is_empty() && vouched_foreign == 0;
        // A row another key signed is not vouched for here: the whole chain is then "intact", not verified.
        let mut line = if (verified && all_mine) || self.chain.rows == 0 {
            format!("audit chain verified: {}, head {head}", crate::text::counted(self.chain.rows, "row", "rows"))
        } else {
            format!("chain intact: {}, head {head}", crate::text::counted(self.chain.rows, "row", "rows"))
        };
        if verified && all_mine {
            line.push_str(&format!(", signed by this machine's key {}", self.key));
        } else if verified {
            line.push_str(&format!("; the rows signed by this machine's key {} verified", self.key));
        }
        if vouched > 0 {
            line.push_str(&format!(
                " (rows up to {vouched} were checked on this machine before and not walked again; the rows sealing \
                 this case were checked again)"
            ));
        }
        if vouched_foreign > 0 {
            line.push_str(&format!(
                "; {vouched_foreign} of the rows up to {vouched} are signed by other keys, whose signatures cannot \
                 be checked here"
            ));
        }
        if !foreign.is_empty() {
            line.push_str(&format!("; signatures by key {} cannot be checked here", foreign.join(", ")));
        }
        if self.chain.unsigned_rows > 0 {
            let unsigned = crate::text::counted(self.chain.unsigned_rows, "row", "rows");
            line.push_str(&format!("; {unsigned} from before signing"));
        }
        if self.one_case {
            // Say what was not looked at: a record of another case edited so that it no longer links to
            // this one shows nowhere here.
            line.push_str(
                "; the records checked are this case's and the records in other cases its links rest on; \
                 `vetdesk audit verify` checks every case",
            );
        }
        line
    }
}

/// What a check covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// Every scope: `audit verify`.
    Everything,
    /// One case and the workspace-level scopes: a report's check.
    Case(i64),
}

impl Workspace {
    /// Seals a workspace that has never been sealed: a new one, or one an older vetdesk wrote, whose
    /// records are sealed as they stand in one audited step (and the investigator is told).
    pub(super) fn seal_if_new(&mut self) -> Result<()> {
        if self.is_read_only() || settings::get(self.store.conn(), "seal_version")?.is_some() {
            return Ok(());
        }
        // A trail that seals records was sealed: its setting was removed behind vetdesk's back, and sealing
        // the records as they stand would seal over whatever was changed with it. `audit verify` names it,
        // and every change is refused (see `scopes::settings_findings`).
        // Records with no audit trail at all: its rows were removed, and sealing would seal whatever was
        // changed with them (named by `audit verify`, every change refused).
        let conn = self.store.conn();
        if audit::was_sealed(conn)? || (audit::head(conn)?.is_none() && scopes::holds_records(conn)?) {
            return Ok(());
        }
        let now = self.clock.now();
        let actor = self.actor.clone();
        let signer = self.keys.signer()?;
        let upgraded = self.store.write(|tx| {
            // Another process may have sealed it while this one waited for the lock.
            if settings::get(tx, "seal_version")?.is_some() {
                return Ok(None);
            }
            let earlier = audit::head(tx)?.map_or(0, |h| h.rows);
            settings::put(tx, "seal_version", Some(SEAL_VERSION))?;
            let scopes = seal::scopes_present(tx)?;
            let case_count = scopes.iter().filter(|s| matches!(s, Scope::Case(_))).count();
            let (action, details) = if earlier == 0 {
                ("workspace.create", json!({ "seal_version": SEAL_VERSION }))
            } else {
                (
                    "workspace.seal",
                    json!({ "seal_version": SEAL_VERSION, "earlier_rows": earlier, "cases": case_count }),
                )
            };
            let entry = Entry { at: &now, actor: &actor, action, case_id: None, details: &details };
            let row = audit::append(tx, signer, &entry, &scopes)?;
            Ok((earlier > 0).then_some((row, case_count)))
        })?;
        self.remember_head();
        if let Some((row, cases)) = upgraded {
            self.notices.push(format!(
                "sealed the existing records of this workspace ({}) in audit row {row}; from now on \
                 `vetdesk audit verify` names any record changed behind vetdesk's back",
                crate::text::counted(cases, "case", "cases")
            ));
        }
        Ok(())
    }

    /// Indexes the chain's last seal of each scope in a workspace sealed before `scope_head` was kept, so
    /// changes can check a scope's seal rows against the chain before they write.
    pub(super) fn fill_scope_heads(&mut self) -> Result<()> {
        if self.is_read_only() {
            return Ok(());
        }
        let (empty, sealed): (bool, bool) = self.store.conn().query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM scope_head), EXISTS (SELECT 1 FROM audit WHERE seal IS NOT NULL)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if !(empty && sealed) {
            return Ok(());
        }
        // An index every write keeps, empty while the chain holds seals: a workspace from a vetdesk before
        // it (2026-12-02), or one whose index was emptied behind vetdesk's back. Either way it is built again
        // from the chain, which it only points into, and an audited change says so: never silently.
        let scopes = self.store.write(audit::fill_scope_heads)?;
        let said = self.change("workspace.scope-heads-indexed", None, |_, _| Ok(((), json!({ "scopes": scopes }))));
        self.notices.push(format!(
            "the index of the audit rows that last sealed each record (scope_head) was empty, so it was built again \
             from the audit chain ({scopes} scopes{}). Unless this workspace was just upgraded from a vetdesk older \
             than 2026-12-02, it was emptied behind vetdesk's back: run `vetdesk audit verify`",
            match said {
                Ok(()) => "; audited as workspace.scope-heads-indexed".to_string(),
                Err(e) => format!("; its audit row could not be written: {e}"),
            }
        ));
        Ok(())
    }

    /// Rewrites the `case` row of each item's case with `update`, in audited batches of `batch` cases, each
    /// audit row carrying `details` with the batch's `cases` (what `update` returned for each). Only the
    /// case row is resealed, and only after checking that it and the case's seal rows are as sealed; a case
    /// that is not is left as it is, for `audit verify` to name. Returns (rewritten, left as they were).
    pub(crate) fn rewrite_case_rows<T: Copy>(
        &mut self,
        action: &str,
        details: &serde_json::Value,
        items: &[T],
        batch: usize,
        case_of: impl Fn(T) -> i64,
        mut update: impl FnMut(&rusqlite::Connection, T) -> Result<serde_json::Value>,
    ) -> Result<(usize, usize)> {
        let now = self.clock.now();
        let actor = self.actor.clone();
        let signer = self.keys.signer()?;
        let (mut done, mut skipped) = (0, 0);
        for chunk in items.chunks(batch.max(1)) {
            self.store.write(|tx| {
                let mut digests = std::collections::BTreeMap::new();
                let mut cases = Vec::new();
                for &item in chunk {
                    let scope = Scope::Case(case_of(item));
                    if !seal::table_matches(tx, scope, "case")? || !seal::seal_rows_committed(tx, scope)? {
                        skipped += 1;
                        continue;
                    }
                    cases.push(update(tx, item)?);
                    digests.insert(scope.to_string(), seal::reseal_table(tx, scope, "case")?);
                }
                if cases.is_empty() {
                    return Ok(());
                }
                done += cases.len();
                let mut details = details.clone();
                details["cases"] = serde_json::Value::Array(cases);
                let entry = Entry { at: &now, actor: &actor, action, case_id: None, details: &details };
                audit::append_sealed(tx, signer, &entry, &digests)?;
                Ok(())
            })?;
        }
        if done > 0 {
            self.remember_head();
        }
        Ok((done, skipped))
    }

    /// This machine's signing key fingerprint, if it has a usable key.
    pub fn signing_key(&self) -> Option<&str> {
        self.keys.signer().ok().map(|s| s.fingerprint())
    }

    /// SQLite's integrity check of the whole file (`audit verify --deep`), each problem it names as a
    /// finding: above all an index whose entries differ from its table's rows. Links, search and the case
    /// list read their values from indexes; one rebuilt behind vetdesk's back to hold other values (its
    /// definition's text then put back with `PRAGMA writable_schema`) shows links or notes the records do
    /// not hold, and no seal covers an index. It reads every page, so it is not part of every check.
    pub fn index_findings(&self) -> Result<Vec<ScopeFinding>> {
        let conn = self.store.conn();
        let mut stmt = conn.prepare("PRAGMA integrity_check(20)")?;
        let said: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(said
            .into_iter()
            .filter(|s| s != "ok")
            .map(|s| {
                let said = crate::text::quoted(&s);
                ScopeFinding::problem(
                    "workspace",
                    format!("the file does not hold together (SQLite's integrity check): {said}"),
                )
            })
            .collect())
    }

    /// Checks everything (`audit verify`); `progress(done, total)` is called now and then.
    pub fn verify_audit(&self) -> Result<Integrity> {
        self.verify(Coverage::Everything, None, &mut |_, _| {})
    }

    /// Checks the chain, the records `coverage` names, the match keys and the recorded head; with
    /// `given_head`, also whether that head is in the chain. On a workspace file, the records are read on
    /// a second thread while this one walks the chain, both inside read transactions on the same
    /// snapshot, so a change committed meanwhile by another process is not mistaken for tampering.
    pub fn verify(
        &self,
        coverage: Coverage,
        given_head: Option<&str>,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Integrity> {
        let conn = self.store.conn();
        let _snapshot = ReadTransaction::begin(conn)?;
        let rows_total = audit::head(conn)?.map_or(0, |h| h.rows);
        // Sealed by the setting, or by the chain when the setting was removed (named as a finding).
        let sealed = settings::get(conn, "seal_version")?.is_some() || audit::was_sealed(conn)?;
        // One case's check also covers the records in other cases its strong links rest on: what a summary
        // says the case shares with other case files. Archived cases' too, though the summary leaves their
        // links out: a case archived behind vetdesk's back would otherwise take its link, and its check,
        // away unsaid.
        let links = match coverage {
            Coverage::Case(id) => self.links_with(id, true)?,
            Coverage::Everything => Vec::new(),
        };
        let linked: Vec<Link> = links
            .iter()
            .filter(|l| {
                matches!(l.strength, crate::domain::link::Strength::Strong | crate::domain::link::Strength::Similar)
            })
            .cloned()
            .collect();
        let archived = if links.is_empty() { Default::default() } else { crate::store::cases::archived_ids(conn)? };
        let links: Vec<Link> =
            links.into_iter().filter(|l| l.other_case().is_none_or(|other| !archived.contains(&other))).collect();
        // The scopes to check: for every scope, listed on the second thread while this one walks the chain.
        let listed: OnceLock<Option<Listed>> = OnceLock::new();
        let known = match coverage {
            Coverage::Everything if sealed => None,
            Coverage::Case(id) if sealed => Some(vec![Scope::Case(id), Scope::Organization, Scope::Settings]),
            _ => Some(Vec::new()),
        };
        let estimate = match &known {
            Some(scopes) => scopes.len() as u64,
            None => seal::case_id_bound(conn)?.unsigned_abs() + 2,
        };
        let total = AtomicU64::new(rows_total as u64 + estimate);
        let next = AtomicUsize::new(0);
        let done = AtomicU64::new(0);
        // A second reader pays off over every scope, not over one case's three.
        let reader = if coverage == Coverage::Everything { self.store.reader()? } else { None };
        let helper = reader.map(ReadTransaction::owned).transpose()?;
        let helper = match helper {
            Some(h) if audit::head(&h.conn)?.map_or(0, |h| h.rows) == rows_total => Some(h),
            _ => None, // another change landed in between: check on this thread alone
        };
        let list = |conn: &Connection| -> Result<&Listed> {
            if let Some(known) = &known {
                return Ok(listed.get_or_init(|| Some(Listed::new(known.clone()))).as_ref().expect("listed"));
            }
            let scopes = seal::scopes_and_misnamed(conn);
            let (scopes, error) = match scopes {
                Ok((scopes, misnamed)) => (Some(Listed::new(scopes).with_misnamed(misnamed)), None),
                Err(e) => (None, Some(e)), // the other thread stops at once; this one reports why
            };
            let got = listed.get_or_init(|| scopes);
            if let Some(e) = error {
                return Err(e);
            }
            let got = got.as_ref().expect("listed");
            total.store(rows_total as u64 + got.scopes.len() as u64, Ordering::Relaxed);
            Ok(got)
        };
        let (chain, states, derived, index) = std::thread::scope(|threads| -> Result<_> {
            let (next, done, list, slot) = (&next, &done, &list, &listed);
            let worker = helper.map(|h| {
                threads.spawn(move || {
                    // However this thread ends, the other one does not wait for a list that never comes.
                    let _unblock = Unblock(slot);
                    let listed = list(&h.conn)?;
                    scope_states(&h.conn, listed, next, done)
                })
            });
            let chain = self.walk_chain(coverage, rows_total, &mut |rows| {
                progress(rows as u64 + done.load(Ordering::Relaxed), total.load(Ordering::Relaxed))
            })?;
            // The seal index is compared with the chain here, while the other thread is still reading scopes.
            let index = if chain.broken.is_none() && sealed && coverage == Coverage::Everything {
                let mut found = scopes::index_findings(conn, &chain)?;
                found.extend(scopes::trail_index_findings(conn)?);
                found.extend(scopes::trail_guard_findings(conn, &chain)?);
                found.extend(scopes::orphan_findings(conn)?);
                found.extend(self.rules_set_back()?.map(|problem| ScopeFinding::problem("workspace", problem)));
                found
            } else if coverage == Coverage::Everything {
                // The records are not compared with seals a broken chain cannot vouch for (or that a
                // workspace never sealed has none of); a guard dropped, a setting the checks rest on
                // removed, or a trail emptied under records is still named.
                scopes::guard_trigger_findings(conn)?
            } else {
                Vec::new()
            };
            let derived = self.derived_drift(coverage, &linked)?;
            let mine = if worker.is_some() { slot.wait().as_ref() } else { Some(list(conn)?) };
            let mut states = match mine {
                Some(listed) => scope_states(conn, listed, next, done)?,
                None => Vec::new(), // listing failed on the other thread, which says why
            };
            if let Some(worker) = worker {
                states.extend(worker.join().map_err(|_| Error::invalid("the record check stopped unexpectedly"))??);
            }
            Ok((chain, states, derived, index))
        })?;
        let total = total.into_inner();
        progress(total, total);
        let mut findings = Vec::new();
        let mut scopes_checked = 0;
        if chain.broken.is_none() && sealed {
            // Each scope is listed once, so an unstable sort orders them all the same, without the copy of
            // them a stable sort takes to sort in; and the scopes gone are found in the sorted list rather
            // than in a set of every scope listed.
            let mut states = states;
            states.sort_unstable_by_key(|s| s.scope);
            // A scope sealed once whose records and seal rows are all gone shows only in the chain.
            if coverage == Coverage::Everything {
                let listed = |scope: &Scope| states.binary_search_by_key(scope, |s| s.scope).is_ok();
                let mut gone: Vec<Scope> = chain.seals.keys().filter(|s| !listed(s)).copied().collect();
                if !gone.is_empty() {
                    gone.sort_unstable();
                    states.extend(scope_states(conn, &Listed::new(gone), &AtomicUsize::new(0), &done)?);
                    states.sort_unstable_by_key(|s| s.scope);
                }
            }
            scopes_checked = states.len();
            findings = states
                .into_iter()
                .filter_map(|s| {
                    let sealed = chain.seals.get(&s.scope).map(|s| &s.digest);
                    s.finding(sealed)
                })
                .collect();
        }
        if chain.broken.is_some() || !sealed {
            // Never sealed (or its sealing gone with its trail): the guards and settings are still named.
            findings.extend(index);
        } else {
            findings.extend(linked_findings(conn, &linked, &archived)?);
            findings.extend(index);
            findings.extend(listed.get().and_then(Option::as_ref).map(scopes::misnamed_findings).unwrap_or_default());
            // One case's check finds the row that sealed it through the chain, not through vetdesk's index
            // of those rows, which every write trusts: an entry edited there is named here as `links` and
            // the writes name it.
            if let Coverage::Case(id) = coverage {
                let scope = Scope::Case(id);
                let named = findings.iter().any(|f| f.scope == scope.to_string());
                if !named && !seal::seal_rows_committed(conn, scope)? {
                    findings.push(ScopeFinding {
                        scope: scope.to_string(),
                        problem: Some(
                            "its entry in the index of the audit rows that last sealed each scope (scope_head) was \
                             edited; changes to it are refused"
                                .into(),
                        ),
                        records: Vec::new(),
                    });
                }
            }
        }
        let head_record = self.head_record_check()?;
        self.remember_walk(coverage, &chain, &head_record);
        let given_head = given_head.map(|h| Ok::<_, Error>((h.to_string(), audit::find_hash(conn, h)?))).transpose()?;
        Ok(Integrity {
            workspace_id: self.workspace_id.clone(),
            key: self.signing_key().unwrap_or("(none: no usable signing key on this machine)").to_string(),
            chain,
            sealed,
            scopes_checked,
            findings,
            derived,
            head_record,
            given_head,
            links,
            one_case: coverage != Coverage::Everything,
            indexes_checked: false,
        })
    }
}
