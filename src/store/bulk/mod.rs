//! Bulk inserts for `vetdesk demo`: a whole case (subjects, identifiers, payments, marks, notes) written
//! with cached statements, many cases to one transaction. The caller owns the transaction and appends
//! the audit rows in it.

use rusqlite::{Connection, Statement, params};

mod mode;

pub use mode::{
    BULK_CACHE_KIB, BulkMode, SetAside, begin_bulk, build_set_aside, bulk_checkpoint, end_bulk, set_indexes_aside,
};

use super::key_tags::TagKey;
use super::{fts, links, payments};
use crate::Result;
use crate::domain::identifier::Rules;
use crate::domain::{Case, Disposition, HireStage, Identifier, Mark, Note, Payment, Subject};

/// One case with everything in it, ready to insert. Ids (`id`, `case_id`, `subject_id`) in the records
/// are ignored: they are assigned on insert, and a record names its subject by position in `subjects`.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRecords {
    pub case: Case,
    pub subjects: Vec<Subject>,
    pub identifiers: Vec<(Option<usize>, Identifier)>,
    pub payments: Vec<(Option<usize>, Payment)>,
    pub marks: Vec<Mark>,
    pub notes: Vec<Note>,
}

/// Values bound per multi-row `INSERT`, under SQLite's limit of 32,766: as many rows to a statement as
/// fit. FTS5 writes what it has gathered to disk as a new segment at every statement savepoint, and an
/// insert that fires a full-text trigger (cases, subjects, identifiers, notes) opens one; each segment is
/// merged with others later, so the fewer statements, the less the full-text indexes are rewritten
/// (500 rows to a statement wrote 39 segments of `case_search` per 2,000 cases, this writes 8).
const VALUES_PER_INSERT: usize = 32_000;

