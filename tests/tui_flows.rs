//! Flows through the workstation: status messages that expire, Ctrl-C, the back stack through linked
//! cases, evidence verified when attached, and what the links tab says about suggestions.

mod common;

use std::time::{Duration, Instant};

use common::tui_app::{ctrl, draw, finish_job, key, keys, linked_app, sample_app, text, view};
use ratatui::crossterm::event::{Event, KeyCode};
use vetdesk::domain::link::Strength;
use vetdesk::domain::{IdentifierKind, MarkState};
use vetdesk::tui::app::{Overlay, Screen, Tab};
use vetdesk::tui::status::{SHOWN_FOR, UiClock};
use vetdesk::tui::update::{handle_event, tick};

/// The sample workspace open on case 1, and a file `name` holding `bytes` in a temporary folder (kept
/// while the folder is).
fn on_case_one_with_file(name: &str, bytes: &[u8]) -> (vetdesk::tui::App, tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    let mut app = sample_app();
    app.open_case(1).unwrap();
    (app, dir, file)
}

/// On the open case's evidence tab, attaches the file at `path` with the form's defaults: the hashing
/// starts on its worker.
fn attach(app: &mut vetdesk::tui::App, path: &std::path::Path) {
    key(app, KeyCode::Char('4'));
    key(app, KeyCode::Char('a'));
    handle_event(app, &Event::Paste(path.display().to_string()));
    ctrl(app, 's');
    assert!(app.job.is_some(), "{:?}", app.message);
}

#[test]
fn a_status_message_expires_and_the_key_hints_return() {
    let mut app = sample_app();
    app.clock = UiClock::Manual(Instant::now());
    key(&mut app, KeyCode::Enter);
    assert!(app.message.is_none(), "opening a case says nothing");
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('f'));
    let said = app.message.clone().expect("marking says what it did").text;
    assert!(text(&mut app, 100, 30).contains(&said));
    app.clock.advance(SHOWN_FOR - Duration::from_millis(1));
    tick(&mut app);
    assert!(app.message.is_some(), "still shown just before it expires");
    app.clock.advance(Duration::from_millis(1));
    tick(&mut app);
    assert!(app.message.is_none(), "gone after {SHOWN_FOR:?}");
    let screen = text(&mut app, 100, 30);
    assert!(!screen.contains(&said) && screen.contains("space cycle · f flag"), "the hints are back:\n{screen}");

    // An expired message also goes at the next key, between ticks.
    key(&mut app, KeyCode::Char('c'));
    assert!(app.message.is_some());
    app.clock.advance(SHOWN_FOR);
    key(&mut app, KeyCode::Char('j'));
    assert!(app.message.is_none());
}

#[test]
fn an_error_stays_until_the_next_key() {
    let mut app = sample_app();
    app.clock = UiClock::Manual(Instant::now());
    app.error("the workspace is read-only");
    app.clock.advance(SHOWN_FOR * 10);
    tick(&mut app);
    assert!(app.message.as_ref().is_some_and(|m| m.error), "an error outlives the ticks");
    assert!(text(&mut app, 80, 24).contains("the workspace is read-only"));
    key(&mut app, KeyCode::Char('j'));
    assert!(app.message.is_none(), "the next key dismisses it");
}

/// A message longer than the status bar is shown whole over the rows above it, not cut mid-word.
#[test]
fn a_long_message_is_shown_whole() {
    let mut app = sample_app();
    app.error(
        "/tmp/evidence/screenshot-2026-03-14.png holds 48c3a4e1f0b2…, not evidence #2's 6fe26ace8c67…; \
         nothing was changed (looked at 1 entry, hashed 2 MB)",
    );
    let shown = text(&mut app, 80, 24);
    let lines: Vec<&str> = shown.lines().map(|l| l.trim_matches('"')).collect();
    let bottom = lines[lines.len() - 3..].join(" ");
    let squeezed: String = bottom.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squeezed.contains("nothing was changed (looked at 1 entry, hashed 2 MB)"), "{shown}");
}

