//! What draws on top of a screen (help has its own module): forms, confirmations, the add menu, and the progress bar.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Gauge, Paragraph, Wrap};

use crate::tui::app::{App, Choose};
use crate::tui::form::Form;
use crate::tui::job::{Job, Unit};

/// A box of at most `width`×`height`, centred in `area` and clamped to it.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

fn panel<'a>(app: &App, title: String) -> Block<'a> {
    Block::bordered().border_style(app.theme.border(true)).title(Span::styled(title, app.theme.title()))
}

/// A form: each field with its label, input and hint; the error, if the last submit failed.
pub fn form(app: &App, form: &Form, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let all: Vec<u16> = form.fields.iter().map(|f| if f.multiline { 8 } else { 1 }).collect();
    // A form taller than the screen shows the fields around the focused one.
    let (first, last) = visible_fields(&all, form.focus, area.height.saturating_sub(5));
    let heights = &all[first..last];
    let body: u16 = heights.iter().map(|h| h + 2).sum::<u16>() + 3;
    let rect = centered(area, 90, body + 2);
    frame.render_widget(Clear, rect);
    let outer = panel(app, format!(" {} ", form.title));
    let inner = outer.inner(rect);
    frame.render_widget(outer, rect);

    let mut constraints: Vec<Constraint> = Vec::new();
    for h in heights {
        constraints.push(Constraint::Length(1));
        constraints.push(Constraint::Length(*h));
        constraints.push(Constraint::Length(1));
    }
    constraints.push(Constraint::Length(1));
    constraints.push(Constraint::Length(2));
    let parts = Layout::vertical(constraints).split(inner);
    for (i, field) in form.fields[first..last].iter().enumerate() {
        let focused = first + i == form.focus;
        let label_style = if focused { t.accent() } else { t.text() };
        frame.render_widget(Paragraph::new(Span::styled(field.label, label_style)), parts[i * 3]);
        let mut input = field.input.clone();
        input.set_cursor_line_style(ratatui::style::Style::default());
        input.set_style(if focused { t.text() } else { t.muted() });
        if !focused {
            input.set_cursor_style(ratatui::style::Style::default());
        }
        frame.render_widget(&input, parts[i * 3 + 1]);
        frame.render_widget(Paragraph::new(Span::styled(field.hint.clone(), t.muted())), parts[i * 3 + 2]);
    }
    let n = heights.len() * 3;
    if let Some(error) = &form.error {
        frame.render_widget(
            Paragraph::new(Span::styled(super::shown(error), t.danger())).wrap(Wrap { trim: true }),
            parts[n],
        );
    }
    let mut keys = String::new();
    if last - first < all.len() {
        keys.push_str(&format!("fields {}-{} of {} · ", first + 1, last, all.len()));
    }
    keys.push_str("Enter next / save · Tab next field · Ctrl-S save · Esc cancel");
    frame.render_widget(Paragraph::new(Span::styled(keys, t.muted())), parts[n + 1]);
}

/// The fields (`first..last`) that fit in `room` rows with the focused one among them: each field takes
/// its height plus a label and a hint row.
fn visible_fields(heights: &[u16], focus: usize, room: u16) -> (usize, usize) {
    let rows = |range: &[u16]| range.iter().map(|h| h + 2).sum::<u16>();
    let focus = focus.min(heights.len().saturating_sub(1));
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

pub fn confirm(app: &App, question: &str, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    // Room for the question as it wraps (two lines at least), a blank line and the keys.
    let lines = wrapped_lines(&super::shown(question), 62).max(2);
    let rect = centered(area, 64, u16::try_from(lines + 4).unwrap_or(u16::MAX));
    frame.render_widget(Clear, rect);
    let lines = vec![
        Line::from(super::shown(question)),
        Line::from(""),
        Line::from(vec![
            Span::styled("y", t.accent()),
            Span::raw(" yes   "),
            Span::styled("n", t.accent()),
            Span::raw(" no"),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(panel(app, " Confirm ".into())), rect);
}

/// How many lines `text` takes when wrapped at spaces to `width` columns: a close estimate of ratatui's
/// own wrapping (runs of spaces, as in the help's key column, count in full), used to size a box.
fn wrapped_lines(text: &str, width: usize) -> usize {
    let mut lines = 1;
    let mut column: Option<usize> = None;
    for word in text.split(' ') {
        let w = word.chars().count();
        column = match column {
            None => Some(w),
            Some(c) if c + 1 + w <= width || c == 0 => Some(c + 1 + w),
            Some(_) => {
                lines += 1;
                Some(w)
            }
        };
    }
    lines
}

pub fn choose(app: &App, choose: &Choose, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let mut lines: Vec<Line> = choose
        .options
        .iter()
        .map(|o| Line::from(vec![Span::styled(format!("  {}  ", o.key), t.accent()), Span::raw(o.label)]))
        .collect();
    lines.push(Line::styled("  Esc cancels", t.muted()));
    let rect = centered(area, 56, u16::try_from(lines.len() + 2).unwrap_or(8));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(panel(app, format!(" {} ", choose.prompt))), rect);
}

/// The progress of long work: share done, throughput, time left; Esc cancels.
pub fn progress(app: &App, job: &Job, frame: &mut Frame, area: Rect) {
    let (rate, left) = job.rate();
    let ratio = if job.total == 0 { 0.0 } else { (job.done as f64 / job.total as f64).clamp(0.0, 1.0) };
    let left = left.map_or_else(String::new, |s| format!(" · {s:.0} s left"));
    let label = match job.unit {
        Unit::Bytes => format!("{} {:.0}% · {:.0} MB/s{left} · Esc cancels", job.label, ratio * 100.0, rate / 1e6),
        Unit::Records => format!("{} {:.0}% · {rate:.0} records/s{left} · Esc cancels", job.label, ratio * 100.0),
        // A search has no known end: how far it has got instead of a share.
        Unit::Entries => format!("{} · {} entries looked at · Esc cancels", job.label, job.done),
    };
    let gauge = Gauge::default().gauge_style(app.theme.accent()).ratio(ratio).label(label);
    frame.render_widget(gauge, area);
}

#[cfg(test)]
mod tests {
    use super::{visible_fields, wrapped_lines};

    #[test]
    fn a_tall_form_shows_the_fields_around_the_focus() {
        let heights = [1, 1, 1, 8, 1, 1];
        assert_eq!(visible_fields(&heights, 0, 100), (0, 6), "everything fits");
        assert_eq!(visible_fields(&heights, 0, 9), (0, 3));
        assert_eq!(visible_fields(&heights, 4, 15), (3, 5));
        assert_eq!(visible_fields(&heights, 5, 6), (4, 6));
        assert_eq!(visible_fields(&[], 0, 10), (0, 0));
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_counts_runs_of_spaces() {
        assert_eq!(wrapped_lines("", 10), 1);
        assert_eq!(wrapped_lines("one two three", 7), 2);
        assert_eq!(wrapped_lines("one two three", 13), 1);
        // The help's key column: padding counts, so the description moves to the next line.
        assert_eq!(wrapped_lines("  space             cycle", 20), 2);
    }
}
