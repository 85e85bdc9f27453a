//! Timestamps: UTC, RFC 3339, to the second. A workspace can be given a fixed clock for tests.

use chrono::{DateTime, SecondsFormat, Utc};

pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Where a workspace gets "now" from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    /// Always the same instant: for reproducible tests and snapshots.
    Fixed(DateTime<Utc>),
}

impl Clock {
    pub fn now(self) -> String {
        match self {
            Clock::System => rfc3339(Utc::now()),
            Clock::Fixed(t) => rfc3339(t),
        }
    }
}

/// Checks a calendar date written `YYYY-MM-DD`.
pub fn check_date(what: &str, value: &str) -> crate::Result<String> {
    let value = value.trim();
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| crate::Error::invalid(format!("invalid {what} {value:?}: expected a date like 2025-03-31")))
}
