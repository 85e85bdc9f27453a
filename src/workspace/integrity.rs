//! Whether the record holds up: the audit chain walked and its signatures checked, every record
//! compared with what vetdesk sealed, match keys re-derived, and the chain compared with the head this
//! machine remembered. Also the first seal of a workspace, and anchors to keep elsewhere.

use serde::Serialize;
use serde_json::json;

use super::Workspace;
use crate::signing::RecordedHead;
use crate::store::audit::{self, ChainCheck, Entry};
use crate::store::seal::{self, Change, Records, Scope};
use crate::store::{keys, settings};
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

/// The chain compared with the newest head this machine recorded for the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum HeadCheck {
    /// A workspace in memory: nothing is recorded.
    NotKept,
    /// This machine never wrote to the workspace.
    NoRecord,
    /// The recorded head is still in the chain.
    Holds { recorded: RecordedHead },
    /// The chain is shorter than recorded: newest rows deleted, or an older copy put back.
    Truncated { recorded: RecordedHead, rows: i64 },
    /// The recorded row is there with another hash: the chain was rewritten.
    Rewritten { recorded: RecordedHead, found: String },
}

impl HeadCheck {
    pub fn is_bad(&self) -> bool {
        matches!(self, HeadCheck::Truncated { .. } | HeadCheck::Rewritten { .. })
    }
}

/// Everything `audit verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
                what.push(format!("{records} record(s) changed, added or removed behind vetdesk's back"));
            }
            if !self.derived.is_empty() {
                what.push(format!("{} match key(s) edited", self.derived.len()));
            }
            match &self.head_record {
                HeadCheck::Truncated { recorded, rows } => what.push(format!(
                    "the chain has {rows} row(s) but this machine recorded {}: rows were deleted or an older copy restored",
                    recorded.rows
                )),
                HeadCheck::Rewritten { recorded, .. } => {
                    what.push(format!("row {} is not the one this machine recorded: the chain was rewritten", recorded.rows))
                }
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
        let mut line = format!("audit chain verified: {} row(s), head {head}", self.chain.rows);
        if mine > 0 {
            line.push_str(&format!(", {mine} signed by this machine's key {}", self.key));
        }
        if !foreign.is_empty() {
            line.push_str(&format!("; chain intact; signatures by key {} cannot be checked here", foreign.join(", ")));
        }
        if self.chain.unsigned_rows > 0 {
            line.push_str(&format!("; {} row(s) from before signing", self.chain.unsigned_rows));
        }
        line
    }
}

