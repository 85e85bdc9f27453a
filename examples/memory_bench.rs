//! Peak memory of the list commands and of the workstation on a workspace, to show it stays flat as the
//! workspace grows: `cargo run --release --example memory_bench -- WORKSPACE [KEY_DIR]`
//!
//! Runs the release `vetdesk` beside this example (build it first: `cargo build --release`) once per
//! command, standard output to /dev/null, and reads each run's peak resident memory from the kernel
//! (`wait4`'s `ru_maxrss`). The workstation runs under `tmux` in a 120×40 window: it starts, goes to the
//! end of the list and back, pages down, re-sorts, searches for a common word, opens the first case and
//! its report tab, and its peak (`VmHWM` of /proc/PID/status) is read before it quits. Without `tmux` on
//! the PATH that part is skipped. The reference is `sqlite3`-free on purpose: a process that only opens
//! the workspace and prints its version (`vetdesk --version`) shows the floor every command stands on.
//! `links --all` is measured too, though it is not expected to stay flat: it works every cluster of the
//! workspace out before it writes the first page of them (a cluster can join cases anywhere).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use nix::sys::resource::{UsageWho, getrusage};

/// Peak resident memory in MiB of one run of `vetdesk ARGS`, and whether it exited 0. The run is
/// waited for by a copy of this program started for it alone (`--one`), so that the kernel's peak over
/// the children it waited for (`getrusage(RUSAGE_CHILDREN)`) is that one run's.
fn peak_of(vetdesk: &Path, env: &[(&str, &str)], args: &[&str]) -> Result<(f64, bool), String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = Command::new(exe)
        .arg("--one")
        .arg(vetdesk)
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut words = text.split_whitespace();
    let kib: f64 = words.next().and_then(|w| w.parse().ok()).ok_or("no peak from --one")?;
    Ok((kib / 1024.0, words.next() == Some("ok")))
}

/// `--one VETDESK ARGS…`: runs it, and prints its peak in KiB and `ok` or `failed`.
fn one(mut args: impl Iterator<Item = String>) -> Result<(), String> {
    let vetdesk = args.next().ok_or("--one VETDESK ARGS")?;
    let status = Command::new(&vetdesk)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("{vetdesk}: {e}"))?;
    let usage = getrusage(UsageWho::RUSAGE_CHILDREN).map_err(|e| e.to_string())?;
    println!("{} {}", usage.max_rss(), if status.success() { "ok" } else { "failed" });
    Ok(())
}

fn tmux(args: &[&str]) -> Result<String, String> {
    let out = Command::new("tmux").args(args).output().map_err(|e| format!("tmux: {e}"))?;
    if !out.status.success() {
        return Err(format!("tmux {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Waits until the pane shows `text`, up to `within`.
fn wait_for(target: &str, text: &str, within: Duration) -> Result<(), String> {
    let start = Instant::now();
    while start.elapsed() < within {
        if tmux(&["capture-pane", "-p", "-t", target])?.contains(text) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(format!("the workstation did not show {text:?} within {within:?}"))
}

/// The workstation's peak memory in MiB after a round of the keys a user presses most.
fn workstation_peak(vetdesk: &Path, db: &Path, keys: Option<&str>) -> Result<f64, String> {
    let session = format!("vetdesk-memory-{}", std::process::id());
    let mut command = format!("exec '{}' --db '{}'", vetdesk.display(), db.display());
    if let Some(keys) = keys {
        command = format!("VETDESK_KEY_DIR='{keys}' {command}");
    }
    tmux(&["new-session", "-d", "-s", &session, "-x", "120", "-y", "40", &command])?;
    let target = format!("{session}:0.0");
    let result = (|| {
        wait_for(&target, "DEMO", Duration::from_secs(30))?;
        let pid = tmux(&["display-message", "-p", "-t", &target, "#{pane_pid}"])?.trim().to_string();
        let press = |keys: &[&str]| -> Result<(), String> {
            for k in keys {
                tmux(&["send-keys", "-t", &target, k])?;
                std::thread::sleep(Duration::from_millis(150));
            }
            Ok(())
        };
        press(&["G", "g"])?;
        press(&["PageDown"; 20])?;
        press(&["s", "s", "S"])?;
        press(&["/", "e", "n", "g", "i", "n", "e", "e", "r"])?;
        std::thread::sleep(Duration::from_millis(1500));
        press(&["Enter"])?;
        press(&["Escape", "Enter"])?;
        std::thread::sleep(Duration::from_millis(500));
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).map_err(|e| e.to_string())?;
        let kib: f64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .ok_or("no VmHWM in /proc/PID/status")?;
        Ok(kib / 1024.0)
    })();
    let _ = tmux(&["kill-session", "-t", &session]);
    result
}

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().is_some_and(|a| a == "--one") {
        return one(args.skip(1));
    }
    let db = PathBuf::from(args.next().ok_or("usage: memory_bench WORKSPACE [KEY_DIR]")?);
    let keys = args.next();
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let vetdesk = exe
        .parent()
        .and_then(Path::parent)
        .map(|dir| dir.join("vetdesk"))
        .filter(|p| p.exists())
        .ok_or("no vetdesk binary beside the examples folder: run `cargo build --release` first")?;
    let db_arg = db.to_string_lossy().into_owned();
    let mut env = Vec::new();
    if let Some(k) = &keys {
        env.push(("VETDESK_KEY_DIR", k.as_str()));
    }
    let runs: &[(&str, &[&str])] = &[
        ("vetdesk --version (the floor)", &["--version"]),
        ("case list --json (first page of 100)", &["case", "list", "--json"]),
        ("case list --json --offset 0 --ascending (oldest first)", &["case", "list", "--json", "--ascending"]),
        ("case list --all --json --sort risk", &["case", "list", "--all", "--json", "--sort", "risk"]),
        ("search engineer --json (50)", &["search", "engineer", "--json"]),
        ("note search camera --json (50)", &["note", "search", "camera", "--json"]),
        ("audit log --json (50)", &["audit", "log", "--json"]),
        ("roster screen --json (200)", &["roster", "screen", "--json"]),
        ("case show 1 --json", &["case", "show", "1", "--json"]),
        ("links 1 --json", &["links", "1", "--json"]),
        ("links --all --json (every cluster worked out, 100 written)", &["links", "--all", "--json"]),
    ];
    println!("peak resident memory on {}", db.display());
    let mut failed = Vec::new();
    for (what, args) in runs {
        let mut full = vec!["--db", db_arg.as_str()];
        full.extend_from_slice(args);
        let (mib, ok) = peak_of(&vetdesk, &env, &full)?;
        println!("{what:<58} {mib:>8.1} MiB{}", if ok { "" } else { "  (exited non-zero)" });
        if !ok {
            failed.push(*what);
        }
    }
    if Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success()) {
        let mib = workstation_peak(&vetdesk, &db, keys.as_deref())?;
        println!("{:<58} {mib:>8.1} MiB", "workstation: start, G, PageDown, sort, search, open");
    } else {
        println!("workstation: not measured (no tmux)");
    }
    if !failed.is_empty() {
        return Err(format!("exited non-zero: {}", failed.join("; ")));
    }
    Ok(())
}
