//! Forms: fields to type in (ratatui-textarea) or pick from, and the keys that move between them. What
//! submitting a form does is in `submit.rs`; the forms themselves are built in `forms.rs`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea};

use super::completion::complete_path;
use super::pick::{Choice, Pick};

/// Longest single-line field: names, values, paths. A note can be much longer (see `MAX_NOTE`).
pub const MAX_LINE: usize = 4096;
/// Longest line, and most lines, the multi-line editor takes: the editor widget counts columns and
/// rows in 16 bits, so text past these bounds belongs in an evidence file, not a note.
pub const MAX_NOTE_LINE: usize = 16_000;
pub const MAX_NOTE_LINES: usize = 30_000;

pub use super::purpose::Purpose;

/// What a field holds and so which keys it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Line,
    /// Several lines: Enter starts a new one.
    Text,
    /// One line naming a file: Tab completes it.
    Path,
    /// One of a closed set of values.
    Pick(Pick),
}

#[derive(Clone)]
pub struct Field {
    pub label: &'static str,
    /// Allowed words, or a format, shown under the field.
    pub hint: String,
    /// The text of a text field (unused by a picker).
    pub input: TextArea<'static>,
    pub kind: Kind,
    /// Rows a multi-line editor shows.
    pub rows: u16,
    /// Rows the editor had when last drawn (it grows with its text): what PageUp and PageDown move by.
    pub drawn_rows: std::cell::Cell<u16>,
}

impl Field {
    pub fn line(label: &'static str, hint: impl Into<String>, value: &str) -> Field {
        let mut input = TextArea::new(vec![value.to_string()]);
        input.move_cursor(CursorMove::End);
        Field { label, hint: hint.into(), input, kind: Kind::Line, rows: 1, drawn_rows: 1.into() }
    }

    pub fn text(label: &'static str, hint: impl Into<String>, value: &str) -> Field {
        let lines: Vec<String> =
            if value.is_empty() { vec![String::new()] } else { value.lines().map(str::to_string).collect() };
        let mut input = TextArea::new(lines);
        // A paragraph of a note breaks onto the rows below at the editor's width, as it reads once saved,
        // instead of scrolling sideways; a word wider than the editor breaks where it must.
        input.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        input.move_cursor(CursorMove::Bottom);
        input.move_cursor(CursorMove::End);
        Field { label, hint: hint.into(), input, kind: Kind::Text, rows: 8, drawn_rows: 8.into() }
    }

    /// A file path, starting from `value`.
    pub fn path(label: &'static str, hint: impl Into<String>, value: &str) -> Field {
        Field { kind: Kind::Path, ..Field::line(label, hint, value) }
    }

    /// A picker over `words` (a domain enum's words), on `current`.
    pub fn pick<S: Into<String>>(
        label: &'static str,
        hint: impl Into<String>,
        words: impl IntoIterator<Item = S>,
        current: &str,
    ) -> Field {
        let choices = words.into_iter().map(Choice::word).collect();
        Field::choices(label, hint, Pick::new(choices, current))
    }

    /// A picker over `words` that may also be left empty, shown as "(none)" first.
    pub fn optional_pick<S: Into<String>>(
        label: &'static str,
        hint: impl Into<String>,
        words: impl IntoIterator<Item = S>,
        current: &str,
    ) -> Field {
        let choices = std::iter::once(Choice::none()).chain(words.into_iter().map(Choice::word)).collect();
        Field::choices(label, hint, Pick::new(choices, current))
    }

    pub fn choices(label: &'static str, hint: impl Into<String>, pick: Pick) -> Field {
        Field { kind: Kind::Pick(pick), ..Field::line(label, hint, "") }
    }

    pub fn multiline(&self) -> bool {
        self.kind == Kind::Text
    }

    pub fn value(&self) -> String {
        match &self.kind {
            Kind::Pick(pick) => pick.value().to_string(),
            _ => self.input.lines().join("\n"),
        }
    }

    fn set(&mut self, value: &str) {
        self.input = TextArea::new(vec![value.to_string()]);
        self.input.move_cursor(CursorMove::End);
    }

