//! Keys are data: one table maps (where you are, key) to an action with a description. Help and the
//! hint bar are generated from it, so they cannot drift from what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, StatusChoice};
use crate::domain::CaseStatus;

/// Where a key is pressed. `Global` keys work everywhere unless a narrower context binds the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    CaseList,
    CaseView,
    Overview,
    Checklist,
    Evidence,
    Notes,
    Links,
    Report,
    Controls,
    Roster,
    Confirm,
    /// The search line (`/`): keys type words, except these.
    SearchLine,
    /// The case list's status picker (`f`).
    StatusPicker,
}

impl Context {
    pub fn label(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::CaseList => "Case list",
            Context::CaseView => "Case view",
            Context::Overview => "Overview tab",
            Context::Checklist => "Red flags and due-diligence tabs",
            Context::Evidence => "Evidence tab",
            Context::Notes => "Notes tab",
            Context::Links => "Links tab",
            Context::Report => "Report tab",
            Context::Controls => "Organisation controls",
            Context::Roster => "Roster screen",
            Context::Confirm => "Confirmation",
            Context::SearchLine => "Search line",
            Context::StatusPicker => "Status filter",
        }
    }
}

/// One binding: a key in a context, what it does, and what help says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub key: &'static str,
    pub action: Action,
    pub description: &'static str,
    /// A word or two for the hint bar; empty keeps the binding out of it (help still lists it).
    pub hint: &'static str,
}

const fn b(
    context: Context,
    key: &'static str,
    action: Action,
    description: &'static str,
    hint: &'static str,
) -> Binding {
    Binding { context, key, action, description, hint }
}

use Action as A;
use Context as C;

