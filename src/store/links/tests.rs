//! The case-list marker, read and kept by triggers, against the rule it keeps.

use std::collections::{BTreeSet, HashMap, HashSet};

use rusqlite::Connection;

use super::cases_sharing_keys;
use crate::Workspace;
use crate::domain::{IdentifierKind, NewPayment, Priority};
use crate::store::void::Voidable;
use crate::workspace::NewCase;

/// An in-memory workspace with `n` new cases, and their ids.
fn workspace_with_cases(n: usize) -> (Workspace, Vec<i64>) {
    let mut ws = Workspace::open_in_memory("ana").unwrap();
    let ids = (0..n)
        .map(|i| {
            let case = NewCase { title: format!("case {i}"), priority: Priority::Low, candidate: None };
            ws.create_case(&case).unwrap()
        })
        .collect();
    (ws, ids)
}

#[test]
fn cases_sharing_keys_finds_a_shared_value_but_not_a_shared_bank() {
    let (mut ws, ids) = workspace_with_cases(5);
    let mut add = |case, kind, value| ws.add_identifier(case, kind, value, None, "", false).unwrap();
    add(ids[0], IdentifierKind::Phone, "+1 202 555 0143");
    add(ids[1], IdentifierKind::Phone, "+1 202 555 0143");
    add(ids[2], IdentifierKind::Email, "only.here@example.com");
    // The same bank is not the same account.
    add(ids[3], IdentifierKind::RoutingNumber, "076401251");
    add(ids[4], IdentifierKind::RoutingNumber, "076401251");
    assert_eq!(cases_sharing_keys(ws.store().conn(), &ids, false).unwrap(), ids[..2]);
}

/// The cases the case list marks, worked out from the stored rows alone, as the README states the
/// rule: a value held by another case that is not archived (urls and handles alike, routing numbers
/// and IP addresses that name no machine of their own never, wallets paid to matching wallets, bank accounts with their routing number matching payment accounts too), the case itself not
/// archived.
fn marked_by_the_rule(conn: &Connection) -> BTreeSet<i64> {
    let archived: HashSet<i64> = conn
        .prepare("SELECT id FROM \"case\" WHERE archived_at IS NOT NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut holders: HashMap<(String, String), BTreeSet<i64>> = HashMap::new();
    let mut stmt = conn
        .prepare(
            "SELECT kind, normalized, case_id FROM identifier WHERE voided_at IS NULL
             UNION ALL SELECT 'payment', account_key, case_id FROM payment
                 WHERE voided_at IS NULL AND account_key IS NOT NULL
             UNION ALL SELECT 'paid-wallet', wallet_key, case_id FROM payment
                 WHERE voided_at IS NULL AND wallet_key IS NOT NULL",
        )
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)));
    for (kind, key, case) in rows.unwrap().map(Result::unwrap) {
        let family = match kind.as_str() {
            "routing-number" => continue,
            "ip" if IdentifierKind::Ip.ties_nothing(&key).is_some() => continue,
            "bank-account" | "payment" if !key.contains(':') => continue,
            "bank-account" | "payment" => "account",
            "url" | "handle" => "url or handle",
            "crypto-wallet" | "paid-wallet" => "wallet",
            other => other,
        };
        if !archived.contains(&case) {
            holders.entry((family.to_string(), key)).or_default().insert(case);
        }
    }
    holders.into_values().filter(|cases| cases.len() > 1).flatten().collect()
}

/// A valid bech32 address (BIP-173's example).
const WALLET: &str = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4";

