//! The tabs of a case view. Each has a `*_regions` function shared with hit-testing, so clicks land
//! where rows are drawn.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

use super::fit::{self, Part};
use crate::domain::{MarkState, format_amount};
use crate::tui::app::{App, CaseView, OverviewLine, Tab};
use crate::workspace::ChecklistEntry;

fn visible<T>(items: &[T], top: usize, height: u16) -> impl Iterator<Item = (usize, &T)> {
    items.iter().enumerate().skip(top).take(usize::from(height.saturating_sub(3)))
}

/// The first line of a selection-dependent top, clamped for a smaller screen than when it was set.
fn top_for(view: &CaseView, rows: u16) -> usize {
    let sel = view.selection();
    let top = view.top[view.tab.index()];
    let page = usize::from(rows.saturating_sub(3)).max(1);
    crate::tui::app::keep_visible(sel, top, page)
}

fn block<'a>(app: &App, title: String) -> Block<'a> {
    Block::bordered().border_style(app.theme.border(true)).title(Span::styled(title, app.theme.title()))
}

// --- overview ---------------------------------------------------------------------------------

pub fn overview_regions(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Length(4), Constraint::Min(3)]).areas(area)
}

pub fn overview(app: &App, view: &CaseView, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let [info, table] = overview_regions(area);
    let c = &view.case;
    let tags = if c.tags.is_empty() { "-".to_string() } else { c.tags.join(", ") };
    let room = usize::from(info.width);
    let lines = vec![
        fit::clipped(
            Line::from(vec![
                Span::styled(" status ", t.muted()),
                Span::raw(c.status.as_str()),
                Span::styled("  disposition ", t.muted()),
                Span::raw(c.disposition.map_or("-", |d| d.as_str())),
                Span::styled("  priority ", t.muted()),
                Span::raw(c.priority.as_str()),
                Span::styled("  tags ", t.muted()),
                Span::raw(super::shown(&tags)),
            ]),
            room,
        ),
        fit::clipped(
            Line::from(vec![
                Span::styled(" evidence ", t.muted()),
                Span::raw(in_force(&view.evidence, |e| e.void.is_some())),
                Span::styled("  notes ", t.muted()),
                Span::raw(view.note_count.to_string()),
                Span::styled("  changed ", t.muted()),
                Span::raw(c.updated_at.clone()),
            ]),
            room,
        ),
        fit::line(
            vec![
                Part::new(" a add a subject, identifier or payment", t.muted()).short(" a add"),
                Part::new(" · e edit the selected line", t.muted()).short(" · e edit"),
                Part::new(" · d void", t.muted()),
                Part::new(" · t change status", t.muted()).short(" · t status"),
            ],
            room,
        ),
    ];
    frame.render_widget(Paragraph::new(lines), info);

    let lines = view.overview_lines();
    let top = top_for(view, table.height);
    let shown: Vec<(usize, Vec<String>, ratatui::style::Style)> = visible(&lines, top, table.height)
        .map(|(i, line)| {
            let void = match *line {
                OverviewLine::Subject(s) => view.subjects[s].void.as_ref(),
                OverviewLine::Identifier(k) => view.identifiers[k].void.as_ref(),
                OverviewLine::Payment(p) => view.payments[p].void.as_ref(),
            };
            let mut cells = match *line {
                OverviewLine::Subject(s) => {
                    let s = &view.subjects[s];
                    let via = if s.vendor.is_empty() { String::new() } else { format!("via {}", s.vendor) };
                    let mut detail = vec![s.position.clone(), s.business.clone(), via, s.location.clone()];
                    if !s.aliases.is_empty() {
                        detail.push(format!("aka {}", s.aliases.join(", ")));
                    }
                    if let Some(stage) = s.hire_stage {
                        detail.push(stage.to_string());
                    }
                    detail.retain(|d| !d.is_empty());
                    vec![format!("subject #{}", s.id), s.role.to_string(), s.name.clone(), detail.join(" · ")]
                }
                OverviewLine::Identifier(k) => {
                    let id = &view.identifiers[k];
                    let whose = id.subject_id.map(|s| format!("subject #{s}")).unwrap_or_default();
                    let warning = id.warning.as_deref().map(|w| format!("⚠ {w}")).unwrap_or_default();
                    let mut detail = vec![whose, warning, id.note.clone()];
                    detail.retain(|d| !d.is_empty());
                    vec![format!("ident #{}", id.id), id.kind.to_string(), id.raw.clone(), detail.join(" · ")]
                }
                OverviewLine::Payment(p) => {
                    let p = &view.payments[p];
                    vec![
                        format!("payment #{}", p.id),
                        p.method.clone(),
                        format!("{} {} on {}", format_amount(p.amount_cents, &p.currency), p.currency, p.paid_on),
                        // Only what was recorded: no "to" without a recipient, an account or a wallet.
                        match p.paid_to()[..] {
                            [] => "recipient not recorded".to_string(),
                            ref parts => format!("to {}", parts.join(", ")),
                        },
                    ]
                }
            };
            let mut style = if i == view.selection() { t.selected() } else { t.text() };
            if let Some(v) = void {
                // A voided record stays in view, struck through, with why.
                cells[3] = format!("voided: {}", v.reason);
                style = style.add_modifier(Modifier::CROSSED_OUT);
            }
            (i, cells.iter().map(|c| super::shown(c)).collect(), style)
        })
        .collect();
    // RECORD and KIND as wide as what they hold on screen; value and detail share the rest.
    let record = fit::column("RECORD", shown.iter().map(|(_, c, _)| c[0].as_str()));
    let kind = fit::column("KIND", shown.iter().map(|(_, c, _)| c[1].as_str()));
    let header = Row::new(["RECORD", "KIND", "VALUE", "DETAIL"]).style(t.muted());
    // The value as wide as the widest shown, up to half the room; the detail takes the rest.
    let room = table.width.saturating_sub(2 + record + kind + 3);
    let value = fit::column("VALUE", shown.iter().map(|(_, c, _)| c[2].as_str())).min(room / 2);
    let widths = [Constraint::Length(record), Constraint::Length(kind), Constraint::Length(value), Constraint::Fill(1)];
    // A value or detail too long for its column ends in "…", so a cut value never reads as another.
    let columns = fit::column_widths(&widths, table);
    let rows: Vec<Row> = shown
        .into_iter()
        .map(|(_, cells, style)| {
            Row::new(cells.iter().zip(&columns).map(|(c, w)| fit::cell(c, *w)).collect::<Vec<_>>()).style(style)
        })
        .collect();
    let title = format!(
        " Subjects {} · identifiers {} · payments {} ",
        in_force(&view.subjects, |s| s.void.is_some()),
        in_force(&view.identifiers, |i| i.void.is_some()),
        in_force(&view.payments, |p| p.void.is_some())
    );
    frame.render_widget(Table::new(rows, widths).header(header).block(block(app, title)), table);
}

