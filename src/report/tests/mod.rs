//! Summary tests on small in-memory cases: drafting within the limit, limit problems, redaction; what the
//! narrative says of the people, the evidence and the findings is in `narrative.rs`; the form's fields
//! (what goes into them, and their limits) in `form.rs`; the chronology's status changes in `chronology.rs`.

mod chronology;
mod form;
mod matches;
mod narrative;

use super::*;
use crate::catalog::ItemKind;
use crate::domain::{IdentifierKind, MarkState, NewPayment, Priority, Role, SubjectFields, TransactionDetails};
use crate::time::Clock;
use crate::workspace::{CaseEdit, NewCase};

fn workspace() -> (Workspace, i64) {
    let mut ws = Workspace::open_in_memory("Ana Investigator").unwrap();
    let t = chrono::DateTime::parse_from_rfc3339("2025-03-10T12:00:00Z").unwrap().with_timezone(&chrono::Utc);
    ws.set_clock(Clock::Fixed(t));
    // Every field the form requires of the filer and the complainant, so that a test sees only what it sets
    // up among the fields to fix before filing.
    let org = [
        ("name", "Northwind Analytics, Inc."),
        ("address1", "100 Market St"),
        ("city", "Denver"),
        ("country", "United States"),
        ("state", "CO"),
        ("zip", "80202"),
        ("phone", "+1 303 555 0100"),
        ("email", "security@northwind.example"),
        ("filer_name", "Ana Investigator"),
    ];
    ws.set_organization(&org.map(|(field, value)| (field.to_string(), value.to_string()))).unwrap();
    let case = ws
        .create_case(&NewCase { title: "Case".into(), priority: Priority::High, candidate: Some("Jin Park".into()) })
        .unwrap();
    (ws, case)
}

fn red_flag_codes(ws: &Workspace) -> Vec<String> {
    ws.catalog().items.iter().filter(|i| i.kind == ItemKind::RedFlag).map(|i| i.code.clone()).collect()
}

fn long_note(i: usize) -> String {
    format!(
        "Observation {i}: 지원자는 카메라를 켜지 않았다. {}",
        "The candidate gave a different account each time. ".repeat(6)
    )
}

/// Every item line of a description's chronology is whole, and the "and N more" line counts the rest.
fn bullets_are_whole(ws: &Workspace, description: &str) -> (usize, usize) {
    let (mut listed, mut more) = (0, 0);
    for line in description.lines().filter(|l| l.starts_with("- ")) {
        if let Some(rest) = line.strip_prefix("- and ") {
            for part in rest.trim_end_matches(" (see Annex A)").split(" and ") {
                more += part.split(' ').next().unwrap().parse::<usize>().unwrap();
            }
            assert!(line.ends_with("(see Annex A)"), "{line}");
            continue;
        }
        let Some((_, text)) = line.split_once(": ") else { panic!("an undated line: {line}") };
        if !(text.starts_with("red flag marked as observed: ")
            || text.starts_with("due-diligence check marked as raising a concern: "))
        {
            continue;
        }
        let item = ws.catalog().items.iter().find(|i| text.contains(&format!(": {} [{}]", i.title, i.code)));
        assert!(item.is_some(), "not a whole item line: {line}");
        listed += 1;
    }
    (listed, more)
}

#[test]
fn a_short_case_keeps_every_note_in_the_description() {
    let (mut ws, case) = workspace();
    ws.set_mark(case, "RF-LOC-04", MarkState::Flagged, Some("Laptop checks in from Phoenix.")).unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    assert!(
        s.description.value.contains("[RF-LOC-04]. Note: Laptop checks in from Phoenix."),
        "{}",
        s.description.value
    );
    assert!(!s.description.value.contains("more red flag"));
}

