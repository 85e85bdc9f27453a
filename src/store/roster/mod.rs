//! Roster snapshots, their people and values, dismissed hits, and the screening queries. Every screening
//! query groups or joins on indexed keys; none compares people pairwise.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::Result;
use crate::domain::IdentifierKind;

mod matches;
pub use matches::{CaseMatch, ListMatch, case_matches, list_matches};

pub use super::roster_review::*;

/// One import of a roster source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    pub id: i64,
    pub source: String,
    pub as_of: String,
    pub file_name: String,
    pub sha256: String,
    /// People the file listed when imported.
    pub people: i64,
    pub warnings: i64,
    pub imported_at: String,
    pub imported_by: String,
    /// People whose rows the workspace still holds: fewer than `people` once `roster purge` removed them.
    pub kept: i64,
}

/// A person's own details in one snapshot.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Person {
    pub person: String,
    pub line: i64,
    pub name: String,
    pub vendor: String,
    pub position: String,
    pub start_date: String,
    pub status: String,
    pub bank_name: String,
}

/// One identifier of a person in a snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Value {
    pub field: String,
    pub kind: String,
    pub raw: String,
    pub normalized: String,
    pub warning: Option<String>,
}

/// A person's value in the newest snapshot of their source, as a screening query found it. Ordered by
/// source, then person, as the screen lists them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Member {
    pub source: String,
    pub person: String,
    pub name: String,
    pub field: String,
    pub raw: String,
}

/// The newest snapshot of each source (by as-of date, then import order). Materialized: a few rows that
/// the screening queries join from (`CROSS JOIN` keeps that order), so the newest snapshots are read by
/// their primary key and the test above runs once per snapshot, not once per value.
const LATEST: &str = "latest AS MATERIALIZED (SELECT s.id, s.source, s.as_of FROM roster_snapshot s WHERE NOT EXISTS (
        SELECT 1 FROM roster_snapshot t WHERE t.source = s.source AND (t.as_of > s.as_of OR (t.as_of = s.as_of AND t.id > s.id))))";

const SNAPSHOT_COLUMNS: &str = "id, source, as_of, file_name, sha256, people, warnings, imported_at, imported_by,
    (SELECT count(*) FROM roster_person p WHERE p.snapshot_id = roster_snapshot.id)";

fn snapshot(r: &rusqlite::Row<'_>) -> rusqlite::Result<Snapshot> {
    Ok(Snapshot {
        id: r.get(0)?,
        source: r.get(1)?,
        as_of: r.get(2)?,
        file_name: r.get(3)?,
        sha256: r.get(4)?,
        people: r.get(5)?,
        warnings: r.get(6)?,
        imported_at: r.get(7)?,
        imported_by: r.get(8)?,
        kept: r.get(9)?,
    })
}

pub fn insert_snapshot(conn: &Connection, s: &Snapshot) -> Result<i64> {
    conn.execute(
        "INSERT INTO roster_snapshot (source, as_of, file_name, sha256, people, warnings, imported_at, imported_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![s.source, s.as_of, s.file_name, s.sha256, s.people, s.warnings, s.imported_at, s.imported_by],
    )?;
    let id = conn.last_insert_rowid();
    // People and values written under the new snapshot's number behind vetdesk's back would be sealed with it.
    super::seal::check_unclaimed(conn, super::seal::Scope::Roster(id), 1)?;
    // A snapshot removed behind vetdesk's back is not sealed over by a new one taking its number.
    super::seal::check_never_sealed(conn, super::seal::Scope::Roster(id))?;
    Ok(id)
}

/// Records what reading the file found once it is all read.
pub fn finish_snapshot(conn: &Connection, id: i64, sha256: &str, people: i64, warnings: i64) -> Result<()> {
    conn.execute(
        "UPDATE roster_snapshot SET sha256 = ?2, people = ?3, warnings = ?4 WHERE id = ?1",
        params![id, sha256, people, warnings],
    )?;
    Ok(())
}

