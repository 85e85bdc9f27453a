//! The IC3 form's answers and the payment's transaction fields, through the CLI.

mod common;

use common::Env;
use predicates::prelude::*;

fn case(env: &Env) -> String {
    env.id(&["case", "new", "Backend engineer (contract)", "--subject", "Jin Park"]).to_string()
}

#[test]
fn answers_are_set_listed_and_cleared() {
    let env = Env::new();
    let c = case(&env);
    assert_eq!(env.ok(&["case", "answer", &c, "affected", "YES"]), format!("case #{c}: affected = yes\n"));
    env.ok(&["case", "answer", &c, "previous-complaint", "I2502281234567"]);
    env.cmd()
        .args(["case", "answer", &c, "harm", "-"])
        .write_stdin("Two teams lost access\nfor a week.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("harm = Two teams lost access / for a week."));

    let all = env.json(&["case", "answers", &c, "--json"]);
    let rows = all["answers"].as_array().unwrap();
    assert_eq!(rows.len(), 10, "every question, answered or not");
    let row = |f: &str| rows.iter().find(|r| r["field"] == f).unwrap().clone();
    assert_eq!(row("affected")["value"], "yes");
    assert_eq!(row("affected")["question"], "Were you the one affected in this incident?");
    assert_eq!(row("harm")["value"], "Two teams lost access\nfor a week.");
    assert!(row("money-lost")["value"].is_null());
    env.cmd().args(["case", "answers", &c]).assert().success().stdout(predicate::str::contains("(unanswered)"));
    let show = env.json(&["case", "show", &c, "--json"]);
    assert_eq!(show["answers"][0]["field"], "affected");
    assert_eq!(show["answers"][0]["answered_by"], row("affected")["answered_by"]);
    env.cmd().args(["case", "show", &c]).assert().success().stdout(predicate::str::contains("affected = yes"));

    let audit = &env.json(&["audit", "log", "--case", &c, "--json"])["rows"];
    let answer = audit.as_array().unwrap().iter().find(|r| r["action"] == "case.answer").unwrap().clone();
    assert!(answer["details"]["answers"][0]["field"].is_string(), "{answer}");

    assert_eq!(env.ok(&["case", "answer", &c, "affected", "unset"]), format!("case #{c}: affected cleared\n"));
    let report = env.json(&["report", &c, "--format", "json"]);
    assert_eq!(report["filer"]["affected"]["value"], "");
    assert_eq!(report["other_information"]["previous_complaint"]["value"], "I2502281234567");
}

#[test]
fn a_bad_answer_is_one_line_and_changes_nothing() {
    let env = Env::new();
    let c = case(&env);
    env.ok(&["case", "answer", &c, "update", "no"]);
    env.refused(&["case", "answer", &c, "update", "maybe"], "update takes yes, no, unknown");
    env.refused(&["case", "answer", &c, "update", "no"], "already answers update that way");
    env.refused(&["case", "answer", &c, "previous-complaint", "I25\nI26"], "one line");
    // A control character is named as such, in a field of many lines too, not called a line break.
    env.refused(&["case", "answer", &c, "previous-complaint", "I25\u{1b}[2J"], "holds the control character U+001B");
    env.refused(&["case", "answer", &c, "harm", "Lost\u{1b}[2J data"], "holds the control character U+001B");
    env.refused(&["case", "answer", "99", "update", "yes"], "99");
    env.usage_error(&["case", "answer", &c, "lost-money", "yes"], "invalid value 'lost-money'");
}

#[test]
fn payments_carry_the_forms_transaction_fields() {
    let env = Env::new();
    let c = case(&env);
    let p = env
        .id(&[
            "payment",
            "add",
            &c,
            "--date",
            "2025-02-20",
            "--amount",
            "900",
            "--method",
            "crypto",
            "--recipient",
            "Jin Park",
            "--name-on-account",
            "J. Park Holdings",
            "--swift",
            "BAD-SWIFT",
            "--originating-bank",
            "Pacific Commerce Bank",
            "--originating-account",
            "4400112233",
            "--wallet",
            "TQ5NZ3bq6ZXvH9yQd7Pp9VgLr8Y3G2Grb1",
            "--tx-hash",
            "9f2c4e7a",
        ])
        .to_string();
    let payments = env.json(&["payment", "list", &c, "--json"]);
    assert_eq!(payments[0]["wallet"], "TQ5NZ3bq6ZXvH9yQd7Pp9VgLr8Y3G2Grb1");
    assert_eq!(payments[0]["swift"], "BAD-SWIFT", "kept as given");
    assert_eq!(payments[0]["originating_account"], "4400112233");
    let audit = &env.json(&["audit", "log", "--case", &c, "--json"])["rows"];
    let added = audit.as_array().unwrap().iter().find(|r| r["action"] == "payment.add").unwrap().clone();
    assert_eq!(added["details"]["tx_hash"], "9f2c4e7a");
    assert_eq!(added["details"]["name_on_account"], "J. Park Holdings");

    let report = env.json(&["report", &c, "--format", "json"]);
    assert_eq!(report["format_problems"][0]["value"], "BAD-SWIFT");
    assert_eq!(report["transactions"]["items"][0]["tx_hash"]["value"], "9f2c4e7a");

    env.refused(
        &[
            "payment",
            "edit",
            &p,
            "--date",
            "2025-02-20",
            "--amount",
            "900",
            "--method",
            "crypto",
            "--wallet",
            "a\u{7}b",
        ],
        "one line",
    );
    env.ok(&["payment", "edit", &p, "--date", "2025-02-21", "--amount", "900", "--method", "crypto"]);
    let payments = env.json(&["payment", "list", &c, "--json"]);
    assert_eq!(
        payments[0]["wallet"], "TQ5NZ3bq6ZXvH9yQd7Pp9VgLr8Y3G2Grb1",
        "a correction changes only the fields given"
    );
}

#[test]
fn answers_and_transaction_fields_are_sealed() {
    let env = Env::new();
    let c = case(&env);
    env.ok(&["case", "answer", &c, "affected", "yes"]);
    env.ok(&[
        "payment",
        "add",
        &c,
        "--date",
        "2025-02-20",
        "--amount",
        "900",
        "--method",
        "crypto",
        "--wallet",
        "TQ5NZ3",
    ]);
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
    let pristine = std::fs::read(&env.db).unwrap();
    for (what, sql) in [
        ("an answer changed", "UPDATE case_answer SET value = 'no'"),
        ("an answer removed", "DELETE FROM case_answer"),
        ("a wallet changed", "UPDATE payment SET wallet = 'TQ5NZ4'"),
        ("a hash added", "UPDATE payment SET tx_hash = 'abc'"),
    ] {
        std::fs::write(&env.db, &pristine).unwrap();
        rusqlite::Connection::open(&env.db).unwrap().execute_batch(sql).unwrap();
        let out = env.cmd().args(["audit", "verify"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{what}: not found: {}", String::from_utf8_lossy(&out.stdout));
    }
}

#[test]
fn the_complainants_suite_county_and_subsector_are_set_and_shown() {
    let env = Env::new();
    let shown =
        env.ok(&["org", "set", "--suite", "Suite 400", "--county", "Alameda", "--subsector", "Information Technology"]);
    assert!(shown.contains("suite            Suite 400"), "{shown}");
    assert!(shown.contains("county           Alameda"), "{shown}");
    let org = env.json(&["org", "show", "--json"]);
    assert_eq!((org["suite"].as_str(), org["county"].as_str()), (Some("Suite 400"), Some("Alameda")));
    assert_eq!(org["subsector"], "Information Technology");
    let c = case(&env);
    let report = env.json(&["report", &c, "--format", "json"]);
    let complainant = &report["complainant"];
    assert_eq!(complainant["suite"]["value"], "Suite 400");
    assert_eq!(complainant["county"]["limit"], 50);
    assert_eq!(complainant["business"]["subsector"]["value"], "Information Technology");
    assert_eq!(complainant["age_range"]["not_applicable"], "the complainant is a business");
    assert_eq!(complainant["minor"]["value"], "");

    env.ok(&["org", "set", "--county", ""]);
    assert_eq!(env.json(&["org", "show", "--json"])["county"], "", "cleared");
}

#[test]
fn payments_record_whether_the_bank_was_contacted_and_the_recipient_banks_address() {
    let env = Env::new();
    let c = case(&env);
    let base = ["--date", "2025-02-28", "--amount", "3850.50", "--method", "wire", "--bank", "Example Community Bank"];
    let bank = [
        "--bank-address",
        "2500 Main Street",
        "--bank-city",
        "Austin",
        "--bank-state",
        "Texas",
        "--bank-zip",
        "78701",
        "--bank-country",
        "United States",
        "--bank-contacted",
        "YES",
    ];
    let args: Vec<&str> = ["payment", "add", &c].into_iter().chain(base).chain(bank).collect();
    let p = env.id(&args).to_string();
    let payments = env.json(&["payment", "list", &c, "--json"]);
    let row = &payments[0];
    assert_eq!(row["bank_contacted"], "yes", "stored as the word");
    assert_eq!(
        [&row["bank_address"], &row["bank_city"], &row["bank_state"], &row["bank_zip"], &row["bank_country"]],
        ["2500 Main Street", "Austin", "Texas", "78701", "United States"]
    );
    let audit = &env.json(&["audit", "log", "--case", &c, "--json"])["rows"];
    let added = audit.as_array().unwrap().iter().find(|r| r["action"] == "payment.add").unwrap().clone();
    assert_eq!(added["details"]["bank_city"], "Austin");

    let report = env.json(&["report", &c, "--format", "json"]);
    let item = &report["transactions"]["items"][0];
    assert_eq!(item["bank_contacted"]["value"], "Yes");
    assert_eq!(item["recipient_bank_address1"]["value"], "2500 Main Street");
    assert_eq!(item["recipient_bank_zip"]["limit"], 20);
    let text = env.ok(&["report", &c, "--format", "text"]);
    assert!(text.contains("Recipient bank city (max 50): Austin\n"), "{text}");

    for bad in ["maybe", "1"] {
        let args: Vec<&str> =
            ["payment", "edit", &p].into_iter().chain(base).chain(["--bank-contacted", bad]).collect();
        env.refused(&args, "bank contacted takes yes, no or unknown");
    }
    let args: Vec<&str> =
        ["payment", "add", &c].into_iter().chain(base).chain(["--bank-contacted", "perhaps"]).collect();
    env.refused(&args, "perhaps");
    let args: Vec<&str> = ["payment", "edit", &p].into_iter().chain(base).chain(["--bank-city", "Aus\ntin"]).collect();
    env.refused(&args, "one line");

    let args: Vec<&str> = ["payment", "edit", &p].into_iter().chain(base).chain(["--bank-contacted", "n"]).collect();
    env.ok(&args);
    let row = &env.json(&["payment", "list", &c, "--json"])[0];
    assert_eq!((row["bank_contacted"].as_str(), row["bank_city"].as_str()), (Some("no"), Some("Austin")));
}

#[test]
fn each_transaction_type_records_and_files_the_forms_own_fields() {
    let env = Env::new();
    let c = case(&env);
    let p2p = env
        .id(&[
            "payment",
            "add",
            &c,
            "--date",
            "2025-03-03",
            "--amount",
            "600",
            "--method",
            "p2p",
            "--recipient",
            "Jin Park",
            "--p2p-app",
            "Zelle",
            "--originating-account-identifier",
            "payroll@northwind.example",
            "--recipient-account-identifier",
            "jinpark.dev@example.com",
            "--money-sent",
            "Y",
            // Recorded, but the form shows no wallet for a peer-to-peer transfer.
            "--wallet",
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        ])
        .to_string();
    let crypto = env
        .id(&[
            "payment",
            "add",
            &c,
            "--date",
            "2025-03-10",
            "--amount",
            "1250.00",
            "--method",
            "crypto",
            "--crypto-type",
            "USDT (TRC-20)",
            "--originating-wallet",
            "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7",
        ])
        .to_string();
    let rows = env.json(&["payment", "list", &c, "--json"]);
    assert_eq!(rows[0]["p2p_app"], "Zelle");
    assert_eq!(rows[0]["money_sent"], "yes", "stored as the word");
    assert_eq!(rows[1]["crypto_type"], "USDT (TRC-20)");
    assert_eq!(rows[1]["gift_card_number"], "", "a detail not recorded reads empty");
    let audit = &env.json(&["audit", "log", "--case", &c, "--json"])["rows"];
    let added = |id: &str| {
        let id: i64 = id.parse().unwrap();
        audit
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["action"] == "payment.add" && r["details"]["payment"] == id)
            .cloned()
    };
    assert_eq!(added(&p2p).unwrap()["details"]["p2p_app"], "Zelle");
    assert!(added(&crypto).unwrap()["details"].get("gift_card_number").is_none(), "empty details are left out");

    let report = env.json(&["report", &c, "--format", "json"]);
    let items = report["transactions"]["items"].as_array().unwrap();
    assert_eq!(items[0]["transaction_type"]["value"], "P2P");
    assert_eq!(items[0]["recipient_account_identifier"]["value"], "jinpark.dev@example.com");
    assert_eq!(items[0]["not_on_form"][0]["label"], "Recipient wallet address");
    assert_eq!(items[1]["originating_wallet"]["limit"], 50);
    let md = env.ok(&["report", &c]);
    let block = |n: usize| md.split(&format!("### Transaction {n} ")).nth(1).unwrap().split("###").next().unwrap();
    // The P2P block: the application and both identifiers, the name on the account from the recipient,
    // no bank routing fields; the wallet is shown as recorded but not on the form.
    let one = block(1);
    for want in [
        "**P2P application used** (50): Zelle",
        "**Recipient account identifier** (50): jinpark.dev@example.com",
        "**Recipient name on account** (50): Jin Park",
        "**Was the money sent or lost?**: Yes",
        "*Recorded, but the form has no such field for this type*: Recipient wallet address: bc1q",
    ] {
        assert!(one.contains(want), "{want} missing from\n{one}");
    }
    assert!(!one.contains("Routing number") && !one.contains("Type of cryptocurrency"), "{one}");
    let two = block(2);
    assert!(two.contains("**Type of cryptocurrency** (50): USDT (TRC-20)"), "{two}");
    assert!(two.contains("**Transaction ID/hash** (75): *(blank)*") && !two.contains("P2P application"), "{two}");
    // Redacted, identifiers and wallets keep their last four characters only.
    let redacted = env.ok(&["report", &c, "--redact"]);
    assert!(!redacted.contains("jinpark.dev@example.com") && !redacted.contains("TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7"));

    env.refused(&["payment", "edit", &p2p, "--money-sent", "perhaps"], "money sent takes yes, no or unknown");
    env.refused(&["payment", "edit", &p2p, "--p2p-app", "Zel\nle"], "one line");
    env.ok(&["payment", "edit", &crypto, "--crypto-type", ""]);
    let rows = env.json(&["payment", "list", &c, "--json"]);
    assert_eq!((rows[0]["p2p_app"].as_str(), rows[1]["crypto_type"].as_str()), (Some("Zelle"), Some("")));
}

/// More payments than the form's transaction rows: the warning counts entries, not characters.
#[test]
fn the_report_warns_of_more_transactions_than_the_form_takes_in_entries() {
    let env = Env::new();
    let c = env.id(&["case", "new", "Many payments"]).to_string();
    for day in 1..=11 {
        let date = format!("2026-01-{day:02}");
        env.ok(&["payment", "add", &c, "--date", &date, "--amount", "100", "--method", "wire"]);
    }
    let out = env.cmd().args(["report", &c]).output().unwrap();
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.contains("Transactions is 11 entries; the IC3 form takes 10: it will not take them all"), "{said}");
    assert!(!said.contains("characters"), "{said}");
}
