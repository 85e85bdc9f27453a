//! What a summary, a link or an export rests on, edited with SQLite behind vetdesk's back: the summary
//! says at its top that the record does not hold, links warn, exports and corrections are refused.

mod common;

use common::Env;
use common::tamper_kit::{edit, filled, found};
use rusqlite::Connection;

/// A report checks the chain too: after a whole walk, only the rows since it and the rows that sealed
/// the case, so it stays quick on a large workspace, and still warns about an edit anywhere it relies on.
#[test]
fn a_report_says_at_its_top_whether_the_record_holds() {
    let env = Env::new();
    filled(&env);
    let top =
        |env: &Env| env.ok(&["report", "1"]).lines().find(|l| l.starts_with("> ")).unwrap_or_default().to_string();
    let first = top(&env);
    assert!(first.starts_with("> **Record**: audit chain verified: "), "{first}");
    assert!(first.contains("signed by this machine's key SHA256:"), "{first}");

    env.ok(&["note", "add", "1", "Second interview, camera off again."]);
    let later = top(&env);
    assert!(
        later.contains("were checked on this machine before and not walked again"),
        "walks only the new rows: {later}"
    );

    // A record of the case changed: the report warns.
    edit(&env.db, "UPDATE note SET body = 'Camera on.' WHERE id = 1");
    let warned = top(&env);
    assert!(warned.starts_with("> **WARNING: the record does not hold.**"), "{warned}");
    // It does not leave the workspace: a bundle would sign the edit, a MISP or STIX file carry it as recorded.
    let pass = env.file("pass.txt", b"correct horse battery staple\n");
    let bundle = env.dir.path().join("case-1.vdb");
    let (pass, out) = (pass.to_str().unwrap(), bundle.to_str().unwrap());
    env.refused(
        &["bundle", "export", "1", "--bundle-passphrase-file", pass, "--output", out],
        "its record does not hold",
    );
    assert!(!bundle.exists());
    for to in ["misp", "stix"] {
        env.refused(&["export", to, "1"], "case #1 is not exported: its record does not hold");
    }
    assert!(env.ok(&["export", "misp", "2"]).contains("Event"), "a case whose record holds still leaves");

    // The row that last sealed the case, before the walked part, rewritten: the report warns too.
    let env = Env::new();
    filled(&env);
    env.ok(&["audit", "verify"]);
    let row: i64 = Connection::open(&env.db)
        .unwrap()
        .query_row("SELECT max(id) FROM audit WHERE case_id = 1", [], |r| r.get(0))
        .unwrap();
    edit(&env.db, &format!("UPDATE audit SET actor = 'eve' WHERE id = {row}"));
    let warned = top(&env);
    assert!(warned.contains(&format!("AUDIT CHAIN BROKEN at row {row}")), "{warned}");

    // An older row deleted: the shortcut is not taken and the whole walk finds it.
    let env = Env::new();
    filled(&env);
    env.ok(&["audit", "verify"]);
    edit(&env.db, "DELETE FROM audit WHERE id = 2");
    let warned = top(&env);
    assert!(warned.contains("AUDIT CHAIN BROKEN at row 3"), "{warned}");
    // The row tally set back to the newest id with it: the guards the deletion needed dropped, the summary's
    // check no longer trusts the tally and walks the whole chain; so does `audit verify`.
    let env = Env::new();
    filled(&env);
    env.ok(&["audit", "verify"]);
    edit(&env.db, "DELETE FROM audit WHERE id = 2; UPDATE audit_tally SET rows = rows + 1");
    assert!(top(&env).contains("AUDIT CHAIN BROKEN at row 3"), "the summary's check walks it all");
    let out = env.cmd().args(["audit", "verify"]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("AUDIT CHAIN BROKEN at row 3"), "{said}");
    // What `audit verify` found, the next summary's check finds too: it no longer starts after rows this
    // machine walked before.
    let warned = top(&env);
    assert!(warned.contains("AUDIT CHAIN BROKEN at row 3"), "{warned}");
}