/// Stores a person; `false` when the snapshot already has someone with that id.
pub fn insert_person(conn: &Connection, snapshot: i64, p: &Person) -> Result<bool> {
    let done = conn
        .prepare_cached(
            "INSERT INTO roster_person (snapshot_id, person, line, name, vendor, position, start_date, status, bank_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            snapshot,
            p.person,
            p.line,
            p.name,
            p.vendor,
            p.position,
            p.start_date,
            p.status,
            p.bank_name
        ])?;
    Ok(done == 1)
}

/// The line a person was read from in a snapshot.
pub fn person_line(conn: &Connection, snapshot: i64, person: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT line FROM roster_person WHERE snapshot_id = ?1 AND person = ?2")?
        .query_row(params![snapshot, person], |r| r.get(0))
        .optional()?)
}

pub fn insert_value(conn: &Connection, snapshot: i64, person: &str, v: &Value) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO roster_value (snapshot_id, person, field, kind, raw, normalized, warning)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![snapshot, person, v.field, v.kind, v.raw, v.normalized, v.warning])?;
    Ok(())
}

pub fn snapshots(conn: &Connection) -> Result<Vec<Snapshot>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {SNAPSHOT_COLUMNS} FROM roster_snapshot ORDER BY source, as_of, id"))?;
    let rows = stmt.query_map([], snapshot)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The newest snapshot of each source.
