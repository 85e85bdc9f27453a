//! Decisions on suggested checklist items: accepting or dismissing a suggestion, and withdrawing a
//! decision made by mistake.

use serde::Serialize;
use serde_json::json;

use super::Workspace;
use super::suggest::{Decision, Suggestion};
use crate::domain::link::Link;
use crate::domain::{Mark, MarkState};
use crate::store::{marks, suggestions};
use crate::{Error, Result};

/// A decision withdrawn: what it was, on which reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WithdrawnDecision {
    /// What the reason rests on (a link's value, a list, a roster hit), as the decision recorded it.
    pub basis: String,
    /// `accepted` or `dismissed`.
    pub decision: String,
    /// The words recorded with the decision.
    pub reason: String,
}

/// What withdrawing the decisions on an item did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Withdrawn {
    pub code: String,
    pub decisions: Vec<WithdrawnDecision>,
    /// The item's state after the withdrawal: put back as it was before an accept (the workstation's undo),
    /// or as it already was. A flagged item is not suggested, whatever its reasons.
    pub item: MarkState,
    /// Whether the withdrawal put the item's state and note back (the workstation's undo of an accept).
    pub restored: bool,
}

impl Workspace {
    /// Accepts or dismisses the open suggestion of `code` for a case, with every reason behind it. Accepting
    /// flags the item (its note says why, after any note it had); both decisions are remembered and
    /// audited, so the same reasons do not come back unless the decision is withdrawn.
    pub fn decide_suggestion(&mut self, case_id: i64, code: &str, decision: Decision, why: &str) -> Result<Suggestion> {
        self.checked_write(|ws| {
            let catalog = ws.case_catalog(case_id)?;
            let item = catalog.resolve(code)?;
            let links = ws.links(case_id)?;
            let Some(s) = ws.suggestions_from(case_id, &links)?.into_iter().find(|s| s.code == item.code) else {
                return Err(Error::invalid(format!("case #{case_id} has no open suggestion for {}", item.code)));
            };
            let behind: Vec<Link> = links.into_iter().filter(|l| l.suggests() == Some(s.code.as_str())).collect();
            ws.check_links_unaltered(case_id, &behind)?;
            let why = why.trim().to_string();
            super::corrections::check_reason(&why)?;
            let actor = ws.actor().to_string();
            let old = marks::get(ws.store().conn(), case_id, &item.code)?;
            let action = match decision {
                Decision::Accept => "suggestion.accept",
                Decision::Dismiss => "suggestion.dismiss",
            };
            let word = match decision {
                Decision::Accept => "accepted",
                Decision::Dismiss => "dismissed",
            };
            let out = s.clone();
            ws.change(action, Some(case_id), |tx, now| {
                // A reason decided before and withdrawn: the new decision takes its row over, so this audit row
                // keeps what it replaces (the withdrawal's own row says the same).
                let bases: Vec<&str> = s.reasons.iter().map(|r| r.basis.as_str()).collect();
                let replaced: Vec<serde_json::Value> = suggestions::withdrawn(tx, case_id, &s.code)?
                    .into_iter()
                    .filter(|w| w["basis"].as_str().is_some_and(|b| bases.contains(&b)))
                    .collect();
                for r in &s.reasons {
                    suggestions::insert(tx, case_id, &s.code, &r.basis, word, &why, &actor, now)?;
                }
                let mut details = json!({
                    "code": s.code,
                    "reasons": s.reasons.iter().map(|r| json!({ "basis": r.basis, "text": r.text })).collect::<Vec<_>>(),
                    "why": why,
                });
                if !replaced.is_empty() {
                    details["replaces_withdrawn"] = json!(replaced);
                }
                if decision == Decision::Accept {
                    let said = s.reasons.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join("; ");
                    let mut note = old.as_ref().map(|m| m.note.clone()).unwrap_or_default();
                    if !note.is_empty() {
                        note.push('\n');
                    }
                    note.push_str(&format!("Suggested by vetdesk: {said}"));
                    if !why.is_empty() {
                        note.push_str(&format!(" ({why})"));
                    }
                    let mark = Mark {
                        code: s.code.clone(),
                        state: MarkState::Flagged,
                        note,
                        marked_by: actor.clone(),
                        marked_at: now.to_string(),
                    };
                    let a = super::checklist::put_mark(catalog, tx, case_id, &mark)?;
                    details["from"] = json!(old.as_ref().map_or(MarkState::Open, |m| m.state));
                    details["score"] = json!(a.score);
                }
                Ok(((), details))
            })?;
            Ok(out)
        })
    }

    /// Withdraws the decisions in force on item `code` of a case, with `why`: their rows stay, marked
    /// withdrawn, and the reasons behind them count as undecided again, so the suggestion comes back while
    /// the case's links still point to it and the item is not flagged. With `mark`, the item's state and
    /// note are put back in the same change: undoing an accept in the workstation. Without, the item is
    /// left as it is (an accepted suggestion flagged it: `check set` changes that).
    pub fn withdraw_suggestion(
        &mut self,
        case_id: i64,
        code: &str,
        why: &str,
        mark: Option<(MarkState, String)>,
    ) -> Result<Withdrawn> {
        self.checked_write(|ws| {
            let why = why.trim().to_string();
            if why.is_empty() {
                return Err(Error::refused(
                    format!("say why the decision on {code} is withdrawn"),
                    crate::error::Remedy::Reason,
                ));
            }
            super::corrections::check_reason(&why)?;
            let catalog = ws.case_catalog(case_id)?;
            let code = catalog.resolve(code)?.code.clone();
            if !suggestions::of_case(ws.store().conn(), case_id)?.iter().any(|(c, _, _)| *c == code) {
                return Err(Error::invalid(format!("case #{case_id} has no decision in force on {code}")));
            }
            let actor = ws.actor().to_string();
            let mut out = Withdrawn {
                code: code.clone(),
                decisions: Vec::new(),
                item: MarkState::Open,
                restored: mark.is_some(),
            };
            ws.change("suggestion.withdraw", Some(case_id), |tx, now| {
                let withdrawn = suggestions::withdraw(tx, case_id, &code, &actor, now, &why)?;
                out.decisions = withdrawn
                    .into_iter()
                    .map(|(basis, decision, reason)| WithdrawnDecision { basis, decision, reason })
                    .collect();
                let mut details = json!({ "code": code, "withdrawn": out.decisions, "why": why });
                let from = marks::get(tx, case_id, &code)?.map_or(MarkState::Open, |m| m.state);
                out.item = from;
                if let Some((state, note)) = &mark {
                    out.item = *state;
                    let put = Mark {
                        code: code.clone(),
                        state: *state,
                        note: note.clone(),
                        marked_by: actor.clone(),
                        marked_at: now.to_string(),
                    };
                    let a = super::checklist::put_mark(catalog, tx, case_id, &put)?;
                    details["from"] = json!(from);
                    details["to"] = json!(state);
                    details["score"] = json!(a.score);
                }
                Ok(((), details))
            })?;
            Ok(out)
        })
    }
}
