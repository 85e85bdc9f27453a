use std::io::Read;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;

use super::Outcome;
use super::output::{self, cell, say, table};
use crate::Workspace;

#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Add a note to a case; with no TEXT, or `-`, the note is read from standard input.
    Add { id: i64, text: Option<String> },
    /// A case's notes, oldest first.
    List {
        id: i64,
        #[arg(long, default_value_t = 1000)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        #[arg(long)]
        json: bool,
    },
    /// Full-text search across every case's notes.
    Search {
        query: String,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ws: &mut Workspace, command: NoteCommand) -> Outcome {
    match command {
        NoteCommand::Add { id, text } => {
            let body = match text.as_deref() {
                None | Some("-") => {
                    let mut bytes = Vec::new();
                    std::io::stdin().read_to_end(&mut bytes).context("reading the note from standard input")?;
                    String::from_utf8(bytes)
                        .map_err(|_| anyhow::anyhow!("the note on standard input is not UTF-8 text"))?
                }
                Some(t) => t.to_string(),
            };
            output::id(ws.add_note(id, &body)?)
        }
        NoteCommand::List { id, limit, offset, json } => {
            let notes = ws.notes(id, limit, offset)?;
            if json {
                return output::json(&notes);
            }
            for n in &notes {
                say!("── #{} · {} · {}", n.id, n.created_at, n.author)?;
                say!("{}\n", n.body)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        NoteCommand::Search { query, limit, json } => {
            let notes = ws.search_notes(&query, limit)?;
            if json {
                return output::json(&notes);
            }
            let rows: Vec<Vec<String>> = notes
                .iter()
                .map(|n| vec![format!("#{}", n.case_id), format!("#{}", n.id), n.created_at.clone(), cell(&n.body, 80)])
                .collect();
            table(&["CASE", "NOTE", "WRITTEN", "TEXT"], &rows)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
