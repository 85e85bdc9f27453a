//! The Roster screen: the hits of roster screening (`vetdesk roster screen`), opened from the case list
//! over it, which stays as it was beneath. Enter opens a case from the selected hit, `d` dismisses it (asks
//! why), `f` filters by the next kind. Every change goes through the Workspace calls the CLI makes.

use super::action::Action;
use super::app::{App, Overlay, keep_visible};
use super::form::{Field, Form, Purpose};
use crate::Workspace;
use crate::roster::{Hit, HitKind};

/// The open (not dismissed) hits, read whole: screening lists findings, not the roster.
pub struct RosterView {
    pub hits: Vec<Hit>,
    /// Only hits of this kind, when set.
    pub kind: Option<HitKind>,
    pub selected: usize,
    /// First row on screen.
    pub top: usize,
    /// Why the hits cannot be taken as imported (a snapshot changed behind vetdesk's back), if so.
    pub warning: Option<String>,
}

impl RosterView {
    pub fn load(ws: &Workspace) -> crate::Result<RosterView> {
        Ok(RosterView { hits: open_hits(ws)?, kind: None, selected: 0, top: 0, warning: ws.roster_warning()? })
    }

    /// Screens again, keeping the filter and, where it can, the selection.
    pub fn reload(&mut self, ws: &Workspace) -> crate::Result<()> {
        self.hits = open_hits(ws)?;
        self.warning = ws.roster_warning()?;
        self.selected = self.selected.min(self.shown().len().saturating_sub(1));
        Ok(())
    }

    /// The hits the filter lets through.
    pub fn shown(&self) -> Vec<&Hit> {
        self.hits.iter().filter(|h| self.kind.is_none_or(|k| h.kind == k)).collect()
    }

    pub fn current(&self) -> Option<&Hit> {
        self.shown().get(self.selected).copied()
    }

    /// All kinds → each kind that has hits, in turn → all kinds.
    fn next_kind(&mut self) {
        let all = HitKind::ALL;
        let from = self.kind.and_then(|k| all.iter().position(|x| *x == k)).map_or(0, |i| i + 1);
        self.kind = all.iter().skip(from).find(|k| self.hits.iter().any(|h| h.kind == **k)).copied();
        self.selected = 0;
        self.top = 0;
    }
}

fn open_hits(ws: &Workspace) -> crate::Result<Vec<Hit>> {
    Ok(ws.roster_screen()?.into_iter().filter(|h| !h.dismissed).collect())
}

impl App {
    pub fn open_roster(&mut self) -> crate::Result<()> {
        self.roster = Some(RosterView::load(&self.ws)?);
        Ok(())
    }
}

/// Carries out an action while the Roster screen is open; keys of the screen beneath do nothing.
pub fn update(app: &mut App, action: Action) -> crate::Result<()> {
    let page = app.page();
    match action {
        Action::Back | Action::Quit => app.roster = None,
        Action::Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Refresh => {
            app.reload()?;
            app.info("reloaded");
        }
        Action::Up => step(app, -1),
        Action::Down => step(app, 1),
        Action::PageUp => step(app, -(page as i64)),
        Action::PageDown => step(app, page as i64),
        Action::Top => step(app, i64::MIN / 2),
        Action::Bottom => step(app, i64::MAX / 2),
        Action::Read => match app.roster.as_ref().and_then(RosterView::current) {
            Some(hit) => app.overlay = Some(Overlay::Read(super::ui::roster::reading(&app.theme, hit))),
            None => app.info("nothing selected to read"),
        },
        Action::FilterHitKind => {
            if let Some(view) = &mut app.roster {
                view.next_kind();
                let kind = view.kind.map_or("every kind".to_string(), |k| k.to_string());
                let n = view.shown().len();
                app.info(format!("showing {kind}: {n} hit{}", if n == 1 { "" } else { "s" }));
            }
        }
        Action::Open => {
            let Some(hit) = app.roster.as_ref().and_then(RosterView::current).map(|h| h.id.clone()) else {
                return Ok(());
            };
            let case = app.ws.roster_open_case(&hit)?;
            // Esc from the case comes back here, with the filter and the place kept.
            app.roster_left = app.roster.take();
            app.open_case(case.id)?;
            let earlier = if case.earlier { "was opened earlier" } else { "opened" };
            app.info(format!(
                "case #{} {earlier} from roster hit {} · its suggestions are on the links tab",
                case.id, case.hit
            ));
        }
        Action::Undo => super::undo::undo_last(app)?,
        Action::DismissHit => {
            if let Some(hit) = app.roster.as_ref().and_then(RosterView::current) {
                app.overlay = Some(Overlay::Form(Box::new(dismiss_form(hit))));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Moves the selection by `delta` rows, clamped.
pub fn step(app: &mut App, delta: i64) {
    let page = app.page();
    let Some(view) = &mut app.roster else { return };
    let len = view.shown().len();
    if len == 0 {
        return;
    }
    view.selected = (view.selected as i64).saturating_add(delta).clamp(0, len as i64 - 1) as usize;
    view.top = keep_visible(view.selected, view.top, page);
}

fn dismiss_form(hit: &Hit) -> Form {
    Form::new(
        format!("Dismiss roster hit {} (Enter saves)", hit.id),
        Purpose::DismissHit { hit: hit.id.clone() },
        vec![Field::line("Why", "why this is explained (it comes back if its people or values change)", "")],
    )
}

/// Dismisses a hit with the reason given.
pub fn dismiss(app: &mut App, hit: &str, reason: &str) -> crate::Result<String> {
    let h = app.ws.roster_dismiss(hit, reason)?;
    app.reload()?;
    Ok(format!("roster hit {} dismissed", h.id))
}
