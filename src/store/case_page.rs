//! Keyset paging of the case list: a page starts after the sort key of the row before it, found by an index
//! seek, so the last page of a million cases costs what the first does. The sort key is split into ranges
//! read one after another: for `updated_at DESC, id DESC` after `(u, i)`, first the rows with
//! `updated_at = u AND id < i`, then those with `updated_at < u`. Each range is a seek on the sort's index;
//! a single row-value comparison `(updated_at, id) < (u, i)` would walk every tie of `u` instead.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params_from_iter};

use super::cases::{ArchivedCases, CaseQuery, CaseRow, CaseSort, ROW, case_row, effective_sort, filter, priority_rank};
use crate::domain::Priority;
use crate::{Error, Result};

/// Where a row sits in the list's order: the values of every sort's key, so one key serves any sort.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseKey {
    pub id: i64,
    pub updated_at: String,
    pub risk_score: u32,
    pub priority_rank: u8,
    pub title: String,
}

/// A priority's rank, as `PRIORITY_RANK` computes it in SQL.
pub fn rank(p: Priority) -> u8 {
    match p {
        Priority::Low => 0,
        Priority::Medium => 1,
        Priority::High => 2,
        Priority::Critical => 3,
    }
}

impl CaseKey {
    pub fn of(row: &CaseRow) -> CaseKey {
        CaseKey {
            id: row.id,
            updated_at: row.updated_at.clone(),
            risk_score: row.risk_score,
            priority_rank: rank(row.priority),
            title: row.title.clone(),
        }
    }

    /// The key's columns for `sort`, before the id that ends every order: `(expression, value)`.
    fn columns(&self, sort: CaseSort) -> Vec<(String, Value)> {
        let updated = ("c.updated_at".to_string(), Value::Text(self.updated_at.clone()));
        match sort {
            CaseSort::Id => vec![],
            CaseSort::Updated => vec![updated],
            CaseSort::Risk => vec![("c.risk_score".into(), Value::Integer(self.risk_score.into()))],
            CaseSort::Priority => vec![(priority_rank(), Value::Integer(self.priority_rank.into())), updated],
            CaseSort::Title => vec![("c.title COLLATE NOCASE".into(), Value::Text(self.title.clone()))],
        }
    }

    /// The key as a command-line cursor for `sort`: the id, then the sort's values, comma-separated (a
    /// title in hex, so that the cursor needs no quoting): `4711,2026-03-01T09:00:00Z`.
    pub fn cursor(&self, sort: CaseSort) -> String {
        let id = self.id;
        match sort {
            CaseSort::Id => id.to_string(),
            CaseSort::Updated => format!("{id},{}", self.updated_at),
            CaseSort::Risk => format!("{id},{}", self.risk_score),
            CaseSort::Priority => format!("{id},{},{}", self.priority_rank, self.updated_at),
            CaseSort::Title => format!("{id},{}", super::audit::hex(self.title.as_bytes())),
        }
    }

    /// Reads a cursor [`Self::cursor`] wrote for `sort`.
    pub fn parse(cursor: &str, sort: CaseSort) -> Result<CaseKey> {
        let bad = || Error::invalid(format!("`{cursor}` is not a cursor of this list (sorted by {})", sort.label()));
        let mut parts = cursor.splitn(3, ',');
        let id = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let mut key = CaseKey { id, ..CaseKey::default() };
        let (first, second) = (parts.next(), parts.next());
        // A time as vetdesk writes them (`2026-03-01T09:00:00Z`), so that another list's cursor, or a
        // mistyped one, is refused rather than read as some other place in the list.
        let stamp = |u: &str| {
            chrono::DateTime::parse_from_rfc3339(u)
                .is_ok_and(|t| crate::time::rfc3339(t.with_timezone(&chrono::Utc)) == u)
        };
        match (sort, first, second) {
            (CaseSort::Id, None, None) => {}
            (CaseSort::Updated, Some(u), None) if stamp(u) => key.updated_at = u.into(),
            (CaseSort::Risk, Some(r), None) => key.risk_score = r.parse().map_err(|_| bad())?,
            (CaseSort::Priority, Some(r), Some(u)) if stamp(u) => {
                key.priority_rank = r.parse().ok().filter(|r| *r <= 3).ok_or_else(bad)?;
                key.updated_at = u.into();
            }
            (CaseSort::Title, Some(t), None) => {
                let bytes = super::audit::unhex(t).ok_or_else(bad)?;
                key.title = String::from_utf8(bytes).map_err(|_| bad())?;
            }
            _ => return Err(bad()),
        }
        Ok(key)
    }
}

