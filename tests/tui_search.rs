//! Searching in the workstation: the case list's search line answers per keystroke (off the UI thread on a
//! workspace file) and says where each case matched; the status picker with "not closed"; finding items in
//! a checklist. Snapshots at 80×24 and 100×30.

mod common;

use std::time::{Duration, Instant};

use chrono::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use vetdesk::Workspace;
use vetdesk::domain::{CaseStatus, Disposition, IdentifierKind, MarkState, Priority};
use vetdesk::time::Clock;
use vetdesk::tui::app::{CaseList, Screen};
use vetdesk::tui::search::Searcher;
use vetdesk::tui::update::{handle_event, tick};
use vetdesk::tui::{App, Theme, ui};
use vetdesk::workspace::NewCase;

/// Three cases: #1 with a phone typed with punctuation, a flagged item with a note; #2 closed; #3 plain.
fn fill(ws: &mut Workspace) {
    ws.set_clock(Clock::Fixed(chrono::Utc.with_ymd_and_hms(2026, 3, 14, 9, 30, 0).unwrap()));
    let new = |title: &str, candidate: Option<&str>| NewCase {
        title: title.into(),
        priority: Priority::High,
        candidate: candidate.map(str::to_string),
    };
    let a = ws.create_case(&new("Backend engineer (contract)", Some("Jordan Lee"))).unwrap();
    ws.add_identifier(a, IdentifierKind::Phone, "+1 (202) 555-0143", Some(1), "", false).unwrap();
    ws.add_identifier(a, IdentifierKind::Email, "jordan.lee@example.com", Some(1), "", false).unwrap();
    ws.set_mark(a, "RF-INT-01", MarkState::Flagged, Some("Camera off in all three interviews")).unwrap();
    ws.set_mark(a, "RF-ID-01", MarkState::Flagged, None).unwrap();
    ws.add_note(a, "Laptop went to a freight forwarder in Phoenix").unwrap();
    let b = ws.create_case(&new("Designer — Müller & Söhne", Some("Zoë Ångström"))).unwrap();
    ws.set_status(b, CaseStatus::Closed, Some(Disposition::Cleared)).unwrap();
    ws.create_case(&new("QA contractor", None)).unwrap();
}

fn app_in_memory() -> App {
    let mut ws = Workspace::open_in_memory("ana").unwrap();
    fill(&mut ws);
    App::new(ws, Theme::named("dark", false).unwrap()).unwrap()
}

fn key(app: &mut App, code: KeyCode) {
    handle_event(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn render(app: &mut App, width: u16, height: u16) -> String {
    app.size = ratatui::layout::Rect::new(0, 0, width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::draw(app, f)).unwrap();
    terminal.backend().to_string()
}

fn list(app: &App) -> &CaseList {
    let Screen::List(list) = &app.screen else { panic!("the case list is showing") };
    list
}

fn ids(app: &App) -> Vec<i64> {
    list(app).rows.iter().map(|r| r.row.id).collect()
}

/// Ticks until no search answer is awaited, or fails after a while.
fn settle(app: &mut App) {
    let start = Instant::now();
    while vetdesk::tui::search::waiting(app) {
        assert!(start.elapsed() < Duration::from_secs(10), "the search never answered");
        std::thread::sleep(Duration::from_millis(2));
        tick(app);
    }
}

#[test]
fn each_keystroke_searches_and_the_list_says_where_cases_matched() {
    let mut app = app_in_memory();
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "202");
    assert_eq!(ids(&app), [1], "the phone's words");
    keys(&mut app, "5550143");
    assert_eq!(ids(&app), [1], "the phone's national number, a match key");
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("identifier phone +1 (202) 555-0143 (national)"), "{screen}");
    assert!(screen.contains("/ 2025550143▏ · 1 case · enter keeps · esc cancels"), "{screen}");
    assert!(screen.contains("enter keep · esc cancel"), "the hints are the search line's: {screen}");
    // Backspace to nothing shows the whole list again at once, and new words search again.
    for _ in 0.."2025550143".len() {
        key(&mut app, KeyCode::Backspace);
    }
    assert_eq!((list(&app).search.as_deref(), list(&app).total), (None, 3));
    keys(&mut app, "jordan");
    assert_eq!(ids(&app), [1]);
    assert!(render(&mut app, 100, 30).contains("subject Jordan Lee"));
    // Letters that are keys elsewhere (q quits, n opens a form) are words here.
    keys(&mut app, " qn");
    assert!(!app.quit && app.overlay.is_none());
    assert_eq!(list(&app).search.as_deref(), Some("jordan qn"));
    // Control keys keep their meaning: ctrl-r reloads, and the line stays open.
    handle_event(&mut app, &Event::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)));
    assert_eq!(app.message.as_ref().map(|m| m.text.as_str()), Some("reloaded"));
    assert_eq!(list(&app).live.as_ref().map(|l| l.input.as_str()), Some("jordan qn"));
    // Esc cancels: the list is back as it was before `/`.
    key(&mut app, KeyCode::Esc);
    assert!(list(&app).live.is_none());
    assert_eq!((list(&app).search.as_deref(), ids(&app)), (None, vec![3, 2, 1]));
    // Enter keeps the results; `/` opens on the same words; Esc on the list clears them.
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "freight");
    key(&mut app, KeyCode::Enter);
    assert!(list(&app).live.is_none());
    assert_eq!((list(&app).search.as_deref(), ids(&app)), (Some("freight"), vec![1]));
    assert!(render(&mut app, 100, 30).contains("note \"Laptop went to a freight forwarder"));
    key(&mut app, KeyCode::Char('/'));
    assert_eq!(list(&app).live.as_ref().unwrap().input, "freight");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    assert_eq!((list(&app).search.as_deref(), list(&app).total), (None, 3));
}

