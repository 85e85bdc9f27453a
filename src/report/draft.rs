//! The description of the incident, drafted to fit the form's 3,500 characters (the other field vetdesk
//! writes rather than copies, the technical details, is in `technical.rs`).
//!
//! The description is a dated chronology in neutral words: what the complainant observed, recorded
//! and reports, and whom it suspects of what; never a role stated as fact, never an internal case
//! number, never the checklist score. It is never cut mid-text. When the full draft is too long, it
//! gives up detail in this order until it fits: the boilerplate sentences (one at a time), the payments
//! one by one (one line sums them up), the investigator's notes on the items (from the last item in
//! priority order back), then items themselves ("and N more … (see Annex A)"), then the line naming the
//! other people involved. Only if it still does not fit is it returned whole, to be reported.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::assemble::is_usd;
use super::ic3::{self, amount_grouped, ic3_length};
use super::load::{CaseData, Text};
pub(super) use super::neutral::neutral;
use crate::catalog::ItemKind;
use crate::domain::{AnswerField, Disposition, HireStage, MarkState, Role, YesNo};
use crate::workspace::ChecklistEntry;

mod people;
mod words;

pub(super) use people::{Suspicion, suspicion, worker};
use people::{people, worker_stage};
use words::{method, stage_words, value_words, values_words};

/// Sentences that help a reader but carry no fact of the case, in the order they are given up last
/// to first: the last one listed goes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Boilerplate {
    DatesAsRecorded,
    Checklist,
    OriginalsKept,
    SeeTransactions,
}

const BOILERPLATE: [Boilerplate; 4] =
    [Boilerplate::DatesAsRecorded, Boilerplate::Checklist, Boilerplate::OriginalsKept, Boilerplate::SeeTransactions];

/// How much detail one draft of the description carries.
#[derive(Debug, Clone, Copy)]
struct Detail {
    /// How many of [`BOILERPLATE`] (from the first) are kept.
    boilerplate: usize,
    /// Whether each payment has its own line in the chronology.
    payments: bool,
    /// How many of the flagged items (in priority order) carry their note.
    notes: usize,
    /// How many flagged items (in priority order) are listed.
    listed: usize,
    /// Whether the other subjects are named.
    others: bool,
}

impl Detail {
    fn keeps(&self, b: Boilerplate) -> bool {
        BOILERPLATE.iter().position(|x| *x == b).is_some_and(|i| i < self.boilerplate)
    }
}

/// The description, and what of the record it leaves out to fit the form (said at the summary's top).
pub(super) fn description_and_left_out(d: &CaseData) -> (String, Vec<String>) {
    let (text, detail) = description_within(d, ic3::DESCRIPTION);
    let items = flagged(d);
    let mut left_out = Vec::new();
    if !detail.payments && d.payments.len() > 1 {
        left_out.push(format!("the line of each of the {} payments (one line sums them up)", d.payments.len()));
    }
    let listed = detail.listed.min(items.len());
    let noted = items[detail.notes.min(listed)..listed].iter().filter(|e| !e.note.trim().is_empty()).count();
    if noted > 0 {
        left_out.push(format!("the investigator's note{} on {noted} flagged item{}", plural(noted), plural(noted)));
    }
    if listed < items.len() {
        let more = items.len() - listed;
        left_out.push(format!("{more} flagged item{} by name (counted as \"and {more} more\")", plural(more)));
    }
    if !detail.others && d.subjects.len() > 1 {
        left_out.push("the line naming the other people involved".to_string());
    }
    (text, left_out)
}

fn description_within(d: &CaseData, limit: usize) -> (String, Detail) {
    let items = flagged(d);
    let n = items.len();
    let full = Detail { boilerplate: BOILERPLATE.len(), payments: true, notes: n, listed: n, others: true };
    let bare = Detail { boilerplate: 0, ..full };
    let tries = (0..=BOILERPLATE.len())
        .rev()
        .map(|boilerplate| Detail { boilerplate, ..full })
        .chain(std::iter::once(Detail { payments: false, ..bare }))
        .chain((0..n).rev().map(|notes| Detail { payments: false, notes, ..bare }))
        .chain((0..n).rev().map(|listed| Detail { payments: false, notes: 0, listed, ..bare }))
        .chain(std::iter::once(Detail { payments: false, notes: 0, listed: 0, others: false, ..bare }));
    let mut last = (String::new(), full);
    for detail in tries {
        last = (compose(d, &items, detail), detail);
        if ic3_length(&last.0) <= limit {
            return last;
        }
    }
    last
}

