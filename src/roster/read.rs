//! Reading a roster export: CSV with a header row, UTF-8 (a byte-order mark is skipped) or Windows-1252,
//! comma, semicolon or tab delimited (detected from the header line). Records are read one at a time, so
//! memory does not grow with the file.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::fields::Field;
use crate::{Error, Result};

/// How the file's bytes are text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Utf8,
    Windows1252,
}

impl std::str::FromStr for Encoding {
    type Err = Error;

    fn from_str(s: &str) -> Result<Encoding> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "windows-1252" | "cp1252" | "latin1" | "latin-1" | "iso-8859-1" => Ok(Encoding::Windows1252),
            _ => Err(Error::NotOneOf { what: "encoding", value: s.into(), expected: "utf-8, windows-1252".into() }),
        }
    }
}

/// One data row: its line, and the text of each mapped column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    pub values: Vec<(Field, usize, String)>,
    /// The columns, read or not, whose cell holds a line break: an address over two lines, or rows that a
    /// quote out of place joined into one cell, which only a reader can tell apart.
    pub several_lines: Vec<usize>,
}

/// A column of a roster file that no field is read from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Unused {
    /// Its number, counted from 1, and its header.
    pub column: usize,
    pub header: String,
    /// When its header names a field that another column is read for: the field, and that column's
    /// number and header.
    pub also: Option<(String, usize, String)>,
}

/// A roster file open for reading, its header mapped.
pub struct RosterFile {
    path: PathBuf,
    reader: csv::Reader<Hashing<BufReader<std::fs::File>>>,
    encoding: Encoding,
    pub headers: Vec<String>,
    pub delimiter: u8,
    /// Each mapped column: (column index, field).
    pub mapping: Vec<(usize, Field)>,
    record: csv::ByteRecord,
}

/// Passes bytes through while hashing them, and notes where each line starts, so that a row's line is
/// counted as an editor counts it whatever ends the lines (`\n`, Windows' `\r\n`, or a lone `\r`).
struct Hashing<R> {
    inner: R,
    hash: Sha256,
    /// Offsets (in the bytes the CSV reader sees) of the lines after the first.
    starts: Vec<u64>,
    /// The lines (1-based) holding nothing but their line break, which the CSV reader passes over.
    blank: Vec<u64>,
    offset: u64,
    after_cr: bool,
    content: bool,
    /// Where the row being read starts: a row running on past [`MAX_ROW_BYTES`] from here stops the read,
    /// so that a hostile file cannot make one field (or header) take memory without bound.
    row_start: u64,
    /// The file's delimiter, and where the reading stands in CSV's quoting (see [`Quoting`]).
    delimiter: u8,
    quoting: Quoting,
    /// Where the quoted field being read opened.
    quote_opened: u64,
}

/// Where a CSV reading stands: at a field's start, in an unquoted field, in a quoted one, or just after a
/// quote inside a quoted one (the field's end, or the first of a doubled quote).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoting {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// The longest row read, in bytes: a roster's values have at most [`crate::text::MAX_FIELD`] characters,
/// so this is room for a few hundred full columns.
pub const MAX_ROW_BYTES: u64 = 1 << 20;

impl<R> Hashing<R> {
    fn new(inner: R) -> Self {
        let (starts, blank) = (Vec::new(), Vec::new());
        Hashing {
            inner,
            hash: Sha256::new(),
            starts,
            blank,
            offset: 0,
            after_cr: false,
            content: false,
            row_start: 0,
            delimiter: b',',
            quoting: Quoting::FieldStart,
            quote_opened: 0,
        }
    }

    /// Follows CSV's quoting over one byte.
    fn quote(&mut self, b: u8) {
        let ends_field = b == self.delimiter || b == b'\n' || b == b'\r';
        self.quoting = match (self.quoting, b) {
            (Quoting::FieldStart, b'"') => {
                self.quote_opened = self.offset - 1;
                Quoting::Quoted
            }
            (Quoting::Quoted, b'"') => Quoting::QuoteInQuoted,
            (Quoting::Quoted, _) => Quoting::Quoted,
            (Quoting::QuoteInQuoted, b'"') => Quoting::Quoted,
            (_, _) if ends_field => Quoting::FieldStart,
            _ => Quoting::Unquoted,
        };
    }

    /// The offset where a quoted field opened that the end of the file left open.
    fn quote_left_open(&self) -> Option<u64> {
        (self.quoting == Quoting::Quoted).then_some(self.quote_opened)
    }

