//! One row of the chain checked on its own, without walking the chain: by a report for the rows that
//! sealed its case (those another key signed, against what this machine found when it last walked the
//! chain), and by `audit log` for each row it shows.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};

use super::{Canonical, hash_row};
use crate::Result;
use crate::signing::{self, Signer};

/// Checks one row on its own: its hash against its contents and its signature by `mine`. Returns the
/// digests it sealed, or why it does not hold.
pub fn check_row(
    conn: &Connection,
    mine: &Signer,
    id: i64,
) -> Result<std::result::Result<BTreeMap<String, String>, String>> {
    let row = conn
        .prepare_cached(&StoredRow::select("SELECT {columns} FROM audit WHERE id = ?1"))?
        .query_row([id], |r| StoredRow::read(r, 0))
        .optional()?;
    let row = match row {
        None => return Ok(Err("is missing".into())),
        Some(Err(why)) => return Ok(Err(why)),
        Some(Ok(row)) => row,
    };
    if !row.gives_its_hash(id) {
        return Ok(Err("its contents do not match its hash; the row was changed".into()));
    }
    let StoredRow { hash, seal, signer, sig, .. } = row;
    if signer.as_deref() != Some(mine.fingerprint())
        || !sig.is_some_and(|sig| signing::verify_row(mine.public_key(), &hash, &sig))
    {
        return Ok(Err(format!("is not signed by this machine's key {}", mine.fingerprint())));
    }
    Ok(seal.and_then(|s| serde_json::from_str(&s).ok()).ok_or_else(|| "its seal is not readable".to_string()))
}

/// Whether row `id` names this machine's key as its signer (whatever its signature).
pub fn signed_here(conn: &Connection, mine: &Signer, id: i64) -> Result<bool> {
    let signer: Option<Option<String>> =
        conn.prepare_cached("SELECT signer FROM audit WHERE id = ?1")?.query_row([id], |r| r.get(0)).optional()?;
    Ok(signer.flatten().as_deref() == Some(mine.fingerprint()))
}

/// Checks row `id`, which another key signed, against what this machine found when it last walked the
/// chain: its hash against its contents, then each row after it up to `anchor` (a row id and the hash
/// this machine recorded for it then) against its own contents and the row before it, ending at that
/// hash. The rows are then as that walk found them. Returns the digests row `id` sealed, or why it could
/// not be vouched for so (a row changed, or the chain rewritten since: the caller walks the whole chain).
pub fn check_row_linked(
    conn: &Connection,
    id: i64,
    anchor: (i64, &str),
) -> Result<std::result::Result<BTreeMap<String, String>, String>> {
    let mut stmt = conn.prepare_cached(&StoredRow::select(
        "SELECT id, {columns} FROM audit WHERE id >= ?1 AND id <= ?2 ORDER BY id",
    ))?;
    let mut rows = stmt.query([id, anchor.0])?;
    let (mut expected, mut prev, mut sealed) = (id, None::<String>, None);
    while let Some(r) = rows.next()? {
        let row_id: i64 = r.get(0)?;
        let row = match StoredRow::read(r, 1)? {
            Ok(row) => row,
            Err(why) => return Ok(Err(format!("row {row_id} {why}"))),
        };
        if row_id != expected || !row.gives_its_hash(row_id) {
            return Ok(Err(format!("row {row_id} is not as this machine last found it")));
        }
        if prev.as_ref().is_some_and(|p| *p != row.prev_hash) {
            return Ok(Err(format!("row {row_id} does not link to the row before it")));
        }
        if row_id == id {
            sealed = Some(row.seal);
        }
        prev = Some(row.hash);
        expected = row_id + 1;
    }
    if expected != anchor.0 + 1 || prev.as_deref() != Some(anchor.1) {
        return Ok(Err(format!("row {} is not the one this machine last found there", anchor.0)));
    }
    Ok(sealed.flatten().and_then(|s| serde_json::from_str(&s).ok()).ok_or_else(|| "its seal is not readable".into()))
}

/// Why row `id` is not as it was written, if it is not: its contents no longer give its hash, or it does
/// not link to the row before it. What a listing of rows checks of each row it shows (`audit log`); only a
/// walk of the whole chain (`audit verify`) checks every row, and the signatures.
pub fn row_problem(conn: &Connection, id: i64) -> Result<Option<String>> {
    let row = conn
        .query_row(
            &StoredRow::select("SELECT {columns}, (SELECT hash FROM audit WHERE id = ?1 - 1) FROM audit WHERE id = ?1"),
            [id],
            |r| Ok((StoredRow::read(r, 0)?, r.get::<_, Option<String>>(StoredRow::COLUMNS.len())?)),
        )
        .optional()?;
    Ok(match row {
        None => Some(format!("audit row {id} is missing")),
        Some((row, before)) => problem_of(id, row, before.as_deref()),
    })
}

