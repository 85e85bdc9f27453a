//! The summary as Markdown: a heading per form section, one `- **Label** (limit): value` line per
//! field, long fields in fenced blocks ready to copy, annexes as tables.
//!
//! ```text
//! # IC3-ready summary: case #N          header, limit notice, how to use, sources
//! ## 1. Who is filing … ## 6. Other information
//! ## Annex A … ## Annex F
//! ```

mod annexes;

use std::fmt::Write;

use super::ic3::{amount_grouped, grouped};
use super::model::*;

pub(super) fn render(s: &Summary) -> String {
    let mut out = String::new();
    header(&mut out, s);
    section(&mut out, SECTION_FILER);
    fields(&mut out, &s.filer.fields());
    section(&mut out, SECTION_COMPLAINANT);
    fields(&mut out, &s.complainant.fields());
    out.push_str("\n### Business\n\n");
    fields(&mut out, &s.complainant.business.fields());
    transactions(&mut out, &s.transactions);
    subjects(&mut out, &s.subjects, &s.subjects_left_out);
    section(&mut out, SECTION_DESCRIPTION);
    block(&mut out, "Description", &s.description);
    section(&mut out, SECTION_OTHER);
    for (label, f) in s.other_information.fields() {
        block(&mut out, &label, f);
        out.push('\n');
    }
    fields(&mut out, &s.other_information.short_fields());
    section(&mut out, SECTION_SIGNATURE);
    fields(&mut out, &s.signature.fields());
    out.push_str(
        "\nThe form's signature attests, under 18 U.S.C. 1001, that the information is true and accurate to the \
         best of the signer's knowledge: read every section before typing it.\n",
    );
    annexes::render(&mut out, &s.annexes);
    out
}

fn header(out: &mut String, s: &Summary) {
    let h = &s.header;
    let _ = writeln!(out, "# IC3-ready summary: case #{}\n", h.case_id);
    match &h.record_check {
        Some(c) if c.holds => {
            let _ = writeln!(out, "> **Record**: {}\n", c.line);
        }
        Some(c) => {
            let _ = writeln!(
                out,
                "> **WARNING: the record does not hold.** {}. Run `vetdesk audit verify` for the details; do not file this summary before that is resolved.\n",
                c.line
            );
        }
        None => {
            out.push_str("> **Record**: not checked in this preview; an exported summary checks the audit chain.\n\n")
        }
    }
    let _ = writeln!(out, "**{}**\n", inline(&h.title));
    let _ = writeln!(out, "- **Status**: {}", h.status);
    if let Some(a) = &h.archived {
        let on = a.archived_at.get(..10).unwrap_or(&a.archived_at);
        let _ = writeln!(out, "- **Archived**: {on} by {}: {}", inline(&a.archived_by), inline(&a.reason));
    }
    let _ = writeln!(out, "- **Priority**: {}", h.priority);
    let _ = writeln!(out, "- **Disposition**: {}", h.disposition.map_or("none yet".to_string(), |d| d.to_string()));
    if !h.tags.is_empty() {
        let _ = writeln!(out, "- **Tags**: {}", inline(&h.tags.join(", ")));
    }
    let _ = writeln!(out, "- **Opened**: {}", h.opened_at);
    if let Some(closed) = &h.closed_at {
        let _ = writeln!(out, "- **Closed**: {closed}");
    }
    let _ = writeln!(out, "- **Generated**: {} by {}", h.generated_at, inline(&h.generated_by));
    if h.redacted {
        let _ = writeln!(out, "- **Redacted**:{}", &super::REDACTED["Redacted:".len()..]);
    } else {
        out.push_str("- **Redacted**: no. This summary shows account and document numbers in full.\n");
    }
    if !s.format_problems.is_empty() {
        out.push_str(
            "\n> **Not as the form takes them.** Shown as recorded; check them with the source, or record what is \
             missing, before filing:\n>\n",
        );
        for p in &s.format_problems {
            let value =
                if p.value.is_empty() { "*(blank)*".to_string() } else { format!("`{}`", p.value.replace('`', "'")) };
            let _ = writeln!(out, "> - {}, {}: {value}: {}", p.section, inline(&p.field), p.problem);
        }
    }
    if !s.description_left_out.is_empty() {
        let _ = writeln!(
            out,
            "\n> **Description drafted down.** To fit the form's 3,500 characters it leaves out {}; all of it is \
             elsewhere in this summary (the subjects' section, the annexes). Read it before pasting: it is not the whole account.",
            s.description_left_out.join("; ")
        );
    }
    if !s.unanswered.is_empty() {
        out.push_str("\n> **Unanswered questions.** Answer them with `vetdesk case answer ID FIELD VALUE` (or `a` on the report tab):\n>\n");
        for u in &s.unanswered {
            let _ = writeln!(out, "> - {}, `{}`: {}", u.section, u.field, u.question);
        }
    }
    if !s.over_limit.is_empty() {
        out.push_str("\n> **Over the IC3 limit.** The form will not take these as they are; shorten them before pasting (nothing here was cut):\n>\n");
        for p in &s.over_limit {
            let _ = writeln!(
                out,
                "> - {}, {}: {} {}, limit {}",
                p.section,
                inline(&p.field),
                grouped(p.length),
                p.unit.as_str(),
                grouped(p.limit)
            );
        }
    }
    out.push_str(
        "\nSections 1 to 7 follow the IC3 complaint form (https://www.ic3.gov) in its order: paste each value into the \
         form field of the same name. The number in parentheses is the most characters the form takes. The annexes \
         back the complaint and are not pasted: IC3 takes no files, so keep the originals.\n",
    );
}

