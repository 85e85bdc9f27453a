//! Shared helpers for the workstation's flow and snapshot tests: an in-memory workspace with a sample
//! case, keys, and the screen as text.

#![allow(dead_code)]

use std::time::{Duration, Instant};

use chrono::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use vetdesk::Workspace;
use vetdesk::domain::link::ListKind;
use vetdesk::domain::{IdentifierKind, MarkState, NewPayment, Priority, Role, SubjectFields};
use vetdesk::time::Clock;
use vetdesk::tui::app::{Screen, Tab};
use vetdesk::tui::update::{handle_event, tick};
use vetdesk::tui::{App, Theme, ui};
use vetdesk::workspace::NewCase;

/// The sizes every screen is drawn at: the smallest supported terminal, a common one, a large one.
pub const SIZES: [(u16, u16); 3] = [(80, 24), (100, 30), (160, 48)];

pub fn fixed_clock() -> Clock {
    Clock::Fixed(chrono::Utc.with_ymd_and_hms(2026, 3, 14, 9, 30, 0).unwrap())
}

/// A workspace whose resumes are read by the vetdesk binary (this test's own executable is the harness).
pub fn workspace() -> Workspace {
    let mut ws = Workspace::open_in_memory("ana").unwrap();
    ws.set_clock(fixed_clock());
    ws.set_resume_reader(vetdesk::resume::Reader::child(env!("CARGO_BIN_EXE_vetdesk")));
    ws
}

pub fn empty_app() -> App {
    let ws = workspace();
    App::new(ws, Theme::named("dark", false).unwrap()).unwrap()
}

/// Three cases; the first fully worked: subjects, identifiers, a payment, marks, notes.
pub fn sample_app() -> App {
    let mut ws = workspace();
    ws.set_organization(&[("name".into(), "Acme Widgets Inc.".into()), ("city".into(), "Denver".into())]).unwrap();
    let c = ws
        .create_case(&NewCase {
            title: "Backend engineer (contract)".into(),
            priority: Priority::High,
            candidate: Some("Jordan Lee".into()),
        })
        .unwrap();
    let fields = SubjectFields {
        position: Some("Backend engineer".into()),
        vendor: Some("QuickStaff LLC".into()),
        ..Default::default()
    };
    ws.edit_subject(1, &fields).unwrap();
    ws.add_subject(
        c,
        Role::Facilitator,
        "Laptop Host LLC",
        &SubjectFields { location: Some("Phoenix, AZ".into()), ..Default::default() },
    )
    .unwrap();
    ws.add_identifier(c, IdentifierKind::Email, "jordan.lee@example.com", Some(1), "", false).unwrap();
    ws.add_identifier(c, IdentifierKind::Phone, "+1 (202) 555-0143", Some(1), "VoIP", false).unwrap();
    ws.add_identifier(c, IdentifierKind::RoutingNumber, "076401252", None, "as given", true).unwrap();
    ws.add_payment(
        c,
        &NewPayment {
            paid_on: "2026-03-01".into(),
            amount_cents: 420_000,
            currency: "USD".into(),
            method: "wire".into(),
            recipient: "Jordan Lee".into(),
            routing_number: "076401251".into(),
            account: "000123456789".into(),
            ..Default::default()
        },
    )
    .unwrap();
    ws.set_mark(c, "RF-ID-01", MarkState::Flagged, Some("Passport photo edited")).unwrap();
    ws.set_mark(c, "RF-INT-01", MarkState::Flagged, Some("Camera off in all three interviews")).unwrap();
    ws.set_mark(c, "DD-ID-01", MarkState::Clear, None).unwrap();
    ws.add_note(c, "Laptop delivery address changed the day after the offer.\nNew address is a freight forwarder.")
        .unwrap();
    ws.add_note(c, "면접 중 카메라를 끄다 — مرحبا").unwrap();
    let second = ws
        .create_case(&NewCase {
            title: "Designer — Müller & Söhne".into(),
            priority: Priority::Low,
            candidate: Some("Zoë Ångström".into()),
        })
        .unwrap();
    ws.set_mark(second, "RF-COM-04", MarkState::Flagged, None).unwrap();
    ws.create_case(&NewCase { title: "QA contractor".into(), priority: Priority::Medium, candidate: None }).unwrap();
    App::new(ws, Theme::named("dark", false).unwrap()).unwrap()
}

/// The sample, with case #2 holding case #1's phone (written the same way, so it matches under any phone
/// rules) and case #1's email on an imported bad-email list. Case #3 shares nothing.
pub fn linked_app() -> App {
    let mut app = sample_app();
    app.ws.add_identifier(2, IdentifierKind::Phone, "+1 (202) 555-0143", None, "", false).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("emails.txt");
    std::fs::write(&list, "# shared by the fraud team\njordan.lee@example.com\tseen in an earlier scheme\n").unwrap();
    app.ws.import_list(ListKind::BadEmail, &list, Some("fraud-team")).unwrap();
    app.reload().unwrap();
    app
}

/// Opens case `id` from the list on the links tab.
pub fn open_links(app: &mut App, id: i64) {
    app.open_case(id).unwrap();
    key(app, KeyCode::Char('6'));
    let Screen::Case(view) = &app.screen else { panic!("a case is open") };
    assert_eq!(view.tab, Tab::Links);
}

pub fn view(app: &App) -> &vetdesk::tui::app::CaseView {
    let Screen::Case(view) = &app.screen else { panic!("a case is open") };
    view
}

pub fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    app.size = ratatui::layout::Rect::new(0, 0, width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::draw(app, f)).unwrap();
    terminal
}

pub fn screen(app: &mut App) -> String {
    render(app, 100, 30).backend().to_string()
}

pub fn key(app: &mut App, code: KeyCode) {
    handle_event(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

pub fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

pub fn ctrl(app: &mut App, c: char) {
    handle_event(app, &Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
}

/// Tells the app the terminal is `width`×`height` (as a resize does) and draws it.
pub fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    handle_event(app, &Event::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::draw(app, f)).unwrap();
    terminal
}

pub fn text(app: &mut App, width: u16, height: u16) -> String {
    draw(app, width, height).backend().to_string()
}

/// Runs ticks until the background job is done, or fails after a while.
pub fn finish_job(app: &mut App) {
    let started = Instant::now();
    while app.job.is_some() {
        assert!(started.elapsed() < Duration::from_secs(60), "job did not finish");
        std::thread::sleep(Duration::from_millis(10));
        tick(app);
    }
}
