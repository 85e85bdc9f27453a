//! Reading what a screen shows from the workspace. Lists read a window of rows, never everything.

use super::app::{App, CaseList, CaseView, NOTES_PAGE, Screen, TABS, Tab, WINDOW};
use crate::Workspace;
use crate::report::{self, Options};
use crate::store::case_page::CaseKey;
use crate::store::cases::{ArchivedCases, CaseQuery};

/// How many search hits a search reads first: a screen and more. Scrolling toward the last one reads
/// more, four times as many each time, up to [`SEARCH_LIMIT`].
pub const SEARCH_FIRST: u32 = 50;
/// The most search hits the case list shows.
pub const SEARCH_LIMIT: u32 = 800;

impl App {
    /// Reloads the current screen from the workspace, keeping selections where they can stay.
    pub fn reload(&mut self) -> crate::Result<()> {
        self.seen_version = self.ws.data_version()?;
        let page = self.page() as u64;
        if let Some(roster) = &mut self.roster {
            roster.reload(&self.ws)?;
        }
        if let Some(controls) = &mut self.controls {
            controls.reload(&self.ws)?;
        }
        match &mut self.screen {
            Screen::List(list) => {
                let selected = selected_id(list);
                load_list_following(&self.ws, list, page, selected)
            }
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

/// Counts the cases (the count is kept until the workspace changes), reads the window of rows around
/// the selection, and works out the link markers of the `page` rows on screen only: each costs a few
/// index seeks, pages of the file read for the first time (and, in an encrypted workspace, decrypted).
/// Rows scrolled to, or shown by a taller terminal, get theirs as they come into view. On a terminal
/// ([`CaseList::marks_when_idle`]) the markers are only marked due here, for [`mark_due`].
pub fn load_list(ws: &Workspace, list: &mut CaseList, page: u64) -> crate::Result<()> {
    load_list_following(ws, list, page, None)
}

/// The case on the selected row, if it is held.
fn selected_id(list: &CaseList) -> Option<i64> {
    let row = list.selected.checked_sub(list.window_start).and_then(|i| list.rows.get(usize::try_from(i).ok()?));
    row.map(|c| c.row.id)
}

/// [`load_list`], the selection then on case `selected_case` wherever it now stands, if the list still
/// holds it: a change may have moved it (the list sorted by last change), and the row it was on may now
/// be another case's.
fn load_list_following(
    ws: &Workspace,
    list: &mut CaseList,
    page: u64,
    selected_case: Option<i64>,
) -> crate::Result<()> {
    list.largest_id = ws.largest_case_id()?;
    if let Some(words) = &list.search {
        let hits = ws.search(words, list.query.archived, list.search_limit.clamp(SEARCH_FIRST, SEARCH_LIMIT))?;
        (list.rows, list.found) = hits.into_iter().map(|h| (h.case, h.found)).unzip();
        list.total = list.rows.len() as u64;
        list.window_start = 0;
    } else {
        list.found.clear();
        list.total = ws.count_cases(&list.query)?;
        let unfiltered = list.query.status.is_none()
            && list.query.priority.is_none()
            && !list.query.hide_closed
            && list.query.archived == crate::store::cases::ArchivedCases::Hidden;
        list.archived_aside = if list.total == 0 && unfiltered {
            ws.count_cases(&CaseQuery { archived: crate::store::cases::ArchivedCases::Only, ..CaseQuery::default() })?
        } else {
            0
        };
        let w = window_rows(page);
        read_window(ws, list, window_start(list.top, page, w), w, false)?;
        let held = |list: &CaseList, id| list.rows.iter().position(|c| c.row.id == id);
        if let Some(id) = selected_case
            && held(list, id).is_none()
            && let Some(at) = ws.case_position(&list.query, id)?
        {
            list.selected = at;
            list.top = list.top.min(at).max((at + 1).saturating_sub(page));
            read_window(ws, list, window_start(list.top, page, w), w, false)?;
        }
    }
    if let Some(at) = selected_case.and_then(|id| list.rows.iter().position(|c| c.row.id == id)) {
        list.selected = list.window_start + at as u64;
        list.top = list.top.min(list.selected).max((list.selected + 1).saturating_sub(page));
    }
    list.selected = list.selected.min(list.total.saturating_sub(1));
    list.top = list.top.min(list.selected);
    list.linked.clear();
    list.marked.clear();
    mark_rows(ws, list, list.top, page)
}

/// How many rows a window holds for a screen of `page` rows: three screens, and at least [`WINDOW`].
fn window_rows(page: u64) -> u64 {
    page.saturating_mul(3).max(u64::from(WINDOW))
}

/// Where a window of `w` rows around the `count` rows from `first` starts: a quarter of the rows it holds
/// beyond them come before them, the rest after (a list is mostly read downward).
fn window_start(first: u64, count: u64, w: u64) -> u64 {
    first.saturating_sub(w.saturating_sub(count) / 4)
}

/// Reads the window of `w` rows starting at `start`. The two ends of the list are read from their end,
/// and a window next to the one held (`anchored`: the rows held are current) by a seek from its edge row,
/// so that `j`, PageDown, `G` and the first page cost the same anywhere in a million cases. Only a jump to
/// the middle, with nothing held near it, reads through the rows before it.
fn read_window(ws: &Workspace, list: &mut CaseList, start: u64, w: u64, anchored: bool) -> crate::Result<()> {
    let total = list.total;
    let small = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    let base = CaseQuery { limit: small(w), offset: 0, after: None, ..list.query.clone() };
    let start = start.min(total.saturating_sub(w));
    let (held_start, held) = (list.window_start, list.rows.len() as u64);
    let rows = if start == 0 {
        ws.cases(&base)?
    } else if start + w >= total {
        ws.last_cases(&CaseQuery { limit: small(total - start), ..base })?
    } else if anchored && held > 0 && start > held_start && start <= held_start + held {
        let key = CaseKey::of(&list.rows[usize::try_from(start - 1 - held_start).unwrap_or(0)].row);
        ws.cases(&CaseQuery { after: Some(key), ..base })?
    } else if anchored && held > 0 && start < held_start && start + w > held_start {
        let key = CaseKey::of(&list.rows[0].row);
        let mut rows = ws.cases_before(&CaseQuery { limit: small(held_start - start), ..base }, &key)?;
        let keep = usize::try_from((start + w - held_start).min(held)).unwrap_or(0);
        rows.extend(list.rows.drain(..keep));
        rows
    } else if start <= total / 2 {
        ws.cases(&CaseQuery { offset: small(start), ..base })?
    } else {
        ws.last_cases(&CaseQuery { offset: small(total - start - w), ..base })?
    };
    list.rows = rows;
    list.window_start = start;
    Ok(())
}

/// Makes sure the rows from `first` to `first + count` are in the window, reading a new one if not, and
/// that they carry their link markers.
pub fn ensure_window(ws: &Workspace, list: &mut CaseList, first: u64, count: u64) -> crate::Result<()> {
    let end = list.window_start + list.rows.len() as u64;
    let wanted_end = (first + count).min(list.total);
    if list.search.is_none() && (first < list.window_start || wanted_end > end) {
        let w = window_rows(count);
        read_window(ws, list, window_start(first, count, w), w, true)?;
    }
    mark_rows(ws, list, first, count)
}

/// Works out the link markers (↔) of the rows from `first` to `first + count` that have none yet; on the
/// workstation's terminal, marks them due instead, for [`mark_due`] when no key is waiting.
pub fn mark_rows(ws: &Workspace, list: &mut CaseList, first: u64, count: u64) -> crate::Result<()> {
    let ids = unmarked(list, first, count);
    if ids.is_empty() {
        return Ok(());
    }
    if list.marks_when_idle {
        list.marks_due = true;
        return Ok(());
    }
    mark(ws, list, ids)
}

/// Rows whose link markers are worked out between two looks at the keyboard ([`mark_due`]).
const MARKED_AT_ONCE: usize = 4;

/// Works out the link markers of the `page` rows on screen, if they are due: those shown now, not those
/// scrolled past since they fell due. [`MARKED_AT_ONCE`] rows at a time, stopping when `key_waiting`
/// says a key is waiting; the rows left stay due.
pub fn mark_due(
    ws: &Workspace,
    list: &mut CaseList,
    page: u64,
    mut key_waiting: impl FnMut() -> bool,
) -> crate::Result<()> {
    if !list.marks_due {
        return Ok(());
    }
    let ids = unmarked(list, list.top, page);
    let mut chunks = ids.chunks(MARKED_AT_ONCE).peekable();
    while let Some(chunk) = chunks.next() {
        if let Err(e) = mark(ws, list, chunk.to_vec()) {
            // Said once; the rows are tried again when they next come to the screen.
            list.marks_due = false;
            return Err(e);
        }
        if chunks.peek().is_some() && key_waiting() {
            return Ok(());
        }
    }
    list.marks_due = false;
    Ok(())
}

/// The rows from `first` to `first + count` whose marker has not been worked out.
fn unmarked(list: &CaseList, first: u64, count: u64) -> Vec<i64> {
    let from = usize::try_from(first.saturating_sub(list.window_start)).unwrap_or(usize::MAX);
    list.rows
        .iter()
        .skip(from)
        .take(usize::try_from(count).unwrap_or(usize::MAX))
        .map(|r| r.row.id)
        .filter(|id| !list.marked.contains(id))
        .collect()
}

fn mark(ws: &Workspace, list: &mut CaseList, ids: Vec<i64>) -> crate::Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    // A list that shows archived cases marks links to them too.
    list.linked.extend(ws.linked_cases_with(&ids, list.query.archived != ArchivedCases::Hidden)?);
    list.marked.extend(ids);
    Ok(())
}

/// Reads everything a case view shows; `previous` keeps the tab, selections and redaction.
pub fn load_case(ws: &Workspace, case_id: i64, previous: Option<&CaseView>) -> crate::Result<CaseView> {
    let case = ws.case(case_id)?;
    let links = ws.links(case_id)?;
    let suggestions = ws.suggestions_from(case_id, &links)?;
    let naming = crate::domain::link::Naming::of(&links);
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
        naming,
        suggestions,
        links_warning: None,
        links_checked: false,
        record_warning: ws.case_warning(case_id)?,
        other_signers: ws.case_other_signers(case_id)?,
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
    check_links(ws, &mut view)?;
    Ok(view)
}

/// Works out, once the links tab is shown, whether its links can be taken as recorded: that re-hashes the
/// case's records and may derive match keys again, which the other tabs do not need after every change.
pub fn check_links(ws: &Workspace, view: &mut CaseView) -> crate::Result<()> {
    if view.tab == Tab::Links && !view.links_checked {
        let case_id = view.case.id;
        view.links_warning = if view.links.is_empty() { None } else { ws.links_warning(case_id, &view.links)? };
        view.links_checked = true;
    }
    Ok(())
}

/// Renders the case's IC3-ready summary (as plain text, which reads best in a terminal), its prose wrapped
/// once, at `width`: the width of the tab it is shown in.
pub fn build_report(ws: &Workspace, view: &mut CaseView, width: usize) -> crate::Result<()> {
    let summary = report::build(ws, view.case.id, &Options { redact: view.redact, verify: false })?;
    view.report = Some(super::report_view::fit(&report::render_text(&summary, width), width).into());
    view.report_width = width;
    Ok(())
}
