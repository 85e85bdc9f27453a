//! Making a line or a table fit the width it has: columns as wide as what they hold, headers and labels
//! that shorten, parts of a line that give way in a set order, and text cut with "…" rather than
//! mid-word at the screen's edge.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Cell;

/// Display width of `s` in terminal columns.
pub fn width(s: &str) -> usize {
    Span::raw(s).width()
}

/// `s` cut to at most `max` columns, ending in "…" when it was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    cut(s, max)
}

/// As much of `s` as leaves a column of `max` for the "…" it ends in, whether or not `s` would fit.
fn cut(s: &str, max: usize) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if width(&out) + width(c.encode_utf8(&mut [0; 4])) + 1 > max {
            break;
        }
        out.push(c);
    }
    // A character shown as its escape (`\u{202e}`) is kept whole or left out: half of one reads as text.
    if let Some(at) = out.rfind("\\u{").filter(|&at| !out[at..].contains('}')) {
        out.truncate(at);
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// The width a bordered table whose columns are `widths` gives each of them inside `table`: ratatui's own
/// layout of a table (columns from the left, one column apart; these tables have no selection column).
pub fn column_widths(widths: &[Constraint], table: Rect) -> Vec<usize> {
    let inner = Rect::new(0, 0, table.width.saturating_sub(2), 1);
    Layout::horizontal(widths.iter().copied())
        .flex(Flex::Start)
        .spacing(1)
        .split(inner)
        .iter()
        .map(|column| usize::from(column.width))
        .collect()
}

/// A table cell holding `text` cut with "…" to its column's `width`, so that a value too long for its
/// column does not read as a shorter one (a phone number, a title cut mid-word).
pub fn cell<'a>(text: &str, width: usize) -> Cell<'a> {
    Cell::from(truncate(text, width))
}

/// A border title of at most `max` columns from `parts` joined by " · ": the parts after the first give
/// way from the last back, then the first is cut with "…", so a title never runs into its border mid-word.
pub fn title(parts: &[String], max: usize) -> String {
    let joined = |n: usize| format!(" {} ", parts[..n].join(" · "));
    let mut n = parts.len();
    while n > 1 && width(&joined(n)) > max {
        n -= 1;
    }
    match parts.first() {
        Some(first) if width(&joined(n)) > max => format!(" {} ", truncate(first, max.saturating_sub(2))),
        Some(_) => joined(n),
        None => String::new(),
    }
}

/// A column's width: its header's, or its widest value's if wider.
pub fn column<'a>(header: &str, values: impl IntoIterator<Item = &'a str>) -> u16 {
    let widest = values.into_iter().map(width).max().unwrap_or(0).max(width(header));
    u16::try_from(widest).unwrap_or(u16::MAX)
}

/// One part of a line that [`line`] fits to a width.
pub struct Part {
    pub text: String,
    /// What it says when room is short; `None` keeps it whole.
    pub short: Option<String>,
    /// Dropped when even the short forms do not fit.
    pub optional: bool,
    /// Cut with "…" to what is left, after the others gave way (a title).
    pub elastic: bool,
    /// Takes its short form only when the elastic part, cut to its least, still leaves no room for it.
    pub before_elastic: bool,
    pub style: Style,
}

impl Part {
    pub fn new(text: impl Into<String>, style: Style) -> Part {
        Part { text: text.into(), short: None, optional: false, elastic: false, before_elastic: false, style }
    }

    pub fn short(mut self, short: impl Into<String>) -> Part {
        self.short = Some(short.into());
        self
    }

    pub fn optional(mut self) -> Part {
        self.optional = true;
        self
    }

    pub fn elastic(mut self) -> Part {
        self.elastic = true;
        self
    }

    /// What the line is there to say (an archived case's reason): the elastic part is cut before it
    /// shortens.
    pub fn before_elastic(mut self) -> Part {
        self.before_elastic = true;
        self
    }
}

