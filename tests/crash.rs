//! Crash safety: writers are killed with SIGKILL at random moments, alone or while up to three others
//! write the same workspace, and after every kill the workspace must still hold up: SQLite's
//! `integrity_check` is `ok`, `vetdesk audit verify` exits 0 (chain, seals and the head recorded outside
//! the workspace), every write a command acknowledged (exit 0 and its new id printed) is there, and the case
//! list's link markers, kept by triggers, agree with the records.
//!
//! `VETDESK_CRASH_RUNS` sets the number of kills (default 25); `VETDESK_CRASH_SEED` replays a run whose
//! seed a failure printed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

#[path = "crash/check.rs"]
mod check;
use check::{Problem, check};

/// How many kills a run makes unless `VETDESK_CRASH_RUNS` says otherwise.
const DEFAULT_RUNS: u64 = 25;
/// A fresh workspace (and key folder) this often, so creating a workspace and its key is killed too.
const RUNS_PER_WORKSPACE: u64 = 20;
/// The longest a writer runs before it is killed.
const MAX_KILL_DELAY_MS: u64 = 400;
/// Cases per `demo` command: one transaction of a few thousand rows.
const DEMO_CASES: i64 = 30;
/// Size of each evidence file, hashed before its row is written.
const EVIDENCE_BYTES: usize = 4 << 20;
/// Checklist items the writers mark.
const CODES: [&str; 4] = ["RF-ID-01", "RF-ID-02", "RF-ID-03", "RF-INT-01"];
const STATES: [&str; 4] = ["open", "flagged", "clear", "na"];
/// A command that has not finished after this long fails the test instead of hanging it.
const COMMAND_DEADLINE: Duration = Duration::from_secs(60);

/// splitmix64: small, seedable, good enough to pick delays and commands.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// One workspace with its own config and key folder, never the user's.
struct Workspace {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Workspace {
    fn new() -> Workspace {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("ws").join("workspace.db");
        Workspace { dir, db }
    }

    fn keys(&self) -> PathBuf {
        self.dir.path().join("keys")
    }

    fn command(&self, args: &[String]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_vetdesk"));
        cmd.args(args)
            .env("VETDESK_DB", &self.db)
            .env("VETDESK_CONFIG", self.dir.path().join("config.toml"))
            .env("VETDESK_KEY_DIR", self.keys())
            .env("USER", "ana")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// The head recorded for this workspace in the key folder, as (rows, hash).
    fn recorded_head(&self) -> Option<(i64, String)> {
        let entries = std::fs::read_dir(self.keys().join("heads")).ok()?;
        let mut heads = entries
            .filter_map(|e| e.ok())
            // The head record is named by the workspace id alone; `ID.checked` records the last whole walk.
            .filter(|e| !e.file_name().to_string_lossy().contains('.'))
            .map(|e| std::fs::read_to_string(e.path()).expect("head record readable"));
        let text = heads.next()?;
        assert!(heads.next().is_none(), "one workspace, one head record");
        let v: serde_json::Value = serde_json::from_str(&text).expect("head record is JSON");
        Some((v["rows"].as_i64().expect("rows"), v["hash"].as_str().expect("hash").to_string()))
    }
}

/// A write a writer asks for.
#[derive(Debug, Clone)]
enum Op {
    CaseNew { title: String },
    NoteAdd { case: i64, body: String },
    IdentAdd { case: i64, email: String },
    SubjectAdd { case: i64, name: String },
    CheckSet { case: i64, code: &'static str, state: &'static str },
    EvidenceAdd { case: i64, path: PathBuf },
    Demo,
}

impl Op {
    fn args(&self) -> Vec<String> {
        let s = |v: &[&str]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        match self {
            Op::CaseNew { title } => s(&["case", "new", title]),
            Op::NoteAdd { case, body } => s(&["note", "add", &case.to_string(), body]),
            Op::IdentAdd { case, email } => s(&["ident", "add", &case.to_string(), "email", email]),
            Op::SubjectAdd { case, name } => s(&["subject", "add", &case.to_string(), name]),
            Op::CheckSet { case, code, state } => s(&["check", "set", &case.to_string(), code, state]),
            Op::EvidenceAdd { case, path } => {
                s(&["evidence", "add", &case.to_string(), path.to_str().expect("utf-8 path")])
            }
            Op::Demo => s(&["demo", "--force", "--cases", &DEMO_CASES.to_string()]),
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Op::CaseNew { .. } => "case new",
            Op::NoteAdd { .. } => "note add",
            Op::IdentAdd { .. } => "ident add",
            Op::SubjectAdd { .. } => "subject add",
            Op::CheckSet { .. } => "check set",
            Op::EvidenceAdd { .. } => "evidence add",
            Op::Demo => "demo",
        }
    }

