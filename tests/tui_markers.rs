//! The case list's link markers (`↔`): worked out for the rows on screen once no key is waiting, for every
//! row a larger terminal or a search brings to the screen, and never in the way of a typed key.

mod common;

use common::tui_app::*;
use ratatui::crossterm::event::KeyCode;
use vetdesk::Workspace;
use vetdesk::domain::{IdentifierKind, Priority};
use vetdesk::tui::{App, Theme};
use vetdesk::workspace::NewCase;

/// Forty cases, each pair sharing a phone number: every row is linked.
fn forty_linked_cases() -> Workspace {
    let mut ws = workspace();
    for pair in 0..20 {
        for _ in 0..2 {
            let new = NewCase { title: format!("Pair {pair}"), priority: Priority::Medium, candidate: None };
            let id = ws.create_case(&new).unwrap();
            let phone = format!("+1 202 555 01{pair:02}");
            ws.add_identifier(id, IdentifierKind::Phone, &phone, None, "", false).unwrap();
        }
    }
    ws
}

/// The case rows of a screen's text.
fn case_rows(text: &str) -> Vec<String> {
    text.lines().filter(|l| l.contains("│#")).map(str::to_string).collect()
}

#[test]
fn link_markers_cover_every_row_on_screen_when_the_terminal_grows() {
    let mut app = App::new(forty_linked_cases(), Theme::named("dark", false).unwrap()).unwrap();
    let rows = case_rows;
    let short = rows(&text(&mut app, 100, 30));
    assert!(!short.is_empty() && short.len() < 40, "{short:?}");
    assert!(short.iter().all(|r| r.contains('↔')), "{short:?}");
    // A taller terminal shows every case, each with its marker.
    let tall = rows(&text(&mut app, 100, 60));
    assert_eq!(tall.len(), 40, "{tall:?}");
    assert!(tall.iter().all(|r| r.contains('↔')), "{tall:?}");
}

#[test]
fn on_a_terminal_rows_come_first_and_their_link_markers_once_no_key_waits() {
    let mut app = App::for_terminal(forty_linked_cases(), Theme::named("dark", false).unwrap()).unwrap();
    let first = case_rows(&text(&mut app, 100, 30));
    assert!(!first.is_empty() && first.iter().all(|r| !r.contains('↔')), "{first:?}");
    assert!(app.marks_due());
    app.mark_when_idle();
    assert!(!app.marks_due());
    let marked = case_rows(&text(&mut app, 100, 30));
    assert_eq!(marked.len(), first.len());
    assert!(marked.iter().all(|r| r.contains('↔')), "{marked:?}");
    // Moving within the screen brings no row without its marker: nothing falls due.
    key(&mut app, KeyCode::Char('j'));
    assert!(!app.marks_due());
    // PageDown brings new rows: drawn at once, marked when no key waits.
    key(&mut app, KeyCode::PageDown);
    assert!(app.marks_due());
    let paged = case_rows(&text(&mut app, 100, 30));
    assert!(paged.iter().any(|r| !r.contains('↔')), "{paged:?}");
    app.mark_when_idle();
    let paged = case_rows(&text(&mut app, 100, 30));
    assert!(paged.iter().all(|r| r.contains('↔')), "{paged:?}");
}

#[test]
fn search_results_get_their_link_markers_like_any_rows() {
    let theme = || Theme::named("dark", false).unwrap();
    let mut app = App::new(forty_linked_cases(), theme()).unwrap();
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "Pair");
    let found = case_rows(&text(&mut app, 100, 30));
    assert!(!found.is_empty() && found.iter().all(|r| r.contains('↔')), "{found:?}");

    let mut app = App::for_terminal(forty_linked_cases(), theme()).unwrap();
    app.mark_when_idle();
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "Pair");
    let found = case_rows(&text(&mut app, 100, 30));
    assert!(!found.is_empty() && found.iter().all(|r| !r.contains('↔')), "{found:?}");
    app.mark_when_idle();
    let found = case_rows(&text(&mut app, 100, 30));
    assert!(found.iter().all(|r| r.contains('↔')), "{found:?}");
}

#[test]
fn link_markers_stop_for_a_waiting_key_and_the_rest_stay_due() {
    let mut app = App::for_terminal(forty_linked_cases(), Theme::named("dark", false).unwrap()).unwrap();
    let shown = case_rows(&text(&mut app, 100, 30)).len();
    assert!(shown > 8, "{shown}");
    // A key waits after the first rows are marked: the others wait for the next moment without one.
    app.mark_until(|| true);
    let marked = case_rows(&text(&mut app, 100, 30)).iter().filter(|r| r.contains('↔')).count();
    assert!(marked > 0 && marked < shown, "{marked} of {shown}");
    assert!(app.marks_due());
    app.mark_until(|| false);
    let marked = case_rows(&text(&mut app, 100, 30)).iter().filter(|r| r.contains('↔')).count();
    assert_eq!(marked, shown);
    assert!(!app.marks_due());
}

#[test]
fn rows_restored_by_esc_from_a_search_get_the_markers_they_had_not_got() {
    let mut app = App::for_terminal(forty_linked_cases(), Theme::named("dark", false).unwrap()).unwrap();
    let _ = text(&mut app, 100, 30);
    // A search opened before the list's markers came, and its own rows marked.
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "Pair 1");
    app.mark_when_idle();
    key(&mut app, KeyCode::Esc);
    assert!(app.marks_due());
    app.mark_when_idle();
    let rows = case_rows(&text(&mut app, 100, 30));
    assert!(!rows.is_empty() && rows.iter().all(|r| r.contains('↔')), "{rows:?}");
}