/// Inserts the cases with their records, in order; returns the new case ids. Case and subject ids are
/// given on insert, the next after the largest there (what SQLite would choose: the tables have no
/// `AUTOINCREMENT`), so that every table goes in many rows to a statement: a statement that fires the
/// full-text triggers flushes the full-text index, so one case per statement would flush it per case.
/// With `tags`, each identifier's and payment's keys are tagged (`store::key_tags`) under the workspace's
/// rules, under which the batch's identifier keys were derived.
pub fn insert_cases(conn: &Connection, batch: &[CaseRecords], tags: Option<(&TagKey, &Rules)>) -> Result<Vec<i64>> {
    let next = |table: &str| -> Result<i64> { Ok(super::last_id(conn, table)? + 1) };
    // Only the first number is checked: numbers are given in turn, so any used before would start here.
    let first_case = super::cases::next_id(conn)?;
    // Every number the batch takes holds nothing yet: rows written under one behind vetdesk's back would
    // be sealed as that case's (one read per table for the whole range).
    let last_case = first_case + batch.len() as i64 - 1;
    if !batch.is_empty() && !super::seal::current_cases(conn, first_case, last_case)?.is_empty() {
        return Err(crate::Error::invalid(format!(
            "cases #{first_case} to #{last_case} were changed behind vetdesk's back (records were written under \
             their numbers before they were made); nothing was written. Run `vetdesk audit verify` and restore \
             the workspace from a copy you trust"
        )));
    }
    super::seal::check_none_ahead(conn)?;
    let mut next_subject = next("subject")?;
    let mut ids = Vec::with_capacity(batch.len());
    let mut cases = Vec::with_capacity(batch.len());
    let mut subjects = Vec::new();
    let mut identifiers = Vec::new();
    let mut payments = Vec::new();
    let mut marks = Vec::new();
    let mut notes = Vec::new();
    for (case_id, r) in (first_case..).zip(batch) {
        cases.push((case_id, &r.case));
        let first_subject = next_subject;
        for s in &r.subjects {
            subjects.push((next_subject, case_id, s));
            next_subject += 1;
        }
        let count = r.subjects.len();
        let subject = |at: Option<usize>| at.filter(|i| *i < count).map(|i| first_subject + i as i64);
        identifiers.extend(r.identifiers.iter().map(|(at, i)| (case_id, subject(*at), i)));
        payments.extend(r.payments.iter().map(|(at, p)| (case_id, subject(*at), p)));
        marks.extend(r.marks.iter().map(|m| (case_id, m)));
        notes.extend(r.notes.iter().map(|n| (case_id, n)));
        ids.push(case_id);
    }
    insert_rows(
        conn,
        "\"case\" (id, title, status, priority, disposition, catalog_version, tags, witnesses, other_reports,
                   risk_score, reviewed_items, created_at, updated_at, closed_at, demo)",
        15,
        &cases,
        |stmt, at, (id, c)| {
            stmt.raw_bind_parameter(at, id)?;
            stmt.raw_bind_parameter(at + 1, &c.title)?;
            stmt.raw_bind_parameter(at + 2, c.status.as_str())?;
            stmt.raw_bind_parameter(at + 3, c.priority.as_str())?;
            stmt.raw_bind_parameter(at + 4, c.disposition.map(Disposition::as_str))?;
            stmt.raw_bind_parameter(at + 5, &c.catalog_version)?;
            stmt.raw_bind_parameter(at + 6, c.tags.join(", "))?;
            stmt.raw_bind_parameter(at + 7, &c.witnesses)?;
            stmt.raw_bind_parameter(at + 8, &c.other_reports)?;
            stmt.raw_bind_parameter(at + 9, c.risk_score)?;
            stmt.raw_bind_parameter(at + 10, c.reviewed_items)?;
            stmt.raw_bind_parameter(at + 11, &c.created_at)?;
            stmt.raw_bind_parameter(at + 12, &c.updated_at)?;
            stmt.raw_bind_parameter(at + 13, &c.closed_at)?;
            stmt.raw_bind_parameter(at + 14, 1)
        },
    )?;
    // As `subjects::insert` writes a new subject: last changed when created.
    insert_rows(
        conn,
        "subject (id, case_id, role, name, business, aliases, location, position, vendor, hire_stage, hired_on,
                  created_at, updated_at)",
        13,
        &subjects,
        |stmt, at, (id, case_id, s)| {
            stmt.raw_bind_parameter(at, id)?;
            stmt.raw_bind_parameter(at + 1, case_id)?;
            stmt.raw_bind_parameter(at + 2, s.role.as_str())?;
            stmt.raw_bind_parameter(at + 3, &s.name)?;
            stmt.raw_bind_parameter(at + 4, &s.business)?;
            stmt.raw_bind_parameter(at + 5, s.aliases.join(", "))?;
            stmt.raw_bind_parameter(at + 6, &s.location)?;
            stmt.raw_bind_parameter(at + 7, &s.position)?;
            stmt.raw_bind_parameter(at + 8, &s.vendor)?;
            stmt.raw_bind_parameter(at + 9, s.hire_stage.map(HireStage::as_str))?;
            stmt.raw_bind_parameter(at + 10, &s.hired_on)?;
            stmt.raw_bind_parameter(at + 11, &s.created_at)?;
            stmt.raw_bind_parameter(at + 12, &s.created_at)
        },
    )?;
    insert_rows(
        conn,
        "identifier (case_id, subject_id, kind, raw, normalized, loose, warning, note, created_at, key_tag)",
        10,
        &identifiers,
        |stmt, at, (case_id, subject_id, i)| {
            let tag = tags.and_then(|(k, rules)| super::identifiers::tag(i, rules, Some(k)));
            stmt.raw_bind_parameter(at, case_id)?;
            stmt.raw_bind_parameter(at + 1, subject_id)?;
            stmt.raw_bind_parameter(at + 2, i.kind.as_str())?;
            stmt.raw_bind_parameter(at + 3, &i.raw)?;
            stmt.raw_bind_parameter(at + 4, &i.normalized)?;
            stmt.raw_bind_parameter(at + 5, &i.loose)?;
            stmt.raw_bind_parameter(at + 6, &i.warning)?;
            stmt.raw_bind_parameter(at + 7, &i.note)?;
            stmt.raw_bind_parameter(at + 8, &i.created_at)?;
            stmt.raw_bind_parameter(at + 9, &tag)
        },
    )?;
    insert_rows(
        conn,
        "payment (case_id, subject_id, paid_on, amount_cents, currency, method, recipient, bank, routing_number,
                  account, note, created_at, account_key, account_loose, key_tag)",
        15,
        &payments,
        |stmt, at, (case_id, subject_id, p)| {
            // A bulk fill records no wallet (its payments have none): no wallet key.
            debug_assert!(p.wallet.is_empty(), "the bulk fill writes no wallet column");
            let keys = payments::Keys::of(&p.routing_number, &p.account, "");
            let tag = keys.tag((&p.routing_number, &p.account, ""), tags.map(|(k, _)| k));
            let payments::Keys { account: key, account_loose: loose, .. } = keys;
            stmt.raw_bind_parameter(at, case_id)?;
            stmt.raw_bind_parameter(at + 1, subject_id)?;
            stmt.raw_bind_parameter(at + 2, &p.paid_on)?;
            stmt.raw_bind_parameter(at + 3, p.amount_cents)?;
            stmt.raw_bind_parameter(at + 4, &p.currency)?;
            stmt.raw_bind_parameter(at + 5, &p.method)?;
            stmt.raw_bind_parameter(at + 6, &p.recipient)?;
            stmt.raw_bind_parameter(at + 7, &p.bank)?;
            stmt.raw_bind_parameter(at + 8, &p.routing_number)?;
            stmt.raw_bind_parameter(at + 9, &p.account)?;
            stmt.raw_bind_parameter(at + 10, &p.note)?;
            stmt.raw_bind_parameter(at + 11, &p.created_at)?;
            stmt.raw_bind_parameter(at + 12, &key)?;
            stmt.raw_bind_parameter(at + 13, &loose)?;
            stmt.raw_bind_parameter(at + 14, &tag)
        },
    )?;
    insert_rows(
        conn,
        "mark (case_id, code, state, note, marked_by, marked_at)",
        6,
        &marks,
        |stmt, at, (case_id, m)| {
            stmt.raw_bind_parameter(at, case_id)?;
            stmt.raw_bind_parameter(at + 1, &m.code)?;
            stmt.raw_bind_parameter(at + 2, m.state.as_str())?;
            stmt.raw_bind_parameter(at + 3, &m.note)?;
            stmt.raw_bind_parameter(at + 4, &m.marked_by)?;
            stmt.raw_bind_parameter(at + 5, &m.marked_at)
        },
    )?;
    insert_rows(conn, "note (case_id, body, author, created_at)", 4, &notes, |stmt, at, (case_id, n)| {
        stmt.raw_bind_parameter(at, case_id)?;
        stmt.raw_bind_parameter(at + 1, &n.body)?;
        stmt.raw_bind_parameter(at + 2, &n.author)?;
        stmt.raw_bind_parameter(at + 3, &n.created_at)
    })?;
    Ok(ids)
}

