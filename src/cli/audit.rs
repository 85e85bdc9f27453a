use std::process::ExitCode;

use clap::Subcommand;

use super::Outcome;
use super::output::{self, cell, say, table};
use crate::Workspace;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the whole hash chain; exit 1 naming the first row that does not fit.
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// The audit trail, newest first.
    Log {
        /// Only this case.
        #[arg(long = "case")]
        case_id: Option<i64>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ws: &Workspace, command: AuditCommand) -> Outcome {
    match command {
        AuditCommand::Verify { json } => {
            let check = ws.verify_audit()?;
            if json {
                output::json(&check)?;
            } else if let Some((id, reason)) = &check.broken {
                say!("audit chain BROKEN at row {id}: {reason}")?;
            } else {
                say!("audit chain intact: {} row(s), head {}", check.rows, check.head.as_deref().unwrap_or("(empty)"))?;
            }
            Ok(if check.broken.is_some() { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        AuditCommand::Log { case_id, limit, offset, json } => {
            let rows = ws.audit_log(case_id, limit, offset)?;
            if json {
                return output::json(&rows);
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
            Ok(ExitCode::SUCCESS)
        }
    }
}