#[test]
fn many_long_notes_are_drafted_down_to_fit_never_cut() {
    let (mut ws, case) = workspace();
    let codes = red_flag_codes(&ws);
    for (i, code) in codes.iter().enumerate() {
        ws.set_mark(case, code, MarkState::Flagged, Some(&long_note(i))).unwrap();
    }
    ws.set_mark(case, "DD-PAY-01", MarkState::Flagged, Some(&long_note(99))).unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    let d = &s.description;
    assert!(d.length <= ic3::DESCRIPTION, "{} characters", d.length);
    assert!(!d.over_limit && !s.over_limit().iter().any(|p| p.section == SECTION_DESCRIPTION));
    assert!(!d.value.contains("Observation"), "notes go first");
    let (listed, more) = bullets_are_whole(&ws, &d.value);
    assert!(more > 0 && listed > 0, "listed {listed}, more {more}");
    // Context given no weight is not named in the narrative, nor counted: it is in Annex A.
    let weightless = ws.catalog().items.iter().filter(|i| codes.contains(&i.code) && i.weight == 0).count();
    assert!(weightless > 0, "the catalog has red flags it gives no weight");
    assert_eq!(listed + more, codes.len() - weightless + 1, "every flagged item that weighs is listed or counted");
    assert!(d.value.contains("more red flags observed and 1 more due-diligence concern (see Annex A)"), "{}", d.value);
    assert!(!d.value.contains("context"), "{}", d.value);
    assert!(d.value.lines().last().unwrap().contains("evidence files are attached"), "the draft keeps its ending");
    assert!(!d.value.contains("reviewed the matter against a checklist"), "boilerplate goes before any item");
    // Nothing was lost: the annex still has every note.
    let notes = s.annexes.checklist.iter().flat_map(|g| &g.items).filter(|r| r.note.starts_with("Observation")).count();
    assert_eq!(notes, codes.len() + 1);
}

#[test]
fn notes_are_dropped_from_the_last_item_back_before_any_item_is() {
    let (mut ws, case) = workspace();
    // Red flags that weigh: context given no weight is not in the narrative.
    let codes: Vec<String> = red_flag_codes(&ws)
        .into_iter()
        .filter(|c| ws.catalog().items.iter().any(|i| &i.code == c && i.weight > 0))
        .collect();
    for (i, code) in codes.iter().take(8).enumerate() {
        ws.set_mark(case, code, MarkState::Flagged, Some(&long_note(i))).unwrap();
    }
    let s = build(&ws, case, &Options::default()).unwrap();
    let d = &s.description;
    assert!(d.length <= ic3::DESCRIPTION);
    let (listed, more) = bullets_are_whole(&ws, &d.value);
    assert_eq!((listed, more), (8, 0), "all items stay while notes can go");
    let with_note = d.value.lines().filter(|l| l.contains("Observation")).count();
    assert!((1..8).contains(&with_note), "{with_note} notes kept");
    // The summary says what the description left out, at its top, in every format.
    let dropped = 8 - with_note;
    let said = format!("the investigator's notes on {dropped} flagged items");
    assert_eq!(s.description_left_out, std::slice::from_ref(&said));
    let markdown = render(&s, Format::Markdown);
    assert!(
        markdown.contains(&format!(
            "**Description drafted down.** To fit the form's 3,500 characters it leaves out {said};"
        )),
        "{markdown}"
    );
    assert!(render(&s, Format::Text).contains("DESCRIPTION DRAFTED DOWN."));
    assert_eq!(render(&s, Format::Json).matches(&said).count(), 1);
    // A description that fits whole says nothing of the kind.
    let (mut ws, case) = workspace();
    ws.set_mark(case, &codes[0], MarkState::Flagged, Some("Short note.")).unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    assert!(s.description_left_out.is_empty());
    assert!(
        !render(&s, Format::Markdown).contains("drafted down")
            && !render(&s, Format::Json).contains("description_left_out")
    );
    let first = d.value.lines().find(|l| l.contains("red flag marked as observed")).unwrap();
    assert!(first.contains("Observation"), "the first item keeps its note: {first}");
}

#[test]
fn an_over_long_field_is_reported_and_kept_whole() {
    let (mut ws, case) = workspace();
    let name = "Alexandra Maximiliana Bartholomew-Fitzgerald von Montgomerie";
    assert_eq!(name.chars().count(), 60);
    ws.add_subject(case, Role::Facilitator, name, &SubjectFields::default()).unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    assert_eq!(s.subjects[1].name.value, name);
    assert!(s.subjects[1].name.over_limit);
    assert_eq!(
        s.over_limit(),
        [LimitProblem {
            section: SECTION_SUBJECTS.into(),
            field: "Subject 2 (facilitator, no red flag observed): Name".into(),
            limit: 50,
            length: 60,
            unit: Unit::Characters,
        }]
    );
    let md = render(&s, Format::Markdown);
    let notice = md.find("**Over the IC3 limit.**").expect("notice");
    assert!(notice < md.find("## 1. Who is filing").unwrap(), "the notice is at the top");
    assert!(md.contains("4. Subjects, Subject 2 (facilitator, no red flag observed): Name: 60 characters, limit 50"));
    assert!(md.contains(&format!("- **Name** (50): {name} **⚠ Over the IC3 limit: 60 of 50 characters**")));
    let text = render(&s, Format::Text);
    assert!(text.contains(&format!("Name (max 50): {name}  [OVER THE IC3 LIMIT: 60 of 50 characters]")));
}

