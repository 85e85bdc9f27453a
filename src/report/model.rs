//! The summary model, laid out as the IC3 complaint form. It serializes to the JSON format
//! documented in `docs/report-json.md`; keep the two in step and bump [`FORMAT_VERSION`] when a key
//! changes meaning or goes away.

use serde::Serialize;

use super::annex::Annexes;
use super::ic3::ic3_length;
use crate::domain::{AnswerField, CaseStatus, Disposition, Priority, Role};

mod transactions;
pub use transactions::*;

pub const FORMAT_NAME: &str = "vetdesk-ic3-summary";
pub const FORMAT_VERSION: u32 = 2;

/// One case as an IC3 complaint, sections in the form's order, then the annexes that back it.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub format: &'static str,
    pub version: u32,
    pub header: Header,
    pub over_limit: Vec<LimitProblem>,
    /// Values that do not fit the form's pattern for their field (a SWIFT code), shown as given.
    pub format_problems: Vec<FormatProblem>,
    /// Questions the form requires that the case has not answered (`vetdesk case answer`).
    pub unanswered: Vec<Unanswered>,
    /// What of the record the description leaves out to fit the form's 3,500 characters, when anything.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub description_left_out: Vec<String>,
    pub filer: Filer,
    pub complainant: Complainant,
    pub transactions: Transactions,
    pub subjects: Vec<SubjectBlock>,
    /// Subjects recorded in the case but left out of section 4.
    pub subjects_left_out: Vec<LeftOut>,
    pub description: Field,
    pub other_information: OtherInformation,
    pub signature: Signature,
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
    /// When, by whom and why the case was set aside (archived), if it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub archived: Option<crate::domain::Archive>,
    pub generated_at: String,
    pub generated_by: String,
    pub redacted: bool,
    /// The audit chain and this case's sealed records, checked when the summary was made; `None` in a
    /// preview that did not check.
    pub record_check: Option<RecordCheck>,
}

/// Whether the record held when a summary was made, in one line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordCheck {
    pub holds: bool,
    pub line: String,
    /// The case's links as the check read them: what the summary says the case shares comes from these.
    #[serde(skip)]
    pub links: Vec<crate::domain::link::Link>,
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
    /// Why the field does not apply to this complaint, when it does not (the value is then blank);
    /// absent from the JSON otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<String>,
}

impl Field {
    pub fn new(value: impl Into<String>, limit: Option<usize>) -> Field {
        let value = value.into();
        let length = ic3_length(&value);
        Field { over_limit: limit.is_some_and(|l| length > l), value, limit, length, not_applicable: None }
    }

    /// A blank field that does not apply, and why.
    pub fn not_applicable(reason: impl Into<String>) -> Field {
        Field { not_applicable: Some(reason.into()), ..Field::free("") }
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
    /// "Were you the one affected in this incident?": Yes, No, or blank while unanswered.
    pub affected: Field,
    pub name: Field,
    pub business: Field,
    pub phone: Field,
    pub email: Field,
}

impl Filer {
    pub fn fields(&self) -> Vec<Labeled<'_>> {
        labeled([
            ("Were you the one affected in this incident?", &self.affected),
            ("Name", &self.name),
            ("Business name", &self.business),
            ("Phone", &self.phone),
            ("Email", &self.email),
        ])
    }
}

// --- 2. Complainant -----------------------------------------------------------------------------

#[derive(Debug, Clone, Serialize)]
pub struct Complainant {
    pub name: Field,
    /// The victim's age range: not applicable, the complainant is a business.
    pub age_range: Field,
    /// "Is the victim a minor?": not applicable, the complainant is a business.
    pub minor: Field,
    pub address1: Field,
    pub address2: Field,
    pub suite: Field,
    pub city: Field,
    pub county: Field,
    pub country: Field,
    pub state: Field,
    pub zip: Field,
    pub phone: Field,
    pub email: Field,
    pub business: Business,
}

#[derive(Debug, Clone, Serialize)]
pub struct Business {
    /// "Is this on behalf of a business that was targeted by a Cyber incident?"
    pub targeted: Field,
    pub name: Field,
    /// "Is the incident currently impacting business operations?"
    pub operations_impacted: Field,
    pub it_poc: Field,
    pub other_poc: Field,
    pub sector: Field,
    pub subsector: Field,
}

impl Complainant {
    pub fn fields(&self) -> Vec<Labeled<'_>> {
        labeled([
            ("Name", &self.name),
            ("Age range", &self.age_range),
            ("Is the victim a minor?", &self.minor),
            ("Address", &self.address1),
            ("Address (continued)", &self.address2),
            ("Suite/Apt./Mail stop", &self.suite),
            ("City", &self.city),
            ("County", &self.county),
            ("Country", &self.country),
            ("State", &self.state),
            ("ZIP code", &self.zip),
            ("Phone", &self.phone),
            ("Email", &self.email),
        ])
    }
}

impl Business {
    pub fn fields(&self) -> Vec<Labeled<'_>> {
        labeled([
            ("Is this on behalf of a business that was targeted by a Cyber incident?", &self.targeted),
            ("Business name", &self.name),
            ("Is the incident currently impacting business operations?", &self.operations_impacted),
            ("Business IT point of contact", &self.it_poc),
            ("Other business point of contact", &self.other_poc),
            ("Critical infrastructure sector", &self.sector),
            ("Critical infrastructure subsector", &self.subsector),
        ])
    }
}

