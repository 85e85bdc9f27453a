//! The report tab's text follows the tab's width: the summary's prose is wrapped once, at the width it is
//! shown at, so the screen never breaks an already-wrapped line a second time.

use ratatui::layout::Rect;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::app::{App, Screen, Tab};
use super::load::build_report;

/// The summary as the tab shows it, fitted to the tab's width, with where each of its lines starts, found
/// once: a summary of thousands of subjects runs to hundreds of thousands of lines, and each frame and
/// each scroll key needs only a screenful of them and how many there are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportText {
    text: String,
    starts: Vec<usize>,
}

impl From<String> for ReportText {
    fn from(text: String) -> ReportText {
        // As `str::lines` counts them: a last line's newline opens no line after it.
        let ends = text.match_indices('\n').map(|(at, _)| at + 1).filter(|&at| at < text.len());
        let starts = if text.is_empty() { Vec::new() } else { std::iter::once(0).chain(ends).collect() };
        ReportText { text, starts }
    }
}

impl std::ops::Deref for ReportText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl ReportText {
    /// How many lines the text has.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// At most `n` lines from line `from` on, without the newline after the last.
    pub fn lines_at(&self, from: usize, n: usize) -> &str {
        let Some(&start) = self.starts.get(from) else { return "" };
        let end = self.starts.get(from.saturating_add(n)).copied().unwrap_or(self.text.len());
        let shown = &self.text[start..end];
        shown.strip_suffix('\n').unwrap_or(shown)
    }
}

/// How wide the report's text is on a terminal of `size`: the tab inside its border.
pub fn width(size: Rect) -> usize {
    super::ui::report_width(size)
}

/// After the terminal's width changed: re-renders a report on screen for the new width.
pub fn refit(app: &mut App) {
    let width = width(app.size);
    let Screen::Case(view) = &mut app.screen else { return };
    if view.tab != Tab::Report || view.report.is_none() || view.report_width == width {
        return;
    }
    if let Err(e) = build_report(&app.ws, view, width) {
        app.error(e.to_string());
    }
}

/// `text` with every line no wider than `width` columns, for the tab to show as it is: the blocks a summary
/// keeps as they are pasted (the incident description) are broken at spaces here, and a run without one
/// (Korean or Chinese text, a long address) where the line ends, measured in terminal columns. The screen's
/// own wrapping misplaced wide characters at the border; an export (`w`) writes the summary unbroken.
pub fn fit(text: &str, width: usize) -> String {
    let width = width.max(1);
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.split('\n') {
        let mut current = String::new();
        for word in line.split_inclusive(' ') {
            if current.width() + word.trim_end_matches(' ').width() > width && !current.trim().is_empty() {
                out.push_str(current.trim_end_matches(' '));
                out.push('\n');
                current.clear();
            }
            for c in word.chars() {
                if current.width() + c.width().unwrap_or(0) > width && !current.is_empty() {
                    if c == ' ' {
                        continue;
                    }
                    out.push_str(current.trim_end_matches(' '));
                    out.push('\n');
                    current.clear();
                }
                current.push(c);
            }
        }
        out.push_str(current.trim_end_matches(' '));
        out.push('\n');
    }
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::{ReportText, fit};
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn a_report_text_gives_the_lines_a_text_has_as_str_lines_reads_them() {
        for text in ["", "\n", "one", "one\n", "one\ntwo", "one\n\nthree\n", "\n\nthree", "a\nb\nc\nd\n"] {
            let report = ReportText::from(text.to_string());
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(report.line_count(), lines.len(), "{text:?}");
            for from in 0..=lines.len() + 1 {
                for n in 0..=lines.len() + 1 {
                    let expected: Vec<&str> = lines.iter().skip(from).take(n).copied().collect();
                    assert_eq!(report.lines_at(from, n), expected.join("\n"), "{text:?} from {from}, {n} lines");
                }
            }
        }
    }

    #[test]
    fn every_line_fits_the_tab_in_columns() {
        let text = format!(
            "The suspected worker is recorded under the name 김민수. Position: 백엔드 개발자(계약직). Claimed location: 서울특별시 강남구 \
             테헤란로 123, 대한민국.\n{}\nshort line\n\nafter a blank",
            "가".repeat(70)
        );
        for width in [20, 41, 118] {
            let fitted = fit(&text, width);
            assert!(fitted.lines().all(|l| l.width() <= width), "{width}:\n{fitted}");
            let kept = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            assert_eq!(kept(&fitted), kept(&text), "nothing dropped at {width}");
            assert!(fitted.contains("\nshort line\n\nafter a blank"), "{fitted}");
        }
    }
}
