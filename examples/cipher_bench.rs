//! An encrypted workspace against the same workspace plain: `vetdesk encrypt` on a copy, then the same
//! timings on both in the same run, taken in turns (medians), and the ratios.
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
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use vetdesk::Workspace;
use vetdesk::signing::Keyring;
use vetdesk::store::Passphrase;
use vetdesk::store::cases::{ArchivedCases, CaseQuery, CaseSort};
use vetdesk::tui::update::handle_event;
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

/// One workspace as the workstation holds it: its app (which owns the workspace) and a terminal of 100×30.
struct Side {
    path: PathBuf,
    encrypted: bool,
    app: App,
    terminal: Terminal<TestBackend>,
}

/// The workstation on `ws` after its first frame: the terminal's app, whose rows come before their link
/// markers.
fn start(ws: Workspace) -> anyhow::Result<(App, Terminal<TestBackend>)> {
    let mut app = App::for_terminal(ws, Theme::named("dark", false)?)?;
    app.size = ratatui::layout::Rect::new(0, 0, 100, 30);
    let mut terminal = Terminal::new(TestBackend::new(100, 30))?;
    terminal.draw(|f| ui::draw(&app, f))?;
    Ok((app, terminal))
}

/// [`start`], then the link markers of the rows on screen and the frame again, as the event loop does when
/// no key waits.
fn start_marked(ws: Workspace) -> anyhow::Result<(App, Terminal<TestBackend>)> {
    let (mut app, mut terminal) = start(ws)?;
    marks(&mut app, &mut terminal)?;
    Ok((app, terminal))
}

/// The link markers of the rows on screen, if they wait for them, and the frame drawn again.
fn marks(app: &mut App, terminal: &mut Terminal<TestBackend>) -> anyhow::Result<()> {
    if app.marks_due() {
        app.mark_when_idle();
        terminal.draw(|f| ui::draw(app, f))?;
    }
    Ok(())
}

impl Side {
    fn new(path: &Path, encrypted: bool) -> anyhow::Result<Side> {
        let (app, terminal) = start(open(path, encrypted)?)?;
        Ok(Side { path: path.to_path_buf(), encrypted, app, terminal })
    }

    /// A key pressed and the frame drawn after it (rows it brings still without their link markers).
    fn key(&mut self, code: KeyCode) -> anyhow::Result<()> {
        handle_event(&mut self.app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        self.terminal.draw(|f| ui::draw(&self.app, f))?;
        Ok(())
    }

    /// [`Side::key`], then the link markers of the rows it brought and the frame again.
    fn key_marked(&mut self, code: KeyCode) -> anyhow::Result<()> {
        self.key(code)?;
        marks(&mut self.app, &mut self.terminal)
    }
}

/// `rounds` timings of `f` on each side, taken in turns (plain, encrypted, then encrypted, plain, …) so
/// that the machine's load weighs on both alike: the two medians, in milliseconds.
fn paired<T>(
    rounds: usize,
    sides: &mut [Side; 2],
    mut f: impl FnMut(&mut Side) -> anyhow::Result<T>,
) -> anyhow::Result<(f64, f64)> {
    let mut samples = [Vec::with_capacity(rounds), Vec::with_capacity(rounds)];
    for round in 0..rounds {
        for turn in 0..2 {
            let side = if round % 2 == 0 { turn } else { 1 - turn };
            let t = Instant::now();
            std::hint::black_box(f(&mut sides[side])?);
            samples[side].push(t.elapsed());
        }
    }
    let [p, e] = samples;
    Ok((median(p), median(e)))
}

/// The figures, in milliseconds: (what, plain, encrypted).
fn measure(plain: &Path, encrypted: &Path) -> anyhow::Result<Vec<(&'static str, f64, f64)>> {
    let mut sides = [Side::new(plain, false)?, Side::new(encrypted, true)?];
    let mut out = Vec::new();
    let mut figure = |what, (p, e)| out.push((what, p, e));
    figure(
        "start to first frame (unlock: key derivation; open, first page, draw)",
        paired(7, &mut sides, |s| start(open(&s.path, s.encrypted)?))?,
    );
    // What a start costs once the passphrase has become the key (once per start, by design: the figure
    // above less this one). The workstation's search worker opens its connection the same way.
    let reopen = |s: &Side| s.app.ws.reopen()?.ok_or_else(|| anyhow::anyhow!("a workspace file"));
    figure(
        "first frame once unlocked (open with the derived key, first page, draw)",
        paired(15, &mut sides, |s| start(reopen(s)?))?,
    );
    figure(
        "first frame once unlocked, then its link markers and the frame again",
        paired(15, &mut sides, |s| start_marked(reopen(s)?))?,
    );
    for side in &mut sides {
        marks(&mut side.app, &mut side.terminal)?;
    }
    figure(
        "case list, a frame",
        paired(200, &mut sides, |s| {
            s.terminal.draw(|f| ui::draw(&s.app, f))?;
            Ok(())
        })?,
    );
    figure("case list, j then its frame(s)", paired(1_000, &mut sides, |s| s.key_marked(KeyCode::Char('j')))?);
    figure("case list, PageDown then its frame", paired(100, &mut sides, |s| s.key(KeyCode::PageDown))?);
    figure(
        "case list, PageDown, its frame, then its link markers and the frame again",
        paired(100, &mut sides, |s| s.key_marked(KeyCode::PageDown))?,
    );
    figure(
        "open a case (Enter) then its frame, and back (Esc)",
        paired(20, &mut sides, |s| {
            s.key_marked(KeyCode::Enter)?;
            s.key_marked(KeyCode::Esc)
        })?,
    );
    let total = sides[0].app.ws.count_cases(&CaseQuery::default())?;
    let first = CaseQuery { sort: CaseSort::Risk, descending: true, limit: 50, ..CaseQuery::default() };
    figure("case list, first page by risk", paired(50, &mut sides, |s| Ok(s.app.ws.cases(&first)?))?);
    let last = CaseQuery { limit: 50, ..CaseQuery::default() };
    figure("case list, last page", paired(20, &mut sides, |s| Ok(s.app.ws.last_cases(&last)?))?);
    let mut ids = [0i64; 2];
    figure(
        "report (IC3 summary of a case)",
        paired(40, &mut sides, |s| {
            let id = &mut ids[usize::from(s.encrypted)];
            *id = *id % total as i64 + 1;
            Ok(vetdesk::report::build(&s.app.ws, *id, &Default::default())?)
        })?,
    );
    for (label, query) in [
        ("search \"freight forward\"", "freight forward"),
        ("search an email domain", "gmail.com"),
        ("search a name", "kim"),
    ] {
        figure(label, paired(20, &mut sides, |s| Ok(s.app.ws.search(query, ArchivedCases::Hidden, 200)?))?);
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
    // Once to warm the file cache for both, then the figures that count.
    measure(&plain, &encrypted)?;
    let results = measure(&plain, &encrypted)?;
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
