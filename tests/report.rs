//! The IC3-ready summary of a fixed sample case, in every format, as snapshots.

mod common;

use std::path::Path;
use std::time::{Duration, SystemTime};

use chrono::{TimeZone, Utc};
use vetdesk::Workspace;
use vetdesk::domain::{
    AnswerField, CaseStatus, HireStage, IdentifierKind, MarkState, NewPayment, Priority, Role, SubjectFields,
    TransactionDetails,
};
use vetdesk::report::{self, Format, Options};
use vetdesk::time::Clock;
use vetdesk::workspace::{CaseEdit, Decision, NewCase};

const ACCOUNT: &str = "000123456789";
const VENDOR_ACCOUNT: &str = "98765432100";
const PASSPORT: &str = "M12345678";
const WALLET: &str = "TQ5NZ3bq6ZXvH9yQd7Pp9VgLr8Y3G2Grb1";
const ORIGINATING_ACCOUNT: &str = "4400112233";
const TX_HASH: &str = "9f2c4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";
/// Longer than the form's 50 characters for a bank name, to be reported.
const LONG_BANK: &str = "First Community Federal Savings and Loan Association of Northern California";

fn at(day: u32, hour: u32) -> Clock {
    Clock::Fixed(Utc.with_ymd_and_hms(2025, 3, day, hour, 0, 0).single().expect("a valid date"))
}

fn attach(ws: &mut Workspace, case: i64, path: &Path, contents: &str, description: &str, codes: &[&str]) -> i64 {
    std::fs::write(path, contents).expect("write evidence");
    let file = std::fs::File::options().write(true).open(path).expect("open evidence");
    file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1_740_000_000)).expect("set mtime");
    drop(file);
    let codes: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
    ws.attach_evidence(case, path, description, &codes, false, &mut |_, _| true).expect("attach evidence")
}

