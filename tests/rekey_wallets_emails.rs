//! Wallets and emails in a workspace: keys derived under the 2026.11 rules are re-keyed on open, in one
//! audited step, so values the new rules recognise as one (an uppercase Cosmos address, me.com and
//! icloud.com, a decomposed letter, a Zoho +tag) link after the upgrade; a failed checksum or a malformed address is
//! refused unless kept, and then kept with its warning.

mod common;

use vetdesk::Workspace;
use vetdesk::domain::IdentifierKind;
use vetdesk::domain::Priority;
use vetdesk::workspace::NewCase;

#[test]
fn wallet_and_email_keys_from_older_rules_are_rewritten_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    let values = [
        (
            IdentifierKind::CryptoWallet,
            "COSMOS1QYPQXPQ9QCRSSZG2PVXQ6RS0ZQG3YYC5LZV7XU",
            "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu",
        ),
        (IdentifierKind::Email, "jane@me.com", "jane@icloud.com"),
        (IdentifierKind::Email, "ju\u{308}rgen@example.com", "j\u{fc}rgen@example.com"),
        // Zoho's +tags are dropped since 2026.12.2.
        (IdentifierKind::Email, "jane+hire@zoho.com", "jane@zoho.com"),
    ];
    {
        let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
        for title in ["first", "second"] {
            ws.create_case(&NewCase { title: title.into(), priority: Priority::Medium, candidate: None }).unwrap();
        }
        for (kind, old, new) in values {
            ws.add_identifier(1, kind, old, None, "", false).unwrap();
            ws.add_identifier(2, kind, new, None, "", false).unwrap();
        }
    }
    {
        // What the older rules stored for the first case's values: the uppercase address as typed,
        // me.com kept, the decomposed letter kept, the Zoho tag kept.
        let conn = rusqlite::Connection::open(&path).unwrap();
        for (_, old, _) in values {
            conn.execute(
                "UPDATE identifier SET normalized = ?1 WHERE case_id = 1 AND raw = ?2",
                [old.to_string(), old.to_string()],
            )
            .unwrap();
        }
        conn.execute("UPDATE setting SET value = '2026.11.1' WHERE key = 'match_rules'", []).unwrap();
        common::head_records_from_an_older_vetdesk(&path.with_extension("keys"));
        // Nor did they tag keys: a tag under today's rules would show the workspace was re-keyed already.
        conn.execute("UPDATE identifier SET key_tag = NULL", []).unwrap();
    }
    let ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let rekey =
        ws.audit_log(None, 5, 0).unwrap().into_iter().find(|e| e.action == "workspace.rekey").expect("a rekey entry");
    assert_eq!(rekey.details["identifiers"], 4, "{:?}", rekey.details);
    assert_eq!(rekey.details["rules"], vetdesk::store::keys::MATCH_RULES);
    let links = ws.links(1).unwrap();
    assert_eq!(links.len(), 4, "{links:#?}");
    assert!(links.iter().all(|l| l.other_case() == Some(2)));
}

#[test]
fn a_failed_checksum_or_a_malformed_email_is_refused_unless_kept_with_its_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let case = ws.create_case(&NewCase { title: "c".into(), priority: Priority::Medium, candidate: None }).unwrap();
    let cases = [
        (IdentifierKind::CryptoWallet, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "fails its checksum"),
        (IdentifierKind::CryptoWallet, "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", "fails its checksum"),
        (IdentifierKind::CryptoWallet, "0x52908400098527886E0F7030069857D2E4169Ee7", "EIP-55"),
        (IdentifierKind::Email, "ja..ne@gmail.com", "two dots in a row"),
        (IdentifierKind::Email, "jane@-bad.com", "hyphen"),
    ];
    for (kind, value, why) in cases {
        let err = ws.add_identifier(case, kind, value, None, "", false).unwrap_err().to_string();
        assert!(err.contains(why) && err.contains("--keep-invalid"), "{value}: {err}");
        let kept = ws.add_identifier(case, kind, value, None, "", true).unwrap();
        assert!(kept.warning.as_deref().is_some_and(|w| w.contains(why)), "{value}: {:?}", kept.warning);
    }
}

