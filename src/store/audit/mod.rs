//! The audit trail: append-only, hash-chained, sealing and signed. Each row stores
//! `hash = sha256(prev_hash || canonical row)`, where the canonical row is the JSON array
//! `[id, at, actor, action, case_id, details, seal]` (rows written before sealing have no `seal` and
//! leave it out) and the first row's `prev_hash` is 64 zeros. `seal` maps each scope the change touched
//! to its digest (see `seal.rs`). `sig` is the signer's sshsig signature of `hash` (see `signing.rs`).

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::seal::{self, Scope};
use crate::Result;
use crate::signing::{self, RowBatch, Signer};

mod log;
pub use log::{CASES_LISTED, actions_of_case, any_of_action, count_before, list, of_action, page};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub case_id: Option<i64>,
    pub details: serde_json::Value,
    pub hash: String,
    pub signer: Option<String>,
}

/// The newest row: its id and hash pin the whole chain before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainHead {
    pub rows: i64,
    pub last_id: i64,
    pub hash: String,
}

/// The rows one key signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignerTally {
    pub fingerprint: String,
    /// Whether this is the key of the machine checking: only then do its signatures prove anything.
    pub here: bool,
    pub rows: i64,
    pub first_row: i64,
    pub last_row: i64,
}

/// The outcome of walking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainCheck {
    pub rows: i64,
    pub head: Option<String>,
    /// The first row that does not fit the chain, and why.
    pub broken: Option<(i64, String)>,
    /// Rows written before signing began (by an older vetdesk), all at the start of the chain.
    pub unsigned_rows: i64,
    /// Rows not walked this time because this machine walked them before and found them holding (see
    /// [`verify_from`]); 0 for a whole walk.
    pub vouched_rows: i64,
    /// How many of those rows other keys signed, as this machine counted them then: their signatures
    /// cannot be checked here.
    pub vouched_foreign: i64,
    pub signers: Vec<SignerTally>,
    /// The digest each scope was last sealed with, and the row that sealed it, from the rows up to the
    /// first break.
    #[serde(skip)]
    pub seals: HashMap<Scope, Sealed>,
    /// The hash of every walked row whose id is a multiple of [`CHECKPOINT_ROWS`], up to the first break,
    /// as bytes: kept as a string each, the 15,625 of a million-row walk took its peak from 36 MB to
    /// 370 MB, though together they are 500 KB.
    #[serde(skip)]
    pub checkpoints: Vec<(i64, [u8; 32])>,
}

/// Every this many rows, a walk that holds leaves the row's hash with this machine (see
/// [`check_row_linked`]).
pub const CHECKPOINT_ROWS: i64 = 64;

impl ChainCheck {
    /// Keys that signed rows here but are not this machine's: their rows cannot be checked here.
    pub fn foreign_signers(&self) -> impl Iterator<Item = &SignerTally> {
        self.signers.iter().filter(|s| !s.here)
    }
}

/// The fields of a row that its hash covers.
#[derive(Debug, Clone, Copy)]
pub struct Canonical<'a> {
    pub id: i64,
    pub at: &'a str,
    pub actor: &'a str,
    pub action: &'a str,
    pub case_id: Option<i64>,
    pub details: &'a str,
    pub seal: Option<&'a str>,
}

pub fn hash_row(prev: &str, row: &Canonical<'_>) -> String {
    let Canonical { id, at, actor, action, case_id, details, seal } = *row;
    let canonical = match seal {
        None => serde_json::to_string(&(id, at, actor, action, case_id, details)),
        Some(seal) => serde_json::to_string(&(id, at, actor, action, case_id, details, seal)),
    }
    .expect("a tuple of strings and integers serializes");
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(canonical.as_bytes());
    hex(&h.finalize())
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// The bytes of a lowercase or uppercase hex string; `None` when it is not one.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

/// One change's audit entry.
pub struct Entry<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub action: &'a str,
    pub case_id: Option<i64>,
    pub details: &'a serde_json::Value,
}

