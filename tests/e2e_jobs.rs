//! Job control with the real `vetdesk` binary in a pseudo-terminal (see `common/pty.rs`): Ctrl-Z and
//! SIGTSTP from outside hand the terminal back to the shell that started the workstation before it stops,
//! a shell's `fg` brings it back drawn whole, and where no shell could bring it back nothing is stopped.

mod common;

use common::Env;
use common::pty::{Terminal, assert_terminal_restored, assert_terminal_taken, key, quit};

/// An interactive shell in a 24×80 terminal that started the workstation on `env`'s one case, as a job.
fn started_from_a_shell(env: &Env) -> Terminal {
    let mut t = Terminal::open_shell(env, 24, 80);
    t.wait_for("shell$");
    t.type_text("\"$VETDESK\"\r");
    t.wait_for("Cases · 1");
    assert_terminal_taken(&t);
    t
}

/// The shell prompts again with the workstation stopped as a job, the terminal handed back as it was.
fn stopped_at_the_shell(t: &Terminal) {
    t.wait_until("the shell's prompt again, the job stopped", |s| {
        !s.alternate_screen() && s.contents().contains("Stopped")
    });
    assert_terminal_restored(t);
}

/// After quitting the workstation: the shell prompts again only once it has ended, its terminal handed
/// back whole (the main screen comes back a moment before the cursor does); then the shell exits.
fn back_at_the_shell_after_quitting(t: &mut Terminal) {
    t.wait_until("the shell's third prompt, after the workstation quit", |s| {
        !s.alternate_screen() && s.contents().matches("shell$").count() >= 3
    });
    assert_terminal_restored(t);
    t.type_text("exit\r");
    t.wait_exit();
}

/// Ctrl-Z hands the terminal back to the shell that started the workstation, which stops it as a job;
/// `fg` brings it back with the whole screen drawn again, on the screen it was on.
#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_brings_the_workstation_back() {
    let env = Env::new();
    env.ok(&["case", "new", "Suspended"]);
    let mut t = started_from_a_shell(&env);
    t.keys(key::ENTER);
    t.wait_for("1 Overview");
    t.keys(key::CTRL_Z);
    stopped_at_the_shell(&t);
    t.type_text("fg\r");
    t.wait_until("the workstation drawn again, on the case it showed", |s| {
        s.alternate_screen() && s.contents().contains("1 Overview") && s.contents().contains("Suspended")
    });
    assert_terminal_taken(&t);
    // In a form, Ctrl-Z is the field's own: it takes back a cleared field (Ctrl-U) and suspends nothing.
    t.keys(key::ESC);
    t.wait_for("Cases · 1");
    t.keys(b"n");
    t.wait_for("New case");
    t.type_text("Half typed");
    t.wait_for("Half typed");
    t.keys(b"\x15");
    t.wait_until("the field cleared", |s| !s.contents().contains("Half typed"));
    t.keys(key::CTRL_Z);
    t.wait_for("Half typed");
    assert_terminal_taken(&t);
    t.keys(key::CTRL_C);
    t.keys(key::CTRL_C);
    back_at_the_shell_after_quitting(&mut t);
}

/// SIGTSTP sent from outside (`kill -TSTP` from another terminal) stops the workstation as Ctrl-Z does:
/// the terminal is handed back to the shell first, not left in raw mode on the alternate screen until `fg`.
#[test]
fn a_stop_signal_from_outside_hands_the_terminal_back_before_stopping() {
    let env = Env::new();
    env.ok(&["case", "new", "Stopped by signal"]);
    let mut t = started_from_a_shell(&env);
    t.signal_foreground(nix::sys::signal::Signal::SIGTSTP);
    stopped_at_the_shell(&t);
    t.type_text("fg\r");
    t.wait_until("the workstation drawn again", |s| {
        s.alternate_screen() && s.contents().contains("Stopped by signal") && s.contents().contains("Cases · 1")
    });
    assert_terminal_taken(&t);
    t.keys(b"q");
    back_at_the_shell_after_quitting(&mut t);
}

/// Started straight in a terminal, with no shell to bring it back, Ctrl-Z stops nothing and says so; nor
/// does SIGTSTP from outside.
#[test]
fn ctrl_z_without_a_shell_to_return_to_stops_nothing_and_says_so() {
    let env = Env::new();
    let mut t = Terminal::open(&env, 24, 80);
    t.wait_for("no cases yet");
    t.keys(key::CTRL_Z);
    t.wait_for("Ctrl-Z: no shell started vetdesk here");
    assert_terminal_taken(&t);
    t.signal(nix::sys::signal::Signal::SIGTSTP);
    t.wait_for("a stop signal (SIGTSTP) came: no shell");
    assert_terminal_taken(&t);
    quit(&mut t);
}

/// Started by a script run without job control (`sh -c`, as a terminal multiplexer runs the command it is
/// given), Ctrl-Z stops nothing either: stopped, nothing could continue it. Started by a script an
/// interactive shell runs, Ctrl-Z stops the script's whole job, which the shell then reports stopped and
/// `fg` brings back.
#[test]
fn ctrl_z_under_a_script_stops_the_job_only_where_a_shell_can_continue_it() {
    let env = Env::new();
    let mut t = Terminal::open_script(&env, 24, 80, "\"$VETDESK\"; echo EXITED $?");
    t.wait_for("no cases yet");
    t.keys(key::CTRL_Z);
    t.wait_for("Ctrl-Z: no shell started vetdesk here");
    assert_terminal_taken(&t);
    t.keys(b"?");
    t.wait_for("Keys");
    t.keys(key::ESC);
    t.wait_until("the help closed", |s| !s.contents().contains("Keys"));
    quit(&mut t);
    assert!(t.screen().contains("EXITED 0"), "{}", t.screen());

    let mut t = Terminal::open_shell(&env, 24, 80);
    t.wait_for("shell$");
    t.type_text("sh -c '\"$VETDESK\"; echo SCRIPT DONE'\r");
    t.wait_for("no cases yet");
    t.keys(key::CTRL_Z);
    stopped_at_the_shell(&t);
    t.type_text("fg\r");
    t.wait_until("the workstation back", |s| s.alternate_screen() && s.contents().contains("no cases yet"));
    assert_terminal_taken(&t);
    t.keys(b"q");
    t.wait_for("SCRIPT DONE");
    back_at_the_shell_after_quitting(&mut t);
}

/// Stopped from outside and continued (`kill -STOP`, then `-CONT`, or a shell's `fg`), the workstation takes
/// the terminal again and draws the whole screen over whatever was written meanwhile.
#[test]
fn continued_after_a_stop_from_outside_the_workstation_draws_the_whole_screen_again() {
    let env = Env::new();
    env.ok(&["case", "new", "Stopped from outside"]);
    let mut t = Terminal::open(&env, 24, 80);
    t.wait_for("Cases · 1");
    // Meanwhile a shell writes over the screen and puts the terminal back in cooked mode.
    t.while_stopped(|t| {
        t.scribble(b"\x1b[2J\x1b[Hshell$ jobs");
        t.make_cooked();
    });
    t.wait_until("the workstation drawn again over what was written meanwhile", |s| {
        s.contents().contains("Stopped from outside") && !s.contents().contains("shell$ jobs")
    });
    assert_terminal_taken(&t);
    t.wait_until("raw mode again: keys reach the workstation one at a time", |_| !t.cooked());
    t.keys(b"?");
    t.wait_for("Keys");
    t.keys(key::ESC);
    t.wait_until("the help closed", |s| !s.contents().contains("Keys"));
    quit(&mut t);
}
