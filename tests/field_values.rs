//! Values typed into fields, kept as typed or refused in one line: a subject's hire stage and date cleared,
//! multi-line answers pasted from Windows, a roster window too long to count back, an identifier the case
//! already holds.

mod common;

use common::Env;

#[test]
fn a_subjects_hire_stage_and_date_can_be_cleared() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor", "--subject", "Jordan Lee"]).to_string();
    let subject = env.json(&["subject", "list", &case, "--json"])[0]["id"].as_i64().unwrap().to_string();
    env.ok(&["subject", "edit", &subject, "--stage", "applicant", "--hired-on", "2026-01-05"]);
    let shown = &env.json(&["subject", "list", &case, "--json"])[0];
    assert_eq!((shown["hire_stage"].as_str(), shown["hired_on"].as_str()), (Some("applicant"), Some("2026-01-05")));
    env.ok(&["subject", "edit", &subject, "--stage", "none", "--hired-on", ""]);
    let shown = &env.json(&["subject", "list", &case, "--json"])[0];
    assert!(shown["hire_stage"].is_null() && shown["hired_on"].is_null(), "{shown}");
    // The audit row says what was cleared, apart from a field not given.
    let row = &env.json(&["audit", "log", "--limit", "1", "--json"])["rows"][0]["details"];
    assert_eq!((row["hire_stage"].as_str(), row["hired_on"].as_str()), (Some("none"), Some("")), "{row}");
    assert!(row["position"].is_null());
    env.refused(&["subject", "edit", &subject, "--stage", "none"], "already reads that way");
}

#[test]
fn multi_line_answers_take_windows_line_breaks_and_name_a_lone_carriage_return() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor"]).to_string();
    let text = "Laptop revoked.\r\nPayroll stopped.\r\n";
    let out = env.cmd().args(["case", "answer", &case, "containment", "-"]).write_stdin(text).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    env.ok(&["case", "edit", &case, "--witnesses", "Ana Ruiz\r\nLee Park"]);
    env.refused(&["case", "edit", &case, "--witnesses", "Ana\rLee"], "this one holds a carriage return (U+000D)");
}

#[test]
fn the_roster_bank_window_is_bounded() {
    let env = Env::new();
    env.refused(&["org", "set", "--roster-bank-days", "3000000"], "the bank-change window is at most 36525 days");
    env.ok(&["org", "set", "--roster-bank-days", "36525"]);
}

/// Upgrading a case that already follows the current catalog is nothing to do, not an error.
#[test]
fn upgrading_a_current_case_is_nothing_to_do() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor"]).to_string();
    let said = env.ok(&["case", "upgrade", &case]);
    assert!(said.contains("already follows catalog") && said.contains("nothing to do"), "{said}");
}

/// Tags are kept once each, in the order first given, without the spaces around them.
#[test]
fn tags_are_kept_once_each() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor"]).to_string();
    env.ok(&["case", "edit", &case, "--tags", "a,,b, c ,a,A"]);
    let tags = env.json(&["case", "show", &case, "--json"])["case"]["tags"].clone();
    assert_eq!(tags, serde_json::json!(["a", "b", "c", "A"]));
}

/// The same value for the same subject, or for the case and a subject of it, is recorded once (the summary
/// would list it twice), whichever way it was typed; for another subject of the case it is a finding, and is
/// recorded.
#[test]
fn the_same_identifier_for_the_same_subject_is_refused_once_recorded() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor", "--subject", "Jordan Lee"]).to_string();
    let first = env.id(&["ident", "add", &case, "phone", "+1 202 555 0143", "--subject", "1"]).to_string();
    env.refused(
        &["ident", "add", &case, "phone", "+1 (202) 555-0143", "--subject", "1"],
        &format!(
            "case #{case} already holds this phone as identifier #{first} (+1 202 555 0143), for the same subject"
        ),
    );
    // The case's own value and a subject's are one value too, either way round.
    env.refused(
        &["ident", "add", &case, "phone", "+1 202.555.0143"],
        &format!("case #{case} already holds this phone as identifier #{first} (+1 202 555 0143), for subject #1;"),
    );
    let other = env.id(&["subject", "add", &case, "Kevin Doyle", "--role", "facilitator"]).to_string();
    env.ok(&["ident", "add", &case, "phone", "+1 (202) 555-0143", "--subject", &other]);
    env.ok(&["ident", "void", &first, "--reason", "typed for the wrong subject"]);
    env.ok(&["ident", "add", &case, "phone", "+1 202 555 0143", "--subject", "1"]);
    let email = env.id(&["ident", "add", &case, "email", "jordan.lee@example.com"]).to_string();
    env.refused(
        &["ident", "add", &case, "email", "Jordan.Lee@example.com", "--subject", "1"],
        &format!(
            "as identifier #{email} (jordan.lee@example.com), for no subject (`vetdesk ident edit {email} --subject N`"
        ),
    );
}
