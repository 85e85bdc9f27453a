//! The IC3 form's per-case answers (see [`AnswerField`]).

use serde_json::json;

use super::Workspace;
use crate::domain::{Answer, AnswerField, Answers};
use crate::store::{answers, cases};
use crate::{Error, Result};

impl Workspace {
    /// The case's answers to the form's questions; a question with no entry is unanswered.
    pub fn answers(&self, case_id: i64) -> Result<Answers> {
        cases::exists(self.store().conn(), case_id)?;
        answers::of_case(self.store().conn(), case_id)
    }

    /// Answers one question (an empty value, or `unset` for a yes/no question, clears it). Returns the
    /// value stored, `None` when cleared.
    pub fn set_answer(&mut self, case_id: i64, field: AnswerField, value: &str) -> Result<Option<String>> {
        self.set_answers(case_id, &[(field, value.to_string())])?;
        Ok(self.answers(case_id)?.get(field).map(|a| a.value.clone()))
    }

    /// Answers several questions in one audited change; every value is checked before anything is
    /// written. Questions whose answer would not change are left alone; if none would, that is an error.
    /// Returns the questions changed.
    pub fn set_answers(&mut self, case_id: i64, values: &[(AnswerField, String)]) -> Result<Vec<AnswerField>> {
        self.checked_write(|ws| {
            let current = ws.answers(case_id)?;
            let mut changes: Vec<(AnswerField, Option<String>, Option<String>)> = Vec::new();
            for (field, value) in values {
                let new = field.check(value)?;
                let old = current.get(*field).map(|a| a.value.clone());
                if new != old && !changes.iter().any(|(f, ..)| f == field) {
                    changes.push((*field, old, new));
                }
            }
            if changes.is_empty() {
                return Err(Error::invalid(match values {
                    [(field, _)] => format!("case #{case_id} already answers {field} that way"),
                    _ => "nothing to change".to_string(),
                }));
            }
            let actor = ws.actor().to_string();
            ws.change("case.answer", Some(case_id), |tx, now| {
                for (field, _, new) in &changes {
                    match new {
                        Some(value) => {
                            let answer = Answer {
                                field: *field,
                                value: value.clone(),
                                answered_by: actor.clone(),
                                answered_at: now.to_string(),
                            };
                            answers::put(tx, case_id, &answer)?;
                        }
                        None => answers::clear(tx, case_id, *field)?,
                    }
                }
                let details: Vec<_> =
                    changes.iter().map(|(f, from, to)| json!({ "field": f, "from": from, "to": to })).collect();
                Ok((changes.iter().map(|(f, ..)| *f).collect(), json!({ "answers": details })))
            })
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::{Priority, YesNo};
    use crate::workspace::NewCase;

    fn workspace() -> (Workspace, i64) {
        let mut ws = Workspace::open_in_memory("Ana").unwrap();
        let case = ws.create_case(&NewCase { title: "c".into(), priority: Priority::Low, candidate: None }).unwrap();
        (ws, case)
    }

    #[test]
    fn an_answer_is_one_audited_change() {
        let (mut ws, case) = workspace();
        let before = ws.audit_head().unwrap().unwrap().rows;
        assert_eq!(ws.set_answer(case, AnswerField::Affected, "Yes").unwrap().as_deref(), Some("yes"));
        assert_eq!(ws.answers(case).unwrap().yes_no(AnswerField::Affected), Some(YesNo::Yes));
        let log = ws.audit_log(Some(case), 1, 0).unwrap();
        assert_eq!(log[0].action, "case.answer");
        assert_eq!(log[0].details["answers"][0], json!({ "field": "affected", "from": null, "to": "yes" }));
        assert_eq!(ws.audit_head().unwrap().unwrap().rows, before + 1);
        assert!(ws.set_answer(case, AnswerField::Affected, "yes").is_err(), "no change is an error");
        assert_eq!(ws.set_answer(case, AnswerField::Affected, "unset").unwrap(), None);
        assert!(ws.answers(case).unwrap().0.is_empty());
    }

    #[test]
    fn a_bad_value_changes_nothing() {
        let (mut ws, case) = workspace();
        let before = ws.audit_head().unwrap().unwrap().rows;
        let values = [(AnswerField::Signature, "Ana".to_string()), (AnswerField::Update, "perhaps".to_string())];
        assert!(ws.set_answers(case, &values).is_err());
        assert!(ws.answers(case).unwrap().0.is_empty());
        assert_eq!(ws.audit_head().unwrap().unwrap().rows, before);
        assert!(ws.answers(99).is_err());
    }
}
