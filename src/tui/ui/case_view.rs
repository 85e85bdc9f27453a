//! A case: header, tabs, and the current tab.
//!
//! ```text
//!  #12 Backend engineer (contract) · investigating · high · risk 7 high · reviewed 40/102 (39%)
//!  candidate Jordan Lee · 2 red flags, 0 concerns · catalog 2026.1 · U upgrade · opened 2026-03-01
//!  1 Overview │ 2 Red flags │ 3 Due diligence │ 4 Evidence │ 5 Notes │ 6 Links │ 7 Report
//! ┌ tab content ─────────────────────────────────────────────────────────────────┐
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, CaseView, Tab};
use super::super::upgrade;
use super::fit::{self, Part};
use super::{links, tabs};

const SEPARATOR: &str = " │ ";
const NARROW_SEPARATOR: &str = "│";

/// Header, tab bar, content.
pub fn regions(body: Rect) -> [Rect; 3] {
    Layout::vertical([Constraint::Length(2), Constraint::Length(1), Constraint::Min(1)]).areas(body)
}

/// A tab's short name, for a bar too narrow for the full names.
fn short_name(tab: Tab) -> &'static str {
    match tab {
        Tab::RedFlags => "Flags",
        Tab::DueDiligence => "Diligence",
        other => other.label(),
    }
}

/// The tab bar's labels and separator for a bar `width` columns wide: full names, then short names, then
/// names cut to what fits. Every tab keeps its number and at least one letter of its name.
fn tab_labels(width: u16) -> (Vec<String>, &'static str) {
    let fits = |labels: &[String], sep: &str| {
        1 + labels.iter().map(|l| fit::width(l)).sum::<usize>() + fit::width(sep) * (labels.len() - 1)
            <= usize::from(width)
    };
    let full: Vec<String> = Tab::ALL.iter().map(|t| format!("{} {}", t.index() + 1, t.label())).collect();
    if fits(&full, SEPARATOR) {
        return (full, SEPARATOR);
    }
    let short: Vec<String> = Tab::ALL.iter().map(|t| format!("{} {}", t.index() + 1, short_name(*t))).collect();
    if fits(&short, SEPARATOR) {
        return (short, SEPARATOR);
    }
    for sep in [SEPARATOR, NARROW_SEPARATOR] {
        for letters in (1..9).rev() {
            let cut: Vec<String> = Tab::ALL
                .iter()
                .map(|t| format!("{} {}", t.index() + 1, short_name(*t).chars().take(letters).collect::<String>()))
                .collect();
            if fits(&cut, sep) || (letters == 1 && sep == NARROW_SEPARATOR) {
                return (cut, sep);
            }
        }
    }
    (short, NARROW_SEPARATOR)
}

/// The tab under `column` in the tab bar.
pub fn tab_at(bar: Rect, column: u16) -> Option<u8> {
    let (labels, sep) = tab_labels(bar.width);
    let mut x = bar.x + 1;
    for (tab, label) in Tab::ALL.into_iter().zip(&labels) {
        let width = fit::width(label) as u16;
        if column >= x && column < x + width {
            return u8::try_from(tab.index()).ok();
        }
        x += width + fit::width(sep) as u16;
    }
    None
}

/// Where a tab's selectable rows are drawn, for paging and clicks; `None` for the report. On the links tab,
/// the links table's rows.
pub fn rows_area(content: Rect, view: &CaseView) -> Option<Rect> {
    let table = match view.tab {
        Tab::Overview => tabs::overview_regions(content)[1],
        Tab::RedFlags | Tab::DueDiligence => tabs::checklist_regions(content)[0],
        Tab::Evidence => tabs::evidence_regions(content)[0],
        Tab::Links => links::regions(content, view)[0],
        Tab::Notes => {
            let list = tabs::notes_regions(content)[0];
            return Some(Rect {
                x: list.x + 1,
                y: list.y + 1,
                width: list.width.saturating_sub(2),
                height: list.height.saturating_sub(2),
            });
        }
        Tab::Report => return None,
    };
    Some(table_rows(table))
}

/// The rows of a bordered table with a header: inside the border, under the header row.
pub fn table_rows(table: Rect) -> Rect {
    Rect {
        x: table.x + 1,
        y: table.y + 2,
        width: table.width.saturating_sub(2),
        height: table.height.saturating_sub(3),
    }
}

pub fn draw(app: &App, view: &CaseView, frame: &mut Frame, body: Rect) {
    let [header, bar, content] = regions(body);
    draw_header(app, view, frame, header);
    draw_tabs(app, view, frame, bar);
    match view.tab {
        Tab::Overview => tabs::overview(app, view, frame, content),
        Tab::RedFlags | Tab::DueDiligence => tabs::checklist(app, view, frame, content),
        Tab::Evidence => tabs::evidence(app, view, frame, content),
        Tab::Notes => tabs::notes(app, view, frame, content),
        Tab::Links => links::draw(app, view, frame, content),
        Tab::Report => tabs::report(app, view, frame, content),
    }
}

