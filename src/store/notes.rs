//! Notes: the investigator's timestamped journal per case, full-text indexed.

use rusqlite::{Connection, OptionalExtension, params};

use super::cases::ArchivedCases;
use super::fts::{self, Index};
use crate::Result;
use crate::domain::{Note, NoteRevision};

/// The columns [`note`] reads, for a note aliased `n`.
const COLUMNS: &str = "n.id, n.case_id, n.body, n.author, n.created_at,
                       (SELECT count(*) FROM note_revision r WHERE r.note_id = n.id), n.voided_at, n.voided_by, n.void_reason,
                       (SELECT replaced_by FROM note_revision r WHERE r.note_id = n.id ORDER BY revision DESC LIMIT 1),
                       (SELECT replaced_at FROM note_revision r WHERE r.note_id = n.id ORDER BY revision DESC LIMIT 1)";

fn note(r: &rusqlite::Row<'_>) -> rusqlite::Result<Note> {
    note_with(r, r.get(2)?)
}

/// [`note`] for a page of search results, which reach across cases: a body stored as bytes that are not
/// UTF-8 is shown with U+FFFD in their place ([`super::shown`]) under the page's check of each case it
/// names, rather than stopping the search. A case's own notes, and the notes an edit or a bundle reads,
/// are read strictly, so that such a body is refused, never written back altered.
fn note_shown(r: &rusqlite::Row<'_>) -> rusqlite::Result<Note> {
    note_with(r, super::shown(r, 2)?)
}

