//! Drawing: reads the app, never changes it.
//!
//! ```text
//! ┌ screen: case list, or a case with tabs ───────────────┐
//! │                                                       │
//! ├───────────────────────────────────────────────────────┤
//! │ progress bar (only while a file is being hashed)      │
//! │ status: workspace · message · key hints               │
//! └───────────────────────────────────────────────────────┘
//! ```
//! The organisation controls, when open, cover the screen's part; overlays (help, forms, confirmations)
//! draw on top. Below the minimum size a notice replaces it all.

mod case_list;
mod case_view;
mod cells;
mod controls;
pub mod fit;
mod form;
pub mod help;
pub(crate) mod links;
mod overlays;
pub mod read;
pub(crate) mod roster;
mod search;
mod tabs;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

use super::app::{App, CaseView, Overlay, Screen, Tab, keep_visible};
use super::keymap;
use super::update::contexts;

pub const MIN_WIDTH: u16 = 60;

/// A value from outside (a title, name, identifier, note line, path) as one line safe to draw: ratatui
/// would silently drop an ESC and leave the rest of the sequence, so controls are shown visibly instead.
pub(super) fn shown(s: &str) -> String {
    crate::text::one_line(s).into_owned()
}

/// [`shown`] for multi-line text (a note, the report preview): line breaks kept, a tab a space (the
/// screen's cells hold no tab: it would vanish).
pub(super) fn shown_lines(s: &str) -> String {
    crate::text::for_terminal(s).replace('\t', " ")
}

/// `label` and then `text`, one screen line per line of it (a note keeps its line breaks), its controls
/// shown as [`shown_lines`] shows them.
pub(super) fn labelled_lines(label: Span<'static>, text: &str) -> Vec<Line<'static>> {
    let shown = shown_lines(text);
    let mut rows = shown.split('\n');
    let first = rows.next().unwrap_or_default().to_string();
    let mut out = vec![Line::from(vec![label, Span::raw(first)])];
    out.extend(rows.map(|row| Line::raw(row.to_string())));
    out
}

pub const MIN_HEIGHT: u16 = 15;

/// A panel's "nothing here yet" text, two columns in from its border, the lines that wrap too (spaces typed
/// before a line would indent only its first row).
pub fn empty_state<'a>(lines: Vec<Line<'a>>, block: Block<'a>) -> Paragraph<'a> {
    Paragraph::new(lines).wrap(Wrap { trim: false }).block(block.padding(Padding::left(2)))
}

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, frame, area);
        return;
    }
    let [body, progress, status] = regions(area, app.job.is_some());
    match &app.screen {
        Screen::List(list) => case_list::draw(app, list, frame, body),
        Screen::Case(view) => case_view::draw(app, view, frame, body),
    }
    if let Some(view) = &app.roster {
        roster::draw(app, view, frame, body);
    }
    if let Some(view) = &app.controls {
        controls::draw(app, view, frame, body);
    }
    if let Some(job) = &app.job {
        overlays::progress(app, job, frame, progress);
    }
    status_bar(app, frame, status);
    match &app.overlay {
        Some(Overlay::Help { scroll }) => help::draw(app, *scroll, frame, area),
        Some(Overlay::Read(reading)) => read::draw(app, reading, frame, area),
        Some(Overlay::Form(form)) => form::draw(app, form, frame, area),
        Some(Overlay::Confirm { question, .. }) => overlays::confirm(app, question, frame, area),
        Some(Overlay::Choose(choose)) => overlays::choose(app, choose, frame, area),
        None => {}
    }
    cells::settle(frame.buffer_mut());
}

/// Body, progress line (empty unless a job runs) and status bar.
fn regions(area: Rect, job: bool) -> [Rect; 3] {
    Layout::vertical([Constraint::Min(1), Constraint::Length(u16::from(job)), Constraint::Length(1)]).areas(area)
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let quits = match (crate::tui::update::typed_in_form(app), app.small_quit_asked) {
        (false, _) => "q quits.",
        (true, false) => {
            "A form holds what you typed: make the terminal larger to save it, or press q twice to quit and lose it."
        }
        (true, true) => {
            "Press q again to quit and lose what you typed in the form, or make the terminal larger to save it."
        }
    };
    let text = format!(
        "vetdesk needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this terminal is {}×{}. {quits}",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).style(app.theme.warning()).wrap(Wrap { trim: true }), area);
}

