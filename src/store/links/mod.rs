//! Lookups behind links: who else holds a match key. Every query here is an index seek on
//! `identifier_match`, `identifier_loose`, `payment_account` or `payment_account_loose`.
//!
//! Archived cases are left out unless `with_archived` is set: `case_id NOT IN` the archived ids, a list
//! SQLite reads once per statement from the `case_archived` index.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::word;
use crate::Result;
use crate::domain::IdentifierKind;
use crate::domain::link::{Held, Source};

/// The archived cases, for `NOT IN`.
const ARCHIVED: &str = "(SELECT id FROM \"case\" WHERE archived_at IS NOT NULL)";

/// `select`, which reads the holders in other cases through `case_id <> ?N`, as its two halves, of the
/// cases numbered below and above: `<>` cannot seek an index, so a look-up in a case whose own records hold
/// the value thousands of times (a roster hit of thousands of people) walked them all, for each of them.
/// The match indexes' next column is the case, so each half seeks past them. Schema step 26 does the same
/// in the markers' view and triggers.
fn other_cases_halves(select: &str) -> (String, String) {
    let (before, after) = select.split_once("case_id <> ").expect("a look-up of other cases");
    (format!("{before}case_id < {after}"), format!("{before}case_id > {after}"))
}

/// [`other_cases_halves`] joined: holders come in case order, as before.
fn in_other_cases(select: &str) -> String {
    let (below, above) = other_cases_halves(select);
    format!("{below} UNION ALL {above}")
}

/// `EXISTS (subquery)` for a subquery reading other cases through `case_id <> …`.
fn exists_in_other_cases(subquery: &str) -> String {
    let (below, above) = other_cases_halves(subquery);
    format!("(EXISTS ({below}) OR EXISTS ({above}))")
}

/// A value a case holds, with its match keys.
#[derive(Debug, Clone)]
pub struct Probe {
    pub held: Held,
    pub kind: IdentifierKind,
    pub key: String,
    pub loose: Option<String>,
}

/// How a payment's account reads in a link.
pub fn payment_account_label(routing: &str, account: &str) -> String {
    if routing.is_empty() { account.to_string() } else { format!("{routing} / {account}") }
}

/// The case's identifiers and payment accounts, as values to look up.
pub fn probes(conn: &Connection, case_id: i64) -> Result<Vec<Probe>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, raw, normalized, loose FROM identifier WHERE case_id = ?1 AND voided_at IS NULL ORDER BY id",
    )?;
    let mut rows = stmt.query([case_id])?;
    while let Some(r) = rows.next()? {
        let kind: IdentifierKind = word(r, 1)?;
        out.push(Probe {
            held: Held {
                source: Source::Identifier,
                id: r.get(0)?,
                case_id,
                kind: kind.to_string(),
                raw: r.get(2)?,
                subject: None,
            },
            kind,
            key: r.get(3)?,
            loose: r.get(4)?,
        });
    }
    // A payment's account, as a bank account; the wallet it went to, as a crypto-wallet identifier.
    let mut stmt = conn.prepare_cached(
        "SELECT id, routing_number, account, account_key, account_loose, wallet, wallet_key FROM payment
         WHERE case_id = ?1 AND (account_key IS NOT NULL OR wallet_key IS NOT NULL) AND voided_at IS NULL
         ORDER BY id",
    )?;
    let mut rows = stmt.query([case_id])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let held = |kind: IdentifierKind, raw: String| Held {
            source: Source::Payment,
            id,
            case_id,
            kind: kind.to_string(),
            raw,
            subject: None,
        };
        if let Some(key) = r.get::<_, Option<String>>(3)? {
            let (routing, account): (String, String) = (r.get(1)?, r.get(2)?);
            out.push(Probe {
                held: held(IdentifierKind::BankAccount, payment_account_label(&routing, &account)),
                kind: IdentifierKind::BankAccount,
                key,
                loose: r.get(4)?,
            });
        }
        if let Some(key) = r.get::<_, Option<String>>(6)? {
            out.push(Probe {
                held: held(IdentifierKind::CryptoWallet, r.get(5)?),
                kind: IdentifierKind::CryptoWallet,
                key,
                loose: None,
            });
        }
    }
    Ok(out)
}