#[test]
fn down_and_enter_open_a_case_found() {
    let mut app = app_in_memory();
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "contract");
    assert_eq!(ids(&app), [3, 1]);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.case_id(), Some(1));
    key(&mut app, KeyCode::Esc);
    assert_eq!(list(&app).search.as_deref(), Some("contract"), "the results are kept under the case");
}

/// The first search since the workstation started begins on its first hit, whatever row was selected
/// before: Enter opens the case found, not the one on the row the selection was left on.
#[test]
fn the_first_search_of_a_session_starts_on_its_first_hit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    fill(&mut ws);
    for title in ["Contractor four", "Contractor five", "Contractor six"] {
        ws.create_case(&NewCase { title: title.into(), priority: Priority::Low, candidate: None }).unwrap();
    }
    let mut app = App::new(ws, Theme::named("dark", false).unwrap()).unwrap();
    for _ in 0..4 {
        key(&mut app, KeyCode::Down);
    }
    assert_eq!(list(&app).selected, 4);
    key(&mut app, KeyCode::Char('/'));
    // On a workspace file the answer to "c" is superseded unseen: "co" is the first answer shown.
    keys(&mut app, "co");
    settle(&mut app);
    assert!(ids(&app).len() > 4, "{:?}", ids(&app));
    assert_eq!(list(&app).selected, 0);
    let first = ids(&app)[0];
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.case_id(), Some(first));
}

/// Enter pressed before the answer came waits for it: the rows kept are the words' hits, and a second
/// Enter opens the first of them, not the case the selection was on before.
#[test]
fn enter_before_the_answer_keeps_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    fill(&mut ws);
    let mut app = App::new(ws, Theme::named("dark", false).unwrap()).unwrap();
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "designer");
    key(&mut app, KeyCode::Enter);
    assert_eq!(ids(&app), [2], "the answer is in");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.case_id(), Some(2));
}

/// On a workspace file the query runs on the worker; typing on does not wait for it, and only the answer
/// to the newest words is shown.
#[test]
fn on_a_workspace_file_the_search_runs_off_the_ui_thread_and_older_answers_are_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    fill(&mut ws);
    let mut app = App::new(ws, Theme::named("dark", false).unwrap()).unwrap();
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "designer");
    // Superseded before any answer could be taken in: without a tick, nothing is shown yet.
    for _ in 0.."designer".len() {
        key(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "qa");
    settle(&mut app);
    assert_eq!(list(&app).search.as_deref(), Some("qa"));
    assert_eq!(ids(&app), [3], "only the newest query's answer");
    keys(&mut app, " contractor");
    assert!(vetdesk::tui::search::waiting(&app), "the answer comes later, through tick");
    settle(&mut app);
    assert_eq!(ids(&app), [3]);
    key(&mut app, KeyCode::Esc);
    assert_eq!(list(&app).total, 3);
}

