//! Every screen of the workstation at 80×24, 100×30 and 160×48, as snapshots; and what must hold at the
//! smallest size: help that scrolls to its last key, a report wrapped once at the tab's width, tab bars and
//! headers that shorten instead of being cut.

mod common;

use common::tui_app::{SIZES, draw, key, keys, linked_app, sample_app, text, view};
use ratatui::crossterm::event::KeyCode;
use vetdesk::tui::App;
use vetdesk::tui::app::{Overlay, Screen, Tab};
use vetdesk::tui::keymap;
use vetdesk::tui::update::contexts;

/// Snapshots the app as it is at every size in [`SIZES`], as `NAME_WxH`.
fn snap_sizes(name: &str, app: &mut App) {
    for (w, h) in SIZES {
        let screen = text(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
    }
}

/// The sample with an evidence file attached to case #1 (its folder shown as `[dir]`), and the folder.
fn with_evidence() -> (App, tempfile::TempDir) {
    let mut app = linked_app();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("interview.txt");
    std::fs::write(&file, b"Interview transcript").unwrap();
    let codes = ["RF-INT-01".to_string()];
    app.ws.attach_evidence(1, &file, "Interview transcript", &codes, false, &mut |_, _| true).unwrap();
    app.reload().unwrap();
    (app, dir)
}

#[test]
fn every_screen_at_every_size() {
    let (mut app, dir) = with_evidence();
    let folder = dir.path().display().to_string().replace('.', r"\.");
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(&folder, "[dir]");
    let _guard = settings.bind_to_scope();

    snap_sizes("case_list", &mut app);
    app.open_case(1).unwrap();
    snap_sizes("overview", &mut app);
    for (tab, name) in [('2', "red_flags"), ('3', "due_diligence"), ('4', "evidence"), ('5', "notes")] {
        key(&mut app, KeyCode::Char(tab));
        snap_sizes(name, &mut app);
    }
    key(&mut app, KeyCode::Char('6'));
    snap_sizes("links", &mut app);
    key(&mut app, KeyCode::Char('7'));
    snap_sizes("report", &mut app);
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('?'));
    snap_sizes("help_overview", &mut app);
    // Scrolled to the end at each size (how far that is depends on the size).
    for (w, h) in SIZES {
        draw(&mut app, w, h);
        key(&mut app, KeyCode::End);
        let screen = text(&mut app, w, h);
        insta::assert_snapshot!(format!("help_overview_end_{w}x{h}"), screen);
        key(&mut app, KeyCode::Home);
    }
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('O'));
    snap_sizes("controls", &mut app);
}

/// The help's text at `w`×`h`, scrolled from the top to its end, one screen after another.
fn help_pages(app: &mut App, w: u16, h: u16) -> Vec<String> {
    key(app, KeyCode::Char('?'));
    let mut pages = vec![text(app, w, h)];
    loop {
        key(app, KeyCode::PageDown);
        let page = text(app, w, h);
        if pages.last() == Some(&page) {
            break;
        }
        pages.push(page);
    }
    key(app, KeyCode::Char('?'));
    assert!(app.overlay.is_none(), "a key other than the scroll keys closes help");
    pages
}

#[test]
fn help_scrolls_to_every_key_of_the_screen_at_80x24() {
    let mut app = sample_app();
    app.open_case(1).unwrap();
    for tab in Tab::ALL {
        key(&mut app, KeyCode::Char(char::from(b'1' + tab.index() as u8)));
        let pages = help_pages(&mut app, 80, 24);
        assert!(pages.len() > 1, "{tab:?}: the help is taller than 24 lines and scrolls");
        assert!(pages[0].contains("↓ more"), "{tab:?}: says there is more\n{}", pages[0]);
        // One column at 80: each entry's description follows its keys, and wrapped lines follow it.
        let body: String = pages
            .iter()
            .flat_map(|p| p.lines().skip(1))
            .map(|l| l.trim_matches(|c| c == '│' || c == '"' || c == ' '))
            .collect::<Vec<_>>()
            .join(" ");
        let words = body.split_whitespace().collect::<Vec<_>>().join(" ");
        for b in keymap::bindings_for(&contexts(&app)) {
            assert!(words.contains(b.description), "{tab:?}: help never shows {:?} ({})", b.key, b.description);
        }
    }
}

