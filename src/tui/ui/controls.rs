//! The organisation controls, drawn over the whole body of the screen they were opened from.
//!
//! ```text
//! ┌ Organisation controls · 22 · 3 reviewed · 1 gap · reviewed once for the workspace ──────────┐
//! │    CODE   FOR           STATE     CONTROL                                                     │
//! │[✓] OC-01  organisation  in-place  Extra due diligence for front companies and fake websites ✎ │
//! │[ ] PL-01  platform      open      Verify identities in depth before an account can bid        │
//! └──────────────────────────────────────────────────────────────────────────────────────────────┘
//! ┌──────────────────────────────────────────────────────────────────────────────────────────────┐
//! │OC-01 Add due-diligence steps, written into the hiring and procurement process, …             │
//! │Note (ana, 2026-03-14 09:30): …                                                                │
//! │Takes over DD-VEND-05 of catalog 2026.1, once checked in each case                             │
//! │Sources: LAWFIRM-2025: …, How to Counter Evolving Cybersecurity Threats … (2025-07)                │
//! └──────────────────────────────────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table, Wrap};

use crate::domain::ControlState;
use crate::tui::app::{App, keep_visible};
use crate::tui::controls::ControlsView;
use crate::workspace::ControlEntry;

/// The table of controls, and the detail of the selected one.
pub fn regions(body: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Min(5), Constraint::Length(10)]).areas(body)
}

/// Where the table's rows are drawn, for paging and clicks.
pub fn rows_area(body: Rect) -> Rect {
    super::case_view::table_rows(regions(body)[0])
}

fn state_mark(state: ControlState) -> &'static str {
    match state {
        ControlState::Open => "[ ]",
        ControlState::InPlace => "[✓]",
        ControlState::Gap => "[!]",
        ControlState::Na => "[-]",
    }
}

pub fn draw(app: &App, view: &ControlsView, frame: &mut Frame, body: Rect) {
    frame.render_widget(Clear, body);
    let [table, detail] = regions(body);
    draw_table(app, view, frame, table);
    draw_detail(app, view.current(), frame, detail);
}

fn draw_table(app: &App, view: &ControlsView, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let page = usize::from(super::case_view::table_rows(area).height).max(1);
    let top = keep_visible(view.selected, view.top, page);
    // The note mark's column only when a control has a note, so the control's title takes the rest.
    let noted = view.entries.iter().any(|e| !e.note.is_empty());
    let mut widths = vec![
        Constraint::Length(3),
        Constraint::Length(6),
        Constraint::Length(12),
        Constraint::Length(8),
        Constraint::Fill(1),
    ];
    if noted {
        widths.push(Constraint::Length(1));
    }
    let columns = super::fit::column_widths(&widths, area);
    let rows: Vec<Row> = view
        .entries
        .iter()
        .enumerate()
        .skip(top)
        .take(page)
        .map(|(i, e)| {
            let selected = i == view.selected;
            let state_style = if selected { t.selected() } else { t.control(e.state) };
            let mut cells = vec![
                Cell::from(Span::styled(state_mark(e.state), state_style)),
                Cell::from(e.control.code.clone()),
                Cell::from(e.control.audience.as_str()),
                Cell::from(Span::styled(e.state.as_str(), state_style)),
                super::fit::cell(&e.control.title, columns[4]),
            ];
            if noted {
                cells.push(Cell::from(if e.note.is_empty() { "" } else { "✎" }));
            }
            Row::new(cells).style(if selected { t.selected() } else { t.text() })
        })
        .collect();
    let gaps = view.gaps();
    let counts = format!(
        " Organisation controls · {} · {} reviewed · {gaps} gap{}",
        view.entries.len(),
        view.reviewed(),
        if gaps == 1 { "" } else { "s" }
    );
    let title = super::fit::line(
        vec![
            super::fit::Part::new(counts, t.title()),
            super::fit::Part::new(" · reviewed once for the workspace", t.title()).optional(),
            super::fit::Part::new(" ", t.title()),
        ],
        usize::from(area.width.saturating_sub(2)),
    );
    let mut header = vec!["", "CODE", "FOR", "STATE", "CONTROL"];
    if noted {
        header.push("");
    }
    let header = Row::new(header).style(t.muted());
    let block = Block::bordered().border_style(t.border(true)).title(title);
    frame.render_widget(Table::new(rows, widths).header(header).block(block), area);
}

fn draw_detail(app: &App, entry: Option<&ControlEntry>, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let mut lines = Vec::new();
    if let Some(e) = entry {
        let c = e.control;
        let sources = c
            .sources
            .iter()
            .map(|k| {
                crate::catalog::source(k).map_or(k.clone(), |s| format!("{k}: {}, {} ({})", s.issuer, s.title, s.date))
            })
            .collect::<Vec<_>>()
            .join("; ");
        lines.push(Line::from(vec![Span::styled(format!("{} ", c.code), t.accent()), Span::raw(c.text.clone())]));
        if !e.note.is_empty() {
            let by = e.marked_by.as_deref().unwrap_or("");
            let at = e.marked_at.as_deref().map(|a| a.get(..16).unwrap_or(a).replace('T', " ")).unwrap_or_default();
            lines.extend(super::labelled_lines(Span::styled(format!("Note ({by}, {at}): "), t.muted()), &e.note));
        }
        if !c.replaces.is_empty() {
            // The newest earlier version that has the items, not just the one before the current.
            let earlier = crate::catalog::versions()
                .iter()
                .rev()
                .find(|v| c.replaces.iter().all(|code| v.item(code).is_some()))
                .map_or_else(|| "an earlier catalog".to_string(), |v| format!("catalog {}", v.version));
            let codes = c.replaces.join(", ");
            lines.push(Line::styled(format!("Takes over {codes} of {earlier}, once checked in each case"), t.muted()));
        }
        lines.push(Line::styled(format!("Sources: {sources}"), t.muted()));
    }
    let body = Paragraph::new(lines).wrap(Wrap { trim: true });
    let block = Block::bordered().border_style(t.border(false));
    let cut = super::read::cut(&body, block.inner(area));
    frame.render_widget(body.block(super::read::more_below(t, block, cut, "Enter")), area);
}