/// Flagged items the narrative names, in priority order: red flags, then due-diligence concerns, each
/// heaviest first, then catalog order. An item the risk method gives no weight (a claimed nationality) is
/// context, never a red flag the complaint rests on: it stays in Annex A, out of the narrative, where a
/// person's nationality beside the item's wording would read as a ground for suspicion.
fn flagged(d: &CaseData) -> Vec<&ChecklistEntry> {
    let mut items: Vec<&ChecklistEntry> =
        d.checklist.iter().filter(|e| e.state == MarkState::Flagged && !is_context(e)).collect();
    items.sort_by_key(|e| (e.item.kind != ItemKind::RedFlag, std::cmp::Reverse(e.item.weight)));
    items
}

/// One dated line of the chronology; lines of one date keep the order of `kind`, then `rank`.
struct Event {
    date: String,
    kind: u8,
    rank: usize,
    text: String,
}

fn compose(d: &CaseData, items: &[&ChecklistEntry], detail: Detail) -> String {
    let org = org(d);
    let mut out = String::new();
    out.push_str(&opening(d, &org));
    if d.answers.yes_no(AnswerField::Update) == Some(YesNo::Yes) {
        match one_line(d.answers.text(AnswerField::PreviousComplaint)).as_str() {
            "" => out.push_str(" This complaint updates an earlier complaint."),
            number => {
                let _ = write!(out, " This complaint updates earlier complaint {number}.");
            }
        }
    }
    if detail.keeps(Boilerplate::Checklist) && d.checklist.iter().any(|e| e.state != MarkState::Open) {
        // A case handed over was worked on where it came from: who recorded each observation is not the
        // receiver's to claim.
        let who = if d.origin.is_some() { "The case file records" } else { &format!("{org} recorded its") };
        let _ = write!(
            out,
            " {who} observations against a checklist of red flags and due-diligence measures drawn from FBI and FBI/ROK advisories and other public guidance on DPRK IT workers."
        );
    }
    out.push_str("\n\n");
    people(&mut out, d, detail.others);

    out.push('\n');
    if detail.keeps(Boilerplate::DatesAsRecorded) {
        out.push_str(
            "Chronology (dates as recorded in the complainant's case file; those it stamped when a step was recorded are \
             UTC dates):\n",
        );
    } else {
        out.push_str("Chronology:\n");
    }
    let mut events = chronology(d, items, detail);
    events.sort_by(|a, b| (a.date.as_str(), a.kind, a.rank).cmp(&(b.date.as_str(), b.kind, b.rank)));
    for e in &events {
        let _ = writeln!(out, "- {}: {}", e.date, e.text);
    }
    let unlisted: Vec<&&ChecklistEntry> = items.iter().skip(detail.listed).collect();
    if !unlisted.is_empty() {
        let red = unlisted.iter().filter(|e| e.item.kind == ItemKind::RedFlag).count();
        let concerns = unlisted.len() - red;
        let mut parts = Vec::new();
        if red > 0 {
            parts.push(format!("{red} more red flag{} observed", plural(red)));
        }
        if concerns > 0 {
            parts.push(format!("{concerns} more due-diligence concern{}", plural(concerns)));
        }
        let _ = writeln!(out, "- and {} (see Annex A)", parts.join(" and "));
    }
    // An open case's opening sentence says it already (and says when context alone was marked); a closed
    // one's speaks of the closing only.
    if items.is_empty()
        && d.case.disposition.is_some()
        && !d.checklist.iter().any(|e| e.state == MarkState::Flagged && is_context(e))
    {
        out.push_str("No red flag has been marked as observed.\n");
    }

    let mut closing: Vec<String> = Vec::new();
    closing.extend(impact(d));
    closing.extend(money(d, detail));
    closing.extend(shared(d));
    closing.push(evidence(d, &org, detail));
    let reports = one_line(&d.as_written(&d.case.other_reports, Text::Case));
    if !reports.is_empty() {
        closing.push(format!("Reports to other agencies: {}", sentence(&reports)));
    }
    out.push('\n');
    out.push_str(&closing.join(" "));
    neutral(&out, d.case_numbers())
}

