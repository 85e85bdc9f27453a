//! The case list.
//!
//! ```text
//! ┌ Cases · 1,234 · sorted by last change ↓ · status: open ───────────────────────────┐
//! │ ID     ↔ TITLE            CANDIDATE     STATUS   PRIORITY  RISK         REVIEWED  CHANGED │
//! │ #12    ↔ Backend eng…     Jordan Lee    open     high      7 high       40%       2026-… │
//! └───────────────────────────────────────────────────────────────────────────────────┘
//! ```
//! `↔` marks a case sharing an identifier, account or near-duplicate resume with another case. On a narrow
//! screen the fixed columns shorten or go (see [`Columns`]) so title and candidate keep their room.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row, Table};

use super::fit;
use crate::store::cases::ArchivedCases;
use crate::tui::app::{App, CaseList};
use crate::workspace::CaseSummary;

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
        frame.render_widget(super::empty_state(empty(app, list), block), area);
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
    let columns = Columns::for_list(list, rows_area.width);
    let widths = fit::column_widths(&columns.widths(), area);
    let rows: Vec<Row> = visible
        .map(|(i, c)| {
            let style = if i == list.selected { t.selected() } else { t.text() };
            let risk_style = if i == list.selected { t.selected() } else { t.risk(c.risk_band) };
            let link_style = if i == list.selected { t.selected() } else { t.warning() };
            let linked = if list.linked.contains(&c.row.id) { LINKED } else { "" };
            let mut cells = vec![
                Cell::from(format!("#{}", c.row.id)),
                Cell::from(Span::styled(linked, link_style)),
                fit::cell(&super::shown(&c.row.title), widths[2]),
                fit::cell(&super::shown(c.row.candidate.as_deref().unwrap_or_default()), widths[3]),
                Cell::from(c.row.status.as_str()),
            ];
            if columns.priority.is_some() {
                cells.push(Cell::from(c.row.priority.as_str()));
            }
            cells.push(Cell::from(Span::styled(risk(c), risk_style)));
            if columns.reviewed.is_some() {
                cells.push(Cell::from(reviewed(c)));
            }
            if columns.changed.is_some() {
                cells.push(Cell::from(changed(c)));
            }
            Row::new(cells).style(style)
        })
        .collect();
    let header = Row::new(columns.headers()).style(t.muted());
    frame.render_widget(Table::new(rows, columns.widths()).header(header).block(block), area);
}

fn risk(c: &CaseSummary) -> String {
    format!("{:>3} {}", c.row.risk_score, c.risk_band)
}

fn reviewed(c: &CaseSummary) -> String {
    format!("{:>3}%", c.coverage_percent)
}

fn changed(c: &CaseSummary) -> String {
    c.row.updated_at.get(..10).unwrap_or(&c.row.updated_at).to_string()
}

/// What title and candidate keep at least before other columns shorten or go.
const TITLE_AND_CANDIDATE: u16 = 40;

