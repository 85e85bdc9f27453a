//! The summary as plain text: the same content as the Markdown, with underlined headings and no
//! markup. Values to paste are never wrapped (wrapping would change what gets pasted); long ones sit
//! between `----- begin` and `----- end` lines. Everything else wraps at 100 columns in a file, or at the
//! width it is shown at in the workstation.

mod annexes;

use std::fmt::Write;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::ic3::{amount_grouped, grouped};
use super::model::*;

/// Where prose wraps in a file.
pub const WIDTH: usize = 100;
/// The narrowest wrap width taken: below it, lines are left for the screen to break.
const MIN_WIDTH: usize = 20;

/// The text being written, and the width its prose wraps at.
pub(super) struct Out {
    text: String,
    width: usize,
}

impl std::ops::Deref for Out {
    type Target = String;
    fn deref(&self) -> &String {
        &self.text
    }
}

impl std::ops::DerefMut for Out {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.text
    }
}

/// The summary as text whose prose wraps at `width` columns (at least [`MIN_WIDTH`]).
pub(super) fn render(s: &Summary, width: usize) -> String {
    let mut out = Out { text: String::new(), width: width.max(MIN_WIDTH) };
    let out = &mut out;
    header(out, s);
    heading(out, SECTION_FILER, '=');
    fields(out, &s.filer.fields());
    heading(out, SECTION_COMPLAINANT, '=');
    fields(out, &s.complainant.fields());
    heading(out, "Business", '-');
    fields(out, &s.complainant.business.fields());
    transactions(out, &s.transactions);
    heading(out, SECTION_SUBJECTS, '=');
    if s.subjects.is_empty() {
        out.push_str("No subjects are recorded in this case.\n");
    }
    for (i, b) in s.subjects.iter().enumerate() {
        heading(out, &b.title(i), '-');
        if !b.aliases.is_empty() {
            paragraph(out, &format!("Also known as: {}", b.aliases.join(", ")), "");
        }
        fields(out, &b.fields());
        if let Some(recorded) = &b.address_as_recorded {
            paragraph(out, &format!("Address as recorded: {}", recorded.replace('\n', ", ")), "  ");
        }
    }
    if !s.subjects_left_out.is_empty() {
        let names: Vec<String> = s.subjects_left_out.iter().map(crate::report::LeftOut::said).collect();
        out.push('\n');
        paragraph(
            out,
            &format!(
                "Left out: {}. References are not under suspicion; include them with `vetdesk case answer ID include-references yes`.",
                names.join("; ")
            ),
            "  ",
        );
    }
    heading(out, SECTION_DESCRIPTION, '=');
    block(out, "Description", &s.description);
    heading(out, SECTION_OTHER, '=');
    for (label, f) in s.other_information.fields() {
        block(out, &label, f);
        out.push('\n');
    }
    fields(out, &s.other_information.short_fields());
    heading(out, SECTION_SIGNATURE, '=');
    fields(out, &s.signature.fields());
    out.push('\n');
    paragraph(
        out,
        "The form's signature attests, under 18 U.S.C. 1001, that the information is true and accurate to the best of \
         the signer's knowledge: read every section before typing it.",
        "",
    );
    annexes::render(out, &s.annexes);
    std::mem::take(&mut out.text)
}

fn heading(out: &mut Out, title: &str, underline: char) {
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
    let width = title.width();
    let _ = writeln!(out, "{title}\n{}\n", underline.to_string().repeat(width));
}

