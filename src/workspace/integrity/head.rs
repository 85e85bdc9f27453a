//! The head of the chain against what this machine recorded: the check `audit verify` and every change
//! make, accepting a copy put back on purpose, and signed anchors of the head to keep elsewhere.

use serde::Serialize;
use serde_json::json;

use super::super::Workspace;
use crate::signing::{Record, RecordedHead};
use crate::store::audit::{self, Entry};
use crate::{Error, Result};

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

/// What `vetdesk audit restored` accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Restored {
    /// The head this machine had recorded, which the copy does not hold.
    pub recorded: RecordedHead,
    /// The copy's audit rows before the `audit.restored` row.
    pub rows: i64,
    /// The `audit.restored` row.
    pub row: i64,
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

impl Workspace {
    /// What to say when a check on this machine found the audit chain broken and no walk of the whole chain
    /// has found it holding since (see [`Record::Broken`]).
    fn found_broken(&self) -> Result<Option<String>> {
        let Some(found) = self.found_broken_here()? else { return Ok(None) };
        Ok(Some(format!(
            "a check of this workspace on this machine found its audit chain broken at row {} ({}), and no check \
             of the whole chain has found it holding since; `vetdesk audit verify` says what it finds. Changes \
             are refused until it holds: put back a copy you trust, then run `vetdesk audit verify`",
            found.rows, found.at
        )))
    }

    /// The check that found the chain broken, when this workspace holds the row it found broken as it
    /// found it (see [`crate::store::audit::row_print`]); `None` for another copy of the workspace, whose
    /// row differs.
    pub(super) fn found_broken_here(&self) -> Result<Option<RecordedHead>> {
        let Some(found) = self.keys.recorded(&self.workspace_id, Record::Broken)? else { return Ok(None) };
        let here = audit::row_print(self.store.conn(), found.rows)?;
        // A record that names no row print (torn by a crash), or whose row is gone (rows deleted since),
        // holds for any copy.
        let same = found.hash.is_empty() || here.is_none() || here.as_deref() == Some(found.hash.as_str());
        Ok(same.then_some(found))
    }

    pub(in crate::workspace) fn head_record_check(&self) -> Result<HeadCheck> {
        if self.keys.dir().is_none() {
            return Ok(HeadCheck::NotKept);
        }
        let Some(recorded) = self.keys.recorded(&self.workspace_id, Record::Head)? else {
            return Ok(HeadCheck::NoRecord);
        };
        let conn = self.store.conn();
        let rows = audit::head(conn)?.map_or(0, |h| h.rows);
        Ok(match audit::hash_at(conn, recorded.rows)? {
            _ if rows < recorded.rows => HeadCheck::Truncated { recorded, rows },
            Some(found) if found != recorded.hash => HeadCheck::Rewritten { recorded, found },
            None => HeadCheck::Truncated { recorded, rows },
            Some(_) => HeadCheck::Holds { recorded },
        })
    }

    /// Refuses a write to a workspace that does not hold the newest change this machine recorded writing
    /// to it (an older copy put back, or its newest audit rows deleted): writing on would bury that under
    /// new rows and, once their count caught up, replace the record that tells. `vetdesk audit restored`
    /// accepts a copy put back on purpose. Refused too while the trail's guards are gone (see
    /// [`Workspace::check_trail_guarded`]).
    pub(crate) fn check_head_kept(&self) -> Result<()> {
        self.check_trail_guarded()?;
        let Some(what) = self.head_not_kept()? else {
            return match self.found_broken()? {
                Some(found) => Err(Error::invalid(format!("{found}; nothing was written"))),
                None => Ok(()),
            };
        };
        Err(Error::invalid(format!(
            "this workspace is not as this machine last wrote it: {what} (an older copy put back, rows removed, or \
             a copy of this workspace written to on this machine, which shares its record of the newest write); \
             nothing was written. Run `vetdesk audit verify`; if you put a copy back or wrote to a copy on \
             purpose, `vetdesk audit restored --reason TEXT` records that and lets work go on"
        )))
    }

