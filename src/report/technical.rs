//! The technical details (form section 6, 5,000 characters): every IP, device serial, profile, wallet,
//! bank account and identity document number recorded as an identifier, the contact details no subject
//! block holds, and the flagged technical and location findings.

use std::fmt::Write;

use std::collections::{HashMap, HashSet};

use super::assemble::FirstHeld;
use super::draft::{neutral, one_line};
use super::load::{CaseData, Text};
use crate::catalog::Category;
use crate::domain::{AnswerField, IdentifierKind, MarkState, Role, YesNo};

/// The technical details: every IP (which subject, and whether it is the one in the subject block),
/// device serials, profiles and repositories, wallets, contact details no subject block holds, and
/// the notes of flagged technical and location items. Nothing here is shortened.
pub(super) fn technical_details(d: &CaseData) -> String {
    use IdentifierKind as K;
    // The summary holds only subjects not voided: a value recorded against one voided since (before
    // vetdesk refused that) says so rather than that it has no subject.
    let subjects: HashMap<i64, &crate::domain::Subject> = d.subjects.iter().map(|s| (s.id, s)).collect();
    let who = |id: Option<i64>| match (id, id.and_then(|id| subjects.get(&id))) {
        (_, Some(s)) => format!("{}, {}", one_line(&s.name), s.role),
        (Some(_), None) => "recorded against a subject since voided".to_string(),
        (None, None) => "no subject".to_string(),
    };
    let line = |i: &crate::domain::Identifier, value: &str, extra: &str| {
        let mut l = format!("- {value} ({}{extra})", who(i.subject_id));
        if !i.note.trim().is_empty() {
            let _ = write!(l, ": {}", one_line(&d.as_written(&i.note, Text::Identifier(i.id))));
        }
        if let Some(w) = &i.warning {
            let _ = write!(l, " [format warning: {w}]");
        }
        l
    };
    // A subject has a block in section 4 when it is recorded (not voided) and listed there: a reference
    // only when the case includes references.
    let include_references = d.answers.yes_no(AnswerField::IncludeReferences) == Some(YesNo::Yes);
    let blocks: HashSet<i64> =
        d.subjects.iter().filter(|s| s.role != Role::Reference || include_references).map(|s| s.id).collect();
    let has_block = |sid: i64| blocks.contains(&sid);
    let first = FirstHeld::new(d);
    let in_block = |i: &crate::domain::Identifier, kinds: &[K]| {
        i.subject_id.is_some_and(|sid| has_block(sid) && first.of(sid, kinds).is_some_and(|f| f.id == i.id))
    };
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    let of = |kind: K| d.identifiers.iter().filter(move |i| i.kind == kind);

    let ips = of(K::Ip)
        .map(|i| {
            let extra = match (i.subject_id.filter(|&sid| has_block(sid)), in_block(i, &[K::Ip])) {
                (None, _) => "",
                (Some(_), true) => "; the IP in the subject block",
                (Some(_), false) => "; further IP",
            };
            line(i, &i.normalized, extra)
        })
        .collect();
    groups.push(("IP addresses", ips));
    groups.push(("Device serials", of(K::DeviceSerial).map(|i| line(i, &i.raw, "")).collect()));
    let web = d.identifiers.iter().filter(|i| matches!(i.kind, K::Url | K::Handle));
    groups.push(("Profiles, repositories and handles", web.map(|i| line(i, &i.raw, "")).collect()));
    groups.push(("Cryptocurrency wallets", of(K::CryptoWallet).map(|i| line(i, &i.raw, "")).collect()));
    // Given by a subject but not (or not only) paid into: the form has no field for them but this one.
    let banking = d.identifiers.iter().filter(|i| matches!(i.kind, K::BankAccount | K::RoutingNumber));
    groups.push((
        "Bank accounts and routing numbers",
        banking.map(|i| line(i, &i.raw, &format!("; {}", i.kind))).collect(),
    ));
    groups.push(("Identity document numbers", of(K::DocumentNumber).map(|i| line(i, &i.raw, "")).collect()));
    let contacts = d
        .identifiers
        .iter()
        .filter(|i| matches!(i.kind, K::Email | K::Phone | K::Address) && !in_block(i, &[i.kind]))
        .map(|i| line(i, &i.raw, &format!("; {}", i.kind)));
    groups.push(("Contact details not in a subject block", contacts.collect()));
    let findings = d
        .checklist
        .iter()
        .filter(|e| {
            e.state == MarkState::Flagged && matches!(e.item.category, Category::Technical | Category::Location)
        })
        .map(|e| {
            let mut l = format!("- {} [{}]", e.item.title, e.item.code);
            if !e.note.trim().is_empty() {
                let _ = write!(l, ": {}", one_line(&d.mark_note(&e.item.code).unwrap_or_default()));
            }
            l
        });
    groups.push(("Flagged technical and location findings", findings.collect()));

    let mut out = String::new();
    for (title, lines) in groups.into_iter().filter(|(_, l)| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(out, "{title}:");
        for l in lines {
            let _ = writeln!(out, "{l}");
        }
    }
    out.truncate(out.trim_end().len());
    // Pasted into the form like the description, so internal case numbers are put in words here too.
    neutral(&out, d.case_numbers())
}
