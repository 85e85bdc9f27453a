//! The summary model, laid out as the IC3 complaint form. It serializes to the JSON format
//! documented in `docs/report-json.md`; keep the two in step and bump [`FORMAT_VERSION`] when a key
//! changes meaning or goes away.

use serde::Serialize;

use super::annex::Annexes;
use super::ic3::ic3_length;
use crate::domain::{CaseStatus, Disposition, Priority, Role};

pub const FORMAT_NAME: &str = "vetdesk-ic3-summary";
pub const FORMAT_VERSION: u32 = 1;

/// One case as an IC3 complaint, sections in the form's order, then the annexes that back it.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub format: &'static str,
    pub version: u32,
    pub header: Header,
    pub over_limit: Vec<LimitProblem>,
    pub filer: Filer,
    pub complainant: Complainant,
    pub transactions: Transactions,
    pub subjects: Vec<SubjectBlock>,
    pub description: Field,
    pub other_information: OtherInformation,
    pub annexes: Annexes,
}

#[derive(Debug, Clone, Serialize)]
pub struct Header {
    pub case_id: i64,
    pub title: String,
    pub status: CaseStatus,
    pub priority: Priority,
    pub disposition: Option<Disposition>,
    pub tags: Vec<String>,
    pub opened_at: String,
    pub updated_at: String,
    pub closed_at: Option<String>,
    pub generated_at: String,
    pub generated_by: String,
    pub redacted: bool,
    /// The audit chain and this case's sealed records, checked when the summary was made; `None` in a
    /// preview that did not check.
    pub record_check: Option<RecordCheck>,
}

/// Whether the record held when a summary was made, in one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordCheck {
    pub holds: bool,
    pub line: String,
}

/// A cited document, as its record in the catalog gives it.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRef {
    pub key: String,
    pub issuer: String,
    pub title: String,
    pub identifier: String,
    pub date: String,
    pub url: String,
    pub kind: crate::catalog::SourceKind,
    /// How much of the document's own text was read for the catalog, and what.
    pub read: crate::catalog::Reading,
    pub reading_note: String,
}

impl SourceRef {
    pub fn of(s: &crate::catalog::Source) -> SourceRef {
        SourceRef {
            key: s.key.clone(),
            issuer: s.issuer.clone(),
            title: s.title.clone(),
            identifier: s.identifier.clone(),
            date: s.date.clone(),
            url: s.url.clone(),
            kind: s.kind,
            read: s.read,
            reading_note: s.reading_note.clone(),
        }
    }

    /// How much of the document was read, as the annex says it: "Reading (partial): …".
    pub fn reading(&self) -> String {
        format!("Reading ({}): {}", self.read, self.reading_note)
    }

    /// "FBI, I-101823-PSA, Additional Guidance on the DPRK IT Workers (2023-10-18)".
    pub fn citation(&self) -> String {
        let mut out = self.issuer.clone();
        if !self.identifier.is_empty() {
            out.push_str(", ");
            out.push_str(&self.identifier);
        }
        out.push_str(&format!(", {} ({})", self.title, self.date));
        out
    }
}

/// One value to paste into one form field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub value: String,
    /// The most characters the form takes; `None` when it states no limit.
    pub limit: Option<usize>,
    /// The value's length as the form counts it (see [`ic3_length`]).
    pub length: usize,
    pub over_limit: bool,
}

impl Field {
    pub fn new(value: impl Into<String>, limit: Option<usize>) -> Field {
        let value = value.into();
        let length = ic3_length(&value);
        Field { over_limit: limit.is_some_and(|l| length > l), value, limit, length }
    }

    pub fn limited(value: impl Into<String>, limit: usize) -> Field {
        Field::new(value, Some(limit))
    }

    pub fn free(value: impl Into<String>) -> Field {
        Field::new(value, None)
    }
}

/// A field longer than the form allows, or a section with more entries than the form takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LimitProblem {
    pub section: String,
    pub field: String,
    pub limit: usize,
    pub length: usize,
    pub unit: Unit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Characters,
    Entries,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Characters => "characters",
            Unit::Entries => "entries",
        }
    }
}

/// A field with the label the form gives it.
pub type Labeled<'a> = (String, &'a Field);

fn labeled<'a>(fields: impl IntoIterator<Item = (&'static str, &'a Field)>) -> Vec<Labeled<'a>> {
    fields.into_iter().map(|(l, f)| (l.to_string(), f)).collect()
}

// --- 1. Who is filing ---------------------------------------------------------------------------

#[derive(Debug, Clone, Serialize)]
pub struct Filer {
    pub on_behalf_of: Field,
    pub name: Field,
    pub business: Field,
    pub phone: Field,
    pub email: Field,
}

impl Filer {
    pub fn fields(&self) -> Vec<Labeled<'_>> {
        labeled([
            ("Filing on behalf of", &self.on_behalf_of),
            ("Name", &self.name),
            ("Business", &self.business),
            ("Phone", &self.phone),
            ("Email", &self.email),
        ])
    }
}

