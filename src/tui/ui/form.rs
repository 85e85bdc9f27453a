//! A form, drawn on top of the screen:
//!
//! ```text
//! ┌ Add a payment ───────────────────────────────────────┐
//! │  Date                 2026-03-01                      │
//! │▸ Method               ‹ wire ›                        │  the focused field: marked and highlighted
//! │  Note                 editor rows…                    │
//! │                                                       │
//! │  wire  ach  check  crypto  p2p…                       │  a focused picker's values, then its hint
//! │  error, wrapped                                       │
//! │  fields 1-12 of 22 · ←/→ choose · Enter next · …      │  the focused field's keys (Form::keys)
//! └───────────────────────────────────────────────────────┘
//! ```
//! Labels sit in a column left of the values; when a label is too long for that column (the IC3
//! questions) each label has its own row above its value. A form taller than the screen shows the
//! fields around the focused one.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Wrap};
use ratatui_textarea::CursorMove;

use super::overlays::wrapped_lines;
use crate::tui::app::App;
use crate::tui::form::{Field, Form, Kind};
use crate::tui::pick::Pick;
use crate::tui::theme::Theme;

/// Widest a form gets.
const WIDTH: u16 = 90;
/// Most rows a list picker shows.
const EDITOR_ROWS: u16 = 8;
/// Most rows a multi-line editor grows to as its text does.
const GROWN_EDITOR_ROWS: u16 = 24;
/// Most rows the focused field's hint, and the error, take.
const HINT_ROWS: usize = 3;
const ERROR_ROWS: usize = 6;
/// The mark before the focused field's label.
pub const FOCUS_MARK: &str = "▸ ";

/// How the fields are laid out in a given width.
struct Columns {
    /// Labels have their own row above the value.
    stacked: bool,
    /// Where values start, from the inner left edge.
    value_x: u16,
    inner: u16,
}

impl Columns {
    fn new(form: &Form, inner: u16) -> Columns {
        let longest = form.fields.iter().map(|f| f.label.chars().count()).max().unwrap_or(0);
        let room = usize::from(inner) * 2 / 5;
        let stacked = longest > room;
        let value_x = if stacked { 4 } else { u16::try_from(longest + 3).unwrap_or(inner) };
        Columns { stacked, value_x, inner }
    }

    fn label_rows(&self, field: &Field) -> u16 {
        if self.stacked { rows(&format!("{FOCUS_MARK}{}", field.label), self.inner) } else { 0 }
    }

    /// Rows a field takes: its label's own rows, if stacked, and its value's.
    fn height(&self, field: &Field) -> u16 {
        self.label_rows(field) + value_rows(field, self.inner.saturating_sub(self.value_x))
    }
}

/// Rows a field's value takes at `width`: a multi-line editor grows with its text, one row to spare, up to
/// [`GROWN_EDITOR_ROWS`] (the screen's room bounds it further).
fn value_rows(field: &Field, width: u16) -> u16 {
    match &field.kind {
        Kind::Text => {
            let width = usize::from(width).max(1);
            let text: usize = field
                .input
                .lines()
                .iter()
                .take(usize::from(GROWN_EDITOR_ROWS))
                .map(|l| wrapped_lines(l, width).max(1))
                .sum();
            u16::try_from(text + 1).unwrap_or(u16::MAX).clamp(field.rows.max(1), GROWN_EDITOR_ROWS.max(field.rows))
        }
        Kind::Pick(p) if p.list => u16::try_from(p.choices.len()).unwrap_or(EDITOR_ROWS).clamp(1, EDITOR_ROWS),
        _ => 1,
    }
}

fn rows(text: &str, width: u16) -> u16 {
    u16::try_from(wrapped_lines(text, usize::from(width).max(1))).unwrap_or(u16::MAX)
}

