//! The forms the TUI shows, and what submitting each one does. Every change goes through the
//! workspace API, the same calls the CLI makes.

use std::path::PathBuf;

use super::app::{App, Choice, Choose, Overlay, Pending, Screen};
use super::form::{Field, Form, Purpose};
use super::job::{self, Job, Then};
use crate::Error;
use crate::domain::{
    Case, CaseStatus, Disposition, HireStage, IdentifierKind, NewPayment, Priority, Role, Subject, SubjectFields,
    parse_amount,
};
use crate::report::{self, Format, Options};
use crate::workspace::{Decision, NewCase, Suggestion};

fn words<T: std::fmt::Display>(all: &[T]) -> String {
    all.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

/// Reads an optional choice: empty means none.
fn optional<T: std::str::FromStr<Err = Error>>(value: &str) -> crate::Result<Option<T>> {
    let v = value.trim();
    if v.is_empty() { Ok(None) } else { v.parse().map(Some) }
}

fn optional_text(value: String) -> Option<String> {
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
            Field::line("Priority", words(Priority::ALL), "medium"),
        ],
    )
}

pub fn search(app: &App) -> Form {
    let current = match &app.screen {
        Screen::List(list) => list.search.clone().unwrap_or_default(),
        Screen::Case(_) => String::new(),
    };
    Form::new(
        "Search cases",
        Purpose::Search,
        vec![Field::line("Words", "matched in titles, subjects, identifiers and notes", &current)],
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
            Field::line("Role", words(Role::ALL), "candidate"),
            Field::line("Position", "role or position applied for", ""),
            Field::line("Business", "for a vendor or front company", ""),
            Field::line("Location", "claimed location", ""),
        ],
    )
}

pub fn edit_subject(s: &Subject) -> Form {
    Form::new(
        format!("Edit subject #{}", s.id),
        Purpose::EditSubject { subject_id: s.id },
        vec![
            Field::line("Name", "", &s.name),
            Field::line("Role", words(Role::ALL), s.role.as_str()),
            Field::line("Aliases", "comma-separated", &s.aliases.join(", ")),
            Field::line("Position", "", &s.position),
            Field::line("Business", "", &s.business),
            Field::line("Vendor", "staffing firm or vendor", &s.vendor),
            Field::line("Location", "claimed location", &s.location),
            Field::line("Hire stage", words(HireStage::ALL), s.hire_stage.map_or("", HireStage::as_str)),
            Field::line("Hired on", "YYYY-MM-DD", s.hired_on.as_deref().unwrap_or("")),
        ],
    )
}

pub fn edit_identifier(i: &crate::domain::Identifier) -> Form {
    Form::new(
        format!("Correct identifier #{}", i.id),
        Purpose::EditIdentifier { identifier_id: i.id },
        vec![
            Field::line("Kind", words(IdentifierKind::ALL), i.kind.as_str()),
            Field::line("Value", "", &i.raw),
            Field::line("Subject", "subject id, or empty", &i.subject_id.map(|s| s.to_string()).unwrap_or_default()),
            Field::line("Note", "", &i.note),
            Field::line(
                "Keep if invalid",
                "yes to keep a value that fails its check",
                if i.warning.is_some() { "yes" } else { "no" },
            ),
        ],
    )
}

pub fn edit_payment(p: &crate::domain::Payment) -> Form {
    let mut form = payment_form(
        format!("Correct payment #{}", p.id),
        Purpose::EditPayment { payment_id: p.id },
        [
            &p.paid_on,
            &crate::domain::format_cents(p.amount_cents),
            &p.currency,
            &p.method,
            &p.recipient,
            &p.bank,
            &p.routing_number,
            &p.account,
        ],
    );
    form.fields.push(Field::line(
        "Subject",
        "subject id, or empty",
        &p.subject_id.map(|s| s.to_string()).unwrap_or_default(),
    ));
    form
}

fn add_identifier(app: &App) -> Form {
    let candidate = match &app.screen {
        Screen::Case(view) => view.subjects.first().map(|s| s.id.to_string()).unwrap_or_default(),
        Screen::List(_) => String::new(),
    };
    Form::new(
        "Add an identifier",
        Purpose::AddIdentifier { case_id: app.case_id().unwrap_or_default() },
        vec![
            Field::line("Kind", words(IdentifierKind::ALL), "email"),
            Field::line("Value", "", ""),
            Field::line("Subject", "subject id, or empty", &candidate),
            Field::line("Note", "", ""),
            Field::line("Keep if invalid", "yes to record a value that fails its check, with a warning", "no"),
        ],
    )
}

