//! Triggers added, changed or dropped with SQLite. A trigger runs inside vetdesk's own changes, before they
//! are sealed and signed: one planted there would rewrite records as a legitimate command writes, and the
//! result would be sealed as genuine. Each is named by `audit verify`, and every change is refused.

mod common;

use common::Env;
use common::tamper_kit::{edit, filled, verify_fails};

/// A trigger of someone else's on notes that rewrites a payment and flags an item as the next note is
/// written: the note is refused, nothing it would have rewritten is sealed, and verify names the trigger.
#[test]
fn a_trigger_added_behind_vetdesks_back_is_named_and_no_change_runs_it() {
    let env = Env::new();
    filled(&env);
    edit(
        &env.db,
        "CREATE TRIGGER zz AFTER INSERT ON note BEGIN
             UPDATE payment SET amount_cents = 99 WHERE case_id = new.case_id;
             UPDATE note SET body = 'Rewritten' WHERE id = new.id;
         END",
    );
    verify_fails(&env, "workspace: its trigger zz was added behind vetdesk's back");
    env.refused(
        &["note", "add", "1", "Called the reference."],
        "the workspace's trigger zz was added behind vetdesk's back",
    );
    env.refused(&["case", "new", "Another"], "trigger zz was added");
    let payments = env.json(&["payment", "list", "1", "--json"]);
    assert_eq!(payments[0]["amount_cents"], 420_000, "{payments}");

    // With the trigger gone, the workspace holds again and changes go through.
    edit(&env.db, "DROP TRIGGER zz");
    env.ok(&["note", "add", "1", "Called the reference."]);
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
}

/// One of vetdesk's own triggers changed (here the full-text one, made to rewrite the note it indexes) or
/// dropped is named as such, and refused alike.
#[test]
fn a_vetdesk_trigger_changed_or_dropped_is_named() {
    let env = Env::new();
    filled(&env);
    edit(
        &env.db,
        "DROP TRIGGER note_fts_insert;
         CREATE TRIGGER note_fts_insert AFTER INSERT ON note BEGIN
             UPDATE note SET body = 'Rewritten' WHERE id = new.id;
         END;
         DROP TRIGGER case_search_case_title",
    );
    verify_fails(&env, "its trigger note_fts_insert was changed behind vetdesk's back");
    verify_fails(&env, "its trigger case_search_case_title was dropped behind vetdesk's back");
    env.refused(&["note", "add", "1", "x"], "trigger");
}

/// A table's definition rewritten with `PRAGMA writable_schema` (here new cases made demo cases by
/// default, so that `demo --remove` would archive them): named, and every change refused.
#[test]
fn a_table_definition_rewritten_behind_vetdesks_back_is_named() {
    let env = Env::new();
    filled(&env);
    edit(
        &env.db,
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_master SET sql = replace(sql, 'demo INTEGER)', 'demo INTEGER DEFAULT 1)') WHERE name = 'case';
         PRAGMA writable_schema = OFF;",
    );
    verify_fails(&env, "workspace: its table case was changed behind vetdesk's back");
    env.refused(&["case", "new", "Backend contractor"], "the workspace's table case was changed behind vetdesk's back");
}

/// A view vetdesk's triggers read, redefined (here the one that says which cases have links, so the list's
/// link markers go wrong on every later change), and an index added or dropped: named, and every change
/// refused.
#[test]
fn a_view_or_an_index_changed_behind_vetdesks_back_is_named() {
    let env = Env::new();
    let pristine = filled(&env);
    let changes = [
        (
            "DROP VIEW case_link_live;
             CREATE VIEW case_link_live (case_id, linked) AS SELECT id, 0 FROM \"case\";",
            "workspace: its view case_link_live was changed behind vetdesk's back",
        ),
        ("CREATE VIEW planted AS SELECT 1", "workspace: its view planted was added behind vetdesk's back"),
        ("DROP INDEX identifier_match", "workspace: its index identifier_match was dropped behind vetdesk's back"),
    ];
    for (sql, named) in changes {
        std::fs::write(&env.db, &pristine).unwrap();
        edit(&env.db, sql);
        verify_fails(&env, named);
        env.refused(&["note", "add", "1", "x"], &named.replace("workspace: its", "the workspace's"));
    }
}

/// An index rebuilt to hold another value than its table (identifier 3's email made case #1's), its
/// definition's text then put back: links read the index, no seal covers it, and the everyday check does
/// not read every page, so it says it did not compare them; `--deep` (SQLite's integrity check) names it.
#[test]
fn an_index_rebuilt_to_differ_from_its_table_is_named_by_the_deep_check() {
    let env = Env::new();
    filled(&env);
    edit(
        &env.db,
        "DROP INDEX identifier_match;
         CREATE INDEX identifier_match ON identifier (kind, CASE WHEN id = 2 THEN 'jordan@example.com' ELSE normalized END,
             case_id, voided_at) WHERE voided_at IS NULL;
         PRAGMA writable_schema = ON;
         UPDATE sqlite_master SET sql = 'CREATE INDEX identifier_match ON identifier (kind, normalized, case_id, voided_at) WHERE voided_at IS NULL'
             WHERE name = 'identifier_match';
         PRAGMA writable_schema = OFF;",
    );
    let everyday = env.ok(&["audit", "verify"]);
    assert!(everyday.contains("indexes: not compared with their tables (`audit verify --deep` does)"), "{everyday}");
    let out = env.cmd().args(["audit", "verify", "--deep"]).output().unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("workspace: the file does not hold together (SQLite's integrity check)")
            && shown.contains("identifier_match"),
        "{shown}"
    );
    assert!(!shown.contains("indexes: not compared"), "{shown}");
    edit(&env.db, "REINDEX identifier_match");
    let deep = env.ok(&["audit", "verify", "--deep"]);
    assert!(deep.starts_with("audit chain verified") && deep.contains("indexes: compared with their tables"), "{deep}");
    assert_eq!(env.json(&["audit", "verify", "--deep", "--json"])["indexes_checked"], true);
    assert_eq!(env.json(&["audit", "verify", "--json"])["indexes_checked"], false);
}

