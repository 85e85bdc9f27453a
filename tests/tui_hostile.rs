//! The workstation with hostile values: escape sequences show visibly, exports refuse links and
//! devices, and what opening the workspace did shows in the status line.

mod common;

use std::os::unix::fs::PermissionsExt;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use vetdesk::Workspace;
use vetdesk::domain::{IdentifierKind, Priority, Role, SubjectFields};
use vetdesk::tui::update::handle_event;
use vetdesk::tui::{App, Theme, ui};
use vetdesk::workspace::NewCase;

const HOSTILE: &str = "Jordan\x1b]0;pwned\x07 Lee\x1b[2J\u{202e}gpj.exe";
/// What a one-line field (a name, an identifier) can still hold: it refuses control characters.
const BIDI: &str = "Jordan Lee\u{202e}gpj.exe";

fn screen(app: &mut App) -> String {
    app.size = ratatui::layout::Rect::new(0, 0, 100, 30);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| ui::draw(app, f)).unwrap();
    terminal.backend().to_string()
}

fn key(app: &mut App, code: KeyCode) {
    handle_event(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn ctrl_u(app: &mut App) {
    handle_event(app, &Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
}

fn hostile_workspace(ws: &mut Workspace) -> i64 {
    let c = ws
        .create_case(&NewCase {
            title: "Backend \u{202e}gpj.exe".into(),
            priority: Priority::High,
            candidate: Some(BIDI.into()),
        })
        .unwrap();
    ws.add_subject(c, Role::Facilitator, BIDI, &SubjectFields { location: Some(BIDI.into()), ..Default::default() })
        .unwrap();
    assert!(ws.add_identifier(c, IdentifierKind::Handle, "jdoe\x1b[2J", None, "", false).is_err());
    ws.add_identifier(c, IdentifierKind::Handle, "jdoe\u{202e}", None, BIDI, false).unwrap();
    ws.set_mark(c, "RF-ID-01", vetdesk::domain::MarkState::Flagged, Some(HOSTILE)).unwrap();
    ws.add_note(c, &format!("first line {HOSTILE}\nsecond line\x1b[2J")).unwrap();
    c
}

fn assert_visible_not_raw(screen: &str) {
    assert!(!screen.contains('\x1b') && !screen.contains('\u{202e}'), "{screen}");
}

#[test]
fn hostile_values_show_their_controls_on_every_screen() {
    let mut ws = Workspace::open_in_memory("ana").unwrap();
    hostile_workspace(&mut ws);
    let mut app = App::new(ws, Theme::named("dark", false).unwrap()).unwrap();
    let list = screen(&mut app);
    assert_visible_not_raw(&list);
    // A name cut short keeps a character's escape whole or leaves it out, never half of one.
    assert!(list.contains("Backend \\u{202e}gpj") && list.contains("Jordan Lee…"), "{list}");
    key(&mut app, KeyCode::Enter);
    let overview = screen(&mut app);
    assert_visible_not_raw(&overview);
    assert!(overview.contains("jdoe\\u{202e}"), "{overview}");
    assert!(overview.contains("Jordan Lee\\u{202e}gpj"), "{overview}");
    key(&mut app, KeyCode::Char('2'));
    let flags = screen(&mut app);
    assert_visible_not_raw(&flags);
    assert!(flags.contains("Jordan␛]0;pwned␇ Lee␛[2J"), "{flags}");
    key(&mut app, KeyCode::Enter);
    let whole = screen(&mut app);
    assert_visible_not_raw(&whole);
    assert!(whole.contains("Jordan␛]0;pwned␇ Lee␛[2J"), "the item read whole: {whole}");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('5'));
    let notes = screen(&mut app);
    assert_visible_not_raw(&notes);
    assert!(notes.contains("first line Jordan␛]0;pwned␇"), "{notes}");
    assert!(notes.contains("second line␛[2J"), "the note keeps its lines: {notes}");
    key(&mut app, KeyCode::Char('7'));
    key(&mut app, KeyCode::Char('7'));
    // Tall enough for the item's note in the description to be on screen.
    app.size = ratatui::layout::Rect::new(0, 0, 100, 400);
    let mut terminal = Terminal::new(TestBackend::new(100, 400)).unwrap();
    terminal.draw(|f| ui::draw(&app, f)).unwrap();
    let report = terminal.backend().to_string();
    assert_visible_not_raw(&report);
    assert!(report.contains("␛"), "{report}");
}

/// The workstation on the hostile workspace's first case, at tab `tab` (its number key).
fn on_first_case(tab: char) -> App {
    let mut ws = Workspace::open_in_memory("ana").unwrap();
    hostile_workspace(&mut ws);
    let mut app = App::new(ws, Theme::named("dark", false).unwrap()).unwrap();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char(tab));
    app
}

/// The workstation on the hostile workspace's first case, its report tab's export form open.
fn export_form() -> App {
    let mut app = on_first_case('7');
    key(&mut app, KeyCode::Char('w'));
    app
}

#[test]
fn the_export_form_refuses_a_link_and_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "do not touch").unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&victim, &link).unwrap();

    let mut app = export_form();
    for _ in 0.."case-1.md".len() {
        key(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, link.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    let shown = screen(&mut app);
    assert!(shown.contains("is a symbolic link"), "{shown}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "do not touch");
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
}

#[test]
fn permissions_tightened_on_open_show_in_the_status_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("workspace.db");
    drop(Workspace::open(&db, "ana", common::keys_beside(&db)).unwrap());
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let ws = Workspace::open(&db, "ana", common::keys_beside(&db)).unwrap();
    let mut app = App::new(ws, Theme::named("dark", false).unwrap()).unwrap();
    let message = app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(message.contains("was readable by others; its permissions are now 0600"), "{message}");
    assert!(screen(&mut app).contains("note: "), "shown in the status line");
    assert_eq!(std::fs::metadata(&db).unwrap().permissions().mode() & 0o777, 0o600);
}

#[test]
fn the_export_takes_its_format_from_the_extension_and_refuses_another() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = on_first_case('7');
    let export = |app: &mut App, name: &str| {
        key(app, KeyCode::Char('w'));
        ctrl_u(app);
        keys(app, dir.path().join(name).to_str().unwrap());
        key(app, KeyCode::Enter);
        for _ in 0..500 {
            if app.job.is_none() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
            vetdesk::tui::update::tick(app);
        }
        screen(app)
    };
    let shown = export(&mut app, "summary.pdf");
    assert!(shown.contains("end the file name in .md, .txt or .json"), "{shown}");
    assert!(!dir.path().join("summary.pdf").exists());
    key(&mut app, KeyCode::Esc);
    export(&mut app, "summary.JSON");
    let written = std::fs::read_to_string(dir.path().join("summary.JSON")).unwrap();
    assert!(serde_json::from_str::<serde_json::Value>(&written).is_ok(), "JSON by its extension, any case");
    export(&mut app, "summary.text");
    let written = std::fs::read_to_string(dir.path().join("summary.text")).unwrap();
    assert!(!written.starts_with('{') && !written.starts_with('#'), "plain text: {}", &written[..80]);
}