/// Each key that signed audit rows of case `case_id` (its own rows, and workspace rows that name it among
/// others), with how many; rows from before rows were signed are left out. Read along the case's index.
pub fn case_signers(conn: &Connection, case_id: i64) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT signer, count(*) FROM (
             SELECT signer FROM audit WHERE case_id = ?1
             UNION ALL
             SELECT a.signer FROM audit_case_ref r JOIN audit a ON a.id = r.audit_id WHERE r.case_id = ?1
         ) WHERE signer IS NOT NULL GROUP BY signer ORDER BY signer",
    )?;
    let rows = stmt.query_map([case_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Appends one row after the current head, sealing `scopes` (a case change seals its case; pass the
/// workspace-level scopes it touched) and signing the row; call inside the transaction that makes the
/// change, after its writes.
pub fn append(conn: &Connection, signer: &Signer, entry: &Entry<'_>, scopes: &[Scope]) -> Result<i64> {
    let mut digests = BTreeMap::new();
    for scope in entry.case_id.map(Scope::Case).iter().chain(scopes) {
        if let std::collections::btree_map::Entry::Vacant(slot) = digests.entry(scope.to_string()) {
            slot.insert(seal::reseal(conn, *scope)?);
        }
    }
    append_sealed(conn, signer, entry, &digests)
}

/// Fills `scope_head` from the chain in a workspace sealed before it was kept: for each scope, the last
/// row that sealed it. Returns how many scopes it found; does nothing when `scope_head` has rows.
pub fn fill_scope_heads(conn: &Connection) -> Result<usize> {
    let kept: i64 = conn.query_row("SELECT count(*) FROM scope_head", [], |r| r.get(0))?;
    if kept > 0 {
        return Ok(0);
    }
    let mut last: BTreeMap<String, i64> = BTreeMap::new();
    let mut stmt = conn.prepare("SELECT id, seal FROM audit WHERE seal IS NOT NULL ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let seal: String = row.get(1)?;
        let map: BTreeMap<String, String> = serde_json::from_str(&seal).unwrap_or_default();
        for scope in map.into_keys() {
            last.insert(scope, id);
        }
    }
    let mut insert = conn.prepare_cached("INSERT INTO scope_head (scope, audit_id) VALUES (?1, ?2)")?;
    for (scope, id) in &last {
        insert.execute(params![scope, id])?;
    }
    Ok(last.len())
}

/// [`append`] for a change whose scopes were resealed by the caller (see [`seal::reseal_table`]):
/// `digests` maps each scope's name to its digest.
pub fn append_sealed(
    conn: &Connection,
    signer: &Signer,
    entry: &Entry<'_>,
    digests: &BTreeMap<String, String>,
) -> Result<i64> {
    let seal = serde_json::to_string(digests).expect("a map of strings serializes");
    let (last_id, prev): (i64, String) = conn
        .prepare_cached(HEAD)?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS.to_string()));
    let id = last_id + 1;
    let details = entry.details.to_string();
    let canonical = Canonical {
        id,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        case_id: entry.case_id,
        details: &details,
        seal: Some(&seal),
    };
    let hash = hash_row(&prev, &canonical);
    let sig = signer.sign_row(&hash)?;
    conn.prepare_cached(
        "INSERT INTO signer (fingerprint, public_key, first_used) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
    )?
    .execute(params![signer.fingerprint(), signer.public_openssh(), entry.at])?;
    conn.prepare_cached(
        "INSERT INTO audit (id, at, actor, action, case_id, details, prev_hash, hash, seal, signer, sig)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        id,
        entry.at,
        entry.actor,
        entry.action,
        entry.case_id,
        details,
        prev,
        hash,
        seal,
        signer.fingerprint(),
        sig
    ])?;
    let mut head = conn.prepare_cached(
        "INSERT INTO scope_head (scope, audit_id) VALUES (?1, ?2) ON CONFLICT (scope) DO UPDATE SET audit_id = ?2",
    )?;
    for scope in digests.keys() {
        head.execute(params![scope, id])?;
    }
    Ok(id)
}

/// The newest row's id and hash, read by every change and every check (a statement kept prepared).
const HEAD: &str = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1";

pub fn head(conn: &Connection) -> Result<Option<ChainHead>> {
    Ok(conn
        .prepare_cached(HEAD)?
        .query_row([], |r| {
            let id: i64 = r.get(0)?;
            // Ids run 1, 2, 3… in an intact chain, so the newest id is the row count without a scan.
            Ok(ChainHead { rows: id, last_id: id, hash: r.get(1)? })
        })
        .optional()?)
}

