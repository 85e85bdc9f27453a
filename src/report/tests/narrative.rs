//! What the summary's narrative says: who is suspected of what, the evidence, the opening sentence and
//! the form's answers, in words the record supports.

use super::*;
use crate::domain::{CaseStatus, Disposition};

#[test]
fn subjects_are_suspected_and_references_left_out_unless_included() {
    let (mut ws, case) = workspace();
    ws.add_subject(case, Role::Facilitator, "Kevin Doyle", &SubjectFields::default()).unwrap();
    ws.add_subject(case, Role::Vendor, "Brightpath LLC", &SubjectFields::default()).unwrap();
    let reference = ws.add_subject(case, Role::Reference, "Maria Lopez", &SubjectFields::default()).unwrap();
    // No red flag observed: each role as recorded, with no suspicion.
    let s = build(&ws, case, &Options::default()).unwrap();
    let described: Vec<&str> = s.subjects.iter().map(|b| b.described_as.as_str()).collect();
    assert_eq!(
        described,
        ["candidate, no red flag observed", "facilitator, no red flag observed", "vendor, no red flag observed"]
    );
    assert!(s.description.value.contains("Kevin Doyle, recorded as a facilitator"), "{}", s.description.value);
    assert!(!s.description.value.contains("suspect"), "{}", s.description.value);
    // Nor a flag the catalog gives no weight (a claimed nationality: context only).
    let context =
        ws.catalog().items.iter().find(|i| i.kind == ItemKind::RedFlag && i.weight == 0).unwrap().code.clone();
    ws.set_mark(case, &context, MarkState::Flagged, Some("Says he is Korean")).unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    assert!(!s.description.value.contains("suspects"), "{}", s.description.value);
    // Something was marked observed, so "no red flag observed" would not be true.
    assert_eq!(s.subjects[0].described_as, "candidate, not suspected: only context with no weight was marked");
    assert!(s.description.value.contains("what has been marked as observed is context only (items the checklist gives no weight), which is no ground for suspicion on its own"), "{}", s.description.value);
    assert!(
        !s.description.value.contains("risk"),
        "the narrative never speaks of the risk method: {}",
        s.description.value
    );
    // It has no line in the chronology: the item's wording beside a person's nationality would read as a
    // ground for suspicion. It stays in Annex A.
    assert!(!s.description.value.contains("red flag marked as observed"), "{}", s.description.value);
    assert!(!s.description.value.contains("Says he is Korean"), "{}", s.description.value);
    assert!(s.description.value.contains("is listed only in the checklist annex"), "{}", s.description.value);
    assert!(!s.description.value.contains("No red flag has been marked"), "{}", s.description.value);
    ws.set_mark(case, "RF-LOC-04", MarkState::Flagged, Some("Laptop checks in from Phoenix.")).unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    let described: Vec<&str> = s.subjects.iter().map(|b| b.described_as.as_str()).collect();
    // The flag is the case's, not a person's: only the worker is suspected of it; the facilitator is
    // named in the role the case file records.
    assert_eq!(
        described,
        ["suspected candidate", "recorded as facilitator", "vendor that supplied the suspected worker"]
    );
    assert_eq!(s.subjects_left_out.len(), 1);
    assert_eq!(s.subjects_left_out[0].subject_id, reference);
    assert!(!s.description.value.contains("Maria Lopez"));
    assert!(s.description.value.contains("Kevin Doyle, recorded as a facilitator"), "{}", s.description.value);
    assert!(!s.description.value.contains("suspects of acting"), "{}", s.description.value);
    assert!(!s.description.value.contains("the facilitator"), "a role is never stated as fact");

    ws.set_answer(case, crate::domain::AnswerField::IncludeReferences, "yes").unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    assert_eq!(s.subjects.len(), 4);
    assert_eq!(s.subjects[3].described_as, "reference, not suspected");
    assert!(s.subjects_left_out.is_empty());
    assert!(s.description.value.contains("Maria Lopez, named as a reference"));
}

