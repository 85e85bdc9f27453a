//! Reading a record whole: a detail pane that cannot show all of a checklist note, an evidence record or
//! a note says so on its edge, and Enter opens it in a box that scrolls; any other key closes the box and
//! does nothing else.

mod common;

use common::tui_app::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers, MouseEvent, MouseEventKind};
use vetdesk::domain::MarkState;
use vetdesk::tui::app::Overlay;
use vetdesk::tui::update::handle_event;

const MORE: &str = "↓ more · Enter reads it whole";

/// A note of twelve numbered sentences, the last one saying it is the last.
fn long_note() -> String {
    let mut note: Vec<String> = (1..12)
        .map(|i| format!("Observation {i}: the candidate's answers about the prior employer did not agree."))
        .collect();
    note.push("Last line: the reference phone number went to voicemail for a VoIP carrier.".into());
    note.join("\n")
}

fn reading(app: &vetdesk::tui::App) -> &vetdesk::tui::read::Reading {
    match &app.overlay {
        Some(Overlay::Read(r)) => r,
        _ => panic!("a record is open to read: {:?}", app.message),
    }
}

#[test]
fn a_checklist_note_longer_than_its_pane_is_read_whole_with_enter() {
    let mut app = sample_app();
    app.ws.set_mark(1, "RF-ID-01", MarkState::Flagged, Some(&long_note())).unwrap();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('2'));
    let shown = text(&mut app, 80, 24);
    assert!(shown.contains(MORE), "{shown}");
    assert!(!shown.contains("Last line"), "the pane cannot hold it: {shown}");

    key(&mut app, KeyCode::Enter);
    assert!(reading(&app).text.contains("Last line: the reference phone number"));
    insta::assert_snapshot!("read_checklist_note_80x24", text(&mut app, 80, 24));
    key(&mut app, KeyCode::Char('G'));
    let bottom = text(&mut app, 80, 24);
    assert!(bottom.contains("Last line: the reference phone number"), "{bottom}");
    assert!(bottom.contains("Source "), "the sources come last: {bottom}");
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(reading(&app).scroll, 0);

    // Any other key closes the box and is not acted on: `c` does not mark the item clear.
    key(&mut app, KeyCode::Char('c'));
    assert!(app.overlay.is_none());
    let mark = view(&app).checklist.iter().find(|e| e.item.code == "RF-ID-01").unwrap().state;
    assert_eq!(mark, MarkState::Flagged);
}

#[test]
fn a_short_record_fits_its_pane_and_says_nothing_more() {
    let mut app = sample_app();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('5'));
    assert!(!text(&mut app, 100, 30).contains(MORE));
    key(&mut app, KeyCode::Enter);
    let shown = text(&mut app, 100, 30);
    assert!(shown.contains("any key closes"), "{shown}");
    assert!(shown.contains("New address is a freight forwarder."), "{shown}");
}

#[test]
fn a_long_note_scrolls_by_keys_and_wheel() {
    let mut app = sample_app();
    app.ws.add_note(1, &[long_note(), long_note(), long_note()].join("\n")).unwrap();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Char('G'));
    let shown = text(&mut app, 80, 24);
    assert!(shown.contains(MORE), "{shown}");
    key(&mut app, KeyCode::Enter);
    let first = text(&mut app, 80, 24);
    assert!(first.contains("· lines 1-"), "{first}");
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(reading(&app).scroll, 1);
    key(&mut app, KeyCode::PageDown);
    assert!(reading(&app).scroll > 10);
    let wheel = |kind| Event::Mouse(MouseEvent { kind, column: 10, row: 10, modifiers: KeyModifiers::NONE });
    let before = reading(&app).scroll;
    handle_event(&mut app, &wheel(MouseEventKind::ScrollUp));
    assert_eq!(reading(&app).scroll, before - 3, "the wheel scrolls the box, not the list beneath");
    key(&mut app, KeyCode::End);
    assert!(text(&mut app, 80, 24).contains("↑ more above"));
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
}

#[test]
fn an_evidence_record_wider_than_its_pane_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-rather-long-file-name-for-the-second-interview-recording-2026-03-14.txt");
    std::fs::write(&file, b"recording").unwrap();
    let mut app = sample_app();
    let about =
        "Second interview; the candidate's screen share showed a remote desktop client and a second keyboard layout";
    app.ws.attach_evidence(1, &file, about, &[], false, &mut |_, _| true).unwrap();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('4'));
    let shown = text(&mut app, 80, 24);
    assert!(shown.contains(MORE), "{shown}");
    key(&mut app, KeyCode::Enter);
    let r = reading(&app).text.clone();
    assert!(r.contains(about) && r.contains(&file.display().to_string()), "{r}");
}

/// On the smallest screen the box's edge still says how to close it.
#[test]
fn the_smallest_screen_still_says_how_to_close_the_box() {
    let mut app = sample_app();
    app.ws.add_note(1, &long_note()).unwrap();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Enter);
    let shown = text(&mut app, 60, 15);
    assert!(shown.contains("↓ more · j/k scroll · other keys close"), "{shown}");
    key(&mut app, KeyCode::End);
    assert!(text(&mut app, 60, 15).contains("↑ more above · j/k scroll · other keys close"));
}