/// Whether the chain records the workspace's sealing: the row that sealed it when it was made
/// (`workspace.create`) or when an older vetdesk's records were first sealed (`workspace.seal`), each
/// naming the `seal_version`. Read when that setting is missing, to tell a workspace never sealed from one
/// whose setting was removed behind vetdesk's back (it scans the trail then).
pub fn was_sealed(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM audit WHERE action IN ('workspace.create', 'workspace.seal')
                          AND json_extract(details, '$.seal_version') IS NOT NULL)",
        [],
        |r| r.get(0),
    )?)
}

/// The hash of row `id`, if there is such a row.
pub fn hash_at(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn.prepare_cached("SELECT hash FROM audit WHERE id = ?1")?.query_row([id], |r| r.get(0)).optional()?)
}

/// A digest of row `id` as it is stored, every column its check reads (contents, hash, link, signature,
/// signer): two copies of a workspace tell apart by it where one of them had the row edited, even by its
/// signature alone. `None` when there is no such row.
pub fn row_print(conn: &Connection, id: i64) -> Result<Option<String>> {
    let sql = "SELECT quote(id) || '|' || quote(at) || '|' || quote(actor) || '|' || quote(action) || '|' ||
                      quote(case_id) || '|' || quote(details) || '|' || quote(seal) || '|' || quote(prev_hash) ||
                      '|' || quote(hash) || '|' || quote(signer) || '|' || quote(sig)
               FROM audit WHERE id = ?1";
    let text: Option<String> = conn.prepare_cached(sql)?.query_row([id], |r| r.get(0)).optional()?;
    Ok(text.map(|t| hex(&sha2::Sha256::digest(t.as_bytes()))))
}

/// The row whose hash is `hash`.
pub fn find_hash(conn: &Connection, hash: &str) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT id FROM audit WHERE hash = ?1", [hash], |r| r.get(0)).optional()?)
}

/// Walks every row in order, recomputing each hash and checking each signature. A changed row fails its
/// own hash; a deleted or inserted row breaks the link (`prev_hash`, or the id sequence) of the row after
/// it; a row re-hashed without the key fails its signature. `mine` is the key of the machine checking;
/// rows signed by another key are counted, not trusted. `progress(rows done)` is called now and then.
pub fn verify(conn: &Connection, mine: Option<&Signer>, progress: &mut dyn FnMut(i64)) -> Result<ChainCheck> {
    verify_from(conn, mine, None, None, progress)
}

/// [`verify`] from the row after `checked` (a row id and its hash that an earlier whole walk on this
/// machine found holding) instead of from the first row. The caller checks that `checked` is still in the
/// chain, and checks by [`check_row`] any earlier row whose seal it relies on. With `only`, the digests
/// kept ([`ChainCheck::seals`]) are those of these scopes alone: one case's check then holds three, not one
/// per case in the workspace.
pub fn verify_from(
    conn: &Connection,
    mine: Option<&Signer>,
    checked: Option<(i64, &str)>,
    only: Option<&[Scope]>,
    progress: &mut dyn FnMut(i64),
) -> Result<ChainCheck> {
    // Signatures are checked in batches; when a batch fails, the walk is made again checking each row
    // on its own, which stops at the first row that does not hold and says why.
    match walk(conn, mine, (checked, only), progress, Some(&mut RowBatch::default()))? {
        Some(check) => Ok(check),
        None => Ok(walk(conn, mine, (checked, only), progress, None)?.expect("a walk without a batch always ends")),
    }
}

/// Rows whose signatures are checked together.
const BATCH_ROWS: usize = 256;

