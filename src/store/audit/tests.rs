//! The chain: hashes, links, signatures and the guard triggers.

use super::*;
use crate::store::Store;
use serde_json::json;

fn store_with_rows(signer: &Signer, n: i64) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .write(|tx| {
            for i in 0..n {
                let details = json!({ "n": i });
                let entry = Entry {
                    at: "2026-01-01T00:00:00Z",
                    actor: "ana",
                    action: "note.add",
                    case_id: None,
                    details: &details,
                };
                append(tx, signer, &entry, &[])?;
            }
            Ok(())
        })
        .unwrap();
    store
}

fn forged_row(seal: Option<&str>) -> Canonical<'_> {
    Canonical {
        id: 3,
        at: "2026-01-01T00:00:00Z",
        actor: "eve",
        action: "note.add",
        case_id: None,
        details: "{}",
        seal,
    }
}

fn check(store: &Store, signer: &Signer) -> ChainCheck {
    verify(store.conn(), Some(signer), &mut |_| {}).unwrap()
}

/// Tampering needs the guard triggers gone, as it would for someone editing the file by hand.
fn tamper(store: &Store, sql: &str) {
    store.conn().execute_batch(&format!("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; {sql}")).unwrap();
}

#[test]
fn an_untouched_chain_verifies_and_reports_its_head_and_signer() {
    let me = Signer::generate().unwrap();
    let store = store_with_rows(&me, 3);
    let c = check(&store, &me);
    assert_eq!(c.broken, None);
    assert_eq!(c.rows, 3);
    assert_eq!(c.head, head(store.conn()).unwrap().map(|h| h.hash));
    assert_eq!(c.signers.len(), 1);
    assert!(c.signers[0].here);
    assert_eq!(c.signers[0].rows, 3);
}

#[test]
fn another_machine_names_the_key_it_cannot_check() {
    let me = Signer::generate().unwrap();
    let store = store_with_rows(&me, 2);
    let elsewhere = Signer::generate().unwrap();
    let c = check(&store, &elsewhere);
    assert_eq!(c.broken, None);
    let foreign: Vec<_> = c.foreign_signers().collect();
    assert_eq!(foreign.len(), 1);
    assert_eq!(foreign[0].fingerprint, me.fingerprint());
}

#[test]
fn the_trail_refuses_updates_and_deletes() {
    let me = Signer::generate().unwrap();
    let store = store_with_rows(&me, 1);
    assert!(store.conn().execute("UPDATE audit SET actor = 'x'", []).is_err());
    assert!(store.conn().execute("DELETE FROM audit", []).is_err());
}

#[test]
fn a_changed_row_is_named() {
    let me = Signer::generate().unwrap();
    let store = store_with_rows(&me, 3);
    tamper(&store, "UPDATE audit SET details = '{\"n\":9}' WHERE id = 2");
    let broken = check(&store, &me).broken.unwrap();
    assert_eq!(broken.0, 2);
    assert!(broken.1.contains("changed"));
}

#[test]
fn a_deleted_row_breaks_the_next_one() {
    let me = Signer::generate().unwrap();
    let store = store_with_rows(&me, 3);
    tamper(&store, "DELETE FROM audit WHERE id = 2");
    assert_eq!(check(&store, &me).broken.unwrap().0, 3);
}

