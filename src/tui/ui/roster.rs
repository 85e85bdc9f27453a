//! The Roster screen, drawn over the whole body of the case list it was opened from.
//!
//! ```text
//! ┌ Roster · 12 hits · every kind ─────────────────────────────────────────────────────────────┐
//! │ STR  KIND        PEOPLE  REASON                                                              │
//! │  90  shared           2  2 people share one bank account                                     │
//! │  55  changed          1  bank account changed since the previous snapshot (was 0110…)       │
//! └──────────────────────────────────────────────────────────────────────────────────────────────┘
//! ┌──────────────────────────────────────────────────────────────────────────────────────────────┐
//! │hit 2cab395ca3 · supports RF-PAY-05                                                            │
//! │payroll E1 Ann Lee · account_number 011000015:1234567                                          │
//! └──────────────────────────────────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table, Wrap};

use super::shown;
use crate::roster::Hit;
use crate::tui::app::{App, keep_visible};
use crate::tui::roster::RosterView;

/// The table of hits, and the detail of the selected one.
pub fn regions(body: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Min(5), Constraint::Length(8)]).areas(body)
}

/// Where the table's rows are drawn, for paging and clicks.
pub fn rows_area(body: Rect) -> Rect {
    super::case_view::table_rows(regions(body)[0])
}

pub fn draw(app: &App, view: &RosterView, frame: &mut Frame, body: Rect) {
    frame.render_widget(Clear, body);
    let [table, detail] = regions(body);
    let hits = view.shown();
    draw_table(app, view, &hits, frame, table);
    draw_detail(app, view.current(), frame, detail);
}

fn draw_table(app: &App, view: &RosterView, hits: &[&Hit], frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let page = usize::from(super::case_view::table_rows(area).height).max(1);
    let top = keep_visible(view.selected, view.top, page);
    let widths = [Constraint::Length(3), Constraint::Length(14), Constraint::Length(6), Constraint::Fill(1)];
    let reason_width = super::fit::column_widths(&widths, area)[3];
    let rows: Vec<Row> = hits
        .iter()
        .enumerate()
        .skip(top)
        .take(page)
        .map(|(i, h)| {
            let people =
                h.people.iter().map(|m| (&m.source, &m.person)).collect::<std::collections::HashSet<_>>().len();
            let row = Row::new(vec![
                Cell::from(format!("{:>3}", h.strength)),
                Cell::from(h.kind.as_str()),
                Cell::from(format!("{people:>6}")),
                super::fit::cell(
                    &match h.case {
                        Some(case) => format!("{} · case #{case} opened from it", shown(&h.reason)),
                        None => shown(&h.reason),
                    },
                    reason_width,
                ),
            ]);
            row.style(if i == view.selected { t.selected() } else { t.text() })
        })
        .collect();
    let kind = view.kind.map_or("every kind".to_string(), |k| k.to_string());
    let title = super::fit::line(
        vec![
            super::fit::Part::new(
                format!(" Roster · {} hit{} · {kind}", hits.len(), if hits.len() == 1 { "" } else { "s" }),
                t.title(),
            ),
            super::fit::Part::new(" · f filters by kind", t.title()).optional(),
            super::fit::Part::new(" ", t.title()),
        ],
        usize::from(area.width.saturating_sub(2)),
    );
    let header = Row::new(vec!["STR", "KIND", "PEOPLE", "REASON"]).style(t.muted());
    let mut block = Block::bordered().border_style(t.border(true)).title(title);
    if let Some(why) = &view.warning {
        block =
            block.title_bottom(ratatui::text::Span::styled(format!(" ⚠ may not be as imported: {why} "), t.danger()));
    }
    let empty = hits.is_empty();
    frame.render_widget(Table::new(rows, widths).header(header).block(block), area);
    if empty {
        let inner = super::case_view::table_rows(area);
        let text = if view.hits.is_empty() {
            "No open hits. Import a roster with `vetdesk roster import FILE`; dismissed hits stay away until they change."
        } else {
            "No hit of this kind: f shows the next kind."
        };
        frame.render_widget(Paragraph::new(text).style(t.muted()).wrap(Wrap { trim: true }), inner);
    }
}

fn draw_detail(app: &App, hit: Option<&Hit>, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let panel = Paragraph::new(detail_lines(t, hit)).wrap(Wrap { trim: true });
    let block = Block::bordered().border_style(t.border(false));
    // A hit can hold more people than the panel has rows: none is left out unsaid.
    let cut = super::read::cut(&panel, block.inner(area));
    frame.render_widget(panel.block(super::read::more_below(t, block, cut, "v")), area);
}

/// The selected hit whole, as `v` shows it: every person and value, as text.
pub fn reading(t: &crate::tui::theme::Theme, hit: &Hit) -> crate::tui::read::Reading {
    let text = super::read::text_of(&detail_lines(t, Some(hit)));
    crate::tui::read::Reading { title: format!(" hit {} ", hit.id), text, scroll: 0 }
}

fn detail_lines<'a>(t: &crate::tui::theme::Theme, hit: Option<&Hit>) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    if let Some(h) = hit {
        lines.push(Line::from(vec![
            Span::styled(format!("hit {} ", h.id), t.accent()),
            Span::styled(format!("· supports {} · Enter opens a case, d dismisses", h.supports.join(", ")), t.muted()),
        ]));
        for m in &h.people {
            let name = if m.name.is_empty() { "-" } else { m.name.as_str() };
            lines.push(Line::from(format!(
                "{} {} {} · {} {}",
                shown(&m.source),
                shown(&m.person),
                shown(name),
                m.field,
                shown(&m.raw)
            )));
        }
    }
    lines
}
