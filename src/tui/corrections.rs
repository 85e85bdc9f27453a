//! Voiding and restoring the selected record from the case view (`d`): a form asks why.

use super::app::{App, CaseView, OverviewLine, Tab};
use super::form::{Field, Form, Purpose};
use super::undo::Undo;
use crate::domain::Void;
use crate::store::void::Voidable;

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
