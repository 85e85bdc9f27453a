//! The real binary in a real terminal (tmux): open a case, flag a red flag, attach evidence, export the
//! report, quit; then check the workspace and the export. `.ci/run` installs tmux when it is missing.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use vetdesk::Workspace;
use vetdesk::domain::MarkState;

struct Tmux {
    session: String,
}

impl Tmux {
    fn start(dir: &Path, db: &Path) -> Tmux {
        let session = format!("vetdesk-e2e-{}", std::process::id());
        let command = format!(
            "VETDESK_DB='{}' VETDESK_CONFIG='{}' VETDESK_KEY_DIR='{}' USER=ana '{}'",
            db.display(),
            dir.join("config.toml").display(),
            db.with_extension("keys").display(),
            env!("CARGO_BIN_EXE_vetdesk")
        );
        let status = Command::new("tmux")
            .args(["new-session", "-d", "-s", &session, "-x", "100", "-y", "30", "-c"])
            .arg(dir)
            .arg(command)
            .status()
            .expect("tmux must be installed for this test (.ci/run installs it)");
        assert!(status.success());
        Tmux { session }
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux").args(["capture-pane", "-p", "-t", &self.session]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn wait_for(&self, text: &str) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(started.elapsed() < Duration::from_secs(20), "waited for {text:?}; screen:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            let status = Command::new("tmux").args(["send-keys", "-t", &self.session, k]).status().unwrap();
            assert!(status.success());
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn type_text(&self, text: &str) {
        Command::new("tmux").args(["send-keys", "-t", &self.session, "-l", text]).status().unwrap();
        std::thread::sleep(Duration::from_millis(30));
    }

    fn running(&self) -> bool {
        Command::new("tmux").args(["has-session", "-t", &self.session]).status().is_ok_and(|s| s.success())
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["kill-session", "-t", &self.session]).status();
    }
}

#[test]
fn a_case_is_worked_end_to_end_in_the_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let evidence = dir.path().join("interview notes – Jordan.txt");
    std::fs::write(&evidence, "camera stayed off\n").unwrap();

    let tmux = Tmux::start(dir.path(), &db);
    tmux.wait_for("no cases yet");

    tmux.keys(&["n"]);
    tmux.wait_for("New case");
    tmux.type_text("Backend engineer — Zoë");
    tmux.keys(&["Enter"]);
    tmux.type_text("Jordan Lee");
    tmux.keys(&["Enter", "Enter"]);
    tmux.wait_for("1 Overview");

    tmux.keys(&["2", "j", "f"]);
    tmux.wait_for("1 flagged");

    tmux.keys(&["4", "a"]);
    tmux.wait_for("Attach evidence");
    tmux.type_text(&format!("{}/interview", dir.path().display()));
    tmux.keys(&["Tab"]);
    tmux.keys(&["Enter"]);
    tmux.type_text("Interview notes");
    tmux.keys(&["Enter"]);
    tmux.type_text("RF-INT-01");
    tmux.keys(&["Enter"]);
    tmux.wait_for("yes compares it with other cases' resumes");
    tmux.keys(&["Enter"]);
    tmux.wait_for("attached evidence #1");

    tmux.keys(&["7"]);
    tmux.wait_for("IC3-ready summary");
    tmux.keys(&["w"]);
    tmux.wait_for("Export the IC3-ready summary");
    tmux.keys(&["Enter"]);
    tmux.wait_for("wrote case-1.md");

    tmux.keys(&["q", "q"]);
    let started = Instant::now();
    while tmux.running() && started.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(50));
    }

    let ws = Workspace::open(&db, "check", common::keys_beside(&db)).unwrap();
    let case = ws.case(1).unwrap();
    assert_eq!(case.title, "Backend engineer — Zoë");
    assert_eq!(ws.subjects(1).unwrap()[0].name, "Jordan Lee");
    let flagged: Vec<_> = ws.checklist(1).unwrap().into_iter().filter(|e| e.state == MarkState::Flagged).collect();
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0].item.code, "RF-ID-02");
    let files = ws.evidence(1).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].path, std::fs::canonicalize(&evidence).unwrap().to_str().unwrap());
    assert_eq!(files[0].items, ["RF-INT-01"]);
    assert!(ws.verify_audit().unwrap().holds());
    let export = dir.path().join("case-1.md");
    let text = std::fs::read_to_string(&export).unwrap();
    assert!(text.contains("# IC3-ready summary: case #1"));
    assert!(text.contains("Jordan Lee"));
    // The record was checked on a worker thread before the summary was written.
    assert!(text.contains("> **Record**: audit chain verified: "), "{text}");
    assert_eq!(std::fs::metadata(&export).unwrap().permissions().mode() & 0o777, 0o600);
}