    fn line(&self) -> String {
        format!("vetdesk {}", self.args().join(" "))
    }
}

/// What one writer did in one run.
#[derive(Default)]
struct WriterLog {
    /// Commands that exited 0, with what they printed.
    acked: Vec<(Op, String)>,
    /// The command running when the writer was killed.
    killed: Option<Op>,
    /// Commands that failed without being killed: (command, status, stderr).
    failed: Vec<String>,
}

/// For each (case, item) a writer marked: the states it may be in (the last acknowledged one, plus those
/// of killed commands issued after it, which may or may not have committed). An item never marked is open.
type Marks = BTreeMap<(i64, String), BTreeSet<String>>;

/// The cases a writer created (acknowledged), to which it alone adds records.
#[derive(Default, Clone)]
struct WriterCases(Vec<i64>);

/// Picks the next write for a writer: a case first, then a mix weighted toward long transactions.
fn next_op(rng: &mut Rng, cases: &WriterCases, marks: &Marks, files: &Path, serial: &mut u64) -> Op {
    *serial += 1;
    let n = *serial;
    let Some(&case) = (!cases.0.is_empty()).then(|| rng.pick(&cases.0)) else {
        return Op::CaseNew { title: format!("Crash case {n}") };
    };
    match rng.below(16) {
        0 => Op::CaseNew { title: format!("Crash case {n}") },
        1..=3 => Op::NoteAdd { case, body: format!("Crash note {n}: laptop shipped to a new address") },
        4..=5 => Op::IdentAdd { case, email: format!("crash.{n}@example.com") },
        6 => Op::SubjectAdd { case, name: format!("Crash Subject {n}") },
        7..=9 => {
            // A state it cannot already be in: marking an item with its current state is refused.
            let code = *rng.pick(&CODES);
            let may_be = marks.get(&(case, code.to_string()));
            let states: Vec<&'static str> =
                STATES.into_iter().filter(|s| may_be.map_or(*s != "open", |m| !m.contains(*s))).collect();
            if states.is_empty() {
                return Op::NoteAdd { case, body: format!("Crash note {n}: every state possible for {code}") };
            }
            Op::CheckSet { case, code, state: states[rng.below(states.len() as u64) as usize] }
        }
        10..=11 => {
            // Distinct content each time: the same file twice on one case is refused.
            let path = files.join(format!("evidence-{n}.bin"));
            let mut bytes = vec![0u8; EVIDENCE_BYTES];
            bytes[..8].copy_from_slice(&n.to_le_bytes());
            bytes[8..16].copy_from_slice(&rng.next().to_le_bytes());
            std::fs::write(&path, &bytes).expect("write evidence file");
            Op::EvidenceAdd { case, path }
        }
        _ => Op::Demo,
    }
}

/// Runs writes one after another until `kill_at`, then SIGKILLs the command running at that moment.
fn writer(
    ws: &Workspace,
    mut rng: Rng,
    (mut cases, mut marks): (WriterCases, Marks),
    kill_at: Instant,
    serial_base: u64,
) -> WriterLog {
    let mut log = WriterLog::default();
    let files = ws.dir.path().join("files");
    let mut serial = serial_base;
    loop {
        let op = next_op(&mut rng, &cases, &marks, &files, &mut serial);
        let mut child: Child = ws.command(&op.args()).spawn().expect("spawn vetdesk");
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break Some(status);
            }
            let now = Instant::now();
            if now >= kill_at {
                child.kill().expect("SIGKILL");
                child.wait().expect("reap");
                break None;
            }
            if now - started > COMMAND_DEADLINE {
                child.kill().expect("SIGKILL");
                child.wait().expect("reap");
                log.failed.push(format!("{}: still running after {COMMAND_DEADLINE:?}", op.line()));
                return log;
            }
            std::thread::sleep((kill_at - now).min(Duration::from_micros(300)));
        };
        let Some(status) = status else {
            if let Op::EvidenceAdd { path, .. } = &op {
                let _ = std::fs::remove_file(path);
            }
            log.killed = Some(op);
            return log;
        };
        let out = child.wait_with_output().expect("output");
        if let Op::EvidenceAdd { path, .. } = &op {
            let _ = std::fs::remove_file(path);
        }
        if !status.success() {
            log.failed.push(format!("{}: {status}: {}", op.line(), String::from_utf8_lossy(&out.stderr).trim_end()));
            continue;
        }
        let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
        match &op {
            Op::CaseNew { .. } => cases.0.push(stdout.trim().parse().expect("case new prints its id")),
            Op::CheckSet { case, code, state } => {
                marks.insert((*case, code.to_string()), BTreeSet::from([state.to_string()]));
            }
            _ => {}
        }
        log.acked.push((op, stdout));
    }
}

