//! Printing helpers shared by the commands. Human output goes through [`line`] (the `say!` macro),
//! which shows terminal controls in values from outside visibly and returns write errors, so a reader
//! that goes away (`vetdesk case list | head -1`) ends the command quietly instead of a panic. JSON is
//! written as serde escapes it, and [`write_json`] also escapes the C1 controls and the bidirectional
//! controls that serde leaves as they are, so that no JSON printed drives a terminal either.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::Outcome;
use crate::text;

/// `--overwrite`, for a command that writes a file: without it, a file already at the path is refused, so
/// that a report or export never silently replaces one (a draft signed off, a bundle sent).
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct Overwrite {
    /// Replace the file if one is already there (a folder, link or device is never replaced)
    #[arg(long, requires = "output")]
    pub overwrite: bool,
}

impl Overwrite {
    /// Refuses `path` when something is there and `--overwrite` was not given.
    pub fn check(self, path: &std::path::Path) -> crate::Result<()> {
        crate::export::check_replaceable(path, self.overwrite)
    }
}

/// `say!("…", args)`: one line of human output on standard output; evaluates to `io::Result<()>`.
macro_rules! say {
    () => {
        $crate::cli::output::line("")
    };
    ($($arg:tt)*) => {
        $crate::cli::output::line(&format!($($arg)*))
    };
}

/// `tell!("…", args)`: one line for the user on standard error (progress, warnings, counts).
macro_rules! tell {
    ($($arg:tt)*) => {
        $crate::cli::output::to_stderr(&format!($($arg)*))
    };
}

pub(crate) use {say, tell};

/// Writes `s` and a newline to standard output, controls other than newline and tab made visible.
pub fn line(s: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text::for_terminal(s).as_bytes())?;
    out.write_all(b"\n")
}

/// Writes `s` as one line to standard error; a closed standard error is ignored.
pub fn to_stderr(s: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{}", text::for_terminal(s));
}

/// Prints `value` as pretty JSON.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Outcome {
    let mut out = std::io::stdout().lock();
    write_json(&mut out, value)?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes `value` as pretty JSON, with every C1 control (U+0080–U+009F) and bidirectional control
/// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) in its strings written `\uXXXX`: serde escapes
/// only C0 controls, and a raw CSI (U+009B) or right-to-left override reaches a terminal that shows the
/// JSON. The value read back is the same.
pub fn write_json<W: Write, T: Serialize + ?Sized>(out: W, value: &T) -> serde_json::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, Escaping(serde_json::ser::PrettyFormatter::new()));
    value.serialize(&mut serializer)
}

/// [`PrettyFormatter`](serde_json::ser::PrettyFormatter) with the escapes [`write_json`] adds.
struct Escaping<'a>(serde_json::ser::PrettyFormatter<'a>);

/// Whether `c` is written escaped by [`write_json`].
fn escaped_in_json(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{9f}' | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

impl serde_json::ser::Formatter for Escaping<'_> {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|(_, c)| escaped_in_json(*c)) {
            writer.write_all(&rest.as_bytes()[..at])?;
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.begin_array(writer)
    }
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.end_array(writer)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_array_value(writer, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(writer)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.begin_object(writer)
    }
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.end_object(writer)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_object_key(writer, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(writer)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(writer)
    }
}

/// Prints a new record's id alone, for scripts.
pub fn id(id: i64) -> Outcome {
    say!("{id}")?;
    Ok(ExitCode::SUCCESS)
}

/// Prints rows as left-aligned columns, the last column unpadded. Widths are display columns, so a
/// name in Hangul or Han characters (two columns each) keeps the row's columns in line.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> std::io::Result<()> {
    // Controls are made visible before measuring, so an escaped value keeps its column.
    let rows: Vec<Vec<String>> =
        rows.iter().map(|r| r.iter().map(|c| text::one_line(c).into_owned()).collect()).collect();
    let rows = rows.as_slice();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: Vec<&str>| {
        let last = cells.len().saturating_sub(1);
        let mut s = String::new();
        for (i, cell) in cells.iter().enumerate() {
            s.push_str(cell);
            if i != last {
                s.push_str(&" ".repeat(widths[i] - cell.width() + 2));
            }
        }
        s.trim_end().to_string()
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(out, "{}", line(header.to_vec()))?;
    for row in rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    out.flush()
}

/// [`table`] of a case's records, or, when it has none, `none` on standard error alone (`case #3 has no
/// payments`), as `note list` and `case list` say theirs, so that a bare header is never the answer. Below
/// the table, what was set aside and why: a line per voided record of `voids` (each record's id and void),
/// `#4 voided AT by WHO: REASON`, as the table shows only "(voided)" beside its id.
pub fn records_table<'a>(
    header: &[&str],
    rows: &[Vec<String>],
    none: &str,
    voids: impl IntoIterator<Item = (i64, Option<&'a crate::domain::Void>)>,
) -> std::io::Result<()> {
    if rows.is_empty() {
        tell!("{none}");
        return Ok(());
    }
    table(header, rows)?;
    for (id, void) in voids {
        if let Some(v) = void {
            say!("#{id} voided {} by {}: {}", v.voided_at, v.voided_by, text::for_terminal(&v.reason))?;
        }
    }
    Ok(())
}

