//! One row of the chain checked on its own, without walking the chain: by a report for the rows that
//! sealed its case, and by `audit log` for each row it shows.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};

use super::{Canonical, StoredRow, hash_row};
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
        .prepare_cached(
            "SELECT at, actor, action, case_id, details, prev_hash, hash, seal, signer, sig FROM audit WHERE id = ?1",
        )?
        .query_row([id], |r| StoredRow::read(r, 0))
        .optional()?;
    let StoredRow { at, actor, action, case_id, details, prev_hash: prev, hash, seal, signer, sig } = match row {
        None => return Ok(Err("is missing".into())),
        Some(Err(why)) => return Ok(Err(why)),
        Some(Ok(row)) => row,
    };
    let canonical =
        Canonical { id, at: &at, actor: &actor, action: &action, case_id, details: &details, seal: seal.as_deref() };
    if hash_row(&prev, &canonical) != hash {
        return Ok(Err("its contents do not match its hash; the row was changed".into()));
    }
    if signer.as_deref() != Some(mine.fingerprint())
        || !sig.is_some_and(|sig| signing::verify_row(mine.public_key(), &hash, &sig))
    {
        return Ok(Err(format!("is not signed by this machine's key {}", mine.fingerprint())));
    }
    Ok(seal.and_then(|s| serde_json::from_str(&s).ok()).ok_or_else(|| "its seal is not readable".to_string()))
}

/// Why row `id` is not as it was written, if it is not: its contents no longer give its hash, or it does
/// not link to the row before it. What a listing of rows checks of each row it shows (`audit log`); only a
/// walk of the whole chain (`audit verify`) checks every row, and the signatures.
pub fn row_problem(conn: &Connection, id: i64) -> Result<Option<String>> {
    let row = conn
        .query_row(
            "SELECT at, actor, action, case_id, details, prev_hash, hash, seal, signer, sig,
                    (SELECT hash FROM audit WHERE id = ?1 - 1) FROM audit WHERE id = ?1",
            [id],
            |r| Ok((StoredRow::read(r, 0)?, r.get::<_, Option<String>>(10)?)),
        )
        .optional()?;
    let (row, before) = match row {
        None => return Ok(Some(format!("audit row {id} is missing"))),
        Some((Err(why), _)) => return Ok(Some(format!("audit row {id} {why}"))),
        Some((Ok(row), before)) => (row, before),
    };
    let canonical = Canonical {
        id,
        at: &row.at,
        actor: &row.actor,
        action: &row.action,
        case_id: row.case_id,
        details: &row.details,
        seal: row.seal.as_deref(),
    };
    if hash_row(&row.prev_hash, &canonical) != row.hash {
        return Ok(Some(format!("audit row {id}'s contents do not match its hash: it was changed")));
    }
    if id > 1 && before.as_deref() != Some(row.prev_hash.as_str()) {
        return Ok(Some(format!("audit row {id} does not follow the row before it: a row was changed or removed")));
    }
    Ok(None)
}
