//! The two fields vetdesk writes rather than copies: the description of the incident, drafted to
//! fit the form's 3,500 characters, and the technical details.
//!
//! The description is never cut mid-text. When the full draft is too long, it gives up detail in
//! this order until it fits: the investigator's notes on the items (from the last listed item
//! back), then items themselves ("and N more red flags (see Annex A)"), then the line naming the
//! other people involved. Only if it still does not fit is it returned whole, to be reported.

use std::fmt::Write;

use super::assemble::first_of;
use super::ic3::{self, amount_grouped, ic3_length};
use super::load::CaseData;
use crate::catalog::{Category, ItemKind};
use crate::domain::{HireStage, IdentifierKind, MarkState, Role};
use crate::workspace::ChecklistEntry;

/// How much detail one draft of the description carries.
#[derive(Debug, Clone, Copy)]
struct Detail {
    /// How many of the listed items (from the first) carry their note.
    notes: usize,
    /// How many flagged items are listed, red flags first.
    listed: usize,
    /// Whether the other subjects are named.
    others: bool,
}

pub(super) fn description(d: &CaseData) -> String {
    description_within(d, ic3::DESCRIPTION)
}

fn description_within(d: &CaseData, limit: usize) -> String {
    let items = flagged(d);
    let n = items.len();
    let fits = |t: &String| ic3_length(t) <= limit;
    let full = Detail { notes: n, listed: n, others: true };
    let tries = (0..=n)
        .rev()
        .map(|notes| Detail { notes, ..full })
        .chain((0..n).rev().map(|listed| Detail { notes: 0, listed, others: true }))
        .chain(std::iter::once(Detail { notes: 0, listed: 0, others: false }));
    let mut last = String::new();
    for detail in tries {
        last = compose(d, &items, detail);
        if fits(&last) {
            return last;
        }
    }
    last
}

/// Flagged items: red flags, then due-diligence concerns, each heaviest first, then catalog order.
fn flagged(d: &CaseData) -> Vec<&ChecklistEntry> {
    let mut items: Vec<&ChecklistEntry> = d.checklist.iter().filter(|e| e.state == MarkState::Flagged).collect();
    items.sort_by_key(|e| (e.item.kind != ItemKind::RedFlag, std::cmp::Reverse(e.item.weight)));
    items
}

