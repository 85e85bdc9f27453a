//! The organisation controls screen and the case upgrade from the workstation, without a terminal:
//! snapshots at fixed sizes, and flows driven with key events on in-memory workspaces.

use chrono::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use vetdesk::Workspace;
use vetdesk::domain::{ControlState, MarkState, Priority};
use vetdesk::time::Clock;
use vetdesk::tui::app::{Overlay, Pending, Screen};
use vetdesk::tui::update::handle_event;
use vetdesk::tui::{App, Theme, ui};
use vetdesk::workspace::NewCase;

fn workspace() -> Workspace {
    let mut ws = Workspace::open_in_memory("ana").unwrap();
    ws.set_clock(Clock::Fixed(chrono::Utc.with_ymd_and_hms(2026, 3, 14, 9, 30, 0).unwrap()));
    ws
}

fn app(ws: Workspace) -> App {
    App::new(ws, Theme::named("dark", false).unwrap()).unwrap()
}

/// One current case, and controls already reviewed: OC-01 in place with a note, OC-03 a gap, PL-01 n/a.
fn reviewed_app() -> App {
    let mut ws = workspace();
    ws.create_case(&NewCase { title: "Backend engineer (contract)".into(), priority: Priority::High, candidate: None })
        .unwrap();
    ws.set_control("OC-01", ControlState::InPlace, Some("Vendor onboarding checks company registry and website age"))
        .unwrap();
    ws.set_control("OC-03", ControlState::Gap, None).unwrap();
    ws.set_control("PL-01", ControlState::Na, Some("we are not a platform")).unwrap();
    app(ws)
}

/// A case carried over from catalog 2026.1, with a mark on an item that became organisation control OC-01.
fn older_case_app() -> (App, i64) {
    let mut ws = workspace();
    let id = ws
        .create_case_on(
            &NewCase {
                title: "Contract developer via QuickStaff".into(),
                priority: Priority::High,
                candidate: Some("Jordan Lee".into()),
            },
            "2026.1",
        )
        .unwrap();
    ws.set_mark(id, "DD-VEND-05", MarkState::Clear, Some("QuickStaff is registered in Delaware since 2011")).unwrap();
    ws.set_mark(id, "RF-ID-01", MarkState::Flagged, None).unwrap();
    let mut app = app(ws);
    app.open_case(id).unwrap();
    (app, id)
}

fn render(app: &mut App, width: u16, height: u16) -> String {
    app.size = ratatui::layout::Rect::new(0, 0, width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::draw(app, f)).unwrap();
    terminal.backend().to_string()
}

