use std::process::ExitCode;

use clap::Subcommand;

use super::Outcome;
use super::output::{self, Progress, cell, say, table};
use super::paging::{self, Next, Place};
use crate::Workspace;
use crate::signing::ANCHOR_NAMESPACE;
use crate::workspace::{Coverage, HeadCheck, Integrity};

fn print_integrity(check: &Integrity) -> std::io::Result<()> {
    say!("{}", check.headline())?;
    if check.chain.broken.is_some() {
        if check.sealed {
            say!("records: not checked against their seals, which rest on the broken chain")?;
        }
        for finding in &check.findings {
            if let Some(problem) = &finding.problem {
                say!("{}: {problem}", scope_label(&finding.scope))?;
            }
        }
    } else {
        if check.sealed {
            say!(
                "records: {} checked against their seals",
                crate::text::counted(check.scopes_checked, "scope", "scopes")
            )?;
        }
        for finding in &check.findings {
            let scope = scope_label(&finding.scope);
            if let Some(problem) = &finding.problem {
                say!("{scope}: {problem}")?;
            }
            for r in &finding.records {
                say!("{scope}: {} {} {}", r.table, r.key, r.change)?;
            }
        }
        // Keys are derived under the settings' phone country: with the settings edited, either may be.
        let settings = crate::store::seal::Scope::Settings.to_string();
        let edited = if check.findings.iter().any(|f| f.scope == settings) {
            "under the settings as they now read, which were changed (above): the key or the settings were edited"
        } else {
            "it was edited"
        };
        for r in &check.derived {
            say!("{} {}: its match key does not follow from the value typed; {edited}", r.table, r.key)?;
        }
    }
    match &check.head_record {
        HeadCheck::NotKept => {}
        HeadCheck::NoRecord => say!(
            "this machine has no head record for this workspace's id (it has not written to it, or the id was \
             changed behind vetdesk's back)"
        )?,
        HeadCheck::Holds { recorded } if check.chain.broken.is_some() => say!(
            "head recorded on this machine: row {} (at {}) is there with its hash, but the chain before it is broken",
            recorded.rows,
            recorded.at
        )?,
        HeadCheck::Holds { recorded } => {
            say!("head recorded on this machine: row {} (at {}) is in the chain", recorded.rows, recorded.at)?
        }
        HeadCheck::Truncated { recorded, rows } => say!(
            "head recorded on this machine: row {} (at {}), but the chain ends at row {rows}",
            recorded.rows,
            recorded.at
        )?,
        HeadCheck::Rewritten { recorded, found } => say!(
            "head recorded on this machine: row {} hash {}, but that row now has hash {found}",
            recorded.rows,
            recorded.hash
        )?,
    }
    if check.head_record.is_bad() {
        say!(
            "no change is written until a copy put back on purpose is accepted: vetdesk audit restored --reason TEXT"
        )?;
    }
    match &check.given_head {
        Some((hash, Some(row))) => say!("head {hash} is row {row} of the chain")?,
        Some((hash, None)) => say!("head {hash} is NOT in this chain")?,
        None => {}
    }
    for s in check.chain.foreign_signers() {
        say!(
            "rows {}–{} ({}) are signed by key {}, not this machine's key {}: they cannot be checked here",
            s.first_row,
            s.last_row,
            crate::text::counted(s.rows, "row", "rows"),
            s.fingerprint,
            check.key
        )?;
    }
    Ok(())
}

/// `case:12` as `case #12`.
fn scope_label(scope: &str) -> String {
    match scope.strip_prefix("case:") {
        Some(id) => format!("case #{id}"),
        None => scope.replace(':', " "),
    }
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the chain, its signatures, every record against its seal and the head this machine
    /// recorded; exit 1 naming whatever does not hold.
    Verify {
        /// Also check that this head hash (from a report or an anchor kept elsewhere) is in the chain.
        #[arg(long, value_name = "HASH")]
        head: Option<String>,
        /// Also compare every index of the file with its table (SQLite's integrity check): an index
        /// rebuilt to hold other values than its table makes links and search show them. It reads every
        /// page: at 100,000 cases the check took about 2.6 times as long
        #[arg(long)]
        deep: bool,
        #[arg(long)]
        json: bool,
    },
    /// Print a short signed statement of the chain's state (workspace, rows, head, key, time) to keep.
    Anchor {
        #[arg(long)]
        json: bool,
    },
    /// The audit trail, newest first.
    Log {
        /// Only this case.
        #[arg(long = "case")]
        case_id: Option<i64>,
        /// At most this many rows, newest first (1 to 100,000).
        #[arg(long, default_value_t = 50, value_parser = super::paging::page_size())]
        limit: u32,
        /// Rows to skip first (`--before`, the cursor each page prints, reads a later page as fast).
        #[arg(long, default_value_t = 0)]
        offset: u32,
        /// Only rows older than this row number (the cursor the previous page printed): a seek.
        #[arg(long, value_name = "ROW")]
        before: Option<i64>,
        /// One JSON object: the page's place (`offset`, `more`, `next`) and the rows as signed.
        #[arg(long)]
        json: bool,
        /// With --case: the case's audit rows from the workspace it came from (a case that came in a
        /// bundle), as signed there, oldest first, all of them.
        #[arg(long, requires = "case_id", conflicts_with_all = ["limit", "offset", "before"])]
        imported: bool,
    },
    /// Accept a copy of this workspace put back on purpose (a backup restored) that does not reach the
    /// newest change this machine recorded writing; one audited row names that change and the reason.
    Restored {
        /// Why the copy was put back (kept in the audit trail).
        #[arg(long)]
        reason: String,
    },
}

