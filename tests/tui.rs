//! The workstation without a terminal: screens as snapshots at 100×30 on a fixed sample workspace, and
//! flows driven with key events on in-memory workspaces.

mod common;

use std::time::{Duration, Instant};

use chrono::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use vetdesk::Workspace;
use vetdesk::domain::link::{ListKind, Strength};
use vetdesk::domain::{IdentifierKind, MarkState, NewPayment, Priority, Role, SubjectFields};
use vetdesk::time::Clock;
use vetdesk::tui::app::{Overlay, Screen, Tab};
use vetdesk::tui::update::{handle_event, tick};
use vetdesk::tui::{App, Theme, ui};
use vetdesk::workspace::NewCase;

fn fixed_clock() -> Clock {
    Clock::Fixed(chrono::Utc.with_ymd_and_hms(2026, 3, 14, 9, 30, 0).unwrap())
}

/// A workspace whose resumes are read by the vetdesk binary (this test's own executable is the harness).
fn workspace() -> Workspace {
    let mut ws = Workspace::open_in_memory("ana").unwrap();
    ws.set_clock(fixed_clock());
    ws.set_resume_reader(vetdesk::resume::Reader::child(env!("CARGO_BIN_EXE_vetdesk")));
    ws
}

fn empty_app() -> App {
    let ws = workspace();
    App::new(ws, Theme::named("dark", false).unwrap()).unwrap()
}

/// Three cases; the first fully worked: subjects, identifiers, a payment, marks, notes.
fn sample_app() -> App {
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
fn linked_app() -> App {
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
fn open_links(app: &mut App, id: i64) {
    app.open_case(id).unwrap();
    key(app, KeyCode::Char('6'));
    let Screen::Case(view) = &app.screen else { panic!("a case is open") };
    assert_eq!(view.tab, Tab::Links);
}

fn view(app: &App) -> &vetdesk::tui::app::CaseView {
    let Screen::Case(view) = &app.screen else { panic!("a case is open") };
    view
}

fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    app.size = ratatui::layout::Rect::new(0, 0, width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::draw(app, f)).unwrap();
    terminal
}

fn screen(app: &mut App) -> String {
    render(app, 100, 30).backend().to_string()
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

fn snap(name: &str, app: &mut App) {
    insta::assert_snapshot!(name, screen(app));
}

#[test]
fn snapshots_of_every_screen() {
    let mut app = empty_app();
    snap("first_run", &mut app);

    let mut app = sample_app();
    snap("case_list", &mut app);
    key(&mut app, KeyCode::Char('?'));
    snap("help_case_list", &mut app);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('n'));
    snap("new_case_form", &mut app);
    key(&mut app, KeyCode::Esc);

    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Enter);
    snap("case_overview", &mut app);
    key(&mut app, KeyCode::Char('a'));
    snap("add_menu", &mut app);
    key(&mut app, KeyCode::Char('i'));
    snap("add_identifier_form", &mut app);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('2'));
    snap("red_flags", &mut app);
    key(&mut app, KeyCode::Char('?'));
    snap("help_checklist", &mut app);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('e'));
    snap("mark_note_form", &mut app);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('3'));
    snap("due_diligence", &mut app);
    key(&mut app, KeyCode::Char('4'));
    snap("evidence_empty", &mut app);
    key(&mut app, KeyCode::Char('5'));
    snap("notes", &mut app);
    key(&mut app, KeyCode::Char('7'));
    snap("report", &mut app);
    key(&mut app, KeyCode::Char('r'));
    snap("report_redacted", &mut app);
    key(&mut app, KeyCode::Char('t'));
    keys(&mut app, "c"); // closed
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "cc"); // cleared, then confirmed
    key(&mut app, KeyCode::Enter);
    snap("confirm_close", &mut app);

    let mut app = sample_app();
    insta::assert_snapshot!("too_small", render(&mut app, 40, 10).backend().to_string());

    let mut app = linked_app();
    snap("case_list_linked", &mut app);
    open_links(&mut app, 1);
    snap("links", &mut app);
    key(&mut app, KeyCode::Char('G'));
    snap("links_suggestion_selected", &mut app);
    key(&mut app, KeyCode::Char('?'));
    snap("help_links", &mut app);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('D'));
    snap("dismiss_form", &mut app);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    open_links(&mut app, 3);
    snap("links_empty", &mut app);
}

