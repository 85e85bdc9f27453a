//! The links tab: what this case shares with other cases and reference lists, and the checklist items that
//! suggests. One selection runs through the links, then the suggestions.
//!
//! ```text
//! ┌ Links · 2 · enter opens the other case ───────────────────────────────────────────────┐
//! │STRENGTH KIND      THIS CASE           OTHER                THEIR VALUE         WHY        │
//! │strong   phone     +1 (202) 555-0143   #2 Designer — Mü…    +1 (202) 555-0143   same phone │
//! └──────────────────────────────────────────────────────────────────────────────────────────┘
//! ┌ Suggested checklist items · 1 · A accepts (flags the item) · D dismisses ────────────────┐
//! │CODE       ITEM                          WHY                                              │
//! │RF-COM-02  Phone or email shared with…   phone +1 (202) 555-0143 also in case #2          │
//! └──────────────────────────────────────────────────────────────────────────────────────────┘
//! ┌──────────────────────────────────────────────────────────────────────────────────────────┐
//! │ what enter, A and D do with the selected line; then the line in full                     │
//! └──────────────────────────────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

use super::case_view::table_rows;
use crate::domain::link::{Counterpart, Link, Naming, Strength};
use crate::tui::app::{App, CaseView, LinksLine, Tab, keep_visible};
use crate::tui::theme::Theme;
use crate::workspace::Suggestion;

/// Suggestions shown at once; more scroll.
const SUGGESTIONS_SHOWN: usize = 5;

/// Links table, suggestions panel (sized to what it holds), detail of the selected line.
pub fn regions(area: Rect, view: &CaseView) -> [Rect; 3] {
    let suggested = if view.suggestions.is_empty() { 3 } else { view.suggestions.len().min(SUGGESTIONS_SHOWN) + 3 };
    Layout::vertical([Constraint::Min(5), Constraint::Length(suggested as u16), Constraint::Length(5)]).areas(area)
}

/// The first link on screen: follows the selection while it is on a link, and stays put below that.
fn links_top(view: &CaseView, rows: u16) -> usize {
    let page = usize::from(rows).max(1);
    let top = view.top[Tab::Links.index()];
    let selected = view.selection();
    if selected < view.links.len() {
        keep_visible(selected, top, page)
    } else {
        top.min(view.links.len().saturating_sub(page))
    }
}

/// The first suggestion on screen, worked out from the selection alone.
fn suggestions_top(view: &CaseView, rows: u16) -> usize {
    let selected = view.selection().saturating_sub(view.links.len());
    keep_visible(selected, 0, usize::from(rows).max(1))
}

/// The line of the tab at (`column`, `row`), if a link or suggestion is drawn there.
pub fn hit(view: &CaseView, content: Rect, column: u16, row: u16) -> Option<usize> {
    let [links, suggested, _] = regions(content, view);
    let inside = |r: Rect| column >= r.x && column < r.right() && row >= r.y && row < r.bottom();
    let (links, suggested) = (table_rows(links), table_rows(suggested));
    if inside(links) {
        let i = links_top(view, links.height) + usize::from(row - links.y);
        (i < view.links.len()).then_some(i)
    } else if inside(suggested) {
        let i = suggestions_top(view, suggested.height) + usize::from(row - suggested.y);
        (i < view.suggestions.len()).then_some(view.links.len() + i)
    } else {
        None
    }
}

pub fn draw(app: &App, view: &CaseView, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    if view.links.is_empty() && view.suggestions.is_empty() {
        let text = vec![Line::from(""), Line::styled(NO_LINKS, t.muted()), Line::styled(HOW_TO_LINK, t.muted())];
        frame.render_widget(super::empty_state(text, block(t, " Links ".into())), area);
        return;
    }
    let [links, suggested, detail] = regions(area, view);
    links_table(t, view, frame, links);
    suggestions_table(t, view, frame, suggested);
    let panel = Paragraph::new(detail_lines(t, view, true)).wrap(Wrap { trim: true });
    let block = Block::bordered().border_style(t.border(false));
    let cut = super::read::cut(&panel, block.inner(detail));
    frame.render_widget(panel.block(super::read::more_below(t, block, cut, "v")), detail);
}

/// The panel under the tables: the selected link or suggestion, and, `with_keys`, what the tab's keys do
/// with it (not in `v`'s overlay, where any key closes).
fn detail_lines<'a>(t: &Theme, view: &CaseView, with_keys: bool) -> Vec<Line<'a>> {
    match view.links_line(view.selection()) {
        Some(LinksLine::Link(i)) => link_detail(t, view, &view.links[i], with_keys),
        Some(LinksLine::Suggestion(i)) => suggestion_detail(t, &view.suggestions[i], with_keys),
        None => Vec::new(),
    }
}