#[test]
fn a_searcher_hands_over_only_the_newest_answer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    fill(&mut ws);
    let mut searcher = Searcher::new(&ws);
    let archived = vetdesk::store::cases::ArchivedCases::Hidden;
    for words in ["backend", "designer", "jordan", "qa"] {
        searcher.ask(&ws, words, archived, 50);
    }
    let start = Instant::now();
    let answer = loop {
        if let Some(a) = searcher.take() {
            break a;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "no answer");
        std::thread::sleep(Duration::from_millis(2));
    };
    assert_eq!(answer.words, "qa");
    assert_eq!(answer.result.unwrap()[0].case.row.id, 3);
    assert!(!searcher.waiting());
    searcher.ask(&ws, "backend", archived, 50);
    searcher.forget();
    std::thread::sleep(Duration::from_millis(200));
    assert!(searcher.take().is_none(), "a forgotten answer is dropped");
}

#[test]
fn the_status_picker_offers_not_closed_and_each_status() {
    let mut app = app_in_memory();
    key(&mut app, KeyCode::Char('f'));
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains(" n   not closed: every status but closed"), "{screen}");
    assert!(screen.contains("a any · n not closed · o open"), "the hints: {screen}");
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(ids(&app), [3, 1], "not closed");
    assert!(list(&app).query.hide_closed);
    keys(&mut app, "fc");
    assert_eq!(ids(&app), [2], "closed");
    keys(&mut app, "fo");
    assert_eq!(ids(&app), [3, 1]);
    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Esc);
    assert_eq!(list(&app).query.status, Some(CaseStatus::Open), "Esc keeps the filter");
    assert!(!list(&app).picking_status);
    keys(&mut app, "fa");
    assert_eq!(list(&app).total, 3);
    // A key the picker does not know closes it and acts as on the list.
    keys(&mut app, "fs");
    assert!(!list(&app).picking_status);
    assert_eq!(list(&app).query.sort, vetdesk::store::cases::CaseSort::Id);
}

#[test]
fn snapshots_of_search_and_the_status_picker() {
    for (w, h) in [(80, 24), (100, 30), (160, 48)] {
        let mut app = app_in_memory();
        key(&mut app, KeyCode::Char('/'));
        keys(&mut app, "2025550143");
        insta::assert_snapshot!(format!("search_typing_{w}x{h}"), render(&mut app, w, h));
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Esc);
        keys(&mut app, "/jordan");
        key(&mut app, KeyCode::Enter);
        insta::assert_snapshot!(format!("search_kept_{w}x{h}"), render(&mut app, w, h));
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Char('f'));
        insta::assert_snapshot!(format!("status_picker_{w}x{h}"), render(&mut app, w, h));
    }
}

fn selected_code(app: &App) -> String {
    let Screen::Case(view) = &app.screen else { panic!("a case is open") };
    let kind = view.tab.kind().unwrap();
    view.items(kind)[view.selection()].item.code.clone()
}

fn shown(app: &App) -> usize {
    let Screen::Case(view) = &app.screen else { panic!("a case is open") };
    view.items(view.tab.kind().unwrap()).len()
}

#[test]
fn a_checklist_filters_as_you_type_steps_to_matches_and_shows_flagged_only() {
    let mut app = app_in_memory();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('2'));
    let all = shown(&app);
    assert!(all > 60, "{all} red flags");
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "rf-int");
    let interviews = shown(&app);
    assert!((2..10).contains(&interviews), "{interviews} interview items");
    assert_eq!(selected_code(&app), "RF-INT-01");
    key(&mut app, KeyCode::Enter);
    // The line is closed: keys act again; n steps to the next match, round again after the last.
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(selected_code(&app), "RF-INT-02");
    for _ in 0..interviews {
        key(&mut app, KeyCode::Char('n'));
    }
    assert_eq!(selected_code(&app), "RF-INT-02", "round again");
    key(&mut app, KeyCode::Char('f'));
    let Screen::Case(view) = &app.screen else { panic!() };
    assert!(view.checklist.iter().any(|e| e.item.code == "RF-INT-02" && e.state == MarkState::Flagged));
    // Esc shows every item again, on the same item; Esc again leaves the case.
    key(&mut app, KeyCode::Esc);
    assert_eq!((shown(&app), selected_code(&app).as_str()), (all, "RF-INT-02"));
    // Words of an item's text or of its note match too; Esc in the line restores what was shown.
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "three interviews");
    assert_eq!((shown(&app), selected_code(&app).as_str()), (1, "RF-INT-01"), "the note's words");
    key(&mut app, KeyCode::Esc);
    assert_eq!((shown(&app), selected_code(&app).as_str()), (all, "RF-INT-02"));
    // F: flagged items only, then every item again.
    key(&mut app, KeyCode::Char('F'));
    assert_eq!(shown(&app), 3);
    key(&mut app, KeyCode::Char('F'));
    assert_eq!(shown(&app), all);
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::List(_)));
}