/// A second candidate is not the worker the flags were marked about; a case closed as confirmed on context
/// alone does not say its worker is "not suspected" beside "it concluded".
#[test]
fn only_the_worker_is_suspected_and_a_confirmed_case_never_says_not_suspected() {
    let (mut ws, case) = workspace();
    ws.add_subject(case, Role::Candidate, "Second Candidate", &SubjectFields::default()).unwrap();
    ws.set_mark(case, "RF-LOC-04", MarkState::Flagged, Some("Laptop checks in from Phoenix")).unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    let described: Vec<&str> = s.subjects.iter().map(|b| b.described_as.as_str()).collect();
    assert_eq!(described, ["suspected candidate", "recorded as candidate"]);
    assert!(s.description.value.contains("Second Candidate, also recorded as a candidate"), "{}", s.description.value);
    assert!(!s.description.value.contains("false or borrowed identity;"), "{}", s.description.value);

    let (mut ws, case) = workspace();
    ws.set_mark(case, "RF-ID-07", MarkState::Flagged, Some("Says he is Korean")).unwrap();
    ws.set_status(case, CaseStatus::Closed, Some(Disposition::Confirmed)).unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    assert!(s.description.value.contains("it concluded is"), "{}", s.description.value);
    assert_eq!(s.subjects[0].described_as, "suspected candidate");
}

#[test]
fn a_due_diligence_concern_that_carries_weight_is_a_ground_for_suspicion() {
    // A payroll account shared with another employee, found by the check across staff (DD-PAY-03, weight 3),
    // is the fact of RF-PAY-05: flagged beside context only, the summary may not call everything marked
    // "what has been marked as observed is context only".
    let (mut ws, case) = workspace();
    let dd = ws.catalog().items.iter().find(|i| i.code == "DD-PAY-03").unwrap().clone();
    assert!(dd.kind == ItemKind::DueDiligence && dd.weight > 0);
    ws.set_mark(case, "RF-ID-07", MarkState::Flagged, None).unwrap();
    ws.set_mark(case, "DD-PAY-03", MarkState::Flagged, Some("payroll account matches another employee's")).unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    assert!(!s.description.value.contains("observed is context only"), "{}", s.description.value);
    assert!(s.description.value.contains("it suspects of being"), "{}", s.description.value);
    assert_eq!(s.subjects[0].described_as, "suspected candidate");
    // The same as flagging the red flag of that fact instead.
    let (mut other, other_case) = workspace();
    other.set_mark(other_case, "RF-ID-07", MarkState::Flagged, None).unwrap();
    other.set_mark(other_case, "RF-PAY-05", MarkState::Flagged, None).unwrap();
    let t = build(&other, other_case, &Options::default()).unwrap();
    assert_eq!(t.subjects[0].described_as, s.subjects[0].described_as);
}

#[test]
fn evidence_is_counted_once_per_distinct_hash() {
    let (mut ws, case) = workspace();
    let dir = tempfile::tempdir().unwrap();
    for (name, contents) in [("a.txt", "same"), ("b.txt", "same"), ("c.txt", "other")] {
        let path = dir.path().join(name);
        std::fs::write(&path, contents).unwrap();
        ws.attach_evidence(case, &path, "", &[], false, &mut |_, _| true).unwrap();
    }
    let d = build(&ws, case, &Options::default()).unwrap().description.value;
    assert!(d.contains("holds 2 evidence files (counted once per distinct SHA-256 hash)"), "{d}");
    // One copy of the shared content gone, the other intact, and the other content changed: one of the
    // two contents is no longer held, not two.
    std::fs::remove_file(dir.path().join("b.txt")).unwrap();
    std::fs::write(dir.path().join("c.txt"), "changed").unwrap();
    ws.verify_evidence(Some(case), &mut |_, _, _, _| true).unwrap();
    let d = build(&ws, case, &Options::default()).unwrap().description.value;
    assert!(d.contains("At the last verification 1 of them differed from the recorded hash"), "{d}");
}