pub fn run(ws: &mut Workspace, command: AuditCommand) -> Outcome {
    match command {
        AuditCommand::Restored { reason } => {
            let done = ws.accept_restored(&reason)?;
            say!(
                "accepted: this copy has {}, where this machine had recorded writing row {} at {}; row {} records \
                 that, with your reason",
                crate::text::counted(done.rows, "audit row", "audit rows"),
                done.recorded.rows,
                done.recorded.at,
                done.row
            )?;
            Ok(ExitCode::SUCCESS)
        }
        AuditCommand::Verify { head, deep, json } => {
            if let Some(h) = &head
                && (h.len() != 64 || !h.bytes().all(|b| b.is_ascii_hexdigit()))
            {
                anyhow::bail!("--head takes a 64-character hex hash, as a report or an anchor prints it");
            }
            let head = head.map(|h| h.to_ascii_lowercase());
            let mut progress = Progress::new();
            let check = ws.verify(Coverage::Everything, head.as_deref(), &mut |done, total| {
                progress.percent("verifying…", done, total)
            });
            progress.finish();
            let mut check = check?;
            if deep {
                progress.show(|| "comparing the file's indexes with their tables…".into());
                let found = ws.index_findings();
                progress.finish();
                check.findings.extend(found?);
                check.indexes_checked = true;
            }
            if json {
                output::json(&check)?;
            } else {
                print_integrity(&check)?;
                if deep {
                    say!("indexes: compared with their tables (SQLite's integrity check)")?;
                } else {
                    say!("indexes: not compared with their tables (`audit verify --deep` does)")?;
                }
            }
            Ok(if check.holds() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        AuditCommand::Anchor { json } => {
            let anchor = ws.anchor()?;
            if json {
                return output::json(&anchor);
            }
            for line in anchor.statement.lines().chain(anchor.signature.lines()) {
                say!("{line}")?;
            }
            say!()?;
            say!("To check it without vetdesk: save the six statement lines as anchor.txt and the signature block")?;
            say!("as anchor.txt.sig, then:")?;
            say!("  echo '{}' > allowed_signers", anchor.allowed_signers)?;
            say!(
                "  ssh-keygen -Y verify -f allowed_signers -I vetdesk -n {ANCHOR_NAMESPACE} -s anchor.txt.sig < anchor.txt"
            )?;
            say!("To check that the workspace still holds this head: vetdesk audit verify --head HASH")?;
            Ok(ExitCode::SUCCESS)
        }
        AuditCommand::Log { case_id: Some(id), json, imported: true, .. } => imported_log(ws, id, json),
        AuditCommand::Log { case_id, limit, offset, before, json, .. } => {
            let rows = ws.audit_page(case_id, before, limit, offset)?;
            let more = match rows.last() {
                Some(last) if rows.len() as u64 == u64::from(limit) => ws.count_audit_before(case_id, last.id)?,
                _ => 0,
            };
            let place = Place::by_cursor(None, offset, rows.len(), more, rows.last().map(|r| Next::Before(r.id)));
            // Each row shown is checked against its hash and the row before it (a page is bounded); one
            // case's page, against that case's seal too (which says an older copy put back, as the
            // workspace's warning does).
            let warning = match ws.audit_rows_problem(rows.iter().map(|r| r.id))? {
                Some(why) => Some(why),
                None => match case_id {
                    Some(id) => ws.case_warning(id)?,
                    None => ws.workspace_warning()?,
                },
            };
            super::output::warn_above(warning.map(|why| format!("these rows may not be as recorded: {why}")), json)?;
            if json {
                return paging::json(&[("case", case_id.into())], &place, "rows", &rows);
            }
            if place.told_empty(offset > 0 || before.is_some(), "audit rows", "no audit rows") {
                return Ok(ExitCode::SUCCESS);
            }
            let rows: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.at.clone(),
                        r.actor.clone(),
                        r.case_id.map(|c| format!("#{c}")).unwrap_or_else(|| "-".into()),
                        r.action.clone(),
                        cell(&r.details.to_string(), 70),
                    ]
                })
                .collect();
            table(&["ROW", "AT", "WHO", "CASE", "ACTION", "DETAILS"], &rows)?;
            place.tell("rows");
            if let Some(id) = case_id
                && let Some(origin) = ws.case_origin(id)?
            {
                let kept = ws.imported_history(id)?.len();
                say!(
                    "case #{id} came from workspace {} with {kept} audit row{} of its own: `vetdesk audit log --case {id} --imported`",
                    origin.origin_workspace,
                    if kept == 1 { "" } else { "s" }
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The origin's audit rows of a case that came in a bundle.
fn imported_log(ws: &Workspace, id: i64, json: bool) -> Outcome {
    let rows = ws.imported_history(id)?;
    // The imported history is sealed with the case it came with.
    super::output::warn_if_altered(ws, id, json)?;
    if json {
        return paging::json(
            &[("case", id.into()), ("imported", true.into())],
            &Place::whole(rows.len()),
            "rows",
            &rows,
        );
    }
    let Some(origin) = ws.case_origin(id)? else {
        say!("case #{id} did not come in a bundle: it has no imported history")?;
        return Ok(ExitCode::SUCCESS);
    };
    say!("case #{} of workspace {}, as signed there (oldest first):", origin.origin_case, origin.origin_workspace)?;
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                r.at.clone(),
                r.actor.clone(),
                r.action.clone(),
                r.signer.clone().unwrap_or_default(),
                cell(&r.details, 60),
            ]
        })
        .collect();
    table(&["ROW", "AT", "WHO", "ACTION", "SIGNED BY", "DETAILS"], &rows)?;
    Ok(ExitCode::SUCCESS)
}
