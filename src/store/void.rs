//! Voiding: a record set aside with who voided it, when and why, never deleted. Readers that feed
//! links, suggestions, search, scores or the summary skip voided records; the case view shows them.

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::Void;
use crate::{Error, Result};

/// The kinds of record that can be voided, each by its own id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voidable {
    Identifier,
    Payment,
    Subject,
    Note,
    Evidence,
}

impl Voidable {
    fn table(self) -> &'static str {
        match self {
            Voidable::Identifier => "identifier",
            Voidable::Payment => "payment",
            Voidable::Subject => "subject",
            Voidable::Note => "note",
            Voidable::Evidence => "evidence",
        }
    }

    /// The record's noun, as messages and audit actions name it.
    pub fn noun(self) -> &'static str {
        self.table()
    }
}

/// The case a record belongs to, and its void if it has one; an unknown id is an error naming it.
pub fn state(conn: &Connection, what: Voidable, id: i64) -> Result<(i64, Option<Void>)> {
    let sql = format!("SELECT case_id, voided_at, voided_by, void_reason FROM {} WHERE id = ?1", what.table());
    conn.prepare_cached(&sql)?
        .query_row([id], |r| Ok((r.get(0)?, super::void_at(r, 1)?)))
        .optional()?
        .ok_or_else(|| Error::invalid(format!("no {} #{id}", what.noun())))
}

/// The identifiers and payments, not voided, recorded against subject `subject_id`, by id.
pub fn held_by_subject(conn: &Connection, subject_id: i64) -> Result<(Vec<i64>, Vec<i64>)> {
    let ids = |sql: &str| -> Result<Vec<i64>> {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map([subject_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    Ok((
        ids("SELECT id FROM identifier WHERE subject_id = ?1 AND voided_at IS NULL ORDER BY id")?,
        ids("SELECT id FROM payment WHERE subject_id = ?1 AND voided_at IS NULL ORDER BY id")?,
    ))
}

/// Voids a record (`Some`) or clears its void (`None`).
pub fn set(conn: &Connection, what: Voidable, id: i64, void: Option<&Void>) -> Result<()> {
    let sql = format!("UPDATE {} SET voided_at = ?2, voided_by = ?3, void_reason = ?4 WHERE id = ?1", what.table());
    conn.prepare_cached(&sql)?.execute(params![
        id,
        void.map(|v| &v.voided_at),
        void.map(|v| &v.voided_by),
        void.map(|v| &v.reason)
    ])?;
    Ok(())
}
