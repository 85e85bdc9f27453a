//! Seals: what vetdesk last wrote, record by record, so `audit verify` can name every record changed,
//! added or removed behind its back.
//!
//! A *scope* is one case (`case:12`) or a workspace-level group (`organization`, `settings`,
//! `list:3`). Each record of a scope has a row hash: SHA-256 (cut to 16 bytes) over its table, key,
//! column names and values, with the match keys left out because they are derived from what was typed
//! and checked by re-deriving them. The `seal` table keeps those row hashes; a scope's *digest* is
//! SHA-256 over its (table, key, row hash) entries in order. Every audit row commits to the digest of
//! each scope its change touched, and the audit row is chained and signed, so neither the data nor the
//! `seal` table can be edited to match without breaking the chain.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::{Error, Result};

/// A group of records sealed together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    Case(i64),
    Organization,
    Settings,
    List(i64),
    /// One roster snapshot (`roster:<snapshot id>`) with its people and values.
    Roster(i64),
    /// Roster hits set aside (`roster-review`).
    RosterReview,
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::Case(id) => write!(f, "case:{id}"),
            Scope::Organization => f.write_str("organization"),
            Scope::Settings => f.write_str("settings"),
            Scope::List(id) => write!(f, "list:{id}"),
            Scope::Roster(id) => write!(f, "roster:{id}"),
            Scope::RosterReview => f.write_str("roster-review"),
        }
    }
}

impl std::str::FromStr for Scope {
    type Err = Error;

    fn from_str(s: &str) -> Result<Scope> {
        let bad = || Error::invalid(format!("not a seal scope: {s:?}"));
        match s {
            "organization" => Ok(Scope::Organization),
            "settings" => Ok(Scope::Settings),
            "roster-review" => Ok(Scope::RosterReview),
            _ => match s.split_once(':') {
                Some(("case", id)) => id.parse().map(Scope::Case).map_err(|_| bad()),
                Some(("list", id)) => id.parse().map(Scope::List).map_err(|_| bad()),
                Some(("roster", id)) => id.parse().map(Scope::Roster).map_err(|_| bad()),
                _ => Err(bad()),
            },
        }
    }
}

mod committed;
mod orphans;
mod sources;

use committed::check_seal_rows;
pub use committed::{check_never_sealed, check_table_unaltered, check_unaltered, check_unclaimed, seal_rows_committed};
pub use orphans::{Orphans, check_none_ahead, orphans};

use sources::{DERIVED, HELD_SOURCES, ROSTER_SOURCES, Source, case_sources_holding, is_added};

/// A record's place: its table and key within a scope.
pub type RecordKey = (String, String);

/// The row hashes of a scope's records, ordered by table then key.
pub type Records = BTreeMap<RecordKey, [u8; 16]>;

/// Reads a scope's records as they are now and hashes each one.
pub fn current(conn: &Connection, scope: Scope) -> Result<Records> {
    let (sources, id) = scope.sources();
    let holding = match scope {
        Scope::Case(_) => case_sources_holding(conn)?,
        _ => sources.iter().collect(),
    };
    let mut out = Records::new();
    for source in holding {
        hash_source(conn, source, id, &mut out)?;
    }
    Ok(out)
}

/// [`current`] for every case whose id is from `first` to `last`, read a table at a time over the whole
/// range: one query per table for all of them instead of one per table and case (`audit verify` reads
/// every case). Cases with no records are not in it.
pub fn current_cases(conn: &Connection, first: i64, last: i64) -> Result<CaseRecords> {
    let mut rows = Vec::new();
    for source in case_sources_holding(conn)? {
        each_row_hash(conn, source, (first, last), |case, key, short| {
            rows.push(CaseRecord { case, table: source.table, key, hash: short });
            Ok(())
        })?;
    }
    rows.sort_unstable_by(|a, b| (a.case, a.table, &a.key).cmp(&(b.case, b.table, &b.key)));
    Ok(CaseRecords(rows))
}

