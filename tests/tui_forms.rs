//! The workstation's forms: each one as a snapshot at 80×24 and 100×30, and flows typed key by key
//! into the app, checked against what the workspace then holds.

use chrono::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;
use vetdesk::Workspace;
use vetdesk::domain::{AnswerField, IdentifierKind, NewPayment, Priority, YesNo};
use vetdesk::time::Clock;
use vetdesk::tui::app::{Overlay, Screen};
use vetdesk::tui::form::Form;
use vetdesk::tui::update::{handle_event, tick};
use vetdesk::tui::{App, Theme, ui};
use vetdesk::workspace::NewCase;

/// Case #1 with its candidate, a phone, a payment, a note and two files of evidence; case #2 holds the
/// same phone, so case #1 has a suggestion. The list screen is showing.
fn fixture() -> (App, TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open_in_memory("ana").unwrap();
    ws.set_clock(Clock::Fixed(chrono::Utc.with_ymd_and_hms(2026, 3, 14, 9, 30, 0).unwrap()));
    let new = |title: &str, candidate: &str| NewCase {
        title: title.into(),
        priority: Priority::High,
        candidate: Some(candidate.into()),
    };
    let c = ws.create_case(&new("Backend engineer (contract)", "Jordan Lee")).unwrap();
    ws.add_identifier(c, IdentifierKind::Phone, "+1 (202) 555-0143", Some(1), "VoIP", false).unwrap();
    let payment = NewPayment {
        paid_on: "2026-03-01".into(),
        amount_cents: 420_000,
        currency: "USD".into(),
        method: "wire".into(),
        recipient: "Jordan Lee".into(),
        note: "sent through Zelle".into(),
        ..Default::default()
    };
    ws.add_payment(c, &payment).unwrap();
    ws.add_note(c, "Laptop delivery address changed the day after the offer.").unwrap();
    for (name, about) in [("interview.txt", "Interview recording"), ("passport.jpg", "Passport scan")] {
        let path = dir.path().join(name);
        std::fs::write(&path, name).unwrap();
        ws.attach_evidence(c, &path, about, &[], false, &mut |_, _| true).unwrap();
    }
    let other = ws.create_case(&new("Designer", "Zoë Ångström")).unwrap();
    ws.add_identifier(other, IdentifierKind::Phone, "+1 (202) 555-0143", None, "", false).unwrap();
    (App::new(ws, Theme::named("dark", false).unwrap()).unwrap(), dir)
}

