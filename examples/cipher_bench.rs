//! An encrypted workspace against the same workspace plain: `vetdesk encrypt` on a copy, then the same
//! timings on both, in the same run (medians), and the ratios.
//!
//! ```sh
//! cargo run --release --example demo_bench -- 100000 /tmp/ws.db   # fill a plain workspace once
//! cargo run --release --example cipher_bench -- /tmp/ws.db        # encrypts a copy: /tmp/ws.enc.db
//! cargo run --release --example cipher_bench -- /tmp/ws.db 5000   # also `demo` fills of 5,000 cases
//! ```

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use vetdesk::Workspace;
use vetdesk::signing::Keyring;
use vetdesk::store::Passphrase;
use vetdesk::store::cases::{ArchivedCases, CaseQuery, CaseSort};
use vetdesk::tui::{App, Theme, ui};

const PASSPHRASE: &[u8] = b"cipher bench passphrase";

fn key() -> Passphrase {
    Passphrase::from_first_line(PASSPHRASE.to_vec()).expect("a passphrase")
}

fn open(path: &Path, encrypted: bool) -> anyhow::Result<Workspace> {
    Ok(Workspace::open_keyed(path, "bench", Keyring::open(&path.with_extension("keys")), encrypted.then(key))?)
}

fn median(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1e3
}

fn time<T>(n: usize, mut f: impl FnMut() -> anyhow::Result<T>) -> anyhow::Result<f64> {
    let mut samples = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        std::hint::black_box(f()?);
        samples.push(t.elapsed());
    }
    Ok(median(samples))
}

/// The timings of one workspace, in milliseconds, by name.
fn measure(path: &Path, encrypted: bool) -> anyhow::Result<Vec<(&'static str, f64)>> {
    let mut out = Vec::new();
    out.push((
        "start to first frame (open, first page, draw)",
        time(7, || {
            let ws = open(path, encrypted)?;
            let mut app = App::new(ws, Theme::named("dark", false)?)?;
            app.size = ratatui::layout::Rect::new(0, 0, 100, 30);
            let mut terminal = Terminal::new(TestBackend::new(100, 30))?;
            terminal.draw(|f| ui::draw(&app, f))?;
            Ok(())
        })?,
    ));
    let ws = open(path, encrypted)?;
    let total = ws.count_cases(&CaseQuery::default())?;
    let first = CaseQuery { sort: CaseSort::Risk, descending: true, limit: 50, ..CaseQuery::default() };
    out.push(("case list, first page by risk", time(50, || Ok(ws.cases(&first)?))?));
    let last = CaseQuery { limit: 50, offset: u32::try_from(total)?.saturating_sub(50), ..CaseQuery::default() };
    out.push(("case list, last page", time(20, || Ok(ws.cases(&last)?))?));
    let mut id = 0;
    out.push((
        "report (IC3 summary of a case)",
        time(40, || {
            id = id % total as i64 + 1;
            Ok(vetdesk::report::build(&ws, id, &Default::default())?)
        })?,
    ));
    for (label, query) in [
        ("search \"freight forward\"", "freight forward"),
        ("search an email domain", "gmail.com"),
        ("search a name", "kim"),
    ] {
        out.push((label, time(20, || Ok(ws.search(query, ArchivedCases::Hidden, 200)?))?));
    }
    Ok(out)
}

fn main() -> anyhow::Result<()> {
    let plain: PathBuf = std::env::args().nth(1).ok_or_else(|| anyhow::anyhow!("usage: cipher_bench PLAIN.db"))?.into();
    let encrypted = plain.with_extension("enc.db");
    if !encrypted.exists() {
        drop(open(&plain, false)?);
        std::fs::copy(&plain, &encrypted)?;
        let started = Instant::now();
        let done = open(&encrypted, false)?.encrypt(key())?;
        println!(
            "vetdesk encrypt of a copy: {:.1} s ({} tables, {} rows, {:.0} MB)",
            started.elapsed().as_secs_f64(),
            done.tables,
            done.rows,
            done.old_bytes as f64 / 1e6
        );
    }
    // Each twice, alternating, so both see the same page cache and machine load; the second pass counts.
    let mut results = Vec::new();
    for _ in 0..2 {
        let p = measure(&plain, false)?;
        let e = measure(&encrypted, true)?;
        results = p.into_iter().zip(e).map(|((what, p), (_, e))| (what, p, e)).collect::<Vec<_>>();
    }
    println!("| what | plain | encrypted | ratio |\n|---|---|---|---|");
    for (what, p, e) in results {
        println!("| {what} | {p:.2} ms | {e:.2} ms | {:.2}× |", e / p);
    }
    if let Some(cases) = std::env::args().nth(2) {
        let cases: u32 = cases.parse()?;
        let dir = tempfile::tempdir()?;
        let fill = |encrypted: bool| -> anyhow::Result<f64> {
            let path = dir.path().join(if encrypted { "fill.enc.db" } else { "fill.db" });
            let mut ws = open(&path, encrypted)?;
            let started = Instant::now();
            vetdesk::demo::fill(&mut ws, cases, 2026, &mut |_, _| {})?;
            Ok(started.elapsed().as_secs_f64() * 1e3)
        };
        let (p, e) = (fill(false)?, fill(true)?);
        println!("| demo fill, {cases} cases in a new workspace | {p:.0} ms | {e:.0} ms | {:.2}× |", e / p);
    }
    Ok(())
}
