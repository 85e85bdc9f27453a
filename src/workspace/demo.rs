//! Access for `crate::demo`, which writes many cases per transaction instead of one operation each.

use std::collections::BTreeMap;

use serde_json::json;

use super::Workspace;
use crate::signing::Signer;
use crate::store::audit::{self, Entry};
use crate::store::seal::{self, Scope};
use crate::store::{Store, bulk};

impl Workspace {
    /// The store for bulk writes, and the key that signs their audit rows; the caller appends the audit
    /// rows in the same transaction, then calls [`Workspace::remember_head`].
    pub(crate) fn store_and_signer(&mut self) -> crate::Result<(&mut Store, &Signer)> {
        Ok((&mut self.store, self.keys.signer()?))
    }

    /// How many cases are the investigator's own (not demo cases).
    pub fn own_cases(&self) -> crate::Result<u64> {
        bulk::own_cases(self.store.conn())
    }

    /// Sets every demo case aside: archived, with the reason [`bulk::DEMO_ASIDE`], in audited batches;
    /// only each case's own row is resealed. Returns how many were archived and how many were left as they
    /// were because they were changed behind vetdesk's back.
    pub fn set_demo_aside(&mut self) -> crate::Result<(usize, usize)> {
        let ids = bulk::demo_cases_in_view(self.store.conn())?;
        let now = self.clock.now();
        let actor = self.actor.clone();
        let signer = self.keys.signer()?;
        let (mut done, mut skipped) = (0, 0);
        for batch in ids.chunks(DEMO_BATCH) {
            self.store.write(|tx| {
                let mut digests = BTreeMap::new();
                let mut archived = Vec::new();
                for &id in batch {
                    let scope = Scope::Case(id);
                    if !seal::table_matches(tx, scope, "case")? || !seal::seal_rows_committed(tx, scope)? {
                        skipped += 1;
                        continue;
                    }
                    bulk::archive_demo(tx, id, &actor, &now)?;
                    digests.insert(scope.to_string(), seal::reseal_table(tx, scope, "case")?);
                    archived.push(id);
                }
                if archived.is_empty() {
                    return Ok(());
                }
                done += archived.len();
                let details = json!({ "reason": bulk::DEMO_ASIDE, "cases": archived });
                let entry = Entry { at: &now, actor: &actor, action: "demo.remove", case_id: None, details: &details };
                audit::append_sealed(tx, signer, &entry, &digests)?;
                Ok(())
            })?;
        }
        self.remember_head();
        Ok((done, skipped))
    }
}

/// Demo cases archived per audit row.
const DEMO_BATCH: usize = 500;
