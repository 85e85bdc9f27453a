//! Cases: insert, read, edit, and the paged case list.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{opt_word, word};
use crate::domain::{Archive, Case, CaseStatus, Disposition, Priority};
use crate::{Error, Result};

const COLUMNS: &str = "id, title, status, priority, disposition, catalog_version, tags, witnesses, other_reports,
                       risk_score, reviewed_items, created_at, updated_at, closed_at, archived_at, archived_by,
                       archive_reason";

/// The rank SQL sorts priorities by; the same expression backs the `case_priority` index.
const PRIORITY_RANK: &str = "(CASE priority WHEN 'low' THEN 0 WHEN 'medium' THEN 1 WHEN 'high' THEN 2 ELSE 3 END)";

fn case(r: &rusqlite::Row<'_>) -> rusqlite::Result<Case> {
    let tags: String = r.get(6)?;
    Ok(Case {
        id: r.get(0)?,
        title: r.get(1)?,
        status: word(r, 2)?,
        priority: word(r, 3)?,
        disposition: opt_word(r, 4)?,
        catalog_version: r.get(5)?,
        tags: split_tags(&tags),
        witnesses: r.get(7)?,
        other_reports: r.get(8)?,
        risk_score: r.get(9)?,
        reviewed_items: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
        closed_at: r.get(13)?,
        archived: archive(r, 14)?,
    })
}

/// Reads `archived_at, archived_by, archive_reason` from column `idx` on.
fn archive(r: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Option<Archive>> {
    let Some(archived_at) = r.get::<_, Option<String>>(idx)? else { return Ok(None) };
    Ok(Some(Archive {
        archived_at,
        archived_by: r.get::<_, Option<String>>(idx + 1)?.unwrap_or_default(),
        reason: r.get::<_, Option<String>>(idx + 2)?.unwrap_or_default(),
    }))
}

pub fn split_tags(tags: &str) -> Vec<String> {
    tags.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect()
}

/// The number the next case takes (the tables have no `AUTOINCREMENT`: SQLite gives the next after the
/// largest), checked to be new to the chain: case numbers are given in turn and never removed, so one
/// used before means cases were removed behind vetdesk's back (see [`super::seal::check_never_sealed`]).
pub fn next_id(conn: &Connection) -> Result<i64> {
    let id = super::last_id(conn, "\"case\"")? + 1;
    super::seal::check_never_sealed(conn, super::seal::Scope::Case(id))?;
    super::seal::check_unclaimed(conn, super::seal::Scope::Case(id), 0)?;
    Ok(id)
}

/// Inserts a new case under the next number and returns it; refused when that number was a case's
/// before (see [`super::seal::check_never_sealed`]), before anything is written.
pub fn insert(conn: &Connection, title: &str, priority: Priority, catalog_version: &str, now: &str) -> Result<i64> {
    let id = next_id(conn)?;
    conn.prepare_cached(
        "INSERT INTO \"case\" (id, title, priority, catalog_version, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![id, title, priority.as_str(), catalog_version, now])?;
    Ok(id)
}

pub fn get(conn: &Connection, id: i64) -> Result<Case> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM \"case\" WHERE id = ?1"))?
        .query_row([id], case)
        .optional()?
        .ok_or(Error::CaseNotFound(id))
}

pub fn exists(conn: &Connection, id: i64) -> Result<()> {
    let found = conn.prepare_cached("SELECT 1 FROM \"case\" WHERE id = ?1")?.exists([id])?;
    if found { Ok(()) } else { Err(Error::CaseNotFound(id)) }
}

/// The largest case number given so far (0 in an empty workspace).
pub fn last_id(conn: &Connection) -> Result<i64> {
    Ok(conn.prepare_cached("SELECT coalesce(max(id), 0) FROM \"case\"")?.query_row([], |r| r.get(0))?)
}

