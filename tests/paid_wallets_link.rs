//! The wallet a payment went to links as a crypto-wallet identifier does: to the same wallet paid to in
//! another case, to the same wallet recorded as an identifier, and to a roster's wallet, however its
//! letters were cased where the address carries no checksum in them. A workspace keyed before payments'
//! wallets had keys gets them when it is opened.

mod common;

use common::Env;
use vetdesk::Workspace;
use vetdesk::domain::{NewPayment, Priority};
use vetdesk::workspace::NewCase;

/// BIP-173's valid P2WPKH example, and Bitcoin's genesis address (base58check).
const BECH32: &str = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4";
const BASE58: &str = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";

fn paid(env: &Env, case: &str, wallet: &str) {
    env.ok(&[
        "payment",
        "add",
        case,
        "--date",
        "2026-03-02",
        "--amount",
        "100",
        "--method",
        "crypto",
        "--wallet",
        wallet,
    ]);
}

#[test]
fn a_wallet_paid_to_links_to_the_same_wallet_anywhere() {
    let env = Env::new();
    env.ok(&["org", "set", "--name", "Acme Corp"]);
    let [a, b, c, d] =
        ["Paid", "Holds it", "Paid too", "Another wallet"].map(|t| env.id(&["case", "new", t]).to_string());
    paid(&env, &a, BECH32);
    // Bech32 is one address in capitals or not.
    paid(&env, &c, &BECH32.to_uppercase());
    env.ok(&["ident", "add", &b, "crypto-wallet", BECH32]);
    paid(&env, &d, BASE58);

    let links = env.json(&["links", &a, "--json"]);
    let others: Vec<String> =
        links["links"].as_array().unwrap().iter().map(|l| l["other"]["held"]["case_id"].to_string()).collect();
    assert_eq!(others, [b.clone(), c.clone()], "{links}");
    assert!(
        links["links"].as_array().unwrap().iter().all(|l| l["strength"] == "strong" && l["group"] == "crypto-wallet")
    );
    assert_eq!(links["links"][0]["this"]["raw"], BECH32);
    let suggested: Vec<&str> =
        links["suggestions"].as_array().unwrap().iter().map(|s| s["code"].as_str().unwrap()).collect();
    assert!(suggested.contains(&"RF-PAY-05"), "{links}");
    // From the identifier's side too, and in the clusters.
    let from_b = env.ok(&["links", &b]);
    assert!(from_b.contains(&format!("#{a}")) && from_b.contains(&format!("#{c}")), "{from_b}");
    let all = env.ok(&["links", "--all"]);
    assert!(all.contains(&format!("#{a}")) && !all.contains(&format!("#{d}")), "{all}");
    let report = env.ok(&["report", &a]);
    assert!(
        report.contains("The same cryptocurrency wallet appears in 2 other case files held by the complainant"),
        "{report}"
    );
    // Search finds the payments too, as it finds the identifier.
    let found = env.ok(&["search", &BECH32.to_uppercase()]);
    for case in [&a, &b, &c] {
        assert!(found.contains(&format!("#{case}")), "{found}");
    }
    assert!(found.contains(&format!("payment to wallet {BECH32}")), "{found}");
    // A voided payment links no more.
    let payment = env.json(&["payment", "list", &c, "--json"])[0]["id"].to_string();
    env.ok(&["payment", "void", &payment, "--reason", "recorded in the wrong case"]);
    let links = env.json(&["links", &a, "--json"]);
    assert_eq!(links["links"].as_array().map(Vec::len), Some(1), "{links}");
    assert!(env.ok(&["links", &d]).contains("shares nothing"));
}

#[test]
fn a_rosters_wallet_meets_a_wallet_paid_to() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Paid"]).to_string();
    paid(&env, &case, BECH32);
    let roster = env.file(
        "vendors.csv",
        format!("Employee ID,Full Name,Wallet\nV1,Ann Lee,{}\nV2,Bo Kim,{BASE58}\n", BECH32.to_uppercase()).as_bytes(),
    );
    env.ok(&["roster", "import", roster.to_str().unwrap(), "--source", "vendors", "--as-of", "2026-11-30"]);
    let screened = env.ok(&["roster", "screen"]);
    assert!(screened.contains(&format!("case #{case}")) && screened.contains("Ann Lee"), "{screened}");
    assert!(!screened.contains("Bo Kim"), "{screened}");
}

/// A workspace from before payments' wallets had keys: opened, its payments are keyed, and the case list's
/// marker follows.
#[test]
fn a_workspace_keyed_before_wallets_had_keys_links_them_once_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    {
        let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
        for title in ["first", "second"] {
            ws.create_case(&NewCase { title: title.into(), priority: Priority::Medium, candidate: None }).unwrap();
        }
        for case in [1, 2] {
            let payment = NewPayment {
                paid_on: "2026-03-01".into(),
                amount_cents: 1000,
                currency: "USD".into(),
                method: "crypto".into(),
                wallet: BECH32.into(),
                ..Default::default()
            };
            ws.add_payment(case, &payment).unwrap();
        }
        assert_eq!(ws.linked_cases(&[1, 2]).unwrap().len(), 2);
    }
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "UPDATE payment SET wallet_key = NULL, key_tag = NULL;
             UPDATE case_linked SET linked = 0;
             UPDATE setting SET value = '2026.12.7.6' WHERE key = 'match_rules';",
        )
        .unwrap();
        common::head_records_from_an_older_vetdesk(&path.with_extension("keys"));
    }
    let ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let rekey =
        ws.audit_log(None, 5, 0).unwrap().into_iter().find(|e| e.action == "workspace.rekey").expect("a rekey entry");
    assert_eq!(rekey.details["payments"], 2, "{:?}", rekey.details);
    assert_eq!(ws.linked_cases(&[1, 2]).unwrap().len(), 2);
    assert_eq!(ws.links(1).unwrap().len(), 1);
}
