//! The real `vetdesk` binary in a terminal the test opens itself: a pseudo-terminal whose output goes
//! through a terminal emulator (see `common/pty.rs`), so these tests need nothing beyond the Rust
//! toolchain. A case is worked end to end; then what a user's terminal does to a program: a resize
//! storm, a megabyte paste, mouse reports, `NO_COLOR`, another process writing to the workspace, and
//! quitting with `q` and with Ctrl-C, each ending with the terminal handed back as it was. Stopping and
//! continuing (Ctrl-Z, a shell's `fg`, signals from outside) are in `e2e_jobs.rs`.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::Env;
use common::pty::{Terminal, assert_terminal_restored, assert_terminal_taken, key, quit};
use vetdesk::Workspace;
use vetdesk::domain::MarkState;

/// The keystrokes of the workstation's forms and tabs, in one place: when a form changes, only these
/// change. Each step ends when the screen shows the step was taken in.
mod steps {
    use super::common::pty::{Terminal, key};

    /// `n` on the case list: the new-case form.
    pub fn open_new_case_form(t: &mut Terminal) {
        t.keys(b"n");
        t.wait_for("New case");
    }

    /// Fills the open new-case form (title, candidate, the default priority) and saves it.
    pub fn fill_new_case(t: &mut Terminal, title: &str, candidate: &str) {
        t.type_text(title);
        t.keys(key::ENTER);
        t.type_text(candidate);
        t.keys(key::ENTER);
        t.keys(key::ENTER);
        t.wait_for("1 Overview");
    }

    pub fn new_case(t: &mut Terminal, title: &str, candidate: &str) {
        open_new_case_form(t);
        fill_new_case(t, title, candidate);
    }

    /// Flags the red flag `down` rows below the first, on the red flags tab.
    pub fn flag_red_flag(t: &mut Terminal, down: usize) {
        t.keys(b"2");
        t.wait_for("RF-ID-01");
        t.keys("j".repeat(down).as_bytes());
        t.keys(b"f");
    }

    /// Attaches the one file whose path starts with `partial` (Tab completes it) to `items`.
    pub fn attach_evidence(t: &mut Terminal, partial: &str, completed_name: &str, description: &str, items: &str) {
        t.keys(b"4");
        t.keys(b"a");
        t.wait_for("Attach evidence");
        t.type_text(partial);
        t.keys(key::TAB);
        t.wait_for(completed_name);
        t.keys(key::ENTER);
        t.type_text(description);
        t.keys(key::ENTER);
        t.type_text(items);
        t.keys(key::ENTER);
        t.wait_for("yes compares it with other cases' resumes");
        t.keys(key::ENTER);
    }

    /// Opens the note editor on the notes tab.
    pub fn open_note_form(t: &mut Terminal) {
        t.keys(b"5");
        t.keys(b"a");
        t.wait_for("New note");
    }

    /// Saves the open note editor.
    pub fn save_note(t: &mut Terminal) {
        t.keys(key::CTRL_S);
    }

    /// Exports the IC3-ready summary to the default file name.
    pub fn export_report(t: &mut Terminal) {
        t.keys(b"7");
        t.wait_for("IC3-ready summary");
        t.keys(b"w");
        t.wait_for("Export the IC3-ready summary");
        t.keys(key::ENTER);
    }

    /// From a case, back to the case list.
    pub fn back_to_list(t: &mut Terminal) {
        t.keys(b"q");
        t.wait_for("Cases ·");
    }
}

fn open_workspace(env: &Env) -> Workspace {
    Workspace::open(&env.db, "check", vetdesk::signing::Keyring::open(&env.keys())).unwrap()
}

