//! Reading what a screen shows from the workspace. Lists read a window of rows, never everything.

use super::app::{App, CaseList, CaseView, NOTES_PAGE, Screen, TABS, Tab, WINDOW};
use crate::Workspace;
use crate::report::{self, Options};
use crate::store::cases::ArchivedCases;

/// How many search hits the case list shows.
pub const SEARCH_LIMIT: u32 = 200;

impl App {
    /// Reloads the current screen from the workspace, keeping selections where they can stay.
    pub fn reload(&mut self) -> crate::Result<()> {
        self.seen_version = self.ws.data_version()?;
        if let Some(roster) = &mut self.roster {
            roster.reload(&self.ws)?;
        }
        if let Some(controls) = &mut self.controls {
            controls.reload(&self.ws)?;
        }
        match &mut self.screen {
            Screen::List(list) => load_list(&self.ws, list),
            Screen::Case(view) => {
                let fresh = load_case(&self.ws, view.case.id, Some(view))?;
                **view = fresh;
                Ok(())
            }
        }
    }

    pub fn open_case(&mut self, case_id: i64) -> crate::Result<()> {
        let view = load_case(&self.ws, case_id, None)?;
        if let Screen::List(list) = std::mem::replace(&mut self.screen, Screen::Case(Box::new(view))) {
            self.previous_list = Some(list);
        }
        Ok(())
    }

    /// Opens the case at the other end of a link, on its links tab with the link back selected (see
    /// [`App::follow_link`], which also remembers the case left, for Esc).
    pub fn open_linked_case(&mut self, case_id: i64, from: i64) -> crate::Result<()> {
        self.open_case(case_id)?;
        if let Screen::Case(view) = &mut self.screen {
            view.tab = Tab::Links;
            let back = view.links.iter().position(|l| l.other_case() == Some(from)).unwrap_or(0);
            view.selected[Tab::Links.index()] = back;
        }
        Ok(())
    }
}

/// Counts the cases and reads the window of rows around the selection.
pub fn load_list(ws: &Workspace, list: &mut CaseList) -> crate::Result<()> {
    if let Some(words) = &list.search {
        let hits = ws.search(words, list.query.archived, SEARCH_LIMIT)?;
        (list.rows, list.found) = hits.into_iter().map(|h| (h.case, h.found)).unzip();
        list.total = list.rows.len() as u64;
        list.window_start = 0;
    } else {
        list.found.clear();
        list.total = ws.count_cases(&list.query)?;
        let start = list.selected.saturating_sub(u64::from(WINDOW) / 4);
        list.query.offset = u32::try_from(start).unwrap_or(u32::MAX);
        list.query.limit = WINDOW;
        list.rows = ws.cases(&list.query)?;
        list.window_start = start;
    }
    let ids: Vec<i64> = list.rows.iter().map(|r| r.row.id).collect();
    // A list that shows archived cases marks links to them too.
    list.linked = ws.linked_cases_with(&ids, list.query.archived != ArchivedCases::Hidden)?;
    list.selected = list.selected.min(list.total.saturating_sub(1));
    Ok(())
}

/// Makes sure the rows from `first` to `first + count` are in the window, reading a new one if not.
pub fn ensure_window(ws: &Workspace, list: &mut CaseList, first: u64, count: u64) -> crate::Result<()> {
    let end = list.window_start + list.rows.len() as u64;
    let wanted_end = (first + count).min(list.total);
    if list.search.is_none() && (first < list.window_start || wanted_end > end) {
        load_list(ws, list)?;
    }
    Ok(())
}

/// Reads everything a case view shows; `previous` keeps the tab, selections and redaction.
pub fn load_case(ws: &Workspace, case_id: i64, previous: Option<&CaseView>) -> crate::Result<CaseView> {
    let case = ws.case(case_id)?;
    let links = ws.links(case_id)?;
    let suggestions = ws.suggestions_from(case_id, &links)?;
    let mut view = CaseView {
        case,
        assessment: ws.assessment(case_id)?,
        subjects: ws.subjects(case_id)?,
        identifiers: ws.identifiers(case_id)?,
        payments: ws.payments(case_id)?,
        answers: ws.answers(case_id)?,
        checklist: ws.checklist(case_id)?,
        evidence: ws.evidence(case_id)?,
        notes: ws.notes(case_id, NOTES_PAGE, 0)?,
        note_count: ws.count_notes(case_id)?,
        links,
        suggestions,
        tab: previous.map_or(Tab::Overview, |p| p.tab),
        selected: previous.map_or([0; TABS], |p| p.selected),
        top: previous.map_or([0; TABS], |p| p.top),
        redact: previous.is_some_and(|p| p.redact),
        report: None,
        report_width: previous.map_or(crate::report::TEXT_WIDTH, |p| p.report_width),
        report_scroll: previous.map_or(0, |p| p.report_scroll),
        filters: previous.map_or_else(Default::default, |p| p.filters.clone()),
    };
    for tab in Tab::ALL {
        let saved = view.tab;
        view.tab = tab;
        let len = view.lines();
        view.selected[tab.index()] = view.selected[tab.index()].min(len.saturating_sub(1));
        view.tab = saved;
    }
    if view.tab == Tab::Report {
        let width = view.report_width;
        build_report(ws, &mut view, width)?;
    }
    Ok(view)
}

/// Renders the case's IC3-ready summary (as plain text, which reads best in a terminal), its prose wrapped
/// once, at `width`: the width of the tab it is shown in.
pub fn build_report(ws: &Workspace, view: &mut CaseView, width: usize) -> crate::Result<()> {
    let summary = report::build(ws, view.case.id, &Options { redact: view.redact, verify: false })?;
    view.report = Some(report::render_text(&summary, width));
    view.report_width = width;
    Ok(())
}