/// The first sentence: what the complainant reports, as far as the record goes. A case closed as cleared
/// or inconclusive says so; a case with no red flag observed reports no suspicion.
fn opening(d: &CaseData, org: &str) -> String {
    const WHAT: &str = "a North Korean (DPRK) IT worker using a false or borrowed identity";
    // A candidate recorded as an applicant was never hired: not called a worker.
    let who = match worker_stage(d) {
        Some(HireStage::Applicant) => "an applicant for a remote IT position",
        _ => "a remote IT worker",
    };
    // What the record says of suspicion, as the subjects' roles are worded (`people::suspicion`).
    match (d.case.disposition, suspicion(d)) {
        (Some(Disposition::Cleared), _) => {
            format!("{org} reviewed {who} as possibly {WHAT}, and closed the matter as cleared.")
        }
        (Some(Disposition::Inconclusive), _) => {
            format!("{org} reviewed {who} as possibly {WHAT}, and closed the matter as inconclusive.")
        }
        (Some(Disposition::Confirmed), _) => {
            format!("{org} reports {who} it concluded is {WHAT}.")
        }
        (None, Suspicion::Suspected) => {
            format!("{org} reports {who} it suspects of being {WHAT}.")
        }
        // Weak facts alone (at most two) are no ground for suspicion: the catalog calls each weak on its own.
        (None, Suspicion::WeakOnly) => format!(
            "{org} is reviewing {who} for indicators of {WHAT}; what has been marked as observed so far is \
             weak on its own (no more than two indicators the checklist rates weak, none it rates moderate or \
             strong)."
        ),
        // No example: one that was not marked would read as marked.
        // Context given no weight: "no red flag observed" would not be true of it.
        (None, Suspicion::ContextOnly) => format!(
            "{org} is reviewing {who} for indicators of {WHAT}; what has been marked as observed is context \
             only (items the checklist gives no weight), which is no ground for suspicion on its own, and is \
             listed only in the checklist annex."
        ),
        (None, Suspicion::NoneObserved | Suspicion::Cleared) => {
            format!("{org} is reviewing {who} for indicators of {WHAT}; no red flag has been marked as observed.")
        }
    }
}

/// An item marked as observed that the risk method gives no weight: context, never a red flag.
fn is_context(e: &ChecklistEntry) -> bool {
    e.item.kind == ItemKind::RedFlag && e.item.weight == 0
}

fn org(d: &CaseData) -> String {
    let name = one_line(&d.org.name);
    if name.is_empty() { "The reporting organization".to_string() } else { name }
}