/// Cuts `s` to `max` display columns for a table cell, marking the cut. Full values are in `--json`.
pub fn cell(s: &str, max: usize) -> String {
    let one_line = text::one_line(s);
    if one_line.width() <= max {
        return one_line.into_owned();
    }
    let mut cut = String::new();
    let mut used = 0;
    for c in one_line.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max.saturating_sub(1) {
            break;
        }
        cut.push(c);
        used += w;
    }
    cut.push('…');
    cut
}

pub fn opt(s: Option<&str>) -> String {
    s.unwrap_or("-").to_string()
}

/// A progress line on standard error for long work, only when a person is watching: it appears after
/// half a second, is redrawn at most five times a second, and is cleared when the work ends.
pub struct Progress {
    started: std::time::Instant,
    drawn: Option<std::time::Instant>,
    enabled: bool,
}

impl Progress {
    pub fn new() -> Progress {
        use std::io::IsTerminal;
        Progress { started: std::time::Instant::now(), drawn: None, enabled: std::io::stderr().is_terminal() }
    }

    /// Seconds since the work started.
    pub fn elapsed(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// Draws `line()` if it is time to.
    pub fn show(&mut self, line: impl FnOnce() -> String) {
        let due = self.drawn.is_none_or(|at| at.elapsed().as_millis() >= 200);
        if self.enabled && due && self.started.elapsed().as_millis() >= 500 {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{}\x1b[K", line());
            let _ = err.flush();
            self.drawn = Some(std::time::Instant::now());
        }
    }

    /// Draws `what` with how far the work is, `done` of `total`, as a percentage.
    pub fn percent(&mut self, what: &str, done: u64, total: u64) {
        self.show(|| format!("{what} {:>3}%", done.saturating_mul(100).checked_div(total).unwrap_or(100)));
    }

    pub fn finish(&self) {
        if self.drawn.is_some() {
            eprint!("\r\x1b[K");
        }
    }
}

/// A record's id as a list shows it: `#3`, or `#3 (voided)` for a voided record.
pub fn record_id(id: i64, void: Option<&crate::domain::Void>) -> String {
    match void {
        Some(_) => format!("#{id} (voided)"),
        None => format!("#{id}"),
    }
}

/// `  [voided 2026-03-01 by ana: typed on the wrong case]`, or nothing for a record in force.
pub fn void_note(void: Option<&crate::domain::Void>) -> String {
    void.map(|v| format!("  [voided {} by {}: {}]", v.voided_at, v.voided_by, v.reason)).unwrap_or_default()
}

/// Says above a case's records, when they no longer match their seal (changed behind vetdesk's back),
/// that they may not be as recorded: a listing shows the records as they are stored. With `json` the
/// warning goes to standard error, so that standard output stays the listing's JSON.
pub fn warn_if_altered(ws: &crate::Workspace, case_id: i64, json: bool) -> crate::Result<()> {
    warn_above(ws.case_warning(case_id)?.map(|why| format!("these records may not be as recorded: {why}")), json)
}

/// Says above a page of results (`search`, `note search`) when a case it names no longer matches its seal,
/// or the workspace is older than this machine last wrote it: the results show the records as stored.
pub fn warn_if_results_altered(
    ws: &crate::Workspace,
    cases: impl IntoIterator<Item = i64>,
    json: bool,
) -> crate::Result<()> {
    warn_above(ws.cases_warning(cases)?.map(|why| format!("these results may not be as recorded: {why}")), json)
}

/// Says `warning`, if any, above what a view shows: on its first line, or on standard error beside JSON,
/// so that standard output stays the view's JSON.
pub fn warn_above(warning: Option<String>, json: bool) -> crate::Result<()> {
    match warning {
        Some(what) if json => tell!("WARNING: {what}"),
        Some(what) => say!("WARNING: {what}")?,
        None => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_cut_by_display_columns() {
        assert_eq!(cell("Jordan Lee", 10), "Jordan Lee");
        assert_eq!(cell("Jordan Lee", 6), "Jorda…");
        // Hangul takes two columns a character: 5 characters fill 10 columns.
        assert_eq!(cell("김철수김철수", 12), "김철수김철수");
        assert_eq!(cell("김철수김철수", 10), "김철수김…");
        assert_eq!(cell("김철수김철수", 10).width(), 9);
    }

    #[test]
    fn json_escapes_c1_and_bidirectional_controls_and_reads_back_the_same() {
        let value = serde_json::json!({ "name": "a\u{9b}31mb\u{202e}c\u{1b}d é 한" });
        let mut out = Vec::new();
        write_json(&mut out, &value).expect("write");
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(text.contains(r"a\u009b31mb\u202ec\u001bd é 한"), "{text}");
        assert!(!text.chars().any(escaped_in_json));
        let back: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, value);
        let mut plain = Vec::new();
        serde_json::to_writer_pretty(&mut plain, &serde_json::json!({ "a": [1, { "b": [] }], "c": {} }))
            .expect("write");
        let mut ours = Vec::new();
        write_json(&mut ours, &serde_json::json!({ "a": [1, { "b": [] }], "c": {} })).expect("write");
        assert_eq!(ours, plain, "the layout is serde's pretty layout");
    }
}
