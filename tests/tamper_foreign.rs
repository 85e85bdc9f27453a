//! A workspace that another machine wrote to (its rows signed by another key): a summary's check walks
//! only the rows added since this machine last walked the chain, checks each earlier row another key
//! signed that it relies on against the row hashes this machine remembered then, and still finds such a
//! row edited.

mod common;

use std::path::PathBuf;

use common::Env;
use rusqlite::Connection;
use vetdesk::store::audit::{Canonical, hash_row};

/// Another machine's key folder, beside the workspace.
fn elsewhere(env: &Env) -> PathBuf {
    env.dir.path().join("elsewhere")
}

/// 300 demo cases written on another machine (audit rows 2–301, case N's row N + 1, signed by its key,
/// after the row that made the workspace), then a note added on this one (row 302).
fn written_elsewhere(env: &Env) {
    let out = env.cmd().env("VETDESK_KEY_DIR", elsewhere(env)).args(["demo", "--cases", "300"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    env.ok(&["note", "add", "2", "Called the reference; no answer."]);
}

/// The first line of a summary's check.
fn record_line(env: &Env, case: &str) -> String {
    env.ok(&["report", case]).lines().find(|l| l.starts_with("> **Record**")).unwrap_or_default().to_string()
}

#[test]
fn a_summary_walks_only_the_rows_since_the_last_walk_when_other_keys_signed_rows() {
    let env = Env::new();
    written_elsewhere(&env);
    let said = env.ok(&["audit", "verify"]);
    assert!(said.starts_with("chain intact: 302 rows"), "{said}");

    // Case 150 was sealed by row 151, another key's: checked by the rows up to row 192, whose hash this
    // machine remembered on that walk, not by walking all 302 rows again.
    env.ok(&["note", "add", "3", "Second call; voicemail."]);
    let line = record_line(&env, "150");
    assert!(line.starts_with("> **Record**: chain intact: 303 rows"), "{line}");
    assert!(line.contains("rows up to 302 were checked on this machine before and not walked again"), "{line}");
    assert!(line.contains("301 of the rows up to 302 are signed by other keys"), "{line}");
    assert!(!line.contains("audit chain verified"), "{line}");
    // A case sealed after the last checkpoint (row 256) is checked by the rows up to the head walked.
    let line = record_line(&env, "290");
    assert!(line.contains("not walked again"), "{line}");

    // Without the remembered row hashes, the summary walks the whole chain, and says the same of it.
    let remembered: Vec<PathBuf> = std::fs::read_dir(env.keys().join("heads"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x.to_string_lossy().starts_with("rows")))
        .collect();
    assert_eq!(remembered.len(), 1, "{remembered:?}");
    std::fs::remove_file(&remembered[0]).unwrap();
    let line = record_line(&env, "150");
    assert!(line.starts_with("> **Record**: chain intact: 303 rows"), "{line}");
    assert!(!line.contains("not walked again"), "{line}");
    assert!(line.contains("cannot be checked here"), "{line}");
}

/// Row 151 (another key's, sealing case 150) edited and its own hash made to match: the rows after it no
/// longer lead to the hash remembered for row 192, so the summary walks the whole chain, which names the
/// row: its signature no longer verifies with the key it names.
#[test]
fn an_edited_row_another_key_signed_is_found_by_a_summary() {
    let env = Env::new();
    written_elsewhere(&env);
    env.ok(&["audit", "verify"]);
    assert!(record_line(&env, "150").contains("not walked again"));

    let conn = Connection::open(&env.db).unwrap();
    let (at, actor, action, details, seal, prev): (String, String, String, String, String, String) = conn
        .query_row("SELECT at, actor, action, details, seal, prev_hash FROM audit WHERE id = 151", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })
        .unwrap();
    let details = details.replace("\"demo\":true", "\"demo\":false");
    let row = Canonical {
        id: 151,
        at: &at,
        actor: &actor,
        action: &action,
        case_id: Some(150),
        details: &details,
        seal: Some(&seal),
    };
    let hash = hash_row(&prev, &row);
    // The guard put back as it was, so that nothing but the rows themselves shows the edit.
    let guard: String = conn
        .query_row("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_no_update'", [], |r| {
            r.get(0)
        })
        .unwrap();
    conn.execute_batch("DROP TRIGGER audit_no_update").unwrap();
    conn.execute("UPDATE audit SET details = ?1, hash = ?2 WHERE id = 151", [&details, &hash]).unwrap();
    conn.execute_batch(&guard).unwrap();
    drop(conn);
    let report = env.ok(&["report", "150"]);
    assert!(
        report.contains("AUDIT CHAIN BROKEN at row 151: its signature does not verify"),
        "{}",
        &report[..600.min(report.len())]
    );
}
