//! Checklist marks and the case assessment they drive.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::json;

use super::Workspace;
use crate::catalog::{Catalog, Item};
use crate::domain::{Assessment, Mark, MarkState};
use crate::store::{cases, evidence, marks};
use crate::{Error, Result};

/// One catalog item as it stands in one case.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistEntry {
    #[serde(flatten)]
    pub item: &'static Item,
    pub state: MarkState,
    pub note: String,
    pub marked_by: Option<String>,
    pub marked_at: Option<String>,
    /// Ids of evidence linked to this item in this case.
    pub evidence: Vec<i64>,
}

impl Workspace {
    /// The catalog a case's checklist follows: the version it was opened with, or last upgraded to.
    pub fn case_catalog(&self, case_id: i64) -> Result<&'static Catalog> {
        let version = cases::catalog_version(self.store().conn(), case_id)?;
        crate::catalog::version(&version).ok_or_else(|| {
            Error::invalid(format!("case #{case_id} follows catalog {version:?}, which this vetdesk does not have"))
        })
    }

    /// Every catalog item for the case, in catalog order, with its mark and linked evidence.
    pub fn checklist(&self, case_id: i64) -> Result<Vec<ChecklistEntry>> {
        let conn = self.store().conn();
        let catalog = self.case_catalog(case_id)?;
        let mut marks: HashMap<String, Mark> =
            marks::of_case(conn, case_id)?.into_iter().map(|m| (m.code.clone(), m)).collect();
        let mut linked: HashMap<String, Vec<i64>> = HashMap::new();
        for e in self.evidence(case_id)?.into_iter().filter(|e| e.void.is_none()) {
            for code in e.items {
                linked.entry(code).or_default().push(e.id);
            }
        }
        Ok(catalog
            .items
            .iter()
            .map(|item| {
                let mark = marks.remove(&item.code);
                ChecklistEntry {
                    item,
                    state: mark.as_ref().map_or(MarkState::Open, |m| m.state),
                    note: mark.as_ref().map(|m| m.note.clone()).unwrap_or_default(),
                    marked_by: mark.as_ref().map(|m| m.marked_by.clone()),
                    marked_at: mark.map(|m| m.marked_at),
                    evidence: linked.remove(&item.code).unwrap_or_default(),
                }
            })
            .collect())
    }

    /// The case's score, band and review coverage.
    pub fn assessment(&self, case_id: i64) -> Result<Assessment> {
        assess(self.case_catalog(case_id)?, self.store().conn(), case_id)
    }

    /// Sets an item's state, and its note when `note` is given (otherwise the note is kept). The case's
    /// stored score and coverage move in the same transaction; returns the new assessment.
    pub fn set_mark(&mut self, case_id: i64, code: &str, state: MarkState, note: Option<&str>) -> Result<Assessment> {
        self.checked_write(|ws| {
            let catalog = ws.case_catalog(case_id)?;
            let item = catalog.resolve(code)?;
            let old = marks::get(ws.store().conn(), case_id, &item.code)?;
            let note = match note {
                Some(n) => n.trim().to_string(),
                None => old.as_ref().map(|m| m.note.clone()).unwrap_or_default(),
            };
            if let Some(problem) = crate::text::blank_problem("the item's note", &note) {
                return Err(Error::invalid(problem));
            }
            let from = old.as_ref().map_or(MarkState::Open, |m| m.state);
            let unchanged = match &old {
                Some(m) => m.state == state && m.note == note,
                None => state == MarkState::Open && note.is_empty(),
            };
            if unchanged {
                return Err(Error::invalid(format!("{} is already {state} in case #{case_id}", item.code)));
            }
            // A note corrected under the same state leaves the item marked when and by whom it was: the date
            // the summary gives an observation is the date it was marked, not the date of a typo's fix.
            let kept = old.as_ref().filter(|m| m.state == state).map(|m| (m.marked_by.clone(), m.marked_at.clone()));
            let note_was = old.as_ref().map(|m| m.note.clone()).filter(|was| *was != note);
            let mark = Mark {
                code: item.code.clone(),
                state,
                note,
                marked_by: kept.as_ref().map_or_else(|| ws.actor().to_string(), |(by, _)| by.clone()),
                marked_at: kept.map(|(_, at)| at).unwrap_or_default(),
            };
            ws.change("mark.set", Some(case_id), |tx, now| {
                let mark = if mark.marked_at.is_empty() { Mark { marked_at: now.to_string(), ..mark } } else { mark };
                let a = put_mark(catalog, tx, case_id, &mark)?;
                let mut details =
                    json!({ "code": mark.code, "from": from, "to": state, "note": mark.note, "score": a.score });
                if let Some(was) = note_was {
                    details["note_was"] = json!(was);
                }
                Ok((a, details))
            })
        })
    }
}

/// Assesses a case from its marks and evidence links against its catalog.
/// Writes a mark inside a change and stores the case's score and coverage it gives.
pub(super) fn put_mark(catalog: &Catalog, tx: &rusqlite::Connection, case_id: i64, mark: &Mark) -> Result<Assessment> {
    marks::upsert(tx, case_id, mark)?;
    let a = assess(catalog, tx, case_id)?;
    cases::set_assessment(tx, case_id, a.score, a.reviewed)?;
    Ok(a)
}

pub(super) fn assess(catalog: &Catalog, conn: &rusqlite::Connection, case_id: i64) -> Result<Assessment> {
    let states: HashMap<String, MarkState> = marks::states(conn, case_id)?.into_iter().collect();
    let linked = evidence::linked_codes(conn, case_id)?;
    let items: Vec<_> = catalog
        .items
        .iter()
        .map(|i| i.scored(states.get(&i.code).copied().unwrap_or(MarkState::Open), linked.contains(&i.code)))
        .collect();
    Ok(Assessment::of(&items))
}