    /// The 1-based line holding the byte at `offset`.
    fn line_at_offset(&self, offset: u64) -> u64 {
        1 + self.starts.partition_point(|&s| s <= offset) as u64
    }

    /// The 1-based line of a record that the CSV reader began at `offset`: the first line from there that
    /// is not blank (the reader starts a record where the blank lines before it begin).
    fn line_at(&self, offset: u64) -> u64 {
        let mut line = 1 + self.starts.partition_point(|&s| s <= offset) as u64;
        while self.blank.binary_search(&line).is_ok() {
            line += 1;
        }
        line
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        for &b in &buf[..n] {
            self.offset += 1;
            self.quote(b);
            match b {
                // The `\n` of a `\r\n` ends no line of its own: the next line starts at it, where the CSV
                // reader may start a record.
                b'\n' if self.after_cr => {}
                b'\n' | b'\r' => {
                    if !std::mem::take(&mut self.content) {
                        self.blank.push(self.starts.len() as u64 + 1);
                    }
                    self.starts.push(self.offset);
                }
                _ => self.content = true,
            }
            self.after_cr = b == b'\r';
        }
        if self.offset.saturating_sub(self.row_start) > MAX_ROW_BYTES {
            let first = self.line_at(self.row_start);
            // A row over several lines is one a quote left open; one line that long is just that.
            let why = if self.line_at_offset(self.offset) > first {
                "(is a closing quote missing?)"
            } else {
                "(this one is a single line of the file)"
            };
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "line {first}: a row runs on past {} MiB; a roster's values have at most {} characters {why}",
                    MAX_ROW_BYTES >> 20,
                    crate::text::MAX_FIELD
                ),
            ));
        }
        Ok(n)
    }
}

/// Whether `head` reads as UTF-16 text without its byte-order mark: a header's ASCII letters, each with a
/// zero byte after it (little-endian) or before it (big-endian), over its first 16 characters or all of
/// a shorter file.
fn utf16_without_mark(head: &[u8]) -> bool {
    let pairs: Vec<&[u8]> = head.chunks_exact(2).take(16).collect();
    let little = pairs.iter().all(|p| p[0] != 0 && p[1] == 0);
    let big = pairs.iter().all(|p| p[0] == 0 && p[1] != 0);
    pairs.len() >= 2 && (little || big)
}

fn file_error(path: &Path, reason: impl Into<String>) -> Error {
    Error::File { path: path.to_path_buf(), reason: reason.into() }
}

