//! The forms the TUI shows, built from what the screen holds. What submitting each one does is in
//! `submit.rs`.

use super::app::{App, Choice, Choose, Screen};
use super::form::{Field, Form, Purpose};
use super::pick::{self, Pick};
use crate::Error;
use crate::domain::{
    AMOUNT_FORMS, AnswerField, Answers, Case, CaseStatus, Disposition, HireStage, IdentifierKind, NewPayment,
    PAYMENT_METHODS, Priority, Role, Subject, YesNo, parse_amount,
};
use crate::workspace::{Decision, Suggestion};

/// A domain enum's words, in its own order: what a picker offers.
fn words<T: std::fmt::Display>(all: &[T]) -> impl Iterator<Item = String> + '_ {
    all.iter().map(ToString::to_string)
}

/// A yes/no field: the two answers' own words.
fn yes_no(label: &'static str, hint: &str, yes: bool) -> Field {
    let current = if yes { YesNo::Yes } else { YesNo::No };
    Field::pick(label, hint, words(&[YesNo::No, YesNo::Yes]), current.as_str())
}

/// Reads an optional choice: empty means none.
pub(super) fn optional<T: std::str::FromStr<Err = Error>>(value: &str) -> crate::Result<Option<T>> {
    let v = value.trim();
    if v.is_empty() { Ok(None) } else { v.parse().map(Some) }
}

pub(super) fn optional_text(value: String) -> Option<String> {
    let v = value.trim();
    (!v.is_empty()).then(|| v.to_string())
}

pub fn new_case() -> Form {
    Form::new(
        "New case",
        Purpose::NewCase,
        vec![
            Field::line("Title", "e.g. Backend engineer (contract)", ""),
            Field::line("Candidate", "the candidate's name, if known", ""),
            Field::pick("Priority", "", words(Priority::ALL), Priority::Medium.as_str()),
        ],
    )
}

pub fn add_to_overview() -> Choose {
    Choose {
        prompt: "Add to this case",
        options: vec![
            Choice { key: 's', label: "subject (person or business)", form: add_subject },
            Choice { key: 'i', label: "identifier (email, phone, account…)", form: add_identifier },
            Choice { key: 'p', label: "payment", form: add_payment },
        ],
    }
}

fn add_subject(app: &App) -> Form {
    Form::new(
        "Add a subject",
        Purpose::AddSubject { case_id: app.case_id().unwrap_or_default() },
        vec![
            Field::line("Name", "", ""),
            Field::pick("Role", "", words(Role::ALL), Role::Candidate.as_str()),
            Field::line("Position", "role or position applied for", ""),
            Field::line("Business", "for a vendor or front company", ""),
            Field::line("Location", "claimed location", ""),
        ],
    )
}

/// The case's own details, as `vetdesk case edit` sets them.
pub fn edit_case(c: &Case) -> Form {
    Form::new(
        format!("Edit case #{}", c.id),
        Purpose::EditCase { case_id: c.id },
        vec![
            Field::line("Title", "", &c.title),
            Field::pick("Priority", "", words(Priority::ALL), c.priority.as_str()),
            Field::line("Tags", "comma-separated; a tag given twice is kept once", &c.tags.join(", ")),
            Field::text("Witnesses", "the IC3 form's witnesses, as the summary gives them", &c.witnesses),
            Field::text("Other reports", "other agencies or platforms this was reported to", &c.other_reports),
        ],
    )
}

pub fn edit_subject(s: &Subject) -> Form {
    Form::new(
        format!("Edit subject #{}", s.id),
        Purpose::EditSubject { subject_id: s.id },
        vec![
            Field::line("Name", "", &s.name),
            Field::pick("Role", "", words(Role::ALL), s.role.as_str()),
            Field::line("Aliases", "comma-separated; a name given twice is kept once", &s.aliases.join(", ")),
            Field::line("Position", "", &s.position),
            Field::line("Business", "", &s.business),
            Field::line("Vendor", "staffing firm or vendor", &s.vendor),
            Field::line("Location", "claimed location", &s.location),
            Field::optional_pick("Hire stage", "", words(HireStage::ALL), s.hire_stage.map_or("", HireStage::as_str)),
            Field::line("Hired on", "YYYY-MM-DD", s.hired_on.as_deref().unwrap_or("")),
        ],
    )
}