#[test]
fn help_at_100x30_on_the_overview_reaches_the_report_tab_and_the_status_key() {
    let mut app = sample_app();
    app.open_case(1).unwrap();
    let pages = help_pages(&mut app, 100, 30);
    let all = pages.join("\n");
    let has = |keys: &str, description: &str| {
        all.lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>().join(" ").contains(&format!("{keys} {description}")))
    };
    assert!(has("7", "report"), "{all}");
    assert!(has("t", "change the case status"), "{all}");
    assert!(has("ctrl-c", "quit vetdesk"), "{all}");
}

#[test]
fn wrapped_help_descriptions_hang_under_the_description_column() {
    let mut app = sample_app();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('7'));
    key(&mut app, KeyCode::Char('?'));
    let screen = text(&mut app, 80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines.iter().position(|l| l.contains("answer the IC3")).expect("the answers key is shown");
    let column = |line: &str, text: &str| line[..line.find(text).unwrap()].chars().count();
    let next = lines[at + 1];
    let continued = next.chars().skip(2).position(|c| c != ' ').unwrap() + 2;
    let column = column(lines[at], "answer the IC3");
    assert_eq!(continued, column, "the continuation starts under the description:\n{}\n{next}", lines[at]);
}

#[test]
fn help_scrolling_stops_at_both_ends() {
    let mut app = sample_app();
    key(&mut app, KeyCode::Char('?'));
    draw(&mut app, 80, 24);
    key(&mut app, KeyCode::Char('k'));
    assert!(matches!(app.overlay, Some(Overlay::Help { scroll: 0 })));
    key(&mut app, KeyCode::End);
    let Some(Overlay::Help { scroll: end }) = app.overlay else { panic!("help stays open while scrolling") };
    assert!(end > 0);
    key(&mut app, KeyCode::Char('j'));
    assert!(matches!(app.overlay, Some(Overlay::Help { scroll }) if scroll == end), "not past the end");
    key(&mut app, KeyCode::Home);
    assert!(matches!(app.overlay, Some(Overlay::Help { scroll: 0 })));

    // The wheel scrolls help, not the list beneath it.
    use ratatui::crossterm::event::{Event, KeyModifiers, MouseEvent, MouseEventKind};
    let wheel = |kind| Event::Mouse(MouseEvent { kind, column: 40, row: 10, modifiers: KeyModifiers::NONE });
    vetdesk::tui::update::handle_event(&mut app, &wheel(MouseEventKind::ScrollDown));
    assert!(matches!(app.overlay, Some(Overlay::Help { scroll: 3 })), "{:?}", app.overlay.is_some());
    let Screen::List(list) = &app.screen else { panic!() };
    assert_eq!(list.selected, 0, "the list stays put");
    vetdesk::tui::update::handle_event(&mut app, &wheel(MouseEventKind::ScrollUp));
    assert!(matches!(app.overlay, Some(Overlay::Help { scroll: 0 })));
}

#[test]
fn the_report_is_wrapped_once_at_the_width_of_its_tab() {
    let mut app = sample_app();
    app.open_case(1).unwrap();
    for (w, h) in [(80, 24), (100, 30), (160, 48)] {
        draw(&mut app, w, h);
        key(&mut app, KeyCode::Char('7'));
        let screen = text(&mut app, w, h);
        let report = view(&app).report.clone().unwrap();
        assert_eq!(view(&app).report_width, usize::from(w) - 2, "the tab's width inside its border");
        // Each line of the report that fits is one row of the screen: nothing is wrapped a second time.
        let rows: Vec<String> =
            screen.lines().skip(4).map(|l| l.trim_matches(|c| c == '│' || c == '"').trim_end().to_string()).collect();
        for (i, line) in report.lines().take(usize::from(h) - 6).enumerate() {
            assert_eq!(rows[i], line.trim_end(), "{w}x{h}, line {i}:\n{screen}");
        }
        let prose = report.lines().find(|l| l.starts_with("Sections 1 to 7")).unwrap();
        assert!(prose.chars().count() > usize::from(w) - 12, "{w}: prose fills the width: {prose:?}");
        key(&mut app, KeyCode::Char('1'));
    }
    // A resize on the tab re-wraps it.
    key(&mut app, KeyCode::Char('7'));
    draw(&mut app, 100, 30);
    assert_eq!(view(&app).report_width, 98);
    draw(&mut app, 80, 24);
    assert_eq!(view(&app).report_width, 78);
}

