//! `vetdesk search WORDS`: the workstation's search, for scripts. Each case comes with where it matched.

use std::process::ExitCode;

use super::Outcome;
use super::output::{cell, table, tell};
use super::paging::{self, Place};
use crate::Workspace;
use crate::workspace::describe_places;

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Words (each a word prefix, accents ignored) or a value such as a phone, email or account number,
    /// matched however it was typed in the case.
    pub query: String,
    /// Only archived cases (left out otherwise).
    #[arg(long)]
    pub archived: bool,
    /// Archived cases and the others alike.
    #[arg(long, conflicts_with = "archived")]
    pub all: bool,
    /// At most this many cases, best first (1 to 100,000).
    #[arg(long, default_value_t = 50, value_parser = super::paging::page_size())]
    pub limit: u32,
    /// Cases to skip first (the command says the next offset when there are more).
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
    /// One JSON object: the page's place (`offset`, `more`, `next`) and the cases, each with where it matched.
    #[arg(long)]
    pub json: bool,
}

pub fn search(ws: &Workspace, a: &SearchArgs) -> Outcome {
    let archived = paging::cases(a.archived, a.all);
    // One more than the page, to tell whether there are more: search reads its hits in rank order and
    // stops, so it never knows how many there are in all.
    let read = ws.search(&a.query, archived, a.offset.saturating_add(a.limit).saturating_add(1))?;
    let (hits, more) = paging::slice(&read, a.limit, a.offset);
    let place = Place::looked_ahead(a.offset, hits.len(), more > 0);
    super::output::warn_if_results_altered(ws, hits.iter().map(|h| h.case.row.id), a.json)?;
    if a.json {
        return paging::json(&[("query", a.query.as_str().into())], &place, "cases", hits);
    }
    if hits.is_empty() {
        if a.offset > 0 && !read.is_empty() {
            tell!("no more cases match {:?}", a.query);
            return Ok(ExitCode::SUCCESS);
        }
        tell!("no case matches {:?}", a.query);
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = hits
        .iter()
        .map(|h| {
            let matched = describe_places(&h.found);
            vec![
                format!("#{}", h.case.row.id),
                cell(&h.case.row.title, 40),
                if h.case.row.archived_at.is_some() {
                    format!("{} (archived)", h.case.row.status)
                } else {
                    h.case.row.status.to_string()
                },
                cell(&matched, 100),
            ]
        })
        .collect();
    table(&["ID", "TITLE", "STATUS", "MATCHED"], &rows)?;
    place.tell("cases");
    Ok(ExitCode::SUCCESS)
}
