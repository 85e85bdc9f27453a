//! The documents the catalog cites, one record each (`catalog/sources.toml`), shared by every catalog
//! version so a citation always names the same document.

use serde::{Deserialize, Serialize};

use crate::domain::word_enum;

word_enum!(SourceKind, "source kind", {
    Government => "government",
    Legal => "legal",
    Industry => "industry",
    Reference => "reference",
});

word_enum!(
    /// How much of a source's own text was read when the catalog items citing it were written.
    Reading, "reading", {
    Full => "full",
    Partial => "partial",
    Secondary => "secondary",
    None => "none",
});

/// One cited document.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub key: String,
    /// Who published it.
    pub issuer: String,
    /// Its own title, as published.
    pub title: String,
    /// Its official number (e.g. `I-101823-PSA`); empty when it has none.
    #[serde(default)]
    pub identifier: String,
    /// `YYYY-MM-DD`, or `YYYY-MM` when only the month is known.
    pub date: String,
    /// Where it is published; empty only when it is not public (`reading_note` says why).
    #[serde(default)]
    pub url: String,
    pub kind: SourceKind,
    pub read: Reading,
    /// What of it was read, and where.
    pub reading_note: String,
}

impl Source {
    /// What is missing for the record to be usable as a citation; empty when nothing is.
    pub(super) fn gaps(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        for (name, value) in [("issuer", &self.issuer), ("title", &self.title), ("date", &self.date)] {
            if value.trim().is_empty() {
                out.push(name);
            }
        }
        if !is_date(&self.date) && !self.date.trim().is_empty() {
            out.push("a date shaped YYYY-MM-DD or YYYY-MM");
        }
        if self.url.trim().is_empty() && self.reading_note.trim().is_empty() {
            out.push("a URL or a note saying why there is none");
        }
        out
    }
}

fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    }
}