/// The default key map, following lazygit / gitui / k9s habits.
pub const DEFAULT: &[Binding] = &[
    b(C::Global, "q", A::Quit, "quit, or back from a case", "quit"),
    b(
        C::Global,
        "ctrl-c",
        A::QuitAll,
        "quit vetdesk from anywhere, forms included (twice in a form holding typed text)",
        "",
    ),
    b(C::Global, "ctrl-z", A::Suspend, "suspend to the shell; fg returns (in a form: undo the field's last edit)", ""),
    b(C::Global, "?", A::Help, "these keys", "help"),
    b(C::Global, "esc", A::Back, "back / close", ""),
    b(C::Global, "ctrl-r", A::Refresh, "reload from the workspace", ""),
    b(C::Global, "u", A::Undo, "undo your last change since opening", ""),
    b(C::Global, "j", A::Down, "down", ""),
    b(C::Global, "down", A::Down, "down", ""),
    b(C::Global, "k", A::Up, "up", ""),
    b(C::Global, "up", A::Up, "up", ""),
    b(C::Global, "pagedown", A::PageDown, "page down", ""),
    b(C::Global, "ctrl-d", A::PageDown, "page down", ""),
    b(C::Global, "pageup", A::PageUp, "page up", ""),
    b(C::Global, "ctrl-u", A::PageUp, "page up", ""),
    b(C::Global, "g", A::Top, "first", ""),
    b(C::Global, "home", A::Top, "first", ""),
    b(C::Global, "G", A::Bottom, "last", ""),
    b(C::Global, "end", A::Bottom, "last", ""),
    b(C::CaseList, "enter", A::Open, "open the case", "open"),
    b(C::CaseList, "n", A::NewCase, "new case", "new"),
    b(
        C::CaseList,
        "/",
        A::Search,
        "search as you type: case numbers, titles, subjects, identifiers (any way typed), notes",
        "search",
    ),
    b(C::CaseList, "s", A::CycleSort, "sort by the next column", "sort"),
    b(C::CaseList, "S", A::ReverseSort, "reverse the sort", ""),
    b(C::CaseList, "f", A::PickStatus, "filter by status: pick one, or not closed", "filter"),
    b(C::CaseList, "p", A::FilterPriority, "filter by the next priority", ""),
    b(C::CaseList, "c", A::CycleShown, "hide closed, then show archived", "closed"),
    b(C::CaseList, "x", A::ClearFilters, "clear filters and search", ""),
    b(C::CaseList, "O", A::OrganisationControls, "organisation controls: reviewed once for the workspace", ""),
    b(C::CaseList, "R", A::Roster, "roster screening: hits on imported payroll, HR and vendor rosters", ""),
    b(C::CaseView, "tab", A::NextTab, "next tab", "next tab"),
    b(C::CaseView, "l", A::NextTab, "next tab", ""),
    b(C::CaseView, "right", A::NextTab, "next tab", ""),
    b(C::CaseView, "backtab", A::PrevTab, "previous tab", ""),
    b(C::CaseView, "h", A::PrevTab, "previous tab", ""),
    b(C::CaseView, "left", A::PrevTab, "previous tab", ""),
    b(C::CaseView, "1", A::Tab(0), "overview", ""),
    b(C::CaseView, "2", A::Tab(1), "red flags", ""),
    b(C::CaseView, "3", A::Tab(2), "due diligence", ""),
    b(C::CaseView, "4", A::Tab(3), "evidence", ""),
    b(C::CaseView, "5", A::Tab(4), "notes", ""),
    b(C::CaseView, "6", A::Tab(5), "links", ""),
    b(C::CaseView, "7", A::Tab(6), "report", ""),
    b(C::CaseView, "t", A::ChangeStatus, "change the case status", "status"),
    b(C::CaseView, "E", A::EditCase, "edit title, priority, tags", ""),
    b(C::CaseView, "U", A::UpgradeCase, "upgrade to the current catalog", ""),
    b(C::CaseView, "X", A::Archive, "archive or unarchive the case", ""),
    b(C::CaseView, "O", A::OrganisationControls, "organisation controls", ""),
    b(C::Overview, "a", A::Add, "add a subject, identifier or payment", "add"),
    b(C::Overview, "e", A::Edit, "edit or correct the selected line", "edit"),
    b(C::Overview, "i", A::PaymentDetails, "the IC3 form's fields for the selected payment's type", ""),
    b(C::Overview, "d", A::Void, "void the selected line (asks why), or restore a voided one", "void"),
    b(C::Overview, "enter", A::Read, "read the selected line whole: every field, its note and warning", ""),
    b(C::Checklist, "space", A::CycleState, "cycle open → flagged → clear → n/a", "cycle"),
    b(C::Checklist, "f", A::Flag, "mark flagged", "flag"),
    b(C::Checklist, "c", A::Clear, "mark clear", "clear"),
    b(C::Checklist, "x", A::NotApplicable, "mark not applicable", ""),
    b(C::Checklist, "o", A::Reopen, "mark open again", ""),
    b(C::Checklist, "e", A::EditNote, "edit the item's note", "note"),
    b(C::Checklist, "L", A::LinkEvidence, "link evidence to the item", ""),
    b(C::Checklist, "enter", A::Read, "read the selected item whole: its note, caution and sources", "read"),
    b(C::Checklist, "/", A::Search, "search the items by code or words, as you type", "search"),
    b(C::Checklist, "n", A::NextMatch, "next item matching the search", ""),
    b(C::Checklist, "F", A::FlaggedOnly, "show flagged items only, or every item", ""),
    b(C::Evidence, "a", A::Add, "attach a file (Tab completes the path)", "attach"),
    b(C::Evidence, "v", A::VerifyEvidence, "re-hash every file of the case", "verify"),
    b(C::Evidence, "d", A::Void, "void the selected file (asks why), or restore a voided one", ""),
    b(C::Evidence, "R", A::RelocateEvidence, "relocate a missing or moved file (a folder or its path)", "relocate"),
    b(C::Evidence, "enter", A::Read, "read the selected file's record whole: path, hash, description", ""),
    b(C::Notes, "a", A::Add, "write a note", "write"),
    b(C::Notes, "e", A::Edit, "edit the selected note (the earlier text is kept)", "edit"),
    b(C::Notes, "enter", A::Read, "read the selected note whole", "read"),
    b(C::Notes, "d", A::Void, "void the selected note (asks why), or restore a voided one", ""),
    b(C::Links, "enter", A::Open, "open the linked case", "open"),
    b(C::Links, "v", A::Read, "read the selected link or suggestion whole", ""),
    b(C::Links, "A", A::AcceptSuggestion, "accept: flag the suggested item", "accept"),
    b(C::Links, "D", A::DismissSuggestion, "dismiss the suggestion", "dismiss"),
    b(C::Report, "r", A::ToggleRedact, "redact account and document numbers", "redact"),
    b(C::Report, "w", A::Export, "export the summary to a file", "export"),
    b(C::Report, "a", A::Answers, "answer the IC3 form's questions (affected, impact, loss, signature…)", "answers"),
    b(C::Controls, "space", A::CycleState, "cycle open → in place → gap → n/a", "cycle"),
    b(C::Controls, "c", A::MarkInPlace, "mark in place", "in place"),
    b(C::Controls, "f", A::MarkGap, "mark a gap: not in place", "gap"),
    b(C::Controls, "x", A::NotApplicable, "mark not applicable", ""),
    b(C::Controls, "o", A::Reopen, "mark open again", ""),
    b(C::Controls, "e", A::EditNote, "edit the control's note", "note"),
    b(C::Controls, "enter", A::Read, "read the selected control whole: its note and sources", ""),
    b(C::Controls, "u", A::Undo, "undo your last change since opening", ""),
    b(C::Controls, "esc", A::Back, "close the controls", "back"),
    b(C::Controls, "q", A::Back, "close the controls", ""),
    b(C::Roster, "enter", A::Open, "open a case from the selected hit", "open case"),
    b(C::Roster, "v", A::Read, "read the selected hit whole: every person and value", ""),
    b(C::Roster, "d", A::DismissHit, "dismiss the selected hit (asks why)", "dismiss"),
    b(C::Roster, "f", A::FilterHitKind, "show the next kind that has hits only, then every kind", "kind"),
    b(C::Roster, "esc", A::Back, "close the Roster screen", "back"),
    b(C::Roster, "q", A::Back, "close the Roster screen", ""),
    b(C::Confirm, "y", A::Confirm, "yes", "yes"),
    b(C::Confirm, "enter", A::Confirm, "yes", ""),
    b(C::Confirm, "n", A::Cancel, "no", "no"),
    b(C::Confirm, "esc", A::Cancel, "no", ""),
    b(C::SearchLine, "enter", A::KeepSearch, "keep what it found", "keep"),
    b(C::SearchLine, "esc", A::CancelSearch, "cancel: show the list as it was", "cancel"),
    b(C::SearchLine, "ctrl-u", A::ClearSearch, "clear the words", "clear"),
    b(C::SearchLine, "down", A::Down, "down", ""),
    b(C::SearchLine, "up", A::Up, "up", ""),
    b(C::SearchLine, "pagedown", A::PageDown, "page down", ""),
    b(C::SearchLine, "pageup", A::PageUp, "page up", ""),
    b(C::StatusPicker, "a", A::ShowStatus(StatusChoice::Any), "any status", "any"),
    b(
        C::StatusPicker,
        "n",
        A::ShowStatus(StatusChoice::NotClosed),
        "not closed: every status but closed",
        "not closed",
    ),
    b(C::StatusPicker, "o", A::ShowStatus(StatusChoice::Is(CaseStatus::Open)), "open", "open"),
    b(
        C::StatusPicker,
        "i",
        A::ShowStatus(StatusChoice::Is(CaseStatus::Investigating)),
        "investigating",
        "investigating",
    ),
    b(C::StatusPicker, "e", A::ShowStatus(StatusChoice::Is(CaseStatus::Escalated)), "escalated", "escalated"),
    b(C::StatusPicker, "r", A::ShowStatus(StatusChoice::Is(CaseStatus::Reported)), "reported", "reported"),
    b(C::StatusPicker, "c", A::ShowStatus(StatusChoice::Is(CaseStatus::Closed)), "closed", "closed"),
    b(C::StatusPicker, "esc", A::Cancel, "keep the filter as it is", ""),
];