/// A summary says what its case shares with other case files, so its check covers what those sentences
/// rest on: a match key edited into agreement with the case's, in another case or in the case itself, a
/// record of a linked case edited with its key, and a record added to another case, or moved into it from
/// another case, behind vetdesk's back.
#[test]
fn a_report_warns_when_what_its_case_shares_with_another_was_edited() {
    let top =
        |env: &Env| env.ok(&["report", "1"]).lines().find(|l| l.starts_with("> ")).unwrap_or_default().to_string();
    // Case 3 holds pat@example.com, case 1 jordan@example.com: each edit makes the two share an email.
    let attacks = [
        (
            "case 3's key edited to case 1's email",
            "UPDATE identifier SET normalized = 'jordan@example.com' WHERE case_id = 3",
        ),
        (
            "case 1's key edited to case 3's email",
            "UPDATE identifier SET normalized = 'pat@example.com' WHERE case_id = 1 AND kind = 'email'",
        ),
        (
            "case 3's email edited with its key",
            "UPDATE identifier SET raw = 'jordan@example.com', normalized = 'jordan@example.com' WHERE case_id = 3",
        ),
        (
            "an email added to case 3",
            "INSERT INTO identifier (case_id, kind, raw, normalized, created_at)
             VALUES (3, 'email', 'jordan@example.com', 'jordan@example.com', '2026-01-01T00:00:00Z')",
        ),
        ("case 4's email moved into case 3", "UPDATE identifier SET case_id = 3 WHERE case_id = 4"),
    ];
    for (what, sql) in attacks {
        let env = Env::new();
        filled(&env);
        let three = env.id(&["case", "new", "Designer"]).to_string();
        env.ok(&["ident", "add", &three, "email", "pat@example.com"]);
        let four = env.id(&["case", "new", "Tester"]).to_string();
        env.ok(&["ident", "add", &four, "email", "jordan@example.com"]);
        assert!(top(&env).starts_with("> **Record**: audit chain verified: "), "{what}: holds before");
        edit(&env.db, sql);
        assert!(env.ok(&["links", "1"]).contains("#3"), "{what}: the edit links case 3");
        let warned = top(&env);
        assert!(warned.starts_with("> **WARNING: the record does not hold.**"), "{what}: {warned}");
        // The suggestion the shared email makes is not taken into the checklist.
        assert!(env.ok(&["suggest", "list", "1"]).contains("also in case #3"), "{what}: suggested");
        let before = common::fingerprint(&env.db);
        env.refused(
            &["suggest", "accept", "1", "RF-COM-02"],
            "a record this rests on was changed behind vetdesk's back",
        );
        assert_eq!(common::fingerprint(&env.db), before, "{what}: nothing was written");
    }

    // A suggestion from a reference list whose entry was edited is not taken either.
    let env = Env::new();
    filled(&env);
    env.ok(&["ident", "add", "2", "address", "77 Harbor Road Suite 210, Newark, NJ 07105"]);
    assert!(env.ok(&["suggest", "list", "2"]).contains("on list forwarders (freight-forwarder)"));
    edit(&env.db, "UPDATE reference_entry SET label = 'Trusted Shipping'");
    let before = common::fingerprint(&env.db);
    env.refused(&["suggest", "accept", "2", "RF-LOC-02"], "reference list 1 was changed behind vetdesk's back");
    assert_eq!(common::fingerprint(&env.db), before, "an edited list: nothing was written");
}

/// A reference list for peers names people: `list export` refuses a case whose identifiers (or their match
/// keys) were edited behind vetdesk's back, as bundles and MISP exports do, and writes nothing.
#[test]
fn list_export_never_carries_an_edited_identifier() {
    let env = Env::new();
    filled(&env);
    let out = env.dir.path().join("emails.txt");
    let path = out.to_str().unwrap();
    env.ok(&["list", "export", "bad-email", "--output", path]);
    std::fs::remove_file(&out).unwrap();
    edit(&env.db, "UPDATE identifier SET normalized = 'someone.else@example.com' WHERE kind = 'email'");
    env.refused(
        &["list", "export", "bad-email", "--output", path],
        "case #1 is not exported: its record does not hold",
    );
    assert!(!out.exists());
    Connection::open(&env.db)
        .unwrap()
        .execute(
            "UPDATE identifier SET raw = 'victim@example.com', normalized = 'victim@example.com' WHERE kind = 'email'",
            [],
        )
        .unwrap();
    env.refused(&["list", "export", "bad-email", "--output", path], "case #1 is not exported");
    assert!(!out.exists());
}

