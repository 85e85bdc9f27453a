//! Corrections keep history: a note edited keeps every earlier text, who wrote it and who replaced it,
//! sealed and audited like any change.

mod common;

use common::Env;

#[test]
fn a_note_edited_keeps_its_earlier_texts_in_order() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor"]).to_string();
    let nid = env.id(&["note", "add", &case, "Camera off in both interviews."]).to_string();
    let out = env.ok(&["note", "edit", &nid, "Camera off in all three interviews."]);
    assert!(out.contains(&format!("note #{nid} edited")), "{out}");
    let mut edit = env.cmd();
    edit.args(["note", "edit", &nid, "-"])
        .write_stdin("Camera off in all three interviews; said the webcam was broken.\n");
    edit.assert().success();

    let history = env.json(&["note", "history", &nid, "--json"]);
    assert_eq!(history["note"]["body"], "Camera off in all three interviews; said the webcam was broken.");
    assert_eq!(history["note"]["revisions"], 2);
    let earlier: Vec<&str> =
        history["history"].as_array().unwrap().iter().map(|h| h["body"].as_str().unwrap()).collect();
    assert_eq!(earlier, ["Camera off in both interviews.", "Camera off in all three interviews."]);
    assert_eq!(history["history"][0]["written_by"], "ana");
    assert_eq!(history["history"][0]["replaced_by"], "ana");

    // Search finds the note by its text now, not by what it said before.
    let found = &env.json(&["note", "search", "broken", "--json"])["notes"];
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert!(env.json(&["note", "search", "both", "--json"])["notes"].as_array().unwrap().is_empty());

    let listed = env.ok(&["note", "list", &case]);
    assert!(listed.contains("edited (2 earlier texts)"), "{listed}");
    let log = &env.json(&["audit", "log", "--json"])["rows"];
    assert_eq!(log.as_array().unwrap().iter().filter(|r| r["action"] == "note.edit").count(), 2);
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
}

/// The summary credits an edited note's text to whoever wrote it, not to the note's first author.
#[test]
fn the_summary_names_who_wrote_an_edited_notes_text() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor"]).to_string();
    let nid = env.id(&["note", "add", &case, "Original text by ana."]).to_string();
    env.cmd().env("USER", "bob").args(["note", "edit", &nid, "Rewritten by bob."]).assert().success();
    let history = env.json(&["note", "history", &nid, "--json"]);
    let (written, edited) =
        (history["note"]["created_at"].as_str().unwrap(), history["history"][0]["replaced_at"].as_str().unwrap());
    for format in ["markdown", "text"] {
        // Text wraps the heading: compare with the line breaks and indents taken out.
        let report = env.ok(&["report", &case, "--format", format]).split_whitespace().collect::<Vec<_>>().join(" ");
        let heading =
            format!("Note #{nid}, {written}, ana; the text below is bob's edit of {edited} (1 earlier text kept)");
        assert!(report.contains(&heading), "{format}: {report}");
    }
    let never_edited = env.id(&["note", "add", &case, "Second note."]).to_string();
    let report = env.ok(&["report", &case, "--format", "text"]);
    let line = report.lines().find(|l| l.starts_with(&format!("Note #{never_edited},"))).unwrap();
    assert!(line.ends_with(", ana"), "{line}");
}

#[test]
fn a_bad_note_edit_is_one_line_and_changes_nothing() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor"]).to_string();
    let nid = env.id(&["note", "add", &case, "first"]).to_string();
    let before = common::fingerprint(&env.db);
    env.refused(&["note", "edit", &nid, "first"], "already says that");
    env.refused(&["note", "edit", &nid, "   "], "needs some text");
    env.refused(&["note", "edit", "99", "text"], "no note #99");
    assert_eq!(common::fingerprint(&env.db), before);
}

