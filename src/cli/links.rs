//! Correlation commands: links between cases, reference lists, suggested checklist items.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::Outcome;
use super::output::{self, cell, say, table, tell};
use crate::Workspace;
use crate::domain::link::{Counterpart, Link, ListKind, Naming};
use crate::domain::{CaseStatus, Disposition};
use crate::workspace::{Decision, Suggestion};

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("target").required(true).args(["id", "all"]))]
pub struct LinksArgs {
    /// The case whose links to list.
    id: Option<i64>,
    /// Every cluster of cases tied by shared values or near-duplicate resumes, largest first.
    #[arg(long)]
    all: bool,
    /// Match archived cases too (left out otherwise).
    #[arg(long)]
    include_archived: bool,
    /// With --all: at most this many clusters, largest first (1 to 100,000) [default: 100].
    #[arg(long, value_parser = super::paging::page_size())]
    limit: Option<u32>,
    /// With --all: clusters to skip first (the command says the next offset when there are more).
    #[arg(long)]
    offset: Option<u32>,
    #[arg(long)]
    json: bool,
}

pub fn links(ws: &Workspace, a: &LinksArgs) -> Outcome {
    match a.id {
        Some(_) if a.limit.is_some() || a.offset.is_some() => {
            anyhow::bail!(crate::Error::invalid(
                "--limit and --offset page the clusters of --all; a case's links are listed whole"
            ))
        }
        Some(id) => {
            let links = ws.links_with(id, a.include_archived)?;
            let archived = ws.case(id)?.archived;
            // Suggestions come from the links `suggest accept` sees, which leave archived cases out.
            let suggestions = if a.include_archived { ws.suggestions(id)? } else { ws.suggestions_from(id, &links)? };
            let copies = ws.copies()?.of(id);
            let warning = ws.links_warning(id, &links)?;
            if a.json {
                // With --include-archived, which linked cases are archived (the text marks each).
                let shelved = ws.archived_case_ids()?;
                let mut archived_cases: Vec<i64> =
                    links.iter().filter_map(Link::other_case).filter(|c| shelved.contains(c)).collect();
                archived_cases.sort_unstable();
                archived_cases.dedup();
                return output::json(&serde_json::json!({
                    "case": id,
                    "archived": archived,
                    "archived_cases": archived_cases,
                    "copies": copies,
                    "warning": warning,
                    "links": links,
                    "suggestions": suggestions,
                }));
            }
            if let Some(why) = &warning {
                say!("WARNING: these links may not be as recorded: {why}")?;
            }
            if let Some(archived) = archived {
                say!("case #{id} is archived ({}): other cases do not link to it", archived.reason)?;
            }
            if !copies.is_empty() {
                let list: Vec<String> = copies.iter().map(|c| format!("#{c}")).collect();
                say!(
                    "case #{id} and {} are copies of one case (case show says where each came from): what they share is not a link",
                    list.join(", ")
                )?;
            }
            print_links(ws, id, &links, &suggestions)
        }
        None => super::links_all::all_clusters(
            ws,
            a.include_archived,
            a.json,
            (a.limit.unwrap_or(100), a.offset.unwrap_or(0)),
        ),
    }
}

