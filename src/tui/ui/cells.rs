//! The last pass over a drawn frame: cells every terminal draws as wide as ratatui counted them.
//!
//! - Emoji sequences whose width terminals disagree on (flags, sequences joined by U+200D, variation
//!   selectors, skin tones, keycaps) are drawn by their plain parts: a flag as its two letters (🇰🇷 →
//!   `KR`), a joined sequence as its first emoji. A terminal that counted them otherwise left their tails
//!   on screen and shifted the rest of the row. The record itself is untouched; only the screen shows it so.
//! - A wide character whose second column something else was drawn over (a box's border opened over
//!   Korean text) is blanked: the terminal would draw it over that column, and the border would be lost.

use ratatui::buffer::Buffer;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters whose width terminals count differently inside an emoji sequence.
fn is_unsteady(c: char) -> bool {
    matches!(c,
        '\u{200D}'                       // zero-width joiner
        | '\u{FE00}'..='\u{FE0F}'        // variation selectors
        | '\u{20E3}'                     // combining keycap
        | '\u{1F1E6}'..='\u{1F1FF}'      // regional indicators (flags)
        | '\u{1F3FB}'..='\u{1F3FF}'      // skin tones
        | '\u{E0020}'..='\u{E007F}'      // tags (subdivision flags)
    )
}

/// `symbol` drawn by its plain parts in exactly `width` columns: each part a character of its own width,
/// spaces after them.
fn steady(symbol: &str, width: usize) -> Vec<char> {
    let mut out = Vec::new();
    let mut used = 0;
    for c in symbol.chars() {
        let c = match c {
            '\u{1F1E6}'..='\u{1F1FF}' => char::from(b'A' + (u32::from(c) - 0x1F1E6) as u8),
            c if is_unsteady(c) => continue,
            c => c,
        };
        let w = c.width().unwrap_or(0);
        if w == 0 || used + w > width {
            continue;
        }
        out.push(c);
        used += w;
    }
    out.extend(std::iter::repeat_n(' ', width - used));
    out
}

/// Makes every cell of `buffer` one the terminal draws as wide as ratatui counted it (see the module).
pub fn settle(buffer: &mut Buffer) {
    let width = usize::from(buffer.area.width);
    if width == 0 {
        return;
    }
    for row in buffer.content.chunks_mut(width) {
        for x in 0..row.len() {
            let symbol = row[x].symbol();
            if symbol.len() <= 1 {
                continue;
            }
            if symbol.chars().any(is_unsteady) && x + symbol.width() <= row.len() {
                // One character to a cell, as the terminal will place them: a cell holding two letters
                // would be taken for one wide character, and its second letter never cleared.
                let mut at = x;
                for c in steady(symbol, symbol.width()) {
                    row[at].set_char(c);
                    at += c.width().unwrap_or(1).max(1);
                }
            }
            let w = row[x].symbol().width();
            // Its other columns must be blank, or the terminal draws it over what is there.
            if w > 1 && row[x + 1..row.len().min(x + w)].iter().any(|c| c.symbol() != " ") {
                row[x].set_symbol(" ");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn flags_and_joined_emoji_keep_the_width_counted_and_plain_text_is_untouched() {
        assert_eq!(steady("🇰🇷", "🇰🇷".width()), ['K', 'R']);
        let joined = "👩\u{200D}💻";
        assert_eq!(steady(joined, joined.width()), ['👩']);
        let heart: String = steady("❤\u{FE0F}", "❤\u{FE0F}".width()).into_iter().collect();
        assert_eq!(heart.width(), "❤\u{FE0F}".width());
        let mut buffer = Buffer::empty(Rect::new(0, 0, 12, 1));
        buffer.set_string(0, 0, "a🇰🇷b배송", ratatui::style::Style::default());
        settle(&mut buffer);
        let shown: String = buffer.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(shown, "aKRb배 송     ", "each letter in a cell of its own");
    }

    #[test]
    fn a_wide_character_under_a_border_is_blanked() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 4, 1));
        buffer.set_string(0, 0, "배송", ratatui::style::Style::default());
        buffer[(1, 0)].set_symbol("│");
        settle(&mut buffer);
        let shown: Vec<&str> = buffer.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(shown, [" ", "│", "송", " "]);
    }
}
