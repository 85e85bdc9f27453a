//! The workstation's longer flows: hashing off the UI thread, changes from another process, any size and
//! text, mouse, themes, links and their suggestions, resumes and archiving.

mod common;

use common::tui_app::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers};
use std::time::Duration;
use vetdesk::Workspace;
use vetdesk::domain::link::Strength;
use vetdesk::domain::{IdentifierKind, MarkState, Priority};
use vetdesk::tui::app::{Overlay, Screen, Tab};
use vetdesk::tui::update::{handle_event, tick};
use vetdesk::tui::{App, Theme};
use vetdesk::workspace::NewCase;

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
    // Esc in a form, or as "no" to quitting, answers that form or question and leaves the hashing alone.
    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Char('a'));
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none(), "an empty form closes on Esc");
    key(&mut app, KeyCode::Char('q'));
    key(&mut app, KeyCode::Char('q'));
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })), "quitting asks while a file is hashed");
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    assert!(!app.message.as_ref().is_some_and(|m| m.text.contains("cancelling")), "{:?}", app.message);
    tick(&mut app);
    assert!(app.job.is_some(), "the hashing goes on");
    key(&mut app, KeyCode::Esc);
    finish_job(&mut app);
    assert!(app.message.as_ref().unwrap().text.contains("cancelled"), "{:?}", app.message);
    key(&mut app, KeyCode::Enter);
    let Screen::Case(view) = &app.screen else { panic!() };
    assert!(view.evidence.is_empty());
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

/// `u` undoes the investigator's own last change only: not over a colleague's later change to the same
/// case (it would throw their change away), and not past a change of theirs here that `u` cannot undo.
#[test]
fn u_never_overwrites_a_later_change_nor_reaches_past_the_last_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    ws.create_case(&NewCase { title: "Contractor".into(), priority: Priority::Low, candidate: None }).unwrap();
    let mut app = App::new(ws, Theme::named("dark", false).unwrap()).unwrap();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('f'));
    let code =
        app.ws.checklist(1).unwrap().into_iter().find(|e| e.state == MarkState::Flagged).unwrap().item.code.clone();
    app.message = None;
    assert!(screen(&mut app).contains(&format!("u undo the mark on {code}")), "{}", screen(&mut app));

    // A colleague clears the same item from another process, with a note.
    let mut other = Workspace::open(&path, "ben", common::keys_beside(&path)).unwrap();
    other.set_mark(1, &code, MarkState::Clear, Some("documents verified in person")).unwrap();
    tick(&mut app);
    // As the change comes in, `u` stops offering what it would now refuse, and says why.
    let said = app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.contains("changed elsewhere (mark.set by ben") && said.contains("u no longer undoes"), "{said}");
    key(&mut app, KeyCode::Char('u'));
    // Pressed anyway, it says so again, naming the change; not that the last change is of a kind u cannot undo.
    let said = app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.contains("changed elsewhere (mark.set by ben") && said.ends_with("nothing was undone"), "{said}");
    let e = app.ws.checklist(1).unwrap().into_iter().find(|e| e.item.code == code).unwrap();
    assert_eq!(
        (e.state, e.note.as_str()),
        (MarkState::Clear, "documents verified in person"),
        "the colleague's change stays"
    );
    // Refused once, it is never offered again.
    app.message = None;
    assert!(!screen(&mut app).contains("u undo"), "{}", screen(&mut app));
    key(&mut app, KeyCode::Char('f'));
    // Two colleagues change it after this one: the refusal names the first change.
    other.set_mark(1, &code, MarkState::Na, Some("first")).unwrap();
    let mut third = Workspace::open(&path, "cy", common::keys_beside(&path)).unwrap();
    third.set_mark(1, &code, MarkState::Clear, Some("second")).unwrap();
    tick(&mut app);
    let said = app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.contains("changed elsewhere (mark.set by ben"), "{said}");

    // A note added here cannot be undone with u, so u does not reach past it to the mark.
    let mut app = App::new(
        Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap(),
        Theme::named("dark", false).unwrap(),
    )
    .unwrap();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Char('a'));
    keys(&mut app, "Called the reference.");
    ctrl(&mut app, 's');
    app.message = None;
    assert!(!screen(&mut app).contains("u undo"), "no undo is offered past the note");
    key(&mut app, KeyCode::Char('u'));
    let said = app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.contains("cannot be undone with u"), "{said}");
    assert_eq!(app.ws.checklist(1).unwrap().iter().filter(|e| e.state == MarkState::Flagged).count(), 1);
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
fn u_undoes_accepting_and_dismissing_a_suggestion() {
    let mut app = linked_app();
    open_links(&mut app, 1);
    let before = view(&app).checklist.iter().find(|e| e.item.code == "RF-COM-02").map(|e| e.state).unwrap();
    key(&mut app, KeyCode::Char('A'));
    keys(&mut app, "same phone");
    key(&mut app, KeyCode::Enter);
    app.message = None;
    assert!(screen(&mut app).contains("u undo accepting the suggestion RF-COM-02"), "{}", screen(&mut app));
    // On the search line u types a letter: no undo is offered there.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('/'));
    assert!(!screen(&mut app).contains("u undo"), "{}", screen(&mut app));
    key(&mut app, KeyCode::Esc);
    open_links(&mut app, 1);
    key(&mut app, KeyCode::Char('u'));
    assert!(
        app.message.as_ref().unwrap().text.starts_with("undid accepting the suggestion RF-COM-02"),
        "{:?}",
        app.message
    );
    let v = view(&app);
    assert_eq!(v.checklist.iter().find(|e| e.item.code == "RF-COM-02").unwrap().state, before);
    assert!(v.suggestions.iter().any(|s| s.code == "RF-COM-02"), "the suggestion is open again");
    assert_eq!(v.assessment.score, app.ws.case(1).unwrap().risk_score);
    let audit = app.ws.audit_log(Some(1), 1, 0).unwrap();
    assert_eq!(audit[0].action, "suggestion.withdraw");
    assert_eq!(audit[0].details["withdrawn"][0]["decision"], "accepted");
    assert_eq!(audit[0].details["to"], "open");

    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Char('D'));
    keys(&mut app, "typo");
    key(&mut app, KeyCode::Enter);
    assert!(view(&app).suggestions.iter().all(|s| s.code != "DD-PAY-01"));
    key(&mut app, KeyCode::Char('u'));
    assert!(view(&app).suggestions.iter().any(|s| s.code == "DD-PAY-01"), "{:?}", app.message);
    assert_eq!(app.ws.audit_log(Some(1), 1, 0).unwrap()[0].details["withdrawn"][0]["decision"], "dismissed");
    // Decided again after the undo: the decision takes the withdrawn rows over.
    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Char('D'));
    keys(&mut app, "typo after all");
    key(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.message);
    assert!(view(&app).suggestions.iter().all(|s| s.code != "DD-PAY-01"));
    assert!(app.ws.verify_audit().unwrap().holds(), "the withdrawn and retaken rows keep their seals");
}

