//! What submitting each form does. Every change goes through the workspace API, the same calls the CLI
//! makes.

use super::undo::Undo;
use std::path::PathBuf;

use super::app::{App, Overlay, Pending, Screen};
use super::form::{Form, Purpose};
use super::forms::{ANSWER_FIELDS, optional, optional_text, payment_from, subject_id};
use super::job::{self, Job, Then};
use crate::Error;
use crate::domain::{CaseStatus, Disposition, IdentifierKind, Priority, Role, SubjectFields};
use crate::report::{self, Format, Options};
use crate::workspace::{CaseEdit, Decision, NewCase};

/// The record a form corrects as it reads now, to compare with the form's [`Form::base`]; `None` for a
/// form that corrects no record.
pub fn record_now(app: &App, purpose: &Purpose) -> crate::Result<Option<String>> {
    Ok(Some(match purpose {
        Purpose::EditSubject { subject_id } => format!("{:?}", app.ws.subject(*subject_id)?),
        Purpose::EditCase { case_id } => {
            let c = app.ws.case(*case_id)?;
            format!("{:?}", (c.title, c.priority, c.tags, c.witnesses, c.other_reports))
        }
        Purpose::EditIdentifier { identifier_id } => format!("{:?}", app.ws.identifier(*identifier_id)?),
        Purpose::EditPayment { payment_id } | Purpose::PaymentDetails { payment_id } => {
            format!("{:?}", app.ws.payment(*payment_id)?)
        }
        Purpose::EditNote { note_id } => format!("{:?}", app.ws.note_history(*note_id)?.0),
        Purpose::MarkNote { case_id, code } => {
            let entry = app.ws.checklist(*case_id)?.into_iter().find(|e| e.item.code == *code);
            format!("{:?}", entry.map(|e| (e.state, e.note)))
        }
        Purpose::Answers { case_id } => format!("{:?}", app.ws.answers(*case_id)?),
        Purpose::ChangeStatus { case_id } => {
            // With the time of its last change: a status set elsewhere and set back is a change too.
            let case = app.ws.case(*case_id)?;
            format!("{:?}", (case.status, case.disposition, case.updated_at))
        }
        Purpose::ControlNote { code } => {
            let entry = app.ws.controls()?.into_iter().find(|e| e.control.code == *code);
            format!("{:?}", entry.map(|e| (e.state, e.note)))
        }
        _ => return Ok(None),
    }))
}

/// Whether the record the form corrects was changed elsewhere (another vetdesk, a command) since the form
/// opened: then the form comes back saying so, and a second Ctrl-S saves what is typed over that change.
fn changed_meanwhile(app: &App, form: &mut Form) -> crate::Result<bool> {
    let Some(base) = &form.base else { return Ok(false) };
    let now = record_now(app, &form.purpose)?;
    if now.as_ref() == Some(base) {
        return Ok(false);
    }
    form.base = now;
    Ok(true)
}

/// Carries out a submitted form. A failure puts the form back with the error, so nothing typed is lost.
pub fn submit(app: &mut App, mut form: Form) {
    match changed_meanwhile(app, &mut form) {
        Ok(false) => {}
        Ok(true) => {
            form.show_error(
                "this record was changed elsewhere since the form opened (Esc, then look at it again); Ctrl-S \
                 again saves what is typed here over that change"
                    .into(),
            );
            app.overlay = Some(Overlay::Form(Box::new(form)));
            return;
        }
        Err(e) => {
            form.show_error(super::wording::error(&e));
            app.overlay = Some(Overlay::Form(Box::new(form)));
            return;
        }
    }
    match apply(app, &form) {
        Ok(Some(message)) => app.info(message),
        Ok(None) => {}
        Err(e) => {
            let mut form = form;
            form.show_error(super::wording::error(&e));
            app.overlay = Some(Overlay::Form(Box::new(form)));
        }
    }
}