#[test]
fn at_80x24_the_tab_bar_and_header_shorten_and_every_tab_keeps_its_number() {
    let mut app = sample_app();
    app.open_case(1).unwrap();
    let screen = text(&mut app, 80, 24);
    let bar = screen.lines().nth(2).unwrap();
    for (i, name) in ["Overview", "Flags", "Diligence", "Evidence", "Notes", "Links", "Report"].iter().enumerate() {
        assert!(bar.contains(&format!("{} {name}", i + 1)), "{bar}");
    }
    let header = screen.lines().next().unwrap();
    assert!(header.contains("risk") && header.contains("reviewed"), "{header}");
    // Narrower still, names shorten to their first letters, and each tab is still clickable.
    let screen = text(&mut app, 60, 20);
    let bar = screen.lines().nth(2).unwrap();
    for i in 1..=7 {
        assert!(bar.contains(&format!("{i} ")), "{bar}");
    }
    let column = bar[..bar.find("7 R").unwrap()].chars().count() as u16 - 1;
    vetdesk::tui::update::handle_event(
        &mut app,
        &ratatui::crossterm::event::Event::Mouse(ratatui::crossterm::event::MouseEvent {
            kind: ratatui::crossterm::event::MouseEventKind::Down(ratatui::crossterm::event::MouseButton::Left),
            column: column + 1,
            row: 2,
            modifiers: ratatui::crossterm::event::KeyModifiers::NONE,
        }),
    );
    assert_eq!(view(&app).tab, Tab::Report);
}

#[test]
fn at_80x24_the_case_list_gives_title_and_candidate_the_room() {
    let mut app = sample_app();
    app.ws.set_status(2, vetdesk::domain::CaseStatus::Investigating, None).unwrap();
    app.reload().unwrap();
    let screen = text(&mut app, 80, 24);
    assert!(screen.contains("Backend engineer (contract)"), "{screen}");
    assert!(screen.contains("Zoë Ångström"), "{screen}");
    assert!(screen.contains("investigating"), "{screen}");
    let Screen::List(_) = &app.screen else { panic!() };
    let wide = text(&mut app, 160, 48);
    assert!(wide.contains("CHANGED") && wide.contains("REVIEWED") && wide.contains("PRIORITY"), "{wide}");
}

#[test]
fn at_80x24_link_values_and_checklist_text_use_the_width() {
    let mut app = linked_app();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('6'));
    let screen = text(&mut app, 80, 24);
    let strong = screen.lines().find(|l| l.contains("strong")).unwrap();
    assert_eq!(strong.matches("+1 (202) 555-0143").count(), 2, "both values whole: {strong}");
    key(&mut app, KeyCode::Char('2'));
    keys(&mut app, "");
    let screen = text(&mut app, 80, 24);
    let row = screen.lines().find(|l| l.contains("RF-ID-01")).unwrap();
    let title = &view(&app).items(vetdesk::catalog::ItemKind::RedFlag)[0].item.title;
    let shown = row.trim_end_matches(['│', ' ']).len() - row.find(title.split(' ').next().unwrap()).unwrap();
    assert!(shown >= 50.min(title.len()), "the item's text takes the rest of the row: {row}");
}