fn key(app: &mut App, code: KeyCode) {
    handle_event(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(app: &mut App, s: &str) {
    s.chars().for_each(|c| key(app, KeyCode::Char(c)));
}

fn ctrl(app: &mut App, c: char) {
    handle_event(app, &Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
}

fn tabs(app: &mut App, n: usize) {
    (0..n).for_each(|_| key(app, KeyCode::Tab));
}

fn screen(app: &mut App, width: u16, height: u16, dir: &TempDir) -> String {
    app.size = ratatui::layout::Rect::new(0, 0, width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::draw(app, f)).unwrap();
    // The temporary folder's name is random; its length is not.
    let name = dir.path().file_name().unwrap().to_string_lossy().to_string();
    terminal.backend().to_string().replace(&name, &"X".repeat(name.len()))
}

fn form(app: &App) -> &Form {
    let Some(Overlay::Form(form)) = &app.overlay else { panic!("a form is open: {:?}", app.message) };
    form
}

/// The open form's footer keys, as drawn.
fn footer(app: &App) -> String {
    form(app).keys().iter().map(|(k, what)| format!("{k} {what}")).collect::<Vec<_>>().join(" · ")
}

/// Snapshots the screen at the three sizes.
fn snap(name: &str, app: &mut App, dir: &TempDir) {
    assert!(matches!(app.overlay, Some(Overlay::Form(_))), "{name}: a form is open ({:?})", app.message);
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24, dir));
    insta::assert_snapshot!(format!("{name}_100x30"), screen(app, 100, 30, dir));
    insta::assert_snapshot!(format!("{name}_160x48"), screen(app, 160, 48, dir));
    // The smallest screen drawn, and odd ones, draw without a panic and keep the focused field.
    for (w, h) in [(60, 15), (61, 17), (200, 60), (79, 23)] {
        let text = screen(app, w, h, dir);
        assert!(text.contains("▸ "), "{name} at {w}×{h} shows the focused field:\n{text}");
    }
}

/// Selects overview line `n` (subjects, then identifiers, then payments) of the open case.
fn select_line(app: &mut App, n: usize) {
    key(app, KeyCode::Char('1'));
    key(app, KeyCode::Char('g'));
    (0..n).for_each(|_| key(app, KeyCode::Char('j')));
}

#[test]
fn every_form_at_80x24_100x30_and_160x48() {
    let (mut app, dir) = fixture();
    let app = &mut app;
    let dir = &dir;
    let open = |app: &mut App, name: &str, keys_: &str| {
        keys(app, keys_);
        snap(name, app, dir);
        key(app, KeyCode::Esc);
    };
    open(app, "form_new_case", "n");
    app.open_case(1).unwrap();
    open(app, "form_add_subject", "as");
    open(app, "form_add_identifier", "ai");
    open(app, "form_add_payment", "ap");
    select_line(app, 0);
    open(app, "form_edit_subject", "e");
    select_line(app, 1);
    open(app, "form_edit_identifier", "e");
    select_line(app, 2);
    open(app, "form_edit_payment", "e");
    open(app, "form_void", "d");
    open(app, "form_archive", "X");
    open(app, "form_change_status", "t");
    open(app, "form_mark_note", "2e");
    open(app, "form_link_evidence", "L");
    open(app, "form_add_evidence", "4a");
    open(app, "form_relocate_evidence", "R");
    open(app, "form_add_note", "5a");
    open(app, "form_edit_note", "e");
    open(app, "form_accept_suggestion", "6GA");
    open(app, "form_dismiss_suggestion", "D");
    open(app, "form_export", "7w");
    open(app, "form_answers", "a");
    key(app, KeyCode::Char('O'));
    open(app, "form_control_note", "e");
}

#[test]
fn the_payment_form_at_80x24_keeps_every_label_and_scrolls_to_the_focused_field() {
    let (mut app, dir) = fixture();
    app.open_case(1).unwrap();
    keys(&mut app, "ap");
    let labels: Vec<&str> = form(&app).fields.iter().map(|f| f.label).collect();
    for focus in 0..labels.len() {
        let text = screen(&mut app, 80, 24, &dir);
        let shown = text.lines().filter(|l| l.contains(&format!("▸ {} ", labels[focus]))).count();
        assert_eq!(shown, 1, "field {} is shown and marked:\n{text}", labels[focus]);
        for label in ["Currency", "Routing number", "Bank contacted"] {
            let i = labels.iter().position(|l| *l == label).unwrap();
            if i.abs_diff(focus) <= 2 {
                assert!(text.contains(&format!(" {label} ")), "{label} is next to field {focus}:\n{text}");
            }
        }
        if focus == 13 {
            insta::assert_snapshot!("form_payment_routing_80x24", text);
        }
        key(&mut app, KeyCode::Tab);
    }
}

#[test]
fn adding_a_phone_is_a_i_p_tab_value_ctrl_s() {
    let (mut app, _dir) = fixture();
    app.open_case(1).unwrap();
    keys(&mut app, "ai");
    key(&mut app, KeyCode::Char('p'));
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "+1 202 555 0199");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "saved: {:?}", app.message);
    let added = app.ws.identifiers(1).unwrap().pop().unwrap();
    assert_eq!((added.kind, added.raw.as_str()), (IdentifierKind::Phone, "+1 202 555 0199"));
    assert_eq!(added.subject_id, Some(1), "the Subject picker starts on the candidate");
}

#[test]
fn pickers_cycle_with_arrows_and_jump_by_letter_and_save_their_word() {
    let (mut app, _dir) = fixture();
    app.open_case(1).unwrap();
    keys(&mut app, "ai");
    key(&mut app, KeyCode::Left);
    assert_eq!(form(&app).value(0), "document-number", "← from the first wraps to the last");
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    assert_eq!(form(&app).value(0), "phone");
    keys(&mut app, "z");
    assert_eq!(form(&app).value(0), "phone", "a letter nothing starts with changes nothing");
    assert!(form(&app).error.as_deref().unwrap().contains("email, phone"), "and says what there is");
    keys(&mut app, "r");
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "076401252");
    tabs(&mut app, 3);
    // Keep if invalid: y picks yes.
    keys(&mut app, "y");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{:?}", app.message);
    let kept = app.ws.identifiers(1).unwrap().pop().unwrap();
    assert_eq!(kept.kind, IdentifierKind::RoutingNumber);
    assert!(kept.warning.is_some(), "kept with its warning");

    // The status form: c closed, then the disposition c cleared, c again confirmed.
    key(&mut app, KeyCode::Char('t'));
    keys(&mut app, "c");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "cc");
    assert_eq!(form(&app).value(1), "confirmed");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('y'));
    let case = app.ws.case(1).unwrap();
    assert_eq!((case.status.as_str(), case.disposition.map(|d| d.as_str())), ("closed", Some("confirmed")));
}