/// A range of a seek: its WHERE condition (ANDed to the filter), the condition's values, and its order:
/// the columns from the compared one on (those held equal before it would hide the index's order from the
/// planner when one is an expression).
struct Range {
    condition: String,
    values: Vec<Value>,
    order: String,
}

/// The ranges after `key` in `q`'s order, nearest first.
fn ranges(q: &CaseQuery, key: &CaseKey) -> Vec<Range> {
    let cmp = if q.descending { "<" } else { ">" };
    let dir = if q.descending { "DESC" } else { "ASC" };
    let mut columns = key.columns(effective_sort(q));
    columns.push(("c.id".into(), Value::Integer(key.id)));
    (0..columns.len())
        .rev()
        .map(|last| {
            let mut conditions = Vec::new();
            let mut values = Vec::new();
            for (i, (expr, value)) in columns[..=last].iter().enumerate() {
                let op = if i == last { cmp } else { "=" };
                conditions.push(format!("{expr} {op} ?{}", i + 1));
                values.push(value.clone());
            }
            let order: Vec<String> = columns[last..].iter().map(|(expr, _)| format!("{expr} {dir}")).collect();
            Range { condition: conditions.join(" AND "), values, order: order.join(", ") }
        })
        .collect()
}

/// The SQL of one range of a seek, reading `limit` (the last parameter) rows.
fn range_sql(q: &CaseQuery, range: &Range) -> String {
    format!(
        "SELECT {ROW} FROM \"case\" c WHERE {} AND {} ORDER BY {} LIMIT ?{}",
        filter(q, true),
        range.condition,
        range.order,
        range.values.len() + 1
    )
}

/// The page after `key`: `q.offset` rows skipped, then `q.limit` rows, read range by range.
pub fn seek(conn: &Connection, q: &CaseQuery, key: &CaseKey) -> Result<Vec<CaseRow>> {
    if q.archived == ArchivedCases::Included {
        return both(q, |arm| seek(conn, arm, key));
    }
    let want = u64::from(q.limit) + u64::from(q.offset);
    let mut out: Vec<CaseRow> = Vec::new();
    for range in ranges(q, key) {
        let left = want - out.len() as u64;
        if left == 0 {
            break;
        }
        let sql = range_sql(q, &range);
        let mut values = range.values;
        values.push(Value::Integer(i64::try_from(left).unwrap_or(i64::MAX)));
        let mut stmt = conn.prepare_cached(&sql)?;
        for row in stmt.query_map(params_from_iter(values), case_row)? {
            out.push(row?);
        }
    }
    Ok(out.into_iter().skip(q.offset as usize).take(q.limit as usize).collect())
}

/// Case `id`'s row, if `q`'s filter keeps it.
pub fn row_in(conn: &Connection, q: &CaseQuery, id: i64) -> Result<Option<CaseRow>> {
    let sql = format!("SELECT {ROW} FROM \"case\" c WHERE c.id = ?1 AND {}", filter(q, false));
    Ok(conn.prepare_cached(&sql)?.query_row([id], case_row).optional()?)
}

/// How many rows of `q`'s filter come after `key` in its order, counted up to `cap` (so that saying it
/// costs the same wherever the page is): an index walk per range, each stopping at what is left of `cap`.
pub fn count_after(conn: &Connection, q: &CaseQuery, key: &CaseKey, cap: u32) -> Result<u64> {
    if q.archived == ArchivedCases::Included {
        let arm = |archived| CaseQuery { archived, ..q.clone() };
        let others = count_after(conn, &arm(ArchivedCases::Hidden), key, cap)?;
        let archived = count_after(conn, &arm(ArchivedCases::Only), key, cap)?;
        return Ok((others + archived).min(u64::from(cap)));
    }
    let mut total = 0;
    for range in ranges(q, key) {
        let left = u64::from(cap).saturating_sub(total);
        if left == 0 {
            break;
        }
        let sql = format!(
            "SELECT count(*) FROM (SELECT 1 FROM \"case\" c WHERE {} AND {} LIMIT ?{})",
            filter(q, false),
            range.condition,
            range.values.len() + 1
        );
        let mut values = range.values;
        values.push(Value::Integer(i64::try_from(left).unwrap_or(i64::MAX)));
        total += conn.prepare_cached(&sql)?.query_row(params_from_iter(values), |r| r.get::<_, i64>(0))?.unsigned_abs();
    }
    Ok(total)
}