#[test]
fn more_transactions_than_the_form_takes_are_reported_and_all_kept() {
    let (mut ws, case) = workspace();
    for day in 1..=12 {
        let p = NewPayment {
            paid_on: format!("2025-01-{day:02}"),
            amount_cents: 10_000,
            currency: "USD".into(),
            method: "p2p".into(),
            ..NewPayment::default()
        };
        ws.add_payment(case, &p).unwrap();
    }
    let s = build(&ws, case, &Options::default()).unwrap();
    assert_eq!(s.transactions.items.len(), 12);
    assert_eq!(s.annexes.payments.len(), 12);
    assert_eq!(s.transactions.totals[0].amount, "1200.00");
    assert_eq!(s.transactions.items[0].transaction_type.value, "P2P");
    let p = &s.over_limit()[0];
    assert_eq!((p.field.as_str(), p.limit, p.length, p.unit), ("Transactions", 10, 12, Unit::Entries));
}

#[test]
fn over_long_technical_details_are_reported_not_cut() {
    let (mut ws, case) = workspace();
    for i in 0..120 {
        let ip = format!("198.51.100.{i}");
        ws.add_identifier(case, IdentifierKind::Ip, &ip, None, "seen on the VPN concentrator at night", false).unwrap();
    }
    let s = build(&ws, case, &Options::default()).unwrap();
    let t = &s.other_information.technical_details;
    assert!(t.over_limit && t.length > ic3::TECHNICAL);
    assert!(t.value.contains("198.51.100.0 ") && t.value.contains("198.51.100.119 "));
    assert!(s.over_limit().iter().any(|p| p.field == "Technical details"));
}

#[test]
fn redaction_masks_sensitive_values_in_their_fields_and_in_free_text() {
    let (mut ws, case) = workspace();
    let candidate = ws.subjects(case).unwrap()[0].id;
    ws.add_identifier(case, IdentifierKind::BankAccount, "DE89 3704 0044 0532 0130 00", Some(candidate), "", false)
        .unwrap();
    ws.add_identifier(case, IdentifierKind::DocumentNumber, "X9876543", Some(candidate), "", false).unwrap();
    ws.add_payment(
        case,
        &NewPayment {
            subject_id: Some(candidate),
            paid_on: "2025-02-01".into(),
            amount_cents: 1,
            currency: "EUR".into(),
            method: "wire".into(),
            account: "55500011122".into(),
            note: "first salary to 55500011122".into(),
            ..NewPayment::default()
        },
    )
    .unwrap();
    ws.add_note(case, "Payroll: DE89370400440532013000, passport x9876543.").unwrap();
    ws.add_note(case, "Bank froze 555-000-11122; passport X 9876543.").unwrap();
    ws.set_mark(case, "RF-PAY-08", MarkState::Flagged, Some("Account 55500011122 is in another name.")).unwrap();
    ws.edit_case(
        case,
        &CaseEdit { witnesses: Some("Bank confirmed 55500011122 closed.".into()), ..CaseEdit::default() },
    )
    .unwrap();

    let plain = render(&build(&ws, case, &Options::default()).unwrap(), Format::Json);
    assert!(plain.contains("55500011122") && plain.contains("X9876543"));
    let s = build(&ws, case, &Options { redact: true, verify: true }).unwrap();
    assert!(s.header.redacted);
    let bodies: Vec<&str> = s.annexes.notes.iter().map(|n| n.body.as_str()).collect();
    assert!(bodies.contains(&"Payroll: ****3000, passport ****6543."), "{bodies:?}");
    // The same values written with other spacing are masked too.
    assert!(bodies.contains(&"Bank froze ****1122; passport ****6543."), "{bodies:?}");
    assert_eq!(s.transactions.items[0].account_number.value, "****1122");
    assert_eq!(s.other_information.witnesses.value, "Bank confirmed ****1122 closed.");
    assert!(s.description.value.contains("Account ****1122 is in another name."));
    for format in Format::ALL {
        let out = render(&s, *format);
        for secret in ["55500011122", "X9876543", "x9876543", "DE89370400440532013000", "DE89 3704", "555-000", "X 98"]
        {
            assert!(!out.contains(secret), "{format} shows {secret}");
        }
    }
    let md = render(&s, Format::Markdown);
    assert!(md.contains("**Redacted**: yes"));
}

