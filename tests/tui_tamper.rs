//! The workstation shows records changed behind vetdesk's back under a warning, as `case show` and
//! `links` do: the case's header and the links tab.

mod common;

use std::path::Path;

use common::tui_app::*;
use vetdesk::Workspace;
use vetdesk::domain::{IdentifierKind, Priority};
use vetdesk::tui::{App, Theme};
use vetdesk::workspace::NewCase;

/// A workspace at `path` with two cases, "First" and "Second", each with a note, written by this machine.
fn two_cases(path: &Path) {
    let mut ws = Workspace::open(path, "ana", common::keys_beside(path)).unwrap();
    for title in ["First", "Second"] {
        let c = ws.create_case(&NewCase { title: title.into(), priority: Priority::Low, candidate: None }).unwrap();
        ws.add_note(c, "Camera off in every interview.").unwrap();
    }
}

/// The workstation on the workspace at `path`, as this machine opens it, on case 1.
fn on_case_1(path: &Path) -> App {
    let ws = Workspace::open(path, "ana", common::keys_beside(path)).unwrap();
    let mut app = App::new(ws, Theme::named("dark", false).unwrap()).unwrap();
    app.open_case(1).unwrap();
    app
}

/// A note edited behind vetdesk's back: the case's header says first that what its tabs show may not be
/// as recorded, as `case show` does, in full where there is room; a case that holds says nothing.
#[test]
fn the_case_header_warns_when_its_records_were_edited() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    two_cases(&path);
    let edit = rusqlite::Connection::open(&path).unwrap();
    edit.execute("UPDATE note SET body = 'Nothing suspicious.' WHERE case_id = 1", []).unwrap();
    drop(edit);
    let mut app = on_case_1(&path);
    let wide = text(&mut app, 200, 30);
    assert!(
        wide.contains("⚠ MAY NOT BE AS RECORDED: case #1 was changed behind vetdesk's back (note 1 changed)"),
        "{wide}"
    );
    assert!(text(&mut app, 80, 24).contains("⚠ NOT AS RECORDED (vetdesk audit verify)"));
    app.open_case(2).unwrap();
    assert!(!text(&mut app, 200, 30).contains("RECORDED"), "a case that holds");
}

/// A match key edited behind vetdesk's back makes a link where the values differ: the links tab says its
/// links may not be as recorded, as `links ID` does.
#[test]
fn the_links_tab_warns_when_a_record_it_rests_on_was_edited() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    for (title, email) in [("First", "jordan@example.com"), ("Second", "other@example.com")] {
        let c = ws.create_case(&NewCase { title: title.into(), priority: Priority::Low, candidate: None }).unwrap();
        ws.add_identifier(c, IdentifierKind::Email, email, None, "", false).unwrap();
    }
    drop(ws);
    let edit = rusqlite::Connection::open(&path).unwrap();
    edit.execute("UPDATE identifier SET normalized = 'jordan@example.com' WHERE raw = 'other@example.com'", [])
        .unwrap();
    drop(edit);
    let ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let mut app = App::new(ws, Theme::named("dark", false).unwrap()).unwrap();
    open_links(&mut app, 1);
    assert_eq!(view(&app).links.len(), 1, "the edited key links the two");
    let shown = text(&mut app, 160, 30);
    assert!(shown.contains("⚠ may not be as recorded"), "{shown}");
}

/// A change signed by a key other than this machine's (another machine, or another key folder): the case's
/// header says how many rows and by which key, as `case show` does; a case of this machine's says nothing.
#[test]
fn the_case_header_says_when_rows_were_signed_by_another_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    two_cases(&path);
    let elsewhere = vetdesk::signing::Keyring::open(&dir.path().join("elsewhere"));
    let mut other = Workspace::open(&path, "ana", elsewhere).unwrap();
    other.add_note(1, "Camera on.").unwrap();
    drop(other);
    let mut app = on_case_1(&path);
    let wide = text(&mut app, 200, 30);
    assert!(wide.contains(" 1 audit row signed by SHA256:") && wide.contains(", not this machine ·"), "{wide}");
    assert!(text(&mut app, 80, 24).contains(" 1 row signed elsewhere ·"));
    app.open_case(2).unwrap();
    assert!(!text(&mut app, 200, 30).contains("signed"), "a case of this machine's");
}