fn chronology(d: &CaseData, items: &[&ChecklistEntry], detail: Detail) -> Vec<Event> {
    // A case handed over in a bundle was opened where it came from, and received here later.
    let opened = match (&d.origin, d.opened_here) {
        (None, _) => format!("{} opened a case file on the matter.", org(d)),
        // Handed over and back: opened here.
        (Some(_), true) => {
            format!("{} opened a case file on the matter, later handed over to another workspace.", org(d))
        }
        (Some(_), false) => {
            "A case file on the matter was opened in another workspace and later handed over to the complainant."
                .to_string()
        }
    };
    let mut events = vec![Event { date: date(&d.case.created_at).to_string(), kind: 0, rank: 0, text: opened }];
    if let Some((origin, _)) = &d.origin {
        let back = if d.opened_here { " back" } else { "" };
        let text = format!("{} received the case file{back} in a hand-over.", org(d));
        events.push(Event { date: date(&origin.imported_at).to_string(), kind: 0, rank: 1, text });
    }
    for (rank, s) in d.subjects.iter().enumerate().filter(|(_, s)| s.role != Role::Reference) {
        if let Some(on) = &s.hired_on {
            let name = one_line(&s.name);
            let text = match s.hire_stage {
                // The record contradicts itself: a date of hire for someone recorded as not hired. Say
                // what it holds, not that the hire happened.
                Some(HireStage::Applicant) => {
                    format!("hire or engagement date recorded for {name}, whose hire stage is recorded as applicant.")
                }
                Some(h) => format!("{name} was hired or engaged (recorded hire stage: {}).", stage_words(h)),
                None => format!("{name} was hired or engaged."),
            };
            events.push(Event { date: on.clone(), kind: 1, rank, text });
        }
    }
    if detail.payments {
        for (rank, p) in d.payments.iter().enumerate() {
            let mut text = format!(
                "payment of {} {} by {}",
                p.currency,
                amount_grouped(p.amount_cents, &p.currency),
                method(&p.method)
            );
            let to =
                if p.recipient.trim().is_empty() { d.subject_name(p.subject_id) } else { Some(p.recipient.clone()) };
            if let Some(to) = to.filter(|t| !t.trim().is_empty()) {
                let _ = write!(text, " to {}", one_line(&to));
            }
            if p.not_sent() {
                text.push_str(" (recorded as money not sent)");
            } else if !is_usd(&p.currency) {
                text.push_str(" (not converted to US dollars)");
            }
            if !p.note.trim().is_empty() {
                let _ = write!(text, ": {}", one_line(&d.as_written(&p.note, Text::Payment(p.id))));
            }
            events.push(Event { date: p.paid_on.clone(), kind: 2, rank, text: sentence(&text) });
        }
    } else if let (Some(first), Some(last)) = (d.payments.first(), d.payments.last()) {
        let n = d.payments.len();
        events.push(Event {
            date: first.paid_on.clone(),
            kind: 2,
            rank: 0,
            text: format!(
                "{n} payment{} from {} to {}, listed in the financial transactions section.",
                plural(n),
                first.paid_on,
                last.paid_on
            ),
        });
    }
    for (rank, e) in items.iter().enumerate().take(detail.listed) {
        let what = match e.item.kind {
            ItemKind::RedFlag => "red flag marked as observed",
            ItemKind::DueDiligence => "due-diligence check marked as raising a concern",
        };
        let mut text = format!("{what}: {} [{}]", e.item.title, e.item.code);
        if rank < detail.notes && !e.note.trim().is_empty() {
            let _ = write!(text, ". Note: {}", one_line(&d.mark_note(&e.item.code).unwrap_or_default()));
        }
        let on = e.marked_at.as_deref().map_or_else(|| date(&d.case.created_at), date);
        events.push(Event { date: on.to_string(), kind: 3, rank, text: sentence(&text) });
    }
    if let Some(a) = d.answers.get(AnswerField::Containment) {
        events.push(Event {
            date: date(&a.answered_at).to_string(),
            kind: 4,
            rank: 0,
            text: format!(
                "the complainant recorded the containment steps taken: {}",
                sentence(&one_line(&d.as_written(&a.value, Text::Answer(AnswerField::Containment))))
            ),
        });
    }
    events.extend(status_lines(&d.status_changes));
    events
}