#[test]
fn a_picker_takes_a_paste_that_names_a_value_and_refuses_another() {
    let (mut app, _dir) = fixture();
    app.open_case(1).unwrap();
    keys(&mut app, "ai");
    handle_event(&mut app, &Event::Paste("Handle".into()));
    assert_eq!(form(&app).value(0), "handle");
    handle_event(&mut app, &Event::Paste("fax".into()));
    assert_eq!(form(&app).value(0), "handle");
    assert!(form(&app).error.as_deref().unwrap().starts_with("paste refused: Kind takes one of email"));
}

#[test]
fn the_focused_field_is_marked_and_highlighted_not_only_by_the_cursor() {
    let (mut app, _dir) = fixture();
    keys(&mut app, "n");
    key(&mut app, KeyCode::Tab);
    app.size = ratatui::layout::Rect::new(0, 0, 100, 30);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| ui::draw(&app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    // Where a label starts, and the row's text.
    let find = |label: &str| {
        (0..30u16).find_map(|y| {
            let row: Vec<&str> = (0..100u16).map(|x| buffer[(x, y)].symbol()).collect();
            let text = row.concat();
            let at = text.find(label)?;
            Some((u16::try_from(text[..at].chars().count()).unwrap(), y, text))
        })
    };
    let (tx, ty, title) = find("Title").unwrap();
    let (cx, cy, candidate) = find("Candidate").unwrap();
    assert!(candidate.contains("▸ Candidate") && !title.contains('▸'), "{title}\n{candidate}");
    let selected = Theme::named("dark", false).unwrap().selected();
    assert_eq!(buffer[(cx, cy)].style().bg, selected.bg, "the focused label is highlighted");
    assert_ne!(buffer[(tx, ty)].style().bg, selected.bg, "the others are not");
}

#[test]
fn ctrl_u_clears_the_focused_text_field_and_ctrl_z_brings_it_back() {
    let (mut app, _dir) = fixture();
    keys(&mut app, "n");
    keys(&mut app, "Backend engineer");
    ctrl(&mut app, 'u');
    assert_eq!((form(&app).value(0), footer(&app).starts_with("Ctrl-Z undo the clear · ")), ("".into(), true));
    ctrl(&mut app, 'z');
    assert_eq!((form(&app).value(0), footer(&app).contains("Ctrl-Z")), ("Backend engineer".into(), false));
    ctrl(&mut app, 'u');
    keys(&mut app, "QA lead");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "l");
    key(&mut app, KeyCode::Enter);
    let Screen::Case(view) = &app.screen else { panic!("the new case opens: {:?}", app.message) };
    assert_eq!((view.case.title.as_str(), view.case.priority), ("QA lead", Priority::Low));
}

#[test]
fn amounts_with_thousands_separators_are_saved_and_ambiguous_ones_refused() {
    let (mut app, _dir) = fixture();
    app.open_case(1).unwrap();
    keys(&mut app, "ap");
    keys(&mut app, "2026-03-02");
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "4,20");
    ctrl(&mut app, 's');
    let error = form(&app).error.clone().unwrap();
    assert!(error.contains("\"4,20\"") && error.contains("4,200.50"), "{error}");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::BackTab);
    ctrl(&mut app, 'u');
    keys(&mut app, "1,234,567.89");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{:?}", app.message);
    assert_eq!(app.ws.payments(1).unwrap().last().unwrap().amount_cents, 123_456_789);
}

#[test]
fn the_payment_note_is_saved_with_the_payment_and_corrected_with_it() {
    let (mut app, _dir) = fixture();
    app.open_case(1).unwrap();
    keys(&mut app, "ap");
    keys(&mut app, "2026-03-02");
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "4,200.00");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "cc"); // Method: check, then crypto
    let last = form(&app).fields.len() - 1;
    assert_eq!(form(&app).fields[last].label, "Note");
    while form(&app).focus != last - 1 {
        key(&mut app, KeyCode::BackTab);
    }
    keys(&mut app, "j"); // Subject: #1 Jordan Lee, picked by name
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "Paid through an exchange.");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "Receipt by email.");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{:?}", app.message);
    let p = app.ws.payments(1).unwrap().pop().unwrap();
    assert_eq!((p.method.as_str(), p.amount_cents, p.subject_id), ("crypto", 420_000, Some(1)));
    assert_eq!(p.note, "Paid through an exchange.\nReceipt by email.");

    // Correcting the first payment shows its note, and keeps it.
    select_line(&mut app, 2);
    key(&mut app, KeyCode::Char('e'));
    assert_eq!(form(&app).value(last), "sent through Zelle");
    key(&mut app, KeyCode::BackTab);
    keys(&mut app, " (confirmed)");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{:?}", app.message);
    let p = &app.ws.payments(1).unwrap()[0];
    assert_eq!((p.note.as_str(), p.recipient.as_str()), ("sent through Zelle (confirmed)", "Jordan Lee"));
}

