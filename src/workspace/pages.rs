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
