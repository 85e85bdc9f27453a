//! A record read whole (see `tui/read.rs`): a centred box as wide as the screen allows up to 100 columns,
//! the text wrapped to it, scrolled when it is taller.
//!
//! ```text
//! ┌ Note #12 · lines 1-18 of 40 ──────────────────────────────────────────┐
//! │2026-03-14T09:12:00Z · ana                                             │
//! │                                                                       │
//! │The candidate kept the camera off for the third interview running …   │
//! └ ↓ more · j/k PageUp/PageDown Home/End scroll · any other key closes ──┘
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::tui::app::App;
use crate::tui::read::Reading;

/// The widest the box gets.
const MAX_WIDTH: u16 = 100;

fn paragraph(reading: &Reading) -> Paragraph<'_> {
    Paragraph::new(reading.text.as_str()).wrap(Wrap { trim: false })
}

/// The box for `reading` in `area`, and how many lines its text takes at the box's width.
fn layout(reading: &Reading, area: Rect) -> (Rect, usize) {
    let width = area.width.min(MAX_WIDTH);
    let lines = paragraph(reading).line_count(width.saturating_sub(2));
    let height = u16::try_from(lines + 2).unwrap_or(u16::MAX).min(area.height);
    let rect = Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
    (rect, lines)
}

/// How many lines show at once at the app's size, and how far down the text can scroll.
pub fn geometry(app: &App, reading: &Reading) -> (usize, usize) {
    let (rect, lines) = layout(reading, app.size);
    let shown = usize::from(rect.height.saturating_sub(2));
    (shown.max(1), lines.saturating_sub(shown))
}

pub fn draw(app: &App, reading: &Reading, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let (rect, lines) = layout(reading, area);
    let shown = usize::from(rect.height.saturating_sub(2));
    let scroll = reading.scroll.min(lines.saturating_sub(shown));
    frame.render_widget(Clear, rect);
    let title = if lines > shown {
        format!("{}· lines {}-{} of {lines} ", reading.title, scroll + 1, (scroll + shown).min(lines))
    } else {
        reading.title.clone()
    };
    let arrows = match (scroll > 0, scroll + shown < lines) {
        (false, true) => "↓ more · ",
        (true, true) => "↑↓ more · ",
        (true, false) => "↑ more above · ",
        (false, false) => "",
    };
    // The longest wording that fits the edge: how to close it is never what gives way.
    let keys = if arrows.is_empty() {
        vec!["any key closes"]
    } else {
        vec!["j/k PageUp/PageDown Home/End scroll · any other key closes", "j/k scroll · other keys close"]
    };
    let room = usize::from(rect.width.saturating_sub(4));
    let more = keys
        .iter()
        .map(|k| format!(" {arrows}{k} "))
        .find(|m| super::fit::width(m) <= room)
        .unwrap_or_else(|| format!(" {} ", keys[keys.len() - 1]));
    let block = Block::bordered()
        .border_style(t.border(true))
        .title(Span::styled(title, t.title()))
        .title_bottom(Span::styled(more, t.accent()));
    let offset = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(paragraph(reading).block(block).scroll((offset, 0)), rect);
}

/// A detail pane's border, saying on its bottom edge that `key` reads the record whole when `cut`.
pub fn more_below<'a>(t: &crate::tui::theme::Theme, block: Block<'a>, cut: bool, key: &str) -> Block<'a> {
    if cut {
        block.title_bottom(Span::styled(format!(" ↓ more · {key} reads it whole "), t.accent()))
    } else {
        block
    }
}

/// Whether `text` wrapped as a pane wraps it takes more than the `inner` rows it has: the pane then says
/// that Enter reads it whole.
pub fn cut(paragraph: &Paragraph, inner: Rect) -> bool {
    paragraph.line_count(inner.width) > usize::from(inner.height)
}

/// Lines as plain text, one line each: what a pane shows, for the reader.
pub fn text_of(lines: &[ratatui::text::Line<'_>]) -> String {
    lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>()).collect::<Vec<_>>().join("\n")
}