#[test]
fn the_selected_items_note_is_in_the_detail_pane_at_80x24() {
    let mut app = app_in_memory();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "rf-int-01");
    key(&mut app, KeyCode::Enter);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Note (ana): Camera off in all three interviews"), "{screen}");
}

#[test]
fn snapshots_of_checklist_search_and_flagged_only() {
    for (w, h) in [(80, 24), (100, 30), (160, 48)] {
        let mut app = app_in_memory();
        app.open_case(1).unwrap();
        key(&mut app, KeyCode::Char('2'));
        key(&mut app, KeyCode::Char('/'));
        keys(&mut app, "camera");
        insta::assert_snapshot!(format!("checklist_search_typing_{w}x{h}"), render(&mut app, w, h));
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Char('F'));
        key(&mut app, KeyCode::Char('j'));
        insta::assert_snapshot!(format!("checklist_flagged_only_{w}x{h}"), render(&mut app, w, h));
    }
}

/// A search reads a first screen of hits, and more as the selection nears the last one read, keeping the
/// selection; the link markers are worked out for the rows shown.
#[test]
fn a_search_reads_a_first_screen_then_more_on_scrolling() {
    let mut ws = Workspace::open_in_memory("ana").unwrap();
    for i in 0..130 {
        let new = vetdesk::workspace::NewCase {
            title: format!("Backend contractor {i}"),
            priority: vetdesk::domain::Priority::Low,
            candidate: None,
        };
        ws.create_case(&new).unwrap();
    }
    let mut app = App::new(ws, Theme::named("dark", false).unwrap()).unwrap();
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "backend");
    assert_eq!(list(&app).rows.len(), 50, "a first screen of hits");
    assert!(list(&app).marked.len() <= 64, "markers for the rows shown, not all");
    for _ in 0..40 {
        key(&mut app, KeyCode::Down);
    }
    assert_eq!((list(&app).rows.len(), list(&app).selected), (130, 40), "more hits, the selection kept");
    let all: std::collections::HashSet<i64> = list(&app).rows.iter().map(|r| r.row.id).collect();
    assert_eq!(all.len(), 130);
}

/// A paste into the search line searches as the same words typed would (one line of them); a paste with
/// no search line open types nowhere.
#[test]
fn a_paste_into_the_search_line_searches_as_typing_does() {
    let mut app = app_in_memory();
    handle_event(&mut app, &Event::Paste("jordan".into()));
    assert_eq!(list(&app).search, None, "no line open: the paste goes nowhere");
    key(&mut app, KeyCode::Char('/'));
    handle_event(&mut app, &Event::Paste("202\n555".into()));
    assert_eq!(list(&app).search.as_deref(), Some("202 555"));
    assert_eq!(ids(&app), [1]);
}

/// The hits' ID column is as wide as the largest case number they hold, as the case list's is: a fixed
/// width cut #150303 to #15030, another case's number.
#[test]
fn search_hits_show_case_numbers_whole_however_large() {
    let mut app = app_in_memory();
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "contract");
    let Screen::List(list) = &mut app.screen else { panic!("the case list is showing") };
    assert_eq!(list.rows.len(), 2);
    // Numbers a workspace of 150,000 cases gives.
    list.rows[0].row.id = 150_303;
    list.rows[1].row.id = 150_290;
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("#150303") && screen.contains("#150290"), "{screen}");
}
