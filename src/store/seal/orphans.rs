//! Records of a case held through another record, not through a `case_id` of their own (a note's earlier
//! revisions, an evidence file's items, checks and resume bands): written behind vetdesk's back under a
//! note or evidence number that does not exist, they belong to no case, so no seal covers them, and the
//! note or evidence record later made under that number would be sealed with them as its own.

use rusqlite::Connection;

use crate::{Error, Result};

/// Each table of such records: its name, the column naming its record, and that record's table.
const HELD: [(&str, &str, &str); 4] = [
    ("note_revision", "note_id", "note"),
    ("evidence_item", "evidence_id", "evidence"),
    ("evidence_check", "evidence_id", "evidence"),
    ("resume_band", "evidence_id", "evidence"),
];

/// Records held under a note or evidence number that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Orphans {
    pub table: &'static str,
    /// `note` or `evidence`.
    pub holder: &'static str,
    pub holder_id: i64,
    pub rows: i64,
}

/// Every such record, by table and number (at most `limit` numbers): what `audit verify` names.
pub fn orphans(conn: &Connection, limit: u32) -> Result<Vec<Orphans>> {
    let mut out = Vec::new();
    for (table, column, holder) in HELD {
        let mut stmt = conn.prepare(&format!(
            "SELECT {column}, count(*) FROM {table} AS c WHERE NOT EXISTS (SELECT 1 FROM {holder} WHERE id = c.{column})
             GROUP BY {column} ORDER BY {column} LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (holder_id, rows) = row?;
            out.push(Orphans { table, holder, holder_id, rows });
        }
    }
    Ok(out)
}

/// Refuses a change while records are held under a note or evidence number above the largest there is:
/// the next note or evidence record would take that number, and them with it. One index seek per table,
/// so it costs the same at any size. Call before a note or evidence record is made.
pub fn check_none_ahead(conn: &Connection) -> Result<()> {
    for (table, column, holder) in HELD {
        let ahead: Option<i64> = conn
            .prepare_cached(&format!(
                "SELECT min({column}) FROM {table} WHERE {column} > (SELECT coalesce(max(id), 0) FROM {holder})"
            ))?
            .query_row([], |r| r.get(0))?;
        if let Some(id) = ahead {
            return Err(Error::invalid(format!(
                "records were written behind vetdesk's back under {holder} #{id}, which does not exist yet ({table}): \
                 the next {holder} would be sealed with them as its own; nothing was written. Run `vetdesk audit \
                 verify` and restore the workspace from a copy you trust"
            )));
        }
    }
    Ok(())
}