/// What the chronology tells of the case's status changes, in the order they were recorded, so that on
/// one day the last line is the last change: a matter marked as reported (and, when its status was then
/// changed to anything but closed, when and to what; closing is a step on), and a case closed and opened
/// again, with when it was closed and the status it was given. A closed case closed again (its
/// disposition changed) was not reopened, and is not said to be. A case closed more than once, or whose
/// finding was changed, has every closing told with its finding, so that a finding given and then
/// reversed is not left to the opening sentence, which gives only the last.
fn status_lines(changes: &[crate::workspace::StatusChange]) -> Vec<Event> {
    let mut lines = Vec::new();
    // When the case was closed, while it stays closed: a reopening says since when.
    let mut closed_on: Option<&str> = None;
    let closings = changes.iter().filter(|c| c.to == "closed").count();
    let mut finding: Option<&str> = None;
    for (rank, change) in changes.iter().enumerate() {
        let (at, to) = (&change.at, &change.to);
        let reopened = match (closed_on, to.as_str()) {
            (_, "closed") => {
                let was = if closed_on.is_some() { finding } else { None };
                closed_on = closed_on.or(Some(at));
                let now = change.disposition.as_deref();
                finding = now;
                if closings > 1 {
                    let text = match (was, now) {
                        (Some(was), Some(now)) => {
                            format!("the complainant changed the case file's finding from {was} to {now}.")
                        }
                        (_, Some(now)) => format!("the complainant closed the case file as {now}."),
                        (_, None) => "the complainant closed the case file.".to_string(),
                    };
                    lines.push(Event { date: date(at).to_string(), kind: 5, rank, text });
                }
                continue;
            }
            (Some(since), _) => {
                closed_on = None;
                Some(format!("the complainant reopened the case file, closed on {}", date(since)))
            }
            (None, _) => None,
        };
        let text = match (to.as_str(), reopened) {
            ("reported", reopened) => {
                let mut text = match reopened {
                    Some(reopened) => format!("{reopened}, and marked the matter as reported"),
                    None => "the complainant marked the matter as reported".to_string(),
                };
                if let Some(next) = changes.get(rank + 1).filter(|next| next.to != "closed") {
                    let _ = write!(text, ", then on {} set its status to {}", date(&next.at), next.to);
                }
                text + "."
            }
            (_, Some(reopened)) => format!("{reopened}, setting its status to {to}."),
            // A change after the matter was reported is told with the report; others are not told.
            (_, None) => continue,
        };
        lines.push(Event { date: date(at).to_string(), kind: 5, rank, text });
    }
    lines
}

/// The operations impact, as the investigator answered and described it.
fn impact(d: &CaseData) -> Option<String> {
    let said = match d.answers.yes_no(AnswerField::OperationsImpacted) {
        Some(YesNo::Yes) => "The complainant reports that the incident is currently impacting business operations.",
        Some(YesNo::No) => "The complainant reports that the incident is not currently impacting business operations.",
        _ => "",
    };
    let harm = one_line(&d.as_written(d.answers.text(AnswerField::Harm), Text::Answer(AnswerField::Harm)));
    let described = if harm.is_empty() {
        String::new()
    } else {
        format!("Impact described by the complainant: {}", sentence(&harm))
    };
    let both = [said.to_string(), described].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
    (!both.is_empty()).then_some(both)
}

/// The payments summed per currency: US dollars alone, other currencies named and never converted.
fn money(d: &CaseData, detail: Detail) -> Option<String> {
    if d.payments.is_empty() {
        return None;
    }
    let usd = super::assemble::sum(d.payments.iter().filter(|p| is_usd(&p.currency)).map(|p| p.amount_cents));
    let usd_count = d.payments.iter().filter(|p| is_usd(&p.currency)).count();
    let mut others: Vec<(String, i64)> = Vec::new();
    for p in d.payments.iter().filter(|p| !is_usd(&p.currency)) {
        match others.iter_mut().find(|(c, _)| *c == p.currency) {
            Some((_, sum)) => *sum = sum.saturating_add(p.amount_cents),
            None => others.push((p.currency.clone(), p.amount_cents)),
        }
    }
    others.sort();
    let mut text = if usd_count > 0 {
        format!("Payments recorded: USD {} in total, counting US-dollar amounts only", amount_grouped(usd, "USD"))
    } else {
        "Payments recorded: none in US dollars".to_string()
    };
    let unsent =
        super::assemble::sum(d.payments.iter().filter(|p| is_usd(&p.currency) && p.not_sent()).map(|p| p.amount_cents));
    if usd_count > 0 && unsent > 0 {
        let _ = write!(text, " (USD {} of it recorded as money not sent)", amount_grouped(unsent, "USD"));
    }
    if !others.is_empty() {
        let listed: Vec<String> =
            others.iter().map(|(c, cents)| format!("{c} {}", amount_grouped(*cents, c))).collect();
        let _ = write!(text, "; also {}, not converted to US dollars", listed.join(" and "));
    }
    text.push('.');
    if detail.keeps(Boilerplate::SeeTransactions) {
        text.push_str(" Each payment is detailed in the financial transactions section.");
    }
    Some(text)
}

