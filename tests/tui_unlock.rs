//! The workstation asks for an encrypted workspace's passphrase on its own screen, shows what is typed as
//! dots, and after three wrong passphrases returns to the shell (exit 2) with the terminal restored.

mod common;

use std::path::Path;

use common::Env;
use common::pty::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use vetdesk::tui::Theme;
use vetdesk::tui::unlock::{Prompt, draw};

const PASSPHRASE: &str = "sea otter lantern";

fn screen(prompt: &Prompt) -> String {
    let theme = Theme::named("dark", false).unwrap();
    let mut terminal = ratatui::Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| draw(prompt, &theme, f)).unwrap();
    terminal.backend().to_string()
}

fn type_into(prompt: &mut Prompt, text: &str) {
    for c in text.chars() {
        assert_eq!(prompt.key(KeyCode::Char(c), KeyModifiers::NONE), None);
    }
}

#[test]
fn the_prompt_masks_what_is_typed_and_counts_wrong_tries() {
    let mut prompt = Prompt::new(Path::new("/media/usb/client-a.db"));
    type_into(&mut prompt, "hunter2");
    prompt.wrong = 1;
    let shown = screen(&prompt);
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(shown.contains("•••••••"), "{shown}");
    assert!(shown.contains("Wrong passphrase: 2 tries left."), "{shown}");
    insta::assert_snapshot!("unlock_prompt_80x24", shown);

    assert_eq!(prompt.key(KeyCode::Backspace, KeyModifiers::NONE), None);
    let shown = screen(&prompt);
    assert!(shown.contains("••••••▏") && !shown.contains("•••••••"), "one dot fewer: {shown}");
    assert_eq!(prompt.key(KeyCode::Enter, KeyModifiers::NONE), Some(true));
    assert!(prompt.take().is_some());
    assert_eq!(prompt.key(KeyCode::Enter, KeyModifiers::NONE), None, "nothing typed: nothing to try");
    assert_eq!(prompt.key(KeyCode::Esc, KeyModifiers::NONE), Some(false));
}

fn encrypted_env() -> Env {
    let env = Env::new();
    env.id(&["case", "new", "Contractor with a rented laptop"]);
    let pass = env.file("pass.txt", format!("{PASSPHRASE}\n").as_bytes());
    env.cmd().env("VETDESK_PASSPHRASE_FILE", &pass).arg("encrypt").assert().success();
    env
}

#[test]
fn the_workstation_opens_with_the_right_passphrase() {
    let env = encrypted_env();
    let mut term = Terminal::open(&env, 24, 80);
    term.wait_for("Passphrase:");
    term.type_text("wrong guess");
    term.keys(b"\r");
    term.wait_for("Wrong passphrase: 2 tries left.");
    term.type_text(PASSPHRASE);
    let screen = term.screen();
    assert!(!screen.contains(PASSPHRASE), "{screen}");
    term.keys(b"\r");
    term.wait_for("Cases · 1");
    assert!(term.screen().contains("Contractor with a rented"));
    term.keys(b"q");
    assert!(term.wait_exit().success());
    assert!(term.cooked(), "terminal restored");
}

#[test]
fn three_wrong_passphrases_return_to_the_shell_with_exit_2() {
    let env = encrypted_env();
    let bytes = std::fs::read(&env.db).unwrap();
    let mut term = Terminal::open(&env, 24, 80);
    term.wait_for("Passphrase:");
    for (n, left) in [(1, "2 tries left"), (2, "1 try left")] {
        term.type_text(&format!("guess {n}"));
        term.keys(b"\r");
        term.wait_for(left);
    }
    term.type_text("guess 3");
    term.keys(b"\r");
    let status = term.wait_exit();
    assert_eq!(status.exit_code(), 2);
    assert!(term.cooked(), "terminal restored");
    let output = String::from_utf8_lossy(&term.output()).into_owned();
    assert!(output.contains("\u{1b}[?1049l"), "the alternate screen is left");
    assert!(output.contains("vetdesk: wrong passphrase for "), "{output}");
    assert!(!output.contains("hmac"), "nothing from SQLCipher's log on the screen");
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes, "nothing changed");
}