/// What the workspace must hold: every acknowledged write, and what killed writes may have left.
#[derive(Default)]
struct Ledger {
    cases: BTreeMap<i64, String>,
    notes: BTreeMap<i64, (i64, String)>,
    idents: BTreeMap<i64, (i64, String)>,
    subjects: BTreeMap<i64, (i64, String)>,
    evidence: BTreeMap<i64, (i64, String)>,
    marks: Marks,
    demos_acked: i64,
    demos_killed: i64,
    /// Killed demo commands whose cases were found committed.
    demos_killed_committed: i64,
    /// Audit rows the chain had after the last run, and acknowledged commands since that each append
    /// at least one.
    rows: i64,
    acked_since: i64,
    writer_cases: Vec<WriterCases>,
}

impl Ledger {
    fn new() -> Ledger {
        Ledger { writer_cases: vec![WriterCases::default(); 4], ..Ledger::default() }
    }

    fn record(&mut self, writer: usize, log: &WriterLog) {
        let id = |out: &str| -> i64 { out.trim().parse().unwrap_or_else(|_| panic!("an id alone, got {out:?}")) };
        for (op, out) in &log.acked {
            // Marking an item with the state it already has may change nothing; every other write
            // appends at least one audit row.
            if !matches!(op, Op::CheckSet { .. }) {
                self.acked_since += 1;
            }
            match op {
                Op::CaseNew { title } => {
                    self.cases.insert(id(out), title.clone());
                    self.writer_cases[writer].0.push(id(out));
                }
                Op::NoteAdd { case, body } => {
                    self.notes.insert(id(out), (*case, body.clone()));
                }
                Op::IdentAdd { case, email } => {
                    self.idents.insert(id(out), (*case, email.clone()));
                }
                Op::SubjectAdd { case, name } => {
                    self.subjects.insert(id(out), (*case, name.clone()));
                }
                Op::EvidenceAdd { case, path } => {
                    self.evidence.insert(id(out), (*case, path.to_string_lossy().into_owned()));
                }
                Op::CheckSet { case, code, state } => {
                    self.marks.insert((*case, code.to_string()), BTreeSet::from([state.to_string()]));
                }
                Op::Demo => self.demos_acked += 1,
            }
        }
        match &log.killed {
            Some(Op::CheckSet { case, code, state }) => {
                let may_be = self.marks.entry((*case, code.to_string()));
                may_be.or_insert_with(|| BTreeSet::from(["open".to_string()])).insert(state.to_string());
            }
            Some(Op::Demo) => self.demos_killed += 1,
            _ => {}
        }
    }
}

#[derive(Default)]
struct Stats {
    kills: u64,
    concurrent_runs: u64,
    killed_by_kind: BTreeMap<&'static str, u64>,
    acked: u64,
    no_workspace: u64,
    head_lagging: u64,
    demos_killed_committed: i64,
    problems: BTreeMap<Problem, u64>,
}