/// Runs `sql` on the trail with its guards dropped, then puts them back as they were, so that no trigger
/// tells.
fn guarded(db: &std::path::Path, sql: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let guards: Vec<String> = conn
        .prepare("SELECT sql FROM sqlite_master WHERE name IN ('audit_no_update', 'audit_no_delete')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(guards.len(), 2);
    conn.execute_batch(&format!(
        "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; {sql}; {};",
        guards.join("; ")
    ))
    .unwrap();
}

/// The trail edited with its guards dropped and then put back as they were, so that no trigger tells: a
/// row deleted (the tally's trigger counts it off), the tally edited, or a row of the case rewritten. Every
/// view of the case warns and every change is refused, without walking the whole chain.
#[test]
fn a_trail_edited_behind_guards_put_back_stops_changes_and_warns_views() {
    let env = Env::new();
    let pristine = filled(&env);
    let cases = [
        ("DELETE FROM audit WHERE id = 5", "audit trail counts"),
        ("UPDATE audit_tally SET rows = 1", "audit trail counts 1 row where its newest row is row"),
        (
            "UPDATE audit SET actor = 'mallory' WHERE id = (SELECT min(id) FROM audit WHERE case_id = 1)",
            "its audit trail: audit row 2's contents do not match its hash",
        ),
    ];
    for (sql, says) in cases {
        std::fs::write(&env.db, &pristine).unwrap();
        guarded(&env.db, sql);
        let shown = env.cmd().args(["case", "show", "1"]).output().unwrap();
        assert!(shown.status.success());
        let warned = String::from_utf8_lossy(&shown.stdout);
        assert!(warned.contains(says), "{sql}: {warned}");
        env.refused(&["note", "add", "1", "Called the reference."], says);
        verify_fails(&env, "");
    }
}

/// An older row's signature swapped for another's behind guards put back: a report's check, which walks
/// only the rows since the last whole walk, cannot tell, but once `audit verify` has found the chain
/// broken every change to that file is refused and every view of it warns, however little of the chain
/// they walk, while it holds the row as it was found; a copy without it (a backup put back) is another
/// chain, and checking one clears nothing for the other.
#[test]
fn a_chain_found_broken_takes_no_more_changes_until_a_whole_walk_holds() {
    let env = Env::new();
    let pristine = filled(&env);
    guarded(&env.db, "UPDATE audit SET sig = (SELECT sig FROM audit WHERE id = 4) WHERE id = 3");
    verify_fails(&env, "AUDIT CHAIN BROKEN at row 3");
    let says = "found its audit chain broken at row 3";
    env.refused(&["note", "add", "1", "Called the reference."], says);
    env.refused(&["case", "status", "1", "closed", "--disposition", "cleared"], says);
    let shown = env.ok(&["case", "show", "2"]);
    assert!(shown.starts_with("WARNING") && shown.contains(says), "{shown}");
    let report = env.ok(&["report", "1"]);
    assert!(report.contains("the record does not hold") && !report.contains("audit chain verified"), "{report}");
    assert_eq!(env.json(&["note", "list", "1", "--json"])["notes"].as_array().unwrap().len(), 1, "nothing was written");

    // A copy with the same id, checked before it is put back, holds and takes changes; that clears nothing
    // for the file found broken, which still holds the row as it was found.
    let copy = env.dir.path().join("copy.db");
    std::fs::write(&copy, &pristine).unwrap();
    let on_copy = |args: &[&str]| env.cmd().env("VETDESK_DB", &copy).args(args).output().unwrap();
    let v = on_copy(&["audit", "verify"]);
    assert!(String::from_utf8_lossy(&v.stdout).starts_with("audit chain verified"));
    env.refused(&["note", "add", "1", "Called the reference."], says);
    std::fs::remove_file(&copy).unwrap();

    // The copy put back does not hold the row as it was found broken: it takes changes, and holds.
    std::fs::write(&env.db, &pristine).unwrap();
    env.ok(&["note", "add", "1", "Called the reference."]);
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
    assert!(!env.ok(&["case", "show", "2"]).contains("WARNING"));
}

/// The index of the rows that last sealed each scope emptied behind vetdesk's back is built again from the
/// chain it points into, never silently: the next command says so, an audit row records it, and the
/// records still check against their seals.
#[test]
fn an_emptied_index_of_sealing_rows_is_built_again_in_an_audited_change() {
    let env = Env::new();
    filled(&env);
    edit(&env.db, "DELETE FROM scope_head");
    let out = env.cmd().args(["audit", "verify"]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("(scope_head) was empty, so it was built again from the audit chain"), "{said}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("audit chain verified"));
    let rows = env.json(&["audit", "log", "--json", "--limit", "1"]);
    assert_eq!(rows["rows"][0]["action"], "workspace.scope-heads-indexed", "{rows}");
    env.ok(&["note", "add", "1", "Called the reference."]);
}
