//! Forms: one or more text fields (ratatui-textarea) and what submitting them does.

use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

/// Longest single-line field: names, values, paths. A note can be much longer (see `MAX_NOTE`).
pub const MAX_LINE: usize = 4096;
/// Longest line, and most lines, the multi-line editor takes: the editor widget counts columns and
/// rows in 16 bits, so text past these bounds belongs in an evidence file, not a note.
pub const MAX_NOTE_LINE: usize = 16_000;
pub const MAX_NOTE_LINES: usize = 30_000;

/// What a form is for; carries the ids it acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    NewCase,
    Search,
    AddSubject {
        case_id: i64,
    },
    EditSubject {
        subject_id: i64,
    },
    AddIdentifier {
        case_id: i64,
    },
    EditIdentifier {
        identifier_id: i64,
    },
    AddPayment {
        case_id: i64,
    },
    EditPayment {
        payment_id: i64,
    },
    /// The IC3 form's fields for the payment's transaction type.
    PaymentDetails {
        payment_id: i64,
    },
    MarkNote {
        case_id: i64,
        code: String,
    },
    /// The note on an organisation control.
    ControlNote {
        code: String,
    },
    LinkEvidence {
        code: String,
    },
    AddNote {
        case_id: i64,
    },
    EditNote {
        note_id: i64,
    },
    /// Voiding (`restore` false) or restoring a record.
    Void {
        what: crate::store::void::Voidable,
        id: i64,
        restore: bool,
    },
    /// Archiving (`restore` false) or unarchiving a case.
    Archive {
        case_id: i64,
        restore: bool,
    },
    AddEvidence {
        case_id: i64,
    },
    RelocateEvidence {
        evidence_id: i64,
    },
    ChangeStatus {
        case_id: i64,
    },
    DecideSuggestion {
        case_id: i64,
        code: String,
        decision: crate::workspace::Decision,
    },
    Export {
        case_id: i64,
        redact: bool,
    },
    Answers {
        case_id: i64,
    },
}

pub struct Field {
    pub label: &'static str,
    /// Allowed words, or a format, shown under the field.
    pub hint: String,
    pub input: TextArea<'static>,
    pub multiline: bool,
    /// Tab completes a file path.
    pub path: bool,
}

impl Field {
    pub fn line(label: &'static str, hint: impl Into<String>, value: &str) -> Field {
        let mut input = TextArea::new(vec![value.to_string()]);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        Field { label, hint: hint.into(), input, multiline: false, path: false }
    }

    pub fn text(label: &'static str, hint: impl Into<String>, value: &str) -> Field {
        let lines: Vec<String> =
            if value.is_empty() { vec![String::new()] } else { value.lines().map(str::to_string).collect() };
        let mut input = TextArea::new(lines);
        input.move_cursor(ratatui_textarea::CursorMove::Bottom);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        Field { label, hint: hint.into(), input, multiline: true, path: false }
    }

    pub fn path(label: &'static str, hint: impl Into<String>) -> Field {
        Field { path: true, ..Field::line(label, hint, "") }
    }

    pub fn value(&self) -> String {
        self.input.lines().join("\n")
    }

    fn set(&mut self, value: &str) {
        self.input = TextArea::new(vec![value.to_string()]);
        self.input.move_cursor(ratatui_textarea::CursorMove::End);
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
        let (max_total, max_line) =
            if self.multiline { (crate::workspace::MAX_NOTE, MAX_NOTE_LINE) } else { (MAX_LINE, MAX_LINE) };
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

pub struct Form {
    pub title: String,
    pub purpose: Purpose,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
}

/// What a key did to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    Handled,
    Submit,
    Cancel,
}

impl Form {
    pub fn new(title: impl Into<String>, purpose: Purpose, fields: Vec<Field>) -> Form {
        Form { title: title.into(), purpose, fields, focus: 0, error: None }
    }

    pub fn value(&self, i: usize) -> String {
        self.fields.get(i).map(Field::value).unwrap_or_default()
    }

    /// Enter moves to the next single-line field, or submits on the last; Ctrl-S submits from
    /// anywhere; Enter in a multi-line field is a new line; Tab moves on or completes a path.
    pub fn key(&mut self, key: KeyEvent) -> FormEvent {
        let last = self.fields.len().saturating_sub(1);
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let field = &mut self.fields[self.focus];
        match key.code {
            KeyCode::Esc => return FormEvent::Cancel,
            KeyCode::Char('s') if ctrl => return FormEvent::Submit,
            KeyCode::Enter if !field.multiline => {
                if self.focus == last {
                    return FormEvent::Submit;
                }
                self.focus += 1;
            }
            KeyCode::Tab if field.path => {
                let (completed, choices) = complete_path(&field.value());
                field.set(&completed);
                field.hint = if choices.len() > 1 { choices.join("  ") } else { String::new() };
            }
            KeyCode::Tab => self.focus = if self.focus == last { 0 } else { self.focus + 1 },
            KeyCode::BackTab => self.focus = if self.focus == 0 { last } else { self.focus - 1 },
            _ => {
                let typed = match key.code {
                    KeyCode::Char(c) if !ctrl => c.to_string(),
                    KeyCode::Enter => "\n".to_string(),
                    _ => String::new(),
                };
                match field.room_for(&typed) {
                    Ok(()) => {
                        field.input.input(key);
                    }
                    Err(why) => self.error = Some(why),
                }
            }
        }
        FormEvent::Handled
    }

