//! Times the one-time rescore a workspace gets when the risk method changes (every case's stored score
//! worked out again, only the case rows resealed, audited in batches), against `VACUUM INTO` of the same
//! file in the same run.
//!
//! `cargo run --release --example rescore_bench -- WORKSPACE`
//! (fill one first: `cargo run --release --example demo_bench -- 100000 WORKSPACE`). The workspace is
//! changed: every stored score is first set one higher, as an earlier method would have left it.

use std::path::PathBuf;
use std::time::Instant;

use vetdesk::Workspace;
use vetdesk::store::audit::{self, Entry};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = PathBuf::from(std::env::args().nth(1).ok_or("usage: rescore_bench WORKSPACE")?);
    let keys = || vetdesk::signing::Keyring::open(&path.with_extension("keys"));
    drop(Workspace::open(&path, "rescore-bench", keys())?);

    // Scores as an earlier method stored them: in an audited, sealed change per case.
    let mut conn = rusqlite::Connection::open(&path)?;
    let keyring = keys();
    let signer = keyring.signer()?;
    let tx = conn.transaction()?;
    let ids: Vec<i64> =
        tx.prepare("SELECT id FROM \"case\"")?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let details = serde_json::json!({ "bench": "a score stored by an earlier method" });
    for id in &ids {
        tx.execute("UPDATE \"case\" SET risk_score = risk_score + 1 WHERE id = ?1", [id])?;
        let entry = Entry {
            at: "2026-01-01T00:00:00Z",
            actor: "rescore-bench",
            action: "bench",
            case_id: Some(*id),
            details: &details,
        };
        audit::append(&tx, signer, &entry, &[])?;
    }
    tx.execute("DELETE FROM setting WHERE key = 'score_method'", [])?;
    tx.commit()?;
    drop(conn);

    let t = Instant::now();
    let mut ws = Workspace::open(&path, "rescore-bench", keys())?;
    let rescore = t.elapsed().as_secs_f64();
    println!("{} cases: open with rescore {rescore:.2} s", ids.len());
    for n in ws.take_notices() {
        println!("  {n}");
    }
    let t = Instant::now();
    drop(Workspace::open(&path, "rescore-bench", keys())?);
    println!("  open again (nothing to do): {:.3} s", t.elapsed().as_secs_f64());

    let conn = rusqlite::Connection::open(&path)?;
    let temp = tempfile::tempdir()?;
    let t = Instant::now();
    conn.execute("VACUUM INTO ?1", [temp.path().join("copy.db").to_string_lossy()])?;
    let vacuum = t.elapsed().as_secs_f64();
    println!("  reference: VACUUM INTO {vacuum:.2} s (rescore = {:.1}x)", rescore / vacuum);
    Ok(())
}