impl RosterFile {
    /// Opens `path`, reads its header and maps its columns: recognized header names, then `maps`
    /// (`COLUMN=FIELD`, the column by header name or 1-based number).
    pub fn open(path: &Path, encoding: Encoding, maps: &[String]) -> Result<RosterFile> {
        let (file, _) = crate::files::open_regular(path)?;
        let mut buffered = BufReader::with_capacity(64 * 1024, file);
        let head = buffered.fill_buf().map_err(|e| file_error(path, e.to_string()))?;
        if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") || utf16_without_mark(head) {
            return Err(file_error(
                path,
                "is UTF-16 text (a spreadsheet's \"Unicode Text\"); save it as CSV UTF-8 and import that",
            ));
        }
        let bom = head.starts_with(b"\xEF\xBB\xBF");
        if bom && encoding == Encoding::Windows1252 {
            return Err(file_error(
                path,
                "starts with a UTF-8 byte-order mark, so it is UTF-8 text, not windows-1252: import it without --encoding",
            ));
        }
        let delimiter = detect_delimiter(if bom { &head[3..] } else { head });
        let mut hashing = Hashing::new(buffered);
        hashing.delimiter = delimiter;
        if bom {
            let mut skip = [0u8; 3];
            hashing.read_exact(&mut skip).map_err(|e| file_error(path, e.to_string()))?;
            // The CSV reader's offsets start after the mark, and so does its first field.
            hashing.offset = 0;
            hashing.quoting = Quoting::FieldStart;
        }
        let mut reader =
            csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(false).from_reader(hashing);
        let mut header = csv::ByteRecord::new();
        let read = reader.read_byte_record(&mut header).map_err(|e| csv_error(path, &e))?;
        if !read {
            return Err(file_error(path, "is empty; a roster starts with a header row"));
        }
        reader.get_mut().row_start = reader.position().byte();
        let mut headers = Vec::new();
        for (i, bytes) in header.iter().enumerate() {
            let name = decode(path, encoding, bytes, 1, i, "header")?.trim().to_string();
            if name.chars().count() > crate::text::MAX_FIELD {
                return Err(file_error(
                    path,
                    format!("line 1: column {}'s header has more than {} characters", i + 1, crate::text::MAX_FIELD),
                ));
            }
            headers.push(name);
        }
        let mapping = map_columns(path, &headers, maps)?;
        Ok(RosterFile {
            path: path.to_path_buf(),
            reader,
            encoding,
            headers,
            delimiter,
            mapping,
            record: csv::ByteRecord::new(),
        })
    }

    /// The columns no field is read from, each with the field its header names when another column is
    /// read for that field, so that an import can say what it left out.
    pub fn unused(&self) -> Vec<Unused> {
        let header = |i: usize| self.headers.get(i).map_or("", String::as_str);
        (0..self.headers.len())
            .filter(|i| !self.mapping.iter().any(|(m, _)| m == i))
            .map(|i| {
                let also = Field::recognize(header(i)).and_then(|f| {
                    let (read, _) = self.mapping.iter().find(|(_, m)| *m == f)?;
                    Some((f.as_str().to_string(), *read + 1, header(*read).to_string()))
                });
                Unused { column: i + 1, header: header(i).to_string(), also }
            })
            .collect()
    }

    /// How a column is named in a message: its number and header.
    pub fn column(&self, index: usize) -> String {
        format!("column {} ({})", index + 1, self.headers.get(index).map_or("", String::as_str))
    }

    /// A message about a place in the file: "FILE: line N, column C (Header): what".
    pub fn error_at(&self, line: u64, column: Option<usize>, what: &str) -> Error {
        let at = match column {
            Some(c) => format!("line {line}, {}", self.column(c)),
            None => format!("line {line}"),
        };
        file_error(&self.path, format!("{at}: {what}"))
    }

    /// The next data row, or `None` at the end. A row with another number of fields than the header, or a
    /// byte that is not text in the file's encoding, is an error naming its line and column.
    pub fn next_row(&mut self) -> Result<Option<Row>> {
        loop {
            let read = self.reader.read_byte_record(&mut self.record).map_err(|e| csv_error(&self.path, &e))?;
            if !read {
                // A quote never closed took every row after it, to the end, as one field's text.
                if let Some(opened) = self.reader.get_ref().quote_left_open() {
                    let line = self.reader.get_ref().line_at_offset(opened);
                    return Err(self.error_at(
                        line,
                        None,
                        "a quoted field opens here and is never closed, so every row after it would be read as \
                         its text (is a closing quote missing?)",
                    ));
                }
                return Ok(None);
            }
            let end = self.reader.position().byte();
            self.reader.get_mut().row_start = end;
            let line = self.reader.get_ref().line_at(self.record.position().map_or(0, |p| p.byte()));
            // A blank line between rows (some exports end with several) is no row.
            if self.record.len() == 1 && self.record[0].iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if self.record.len() != self.headers.len() {
                // A quote left open runs on through the line breaks after it, to the end of the file.
                let open_quote = self.record.iter().any(|f| f.contains(&b'\n') || f.contains(&b'\r'));
                let why = if open_quote {
                    format!(
                        "has {} fields where the header has {}: a quoted field that starts here runs on \
                         over a line break (is a closing quote missing?)",
                        self.record.len(),
                        self.headers.len()
                    )
                } else {
                    format!("has {} fields where the header has {}", self.record.len(), self.headers.len())
                };
                return Err(self.error_at(line, None, &why));
            }
            let mut values = Vec::with_capacity(self.mapping.len());
            for &(index, field) in &self.mapping {
                let text = decode(&self.path, self.encoding, &self.record[index], line, index, &self.headers[index])?;
                values.push((field, index, text.trim().to_string()));
            }
            let several_lines = self
                .record
                .iter()
                .enumerate()
                .filter(|(_, f)| f.contains(&b'\n') || f.contains(&b'\r'))
                .map(|(i, _)| i);
            return Ok(Some(Row { line, values, several_lines: several_lines.collect() }));
        }
    }

    /// The SHA-256 of the bytes read so far: of the whole file once every row is read.
    pub fn sha256(&mut self) -> String {
        // What is left after the last row is no row: no bound applies to it.
        self.reader.get_mut().row_start = u64::MAX;
        let _ = std::io::copy(self.reader.get_mut(), &mut std::io::sink());
        crate::store::audit::hex(&self.reader.get_ref().hash.clone().finalize())
    }
}

