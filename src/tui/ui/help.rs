//! The help overlay: every key of the current screen, generated from the key map, wrapped to the box with
//! each description's continuation lines under the description column, and scrolled when it is taller.
//!
//! ```text
//! ┌ Keys · 1-26 of 31 ──────────────────────────────────────────────────────────────────────────┐
//! │Overview tab                                     Everywhere                                  │
//! │  a               add a subject, identifier or    q                quit, or back from a case │
//! │                  payment                         ?                these keys                │
//! │  …                                               …                                          │
//! └ ↓ more · j/k PageUp/PageDown Home/End scroll · any other key closes ────────────────────────┘
//! ```
//! Wide screens show this screen's keys on the left and the keys that work everywhere on the right;
//! narrow ones show them one after the other.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::app::App;
use crate::tui::keymap::{self, Binding, Context};
use crate::tui::theme::Theme;
use crate::tui::update::contexts;

/// The widest the box gets.
const MAX_WIDTH: u16 = 120;
/// Inside width from which the two groups of keys sit side by side.
const TWO_COLUMNS: u16 = 96;
/// The widest the key column gets; longer key lists put the description on the next line.
const MAX_KEYS: usize = 17;

/// One key of the help: the keys doing one thing, and what it does.
struct Entry {
    keys: String,
    description: &'static str,
}

/// A titled group of keys: one context.
struct Group {
    title: &'static str,
    entries: Vec<Entry>,
}

/// The groups for the current screen, generated from the key map: this screen's, then everywhere's.
/// Keys doing the same thing in one context share an entry.
fn groups(app: &App) -> (Vec<Group>, Vec<Group>) {
    let bindings = keymap::bindings_for(&contexts(app));
    let mut screen: Vec<Group> = Vec::new();
    let mut global: Vec<Group> = Vec::new();
    for (i, b) in bindings.iter().enumerate() {
        if bindings[..i].iter().any(|o| same(o, b)) {
            continue;
        }
        let keys = bindings.iter().filter(|o| same(o, b)).map(|o| o.key).collect::<Vec<_>>().join(" ");
        let side = if b.context == Context::Global { &mut global } else { &mut screen };
        if side.last().is_none_or(|g| g.title != b.context.label()) {
            side.push(Group { title: b.context.label(), entries: Vec::new() });
        }
        if let Some(group) = side.last_mut() {
            group.entries.push(Entry { keys, description: b.description });
        }
    }
    (screen, global)
}

fn same(a: &Binding, b: &Binding) -> bool {
    a.context == b.context && a.action == b.action
}

/// Display width of `s` in terminal columns.
fn width_of(s: &str) -> usize {
    Span::raw(s).width()
}

/// Breaks `text` into lines of at most `width` columns at spaces; a word longer than a line is split.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        loop {
            let room = if line.is_empty() { width } else { width.saturating_sub(width_of(&line) + 1) };
            if width_of(&word) <= room {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word wider than a whole line: as much as fits, then the rest.
            let mut head = String::new();
            for c in word.chars() {
                if width_of(&head) + width_of(c.encode_utf8(&mut [0; 4])) > width && !head.is_empty() {
                    break;
                }
                head.push(c);
            }
            word = word[head.len()..].to_string();
            lines.push(head);
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The lines of one side of the help at `width` columns: each group's title, then its keys with the
/// descriptions in a column of their own (continuation lines hang under it).
fn side_lines(t: &Theme, groups: &[Group], width: usize, keys_width: usize) -> Vec<Line<'static>> {
    // Two spaces in front of the keys, one after.
    let indent = 2 + keys_width + 1;
    let text_width = width.saturating_sub(indent).max(8);
    let mut lines = Vec::new();
    for (i, group) in groups.iter().enumerate() {
        if i > 0 {
            lines.push(Line::from(""));
        }
        lines.push(Line::styled(group.title, t.title()));
        for e in &group.entries {
            let text = wrap(e.description, text_width);
            let mut first = vec![Span::styled(format!("  {:<keys_width$} ", e.keys), t.accent())];
            let mut rest = text.iter();
            if width_of(&e.keys) > keys_width {
                lines.push(Line::from(first));
                first = vec![Span::raw(" ".repeat(indent))];
            }
            if let Some(head) = rest.next() {
                first.push(Span::raw(head.clone()));
            }
            lines.push(Line::from(first));
            lines.extend(rest.map(|l| Line::from(format!("{}{l}", " ".repeat(indent)))));
        }
    }
    lines
}

/// The key column's width for `groups`: their longest keys, up to [`MAX_KEYS`].
fn keys_width<'a>(groups: impl IntoIterator<Item = &'a Group>) -> usize {
    groups.into_iter().flat_map(|g| &g.entries).map(|e| width_of(&e.keys)).max().unwrap_or(0).min(MAX_KEYS)
}

