//! Schema steps: every step upgrades a workspace created at the step before, keeping its records.

mod common;

/// A workspace taken back to where step 20 left it: no row tally, and step 11's index again.
const UNDO_STEP_22: &str = "ALTER TABLE identifier DROP COLUMN key_tag; ALTER TABLE payment DROP COLUMN key_tag;";
const UNDO_STEP_21: &str = "DROP TRIGGER audit_tally_insert; DROP TRIGGER audit_tally_delete; DROP TABLE audit_tally;
     CREATE INDEX audit_count ON audit (id IS NULL);";

use vetdesk::Workspace;
use vetdesk::store::{Store, fts, latest_version, schema_steps};

/// A workspace file built by applying only the first `upto` steps, as an older vetdesk would have.
fn workspace_at(path: &std::path::Path, upto: u32) {
    let conn = rusqlite::Connection::open(path).unwrap();
    for &(version, sql) in schema_steps().iter().filter(|(v, _)| *v <= upto) {
        conn.execute_batch(sql).unwrap();
        conn.pragma_update(None, "user_version", version).unwrap();
        conn.pragma_update(None, "application_id", 0x7665_7464).unwrap();
    }
    if upto >= 1 {
        conn.execute(
            "INSERT INTO \"case\" (title, catalog_version, created_at, updated_at) VALUES ('kept', 'old', 'x', 'x')",
            [],
        )
        .unwrap();
        common::legacy_audit_row(&conn, "case.create", Some(1));
    }
}

#[test]
fn every_step_upgrades_the_step_before() {
    for &(version, _) in schema_steps() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ws.db");
        workspace_at(&path, version - 1);
        let store = Store::open(&path).unwrap_or_else(|e| panic!("upgrading from step {}: {e}", version - 1));
        let now: u32 = store.conn().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(now, latest_version());
        drop(store);
        if version > 1 {
            let ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
            assert_eq!(ws.case(1).unwrap().title, "kept", "records survive the upgrade from step {}", version - 1);
            assert_eq!(ws.search_cases("kept", 10).unwrap().len(), 1, "the search index covers cases from before it");
        }
    }
}

#[test]
fn opening_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    ws.create_case(&vetdesk::workspace::NewCase {
        title: "A".into(),
        priority: vetdesk::domain::Priority::Low,
        candidate: None,
    })
    .unwrap();
    drop(ws);
    let ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    assert_eq!(ws.case(1).unwrap().title, "A");
    assert!(ws.verify_audit().unwrap().holds());
}

#[test]
fn a_newer_workspace_is_refused_with_both_versions_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    drop(Store::open(&path).unwrap());
    rusqlite::Connection::open(&path).unwrap().pragma_update(None, "user_version", latest_version() + 1).unwrap();
    let err = Store::open(&path).err().unwrap().to_string();
    assert!(err.contains(&format!("schema version {}", latest_version() + 1)), "{err}");
    assert!(err.contains("newer vetdesk"), "{err}");
}

#[test]
fn upgrading_rekeys_identifiers_typed_before_the_matching_rules_in_one_audited_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    workspace_at(&path, 2);
    {
        // Two cases as a step-2 vetdesk stored them: the same Gmail account typed two ways, which the
        // old rules (lowercase only) did not recognise as one.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute(
            "INSERT INTO \"case\" (title, catalog_version, created_at, updated_at) VALUES ('second', 'old', 'x', 'x')",
            [],
        )
        .unwrap();
        for (case, raw, normalized) in
            [(1, "Jane.Doe+jobs@gmail.com", "jane.doe+jobs@gmail.com"), (2, "janedoe@gmail.com", "janedoe@gmail.com")]
        {
            conn.execute(
                "INSERT INTO identifier (case_id, kind, raw, normalized, created_at) VALUES (?1, 'email', ?2, ?3, 'x')",
                rusqlite::params![case, raw, normalized],
            )
            .unwrap();
        }
        conn.execute(
            "INSERT INTO payment (case_id, paid_on, amount_cents, currency, method, routing_number, account, created_at)
             VALUES (2, '2026-01-01', 100, 'USD', 'wire', '076401251', '12-34-56', 'x')",
            [],
        )
        .unwrap();
    }
    let ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let links = ws.links(1).unwrap();
    assert_eq!(links.len(), 1, "{links:#?}");
    assert_eq!(links[0].other_case(), Some(2));
    let newest = ws.audit_log(None, 2, 0).unwrap();
    assert_eq!(newest[0].action, "workspace.seal", "the upgrade seals the records as they stand");
    let newest = &newest[1];
    assert_eq!(newest.action, "workspace.rekey");
    assert_eq!(newest.details["identifiers"], 1, "only the key that reads differently is rewritten");
    assert_eq!(newest.details["payments"], 1);
    assert!(ws.verify_audit().unwrap().holds());
    let raw: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT raw FROM identifier WHERE case_id = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(raw, "Jane.Doe+jobs@gmail.com", "what was typed is never changed");
    drop(ws);
    let again = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    assert_eq!(again.audit_log(None, 1, 0).unwrap()[0].action, "workspace.seal", "a second open re-keys nothing");
}

