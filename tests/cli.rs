//! The headless CLI, run as a user would, on temporary workspaces.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::{Env, fingerprint};
use predicates::prelude::*;
use serde_json::{Value, json};

/// A case with a candidate, returning its id.
fn case(env: &Env) -> i64 {
    env.id(&["case", "new", "Backend engineer (contract)", "--subject", "Jürgen Müller", "--priority", "high"])
}

#[test]
fn init_creates_a_private_workspace_and_prints_its_path() {
    let env = Env::new();
    let out = env.ok(&["init"]);
    assert_eq!(out.trim(), env.db.to_str().unwrap());
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&env.db), 0o600);
    assert_eq!(mode(env.db.parent().unwrap()), 0o700);
    // Running it again upgrades nothing and keeps everything.
    let before = fingerprint(&env.db);
    env.ok(&["init"]);
    assert_eq!(before, fingerprint(&env.db));
}

#[test]
fn db_flag_overrides_the_environment() {
    let env = Env::new();
    let other = env.dir.path().join("other.db");
    env.cmd()
        .args(["--db", other.to_str().unwrap(), "init"])
        .assert()
        .success()
        .stdout(format!("{}\n", other.display()));
    assert!(other.exists());
    assert!(!env.db.exists(), "VETDESK_DB was not used");
}

#[test]
fn cases_open_list_show_edit_and_close() {
    let env = Env::new();
    assert_eq!(case(&env), 1);
    assert_eq!(env.id(&["case", "new", "Second"]), 2);

    let list = env.json(&["case", "list", "--json"]);
    assert_eq!(list["total"], 2);
    assert_eq!(list["cases"][1]["candidate"], "Jürgen Müller");
    assert_eq!(list["cases"][1]["risk_band"], "low");
    let high = env.json(&["case", "list", "--priority", "high", "--json"]);
    assert_eq!(high["total"], 1);
    env.cmd().args(["case", "list"]).assert().success().stdout(predicate::str::contains("Jürgen Müller"));

    env.ok(&["case", "edit", "1", "--tags", "vendor-a, urgent", "--witnesses", "HR lead Dana Ruiz"]);
    env.ok(&["case", "status", "1", "investigating"]);
    env.refused(&["case", "status", "1", "closed"], "--disposition");
    env.refused(&["case", "status", "1", "open", "--disposition", "cleared"], "only when the case is closed");
    env.ok(&["case", "status", "1", "closed", "--disposition", "confirmed"]);
    let show = env.json(&["case", "show", "1", "--json"]);
    assert_eq!(show["case"]["status"], "closed");
    assert_eq!(show["case"]["disposition"], "confirmed");
    assert_eq!(show["case"]["tags"], serde_json::json!(["vendor-a", "urgent"]));
    assert_eq!(show["case"]["witnesses"], "HR lead Dana Ruiz");
    assert!(show["case"]["closed_at"].is_string());
    let closed = env.json(&["case", "list", "--status", "closed", "--json"]);
    assert_eq!(closed["total"], 1);
}

#[test]
fn empty_workspace_list_says_how_to_start() {
    let env = Env::new();
    env.refused(&["case", "list"], "yet: `vetdesk case new TITLE` or `vetdesk init` makes one there");
    env.ok(&["init"]);
    env.cmd().args(["case", "list"]).assert().success().stderr(predicate::str::contains("vetdesk --db demo.db demo"));
}

