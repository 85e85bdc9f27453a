//! Edits with SQLite that a later legitimate change could seal over: the settings the checks rest on
//! removed, and rows written under the number the next case, list or roster snapshot will take. Each is
//! named by `audit verify`, and every change is refused rather than sealing it in.

mod common;

use common::Env;
use common::tamper_kit::{edit, filled, verify_fails};

/// `seal_version` removed with an edit: the workspace is not taken for one never sealed (which would seal
/// the edited note as it stands), verify still compares the records, and writes are refused.
#[test]
fn removing_the_sealing_setting_does_not_get_an_edit_sealed() {
    let env = Env::new();
    filled(&env);
    edit(&env.db, "UPDATE note SET body = 'Camera on.' WHERE id = 1; DELETE FROM setting WHERE key = 'seal_version'");
    let removed = "setting seal_version was removed behind vetdesk's back";
    verify_fails(&env, removed);
    verify_fails(&env, "case #1: note 1 changed");
    env.refused(&["note", "add", "2", "Later note."], "setting seal_version was removed");
    let shown = env.ok(&["note", "list", "1"]);
    assert!(shown.starts_with("WARNING: these records may not be as recorded:") && shown.contains(removed), "{shown}");
    verify_fails(&env, "case #1: note 1 changed");
}

/// An older copy put back with `workspace_id` removed: without the id this machine's record of the newest
/// write cannot be found, so the id's removal is named and every change refused.
#[test]
fn removing_the_workspace_id_does_not_hide_an_older_copy() {
    let env = Env::new();
    filled(&env);
    let older = std::fs::read(&env.db).unwrap();
    env.ok(&["check", "set", "2", "RF-ID-01", "flagged", "--note", "important finding"]);
    std::fs::write(&env.db, older).unwrap();
    edit(&env.db, "DELETE FROM setting WHERE key IN ('workspace_id', 'seal_version')");
    verify_fails(&env, "its setting workspace_id was removed behind vetdesk's back");
    env.refused(&["note", "add", "1", "x"], "setting workspace_id was removed");
    assert!(env.ok(&["case", "list"]).starts_with("WARNING: this workspace's setting workspace_id was removed"));
}

/// Rows written under the next case's, list's or snapshot's number (`sqlite3` leaves foreign keys off) are
/// not sealed as part of the new record: the change is refused and verify keeps naming them.
#[test]
fn rows_planted_under_the_next_number_are_not_sealed_by_a_new_record() {
    let env = Env::new();
    filled(&env);
    edit(
        &env.db,
        "PRAGMA foreign_keys = OFF; INSERT INTO note (id, case_id, body, author, created_at) VALUES (99, 3, 'Forged', 'x', '2026-01-01T00:00:00Z')",
    );
    env.refused(&["case", "new", "Legit case"], "1 record was written under its number before it was made");
    verify_fails(&env, "note 99");

    let env = Env::new();
    filled(&env);
    edit(
        &env.db,
        "PRAGMA foreign_keys = OFF; INSERT INTO reference_entry (list_id, match_group, key, prefix, raw, label, line)
         VALUES (2, 'email', 'jordan@example.com', 0, 'jordan@example.com', 'Planted', 7)",
    );
    let list = env.file("other.txt", b"someone@example.org\tlabel\n");
    env.refused(
        &["list", "import", "bad-email", list.to_str().unwrap(), "--name", "other"],
        "reference list 2 was changed behind vetdesk's back (1 record was written under its number",
    );

    let env = Env::new();
    filled(&env);
    edit(
        &env.db,
        "PRAGMA foreign_keys = OFF; INSERT INTO roster_person (snapshot_id, person, line, name, vendor, position, start_date, status, bank_name)
         VALUES (1, 'E9', 5, 'Planted', '', '', '', '', '')",
    );
    let roster = env.file("roster.csv", b"employee_id,name,personal_email\nE1,Ann Lee,ann@example.com\n");
    env.refused(
        &["roster", "import", roster.to_str().unwrap(), "--source", "hr", "--as-of", "2026-11-30"],
        "roster snapshot 1 was changed behind vetdesk's back (1 record was written under its number",
    );
}

