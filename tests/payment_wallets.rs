//! A payment's wallets (the recipient wallet and the IC3 originating wallet) get a crypto-wallet
//! identifier's checks, and a failed one is treated as a payment's failed routing number is: the payment
//! is refused with one line and exit 2, and a wallet given that way is recorded as a crypto-wallet
//! identifier kept with `--keep-invalid`, whose warning `case show`, `ident list` and the report show.
//! Vectors: BIP-173's valid P2WPKH address with its last character changed; EIP-55's own example with
//! one capital made small.

mod common;

use common::Env;
use predicates::prelude::*;

/// BIP-173's mainnet P2WPKH test vector, and the same with its last character changed.
const BECH32: &str = "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4";
const BECH32_TYPO: &str = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5";
/// EIP-55's first example, and the same with one letter's case wrong.
const EIP55: &str = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
const EIP55_WRONG_CASE: &str = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";

fn crypto_payment<'a>(case: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["payment", "add", case, "--date", "2026-03-10", "--amount", "1250", "--method", "crypto"];
    args.extend_from_slice(extra);
    args
}

#[test]
fn a_payment_with_a_mistyped_wallet_is_refused_like_a_failed_routing_number() {
    let env = Env::new();
    let c = env.id(&["case", "new", "Contract developer"]).to_string();
    // Refused, one line, exit 2, nothing written (Env::refused checks all four).
    env.refused(&crypto_payment(&c, &["--wallet", BECH32_TYPO]), "bech32 address fails its checksum");
    env.refused(&crypto_payment(&c, &["--wallet", EIP55_WRONG_CASE]), "fails its EIP-55 checksum");
    env.refused(
        &crypto_payment(&c, &["--originating-wallet", BECH32_TYPO]),
        "originating wallet \"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5\": bech32 address fails its checksum",
    );
    env.refused(
        &crypto_payment(&c, &["--wallet", EIP55_WRONG_CASE]),
        "record it as a crypto-wallet identifier with --keep-invalid",
    );
    // A routing number's refusal reads the same way, naming the routing number once.
    env.refused(
        &crypto_payment(&c, &["--routing", "076401252"]),
        "routing number \"076401252\": fails the ABA checksum; record it as a routing-number identifier",
    );

    // Valid wallets are recorded: a bech32 address lowercased, as its identifier key is; an EIP-55
    // address with its checksum capitals, as the form files it.
    let p = env.id(&crypto_payment(&c, &["--wallet", BECH32, "--originating-wallet", EIP55])).to_string();
    let rows = env.json(&["payment", "list", &c, "--json"]);
    assert_eq!(rows[0]["wallet"], BECH32.to_lowercase());
    assert_eq!(rows[0]["originating_wallet"], EIP55);

    // A correction is checked too, and leaves the payment as it was.
    let edit = ["payment", "edit", &p, "--date", "2026-03-10", "--amount", "1250", "--method", "crypto"];
    env.refused(&[&edit[..], &["--wallet", BECH32_TYPO]].concat(), "bech32 address fails its checksum");
    env.refused(&[&edit[..], &["--originating-wallet", EIP55_WRONG_CASE]].concat(), "EIP-55");
    assert_eq!(env.json(&["payment", "list", &c, "--json"])[0]["wallet"], BECH32.to_lowercase());

    // The way past it: the wallet as given, recorded as an identifier with --keep-invalid, its warning
    // shown wherever a kept routing number's is.
    env.cmd()
        .args(["ident", "add", &c, "crypto-wallet", EIP55_WRONG_CASE, "--keep-invalid"])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: recorded with a failed check"));
    let idents = env.json(&["ident", "list", &c, "--json"]);
    assert!(idents[0]["warning"].as_str().unwrap().contains("EIP-55"), "{idents}");
    env.cmd()
        .args(["case", "show", &c])
        .assert()
        .stdout(predicate::str::contains("⚠ Ethereum address fails its EIP-55"));
    env.cmd()
        .args(["report", &c, "--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Ethereum address fails its EIP-55 checksum"));
}

#[test]
fn case_show_and_payment_list_say_which_wallet_a_payment_went_to() {
    let env = Env::new();
    let c = env.id(&["case", "new", "Contract developer"]).to_string();
    env.ok(&crypto_payment(&c, &["--wallet", BECH32, "--money-sent", "no"]));
    env.ok(&["payment", "add", &c, "--date", "2026-03-11", "--amount", "10", "--method", "wire"]);
    let wallet = BECH32.to_lowercase();
    let shown = env.ok(&["case", "show", &c]);
    // A wallet is where the money went: not "recipient not recorded", and "money not sent" as the report says it.
    assert!(
        shown.contains(&format!("1250.00 USD via crypto to wallet {wallet} (recorded as money not sent)")),
        "{shown}"
    );
    assert!(shown.contains("10.00 USD via wire, recipient not recorded\n"), "{shown}");
    // A peer-to-peer transfer's receiving account and a gift card's recipient are where the money went too.
    let p2p = ["--method", "p2p", "--p2p-app", "Zelle", "--recipient-account-identifier", "jane.doe@gmail.com"];
    env.ok(&[&["payment", "add", &c, "--date", "2026-03-12", "--amount", "20"][..], &p2p].concat());
    let card = ["--method", "gift-card", "--gift-card-type", "Apple", "--recipient-identifier", "(202) 555-0188"];
    env.ok(&[&["payment", "add", &c, "--date", "2026-03-13", "--amount", "30"][..], &card].concat());
    let shown = env.ok(&["case", "show", &c]);
    assert!(shown.contains("20.00 USD via p2p to account identifier jane.doe@gmail.com\n"), "{shown}");
    assert!(shown.contains("30.00 USD via gift-card to recipient identifier (202) 555-0188\n"), "{shown}");
    // And whose name an account is in.
    let wire = ["--method", "wire", "--account", "87654321", "--name-on-account", "Holder Name"];
    env.ok(&[&["payment", "add", &c, "--date", "2026-03-14", "--amount", "40"][..], &wire].concat());
    let shown = env.ok(&["case", "show", &c]);
    assert!(shown.contains("40.00 USD via wire to account 87654321 in the name of Holder Name\n"), "{shown}");
    let listed = env.ok(&["payment", "list", &c]);
    assert!(listed.lines().next().unwrap().ends_with("WALLET"), "{listed}");
    assert!(listed.contains(&wallet), "{listed}");
}