fn status_bar(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let place = app.ws.path().map_or_else(|| "in-memory workspace".to_string(), crate::text::display_path);
    let read_only = if app.ws.is_read_only() { " (read-only)" } else { "" };
    let place = format!(" {place}{read_only} ");
    let room = usize::from(area.width).saturating_sub(fit::width(&place) + 1);
    let mut spans = vec![Span::styled(place, t.status_bar())];
    if let Some(m) = &app.message {
        let style = if m.error { t.danger() } else { t.info() };
        let mut text = format!(" {}", shown(&m.text));
        // A message longer than the bar is shown whole, over the rows above it, until the next key.
        let (used, width) = (fit::width(&spans[0].content) + fit::width(&text), usize::from(area.width).max(1));
        let needed = used.div_ceil(width);
        // The space after it only where it fits: on a row of its own it would wrap onto one more.
        if used % width != 0 {
            text.push(' ');
        }
        let rows = u16::try_from(needed.clamp(1, 4)).unwrap_or(1).min(area.y + 1);
        spans.push(Span::styled(text, style));
        let area = Rect { y: area.y + 1 - rows, height: rows, ..area };
        frame.render_widget(ratatui::widgets::Clear, area);
        frame.render_widget(Paragraph::new(Line::from(spans)).wrap(Wrap { trim: false }), area);
        return;
    }
    spans.push(Span::styled(format!(" {}", fitted_hints(hints(app), room)), t.muted()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// As many whole hints as fit in `room` columns, joined with " · ", keeping "? help" (or a form's
/// "Esc cancel") last whenever it is one of them: a hint is never cut mid-word, and the key that lists
/// the rest, or the way out, stays in sight.
fn fitted_hints(mut hints: Vec<String>, room: usize) -> String {
    let help = hints.iter().position(|h| h == "? help" || h == "Esc cancel").map(|i| hints.remove(i));
    let reserve = help.as_ref().map_or(0, |h| fit::width(h) + 3);
    let mut out = String::new();
    for hint in hints {
        let more = if out.is_empty() { fit::width(&hint) } else { fit::width(&hint) + 3 };
        if fit::width(&out) + more + reserve > room {
            break;
        }
        if !out.is_empty() {
            out.push_str(" · ");
        }
        out.push_str(&hint);
    }
    if let Some(help) = help {
        if !out.is_empty() {
            out.push_str(" · ");
        }
        out.push_str(&help);
    }
    out
}

/// The keys the status bar names: those of the box on top when one is open (its keys are the only ones
/// that work then), else undo and the screen's.
fn hints(app: &App) -> Vec<String> {
    let pair = |(key, what): (&str, &str)| format!("{key} {what}");
    match &app.overlay {
        Some(Overlay::Form(form)) => form.keys().into_iter().map(pair).collect(),
        Some(Overlay::Confirm { .. }) => keymap::bindings_for(&[keymap::Context::Confirm])
            .into_iter()
            .filter(|b| b.context == keymap::Context::Confirm && !b.hint.is_empty())
            .map(|b| pair((b.key, b.hint)))
            .collect(),
        Some(Overlay::Choose(_)) => vec![pair(("letter", "opens its form")), pair(("Esc", "cancel"))],
        Some(Overlay::Help { .. } | Overlay::Read(_)) => {
            vec![pair(("j/k PageUp/PageDown Home/End", "scroll")), pair(("other keys", "close"))]
        }
        None => {
            let contexts = contexts(app);
            // On a search line `u` types a letter: no undo is offered there.
            let typing = contexts.contains(&keymap::Context::SearchLine);
            let undo = crate::tui::undo::hint(app).filter(|_| !typing);
            undo.into_iter()
                .chain(
                    keymap::bindings_for(&contexts)
                        .into_iter()
                        .filter(|b| !b.hint.is_empty())
                        .map(|b| pair((b.key, b.hint))),
                )
                .collect()
        }
    }
}

/// What a click landed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// A row of the list on screen, as an index into the whole list.
    Row(usize),
    Tab(u8),
}

/// Finds what is at (`column`, `row`) on the last-drawn screen; same geometry as drawing.
pub fn hit(app: &App, column: u16, row: u16) -> Option<Hit> {
    let size = app.size;
    if size.width < MIN_WIDTH || size.height < MIN_HEIGHT {
        return None;
    }
    let [body, _, _] = regions(size, app.job.is_some());
    let inside = |r: Rect| column >= r.x && column < r.right() && row >= r.y && row < r.bottom();
    if let (Some(view), None) = (&app.roster, &app.controls) {
        let rows = roster::rows_area(body);
        let top = keep_visible(view.selected, view.top, usize::from(rows.height).max(1));
        let index = top + usize::from(row.checked_sub(rows.y)?);
        return (inside(rows) && index < view.shown().len()).then_some(Hit::Row(index));
    }
    if let Some(view) = &app.controls {
        let rows = controls::rows_area(body);
        let top = keep_visible(view.selected, view.top, usize::from(rows.height).max(1));
        let index = top + usize::from(row.checked_sub(rows.y)?);
        return (inside(rows) && index < view.entries.len()).then_some(Hit::Row(index));
    }
    match &app.screen {
        Screen::List(list) => {
            let rows = case_list::rows_area(body);
            if !inside(rows) {
                return None;
            }
            let index = list.top as usize + usize::from(row - rows.y);
            ((index as u64) < list.total).then_some(Hit::Row(index))
        }
        Screen::Case(view) => {
            let [_, tabs, content] = case_view::regions(body);
            if inside(tabs) {
                return case_view::tab_at(tabs, column).map(Hit::Tab);
            }
            if view.tab == Tab::Links {
                return links::hit(view, content, column, row).map(Hit::Row);
            }
            let rows = case_view::rows_area(content, view)?;
            let index = view.top[view.tab.index()] + usize::from(row.checked_sub(rows.y)?);
            (inside(rows) && index < view.lines()).then_some(Hit::Row(index))
        }
    }
}

/// How wide the report tab's text is on a terminal of `size`: inside the tab's border.
pub fn report_width(size: Rect) -> usize {
    let [body, _, _] = regions(size, false);
    let [_, _, content] = case_view::regions(body);
    usize::from(content.width.saturating_sub(2))
}

/// How many rows of whatever list is showing fit on screen, for paging.
pub fn page(app: &App) -> usize {
    if app.controls.is_some() {
        let [body, _, _] = regions(app.size, false);
        return usize::from(controls::rows_area(body).height).max(1);
    }
    if app.roster.is_some() {
        let [body, _, _] = regions(app.size, false);
        return usize::from(roster::rows_area(body).height).max(1);
    }
    match &app.screen {
        Screen::List(_) => {
            let [body, _, _] = regions(app.size, false);
            usize::from(case_list::rows_area(body).height).max(1)
        }
        Screen::Case(view) => tab_page(app.size, view),
    }
}

/// How many lines of the current tab's list fit, for paging.
pub fn tab_page(size: Rect, view: &CaseView) -> usize {
    let [body, _, _] = regions(size, false);
    let [_, _, content] = case_view::regions(body);
    match case_view::rows_area(content, view) {
        Some(rows) => usize::from(rows.height).max(1),
        // The report tab scrolls its text by lines: a page is what its bordered block shows.
        None => usize::from(content.height.saturating_sub(2)).max(1),
    }
}

/// How far the report tab scrolls: to where its last line is at the bottom of a tab `page` lines high.
pub fn report_scroll_max(view: &CaseView, page: usize) -> usize {
    view.report.as_ref().map_or(0, |r| r.line_count()).saturating_sub(page)
}

#[cfg(test)]
mod tests {
    use super::fitted_hints;

    #[test]
    fn hints_are_dropped_whole_and_help_stays_last() {
        let hints = || ["u undo the correction of payment #180", "enter open", "n new case", "? help", "q quit"];
        let all = hints().map(str::to_string).to_vec();
        assert_eq!(
            fitted_hints(all.clone(), 200),
            "u undo the correction of payment #180 · enter open · n new case · q quit · ? help"
        );
        assert_eq!(fitted_hints(all.clone(), 60), "u undo the correction of payment #180 · enter open · ? help");
        assert_eq!(fitted_hints(all.clone(), 40), "? help");
        let without_help: Vec<String> = all.into_iter().filter(|h| h != "? help").collect();
        assert_eq!(fitted_hints(without_help, 52), "u undo the correction of payment #180 · enter open");
    }
}