/// Which of the case's subjects a record belongs to, or none: a picker of their names, on `current`
/// (an id, or empty). Voided subjects are not offered, unless the record is theirs already.
fn subject_field(subjects: &[Subject], current: &str) -> Field {
    let choices = std::iter::once(pick::Choice::none())
        .chain(
            subjects
                .iter()
                .filter(|s| s.void.is_none() || s.id.to_string() == current)
                .map(|s| pick::Choice { value: s.id.to_string(), shown: format!("#{} {} ({})", s.id, s.name, s.role) }),
        )
        .collect();
    Field::choices("Subject", "who this belongs to", Pick::new(choices, current))
}

fn subjects(app: &App) -> &[Subject] {
    match &app.screen {
        Screen::Case(view) => &view.subjects,
        Screen::List(_) => &[],
    }
}

pub fn edit_identifier(subjects: &[Subject], i: &crate::domain::Identifier) -> Form {
    Form::new(
        format!("Correct identifier #{}", i.id),
        Purpose::EditIdentifier { identifier_id: i.id },
        vec![
            Field::pick("Kind", "", words(IdentifierKind::ALL), i.kind.as_str()),
            Field::line("Value", "", &i.raw),
            subject_field(subjects, &i.subject_id.map(|s| s.to_string()).unwrap_or_default()),
            Field::line("Note", "", &i.note),
            yes_no("Keep if invalid", "yes keeps a value that fails its check, with a warning", i.warning.is_some()),
        ],
    )
}

pub fn edit_payment(subjects: &[Subject], p: &crate::domain::Payment) -> Form {
    // As it can be typed back: a third decimal place (5.550 BHD) is refused on input as ambiguous.
    let amount = crate::domain::format_amount_to_type(p.amount_cents, &p.currency);
    let subject = p.subject_id.map(|s| s.to_string()).unwrap_or_default();
    let values: [&str; PAYMENT_FIELDS] = [
        &p.paid_on,
        &amount,
        &p.currency,
        &p.method,
        &p.bank_contacted,
        &p.recipient,
        &p.name_on_account,
        &p.bank,
        &p.bank_address,
        &p.bank_city,
        &p.bank_state,
        &p.bank_zip,
        &p.bank_country,
        &p.routing_number,
        &p.account,
        &p.swift,
        &p.originating_bank,
        &p.originating_account,
        &p.wallet,
        &p.tx_hash,
        &subject,
        &p.note,
    ];
    payment_form(format!("Correct payment #{}", p.id), Purpose::EditPayment { payment_id: p.id }, subjects, values)
}

fn add_identifier(app: &App) -> Form {
    let candidate = subjects(app).first().map(|s| s.id.to_string()).unwrap_or_default();
    Form::new(
        "Add an identifier",
        Purpose::AddIdentifier { case_id: app.case_id().unwrap_or_default() },
        vec![
            Field::pick("Kind", "", words(IdentifierKind::ALL), IdentifierKind::Email.as_str()),
            Field::line("Value", "", ""),
            subject_field(subjects(app), &candidate),
            Field::line("Note", "", ""),
            yes_no("Keep if invalid", "yes records a value that fails its check, with a warning", false),
        ],
    )
}

fn add_payment(app: &App) -> Form {
    let purpose = Purpose::AddPayment { case_id: app.case_id().unwrap_or_default() };
    let mut values = [""; PAYMENT_FIELDS];
    (values[2], values[3]) = ("USD", "wire");
    payment_form("Add a payment".into(), purpose, subjects(app), values)
}

/// How many fields the payment form has.
const PAYMENT_FIELDS: usize = 22;

fn payment_form(title: String, purpose: Purpose, subjects: &[Subject], v: [&str; PAYMENT_FIELDS]) -> Form {
    Form::new(
        title,
        purpose,
        vec![
            Field::line("Date", "YYYY-MM-DD", v[0]),
            Field::line("Amount", AMOUNT_FORMS, v[1]),
            Field::line("Currency", "3 letters; reports never convert other currencies to US dollars", v[2]),
            Field::pick(
                "Method",
                "p2p: the app (Zelle, Cash App) goes in its IC3 fields, i on the payment once saved",
                PAYMENT_METHODS.iter().copied(),
                v[3],
            ),
            Field::optional_pick("Bank contacted", "did you contact your bank or exchange?", words(YesNo::ALL), v[4]),
            Field::line("Recipient", "who received the money", v[5]),
            Field::line("Name on account", "whose name the receiving account is in, if not the recipient's", v[6]),
            Field::line("Bank", "the receiving bank", v[7]),
            Field::line("Bank address", "the receiving bank's street address, one line", v[8]),
            Field::line("Bank city", "the receiving bank's city", v[9]),
            Field::line("Bank state", "the receiving bank's state", v[10]),
            Field::line("Bank ZIP code", "the receiving bank's ZIP code", v[11]),
            Field::line("Bank country", "the receiving bank's country", v[12]),
            Field::line("Routing number", "ABA, checked", v[13]),
            Field::line("Account", "the receiving account", v[14]),
            Field::line("SWIFT", "the receiving bank's SWIFT/BIC, kept as given", v[15]),
            Field::line("Originating bank", "the bank the money left from", v[16]),
            Field::line("Originating account", "the account the money left from", v[17]),
            Field::line("Wallet", "cryptocurrency: the receiving wallet", v[18]),
            Field::line("Transaction hash", "cryptocurrency: the transaction hash", v[19]),
            subject_field(subjects, v[20]),
            Field { rows: 3, ..Field::text("Note", "kept with the payment: who asked for it, who said what", v[21]) },
        ],
    )
}

