use std::io::Read;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;

use super::Outcome;
use super::output::{self, cell, say, table};
use super::paging::{self, Next, Place};
use crate::Workspace;
use crate::store::void::Voidable;

#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Add a note to a case; with no TEXT, or `-`, the note is read from standard input.
    Add { id: i64, text: Option<String> },
    /// Replace a note's text (by the note's own id); the earlier text is kept as its history. With no TEXT,
    /// or `-`, the new text is read from standard input.
    Edit { nid: i64, text: Option<String> },
    /// A note as it reads now and every earlier text it had, oldest first.
    History {
        nid: i64,
        #[arg(long)]
        json: bool,
    },
    /// A case's notes, oldest first.
    List {
        id: i64,
        /// At most this many notes (1 to 100,000).
        #[arg(long, default_value_t = 1000, value_parser = super::paging::page_size())]
        limit: u32,
        /// Notes to skip first (the command says the next offset when there are more).
        #[arg(long, default_value_t = 0)]
        offset: u32,
        /// One JSON object: the page's place (`total`, `offset`, `more`, `next`) and the notes.
        #[arg(long)]
        json: bool,
    },
    /// Full-text search across every case's notes, the last recorded here first, a page at a time.
    Search {
        query: String,
        /// At most this many notes (1 to 100,000).
        #[arg(long, default_value_t = 50, value_parser = super::paging::page_size())]
        limit: u32,
        /// Notes to skip first (`--before`, the cursor each page prints, reads a later page as fast).
        #[arg(long, default_value_t = 0)]
        offset: u32,
        /// Only notes older than this note id (the cursor the previous page printed): a seek.
        #[arg(long, value_name = "NOTE")]
        before: Option<i64>,
        /// Only notes of archived cases (left out otherwise).
        #[arg(long)]
        archived: bool,
        /// Notes of archived cases and the others alike.
        #[arg(long, conflicts_with = "archived")]
        all: bool,
        /// One JSON object: the page's place (`offset`, `more`, `next`) and the notes found.
        #[arg(long)]
        json: bool,
    },
    /// Void a note by its own id, with --reason: it stays in the case view and the audit
    /// trail, and leaves links, suggestions, search, scores and the summary.
    Void(super::corrections::VoidArgs),
    /// Restore a voided note.
    Unvoid(super::corrections::UnvoidArgs),
}

pub fn run(ws: &mut Workspace, command: NoteCommand) -> Outcome {
    match command {
        NoteCommand::Void(a) => super::corrections::void(ws, Voidable::Note, "note", &a),
        NoteCommand::Unvoid(a) => super::corrections::unvoid(ws, Voidable::Note, &a),
        NoteCommand::Add { id, text } => output::id(ws.add_note(id, &text_or_stdin(text.as_deref())?)?),
        NoteCommand::Edit { nid, text } => {
            let note = ws.edit_note(nid, &text_or_stdin(text.as_deref())?)?;
            let earlier = crate::text::counted(note.revisions, "earlier text", "earlier texts");
            say!("note #{nid} edited; its {earlier}: `vetdesk note history {nid}`")?;
            Ok(ExitCode::SUCCESS)
        }
        NoteCommand::History { nid, json } => {
            let (note, history) = ws.note_history(nid)?;
            // The earlier texts are records of the case too, sealed with it.
            output::warn_if_altered(ws, note.case_id, json)?;
            if json {
                return output::json(&serde_json::json!({ "note": note, "history": history }));
            }
            for h in &history {
                say!(
                    "── revision {} · written {} by {} · replaced {} by {}",
                    h.revision,
                    h.written_at,
                    h.written_by,
                    h.replaced_at,
                    h.replaced_by
                )?;
                say!("{}\n", h.body)?;
            }
            let now = history.last().map_or(format!("written {} by {}", note.created_at, note.author), |h| {
                format!("written {} by {}", h.replaced_at, h.replaced_by)
            });
            say!("── now · {now}")?;
            say!("{}", note.body)?;
            Ok(ExitCode::SUCCESS)
        }
        NoteCommand::List { id, limit, offset, json } => {
            let notes = ws.notes(id, limit, offset)?;
            let total = ws.count_notes(id)?;
            let place = Place::by_offset(
                Some(total),
                offset,
                notes.len(),
                total.saturating_sub(u64::from(offset) + notes.len() as u64),
            );
            output::warn_if_altered(ws, id, json)?;
            if json {
                return paging::json(&[("case", id.into())], &place, "notes", &notes);
            }
            if place.told_empty(offset > 0 && total > 0, "notes", &format!("case #{id} has no notes")) {
                return Ok(ExitCode::SUCCESS);
            }
            for n in &notes {
                let edited = if n.revisions > 0 {
                    format!(" · edited ({})", crate::text::counted(n.revisions, "earlier text", "earlier texts"))
                } else {
                    String::new()
                };
                say!("── #{} · {} · {}{edited}{}", n.id, n.created_at, n.author, output::void_note(n.void.as_ref()))?;
                say!("{}\n", n.body)?;
            }
            place.tell("notes");
            Ok(ExitCode::SUCCESS)
        }
        NoteCommand::Search { query, limit, offset, before, archived, all, json } => {
            let archived = paging::cases(archived, all);
            let (notes, more) = ws.search_notes_page(&query, archived, before, limit, offset)?;
            let place = Place::by_cursor(None, offset, notes.len(), more, notes.last().map(|n| Next::Before(n.id)));
            output::warn_if_results_altered(ws, notes.iter().map(|n| n.case_id), json)?;
            if json {
                return paging::json(&[("query", query.as_str().into())], &place, "notes", &notes);
            }
            let none = format!("no note matches {query:?}");
            // Past the start of the list: "no more" only when some note matches at all.
            let past_start = (offset > 0 || before.is_some())
                && notes.is_empty()
                && !ws.search_notes_page(&query, archived, None, 1, 0)?.0.is_empty();
            if place.told_empty(past_start, &format!("notes match {query:?}"), &none) {
                return Ok(ExitCode::SUCCESS);
            }
            let rows: Vec<Vec<String>> = notes
                .iter()
                .map(|n| vec![format!("#{}", n.case_id), format!("#{}", n.id), n.created_at.clone(), cell(&n.body, 80)])
                .collect();
            table(&["CASE", "NOTE", "WRITTEN", "TEXT"], &rows)?;
            place.tell("notes");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// TEXT as given, or standard input when there is none or it is `-`.
fn text_or_stdin(text: Option<&str>) -> anyhow::Result<String> {
    match text {
        None | Some("-") => {
            // One byte past the limit is enough to refuse it, whatever is piped in.
            let mut bytes = Vec::new();
            let limit = crate::workspace::MAX_NOTE as u64 + 1;
            std::io::stdin().take(limit).read_to_end(&mut bytes).context("reading the note from standard input")?;
            String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("the note on standard input is not UTF-8 text"))
        }
        Some(t) => Ok(t.to_string()),
    }
}
