//! The annexes: what backs the complaint without being pasted into it. Every checklist item, the
//! evidence manifest, the identifiers, the payments, the notes, and what pins the record down.

use serde::Serialize;

use super::TransactionType;
use super::ic3::amount;
use super::load::CaseData;
use crate::catalog::{Category, ItemKind, Phase};
use crate::domain::{IdentifierKind, MarkState, RiskBand};

#[derive(Debug, Clone, Serialize)]
pub struct Annexes {
    pub checklist: Vec<ChecklistGroup>,
    pub evidence: Vec<EvidenceRow>,
    pub identifiers: Vec<IdentifierRow>,
    pub payments: Vec<PaymentRow>,
    pub notes: Vec<NoteRow>,
    pub record: RecordAnnex,
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
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoteRow {
    pub id: i64,
    pub created_at: String,
    pub author: String,
    pub body: String,
}

/// Annex F: what pins the record down.
#[derive(Debug, Clone, Serialize)]
pub struct RecordAnnex {
    pub audit: Option<AuditHead>,
    /// The catalog version the case was opened with.
    pub case_catalog_version: String,
    /// The catalog version of this vetdesk, whose items Annex A lists.
    pub catalog_version: String,
    pub assessment: AssessmentRow,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditHead {
    pub rows: i64,
    pub last_id: i64,
    pub hash: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssessmentRow {
    pub score: u32,
    pub band: RiskBand,
    pub red_flags: u32,
    pub concerns: u32,
    pub reviewed: u32,
    pub total: u32,
    pub coverage_percent: u32,
}

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
                })
                .collect();
            if !items.is_empty() {
                checklist.push(ChecklistGroup { kind, category, category_label: category.label(), items });
            }
        }
    }
    let a = &d.assessment;
    Annexes {
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
        payments: d
            .payments
            .iter()
            .map(|p| PaymentRow {
                id: p.id,
                subject_id: p.subject_id,
                subject: d.subject_name(p.subject_id),
                paid_on: p.paid_on.clone(),
                amount: amount(p.amount_cents),
                amount_cents: p.amount_cents,
                currency: p.currency.clone(),
                method: p.method.clone(),
                transaction_type: TransactionType::from_method(&p.method),
                recipient: p.recipient.clone(),
                bank: p.bank.clone(),
                routing_number: p.routing_number.clone(),
                account: p.account.clone(),
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
            })
            .collect(),
        record: RecordAnnex {
            audit: d.audit.as_ref().map(|h| AuditHead { rows: h.rows, last_id: h.last_id, hash: h.hash.clone() }),
            case_catalog_version: d.case.catalog_version.clone(),
            catalog_version: d.catalog.version.clone(),
            assessment: AssessmentRow {
                score: a.score,
                band: a.band,
                red_flags: a.red_flags,
                concerns: a.concerns,
                reviewed: a.reviewed,
                total: a.total,
                coverage_percent: a.coverage_percent(),
            },
        },
    }
}