#[test]
fn first_run_says_how_to_start() {
    let text = screen(&mut empty_app());
    assert!(text.contains("no cases yet"));
    assert!(text.contains("vetdesk --db demo.db demo"), "a separate demo workspace is suggested");
}

#[test]
fn a_new_case_is_created_from_the_form_and_opened() {
    let mut app = empty_app();
    key(&mut app, KeyCode::Char('n'));
    keys(&mut app, "Data engineer — Zoë");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "Kim Min-jun");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{:?}", app.message);
    let Screen::Case(view) = &app.screen else { panic!("the new case opens") };
    assert_eq!(view.case.title, "Data engineer — Zoë");
    assert_eq!(view.subjects[0].name, "Kim Min-jun");
    assert_eq!(app.ws.audit_log(None, 10, 0).unwrap()[0].action, "case.create");
}

#[test]
fn bad_form_input_keeps_the_form_and_says_why() {
    let mut app = empty_app();
    key(&mut app, KeyCode::Char('n'));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    let Some(Overlay::Form(form)) = &app.overlay else { panic!("the form stays") };
    assert_eq!(form.error.as_deref(), Some("a case needs a title"));
    assert_eq!(app.ws.count_cases(&Default::default()).unwrap(), 0);
}

#[test]
fn checklist_keys_mark_items_and_move_the_score() {
    let mut app = sample_app();
    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('f'));
    let Screen::Case(view) = &app.screen else { panic!() };
    let code = view.items(vetdesk::catalog::ItemKind::RedFlag)[1].item.code.clone();
    let before = view.assessment.score;
    assert_eq!(view.checklist.iter().find(|e| e.item.code == code).unwrap().state, MarkState::Flagged);
    key(&mut app, KeyCode::Char(' '));
    let Screen::Case(view) = &app.screen else { panic!() };
    assert_eq!(view.checklist.iter().find(|e| e.item.code == code).unwrap().state, MarkState::Clear);
    assert!(view.assessment.score < before);
    assert_eq!(app.ws.case(view.case.id).unwrap().risk_score, view.assessment.score, "stored score follows");
}

#[test]
fn notes_are_written_in_the_editor_and_saved_with_ctrl_s() {
    let mut app = sample_app();
    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Char('a'));
    keys(&mut app, "Line one");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "ligne deux — שלום");
    ctrl(&mut app, 's');
    let Screen::Case(view) = &app.screen else { panic!() };
    assert_eq!(view.note_count, 3);
    assert!(view.notes.iter().any(|n| n.body == "Line one\nligne deux — שלום"));
}

#[test]
fn a_note_is_edited_in_the_editor_and_keeps_its_earlier_text() {
    let mut app = sample_app();
    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('5'));
    let (note_id, before) = {
        let Screen::Case(view) = &app.screen else { panic!() };
        (view.notes[0].id, view.notes[0].body.clone())
    };
    key(&mut app, KeyCode::Char('e'));
    keys(&mut app, " (checked again)");
    ctrl(&mut app, 's');
    let (note, history) = app.ws.note_history(note_id).unwrap();
    assert_eq!(note.body, format!("{before} (checked again)"));
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].body, before);
    let Screen::Case(view) = &app.screen else { panic!() };
    assert_eq!(view.notes[0].revisions, 1, "the tab shows the note as edited");
}

#[test]
fn d_voids_the_selected_line_with_a_reason_and_restores_it() {
    let mut app = sample_app();
    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Enter);
    // The overview lists subjects, then identifiers: the third line is the email.
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('d'));
    key(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_some(), "a void needs a reason: the form stays open");
    keys(&mut app, "typed on the wrong case");
    key(&mut app, KeyCode::Enter);
    let email = app.ws.identifiers(1).unwrap().into_iter().find(|i| i.raw == "jordan.lee@example.com").unwrap();
    assert_eq!(email.void.as_ref().map(|v| v.reason.as_str()), Some("typed on the wrong case"));
    let shown = screen(&mut app);
    assert!(shown.contains("voided: typed on the wrong case"), "{shown}");
    let buffer = render(&mut app, 100, 30).backend().buffer().clone();
    let row =
        (0..30).find(|y| (0..100).map(|x| buffer[(x, *y)].symbol()).collect::<String>().contains("voided:")).unwrap();
    let cell = (0..100).find(|x| buffer[(*x, row)].symbol() == "j").unwrap();
    assert!(buffer[(cell, row)].modifier.contains(ratatui::style::Modifier::CROSSED_OUT), "struck through");

    key(&mut app, KeyCode::Char('d'));
    key(&mut app, KeyCode::Enter);
    let email = app.ws.identifiers(1).unwrap().into_iter().find(|i| i.raw == "jordan.lee@example.com").unwrap();
    assert!(email.void.is_none(), "d on a voided line restores it");
    assert!(app.ws.verify_audit().unwrap().holds());
}