fn note_with(r: &rusqlite::Row<'_>, body: String) -> rusqlite::Result<Note> {
    Ok(Note {
        id: r.get(0)?,
        case_id: r.get(1)?,
        body,
        author: r.get(3)?,
        created_at: r.get(4)?,
        revisions: r.get(5)?,
        edited: match (r.get(9)?, r.get(10)?) {
            (Some(by), Some(at)) => Some(crate::domain::NoteEdit { by, at }),
            _ => None,
        },
        void: super::void_at(r, 6)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Note> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM note n WHERE n.id = ?1"))?
        .query_row([id], note)
        .optional()?
        .ok_or_else(|| crate::Error::invalid(format!("no note #{id}")))
}

/// A note's earlier texts, oldest first.
pub fn history(conn: &Connection, note_id: i64) -> Result<Vec<NoteRevision>> {
    let mut stmt = conn.prepare_cached(
        "SELECT revision, body, written_by, written_at, replaced_by, replaced_at FROM note_revision
         WHERE note_id = ?1 ORDER BY revision",
    )?;
    let rows = stmt.query_map([note_id], |r| {
        Ok(NoteRevision {
            revision: r.get(0)?,
            body: r.get(1)?,
            written_by: r.get(2)?,
            written_at: r.get(3)?,
            replaced_by: r.get(4)?,
            replaced_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces a note's text, keeping the text it had as its next revision.
pub fn revise(conn: &Connection, note_id: i64, earlier: &NoteRevision, body: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO note_revision (note_id, revision, body, written_by, written_at, replaced_by, replaced_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        note_id,
        earlier.revision,
        earlier.body,
        earlier.written_by,
        earlier.written_at,
        earlier.replaced_by,
        earlier.replaced_at
    ])?;
    conn.prepare_cached("UPDATE note SET body = ?2 WHERE id = ?1")?.execute(params![note_id, body])?;
    Ok(())
}

pub fn insert(conn: &Connection, case_id: i64, body: &str, author: &str, now: &str) -> Result<i64> {
    // Revisions written under the number the note takes would be sealed as its history.
    super::seal::check_none_ahead(conn)?;
    conn.prepare_cached("INSERT INTO note (case_id, body, author, created_at) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![case_id, body, author, now])?;
    Ok(conn.last_insert_rowid())
}

/// Oldest first, paged.
pub fn of_case(conn: &Connection, case_id: i64, limit: u32, offset: u32) -> Result<Vec<Note>> {
    // The page is numbers in the text, not parameters: SQLite plans with a bound LIMIT's value, so it
    // prepares the statement again at every binding anyway.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM note n WHERE n.case_id = ?1 ORDER BY n.created_at, n.id LIMIT {limit} OFFSET {offset}"
    ))?;
    let rows = stmt.query_map(params![case_id], note)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn count(conn: &Connection, case_id: i64) -> Result<u64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM note WHERE case_id = ?1")?
        .query_row([case_id], |r| r.get::<_, i64>(0))?
        .unsigned_abs())
}

/// How many of a case's notes are voided.
pub fn count_voided(conn: &Connection, case_id: i64) -> Result<u64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM note WHERE case_id = ?1 AND voided_at IS NOT NULL")?
        .query_row([case_id], |r| r.get::<_, i64>(0))?
        .unsigned_abs())
}

/// Full-text search over every note, newest first. `query` is taken as plain words ([`fts::query`]), not FTS
/// syntax.
pub fn search(conn: &Connection, query: &str, limit: u32) -> Result<Vec<Note>> {
    Ok(search_page(conn, query, ArchivedCases::Included, None, limit, 0, 0)?.0)
}

/// Notes holding every word of `query`, in the cases `archived` says, newest first: those older than note
/// `before` when given, `offset` skipped, at most `limit`; and, when the page is full, how many older notes
/// match too, counted up to `more_cap` (which then means at least that many; 0 counts nothing), so the
/// answer costs the same however many notes match. The full-text index is walked in rowid order and stops
/// at the page, so a page costs the same in a thousand cases and in a million (ranking every hit first
/// would not). The words are read into a full-text query once for both.
pub fn search_page(
    conn: &Connection,
    query: &str,
    archived: ArchivedCases,
    before: Option<i64>,
    limit: u32,
    offset: u32,
    more_cap: u32,
) -> Result<(Vec<Note>, u64)> {
    let Some(fts) = fts::query(conn, Index::Notes, query)? else { return Ok((Vec::new(), 0)) };
    let cases = archived.condition();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM note_fts f JOIN note n ON n.id = f.rowid JOIN \"case\" c ON c.id = n.case_id
         WHERE note_fts MATCH ?1 AND f.rowid < ?2 AND {cases} ORDER BY f.rowid DESC LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt.query_map(params![fts, before.unwrap_or(i64::MAX), limit, offset], note_shown)?;
    let notes: Vec<Note> = rows.collect::<rusqlite::Result<_>>()?;
    let more = match notes.last() {
        Some(last) if more_cap > 0 && notes.len() as u64 == u64::from(limit) => {
            let sql = format!(
                "SELECT count(*) FROM (SELECT f.rowid FROM note_fts f JOIN note n ON n.id = f.rowid
                 JOIN \"case\" c ON c.id = n.case_id
                 WHERE note_fts MATCH ?1 AND f.rowid < ?2 AND {cases} ORDER BY f.rowid DESC LIMIT ?3)"
            );
            conn.prepare_cached(&sql)?
                .query_row(params![fts, last.id, more_cap], |r| r.get::<_, i64>(0))?
                .unsigned_abs()
        }
        _ => 0,
    };
    Ok((notes, more))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Store, cases};

    #[test]
    fn search_finds_words_prefixes_and_survives_fts_syntax() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| {
                let c = cases::insert(tx, "c", crate::domain::Priority::Low, "t", "2026-01-01T00:00:00Z")?;
                insert(
                    tx,
                    c,
                    "Candidate kept the camera off; said the webcam was broken",
                    "ana",
                    "2026-01-01T00:00:00Z",
                )?;
                insert(tx, c, "Laptop shipped to a freight forwarder in Zürich", "ana", "2026-01-02T00:00:00Z")?;
                Ok(())
            })
            .unwrap();
        let hits = |q| search(store.conn(), q, 10).unwrap().len();
        assert_eq!(hits("webcam"), 1);
        assert_eq!(hits("freight forward"), 1);
        assert_eq!(hits("zurich"), 1, "diacritics are folded");
        assert_eq!(hits("\"unbalanced AND ("), 0);
        assert_eq!(hits("   "), 0);
    }
}