/// One record of a case with its row hash, as [`current_cases`] reads it.
pub struct CaseRecord {
    case: i64,
    table: &'static str,
    key: String,
    hash: [u8; 16],
}

/// The records of a run of cases, ordered by case, then as [`Records`] orders them.
pub struct CaseRecords(Vec<CaseRecord>);

impl CaseRecords {
    /// Whether no case in the range read has a record.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each case that has records, with its records.
    pub fn cases(&self) -> impl Iterator<Item = (i64, &[CaseRecord])> {
        self.0.chunk_by(|a, b| a.case == b.case).map(|run| (run[0].case, run))
    }

    /// [`digest_bytes`] of each case's records.
    pub fn digests(&self) -> BTreeMap<i64, [u8; 32]> {
        self.cases()
            .map(|(case, records)| (case, digest_of(records.iter().map(|r| (r.table, &*r.key, &r.hash)))))
            .collect()
    }
}

fn hash_source(conn: &Connection, source: &Source, id: i64, out: &mut Records) -> Result<()> {
    each_row_hash(conn, source, (id, id), |_, key, short| {
        out.insert((source.table.to_string(), key), short);
        Ok(())
    })
}

/// Calls `f` with the scope id, key and row hash of each record `source` reads for the scopes with ids in
/// `ids` (first and last), in the order it reads them.
fn each_row_hash(
    conn: &Connection,
    source: &Source,
    ids: (i64, i64),
    f: impl FnMut(i64, String, [u8; 16]) -> Result<()>,
) -> Result<()> {
    each_hash_of(conn, source, [[ids.0, ids.1]], f)
}

/// [`each_row_hash`] for the query run once with each of `runs`' parameters (one record's key at a time,
/// for [`HELD_SOURCES`]); the statement and its column names are read once for all of them.
fn each_hash_of<P: rusqlite::Params>(
    conn: &Connection,
    source: &Source,
    runs: impl IntoIterator<Item = P>,
    mut f: impl FnMut(i64, String, [u8; 16]) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(source.sql)?;
    let names: Vec<String> = stmt.column_names().into_iter().map(str::to_string).collect();
    for params in runs {
        let mut rows = stmt.query(params)?;
        while let Some(row) = rows.next()? {
            let scope_id: i64 = row.get(0)?;
            let key = text_of(row.get_ref(1)?);
            // Every index is below the statement's column count, so reading it cannot fail.
            let columns = (2..names.len()).map(|i| (names[i].as_str(), row.get_ref_unwrap(i)));
            let short = record_hash(source.table, &key, columns);
            f(scope_id, key, short)?;
        }
    }
    Ok(())
}

/// One record's row hash from its table, its key and its columns (name and value, in the table's
/// order): what its seal row holds. Match keys, and columns added after sealing began while they hold
/// nothing, are left out. A case's rows carried in a bundle are hashed this way too, so the receiver can
/// check them against the seal rows the origin's audit chain committed to.
pub fn record_hash<'a>(table: &str, key: &str, columns: impl IntoIterator<Item = (&'a str, ValueRef<'a>)>) -> [u8; 16] {
    let mut h = Sha256::new();
    put(&mut h, table.as_bytes());
    put(&mut h, key.as_bytes());
    for (name, value_ref) in columns {
        if DERIVED.contains(&name) || (is_added(name) && value_ref == ValueRef::Null) {
            continue;
        }
        put(&mut h, name.as_bytes());
        value(&mut h, value_ref);
    }
    let digest = h.finalize();
    let mut short = [0u8; 16];
    short.copy_from_slice(&digest[..16]);
    short
}

