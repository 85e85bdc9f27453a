//! The workstation without a terminal: screens as snapshots at 100×30 on a fixed sample workspace, and
//! flows driven with key events on in-memory workspaces.

mod common;

use common::tui_app::*;
use ratatui::crossterm::event::{Event, KeyCode};
use vetdesk::domain::MarkState;
use vetdesk::tui::App;
use vetdesk::tui::app::{Overlay, Screen};
use vetdesk::tui::update::handle_event;

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
    // Counted apart from those in force, in the table's title.
    assert!(shown.contains("Subjects 2 · identifiers 2 (+1 voided) · payments 1"), "{shown}");
    let buffer = render(&mut app, 100, 30).backend().buffer().clone();
    let row =
        (0..30).find(|y| (0..100).map(|x| buffer[(x, *y)].symbol()).collect::<String>().contains("voided:")).unwrap();
    let cell = (0..100).find(|x| buffer[(*x, row)].symbol() == "j").unwrap();
    assert!(buffer[(cell, row)].modifier.contains(ratatui::style::Modifier::CROSSED_OUT), "struck through");
    // A voided line takes no edit: e says so at once instead of opening a form that refuses on save.
    key(&mut app, KeyCode::Char('e'));
    assert!(app.overlay.is_none(), "no form opens on a voided line");
    let said = app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.contains("is voided; restore it first (d on its line)"), "{said}");

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
    keys(&mut app, "fo");
    let Screen::List(list) = &app.screen else { panic!() };
    assert_eq!(list.query.status, Some(vetdesk::domain::CaseStatus::Open));
    assert_eq!(list.total, 3);
    keys(&mut app, "fi");
    let Screen::List(list) = &app.screen else { panic!() };
    assert_eq!(list.total, 0);
    assert!(screen(&mut app).contains("No case matches"));
    keys(&mut app, "x");
    keys(&mut app, "ss");
    let Screen::List(list) = &app.screen else { panic!() };
    assert_eq!(list.query.sort, vetdesk::store::cases::CaseSort::Risk);
    assert_eq!(list.rows[0].row.id, 1, "highest risk first");
}

/// Moving through a list longer than the window (every case changed at the same instant, so the sort key
/// ties everywhere): after `j`, PageDown, `G`, PageUp and re-sorts, the rows held are the rows at those
/// places in the list, as an OFFSET read would give them, and every case is seen once going down.
#[test]
fn the_case_list_window_holds_the_right_rows_wherever_it_moves() {
    use vetdesk::store::cases::CaseQuery;
    use vetdesk::workspace::NewCase;
    let mut ws = workspace();
    for i in 0..520 {
        let new =
            NewCase { title: format!("Case {}", i % 7), priority: vetdesk::domain::Priority::Medium, candidate: None };
        ws.create_case(&new).unwrap();
    }
    let mut app = App::new(ws, vetdesk::tui::Theme::named("dark", false).unwrap()).unwrap();
    render(&mut app, 100, 30);
    let check = |app: &App, what: &str| {
        let Screen::List(list) = &app.screen else { panic!("the list") };
        let q = CaseQuery { limit: list.rows.len() as u32, offset: list.window_start as u32, ..list.query.clone() };
        let expected: Vec<i64> = app.ws.cases(&q).unwrap().iter().map(|c| c.row.id).collect();
        let held: Vec<i64> = list.rows.iter().map(|c| c.row.id).collect();
        assert_eq!(held, expected, "{what}");
        assert!(list.selected >= list.window_start && list.selected < list.window_start + list.rows.len() as u64);
        // Every row on screen is held, however tall the screen.
        let shown = (app.page() as u64).min(list.total - list.top);
        assert!(list.top >= list.window_start, "{what}");
        assert!(list.top + shown <= list.window_start + list.rows.len() as u64, "{what}");
        list.rows[(list.selected - list.window_start) as usize].row.id
    };
    let mut seen = vec![check(&app, "first")];
    for i in 0..519 {
        key(&mut app, KeyCode::Char('j'));
        seen.push(check(&app, &format!("j {i}")));
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 520, "every case once");
    keys(&mut app, "gg");
    for i in 0..25 {
        key(&mut app, KeyCode::PageDown);
        check(&app, &format!("PageDown {i}"));
    }
    key(&mut app, KeyCode::Char('G'));
    check(&app, "G");
    for i in 0..25 {
        key(&mut app, KeyCode::PageUp);
        check(&app, &format!("PageUp {i}"));
    }
    for sort in 0..5 {
        key(&mut app, KeyCode::Char('s'));
        check(&app, &format!("sort {sort}"));
        key(&mut app, KeyCode::Char('G'));
        check(&app, &format!("sort {sort}, G"));
        for i in 0..12 {
            key(&mut app, KeyCode::PageUp);
            check(&app, &format!("sort {sort}, PageUp {i}"));
        }
    }
    // A terminal taller than the fewest rows a window holds.
    draw(&mut app, 100, 250);
    check(&app, "tall");
    keys(&mut app, "gg");
    check(&app, "tall, gg");
    for i in 0..3 {
        key(&mut app, KeyCode::PageDown);
        check(&app, &format!("tall, PageDown {i}"));
    }
    for i in 0..300 {
        key(&mut app, KeyCode::Char('k'));
        check(&app, &format!("tall, k {i}"));
    }
    key(&mut app, KeyCode::Char('G'));
    check(&app, "tall, G");
    for i in 0..3 {
        key(&mut app, KeyCode::PageUp);
        check(&app, &format!("tall, PageUp {i}"));
    }
}

