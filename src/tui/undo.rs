//! `u`: undo the investigator's last change since the workstation was opened, by applying its inverse as a
//! new audited change (nothing in the record is rewound or deleted).

use super::app::App;
use crate::domain::{IdentifierKind, MarkState, NewPayment, Subject, SubjectFields};
use crate::store::void::Voidable;
use crate::workspace::Decision;

/// The inverse of one change made in the workstation.
#[derive(Debug, Clone, PartialEq)]
pub enum Undo {
    /// A checklist item's state and note before a change.
    Mark { case_id: i64, code: String, state: MarkState, note: String },
    /// The same, before the item's note was written or edited (its state may have changed with it).
    MarkNote { case_id: i64, code: String, state: MarkState, note: String },
    /// A record voided here: undone by restoring it.
    Voided { what: Voidable, id: i64 },
    /// A record restored here: undone by voiding it again with its earlier reason.
    Restored { what: Voidable, id: i64, reason: String },
    /// A note's text before an edit.
    NoteText { note_id: i64, body: String },
    /// An identifier before a correction.
    Identifier { id: i64, kind: IdentifierKind, raw: String, subject_id: Option<i64>, note: String, keep_invalid: bool },
    /// A payment before a correction (`details`: of its IC3 details, the `i` form).
    Payment { id: i64, payment: Box<NewPayment>, details: bool },
    /// A subject before a change.
    Subject { id: i64, fields: Box<SubjectFields> },
    /// A case archived here: undone by bringing it back.
    Archived { case_id: i64 },
    /// A case brought back here: undone by archiving it again with its earlier reason.
    Unarchived { case_id: i64, reason: String },
    /// An organisation control's state and note before a change of its state.
    Control { code: String, state: crate::domain::ControlState, note: String },
    /// The same, before its note was written or edited.
    ControlNote { code: String, state: crate::domain::ControlState, note: String },
    /// A suggestion accepted or dismissed here: undone by withdrawing the decision, and for an accept by
    /// putting the item's state and note back as they were (`mark`).
    Suggestion { case_id: i64, code: String, decision: Decision, mark: Option<(MarkState, String)> },
}

impl Undo {
    /// The change it undoes, as the hint line names it.
    pub fn label(&self) -> String {
        match self {
            Undo::Mark { code, .. } => format!("the mark on {code}"),
            Undo::MarkNote { code, .. } => format!("the note on {code}"),
            Undo::Voided { what, id } => format!("voiding {} #{id}", what.noun()),
            Undo::Restored { what, id, .. } => format!("restoring {} #{id}", what.noun()),
            Undo::NoteText { note_id, .. } => format!("the edit of note #{note_id}"),
            Undo::Identifier { id, .. } => format!("the correction of identifier #{id}"),
            Undo::Payment { id, details: false, .. } => format!("the correction of payment #{id}"),
            Undo::Payment { id, details: true, .. } => format!("the IC3 details of payment #{id}"),
            Undo::Subject { id, .. } => format!("the change to subject #{id}"),
            Undo::Archived { case_id } => format!("archiving case #{case_id}"),
            Undo::Unarchived { case_id, .. } => format!("bringing back case #{case_id}"),
            Undo::Control { code, .. } => format!("the review of control {code}"),
            Undo::ControlNote { code, .. } => format!("the note on control {code}"),
            Undo::Suggestion { code, decision: Decision::Accept, .. } => format!("accepting the suggestion {code}"),
            Undo::Suggestion { code, decision: Decision::Dismiss, .. } => format!("dismissing the suggestion {code}"),
        }
    }

    /// The fields that put a subject back as it is now.
    pub fn subject(s: &Subject) -> Undo {
        let fields = SubjectFields {
            name: Some(s.name.clone()),
            role: Some(s.role),
            aliases: Some(s.aliases.clone()),
            position: Some(s.position.clone()),
            business: Some(s.business.clone()),
            vendor: Some(s.vendor.clone()),
            location: Some(s.location.clone()),
            hire_stage: Some(s.hire_stage),
            hired_on: Some(s.hired_on.clone().unwrap_or_default()),
        };
        Undo::Subject { id: s.id, fields: Box::new(fields) }
    }
}

/// One change made here that `u` can undo, and where it landed.
#[derive(Debug, Clone)]
pub struct Done {
    pub undo: Undo,
    /// The workspace's count of changes made here, right after it: `u` undoes it only while it is still
    /// the last change made here.
    own: u64,
    /// Its audit row, and the case that row is of (`None`: a workspace-level change).
    row: i64,
    case: Option<i64>,
}

/// Puts a change just made here on the undo stack. A change here that `u` cannot undo (a note added)
/// since the one on top means what is under it is no longer the last change: the
/// stack starts again.
pub fn push(app: &mut App, undo: Undo) {
    let own = app.ws.changes_made();
    if app.undo.last().is_some_and(|d| d.own + 1 != own) {
        app.undo.clear();
    }
    let newest = app.ws.audit_log(None, 1, 0).ok().and_then(|rows| rows.into_iter().next());
    let (row, case) = newest.map_or((0, None), |r| (r.id, r.case_id));
    app.own_rows.push(row);
    app.undo.push(Done { undo, own, row, case });
}

/// What the hint line says `u` undoes: the change, and its case when that case is not the one on screen,
/// so a change made elsewhere is never undone unawares.
pub fn hint(app: &App) -> Option<String> {
    let done = app.undo.last().filter(|d| d.own == app.ws.changes_made())?;
    Some(format!("u undo {}{}", done.undo.label(), elsewhere(app, done)))
}

