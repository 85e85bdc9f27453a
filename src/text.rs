//! Text from outside — imported list entries, names, notes, titles, file names — made safe to show on a
//! terminal. A value may hold escape sequences (ESC, CSI, OSC, BEL) that retitle a window, clear the
//! screen or fake a line, or bidirectional overrides that make it read differently from what it is.
//! Every human-facing output (the CLI's plain output, the workstation, Markdown and text reports) passes
//! through here; JSON output does not, it stays exact.

use std::borrow::Cow;
use std::path::Path;

/// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder what a
/// reader sees.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A character that takes no room and draws nothing: a bidi control, the zero-width space U+200B, the
/// left-to-right, right-to-left and Arabic letter marks U+200E, U+200F and U+061C, the Mongolian vowel
/// separator U+180E, the word joiner and invisible operators U+2060–U+2064, the byte order mark U+FEFF,
/// the interlinear annotation marks U+FFF9–U+FFFB and the tag characters U+E0001 and U+E0020–U+E007F.
/// (The zero-width joiner and non-joiner, U+200C and U+200D, are not among them: emoji and several scripts
/// are written with them.)
pub fn draws_nothing(c: char) -> bool {
    is_bidi_control(c)
        || matches!(
            c,
            '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2060}'..='\u{2064}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0001}'
                | '\u{E0020}'..='\u{E007F}'
        )
}

/// Whether `s` shows nothing on a page: only whitespace and characters of no width (those that draw
/// nothing, [`draws_nothing`], the joiners, variation selectors, the Arabic letter mark, fillers such as
/// U+3164: the default-ignorable characters, as `unicode-width` counts them, and combining marks with
/// nothing to combine with). A name, title, note or answer that is blank this way is refused as an empty
/// one is.
pub fn is_blank(s: &str) -> bool {
    use unicode_width::UnicodeWidthChar;
    // U+115F, the Hangul leading filler, draws nothing but is counted wide as the leading letters are.
    s.chars().all(|c| c.is_whitespace() || draws_nothing(c) || c.width() == Some(0) || c == '\u{115F}')
}