/// A checklist item's state and note as the open case shows them (open and empty when it shows none):
/// what undoing a change to the item puts back.
fn item_as_shown(app: &App, code: &str) -> (crate::domain::MarkState, String) {
    // As the workspace holds it now, not as the screen last showed it: a note saved must never write back a
    // state another vetdesk changed meanwhile.
    let case_id = match &app.screen {
        Screen::Case(view) => Some(view.case.id),
        Screen::List(_) => None,
    };
    let entry = case_id.and_then(|id| app.ws.checklist(id).ok()?.into_iter().find(|e| e.item.code == code));
    entry.map_or((crate::domain::MarkState::Open, String::new()), |e| (e.state, e.note))
}

fn apply(app: &mut App, form: &Form) -> crate::Result<Option<String>> {
    let v = |i| form.value(i);
    let mut added = None;
    let message = match &form.purpose {
        Purpose::NewCase => {
            let priority = optional(&v(2))?.unwrap_or(Priority::Medium);
            let id = app.ws.create_case(&NewCase { title: v(0), priority, candidate: optional_text(v(1)) })?;
            app.open_case(id)?;
            format!("opened case #{id}")
        }
        Purpose::EditCase { case_id } => {
            // Every field of the form is given: one left empty clears it (but the title, which is needed).
            let edit = CaseEdit {
                title: Some(v(0)),
                priority: Some(v(1).parse()?),
                tags: Some(v(2).split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect()),
                witnesses: Some(v(3)),
                other_reports: Some(v(4)),
            };
            app.ws.edit_case(*case_id, &edit)?;
            app.reload()?;
            format!("case #{case_id} updated")
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
            added = Some(Added::Subject(id));
            format!("added subject #{id}")
        }
        Purpose::EditSubject { subject_id } => {
            let fields = SubjectFields {
                name: Some(v(0)),
                role: optional(&v(1))?,
                aliases: Some(v(2).split(',').map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect()),
                position: Some(v(3)),
                business: Some(v(4)),
                vendor: Some(v(5)),
                location: Some(v(6)),
                // Every field of the form is given: one left empty clears it.
                hire_stage: Some(optional(&v(7))?),
                hired_on: Some(v(8)),
            };
            let before = app.ws.subject(*subject_id)?;
            app.ws.edit_subject(*subject_id, &fields)?;
            super::undo::push(app, Undo::subject(&before));
            format!("subject #{subject_id} updated")
        }
        Purpose::AddIdentifier { case_id } => {
            let kind: IdentifierKind = v(0).parse()?;
            let keep = matches!(v(4).trim().to_lowercase().as_str(), "yes" | "y");
            let ident = app.ws.add_identifier(*case_id, kind, &v(1), subject_id(v(2))?, &v(3), keep)?;
            added = Some(Added::Identifier(ident.id));
            match ident.warning {
                Some(w) => format!("recorded identifier #{} with a warning: {w}", ident.id),
                None => format!("recorded identifier #{}", ident.id),
            }
        }
        Purpose::EditIdentifier { identifier_id } => {
            let kind: IdentifierKind = v(0).parse()?;
            let keep = matches!(v(4).trim().to_lowercase().as_str(), "yes" | "y");
            let old = app.ws.identifier(*identifier_id)?;
            app.ws.edit_identifier(*identifier_id, kind, &v(1), subject_id(v(2))?, &v(3), keep)?;
            super::undo::push(
                app,
                Undo::Identifier {
                    id: old.id,
                    kind: old.kind,
                    raw: old.raw,
                    subject_id: old.subject_id,
                    note: old.note,
                    keep_invalid: old.warning.is_some(),
                },
            );
            format!("identifier #{identifier_id} corrected")
        }
        Purpose::AddPayment { case_id } => {
            let id = app.ws.add_payment(*case_id, &payment_from(form)?)?;
            added = Some(Added::Payment(id));
            format!("recorded payment #{id}")
        }
        Purpose::EditPayment { payment_id } => {
            let before = crate::domain::NewPayment::from(&app.ws.payment(*payment_id)?);
            // The form holds the core fields; the IC3 details are corrected in their own form.
            let payment = crate::domain::NewPayment { details: before.details.clone(), ..payment_from(form)? };
            app.ws.edit_payment(*payment_id, &payment)?;
            super::undo::push(app, Undo::Payment { id: *payment_id, payment: Box::new(before), details: false });
            format!("payment #{payment_id} corrected")
        }
        Purpose::Answers { case_id } => {
            let values: Vec<_> = ANSWER_FIELDS.iter().enumerate().map(|(i, f)| (*f, v(i))).collect();
            let changed = app.ws.set_answers(*case_id, &values)?;
            let names: Vec<&str> = changed.iter().map(|f| f.as_str()).collect();
            format!("answers saved: {}", names.join(", "))
        }
        Purpose::MarkNote { case_id, code } => {
            let (state, note) = item_as_shown(app, code);
            app.ws.set_mark(*case_id, code, state, Some(&v(0)))?;
            super::undo::push(app, Undo::MarkNote { case_id: *case_id, code: code.clone(), state, note });
            format!("note on {code} saved")
        }
        Purpose::ControlNote { code } => super::controls::save_note(app, code, &v(0))?,
        Purpose::DismissHit { hit } => super::roster::dismiss(app, hit, &v(0))?,
        Purpose::LinkEvidence { code } => {
            let id: i64 = v(0).parse().map_err(|_| Error::invalid("pick the evidence to link"))?;
            app.ws.link_evidence(id, code)?;
            match app.ws.evidence_item(id)?.failed_check() {
                Some(why) => format!("evidence #{id} linked to {code}; note: {why} (v checks it again)"),
                None => format!("evidence #{id} linked to {code}"),
            }
        }
        Purpose::AddNote { case_id } => {
            let id = app.ws.add_note(*case_id, &v(0))?;
            added = Some(Added::Note(id));
            format!("note #{id} saved")
        }
        Purpose::Void { what, id, restore } => super::corrections::apply(app, *what, *id, *restore, &v(0))?,
        Purpose::PaymentDetails { payment_id } => super::payment_details::apply(app, *payment_id, form)?,
        Purpose::Archive { case_id, restore } => super::archive::apply(app, *case_id, *restore, &v(0))?,
        Purpose::EditNote { note_id } => {
            let before = app.ws.note_history(*note_id)?.0.body;
            let note = app.ws.edit_note(*note_id, &v(0))?;
            super::undo::push(app, Undo::NoteText { note_id: *note_id, body: before });
            format!(
                "note #{note_id} edited; {} kept",
                crate::text::counted(note.revisions, "earlier text", "earlier texts")
            )
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
            let then = Then::Attach { case_id: *case_id, description: v(1), codes };
            app.job = Some(Job::hash(path, reader, then).from_form(form));
            return Ok(None);
        }
        Purpose::RelocateEvidence { evidence_id } => {
            if app.job.is_some() {
                return Err(Error::invalid("a file is already being hashed; wait, or press Esc to cancel it"));
            }
            let path = PathBuf::from(expand_home(v(0).trim()));
            if v(0).trim().is_empty() {
                return Err(Error::invalid("give a folder to search, or the file's new path"));
            }
            let e = app.ws.evidence_item(*evidence_id)?;
            let then = Then::Relocate { evidence_id: *evidence_id };
            let job = if std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
                let attached = app.ws.same_content(&e)?;
                Job::search(e, path, attached, then)
            } else {
                crate::evidence::locate(&path)?;
                Job::hash(path, None, then)
            };
            app.job = Some(job.from_form(form));
            return Ok(None);
        }
        Purpose::DecideSuggestion { case_id, code, decision } => {
            // Accepting flags the item: undoing it puts the item's state and note back as they are now.
            let before = item_as_shown(app, code);
            let s = app.ws.decide_suggestion(*case_id, code, *decision, &v(0))?;
            let mark = match decision {
                Decision::Accept => Some(before),
                Decision::Dismiss => None,
            };
            super::undo::push(
                app,
                Undo::Suggestion { case_id: *case_id, code: s.code.clone(), decision: *decision, mark },
            );
            let reasons = s.reasons.len();
            match decision {
                Decision::Accept => {
                    let a = app.ws.assessment(*case_id)?;
                    let reasons = crate::text::counted(reasons, "reason", "reasons");
                    format!("{code} flagged (suggestion accepted, {reasons}) · risk {} ({})", a.score, a.band)
                }
                Decision::Dismiss => {
                    let reasons = crate::text::counted(reasons, "reason", "reasons");
                    format!("{code} suggestion dismissed; its {reasons} will not come back unless undone")
                }
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
                    then: Pending::CloseCase {
                        case_id: *case_id,
                        status,
                        disposition,
                        was: record_now(app, &form.purpose)?.unwrap_or_default(),
                    },
                });
                return Ok(None);
            }
            app.ws.set_status(*case_id, status, disposition)?;
            app.reload()?;
            format!("case #{case_id} is now {status}")
        }
        Purpose::Export { case_id, redact } => {
            let path = PathBuf::from(expand_home(v(0).trim()));
            // A link, device or folder, the workspace or an evidence file is refused before asking whether
            // to replace it.
            app.ws.check_output(&path)?;
            if Format::for_path(&path).is_none() {
                return Err(Error::invalid(
                    "end the file name in .md, .txt or .json: the summary's format comes from it",
                ));
            }
            // Said here, in the form, rather than after the record check.
            if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty() && !f.is_dir()) {
                return Err(Error::invalid(format!(
                    "there is no folder {}; give the path of a folder that exists",
                    crate::text::display_path(folder)
                )));
            }
            if path.exists() {
                app.overlay = Some(Overlay::Confirm {
                    question: format!("{} exists. Replace it?", crate::text::display_path(&path)),
                    then: Pending::Overwrite { path, case_id: *case_id, redact: *redact },
                });
                return Ok(None);
            }
            let message = export_to(app, *case_id, *redact, &path)?;
            if message.is_empty() {
                // Checking the record on a worker thread; the progress bar shows it, then the result (a
                // failure to write puts this form back).
                if let Some(job) = app.job.as_mut() {
                    job.form = Some(Box::new(form.clone()));
                }
                return Ok(None);
            }
            message
        }
    };
    if !matches!(form.purpose, Purpose::NewCase) {
        app.reload()?;
    }
    if let (Some(added), Screen::Case(view)) = (added, &mut app.screen) {
        select_added(view, added);
    }
    Ok(Some(message))
}

