//! Times `vetdesk demo` at scale, against SQLite references measured on the result in the same run:
//! `cargo run --release --example demo_bench -- [CASES] [WORKSPACE]`
//! CASES defaults to 100000; without WORKSPACE a temporary file is used and removed afterwards. An
//! existing WORKSPACE gets CASES more demo cases.
//!
//! - the fill: its time against `VACUUM INTO` of its own result (a copy of the same file, written once),
//!   and the bytes it wrote to disk (`write_bytes` less `cancelled_write_bytes` of /proc/self/io, so
//!   pages rewritten before the kernel wrote them out count once) against the final file size;
//! - the fill against the same rows copied by SQL into a new workspace, through its indexes and triggers
//!   (see `sql_copy`): what SQLite alone needs to write them there, against `VACUUM INTO`. Both
//!   references copy the whole workspace, any cases it held before the fill included;

use std::path::{Path, PathBuf};
use std::time::Instant;

use vetdesk::Workspace;
use vetdesk::store::cases::{CaseQuery, CaseSort};

/// The file SQLite keeps beside `path` with `suffix` (`-wal`, `-shm`, `-journal`).
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

fn size(path: &Path) -> u64 {
    let len = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    len(path) + len(&beside(path, "-wal")) + len(&beside(path, "-shm"))
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
    drop(conn);
    println!(
        "  reference: VACUUM INTO {vacuum:.2} s, {:.1} MiB written; the fill took {:.2}x its time and wrote {:.2}x its bytes",
        mib(vacuum_written),
        secs / vacuum,
        fill_written as f64 / vacuum_written.max(1) as f64
    );

    let copy = path.with_extension("sql-copy.db");
    let floor = sql_copy(&path, &copy)?;
    std::fs::remove_file(&copy)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(beside(&copy, suffix));
    }
    println!(
        "  reference: the same rows copied by SQL into a new workspace {floor:.2} s ({:.2}x VACUUM INTO); the fill took {:.2}x its time",
        floor / vacuum,
        secs / floor
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

/// The second reference: what SQLite alone takes to write the fill's rows into a new workspace, through
/// every index and trigger of the schema, the way the fill writes them (one transaction in the rollback
/// journal, the indexes keyed in no order built after the rows, the full-text indexes and link markers
/// worked out at its end by `bulk::deferred`), each
/// table copied by one `INSERT … SELECT` from the filled workspace. What the fill spends beyond it goes
/// to making the cases, sealing them and signing their audit rows. Returns the seconds taken.
fn sql_copy(from: &Path, to: &Path) -> Result<f64, Box<dyn std::error::Error>> {
    let mut store = vetdesk::store::Store::open(to)?;
    let tables: Vec<String> = {
        let source = rusqlite::Connection::open(from)?;
        let mut stmt = source.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
               AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'case_search%' AND name NOT LIKE 'note_fts%'
               AND name <> 'fts_deferred' ORDER BY rowid",
        )?;
        stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    let t = Instant::now();
    let before = vetdesk::store::bulk::begin_bulk(&store)?;
    // The filled workspace, only read and open beside, keeps the usual locks: a database attached takes
    // the connection's locking mode, which `begin_bulk` made exclusive for the new workspace.
    store.conn().query_row("PRAGMA locking_mode = normal", [], |_| Ok(()))?;
    store.conn().query_row("PRAGMA main.locking_mode = exclusive", [], |_| Ok(()))?;
    store.conn().execute("ATTACH ?1 AS filled", [from.to_string_lossy()])?;
    let mut parts = Vec::new();
    store.write(|tx| {
        vetdesk::store::bulk::deferred(tx, || {
            // Into a new workspace, as the fill into one: the indexes keyed in no order built after the rows.
            let aside = vetdesk::store::bulk::set_indexes_aside(tx)?;
            for table in &tables {
                let t = Instant::now();
                tx.execute(&format!("INSERT OR REPLACE INTO main.\"{table}\" SELECT * FROM filled.\"{table}\""), [])?;
                parts.push((table.as_str(), t.elapsed().as_secs_f64()));
            }
            let t = Instant::now();
            vetdesk::store::bulk::build_set_aside(tx, aside)?;
            parts.push(("the indexes set aside", t.elapsed().as_secs_f64()));
            Ok(())
        })
    })?;
    let rows: f64 = parts.iter().map(|p| p.1).sum();
    // Tables that took under 0.01 s are left out of the line.
    parts.retain(|p| p.1 >= 0.005);
    let mut parts: Vec<String> = parts.iter().map(|(table, secs)| format!("{table} {secs:.2}")).collect();
    if parts.is_empty() {
        parts.push("every table under 0.01".into());
    }
    println!(
        "  the copy, in seconds: {}; the rest of the transaction ({:.2} s): the full-text indexes, the link markers, the commit",
        parts.join(", "),
        t.elapsed().as_secs_f64() - rows
    );
    store.conn().execute("DETACH filled", [])?;
    vetdesk::store::bulk::end_bulk(&store, before)?;
    let secs = t.elapsed().as_secs_f64();
    store.conn().execute("ATTACH ?1 AS filled", [from.to_string_lossy()])?;
    for table in &tables {
        let count = |db: &str| -> rusqlite::Result<i64> {
            store.conn().query_row(&format!("SELECT count(*) FROM {db}.\"{table}\""), [], |r| r.get(0))
        };
        let (copied, filled) = (count("main")?, count("filled")?);
        if copied != filled {
            return Err(format!("the copy has {copied} rows of {table}, the workspace {filled}").into());
        }
    }
    Ok(secs)
}
