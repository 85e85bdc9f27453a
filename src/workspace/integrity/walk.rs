//! Walking the chain for a check, and what this machine remembers of each walk that held, so that the
//! check of one case walks only the rows added since.
//!
//! After a walk that held, the head is remembered beside the key ([`Record::Walked`], and
//! [`Record::Checked`] when this machine's key signed every row, for a vetdesk that knows only that
//! record), with the hash of every [`audit::CHECKPOINT_ROWS`]th row ([`Record::Checkpoints`]). The check of
//! one case then walks the rows after that head and checks on its own each earlier row that last sealed
//! the case, the organization or the settings: one this machine signed by its signature, one another key
//! signed by the rows from it to the next checkpoint, which must end at the hash remembered there. So a
//! check of one case on a workspace that other machines also wrote to no longer walks the whole chain.

use rusqlite::Connection;

use super::head::HeadCheck;
use super::{Coverage, scopes};
use crate::Result;
use crate::signing::{Record, RecordedHead};
use crate::store::audit::{self, ChainCheck};
use crate::store::seal::Scope;
use crate::workspace::Workspace;

impl Workspace {
    /// Walks the chain: all of it for `audit verify`; for one case, only the rows after the newest head
    /// this machine found holding (when that row is still there with its hash and no row before it is
    /// missing), then checks on their own the earlier rows that last sealed the case, the organization and
    /// the settings. When such a row, signed by another key, cannot be matched to what this machine found
    /// then, the whole chain is walked instead.
    pub(super) fn walk_chain(
        &self,
        coverage: Coverage,
        rows_total: i64,
        progress: &mut dyn FnMut(i64),
    ) -> Result<ChainCheck> {
        let conn = self.store.conn();
        let mine = self.keys.signer().ok();
        let checked = match (coverage, mine) {
            (Coverage::Case(_), Some(_)) => self.last_walk(conn, rows_total)?,
            _ => None,
        };
        let scopes = match coverage {
            Coverage::Case(id) => Some([Scope::Case(id), Scope::Organization, Scope::Settings]),
            Coverage::Everything => None,
        };
        let only = scopes.as_ref().map(|s| s.as_slice());
        let from = checked.as_ref().map(|c| (c.rows, c.hash.as_str()));
        let mut chain = audit::verify_from(conn, mine, from, only, progress)?;
        let (Some(scopes), Some(checked), Some(mine)) = (scopes, &checked, mine) else { return Ok(chain) };
        chain.vouched_foreign = checked.foreign;
        if chain.broken.is_some() {
            return Ok(chain);
        }
        for scope in scopes {
            if chain.seals.contains_key(&scope) {
                continue;
            }
            let Some(row) = audit::sealing_row(conn, scope, checked.rows)? else { continue };
            // A row another key signed, where the walk remembered found rows other keys signed: as that
            // walk found it, or the whole chain is walked to say what changed. Where that walk found none,
            // this machine signed the row then, and its signature decides.
            let held = if checked.foreign > 0 && !audit::signed_here(conn, mine, row)? {
                match self.linked(conn, row, checked)? {
                    Ok(seals) => Ok(seals),
                    Err(_) => return audit::verify_from(conn, Some(mine), None, only, progress),
                }
            } else {
                audit::check_row(conn, mine, row)?
            };
            match held {
                Ok(seals) => {
                    if let Some(digest) = seals.get(&scope.to_string()) {
                        chain.seals.insert(scope, audit::Sealed { digest: audit::SealedDigest::read(digest), row });
                    }
                }
                Err(reason) => {
                    chain.broken = Some((row, reason));
                    return Ok(chain);
                }
            }
        }
        Ok(chain)
    }

    /// The newest walk this machine remembers that the chain still holds: its head row still there with
    /// its hash, and no row missing (the trail's tally, kept by triggers, equals the newest row's id).
    fn last_walk(&self, conn: &Connection, rows_total: i64) -> Result<Option<RecordedHead>> {
        let mut walks = Vec::new();
        for kind in [Record::Walked, Record::Checked] {
            walks.extend(self.keys.recorded(&self.workspace_id, kind)?);
        }
        walks.sort_by_key(|w| std::cmp::Reverse(w.rows));
        let Some(walk) = walks.into_iter().find(|w| {
            w.rows <= rows_total && audit::hash_at(conn, w.rows).ok().flatten().as_deref() == Some(w.hash.as_str())
        }) else {
            return Ok(None);
        };
        let whole = audit::tally(conn).ok().flatten() == Some(rows_total)
            // With a guard dropped, the tally may no longer count deletions: walk it all.
            && scopes::guard_trigger_findings(conn).is_ok_and(|found| found.is_empty());
        Ok(whole.then_some(walk))
    }

