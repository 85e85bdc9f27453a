//! Key tags: every match key vetdesk derives is stored with this machine's tag of the derivation, so the
//! quick checks of one case need not derive it again; a tag never vouches for a key edited behind vetdesk's
//! back, and never travels in a bundle.

mod common;

use age::secrecy::ExposeSecret;
use common::Env;
use common::tamper_kit::{edit, found};
use rusqlite::{Connection, OptionalExtension};
use vetdesk::domain::IdentifierKind;
use vetdesk::domain::identifier::Rules;
use vetdesk::store::key_tags::holds;
use vetdesk::store::payments::Keys;

/// Every identifier's and payment's tag, by table and id: `None` where there is none.
fn tags(env: &Env) -> Vec<(String, i64, Option<Vec<u8>>)> {
    let conn = Connection::open(&env.db).unwrap();
    let mut out = Vec::new();
    for table in ["identifier", "payment"] {
        let mut stmt = conn.prepare(&format!("SELECT id, key_tag FROM {table} ORDER BY id")).unwrap();
        let rows = stmt.query_map([], |r| Ok((table.to_string(), r.get(0)?, r.get(1)?))).unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

fn untagged(tags: &[(String, i64, Option<Vec<u8>>)]) -> Vec<(String, i64)> {
    tags.iter()
        .filter(|(_, _, t)| t.as_ref().is_none_or(|t| t.len() != 16))
        .map(|(t, id, _)| (t.clone(), *id))
        .collect()
}

/// The identifiers and payments whose stored tag is not the one this machine's key makes of their value
/// and keys under the workspace's rules, by table and id: the ones a quick check derives again.
fn not_vouched(env: &Env) -> Vec<(String, i64)> {
    let keyring = vetdesk::signing::Keyring::open(&env.keys());
    let key = keyring.tag_key().expect("this machine's key");
    let conn = Connection::open(&env.db).unwrap();
    let phone_country =
        conn.query_row("SELECT value FROM setting WHERE key = 'phone_country'", [], |r| r.get(0)).optional().unwrap();
    let rules = Rules { phone_country };
    let mut out = Vec::new();
    let mut stmt = conn.prepare("SELECT id, kind, raw, normalized, loose, key_tag FROM identifier").unwrap();
    let mut rows = stmt.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let kind: IdentifierKind = r.get::<_, String>(1).unwrap().parse().unwrap();
        let (raw, normalized, loose): (String, String, Option<String>) =
            (r.get(2).unwrap(), r.get(3).unwrap(), r.get(4).unwrap());
        let tag = key.identifier(&rules, kind, &raw, &normalized, loose.as_deref());
        if !holds(r.get::<_, Option<Vec<u8>>>(5).unwrap().as_deref(), &tag) {
            out.push(("identifier".to_string(), r.get(0).unwrap()));
        }
    }
    let mut stmt = conn
        .prepare(
            "SELECT id, routing_number, account, account_key, account_loose, key_tag, coalesce(wallet, ''), wallet_key
             FROM payment",
        )
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let (routing, account, wallet): (String, String, String) =
            (r.get(1).unwrap(), r.get(2).unwrap(), r.get(6).unwrap());
        let keys = Keys { account: r.get(3).unwrap(), account_loose: r.get(4).unwrap(), wallet: r.get(7).unwrap() };
        let tag = key.payment((&routing, &account, &wallet), &keys);
        if !holds(r.get::<_, Option<Vec<u8>>>(5).unwrap().as_deref(), &tag) {
            out.push(("payment".to_string(), r.get(0).unwrap()));
        }
    }
    out
}

/// Two new cases, by id.
fn two_cases(env: &Env) -> (String, String) {
    let new = |title: &str| env.id(&["case", "new", title]).to_string();
    (new("Backend contractor"), new("Mobile developer"))
}

