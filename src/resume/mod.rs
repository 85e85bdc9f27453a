//! Resumes: reading their text, and fingerprints that find the same resume submitted under different
//! identities. The advisories tell employers to flag applicants with the same resume content; IT workers
//! run several personas from one template, changing the name, the contact lines and a few details.
//!
//! A resume is evidence attached to a case: its bytes, as hashed, go to a [`Reader`] (a child process with
//! memory, CPU and time limits, see `reader.rs`) that gives the text; [`Fingerprint::of_text`] makes a
//! compact, stored summary of it, and [`Fingerprint::band_keys`] the index keys that find similar resumes
//! among many without comparing every pair.

mod docx;
mod fingerprint;
mod pdf;
mod reader;

use std::path::Path;

pub use fingerprint::{
    BANDS, DEFAULT_THRESHOLD, ENCODED_LEN, Fingerprint, HASHES, MIN_THRESHOLD, ROWS, SHINGLE_WORDS, candidate_chance,
};
pub use reader::{CHILD_COMMAND, Limits, Reader, serve};

use crate::{Error, Result};

/// The file types [`extract_text`] reads, for messages and the README.
pub const SUPPORTED: &str = ".txt, .md, .docx, .pdf";

/// Largest resume file read. Real resumes are well under a megabyte; a PDF with photos can reach a few.
pub const MAX_BYTES: u64 = 20 << 20;

/// Formats whose text vetdesk can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Docx,
    Pdf,
}

impl Format {
    /// The format named by the file's extension (any case), if vetdesk reads it.
    pub fn of_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "txt" => Some(Format::Text),
            "md" => Some(Format::Markdown),
            "docx" => Some(Format::Docx),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    /// The format named by [`Format::as_str`].
    pub fn named(name: &str) -> Option<Format> {
        [Format::Text, Format::Markdown, Format::Docx, Format::Pdf].into_iter().find(|f| f.as_str() == name)
    }

    /// The kind of file, in messages ("the PDF needs more memory …").
    pub fn noun(self) -> &'static str {
        match self {
            Format::Text => "text file",
            Format::Markdown => "Markdown file",
            Format::Docx => "Word file",
            Format::Pdf => "PDF",
        }
    }
}

/// Reads the text of a resume file in this process, without the limits a [`Reader`] sets: for files
/// vetdesk made itself (tests, benchmarks). Plain text and Markdown are read as UTF-8 (invalid bytes
/// replaced), Markdown markup included: it is punctuation, which fingerprinting ignores.
///
/// Fails with one line naming the file when the extension is not in [`SUPPORTED`], the file is missing,
/// not a regular file, unreadable, corrupt or larger than [`MAX_BYTES`], or it holds no words.
pub fn extract_text(path: &Path) -> Result<String> {
    let format = Format::of_path(path)
        .ok_or_else(|| Error::file(path, format!("is not a resume vetdesk can read (supported: {SUPPORTED})")))?;
    let bytes = crate::files::read_bounded(path, MAX_BYTES, &too_big)?;
    let text = text_of(format, &bytes).map_err(|reason| Error::file(path, reason))?;
    has_words(format, &text).map_err(|reason| Error::file(path, reason))?;
    Ok(text)
}

/// Why a resume is refused for its size, following its path.
pub fn too_big() -> String {
    format!("is too large to be a resume (over {} MiB)", MAX_BYTES >> 20)
}

/// The text of a resume's bytes, in this process, or why it cannot be read (a phrase that follows the file
/// name). This is what the child process of a [`Reader`] runs.
pub fn text_of(format: Format, bytes: &[u8]) -> Result<String, String> {
    match format {
        Format::Text | Format::Markdown => Ok(String::from_utf8_lossy(bytes).into_owned()),
        Format::Docx => docx::text(bytes),
        Format::Pdf => pdf::text(bytes),
    }
}

/// Refuses text with nothing to fingerprint, saying why as a phrase that follows the file name.
fn has_words(format: Format, text: &str) -> Result<(), &'static str> {
    if text.chars().any(char::is_alphanumeric) {
        return Ok(());
    }
    Err(match format {
        Format::Pdf => "has no text to compare (a scanned PDF needs OCR first)",
        _ => "has no words to compare",
    })
}