/// How many of `records` are in force, with the voided ones beside when there are any (`2 (+1 voided)`):
/// a voided record stays listed, but is not counted as one in force.
fn in_force<T>(records: &[T], voided: impl Fn(&T) -> bool) -> String {
    let gone = records.iter().filter(|r| voided(r)).count();
    match gone {
        0 => records.len().to_string(),
        _ => format!("{} (+{gone} voided)", records.len() - gone),
    }
}

/// The evidence files in force, counted, and the voided ones beside them: "2 files (+1 voided)".
fn files_in_force(evidence: &[crate::domain::Evidence]) -> String {
    let gone = evidence.iter().filter(|e| e.void.is_some()).count();
    let files = crate::text::counted(evidence.len() - gone, "file", "files");
    if gone == 0 { files } else { format!("{files} (+{gone} voided)") }
}

// --- red flags and due diligence ----------------------------------------------------------------

pub fn checklist_regions(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Min(5), Constraint::Length(7)]).areas(area)
}

/// The checklist table's columns at a width: CATEGORY goes below 110 columns and PHASE below 90 (the
/// detail under the table names both), and the marks column only when an item has a note or evidence,
/// so the item's text takes the rest.
struct ChecklistColumns {
    code: u16,
    category: Option<u16>,
    phase: Option<u16>,
    extras: u16,
}

impl ChecklistColumns {
    fn new(items: &[&ChecklistEntry], width: u16, extras: impl Fn(&ChecklistEntry) -> String) -> ChecklistColumns {
        let extras: Vec<String> = items.iter().map(|e| extras(e)).collect();
        ChecklistColumns {
            code: fit::column("CODE", items.iter().map(|e| e.item.code.as_str())),
            category: (width >= 110).then(|| fit::column("CATEGORY", items.iter().map(|e| e.item.category.label()))),
            phase: (width >= 90).then(|| fit::column("PHASE", items.iter().map(|e| e.item.phase.as_str()))),
            extras: fit::column("", extras.iter().map(String::as_str)),
        }
    }