#[test]
fn a_case_is_worked_end_to_end_in_a_real_terminal() {
    let env = Env::new();
    let evidence = env.file("interview notes – Jordan.txt", b"camera stayed off\n");

    let mut t = Terminal::open(&env, 30, 100);
    t.wait_for("no cases yet");
    steps::new_case(&mut t, "Backend engineer — Zoë", "Jordan Lee");
    steps::flag_red_flag(&mut t, 1);
    t.wait_for("1 flagged");
    let partial = format!("{}/interview", env.dir.path().display());
    steps::attach_evidence(&mut t, &partial, "Jordan.txt", "Interview notes", "RF-INT-01");
    t.wait_for("attached evidence #1");
    steps::export_report(&mut t);
    t.wait_for("wrote case-1.md");
    steps::back_to_list(&mut t);
    quit(&mut t);

    let ws = open_workspace(&env);
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
    let export = env.dir.path().join("case-1.md");
    let text = std::fs::read_to_string(&export).unwrap();
    assert!(text.contains("# IC3-ready summary: case #1"));
    assert!(text.contains("Jordan Lee"));
    // The record was checked on a worker thread before the summary was written.
    assert!(text.contains("> **Record**: audit chain verified: "), "{text}");
    assert_eq!(std::fs::metadata(&export).unwrap().permissions().mode() & 0o777, 0o600);
}

/// The case list fills a `rows`×`cols` screen exactly: its box from the first row to the row above the
/// status bar, corner to corner, and no trace of the too-small notice.
fn list_fills(s: &vt100::Screen, rows: u16, cols: u16) -> bool {
    let at = |r: u16, c: u16| s.cell(r, c).map(|cell| cell.contents().to_string()).unwrap_or_default();
    s.size() == (rows.try_into().unwrap(), cols.try_into().unwrap())
        && at(0, 0) == "┌"
        && at(0, cols - 1) == "┐"
        && at(rows - 2, 0) == "└"
        && at(rows - 2, cols - 1) == "┘"
        && s.contents().contains("Cases · 1")
        && s.contents().contains("#1")
        && !s.contents().contains("needs at least")
}

#[test]
fn a_resize_storm_down_to_one_cell_leaves_a_correct_screen() {
    let env = Env::new();
    env.ok(&["case", "new", "Resize storm", "--subject", "Jordan Lee"]);
    let mut t = Terminal::open(&env, 30, 100);
    t.wait_until("the case list at 100×30", |s| list_fills(s, 30, 100));

    // A window dragged about: sizes arrive faster than the program draws, and end where they began.
    let sizes = [(1, 1), (24, 80), (2, 200), (200, 2), (15, 60), (14, 59), (48, 160), (1, 1), (5, 5), (60, 240)];
    for _ in 0..10 {
        for (rows, cols) in sizes {
            t.resize(rows, cols);
        }
    }
    t.resize(30, 100);
    t.wait_until("the case list redrawn whole at 100×30 after the storm", |s| list_fills(s, 30, 100));
    assert!(t.running(), "vetdesk ended during the storm");

    // The same while the program cannot read (stopped): the sizes reach it as one, the size it last
    // drew at, and the screen must still be drawn again whole.
    t.while_stopped(|t| {
        for (rows, cols) in sizes {
            t.resize(rows, cols);
        }
        t.resize(30, 100);
    });
    t.wait_until("the case list redrawn whole at 100×30 after a storm it slept through", |s| list_fills(s, 30, 100));

    // Each size held until it is drawn: the notice below the minimum, one cell, then 80×24.
    t.resize(10, 40);
    t.wait_for("40×10");
    t.resize(1, 1);
    t.wait_until("a 1×1 screen", |s| s.contents() == "v");
    t.resize(24, 80);
    t.wait_until("the case list at 80×24", |s| list_fills(s, 24, 80));

    // Still working: open the case, come back, quit.
    t.keys(key::ENTER);
    t.wait_for("1 Overview");
    steps::back_to_list(&mut t);
    quit(&mut t);
}

#[test]
fn a_megabyte_paste_is_refused_whole_by_a_line_and_kept_whole_by_a_note() {
    let env = Env::new();
    let mut t = Terminal::open(&env, 30, 100);
    t.wait_for("no cases yet");
    assert_terminal_taken(&t);

    // A title is one line of at most 4096 characters: a megabyte is refused with the reason, nothing cut.
    steps::open_new_case_form(&mut t);
    t.paste(&"x".repeat(1 << 20));
    t.wait_for("paste refused");
    steps::fill_new_case(&mut t, "After the paste", "Jordan Lee");

    // A note takes up to 1 MiB: a 1 MB transcript goes in and is saved as pasted.
    let transcript: String =
        (1..=15_874).map(|n| format!("{n:05} a line of a pasted interview transcript, sixty-odd chars\n")).collect();
    assert!(transcript.len() >= 1_000_000, "{}", transcript.len());
    steps::open_note_form(&mut t);
    t.paste(&transcript);
    t.wait_for("15874 a line of a pasted");
    steps::save_note(&mut t);
    t.wait_for("00001 a line of a pasted");
    steps::back_to_list(&mut t);
    quit(&mut t);

    let ws = open_workspace(&env);
    assert_eq!(ws.case(1).unwrap().title, "After the paste");
    let notes = ws.notes(1, 10, 0).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].body, transcript.trim_end());
    assert!(ws.verify_audit().unwrap().holds());
}

