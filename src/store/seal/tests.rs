//! Scopes read back from their names, record hashes across schema steps, and what a diff of seals names.

use super::*;

#[test]
fn scopes_read_back_from_their_names() {
    for s in
        [Scope::Case(12), Scope::Organization, Scope::Settings, Scope::List(3), Scope::Roster(4), Scope::RosterReview]
    {
        assert_eq!(s.to_string().parse::<Scope>().unwrap(), s);
    }
    assert!("case:x".parse::<Scope>().is_err());
    assert!("cases".parse::<Scope>().is_err());
}

/// Every column that schema step 5 on adds to a table is in `ADDED`, and a record holding NULL there
/// hashes as it did before the column existed, so its seal holds across the upgrade.
#[test]
fn columns_added_from_step_5_on_leave_record_hashes_as_they_were() {
    use crate::domain::{NewPayment, Organization, Priority};
    let store = crate::store::Store::open_in_memory().unwrap();
    let conn = store.conn();
    crate::store::cases::insert(conn, "t", Priority::Low, "1", "now").unwrap();
    let payment = NewPayment { paid_on: "2025-01-01".into(), currency: "USD".into(), ..NewPayment::default() };
    crate::store::payments::insert(conn, 1, &payment, "now", None).unwrap();
    let org = Organization { name: "Northwind".into(), city: "Oakland".into(), ..Organization::default() };
    crate::store::organization::put(conn, &org, "now").unwrap();
    let hashes = || (current(conn, Scope::Case(1)).unwrap(), current(conn, Scope::Organization).unwrap());
    let before = hashes();
    let added: Vec<(&str, &str)> = crate::store::schema_steps()
        .iter()
        .filter(|(version, _)| *version >= 5)
        .flat_map(|(_, body)| body.lines())
        .filter_map(|line| {
            let (table, rest) = line.trim().strip_prefix("ALTER TABLE ")?.split_once(' ')?;
            Some((table, rest.strip_prefix("ADD COLUMN ")?.split_whitespace().next()?))
        })
        .collect();
    assert!(added.len() >= 15, "{added:?}");
    // Triggers and indexes a later step redefined read some of these columns; an older workspace has none
    // of them.
    conn.execute_batch(
        "DROP TRIGGER case_search_subject_update; DROP TRIGGER case_search_identifier_update;
         DROP TRIGGER note_fts_update; DROP INDEX identifier_match;
         DROP INDEX identifier_loose; DROP INDEX payment_account; DROP INDEX payment_account_loose;
         DROP INDEX payment_wallet;
         DROP INDEX case_status_updated; DROP INDEX case_updated; DROP INDEX case_risk;
         DROP INDEX case_priority; DROP INDEX case_title; DROP INDEX case_archived;
         DROP TRIGGER case_tally_insert; DROP TRIGGER case_tally_delete; DROP TRIGGER case_tally_update;
         DROP VIEW case_link_live; DROP TRIGGER case_linked_case_archive;
         DROP TRIGGER case_linked_identifier_insert; DROP TRIGGER case_linked_identifier_update;
         DROP TRIGGER case_linked_identifier_delete; DROP TRIGGER case_linked_payment_insert;
         DROP TRIGGER case_linked_payment_update; DROP TRIGGER case_linked_payment_delete;
         DROP TRIGGER case_linked_identifier_loose; DROP TRIGGER case_linked_payment_wallet_update;
         DROP TRIGGER case_linked_payment_wallet_insert; DROP TRIGGER case_linked_payment_wallet_delete;
         DROP TRIGGER case_linked_case_archive_wallet; DROP TRIGGER case_linked_identifier_wallet_update;
         DROP TRIGGER case_linked_identifier_wallet_delete; DROP TRIGGER case_linked_identifier_wallet_insert;",
    )
    .unwrap();
    for (table, column) in added {
        assert!(
            is_added(column) || super::sources::DERIVED.contains(&column),
            "{table}.{column} is added after sealing began but neither in ADDED nor DERIVED"
        );
        conn.execute_batch(&format!("ALTER TABLE {table} DROP COLUMN {column}")).unwrap();
    }
    // `SELECT *` statements cached before the drop would still read the old columns.
    conn.flush_prepared_statement_cache();
    assert_eq!(before, hashes());
}

#[test]
fn diff_names_each_changed_added_and_removed_record() {
    let k = |t: &str, k: &str| (t.to_string(), k.to_string());
    let sealed: Records = [(k("note", "1"), [1; 16]), (k("note", "2"), [2; 16])].into();
    let now: Records = [(k("note", "1"), [9; 16]), (k("note", "3"), [3; 16])].into();
    assert_eq!(
        diff(&sealed, &now),
        vec![(k("note", "1"), Change::Changed), (k("note", "2"), Change::Removed), (k("note", "3"), Change::Added)]
    );
    assert_ne!(digest(&sealed), digest(&now));
}

/// A case's records are read only from the tables that hold a row, and that leaves none out: what is read
/// equals reading every table, when a row is put into a table that held none (behind vetdesk's back) and
/// when a table's last row is taken out, for one case and for a range of cases.
#[test]
fn reading_only_the_tables_that_hold_a_row_leaves_no_record_out() {
    use crate::domain::Priority;
    let store = crate::store::Store::open_in_memory().unwrap();
    let conn = store.conn();
    for id in ["1", "2"] {
        crate::store::cases::insert(conn, "t", Priority::Low, id, "now").unwrap();
    }
    let every_table = |id: i64| {
        let mut out = Records::new();
        for source in super::sources::CASE_SOURCES {
            hash_source(conn, source, id, &mut out).unwrap();
        }
        out
    };
    let agree = |what: &str| {
        for id in [1, 2] {
            let now = current(conn, Scope::Case(id)).unwrap();
            assert_eq!(now, every_table(id), "{what}: case {id}");
            let ranged = current_cases(conn, 1, 2).unwrap().digests();
            assert_eq!(ranged.get(&id), Some(&digest_bytes(&now)), "{what}: case {id} read with its range");
        }
    };
    agree("only the cases' own rows");
    let sealed = current(conn, Scope::Case(1)).unwrap();
    conn.execute_batch(
        "INSERT INTO case_answer (case_id, field, value, answered_by, answered_at)
         VALUES (1, 'victim-loss', '5000', 'mallory', 'now');
         INSERT INTO roster_case (case_id, hit, reason, codes) VALUES (2, 'h', 'r', '')",
    )
    .unwrap();
    agree("a row put into two tables that held none");
    let key = |t: &str, k: &str| (t.to_string(), k.to_string());
    assert_eq!(
        diff(&sealed, &current(conn, Scope::Case(1)).unwrap()),
        vec![(key("case_answer", "victim-loss"), Change::Added)]
    );
    conn.execute_batch("DELETE FROM case_answer; DELETE FROM roster_case").unwrap();
    agree("the tables' last rows taken out");
    assert_eq!(current(conn, Scope::Case(1)).unwrap(), sealed);
}