#[test]
fn every_key_vetdesk_derives_is_tagged_and_a_new_phone_country_renews_the_phone_tags() {
    let env = Env::new();
    let c = env.id(&["case", "new", "Backend contractor"]).to_string();
    env.ok(&["ident", "add", &c, "email", "Jordan.Lee@example.com"]);
    let phone = env.id(&["ident", "add", &c, "phone", "(202) 555-0143"]).to_string();
    env.ok(&["ident", "add", &c, "bank-account", "021000021 / 12345678"]);
    let p = env
        .id(&[
            "payment",
            "add",
            &c,
            "--date",
            "2026-03-02",
            "--amount",
            "900",
            "--method",
            "wire",
            "--routing",
            "021000021",
            "--account",
            "12345678",
        ])
        .to_string();
    env.ok(&["ident", "edit", &phone, "phone", "(202) 555-0144", "--note", "typo fixed"]);
    env.ok(&[
        "payment",
        "edit",
        &p,
        "--date",
        "2026-03-02",
        "--amount",
        "900",
        "--method",
        "wire",
        "--account",
        "87654321",
    ]);
    let before = tags(&env);
    assert_eq!(before.len(), 4, "{before:?}");
    assert_eq!(untagged(&before), [], "every key derived here is tagged");
    assert_eq!(not_vouched(&env), [], "and each tag vouches for its keys");
    assert!(!env.ok(&["links", &c]).contains("WARNING"));

    // A phone typed without its country reads another way once the workspace has one: its key is derived
    // afresh, and tagged with the country; the other kinds do not read it and keep their tags.
    env.ok(&["org", "set", "--phone-country", "US"]);
    let after = tags(&env);
    assert_eq!(not_vouched(&env), [], "under the new country");
    let phone: i64 = phone.parse().unwrap();
    for ((table, id, old), (_, _, new)) in before.iter().zip(&after) {
        let is_phone = table == "identifier" && *id == phone;
        assert_eq!(old != new, is_phone, "{table} {id}: only the phone's tag is renewed");
    }
    assert!(!env.ok(&["links", &c]).contains("WARNING"));
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
}

/// A key edited to link two values that differ, given the tag of the record whose key it copies: the tag
/// names that record's value, not this one's, so the key is derived again and the links warn.
#[test]
fn a_tag_copied_with_a_key_from_another_record_does_not_vouch_for_it() {
    let env = Env::new();
    let (a, b) = two_cases(&env);
    env.ok(&["ident", "add", &a, "email", "jordan@example.com"]);
    env.ok(&["ident", "add", &b, "email", "other@example.com"]);
    assert!(!env.ok(&["links", &a]).contains("#2"), "different emails do not link");
    edit(
        &env.db,
        "UPDATE identifier SET (normalized, loose, key_tag) =
             (SELECT normalized, loose, key_tag FROM identifier WHERE raw = 'jordan@example.com')
          WHERE raw = 'other@example.com'",
    );
    let shown = env.ok(&["links", &a]);
    assert!(shown.contains("#2"), "the edited key links them: {shown}");
    assert!(shown.starts_with("WARNING: these links may not be as recorded:"), "{shown}");
    let report = env.ok(&["report", &a]);
    assert!(report.contains("> **WARNING: the record does not hold.**"), "{report}");
}

