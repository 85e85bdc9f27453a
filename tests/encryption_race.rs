//! Other vetdesk commands while `encrypt` or `decrypt` runs: they must neither take the running
//! conversion's copy for one an interrupted run left, nor write anything that the swap then loses.

mod common;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::Env;
use vetdesk::store::swap::{Direction, Hold};

fn pass_file(env: &Env) -> std::path::PathBuf {
    env.file("pass.txt", b"racing passphrase\n")
}

#[test]
fn a_command_started_while_a_conversion_runs_is_refused_and_leaves_its_copy_alone() {
    let env = Env::new();
    env.id(&["case", "new", "Remote backend contractor"]);
    // What a running `encrypt` holds: the workspace, and its copy being written.
    let copy = Direction::Encrypt.copy_path(&env.db);
    let mut hold = Hold::take(&env.db).unwrap();
    hold.create_copy(Direction::Encrypt, &copy).unwrap();
    std::fs::write(&copy, b"being written").unwrap();
    env.refused(
        &["case", "list"],
        "another vetdesk is encrypting or decrypting it; run this again once it has finished",
    );
    env.refused(&["note", "add", "1", "seen"], "another vetdesk is encrypting or decrypting it");
    assert_eq!(std::fs::read(&copy).unwrap(), b"being written", "the running conversion's copy is untouched");
    // Once it stops (here: as if killed), the copy is what an interrupted run left, and is removed.
    drop(hold);
    let out = env.cmd().args(["case", "list"]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("the unfinished copy of an interrupted `vetdesk encrypt`"));
    assert!(!copy.exists());
}

/// What an interrupted `encrypt` left is finished off by the next command however it names the workspace,
/// through a symbolic link too.
#[test]
fn what_an_interrupted_conversion_left_is_finished_off_through_a_symbolic_link() {
    let env = Env::new();
    env.id(&["case", "new", "Remote backend contractor"]);
    // Stopped after the original got its second name and before the swap.
    let copy = Direction::Encrypt.copy_path(&env.db);
    let mut hold = Hold::take(&env.db).unwrap();
    hold.create_copy(Direction::Encrypt, &copy).unwrap();
    std::fs::write(&copy, b"half written").unwrap();
    std::fs::hard_link(&env.db, Direction::Encrypt.old_path(&env.db)).unwrap();
    drop(hold);
    let elsewhere = env.dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let link = elsewhere.join("current.db");
    std::os::unix::fs::symlink(&env.db, &link).unwrap();
    let out = env.cmd().env("VETDESK_DB", &link).args(["case", "list"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("the unfinished copy of an interrupted `vetdesk encrypt`"), "{said}");
    assert!(said.contains("a second name of the workspace"), "{said}");
    let left: Vec<String> = std::fs::read_dir(env.db.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with("-old") || n.ends_with("crypting") || n.ends_with(".converting"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Adds notes to case 1 one command after another until `stop` says so; returns how many were reported
/// added.
fn add_notes_until(env: &Env, pass: &Path, mut stop: impl FnMut() -> bool) -> usize {
    let mut added = 0;
    while !stop() {
        let out = env
            .cmd()
            .env("VETDESK_PASSPHRASE_FILE", pass)
            .args(["note", "add", "1", &format!("racing note {added}")])
            .timeout(Duration::from_secs(30))
            .output()
            .unwrap();
        if out.status.success() {
            added += 1;
        }
    }
    added
}

#[test]
fn notes_written_while_the_workspace_is_encrypted_and_decrypted_are_kept_or_refused() {
    let env = Env::new();
    env.ok(&["demo", "--cases", "300"]);
    let pass = pass_file(&env);
    let mut added = 0;
    let mut converted = 0;
    let mut tries = 0;
    while converted < 4 {
        tries += 1;
        assert!(tries < 300, "the conversions were refused {tries} times");
        let command = if converted % 2 == 0 { "encrypt" } else { "decrypt" };
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vetdesk"))
            .args([command])
            .env("VETDESK_DB", &env.db)
            .env("VETDESK_CONFIG", env.dir.path().join("config.toml"))
            .env("VETDESK_KEY_DIR", env.keys())
            .env("VETDESK_PASSPHRASE_FILE", &pass)
            .env("USER", "ana")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The notes start at varied moments of the conversion: at once, it would most often find one open
        // and refuse (as it must), and never get to the part the notes are meant to overlap.
        std::thread::sleep(Duration::from_millis((tries as u64 * 7) % 40));
        let started = Instant::now();
        let mut status = None;
        added += add_notes_until(&env, &pass, || {
            status = child.try_wait().unwrap();
            status.is_some() || started.elapsed() > Duration::from_secs(60)
        });
        let status = match status {
            Some(s) => s,
            None => child.wait().unwrap(),
        };
        let mut stderr = String::new();
        std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
        if status.success() {
            converted += 1;
        } else {
            // A note being added when it started: it refuses rather than wait.
            assert!(stderr.contains("is open in another vetdesk"), "{command} failed beside the notes: {stderr}");
        }
    }
    let notes = env.ok(&["note", "list", "1"]);
    let kept = notes.lines().filter(|l| l.contains("racing note")).count();
    assert_eq!(kept, added, "every note reported added is in the workspace:\n{notes}");
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
}