#[test]
fn subjects_identifiers_and_payments_round_trip() {
    let env = Env::new();
    let c = case(&env).to_string();
    let f = env.id(&["subject", "add", &c, "Laptop Host LLC", "--role", "facilitator", "--location", "Phoenix, AZ"]);
    env.ok(&[
        "subject",
        "edit",
        "1",
        "--alias",
        "J. Mueller",
        "--alias",
        "김철수",
        "--stage",
        "employed",
        "--hired-on",
        "2026-02-01",
    ]);
    let subjects = env.json(&["subject", "list", &c, "--json"]);
    assert_eq!(subjects[0]["aliases"], serde_json::json!(["J. Mueller", "김철수"]));
    assert_eq!(subjects[0]["hire_stage"], "employed");
    assert_eq!(subjects[1]["id"], f);

    env.id(&["ident", "add", &c, "email", " Jurgen.M@Example.COM ", "--subject", "1"]);
    env.id(&["ident", "add", &c, "routing-number", "076401251"]);
    env.id(&["ident", "add", &c, "ip", "2001:DB8:0::1", "--subject", &f.to_string()]);
    let idents = env.json(&["ident", "list", &c, "--json"]);
    let email = idents.as_array().unwrap().iter().find(|i| i["kind"] == "email").unwrap();
    assert_eq!(email["raw"], "Jurgen.M@Example.COM");
    assert_eq!(email["normalized"], "jurgen.m@example.com");
    let ip = idents.as_array().unwrap().iter().find(|i| i["kind"] == "ip").unwrap();
    assert_eq!(ip["normalized"], "2001:db8::1");

    env.id(&[
        "payment",
        "add",
        &c,
        "--date",
        "2026-03-01",
        "--amount",
        "4200.50",
        "--method",
        "wire",
        "--recipient",
        "J Mueller",
        "--routing",
        "076401251",
        "--account",
        "000123456789",
        "--subject",
        "1",
    ]);
    let payments = env.json(&["payment", "list", &c, "--json"]);
    assert_eq!(payments[0]["amount_cents"], 420_050);
    assert_eq!(payments[0]["currency"], "USD");
    let show = env.json(&["case", "show", &c, "--json"]);
    assert_eq!(show["identifiers"].as_array().unwrap().len(), 3);
    assert_eq!(show["payments"].as_array().unwrap().len(), 1);
}

#[test]
fn malformed_identifiers_are_refused_unless_kept_on_purpose() {
    let env = Env::new();
    let c = case(&env).to_string();
    env.refused(&["ident", "add", &c, "routing-number", "076401252"], "fails the ABA checksum");
    env.refused(&["ident", "add", &c, "routing-number", "990000005"], "prefix");
    env.refused(&["ident", "add", &c, "email", "jurgen.example.com"], "not an email address");
    env.usage_error(
        &["ident", "add", &c, "fax", "123"],
        "invalid value 'fax' for '<KIND>'\n  [possible values: email, phone, address, bank-account",
    );
    env.refused(&["ident", "add", &c, "email", "  "], "empty email");
    env.refused(&["ident", "add", &c, "email", "a@b.co", "--subject", "99"], "no subject #99");
    let other = env.id(&["case", "new", "Other"]).to_string();
    env.refused(&["ident", "add", &other, "email", "a@b.co", "--subject", "1"], "belongs to case #1");

    env.cmd()
        .args(["ident", "add", &c, "routing-number", "076401252", "--keep-invalid"])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: recorded with a failed check"));
    let idents = env.json(&["ident", "list", &c, "--json"]);
    assert_eq!(idents[0]["warning"], "routing number fails the ABA checksum");
    env.cmd().args(["case", "show", &c]).assert().stdout(predicate::str::contains("⚠ routing number fails"));
}

