use serde::Serialize;

use super::word_enum;

word_enum!(
    /// Where a case stands in the investigation.
    CaseStatus, "status", {
        Open => "open",
        Investigating => "investigating",
        Escalated => "escalated",
        Reported => "reported",
        Closed => "closed",
    }
);

word_enum!(Priority, "priority", {
    Low => "low",
    Medium => "medium",
    High => "high",
    Critical => "critical",
});

word_enum!(
    /// The finding recorded when a case is closed.
    Disposition, "disposition", {
        Cleared => "cleared",
        Confirmed => "confirmed",
        Inconclusive => "inconclusive",
    }
);

/// A case as stored: one candidate (usually) under review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    pub id: i64,
    pub title: String,
    pub status: CaseStatus,
    pub priority: Priority,
    pub disposition: Option<Disposition>,
    pub catalog_version: String,
    pub tags: Vec<String>,
    pub witnesses: String,
    pub other_reports: String,
    pub risk_score: u32,
    pub reviewed_items: u32,
    pub created_at: String,
    pub updated_at: String,
    pub closed_at: Option<String>,
    /// Set while the case is archived: out of the default list, search and links, never out of the record.
    pub archived: Option<Archive>,
}

/// When, by whom and why a case was archived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Archive {
    pub archived_at: String,
    pub archived_by: String,
    pub reason: String,
}

impl CaseStatus {
    /// A disposition belongs to a closed case and only to one.
    pub fn check_disposition(self, disposition: Option<Disposition>) -> crate::Result<()> {
        match (self, disposition) {
            (CaseStatus::Closed, None) => {
                Err(crate::Error::refused("closing a case needs a disposition", crate::error::Remedy::Disposition))
            }
            (CaseStatus::Closed, Some(_)) | (_, None) => Ok(()),
            (_, Some(_)) => Err(crate::Error::invalid("a disposition is recorded only when the case is closed")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_parse_case_insensitively_and_name_the_choices() {
        assert_eq!(" Escalated ".parse::<CaseStatus>().unwrap(), CaseStatus::Escalated);
        let err = "urgent".parse::<Priority>().unwrap_err().to_string();
        assert_eq!(err, "invalid priority \"urgent\": expected one of low, medium, high, critical");
    }

    #[test]
    fn closing_needs_a_disposition_and_only_closing_takes_one() {
        assert!(CaseStatus::Closed.check_disposition(None).is_err());
        assert!(CaseStatus::Closed.check_disposition(Some(Disposition::Cleared)).is_ok());
        assert!(CaseStatus::Open.check_disposition(Some(Disposition::Cleared)).is_err());
        assert!(CaseStatus::Reported.check_disposition(None).is_ok());
    }
}
