//! Ctrl-C in the real binary in a real terminal (tmux): it quits from inside a case, and the terminal is
//! handed back in the state it was found (cooked mode, echo, the main screen).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux session running a shell that starts vetdesk, then reports the terminal's modes.
struct Session(String);

impl Session {
    fn start(dir: &Path) -> Session {
        let name = format!("vetdesk-quit-{}", std::process::id());
        let script = format!(
            "VETDESK_DB='{db}' VETDESK_CONFIG='{dir}/config.toml' VETDESK_KEY_DIR='{dir}/keys' USER=ana '{bin}'; \
             echo \"vetdesk exited $?\"; echo \"modes $(stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' ')\"; \
             echo 'terminal-modes-reported'; sleep 30",
            db = dir.join("ws.db").display(),
            dir = dir.display(),
            bin = env!("CARGO_BIN_EXE_vetdesk"),
        );
        let status = Command::new("tmux")
            .args(["new-session", "-d", "-s", &name, "-x", "80", "-y", "24", "sh", "-c", &script])
            .status()
            .expect("tmux must be installed for this test (.ci/run installs it)");
        assert!(status.success());
        Session(name)
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux").args(["capture-pane", "-p", "-t", &self.0]).output().unwrap();
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
            assert!(Command::new("tmux").args(["send-keys", "-t", &self.0, k]).status().unwrap().success());
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

impl Session {
    fn type_text(&self, text: &str) {
        assert!(Command::new("tmux").args(["send-keys", "-t", &self.0, "-l", text]).status().unwrap().success());
        std::thread::sleep(Duration::from_millis(30));
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["kill-session", "-t", &self.0]).status();
    }
}

#[test]
fn ctrl_c_quits_from_a_case_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::start(dir.path());
    session.wait_for("no cases yet");
    session.keys(&["n"]);
    session.wait_for("New case");
    session.type_text("Quit test");
    session.keys(&["Enter", "Enter", "Enter"]);
    session.wait_for("1 Overview");
    session.keys(&["C-c"]);
    let screen = session.wait_for("terminal-modes-reported");
    assert!(screen.contains("vetdesk exited 0"), "a clean exit:\n{screen}");
    assert!(!screen.contains("1 Overview"), "the workstation's screen is gone (alternate screen left):\n{screen}");
    let modes = screen.lines().find(|l| l.starts_with("modes ")).unwrap_or_default();
    assert!(modes.split_whitespace().any(|m| m == "icanon"), "cooked mode is back: {modes:?}\n{screen}");
    assert!(modes.split_whitespace().any(|m| m == "echo"), "echo is back: {modes:?}\n{screen}");
}