/// The selected link or suggestion whole, as `v` shows it: the panel's lines as text.
pub fn reading(t: &Theme, view: &CaseView) -> Option<crate::tui::read::Reading> {
    let title = match view.links_line(view.selection())? {
        LinksLine::Link(i) => format!(" {} link · {} ", view.links[i].strength, view.links[i].this.kind),
        LinksLine::Suggestion(i) => format!(" suggestion {} ", view.suggestions[i].code),
    };
    Some(crate::tui::read::Reading { title, text: super::read::text_of(&detail_lines(t, view, false)), scroll: 0 })
}

const NO_LINKS: &str = "No other case shares this case's identifiers, accounts or resume.";
const HOW_TO_LINK: &str = "Add identifiers on the Overview tab (a) or attach a resume on the Evidence tab.";

fn block<'a>(t: &Theme, title: String) -> Block<'a> {
    Block::bordered().border_style(t.border(true)).title(Span::styled(title, t.title()))
}

fn strength_style(t: &Theme, strength: Strength) -> Style {
    match strength {
        Strength::Strong => t.danger(),
        Strength::Similar | Strength::Listed => t.warning(),
        Strength::Weak => t.muted(),
    }
}

/// The other side of a link, and the value it holds there.
fn other(link: &Link, naming: &Naming) -> (String, String) {
    match &link.other {
        Counterpart::Case { held, title } => (format!("#{} {title}", held.case_id), naming.other(held)),
        Counterpart::List { name, entry, .. } => (format!("list {name}"), entry.clone()),
    }
}

fn links_table(t: &Theme, view: &CaseView, frame: &mut Frame, area: Rect) {
    let title = format!(" Links · {} · enter opens the other case ", view.links.len());
    if view.links.is_empty() {
        let text = Paragraph::new(vec![
            Line::styled(format!(" {NO_LINKS}"), t.muted()),
            Line::styled(format!(" {HOW_TO_LINK}"), t.muted()),
        ])
        .wrap(Wrap { trim: false });
        frame.render_widget(text.block(block(t, title)), area);
        return;
    }
    let rows_area = table_rows(area);
    let top = links_top(view, rows_area.height);
    let naming = &view.naming;
    // Below this width WHY gives way to the values (the detail under the tables says why in full).
    let with_why = rows_area.width >= 96;
    let mut header = vec!["STRENGTH", "KIND", "THIS CASE", "OTHER", "THEIR VALUE"];
    // As wide as the longest kind shown ("phone" or "document-number"), so narrow screens keep the values.
    let kind_width = super::fit::column("KIND", view.links.iter().map(|l| l.this.kind.as_str()));
    let mut widths = vec![Constraint::Length(8), Constraint::Length(kind_width)];
    if with_why {
        // Each value as wide as the widest shown when the three fit in seven tenths of the room, else up
        // to a share of it; WHY takes the rest (the detail under the tables says why in full).
        let room = rows_area.width.saturating_sub(8 + kind_width + 5);
        let widest = |header: &str, cell: &dyn Fn(&Link) -> String| {
            let values: Vec<String> = view.links.iter().map(cell).collect();
            super::fit::column(header, values.iter().map(String::as_str))
        };
        let values = [
            widest("THIS CASE", &|l| super::shown(&naming.this(l))),
            widest("OTHER", &|l| super::shown(&other(l, naming).0)),
            widest("THEIR VALUE", &|l| super::shown(&other(l, naming).1)),
        ];
        let fits = values.iter().sum::<u16>() <= room * 7 / 10;
        for (width, share) in values.into_iter().zip([3, 2, 3]) {
            widths.push(Constraint::Length(if fits { width } else { width.min(room * share / 10) }));
        }
        widths.push(Constraint::Fill(1));
        header.push("WHY");
    } else {
        widths.extend([Constraint::Fill(3), Constraint::Fill(2), Constraint::Fill(3)]);
    }
    // A value too long for its column ends in "…": cut silently, a phone number would read as another.
    let columns = super::fit::column_widths(&widths, area);
    let rows: Vec<Row> = view
        .links
        .iter()
        .enumerate()
        .skip(top)
        .take(usize::from(rows_area.height))
        .map(|(i, l)| {
            let selected = i == view.selection();
            let (with, theirs) = other(l, naming);
            let strength = if selected { t.selected() } else { strength_style(t, l.strength) };
            let mut cells = vec![
                Cell::from(Span::styled(l.strength.as_str(), strength)),
                Cell::from(l.this.kind.clone()),
                super::fit::cell(&super::shown(&naming.this(l)), columns[2]),
                super::fit::cell(&super::shown(&with), columns[3]),
                super::fit::cell(&super::shown(&theirs), columns[4]),
            ];
            if with_why {
                cells.push(super::fit::cell(&super::shown(&l.reason), columns[5]));
            }
            Row::new(cells).style(if selected { t.selected() } else { t.text() })
        })
        .collect();
    let header = Row::new(header).style(t.muted());
    let mut frame_block = block(t, title);
    if let Some(why) = &view.links_warning {
        frame_block = frame_block.title_bottom(Span::styled(format!(" ⚠ may not be as recorded: {why} "), t.danger()));
    }
    frame.render_widget(Table::new(rows, widths).header(header).block(frame_block), area);
}

