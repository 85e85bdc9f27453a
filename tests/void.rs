//! Voiding: a record set aside with a reason leaves links, clusters, suggestions, search, scores and the
//! summary at once, stays visible in the case view, JSON and the audit trail, and comes back on unvoid.

mod common;

use common::Env;

/// Two cases sharing a phone and a payment account, with notes, a subject and evidence linked to an item.
fn two_linked_cases(env: &Env) -> (String, String) {
    let a = env.id(&["case", "new", "Backend contractor", "--subject", "Jin Park"]).to_string();
    let b = env.id(&["case", "new", "Mobile developer"]).to_string();
    env.ok(&["ident", "add", &a, "phone", "+1 (202) 555-0143"]);
    env.ok(&["ident", "add", &b, "phone", "202-555-0143", "--note", "typed on the wrong case"]);
    for case in [&a, &b] {
        env.ok(&[
            "payment",
            "add",
            case,
            "--date",
            "2026-03-01",
            "--amount",
            "4200",
            "--method",
            "wire",
            "--routing",
            "076401251",
            "--account",
            "000123456789",
        ]);
    }
    (a, b)
}

fn linked_cases(env: &Env, case: &str) -> Vec<i64> {
    let links = env.json(&["links", case, "--json"]);
    links["links"].as_array().unwrap().iter().filter_map(|l| l["other"]["held"]["case_id"].as_i64()).collect()
}

#[test]
fn a_voided_identifier_and_payment_leave_links_and_suggestions_and_come_back() {
    let env = Env::new();
    let (a, b) = two_linked_cases(&env);
    assert_eq!(linked_cases(&env, &a), [2, 2], "the phone and the account link the cases");
    let phone_b = env.json(&["ident", "list", &b, "--json"])[0]["id"].as_i64().unwrap().to_string();
    let out = env.ok(&["ident", "void", &phone_b, "--reason", "typed on the wrong case"]);
    assert!(out.contains(&format!("identifier #{phone_b} voided in case #{b}")), "{out}");
    assert_eq!(linked_cases(&env, &a), [2], "only the account still links");
    let payment_b = env.json(&["payment", "list", &b, "--json"])[0]["id"].as_i64().unwrap().to_string();
    env.ok(&["payment", "void", &payment_b, "--reason", "entered on the wrong case"]);
    assert!(linked_cases(&env, &a).is_empty());
    let clusters = env.json(&["links", "--all", "--json"]);
    assert!(clusters["clusters"].as_array().unwrap().is_empty(), "{clusters}");
    assert!(env.json(&["suggest", "list", &a, "--json"]).as_array().unwrap().is_empty());

    // Still there, and said to be voided, in the JSON and the case view.
    let listed = env.json(&["ident", "list", &b, "--json"]);
    assert_eq!(listed[0]["reason"], "typed on the wrong case");
    assert_eq!(listed[0]["voided_by"], "ana");
    assert!(listed[0]["voided_at"].is_string());
    assert!(env.ok(&["case", "show", &b]).contains("[voided "));

    env.ok(&["ident", "unvoid", &phone_b]);
    env.ok(&["payment", "unvoid", &payment_b, "--reason", "it was this case after all"]);
    assert_eq!(linked_cases(&env, &a), [2, 2]);
    let log = &env.json(&["audit", "log", "--json"])["rows"];
    let actions: Vec<&str> = log.as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap()).collect();
    for action in ["identifier.void", "identifier.unvoid", "payment.void", "payment.unvoid"] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
}

#[test]
fn voided_records_leave_the_summary_and_search() {
    let env = Env::new();
    let (a, _) = two_linked_cases(&env);
    let nid = env.id(&["note", "add", &a, "Duplicate note about the laptop"]).to_string();
    let sid = env.id(&["subject", "add", &a, "Unrelated Person", "--role", "facilitator"]).to_string();
    let report = env.json(&["report", &a, "--format", "json"]);
    assert_eq!(report["subjects"].as_array().unwrap().len(), 2);
    let payment = env.json(&["payment", "list", &a, "--json"])[0]["id"].as_i64().unwrap().to_string();

    env.ok(&["note", "void", &nid, "--reason", "duplicate"]);
    env.ok(&["subject", "void", &sid, "--reason", "turned out to be unrelated"]);
    env.ok(&["payment", "void", &payment, "--reason", "entered twice"]);
    let report = env.json(&["report", &a, "--format", "json"]);
    let text = report.to_string();
    assert_eq!(report["subjects"].as_array().unwrap().len(), 1, "the voided subject leaves the form");
    assert!(!text.contains("Unrelated Person") && !text.contains("Duplicate note"), "voided records leave the summary");
    assert!(report["transactions"]["items"].as_array().unwrap().is_empty());
    assert!(env.json(&["note", "search", "laptop", "--json"])["notes"].as_array().unwrap().is_empty());
    let cases = env.json(&["case", "list", "--json"]);
    assert!(cases["cases"].as_array().unwrap().iter().all(|c| c["candidate"] != "Unrelated Person"));
    assert!(env.ok(&["note", "list", &a]).contains("[voided "));

    env.ok(&["note", "unvoid", &nid]);
    assert_eq!(env.json(&["note", "search", "laptop", "--json"])["notes"].as_array().unwrap().len(), 1);
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
}