#[test]
fn a_row_re_hashed_without_the_key_fails_its_signature() {
    let me = Signer::generate().unwrap();
    let store = store_with_rows(&me, 3);
    let (prev, seal): (String, String) = store
        .conn()
        .query_row("SELECT prev_hash, seal FROM audit WHERE id = 3", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    let forged = hash_row(&prev, &forged_row(Some(&seal)));
    tamper(&store, &format!("UPDATE audit SET actor = 'eve', details = '{{}}', hash = '{forged}' WHERE id = 3"));
    let broken = check(&store, &me).broken.unwrap();
    assert_eq!(broken.0, 3);
    assert!(broken.1.contains("signature"), "{}", broken.1);
}

#[test]
fn a_forged_row_signed_with_another_key_is_not_trusted() {
    let me = Signer::generate().unwrap();
    let store = store_with_rows(&me, 2);
    let eve = Signer::generate().unwrap();
    store
        .conn()
        .execute_batch("BEGIN")
        .and_then(|_| {
            let details = json!({});
            let entry = Entry {
                at: "2026-01-02T00:00:00Z",
                actor: "eve",
                action: "note.add",
                case_id: None,
                details: &details,
            };
            append(store.conn(), &eve, &entry, &[]).unwrap();
            store.conn().execute_batch("COMMIT")
        })
        .unwrap();
    let c = check(&store, &me);
    assert_eq!(c.broken, None, "the row is well formed");
    let foreign: Vec<_> = c.foreign_signers().collect();
    assert_eq!((foreign[0].fingerprint.as_str(), foreign[0].first_row), (eve.fingerprint(), 3));
}

#[test]
fn an_unsigned_row_after_signed_ones_breaks_the_chain() {
    let me = Signer::generate().unwrap();
    let store = store_with_rows(&me, 2);
    let prev: String = store.conn().query_row("SELECT hash FROM audit WHERE id = 2", [], |r| r.get(0)).unwrap();
    let forged = hash_row(&prev, &forged_row(None));
    tamper(
        &store,
        &format!(
            "INSERT INTO audit (id, at, actor, action, case_id, details, prev_hash, hash)
                  VALUES (3, '2026-01-01T00:00:00Z', 'eve', 'note.add', NULL, '{{}}', '{prev}', '{forged}')"
        ),
    );
    let broken = check(&store, &me).broken.unwrap();
    assert_eq!(broken.0, 3);
    assert!(broken.1.contains("not signed"));
}

#[test]
fn the_tally_counts_rows_appended_and_a_row_deleted_behind_vetdesks_back() {
    let signer = Signer::generate().unwrap();
    let store = store_with_rows(&signer, 6);
    let rows: i64 = store.conn().query_row("SELECT count(*) FROM audit", [], |r| r.get(0)).unwrap();
    assert_eq!(tally(store.conn()).unwrap(), Some(rows));
    assert_eq!(Some(rows), head(store.conn()).unwrap().map(|h| h.rows), "the newest id is the tally");
    tamper(&store, "DELETE FROM audit WHERE id = 2");
    assert_eq!(tally(store.conn()).unwrap(), Some(rows - 1), "a row deleted before the newest");
    assert_eq!(head(store.conn()).unwrap().map(|h| h.rows), Some(rows), "which the newest id does not show");
    for (edit, what) in [
        ("UPDATE audit_tally SET rows = 'x'", "a tally that is no count"),
        ("DROP TRIGGER audit_tally_insert; INSERT INTO audit_tally VALUES (2, 5)", "a second row"),
        ("DELETE FROM audit_tally", "no row"),
        ("DROP TABLE audit_tally", "no table"),
    ] {
        // The CHECK refuses a second row: the table made again without it, as one editing it would.
        let sql = if what == "a second row" {
            format!(
                "DROP TABLE audit_tally; CREATE TABLE audit_tally (one INTEGER, rows INTEGER); INSERT INTO audit_tally VALUES (1, {rows}); {edit}"
            )
        } else {
            edit.to_string()
        };
        let store = store_with_rows(&signer, 3);
        tamper(&store, &sql);
        assert_eq!(tally(store.conn()).unwrap(), None, "{what}");
    }
}

/// A walk keeps the digest each scope was last sealed with, and a row hash every [`CHECKPOINT_ROWS`]
/// rows; one case's check keeps the digests of the scopes it names alone, whatever the chain's length.
#[test]
fn a_walk_keeps_last_digests_and_checkpoints_and_only_the_scopes_asked_for() {
    let me = Signer::generate().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let rows = CHECKPOINT_ROWS * 2 + 3;
    store
        .write(|tx| {
            for i in 1..=rows {
                let details = json!({ "n": i });
                let entry = Entry {
                    at: "2026-01-01T00:00:00Z",
                    actor: "ana",
                    action: "case.edit",
                    case_id: Some(i % 3 + 1),
                    details: &details,
                };
                let seals = BTreeMap::from([(Scope::Case(i % 3 + 1).to_string(), format!("digest {i}"))]);
                append_sealed(tx, &me, &entry, &seals)?;
            }
            Ok(())
        })
        .unwrap();
    let all = check(&store, &me);
    assert_eq!(all.seals.len(), 3);
    // Row i seals digest i.
    let last = Sealed { digest: SealedDigest::read(&format!("digest {}", rows - 2)), row: rows - 2 };
    assert_eq!(all.seals[&Scope::Case(1)], last, "the last row sealing it");
    let marks: Vec<i64> = all.checkpoints.iter().map(|(row, _)| *row).collect();
    assert_eq!(marks, [CHECKPOINT_ROWS, CHECKPOINT_ROWS * 2]);
    assert_eq!(Some(hex(&all.checkpoints[1].1)), hash_at(store.conn(), CHECKPOINT_ROWS * 2).unwrap());

    let only = [Scope::Case(2), Scope::Organization];
    let one = verify_from(store.conn(), Some(&me), None, Some(&only), &mut |_| {}).unwrap();
    assert_eq!(one.broken, None);
    assert_eq!(one.seals.keys().collect::<Vec<_>>(), [&Scope::Case(2)]);
    assert_eq!(one.seals[&Scope::Case(2)], all.seals[&Scope::Case(2)]);
}
