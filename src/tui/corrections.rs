//! Correcting the selected record from the case view: editing it (`e`), or voiding and restoring it
//! (`d`), for which a form asks why.

use super::app::{App, CaseView, Overlay, OverviewLine, Screen, Tab};
use super::form::{Field, Form, Purpose};
use super::forms;
use super::undo::Undo;
use crate::domain::Void;
use crate::store::void::Voidable;

/// `e`: the form correcting the selected line of the overview or the notes tab. A voided record takes no
/// edit: said at the key, before any typing.
pub fn edit(app: &mut App) -> crate::Result<()> {
    let Screen::Case(view) = &app.screen else { return Ok(()) };
    let mut form = if view.tab == Tab::Notes {
        match view.notes.get(view.selection()) {
            None => {
                app.info("no note to edit: a adds one");
                return Ok(());
            }
            Some(note) if note.void.is_some() => return Err(voided("note", note.id)),
            Some(note) => forms::edit_note(note),
        }
    } else {
        match view.overview_lines().get(view.selection()) {
            Some(OverviewLine::Subject(i)) => match &view.subjects[*i] {
                s if s.void.is_some() => return Err(voided("subject", s.id)),
                s => forms::edit_subject(s),
            },
            Some(OverviewLine::Identifier(i)) => match &view.identifiers[*i] {
                d if d.void.is_some() => return Err(voided("identifier", d.id)),
                d => forms::edit_identifier(&view.subjects, d),
            },
            Some(OverviewLine::Payment(i)) => match &view.payments[*i] {
                p if p.void.is_some() => return Err(voided("payment", p.id)),
                p => forms::edit_payment(&view.subjects, p),
            },
            None => {
                app.info("nothing selected to edit: a adds a subject, an identifier or a payment");
                return Ok(());
            }
        }
    };
    form.base = super::submit::record_now(app, &form.purpose)?;
    app.overlay = Some(Overlay::Form(Box::new(form)));
    Ok(())
}

/// The refusal of an edit to a voided record, as the workspace words it.
pub(super) fn voided(what: &'static str, id: i64) -> crate::Error {
    let command = if what == "identifier" { "ident" } else { what };
    crate::Error::refused(format!("{what} #{id} is voided"), crate::error::Remedy::Unvoid(command, id))
}

/// `d`: the void (or restore) form for the selected line, or why there is none.
pub fn void(app: &mut App) {
    let Screen::Case(view) = &app.screen else { return };
    match void_form(view) {
        Some(form) => app.overlay = Some(Overlay::Form(Box::new(form))),
        None => app.info(match view.tab {
            Tab::Notes => "no note to void",
            Tab::Evidence => "no evidence to void",
            _ => "nothing selected to void",
        }),
    }
}

/// The form for the selected line of the overview, notes or evidence tab; `None` when nothing there can
/// be voided.
pub fn void_form(view: &CaseView) -> Option<Form> {
    let (what, id, void): (Voidable, i64, Option<&Void>) = match view.tab {
        Tab::Overview => match view.overview_lines().get(view.selection())? {
            OverviewLine::Subject(i) => (Voidable::Subject, view.subjects[*i].id, view.subjects[*i].void.as_ref()),
            OverviewLine::Identifier(i) => {
                (Voidable::Identifier, view.identifiers[*i].id, view.identifiers[*i].void.as_ref())
            }
            OverviewLine::Payment(i) => (Voidable::Payment, view.payments[*i].id, view.payments[*i].void.as_ref()),
        },
        Tab::Notes => view.notes.get(view.selection()).map(|n| (Voidable::Note, n.id, n.void.as_ref()))?,
        Tab::Evidence => view.evidence.get(view.selection()).map(|e| (Voidable::Evidence, e.id, e.void.as_ref()))?,
        _ => return None,
    };
    let noun = what.noun();
    Some(match void {
        None => Form::new(
            format!("Void {noun} #{id}: it stays in the record, struck through (Enter saves)"),
            Purpose::Void { what, id, restore: false },
            vec![Field::line("Why", "required: kept with the record and in the audit trail", "")],
        ),
        Some(v) => Form::new(
            format!("Restore {noun} #{id}, voided by {}: {} (Enter saves)", v.voided_by, v.reason),
            Purpose::Void { what, id, restore: true },
            vec![Field::line("Why", "optional", "")],
        ),
    })
}

/// Voids or restores the record and says what happened.
pub fn apply(app: &mut App, what: Voidable, id: i64, restore: bool, reason: &str) -> crate::Result<String> {
    let noun = what.noun();
    if restore {
        let earlier = crate::store::void::state(app.ws.store().conn(), what, id)?.1;
        app.ws.unvoid(what, id, reason)?;
        if let Some(v) = earlier {
            super::undo::push(app, Undo::Restored { what, id, reason: v.reason });
        }
        Ok(format!("{noun} #{id} restored"))
    } else {
        app.ws.void(what, id, reason)?;
        super::undo::push(app, Undo::Voided { what, id });
        Ok(format!("{noun} #{id} voided · d again restores it"))
    }
}
