//! Times roster screening at scale:
//! `cargo run --release --example roster_bench -- [ROWS] [WORKSPACE]`
//!
//! Writes a fictional roster of ROWS workers (default 200,000; names from a short list, emails at
//! example.com, phones in the unassigned +1 555 area code, addresses on made-up streets), with a few
//! planted hits: one in a thousand shares a bank account with another, one in a hundred ships somewhere
//! other than home. Then it times importing it, screening it, importing the next snapshot with 1% of rows
//! changed (a new bank account) and screening again, and prints the peak memory after each step, which
//! should not grow with ROWS.

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

fn write_roster(path: &Path, rows: u64, generation: u64) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(
        out,
        "Employee ID,Full Name,Vendor,Position,Start Date,Status,Personal Email,Work Email,Phone,Home Address,\
         Shipping Address,Bank Name,Routing Number,Account Number,Device Serial"
    )?;
    for n in 0..rows {
        let name = format!("{} {}", FIRST[(n % 12) as usize], LAST[(n / 12 % 10) as usize]);
        let home = format!(
            "{} {} St Apt {}, Springfield IL {:05}",
            n % 9000 + 1,
            STREETS[(n % 8) as usize],
            n,
            60000 + n % 1000
        );
        let ship = if n % 100 == 3 { format!("{} Depot Rd, Newark NJ 07102", n) } else { String::new() };
        writeln!(
            out,
            "W{n:07},{name},Vendor {},Engineer,2025-01-{:02},active,worker{n}@example.com,w{n}@corp.example,\
             +1 555 {:03} {:04},\"{home}\",\"{ship}\",Example Bank,{},{},SN{n:010}",
            n % 40,
            n % 28 + 1,
            n / 10_000 % 1000,
            n % 10_000,
            ROUTING[(n / 1000 % 5) as usize],
            account(n, generation),
        )?;
    }
    out.flush()
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
    println!(
        "import: {:.2} s for {} people, {} values; peak memory {:.0} MiB",
        started.elapsed().as_secs_f64(),
        report.people,
        report.values,
        peak_mib()
    );
    let started = Instant::now();
    let hits = ws.roster_screen()?;
    println!(
        "screen: {:.2} s, {} hits; peak memory {:.0} MiB",
        started.elapsed().as_secs_f64(),
        hits.len(),
        peak_mib()
    );

    let started = Instant::now();
    ws.roster_import(&second, &options("2026-11-01"), false)?;
    println!("next snapshot (1% changed): {:.2} s; peak memory {:.0} MiB", started.elapsed().as_secs_f64(), peak_mib());
    let started = Instant::now();
    let hits = ws.roster_screen()?;
    let changed = hits.iter().filter(|h| h.kind == vetdesk::roster::HitKind::Changed).count();
    println!(
        "screen: {:.2} s, {} hits ({changed} bank changes); peak memory {:.0} MiB",
        started.elapsed().as_secs_f64(),
        hits.len(),
        peak_mib()
    );
    Ok(())
}