fn print_links(ws: &Workspace, id: i64, links: &[Link], suggestions: &[Suggestion]) -> Outcome {
    let archived = ws.archived_case_ids()?;
    if links.is_empty() {
        say!("case #{id} shares nothing with other cases or reference lists")?;
    } else {
        let naming = Naming::of(links);
        let rows: Vec<Vec<String>> = links
            .iter()
            .map(|l| {
                let (with, theirs) = match &l.other {
                    Counterpart::Case { held, title } => {
                        let shelf = if archived.contains(&held.case_id) { " (archived)" } else { "" };
                        (format!("#{} {}{shelf}", held.case_id, cell(title, 30)), naming.other(held))
                    }
                    Counterpart::List { name, line, entry, .. } => (format!("list {name}:{line}"), entry.clone()),
                };
                vec![
                    l.strength.to_string(),
                    l.this.kind.clone(),
                    cell(&naming.this(l), 44),
                    with,
                    cell(&theirs, 44),
                    l.reason.clone(),
                ]
            })
            .collect();
        table(&["STRENGTH", "KIND", "THIS CASE", "OTHER", "THEIR VALUE", "WHY"], &rows)?;
    }
    if !suggestions.is_empty() {
        say!()?;
        say!("Suggested checklist items (vetdesk suggest accept|dismiss {id} CODE):")?;
        for s in suggestions {
            say!("  {}  {}", s.code, s.title)?;
            for r in &s.reasons {
                say!("      {}", r.text)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Subcommand)]
pub enum ListCommand {
    /// Import a plain-text list: one value per line, optionally a tab and a label; `#` starts a comment
    /// line. Re-importing under the same name replaces the list.
    Import {
        /// freight-forwarder, voip, msb, or bad-<kind> (bad-email, bad-phone, bad-address, bad-bank-account,
        /// bad-ip, bad-device-serial, bad-handle, bad-crypto-wallet, bad-document-number).
        #[arg(value_parser = super::values::words!(ListKind), ignore_case = true)]
        kind: ListKind,
        file: PathBuf,
        /// Name the list (default: the file name without its extension).
        #[arg(long)]
        name: Option<String>,
    },
    /// Write the identifiers of chosen cases as a list file another vetdesk imports with `list import`.
    Export {
        #[arg(value_parser = super::values::words!(ListKind), ignore_case = true)]
        /// The list kind, as for import: its identifier kind picks the values (bad-email: emails, …).
        kind: ListKind,
        /// The list file to write (mode 0600).
        #[arg(long, short)]
        output: PathBuf,
        #[command(flatten)]
        overwrite: super::output::Overwrite,
        /// Only cases in this status (repeat for several; default: any).
        #[arg(long)]
        status: Vec<CaseStatus>,
        /// Only cases with this disposition.
        #[arg(long, value_parser = super::values::words!(Disposition), ignore_case = true)]
        disposition: Option<Disposition>,
    },
    /// Show the imported lists.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Take a list out of matching: the same as `list void` (the list and its entries stay, voided).
    Remove {
        name: String,
        #[arg(long)]
        reason: String,
    },
    /// Void a list with --reason: its entries match nothing until it is restored; it stays.
    Void {
        name: String,
        #[arg(long)]
        reason: String,
    },
    /// Restore a voided list.
    Unvoid {
        name: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
}

pub fn list(ws: &mut Workspace, command: ListCommand) -> Outcome {
    match command {
        ListCommand::Import { kind, file, name } => {
            let s = ws.import_list(kind, &file, name.as_deref())?;
            let verb = if s.replaced { "replaced" } else { "imported" };
            say!("{verb} list {:?} ({}): {}", s.name, s.kind, crate::text::counted(s.entries, "entry", "entries"))?;
            if let Some(v) = &s.replaced_void {
                tell!(
                    "note: the list it replaced had been voided ({} by {}: {}); this one is in force",
                    v.voided_at,
                    v.voided_by,
                    crate::text::for_terminal(&v.reason)
                );
            }
            for (line, why) in &s.skipped {
                tell!("skipped line {line}: {why}");
            }
            Ok(ExitCode::SUCCESS)
        }
        ListCommand::Export { kind, output, overwrite, status, disposition } => {
            ws.check_output(&output)?;
            overwrite.check(&output)?;
            let selection = crate::export::list::Selection { statuses: status, disposition };
            let file = crate::export::list::build(ws, kind, &selection)?;
            crate::export::write_private(&output, file.text.as_bytes())?;
            say!(
                "wrote {}: {} {kind} value{} from {} case{}",
                crate::text::display_path(&output),
                file.entries,
                if file.entries == 1 { "" } else { "s" },
                file.cases,
                if file.cases == 1 { "" } else { "s" }
            )?;
            if !selection.confirmed_only() && file.entries > 0 {
                tell!("note: {}", crate::export::list::NOT_ONLY_CONFIRMED);
            }
            Ok(ExitCode::SUCCESS)
        }
        ListCommand::Show { json } => {
            let warning = ws.lists_warning()?.map(|why| format!("these lists may not be as recorded: {why}"));
            output::warn_above(warning, json)?;
            let lists = ws.lists()?;
            if json {
                return output::json(&lists);
            }
            if lists.is_empty() {
                say!("no reference lists (vetdesk list import KIND FILE)")?;
                return Ok(ExitCode::SUCCESS);
            }
            let rows: Vec<Vec<String>> = lists
                .iter()
                .map(|l| {
                    vec![
                        if l.void.is_some() { format!("{} (voided)", l.name) } else { l.name.clone() },
                        l.kind.to_string(),
                        l.entries.to_string(),
                        l.imported_at.clone(),
                        l.sha256[..12].to_string(),
                        l.source_path.clone(),
                    ]
                })
                .collect();
            table(&["NAME", "KIND", "ENTRIES", "IMPORTED", "SHA-256", "FROM"], &rows)?;
            Ok(ExitCode::SUCCESS)
        }
        ListCommand::Void { name, reason } | ListCommand::Remove { name, reason } => {
            let l = ws.void_list(&name, &reason)?;
            say!(
                "list {:?} voided; its {} nothing until `vetdesk list unvoid`",
                l.name,
                crate::text::counted(l.entries, "entry matches", "entries match")
            )?;
            Ok(ExitCode::SUCCESS)
        }
        ListCommand::Unvoid { name, reason } => {
            let l = ws.unvoid_list(&name, &reason)?;
            say!("list {:?} restored ({})", l.name, crate::text::counted(l.entries, "entry", "entries"))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum SuggestCommand {
    /// Checklist items that a case's links, list matches and failed checks point to.
    List {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Flag the suggested item; its note records why. The decision is audited.
    Accept {
        id: i64,
        code: String,
        /// Add your own words to the item's note.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Leave the item as it is and stop suggesting it for these reasons. The decision is audited.
    Dismiss {
        id: i64,
        code: String,
        /// Why (recorded in the audit trail).
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Withdraw the accept or dismissal of an item made by mistake: the decision stays on record, marked
    /// withdrawn, and what it decided counts as undecided again. The item's state is left as it is.
    Withdraw {
        id: i64,
        code: String,
        /// Why the decision is withdrawn (required; recorded with it).
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn suggest(ws: &mut Workspace, command: SuggestCommand) -> Outcome {
    match command {
        SuggestCommand::List { id, json } => {
            let links = ws.links(id)?;
            let suggestions = ws.suggestions_from(id, &links)?;
            // A suggestion rests on the case's links: said as `links ID` says it.
            let warning = ws.links_warning(id, &links)?;
            output::warn_above(
                warning.map(|why| format!("these suggestions may not rest on the record: {why}")),
                json,
            )?;
            if json {
                return output::json(&suggestions);
            }
            if suggestions.is_empty() {
                say!("no open suggestions for case #{id}")?;
            }
            for s in &suggestions {
                say!("{}  {}", s.code, s.title)?;
                for r in &s.reasons {
                    say!("    {}", r.text)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        SuggestCommand::Accept { id, code, note } => {
            let s = ws.decide_suggestion(id, &code, Decision::Accept, &note)?;
            say!("{} flagged in case #{id} ({} recorded)", s.code, reasons(s.reasons.len()))?;
            Ok(ExitCode::SUCCESS)
        }
        SuggestCommand::Dismiss { id, code, reason } => {
            let s = ws.decide_suggestion(id, &code, Decision::Dismiss, &reason)?;
            say!("{} dismissed for case #{id} ({} recorded)", s.code, reasons(s.reasons.len()))?;
            Ok(ExitCode::SUCCESS)
        }
        SuggestCommand::Withdraw { id, code, reason, json } => {
            let w = ws.withdraw_suggestion(id, &code, &reason, None)?;
            if json {
                return output::json(&w);
            }
            let words: Vec<&str> = w.decisions.iter().map(|d| d.decision.as_str()).collect();
            say!(
                "{} in case #{id}: {} withdrawn ({}); the reasons they decided count as undecided again",
                w.code,
                crate::text::counted(w.decisions.len(), "decision", "decisions"),
                words.join(", ")
            )?;
            if w.item == crate::domain::MarkState::Flagged {
                say!(
                    "{} stays flagged, and a flagged item is not suggested: `vetdesk check set {id} {} open` changes it",
                    w.code,
                    w.code
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// "1 reason" or "N reasons".
fn reasons(n: usize) -> String {
    format!("{n} reason{}", if n == 1 { "" } else { "s" })
}