/// The first line of an error from a dependency, so a message stays one line.
fn one_line(e: &dyn std::fmt::Display) -> String {
    let message = e.to_string();
    message.lines().next().unwrap_or_default().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHITFIELD: &str = include_str!("../../tests/fixtures/resumes/backend_whitfield.txt");
    const CALDWELL: &str = include_str!("../../tests/fixtures/resumes/backend_caldwell.txt");

    fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn error(path: &Path) -> String {
        extract_text(path).unwrap_err().to_string()
    }

    #[test]
    fn formats_come_from_the_extension_in_any_case() {
        let of = |name: &str| Format::of_path(Path::new(name));
        assert_eq!(of("cv.txt"), Some(Format::Text));
        assert_eq!(of("README.MD"), Some(Format::Markdown));
        assert_eq!(of("/cases/12/Resume Final.DocX"), Some(Format::Docx));
        assert_eq!(of("cv.pdf"), Some(Format::Pdf));
        assert_eq!(of("cv.doc"), None);
        assert_eq!(of("cv"), None);
        assert_eq!(of(".pdf"), None);
        let names: Vec<_> = [Format::Text, Format::Markdown, Format::Docx, Format::Pdf].map(Format::as_str).into();
        assert_eq!(names, ["text", "markdown", "docx", "pdf"]);
    }

    #[test]
    fn text_and_markdown_are_read_as_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let txt = write(&dir, "whitfield.txt", WHITFIELD.as_bytes());
        assert_eq!(extract_text(&txt).unwrap(), WHITFIELD);
        let md = write(&dir, "résumé.md", b"# Jordan Whitfield\n\n* **Go**, PostgreSQL \xff\n");
        assert_eq!(extract_text(&md).unwrap(), "# Jordan Whitfield\n\n* **Go**, PostgreSQL \u{fffd}\n");
    }

    #[test]
    fn docx_text_fingerprints_like_the_plain_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "caldwell.docx", &docx::tests::docx_of_lines(CALDWELL));
        let text = extract_text(&path).unwrap();
        assert!(text.starts_with("Ethan R. Caldwell\nSenior Backend Engineer\n"), "{text}");
        let from_docx = Fingerprint::of_text(&text).unwrap();
        assert_eq!(from_docx, Fingerprint::of_text(CALDWELL).unwrap());
    }

    #[test]
    fn pdf_text_fingerprints_like_the_plain_text() {
        let dir = tempfile::tempdir().unwrap();
        let lines: Vec<&str> = WHITFIELD.lines().filter(|line| !line.is_empty()).take(12).collect();
        let path = write(&dir, "whitfield.pdf", &pdf::tests::pdf_of_lines(&lines));
        let from_pdf = Fingerprint::of_text(&extract_text(&path).unwrap()).unwrap();
        assert_eq!(from_pdf, Fingerprint::of_text(&lines.join("\n")).unwrap());
    }

    #[test]
    fn unsupported_missing_empty_and_corrupt_files_are_one_line_errors() {
        let dir = tempfile::tempdir().unwrap();
        let doc = write(&dir, "cv.doc", b"legacy Word");
        assert!(
            error(&doc).ends_with("cv.doc: is not a resume vetdesk can read (supported: .txt, .md, .docx, .pdf)"),
            "{}",
            error(&doc)
        );
        assert!(error(&dir.path().join("gone.txt")).ends_with("gone.txt: no such file"));
        let empty = write(&dir, "empty.txt", b"");
        assert!(error(&empty).ends_with("empty.txt: has no words to compare"));
        let blank = write(&dir, "blank.md", b"  \n---\n* \n");
        assert!(error(&blank).ends_with("blank.md: has no words to compare"));
        let no_text = write(&dir, "scan.pdf", &pdf::tests::pdf("0 0 m 10 10 l S"));
        assert!(error(&no_text).ends_with("scan.pdf: has no text to compare (a scanned PDF needs OCR first)"));
        let renamed = write(&dir, "cv.docx", WHITFIELD.as_bytes());
        assert!(error(&renamed).contains("cv.docx: is not a readable .docx file ("), "{}", error(&renamed));
        let broken = write(&dir, "cv.pdf", &pdf::tests::pdf(pdf::tests::PANICKING_CONTENT));
        assert!(error(&broken).contains("cv.pdf: is a PDF vetdesk cannot read"), "{}", error(&broken));
        for path in [doc, empty, no_text, renamed, broken] {
            assert!(!error(&path).contains('\n'));
        }
    }

    #[test]
    fn files_over_the_cap_are_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.txt");
        std::fs::File::create(&path).unwrap().set_len(MAX_BYTES + 1).unwrap();
        assert!(error(&path).ends_with("huge.txt: is too large to be a resume (over 20 MiB)"), "{}", error(&path));
    }
}
