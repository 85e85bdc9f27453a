//! `vetdesk demo`: fills a workspace with realistic, clearly fictional cases, for trying vetdesk out and for
//! testing it at scale. Every title starts with `DEMO`, every case is tagged `demo`, and every detail is
//! fictional by construction (reserved email domains, the 555-01xx phone range, documentation IP ranges).
//!
//! Cases are written many to a transaction (see [`crate::store::bulk`]), each with its `case.create`
//! audit row in the same transaction, so the audit chain stays whole. The connection is relaxed for the
//! fill only, and writes through the rollback journal when it has the workspace to itself (see
//! [`bulk::begin_bulk`]), then all in one transaction; everything is put back at the end. The full-text
//! indexes and the case list's link markers take each transaction's records at its end (see
//! [`bulk::deferred`]).

mod generate;
mod journal;
mod people;
mod records;
mod rng;
mod scenario;

use std::collections::BTreeMap;
use std::sync::mpsc;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;

use crate::domain::identifier::Rules;
use crate::signing::Signer;
use crate::store::audit;
use crate::store::bulk::{self, CaseRecords};
use crate::store::seal::{self, Scope};
use crate::{Error, Result, Workspace};

/// Cases made at a time, and between two progress reports.
pub const BATCH: u32 = 2_000;

/// How a fill commits.
#[derive(Debug, Clone, Copy)]
struct Plan {
    /// Cases made at a time, between two progress reports.
    batch: u32,
    /// Cases written per transaction when the fill writes in the log (beside another connection): each
    /// commit changes pages all over the indexes whose keys come in random order, the same pages again
    /// and again, and the log takes a copy of each at every commit, so the fewer commits the fewer writes
    /// (at 300,000 cases, commits of 100,000 wrote 2.2 times the file where commits of 25,000 wrote 2.6
    /// times). A failure keeps the commits before it.
    per_commit_in_log: u32,
    /// Commits between two checkpoints when the fill writes in the log (beside another connection): the
    /// log then holds at most this many commits' pages (about 0.9 GB for a commit of 100,000 cases).
    commits_per_checkpoint: u32,
}

const PLAN: Plan = Plan { batch: BATCH, per_commit_in_log: 100_000, commits_per_checkpoint: 1 };

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
    fn merge(&mut self, other: &DemoStats) {
        self.cases += other.cases;
        self.subjects += other.subjects;
        self.identifiers += other.identifiers;
        self.payments += other.payments;
        self.marks += other.marks;
        self.notes += other.notes;
        if self.first_case.is_none() {
            self.first_case = other.first_case;
        }
        self.last_case = other.last_case.or(self.last_case);
    }

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
/// `progress(done, total)` is called after each batch. A failure leaves the workspace as it was, or, when
/// the fill wrote in the log beside another connection, with the commits before it in place.
pub fn fill(ws: &mut Workspace, cases: u32, seed: u64, progress: &mut dyn FnMut(u32, u32)) -> Result<DemoStats> {
    fill_with(ws, cases, seed, PLAN, progress)
}

fn fill_with(
    ws: &mut Workspace,
    cases: u32,
    seed: u64,
    plan: Plan,
    progress: &mut dyn FnMut(u32, u32),
) -> Result<DemoStats> {
    let now = DateTime::parse_from_rfc3339(&ws.now())
        .map_err(|e| Error::invalid(format!("workspace clock: {e}")))?
        .with_timezone(&Utc);
    let actor = ws.actor().to_string();
    let mut generator = generate::Generator::new(ws.catalog(), seed, now, cases, &actor, ws.rules()?);
    let mut stats = DemoStats::default();
    // Cases are made on a second thread while the previous batch is written: on two cores the
    // fill then takes about as long as the writing alone. Each batch written goes back to that thread to
    // be freed there: freeing on the writer what the other thread allocated took the C allocator's lock on
    // that thread's memory for every string and made it gather its free blocks again and again (a sixth of
    // the writer's time; writing the rows of 300,000 cases took 4% and 13% less time in two pairs of runs).
    std::thread::scope(|scope| {
        let (ready, batches) = mpsc::sync_channel::<Vec<CaseRecords>>(1);
        let (spent, written_back) = mpsc::channel::<Vec<CaseRecords>>();
        scope.spawn(move || {
            let mut made = 0;
            while made < cases {
                written_back.try_iter().for_each(drop);
                let n = plan.batch.min(cases - made);
                let batch = (made..made + n).map(|i| generator.case(i)).collect();
                if ready.send(batch).is_err() {
                    break; // the writer stopped on an error
                }
                made += n;
            }
            written_back.iter().for_each(drop);
        });
        let before = bulk::begin_bulk(ws.store())?;
        // Through the rollback journal, one transaction: only pages that were in the file before it are
        // copied to the journal, each once (at a million cases the fill then wrote 1.18 times the file,
        // where commits of 100,000 wrote 2.2 times), and a failure or a crash leaves the workspace as it was.
        let per_commit = if before.rollback() { cases } else { plan.per_commit_in_log };
        // In one transaction that adds more cases than the workspace holds, the indexes keyed in no order
        // are built after the rows (see [`bulk::set_indexes_aside`]).
        let held = crate::store::cases::last_id(ws.store().conn())?;
        let build_after = before.rollback() && held < i64::from(cases);
        let filled =
            write_batches(ws, (&batches, spent), (cases, per_commit, plan, build_after), &actor, &mut stats, progress);
        let ended = bulk::end_bulk(ws.store(), before);
        filled?;
        ended?;
        Ok(stats)
    })
}

