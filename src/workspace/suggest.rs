//! The checklist items a case's links, list matches, failed checks and roster hit point to, and what the
//! investigator decides about them.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::Workspace;
use crate::Result;
use crate::domain::link::{self, Counterpart, Link, Source, Strength};
use crate::domain::{IdentifierKind, MarkState, Role};
use crate::store::links as lookups;
use crate::store::{marks, suggestions};

/// A checklist item vetdesk proposes for a case, with everything that prompted it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub code: String,
    pub title: String,
    pub reasons: Vec<SuggestionReason>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SuggestionReason {
    /// Stable name of what prompted it, under which the decision is stored.
    pub basis: String,
    pub text: String,
}

/// What the investigator decides about a suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Flag the item (its note records why) and remember the decision.
    Accept,
    /// Leave the item as it is and remember the decision.
    Dismiss,
}

/// Whether a reason's text ("phone … also in case #2, #5") already names case `id`.
fn names_case(text: &str, id: i64) -> bool {
    let tag = format!("#{id}");
    text.match_indices(&tag).any(|(at, _)| !text[at + tag.len()..].starts_with(|c: char| c.is_ascii_digit()))
}

impl Workspace {
    /// Checklist items the case's links, list matches and failed checks point to, not yet flagged and
    /// not yet decided on. In catalog order.
    pub fn suggestions(&self, case_id: i64) -> Result<Vec<Suggestion>> {
        let links = self.links(case_id)?;
        self.suggestions_from(case_id, &links)
    }

    /// [`Self::suggestions`] from links already worked out.
    pub fn suggestions_from(&self, case_id: i64, links: &[Link]) -> Result<Vec<Suggestion>> {
        let conn = self.store().conn();
        let identifiers = crate::store::identifiers::of_case(conn, case_id)?;
        let whose = others_values(conn, case_id, &identifiers)?;
        // A value only subjects other than a candidate hold in this case says whose it is: a reference's
        // phone shared is not the applicant's. Held by the candidate too (or by no subject): `None`.
        let mut held: HashMap<(&str, &str), Option<Vec<Role>>> = HashMap::new();
        for l in links {
            let entry = held.entry((l.group.as_str(), l.key.as_str())).or_insert_with(|| Some(Vec::new()));
            match (entry.as_mut(), whose.get(&(l.this.source, l.this.id))) {
                (Some(roles), Some(role)) if !roles.contains(role) => roles.push(*role),
                (Some(_), Some(_)) => {}
                _ => *entry = None,
            }
        }
        let mut reasons: BTreeMap<&'static str, Vec<SuggestionReason>> = BTreeMap::new();
        for l in links {
            let Some(code) = l.suggests() else { continue };
            let of = match held.get(&(l.group.as_str(), l.key.as_str())) {
                Some(Some(roles)) => {
                    format!(", {},", roles.iter().map(|r| format!("a {r}'s")).collect::<Vec<_>>().join(" and "))
                }
                _ => String::new(),
            };
            // Whose it is on the other side, when not a candidate's: a reference's phone in another case is
            // not an applicant's.
            let theirs = match &l.other {
                Counterpart::Case { held, .. } => lookups::holder_role(conn, held.source, held.id)?
                    .map(|role| format!(" (a {role}'s there)"))
                    .unwrap_or_default(),
                Counterpart::List { .. } => String::new(),
            };
            let with = match &l.other {
                Counterpart::Case { held, .. } => format!("case #{}{theirs}", held.case_id),
                Counterpart::List { name, .. } => format!("list {name:?}"),
            };
            let text = match l.strength {
                Strength::Similar => format!("{}{of} — {} in {with}", l.this.raw, l.reason),
                Strength::Listed => format!("{} {}{of} {}", l.this.kind, l.this.raw, l.reason),
                _ => format!("{} {}{of} also in {with}", l.this.kind, l.this.raw),
            };
            let entry = reasons.entry(code).or_default();
            let basis = l.basis();
            match entry.iter_mut().find(|r| r.basis == basis) {
                // One more case holding the value is named once, however many of its records hold it.
                Some(r) if l.strength == Strength::Strong => {
                    if let Some(id) = l.other_case()
                        && !names_case(&r.text, id)
                    {
                        r.text.push_str(&format!(", #{id}{theirs}"));
                    }
                }
                Some(_) => {}
                None => entry.push(SuggestionReason { basis, text }),
            }
        }
        for i in identifiers.iter().filter(|i| i.void.is_none()) {
            let routing_fails = match (i.kind, &i.warning) {
                (IdentifierKind::RoutingNumber, Some(_)) => true,
                (IdentifierKind::BankAccount, Some(w)) => w.contains("routing"),
                _ => false,
            };
            if let (true, Some(w)) = (routing_fails, &i.warning) {
                reasons.entry(link::BAD_ROUTING_SUGGESTS).or_default().push(SuggestionReason {
                    basis: format!("check:identifier:{}", i.id),
                    text: format!("{} {} was recorded although {w}", i.kind, i.raw),
                });
            }
        }
        if let Some((hit, reason, codes)) = crate::store::roster::case_hit(conn, case_id)? {
            let catalog = self.case_catalog(case_id)?;
            for code in codes {
                if let Some(item) = catalog.items.iter().find(|i| i.code == code) {
                    let basis = format!("roster:{hit}");
                    let text = format!("roster hit {hit}: {reason}");
                    reasons.entry(item.code.as_str()).or_default().push(SuggestionReason { basis, text });
                }
            }
        }
        let decided: HashSet<(String, String)> =
            suggestions::of_case(conn, case_id)?.into_iter().map(|(code, basis, _)| (code, basis)).collect();
        let flagged: HashSet<String> = marks::states(conn, case_id)?
            .into_iter()
            .filter(|(_, s)| *s == MarkState::Flagged)
            .map(|(code, _)| code)
            .collect();
        let mut out = Vec::new();
        for item in &self.case_catalog(case_id)?.items {
            let Some(mut rs) = reasons.remove(item.code.as_str()) else { continue };
            if flagged.contains(&item.code) {
                continue;
            }
            rs.retain(|r| !decided.contains(&(item.code.clone(), r.basis.clone())));
            if !rs.is_empty() {
                out.push(Suggestion { code: item.code.clone(), title: item.title.clone(), reasons: rs });
            }
        }
        Ok(out)
    }
}

/// The role of the subject each identifier and payment of case `case_id` belongs to, for those of a
/// subject other than a candidate (a facilitator, vendor or reference).
fn others_values(
    conn: &rusqlite::Connection,
    case_id: i64,
    identifiers: &[crate::domain::Identifier],
) -> Result<HashMap<(Source, i64), Role>> {
    let roles: HashMap<i64, Role> = crate::store::subjects::of_case(conn, case_id)?
        .into_iter()
        .filter(|s| s.role != Role::Candidate)
        .map(|s| (s.id, s.role))
        .collect();
    let mut out = HashMap::new();
    for i in identifiers {
        if let Some(role) = i.subject_id.and_then(|s| roles.get(&s)) {
            out.insert((Source::Identifier, i.id), *role);
        }
    }
    for p in crate::store::payments::of_case(conn, case_id)? {
        if let Some(role) = p.subject_id.and_then(|s| roles.get(&s)) {
            out.insert((Source::Payment, p.id), *role);
        }
    }
    Ok(out)
}