/// Keys typed faster than the workstation reads them (a burst of several kilobytes, as a text expander or a
/// barcode reader types, with Ctrl-S at its end) are all taken in at once: none waits in the terminal
/// for the next key to be pressed.
#[test]
fn a_burst_of_typed_keys_is_taken_in_whole_without_another_key() {
    let env = Env::new();
    let mut t = Terminal::open(&env, 30, 100);
    t.wait_for("no cases yet");
    steps::new_case(&mut t, "Burst", "Jordan Lee");
    steps::open_note_form(&mut t);
    let text: String = (0..120).map(|n| format!("word{n:03} of a typed burst ")).collect();
    assert!(text.len() > 2_500, "{}", text.len());
    let mut burst = text.clone().into_bytes();
    burst.extend_from_slice(key::CTRL_S);
    t.keys(&burst);
    t.wait_for("Notes · 1");
    steps::back_to_list(&mut t);
    quit(&mut t);
    let ws = open_workspace(&env);
    assert_eq!(ws.notes(1, 10, 0).unwrap()[0].body, text.trim_end());
}

/// The SGR parameters in `output` that set a colour (foreground, background, 256-colour or RGB);
/// resets to the terminal's own colours (39, 49) are not colours.
fn colour_codes(output: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(output);
    let mut found = Vec::new();
    for sequence in text.split("\x1b[").skip(1) {
        let Some(end) = sequence.find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':')) else { continue };
        if !sequence[end..].starts_with('m') {
            continue;
        }
        for param in sequence[..end].split(';') {
            let n: u32 = param.split(':').next().unwrap_or("").parse().unwrap_or(0);
            if matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107) {
                found.push(format!("\\e[{}m", &sequence[..end]));
            }
        }
    }
    found
}

/// Every cell on the screen in the terminal's own colours.
fn all_default_colours(t: &Terminal) -> Result<(), String> {
    t.with_screen(|s| {
        let (rows, cols) = s.size();
        for row in 0..rows.get() {
            for col in 0..cols.get() {
                let cell = s.cell(row, col).unwrap();
                if cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default {
                    return Err(format!("cell ({row}, {col}) {:?} is coloured", cell.contents()));
                }
            }
        }
        Ok(())
    })
}

#[test]
fn no_color_draws_no_colour_and_keeps_the_selection_in_reverse_video() {
    let env = Env::new();
    env.ok(&["case", "new", "Colourless", "--subject", "Jordan Lee"]);
    env.ok(&["check", "set", "1", "RF-ID-01", "flagged"]);
    let mut t = Terminal::open_with(&env, 24, 80, &[("NO_COLOR", "1")]);
    t.wait_for("Cases · 1");
    assert!(t.is_inverse("#1"), "the selected case is in reverse video:\n{}", t.screen());
    all_default_colours(&t).unwrap();

    t.keys(key::ENTER);
    t.wait_for("1 Overview");
    all_default_colours(&t).unwrap();
    t.keys(b"2");
    t.wait_for("RF-ID-02");
    assert!(t.is_inverse("RF-ID-01"), "the selected red flag is in reverse video:\n{}", t.screen());
    assert!(!t.is_inverse("RF-ID-02"));
    all_default_colours(&t).unwrap();
    t.keys(b"7");
    t.wait_for("IC3-ready summary");
    all_default_colours(&t).unwrap();
    steps::back_to_list(&mut t);
    quit(&mut t);

    let codes = colour_codes(&t.output());
    assert!(codes.is_empty(), "colour sequences written under NO_COLOR: {codes:?}");
}

