//! The first screen of an empty workspace tells a new user how to start, with commands that work as
//! typed: the program is named as it was run, since after `cargo run` there is no `vetdesk` on the PATH.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use vetdesk::Workspace;
use vetdesk::tui::{App, Theme, ui};

fn first_screen(program: &str, width: u16, height: u16) -> String {
    let ws = Workspace::open_in_memory("ana").unwrap();
    let mut app = App::new(ws, Theme::named("dark", false).unwrap()).unwrap();
    app.program = program.into();
    app.size = ratatui::layout::Rect::new(0, 0, width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::draw(&app, f)).unwrap();
    terminal.backend().to_string()
}

#[test]
fn the_demo_is_suggested_with_the_program_as_it_was_run() {
    let installed = first_screen("vetdesk", 100, 30);
    assert!(installed.contains("  vetdesk --db demo.db demo "), "{installed}");
    assert!(installed.contains("and open it with vetdesk --db demo.db."), "{installed}");

    let built = first_screen("target/release/vetdesk", 80, 24);
    assert!(built.contains("target/release/vetdesk --db demo.db demo"), "{built}");
    assert!(built.contains("target/release/vetdesk --db demo.db."), "{built}");
    assert!(!built.contains(" vetdesk --db"), "no bare vetdesk left: {built}");
    insta::assert_snapshot!("first_run_after_cargo_run_80x24", built);
}