fn suggestions_table(t: &Theme, view: &CaseView, frame: &mut Frame, area: Rect) {
    if view.suggestions.is_empty() {
        let text = Paragraph::new(Line::styled(format!(" {}", no_open_suggestion(view)), t.muted()))
            .wrap(Wrap { trim: false });
        frame.render_widget(text.block(block(t, " Suggested checklist items ".into())), area);
        return;
    }
    let rows_area = table_rows(area);
    let top = suggestions_top(view, rows_area.height);
    let widths = [Constraint::Length(10), Constraint::Fill(2), Constraint::Fill(3)];
    let columns = super::fit::column_widths(&widths, area);
    let rows: Vec<Row> = view
        .suggestions
        .iter()
        .enumerate()
        .skip(top)
        .take(usize::from(rows_area.height))
        .map(|(i, s)| {
            let selected = view.links.len() + i == view.selection();
            let why = s.reasons.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join("; ");
            Row::new(vec![
                Cell::from(Span::styled(s.code.clone(), if selected { t.selected() } else { t.accent() })),
                super::fit::cell(&s.title, columns[1]),
                super::fit::cell(&super::shown(&why), columns[2]),
            ])
            .style(if selected { t.selected() } else { t.text() })
        })
        .collect();
    let title =
        format!(" Suggested checklist items · {} · A accepts (flags the item) · D dismisses ", view.suggestions.len());
    let header = Row::new(["CODE", "ITEM", "WHY"]).style(t.muted());
    frame.render_widget(Table::new(rows, widths).header(header).block(block(t, title)), area);
}

/// What the empty suggestions panel says: that the links suggest nothing (weak links only), or that what
/// they suggested is already flagged or was decided.
fn no_open_suggestion(view: &CaseView) -> &'static str {
    if view.links.iter().any(|l| l.suggests().is_some()) {
        "None open: each suggestion was flagged or decided."
    } else {
        "No suggestions: these links are hints that point to no checklist item."
    }
}

/// What the keys do with a link (`with_keys`) and what it suggests, then the link in full.
fn link_detail<'a>(t: &Theme, view: &CaseView, link: &Link, with_keys: bool) -> Vec<Line<'a>> {
    let naming = &view.naming;
    let (with, theirs) = other(link, naming);
    let said = match &link.other {
        Counterpart::Case { .. } => format!("{with} holds {theirs}"),
        Counterpart::List { kind, line, label, .. } => {
            let label = if label.is_empty() { String::new() } else { format!(": {label}") };
            format!("{with} ({kind}), line {line}, lists {theirs}{label}")
        }
    };
    let first = Line::from(vec![
        Span::styled(format!("{} ", link.strength), strength_style(t, link.strength)),
        Span::raw(super::shown(&format!("{} {} · {} · {said}", link.this.kind, naming.this(link), link.reason))),
    ]);
    let mut keys = Vec::new();
    if let Some(id) = link.other_case().filter(|_| with_keys) {
        keys.push(Span::styled("enter", t.accent()));
        keys.push(Span::styled(format!(" opens case #{id} · "), t.muted()));
    }
    match (link.suggests(), view.selected_suggestion()) {
        (_, Some(s)) if !with_keys => keys.push(Span::styled(format!("suggests {}", s.code), t.muted())),
        (_, Some(s)) => {
            keys.push(Span::styled("A", t.accent()));
            keys.push(Span::styled(format!(" flags {} · ", s.code), t.muted()));
            keys.push(Span::styled("D", t.accent()));
            keys.push(Span::styled(" dismisses the suggestion", t.muted()));
        }
        (Some(code), None) => {
            keys.push(Span::styled(format!("{code} is already flagged, or its suggestion was decided"), t.muted()))
        }
        (None, None) => keys.push(Span::styled("a weak link suggests no checklist item on its own", t.muted())),
    }
    vec![Line::from(keys), first]
}

/// What the keys do with a suggestion (`with_keys`), then the suggestion with every reason behind it.
fn suggestion_detail<'a>(t: &Theme, s: &Suggestion, with_keys: bool) -> Vec<Line<'a>> {
    let why = s.reasons.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join("; ");
    let keys = Line::from(vec![
        Span::styled("A", t.accent()),
        Span::styled(format!(" flags {} (its note keeps these reasons) · ", s.code), t.muted()),
        Span::styled("D", t.accent()),
        Span::styled(" dismisses the suggestion", t.muted()),
    ]);
    let detail = Line::from(vec![
        Span::styled(format!("{} ", s.code), t.accent()),
        Span::raw(super::shown(&format!("{}: {why}", s.title))),
    ]);
    if with_keys { vec![keys, detail] } else { vec![detail] }
}