/// Numbers the case never recorded, written in a note: masked by their shape, and the summary says
/// which shapes, while a phone the case records keeps its value in its own field.
#[test]
fn redaction_masks_numbers_of_a_secret_shape_the_case_never_recorded() {
    let (mut ws, case) = workspace();
    ws.add_identifier(case, IdentifierKind::Phone, "+1 512 555 0187", None, "", false).unwrap();
    ws.add_note(
        case,
        "Paid to account 123456789012; wallet 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa; IBAN GB82 WEST 1234 5698 7654 32; \
         passport no. M12345678.",
    )
    .unwrap();
    let s = build(&ws, case, &Options { redact: true, verify: true }).unwrap();
    let bodies: Vec<&str> = s.annexes.notes.iter().map(|n| n.body.as_str()).collect();
    assert_eq!(
        bodies,
        ["Paid to account ****9012; wallet ****vfNa; IBAN ****5432; passport no. ****5678."],
        "{bodies:?}"
    );
    let md = render(&s, Format::Markdown);
    assert!(md.contains("and any run of 8 or more digits but in a hash"), "{md}");
    assert!(md.contains("+15125550187"), "a phone is no secret: {md}");
}

fn pay(ws: &mut Workspace, case: i64, p: NewPayment) -> i64 {
    let p = NewPayment {
        paid_on: if p.paid_on.is_empty() { "2025-02-01".into() } else { p.paid_on },
        method: if p.method.is_empty() { "wire".into() } else { p.method },
        currency: if p.currency.is_empty() { "USD".into() } else { p.currency },
        ..p
    };
    ws.add_payment(case, &p).unwrap()
}

/// What the form requires of every transaction, or refuses, is said before filing: "Was the money sent or
/// lost?" not answered Yes or No, a transaction of type Other with nothing in "If other, please specify",
/// a US-dollar amount past the form's largest.
#[test]
fn what_the_form_requires_of_a_transaction_is_said_when_missing() {
    let (mut ws, case) = workspace();
    let unknown = TransactionDetails { money_sent: "unknown".into(), ..TransactionDetails::default() };
    pay(&mut ws, case, NewPayment { amount_cents: 150_000_000_000, details: unknown, ..NewPayment::default() });
    pay(&mut ws, case, NewPayment { amount_cents: 100, method: "other".into(), ..NewPayment::default() });
    let s = build(&ws, case, &Options::default()).unwrap();
    let said: Vec<(&str, &str)> = s.format_problems.iter().map(|p| (p.field.as_str(), p.value.as_str())).collect();
    assert_eq!(
        said,
        [
            ("What was your total loss amount? (USD)", "1500000001.00"),
            ("Transaction 1: Amount", "1500000000.00"),
            ("Transaction 1: Was the money sent or lost?", "Unknown"),
            ("Transaction 2: Was the money sent or lost?", ""),
            ("Transaction 2: If other, please specify", ""),
        ]
    );
    assert!(s.format_problems[3].problem.ends_with("record it with `vetdesk payment edit 2 --money-sent yes|no`"));
}

/// A payment recorded as money not sent is listed as recorded, but it is no loss: the total leaves it out
/// and says so, and the chronology does not state it as money paid.
#[test]
fn a_payment_recorded_as_not_sent_is_no_loss() {
    let (mut ws, case) = workspace();
    let mut unsent = NewPayment { amount_cents: 500_000, ..NewPayment::default() };
    unsent.details.money_sent = "no".into();
    pay(&mut ws, case, unsent);
    pay(&mut ws, case, NewPayment { amount_cents: 25_000, ..NewPayment::default() });
    let mut foreign = NewPayment { amount_cents: 9_900, currency: "EUR".into(), ..NewPayment::default() };
    foreign.details.money_sent = "no".into();
    pay(&mut ws, case, foreign);
    ws.set_answer(case, crate::domain::AnswerField::MoneyLost, "yes").unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    let t = &s.transactions;
    assert_eq!(t.total_loss_usd.value, "250.00", "the 5,000.00 recorded as not sent is left out");
    assert!(t.needs_conversion.is_empty(), "nothing not sent is to convert: {:?}", t.needs_conversion);
    assert!(
        t.total_note.contains("Transactions 1 and 3 are recorded as money not sent and are not counted"),
        "{}",
        t.total_note
    );
    assert_eq!(t.items.len(), 3, "every payment is still listed");
    let d = &s.description.value;
    assert!(d.contains("payment of USD 5,000.00 by wire transfer (recorded as money not sent)"), "{d}");
    // The sum per currency adds up every payment recorded, and says so.
    let md = render(&s, Format::Markdown);
    assert!(
        md.contains(
            "- **Sum per currency** (not converted; payments recorded as money not sent included): EUR 99.00; USD 5,250.00"
        ),
        "{md}"
    );
    assert!(
        d.contains(
            "USD 5,250.00 in total, counting US-dollar amounts only (USD 5,000.00 of it recorded as money not sent)"
        ),
        "{d}"
    );
}