    /// Row `row` (at or before `walk`'s head) checked against what this machine found on its walks: by
    /// the rows up to the checkpoint after it, or up to the walk's head when that comes first.
    fn linked(
        &self,
        conn: &Connection,
        row: i64,
        walk: &RecordedHead,
    ) -> Result<std::result::Result<std::collections::BTreeMap<String, String>, String>> {
        let every = audit::CHECKPOINT_ROWS;
        let next = (row + every - 1) / every * every;
        let anchor = if next < walk.rows {
            match self.keys.checkpoint(&self.workspace_id, every, next) {
                Some(hash) => (next, hash),
                None => return Ok(Err(format!("no checkpoint is remembered for row {next}"))),
            }
        } else {
            (walk.rows, walk.hash.clone())
        };
        audit::check_row_linked(conn, row, (anchor.0, &anchor.1))
    }

    /// Remembers how far the chain held, so the next check of one case walks only what came after; a
    /// whole walk that found it broken takes back what this machine remembered of it.
    pub(super) fn remember_walk(&self, coverage: Coverage, chain: &ChainCheck, head_record: &HeadCheck) {
        let conn = self.store.conn();
        if chain.broken.is_none()
            && !head_record.is_bad()
            && let Some(hash) = &chain.head
        {
            let foreign = chain.vouched_foreign + chain.foreign_signers().map(|s| s.rows).sum::<i64>();
            let walked =
                RecordedHead { rows: chain.rows, hash: hash.clone(), at: self.clock.now(), rules: None, foreign };
            // The checkpoints first: a head remembered is only used with the checkpoints before it.
            let _ = self.keys.record_checkpoints(&self.workspace_id, audit::CHECKPOINT_ROWS, &chain.checkpoints);
            let kinds: &[Record] = if foreign == 0 { &[Record::Walked, Record::Checked] } else { &[Record::Walked] };
            for &kind in kinds {
                // A record this chain does not hold (a copy put back with `audit restored` is shorter than
                // the chain last walked) is replaced, or every later check would walk the whole chain again.
                let elsewhere = self.keys.recorded(&self.workspace_id, kind).ok().flatten().is_some_and(|c| {
                    c.rows > chain.rows
                        || audit::hash_at(conn, c.rows).ok().flatten().as_deref() != Some(c.hash.as_str())
                });
                let _ = if elsewhere {
                    self.keys.record_over(&self.workspace_id, kind, &walked)
                } else {
                    self.keys.record(&self.workspace_id, kind, &walked)
                };
            }
        }
        // Changes are refused from now on, whatever part of the chain a later check walks, until a walk of
        // all of it holds (see `Workspace::check_not_found_broken`).
        // The row is remembered as it was found, so that only the file that holds it so is refused: a copy
        // with the same id (a backup about to be put back) is another chain, and checking it clears nothing.
        if let Some((row, _)) = &chain.broken {
            let print = audit::row_print(conn, *row).ok().flatten().unwrap_or_default();
            let found = RecordedHead { rows: *row, hash: print, at: self.clock.now(), rules: None, foreign: 0 };
            let _ = self.keys.record_over(&self.workspace_id, Record::Broken, &found);
        } else if coverage == Coverage::Everything && self.found_broken_here().ok().flatten().is_some() {
            let _ = self.keys.clear(&self.workspace_id, Record::Broken);
        }
        // A later summary's check then walks it all again instead of starting after rows it can no
        // longer vouch for.
        if coverage == Coverage::Everything && chain.broken.is_some() {
            let forgotten =
                RecordedHead { rows: 0, hash: String::new(), at: self.clock.now(), rules: None, foreign: 0 };
            for kind in [Record::Walked, Record::Checked] {
                let _ = self.keys.record_over(&self.workspace_id, kind, &forgotten);
            }
        }
    }
}
