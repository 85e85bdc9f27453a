//! Who the description names and how: whether the record supports calling the worker suspected, the
//! worker and the other subjects, each in the role the case file records.

use std::fmt::Write;

use super::{CaseData, one_line, plural};
use crate::catalog::ItemKind;
use crate::domain::score::RiskBand;
use crate::domain::{AnswerField, Disposition, HireStage, MarkState, Role, YesNo};
use crate::workspace::ChecklistEntry;

/// Whether a flagged item is a ground for suspicion: a red flag observed, or a due-diligence check that
/// raised a concern, that the catalog gives weight. An item it gives no weight (a claimed nationality, a
/// degree from a region) is context, never a ground on its own. A due-diligence concern weighs as the red
/// flag of the same fact does (DD-PAY-03, a payroll account shared, is RF-PAY-05's fact).
fn weighs(e: &ChecklistEntry) -> bool {
    e.item.weight > 0 && matches!(e.item.kind, ItemKind::RedFlag | ItemKind::DueDiligence)
}

/// Whether the record supports calling the worker suspected: red flags or due-diligence concerns that
/// put the case above the risk method's low band, or the case closed as confirmed.
fn suspected(d: &CaseData) -> bool {
    suspicion(d) == Suspicion::Suspected
}

/// What the record says of suspicion, as a subject's role is worded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::report) enum Suspicion {
    /// Red flags or due-diligence concerns that put the case above the risk method's low band (one
    /// moderate or strong fact, or three weak ones), or the case closed as confirmed.
    Suspected,
    /// Only weak facts, at most two (the low band: "weak on its own", as the catalog says of them), the
    /// case not closed: observed and listed, but no ground to call anyone suspected.
    WeakOnly,
    /// Closed as cleared, whatever was observed.
    Cleared,
    /// Only red flags the catalog gives no weight observed (context).
    ContextOnly,
    /// No red flag marked as observed.
    NoneObserved,
}

pub(in crate::report) fn suspicion(d: &CaseData) -> Suspicion {
    let flagged = |weighty: bool| {
        d.checklist.iter().any(|e| {
            e.state == MarkState::Flagged
                && if weighty { weighs(e) } else { e.item.kind == ItemKind::RedFlag && e.item.weight == 0 }
        })
    };
    match (d.case.disposition, flagged(true), flagged(false)) {
        (Some(Disposition::Cleared), ..) => Suspicion::Cleared,
        // The complainant's conclusion: the summary says it "concluded", and the worker is not then
        // described as not suspected.
        (Some(Disposition::Confirmed), ..) => Suspicion::Suspected,
        (_, true, _) if d.assessment.band != RiskBand::Low => Suspicion::Suspected,
        (_, true, _) => Suspicion::WeakOnly,
        (_, false, true) => Suspicion::ContextOnly,
        (_, false, false) => Suspicion::NoneObserved,
    }
}

/// The suspected worker, then (when `others`) every other subject in the summary, each with what the
/// complainant suspects of them.
pub(super) fn people(out: &mut String, d: &CaseData, others: bool) {
    let include_references = d.answers.yes_no(AnswerField::IncludeReferences) == Some(YesNo::Yes);
    let listed: Vec<_> = d.subjects.iter().filter(|s| s.role != Role::Reference || include_references).collect();
    let worker = listed.iter().find(|s| Some(s.id) == worker(d));
    match worker {
        None => out.push_str("No subject in the case file is recorded as the worker (role candidate)."),
        Some(c) => {
            let who = match (suspected(d), c.hire_stage) {
                (true, Some(HireStage::Applicant)) => "The suspected applicant",
                (false, Some(HireStage::Applicant)) => "The applicant",
                (true, _) => "The suspected worker",
                (false, _) => "The worker",
            };
            // What the case file holds, and no more: a name is recorded, whether or not it is the person's.
            match c.unnamed_from() {
                Some(from) => {
                    let _ = write!(out, "{who} is recorded with no name ({})", one_line(from));
                }
                None => {
                    let _ = write!(out, "{who} is recorded under the name {}", one_line(&c.name));
                }
            }
            if !c.aliases.is_empty() {
                let names: Vec<String> = c.aliases.iter().map(|a| one_line(a)).collect();
                let _ = write!(out, ", and also under the name{} {}", plural(names.len()), names.join(", "));
            }
            out.push('.');
            if !c.position.is_empty() {
                let _ = write!(out, " Position: {}.", one_line(&c.position));
            }
            if !c.vendor.is_empty() {
                let _ = write!(out, " Recorded as supplied through {}.", one_line(&c.vendor));
            }
            if !c.location.is_empty() {
                let _ = write!(out, " Claimed location: {}.", one_line(&c.location));
            }
        }
    }
    out.push('\n');
    if !others {
        return;
    }
    let rest: Vec<String> = listed
        .iter()
        .filter(|s| worker.is_none_or(|w| w.id != s.id))
        .map(|s| {
            let mut line = format!("{}, {}", one_line(&s.name), recorded_as(s.role));
            if !s.location.is_empty() {
                // The worker's location is what they gave; another subject's is what the investigator recorded
                // of them, claimed by nobody the record names.
                let _ = write!(line, " (location recorded: {})", one_line(&s.location));
            }
            line
        })
        .collect();
    if !rest.is_empty() {
        let _ = writeln!(out, "Others involved: {}.", rest.join("; "));
    }
}

/// A subject other than the worker, as the case file records their role. The checklist's red flags are
/// marked on the case, not on a person, so none of them makes another subject suspected.
fn recorded_as(role: Role) -> &'static str {
    match role {
        Role::Candidate => "also recorded as a candidate",
        Role::Facilitator => "recorded as a facilitator",
        Role::Vendor => "recorded as the vendor that supplied the worker",
        Role::Reference => "named as a reference",
    }
}

/// The hire stage recorded for the worker, if any.
pub(super) fn worker_stage(d: &CaseData) -> Option<HireStage> {
    let id = worker(d)?;
    d.subjects.iter().find(|s| s.id == id)?.hire_stage
}

/// The subject the summary calls the worker: the first candidate it lists (a reference is listed only
/// when the case includes references; a candidate never is one).
pub(in crate::report) fn worker(d: &CaseData) -> Option<i64> {
    d.subjects.iter().find(|s| s.role == Role::Candidate).map(|s| s.id)
}