#[test]
fn the_footer_says_what_enter_and_tab_do_in_the_focused_field() {
    let (mut app, dir) = fixture();
    app.open_case(1).unwrap();
    keys(&mut app, "5a");
    let text = screen(&mut app, 100, 30, &dir);
    assert!(text.contains("Enter new line") && !text.contains("Enter next"), "{text}");
    assert_eq!(
        footer(&app),
        "Enter new line · Tab a tab · Ctrl-S save · Ctrl-U clear · Esc cancel",
        "one field: Tab is a tab"
    );
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "second line");
    assert_eq!(form(&app).value(0), "\nsecond line", "Enter made a new line, as the footer says");
    // Esc on typed text asks first; the text stays until Esc is pressed again.
    key(&mut app, KeyCode::Esc);
    assert_eq!(form(&app).error.as_deref(), Some(vetdesk::tui::form::DISCARD_ASK));
    assert_eq!(form(&app).value(0), "\nsecond line");
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none(), "the second Esc discards");
    keys(&mut app, "1ap");
    let text = screen(&mut app, 100, 30, &dir);
    assert!(text.contains("Enter next · Tab next field"), "{text}");
    tabs(&mut app, 3);
    let text = screen(&mut app, 100, 30, &dir);
    assert!(text.contains("←/→/letter choose"), "the method is a picker: {text}");
    assert_eq!(footer(&app), "←/→/letter choose · Enter next · Tab next field · Ctrl-S save · Esc cancel");
    (0..4).for_each(|_| key(&mut app, KeyCode::BackTab));
    assert_eq!(form(&app).fields[form(&app).focus].label, "Note");
    assert_eq!(footer(&app), "Enter new line · Tab next field · Ctrl-S save · Ctrl-U clear · Esc cancel");
    let text = screen(&mut app, 100, 30, &dir);
    assert!(text.contains("Enter new line"), "{text}");
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "2L");
    assert_eq!(footer(&app), "↑/↓ choose · Enter/Ctrl-S link · Esc cancel");
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "q"); // back to the case list
    assert!(matches!(app.screen, Screen::List(_)));
    // `/` opens the search line, not a form (tests/tui_search.rs).
    app.open_case(1).unwrap();
    keys(&mut app, "4a");
    assert_eq!(footer(&app), "Enter next · Tab complete, then next field · Ctrl-S save · Ctrl-U clear · Esc cancel");
    key(&mut app, KeyCode::BackTab);
    assert_eq!(footer(&app), "←/→/letter choose · Enter/Ctrl-S save · Tab next field · Esc cancel");
}

#[test]
fn tab_completes_an_evidence_path_then_moves_to_the_next_field() {
    let (mut app, dir) = fixture();
    std::fs::write(dir.path().join("recording-2026.mp4"), b"video").unwrap();
    app.open_case(1).unwrap();
    keys(&mut app, "4a");
    keys(&mut app, &format!("{}/rec", dir.path().display()));
    key(&mut app, KeyCode::Tab);
    let full = format!("{}/recording-2026.mp4", dir.path().display());
    assert_eq!(form(&app).value(0), full, "Tab completed the path");
    assert_eq!(form(&app).focus, 0);
    key(&mut app, KeyCode::Tab);
    assert_eq!(form(&app).focus, 1, "nothing left to complete: Tab moves on, as the footer says");
    keys(&mut app, "Second interview");
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "RF-INT-01");
    ctrl(&mut app, 's');
    wait_for_job(&mut app);
    let e = app.ws.evidence(1).unwrap().pop().unwrap();
    assert_eq!((e.path.as_str(), e.description.as_str()), (full.as_str(), "Second interview"));
    assert_eq!(e.items, ["RF-INT-01"]);

    // Several matches: the first Tab lists them, the next moves on.
    keys(&mut app, "a");
    keys(&mut app, &format!("{}/", dir.path().display()));
    key(&mut app, KeyCode::Tab);
    assert_eq!(form(&app).focus, 0);
    assert!(form(&app).fields[0].hint.contains("interview.txt"), "{}", form(&app).fields[0].hint);
    key(&mut app, KeyCode::Tab);
    assert_eq!(form(&app).focus, 1);
}

