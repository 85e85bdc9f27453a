//! Workstation timings on a large workspace: start to first frame, frame time on the case list and the
//! case view, and keystroke to frame. Draws into ratatui's TestBackend at 100×30, so it measures vetdesk's
//! own work (queries, layout, rendering), not a terminal emulator. The app is the terminal's
//! (`App::for_terminal`): a key's rows are drawn first, then their link markers are worked out and the
//! frame drawn again, as the event loop does when no other key waits; both times are given where a key
//! brings new rows ("frame" and "with markers").
//!
//! ```sh
//! cargo run --release --example tui_bench -- 100000          # fills a temporary workspace first
//! cargo run --release --example tui_bench -- 100000 ws.db    # reuses (or creates once) ws.db
//! ```

use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use vetdesk::Workspace;
use vetdesk::tui::update::handle_event;
use vetdesk::tui::{App, Theme, ui};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let cases: u32 = args.next().map(|a| a.parse()).transpose()?.unwrap_or(100_000);
    let dir = tempfile::tempdir()?;
    let path = args.next().map_or_else(|| dir.path().join("bench.db"), Into::into);

    let mut ws = Workspace::open(&path, "bench", vetdesk::signing::Keyring::open(&path.with_extension("keys")))?;
    let existing = ws.count_cases(&Default::default())?;
    if existing < u64::from(cases) {
        let started = Instant::now();
        let missing = cases - u32::try_from(existing)?;
        vetdesk::demo::fill(&mut ws, missing, 7, &mut |_, _| {})?;
        println!("filled {missing} demo cases in {:.1} s", started.elapsed().as_secs_f64());
    }
    drop(ws);
    println!("workspace: {} ({} cases, {:.0} MB)", path.display(), cases, std::fs::metadata(&path)?.len() as f64 / 1e6);

    // Start to first frame: open the workspace, build the app (first page of the list), draw.
    let started = Instant::now();
    let ws = Workspace::open(&path, "bench", vetdesk::signing::Keyring::open(&path.with_extension("keys")))?;
    let mut app = App::for_terminal(ws, Theme::named("dark", false)?)?;
    let mut terminal = Terminal::new(TestBackend::new(100, 30))?;
    app.size = ratatui::layout::Rect::new(0, 0, 100, 30);
    terminal.draw(|f| ui::draw(&app, f))?;
    println!("start to first frame: {:.1} ms", ms(started.elapsed()));
    app.mark_when_idle();
    terminal.draw(|f| ui::draw(&app, f))?;
    println!("start to first frame with its link markers: {:.1} ms", ms(started.elapsed()));

    let frames = |app: &App, terminal: &mut Terminal<TestBackend>, n: usize| -> anyhow::Result<Vec<Duration>> {
        (0..n)
            .map(|_| {
                let t = Instant::now();
                terminal.draw(|f| ui::draw(app, f))?;
                Ok(t.elapsed())
            })
            .collect()
    };
    report("case list, frame", frames(&app, &mut terminal, 200)?);

    // A key, its frame, then (when it brought rows without their markers) the markers and the frame again:
    // the time to the first frame and to the last.
    let key = |app: &mut App, terminal: &mut Terminal<TestBackend>, code: KeyCode| -> anyhow::Result<Timed> {
        let t = Instant::now();
        handle_event(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        terminal.draw(|f| ui::draw(app, f))?;
        let frame = t.elapsed();
        if app.marks_due() {
            app.mark_when_idle();
            terminal.draw(|f| ui::draw(app, f))?;
        }
        Ok(Timed { frame, marked: t.elapsed() })
    };
    let mut down = Vec::new();
    for _ in 0..2_000 {
        down.push(key(&mut app, &mut terminal, KeyCode::Char('j'))?);
    }
    report_keys("case list, j (crosses windows)", down);
    let mut pages = Vec::new();
    for _ in 0..300 {
        pages.push(key(&mut app, &mut terminal, KeyCode::PageDown)?);
    }
    report_keys("case list, PageDown", pages);
    let mut ends = Vec::new();
    for _ in 0..20 {
        ends.push(key(&mut app, &mut terminal, KeyCode::Char('G'))?);
        key(&mut app, &mut terminal, KeyCode::Char('g'))?;
        key(&mut app, &mut terminal, KeyCode::Char('g'))?;
    }
    report_keys("case list, G (to the last case)", ends);
    key(&mut app, &mut terminal, KeyCode::Char('G'))?;
    let mut ups = Vec::new();
    for _ in 0..300 {
        ups.push(key(&mut app, &mut terminal, KeyCode::PageUp)?);
    }
    report_keys("case list, PageUp from the end", ups);
    let mut sorts = Vec::new();
    for _ in 0..10 {
        sorts.push(key(&mut app, &mut terminal, KeyCode::Char('s'))?);
        sorts.push(key(&mut app, &mut terminal, KeyCode::Char('S'))?);
    }
    report_keys("case list, s / S (re-sort)", sorts);
    let mut filters = Vec::new();
    for _ in 0..4 {
        for code in ['p', 'p', 'c', 'c', 'x'] {
            filters.push(key(&mut app, &mut terminal, KeyCode::Char(code))?);
        }
    }
    report_keys("case list, p / c / x (filter by priority, hide closed, clear)", filters);
    // The reference: the same window of 200 rows read by plain SQL on another connection.
    let raw = rusqlite::Connection::open(&path)?;
    let mut window = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let mut stmt = raw.prepare_cached(
            "SELECT c.id, c.title, c.status, c.priority, c.risk_score, c.updated_at FROM \"case\" c
             WHERE c.archived_at IS NULL ORDER BY c.updated_at ASC, c.id ASC LIMIT 200",
        )?;
        let n = stmt.query_map([], |r| r.get::<_, i64>(0))?.count();
        std::hint::black_box(n);
        window.push(t.elapsed());
    }
    report("reference: a window of 200 rows by plain SQL (the last window, from its end)", window);

    report("Enter (open a case) then frame", vec![key(&mut app, &mut terminal, KeyCode::Enter)?.marked]);
    report("case view, frame", frames(&app, &mut terminal, 200)?);
    let tabs = [
        ('2', "red flags"),
        ('3', "due diligence"),
        ('4', "evidence"),
        ('5', "notes"),
        ('6', "links"),
        ('7', "report"),
    ];
    for (tab, name) in tabs {
        report(&format!("tab {name}, key then frame"), vec![key(&mut app, &mut terminal, KeyCode::Char(tab))?.marked]);
    }
    key(&mut app, &mut terminal, KeyCode::Char('2'))?;
    let mut marks = Vec::new();
    for i in 0..50 {
        key(&mut app, &mut terminal, KeyCode::Char('j'))?;
        marks.push(
            key(&mut app, &mut terminal, if i % 2 == 0 { KeyCode::Char('f') } else { KeyCode::Char('c') })?.marked,
        );
    }
    report("red flags, f/c (one transaction, audit row, reload) then frame", marks);
    Ok(())
}

/// A key's time to its first frame, and to the frame with the link markers of the rows it brought.
#[derive(Clone, Copy)]
struct Timed {
    frame: Duration,
    marked: Duration,
}

/// Both figures of keys that bring rows to the screen.
fn report_keys(what: &str, samples: Vec<Timed>) {
    report(&format!("{what} then frame"), samples.iter().map(|t| t.frame).collect());
    report(&format!("{what} then frame with markers"), samples.iter().map(|t| t.marked).collect());
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn report(what: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let n = samples.len();
    let p = |q: f64| ms(samples[((n as f64 * q) as usize).min(n - 1)]);
    if n == 1 {
        println!("{what}: {:.2} ms", p(0.0));
    } else {
        println!("{what}: median {:.2} ms, p99 {:.2} ms, max {:.2} ms ({n} samples)", p(0.5), p(0.99), p(1.0));
    }
}