#[test]
fn an_unsealed_workspace_is_sealed_in_one_audited_step_and_edits_after_it_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    workspace_at(&path, 3);
    {
        // A note and its legacy audit row, as a step-3 vetdesk wrote them (unsigned, no seal).
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute("INSERT INTO note (case_id, body, author, created_at) VALUES (1, 'met on video', 'ana', 'x')", [])
            .unwrap();
        common::legacy_audit_row(&conn, "note.add", Some(1));
    }
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let notices = ws.take_notices();
    let sealed: Vec<_> = notices.iter().filter(|n| n.contains("sealed the existing records")).collect();
    assert_eq!(sealed.len(), 1, "{notices:?}");
    // After the legacy rows of the case's creation and the note.
    assert!(sealed[0].contains("audit row 3"), "{notices:?}");
    let newest = ws.audit_log(None, 1, 0).unwrap().remove(0);
    assert_eq!((newest.id, newest.action.as_str()), (3, "workspace.seal"));
    let check = ws.verify_audit().unwrap();
    assert!(check.holds(), "{}", check.headline());
    assert_eq!(check.chain.unsigned_rows, 2);
    drop(ws);

    rusqlite::Connection::open(&path).unwrap().execute("UPDATE note SET body = 'never met'", []).unwrap();
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    assert!(!ws.take_notices().iter().any(|n| n.contains("sealed")), "sealed once only");
    let check = ws.verify_audit().unwrap();
    assert!(!check.holds());
    assert_eq!(check.findings.len(), 1);
    assert_eq!(check.findings[0].scope, "case:1");
    assert_eq!((check.findings[0].records[0].table.as_str(), check.findings[0].records[0].key.as_str()), ("note", "1"));
}

/// Step 5 adds columns to the sealed `payment` and `organization` tables: a payment and the organization
/// sealed before them still verify, and
/// the records a later step adds are sealed like any other.
#[test]
fn columns_added_after_sealing_leave_earlier_seals_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let case = ws
        .create_case(&vetdesk::workspace::NewCase {
            title: "A".into(),
            priority: vetdesk::domain::Priority::Low,
            candidate: None,
        })
        .unwrap();
    let payment = vetdesk::domain::NewPayment {
        subject_id: None,
        paid_on: "2025-03-01".into(),
        amount_cents: 420_000,
        currency: "USD".into(),
        method: "wire".into(),
        recipient: "J. Doe".into(),
        bank: "First Bank".into(),
        routing_number: "021000021".into(),
        account: "12345678".into(),
        note: String::new(),
        ..Default::default()
    };
    ws.add_payment(case, &payment).unwrap();
    ws.set_organization(&[("name".into(), "Northwind".into()), ("city".into(), "Oakland".into())]).unwrap();
    drop(ws);
    // Take the workspace back to step 4, as a vetdesk of that step wrote it.
    back_to_step(&path, 4);

    let ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let check = ws.verify_audit().unwrap();
    assert!(check.holds(), "{}", check.headline());
    // The case counts the upgrade started keeping hold the case that was there before it.
    assert_eq!(ws.count_cases(&vetdesk::store::cases::CaseQuery::default()).unwrap(), 1);
}