#[test]
fn u_undoes_the_last_change_as_a_new_audited_change() {
    let mut app = sample_app();
    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('2'));
    // RF-ID-01 is flagged with a note; clear it, then undo.
    key(&mut app, KeyCode::Char('c'));
    let state = |app: &App| app.ws.checklist(1).unwrap().into_iter().find(|e| e.item.code == "RF-ID-01").unwrap();
    assert_eq!(state(&app).state, MarkState::Clear);
    app.message = None;
    assert!(screen(&mut app).contains("u undo the mark on RF-ID-01"), "the hint line names the change");
    key(&mut app, KeyCode::Char('u'));
    let e = state(&app);
    assert_eq!((e.state, e.note.as_str()), (MarkState::Flagged, "Passport photo edited"));
    assert!(screen(&mut app).contains("undid the mark on RF-ID-01"));

    // A void, undone.
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('d'));
    keys(&mut app, "wrong case");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('u'));
    assert!(app.ws.identifiers(1).unwrap().iter().all(|i| i.void.is_none()));
    key(&mut app, KeyCode::Char('u'));
    assert!(screen(&mut app).contains("nothing to undo"));
    let log = app.ws.audit_log(Some(1), 10, 0).unwrap();
    let actions: Vec<&str> = log.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(&actions[..4], ["identifier.unvoid", "identifier.void", "mark.set", "mark.set"], "undone by new rows");
    assert!(app.ws.verify_audit().unwrap().holds());
}

#[test]
fn pasting_a_megabyte_does_not_break_anything() {
    let mut app = sample_app();
    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Char('a'));
    // One enormous line is refused whole, with the reason, and the editor keeps working.
    handle_event(&mut app, &Event::Paste("x".repeat(1 << 20)));
    screen(&mut app);
    let Some(Overlay::Form(form)) = &app.overlay else { panic!("the editor stays open") };
    assert!(form.error.as_deref().unwrap_or_default().starts_with("paste refused"));
    // A megabyte of ordinary lines, with wide and combining characters, is taken and saved.
    let line = "ワイド文字と結合文字 e\u{301} — a transcript line that goes on for a while.\n";
    let text = line.repeat(1_000_000 / line.len() + 1);
    assert!(text.len() > 1_000_000 && text.len() < vetdesk::workspace::MAX_NOTE);
    handle_event(&mut app, &Event::Paste(text.clone()));
    screen(&mut app);
    ctrl(&mut app, 's');
    screen(&mut app);
    let Screen::Case(view) = &app.screen else { panic!() };
    assert!(app.overlay.is_none(), "{:?}", app.message);
    assert_eq!(view.notes.last().unwrap().body, text.trim_end());
}

#[test]
fn search_finds_cases_by_subject_identifier_and_note() {
    let mut app = sample_app();
    for (words, expected) in [("Ångström", 1), ("0102030", 0), ("12025550143", 1), ("forwarder", 1), ("nobody", 0)] {
        key(&mut app, KeyCode::Char('/'));
        ctrl(&mut app, 'u');
        for _ in 0..40 {
            key(&mut app, KeyCode::Backspace);
        }
        keys(&mut app, words);
        key(&mut app, KeyCode::Enter);
        let Screen::List(list) = &app.screen else { panic!() };
        assert_eq!(list.total, expected, "search {words:?}");
    }
    key(&mut app, KeyCode::Esc);
    let Screen::List(list) = &app.screen else { panic!() };
    assert_eq!((list.search.as_deref(), list.total), (None, 3));
}

