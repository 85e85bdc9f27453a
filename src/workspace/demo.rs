//! Access for `crate::demo`, which writes many cases per transaction instead of one operation each.

use serde_json::json;

use super::Workspace;
use crate::signing::Signer;
use crate::store::{Store, bulk};

impl Workspace {
    /// The store for bulk writes, and the key that signs their audit rows; the caller appends the audit
    /// rows in the same transaction, then calls [`Workspace::remember_head`].
    pub(crate) fn store_and_signer(&mut self) -> crate::Result<(&mut Store, &Signer)> {
        self.check_head_kept()?;
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
        self.checked_write(|ws| {
            let ids = bulk::demo_cases_in_view(ws.store.conn())?;
            let (actor, now) = (ws.actor.clone(), ws.clock.now());
            let details = json!({ "reason": bulk::DEMO_ASIDE });
            ws.rewrite_case_rows(
                "demo.remove",
                &details,
                &ids,
                DEMO_BATCH,
                |id| id,
                |tx, id| {
                    bulk::archive_demo(tx, id, &actor, &now)?;
                    Ok(json!(id))
                },
            )
        })
    }
}

/// Demo cases archived per audit row.
const DEMO_BATCH: usize = 500;
