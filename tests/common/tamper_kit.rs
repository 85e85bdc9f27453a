//! What the tamper tests share: a workspace with a record in every table, an edit made with SQLite as
//! anyone editing the file by hand would make it (the guard triggers dropped first), and `audit verify`
//! expected to name it.

use std::path::Path;

use rusqlite::Connection;

use super::Env;

/// A workspace with a record in every table a report or a link uses: two cases sharing a phone (and a
/// decided suggestion), a subject, identifiers, a payment, marks, notes, evidence linked to an item, a
/// reference list, organization details and settings.
pub fn filled(env: &Env) -> Vec<u8> {
    let a = env.id(&["case", "new", "Backend contractor", "--subject", "Jordan Lee"]).to_string();
    let b = env.id(&["case", "new", "Mobile developer"]).to_string();
    env.ok(&["org", "set", "--name", "Acme Widgets", "--phone-country", "US"]);
    env.ok(&["ident", "add", &a, "phone", "+1 (202) 555-0143"]);
    env.ok(&["ident", "add", &b, "phone", "202-555-0143"]);
    env.ok(&["ident", "add", &a, "email", "jordan@example.com"]);
    env.ok(&["payment", "add", &a, "--date", "2026-03-01", "--amount", "4200", "--method", "wire"]);
    env.ok(&["check", "set", &a, "RF-ID-01", "flagged", "--note", "photo does not match"]);
    env.ok(&["note", "add", &a, "Camera off in every interview."]);
    let file = env.file("interview.txt", b"camera stayed off\n");
    env.ok(&["evidence", "add", &a, file.to_str().unwrap(), "--item", "RF-ID-01"]);
    env.ok(&["suggest", "dismiss", &b, "RF-COM-02", "--reason", "shared office line"]);
    let list = env.file("forwarders.txt", b"77 Harbor Rd Ste 210, Newark NJ 07105\tShipFast\n");
    env.ok(&["list", "import", "freight-forwarder", list.to_str().unwrap()]);
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
    std::fs::read(&env.db).unwrap()
}

/// Runs `sql` on the workspace as someone editing it with SQLite would: an edit of the audit trail's rows
/// drops its guard triggers first (nothing else needs to, and vetdesk refuses every change while they are
/// gone).
pub fn edit(db: &Path, sql: &str) {
    let conn = Connection::open(db).unwrap();
    let guards = if sql.to_ascii_lowercase().contains(" audit ") || sql.to_ascii_lowercase().contains(" audit\n") {
        "DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;"
    } else {
        ""
    };
    conn.execute_batch(&format!("{guards} {sql}")).unwrap();
}

/// Runs `audit verify`, expecting exit 1 and every one of `needles` in what it prints.
pub fn found(env: &Env, what: &str, needles: &[&str]) {
    let out = env.cmd().args(["audit", "verify"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{what}: not found:\n{stdout}");
    for needle in needles {
        assert!(stdout.contains(needle), "{what}: expected {needle:?} in:\n{stdout}");
    }
}

/// Runs `audit verify`, expects exit 1 and `needle` in what it prints.
pub fn verify_fails(env: &Env, needle: &str) {
    let out = env.cmd().args(["audit", "verify"]).output().expect("run");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(shown.contains(needle), "{shown}");
}