    /// What a view of the workspace's records says above them when the workspace does not hold the newest
    /// change this machine recorded writing to it: what it shows may be older than what was recorded.
    pub fn workspace_warning(&self) -> Result<Option<String>> {
        // As a change checks it, first (see [`Self::check_head_kept`]).
        if let Some(what) = self.tally_problem()? {
            return Ok(Some(format!("this workspace's {what}. Run `vetdesk audit verify`")));
        }
        // A setting the checks rest on removed: the head record cannot be found, or the records would be
        // taken as never sealed.
        if let Some(f) = super::scopes::settings_findings(self.store.conn())?.into_iter().next() {
            return Ok(Some(format!(
                "this workspace's {}. Run `vetdesk audit verify` and restore the workspace from a copy you trust",
                f.problem.unwrap_or_default().trim_start_matches("its ")
            )));
        }
        // A workspace id changed would hide an older copy put back (its head record is kept under the id).
        if crate::store::settings::get(self.store.conn(), "seal_version")?.is_some()
            && let Err(Error::Invalid(why)) =
                crate::store::seal::check_unaltered(self.store.conn(), crate::store::seal::Scope::Settings)
        {
            return Ok(Some(why.replace("; nothing was written", "")));
        }
        if let Some(what) = self.rules_set_back()? {
            return Ok(Some(format!(
                "this workspace's {}. Run `vetdesk audit verify`",
                what.trim_start_matches("its ")
            )));
        }
        if let Some(what) = self.head_not_kept()? {
            return Ok(Some(format!(
                "this workspace is not as this machine last wrote it: {what} (an older copy put back, or rows \
                 removed), so what it shows may be older than what was recorded. Run `vetdesk audit verify`"
            )));
        }
        self.found_broken()
    }

    /// The match rules version the workspace records, when this machine last wrote it keyed under this
    /// vetdesk's rules (its head record, still holding, says so) and it now says an older one: set back
    /// behind vetdesk's back, so that its keys would be derived again and a key edited meanwhile erased. A
    /// workspace that can be written has it put back when opened; one that cannot (read-only) is named.
    pub(crate) fn rules_set_back(&self) -> Result<Option<String>> {
        use crate::store::keys;
        // The setting first: it reads this vetdesk's version on every workspace but a tampered (or older) one,
        // so a view reads no file for this.
        if !keys::stale(self.store.conn())? || !self.keyed_here_under_current_rules()? {
            return Ok(None);
        }
        if keys::newer_rules(self.store.conn())?.is_some() || self.head_record_check()?.is_bad() {
            return Ok(None); // a newer vetdesk's keys, or an older copy put back: each said on its own
        }
        let now = crate::store::settings::get(self.store.conn(), "match_rules")?;
        Ok(Some(format!(
            "its match rules version reads {} where this machine last wrote it under {}: it was set back behind \
             vetdesk's back, and its match keys may have been edited",
            now.map_or_else(|| "nothing".to_string(), |v| crate::text::quoted(&v)),
            keys::MATCH_RULES
        )))
    }

    /// Whether this machine's head record says it last wrote the workspace with its keys derived under this
    /// vetdesk's match rules.
    pub(crate) fn keyed_here_under_current_rules(&self) -> Result<bool> {
        let recorded = self.keys.recorded(&self.workspace_id, crate::signing::Record::Head)?;
        Ok(recorded.and_then(|h| h.rules).as_deref() == Some(crate::store::keys::MATCH_RULES))
    }

    /// The trail's tally of rows against its newest row, which in an intact trail are the same number: a
    /// row deleted behind vetdesk's back (the tally's own trigger counts it off) or the tally edited. Two
    /// reads in one statement (one moment, whatever other processes write), so every change and every view
    /// makes it; only `audit verify` walks the rows themselves.
    fn tally_problem(&self) -> Result<Option<String>> {
        let (tally, newest) = audit::tally_and_newest(self.store.conn())?;
        Ok(match tally {
            Some(n) if n == newest => None,
            Some(n) => Some(format!(
                "audit trail counts {} where its newest row is row {newest}: rows were deleted from it, or its \
                 count edited, behind vetdesk's back",
                crate::text::counted(n, "row", "rows")
            )),
            // A tally gone or unreadable is named by the checks of the workspace's tables.
            None => None,
        })
    }

    /// How the workspace differs from the newest change this machine recorded writing to it, if it does.
    fn head_not_kept(&self) -> Result<Option<String>> {
        Ok(Some(match self.head_record_check()? {
            HeadCheck::Truncated { recorded, rows } => format!(
                "it has {}, and this machine recorded writing row {} at {}",
                crate::text::counted(rows, "audit row", "audit rows"),
                recorded.rows,
                recorded.at
            ),
            HeadCheck::Rewritten { recorded, .. } => {
                format!(
                    "its audit row {} is not the one this machine recorded writing at {}",
                    recorded.rows, recorded.at
                )
            }
            _ => return Ok(None),
        }))
    }