#[test]
fn sort_and_filters_page_from_sql() {
    let mut app = sample_app();
    keys(&mut app, "f");
    let Screen::List(list) = &app.screen else { panic!() };
    assert_eq!(list.query.status, Some(vetdesk::domain::CaseStatus::Open));
    assert_eq!(list.total, 3);
    keys(&mut app, "ff");
    let Screen::List(list) = &app.screen else { panic!() };
    assert_eq!(list.total, 0);
    assert!(screen(&mut app).contains("No case matches"));
    keys(&mut app, "x");
    keys(&mut app, "ss");
    let Screen::List(list) = &app.screen else { panic!() };
    assert_eq!(list.query.sort, vetdesk::store::cases::CaseSort::Risk);
    assert_eq!(list.rows[0].row.id, 1, "highest risk first");
}

/// Runs ticks until the background job is done, or fails after a while.
fn finish_job(app: &mut App) {
    let started = Instant::now();
    while app.job.is_some() {
        assert!(started.elapsed() < Duration::from_secs(60), "job did not finish");
        std::thread::sleep(Duration::from_millis(10));
        tick(app);
    }
}

fn attach(app: &mut App, path: &std::path::Path) {
    key(app, KeyCode::Char('4'));
    key(app, KeyCode::Char('a'));
    handle_event(app, &Event::Paste(path.display().to_string()));
    key(app, KeyCode::Enter);
    keys(app, "Interview recording");
    key(app, KeyCode::Enter);
    keys(app, "RF-INT-01");
    key(app, KeyCode::Enter);
    key(app, KeyCode::Enter); // Resume: no
}

#[test]
fn evidence_is_hashed_off_the_ui_thread_then_recorded_and_verified() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("interview.txt");
    std::fs::write(&file, b"abc").unwrap();
    let mut app = sample_app();
    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Enter);
    attach(&mut app, &file);
    assert!(app.job.is_some() || app.message.is_some());
    finish_job(&mut app);
    let Screen::Case(view) = &app.screen else { panic!() };
    assert_eq!(view.evidence.len(), 1, "{:?}", app.message);
    assert_eq!(view.evidence[0].sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_eq!(view.evidence[0].items, ["RF-INT-01"]);
    std::fs::write(&file, b"changed").unwrap();
    key(&mut app, KeyCode::Char('v'));
    finish_job(&mut app);
    let Screen::Case(view) = &app.screen else { panic!() };
    assert_eq!(view.evidence[0].last_check.as_deref(), Some("changed"));
}

#[test]
fn esc_cancels_hashing_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("recording.mp4");
    std::fs::File::create(&file).unwrap().set_len(2 << 30).unwrap();
    let mut app = sample_app();
    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Enter);
    attach(&mut app, &file);
    assert!(app.job.is_some(), "{:?}", app.message);
    std::thread::sleep(Duration::from_millis(50));
    tick(&mut app);
    assert!(screen(&mut app).contains("Esc cancels"), "a progress bar shows");
    key(&mut app, KeyCode::Esc);
    finish_job(&mut app);
    let Screen::Case(view) = &app.screen else { panic!() };
    assert!(view.evidence.is_empty());
    assert!(app.message.as_ref().unwrap().text.contains("cancelled"), "{:?}", app.message);
}

#[test]
fn changes_from_another_process_appear_on_the_next_tick() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    let ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let mut app = App::new(ws, Theme::named("dark", false).unwrap()).unwrap();
    let mut other = Workspace::open(&path, "ben", common::keys_beside(&path)).unwrap();
    other.create_case(&NewCase { title: "From the CLI".into(), priority: Priority::Low, candidate: None }).unwrap();
    tick(&mut app);
    let Screen::List(list) = &app.screen else { panic!() };
    assert_eq!(list.total, 1);
    assert!(screen(&mut app).contains("From the CLI"));
}

#[test]
fn any_size_and_any_text_draws_without_panicking() {
    let mut app = sample_app();
    app.ws
        .create_case(&NewCase {
            title: "שלום עולם · 안녕하세요 · e\u{301}\u{301} · 👩‍💻 · \u{202e}RTL override".into(),
            priority: Priority::Low,
            candidate: Some("محمد الأحمد".into()),
        })
        .unwrap();
    app.reload().unwrap();
    for (w, h) in [(1, 1), (2, 1), (1, 40), (59, 14), (60, 15), (61, 16), (80, 24), (100, 30), (250, 70), (30, 200)] {
        render(&mut app, w, h);
        handle_event(&mut app, &Event::Resize(w, h));
        for k in ['j', '?', 'q'] {
            key(&mut app, KeyCode::Char(k));
        }
        render(&mut app, w, h);
    }
    key(&mut app, KeyCode::Enter);
    for tab in Tab::ALL {
        key(&mut app, KeyCode::Char(char::from(b'1' + tab.index() as u8)));
        for (w, h) in [(1, 1), (60, 15), (100, 30)] {
            render(&mut app, w, h);
        }
    }
}