/// A code under Items that no checklist has is refused with the focus on Items, where it was typed.
#[test]
fn an_unknown_item_code_is_refused_with_the_focus_on_items() {
    let (mut app, dir) = fixture();
    std::fs::write(dir.path().join("notes.txt"), b"notes").unwrap();
    app.open_case(1).unwrap();
    keys(&mut app, &format!("4a{}/notes.txt", dir.path().display()));
    while form(&app).focus != 2 {
        key(&mut app, KeyCode::Tab);
    }
    keys(&mut app, "RF-BOGUS-99");
    (0..2).for_each(|_| key(&mut app, KeyCode::BackTab));
    ctrl(&mut app, 's');
    wait_for_job(&mut app);
    let error = form(&app).error.clone().unwrap_or_default();
    assert!(error.contains("unknown checklist code \"RF-BOGUS-99\""), "{error}");
    assert_eq!(form(&app).focus, 2, "{error}");
    assert!(app.ws.evidence(1).unwrap().iter().all(|e| !e.path.ends_with("notes.txt")), "nothing was attached");
}

#[test]
fn a_file_that_is_not_the_evidence_puts_the_relocate_form_back_with_its_path() {
    let (mut app, dir) = fixture();
    let kept = dir.path().join("kept.txt");
    std::fs::write(&kept, b"the recorded file").unwrap();
    app.open_case(1).unwrap();
    keys(&mut app, "4a");
    keys(&mut app, &kept.display().to_string());
    ctrl(&mut app, 's');
    wait_for_job(&mut app);
    let other = dir.path().join("other.txt");
    std::fs::write(&other, b"some other file").unwrap();
    std::fs::remove_file(&kept).unwrap();
    keys(&mut app, "G");
    keys(&mut app, "R");
    keys(&mut app, &other.display().to_string());
    ctrl(&mut app, 's');
    assert!(app.job.is_some(), "{:?}", app.message);
    wait_for_job(&mut app);
    let back = form(&app);
    assert_eq!(back.value(0), other.display().to_string(), "what was typed is kept");
    let error = back.error.clone().unwrap_or_default();
    assert!(error.contains("not evidence #"), "{error}");
    let e = app.ws.evidence(1).unwrap().pop().unwrap();
    assert_eq!(e.path, kept.display().to_string(), "the record is unchanged");
}

fn wait_for_job(app: &mut App) {
    let started = std::time::Instant::now();
    while app.job.is_some() {
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "the worker did not finish");
        std::thread::sleep(std::time::Duration::from_millis(10));
        tick(app);
    }
}

#[test]
fn l_links_evidence_picked_from_a_list_of_the_cases_files() {
    let (mut app, dir) = fixture();
    app.open_case(1).unwrap();
    keys(&mut app, "2");
    key(&mut app, KeyCode::Char('L'));
    let text = screen(&mut app, 100, 30, &dir);
    assert!(text.contains("#1 interview.txt · Interview recording"), "{text}");
    assert!(text.contains("#2 passport.jpg · Passport scan"), "{text}");
    assert!(!text.contains("#id") && !text.contains("one of #"), "{text}");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.message);
    let code = app.ws.evidence_item(2).unwrap().items;
    assert_eq!(code.len(), 1, "passport linked to the selected item");
    // Linked files are not offered again for the same item.
    key(&mut app, KeyCode::Char('L'));
    assert_eq!(form(&app).fields[0].value(), "1");
    let Some(Overlay::Form(f)) = &app.overlay else { unreachable!() };
    let vetdesk::tui::form::Kind::Pick(pick) = &f.fields[0].kind else { panic!("a picker") };
    assert_eq!(pick.choices.len(), 1);
}

