//! The workstation's IC3 answers form (report tab, `a`) and the payment form's transaction fields.

use chrono::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use vetdesk::Workspace;
use vetdesk::domain::{AnswerField, Priority, YesNo};
use vetdesk::time::Clock;
use vetdesk::tui::app::{Overlay, Screen};
use vetdesk::tui::update::handle_event;
use vetdesk::tui::{App, Theme, ui};
use vetdesk::workspace::NewCase;

fn app() -> (App, i64) {
    let mut ws = Workspace::open_in_memory("ana").unwrap();
    ws.set_clock(Clock::Fixed(chrono::Utc.with_ymd_and_hms(2026, 3, 14, 9, 30, 0).unwrap()));
    let case = ws
        .create_case(&NewCase {
            title: "Backend engineer".into(),
            priority: Priority::High,
            candidate: Some("Jordan Lee".into()),
        })
        .unwrap();
    let mut app = App::new(ws, Theme::named("dark", false).unwrap()).unwrap();
    app.open_case(case).unwrap();
    (app, case)
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

fn screen(app: &mut App, width: u16, height: u16) -> String {
    app.size = ratatui::layout::Rect::new(0, 0, width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::draw(app, f)).unwrap();
    terminal.backend().to_string()
}

#[test]
fn the_report_tab_answers_the_forms_questions_in_one_change() {
    let (mut app, case) = app();
    key(&mut app, KeyCode::Char('7'));
    key(&mut app, KeyCode::Char('a'));
    assert!(matches!(app.overlay, Some(Overlay::Form(_))), "the answers form opens");
    insta::assert_snapshot!("answers_form_80x24", screen(&mut app, 80, 24));
    keys(&mut app, "y"); // affected: a picker, y picks yes
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "n"); // operations impacted
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "Nothing stopped."); // harm
    let rows = app.ws.audit_head().unwrap().unwrap().rows;
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{:?}", app.message);
    let answers = app.ws.answers(case).unwrap();
    assert_eq!(answers.yes_no(AnswerField::Affected), Some(YesNo::Yes));
    assert_eq!(answers.yes_no(AnswerField::OperationsImpacted), Some(YesNo::No));
    assert_eq!(answers.text(AnswerField::Harm), "Nothing stopped.");
    assert_eq!(app.ws.audit_head().unwrap().unwrap().rows, rows + 1, "one audited change");
    let Screen::Case(view) = &app.screen else { panic!("the case stays open") };
    assert!(view.report.as_deref().unwrap().contains("Were you the one affected in this incident?: Yes"));

    // A bad value keeps the form with the reason, and changes nothing: a signature longer than the
    // form takes (the yes/no questions are pickers, which take no other word).
    key(&mut app, KeyCode::Char('a'));
    key(&mut app, KeyCode::BackTab);
    keys(&mut app, &"J".repeat(201));
    ctrl(&mut app, 's');
    let Some(Overlay::Form(form)) = &app.overlay else { panic!("the form stays") };
    assert!(form.error.as_deref().unwrap().contains("at most 200"), "{:?}", form.error);
    assert_eq!(app.ws.audit_head().unwrap().unwrap().rows, rows + 1);
}

#[test]
fn the_payment_form_takes_the_forms_transaction_fields() {
    let (mut app, case) = app();
    key(&mut app, KeyCode::Char('a'));
    key(&mut app, KeyCode::Char('p'));
    let Some(Overlay::Form(form)) = &app.overlay else { panic!("the payment form opens") };
    let labels: Vec<&str> = form.fields.iter().map(|f| f.label).collect();
    assert_eq!(labels.len(), 22, "{labels:?}");
    assert_eq!(labels[21], "Note");
    assert_eq!(labels[4], "Bank contacted", "asked right after the method, as the form does");
    assert_eq!(labels[7..13], ["Bank", "Bank address", "Bank city", "Bank state", "Bank ZIP code", "Bank country"]);
    keys(&mut app, "2026-03-01");
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "900");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "cc"); // the method picker: check, then crypto
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "u"); // bank contacted: unknown
    for _ in 0..5 {
        key(&mut app, KeyCode::Tab);
    }
    keys(&mut app, "Berlin");
    for _ in 0..9 {
        key(&mut app, KeyCode::Tab);
    }
    // A Tron address with its last two characters mistyped: its base58check checksum fails, so the form
    // stays open with the routing number's way past it, in the workstation's words, and nothing is written.
    keys(&mut app, "TQ5NZ3bq6ZXvH9yQd7Pp9VgLr8Y3G2GraB");
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "9f2c4e7a");
    let rows = app.ws.audit_head().unwrap().unwrap().rows;
    ctrl(&mut app, 's');
    let Some(Overlay::Form(form)) = &app.overlay else { panic!("the form stays open: {:?}", app.message) };
    let error = form.error.as_deref().unwrap_or_default();
    assert!(error.contains("base58check address fails its checksum"), "{error}");
    assert!(error.contains("leave Wallet empty here and add it as a crypto-wallet identifier"), "{error}");
    assert!(!error.contains("--"), "{error}");
    assert_eq!(app.ws.audit_head().unwrap().unwrap().rows, rows, "nothing written");
    assert_eq!(form.fields[form.focus].label, "Wallet", "the focus is on the field the error names");
    ctrl(&mut app, 'u');
    keys(&mut app, "TQ5NZ3bq6ZXvH9yQd7Pp9VgLr8Y3G2Grb1");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{:?}", app.message);
    let p = &app.ws.payments(case).unwrap()[0];
    assert_eq!(
        (p.method.as_str(), p.wallet.as_str(), p.tx_hash.as_str()),
        ("crypto", "TQ5NZ3bq6ZXvH9yQd7Pp9VgLr8Y3G2Grb1", "9f2c4e7a")
    );
    assert_eq!((p.bank_contacted.as_str(), p.bank_city.as_str()), ("unknown", "Berlin"));
}