/// Undoes every schema step above `step` on a workspace file: triggers and indexes a later step redefined
/// get their earlier definition back, added triggers, indexes, columns and tables are dropped, and `user_version` is
/// set to `step`.
fn back_to_step(path: &std::path::Path, step: u32) {
    let steps = schema_steps();
    let earlier: String = steps.iter().filter(|(v, _)| *v <= step).map(|(_, sql)| *sql).collect();
    let later: Vec<&str> = steps.iter().filter(|(v, _)| *v > step).map(|(_, sql)| *sql).collect();
    let conn = rusqlite::Connection::open(path).unwrap();
    let words = |line: &str| line.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    for sql in &later {
        for line in sql.lines() {
            let line = words(line.trim_end_matches(';'));
            let (what, end_mark) = match line.iter().map(String::as_str).collect::<Vec<_>>()[..] {
                ["DROP", "TRIGGER", _] => ("TRIGGER", "END;"),
                ["DROP", "INDEX", _] => ("INDEX", ";"),
                ["DROP", "VIEW", _] => ("VIEW", ";"),
                // An index first made by a later step goes, before the columns it reads.
                ["CREATE", "INDEX", name, ..] if !earlier.contains(&format!("CREATE INDEX {name} ")) => {
                    conn.execute_batch(&format!("DROP INDEX IF EXISTS {name};")).unwrap();
                    continue;
                }
                // So does a trigger first made by a later step (and perhaps redefined by one after it).
                ["CREATE", "TRIGGER", name, ..] if !earlier.contains(&format!("CREATE TRIGGER {name} ")) => {
                    conn.execute_batch(&format!("DROP TRIGGER IF EXISTS {name};")).unwrap();
                    continue;
                }
                // And a view.
                ["CREATE", "VIEW", name, ..] if !earlier.contains(&format!("CREATE VIEW {name} ")) => {
                    conn.execute_batch(&format!("DROP VIEW IF EXISTS {name};")).unwrap();
                    continue;
                }
                _ => continue,
            };
            let name = &line[2];
            // Redefined by a later step, but first made after `step` too: gone, with nothing to restore.
            conn.execute_batch(&format!("DROP {what} IF EXISTS {name};")).unwrap();
            let Some(start) = earlier.rfind(&format!("CREATE {what} {name} ")) else { continue };
            let end = start + earlier[start..].find(end_mark).unwrap() + end_mark.len();
            conn.execute_batch(&earlier[start..end]).unwrap();
        }
    }
    for sql in later.iter().rev() {
        for line in sql.lines() {
            let w = words(line);
            let w: Vec<&str> = w.iter().map(String::as_str).collect();
            match w[..] {
                ["ALTER", "TABLE", table, "ADD", "COLUMN", column, ..] => {
                    conn.execute_batch(&format!("ALTER TABLE {table} DROP COLUMN {column};")).unwrap();
                }
                ["CREATE", "TABLE", table, ..] => conn.execute_batch(&format!("DROP TABLE {table};")).unwrap(),
                _ => {}
            }
        }
    }
    conn.pragma_update(None, "user_version", step).unwrap();
}

