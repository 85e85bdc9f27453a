//! Match keys derived from what was typed: `identifier.normalized` / `.loose`, `payment.account_key` /
//! `.account_loose` / `.wallet_key` and `roster_value.normalized`. They are stored so every lookup is an index seek, and
//! re-derived in one pass when the rules or the workspace's phone country change.

use rusqlite::{Connection, params};

use super::key_tags::{self, KeyTag, TagKey};
use super::seal::{self, Scope};
use super::{payments, settings};
use crate::Result;
use crate::domain::IdentifierKind;
use crate::domain::identifier::Rules;

/// The version of the normalization rules in `src/domain/identifier.rs`. Bump it whenever a rule changes:
/// opening a workspace whose keys were derived under another version re-derives them all. A test pins the
/// rules' output to this version, so a changed rule without a bump fails.
pub const MATCH_RULES: &str = "2026.12.8.4";

/// The normalization settings stored in the workspace.
pub fn rules(conn: &Connection) -> Result<Rules> {
    Ok(Rules { phone_country: settings::get(conn, "phone_country")? })
}

/// What a re-derivation changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Rekeyed {
    pub identifiers: u64,
    pub payments: u64,
    /// Roster values re-keyed, over every snapshot.
    pub roster_values: u64,
    /// The roster snapshots whose keys changed: their scopes are to be resealed by the caller's audit row.
    pub roster_snapshots: Vec<i64>,
    /// Roster snapshots left with their keys because their records differ from their seal (changed behind
    /// vetdesk's back): re-keying them would seal the edit afresh. `audit verify` names them.
    pub roster_skipped: Vec<i64>,
    /// Reference-list entries re-keyed, over every list.
    pub list_entries: u64,
    /// The reference lists whose keys changed: their scopes are to be resealed by the caller's audit row.
    pub lists: Vec<i64>,
    /// Lists left with their keys because they were changed behind vetdesk's back, as roster snapshots are.
    pub lists_skipped: Vec<i64>,
}

impl Rekeyed {
    /// The roster and list scopes whose keys changed: the caller's audit row seals them again.
    pub fn resealed_scopes(&self) -> Vec<Scope> {
        let rosters = self.roster_snapshots.iter().map(|id| Scope::Roster(*id));
        rosters.chain(self.lists.iter().map(|id| Scope::List(*id))).collect()
    }
}

/// Told just before the stored keys are derived again under this vetdesk's rules: the version they were
/// derived under (`None`: none recorded). The command line says so, as it takes a while on a large
/// workspace.
static BEFORE_REKEY: std::sync::OnceLock<fn(Option<&str>)> = std::sync::OnceLock::new();

/// Sets what is told before a re-key (see [`BEFORE_REKEY`]); the first call in a process is kept.
pub fn on_rekey(tell: fn(Option<&str>)) {
    let _ = BEFORE_REKEY.set(tell);
}

/// Tells, if anyone listens, that the keys derived under `from` are about to be derived again.
pub(crate) fn announce_rekey(from: Option<&str>) {
    if let Some(tell) = BEFORE_REKEY.get() {
        tell(from);
    }
}

/// Told as a re-key derives keys: the record ids done and the total, about every 65,536 records.
static REKEY_PROGRESS: std::sync::OnceLock<fn(u64, u64)> = std::sync::OnceLock::new();

/// Sets what is told of a re-key's progress (see [`REKEY_PROGRESS`]); the first call in a process is kept.
pub fn on_rekey_progress(tell: fn(u64, u64)) {
    let _ = REKEY_PROGRESS.set(tell);
}

/// Whether the stored keys were derived under other rules than this vetdesk's.
pub fn stale(conn: &Connection) -> Result<bool> {
    Ok(settings::get(conn, "match_rules")?.as_deref() != Some(MATCH_RULES))
}

/// The rules version the stored keys were derived under, when it is newer than this vetdesk's: a newer
/// vetdesk re-keyed the workspace, and this one would derive its keys back under rules that read some
/// values less well (and keep re-keying it back and forth with the newer one).
pub fn newer_rules(conn: &Connection) -> Result<Option<String>> {
    let parts = |v: &str| v.split('.').map(|p| p.parse::<u64>().unwrap_or(0)).collect::<Vec<_>>();
    Ok(settings::get(conn, "match_rules")?.filter(|stored| parts(stored) > parts(MATCH_RULES)))
}

