//! Evidence: files referenced by path, pinned by SHA-256, with their re-verification history.

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::Evidence;
use crate::{Error, Result};

const COLUMNS: &str = "e.id, e.case_id, e.kind, e.path, e.sha256, e.size, e.modified_at, e.description, e.attached_at,
                       e.attached_by, e.last_check, e.last_checked_at,
                       (SELECT group_concat(code, ' ') FROM (SELECT code FROM evidence_item
                                                             WHERE evidence_id = e.id AND voided_at IS NULL ORDER BY code)),
                       e.voided_at, e.voided_by, e.void_reason,
                       (SELECT json_group_array(json_object('code', code, 'voided_at', voided_at, 'voided_by', voided_by,
                                                            'reason', void_reason))
                          FROM (SELECT * FROM evidence_item WHERE evidence_id = e.id AND voided_at IS NOT NULL
                                ORDER BY voided_at, code))";

fn evidence(r: &rusqlite::Row<'_>) -> rusqlite::Result<Evidence> {
    let items: Option<String> = r.get(12)?;
    Ok(Evidence {
        id: r.get(0)?,
        case_id: r.get(1)?,
        kind: r.get(2)?,
        path: r.get(3)?,
        sha256: r.get(4)?,
        size: r.get::<_, i64>(5)?.unsigned_abs(),
        modified_at: r.get(6)?,
        description: r.get(7)?,
        attached_at: r.get(8)?,
        attached_by: r.get(9)?,
        last_check: r.get(10)?,
        last_checked_at: r.get(11)?,
        items: items.unwrap_or_default().split_whitespace().map(str::to_string).collect(),
        unlinked: {
            let json: Option<String> = r.get(16)?;
            serde_json::from_str(json.as_deref().unwrap_or("[]"))
                .map_err(|e| rusqlite::Error::FromSqlConversionFailure(16, rusqlite::types::Type::Text, Box::new(e)))?
        },
        void: super::void_at(r, 13)?,
    })
}