pub(super) fn subject_id(value: String) -> crate::Result<Option<i64>> {
    optional_text(value)
        .map(|s| {
            s.trim_start_matches('#').parse::<i64>().map_err(|_| Error::invalid(format!("subject {s:?} is not an id")))
        })
        .transpose()
}

pub(super) fn payment_from(form: &Form) -> crate::Result<NewPayment> {
    let v = |i| form.value(i);
    Ok(NewPayment {
        paid_on: v(0),
        amount_cents: parse_amount(&v(1))?,
        currency: v(2),
        method: v(3),
        bank_contacted: v(4),
        recipient: v(5),
        name_on_account: v(6),
        bank: v(7),
        bank_address: v(8),
        bank_city: v(9),
        bank_state: v(10),
        bank_zip: v(11),
        bank_country: v(12),
        routing_number: v(13),
        account: v(14),
        swift: v(15),
        originating_bank: v(16),
        originating_account: v(17),
        wallet: v(18),
        tx_hash: v(19),
        subject_id: subject_id(v(20))?,
        note: v(21),
        details: Default::default(),
    })
}

pub fn mark_note(app: &App, case_id: i64, code: &str) -> Form {
    let note = match &app.screen {
        Screen::Case(view) => view.checklist.iter().find(|e| e.item.code == code).map(|e| e.note.clone()),
        Screen::List(_) => None,
    };
    Form::new(
        format!("Note on {code} (Ctrl-S saves)"),
        Purpose::MarkNote { case_id, code: code.to_string() },
        vec![Field::text("Note", "what was seen, where, by whom", &note.unwrap_or_default())],
    )
}

/// Which of the case's evidence to link to item `code`: a list of the files, each with its
/// description, those already linked to the item left out.
pub fn link_evidence(app: &App, code: &str) -> crate::Result<Form> {
    let Screen::Case(view) = &app.screen else { return Err(Error::invalid("open a case first")) };
    let choices: Vec<pick::Choice> = view
        .evidence
        .iter()
        .filter(|e| e.void.is_none() && !e.items.iter().any(|i| i == code))
        .map(|e| {
            let name = std::path::Path::new(&e.path).file_name().map_or(e.path.clone(), |n| n.to_string_lossy().into());
            let about = if e.description.is_empty() { String::new() } else { format!(" · {}", e.description) };
            let check =
                e.last_check.as_deref().filter(|c| *c != "intact").map(|c| format!(" · {c}")).unwrap_or_default();
            pick::Choice { value: e.id.to_string(), shown: format!("#{} {name}{about}{check}", e.id) }
        })
        .collect();
    if choices.is_empty() {
        let why = if view.evidence.is_empty() {
            "this case has no evidence yet: attach a file on the Evidence tab".to_string()
        } else {
            format!("every file of this case is already linked to {code}, or voided")
        };
        return Err(Error::invalid(why));
    }
    let pick = Pick { list: true, ..Pick::new(choices, "") };
    Ok(Form::new(
        format!("Link evidence to {code}"),
        Purpose::LinkEvidence { code: code.to_string() },
        vec![Field::choices("Evidence", "the file that supports this item", pick)],
    ))
}

pub fn add_note(case_id: i64) -> Form {
    Form::new("New note (Ctrl-S saves)", Purpose::AddNote { case_id }, vec![Field::text("Note", "", "")])
}

pub fn edit_note(note: &crate::domain::Note) -> Form {
    Form::new(
        format!("Edit note #{} (the earlier text is kept; Ctrl-S saves)", note.id),
        Purpose::EditNote { note_id: note.id },
        vec![Field::text("Note", "", &note.body)],
    )
}