/// Why one of case `case_id`'s audit rows is not as it was written, if one is: [`row_problem`] for each
/// of them, in one pass over the case's index. What a view of the case and a change to it check of the
/// case's own trail; rows of other cases, and the signatures, are left to `audit verify`.
pub fn case_rows_problem(conn: &Connection, case_id: i64) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached(&StoredRow::select(
        "SELECT id, {columns}, (SELECT b.hash FROM audit AS b WHERE b.id = audit.id - 1)
           FROM audit WHERE case_id = ?1 ORDER BY id",
    ))?;
    let mut rows = stmt.query([case_id])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let before: Option<String> = r.get(1 + StoredRow::COLUMNS.len())?;
        if let Some(problem) = problem_of(id, StoredRow::read(r, 1)?, before.as_deref()) {
            return Ok(Some(problem));
        }
    }
    Ok(None)
}

/// Why row `id`, read as `row`, is not as it was written, given the hash of the row before it (`None`
/// when there is no such row).
fn problem_of(id: i64, row: std::result::Result<StoredRow, String>, before: Option<&str>) -> Option<String> {
    let row = match row {
        Err(why) => return Some(format!("audit row {id} {why}")),
        Ok(row) => row,
    };
    if !row.gives_its_hash(id) {
        return Some(format!("audit row {id}'s contents do not match its hash: it was changed"));
    }
    if id > 1 && before != Some(row.prev_hash.as_str()) {
        return Some(format!("audit row {id} does not follow the row before it: a row was changed or removed"));
    }
    None
}

/// An audit row's columns after its id, as stored.
pub(super) struct StoredRow {
    pub(super) at: String,
    pub(super) actor: String,
    pub(super) action: String,
    pub(super) case_id: Option<i64>,
    pub(super) details: String,
    pub(super) prev_hash: String,
    pub(super) hash: String,
    pub(super) seal: Option<String>,
    pub(super) signer: Option<String>,
    pub(super) sig: Option<Vec<u8>>,
}

impl StoredRow {
    /// The columns [`StoredRow::read`] reads, in its order.
    pub(super) const COLUMNS: [&str; 10] =
        ["at", "actor", "action", "case_id", "details", "prev_hash", "hash", "seal", "signer", "sig"];

    /// `sql` with `{columns}` replaced by [`StoredRow::COLUMNS`], for a query that [`StoredRow::read`] reads.
    pub(super) fn select(sql: &str) -> String {
        sql.replacen("{columns}", &Self::COLUMNS.join(", "), 1)
    }

    /// Whether row `id`'s contents, after the hash it names as the one before it, give the hash it holds.
    pub(super) fn gives_its_hash(&self, id: i64) -> bool {
        let StoredRow { at, actor, action, case_id, details, prev_hash, hash, seal, .. } = self;
        let canonical = Canonical { id, at, actor, action, case_id: *case_id, details, seal: seal.as_deref() };
        hash_row(prev_hash, &canonical) == *hash
    }

    /// Reads the columns `at` … `sig` from column `first` on; `Err` names the first one holding a value
    /// of another kind than vetdesk writes there.
    pub(super) fn read(
        r: &rusqlite::Row<'_>,
        first: usize,
    ) -> rusqlite::Result<std::result::Result<StoredRow, String>> {
        use rusqlite::types::ValueRef;
        let mut values = Vec::with_capacity(Self::COLUMNS.len());
        for i in 0..Self::COLUMNS.len() {
            values.push(r.get_ref(first + i)?);
        }
        let wrong =
            |i: usize| format!("its {} is not of the kind vetdesk writes there; the row was changed", Self::COLUMNS[i]);
        let text = |i: usize| match values[i] {
            ValueRef::Text(t) => std::str::from_utf8(t).map(str::to_string).map_err(|_| wrong(i)),
            _ => Err(wrong(i)),
        };
        let optional_text = |i: usize| match values[i] {
            ValueRef::Null => Ok(None),
            _ => text(i).map(Some),
        };
        Ok((|| {
            Ok(StoredRow {
                at: text(0)?,
                actor: text(1)?,
                action: text(2)?,
                case_id: match values[3] {
                    ValueRef::Null => None,
                    ValueRef::Integer(id) => Some(id),
                    _ => return Err(wrong(3)),
                },
                details: text(4)?,
                prev_hash: text(5)?,
                hash: text(6)?,
                seal: optional_text(7)?,
                signer: optional_text(8)?,
                sig: match values[9] {
                    ValueRef::Null => None,
                    ValueRef::Blob(b) => Some(b.to_vec()),
                    _ => return Err(wrong(9)),
                },
            })
        })())
    }
}