#[test]
fn ctrl_c_quits_from_a_case_a_form_and_the_controls() {
    let mut app = sample_app();
    app.open_case(1).unwrap();
    ctrl(&mut app, 'c');
    assert!(app.quit, "from a case view, not only back to the list");

    let mut app = sample_app();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Char('a'));
    keys(&mut app, "half a note");
    assert!(matches!(app.overlay, Some(Overlay::Form(_))));
    ctrl(&mut app, 'c');
    assert!(!app.quit, "typed text: the first Ctrl-C asks");
    ctrl(&mut app, 'c');
    assert!(app.quit && app.overlay.is_none(), "from a form");
    assert_eq!(app.ws.count_notes(1).unwrap(), 2, "nothing half-typed is saved");

    let mut app = sample_app();
    key(&mut app, KeyCode::Char('O'));
    assert!(app.controls.is_some());
    ctrl(&mut app, 'c');
    assert!(app.quit, "from the organisation controls");

    let mut app = sample_app();
    key(&mut app, KeyCode::Char('?'));
    ctrl(&mut app, 'c');
    assert!(app.quit, "from help");
}

#[test]
fn ctrl_c_while_a_file_is_hashed_asks_and_a_second_ctrl_c_quits() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("recording.mp4");
    std::fs::File::create(&file).unwrap().set_len(2 << 30).unwrap();
    let mut app = sample_app();
    app.open_case(1).unwrap();
    attach(&mut app, &file);
    ctrl(&mut app, 'c');
    assert!(!app.quit);
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })));
    let screen = text(&mut app, 80, 24);
    assert!(screen.contains("(Ctrl-C") && screen.contains("again quits)"), "{screen}");
    ctrl(&mut app, 'c');
    assert!(app.quit);
    if let Some(job) = &app.job {
        job.cancel();
    }
    finish_job(&mut app);
}

/// Asked before quitting while a file is hashed, the question names the work; when the work ends before
/// the answer, the question says so, and declining says no work goes on.
#[test]
fn the_question_before_quitting_names_the_work_and_follows_it_to_its_end() {
    let (mut app, _dir, file) = on_case_one_with_file("interview.txt", b"abc");
    attach(&mut app, &file);
    key(&mut app, KeyCode::Char('q'));
    key(&mut app, KeyCode::Char('q'));
    let asked = |app: &vetdesk::tui::App| match &app.overlay {
        Some(Overlay::Confirm { question, .. }) => question.clone(),
        _ => panic!("no question: {:?}", app.message),
    };
    assert!(asked(&app).starts_with("Still hashing ") && asked(&app).contains("interview.txt"), "{}", asked(&app));
    let screen = text(&mut app, 100, 30);
    assert!(screen.contains("hashing") && !screen.contains("Esc cancels"), "Esc answers the question:\n{screen}");
    finish_job(&mut app);
    assert!(asked(&app).starts_with("The work finished meanwhile"), "{}", asked(&app));
    key(&mut app, KeyCode::Esc);
    assert_eq!((app.quit, app.message.as_ref().map(|m| m.text.as_str())), (false, Some("not quitting")));
}

/// A file refused after hashing (already attached) puts its form back only while its case is on the
/// screen; left for the case list meanwhile, the status line says why instead.
#[test]
fn a_refused_attachment_comes_back_as_a_form_only_on_its_case() {
    let (mut app, _dir, file) = on_case_one_with_file("offer-letter.txt", b"offer");
    attach(&mut app, &file);
    finish_job(&mut app);
    attach(&mut app, &file);
    finish_job(&mut app);
    assert!(matches!(app.overlay, Some(Overlay::Form(_))), "on its case, the form comes back: {:?}", app.message);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none(), "the form put back is left with two Esc");
    attach(&mut app, &file);
    key(&mut app, KeyCode::Char('q'));
    assert!(matches!(app.screen, Screen::List(_)));
    finish_job(&mut app);
    assert!(app.overlay.is_none(), "no form over the case list");
    let said = app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.contains("already attached to case #1"), "{said}");
}

/// The case open and its tab.
fn at(app: &vetdesk::tui::App) -> Option<(i64, Tab)> {
    match &app.screen {
        Screen::Case(view) => Some((view.case.id, view.tab)),
        Screen::List(_) => None,
    }
}