/// The sample exercises every field of the form: a candidate with aliases, a laptop-farm facilitator, a
/// staffing firm and a reference (left out); contact details, bank details, IPs, a device serial and a
/// repository; four payments (USD wire and ACH, one with a SWIFT code the form would refuse, a EUR
/// payment, a cryptocurrency payment with wallet and hash; an originating bank name over its limit;
/// the bank contacted, not, unknown and not recorded; a recipient bank address over two lines);
/// marks of every state, one accepted from a suggestion; three attachments of two distinct files; notes
/// in English, Korean and Arabic; every form answer; a bank account shared with an earlier case; the
/// case escalated, then reported.
fn sample(dir: &Path) -> (Workspace, i64) {
    let mut ws = Workspace::open_in_memory("Ana Investigator").expect("workspace");
    ws.set_clock(at(3, 9));
    let org: Vec<(String, String)> = [
        ("name", "Northwind Analytics, Inc."),
        ("address1", "1200 Harbor Boulevard"),
        ("address2", "Harbor Tech Center"),
        ("suite", "Suite 400"),
        ("city", "Oakland"),
        ("county", "Alameda"),
        ("state", "California"),
        ("zip", "94607"),
        ("country", "United States"),
        ("phone", "+1 (510) 555-0142"),
        ("email", "security@northwind.example"),
        ("it_poc", "Jürgen Müller, IT security lead, +1 510 555 0143, jmueller@northwind.example"),
        ("other_poc", "Dana Reyes, HR director, dreyes@northwind.example"),
        ("sector", "Information Technology"),
        ("subsector", "Information Technology"),
        ("filer_phone", "510-555-0199"),
        ("filer_email", "ana.investigator@northwind.example"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    ws.set_organization(&org).expect("organization");

    // An earlier case holding the same bank account: the narrative may say so, never which case.
    let earlier = ws
        .create_case(&NewCase { title: "Earlier applicant".into(), priority: Priority::Low, candidate: None })
        .expect("earlier case");
    let shared = format!("076401251:{ACCOUNT}");
    ws.add_identifier(earlier, IdentifierKind::BankAccount, &shared, None, "", false).expect("shared account");

    let case = ws
        .create_case(&NewCase {
            title: "Backend contractor: suspected DPRK IT worker".into(),
            priority: Priority::High,
            candidate: Some("Jin Park".into()),
        })
        .expect("case");
    let candidate = ws.subjects(case).expect("subjects")[0].id;
    ws.set_clock(at(4, 10));
    ws.edit_subject(
        candidate,
        &SubjectFields {
            aliases: Some(vec!["Jinwoo Park".into(), "J. Park".into()]),
            location: Some("Austin, Texas, USA".into()),
            position: Some("Senior backend engineer (contract)".into()),
            vendor: Some("Brightpath Staffing LLC".into()),
            hire_stage: Some(Some(HireStage::Employed)),
            hired_on: Some("2025-01-06".into()),
            ..SubjectFields::default()
        },
    )
    .expect("edit candidate");
    let facilitator = ws
        .add_subject(
            case,
            Role::Facilitator,
            "Kevin Doyle",
            &SubjectFields { location: Some("Phoenix, Arizona".into()), ..SubjectFields::default() },
        )
        .expect("facilitator");
    let vendor =
        ws.add_subject(case, Role::Vendor, "Brightpath Staffing LLC", &SubjectFields::default()).expect("vendor");
    ws.add_subject(case, Role::Reference, "Maria Lopez", &SubjectFields::default()).expect("reference");

    use IdentifierKind as K;
    let idents: &[(K, &str, Option<i64>, &str)] = &[
        (K::Email, "jin.park.dev@example.com", Some(candidate), "from the resume"),
        (K::Email, "jpark.work@example.net", Some(candidate), "used on the payroll form"),
        (K::Phone, "+1 (512) 555-0187", Some(candidate), "VoIP number"),
        (
            K::Address,
            "4410 Cactus Ridge Drive, Apartment 12, Phoenix, AZ 85032, USA",
            Some(facilitator),
            "laptop shipping address",
        ),
        (K::Phone, "602-555-0111", Some(facilitator), ""),
        (K::Email, "placements@brightpath.example", Some(vendor), ""),
        (K::Url, "https://brightpath-staffing.example", Some(vendor), ""),
        (K::BankAccount, ACCOUNT, Some(candidate), "salary account"),
        (K::RoutingNumber, "076401251", Some(candidate), ""),
        (K::DocumentNumber, PASSPORT, Some(candidate), "passport supplied at onboarding"),
        (K::CryptoWallet, WALLET, Some(candidate), "asked to be paid here"),
        (K::Ip, "203.0.113.45", Some(candidate), "VPN exit at first login"),
        (K::Ip, "198.51.100.7", Some(candidate), "login during the weekly stand-up"),
        (K::Ip, "192.0.2.200", Some(facilitator), "residential line in Phoenix"),
        (K::Ip, "2001:DB8::42", None, "seen on the VPN gateway, owner unknown"),
        (K::DeviceSerial, "C02XK0ABJGH5", Some(facilitator), "company laptop seen on this network"),
        (K::Url, "https://github.com/jinpark-dev", Some(candidate), "repository created 2024-12"),
    ];
    for (kind, value, subject, note) in idents {
        ws.add_identifier(case, *kind, value, *subject, note, false).expect("identifier");
    }

    ws.set_clock(at(5, 11));
    let wire = |paid_on: &str, cents: i64, method: &str, recipient: &str, account: &str, subject: i64, note: &str| {
        NewPayment {
            subject_id: Some(subject),
            paid_on: paid_on.into(),
            amount_cents: cents,
            currency: "usd".into(),
            method: method.into(),
            recipient: recipient.into(),
            bank: "Example Community Bank".into(),
            routing_number: "076401251".into(),
            account: account.into(),
            note: note.into(),
            originating_bank: "Pacific Commerce Bank".into(),
            originating_account: ORIGINATING_ACCOUNT.into(),
            ..NewPayment::default()
        }
    };
    let payments = [
        NewPayment {
            bank_contacted: "no".into(),
            ..wire("2025-01-31", 420_000, "ACH", "Jin Park", ACCOUNT, candidate, "January invoice")
        },
        NewPayment {
            name_on_account: "Brightpath Holdings Ltd".into(),
            swift: "EXCB US 33".into(),
            originating_bank: LONG_BANK.into(),
            bank_contacted: "Yes".into(),
            bank_address: "Example Community Bank Operations Center, 2500 Main Street, Floor 3".into(),
            bank_city: "Austin".into(),
            bank_state: "Texas".into(),
            bank_zip: "78701".into(),
            bank_country: "United States".into(),
            details: TransactionDetails {
                money_sent: "yes".into(),
                originating_bank_address:
                    "First Community Federal Savings Operations Center, 1 Harbor Plaza, Suite 400".into(),
                originating_bank_city: "Oakland".into(),
                originating_bank_state: "California".into(),
                originating_bank_zip: "94607".into(),
                originating_bank_country: "United States".into(),
                originating_account_name: "Northwind Analytics Inc".into(),
                ..TransactionDetails::default()
            },
            ..wire(
                "2025-02-28",
                385_050,
                "wire",
                "Brightpath Staffing LLC",
                VENDOR_ACCOUNT,
                vendor,
                "February, through the vendor",
            )
        },
        NewPayment {
            currency: "EUR".into(),
            bank: "Berliner Handelsbank".into(),
            routing_number: String::new(),
            swift: "BHBKDEBBXXX".into(),
            bank_address: "Unter den Linden 10".into(),
            bank_city: "Berlin".into(),
            bank_zip: "10117".into(),
            bank_country: "Germany".into(),
            ..wire("2025-02-14", 150_000, "wire", "Jin Park", "DE44500105175407324931", candidate, "equipment advance")
        },
        NewPayment {
            subject_id: Some(candidate),
            paid_on: "2025-02-20".into(),
            amount_cents: 90_000,
            currency: "USD".into(),
            method: "crypto".into(),
            recipient: "Jin Park".into(),
            wallet: WALLET.into(),
            tx_hash: TX_HASH.into(),
            bank_contacted: "unknown".into(),
            note: "USDT (TRC-20) at the worker's request".into(),
            details: TransactionDetails {
                crypto_type: "USDT (TRC-20)".into(),
                originating_wallet: "TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf".into(),
                ..TransactionDetails::default()
            },
            ..NewPayment::default()
        },
    ];
    for p in &payments {
        ws.add_payment(case, p).expect("payment");
    }

    ws.set_clock(at(6, 14));
    let marks: &[(&str, MarkState, &str)] = &[
        (
            "RF-LOC-04",
            MarkState::Flagged,
            "Laptop serial C02XK0ABJGH5 checks in from a Phoenix home network, not Austin.",
        ),
        ("RF-COM-01", MarkState::Flagged, "The phone number is a VoIP line with no history."),
        ("RF-INT-01", MarkState::Flagged, "Camera 'broken' in all three interviews."),
        ("RF-PAY-08", MarkState::Flagged, &format!("Asked to switch pay to account {ACCOUNT} held by a relative.")),
        ("RF-TECH-02", MarkState::Flagged, "AnyDesk installed on the company laptop on day 2."),
        ("RF-ID-06", MarkState::Clear, "Spoke English throughout."),
        ("RF-RES-02", MarkState::Na, ""),
        ("DD-PAY-01", MarkState::Flagged, "The bank letter was never supplied."),
        ("DD-ID-04", MarkState::Clear, "Met a person in Austin in January; see the note on identity."),
    ];
    for (code, state, note) in marks {
        ws.set_mark(case, code, *state, Some(note)).expect("mark");
    }
    // The shared account suggests RF-PAY-05; accepting it writes a note naming the other case's number.
    ws.decide_suggestion(case, "RF-PAY-05", Decision::Accept, "confirmed with payroll").expect("accept");

    ws.set_clock(at(7, 9));
    attach(
        &mut ws,
        case,
        &dir.join("interview-notes.txt"),
        "Interview 1: camera off.\n",
        "Interview notes, 3 sessions",
        &["RF-INT-01"],
    );
    attach(
        &mut ws,
        case,
        &dir.join("laptop-geolocation.csv"),
        "time,ip,city\n2025-02-10T08:00Z,192.0.2.200,Phoenix\n",
        "MDM geolocation export",
        &["RF-LOC-04", "RF-TECH-02"],
    );
    // The same interview notes again, under another name: one file, counted once.
    attach(
        &mut ws,
        case,
        &dir.join("interview-notes-copy.txt"),
        "Interview 1: camera off.\n",
        "Copy of the interview notes",
        &[],
    );
    ws.verify_evidence(Some(case), &mut |_, _, _, _| true).expect("verify");

    ws.set_clock(at(8, 16));
    ws.add_note(
        case,
        &format!("Payroll says the January ACH went to {ACCOUNT}.\nPassport {PASSPORT} was scanned at onboarding."),
    )
    .expect("note");
    ws.add_note(case, "후보자는 면접에서 한국어 자막을 요청했다.\nالمرشح طلب الدفع بالعملة المشفرة.").expect("note");
    ws.edit_case(
        case,
        &CaseEdit {
            witnesses: Some(
                "Dana Reyes (HR director) ran all three interviews; Jürgen Müller saw the AnyDesk alert.".into(),
            ),
            ..CaseEdit::default()
        },
    )
    .expect("edit case");
    ws.set_status(case, CaseStatus::Escalated, None).expect("status");
    ws.set_clock(at(9, 10));
    let answers: Vec<(AnswerField, String)> = [
        (AnswerField::Affected, "yes"),
        (AnswerField::BusinessTargeted, "yes"),
        (AnswerField::OperationsImpacted, "yes"),
        (AnswerField::MoneyLost, "yes"),
        (AnswerField::Update, "yes"),
        (AnswerField::PreviousComplaint, "I2502281234567"),
        (AnswerField::Signature, "Ana Investigator"),
        (AnswerField::Harm, "Source code access was suspended for two teams while access was reviewed."),
        (
            AnswerField::Containment,
            "Laptop access revoked on 2025-03-08; VPN and repository accounts disabled; payroll payments stopped.",
        ),
    ]
    .iter()
    .map(|(f, v)| (*f, v.to_string()))
    .collect();
    ws.set_answers(case, &answers).expect("answers");
    ws.edit_case(
        case,
        &CaseEdit {
            other_reports: Some(
                "Reported to the FBI field office in San Francisco on 2025-03-09, no number yet.".into(),
            ),
            ..CaseEdit::default()
        },
    )
    .expect("other reports");
    ws.set_status(case, CaseStatus::Reported, None).expect("reported");
    ws.set_clock(at(10, 12));
    (ws, case)
}

fn rendered(redact: bool, format: Format) -> (String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ws, case) = sample(dir.path());
    let summary = report::build(&ws, case, &Options { redact, verify: true }).expect("build");
    (report::render(&summary, format), dir.path().display().to_string())
}

macro_rules! snapshot {
    ($name:literal, $value:expr) => {
        // Evidence lives in a fresh tempdir, and the audit rows that record its path chain into the
        // head hash, so both are masked.
        let filters = vec![
            (r"/tmp/\.tmp\w+", "[TMP]"),
            (r#"(hash[`": ]{1,4})[0-9a-f]{64}"#, "${1}[AUDIT HASH]"),
            (r"(head\s+)[0-9a-f]{64}", "${1}[AUDIT HASH]"),
            (r"SHA256:[A-Za-z0-9+/]{43}", "[SIGNING KEY]"),
        ];
        insta::with_settings!({ filters => filters }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

#[test]
fn markdown() {
    let (out, dir) = rendered(false, Format::Markdown);
    assert!(dir.starts_with("/tmp/.tmp"), "the snapshot filter expects tempdirs under /tmp/.tmp, got {dir}");
    snapshot!("markdown", out);
}

#[test]
fn text() {
    snapshot!("text", rendered(false, Format::Text).0);
}

#[test]
fn json() {
    let (out, _) = rendered(false, Format::Json);
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(value["format"], "vetdesk-ic3-summary");
    assert_eq!(value["version"], 2);
    let notes = value["annexes"]["notes"].as_array().expect("notes");
    assert_eq!(notes[1]["body"], "후보자는 면접에서 한국어 자막을 요청했다.\nالمرشح طلب الدفع بالعملة المشفرة.");
    assert_eq!(
        value["complainant"]["business"]["it_poc"]["value"],
        "Jürgen Müller, IT security lead, +1 510 555 0143, jmueller@northwind.example"
    );
    snapshot!("json", out);
}

#[test]
fn redacted_markdown() {
    let (out, _) = rendered(true, Format::Markdown);
    snapshot!("redacted_markdown", out);
}

#[test]
fn redaction_leaves_no_sensitive_value_in_any_format() {
    for format in Format::ALL {
        let (out, _) = rendered(true, *format);
        for secret in [ACCOUNT, VENDOR_ACCOUNT, PASSPORT, WALLET, ORIGINATING_ACCOUNT] {
            assert!(!out.contains(secret), "{format} output shows {secret}");
        }
        assert!(out.contains("****6789"), "{format} output shows the masked account");
        assert!(out.contains("076401251"), "routing numbers are not secret");
    }
}

#[test]
fn the_same_clock_gives_the_same_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ws, case) = sample(dir.path());
    let a = report::render(&report::build(&ws, case, &Options::default()).expect("build"), Format::Json);
    let b = report::render(&report::build(&ws, case, &Options::default()).expect("build"), Format::Json);
    assert_eq!(a, b);
}

#[test]
fn the_sample_fits_the_form_but_for_the_long_bank_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ws, case) = sample(dir.path());
    let summary = report::build(&ws, case, &Options::default()).expect("build");
    let over: Vec<&str> = summary.over_limit().iter().map(|p| p.field.as_str()).collect();
    assert_eq!(over, ["Transaction 4: Originating bank name"]);
    assert!(summary.description.length <= 3_500);
    assert!(matches!(report::build(&ws, 99, &Options::default()), Err(vetdesk::Error::CaseNotFound(99))));
}

#[test]
fn the_sample_narrative_is_signable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ws, case) = sample(dir.path());
    let s = report::build(&ws, case, &Options::default()).expect("build");
    let d = &s.description.value;
    assert!(!d.contains(&format!("#{case}")) && !d.contains("case #"), "no internal case number: {d}");
    assert!(!d.contains('#'), "no internal number of any record: {d}");
    for word in ["score", "risk", "coverage", "%", "band", "Suggested by vetdesk"] {
        assert!(!d.contains(word), "{word:?} in the narrative: {d}");
    }
    assert!(d.contains("The same bank account appears in another case file held by the complainant"), "{d}");
    assert!(d.contains("holds 2 evidence files (counted once per distinct SHA-256 hash)"), "{d}");
    assert!(d.contains("Kevin Doyle, recorded as a facilitator"), "{d}");
    assert!(!d.contains("Maria Lopez"), "the reference is left out");
    assert!(d.contains("Source code access was suspended"), "the harm is stated");
    assert!(d.contains("updates earlier complaint I2502281234567"), "{d}");
    assert!(d.contains("EUR 1,500.00, not converted to US dollars"), "{d}");
    // The chronology runs in date order.
    let dates: Vec<&str> = d.lines().filter_map(|l| l.strip_prefix("- ")).filter_map(|l| l.get(..10)).collect();
    assert!(dates.len() > 8, "{dates:?}");
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    let first = |text: &str| d.find(text).unwrap_or_else(|| panic!("{text:?} in {d}"));
    assert!(first("was hired or engaged") < first("payment of USD 4,200.00"));
    assert!(first("payment of USD 3,850.50") < first("red flag marked as observed"));
    assert!(first("red flag marked as observed") < first("containment steps taken"));
    assert!(first("containment steps taken") < first("marked the matter as reported"));
}

