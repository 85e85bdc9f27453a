//! Subjects: the people and businesses in a case.

use rusqlite::{Connection, OptionalExtension, params};

use super::{opt_word, word};
use crate::domain::{HireStage, Role, Subject};
use crate::store::cases::split_tags;
use crate::{Error, Result};

const COLUMNS: &str = "id, case_id, role, name, business, aliases, location, position, vendor, hire_stage, hired_on, created_at, updated_at, voided_at, voided_by, void_reason";

fn subject(r: &rusqlite::Row<'_>) -> rusqlite::Result<Subject> {
    let aliases: String = r.get(5)?;
    Ok(Subject {
        id: r.get(0)?,
        case_id: r.get(1)?,
        role: word(r, 2)?,
        name: r.get(3)?,
        business: r.get(4)?,
        aliases: split_tags(&aliases),
        location: r.get(6)?,
        position: r.get(7)?,
        vendor: r.get(8)?,
        hire_stage: opt_word(r, 9)?,
        hired_on: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
        void: super::void_at(r, 13)?,
    })
}

pub fn insert(conn: &Connection, s: &Subject) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO subject (case_id, role, name, business, aliases, location, position, vendor, hire_stage, hired_on,
                              created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        s.case_id,
        s.role.as_str(),
        s.name,
        s.business,
        s.aliases.join(", "),
        s.location,
        s.position,
        s.vendor,
        s.hire_stage.map(HireStage::as_str),
        s.hired_on,
        s.created_at,
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, s: &Subject) -> Result<()> {
    conn.prepare_cached(
        "UPDATE subject SET role = ?2, name = ?3, business = ?4, aliases = ?5, location = ?6, position = ?7,
                vendor = ?8, hire_stage = ?9, hired_on = ?10, updated_at = ?11 WHERE id = ?1",
    )?
    .execute(params![
        s.id,
        s.role.as_str(),
        s.name,
        s.business,
        s.aliases.join(", "),
        s.location,
        s.position,
        s.vendor,
        s.hire_stage.map(HireStage::as_str),
        s.hired_on,
        s.updated_at,
    ])?;
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<Subject> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM subject WHERE id = ?1"))?
        .query_row([id], subject)
        .optional()?
        .ok_or(Error::SubjectNotFound(id))
}

pub fn of_case(conn: &Connection, case_id: i64) -> Result<Vec<Subject>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM subject WHERE case_id = ?1 ORDER BY id"))?;
    let rows = stmt.query_map([case_id], subject)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Role of a subject, for checks; also proves it exists.
pub fn role(conn: &Connection, id: i64) -> Result<(i64, Role)> {
    conn.prepare_cached("SELECT case_id, role FROM subject WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, word(r, 1)?)))
        .optional()?
        .ok_or(Error::SubjectNotFound(id))
}
