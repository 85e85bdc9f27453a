//! Reading a record whole: the panes under the checklist, evidence, notes, links and roster hits show what
//! fits, and Enter (`v` where Enter opens a case) opens the selected record in a box that scrolls, so
//! nothing the investigator wrote is out of reach.
//! The movement keys (and the mouse wheel) scroll it; any other key closes it and is not acted on.

use ratatui::crossterm::event::KeyEvent;

use super::action::Action;
use super::app::{App, CaseView, Overlay, Screen, Tab};
use super::keymap;
use crate::domain::Evidence;

/// A record opened whole: its title, its text (line breaks kept, controls shown as the panes show them),
/// and how far down it is scrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub title: String,
    pub text: String,
    pub scroll: usize,
}

/// Opens the record selected on the current tab, if it has one to read.
pub fn open(app: &mut App) {
    let Screen::Case(view) = &app.screen else { return };
    let reading = match view.tab {
        Tab::RedFlags | Tab::DueDiligence => checklist_item(view),
        Tab::Evidence => view.evidence.get(view.selection()).map(evidence),
        Tab::Notes => note(view),
        Tab::Links => super::ui::links::reading(&app.theme, view),
        Tab::Overview => overview_line(view),
        Tab::Report => None,
    };
    match reading {
        Some(r) => app.overlay = Some(Overlay::Read(r)),
        None => app.info("nothing selected to read"),
    }
}

/// The checklist item's whole text, the investigator's note and what backs the item.
fn checklist_item(view: &CaseView) -> Option<Reading> {
    let kind = view.tab.kind()?;
    let e = view.items(kind).get(view.selection()).copied()?;
    let mut text = format!("{} {}\n", e.item.code, e.item.text);
    if !e.note.is_empty() {
        let by = e.marked_by.as_deref().unwrap_or("");
        let at = e.marked_at.as_deref().map(|a| format!(", {}", a.get(..16).unwrap_or(a).replace('T', " ")));
        text.push_str(&format!("\nNote ({by}{}):\n{}\n", at.unwrap_or_default(), e.note.trim_end()));
    }
    if let Some(caution) = &e.item.caution {
        text.push_str(&format!("\nCaution: {caution}\n"));
    }
    if !e.evidence.is_empty() {
        let ids = e.evidence.iter().map(|i| format!("#{i}")).collect::<Vec<_>>().join(" ");
        text.push_str(&format!("\nEvidence: {ids}\n"));
    }
    text.push_str(&format!("\n{} · {} · state: {}\n", e.item.category.label(), e.item.phase.as_str(), e.state));
    for key in &e.item.sources {
        let source = crate::catalog::source(key)
            .map_or(key.clone(), |s| format!("{key}: {}, {} ({})", s.issuer, s.title, s.date));
        text.push_str(&format!("Source {source}\n"));
    }
    Some(Reading { title: format!(" {} ", e.item.code), text: super::ui::shown_lines(&text), scroll: 0 })
}

/// An organisation control whole: its text, the note of its review, what it takes over and its sources.
pub fn control(e: &crate::workspace::ControlEntry) -> Reading {
    let c = e.control;
    let mut text = format!("{} {}\n", c.code, c.text);
    if !e.note.is_empty() {
        let by = e.marked_by.as_deref().unwrap_or("");
        let at = e.marked_at.as_deref().map(|a| format!(", {}", a.get(..16).unwrap_or(a).replace('T', " ")));
        text.push_str(&format!("\nNote ({by}{}):\n{}\n", at.unwrap_or_default(), e.note.trim_end()));
    }
    text.push_str(&format!("\nstate: {}\n", e.state));
    if !c.replaces.is_empty() {
        text.push_str(&format!(
            "Takes over {} of the earlier catalog, once checked in each case\n",
            c.replaces.join(", ")
        ));
    }
    for key in &c.sources {
        let source = crate::catalog::source(key)
            .map_or(key.clone(), |s| format!("{key}: {}, {} ({})", s.issuer, s.title, s.date));
        text.push_str(&format!("Source {source}\n"));
    }
    Reading { title: format!(" {} ", c.code), text: super::ui::shown_lines(&text), scroll: 0 }
}

/// The evidence record: its path, hash, size and description, its last check, and a void.
fn evidence(e: &Evidence) -> Reading {
    // A name with a line break or a control is quoted and escaped, as on the command line: one line.
    let path = crate::text::quoted(&e.path);
    let mut text = format!("path    {path}\nsha256  {}\nsize    {} bytes\n", e.sha256, e.size);
    if let Some(check) = &e.last_check {
        text.push_str(&format!("check   {check}\n"));
    }
    if !e.items.is_empty() {
        text.push_str(&format!("items   {}\n", e.items.join(" ")));
    }
    if let Some(v) = &e.void {
        text.push_str(&format!("voided  {} by {}: {}\n", v.voided_at, v.voided_by, v.reason));
    }
    for u in &e.unlinked {
        text.push_str(&format!("unlinked from {} {} by {}: {}\n", u.code, u.voided_at, u.voided_by, u.reason));
    }
    text.push_str(&format!("\n{}\n", e.description));
    Reading { title: format!(" Evidence #{} ", e.id), text: super::ui::shown_lines(&text), scroll: 0 }
}

