use std::process::ExitCode;

use clap::Subcommand;

use super::Outcome;
use super::output::{self, cell, say, table};
use crate::Workspace;
use crate::domain::MarkState;

#[derive(Debug, Subcommand)]
pub enum CheckCommand {
    /// List every checklist item of a case with its state.
    List {
        id: i64,
        /// Only items in this state: open, flagged, clear or na.
        #[arg(long, value_parser = super::values::words!(MarkState), ignore_case = true)]
        state: Option<MarkState>,
        #[arg(long)]
        json: bool,
    },
    /// Set an item's state (open, flagged, clear, na), optionally with a note.
    Set {
        id: i64,
        /// A catalog code, e.g. RF-ID-01 (see `vetdesk catalog list`).
        code: String,
        #[arg(value_parser = super::values::words!(MarkState), ignore_case = true)]
        state: MarkState,
        /// Replaces the item's note; without it the note is kept.
        #[arg(long)]
        note: Option<String>,
    },
}

pub fn run(ws: &mut Workspace, command: CheckCommand) -> Outcome {
    match command {
        CheckCommand::List { id, state, json } => {
            let entries: Vec<_> =
                ws.checklist(id)?.into_iter().filter(|e| state.is_none_or(|s| e.state == s)).collect();
            output::warn_if_altered(ws, id, json)?;
            if json {
                return output::json(&entries);
            }
            let rows: Vec<Vec<String>> = entries
                .iter()
                .map(|e| {
                    vec![
                        e.item.code.clone(),
                        e.state.to_string(),
                        e.item.weight.to_string(),
                        e.item.phase.to_string(),
                        cell(&e.item.listed_title(), 60),
                        cell(&e.note, 40),
                    ]
                })
                .collect();
            table(&["CODE", "STATE", "W", "PHASE", "ITEM", "NOTE"], &rows)?;
            Ok(ExitCode::SUCCESS)
        }
        CheckCommand::Set { id, code, state, note } => {
            let a = ws.set_mark(id, &code, state, note.as_deref())?;
            let item = ws.case_catalog(id)?.resolve(&code)?;
            say!(
                "{} {state} · case #{id} risk {} ({}) · reviewed {}/{} ({}%)",
                item.code,
                a.score,
                a.band,
                a.reviewed,
                a.total,
                a.coverage_percent()
            )?;
            if let (Some(caution), crate::domain::MarkState::Flagged) = (&item.caution, state) {
                say!("caution: {caution}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
