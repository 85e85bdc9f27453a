//! Times roster screening at scale:
//! `cargo run --release --example roster_bench -- [ROWS] [WORKSPACE]`
//!
//! Writes a fictional roster of ROWS workers (default 200,000; names from a short list, emails at
//! example.com, phones in the unassigned +1 555 area code, addresses on made-up streets), with a few
//! planted hits: one in a thousand shares a bank account with another, one in a hundred ships somewhere
//! other than home. Then it times importing it, screening it, importing the next snapshot with 1% of rows
//! changed (a new bank account) and screening again, and prints the peak memory after each step, which
//! should not grow with ROWS.
//!
//! Last, one large hit: a vendor's roster of ROWS/25 workers all paid into the vendor's one account
//! (200,000 rows: 8,000 workers), imported and screened, the case opened from its hit (`roster open-case`:
//! a subject and identifiers for each worker; it screens again to find the hit), then `links` and the
//! summary (`report`, the record checked) of that case. Each is given against the import of that roster
//! (open-case against the import and the screen) in the same run: the ratios stay flat when nothing in
//! them grows faster than the hit and the workspace.
//!
//! Each figure is also given as a ratio to a reference measured in the same run on the same file: what
//! SQLite alone takes to store the same people and values in tables shaped like the roster's (same
//! columns, keys and indexes), each snapshot in one transaction committed as the workspace commits
//! (WAL, `synchronous=FULL`), without reading a file, checking a value, sealing or auditing; and, for
//! screening, one grouping pass over those values by kind and value.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use vetdesk::Workspace;
use vetdesk::roster::ImportOptions;

const FIRST: &[&str] = &["Ana", "Ben", "Chloe", "Dev", "Eun", "Farah", "Gus", "Hana", "Ivo", "Jae", "Kai", "Lina"];
const LAST: &[&str] = &["Lee", "Kim", "Park", "Silva", "Novak", "Osei", "Reyes", "Tanaka", "Weber", "Young"];
const STREETS: &[&str] = &["Maple", "Cedar", "Birch", "Willow", "Aspen", "Juniper", "Hazel", "Alder"];
const ROUTING: &[&str] = &["011000015", "021000021", "026009593", "121000358", "111000025"];

/// The bank account of worker `n` in snapshot `generation`: every hundredth worker's account is new in
/// generation 1; every thousandth shares the account of the worker before.
fn account(n: u64, generation: u64) -> u64 {
    let owner = if n % 1000 == 999 { n - 1 } else { n };
    let changed = generation > 0 && owner % 100 == 7;
    4_000_000_000 + owner * 3 + u64::from(changed)
}

const HEADER: &str = "Employee ID,Full Name,Vendor,Position,Start Date,Status,Personal Email,Work Email,Phone,\
                      Home Address,Shipping Address,Bank Name,Routing Number,Account Number,Device Serial";

/// Worker `n`'s cells in snapshot `generation`, in the order of [`HEADER`].
fn cells(n: u64, generation: u64) -> [String; 15] {
    let home =
        format!("{} {} St Apt {}, Springfield IL {:05}", n % 9000 + 1, STREETS[(n % 8) as usize], n, 60000 + n % 1000);
    let ship = if n % 100 == 3 { format!("{} Depot Rd, Newark NJ 07102", n) } else { String::new() };
    [
        format!("W{n:07}"),
        format!("{} {}", FIRST[(n % 12) as usize], LAST[(n / 12 % 10) as usize]),
        format!("Vendor {}", n % 40),
        "Engineer".into(),
        format!("2025-01-{:02}", n % 28 + 1),
        "active".into(),
        format!("worker{n}@example.com"),
        format!("w{n}@corp.example"),
        format!("+1 555 {:03} {:04}", n / 10_000 % 1000, n % 10_000),
        home,
        ship,
        "Example Bank".into(),
        ROUTING[(n / 1000 % 5) as usize].into(),
        account(n, generation).to_string(),
        format!("SN{n:010}"),
    ]
}

fn write_roster(path: &Path, rows: u64, generation: u64) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(out, "{HEADER}")?;
    for n in 0..rows {
        let c = cells(n, generation);
        writeln!(out, "{},\"{}\",\"{}\",{}", c[..9].join(","), c[9], c[10], c[11..].join(","))?;
    }
    out.flush()
}