/// An export of many cases checks each one's records, not only the first's.
#[test]
fn list_export_checks_every_case_it_takes_values_from() {
    let env = Env::new();
    filled(&env);
    // A third case, linked to neither of the others.
    let third = env.id(&["case", "new", "Data analyst"]).to_string();
    env.ok(&["ident", "add", &third, "email", "analyst@example.org"]);
    let out = env.dir.path().join("emails.txt");
    let path = out.to_str().unwrap();
    env.ok(&["list", "export", "bad-email", "--output", path]);
    assert!(std::fs::read_to_string(&out).unwrap().contains("from 2 cases"));
    std::fs::remove_file(&out).unwrap();
    for (what, sql) in [
        (
            "a value",
            "UPDATE identifier SET raw = 'victim@example.org', normalized = 'victim@example.org' WHERE case_id = 3",
        ),
        (
            "a match key",
            "UPDATE identifier SET raw = 'analyst@example.org', normalized = 'someone@example.org' WHERE case_id = 3",
        ),
    ] {
        edit(&env.db, sql);
        env.refused(&["list", "export", "bad-email", "--output", path], "case #3 was changed behind vetdesk's back");
        assert!(!out.exists(), "{what}");
    }
}

/// A match key edited behind vetdesk's back makes a link where the values differ: `links` says its links
/// may not be as recorded, and a correction of the identifier, which would re-derive the key and so erase
/// what `audit verify` finds, is refused.
#[test]
fn an_edited_match_key_is_named_by_links_and_not_erased_by_a_correction() {
    let env = Env::new();
    filled(&env);
    env.ok(&["ident", "add", "2", "email", "other@example.com"]);
    assert!(!env.ok(&["links", "1"]).contains("WARNING"));
    assert!(env.json(&["links", "1", "--json"])["warning"].is_null());
    edit(&env.db, "UPDATE identifier SET normalized = 'jordan@example.com' WHERE raw = 'other@example.com'");
    let shown = env.ok(&["links", "1"]);
    assert!(shown.starts_with("WARNING: these links may not be as recorded:"), "{shown}");
    assert!(shown.contains("other@example.com"), "the link still shows, under the warning: {shown}");
    let warning = env.json(&["links", "2", "--json"])["warning"].as_str().unwrap_or_default().to_string();
    assert!(warning.contains("behind vetdesk's back"), "{warning}");

    let listed = env.json(&["ident", "list", "2", "--json"]);
    let other = listed.as_array().unwrap().iter().find(|i| i["raw"] == "other@example.com").unwrap().clone();
    let id = other["id"].to_string();
    env.refused(&["ident", "edit", &id, "--note", "harmless note"], "the match key of identifier");
    found(&env, "the edited key", &["match key"]);
}

