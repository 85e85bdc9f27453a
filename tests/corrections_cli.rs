//! Corrections as an investigator makes them on the command line: each keeps in its audit row what it
//! replaced, and leaves when and by whom a finding was made as it was.

mod common;

use common::Env;
use serde_json::json;

fn case(env: &Env) -> i64 {
    env.id(&["case", "new", "Backend engineer (contract)", "--subject", "Jürgen Müller", "--priority", "high"])
}

#[test]
fn identifiers_and_payments_are_corrected_with_the_old_value_in_the_audit_trail() {
    let env = Env::new();
    let c = case(&env).to_string();
    let i = env.id(&["ident", "add", &c, "phone", "+1 202 555 0143"]).to_string();
    env.ok(&["ident", "edit", &i, "phone", "+1 202 555 0144", "--subject", "1", "--note", "typo fixed"]);
    let idents = env.json(&["ident", "list", &c, "--json"]);
    assert_eq!(idents[0]["normalized"], "+12025550144");
    assert_eq!(idents[0]["subject_id"], 1);
    let log = &env.json(&["audit", "log", "--limit", "1", "--json"])["rows"];
    assert_eq!(log[0]["action"], "identifier.edit");
    assert_eq!(log[0]["details"]["from"]["raw"], "+1 202 555 0143");
    env.refused(
        &["ident", "edit", &i, "phone", "+1 202 555 0144", "--subject", "1", "--note", "typo fixed"],
        "already reads",
    );
    env.refused(&["ident", "edit", &i, "routing-number", "123"], "routing number");
    env.refused(&["ident", "edit", "99", "email", "a@b.co"], "no identifier #99");
    // A payment or a hire is recorded once it has happened: the report states each date as an event.
    let far = (chrono::Utc::now().date_naive() + chrono::Days::new(3)).format("%Y-%m-%d").to_string();
    env.refused(&["payment", "add", &c, "--date", &far, "--amount", "10", "--method", "wire"], "is in the future");
    env.refused(&["subject", "edit", "1", "--hired-on", &far], "is in the future");
    let today = chrono::Utc::now().date_naive().format("%Y-%m-%d").to_string();
    env.ok(&["subject", "edit", "1", "--hired-on", &today]);
    // A new kind without a value would only re-label the value typed for the old kind.
    env.refused(&["ident", "edit", &i, "document-number"], "give its value too");
    assert_eq!(env.json(&["ident", "list", &c, "--json"])[0]["kind"], "phone");

    let p = env.id(&["payment", "add", &c, "--date", "2026-03-01", "--amount", "100", "--method", "wire"]).to_string();
    env.ok(&[
        "payment",
        "edit",
        &p,
        "--date",
        "2026-03-02",
        "--amount",
        "150.25",
        "--method",
        "ach",
        "--recipient",
        "J L",
    ]);
    let payments = env.json(&["payment", "list", &c, "--json"]);
    assert_eq!(payments[0]["amount_cents"], 15_025);
    assert_eq!(payments[0]["method"], "ach");
    let log = &env.json(&["audit", "log", "--limit", "1", "--json"])["rows"];
    assert_eq!(log[0]["details"]["from"]["amount_cents"], 10_000);
    env.refused(
        &["payment", "edit", &p, "--date", "yesterday", "--amount", "1", "--method", "wire"],
        "invalid payment date",
    );
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
}