#[test]
fn writers_killed_at_random_leave_a_workspace_that_holds_up() {
    let runs: u64 =
        std::env::var("VETDESK_CRASH_RUNS").map_or(DEFAULT_RUNS, |v| v.parse().expect("VETDESK_CRASH_RUNS"));
    let seed: u64 = std::env::var("VETDESK_CRASH_SEED").map_or_else(
        |_| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64,
        |v| v.parse().expect("VETDESK_CRASH_SEED"),
    );
    eprintln!("crash test: {runs} kill run(s), seed {seed} (replay with VETDESK_CRASH_SEED={seed})");
    let mut rng = Rng(seed);
    let started = Instant::now();
    let mut stats = Stats::default();
    let mut failures: Vec<String> = Vec::new();
    let mut kept: Vec<PathBuf> = Vec::new();
    let mut ws = Workspace::new();
    let mut ledger = Ledger::new();
    let mut serial = 0u64;
    for run in 0..runs {
        if run > 0 && run % RUNS_PER_WORKSPACE == 0 {
            stats.demos_killed_committed += ledger.demos_killed_committed;
            ws = Workspace::new();
            ledger = Ledger::new();
        }
        std::fs::create_dir_all(ws.dir.path().join("files")).unwrap();
        let writers = *rng.pick(&[1usize, 1, 2, 3, 4]);
        if writers > 1 {
            stats.concurrent_runs += 1;
        }
        let now = Instant::now();
        let plans: Vec<(Rng, Instant)> = (0..writers)
            .map(|_| (Rng(rng.next()), now + Duration::from_millis(rng.below(MAX_KILL_DELAY_MS + 1))))
            .collect();
        let logs: Vec<WriterLog> = std::thread::scope(|scope| {
            let handles: Vec<_> = plans
                .into_iter()
                .enumerate()
                .map(|(w, (wrng, kill_at))| {
                    let (ws, mine) = (&ws, (ledger.writer_cases[w].clone(), ledger.marks.clone()));
                    let base = (serial + w as u64) << 20;
                    scope.spawn(move || writer(ws, wrng, mine, kill_at, base))
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("writer thread")).collect()
        });
        serial += writers as u64;
        let mut killed = Vec::new();
        let mut run_problems = Vec::new();
        for (w, log) in logs.iter().enumerate() {
            ledger.record(w, log);
            stats.acked += log.acked.len() as u64;
            if let Some(op) = &log.killed {
                stats.kills += 1;
                *stats.killed_by_kind.entry(op.kind()).or_default() += 1;
                killed.push(op.line());
            }
            for failed in &log.failed {
                run_problems.push((Problem::Writer, failed.clone()));
            }
        }
        run_problems.extend(check(&ws, &mut ledger, &mut stats));
        if !run_problems.is_empty() {
            for (problem, what) in &run_problems {
                *stats.problems.entry(*problem).or_default() += 1;
                let line = format!(
                    "run {run} (seed {seed}, {writers} writer(s), killed: {}): {problem:?}: {what}",
                    killed.join(" | ")
                );
                eprintln!("{line}");
                failures.push(line);
            }
            // Keep the workspace for a look, and go on with a fresh one.
            let old = std::mem::replace(&mut ws, Workspace::new());
            stats.demos_killed_committed += ledger.demos_killed_committed;
            ledger = Ledger::new();
            kept.push(old.dir.keep());
        }
        if (run + 1) % 100 == 0 {
            eprintln!("  {} run(s), {} failure(s), {:.0?}", run + 1, failures.len(), started.elapsed());
        }
    }
    stats.demos_killed_committed += ledger.demos_killed_committed;
    eprintln!(
        "crash test: {runs} run(s) ({} with 2-4 concurrent writers), {} kill(s) {:?}, {} acknowledged write(s), \
         {} killed demo(s) that had committed, head record lagging the chain after {} run(s), {} run(s) before \
         any workspace existed; problems {:?}; {:.1?}",
        stats.concurrent_runs,
        stats.kills,
        stats.killed_by_kind,
        stats.acked,
        stats.demos_killed_committed,
        stats.head_lagging,
        stats.no_workspace,
        stats.problems,
        started.elapsed()
    );
    for path in &kept {
        eprintln!("kept for inspection: {}", path.display());
    }
    assert!(stats.kills >= runs, "every run kills at least one writer");
    assert!(failures.is_empty(), "seed {seed}: {} failure(s):\n{}", failures.len(), failures.join("\n"));
}
