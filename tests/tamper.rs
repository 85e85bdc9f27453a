//! Edits made with SQLite behind vetdesk's back, one per table and one per way of attacking the chain:
//! `vetdesk audit verify` must exit 1 and name each one. The guard triggers are dropped first, as anyone
//! editing the file by hand would.

mod common;

use common::Env;
use common::tamper_kit::{edit, filled, found};
use rusqlite::Connection;
use vetdesk::store::audit::{Canonical, hash_row};

#[test]
fn every_edit_behind_vetdesks_back_is_named() {
    let env = Env::new();
    let pristine = filled(&env);
    let matrix: &[(&str, &str, &[&str])] = &[
        (
            "a mark's state",
            "UPDATE mark SET state = 'clear' WHERE code = 'RF-ID-01'",
            &["case #1: mark RF-ID-01 changed"],
        ),
        ("a mark deleted", "DELETE FROM mark WHERE code = 'RF-ID-01'", &["case #1: mark RF-ID-01 removed"]),
        ("a note's text", "UPDATE note SET body = 'Camera on.'", &["case #1: note 1 changed"]),
        ("a note deleted", "DELETE FROM note", &["case #1: note 1 removed"]),
        ("a payment amount", "UPDATE payment SET amount_cents = 430000", &["case #1: payment 1 changed"]),
        (
            "a case closed as cleared",
            "UPDATE \"case\" SET status = 'closed', disposition = 'cleared' WHERE id = 1",
            &["case #1: case 1 changed"],
        ),
        (
            "an identifier's value",
            "UPDATE identifier SET raw = 'jlee@example.net' WHERE kind = 'email'",
            &["case #1: identifier 3 changed"],
        ),
        (
            "an identifier's match key",
            "UPDATE identifier SET normalized = '+12025550199' WHERE id = 2",
            &["identifier 2: its match key does not follow from the value typed"],
        ),
        ("a subject's name", "UPDATE subject SET name = 'Someone Else'", &["case #1: subject 1 changed"]),
        (
            "an evidence row deleted",
            "DELETE FROM evidence_item; DELETE FROM evidence_check; DELETE FROM evidence",
            &["case #1: evidence 1 removed", "case #1: evidence_item 1 RF-ID-01 removed"],
        ),
        (
            "an evidence row repointed to a substitute file with its hash",
            "UPDATE evidence SET path = '/tmp/substitute.txt', sha256 = printf('%064d', 7)",
            &["case #1: evidence 1 changed"],
        ),
        (
            "an evidence link added",
            "INSERT INTO evidence_item (evidence_id, code) VALUES (1, 'RF-ID-02')",
            &["case #1: evidence_item 1 RF-ID-02 added"],
        ),
        ("a suggestion decision", "UPDATE suggestion SET decision = 'accepted'", &["case #2: suggestion RF-COM-02"]),
        ("the organization", "UPDATE organization SET name = 'Other Corp'", &["organization: organization 1 changed"]),
        (
            "a setting",
            "UPDATE setting SET value = 'GB' WHERE key = 'phone_country'",
            &["settings: setting phone_country changed"],
        ),
        (
            "a reference list entry",
            "UPDATE reference_entry SET label = 'Trusted Shipping'",
            &["list 1: reference_entry"],
        ),
        (
            "a case added",
            "INSERT INTO \"case\" (title, catalog_version, created_at, updated_at) VALUES ('planted', 'x', 'x', 'x')",
            &["case #3: no audit row sealed these records", "case #3: case 3 added"],
        ),
        (
            "the seal index pointed at another row",
            "UPDATE scope_head SET audit_id = 1 WHERE scope = 'case:1'",
            &[
                "case #1: its entry in the index of the audit rows that last sealed each scope (scope_head) names audit row 1",
            ],
        ),
        (
            "the seal index given a value that is no row number",
            "UPDATE scope_head SET audit_id = 'x' WHERE scope = 'case:1'",
            &[
                "case #1: its entry in the index of the audit rows that last sealed each scope (scope_head) holds no audit row number",
            ],
        ),
        (
            "an entry of the seal index removed",
            "DELETE FROM scope_head WHERE scope = 'case:2'",
            &["case #2: its entry in the index of the audit rows that last sealed each scope (scope_head) was removed"],
        ),
        (
            "the audit trail's row tally",
            "UPDATE audit_tally SET rows = rows + 1",
            &["audit trail: its row tally (audit_tally) says"],
        ),
        (
            "the tally's trigger dropped",
            "DROP TRIGGER audit_tally_delete",
            &["audit trail: its guard trigger audit_tally_delete was dropped behind vetdesk's back"],
        ),
        (
            "the trail's guard against deletion made again to let rows go",
            "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT 1; END",
            &["audit trail: its guard trigger audit_no_delete was changed behind vetdesk's back"],
        ),
        ("the tally's row deleted", "DELETE FROM audit_tally", &["audit trail: its row tally (audit_tally) is gone"]),
        (
            "a seal row renamed to a scope vetdesk never writes (verify named nothing else then)",
            "UPDATE seal SET scope = 'case:1z' WHERE scope = 'case:1' AND tbl = 'note'; UPDATE note SET body = 'x'",
            &["workspace: seal rows are held under case:1z, which is no scope vetdesk seals", "case #1: note 1 added"],
        ),
        (
            "a whole case deleted with its records and seal rows",
            "DELETE FROM mark WHERE case_id = 2; DELETE FROM subject WHERE case_id = 2;
             DELETE FROM identifier WHERE case_id = 2; DELETE FROM payment WHERE case_id = 2;
             DELETE FROM note WHERE case_id = 2; DELETE FROM suggestion WHERE case_id = 2;
             DELETE FROM case_answer WHERE case_id = 2; DELETE FROM \"case\" WHERE id = 2;
             DELETE FROM seal WHERE scope = 'case:2'",
            &["case #2: its records differ from what the audit chain last sealed, and its seal rows agree with them"],
        ),
        (
            "a note changed and its seal row rewritten to match",
            "UPDATE note SET body = 'Camera on.'; UPDATE seal SET hash = zeroblob(16) WHERE tbl = 'note'",
            &["case #1: its seal rows were edited too", "case #1: note 1 changed"],
        ),
    ];
    for (what, sql, needles) in matrix {
        std::fs::write(&env.db, &pristine).unwrap();
        edit(&env.db, sql);
        found(&env, what, needles);
    }
    // Without its tally no change can be recorded: a write says why, and nothing is written.
    std::fs::write(&env.db, &pristine).unwrap();
    edit(&env.db, "DROP TABLE audit_tally");
    env.refused(&["note", "add", "1", "x"], "the workspace's table audit_tally was dropped behind vetdesk's back");
    found(&env, "the tally dropped", &["audit trail: its row tally (audit_tally) is gone"]);
    // A summary's check finds the row that sealed its case through the chain; an index entry pointed at
    // another row is named there too, as `links` and every write name it.
    std::fs::write(&env.db, &pristine).unwrap();
    edit(&env.db, "UPDATE scope_head SET audit_id = 1 WHERE scope = 'case:1'");
    let report = env.ok(&["report", "1"]);
    assert!(report.contains("WARNING: the record does not hold."), "{}", &report[..600.min(report.len())]);
    std::fs::write(&env.db, &pristine).unwrap();
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"), "the pristine copy holds");
}

