//! Paging the case list: pages found by keyset seeks (see [`crate::store::case_page`]) and a row count
//! kept until the workspace changes, so that moving through a million cases never recounts them.

use std::sync::Mutex;

use super::{CaseSummary, Workspace};
use crate::Result;
use crate::store::case_page::{self, CaseKey};
use crate::store::cases::{self, CaseQuery};

/// Counts by filter, each with the version of the workspace it was taken at: `PRAGMA data_version` (which
/// moves when another connection commits) and this connection's total of changed rows (which moves with
/// its own writes).
#[derive(Debug, Default)]
pub struct CountCache(Mutex<Vec<Counted>>);

/// A filter, the workspace version it was counted at, and its count.
type Counted = (CaseQuery, (i64, u64), u64);

/// The part of a query a count depends on: the filter, not the order or the page.
fn filter_of(q: &CaseQuery) -> CaseQuery {
    CaseQuery {
        status: q.status,
        priority: q.priority,
        hide_closed: q.hide_closed,
        archived: q.archived,
        ..CaseQuery::default()
    }
}

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

    /// How many cases the query's filter keeps. Counted once per filter until the workspace changes (here
    /// or in another process); a count over the filter's index when it did.
    pub fn count_cases(&self, query: &CaseQuery) -> Result<u64> {
        let version = (self.data_version()?, self.store.conn().total_changes());
        let key = filter_of(query);
        let mut cache = self.case_counts.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, _, n)) = cache.iter().find(|(k, v, _)| *k == key && *v == version) {
            return Ok(*n);
        }
        let n = cases::count(self.store.conn(), query)?;
        cache.retain(|(_, v, _)| *v == version);
        cache.push((key, version, n));
        Ok(n)
    }

    /// How many cases the query's filter keeps, counted now over its index: what one CLI run pays.
    pub fn count_cases_now(&self, query: &CaseQuery) -> Result<u64> {
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
    /// Notes holding every word of `query`, newest first, older than note `before` when given.
    pub fn search_notes_page(
        &self,
        query: &str,
        before: Option<i64>,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<crate::domain::Note>> {
        crate::store::notes::search_page(self.store.conn(), query, before, limit, offset)
    }

    /// How many notes matching `query` are older than note `before`, up to [`MORE_CAP`].
    pub fn count_notes_older(&self, query: &str, before: i64) -> Result<u64> {
        crate::store::notes::count_older(self.store.conn(), query, before, MORE_CAP)
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

/// How many more, as the CLI says it: the count, or "1000+" when it reached [`MORE_CAP`].
pub fn more_text(more: u64) -> String {
    if more >= u64::from(MORE_CAP) { format!("{MORE_CAP}+") } else { more.to_string() }
}