fn add_payment(app: &App) -> Form {
    let purpose = Purpose::AddPayment { case_id: app.case_id().unwrap_or_default() };
    let mut form = payment_form("Add a payment".into(), purpose, ["", "", "USD", "wire", "", "", "", ""]);
    form.fields.push(Field::line("Subject", "subject id, or empty", ""));
    form
}

fn payment_form(title: String, purpose: Purpose, v: [&str; 8]) -> Form {
    Form::new(
        title,
        purpose,
        vec![
            Field::line("Date", "YYYY-MM-DD", v[0]),
            Field::line("Amount", "e.g. 4200.50", v[1]),
            Field::line("Currency", "3 letters", v[2]),
            Field::line("Method", crate::domain::PAYMENT_METHODS.join(", "), v[3]),
            Field::line("Recipient", "name on the receiving account", v[4]),
            Field::line("Bank", "", v[5]),
            Field::line("Routing number", "ABA, checked", v[6]),
            Field::line("Account", "", v[7]),
        ],
    )
}

fn subject_id(value: String) -> crate::Result<Option<i64>> {
    optional_text(value)
        .map(|s| {
            s.trim_start_matches('#').parse::<i64>().map_err(|_| Error::invalid(format!("subject {s:?} is not an id")))
        })
        .transpose()
}