pub fn latest(conn: &Connection) -> Result<Vec<Snapshot>> {
    let mut stmt = conn.prepare_cached(&format!(
        "WITH {LATEST} SELECT {SNAPSHOT_COLUMNS} FROM roster_snapshot WHERE id IN (SELECT id FROM latest) ORDER BY source"
    ))?;
    let rows = stmt.query_map([], snapshot)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A person's details and values in one snapshot.
pub fn person_in(conn: &Connection, snapshot: i64, person: &str) -> Result<Option<(Person, Vec<Value>)>> {
    let found = conn
        .prepare_cached(
            "SELECT person, line, name, vendor, position, start_date, status, bank_name FROM roster_person
             WHERE snapshot_id = ?1 AND person = ?2",
        )?
        .query_row(params![snapshot, person], |r| {
            Ok(Person {
                person: r.get(0)?,
                line: r.get(1)?,
                name: r.get(2)?,
                vendor: r.get(3)?,
                position: r.get(4)?,
                start_date: r.get(5)?,
                status: r.get(6)?,
                bank_name: r.get(7)?,
            })
        })
        .optional()?;
    let Some(p) = found else { return Ok(None) };
    let mut stmt = conn.prepare_cached(
        "SELECT field, kind, raw, normalized, warning FROM roster_value WHERE snapshot_id = ?1 AND person = ?2
         ORDER BY field",
    )?;
    let values = stmt
        .query_map(params![snapshot, person], |r| {
            Ok(Value { field: r.get(0)?, kind: r.get(1)?, raw: r.get(2)?, normalized: r.get(3)?, warning: r.get(4)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some((p, values)))
}

fn member(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Member> {
    Ok(Member {
        source: r.get(at)?,
        person: r.get(at + 1)?,
        name: r.get(at + 2)?,
        field: r.get(at + 3)?,
        raw: r.get(at + 4)?,
    })
}

/// Values of `kinds` held by two or more people across the newest snapshots: (kind, normalized, members).
pub fn shared(conn: &Connection, kinds: &[&str]) -> Result<Vec<(String, String, Vec<Member>)>> {
    let list = kinds.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ");
    // The newest snapshot of each source, written into the query so the grouping reads the match-key index
    // in its order (no sort). A group holds two people when it spans two snapshots (two sources) or two
    // person ids, compared as they are, without building a string for each value.
    let ids = latest(conn)?.iter().map(|s| s.id.to_string()).collect::<Vec<_>>().join(", ");
    let mut stmt = conn.prepare(&format!(
        "WITH grp AS MATERIALIZED (
           SELECT kind, normalized FROM roster_value INDEXED BY roster_value_key
           WHERE kind IN ({list}) AND snapshot_id IN ({ids})
           GROUP BY kind, normalized
           HAVING min(snapshot_id) <> max(snapshot_id) OR min(person) <> max(person))
         SELECT g.kind, g.normalized, s.source, v.person, p.name, v.field, v.raw
         FROM grp g CROSS JOIN roster_value v INDEXED BY roster_value_key ON v.kind = g.kind AND v.normalized = g.normalized AND v.snapshot_id IN ({ids})
         JOIN roster_snapshot s ON s.id = v.snapshot_id
         JOIN roster_person p ON p.snapshot_id = v.snapshot_id AND p.person = v.person
         ORDER BY g.kind, g.normalized, s.source, v.person, v.field"
    ))?;
    let mut out: Vec<(String, String, Vec<Member>)> = Vec::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (kind, norm): (String, String) = (r.get(0)?, r.get(1)?);
        // A snapshot taken in before such addresses were left out may hold them: they tie no one.
        if kind == "ip" && IdentifierKind::Ip.ties_nothing(&norm).is_some() {
            continue;
        }
        let m = member(r, 2)?;
        match out.last_mut() {
            Some((k, n, ms)) if *k == kind && *n == norm => ms.push(m),
            _ => out.push((kind, norm, vec![m])),
        }
    }
    Ok(out)
}
/// People whose value of `field` changed more than `times` times between consecutive snapshots of their
/// source dated within `days` days of its newest: (member in the newest snapshot, changes, the values
/// changed to, in order, as raw text). Strongest first.
///
/// Each source's snapshots are read side by side in person order (each one a primary-key range) and
/// merged, one person at a time, so the memory this takes does not grow with the roster.
pub fn churn(conn: &Connection, field: &str, times: u32, days: u32) -> Result<Vec<(Member, i64, String)>> {
    let mut out = Vec::new();
    for newest in latest(conn)? {
        let cutoff: String =
            conn.query_row("SELECT date(?1, '-' || ?2 || ' days')", params![newest.as_of, days], |r| r.get(0))?;
        // (snapshot, whether a change into it counts), oldest first; the newest is the last. A day's last
        // snapshot stands for it: an export taken again that day corrects the first, and a value that went
        // back and forth between the two is no change.
        let snapshots: Vec<(i64, bool)> = conn
            .prepare_cached(
                "SELECT id, as_of >= ?2 FROM roster_snapshot s WHERE source = ?1 AND NOT EXISTS (
                   SELECT 1 FROM roster_snapshot t WHERE t.source = s.source AND t.as_of = s.as_of AND t.id > s.id)
                 ORDER BY as_of, id",
            )?
            .query_map(params![newest.source, cutoff], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut statements = Vec::with_capacity(snapshots.len());
        for _ in &snapshots {
            statements.push(conn.prepare(
                "SELECT person, normalized, raw FROM roster_value WHERE snapshot_id = ?1 AND field = ?2 ORDER BY person",
            )?);
        }
        let mut cursors = Vec::with_capacity(snapshots.len());
        for (statement, (id, _)) in statements.iter_mut().zip(&snapshots) {
            cursors.push(statement.query(params![id, field])?);
        }
        let mut heads = Vec::with_capacity(cursors.len());
        for cursor in &mut cursors {
            heads.push(next_value(cursor)?);
        }
        let mut name = conn.prepare_cached("SELECT name FROM roster_person WHERE snapshot_id = ?1 AND person = ?2")?;
        while let Some(person) = heads.iter().flatten().map(|h| &h.0).min().cloned() {
            let (mut before, mut changes, mut values, mut now) = (None::<String>, 0i64, Vec::new(), None);
            let mut before_raw = None::<String>;
            for (at, head) in heads.iter_mut().enumerate() {
                if head.as_ref().is_none_or(|h| h.0 != person) {
                    continue;
                }
                let Some((_, normalized, raw)) = head.take() else { continue };
                if before.as_ref().is_some_and(|b| !same_value(field, b, &normalized)) && snapshots[at].1 {
                    // The chain starts from the value the first change counted left.
                    if values.is_empty() {
                        values.extend(before_raw.clone());
                    }
                    changes += 1;
                    values.push(raw.clone());
                }
                before = Some(normalized);
                before_raw = Some(raw.clone());
                if at + 1 == snapshots.len() {
                    now = Some(raw);
                }
                *head = next_value(&mut cursors[at])?;
            }
            let Some(raw) = now.filter(|_| changes > i64::from(times)) else { continue };
            let name: String = name.query_row(params![newest.id, person], |r| r.get(0))?;
            let member = Member { source: newest.source.clone(), person, name, field: field.to_string(), raw };
            out.push((member, changes, values.join(" → ")));
        }
    }
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| (&a.0.source, &a.0.person).cmp(&(&b.0.source, &b.0.person))));
    Ok(out)
}

/// The next (person, normalized, raw) of a [`churn`] cursor.
fn next_value(rows: &mut rusqlite::Rows<'_>) -> Result<Option<(String, String, String)>> {
    Ok(match rows.next()? {
        Some(r) => Some((r.get(0)?, r.get(1)?, r.get(2)?)),
        None => None,
    })
}

/// People whose value of `field` in the newest snapshot of their source differs from the one of the day
/// before it (the last snapshot of the latest earlier day: an export taken again the same day, corrected or
/// completed, stands for that day, and is compared with the day before, not with its own day's first), or
/// is new there while they were already listed: (member, earlier raw value if any).
pub fn changed(conn: &Connection, field: &str) -> Result<Vec<(Member, Option<String>)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "WITH {LATEST}, prior AS MATERIALIZED (
           SELECT l.id AS latest_id, (SELECT t.id FROM roster_snapshot t WHERE t.source = l.source
               AND t.as_of < l.as_of ORDER BY t.as_of DESC, t.id DESC LIMIT 1) AS prior_id
           FROM latest l)
         SELECT l.source, v.person, p.name, v.field, v.raw, o.raw, v.normalized, o.normalized
         FROM prior pr CROSS JOIN latest l ON l.id = pr.latest_id
         CROSS JOIN roster_value v INDEXED BY roster_value_field ON v.snapshot_id = pr.latest_id AND v.field = ?1
         CROSS JOIN roster_person was ON was.snapshot_id = pr.prior_id AND was.person = v.person
         JOIN roster_person p ON p.snapshot_id = v.snapshot_id AND p.person = v.person
         LEFT JOIN roster_value o ON o.snapshot_id = pr.prior_id AND o.person = v.person AND o.field = ?1
         WHERE o.normalized IS NULL OR o.normalized <> v.normalized
         ORDER BY l.source, v.person"
    ))?;
    let rows = stmt.query_map([field], |r| {
        Ok((member(r, 0)?, r.get::<_, Option<String>>(5)?, r.get::<_, String>(6)?, r.get::<_, Option<String>>(7)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (m, before, now_key, before_key) = row?;
        // The SQL's test is strict equality; an account that only lost or gained its routing number is
        // the same account.
        if before_key.as_deref().is_some_and(|b| same_value(field, b, &now_key)) {
            continue;
        }
        out.push((m, before));
    }
    Ok(out)
}

/// Whether two keys of `field` are the same value: equal, or, for a bank account, the same account number
/// where one of them came without its routing number (a column left blank is no new account).
fn same_value(field: &str, a: &str, b: &str) -> bool {
    let account = |k: &str| k.split_once(':').map_or(k, |(_, account)| account).to_string();
    a == b || (field == "account_number" && (!a.contains(':') || !b.contains(':')) && account(a) == account(b))
}

/// People in the newest snapshots whose shipping address differs from their home address: (member with
/// the shipping address, the home address).
pub fn ship_elsewhere(conn: &Connection) -> Result<Vec<(Member, String)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "WITH {LATEST}
         SELECT l.source, s.person, p.name, s.field, s.raw, h.raw
         FROM latest l CROSS JOIN roster_value s INDEXED BY roster_value_field
              ON s.snapshot_id = l.id AND s.field = 'shipping_address'
         JOIN roster_value h ON h.snapshot_id = l.id AND h.person = s.person AND h.field = 'home_address'
         JOIN roster_person p ON p.snapshot_id = l.id AND p.person = s.person
         WHERE h.normalized <> s.normalized
         ORDER BY l.source, s.person"
    ))?;
    let rows = stmt.query_map([], |r| Ok((member(r, 0)?, r.get(5)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Routing numbers (alone or before an account) in the newest snapshots that fail their check:
/// (member, warning).
pub fn bad_routing(conn: &Connection) -> Result<Vec<(Member, String)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "WITH {LATEST}
         SELECT l.source, v.person, p.name, v.field, v.raw, v.warning
         FROM latest l CROSS JOIN roster_value v ON v.snapshot_id = l.id
         JOIN roster_person p ON p.snapshot_id = l.id AND p.person = v.person
         WHERE v.field IN ('routing_number', 'account_number') AND v.warning LIKE '%routing%'
         ORDER BY l.source, v.person, v.field"
    ))?;
    let rows = stmt.query_map([], |r| Ok((member(r, 0)?, r.get(5)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every person's values in the newest snapshot of `source`.
/// `latest` is what [`latest`] returned, read once by the caller: reading it per person would count every
/// snapshot's people again for each (a hit of thousands of people would take minutes).
pub fn values_now(
    conn: &Connection,
    latest: &[Snapshot],
    source: &str,
    person: &str,
) -> Result<Option<(Snapshot, Person, Vec<Value>)>> {
    for s in latest.iter().filter(|s| s.source == source) {
        if let Some((p, v)) = person_in(conn, s.id, person)? {
            return Ok(Some((s.clone(), p, v)));
        }
    }
    Ok(None)
}

// --- purge -----------------------------------------------------------------------------------

/// Snapshots `roster purge` looks at: of `source` (or every source), dated before `before` (or, without
/// it, every snapshot but the newest of its source).
pub fn purgeable(
    conn: &Connection,
    source: Option<&str>,
    before: Option<&str>,
    window_days: u32,
) -> Result<Vec<Snapshot>> {
    // By default, what bank-churn still counts stays: the snapshots dated within `window_days` of their
    // source's newest (and the newest itself).
    let mut window: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let mut newest = std::collections::HashSet::new();
    for last in latest(conn)? {
        let from: String =
            conn.query_row("SELECT date(?1, '-' || ?2 || ' days')", params![last.as_of, window_days], |r| r.get(0))?;
        window.insert(last.source, from);
        newest.insert(last.id);
    }
    Ok(snapshots(conn)?
        .into_iter()
        .filter(|s| source.is_none_or(|src| s.source == src))
        .filter(|s| match before {
            Some(date) => s.as_of.as_str() < date,
            None => !newest.contains(&s.id) && window.get(&s.source).is_none_or(|from| s.as_of < *from),
        })
        .collect())
}

/// Deletes a snapshot's people (and their values) except those `keep` says, feeding each deleted row to
/// `seen` for the digest; returns (people, values) deleted.
pub fn purge_snapshot(
    conn: &Connection,
    snapshot: &Snapshot,
    keep: &dyn Fn(&str, &str) -> bool,
    seen: &mut dyn FnMut(&str),
) -> Result<(i64, i64)> {
    let mut people: Vec<String> = Vec::new();
    {
        let mut stmt = conn.prepare_cached("SELECT person FROM roster_person WHERE snapshot_id = ?1")?;
        for p in stmt.query_map([snapshot.id], |r| r.get::<_, String>(0))? {
            let p = p?;
            if !keep(&snapshot.source, &p) {
                people.push(p);
            }
        }
    }
    let (mut n_people, mut n_values) = (0, 0);
    let mut values = conn
        .prepare_cached("SELECT field, raw FROM roster_value WHERE snapshot_id = ?1 AND person = ?2 ORDER BY field")?;
    let mut del_values = conn.prepare_cached("DELETE FROM roster_value WHERE snapshot_id = ?1 AND person = ?2")?;
    let mut del_person = conn.prepare_cached("DELETE FROM roster_person WHERE snapshot_id = ?1 AND person = ?2")?;
    for p in people {
        seen(&format!("{}\u{1f}{}\u{1f}{p}", snapshot.source, snapshot.as_of));
        for v in values.query_map(params![snapshot.id, p], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (field, raw) = v?;
            seen(&format!("{field}\u{1f}{raw}"));
        }
        n_values += del_values.execute(params![snapshot.id, p])? as i64;
        n_people += del_person.execute(params![snapshot.id, p])? as i64;
    }
    Ok((n_people, n_values))
}
