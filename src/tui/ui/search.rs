//! Search results on the case list, with where each case matched; the line under a list that shows what
//! is being typed; the case list's status picker.
//!
//! ```text
//! ┌ Cases · 2 · matching "2025550143" ─────────────────────────────────────────────────┐
//! │ID     ↔ TITLE                 STATUS        MATCHED                                  │
//! │#1     ↔ Backend engineer (c…  open          identifier phone +1 (202) 555-0143 (national)│
//! └ / 2025550143▏ · 2 cases · enter keeps · esc cancels ───────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table};

use crate::catalog::ItemKind;
use crate::domain::MarkState;
use crate::tui::app::{App, CaseList, CaseView};
use crate::tui::keymap::{self, Context};

/// The cursor drawn at the end of a search line.
const CURSOR: &str = "▏";

/// From this width on, the results also show the candidate.
const WIDE: u16 = 110;

/// The status picker, over the bottom left of the list: each key with the statuses it shows.
pub fn status_picker(app: &App, frame: &mut Frame, list_area: Rect) {
    let t = &app.theme;
    let lines: Vec<Line> = keymap::bindings_for(&[Context::StatusPicker])
        .into_iter()
        .filter(|b| b.context == Context::StatusPicker)
        .map(|b| Line::from(vec![Span::styled(format!(" {:<4}", b.key), t.accent()), Span::raw(b.description)]))
        .collect();
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_add(2);
    let width = list_area.width.saturating_sub(4).min(46);
    let area = Rect {
        x: list_area.x + 2,
        y: list_area.bottom().saturating_sub(height + 1).max(list_area.y),
        width,
        height: height.min(list_area.height),
    };
    let block =
        Block::bordered().border_style(t.border(true)).title(Span::styled(" Show cases with status ", t.title()));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The table of search hits, inside `block`.
pub fn draw(app: &App, list: &CaseList, frame: &mut Frame, area: Rect, block: Block<'_>) {
    let t = &app.theme;
    let rows_area = super::case_list::rows_area(area);
    let wide = area.width >= WIDE;
    let first = usize::try_from(list.top).unwrap_or(usize::MAX);
    let mut header = vec!["ID", "↔", "TITLE"];
    // The ID as wide as the largest case number the hits hold, as in the case list: a fixed width cut
    // #150303 to #15030, another case's number.
    let largest = list.rows.iter().map(|c| c.row.id).max().unwrap_or(0).max(list.largest_id);
    let id = super::fit::column("ID", [format!("#{largest}")].iter().map(String::as_str));
    let mut widths = vec![Constraint::Length(id), Constraint::Length(1), Constraint::Fill(1)];
    if wide {
        header.push("CANDIDATE");
        widths.push(Constraint::Fill(1));
    }
    header.extend(["STATUS", "MATCHED"]);
    widths.extend([Constraint::Length(13), Constraint::Fill(2)]);
    let columns = super::fit::column_widths(&widths, area);
    let cut = |text: &str, column: usize| super::fit::cell(&super::shown(text), columns[column]);
    let rows: Vec<Row> = list
        .rows
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(rows_area.height))
        .map(|(i, c)| {
            let selected = i as u64 == list.selected;
            let link_style = if selected { t.selected() } else { t.warning() };
            let linked = if list.linked.contains(&c.row.id) { "↔" } else { "" };
            let mut cells = vec![
                Cell::from(format!("#{}", c.row.id)),
                Cell::from(Span::styled(linked, link_style)),
                cut(&c.row.title, 2),
            ];
            if wide {
                cells.push(cut(c.row.candidate.as_deref().unwrap_or_default(), 3));
            }
            cells.push(Cell::from(c.row.status.as_str()));
            cells.push(cut(&crate::tui::search::matched(list, i), columns.len() - 1));
            Row::new(cells).style(if selected { t.selected() } else { t.text() })
        })
        .collect();
    let table = Table::new(rows, widths).header(Row::new(header).style(t.muted())).block(block);
    frame.render_widget(table, area);
}

/// The line under the case list while the search line is open.
pub fn bottom<'a>(app: &App, list: &CaseList) -> Option<Line<'a>> {
    let live = list.live.as_ref()?;
    let state = if crate::tui::search::waiting(app) {
        "searching…".to_string()
    } else if live.input.trim().is_empty() {
        "titles, subjects, identifiers, notes".to_string()
    } else {
        let n = list.total;
        let newest = if n >= u64::from(crate::tui::load::SEARCH_LIMIT) { " (the newest)" } else { "" };
        let more = super::case_list::more_found(list);
        format!("{n}{more} case{}{newest}", if n == 1 && more.is_empty() { "" } else { "s" })
    };
    Some(search_line(app, &live.input, &state))
}

/// A search line: `/ words▏ · what it found · enter keeps · esc cancels`.
pub fn search_line<'a>(app: &App, input: &str, state: &str) -> Line<'a> {
    let t = &app.theme;
    Line::from(vec![
        Span::styled(" / ", t.accent()),
        Span::styled(format!("{}{CURSOR}", super::shown(input)), t.text()),
        Span::styled(format!(" · {state} · enter keeps · esc cancels "), t.muted()),
    ])
}

/// A checklist tab's title: its counts over every item, and what its filter leaves shown.
pub fn checklist_title(view: &CaseView, kind: ItemKind, shown: usize, max: usize) -> String {
    let all: Vec<_> = view.checklist.iter().filter(|e| e.item.kind == kind).collect();
    let flagged = all.iter().filter(|e| e.state == MarkState::Flagged).count();
    let reviewed = all.iter().filter(|e| e.state != MarkState::Open).count();
    let filter = &view.filters[crate::tui::checklist::slot(kind)];
    let mut parts = vec![view.tab.label().to_string()];
    if filter.narrows() {
        parts.push(format!("{shown} of {} items", all.len()));
        if filter.flagged_only {
            parts.push("flagged only (F)".into());
        }
        if !filter.words.trim().is_empty() && filter.typing.is_none() {
            parts.push(format!("matching {:?} (n next)", filter.words.trim()));
        }
    } else {
        parts.push(format!("{} items", all.len()));
    }
    parts.push(format!("{flagged} flagged"));
    parts.push(format!("{reviewed} reviewed"));
    super::fit::title(&parts, max)
}
