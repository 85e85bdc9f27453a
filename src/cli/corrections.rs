//! `void` and `unvoid`, the same shape for every noun that can be voided.

use std::process::ExitCode;

use super::Outcome;
use super::output::say;
use crate::Workspace;
use crate::store::void::Voidable;

#[derive(Debug, clap::Args)]
pub struct VoidArgs {
    /// The record's own id.
    pub id: i64,
    /// Why it is voided; kept with the record and in the audit trail.
    #[arg(long)]
    pub reason: String,
}

#[derive(Debug, clap::Args)]
pub struct UnvoidArgs {
    /// The record's own id.
    pub id: i64,
    /// Why it is restored.
    #[arg(long, default_value = "")]
    pub reason: String,
}

/// `vetdesk NOUN void ID --reason TEXT`; `command` is the noun as the CLI spells it (`ident`).
pub fn void(ws: &mut Workspace, what: Voidable, command: &str, a: &VoidArgs) -> Outcome {
    let case = ws.void(what, a.id, &a.reason)?;
    say!("{} #{} voided in case #{case}; `vetdesk {command} unvoid {}` restores it", what.noun(), a.id, a.id)?;
    Ok(ExitCode::SUCCESS)
}

pub fn unvoid(ws: &mut Workspace, what: Voidable, a: &UnvoidArgs) -> Outcome {
    let case = ws.unvoid(what, a.id, &a.reason)?;
    say!("{} #{} restored in case #{case}", what.noun(), a.id)?;
    Ok(ExitCode::SUCCESS)
}
