//! Paging the case list: pages found by keyset seeks (see [`crate::store::case_page`]) and a row count read
//! from the case tally, so that moving through a million cases never counts them.

use super::{CaseSummary, Workspace};
use crate::Result;
use crate::store::case_page::{self, CaseKey};
use crate::store::cases::{self, ArchivedCases, CaseQuery};

impl Workspace {
    /// One page of the case list: after `query.after` (a seek) when set, else from the first row.
    pub fn cases(&self, query: &CaseQuery) -> Result<Vec<CaseSummary>> {
        Ok(cases::list(self.store.conn(), query)?.into_iter().map(|row| self.summary(row)).collect())
    }

    /// The last page of the case list, in list order (a seek from the other end).
    pub fn last_cases(&self, query: &CaseQuery) -> Result<Vec<CaseSummary>> {
        Ok(case_page::last_page(self.store.conn(), query)?.into_iter().map(|row| self.summary(row)).collect())
    }

    /// The page before `key`, in list order.
    pub fn cases_before(&self, query: &CaseQuery, key: &CaseKey) -> Result<Vec<CaseSummary>> {
        Ok(case_page::before(self.store.conn(), query, key)?.into_iter().map(|row| self.summary(row)).collect())
    }

    /// How many cases the query's filter keeps, read from the case tally (a few rows, whatever the number
    /// of cases).
    pub fn count_cases(&self, query: &CaseQuery) -> Result<u64> {
        cases::count(self.store.conn(), query)
    }

    /// Where case `id` stands in the query's list (0 first), if its filter keeps the case. Counts the rows
    /// after it: for following one case a change moved, not for paging.
    pub fn case_position(&self, query: &CaseQuery, id: i64) -> Result<Option<u64>> {
        let conn = self.store.conn();
        let Some(row) = case_page::row_in(conn, query, id)? else { return Ok(None) };
        let after = case_page::count_after(conn, query, &CaseKey::of(&row), u32::MAX)?;
        Ok(Some(cases::count(conn, query)?.saturating_sub(after + 1)))
    }

    /// How many cases of the query's filter come after `key` in its order, up to [`MORE_CAP`].
    pub fn count_cases_after(&self, query: &CaseQuery, key: &CaseKey) -> Result<u64> {
        case_page::count_after(self.store.conn(), query, key, MORE_CAP)
    }
}

/// A count of what comes after a page stops here, so that saying it costs the same however much there is;
/// the CLI prints it as "1000+".
pub const MORE_CAP: u32 = 1000;

impl Workspace {
    /// Notes holding every word of `query`, in the cases `archived` says, newest first, older than note
    /// `before` when given; and, the page full, how many older ones match too, up to [`MORE_CAP`].
    pub fn search_notes_page(
        &self,
        query: &str,
        archived: ArchivedCases,
        before: Option<i64>,
        limit: u32,
        offset: u32,
    ) -> Result<(Vec<crate::domain::Note>, u64)> {
        crate::store::notes::search_page(self.store.conn(), query, archived, before, limit, offset, MORE_CAP)
    }

    /// Why one of the audit rows `ids` (a page `audit log` shows) is not as it was written, if one is not:
    /// see [`crate::store::audit::row_problem`].
    pub fn audit_rows_problem(&self, ids: impl IntoIterator<Item = i64>) -> Result<Option<String>> {
        for id in ids {
            if let Some(why) = crate::store::audit::row_problem(self.store.conn(), id)? {
                return Ok(Some(format!(
                    "{why}. Run `vetdesk audit verify` and restore the workspace from a copy you trust"
                )));
            }
        }
        Ok(None)
    }

    /// A page of the audit trail (of one case, with `case_id`), newest first, before row `before` when given.
    pub fn audit_page(
        &self,
        case_id: Option<i64>,
        before: Option<i64>,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<crate::store::audit::AuditRow>> {
        if let Some(id) = case_id {
            cases::exists(self.store.conn(), id)?;
        }
        crate::store::audit::page(self.store.conn(), case_id, before, limit, offset)
    }

    /// How many audit rows (of one case) come before row `before`, up to [`MORE_CAP`].
    pub fn count_audit_before(&self, case_id: Option<i64>, before: i64) -> Result<u64> {
        crate::store::audit::count_before(self.store.conn(), case_id, before, MORE_CAP)
    }
}

impl CaseSummary {
    /// What a list says of its rows whose title or candidate's name is stored as bytes that are not UTF-8
    /// (shown with U+FFFD in their place; see [`cases::CaseRow::not_utf8`]), if it shows any: the list itself is
    /// not checked against the seals, so it names them here.
    pub fn not_utf8_warning<'a>(rows: impl IntoIterator<Item = &'a CaseSummary>) -> Option<String> {
        let cases: Vec<String> =
            rows.into_iter().filter(|c| c.row.not_utf8).map(|c| format!("#{}", c.row.id)).collect();
        (!cases.is_empty()).then(|| {
            format!(
                "the title or candidate's name of case {} is stored as bytes that are not UTF-8 text, which \
                 vetdesk never writes; those bytes are shown as «\u{FFFD}». The case was changed behind vetdesk's \
                 back or is damaged: run `vetdesk audit verify`",
                cases.join(", ")
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::Workspace;
    use crate::domain::{CaseStatus, Disposition, Priority};
    use crate::store::cases::{CaseQuery, CaseSort};
    use crate::workspace::NewCase;

    #[test]
    fn a_cases_position_is_where_its_list_shows_it_or_none_when_filtered_out() {
        let mut ws = Workspace::open_in_memory("ana").unwrap();
        for n in 1..=12 {
            let new = NewCase { title: format!("Case {n:02}"), priority: Priority::Medium, candidate: None };
            ws.create_case(&new).unwrap();
        }
        ws.set_status(4, CaseStatus::Closed, Some(Disposition::Cleared)).unwrap();
        for sort in [CaseSort::Id, CaseSort::Title, CaseSort::Updated] {
            for descending in [false, true] {
                let q = CaseQuery { sort, descending, hide_closed: true, limit: 100, ..CaseQuery::default() };
                let listed: Vec<i64> = ws.cases(&q).unwrap().iter().map(|c| c.row.id).collect();
                for (at, id) in listed.iter().enumerate() {
                    assert_eq!(ws.case_position(&q, *id).unwrap(), Some(at as u64), "{sort:?} {descending}");
                }
                assert_eq!(ws.case_position(&q, 4).unwrap(), None, "closed, and closed cases are left out");
            }
        }
    }
}