    /// Empties a text field, as one step its undo (Ctrl-Z) takes back; a picker goes back to its empty
    /// value, if it has one.
    fn clear(&mut self) {
        match &mut self.kind {
            Kind::Pick(pick) => {
                pick.clear();
            }
            _ => {
                self.input.select_all();
                self.input.cut();
            }
        }
    }

    /// Size in bytes, as the workspace measures notes.
    fn bytes(&self) -> usize {
        self.input.lines().iter().map(|l| l.len() + 1).sum()
    }

    /// Whether `text` can go in at the cursor without passing the field's limits.
    fn room_for(&self, text: &str) -> Result<(), String> {
        if text.is_empty() {
            return Ok(());
        }
        // A one-line value is at most what the record takes (a file path at most what a system takes).
        let (max_total, max_line) = match self.kind {
            _ if self.multiline() => (crate::workspace::MAX_NOTE, MAX_NOTE_LINE),
            Kind::Path => (MAX_LINE, MAX_LINE),
            _ => (MAX_LINE, crate::text::MAX_FIELD),
        };
        if self.bytes() + text.len() > max_total {
            return Err(format!("{} takes at most {} KiB", self.label, max_total / 1024));
        }
        let row = self.input.cursor().0;
        let current = self.input.lines().get(row).map_or(0, |l| l.chars().count());
        let mut pieces = text.split('\n');
        let first = pieces.next().map_or(0, |p| p.chars().count());
        let longest = pieces.map(|p| p.chars().count()).max().unwrap_or(0).max(current + first);
        if longest > max_line {
            return Err(format!(
                "a line of {} is at most {max_line} characters; attach long text as evidence",
                self.label
            ));
        }
        if self.input.lines().len() + text.matches('\n').count() > MAX_NOTE_LINES {
            return Err(format!("{} takes at most {MAX_NOTE_LINES} lines", self.label));
        }
        Ok(())
    }
}

#[derive(Clone)]
pub struct Form {
    pub title: String,
    pub purpose: Purpose,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
    /// Each field's value when the form opened, so that Esc after typing asks before it discards.
    initial: Vec<String>,
    /// Esc was pressed once on typed text: the next Esc discards it.
    discard_asked: bool,
    /// Ctrl-C was pressed once on typed text: the next Ctrl-C quits (an Esc still asks first).
    quit_asked: bool,
    /// The last key emptied the focused field with Ctrl-U: the footer says Ctrl-Z takes that back.
    just_cleared: bool,
    /// For a form that corrects a record: the record as it was when the form opened (see
    /// `submit::record_now`), so that a change made meanwhile elsewhere is not saved over unsaid.
    pub base: Option<String>,
}

/// What the first Esc on a form holding typed text says.
pub const DISCARD_ASK: &str = "Esc again discards what was typed here; Ctrl-S saves it";

/// What the first Ctrl-C on a form holding typed text says.
pub const QUIT_ASK: &str = "Ctrl-C again quits and discards what was typed here; Ctrl-S saves it";

/// What a key did to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    Handled,
    Submit,
    Cancel,
}

impl Form {
    pub fn new(title: impl Into<String>, purpose: Purpose, fields: Vec<Field>) -> Form {
        let initial = fields.iter().map(Field::value).collect();
        Form {
            title: title.into(),
            purpose,
            fields,
            focus: 0,
            error: None,
            initial,
            discard_asked: false,
            quit_asked: false,
            just_cleared: false,
            base: None,
        }
    }