#[test]
fn mouse_clicks_select_rows_and_tabs_and_the_wheel_scrolls() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mouse = |kind, column, row| Event::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE });
    let mut app = sample_app();
    screen(&mut app);
    handle_event(&mut app, &mouse(MouseEventKind::Down(MouseButton::Left), 10, 3));
    let Screen::List(list) = &app.screen else { panic!() };
    assert_eq!(list.selected, 1);
    handle_event(&mut app, &mouse(MouseEventKind::Down(MouseButton::Left), 10, 3));
    assert!(matches!(app.screen, Screen::Case(_)), "a second click opens");
    screen(&mut app);
    handle_event(&mut app, &mouse(MouseEventKind::Down(MouseButton::Left), 20, 2));
    let Screen::Case(view) = &app.screen else { panic!() };
    assert_eq!(view.tab, Tab::RedFlags);
    handle_event(&mut app, &mouse(MouseEventKind::ScrollDown, 20, 10));
    let Screen::Case(view) = &app.screen else { panic!() };
    assert_eq!(view.selection(), 3);
}

#[test]
fn every_builtin_theme_and_no_color_draw() {
    for name in ["dark", "light", "high-contrast"] {
        for no_color in [false, true] {
            let mut app = sample_app();
            app.theme = Theme::named(name, no_color).unwrap();
            assert!(screen(&mut app).contains("Backend engineer"));
        }
    }
}

#[test]
fn accepting_a_suggestion_on_the_links_tab_flags_the_item_through_the_audit_trail() {
    let mut app = linked_app();
    open_links(&mut app, 1);
    let link = &view(&app).links[view(&app).selection()];
    assert_eq!((link.strength, link.other_case()), (Strength::Strong, Some(2)), "the shared phone comes first");
    key(&mut app, KeyCode::Char('A'));
    let Some(Overlay::Form(form)) = &app.overlay else { panic!("A asks for a note first") };
    assert!(form.title.starts_with("Accept RF-COM-02"), "{}", form.title);
    keys(&mut app, "same phone as the designer");
    key(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.message);
    assert!(app.message.as_ref().unwrap().text.starts_with("RF-COM-02 flagged"), "{:?}", app.message);
    let v = view(&app);
    let entry = v.checklist.iter().find(|e| e.item.code == "RF-COM-02").unwrap();
    assert_eq!(entry.state, MarkState::Flagged);
    assert!(entry.note.contains("same phone as the designer"), "{}", entry.note);
    assert!(v.suggestions.iter().all(|s| s.code != "RF-COM-02"), "the suggestion is gone");
    assert_eq!(v.assessment.score, app.ws.case(1).unwrap().risk_score);
    let audit = app.ws.audit_log(Some(1), 1, 0).unwrap();
    assert_eq!(audit[0].action, "suggestion.accept");
    assert_eq!(audit[0].details["why"], "same phone as the designer");
}

#[test]
fn dismissing_a_suggestion_asks_why_and_leaves_the_item_open() {
    let mut app = linked_app();
    open_links(&mut app, 1);
    key(&mut app, KeyCode::Char('G'));
    let code = view(&app).selected_suggestion().unwrap().code.clone();
    assert_eq!(code, "DD-PAY-01", "the last line is the failed routing check's suggestion");
    key(&mut app, KeyCode::Char('D'));
    keys(&mut app, "typo by the recruiter");
    key(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.message);
    let v = view(&app);
    assert_eq!(v.checklist.iter().find(|e| e.item.code == code).unwrap().state, MarkState::Open);
    assert!(v.suggestions.iter().all(|s| s.code != code));
    let audit = app.ws.audit_log(Some(1), 1, 0).unwrap();
    assert_eq!(audit[0].action, "suggestion.dismiss");
    assert_eq!(audit[0].details["why"], "typo by the recruiter");

    // Esc on the form decides nothing.
    key(&mut app, KeyCode::Char('g'));
    key(&mut app, KeyCode::Char('D'));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.ws.audit_log(Some(1), 1, 0).unwrap()[0].action, "suggestion.dismiss");
    assert!(view(&app).suggestions.iter().any(|s| s.code == "RF-COM-02"));
}

