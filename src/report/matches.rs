//! Matches an accepted suggestion wrote into an item's note, and whether the record still shows them: a note
//! quotes the match as it was when accepted, and the summary says after it when a value it rested on was
//! voided or corrected since.

use std::collections::{BTreeMap, BTreeSet};

use super::load::{CaseData, Text};
use crate::domain::link::Link;
use crate::{Result, Workspace};

/// Said after an item's note that quotes a match the record no longer shows.
pub(crate) const STALE_MATCH: &str = "(The complainant's records no longer show all of what this note names: a \
     record it rested on was voided or corrected after it was accepted.)";

/// The items of case `case_id` flagged by an accepted suggestion one of whose matches the record no longer
/// shows (a note quoting two matches, one voided since, would still assert both): a link it rested on is
/// gone (the value voided or corrected in either case; a case archived since still holds its values), a
/// case the note names no longer holds the value (one of several voided), or the failed check it named no
/// longer fails (the identifier voided or corrected). A roster hit is not judged here. `links` are the case's
/// links the summary already worked out (archived cases left out); those with archived cases are worked out
/// only when a match seems gone without them.
pub(super) fn stale(ws: &Workspace, case_id: i64, links: &[Link]) -> Result<BTreeSet<String>> {
    let conn = ws.store().conn();
    let decided: Vec<(String, String)> = crate::store::suggestions::of_case(conn, case_id)?
        .into_iter()
        .filter(|(_, basis, decision)| decision == "accepted" && !basis.starts_with("roster:"))
        .map(|(code, basis, _)| (code, basis))
        .collect();
    if decided.is_empty() {
        return Ok(BTreeSet::new());
    }
    let failing: BTreeSet<String> = crate::store::identifiers::of_case(conn, case_id)?
        .iter()
        .filter(|i| i.void.is_none() && i.warning.is_some())
        .map(|i| format!("check:identifier:{}", i.id))
        .collect();
    let notes: BTreeMap<String, String> =
        crate::store::marks::of_case(conn, case_id)?.into_iter().map(|m| (m.code, m.note)).collect();
    let mut by_code: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (code, basis) in &decided {
        by_code.entry(code).or_default().push(basis);
    }
    // Whether every match a code's note names is shown by `holders` (which other cases hold each match).
    let shows = |holders: &BTreeMap<String, BTreeSet<i64>>, code: &str, bases: &[&str]| {
        let mut holding = BTreeSet::new();
        let mut all_shown = true;
        for basis in bases {
            if basis.starts_with("check:") {
                all_shown &= failing.contains(*basis);
            } else {
                match holders.get(*basis) {
                    Some(cases) => holding.extend(cases),
                    None => all_shown = false,
                }
            }
        }
        all_shown && notes.get(code).map(|n| named_cases(n)).unwrap_or_default().is_subset(&holding)
    };
    let unarchived = holders(links);
    let mut with_archived = None;
    let mut gone = BTreeSet::new();
    for (code, bases) in by_code {
        if shows(&unarchived, code, &bases) {
            continue;
        }
        // A case archived since still holds its values: its match is shelved, not gone.
        let all = match &with_archived {
            Some(all) => all,
            None => with_archived.insert(holders(&ws.links_with(case_id, true)?)),
        };
        if !shows(all, code, &bases) {
            gone.insert(code.to_string());
        }
    }
    Ok(gone)
}

/// Which other cases hold each match of `links`, by the match's basis.
fn holders(links: &[Link]) -> BTreeMap<String, BTreeSet<i64>> {
    let mut out: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
    for link in links {
        out.entry(link.basis()).or_default().extend(link.other_case());
    }
    out
}

/// The case numbers an accepted suggestion wrote into a note, after "Suggested by vetdesk: ": those of
/// "… also in case #12, #15 (a reference's there)" and "… in case #12". A `#` elsewhere is part of a
/// value as typed (`Acct #1234`) or of a reference list's label (`vetdesk case #3 (open)`, another
/// workspace's numbering), and names no case here.
fn named_cases(note: &str) -> BTreeSet<i64> {
    let number = |text: &str| -> (Option<i64>, usize) {
        let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
        (digits.parse().ok(), digits.len())
    };
    let mut out = BTreeSet::new();
    for part in note.split("Suggested by vetdesk: ").skip(1) {
        for (at, found) in part.match_indices(" in case #") {
            let mut rest = &part[at + found.len()..];
            while let (Some(id), len) = number(rest) {
                out.insert(id);
                rest = &rest[len..];
                // The role of the holder there, when it is not a candidate: " (a reference's there)".
                if rest.starts_with(" (a ")
                    && let Some(end) = rest.find("'s there)")
                {
                    rest = &rest[end + "'s there)".len()..];
                }
                match rest.strip_prefix(", #") {
                    Some(next) => rest = next,
                    None => break,
                }
            }
        }
    }
    out
}

impl CaseData {
    /// An item's note as the summary quotes it ([`Self::as_written`]), followed by [`STALE_MATCH`] when
    /// it quotes a match the record no longer shows.
    pub(super) fn mark_note(&self, code: &str) -> Option<String> {
        let entry = self.checklist.iter().find(|e| e.item.code == code)?;
        let mut note = self.as_written(&entry.note, Text::Mark(code));
        if self.match_gone(code, &entry.note) {
            note.push(' ');
            note.push_str(STALE_MATCH);
        }
        Some(note)
    }

    /// Whether an item's note quotes what the record no longer shows. A note that came with a hand-over
    /// names the sending workspace's records, which this one does not hold: not judged.
    pub(crate) fn match_gone(&self, code: &str, note: &str) -> bool {
        self.stale_matches.contains(code)
            && note.contains("Suggested by vetdesk: ")
            && !self.came_with_handover(Text::Mark(code))
    }
}