/// Runs `write`, which only adds records, with what triggers derive from each new row written once at its
/// end instead of row by row, all on the caller's transaction `conn`: a row in `fts_deferred` holds the
/// full-text insert triggers (schema step 14) and the link-marker insert triggers (step 16) back, `write`
/// runs, the row goes, the records `write` added (ids above the largest before it) go into the full-text
/// indexes a range to a statement ([`fts::fill_after`]), and their cases' link markers are worked out
/// ([`links::mark_added`]). For `vetdesk demo`: FTS5 writes a segment of its index at every statement that
/// fires a trigger and merges those segments again and again as they pile up, where a range of 20,000 rows
/// makes few, large ones; and a marker trigger per identifier looked up every holder of its value, where a
/// case's marker needs only its first shared value. If anything fails the transaction rolls back, the row
/// with it; no other connection ever sees the row.
pub fn deferred<T>(conn: &Connection, write: impl FnOnce() -> Result<T>) -> Result<T> {
    let search = fts::last_ids(conn)?;
    let marked = links::Added::before(conn)?;
    conn.execute("INSERT INTO fts_deferred DEFAULT VALUES", [])?;
    let out = write()?;
    conn.execute("DELETE FROM fts_deferred", [])?;
    fts::fill_after(conn, search)?;
    links::mark_added(conn, &marked)?;
    Ok(out)
}

/// How many cases are the investigator's own, not written by `vetdesk demo`.
pub fn own_cases(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM \"case\" WHERE demo IS NULL", [], |r| r.get(0))?;
    Ok(n.unsigned_abs())
}