#[test]
fn a_weak_or_decided_link_says_why_a_and_d_do_nothing() {
    let mut app = linked_app();
    app.ws.set_mark(1, "RF-COM-02", MarkState::Flagged, None).unwrap();
    // The same /24 network is only a hint: a weak link.
    app.ws.add_identifier(1, IdentifierKind::Ip, "203.0.113.7", None, "", false).unwrap();
    app.ws.add_identifier(3, IdentifierKind::Ip, "203.0.113.99", None, "", false).unwrap();
    open_links(&mut app, 1);
    key(&mut app, KeyCode::Char('A'));
    assert!(app.overlay.is_none());
    assert!(app.message.as_ref().unwrap().text.contains("already flagged"), "{:?}", app.message);
    let weak = view(&app).links.iter().position(|l| l.strength == Strength::Weak).expect("a weak link");
    (0..weak).for_each(|_| key(&mut app, KeyCode::Char('j')));
    key(&mut app, KeyCode::Char('D'));
    assert!(app.overlay.is_none());
    assert!(app.message.as_ref().unwrap().text.contains("weak link"), "{:?}", app.message);
}

#[test]
fn enter_on_a_link_opens_the_other_case_and_esc_goes_back_to_it_then_to_the_list() {
    let mut app = linked_app();
    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('6'));
    key(&mut app, KeyCode::Enter);
    let v = view(&app);
    assert_eq!((v.case.id, v.tab), (2, Tab::Links), "case #2 opens on its links");
    assert_eq!(v.links[v.selection()].other_case(), Some(1), "with the link back selected");
    key(&mut app, KeyCode::Esc);
    assert_eq!((view(&app).case.id, view(&app).tab), (1, Tab::Links), "Esc returns to the case left");
    key(&mut app, KeyCode::Esc);
    let Screen::List(list) = &app.screen else { panic!("Esc returns to the list") };
    assert_eq!(list.selected, 2, "where it was");

    // A click selects a line; a second click on a link opens its case.
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let click = |column, row| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    open_links(&mut app, 1);
    let text = screen(&mut app);
    let row = text.lines().position(|l| l.contains("DD-PAY-01")).unwrap() as u16;
    handle_event(&mut app, &click(20, row));
    assert_eq!(view(&app).selected_suggestion().unwrap().code, "DD-PAY-01");
    let row = text.lines().position(|l| l.contains("│strong ")).unwrap() as u16;
    handle_event(&mut app, &click(20, row));
    assert_eq!(view(&app).selection(), 0);
    handle_event(&mut app, &click(20, row));
    assert_eq!(view(&app).case.id, 2);
}

#[test]
fn the_case_list_marks_linked_cases_only() {
    let mut app = linked_app();
    let Screen::List(list) = &app.screen else { panic!() };
    assert_eq!(list.linked, [1, 2].into_iter().collect());
    let text = screen(&mut app);
    let row = |id: &str| text.lines().find(|l| l.contains(&format!("│{id} "))).unwrap().to_string();
    assert!(row("#1").contains('↔') && row("#2").contains('↔'), "{text}");
    assert!(!row("#3").contains('↔'), "{text}");
    // A list-only match does not mark a case: only values shared with another case do.
    assert!(!sample_app().ws.linked_cases(&[1, 2, 3]).unwrap().contains(&1));
}

/// A short resume, long enough to fingerprint.
const RESUME: &str = "Senior backend engineer with eight years of experience building payment platforms in Go \
    and Rust. Led the migration of a monolith to event-driven services handling two million transactions a day. \
    Designed fraud scoring pipelines, on-call rotations and incident reviews. Mentored six engineers and ran the \
    hiring loop for the platform team. Previously a full-stack developer at a logistics startup, where I built \
    shipment tracking, invoicing and a React dashboard used by three hundred dispatchers. Bachelor of Science in \
    Computer Science. Fluent in English; comfortable working across time zones with distributed teams.";

