use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use super::Outcome;
use super::output::{self, Progress, cell, opt, say, tell};
use crate::Workspace;
use crate::evidence::Check;
use crate::evidence::search::Searched;
use crate::store::void::Voidable;
use crate::text::display_path;

#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Hash a file and attach it to a case by path (the file is not copied); print the new id alone.
    Add {
        /// The case.
        id: i64,
        path: PathBuf,
        #[arg(long, default_value = "")]
        description: String,
        /// A checklist item the file supports; repeat for several.
        #[arg(long = "item", value_name = "CODE")]
        items: Vec<String>,
        /// The file is the subject's resume (.txt, .md, .docx, .pdf): its text is fingerprinted and
        /// compared with every other case's resumes (see `vetdesk links`).
        #[arg(long)]
        resume: bool,
    },
    /// Link evidence to a checklist item.
    Link {
        /// The evidence.
        eid: i64,
        code: String,
    },
    /// List a case's evidence.
    List {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Re-point evidence at its moved file: found by SHA-256 under `--search DIR`, or PATH if its hash matches.
    ///
    /// One audited change, and the file is recorded intact; when no file matches, nothing changes.
    Relocate {
        /// The evidence.
        eid: i64,
        /// The file's new place.
        #[arg(required_unless_present = "search", conflicts_with = "search")]
        path: Option<PathBuf>,
        /// Search this folder and every folder below it (symbolic links are not followed).
        #[arg(long, value_name = "DIR")]
        search: Option<PathBuf>,
    },
    /// Re-hash every evidence file (or one case's): intact, changed or missing. Exit 1 unless all intact.
    Verify {
        /// Only this case.
        id: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Void an evidence attachment by its own id, with --reason: it stays in the case view and the audit
    /// trail, and leaves links, suggestions, search, scores and the summary.
    Void(super::corrections::VoidArgs),
    /// Restore a voided evidence attachment.
    Unvoid(super::corrections::UnvoidArgs),
    /// Void the link of evidence to a checklist item, with --reason; `evidence link` restores it.
    Unlink {
        eid: i64,
        code: String,
        #[arg(long)]
        reason: String,
    },
}

/// One hashing progress line: share done and throughput.
fn hashing(progress: &mut Progress, label: &str, done: u64, total: u64) -> bool {
    if total > 0 {
        let mb_s = done as f64 / 1e6 / progress.elapsed().max(1e-3);
        progress.show(|| format!("{label} {:>3}%  {mb_s:.0} MB/s", done * 100 / total));
    }
    true
}

/// One search progress line: entries looked at, files of the right size hashed, the current one's share.
fn searching(progress: &mut Progress, s: &Searched) -> bool {
    progress.show(|| {
        let current = (s.done * 100).checked_div(s.total).map_or_else(String::new, |p| format!(" · hashing {p:>3}%"));
        format!("searching: {} entries, {} of the right size hashed{current}", s.entries, s.hashed)
    });
    true
}

pub fn run(ws: &mut Workspace, command: EvidenceCommand) -> Outcome {
    match command {
        EvidenceCommand::Unlink { eid, code, reason } => {
            ws.unlink_evidence(eid, &code, &reason)?;
            let code = code.trim().to_uppercase();
            say!("evidence #{eid} unlinked from {code}; `vetdesk evidence link {eid} {code}` restores it")?;
            Ok(ExitCode::SUCCESS)
        }
        EvidenceCommand::Void(a) => super::corrections::void(ws, Voidable::Evidence, "evidence", &a),
        EvidenceCommand::Unvoid(a) => super::corrections::unvoid(ws, Voidable::Evidence, &a),
        EvidenceCommand::Add { id, path, description, items, resume } => {
            let mut progress = Progress::new();
            let result = ws.attach_evidence(id, &path, &description, &items, resume, &mut |d, t| {
                hashing(&mut progress, "hashing", d, t)
            });
            progress.finish();
            let id = result?;
            for notice in ws.take_notices() {
                tell!("vetdesk: note: {notice}");
            }
            output::id(id)
        }
        EvidenceCommand::Link { eid, code } => {
            ws.link_evidence(eid, &code)?;
            say!("evidence #{eid} linked to {}", code.trim().to_uppercase())?;
            let e = ws.evidence_item(eid)?;
            if let Some(why) = e.failed_check() {
                tell!("note: {why}; `vetdesk evidence verify {}` checks the case's files again", e.case_id);
            }
            Ok(ExitCode::SUCCESS)
        }
        EvidenceCommand::Relocate { eid, path, search } => {
            // An unknown id is refused before any hashing.
            let e = ws.evidence_item(eid)?;
            let mut progress = Progress::new();
            let found = match (&search, path) {
                (Some(dir), _) => {
                    let attached = ws.same_content(&e)?;
                    crate::workspace::search_for(&e, dir, &attached, &mut |s| searching(&mut progress, s))
                }
                (None, Some(path)) if path.is_dir() => {
                    Err(crate::Error::file(path, "is a folder; `--search` searches it for the file"))
                }
                (None, Some(path)) => {
                    crate::evidence::hash_file(&path, &mut |d, t| hashing(&mut progress, "hashing", d, t))
                        .map(|digest| (digest, Searched::default()))
                }
                (None, None) => unreachable!("clap requires PATH or --search"),
            };
            progress.finish();
            let (digest, searched) = found?;
            let r = ws.relocate_evidence(eid, &digest)?;
            say!(
                "evidence #{eid} relocated to {} (was {}); intact",
                display_path(std::path::Path::new(&r.new_path)),
                display_path(std::path::Path::new(&r.old_path))
            )?;
            if search.is_some() {
                tell!(
                    "looked at {}, hashed {} of its size, skipped {} unreadable",
                    crate::text::counted(searched.entries, "entry", "entries"),
                    searched.hashed,
                    searched.unreadable
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        EvidenceCommand::List { id, json } => {
            let files = ws.evidence(id)?;
            output::warn_if_altered(ws, id, json)?;
            if json {
                return output::json(&files);
            }
            // The CHECK column is the stored result: a row changed behind vetdesk's back can say `intact`.
            let rows: Vec<Vec<String>> = files
                .iter()
                .map(|e| {
                    vec![
                        output::record_id(e.id, e.void.as_ref()),
                        e.sha256[..16].to_string(),
                        e.size.to_string(),
                        opt(e.last_check.as_deref()),
                        e.items.join(" "),
                        cell(&e.description, 30),
                        // A name with a line break or a control is quoted and escaped, never a space.
                        crate::text::quoted(&e.path),
                    ]
                })
                .collect();
            output::records_table(
                &["ID", "SHA-256", "BYTES", "CHECK", "ITEMS", "DESCRIPTION", "PATH"],
                &rows,
                &format!("case #{id} has no evidence files"),
                files.iter().map(|e| (e.id, e.void.as_ref())),
            )?;
            // What else was set aside, and why: links to items voided with `evidence unlink`.
            for e in &files {
                for u in &e.unlinked {
                    say!(
                        "#{} unlinked from {} {} by {}: {}",
                        e.id,
                        u.code,
                        u.voided_at,
                        u.voided_by,
                        crate::text::for_terminal(&u.reason)
                    )?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        EvidenceCommand::Verify { id, json } => {
            let mut progress = Progress::new();
            let results = ws.verify_evidence(id, &mut |i, n, d, t| {
                hashing(&mut progress, &format!("verifying {}/{n}", i + 1), d, t)
            });
            progress.finish();
            let results = results?;
            // A result not recorded (its case was changed behind vetdesk's back) is no clean bill either.
            let bad = results.iter().filter(|r| r.result != Check::Intact || r.not_recorded.is_some()).count();
            if json {
                output::json(&results)?;
            } else if results.is_empty() {
                tell!("no evidence to verify");
            } else {
                for r in &results {
                    let path = display_path(std::path::Path::new(&r.path));
                    let not = r.not_recorded.as_ref().map(|why| format!(" (not recorded: {why})")).unwrap_or_default();
                    // Changed into something else than a file: said, as attaching it would say.
                    let now = std::fs::metadata(&r.path)
                        .ok()
                        .filter(|_| r.result == Check::Changed)
                        .and_then(|m| crate::files::kind_of(&m.file_type()))
                        .map(|kind| format!(" (now {kind}, not a regular file)"))
                        .unwrap_or_default();
                    say!("#{} {} case #{} {path}{now}{not}", r.evidence_id, r.result.as_str(), r.case_id)?;
                }
                let mut said = crate::evidence::tally(&results.iter().map(|r| r.result).collect::<Vec<_>>());
                let unsealed = results.iter().filter(|r| r.not_recorded.is_some()).count();
                if unsealed > 0 {
                    said.push_str(&format!(
                        "; {unsealed} not recorded, against records changed behind vetdesk's back: run vetdesk audit verify"
                    ));
                }
                tell!("{said}");
            }
            Ok(if bad == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
    }
}