/// Wraps `text` at the output's width in terminal columns (a Korean or Chinese character takes two),
/// continuing lines with `indent`; existing line breaks are kept. A run of wide characters longer than a
/// line (Chinese and Japanese put no spaces between words) is cut where the line ends, so that no line
/// of it is wider than the width and nothing wraps it a second time; any other word, a URL above all,
/// is kept whole on a line of its own, where it can still be copied.
fn paragraph(out: &mut Out, text: &str, indent: &str) {
    for (n, source_line) in text.lines().enumerate() {
        let mut line = String::new();
        if n > 0 {
            line.push_str(indent);
        }
        let mut empty = true;
        for word in source_line.split(' ') {
            if !empty && line.width() + 1 + word.width() > out.width {
                let _ = writeln!(out, "{}", line.trim_end());
                line = indent.to_string();
                empty = true;
            }
            if !empty {
                line.push(' ');
            }
            let wide = word.chars().any(|c| c.width().unwrap_or(0) > 1);
            for c in word.chars() {
                let w = c.width().unwrap_or(0);
                if wide && line.width() + w > out.width && line.width() > indent.width() {
                    let _ = writeln!(out, "{}", line.trim_end());
                    line = indent.to_string();
                }
                line.push(c);
            }
            empty = false;
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if text.is_empty() {
        out.push('\n');
    }
}

fn over(f: &Field) -> String {
    match f.limit {
        Some(limit) if f.over_limit => {
            format!("  [OVER THE IC3 LIMIT: {} of {} characters]", grouped(f.length), grouped(limit))
        }
        _ => String::new(),
    }
}

fn fields(out: &mut Out, list: &[Labeled<'_>]) {
    for (label, f) in list {
        if f.value.contains('\n') {
            block(out, label, f);
            continue;
        }
        let limit = f.limit.map_or(String::new(), |l| format!(" (max {})", grouped(l)));
        let value = match &f.not_applicable {
            Some(reason) => format!("(not applicable: {reason})"),
            None if f.value.is_empty() => "(blank)".to_string(),
            None => f.value.clone(),
        };
        let _ = writeln!(out, "{label}{limit}: {value}{}", over(f));
    }
}

fn block(out: &mut Out, label: &str, f: &Field) {
    let limit = f.limit.map_or(String::new(), |l| format!(" (max {}; {} used)", grouped(l), grouped(f.length)));
    let _ = writeln!(out, "{label}{limit}{}", over(f));
    if f.value.is_empty() {
        out.push_str("(blank)\n");
        return;
    }
    let _ = writeln!(out, "----- begin {label} -----\n{}\n----- end {label} -----", f.value);
}

fn header(out: &mut Out, s: &Summary) {
    let h = &s.header;
    let title = format!("IC3-ready summary: case #{}", h.case_id);
    let _ = writeln!(out, "{title}\n{}\n", "=".repeat(title.width()));
    match &h.record_check {
        Some(c) if c.holds => paragraph(out, &format!("Record: {}", c.line), "  "),
        Some(c) => paragraph(
            out,
            &format!(
                "*** WARNING: the record does not hold. {}. Run `vetdesk audit verify` for the details; do not file this summary before that is resolved. ***",
                c.line
            ),
            "  ",
        ),
        None => {
            paragraph(out, "Record: not checked in this preview; an exported summary checks the audit chain.", "  ")
        }
    }
    out.push('\n');
    paragraph(out, &format!("Title: {}", h.title), "  ");
    let _ = writeln!(out, "Status: {}", h.status);
    if let Some(a) = &h.archived {
        let on = a.archived_at.get(..10).unwrap_or(&a.archived_at);
        paragraph(out, &format!("Archived: {on} by {}: {}", a.archived_by, a.reason), "  ");
    }
    let _ = writeln!(out, "Priority: {}", h.priority);
    let _ = writeln!(out, "Disposition: {}", h.disposition.map_or("none yet".to_string(), |d| d.to_string()));
    if !h.tags.is_empty() {
        let _ = writeln!(out, "Tags: {}", h.tags.join(", "));
    }
    let _ = writeln!(out, "Opened: {}", h.opened_at);
    if let Some(closed) = &h.closed_at {
        let _ = writeln!(out, "Closed: {closed}");
    }
    let _ = writeln!(out, "Generated: {} by {}", h.generated_at, h.generated_by);
    if h.redacted {
        paragraph(out, super::REDACTED, "  ");
    } else {
        paragraph(out, "Redacted: no. This summary shows account and document numbers in full.", "  ");
    }
    if !s.format_problems.is_empty() {
        out.push('\n');
        let head = "NOT AS THE FORM TAKES THEM. Shown as recorded; check them with the source, or record what is \
                    missing, before filing:";
        paragraph(out, head, "");
        for p in &s.format_problems {
            let value = if p.value.is_empty() { "(blank)".to_string() } else { format!("{:?}", p.value) };
            paragraph(out, &format!("  * {}, {}: {value}: {}", p.section, p.field, p.problem), "    ");
        }
    }
    if !s.description_left_out.is_empty() {
        out.push('\n');
        let said = format!(
            "DESCRIPTION DRAFTED DOWN. To fit the form's 3,500 characters it leaves out {}; all of it is elsewhere \
             in this summary (the subjects' section, the annexes). Read it before pasting: it is not the whole account.",
            s.description_left_out.join("; ")
        );
        paragraph(out, &said, "");
    }
    if !s.unanswered.is_empty() {
        out.push('\n');
        paragraph(
            out,
            "UNANSWERED QUESTIONS. Answer them with `vetdesk case answer ID FIELD VALUE` (or `a` on the report tab):",
            "",
        );
        for u in &s.unanswered {
            paragraph(out, &format!("  * {}, {}: {}", u.section, u.field, u.question), "    ");
        }
    }
    if !s.over_limit.is_empty() {
        out.push('\n');
        paragraph(
            out,
            "OVER THE IC3 LIMIT. The form will not take these as they are; shorten them before pasting (nothing here was cut):",
            "",
        );
        for p in &s.over_limit {
            let line = format!(
                "  * {}, {}: {} {}, limit {}",
                p.section,
                p.field,
                grouped(p.length),
                p.unit.as_str(),
                grouped(p.limit)
            );
            paragraph(out, &line, "    ");
        }
    }
    out.push('\n');
    paragraph(
        out,
        "Sections 1 to 7 follow the IC3 complaint form (https://www.ic3.gov) in its order: paste each value into the \
         form field of the same name. \"max\" is the most characters the form takes. The annexes back the complaint \
         and are not pasted: IC3 takes no files, so keep the originals.",
        "",
    );
}

fn transactions(out: &mut Out, t: &Transactions) {
    heading(out, SECTION_TRANSACTIONS, '=');
    fields(
        out,
        &[
            ("Did you send or lose money in the incident?".to_string(), &t.money_lost),
            ("What was your total loss amount? (USD)".to_string(), &t.total_loss_usd),
        ],
    );
    out.push('\n');
    paragraph(out, &t.total_note, "");
    if t.items.is_empty() {
        return;
    }
    let totals: Vec<String> =
        t.totals.iter().map(|m| format!("{} {}", m.currency, amount_grouped(m.amount_cents, &m.currency))).collect();
    let _ = writeln!(out, "\nSum per currency ({}): {}", t.totals_qualifier(), totals.join("; "));
    for (i, item) in t.items.iter().enumerate() {
        heading(out, &format!("Transaction {} (payment #{}, {})", i + 1, item.payment_id, item.currency), '-');
        if item.needs_conversion {
            paragraph(
                out,
                &format!(
                    "CONVERT BEFORE FILING: the amount is in {}; the form takes US dollars. Use a rate you choose.",
                    item.currency
                ),
                "  ",
            );
        }
        fields(out, &item.fields());
        for extra in &item.not_on_form {
            let _ = writeln!(
                out,
                "Recorded, but the form has no such field for this type: {}: {}",
                extra.label, extra.value
            );
        }
        let _ = writeln!(out, "Method as recorded: {}", item.method);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_wrap_at_the_width_and_keep_words_whole() {
        let mut out = Out { text: String::new(), width: WIDTH };
        let text = "word ".repeat(60);
        paragraph(&mut out, text.trim(), "  ");
        assert!(out.lines().all(|l| l.chars().count() <= WIDTH), "{}", out.text);
        assert!(out.lines().skip(1).all(|l| l.starts_with("  word")));
        assert_eq!(out.split_whitespace().count(), 60);
    }

    /// Korean takes two columns a character: lines are measured in columns, and a run with no space wider
    /// than a line is cut at its end, so that the workstation's pane has nothing left to wrap again.
    #[test]
    fn wide_characters_are_measured_in_columns() {
        let mut out = Out { text: String::new(), width: 40 };
        let note = "Note: 여권사진 위조 의심 ".repeat(8) + &"北韓信息技術人員".repeat(6);
        paragraph(&mut out, &note, "  ");
        assert!(out.lines().all(|l| l.width() <= 40), "{}", out.text);
        assert!(out.lines().skip(1).all(|l| l.starts_with("  ")), "{}", out.text);
        let kept: String = out.text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(kept, note.chars().filter(|c| !c.is_whitespace()).collect::<String>(), "nothing dropped");
        // A URL wider than a line stays whole, on its own line.
        let url = format!("see https://example.org/{}", "a".repeat(60));
        let mut link = Out { text: String::new(), width: 40 };
        paragraph(&mut link, &url, "  ");
        assert_eq!(link.text, format!("see\n  https://example.org/{}\n", "a".repeat(60)));
        let mut title = Out { text: String::new(), width: 40 };
        heading(&mut title, "북한 IT 인력", '=');
        assert!(title.text.contains("북한 IT 인력\n============\n"), "{}", title.text);
    }

    #[test]
    fn paragraphs_wrap_at_the_width_asked_for_and_never_below_the_minimum() {
        let text = "word ".repeat(60);
        for (asked, taken) in [(40, 40), (78, 78), (5, MIN_WIDTH)] {
            let mut out = Out { text: String::new(), width: asked.max(MIN_WIDTH) };
            paragraph(&mut out, text.trim(), "  ");
            assert!(out.lines().all(|l| l.chars().count() <= taken), "{}", out.text);
            assert!(out.lines().next().unwrap().chars().count() > taken - 5, "{}", out.text);
        }
    }
}