#[test]
fn i_on_a_payment_asks_the_forms_fields_for_its_type_and_e_keeps_them() {
    let (mut app, case) = app();
    let payment = vetdesk::domain::NewPayment {
        paid_on: "2026-03-02".into(),
        amount_cents: 60_000,
        currency: "USD".into(),
        method: "p2p".into(),
        recipient: "Jordan Lee".into(),
        ..Default::default()
    };
    let id = app.ws.add_payment(case, &payment).unwrap();
    ctrl(&mut app, 'r');
    key(&mut app, KeyCode::Char('i'));
    assert!(app.overlay.is_none(), "i on the candidate's line opens nothing");
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('i'));
    let Some(Overlay::Form(form)) = &app.overlay else { panic!("the IC3 fields open: {:?}", app.message) };
    let labels: Vec<&str> = form.fields.iter().map(|f| f.label).collect();
    assert_eq!(
        labels,
        [
            "Was the money sent or lost?",
            "Originating name on account",
            "P2P application used",
            "Originating account identifier",
            "Recipient account identifier"
        ],
        "a P2P transfer's fields, in the form's order"
    );
    insta::assert_snapshot!("payment_ic3_fields_80x24", screen(&mut app, 80, 24));
    keys(&mut app, "y"); // a picker: yes, no or unknown
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "Zelle");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "jordan.lee@example.com");
    let rows = app.ws.audit_head().unwrap().unwrap().rows;
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{:?}", app.message);
    let p = app.ws.payment(id).unwrap();
    assert_eq!(
        (p.details.money_sent.as_str(), p.details.p2p_app.as_str(), p.details.recipient_account_identifier.as_str()),
        ("yes", "Zelle", "jordan.lee@example.com")
    );
    assert_eq!(app.ws.audit_head().unwrap().unwrap().rows, rows + 1, "one audited change");

    // Correcting the payment's core fields keeps its IC3 fields.
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Backspace);
    keys(&mut app, "1");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{:?}", app.message);
    let p = app.ws.payment(id).unwrap();
    assert_eq!((p.amount_cents, p.details.p2p_app.as_str()), (60_001, "Zelle"));

    // u undoes the last change, back to the IC3 fields as saved; the hint names each change as what it
    // was, and names the case once another screen is shown.
    // (The hint shows once the message about the change has gone.)
    app.message = None;
    assert!(screen(&mut app, 160, 30).contains(&format!("u undo the correction of payment #{id}")));
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(app.ws.payment(id).unwrap().amount_cents, 60_000);
    app.message = None;
    assert!(screen(&mut app, 160, 30).contains(&format!("u undo the IC3 details of payment #{id}")));
    key(&mut app, KeyCode::Esc);
    let case = app.ws.payment(id).unwrap().case_id;
    assert!(screen(&mut app, 160, 30).contains(&format!("u undo the IC3 details of payment #{id} (case #{case})")));
}

#[test]
fn i_on_a_crypto_payment_refuses_a_mistyped_originating_wallet_in_the_workstations_words() {
    let (mut app, case) = app();
    let payment = vetdesk::domain::NewPayment {
        paid_on: "2026-03-02".into(),
        amount_cents: 125_000,
        currency: "USD".into(),
        method: "crypto".into(),
        ..Default::default()
    };
    let id = app.ws.add_payment(case, &payment).unwrap();
    ctrl(&mut app, 'r');
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('i'));
    let Some(Overlay::Form(form)) = &app.overlay else { panic!("the IC3 fields open: {:?}", app.message) };
    let at = form.fields.iter().position(|f| f.label == "Originating wallet address").expect("a crypto field");
    for _ in 0..at {
        key(&mut app, KeyCode::Tab);
    }
    // BIP-173's P2WPKH vector with its last character changed.
    keys(&mut app, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5");
    let rows = app.ws.audit_head().unwrap().unwrap().rows;
    ctrl(&mut app, 's');
    let Some(Overlay::Form(form)) = &app.overlay else { panic!("the form stays open: {:?}", app.message) };
    let error = form.error.as_deref().unwrap_or_default();
    assert!(error.contains("bech32 address fails its checksum"), "{error}");
    assert!(error.contains("leave Originating wallet address empty here"), "{error}");
    assert_eq!(app.ws.audit_head().unwrap().unwrap().rows, rows, "nothing written");
    // The valid address, typed in capitals, is stored lowercase.
    ctrl(&mut app, 'u');
    keys(&mut app, "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{:?}", app.message);
    let p = app.ws.payment(id).unwrap();
    assert_eq!(p.details.originating_wallet, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
}