fn compose(d: &CaseData, items: &[&ChecklistEntry], detail: Detail) -> String {
    let org = if d.org.name.trim().is_empty() { "The reporting organization" } else { d.org.name.trim() };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{org} reports a remote IT worker it suspects to be a North Korean (DPRK) IT worker using a false or borrowed identity."
    );
    out.push('\n');
    candidate(&mut out, d);
    if detail.others {
        let others: Vec<String> = d
            .subjects
            .iter()
            .filter(|s| s.role != Role::Candidate)
            .map(|s| format!("{} ({})", one_line(&s.name), s.role))
            .collect();
        if !others.is_empty() {
            let _ = writeln!(out, "Also involved: {}.", others.join("; "));
        }
    }
    let _ = writeln!(
        out,
        "{org} opened internal case #{} on {} and reviewed it against a checklist of red flags and due-diligence measures drawn from FBI and FBI/ROK advisories and other public guidance on DPRK IT workers.",
        d.case.id,
        date(&d.case.created_at)
    );

    let (red, concerns): (Vec<_>, Vec<_>) =
        items.iter().enumerate().partition(|(_, e)| e.item.kind == ItemKind::RedFlag);
    out.push('\n');
    if red.is_empty() {
        out.push_str("No red flag has been marked as observed.\n");
    } else {
        let _ = writeln!(out, "Red flags observed ({}):", red.len());
        list(&mut out, &red, detail, "red flag", "red flags");
    }
    if !concerns.is_empty() {
        out.push('\n');
        let _ = writeln!(out, "Due-diligence checks that raised concerns ({}):", concerns.len());
        list(&mut out, &concerns, detail, "due-diligence concern", "due-diligence concerns");
    }

    out.push('\n');
    if !d.payments.is_empty() {
        let mut totals: Vec<(String, i64)> = Vec::new();
        for p in &d.payments {
            match totals.iter_mut().find(|(c, _)| *c == p.currency) {
                Some((_, sum)) => *sum += p.amount_cents,
                None => totals.push((p.currency.clone(), p.amount_cents)),
            }
        }
        totals.sort();
        let sums: Vec<String> = totals.iter().map(|(c, cents)| format!("{c} {}", amount_grouped(*cents))).collect();
        let n = d.payments.len();
        let _ = writeln!(
            out,
            "Payments recorded: {} in {n} transaction{} (see the financial transactions section).",
            sums.join(" and "),
            if n == 1 { "" } else { "s" }
        );
    }
    let a = &d.assessment;
    let _ = writeln!(
        out,
        "Internal risk assessment: checklist score {} ({} band); {} of {} checklist items reviewed ({}%).",
        a.score,
        a.band,
        a.reviewed,
        a.total,
        a.coverage_percent()
    );
    let status = match d.case.disposition {
        Some(disposition) => format!("{} ({disposition})", d.case.status),
        None => d.case.status.to_string(),
    };
    let _ = writeln!(out, "Case status: {status}; priority {}.", d.case.priority);
    out.push('\n');
    let files = d.evidence.len();
    if files == 0 {
        let _ = write!(
            out,
            "What was done: the checklist review above; no evidence files are attached yet. {org} keeps the case records."
        );
    } else {
        let _ = write!(
            out,
            "What was done: {files} evidence file{} collected; their SHA-256 hashes are recorded in a manifest kept by {org}",
            if files == 1 { " was" } else { "s were" }
        );
        // The originals are said to be retained only while the last verification found them as attached.
        let lost: Vec<String> = d
            .evidence
            .iter()
            .filter(|e| matches!(e.last_check.as_deref(), Some("missing" | "changed")))
            .map(|e| format!("#{} {}", e.id, e.last_check.as_deref().unwrap_or_default()))
            .collect();
        if lost.is_empty() {
            out.push_str(", and the originals are retained and available on request.");
        } else if lost.len() == files {
            let _ = write!(
                out,
                ". At the last verification every file differed from its recorded hash or was missing ({}).",
                lost.join(", ")
            );
        } else {
            let _ = write!(
                out,
                ". At the last verification {} differed from its recorded hash or was missing ({}); the other originals are retained and available on request.",
                if lost.len() == 1 { "one file" } else { "some files" },
                lost.join(", ")
            );
        }
    }
    out
}

fn candidate(out: &mut String, d: &CaseData) {
    let Some(c) = d.subjects.iter().find(|s| s.role == Role::Candidate) else {
        out.push_str("No candidate is recorded in the case.\n");
        return;
    };
    let _ = write!(out, "The candidate is {}", one_line(&c.name));
    if !c.aliases.is_empty() {
        let _ = write!(out, ", also known as {}", c.aliases.iter().map(|a| one_line(a)).collect::<Vec<_>>().join(", "));
    }
    out.push('.');
    if !c.position.is_empty() {
        let _ = write!(out, " Position: {}.", one_line(&c.position));
    }
    if !c.vendor.is_empty() {
        let _ = write!(out, " Supplied by the vendor/staffing firm {}.", one_line(&c.vendor));
    }
    match (c.hire_stage, &c.hired_on) {
        (Some(stage), Some(on)) => {
            let _ = write!(out, " Hire stage: {}, hired on {on}.", stage_words(stage));
        }
        (Some(stage), None) => {
            let _ = write!(out, " Hire stage: {}.", stage_words(stage));
        }
        (None, Some(on)) => {
            let _ = write!(out, " Hired on {on}.");
        }
        (None, None) => {}
    }
    if !c.location.is_empty() {
        let _ = write!(out, " Claimed location: {}.", one_line(&c.location));
    }
    out.push('\n');
}

fn stage_words(stage: HireStage) -> &'static str {
    match stage {
        HireStage::Applicant => "applicant",
        HireStage::Onboarding => "onboarding",
        HireStage::Employed => "employed",
        HireStage::Contractor => "contractor",
        HireStage::Terminated => "employment terminated",
    }
}