#[test]
fn the_mouse_selects_opens_and_scrolls() {
    let env = Env::new();
    for title in ["Mouse one", "Mouse two", "Mouse three"] {
        env.ok(&["case", "new", title]);
    }
    let mut t = Terminal::open(&env, 30, 100);
    t.wait_for("Mouse three");
    // With colour, the selection is a coloured bar, not reverse video: the newest case first.
    let selected_bg = |t: &Terminal, text: &str| {
        let (row, col) = t.find(text).unwrap();
        t.with_screen(|s| s.cell(row, col).unwrap().bgcolor())
    };
    assert_ne!(selected_bg(&t, "Mouse three"), vt100::Color::Default);
    assert_eq!(selected_bg(&t, "Mouse one"), vt100::Color::Default);
    assert!(all_default_colours(&t).is_err(), "the colour checks can fail");
    assert!(!colour_codes(&t.output()).is_empty(), "the colour sequence checks can fail");

    // A click selects the row, a second click on it opens the case.
    let (row, col) = t.find("Mouse one").unwrap();
    t.click(col, row);
    t.wait_until("the clicked row selected", |s| s.cell(row, col).unwrap().bgcolor() != vt100::Color::Default);
    assert_eq!(selected_bg(&t, "Mouse three"), vt100::Color::Default);
    t.click(col, row);
    t.wait_for("#1 Mouse one");

    // A click on a tab opens it; the wheel moves the selection three rows.
    let (row, col) = t.find("2 Red flags").unwrap();
    t.click(col + 2, row);
    t.wait_for("RF-ID-01");
    let (row, col) = t.find("RF-ID-04").unwrap();
    t.wheel(col, row, true);
    t.wait_until("RF-ID-04 selected by the wheel", |s| s.cell(row, col).unwrap().bgcolor() != vt100::Color::Default);
    steps::back_to_list(&mut t);
    quit(&mut t);
}

#[test]
fn another_process_writes_while_the_workstation_is_open() {
    let env = Env::new();
    env.ok(&["case", "new", "Shared workspace", "--subject", "Jordan Lee"]);
    let mut t = Terminal::open(&env, 30, 100);
    t.wait_for("Shared workspace");
    t.keys(key::ENTER);
    t.wait_for("1 Overview");
    t.keys(b"5");
    t.wait_for("5 Notes");

    // The CLI writes while the case is on screen: the note shows without a key pressed.
    env.ok(&["note", "add", "1", "Laptop delivery address changed the day after the offer."]);
    t.wait_for("Laptop delivery address changed");

    // And while a form is open: the form keeps its text, both notes are kept.
    steps::open_note_form(&mut t);
    t.type_text("Camera off in all three interviews.");
    env.ok(&["check", "set", "1", "RF-INT-01", "flagged", "--note", "seen by a colleague"]);
    steps::save_note(&mut t);
    t.wait_for("Camera off in all three interviews.");
    t.wait_for("1 red flag,");

    // The workstation keeps working on the changed workspace.
    steps::flag_red_flag(&mut t, 0);
    t.wait_for("2 red flags,");
    steps::back_to_list(&mut t);
    quit(&mut t);

    let ws = open_workspace(&env);
    let notes: Vec<String> = ws.notes(1, 10, 0).unwrap().into_iter().map(|n| n.body).collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes.contains(&"Laptop delivery address changed the day after the offer.".to_string()));
    assert!(notes.contains(&"Camera off in all three interviews.".to_string()));
    let flagged: Vec<String> = ws
        .checklist(1)
        .unwrap()
        .into_iter()
        .filter(|e| e.state == MarkState::Flagged)
        .map(|e| e.item.code.to_string())
        .collect();
    assert_eq!(flagged, ["RF-ID-01", "RF-INT-01"]);
    assert!(ws.verify_audit().unwrap().holds());
}

/// The row of case `id` on the case list, as the screen shows it.
fn case_row(s: &vt100::Screen, id: u32) -> Option<String> {
    s.contents().lines().find(|l| l.contains(&format!("│#{id} "))).map(str::to_string)
}