#[test]
fn a_resume_attached_in_the_tui_is_fingerprinted_and_linked() {
    let dir = tempfile::tempdir().unwrap();
    let theirs = dir.path().join("designer-cv.txt");
    let ours = dir.path().join("jordan-lee-cv.txt");
    std::fs::write(&theirs, RESUME).unwrap();
    std::fs::write(&ours, RESUME).unwrap();
    let mut app = sample_app();
    app.ws.attach_evidence(2, &theirs, "CV as received", &[], true, &mut |_, _| true).unwrap();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('4'));
    key(&mut app, KeyCode::Char('a'));
    handle_event(&mut app, &Event::Paste(ours.display().to_string()));
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "CV from the vendor");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    (0..4).for_each(|_| key(&mut app, KeyCode::Backspace));
    keys(&mut app, "yes");
    key(&mut app, KeyCode::Enter);
    finish_job(&mut app);
    let message = app.message.clone().unwrap().text;
    assert!(message.starts_with("attached resume #2"), "{message}");
    assert!(message.contains("1 near-duplicate"), "{message}");
    let v = view(&app);
    assert_eq!(v.evidence[0].kind, "resume");
    let link = v.links.iter().find(|l| l.strength == Strength::Similar).expect("a resume link");
    assert_eq!((link.other_case(), link.this.raw.as_str()), (Some(2), "jordan-lee-cv.txt"));
    assert!(v.suggestions.iter().any(|s| s.code == "RF-RES-01"));
}

#[test]
fn a_resume_in_an_unreadable_format_is_refused_before_hashing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cv.mp4");
    std::fs::write(&file, b"not a resume").unwrap();
    let mut app = sample_app();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('4'));
    key(&mut app, KeyCode::Char('a'));
    handle_event(&mut app, &Event::Paste(file.display().to_string()));
    for _ in 0..3 {
        key(&mut app, KeyCode::Enter);
    }
    (0..4).for_each(|_| key(&mut app, KeyCode::Backspace));
    keys(&mut app, "yes");
    key(&mut app, KeyCode::Enter);
    assert!(app.job.is_none(), "nothing is hashed");
    let Some(Overlay::Form(form)) = &app.overlay else { panic!("the form stays") };
    let error = form.error.as_deref().unwrap_or_default();
    assert!(error.contains("vetdesk reads resumes in"), "{error}");
    assert_eq!(error.lines().count(), 1);
    assert!(view(&app).evidence.is_empty());
}

#[test]
fn c_hides_closed_cases_then_lists_archived_ones_and_x_archives_from_the_case_view() {
    let mut app = linked_app();
    app.ws.set_status(3, vetdesk::domain::CaseStatus::Closed, Some(vetdesk::domain::Disposition::Cleared)).unwrap();
    app.reload().unwrap();
    let total = |app: &App| match &app.screen {
        Screen::List(list) => list.total,
        Screen::Case(_) => panic!("the list is showing"),
    };
    assert_eq!(total(&app), 3);
    key(&mut app, KeyCode::Char('c'));
    assert_eq!(total(&app), 2, "the closed case is hidden");
    assert!(screen(&mut app).contains("closed hidden"));

    // X on case #2 asks why; an empty reason keeps the form open.
    app.open_case(2).unwrap();
    key(&mut app, KeyCode::Char('X'));
    key(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_some(), "archiving needs a reason");
    keys(&mut app, "opened twice");
    key(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.message);
    assert_eq!(app.ws.case(2).unwrap().archived.unwrap().reason, "opened twice");
    assert!(screen(&mut app).contains("ARCHIVED"));
    key(&mut app, KeyCode::Esc);
    assert_eq!(total(&app), 1, "closed and archived cases are both out");
    let Screen::List(list) = &app.screen else { panic!() };
    assert!(list.linked.is_empty(), "case #1 no longer links to the archived case");

    key(&mut app, KeyCode::Char('c'));
    assert_eq!(total(&app), 1, "archived cases only");
    assert!(screen(&mut app).contains("Archived cases"));
    key(&mut app, KeyCode::Char('c'));
    assert_eq!(total(&app), 2, "all but archived: the closed case is back");

    // X on the archived case brings it back.
    app.open_case(2).unwrap();
    key(&mut app, KeyCode::Char('X'));
    key(&mut app, KeyCode::Enter);
    assert!(app.ws.case(2).unwrap().archived.is_none());
    key(&mut app, KeyCode::Esc);
    assert_eq!(total(&app), 3);
    assert!(app.ws.verify_audit().unwrap().holds());
}