#[test]
fn payment_input_is_checked() {
    let env = Env::new();
    let c = case(&env).to_string();
    let base = ["payment", "add", c.as_str(), "--method", "wire"];
    let with = |extra: &[&'static str]| base.iter().copied().chain(extra.iter().copied()).collect::<Vec<_>>();
    env.refused(&with(&["--date", "2026-02-30", "--amount", "1"]), "invalid payment date");
    env.refused(&with(&["--date", "2026-02-01", "--amount", "4,20"]), "write it like 4200, 4200.50 or 4,200.50");
    env.refused(&with(&["--date", "2026-02-01", "--amount", "4.200,00"]), "a comma after the dot reads two ways");
    env.refused(&with(&["--date", "2026-02-01", "--amount", "1", "--currency", "DOLLARS"]), "invalid currency");
    // ISO 4217 lists the code: a mistyped one is refused, a superseded one (the kuna before the euro) kept.
    env.refused(
        &with(&["--date", "2026-02-01", "--amount", "1", "--currency", "XYZ"]),
        "not an ISO 4217 code vetdesk knows",
    );
    env.ok(&with(&["--date", "2022-02-01", "--amount", "1", "--currency", "hrk"]));
    env.ok(&with(&["--date", "2026-02-01", "--amount", "1", "--currency", "KRW"]));
    // ISO 4217 gives the yen and the won no minor unit: a fraction of one was not paid as written.
    env.refused(
        &with(&["--date", "2026-02-01", "--amount", "1.50", "--currency", "JPY"]),
        "invalid amount 1.50 JPY: JPY amounts have 0 decimal places (ISO 4217)",
    );
    env.refused(&with(&["--date", "2026-02-01", "--amount", "100.5", "--currency", "KRW"]), "amount 100.50 KRW");
    env.ok(&with(&["--date", "2026-02-01", "--amount", "1500.00", "--currency", "jpy"]));
    // An account is checked as a bank-account identifier is: too short to be one is refused.
    let short = ["--date", "2026-02-01", "--amount", "1", "--account", "12"];
    env.refused(&with(&short), "account \"12\": an account number has at least 4 characters");
    env.refused(&["ident", "add", &c, "bank-account", "12"], "an account number has at least 4 characters");
    // Written in each currency's own minor unit, wherever they show.
    let listed = env.ok(&["payment", "list", &c]);
    assert!(listed.contains(" 1 KRW ") && listed.contains(" 1500 JPY ") && listed.contains(" 1.00 HRK "), "{listed}");
    let listed = env.json(&["payment", "list", &c, "--json"]);
    let amounts: Vec<_> =
        listed.as_array().unwrap().iter().map(|p| (p["amount"].clone(), p["amount_cents"].clone())).collect();
    assert_eq!(amounts, [(json!("1.00"), json!(100)), (json!("1"), json!(100)), (json!("1500"), json!(150000))]);
    let report = env.ok(&["report", &c]);
    assert!(report.contains("JPY 1,500") && !report.contains("JPY 1,500.00"), "{report}");
    // The subject paid is named, as an identifier's subject is.
    env.ok(&with(&["--date", "2026-02-02", "--amount", "2", "--subject", "1"]));
    let shown = env.ok(&["case", "show", &c]);
    assert!(shown.contains("2026-02-02 2.00 USD via wire, recipient not recorded [subject #1]"), "{shown}");
    // ISO 4217's special codes are no currency a person is paid in; the third decimal of a dinar is not kept.
    env.refused(&with(&["--date", "2026-02-01", "--amount", "1", "--currency", "XXX"]), "\"No currency\"");
    env.refused(
        &with(&["--date", "2026-02-01", "--amount", "5.555", "--currency", "BHD"]),
        "vetdesk keeps amounts to the hundredth",
    );
    env.refused(&with(&["--date", "1999-02-01", "--amount", "1", "--currency", "DEM"]), "for an older currency");
    env.refused(&with(&["--date", "2026-02-01", "--amount", "1", "--routing", "123456789"]), "routing number");
}

#[test]
fn amounts_take_thousands_separators() {
    let env = Env::new();
    let c = case(&env).to_string();
    for amount in ["4,200.00", "1,234,567.89"] {
        env.ok(&["payment", "add", &c, "--method", "wire", "--date", "2026-02-01", "--amount", amount]);
    }
    let payments: serde_json::Value = serde_json::from_str(&env.ok(&["payment", "list", &c, "--json"])).unwrap();
    let cents: Vec<i64> = payments.as_array().unwrap().iter().map(|p| p["amount_cents"].as_i64().unwrap()).collect();
    assert_eq!(cents, [420_000, 123_456_789]);
}

#[test]
fn checklist_marks_move_the_score_and_coverage() {
    let env = Env::new();
    let c = case(&env).to_string();
    let list = env.json(&["check", "list", &c, "--json"]);
    let items = list.as_array().unwrap();
    assert!(items.len() >= 60);
    assert!(items.iter().all(|i| i["state"] == "open"));

    let out =
        env.ok(&["check", "set", &c, "rf-id-01", "flagged", "--note", "Passport photo edited; EXIF shows Photoshop"]);
    assert!(out.contains("RF-ID-01 flagged"), "{out}");
    // A code typed with spaces around it is the item's code, and said as such.
    let out = env.ok(&["check", "set", &c, " dd-id-01 ", "clear"]);
    assert!(out.starts_with("DD-ID-01 clear"), "{out}");
    env.ok(&["check", "set", &c, "DD-ID-02", "na"]);

    let show = env.json(&["case", "show", &c, "--json"]);
    let weight = items.iter().find(|i| i["code"] == "RF-ID-01").unwrap()["weight"].as_u64().unwrap();
    // One fact: a strong one opens the high band (50), a moderate one the elevated band (25), a weak one
    // stays low; the score adds the fact's weight to the band's floor (README, "Risk method").
    let expected = [0, 1, 27, 53][weight as usize];
    assert_eq!(show["assessment"]["score"].as_u64().unwrap(), expected);
    assert_eq!(show["assessment"]["reviewed"], 3);
    assert_eq!(show["assessment"]["red_flags"], 1);
    let listed = env.json(&["case", "list", "--json"]);
    assert_eq!(listed["cases"][0]["risk_score"].as_u64().unwrap(), expected, "the list shows the stored score");

    let flagged = env.json(&["check", "list", &c, "--state", "flagged", "--json"]);
    assert_eq!(flagged.as_array().unwrap().len(), 1);
    assert_eq!(flagged[0]["note"], "Passport photo edited; EXIF shows Photoshop");
    assert_eq!(flagged[0]["marked_by"], "ana");

    // Changing the state without --note keeps the note.
    env.ok(&["check", "set", &c, "RF-ID-01", "clear"]);
    let entry = env.json(&["check", "list", &c, "--state", "clear", "--json"]);
    assert!(entry.as_array().unwrap().iter().any(|e| e["note"] == "Passport photo edited; EXIF shows Photoshop"));

    env.refused(&["check", "set", &c, "  RF-NOPE-01 ", "flagged"], "unknown checklist code \"RF-NOPE-01\"");
    env.usage_error(&["check", "set", &c, "RF-ID-01", "maybe"], "[possible values: open, flagged, clear, na]");
    env.refused(&["check", "set", &c, "RF-ID-01", "clear"], "already clear");
    env.refused(&["check", "set", "42", "RF-ID-01", "flagged"], "no case #42");
}

#[test]
fn evidence_is_hashed_listed_linked_and_verified() {
    let env = Env::new();
    let c = case(&env).to_string();
    let path = env.file("interview recording – Jürgen.txt", b"abc");
    let e =
        env.id(&["evidence", "add", &c, path.to_str().unwrap(), "--description", "Zoom notes", "--item", "RF-INT-01"]);
    env.ok(&["evidence", "link", &e.to_string(), "rf-id-01"]);
    let list = env.json(&["evidence", "list", &c, "--json"]);
    assert_eq!(list[0]["sha256"], "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_eq!(list[0]["size"], 3);
    assert_eq!(list[0]["path"], std::fs::canonicalize(&path).unwrap().to_str().unwrap());
    assert_eq!(list[0]["items"], serde_json::json!(["RF-ID-01", "RF-INT-01"]));
    let check = env.json(&["check", "list", &c, "--json"]);
    let linked = check.as_array().unwrap().iter().find(|i| i["code"] == "RF-INT-01").unwrap();
    assert_eq!(linked["evidence"], serde_json::json!([e]));

    env.cmd().args(["evidence", "verify"]).assert().success().stdout(predicate::str::contains("intact"));
    std::fs::write(&path, b"abd").unwrap();
    env.cmd().args(["evidence", "verify", &c]).assert().code(1).stdout(predicate::str::contains("changed"));
    std::fs::remove_file(&path).unwrap();
    let results = env.cmd().args(["evidence", "verify", "--json"]).output().unwrap();
    assert_eq!(results.status.code(), Some(1));
    let results: Value = serde_json::from_slice(&results.stdout).unwrap();
    assert_eq!(results[0]["result"], "missing");
    assert_eq!(env.json(&["evidence", "list", &c, "--json"])[0]["last_check"], "missing");

    // The summary says what the last verification found, and no longer that the originals are kept.
    let report = env.ok(&["report", &c, "--format", "text"]);
    assert!(!report.contains("original is kept"), "{report}");
    let description = env.json(&["report", &c, "--format", "json"])["description"]["value"].to_string();
    assert!(description.contains(" recorded 1 evidence file "), "a file not found is not held: {description}");
    assert!(
        report.contains("At the last verification it differed from the recorded hash or could not be found."),
        "{report}"
    );
    assert!(report.contains("missing, 20"), "the manifest shows the last check and its date: {report}");
}

#[test]
fn bad_evidence_paths_are_refused_before_anything_is_stored() {
    let env = Env::new();
    let c = case(&env).to_string();
    let missing = env.dir.path().join("nope.mp4");
    env.refused(&["evidence", "add", &c, missing.to_str().unwrap()], "no such file");
    env.refused(&["evidence", "add", &c, env.dir.path().to_str().unwrap()], "is a folder");
    let f = env.file("ok.txt", b"x");
    env.refused(&["evidence", "add", &c, f.to_str().unwrap(), "--item", "RF-NOPE-01"], "unknown checklist code");
    env.refused(&["evidence", "add", "9", f.to_str().unwrap()], "no case #9");
    env.refused(&["evidence", "link", "5", "RF-ID-01"], "no evidence #5");

    // Permissions do not stop root, so only check an unreadable file where they apply.
    let locked = env.file("locked.txt", b"secret");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&locked).is_err() {
        env.refused(&["evidence", "add", &c, locked.to_str().unwrap()], "permission denied");
    }
}

#[test]
fn notes_take_text_or_standard_input_and_are_searchable() {
    let env = Env::new();
    let c = case(&env).to_string();
    env.id(&["note", "add", &c, "Candidate refused to turn the camera on — said the webcam was broken."]);
    env.cmd().args(["note", "add", &c, "-"]).write_stdin("면접 중 카메라를 끄다.\nمرحبا بالعالم\n").assert().success();
    env.cmd().args(["note", "add", &c]).write_stdin("Laptop shipped to a freight forwarder.").assert().success();
    let notes = &env.json(&["note", "list", &c, "--json"])["notes"];
    assert_eq!(notes.as_array().unwrap().len(), 3);
    assert_eq!(notes[1]["body"], "면접 중 카메라를 끄다.\nمرحبا بالعالم");
    assert_eq!(notes[0]["author"], "ana");
    let hits = &env.json(&["note", "search", "webcam", "--json"])["notes"];
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!(hits[0]["case_id"].to_string(), c);
    env.refused(&["note", "add", &c, "   "], "needs some text");
    env.cmd()
        .args(["note", "add", &c, "-"])
        .write_stdin(vec![0xff, 0xfe])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not UTF-8"));
}

#[test]
fn every_change_is_in_the_audit_chain_and_tampering_is_found() {
    let env = Env::new();
    let c = case(&env).to_string();
    env.ok(&["note", "add", &c, "first"]);
    env.ok(&["check", "set", &c, "RF-ID-01", "flagged"]);
    env.ok(&["org", "set", "--name", "Acme Widgets"]);
    let out = env.ok(&["audit", "verify"]);
    assert!(out.starts_with("audit chain verified: 5 rows, head "), "{out}");
    let log = &env.json(&["audit", "log", "--json"])["rows"];
    let actions: Vec<&str> = log.as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["organization.update", "mark.set", "note.add", "case.create", "workspace.create"]);
    assert_eq!(env.json(&["audit", "log", "--case", &c, "--json"])["rows"].as_array().unwrap().len(), 3);

    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER audit_no_update; UPDATE audit SET details = '{\"note\":1,\"chars\":99}' WHERE id = 2;",
    )
    .unwrap();
    drop(conn);
    env.cmd().args(["audit", "verify"]).assert().code(1).stdout(predicate::str::contains("BROKEN at row 2"));
    let check = env.cmd().args(["audit", "verify", "--json"]).output().unwrap();
    let check: Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(check["chain"]["broken"][0], 2);
}

