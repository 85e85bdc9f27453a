//! A note written by accepting a suggestion quotes the match; once the record no longer shows it (a value it
//! rested on voided), the summary says so after the note wherever it quotes it.

use super::*;
use crate::store::void::Voidable;
use crate::workspace::Decision;

#[test]
fn a_match_voided_after_it_was_accepted_is_said_to_be_gone_wherever_its_note_is_quoted() {
    let (mut ws, case) = workspace();
    let other = ws
        .create_case(&NewCase { title: "Other".into(), priority: Priority::Low, candidate: Some("Kim Lee".into()) })
        .unwrap();
    let address = "131 Harrowgate Dr, Buffalo, NY 14223";
    let mine = ws.add_identifier(case, IdentifierKind::Address, address, None, "", false).unwrap();
    ws.add_identifier(other, IdentifierKind::Address, "131 Harrowgate Drive Buffalo NY 14223", None, "", false)
        .unwrap();
    let code = ws.suggestions(case).unwrap().first().expect("a suggestion from the shared address").code.clone();
    ws.decide_suggestion(case, &code, Decision::Accept, "same address as the other applicant").unwrap();
    let options = Options::default();
    let held = build(&ws, case, &options).unwrap();
    assert!(
        held.description.value.contains("Found in the complainant's records: address"),
        "{}",
        held.description.value
    );
    assert!(!held.description.value.contains(crate::report::matches::STALE_MATCH));

    ws.void(Voidable::Identifier, mine.id, "typed into the wrong case").unwrap();
    let gone = build(&ws, case, &options).unwrap();
    let text = &gone.description.value;
    assert!(text.contains("Found in the complainant's records: address"), "{text}");
    assert!(text.contains(crate::report::matches::STALE_MATCH), "the chronology says the match is gone: {text}");
    let row = gone.annexes.checklist.iter().flat_map(|g| &g.items).find(|r| r.code == code).unwrap();
    assert!(row.note_match_gone, "Annex A says it too");

    // Archived, the other case still holds the value: the match is shelved, not gone.
    ws.unvoid(Voidable::Identifier, mine.id, "it was this case's after all").unwrap();
    ws.archive_case(other, "closed elsewhere").unwrap();
    let shelved = build(&ws, case, &options).unwrap();
    assert!(!shelved.description.value.contains(crate::report::matches::STALE_MATCH), "{}", shelved.description.value);
}

/// A note that quotes two matches, one of them voided since, would still assert both: the summary says so.
#[test]
fn one_of_two_matches_gone_is_said_too() {
    let (mut ws, case) = workspace();
    let other = ws
        .create_case(&NewCase { title: "Other".into(), priority: Priority::Low, candidate: Some("Kim Lee".into()) })
        .unwrap();
    ws.add_identifier(case, IdentifierKind::Email, "dup@example.com", None, "", false).unwrap();
    ws.add_identifier(case, IdentifierKind::Phone, "+1 202 555 0143", None, "", false).unwrap();
    let email = ws.add_identifier(other, IdentifierKind::Email, "dup@example.com", None, "", false).unwrap();
    ws.add_identifier(other, IdentifierKind::Phone, "+1 202 555 0143", None, "", false).unwrap();
    let suggestion = ws.suggestions(case).unwrap().into_iter().find(|s| s.reasons.len() == 2).expect("two reasons");
    ws.decide_suggestion(case, &suggestion.code, Decision::Accept, "").unwrap();
    assert!(
        !build(&ws, case, &Options::default()).unwrap().description.value.contains(crate::report::matches::STALE_MATCH)
    );
    ws.void(Voidable::Identifier, email.id, "typed into the wrong case").unwrap();
    let text = build(&ws, case, &Options::default()).unwrap().description.value;
    assert!(text.contains(crate::report::matches::STALE_MATCH), "{text}");
}

/// A note naming two other cases that hold the value, one of which no longer does (its value voided),
/// would still say the value is in both: the summary says so.
#[test]
fn one_of_two_cases_a_note_names_no_longer_holding_the_value_is_said() {
    let (mut ws, case) = workspace();
    let mut held = Vec::new();
    for title in ["Second", "Third"] {
        let other = ws.create_case(&NewCase { title: title.into(), priority: Priority::Low, candidate: None }).unwrap();
        held.push(ws.add_identifier(other, IdentifierKind::Email, "dup@example.com", None, "", false).unwrap());
    }
    ws.add_identifier(case, IdentifierKind::Email, "dup@example.com", None, "", false).unwrap();
    let code = ws.suggestions(case).unwrap().first().expect("a suggestion").code.clone();
    ws.decide_suggestion(case, &code, Decision::Accept, "").unwrap();
    let note = ws.checklist(case).unwrap().into_iter().find(|e| e.item.code == code).unwrap().note;
    assert!(note.contains("#2, #3") || note.contains("#2") && note.contains("#3"), "{note}");
    assert!(
        !build(&ws, case, &Options::default()).unwrap().description.value.contains(crate::report::matches::STALE_MATCH)
    );
    ws.void(Voidable::Identifier, held[1].id, "typed into the wrong case").unwrap();
    let text = build(&ws, case, &Options::default()).unwrap().description.value;
    assert!(text.contains(crate::report::matches::STALE_MATCH), "{text}");
}
