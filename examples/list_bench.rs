//! Lists at scale, each against the same read done by plain rusqlite on a second connection in the same
//! run: the case list's first page (with its count), a page deep in the list by cursor, the last page, the
//! workstation's first screen of search hits, a page of `note search` and of `audit log`.
//!
//! ```sh
//! cargo run --release --example list_bench -- 100000 /tmp/ws.db   # fills ws.db to 100,000 cases if short
//! ```

use std::time::{Duration, Instant};

use rusqlite::Connection;
use vetdesk::Workspace;
use vetdesk::store::case_page::CaseKey;
use vetdesk::store::cases::{ArchivedCases, CaseQuery};

/// Rounds per figure; the median and the worst are reported.
const ROUNDS: usize = 40;

/// The raw reference for a case-list page: the same columns read by plain SQL through the same index, with
/// the count over the same partial index.
const RAW_PAGE: &str = "SELECT c.id, c.title,
    (SELECT s.name FROM subject s WHERE s.case_id = c.id AND s.role = 'candidate' AND s.voided_at IS NULL
     ORDER BY s.id LIMIT 1),
    c.status, c.priority, c.risk_score, c.reviewed_items, c.updated_at, c.catalog_version, c.archived_at
    FROM \"case\" c WHERE c.archived_at IS NULL";

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let cases: u32 = args.next().map(|a| a.parse()).transpose()?.unwrap_or(10_000);
    let dir = tempfile::tempdir()?;
    let path = args.next().map_or_else(|| dir.path().join("bench.db"), Into::into);
    let keys = || vetdesk::signing::Keyring::open(&path.with_extension("keys"));
    let mut ws = Workspace::open(&path, "list-bench", keys())?;
    let existing = ws.count_cases(&CaseQuery::default())?;
    if existing < u64::from(cases) {
        let t = Instant::now();
        vetdesk::demo::fill(&mut ws, cases - u32::try_from(existing)?, 11, &mut |_, _| {})?;
        println!("filled {} demo cases in {:.1} s", cases - u32::try_from(existing)?, t.elapsed().as_secs_f64());
    }
    let total = ws.count_cases(&CaseQuery::default())?;
    println!("workspace {} : {total} cases listed", path.display());
    let raw = Connection::open(&path)?;

    // `case list --json`, first page: count, page, summaries, JSON (the count is not cached between CLI runs).
    let q = CaseQuery { descending: true, limit: 100, ..CaseQuery::default() };
    let first_page = || {
        let n = ws.count_cases(&q)?;
        let page = ws.cases(&q)?;
        Ok(serde_json::to_string(&serde_json::json!({ "total": n, "cases": page }))?.len())
    };
    let raw_first = || {
        let n: i64 = raw.query_row("SELECT count(*) FROM \"case\" WHERE archived_at IS NULL", [], |r| r.get(0))?;
        let sql = format!("{RAW_PAGE} ORDER BY c.updated_at DESC, c.id DESC LIMIT 100");
        Ok(usize::try_from(n)? + rows(&raw, &sql)?)
    };
    let (first, raw_first_t) = pair(first_page, raw_first)?;
    line("case list --json, first page of 100 with the count", &first, &raw_first_t);

    // A page in the middle, by the cursor of the row before it; and the last page, read from the end.
    let middle = ws.cases(&CaseQuery { offset: u32::try_from(total / 2)?, limit: 1, ..q.clone() })?;
    let key = CaseKey::of(&middle[0].row);
    let deep = || {
        let page = ws.cases(&CaseQuery { after: Some(key.clone()), ..q.clone() })?;
        let more = ws.count_cases_after(&q, &CaseKey::of(&page.last().expect("a page").row))?;
        Ok(serde_json::to_string(&serde_json::json!({ "more": more, "cases": page }))?.len())
    };
    let (deep, first) = pair(deep, first_page)?;
    line("case list --json --after CURSOR (middle), with how many more; against the first page", &deep, &first);
    let last = || {
        let n = ws.count_cases(&q)?;
        let page = ws.last_cases(&q)?;
        Ok(serde_json::to_string(&serde_json::json!({ "total": n, "cases": page }))?.len())
    };
    let (last, first) = pair(last, first_page)?;
    line("case list --json, last page (--offset from the end); against the first page", &last, &first);

    // The workstation's search: the first screen of hits for a common word (its worker's answer), then the
    // link markers of a screen of them (24 rows, 100x30), which the list works out once no key waits.
    let reader = ws.reopen()?.ok_or_else(|| anyhow::anyhow!("a workspace file"))?;
    for word in ["engineer", "remote"] {
        let search = || Ok(reader.search(word, ArchivedCases::Hidden, 50)?.len());
        let screen: Vec<i64> =
            reader.search(word, ArchivedCases::Hidden, 50)?.iter().take(24).map(|h| h.case.row.id).collect();
        let markers = || Ok(reader.linked_cases_with(&screen, false)?.len());
        let raw_search = || {
            let sql = "SELECT rowid FROM case_search WHERE case_search MATCH ?1 ORDER BY rowid DESC LIMIT 50";
            let mut stmt = raw.prepare_cached(sql)?;
            let n = stmt.query_map([format!("\"{word}\"*")], |r| r.get::<_, i64>(0))?.count();
            Ok(n)
        };
        let (search, raw) = pair(search, raw_search)?;
        line(&format!("search first screen (50 hits) for \"{word}\""), &search, &raw);
        let (markers, raw) = pair(markers, raw_search)?;
        line(&format!("  then the link markers of 24 of them, for \"{word}\""), &markers, &raw);
    }

    // `note search camera --limit 50` and `audit log --limit 50`, with how many more (capped).
    let notes = || {
        let (page, more) = ws.search_notes_page("camera", vetdesk::store::cases::ArchivedCases::Hidden, None, 50, 0)?;
        Ok(page.len() + usize::try_from(more)?)
    };
    let raw_notes = || {
        let sql = "SELECT n.id, n.body FROM note_fts f JOIN note n ON n.id = f.rowid WHERE note_fts MATCH '\"camera\"*'
                   ORDER BY f.rowid DESC LIMIT 50";
        rows(&raw, sql)
    };
    let (notes, raw_notes) = pair(notes, raw_notes)?;
    line("note search camera --limit 50", &notes, &raw_notes);
    let audit = || {
        let page = ws.audit_page(None, None, 50, 0)?;
        let more = page.last().map_or(Ok(0), |r| ws.count_audit_before(None, r.id))?;
        Ok(page.len() + usize::try_from(more)?)
    };
    let raw_audit = || rows(&raw, "SELECT id, at, actor, action, details FROM audit ORDER BY id DESC LIMIT 50");
    let (audit, raw_audit) = pair(audit, raw_audit)?;
    line("audit log --limit 50", &audit, &raw_audit);
    Ok(())
}