#[test]
fn organization_details_are_set_and_shown() {
    let env = Env::new();
    env.ok(&["org", "set", "--name", "Acme Widgets GmbH", "--city", "München", "--it-poc", "Sam Ops, +1 555 0100"]);
    let org = env.json(&["org", "show", "--json"]);
    assert_eq!(org["name"], "Acme Widgets GmbH");
    assert_eq!(org["city"], "München");
    assert_eq!(org["it_poc"], "Sam Ops, +1 555 0100");
    env.refused(&["org", "set"], "nothing to set");
    // A change that changes nothing is refused, as any edit's is, and leaves no row in the audit trail.
    env.refused(&["org", "set", "--name", " Acme Widgets GmbH", "--city", "München"], "already read that way");
    // Of several fields, only those whose value changes are recorded.
    env.ok(&["org", "set", "--name", "Acme Widgets GmbH", "--city", "Köln"]);
    let row = &env.json(&["audit", "log", "--limit", "1", "--json"])["rows"][0];
    assert_eq!(row["details"], json!({ "city": "Köln", "was": { "city": "München" } }));
    // Beside a setting that changes, details that already read that way are left as they are.
    env.ok(&["org", "set", "--name", "Acme Widgets GmbH", "--resume-threshold", "0.7"]);
    assert_ne!(env.json(&["audit", "log", "--limit", "1", "--json"])["rows"][0]["action"], "organization.update");
}

