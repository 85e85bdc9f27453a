//! `case list`: one page of the case list, found by an index seek, with how many cases come after it and
//! the cursor that reads them.

use std::process::ExitCode;

use clap::Args;

use super::Outcome;
use super::output::{cell, table, tell};
use super::paging::{self, Next, Place};
use crate::Workspace;
use crate::domain::{CaseStatus, Priority};
use crate::store::case_page::CaseKey;
use crate::store::cases::{ArchivedCases, CaseQuery, CaseSort};
use crate::workspace::CaseSummary;

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("shelf").args(["archived", "all"]))]
pub struct ListArgs {
    /// Only cases with this status.
    #[arg(long, conflicts_with = "not_closed", value_parser = super::values::words!(CaseStatus), ignore_case = true)]
    status: Option<CaseStatus>,
    /// Every status but closed: the cases still being worked (open, investigating, escalated, reported).
    #[arg(long)]
    not_closed: bool,
    /// Only archived cases (left out of the list otherwise).
    #[arg(long)]
    archived: bool,
    /// Archived cases and the others alike.
    #[arg(long)]
    all: bool,
    /// Only cases with this priority.
    #[arg(long, value_parser = super::values::words!(Priority), ignore_case = true)]
    priority: Option<Priority>,
    /// updated, id, risk, priority or title.
    #[arg(long, default_value = "updated", value_parser = parse_sort)]
    sort: CaseSort,
    /// Oldest / lowest first instead.
    #[arg(long)]
    ascending: bool,
    /// Cases per page (1 to 100,000).
    #[arg(long, default_value_t = 100, value_parser = super::paging::page_size())]
    limit: u32,
    /// Skip this many cases first (read from the nearer end of the list; `--after` seeks instead).
    #[arg(long, default_value_t = 0, conflicts_with = "after")]
    offset: u32,
    /// The page after this cursor, as the previous page printed it (`next` in JSON): an index seek,
    /// as fast deep in the list as at its start, and steady while cases are added.
    #[arg(long, value_name = "CURSOR")]
    after: Option<String>,
    /// The page as JSON: the rows under `cases`, with where the page stands (`total`, `more`, `next`).
    #[arg(long)]
    json: bool,
}

fn parse_sort(s: &str) -> Result<CaseSort, String> {
    match s {
        "updated" => Ok(CaseSort::Updated),
        "id" => Ok(CaseSort::Id),
        "risk" => Ok(CaseSort::Risk),
        "priority" => Ok(CaseSort::Priority),
        "title" => Ok(CaseSort::Title),
        _ => Err("expected one of updated, id, risk, priority, title".into()),
    }
}

/// A page, with what the CLI says about where it sits.
struct Page {
    cases: Vec<CaseSummary>,
    /// All the cases the filter keeps; counted for offset pages, not for seeks past a cursor.
    total: Option<u64>,
    /// Cases after this page: all of them after an offset page, up to 1,000 after a seek.
    more: u64,
}

/// Reads the page `a` asks for: a seek past the cursor, the first page, or an offset page read from the
/// nearer end of the list (so the last page costs what the first does).
fn page(ws: &Workspace, a: &ListArgs, query: &CaseQuery) -> crate::Result<Page> {
    if let Some(cursor) = &a.after {
        let key = CaseKey::parse(cursor, a.sort)?;
        let cases = ws.cases(&CaseQuery { after: Some(key.clone()), ..query.clone() })?;
        let more = match cases.last() {
            Some(last) => ws.count_cases_after(query, &CaseKey::of(&last.row))?,
            None => 0,
        };
        return Ok(Page { cases, total: None, more });
    }
    let total = ws.count_cases(query)?;
    let offset = u64::from(a.offset);
    let cases = if offset > 0 && offset >= total / 2 {
        let take = u64::from(a.limit).min(total.saturating_sub(offset));
        let from_end = total.saturating_sub(offset + take);
        let tail = CaseQuery {
            limit: u32::try_from(take).unwrap_or(u32::MAX),
            offset: u32::try_from(from_end).unwrap_or(u32::MAX),
            ..query.clone()
        };
        if take == 0 { Vec::new() } else { ws.last_cases(&tail)? }
    } else {
        ws.cases(query)?
    };
    let more = total.saturating_sub(offset + cases.len() as u64);
    Ok(Page { cases, total: Some(total), more })
}

pub fn list(ws: &Workspace, a: &ListArgs) -> Outcome {
    let archived = paging::cases(a.archived, a.all);
    let query = CaseQuery {
        status: a.status,
        priority: a.priority,
        hide_closed: a.not_closed,
        archived,
        sort: a.sort,
        descending: !a.ascending,
        limit: a.limit,
        offset: a.offset,
        after: None,
    };
    let Page { cases, total, more } = page(ws, a, &query)?;
    let last = cases.last().map(|c| Next::After(CaseKey::of(&c.row).cursor(a.sort)));
    let place = Place::by_cursor(total, a.offset, cases.len(), more, last);
    // An older copy put back is said above the list (on standard error beside JSON); the list itself is not
    // checked against the seals, which would read every case.
    super::output::warn_above(ws.workspace_warning()?, a.json)?;
    super::output::warn_above(CaseSummary::not_utf8_warning(&cases), a.json)?;
    if a.json {
        return paging::json(&[], &place, "cases", &cases);
    }
    if cases.is_empty() {
        let everywhere = CaseQuery { archived: ArchivedCases::Included, ..CaseQuery::default() };
        match archived {
            _ if a.after.is_some() || a.offset > 0 => tell!("no more cases"),
            ArchivedCases::Only => tell!("no archived cases"),
            _ if a.status.is_some() || a.priority.is_some() || a.not_closed => tell!("no case matches"),
            _ if ws.count_cases(&everywhere)? > 0 => tell!("every case is archived: `--archived` lists them"),
            _ => {
                let me = super::meta::invoked_as();
                tell!(
                    "no cases yet: open one with `{me} case new TITLE`, or try fictional ones apart: `{me} --db demo.db demo`"
                )
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = cases
        .iter()
        .map(|c| {
            vec![
                format!("#{}", c.row.id),
                cell(&c.row.title, 40),
                cell(c.row.candidate.as_deref().unwrap_or("-"), 24),
                if c.row.archived_at.is_some() {
                    format!("{} (archived)", c.row.status)
                } else {
                    c.row.status.to_string()
                },
                c.row.priority.to_string(),
                format!("{} {}", c.row.risk_score, c.risk_band),
                format!("{}%", c.coverage_percent),
                c.row.updated_at.clone(),
            ]
        })
        .collect();
    table(&["ID", "TITLE", "CANDIDATE", "STATUS", "PRIORITY", "RISK", "REVIEWED", "CHANGED"], &rows)?;
    place.tell("cases");
    Ok(ExitCode::SUCCESS)
}