    /// Pasted text goes into the focused field; a single-line field takes it as one line. A paste that
    /// does not fit is refused whole, with the reason, so nothing is cut silently.
    pub fn paste(&mut self, text: &str) {
        let field = &mut self.fields[self.focus];
        let mut text: String = text.replace("\r\n", "\n").replace('\r', "\n");
        if !field.multiline {
            text = text.replace('\n', " ");
        }
        match field.room_for(&text) {
            Ok(()) => {
                field.input.insert_str(&text);
                self.error = None;
            }
            Err(why) => self.error = Some(format!("paste refused: {why}")),
        }
    }
}

/// Completes `input` as a file path: to the one match, or to the longest common start of several,
/// which are returned for display (at most 20).
pub fn complete_path(input: &str) -> (String, Vec<String>) {
    let expanded = match input.strip_prefix("~/") {
        Some(rest) => std::env::var("HOME").map(|h| format!("{h}/{rest}")).unwrap_or_else(|_| input.to_string()),
        None => input.to_string(),
    };
    let (dir, prefix) = match expanded.rfind('/') {
        Some(i) => (&expanded[..=i], &expanded[i + 1..]),
        None => ("", expanded.as_str()),
    };
    let read_from = if dir.is_empty() { Path::new(".") } else { Path::new(dir) };
    let Ok(entries) = std::fs::read_dir(read_from) else { return (input.to_string(), Vec::new()) };
    let mut matches: Vec<(String, bool)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
            (name.starts_with(prefix) && (prefix.starts_with('.') || !name.starts_with('.'))).then_some((name, is_dir))
        })
        .collect();
    matches.sort();
    match matches.as_slice() {
        [] => (input.to_string(), Vec::new()),
        [(name, is_dir)] => (format!("{dir}{name}{}", if *is_dir { "/" } else { "" }), Vec::new()),
        many => {
            let first = &many[0].0;
            let common = many.iter().fold(first.len(), |n, (m, _)| {
                first
                    .chars()
                    .zip(m.chars())
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| a.len_utf8())
                    .sum::<usize>()
                    .min(n)
            });
            let shown = many.iter().take(20).map(|(m, d)| format!("{m}{}", if *d { "/" } else { "" })).collect();
            (format!("{dir}{}", &first[..common]), shown)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_completion_completes_one_match_and_the_common_start_of_several() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("interview-1.mp4"), b"").unwrap();
        std::fs::write(dir.path().join("interview-2.mp4"), b"").unwrap();
        std::fs::create_dir(dir.path().join("résumés")).unwrap();
        let base = format!("{}/", dir.path().display());
        let (done, choices) = complete_path(&format!("{base}ré"));
        assert_eq!(done, format!("{base}résumés/"));
        assert!(choices.is_empty());
        let (done, choices) = complete_path(&format!("{base}int"));
        assert_eq!(done, format!("{base}interview-"));
        assert_eq!(choices, ["interview-1.mp4", "interview-2.mp4"]);
        assert_eq!(complete_path("/no/such/dir/x").0, "/no/such/dir/x");
    }

    #[test]
    fn enter_walks_single_line_fields_then_submits_and_pastes_stay_on_one_line() {
        let mut form = Form::new("t", Purpose::NewCase, vec![Field::line("A", "", ""), Field::line("B", "", "")]);
        form.paste("two\nlines");
        assert_eq!(form.value(0), "two lines");
        assert_eq!(form.key(KeyEvent::from(KeyCode::Enter)), FormEvent::Handled);
        assert_eq!(form.focus, 1);
        assert_eq!(form.key(KeyEvent::from(KeyCode::Enter)), FormEvent::Submit);
    }

    #[test]
    fn oversize_pastes_are_refused_whole_with_a_reason() {
        let mut form = Form::new("t", Purpose::Search, vec![Field::line("Words", "", "abc")]);
        form.paste(&"x".repeat(1 << 20));
        assert_eq!(form.value(0), "abc", "nothing half-pasted");
        assert!(form.error.as_deref().unwrap_or_default().contains("at most"));

        let mut note = Form::new("t", Purpose::Search, vec![Field::text("Note", "", "")]);
        note.paste(&"y".repeat(MAX_NOTE_LINE + 1));
        assert_eq!(note.value(0), "");
        let megabyte = "a line of pasted interview transcript, sixty-odd characters.\n".repeat(16_000);
        note.paste(&megabyte);
        assert_eq!(note.value(0).len(), megabyte.len());
    }
}