/// `s` without the characters that draw nothing ([`draws_nothing`]).
pub fn without_invisible(s: &str) -> Cow<'_, str> {
    if s.chars().any(draws_nothing) {
        Cow::Owned(s.chars().filter(|c| !draws_nothing(*c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// A character that must never reach a terminal raw: C0 and C1 controls, DEL, bidi controls, the
/// Unicode line and paragraph separators (U+2028, U+2029), which some terminals and viewers break a line
/// at, and the characters that take no room and draw nothing ([`draws_nothing`]), which make a name look
/// like another.
pub fn is_hostile(c: char) -> bool {
    c.is_control() || draws_nothing(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// How a hostile character is shown: C0 controls and DEL as their Unicode control pictures (ESC → `␛`,
/// BEL → `␇`, CR → `␍`), C1 and bidi controls as `\u{…}`.
fn push_visible(out: &mut String, c: char) {
    match c {
        '\0'..='\x1f' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
        '\x7f' => out.push('\u{2421}'),
        _ => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

fn replace(s: &str, keep: impl Fn(char) -> Option<char>) -> Cow<'_, str> {
    if !s.chars().any(|c| keep(c) != Some(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match keep(c) {
            Some(k) => out.push(k),
            None => push_visible(&mut out, c),
        }
    }
    Cow::Owned(out)
}

/// Multi-line text for a terminal: newlines and tabs kept, every other control shown visibly.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    replace(s, |c| if c == '\n' || c == '\t' || !is_hostile(c) { Some(c) } else { None })
}

/// One line for a terminal: newlines, carriage returns and tabs become spaces, every other control is
/// shown visibly.
pub fn one_line(s: &str) -> Cow<'_, str> {
    replace(s, |c| match c {
        '\n' | '\r' | '\t' => Some(' '),
        c if is_hostile(c) => None,
        c => Some(c),
    })
}

/// Why `s` is not one line of plain text: the first line break or control character it holds, named
/// ("a line break", "the control character U+001B"), past those `allowed`; `None` when it holds none.
pub fn control_in(s: &str, allowed: &[char]) -> Option<String> {
    let c = s.chars().find(|c| c.is_control() && !allowed.contains(c))?;
    Some(if c == '\n' {
        "a line break".to_string()
    } else if c == '\r' {
        "a carriage return (U+000D)".to_string()
    } else {
        format!("the control character U+{:04X}", u32::from(c))
    })
}

/// [`control_in`] for text of several lines: line breaks and tabs allowed, a line break written the
/// Windows way (`\r\n`) too, so text pasted from there is taken as typed.
pub fn control_in_lines(s: &str) -> Option<String> {
    control_in(&s.replace("\r\n", "\n"), &['\n', '\t'])
}

/// The refusal of a one-line field (`what`, as a sentence names it) holding a line break or control
/// character; `None` when it holds none.
pub fn one_line_problem(what: &str, s: &str) -> Option<String> {
    if let Some(held) = control_in(s, &[]) {
        return Some(format!("{what} is one line of text, without control characters; this one holds {held}"));
    }
    blank_problem(what, s)
}

/// The refusal of a field (`what`, as a sentence names it) that holds text showing nothing ([`is_blank`]);
/// `None` when it is empty or shows something. Left empty instead, it is not drafted into the summary as
/// escapes.
pub fn blank_problem(what: &str, s: &str) -> Option<String> {
    (!s.trim().is_empty() && is_blank(s))
        .then(|| format!("{what} shows nothing on a page (only invisible characters); leave it empty or write it out"))
}

/// The most characters a one-line field holds (a name, a position, a recipient, a note on an identifier):
/// room for any real one, and a bound on what lands in every report.
pub const MAX_FIELD: usize = 1000;

/// Why `s`, the field named `what`, is refused: a control character (a line break would make it read as
/// two records wherever it is listed) or more than [`MAX_FIELD`] characters.
pub fn field_problem(what: &str, s: &str) -> Option<String> {
    let n = s.chars().count();
    one_line_problem(what, s)
        .or_else(|| (n > MAX_FIELD).then(|| format!("{what} takes at most {MAX_FIELD} characters; this one has {n}")))
}

/// A count with its noun: `1 person`, `2 people`, `0 snapshots`.
pub fn counted<N: std::fmt::Display + PartialEq + From<u8>>(n: N, one: &str, many: &str) -> String {
    let noun = if n == N::from(1) { one } else { many };
    format!("{n} {noun}")
}

/// `["1", "2", "3"]` as "1, 2 and 3", as a sentence lists them.
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

/// A path for a message: as it is when it is plain, else quoted with its controls escaped (`"a\nb"`,
/// `"x\u{1b}[2J"`), so a hostile file name stays one visible line.
pub fn display_path(path: &Path) -> String {
    quoted(&path.to_string_lossy())
}

/// A value from outside for a message: as it is when it is plain, else quoted with its controls escaped
/// (`"a\nb"`), so that it stays one visible line and a line break in it is seen as one.
pub fn quoted(s: &str) -> String {
    if !s.chars().any(is_hostile) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hostile(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {

    /// Text of invisible characters alone shows nothing; the same characters beside a letter, an emoji
    /// sequence or a letter with its accent are text.
    #[test]
    fn text_of_invisible_characters_alone_is_blank() {
        for blank in [
            "\u{200b}",
            "\u{061c}\u{061c} \u{061c}",
            "\u{00ad}",
            "\u{034f}",
            "\u{fe0f}",
            "\u{180e}",
            "\u{e0020}",
            "\u{3164}",
            "\u{ffa0}",
            "\u{115f}",
            "\u{200d}\u{200c}",
            "\u{feff}\u{2060}",
        ] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for text in ["a", "한", "\u{1f468}\u{200d}\u{1f4bb}", "e\u{301}", "Anna\u{200d}Lee", "\u{200b}x"] {
            assert!(!is_blank(text), "{text:?}");
        }
        assert!(one_line_problem("a name", "\u{061c}").unwrap().contains("shows nothing on a page"));
        assert_eq!(one_line_problem("a name", ""), None);
        assert_eq!(one_line_problem("a name", "Ann"), None);
    }
    use super::*;

    const HOSTILE: &str = "a\x1b]0;pwned\x07b\x1b[2Jc\u{202e}d\u{9b}e\rf\x08g\x7f";

    #[test]
    fn a_count_of_one_takes_the_singular() {
        assert_eq!(counted(1usize, "person", "people"), "1 person");
        assert_eq!(counted(0i64, "person", "people"), "0 people");
        assert_eq!(counted(2u32, "snapshot", "snapshots"), "2 snapshots");
    }

    #[test]
    fn terminal_text_keeps_no_control() {
        let shown = for_terminal(HOSTILE);
        assert!(!shown.chars().any(is_hostile), "{shown:?}");
        assert_eq!(shown, "a␛]0;pwned␇b␛[2Jc\\u{202e}d\\u{9b}e␍f␈g␡");
        assert_eq!(for_terminal("line one\n\tline two"), "line one\n\tline two");
        assert!(matches!(for_terminal("plain Müller & Zoë"), Cow::Borrowed(_)));
    }

    /// A name with a character that draws nothing looks like another name: it is shown.
    #[test]
    fn characters_that_draw_nothing_are_shown() {
        assert_eq!(one_line("zw\u{200b}sp"), "zw\\u{200b}sp");
        assert_eq!(one_line("\u{feff}Jordan\u{200f}"), "\\u{feff}Jordan\\u{200f}");
        // The Arabic letter mark, an interlinear annotation mark and a tag character draw nothing either.
        assert_eq!(one_line("ALM\u{061c}x"), "ALM\\u{61c}x");
        assert_eq!(one_line("a\u{fff9}b\u{e0041}c"), "a\\u{fff9}b\\u{e0041}c");
        // Joiners are how emoji and several scripts are written.
        assert!(matches!(one_line("\u{1F469}\u{200D}\u{1F4BB} \u{645}\u{200C}\u{6CC}"), Cow::Borrowed(_)));
    }

    #[test]
    fn one_line_folds_line_breaks() {
        assert_eq!(one_line("a\r\nb\tc\x1b"), "a  b c␛");
        assert!(!one_line(HOSTILE).chars().any(|c| is_hostile(c) || c == '\n'));
    }

    #[test]
    fn paths_stay_one_visible_line() {
        assert_eq!(display_path(Path::new("/tmp/report.md")), "/tmp/report.md");
        assert_eq!(display_path(Path::new("/tmp/a\nb\x1b[2J\u{2066}.md")), "\"/tmp/a\\nb\\u{1b}[2J\\u{2066}.md\"");
    }
}