#[test]
fn voided_evidence_no_longer_backs_a_finding_or_is_verified() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor"]).to_string();
    env.ok(&["check", "set", &case, "RF-ID-01", "flagged"]);
    let file = env.file("passport.txt", b"wrong file\n");
    let eid = env.id(&["evidence", "add", &case, file.to_str().unwrap(), "--item", "RF-ID-01"]).to_string();
    assert_eq!(env.json(&["case", "show", &case, "--json"])["assessment"]["backed"], 1);
    env.ok(&["evidence", "void", &eid, "--reason", "the wrong file was attached"]);
    assert_eq!(env.json(&["case", "show", &case, "--json"])["assessment"]["backed"], 0);
    std::fs::remove_file(&file).unwrap();
    env.cmd().args(["evidence", "verify"]).assert().success();
    let report = env.json(&["report", &case, "--format", "json"]);
    assert!(report["annexes"]["evidence"].as_array().unwrap().is_empty());
    let listed = env.json(&["evidence", "list", &case, "--json"]);
    assert_eq!(listed[0]["reason"], "the wrong file was attached");
    let shown = env.ok(&["evidence", "list", &case]);
    assert!(shown.contains(&format!("#{eid} voided ")) && shown.contains(": the wrong file was attached"), "{shown}");
}

#[test]
fn bad_voids_are_one_line_and_change_nothing() {
    let env = Env::new();
    let (a, _) = two_linked_cases(&env);
    let iid = env.json(&["ident", "list", &a, "--json"])[0]["id"].as_i64().unwrap().to_string();
    env.ok(&["ident", "void", &iid, "--reason", "typo"]);
    let before = common::fingerprint(&env.db);
    env.refused(&["ident", "void", &iid, "--reason", "again"], "already voided");
    env.refused(&["ident", "void", "999", "--reason", "x"], "no identifier #999");
    env.refused(&["payment", "void", "1", "--reason", "   "], "say why payment #1 is voided");
    env.refused(&["note", "unvoid", "1"], "no note #1");
    env.refused(&["payment", "unvoid", "1"], "payment #1 is not voided");
    assert_eq!(common::fingerprint(&env.db), before);
}

#[test]
fn case_search_leaves_out_voided_identifiers_and_subjects() {
    use vetdesk::domain::{IdentifierKind, Priority};
    use vetdesk::store::void::Voidable;
    let mut ws = vetdesk::Workspace::open_in_memory("ana").unwrap();
    let new = vetdesk::workspace::NewCase { title: "Contractor".into(), priority: Priority::Low, candidate: None };
    let case = ws.create_case(&new).unwrap();
    let ident = ws.add_identifier(case, IdentifierKind::Email, "zephyr.quill@example.com", None, "", false).unwrap().id;
    assert_eq!(ws.search_cases("zephyr", 10).unwrap().len(), 1);
    ws.void(Voidable::Identifier, ident, "belongs to another applicant").unwrap();
    assert!(ws.search_cases("zephyr", 10).unwrap().is_empty());
    ws.unvoid(Voidable::Identifier, ident, "").unwrap();
    assert_eq!(ws.search_cases("zephyr", 10).unwrap().len(), 1);
}

