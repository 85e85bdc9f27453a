//! Reference lists imported from plain files, and their entries.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::word;
use crate::Result;
use crate::domain::link::ListKind;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferenceList {
    pub id: i64,
    pub name: String,
    pub kind: ListKind,
    pub source_path: String,
    pub sha256: String,
    pub entries: i64,
    pub imported_at: String,
    pub imported_by: String,
    /// Set when the list was voided: its entries match nothing until it is restored.
    #[serde(flatten)]
    pub void: Option<crate::domain::Void>,
}

/// One entry as read from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub prefix: bool,
    pub raw: String,
    pub label: String,
    pub line: i64,
}

/// An entry matched by a lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub list: String,
    pub kind: ListKind,
    pub entry: String,
    pub label: String,
    pub line: i64,
}

fn list(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReferenceList> {
    Ok(ReferenceList {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: word(r, 2)?,
        source_path: r.get(3)?,
        sha256: r.get(4)?,
        entries: r.get(5)?,
        imported_at: r.get(6)?,
        imported_by: r.get(7)?,
        void: super::void_at(r, 8)?,
    })
}

const COLUMNS: &str =
    "id, name, kind, source_path, sha256, entries, imported_at, imported_by, voided_at, voided_by, void_reason";

pub fn all(conn: &Connection) -> Result<Vec<ReferenceList>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM reference_list ORDER BY name"))?;
    let rows = stmt.query_map([], list)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn by_name(conn: &Connection, name: &str) -> Result<Option<ReferenceList>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM reference_list WHERE name = ?1"))?
        .query_row([name], list)
        .optional()?)
}

/// Voids (`Some`) or restores (`None`) a list.
pub fn set_void(conn: &Connection, id: i64, void: Option<&crate::domain::Void>) -> Result<()> {
    conn.prepare_cached("UPDATE reference_list SET voided_at = ?2, voided_by = ?3, void_reason = ?4 WHERE id = ?1")?
        .execute(params![id, void.map(|v| &v.voided_at), void.map(|v| &v.voided_by), void.map(|v| &v.reason)])?;
    Ok(())
}

/// Removes a list and its entries.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM reference_entry WHERE list_id = ?1", [id])?;
    conn.execute("DELETE FROM reference_list WHERE id = ?1", [id])?;
    Ok(())
}

/// Stores a list with its entries; returns its id.
pub fn insert(conn: &Connection, l: &ReferenceList, entries: &[Entry]) -> Result<i64> {
    conn.execute(
        "INSERT INTO reference_list (name, kind, source_path, sha256, entries, imported_at, imported_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![l.name, l.kind.as_str(), l.source_path, l.sha256, entries.len() as i64, l.imported_at, l.imported_by],
    )?;
    let id = conn.last_insert_rowid();
    // Entries written under the new list's number behind vetdesk's back would be sealed with it.
    super::seal::check_unclaimed(conn, super::seal::Scope::List(id), 1)?;
    let group = l.kind.identifier_kind().match_group();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO reference_entry (list_id, match_group, key, prefix, raw, label, line)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for e in entries {
        stmt.execute(params![id, group, e.key, e.prefix, e.raw, e.label, e.line])?;
    }
    Ok(id)
}

/// Entries of match group `group` equal to `key`, and (with `prefixes`) prefix entries `key` starts with;
/// a prefix entry is given as its list wrote it, with its `*`.
pub fn lookup(conn: &Connection, group: &str, key: &str, prefixes: bool) -> Result<Vec<Hit>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.name, l.kind, e.raw || CASE WHEN e.prefix THEN '*' ELSE '' END, e.label, e.line
           FROM reference_entry e JOIN reference_list l ON l.id = e.list_id
         WHERE e.match_group = ?1 AND e.key = ?2 AND (e.prefix = 1 OR ?3) AND l.voided_at IS NULL
         ORDER BY l.name, e.line",
    )?;
    let hit = |r: &rusqlite::Row<'_>| {
        Ok(Hit { list: r.get(0)?, kind: word(r, 1)?, entry: r.get(2)?, label: r.get(3)?, line: r.get(4)? })
    };
    let mut out = Vec::new();
    // A prefix entry is stored as the start of the keys it covers: try every start of the key, then the key.
    let starts = key.char_indices().map(|(i, _)| i).skip(1).filter(|_| prefixes);
    for cut in starts.chain([key.len()]) {
        let whole = cut == key.len();
        for h in stmt.query_map(params![group, &key[..cut], whole], hit)? {
            out.push(h?);
        }
    }
    Ok(out)
}