pub fn add_evidence(case_id: i64) -> Form {
    Form::new(
        "Attach evidence",
        Purpose::AddEvidence { case_id },
        vec![
            Field::path("Path", "Tab completes; the file is hashed, never copied", ""),
            Field::line("Description", "", ""),
            Field::line("Items", "checklist codes it supports, space-separated", ""),
            yes_no(
                "Resume",
                &format!("yes compares it with other cases' resumes ({} files)", crate::resume::SUPPORTED),
                false,
            ),
        ],
    )
}

/// Where evidence went: a folder to search for its SHA-256, or the file itself.
pub fn relocate_evidence(e: &crate::domain::Evidence) -> Form {
    let was = crate::text::display_path(std::path::Path::new(&e.path));
    Form::new(
        format!("Relocate evidence #{} (was {was})", e.id),
        Purpose::RelocateEvidence { evidence_id: e.id },
        vec![Field::path(
            "Folder or file",
            "Tab completes · a folder is searched, and the folders below · a file must match the SHA-256",
            "",
        )],
    )
}

/// Accepting or dismissing a suggestion: the one field is the note (or reason) kept with the decision.
pub fn decide_suggestion(case_id: i64, s: &Suggestion, decision: Decision) -> Form {
    // The item's title can be long: it goes in the hint, which wraps, not in the title, which is cut.
    let (title, label, hint) = match decision {
        Decision::Accept => (
            format!("Accept {}: flag it", s.code),
            "Note",
            format!("optional; added to the item's note with the reasons · {}: {}", s.code, s.title),
        ),
        Decision::Dismiss => (
            format!("Dismiss {}: leave it as it is", s.code),
            "Reason",
            format!(
                "optional: why this does not apply; these reasons will not be suggested again · {}: {}",
                s.code, s.title
            ),
        ),
    };
    Form::new(
        title,
        Purpose::DecideSuggestion { case_id, code: s.code.clone(), decision },
        vec![Field::line(label, hint, "")],
    )
}

pub fn change_status(case: &Case) -> Form {
    Form::new(
        format!("Status of case #{}", case.id),
        Purpose::ChangeStatus { case_id: case.id },
        vec![
            Field::pick("Status", "", words(CaseStatus::ALL), case.status.as_str()),
            Field::optional_pick(
                "Disposition",
                "the finding, when the status is closed",
                words(Disposition::ALL),
                case.disposition.map_or("", Disposition::as_str),
            ),
        ],
    )
}

pub fn export(case_id: i64, redact: bool) -> Form {
    let redacted = if redact { "-redacted" } else { "" };
    export_to(case_id, redact, &format!("case-{case_id}{redacted}.md"))
}

/// [`export`] with `path` in its field (the name given, when replacing that file was declined).
pub fn export_to(case_id: i64, redact: bool, path: &str) -> Form {
    Form::new(
        "Export the IC3-ready summary",
        Purpose::Export { case_id, redact },
        vec![Field::path("File", ".md Markdown, .txt plain text, .json JSON; written 0600", path)],
    )
}

/// The IC3 form's questions for a case, as they are answered now; an empty field is unanswered.
pub fn answers(case_id: i64, answers: &Answers) -> Form {
    let fields = ANSWER_FIELDS
        .iter()
        .map(|f| {
            let hint = format!("{}: {}", f.as_str(), f.expects());
            let value = answers.text(*f);
            if matches!(f, AnswerField::Harm | AnswerField::Containment) {
                Field::text(f.question(), hint, value)
            } else if f.is_yes_no() {
                let unanswered = pick::Choice { value: String::new(), shown: "(unanswered)".into() };
                let choices = std::iter::once(unanswered).chain(words(YesNo::ALL).map(pick::Choice::word)).collect();
                Field::choices(f.question(), "", Pick::new(choices, value))
            } else {
                Field::line(f.question(), hint, value)
            }
        })
        .collect();
    Form::new(format!("IC3 form answers, case #{case_id} (Ctrl-S saves)"), Purpose::Answers { case_id }, fields)
}

/// The answers form's fields, in the form's order.
pub(super) const ANSWER_FIELDS: [AnswerField; 10] = [
    AnswerField::Affected,
    AnswerField::BusinessTargeted,
    AnswerField::OperationsImpacted,
    AnswerField::Harm,
    AnswerField::MoneyLost,
    AnswerField::Containment,
    AnswerField::IncludeReferences,
    AnswerField::Update,
    AnswerField::PreviousComplaint,
    AnswerField::Signature,
];