    /// Shows `error` under the fields and puts the focus on the field it names (the first field label its
    /// problem, before any "; " remedy, holds as a word: "invalid payment date" → Date), so the value to
    /// correct is where typing goes.
    pub fn show_error(&mut self, error: String) {
        let lower = error.split("; ").next().unwrap_or_default().to_lowercase();
        let word_at = |label: &str| {
            let label = label.to_lowercase();
            lower.match_indices(&label).map(|(at, _)| at).find(|&at| {
                let before = lower[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let after = lower[at + label.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                before && after
            })
        };
        if let Some((i, _)) = self
            .fields
            .iter()
            .enumerate()
            .filter_map(|(i, f)| word_at(f.label).map(|at| (i, at)))
            .min_by_key(|(_, at)| *at)
        {
            self.focus = i;
        }
        self.error = Some(error);
    }

    /// Whether Ctrl-C may quit now: at once when nothing was typed here, else when pressed again (the first
    /// press says so), as Esc asks before it discards.
    pub fn may_quit(&mut self) -> bool {
        if self.quit_asked || !self.edited() {
            return true;
        }
        self.quit_asked = true;
        self.discard_asked = false;
        self.error = Some(QUIT_ASK.into());
        false
    }

    /// Whether a field holds something other than what it opened with.
    pub fn edited(&self) -> bool {
        self.fields.iter().map(Field::value).ne(self.initial.iter().cloned())
    }

    pub fn value(&self, i: usize) -> String {
        self.fields.get(i).map(Field::value).unwrap_or_default()
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    fn is_last(&self) -> bool {
        self.focus + 1 >= self.fields.len()
    }

    /// Enter (or Ctrl-J, a line feed) moves to the next single-line field, or submits on the last; Ctrl-S
    /// submits from anywhere; Enter in a multi-line field is a new line; Tab moves on, after completing a
    /// path while there is something to complete, and is a tab in a form of one multi-line field; Ctrl-U
    /// empties the field. A picker takes ←/→ (↑/↓ in a list) and letters instead of text. [`Form::keys`]
    /// says the same, for the focused field.
    pub fn key(&mut self, key: KeyEvent) -> FormEvent {
        // A line feed reaches the terminal as Ctrl-J, typed or in a paste the terminal does not mark as one:
        // it is Enter (the editor's own Ctrl-J deleted the line up to the cursor, losing pasted lines).
        let key = if key.code == KeyCode::Char('j') && key.modifiers == KeyModifiers::CONTROL {
            KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
        } else {
            key
        };
        if self.fields.is_empty() {
            return if key.code == KeyCode::Esc { FormEvent::Cancel } else { FormEvent::Handled };
        }
        if key.code == KeyCode::Esc {
            if self.discard_asked || !self.edited() {
                return FormEvent::Cancel;
            }
            self.discard_asked = true;
            self.quit_asked = false;
            self.error = Some(DISCARD_ASK.into());
            return FormEvent::Handled;
        }
        if std::mem::take(&mut self.discard_asked) | std::mem::take(&mut self.quit_asked) {
            self.error = None;
        }
        let last = self.fields.len() - 1;
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let is_last = self.is_last();
        // An error about what was typed goes once the typing changes; one this key raises stays.
        let (focus, before, shown) = (self.focus, self.fields[self.focus].value(), self.error.clone());
        let field = &mut self.fields[self.focus];
        self.just_cleared = false;
        match key.code {
            KeyCode::Char('s') if ctrl => return FormEvent::Submit,
            KeyCode::Char('u') if ctrl => {
                self.just_cleared = !before.is_empty() && !matches!(field.kind, Kind::Pick(_));
                field.clear();
            }
            KeyCode::Char('z') if ctrl => {
                field.input.undo();
            }
            KeyCode::Enter if !field.multiline() => {
                if is_last {
                    return FormEvent::Submit;
                }
                self.focus += 1;
            }
            // A screenful at a time, by the rows drawn, the cursor taking the view with it: the editor's own
            // paging scrolled past the last line, leaving the rows blank, and could not reach the first.
            KeyCode::PageUp | KeyCode::PageDown if field.multiline() && key.modifiers.is_empty() => {
                let step = if key.code == KeyCode::PageUp { CursorMove::Up } else { CursorMove::Down };
                for _ in 1..field.drawn_rows.get().max(2) {
                    field.input.move_cursor(step);
                }
            }
            KeyCode::Tab if field.kind == Kind::Path && complete(field) => {}
            // With no other field to move to, a note takes a tab as typed, as it takes one pasted.
            KeyCode::Tab if field.multiline() && last == 0 => match field.room_for("\t") {
                Ok(()) => field.input.insert_char('\t'),
                Err(why) => self.error = Some(why),
            },
            KeyCode::Tab => self.focus = if self.focus == last { 0 } else { self.focus + 1 },
            KeyCode::BackTab => self.focus = if self.focus == 0 { last } else { self.focus - 1 },
            _ if matches!(field.kind, Kind::Pick(_)) => {
                if let Err(why) = pick_key(field, key) {
                    self.error = Some(why);
                }
            }
            _ => {
                let typed = match key.code {
                    KeyCode::Char(c) if !ctrl => c.to_string(),
                    KeyCode::Enter => "\n".to_string(),
                    _ => String::new(),
                };
                match field.room_for(&typed) {
                    Ok(()) => {
                        // A letter with its accent, a flag or an emoji sequence moves and goes whole.
                        let plain = key.modifiers.is_empty();
                        let times = match key.code {
                            KeyCode::Left | KeyCode::Backspace if plain => grapheme_chars(&field.input, true),
                            KeyCode::Right | KeyCode::Delete if plain => grapheme_chars(&field.input, false),
                            _ => 1,
                        };
                        for _ in 0..times {
                            field.input.input(key);
                        }
                    }
                    Err(why) => self.error = Some(why),
                }
            }
        }
        if self.error == shown && self.fields[focus].value() != before {
            self.error = None;
        }
        FormEvent::Handled
    }

    /// The keys the focused field takes, as (key, what it does), for the form's footer: generated from
    /// the same facts [`Form::key`] acts on, so it cannot say Enter moves on where Enter starts a line.
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        let Some(field) = self.focused() else { return vec![("Esc", "cancel")] };
        let several = self.fields.len() > 1;
        let mut keys = Vec::new();
        if self.just_cleared {
            keys.push(("Ctrl-Z", "undo the clear"));
        }
        match &field.kind {
            Kind::Pick(pick) if pick.list => keys.push(("↑/↓", "choose")),
            Kind::Pick(_) => keys.push(("←/→/letter", "choose")),
            Kind::Text => keys.push(("Enter", "new line")),
            Kind::Line | Kind::Path => {}
        }
        let enter_saves = !field.multiline() && self.is_last();
        if enter_saves {
            keys.push(("Enter/Ctrl-S", self.submit_word()));
        } else if !field.multiline() {
            keys.push(("Enter", "next"));
        }
        match (&field.kind, several) {
            (Kind::Path, true) => keys.push(("Tab", "complete, then next field")),
            (Kind::Path, false) => keys.push(("Tab", "complete")),
            (_, true) => keys.push(("Tab", "next field")),
            (Kind::Text, false) => keys.push(("Tab", "a tab")),
            (_, false) => {}
        }
        // Saving is named before clearing: where the footer is short of room, the later hints give way.
        if !enter_saves {
            keys.push(("Ctrl-S", self.submit_word()));
        }
        if !matches!(field.kind, Kind::Pick(_)) {
            keys.push(("Ctrl-U", "clear"));
        }
        keys.push(("Esc", "cancel"));
        keys
    }

    /// What submitting does, in a word.
    fn submit_word(&self) -> &'static str {
        match self.purpose {
            Purpose::Export { .. } => "export",
            Purpose::RelocateEvidence { .. } => "relocate",
            Purpose::LinkEvidence { .. } => "link",
            _ => "save",
        }
    }

    /// Pasted text goes into the focused field; a single-line field takes it as one line, a picker
    /// takes it if it names one of its values. A paste that does not fit is refused whole, with the
    /// reason, so nothing is cut silently.
    pub fn paste(&mut self, text: &str) {
        (self.discard_asked, self.quit_asked) = (false, false);
        let Some(field) = self.fields.get_mut(self.focus) else { return };
        if let Kind::Pick(pick) = &mut field.kind {
            self.error =
                (!pick.choose(text)).then(|| format!("paste refused: {} takes one of {}", field.label, pick.words()));
            return;
        }
        let mut text: String = text.replace("\r\n", "\n").replace('\r', "\n");
        // A one-line field takes a paste of several lines (an address copied over two) as one, and says so.
        let mut joined = false;
        if !field.multiline() {
            let one_line: String = text.chars().map(|c| if matches!(c, '\n' | '\t') { ' ' } else { c }).collect();
            joined = one_line != text;
            text = one_line;
        }
        // A control character (a terminal colour code in a copied log, a bell) would be invisible in the
        // editor and saved unseen: the paste is refused whole, naming it, as a paste that does not fit is.
        if let Some(c) = text.chars().find(|c| c.is_control() && !matches!(c, '\n' | '\t')) {
            self.error = Some(format!(
                "paste refused: it holds the control character U+{:04X}, which a field here cannot show; record such \
                 text with the command line or attach it as evidence",
                u32::from(c)
            ));
            return;
        }
        match field.room_for(&text) {
            Ok(()) => {
                field.input.insert_str(&text);
                self.error = joined.then(|| {
                    format!("pasted into {} as one line: its line breaks and tabs became spaces", field.label)
                });
            }
            Err(why) => self.error = Some(format!("paste refused: {why}")),
        }
    }
}

/// Tab in a path field: completes it when that adds something, or first lists several matches.
/// `false` when there is nothing left to complete, so Tab moves on.
/// How many characters make the grapheme (what a reader sees as one character: a letter and its accent,
/// a flag, an emoji sequence) before or after the cursor in its line; 1 at either end of the line, where
/// the key moves to or joins the next one.
fn grapheme_chars(input: &TextArea<'static>, before: bool) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    let cursor = input.cursor();
    let (row, col) = (cursor.0, cursor.1);
    let Some(line) = input.lines().get(row) else { return 1 };
    let at = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
    let grapheme = if before { line[..at].graphemes(true).next_back() } else { line[at..].graphemes(true).next() };
    grapheme.map_or(1, |g| g.chars().count())
}

fn complete(field: &mut Field) -> bool {
    let typed = field.value();
    let (completed, choices, skipped) = complete_path(&typed);
    let mut listing = if choices.len() > 1 { choices.join("  ") } else { String::new() };
    if skipped > 0 {
        let gap = if listing.is_empty() { "" } else { "  " };
        listing = format!(
            "{listing}{gap}({} with control characters left out: attach such a file with `vetdesk evidence add`)",
            crate::text::counted(skipped, "file name", "file names")
        );
    }
    if completed != typed {
        field.set(&completed);
        field.hint = listing;
        return true;
    }
    if !listing.is_empty() && field.hint != listing {
        field.hint = listing;
        return true;
    }
    false
}

/// A key on a picker: arrows step, a letter jumps. A letter no value starts with says what there is.
fn pick_key(field: &mut Field, key: KeyEvent) -> Result<(), String> {
    let Kind::Pick(pick) = &mut field.kind else { return Ok(()) };
    match key.code {
        KeyCode::Left => pick.step(false),
        KeyCode::Right => pick.step(true),
        KeyCode::Up if pick.list => pick.selected = pick.selected.saturating_sub(1),
        KeyCode::Down if pick.list => pick.selected = (pick.selected + 1).min(pick.choices.len().saturating_sub(1)),
        KeyCode::Home if pick.list => pick.selected = 0,
        KeyCode::End if pick.list => pick.selected = pick.choices.len().saturating_sub(1),
        KeyCode::Char(' ') => pick.step(true),
        KeyCode::Char(c) if c.is_alphanumeric() && !key.modifiers.contains(KeyModifiers::CONTROL) => {
            return if pick.jump(c) {
                Ok(())
            } else {
                Err(format!("no {} starts with {c:?}: {}", field.label, pick.words()))
            };
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_takes_the_focus_to_the_field_it_names() {
        let fields = || {
            vec![Field::line("Date", "", "2026-13-45"), Field::line("Amount", "", "420"), Field::line("Note", "", "")]
        };
        let mut form = Form::new("t", Purpose::NewCase, fields());
        form.focus = 1;
        form.show_error("invalid payment date \"2026-13-45\": expected a date like 2025-03-31".into());
        assert_eq!(form.focus, 0);
        // A word that only contains a label ("notes", "dated") moves nothing; no label named keeps the focus.
        form.focus = 1;
        form.show_error("the notes are dated".into());
        assert_eq!(form.focus, 1);
        form.show_error("invalid amount \"4,20\" with a note; leave the Date as it is".into());
        assert_eq!(form.focus, 1, "the first label the problem names, not one its remedy names");
    }

    /// A letter with its combining accent, a flag and a joined emoji move and go whole: the cursor never
    /// stops inside one, and a backspace never leaves half of it (half a flag, an accent with no letter).
    #[test]
    fn the_cursor_moves_and_deletes_by_what_a_reader_sees_as_one_character() {
        let press = |form: &mut Form, code: KeyCode, n: usize| {
            for _ in 0..n {
                form.key(KeyEvent::from(code));
            }
        };
        let mut form = Form::new("t", Purpose::NewCase, vec![Field::line("Note", "", "")]);
        form.paste("ae\u{301}b x\u{1F1F0}\u{1F1F5}y \u{1F469}\u{200D}\u{1F4BB}!");
        // From the end: past "!", the woman technologist, the space, "y", then the flag.
        press(&mut form, KeyCode::Left, 5);
        press(&mut form, KeyCode::Backspace, 1);
        assert_eq!(form.value(0), "ae\u{301}b \u{1F1F0}\u{1F1F5}y \u{1F469}\u{200D}\u{1F4BB}!", "x went, not the flag");
        press(&mut form, KeyCode::Delete, 1);
        assert_eq!(form.value(0), "ae\u{301}b y \u{1F469}\u{200D}\u{1F4BB}!", "the whole flag went");
        press(&mut form, KeyCode::Home, 1);
        press(&mut form, KeyCode::Right, 2);
        press(&mut form, KeyCode::Backspace, 1);
        assert_eq!(form.value(0), "ab y \u{1F469}\u{200D}\u{1F4BB}!", "the accent went with its letter");
        press(&mut form, KeyCode::End, 1);
        press(&mut form, KeyCode::Left, 1);
        press(&mut form, KeyCode::Backspace, 1);
        assert_eq!(form.value(0), "ab y !");
    }

    #[test]
    fn enter_walks_single_line_fields_then_submits_and_pastes_stay_on_one_line() {
        let mut form = Form::new("t", Purpose::NewCase, vec![Field::line("A", "", ""), Field::line("B", "", "")]);
        form.paste("two\nlines\tand a tab");
        assert_eq!(form.value(0), "two lines and a tab");
        assert_eq!(form.error.as_deref(), Some("pasted into A as one line: its line breaks and tabs became spaces"));
        assert_eq!(form.key(KeyEvent::from(KeyCode::Enter)), FormEvent::Handled);
        assert_eq!(form.focus, 1);
        assert_eq!(form.key(KeyEvent::from(KeyCode::Enter)), FormEvent::Submit);
    }

    #[test]
    fn oversize_pastes_are_refused_whole_with_a_reason() {
        let mut form = Form::new("t", Purpose::NewCase, vec![Field::line("Words", "", "abc")]);
        form.paste(&"x".repeat(1 << 20));
        assert_eq!(form.value(0), "abc", "nothing half-pasted");
        assert!(form.error.as_deref().unwrap_or_default().contains("at most"));
        // A one-line value takes at most what the record does, so the paste is refused now, not at save.
        form.paste(&"y".repeat(crate::text::MAX_FIELD + 1));
        assert_eq!(form.value(0), "abc");
        assert!(form.error.as_deref().unwrap_or_default().contains("at most 1000 characters"), "{:?}", form.error);
        form.paste(&"y".repeat(crate::text::MAX_FIELD - 3));
        assert_eq!(form.value(0).chars().count(), crate::text::MAX_FIELD);

        let mut note = Form::new("t", Purpose::NewCase, vec![Field::text("Note", "", "")]);
        note.paste(&"y".repeat(MAX_NOTE_LINE + 1));
        assert_eq!(note.value(0), "");
        let megabyte = "a line of pasted interview transcript, sixty-odd characters.\n".repeat(16_000);
        note.paste(&megabyte);
        assert_eq!(note.value(0).len(), megabyte.len());
    }
}