pub fn draw(app: &App, form: &Form, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let width = WIDTH.min(area.width);
    let inner_w = width.saturating_sub(4);
    let columns = Columns::new(form, inner_w);
    let heights: Vec<u16> = form.fields.iter().map(|f| columns.height(f)).collect();

    let info = info_lines(t, form);
    let info_rows = info.iter().map(|l| rows(&line_text(l), inner_w)).sum::<u16>().min(HINT_ROWS as u16 + 1);
    let error = form.error.as_deref().map(super::shown);
    let error_rows = error.as_deref().map_or(0, |e| rows(e, inner_w).min(ERROR_ROWS as u16));
    // The footer says which fields show when they do not all fit, which makes it longer: if they do
    // not fit under the short footer, size the room for the long one.
    let n = form.fields.len();
    let mut footer_rows = rows(&keys_text(form, None), inner_w);
    let room_under = |footer_rows: u16| area.height.saturating_sub(3 + info_rows + error_rows + footer_rows).max(1);
    if heights.iter().sum::<u16>() > room_under(footer_rows) {
        footer_rows = rows(&keys_text(form, Some((n.saturating_sub(1), n))), inner_w);
    }
    let bottom = 1 + info_rows + error_rows + footer_rows;
    let room = room_under(footer_rows);

    let (first, last) = visible_fields(&heights, form.focus, room);
    let scrolled = last - first < heights.len();
    let field_rows: u16 = heights[first..last].iter().sum::<u16>().min(room);
    let height = (2 + field_rows + bottom).min(area.height);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_style(t.border(true))
        .title(Span::styled(
            format!(" {} ", super::fit::truncate(&form.title, usize::from(rect.width.saturating_sub(4)))),
            t.title(),
        ))
        .padding(Padding::horizontal(1));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);

    let mut y = inner.y;
    let bottom_y = inner.y + inner.height;
    for (i, field) in form.fields.iter().enumerate().take(last).skip(first) {
        let focused = i == form.focus;
        let left = bottom_y.saturating_sub(y + 1 + info_rows + error_rows + footer_rows);
        y += draw_field(t, field, focused, &columns, Rect::new(inner.x, y, inner.width, heights[i].min(left)), frame);
    }
    y = bottom_y.saturating_sub(info_rows + error_rows + footer_rows);
    let mut part = |lines: Vec<Line<'static>>, h: u16, trim: bool| {
        let r = Rect::new(inner.x, y, inner.width, h.min(bottom_y.saturating_sub(y)));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim }), r);
        y += r.height;
    };
    part(info, info_rows, false);
    if let Some(error) = error {
        part(vec![Line::styled(error, t.danger())], error_rows, true);
    }
    let keys = keys_text(form, scrolled.then_some((first, last)));
    part(vec![Line::styled(keys, t.muted())], footer_rows, true);
}

/// Draws one field in `area` and returns the rows it used.
fn draw_field(t: &Theme, field: &Field, focused: bool, columns: &Columns, area: Rect, frame: &mut Frame) -> u16 {
    if area.height == 0 {
        return 0;
    }
    let label_style = if focused { t.selected().add_modifier(Modifier::BOLD) } else { t.text() };
    let mark = if focused { FOCUS_MARK } else { "  " };
    let label = Line::from(vec![Span::styled(mark, t.accent()), Span::styled(field.label, label_style)]);
    let label_rows = columns.label_rows(field).min(area.height);
    let value_area = if columns.stacked {
        frame.render_widget(Paragraph::new(label).wrap(Wrap { trim: false }), Rect { height: label_rows, ..area });
        Rect {
            x: area.x + columns.value_x,
            y: area.y + label_rows,
            width: area.width.saturating_sub(columns.value_x),
            height: area.height - label_rows,
        }
    } else {
        frame.render_widget(Paragraph::new(label), Rect { height: 1, ..area });
        Rect { x: area.x + columns.value_x, width: area.width.saturating_sub(columns.value_x), ..area }
    };
    if value_area.height > 0 {
        match &field.kind {
            Kind::Pick(pick) if pick.list => list(t, pick, focused, value_area, frame),
            Kind::Pick(pick) => {
                let style = if focused { t.accent().add_modifier(Modifier::BOLD) } else { t.text() };
                let value = format!("‹ {} ›", super::shown(pick.shown()));
                frame.render_widget(Paragraph::new(Span::styled(value, style)), value_area);
            }
            _ => {
                // The editor learns its size by being drawn: drawn here, so that ↑/↓ move by the rows on
                // screen and PageUp/PageDown by a screenful (a styled copy drawn alone would leave it none).
                (&field.input).render(value_area, &mut Buffer::empty(value_area));
                field.drawn_rows.set(value_area.height);
                let mut input = field.input.clone();
                input.set_cursor_line_style(Style::default());
                input.set_style(t.text());
                if !focused {
                    input.set_cursor_style(Style::default());
                }
                frame.render_widget(&input, value_area);
                if field.multiline() {
                    scroll_marks(t, field, value_area, frame);
                }
            }
        }
    }
    area.height
}

/// `↑` beside an editor's first row when text is scrolled out above it, `↓` beside its last when text is
/// below, so that a note never looks shorter than it is. Drawn after the editor, which set its scroll.
fn scroll_marks(t: &Theme, field: &Field, area: Rect, frame: &mut Frame) {
    let Some(x) = area.x.checked_sub(1) else { return };
    let top = field.input.scroll_offset().0;
    let mut end = field.input.clone();
    end.move_cursor(CursorMove::Bottom);
    end.move_cursor(CursorMove::End);
    let rows = end.screen_cursor().row;
    let buf = frame.buffer_mut();
    if top > 0 {
        buf.set_string(x, area.y, "↑", t.accent());
    }
    if usize::from(top) + usize::from(area.height) <= rows && area.height > 0 {
        buf.set_string(x, area.y + area.height - 1, "↓", t.accent());
    }
}

