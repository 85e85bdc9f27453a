//! Roster values that cases or reference lists hold too: the screen's case matches and list matches.

use rusqlite::{Connection, params};

use super::{LATEST, Member, member};
use crate::Result;

/// A roster value a case holds too: (case id, kind, normalized, whether only a weaker key matched, member).
pub type CaseMatch = (i64, String, String, bool, Member);

/// Values in the newest snapshots equal to a case's identifier, or the account or wallet a payment of it
/// went to ([`CaseMatch`]). A person the case was opened for (or linked to) is left out: their values are
/// in it because they are its subjects. So is a routing number alone (the same bank). An account number without its routing number
/// (which may be another bank's) and a phone without its country code match only weakly (links' rule).
pub fn case_matches(conn: &Connection) -> Result<Vec<CaseMatch>> {
    // Driven from the roster: each value of the newest snapshots is looked up through the case tables'
    // match indexes, so screening costs the same in a workspace of a thousand cases as of a million. A
    // value some record holds is then taken once, however many people list it: the cases holding it, each
    // once however many of its records do, then the people listing it for each such case. Joining people
    // to records instead made a value listed by thousands of people, in a case opened for them, thousands
    // times thousands of rows. `cases` is the case table and how its record meets the value `v`.
    // `gate` is what the value must be for the lookup to apply, tested before the lookup itself (SQLite
    // opens a correlated subquery's cursor again each time it runs one); `meets`, how a record meets it.
    let lookups = |gate: &str, cases: &str| {
        let (table, meets) = cases.split_once(" ON ").expect("a join on the value");
        let held = format!("({gate} AND EXISTS (SELECT 1 FROM {table} WHERE {meets}))");
        let holders = format!(
            "SELECT DISTINCT k.case_id FROM (SELECT ?1 AS kind, ?2 AS normalized) v CROSS JOIN {cases}
             WHERE {gate}
               -- An archived case is out of the day's work, as it is out of links and suggestions.
               AND NOT EXISTS (SELECT 1 FROM \"case\" c WHERE c.id = k.case_id AND c.archived_at IS NOT NULL)"
        );
        (held, holders)
    };
    // The people of the newest snapshots listing a value, but for those the case was opened for (or linked
    // to): their values are in it because they are its subjects.
    let mut people = conn.prepare_cached(&format!(
        "WITH {LATEST}
         SELECT l.source, v.person, p.name, v.field, v.raw
         FROM latest l CROSS JOIN roster_value v INDEXED BY roster_value_key
              ON v.kind = ?2 AND v.normalized = ?3 AND v.snapshot_id = l.id
         JOIN roster_person p ON p.snapshot_id = v.snapshot_id AND p.person = v.person
         WHERE NOT EXISTS (SELECT 1 FROM roster_case_person rc
                           WHERE rc.case_id = ?1 AND rc.source = l.source AND rc.person = v.person)"
    ))?;
    let identifiers = lookups(
        "v.kind <> 'routing-number' AND NOT (v.kind = 'bank-account' AND instr(v.normalized, ':') = 0)",
        "identifier k ON k.kind = v.kind AND k.normalized = v.normalized AND k.voided_at IS NULL
           AND NOT (k.kind = 'ip' AND k.loose IS NULL)",
    );
    let accounts =
        lookups("v.kind = 'bank-account'", "payment k ON k.account_key = v.normalized AND k.voided_at IS NULL");
    let wallets =
        lookups("v.kind = 'crypto-wallet'", "payment k ON k.wallet_key = v.normalized AND k.voided_at IS NULL");
    // The weaker keys, as links makes weak links of them: an account number equal to a case's, the
    // routing number given on one side only or differing, and a phone the roster gives without a country
    // code against a case's national number. Through the loose-key indexes.
    // The roster's side is keyed as its loose key is made: a phone's digits without a country with one
    // leading 0 (a trunk prefix) dropped, an account's number without the routing number before it. A
    // phone the roster gives with its country code has no national number here (its country code's length
    // is libphonenumber's to know), so it meets a case's number written without one only when the
    // workspace's phone country gives that number its country too.
    let roster_loose = "(CASE WHEN v.kind = 'phone' AND v.normalized GLOB '0*' THEN substr(v.normalized, 2)
                             WHEN v.kind = 'bank-account' AND instr(v.normalized, ':') > 0
                                  THEN substr(v.normalized, instr(v.normalized, ':') + 1)
                             ELSE v.normalized END)";
    let loose_identifiers = lookups(
        "v.kind IN ('bank-account', 'phone')",
        &format!(
            "identifier k ON k.kind = v.kind AND k.voided_at IS NULL AND k.loose = {roster_loose}
           AND ((v.kind = 'bank-account' AND (instr(v.normalized, ':') = 0 OR k.normalized <> v.normalized))
                OR (v.kind = 'phone' AND k.normalized <> v.normalized))"
        ),
    );
    let loose_accounts = lookups(
        "v.kind = 'bank-account'",
        &format!(
            "payment k ON k.account_loose = {roster_loose} AND k.voided_at IS NULL
           AND (instr(v.normalized, ':') = 0 OR k.account_key <> v.normalized)"
        ),
    );
    let mut out = Vec::new();
    let all =
        [(identifiers, false), (accounts, false), (wallets, false), (loose_identifiers, true), (loose_accounts, true)];
    // The values of the newest snapshots some record holds, each once: the snapshots walked in their own
    // order, each value tested by the lookups that apply to its kind, and only the few held kept apart.
    // (Walking the value index instead, to test each value once however many people list it, cost 1.3×
    // as much on a roster of 200,000 people, whose values are nearly all listed once. Joining the values
    // to the records, with no subquery, costs a third as much, but a value listed by thousands of people
    // and held by thousands of records then makes their product.) Then each lookup's cases holding them.
    let tests: Vec<&str> = all.iter().map(|((held, _), _)| held.as_str()).collect();
    let mut stmt = conn.prepare_cached(&format!(
        "WITH {LATEST}
         SELECT DISTINCT v.kind, v.normalized FROM latest l CROSS JOIN roster_value v ON v.snapshot_id = l.id
         WHERE {}",
        tests.join(" OR ")
    ))?;
    let values = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut holders = Vec::with_capacity(all.len());
    for ((_, sql), weak) in &all {
        holders.push((conn.prepare_cached(sql)?, *weak));
    }
    for (kind, normalized) in values.collect::<rusqlite::Result<Vec<_>>>()? {
        for (cases, weak) in &mut holders {
            let held_by = cases.query_map(params![kind, normalized], |r| r.get::<_, i64>(0))?;
            for case_id in held_by.collect::<rusqlite::Result<Vec<_>>>()? {
                for m in people.query_map(params![case_id, kind, normalized], |r| member(r, 0))? {
                    out.push((case_id, kind.clone(), normalized.clone(), *weak, m?));
                }
            }
        }
    }
    // In the order the screen lists them, each once (a value in both a case's identifiers and its payments).
    out.sort();
    out.dedup();
    Ok(out)
}

/// A value on a reference list: (list name, list kind, entry, label, normalized, member).
pub type ListMatch = (String, String, String, String, String, Member);

/// Values in the newest snapshots on a reference list (exact entries, and ranges for prefix entries):
/// (list name, list kind, entry, label, normalized, member). Driven from the list side.
pub fn list_matches(conn: &Connection) -> Result<Vec<ListMatch>> {
    let mut stmt = conn.prepare_cached(&format!(
        "WITH {LATEST}
         SELECT rl.name, rl.kind, e.raw, e.label, v.normalized, l.source, v.person, p.name, v.field, v.raw
         FROM reference_entry e JOIN reference_list rl ON rl.id = e.list_id
         CROSS JOIN roster_value v ON v.kind = e.match_group
              AND ((e.prefix = 0 AND v.normalized = e.key)
                   OR (e.prefix = 1 AND v.normalized >= e.key AND v.normalized < e.key || char(1114111)))
         JOIN latest l ON l.id = v.snapshot_id
         JOIN roster_person p ON p.snapshot_id = v.snapshot_id AND p.person = v.person
         WHERE rl.voided_at IS NULL
         ORDER BY rl.name, e.line, l.source, v.person"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, member(r, 5)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