#[test]
fn link_markers_come_to_the_rows_without_a_key_pressed() {
    let env = Env::new();
    env.ok(&["case", "new", "First"]);
    env.ok(&["case", "new", "Second"]);
    env.ok(&["case", "new", "Third"]);
    env.ok(&["ident", "add", "1", "phone", "+1 (202) 555-0143"]);
    env.ok(&["ident", "add", "2", "phone", "+1 202 555 0143"]);
    let mut t = Terminal::open(&env, 30, 100);
    t.wait_until("cases #1 and #2 marked", |s| {
        [1, 2].iter().all(|&id| case_row(s, id).is_some_and(|r| r.contains('↔')))
    });
    assert!(t.with_screen(|s| case_row(s, 3)).is_some_and(|r| !r.contains('↔')));
    // Another process links the third case: its row gets the marker, again without a key.
    env.ok(&["ident", "add", "3", "phone", "+12025550143"]);
    t.wait_until("case #3 marked", |s| case_row(s, 3).is_some_and(|r| r.contains('↔')));
    quit(&mut t);
}

#[test]
fn q_quits_with_status_zero_and_restores_the_terminal() {
    let env = Env::new();
    env.ok(&["case", "new", "Quitting"]);
    let mut t = Terminal::open(&env, 24, 80);
    t.wait_for("Cases · 1");
    assert_terminal_taken(&t);
    t.keys(key::ENTER);
    t.wait_for("1 Overview");
    // From a case `q` goes back; from the list it quits.
    steps::back_to_list(&mut t);
    quit(&mut t);
}

/// After a search (which runs on a worker thread with a connection of its own), quitting closes every
/// connection: the write-ahead log is folded back and removed, so the workspace file alone holds every
/// change, as a copy of it must.
#[test]
fn after_a_search_quitting_leaves_the_workspace_file_whole() {
    let env = Env::new();
    env.ok(&["case", "new", "Searched for"]);
    let mut t = Terminal::open(&env, 24, 80);
    t.wait_for("Cases · 1");
    t.keys(key::ENTER);
    t.wait_for("1 Overview");
    steps::flag_red_flag(&mut t, 0);
    t.wait_for("flagged");
    steps::back_to_list(&mut t);
    t.keys(b"/Searched");
    t.wait_for("matching \"Searched\"");
    t.keys(key::ESC);
    t.wait_until("the search line closed", |s| !s.contents().contains("matching"));
    quit(&mut t);
    for side in ["-wal", "-shm"] {
        let path = std::path::PathBuf::from(format!("{}{side}", env.db.display()));
        assert!(!path.exists(), "{} was left behind", path.display());
    }
    let copy = env.dir.path().join("copy.db");
    std::fs::copy(&env.db, &copy).unwrap();
    let conn = rusqlite::Connection::open(&copy).unwrap();
    let flagged: i64 = conn.query_row("SELECT count(*) FROM mark WHERE state = 'flagged'", [], |r| r.get(0)).unwrap();
    assert_eq!(flagged, 1, "the copy of the file lacks the flag");
}

#[test]
fn ctrl_c_quits_with_status_zero_and_restores_the_terminal() {
    let env = Env::new();
    env.ok(&["case", "new", "Interrupted"]);
    let mut t = Terminal::open(&env, 24, 80);
    t.wait_for("Cases · 1");
    t.keys(key::ENTER);
    t.wait_for("1 Overview");
    assert_terminal_taken(&t);
    // In raw mode Ctrl-C is a key, not a signal: the workstation quits from wherever it is.
    t.keys(key::CTRL_C);
    let status = t.wait_exit();
    assert!(status.success(), "vetdesk exited with {status}; screen:\n{}", t.screen());
    assert_terminal_restored(&t);
}

/// Ended from outside (`kill`, Ctrl-\\ or Ctrl-C sent to it), the workstation still hands the terminal back
/// as it was and ends as the signal would have ended it.
#[test]
fn a_signal_from_outside_ends_the_workstation_with_the_terminal_restored() {
    use nix::sys::signal::Signal;
    let env = Env::new();
    for (signal, code) in [(Signal::SIGTERM, 143), (Signal::SIGQUIT, 131), (Signal::SIGINT, 130)] {
        let mut t = Terminal::open(&env, 24, 80);
        t.wait_for("no cases yet");
        assert_terminal_taken(&t);
        t.signal(signal);
        let status = t.wait_exit();
        assert_eq!(status.exit_code(), code, "{signal}: {status}; screen:\n{}", t.screen());
        assert_terminal_restored(&t);
    }
    assert!(open_workspace(&env).verify_audit().unwrap().holds());
}
