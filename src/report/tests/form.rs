//! What goes into the form's fields: the organization's and subjects' contact details as the form takes
//! them, and the fields' limits, reported rather than cut.

use super::*;
use crate::domain::AnswerField;

/// What the form marks required and the summary leaves blank is listed before filing, with the command that
/// records it; so is a filer's name that is only the name vetdesk records changes under.
#[test]
fn required_fields_left_blank_are_listed_before_filing() {
    let mut ws = Workspace::open_in_memory("jdoe").unwrap();
    ws.set_organization(&[("name".into(), "Acme Widgets Inc.".into()), ("email".into(), "sec@acme.example".into())])
        .unwrap();
    let case = ws.create_case(&NewCase { title: "Case".into(), priority: Priority::High, candidate: None }).unwrap();
    let problems = build(&ws, case, &Options::default()).unwrap().format_problems;
    let listed: Vec<(&str, &str)> = problems.iter().map(|p| (p.section.as_str(), p.field.as_str())).collect();
    assert_eq!(
        listed,
        [
            (SECTION_FILER, "Name"),
            (SECTION_FILER, "Phone"),
            (SECTION_COMPLAINANT, "Address"),
            (SECTION_COMPLAINANT, "City"),
            (SECTION_COMPLAINANT, "Country"),
            (SECTION_COMPLAINANT, "State"),
            (SECTION_COMPLAINANT, "ZIP code"),
            (SECTION_COMPLAINANT, "Phone"),
            (SECTION_SIGNATURE, "Digital signature"),
        ],
        "{problems:?}"
    );
    assert_eq!(problems[0].value, "jdoe");
    assert!(problems[0].problem.contains("org set --filer-name"), "{problems:?}");
    assert!(problems[2].problem.contains("the form requires it; record it with `vetdesk org set --address1`"));
    // A filer named, and a signature answered: neither is listed.
    ws.set_organization(&[("filer_name".into(), "Jane Doe".into())]).unwrap();
    let problems = build(&ws, case, &Options::default()).unwrap().format_problems;
    assert!(problems.iter().all(|p| p.field != "Name" && p.field != "Digital signature"), "{problems:?}");
}

/// A subject's email goes into the form as the address: a `mailto:` link or a display name pasted around
/// it is not part of it.
#[test]
fn a_subjects_email_goes_into_the_form_without_what_was_pasted_around_it() {
    for (typed, field) in [
        ("mailto:ann@example.com?subject=Hi", "ann@example.com"),
        ("Ann Lee <ann.lee@example.com>", "ann.lee@example.com"),
    ] {
        let (mut ws, case) = workspace();
        ws.add_identifier(case, IdentifierKind::Email, typed, Some(1), "", false).unwrap();
        let s = build(&ws, case, &Options::default()).unwrap();
        assert_eq!(s.subjects[0].email.value, field, "{typed}");
    }
}

/// The organization's and the filer's phones go into the form as the digits of their international
/// numbers: a bracketed trunk zero is not part of the number (+44 (0)20… is 4420…), an extension is left
/// out; one that does not read as a valid number keeps its typed digits.
#[test]
fn the_organizations_phones_go_into_the_form_as_their_international_numbers() {
    let (mut ws, case) = workspace();
    let set = |ws: &mut Workspace, phone: &str, filer: &str| {
        ws.set_organization(&[("phone".into(), phone.into()), ("filer_phone".into(), filer.into())]).unwrap();
        let s = build(ws, case, &Options::default()).unwrap();
        (s.complainant.phone.value, s.filer.phone.value)
    };
    assert_eq!(
        set(&mut ws, "+44 (0)20 7946 0000", "+1 (303) 555-0100 x45"),
        ("442079460000".to_string(), "13035550100".to_string())
    );
    // Not a phone number: shown as typed, never as digits cut from it, and listed before filing; an
    // extension left out is said too.
    assert_eq!(set(&mut ws, "+1 (800) FLOWERS", "call Sam"), ("+1 (800) FLOWERS".to_string(), "call Sam".to_string()));
    let problems = build(&ws, case, &Options::default()).unwrap().format_problems;
    let said: Vec<(&str, &str)> = problems.iter().map(|p| (p.section.as_str(), p.value.as_str())).collect();
    assert_eq!(said, [(SECTION_FILER, "call Sam"), (SECTION_COMPLAINANT, "+1 (800) FLOWERS")], "{problems:?}");
    assert!(problems.iter().all(|p| p.problem.contains("does not read as a phone number")), "{problems:?}");
    ws.set_organization(&[("phone".into(), "+1 202 555 0100 ext 12".into()), ("filer_phone".into(), String::new())])
        .unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    assert_eq!((s.complainant.phone.value.as_str(), s.filer.phone.value.as_str()), ("12025550100", "12025550100"));
    assert_eq!(s.format_problems.len(), 2, "in both sections that show it: {:?}", s.format_problems);
    assert!(s.format_problems[0].problem.contains("\"ext 12\" is left out"), "{:?}", s.format_problems);
}