/// Writes the listed part of one group of flagged items; `group` pairs each item with its place in
/// the overall order, which decides whether it is listed and whether it keeps its note.
fn list(out: &mut String, group: &[(usize, &&ChecklistEntry)], detail: Detail, one: &str, many: &str) {
    let mut shown = 0;
    for (at, e) in group {
        if *at >= detail.listed {
            continue;
        }
        shown += 1;
        let _ = write!(out, "- {} [{}]", e.item.title, e.item.code);
        if *at < detail.notes && !e.note.trim().is_empty() {
            let _ = write!(out, ": {}", one_line(&e.note));
        }
        out.push('\n');
    }
    let more = group.len() - shown;
    if more > 0 {
        let _ = writeln!(out, "- and {more} more {} (see Annex A)", if more == 1 { one } else { many });
    }
}

/// Free text on one line: runs of whitespace, line breaks included, become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn date(rfc3339: &str) -> &str {
    rfc3339.get(..10).unwrap_or(rfc3339)
}

/// The technical details: every IP (which subject, and whether it is the one in the subject block),
/// device serials, profiles and repositories, wallets, contact details no subject block holds, and
/// the notes of flagged technical and location items. Nothing here is shortened.
pub(super) fn technical_details(d: &CaseData) -> String {
    use IdentifierKind as K;
    let who = |id: Option<i64>| match id.and_then(|id| d.subjects.iter().find(|s| s.id == id)) {
        Some(s) => format!("{}, {}", one_line(&s.name), s.role),
        None => "no subject".to_string(),
    };
    let line = |i: &crate::domain::Identifier, value: &str, extra: &str| {
        let mut l = format!("- {value} ({}{extra})", who(i.subject_id));
        if !i.note.trim().is_empty() {
            let _ = write!(l, ": {}", one_line(&i.note));
        }
        if let Some(w) = &i.warning {
            let _ = write!(l, " [format warning: {w}]");
        }
        l
    };
    let in_block = |i: &crate::domain::Identifier, kinds: &[K]| {
        i.subject_id.is_some_and(|sid| first_of(d, sid, kinds).is_some_and(|f| f.id == i.id))
    };
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    let of = |kind: K| d.identifiers.iter().filter(move |i| i.kind == kind);

    let ips = of(K::Ip)
        .map(|i| {
            let extra = match (i.subject_id, in_block(i, &[K::Ip])) {
                (None, _) => "",
                (Some(_), true) => "; the IP in the subject block",
                (Some(_), false) => "; further IP",
            };
            line(i, &i.normalized, extra)
        })
        .collect();
    groups.push(("IP addresses", ips));
    groups.push(("Device serials", of(K::DeviceSerial).map(|i| line(i, &i.raw, "")).collect()));
    let web = d.identifiers.iter().filter(|i| matches!(i.kind, K::Url | K::Handle));
    groups.push(("Profiles, repositories and handles", web.map(|i| line(i, &i.raw, "")).collect()));
    groups.push(("Cryptocurrency wallets", of(K::CryptoWallet).map(|i| line(i, &i.raw, "")).collect()));
    let contacts = d
        .identifiers
        .iter()
        .filter(|i| matches!(i.kind, K::Email | K::Phone | K::Address) && !in_block(i, &[i.kind]))
        .map(|i| line(i, &i.raw, &format!("; {}", i.kind)));
    groups.push(("Contact details not in a subject block", contacts.collect()));
    let findings = d
        .checklist
        .iter()
        .filter(|e| {
            e.state == MarkState::Flagged && matches!(e.item.category, Category::Technical | Category::Location)
        })
        .map(|e| {
            let mut l = format!("- {} [{}]", e.item.title, e.item.code);
            if !e.note.trim().is_empty() {
                let _ = write!(l, ": {}", one_line(&e.note));
            }
            l
        });
    groups.push(("Flagged technical and location findings", findings.collect()));

    let mut out = String::new();
    for (title, lines) in groups.into_iter().filter(|(_, l)| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(out, "{title}:");
        for l in lines {
            let _ = writeln!(out, "{l}");
        }
    }
    out.truncate(out.trim_end().len());
    out
}
