//! The case list.
//!
//! ```text
//! ┌ Cases · 1,234 · sorted by last change ↓ · status: open ───────────────────────────┐
//! │ ID     ↔ TITLE            CANDIDATE     STATUS   PRIORITY  RISK         REVIEWED  CHANGED │
//! │ #12    ↔ Backend eng…     Jordan Lee    open     high      7 high       40%       2026-… │
//! └───────────────────────────────────────────────────────────────────────────────────┘
//! ```
//! `↔` marks a case sharing an identifier, account or near-duplicate resume with another case.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

use crate::store::cases::ArchivedCases;
use crate::tui::app::{App, CaseList};

/// The marker of a linked case: one column wide, and in the DOS and Windows console fonts.
const LINKED: &str = "↔";

/// Where the data rows go inside the list's area: inside the border, under the header.
pub fn rows_area(body: Rect) -> Rect {
    Rect { x: body.x + 1, y: body.y + 2, width: body.width.saturating_sub(2), height: body.height.saturating_sub(3) }
}

pub fn draw(app: &App, list: &CaseList, frame: &mut Frame, area: Rect) {
    draw_list(app, list, frame, area);
    if list.picking_status {
        super::search::status_picker(app, frame, area);
    }
}

fn draw_list(app: &App, list: &CaseList, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let mut block = Block::bordered().border_style(t.border(true)).title(Span::styled(title(list), t.title()));
    if let Some(line) = super::search::bottom(app, list) {
        block = block.title_bottom(line);
    }
    if list.total == 0 {
        frame.render_widget(empty(app, list).block(block), area);
        return;
    }
    if list.search.is_some() {
        super::search::draw(app, list, frame, area, block);
        return;
    }
    let rows_area = rows_area(area);
    let first = list.top;
    let visible = (first..(first + u64::from(rows_area.height)).min(list.total)).filter_map(|i| {
        let row = list.rows.get(usize::try_from(i.checked_sub(list.window_start)?).ok()?)?;
        Some((i, row))
    });
    let rows: Vec<Row> = visible
        .map(|(i, c)| {
            let style = if i == list.selected { t.selected() } else { t.text() };
            let risk_style = if i == list.selected { t.selected() } else { t.risk(c.risk_band) };
            let link_style = if i == list.selected { t.selected() } else { t.warning() };
            let linked = if list.linked.contains(&c.row.id) { LINKED } else { "" };
            Row::new(vec![
                Cell::from(format!("#{}", c.row.id)),
                Cell::from(Span::styled(linked, link_style)),
                Cell::from(super::shown(&c.row.title)),
                Cell::from(super::shown(c.row.candidate.as_deref().unwrap_or_default())),
                Cell::from(c.row.status.as_str()),
                Cell::from(c.row.priority.as_str()),
                Cell::from(Span::styled(format!("{:>3} {}", c.row.risk_score, c.risk_band), risk_style)),
                Cell::from(format!("{:>3}%", c.coverage_percent)),
                Cell::from(c.row.updated_at.get(..10).unwrap_or(&c.row.updated_at).to_string()),
            ])
            .style(style)
        })
        .collect();
    let header = Row::new(["ID", LINKED, "TITLE", "CANDIDATE", "STATUS", "PRIORITY", "RISK", "REVIEWED", "CHANGED"])
        .style(t.muted());
    let widths = [
        Constraint::Length(6),
        Constraint::Length(1),
        Constraint::Fill(3),
        Constraint::Fill(2),
        Constraint::Length(13),
        Constraint::Length(8),
        Constraint::Length(12),
        Constraint::Length(8),
        Constraint::Length(10),
    ];
    frame.render_widget(Table::new(rows, widths).header(header).block(block), area);
}

fn title(list: &CaseList) -> String {
    let noun = if list.query.archived == ArchivedCases::Only { "Archived cases" } else { "Cases" };
    let mut parts = vec![format!(" {noun} · {}", list.total)];
    match &list.search {
        Some(words) if list.live.is_some() => parts.push(format!("matching {words:?}")),
        Some(words) => parts.push(format!("matching {words:?} (Esc clears)")),
        None => {
            let arrow = if list.query.descending { "↓" } else { "↑" };
            parts.push(format!("sorted by {} {arrow}", list.query.sort.label()));
            if let Some(s) = list.query.status {
                parts.push(format!("status {s}"));
            }
            if let Some(p) = list.query.priority {
                parts.push(format!("priority {p}"));
            }
            if list.query.hide_closed {
                parts.push("closed hidden (c)".into());
            }
        }
    }
    parts.join(" · ") + " "
}

/// What an empty list says: how to start, or that the filter matched nothing.
fn empty<'a>(app: &App, list: &CaseList) -> Paragraph<'a> {
    let t = &app.theme;
    let filtered = list.search.is_some()
        || list.query.status.is_some()
        || list.query.priority.is_some()
        || list.query.hide_closed
        || list.query.archived != ArchivedCases::Hidden;
    let lines = if filtered {
        vec![
            Line::from(""),
            Line::styled("  No case matches. Press x to clear the filters, or Esc to clear the search.", t.muted()),
        ]
    } else {
        vec![
            Line::from(""),
            Line::styled("  This workspace has no cases yet.", t.title()),
            Line::from(""),
            Line::from(vec![
                Span::raw("  Press "),
                Span::styled("n", t.accent()),
                Span::raw(" to open a case on a candidate."),
            ]),
            Line::from("  Or try fictional cases, in a workspace of their own: quit, run"),
            Line::from(vec![Span::raw("    "), Span::styled(format!("{} --db demo.db demo", app.program), t.accent())]),
            Line::from(vec![
                Span::raw("  and open it with "),
                Span::styled(format!("{} --db demo.db", app.program), t.accent()),
                Span::raw("."),
            ]),
            Line::from(vec![Span::raw("  Press "), Span::styled("?", t.accent()), Span::raw(" for every key.")]),
        ]
    };
    Paragraph::new(lines).wrap(Wrap { trim: false })
}
