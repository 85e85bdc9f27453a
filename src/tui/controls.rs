//! The organisation controls: reviewed once for the workspace, not in each case. They open over the
//! screen they were called from (the case list, or a case), which stays as it was beneath and is back
//! when they close. Every change goes through `Workspace::set_control`, the call the CLI makes.

use super::action::Action;
use super::app::{App, Overlay, keep_visible};
use super::form::{Field, Form, Purpose};
use crate::Workspace;
use crate::domain::ControlState;
use crate::workspace::ControlEntry;

/// The controls of the current catalog with their reviews; there are a couple of dozen, read whole.
pub struct ControlsView {
    pub entries: Vec<ControlEntry>,
    pub selected: usize,
    /// First row on screen.
    pub top: usize,
}

impl ControlsView {
    pub fn load(ws: &Workspace) -> crate::Result<ControlsView> {
        Ok(ControlsView { entries: ws.controls()?, selected: 0, top: 0 })
    }

    /// Reads the reviews again, keeping the selection.
    pub fn reload(&mut self, ws: &Workspace) -> crate::Result<()> {
        self.entries = ws.controls()?;
        self.selected = self.selected.min(self.entries.len().saturating_sub(1));
        Ok(())
    }

    pub fn current(&self) -> Option<&ControlEntry> {
        self.entries.get(self.selected)
    }

    /// How many controls have been looked at (any state but open).
    pub fn reviewed(&self) -> usize {
        self.entries.iter().filter(|e| e.state != ControlState::Open).count()
    }

    pub fn gaps(&self) -> usize {
        self.entries.iter().filter(|e| e.state == ControlState::Gap).count()
    }
}

impl App {
    pub fn open_controls(&mut self) -> crate::Result<()> {
        self.controls = Some(ControlsView::load(&self.ws)?);
        Ok(())
    }
}

/// Carries out an action while the controls are open; keys of the screen beneath do nothing.
pub fn update(app: &mut App, action: Action) -> crate::Result<()> {
    let page = app.page();
    match action {
        Action::Back | Action::Quit => app.controls = None,
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
        Action::CycleState | Action::MarkInPlace | Action::MarkGap | Action::NotApplicable | Action::Reopen => {
            mark(app, action)?;
        }
        Action::Undo => super::undo::undo_last(app)?,
        Action::Read => {
            if let Some(entry) = app.controls.as_ref().and_then(ControlsView::current) {
                app.overlay = Some(Overlay::Read(super::read::control(entry)));
            }
        }
        Action::EditNote => {
            if let Some(entry) = app.controls.as_ref().and_then(ControlsView::current) {
                let mut form = note_form(entry);
                form.base = super::submit::record_now(app, &form.purpose)?;
                app.overlay = Some(Overlay::Form(Box::new(form)));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Moves the selection by `delta` rows, clamped.
pub fn step(app: &mut App, delta: i64) {
    let page = app.page();
    let Some(view) = &mut app.controls else { return };
    if view.entries.is_empty() {
        return;
    }
    let last = view.entries.len() as i64 - 1;
    view.selected = (view.selected as i64).saturating_add(delta).clamp(0, last) as usize;
    view.top = keep_visible(view.selected, view.top, page);
}

/// The state a key moves a control to from `state`.
fn next_state(action: Action, state: ControlState) -> ControlState {
    match action {
        Action::CycleState => match state {
            ControlState::Open => ControlState::InPlace,
            ControlState::InPlace => ControlState::Gap,
            ControlState::Gap => ControlState::Na,
            ControlState::Na => ControlState::Open,
        },
        Action::MarkInPlace => ControlState::InPlace,
        Action::MarkGap => ControlState::Gap,
        Action::NotApplicable => ControlState::Na,
        _ => ControlState::Open,
    }
}

fn mark(app: &mut App, action: Action) -> crate::Result<()> {
    let Some(entry) = app.controls.as_ref().and_then(ControlsView::current) else { return Ok(()) };
    let (code, state) = (entry.control.code.clone(), entry.state);
    let to = next_state(action, state);
    if to == state {
        app.info(format!("{code} is already {to}"));
        return Ok(());
    }
    let note = entry.note.clone();
    app.ws.set_control(&code, to, None)?;
    super::undo::push(app, super::undo::Undo::Control { code: code.clone(), state, note });
    app.reload()?;
    let (reviewed, total) = app.controls.as_ref().map_or((0, 0), |v| (v.reviewed(), v.entries.len()));
    app.info(format!("{code} {to} · {reviewed} of {total} controls reviewed"));
    Ok(())
}

fn note_form(entry: &ControlEntry) -> Form {
    let code = &entry.control.code;
    Form::new(
        format!("Note on {code} (Ctrl-S saves)"),
        Purpose::ControlNote { code: code.clone() },
        vec![Field::text(
            "Note",
            "how the control is met or what is missing, who owns it, when it was checked",
            &entry.note,
        )],
    )
}

/// Saves the note of a control, keeping its state.
pub fn save_note(app: &mut App, code: &str, note: &str) -> crate::Result<String> {
    let entry = app.ws.controls()?.into_iter().find(|e| e.control.code == code);
    let Some(entry) = entry else { return Err(crate::Error::invalid(format!("no organisation control {code}"))) };
    if entry.note == note.trim() {
        return Ok(format!("note on {code} unchanged"));
    }
    app.ws.set_control(code, entry.state, Some(note))?;
    super::undo::push(
        app,
        super::undo::Undo::ControlNote { code: code.to_string(), state: entry.state, note: entry.note },
    );
    Ok(format!("note on {code} saved"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycling_goes_round_every_state_once() {
        let mut state = ControlState::Open;
        let mut seen = vec![state];
        for _ in 0..3 {
            state = next_state(Action::CycleState, state);
            seen.push(state);
        }
        assert_eq!(seen, [ControlState::Open, ControlState::InPlace, ControlState::Gap, ControlState::Na]);
        assert_eq!(next_state(Action::CycleState, state), ControlState::Open);
        assert_eq!(next_state(Action::Reopen, ControlState::Gap), ControlState::Open);
    }
}
