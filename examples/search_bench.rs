//! Times the workstation's search as it is typed, one query per keystroke, on a filled workspace:
//! `cargo run --release --example search_bench -- WORKSPACE`
//! (fill one first: `cargo run --release --example demo_bench -- 100000 /tmp/ws.db`).

use std::path::PathBuf;
use std::time::Instant;

use vetdesk::Workspace;
use vetdesk::store::cases::ArchivedCases;

/// What an investigator might type: a name, a phone by its digits, words of a note, an email, a title word.
const TYPED: &[&str] = &["jordan lee", "5550102030", "freight forwarder", "example.com", "engineer", "+1 555 0100"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).map(PathBuf::from).ok_or("give a workspace: search_bench WORKSPACE")?;
    let ws = Workspace::open(&path, "search-bench", vetdesk::signing::Keyring::open(&path.with_extension("keys")))?;
    // The workstation opens a second connection for its search worker when `/` is first pressed.
    let t = Instant::now();
    let reader = ws.reopen()?.ok_or("a workspace file")?;
    println!("second connection for the search worker: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    drop(reader);
    let mut all = Vec::new();
    let mut searching = Vec::new();
    for typed in TYPED {
        let mut times = Vec::new();
        let mut hits = 0;
        for end in typed.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let query = &typed[..end];
            let t = Instant::now();
            // The workstation's first screen of hits, as it asks for it per keystroke.
            let found = ws.search(query, ArchivedCases::Hidden, 50)?;
            searching.push(t.elapsed().as_secs_f64() * 1e3);
            let ids: Vec<i64> = found.iter().map(|h| h.case.row.id).collect();
            ws.linked_cases_with(&ids, false)?;
            times.push(t.elapsed().as_secs_f64() * 1e3);
            hits = found.len();
        }
        let max = times.iter().copied().fold(0.0, f64::max);
        let mean = times.iter().sum::<f64>() / times.len() as f64;
        println!(
            "{typed:>20}: {} keystrokes, mean {mean:.1} ms, max {max:.1} ms, {hits} cases at the end",
            times.len()
        );
        all.extend(times);
    }
    all.sort_by(f64::total_cmp);
    searching.sort_by(f64::total_cmp);
    let at = |v: &[f64], q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    let pick = |q: f64| at(&all, q);
    println!(
        "the search alone: median {:.1} ms, p90 {:.1} ms, max {:.1} ms",
        at(&searching, 0.5),
        at(&searching, 0.9),
        at(&searching, 1.0)
    );
    println!(
        "every keystroke ({}): median {:.1} ms, p90 {:.1} ms, max {:.1} ms (search, then the link markers)",
        all.len(),
        pick(0.5),
        pick(0.9),
        pick(1.0)
    );
    Ok(())
}
