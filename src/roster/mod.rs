//! Roster screening: workforce exports from payroll, HR, applicant-tracking and vendor systems, imported as
//! dated snapshots and screened for shared and changing identifiers (issue 13).

pub mod fields;
pub mod hits;
pub mod read;

use std::path::Path;

use rusqlite::Connection;
use serde::Serialize;

pub use fields::Field;
pub use hits::{Hit, HitKind, Settings};
pub use read::{Encoding, RosterFile};

use crate::domain::IdentifierKind;
use crate::domain::identifier::Rules;
use crate::store::roster::{self, Person, Snapshot, Value};
use crate::{Error, Result};

/// What `roster import` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The system the export came from; defaults to the file name without its extension.
    pub source: Option<String>,
    /// The date the export describes (`YYYY-MM-DD`); defaults to today.
    pub as_of: Option<String>,
    /// `COLUMN=FIELD` overrides.
    pub maps: Vec<String>,
    pub encoding: Encoding,
}

/// A value as a dry run shows it: (field, value, warning).
pub type PreviewValue = (String, String, Option<String>);

/// What an import stored (or, in a dry run, would store).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub snapshot: Option<i64>,
    pub source: String,
    pub as_of: String,
    pub people: i64,
    pub values: i64,
    /// Values kept although they fail their format check (routing checksum, email syntax…).
    pub warnings: i64,
    /// Values left out because they hold nothing to match on ("n/a", "-").
    pub skipped: i64,
    pub sha256: String,
    /// Each mapped column: (header, field).
    pub mapping: Vec<(String, String)>,
    /// The columns nothing is read from.
    pub unused: Vec<read::Unused>,
    /// The first rows as parsed (dry run only): (id, [(field, value, warning)]), the fields that describe
    /// the person first.
    pub preview: Vec<(String, Vec<PreviewValue>)>,
    /// How many cells hold a line break, and where the first few are.
    pub several_lines: i64,
    pub several_lines_at: Vec<CellAt>,
}

/// A cell of a roster file: its line, its column's number (from 1) and header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellAt {
    pub line: u64,
    pub column: usize,
    pub header: String,
}

/// How many cells of several lines an import names.
const SEVERAL_LINES_NAMED: usize = 5;

/// The source name a file gives when none is named.
pub fn default_source(path: &Path) -> String {
    path.file_stem().map_or_else(|| "roster".into(), |s| s.to_string_lossy().into_owned())
}

/// One row turned into a person and their checked values. Values with nothing to match on are counted in
/// `skipped`.
pub fn person_of(row: &read::Row, rules: &Rules, skipped: &mut i64) -> (Person, Vec<Value>) {
    let mut p = Person { line: i64::try_from(row.line).unwrap_or(i64::MAX), ..Person::default() };
    let mut values = Vec::new();
    let text = |f: Field| row.values.iter().find(|(field, _, _)| *field == f).map(|(_, _, v)| v.as_str());
    let routing = text(Field::RoutingNumber).filter(|r| r.chars().filter(char::is_ascii_digit).count() == 9);
    for (field, _, raw) in &row.values {
        let raw = &one_line(raw);
        match field {
            Field::Id => p.person = raw.clone(),
            Field::Name => p.name = raw.clone(),
            Field::Vendor => p.vendor = raw.clone(),
            Field::Position => p.position = raw.clone(),
            Field::StartDate => p.start_date = raw.clone(),
            Field::Status => p.status = raw.clone(),
            Field::BankName => p.bank_name = raw.clone(),
            _ => {}
        }
        let Some(kind) = field.kind() else { continue };
        if raw.is_empty() {
            continue;
        }
        // Checked before an account takes its routing number: `011000015:0` would be a value.
        if crate::domain::identifier::is_placeholder(raw) {
            *skipped += 1;
            continue;
        }
        // An account is matched with its routing number when the export gives one in its own column.
        let value = match (field, routing) {
            (Field::AccountNumber, Some(r)) if !raw.contains([':', '/']) => format!("{}:{raw}", r.trim()),
            _ => raw.clone(),
        };
        match kind.check_with(&value, rules) {
            // A loopback or unspecified address, or a phone of zeros, is what a system writes for none.
            Ok(c) if names_no_one(kind, &c.normalized) => *skipped += 1,
            Ok(c) => values.push(Value {
                field: field.as_str().to_string(),
                kind: kind.as_str().to_string(),
                raw: value,
                normalized: c.normalized,
                warning: c.warning,
            }),
            Err(_) => *skipped += 1,
        }
    }
    (p, values)
}

/// Whether a value that passed its check still names no machine, line or place: an IP address that names
/// no machine of its own, `127.0.0.1`, `192.168.1.10`, `fe80::1` (every laptop has them, or any home
/// network may; shared by a roster's people they say nothing of a laptop farm), a
/// phone whose digits are all zeros (`000-000-0000`, a form's filler), or an address with no number in it
/// (`Remote`, `Home office`: what an HR system holds for a remote worker, not where one lives).
fn names_no_one(kind: IdentifierKind, normalized: &str) -> bool {
    match kind {
        IdentifierKind::Address => !normalized.chars().any(|c| c.is_ascii_digit()),
        IdentifierKind::Ip => normalized.parse::<std::net::IpAddr>().is_ok() && kind.ties_nothing(normalized).is_some(),
        IdentifierKind::Phone => {
            let digits = crate::domain::identifier::digits(normalized);
            // The digits after a country code: `+10000000000` is zeros after the 1.
            let national = if normalized.starts_with('+') { digits.get(1..).unwrap_or("") } else { &digits };
            !national.is_empty() && national.chars().all(|c| c == '0')
        }
        _ => false,
    }
}