/// Writes a key event the way the table does: `ctrl-r`, `G`, `enter`, `?`.
pub fn key_name(key: &KeyEvent) -> Option<String> {
    let base = match key.code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "enter".into(),
        KeyCode::Esc => "esc".into(),
        KeyCode::Tab => "tab".into(),
        KeyCode::BackTab => "backtab".into(),
        KeyCode::Up => "up".into(),
        KeyCode::Down => "down".into(),
        KeyCode::Left => "left".into(),
        KeyCode::Right => "right".into(),
        KeyCode::PageUp => "pageup".into(),
        KeyCode::PageDown => "pagedown".into(),
        KeyCode::Home => "home".into(),
        KeyCode::End => "end".into(),
        KeyCode::Backspace => "backspace".into(),
        KeyCode::Delete => "delete".into(),
        KeyCode::F(n) => format!("f{n}"),
        _ => return None,
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        Some(format!("ctrl-{base}"))
    } else if key.modifiers.contains(KeyModifiers::ALT) {
        Some(format!("alt-{base}"))
    } else {
        Some(base)
    }
}

/// Global keys, unless one of `contexts` is the search line: there letters type words, so help and the
/// hint bar leave the global keys out (control keys such as `ctrl-r` still work, see `tui::search`).
fn global_for(contexts: &[Context]) -> Option<&'static Context> {
    (!contexts.contains(&Context::SearchLine)).then_some(&Context::Global)
}