/// A bundle carries the keys but not their tags, which are the origin machine's: the machine that takes
/// the case in derives the keys and tags them with its own key.
#[test]
fn a_case_taken_in_from_a_bundle_is_tagged_by_the_machine_that_takes_it_in() {
    let (alice, bob) = (Env::new(), Env::new());
    let c = alice.id(&["case", "new", "Handover sample"]).to_string();
    alice.ok(&["ident", "add", &c, "email", "jurgen.m@example.com"]);
    alice.ok(&["ident", "add", &c, "phone", "+1 202 555 0143"]);
    alice.ok(&["payment", "add", &c, "--amount", "1250.00", "--method", "wire", "--date", "2026-03-02"]);
    // What a bundle carries of the case: its keys, not their tags.
    let rows = vetdesk::store::case_rows::dump(&Connection::open(&alice.db).unwrap(), c.parse().unwrap()).unwrap();
    for table in ["identifier", "payment"] {
        let columns = &rows[table].columns;
        assert!(columns.iter().any(|c| c == "normalized" || c == "account_key"), "{columns:?}");
        assert!(!columns.iter().any(|c| c == "key_tag"), "{columns:?}");
    }
    let identity = age::x25519::Identity::generate();
    let key = bob.file("age-key.txt", format!("{}\n", identity.to_string().expose_secret()).as_bytes());
    let bundle = alice.dir.path().join("case.vdbundle");
    let recipient = identity.to_public().to_string();
    alice.ok(&["bundle", "export", &c, "--recipient", &recipient, "--output", bundle.to_str().unwrap()]);
    let anchor = alice.ok(&["audit", "anchor"]);
    let signer = anchor[anchor.find("SHA256:").unwrap()..].split_whitespace().next().unwrap();
    let signer = signer.trim_end_matches([',', '.', ')']);
    bob.ok(&["bundle", "import", bundle.to_str().unwrap(), "--identity", key.to_str().unwrap(), "--trust", signer]);
    let (sent, taken) = (tags(&alice), tags(&bob));
    assert_eq!(taken.len(), 3, "{taken:?}");
    assert_eq!(untagged(&taken), []);
    let theirs: Vec<_> = sent.iter().map(|(_, _, t)| t.clone()).collect();
    assert!(taken.iter().all(|(_, _, t)| !theirs.contains(t)), "the receiver's tags are its own");
    assert!(!bob.ok(&["links", "1"]).contains("WARNING"));
}

/// The demo's cases are derived and tagged under the workspace's phone country, so their checks need no
/// phone rules either.
#[test]
fn demo_cases_are_tagged_under_the_workspaces_phone_country() {
    let env = Env::new();
    env.ok(&["org", "set", "--phone-country", "US"]);
    env.ok(&["demo", "--cases", "40"]);
    assert!(tags(&env).len() > 200);
    assert_eq!(not_vouched(&env), []);
}

/// The keys are derived under the settings' phone country: a country edited in with SQLite, with a key
/// edited to agree with it, is found by the quick checks, which check the settings' seal; a correction
/// does not derive and tag the edited key afresh.
#[test]
fn a_phone_country_edited_behind_vetdesks_back_is_found_by_the_quick_checks() {
    let env = Env::new();
    let (a, b) = two_cases(&env);
    env.ok(&["ident", "add", &a, "phone", "+1 202 555 0143"]);
    let other = env.id(&["ident", "add", &b, "phone", "(202) 555-0143"]).to_string();
    let strong = |shown: &str| shown.lines().any(|l| l.starts_with("strong") && l.contains("#2"));
    assert!(!strong(&env.ok(&["links", &a])), "without a country, the digits only: no strong link");
    edit(
        &env.db,
        &format!(
            "INSERT INTO setting (key, value) VALUES ('phone_country', 'US');
             UPDATE identifier SET normalized = '+12025550143' WHERE id = {other}"
        ),
    );
    let shown = env.ok(&["links", &a]);
    assert!(strong(&shown), "the edited key links them strongly: {shown}");
    assert!(shown.starts_with("WARNING: these links may not be as recorded:"), "{shown}");
    assert!(shown.contains("settings"), "{shown}");
    env.refused(&["ident", "edit", &other, "--note", "harmless"], "behind vetdesk's back");
    // Nor is a new key derived (and tagged) under the edited country.
    env.refused(&["ident", "add", &b, "phone", "202 555 0199"], "the workspace settings were changed");
    env.refused(&["demo", "--cases", "2", "--force"], "the workspace settings were changed");
    found(&env, "the edited setting", &["phone_country"]);
}

