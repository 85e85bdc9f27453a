//! Finding items in a long checklist: `/` filters the red flags (or due-diligence measures) by code or
//! words as you type, Enter keeps the filter and Esc restores the list; `n` steps to the next match, round
//! again at the end; `F` shows flagged items only. Each checklist tab has a filter of its own, kept while
//! the case is open.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::{App, CaseView, Screen};
use super::keymap::{self, Context};
use crate::catalog::ItemKind;
use crate::domain::MarkState;
use crate::workspace::ChecklistEntry;

/// What one checklist tab shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Words every shown item holds (in its code, title, text, category or note), case ignored.
    pub words: String,
    pub flagged_only: bool,
    /// While the search line is open: the words and selected code before it opened, for Esc.
    pub typing: Option<(String, Option<String>)>,
}

impl Filter {
    pub fn keeps(&self, e: &ChecklistEntry) -> bool {
        if self.flagged_only && e.state != MarkState::Flagged {
            return false;
        }
        let words: Vec<String> = self.words.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            return true;
        }
        let haystack = [e.item.code.as_str(), &e.item.title, &e.item.text, e.item.category.label(), &e.note]
            .join(" ")
            .to_lowercase();
        words.iter().all(|w| haystack.contains(w.as_str()))
    }

    /// Whether the tab shows less than every item.
    pub fn narrows(&self) -> bool {
        self.flagged_only || !self.words.trim().is_empty()
    }
}

/// The slot of a kind's filter in [`CaseView::filters`].
pub fn slot(kind: ItemKind) -> usize {
    usize::from(kind != ItemKind::RedFlag)
}

fn view_and_kind(app: &mut App) -> Option<(&mut CaseView, ItemKind)> {
    let Screen::Case(view) = &mut app.screen else { return None };
    let kind = view.tab.kind()?;
    Some((view, kind))
}

/// The code of the selected item.
fn selected_code(view: &CaseView, kind: ItemKind) -> Option<String> {
    view.items(kind).get(view.selection()).map(|e| e.item.code.clone())
}

/// Changes the filter of the tab shown, keeping the selection on `keep` when it is still shown.
fn refilter(view: &mut CaseView, kind: ItemKind, keep: Option<&str>, change: impl FnOnce(&mut Filter)) {
    change(&mut view.filters[slot(kind)]);
    let i = view.tab.index();
    let items = view.items(kind);
    view.selected[i] = keep.and_then(|code| items.iter().position(|e| e.item.code == code)).unwrap_or(0);
    view.top[i] = view.top[i].min(view.selected[i]);
}

/// `/` on a checklist tab: opens the search line.
pub fn open(app: &mut App) {
    let Some((view, kind)) = view_and_kind(app) else { return };
    let code = selected_code(view, kind);
    let filter = &mut view.filters[slot(kind)];
    filter.typing = Some((filter.words.clone(), code));
}

/// `F`: flagged items only, or every item again.
pub fn toggle_flagged(app: &mut App) {
    let Some((view, kind)) = view_and_kind(app) else { return };
    let code = selected_code(view, kind);
    refilter(view, kind, code.as_deref(), |f| f.flagged_only = !f.flagged_only);
    let shown = if view.filters[slot(kind)].flagged_only { "flagged items only" } else { "every item" };
    app.info(format!("showing {shown} · F toggles"));
}

/// `n`: the next item matching the search, round again after the last.
pub fn next_match(app: &mut App) {
    let Some((view, kind)) = view_and_kind(app) else { return };
    let filter = &view.filters[slot(kind)];
    if filter.words.trim().is_empty() {
        app.info("no search: / searches the items");
        return;
    }
    let len = view.items(kind).len();
    if len == 0 {
        app.info("no item matches the search");
        return;
    }
    let i = view.tab.index();
    view.selected[i] = (view.selected[i] + 1) % len;
}

/// Whether the tab shown is a checklist tab with a filter kept.
pub fn narrowed(view: &CaseView) -> bool {
    view.tab.kind().is_some_and(|kind| view.filters[slot(kind)].narrows())
}

/// Esc on a checklist tab with a filter kept: shows every item again, the selection staying on its item.
pub fn clear(view: &mut CaseView) {
    let Some(kind) = view.tab.kind() else { return };
    let code = selected_code(view, kind);
    refilter(view, kind, code.as_deref(), |f| *f = Filter::default());
}

/// The search line's context, while it is open on a checklist tab.
pub fn context(app: &App) -> Option<Context> {
    let Screen::Case(view) = &app.screen else { return None };
    let kind = view.tab.kind()?;
    (view.filters[slot(kind)].typing.is_some() && app.controls.is_none()).then_some(Context::SearchLine)
}

/// Takes a key while the checklist's search line is open; false when it is not, or for a control key it
/// leaves to the screen.
pub fn on_key(app: &mut App, key: KeyEvent) -> bool {
    if context(app).is_none() {
        return false;
    }
    let Some((view, kind)) = view_and_kind(app) else { return false };
    let code = selected_code(view, kind);
    let typed = match key.code {
        KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => Some(c),
        _ => None,
    };
    if let Some(c) = typed {
        refilter(view, kind, code.as_deref(), |f| f.words.push(c));
        return true;
    }
    if key.code == KeyCode::Backspace {
        refilter(view, kind, code.as_deref(), |f| {
            f.words.pop();
        });
        return true;
    }
    match keymap::resolve(&[Context::SearchLine], &key) {
        Some(Action::KeepSearch) => {
            view.filters[slot(kind)].typing = None;
            let shown = view.items(kind).len();
            let shown = crate::text::counted(shown, "item", "items");
            app.info(format!("{shown} shown · n next match · Esc shows every item"));
        }
        Some(Action::CancelSearch) => {
            let Some((words, before)) = view.filters[slot(kind)].typing.take() else { return true };
            refilter(view, kind, before.as_deref(), |f| f.words = words);
        }
        Some(Action::ClearSearch) => refilter(view, kind, code.as_deref(), |f| f.words.clear()),
        Some(action @ (Action::Up | Action::Down | Action::PageUp | Action::PageDown)) => {
            super::update::update(app, action);
        }
        // Control keys (ctrl-r reloads) keep their meaning; other keys have none here.
        Some(_) if key.modifiers.contains(KeyModifiers::CONTROL) => return false,
        _ => {}
    }
    true
}

/// The words of the tab's search line while it is open.
pub fn typing(view: &CaseView) -> Option<&str> {
    let filter = &view.filters[slot(view.tab.kind()?)];
    filter.typing.as_ref().map(|_| filter.words.as_str())
}
