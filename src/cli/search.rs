//! `vetdesk search WORDS`: the workstation's search, for scripts. Each case comes with where it matched.

use std::process::ExitCode;

use super::Outcome;
use super::output::{self, cell, table, tell};
use crate::Workspace;
use crate::store::cases::ArchivedCases;
use crate::store::search::Found;

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
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    #[arg(long)]
    pub json: bool,
}

pub fn search(ws: &Workspace, a: &SearchArgs) -> Outcome {
    let archived = match (a.archived, a.all) {
        (true, _) => ArchivedCases::Only,
        (_, true) => ArchivedCases::Included,
        _ => ArchivedCases::Hidden,
    };
    let hits = ws.search(&a.query, archived, a.limit)?;
    if a.json {
        return output::json(&serde_json::json!({ "query": a.query, "cases": hits }));
    }
    if hits.is_empty() {
        tell!("no case matches {:?}", a.query);
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = hits
        .iter()
        .map(|h| {
            let matched = h.found.iter().map(Found::describe).collect::<Vec<_>>().join(" · ");
            vec![
                format!("#{}", h.case.row.id),
                cell(&h.case.row.title, 40),
                h.case.row.status.to_string(),
                cell(&matched, 100),
            ]
        })
        .collect();
    table(&["ID", "TITLE", "STATUS", "MATCHED"], &rows)?;
    Ok(ExitCode::SUCCESS)
}