/// Section 3 of the sample with a payment of each remaining type (P2P, gift card, other) added: each
/// transaction lists the fields the form shows for its type, in the form's order.
#[test]
fn every_transaction_type_shows_the_forms_own_fields() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ws, case) = sample(dir.path());
    let candidate = ws.subjects(case).expect("subjects")[0].id;
    let payments = [
        NewPayment {
            subject_id: Some(candidate),
            paid_on: "2025-03-03".into(),
            amount_cents: 25_000,
            currency: "USD".into(),
            method: "p2p".into(),
            recipient: "Jin Park".into(),
            // Recorded, though the form shows no wallet for a P2P transfer: the summary says so.
            wallet: "TQ5NZ3bq6ZXvH9yQd7Pp9VgLr8Y3G2Grb1".into(),
            details: TransactionDetails {
                p2p_app: "Zelle".into(),
                originating_account_identifier: "payroll@northwind.example".into(),
                recipient_account_identifier: "jin.park.dev@example.com".into(),
                ..TransactionDetails::default()
            },
            ..NewPayment::default()
        },
        NewPayment {
            subject_id: Some(candidate),
            paid_on: "2025-03-05".into(),
            amount_cents: 50_000,
            currency: "USD".into(),
            method: "gift-card".into(),
            details: TransactionDetails {
                gift_card_type: "Apple gift card".into(),
                gift_card_number: "X7K2-9QPL-44RT-8812".into(),
                recipient_identifier: "+1 202 555 0143".into(),
                ..TransactionDetails::default()
            },
            ..NewPayment::default()
        },
        NewPayment {
            paid_on: "2025-03-07".into(),
            amount_cents: 12_000,
            currency: "USD".into(),
            method: "other".into(),
            recipient: "Quick Ship Forwarding".into(),
            details: TransactionDetails {
                other_type: "Courier fee paid at pickup".into(),
                ..TransactionDetails::default()
            },
            ..NewPayment::default()
        },
    ];
    for p in &payments {
        ws.add_payment(case, p).expect("payment");
    }
    let section = |redact: bool, format: Format| {
        let summary = report::build(&ws, case, &Options { redact, verify: true }).expect("build");
        let out = report::render(&summary, format);
        let start = out.find("\n## 3. Financial transactions").or_else(|| out.find("\n3. Financial transactions\n"));
        let start = start.expect("section 3");
        let end = start + out[start..].find("4. Subjects\n").expect("section 4");
        out[start..end].to_string()
    };
    snapshot!("transaction_types_markdown", section(false, Format::Markdown));
    snapshot!("transaction_types_text", section(false, Format::Text));
    let redacted = section(true, Format::Markdown);
    for secret in [
        "X7K2-9QPL-44RT-8812",
        "jin.park.dev@example.com",
        "payroll@northwind.example",
        "TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf",
    ] {
        assert!(!redacted.contains(secret), "{secret} in the redacted summary");
    }
    assert!(redacted.contains(r"\*\*\*\*8812"), "{redacted}");
}

