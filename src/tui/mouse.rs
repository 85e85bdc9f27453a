//! The mouse in the workstation: the wheel scrolls what is on top (help, a record read whole, else the
//! list or table), a left click selects the row under the pointer or switches tab.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::action::Action;
use super::app::{App, Overlay, Screen, Tab};
use super::ui;
use super::update::{step, update};

/// Feeds one mouse event to the app.
pub fn event(app: &mut App, mouse: &MouseEvent) {
    match mouse.kind {
        MouseEventKind::ScrollDown if matches!(app.overlay, Some(Overlay::Help { .. })) => super::help::wheel(app, 3),
        MouseEventKind::ScrollUp if matches!(app.overlay, Some(Overlay::Help { .. })) => super::help::wheel(app, -3),
        MouseEventKind::ScrollDown if matches!(app.overlay, Some(Overlay::Read(_))) => super::read::wheel(app, 3),
        MouseEventKind::ScrollUp if matches!(app.overlay, Some(Overlay::Read(_))) => super::read::wheel(app, -3),
        MouseEventKind::ScrollDown => (0..3).for_each(|_| update(app, Action::Down)),
        MouseEventKind::ScrollUp => (0..3).for_each(|_| update(app, Action::Up)),
        MouseEventKind::Down(MouseButton::Left) => click(app, mouse.column, mouse.row),
        _ => {}
    }
}

/// A left click: selects the row under the pointer (a second click on the selected case, or link, opens
/// it), or switches to the tab under it.
fn click(app: &mut App, column: u16, row: u16) {
    if app.overlay.is_some() {
        return;
    }
    match ui::hit(app, column, row) {
        Some(ui::Hit::Row(index)) => {
            let (current, opens) = match (&app.controls, &app.screen) {
                (Some(controls), _) => (controls.selected as i64, false),
                (None, _) if app.roster.is_some() => (app.roster.as_ref().map_or(0, |r| r.selected as i64), false),
                (None, Screen::List(list)) => (list.selected as i64, true),
                (None, Screen::Case(view)) => (view.selection() as i64, view.tab == Tab::Links),
            };
            let delta = index as i64 - current;
            if delta == 0 && opens {
                update(app, Action::Open);
            } else if app.controls.is_some() {
                super::controls::step(app, delta);
            } else if app.roster.is_some() {
                super::roster::step(app, delta);
            } else if let Err(e) = step(app, delta) {
                app.error(super::wording::error(&e));
            }
        }
        Some(ui::Hit::Tab(t)) => update(app, Action::Tab(t)),
        None => {}
    }
}
