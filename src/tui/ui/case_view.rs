//! A case: header, tabs, and the current tab.
//!
//! ```text
//!  #12 Backend engineer (contract) · investigating · high · risk 7 high · reviewed 40/102 (39%)
//!  candidate Jordan Lee · 2 red flag(s), 0 concern(s) · catalog 2026.1 · U upgrade · opened 2026-03-01
//!  1 Overview │ 2 Red flags │ 3 Due diligence │ 4 Evidence │ 5 Notes │ 6 Links │ 7 Report
//! ┌ tab content ─────────────────────────────────────────────────────────────────┐
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, CaseView, Tab};
use super::super::upgrade;
use super::{links, tabs};

const SEPARATOR: &str = " │ ";

/// Header, tab bar, content.
pub fn regions(body: Rect) -> [Rect; 3] {
    Layout::vertical([Constraint::Length(2), Constraint::Length(1), Constraint::Min(1)]).areas(body)
}

fn tab_label(tab: Tab) -> String {
    format!("{} {}", tab.index() + 1, tab.label())
}

/// The tab under `column` in the tab bar.
pub fn tab_at(bar: Rect, column: u16) -> Option<u8> {
    let mut x = bar.x + 1;
    for tab in Tab::ALL {
        let width = tab_label(tab).chars().count() as u16;
        if column >= x && column < x + width {
            return u8::try_from(tab.index()).ok();
        }
        x += width + SEPARATOR.chars().count() as u16;
    }
    None
}

/// Where a tab's selectable rows are drawn, for paging and clicks; `None` for the report. On the links tab,
/// the links table's rows.
pub fn rows_area(content: Rect, view: &CaseView) -> Option<Rect> {
    let table = match view.tab {
        Tab::Overview => tabs::overview_regions(content)[1],
        Tab::RedFlags | Tab::DueDiligence => tabs::checklist_regions(content)[0],
        Tab::Evidence => tabs::evidence_regions(content)[0],
        Tab::Links => links::regions(content, view)[0],
        Tab::Notes => {
            let list = tabs::notes_regions(content)[0];
            return Some(Rect {
                x: list.x + 1,
                y: list.y + 1,
                width: list.width.saturating_sub(2),
                height: list.height.saturating_sub(2),
            });
        }
        Tab::Report => return None,
    };
    Some(table_rows(table))
}

/// The rows of a bordered table with a header: inside the border, under the header row.
pub fn table_rows(table: Rect) -> Rect {
    Rect {
        x: table.x + 1,
        y: table.y + 2,
        width: table.width.saturating_sub(2),
        height: table.height.saturating_sub(3),
    }
}

pub fn draw(app: &App, view: &CaseView, frame: &mut Frame, body: Rect) {
    let [header, bar, content] = regions(body);
    draw_header(app, view, frame, header);
    draw_tabs(app, view, frame, bar);
    match view.tab {
        Tab::Overview => tabs::overview(app, view, frame, content),
        Tab::RedFlags | Tab::DueDiligence => tabs::checklist(app, view, frame, content),
        Tab::Evidence => tabs::evidence(app, view, frame, content),
        Tab::Notes => tabs::notes(app, view, frame, content),
        Tab::Links => links::draw(app, view, frame, content),
        Tab::Report => tabs::report(app, view, frame, content),
    }
}

fn draw_header(app: &App, view: &CaseView, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let c = &view.case;
    let a = &view.assessment;
    let disposition = c.disposition.map(|d| format!(" ({d})")).unwrap_or_default();
    let first = Line::from(vec![
        Span::styled(format!(" #{} {}", c.id, super::shown(&c.title)), t.title()),
        Span::styled(format!(" · {}{disposition} · {} · ", c.status, c.priority), t.text()),
        Span::styled(format!("risk {} {}", a.score, a.band), t.risk(a.band)),
        Span::styled(format!(" · reviewed {}/{} ({}%)", a.reviewed, a.total, a.coverage_percent()), t.muted()),
    ]);
    let candidate = view.subjects.iter().find(|s| s.role == crate::domain::Role::Candidate).map(|s| s.name.as_str());
    let (catalog, catalog_style) = if upgrade::outdated(c) {
        (format!("catalog {} · U upgrade", c.catalog_version), t.warning())
    } else {
        (format!("catalog {}", c.catalog_version), t.muted())
    };
    let second = Line::from(vec![
        Span::styled(
            format!(
                " candidate {} · {} red flag(s), {} concern(s) · ",
                super::shown(candidate.unwrap_or("-")),
                a.red_flags,
                a.concerns,
            ),
            t.muted(),
        ),
        Span::styled(catalog, catalog_style),
        Span::styled(format!(" · opened {}", c.created_at.get(..10).unwrap_or(&c.created_at)), t.muted()),
    ]);
    // An archived case says so first, where the eye lands: why, and that X brings it back.
    let first = match &c.archived {
        Some(archived) => {
            let mut spans = vec![Span::styled(
                format!(
                    " ARCHIVED {}: {} (X brings it back) ·",
                    archived.archived_at.get(..10).unwrap_or_default(),
                    super::shown(&archived.reason)
                ),
                t.warning(),
            )];
            spans.extend(first.spans);
            Line::from(spans)
        }
        None => first,
    };
    frame.render_widget(Paragraph::new(vec![first, second]), area);
}

fn draw_tabs(app: &App, view: &CaseView, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let mut spans = vec![Span::raw(" ")];
    for (i, tab) in Tab::ALL.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(SEPARATOR, t.muted()));
        }
        let style = if tab == view.tab { t.selected() } else { t.text() };
        spans.push(Span::styled(tab_label(tab), style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