#[test]
fn esc_goes_back_through_the_linked_cases_then_to_the_list() {
    let mut app = linked_app();
    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('6'));
    assert_eq!(at(&app), Some((1, Tab::Links)));
    key(&mut app, KeyCode::Enter);
    assert_eq!(at(&app), Some((2, Tab::Links)), "the link opens case #2");
    assert!(app.message.as_ref().unwrap().text.contains("Esc returns to case #1"), "{:?}", app.message);
    // From #2, back along the same link to #1, then on to the red flags there.
    key(&mut app, KeyCode::Enter);
    assert_eq!(at(&app), Some((1, Tab::Links)));
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Enter); // on the red flags tab Enter reads the item whole; Esc closes it
    assert_eq!(at(&app), Some((1, Tab::RedFlags)));
    assert!(matches!(app.overlay, Some(vetdesk::tui::app::Overlay::Read(_))));
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none() && at(&app) == Some((1, Tab::RedFlags)), "Esc closes only the box");

    key(&mut app, KeyCode::Esc);
    assert_eq!(at(&app), Some((2, Tab::Links)), "back to case #2, on the tab it was left on");
    assert_eq!(view(&app).links[view(&app).selection()].other_case(), Some(1), "with the same line selected");
    key(&mut app, KeyCode::Char('q'));
    assert_eq!(at(&app), Some((1, Tab::Links)), "q goes back the same way");
    key(&mut app, KeyCode::Esc);
    let Screen::List(list) = &app.screen else { panic!("then the case list") };
    assert_eq!(list.selected, 2, "where it was");
    assert!(app.back.is_empty());

    // Opening a case from the list starts afresh: Esc goes straight back to the list.
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::List(_)));
}

#[test]
fn going_back_to_a_case_archived_meanwhile_shows_it_archived() {
    let mut app = linked_app();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('6'));
    key(&mut app, KeyCode::Enter);
    assert_eq!(at(&app), Some((2, Tab::Links)));
    app.ws.archive_case(1, "opened twice").unwrap();
    key(&mut app, KeyCode::Esc);
    assert_eq!(at(&app), Some((1, Tab::Links)));
    assert!(text(&mut app, 100, 30).contains("ARCHIVED"), "read afresh, not from before");
}

#[test]
fn freshly_attached_evidence_shows_verified_at_attach_time() {
    let (mut app, _dir, file) = on_case_one_with_file("interview.txt", b"abc");
    attach(&mut app, &file);
    finish_job(&mut app);
    let e = &view(&app).evidence[0];
    assert_eq!(e.last_check.as_deref(), Some("intact"), "{:?}", app.message);
    assert_eq!(e.last_checked_at.as_deref(), Some(e.attached_at.as_str()), "checked when hashed");
    let screen = text(&mut app, 80, 24);
    let row = screen.lines().find(|l| l.contains("interview.txt")).unwrap();
    assert!(row.contains("intact") && !screen.contains("not verified"), "{screen}");
    let log = app.ws.audit_log(Some(1), 1, 0).unwrap();
    assert_eq!(log[0].action, "evidence.add", "one audited change");
    assert!(app.ws.verify_audit().unwrap().holds());
}

#[test]
fn with_only_weak_links_the_links_tab_says_nothing_was_suggested() {
    let mut app = sample_app();
    // The same /24 network is only a hint: a weak link, which suggests no item.
    app.ws.add_identifier(3, IdentifierKind::Ip, "203.0.113.7", None, "", false).unwrap();
    app.ws.add_identifier(2, IdentifierKind::Ip, "203.0.113.99", None, "", false).unwrap();
    app.open_case(3).unwrap();
    key(&mut app, KeyCode::Char('6'));
    assert!(view(&app).links.iter().all(|l| l.strength == Strength::Weak) && !view(&app).links.is_empty());
    let screen = text(&mut app, 100, 30);
    assert!(screen.contains("No suggestions"), "{screen}");
    assert!(!screen.contains("each suggestion was flagged or decided"), "{screen}");

    // Where a link did suggest an item and it was flagged, the panel says so.
    let mut app = linked_app();
    app.ws.set_mark(1, "RF-COM-02", MarkState::Flagged, None).unwrap();
    app.ws.add_identifier(1, IdentifierKind::RoutingNumber, "021000021", None, "", false).unwrap();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('6'));
    if view(&app).suggestions.is_empty() {
        assert!(text(&mut app, 100, 30).contains("each suggestion was flagged or decided"));
    }
}