/// A workspace a newer vetdesk re-keyed is not re-keyed back under older rules: every command says to use
/// the newer vetdesk, and nothing is written.
#[test]
fn keys_a_newer_vetdesk_derived_are_not_derived_back() {
    let env = common::Env::new();
    env.ok(&["case", "new", "Backend engineer"]);
    rusqlite::Connection::open(&env.db)
        .unwrap()
        .execute("UPDATE setting SET value = '2099.1' WHERE key = 'match_rules'", [])
        .unwrap();
    env.refused(&["case", "list"], "match keys were derived by a newer vetdesk (match rules 2099.1");
    env.refused(&["note", "add", "1", "x"], "use that vetdesk or a newer one");
}

/// A re-key after an upgrade runs before anything else is shown: the command line says so first, then how
/// far it has come.
#[test]
fn a_re_key_says_so_before_it_starts_and_how_far_it_came() {
    let env = common::Env::new();
    let c = env.id(&["case", "new", "Backend engineer"]).to_string();
    env.ok(&["ident", "add", &c, "bank-account", "GB82 WEST 1234 5698 7654 32"]);
    // As an older vetdesk left it: its rules version, and no key tags (tags under today's rules would show
    // the version was set back behind vetdesk's back).
    rusqlite::Connection::open(&env.db)
        .unwrap()
        .execute_batch(
            "UPDATE setting SET value = '2026.12.2' WHERE key = 'match_rules';
             UPDATE identifier SET key_tag = NULL; UPDATE payment SET key_tag = NULL;",
        )
        .unwrap();
    common::head_records_from_an_older_vetdesk(&env.keys());
    let out = env.cmd().args(["case", "list"]).output().unwrap();
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    let note = said.find("deriving this workspace's match keys again, from rules 2026.12.2 to").expect("the note");
    let done = said.find("re-keying: 100% of the identifiers and payments").expect("the progress");
    assert!(note < done, "{said}");
    // Once: the next command re-keys nothing and says nothing of it.
    let again = env.cmd().args(["case", "list"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&again.stderr).contains("re-keying"));
}

/// A copy put back behind the head this machine recorded is not written until it is accepted, so its keys
/// are not derived again under today's rules either: every command says the links use the keys it holds,
/// until `audit restored` accepts it; the next command then re-keys it.
#[test]
fn a_copy_put_back_says_its_keys_are_older_until_it_is_accepted_and_is_then_re_keyed() {
    let env = common::Env::new();
    let c = env.id(&["case", "new", "Backend engineer"]).to_string();
    env.ok(&["ident", "add", &c, "email", "jordan@example.com"]);
    rusqlite::Connection::open(&env.db)
        .unwrap()
        .execute_batch(
            "UPDATE setting SET value = '2026.12.2' WHERE key = 'match_rules';
             UPDATE identifier SET key_tag = NULL; UPDATE payment SET key_tag = NULL;",
        )
        .unwrap();
    let older = std::fs::read(&env.db).unwrap();
    // The next command re-keys it and writes on; then the older copy is put back.
    env.ok(&["note", "add", &c, "Camera off again."]);
    std::fs::write(&env.db, &older).unwrap();
    let out = env.cmd().args(["case", "list"]).output().unwrap();
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("match keys were derived under rules 2026.12.2, not under this vetdesk's rules"), "{said}");
    assert!(said.contains("once the copy put back is accepted with `vetdesk audit restored`"), "{said}");
    assert!(!said.contains("deriving this workspace's match keys again"), "{said}");
    env.ok(&["audit", "restored", "--reason", "backup put back after a disk failure"]);
    let out = env.cmd().args(["case", "list"]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("deriving this workspace's match keys again, from rules 2026.12.2"), "{said}");
    assert!(!said.contains("not under this vetdesk's rules"), "{said}");
}