/// Step 13 makes both full-text indexes again, with prefix indexes, from the records: what it writes is what
/// the triggers had kept, voided subjects, identifiers and notes left out.
#[test]
fn step_13_makes_the_search_indexes_again_as_the_triggers_kept_them() {
    use vetdesk::domain::{IdentifierKind, Priority, Role, SubjectFields};
    use vetdesk::store::void::Voidable;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let new =
        |title: &str| vetdesk::workspace::NewCase { title: title.into(), priority: Priority::Low, candidate: None };
    let a = ws.create_case(&new("Backend engineer")).unwrap();
    let b = ws.create_case(&new("Ingénieur données")).unwrap();
    let fields = SubjectFields::default();
    ws.add_subject(a, Role::Candidate, "Jordan Quill", &fields).unwrap();
    let gone = ws.add_subject(b, Role::Candidate, "Avery Zephyr", &fields).unwrap();
    ws.void(Voidable::Subject, gone, "another applicant").unwrap();
    ws.add_identifier(a, IdentifierKind::Email, "jordan.quill@example.com", None, "", false).unwrap();
    let ident = ws.add_identifier(b, IdentifierKind::Phone, "+1 202 555 0143", None, "", false).unwrap().id;
    ws.void(Voidable::Identifier, ident, "typo").unwrap();
    ws.add_note(a, "Camera kept off in every interview").unwrap();
    let edited = ws.add_note(b, "Laptop shipped to Zürich").unwrap();
    ws.edit_note(edited, "Laptop shipped to a freight forwarder in Zürich").unwrap();
    let voided = ws.add_note(b, "Said the webcam was broken").unwrap();
    ws.void(Voidable::Note, voided, "wrong case").unwrap();
    drop(ws);

    let postings = |conn: &rusqlite::Connection| -> Vec<Vec<fts::Posting>> {
        [fts::Index::Cases, fts::Index::Notes].iter().map(|index| fts::postings(conn, *index).unwrap()).collect()
    };
    let conn = rusqlite::Connection::open(&path).unwrap();
    let kept = postings(&conn);
    assert!(kept[0].iter().any(|p| p.0 == "quill") && !kept[0].iter().any(|p| p.0 == "zephyr"), "{:?}", kept[0]);
    assert!(kept[1].iter().any(|p| p.0 == "zurich") && !kept[1].iter().any(|p| p.0 == "webcam"), "{:?}", kept[1]);
    // Both indexes as step 12 defined them, without prefix indexes, and empty: what step 13 writes comes
    // from the records alone.
    let steps: String = schema_steps().iter().filter(|(v, _)| *v <= 12).map(|(_, sql)| *sql).collect();
    for table in ["case_search", "note_fts"] {
        let create = steps.lines().find(|l| l.starts_with(&format!("CREATE VIRTUAL TABLE {table} "))).unwrap();
        conn.execute_batch(&format!("DROP TABLE {table}; {create}")).unwrap();
    }
    // Step 14's table, which it makes again with the triggers that read it, step 17's index, step 18's
    // table, step 19's columns, step 20's table and step 21's tally.
    back_to_step(&path, 23);
    conn.execute_batch(UNDO_STEP_22).unwrap();
    conn.execute_batch(UNDO_STEP_21).unwrap();
    conn.execute_batch(
        "ALTER TABLE suggestion DROP COLUMN voided_at; ALTER TABLE suggestion DROP COLUMN voided_by;
         ALTER TABLE suggestion DROP COLUMN void_reason;
         DROP TRIGGER audit_case_ref_insert; DROP TABLE audit_case_ref;
         DROP TABLE fts_deferred; DROP INDEX roster_case_hit; DROP TABLE imported_signer;",
    )
    .unwrap();
    conn.pragma_update(None, "user_version", 12).unwrap();
    drop(conn);
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(postings(&conn), kept);
    for table in ["case_search", "note_fts"] {
        let sql: String =
            conn.query_row("SELECT sql FROM sqlite_master WHERE name = ?1", [table], |r| r.get(0)).unwrap();
        assert!(sql.contains("prefix = '2 3'"), "{sql}");
    }
}

/// Opening a workspace made by an earlier vetdesk says, before the work starts, that it is being upgraded
/// (a large one takes minutes); the next open says nothing.
#[test]
fn the_command_line_says_so_before_it_upgrades_a_workspace() {
    let env = common::Env::new();
    std::fs::create_dir_all(env.db.parent().unwrap()).unwrap();
    workspace_at(&env.db, 12);
    let out = env.cmd().args(["case", "list"]).output().unwrap();
    assert!(out.status.success());
    let said = String::from_utf8(out.stderr).unwrap();
    let expected = format!("from schema version 12 to {}", latest_version());
    assert!(said.starts_with("vetdesk: note: upgrading ") && said.contains(&expected), "{said}");
    assert!(String::from_utf8(out.stdout).unwrap().contains("kept"));
    let again = env.cmd().args(["case", "list"]).output().unwrap();
    assert!(!String::from_utf8(again.stderr).unwrap().contains("upgrading"));
}