#[test]
fn an_earlier_text_edited_behind_vetdesks_back_is_found() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor"]).to_string();
    let nid = env.id(&["note", "add", &case, "first"]).to_string();
    env.ok(&["note", "edit", &nid, "second"]);
    rusqlite::Connection::open(&env.db).unwrap().execute("UPDATE note_revision SET body = 'forged'", []).unwrap();
    let out = env.cmd().args(["audit", "verify"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("note_revision"), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn an_edit_changes_only_the_fields_given() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor"]).to_string();
    let p = env
        .id(&[
            "payment",
            "add",
            &case,
            "--date",
            "2026-03-01",
            "--amount",
            "4200",
            "--method",
            "wire",
            "--bank",
            "First Bank",
            "--routing",
            "076401251",
            "--account",
            "000123456789",
            "--note",
            "March invoice",
        ])
        .to_string();
    env.ok(&["payment", "edit", &p, "--amount", "4300"]);
    let paid = &env.json(&["payment", "list", &case, "--json"])[0];
    assert_eq!(paid["amount_cents"], 430_000);
    assert_eq!((paid["bank"].as_str(), paid["account"].as_str()), (Some("First Bank"), Some("000123456789")));
    assert_eq!((paid["paid_on"].as_str(), paid["note"].as_str()), (Some("2026-03-01"), Some("March invoice")));
    env.ok(&["payment", "edit", &p, "--bank", ""]);
    assert_eq!(env.json(&["payment", "list", &case, "--json"])[0]["bank"], "");
    env.usage_error(&["payment", "add", &case, "--amount", "10"], "--date <DATE>");

    let i = env.id(&["ident", "add", &case, "email", "jin.park@example.com"]).to_string();
    env.ok(&["ident", "edit", &i, "--note", "from the offer letter"]);
    let ident = &env.json(&["ident", "list", &case, "--json"])[0];
    assert_eq!(
        (ident["raw"].as_str(), ident["note"].as_str()),
        (Some("jin.park@example.com"), Some("from the offer letter"))
    );
    env.ok(&["ident", "edit", &i, "email", "jin.park2@example.com"]);
    let ident = &env.json(&["ident", "list", &case, "--json"])[0];
    assert_eq!(
        (ident["raw"].as_str(), ident["note"].as_str()),
        (Some("jin.park2@example.com"), Some("from the offer letter"))
    );

    let log = &env.json(&["audit", "log", "--json"])["rows"];
    let edits = log.as_array().unwrap().iter().filter(|r| r["action"] == "payment.edit").count();
    assert_eq!(edits, 2, "each correction is its own audited change");
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
}

#[test]
fn demo_data_stays_apart_from_real_cases() {
    let env = Env::new();
    env.ok(&["demo", "--cases", "5"]);
    env.ok(&["demo", "--cases", "3"]);
    let own = env.id(&["case", "new", "Backend contractor"]).to_string();
    let before = common::fingerprint(&env.db);
    env.refused(&["demo", "--cases", "5"], "holds 1 case of your own");
    assert_eq!(common::fingerprint(&env.db), before, "nothing was written");
    env.ok(&["demo", "--cases", "2", "--force"]);

    let out = env.ok(&["demo", "--remove"]);
    assert!(out.contains("set 10 demo cases aside"), "{out}");
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let archived = |id: &str| -> Option<String> {
        conn.query_row("SELECT archive_reason FROM \"case\" WHERE id = ?1", [id], |r| r.get(0)).unwrap()
    };
    assert!(archived("1").unwrap().contains("demo --remove"));
    assert_eq!(archived(&own), None, "a case of the investigator's own is never set aside");
    assert!(env.ok(&["demo", "--remove"]).contains("set 0 demo cases aside"));
    assert_eq!(env.json(&["case", "list", "--json"])["total"], 1, "only the investigator's own case is listed");
    assert_eq!(env.json(&["case", "list", "--archived", "--json"])["total"], 10);
    let log = &env.json(&["audit", "log", "--json"])["rows"];
    assert!(log.as_array().unwrap().iter().any(|r| r["action"] == "demo.remove"));
    // Each archived case's own trail holds the row of no case that archived it; the case kept does not.
    let trail = |id: &str| -> Vec<String> {
        let log = env.json(&["audit", "log", "--case", id, "--json"]);
        log["rows"].as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(trail("1").first().map(String::as_str), Some("demo.remove"), "{:?}", trail("1"));
    assert!(!trail(&own).contains(&"demo.remove".to_string()), "{:?}", trail(&own));
    let text = env.ok(&["audit", "log", "--case", "10"]);
    assert!(text.contains("demo.remove") && text.contains("case.create"), "{text}");
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
}

/// A subject's audit row records the aliases as they were stored: a blank alias is no alias.
#[test]
fn a_subject_edit_audits_its_aliases_as_stored() {
    let mut ws = vetdesk::Workspace::open_in_memory("ana").unwrap();
    let case = ws
        .create_case(&vetdesk::workspace::NewCase {
            title: "Backend contractor".into(),
            priority: vetdesk::domain::Priority::Medium,
            candidate: Some("Jordan Lee".into()),
        })
        .unwrap();
    let subject = ws.subjects(case).unwrap()[0].id;
    let fields =
        vetdesk::domain::SubjectFields { aliases: Some(vec![String::new(), " J. Lee ".into()]), ..Default::default() };
    ws.edit_subject(subject, &fields).unwrap();
    assert_eq!(ws.subject(subject).unwrap().aliases, ["J. Lee"]);
    let row = &ws.audit_page(Some(case), None, 1, 0).unwrap()[0];
    assert_eq!(row.details["aliases"], serde_json::json!(["J. Lee"]), "{:?}", row.details);
}

/// A correction or a restore never makes a second copy of a value the case holds for the same subject:
/// the same refusal as `ident add`'s.
#[test]
fn a_correction_or_a_restore_makes_no_duplicate_identifier() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor", "--subject", "Ann Lee"]).to_string();
    let other = env.id(&["subject", "add", &case, "Bo Kim"]).to_string();
    let first = env.id(&["ident", "add", &case, "email", "a@example.com", "--subject", "1"]).to_string();
    let second = env.id(&["ident", "add", &case, "email", "A@Example.com", "--subject", &other]).to_string();
    env.refused(
        &["ident", "edit", &second, "--subject", "1"],
        &format!("already holds this email as identifier #{first}"),
    );
    let x = env.id(&["ident", "add", &case, "email", "x@example.com"]).to_string();
    env.ok(&["ident", "void", &x, "--reason", "typed twice"]);
    env.ok(&["ident", "add", &case, "email", "x@example.com"]);
    env.refused(&["ident", "unvoid", &x], "already holds this email");
    let report = env.ok(&["report", &case]);
    assert_eq!(report.matches("- x@example.com (no subject; email)").count(), 1, "{report}");
}

/// What a summary would state falsely is refused where it is typed: a payment of nothing, and an
/// organization email address that is not one (it goes into every summary's complainant block).
#[test]
fn a_payment_of_nothing_and_an_organization_email_that_is_none_are_refused() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor"]).to_string();
    env.refused(
        &["payment", "add", &case, "--date", "2026-03-01", "--amount", "0", "--method", "wire"],
        "a payment is of more than 0",
    );
    env.refused(&["org", "set", "--email", "notanemail"], "the organization's email address \"notanemail\"");
    env.refused(&["org", "set", "--name", "Acme\nWidgets"], "the organization's company name is one line");
    // Named as `org set --help` names it, not by its stored name.
    env.refused(&["org", "set", "--it-poc", "Sam\u{1}Ops"], "the organization's IT point of contact is one line");
    env.ok(&["org", "set", "--email", "security@acme.example"]);
}