/// The columns of the list at a width: fixed columns as wide as the rows read hold (the ID as the largest
/// case number); when title and
/// candidate would get less than [`TITLE_AND_CANDIDATE`], headers shorten, then CHANGED, REVIEWED and
/// PRIORITY go, in that order. Title and candidate share what is left, 2 to 1.
struct Columns {
    id: u16,
    status: u16,
    priority: Option<(&'static str, u16)>,
    risk: u16,
    reviewed: Option<(&'static str, u16)>,
    changed: Option<u16>,
}

impl Columns {
    fn for_list(list: &CaseList, width: u16) -> Columns {
        let rows = &list.rows;
        let width_of = |header: &str, values: Vec<String>| fit::column(header, values.iter().map(String::as_str));
        // The ID as wide as the largest case number wherever the list is scrolled to: the numbers grow
        // towards one end, and the other columns would give way there.
        let largest = rows.iter().map(|c| c.row.id).max().unwrap_or(0).max(list.largest_id);
        let id = width_of("ID", vec![format!("#{largest}")]);
        let status = width_of("STATUS", rows.iter().map(|c| c.row.status.as_str().to_string()).collect());
        let priority_values = || rows.iter().map(|c| c.row.priority.as_str().to_string()).collect::<Vec<_>>();
        let reviewed_values = || rows.iter().map(reviewed).collect::<Vec<_>>();
        let mut columns = Columns {
            id,
            status,
            priority: Some(("PRIORITY", width_of("PRIORITY", priority_values()))),
            risk: width_of("RISK", rows.iter().map(risk).collect()),
            reviewed: Some(("REVIEWED", width_of("REVIEWED", reviewed_values()))),
            changed: Some(width_of("CHANGED", rows.iter().map(changed).collect())),
        };
        let short = |columns: &mut Columns| {
            columns.priority = Some(("PRIO", width_of("PRIO", priority_values())));
            columns.reviewed = Some(("REV", width_of("REV", reviewed_values())));
        };
        let steps: [&dyn Fn(&mut Columns); 4] =
            [&short, &|c| c.changed = None, &|c| c.reviewed = None, &|c| c.priority = None];
        for step in steps {
            if columns.room(width) >= TITLE_AND_CANDIDATE {
                break;
            }
            step(&mut columns);
        }
        columns
    }

    fn fixed(&self) -> Vec<u16> {
        let mut fixed = vec![self.id, 1, self.status];
        fixed.extend(self.priority.map(|(_, w)| w));
        fixed.push(self.risk);
        fixed.extend(self.reviewed.map(|(_, w)| w));
        fixed.extend(self.changed);
        fixed
    }

    /// What title and candidate get at `width`: the rest after the fixed columns and the gaps.
    fn room(&self, width: u16) -> u16 {
        let fixed = self.fixed();
        let gaps = fixed.len() as u16 + 1;
        width.saturating_sub(fixed.iter().sum::<u16>() + gaps)
    }

    fn headers(&self) -> Vec<&'static str> {
        let mut headers = vec!["ID", LINKED, "TITLE", "CANDIDATE", "STATUS"];
        headers.extend(self.priority.map(|(h, _)| h));
        headers.push("RISK");
        headers.extend(self.reviewed.map(|(h, _)| h));
        headers.extend(self.changed.map(|_| "CHANGED"));
        headers
    }

    fn widths(&self) -> Vec<Constraint> {
        let fixed = self.fixed();
        let mut widths =
            vec![Constraint::Length(fixed[0]), Constraint::Length(1), Constraint::Fill(2), Constraint::Fill(1)];
        widths.extend(fixed[2..].iter().map(|w| Constraint::Length(*w)));
        widths
    }
}

/// "+" after the count of search results when there may be more: they come a screenful at a time, and as
/// many as were asked for means more were left unread.
pub fn more_found(list: &CaseList) -> &'static str {
    let asked = u64::from(list.search_limit.clamp(crate::tui::load::SEARCH_FIRST, crate::tui::load::SEARCH_LIMIT));
    if list.search.is_some() && list.total >= asked { "+" } else { "" }
}

fn title(list: &CaseList) -> String {
    let noun = if list.query.archived == ArchivedCases::Only { "Archived cases" } else { "Cases" };
    let more = more_found(list);
    let mut parts = vec![format!(" {noun} · {}{more}", list.total)];
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
fn empty<'a>(app: &App, list: &CaseList) -> Vec<Line<'a>> {
    let t = &app.theme;
    let filtered = list.search.is_some()
        || list.query.status.is_some()
        || list.query.priority.is_some()
        || list.query.hide_closed
        || list.query.archived != ArchivedCases::Hidden;
    if list.live.is_some() {
        // The search line takes letters as typed words: only its own keys can be named here.
        vec![
            Line::from(""),
            Line::styled("No case matches these words. Ctrl-U clears them; Esc leaves the search.", t.muted()),
        ]
    } else if filtered {
        vec![
            Line::from(""),
            Line::styled("No case matches. Press x to clear the filters, or Esc to clear the search.", t.muted()),
        ]
    } else if list.archived_aside > 0 {
        let n = list.archived_aside;
        vec![
            Line::from(""),
            Line::styled(format!("Every case of this workspace is archived ({n})."), t.title()),
            Line::from(""),
            Line::from(vec![
                Span::raw("Press "),
                Span::styled("c", t.accent()),
                Span::raw(" twice to list them (once hides closed cases, then archived ones are shown), or "),
                Span::styled("n", t.accent()),
                Span::raw(" to open a new case."),
            ]),
        ]
    } else {
        vec![
            Line::from(""),
            Line::styled("This workspace has no cases yet.", t.title()),
            Line::from(""),
            Line::from(vec![
                Span::raw("Press "),
                Span::styled("n", t.accent()),
                Span::raw(" to open a case on a candidate."),
            ]),
            Line::from("Or try fictional cases, in a workspace of their own: quit, run"),
            Line::from(vec![Span::raw("  "), Span::styled(format!("{} --db demo.db demo", app.program), t.accent())]),
            Line::from(vec![
                Span::raw("and open it with "),
                Span::styled(format!("{} --db demo.db", app.program), t.accent()),
                Span::raw("."),
            ]),
            Line::from(vec![Span::raw("Press "), Span::styled("?", t.accent()), Span::raw(" for every key.")]),
        ]
    }
}