/// Reads every row of `sql`, touching each column.
fn rows(conn: &Connection, sql: &str) -> anyhow::Result<usize> {
    let mut stmt = conn.prepare_cached(sql)?;
    let columns = stmt.column_count();
    let mut n = 0;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        for i in 0..columns {
            let _: rusqlite::types::Value = row.get(i)?;
        }
        n += 1;
    }
    Ok(n)
}

/// Runs `f` and its reference `g` [`ROUNDS`] times each, taking turns (after one warm-up each), so that a
/// busy machine weighs on both alike: the sorted times of each.
fn pair(
    mut f: impl FnMut() -> anyhow::Result<usize>,
    mut g: impl FnMut() -> anyhow::Result<usize>,
) -> anyhow::Result<(Vec<Duration>, Vec<Duration>)> {
    std::hint::black_box((f()?, g()?));
    let (mut a, mut b) = (Vec::with_capacity(ROUNDS), Vec::with_capacity(ROUNDS));
    for _ in 0..ROUNDS {
        let t = Instant::now();
        std::hint::black_box(f()?);
        a.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(g()?);
        b.push(t.elapsed());
    }
    a.sort();
    b.sort();
    Ok((a, b))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// One figure: median and max, and the median as a ratio to the reference's.
fn line(what: &str, samples: &[Duration], reference: &[Duration]) {
    let (m, r) = (ms(samples[samples.len() / 2]), ms(reference[reference.len() / 2]));
    println!(
        "{what}: median {m:.2} ms, max {:.2} ms; reference median {r:.2} ms; ratio {:.2}",
        ms(samples[samples.len() - 1]),
        m / r.max(1e-6)
    );
}