#[test]
fn a_case_holding_the_value_twice_is_named_once_in_the_suggestion_and_its_note() {
    let mut app = linked_app();
    // Case #2 holds case #1's phone twice, written two ways, for two of its subjects.
    let subject = |app: &mut vetdesk::tui::App, name: &str| {
        let fields = vetdesk::domain::SubjectFields::default();
        app.ws.add_subject(2, vetdesk::domain::Role::Facilitator, name, &fields).unwrap()
    };
    let (first, second) = (subject(&mut app, "Kevin Doyle"), subject(&mut app, "Lena Park"));
    let held = app.ws.identifiers(2).unwrap().into_iter().find(|i| i.kind == IdentifierKind::Phone).unwrap();
    app.ws.edit_identifier(held.id, IdentifierKind::Phone, &held.raw, Some(first), "", false).unwrap();
    app.ws.add_identifier(2, IdentifierKind::Phone, "+1 202 555 0143", Some(second), "", false).unwrap();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('6'));
    let s = view(&app).suggestions.iter().find(|s| s.code == "RF-COM-02").expect("the shared phone suggests");
    let why: Vec<&str> = s.reasons.iter().map(|r| r.text.as_str()).collect();
    assert!(why.iter().all(|t| t.matches("#2").count() <= 1), "{why:?}");
    assert!(why.iter().any(|t| t.contains("also in case #2")), "{why:?}");
    key(&mut app, KeyCode::Char('g'));
    key(&mut app, KeyCode::Char('A'));
    keys(&mut app, "same phone");
    key(&mut app, KeyCode::Enter);
    let note = app.ws.checklist(1).unwrap().into_iter().find(|e| e.item.code == "RF-COM-02").unwrap().note;
    assert_eq!(note.matches("#2").count(), 1, "{note:?}");
    draw(&mut app, 80, 24);
}

fn list_selection(app: &vetdesk::tui::App) -> (u64, i64) {
    let Screen::List(list) = &app.screen else { panic!("the case list is showing") };
    (list.selected, list.rows[(list.selected - list.window_start) as usize].row.id)
}

/// A case changed and left: the list, sorted by last change, has moved it to the top, and the selection
/// is on it there, not on the case that took its old row (Enter would open that one).
#[test]
fn back_on_the_list_the_selection_is_on_the_case_left_where_its_change_moved_it() {
    let mut app = sample_app();
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    let (row, id) = list_selection(&app);
    assert_eq!(row, 2);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.case_id(), Some(id));
    app.ws.set_clock(vetdesk::time::Clock::Fixed(
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 15, 8, 0, 0).unwrap(),
    ));
    app.ws.add_note(id, "Asked for the laptop to be shipped elsewhere.").unwrap();
    key(&mut app, KeyCode::Esc);
    assert_eq!(list_selection(&app), (0, id), "the case left, now first by last change");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.case_id(), Some(id));
    // A re-sort still starts at the top.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('s'));
    assert_eq!(list_selection(&app).0, 0);
}

fn form_error(app: &vetdesk::tui::App) -> Option<String> {
    match &app.overlay {
        Some(Overlay::Form(form)) => form.error.clone(),
        _ => None,
    }
}

/// A record changed elsewhere while its form was open is not saved over unsaid: the form comes back
/// saying so, the other change still there, and a second Ctrl-S saves what was typed.
#[test]
fn a_record_changed_elsewhere_while_its_form_was_open_is_not_saved_over_unsaid() {
    let mut app = sample_app();
    app.open_case(1).unwrap();
    // A note.
    key(&mut app, KeyCode::Char('5'));
    let note = view(&app).notes[0].id;
    key(&mut app, KeyCode::Char('e'));
    app.ws.edit_note(note, "Corrected by a colleague from the command line.").unwrap();
    keys(&mut app, " Mine.");
    ctrl(&mut app, 's');
    let said = form_error(&app).expect("the form is back");
    assert!(said.contains("this record was changed elsewhere since the form opened"), "{said}");
    assert_eq!(app.ws.note_history(note).unwrap().0.body, "Corrected by a colleague from the command line.");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{:?}", app.message);
    assert!(app.ws.note_history(note).unwrap().0.body.ends_with(" Mine."));

    // An identifier: its note set elsewhere.
    key(&mut app, KeyCode::Char('1'));
    let line = view(&app)
        .overview_lines()
        .iter()
        .position(|l| matches!(l, vetdesk::tui::app::OverviewLine::Identifier(_)))
        .unwrap();
    key(&mut app, KeyCode::Char('g'));
    (0..line).for_each(|_| key(&mut app, KeyCode::Char('j')));
    key(&mut app, KeyCode::Char('e'));
    let Some(vetdesk::tui::app::OverviewLine::Identifier(i)) = view(&app).overview_lines().get(line).cloned() else {
        panic!("an identifier line")
    };
    let ident = view(&app).identifiers[i].clone();
    app.ws.edit_identifier(ident.id, ident.kind, &ident.raw, ident.subject_id, "Seen on Telegram.", false).unwrap();
    ctrl(&mut app, 's');
    assert!(form_error(&app).is_some_and(|e| e.contains("changed elsewhere")), "{:?}", app.message);
    assert_eq!(app.ws.identifier(ident.id).unwrap().note, "Seen on Telegram.");
    // Unchanged since it came back: saved.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('e'));
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{:?}", app.message);
}

