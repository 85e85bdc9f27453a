//! Where Esc goes: back along the links followed from case to case, then to the case list; Ctrl-C,
//! which leaves vetdesk from anywhere; and moving the selection of whatever list is showing.

use super::app::{App, Overlay, Pending, Screen, TABS, Tab, keep_visible};
use super::load::{build_report, ensure_window, load_case};

/// A case left by following a link: enough to put the investigator back where they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub case_id: i64,
    pub tab: Tab,
    pub selected: [usize; TABS],
    pub top: [usize; TABS],
}

impl App {
    /// Follows a link from the open case to case `to`; the case left goes on the back stack, so Esc
    /// returns to it.
    pub fn follow_link(&mut self, to: i64) -> crate::Result<()> {
        let Screen::Case(view) = &self.screen else { return Ok(()) };
        let place = Place { case_id: view.case.id, tab: view.tab, selected: view.selected, top: view.top };
        self.open_linked_case(to, place.case_id)?;
        self.back.push(place);
        Ok(())
    }
}

/// Esc or q in a case: reopens the case a link was followed from, where it was left. `false` when there is
/// none (the caller returns to the case list, and the stack is empty).
pub fn back(app: &mut App) -> crate::Result<bool> {
    let Some(place) = app.back.pop() else { return Ok(false) };
    let mut view = match load_case(&app.ws, place.case_id, None) {
        Ok(view) => view,
        Err(e) => {
            // The case left behind can no longer be read: the list is the one safe place to go.
            app.back.clear();
            app.error(format!("case #{} cannot be reopened: {e}", place.case_id));
            return Ok(false);
        }
    };
    view.tab = place.tab;
    for tab in Tab::ALL {
        view.tab = tab;
        let lines = view.lines();
        view.selected[tab.index()] = place.selected[tab.index()].min(lines.saturating_sub(1));
        view.top[tab.index()] = place.top[tab.index()].min(view.selected[tab.index()]);
    }
    view.tab = place.tab;
    if view.tab == Tab::Report {
        build_report(&app.ws, &mut view, super::report_view::width(app.size))?;
    }
    app.screen = Screen::Case(Box::new(view));
    app.seen_version = app.ws.data_version()?;
    let more = match app.back.last() {
        Some(p) => format!("Esc returns to case #{}", p.case_id),
        None => "Esc returns to the case list".to_string(),
    };
    app.info(format!("back to case #{} · {more}", place.case_id));
    Ok(true)
}

/// Ctrl-C: leaves vetdesk from any screen, form or dialog, as q does on the case list. While a file is
/// being hashed it asks first; a second Ctrl-C at that question leaves anyway.
pub fn quit_all(app: &mut App) {
    // Typed text is not lost to one Ctrl-C (pressed to copy, by habit): the form asks first.
    if let Some(Overlay::Form(form)) = &mut app.overlay
        && !form.may_quit()
    {
        return;
    }
    let asking = matches!(app.overlay, Some(Overlay::Confirm { then: Pending::QuitDuringJob, .. }));
    if let (Some(job), false) = (&app.job, asking) {
        app.overlay = Some(Overlay::Confirm {
            question: format!("{} Quit and lose that work? (Ctrl-C again quits)", still(&job.label)),
            then: Pending::QuitDuringJob,
        });
    } else {
        app.overlay = None;
        app.quit = true;
    }
}

/// Esc on a case: back to the case left by following a link, else to the case list, with the Roster
/// screen over it again when the case was opened from there.
pub fn back_or_list(app: &mut App) -> crate::Result<()> {
    if !back(app)? {
        to_list(app)?;
        if let Some(mut roster) = app.roster_left.take() {
            roster.reload(&app.ws)?;
            app.roster = Some(roster);
        }
    }
    Ok(())
}

fn to_list(app: &mut App) -> crate::Result<()> {
    app.back.clear();
    if let Screen::Case(_) = app.screen {
        let list = app.previous_list.take().unwrap_or_else(App::fresh_list);
        app.screen = Screen::List(list);
        app.reload()?;
    }
    Ok(())
}

/// The work under way, as the question before quitting names it: "Still hashing case-12.pdf."
pub fn still(label: &str) -> String {
    format!("Still {label}.")
}

/// `q` on the case list: quits, or asks first while work is under way.
pub fn quit_from_list(app: &mut App) {
    match &app.job {
        Some(job) => {
            app.overlay = Some(Overlay::Confirm {
                question: format!("{} Quit and lose that work?", still(&job.label)),
                then: Pending::QuitDuringJob,
            });
        }
        None => app.quit = true,
    }
}

/// The work finished while the question before quitting was up: the question says so, and quitting
/// loses nothing.
pub fn work_finished_while_asked(app: &mut App) {
    if let Some(Overlay::Confirm { question, then: Pending::QuitDuringJob }) = &mut app.overlay {
        *question = "The work finished meanwhile (the status line says how). Quit vetdesk?".into();
    }
}

/// Moves the selection of whatever list is showing by `delta` lines, clamped.
pub(super) fn step(app: &mut App, delta: i64) -> crate::Result<()> {
    let page = app.page();
    match &mut app.screen {
        Screen::List(list) => {
            if list.total == 0 {
                return Ok(());
            }
            let max = list.total - 1;
            list.selected = (list.selected as i64).saturating_add(delta).clamp(0, max as i64) as u64;
            list.top = keep_visible(list.selected as usize, list.top as usize, page) as u64;
            ensure_window(&app.ws, list, list.top, page as u64)?;
            if list.search.is_some() {
                super::search::more(app, page as u64);
            }
        }
        Screen::Case(view) if view.tab == Tab::Report => {
            // The text is fitted to the tab's width (one screen row a line): it scrolls until its last line
            // is at the bottom of the tab, not past it into an empty box.
            let max = super::ui::report_scroll_max(view, page) as i64;
            view.report_scroll = (view.report_scroll as i64).saturating_add(delta).clamp(0, max) as usize;
        }
        Screen::Case(view) => {
            let len = view.lines();
            if len == 0 {
                return Ok(());
            }
            let i = view.tab.index();
            view.selected[i] = (view.selected[i] as i64).saturating_add(delta).clamp(0, len as i64 - 1) as usize;
            // The links tab's `top` scrolls its links table; its suggestions panel scrolls by itself.
            if view.tab != Tab::Links || view.selected[i] < view.links.len() {
                view.top[i] = keep_visible(view.selected[i], view.top[i], page);
            }
        }
    }
    Ok(())
}