#[test]
fn an_evidence_link_is_unlinked_with_a_reason_and_linked_again() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor"]).to_string();
    env.ok(&["check", "set", &case, "RF-ID-01", "flagged"]);
    let file = env.file("photo.txt", b"edited passport photo\n");
    let eid = env.id(&["evidence", "add", &case, file.to_str().unwrap(), "--item", "RF-ID-01"]).to_string();
    let backed = |env: &Env| env.json(&["case", "show", &case, "--json"])["assessment"]["backed"].as_u64().unwrap();
    assert_eq!(backed(&env), 1);
    env.refused(&["evidence", "unlink", &eid, "RF-ID-01", "--reason", " "], "say why");
    env.ok(&["evidence", "unlink", &eid, "rf-id-01", "--reason", "the photo shows another document"]);
    assert_eq!(backed(&env), 0, "the finding is no longer backed by that file");
    let listed = env.json(&["evidence", "list", &case, "--json"]);
    assert!(listed[0]["items"].as_array().unwrap().is_empty());
    assert_eq!(listed[0]["unlinked"][0]["code"], "RF-ID-01", "the link set aside stays visible, with why");
    assert_eq!(listed[0]["unlinked"][0]["reason"], "the photo shows another document");
    let shown = env.ok(&["evidence", "list", &case]);
    assert!(
        shown.contains(&format!("#{eid} unlinked from RF-ID-01 "))
            && shown.contains(": the photo shows another document"),
        "{shown}"
    );
    env.refused(&["evidence", "unlink", &eid, "RF-ID-01", "--reason", "again"], "is not linked");
    env.ok(&["evidence", "link", &eid, "RF-ID-01"]);
    assert_eq!(backed(&env), 1);
    let log = &env.json(&["audit", "log", "--json"])["rows"];
    let actions: Vec<&str> = log.as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"evidence.unlink") && actions.contains(&"evidence.relink"), "{actions:?}");
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
}

#[test]
fn a_voided_list_matches_nothing_until_restored() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor"]).to_string();
    env.ok(&["ident", "add", &case, "address", "77 Harbor Rd Ste 210, Newark NJ 07105"]);
    let list = env.file("forwarders.txt", b"77 Harbor Rd Ste 210, Newark NJ 07105\tShipFast\n");
    env.ok(&["list", "import", "freight-forwarder", list.to_str().unwrap()]);
    let listed = |env: &Env| env.json(&["links", &case, "--json"])["links"].as_array().unwrap().len();
    assert_eq!(listed(&env), 1);
    env.refused(&["list", "void", "forwarders", "--reason", ""], "say why");
    env.ok(&["list", "void", "forwarders", "--reason", "an outdated copy"]);
    assert_eq!(listed(&env), 0);
    assert!(env.json(&["suggest", "list", &case, "--json"]).as_array().unwrap().is_empty());
    let shown = env.json(&["list", "show", "--json"]);
    assert_eq!(shown[0]["reason"], "an outdated copy");
    env.refused(&["list", "void", "forwarders", "--reason", "x"], "already voided");
    env.ok(&["list", "unvoid", "forwarders"]);
    assert_eq!(listed(&env), 1);
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
    // Imported again over a voided list, a list of its name is in force again: said, not done silently.
    env.ok(&["list", "void", "forwarders", "--reason", "superseded"]);
    let out = env.cmd().args(["list", "import", "freight-forwarder", list.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("the list it replaced had been voided") && said.contains("superseded"), "{said}");
}

/// A voided record is not edited, and nothing new is attached to it: its reason would otherwise sit beside
/// a value that was never voided. Unvoided, it takes edits again.
#[test]
fn a_voided_record_takes_no_edit_until_it_is_restored() {
    let env = Env::new();
    let (a, _) = two_linked_cases(&env);
    env.ok(&["ident", "void", "1", "--reason", "typed on the wrong case"]);
    env.refused(
        &["ident", "edit", "1", "phone", "+1 202 555 0199"],
        "identifier #1 is voided; `vetdesk ident unvoid 1` first",
    );
    env.ok(&["payment", "void", "1", "--reason", "entered twice"]);
    env.refused(&["payment", "edit", "1", "--amount", "1"], "payment #1 is voided; `vetdesk payment unvoid 1` first");
    let note = env.id(&["note", "add", &a, "first"]).to_string();
    env.ok(&["note", "void", &note, "--reason", "duplicate"]);
    env.refused(
        &["note", "edit", &note, "second"],
        &format!("note #{note} is voided; `vetdesk note unvoid {note}` first"),
    );
    env.ok(&["subject", "void", "1", "--reason", "unrelated"]);
    env.refused(
        &["subject", "edit", "1", "--position", "QA"],
        "subject #1 is voided; `vetdesk subject unvoid 1` first",
    );
    env.refused(&["ident", "add", &a, "email", "jin@example.com", "--subject", "1"], "subject #1 is voided");
    let file = env.file("cv.txt", b"resume\n");
    let eid = env.id(&["evidence", "add", &a, file.to_str().unwrap()]).to_string();
    env.ok(&["evidence", "void", &eid, "--reason", "wrong file"]);
    env.refused(&["evidence", "link", &eid, "RF-ID-01"], &format!("evidence #{eid} is voided"));
    let shown = env.ok(&["case", "show", &a]);
    assert!(shown.contains("1 evidence file (1 voided) · 1 note (1 voided)"), "{shown}");
    env.ok(&["ident", "unvoid", "1"]);
    env.ok(&["ident", "edit", "1", "phone", "+1 202 555 0199"]);
}

