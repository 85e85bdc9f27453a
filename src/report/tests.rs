//! Summary tests on small in-memory cases: drafting within the limit, limit problems, redaction.

use super::*;
use crate::catalog::ItemKind;
use crate::domain::{IdentifierKind, MarkState, NewPayment, Priority, Role, SubjectFields};
use crate::time::Clock;
use crate::workspace::{CaseEdit, NewCase};

fn workspace() -> (Workspace, i64) {
    let mut ws = Workspace::open_in_memory("Ana Investigator").unwrap();
    let t = chrono::DateTime::parse_from_rfc3339("2025-03-10T12:00:00Z").unwrap().with_timezone(&chrono::Utc);
    ws.set_clock(Clock::Fixed(t));
    ws.set_organization(&[("name".into(), "Northwind Analytics, Inc.".into())]).unwrap();
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

/// Every bullet of a description is a whole item line or the "and N more" line.
fn bullets_are_whole(ws: &Workspace, description: &str) -> (usize, usize) {
    let (mut listed, mut more) = (0, 0);
    for line in description.lines().filter(|l| l.starts_with("- ")) {
        if let Some(rest) = line.strip_prefix("- and ") {
            more += rest.split(' ').next().unwrap().parse::<usize>().unwrap();
            assert!(line.ends_with("(see Annex A)"), "{line}");
            continue;
        }
        let item = ws.catalog().items.iter().find(|i| line.starts_with(&format!("- {} [{}]", i.title, i.code)));
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
    assert!(s.description.value.contains("[RF-LOC-04]: Laptop checks in from Phoenix."));
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
    assert_eq!(listed + more, codes.len() + 1, "every flagged item is listed or counted");
    assert!(d.value.contains("more red flags (see Annex A)"));
    assert!(d.value.lines().last().unwrap().starts_with("What was done:"), "the draft keeps its ending");
    // Nothing was lost: the annex still has every note.
    let notes = s.annexes.checklist.iter().flat_map(|g| &g.items).filter(|r| r.note.starts_with("Observation")).count();
    assert_eq!(notes, codes.len() + 1);
}

#[test]
fn notes_are_dropped_from_the_last_item_back_before_any_item_is() {
    let (mut ws, case) = workspace();
    let codes = red_flag_codes(&ws);
    for (i, code) in codes.iter().take(8).enumerate() {
        ws.set_mark(case, code, MarkState::Flagged, Some(&long_note(i))).unwrap();
    }
    let d = build(&ws, case, &Options::default()).unwrap().description;
    assert!(d.length <= ic3::DESCRIPTION);
    let (listed, more) = bullets_are_whole(&ws, &d.value);
    assert_eq!((listed, more), (8, 0), "all items stay while notes can go");
    let with_note = d.value.lines().filter(|l| l.contains("Observation")).count();
    assert!((1..8).contains(&with_note), "{with_note} notes kept");
    let first = d.value.lines().find(|l| l.starts_with("- ")).unwrap();
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
            field: "Subject 2 (facilitator): Name".into(),
            limit: 50,
            length: 60,
            unit: Unit::Characters,
        }]
    );
    let md = render(&s, Format::Markdown);
    let notice = md.find("**Over the IC3 limit.**").expect("notice");
    assert!(notice < md.find("## 1. Who is filing").unwrap(), "the notice is at the top");
    assert!(md.contains("4. Subjects, Subject 2 (facilitator): Name: 60 characters, limit 50"));
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
    assert_eq!(s.annexes.notes[0].body, "Payroll: ****3000, passport ****6543.");
    assert_eq!(s.transactions.items[0].account_number.value, "****1122");
    assert_eq!(s.other_information.witnesses.value, "Bank confirmed ****1122 closed.");
    assert!(s.description.value.contains("Account ****1122 is in another name."));
    for format in Format::ALL {
        let out = render(&s, *format);
        for secret in ["55500011122", "X9876543", "x9876543", "DE89370400440532013000", "DE89 3704"] {
            assert!(!out.contains(secret), "{format} shows {secret}");
        }
    }
    let md = render(&s, Format::Markdown);
    assert!(md.contains("**Redacted**: yes"));
}