/// A record just added through a form.
#[derive(Debug, Clone, Copy)]
enum Added {
    Subject(i64),
    Identifier(i64),
    Payment(i64),
    Note(i64),
}

/// Selects the record just added, on its tab, so that the detail panel shows it rather than the record
/// selected before.
fn select_added(view: &mut super::app::CaseView, added: Added) {
    use super::app::{OverviewLine, Tab};
    let (tab, at) = match added {
        Added::Note(id) => (Tab::Notes, view.notes.iter().position(|n| n.id == id)),
        other => {
            let at = view.overview_lines().iter().position(|line| match (line, other) {
                (OverviewLine::Subject(i), Added::Subject(id)) => view.subjects[*i].id == id,
                (OverviewLine::Identifier(i), Added::Identifier(id)) => view.identifiers[*i].id == id,
                (OverviewLine::Payment(i), Added::Payment(id)) => view.payments[*i].id == id,
                _ => false,
            });
            (Tab::Overview, at)
        }
    };
    if let Some(at) = at
        && view.tab == tab
    {
        view.selected[tab.index()] = at;
    }
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
    app.ws.check_output(path)?;
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
    // The form refused any other extension before this.
    let format = Format::for_path(path).unwrap_or(Format::Markdown);
    let summary = report::build_checked(&app.ws, case_id, &Options { redact, verify: true }, Some(record))?;
    let text = report::render(&summary, format);
    app.ws.check_output(path)?;
    crate::export::write_private(path, text.as_bytes())?;
    let warnings = summary.over_limit().len();
    let tail = if warnings > 0 {
        format!(" · {} over the IC3 limit", crate::text::counted(warnings, "field", "fields"))
    } else {
        String::new()
    };
    Ok(format!("wrote {} ({})", crate::text::display_path(path), format.as_str()) + &tail)
}