    fn headers(&self) -> Vec<&'static str> {
        let mut headers = vec!["", "CODE", "W"];
        headers.extend(self.category.map(|_| "CATEGORY"));
        headers.extend(self.phase.map(|_| "PHASE"));
        headers.push("ITEM");
        if self.extras > 0 {
            headers.push("");
        }
        headers
    }

    fn widths(&self) -> Vec<Constraint> {
        let mut widths = vec![Constraint::Length(3), Constraint::Length(self.code), Constraint::Length(1)];
        widths.extend(self.category.map(Constraint::Length));
        widths.extend(self.phase.map(Constraint::Length));
        widths.push(Constraint::Fill(1));
        if self.extras > 0 {
            widths.push(Constraint::Length(self.extras));
        }
        widths
    }
}

fn state_mark(state: MarkState) -> &'static str {
    match state {
        MarkState::Open => "[ ]",
        MarkState::Flagged => "[!]",
        MarkState::Clear => "[✓]",
        MarkState::Na => "[-]",
    }
}

pub fn checklist(app: &App, view: &CaseView, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let Some(kind) = view.tab.kind() else { return };
    let items = view.items(kind);
    let [table, detail] = checklist_regions(area);
    let top = top_for(view, table.height);
    let extras = |e: &ChecklistEntry| {
        let note = if e.note.is_empty() { "" } else { "✎" };
        let evidence = if e.evidence.is_empty() { String::new() } else { format!(" ⧉{}", e.evidence.len()) };
        format!("{note}{evidence}").trim().to_string()
    };
    let columns = ChecklistColumns::new(&items, table.width.saturating_sub(2), extras);
    let widths = fit::column_widths(&columns.widths(), table);
    let title_width = widths[3 + usize::from(columns.category.is_some()) + usize::from(columns.phase.is_some())];
    let rows: Vec<Row> = visible(&items, top, table.height)
        .map(|(i, e)| {
            let selected = i == view.selection();
            let mark_style = if selected { t.selected() } else { t.mark(e.state) };
            let mut cells = vec![
                Cell::from(Span::styled(state_mark(e.state), mark_style)),
                Cell::from(e.item.code.clone()),
                Cell::from(e.item.weight.to_string()),
            ];
            if columns.category.is_some() {
                cells.push(Cell::from(e.item.category.label()));
            }
            if columns.phase.is_some() {
                cells.push(Cell::from(e.item.phase.as_str()));
            }
            cells.push(fit::cell(&e.item.title, title_width));
            if columns.extras > 0 {
                cells.push(Cell::from(extras(e)));
            }
            Row::new(cells).style(if selected { t.selected() } else { t.text() })
        })
        .collect();
    let title = super::search::checklist_title(view, kind, items.len(), usize::from(table.width.saturating_sub(2)));
    let header = Row::new(columns.headers()).style(t.muted());
    let mut table_block = block(app, title);
    if let Some(words) = crate::tui::checklist::typing(view) {
        let found = format!("{} item{}", items.len(), if items.len() == 1 { "" } else { "s" });
        table_block = table_block.title_bottom(super::search::search_line(app, words, &found));
    }
    frame.render_widget(Table::new(rows, columns.widths()).header(header).block(table_block), table);

    let lines = match items.get(view.selection()) {
        Some(e) => {
            let sources = e
                .item
                .sources
                .iter()
                .map(|k| {
                    crate::catalog::source(k)
                        .map_or(k.clone(), |s| format!("{k}: {}, {} ({})", s.issuer, s.title, s.date))
                })
                .collect::<Vec<_>>()
                .join("; ");
            // The investigator's note comes right after the item, before anything that could push it out of
            // the pane; the sources come last.
            let mut lines = vec![Line::from(vec![
                Span::styled(format!("{} ", e.item.code), t.accent()),
                Span::raw(e.item.text.clone()),
            ])];
            if !e.note.is_empty() {
                let by = e.marked_by.as_deref().unwrap_or("");
                lines.extend(super::labelled_lines(Span::styled(format!("Note ({by}): "), t.info()), &e.note));
            }
            if let Some(caution) = &e.item.caution {
                lines.push(Line::from(vec![Span::styled("Caution: ", t.warning()), Span::raw(caution.clone())]));
            }
            if !e.evidence.is_empty() {
                let ids = e.evidence.iter().map(|i| format!("#{i}")).collect::<Vec<_>>().join(" ");
                lines.push(Line::styled(format!("Evidence: {ids}"), t.info()));
            }
            lines.push(Line::styled(
                format!("{} · {} · Sources: {sources}", e.item.category.label(), e.item.phase.as_str()),
                t.muted(),
            ));
            lines
        }
        None => vec![],
    };
    let body = Paragraph::new(lines).wrap(Wrap { trim: true });
    let pane = more_below(app, Block::bordered().border_style(t.border(false)), super::read::cut(&body, inner(detail)));
    frame.render_widget(body.block(pane), detail);
}

