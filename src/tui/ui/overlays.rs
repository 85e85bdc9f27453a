//! What draws on top of a screen: confirmations, the add menu, and the progress bar (help and forms have
//! their own modules).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Gauge, Paragraph, Wrap};

use crate::tui::app::{App, Choose};
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

/// How many lines `text` takes wrapped at `width` columns, as ratatui wraps it (a word wider than a line,
/// such as a long path, is broken over several).
pub(super) fn wrapped_lines(text: &str, width: usize) -> usize {
    Paragraph::new(text).wrap(Wrap { trim: true }).line_count(u16::try_from(width.max(1)).unwrap_or(u16::MAX))
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

/// The progress of long work: share done, throughput, time left; Esc cancels, unless a form or a question
/// is open, which takes Esc for itself.
pub fn progress(app: &App, job: &Job, frame: &mut Frame, area: Rect) {
    let (rate, left) = job.rate();
    let ratio = if job.total == 0 { 0.0 } else { (job.done as f64 / job.total as f64).clamp(0.0, 1.0) };
    let left = left.map_or_else(String::new, |s| format!(" · {s:.0} s left"));
    let esc = if app.overlay.is_none() { " · Esc cancels" } else { "" };
    let label = match job.unit {
        Unit::Bytes => format!("{} {:.0}% · {:.0} MB/s{left}{esc}", job.label, ratio * 100.0, rate / 1e6),
        Unit::Records => format!("{} {:.0}% · {rate:.0} records/s{left}{esc}", job.label, ratio * 100.0),
        // A search has no known end: how far it has got instead of a share.
        Unit::Entries => format!("{} · {} entries looked at{esc}", job.label, job.done),
    };
    let gauge = Gauge::default().gauge_style(app.theme.accent()).ratio(ratio).label(label);
    frame.render_widget(gauge, area);
}

#[cfg(test)]
mod tests {
    use super::wrapped_lines;

    #[test]
    fn wrapping_breaks_at_spaces_and_counts_runs_of_spaces() {
        assert_eq!(wrapped_lines("", 10), 1);
        assert_eq!(wrapped_lines("one two three", 7), 2);
        assert_eq!(wrapped_lines("one two three", 13), 1);
        // The help's key column: padding counts, so the description moves to the next line.
        assert_eq!(wrapped_lines("  space             cycle", 20), 2);
    }
}
