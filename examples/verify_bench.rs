//! Times `audit verify` on an existing workspace against SQLite's own whole-file checks on the same file:
//! `cargo run --release --example verify_bench -- WORKSPACE`
//! (fill one first with `cargo run --release --example demo_bench -- 100000 WORKSPACE`).

use std::path::PathBuf;
use std::time::Instant;

use vetdesk::Workspace;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = PathBuf::from(std::env::args().nth(1).ok_or("usage: verify_bench WORKSPACE")?);
    let ws = Workspace::open(&path, "verify-bench", vetdesk::signing::Keyring::open(&path.with_extension("keys")))?;
    let t = Instant::now();
    let check = ws.verify_audit()?;
    let verify = t.elapsed().as_secs_f64();
    println!("audit verify ({} rows, {} scopes): {verify:.2} s", check.chain.rows, check.scopes_checked);
    println!("  {}", check.headline());
    let conn = rusqlite::Connection::open(&path)?;
    let t = Instant::now();
    let _: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    let integrity = t.elapsed().as_secs_f64();
    let temp = tempfile::tempdir()?;
    let t = Instant::now();
    conn.execute("VACUUM INTO ?1", [temp.path().join("copy.db").to_string_lossy()])?;
    let vacuum = t.elapsed().as_secs_f64();
    println!(
        "  reference: PRAGMA integrity_check {integrity:.2} s (verify = {:.1}x), VACUUM INTO {vacuum:.2} s (verify = {:.1}x)",
        verify / integrity,
        verify / vacuum
    );
    Ok(())
}