#[test]
fn errors_wrap_and_name_the_workstations_own_remedy_not_a_flag() {
    let (mut app, dir) = fixture();
    app.open_case(1).unwrap();
    keys(&mut app, "ai");
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "jordan.lee at example dot com, crying out loud, with spaces and commas in it");
    ctrl(&mut app, 's');
    let error = form(&app).error.clone().unwrap();
    assert!(!error.contains("--"), "{error}");
    assert!(error.contains("set Keep if invalid to yes"), "{error}");
    let text = screen(&mut app, 80, 24, &dir);
    insta::assert_snapshot!("form_error_wrapped_80x24", text);
    let last_word = error.split_whitespace().last().unwrap();
    assert!(text.contains(last_word), "the end of the error shows ({last_word}):\n{text}");

    // A void without a reason says to fill in Why, not --reason.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    select_line(&mut app, 0);
    key(&mut app, KeyCode::Char('d'));
    key(&mut app, KeyCode::Enter);
    let error = form(&app).error.clone().unwrap();
    assert!(error.contains("under Why") && !error.contains("--reason"), "{error}");
}

#[test]
fn the_answers_forms_yes_no_questions_are_pickers() {
    let (mut app, _dir) = fixture();
    app.open_case(1).unwrap();
    keys(&mut app, "7a");
    keys(&mut app, "y");
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "u");
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "n");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{:?}", app.message);
    let answers = app.ws.answers(1).unwrap();
    assert_eq!(answers.yes_no(AnswerField::Affected), Some(YesNo::Yes));
    assert_eq!(answers.yes_no(AnswerField::BusinessTargeted), Some(YesNo::Unknown));
    assert_eq!(answers.yes_no(AnswerField::OperationsImpacted), Some(YesNo::No));
    assert_eq!(answers.yes_no(AnswerField::MoneyLost), None, "left unanswered");
}

/// Esc closes a form at once while nothing was typed in it; on typed text it asks first, and the text
/// stays until a second Esc; typing on in between asks again at the next Esc.
#[test]
fn esc_on_typed_text_asks_before_it_discards() {
    let (mut app, _dir) = fixture();
    app.open_case(1).unwrap();
    keys(&mut app, "5a");
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none(), "an untouched form closes at once");
    keys(&mut app, "a");
    keys(&mut app, "ten minutes of notes");
    key(&mut app, KeyCode::Esc);
    assert_eq!(form(&app).error.as_deref(), Some(vetdesk::tui::form::DISCARD_ASK));
    keys(&mut app, " and more");
    assert_eq!(form(&app).error, None, "typing on takes the question back");
    key(&mut app, KeyCode::Esc);
    assert_eq!(form(&app).value(0), "ten minutes of notes and more");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none());
    assert_eq!(app.ws.notes(1, 10, 0).unwrap().iter().filter(|n| n.body == "ten minutes of notes and more").count(), 1);
}

/// A long paragraph in the note editor breaks onto the rows below at the editor's width: its first and
/// last words are both on screen, where a sideways-scrolling line showed only its end.
#[test]
fn a_long_note_wraps_in_its_editor() {
    let (mut app, dir) = fixture();
    app.open_case(1).unwrap();
    keys(&mut app, "5a");
    let words: Vec<String> = (0..40).map(|n| format!("word{n:02}")).collect();
    keys(&mut app, &words.join(" "));
    let text = screen(&mut app, 100, 30, &dir);
    assert!(text.contains("word00") && text.contains("word39"), "{text}");
    assert_eq!(form(&app).value(0), words.join(" "), "wrapping is display only");
}

/// A paste holding a control character (a colour code copied from a terminal log) is refused whole,
/// naming it, since the editor would not show it; tabs and line breaks are text.
#[test]
fn a_paste_with_a_control_character_is_refused_naming_it() {
    let (mut app, _dir) = fixture();
    app.open_case(1).unwrap();
    keys(&mut app, "5a");
    handle_event(&mut app, &Event::Paste("login failed \u{1b}[31mtwice\u{1b}[0m".into()));
    assert_eq!(form(&app).value(0), "");
    let error = form(&app).error.clone().unwrap_or_default();
    assert!(error.starts_with("paste refused: it holds the control character U+001B"), "{error}");
    handle_event(&mut app, &Event::Paste("col1\tcol2\nnext line".into()));
    assert_eq!(form(&app).value(0), "col1\tcol2\nnext line");
    assert_eq!(form(&app).error, None);
}

/// An error about what was typed goes once the typing changes.
#[test]
fn a_form_error_goes_when_the_field_is_typed_in() {
    let (mut app, _dir) = fixture();
    keys(&mut app, "n");
    ctrl(&mut app, 's');
    assert!(form(&app).error.as_deref().is_some_and(|e| e.contains("a case needs a title")), "{:?}", form(&app).error);
    keys(&mut app, "Q");
    assert_eq!(form(&app).error, None);
}