#[test]
fn every_newly_limited_field_over_its_limit_is_reported() {
    let (mut ws, case) = workspace();
    let long = |n: usize| "x".repeat(n + 1);
    let org: Vec<(String, String)> = [("phone", "1".repeat(51)), ("email", format!("{}@example.com", long(40)))]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    ws.set_organization(&org).unwrap();
    pay(
        &mut ws,
        case,
        NewPayment {
            amount_cents: 100,
            method: "wire".into(),
            bank: long(50),
            name_on_account: long(50),
            originating_bank: long(50),
            originating_account: long(50),
            swift: format!("ABCDEF{}", long(50)),
            details: TransactionDetails {
                originating_account_name: long(50),
                originating_bank_city: long(50),
                ..TransactionDetails::default()
            },
            ..NewPayment::default()
        },
    );
    pay(
        &mut ws,
        case,
        NewPayment {
            amount_cents: 100,
            method: "crypto".into(),
            wallet: long(50),
            tx_hash: long(75),
            details: TransactionDetails {
                crypto_type: long(50),
                originating_wallet: long(50),
                atm_address: long(75),
                ..TransactionDetails::default()
            },
            ..NewPayment::default()
        },
    );
    pay(
        &mut ws,
        case,
        NewPayment {
            amount_cents: 100,
            method: "p2p".into(),
            details: TransactionDetails {
                p2p_app: long(50),
                recipient_account_identifier: long(50),
                ..TransactionDetails::default()
            },
            ..NewPayment::default()
        },
    );
    let candidate = ws.subjects(case).unwrap()[0].id;
    let address = format!("1 Main St, Suite {}, {} City, AZ 85032", long(50), long(50));
    ws.add_identifier(case, IdentifierKind::Address, &address, Some(candidate), "", false).unwrap();
    ws.set_answer(case, crate::domain::AnswerField::Signature, &long(50)).unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    let over: Vec<String> = s.over_limit().iter().map(|p| format!("{}: {}", p.section, p.field)).collect();
    for want in [
        "1. Who is filing: Phone",
        "1. Who is filing: Email",
        "2. Complainant: Phone",
        "2. Complainant: Email",
        "3. Financial transactions: Transaction 1: Originating bank name",
        "3. Financial transactions: Transaction 1: Originating account number",
        "3. Financial transactions: Transaction 1: Recipient name on account",
        "3. Financial transactions: Transaction 1: Recipient bank name",
        "3. Financial transactions: Transaction 1: SWIFT code",
        "3. Financial transactions: Transaction 1: Originating name on account",
        "3. Financial transactions: Transaction 1: Originating bank city",
        "3. Financial transactions: Transaction 2: Recipient wallet address",
        "3. Financial transactions: Transaction 2: Transaction ID/hash",
        "3. Financial transactions: Transaction 2: Type of cryptocurrency",
        "3. Financial transactions: Transaction 2: Originating wallet address",
        "3. Financial transactions: Transaction 2: ATM/kiosk address",
        "3. Financial transactions: Transaction 3: P2P application used",
        "3. Financial transactions: Transaction 3: Recipient account identifier",
        "4. Subjects: Subject 1 (candidate, no red flag observed): Suite/Apt./Mail stop",
        "4. Subjects: Subject 1 (candidate, no red flag observed): City",
        "7. Privacy & Signature: Digital signature",
    ] {
        assert!(over.iter().any(|o| o == want), "{want} not reported in {over:#?}");
    }
    // Reported, never cut.
    assert_eq!(s.transactions.items[1].tx_hash.value, long(75));
    assert_eq!(s.signature.digital_signature.value, long(50));
}

#[test]
fn the_suite_county_and_recipient_bank_address_over_their_limits_are_reported() {
    let (mut ws, case) = workspace();
    let long = |c: char, n: usize| c.to_string().repeat(n + 1);
    let org: Vec<(String, String)> =
        [("suite", long('s', 50)), ("county", long('c', 50)), ("subsector", long('x', 500))]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
    ws.set_organization(&org).unwrap();
    pay(
        &mut ws,
        case,
        NewPayment {
            amount_cents: 100,
            bank_address: format!("{}, {}", long('a', 50), long('b', 50)),
            bank_city: long('t', 50),
            bank_zip: long('9', 20),
            bank_state: long('e', 500),
            bank_country: long('o', 500),
            bank_contacted: "Y".into(),
            ..NewPayment::default()
        },
    );
    let s = build(&ws, case, &Options::default()).unwrap();
    let over: Vec<String> = s.over_limit().iter().map(|p| format!("{}: {} {}", p.section, p.field, p.limit)).collect();
    let t = "3. Financial transactions: Transaction 1:";
    assert_eq!(
        over,
        [
            "2. Complainant: Suite/Apt./Mail stop 50".to_string(),
            "2. Complainant: County 50".to_string(),
            format!("{t} Recipient bank address 50"),
            format!("{t} Recipient bank address (continued) 50"),
            format!("{t} Recipient bank city 50"),
            format!("{t} Recipient bank ZIP code 20"),
        ],
        "the form states no limit for the subsector, the bank's state or its country"
    );
    let item = &s.transactions.items[0];
    assert_eq!(
        (item.recipient_bank_address1.value.as_str(), item.bank_contacted.value.as_str()),
        (&*long('a', 50), "Yes")
    );
    assert_eq!(item.recipient_bank_address2.value, long('b', 50), "reported, never cut");
    let c = &s.complainant;
    for f in [&c.age_range, &c.minor] {
        assert_eq!((f.value.as_str(), f.not_applicable.as_deref()), ("", Some("the complainant is a business")));
    }
}