/// Reads the whole file into a new snapshot (in the caller's transaction). Any bad row is an error
/// naming its line and column, and the caller's transaction is rolled back.
pub fn import_into(
    conn: &Connection,
    file: &mut RosterFile,
    snapshot: &Snapshot,
    rules: &Rules,
    preview_rows: usize,
) -> Result<ImportReport> {
    let id = if preview_rows == 0 { Some(roster::insert_snapshot(conn, snapshot)?) } else { None };
    let mut report = ImportReport {
        snapshot: id,
        source: snapshot.source.clone(),
        as_of: snapshot.as_of.clone(),
        mapping: file.mapping.iter().map(|(i, f)| (file.headers[*i].clone(), f.as_str().to_string())).collect(),
        unused: file.unused(),
        ..ImportReport::default()
    };
    let id_column = file.mapping.iter().find(|(_, f)| *f == Field::Id).map(|(i, _)| *i);
    let mut seen_ids = std::collections::HashMap::new();
    while let Some(row) = file.next_row()? {
        // A value goes into case records as they are (`roster open-case`): one line (a cell of several
        // lines is joined with commas), without control characters, of at most the characters a field holds.
        for (field, column, raw) in &row.values {
            if let Some(why) = crate::text::field_problem("the value", &one_line(raw)) {
                return Err(file.error_at(
                    row.line,
                    Some(*column),
                    &format!("{why} (as a {} field); correct the export and import it again", field.as_str()),
                ));
            }
        }
        for &column in &row.several_lines {
            report.several_lines += 1;
            if report.several_lines_at.len() < SEVERAL_LINES_NAMED {
                let header = file.headers.get(column).cloned().unwrap_or_default();
                report.several_lines_at.push(CellAt { line: row.line, column: column + 1, header });
            }
        }
        let (person, values) = person_of(&row, rules, &mut report.skipped);
        if person.person.is_empty() {
            return Err(file.error_at(row.line, id_column, "has no id"));
        }
        // Kept as an id, `n/a` would make everyone so listed one person from one export to the next.
        if crate::domain::identifier::is_placeholder(person.person.trim()) {
            return Err(file.error_at(
                row.line,
                id_column,
                &format!("has no id ({:?} is what a form writes for none)", person.person),
            ));
        }
        match id {
            Some(snap) => {
                if !roster::insert_person(conn, snap, &person)? {
                    let first = roster::person_line(conn, snap, &person.person)?.unwrap_or(0);
                    return Err(file.error_at(
                        row.line,
                        id_column,
                        &format!("duplicate id {:?} (first on line {first})", person.person),
                    ));
                }
                for v in &values {
                    roster::insert_value(conn, snap, &person.person, v)?;
                }
            }
            None => {
                // A dry run stores nothing, so it remembers ids to find duplicates.
                if let Some(first) = seen_ids.insert(person.person.clone(), row.line) {
                    return Err(file.error_at(
                        row.line,
                        id_column,
                        &format!("duplicate id {:?} (first on line {first})", person.person),
                    ));
                }
                if report.preview.len() < preview_rows {
                    let mut shown = described(&person);
                    shown.extend(values.iter().map(|v| (v.field.clone(), v.raw.clone(), v.warning.clone())));
                    report.preview.push((person.person.clone(), shown));
                }
            }
        }
        report.people += 1;
        report.values += values.len() as i64;
        report.warnings += values.iter().filter(|v| v.warning.is_some()).count() as i64;
    }
    report.sha256 = file.sha256();
    if let Some(snap) = id {
        roster::finish_snapshot(conn, snap, &report.sha256, report.people, report.warnings)?;
    }
    Ok(report)
}

/// The fields that describe a person (name, vendor, position…), as a dry run shows them: those the
/// export gives.
fn described(p: &Person) -> Vec<PreviewValue> {
    let fields = [
        (Field::Name, &p.name),
        (Field::Vendor, &p.vendor),
        (Field::Position, &p.position),
        (Field::StartDate, &p.start_date),
        (Field::Status, &p.status),
        (Field::BankName, &p.bank_name),
    ];
    fields.into_iter().filter(|(_, v)| !v.is_empty()).map(|(f, v)| (f.as_str().to_string(), v.clone(), None)).collect()
}

/// A value written over several lines in its cell (an address) as one line, its lines joined by commas.
fn one_line(raw: &str) -> String {
    if !raw.contains(['\n', '\r']) {
        return raw.to_string();
    }
    let lines: Vec<&str> = raw.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut out = String::new();
    for l in lines {
        if !out.is_empty() {
            out.push_str(if out.ends_with(',') { " " } else { ", " });
        }
        out.push_str(l);
    }
    out
}

/// Checks a source name: one line, not empty, without `:` (`roster show SOURCE:ID` splits at it).
pub fn check_source(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().any(|c| c.is_control() || c == ':') || name.chars().count() > 100 {
        return Err(Error::invalid(format!(
            "invalid roster source {name:?}: one line of at most 100 characters, without ':'"
        )));
    }
    Ok(name.to_string())
}
