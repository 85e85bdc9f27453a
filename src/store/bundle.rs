//! What a case bundle reads from the store: a case's audit rows as the chain holds them (every column
//! its hash and signature cover), and the public keys that signed them.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};
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

/// Selects the columns of a [`ChainRow`] from `audit`.
const CHAIN_ROW: &str = "SELECT id, at, actor, action, case_id, details, seal, prev_hash, hash, signer,
                                CASE WHEN sig IS NULL THEN NULL ELSE lower(hex(sig)) END
                         FROM audit";

/// Every audit row of one case, oldest first.
pub fn case_rows(conn: &Connection, case_id: i64) -> Result<Vec<ChainRow>> {
    let mut stmt = conn.prepare(&format!("{CHAIN_ROW} WHERE case_id = ?1 ORDER BY id"))?;
    let rows = stmt.query_map(params![case_id], chain_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What a bundle carries of one case, read in one snapshot so that its parts agree: the case's audit
/// rows, its rows table by table, its seal rows (table, key, row hash in hex), and the audit row that
/// last sealed it when that is not one of the case's own rows.
pub struct CaseState {
    pub audit: Vec<ChainRow>,
    pub rows: super::case_rows::CaseRows,
    pub seal: Vec<(String, String, String)>,
    pub sealed_by: Option<ChainRow>,
    /// For a case that came in a bundle: where from, the origin's audit rows kept here, and the keys that
    /// signed them.
    pub origin: Option<(Origin, Vec<ChainRow>, BTreeMap<String, String>)>,
}

/// Reads [`CaseState`] inside one read transaction.
pub fn case_state(conn: &Connection, case_id: i64) -> Result<CaseState> {
    conn.execute_batch("BEGIN")?;
    let read = (|| {
        let scope = super::seal::Scope::Case(case_id);
        let seal = super::seal::stored(conn, scope)?
            .into_iter()
            .map(|((table, key), hash)| (table, key, audit::hex(&hash)))
            .collect();
        let last = audit::sealing_row(conn, scope, i64::MAX)?;
        let sealed_by = match last {
            Some(id) => {
                let sql = format!("{CHAIN_ROW} WHERE id = ?1 AND case_id IS NOT ?2");
                conn.query_row(&sql, params![id, case_id], chain_row).optional()?
            }
            None => None,
        };
        let origin = match origin(conn, case_id)? {
            Some(o) => {
                let rows = history(conn, case_id)?;
                let mut keys = history_signers(conn, case_id)?;
                // A case imported before the keys were kept with it: the key of the bundle it came in,
                // trusted here, or one of this workspace's own.
                for fingerprint in rows.iter().filter_map(|r| r.signer.as_deref()) {
                    if !keys.contains_key(fingerprint) {
                        let known: Option<String> = conn
                            .query_row(
                                "SELECT public_key FROM trusted_signer WHERE fingerprint = ?1
                                 UNION ALL SELECT public_key FROM signer WHERE fingerprint = ?1 LIMIT 1",
                                [fingerprint],
                                |r| r.get(0),
                            )
                            .optional()?;
                        if let Some(key) = known {
                            keys.insert(fingerprint.to_string(), key);
                        }
                    }
                }
                Some((o, rows, keys))
            }
            None => None,
        };
        Ok(CaseState {
            audit: case_rows(conn, case_id)?,
            rows: super::case_rows::dump(conn, case_id)?,
            seal,
            sealed_by,
            origin,
        })
    })();
    conn.execute_batch("ROLLBACK")?;
    read
}

/// A [`ChainRow`] from its eleven columns in order, the signature as hex.
fn chain_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ChainRow> {
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
        sig: r.get(10)?,
    })
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

/// A case's provenance: where a case that came in a bundle comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub case_id: i64,
    pub origin_workspace: String,
    pub origin_case: i64,
    pub signer: String,
    /// The SHA-256 of the signed manifest of the newest bundle applied to the case.
    pub bundle: String,
    /// The origin case's newest audit row in that bundle.
    pub origin_head: Option<String>,
    pub imported_at: String,
    pub imported_by: String,
}

const ORIGIN_COLUMNS: &str =
    "case_id, origin_workspace, origin_case, signer, bundle, origin_head, imported_at, imported_by";

fn origin_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Origin> {
    Ok(Origin {
        case_id: r.get(0)?,
        origin_workspace: r.get(1)?,
        origin_case: r.get(2)?,
        signer: r.get(3)?,
        bundle: r.get(4)?,
        origin_head: r.get(5)?,
        imported_at: r.get(6)?,
        imported_by: r.get(7)?,
    })
}

/// The provenance of case `case_id`, when it came in a bundle.
pub fn origin(conn: &Connection, case_id: i64) -> Result<Option<Origin>> {
    let sql = format!("SELECT {ORIGIN_COLUMNS} FROM case_origin WHERE case_id = ?1");
    Ok(rusqlite::OptionalExtension::optional(conn.query_row(&sql, [case_id], origin_row))?)
}

