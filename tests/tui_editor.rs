//! The note editor as an investigator types in it: line feeds and tabs that arrive as keys (typed, or a
//! paste the terminal does not mark as one), moving through wrapped rows and by the screenful, and the
//! marks that say text is scrolled out of view. Every note is read back from the workspace byte for byte.

mod common;

use common::tui_app::{ctrl, key, keys, render, sample_app};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use vetdesk::tui::App;
use vetdesk::tui::app::Overlay;
use vetdesk::tui::update::handle_event;

/// The note editor of case #1, empty.
fn editor() -> App {
    let mut app = sample_app();
    app.open_case(1).unwrap();
    keys(&mut app, "5a");
    assert!(matches!(app.overlay, Some(Overlay::Form(_))), "the note editor is open: {:?}", app.message);
    app
}

fn value(app: &App) -> String {
    let Some(Overlay::Form(form)) = &app.overlay else { panic!("a form is open: {:?}", app.message) };
    form.value(0)
}

/// What a terminal sends for `text` typed or pasted without bracketed paste: a line feed is Ctrl-J, a tab
/// is Tab, anything else the character.
fn typed_raw(app: &mut App, text: &str) {
    for c in text.chars() {
        match c {
            '\n' => ctrl(app, 'j'),
            '\t' => key(app, KeyCode::Tab),
            c => key(app, KeyCode::Char(c)),
        }
    }
}

/// Saves the note and returns the note of case #1 written last, as stored.
fn saved(app: &mut App) -> String {
    ctrl(app, 's');
    assert!(app.overlay.is_none(), "saved: {:?}", app.message);
    app.ws.notes(1, 100, 0).unwrap().into_iter().max_by_key(|n| n.id).unwrap().body
}

/// The editor's rows as drawn: the screen's lines holding `needle`, trimmed.
fn rows_with(app: &mut App, width: u16, height: u16, needle: &str) -> Vec<String> {
    let screen = render(app, width, height).backend().to_string();
    screen.lines().filter(|l| l.contains(needle)).map(|l| l.trim_matches(['"', ' ', '│']).to_string()).collect()
}

/// Ctrl-J deleted the line up to the cursor, so a pasted note lost every line but its last. It is a new
/// line now, as Enter is, and a tab typed in a note is a tab.
#[test]
fn a_line_feed_or_tab_arriving_as_a_key_is_kept_as_typed() {
    let mut app = editor();
    keys(&mut app, "first line");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "abc def ghi");
    (0..3).for_each(|_| key(&mut app, KeyCode::Left));
    ctrl(&mut app, 'j');
    assert_eq!(value(&app), "first line\nabc def \nghi");
    key(&mut app, KeyCode::End);
    typed_raw(&mut app, "\nPasted line one\nPasted line two\twith tab\nPasted line three");
    let expected = "first line\nabc def \nghi\nPasted line one\nPasted line two\twith tab\nPasted line three";
    assert_eq!(value(&app), expected);
    assert_eq!(saved(&mut app), expected);
}

/// The footer says what Tab does in a note, and a single-line field's Ctrl-J moves on as Enter does.
#[test]
fn the_note_editor_footer_names_tab_and_ctrl_j_moves_on_in_a_line_field() {
    let app = editor();
    let Some(Overlay::Form(form)) = &app.overlay else { unreachable!() };
    assert!(form.keys().contains(&("Tab", "a tab")), "{:?}", form.keys());
    let mut app = sample_app();
    app.open_case(1).unwrap();
    keys(&mut app, "1ai");
    let Some(Overlay::Form(form)) = &app.overlay else { panic!("the identifier form is open") };
    let focus = form.focus;
    ctrl(&mut app, 'j');
    let Some(Overlay::Form(form)) = &app.overlay else { panic!("still open") };
    assert_ne!(form.focus, focus, "Ctrl-J moved to the next field");
}

