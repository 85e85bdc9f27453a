//! The report tab's text follows the tab's width: the summary's prose is wrapped once, at the width it is
//! shown at, so the screen never breaks an already-wrapped line a second time.

use ratatui::layout::Rect;

use super::app::{App, Screen, Tab};
use super::load::build_report;

/// How wide the report's text is on a terminal of `size`: the tab inside its border.
pub fn width(size: Rect) -> usize {
    super::ui::report_width(size)
}

/// After the terminal's width changed: re-renders a report on screen for the new width.
pub fn refit(app: &mut App) {
    let width = width(app.size);
    let Screen::Case(view) = &mut app.screen else { return };
    if view.tab != Tab::Report || view.report.is_none() || view.report_width == width {
        return;
    }
    if let Err(e) = build_report(&app.ws, view, width) {
        app.error(e.to_string());
    }
}
