//! Known-bad values for peers: the identifiers of chosen cases written as a reference-list file, the
//! plain format `vetdesk list import` reads (one value per line, a tab, a label; `#` comment lines).

use crate::domain::link::ListKind;
use crate::domain::{CaseStatus, Disposition};
use crate::store::cases::{ArchivedCases, CaseQuery};
use crate::{Result, Workspace};

/// What a list of values from cases not all closed as confirmed says of itself.
pub const NOT_ONLY_CONFIRMED: &str = "Not only cases closed as confirmed: each value is what its case recorded, \
     not a finding that it is bad (choose --disposition confirmed for those)";

/// Which cases' identifiers go into the list.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Cases in any of these statuses; empty: any status.
    pub statuses: Vec<CaseStatus>,
    pub disposition: Option<Disposition>,
}

impl Selection {
    /// The cases chosen, in words: "cases of any status and any disposition", "closed or reported cases
    /// closed as confirmed".
    pub fn describe(&self) -> String {
        let statuses = match self.statuses.as_slice() {
            [] => "cases of any status".to_string(),
            some => format!("{} cases", some.iter().map(ToString::to_string).collect::<Vec<_>>().join(" or ")),
        };
        match self.disposition {
            Some(d) => format!("{statuses} with disposition {d}"),
            None => format!("{statuses} and any disposition"),
        }
    }

    /// Whether only cases closed as confirmed are chosen: only then is every value a finding.
    pub fn confirmed_only(&self) -> bool {
        self.disposition == Some(Disposition::Confirmed)
    }
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListFile {
    pub text: String,
    pub cases: usize,
    pub entries: usize,
}

/// The identifiers of the kind `kind` is matched against, from every case `selection` picks (archived
/// ones too: a closed, archived case is exactly what peers want), one per line with its case as the
/// label. Each value appears once, under the first case holding it.
pub fn build(ws: &Workspace, kind: ListKind, selection: &Selection) -> Result<ListFile> {
    let ident = kind.identifier_kind();
    let query = CaseQuery { archived: ArchivedCases::Included, limit: u32::MAX, ..CaseQuery::default() };
    let mut rows = ws.cases(&query)?;
    rows.sort_by_key(|c| c.row.id);
    let mut seen = std::collections::BTreeSet::new();
    let mut lines = Vec::new();
    let mut contributing = Vec::new();
    for row in rows {
        if !selection.statuses.is_empty() && !selection.statuses.contains(&row.row.status) {
            continue;
        }
        let case = ws.case(row.row.id)?;
        if selection.disposition.is_some() && case.disposition != selection.disposition {
            continue;
        }
        let mut any = false;
        // A reference is not under suspicion: their values are never offered as known-bad.
        let references: Vec<i64> =
            ws.subjects(case.id)?.iter().filter(|s| s.role == crate::domain::Role::Reference).map(|s| s.id).collect();
        for i in ws.identifiers(case.id)? {
            let of_reference = i.subject_id.is_some_and(|id| references.contains(&id));
            if i.kind != ident
                || i.void.is_some()
                || i.warning.is_some()
                // An address any network may use flags no one on a peer's list (`list import` skips it).
                || ident.ties_nothing(&i.normalized).is_some()
                || of_reference
                || !seen.insert(i.normalized.clone())
            {
                continue;
            }
            // The normalized value when it reads back as itself under any workspace's rules (a phone in
            // E.164 does; a local number needs the default country), else the value as typed. A value
            // is one line: line breaks and tabs would split it, and `#` would make it a comment.
            let portable =
                ident.check(&i.normalized).is_ok_and(|c| c.normalized == i.normalized && c.warning.is_none());
            let value =
                if portable { i.normalized.clone() } else { i.raw.split_whitespace().collect::<Vec<_>>().join(" ") };
            if value.starts_with('#') || value.is_empty() {
                continue;
            }
            let label = match case.disposition {
                Some(d) => format!("vetdesk case #{} ({}, {d})", case.id, case.status),
                None => format!("vetdesk case #{} ({})", case.id, case.status),
            };
            lines.push(format!("{value}\t{label}"));
            any = true;
        }
        if any {
            contributing.push(case.id);
        }
    }
    // Values handed to peers name a person: none may come from a record edited behind vetdesk's back (or
    // a match key that does not follow from it), as a bundle or MISP export would not. The chain is
    // walked once, with the first case; every other case's own records are checked against their seals.
    if let Some((first, rest)) = contributing.split_first() {
        super::leaves_as_recorded(*first, &crate::report::check_record(ws, *first, &mut |_, _| {})?)?;
        for &id in rest {
            if ws.check_case_unaltered(id)?.is_none() {
                super::leaves_as_recorded(id, &crate::report::check_record(ws, id, &mut |_, _| {})?)?;
            }
        }
    }
    let cases = contributing.len();
    let s = |n: usize| if n == 1 { "" } else { "s" };
    let mut text = format!(
        "# vetdesk reference list: {kind} ({})\n# {} value{} from {cases} case{} ({}), written {}\n",
        kind.describe(),
        lines.len(),
        s(lines.len()),
        s(cases),
        selection.describe(),
        ws.now(),
    );
    if !selection.confirmed_only() {
        text.push_str(&format!("# {NOT_ONLY_CONFIRMED}\n"));
    }
    text.push_str(&format!("# Import with: vetdesk list import {kind} FILE\n"));
    for line in &lines {
        text.push_str(line);
        text.push('\n');
    }
    Ok(ListFile { text, cases, entries: lines.len() })
}