#[test]
fn truncation_rollback_forgery_and_a_recomputed_chain_are_found() {
    let env = Env::new();
    let older = filled(&env);
    let c = "1";
    env.ok(&["note", "add", c, "Asked to ship the laptop to a new address."]);
    let newer = std::fs::read(&env.db).unwrap();
    let rows: i64 =
        Connection::open(&env.db).unwrap().query_row("SELECT max(id) FROM audit", [], |r| r.get(0)).unwrap();

    // The newest rows deleted.
    edit(&env.db, &format!("DELETE FROM audit WHERE id > {}", rows - 2));
    found(
        &env,
        "tail deleted",
        &[
            &format!("this machine recorded {rows}"),
            "but the chain ends at row",
            "or the audit row that sealed them was removed",
        ],
    );

    // A row in the middle deleted, its guard dropped (as `edit` does): the broken chain is named, and so is
    // the guard; the records are not compared with seals it cannot vouch for, and it says so.
    std::fs::write(&env.db, &newer).unwrap();
    edit(&env.db, "DELETE FROM audit WHERE id = 2");
    found(
        &env,
        "a middle row deleted",
        &[
            "AUDIT CHAIN BROKEN at row 3",
            "records: not checked against their seals, which rest on the broken chain",
            "audit trail: its guard trigger audit_no_delete was dropped behind vetdesk's back",
            "audit trail: its guard trigger audit_no_update was dropped behind vetdesk's back",
            "is there with its hash, but the chain before it is broken",
        ],
    );

    // An older copy of the workspace put back.
    std::fs::write(&env.db, &older).unwrap();
    found(&env, "older copy restored", &["rows were deleted or an older copy restored"]);

    // A forged row appended with a correctly computed hash.
    std::fs::write(&env.db, &newer).unwrap();
    let conn = Connection::open(&env.db).unwrap();
    let prev: String = conn.query_row("SELECT hash FROM audit WHERE id = ?1", [rows], |r| r.get(0)).unwrap();
    let row = Canonical {
        id: rows + 1,
        at: "2026-04-01T00:00:00Z",
        actor: "ana",
        action: "case.status",
        case_id: Some(1),
        details: "{}",
        seal: Some("{}"),
    };
    let forged = hash_row(&prev, &row);
    conn.execute(
        "INSERT INTO audit (id, at, actor, action, case_id, details, prev_hash, hash, seal)
         VALUES (?1, '2026-04-01T00:00:00Z', 'ana', 'case.status', 1, '{}', ?2, ?3, '{}')",
        rusqlite::params![rows + 1, prev, forged],
    )
    .unwrap();
    drop(conn);
    found(&env, "forged row appended", &[&format!("BROKEN at row {}", rows + 1), "not signed"]);

    // A row edited and every later hash recomputed: the chain links, the signatures do not.
    std::fs::write(&env.db, &newer).unwrap();
    let conn = Connection::open(&env.db).unwrap();
    conn.execute_batch("DROP TRIGGER audit_no_update").unwrap();
    let target = 5;
    conn.execute("UPDATE audit SET actor = 'eve' WHERE id = ?1", [target]).unwrap();
    let mut prev: String = conn.query_row("SELECT hash FROM audit WHERE id = ?1", [target - 1], |r| r.get(0)).unwrap();
    for id in target..=rows {
        let (at, actor, action, case_id, details, seal): (String, String, String, Option<i64>, String, Option<String>) =
            conn.query_row("SELECT at, actor, action, case_id, details, seal FROM audit WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
            })
            .unwrap();
        let row = Canonical {
            id,
            at: &at,
            actor: &actor,
            action: &action,
            case_id,
            details: &details,
            seal: seal.as_deref(),
        };
        let hash = hash_row(&prev, &row);
        conn.execute("UPDATE audit SET prev_hash = ?2, hash = ?3 WHERE id = ?1", rusqlite::params![id, prev, hash])
            .unwrap();
        prev = hash;
    }
    drop(conn);
    found(&env, "recomputed chain", &[&format!("BROKEN at row {target}"), "signature by this machine's key"]);

    // A column given a value of another kind than vetdesk writes there: the row is named, not a type error.
    for (column, value) in [("sig", "'garbage text'"), ("case_id", "'abc'"), ("details", "x'00ff'")] {
        std::fs::write(&env.db, &newer).unwrap();
        let conn = Connection::open(&env.db).unwrap();
        conn.execute_batch("DROP TRIGGER audit_no_update").unwrap();
        conn.execute(&format!("UPDATE audit SET {column} = {value} WHERE id = 3"), []).unwrap();
        drop(conn);
        found(
            &env,
            column,
            &["BROKEN at row 3", &format!("its {column} is not of the kind vetdesk writes there; the row was changed")],
        );
    }

    // The same, with every signature removed, read on a machine with no head record for the workspace:
    // the chain links and no row is signed, as an older vetdesk's would be, but its rows carry seals.
    Connection::open(&env.db).unwrap().execute("UPDATE audit SET signer = NULL, sig = NULL", []).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = env.cmd().env("VETDESK_KEY_DIR", elsewhere.path()).args(["audit", "verify"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "signatures stripped: not found:\n{stdout}");
    assert!(stdout.contains("BROKEN at row 1") && stdout.contains("its signature was removed"), "{stdout}");
}