/// The local copies of a case of another workspace, newest first.
pub fn copies_of(conn: &Connection, workspace: &str, case: i64) -> Result<Vec<Origin>> {
    let sql = format!(
        "SELECT {ORIGIN_COLUMNS} FROM case_origin WHERE origin_workspace = ?1 AND origin_case = ?2 ORDER BY case_id DESC"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![workspace, case], origin_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records (or, for an update, replaces) a case's provenance.
pub fn put_origin(conn: &Connection, o: &Origin) -> Result<()> {
    conn.execute(
        &format!("INSERT OR REPLACE INTO case_origin ({ORIGIN_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
        params![
            o.case_id,
            o.origin_workspace,
            o.origin_case,
            o.signer,
            o.bundle,
            o.origin_head,
            o.imported_at,
            o.imported_by
        ],
    )?;
    Ok(())
}

/// Keeps the public keys that signed the origin's audit rows of an imported case (fingerprint → OpenSSH
/// public key, as the bundle listed them); keys kept from an earlier bundle stay as they are.
pub fn keep_signers(conn: &Connection, case_id: i64, signers: &BTreeMap<String, String>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO imported_signer (case_id, fingerprint, public_key) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
    )?;
    for (fingerprint, key) in signers {
        stmt.execute(params![case_id, fingerprint, key])?;
    }
    Ok(())
}

/// The keys kept by [`keep_signers`] for a case.
pub fn history_signers(conn: &Connection, case_id: i64) -> Result<BTreeMap<String, String>> {
    let mut stmt = conn.prepare_cached("SELECT fingerprint, public_key FROM imported_signer WHERE case_id = ?1")?;
    let rows = stmt.query_map([case_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Keeps the origin's audit rows of an imported case; rows kept from an earlier bundle stay as they are.
pub fn keep_history(conn: &Connection, case_id: i64, rows: &[ChainRow]) -> Result<usize> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO imported_audit (case_id, origin_id, at, actor, action, origin_case, details, seal, prev_hash, hash,
             signer, sig) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT DO NOTHING",
    )?;
    let mut added = 0;
    for r in rows {
        added += stmt.execute(params![
            case_id,
            r.id,
            r.at,
            r.actor,
            r.action,
            r.case_id,
            r.details,
            r.seal,
            r.prev_hash,
            r.hash,
            r.signer,
            r.sig
        ])?;
    }
    Ok(added)
}

/// The origin's audit rows kept for an imported case, oldest first.
pub fn history(conn: &Connection, case_id: i64) -> Result<Vec<ChainRow>> {
    let mut stmt = conn.prepare(
        "SELECT origin_id, at, actor, action, origin_case, details, seal, prev_hash, hash, signer, sig
         FROM imported_audit WHERE case_id = ?1 ORDER BY origin_id",
    )?;
    let rows = stmt.query_map([case_id], chain_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The action and details of a case's newest audit row that is not a check of its files.
pub fn newest_action(conn: &Connection, case_id: i64) -> Result<Option<(String, String)>> {
    // A check of the case's files (the one an import makes right after it, `on_import`, or one made here
    // since) changes none of the records a bundle carries: it adds this workspace's own check rows.
    Ok(rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT action, details FROM audit WHERE case_id = ?1 AND action <> 'evidence.verify'
         ORDER BY id DESC LIMIT 1",
        [case_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    ))?)
}

/// When and by whom a bundle (by the SHA-256 of its manifest) was imported here.
pub fn imported(conn: &Connection, bundle: &str) -> Result<Option<(String, String)>> {
    Ok(rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT imported_at, imported_by FROM bundle_import WHERE bundle = ?1",
        [bundle],
        |r| Ok((r.get(0)?, r.get(1)?)),
    ))?)
}

pub fn record_import(
    conn: &Connection,
    bundle: &str,
    file_name: &str,
    signer: &str,
    cases: usize,
    at: &str,
    by: &str,
) -> Result<()> {
    let inserted = conn.execute(
        "INSERT INTO bundle_import (bundle, file_name, signer, cases, imported_at, imported_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![bundle, file_name, signer, cases as i64, at, by],
    );
    match inserted {
        // Another vetdesk imported the same bundle a moment before, after this one checked.
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
            Err(crate::Error::invalid(format!(
                "{file_name} was imported here a moment ago by another vetdesk; nothing was imported"
            )))
        }
        other => other.map(|_| ()).map_err(Into::into),
    }
}

/// Whether bundles signed by `fingerprint` are taken, besides this machine's own key: one trusted with
/// `bundle import --trust` (a sealed record). The keys that signed audit rows (`signer`) are not: that
/// table is a cache anyone with the file can add a key to.
pub fn is_trusted(conn: &Connection, fingerprint: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM trusted_signer WHERE fingerprint = ?1)", [fingerprint], |r| {
        r.get(0)
    })?)
}

pub fn trust(conn: &Connection, fingerprint: &str, public_key: &str, at: &str, by: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO trusted_signer (fingerprint, public_key, trusted_at, trusted_by) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT DO NOTHING",
        params![fingerprint, public_key, at, by],
    )?;
    Ok(())
}

/// A case in another workspace: that workspace's id and the case's id there.
pub type CaseThere = (String, i64);

/// Each case that came in a bundle, with the cases it is a copy of (a workspace id and a case id there):
/// the origin's own case, and the case its origin had imported it from, when the origin's history kept
/// here begins with that import (one hand-over further back). The two are the same when there is none.
pub fn lineages(conn: &Connection) -> Result<Vec<(i64, [CaseThere; 2])>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.case_id, o.origin_workspace, o.origin_case,
                (SELECT a.details FROM imported_audit a
                  WHERE a.case_id = o.case_id AND a.action IN ('bundle.import', 'bundle.update')
                  ORDER BY a.origin_id LIMIT 1)
           FROM case_origin o",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, Option<String>>(3)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (case_id, workspace, case, imported) = row?;
        let before = imported
            .and_then(|d| serde_json::from_str::<serde_json::Value>(&d).ok())
            .and_then(|d| Some((d["origin_workspace"].as_str()?.to_string(), d["origin_case"].as_i64()?)));
        let before = before.unwrap_or_else(|| (workspace.clone(), case));
        out.push((case_id, [(workspace, case), before]));
    }
    Ok(out)
}