/// Step 20 names, for each case, the rows of no case already written that changed it among others (the
/// demo cases archived): after the upgrade, `audit log --case ID` shows them as it shows rows written since.
#[test]
fn step_20_finds_the_rows_of_no_case_that_changed_a_case() {
    let env = common::Env::new();
    env.ok(&["demo", "--cases", "3"]);
    env.ok(&["demo", "--remove"]);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let refs = |conn: &rusqlite::Connection| -> Vec<(i64, i64)> {
        let mut stmt = conn.prepare("SELECT case_id, audit_id FROM audit_case_ref ORDER BY case_id").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    };
    let written = refs(&conn);
    assert_eq!(written.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 2, 3], "{written:?}");
    // The workspace as step 19 left it: no table, no trigger (nor step 21's tally).
    back_to_step(&env.db, 23);
    conn.execute_batch(UNDO_STEP_22).unwrap();
    conn.execute_batch(UNDO_STEP_21).unwrap();
    conn.execute_batch("DROP TRIGGER audit_case_ref_insert; DROP TABLE audit_case_ref;").unwrap();
    conn.pragma_update(None, "user_version", 19).unwrap();
    drop(conn);
    let log = env.json(&["audit", "log", "--case", "2", "--json"]);
    assert_eq!(log["rows"][0]["action"], "demo.remove", "{log}");
    assert_eq!(refs(&rusqlite::Connection::open(&env.db).unwrap()), written);
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
    // The index edited behind vetdesk's back, to show case 1 another row and hide the one that archived it.
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute_batch("DELETE FROM audit_case_ref WHERE case_id = 1; INSERT INTO audit_case_ref VALUES (1, 1);")
        .unwrap();
    let out = env.cmd().args(["audit", "verify"]).output().unwrap();
    let said = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("names audit row 1, which does not list the case"), "{said}");
    assert!(said.contains(&format!("lacks audit row {}, which lists the case", written[0].1)), "{said}");
}

/// Step 21 counts the rows already in the trail once, then the triggers keep the tally: a summary's check
/// of one case after the upgrade takes the rows it walked before as all there, and still finds one deleted.
#[test]
fn step_21_tallies_the_rows_already_written_and_keeps_counting() {
    let env = common::Env::new();
    env.ok(&["demo", "--cases", "3"]);
    env.ok(&["audit", "verify"]);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    back_to_step(&env.db, 23);
    conn.execute_batch(UNDO_STEP_22).unwrap();
    conn.execute_batch(UNDO_STEP_21).unwrap();
    conn.pragma_update(None, "user_version", 20).unwrap();
    drop(conn);
    env.ok(&["note", "add", "1", "after the upgrade"]);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let (tally, rows, max): (i64, i64, i64) = conn
        .query_row("SELECT (SELECT rows FROM audit_tally), count(*), max(id) FROM audit", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((tally, rows), (max, max), "every row before the upgrade and the note's after it");
    let gone: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_master WHERE name = 'audit_count'", [], |r| r.get(0)).unwrap();
    assert_eq!(gone, 0, "the index the count read is dropped");
    drop(conn);
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
    common::tamper_kit::edit(&env.db, "DELETE FROM audit WHERE id = 2");
    let report = env.ok(&["report", "1"]);
    assert!(report.contains("AUDIT CHAIN BROKEN at row 3"), "{report}");
}

/// Step 22 adds the key tags: records written before it have none (their keys are derived when checked, as
/// before), a record written after it is tagged, and no seal changes.
#[test]
fn step_22_leaves_earlier_records_untagged_and_their_seals_as_they_were() {
    let env = common::Env::new();
    env.ok(&["demo", "--cases", "3"]);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    back_to_step(&env.db, 23);
    conn.execute_batch(UNDO_STEP_22).unwrap();
    conn.pragma_update(None, "user_version", 21).unwrap();
    drop(conn);
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
    assert!(!env.ok(&["links", "1"]).contains("WARNING"));
    env.ok(&["ident", "add", "1", "email", "after.the.upgrade@example.com"]);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let tagged = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(tagged("SELECT raw FROM identifier WHERE key_tag IS NOT NULL"), ["after.the.upgrade@example.com"]);
    assert_eq!(tagged("SELECT id FROM payment WHERE key_tag IS NOT NULL"), Vec::<String>::new());
    drop(conn);
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
    assert!(env.ok(&["report", "1"]).contains("> **Record**: audit chain verified: "));
}