#[test]
fn a_checklist_note_corrected_keeps_when_and_by_whom_the_item_was_marked() {
    let env = Env::new();
    let c = case(&env).to_string();
    env.ok(&["check", "set", &c, "RF-LOC-03", "flagged", "--note", "Adress changed"]);
    let marked = env.json(&["check", "list", &c, "--json"]);
    let first = marked.as_array().unwrap().iter().find(|m| m["code"] == "RF-LOC-03").unwrap().clone();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let out = env
        .cmd()
        .env("USER", "bob")
        .args(["check", "set", &c, "RF-LOC-03", "flagged", "--note", "Address changed"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let now = env.json(&["check", "list", &c, "--json"]);
    let fixed = now.as_array().unwrap().iter().find(|m| m["code"] == "RF-LOC-03").unwrap().clone();
    assert_eq!(fixed["note"], "Address changed");
    assert_eq!((&fixed["marked_by"], &fixed["marked_at"]), (&first["marked_by"], &first["marked_at"]), "{fixed}");
    // The row of the correction keeps the note it replaced, and who corrected it.
    let log = env.json(&["audit", "log", "--case", &c, "--json"]);
    let row = &log["rows"][0];
    assert_eq!((&row["actor"], &row["details"]["note_was"]), (&json!("bob"), &json!("Adress changed")), "{row}");
    // A new state is a new marking, by whoever set it.
    let out = env.cmd().env("USER", "bob").args(["check", "set", &c, "RF-LOC-03", "clear"]).output().unwrap();
    assert!(out.status.success());
    let now = env.json(&["check", "list", &c, "--json"]);
    let cleared = now.as_array().unwrap().iter().find(|m| m["code"] == "RF-LOC-03").unwrap().clone();
    assert_eq!(cleared["marked_by"], "bob");
}

#[test]
fn a_case_edit_keeps_what_it_replaced_and_refuses_control_characters() {
    let env = Env::new();
    let c = case(&env).to_string();
    env.ok(&["case", "edit", &c, "--title", "Backend engineer (vendor)", "--witnesses", "J. Doe, HR\nK. Roe, IT"]);
    let log = env.json(&["audit", "log", "--case", &c, "--json"]);
    let details = &log["rows"][0]["details"];
    assert_eq!(details["title"], "Backend engineer (vendor)");
    assert_eq!(details["was"], json!({ "title": "Backend engineer (contract)", "witnesses": "" }), "{details}");
    env.refused(&["case", "edit", &c, "--witnesses", "J. Doe\u{1b}[2J"], "witnesses takes no control characters");
    env.refused(&["case", "edit", &c, "--tags", "a\u{1b}[31m"], "a tag is one line of text");
    env.refused(&["case", "edit", &c, "--title", "Backend engineer (vendor)"], "already reads that way");
    // A subject's and the organization's corrections keep what they replaced the same way.
    env.ok(&["subject", "edit", "1", "--location", "Austin, TX"]);
    env.ok(&["subject", "edit", "1", "--location", "Phoenix, AZ", "--position", "Backend engineer"]);
    let log = env.json(&["audit", "log", "--case", &c, "--json"]);
    assert_eq!(log["rows"][0]["details"]["was"], json!({ "location": "Austin, TX", "position": "" }));
    // An alias with a comma would come back as two names: refused, as it was not typed as two.
    env.refused(&["subject", "edit", "1", "--alias", "Lee, Jordan"], "an alias cannot hold a comma");
    env.ok(&["subject", "edit", "1", "--alias", "J. Lee", "--alias", "Jay", "--alias", "J. Lee"]);
    assert_eq!(env.json(&["subject", "list", &c, "--json"])[0]["aliases"], json!(["J. Lee", "Jay"]));
    let log = env.json(&["audit", "log", "--case", &c, "--json"]);
    // Saved with nothing changed: refused, no row.
    env.refused(&["subject", "edit", "1", "--location", "Phoenix, AZ"], "subject #1 already reads that way");
    let again = env.json(&["audit", "log", "--case", &c, "--json"]);
    assert_eq!(again["rows"][0]["id"], log["rows"][0]["id"]);
    env.ok(&["org", "set", "--name", "Northwind"]);
    env.ok(&["org", "set", "--name", "Northwind Analytics"]);
    let log = env.json(&["audit", "log", "--json"]);
    assert_eq!(log["rows"][0]["details"]["was"], json!({ "name": "Northwind" }));
}

/// A changed finding: the case stays closed since it was closed, and the status change's audit row keeps
/// the finding it replaced.
#[test]
fn a_finding_changed_keeps_the_closing_date_and_the_finding_it_replaced() {
    let env = Env::new();
    let c = case(&env).to_string();
    env.ok(&["case", "status", &c, "closed", "--disposition", "confirmed"]);
    let show = env.json(&["case", "show", &c, "--json"]);
    env.ok(&["case", "status", &c, "closed", "--disposition", "cleared"]);
    let again = env.json(&["case", "show", &c, "--json"]);
    assert_eq!(again["case"]["closed_at"], show["case"]["closed_at"]);
    assert_eq!(again["case"]["disposition"], "cleared");
    let rows = env.json(&["audit", "log", "--case", &c, "--json"])["rows"].clone();
    let last = rows.as_array().unwrap().iter().find(|r| r["action"] == "case.status").unwrap().clone();
    assert_eq!(last["details"]["disposition_was"], "confirmed", "{last}");
    assert_eq!(last["details"]["disposition"], "cleared", "{last}");
}

/// A value corrected is still one the case recorded: a redacted summary or export masks it wherever the
/// case's text still writes it, as in the note of a suggestion accepted while the case held it.
#[test]
fn a_redacted_summary_masks_account_numbers_as_they_were_before_a_correction() {
    let env = Env::new();
    env.ok(&["org", "set", "--name", "Acme"]);
    let a = env.id(&["case", "new", "A", "--subject", "Ann A"]).to_string();
    let b = env.id(&["case", "new", "B", "--subject", "Bob B"]).to_string();
    env.ok(&["ident", "add", &a, "bank-account", "076401251:7712399"]);
    env.ok(&["ident", "add", &b, "bank-account", "076401251:7712399"]);
    let paid = ["--date", "2026-01-05", "--amount", "10", "--method", "wire", "--routing", "076401251"];
    env.ok(&[&["payment", "add", &a][..], &paid, &["--account", "6655443", "--swift", "SW6655443"]].concat());
    env.ok(&[&["payment", "add", &b][..], &paid, &["--account", "6655443"]].concat());
    env.ok(&["suggest", "accept", &a, "RF-PAY-05"]);
    let redacted = env.ok(&["report", &a, "--redact"]);
    assert!(redacted.contains("2399") && !redacted.contains("7712399"), "{redacted}");

    env.ok(&["ident", "edit", "1", "bank-account", "076401251:5512300"]);
    env.ok(&["payment", "edit", "1", "--account", "9988776"]);
    let exports = [
        env.ok(&["report", &a, "--redact"]),
        env.ok(&["report", &a, "--redact", "--json"]),
        env.ok(&["export", "misp", &a, "--redact"]),
        env.ok(&["export", "stix", &a, "--redact"]),
    ];
    for shown in exports {
        for secret in ["7712399", "6655443", "5512300", "9988776"] {
            assert!(!shown.contains(secret), "{secret} in:\n{shown}");
        }
    }
    // Unredacted, the note still quotes what was matched, as recorded.
    assert!(env.ok(&["report", &a]).contains("7712399"));
}

/// An identifier or payment tied to the wrong person is corrected to no subject with `--subject none`,
/// the subject it had kept in the audit row; the subject can then be voided.
#[test]
fn a_value_tied_to_the_wrong_subject_is_untied_with_subject_none() {
    let env = Env::new();
    let c = env.id(&["case", "new", "T", "--subject", "Ann A"]).to_string();
    let kev = env.id(&["subject", "add", &c, "Kev D", "--role", "facilitator"]).to_string();
    let ip = env.id(&["ident", "add", &c, "ip", "203.0.113.7", "--subject", &kev]).to_string();
    let paid = ["--date", "2026-01-05", "--amount", "10", "--method", "wire", "--subject", &kev];
    let pid = env.id(&[&["payment", "add", &c][..], &paid].concat()).to_string();
    env.refused(&["subject", "void", &kev, "--reason", "not involved"], "still has identifier");
    env.ok(&["ident", "edit", &ip, "--subject", "none"]);
    env.ok(&["payment", "edit", &pid, "--subject", "NONE"]);
    let row = &env.json(&["audit", "log", "--json", "--limit", "2"])["rows"][1];
    assert_eq!(row["details"]["from"]["subject"].to_string(), kev, "{row}");
    assert!(row["details"]["to"]["subject"].is_null(), "{row}");
    assert!(env.json(&["ident", "list", &c, "--json"])[0]["subject_id"].is_null());
    assert!(env.json(&["payment", "list", &c, "--json"])[0]["subject_id"].is_null());
    env.ok(&["subject", "void", &kev, "--reason", "not involved"]);
    env.usage_error(&["ident", "edit", &ip, "--subject", "nobody"], "or none for no subject");
}