/// What the box says below the keys: the mouse, and how to close it.
fn notes(t: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from("")];
    for text in
        ["Mouse: click selects, click again opens; the wheel scrolls.", "Any key but the scroll keys closes this help."]
    {
        lines.extend(wrap(text, width).into_iter().map(|l| Line::styled(l, t.muted())));
    }
    lines
}

/// The help laid out for `area`: the box, and the lines of each of its columns (one or two).
struct HelpLayout {
    rect: Rect,
    columns: Vec<(Rect, Vec<Line<'static>>)>,
}

fn layout(app: &App, area: Rect) -> HelpLayout {
    let t = &app.theme;
    let (screen, global) = groups(app);
    let width = area.width.min(MAX_WIDTH);
    let inner = width.saturating_sub(2);
    let mut columns: Vec<(u16, Vec<Line<'static>>)> = if inner >= TWO_COLUMNS {
        let left = inner * 11 / 20;
        let right = inner - left - 1;
        let mut global_lines = side_lines(t, &global, right.into(), keys_width(&global));
        global_lines.extend(notes(t, right.into()));
        vec![(left, side_lines(t, &screen, left.into(), keys_width(&screen))), (right, global_lines)]
    } else {
        let keys = keys_width(screen.iter().chain(&global));
        let mut lines = side_lines(t, &screen, inner.into(), keys);
        lines.push(Line::from(""));
        lines.extend(side_lines(t, &global, inner.into(), keys));
        lines.extend(notes(t, inner.into()));
        vec![(inner, lines)]
    };
    let tallest = columns.iter().map(|(_, l)| l.len()).max().unwrap_or(0);
    let height = u16::try_from(tallest + 2).unwrap_or(u16::MAX).min(area.height);
    let rect = Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
    let body = Rect { x: rect.x + 1, y: rect.y + 1, width: inner, height: height.saturating_sub(2) };
    let areas: Vec<Rect> = if columns.len() == 2 {
        let [l, _, r] = Layout::horizontal([
            Constraint::Length(columns[0].0),
            Constraint::Length(1),
            Constraint::Length(columns[1].0),
        ])
        .areas(body);
        vec![l, r]
    } else {
        vec![body]
    };
    HelpLayout { rect, columns: areas.into_iter().zip(columns.drain(..).map(|(_, l)| l)).collect() }
}

/// How many lines of help show at once at the app's size, and how far down they can scroll.
pub fn geometry(app: &App) -> (usize, usize) {
    let l = layout(app, app.size);
    let shown = usize::from(l.rect.height.saturating_sub(2));
    let tallest = l.columns.iter().map(|(_, lines)| lines.len()).max().unwrap_or(0);
    (shown.max(1), tallest.saturating_sub(shown))
}

pub fn draw(app: &App, scroll: usize, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let l = layout(app, area);
    let shown = usize::from(l.rect.height.saturating_sub(2));
    let tallest = l.columns.iter().map(|(_, lines)| lines.len()).max().unwrap_or(0);
    let scroll = scroll.min(tallest.saturating_sub(shown));
    frame.render_widget(Clear, l.rect);
    let title = if tallest > shown {
        format!(" Keys · lines {}-{} of {tallest} ", scroll + 1, (scroll + shown).min(tallest))
    } else {
        " Keys ".to_string()
    };
    let mut block = Block::bordered().border_style(t.border(true)).title(Span::styled(title, t.title()));
    if tallest > shown {
        let more = match (scroll > 0, scroll + shown < tallest) {
            (false, _) => " ↓ more · j/k PageUp/PageDown Home/End scroll ",
            (true, true) => " ↑↓ more · j/k PageUp/PageDown Home/End scroll ",
            (true, false) => " ↑ more above · j/k PageUp/PageDown Home/End scroll ",
        };
        block = block.title_bottom(Span::styled(more, t.accent()));
    }
    frame.render_widget(block, l.rect);
    for (area, lines) in l.columns {
        let visible: Vec<Line> = lines.into_iter().skip(scroll).take(shown).collect();
        frame.render_widget(Paragraph::new(visible), area);
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrapping_keeps_words_whole_and_splits_only_a_word_too_long_for_a_line() {
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("one two three", 13), ["one two three"]);
        assert_eq!(wrap("abcdefghij xy", 4), ["abcd", "efgh", "ij", "xy"]);
        assert_eq!(wrap("cycle open → flagged", 12), ["cycle open →", "flagged"]);
        assert_eq!(wrap("안녕하세요 세계", 6), ["안녕하", "세요", "세계"]);
    }
}