/// A confirmation was answered yes.
pub fn confirmed(app: &mut App, then: Pending) {
    let result = match then {
        Pending::CloseCase { case_id, status, disposition, was } => {
            // Changed elsewhere between the form and the answer: not closed over that change unseen.
            match record_now(app, &Purpose::ChangeStatus { case_id }) {
                Ok(Some(now)) if now != was => Err(crate::Error::invalid(format!(
                    "case #{case_id}'s status was changed elsewhere while this asked; nothing was changed: look at \
                     it again, then close it"
                ))),
                Err(e) => Err(e),
                _ => app
                    .ws
                    .set_status(case_id, status, disposition)
                    .and_then(|_| app.reload())
                    .map(|()| format!("case #{case_id} closed")),
            }
        }
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
        Err(e) => app.error(super::wording::error(&e)),
    }
}

/// What attaching a file says: its id and hash; for a resume, its size in words and how many other cases
/// hold a near-duplicate.
fn attached(
    app: &mut App,
    case_id: i64,
    id: i64,
    digest: &crate::evidence::FileDigest,
    read: Option<&crate::workspace::ResumeRead>,
) -> crate::Result<String> {
    let sha = digest.sha256.get(..16).unwrap_or_default();
    // An earlier record of the same path found changed by this one's hash.
    let found: String = app.ws.take_notices().iter().map(|n| format!(" · {n}")).collect();
    let Some(read) = read else { return Ok(format!("attached evidence #{id} · sha256 {sha}…{found}")) };
    let alike = app.ws.links(case_id)?.iter().filter(|l| l.this.id == id && l.similarity.is_some()).count();
    let tail = if alike == 0 {
        "no near-duplicate in other cases".to_string()
    } else {
        format!(
            "{} in other cases: see the Links tab",
            crate::text::counted(alike, "near-duplicate", "near-duplicates")
        )
    };
    Ok(format!("attached resume #{id} ({} words) · sha256 {sha}… · {tail}{found}", read.words))
}