/// A subject is voided only once nothing is recorded against it: each of its identifiers and payments
/// either goes with it (voided) or moves to the subject it belongs to, so the summary and the links never
/// hold a value with no one to belong to.
#[test]
fn a_subject_with_records_against_it_is_voided_only_after_they_are_settled() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor", "--subject", "Jordan Lee"]).to_string();
    let wrong = env.id(&["subject", "add", &case, "Wrong Person", "--role", "facilitator"]).to_string();
    let phone = env.id(&["ident", "add", &case, "phone", "+1 602 555 0199", "--subject", &wrong]).to_string();
    let email = env.id(&["ident", "add", &case, "email", "wrong.person@example.com", "--subject", &wrong]).to_string();
    let payment = env
        .id(&[
            "payment",
            "add",
            &case,
            "--date",
            "2026-03-01",
            "--amount",
            "900",
            "--method",
            "wire",
            "--subject",
            &wrong,
        ])
        .to_string();
    let before = common::fingerprint(&env.db);
    env.refused(
        &["subject", "void", &wrong, "--reason", "wrong person, not involved"],
        &format!(
            "subject #{wrong} still has identifiers #{phone}, #{email} and payment #{payment} recorded against it"
        ),
    );
    assert_eq!(common::fingerprint(&env.db), before, "nothing was written");

    env.ok(&["ident", "void", &phone, "--reason", "the wrong person's number"]);
    env.ok(&["ident", "edit", &email, "--subject", "1"]);
    env.ok(&["payment", "void", &payment, "--reason", "paid to the wrong person"]);
    env.ok(&["subject", "void", &wrong, "--reason", "wrong person, not involved"]);
    let report = env.ok(&["report", &case]);
    assert!(!report.contains("602 555 0199") && !report.contains("Wrong Person"), "{report}");
    assert!(report.contains("wrong.person@example.com"), "the moved email stays, as Jordan Lee's: {report}");
    assert!(!report.contains("(no subject"), "{report}");
}

/// A value voided with its subject is restored only once the subject is: restored first, it would be a
/// live record of nobody that no correction can reach.
#[test]
fn a_record_of_a_voided_subject_is_restored_only_after_the_subject() {
    let env = Env::new();
    let c = env.id(&["case", "new", "Backend engineer", "--subject", "Ann Lee"]).to_string();
    let ident = env.id(&["ident", "add", &c, "email", "ann@example.com", "--subject", "1"]).to_string();
    env.ok(&["ident", "void", &ident, "--reason", "goes with the subject"]);
    env.ok(&["subject", "void", "1", "--reason", "entered twice"]);
    env.refused(
        &["ident", "unvoid", &ident],
        "is recorded against subject #1, which is voided; `vetdesk subject unvoid 1` first",
    );
    env.ok(&["subject", "unvoid", "1"]);
    env.ok(&["ident", "unvoid", &ident]);
}

/// When every payment or evidence file of a case was voided, the summary says none is in force rather
/// than that none was recorded, and an answer that money was lost with no payment left says so.
#[test]
fn a_summary_with_every_payment_and_file_voided_says_none_is_in_force() {
    let env = Env::new();
    let c = env.id(&["case", "new", "Backend contractor", "--subject", "Jane Doe"]).to_string();
    let payment =
        env.id(&["payment", "add", &c, "--date", "2026-03-01", "--amount", "1000", "--method", "wire"]).to_string();
    env.ok(&["case", "answer", &c, "money-lost", "yes"]);
    let file = env.file("offer.txt", b"offer letter\n");
    let evidence = env.id(&["evidence", "add", &c, file.to_str().unwrap()]).to_string();
    let text = env.ok(&["report", &c, "--format", "text"]);
    assert!(text.contains("holds 1 evidence file (counted once per distinct SHA-256 hash), whose hash is recorded"));
    env.ok(&["payment", "void", &payment, "--reason", "entered in error"]);
    env.ok(&["evidence", "void", &evidence, "--reason", "wrong file"]);
    let text = env.ok(&["report", &c, "--format", "text"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(!flat.contains("No payments are recorded"), "{text}");
    assert!(flat.contains("No payment is in force in this case: the one recorded was voided."), "{text}");
    assert!(flat.contains("answered that money was sent or lost, but no payment in force says how much"), "{text}");
    assert!(flat.contains("No payment is in force: 1 payment was voided, not listed."), "{text}");
    assert!(flat.contains("No evidence file is in force: the one attached was voided;"), "{text}");
    assert!(!flat.contains("attached yet"), "{text}");
    // The listings say why, under the table, as for evidence.
    let listed = env.ok(&["payment", "list", &c]);
    assert!(listed.contains(&format!("#{payment} voided ")) && listed.contains(": entered in error"), "{listed}");
}