fn payment_from(form: &Form) -> crate::Result<NewPayment> {
    let v = |i| form.value(i);
    Ok(NewPayment {
        subject_id: subject_id(v(8))?,
        paid_on: v(0),
        amount_cents: parse_amount(&v(1))?,
        currency: v(2),
        method: v(3),
        recipient: v(4),
        bank: v(5),
        routing_number: v(6),
        account: v(7),
        note: String::new(),
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

pub fn link_evidence(app: &App, code: &str) -> crate::Result<Form> {
    let Screen::Case(view) = &app.screen else { return Err(Error::invalid("open a case first")) };
    if view.evidence.is_empty() {
        return Err(Error::invalid("this case has no evidence yet: attach a file on the Evidence tab"));
    }
    let ids = view.evidence.iter().map(|e| format!("#{}", e.id)).collect::<Vec<_>>().join(" ");
    Ok(Form::new(
        format!("Link evidence to {code}"),
        Purpose::LinkEvidence { code: code.to_string() },
        vec![Field::line("Evidence", format!("one of {ids}"), "")],
    ))
}

pub fn add_note(case_id: i64) -> Form {
    Form::new("New note (Ctrl-S saves)", Purpose::AddNote { case_id }, vec![Field::text("Note", "", "")])
}

pub fn add_evidence(case_id: i64) -> Form {
    Form::new(
        "Attach evidence",
        Purpose::AddEvidence { case_id },
        vec![
            Field::path("Path", "Tab completes; the file is hashed, never copied"),
            Field::line("Description", "", ""),
            Field::line("Items", "checklist codes it supports, space-separated", ""),
            Field::line(
                "Resume",
                format!("yes to compare it with other cases' resumes ({} files)", crate::resume::SUPPORTED),
                "no",
            ),
        ],
    )
}

/// Accepting or dismissing a suggestion: the one field is the note (or reason) kept with the decision.
pub fn decide_suggestion(case_id: i64, s: &Suggestion, decision: Decision) -> Form {
    let (title, label, hint) = match decision {
        Decision::Accept => (
            format!("Accept {}: flag \"{}\"", s.code, s.title),
            "Note",
            "optional; added to the item's note with the reasons",
        ),
        Decision::Dismiss => (
            format!("Dismiss {}: leave \"{}\" as it is", s.code, s.title),
            "Reason",
            "optional: why this does not apply; these reasons will not be suggested again",
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
            Field::line("Status", words(CaseStatus::ALL), case.status.as_str()),
            Field::line(
                "Disposition",
                format!("when closed: {}", words(Disposition::ALL)),
                case.disposition.map_or("", Disposition::as_str),
            ),
        ],
    )
}

pub fn export(case_id: i64, redact: bool) -> Form {
    let redacted = if redact { "-redacted" } else { "" };
    Form::new(
        "Export the IC3-ready summary",
        Purpose::Export { case_id, redact },
        vec![Field {
            path: true,
            ..Field::line(
                "File",
                ".md Markdown, .txt plain text, .json JSON; written 0600",
                &format!("case-{case_id}{redacted}.md"),
            )
        }],
    )
}

/// Carries out a submitted form. A failure puts the form back with the error, so nothing typed is lost.
pub fn submit(app: &mut App, form: Form) {
    match apply(app, &form) {
        Ok(Some(message)) => app.info(message),
        Ok(None) => {}
        Err(e) => {
            let mut form = form;
            form.error = Some(e.to_string());
            app.overlay = Some(Overlay::Form(Box::new(form)));
        }
    }
}

fn apply(app: &mut App, form: &Form) -> crate::Result<Option<String>> {
    let v = |i| form.value(i);
    let message = match &form.purpose {
        Purpose::NewCase => {
            let priority = optional(&v(2))?.unwrap_or(Priority::Medium);
            let id = app.ws.create_case(&NewCase { title: v(0), priority, candidate: optional_text(v(1)) })?;
            app.open_case(id)?;
            format!("opened case #{id}")
        }
        Purpose::Search => {
            if let Screen::List(list) = &mut app.screen {
                list.search = optional_text(v(0));
                list.selected = 0;
                list.top = 0;
                super::load::load_list(&app.ws, list)?;
                match &list.search {
                    Some(words) => format!("{} case(s) match {words:?} · Esc clears", list.total),
                    None => "search cleared".into(),
                }
            } else {
                String::new()
            }
        }
        Purpose::AddSubject { case_id } => {
            let role = optional(&v(1))?.unwrap_or(Role::Candidate);
            let fields = SubjectFields {
                position: optional_text(v(2)),
                business: optional_text(v(3)),
                location: optional_text(v(4)),
                ..Default::default()
            };
            let id = app.ws.add_subject(*case_id, role, &v(0), &fields)?;
            format!("added subject #{id}")
        }
        Purpose::EditSubject { subject_id } => {
            let fields = SubjectFields {
                name: Some(v(0)),
                role: optional(&v(1))?,
                aliases: Some(v(2).split(',').map(str::to_string).collect()),
                position: Some(v(3)),
                business: Some(v(4)),
                vendor: Some(v(5)),
                location: Some(v(6)),
                hire_stage: optional(&v(7))?,
                hired_on: optional_text(v(8)),
            };
            app.ws.edit_subject(*subject_id, &fields)?;
            format!("subject #{subject_id} updated")
        }
        Purpose::AddIdentifier { case_id } => {
            let kind: IdentifierKind = v(0).parse()?;
            let keep = matches!(v(4).trim().to_lowercase().as_str(), "yes" | "y");
            let added = app.ws.add_identifier(*case_id, kind, &v(1), subject_id(v(2))?, &v(3), keep)?;
            match added.warning {
                Some(w) => format!("recorded identifier #{} with a warning: {w}", added.id),
                None => format!("recorded identifier #{}", added.id),
            }
        }
        Purpose::EditIdentifier { identifier_id } => {
            let kind: IdentifierKind = v(0).parse()?;
            let keep = matches!(v(4).trim().to_lowercase().as_str(), "yes" | "y");
            app.ws.edit_identifier(*identifier_id, kind, &v(1), subject_id(v(2))?, &v(3), keep)?;
            format!("identifier #{identifier_id} corrected")
        }
        Purpose::AddPayment { case_id } => {
            let id = app.ws.add_payment(*case_id, &payment_from(form)?)?;
            format!("recorded payment #{id}")
        }
        Purpose::EditPayment { payment_id } => {
            app.ws.edit_payment(*payment_id, &payment_from(form)?)?;
            format!("payment #{payment_id} corrected")
        }
        Purpose::MarkNote { case_id, code } => {
            let state = match &app.screen {
                Screen::Case(view) => view.checklist.iter().find(|e| &e.item.code == code).map(|e| e.state),
                Screen::List(_) => None,
            };
            app.ws.set_mark(*case_id, code, state.unwrap_or(crate::domain::MarkState::Open), Some(&v(0)))?;
            format!("note on {code} saved")
        }
        Purpose::ControlNote { code } => super::controls::save_note(app, code, &v(0))?,
        Purpose::LinkEvidence { code } => {
            let id: i64 = v(0)
                .trim()
                .trim_start_matches('#')
                .parse()
                .map_err(|_| Error::invalid("give the evidence id, e.g. 3"))?;
            app.ws.link_evidence(id, code)?;
            format!("evidence #{id} linked to {code}")
        }
        Purpose::AddNote { case_id } => {
            let id = app.ws.add_note(*case_id, &v(0))?;
            format!("note #{id} saved")
        }
        Purpose::AddEvidence { case_id } => {
            if app.job.is_some() {
                return Err(Error::invalid("a file is already being hashed; wait, or press Esc to cancel it"));
            }
            let path = PathBuf::from(expand_home(v(0).trim()));
            let codes: Vec<String> = v(2).split_whitespace().map(str::to_string).collect();
            let codes = app.ws.check_evidence_target(*case_id, &codes)?;
            let resume = yes_or_no("Resume", &v(3))?;
            crate::evidence::locate(&path)?;
            if resume {
                crate::workspace::check_resume_format(&path)?;
            }
            let reader = resume.then(|| app.ws.resume_reader().clone());
            app.job = Some(Job::hash(path, reader, Then::Attach { case_id: *case_id, description: v(1), codes }));
            return Ok(None);
        }
        Purpose::DecideSuggestion { case_id, code, decision } => {
            let s = app.ws.decide_suggestion(*case_id, code, *decision, &v(0))?;
            let reasons = s.reasons.len();
            match decision {
                Decision::Accept => {
                    let a = app.ws.assessment(*case_id)?;
                    format!("{code} flagged (suggestion accepted, {reasons} reason(s)) · risk {} ({})", a.score, a.band)
                }
                Decision::Dismiss => format!("{code} suggestion dismissed; its {reasons} reason(s) will not come back"),
            }
        }
        Purpose::ChangeStatus { case_id } => {
            let status: CaseStatus = v(0).parse()?;
            let disposition: Option<Disposition> = optional(&v(1))?;
            status.check_disposition(disposition)?;
            if status == CaseStatus::Closed {
                app.overlay = Some(Overlay::Confirm {
                    question: format!(
                        "Close case #{case_id} as {}? This records the finding.",
                        disposition.map_or("", Disposition::as_str)
                    ),
                    then: Pending::CloseCase { case_id: *case_id, status, disposition },
                });
                return Ok(None);
            }
            app.ws.set_status(*case_id, status, disposition)?;
            app.reload()?;
            format!("case #{case_id} is now {status}")
        }
        Purpose::Export { case_id, redact } => {
            let path = PathBuf::from(expand_home(v(0).trim()));
            // A link, device or folder is refused before asking whether to replace it.
            crate::export::check_target(&path)?;
            if path.exists() {
                app.overlay = Some(Overlay::Confirm {
                    question: format!("{} exists. Replace it?", crate::text::display_path(&path)),
                    then: Pending::Overwrite { path, case_id: *case_id, redact: *redact },
                });
                return Ok(None);
            }
            let message = export_to(app, *case_id, *redact, &path)?;
            if message.is_empty() {
                // Checking the record on a worker thread; the progress bar shows it, then the result.
                return Ok(None);
            }
            message
        }
    };
    if !matches!(form.purpose, Purpose::NewCase | Purpose::Search) {
        app.reload()?;
    }
    Ok(Some(message))
}

/// Reads a yes/no field; empty is no.
fn yes_or_no(label: &str, value: &str) -> crate::Result<bool> {
    match value.trim().to_lowercase().as_str() {
        "yes" | "y" => Ok(true),
        "no" | "n" | "" => Ok(false),
        other => Err(Error::invalid(format!("{label} takes yes or no, not {other:?}"))),
    }
}

fn expand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var("HOME")) {
        (Some(rest), Ok(home)) => format!("{home}/{rest}"),
        _ => path.to_string(),
    }
}

/// Exports a summary. Its record check walks the audit chain, which on a large workspace takes a while,
/// so on a workspace file it runs on a worker thread with a progress bar and the summary is written when
/// it is done ([`job_done`]); a workspace in memory is checked here.
fn export_to(app: &mut App, case_id: i64, redact: bool, path: &std::path::Path) -> crate::Result<String> {
    if let Some(ws) = app.ws.reopen()? {
        app.job = Some(Job::check_record(ws, case_id, Then::Export { case_id, redact, path: path.to_path_buf() }));
        return Ok(String::new());
    }
    let record = report::check_record(&app.ws, case_id, &mut |_, _| {})?;
    write_export(app, case_id, redact, path, record)
}

/// Builds the summary with its record check and writes it.
fn write_export(
    app: &App,
    case_id: i64,
    redact: bool,
    path: &std::path::Path,
    record: report::RecordCheck,
) -> crate::Result<String> {
    let format = match path.extension().and_then(|e| e.to_str()) {
        Some("json") => Format::Json,
        Some("txt") => Format::Text,
        _ => Format::Markdown,
    };
    let summary = report::build_checked(&app.ws, case_id, &Options { redact, verify: true }, Some(record))?;
    let text = report::render(&summary, format);
    crate::export::write_private(path, text.as_bytes())?;
    let warnings = summary.over_limit().len();
    let tail = if warnings > 0 { format!(" · {warnings} field(s) over the IC3 limit") } else { String::new() };
    Ok(format!("wrote {} ({})", crate::text::display_path(path), format.as_str()) + &tail)
}

/// A confirmation was answered yes.
pub fn confirmed(app: &mut App, then: Pending) {
    let result = match then {
        Pending::CloseCase { case_id, status, disposition } => app
            .ws
            .set_status(case_id, status, disposition)
            .and_then(|_| app.reload())
            .map(|()| format!("case #{case_id} closed")),
        Pending::Overwrite { path, case_id, redact } => export_to(app, case_id, redact, &path),
        Pending::UpgradeCase { case_id } => super::upgrade::confirmed(app, case_id),
        Pending::QuitDuringJob => {
            if let Some(job) = &app.job {
                job.cancel();
            }
            app.quit = true;
            Ok(String::new())
        }
    };
    match result {
        Ok(m) if !m.is_empty() => app.info(m),
        Ok(_) => {}
        Err(e) => app.error(e.to_string()),
    }
}

/// What attaching a file says: its id and hash; for a resume, its size in words and how many other cases
/// hold a near-duplicate.
fn attached(
    app: &App,
    case_id: i64,
    id: i64,
    digest: &crate::evidence::FileDigest,
    read: Option<&crate::workspace::ResumeRead>,
) -> crate::Result<String> {
    let sha = digest.sha256.get(..16).unwrap_or_default();
    let Some(read) = read else { return Ok(format!("attached evidence #{id} · sha256 {sha}…")) };
    let alike = app.ws.links(case_id)?.iter().filter(|l| l.this.id == id && l.similarity.is_some()).count();
    let tail = if alike == 0 {
        "no near-duplicate in other cases".to_string()
    } else {
        format!("{alike} near-duplicate(s) in other cases: see the Links tab")
    };
    Ok(format!("attached resume #{id} ({} words) · sha256 {sha}… · {tail}", read.words))
}

/// Work from the worker thread is done: store it (in one transaction) or say why not.
pub fn job_done(app: &mut App, then: Then, outcome: job::Outcome) {
    let result = match (then, outcome) {
        (Then::Attach { case_id, description, codes }, job::Outcome::Hashed(Ok((digest, read)))) => app
            .ws
            .record_evidence(case_id, &digest, &description, &codes, read.as_deref())
            .and_then(|id| attached(app, case_id, id, &digest, read.as_deref())),
        (Then::RecordChecks { case_id }, job::Outcome::Verified(Ok(results))) => {
            let bad = results.iter().filter(|r| r.result != crate::evidence::Check::Intact).count();
            app.ws.record_verifications(Some(case_id), &results).map(|()| {
                format!("{} file(s) verified: {} intact, {bad} changed or missing", results.len(), results.len() - bad)
            })
        }
        (Then::Export { case_id, redact, path }, job::Outcome::Checked(Ok(record))) => {
            write_export(app, case_id, redact, &path, record)
        }
        (_, job::Outcome::Hashed(Err(e)) | job::Outcome::Verified(Err(e)) | job::Outcome::Checked(Err(e))) => Err(e),
        _ => Err(Error::invalid("the worker returned something unexpected")),
    };
    match result {
        Ok(m) => app.info(m),
        Err(e) => app.error(e.to_string()),
    }
    if let Err(e) = app.reload() {
        app.error(e.to_string());
    }
}
