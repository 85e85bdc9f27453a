//! The IC3 form's answers for a case that no other record holds: its yes/no questions (was the filer
//! affected, are operations impacted, did money go, is this an update…) and the few texts that go with
//! them (the earlier complaint's number, the typed signature, the harm and the containment steps).

use serde::Serialize;

use super::word_enum;
use crate::{Error, Result};

word_enum!(
    /// A question of the form that a case answers.
    AnswerField, "form answer", {
        Affected => "affected",
        BusinessTargeted => "business-targeted",
        OperationsImpacted => "operations-impacted",
        MoneyLost => "money-lost",
        Update => "update",
        PreviousComplaint => "previous-complaint",
        Signature => "signature",
        Harm => "harm",
        Containment => "containment",
        IncludeReferences => "include-references",
    }
);

word_enum!(
    /// An answer to a yes/no question. `unknown` is an answer (the investigator does not know); a
    /// question never answered has no value at all.
    YesNo, "answer", {
        Yes => "yes",
        No => "no",
        Unknown => "unknown",
    }
);

/// Longest text answer accepted, in characters: the harm and containment statements go into the
/// 3,500-character description, so longer text belongs in a note.
pub const MAX_ANSWER_TEXT: usize = 3_500;
/// Longest one-line answer (a complaint number, a typed name).
pub const MAX_ANSWER_LINE: usize = 200;

impl AnswerField {
    /// Whether the question takes yes, no or unknown (the rest take text).
    pub fn is_yes_no(self) -> bool {
        !matches!(
            self,
            AnswerField::PreviousComplaint | AnswerField::Signature | AnswerField::Harm | AnswerField::Containment
        )
    }

    /// Whether the answer is text in the investigator's words (the harm, the containment steps), rather
    /// than a yes/no, a number or a name.
    pub fn is_free_text(self) -> bool {
        matches!(self, AnswerField::Harm | AnswerField::Containment)
    }

    /// The question as the form (or, for vetdesk's own, the summary) asks it.
    pub fn question(self) -> &'static str {
        match self {
            AnswerField::Affected => "Were you the one affected in this incident?",
            AnswerField::BusinessTargeted => "Is this on behalf of a business that was targeted by a Cyber incident?",
            AnswerField::OperationsImpacted => "Is the incident currently impacting business operations?",
            AnswerField::MoneyLost => "Did you send or lose money in the incident?",
            AnswerField::Update => "Is this an update to a previously filed complaint?",
            AnswerField::PreviousComplaint => "Number of the earlier complaint this updates",
            AnswerField::Signature => "Digital signature (typed name)",
            AnswerField::Harm => "How the incident affects operations (for the description)",
            AnswerField::Containment => "Containment steps taken (for the description)",
            AnswerField::IncludeReferences => "Include subjects recorded as references in section 4?",
        }
    }

    /// What the value may be, for help and errors.
    pub fn expects(self) -> &'static str {
        match self {
            f if f.is_yes_no() => "yes, no, unknown, or unset to clear",
            AnswerField::Harm | AnswerField::Containment => "text (empty clears it)",
            _ => "one line of text (empty clears it)",
        }
    }

    /// Checks `value` for this question: `None` clears the answer.
    pub fn check(self, value: &str) -> Result<Option<String>> {
        let v = value.trim();
        if self.is_yes_no() {
            if v.eq_ignore_ascii_case("unset") || v.is_empty() {
                return Ok(None);
            }
            let answer: YesNo = match v.to_ascii_lowercase().as_str() {
                "y" => YesNo::Yes,
                "n" => YesNo::No,
                other => other
                    .parse()
                    .map_err(|_| Error::invalid(format!("{self} takes {}, not {:?}", self.expects(), value.trim())))?,
            };
            return Ok(Some(answer.as_str().to_string()));
        }
        if v.is_empty() {
            return Ok(None);
        }
        if let Some(problem) = crate::text::blank_problem(&self.to_string(), v) {
            return Err(Error::invalid(problem));
        }
        let multiline = matches!(self, AnswerField::Harm | AnswerField::Containment);
        let max = if multiline { MAX_ANSWER_TEXT } else { MAX_ANSWER_LINE };
        if v.chars().count() > max {
            return Err(Error::invalid(format!("{self} takes at most {max} characters")));
        }
        if multiline && let Some(held) = crate::text::control_in_lines(v) {
            return Err(Error::invalid(format!(
                "{self} takes no control characters but line breaks and tabs; this one holds {held}"
            )));
        }
        if !multiline && let Some(problem) = crate::text::one_line_problem(&self.to_string(), v) {
            return Err(Error::invalid(problem));
        }
        Ok(Some(v.to_string()))
    }
}

/// One answered question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    pub field: AnswerField,
    pub value: String,
    pub answered_by: String,
    pub answered_at: String,
}

/// A case's answers; a question with no entry is unanswered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Answers(pub Vec<Answer>);

impl Answers {
    pub fn get(&self, field: AnswerField) -> Option<&Answer> {
        self.0.iter().find(|a| a.field == field)
    }

    /// The yes/no answer to `field`, if answered.
    pub fn yes_no(&self, field: AnswerField) -> Option<YesNo> {
        self.get(field).and_then(|a| a.value.parse().ok())
    }

    /// The text answer to `field`, empty if unanswered.
    pub fn text(&self, field: AnswerField) -> &str {
        self.get(field).map_or("", |a| a.value.as_str())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn yes_no_questions_take_yes_no_unknown_or_unset() {
        let f = AnswerField::Affected;
        assert_eq!(f.check(" YES ").unwrap().as_deref(), Some("yes"));
        assert_eq!(f.check("n").unwrap().as_deref(), Some("no"));
        assert_eq!(f.check("unknown").unwrap().as_deref(), Some("unknown"));
        assert_eq!(f.check("unset").unwrap(), None);
        let err = f.check("maybe").unwrap_err().to_string();
        assert!(err.contains("maybe") && err.contains("yes, no, unknown"), "{err}");
    }

    #[test]
    fn text_questions_take_text_within_bounds() {
        assert_eq!(AnswerField::Signature.check(" Ana Investigator ").unwrap().as_deref(), Some("Ana Investigator"));
        assert_eq!(AnswerField::Signature.check("").unwrap(), None);
        assert!(AnswerField::PreviousComplaint.check("a\nb").is_err());
        assert_eq!(AnswerField::Harm.check("line 1\nline 2").unwrap().as_deref(), Some("line 1\nline 2"));
        assert!(AnswerField::Harm.check(&"x".repeat(MAX_ANSWER_TEXT + 1)).is_err());
    }
}