/// Below the smallest size only the notice is drawn, so no key acts on the screen behind it (an item
/// flagged, a case opened, a form typed into); q quits, as the notice says.
#[test]
fn below_the_smallest_size_keys_act_on_nothing_and_q_quits() {
    let mut app = sample_app();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('2'));
    let rows = app.ws.audit_head().unwrap().map(|h| h.rows);
    let shown = text(&mut app, 40, 10);
    assert!(shown.contains("vetdesk needs at least 60×15"), "{shown}");
    for code in [KeyCode::Char(' '), KeyCode::Enter, KeyCode::Char('f'), KeyCode::Char('a'), KeyCode::Esc] {
        key(&mut app, code);
    }
    assert_eq!(app.ws.audit_head().unwrap().map(|h| h.rows), rows, "a key changed the record");
    assert!(app.overlay.is_none() && matches!(app.screen, Screen::Case(_)) && !app.quit);
    key(&mut app, KeyCode::Char('q'));
    assert!(app.quit, "q quits below the smallest size");
}

/// Below the smallest size a form holding typed text is not lost to one q: the notice says a second q
/// loses it, and a larger terminal brings the form back as typed. Even after Esc asked once.
#[test]
fn below_the_smallest_size_typed_text_is_lost_only_to_a_second_q() {
    let mut app = sample_app();
    key(&mut app, KeyCode::Char('n'));
    keys(&mut app, "Important typed title");
    key(&mut app, KeyCode::Esc);
    draw(&mut app, 50, 12);
    assert!(text(&mut app, 50, 12).contains("A form holds what you typed"));
    key(&mut app, KeyCode::Char('q'));
    assert!(!app.quit, "one q keeps the form");
    assert!(text(&mut app, 50, 12).contains("Press q again to quit"));
    draw(&mut app, 80, 24);
    assert!(text(&mut app, 80, 24).contains("Important typed title"), "the form is back as typed");
    key(&mut app, KeyCode::Char('x'));
    draw(&mut app, 50, 12);
    key(&mut app, KeyCode::Char('q'));
    assert!(!app.quit, "the count starts again once the form was seen");
    key(&mut app, KeyCode::Char('q'));
    assert!(app.quit, "a second q quits");
}

/// The sample workstation on case 1's report tab, its summary built at 100×30.
fn report_tab_at_100x30() -> vetdesk::tui::App {
    let mut app = sample_app();
    app.open_case(1).unwrap();
    draw(&mut app, 100, 30);
    key(&mut app, KeyCode::Char('7'));
    draw(&mut app, 100, 30);
    app
}

/// On the report tab PageDown and PageUp move the text a screenful, as everywhere else.
#[test]
fn the_report_tab_pages_by_a_screenful() {
    let mut app = report_tab_at_100x30();
    key(&mut app, KeyCode::PageDown);
    let paged = view(&app).report_scroll;
    assert!(paged > 10, "a screenful, not a line: {paged}");
    key(&mut app, KeyCode::PageUp);
    assert_eq!(view(&app).report_scroll, 0);
}

/// A summary of thousands of subjects runs to hundreds of thousands of lines: the tab reaches its last
/// line all the same (it stopped at line 65,535, the most a widget's scroll offset counts).
#[test]
fn the_report_tab_reaches_the_end_of_a_summary_of_any_length() {
    let mut app = report_tab_at_100x30();
    let long: Vec<String> = (0..200_000).map(|n| format!("Subject {n}")).collect();
    let Screen::Case(case) = &mut app.screen else { panic!("a case is open") };
    case.report = Some(long.join("\n").into());
    key(&mut app, KeyCode::Char('G'));
    let screen = text(&mut app, 100, 30);
    assert!(screen.contains("Subject 199999"), "{screen}");
    key(&mut app, KeyCode::PageUp);
    let screen = text(&mut app, 100, 30);
    assert!(screen.contains("Subject 199970") && !screen.contains("Subject 199999"), "{screen}");
}

