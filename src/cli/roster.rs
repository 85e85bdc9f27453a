//! `vetdesk roster`: import workforce exports as dated snapshots, screen them, open cases from hits.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::Outcome;
use super::output::{self, cell, say, table, tell};
use super::paging::{self, Place};
use crate::Workspace;
use crate::roster::{Encoding, HitKind, ImportOptions};
use crate::text::counted;

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Import a roster export (CSV with a header row) as a dated snapshot of its source.
    Import(ImportArgs),
    /// List hits, strongest first: shared accounts, phones, emails and addresses, bank churn, changes,
    /// list and case matches, failed routing numbers.
    Screen {
        /// Only hits of this kind: case-match, listed, shared, bank-churn, bad-routing, changed, ship-elsewhere.
        #[arg(long, value_parser = super::values::words!(HitKind), ignore_case = true)]
        kind: Option<HitKind>,
        /// Dismissed hits too.
        #[arg(long)]
        all: bool,
        /// At most this many hits, strongest first (1 to 100,000).
        #[arg(long, default_value_t = 200, value_parser = super::paging::page_size())]
        limit: u32,
        /// Hits to skip first (the command says the next offset when there are more).
        #[arg(long, default_value_t = 0)]
        offset: u32,
        #[arg(long)]
        json: bool,
    },
    /// Set a hit aside; it returns only if its people or values change.
    Dismiss {
        hit: String,
        #[arg(long)]
        reason: String,
    },
    /// Open a case from a hit (its people as subjects, their identifiers, the reason as a note) and print
    /// the case id.
    OpenCase { hit: String },
    /// A person across the snapshots of their source (`ID`, or `SOURCE:ID`).
    Show {
        person: String,
        #[arg(long)]
        json: bool,
    },
    /// The snapshots imported so far.
    Snapshots {
        #[arg(long)]
        json: bool,
    },
    /// Remove snapshot rows not tied to a case or an open hit (default: every snapshot older than the
    /// bank-churn window, --roster-bank-days, before the newest of its source).
    Purge {
        #[arg(long)]
        source: Option<String>,
        /// Snapshots dated before this day (YYYY-MM-DD), the newest included.
        #[arg(long, value_name = "DATE")]
        before: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    file: PathBuf,
    /// The system the export came from (default: the file name without extension).
    #[arg(long)]
    source: Option<String>,
    /// The day the export describes, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Map a column (header name or number) to a field: id, name, vendor, position, start_date, status,
    /// bank_name, personal_email, work_email, phone, mobile_phone, home_address, shipping_address,
    /// routing_number, account_number, ip, device_serial, wallet.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    maps: Vec<String>,
    /// The file's encoding: utf-8 (default) or windows-1252 (also written cp1252, latin1 or iso-8859-1,
    /// which name it in web browsers and spreadsheets).
    #[arg(long, default_value = "utf-8")]
    encoding: String,
    /// Print the mapping and the first rows as parsed; write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
    #[arg(long)]
    json: bool,
}