/// The catalog version a case's checklist follows.
pub fn catalog_version(conn: &Connection, id: i64) -> Result<String> {
    conn.prepare_cached("SELECT catalog_version FROM \"case\" WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or(Error::CaseNotFound(id))
}

/// Moves a case to another catalog version.
pub fn set_catalog_version(conn: &Connection, id: i64, version: &str) -> Result<()> {
    conn.prepare_cached("UPDATE \"case\" SET catalog_version = ?2 WHERE id = ?1")?.execute(params![id, version])?;
    Ok(())
}

/// Every case id with its catalog version, in id order.
pub fn catalog_versions(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached("SELECT id, catalog_version FROM \"case\" ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Marks the case as changed now; every change to anything in a case calls this.
pub fn touch(conn: &Connection, id: i64, now: &str) -> Result<()> {
    let n = conn.prepare_cached("UPDATE \"case\" SET updated_at = ?2 WHERE id = ?1")?.execute(params![id, now])?;
    if n == 0 { Err(Error::CaseNotFound(id)) } else { Ok(()) }
}

/// Writes the editable fields of `c` back.
pub fn update(conn: &Connection, c: &Case) -> Result<()> {
    conn.prepare_cached(
        "UPDATE \"case\" SET title = ?2, status = ?3, priority = ?4, disposition = ?5, tags = ?6, witnesses = ?7,
                other_reports = ?8, updated_at = ?9, closed_at = ?10 WHERE id = ?1",
    )?
    .execute(params![
        c.id,
        c.title,
        c.status.as_str(),
        c.priority.as_str(),
        c.disposition.map(Disposition::as_str),
        c.tags.join(", "),
        c.witnesses,
        c.other_reports,
        c.updated_at,
        c.closed_at,
    ])?;
    Ok(())
}

/// Archives a case (`Some`) or brings it back (`None`).
pub fn set_archive(conn: &Connection, id: i64, archive: Option<&Archive>) -> Result<()> {
    conn.prepare_cached("UPDATE \"case\" SET archived_at = ?2, archived_by = ?3, archive_reason = ?4 WHERE id = ?1")?
        .execute(params![
        id,
        archive.map(|a| &a.archived_at),
        archive.map(|a| &a.archived_by),
        archive.map(|a| &a.reason)
    ])?;
    Ok(())
}

/// The ids of the archived cases (few; read through the `case_archived` index).
pub fn archived_ids(conn: &Connection) -> Result<std::collections::HashSet<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM \"case\" WHERE archived_at IS NOT NULL")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether any case is archived.
pub fn any_archived(conn: &Connection) -> Result<bool> {
    let sql = "SELECT EXISTS (SELECT 1 FROM \"case\" WHERE archived_at IS NOT NULL)";
    Ok(conn.prepare_cached(sql)?.query_row([], |r| r.get(0))?)
}

pub fn set_assessment(conn: &Connection, id: i64, risk_score: u32, reviewed: u32) -> Result<()> {
    conn.prepare_cached("UPDATE \"case\" SET risk_score = ?2, reviewed_items = ?3 WHERE id = ?1")?
        .execute(params![id, risk_score, reviewed])?;
    Ok(())
}

/// How the case list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum CaseSort {
    #[default]
    Updated,
    Id,
    Risk,
    Priority,
    Title,
}

impl CaseSort {
    pub const ALL: &'static [CaseSort] =
        &[CaseSort::Updated, CaseSort::Id, CaseSort::Risk, CaseSort::Priority, CaseSort::Title];

    pub fn label(self) -> &'static str {
        match self {
            CaseSort::Updated => "last change",
            CaseSort::Id => "id",
            CaseSort::Risk => "risk",
            CaseSort::Priority => "priority",
            CaseSort::Title => "title",
        }
    }

    pub(super) fn order_by(self, descending: bool) -> String {
        let dir = if descending { "DESC" } else { "ASC" };
        match self {
            CaseSort::Updated => format!("c.updated_at {dir}, c.id {dir}"),
            CaseSort::Id => format!("c.id {dir}"),
            CaseSort::Risk => format!("c.risk_score {dir}, c.id {dir}"),
            CaseSort::Priority => format!("{} {dir}, c.updated_at {dir}, c.id {dir}", priority_rank()),
            CaseSort::Title => format!("c.title COLLATE NOCASE {dir}, c.id {dir}"),
        }
    }
}

/// Which cases a list or search covers, by whether they are archived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum ArchivedCases {
    /// Archived cases are left out: the default everywhere.
    #[default]
    Hidden,
    /// Only archived cases.
    Only,
    /// Archived cases and the others alike.
    Included,
}