    /// Refuses a change while the audit trail's guard triggers (which stop its rows from being changed
    /// or deleted, and keep its row tally) are dropped or changed: a row signed onto a trail known to be
    /// open to edits would be taken as part of a record that holds.
    pub(crate) fn check_trail_guarded(&self) -> Result<()> {
        if let Some(f) = super::scopes::guard_trigger_findings(self.store.conn())?.into_iter().next() {
            return Err(Error::invalid(format!(
                "the {}'s {}; nothing was written. Run `vetdesk audit verify` and restore the workspace \
                 from a copy you trust",
                f.scope,
                f.problem.unwrap_or_default().trim_start_matches("its ")
            )));
        }
        // With the guards in place, the tally tells a row deleted while they were not (before the
        // settings: the row deleted may be the one that sealed them, which would be named instead).
        if let Some(what) = self.tally_problem()? {
            return Err(Error::invalid(format!(
                "this workspace's {what}; nothing was written. Run `vetdesk audit verify` and restore the \
                 workspace from a copy you trust"
            )));
        }
        // The settings hold the workspace id this machine's head record is kept under: one changed would
        // hide an older copy put back. Every change checks them against their seal.
        if crate::store::settings::get(self.store.conn(), "seal_version")?.is_some() {
            crate::store::seal::check_unaltered(self.store.conn(), crate::store::seal::Scope::Settings)?;
        }
        Ok(())
    }

    /// Accepts a copy of the workspace put back on purpose (a backup restored after a disk failure), whose
    /// chain does not reach the head this machine recorded: after checking that the copy holds by itself
    /// (its chain and every record as sealed), appends an `audit.restored` row naming the head that was
    /// recorded and `reason`, and records the copy's new head. Refused when there is nothing to accept.
    pub fn accept_restored(&mut self, reason: &str) -> Result<Restored> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::refused("accepting a restored copy needs a reason", crate::error::Remedy::Reason));
        }
        crate::workspace::corrections::check_reason(reason)?;
        // Held from the check to the write, so that what the row says of the copy is what it held.
        let (recorded, rows_before) = self.checked_write(|ws| ws.accept_restored_held(reason))?;
        // Recorded once the row is committed: a head record never names a row the workspace lacks.
        let head = audit::head(self.store.conn())?.ok_or_else(|| Error::invalid("the audit chain is empty"))?;
        let record = self.head_record_of(head);
        self.keys.record_over(&self.workspace_id, Record::Head, &record)?;
        Ok(Restored { recorded, rows: rows_before, row: record.rows })
    }

    /// [`Workspace::accept_restored`]'s check and write, the workspace held: the head recorded before and
    /// the rows the copy held.
    fn accept_restored_held(&mut self, reason: &str) -> Result<(RecordedHead, i64)> {
        let recorded = match self.head_record_check()? {
            HeadCheck::Truncated { recorded, .. } | HeadCheck::Rewritten { recorded, .. } => recorded,
            HeadCheck::Holds { recorded } => {
                return Err(Error::invalid(format!(
                    "this workspace holds the newest change this machine recorded (row {}); there is no restored copy to accept",
                    recorded.rows
                )));
            }
            HeadCheck::NoRecord | HeadCheck::NotKept => {
                return Err(Error::invalid(
                    "this machine has no head record for this workspace; there is no restored copy to accept",
                ));
            }
        };
        let check = self.verify_audit()?;
        if check.chain.broken.is_some() || !check.findings.is_empty() || !check.derived.is_empty() {
            return Err(Error::invalid(format!(
                "the copy does not hold by itself, so it is not accepted: {}; nothing was written",
                check.headline()
            )));
        }
        let rows_before = check.chain.rows;
        let now = self.clock.now();
        let details = json!({
            "recorded_rows": recorded.rows, "recorded_hash": recorded.hash, "recorded_at": recorded.at,
            "rows": rows_before, "head": check.chain.head, "reason": reason,
        });
        let signer = self.keys.signer()?;
        let actor = self.actor.clone();
        self.store.write(|tx| {
            let entry = Entry { at: &now, actor: &actor, action: "audit.restored", case_id: None, details: &details };
            audit::append(tx, signer, &entry, &[])
        })?;
        Ok((recorded, rows_before))
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