/// Writes the batches the generator sends, `per_commit` cases to a transaction, each case with its
/// `case.create` audit row, sealed and signed as any other change; sends each batch written back on
/// `spent`.
fn write_batches(
    ws: &mut Workspace,
    (batches, spent): (&mpsc::Receiver<Vec<CaseRecords>>, mpsc::Sender<Vec<CaseRecords>>),
    (cases, per_commit, plan, build_after): (u32, u32, Plan, bool),
    actor: &str,
    stats: &mut DemoStats,
    progress: &mut dyn FnMut(u32, u32),
) -> Result<()> {
    let rules = ws.rules()?;
    let mut done = 0;
    let mut commits = 0;
    while done < cases {
        let at = ws.now();
        let (store, signer) = ws.store_and_signer()?;
        let mut written = DemoStats::default();
        let room = per_commit.min(cases - done);
        store.write(|tx| {
            bulk::deferred(tx, || {
                let aside = build_after.then(|| bulk::set_indexes_aside(tx)).transpose()?;
                while written.cases < u64::from(room) {
                    let Ok(batch) = batches.recv() else { break };
                    write_batch(tx, (signer, &rules), (&at, actor), &batch, &mut written)?;
                    // Refused only once the generator has stopped: the batch is then freed here.
                    let _ = spent.send(batch);
                    progress(done + written.cases as u32, cases);
                }
                aside.map_or(Ok(()), |aside| bulk::build_set_aside(tx, aside))
            })
        })?;
        ws.remember_head();
        if written.cases == 0 {
            break; // the generator stopped
        }
        stats.merge(&written);
        done += written.cases as u32;
        commits += 1;
        if commits % plan.commits_per_checkpoint == 0 && done < cases {
            bulk::bulk_checkpoint(ws.store())?;
        }
    }
    Ok(())
}