pub fn insert(conn: &Connection, e: &Evidence) -> Result<i64> {
    // Items, checks or resume bands written under the number it takes would be sealed as its own.
    super::seal::check_none_ahead(conn)?;
    conn.prepare_cached(
        "INSERT INTO evidence (case_id, path, sha256, size, modified_at, description, attached_at, attached_by, kind)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        e.case_id,
        e.path,
        e.sha256,
        sql_size(e.size),
        e.modified_at,
        e.description,
        e.attached_at,
        e.attached_by,
        e.kind
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Whether evidence is linked to a checklist code: `None` when never linked, `Some(true)` when the link
/// was voided (unlinked).
pub fn link_state(conn: &Connection, evidence_id: i64, code: &str) -> Result<Option<bool>> {
    Ok(conn
        .prepare_cached("SELECT voided_at IS NOT NULL FROM evidence_item WHERE evidence_id = ?1 AND code = ?2")?
        .query_row(params![evidence_id, code], |r| r.get(0))
        .optional()?)
}

/// Voids (`Some`) or restores (`None`) the link of evidence to a checklist code.
pub fn set_link_void(
    conn: &Connection,
    evidence_id: i64,
    code: &str,
    void: Option<&crate::domain::Void>,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE evidence_item SET voided_at = ?3, voided_by = ?4, void_reason = ?5 WHERE evidence_id = ?1 AND code = ?2",
    )?
    .execute(params![
        evidence_id,
        code,
        void.map(|v| &v.voided_at),
        void.map(|v| &v.voided_by),
        void.map(|v| &v.reason)
    ])?;
    Ok(())
}

pub fn link(conn: &Connection, evidence_id: i64, code: &str) -> Result<bool> {
    let n = conn
        .prepare_cached("INSERT OR IGNORE INTO evidence_item (evidence_id, code) VALUES (?1, ?2)")?
        .execute(params![evidence_id, code])?;
    Ok(n == 1)
}

/// The checklist codes that evidence of a case is linked to, by files the last verification found as recorded.
pub fn linked_codes(conn: &Connection, case_id: i64) -> Result<std::collections::HashSet<String>> {
    // A file the last verification found changed or could not find backs nothing.
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT i.code FROM evidence e JOIN evidence_item i ON i.evidence_id = e.id
         WHERE e.case_id = ?1 AND e.voided_at IS NULL AND i.voided_at IS NULL
           AND e.last_check IS NOT 'missing' AND e.last_check IS NOT 'changed'",
    )?;
    let rows = stmt.query_map([case_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Evidence> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM evidence e WHERE e.id = ?1"))?
        .query_row([id], evidence)
        .optional()?
        .ok_or(Error::EvidenceNotFound(id))
}

pub fn of_case(conn: &Connection, case_id: i64) -> Result<Vec<Evidence>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM evidence e WHERE e.case_id = ?1 ORDER BY e.id"))?;
    let rows = stmt.query_map([case_id], evidence)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The evidence in `case_id` pinned to the same path and content, if any (attaching it again adds
/// nothing).
pub fn same_file(conn: &Connection, case_id: i64, path: &str, sha256: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM evidence WHERE sha256 = ?3 AND case_id = ?1 AND path = ?2 ORDER BY id LIMIT 1")?
        .query_row(params![case_id, path, sha256], |r| r.get(0))
        .optional()?)
}

/// Case `case_id`'s evidence records in force at `path` whose content is not `sha256` and that were not
/// found changed already: what a file now read at that path with that content shows to have changed.
pub fn changed_at(conn: &Connection, case_id: i64, path: &str, sha256: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM evidence WHERE case_id = ?1 AND path = ?2 AND sha256 <> ?3 AND voided_at IS NULL
           AND last_check IS NOT 'changed' ORDER BY id",
    )?;
    let ids = stmt.query_map(params![case_id, path, sha256], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// The paths of case `case_id`'s evidence records (voided ones too) whose content is `sha256`.
pub fn paths_with(conn: &Connection, case_id: i64, sha256: &str) -> Result<std::collections::HashSet<String>> {
    let mut stmt = conn.prepare_cached("SELECT path FROM evidence WHERE sha256 = ?2 AND case_id = ?1")?;
    let paths = stmt.query_map(params![case_id, sha256], |r| r.get(0))?;
    Ok(paths.collect::<rusqlite::Result<_>>()?)
}

/// Evidence records (voided ones too) whose path ends in the file name `name`, or every one with `None`:
/// the candidates for a file about to be written over. Read by a scan, which runs only when such a file
/// exists.
pub fn named(conn: &Connection, name: Option<&str>) -> Result<Vec<(i64, String)>> {
    let row = |r: &rusqlite::Row<'_>| Ok((r.get(0)?, r.get(1)?));
    let rows: rusqlite::Result<Vec<(i64, String)>> = match name {
        None => conn.prepare("SELECT id, path FROM evidence ORDER BY id")?.query_map([], row)?.collect(),
        Some(name) => {
            let escaped = name.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            conn.prepare("SELECT id, path FROM evidence WHERE path = ?1 OR path LIKE ?2 ESCAPE '\\' ORDER BY id")?
                .query_map(params![name, format!("%/{escaped}")], row)?
                .collect()
        }
    };
    rows.map_err(Error::from)
}

/// Ids of every evidence file in the workspace, or in one case, for verification.
pub fn ids(conn: &Connection, case_id: Option<i64>) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM evidence WHERE (?1 IS NULL OR case_id = ?1) AND voided_at IS NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([case_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Points evidence `id` at the file's new place; its content (hash and size) stays as pinned.
pub fn relocate(conn: &Connection, id: i64, path: &str, modified_at: Option<&str>) -> Result<()> {
    let n = conn.prepare_cached("UPDATE evidence SET path = ?2, modified_at = ?3 WHERE id = ?1")?.execute(params![
        id,
        path,
        modified_at
    ])?;
    if n == 0 {
        return Err(Error::EvidenceNotFound(id));
    }
    Ok(())
}

pub fn record_check(
    conn: &Connection,
    id: i64,
    at: &str,
    result: &str,
    sha256: Option<&str>,
    size: Option<u64>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO evidence_check (evidence_id, checked_at, result, sha256, size) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id, at, result, sha256, size.map(sql_size)])?;
    conn.prepare_cached("UPDATE evidence SET last_check = ?2, last_checked_at = ?3 WHERE id = ?1")?
        .execute(params![id, result, at])?;
    Ok(())
}

/// SQLite integers are signed; file sizes fit comfortably.
fn sql_size(size: u64) -> i64 {
    i64::try_from(size).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Store, cases};

    #[test]
    fn same_file_needs_the_same_case_path_and_hash() {
        let mut store = Store::open_in_memory().unwrap();
        let at = "2026-01-01T00:00:00Z";
        let (one, two, first) = store
            .write(|tx| {
                let one = cases::insert(tx, "one", crate::domain::Priority::Low, "t", at)?;
                let two = cases::insert(tx, "two", crate::domain::Priority::Low, "t", at)?;
                let e = Evidence {
                    id: 0,
                    case_id: one,
                    kind: "file".into(),
                    path: "/cases/cv.pdf".into(),
                    sha256: "ab".repeat(32),
                    size: 3,
                    modified_at: None,
                    description: String::new(),
                    attached_at: at.into(),
                    attached_by: "ana".into(),
                    last_check: None,
                    last_checked_at: None,
                    items: Vec::new(),
                    unlinked: Vec::new(),
                    void: None,
                };
                Ok((one, two, insert(tx, &e)?))
            })
            .unwrap();
        let find = |case, path, sha: &str| same_file(store.conn(), case, path, sha).unwrap();
        assert_eq!(find(one, "/cases/cv.pdf", &"ab".repeat(32)), Some(first));
        assert_eq!(find(two, "/cases/cv.pdf", &"ab".repeat(32)), None);
        assert_eq!(find(one, "/cases/other.pdf", &"ab".repeat(32)), None);
        assert_eq!(find(one, "/cases/cv.pdf", &"cd".repeat(32)), None);
        store.write(|tx| relocate(tx, first, "/moved/cv.pdf", Some("2026-02-01T00:00:00Z"))).unwrap();
        let moved = get(store.conn(), first).unwrap();
        assert_eq!(
            (moved.path.as_str(), moved.modified_at.as_deref()),
            ("/moved/cv.pdf", Some("2026-02-01T00:00:00Z"))
        );
        assert_eq!(moved.sha256, "ab".repeat(32));
        assert_eq!(same_file(store.conn(), one, "/moved/cv.pdf", &"ab".repeat(32)).unwrap(), Some(first));
        assert!(matches!(store.write(|tx| relocate(tx, 99, "/x", None)), Err(Error::EvidenceNotFound(99))));
    }
}