/// Two accounts of this case, each in one other case file, are not one account in two files.
#[test]
fn two_shared_accounts_are_not_said_to_be_one() {
    let env = common::Env::new();
    for title in ["S1", "S2", "S3"] {
        env.ok(&["case", "new", title]);
    }
    for (date, account) in [("2026-01-01", "11112222"), ("2026-01-02", "33334444")] {
        let paid = ["--amount", "1", "--method", "wire", "--routing", "076401251", "--account", account];
        env.ok(&[&["payment", "add", "1", "--date", date][..], &paid].concat());
    }
    env.ok(&["ident", "add", "2", "bank-account", "076401251 11112222"]);
    env.ok(&["ident", "add", "3", "bank-account", "076401251 33334444"]);
    let text = env.ok(&["report", "1", "--format", "text"]);
    assert!(!text.contains("The same bank account appears"), "{text}");
    assert!(
        text.contains(
            "2 bank accounts recorded in this case file appear in 2 other case files held by the complainant"
        ),
        "{text}"
    );
    // One account in both is the same account in two.
    env.ok(&["ident", "add", "3", "bank-account", "076401251 11112222"]);
    env.ok(&["ident", "void", "2", "--reason", "typed into the wrong case"]);
    env.ok(&["ident", "void", "1", "--reason", "typed into the wrong case"]);
    let text = env.ok(&["report", "1", "--format", "text"]);
    assert!(text.contains("The same bank account appears in another case file held by the complainant"), "{text}");
}