pub fn run(ws: &mut Workspace, command: RosterCommand) -> Outcome {
    match command {
        RosterCommand::Import(a) => import(ws, a),
        RosterCommand::Screen { kind, all, limit, offset, json } => {
            let found = ws.roster_screen()?;
            let of_kind = found.iter().filter(|h| kind.is_none_or(|k| h.kind == k)).count();
            let dismissed = found.iter().filter(|h| h.dismissed && kind.is_none_or(|k| h.kind == k)).count();
            let every: Vec<_> = found
                .into_iter()
                .filter(|h| all || !h.dismissed)
                .filter(|h| kind.is_none_or(|k| h.kind == k))
                .collect();
            let (hits, more) = paging::slice(&every, limit, offset);
            let place = Place::by_offset(Some(every.len() as u64), offset, hits.len(), more);
            let warning = ws.roster_warning()?;
            if json {
                return paging::json(&[("warning", warning.into())], &place, "hits", hits);
            }
            if let Some(why) = &warning {
                say!("WARNING: these hits may not be as imported: {why}")?;
            }
            // Why there is nothing to show: no hit at all, none of the kind asked for, every one dismissed, or
            // a page past the end.
            let none = match (kind, of_kind, dismissed) {
                (None, 0, _) => "no roster hits".to_string(),
                (Some(k), 0, _) => format!("no roster hits of kind {k}"),
                (_, _, n) => format!("no open roster hits ({n} dismissed: `--all` lists them)"),
            };
            if place.told_empty(!every.is_empty(), "hits", &none) {
                return Ok(ExitCode::SUCCESS);
            }
            for h in hits {
                let dismissed = if h.dismissed { " (dismissed)" } else { "" };
                let case = h.case.map(|c| format!(" (case #{c} opened from it)")).unwrap_or_default();
                say!("{} {:>3} {}{dismissed}{case}: {}", h.id, h.strength, h.kind, h.reason)?;
                if let Some(d) = &h.dismissal {
                    say!("    dismissed {} by {}: {}", d.dismissed_at, d.dismissed_by, cell(&d.reason, 200))?;
                }
                for m in &h.people {
                    let name = if m.name.is_empty() { "-" } else { &m.name };
                    say!("    {} {} {} · {} {}", m.source, m.person, cell(name, 30), m.field, cell(&m.raw, 60))?;
                }
                if !h.supports.is_empty() {
                    say!("    supports {}", h.supports.join(", "))?;
                }
            }
            place.tell("hits");
            Ok(ExitCode::SUCCESS)
        }
        RosterCommand::Dismiss { hit, reason } => {
            let h = ws.roster_dismiss(&hit, &reason)?;
            say!("dismissed {} ({})", h.id, h.kind)?;
            Ok(ExitCode::SUCCESS)
        }
        RosterCommand::OpenCase { hit } => {
            let case = ws.roster_open_case(&hit)?;
            if case.earlier {
                tell!("case #{} was opened from roster hit {} already; nothing was written", case.id, case.hit);
            }
            say!("{}", case.id)?;
            Ok(ExitCode::SUCCESS)
        }
        RosterCommand::Show { person, json } => {
            let p = ws.roster_person(&person)?;
            let warning = ws.snapshots_warning(p.snapshots.iter().map(|s| s.snapshot))?;
            output::warn_above(warning.map(|why| format!("these rows may not be as imported: {why}")), json)?;
            if json {
                return output::json(&p);
            }
            say!(
                "{} {} · cases: {}",
                p.source,
                p.person,
                if p.cases.is_empty() {
                    "-".into()
                } else {
                    p.cases.iter().map(|c| format!("#{c}")).collect::<Vec<_>>().join(" ")
                }
            )?;
            for s in &p.snapshots {
                say!()?;
                // Only the details the file gave: an empty one would leave a bare separator.
                let given: Vec<&str> = [&s.person.name, &s.person.position, &s.person.status]
                    .into_iter()
                    .map(|d| d.trim())
                    .filter(|d| !d.is_empty())
                    .collect();
                let details =
                    if given.is_empty() { "no name, position or status given".into() } else { given.join(" · ") };
                say!("as of {} (snapshot {}): {details}", s.as_of, s.snapshot)?;
                let rows: Vec<Vec<String>> = s
                    .values
                    .iter()
                    .map(|v| vec![v.field.clone(), v.raw.clone(), v.warning.clone().unwrap_or_default()])
                    .collect();
                table(&["FIELD", "VALUE", "WARNING"], &rows)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        RosterCommand::Snapshots { json } => {
            let all = ws.roster_snapshots()?;
            // The newest snapshot of each source, as the screen checks them (an older one is checked when a
            // person's rows in it are shown, and by `audit verify`).
            let warning = ws.roster_warning()?;
            output::warn_above(warning.map(|why| format!("these snapshots may not be as imported: {why}")), json)?;
            if json {
                return output::json(&all);
            }
            let rows: Vec<Vec<String>> = all
                .iter()
                .map(|s| {
                    vec![
                        s.id.to_string(),
                        s.source.clone(),
                        s.as_of.clone(),
                        s.people.to_string(),
                        // After `roster purge`, the rows kept are fewer than the file listed.
                        if s.kept == s.people { s.kept.to_string() } else { format!("{} (purged)", s.kept) },
                        s.warnings.to_string(),
                        s.file_name.clone(),
                    ]
                })
                .collect();
            table(&["ID", "SOURCE", "AS OF", "PEOPLE", "KEPT", "WARNINGS", "FILE"], &rows)?;
            Ok(ExitCode::SUCCESS)
        }
        RosterCommand::Purge { source, before } => {
            let p = ws.roster_purge(source.as_deref(), before.as_deref())?;
            say!(
                // A person listed in three snapshots has three rows: rows are what is counted.
                "purged {} ({}) from {}; kept {} tied to a case or an open hit",
                counted(p.people, "person's row", "people's rows"),
                counted(p.values, "value", "values"),
                counted(p.snapshots, "snapshot", "snapshots"),
                counted(p.kept, "row", "rows")
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn import(ws: &mut Workspace, a: ImportArgs) -> Outcome {
    let encoding: Encoding = a.encoding.parse()?;
    let options = ImportOptions { source: a.source, as_of: a.as_of, maps: a.maps, encoding };
    let r = ws.roster_import(&a.file, &options, a.dry_run)?;
    if a.json {
        return output::json(&r);
    }
    if a.dry_run {
        say!("dry run: nothing was written")?;
        say!("source {} as of {}", r.source, r.as_of)?;
        let rows: Vec<Vec<String>> = r.mapping.iter().map(|(h, f)| vec![h.clone(), f.clone()]).collect();
        table(&["COLUMN", "FIELD"], &rows)?;
        for (id, values) in &r.preview {
            say!()?;
            say!("{id}")?;
            for (field, raw, warning) in values {
                let w = warning.as_ref().map(|w| format!("  (warning: {w})")).unwrap_or_default();
                say!("  {field:<17} {}{w}", cell(raw, 60))?;
            }
        }
        say!()?;
    }
    let verb = if a.dry_run { "would import" } else { "imported" };
    say!(
        "{verb} {}, {} as of {} into {}{}; {} kept with a warning, {} with nothing to match on left out",
        counted(r.people, "person", "people"),
        counted(r.values, "value", "values"),
        r.as_of,
        r.source,
        r.snapshot.map(|s| format!(" (snapshot {s})")).unwrap_or_default(),
        counted(r.warnings, "value", "values"),
        r.skipped
    )?;
    if r.several_lines > 0 {
        let at: Vec<String> = r
            .several_lines_at
            .iter()
            .map(|c| format!("line {}, {} (column {})", c.line, output::cell(&c.header, 40), c.column))
            .collect();
        let more = r.several_lines - r.several_lines_at.len() as i64;
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        say!(
            "{} {} line breaks, read as one cell each ({}{more}): a quote out of place also joins rows into one \
             cell, so check these against the export",
            r.several_lines,
            if r.several_lines == 1 { "cell holds" } else { "cells hold" },
            at.join("; ")
        )?;
    }
    // A wide export names its first columns not read, then counts the rest: a line per column would bury
    // the rest of what the import says.
    const UNUSED_SHOWN: usize = 20;
    if r.unused.len() > UNUSED_SHOWN {
        say!(
            "{} columns are not read; the first {UNUSED_SHOWN} follow (`roster import --help` tells how --map names a \
             field's column)",
            r.unused.len()
        )?;
    }
    for u in r.unused.iter().take(UNUSED_SHOWN) {
        let header = output::cell(&u.header, 40);
        match &u.also {
            None => say!(
                "column {} ({header}) is not read: vetdesk has no field for it (`--map COLUMN=FIELD` names one)",
                u.column
            )?,
            Some((field, column, read)) => say!(
                "column {} ({header}) is not read: {field} is read from column {column} ({}); map this one with \
                 --map to read it instead",
                u.column,
                output::cell(read, 40)
            )?,
        }
    }
    if let Some(more) = r.unused.len().checked_sub(UNUSED_SHOWN).filter(|n| *n > 0) {
        say!("… and {} not read", crate::text::counted(more, "more column", "more columns"))?;
    }
    // A second export as of the same day stands for that day in place of the first (a corrected export):
    // said, since a change between the two is then not screened as one.
    if let Some(id) = r.snapshot {
        let earlier: Vec<String> = ws
            .roster_snapshots()?
            .into_iter()
            .filter(|s| s.id != id && s.source == r.source && s.as_of == r.as_of)
            .map(|s| s.id.to_string())
            .collect();
        if !earlier.is_empty() {
            tell!(
                "note: snapshot {} of {} is as of {} too: this one stands for that day in its place, so what \
                 differs between them (a bank account, an address) is not screened as a change; `roster show \
                 PERSON` lists both",
                earlier.join(", "),
                r.source,
                r.as_of
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