/// A message exactly as wide as the bar takes the bar's one row, leaving the rows above it as they were.
#[test]
fn a_message_as_wide_as_the_bar_takes_one_row() {
    let mut app = sample_app();
    let place = " in-memory workspace ";
    let message = "x".repeat(80 - place.len() - 1);
    app.error(message.clone());
    let shown = text(&mut app, 80, 24);
    let lines: Vec<&str> = shown.lines().map(|l| l.trim_matches('"')).collect();
    assert!(lines[23].ends_with(&message), "{shown}");
    app.message = None;
    let without = text(&mut app, 80, 24);
    assert_eq!(
        without.lines().nth(22).map(|l| l.trim_matches('"')),
        Some(lines[22]),
        "the row above is the screen's own:\n{shown}"
    );
}

/// Enter on an overview line reads it whole: the note and warning the overview cuts to its column.
#[test]
fn enter_on_an_overview_line_reads_the_record_whole() {
    let mut app = sample_app();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('1'));
    let line = view(&app)
        .overview_lines()
        .iter()
        .position(|l| matches!(l, vetdesk::tui::app::OverviewLine::Identifier(_)))
        .unwrap();
    let Some(vetdesk::tui::app::OverviewLine::Identifier(i)) = view(&app).overview_lines().get(line).cloned() else {
        panic!("an identifier line")
    };
    let ident = view(&app).identifiers[i].clone();
    let long = format!("{} and the end of the note", "Seen on a freelancing site under another name, ".repeat(4));
    app.ws.edit_identifier(ident.id, ident.kind, &ident.raw, ident.subject_id, &long, false).unwrap();
    app.reload().unwrap();
    key(&mut app, KeyCode::Char('g'));
    (0..line).for_each(|_| key(&mut app, KeyCode::Char('j')));
    key(&mut app, KeyCode::Enter);
    let Some(Overlay::Read(reading)) = &app.overlay else { panic!("a reading: {:?}", app.message) };
    assert_eq!(reading.title, format!(" Identifier #{} ", ident.id));
    assert!(reading.text.contains("match key") && reading.text.contains("and the end of the note"), "{}", reading.text);
}

/// Ctrl-C, pressed by habit to copy, does not throw typed text away at once: the form asks, and a second
/// Ctrl-C quits. With nothing typed it quits at once.
#[test]
fn ctrl_c_on_typed_text_asks_before_it_quits() {
    let mut app = sample_app();
    app.open_case(1).unwrap();
    keys(&mut app, "5a");
    keys(&mut app, "a long note");
    ctrl(&mut app, 'c');
    assert!(!app.quit, "the first Ctrl-C asks");
    assert_eq!(form_error(&app).as_deref(), Some(vetdesk::tui::form::QUIT_ASK));
    keys(&mut app, " typed on");
    ctrl(&mut app, 'c');
    assert!(!app.quit, "typing on takes the question back");
    ctrl(&mut app, 'c');
    assert!(app.quit);

    // After the Ctrl-C question, Esc asks its own before it discards; after Esc's, Ctrl-C asks its own.
    let mut app = sample_app();
    app.open_case(1).unwrap();
    keys(&mut app, "5a");
    keys(&mut app, "abc");
    ctrl(&mut app, 'c');
    key(&mut app, KeyCode::Esc);
    assert_eq!(form_error(&app).as_deref(), Some(vetdesk::tui::form::DISCARD_ASK), "the form is still open");
    ctrl(&mut app, 'c');
    assert!(!app.quit);
    assert_eq!(form_error(&app).as_deref(), Some(vetdesk::tui::form::QUIT_ASK));

    let mut app = sample_app();
    app.open_case(1).unwrap();
    keys(&mut app, "5a");
    ctrl(&mut app, 'c');
    assert!(app.quit, "an untouched form does not hold vetdesk back");
}

/// A record added through a form is the one selected afterwards, so the detail panel shows it.
#[test]
fn a_record_just_added_is_the_one_selected() {
    let mut app = sample_app();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Char('g'));
    keys(&mut app, "a");
    keys(&mut app, "Asked again to keep the camera off.");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{:?}", app.message);
    let selected = &view(&app).notes[view(&app).selection()];
    assert_eq!(selected.body, "Asked again to keep the camera off.");
}