/// Seals a roster snapshot just written, whose scope has no seal rows yet, streaming its records (memory
/// does not grow with the snapshot), and returns the scope's digest: the one [`reseal`] would give.
pub fn seal_new(conn: &Connection, scope: Scope) -> Result<String> {
    let (Scope::Roster(id), true) = (scope, stored(conn, scope)?.is_empty()) else { return reseal(conn, scope) };
    let name = scope.to_string();
    let mut insert = conn.prepare_cached("INSERT INTO seal (scope, tbl, key, hash) VALUES (?1, ?2, ?3, ?4)")?;
    let mut h = Sha256::new();
    for source in ROSTER_SOURCES {
        each_row_hash(conn, source, (id, id), |_, key, short| {
            put(&mut h, source.table.as_bytes());
            put(&mut h, key.as_bytes());
            h.update(short);
            insert.execute(params![name, source.table, key, &short[..]])?;
            Ok(())
        })?;
    }
    Ok(super::audit::hex(&h.finalize()))
}

/// The current hashes of one table's records in a scope.
fn current_table(conn: &Connection, scope: Scope, table: &str) -> Result<Records> {
    let (sources, id) = scope.sources();
    let mut out = Records::new();
    for source in sources.iter().filter(|s| s.table == table) {
        hash_source(conn, source, id, &mut out)?;
    }
    Ok(out)
}

/// One table's records in a scope that differ from their seal rows.
pub fn table_differs(conn: &Connection, scope: Scope, table: &str) -> Result<Vec<(RecordKey, Change)>> {
    let now = current_table(conn, scope, table)?;
    let sealed: Records = stored_table(conn, scope, table)?;
    Ok(if now == sealed { Vec::new() } else { diff(&sealed, &now) })
}

/// How the records of one table in a case that a link rests on (`table` is `identifier`, `payment` or
/// `resume_print`, `keys` their ids) differ from their seal rows, each read alone: one with no seal row in
/// the case's scope was added (or moved into the case) behind vetdesk's back, one whose row hash is not its
/// seal row's was changed. A key with no record is left out: a record that is gone holds no link.
pub fn held_differ(conn: &Connection, case_id: i64, table: &str, keys: &[i64]) -> Result<Vec<(RecordKey, Change)>> {
    let source = HELD_SOURCES
        .iter()
        .find(|s| s.table == table)
        .ok_or_else(|| Error::invalid(format!("no link rests on a record of {table}")))?;
    let scope = Scope::Case(case_id).to_string();
    let mut sealed = conn.prepare_cached("SELECT hash FROM seal WHERE scope = ?1 AND tbl = ?2 AND key = ?3")?;
    let mut out = Vec::new();
    each_hash_of(conn, source, keys.iter().map(|key| [key]), |_, key, short| {
        let stored: Option<[u8; 16]> =
            sealed.query_row(params![scope, table, key], |r| Ok(row_hash(bytes(r.get_ref(0)?)))).optional()?;
        let change = match stored {
            None => Some(Change::Added),
            Some(hash) if hash != short => Some(Change::Changed),
            Some(_) => None,
        };
        out.extend(change.map(|change| ((table.to_string(), key), change)));
        Ok(())
    })?;
    out.sort();
    Ok(out)
}

