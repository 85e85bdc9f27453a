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
    let page = ws.last_cases(&CaseQuery { limit: 50, ..CaseQuery::default() })?;
    println!("last page by last change ({} rows): {:.1} ms", page.len(), t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let hits = ws.search_notes("freight forward", 20)?;
    println!("note search ({} hits): {:.1} ms", hits.len(), t.elapsed().as_secs_f64() * 1e3);
    println!(
        "sealed writes and `audit verify` on this workspace: cargo run --release --example record_bench -- WORKSPACE"
    );
    Ok(())
}