#[test]
fn catalog_lists_every_item_with_sources() {
    let env = Env::new();
    let catalog = env.json(&["catalog", "list", "--json"]);
    let items = catalog["items"].as_array().unwrap();
    assert!(items.iter().filter(|i| i["kind"] == "red-flag").count() >= 45);
    assert!(items.iter().filter(|i| i["kind"] == "due-diligence").count() >= 15);
    assert!(items.iter().all(|i| !i["sources"].as_array().unwrap().is_empty()));
    env.cmd().args(["catalog", "list"]).assert().success().stdout(predicate::str::contains("RF-ID-01"));
    assert!(!env.db.exists(), "listing the built-in catalog creates no workspace");
}

#[test]
fn a_case_records_its_catalog_version() {
    let env = Env::new();
    let c = case(&env).to_string();
    let version = env.json(&["catalog", "list", "--json"])["version"].clone();
    assert_eq!(env.json(&["case", "show", &c, "--json"])["case"]["catalog_version"], version);
}

#[test]
fn unknown_ids_are_named() {
    let env = Env::new();
    env.ok(&["init"]);
    env.refused(&["case", "show", "7"], "no case #7");
    env.refused(&["check", "list", "7"], "no case #7");
    env.refused(&["note", "add", "7", "x"], "no case #7");
    env.refused(&["evidence", "list", "7"], "no case #7");
    env.refused(&["subject", "edit", "7", "--name", "x"], "no subject #7");
    env.cmd()
        .args(["case", "show", "seven"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'seven'"));
}

#[test]
fn a_file_that_is_not_a_workspace_is_refused_and_left_alone() {
    let env = Env::new();
    let text = env.file("notes.txt", b"not a database at all");
    let out = env.cmd().args(["--db", text.to_str().unwrap(), "case", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a vetdesk workspace (not a SQLite database)"));
    assert_eq!(std::fs::read(&text).unwrap(), b"not a database at all");

    // Another program's database is left byte for byte as it was: its mode, its journal.
    let foreign = env.dir.path().join("other.sqlite");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
    std::fs::set_permissions(&foreign, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let before = std::fs::read(&foreign).unwrap();
    env.cmd()
        .args(["--db", foreign.to_str().unwrap(), "init"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a SQLite database but not a vetdesk workspace"));
    assert_eq!(std::fs::read(&foreign).unwrap(), before);
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&foreign).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o644);

    env.cmd()
        .args(["--db", env.dir.path().to_str().unwrap(), "init"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a folder"));
}

#[test]
fn a_workspace_from_a_newer_vetdesk_is_refused() {
    let env = Env::new();
    env.ok(&["init"]);
    rusqlite::Connection::open(&env.db).unwrap().pragma_update(None, "user_version", 999).unwrap();
    env.refused(&["case", "list"], "newer vetdesk");
}

#[test]
fn a_read_only_workspace_can_be_read_but_not_changed() {
    let env = Env::new();
    let c = case(&env).to_string();
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o400)).unwrap();
    env.ok(&["case", "show", &c]);
    env.ok(&["audit", "verify"]);
    env.refused(&["note", "add", &c, "x"], "read-only; nothing was changed");
    env.refused(&["case", "new", "y"], "read-only");
}

#[test]
fn a_malformed_config_names_the_line() {
    let env = Env::new();
    env.file("config.toml", b"investigator = \"Ana\"\ntheme = [\n");
    let out = env.cmd().args(["case", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config.toml: line"), "{err}");

    env.file("config.toml", b"investigator = \"Ana D\xc3\xadaz\"\n");
    let c = case(&env).to_string();
    env.ok(&["note", "add", &c, "x"]);
    assert_eq!(env.json(&["note", "list", &c, "--json"])["notes"][0]["author"], "Ana Díaz");
}

#[test]
fn report_writes_all_three_formats_privately_and_redacts() {
    let env = Env::new();
    let c = case(&env).to_string();
    env.ok(&["org", "set", "--name", "Acme Widgets Inc."]);
    env.ok(&["ident", "add", &c, "bank-account", "000123456789", "--subject", "1"]);
    env.ok(&["note", "add", &c, "Asked to be paid into account 000123456789 instead."]);
    env.ok(&["check", "set", &c, "RF-PAY-01", "flagged", "--note", "Asked twice for an advance"]);

    let md = env.ok(&["report", &c]);
    assert!(md.starts_with("# IC3-ready summary: case #"), "{md}");
    for section in [
        "## 1. Who is filing",
        "## 2. Complainant",
        "## 3. Financial transactions",
        "## 4. Subjects",
        "## 5. Description of incident",
        "## 6. Other information",
        "## 7. Privacy & Signature",
        "## Annex A. Checklist",
    ] {
        assert!(md.contains(section), "missing {section}");
    }
    assert!(md.contains("000123456789"));
    assert!(md.contains("Jürgen Müller"));

    let text = env.ok(&["report", &c, "--format", "text"]);
    assert!(!text.contains("## "), "plain text has no markdown headings");
    assert!(text.contains("Asked twice for an advance"));

    let json = env.json(&["report", &c, "--format", "json"]);
    assert_eq!(json["format"], "vetdesk-ic3-summary");
    assert_eq!(json["version"], 2);

    let out = env.dir.path().join("reports").join("case.md");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    env.cmd()
        .args(["report", &c, "--redact", "--output", out.to_str().unwrap()])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("wrote"));
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    assert!(!written.contains("000123456789"), "redacted everywhere, notes included");
    assert!(written.contains("6789"));

    env.refused(&["report", "77"], "no case #77");
    env.usage_error(&["report", &c, "--format", "pdf"], "pdf");
    let before = std::fs::read(&out).unwrap();
    let missing_dir = env.dir.path().join("nowhere").join("x.md");
    env.refused(&["report", &c, "--output", missing_dir.to_str().unwrap()], "nowhere");
    env.refused(
        &["report", &c, "--output", missing_dir.to_str().unwrap()],
        "x.md: cannot be written: there is no folder",
    );
    env.refused(&["report", &c, "--output", missing_dir.to_str().unwrap()], "; nothing was written");
    env.refused(&["report", &c, "--output", "/proc/vetdesk.md"], "cannot be written: no file can be made in /proc");
    assert_eq!(std::fs::read(&out).unwrap(), before);
}

#[test]
fn report_warns_about_fields_over_the_ic3_limit_without_cutting_them() {
    let env = Env::new();
    let c = case(&env).to_string();
    let long_name = "Ö".repeat(60);
    env.ok(&["subject", "add", &c, &long_name, "--role", "facilitator"]);
    env.cmd()
        .args(["report", &c])
        .assert()
        .success()
        .stdout(predicate::str::contains(long_name.as_str()))
        .stderr(predicate::str::contains("the IC3 form takes 50"));
}

#[test]
fn demo_fills_fictional_cases_that_the_other_commands_read() {
    let env = Env::new();
    env.cmd()
        .args(["demo", "--cases", "25"])
        .assert()
        .success()
        .stderr(predicate::str::contains("added 25 fictional cases"));
    let list = env.json(&["case", "list", "--json", "--limit", "100"]);
    assert_eq!(list["total"], 25);
    assert!(list["cases"].as_array().unwrap().iter().all(|c| c["title"].as_str().unwrap().starts_with("DEMO")));
    assert!(env.ok(&["audit", "verify"]).contains("26 rows"));
    env.ok(&["report", "1"]);
    env.refused(&["demo", "--cases", "0"], "--cases takes 1 to 1000000");
}

#[test]
fn report_takes_json_like_every_read_command() {
    let env = Env::new();
    let c = case(&env).to_string();
    let summary = env.json(&["report", &c, "--json"]);
    assert_eq!(summary["format"], "vetdesk-ic3-summary");
    env.usage_error(&["report", &c, "--json", "--format", "text"], "cannot be used with");
    env.refused(&["report", &c, "--json", "--output", "summary.md"], "does not match");
}
