//! Keys inside the help overlay: the movement keys (and the mouse wheel) scroll it, any other key closes
//! it (and is not acted on).

use ratatui::crossterm::event::KeyEvent;

use super::action::Action;
use super::app::{App, Overlay};
use super::keymap;

/// The mouse wheel over help: scrolls it by `lines` (down when positive), not the screen beneath.
pub fn wheel(app: &mut App, lines: isize) {
    let Some(Overlay::Help { scroll }) = app.overlay else { return };
    let (_, max) = super::ui::help::geometry(app);
    app.overlay = Some(Overlay::Help { scroll: scroll.saturating_add_signed(lines).min(max) });
}

/// Handles `key` with help open, scrolled down by `scroll` lines.
pub fn key(app: &mut App, scroll: usize, key: &KeyEvent) {
    let (page, max) = super::ui::help::geometry(app);
    let to = match keymap::resolve(&[], key) {
        Some(Action::Down) => scroll.saturating_add(1),
        Some(Action::Up) => scroll.saturating_sub(1),
        Some(Action::PageDown) => scroll.saturating_add(page.saturating_sub(1).max(1)),
        Some(Action::PageUp) => scroll.saturating_sub(page.saturating_sub(1).max(1)),
        Some(Action::Top) => 0,
        Some(Action::Bottom) => max,
        _ => return,
    };
    app.overlay = Some(Overlay::Help { scroll: to.min(max) });
}
