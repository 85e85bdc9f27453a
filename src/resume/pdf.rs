//! Text of a PDF, through the `pdf-extract` crate.
//!
//! `pdf-extract` panics on many malformed files (an operator without its operands, a font the page names
//! but does not define), so a read runs under `catch_unwind` and a panic becomes a one-line error. The
//! panic must not print either: the TUI owns the screen, and its own panic hook restores the terminal,
//! which would tear the screen down for a panic we catch.
//!
//! Silencing is a once-installed hook that wraps whatever hook is current, plus a thread-local flag set
//! only while this thread is inside `pdf-extract`. A panic elsewhere, on this or any other thread, goes to
//! the previous hook as before. Swapping the hook around each read (`take_hook`, read, `set_hook`) would
//! race: two threads reading PDFs at once can restore each other's silent hook and leave it installed for
//! good, and a panic on another thread during a read would lose its message and the terminal restore.
//!
//! The wrapper must sit outside any hook that restores the terminal, so it has to be installed after the
//! TUI's: it is, because the TUI installs its hook at start-up and PDFs are read later. A hook installed
//! after the first PDF read would run before the wrapper and see the caught panics. A stack overflow, or
//! any panic under `panic = "abort"` (vetdesk does not use it), still ends the process: which is why
//! vetdesk reads resumes in a child process with limits (`reader.rs`), where this runs.

use std::cell::Cell;
use std::panic;
use std::sync::Once;

thread_local! {
    static READING_PDF: Cell<bool> = const { Cell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

/// The text of the PDF in `bytes`, or why it cannot be read (a phrase that follows the file name).
pub(super) fn text(bytes: &[u8]) -> Result<String, String> {
    QUIET_HOOK.call_once(install_quiet_hook);
    let outcome = {
        let _reading = Reading::start();
        panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes))
    };
    match outcome {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(format!("is not a readable PDF ({})", super::one_line(&e))),
        Err(payload) => {
            let detail = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(format!("is a PDF vetdesk cannot read (the PDF reader stopped: {})", super::one_line(&detail)))
        }
    }
}

fn install_quiet_hook() {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if !READING_PDF.with(Cell::get) {
            previous(info);
        }
    }));
}

/// Marks this thread as inside `pdf-extract` until dropped.
struct Reading;

impl Reading {
    fn start() -> Self {
        READING_PDF.with(|flag| flag.set(true));
        Reading
    }
}

impl Drop for Reading {
    fn drop(&mut self) {
        READING_PDF.with(|flag| flag.set(false));
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A one-page PDF with `content` as its content stream and Helvetica as font `/F1`, with a correct
    /// cross-reference table.
    pub(in crate::resume) fn pdf(content: &str) -> Vec<u8> {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
             /Resources << /Font << /F1 5 0 R >> >> >>"
                .to_string(),
            format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for offset in offsets {
            out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        let trailer = format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1);
        out.extend_from_slice(trailer.as_bytes());
        out
    }

    /// A PDF whose lines are `lines`, one text line each.
    pub(in crate::resume) fn pdf_of_lines(lines: &[&str]) -> Vec<u8> {
        let mut content = String::from("BT /F1 11 Tf 72 720 Td 14 TL\n");
        for line in lines {
            let escaped = line.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
            content.push_str(&format!("({escaped}) Tj T*\n"));
        }
        content.push_str("ET");
        pdf(&content)
    }

    /// Names font /F9, which the page does not define: `pdf-extract` panics on it.
    pub(in crate::resume) const PANICKING_CONTENT: &str = "BT /F9 11 Tf 72 720 Td (Jordan Whitfield) Tj ET";

    #[test]
    fn reads_the_text_of_a_simple_pdf() {
        let lines = ["Jordan Whitfield - Senior Backend Engineer", "Go, PostgreSQL (and Kafka)"];
        let text = text(&pdf_of_lines(&lines)).unwrap();
        assert_eq!(text.split_whitespace().collect::<Vec<_>>().join(" "), lines.join(" "));
    }

    #[test]
    fn broken_pdfs_are_errors_and_the_flag_is_cleared() {
        let truncated = pdf_of_lines(&["Jordan Whitfield"]);
        let reason = text(&truncated[..truncated.len() / 2]).unwrap_err();
        assert!(reason.starts_with("is not a readable PDF ("), "{reason}");
        let reason = text(&pdf(PANICKING_CONTENT)).unwrap_err();
        assert!(reason.starts_with("is a PDF vetdesk cannot read (the PDF reader stopped: "), "{reason}");
        assert!(!reason.contains('\n'));
        assert!(!READING_PDF.with(Cell::get));
    }

    /// The panic inside `pdf-extract` must not reach stderr. Checked in a child process (this same test
    /// binary, running only this test) because the parent's output is captured by the test harness.
    #[test]
    fn a_caught_pdf_panic_prints_nothing() {
        const CHILD: &str = "VETDESK_TEST_PDF_PANIC_CHILD";
        if std::env::var_os(CHILD).is_some() {
            assert!(text(&pdf(PANICKING_CONTENT)).is_err());
            // Other panics still reach the previous hook.
            let _ = panic::catch_unwind(|| panic!("an unrelated panic"));
            return;
        }
        let this_test = "resume::pdf::tests::a_caught_pdf_panic_prints_nothing";
        let output = std::process::Command::new(std::env::current_exe().unwrap())
            .args([this_test, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD, "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        assert!(String::from_utf8_lossy(&output.stdout).contains("1 passed"));
        assert_eq!(stderr.matches("panicked at").count(), 1, "{stderr}");
        assert!(stderr.contains("an unrelated panic"), "{stderr}");
    }
}