/// Not replacing a file that exists puts the export form back with the name given, to change it; the file
/// is left as it was. (It closed the form, and the name had to be typed again.)
#[test]
fn declining_to_replace_a_file_returns_to_the_export_form() {
    let dir = tempfile::tempdir().unwrap();
    let kept = dir.path().join("summary.md");
    std::fs::write(&kept, "an earlier summary").unwrap();
    let mut app = export_form();
    ctrl_u(&mut app);
    keys(&mut app, kept.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    assert!(screen(&mut app).contains("exists. Replace it?"));
    key(&mut app, KeyCode::Char('n'));
    let shown = screen(&mut app);
    assert!(shown.contains("Export the IC3-ready summary") && shown.contains("summary.md"), "{shown}");
    assert!(shown.contains("not replaced: give another name, or Esc"), "{shown}");
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "an earlier summary");
}

/// The note editor cannot show an escape or a direction override; it says the text holds some, which stay
/// unless deleted.
#[test]
fn the_editor_says_when_its_text_holds_characters_it_cannot_show() {
    let mut app = on_first_case('5');
    key(&mut app, KeyCode::Char('e'));
    let form = screen(&mut app);
    assert_visible_not_raw(&form);
    assert!(form.contains("⚠ this text holds characters the editor shows as nothing (U+0007, U+001B"), "{form}");
}

/// A title written behind vetdesk's back as bytes that are not UTF-8 does not keep the workstation from
/// opening: the list shows every case, the bytes as «�», the status line names the case, and opening that
/// case says there why it cannot be shown.
#[test]
fn a_title_that_is_not_utf8_is_listed_and_opening_its_case_says_why_not() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("workspace.db");
    let mut ws = Workspace::open(&db, "ana", common::keys_beside(&db)).unwrap();
    let new = |title: &str| NewCase { title: title.into(), priority: Priority::Low, candidate: None };
    let damaged = ws.create_case(&new("Backend contractor")).unwrap();
    ws.create_case(&new("Mobile developer")).unwrap();
    drop(ws);
    let conn = rusqlite::Connection::open(&db).unwrap();
    // "Backend", a byte that begins no UTF-8 character, " contractor".
    conn.execute(
        "UPDATE \"case\" SET title = CAST(x'4261636b656e64ff20636f6e74726163746f72' AS TEXT) WHERE id = ?1",
        [damaged],
    )
    .unwrap();
    drop(conn);
    let ws = Workspace::open(&db, "ana", common::keys_beside(&db)).unwrap();
    let mut app = App::new(ws, Theme::named("dark", false).unwrap()).unwrap();
    let list = screen(&mut app);
    assert!(list.contains("Backend\u{FFFD} contractor") && list.contains("Mobile developer"), "{list}");
    // The list is not checked against the seals; opening it names the case whose title it cannot show.
    let opened = app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(
        opened.contains(&format!(
            "the title or candidate's name of case #{damaged} is stored as bytes that are not UTF-8"
        )),
        "{opened}"
    );
    // The newest change first: the damaged case is the second row.
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Enter);
    let message = app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(message.contains("a stored text is not UTF-8"), "{message}");
    assert!(message.contains("run `vetdesk audit verify`"), "{message}");
    assert!(screen(&mut app).contains("Mobile developer"), "the list stays");
}

/// A field not focused says so too, by its name: correcting an identifier opens on its kind, and the value
/// beside it, a direction override drawn as nothing, would look plain.
#[test]
fn a_form_says_which_field_holds_characters_it_cannot_show() {
    let mut ws = Workspace::open_in_memory("ana").unwrap();
    hostile_workspace(&mut ws);
    let mut app = App::new(ws, Theme::named("dark", false).unwrap()).unwrap();
    key(&mut app, KeyCode::Enter);
    // Down the overview to the identifier: `e` corrects whichever record is selected.
    let mut form = String::new();
    for _ in 0..8 {
        key(&mut app, KeyCode::Char('e'));
        form = screen(&mut app);
        if form.contains("Correct identifier") {
            break;
        }
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Char('j'));
    }
    assert!(form.contains("Correct identifier"), "{form}");
    assert_visible_not_raw(&form);
    assert!(form.contains("⚠ Value and Note hold characters the editor shows as nothing (U+202E)"), "{form}");
}