/// A list line longer than a field may be is skipped without being echoed: the refusal stays one short line.
#[test]
fn a_list_line_past_a_fields_length_is_skipped_without_echoing_it() {
    let env = Env::new();
    let mut huge = "a".repeat(200_000).into_bytes();
    huge.extend_from_slice(b"@example.com\n");
    let list = env.file("huge.txt", &huge);
    let out = env.cmd().args(["list", "import", "bad-email", list.to_str().unwrap()]).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.len() < 400 && stderr.contains("its value has 200012 characters, more than the 1000"), "{stderr}");
    let mut labelled = b"lab@example.com\t".to_vec();
    labelled.extend("L".repeat(5_000).bytes());
    labelled.extend_from_slice(b"\nok@example.com\tshort\n");
    let list = env.file("labels.txt", &labelled);
    let said = env.ok(&["list", "import", "bad-email", list.to_str().unwrap()]);
    assert!(said.contains("1 entries") || said.contains("1 entry"), "{said}");
}

/// The audit trail emptied under records, the settings' sealing gone with it: `audit verify` names it and
/// writes nothing (opening the workspace does not seal it afresh).
#[test]
fn an_emptied_trail_is_named_and_never_sealed_afresh() {
    let env = Env::new();
    filled(&env);
    edit(
        &env.db,
        "UPDATE note SET body = 'Camera on.' WHERE id = 1; DELETE FROM audit; DELETE FROM scope_head;
         DELETE FROM setting WHERE key = 'seal_version';
         CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
         CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;",
    );
    let before = std::fs::read(&env.db).unwrap();
    verify_fails(&env, "its audit trail is empty, though it holds records");
    assert_eq!(std::fs::read(&env.db).unwrap(), before, "audit verify wrote nothing");
    env.refused(&["note", "add", "1", "x"], "audit trail is empty, though it holds records");
}

/// A case put back as an older row left it (its records, seal rows and index entry) is not sealed over by
/// the next change: a later row of the chain sealed it.
#[test]
fn a_case_put_back_as_an_older_row_left_it_is_refused() {
    let env = Env::new();
    filled(&env);
    let older = env.dir.path().join("older.db");
    std::fs::copy(&env.db, &older).unwrap();
    env.ok(&["note", "add", "2", "Incriminating note."]);
    edit(
        &env.db,
        &format!(
            "ATTACH '{}' AS old; DELETE FROM note WHERE case_id = 2;
             UPDATE \"case\" SET updated_at = (SELECT updated_at FROM old.\"case\" WHERE id = 2) WHERE id = 2;
             DELETE FROM seal WHERE scope = 'case:2'; INSERT INTO seal SELECT * FROM old.seal WHERE scope = 'case:2';
             DELETE FROM scope_head WHERE scope = 'case:2';
             INSERT INTO scope_head SELECT * FROM old.scope_head WHERE scope = 'case:2';",
            older.display()
        ),
    );
    env.refused(&["note", "add", "2", "Routine follow-up."], "sealed it after the row");
    assert!(env.ok(&["case", "show", "2"]).starts_with("WARNING: this case may not be as recorded"));
    verify_fails(&env, "case #2");
}