/// Work from the worker thread is done: store it (in one transaction) or say why not.
pub fn job_done(app: &mut App, job: Job, outcome: job::Outcome) {
    let (then, form) = (job.then, job.form);
    // Whether the screen still shows what the work was for: only then does a failed form come back.
    let here = match (&app.screen, &then) {
        (
            Screen::Case(view),
            Then::Attach { case_id, .. } | Then::RecordChecks { case_id } | Then::Export { case_id, .. },
        ) => view.case.id == *case_id,
        (Screen::Case(view), Then::Relocate { evidence_id }) => view.evidence.iter().any(|e| e.id == *evidence_id),
        (Screen::List(_), _) => false,
    };
    let result = match (then, outcome) {
        (Then::Attach { case_id, description, codes }, job::Outcome::Hashed(Ok((digest, read)))) => app
            .ws
            .record_evidence(case_id, &digest, &description, &codes, read.as_deref())
            .and_then(|id| attached(app, case_id, id, &digest, read.as_deref())),
        (Then::Relocate { evidence_id }, job::Outcome::Hashed(Ok((digest, _)))) => {
            app.ws.relocate_evidence(evidence_id, &digest).map(|r| {
                let path = crate::text::display_path(std::path::Path::new(&r.new_path));
                format!("evidence #{evidence_id} relocated to {path}; intact")
            })
        }
        (Then::RecordChecks { case_id }, job::Outcome::Verified(Ok(results))) => {
            let said = crate::evidence::tally(&results.iter().map(|r| r.result).collect::<Vec<_>>());
            app.ws.record_verifications(Some(case_id), &results).map(|()| said.replacen(':', " verified:", 1))
        }
        (Then::Export { case_id, redact, path }, job::Outcome::Checked(Ok(record))) => {
            write_export(app, case_id, redact, &path, record)
        }
        (_, job::Outcome::Hashed(Err(e)) | job::Outcome::Verified(Err(e)) | job::Outcome::Checked(Err(e))) => Err(e),
        _ => Err(Error::invalid("the worker returned something unexpected")),
    };
    match result {
        Ok(m) => app.info(m),
        // A file that could not be hashed, or was not the one recorded, puts its form back with the path
        // typed, so it can be corrected; a cancelled job, one whose form was replaced, or one whose case is
        // no longer on the screen, does not (the status line says what happened).
        Err(e) => match form {
            Some(mut form) if here && app.overlay.is_none() && !matches!(e, Error::Cancelled) => {
                form.error = Some(super::wording::error(&e));
                app.overlay = Some(Overlay::Form(form));
            }
            _ => app.error(super::wording::error(&e)),
        },
    }
    if let Err(e) = app.reload() {
        app.error(super::wording::error(&e));
    }
}