/// The seal rows stored for one table of a scope.
fn stored_table(conn: &Connection, scope: Scope, table: &str) -> Result<Records> {
    let mut stmt = conn.prepare_cached("SELECT key, hash FROM seal WHERE scope = ?1 AND tbl = ?2")?;
    let rows = stmt.query_map(params![scope.to_string(), table], |r| {
        Ok(((table.to_string(), r.get(0)?), row_hash(bytes(r.get_ref(1)?))))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether one table's records in a scope are as their seal rows say.
pub fn table_matches(conn: &Connection, scope: Scope, table: &str) -> Result<bool> {
    let now = current_table(conn, scope, table)?;
    let sealed: Records = stored(conn, scope)?.into_iter().filter(|((t, _), _)| t == table).collect();
    Ok(now == sealed)
}

/// Reseals only one table's records in a scope, for a change vetdesk makes to that table alone, and
/// returns the scope's digest over its seal rows. The other records keep their seal rows, so one changed
/// behind vetdesk's back is still found by `audit verify` after this change.
pub fn reseal_table(conn: &Connection, scope: Scope, table: &str) -> Result<String> {
    let now = current_table(conn, scope, table)?;
    let mut all = stored(conn, scope)?;
    check_seal_rows(conn, scope, &all)?;
    let name = scope.to_string();
    let mut upsert = conn.prepare_cached(
        "INSERT INTO seal (scope, tbl, key, hash) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (scope, tbl, key) DO UPDATE SET hash = excluded.hash",
    )?;
    let mut delete = conn.prepare_cached("DELETE FROM seal WHERE scope = ?1 AND tbl = ?2 AND key = ?3")?;
    let before: Vec<RecordKey> = all.keys().filter(|(t, _)| t == table).cloned().collect();
    for key in before {
        if !now.contains_key(&key) {
            delete.execute(params![name, key.0, key.1])?;
            all.remove(&key);
        }
    }
    for (key, hash) in now {
        if all.get(&key) != Some(&hash) {
            upsert.execute(params![name, key.0, key.1, &hash[..]])?;
            all.insert(key, hash);
        }
    }
    Ok(digest(&all))
}

/// A seal row's stored hash as a record's row hash: its first 16 bytes (a shorter one padded with zeros,
/// so that an edited seal row compares unequal instead of failing the read).
fn row_hash(stored: &[u8]) -> [u8; 16] {
    let mut short = [0u8; 16];
    let n = stored.len().min(16);
    short[..n].copy_from_slice(&stored[..n]);
    short
}

/// The seal rows stored for a scope.
pub fn stored(conn: &Connection, scope: Scope) -> Result<Records> {
    let mut stmt = conn.prepare_cached("SELECT tbl, key, hash FROM seal WHERE scope = ?1")?;
    let rows = stmt.query_map([scope.to_string()], |r| Ok(((r.get(0)?, r.get(1)?), row_hash(bytes(r.get_ref(2)?)))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// [`digest_bytes`] of [`stored`], read in the seal table's own order without keeping the rows.
pub fn stored_digest(conn: &Connection, scope: Scope) -> Result<[u8; 32]> {
    let mut stmt = conn.prepare_cached("SELECT tbl, key, hash FROM seal WHERE scope = ?1 ORDER BY tbl, key")?;
    let mut rows = stmt.query([scope.to_string()])?;
    let mut h = Sha256::new();
    while let Some(r) = rows.next()? {
        let short = row_hash(bytes(r.get_ref(2)?));
        put(&mut h, bytes(r.get_ref(0)?));
        put(&mut h, bytes(r.get_ref(1)?));
        h.update(short);
    }
    Ok(h.finalize().into())
}

/// [`stored_digest`] of each of `scopes`, read with one query for all of them (`audit verify` reads every
/// scope, a run of cases at a time).
pub fn stored_digests(conn: &Connection, scopes: &[Scope]) -> Result<HashMap<Scope, [u8; 32]>> {
    let names: Vec<String> = scopes.iter().map(Scope::to_string).collect();
    let marks = vec!["?"; names.len()].join(",");
    let sql = format!("SELECT scope, tbl, key, hash FROM seal WHERE scope IN ({marks}) ORDER BY scope, tbl, key");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&names))?;
    let mut out = HashMap::with_capacity(scopes.len());
    let mut open: Option<(String, Sha256)> = None;
    while let Some(r) = rows.next()? {
        let scope = bytes(r.get_ref(0)?);
        if open.as_ref().is_none_or(|(name, _)| name.as_bytes() != scope) {
            if let Some((name, h)) = open.take() {
                out.insert(name.parse()?, h.finalize().into());
            }
            open = Some((String::from_utf8_lossy(scope).into_owned(), Sha256::new()));
        }
        let (_, h) = open.as_mut().expect("opened above");
        put(h, bytes(r.get_ref(1)?));
        put(h, bytes(r.get_ref(2)?));
        h.update(row_hash(bytes(r.get_ref(3)?)));
    }
    if let Some((name, h)) = open {
        out.insert(name.parse()?, h.finalize().into());
    }
    let empty = Sha256::new().finalize().into();
    for scope in scopes {
        out.entry(*scope).or_insert(empty);
    }
    Ok(out)
}

/// The digest of a scope's records: what an audit row commits to, in hex.
pub fn digest(records: &Records) -> String {
    super::audit::hex(&digest_bytes(records))
}

/// [`digest`] as bytes.
pub fn digest_bytes(records: &Records) -> [u8; 32] {
    digest_of(records.iter().map(|((table, key), hash)| (&**table, &**key, hash)))
}

/// [`digest_bytes`] of records given in [`Records`]' order as table, key and row hash.
fn digest_of<'a>(records: impl IntoIterator<Item = (&'a str, &'a str, &'a [u8; 16])>) -> [u8; 32] {
    let mut h = Sha256::new();
    for (table, key, hash) in records {
        put(&mut h, table.as_bytes());
        put(&mut h, key.as_bytes());
        h.update(hash);
    }
    h.finalize().into()
}

/// Brings a scope's seal rows up to date with its records and returns the scope's digest; call in the
/// transaction that made the change, before its audit row is appended.
pub fn reseal(conn: &Connection, scope: Scope) -> Result<String> {
    let now = current(conn, scope)?;
    let before = stored(conn, scope)?;
    check_seal_rows(conn, scope, &before)?;
    let name = scope.to_string();
    let mut upsert = conn.prepare_cached(
        "INSERT INTO seal (scope, tbl, key, hash) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (scope, tbl, key) DO UPDATE SET hash = excluded.hash",
    )?;
    for (key, hash) in &now {
        if before.get(key) != Some(hash) {
            upsert.execute(params![name, key.0, key.1, &hash[..]])?;
        }
    }
    let mut delete = conn.prepare_cached("DELETE FROM seal WHERE scope = ?1 AND tbl = ?2 AND key = ?3")?;
    for key in before.keys().filter(|k| !now.contains_key(*k)) {
        delete.execute(params![name, key.0, key.1])?;
    }
    Ok(digest(&now))
}

/// Seals cases just written with ids `first` to `last` (a bulk fill by `vetdesk demo`), the same as
/// [`reseal`] of each: their records are read a table at a time over the whole range, as
/// [`current_cases`] does, instead of some twenty queries per case. Any seal rows already under those
/// scopes are replaced. Returns each case's digest, for its audit row.
pub fn seal_new_cases(conn: &Connection, first: i64, last: i64) -> Result<BTreeMap<i64, String>> {
    let cases = current_cases(conn, first, last)?;
    let mut clear = conn.prepare_cached("DELETE FROM seal WHERE scope = ?1")?;
    let mut insert = conn.prepare_cached("INSERT INTO seal (scope, tbl, key, hash) VALUES (?1, ?2, ?3, ?4)")?;
    let mut digests = BTreeMap::new();
    for (id, records) in cases.cases() {
        let name = Scope::Case(id).to_string();
        clear.execute([&name])?;
        for r in records {
            insert.execute(params![name, r.table, r.key, &r.hash[..]])?;
        }
        let digest = digest_of(records.iter().map(|r| (r.table, &*r.key, &r.hash)));
        digests.insert(id, super::audit::hex(&digest));
    }
    Ok(digests)
}

/// What happened to one record since vetdesk last sealed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Changed,
    Added,
    Removed,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Change::Changed => "changed",
            Change::Added => "added",
            Change::Removed => "removed",
        })
    }
}