/// A new phone country re-derives every phone's key: one edited behind vetdesk's back would be erased with
/// its trace, so the change is refused while one does not follow from its value.
#[test]
fn a_new_phone_country_is_refused_while_a_phone_key_was_edited() {
    let env = Env::new();
    let a = env.id(&["case", "new", "Backend contractor"]).to_string();
    let id = env.id(&["ident", "add", &a, "phone", "(202) 555-0143"]);
    edit(&env.db, &format!("UPDATE identifier SET normalized = '+19999999999' WHERE id = {id}"));
    env.refused(&["org", "set", "--phone-country", "US"], &format!("the match key of identifier {id}"));
    found(&env, "the edited key, still there", &[&format!("identifier {id}")]);
}

/// A key of the case edited away from its value hides a link: `links` checks every key of the case, not
/// only those behind the links it shows.
#[test]
fn a_link_hidden_by_editing_the_cases_own_key_is_warned_of() {
    let env = Env::new();
    let (a, b) = two_cases(&env);
    env.ok(&["ident", "add", &a, "email", "jordan@example.com"]);
    env.ok(&["ident", "add", &b, "email", "Jordan@Example.com"]);
    assert!(env.ok(&["links", &a]).contains("#2"));
    edit(&env.db, "UPDATE identifier SET normalized = 'hidden@example.com' WHERE raw = 'jordan@example.com'");
    let shown = env.ok(&["links", &a]);
    assert!(!shown.contains("#2"), "the link is gone: {shown}");
    assert!(shown.starts_with("WARNING: these links may not be as recorded:"), "{shown}");
}

/// A key overwritten with a value of a type vetdesk never writes (bytes where it writes text) is named by
/// `audit verify`, which does not stop at it; a command that reads it says what such a value means.
#[test]
fn a_key_of_the_wrong_type_is_named_not_an_error() {
    let env = Env::new();
    let a = env.id(&["case", "new", "Backend contractor"]).to_string();
    let id = env.id(&["ident", "add", &a, "phone", "+1 202 555 0143"]);
    edit(&env.db, &format!("UPDATE identifier SET loose = X'00ff' WHERE id = {id}"));
    found(&env, "a key of bytes", &[&format!("identifier {id}")]);
    let out = env.cmd().args(["ident", "list", &a]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("changed behind vetdesk's back or is damaged; run `vetdesk audit verify`"), "{err}");
}

