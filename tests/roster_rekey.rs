//! Roster keys follow the matching rules: a snapshot keyed under older rules is re-keyed when this vetdesk
//! opens the workspace, in the same audited step as the case identifiers, and a phone-country change
//! re-keys roster phones with case phones. Each snapshot stays sealed: `audit verify` holds after the
//! re-key, and still names a roster key edited behind vetdesk's back.

mod common;

use std::path::Path;

use vetdesk::Workspace;
use vetdesk::roster::{HitKind, ImportOptions};
use vetdesk::store::audit::{self, Entry};
use vetdesk::store::seal::Scope;

/// Two workers with one London number (Ofcom's drama range), written with and without the trunk 0, and a
/// third with another number.
const ROSTER: &str = "Employee ID,Full Name,Phone\n\
                      E1,Ann Lee,+44 20 7946 0018\n\
                      E2,Bo Kim,+44 (0)20 7946 0018\n\
                      E3,Cy Roe,+44 20 7946 0019\n";

/// The key the older rules are taken to have given E2's number: the trunk 0 kept.
const OLD_KEY: &str = "+4402079460018";

fn import(ws: &mut Workspace, dir: &Path, text: &str) {
    let file = dir.join("payroll.csv");
    std::fs::write(&file, text).unwrap();
    let options =
        ImportOptions { source: Some("payroll".into()), as_of: Some("2026-11-01".into()), ..ImportOptions::default() };
    ws.roster_import(&file, &options, false).unwrap();
}

/// The people of each shared-phone hit.
fn shared_phones(ws: &Workspace) -> Vec<Vec<String>> {
    ws.roster_screen()
        .unwrap()
        .into_iter()
        .filter(|h| h.kind == HitKind::Shared && h.reason.contains("phone"))
        .map(|h| h.people.iter().map(|m| m.person.clone()).collect())
        .collect()
}

fn key_of(path: &Path, person: &str) -> String {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("SELECT normalized FROM roster_value WHERE person = ?1 AND field = 'phone'", [person], |r| r.get(0))
        .unwrap()
}

/// What an older vetdesk left: E2's phone keyed under its rules, and the snapshot sealed over that key by
/// a signed audit row, as its import would have sealed it.
fn keyed_by_older_rules(path: &Path) {
    let keys = common::keys_beside(path);
    let mut conn = rusqlite::Connection::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    tx.execute("UPDATE roster_value SET normalized = ?1 WHERE person = 'E2' AND field = 'phone'", [OLD_KEY]).unwrap();
    let details = serde_json::json!({ "snapshot": 1 });
    let entry =
        Entry { at: "2026-11-01T09:00:00Z", actor: "ana", action: "roster.import", case_id: None, details: &details };
    audit::append(&tx, keys.signer().unwrap(), &entry, &[Scope::Roster(1)]).unwrap();
    tx.commit().unwrap();
}

fn rules_version(path: &Path, version: &str) {
    rusqlite::Connection::open(path)
        .unwrap()
        .execute("UPDATE setting SET value = ?1 WHERE key = 'match_rules'", [version])
        .unwrap();
    common::head_records_from_an_older_vetdesk(&path.with_extension("keys"));
}

#[test]
fn roster_keys_from_older_rules_are_rekeyed_on_open_and_the_snapshot_stays_sealed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    {
        let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
        import(&mut ws, dir.path(), ROSTER);
        assert_eq!(shared_phones(&ws), [["E1", "E2"]], "today's rules read both numbers as one");
    }
    keyed_by_older_rules(&path);
    {
        let ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
        assert!(shared_phones(&ws).is_empty(), "the older key misses the shared phone");
        assert!(ws.verify_audit().unwrap().holds(), "{}", ws.verify_audit().unwrap().headline());
    }
    rules_version(&path, "2026.11.1");

    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    assert!(ws.take_notices().iter().all(|n| !n.contains("roster")));
    let rekey =
        ws.audit_log(None, 5, 0).unwrap().into_iter().find(|e| e.action == "workspace.rekey").expect("a rekey entry");
    assert_eq!(rekey.details["roster_values"], 1, "{:?}", rekey.details);
    assert_eq!(rekey.details["roster_snapshots"], serde_json::json!([1]), "{:?}", rekey.details);
    assert_eq!(rekey.details["identifiers"], 0, "{:?}", rekey.details);
    assert_eq!(key_of(&path, "E2"), key_of(&path, "E1"));
    assert_eq!(shared_phones(&ws), [["E1", "E2"]], "found once re-keyed");
    let check = ws.verify_audit().unwrap();
    assert!(check.holds(), "{}", check.headline());
    drop(ws);

    // The re-keyed key is sealed like the rest of the snapshot.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("UPDATE roster_value SET normalized = '+442079460019' WHERE person = 'E1' AND field = 'phone'", [])
        .unwrap();
    let ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let check = ws.verify_audit().unwrap();
    assert!(!check.holds());
    assert!(check.findings.iter().any(|f| f.scope == "roster:1"), "{}", check.headline());
}

#[test]
fn a_snapshot_edited_behind_vetdesks_back_is_not_rekeyed_and_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    {
        let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
        import(&mut ws, dir.path(), ROSTER);
    }
    // The old key written without a seal: an edit, not something vetdesk wrote.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE roster_value SET normalized = ?1 WHERE person = 'E2' AND field = 'phone'", [OLD_KEY]).unwrap();
    drop(conn);
    rules_version(&path, "2026.11.1");

    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let notices = ws.take_notices();
    assert!(notices.iter().any(|n| n.contains("roster:1") && n.contains("audit verify")), "{notices:?}");
    let rekey = ws.audit_log(None, 5, 0).unwrap().into_iter().find(|e| e.action == "workspace.rekey").unwrap();
    assert_eq!(rekey.details["roster_snapshots_skipped"], serde_json::json!([1]), "{:?}", rekey.details);
    assert_eq!(rekey.details["roster_values"], 0);
    assert_eq!(key_of(&path, "E2"), OLD_KEY, "left as found");
    let check = ws.verify_audit().unwrap();
    assert!(check.findings.iter().any(|f| f.scope == "roster:1"), "{}", check.headline());
}

#[test]
fn a_phone_country_change_rekeys_roster_phones_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    ws.set_phone_country(None).unwrap();
    import(
        &mut ws,
        dir.path(),
        "Employee ID,Full Name,Phone\nE1,Ann Lee,+44 20 7946 0018\nE2,Bo Kim,020 7946 0018\nE3,Cy Roe,020 7946 0019\n",
    );
    assert!(shared_phones(&ws).is_empty(), "without a country, 020 7946 0018 is not known to be British");
    ws.set_phone_country(Some("GB")).unwrap();
    assert_eq!(shared_phones(&ws), [["E1", "E2"]]);
    let change = ws.audit_log(None, 1, 0).unwrap().remove(0);
    assert_eq!(change.action, "settings.phone-country");
    assert_eq!(change.details["roster_phones_rekeyed"], 2, "{:?}", change.details);
    let check = ws.verify_audit().unwrap();
    assert!(check.holds(), "{}", check.headline());
}