/// `G` (and End, and PageDown held) on the report tab shows the summary's last screenful, its last line at
/// the bottom of the tab: it scrolled a screenful past the end into an empty box.
#[test]
fn the_report_tab_scrolls_to_its_last_line_and_no_further() {
    let mut app = report_tab_at_100x30();
    let report = view(&app).report.clone().unwrap();
    assert!(report.lines().count() > 60, "a summary longer than two screens");
    let last = report.lines().rev().find(|l| !l.trim().is_empty()).unwrap().trim().to_string();
    for end in [KeyCode::Char('G'), KeyCode::End] {
        key(&mut app, end);
        let screen = text(&mut app, 100, 30);
        assert!(screen.contains(&last), "{end:?} shows the last line {last:?}:\n{screen}");
        for _ in 0..5 {
            key(&mut app, KeyCode::PageDown);
        }
        key(&mut app, KeyCode::Char('j'));
        assert!(text(&mut app, 100, 30).contains(&last), "paging on stays at the end");
        key(&mut app, KeyCode::Char('k'));
        assert!(!text(&mut app, 100, 30).contains(&last), "k moves the last line off the bottom at once");
        key(&mut app, KeyCode::Home);
        assert_eq!(view(&app).report_scroll, 0);
    }
}

/// A note written over several lines keeps its line breaks in the checklist's detail pane.
#[test]
fn a_checklist_note_keeps_its_line_breaks_in_the_detail_pane() {
    let mut app = sample_app();
    app.ws.set_mark(1, "RF-ID-01", vetdesk::domain::MarkState::Flagged, Some("first line\nsecond line")).unwrap();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('2'));
    let screen = text(&mut app, 100, 30);
    let rows: Vec<&str> = screen.lines().collect();
    let at = rows.iter().position(|r| r.contains("first line")).unwrap_or_else(|| panic!("{screen}"));
    assert!(!rows[at].contains("second line") && rows[at + 1].contains("second line"), "{screen}");
}

/// A tab's title gives way part by part at narrow sizes instead of running into its border mid-word.
#[test]
fn tab_titles_drop_parts_rather_than_being_cut_at_the_border() {
    let mut app = linked_app();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('7'));
    let report = text(&mut app, 60, 15);
    let top = report.lines().find(|l| l.contains("IC3-ready summary")).unwrap_or_default().to_string();
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "camera");
    key(&mut app, KeyCode::Enter);
    let flags = text(&mut app, 80, 24);
    let title = flags.lines().find(|l| l.contains("Red flags")).unwrap_or_default().to_string();
    assert!(top.contains("┌ IC3-ready summary · not redacted · r redact · w export ─"), "{top}");
    assert!(title.contains("┌ Red flags · 1 of 70 items · matching \"camera\" (n next) · 2 flagged ─"), "{title}");
}

/// The case list's columns stay put while it scrolls: the ID column is as wide as the largest case number
/// at either end, so no other column comes or goes between `g` and `G`.
#[test]
fn the_case_lists_columns_stay_put_from_top_to_bottom() {
    let mut ws = common::tui_app::workspace();
    for n in 0..120 {
        let new = vetdesk::workspace::NewCase {
            title: format!("Contractor {n}"),
            priority: vetdesk::domain::Priority::Medium,
            candidate: None,
        };
        ws.create_case(&new).unwrap();
    }
    let mut app = App::new(ws, vetdesk::tui::Theme::named("dark", false).unwrap()).unwrap();
    for (w, h) in [(80, 24), (100, 30), (92, 30), (96, 30)] {
        let header =
            |app: &mut App| text(app, w, h).lines().find(|l| l.contains("TITLE")).unwrap_or_default().to_string();
        key(&mut app, KeyCode::Char('g'));
        let top = header(&mut app);
        key(&mut app, KeyCode::Char('G'));
        assert_eq!(header(&mut app), top, "{w}x{h}");
    }
}

