//! The case list's status filter: `f` opens a picker naming every status with its key, and "not closed"
//! (every status but closed: the cases still being worked); one key picks, Esc keeps the filter.

use ratatui::crossterm::event::KeyEvent;

use super::action::{Action, StatusChoice};
use super::app::{App, Screen};
use super::keymap::{self, Context};
use crate::store::cases::CaseQuery;

/// `f` on the case list.
pub fn open(app: &mut App) {
    if let Screen::List(list) = &mut app.screen {
        list.picking_status = true;
    }
}

/// The picker's context, while it is open.
pub fn context(app: &App) -> Option<Context> {
    match &app.screen {
        Screen::List(list) if list.picking_status && app.controls.is_none() => Some(Context::StatusPicker),
        _ => None,
    }
}

/// Takes a key while the picker is open: a status key picks, Esc keeps the filter; any other key closes
/// the picker and goes on to the list (false).
pub fn on_key(app: &mut App, key: KeyEvent) -> bool {
    let Screen::List(list) = &mut app.screen else { return false };
    if !list.picking_status {
        return false;
    }
    list.picking_status = false;
    match keymap::resolve(&[Context::StatusPicker], &key) {
        Some(action @ Action::ShowStatus(_)) => {
            super::update::update(app, action);
            true
        }
        Some(Action::Cancel) => true,
        _ => false,
    }
}

/// Sets the list's status filter to `choice`.
pub fn apply(query: &mut CaseQuery, choice: StatusChoice) {
    (query.status, query.hide_closed) = match choice {
        StatusChoice::Any => (None, false),
        StatusChoice::NotClosed => (None, true),
        StatusChoice::Is(status) => (Some(status), false),
    };
}