/// A picker shown whole (evidence to link): a row per choice, the chosen one highlighted, scrolled so
/// it shows.
fn list(t: &Theme, pick: &Pick, focused: bool, area: Rect, frame: &mut Frame) {
    let shown = usize::from(area.height);
    let top = pick.selected.saturating_sub(shown.saturating_sub(1));
    let lines: Vec<Line> = pick
        .choices
        .iter()
        .enumerate()
        .skip(top)
        .take(shown)
        .map(|(i, c)| {
            let text = super::shown(&c.shown);
            if i == pick.selected {
                let style = if focused { t.selected() } else { t.accent() };
                Line::styled(format!("› {text}"), style)
            } else {
                Line::styled(format!("  {text}"), t.text())
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// What shows under the fields for the focused one: a picker's values, the chosen one marked, and the
/// field's hint.
fn info_lines(t: &Theme, form: &Form) -> Vec<Line<'static>> {
    let Some(field) = form.focused() else { return Vec::new() };
    let mut lines = Vec::new();
    if let Kind::Pick(pick) = &field.kind
        && !pick.list
    {
        let mut spans = Vec::new();
        for (i, c) in pick.choices.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw("  "));
            }
            let style = if i == pick.selected { t.accent().add_modifier(Modifier::BOLD) } else { t.muted() };
            spans.push(Span::styled(super::shown(&c.shown), style));
        }
        lines.push(Line::from(spans));
    }
    // The editor cannot show an escape or a direction override; say that a field's text holds some rather
    // than let it look plain: the focused field's, and any other's, named, since a value shown plain in a
    // field not focused would pass unseen.
    let mut holding: Vec<String> = Vec::new();
    let mut hidden: Vec<char> = Vec::new();
    for (i, f) in form.fields.iter().enumerate().filter(|(_, f)| !matches!(f.kind, Kind::Pick(_))) {
        let value = f.value();
        let before = hidden.len();
        hidden.extend(value.chars().filter(|c| crate::text::is_hostile(*c) && !matches!(c, '\n' | '\t')));
        if hidden.len() > before {
            holding.push(if i == form.focus { "this text".to_string() } else { f.label.to_string() });
        }
    }
    if !holding.is_empty() {
        hidden.sort_unstable();
        hidden.dedup();
        let shown: Vec<String> = hidden.iter().take(4).map(|c| format!("U+{:04X}", u32::from(*c))).collect();
        let verb = if holding.len() == 1 { "holds" } else { "hold" };
        lines.push(Line::styled(
            format!(
                "⚠ {} {verb} characters the editor shows as nothing ({}): they are kept unless deleted",
                holding.join(" and "),
                shown.join(", ")
            ),
            t.warning(),
        ));
    }
    if !field.hint.is_empty() {
        lines.push(Line::styled(super::shown(&field.hint), t.muted()));
    }
    lines
}

fn line_text(line: &Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// The footer: which fields show, when they do not all fit, then the focused field's keys.
fn keys_text(form: &Form, range: Option<(usize, usize)>) -> String {
    let mut text = match range {
        Some((first, last)) => format!("fields {}-{} of {} · ", first + 1, last.max(first + 1), form.fields.len()),
        None => String::new(),
    };
    let keys: Vec<String> = form.keys().iter().map(|(k, what)| format!("{k} {what}")).collect();
    text.push_str(&keys.join(" · "));
    text
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// The fields (`first..last`) that fit in `room` rows with the focused one among them.
fn visible_fields(heights: &[u16], focus: usize, room: u16) -> (usize, usize) {
    let rows = |range: &[u16]| range.iter().sum::<u16>();
    let focus = focus.min(heights.len().saturating_sub(1));
    if heights.is_empty() {
        return (0, 0);
    }
    let mut first = 0;
    while first < focus && rows(&heights[first..=focus]) > room {
        first += 1;
    }
    let mut last = focus + 1;
    while last < heights.len() && rows(&heights[first..=last]) <= room {
        last += 1;
    }
    (first, last.min(heights.len()))
}

#[cfg(test)]
mod tests {
    use super::visible_fields;

    #[test]
    fn a_tall_form_shows_the_fields_around_the_focus() {
        let heights = [1, 1, 1, 8, 1, 1];
        assert_eq!(visible_fields(&heights, 0, 100), (0, 6), "everything fits");
        assert_eq!(visible_fields(&heights, 0, 3), (0, 3));
        assert_eq!(visible_fields(&heights, 4, 9), (3, 5));
        assert_eq!(visible_fields(&heights, 5, 2), (4, 6));
        assert_eq!(visible_fields(&[], 0, 10), (0, 0));
    }
}