/// A case whose only payment was recorded as not sent holds a payment: the note says none counts, never
/// that none is recorded.
#[test]
fn a_case_whose_only_payment_was_not_sent_says_none_counts() {
    let (mut ws, case) = workspace();
    let mut unsent = NewPayment { amount_cents: 100_000, ..NewPayment::default() };
    unsent.details.money_sent = "no".into();
    pay(&mut ws, case, unsent);
    let t = build(&ws, case, &Options::default()).unwrap().transactions;
    assert!(!t.total_note.contains("No payments are recorded"), "{}", t.total_note);
    assert!(
        t.total_note.starts_with("No transaction counts toward the total, so it is left blank."),
        "{}",
        t.total_note
    );
    assert!(
        t.total_note.contains("Transaction 1 is recorded as money not sent and is not counted"),
        "{}",
        t.total_note
    );
    assert_eq!(t.items.len(), 1);
}

#[test]
fn amounts_in_other_currencies_are_flagged_and_never_added_to_the_usd_total() {
    let (mut ws, case) = workspace();
    pay(&mut ws, case, NewPayment { amount_cents: 100_000, ..NewPayment::default() });
    pay(&mut ws, case, NewPayment { amount_cents: 50_000, currency: "EUR".into(), ..NewPayment::default() });
    pay(&mut ws, case, NewPayment { amount_cents: 25_050, ..NewPayment::default() });
    let t = build(&ws, case, &Options::default()).unwrap().transactions;
    assert_eq!(t.total_loss_usd.value, "1250.50", "USD only");
    assert_eq!(t.needs_conversion.len(), 1);
    assert_eq!((t.needs_conversion[0].currency.as_str(), t.needs_conversion[0].amount_cents), ("EUR", 50_000));
    assert_eq!(t.items.iter().filter(|i| i.needs_conversion).count(), 1);
    assert!(t.total_note.contains("US-dollar amounts only"), "{}", t.total_note);
    assert!(t.total_note.contains("EUR 500.00 (transaction 2)"), "{}", t.total_note);
    assert!(t.total_note.contains("no exchange rate"), "{}", t.total_note);

    // No money lost, as the investigator answers: no loss total, the payments still listed.
    ws.set_answer(case, crate::domain::AnswerField::MoneyLost, "no").unwrap();
    let t = build(&ws, case, &Options::default()).unwrap().transactions;
    assert_eq!((t.money_lost.value.as_str(), t.total_loss_usd.value.as_str()), ("No", ""));
    assert_eq!(t.items.len(), 3);
    assert!(!t.total_note.contains("The total is the sum"), "a blank total is not described: {}", t.total_note);

    // Nothing in US dollars: the total is left blank, not zero.
    let (mut ws, case) = workspace();
    pay(&mut ws, case, NewPayment { amount_cents: 100, currency: "GBP".into(), ..NewPayment::default() });
    let t = build(&ws, case, &Options::default()).unwrap().transactions;
    assert_eq!(t.total_loss_usd.value, "");
    let d = build(&ws, case, &Options::default()).unwrap().description.value;
    assert!(d.contains("none in US dollars; also GBP 1.00, not converted to US dollars"), "{d}");
}

/// The form's "total loss" while the complainant has not said money was sent or lost: the note says the
/// total adds up the payments recorded, and how to answer; once answered yes it says nothing of it.
#[test]
fn a_total_while_money_lost_is_unanswered_says_what_it_adds_up() {
    let (mut ws, case) = workspace();
    pay(&mut ws, case, NewPayment { amount_cents: 100_000, ..NewPayment::default() });
    let note = |ws: &Workspace| build(ws, case, &Options::default()).unwrap().transactions.total_note;
    let unanswered = note(&ws);
    assert!(
        unanswered.contains("Whether money was sent or lost is not answered: the total adds up the payments recorded"),
        "{unanswered}"
    );
    assert!(unanswered.contains("(vetdesk case answer, field \"money-lost\")"), "{unanswered}");
    // Markdown shows the sentence as written, with no escaped backticks.
    let md = render(&build(&ws, case, &Options::default()).unwrap(), Format::Markdown);
    assert!(md.contains("(vetdesk case answer, field \"money-lost\")."), "{md}");
    ws.set_answer(case, crate::domain::AnswerField::MoneyLost, "unknown").unwrap();
    assert!(note(&ws).contains("is answered \"unknown\": the total adds up"), "{}", note(&ws));
    ws.set_answer(case, crate::domain::AnswerField::MoneyLost, "yes").unwrap();
    assert!(!note(&ws).contains("Whether money was sent or lost"), "{}", note(&ws));
}