/// An IP tied to a subject that section 4 does not list (voided before vetdesk refused to void a subject
/// with records against it) is not said to be in a subject block, nor to have no subject.
#[test]
fn an_ip_of_a_voided_subject_is_not_said_to_be_in_a_subject_block() {
    let (mut ws, case) = workspace();
    let gone = ws.add_subject(case, Role::Facilitator, "Gone Person", &SubjectFields::default()).unwrap();
    ws.add_identifier(case, IdentifierKind::Ip, "198.51.100.77", Some(gone), "", false).unwrap();
    let t = build(&ws, case, &Options::default()).unwrap().other_information.technical_details.value;
    assert!(t.contains("198.51.100.77 (Gone Person, facilitator; the IP in the subject block)"), "{t}");
    let refused = ws.void(crate::store::void::Voidable::Subject, gone, "wrong person").unwrap_err().to_string();
    assert!(refused.contains("still has identifier #"), "{refused}");
    // As an older vetdesk left it (the summary's preview reads the records as they are).
    ws.store()
        .conn()
        .execute("UPDATE subject SET voided_at = '2026-03-01T00:00:00Z', voided_by = 'ana', void_reason = 'wrong person' WHERE id = ?1", [gone])
        .unwrap();
    let t = build(&ws, case, &Options::default()).unwrap().other_information.technical_details.value;
    assert!(t.contains("198.51.100.77 (recorded against a subject since voided)"), "{t}");
    assert!(!t.contains("subject block") && !t.contains("no subject"), "{t}");
}

#[test]
fn the_narrative_names_no_internal_number_and_no_score() {
    let (mut ws, case) = workspace();
    // Cases up to #15, so that the numbers the notes give are the workspace's.
    for n in 2..=15 {
        ws.create_case(&crate::workspace::NewCase {
            title: format!("Case {n}"),
            priority: crate::domain::Priority::Low,
            candidate: None,
        })
        .unwrap();
    }
    for code in red_flag_codes(&ws).iter().take(3) {
        ws.set_mark(case, code, MarkState::Flagged, Some("As discussed in case #7 and case #12, #15.")).unwrap();
    }
    ws.set_mark(case, "RF-TECH-02", MarkState::Flagged, Some("Same tool as in case #9.")).unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    let t = &s.other_information.technical_details.value;
    assert!(t.contains("Same tool as in another case file held by the complainant."), "{t}");
    let d = s.description.value;
    assert!(!d.contains(&format!("#{case}")) && !d.contains('#'), "{d}");
    assert!(d.contains("As discussed in 3 other case files held by the complainant."), "{d}");
    for word in ["score", "risk", "coverage", "%", "band"] {
        assert!(!d.contains(word), "{word:?}: {d}");
    }
}

