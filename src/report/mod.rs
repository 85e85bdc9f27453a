//! The IC3-ready summary: a case laid out as the FBI IC3 complaint form, section by section, each
//! field ready to paste and carrying the form's character limit, followed by annexes that back the
//! complaint but are not pasted (IC3 takes no files; the organization keeps the originals).
//!
//! [`build`] reads a case through the [`Workspace`] into a [`Summary`]; [`render`] turns it into
//! Markdown, plain text or JSON. Nothing is ever cut to fit: the incident description is *drafted*
//! to fit its limit, and any other field over its limit is listed in [`Summary::over_limit`].

mod annex;
mod assemble;
mod checks;
mod draft;
mod ic3;
pub(crate) mod load;
mod markdown;
mod matches;
mod model;
mod neutral;
mod org_phones;
mod shapes;

/// What a redacted summary says of its masking, word for word in every format.
pub(crate) const REDACTED: &str = "Redacted: yes. The account and document numbers and crypto wallets this case records are \
     masked to their last 4 characters wherever they appear; in free text, so are IBANs and wallets whose checksums \
     hold, 1 or 2 letters followed by 7 to 9 digits, and any run of 8 or more digits but in a hash. Numbers written \
     in other shapes are not recognized: read the free text before sharing.";
mod technical;
mod text;
mod withheld;
mod written;

use std::str::FromStr;

pub use annex::*;
pub use ic3::{TransactionType, ic3_length};
pub(crate) use matches::STALE_MATCH;
pub use model::*;
/// Where the plain-text summary's prose wraps in a file.
pub use text::WIDTH as TEXT_WIDTH;

use crate::{Error, Result, Workspace};

/// How a summary is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Markdown,
    Text,
    Json,
}

impl Format {
    pub const ALL: &'static [Format] = &[Format::Markdown, Format::Text, Format::Json];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Text => "text",
            Format::Json => "json",
        }
    }

    /// The format a file name asks for by its extension: `.md` / `.markdown`, `.txt` / `.text`, `.json`
    /// (any case); `None` for any other name.
    pub fn for_path(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Format> {
        match s.trim().to_lowercase().as_str() {
            "markdown" | "md" => Ok(Format::Markdown),
            "text" | "txt" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            _ => Err(Error::NotOneOf {
                what: "report format",
                value: s.to_string(),
                expected: "markdown (md), text (txt), json".to_string(),
            }),
        }
    }
}

/// Choices that change what goes into a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Mask account numbers, document numbers and crypto wallets to their last 4 characters,
    /// wherever they appear, free text included.
    pub redact: bool,
    /// Check the audit chain and the case's sealed records first, and say at the top whether they hold.
    /// A preview redrawn on every change leaves this off and says that it did.
    pub verify: bool,
}

/// Builds the summary of case `case_id`, read through the workspace at the workspace clock's "now".
pub fn build(ws: &Workspace, case_id: i64, options: &Options) -> Result<Summary> {
    let record = options.verify.then(|| check_record(ws, case_id, &mut |_, _| {})).transpose()?;
    build_checked(ws, case_id, options, record)
}

/// Checks the audit chain and the case's sealed records, as a summary states at its top. It can take a
/// while on a large workspace, so the workstation runs it on a worker thread; `progress(done, total)`.
pub fn check_record(ws: &Workspace, case_id: i64, progress: &mut dyn FnMut(u64, u64)) -> Result<RecordCheck> {
    ws.case(case_id)?;
    let check = ws.verify(crate::workspace::Coverage::Case(case_id), None, progress)?;
    Ok(RecordCheck { holds: check.holds(), line: check.headline(), links: check.links })
}

/// [`build`] with the record already checked (or, with `None`, not checked: a preview).
pub fn build_checked(ws: &Workspace, case_id: i64, options: &Options, record: Option<RecordCheck>) -> Result<Summary> {
    let mut data = load::CaseData::load(ws, case_id, record)?;
    if options.redact {
        load::redact(ws, &mut data)?;
    }
    Ok(assemble::summary(&data, options))
}

/// The summary as plain text with its prose wrapped at `width` columns (the workstation's report tab
/// wraps it once, at the width it has); values to paste stay whole.
pub fn render_text(summary: &Summary, width: usize) -> String {
    crate::text::for_terminal(&text::render(summary, width)).into_owned()
}

/// Writes a summary out in `format`.
///
/// Markdown and text are read on terminals (`cat case-1.md`), so terminal controls in values from
/// outside are shown visibly there; JSON keeps every value exact.
pub fn render(summary: &Summary, format: Format) -> String {
    match format {
        Format::Markdown => crate::text::for_terminal(&markdown::render(summary)).into_owned(),
        Format::Text => render_text(summary, text::WIDTH),
        Format::Json => {
            let mut json = serde_json::to_string_pretty(summary)
                .expect("the summary model holds only strings, numbers, booleans and lists");
            json.push('\n');
            json
        }
    }
}

impl Summary {
    /// Fields longer than the form allows (and sections with more entries than it takes).
    pub fn over_limit(&self) -> &[LimitProblem] {
        &self.over_limit
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod format_tests {
    use super::*;

    #[test]
    fn formats_parse_with_their_short_names() {
        assert_eq!("md".parse::<Format>().unwrap(), Format::Markdown);
        assert_eq!(" TXT ".parse::<Format>().unwrap(), Format::Text);
        assert_eq!("json".parse::<Format>().unwrap(), Format::Json);
        let err = "pdf".parse::<Format>().unwrap_err().to_string();
        assert!(err.contains("markdown (md), text (txt), json"), "{err}");
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>().unwrap(), *f);
        }
    }
}