/// The rules version a workspace records is no sealed setting (vetdesk writes it when it re-keys): set back
/// behind vetdesk's back, it would have the next command derive every key again and erase one edited
/// meanwhile. Keys tagged here under this version show that the workspace was re-keyed to it already: the
/// version is put back, nothing is derived again, and the edited key stays for `audit verify` to name.
#[test]
fn a_rules_version_set_back_behind_vetdesks_back_re_keys_nothing() {
    let env = Env::new();
    let a = env.id(&["case", "new", "Backend contractor"]).to_string();
    let id = env.id(&["ident", "add", &a, "email", "jordan@example.com"]);
    env.ok(&["ident", "add", &a, "phone", "+1 202 555 0143"]);
    edit(
        &env.db,
        &format!(
            "UPDATE identifier SET normalized = 'other@example.com' WHERE id = {id};
             UPDATE setting SET value = '2020.1' WHERE key = 'match_rules'"
        ),
    );
    let out = env.cmd().args(["links", &a]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("match rules version this workspace records was changed behind vetdesk's back"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("WARNING: these links may not be as recorded:"));
    let log = env.ok(&["audit", "log"]);
    assert!(!log.contains("workspace.rekey"), "{log}");
    // Put back in an audited change that names the version found, so the trail keeps what was edited.
    assert!(log.contains("workspace.rules-put-back") && log.contains("\"found\":\"2020.1\""), "{log}");
    found(&env, "the edited key", &[&format!("identifier {id}")]);
}

/// The same with every key tag cleared as well, which is what a workspace from before key tags holds: this
/// machine's head record says it last wrote the workspace under today's rules, so the version set back is
/// an edit; nothing is derived again (which would erase the edited key and sign a rules upgrade that never
/// happened), and `audit verify` names the key.
#[test]
fn a_rules_version_set_back_with_every_tag_cleared_re_keys_nothing() {
    let env = Env::new();
    let a = env.id(&["case", "new", "Backend contractor"]).to_string();
    let id = env.id(&["ident", "add", &a, "email", "jordan@example.com"]);
    env.ok(&[
        "payment",
        "add",
        &a,
        "--date",
        "2026-03-01",
        "--amount",
        "10",
        "--method",
        "wire",
        "--account",
        "12345678",
    ]);
    edit(
        &env.db,
        &format!(
            "UPDATE identifier SET normalized = 'other@example.com' WHERE id = {id};
             UPDATE identifier SET key_tag = NULL; UPDATE payment SET key_tag = NULL;
             UPDATE setting SET value = '2020.1' WHERE key = 'match_rules'"
        ),
    );
    let out = env.cmd().args(["case", "list"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("match rules version this workspace records was changed behind vetdesk's back"), "{err}");
    assert!(!err.contains("deriving this workspace's match keys again"), "{err}");
    assert!(!env.ok(&["audit", "log"]).contains("workspace.rekey"));
    found(&env, "the edited key", &[&format!("identifier {id}")]);
}

/// On a workspace that cannot be written the version set back cannot be put back: it is named, by
/// `audit verify` and above what `links` shows, instead of the links of the edited key passing for recorded.
#[test]
fn a_rules_version_set_back_on_a_read_only_workspace_is_named() {
    let env = Env::new();
    let a = env.id(&["case", "new", "Backend contractor"]).to_string();
    let id = env.id(&["ident", "add", &a, "email", "jordan@example.com"]);
    edit(
        &env.db,
        &format!(
            "UPDATE identifier SET normalized = 'other@example.com' WHERE id = {id};
             UPDATE identifier SET key_tag = NULL; UPDATE setting SET value = '2020.1' WHERE key = 'match_rules'"
        ),
    );
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let set_back = "match rules version reads 2020.1 where this machine last wrote it under";
    found(&env, "the version set back", &[set_back]);
    let shown = env.ok(&["links", &a]);
    assert!(shown.starts_with("WARNING: ") && shown.contains(set_back), "{shown}");
}

/// An older copy put back is not encrypted (or decrypted) until `audit restored` accepts it, as no change
/// is made to it: the conversion signs a row and records a new head, which would bury the rollback.
#[test]
fn an_older_copy_put_back_is_not_encrypted_until_accepted() {
    let env = Env::new();
    let a = env.id(&["case", "new", "Backend contractor"]).to_string();
    let older = std::fs::read(&env.db).unwrap();
    env.ok(&["note", "add", &a, "Written after the copy was taken."]);
    std::fs::write(&env.db, older).unwrap();
    let pass = env.file("pass.txt", b"correct horse battery staple\n");
    env.refused_with(
        &[("VETDESK_PASSPHRASE_FILE", &pass)],
        &["encrypt"],
        "this workspace is not as this machine last wrote it",
    );
}

/// Re-keying writes a tag on every identifier: that must not write its search entry again (schema step
/// 23), which made a re-key at a million cases take minutes. A change to what the entry indexes does.
#[test]
fn writing_a_key_tag_leaves_the_search_index_alone() {
    let env = common::Env::new();
    let c = env.id(&["case", "new", "Backend engineer"]).to_string();
    env.ok(&["ident", "add", &c, "email", "jin.park@example.com"]);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let segments = || -> i64 { conn.query_row("SELECT count(*) FROM case_search_data", [], |r| r.get(0)).unwrap() };
    let before = segments();
    conn.execute("UPDATE identifier SET key_tag = x'00112233445566778899aabbccddeeff'", []).unwrap();
    assert_eq!(segments(), before, "a tag rewrote the search entry");
    conn.execute("UPDATE identifier SET normalized = 'jin.park2@example.com'", []).unwrap();
    assert!(segments() > before, "a changed key is indexed again");
    let hits: i64 = conn
        .query_row("SELECT count(*) FROM case_search WHERE case_search MATCH '\"jin.park2\"'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(hits, 1);
}