/// The case's two header lines, each fitted to the width: the title is cut with "…" once the other
/// parts have shortened, and the less needed parts give way first.
fn draw_header(app: &App, view: &CaseView, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let c = &view.case;
    let a = &view.assessment;
    let max = usize::from(area.width);
    let disposition = c.disposition.map(|d| format!(" ({d})")).unwrap_or_default();
    let mut first = Vec::new();
    // Records changed behind vetdesk's back come before anything: what the tabs show is as stored.
    if let Some(why) = &view.record_warning {
        first.push(
            Part::new(format!(" ⚠ MAY NOT BE AS RECORDED: {} ·", super::shown(why)), t.danger())
                .short(" ⚠ NOT AS RECORDED (vetdesk audit verify) ·".to_string())
                .before_elastic(),
        );
    }
    // Rows signed by another key than this machine's (another machine, another key folder): said as
    // `case show` says it, after a warning about the record.
    let elsewhere: i64 = view.other_signers.iter().map(|(_, rows)| rows).sum();
    if let Some((key, _)) = view.other_signers.first() {
        let keys = if view.other_signers.len() > 1 { " and other keys" } else { "" };
        first.push(
            Part::new(
                format!(
                    " {} signed by {}{keys}, not this machine ·",
                    crate::text::counted(elsewhere, "audit row", "audit rows"),
                    super::shown(key)
                ),
                t.warning(),
            )
            .short(format!(" {} signed elsewhere ·", crate::text::counted(elsewhere, "row", "rows")))
            .before_elastic(),
        );
    }
    // An archived case says so first, where the eye lands: why, and that X brings it back.
    if let Some(archived) = &c.archived {
        let when = archived.archived_at.get(..10).unwrap_or_default();
        first.push(
            Part::new(
                format!(" ARCHIVED {when}: {} (X brings it back) ·", super::shown(&archived.reason)),
                t.warning(),
            )
            .short(format!(" ARCHIVED: {} ·", fit::truncate(&super::shown(&archived.reason), 40)))
            .before_elastic(),
        );
    }
    first.extend([
        Part::new(format!(" #{} {}", c.id, super::shown(&c.title)), t.title()).elastic(),
        Part::new(format!(" · {}{disposition} · {} · ", c.status, c.priority), t.text()),
        Part::new(format!("risk {} {}", a.score, a.band), t.risk(a.band)),
        Part::new(format!(" · reviewed {}/{} ({}%)", a.reviewed, a.total, a.coverage_percent()), t.muted())
            .short(format!(" · {}% reviewed", a.coverage_percent()))
            // Dropped whole rather than cut mid-word when even the title at its least leaves no room.
            .optional(),
    ]);
    let candidate = view.subjects.iter().find(|s| s.role == crate::domain::Role::Candidate).map(|s| s.name.as_str());
    let (catalog, short_catalog, catalog_style) = if upgrade::outdated(c) {
        (format!(" · catalog {} · U upgrade", c.catalog_version), " · U upgrade".to_string(), t.warning())
    } else {
        (format!(" · catalog {}", c.catalog_version), String::new(), t.muted())
    };
    let concerns = crate::text::counted(a.concerns, "concern", "concerns");
    let flags = format!(" · {}, {concerns}", crate::text::counted(a.red_flags, "red flag", "red flags"));
    let short_flags = format!(" · {}, {concerns}", crate::text::counted(a.red_flags, "flag", "flags"));
    let mut catalog = Part::new(catalog, catalog_style).short(short_catalog);
    if !upgrade::outdated(c) {
        catalog = catalog.optional();
    }
    let second = vec![
        Part::new(format!(" candidate {}", super::shown(candidate.unwrap_or("-"))), t.muted()).elastic(),
        Part::new(flags, t.muted()).short(short_flags),
        catalog,
        Part::new(format!(" · opened {}", c.created_at.get(..10).unwrap_or(&c.created_at)), t.muted()).optional(),
    ];
    frame.render_widget(Paragraph::new(vec![fit::line(first, max), fit::line(second, max)]), area);
}

fn draw_tabs(app: &App, view: &CaseView, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let (labels, sep) = tab_labels(area.width);
    let mut spans = vec![Span::raw(" ")];
    for (i, (tab, label)) in Tab::ALL.into_iter().zip(labels).enumerate() {
        if i > 0 {
            spans.push(Span::styled(sep, t.muted()));
        }
        let style = if tab == view.tab { t.selected() } else { t.text() };
        spans.push(Span::styled(label, style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