/// The reference: the same people and values stored by SQLite alone in tables shaped like
/// `roster_person` and `roster_value`, as snapshot `snapshot`, in one transaction. Returns seconds.
fn reference_insert(conn: &mut rusqlite::Connection, rows: u64, generation: u64, snapshot: i64) -> anyhow::Result<f64> {
    // The value columns of the roster, as (cell index, field, kind).
    const VALUES: &[(usize, &str, &str)] = &[
        (6, "personal_email", "email"),
        (7, "work_email", "email"),
        (8, "phone", "phone"),
        (9, "home_address", "address"),
        (10, "shipping_address", "address"),
        (12, "routing_number", "routing-number"),
        (13, "account_number", "bank-account"),
        (14, "device_serial", "device-serial"),
    ];
    let started = Instant::now();
    let tx = conn.transaction()?;
    {
        let mut person = tx.prepare_cached(
            "INSERT INTO bench_person (snapshot_id, person, line, name, vendor, position, start_date, status, bank_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        let mut value = tx.prepare_cached(
            "INSERT INTO bench_value (snapshot_id, person, field, kind, raw, normalized) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for n in 0..rows {
            let c = cells(n, generation);
            person.execute(rusqlite::params![snapshot, c[0], n as i64 + 2, c[1], c[2], c[3], c[4], c[5], c[11]])?;
            for &(i, field, kind) in VALUES {
                if !c[i].is_empty() {
                    value.execute(rusqlite::params![snapshot, c[0], field, kind, c[i], c[i].to_lowercase()])?;
                }
            }
        }
    }
    tx.commit()?;
    Ok(started.elapsed().as_secs_f64())
}

/// The reference for screening: one grouping pass over the reference values of `snapshot` by kind and
/// value. Returns seconds.
fn reference_group(conn: &rusqlite::Connection, snapshot: i64) -> anyhow::Result<f64> {
    let started = Instant::now();
    let _: i64 = conn.query_row(
        "SELECT count(*) FROM (SELECT kind, normalized FROM bench_value WHERE snapshot_id = ?1
         GROUP BY kind, normalized HAVING count(*) > 1)",
        [snapshot],
        |r| r.get(0),
    )?;
    Ok(started.elapsed().as_secs_f64())
}

/// Times the reference on the workspace's own file, then removes its tables: (insert of the first
/// snapshot, grouping, insert of the second, grouping of the second).
fn reference(path: &Path, rows: u64) -> anyhow::Result<[f64; 4]> {
    let mut conn = rusqlite::Connection::open(path)?;
    conn.pragma_update(None, "synchronous", "full")?;
    conn.execute_batch(
        "CREATE TABLE bench_person (snapshot_id INTEGER NOT NULL, person TEXT NOT NULL, line INTEGER NOT NULL,
             name TEXT NOT NULL, vendor TEXT NOT NULL, position TEXT NOT NULL, start_date TEXT NOT NULL,
             status TEXT NOT NULL, bank_name TEXT NOT NULL, PRIMARY KEY (snapshot_id, person)) WITHOUT ROWID;
         CREATE TABLE bench_value (snapshot_id INTEGER NOT NULL, person TEXT NOT NULL, field TEXT NOT NULL,
             kind TEXT NOT NULL, raw TEXT NOT NULL, normalized TEXT NOT NULL, warning TEXT,
             PRIMARY KEY (snapshot_id, person, field)) WITHOUT ROWID;
         CREATE INDEX bench_value_key ON bench_value (kind, normalized, snapshot_id);
         CREATE INDEX bench_value_field ON bench_value (field, snapshot_id);",
    )?;
    let first = reference_insert(&mut conn, rows, 0, 1)?;
    let group = reference_group(&conn, 1)?;
    let second = reference_insert(&mut conn, rows, 1, 2)?;
    let group_second = reference_group(&conn, 2)?;
    conn.execute_batch("DROP TABLE bench_value; DROP TABLE bench_person;")?;
    Ok([first, group, second, group_second])
}