#[test]
fn internal_case_numbers_become_words() {
    use super::draft::neutral;
    use super::neutral::CaseNumbers;
    // Summarizing case 20 of a workspace of 30 cases.
    let n = CaseNumbers { this: 20, last: 30, origin: false };
    assert_eq!(
        neutral("Suggested by vetdesk: phone 15550100 also in case #4, #7 (checked)", n),
        "Found in the complainant's records: phone 15550100 also in 2 other case files held by the complainant (checked)"
    );
    assert_eq!(
        neutral("resume.pdf — near-duplicate in Case #3. Case #3 and #9 share it, cases #2, #5, and #8 too.", n),
        "resume.pdf — near-duplicate in another case file held by the complainant. 2 other case files held by the \
         complainant share it, 3 other case files held by the complainant too."
    );
    assert_eq!(neutral("Case #4 showed it.", n), "Another case file held by the complainant showed it.");
    assert_eq!(neutral("suitcase #4 and showcase", n), "suitcase #4 and showcase", "only the word case");
    assert_eq!(neutral("Apt #4, case # x, case #", n), "Apt #4, case # x, case #");
    // The case summarized is this case file, not another.
    assert_eq!(neutral("As noted in case #20.", n), "As noted in this case file.");
    assert_eq!(
        neutral("Seen in cases #20 and #4.", n),
        "Seen in this case file and another case file held by the complainant."
    );
    // A possessive stays one; a range counts the cases it spans; "case # 4" is "case #4".
    assert_eq!(neutral("I: case #2's account.", n), "I: Another case file's account.");
    // After a run, the possessive is put in words where it was written, so the sentence reads as the note
    // did: "#4-#6 and #7's account" did not say the four cases share an account.
    assert_eq!(
        neutral("Seen in cases #2 and #3's files.", n),
        "Seen in another case file held by the complainant and another case file's files."
    );
    assert_eq!(
        neutral("Same as cases #4 - #6 and #7's account 447100923318.", n),
        "Same as 3 other case files held by the complainant and another case file's account 447100923318."
    );
    assert_eq!(
        neutral("See case #4, case #7's note.", n),
        "See another case file held by the complainant, another case file's note."
    );
    assert_eq!(neutral("As in case #20's note.", n), "As in this case file's note.");
    assert_eq!(
        neutral("J: case #2-#3. K: cases #4 to #9.", n),
        "J: 2 other case files held by the complainant. K: 6 other case files held by the complainant."
    );
    // A range counts its cases, the case summarized among them; a number named twice is one case file.
    assert_eq!(neutral("See case #19-#20.", n), "See this case file and another case file held by the complainant.");
    assert_eq!(
        neutral("See cases #18 to #21.", n),
        "See this case file and 3 other case files held by the complainant."
    );
    assert_eq!(neutral("See case #3 and case #3.", n), "See another case file held by the complainant.");
    // Written from its higher end, a range spans the same cases; spaced, it is one too; to itself, one case.
    assert_eq!(neutral("Same as cases #4-#2.", n), "Same as 3 other case files held by the complainant.");
    assert_eq!(neutral("D: cases #2 - #4.", n), "D: 3 other case files held by the complainant.");
    assert_eq!(neutral("D: cases #4 \u{2013} #2.", n), "D: 3 other case files held by the complainant.");
    assert_eq!(neutral("E: case #2-#2.", n), "E: Another case file held by the complainant.");
    // A range to a number not of the workspace is kept whole as written.
    assert_eq!(neutral("See case #2-#99.", n), "See case #2-#99.");
    assert_eq!(neutral("See cases #2 to #99 and #4.", n), "See cases #2 to #99 and #4.");
    // A number not of the workspace ends a run and is kept as written; one of the workspace after it is not.
    assert_eq!(neutral("case #4, case #99.", n), "Another case file held by the complainant, case #99.");
    assert_eq!(neutral("See case #3 and #999999.", n), "See another case file held by the complainant and #999999.");
    assert_eq!(neutral("x case #999999, case #4.", n), "x case #999999, another case file held by the complainant.");
    assert_eq!(neutral("cases #4 and #2026-0457", n), "Another case file held by the complainant and #2026-0457");
    assert_eq!(neutral("C: case # 2.", n), "C: Another case file held by the complainant.");
    // Another numbering is no case file of the workspace, and is kept as written.
    for kept in [
        "Address changed; see court docket case #2026-0457",
        "Ticket case #12A was closed",
        "Case #31 at the county court",
        "case #0",
        "case #3.5",
        "case #99999999999999999999",
        "case no. 2",
    ] {
        assert_eq!(neutral(kept, n), kept);
    }
    assert_eq!(
        neutral("Case #4. Then case #2026-0457.", n),
        "Another case file held by the complainant. Then case #2026-0457."
    );
}