fn csv_error(path: &Path, e: &csv::Error) -> Error {
    match e.kind() {
        csv::ErrorKind::Io(io) => file_error(path, io.to_string()),
        _ => {
            let line = e.position().map_or(0, |p| p.line());
            file_error(path, format!("line {line}: cannot be read as CSV ({e})"))
        }
    }
}

fn decode(path: &Path, encoding: Encoding, bytes: &[u8], line: u64, index: usize, header: &str) -> Result<String> {
    match encoding {
        Encoding::Utf8 => match std::str::from_utf8(bytes) {
            Ok(text) => Ok(text.to_string()),
            Err(e) => Err(file_error(
                path,
                format!(
                    "line {line}, column {} ({header}): byte {:#04x} is not UTF-8 (an export in Windows-1252? \
                     use --encoding windows-1252)",
                    index + 1,
                    bytes[e.valid_up_to()]
                ),
            )),
        },
        Encoding::Windows1252 => {
            let (text, had_errors) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            // The five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) decode to C1
            // control characters: not text.
            if had_errors || text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)) {
                return Err(file_error(
                    path,
                    format!("line {line}, column {} ({header}): has bytes that are not Windows-1252", index + 1),
                ));
            }
            Ok(text.into_owned())
        }
    }
}

/// The delimiter of the header line: whichever of comma, semicolon and tab appears most outside quotes.
fn detect_delimiter(head: &[u8]) -> u8 {
    let mut counts: BTreeMap<u8, usize> = BTreeMap::new();
    let mut quoted = false;
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' | b';' | b'\t' if !quoted => *counts.entry(b).or_default() += 1,
            _ => {}
        }
    }
    [b',', b';', b'\t'].into_iter().max_by_key(|d| (counts.get(d).copied().unwrap_or(0), *d == b',')).unwrap_or(b',')
}

fn map_columns(path: &Path, headers: &[String], maps: &[String]) -> Result<Vec<(usize, Field)>> {
    let mut by_field: BTreeMap<Field, usize> = BTreeMap::new();
    for (i, h) in headers.iter().enumerate() {
        if let Some(f) = Field::recognize(h) {
            by_field.entry(f).or_insert(i);
        }
    }
    // Each column given once and each field once: a second --map for either would silently undo the first.
    let mut given: BTreeMap<usize, &str> = BTreeMap::new();
    let mut fields: BTreeMap<Field, &str> = BTreeMap::new();
    for m in maps {
        let Some((column, field)) = m.rsplit_once('=') else {
            return Err(file_error(path, format!("--map {m:?}: expected COLUMN=FIELD")));
        };
        let Some(field) = Field::parse(field) else {
            return Err(file_error(
                path,
                format!("--map {m:?}: unknown field {:?} (expected one of {})", field.trim(), Field::names()),
            ));
        };
        let column = column.trim();
        let index = headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(column))
            .or_else(|| column.parse::<usize>().ok().filter(|n| (1..=headers.len()).contains(n)).map(|n| n - 1));
        let Some(index) = index else {
            return Err(file_error(path, format!("--map {m:?}: line 1 has no column {column:?}")));
        };
        if let Some(earlier) = given.insert(index, m) {
            return Err(file_error(path, format!("--map {earlier:?} and --map {m:?} both map column {}", index + 1)));
        }
        if let Some(earlier) = fields.insert(field, m) {
            return Err(file_error(path, format!("--map {earlier:?} and --map {m:?} both map to {}", field.as_str())));
        }
        by_field.retain(|_, i| *i != index);
        by_field.insert(field, index);
    }
    if !by_field.contains_key(&Field::Id) {
        return Err(file_error(
            path,
            format!("line 1: no id column among {:?} (name one with --map COLUMN=id)", headers.join(", ")),
        ));
    }
    let mut mapping: Vec<(usize, Field)> = by_field.into_iter().map(|(f, i)| (i, f)).collect();
    mapping.sort();
    Ok(mapping)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_most_common_outside_quotes() {
        assert_eq!(detect_delimiter(b"id,name,email\n1;2;3;4"), b',');
        assert_eq!(detect_delimiter(b"id;\"a,b,c\";email\n"), b';');
        assert_eq!(detect_delimiter(b"id\tname\temail"), b'\t');
        assert_eq!(detect_delimiter(b"id"), b',');
    }
}
