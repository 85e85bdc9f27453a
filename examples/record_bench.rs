//! Times what keeps the record trustworthy on an existing workspace, each against a SQLite reference
//! measured on the same file in the same run:
//! - one audited, sealed and signed change (`note add`) against a plain SQLite insert committed with the
//!   same durability (WAL, synchronous=FULL);
//! - `audit verify` against `PRAGMA integrity_check` and `VACUUM INTO`;
//! - then (the chain now checked on this machine, as a report relies on) `case show`, `report` and
//!   `links ID` of cases spread over the workspace, against reading the same case's rows with plain SQL.
//!
//! `cargo run --release --example record_bench -- WORKSPACE [WRITES]`
//! (fill one first: `cargo run --release --example demo_bench -- 100000 WORKSPACE`).

use std::path::{Path, PathBuf};
use std::time::Instant;

use vetdesk::Workspace;
use vetdesk::domain::MarkState;
use vetdesk::report::{Format, Options};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().ok_or("usage: record_bench WORKSPACE [WRITES]")?);
    let writes: u32 = args.next().map_or(Ok(300), |a| a.parse())?;
    let keys = vetdesk::signing::Keyring::open(&path.with_extension("keys"));
    let mut ws = Workspace::open(&path, "record-bench", keys)?;
    let cases = ws.count_cases(&Default::default())?;
    println!("{cases} cases");
    write_latency(&mut ws, &path, writes, cases)?;

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
    per_case(&ws, &conn, 1, cases as i64)?;
    Ok(())
}

/// `writes` notes added one change at a time on cases spread over the workspace, then as many plain
/// inserts into a scratch table of the same file, each its own transaction.
fn write_latency(ws: &mut Workspace, path: &Path, writes: u32, cases: u64) -> Result<(), Box<dyn std::error::Error>> {
    let mut times = Vec::new();
    let mut marks = Vec::new();
    for i in 0..writes {
        let case = (1 + (u64::from(i) * 7919) % cases.max(1)) as i64;
        let t = Instant::now();
        ws.add_note(case, &format!("bench note {i}: candidate asked to move payment to a new account"))?;
        times.push(t.elapsed().as_secs_f64() * 1e3);
        // Whatever state the demo left the item in, move it to another one.
        for state in [MarkState::Flagged, MarkState::Clear] {
            let t = Instant::now();
            if ws.set_mark(case, "RF-COM-02", state, None).is_ok() {
                marks.push(t.elapsed().as_secs_f64() * 1e3);
                break;
            }
        }
    }
    let conn = rusqlite::Connection::open(path)?;
    conn.pragma_update(None, "synchronous", "full")?;
    conn.execute_batch("CREATE TABLE bench_reference (x TEXT)")?;
    let mut reference = Vec::new();
    for i in 0..writes {
        let t = Instant::now();
        conn.execute("INSERT INTO bench_reference (x) VALUES (?1)", [format!("bench {i}")])?;
        reference.push(t.elapsed().as_secs_f64() * 1e3);
    }
    conn.execute_batch("DROP TABLE bench_reference")?;
    let (mm, mp99) = percentiles(&mut marks);
    let (m, p99) = percentiles(&mut times);
    let (rm, rp99) = percentiles(&mut reference);
    println!(
        "note add ({writes} writes): median {m:.2} ms, p99 {p99:.2} ms; plain SQLite insert+commit: median {rm:.2} ms, \
         p99 {rp99:.2} ms (ratio {:.1}x at the median)",
        m / rm
    );
    println!(
        "check set ({writes} writes): median {mm:.2} ms, p99 {mp99:.2} ms (ratio {:.1}x the plain insert at the median)",
        mm / rm
    );
    Ok(())
}

fn percentiles(v: &mut [f64]) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[(v.len() * 99 / 100).min(v.len() - 1)])
}

/// `case show`, `report` and `links ID` on 50 cases spread over the workspace, each against the same
/// case's rows read with plain SQL (case, subjects, identifiers, payments, notes by their indexes).
fn per_case(
    ws: &Workspace,
    conn: &rusqlite::Connection,
    first: i64,
    last: i64,
) -> Result<(), Box<dyn std::error::Error>> {
    let ids: Vec<i64> = (0..50).map(|i| first + i * (last - first) / 49).collect();
    let mut show = Vec::new();
    let mut report = Vec::new();
    let mut links = Vec::new();
    let mut plain = Vec::new();
    for &id in &ids {
        let t = Instant::now();
        ws.case(id)?;
        ws.assessment(id)?;
        ws.subjects(id)?;
        ws.identifiers(id)?;
        ws.payments(id)?;
        ws.answers(id)?;
        ws.evidence(id)?;
        ws.count_notes(id)?;
        ws.case_origin(id)?;
        show.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let summary = vetdesk::report::build(ws, id, &Options { redact: false, verify: true })?;
        let _ = vetdesk::report::render(&summary, Format::Markdown);
        report.push(t.elapsed().as_secs_f64() * 1e3);
        // As `links ID` runs it: the links, and whether a record they rest on was edited.
        let t = Instant::now();
        let found = ws.links(id)?;
        assert!(ws.links_warning(id, &found)?.is_none());
        links.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let mut n = 0i64;
        for sql in [
            "SELECT count(*) FROM (SELECT * FROM \"case\" WHERE id = ?1)",
            "SELECT count(*) FROM (SELECT * FROM subject WHERE case_id = ?1)",
            "SELECT count(*) FROM (SELECT * FROM identifier WHERE case_id = ?1)",
            "SELECT count(*) FROM (SELECT * FROM payment WHERE case_id = ?1)",
            "SELECT count(*) FROM (SELECT * FROM mark WHERE case_id = ?1)",
            "SELECT count(*) FROM (SELECT * FROM note WHERE case_id = ?1)",
        ] {
            n += conn.prepare_cached(sql)?.query_row([id], |r| r.get::<_, i64>(0))?;
        }
        plain.push(t.elapsed().as_secs_f64() * 1e3);
        assert!(n > 0);
    }
    let (pm, pp) = percentiles(&mut plain);
    for (label, ms) in [("case show", show), ("report (record checked)", report), ("links ID", links)] {
        let (m, p99) = percentiles(&mut ms.clone());
        println!(
            "{label} on {} cases: median {m:.2} ms, p99 {p99:.2} ms ({:.1}x the plain SQL read of the case's rows, median {pm:.3} ms, p99 {pp:.3} ms)",
            ids.len(),
            m / pm
        );
    }
    Ok(())
}