#[test]
fn a_bad_swift_code_is_a_problem_shown_as_given() {
    let (mut ws, case) = workspace();
    let sent = TransactionDetails { money_sent: "yes".into(), ..TransactionDetails::default() };
    let paid = NewPayment { amount_cents: 100, details: sent, ..NewPayment::default() };
    pay(&mut ws, case, NewPayment { swift: "DEUT-DE-FF".into(), ..paid.clone() });
    pay(&mut ws, case, NewPayment { swift: "DEUTDEFF500".into(), ..paid });
    let s = build(&ws, case, &Options::default()).unwrap();
    assert_eq!(s.format_problems.len(), 1, "{:?}", s.format_problems);
    let p = &s.format_problems[0];
    assert_eq!((p.field.as_str(), p.value.as_str()), ("Transaction 1: SWIFT code", "DEUT-DE-FF"));
    assert_eq!(s.transactions.items[0].swift.value, "DEUT-DE-FF", "never altered");
    assert!(render(&s, Format::Markdown).contains("Not as the form takes them"));
    assert!(render(&s, Format::Text).contains("NOT AS THE FORM TAKES THEM"));
}

/// "Did you send or lose money?" answered against what the transactions record is listed before filing:
/// "No" beside a transaction recorded as money sent, "Yes" where every one is recorded as not sent.
#[test]
fn an_answer_the_transactions_contradict_is_a_problem_to_settle_before_filing() {
    let (mut ws, case) = workspace();
    let with = |sent: &str| TransactionDetails { money_sent: sent.into(), ..TransactionDetails::default() };
    pay(&mut ws, case, NewPayment { amount_cents: 100, details: with("yes"), ..NewPayment::default() });
    pay(&mut ws, case, NewPayment { amount_cents: 200, details: with("no"), ..NewPayment::default() });
    let contradicted = |ws: &Workspace| {
        let s = build(ws, case, &Options::default()).unwrap();
        s.format_problems.into_iter().filter(|p| p.field == AnswerField::MoneyLost.question()).collect::<Vec<_>>()
    };
    ws.set_answer(case, AnswerField::MoneyLost, "yes").unwrap();
    assert!(contradicted(&ws).is_empty(), "one was sent");
    ws.set_answer(case, AnswerField::MoneyLost, "no").unwrap();
    let found = contradicted(&ws);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].value, "No");
    assert!(found[0].problem.starts_with("transaction 1 is recorded as money sent or lost"), "{found:?}");
    // Every transaction recorded as not sent, and the answer yes.
    let first = ws.payment(1).unwrap();
    ws.edit_payment(1, &NewPayment { details: with("no"), ..NewPayment::from(&first) }).unwrap();
    assert!(contradicted(&ws).is_empty(), "no and not sent agree");
    ws.set_answer(case, AnswerField::MoneyLost, "yes").unwrap();
    let found = contradicted(&ws);
    assert!(found[0].problem.starts_with("every transaction (transactions 1 and 2) is recorded as money not sent"));
}

/// A bank account or an identity document number recorded as an identifier (given by the subject, never
/// paid into) has no field of its own on the form: it goes into the technical details, masked under
/// `--redact` as everywhere else.
#[test]
fn bank_accounts_and_document_numbers_go_into_the_technical_details() {
    let (mut ws, case) = workspace();
    ws.add_identifier(
        case,
        IdentifierKind::BankAccount,
        "GB82 WEST 1234 5698 7654 32",
        Some(1),
        "Payroll account",
        false,
    )
    .unwrap();
    ws.add_identifier(case, IdentifierKind::DocumentNumber, "P12345678", Some(1), "", false).unwrap();
    let details = build(&ws, case, &Options::default()).unwrap().other_information.technical_details.value;
    assert!(
        details.contains("- GB82 WEST 1234 5698 7654 32 (Jin Park, candidate; bank-account): Payroll account"),
        "{details}"
    );
    assert!(
        details.contains("Identity document numbers") && details.contains("- P12345678 (Jin Park, candidate)"),
        "{details}"
    );
    let redacted = build(&ws, case, &Options { redact: true, ..Options::default() })
        .unwrap()
        .other_information
        .technical_details
        .value;
    assert!(!redacted.contains("5698 7654") && !redacted.contains("P12345678"), "{redacted}");
}