fn cached(conn: &Connection) -> BTreeSet<i64> {
    let mut stmt = conn.prepare("SELECT case_id FROM case_linked WHERE linked").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

/// Three hundred changes drawn at random over eight cases and a few values of each kind: after each,
/// the markers kept in `case_linked` are the rule's, every case has its row, the reading the case list
/// does agrees, and so does the fill an existing workspace gets on its upgrade to schema step 12.
#[test]
fn the_kept_link_markers_follow_every_change_that_links_or_unlinks_cases() {
    let (mut ws, ids) = workspace_with_cases(8);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let values: [(IdentifierKind, &[&str]); 8] = [
        (IdentifierKind::Email, &["a@example.com", "b@example.com", "c@example.org"]),
        (IdentifierKind::Ip, &["198.51.100.7", "10.0.0.5"]),
        (IdentifierKind::CryptoWallet, &[WALLET, "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"]),
        (IdentifierKind::Handle, &["@devone", "@devtwo"]),
        (IdentifierKind::Url, &["https://github.com/devone", "https://example.com/devtwo"]),
        (IdentifierKind::BankAccount, &["076401251 / 0001 2345 6789", "076401251 / 9988 7766 5544", "12345678"]),
        (IdentifierKind::RoutingNumber, &["076401251", "011000015"]),
        (IdentifierKind::DeviceSerial, &["SN-1", "SN-2"]),
    ];
    let accounts = ["0001 2345 6789", "9988 7766 5544", "5555 0000"];
    let schema = include_str!("../../../schema.sql");
    let start = schema.find("INSERT INTO case_linked (case_id, linked) SELECT id, id IN (").unwrap();
    let fill = &schema[start..start + schema[start..].find(";\n").unwrap()];
    let mut kinds = BTreeSet::new();
    for step in 0..300 {
        let case = ids[next(ids.len())];
        let live = |ws: &Workspace, table: &str| -> Vec<i64> {
            let sql = format!("SELECT id FROM {table} WHERE voided_at IS NULL ORDER BY id");
            let mut stmt = ws.store().conn().prepare(&sql).unwrap();
            stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
        };
        let op = next(8);
        kinds.insert(op);
        match op {
            0..=2 => {
                let (kind, pool) = values[next(values.len())];
                // The same value twice in one case is refused (it would be listed twice).
                if let Err(e) = ws.add_identifier(case, kind, pool[next(pool.len())], None, "", false) {
                    assert!(e.to_string().contains("already holds"), "{e}");
                }
            }
            3 => {
                let payment = NewPayment {
                    paid_on: "2026-03-01".into(),
                    amount_cents: 1000,
                    currency: "USD".into(),
                    method: "wire".into(),
                    routing_number: "076401251".into(),
                    account: accounts[next(accounts.len())].into(),
                    // Some go to a wallet too, some to one written in capitals.
                    wallet: [String::new(), WALLET.into(), WALLET.to_uppercase()][next(3)].clone(),
                    ..Default::default()
                };
                ws.add_payment(case, &payment).unwrap();
            }
            4 => {
                let (table, what) =
                    if next(2) == 0 { ("identifier", Voidable::Identifier) } else { ("payment", Voidable::Payment) };
                let rows = live(&ws, table);
                if !rows.is_empty() {
                    ws.void(what, rows[next(rows.len())], "entered in error").unwrap();
                }
            }
            5 => {
                // A re-key, as a change of the match rules makes one: the stored key changes in place.
                let rows = live(&ws, "identifier");
                if !rows.is_empty() {
                    let (id, other) = (rows[next(rows.len())], rows[next(rows.len())]);
                    ws.store()
                        .conn()
                        .execute(
                            "UPDATE identifier SET normalized = (SELECT normalized FROM identifier WHERE id = ?2)
                             WHERE id = ?1 AND kind = (SELECT kind FROM identifier WHERE id = ?2)",
                            [id, other],
                        )
                        .unwrap();
                }
            }
            _ => {
                if ws.case(case).unwrap().archived.is_some() {
                    ws.unarchive_case(case, "").unwrap();
                } else {
                    ws.archive_case(case, "done with").unwrap();
                }
            }
        }
        let conn = ws.store().conn();
        let rows: i64 = conn.query_row("SELECT count(*) FROM case_linked", [], |r| r.get(0)).unwrap();
        assert_eq!(rows, ids.len() as i64, "step {step}: a case without its row");
        let expected = marked_by_the_rule(conn);
        assert_eq!(cached(conn), expected, "step {step}, change {op}");
        let read: BTreeSet<i64> = cases_sharing_keys(conn, &ids, false).unwrap().into_iter().collect();
        assert_eq!(read, expected, "step {step}");
        // The upgrade to schema step 12 fills the markers of an existing workspace from its values alone,
        // as they were then: before wallets paid to had keys (step 25) and addresses any network may
        // use lost theirs (step 24), which the re-keying after those steps brings in through the triggers.
        let then: i64 = conn
            .query_row(
                "SELECT (SELECT count(*) FROM payment WHERE wallet_key IS NOT NULL)
                      + (SELECT count(*) FROM identifier WHERE kind = 'ip' AND loose IS NULL)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        if then == 0 {
            conn.execute_batch(&format!("DELETE FROM case_linked; {fill}")).unwrap();
            assert_eq!(cached(conn), expected, "step {step}: the upgrade's fill");
        }
    }
    assert_eq!(kinds.len(), 8, "every kind of change was drawn");
    assert!(!cached(ws.store().conn()).is_empty());
}