/// Inserts one batch of cases on the transaction `tx`, seals each new case and appends its `case.create`
/// audit row, signed; adds what it wrote to `written`.
fn write_batch(
    tx: &rusqlite::Connection,
    (signer, rules): (&Signer, &Rules),
    (at, actor): (&str, &str),
    batch: &[CaseRecords],
    written: &mut DemoStats,
) -> Result<()> {
    // The generator derived the keys under the workspace's rules.
    let ids = bulk::insert_cases(tx, batch, signer.tag_key().map(|k| (k, rules)))?;
    let (Some(first), Some(last)) = (ids.first(), ids.last()) else { return Ok(()) };
    let mut digests = seal::seal_new_cases(tx, *first, *last)?;
    for (records, id) in batch.iter().zip(&ids) {
        let details = audit_details(records);
        let entry = audit::Entry { at, actor, action: "case.create", case_id: Some(*id), details: &details };
        let scope = Scope::Case(*id);
        let digest = digests.remove(id).ok_or_else(|| Error::invalid(format!("{scope} was not sealed")))?;
        audit::append_sealed(tx, signer, &entry, &BTreeMap::from([(scope.to_string(), digest)]))?;
        written.add(records, *id);
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::Keyring;

    fn pragma<T: rusqlite::types::FromSql>(ws: &Workspace, name: &str) -> T {
        ws.store().conn().query_row(&format!("PRAGMA {name}"), [], |r| r.get(0)).expect(name)
    }

    fn settings(ws: &Workspace) -> (i64, i64, i64, String) {
        (
            pragma(ws, "synchronous"),
            pragma(ws, "cache_size"),
            pragma(ws, "wal_autocheckpoint"),
            pragma(ws, "journal_mode"),
        )
    }

    /// Fills 75 cases in a file workspace (batches of 10; in the log, commits of 20 and a checkpoint after
    /// every second commit), `other` holding the workspace open meanwhile or not, and checks the result
    /// and the journal the fill wrote through.
    fn fill_and_check(other_reader: bool) {
        let dir = tempfile::tempdir().expect("folder");
        let path = dir.path().join("ws.db");
        let mut ws = Workspace::open(&path, "demo-tester", Keyring::open(&path.with_extension("keys"))).expect("open");
        let before = settings(&ws);
        assert_eq!((before.0, before.3.as_str()), (2, "wal"), "a workspace runs with synchronous=FULL and the log");
        let other = other_reader.then(|| {
            let conn = rusqlite::Connection::open(&path).expect("second connection");
            let _: i64 = conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0)).expect("read");
            conn
        });
        let plan = Plan { batch: 10, per_commit_in_log: 20, commits_per_checkpoint: 2 };
        let mut calls = Vec::new();
        // The file header's read version (byte 18): 1 with a rollback journal, 2 with the log.
        let journal = || std::fs::read(&path).expect("read the file")[18];
        let mut journals = Vec::new();
        // Whether a newcomer could read the workspace at that moment, without waiting.
        let newcomer_reads = || {
            let conn = rusqlite::Connection::open(&path).expect("a newcomer");
            conn.busy_timeout(std::time::Duration::ZERO).expect("no waiting");
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).is_ok()
        };
        let mut readable = Vec::new();
        let stats = fill_with(&mut ws, 75, 5, plan, &mut |done, total| {
            calls.push((done, total));
            journals.push(journal());
            if done == 40 {
                readable.push(newcomer_reads());
            }
        })
        .expect("fill");
        assert_eq!(calls.iter().map(|c| c.0).collect::<Vec<_>>(), [10, 20, 30, 40, 50, 60, 70, 75]);
        // Alone, the fill writes new pages once, through the rollback journal, and holds the workspace to
        // itself meanwhile; beside another connection, SQLite keeps the log and nobody waits.
        let during = if other_reader { 2 } else { 1 };
        assert!(journals.iter().all(|&j| j == during), "{journals:?}");
        assert_eq!(readable, [other_reader], "a newcomer reads during the fill only beside the log");
        assert_eq!(journal(), 2, "the workspace is back in the log");
        assert!(newcomer_reads(), "the fill lets go of the workspace");
        assert_eq!(stats.cases, 75);
        assert_eq!(settings(&ws), before, "the workspace's own settings are back");
        let wal = std::fs::metadata(dir.path().join("ws.db-wal")).map_or(0, |m| m.len());
        assert_eq!(wal, 0, "nothing is left in the log");
        if let Some(conn) = other {
            let cases: i64 = conn.query_row("SELECT count(*) FROM \"case\"", [], |r| r.get(0)).expect("read");
            assert_eq!(cases, 75, "the other connection reads the fill");
        }

        let conn = ws.store().conn();
        // Built again after the rows when the fill had the workspace to itself: as a new workspace has them.
        assert_eq!(crate::store::objects_changed(conn).expect("objects"), []);
        let whole: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity");
        assert_eq!(whole, "ok");
        let check = ws.verify_audit().expect("verify");
        assert!(check.holds(), "{}", check.headline());
        assert_eq!(check.chain.rows, 76, "the workspace's first row and one per case");
        assert!(check.scopes_checked >= 75, "every case's seal was checked: {}", check.scopes_checked);
        assert_eq!(check.chain.signers.iter().map(|s| s.rows).sum::<i64>(), 76, "every row signed");
        for id in stats.first_case.expect("first")..=stats.last_case.expect("last") {
            let rows = ws.audit_log(Some(id), 5, 0).expect("audit log");
            assert_eq!(rows.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(), ["case.create"], "case {id}");
        }
    }

    #[test]
    fn a_fill_indexes_and_marks_its_records_as_the_triggers_do_and_keeps_the_triggers() {
        let mut ws = Workspace::open_in_memory("demo-tester").expect("open");
        let before = crate::store::fts::contents(ws.store().conn()).1;
        let plan = Plan { batch: 10, per_commit_in_log: 20, commits_per_checkpoint: 2 };
        fill_with(&mut ws, 300, 9, plan, &mut |_, _| {}).expect("fill");
        let (filled, triggers) = crate::store::fts::contents(ws.store().conn());
        assert_eq!(triggers, before);
        // The same cases written row by row, each record copied into its index by its trigger.
        let now = DateTime::parse_from_rfc3339(&ws.now()).expect("clock").with_timezone(&Utc);
        let mut generator = generate::Generator::new(ws.catalog(), 9, now, 300, "demo-tester", Rules::default());
        let batch: Vec<CaseRecords> = (0..300).map(|i| generator.case(i)).collect();
        let mut by_triggers = crate::store::Store::open_in_memory().expect("store");
        by_triggers.write(|tx| bulk::insert_cases(tx, &batch, None)).expect("insert");
        let (expected, _) = crate::store::fts::contents(by_triggers.conn());
        assert!(
            expected.iter().all(|postings| postings.len() > 100),
            "{:?}",
            expected.iter().map(Vec::len).collect::<Vec<_>>()
        );
        assert_eq!(filled, expected);
        // And the case list's link markers.
        let markers = crate::store::links::markers;
        let marked = markers(by_triggers.conn());
        assert!(marked.iter().filter(|m| m.1).count() > 20, "{marked:?}");
        assert_eq!(markers(ws.store().conn()), marked);
    }

    /// The workspace's index definitions, by name.
    fn indexes(ws: &Workspace) -> Vec<(String, String)> {
        let conn = ws.store().conn();
        let sql = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name";
        let mut stmt = conn.prepare(sql).expect("prepare");
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("indexes");
        rows.collect::<rusqlite::Result<_>>().expect("indexes")
    }

    #[test]
    fn a_fill_that_fails_after_setting_indexes_aside_leaves_every_index_in_place() {
        let dir = tempfile::tempdir().expect("folder");
        let path = dir.path().join("ws.db");
        let mut ws = Workspace::open(&path, "demo-tester", Keyring::open(&path.with_extension("keys"))).expect("open");
        let before = indexes(&ws);
        assert!(before.iter().any(|(name, _)| name == "identifier_match"), "{before:?}");
        // A record written behind vetdesk's back under case 25, which the fill's third batch would make:
        // the fill stops there, after two batches were written without the indexes it builds at the end.
        let conn = rusqlite::Connection::open(&path).expect("behind vetdesk's back");
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO mark (case_id, code, state, marked_by, marked_at) VALUES (25, 'X', 'open', 'x', 'x');",
        )
        .expect("planted");
        drop(conn);
        let plan = Plan { batch: 10, per_commit_in_log: 20, commits_per_checkpoint: 2 };
        let mut reached = 0;
        let failed = fill_with(&mut ws, 40, 5, plan, &mut |done, _| reached = done);
        let said = failed.expect_err("the fill stops at the planted record").to_string();
        assert!(said.contains("cases #21 to #30 were changed behind vetdesk's back"), "{said}");
        assert_eq!(reached, 20, "two batches were written before it stopped");
        assert_eq!(indexes(&ws), before, "every index is back, as it was");
        let cases: i64 = ws.store().conn().query_row("SELECT count(*) FROM \"case\"", [], |r| r.get(0)).expect("count");
        assert_eq!(cases, 0, "nothing of the fill stayed");
    }

    #[test]
    fn a_fill_refuses_an_index_definition_written_behind_its_back_and_runs_none_of_it() {
        let dir = tempfile::tempdir().expect("folder");
        let path = dir.path().join("ws.db");
        let open = || Workspace::open(&path, "demo-tester", Keyring::open(&path.with_extension("keys"))).expect("open");
        drop(open());
        // SQLite reads only the first statement of a definition; whatever follows it would run if the fill
        // ran the definitions it found to build the indexes again.
        let conn = rusqlite::Connection::open(&path).expect("behind vetdesk's back");
        conn.execute_batch(
            "PRAGMA writable_schema = ON;
             UPDATE sqlite_master SET sql = sql || '; CREATE TABLE planted (x)' WHERE name = 'case_title';
             PRAGMA writable_schema = OFF;",
        )
        .expect("changed");
        drop(conn);
        let mut ws = open();
        let before = indexes(&ws);
        let plan = Plan { batch: 10, per_commit_in_log: 20, commits_per_checkpoint: 2 };
        let filled = fill_with(&mut ws, 20, 5, plan, &mut |_, _| {});
        let said = filled.expect_err("refused").to_string();
        assert!(said.contains("index case_title was changed behind vetdesk's back; nothing was written"), "{said}");
        let conn = ws.store().conn();
        let planted: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'planted'", [], |r| r.get(0))
            .expect("read");
        assert_eq!(planted, 0);
        // The definitions stay as found, for `audit verify` to name.
        assert_eq!(indexes(&ws), before);
        let changed = crate::store::objects_changed(ws.store().conn()).expect("objects");
        assert_eq!(changed, [("index".to_string(), "case_title".to_string(), "changed")]);
    }

    #[test]
    fn a_fill_over_several_commits_seals_and_signs_every_case_and_puts_the_connection_back() {
        fill_and_check(false);
    }

    #[test]
    fn a_fill_while_another_connection_has_the_workspace_open_is_read_there_and_leaves_the_log_empty() {
        fill_and_check(true);
    }
}
