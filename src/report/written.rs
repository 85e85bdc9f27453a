//! Which texts of a case handed over were written (or written again) here after it came, from the
//! case's own audit rows: a summary says which texts came with the hand-over.

use super::load::Text;

/// The texts of a case handed over that were written (or written again) here after it came: an item's
/// note, a payment's note, an answer, the case's own fields.
#[derive(Debug, Default)]
pub(crate) struct WrittenHere {
    marks: std::collections::HashSet<String>,
    payments: std::collections::HashSet<i64>,
    identifiers: std::collections::HashSet<i64>,
    notes: std::collections::HashSet<i64>,
    answers: std::collections::HashSet<String>,
    case: bool,
}

impl WrittenHere {
    pub(super) fn from_changes(changes: &[(String, serde_json::Value)]) -> WrittenHere {
        let mut here = WrittenHere::default();
        for (action, details) in changes {
            match action.as_str() {
                "mark.set" | "suggestion.accept" => {
                    here.marks.extend(details["code"].as_str().map(str::to_string));
                }
                "payment.add" | "payment.edit" => here.payments.extend(details["payment"].as_i64()),
                "identifier.add" | "identifier.edit" => {
                    here.identifiers.extend(details["identifier"].as_i64().or(details["id"].as_i64()));
                }
                "case.answer" => {
                    let fields = details["answers"].as_array().into_iter().flatten().chain(std::iter::once(details));
                    here.answers.extend(fields.filter_map(|a| a["field"].as_str().map(str::to_string)));
                }
                "note.add" | "note.edit" => here.notes.extend(details["note"].as_i64()),
                "case.edit" => here.case = true,
                _ => {}
            }
        }
        here
    }

    /// Whether `which` was written (or written again) here.
    pub(super) fn wrote(&self, which: Text<'_>) -> bool {
        match which {
            Text::Mark(code) => self.marks.contains(code),
            Text::Payment(id) => self.payments.contains(&id),
            Text::Identifier(id) => self.identifiers.contains(&id),
            Text::Note(id) => self.notes.contains(&id),
            Text::Answer(field) => self.answers.contains(field.as_str()),
            Text::Case => self.case,
        }
    }
}
