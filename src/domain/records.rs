//! The records a case holds, as plain data.

use serde::{Deserialize, Serialize};

use super::{HireStage, IdentifierKind, MarkState, Role};

/// The workspace's own organization: the complainant in an IC3 summary, and who files it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Organization {
    pub name: String,
    pub address1: String,
    pub address2: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub country: String,
    pub phone: String,
    pub email: String,
    pub it_poc: String,
    pub other_poc: String,
    pub sector: String,
    pub filer_name: String,
    pub filer_phone: String,
    pub filer_email: String,
}

impl Organization {
    /// Field names, in the order the IC3 form asks for them; `set` and `get` take these names.
    pub const FIELDS: &'static [&'static str] = &[
        "name", "address1", "address2", "city", "state", "zip", "country", "phone", "email", "it_poc",
        "other_poc", "sector", "filer_name", "filer_phone", "filer_email",
    ];

    pub fn field_mut(&mut self, name: &str) -> Option<&mut String> {
        Some(match name {
            "name" => &mut self.name,
            "address1" => &mut self.address1,
            "address2" => &mut self.address2,
            "city" => &mut self.city,
            "state" => &mut self.state,
            "zip" => &mut self.zip,
            "country" => &mut self.country,
            "phone" => &mut self.phone,
            "email" => &mut self.email,
            "it_poc" => &mut self.it_poc,
            "other_poc" => &mut self.other_poc,
            "sector" => &mut self.sector,
            "filer_name" => &mut self.filer_name,
            "filer_phone" => &mut self.filer_phone,
            "filer_email" => &mut self.filer_email,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subject {
    pub id: i64,
    pub case_id: i64,
    pub role: Role,
    pub name: String,
    pub business: String,
    pub aliases: Vec<String>,
    pub location: String,
    pub position: String,
    pub vendor: String,
    pub hire_stage: Option<HireStage>,
    pub hired_on: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// The editable fields of a subject; on an edit, `None` leaves a field as it was.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubjectFields {
    pub role: Option<Role>,
    pub name: Option<String>,
    pub business: Option<String>,
    pub aliases: Option<Vec<String>>,
    pub location: Option<String>,
    pub position: Option<String>,
    pub vendor: Option<String>,
    pub hire_stage: Option<HireStage>,
    pub hired_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identifier {
    pub id: i64,
    pub case_id: i64,
    pub subject_id: Option<i64>,
    pub kind: IdentifierKind,
    pub raw: String,
    pub normalized: String,
    pub warning: Option<String>,
    pub note: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Payment {
    pub id: i64,
    pub case_id: i64,
    pub subject_id: Option<i64>,
    pub paid_on: String,
    pub amount_cents: i64,
    pub currency: String,
    pub method: String,
    pub recipient: String,
    pub bank: String,
    pub routing_number: String,
    pub account: String,
    pub note: String,
    pub created_at: String,
}

/// A payment as entered, before it has an id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewPayment {
    pub subject_id: Option<i64>,
    pub paid_on: String,
    pub amount_cents: i64,
    pub currency: String,
    pub method: String,
    pub recipient: String,
    pub bank: String,
    pub routing_number: String,
    pub account: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mark {
    pub code: String,
    pub state: MarkState,
    pub note: String,
    pub marked_by: String,
    pub marked_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub id: i64,
    pub case_id: i64,
    pub path: String,
    pub sha256: String,
    pub size: u64,
    pub modified_at: Option<String>,
    pub description: String,
    pub attached_at: String,
    pub attached_by: String,
    pub last_check: Option<String>,
    pub last_checked_at: Option<String>,
    pub items: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub id: i64,
    pub case_id: i64,
    pub body: String,
    pub author: String,
    pub created_at: String,
}
