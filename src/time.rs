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
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").map(|d| d.format("%Y-%m-%d").to_string()).map_err(|_| {
        // A value far longer than a date is not echoed whole.
        let shown: String = value.chars().take(40).collect();
        let shown = if shown.len() < value.len() { format!("{shown:?}…") } else { format!("{shown:?}") };
        crate::Error::invalid(format!("invalid {what} {shown}: expected a date like 2025-03-31"))
    })
}

/// [`check_date`] for the day something happened: a date after tomorrow is refused. Today is the workspace
/// clock's day in UTC (`now`, RFC 3339); a day's grace covers a user whose own day is already tomorrow there.
pub fn check_past_date(what: &str, value: &str, now: &str) -> crate::Result<String> {
    let date = check_date(what, value)?;
    let today = chrono::NaiveDate::parse_from_str(now.get(..10).unwrap_or_default(), "%Y-%m-%d");
    if let Ok(today) = today
        && let Some(tomorrow) = today.succ_opt()
        && date > tomorrow.format("%Y-%m-%d").to_string()
    {
        return Err(crate::Error::invalid(format!(
            "the {what} {date} is in the future (today is {today} UTC); record it once it has happened"
        )));
    }
    Ok(date)
}