// --- 2. Complainant -----------------------------------------------------------------------------

#[derive(Debug, Clone, Serialize)]
pub struct Complainant {
    pub name: Field,
    pub address1: Field,
    pub address2: Field,
    pub city: Field,
    pub state: Field,
    pub zip: Field,
    pub country: Field,
    pub phone: Field,
    pub email: Field,
    pub business: Business,
}

#[derive(Debug, Clone, Serialize)]
pub struct Business {
    pub name: Field,
    pub it_poc: Field,
    pub other_poc: Field,
    pub sector: Field,
}

impl Complainant {
    pub fn fields(&self) -> Vec<Labeled<'_>> {
        labeled([
            ("Name", &self.name),
            ("Address 1", &self.address1),
            ("Address 2", &self.address2),
            ("City", &self.city),
            ("State", &self.state),
            ("ZIP", &self.zip),
            ("Country", &self.country),
            ("Phone", &self.phone),
            ("Email", &self.email),
        ])
    }
}

impl Business {
    pub fn fields(&self) -> Vec<Labeled<'_>> {
        labeled([
            ("Business name", &self.name),
            ("IT point of contact", &self.it_poc),
            ("Other point of contact", &self.other_poc),
            ("Critical infrastructure sector", &self.sector),
        ])
    }
}

// --- 3. Financial transactions ------------------------------------------------------------------

#[derive(Debug, Clone, Serialize)]
pub struct Transactions {
    /// The sum of every transaction, one entry per currency.
    pub totals: Vec<Money>,
    /// Every payment of the case, in date order, even beyond the form's 10.
    pub items: Vec<Transaction>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Money {
    pub currency: String,
    pub amount: String,
    pub amount_cents: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Transaction {
    pub payment_id: i64,
    /// The method as recorded, which `transaction_type` was mapped from.
    pub method: String,
    pub transaction_type: Field,
    pub amount: Field,
    pub currency: String,
    pub date: Field,
    pub recipient_name: Field,
    pub recipient_bank: Field,
    pub routing_number: Field,
    pub account_number: Field,
}

impl Transaction {
    pub fn fields(&self) -> Vec<Labeled<'_>> {
        labeled([
            ("Transaction type", &self.transaction_type),
            ("Amount", &self.amount),
            ("Date", &self.date),
            ("Recipient name", &self.recipient_name),
            ("Recipient bank name", &self.recipient_bank),
            ("Routing number", &self.routing_number),
            ("Account number", &self.account_number),
        ])
    }
}

// --- 4. Subjects --------------------------------------------------------------------------------

#[derive(Debug, Clone, Serialize)]
pub struct SubjectBlock {
    pub subject_id: i64,
    pub role: Role,
    /// Other names the subject used; the form has no field for them (the description names them).
    pub aliases: Vec<String>,
    pub name: Field,
    pub business: Field,
    /// The first address tied to the subject, one entry per form line (at least one, maybe blank).
    pub address: Vec<Field>,
    pub phone: Field,
    pub email: Field,
    pub website: Field,
    pub ip_address: Field,
}

impl SubjectBlock {
    pub fn fields(&self) -> Vec<Labeled<'_>> {
        let mut out = labeled([("Name", &self.name), ("Business name", &self.business)]);
        let lines = self.address.len();
        for (i, line) in self.address.iter().enumerate() {
            let label = if lines == 1 { "Address".to_string() } else { format!("Address line {}", i + 1) };
            out.push((label, line));
        }
        out.extend(labeled([
            ("Phone", &self.phone),
            ("Email", &self.email),
            ("Website/social media", &self.website),
            ("IP address", &self.ip_address),
        ]));
        out
    }

    /// "Subject 2 (facilitator)", as the limit notice names it.
    pub fn heading(&self, index: usize) -> String {
        format!("Subject {} ({})", index + 1, self.role)
    }

    /// "Subject 2 (facilitator, subject #7)", as the renderers title the block.
    pub fn title(&self, index: usize) -> String {
        format!("Subject {} ({}, subject #{})", index + 1, self.role, self.subject_id)
    }
}

// --- 6. Other information -----------------------------------------------------------------------

#[derive(Debug, Clone, Serialize)]
pub struct OtherInformation {
    pub technical_details: Field,
    pub witnesses: Field,
    pub other_reports: Field,
}

impl OtherInformation {
    pub fn fields(&self) -> Vec<Labeled<'_>> {
        labeled([
            ("Technical details", &self.technical_details),
            ("Witnesses or other victims", &self.witnesses),
            ("Reports to other agencies", &self.other_reports),
        ])
    }
}

// --- section titles, shared by the renderers and the limit report -------------------------------

pub const SECTION_FILER: &str = "1. Who is filing";
pub const SECTION_COMPLAINANT: &str = "2. Complainant";
pub const SECTION_TRANSACTIONS: &str = "3. Financial transactions";
pub const SECTION_SUBJECTS: &str = "4. Subjects";
pub const SECTION_DESCRIPTION: &str = "5. Description of incident";
pub const SECTION_OTHER: &str = "6. Other information";