/// A link whose values do not fit the panel under the tables says so, and `v` reads it whole.
#[test]
fn a_link_longer_than_its_panel_says_so_and_v_reads_it_whole() {
    let mut app = linked_app();
    let long = format!("jordan.lee.contractor@{}example.com", "very-long-subdomain-name-for-testing.".repeat(4));
    app.ws.add_identifier(1, IdentifierKind::Email, &long, None, "", false).unwrap();
    app.ws.add_identifier(2, IdentifierKind::Email, &long, None, "", false).unwrap();
    open_links(&mut app, 1);
    let at = view(&app).links.iter().position(|l| l.this.raw == long).unwrap();
    for _ in 0..at {
        key(&mut app, KeyCode::Char('j'));
    }
    let shown = render(&mut app, 80, 24).backend().to_string();
    assert!(shown.contains("↓ more · v reads it whole"), "{shown}");
    key(&mut app, KeyCode::Char('v'));
    let Some(Overlay::Read(reading)) = &app.overlay else { panic!("v reads the link: {:?}", app.message) };
    assert!(reading.text.contains(&format!("holds {long}")), "{}", reading.text);
    // The box's keys are on its edge: it does not repeat the tab's, which it does not take (Enter closes it).
    assert!(!reading.text.contains("opens case") && !reading.text.contains("dismisses"), "{}", reading.text);
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

/// A workspace whose every case is archived is not called empty: the list says the cases are set aside
/// and how to list them.
#[test]
fn a_list_emptied_by_archiving_says_so_and_how_to_show_them() {
    let mut app = empty_app();
    let id = app
        .ws
        .create_case(&NewCase { title: "Opened twice".into(), priority: Priority::Medium, candidate: None })
        .unwrap();
    let reason = "duplicate of case 7, opened by the vendor team after the second interview; the notes were merged \
                  there and counsel agreed the earlier file can be set aside unchanged";
    app.ws.archive_case(id, reason).unwrap();
    app.reload().unwrap();
    let list = screen(&mut app);
    assert!(!list.contains("no cases yet"), "{list}");
    assert!(list.contains("Every case of this workspace is archived (1)"), "{list}");
    keys(&mut app, "cc");
    assert!(screen(&mut app).contains("Opened twice"));
    // Bringing it back shows the whole reason at 80 columns.
    app.open_case(id).unwrap();
    key(&mut app, KeyCode::Char('X'));
    let form = text(&mut app, 80, 24);
    assert!(form.contains("set aside unchanged"), "{form}");
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

    // X on the archived case brings it back; the form shows why it was archived, wrapped, however long.
    app.open_case(2).unwrap();
    key(&mut app, KeyCode::Char('X'));
    let text = text(&mut app, 80, 24);
    assert!(text.contains("Bring back case #2") && text.contains("optional · archived by"), "{text}");
    key(&mut app, KeyCode::Enter);
    assert!(app.ws.case(2).unwrap().archived.is_none());
    key(&mut app, KeyCode::Esc);
    assert_eq!(total(&app), 3);
    assert!(app.ws.verify_audit().unwrap().holds());
}

/// What `u` says names what it undoes: a note written on an item is "the note", and a change it cannot
/// undo (a note added) is said to be one, not "nothing since vetdesk was opened".
#[test]
fn u_names_a_note_on_an_item_and_a_change_it_cannot_undo() {
    let mut app = sample_app();
    app.open_case(3).unwrap();
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('e'));
    handle_event(&mut app, &Event::Paste("Seen twice on camera".into()));
    ctrl(&mut app, 's');
    key(&mut app, KeyCode::Char('u'));
    let said = app.message.clone().unwrap().text;
    assert!(said.starts_with("undid the note on "), "{said}");
    assert!(view(&app).checklist.iter().all(|e| e.note.is_empty()), "the note is gone again");

    // Nothing left to undo, then a change u cannot undo: it says so, not "nothing since opening".
    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Char('a'));
    handle_event(&mut app, &Event::Paste("Called the reference.".into()));
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{:?}", app.message);
    key(&mut app, KeyCode::Char('u'));
    let said = app.message.clone().unwrap().text;
    assert!(said.starts_with("your last change here cannot be undone with u"), "{said}");
}
