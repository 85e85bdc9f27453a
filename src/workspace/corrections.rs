//! Corrections that keep history: voiding a record with a reason, and undoing that.

use serde_json::json;

use super::Workspace;
use crate::domain::Void;
use crate::store::void::{self, Voidable};
use crate::{Error, Result};

/// The longest reason a void takes.
pub const MAX_REASON: usize = 2_000;

/// Refuses a reason (for voiding or restoring, archiving, withdrawing a decision, dismissing a hit) longer
/// than [`MAX_REASON`] or of more than one line: a reason is listed inline beside its record, where a line
/// break would read as another record.
pub(super) fn check_reason(reason: &str) -> Result<()> {
    if reason.len() > MAX_REASON {
        return Err(Error::invalid(format!("a reason has at most {MAX_REASON} bytes")));
    }
    // Line and paragraph separators and bidirectional overrides too: a reason is one line of plain text.
    if reason.chars().any(crate::text::is_hostile) {
        return Err(Error::invalid("a reason is one line of plain text"));
    }
    Ok(())
}

impl Workspace {
    /// Voids a record: it stays, with who voided it, when and `reason`, and leaves links, suggestions,
    /// search, scores and the summary at once. One audited change; returns the record's case.
    pub fn void(&mut self, what: Voidable, id: i64, reason: &str) -> Result<i64> {
        self.checked_write(|ws| {
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(Error::refused(
                    format!("say why {} #{id} is voided", what.noun()),
                    crate::error::Remedy::Reason,
                ));
            }
            check_reason(reason)?;
            let (case_id, current) = void::state(ws.store().conn(), what, id)?;
            if let Some(v) = current {
                return Err(Error::invalid(format!(
                    "{} #{id} was already voided on {} by {} ({})",
                    what.noun(),
                    v.voided_at,
                    v.voided_by,
                    v.reason
                )));
            }
            if what == Voidable::Subject {
                ws.check_nothing_held(id)?;
            }
            let actor = ws.actor().to_string();
            ws.change(&format!("{}.void", what.noun()), Some(case_id), |tx, now| {
                let v = Void { voided_at: now.to_string(), voided_by: actor, reason: reason.to_string() };
                void::set(tx, what, id, Some(&v))?;
                Ok((case_id, json!({ what.noun(): id, "reason": reason })))
            })
        })
    }

    /// Refuses to void a subject that identifiers or payments are still recorded against: they would stay
    /// in the links and the summary with no one to belong to. The investigator decides, record by record,
    /// whether each goes with the subject (voided) or belongs to someone else (moved).
    fn check_nothing_held(&self, subject_id: i64) -> Result<()> {
        let (identifiers, payments) = void::held_by_subject(self.store().conn(), subject_id)?;
        let list = |noun: &str, ids: &[i64]| match ids {
            [] => None,
            [one] => Some(format!("{noun} #{one}")),
            many => Some(format!("{noun}s {}", many.iter().map(|i| format!("#{i}")).collect::<Vec<_>>().join(", "))),
        };
        let held: Vec<String> =
            [list("identifier", &identifiers), list("payment", &payments)].into_iter().flatten().collect();
        if held.is_empty() {
            return Ok(());
        }
        Err(Error::refused(
            format!("subject #{subject_id} still has {} recorded against it", held.join(" and ")),
            crate::error::Remedy::ClearSubject,
        ))
    }

    /// Restores a voided record; `reason` may be empty. One audited change; returns the record's case.
    pub fn unvoid(&mut self, what: Voidable, id: i64, reason: &str) -> Result<i64> {
        self.checked_write(|ws| {
            let reason = reason.trim();
            check_reason(reason)?;
            let (case_id, current) = void::state(ws.store().conn(), what, id)?;
            let Some(was) = current else {
                return Err(Error::invalid(format!("{} #{id} is not voided", what.noun())));
            };
            if what == Voidable::Identifier {
                // Restored, it must not be a second copy of a value recorded since.
                let mut ident = ws.identifier(id)?;
                ident.void = None;
                ws.check_not_held(&ident)?;
            }
            // Nor recorded against a subject voided meanwhile: the subject comes back first.
            let subject = match what {
                Voidable::Identifier => ws.identifier(id)?.subject_id,
                Voidable::Payment => ws.payment(id)?.subject_id,
                _ => None,
            };
            if let Some(subject) = subject
                && ws.subject(subject)?.void.is_some()
            {
                return Err(Error::refused(
                    format!("{} #{id} is recorded against subject #{subject}, which is voided", what.noun()),
                    crate::error::Remedy::Unvoid("subject", subject),
                ));
            }
            ws.change(&format!("{}.unvoid", what.noun()), Some(case_id), |tx, _| {
                void::set(tx, what, id, None)?;
                let details = json!({
                    what.noun(): id,
                    "reason": reason,
                    "was": { "voided_at": was.voided_at, "voided_by": was.voided_by, "reason": was.reason },
                });
                Ok((case_id, details))
            })
        })
    }
}
