//! Times `vetdesk demo` at scale:
//! `cargo run --release --example demo_bench -- [CASES] [WORKSPACE]`
//! CASES defaults to 100000; without WORKSPACE a temporary file is used and removed afterwards.

use std::path::{Path, PathBuf};
use std::time::Instant;

use vetdesk::Workspace;
use vetdesk::store::cases::{CaseQuery, CaseSort};

fn size(path: &Path) -> u64 {
    let side = |suffix: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        std::fs::metadata(PathBuf::from(p)).map_or(0, |m| m.len())
    };
    std::fs::metadata(path).map_or(0, |m| m.len()) + side("-wal") + side("-shm")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let cases: u32 = args.next().map_or(Ok(100_000), |a| a.parse())?;
    let temp = tempfile::tempdir()?;
    let path = args.next().map_or_else(|| temp.path().join("demo.db"), PathBuf::from);

    let mut ws = Workspace::open(&path, "demo-bench", vetdesk::signing::Keyring::open(&path.with_extension("keys")))?;
    let start = Instant::now();
    let stats = vetdesk::demo::fill(&mut ws, cases, 2026, &mut |done, total| {
        eprint!("\r{done}/{total} cases  {:.1} s", start.elapsed().as_secs_f64());
    })?;
    let elapsed = start.elapsed();
    eprintln!();
    let secs = elapsed.as_secs_f64();
    println!("filled {} cases in {secs:.2} s ({:.0} cases/s)", stats.cases, stats.cases as f64 / secs);
    println!("{}", serde_json::to_string(&stats)?);
    println!("workspace {} : {:.1} MiB", path.display(), size(&path) as f64 / 1_048_576.0);

    let t = Instant::now();
    let page = ws.cases(&CaseQuery { sort: CaseSort::Risk, descending: true, limit: 50, ..CaseQuery::default() })?;
    println!("first page by risk ({} rows): {:.1} ms", page.len(), t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let page = ws.cases(&CaseQuery { limit: 50, offset: cases.saturating_sub(50), ..CaseQuery::default() })?;
    println!("last page by last change ({} rows): {:.1} ms", page.len(), t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let hits = ws.search_notes("freight forward", 20)?;
    println!("note search ({} hits): {:.1} ms", hits.len(), t.elapsed().as_secs_f64() * 1e3);
    writes(&mut ws, &path, cases)?;

    // `audit verify` against two whole-file references measured on the same file in the same run.
    let t = Instant::now();
    let check = ws.verify_audit()?;
    let verify = t.elapsed().as_secs_f64();
    println!("audit verify ({} rows, {} scopes): {verify:.2} s", check.chain.rows, check.scopes_checked);
    println!("  {}", check.headline());
    let conn = rusqlite::Connection::open(&path)?;
    let t = Instant::now();
    let _: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    let integrity = t.elapsed().as_secs_f64();
    let copy = temp.path().join("copy.db");
    let t = Instant::now();
    conn.execute("VACUUM INTO ?1", [copy.to_string_lossy()])?;
    let vacuum = t.elapsed().as_secs_f64();
    println!(
        "  reference: PRAGMA integrity_check {integrity:.2} s (verify = {:.1}x), VACUUM INTO {vacuum:.2} s (verify = {:.1}x)",
        verify / integrity,
        verify / vacuum
    );
    Ok(())
}

/// One audited, sealed, signed change at a time on cases spread over the workspace, against a plain
/// SQLite insert committed with the same durability (synchronous=FULL, WAL) on the same file.
fn writes(ws: &mut Workspace, path: &Path, cases: u32) -> Result<(), Box<dyn std::error::Error>> {
    const N: u32 = 300;
    let mut times = Vec::new();
    for i in 0..N {
        let case = 1 + i64::from((i * 7919) % cases.max(1));
        let t = Instant::now();
        ws.add_note(case, &format!("bench note {i}: candidate asked to move payment to a new account"))?;
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let conn = rusqlite::Connection::open(path)?;
    conn.pragma_update(None, "synchronous", "full")?;
    conn.execute_batch("CREATE TABLE IF NOT EXISTS main.bench_ref (x TEXT)")?;
    let mut reference = Vec::new();
    for i in 0..N {
        let t = Instant::now();
        conn.execute("INSERT INTO main.bench_ref (x) VALUES (?1)", [format!("bench {i}")])?;
        reference.push(t.elapsed().as_secs_f64() * 1e3);
    }
    conn.execute_batch("DROP TABLE main.bench_ref")?;
    let (m, p99) = percentiles(&mut times);
    let (rm, rp99) = percentiles(&mut reference);
    println!(
        "note add ({N} writes): median {m:.2} ms, p99 {p99:.2} ms; plain SQLite insert+commit: median {rm:.2} ms, \
         p99 {rp99:.2} ms (ratio {:.1}x at the median)",
        m / rm
    );
    Ok(())
}

fn percentiles(v: &mut [f64]) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[(v.len() * 99 / 100).min(v.len() - 1)])
}