/// Values that differ only in letter case or spacing can be different identifiers (base58 wallets tell
/// case apart): a key edited to link them is warned of, as for any values typed differently.
#[test]
fn an_edited_key_linking_values_that_differ_only_in_case_is_warned_of() {
    let env = Env::new();
    let a = env.id(&["case", "new", "Backend contractor"]).to_string();
    let b = env.id(&["case", "new", "Mobile developer"]).to_string();
    // Bitcoin's genesis address, and the same letters in lower case (not a valid address).
    env.ok(&["ident", "add", &a, "crypto-wallet", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"]);
    env.ok(&["ident", "add", &b, "crypto-wallet", "1a1zp1ep5qgefi2dmptftl5slmv7divfna", "--keep-invalid"]);
    assert!(!env.ok(&["links", &a]).contains("#2"), "different wallets do not link");
    edit(
        &env.db,
        "UPDATE identifier SET normalized = (SELECT normalized FROM identifier WHERE raw GLOB '1A1z*')
          WHERE raw GLOB '1a1z*'",
    );
    let shown = env.ok(&["links", &a]);
    assert!(shown.contains("#2"), "the edited key links them: {shown}");
    assert!(shown.starts_with("WARNING: these links may not be as recorded:"), "{shown}");
}

/// A row signed by another key (anyone with the file and a vetdesk of their own) is not vouched for on
/// the machine that owns the workspace: the check says the chain is intact, not verified, and names the key.
#[test]
fn a_row_signed_by_another_key_is_named_and_the_chain_not_called_verified() {
    let env = Env::new();
    env.ok(&["case", "new", "Backend engineer"]);
    env.ok(&["check", "set", "1", "RF-INT-01", "flagged", "--note", "camera off"]);
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
    let elsewhere = env.dir.path().join("elsewhere");
    let out = env
        .cmd()
        .env("VETDESK_KEY_DIR", &elsewhere)
        .args(["check", "set", "1", "RF-INT-01", "clear", "--note", "camera was on"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = env.ok(&["audit", "verify"]);
    assert!(said.starts_with("chain intact:"), "{said}");
    assert!(said.contains("the rows signed by this machine's key"), "{said}");
    assert!(said.contains("cannot be checked here"), "{said}");
    let report = env.ok(&["report", "1"]);
    assert!(!report.contains("audit chain verified"), "{report}");
    // The case's own view says so too, before anything else, and in JSON.
    let shown = env.ok(&["case", "show", "1"]);
    assert!(
        shown.starts_with("note: 1 audit row of this case is signed by key SHA256:")
            && shown.contains("not this machine's key, so its signature cannot be checked here"),
        "{shown}"
    );
    let json = env.json(&["case", "show", "1", "--json"]);
    assert_eq!(json["other_signers"][0]["rows"], 1, "{json}");
    env.ok(&["case", "new", "Designer"]);
    assert!(env.json(&["case", "show", "2", "--json"]).get("other_signers").is_none(), "none on a case of its own");
}

/// A summary's check walks only the rows since the last whole walk, trusting the row tally that triggers
/// keep; with those guards dropped (as anyone deleting rows unseen would) it walks the whole chain, and
/// finds the row deleted.
#[test]
fn a_summary_walks_the_whole_chain_when_a_guard_was_dropped() {
    let env = Env::new();
    env.ok(&["case", "new", "Backend engineer"]);
    env.ok(&["case", "new", "Designer"]);
    env.ok(&["note", "add", "1", "first"]);
    env.ok(&["note", "add", "1", "second"]);
    env.ok(&["audit", "verify"]);
    env.ok(&["report", "1"]);
    common::tamper_kit::edit(&env.db, "DROP TRIGGER audit_tally_delete; DELETE FROM audit WHERE id = 3");
    let report = env.ok(&["report", "1"]);
    assert!(report.contains("AUDIT CHAIN BROKEN"), "{}", &report[..800.min(report.len())]);
}

/// With a guard of the audit trail dropped or changed (as anyone deleting or editing its rows unseen must
/// do first), no change is signed onto the trail: it is refused, naming the guard, and nothing is written.
#[test]
fn no_change_is_written_while_a_guard_of_the_trail_is_gone() {
    let env = Env::new();
    env.ok(&["case", "new", "Backend engineer"]);
    env.ok(&["note", "add", "1", "first"]);
    env.ok(&["case", "new", "Designer"]);
    let conn = Connection::open(&env.db).unwrap();
    conn.execute_batch("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 3").unwrap();
    drop(conn);
    let before = std::fs::read(&env.db).unwrap();
    env.refused(
        &["note", "add", "1", "after the deletion"],
        "the audit trail's guard trigger audit_no_delete was dropped behind vetdesk's back; nothing was written",
    );
    env.refused(&["case", "new", "Another"], "guard trigger audit_no_delete was dropped");
    assert!(std::fs::read(&env.db).unwrap() == before, "the workspace is as it was");
    // Changed rather than dropped: the same.
    let env = Env::new();
    env.ok(&["case", "new", "Backend engineer"]);
    let changed = "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT 1; END";
    let conn = Connection::open(&env.db).unwrap();
    conn.execute_batch(&format!("DROP TRIGGER audit_no_update; {changed}")).unwrap();
    drop(conn);
    env.refused(
        &["note", "add", "1", "x"],
        "the audit trail's guard trigger audit_no_update was changed behind vetdesk's back",
    );
}

/// Evidence whose record was changed behind vetdesk's back (a file swapped, its hash written into the row):
/// `evidence verify` still re-hashes every file, records nothing into that case and says why, records the
/// other cases' results, and exits 1 — never a clean bill, never a refusal that stops every check.
#[test]
fn evidence_verify_checks_every_case_and_records_nothing_into_a_changed_one() {
    let env = Env::new();
    let a = env.file("rec.txt", b"genuine\n");
    let b = env.file("other.txt", b"other\n");
    env.ok(&["case", "new", "A"]);
    env.ok(&["evidence", "add", "1", a.to_str().unwrap()]);
    env.ok(&["case", "new", "B"]);
    env.ok(&["evidence", "add", "2", b.to_str().unwrap()]);
    std::fs::write(&a, b"doctored\n").unwrap();
    let hash = {
        use sha2::Digest;
        vetdesk::store::audit::hex(&sha2::Sha256::digest(b"doctored\n"))
    };
    edit(&env.db, &format!("UPDATE evidence SET sha256 = '{hash}', size = 9 WHERE id = 1"));
    let out = env.cmd().args(["evidence", "verify"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("#1 intact case #1")
            && said.contains("(not recorded: case #1 was changed behind vetdesk's back (evidence 1 changed)"),
        "{said}"
    );
    let second = said.lines().find(|l| l.starts_with("#2 ")).unwrap_or_default();
    assert!(second.starts_with("#2 intact case #2") && second.ends_with("other.txt"), "recorded, no remark: {said}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("1 not recorded, against records changed behind vetdesk's back")
    );
    let log = env.ok(&["audit", "log", "--limit", "1"]);
    assert!(log.contains("evidence.verify") && log.contains("\"cases\":[2]"), "{log}");
    // What the stored row says (`intact`) is shown under a warning, in the evidence list and the case view;
    // the case that holds has none.
    let warned = "may not be as recorded: case #1 was changed behind vetdesk's back (evidence 1 changed)";
    assert!(env.ok(&["evidence", "list", "1"]).starts_with(&format!("WARNING: these records {warned}")));
    assert!(env.ok(&["case", "show", "1"]).starts_with(&format!("WARNING: this case {warned}")));
    assert!(
        !env.ok(&["evidence", "list", "2"]).contains("WARNING") && !env.ok(&["case", "show", "2"]).contains("WARNING")
    );
}

/// Every listing of a case's records says above them when they were changed behind vetdesk's back: it shows
/// them as stored, and the edited payment amount or identifier would otherwise read as recorded.
#[test]
fn every_listing_of_a_case_warns_when_its_records_do_not_hold() {
    let env = Env::new();
    filled(&env);
    let lists: [&[&str]; 8] = [
        &["case", "answers", "1"],
        &["note", "history", "1"],
        &["check", "list", "1"],
        &["ident", "list", "1"],
        &["payment", "list", "1"],
        &["subject", "list", "1"],
        &["note", "list", "1"],
        &["evidence", "list", "1"],
    ];
    for args in lists {
        assert!(!env.ok(args).contains("WARNING"), "a case that holds: {args:?}");
    }
    edit(&env.db, "UPDATE payment SET amount_cents = 42 WHERE id = 1");
    for args in lists {
        let shown = env.ok(args);
        assert!(
            shown.starts_with(
                "WARNING: these records may not be as recorded: case #1 was changed behind vetdesk's back"
            ),
            "{args:?}: {shown}"
        );
    }
    assert!(!env.ok(&["ident", "list", "2"]).contains("WARNING"), "another case holds");
    // With --json, standard output stays the listing's JSON and the warning goes to standard error;
    // `case show --json` carries it in `warning`.
    for args in lists {
        let out = env.cmd().args(args).arg("--json").output().expect("run");
        assert!(out.status.success(), "{args:?}");
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("JSON alone on standard output");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with("WARNING: these records may not be as recorded: case #1"), "{args:?}: {stderr}");
    }
    let shown = env.json(&["case", "show", "1", "--json"]);
    assert!(shown["warning"].as_str().unwrap().starts_with("case #1 was changed behind vetdesk's back"), "{shown}");
    assert!(env.json(&["case", "show", "2", "--json"])["warning"].is_null());
}

/// The organization's details and the reference lists, edited or deleted behind vetdesk's back, are shown
/// under a warning as a case's records are (the summary's complainant is the organization).
#[test]
fn org_show_and_list_show_warn_when_their_records_do_not_hold() {
    let env = Env::new();
    filled(&env);
    assert!(!env.ok(&["org", "show"]).contains("WARNING") && !env.ok(&["list", "show"]).contains("WARNING"));
    edit(&env.db, "UPDATE organization SET name = 'Other Co'");
    let shown = env.ok(&["org", "show"]);
    assert!(
        shown.starts_with("WARNING: these details may not be as recorded: the organization details were changed"),
        "{shown}"
    );
    edit(&env.db, "DELETE FROM reference_entry; DELETE FROM reference_list");
    let shown = env.ok(&["list", "show"]);
    assert!(shown.starts_with("WARNING: these lists may not be as recorded: reference list 1 was changed"), "{shown}");
}

/// Results that name cases (`search`, `note search`) and what rests on a case's links (`suggest list`)
/// warn when a case they show was edited behind vetdesk's back; `links --all` when an older copy was put
/// back. With --json the warning goes to standard error.
#[test]
fn search_results_and_suggestions_warn_when_what_they_show_does_not_hold() {
    let env = Env::new();
    filled(&env);
    let views: [&[&str]; 2] = [&["search", "camera"], &["note", "search", "camera"]];
    for args in views.iter().chain([&&["suggest", "list", "2"][..]]) {
        assert!(!env.ok(args).contains("WARNING"), "a record that holds: {args:?}");
    }
    edit(&env.db, "UPDATE note SET body = 'Camera on, every interview.' WHERE id = 1");
    let warning = "WARNING: these results may not be as recorded: case #1 was changed behind vetdesk's back";
    for args in views {
        let shown = env.ok(args);
        assert!(shown.starts_with(warning), "{args:?}: {shown}");
        let out = env.cmd().args(args).arg("--json").output().expect("run");
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("JSON alone on standard output");
        assert!(String::from_utf8_lossy(&out.stderr).starts_with(warning), "{args:?}");
    }
    assert!(!env.ok(&["search", "mobile"]).contains("WARNING"), "results that leave case #1 out");
    edit(&env.db, "UPDATE identifier SET raw = '+1 202 555 0199' WHERE case_id = 2 AND kind = 'phone'");
    let shown = env.ok(&["suggest", "list", "2"]);
    assert!(shown.starts_with("WARNING: these suggestions may not rest on the record: case #2 was changed"), "{shown}");

    // An older copy put back: links --all says what it shows may be older than what was recorded.
    let env = Env::new();
    filled(&env);
    let older_copy = std::fs::read(&env.db).unwrap();
    env.ok(&["note", "add", "1", "Second interview."]);
    assert!(!env.ok(&["links", "--all"]).contains("WARNING"));
    std::fs::write(&env.db, older_copy).unwrap();
    for args in [&["links", "--all"][..], &["search", "camera"]] {
        let shown = env.ok(args);
        assert!(
            shown.starts_with("WARNING: ") && shown.contains("this workspace is not as this machine last wrote it"),
            "{args:?}: {shown}"
        );
    }
}

/// `audit log` checks each row it shows against its hash and the row before it: a row edited with SQLite
/// is not shown as recorded without a word (only `audit verify` walks every row and checks signatures).
#[test]
fn audit_log_warns_when_a_row_it_shows_was_edited() {
    let env = Env::new();
    filled(&env);
    assert!(!env.ok(&["audit", "log"]).contains("WARNING"));
    edit(&env.db, "UPDATE audit SET actor = 'eve' WHERE id = 3");
    let shown = env.ok(&["audit", "log"]);
    assert!(
        shown.starts_with(
            "WARNING: these rows may not be as recorded: audit row 3's contents do not match its hash: it was changed"
        ),
        "{shown}"
    );
    let out = env.cmd().args(["audit", "log", "--json"]).output().expect("run");
    serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("JSON alone on standard output");
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("WARNING: these rows may not be as recorded: audit row 3")
    );
    // A page of newer rows does not name it.
    assert!(!env.ok(&["audit", "log", "--limit", "2"]).contains("WARNING"));

    // One case's page checks that case's records against their seal too.
    let env = Env::new();
    filled(&env);
    edit(&env.db, "UPDATE note SET body = 'Camera on.' WHERE id = 1");
    let shown = env.ok(&["audit", "log", "--case", "1"]);
    assert!(shown.starts_with("WARNING: these rows may not be as recorded: case #1 was changed"), "{shown}");
    assert!(!env.ok(&["audit", "log", "--case", "2"]).contains("WARNING"));
}

/// A text written behind vetdesk's back that is not UTF-8 (which vetdesk never writes): the case list (and
/// the workstation's, read the same way) still lists every case, the bytes shown as «�» and the case named
/// above the list, so one damaged record does not lock the investigator out of the others; a command that
/// reads the case itself stops with one line saying so and pointing to `audit verify`, which names the
/// record.
#[test]
fn a_text_that_is_not_utf8_is_named_as_changed_behind_vetdesks_back() {
    let env = Env::new();
    filled(&env);
    // The candidate's name of case 1: "M" and the first byte of a two-byte character.
    edit(&env.db, "UPDATE subject SET name = CAST(x'4dc3' AS TEXT) WHERE id = 1");
    let listed = env.ok(&["case", "list"]);
    assert!(
        listed.starts_with(
            "WARNING: the title or candidate's name of case #1 is stored as bytes that are not UTF-8 text, which \
             vetdesk never writes; those bytes are shown as «\u{FFFD}»."
        ),
        "{listed}"
    );
    assert!(listed.contains("run `vetdesk audit verify`"), "{listed}");
    let rows: Vec<&str> = listed.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(rows.len(), 2, "{listed}");
    assert!(rows.iter().any(|r| r.starts_with("#1") && r.contains("M\u{FFFD}")), "{listed}");
    // In JSON the warning goes to standard error and the list keeps every case.
    let out = env.cmd().args(["case", "list", "--json"]).output().unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON alone on standard output");
    assert_eq!(json["cases"].as_array().map(Vec::len), Some(2), "{json}");
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("WARNING: the title or candidate's name of case #1"));
    // A page without the case says nothing of it.
    assert!(!env.ok(&["case", "list", "--limit", "1"]).contains("WARNING"));

    let out = env.cmd().args(["case", "show", "1"]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.starts_with("vetdesk: workspace: a stored text is not UTF-8 ("), "{said}");
    assert!(said.contains("changed behind vetdesk's back or is damaged; run `vetdesk audit verify`"), "{said}");
    found(&env, "a name that is not UTF-8", &["case #1: subject 1 changed"]);
}

/// Searches reach across cases: they show a value of a case that is stored as bytes that are not UTF-8
/// with «�» in their place, under the warning their check of each case on the page gives, instead of
/// stopping for every case. Links check another case's records only where their keys could rest on an
/// edit, so they still stop with the one-line error, as the case's own listings do; a change to that case
/// is refused.
#[test]
fn searches_and_links_show_another_cases_text_that_is_not_utf8_under_a_warning() {
    let env = Env::new();
    filled(&env);
    // Case 1's note and phone number, each with a byte that begins no UTF-8 character.
    edit(&env.db, "UPDATE note SET body = CAST(x'43616d657261ff' AS TEXT) WHERE id = 1");
    edit(&env.db, "UPDATE identifier SET raw = CAST(x'2b31202832303229203535352d30313433ff' AS TEXT) WHERE id = 1");
    let changed = "WARNING: these results may not be as recorded: case #1 was changed behind vetdesk's back";
    let notes = env.ok(&["note", "search", "camera"]);
    assert!(notes.starts_with(changed) && notes.contains("Camera\u{FFFD}"), "{notes}");
    let found_ = env.ok(&["search", "camera"]);
    assert!(found_.starts_with(changed) && found_.contains("Camera\u{FFFD}"), "{found_}");
    let out = env.cmd().args(["links", "2"]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(said.starts_with("vetdesk: workspace: a stored text is not UTF-8 ("), "{said}");
    // The case's own notes, as an edit reads them, are read strictly: the note is never written back altered.
    let out = env.cmd().args(["note", "list", "1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    env.refused(&["note", "edit", "1", "Camera on."], "a stored text is not UTF-8");
}

/// A seal row deleted while its record stays as sealed: a view and a change say the seal rows were edited,
/// as `audit verify` does, never that the record was added.
#[test]
fn a_seal_row_removed_is_named_as_such_not_as_its_record_added() {
    let env = Env::new();
    filled(&env);
    edit(&env.db, "DELETE FROM seal WHERE scope = 'case:1' AND tbl = 'note'");
    let says = "case #1 was changed behind vetdesk's back (its seal rows were edited; the records themselves match";
    let shown = env.ok(&["case", "show", "1"]);
    assert!(shown.starts_with("WARNING: ") && shown.contains(says) && !shown.contains("added"), "{shown}");
    env.refused(&["note", "add", "1", "Called the reference."], says);
    found(
        &env,
        "the seal row removed",
        &["case #1: its seal rows were edited (the records themselves match the chain)"],
    );
}