/// The note whole, under who wrote it and when.
fn note(view: &CaseView) -> Option<Reading> {
    let n = view.notes.get(view.selection())?;
    let mut head = format!("{} · {}", n.created_at, n.author);
    head.push_str(&n.edited_label());
    if let Some(v) = &n.void {
        head.push_str(&format!(" · voided by {}: {}", v.voided_by, v.reason));
    }
    let text = format!("{head}\n\n{}\n", n.body.trim_end());
    Some(Reading { title: format!(" Note #{} ", n.id), text: super::ui::shown_lines(&text), scroll: 0 })
}

/// The mouse wheel over a record read whole: scrolls it by `lines` (down when positive).
pub fn wheel(app: &mut App, lines: isize) {
    let Some(Overlay::Read(reading)) = &app.overlay else { return };
    let (_, max) = super::ui::read::geometry(app, reading);
    if let Some(Overlay::Read(reading)) = &mut app.overlay {
        reading.scroll = reading.scroll.saturating_add_signed(lines).min(max);
    }
}

/// Handles `key` with a record open whole.
pub fn key(app: &mut App, mut reading: Reading, key: &KeyEvent) {
    let (page, max) = super::ui::read::geometry(app, &reading);
    let step = page.saturating_sub(1).max(1);
    reading.scroll = match keymap::resolve(&[], key) {
        Some(Action::Down) => reading.scroll.saturating_add(1),
        Some(Action::Up) => reading.scroll.saturating_sub(1),
        Some(Action::PageDown) => reading.scroll.saturating_add(step),
        Some(Action::PageUp) => reading.scroll.saturating_sub(step),
        Some(Action::Top) => 0,
        Some(Action::Bottom) => max,
        _ => return,
    }
    .min(max);
    app.overlay = Some(Overlay::Read(reading));
}

/// The subject, identifier or payment on the selected overview line whole: every field it holds, its note
/// and warning in full (the overview cuts them to its column), and a void.
fn overview_line(view: &CaseView) -> Option<Reading> {
    use crate::tui::app::OverviewLine;
    let mut lines: Vec<(String, String)> = Vec::new();
    let (title, void) = match view.overview_lines().get(view.selection())? {
        OverviewLine::Subject(i) => {
            let s = &view.subjects[*i];
            lines.extend(labelled([
                ("role", s.role.to_string()),
                ("name", s.name.clone()),
                ("aliases", s.aliases.join(", ")),
                ("business", s.business.clone()),
                ("position", s.position.clone()),
                ("vendor", s.vendor.clone()),
                ("location", s.location.clone()),
                ("hire stage", s.hire_stage.map(|h| h.to_string()).unwrap_or_default()),
                ("hired on", s.hired_on.clone().unwrap_or_default()),
            ]));
            (format!(" Subject #{} ", s.id), s.void.as_ref())
        }
        OverviewLine::Identifier(i) => {
            let d = &view.identifiers[*i];
            lines.extend(labelled([
                ("kind", d.kind.to_string()),
                ("as typed", d.raw.clone()),
                ("match key", d.normalized.clone()),
                ("weak key", d.loose.clone().unwrap_or_default()),
                ("subject", d.subject_id.map(|s| format!("#{s}")).unwrap_or_default()),
                ("warning", d.warning.clone().unwrap_or_default()),
                ("recorded", d.created_at.clone()),
                ("note", d.note.clone()),
            ]));
            (format!(" Identifier #{} ", d.id), d.void.as_ref())
        }
        OverviewLine::Payment(i) => {
            let p = &view.payments[*i];
            lines.push((
                "amount".into(),
                format!("{} {}", crate::domain::format_amount(p.amount_cents, &p.currency), p.currency),
            ));
            // Every other field the payment holds, the IC3 form's per-type ones included, by its name.
            let skip = ["id", "case_id", "amount_cents", "currency", "voided_at", "voided_by", "void_reason"];
            if let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(p) {
                for (name, value) in fields {
                    let value = match value {
                        serde_json::Value::String(s) => s,
                        serde_json::Value::Null => continue,
                        other => other.to_string(),
                    };
                    if !skip.contains(&name.as_str()) {
                        lines.push((name.replace('_', " "), value));
                    }
                }
            }
            (format!(" Payment #{} ", p.id), p.void.as_ref())
        }
    };
    let mut text = String::new();
    for (label, value) in lines.iter().filter(|(_, v)| !v.trim().is_empty()) {
        if value.contains('\n') {
            text.push_str(&format!("{label}:\n{}\n", value.trim_end()));
        } else {
            text.push_str(&format!("{label:<16}{value}\n"));
        }
    }
    if let Some(v) = void {
        text.push_str(&format!("\nvoided {} by {}: {}\n", v.voided_at, v.voided_by, v.reason));
    }
    Some(Reading { title, text: super::ui::shown_lines(&text), scroll: 0 })
}

fn labelled<const N: usize>(fields: [(&str, String); N]) -> impl Iterator<Item = (String, String)> {
    fields.into_iter().map(|(label, value)| (label.to_string(), value))
}