#[test]
fn the_answers_fill_the_forms_questions_and_unanswered_ones_are_listed() {
    use crate::domain::AnswerField as A;
    let (mut ws, case) = workspace();
    let s = build(&ws, case, &Options::default()).unwrap();
    assert_eq!(s.unanswered.len(), 5);
    assert_eq!(s.signature.digital_signature.value, "Ana Investigator", "the filer's name by default");
    ws.set_answers(
        case,
        &[
            (A::Affected, "no".into()),
            (A::OperationsImpacted, "unknown".into()),
            (A::Update, "yes".into()),
            (A::PreviousComplaint, "I250101".into()),
            (A::Containment, "Access revoked.".into()),
            (A::Harm, "Two teams lost a week.".into()),
        ],
    )
    .unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    assert_eq!(s.filer.affected.value, "No");
    assert_eq!(s.complainant.business.operations_impacted.value, "Unknown");
    assert_eq!(s.other_information.update.value, "Yes");
    assert_eq!(s.other_information.previous_complaint.value, "I250101");
    let unanswered: Vec<_> = s.unanswered.iter().map(|u| u.field).collect();
    assert_eq!(unanswered, [A::BusinessTargeted, A::OperationsImpacted, A::MoneyLost]);
    let d = &s.description.value;
    assert!(d.contains("updates earlier complaint I250101"), "{d}");
    assert!(d.contains("containment steps taken: Access revoked."), "{d}");
    assert!(d.contains("Impact described by the complainant: Two teams lost a week."), "{d}");
}

#[test]
fn every_transaction_detail_has_its_place_in_the_forms_order() {
    let (mut ws, case) = workspace();
    pay(&mut ws, case, NewPayment { amount_cents: 100, ..NewPayment::default() });
    let s = build(&ws, case, &Options::default()).unwrap();
    let t = &s.transactions.items[0];
    let labels: Vec<&str> = t.all_fields().iter().map(|(l, _, _)| *l).collect();
    for d in TransactionDetails::ALL {
        assert!(labels.contains(&d.label), "{} has no place in the transaction's fields", d.column);
        assert!(t.details.contains_key(d.column), "{} missing from the JSON keys", d.column);
    }
    assert!(labels.iter().all(|l| !l.is_empty()));
}

/// The first sentences say only what the record shows: no suspicion without an observed red flag, a case
/// closed as cleared or inconclusive as such, no checklist review before any item was reviewed.
#[test]
fn the_opening_follows_the_flags_and_the_disposition() {
    use crate::domain::{CaseStatus, Disposition};
    let (mut ws, case) = workspace();
    let first = |ws: &Workspace| build(ws, case, &Options::default()).unwrap().description.value;
    let d = first(&ws);
    assert!(
        d.starts_with(
            "Northwind Analytics, Inc. is reviewing a remote IT worker for indicators of a North Korean (DPRK) IT \
             worker using a false or borrowed identity; no red flag has been marked as observed."
        ),
        "{d}"
    );
    assert!(!d.contains("suspect") && !d.contains("against a checklist"), "{d}");
    assert!(d.contains("The worker is recorded under the name Jin Park."), "{d}");

    // Weak indicators alone (two: the method's low band) are observed and listed, but are no ground to
    // call anyone suspected; a third weak one is.
    let weak: Vec<String> = ws
        .catalog()
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::RedFlag && i.weight == 1)
        .map(|i| i.code.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let facts = |ws: &Workspace| ws.assessment(case).unwrap().weak;
    let mut marked = Vec::new();
    for code in &weak {
        if facts(&ws) == 2 {
            break;
        }
        ws.set_mark(case, code, MarkState::Flagged, None).unwrap();
        marked.push(code.clone());
    }
    let d = first(&ws);
    assert!(
        d.starts_with(
            "Northwind Analytics, Inc. is reviewing a remote IT worker for indicators of a North Korean (DPRK) IT \
             worker using a false or borrowed identity; what has been marked as observed so far is weak on its own"
        ),
        "{d}"
    );
    assert!(!d.contains("suspect") && d.contains("The worker is recorded under the name Jin Park."), "{d}");
    let described = build(&ws, case, &Options::default()).unwrap().subjects[0].described_as.clone();
    assert_eq!(described, "candidate, not called suspected: only indicators the checklist rates weak were marked");
    for code in weak.iter().filter(|c| !marked.contains(c)) {
        ws.set_mark(case, code, MarkState::Flagged, None).unwrap();
        if facts(&ws) == 3 {
            break;
        }
    }
    assert!(first(&ws).contains("it suspects of being"), "three weak facts: the elevated band");
    let flagged: Vec<String> = ws
        .checklist(case)
        .unwrap()
        .iter()
        .filter(|e| e.state == MarkState::Flagged)
        .map(|e| e.item.code.clone())
        .collect();
    for code in flagged {
        ws.set_mark(case, &code, MarkState::Open, None).unwrap();
    }

    ws.set_mark(case, "RF-LOC-04", MarkState::Flagged, None).unwrap();
    let d = first(&ws);
    assert!(d.starts_with("Northwind Analytics, Inc. reports a remote IT worker it suspects of being"), "{d}");
    assert!(
        d.contains("recorded its observations against a checklist")
            && d.contains("The suspected worker is recorded under the name")
    );
    // A candidate recorded as an applicant was never hired: not called a worker.
    let candidate = ws.subjects(case).unwrap()[0].id;
    let applicant =
        SubjectFields { hire_stage: Some(Some(crate::domain::HireStage::Applicant)), ..SubjectFields::default() };
    ws.edit_subject(candidate, &applicant).unwrap();
    let d = first(&ws);
    assert!(
        d.starts_with("Northwind Analytics, Inc. reports an applicant for a remote IT position it suspects of being"),
        "{d}"
    );
    assert!(d.contains("The suspected applicant is recorded under the name Jin Park."), "{d}");
    let employed =
        SubjectFields { hire_stage: Some(Some(crate::domain::HireStage::Employed)), ..SubjectFields::default() };
    ws.edit_subject(candidate, &employed).unwrap();

    ws.set_status(case, CaseStatus::Closed, Some(Disposition::Cleared)).unwrap();
    let d = first(&ws);
    assert!(d.contains("and closed the matter as cleared.") && !d.contains("suspect"), "{d}");
    // A red flag was observed: the worker is not suspected because the case was cleared, not for want of one.
    let cleared = build(&ws, case, &Options::default()).unwrap();
    assert_eq!(cleared.subjects[0].described_as, "candidate, not suspected (the case was closed as cleared)");
    ws.set_status(case, CaseStatus::Closed, Some(Disposition::Inconclusive)).unwrap();
    assert!(first(&ws).contains("and closed the matter as inconclusive."));
    ws.set_status(case, CaseStatus::Closed, Some(Disposition::Confirmed)).unwrap();
    assert!(first(&ws).contains("reports a remote IT worker it concluded is a North Korean (DPRK) IT worker"));
}