/// The status form too: a status set elsewhere while it was open is not set back unsaid, and a close
/// confirmed after the status changed elsewhere closes nothing.
#[test]
fn a_status_changed_elsewhere_is_not_set_back_unsaid() {
    use vetdesk::domain::CaseStatus;
    let mut app = sample_app();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('t'));
    keys(&mut app, "i"); // investigating
    app.ws.set_status(1, CaseStatus::Escalated, None).unwrap();
    ctrl(&mut app, 's');
    let said = form_error(&app).expect("the form is back");
    assert!(said.contains("this record was changed elsewhere since the form opened"), "{said}");
    assert_eq!(app.ws.case(1).unwrap().status, CaseStatus::Escalated);
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{:?}", app.message);
    assert_eq!(app.ws.case(1).unwrap().status, CaseStatus::Investigating, "a second Ctrl-S saves what was chosen");

    key(&mut app, KeyCode::Char('t'));
    keys(&mut app, "c"); // closed
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "cc"); // cleared, then confirmed
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })), "asks before closing");
    app.ws.set_status(1, CaseStatus::Escalated, None).unwrap();
    key(&mut app, KeyCode::Char('y'));
    let said = app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.contains("status was changed elsewhere while this asked; nothing was changed"), "{said}");
    assert_eq!(app.ws.case(1).unwrap().status, CaseStatus::Escalated);

    // Changed elsewhere and changed back while it asked: still a change made elsewhere.
    key(&mut app, KeyCode::Char('t'));
    keys(&mut app, "c");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "cc");
    key(&mut app, KeyCode::Enter);
    app.ws.set_clock(vetdesk::time::Clock::Fixed(
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 20, 8, 0, 0).unwrap(),
    ));
    app.ws.set_status(1, CaseStatus::Investigating, None).unwrap();
    app.ws.set_status(1, CaseStatus::Escalated, None).unwrap();
    key(&mut app, KeyCode::Char('y'));
    let said = app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.contains("status was changed elsewhere while this asked"), "{said}");
    assert_eq!(app.ws.case(1).unwrap().status, CaseStatus::Escalated);

    // Declining to close puts the form back as it was sent, to pick another finding.
    key(&mut app, KeyCode::Char('t'));
    keys(&mut app, "c");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "cc");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('n'));
    let Some(Overlay::Form(form)) = &app.overlay else { panic!("the status form is back: {:?}", app.message) };
    assert_eq!((form.fields[0].value(), form.fields[1].value()), ("closed".into(), "confirmed".into()));
    assert_eq!(app.ws.case(1).unwrap().status, CaseStatus::Escalated);
    ctrl(&mut app, 's');
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })), "asks again: {:?}", app.message);
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(app.ws.case(1).unwrap().status, CaseStatus::Closed);
}

/// What the record holds is drawn so that it can be read as it is: a tab in a note is a space, not
/// nothing; a line break in an evidence file's name is seen as one, not as a space or a broken layout; a
/// character that draws nothing (a zero-width space in a title) is shown.
#[test]
fn tabs_line_breaks_in_names_and_invisible_characters_are_drawn_visibly() {
    let (mut app, _dir, file) = on_case_one_with_file("evil\nline2.txt", b"abc");
    app.ws.add_note(1, "tab\there").unwrap();
    app.reload().unwrap();
    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Char('G'));
    let notes = text(&mut app, 100, 30);
    assert!(notes.matches("tab here").count() >= 2, "the list and the pane below: {notes}");
    key(&mut app, KeyCode::Enter);
    assert!(text(&mut app, 100, 30).contains("tab here"), "the read view");
    key(&mut app, KeyCode::Esc);
    app.ws.attach_evidence(1, &file, "interview", &[], false, &mut |_, _| true).unwrap();
    app.reload().unwrap();
    key(&mut app, KeyCode::Char('4'));
    let evidence = text(&mut app, 100, 30);
    assert!(evidence.contains("\"evil\\nline2.txt\""), "{evidence}");
    key(&mut app, KeyCode::Enter);
    let read = text(&mut app, 100, 30);
    assert!(read.contains("line2.txt\""), "{read}");
    assert!(!read.lines().any(|l| l.trim_start_matches(['│', ' ']).starts_with("line2.txt")), "{read}");
    key(&mut app, KeyCode::Esc);

    let titled = vetdesk::workspace::CaseEdit { title: Some("zw\u{200b}sp".into()), ..Default::default() };
    app.ws.edit_case(1, &titled).unwrap();
    app.reload().unwrap();
    assert!(text(&mut app, 100, 30).contains("zw\\u{200b}sp"));
}
