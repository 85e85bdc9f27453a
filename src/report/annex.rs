//! The annexes: what backs the complaint without being pasted into it. Every checklist item, the
//! evidence manifest, the identifiers, the payments, the notes, and what pins the record down.

use serde::Serialize;

use super::TransactionType;
use super::ic3::{amount, plural};
use super::load::{CaseData, Text};
use super::model::SourceRef;
use crate::catalog::{Category, ItemKind, Phase};
use crate::domain::{IdentifierKind, MarkState, RiskBand, score};

#[derive(Debug, Clone, Serialize)]
pub struct Annexes {
    pub checklist: Vec<ChecklistGroup>,
    pub evidence: Vec<EvidenceRow>,
    pub identifiers: Vec<IdentifierRow>,
    /// Identifiers not voided that belong to subjects left out of the summary (references), not listed.
    pub identifiers_left_out: usize,
    pub payments: Vec<PaymentRow>,
    /// How many payments of the case were voided: not listed, but said when none is left.
    pub payments_voided: usize,
    pub notes: Vec<NoteRow>,
    pub record: RecordAnnex,
    /// Annex G: the documents the flagged items cite, as their records give them.
    pub sources: Vec<SourceRef>,
}

/// The items of one kind and category, in catalog order.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistGroup {
    pub kind: ItemKind,
    pub category: Category,
    pub category_label: &'static str,
    pub items: Vec<ChecklistRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistRow {
    pub code: String,
    pub title: String,
    pub phase: Phase,
    pub weight: u8,
    pub state: MarkState,
    pub note: String,
    pub marked_by: Option<String>,
    pub marked_at: Option<String>,
    pub evidence: Vec<i64>,
    pub sources: Vec<String>,
    /// How to record the item fairly, where the catalog says.
    pub caution: Option<String>,
    /// Whether the note came with the case when it was handed over (its case numbers are the sending
    /// workspace's).
    pub note_handed_over: bool,
    /// Whether the note quotes a match (an accepted suggestion's) that the record no longer shows: a value
    /// it rested on was voided or corrected since. The summary says so after the note.
    pub note_match_gone: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceRow {
    pub id: i64,
    pub path: String,
    pub size: u64,
    pub sha256: String,
    pub modified_at: Option<String>,
    pub description: String,
    pub attached_at: String,
    pub attached_by: String,
    pub last_check: Option<String>,
    pub last_checked_at: Option<String>,
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IdentifierRow {
    pub id: i64,
    pub kind: IdentifierKind,
    pub raw: String,
    pub normalized: String,
    pub subject_id: Option<i64>,
    pub subject: Option<String>,
    pub warning: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PaymentRow {
    pub id: i64,
    pub subject_id: Option<i64>,
    pub subject: Option<String>,
    pub paid_on: String,
    pub amount: String,
    pub amount_cents: i64,
    pub currency: String,
    pub method: String,
    pub transaction_type: TransactionType,
    pub recipient: String,
    pub bank: String,
    pub routing_number: String,
    pub account: String,
    pub name_on_account: String,
    pub swift: String,
    pub originating_bank: String,
    pub originating_account: String,
    pub wallet: String,
    pub tx_hash: String,
    /// Whether the bank was contacted: `yes`, `no`, `unknown`, or empty when not recorded.
    pub bank_contacted: String,
    pub bank_address: String,
    pub bank_city: String,
    pub bank_state: String,
    pub bank_zip: String,
    pub bank_country: String,
    /// The IC3 form's other per-transaction fields, as recorded.
    #[serde(flatten)]
    pub ic3: crate::domain::TransactionDetails,
    pub note: String,
}

/// What a note or an item's note that came with a handed-over case says beside it: the case numbers in it
/// are not this workspace's.
pub const HANDED_OVER: &str =
    "written in another workspace before this case was handed over, with that workspace's case numbers";

#[derive(Debug, Clone, Serialize)]
pub struct NoteRow {
    pub id: i64,
    /// When the note was first written, and by whom.
    pub created_at: String,
    pub author: String,
    /// The text it has now.
    pub body: String,
    /// Who wrote that text, when it came from an edit, and when; and how many earlier texts are kept.
    pub edited_by: Option<String>,
    pub edited_at: Option<String>,
    pub earlier_texts: u32,
    /// Whether the note came with the case when it was handed over (its case numbers are the sending
    /// workspace's).
    pub handed_over: bool,
}

impl Annexes {
    /// Annex D's line when it lists no payment: none recorded, or every one voided (not listed).
    pub fn no_payments(&self) -> String {
        match self.payments_voided {
            0 => "No payments are recorded.".to_string(),
            n => format!(
                "No payment is in force: {} voided, not listed.",
                crate::text::counted(n, "payment was", "payments were")
            ),
        }
    }
}

impl NoteRow {
    /// The note's heading: its number, who wrote it first and when, and for an edited note who wrote the
    /// text shown and when, so that no text is credited to someone who did not write it.
    pub fn heading(&self) -> String {
        let first = format!("Note #{}, {}, {}", self.id, self.created_at, self.author);
        let heading = match (&self.edited_by, &self.edited_at) {
            (Some(by), Some(at)) => format!(
                "{first}; the text below is {by}'s edit of {at} ({} earlier text{} kept)",
                self.earlier_texts,
                if self.earlier_texts == 1 { "" } else { "s" }
            ),
            _ => first,
        };
        if self.handed_over { format!("{heading}; {HANDED_OVER}") } else { heading }
    }
}

/// Annex F: the internal triage aid and what pins the record down.
#[derive(Debug, Clone, Serialize)]
pub struct RecordAnnex {
    pub audit: Option<AuditHead>,
    /// The catalog version the case's checklist follows, whose items Annex A lists.
    pub case_catalog_version: String,
    /// The current catalog version of this vetdesk.
    pub catalog_version: String,
    pub assessment: AssessmentRow,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditHead {
    pub rows: i64,
    pub last_id: i64,
    pub hash: String,
}

/// The risk assessment, for the investigator's own triage: never part of the complaint.
#[derive(Debug, Clone, Serialize)]
pub struct AssessmentRow {
    /// The version of the risk method (README, "Risk method").
    pub method: &'static str,
    pub score: u32,
    pub band: RiskBand,
    /// What the band means, in words.
    pub band_meaning: &'static str,
    /// The facts established, heaviest first: each counted once however many items state it.
    pub facts: Vec<FactRow>,
    /// Items of weight 2 or 3 reviewed and found clear.
    pub counter_indicators: Vec<String>,
    /// Flagged items that carry no weight by design (national origin, language, education abroad).
    pub unweighted: Vec<String>,
    pub red_flags: u32,
    pub concerns: u32,
    pub reviewed: u32,
    pub total: u32,
    pub coverage_percent: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct FactRow {
    pub weight: u8,
    pub codes: Vec<String>,
    /// Whether evidence is linked to at least one of the items, in a file the last verification found as
    /// recorded.
    pub backed: bool,
    /// Whether evidence in force is linked to one of the items at all, found changed or missing included.
    pub linked: bool,
}

impl AssessmentRow {
    /// How the score follows from this case's facts, so a reader can work it out again: the band from
    /// the count of facts by weight, then the band's floor plus each fact's points, within the band.
    fn worked_out(&self) -> String {
        let count = |w: u8| self.facts.iter().filter(|f| f.weight == w).count();
        let (strong, moderate, weak) = (count(3), count(2), count(1));
        let points: Vec<String> = self.facts.iter().map(|f| f.weight.to_string()).collect();
        let sum: u32 = self.facts.iter().map(|f| u32::from(f.weight)).sum();
        let floor = self.band.floor();
        let added = match points.len() {
            0 => "no points (no fact established)".to_string(),
            1 => format!("{} for its one fact", crate::text::counted(sum, "point", "points")),
            _ => format!("{} = {sum} points for its facts", points.join(" + ")),
        };
        let capped = if floor + sum > self.band.ceiling() {
            format!(", capped at the band's highest score, {}", self.band.ceiling())
        } else {
            String::new()
        };
        let facts = if strong + moderate + weak == 1 { "fact" } else { "facts" };
        format!(
            "Worked out: {strong} strong, {moderate} moderate and {weak} weak {facts} put the case in band {}; \
             score = the band's lowest score, {floor}, plus {added} (strong 3, moderate 2, weak 1){capped}.",
            self.band
        )
    }

    /// The assessment in sentences, as both renderers print it under [`TRIAGE_LABEL`].
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!(
            "Score {} of 100, band {} ({}), by risk method {} (see the vetdesk README).",
            self.score, self.band, self.band_meaning, self.method
        )];
        out.push(self.worked_out());
        if self.facts.is_empty() {
            out.push("Facts established: none.".into());
        } else {
            let backed = self.facts.iter().filter(|f| f.backed).count();
            out.push(format!(
                "Facts established: {}, {} backed by linked evidence and {} not.",
                self.facts.len(),
                backed,
                self.facts.len() - backed
            ));
            for f in &self.facts {
                let weight = match f.weight {
                    3 => "strong",
                    2 => "moderate",
                    _ => "weak",
                };
                let evidence = match (f.backed, f.linked) {
                    (true, _) => "evidence linked",
                    (false, true) => "evidence linked, but the last verification found it changed or missing",
                    (false, false) => "no evidence linked",
                };
                out.push(format!("  {weight}: {} ({evidence})", f.codes.join(", ")));
            }
        }
        if !self.counter_indicators.is_empty() {
            out.push(format!(
                "Counter-indicators (weighty items reviewed and found clear): {}.",
                self.counter_indicators.join(", ")
            ));
        }
        if !self.unweighted.is_empty() {
            out.push(format!(
                "Flagged but never weighed (they rest on national origin, language or education abroad): {}.",
                self.unweighted.join(", ")
            ));
        }
        out.push(format!(
            "Flagged items: {} red flag{} and {} due-diligence concern{}; review coverage {} of {} items ({}%).",
            self.red_flags,
            plural(self.red_flags),
            self.concerns,
            plural(self.concerns),
            self.reviewed,
            self.total,
            self.coverage_percent
        ));
        out
    }
}

impl PaymentRow {
    /// The payment's further fields, labelled, for the renderers: only those recorded.
    pub fn details(&self) -> Vec<(&'static str, &str)> {
        [
            ("recipient", &self.recipient),
            ("name on account", &self.name_on_account),
            ("bank", &self.bank),
            ("bank address", &self.bank_address),
            ("bank city", &self.bank_city),
            ("bank state", &self.bank_state),
            ("bank ZIP", &self.bank_zip),
            ("bank country", &self.bank_country),
            ("routing", &self.routing_number),
            ("account", &self.account),
            ("SWIFT", &self.swift),
            ("from bank", &self.originating_bank),
            ("from account", &self.originating_account),
            ("wallet", &self.wallet),
            ("transaction hash", &self.tx_hash),
            ("bank contacted", &self.bank_contacted),
        ]
        .into_iter()
        .map(|(l, v)| (l, v.as_str()))
        .chain(self.ic3.each().map(|(d, v)| (d.label, v)))
        .chain([("note", self.note.as_str())])
        .filter(|(_, v)| !v.is_empty())
        .collect()
    }
}

/// The heading Annex F gives the assessment, so nobody mistakes it for a finding.
pub const TRIAGE_LABEL: &str = "Internal triage aid: a summary of this checklist for ordering the investigator's \
     work, not a finding and not part of the complaint";

pub(super) fn annexes(d: &CaseData) -> Annexes {
    let mut checklist = Vec::new();
    for kind in [ItemKind::RedFlag, ItemKind::DueDiligence] {
        for &category in Category::ALL {
            let items: Vec<ChecklistRow> = d
                .checklist
                .iter()
                .filter(|e| e.item.kind == kind && e.item.category == category)
                .map(|e| ChecklistRow {
                    code: e.item.code.clone(),
                    title: e.item.title.clone(),
                    phase: e.item.phase,
                    weight: e.item.weight,
                    state: e.state,
                    note: e.note.clone(),
                    marked_by: e.marked_by.clone(),
                    marked_at: e.marked_at.clone(),
                    evidence: e.evidence.clone(),
                    sources: e.item.sources.clone(),
                    caution: e.item.caution.clone(),
                    note_handed_over: !e.note.is_empty() && d.came_with_handover(Text::Mark(&e.item.code)),
                    note_match_gone: d.match_gone(&e.item.code, &e.note),
                })
                .collect();
            if !items.is_empty() {
                checklist.push(ChecklistGroup { kind, category, category_label: category.label(), items });
            }
        }
    }
    let a = &d.assessment;
    // Backed by a file in force that the last verification found as recorded (as `case show` counts).
    let holds = |id: &i64| {
        d.evidence.iter().any(|ev| ev.id == *id && !matches!(ev.last_check.as_deref(), Some("missing" | "changed")))
    };
    let scored: Vec<_> = d.checklist.iter().map(|e| e.item.scored(e.state, e.evidence.iter().any(holds))).collect();
    let facts = score::facts(&scored)
        .into_iter()
        .map(|f| FactRow {
            weight: f.weight,
            codes: f.codes.iter().map(|c| c.to_string()).collect(),
            backed: f.backed,
            linked: d.checklist.iter().any(|e| {
                f.codes.contains(&e.item.code.as_str())
                    && e.evidence.iter().any(|id| d.evidence.iter().any(|v| v.id == *id))
            }),
        })
        .collect();
    let codes = |keep: &dyn Fn(&crate::workspace::ChecklistEntry) -> bool| {
        d.checklist.iter().filter(|e| keep(e)).map(|e| e.item.code.clone()).collect::<Vec<_>>()
    };
    let counter_indicators = codes(&|e| e.state == MarkState::Clear && e.item.weight >= 2);
    let unweighted = codes(&|e| e.state == MarkState::Flagged && e.item.weight == 0);
    let cited: std::collections::BTreeSet<&str> = d
        .checklist
        .iter()
        .filter(|e| e.state == MarkState::Flagged)
        .flat_map(|e| e.item.sources.iter().map(String::as_str))
        .collect();
    Annexes {
        sources: crate::catalog::sources()
            .iter()
            .filter(|s| cited.contains(s.key.as_str()))
            .map(SourceRef::of)
            .collect(),
        checklist,
        evidence: d
            .evidence
            .iter()
            .map(|e| EvidenceRow {
                id: e.id,
                path: e.path.clone(),
                size: e.size,
                sha256: e.sha256.clone(),
                modified_at: e.modified_at.clone(),
                description: e.description.clone(),
                attached_at: e.attached_at.clone(),
                attached_by: e.attached_by.clone(),
                last_check: e.last_check.clone(),
                last_checked_at: e.last_checked_at.clone(),
                items: e.items.clone(),
            })
            .collect(),
        identifiers: d
            .identifiers
            .iter()
            .map(|i| IdentifierRow {
                id: i.id,
                kind: i.kind,
                raw: i.raw.clone(),
                normalized: i.normalized.clone(),
                subject_id: i.subject_id,
                subject: d.subject_name(i.subject_id),
                warning: i.warning.clone(),
                note: i.note.clone(),
            })
            .collect(),
        identifiers_left_out: d.voided_identifiers.iter().filter(|i| i.void.is_none()).count(),
        payments_voided: d.voided_payments.len(),
        payments: d
            .payments
            .iter()
            .map(|p| PaymentRow {
                id: p.id,
                subject_id: p.subject_id,
                subject: d.subject_name(p.subject_id),
                paid_on: p.paid_on.clone(),
                amount: amount(p.amount_cents, &p.currency),
                amount_cents: p.amount_cents,
                currency: p.currency.clone(),
                method: p.method.clone(),
                transaction_type: TransactionType::from_method(&p.method),
                recipient: p.recipient.clone(),
                bank: p.bank.clone(),
                routing_number: p.routing_number.clone(),
                account: p.account.clone(),
                name_on_account: p.name_on_account.clone(),
                swift: p.swift.clone(),
                originating_bank: p.originating_bank.clone(),
                originating_account: p.originating_account.clone(),
                wallet: p.wallet.clone(),
                tx_hash: p.tx_hash.clone(),
                bank_contacted: p.bank_contacted.clone(),
                bank_address: p.bank_address.clone(),
                bank_city: p.bank_city.clone(),
                bank_state: p.bank_state.clone(),
                bank_zip: p.bank_zip.clone(),
                bank_country: p.bank_country.clone(),
                ic3: p.details.clone(),
                note: p.note.clone(),
            })
            .collect(),
        notes: d
            .notes
            .iter()
            .map(|n| NoteRow {
                id: n.id,
                created_at: n.created_at.clone(),
                author: n.author.clone(),
                body: n.body.clone(),
                edited_by: n.edited.as_ref().map(|e| e.by.clone()),
                edited_at: n.edited.as_ref().map(|e| e.at.clone()),
                earlier_texts: n.revisions,
                handed_over: d.came_with_handover(Text::Note(n.id)),
            })
            .collect(),
        record: RecordAnnex {
            audit: d.audit.as_ref().map(|h| AuditHead { rows: h.rows, last_id: h.last_id, hash: h.hash.clone() }),
            case_catalog_version: d.case.catalog_version.clone(),
            catalog_version: crate::catalog::builtin().version.clone(),
            assessment: AssessmentRow {
                method: score::METHOD,
                score: a.score,
                band: a.band,
                band_meaning: a.band.meaning(),
                facts,
                counter_indicators,
                unweighted,
                red_flags: a.red_flags,
                concerns: a.concerns,
                reviewed: a.reviewed,
                total: a.total,
                coverage_percent: a.coverage_percent(),
            },
        },
    }
}

/// What Annex C says of identifiers left out with their references, if any were.
pub(crate) fn left_out_identifiers(count: usize) -> Option<String> {
    match count {
        0 => None,
        1 => Some("1 identifier of a reference left out of this summary is not listed.".to_string()),
        n => Some(format!("{n} identifiers of references left out of this summary are not listed.")),
    }
}