/// Demo cases not yet set aside (archived), in id order.
pub fn demo_cases_in_view(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare("SELECT id FROM \"case\" WHERE demo = 1 AND archived_at IS NULL ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Archives a demo case as set aside by `vetdesk demo --remove`.
pub fn archive_demo(conn: &Connection, id: i64, by: &str, now: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE \"case\" SET archived_at = ?2, archived_by = ?3, archive_reason = ?4 WHERE id = ?1 AND demo = 1",
    )?
    .execute(params![id, now, by, DEMO_ASIDE])?;
    Ok(())
}

/// The reason `vetdesk demo --remove` records on each demo case it archives.
pub const DEMO_ASIDE: &str = "demo data, set aside with `vetdesk demo --remove`";

/// Inserts `rows` into `table_and_columns` (`name (col, …)`), as many to a statement as
/// [`VALUES_PER_INSERT`] allows;
/// `bind` binds one row's `width` values starting at the parameter index it is given.
pub(super) fn insert_rows<T>(
    conn: &Connection,
    table_and_columns: &str,
    width: usize,
    rows: &[T],
    bind: impl Fn(&mut Statement<'_>, usize, &T) -> rusqlite::Result<()>,
) -> Result<()> {
    let tuple = format!("({})", vec!["?"; width].join(", "));
    let sql = |n: usize| format!("INSERT INTO {table_and_columns} VALUES {}", vec![tuple.as_str(); n].join(", "));
    let run = |stmt: &mut Statement<'_>, chunk: &[T]| -> Result<()> {
        for (k, row) in chunk.iter().enumerate() {
            bind(stmt, k * width + 1, row)?;
        }
        stmt.raw_execute()?;
        Ok(())
    };
    let per_statement = (VALUES_PER_INSERT / width).max(1);
    for chunk in rows.chunks(per_statement) {
        if chunk.len() == per_statement {
            run(&mut *conn.prepare_cached(&sql(chunk.len()))?, chunk)?;
        } else {
            // The last, shorter chunk of a batch: a statement of its own size, used once.
            run(&mut conn.prepare(&sql(chunk.len()))?, chunk)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CaseStatus, HireStage, IdentifierKind, MarkState, Priority, Role};
    use crate::store::{Store, cases, identifiers, marks, notes, payments, subjects};

    fn records() -> CaseRecords {
        let at = "2026-01-01T00:00:00Z".to_string();
        let subject = |role, name: &str| Subject {
            id: 0,
            case_id: 0,
            role,
            name: name.into(),
            business: String::new(),
            aliases: vec!["A. Person".into()],
            location: "Springfield".into(),
            position: String::new(),
            vendor: String::new(),
            hire_stage: Some(HireStage::Employed),
            hired_on: Some("2025-12-01".into()),
            created_at: at.clone(),
            updated_at: at.clone(),
            void: None,
        };
        CaseRecords {
            case: Case {
                id: 0,
                title: "DEMO · t".into(),
                status: CaseStatus::Closed,
                priority: Priority::High,
                disposition: Some(Disposition::Confirmed),
                catalog_version: "t".into(),
                tags: vec!["demo".into(), "x".into()],
                witnesses: String::new(),
                other_reports: String::new(),
                risk_score: 5,
                reviewed_items: 2,
                created_at: at.clone(),
                updated_at: at.clone(),
                closed_at: Some(at.clone()),
                archived: None,
            },
            subjects: vec![subject(Role::Candidate, "Ann"), subject(Role::Facilitator, "Bob")],
            identifiers: vec![(
                Some(1),
                Identifier {
                    id: 0,
                    case_id: 0,
                    subject_id: None,
                    kind: IdentifierKind::Phone,
                    raw: "+1 555 0100".into(),
                    normalized: "15550100".into(),
                    loose: None,
                    warning: None,
                    note: "n".into(),
                    created_at: at.clone(),
                    void: None,
                },
            )],
            payments: vec![(
                Some(0),
                Payment {
                    id: 0,
                    case_id: 0,
                    subject_id: None,
                    paid_on: "2026-01-01".into(),
                    amount_cents: 100,
                    currency: "USD".into(),
                    method: "ach".into(),
                    recipient: "Ann".into(),
                    bank: String::new(),
                    routing_number: String::new(),
                    account: String::new(),
                    note: String::new(),
                    created_at: at.clone(),
                    ..Payment::default()
                },
            )],
            // More than one statement's worth over two cases.
            marks: (0..260)
                .map(|n| Mark {
                    code: format!("RF-ID-{n:03}"),
                    state: MarkState::Flagged,
                    note: String::new(),
                    marked_by: "ana".into(),
                    marked_at: at.clone(),
                })
                .collect(),
            notes: vec![Note {
                id: 0,
                case_id: 0,
                body: "webcam broken again".into(),
                author: "ana".into(),
                created_at: at,
                revisions: 0,
                edited: None,
                void: None,
            }],
        }
    }

    #[test]
    fn a_case_and_its_records_read_back_with_subjects_resolved() {
        let mut store = Store::open_in_memory().expect("store");
        let r = records();
        let ids = store.write(|tx| insert_cases(tx, &[r.clone(), r.clone()], None)).expect("read back");
        let (a, b) = (ids[0], ids[1]);
        assert_eq!(b, a + 1);
        let conn = store.conn();
        let case = cases::get(conn, b).expect("read back");
        assert_eq!(case, Case { id: b, ..r.case.clone() });
        let subs = subjects::of_case(conn, b).expect("read back");
        assert_eq!(subs.len(), 2);
        let idents = identifiers::of_case(conn, b).expect("read back");
        assert_eq!(idents[0].subject_id, Some(subs[1].id));
        assert_eq!(payments::of_case(conn, b).expect("payments")[0].subject_id, Some(subs[0].id));
        assert_eq!(marks::of_case(conn, a).expect("marks"), r.marks);
        assert_eq!(marks::of_case(conn, b).expect("marks"), r.marks);
        assert_eq!(notes::search(conn, "webcam", 10).expect("search").len(), 2, "notes reach the full-text index");
    }

    /// A case holding the given identifiers (kind, match key) and payment accounts (routing, account).
    fn holding(idents: &[(IdentifierKind, &str)], accounts: &[(&str, &str)]) -> CaseRecords {
        let r = records();
        let (ident, payment) = (r.identifiers[0].1.clone(), r.payments[0].1.clone());
        CaseRecords {
            identifiers: idents
                .iter()
                .map(|(kind, key)| {
                    (
                        None,
                        Identifier { kind: *kind, raw: key.to_string(), normalized: key.to_string(), ..ident.clone() },
                    )
                })
                .collect(),
            payments: accounts
                .iter()
                .map(|(routing, account)| {
                    (
                        None,
                        Payment {
                            routing_number: routing.to_string(),
                            account: account.to_string(),
                            ..payment.clone()
                        },
                    )
                })
                .collect(),
            marks: Vec::new(),
            ..r
        }
    }

    fn markers(store: &Store) -> Vec<(i64, bool)> {
        links::markers(store.conn())
    }

    #[test]
    fn a_deferred_write_leaves_the_link_markers_the_triggers_would_have_left() {
        use IdentifierKind::{Email, Phone};
        let earlier = [
            holding(&[(Phone, "12025550143")], &[]),    // 1: alone, until a new case holds it
            holding(&[(Email, "jo@example.com")], &[]), // 2 and 3 share an email
            holding(&[(Email, "jo@example.com"), (Phone, "1")], &[]), // 3
            holding(&[], &[]),                          // 4: gets a value of 2 and 3 added
            holding(&[], &[("021000021", "12345678")]), // 5: alone, until a new payment
        ];
        let added = [
            holding(&[(Phone, "12025550143")], &[]),     // 6 links 1
            holding(&[(Email, "kim@example.com")], &[]), // 7 shares nothing
            holding(&[], &[("021000021", "12345678")]),  // 8 links 5
        ];
        let write = |tx: &Connection| -> Result<()> {
            insert_cases(tx, &added, None)?;
            let mut later = holding(&[(Email, "jo@example.com")], &[]).identifiers.remove(0).1;
            later.case_id = 4;
            crate::store::identifiers::insert(tx, &later, &Rules::default(), None)?;
            Ok(())
        };
        let mut by_triggers = Store::open_in_memory().expect("store");
        by_triggers.write(|tx| insert_cases(tx, &earlier, None)).expect("earlier");
        by_triggers.write(|tx| write(tx)).expect("added row by row");
        let mut held_back = Store::open_in_memory().expect("store");
        held_back.write(|tx| insert_cases(tx, &earlier, None)).expect("earlier");
        assert_eq!(markers(&held_back), [(1, false), (2, true), (3, true), (4, false), (5, false)]);
        held_back.write(|tx| deferred(tx, || write(tx))).expect("added at once");
        let expected = [(1, true), (2, true), (3, true), (4, true), (5, true), (6, true), (7, false), (8, true)];
        assert_eq!(markers(&by_triggers), expected);
        assert_eq!(markers(&held_back), expected);
        // And the triggers mark again once the write is over.
        held_back.write(|tx| insert_cases(tx, &[holding(&[(Email, "kim@example.com")], &[])], None)).expect("one more");
        assert_eq!(markers(&held_back)[6], (7, true));
    }
}
