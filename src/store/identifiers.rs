//! Identifiers: emails, phones, accounts and the rest, raw and normalized.

use rusqlite::{Connection, OptionalExtension, params};

use super::key_tags::TagKey;
use super::word;
use crate::domain::Identifier;
use crate::domain::identifier::Rules;
use crate::{Error, Result};

const COLUMNS: &str = "id, case_id, subject_id, kind, raw, normalized, loose, warning, note, created_at, voided_at, voided_by, void_reason";

fn identifier(r: &rusqlite::Row<'_>) -> rusqlite::Result<Identifier> {
    Ok(Identifier {
        id: r.get(0)?,
        case_id: r.get(1)?,
        subject_id: r.get(2)?,
        kind: word(r, 3)?,
        raw: r.get(4)?,
        normalized: r.get(5)?,
        loose: r.get(6)?,
        warning: r.get(7)?,
        note: r.get(8)?,
        created_at: r.get(9)?,
        void: super::void_at(r, 10)?,
    })
}

/// Writes a new identifier, whose keys were derived from its value under `rules`; with `tag_key`, tagged.
pub fn insert(conn: &Connection, i: &Identifier, rules: &Rules, tag_key: Option<&TagKey>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO identifier (case_id, subject_id, kind, raw, normalized, loose, warning, note, created_at, key_tag)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        i.case_id,
        i.subject_id,
        i.kind.as_str(),
        i.raw,
        i.normalized,
        i.loose,
        i.warning,
        i.note,
        i.created_at,
        tag(i, rules, tag_key)
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn of_case(conn: &Connection, case_id: i64) -> Result<Vec<Identifier>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM identifier WHERE case_id = ?1 ORDER BY kind, id"))?;
    let rows = stmt.query_map([case_id], identifier)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Identifier> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM identifier WHERE id = ?1"))?
        .query_row([id], identifier)
        .optional()?
        .ok_or_else(|| Error::invalid(format!("no identifier #{id}")))
}

/// Corrects an identifier, whose keys were derived afresh from its value under `rules`; with `tag_key`,
/// tagged.
pub fn update(conn: &Connection, i: &Identifier, rules: &Rules, tag_key: Option<&TagKey>) -> Result<()> {
    conn.prepare_cached(
        "UPDATE identifier SET subject_id = ?2, kind = ?3, raw = ?4, normalized = ?5, loose = ?6, warning = ?7, note = ?8,
                               key_tag = ?9
         WHERE id = ?1",
    )?
    .execute(params![
        i.id,
        i.subject_id,
        i.kind.as_str(),
        i.raw,
        i.normalized,
        i.loose,
        i.warning,
        i.note,
        tag(i, rules, tag_key)
    ])?;
    Ok(())
}

/// The tag of an identifier's keys, derived under `rules`, as a blob to store; none without `tag_key`.
pub(crate) fn tag(i: &Identifier, rules: &Rules, tag_key: Option<&TagKey>) -> Option<Vec<u8>> {
    tag_key.map(|k| k.identifier(rules, i.kind, &i.raw, &i.normalized, i.loose.as_deref()).to_vec())
}