/// A detail pane's inside: its border taken off.
fn inner(area: Rect) -> Rect {
    Block::bordered().inner(area)
}

/// A detail pane's border, saying on its bottom edge that Enter reads the record whole when `cut`.
fn more_below<'a>(app: &App, block: Block<'a>, cut: bool) -> Block<'a> {
    super::read::more_below(&app.theme, block, cut, "Enter")
}

// --- evidence -------------------------------------------------------------------------------------

pub fn evidence_regions(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Min(4), Constraint::Length(5)]).areas(area)
}

pub fn evidence(app: &App, view: &CaseView, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let [table, detail] = evidence_regions(area);
    if view.evidence.is_empty() {
        let text = vec![
            Line::from(""),
            Line::styled(
                "No evidence yet. Press a to attach a file by path: it is hashed (SHA-256), never copied.",
                t.muted(),
            ),
        ];
        frame.render_widget(super::empty_state(text, block(app, " Evidence ".into())), area);
        return;
    }
    let top = top_for(view, table.height);
    // Below this width the hash's first characters give way: the detail under the table shows it whole.
    let with_hash = table.width >= 100;
    let check_width = fit::column(
        "CHECK",
        view.evidence
            .iter()
            .map(|e| if e.void.is_some() { "voided" } else { e.last_check.as_deref().unwrap_or("not verified") }),
    );
    let mut header = vec!["ID", "CHECK", "SIZE"];
    let mut widths = vec![Constraint::Length(5), Constraint::Length(check_width), Constraint::Length(8)];
    if with_hash {
        header.push("SHA-256");
        widths.push(Constraint::Length(12));
    }
    header.extend(["ITEMS", "DESCRIPTION", "FILE"]);
    widths.extend([Constraint::Fill(1), Constraint::Fill(2), Constraint::Fill(2)]);
    // The last three columns: items, description and file name, each cut with "…" to its width.
    let columns = fit::column_widths(&widths, table);
    let last = &columns[columns.len() - 3..];
    let rows: Vec<Row> = visible(&view.evidence, top, table.height)
        .map(|(i, e)| {
            let check = if e.void.is_some() { "voided" } else { e.last_check.as_deref().unwrap_or("not verified") };
            let check_style = match check {
                "intact" => t.ok(),
                "changed" | "missing" => t.danger(),
                _ => t.muted(),
            };
            let selected = i == view.selection();
            let mut cells = vec![
                Cell::from(format!("#{}", e.id)),
                Cell::from(Span::styled(check.to_string(), if selected { t.selected() } else { check_style })),
                Cell::from(human_size(e.size)),
            ];
            if with_hash {
                cells.push(Cell::from(e.sha256.get(..12).unwrap_or_default().to_string()));
            }
            cells.extend([
                fit::cell(&e.items.join(" "), last[0]),
                fit::cell(&super::shown(&e.description), last[1]),
                fit::cell(&crate::text::quoted(e.path.rsplit('/').next().unwrap_or(&e.path)), last[2]),
            ]);
            Row::new(cells).style({
                let style = if selected { t.selected() } else { t.text() };
                if e.void.is_some() { style.add_modifier(Modifier::CROSSED_OUT) } else { style }
            })
        })
        .collect();
    let header = Row::new(header).style(t.muted());
    let parts = [
        format!("Evidence · {}", files_in_force(&view.evidence)),
        "a attach".into(),
        "v verify".into(),
        "R relocate".into(),
    ];
    let title = super::fit::title(&parts, usize::from(table.width.saturating_sub(2)));
    frame.render_widget(Table::new(rows, widths).header(header).block(block(app, title)), table);
    if let Some(e) = view.evidence.get(view.selection()) {
        let third = match &e.void {
            Some(v) => Line::from(vec![
                Span::styled("voided ", t.muted()),
                Span::raw(format!(
                    "{} by {}: {}",
                    v.voided_at.get(..10).unwrap_or(&v.voided_at),
                    super::shown(&v.voided_by),
                    super::shown(&v.reason)
                )),
            ]),
            None => Line::from(vec![Span::styled("about  ", t.muted()), Span::raw(super::shown(&e.description))]),
        };
        let lines = vec![
            Line::from(vec![Span::styled("path   ", t.muted()), Span::raw(crate::text::quoted(&e.path))]),
            Line::from(vec![Span::styled("sha256 ", t.muted()), Span::raw(e.sha256.clone())]),
            third,
        ];
        // Each line keeps to its row; one wider than the pane is read whole with Enter.
        let cut = lines.iter().any(|l| l.width() > usize::from(inner(detail).width));
        let pane = more_below(app, Block::bordered().border_style(t.border(false)), cut);
        frame.render_widget(Paragraph::new(lines).block(pane), detail);
    }
}

fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 { format!("{bytes} B") } else { format!("{value:.1} {}", UNITS[unit]) }
}

// --- notes ---------------------------------------------------------------------------------------

pub fn notes_regions(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area)
}

pub fn notes(app: &App, view: &CaseView, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    if view.notes.is_empty() {
        let text = vec![Line::from(""), Line::styled("No notes yet. Press a to write one.", t.muted())];
        frame.render_widget(super::empty_state(text, block(app, " Notes ".into())), area);
        return;
    }
    let [list, detail] = notes_regions(area);
    let height = list.height.saturating_sub(2);
    let page = usize::from(height).max(1);
    let top = crate::tui::app::keep_visible(view.selection(), view.top[Tab::Notes.index()], page);
    let lines: Vec<Line> = view
        .notes
        .iter()
        .enumerate()
        .skip(top)
        .take(page)
        .map(|(i, n)| {
            // A note of several lines says so on its row; the panel below shows it whole.
            let mut first = super::shown(n.body.lines().next().unwrap_or_default());
            if n.body.trim_end().contains('\n') {
                first.push_str(" …");
            }
            // Cut with "…" at the pane's edge (after the 17 columns of its time), never mid-word unmarked.
            let first = fit::truncate(&first, usize::from(list.width.saturating_sub(2)).saturating_sub(17));
            let mut style = if i == view.selection() { t.selected() } else { t.text() };
            if n.void.is_some() {
                style = style.add_modifier(Modifier::CROSSED_OUT);
            }
            Line::from(vec![
                Span::styled(
                    format!("{} ", n.created_at.get(..16).unwrap_or(&n.created_at).replace('T', " ")),
                    t.muted(),
                ),
                Span::styled(first, style),
            ])
        })
        .collect();
    let shown = if view.note_count > view.notes.len() as u64 {
        format!(" Notes · first {} of {} ", view.notes.len(), view.note_count)
    } else {
        format!(" Notes · {} ", view.note_count)
    };
    frame.render_widget(Paragraph::new(lines).block(block(app, shown)), list);
    if let Some(n) = view.notes.get(view.selection()) {
        let mut edited = super::shown(&n.edited_label());
        if let Some(v) = &n.void {
            edited.push_str(&format!(" · voided by {}: {}", v.voided_by, v.reason));
        }
        let heading = format!("#{} · {} · {}{edited}", n.id, n.created_at, super::shown(&n.author));
        let title = Span::styled(
            format!(" {} ", fit::truncate(&heading, usize::from(detail.width.saturating_sub(4)))),
            t.muted(),
        );
        let body = Paragraph::new(super::shown_lines(&n.body)).wrap(Wrap { trim: false });
        let cut = super::read::cut(&body, inner(detail));
        let pane = more_below(app, Block::bordered().border_style(t.border(false)).title(title), cut);
        frame.render_widget(body.block(pane), detail);
    }
}

// --- report ---------------------------------------------------------------------------------------

pub fn report(app: &App, view: &CaseView, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let redacted = if view.redact { "redacted" } else { "not redacted" };
    let parts = ["IC3-ready summary", redacted, "r redact", "w export", "j/k scroll"].map(String::from);
    let title = super::fit::title(&parts, usize::from(area.width.saturating_sub(2)));
    let again = format!("(press {} again to build the summary)", Tab::Report.index() + 1);
    // Fitted to the tab's width already (`report_view::fit`): the screen breaks no line again.
    // A scroll kept from a taller text or a smaller terminal shows the last screenful, not an empty box.
    let page = usize::from(area.height.saturating_sub(2));
    let scroll = view.report_scroll.min(super::report_scroll_max(view, page));
    // Only the lines on screen go to the widget: a summary of thousands of subjects runs to hundreds of
    // thousands of lines, past what a widget's scroll offset can count.
    let shown = view.report.as_ref().map_or(again.as_str(), |r| r.lines_at(scroll, page));
    let body = Paragraph::new(shown).block(block(app, title)).style(t.text());
    frame.render_widget(body, area);
}