/// A key with nothing to act on says so, in the status line, instead of seeming not to arrive.
#[test]
fn keys_with_nothing_to_act_on_say_so() {
    let said = |app: &App| app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    let mut app = empty_app();
    key(&mut app, KeyCode::Enter);
    assert_eq!(said(&app), "no case to open here: n opens a new one");
    key(&mut app, KeyCode::Char('Z'));
    assert_eq!(said(&app), "Z does nothing here · ? lists the keys");
    // A new workspace was written as it was made: that is not the investigator's change to undo.
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(said(&app), "nothing to undo since vetdesk was opened");

    // A case with no notes or evidence: d and e on those tabs.
    let mut app = sample_app();
    let new = vetdesk::workspace::NewCase {
        title: "Empty".into(),
        priority: vetdesk::domain::Priority::Medium,
        candidate: None,
    };
    app.ws.create_case(&new).unwrap();
    app.reload().unwrap();
    key(&mut app, KeyCode::Char('g'));
    key(&mut app, KeyCode::Enter);
    let Screen::Case(view) = &app.screen else { panic!("a case opens") };
    assert_eq!(view.case.title, "Empty");
    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Char('e'));
    assert_eq!(said(&app), "no note to edit: a adds one");
    key(&mut app, KeyCode::Char('d'));
    assert_eq!(said(&app), "no note to void");
    key(&mut app, KeyCode::Char('4'));
    key(&mut app, KeyCode::Char('d'));
    assert_eq!(said(&app), "no evidence to void");
}

/// E corrects the case's own details, as `case edit` does: one audited change, and a form that changes
/// nothing says so.
#[test]
fn e_corrects_the_case_title_priority_and_tags() {
    let mut app = sample_app();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('E'));
    let Some(Overlay::Form(form)) = &app.overlay else { panic!("E opens the case's form") };
    assert_eq!(form.fields[0].value(), "Backend engineer (contract)");
    ctrl(&mut app, 's');
    let Some(Overlay::Form(form)) = &app.overlay else { panic!("nothing changed: the form stays") };
    assert!(form.error.as_deref().unwrap_or_default().contains("already reads that way"), "{:?}", form.error);
    // The title with a typo fixed: the end of the line cleared and typed again.
    for _ in "contract)".chars() {
        key(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "contractor)");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{:?}", app.message);
    assert_eq!(app.ws.case(1).unwrap().title, "Backend engineer (contractor)");
    let row = &app.ws.audit_log(Some(1), 1, 0).unwrap()[0];
    assert_eq!(row.action, "case.edit");
    assert_eq!(row.details["was"]["title"], "Backend engineer (contract)");
}
