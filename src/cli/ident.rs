use std::process::ExitCode;

use clap::Subcommand;

use super::Outcome;
use super::output::{self, opt, say, tell};
use crate::domain::IdentifierKind;
use crate::store::void::Voidable;
use crate::{Error, Workspace};

#[derive(Debug, clap::Args)]
pub struct IdentArgs {
    /// email, phone, address, bank-account, routing-number, ip, device-serial, url, handle,
    /// crypto-wallet or document-number.
    #[arg(value_parser = super::values::words!(IdentifierKind), ignore_case = true)]
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
    /// Correct an identifier: only what is given changes (the audit trail keeps what it said before).
    Edit {
        /// The identifier.
        iid: i64,
        /// A new kind (give the value too when the kind changes).
        #[arg(value_parser = super::values::words!(IdentifierKind), ignore_case = true)]
        kind: Option<IdentifierKind>,
        /// A new value.
        value: Option<String>,
        /// The subject it belongs to; `none` ties it to no subject.
        #[arg(long, value_name = "SID|none", value_parser = super::values::subject_ref)]
        subject: Option<super::values::SubjectRef>,
        /// Replaces the note.
        #[arg(long)]
        note: Option<String>,
        /// Record a value that fails its format check.
        #[arg(long)]
        keep_invalid: bool,
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

/// Says so when the value recorded ties its case to no other (an address any network may use): the
/// user would otherwise look for links that will never come.
fn ties_nothing(kind: IdentifierKind, normalized: &str, warning: &Option<String>) {
    if let (Some(why), None) = (kind.ties_nothing(normalized), warning) {
        tell!("note: {normalized} is {why}, so it ties this case to no other");
    }
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
            ties_nothing(a.kind, &added.normalized, &added.warning);
            output::id(added.id)
        }
        IdentCommand::Edit { iid, kind, value, subject, note, keep_invalid } => {
            let old = ws.identifier(iid)?;
            if kind.is_none() && value.is_none() && subject.is_none() && note.is_none() && !keep_invalid {
                return Err(Error::invalid("nothing to change").into());
            }
            if let (Some(kind), None) = (kind, &value)
                && kind != old.kind
            {
                return Err(Error::invalid(format!(
                    "identifier #{iid} is {} {}; to make it {} {kind}, give its value too: vetdesk ident edit {iid} {kind} VALUE",
                    article(old.kind),
                    old.kind,
                    article(kind)
                ))
                .into());
            }
            let edited = ws.edit_identifier(
                iid,
                kind.unwrap_or(old.kind),
                value.as_deref().unwrap_or(&old.raw),
                subject.map_or(old.subject_id, |s| s.0),
                note.as_deref().unwrap_or(&old.note),
                keep_invalid || (old.warning.is_some() && value.is_none() && kind.is_none()),
            )?;
            if let Some(w) = &edited.warning {
                tell!("warning: recorded with a failed check: {w}");
            }
            ties_nothing(kind.unwrap_or(old.kind), &edited.normalized, &edited.warning);
            // Identifier numbers run across the workspace: say whose it was, so a mistyped number shows.
            say!(
                "identifier #{iid} of case #{} corrected: {} {}",
                old.case_id,
                kind.unwrap_or(old.kind),
                crate::text::one_line(value.as_deref().unwrap_or(&old.raw))
            )?;
            Ok(ExitCode::SUCCESS)
        }
        IdentCommand::List { id, json } => {
            let idents = ws.identifiers(id)?;
            output::warn_if_altered(ws, id, json)?;
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
                        opt(Some(i.note.as_str()).filter(|n| !n.is_empty())),
                    ]
                })
                .collect();
            output::records_table(
                &["ID", "KIND", "VALUE", "SUBJECT", "CHECK", "NOTE"],
                &rows,
                &format!("case #{id} has no identifiers"),
                idents.iter().map(|r| (r.id, r.void.as_ref())),
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// "a" or "an" before a kind's name.
fn article(kind: IdentifierKind) -> &'static str {
    if kind.to_string().starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
}