/// [`verify_from`]'s walk; with `batch`, `None` when a batch of signatures failed.
fn walk(
    conn: &Connection,
    mine: Option<&Signer>,
    (checked, only): (Option<(i64, &str)>, Option<&[Scope]>),
    progress: &mut dyn FnMut(i64),
    mut batch: Option<&mut RowBatch>,
) -> Result<Option<ChainCheck>> {
    let keys = signer_keys(conn)?;
    let mut stmt = conn.prepare(&StoredRow::select("SELECT id, {columns} FROM audit WHERE id > ?1 ORDER BY id"))?;
    let (start, mut prev) = checked.map_or((0, GENESIS.to_string()), |(id, hash)| (id, hash.to_string()));
    let mut rows = stmt.query([start])?;
    let mut check = ChainCheck {
        rows: start,
        head: (start > 0).then(|| prev.clone()),
        broken: None,
        unsigned_rows: 0,
        vouched_rows: start,
        vouched_foreign: 0,
        signers: Vec::new(),
        seals: HashMap::new(),
        checkpoints: Vec::new(),
    };
    let mut expected_id = start + 1;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        check.rows += 1;
        if check.rows % 4096 == 0 {
            progress(check.rows);
        }
        // A column holding a value of another kind than vetdesk writes there was changed by hand: that
        // breaks the chain at this row, named as such, rather than stopping the walk.
        let stored = match StoredRow::read(r, 1)? {
            Ok(stored) => stored,
            Err(why) => {
                if batch.as_deref_mut().is_some_and(|b| !b.check()) {
                    return Ok(None);
                }
                check.broken = Some((id, why));
                return Ok(Some(check));
            }
        };
        let holds = stored.gives_its_hash(id);
        let StoredRow { prev_hash, hash, seal, signer, sig, .. } = stored;
        let problem = if id != expected_id {
            Some(format!("expected row {expected_id} here; rows were deleted or inserted"))
        } else if prev_hash != prev {
            Some("does not link to the row before it; a row was deleted, inserted or changed".to_string())
        } else if !holds {
            Some("its contents do not match its hash; the row was changed".to_string())
        } else {
            check_signature(&mut check, &keys, mine, (id, &hash, seal.is_some()), (signer, sig), batch.as_deref_mut())
        };
        let seals = seal.as_deref().map(serde_json::from_str::<BTreeMap<String, String>>).transpose();
        let problem = problem.or_else(|| seals.is_err().then(|| "its seal is not readable".to_string()));
        let full = batch.as_ref().is_some_and(|b| b.len() >= BATCH_ROWS);
        // A row found wrong is reported only once every row before it is known to hold.
        if (problem.is_some() || full) && batch.as_deref_mut().is_some_and(|b| !b.check()) {
            return Ok(None);
        }
        if let Some(reason) = problem {
            check.broken = Some((id, reason));
            return Ok(Some(check));
        }
        if let Ok(Some(map)) = seals {
            for (scope, digest) in map {
                let scope = scope.parse()?;
                if only.is_some_and(|only| !only.contains(&scope)) {
                    continue;
                }
                check.seals.insert(scope, Sealed { digest: SealedDigest::read(&digest), row: id });
            }
        }
        if id % CHECKPOINT_ROWS == 0
            && let Some(raw) = unhex(&hash).and_then(|raw| <[u8; 32]>::try_from(raw).ok())
        {
            check.checkpoints.push((id, raw));
        }
        prev = hash;
        expected_id = id + 1;
    }
    if batch.is_some_and(|b| !b.check()) {
        return Ok(None);
    }
    if check.rows > 0 {
        check.head = Some(prev);
    }
    Ok(Some(check))
}

/// The newest row at or before `upto` that sealed `scope`.
pub fn sealing_row(conn: &Connection, scope: Scope, upto: i64) -> Result<Option<i64>> {
    let name = scope.to_string();
    let mut newest = match scope {
        Scope::Case(id) => conn
            .prepare_cached("SELECT max(id) FROM audit WHERE case_id = ?1 AND id <= ?2 AND seal IS NOT NULL")?
            .query_row(params![id, upto], |r| r.get::<_, Option<i64>>(0))?,
        _ => None,
    };
    // Workspace-wide changes (and checks across cases) are the rows without a case; there are few.
    let mut stmt = conn.prepare_cached(
        "SELECT id, seal FROM audit WHERE case_id IS NULL AND id <= ?1 AND id > ?2 AND seal IS NOT NULL ORDER BY id DESC",
    )?;
    let mut rows = stmt.query(params![upto, newest.unwrap_or(0)])?;
    while let Some(r) = rows.next()? {
        let seal: String = r.get(1)?;
        if serde_json::from_str::<BTreeMap<String, String>>(&seal).is_ok_and(|m| m.contains_key(&name)) {
            newest = Some(r.get(0)?);
            break;
        }
    }
    Ok(newest)
}