/// The first binding for `key` in the narrowest of `contexts` (most specific first), then Global.
pub fn resolve(contexts: &[Context], key: &KeyEvent) -> Option<Action> {
    let name = key_name(key)?;
    contexts
        .iter()
        .chain(std::iter::once(&Context::Global))
        .find_map(|ctx| DEFAULT.iter().find(|b| b.context == *ctx && b.key == name).map(|b| b.action))
}

/// The bindings that apply in `contexts`, most specific first; a key a narrower context binds hides the
/// wider binding of the same key (as in [`resolve`]).
pub fn bindings_for(contexts: &[Context]) -> Vec<&'static Binding> {
    let mut out: Vec<&'static Binding> = Vec::new();
    for ctx in contexts.iter().chain(global_for(contexts)) {
        for b in DEFAULT.iter().filter(|b| b.context == *ctx) {
            if !out.iter().any(|o| o.context != *ctx && o.key == b.key) {
                out.push(b);
            }
        }
    }
    out
}

/// Pairs of bindings that give the same key twice in one context.
pub fn duplicates(table: &[Binding]) -> Vec<(Binding, Binding)> {
    let mut dups = Vec::new();
    for (i, a) in table.iter().enumerate() {
        for b in &table[i + 1..] {
            if a.context == b.context && a.key == b.key {
                dups.push((*a, *b));
            }
        }
    }
    dups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        assert_eq!(duplicates(DEFAULT), vec![]);
        let twice = [DEFAULT[0], DEFAULT[0]];
        assert_eq!(duplicates(&twice).len(), 1);
    }

    #[test]
    fn narrow_contexts_win_over_global() {
        let f = key(KeyCode::Char('f'), KeyModifiers::NONE);
        assert_eq!(resolve(&[Context::Checklist, Context::CaseView], &f), Some(Action::Flag));
        assert_eq!(resolve(&[Context::CaseList], &f), Some(Action::PickStatus));
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(resolve(&[Context::Notes, Context::CaseView], &j), Some(Action::Down));
        assert_eq!(resolve(&[Context::CaseList], &key(KeyCode::Char('z'), KeyModifiers::NONE)), None);
        assert!(bindings_for(&[Context::SearchLine]).iter().all(|b| b.context == Context::SearchLine));
    }

    #[test]
    fn key_names_match_the_table() {
        assert_eq!(key_name(&key(KeyCode::Char('r'), KeyModifiers::CONTROL)).unwrap(), "ctrl-r");
        assert_eq!(key_name(&key(KeyCode::Char('G'), KeyModifiers::SHIFT)).unwrap(), "G");
        assert_eq!(key_name(&key(KeyCode::Char(' '), KeyModifiers::NONE)).unwrap(), "space");
        for b in DEFAULT {
            assert!(!b.key.is_empty() && !b.description.is_empty());
        }
    }

    #[test]
    fn every_context_has_help() {
        for ctx in [
            Context::CaseList,
            Context::Overview,
            Context::Checklist,
            Context::Evidence,
            Context::Notes,
            Context::Links,
            Context::Report,
            Context::Controls,
            Context::SearchLine,
            Context::StatusPicker,
            Context::Roster,
        ] {
            assert!(bindings_for(&[ctx]).iter().any(|b| b.context == ctx && !b.hint.is_empty()), "{ctx:?}");
        }
    }
}

#[cfg(test)]
mod readme {
    use super::*;

    /// The README's key map lists every binding: each key with its description, on one row.
    #[test]
    fn the_readme_key_map_matches_the_table() {
        let readme = include_str!("../../README.md");
        for b in DEFAULT {
            let row = readme.lines().find(|l| {
                l.starts_with(&format!("| {} |", b.context.label()))
                    && l.ends_with(&format!("| {} |", b.description))
                    && l.contains(&format!("`{}`", b.key))
            });
            assert!(row.is_some(), "README key map lacks {} `{}`: {}", b.context.label(), b.key, b.description);
        }
    }
}