impl ArchivedCases {
    /// The condition on `c.archived_at`, written out (not a bound parameter) so that the planner can pick
    /// the partial indexes `WHERE archived_at IS NULL` the list pages with.
    pub(super) fn condition(self) -> &'static str {
        match self {
            ArchivedCases::Hidden => "c.archived_at IS NULL",
            ArchivedCases::Only => "c.archived_at IS NOT NULL",
            ArchivedCases::Included => "1",
        }
    }
}

/// A page of the case list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseQuery {
    pub status: Option<CaseStatus>,
    pub priority: Option<Priority>,
    /// Leaves closed cases out.
    pub hide_closed: bool,
    pub archived: ArchivedCases,
    pub sort: CaseSort,
    pub descending: bool,
    pub limit: u32,
    /// Rows to skip: after `after` when it is set, else from the first row (an OFFSET, which walks the
    /// skipped rows; paging forward with `after` seeks instead).
    pub offset: u32,
    /// Keyset paging: the page starts after the row with this sort key, found by an index seek.
    pub after: Option<super::case_page::CaseKey>,
}

/// One row of the case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseRow {
    pub id: i64,
    pub title: String,
    pub candidate: Option<String>,
    pub status: CaseStatus,
    pub priority: Priority,
    pub risk_score: u32,
    pub reviewed_items: u32,
    pub updated_at: String,
    pub catalog_version: String,
    pub archived_at: Option<String>,
    /// Whether the title or the candidate's name is stored as bytes that are not UTF-8, which vetdesk
    /// never writes (an edit behind its back, or damage): the row shows them with U+FFFD in their place,
    /// so that one such case does not keep every other case from being listed.
    #[serde(skip)]
    pub not_utf8: bool,
}

/// Maps the columns `id, title, candidate, status, priority, risk_score, reviewed_items, updated_at,
/// catalog_version, archived_at`.
pub(super) fn case_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CaseRow> {
    let (title, title_bad) = super::shown_text(r, 1)?;
    let (candidate, candidate_bad) = match r.get_ref(2)? {
        rusqlite::types::ValueRef::Null => (None, false),
        _ => super::shown_text(r, 2).map(|(name, bad)| (Some(name), bad))?,
    };
    Ok(CaseRow {
        id: r.get(0)?,
        title,
        candidate,
        status: word(r, 3)?,
        priority: word(r, 4)?,
        risk_score: r.get(5)?,
        reviewed_items: r.get(6)?,
        updated_at: r.get(7)?,
        catalog_version: r.get(8)?,
        archived_at: r.get(9)?,
        not_utf8: title_bad || candidate_bad,
    })
}

/// The list's columns, as [`case_row`] maps them.
pub(super) const ROW: &str = "c.id, c.title,
    (SELECT s.name FROM subject s WHERE s.case_id = c.id AND s.role = 'candidate' AND s.voided_at IS NULL
     ORDER BY s.id LIMIT 1),
    c.status, c.priority, c.risk_score, c.reviewed_items, c.updated_at, c.catalog_version, c.archived_at";

/// `PRIORITY_RANK` on the list's alias `c`.
pub(super) fn priority_rank() -> String {
    PRIORITY_RANK.replace("priority", "c.priority")
}

/// The list's WHERE clause, written per filter so that the planner sees each condition and picks the index
/// for it: `c.status = 'open'` reads `case_status_updated`, a priority is its rank so that it reads
/// `case_priority`, and the archived condition selects the partial indexes. The values are the fixed words
/// of [`CaseStatus`] and [`Priority`], never input.
///
/// With `ordered` (a page, not a count), a filter whose index does not also give the sort's order is
/// written with a unary `+`, which keeps the planner off that index: the page then walks the sort's index
/// and stops when it is full, instead of reading every row the filter keeps and sorting them.
pub(super) fn filter(q: &CaseQuery, ordered: bool) -> String {
    let mut conditions = vec![q.archived.condition().to_string()];
    let off = |index_orders: bool| if ordered && !index_orders { "+" } else { "" };
    let sort = effective_sort(q);
    if let Some(status) = q.status {
        let plus = off(sort == CaseSort::Updated);
        conditions.push(format!("{plus}c.status = '{}'", status.as_str()));
    }
    if let Some(priority) = q.priority {
        let plus = off(matches!(sort, CaseSort::Updated | CaseSort::Priority));
        conditions.push(format!("{plus}{} = {}", priority_rank(), super::case_page::rank(priority)));
    }
    if q.hide_closed {
        conditions.push("c.status <> 'closed'".into());
    }
    conditions.join(" AND ")
}