/// Without an organization name, the stand-in reads as part of the sentence it is in.
#[test]
fn an_unnamed_organization_is_lowercase_inside_a_sentence() {
    let (mut ws, case) = workspace();
    ws.set_organization(&[("name".into(), String::new())]).unwrap();
    let d = build(&ws, case, &Options::default()).unwrap().description.value;
    assert!(
        d.contains("No evidence files are attached yet; the reporting organization keeps the case records."),
        "{d}"
    );
}

#[test]
fn a_case_with_no_worker_recorded_says_which_subject_is_missing_without_contradicting_its_opening() {
    let mut ws = Workspace::open_in_memory("Ana Investigator").unwrap();
    let case = ws.create_case(&NewCase { title: "Tip".into(), priority: Priority::High, candidate: None }).unwrap();
    ws.add_subject(case, Role::Facilitator, "Laptop host", &SubjectFields::default()).unwrap();
    ws.set_mark(case, "RF-LOC-04", MarkState::Flagged, Some("Laptop checks in from Phoenix.")).unwrap();
    let text = build(&ws, case, &Options::default()).unwrap().description.value;
    assert!(text.contains("No subject in the case file is recorded as the worker (role candidate)."), "{text}");
    assert!(!text.contains("recorded under the name"), "{text}");
}