/// Rows planted under a later number of a demo fill, and values under the next roster snapshot's, are
/// refused like the next case's; a workspace id changed (to hide an older copy) refuses every change.
#[test]
fn planted_demo_and_roster_rows_and_a_changed_workspace_id_are_refused() {
    let env = Env::new();
    filled(&env);
    edit(
        &env.db,
        "PRAGMA foreign_keys = OFF; INSERT INTO note (case_id, body, author, created_at)
         VALUES (12, 'Planted', 'x', '2026-01-01T00:00:00Z')",
    );
    env.refused(&["demo", "--cases", "20", "--force"], "were written under their numbers before they were made");

    let env = Env::new();
    filled(&env);
    edit(
        &env.db,
        "PRAGMA foreign_keys = OFF; INSERT INTO roster_value
         VALUES (1, 'E9', 'home_address', 'address', '13 Evil Rd', '13 evil rd', NULL)",
    );
    let roster = env.file("roster.csv", b"employee_id,name,personal_email\nE9,Ann Lee,ann@example.com\n");
    env.refused(
        &["roster", "import", roster.to_str().unwrap(), "--source", "hr", "--as-of", "2026-11-30"],
        "values were written under its number before it was made",
    );

    let env = Env::new();
    filled(&env);
    edit(&env.db, "UPDATE setting SET value = '0febfe8c6b18f854fe96d7bcbb651cbe' WHERE key = 'workspace_id'");
    env.refused(&["note", "add", "1", "x"], "setting workspace_id changed");
    assert!(env.ok(&["case", "list"]).starts_with("WARNING: the workspace settings were changed"));
}

/// An index entry planted for the next roster snapshot's number is not cleared by an import taking it.
#[test]
fn a_roster_snapshot_number_indexed_before_is_refused() {
    let env = Env::new();
    filled(&env);
    let last: i64 =
        rusqlite::Connection::open(&env.db).unwrap().query_row("SELECT max(id) FROM audit", [], |r| r.get(0)).unwrap();
    edit(&env.db, &format!("INSERT INTO scope_head VALUES ('roster:1', {last})"));
    let roster = env.file("roster.csv", b"employee_id,name,personal_email\nE1,Ann Lee,ann@example.com\n");
    env.refused(
        &["roster", "import", roster.to_str().unwrap(), "--source", "hr", "--as-of", "2026-11-30"],
        "roster snapshot 1 was changed behind vetdesk's back",
    );
    verify_fails(&env, "roster 1");
}

/// A note's revisions and an evidence file's items are held through the note or the file, not a case:
/// written under the number the next note or evidence record takes, they belong to no case, so no seal
/// covered them, and the new record was sealed with them (a forged "earlier revision" in the new note's
/// history). `audit verify` names them and the change that would take the number is refused.
#[test]
fn records_planted_under_the_next_note_or_evidence_number_are_named_and_never_taken() {
    let env = Env::new();
    filled(&env);
    edit(
        &env.db,
        "PRAGMA foreign_keys = OFF;
         INSERT INTO note_revision (note_id, revision, body, written_by, written_at, replaced_by, replaced_at)
             VALUES (2, 1, 'Candidate admitted it', 'someone', '2026-01-01T00:00:00Z', 'someone', '2026-01-02T00:00:00Z');
         INSERT INTO evidence_item (evidence_id, code) VALUES (2, 'RF-ID-04')",
    );
    verify_fails(&env, "1 note_revision row was written behind vetdesk's back under note #2, which does not exist");
    verify_fails(&env, "1 evidence_item row was written behind vetdesk's back under evidence #2");
    env.refused(&["note", "add", "1", "A later note."], "records were written behind vetdesk's back under note #2");
    let file = env.file("offer.txt", b"offer letter\n");
    env.refused(&["evidence", "add", "1", file.to_str().unwrap()], "under note #2, which does not exist yet");
    edit(&env.db, "DELETE FROM note_revision");
    env.refused(&["evidence", "add", "1", file.to_str().unwrap()], "under evidence #2, which does not exist yet");
    edit(&env.db, "DELETE FROM evidence_item WHERE evidence_id = 2");
    env.ok(&["note", "add", "1", "A later note."]);
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));

    // A hand-over's records of a case planted under a case number not made yet are named too.
    edit(
        &env.db,
        "PRAGMA foreign_keys = OFF; INSERT INTO imported_signer (case_id, fingerprint, public_key) VALUES (9, 'SHA256:x', 'k')",
    );
    verify_fails(&env, "case #9");
}