/// Keys that differ from what `rules` derive from the typed values: identifiers as (id, normalized,
/// loose) and payments as (id, keys), with the keys they should have.
#[derive(Default)]
pub struct Drift {
    pub identifiers: Vec<(i64, String, Option<String>)>,
    pub payments: Vec<(i64, payments::Keys)>,
    /// With [`Tags::Renew`]: the tag each record should have where the stored one is not it, by table
    /// and id, its keys changed or not.
    retag: Vec<(&'static str, i64, KeyTag)>,
}

/// What a pass over the records does with their key tags (`store::key_tags`).
#[derive(Clone, Copy)]
pub enum Tags<'a> {
    /// Derives every key (`audit verify`; a machine without its key).
    Ignore,
    /// Takes a key whose tag this machine's key vouches for as derived, and derives only the others.
    Trust(&'a TagKey),
    /// Derives every key and lists the tag each record should have, for the re-derivation to write.
    Renew(&'a TagKey),
}

/// Works out which stored keys differ from a fresh derivation under `rules` (only `kinds`, or every
/// kind when empty); writes nothing. `audit verify` uses it to find keys edited behind vetdesk's back.
pub fn drift(conn: &Connection, rules: &Rules, kinds: &[IdentifierKind]) -> Result<Drift> {
    drift_where(conn, rules, kinds, Records::All, Tags::Ignore, None)
}

/// Where [`drift_where`] looks.
#[derive(Debug, Clone, Copy)]
enum Records<'a> {
    All,
    /// One case's records, through the `case_id` indexes.
    Case(i64),
    /// These identifiers and payments, by id.
    Ids {
        identifiers: &'a [i64],
        payments: &'a [i64],
    },
}

/// Whether some identifier's stored tag is the one `key` makes of it under `rules` and this vetdesk's rules
/// version: its keys were derived under them, here (a sample of the tagged ones is enough).
pub fn tagged_under(conn: &Connection, key: &TagKey, rules: &Rules) -> Result<bool> {
    let mut stmt = conn.prepare(
        "SELECT kind, raw, normalized, loose, key_tag FROM identifier WHERE key_tag IS NOT NULL ORDER BY id DESC LIMIT 64",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Ok(kind) = super::word::<IdentifierKind>(r, 0) else { continue };
        let (Some(Some(raw)), Some(Some(normalized)), Some(loose)) =
            (text(r.get_ref(1)?), text(r.get_ref(2)?), text(r.get_ref(3)?))
        else {
            continue;
        };
        if key_tags::holds(blob(r.get_ref(4)?), &key.identifier(rules, kind, &raw, &normalized, loose.as_deref())) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// [`drift`] taking keys whose tag vouches for them as derived, with [`Tags::Trust`].
pub fn drift_trusting(conn: &Connection, rules: &Rules, kinds: &[IdentifierKind], tags: Tags) -> Result<Drift> {
    drift_where(conn, rules, kinds, Records::All, tags, None)
}

/// The match keys of the identifiers and payments with these ids that differ from a fresh derivation:
/// the records in other cases a case's links rest on, which a summary of the case speaks of.
pub fn drift_of(conn: &Connection, rules: &Rules, identifiers: &[i64], payments: &[i64], tags: Tags) -> Result<Drift> {
    drift_where(conn, rules, &[], Records::Ids { identifiers, payments }, tags, None)
}

/// The match keys of one case's identifiers and payments that differ from a fresh derivation.
pub fn drift_of_case(conn: &Connection, rules: &Rules, case_id: i64, tags: Tags) -> Result<Drift> {
    drift_where(conn, rules, &[], Records::Case(case_id), tags, None)
}

fn drift_where(
    conn: &Connection,
    rules: &Rules,
    kinds: &[IdentifierKind],
    records: Records<'_>,
    tags: Tags,
    progress: Option<fn(u64, u64)>,
) -> Result<Drift> {
    let mut out = Drift::default();
    // Progress is told by record id against the largest ids: identifiers, then payments.
    let (identifiers_last, total): (i64, i64) = match progress {
        Some(_) => conn.query_row(
            "SELECT coalesce((SELECT max(id) FROM identifier), 0), coalesce((SELECT max(id) FROM payment), 0)",
            [],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(0)? + r.get::<_, i64>(1)?)),
        )?,
        None => (0, 0),
    };
    let tell = |done: i64| {
        if let Some(tell) = progress {
            tell(u64::try_from(done).unwrap_or(0), u64::try_from(total).unwrap_or(0));
        }
    };
    let filter = |table: &str, ids: &[i64]| match records {
        Records::All => String::new(),
        Records::Case(id) => format!(" WHERE case_id = {id}"),
        Records::Ids { .. } => {
            let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
            format!(" WHERE {table}.id IN ({})", ids.join(","))
        }
    };
    let (identifier_ids, payment_ids) = match records {
        Records::Ids { identifiers, payments } => (identifiers, payments),
        _ => (&[][..], &[][..]),
    };
    let skip = |ids: &[i64]| matches!(records, Records::Ids { .. }) && ids.is_empty();
    if !skip(identifier_ids) {
        let mut stmt = conn.prepare(&format!(
            "SELECT id, kind, raw, normalized, loose, key_tag FROM identifier{}",
            filter("identifier", identifier_ids)
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            // A kind or a value vetdesk never writes was edited in: its seal row names the record.
            let Ok(kind) = super::word::<IdentifierKind>(r, 1) else { continue };
            if !kinds.is_empty() && !kinds.contains(&kind) {
                continue;
            }
            let Some(Some(raw)) = text(r.get_ref(2)?) else { continue };
            let (normalized, loose) = (text(r.get_ref(3)?), text(r.get_ref(4)?));
            let stored = blob(r.get_ref(5)?);
            if let (Tags::Trust(key), Some(Some(n)), Some(l)) = (tags, &normalized, &loose)
                && key_tags::holds(stored, &key.identifier(rules, kind, &raw, n, l.as_deref()))
            {
                continue;
            }
            let Ok(checked) = kind.check_with(&raw, rules) else { continue };
            let id = r.get::<_, i64>(0)?;
            if id % 65_536 == 0 {
                tell(id);
            }
            if let Tags::Renew(key) = tags {
                let tag = key.identifier(rules, kind, &raw, &checked.normalized, checked.loose.as_deref());
                if !key_tags::holds(stored, &tag) {
                    out.retag.push(("identifier", id, tag));
                }
            }
            if normalized.as_ref().and_then(Option::as_ref) != Some(&checked.normalized)
                || loose.as_ref() != Some(&checked.loose)
            {
                out.identifiers.push((id, checked.normalized, checked.loose));
            }
        }
    }
    let payment_kinds = [IdentifierKind::BankAccount, IdentifierKind::CryptoWallet];
    if (kinds.is_empty() || payment_kinds.iter().any(|k| kinds.contains(k))) && !skip(payment_ids) {
        let mut stmt = conn.prepare(&format!(
            "SELECT id, routing_number, account, account_key, account_loose, key_tag, coalesce(wallet, ''), wallet_key
             FROM payment{}",
            filter("payment", payment_ids)
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (Some(Some(routing)), Some(Some(account)), Some(Some(wallet))) =
                (text(r.get_ref(1)?), text(r.get_ref(2)?), text(r.get_ref(6)?))
            else {
                continue; // a value vetdesk never writes: its seal row names the record
            };
            // Keys of a type vetdesk never writes are held as none of the keys it derives.
            let held: Option<payments::Keys> = match (text(r.get_ref(3)?), text(r.get_ref(4)?), text(r.get_ref(7)?)) {
                (Some(account), Some(account_loose), Some(wallet)) => {
                    Some(payments::Keys { account, account_loose, wallet })
                }
                _ => None,
            };
            let stored = blob(r.get_ref(5)?);
            let typed = (routing.as_str(), account.as_str(), wallet.as_str());
            let tag = |key: &TagKey, keys: &payments::Keys| key.payment(typed, keys);
            if let (Tags::Trust(key), Some(held)) = (tags, &held)
                && key_tags::holds(stored, &tag(key, held))
            {
                continue;
            }
            let keys = payments::Keys::of(&routing, &account, &wallet);
            let id = r.get::<_, i64>(0)?;
            if id % 65_536 == 0 {
                tell(identifiers_last + id);
            }
            if let Tags::Renew(key) = tags {
                let renewed = tag(key, &keys);
                if !key_tags::holds(stored, &renewed) {
                    out.retag.push(("payment", id, renewed));
                }
            }
            if held.as_ref() != Some(&keys) {
                out.payments.push((id, keys));
            }
        }
    }
    tell(total);
    Ok(out)
}

/// A stored text column as it is: `Some(None)` for NULL, `None` for a type vetdesk never writes there (a
/// number, bytes), edited in behind its back.
fn text(value: rusqlite::types::ValueRef<'_>) -> Option<Option<String>> {
    match value {
        rusqlite::types::ValueRef::Text(t) => Some(Some(String::from_utf8_lossy(t).into_owned())),
        rusqlite::types::ValueRef::Null => Some(None),
        _ => None,
    }
}

/// A stored tag: a blob, or none.
fn blob(value: rusqlite::types::ValueRef<'_>) -> Option<&[u8]> {
    match value {
        rusqlite::types::ValueRef::Blob(b) => Some(b),
        _ => None,
    }
}

/// Re-derives every match key under `rules` (only `kinds`, or every kind when empty) and records the
/// rules version; with `tag_key`, tags every key it derived. Raw values and warnings are never touched.
/// The caller's audit row must seal the scopes of [`Rekeyed::roster_scopes`].
pub fn rederive(
    conn: &Connection,
    rules: &Rules,
    kinds: &[IdentifierKind],
    tag_key: Option<&TagKey>,
) -> Result<Rekeyed> {
    let tags = tag_key.map_or(Tags::Ignore, Tags::Renew);
    let progress = REKEY_PROGRESS.get().copied();
    let mut done = write_keys(conn, &drift_where(conn, rules, kinds, Records::All, tags, progress)?)?;
    rederive_roster(conn, rules, kinds, &mut done)?;
    rederive_lists(conn, rules, kinds, &mut done)?;
    settings::put(conn, "match_rules", Some(MATCH_RULES))?;
    Ok(done)
}

/// Derives the match keys of one case's records under this workspace's rules (a case that came from
/// another workspace, whose rules or phone country may differ); with `tag_key`, tags them.
pub fn rederive_case(conn: &Connection, case_id: i64, tag_key: Option<&TagKey>) -> Result<Rekeyed> {
    let tags = tag_key.map_or(Tags::Ignore, Tags::Renew);
    write_keys(conn, &drift_where(conn, &rules(conn)?, &[], Records::Case(case_id), tags, None)?)
}

fn write_keys(conn: &Connection, drift: &Drift) -> Result<Rekeyed> {
    let mut update = conn.prepare("UPDATE identifier SET normalized = ?2, loose = ?3 WHERE id = ?1")?;
    for (id, normalized, loose) in &drift.identifiers {
        update.execute(params![id, normalized, loose])?;
    }
    let mut update =
        conn.prepare("UPDATE payment SET account_key = ?2, account_loose = ?3, wallet_key = ?4 WHERE id = ?1")?;
    for (id, keys) in &drift.payments {
        update.execute(params![id, keys.account, keys.account_loose, keys.wallet])?;
    }
    for (table, id, tag) in &drift.retag {
        conn.prepare_cached(&format!("UPDATE {table} SET key_tag = ?2 WHERE id = ?1"))?
            .execute(params![id, &tag[..]])?;
    }
    Ok(Rekeyed {
        identifiers: drift.identifiers.len() as u64,
        payments: drift.payments.len() as u64,
        ..Rekeyed::default()
    })
}

/// Roster values of one snapshot whose key differs from a fresh derivation under `rules` (only `kinds`,
/// or every kind when empty): (person, field, key it should have).
pub fn roster_drift(
    conn: &Connection,
    rules: &Rules,
    kinds: &[IdentifierKind],
    snapshot: i64,
) -> Result<Vec<(String, String, String)>> {
    let mut out = Vec::new();
    let mut stmt =
        conn.prepare_cached("SELECT person, field, kind, raw, normalized FROM roster_value WHERE snapshot_id = ?1")?;
    let mut rows = stmt.query([snapshot])?;
    while let Some(r) = rows.next()? {
        let Ok(kind) = super::word::<IdentifierKind>(r, 2) else { continue };
        if !kinds.is_empty() && !kinds.contains(&kind) {
            continue;
        }
        let raw: String = r.get(3)?;
        // A value with nothing to match on under these rules keeps its key, as an identifier does.
        let Ok(checked) = kind.check_with(&raw, rules) else { continue };
        if checked.normalized != r.get::<_, String>(4)? {
            out.push((r.get(0)?, r.get(1)?, checked.normalized));
        }
    }
    Ok(out)
}

/// Re-derives the keys of every reference list's entries, one list at a time, as an import derives them
/// (a range's entry is the start of the numbers it covers, derived the same way). A list's seal hashes its
/// entries' keys, so a list whose keys change is listed in `done.lists` for the caller's audit row to
/// reseal; one changed behind vetdesk's back is left as it is (`done.lists_skipped`).
fn rederive_lists(conn: &Connection, rules: &Rules, kinds: &[IdentifierKind], done: &mut Rekeyed) -> Result<()> {
    let lists: Vec<(i64, String)> = conn
        .prepare("SELECT id, kind FROM reference_list ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut entries = conn.prepare_cached("SELECT rowid, raw, key FROM reference_entry WHERE list_id = ?1")?;
    let mut update = conn.prepare_cached("UPDATE reference_entry SET key = ?2 WHERE rowid = ?1")?;
    for (id, kind) in lists {
        let Ok(kind) = kind.parse::<crate::domain::link::ListKind>() else { continue };
        let ident = kind.identifier_kind();
        if !kinds.is_empty() && !kinds.contains(&ident) {
            continue;
        }
        let mut drift = Vec::new();
        let mut rows = entries.query([id])?;
        while let Some(r) = rows.next()? {
            let (rowid, raw, key): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            // An entry with nothing to match on under these rules keeps its key, as an identifier does.
            if let Ok(checked) = ident.check_with(&raw, rules)
                && checked.normalized != key
            {
                drift.push((rowid, checked.normalized));
            }
        }
        if drift.is_empty() {
            continue;
        }
        if seal::check_unaltered(conn, Scope::List(id)).is_err() {
            done.lists_skipped.push(id);
            continue;
        }
        for (rowid, key) in &drift {
            update.execute(params![rowid, key])?;
        }
        done.list_entries += drift.len() as u64;
        done.lists.push(id);
    }
    Ok(())
}

/// Re-derives the keys of every roster snapshot, one snapshot at a time. A roster row's seal hashes its
/// keys with its values (a snapshot is sealed once and is never edited), so a snapshot whose keys change
/// is listed in `done.roster_snapshots` for the caller's audit row to reseal; before its keys are written,
/// its records are checked against its seal, and one changed behind vetdesk's back is left as it is
/// (`done.roster_skipped`), never sealed afresh.
fn rederive_roster(conn: &Connection, rules: &Rules, kinds: &[IdentifierKind], done: &mut Rekeyed) -> Result<()> {
    let snapshots: Vec<i64> = conn
        .prepare("SELECT id FROM roster_snapshot ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = conn.prepare_cached(
        "UPDATE roster_value SET normalized = ?4 WHERE snapshot_id = ?1 AND person = ?2 AND field = ?3",
    )?;
    for id in snapshots {
        let drift = roster_drift(conn, rules, kinds, id)?;
        if drift.is_empty() {
            continue;
        }
        if seal::check_unaltered(conn, Scope::Roster(id)).is_err() {
            done.roster_skipped.push(id);
            continue;
        }
        for (person, field, key) in &drift {
            update.execute(params![id, person, field, key])?;
        }
        done.roster_values += drift.len() as u64;
        done.roster_snapshots.push(id);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
