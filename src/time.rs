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

/// The earliest year a date vetdesk records may have: a year before it is a typing slip (`26-1-1` read as
/// the year 26), not a payment or a hire.
const FIRST_YEAR: i32 = 1900;

/// Checks a calendar date written `YYYY-MM-DD`: the year in four digits, from 1900 (chrono alone would
/// take `26-1-1` as the year 26, and the summary would file it so).
pub fn check_date(what: &str, value: &str) -> crate::Result<String> {
    let value = value.trim();
    let four_digit_year =
        value.split('-').next().is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()));
    let parsed = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .filter(|d| four_digit_year && chrono::Datelike::year(d) >= FIRST_YEAR);
    parsed.map(|d| d.format("%Y-%m-%d").to_string()).ok_or_else(|| {
        // A value far longer than a date is not echoed whole.
        let shown: String = value.chars().take(40).collect();
        let shown = if shown.len() < value.len() { format!("{shown:?}…") } else { format!("{shown:?}") };
        crate::Error::invalid(format!(
            "invalid {what} {shown}: expected a date like 2025-03-31 (the year in four digits, from {FIRST_YEAR})"
        ))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// ISO 8601's calendar date, year in four digits: a short year is refused, never read as year 26.
    #[test]
    fn a_date_needs_its_year_in_four_digits() {
        assert_eq!(check_date("payment date", "2026-01-05").unwrap(), "2026-01-05");
        assert_eq!(check_date("payment date", " 2026-1-5 ").unwrap(), "2026-01-05");
        for bad in ["26-1-1", "0026-01-01", "026-01-01", "1899-12-31", "+2026-01-01", "2026-02-30", "3/1/26"] {
            let e = check_date("payment date", bad).unwrap_err().to_string();
            assert!(e.contains("expected a date like 2025-03-31 (the year in four digits, from 1900)"), "{bad}: {e}");
        }
    }
}