#[test]
fn a_hire_date_of_someone_recorded_as_an_applicant_is_not_called_a_hire() {
    let (mut ws, case) = workspace();
    let fields = |stage| SubjectFields {
        hire_stage: Some(Some(stage)),
        hired_on: Some("2025-01-10".into()),
        ..SubjectFields::default()
    };
    use crate::domain::HireStage;
    let applicant = ws.add_subject(case, Role::Facilitator, "Kevin Doyle", &fields(HireStage::Applicant)).unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    let d = &s.description.value;
    assert!(
        d.contains(
            "2025-01-10: hire or engagement date recorded for Kevin Doyle, whose hire stage is recorded as applicant."
        ),
        "{d}"
    );
    assert!(!d.contains("was hired"), "{d}");
    ws.edit_subject(
        applicant,
        &SubjectFields { hire_stage: Some(Some(HireStage::Employed)), ..SubjectFields::default() },
    )
    .unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    assert!(s.description.value.contains("Kevin Doyle was hired or engaged (recorded hire stage: employed)."));
}

#[test]
fn a_reference_left_out_is_left_out_of_every_section() {
    let (mut ws, case) = workspace();
    let reference = ws.add_subject(case, Role::Reference, "Maria Lopez", &SubjectFields::default()).unwrap();
    for (kind, value) in [
        (IdentifierKind::Email, "maria.lopez@example.org"),
        (IdentifierKind::Ip, "203.0.113.7"),
        (IdentifierKind::Handle, "@mlopez"),
    ] {
        ws.add_identifier(case, kind, value, Some(reference), "", false).unwrap();
    }
    let to_them = NewPayment {
        subject_id: Some(reference),
        amount_cents: 1_000,
        recipient: "Maria Lopez".into(),
        name_on_account: "M. Lopez".into(),
        ..NewPayment::default()
    };
    pay(&mut ws, case, to_them);
    // Typed to their name, not tied to them: theirs too; and an account in their name, whoever was paid.
    pay(
        &mut ws,
        case,
        NewPayment { amount_cents: 500, recipient: "maria  LOPEZ (sister)".into(), ..NewPayment::default() },
    );
    let held = NewPayment {
        amount_cents: 700,
        recipient: "Acme Holdings".into(),
        name_on_account: "Maria Lopez".into(),
        ..NewPayment::default()
    };
    pay(&mut ws, case, held);
    // Their phone is in another case file too: not the complaint's to say shared.
    ws.add_identifier(case, IdentifierKind::Phone, "+1 202 555 0188", Some(reference), "", false).unwrap();
    let other = ws.create_case(&NewCase { title: "Other".into(), priority: Priority::Low, candidate: None }).unwrap();
    ws.add_identifier(other, IdentifierKind::Phone, "+1 202 555 0188", None, "", false).unwrap();
    let everything = |s: &Summary| {
        [Format::Markdown, Format::Text, Format::Json].iter().map(|f| render(s, *f)).collect::<Vec<_>>().join("\n")
    };
    let s = build(&ws, case, &Options::default()).unwrap();
    assert_eq!(s.subjects_left_out.len(), 1);
    assert!(s.subjects_left_out[0].named_in.is_empty());
    // What the investigator wrote is printed as written: the summary says where it names them.
    let note = ws.add_note(case, "Called maria lopez about the candidate.").unwrap();
    // Their value quoted (as an accepted suggestion's note does) is named too; "Mariana Lopezova" is not them.
    ws.set_mark(case, "RF-COM-02", MarkState::Flagged, Some("maria.lopez@example.org also in case #9")).unwrap();
    ws.add_note(case, "Mariana Lopezova called.").unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    assert_eq!(s.subjects_left_out[0].named_in, [format!("note #{note}"), "RF-COM-02's note".to_string()]);
    ws.set_mark(case, "RF-COM-02", MarkState::Open, Some("set aside")).unwrap();
    let said = render(&s, Format::Markdown);
    assert!(said.contains(&format!("named in note #{note}, RF-COM-02's note, printed as written")), "{said}");
    ws.void(crate::store::void::Voidable::Note, note, "named the reference").unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    let out = everything(&s);
    for value in [
        "maria.lopez@example.org",
        "203.0.113.7",
        "@mlopez",
        "M. Lopez",
        "555 0188",
        "5550188",
        "maria  LOPEZ",
        "LOPEZ (sister)",
    ] {
        assert!(!out.contains(value), "{value} in {out}");
    }
    // Named only as left out, typed as the recipient or not.
    for format in [Format::Markdown, Format::Text] {
        let shown = render(&s, format);
        let named: Vec<&str> = shown.lines().filter(|l| l.contains("Maria Lopez")).collect();
        assert!(!named.is_empty() && named.iter().all(|l| l.contains("Left out")), "{named:?}");
    }
    assert!(!out.contains("appears in another case file"), "{out}");
    assert!(
        out.contains("No identifiers are listed. 4 identifiers of references left out of this summary are not listed."),
        "{out}"
    );
    // The payment itself stays: money paid is the complaint's, whoever received it.
    assert_eq!(s.transactions.items.len(), 3);
    let other = &s.transactions.items[2];
    assert_eq!(other.recipient_name.value, "Acme Holdings", "another recipient stays");
    assert_eq!(other.name_on_account.value, "(withheld: a reference left out of this summary)", "not the recipient's");
    // A placeholder is no name to paste: the fields to fix before filing say so.
    assert!(
        s.format_problems
            .iter()
            .any(|p| p.field == "Transaction 3: Recipient name on account"
                && p.problem.contains("left out of this summary")),
        "{:?}",
        s.format_problems
    );
    assert!(s.description.value.contains("payment of USD 10.00 by wire transfer."), "{}", s.description.value);
    // Included, the reference is named with what was recorded of them.
    ws.set_answer(case, crate::domain::AnswerField::IncludeReferences, "yes").unwrap();
    let out = everything(&build(&ws, case, &Options::default()).unwrap());
    for value in ["maria.lopez@example.org", "203.0.113.7", "@mlopez", "to Maria Lopez"] {
        assert!(out.contains(value), "{value} not in {out}");
    }
}