/// A page of archived and other cases alike. The list's indexes hold the cases that are not archived, and
/// `case_archived` the archived ones, so no one index gives this list's order: the page is read from each
/// (`read` with the same query, archived or not, for the rows up to the page's end) and the two merged in
/// the list's order, instead of sorting every case.
pub(super) fn both(q: &CaseQuery, read: impl Fn(&CaseQuery) -> Result<Vec<CaseRow>>) -> Result<Vec<CaseRow>> {
    let want = q.limit.saturating_add(q.offset);
    let arm = |archived| CaseQuery { archived, limit: want, offset: 0, ..q.clone() };
    let (others, archived) = (read(&arm(ArchivedCases::Hidden))?, read(&arm(ArchivedCases::Only))?);
    // `want` may be "everything" (u32::MAX): room for what was read, not for what was asked.
    let mut merged = Vec::with_capacity(others.len() + archived.len());
    let (mut others, mut archived) = (others.into_iter().peekable(), archived.into_iter().peekable());
    let sort = effective_sort(q);
    while merged.len() < want as usize {
        let next = match (others.peek(), archived.peek()) {
            (Some(a), Some(b)) => {
                let order = list_order(sort, a, b);
                if (if q.descending { order.reverse() } else { order }).is_le() {
                    others.next()
                } else {
                    archived.next()
                }
            }
            (Some(_), None) => others.next(),
            (None, _) => archived.next(),
        };
        let Some(row) = next else { break };
        merged.push(row);
    }
    Ok(merged.into_iter().skip(q.offset as usize).take(q.limit as usize).collect())
}

/// How two rows compare in `sort`'s ascending order, as SQLite orders them: text by its bytes, a title by
/// its bytes with ASCII letters folded (`COLLATE NOCASE`), the id last.
fn list_order(sort: CaseSort, a: &CaseRow, b: &CaseRow) -> std::cmp::Ordering {
    let nocase = |t: &str| t.bytes().map(|b| b.to_ascii_lowercase()).collect::<Vec<u8>>();
    let by = match sort {
        CaseSort::Id => std::cmp::Ordering::Equal,
        CaseSort::Updated => a.updated_at.cmp(&b.updated_at),
        CaseSort::Risk => a.risk_score.cmp(&b.risk_score),
        CaseSort::Priority => rank(a.priority).cmp(&rank(b.priority)).then_with(|| a.updated_at.cmp(&b.updated_at)),
        CaseSort::Title => nocase(&a.title).cmp(&nocase(&b.title)),
    };
    by.then(a.id.cmp(&b.id))
}

/// The last `q.limit` rows of the list (after skipping `q.offset` from the end), in list order: the first
/// page of the reversed order, turned round. `G` and the CLI's last pages read this.
pub fn last_page(conn: &Connection, q: &CaseQuery) -> Result<Vec<CaseRow>> {
    let reversed = CaseQuery { descending: !q.descending, ..q.clone() };
    let mut rows = super::cases::list(conn, &reversed)?;
    rows.reverse();
    Ok(rows)
}

