//! The Roster screen of the workstation: reached from the case list, hits filtered by kind, Enter opens a
//! case from a hit, `d` dismisses one. Snapshots at 80x24, 100x30 and 160x48.

use chrono::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use vetdesk::Workspace;
use vetdesk::roster::{HitKind, ImportOptions};
use vetdesk::time::Clock;
use vetdesk::tui::app::{Overlay, Screen};
use vetdesk::tui::update::handle_event;
use vetdesk::tui::{App, Theme, ui};

/// A workspace with one roster: two workers paid into one bank account, one shipping away from home.
fn app() -> (App, tempfile::TempDir) {
    let mut ws = Workspace::open_in_memory("ana").unwrap();
    ws.set_clock(Clock::Fixed(chrono::Utc.with_ymd_and_hms(2026, 3, 14, 9, 30, 0).unwrap()));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("payroll.csv");
    std::fs::write(
        &path,
        "Employee ID,Full Name,Home Address,Shipping Address,Routing Number,Account Number\n\
         E1,Ann Lee,1 Main St Springfield IL 62701,,011000015,77778888\n\
         E2,Bo Kim,2 Oak Ave Dayton OH 45402,9 Depot Rd Newark NJ 07102,011000015,77778888\n",
    )
    .unwrap();
    let options = ImportOptions { as_of: Some("2026-03-01".into()), ..ImportOptions::default() };
    ws.roster_import(&path, &options, false).unwrap();
    (App::new(ws, Theme::named("dark", false).unwrap()).unwrap(), dir)
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

fn message(app: &App) -> String {
    app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

#[test]
fn snapshots_of_the_roster_screen() {
    let (mut app, _dir) = app();
    key(&mut app, KeyCode::Char('R'));
    insta::assert_snapshot!("roster_80x24", render(&mut app, 80, 24));
    insta::assert_snapshot!("roster_100x30", render(&mut app, 100, 30));
    insta::assert_snapshot!("roster_160x48", render(&mut app, 160, 48));
}

#[test]
fn r_opens_the_roster_and_f_filters_by_kind_and_esc_returns_to_the_list() {
    let (mut app, _dir) = app();
    key(&mut app, KeyCode::Char('R'));
    let view = app.roster.as_ref().expect("R opens the Roster screen");
    assert_eq!(view.shown().len(), 2);
    assert_eq!(view.current().unwrap().kind, HitKind::Shared, "strongest first");
    // Only kinds with hits: shared, then ship-elsewhere, then every kind again.
    key(&mut app, KeyCode::Char('f'));
    assert_eq!(message(&app), "showing shared: 1 hit");
    key(&mut app, KeyCode::Char('f'));
    assert_eq!(message(&app), "showing ship-elsewhere: 1 hit");
    assert_eq!(app.roster.as_ref().unwrap().current().unwrap().people[0].person, "E2");
    key(&mut app, KeyCode::Char('f'));
    assert_eq!(message(&app), "showing every kind: 2 hits");
    key(&mut app, KeyCode::Esc);
    assert!(app.roster.is_none());
    assert!(matches!(app.screen, Screen::List(_)));
}

#[test]
fn d_dismisses_the_selected_hit_with_a_reason() {
    let (mut app, _dir) = app();
    key(&mut app, KeyCode::Char('R'));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('d'));
    assert!(matches!(app.overlay, Some(Overlay::Form(_))), "d asks why");
    for c in "approved relocation".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    handle_event(&mut app, &Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    assert!(message(&app).ends_with("dismissed"), "{}", message(&app));
    let view = app.roster.as_ref().unwrap();
    assert_eq!(view.shown().len(), 1);
    assert_eq!(view.current().unwrap().kind, HitKind::Shared);
    let all = app.ws.roster_screen().unwrap();
    assert!(all.iter().any(|h| h.kind == HitKind::ShipElsewhere && h.dismissed));
}

#[test]
fn enter_opens_a_case_from_the_hit() {
    let (mut app, _dir) = app();
    key(&mut app, KeyCode::Char('R'));
    key(&mut app, KeyCode::Enter);
    assert!(app.roster.is_none());
    let Screen::Case(view) = &app.screen else { panic!("Enter opens the case") };
    assert_eq!(view.case.title, "Roster: 2 people share one bank account");
    let names: Vec<&str> = view.subjects.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Ann Lee", "Bo Kim"]);
    assert!(message(&app).starts_with(&format!("case #{} opened from roster hit", view.case.id)));
    let suggestions = app.ws.suggestions(view.case.id).unwrap();
    assert_eq!(suggestions[0].code, "RF-PAY-05");
    // Esc goes back to the Roster screen the case was opened from, the case list beneath it.
    key(&mut app, KeyCode::Esc);
    assert!(app.roster.is_some(), "back on the Roster screen");
    assert!(matches!(app.screen, Screen::List(_)));
    key(&mut app, KeyCode::Esc);
    assert!(app.roster.is_none());
}

/// A hit with more people than its panel has rows says so, and `v` reads every one of them.
#[test]
fn a_hit_with_more_people_than_the_panel_shows_says_so_and_v_reads_them_all() {
    let mut ws = Workspace::open_in_memory("ana").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("payroll.csv");
    let long = "Alexandria Konstantinopoulou-Vasquez de la Fuente y Montenegro-Hargreaves";
    std::fs::write(
        &path,
        std::iter::once("Employee ID,Full Name,Home Address,Shipping Address\n".to_string())
            .chain((1..=8).map(|n| format!("E{n},{long} {n},{n} Elm St Austin TX 78701,9 Depot Rd Newark NJ 07102\n")))
            .collect::<String>(),
    )
    .unwrap();
    ws.roster_import(&path, &ImportOptions::default(), false).unwrap();
    let mut app = App::new(ws, Theme::named("dark", false).unwrap()).unwrap();
    key(&mut app, KeyCode::Char('R'));
    let hits = &app.roster.as_ref().unwrap().hits;
    let at = hits.iter().position(|h| h.people.len() == 8).expect("the shared shipping address");
    for _ in 0..at {
        key(&mut app, KeyCode::Char('j'));
    }
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("↓ more · v reads it whole"), "{screen}");
    key(&mut app, KeyCode::Char('v'));
    let Some(Overlay::Read(reading)) = &app.overlay else { panic!("v reads the hit: {:?}", message(&app)) };
    for n in 1..=8 {
        assert!(reading.text.contains(&format!("payroll E{n} {long} {n} ")), "{}", reading.text);
    }
}