/// The trail's tally ([`tally`]) and its newest row's id (0 with no row), read in one statement, so that
/// both are of one moment: a change another process commits between two reads would set them apart.
/// `None` for the tally when it is gone or edited out of shape.
pub fn tally_and_newest(conn: &Connection) -> Result<(Option<i64>, i64)> {
    let kept: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_tally')")?
        .query_row([], |r| r.get(0))?;
    let sql = if kept {
        "SELECT (SELECT CASE WHEN count(*) = 1 AND typeof(max(rows)) = 'integer' THEN max(rows) END FROM audit_tally),
                coalesce((SELECT id FROM audit ORDER BY id DESC LIMIT 1), 0)"
    } else {
        "SELECT NULL, coalesce((SELECT id FROM audit ORDER BY id DESC LIMIT 1), 0)"
    };
    Ok(conn.prepare_cached(sql)?.query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// The number of rows the trail holds, as its tally (schema step 21) keeps it: one read, where counting
/// them reads every row. Equal to the newest row's id when none was deleted; `audit verify` compares it
/// with the rows it walks. `None` when the tally is gone, empty, more than its one row or no count:
/// edited behind vetdesk's back.
pub fn tally(conn: &Connection) -> Result<Option<i64>> {
    let kept: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_tally')")?
        .query_row([], |r| r.get(0))?;
    if !kept {
        return Ok(None);
    }
    Ok(conn
        .prepare_cached(
            "SELECT CASE WHEN count(*) = 1 AND typeof(max(rows)) = 'integer' THEN max(rows) END FROM audit_tally",
        )?
        .query_row([], |r| r.get(0))?)
}

/// The triggers that guard the trail: rows are neither changed nor deleted, and the tally counts them.
pub const GUARDS: [&str; 4] = ["audit_no_update", "audit_no_delete", "audit_tally_insert", "audit_tally_delete"];

/// Checks one row's signature; `Some(reason)` when it breaks the chain.
/// With `batch`, a signature by a listed key is added to it instead of checked here.
fn check_signature(
    check: &mut ChainCheck,
    keys: &HashMap<String, Option<ssh_key::PublicKey>>,
    mine: Option<&Signer>,
    (id, hash, sealed): (i64, &str, bool),
    (signer, sig): (Option<String>, Option<Vec<u8>>),
    batch: Option<&mut RowBatch>,
) -> Option<String> {
    let (Some(fingerprint), Some(sig)) = (signer, sig) else {
        // The vetdesk that began sealing rows began signing them (schema step 4): a sealed row without a
        // signature had it removed, and with every signature removed the chain would read as an older
        // vetdesk's.
        if sealed {
            return Some(
                "carries a seal but is not signed; vetdesk signs every row it seals, so its signature was removed"
                    .into(),
            );
        }
        // Only an older vetdesk's rows, before any signed row, go unsigned.
        if check.signers.is_empty() && check.vouched_rows == 0 {
            check.unsigned_rows += 1;
            return None;
        }
        return Some("is not signed, but rows before it are; it was written without vetdesk".into());
    };
    let here = mine.is_some_and(|m| m.fingerprint() == fingerprint);
    let public = match mine {
        Some(m) if here => Some(m.public_key()),
        _ => keys.get(&fingerprint).and_then(Option::as_ref),
    };
    let Some(key) = public else {
        return Some(format!("names a signing key ({fingerprint}) this workspace does not list"));
    };
    match batch {
        Some(batch) => batch.push(key, hash, &sig),
        None if signing::verify_row(key, hash, &sig) => {}
        None if here => {
            return Some(format!(
                "its signature by this machine's key {fingerprint} does not verify; the row was forged or re-hashed"
            ));
        }
        None => return Some(format!("its signature does not verify with the key it names ({fingerprint})")),
    }
    match check.signers.iter_mut().find(|s| s.fingerprint == fingerprint) {
        Some(tally) => {
            tally.rows += 1;
            tally.last_row = id;
        }
        None => check.signers.push(SignerTally { fingerprint, here, rows: 1, first_row: id, last_row: id }),
    }
    None
}

fn signer_keys(conn: &Connection) -> Result<HashMap<String, Option<ssh_key::PublicKey>>> {
    let mut stmt = conn.prepare("SELECT fingerprint, public_key FROM signer")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (fingerprint, key) = row?;
        // A listed key must be the key its fingerprint names.
        let key =
            signing::parse_public(&key).filter(|k| k.fingerprint(ssh_key::HashAlg::Sha256).to_string() == fingerprint);
        out.insert(fingerprint, key);
    }
    Ok(out)
}

mod row;
mod sealed;
use row::StoredRow;
pub use row::{case_rows_problem, check_row, check_row_linked, row_problem, signed_here};
pub use sealed::{Sealed, SealedDigest};

#[cfg(test)]
mod tests;
