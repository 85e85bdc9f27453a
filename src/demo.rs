//! `vetdesk demo`: fills a workspace with realistic, clearly fictional cases, for trying vetdesk out and for
//! testing it at scale. Every title starts with `DEMO`, every case is tagged `demo`, and every detail is
//! fictional by construction (reserved email domains, the 555-01xx phone range, documentation IP ranges).
//!
//! Cases are written many to a transaction (see [`crate::store::bulk`]), each with its `case.create`
//! audit row in the same transaction, so the audit chain stays whole.

mod generate;
mod journal;
mod people;
mod records;
mod rng;
mod scenario;

use std::sync::mpsc;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;

use crate::store::audit;
use crate::store::bulk::{self, CaseRecords};
use crate::{Error, Result, Workspace};

/// Cases written per transaction: large enough to be fast, small enough that progress moves.
pub const BATCH: u32 = 2_000;

/// What a fill wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DemoStats {
    pub cases: u64,
    pub subjects: u64,
    pub identifiers: u64,
    pub payments: u64,
    pub marks: u64,
    pub notes: u64,
    /// Ids of the first and last case written, when any was.
    pub first_case: Option<i64>,
    pub last_case: Option<i64>,
}

impl DemoStats {
    fn add(&mut self, records: &CaseRecords, id: i64) {
        self.cases += 1;
        self.subjects += records.subjects.len() as u64;
        self.identifiers += records.identifiers.len() as u64;
        self.payments += records.payments.len() as u64;
        self.marks += records.marks.len() as u64;
        self.notes += records.notes.len() as u64;
        self.first_case.get_or_insert(id);
        self.last_case = Some(id);
    }
}

/// Adds `cases` demo cases to the workspace, after any it already holds. The same `seed` and workspace
/// clock give the same cases. Timestamps spread over the two years before the workspace clock's "now".
/// `progress(done, total)` is called after each batch; a failure leaves the batches before it in place.
pub fn fill(ws: &mut Workspace, cases: u32, seed: u64, progress: &mut dyn FnMut(u32, u32)) -> Result<DemoStats> {
    let now = DateTime::parse_from_rfc3339(&ws.now())
        .map_err(|e| Error::invalid(format!("workspace clock: {e}")))?
        .with_timezone(&Utc);
    let actor = ws.actor().to_string();
    let mut generator = generate::Generator::new(ws.catalog(), seed, now, cases, &actor);
    let mut stats = DemoStats::default();
    // Cases are made on a second thread while the previous batch is written: on two cores the
    // fill then takes about as long as the writing alone.
    std::thread::scope(|scope| {
        let (ready, batches) = mpsc::sync_channel::<Vec<CaseRecords>>(1);
        scope.spawn(move || {
            let mut made = 0;
            while made < cases {
                let n = BATCH.min(cases - made);
                let batch = (made..made + n).map(|i| generator.case(i)).collect();
                if ready.send(batch).is_err() {
                    break; // the writer stopped on an error
                }
                made += n;
            }
        });
        let mut done = 0;
        for batch in batches {
            let at = ws.now();
            let (store, signer) = ws.store_and_signer()?;
            let ids = store.write(|tx| {
                let ids = bulk::insert_cases(tx, &batch)?;
                for (records, id) in batch.iter().zip(&ids) {
                    let details = audit_details(records);
                    let entry = audit::Entry {
                        at: &at,
                        actor: &actor,
                        action: "case.create",
                        case_id: Some(*id),
                        details: &details,
                    };
                    audit::append(tx, signer, &entry, &[])?;
                }
                Ok(ids)
            })?;
            ws.remember_head();
            for (records, id) in batch.iter().zip(ids) {
                stats.add(records, id);
            }
            done += batch.len() as u32;
            progress(done, cases);
        }
        Ok(stats)
    })
}

fn audit_details(r: &CaseRecords) -> serde_json::Value {
    json!({
        "title": r.case.title,
        "demo": true,
        "subjects": r.subjects.len(),
        "identifiers": r.identifiers.len(),
        "marks": r.marks.len(),
        "notes": r.notes.len(),
        "payments": r.payments.len(),
    })
}