/// At 60×15 the case header gives up the review count whole rather than cutting it mid-word, even with
/// the longest status.
#[test]
fn the_case_header_drops_the_review_count_rather_than_cut_it() {
    let mut app = sample_app();
    app.ws.set_status(1, vetdesk::domain::CaseStatus::Investigating, None).unwrap();
    app.open_case(1).unwrap();
    let header = text(&mut app, 60, 15).lines().next().unwrap_or_default().to_string();
    assert!(header.contains("investigating"), "{header}");
    assert!(!header.contains("% rev") || header.contains("% reviewed"), "{header}");
}

/// A note longer than its row in the notes list ends in "…" at the pane's edge, not cut unmarked.
#[test]
fn a_long_note_is_cut_with_an_ellipsis_in_the_list() {
    let mut app = sample_app();
    let long = format!("Asked for a short call {}and then hung up", "about the payment schedule ".repeat(6));
    app.ws.add_note(1, &long).unwrap();
    app.open_case(1).unwrap();
    key(&mut app, KeyCode::Char('5'));
    let screen = text(&mut app, 80, 24);
    let row = screen.lines().find(|l| l.contains("Asked for a short call")).unwrap_or_default().to_string();
    assert!(row.contains("…│"), "{row}");
}

/// What an empty panel says keeps its two-column indent on the rows its text wraps onto, at the smallest
/// size: the case list of a new workspace, and a case's evidence, notes and links.
#[test]
fn empty_panels_keep_their_indent_where_their_text_wraps_at_60x15() {
    // The rows inside the panel's border that hold text: at least `rows` of them, each two columns in.
    let indented = |screen: &str, rows: usize| {
        let inside: Vec<&str> = screen
            .lines()
            .filter_map(|l| l.trim_matches('"').strip_prefix('│'))
            .filter(|l| !l.trim_end_matches('│').trim().is_empty())
            .collect();
        assert!(inside.len() >= rows, "{rows} row(s) of text: {screen}");
        assert!(inside.iter().all(|row| row.starts_with("  ") && !row.starts_with("   ")), "{screen}");
    };
    let theme = vetdesk::tui::Theme::named("dark", false).unwrap();
    let mut app = vetdesk::tui::App::new(common::tui_app::workspace(), theme).unwrap();
    let list = text(&mut app, 60, 15);
    assert!(list.contains("This workspace has no cases yet."), "{list}");
    // The demo command stands two columns further in, on purpose.
    indented(&list.replace("│    vetdesk --db demo.db demo", "│  vetdesk --db demo.db demo"), 6);
    let case = app
        .ws
        .create_case(&vetdesk::workspace::NewCase {
            title: "Backend engineer".into(),
            priority: vetdesk::domain::Priority::Low,
            candidate: None,
        })
        .unwrap();
    app.reload().unwrap();
    app.open_case(case).unwrap();
    for (tab, says, rows) in [('4', "No evidence yet.", 2), ('5', "No notes yet.", 1), ('6', "No other case shares", 3)]
    {
        key(&mut app, KeyCode::Char(tab));
        let screen = text(&mut app, 60, 15);
        assert!(screen.contains(says), "{screen}");
        indented(&screen, rows);
    }
}

/// At the smallest size the overview's lines of facts that do not fit end in "…" at the panel's edge
/// rather than stopping mid-word with nothing to say so.
#[test]
fn at_60x15_the_overviews_facts_that_do_not_fit_end_in_an_ellipsis() {
    let mut app = sample_app();
    let tags = vec!["remote".to_string(), "contractor".to_string()];
    app.ws.edit_case(1, &vetdesk::workspace::CaseEdit { tags: Some(tags), ..Default::default() }).unwrap();
    app.reload().unwrap();
    app.open_case(1).unwrap();
    let screen = text(&mut app, 60, 15);
    let facts = screen.lines().find(|l| l.contains(" status ")).unwrap().trim_matches('"');
    assert!(facts.contains("disposition") && facts.trim_end().ends_with('…'), "{screen}");
    assert_eq!(facts.chars().count(), 60, "{screen}");
    let wide = text(&mut app, 100, 30);
    let facts = wide.lines().find(|l| l.contains(" status ")).unwrap();
    assert!(facts.contains("tags remote, contractor") && !facts.contains('…'), "{wide}");
}