// --- 4. Subjects --------------------------------------------------------------------------------

#[derive(Debug, Clone, Serialize)]
pub struct SubjectBlock {
    pub subject_id: i64,
    pub role: Role,
    /// The role as the summary words it: "suspected candidate", "recorded as facilitator"; a reference is not suspected.
    pub described_as: String,
    /// Other names the subject used; the form has no field for them (the description names them).
    pub aliases: Vec<String>,
    pub name: Field,
    pub business: Field,
    /// The first address tied to the subject: the street (or, when its parts cannot be established,
    /// the whole address) over the form's two address lines, then the parts it could establish.
    pub address1: Field,
    pub address2: Field,
    pub suite: Field,
    pub city: Field,
    pub state: Field,
    pub zip: Field,
    pub country: Field,
    /// The address as recorded, when it was split into the fields above.
    pub address_as_recorded: Option<String>,
    pub phone: Field,
    pub email: Field,
    pub website: Field,
    pub ip_address: Field,
}

impl SubjectBlock {
    pub fn fields(&self) -> Vec<Labeled<'_>> {
        labeled([
            ("Name", &self.name),
            ("Business name", &self.business),
            ("Address", &self.address1),
            ("Address (continued)", &self.address2),
            ("Suite/Apt./Mail stop", &self.suite),
            // In the form's order, as section 2 has them: city, country, state, ZIP.
            ("City", &self.city),
            ("Country", &self.country),
            ("State", &self.state),
            ("ZIP code", &self.zip),
            ("Phone", &self.phone),
            ("Email", &self.email),
            ("Website/social media", &self.website),
            ("IP address", &self.ip_address),
        ])
    }

    /// "Subject 2 (recorded as facilitator)", as the limit notice names it.
    pub fn heading(&self, index: usize) -> String {
        format!("Subject {} ({})", index + 1, self.described_as)
    }

    /// "Subject 2 (recorded as facilitator, subject #7)", as the renderers title the block.
    pub fn title(&self, index: usize) -> String {
        format!("Subject {} ({}, subject #{})", index + 1, self.described_as, self.subject_id)
    }
}

/// A subject recorded in the case but not put in section 4 (a reference, unless the investigator
/// includes references).
#[derive(Debug, Clone, Serialize)]
pub struct LeftOut {
    pub subject_id: i64,
    pub role: Role,
    pub name: String,
    /// The investigator's texts printed as written that name them ("note #3", "RF-INT-01's note").
    pub named_in: Vec<String>,
}

impl LeftOut {
    /// "Maria Lopez (reference, subject #4; named in note #3, printed as written)".
    pub fn said(&self) -> String {
        let named = match self.named_in.as_slice() {
            [] => String::new(),
            places => format!("; named in {}, printed as written: check it before filing", places.join(", ")),
        };
        format!("{} ({}, subject #{}{named})", self.name, self.role, self.subject_id)
    }
}

// --- 6. Other information -----------------------------------------------------------------------

#[derive(Debug, Clone, Serialize)]
pub struct OtherInformation {
    pub technical_details: Field,
    pub witnesses: Field,
    pub other_reports: Field,
    /// "Is this an update to a previously filed complaint?": Yes, No, or blank while unanswered.
    pub update: Field,
    /// The earlier complaint's number, as the investigator gave it; the form has no field for it, so
    /// the description names it too.
    pub previous_complaint: Field,
}

impl OtherInformation {
    pub fn fields(&self) -> Vec<Labeled<'_>> {
        labeled([
            ("Technical details", &self.technical_details),
            ("Witnesses or other victims", &self.witnesses),
            ("Reports to other agencies", &self.other_reports),
        ])
    }

    /// The one-line fields after the long ones.
    pub fn short_fields(&self) -> Vec<Labeled<'_>> {
        labeled([
            ("Is this an update to a previously filed complaint?", &self.update),
            ("Previous complaint number", &self.previous_complaint),
        ])
    }
}

// --- 7. Privacy & Signature ---------------------------------------------------------------------

#[derive(Debug, Clone, Serialize)]
pub struct Signature {
    /// The typed name; the filer's name unless the investigator answered `signature`.
    pub digital_signature: Field,
}

impl Signature {
    pub fn fields(&self) -> Vec<Labeled<'_>> {
        labeled([("Digital signature", &self.digital_signature)])
    }
}

// --- checks -------------------------------------------------------------------------------------

/// A value that does not fit the form's pattern for its field; it is shown as given, never altered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormatProblem {
    pub section: String,
    pub field: String,
    pub value: String,
    pub problem: String,
}

/// A question the form requires that the case has not answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unanswered {
    pub section: String,
    /// The `vetdesk case answer` field name.
    pub field: AnswerField,
    pub question: String,
}

// --- section titles, shared by the renderers and the limit report -------------------------------

pub const SECTION_FILER: &str = "1. Who is filing";
pub const SECTION_COMPLAINANT: &str = "2. Complainant";
pub const SECTION_TRANSACTIONS: &str = "3. Financial transactions";
pub const SECTION_SUBJECTS: &str = "4. Subjects";
pub const SECTION_DESCRIPTION: &str = "5. Description of incident";
pub const SECTION_OTHER: &str = "6. Other information";
pub const SECTION_SIGNATURE: &str = "7. Privacy & Signature";