#[test]
fn whose_name_an_account_is_in_is_said_only_when_recorded() {
    let (mut ws, case) = workspace();
    let candidate = ws.subjects(case).unwrap()[0].id;
    let name_on_account = |ws: &Workspace| {
        let s = build(ws, case, &Options::default()).unwrap();
        s.transactions.items.iter().map(|t| t.name_on_account.value.clone()).collect::<Vec<_>>()
    };
    // The subject paid is the recipient; whose name the account is in was not recorded.
    let paid = NewPayment { amount_cents: 100, ..NewPayment::default() };
    pay(&mut ws, case, NewPayment { subject_id: Some(candidate), account: "000123456789".into(), ..paid.clone() });
    assert_eq!(name_on_account(&ws), [""]);
    // A recipient typed is the account's name unless another is recorded (`--name-on-account`).
    pay(&mut ws, case, NewPayment { recipient: "Jin Park".into(), ..paid.clone() });
    let other = NewPayment { recipient: "Jin Park".into(), name_on_account: "Lee Min".into(), ..paid };
    pay(&mut ws, case, other);
    assert_eq!(name_on_account(&ws), ["", "Jin Park", "Lee Min"]);
    // A payment tied to a reference left out, recorded as into an account in their name: withheld, as
    // one to anybody else into an account in their name is, and listed to fix before filing.
    let rita = ws.add_subject(case, Role::Reference, "Rita Reference", &SubjectFields::default()).unwrap();
    let tied = NewPayment { subject_id: Some(rita), name_on_account: "Rita Reference".into(), ..paid_again() };
    pay(&mut ws, case, tied);
    // Written family name first, to anybody: theirs too.
    pay(&mut ws, case, NewPayment { name_on_account: "Reference, Rita".into(), ..paid_again() });
    let withheld = "(withheld: a reference left out of this summary)";
    assert_eq!(name_on_account(&ws)[3..], [withheld, withheld]);
    let s = build(&ws, case, &Options::default()).unwrap();
    assert!(s.format_problems.iter().any(|p| p.field == "Transaction 4: Recipient name on account"), "{s:?}");
}

fn paid_again() -> NewPayment {
    NewPayment { amount_cents: 100, ..NewPayment::default() }
}