/// ↑ inside a paragraph that wraps moves to the row above in the same paragraph, as drawn, not to the
/// paragraph before it (or nowhere, in the first).
#[test]
fn up_moves_by_the_rows_a_wrapped_paragraph_is_drawn_on() {
    let mut app = editor();
    let words: Vec<String> = (0..40).map(|n| format!("w{n:02}")).collect();
    let paragraph = words.join(" ");
    keys(&mut app, &paragraph);
    render(&mut app, 100, 30);
    key(&mut app, KeyCode::Up);
    keys(&mut app, "X");
    let note = value(&app);
    let at = note.find('X').unwrap();
    assert!(at > 0 && at < paragraph.len(), "X went into the paragraph's row above, not its end: {note}");
    assert_eq!(note.replacen('X', "", 1), paragraph, "nothing else changed");
}

/// PageUp and PageDown move by about a screenful of the editor, never to the note's first line, and the
/// editor shows ↑ or ↓ beside its first or last row when text is scrolled out of view there.
#[test]
fn page_keys_move_by_a_screenful_and_marks_show_hidden_text() {
    let mut app = editor();
    let lines: Vec<String> = (1..=60).map(|n| format!("L{n:02} line of pasted text")).collect();
    handle_event(&mut app, &Event::Paste(lines.join("\n")));
    let shown = rows_with(&mut app, 100, 30, " line of pasted text");
    assert!(shown.len() > 8, "the editor grew with its text: {shown:?}");
    assert!(shown.iter().any(|r| r.contains("↑L")), "text above is marked: {shown:?}");
    assert!(!shown.iter().any(|r| r.contains("↓L")), "nothing below the last line: {shown:?}");
    assert!(shown.last().unwrap().contains("L60"), "{shown:?}");

    key(&mut app, KeyCode::PageUp);
    render(&mut app, 100, 30);
    keys(&mut app, "X");
    let note = value(&app);
    let line = note.lines().position(|l| l.contains('X')).unwrap() + 1;
    assert!((2..60).contains(&line), "PageUp moved a screenful up, to line {line}, not the first or last");

    handle_event(&mut app, &Event::Key(KeyEvent::new(KeyCode::Home, KeyModifiers::CONTROL | KeyModifiers::ALT)));
    (0..10).for_each(|_| key(&mut app, KeyCode::PageUp));
    let shown = rows_with(&mut app, 100, 30, " line of pasted text");
    assert!(shown.first().unwrap().contains("L01"), "{shown:?}");
    assert!(shown.iter().any(|r| r.contains("↓L")), "text below is marked: {shown:?}");
    assert!(!shown.iter().any(|r| r.contains("↑L")), "nothing above the first line: {shown:?}");
    key(&mut app, KeyCode::PageDown);
    render(&mut app, 100, 30);
    keys(&mut app, "Y");
    let line = value(&app).lines().position(|l| l.contains('Y')).unwrap() + 1;
    assert!((2..60).contains(&line), "PageDown moved a screenful down, to line {line}");
    // Paging to either end fills the editor with text (no blank rows past the last line) and reaches the
    // first line itself, where typing then lands.
    let full = shown.len();
    (0..10).for_each(|_| key(&mut app, KeyCode::PageDown));
    let at_end = rows_with(&mut app, 100, 30, " line of pasted text");
    assert_eq!(at_end.len(), full, "{at_end:?}");
    assert!(at_end.last().unwrap().contains("L60"), "{at_end:?}");
    (0..10).for_each(|_| key(&mut app, KeyCode::PageUp));
    render(&mut app, 100, 30);
    keys(&mut app, "Z");
    assert!(value(&app).starts_with("ZL01") || value(&app).lines().next().unwrap().contains('Z'), "{}", value(&app));
    ctrl(&mut app, 'z');
    let mut expected = lines.clone();
    for (mark, at) in [('X', note.lines().position(|l| l.contains('X')).unwrap()), ('Y', line - 1)] {
        let l = value(&app).lines().nth(at).unwrap().to_string();
        assert_eq!(l.replacen(mark, "", 1), lines[at], "only the mark was typed on line {}", at + 1);
        expected[at] = l;
    }
    assert_eq!(saved(&mut app), expected.join("\n"));
}
