//! `u`: undo the investigator's last change since the workstation was opened, by applying its inverse as a
//! new audited change (nothing in the record is rewound or deleted).

use super::app::App;
use crate::domain::{IdentifierKind, MarkState, NewPayment, Subject, SubjectFields};
use crate::store::void::Voidable;

/// The inverse of one change made in the workstation.
#[derive(Debug, Clone, PartialEq)]
pub enum Undo {
    /// A checklist item's state and note before a change.
    Mark { case_id: i64, code: String, state: MarkState, note: String },
    /// A record voided here: undone by restoring it.
    Voided { what: Voidable, id: i64 },
    /// A record restored here: undone by voiding it again with its earlier reason.
    Restored { what: Voidable, id: i64, reason: String },
    /// A note's text before an edit.
    NoteText { note_id: i64, body: String },
    /// An identifier before a correction.
    Identifier { id: i64, kind: IdentifierKind, raw: String, subject_id: Option<i64>, note: String, keep_invalid: bool },
    /// A payment before a correction.
    Payment { id: i64, payment: Box<NewPayment> },
    /// A subject before a change.
    Subject { id: i64, fields: Box<SubjectFields> },
    /// A case archived here: undone by bringing it back.
    Archived { case_id: i64 },
    /// A case brought back here: undone by archiving it again with its earlier reason.
    Unarchived { case_id: i64, reason: String },
    /// An organisation control's state and note before a change.
    Control { code: String, state: crate::domain::ControlState, note: String },
}

impl Undo {
    /// The change it undoes, as the hint line names it.
    pub fn label(&self) -> String {
        match self {
            Undo::Mark { code, .. } => format!("the mark on {code}"),
            Undo::Voided { what, id } => format!("voiding {} #{id}", what.noun()),
            Undo::Restored { what, id, .. } => format!("restoring {} #{id}", what.noun()),
            Undo::NoteText { note_id, .. } => format!("the edit of note #{note_id}"),
            Undo::Identifier { id, .. } => format!("the correction of identifier #{id}"),
            Undo::Payment { id, .. } => format!("the correction of payment #{id}"),
            Undo::Subject { id, .. } => format!("the change to subject #{id}"),
            Undo::Archived { case_id } => format!("archiving case #{case_id}"),
            Undo::Unarchived { case_id, .. } => format!("bringing back case #{case_id}"),
            Undo::Control { code, .. } => format!("the review of control {code}"),
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
            hire_stage: s.hire_stage,
            hired_on: s.hired_on.clone(),
        };
        Undo::Subject { id: s.id, fields: Box::new(fields) }
    }
}

/// Undoes the last change on the stack; says what was undone, or why it could not be.
pub fn undo_last(app: &mut App) -> crate::Result<()> {
    let Some(last) = app.undo.pop() else {
        app.info("nothing to undo since vetdesk was opened");
        return Ok(());
    };
    let label = last.label();
    let ws = &mut app.ws;
    let done = match last.clone() {
        Undo::Mark { case_id, code, state, note } => ws.set_mark(case_id, &code, state, Some(&note)).map(|_| ()),
        Undo::Voided { what, id } => ws.unvoid(what, id, "undone in the workstation").map(|_| ()),
        Undo::Restored { what, id, reason } => ws.void(what, id, &reason).map(|_| ()),
        Undo::NoteText { note_id, body } => ws.edit_note(note_id, &body).map(|_| ()),
        Undo::Identifier { id, kind, raw, subject_id, note, keep_invalid } => {
            ws.edit_identifier(id, kind, &raw, subject_id, &note, keep_invalid).map(|_| ())
        }
        Undo::Payment { id, payment } => ws.edit_payment(id, &payment),
        Undo::Subject { id, fields } => ws.edit_subject(id, &fields).map(|_| ()),
        Undo::Archived { case_id } => ws.unarchive_case(case_id, "undone in the workstation").map(|_| ()),
        Undo::Unarchived { case_id, reason } => ws.archive_case(case_id, &reason).map(|_| ()),
        Undo::Control { code, state, note } => ws.set_control(&code, state, Some(&note)).map(|_| ()),
    };
    match done {
        Ok(()) => {
            app.reload()?;
            app.info(format!("undid {label} (recorded as a new change)"));
        }
        Err(e) => {
            // It stays undoable if the record changed in between and the inverse no longer applies.
            app.undo.push(last);
            app.error(format!("could not undo {label}: {e}"));
        }
    }
    Ok(())
}
