//! What a case bundle reads from the store: a case's audit rows as the chain holds them (every column
//! its hash and signature cover), and the public keys that signed them.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use super::audit::{self, Canonical};
use crate::Result;

/// One audit row with everything needed to check it away from its workspace: its hash is
/// `sha256(prev_hash || [id, at, actor, action, case_id, details, seal])` (see `store::audit`), and
/// `sig` (hex) is the `signer` key's signature of `hash`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainRow {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub case_id: Option<i64>,
    /// The details exactly as hashed (a JSON text).
    pub details: String,
    pub seal: Option<String>,
    pub prev_hash: String,
    pub hash: String,
    pub signer: Option<String>,
    pub sig: Option<String>,
}

impl ChainRow {
    /// Whether the row's contents give its hash.
    pub fn hash_holds(&self) -> bool {
        let canonical = Canonical {
            id: self.id,
            at: &self.at,
            actor: &self.actor,
            action: &self.action,
            case_id: self.case_id,
            details: &self.details,
            seal: self.seal.as_deref(),
        };
        audit::hash_row(&self.prev_hash, &canonical) == self.hash
    }
}

/// Every audit row of one case, oldest first.
pub fn case_rows(conn: &Connection, case_id: i64) -> Result<Vec<ChainRow>> {
    let sql = "SELECT id, at, actor, action, case_id, details, seal, prev_hash, hash, signer, sig FROM audit
               WHERE case_id = ?1 ORDER BY id";
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(params![case_id], |r| {
        Ok(ChainRow {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            case_id: r.get(4)?,
            details: r.get(5)?,
            seal: r.get(6)?,
            prev_hash: r.get(7)?,
            hash: r.get(8)?,
            signer: r.get(9)?,
            sig: r.get::<_, Option<Vec<u8>>>(10)?.map(|b| audit::hex(&b)),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The public keys (OpenSSH one-line form) of the given fingerprints that this workspace lists.
pub fn signer_keys<'a>(
    conn: &Connection,
    fingerprints: impl IntoIterator<Item = &'a str>,
) -> Result<BTreeMap<String, String>> {
    let mut stmt = conn.prepare("SELECT public_key FROM signer WHERE fingerprint = ?1")?;
    let mut out = BTreeMap::new();
    for fingerprint in fingerprints {
        let key: Option<String> = rusqlite::OptionalExtension::optional(stmt.query_row([fingerprint], |r| r.get(0)))?;
        if let Some(key) = key {
            out.insert(fingerprint.to_string(), key);
        }
    }
    Ok(out)
}