fn key(app: &mut App, code: KeyCode) {
    handle_event(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn ctrl(app: &mut App, c: char) {
    handle_event(app, &Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
}

fn message(app: &App) -> String {
    app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

fn control(ws: &Workspace, code: &str) -> vetdesk::workspace::ControlEntry {
    ws.controls().unwrap().into_iter().find(|e| e.control.code == code).unwrap()
}

#[test]
fn snapshots_of_the_controls_screen() {
    let mut app = reviewed_app();
    key(&mut app, KeyCode::Char('O'));
    insta::assert_snapshot!("controls", render(&mut app, 100, 30));
    insta::assert_snapshot!("controls_80x24", render(&mut app, 80, 24));
    key(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!("controls_help", render(&mut app, 100, 30));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('e'));
    insta::assert_snapshot!("controls_note_form", render(&mut app, 100, 30));
}

#[test]
fn snapshots_of_an_older_case_and_its_upgrade_question() {
    let (mut app, _) = older_case_app();
    insta::assert_snapshot!("older_case", render(&mut app, 100, 30));
    insta::assert_snapshot!("older_case_80x24", render(&mut app, 80, 24));
    key(&mut app, KeyCode::Char('U'));
    insta::assert_snapshot!("upgrade_confirm", render(&mut app, 100, 30));
}

#[test]
fn a_control_is_set_in_place_with_a_note_and_esc_returns_to_the_list() {
    let mut app = app(workspace());
    key(&mut app, KeyCode::Char('O'));
    assert!(app.controls.is_some(), "O opens the controls");
    key(&mut app, KeyCode::Char('j'));
    let code = app.controls.as_ref().unwrap().current().unwrap().control.code.clone();
    assert_eq!(code, "OC-02");
    key(&mut app, KeyCode::Char('c'));
    assert_eq!(message(&app), "OC-02 in-place · 1 of 22 controls reviewed");
    key(&mut app, KeyCode::Char('e'));
    assert!(matches!(app.overlay, Some(Overlay::Form(_))), "e asks for the note");
    keys(&mut app, "Annual training, last run 2026-02");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{}", message(&app));
    assert_eq!(message(&app), "note on OC-02 saved");

    let entry = control(&app.ws, "OC-02");
    assert_eq!(entry.state, ControlState::InPlace);
    assert_eq!(entry.note, "Annual training, last run 2026-02");
    assert_eq!(entry.marked_by.as_deref(), Some("ana"));
    let view = app.controls.as_ref().unwrap();
    assert_eq!(view.current().unwrap().note, entry.note, "the screen shows what was saved");
    assert_eq!(app.ws.audit_log(None, 10, 0).unwrap()[0].action, "control.set");

    key(&mut app, KeyCode::Esc);
    assert!(app.controls.is_none());
    assert!(matches!(app.screen, Screen::List(_)));
}

/// `u` undoes the last change to a control (its note, then its state) as new audited changes, in the
/// controls and after they close; it never reaches past them to an earlier change in a case.
#[test]
fn u_undoes_a_control_change_not_an_earlier_one() {
    let (mut app, id) = older_case_app();
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('f'));
    let flagged = app.ws.checklist(id).unwrap().iter().filter(|e| e.state == MarkState::Flagged).count();
    key(&mut app, KeyCode::Char('O'));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::Char('e'));
    keys(&mut app, "Annual training");
    ctrl(&mut app, 's');
    assert_eq!(control(&app.ws, "OC-02").note, "Annual training");
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(message(&app), "undid the note on control OC-02 (recorded as a new change)");
    let entry = control(&app.ws, "OC-02");
    assert_eq!((entry.state, entry.note.as_str()), (ControlState::InPlace, ""));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(control(&app.ws, "OC-02").state, ControlState::Open, "{}", message(&app));
    assert_eq!(message(&app), "undid the review of control OC-02 (recorded as a new change)");
    let now = app.ws.checklist(id).unwrap().iter().filter(|e| e.state == MarkState::Flagged).count();
    assert_eq!(now, flagged, "the case's flag was not touched");
    assert_eq!(app.ws.audit_log(None, 10, 0).unwrap()[0].action, "control.set");
}

#[test]
fn every_state_key_goes_through_the_workspace_and_repeats_say_so() {
    let mut app = app(workspace());
    key(&mut app, KeyCode::Char('O'));
    key(&mut app, KeyCode::Char('G'));
    let code = app.controls.as_ref().unwrap().current().unwrap().control.code.clone();
    for (k, state) in [
        (' ', ControlState::InPlace),
        (' ', ControlState::Gap),
        ('x', ControlState::Na),
        ('o', ControlState::Open),
        ('f', ControlState::Gap),
    ] {
        key(&mut app, KeyCode::Char(k));
        assert_eq!(control(&app.ws, &code).state, state, "after {k:?}");
    }
    key(&mut app, KeyCode::Char('f'));
    assert_eq!(message(&app), format!("{code} is already gap"));
    assert!(!app.message.as_ref().unwrap().error);
    // An unchanged note closes the form and says so; nothing is written.
    let entries = app.ws.audit_log(None, 100, 0).unwrap().len();
    key(&mut app, KeyCode::Char('e'));
    ctrl(&mut app, 's');
    assert_eq!(message(&app), format!("note on {code} unchanged"));
    assert_eq!(app.ws.audit_log(None, 100, 0).unwrap().len(), entries);
}

#[test]
fn q_closes_the_controls_over_a_case_and_keys_of_the_case_do_nothing_there() {
    let (mut app, id) = older_case_app();
    key(&mut app, KeyCode::Char('O'));
    assert!(app.controls.is_some(), "O also works from a case");
    key(&mut app, KeyCode::Char('t'));
    assert!(app.overlay.is_none(), "the case's status key does not reach through");
    key(&mut app, KeyCode::Char('q'));
    assert!(app.controls.is_none());
    assert_eq!(app.case_id(), Some(id), "the case is still open beneath");
    assert!(!app.quit);
}

#[test]
fn a_click_selects_a_control_row() {
    let mut app = reviewed_app();
    key(&mut app, KeyCode::Char('O'));
    render(&mut app, 100, 30);
    // Rows start under the border and the header: screen row 2 is the first control.
    let click =
        MouseEvent { kind: MouseEventKind::Down(MouseButton::Left), column: 10, row: 5, modifiers: KeyModifiers::NONE };
    handle_event(&mut app, &Event::Mouse(click));
    assert_eq!(app.controls.as_ref().unwrap().selected, 3);
}

#[test]
fn an_older_case_is_upgraded_through_the_confirmation() {
    let (mut app, id) = older_case_app();
    assert_eq!(app.ws.case_catalog(id).unwrap().version, "2026.1");
    key(&mut app, KeyCode::Char('U'));
    let Some(Overlay::Confirm { question, then }) = &app.overlay else { panic!("U asks first") };
    assert_eq!(*then, Pending::UpgradeCase { case_id: id });
    assert!(question.contains("from catalog 2026.1 to 2026.5"), "{question}");
    assert!(question.contains("become organisation controls"), "{question}");
    key(&mut app, KeyCode::Char('y'));

    assert!(app.overlay.is_none());
    assert_eq!(app.ws.case_catalog(id).unwrap().version, "2026.5");
    let text = message(&app);
    assert!(!app.message.as_ref().unwrap().error, "{text}");
    assert_eq!(text, "moved to catalog 2026.5: 6 new items; DD-VEND-05 now organisation control OC-01");
    let Screen::Case(view) = &app.screen else { panic!("the case stays open") };
    assert_eq!(view.case.catalog_version, "2026.5", "the view is reloaded");
    assert_eq!(app.ws.audit_log(None, 10, 0).unwrap()[0].action, "case.upgrade");
    let header = render(&mut app, 100, 30);
    assert!(header.contains("catalog 2026.5 · opened"), "{header}");
    assert!(!header.contains("U upgrade"));

    key(&mut app, KeyCode::Char('U'));
    assert!(app.overlay.is_none());
    assert_eq!(message(&app), format!("case #{id} already follows the current catalog (2026.5)"));
}

#[test]
fn declining_the_upgrade_leaves_the_case_on_its_catalog() {
    let (mut app, id) = older_case_app();
    key(&mut app, KeyCode::Char('U'));
    key(&mut app, KeyCode::Char('n'));
    assert!(app.overlay.is_none());
    assert_eq!(message(&app), "cancelled");
    assert_eq!(app.ws.case_catalog(id).unwrap().version, "2026.1");
    assert!(render(&mut app, 100, 30).contains("catalog 2026.1 · U upgrade"));
}

/// A control's text is longer than its pane at 80×24: the pane says so, and Enter reads it whole, with
/// its note and sources; any other key closes the reading without acting.
#[test]
fn enter_reads_a_control_whole() {
    let mut app = reviewed_app();
    key(&mut app, KeyCode::Char('O'));
    let shown = render(&mut app, 80, 24);
    assert!(shown.contains("↓ more · Enter reads it whole"), "{shown}");
    key(&mut app, KeyCode::Enter);
    let Some(Overlay::Read(reading)) = &app.overlay else { panic!("Enter opens the reading: {}", message(&app)) };
    let entry = app.ws.controls().unwrap().into_iter().next().unwrap();
    assert!(reading.text.starts_with(&format!("{} {}", entry.control.code, entry.control.text)), "{}", reading.text);
    assert!(reading.text.contains("Source "), "{}", reading.text);
    let state = entry.state;
    key(&mut app, KeyCode::Char('c'));
    assert!(app.overlay.is_none(), "another key closes the reading");
    assert_eq!(app.ws.controls().unwrap()[0].state, state, "and is not acted on");
}
