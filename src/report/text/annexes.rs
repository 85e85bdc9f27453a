//! The annexes in plain text: one line per checklist item (with its note, who and when underneath),
//! a block per evidence file, one wrapped line per identifier and payment, the notes indented.

use std::fmt::Write;

use super::{Out, heading, paragraph};
use crate::catalog::ItemKind;
use crate::report::annex::TRIAGE_LABEL;
use crate::report::ic3::amount_grouped;
use crate::report::{Annexes, RecordAnnex};

pub(super) fn render(out: &mut Out, a: &Annexes) {
    heading(out, "Annexes", '=');
    paragraph(out, "These back the complaint and are kept by the organization; they are not pasted into the form.", "");
    checklist(out, a);
    evidence(out, a);
    identifiers(out, a);
    payments(out, a);
    notes(out, a);
    record(out, &a.record);
    sources(out, a);
}

fn sources(out: &mut Out, a: &Annexes) {
    heading(out, "Annex G. Sources the flagged items cite", '=');
    if a.sources.is_empty() {
        out.push_str("No item is flagged, so none is cited.\n");
    }
    for s in &a.sources {
        let url = if s.url.is_empty() { String::new() } else { format!(" <{}>", s.url) };
        paragraph(out, &format!("* {}: {}{url}. {}", s.key, s.citation(), s.reading()), "  ");
    }
}

fn checklist(out: &mut Out, a: &Annexes) {
    heading(out, "Annex A. Checklist", '=');
    for (n, g) in a.checklist.iter().enumerate() {
        let kind = match g.kind {
            ItemKind::RedFlag => "Red flags",
            ItemKind::DueDiligence => "Due diligence",
        };
        if n > 0 {
            out.push('\n');
        }
        let title = format!("{kind}: {}", g.category_label);
        let _ = writeln!(out, "{title}\n{}", "-".repeat(unicode_width::UnicodeWidthStr::width(title.as_str())));
        for r in &g.items {
            let line = format!("{}  {:<7}  w{}  {}", r.code, r.state.as_str(), r.weight, r.title);
            paragraph(out, &line, "      ");
            if let Some(caution) = &r.caution {
                paragraph(out, &format!("      Caution: {caution}"), "      ");
            }
            if !r.note.is_empty() {
                let from =
                    if r.note_handed_over { format!(" ({})", super::super::annex::HANDED_OVER) } else { String::new() };
                let gone =
                    if r.note_match_gone { format!(" {}", super::super::matches::STALE_MATCH) } else { String::new() };
                paragraph(out, &format!("      Note: {}{from}{gone}", r.note), "      ");
            }
            if let (Some(by), Some(at)) = (&r.marked_by, &r.marked_at) {
                let _ = writeln!(out, "      Marked by {by}, {at}");
            }
            if !r.evidence.is_empty() {
                let ids: Vec<String> = r.evidence.iter().map(|id| format!("#{id}")).collect();
                let _ = writeln!(out, "      Evidence: {}", ids.join(", "));
            }
        }
    }
}

fn evidence(out: &mut Out, a: &Annexes) {
    heading(out, "Annex B. Evidence manifest", '=');
    if a.evidence.is_empty() {
        out.push_str("No evidence files are attached.\n");
    }
    for (n, e) in a.evidence.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "Evidence #{}", e.id);
        let _ = writeln!(out, "  Path: {}", crate::text::display_path(std::path::Path::new(&e.path)));
        let _ = writeln!(out, "  Size: {} bytes", e.size);
        let _ = writeln!(out, "  SHA-256: {}", e.sha256);
        if !e.description.is_empty() {
            paragraph(out, &format!("  Description: {}", e.description), "    ");
        }
        let _ = writeln!(out, "  Attached: {} by {}", e.attached_at, e.attached_by);
        match (&e.last_check, &e.last_checked_at) {
            (Some(c), Some(at)) => {
                let _ = writeln!(out, "  Last check: {c}, {at}");
            }
            _ => out.push_str("  Last check: not re-verified\n"),
        }
        if !e.items.is_empty() {
            let _ = writeln!(out, "  Items: {}", e.items.join(", "));
        }
    }
}

fn identifiers(out: &mut Out, a: &Annexes) {
    heading(out, "Annex C. Identifiers", '=');
    let left_out = super::super::left_out_identifiers(a.identifiers_left_out);
    match (a.identifiers.is_empty(), left_out) {
        (true, Some(said)) => out.push_str(&format!("No identifiers are listed. {said}\n")),
        (true, None) => out.push_str("No identifiers are recorded.\n"),
        (false, Some(said)) => out.push_str(&format!("{said}\n")),
        (false, None) => {}
    }
    for i in &a.identifiers {
        let mut line = format!("#{} {}: {}", i.id, i.kind, i.raw);
        if i.normalized != i.raw {
            let _ = write!(line, " (normalized {})", i.normalized);
        }
        if let (Some(id), Some(name)) = (i.subject_id, &i.subject) {
            let _ = write!(line, "; subject #{id} {name}");
        }
        if let Some(w) = &i.warning {
            let _ = write!(line, "; format warning: {w}");
        }
        if !i.note.is_empty() {
            let _ = write!(line, "; note: {}", i.note);
        }
        paragraph(out, &line, "    ");
    }
}

fn payments(out: &mut Out, a: &Annexes) {
    heading(out, "Annex D. Payments", '=');
    if a.payments.is_empty() {
        out.push_str(&a.no_payments());
        out.push('\n');
    }
    for p in &a.payments {
        let mut line = format!(
            "#{} {}: {} {} by {} (IC3 type {})",
            p.id,
            p.paid_on,
            p.currency,
            amount_grouped(p.amount_cents, &p.currency),
            p.method,
            p.transaction_type.label()
        );
        for (label, value) in p.details() {
            let _ = write!(line, "; {label} {value}");
        }
        if let (Some(id), Some(name)) = (p.subject_id, &p.subject) {
            let _ = write!(line, "; subject #{id} {name}");
        }
        paragraph(out, &line, "    ");
    }
}

fn notes(out: &mut Out, a: &Annexes) {
    heading(out, "Annex E. Notes, oldest first", '=');
    if a.notes.is_empty() {
        out.push_str("No notes.\n");
    }
    for (n, note) in a.notes.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        paragraph(out, &note.heading(), "    ");
        for line in note.body.lines() {
            paragraph(out, &format!("    {line}"), "    ");
        }
    }
}

fn record(out: &mut Out, r: &RecordAnnex) {
    heading(out, "Annex F. Internal triage aid and record", '=');
    paragraph(out, &format!("{}.", TRIAGE_LABEL), "");
    for line in r.assessment.lines() {
        let indent = if line.starts_with("  ") { "    " } else { "  " };
        paragraph(out, &line, indent);
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "Catalog: the checklist (Annex A) follows version {}; the current version is {}",
        r.case_catalog_version, r.catalog_version
    );
    match &r.audit {
        Some(h) => {
            let _ = writeln!(out, "Audit chain head: {} rows, last row #{}", h.rows, h.last_id);
            let _ = writeln!(out, "  hash {}", h.hash);
        }
        None => out.push_str("Audit chain head: the audit log is empty\n"),
    }
    out.push('\n');
    paragraph(
        out,
        "Run `vetdesk audit verify` to check the chain, and `vetdesk evidence verify` to re-hash the evidence files.",
        "",
    );
}
