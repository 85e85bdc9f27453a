use std::process::ExitCode;

use clap::Subcommand;

use super::Outcome;
use super::output::{self, opt, say, table, tell};
use crate::Workspace;
use crate::domain::IdentifierKind;
use crate::store::void::Voidable;

#[derive(Debug, clap::Args)]
pub struct IdentArgs {
    /// email, phone, address, bank-account, routing-number, ip, device-serial, url, handle,
    /// crypto-wallet or document-number.
    kind: IdentifierKind,
    value: String,
    /// The subject it belongs to.
    #[arg(long)]
    subject: Option<i64>,
    #[arg(long, default_value = "")]
    note: String,
    /// Record a value that fails its format check (e.g. a routing number with a bad checksum, as
    /// given by the subject); the warning is kept with it and shown in reports.
    #[arg(long)]
    keep_invalid: bool,
}

#[derive(Debug, Subcommand)]
pub enum IdentCommand {
    /// Record an identifier and print its id alone.
    Add {
        /// The case.
        id: i64,
        #[command(flatten)]
        ident: IdentArgs,
    },
    /// Correct an identifier (the audit trail keeps what it said before).
    Edit {
        /// The identifier.
        iid: i64,
        #[command(flatten)]
        ident: IdentArgs,
    },
    /// List a case's identifiers.
    List {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Void an identifier by its own id, with --reason: it stays in the case view and the audit
    /// trail, and leaves links, suggestions, search, scores and the summary.
    Void(super::corrections::VoidArgs),
    /// Restore a voided identifier.
    Unvoid(super::corrections::UnvoidArgs),
}

pub fn run(ws: &mut Workspace, command: IdentCommand) -> Outcome {
    match command {
        IdentCommand::Void(a) => super::corrections::void(ws, Voidable::Identifier, "ident", &a),
        IdentCommand::Unvoid(a) => super::corrections::unvoid(ws, Voidable::Identifier, &a),
        IdentCommand::Add { id, ident: a } => {
            let added = ws.add_identifier(id, a.kind, &a.value, a.subject, &a.note, a.keep_invalid)?;
            if let Some(w) = &added.warning {
                tell!("warning: recorded with a failed check: {w}");
            }
            output::id(added.id)
        }
        IdentCommand::Edit { iid, ident: a } => {
            let edited = ws.edit_identifier(iid, a.kind, &a.value, a.subject, &a.note, a.keep_invalid)?;
            if let Some(w) = &edited.warning {
                tell!("warning: recorded with a failed check: {w}");
            }
            say!("identifier #{iid} corrected")?;
            Ok(ExitCode::SUCCESS)
        }
        IdentCommand::List { id, json } => {
            let idents = ws.identifiers(id)?;
            if json {
                return output::json(&idents);
            }
            let rows: Vec<Vec<String>> = idents
                .iter()
                .map(|i| {
                    vec![
                        output::record_id(i.id, i.void.as_ref()),
                        i.kind.to_string(),
                        i.raw.clone(),
                        i.subject_id.map(|s| format!("#{s}")).unwrap_or_else(|| "-".into()),
                        opt(i.warning.as_deref().map(|w| format!("⚠ {w}")).as_deref()),
                    ]
                })
                .collect();
            table(&["ID", "KIND", "VALUE", "SUBJECT", "CHECK"], &rows)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
