//! A crash during `vetdesk encrypt`: the command is killed with SIGKILL at random moments, and after every
//! kill the workspace's path must open (plain, or encrypted with the passphrase) with every row it held,
//! the next command must finish off what the crash left beside it, and `audit verify` must pass.
//!
//! `VETDESK_CRASH_RUNS` sets the number of kills (default 20); `VETDESK_CRASH_SEED` replays a run whose
//! seed a failure printed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;

const DEFAULT_RUNS: u64 = 20;
const DEMO_CASES: &str = "150";
const PASSPHRASE: &str = "crash test passphrase";

/// splitmix64, as in tests/crash.rs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

fn vetdesk(root: &Path, db: &Path, keys: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vetdesk"));
    cmd.args(args)
        .env("VETDESK_DB", db)
        .env("VETDESK_CONFIG", root.join("config.toml"))
        .env("VETDESK_KEY_DIR", keys)
        .env("VETDESK_PASSPHRASE_FILE", root.join("pass.txt"))
        .env("USER", "ana")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

fn run_ok(mut cmd: Command) -> (String, String) {
    let out = cmd.output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{cmd:?} failed: {stderr}");
    (String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
}

/// Rows per table, read with the passphrase when the file is not plain; and whether it was encrypted.
fn row_counts(db: &Path) -> (BTreeMap<String, i64>, bool) {
    let encrypted = !std::fs::read(db).unwrap().starts_with(b"SQLite format 3\0");
    let conn = Connection::open(db).unwrap();
    if encrypted {
        conn.pragma_update(None, "key", PASSPHRASE).unwrap();
        // vetdesk authenticates the pages of what it encrypts with HMAC-SHA256 (README).
        conn.pragma_update(None, "cipher_hmac_algorithm", "HMAC_SHA256").unwrap();
    }
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let counts = names
        .into_iter()
        .map(|n| {
            let c: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{n}\""), [], |r| r.get(0)).unwrap();
            (n, c)
        })
        .collect();
    (counts, encrypted)
}

fn copy_tree(from: &Path, to: &Path) {
    let status = Command::new("cp").arg("-a").arg(from).arg(to).status().unwrap();
    assert!(status.success());
}

#[test]
fn a_killed_encrypt_always_leaves_a_readable_workspace_with_all_its_rows() {
    let runs: u64 = std::env::var("VETDESK_CRASH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_RUNS);
    let seed: u64 = std::env::var("VETDESK_CRASH_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    eprintln!("VETDESK_CRASH_SEED={seed}");
    let mut rng = Rng(seed);
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("pass.txt"), format!("{PASSPHRASE}\n")).unwrap();
    let pristine = root.path().join("pristine");
    std::fs::create_dir(&pristine).unwrap();
    let db = pristine.join("ws").join("workspace.db");
    run_ok(vetdesk(root.path(), &db, &pristine.join("keys"), &["demo", "--cases", DEMO_CASES]));
    let (before, _) = row_counts(&db);

    // How long an encrypt takes here, to spread the kills over it.
    let timed = root.path().join("timed");
    copy_tree(&pristine, &timed);
    let started = Instant::now();
    run_ok(vetdesk(root.path(), &timed.join("ws").join("workspace.db"), &timed.join("keys"), &["encrypt"]));
    let took = started.elapsed().as_millis() as u64;

    let (mut plain, mut encrypted, mut finished_off) = (0, 0, 0);
    for run in 0..runs {
        let dir = root.path().join(format!("run{run}"));
        copy_tree(&pristine, &dir);
        let db = dir.join("ws").join("workspace.db");
        let keys = dir.join("keys");
        let delay = rng.next() % (took * 6 / 5 + 1);
        let mut child = vetdesk(root.path(), &db, &keys, &["encrypt"]).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();

        let (after, was_encrypted) = row_counts(&db);
        let context = format!("seed {seed}, run {run}, killed after {delay} ms of {took}");
        for (table, rows) in &before {
            let extra = if table == "audit" && was_encrypted { 1 } else { 0 };
            assert_eq!(after.get(table), Some(&(rows + extra)), "{table} ({context})");
        }
        if was_encrypted {
            encrypted += 1
        } else {
            plain += 1
        }

        // The next command opens it, finishes off what the crash left, and the trail verifies.
        let (_, said) = run_ok(vetdesk(root.path(), &db, &keys, &["audit", "verify"]));
        finished_off += usize::from(said.contains("interrupted `vetdesk encrypt`"));
        let left: Vec<String> = std::fs::read_dir(db.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("-old") || n.contains("crypting") || n.contains("converting"))
            .collect();
        assert!(left.is_empty(), "left beside the workspace: {left:?} ({context})");
        let (again, _) = row_counts(&db);
        assert_eq!(again, after, "{context}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
    eprintln!(
        "{runs} kills over {took} ms encrypts: {plain} left plain, {encrypted} encrypted, {finished_off} with a leftover finished off"
    );
    let _: PathBuf = root.path().to_path_buf();
}
