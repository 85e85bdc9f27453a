//! Matches an accepted suggestion wrote into an item's note, and whether the record still shows them: a note
//! quotes the match as it was when accepted, and the summary says after it when a value it rested on was
//! voided or corrected since.

use std::collections::BTreeSet;

use super::load::{CaseData, Text};
use crate::domain::link::Link;
use crate::{Result, Workspace};

/// Said after an item's note that quotes a match the record no longer shows.
pub(crate) const STALE_MATCH: &str = "(The complainant's records no longer show all of what this note names: a \
     record it rested on was voided or corrected after it was accepted.)";

/// The items of case `case_id` flagged by an accepted suggestion one of whose matches the record no longer
/// shows (a note quoting two matches, one voided since, would still assert both): a link it rested on is gone from `links` (the value voided or corrected in either case), or the
/// failed check it named no longer fails (the identifier voided or corrected). A roster hit is not judged here.
pub(super) fn stale(ws: &Workspace, case_id: i64, links: &[Link]) -> Result<BTreeSet<String>> {
    let conn = ws.store().conn();
    let live: BTreeSet<String> = links.iter().map(Link::basis).collect();
    let failing: BTreeSet<String> = crate::store::identifiers::of_case(conn, case_id)?
        .iter()
        .filter(|i| i.void.is_none() && i.warning.is_some())
        .map(|i| format!("check:identifier:{}", i.id))
        .collect();
    let mut archived: Option<BTreeSet<String>> = None;
    let mut gone: BTreeSet<String> = BTreeSet::new();
    for (code, basis, decision) in crate::store::suggestions::of_case(conn, case_id)? {
        if decision != "accepted" || basis.starts_with("roster:") {
            continue;
        }
        let shown = if basis.starts_with("check:") {
            failing.contains(&basis)
        } else if live.contains(&basis) {
            true
        } else {
            // A case archived since still holds the value: its match is shelved, not gone.
            let with_archived = match &archived {
                Some(bases) => bases,
                None => archived.insert(ws.links_with(case_id, true)?.iter().map(Link::basis).collect()),
            };
            with_archived.contains(&basis)
        };
        if !shown {
            gone.insert(code);
        }
    }
    Ok(gone)
}

impl CaseData {
    /// An item's note as the summary quotes it ([`Self::as_written`]), followed by [`STALE_MATCH`] when
    /// it quotes a match the record no longer shows.
    pub(super) fn mark_note(&self, code: &str) -> Option<String> {
        let entry = self.checklist.iter().find(|e| e.item.code == code)?;
        let mut note = self.as_written(&entry.note, Text::Mark(code));
        if self.stale_matches.contains(code) && entry.note.contains("Suggested by vetdesk: ") {
            note.push(' ');
            note.push_str(STALE_MATCH);
        }
        Some(note)
    }
}
