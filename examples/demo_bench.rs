//! Times `vetdesk demo` at scale, against SQLite references measured on the result in the same run:
//! `cargo run --release --example demo_bench -- [CASES] [WORKSPACE]`
//! CASES defaults to 100000; without WORKSPACE a temporary file is used and removed afterwards. An
//! existing WORKSPACE gets CASES more demo cases.
//!
//! - the fill: its time against `VACUUM INTO` of its own result (a copy of the same file, written once),
//!   and the bytes it wrote to disk (`write_bytes` less `cancelled_write_bytes` of /proc/self/io, so
//!   pages rewritten before the kernel wrote them out count once) against the final file size;

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

/// Bytes this process has had written to storage so far (Linux; 0 elsewhere).
fn written() -> u64 {
    let io = std::fs::read_to_string("/proc/self/io").unwrap_or_default();
    let field = |name: &str| {
        io.lines().find_map(|l| l.strip_prefix(name).and_then(|v| v.trim().parse::<u64>().ok())).unwrap_or(0)
    };
    field("write_bytes:").saturating_sub(field("cancelled_write_bytes:"))
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / 1_048_576.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let cases: u32 = args.next().map_or(Ok(100_000), |a| a.parse())?;
    let temp = tempfile::tempdir()?;
    let path = args.next().map_or_else(|| temp.path().join("demo.db"), PathBuf::from);

    let mut ws = Workspace::open(&path, "demo-bench", vetdesk::signing::Keyring::open(&path.with_extension("keys")))?;
    let size_before = size(&path);
    let written_before = written();
    let start = Instant::now();
    let stats = vetdesk::demo::fill(&mut ws, cases, 2026, &mut |done, total| {
        eprint!("\r{done}/{total} cases  {:.1} s", start.elapsed().as_secs_f64());
    })?;
    let secs = start.elapsed().as_secs_f64();
    let fill_written = written() - written_before;
    eprintln!();
    let file = size(&path);
    println!("filled {} cases in {secs:.2} s ({:.0} cases/s)", stats.cases, stats.cases as f64 / secs);
    println!("{}", serde_json::to_string(&stats)?);
    println!(
        "workspace {} : {:.1} MiB ({:.1} MiB added); the fill wrote {:.1} MiB to disk = {:.2}x the file",
        path.display(),
        mib(file),
        mib(file - size_before),
        mib(fill_written),
        fill_written as f64 / file as f64
    );
    // The reference: SQLite writing the same content once, into a fresh file beside the workspace.
    let copy = path.with_extension("vacuum-copy.db");
    let _ = std::fs::remove_file(&copy);
    let conn = rusqlite::Connection::open(&path)?;
    let written_before = written();
    let t = Instant::now();
    conn.execute("VACUUM INTO ?1", [copy.to_string_lossy()])?;
    let vacuum = t.elapsed().as_secs_f64();
    let vacuum_written = written() - written_before;
    std::fs::remove_file(&copy)?;
    println!(
        "  reference: VACUUM INTO {vacuum:.2} s, {:.1} MiB written; the fill took {:.2}x its time and wrote {:.2}x its bytes",
        mib(vacuum_written),
        secs / vacuum,
        fill_written as f64 / vacuum_written.max(1) as f64
    );

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
        "sealed writes, `audit verify`, `case show`, `report` and `links ID` on this workspace: cargo run --release --example record_bench -- WORKSPACE"
    );
    Ok(())
}