/// The `q.limit` rows before `key` in list order (after skipping `q.offset` nearest it): a seek in the
/// reversed order, turned round.
pub fn before(conn: &Connection, q: &CaseQuery, key: &CaseKey) -> Result<Vec<CaseRow>> {
    let reversed = CaseQuery { descending: !q.descending, after: None, ..q.clone() };
    let mut rows = seek(conn, &reversed, key)?;
    rows.reverse();
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CaseStatus;
    use crate::store::Store;
    use crate::store::cases::{ArchivedCases, count, get, insert, list, set_assessment, update};

    /// 60 cases with few distinct values in every sort key (so pages break inside runs of ties): 3
    /// timestamps, 4 risk scores, 4 priorities, 5 titles differing only in case; every third case closed.
    fn tied() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| {
                let priorities = [Priority::Low, Priority::Medium, Priority::High, Priority::Critical];
                for i in 0..60_i64 {
                    let at = format!("2026-01-0{}T00:00:00Z", 1 + i % 3);
                    let title = if i % 2 == 0 { format!("case {}", i % 5) } else { format!("CASE {}", i % 5) };
                    let id = insert(tx, &title, priorities[(i % 4) as usize], "t", &at)?;
                    set_assessment(tx, id, [10, 40, 70, 90][(i % 4) as usize], 0)?;
                    if i % 3 == 0 {
                        let mut c = get(tx, id)?;
                        c.status = CaseStatus::Closed;
                        update(tx, &c)?;
                    }
                }
                Ok(())
            })
            .unwrap();
        store
    }

    /// Pages through `q` by cursor, `size` at a time, each cursor through its text form as the CLI passes it.
    fn by_cursor(conn: &Connection, q: &CaseQuery, size: u32) -> Vec<i64> {
        let mut out = Vec::new();
        let mut after = q.after.clone();
        loop {
            let page = list(conn, &CaseQuery { limit: size, after: after.clone(), ..q.clone() }).unwrap();
            out.extend(page.iter().map(|r| r.id));
            let Some(last) = page.last() else { break };
            after = Some(CaseKey::parse(&CaseKey::of(last).cursor(q.sort), q.sort).unwrap());
            assert!(out.len() <= 1000, "paging does not end");
        }
        out
    }

    #[test]
    fn every_row_comes_once_in_order_across_pages_in_every_sort_and_filter() {
        let store = tied();
        every_row_once(
            store.conn(),
            &[
                CaseQuery::default(),
                CaseQuery { hide_closed: true, ..CaseQuery::default() },
                CaseQuery { status: Some(CaseStatus::Closed), ..CaseQuery::default() },
                CaseQuery { priority: Some(Priority::High), ..CaseQuery::default() },
            ],
        );
    }

    /// With every fifth case archived: the archived list, the list without them, and the list of both,
    /// which is merged from the two.
    #[test]
    fn archived_and_other_cases_page_together_in_order() {
        let store = tied();
        store
            .conn()
            .execute_batch("UPDATE \"case\" SET archived_at = '2026-03-01T00:00:00Z' WHERE id % 5 = 0")
            .unwrap();
        let with = |archived| CaseQuery { archived, ..CaseQuery::default() };
        every_row_once(
            store.conn(),
            &[
                with(ArchivedCases::Included),
                CaseQuery { hide_closed: true, ..with(ArchivedCases::Included) },
                CaseQuery { status: Some(CaseStatus::Closed), ..with(ArchivedCases::Included) },
                CaseQuery { priority: Some(Priority::High), ..with(ArchivedCases::Included) },
                with(ArchivedCases::Only),
                with(ArchivedCases::Hidden),
            ],
        );
        // The merged list is every case in the order SQLite sorts them in.
        for &sort in CaseSort::ALL {
            for descending in [true, false] {
                let q = CaseQuery { sort, descending, limit: 1000, ..with(ArchivedCases::Included) };
                let sql = format!("SELECT c.id FROM \"case\" c ORDER BY {}", sort.order_by(descending));
                let sorted: Vec<i64> = store
                    .conn()
                    .prepare(&sql)
                    .unwrap()
                    .query_map([], |r| r.get(0))
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap();
                let merged: Vec<i64> = list(store.conn(), &q).unwrap().iter().map(|r| r.id).collect();
                assert_eq!(merged, sorted, "{sort:?} desc={descending}");
                // "Everything", as exports ask for it.
                let all = CaseQuery { limit: u32::MAX, ..q.clone() };
                assert_eq!(list(store.conn(), &all).unwrap().len(), sorted.len());
            }
        }
    }

    /// Pages through every filter in every sort and direction, forward by cursor in pages of 1, 7 and 13,
    /// and backward from the last page: each gives the whole list, each row once, in order.
    fn every_row_once(conn: &Connection, filters: &[CaseQuery]) {
        for filter in filters {
            for &sort in CaseSort::ALL {
                for descending in [true, false] {
                    let q = CaseQuery { sort, descending, ..filter.clone() };
                    let whole: Vec<i64> =
                        list(conn, &CaseQuery { limit: 1000, ..q.clone() }).unwrap().iter().map(|r| r.id).collect();
                    assert_eq!(whole.len() as u64, count(conn, &q).unwrap());
                    for size in [1, 7, 13] {
                        assert_eq!(
                            by_cursor(conn, &q, size),
                            whole,
                            "{sort:?} desc={descending} size {size} {filter:?}"
                        );
                    }
                    // From the far end, a page at a time, back to the start.
                    let mut back = Vec::new();
                    let mut page = last_page(conn, &CaseQuery { limit: 7, ..q.clone() }).unwrap();
                    while let Some(first) = page.first().cloned() {
                        back.splice(0..0, page.iter().map(|r| r.id));
                        page = before(conn, &CaseQuery { limit: 7, ..q.clone() }, &CaseKey::of(&first)).unwrap();
                    }
                    assert_eq!(back, whole, "{sort:?} desc={descending} backwards");
                    let key = CaseKey::of(&list(conn, &CaseQuery { limit: 1, offset: 9, ..q.clone() }).unwrap()[0]);
                    let after = whole.len().saturating_sub(10) as u64;
                    assert_eq!(count_after(conn, &q, &key, 1000).unwrap(), after);
                    assert_eq!(count_after(conn, &q, &key, 5).unwrap(), after.min(5), "counted up to the cap");
                }
            }
        }
    }

    /// Cases added between two pages do not shift the next page: it starts right after the last row read.
    #[test]
    fn cases_added_between_pages_neither_repeat_nor_skip_a_row() {
        let mut store = tied();
        let q = CaseQuery { sort: CaseSort::Updated, descending: true, limit: 10, ..CaseQuery::default() };
        let first = list(store.conn(), &q).unwrap();
        let cursor = CaseKey::of(first.last().unwrap()).cursor(q.sort);
        store
            .write(|tx| {
                // Newer than everything (lands before the page read) and among the oldest (lands after it).
                insert(tx, "new", Priority::Low, "t", "2026-02-01T00:00:00Z")?;
                insert(tx, "old", Priority::Low, "t", "2026-01-01T00:00:00Z")?;
                Ok(())
            })
            .unwrap();
        let key = CaseKey::parse(&cursor, q.sort).unwrap();
        let rest = by_cursor(store.conn(), &CaseQuery { after: Some(key), ..q.clone() }, 10);
        let seen: Vec<i64> = first.iter().map(|r| r.id).chain(rest).collect();
        let mut unique = seen.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), seen.len(), "a row came twice");
        assert_eq!(seen.len(), 61, "the 60 first cases and the old one added after the cursor");
        assert!(seen.contains(&62) && !seen.contains(&61));
    }

    #[test]
    fn cursors_name_their_sort_and_refuse_others() {
        let key = CaseKey {
            id: 7,
            updated_at: "2026-01-01T00:00:00Z".into(),
            title: "Ana, \"B\"".into(),
            ..CaseKey::default()
        };
        for &sort in CaseSort::ALL {
            let parsed = CaseKey::parse(&key.cursor(sort), sort).unwrap();
            assert_eq!(parsed.cursor(sort), key.cursor(sort));
        }
        assert_eq!(CaseKey::parse(&key.cursor(CaseSort::Title), CaseSort::Title).unwrap().title, key.title);
        assert!(CaseKey::parse("7", CaseSort::Updated).is_err());
        assert!(CaseKey::parse("x,3", CaseSort::Risk).is_err());
        assert!(CaseKey::parse("7,9,2026", CaseSort::Priority).is_err());
        assert!(CaseKey::parse("7,zz", CaseSort::Title).is_err());
    }

    /// Every range of a seek, and every count, reads an index without sorting, in every sort and filter.
    #[test]
    fn seeks_and_counts_read_an_index() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let plan = |sql: &str, n: usize| -> String {
            let params = vec![Value::Integer(1); n];
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let rows = stmt.query_map(params_from_iter(params), |r| r.get::<_, String>(3)).unwrap();
            rows.collect::<rusqlite::Result<Vec<_>>>().unwrap().join("\n")
        };
        let filters = [
            CaseQuery::default(),
            CaseQuery { status: Some(CaseStatus::Open), ..CaseQuery::default() },
            CaseQuery { priority: Some(Priority::High), ..CaseQuery::default() },
            CaseQuery { hide_closed: true, ..CaseQuery::default() },
            CaseQuery { archived: ArchivedCases::Only, ..CaseQuery::default() },
        ];
        let key = CaseKey::default();
        for filter in filters {
            let p = plan(&format!("SELECT count(*) FROM \"case\" c WHERE {}", super::filter(&filter, false)), 0);
            assert!(p.contains("USING") && p.contains("INDEX"), "count {filter:?}: {p}");
            for &sort in CaseSort::ALL {
                let q = CaseQuery { sort, descending: true, ..filter.clone() };
                for range in ranges(&q, &key) {
                    let p = plan(&range_sql(&q, &range), range.values.len() + 1);
                    // The archived few are read through `case_archived` and sorted; every other list never sorts.
                    let few = filter.archived == ArchivedCases::Only;
                    assert!(few || !p.contains("TEMP B-TREE"), "{sort:?} {filter:?} sorts: {p}");
                    assert!(p.contains("USING") && !p.contains("SCAN c\n"), "{sort:?} {filter:?}: {p}");
                }
            }
        }
    }
}