/// What this case shares with other case files, by kind of value only.
fn shared(d: &CaseData) -> Option<String> {
    if d.shared.is_empty() {
        return None;
    }
    let parts: Vec<String> = d
        .shared
        .iter()
        .map(|(group, cases, values)| {
            let files = if *cases == 1 {
                "another case file held by the complainant".to_string()
            } else {
                format!("{cases} other case files held by the complainant")
            };
            match group.as_str() {
                "resume" => format!("a near-duplicate of the resume appears in {files}"),
                // Two accounts each in one other file are not one account in two.
                other if *values > 1 => {
                    format!("{values} {} recorded in this case file appear in {files}", values_words(other))
                }
                other => format!("the same {} appears in {files}", value_words(other)),
            }
        })
        .collect();
    let mut text = parts.join("; ");
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    Some(format!("{text}."))
}

/// The evidence, counted by distinct SHA-256 (one file attached twice is one file), and whether the last
/// verification found it as attached.
fn evidence(d: &CaseData, org: &str, detail: Detail) -> String {
    let files: BTreeSet<&str> = d.evidence.iter().map(|e| e.sha256.as_str()).collect();
    let n = files.len();
    if n == 0 {
        return match d.voided_evidence {
            0 => format!("No evidence files are attached yet; {} keeps the case records.", mid_sentence(org)),
            1 => format!(
                "No evidence file is in force: the one attached was voided; {} keeps the case records.",
                mid_sentence(org)
            ),
            k => format!(
                "No evidence file is in force: the {k} attached were voided; {} keeps the case records.",
                mid_sentence(org)
            ),
        };
    }
    // A content is lost when no file of it was found as attached: the same content attached twice, one
    // copy gone and one intact, is still held.
    let gone = |e: &&crate::domain::Evidence| matches!(e.last_check.as_deref(), Some("missing" | "changed"));
    let held: BTreeSet<&str> = d.evidence.iter().filter(|e| !gone(e)).map(|e| e.sha256.as_str()).collect();
    let lost: BTreeSet<&str> = files.iter().copied().filter(|hash| !held.contains(hash)).collect();
    // A file the last verification could not find, or found changed, is not said to be held; nor, in a
    // case handed over, to have been recorded by the receiver.
    let who = match (lost.is_empty(), d.origin.is_some()) {
        (true, _) => format!("{org} holds"),
        (false, false) => format!("{org} recorded"),
        (false, true) => "The case file records".to_string(),
    };
    let mut text = format!(
        "{who} {n} evidence file{} (counted once per distinct SHA-256 hash), whose {} recorded in a manifest",
        plural(n),
        if n == 1 { "hash is" } else { "hashes are" }
    );
    if lost.is_empty() {
        if detail.keeps(Boilerplate::OriginalsKept) {
            text.push_str(if n == 1 {
                "; the original is kept and available on request"
            } else {
                "; the originals are kept and available on request"
            });
        }
        text.push('.');
    } else if n == 1 {
        text.push_str(". At the last verification it differed from the recorded hash or could not be found.");
    } else {
        let _ = write!(
            text,
            ". At the last verification {} of them differed from the recorded hash or could not be found.",
            lost.len()
        );
    }
    text
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `text` ending in a full stop (unless it already ends a sentence).
fn sentence(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(['.', '!', '?']) { t.to_string() } else { format!("{t}.") }
}

/// Free text on one line: runs of whitespace, line breaks included, become one space.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn date(rfc3339: &str) -> &str {
    rfc3339.get(..10).unwrap_or(rfc3339)
}

/// `org` inside a sentence: the stand-in for an unnamed organization starts lowercase there.
fn mid_sentence(org: &str) -> String {
    match org.strip_prefix("The reporting organization") {
        Some(rest) => format!("the reporting organization{rest}"),
        None => org.to_string(),
    }
}