/// A short signed statement of the chain's state, to keep, print or paste.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Anchor {
    pub statement: String,
    /// The statement's sshsig signature (`-----BEGIN SSH SIGNATURE-----`).
    pub signature: String,
    /// An OpenSSH `allowed_signers` line for the key.
    pub allowed_signers: String,
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
                "sealed the existing records of this workspace ({cases} case(s)) in audit row {row}; from now on \
                 `vetdesk audit verify` names any record changed behind vetdesk's back"
            ));
        }
        Ok(())
    }

    /// This machine's signing key fingerprint, if it has a usable key.
    pub fn signing_key(&self) -> Option<&str> {
        self.keys.signer().ok().map(|s| s.fingerprint())
    }

    /// Checks everything (`audit verify`); `progress(done, total)` is called now and then.
    pub fn verify_audit(&self) -> Result<Integrity> {
        self.verify(Coverage::Everything, None, &mut |_, _| {})
    }

    /// Checks the chain, the records `coverage` names, the match keys and the recorded head; with
    /// `given_head`, also whether that head is in the chain.
    pub fn verify(
        &self,
        coverage: Coverage,
        given_head: Option<&str>,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Integrity> {
        let conn = self.store.conn();
        let rows_total = audit::head(conn)?.map_or(0, |h| h.rows) as u64;
        let chain = audit::verify(conn, self.keys.signer().ok(), &mut |done| progress(done as u64, rows_total))?;
        let sealed = settings::get(conn, "seal_version")?.is_some();
        let mut findings = Vec::new();
        let mut scopes_checked = 0;
        if chain.broken.is_none() && sealed {
            let scopes = match coverage {
                Coverage::Everything => {
                    let mut all = seal::scopes_present(conn)?;
                    all.extend(chain.seals.keys().copied());
                    all.sort();
                    all.dedup();
                    all
                }
                Coverage::Case(id) => vec![Scope::Case(id), Scope::Organization, Scope::Settings],
            };
            let total = scopes.len() as u64;
            for (i, scope) in scopes.iter().enumerate() {
                if i % 512 == 0 {
                    progress(rows_total + i as u64, rows_total + total);
                }
                if let Some(finding) = check_scope(conn, *scope, chain.seals.get(scope))? {
                    findings.push(finding);
                }
            }
            scopes_checked = scopes.len();
        }
        let derived = self.derived_drift(coverage)?;
        let head_record = self.head_record_check()?;
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
        })
    }

    fn derived_drift(&self, coverage: Coverage) -> Result<Vec<Tampered>> {
        let conn = self.store.conn();
        // A report's check leaves match keys to `audit verify`: re-deriving every key is a whole-workspace
        // pass.
        if coverage != Coverage::Everything || keys::stale(conn)? {
            return Ok(Vec::new());
        }
        let drift = keys::drift(conn, &keys::rules(conn)?, &[])?;
        let edited =
            |table: &str, id: i64| Tampered { table: table.into(), key: id.to_string(), change: Change::Changed };
        Ok(drift
            .identifiers
            .iter()
            .map(|(id, ..)| edited("identifier", *id))
            .chain(drift.payments.iter().map(|(id, _)| edited("payment", *id)))
            .collect())
    }

    fn head_record_check(&self) -> Result<HeadCheck> {
        if self.keys.dir().is_none() {
            return Ok(HeadCheck::NotKept);
        }
        let Some(recorded) = self.keys.recorded_head(&self.workspace_id)? else { return Ok(HeadCheck::NoRecord) };
        let conn = self.store.conn();
        let rows = audit::head(conn)?.map_or(0, |h| h.rows);
        Ok(match audit::hash_at(conn, recorded.rows)? {
            _ if rows < recorded.rows => HeadCheck::Truncated { recorded, rows },
            Some(found) if found != recorded.hash => HeadCheck::Rewritten { recorded, found },
            None => HeadCheck::Truncated { recorded, rows },
            Some(_) => HeadCheck::Holds { recorded },
        })
    }

    /// Signs a statement of the chain's current state after checking it; refused when the check fails.
    pub fn anchor(&self) -> Result<Anchor> {
        let check = self.verify_audit()?;
        if !check.holds() {
            return Err(Error::invalid(format!("no anchor for a chain that does not hold: {}", check.headline())));
        }
        let head = check.chain.head.clone().ok_or_else(|| Error::invalid("the audit chain is empty"))?;
        let signer = self.keys.signer()?;
        let statement = format!(
            "vetdesk audit anchor\nworkspace: {}\nrows: {}\nhead: {head}\nkey: {}\nat: {}\n",
            self.workspace_id,
            check.chain.rows,
            signer.fingerprint(),
            self.clock.now()
        );
        Ok(Anchor {
            signature: signer.sign_statement(&statement)?,
            allowed_signers: format!("vetdesk {}", signer.public_openssh()),
            statement,
        })
    }
}

/// Compares one scope's records with their seal rows and the digest the chain last sealed it with.
fn check_scope(conn: &rusqlite::Connection, scope: Scope, sealed: Option<&String>) -> Result<Option<ScopeFinding>> {
    let now = seal::current(conn, scope)?;
    let stored = seal::stored(conn, scope)?;
    let finding = |problem: Option<&str>, records: Vec<Tampered>| {
        Some(ScopeFinding { scope: scope.to_string(), problem: problem.map(str::to_string), records })
    };
    let listed = |from: &Records, to: &Records| {
        seal::diff(from, to)
            .into_iter()
            .map(|((table, key), change)| Tampered { table, key, change })
            .collect::<Vec<_>>()
    };
    let Some(sealed) = sealed else {
        if now.is_empty() && stored.is_empty() {
            return Ok(None);
        }
        return Ok(finding(Some("no audit row sealed these records"), listed(&Records::new(), &now)));
    };
    let now_digest = seal::digest(&now);
    let stored_digest = seal::digest(&stored);
    Ok(match (now_digest == *sealed, stored_digest == *sealed) {
        (true, true) => None,
        (true, false) => {
            finding(Some("its seal rows were edited (the records themselves match the chain)"), Vec::new())
        }
        (false, true) => finding(None, listed(&stored, &now)),
        (false, false) => {
            let records = listed(&stored, &now);
            let problem = if records.is_empty() {
                "its records differ from what the audit chain sealed, and its seal rows were edited to match them"
            } else {
                "its seal rows were edited too; the records listed are those that differ from them"
            };
            finding(Some(problem), records)
        }
    })
}