/// A vendor's roster of `workers` people all paid into one account: imports it, opens the case of its
/// hit and times `links` and the summary of that case, each against the import.
fn large_hit(ws: &mut Workspace, dir: &Path, workers: u64) -> anyhow::Result<()> {
    let path = dir.join("vendor.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
    writeln!(out, "Employee ID,Full Name,Phone,Bank Name,Routing Number,Account Number")?;
    for n in 0..workers {
        let name = format!("{} {}", FIRST[(n % 12) as usize], LAST[(n / 12 % 10) as usize]);
        writeln!(
            out,
            "V{n:06},{name},+1 555 {:03} {:04},Vendor Bank,{},7700112233",
            900 + n / 10_000,
            n % 10_000,
            ROUTING[0]
        )?;
    }
    out.flush()?;
    drop(out);
    let options =
        ImportOptions { source: Some("vendor".into()), as_of: Some("2026-11-01".into()), ..ImportOptions::default() };
    let started = Instant::now();
    ws.roster_import(&path, &options, false)?;
    let import = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let hits = ws.roster_screen()?;
    let screen = started.elapsed().as_secs_f64();
    let hit = hits
        .into_iter()
        .max_by_key(|h| h.people.len())
        .filter(|h| h.people.len() as u64 == workers)
        .ok_or_else(|| anyhow::anyhow!("no hit of all {workers} vendor workers"))?;
    let started = Instant::now();
    let case = ws.roster_open_case(&hit.id)?.id;
    let open = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let links = ws.links(case)?;
    let linked = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let summary = vetdesk::report::build(ws, case, &vetdesk::report::Options { redact: false, verify: true })?;
    let _ = vetdesk::report::render(&summary, vetdesk::report::Format::Markdown);
    let report = started.elapsed().as_secs_f64();
    println!(
        "one hit of {workers} workers sharing an account: import {import:.2} s; screen {screen:.2} s; open-case \
         {open:.2} s, which screens again to find the hit ({:.2}x the import and the screen), links {linked:.2} s \
         ({:.2}x the import, {} links), report {report:.2} s ({:.2}x); peak memory {:.0} MiB",
        open / (import + screen),
        linked / import,
        links.len(),
        report / import,
        peak_mib()
    );
    Ok(())
}

/// Peak resident memory of this process so far, in MiB.
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn main() -> anyhow::Result<()> {
    let rows: u64 = std::env::args().nth(1).map(|a| a.parse()).transpose()?.unwrap_or(200_000);
    let temp = tempfile::tempdir()?;
    // A second argument keeps the workspace there, for looking into afterwards.
    let path = std::env::args().nth(2).map_or_else(|| temp.path().join("roster.db"), std::path::PathBuf::from);
    let mut ws = Workspace::open(&path, "roster-bench", vetdesk::signing::Keyring::open(&path.with_extension("keys")))?;
    let first = temp.path().join("payroll-1.csv");
    let second = temp.path().join("payroll-2.csv");
    write_roster(&first, rows, 0)?;
    write_roster(&second, rows, 1)?;
    println!("{rows} rows; peak memory before importing {:.0} MiB", peak_mib());
    let options = |date: &str| ImportOptions {
        source: Some("payroll".into()),
        as_of: Some(date.into()),
        ..ImportOptions::default()
    };

    let started = Instant::now();
    let report = ws.roster_import(&first, &options("2026-10-01"), false)?;
    let import = started.elapsed().as_secs_f64();
    println!(
        "import: {import:.2} s for {} people, {} values; peak memory {:.0} MiB",
        report.people,
        report.values,
        peak_mib()
    );
    let started = Instant::now();
    let hits = ws.roster_screen()?;
    let screen = started.elapsed().as_secs_f64();
    println!("screen: {screen:.2} s, {} hits; peak memory {:.0} MiB", hits.len(), peak_mib());

    let started = Instant::now();
    ws.roster_import(&second, &options("2026-11-01"), false)?;
    let next = started.elapsed().as_secs_f64();
    println!("next snapshot (1% changed): {next:.2} s; peak memory {:.0} MiB", peak_mib());
    let started = Instant::now();
    let hits = ws.roster_screen()?;
    let screen_both = started.elapsed().as_secs_f64();
    let changed = hits.iter().filter(|h| h.kind == vetdesk::roster::HitKind::Changed).count();
    println!(
        "screen: {screen_both:.2} s, {} hits ({changed} bank changes); peak memory {:.0} MiB",
        hits.len(),
        peak_mib()
    );
    large_hit(&mut ws, temp.path(), rows / 25)?;
    drop(ws);

    let [ref_import, ref_group, ref_next, ref_group_next] = reference(&path, rows)?;
    println!(
        "reference (SQLite alone, same rows, same table shapes and indexes, one transaction, synchronous=FULL): \
         insert {ref_import:.2} s, group {ref_group:.2} s, insert the next {ref_next:.2} s, group it {ref_group_next:.2} s; \
         peak memory {:.0} MiB",
        peak_mib()
    );
    println!(
        "ratios: import {:.1}x, screen {:.1}x, next snapshot {:.1}x, screen both {:.1}x",
        import / ref_import,
        screen / ref_group,
        next / ref_next,
        screen_both / ref_group_next
    );
    Ok(())
}