/// The order a page is read in: the sort, except that sorting by priority with one priority kept is
/// sorting by last change (the planner would not see that the priority term is constant, and would sort).
pub(super) fn effective_sort(q: &CaseQuery) -> CaseSort {
    if q.sort == CaseSort::Priority && q.priority.is_some() { CaseSort::Updated } else { q.sort }
}

/// One page of the list: seeks past `q.after` when it is set, else reads from the first row.
pub fn list(conn: &Connection, q: &CaseQuery) -> Result<Vec<CaseRow>> {
    if q.archived == ArchivedCases::Included {
        return super::case_page::both(q, |arm| list(conn, arm));
    }
    if let Some(key) = &q.after {
        return super::case_page::seek(conn, q, key);
    }
    let sql = format!(
        "SELECT {ROW} FROM \"case\" c WHERE {} ORDER BY {} LIMIT ?1 OFFSET ?2",
        filter(q, true),
        effective_sort(q).order_by(q.descending)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![q.limit, q.offset], case_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many cases the filter keeps (sort, paging and `after` aside), read from `case_tally` (at most one
/// row per status, priority and archived state, whatever the number of cases). The conditions are the
/// fixed words of [`CaseStatus`] and [`Priority`], never input.
pub fn count(conn: &Connection, q: &CaseQuery) -> Result<u64> {
    let mut conditions = vec![
        match q.archived {
            ArchivedCases::Hidden => "archived = 0",
            ArchivedCases::Only => "archived = 1",
            ArchivedCases::Included => "1",
        }
        .to_string(),
    ];
    if let Some(status) = q.status {
        conditions.push(format!("status = '{}'", status.as_str()));
    }
    if let Some(priority) = q.priority {
        conditions.push(format!("priority = '{}'", priority.as_str()));
    }
    if q.hide_closed {
        conditions.push("status <> 'closed'".into());
    }
    let sql = format!("SELECT coalesce(sum(n), 0) FROM case_tally WHERE {}", conditions.join(" AND "));
    Ok(conn.prepare_cached(&sql)?.query_row([], |r| r.get::<_, i64>(0))?.unsigned_abs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn list_filters_sorts_and_pages() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| {
                for (i, p) in [Priority::Low, Priority::Critical, Priority::Medium].into_iter().enumerate() {
                    let id = insert(tx, &format!("Case {i}"), p, "t", &format!("2026-01-0{}T00:00:00Z", i + 1))?;
                    set_assessment(tx, id, [5, 1, 9][i], 0)?;
                }
                Ok(())
            })
            .unwrap();
        let q = |sort, descending, limit, offset| CaseQuery { sort, descending, limit, offset, ..Default::default() };
        let ids = |q: CaseQuery| list(store.conn(), &q).unwrap().into_iter().map(|r| r.id).collect::<Vec<_>>();
        assert_eq!(ids(q(CaseSort::Updated, true, 10, 0)), [3, 2, 1]);
        assert_eq!(ids(q(CaseSort::Risk, true, 10, 0)), [3, 1, 2]);
        assert_eq!(ids(q(CaseSort::Priority, true, 10, 0)), [2, 3, 1]);
        assert_eq!(ids(q(CaseSort::Id, false, 1, 1)), [2]);
        let critical = CaseQuery { priority: Some(Priority::Critical), limit: 10, ..Default::default() };
        assert_eq!(ids(critical.clone()), [2]);
        assert_eq!(count(store.conn(), &critical).unwrap(), 1);
    }

    /// The tally the count reads agrees with counting the cases, under every filter, through inserts and
    /// changes of status, priority and archiving (made here in SQL, as any writer would make them).
    #[test]
    fn the_count_read_from_the_tally_is_the_number_of_cases() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| {
                for i in 0..40 {
                    let p = [Priority::Low, Priority::Medium, Priority::High, Priority::Critical][i % 4];
                    insert(tx, &format!("Case {i}"), p, "t", "2026-01-01T00:00:00Z")?;
                }
                Ok(())
            })
            .unwrap();
        let changes = [
            "UPDATE \"case\" SET status = 'closed' WHERE id % 3 = 0",
            "UPDATE \"case\" SET priority = 'high' WHERE id % 5 = 0",
            "UPDATE \"case\" SET archived_at = '2026-02-01T00:00:00Z' WHERE id % 7 = 0",
            "UPDATE \"case\" SET status = 'escalated', archived_at = NULL WHERE id % 14 = 0",
            "UPDATE \"case\" SET title = 'renamed' WHERE id = 2",
        ];
        let statuses = [None, Some(CaseStatus::Open), Some(CaseStatus::Closed), Some(CaseStatus::Escalated)];
        let priorities = [None, Some(Priority::Low), Some(Priority::High)];
        for change in changes {
            store.conn().execute_batch(change).unwrap();
            for archived in [ArchivedCases::Hidden, ArchivedCases::Only, ArchivedCases::Included] {
                for status in statuses {
                    for priority in priorities {
                        for hide_closed in [false, true] {
                            let q = CaseQuery { status, priority, hide_closed, archived, ..Default::default() };
                            let sql = format!("SELECT count(*) FROM \"case\" c WHERE {}", filter(&q, false));
                            let n: i64 = store.conn().query_row(&sql, [], |r| r.get(0)).unwrap();
                            assert_eq!(count(store.conn(), &q).unwrap(), n.unsigned_abs(), "{change}: {q:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn archived_cases_leave_the_list_and_count_unless_asked_for() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| {
                for title in ["Backend one", "Backend two", "Backend three"] {
                    insert(tx, title, Priority::Low, "t", "2026-01-01T00:00:00Z")?;
                }
                let archive = Archive {
                    archived_at: "2026-01-02T00:00:00Z".into(),
                    archived_by: "ana".into(),
                    reason: "test".into(),
                };
                set_archive(tx, 2, Some(&archive))
            })
            .unwrap();
        let conn = store.conn();
        let ids = |archived| {
            let q = CaseQuery { archived, sort: CaseSort::Id, limit: 10, ..Default::default() };
            assert_eq!(count(conn, &q).unwrap(), list(conn, &q).unwrap().len() as u64);
            list(conn, &q).unwrap().into_iter().map(|r| r.id).collect::<Vec<_>>()
        };
        assert_eq!(ids(ArchivedCases::Hidden), [1, 3]);
        assert_eq!(ids(ArchivedCases::Only), [2]);
        assert_eq!(ids(ArchivedCases::Included), [1, 2, 3]);
        assert_eq!(get(conn, 2).unwrap().archived.unwrap().reason, "test");
        assert_eq!(archived_ids(conn).unwrap(), [2].into());
    }

    /// The default list pages down a partial index in every sort, never sorting the whole table.
    #[test]
    fn the_default_list_pages_through_an_index() {
        let store = Store::open_in_memory().unwrap();
        for &sort in CaseSort::ALL {
            let q = CaseQuery { sort, descending: true, limit: 10, hide_closed: true, ..Default::default() };
            let sql = format!(
                "EXPLAIN QUERY PLAN SELECT {ROW} FROM \"case\" c WHERE {} ORDER BY {} LIMIT 10",
                filter(&q, true),
                sort.order_by(true)
            );
            let plan: Vec<String> = store
                .conn()
                .prepare(&sql)
                .unwrap()
                .query_map([], |r| r.get(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let plan = plan.join("\n");
            let index = if sort == CaseSort::Id { "SCAN c\n" } else { "SCAN c USING INDEX case_" };
            assert!(plan.starts_with(index), "{sort:?}: {plan}");
            assert!(!plan.contains("TEMP B-TREE"), "{sort:?} sorts: {plan}");
        }
    }

    #[test]
    fn unknown_case_is_named() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(get(store.conn(), 7).unwrap_err().to_string(), "no case #7");
    }
}
