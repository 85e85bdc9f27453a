//! Archiving the open case from the case view (`X`): a form asks why; on an archived case it brings the
//! case back.

use super::app::App;
use super::form::{Field, Form, Purpose};
use crate::domain::Case;

/// The form that archives `case`, or unarchives it when it is archived.
pub fn form(case: &Case) -> Form {
    let id = case.id;
    match &case.archived {
        // What archiving does goes in the hint, which wraps; the title is cut at narrow sizes.
        None => Form::new(
            format!("Archive case #{id} (Enter saves)"),
            Purpose::Archive { case_id: id, restore: false },
            vec![Field::line(
                "Why",
                "required: kept with the case and in the audit trail · the case leaves the case list, search and \
                 links, and stays in the record",
                "",
            )],
        ),
        // The reason may be long: it goes in the hint, which wraps, not in the title, which is cut.
        Some(a) => Form::new(
            format!("Bring back case #{id} (Enter saves)"),
            Purpose::Archive { case_id: id, restore: true },
            vec![Field::line(
                "Why",
                format!("optional · archived by {} on {}: {}", a.archived_by, a.archived_at, a.reason),
                "",
            )],
        ),
    }
}

/// Archives or unarchives the case and says what happened.
pub fn apply(app: &mut App, case_id: i64, restore: bool, reason: &str) -> crate::Result<String> {
    if restore {
        let earlier = app.ws.case(case_id)?.archived.map(|a| a.reason).unwrap_or_default();
        app.ws.unarchive_case(case_id, reason)?;
        super::undo::push(app, super::undo::Undo::Unarchived { case_id, reason: earlier });
        Ok(format!("case #{case_id} is back in the case list"))
    } else {
        app.ws.archive_case(case_id, reason)?;
        super::undo::push(app, super::undo::Undo::Archived { case_id });
        Ok(format!(
            "case #{case_id} archived: out of the case list (c twice there lists archived cases) · X brings it back"
        ))
    }
}