#[test]
fn a_head_kept_elsewhere_is_checked_and_another_machine_says_what_it_cannot_check() {
    let env = Env::new();
    filled(&env);
    let anchor = env.ok(&["audit", "anchor"]);
    let head = anchor.lines().find_map(|l| l.strip_prefix("head: ")).expect("anchor names the head").to_string();
    assert!(anchor.contains("-----BEGIN SSH SIGNATURE-----"), "{anchor}");
    env.ok(&["note", "add", "1", "later"]);
    let out = env.ok(&["audit", "verify", "--head", &head]);
    assert!(out.contains(&format!("head {head} is row")), "{out}");
    let other = "0".repeat(64);
    let out = env.cmd().args(["audit", "verify", "--head", &other]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("is NOT in this chain"));
    env.refused(&["audit", "verify", "--head", "abc"], "64-character hex hash");

    // The same file on a machine with another key: intact, but said plainly what cannot be checked.
    let fingerprint = {
        let public = std::fs::read_to_string(env.keys().join("audit_ed25519.pub")).unwrap();
        ssh_fingerprint(&public)
    };
    let elsewhere = tempfile::tempdir().unwrap();
    let out = env.cmd().env("VETDESK_KEY_DIR", elsewhere.path()).args(["audit", "verify"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.starts_with("chain intact: "), "not called verified: {stdout}");
    assert!(stdout.contains("signatures by key") && stdout.contains("cannot be checked here"), "{stdout}");
    assert!(stdout.contains(&fingerprint), "names the key {fingerprint}: {stdout}");
    assert!(stdout.contains("no head record for this workspace"), "{stdout}");
}

/// The anchor and a row signature verify with OpenSSH itself, where it is installed.
#[test]
fn openssh_verifies_an_anchor() {
    if std::process::Command::new("ssh-keygen").arg("-?").output().is_err() {
        eprintln!("skipped: ssh-keygen is not installed");
        return;
    }
    let env = Env::new();
    filled(&env);
    let json = env.json(&["audit", "anchor", "--json"]);
    let dir = env.dir.path();
    std::fs::write(dir.join("anchor.txt"), json["statement"].as_str().unwrap()).unwrap();
    std::fs::write(dir.join("anchor.txt.sig"), json["signature"].as_str().unwrap()).unwrap();
    std::fs::write(dir.join("allowed_signers"), format!("{}\n", json["allowed_signers"].as_str().unwrap())).unwrap();
    let check = |statement: &str| {
        std::fs::write(dir.join("check.txt"), statement).unwrap();
        std::process::Command::new("sh")
            .current_dir(dir)
            .args([
                "-c",
                "ssh-keygen -Y verify -f allowed_signers -I vetdesk -n vetdesk-anchor -s anchor.txt.sig < check.txt",
            ])
            .output()
            .unwrap()
    };
    let statement = json["statement"].as_str().unwrap();
    let good = check(statement);
    assert!(good.status.success(), "{}", String::from_utf8_lossy(&good.stderr));
    assert!(String::from_utf8_lossy(&good.stdout).contains("Good \"vetdesk-anchor\" signature"));
    assert!(!check(&statement.replace("rows: ", "rows: 1")).status.success(), "a changed statement fails");
}

/// `SHA256:…` of an OpenSSH public key line, computed here from the key bytes.
fn ssh_fingerprint(public: &str) -> String {
    let key = ssh_key::PublicKey::from_openssh(public.trim()).unwrap();
    key.fingerprint(ssh_key::HashAlg::Sha256).to_string()
}

/// Changes that touch several scopes at once leave a record that holds: a check of every case's
/// evidence, a list replaced and removed, settings changed, a suggestion accepted.
#[test]
fn changes_across_scopes_are_sealed_where_they_land() {
    let env = Env::new();
    filled(&env);
    let file = env.file("cv.txt", b"ten years of rust\n");
    env.ok(&["evidence", "add", "2", file.to_str().unwrap()]);
    env.cmd().args(["evidence", "verify"]).assert().success();
    std::fs::write(&file, b"changed\n").unwrap();
    env.cmd().args(["evidence", "verify"]).assert().code(1);
    let list = env.file("forwarders.txt", b"12 Dock St, Newark NJ 07105\tOther\n");
    env.ok(&["list", "import", "freight-forwarder", list.to_str().unwrap()]);
    env.ok(&["list", "remove", "forwarders", "--reason", "an outdated copy"]);
    env.ok(&["suggest", "accept", "1", "RF-COM-02"]);
    env.ok(&["org", "set", "--phone-country", "GB", "--resume-threshold", "0.6"]);
    let out = env.ok(&["audit", "verify"]);
    assert!(out.starts_with("audit chain verified"), "{out}");
    let json = env.json(&["audit", "verify", "--json"]);
    assert_eq!(json["findings"], serde_json::json!([]));
    assert_eq!(json["derived"], serde_json::json!([]));
}

/// A change never seals over an edit made behind vetdesk's back: the write is refused with one line and
/// nothing is written, so `audit verify` keeps finding the edit.
#[test]
fn a_later_change_does_not_seal_over_an_edit() {
    let env = Env::new();
    let pristine = filled(&env);
    // The heads this machine recorded then, put back with the copy: a copy older than them takes no write.
    let heads = recorded_heads(&env);
    let cases: &[(&str, &str, &[&str], &str)] = &[
        (
            "a note edited",
            "UPDATE note SET body = 'forged' WHERE id = 1",
            &["note", "add", "1", "second note"],
            "case #1 was changed behind vetdesk's back (note 1 changed)",
        ),
        (
            "a note and its seal row edited together",
            "UPDATE note SET body = 'forged' WHERE id = 1;
             UPDATE seal SET hash = zeroblob(16) WHERE scope = 'case:1' AND tbl = 'note'",
            &["check", "set", "1", "RF-ID-02", "clear"],
            "case #1 was changed behind vetdesk's back",
        ),
        (
            "a note and its seal row deleted together, and the case's entry in the seal index removed",
            "DELETE FROM note WHERE id = 1; DELETE FROM seal WHERE scope = 'case:1' AND tbl = 'note';
             DELETE FROM scope_head WHERE scope = 'case:1'",
            &["note", "add", "1", "second note"],
            "case #1 was changed behind vetdesk's back (its seal rows were edited)",
        ),
        (
            "the case's entry in the seal index pointed at another row",
            "UPDATE scope_head SET audit_id = 1 WHERE scope = 'case:1'",
            &["note", "add", "1", "second note"],
            "(scope_head) was edited",
        ),
        (
            "the case's entry in the seal index removed",
            "DELETE FROM scope_head WHERE scope = 'case:1'",
            &["note", "add", "1", "second note"],
            "(scope_head) was removed",
        ),
        (
            "the organization edited",
            "UPDATE organization SET name = 'Other Co'",
            &["org", "set", "--city", "Springfield"],
            "the organization details were changed behind vetdesk's back",
        ),
        (
            "a setting edited",
            "UPDATE setting SET value = '0.9' WHERE key = 'resume_threshold'",
            &["org", "set", "--resume-threshold", "0.8"],
            "the workspace settings were changed behind vetdesk's back",
        ),
    ];
    for (what, sql, command, refusal) in cases {
        std::fs::write(&env.db, &pristine).unwrap();
        for (path, bytes) in &heads {
            std::fs::write(path, bytes).unwrap();
        }
        env.ok(&["org", "set", "--resume-threshold", "0.7"]);
        edit(&env.db, sql);
        let before = common::fingerprint(&env.db);
        env.refused(command, refusal);
        assert_eq!(common::fingerprint(&env.db), before, "{what}: nothing was written");
        found(&env, what, &[]);
    }
}

/// A record removed behind vetdesk's back does not come back sealed under a new one that takes its
/// number: a reference list imported again after an edit, another list after one was deleted, a case
/// opened after the newest one was deleted.
#[test]
fn a_new_record_does_not_seal_over_a_removed_one_in_its_number() {
    let env = Env::new();
    let pristine = filled(&env);
    let heads = recorded_heads(&env);
    let forwarders = env.dir.path().join("forwarders.txt");
    let voip = env.file("voip.txt", b"+1 202 555 0199\n");
    let (forwarders, voip) = (forwarders.to_str().unwrap(), voip.to_str().unwrap());
    let removed = "its records were removed, and a new one would take its number";
    let cases: &[(&str, &str, &[&str], &str)] = &[
        (
            "a list entry edited, then the list imported again",
            "UPDATE reference_entry SET raw = '1 Main St', key = '1 main st' WHERE list_id = 1",
            &["list", "import", "freight-forwarder", forwarders],
            "reference list 1 was changed behind vetdesk's back (reference_entry 1 changed)",
        ),
        (
            "a list's kind edited, then the list imported again",
            "UPDATE reference_list SET kind = 'bad-phone' WHERE id = 1",
            &["list", "import", "freight-forwarder", forwarders],
            "reference list 1 was changed behind vetdesk's back",
        ),
        (
            "a list deleted, then another imported under another name",
            "DELETE FROM reference_entry; DELETE FROM reference_list",
            &["list", "import", "voip", voip, "--name", "voip-lines"],
            removed,
        ),
        (
            "the newest case deleted, then a case opened",
            "DELETE FROM identifier WHERE case_id = 2; DELETE FROM suggestion WHERE case_id = 2;
             DELETE FROM \"case\" WHERE id = 2",
            &["case", "new", "Third contractor"],
            removed,
        ),
    ];
    for (what, sql, command, refusal) in cases {
        std::fs::write(&env.db, &pristine).unwrap();
        for (path, bytes) in &heads {
            std::fs::write(path, bytes).unwrap();
        }
        edit(&env.db, sql);
        env.refused(command, refusal);
        found(&env, what, &[]);
    }
}

/// Every file under the key folder's `heads/`, with its bytes.
fn recorded_heads(env: &Env) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut folders = vec![env.keys().join("heads")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                out.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    assert!(!out.is_empty(), "no head recorded");
    out
}

/// An older copy put back is not laundered by writing on until the chain is as long as the head this
/// machine recorded: every write is refused, and only `audit restored` (with a reason, on a copy that
/// holds by itself) lets work go on, leaving a row that names the head the copy lacks.
#[test]
fn writes_to_an_older_copy_are_refused_until_the_restore_is_accepted_with_a_reason() {
    let env = Env::new();
    let older = filled(&env);
    env.ok(&["note", "add", "1", "Damaging finding."]);
    env.ok(&["check", "set", "1", "RF-INT-01", "flagged"]);
    for more in ["Second finding.", "Third finding."] {
        env.ok(&["note", "add", "1", more]);
    }
    env.ok(&["audit", "verify"]);
    let recorded: i64 =
        Connection::open(&env.db).unwrap().query_row("SELECT max(id) FROM audit", [], |r| r.get(0)).unwrap();
    std::fs::write(&env.db, &older).unwrap();
    for args in [
        &["case", "edit", "1", "--priority", "low"][..],
        &["note", "add", "1", "x"],
        &["case", "new", "Another"],
        &["org", "set", "--name", "Other"],
    ] {
        env.refused(args, &format!("this machine recorded writing row {recorded}"));
    }
    // What the views show may be older than what was recorded: they say so above it.
    let older_here = format!("this workspace is not as this machine last wrote it: it has {}", recorded - 4);
    for (args, first) in [
        (&["case", "show", "1"][..], "WARNING: this case may not be as recorded: "),
        (&["note", "list", "1"], "WARNING: these records may not be as recorded: "),
        (&["case", "list"], "WARNING: "),
        (&["links", "1"], "WARNING: these links may not be as recorded: "),
    ] {
        let shown = env.ok(args);
        assert!(shown.starts_with(&format!("{first}{older_here}")), "{args:?}: {shown}");
    }
    found(&env, "older copy put back", &["rows were deleted or an older copy restored"]);
    env.refused(&["audit", "restored", "--reason", " "], "needs a reason");
    let out = env.ok(&["audit", "restored", "--reason", "backup put back after a disk failure"]);
    assert!(out.contains(&format!("this machine had recorded writing row {recorded}")), "{out}");
    env.ok(&["case", "edit", "1", "--priority", "low"]);
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
    assert!(!env.ok(&["case", "show", "1"]).contains("WARNING"), "accepted: no warning");
    // The chain walked there is the one a report's check starts from, not the longer one walked before.
    let report = env.ok(&["report", "1"]);
    assert!(report.contains("were checked on this machine before and not walked again"), "{report}");
    let log = &env.json(&["audit", "log", "--json", "--limit", "2"])["rows"];
    let restored = &log[1];
    assert_eq!(restored["action"], "audit.restored", "{log}");
    assert_eq!(restored["details"]["recorded_rows"], recorded);
    assert_eq!(restored["details"]["reason"], "backup put back after a disk failure");
    env.refused(&["audit", "restored", "--reason", "again"], "there is no restored copy to accept");

    // A copy that does not hold by itself is not accepted.
    let env = Env::new();
    filled(&env);
    env.ok(&["note", "add", "1", "Damaging finding."]);
    edit(
        &env.db,
        "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit); UPDATE note SET body = 'edited' WHERE id = 1",
    );
    env.refused(&["audit", "restored", "--reason", "backup"], "the copy does not hold by itself");
}
