//! The built-in checklist catalogs and the sources they cite.

use std::process::ExitCode;

use clap::Subcommand;
use serde_json::json;

use super::Outcome;
use super::output::{self, cell, table, tell};
use crate::catalog::{self, Catalog};

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Every red flag, due-diligence measure and organisation control, with the sources they cite.
    List {
        /// A catalog version other than the current one (e.g. 2026.1, which older cases use).
        #[arg(long, value_name = "VERSION")]
        version: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The documents the catalog cites: issuer, title, number, date, URL, kind and how much was read.
    Sources {
        #[arg(long)]
        json: bool,
    },
}

pub fn catalog(command: &CatalogCommand) -> Outcome {
    match command {
        CatalogCommand::List { version, json } => list(pick(version.as_deref())?, *json),
        CatalogCommand::Sources { json } => sources(*json),
    }
}

fn pick(version: Option<&str>) -> crate::Result<&'static Catalog> {
    let Some(v) = version else { return Ok(catalog::builtin()) };
    catalog::version(v.trim()).ok_or_else(|| {
        let known: Vec<&str> = catalog::versions().iter().map(|c| c.version.as_str()).collect();
        crate::Error::invalid(format!("no catalog version {v:?}; this vetdesk has {}", known.join(", ")))
    })
}

fn list(c: &Catalog, json: bool) -> Outcome {
    if json {
        return output::json(&json!({
            "version": c.version,
            "previous": c.previous,
            "sources": c.cited_sources(),
            "items": c.items,
            "controls": c.controls,
        }));
    }
    let mut rows: Vec<Vec<String>> = c
        .items
        .iter()
        .map(|i| {
            vec![
                i.code.clone(),
                i.category.to_string(),
                i.phase.to_string(),
                i.weight.to_string(),
                cell(&i.listed_title(), 60),
                i.sources.join(", "),
            ]
        })
        .collect();
    rows.extend(c.controls.iter().map(|k| {
        vec![
            k.code.clone(),
            k.audience.to_string(),
            String::new(),
            "-".into(),
            cell(&k.title, 60),
            k.sources.join(", "),
        ]
    }));
    table(&["CODE", "CATEGORY", "PHASE", "W", "ITEM", "SOURCES"], &rows)?;
    let for_whom = |a: catalog::Audience| c.controls.iter().filter(|k| k.audience == a).count();
    tell!(
        "catalog {} · {} red flags, {} due-diligence measures, {} organisation controls, {} platform measures · \
         `vetdesk catalog sources` lists the sources",
        c.version,
        c.count(catalog::ItemKind::RedFlag),
        c.count(catalog::ItemKind::DueDiligence),
        for_whom(catalog::Audience::Organisation),
        for_whom(catalog::Audience::Platform)
    );
    Ok(ExitCode::SUCCESS)
}

fn sources(json: bool) -> Outcome {
    let all = catalog::sources();
    if json {
        return output::json(&all);
    }
    let current = catalog::builtin();
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|s| {
            vec![
                s.key.clone(),
                s.kind.to_string(),
                s.date.clone(),
                cell(&format!("{}: {}", s.issuer, s.title), 70),
                s.read.to_string(),
                current.citations_of(&s.key).to_string(),
            ]
        })
        .collect();
    table(&["KEY", "KIND", "DATE", "SOURCE", "READ", "CITED"], &rows)?;
    tell!("{} sources · CITED counts the items of catalog {} that cite each", all.len(), current.version);
    Ok(ExitCode::SUCCESS)
}

pub fn controls(ws: &crate::Workspace, json: bool) -> Outcome {
    let entries = ws.controls()?;
    let warning = ws.organization_warning()?.map(|why| format!("these controls may not be as recorded: {why}"));
    output::warn_above(warning, json)?;
    if json {
        return output::json(&entries);
    }
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.control.code.clone(),
                e.control.audience.to_string(),
                e.state.to_string(),
                cell(&e.control.title, 60),
                cell(&e.note, 30),
            ]
        })
        .collect();
    table(&["CODE", "FOR", "STATE", "CONTROL", "NOTE"], &rows)?;
    let reviewed = entries.iter().filter(|e| e.state != crate::domain::ControlState::Open).count();
    tell!("{reviewed} of {} controls reviewed · set one with `vetdesk org control CODE STATE`", entries.len());
    Ok(ExitCode::SUCCESS)
}
