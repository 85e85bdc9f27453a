//! Times cross-case correlation at scale:
//! `cargo run --release --example links_bench -- [IDENTIFIERS] [WORKSPACE]`
//!
//! Fills a demo workspace until it holds about IDENTIFIERS identifiers (default 1,000,000), attaches a
//! few thousand generated resumes (one in ten a near-copy of another), then times the link lookup for
//! one case, the case-list marker for a window of rows, and the clusters over the whole workspace.
//! Without WORKSPACE a temporary file is used; an existing WORKSPACE is measured as it is.

use std::path::PathBuf;
use std::time::Instant;

use vetdesk::Workspace;

/// Identifiers per demo case, measured on 100,000 demo cases (714,687 identifiers).
const IDENTIFIERS_PER_CASE: f64 = 7.15;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn summary(label: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    println!(
        "{label}: median {:.2} ms, p99 {:.2} ms, max {:.2} ms over {} runs",
        percentile(&ms, 0.5),
        percentile(&ms, 0.99),
        ms[ms.len() - 1],
        ms.len()
    );
}

/// A tiny deterministic generator, so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[(self.next() % words.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "built",
    "led",
    "designed",
    "migrated",
    "services",
    "platform",
    "payments",
    "React",
    "TypeScript",
    "Go",
    "Python",
    "Kubernetes",
    "AWS",
    "team",
    "latency",
    "customers",
    "dashboards",
    "pipelines",
    "data",
    "APIs",
    "mobile",
    "startup",
    "contract",
    "remote",
    "years",
    "senior",
    "engineer",
    "developer",
    "backend",
    "frontend",
    "database",
    "PostgreSQL",
    "billing",
    "ledger",
    "tests",
    "reliability",
    "on-call",
    "features",
    "delivered",
    "integrations",
    "blockchain",
    "wallets",
    "security",
    "cloud",
    "scaled",
    "million",
    "users",
    "weekly",
    "release",
];

fn resume_text(rng: &mut Rng) -> String {
    (0..400).map(|_| rng.pick(WORDS)).collect::<Vec<_>>().join(" ")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let identifiers: u64 = args.next().map_or(Ok(1_000_000), |a| a.parse())?;
    let temp = tempfile::tempdir()?;
    let path = args.next().map_or_else(|| temp.path().join("links.db"), PathBuf::from);
    let fresh = !path.exists();
    let mut ws = Workspace::open(&path, "links-bench", vetdesk::signing::Keyring::open(&path.with_extension("keys")))?;
    // The resumes are text files this bench writes itself; no child process (this is not the vetdesk binary).
    ws.set_resume_reader(vetdesk::resume::Reader::InProcess);

    if fresh {
        let cases = ((identifiers as f64 / IDENTIFIERS_PER_CASE).ceil() as u32).max(10);
        let start = Instant::now();
        vetdesk::demo::fill(&mut ws, cases, 2026, &mut |done, total| {
            eprint!("\r{done}/{total} cases  {:.1} s", start.elapsed().as_secs_f64());
        })?;
        eprintln!();
        println!("filled {cases} demo cases in {:.1} s", start.elapsed().as_secs_f64());

        let resumes = (cases / 20).clamp(2, 3000);
        let folder = temp.path().join("resumes");
        std::fs::create_dir_all(&folder)?;
        let mut rng = Rng(7);
        let mut previous = String::new();
        let start = Instant::now();
        for n in 0..resumes {
            let text = if n % 10 == 9 {
                // A near-copy: the previous resume with a few words changed.
                let mut words: Vec<String> = previous.split(' ').map(str::to_string).collect();
                for _ in 0..12 {
                    let at = (rng.next() % words.len() as u64) as usize;
                    words[at] = rng.pick(WORDS).to_string();
                }
                words.join(" ")
            } else {
                resume_text(&mut rng)
            };
            let file = folder.join(format!("resume-{n}.txt"));
            std::fs::write(&file, &text)?;
            let case = 1 + i64::from(n) * i64::from(cases / resumes);
            ws.attach_evidence(case, &file, "resume", &[], true, &mut |_, _| true)?;
            previous = text;
        }
        println!("attached {resumes} resumes in {:.1} s", start.elapsed().as_secs_f64());
    }

    let count = |table: &str| -> Result<i64, Box<dyn std::error::Error>> {
        let conn = rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    let cases = count("\"case\"")?;
    println!(
        "workspace: {cases} cases, {} identifiers, {} payments, {} resumes",
        count("identifier")?,
        count("payment")?,
        count("resume_print")?
    );

    let sample: Vec<i64> = (0..1000).map(|i| 1 + i * cases / 1000).collect();
    let mut times = Vec::new();
    let mut linked = 0;
    for &id in &sample {
        let t = Instant::now();
        let links = ws.links(id)?;
        times.push(t.elapsed().as_secs_f64() * 1e3);
        linked += usize::from(!links.is_empty());
    }
    summary(&format!("links for one case ({linked} of {} sampled cases have links)", sample.len()), times);

    let mut times = Vec::new();
    for &id in sample.iter().take(200) {
        let t = Instant::now();
        ws.suggestions(id)?;
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    summary("suggestions for one case", times);

    let mut times = Vec::new();
    for window in 0..20 {
        let ids: Vec<i64> = (0..200).map(|i| 1 + (window * 200 + i) % cases).collect();
        let t = Instant::now();
        ws.linked_cases(&ids)?;
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    summary("case-list marker for a 200-row window", times);

    let t = Instant::now();
    let clusters = ws.clusters()?;
    let secs = t.elapsed().as_secs_f64();
    let largest = clusters.first().map_or(0, |c| c.cases.len());
    let in_clusters: usize = clusters.iter().map(|c| c.cases.len()).sum();
    let resume_pairs: usize = clusters.iter().map(|c| c.resumes.len()).sum();
    println!(
        "links --all: {} clusters ({in_clusters} cases, largest {largest}, {resume_pairs} resume pairs) in {secs:.2} s",
        clusters.len()
    );
    Ok(())
}