/// The records that differ between what was sealed and what is there now.
pub fn diff(sealed: &Records, now: &Records) -> Vec<(RecordKey, Change)> {
    let mut out = Vec::new();
    for (key, hash) in sealed {
        match now.get(key) {
            None => out.push((key.clone(), Change::Removed)),
            Some(h) if h != hash => out.push((key.clone(), Change::Changed)),
            Some(_) => {}
        }
    }
    out.extend(now.keys().filter(|k| !sealed.contains_key(*k)).map(|k| (k.clone(), Change::Added)));
    out.sort();
    out
}

/// The tables whose rows belong to a case by their `case_id`, besides the case's own row.
/// Each leads an index with `case_id` (or is keyed by it), so listing its case ids reads no row.
const CASE_TABLES: &str = "subject identifier payment mark note evidence suggestion resume_print case_answer roster_case \
                           roster_case_person case_origin case_origin_row imported_audit imported_signer";

/// The highest case id there is (0 for none): about how many case scopes [`scopes_present`] lists.
pub fn case_id_bound(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(r#"SELECT coalesce(max(id), 0) FROM "case""#, [], |r| r.get(0))?)
}

/// Every scope that has records or seal rows now: each case id found in any case table, each list,
/// and the workspace-level scopes.
pub fn scopes_present(conn: &Connection) -> Result<Vec<Scope>> {
    Ok(scopes_and_misnamed(conn)?.0)
}

/// [`scopes_present`], and the scope names of seal rows that are no scope vetdesk writes: seal rows renamed
/// behind vetdesk's back, which `audit verify` names rather than stopping at the first.
pub fn scopes_and_misnamed(conn: &Connection) -> Result<(Vec<Scope>, Vec<String>)> {
    let mut out = vec![Scope::Organization, Scope::Settings];
    let mut misnamed = Vec::new();
    // One table at a time along its case index, merged here: a UNION would put every row of every case
    // table (millions of marks) through a temporary b-tree, which grows faster than the workspace.
    let mut cases: Vec<i64> = Vec::new();
    for (table, column) in std::iter::once(("\"case\"", "id")).chain(CASE_TABLES.split(' ').map(|t| (t, "case_id"))) {
        let mut stmt = conn.prepare(&format!("SELECT DISTINCT {column} FROM {table}"))?;
        for id in stmt.query_map([], |r| r.get::<_, i64>(0))? {
            cases.push(id?);
        }
    }
    cases.sort_unstable();
    cases.dedup();
    out.extend(cases.into_iter().map(Scope::Case));
    let mut stmt = conn.prepare("SELECT id FROM reference_list UNION SELECT list_id FROM reference_entry")?;
    for id in stmt.query_map([], |r| r.get::<_, i64>(0))? {
        out.push(Scope::List(id?));
    }
    let mut stmt = conn.prepare(
        "SELECT id FROM roster_snapshot UNION SELECT snapshot_id FROM roster_person
         UNION SELECT snapshot_id FROM roster_value",
    )?;
    for id in stmt.query_map([], |r| r.get::<_, i64>(0))? {
        out.push(Scope::Roster(id?));
    }
    if conn.query_row("SELECT count(*) FROM roster_dismissal", [], |r| r.get::<_, i64>(0))? > 0 {
        out.push(Scope::RosterReview);
    }
    let mut stmt = conn.prepare("SELECT DISTINCT scope FROM seal")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let name = text_of(row.get_ref(0)?);
        match name.parse() {
            Ok(scope) => out.push(scope),
            Err(_) => misnamed.push(name),
        }
    }
    out.sort();
    out.dedup();
    Ok((out, misnamed))
}

fn put(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

fn value(h: &mut Sha256, v: ValueRef<'_>) {
    match v {
        ValueRef::Null => h.update([0]),
        ValueRef::Integer(i) => {
            h.update([1]);
            h.update(i.to_le_bytes());
        }
        ValueRef::Real(f) => {
            h.update([2]);
            h.update(f.to_bits().to_le_bytes());
        }
        ValueRef::Text(t) => {
            h.update([3]);
            put(h, t);
        }
        ValueRef::Blob(b) => {
            h.update([4]);
            put(h, b);
        }
    }
}

/// A text or blob value's bytes; nothing for a number or NULL, which vetdesk never writes to a seal row
/// (its digest then differs, and [`stored`] says why).
fn bytes(v: ValueRef<'_>) -> &[u8] {
    match v {
        ValueRef::Text(b) | ValueRef::Blob(b) => b,
        _ => &[],
    }
}

fn text_of(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Null => String::new(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
    }
}

#[cfg(test)]
mod tests;