/// `line` cut to at most `max` columns, ending in "…" (in the style of the span it cuts) when it was cut,
/// where drawing it whole would cut it at the panel's edge with nothing to say so.
pub fn clipped(line: Line<'static>, max: usize) -> Line<'static> {
    if line.width() <= max {
        return line;
    }
    // Whole spans while they leave a column for the "…"; the span that reaches it is cut to end in one.
    let mut spans = Vec::new();
    let mut used = 0;
    for span in line.spans {
        let w = span.width();
        if used + w < max {
            used += w;
            spans.push(span);
            continue;
        }
        spans.push(Span::styled(cut(&span.content, max - used), span.style));
        break;
    }
    Line::from(spans)
}

/// The parts as one line of at most `max` columns: first every part takes its short form (from the last
/// part back), then optional parts drop (from the last back), then the elastic part is cut to what is
/// left. Elastic parts keep at least 12 columns; a part marked [`Part::before_elastic`] shortens only
/// when cutting the elastic part to that is not enough.
pub fn line(mut parts: Vec<Part>, max: usize) -> Line<'static> {
    const LEAST: usize = 12;
    let total = |parts: &[Part]| parts.iter().map(|p| width(&p.text)).sum::<usize>();
    for i in (0..parts.len()).rev() {
        if total(&parts) <= max {
            break;
        }
        if !parts[i].before_elastic
            && let Some(short) = parts[i].short.take()
        {
            parts[i].text = short;
        }
    }
    while total(&parts) > max {
        let Some(i) = parts.iter().rposition(|p| p.optional) else { break };
        parts.remove(i);
    }
    let at_least = |parts: &[Part]| {
        parts.iter().map(|p| if p.elastic { width(&p.text).min(LEAST) } else { width(&p.text) }).sum::<usize>()
    };
    for i in (0..parts.len()).rev() {
        if at_least(&parts) <= max {
            break;
        }
        if let Some(short) = parts[i].short.take() {
            parts[i].text = short;
        }
    }
    if let Some(i) = parts.iter().position(|p| p.elastic) {
        let others = total(&parts) - width(&parts[i].text);
        let room = max.saturating_sub(others).max(LEAST);
        parts[i].text = truncate(&parts[i].text, room);
    }
    Line::from(parts.into_iter().map(|p| Span::styled(p.text, p.style)).collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_keeps_a_characters_escape_whole_or_leaves_it_out() {
        let shown = "Jane\\u{202e}Doe";
        assert_eq!(truncate(shown, 20), shown);
        assert_eq!(truncate(shown, 14), "Jane\\u{202e}D…");
        assert_eq!(truncate(shown, 10), "Jane…");
        assert_eq!(truncate(shown, 5), "Jane…");
    }

    #[test]
    fn a_line_too_wide_ends_in_an_ellipsis_at_the_width() {
        let line =
            || Line::from(vec![Span::raw(" status "), Span::raw("open"), Span::raw("  tags "), Span::raw("remote")]);
        assert_eq!(text(&clipped(line(), 40)), " status open  tags remote");
        assert_eq!(text(&clipped(line(), 25)), " status open  tags remote");
        assert_eq!(text(&clipped(line(), 24)), " status open  tags remo…");
        assert_eq!(text(&clipped(line(), 17)), " status open  ta…");
        assert_eq!(text(&clipped(line(), 13)), " status open…");
        assert_eq!(text(&clipped(line(), 12)), " status ope…");
        assert_eq!(clipped(line(), 12).width(), 12);
    }

    fn text(l: &Line) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    /// The widths worked out for cutting cells are the ones ratatui's table draws: a long value cut to
    /// them ends in "…" in its own column, and the next column starts where it did.
    #[test]
    fn cells_cut_to_the_column_widths_the_table_draws() {
        use ratatui::buffer::Buffer;
        use ratatui::widgets::{Block, Row, Table, Widget};
        let widths = [Constraint::Length(8), Constraint::Length(5), Constraint::Fill(3), Constraint::Fill(2)];
        for width in [40u16, 63, 80, 121] {
            let area = Rect::new(0, 0, width, 3);
            let columns = column_widths(&widths, area);
            let long = "+44 20 7946 0018 ext. 1234 ".repeat(6);
            let row =
                Row::new(vec![Cell::from("strong"), Cell::from("phone"), cell(&long, columns[2]), Cell::from("END")]);
            let mut buffer = Buffer::empty(area);
            Table::new(vec![row], widths).block(Block::bordered()).render(area, &mut buffer);
            let line: String = (0..width).map(|x| buffer[(x, 1)].symbol().to_string()).collect();
            let third = 1 + columns[0] + 1 + columns[1] + 1;
            let cut: String = line.chars().skip(third).take(columns[2]).collect();
            assert!(cut.ends_with('…'), "{width}: {line:?}");
            assert!(long.starts_with(cut.trim_end_matches('…')), "{width}: {line:?}");
            let fourth: String = line.chars().skip(third + columns[2] + 1).take(3).collect();
            assert_eq!(fourth, "END", "{width}: {line:?}");
        }
    }

    #[test]
    fn truncation_marks_the_cut_and_respects_wide_characters() {
        assert_eq!(truncate("Backend engineer", 20), "Backend engineer");
        assert_eq!(truncate("Backend engineer", 8), "Backend…");
        assert_eq!(truncate("김철수김철수", 5), "김철…");
        assert_eq!(column("ID", ["#1", "#123"]), 4);
        assert_eq!(column("STATUS", ["open"]), 6);
    }

    #[test]
    fn titles_drop_their_last_parts_then_cut_the_first() {
        let parts = ["Red flags".to_string(), "3 of 40 items".into(), "1 flagged".into()];
        assert_eq!(title(&parts, 80), " Red flags · 3 of 40 items · 1 flagged ");
        assert_eq!(title(&parts, 30), " Red flags · 3 of 40 items ");
        assert_eq!(title(&parts, 12), " Red flags ");
        assert_eq!(title(&parts, 8), " Red f… ");
    }

    #[test]
    fn parts_shorten_then_drop_then_the_elastic_one_is_cut() {
        let parts = || {
            vec![
                Part::new("#1 A long title for a case", Style::default()).elastic(),
                Part::new(" · open", Style::default()),
                Part::new(" · reviewed 5/102 (4%)", Style::default()).short(" · 4%"),
                Part::new(" · opened 2026-03-14", Style::default()).optional(),
            ]
        };
        assert_eq!(
            text(&line(parts(), 200)),
            "#1 A long title for a case · open · reviewed 5/102 (4%) · opened 2026-03-14"
        );
        assert_eq!(text(&line(parts(), 60)), "#1 A long title for a case · open · 4% · opened 2026-03-14");
        assert_eq!(text(&line(parts(), 40)), "#1 A long title for a case · open · 4%");
        assert_eq!(text(&line(parts(), 30)), "#1 A long title f… · open · 4%");
    }

    /// An archived case's reason stays while its title can still give way, and shortens only after.
    #[test]
    fn a_part_before_the_elastic_one_shortens_last() {
        let parts = || {
            vec![
                Part::new("ARCHIVED: duplicate of #12 · ", Style::default()).short("ARCHIVED · ").before_elastic(),
                Part::new("#1 A long title for a case", Style::default()).elastic(),
                Part::new(" · open", Style::default()),
            ]
        };
        assert_eq!(text(&line(parts(), 62)), "ARCHIVED: duplicate of #12 · #1 A long title for a case · open");
        assert_eq!(text(&line(parts(), 50)), "ARCHIVED: duplicate of #12 · #1 A long tit… · open");
        assert_eq!(text(&line(parts(), 48)), "ARCHIVED: duplicate of #12 · #1 A long t… · open");
        assert_eq!(text(&line(parts(), 40)), "ARCHIVED · #1 A long title for a… · open");
    }
}