fn section(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n## {title}\n");
}

fn over(f: &Field) -> String {
    match f.limit {
        Some(limit) if f.over_limit => {
            format!(" **⚠ Over the IC3 limit: {} of {} characters**", grouped(f.length), grouped(limit))
        }
        _ => String::new(),
    }
}

fn fields(out: &mut String, list: &[Labeled<'_>]) {
    for (label, f) in list {
        if f.value.contains('\n') {
            out.push('\n');
            block(out, label, f);
            out.push('\n');
            continue;
        }
        let limit = f.limit.map_or(String::new(), |l| format!(" ({})", grouped(l)));
        let value = match &f.not_applicable {
            Some(reason) => format!("*(not applicable: {})*", inline(reason)),
            None if f.value.is_empty() => "*(blank)*".to_string(),
            None => inline(&f.value),
        };
        let _ = writeln!(out, "- **{label}**{limit}: {value}{}", over(f));
    }
}

/// A long field: its label, limit and length, then the value in a fence, ready to copy.
fn block(out: &mut String, label: &str, f: &Field) {
    let limit = f.limit.map_or(String::new(), |l| format!(" ({}; {} used)", grouped(l), grouped(f.length)));
    let _ = writeln!(out, "**{label}**{limit}{}\n", over(f));
    if f.value.is_empty() {
        out.push_str("*(blank)*\n");
        return;
    }
    let fence = fence_for(&f.value);
    let _ = writeln!(out, "{fence}text\n{}\n{fence}", f.value);
}

/// A fence longer than any run of backticks in the value.
fn fence_for(value: &str) -> String {
    let longest = value.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

fn transactions(out: &mut String, t: &Transactions) {
    section(out, SECTION_TRANSACTIONS);
    fields(
        out,
        &[
            ("Did you send or lose money in the incident?".to_string(), &t.money_lost),
            ("What was your total loss amount? (USD)".to_string(), &t.total_loss_usd),
        ],
    );
    let _ = writeln!(out, "\n{}", inline(&t.total_note));
    if t.items.is_empty() {
        return;
    }
    let totals: Vec<String> =
        t.totals.iter().map(|m| format!("{} {}", m.currency, amount_grouped(m.amount_cents, &m.currency))).collect();
    let _ = writeln!(out, "\n- **Sum per currency** ({}): {}", t.totals_qualifier(), totals.join("; "));
    for (i, item) in t.items.iter().enumerate() {
        let _ = writeln!(out, "\n### Transaction {} (payment #{}, {})\n", i + 1, item.payment_id, item.currency);
        if item.needs_conversion {
            let _ = writeln!(
                out,
                "> **Convert before filing**: the amount is in {}; the form takes US dollars. Use a rate you choose.\n",
                inline(&item.currency)
            );
        }
        fields(out, &item.fields());
        for extra in &item.not_on_form {
            let _ = writeln!(
                out,
                "- *Recorded, but the form has no such field for this type*: {}: {}",
                extra.label,
                inline(&extra.value)
            );
        }
        let _ = writeln!(out, "- *Method as recorded*: {}", inline(&item.method));
    }
}

fn subjects(out: &mut String, subjects: &[SubjectBlock], left_out: &[LeftOut]) {
    section(out, SECTION_SUBJECTS);
    if subjects.is_empty() {
        out.push_str("No subjects are recorded in this case.\n");
    }
    for (i, b) in subjects.iter().enumerate() {
        let _ = writeln!(out, "### {}\n", b.title(i));
        if !b.aliases.is_empty() {
            let _ = writeln!(out, "*Also known as*: {}\n", inline(&b.aliases.join(", ")));
        }
        fields(out, &b.fields());
        if let Some(recorded) = &b.address_as_recorded {
            let _ = writeln!(out, "- *Address as recorded*: {}", inline(&recorded.replace('\n', ", ")));
        }
        if i + 1 < subjects.len() {
            out.push('\n');
        }
    }
    if !left_out.is_empty() {
        let names: Vec<String> = left_out.iter().map(LeftOut::said).collect();
        let _ = writeln!(
            out,
            "\n*Left out*: {}. References are not under suspicion; include them with `vetdesk case answer ID include-references yes`.",
            inline(&names.join("; "))
        );
    }
}

/// Escapes what Markdown would otherwise read as markup, so a value shows as typed. An underscore
/// inside a word (an email address) cannot start emphasis and is left alone.
fn inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' => true,
            '_' => {
                let word = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(|c| c.is_alphanumeric());
                !(word(i.checked_sub(1)) && word(Some(i + 1)))
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_but_emails_stay_readable() {
        assert_eq!(inline("jin_park@example.com"), "jin_park@example.com");
        assert_eq!(inline("*bold* _x_ a|b <c>"), "\\*bold\\* \\_x\\_ a\\|b \\<c\\>");
        assert_eq!(fence_for("plain"), "```");
        assert_eq!(fence_for("has ```` inside"), "`````");
    }
}
