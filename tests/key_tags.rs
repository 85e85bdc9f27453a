//! Key tags: every match key vetdesk derives is stored with this machine's tag of the derivation, so the
//! quick checks of one case need not derive it again; a tag never vouches for a key edited behind vetdesk's
//! back, and never travels in a bundle.

mod common;

use age::secrecy::ExposeSecret;
use common::Env;
use common::tamper_kit::edit;
use rusqlite::Connection;

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
    assert!(!env.ok(&["links", &c]).contains("WARNING"));

    // A phone typed without its country reads another way once the workspace has one: its key is derived
    // afresh, and tagged with the country; the other kinds do not read it and keep their tags.
    env.ok(&["org", "set", "--phone-country", "US"]);
    let after = tags(&env);
    assert_eq!(untagged(&after), []);
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
    let a = env.id(&["case", "new", "Backend contractor"]).to_string();
    let b = env.id(&["case", "new", "Mobile developer"]).to_string();
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