/// " (case #N)" when `done` is of case N and another screen is shown.
fn elsewhere(app: &App, done: &Done) -> String {
    match (done.case, &app.screen) {
        (Some(case), super::app::Screen::Case(view)) if view.case.id == case => String::new(),
        (Some(case), _) => format!(" (case #{case})"),
        (None, _) => String::new(),
    }
}

/// After a change made elsewhere came in: when it overwrote what `u` would undo, `u` no longer offers it
/// (it would be refused), and the status line says why.
pub fn forget_if_overtaken(app: &mut App) {
    let Some(done) = app.undo.last() else { return };
    if let Some(change) = changed_since(app, done) {
        let what = done.undo.label();
        app.undo.clear();
        let said = format!("changed elsewhere ({change}): u no longer undoes {what}");
        app.overtaken = Some((app.ws.changes_made(), said.clone()));
        app.info(said);
    }
}

/// A change to the same case (or, for a workspace-level change, to the workspace) written since `done`
/// by someone else (another process, a colleague): undoing would overwrite it.
fn changed_since(app: &App, done: &Done) -> Option<String> {
    let rows = app.ws.audit_log(done.case, 200, 0).ok()?;
    // The log comes newest first: the change to name is the first one made after `done`.
    rows.into_iter()
        .take_while(|r| r.id > done.row)
        .filter(|r| !app.own_rows.contains(&r.id) && (done.case.is_some() || r.case_id.is_none()))
        .map(|r| format!("{} by {} at {}", r.action, r.actor, r.at))
        .last()
}

/// Undoes the last change on the stack; says what was undone, or why it could not be.
pub fn undo_last(app: &mut App) -> crate::Result<()> {
    // What `u` would have undone was overwritten by a change made elsewhere, and nothing was changed here
    // since: said again, naming that change.
    if app.undo.is_empty()
        && let Some((_, said)) = app.overtaken.clone().filter(|(at, _)| *at == app.ws.changes_made())
    {
        app.info(format!("{said}; nothing was undone"));
        return Ok(());
    }
    match app.undo.last() {
        None if app.ws.changes_made() == app.opened_at => {
            app.info("nothing to undo since vetdesk was opened");
            return Ok(());
        }
        None if app.ws.changes_made() == app.undone_at => {
            app.info("nothing to undo: what u could undo here is undone");
            return Ok(());
        }
        Some(top) if top.own == app.ws.changes_made() => {}
        _ => {
            app.undo.clear();
            app.info(
                "your last change here cannot be undone with u (it undoes marks, notes on items, corrections, voids, \
                 controls, suggestions decided and archiving); nothing was undone",
            );
            return Ok(());
        }
    }
    let Some(top) = app.undo.last() else { return Ok(()) };
    let label = format!("{}{}", top.undo.label(), elsewhere(app, top));
    if let Some(newer) = changed_since(app, top) {
        // It never becomes undoable again: the hint stops offering it, and what lies under it.
        app.undo.clear();
        app.overtaken =
            Some((app.ws.changes_made(), format!("changed elsewhere ({newer}): u no longer undoes {label}")));
        app.error(format!(
            "could not undo {label}: changed since ({newer}); undoing would overwrite that, so u no longer offers it"
        ));
        return Ok(());
    }
    let Some(entry) = app.undo.pop() else { return Ok(()) };
    let ws = &mut app.ws;
    let done = match entry.undo.clone() {
        Undo::Mark { case_id, code, state, note } | Undo::MarkNote { case_id, code, state, note } => {
            ws.set_mark(case_id, &code, state, Some(&note)).map(|_| ())
        }
        Undo::Voided { what, id } => ws.unvoid(what, id, "undone in the workstation").map(|_| ()),
        Undo::Restored { what, id, reason } => ws.void(what, id, &reason).map(|_| ()),
        Undo::NoteText { note_id, body } => ws.edit_note(note_id, &body).map(|_| ()),
        Undo::Identifier { id, kind, raw, subject_id, note, keep_invalid } => {
            ws.edit_identifier(id, kind, &raw, subject_id, &note, keep_invalid).map(|_| ())
        }
        Undo::Payment { id, payment, .. } => ws.edit_payment(id, &payment),
        Undo::Subject { id, fields } => ws.edit_subject(id, &fields).map(|_| ()),
        Undo::Archived { case_id } => ws.unarchive_case(case_id, "undone in the workstation").map(|_| ()),
        Undo::Unarchived { case_id, reason } => ws.archive_case(case_id, &reason).map(|_| ()),
        Undo::Control { code, state, note } | Undo::ControlNote { code, state, note } => {
            ws.set_control(&code, state, Some(&note)).map(|_| ())
        }
        Undo::Suggestion { case_id, code, mark, .. } => {
            ws.withdraw_suggestion(case_id, &code, "undone in the workstation", mark).map(|_| ())
        }
    };
    match done {
        Ok(()) => {
            // The undo is a change made here too: the change under it is the last one `u` can reach.
            if let Some(row) = app.ws.audit_log(None, 1, 0)?.first() {
                app.own_rows.push(row.id);
            }
            let own = app.ws.changes_made();
            app.undone_at = own;
            if let Some(under) = app.undo.last_mut() {
                under.own = own;
            }
            app.reload()?;
            app.info(format!("undid {label} (recorded as a new change)"));
        }
        Err(e) => {
            // It stays undoable if the record changed in between and the inverse no longer applies.
            app.undo.push(entry);
            app.error(format!("could not undo {label}: {e}"));
        }
    }
    Ok(())
}