fn identifier_held(r: &rusqlite::Row<'_>) -> rusqlite::Result<Held> {
    Ok(Held {
        source: Source::Identifier,
        id: r.get(0)?,
        case_id: r.get(1)?,
        kind: r.get(2)?,
        raw: r.get(3)?,
        subject: None,
    })
}

fn payment_held(r: &rusqlite::Row<'_>) -> rusqlite::Result<Held> {
    let (routing, account): (String, String) = (r.get(2)?, r.get(3)?);
    Ok(Held {
        source: Source::Payment,
        id: r.get(0)?,
        case_id: r.get(1)?,
        kind: IdentifierKind::BankAccount.to_string(),
        raw: payment_account_label(&routing, &account),
        subject: None,
    })
}

/// Payments in other cases to the wallet keyed `key` (a crypto-wallet identifier's key).
pub fn payments_with_wallet(conn: &Connection, key: &str, not_case: i64, with_archived: bool) -> Result<Vec<Held>> {
    let mut stmt = conn.prepare_cached(&in_other_cases(
        "SELECT id, case_id, wallet FROM payment
             WHERE wallet_key = ?1 AND case_id <> ?2 AND voided_at IS NULL
               AND (?3 OR case_id NOT IN (SELECT id FROM \"case\" WHERE archived_at IS NOT NULL))",
    ))?;
    let rows = stmt.query_map(params![key, not_case, with_archived], |r| {
        Ok(Held {
            source: Source::Payment,
            id: r.get(0)?,
            case_id: r.get(1)?,
            kind: IdentifierKind::CryptoWallet.to_string(),
            raw: r.get(2)?,
            subject: None,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Identifiers of `kind` in other cases whose normalized value is `key`.
pub fn identifiers_with_key(
    conn: &Connection,
    kind: IdentifierKind,
    key: &str,
    not_case: i64,
    with_archived: bool,
) -> Result<Vec<Held>> {
    let mut stmt = conn.prepare_cached(&in_other_cases(
        "SELECT id, case_id, kind, raw FROM identifier
             WHERE kind = ?1 AND normalized = ?2 AND case_id <> ?3 AND voided_at IS NULL
               AND (?4 OR case_id NOT IN (SELECT id FROM \"case\" WHERE archived_at IS NOT NULL))",
    ))?;
    let rows = stmt.query_map(params![kind.as_str(), key, not_case, with_archived], identifier_held)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Up to `limit` other cases holding identifiers of `kind` under the weaker key `loose` but not the key
/// `key`, in case order.
pub fn cases_with_loose(
    conn: &Connection,
    kind: IdentifierKind,
    loose: &str,
    key: &str,
    not_case: i64,
    with_archived: bool,
    limit: u32,
) -> Result<Vec<i64>> {
    // The limit is a number in the text, not a parameter: SQLite plans with a bound LIMIT's value, so it
    // prepares the statement again at every binding, and this runs once per value of a case.
    let mut stmt = conn.prepare_cached(&format!(
        "{} LIMIT {limit}",
        in_other_cases(
            "SELECT DISTINCT case_id FROM identifier
             WHERE kind = ?1 AND loose = ?2 AND case_id <> ?3 AND normalized <> ?4 AND voided_at IS NULL
               AND (?5 OR case_id NOT IN (SELECT id FROM \"case\" WHERE archived_at IS NOT NULL))"
        )
    ))?;
    let rows = stmt.query_map(params![kind.as_str(), loose, not_case, key, with_archived], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The identifiers of `kind` in case `case` sharing the weaker key `loose` but not the key `key`.
pub fn identifiers_with_loose(
    conn: &Connection,
    kind: IdentifierKind,
    loose: &str,
    key: &str,
    case: i64,
) -> Result<Vec<Held>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, case_id, kind, raw FROM identifier
         WHERE kind = ?1 AND loose = ?2 AND case_id = ?3 AND normalized <> ?4 AND voided_at IS NULL",
    )?;
    let rows = stmt.query_map(params![kind.as_str(), loose, case, key], identifier_held)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Payments in other cases to the account keyed `key`.
pub fn payments_with_key(conn: &Connection, key: &str, not_case: i64, with_archived: bool) -> Result<Vec<Held>> {
    let mut stmt = conn.prepare_cached(&in_other_cases(
        "SELECT id, case_id, routing_number, account FROM payment
             WHERE account_key = ?1 AND case_id <> ?2 AND voided_at IS NULL
               AND (?3 OR case_id NOT IN (SELECT id FROM \"case\" WHERE archived_at IS NOT NULL))",
    ))?;
    let rows = stmt.query_map(params![key, not_case, with_archived], payment_held)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Up to `limit` other cases holding payments to the same account number under another key than `key`, in
/// case order.
pub fn payment_cases_with_loose(
    conn: &Connection,
    loose: &str,
    key: &str,
    not_case: i64,
    with_archived: bool,
    limit: u32,
) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{} LIMIT {limit}",
        in_other_cases(
            "SELECT DISTINCT case_id FROM payment
             WHERE account_loose = ?1 AND case_id <> ?2 AND account_key <> ?3 AND voided_at IS NULL
               AND (?4 OR case_id NOT IN (SELECT id FROM \"case\" WHERE archived_at IS NOT NULL))"
        )
    ))?;
    let rows = stmt.query_map(params![loose, not_case, key, with_archived], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The payments in case `case` to the same account number under another key than `key`.
pub fn payments_with_loose(conn: &Connection, loose: &str, key: &str, case: i64) -> Result<Vec<Held>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, case_id, routing_number, account FROM payment
         WHERE account_loose = ?1 AND case_id = ?2 AND account_key <> ?3 AND voided_at IS NULL",
    )?;
    let rows = stmt.query_map(params![loose, case, key], payment_held)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The names of the subjects the given records of identifiers and payments belong to, by record; records
/// of no subject are left out.
pub fn holder_names(conn: &Connection, records: &[(Source, i64)]) -> Result<HashMap<(Source, i64), String>> {
    let mut out = HashMap::new();
    for (source, table) in [(Source::Identifier, "identifier"), (Source::Payment, "payment")] {
        let ids: Vec<i64> = records.iter().filter(|(s, _)| *s == source).map(|(_, id)| *id).collect();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT r.id, s.name FROM {table} r JOIN subject s ON s.id = r.subject_id
             WHERE r.id IN (SELECT value FROM json_each(?1))"
        ))?;
        for chunk in ids.chunks(10_000) {
            let list = serde_json::to_string(chunk).map_err(|e| crate::Error::invalid(e.to_string()))?;
            let rows = stmt.query_map([list], |r| Ok(((source, r.get::<_, i64>(0)?), super::shown(r, 1)?)))?;
            for row in rows {
                let (key, name) = row?;
                out.insert(key, name);
            }
        }
    }
    Ok(out)
}

/// The role of the subject a linked record belongs to, when that subject is not a candidate (a
/// facilitator's, a vendor's or a reference's value); `None` for a candidate's, or a record of no subject.
pub fn holder_role(conn: &Connection, source: Source, id: i64) -> Result<Option<crate::domain::Role>> {
    let table = match source {
        Source::Identifier => "identifier",
        Source::Payment => "payment",
        Source::Evidence => return Ok(None),
    };
    let role: Option<String> = conn
        .prepare_cached(&format!(
            "SELECT s.role FROM {table} r JOIN subject s ON s.id = r.subject_id WHERE r.id = ?1 AND s.role <> 'candidate'"
        ))?
        .query_row([id], |r| r.get(0))
        .optional()?;
    Ok(role.and_then(|r| r.parse().ok()))
}

/// Titles of the given cases.
pub fn titles(conn: &Connection, ids: impl IntoIterator<Item = i64>) -> Result<HashMap<i64, String>> {
    Ok(titles_and_shelves(conn, ids)?.into_iter().map(|(id, (title, _))| (id, title)).collect())
}

/// Titles of the given cases, each with whether it is archived.
pub fn titles_and_shelves(
    conn: &Connection,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, (String, bool)>> {
    let mut stmt = conn.prepare_cached("SELECT title, archived_at IS NOT NULL FROM \"case\" WHERE id = ?1")?;
    let mut out = HashMap::new();
    for id in ids {
        if let std::collections::hash_map::Entry::Vacant(slot) = out.entry(id) {
            slot.insert(stmt.query_row([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?)))?);
        }
    }
    Ok(out)
}

/// The largest case, identifier and payment ids before a bulk write whose link markers are written at
/// its end: see [`mark_added`].
#[derive(Debug, Clone, Copy)]
pub struct Added {
    case: i64,
    identifier: i64,
    payment: i64,
}

impl Added {
    pub fn before(conn: &Connection) -> Result<Added> {
        let last = |table: &str| super::last_id(conn, table);
        Ok(Added { case: last("\"case\"")?, identifier: last("identifier")?, payment: last("payment")? })
    }
}

/// Writes the link markers a bulk write held back (schema step 16), as the insert triggers would have
/// left them: through `case_link_live`, the marker of every case the write added (or added an identifier
/// or payment to), and of every case not marked linked before, which a new value may now link. A case
/// already marked stays so: adding records never takes a link away. A case's marker needs only its
/// first shared value, where the triggers looked every new value up.
pub fn mark_added(conn: &Connection, before: &Added) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO case_linked (case_id, linked)
         SELECT case_id, linked FROM case_link_live WHERE case_id IN (
             SELECT id FROM \"case\" WHERE id > ?1
             UNION SELECT case_id FROM identifier WHERE id > ?2
             UNION SELECT case_id FROM payment WHERE id > ?3
             UNION SELECT case_id FROM case_linked WHERE NOT linked)",
    )?
    .execute(params![before.case, before.identifier, before.payment])?;
    Ok(())
}

/// Every kept link marker, by case: for tests that compare a bulk write with the triggers.
#[cfg(test)]
pub(crate) fn markers(conn: &Connection) -> Vec<(i64, bool)> {
    let mut stmt = conn.prepare("SELECT case_id, linked FROM case_linked ORDER BY case_id").expect("markers");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("markers").map(|r| r.expect("marker")).collect()
}

/// What links a case to another, each a subquery on the case `?1`'s own records reading other cases'
/// through `case_id <> …` (split by [`exists_in_other_cases`]). Each join starts from the case's own rows
/// (`CROSS JOIN` fixes SQLite's join order, and `+a.kind` keeps it off the kind index): without them the
/// planner walks every bank account of the workspace for each case.
const SHARING: [&str; 8] = [
    "SELECT 1 FROM identifier a CROSS JOIN identifier b
             ON b.kind IN (a.kind, CASE a.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE a.kind END)
                AND b.normalized = a.normalized AND b.case_id <> a.case_id AND b.voided_at IS NULL
         WHERE a.case_id = ?1 AND a.kind NOT IN ('routing-number', 'bank-account') AND a.voided_at IS NULL
           AND NOT (a.kind = 'ip' AND a.loose IS NULL)",
    "SELECT 1 FROM identifier a CROSS JOIN identifier b
             ON b.kind = 'bank-account' AND b.normalized = a.normalized AND b.case_id <> a.case_id
                AND b.voided_at IS NULL
         WHERE a.case_id = ?1 AND +a.kind = 'bank-account' AND instr(a.normalized, ':') > 0 AND a.voided_at IS NULL",
    "SELECT 1 FROM identifier a CROSS JOIN payment q
             ON q.account_key = a.normalized AND q.case_id <> a.case_id AND q.voided_at IS NULL
         WHERE a.case_id = ?1 AND +a.kind = 'bank-account' AND instr(a.normalized, ':') > 0 AND a.voided_at IS NULL",
    "SELECT 1 FROM payment p CROSS JOIN payment q
             ON q.account_key = p.account_key AND q.case_id <> p.case_id AND q.voided_at IS NULL
         WHERE p.case_id = ?1 AND instr(p.account_key, ':') > 0 AND p.voided_at IS NULL",
    "SELECT 1 FROM payment p CROSS JOIN identifier b
             ON b.kind = 'bank-account' AND b.normalized = p.account_key AND b.case_id <> p.case_id
                AND b.voided_at IS NULL
         WHERE p.case_id = ?1 AND instr(p.account_key, ':') > 0 AND p.voided_at IS NULL",
    "SELECT 1 FROM identifier a CROSS JOIN payment q
             ON q.wallet_key = a.normalized AND q.case_id <> a.case_id AND q.voided_at IS NULL
         WHERE a.case_id = ?1 AND +a.kind = 'crypto-wallet' AND a.voided_at IS NULL",
    "SELECT 1 FROM payment p CROSS JOIN payment q
             ON q.wallet_key = p.wallet_key AND q.case_id <> p.case_id AND q.voided_at IS NULL
         WHERE p.case_id = ?1 AND p.wallet_key IS NOT NULL AND p.voided_at IS NULL",
    "SELECT 1 FROM payment p CROSS JOIN identifier b
             ON b.kind = 'crypto-wallet' AND b.normalized = p.wallet_key AND b.case_id <> p.case_id
                AND b.voided_at IS NULL
         WHERE p.case_id = ?1 AND p.wallet_key IS NOT NULL AND p.voided_at IS NULL",
];

/// Which of `case_ids` share an identifier key or a payment account key with another case. Unless
/// `with_archived`, an archived case is never marked and never marks another: that is the case list's
/// marker, read from `case_linked` (kept by triggers, schema step 12) and, for a case without a row there,
/// worked out through the `case_link_live` view. With `with_archived` it is worked out here ([`SHARING`]): a
/// few index seeks per case.
pub fn cases_sharing_keys(conn: &Connection, case_ids: &[i64], with_archived: bool) -> Result<Vec<i64>> {
    let mut stmt = if with_archived {
        conn.prepare_cached(&format!(
            "SELECT {}",
            SHARING.iter().map(|q| exists_in_other_cases(q)).collect::<Vec<_>>().join(" OR ")
        ))?
    } else {
        conn.prepare_cached(
            "SELECT coalesce((SELECT linked FROM case_linked WHERE case_id = ?1),
                             (SELECT linked FROM case_link_live WHERE case_id = ?1), 0)",
        )?
    };
    let mut out = Vec::new();
    for &id in case_ids {
        if stmt.query_row([id], |r| r.get::<_, bool>(0))? {
            out.push(id);
        }
    }
    Ok(out)
}

/// Calls `f` for every identifier key and every payment account key, each with the case holding it, so
/// that the keys of one match group ([`IdentifierKind::match_group`]) and value come one after another:
/// first the kinds matched only among themselves, ordered by (kind, key, case) straight from the covering
/// index; then bank accounts, identifiers' and payments' merged in key order (a payment's key comes as a
/// bank account's); then handles and URLs merged in key order; then wallets, identifiers' and the wallets
/// payments went to, merged in key order. Each part is read in the order of its
/// index, so nothing is gathered or sorted in memory. Archived cases' keys are skipped unless
/// `with_archived`.
pub fn scan_keys(conn: &Connection, with_archived: bool, mut f: impl FnMut(IdentifierKind, &str, i64)) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "SELECT kind, normalized, case_id FROM identifier INDEXED BY identifier_match
         WHERE kind NOT IN ('bank-account', 'handle', 'url', 'crypto-wallet') AND voided_at IS NULL
           AND (?1 OR case_id NOT IN {ARCHIVED})
         ORDER BY kind, normalized, case_id"
    ))?;
    let mut rows = stmt.query([with_archived])?;
    let mut kind_text = String::new();
    let mut kind = IdentifierKind::Email;
    while let Some(r) = rows.next()? {
        let k = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        if k != kind_text {
            kind_text = k.to_string();
            kind = word(r, 0)?;
        }
        let key = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        if kind.ties_nothing(key).is_none() {
            f(kind, key, r.get(2)?);
        }
    }
    let mut payments = conn.prepare(&paid_keys_sql("account_key", "payment_account"))?;
    let payment_keys = paid_keys(&mut payments, with_archived, IdentifierKind::BankAccount)?;
    let of_kind = format!(
        "SELECT normalized, case_id FROM identifier INDEXED BY identifier_match
         WHERE kind = ?2 AND voided_at IS NULL AND (?1 OR case_id NOT IN {ARCHIVED})
         ORDER BY normalized, case_id"
    );
    let (mut accounts, mut handles, mut urls, mut wallets) =
        (conn.prepare(&of_kind)?, conn.prepare(&of_kind)?, conn.prepare(&of_kind)?, conn.prepare(&of_kind)?);
    merge(keys_of(&mut accounts, with_archived, IdentifierKind::BankAccount)?, payment_keys, &mut f)?;
    merge(
        keys_of(&mut handles, with_archived, IdentifierKind::Handle)?,
        keys_of(&mut urls, with_archived, IdentifierKind::Url)?,
        &mut f,
    )?;
    let mut paid_wallets = conn.prepare(&paid_keys_sql("wallet_key", "payment_wallet"))?;
    let paid_wallets = paid_keys(&mut paid_wallets, with_archived, IdentifierKind::CryptoWallet)?;
    merge(keys_of(&mut wallets, with_archived, IdentifierKind::CryptoWallet)?, paid_wallets, &mut f)
}

/// The payments' keys of one column (`account_key`, `wallet_key`) with their cases, in key order through
/// the column's index; read with [`paid_keys`].
fn paid_keys_sql(column: &str, index: &str) -> String {
    format!(
        "SELECT {column}, case_id FROM payment INDEXED BY {index}
         WHERE {column} IS NOT NULL AND voided_at IS NULL AND (?1 OR case_id NOT IN {ARCHIVED})
         ORDER BY {column}, case_id"
    )
}

/// The keys [`paid_keys_sql`] reads, each as a key of `kind`, with its case.
fn paid_keys<'s>(
    stmt: &'s mut rusqlite::Statement<'_>,
    with_archived: bool,
    kind: IdentifierKind,
) -> rusqlite::Result<impl Iterator<Item = rusqlite::Result<(IdentifierKind, String, i64)>> + 's> {
    stmt.query_map([with_archived], move |r| Ok((kind, r.get(0)?, r.get(1)?)))
}

/// The keys of one identifier kind, each with its kind and case, read with [`scan_keys`]'s `of_kind`.
fn keys_of<'s>(
    stmt: &'s mut rusqlite::Statement<'_>,
    with_archived: bool,
    kind: IdentifierKind,
) -> rusqlite::Result<impl Iterator<Item = rusqlite::Result<(IdentifierKind, String, i64)>> + 's> {
    stmt.query_map(params![with_archived, kind.as_str()], move |r| Ok((kind, r.get(0)?, r.get(1)?)))
}

/// Calls `f` for the rows of two streams each ordered by key, in key order.
fn merge(
    mut a: impl Iterator<Item = rusqlite::Result<(IdentifierKind, String, i64)>>,
    mut b: impl Iterator<Item = rusqlite::Result<(IdentifierKind, String, i64)>>,
    f: &mut impl FnMut(IdentifierKind, &str, i64),
) -> Result<()> {
    let (mut x, mut y) = (a.next().transpose()?, b.next().transpose()?);
    loop {
        let from_a = match (&x, &y) {
            (Some(p), Some(q)) => p.1 <= q.1,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return Ok(()),
        };
        let (row, next) = if from_a { (x.take(), a.next()) } else { (y.take(), b.next()) };
        if let Some((kind, key, case)) = row {
            f(kind, &key, case);
        }
        let next = next.transpose()?;
        if from_a {
            x = next;
        } else {
            y = next;
        }
    }
}

#[cfg(test)]
mod tests;
