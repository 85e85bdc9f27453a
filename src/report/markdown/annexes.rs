//! The annexes in Markdown: one table per checklist group, tables for the evidence manifest,
//! identifiers and payments, a fenced block per note.

use std::fmt::Write;

use super::{fence_for, inline};
use crate::catalog::ItemKind;
use crate::report::annex::TRIAGE_LABEL;
use crate::report::ic3::amount_grouped;
use crate::report::{Annexes, RecordAnnex};

pub(super) fn render(out: &mut String, a: &Annexes) {
    out.push_str(
        "\n## Annexes\n\nThese back the complaint and are kept by the organization; they are not pasted into \
         the form.\n",
    );
    checklist(out, a);
    evidence(out, a);
    identifiers(out, a);
    payments(out, a);
    notes(out, a);
    record(out, &a.record);
    sources(out, a);
}

fn sources(out: &mut String, a: &Annexes) {
    out.push_str("\n## Annex G. Sources the flagged items cite\n\n");
    if a.sources.is_empty() {
        out.push_str("No item is flagged, so none is cited.\n");
    }
    for s in &a.sources {
        let url = if s.url.is_empty() { String::new() } else { format!(" <{}>", s.url) };
        let _ = writeln!(out, "- **{}**: {}{url}. {}", s.key, inline(&s.citation()), inline(&s.reading()));
    }
}

fn checklist(out: &mut String, a: &Annexes) {
    out.push_str("\n## Annex A. Checklist\n");
    for g in &a.checklist {
        let kind = match g.kind {
            ItemKind::RedFlag => "Red flags",
            ItemKind::DueDiligence => "Due diligence",
        };
        let _ = writeln!(out, "\n### {kind}: {}\n", g.category_label);
        table_head(out, &["Code", "Item", "State", "Weight", "Note", "Marked", "Evidence"]);
        for r in &g.items {
            let marked = match (&r.marked_by, &r.marked_at) {
                (Some(by), Some(at)) => format!("{by}, {at}"),
                _ => String::new(),
            };
            let evidence: Vec<String> = r.evidence.iter().map(|id| format!("#{id}")).collect();
            let weight = r.weight.to_string();
            let item = match &r.caution {
                Some(caution) => format!("{}\nCaution: {caution}", r.title),
                None => r.title.clone(),
            };
            let mut note = if r.note_handed_over {
                format!("{} ({})", r.note, super::super::annex::HANDED_OVER)
            } else {
                r.note.clone()
            };
            if r.note_match_gone {
                note = format!("{note} {}", super::super::matches::STALE_MATCH);
            }
            row(out, &[&r.code, &item, r.state.as_str(), &weight, &note, &marked, &evidence.join(", ")]);
        }
    }
}

fn evidence(out: &mut String, a: &Annexes) {
    out.push_str("\n## Annex B. Evidence manifest\n\n");
    if a.evidence.is_empty() {
        out.push_str("No evidence files are attached.\n");
        return;
    }
    table_head(out, &["Id", "Path", "Size (bytes)", "SHA-256", "Description", "Attached", "Last check", "Items"]);
    for e in &a.evidence {
        let check = match (&e.last_check, &e.last_checked_at) {
            (Some(c), Some(at)) => format!("{c}, {at}"),
            _ => "not re-verified".to_string(),
        };
        let attached = format!("{}, {}", e.attached_at, e.attached_by);
        let (id, size) = (format!("#{}", e.id), e.size.to_string());
        // A name with a line break or control character is quoted and escaped, as on the command line.
        let path = crate::text::display_path(std::path::Path::new(&e.path));
        row(out, &[&id, &path, &size, &e.sha256, &e.description, &attached, &check, &e.items.join(", ")]);
    }
}

fn identifiers(out: &mut String, a: &Annexes) {
    out.push_str("\n## Annex C. Identifiers\n\n");
    let left_out = super::super::left_out_identifiers(a.identifiers_left_out);
    if a.identifiers.is_empty() {
        match left_out {
            Some(said) => out.push_str(&format!("No identifiers are listed. {said}\n")),
            None => out.push_str("No identifiers are recorded.\n"),
        }
        return;
    }
    if let Some(said) = left_out {
        out.push_str(&format!("{said}\n\n"));
    }
    table_head(out, &["Id", "Kind", "Value", "Normalized", "Subject", "Format warning", "Note"]);
    for i in &a.identifiers {
        let subject = match (i.subject_id, &i.subject) {
            (Some(id), Some(name)) => format!("#{id} {name}"),
            _ => String::new(),
        };
        let warning = i.warning.clone().unwrap_or_default();
        let id = format!("#{}", i.id);
        row(out, &[&id, i.kind.as_str(), &i.raw, &i.normalized, &subject, &warning, &i.note]);
    }
}

fn payments(out: &mut String, a: &Annexes) {
    out.push_str("\n## Annex D. Payments\n\n");
    if a.payments.is_empty() {
        out.push_str(&a.no_payments());
        out.push('\n');
        return;
    }
    table_head(out, &["Id", "Date", "Amount", "Method", "IC3 type", "Details"]);
    for p in &a.payments {
        let amount = format!("{} {}", p.currency, amount_grouped(p.amount_cents, &p.currency));
        let mut details: Vec<String> = p.details().into_iter().map(|(l, v)| format!("{l}: {v}")).collect();
        if let (true, Some(name)) = (p.recipient.is_empty(), &p.subject) {
            details.insert(0, format!("recipient: ({name})"));
        }
        let id = format!("#{}", p.id);
        let details = details.join("\n");
        row(out, &[id.as_str(), &p.paid_on, &amount, &p.method, p.transaction_type.label(), &details]);
    }
}

fn notes(out: &mut String, a: &Annexes) {
    out.push_str("\n## Annex E. Notes, oldest first\n");
    if a.notes.is_empty() {
        out.push_str("\nNo notes.\n");
    }
    for n in &a.notes {
        let _ = writeln!(out, "\n### {}\n", inline(&n.heading()));
        let fence = fence_for(&n.body);
        let _ = writeln!(out, "{fence}text\n{}\n{fence}", n.body);
    }
}

fn record(out: &mut String, r: &RecordAnnex) {
    out.push_str("\n## Annex F. Internal triage aid and record\n\n");
    let _ = writeln!(out, "*{}.*\n", TRIAGE_LABEL);
    for line in r.assessment.lines() {
        match line.strip_prefix("  ") {
            Some(sub) => {
                let _ = writeln!(out, "  - {}", inline(sub));
            }
            None => {
                let _ = writeln!(out, "- {}", inline(&line));
            }
        }
    }
    let _ = writeln!(
        out,
        "- **Catalog**: the checklist (Annex A) follows version {}; the current version is {}",
        r.case_catalog_version, r.catalog_version
    );
    match &r.audit {
        Some(h) => {
            let _ =
                writeln!(out, "- **Audit chain head**: {} rows, last row #{}, hash `{}`", h.rows, h.last_id, h.hash);
        }
        None => out.push_str("- **Audit chain head**: the audit log is empty\n"),
    }
    out.push_str(
        "\nRun `vetdesk audit verify` to check the chain, and `vetdesk evidence verify` to re-hash the evidence files.\n",
    );
}

fn table_head(out: &mut String, columns: &[&str]) {
    let _ = writeln!(out, "| {} |", columns.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(columns.len()));
}

fn row(out: &mut String, cells: &[&str]) {
    let cells: Vec<String> = cells.iter().map(|c| inline(c).replace('\n', "<br>")).collect();
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}
