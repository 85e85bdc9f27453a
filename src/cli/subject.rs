use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::Outcome;
use super::output::{self, say};
use crate::Workspace;
use crate::domain::{Role, SubjectFields};
use crate::store::void::Voidable;

#[derive(Debug, Subcommand)]
pub enum SubjectCommand {
    /// Add a person or business to a case and print its id alone.
    Add {
        /// The case.
        id: i64,
        name: String,
        /// candidate, facilitator, vendor or reference.
        #[arg(long, default_value = "candidate", value_parser = super::values::words!(Role), ignore_case = true)]
        role: Role,
        #[command(flatten)]
        fields: FieldArgs,
    },
    /// Change a subject's details.
    Edit {
        /// The subject.
        sid: i64,
        #[arg(long)]
        name: Option<String>,
        #[arg(long, value_parser = super::values::words!(Role), ignore_case = true)]
        role: Option<Role>,
        #[command(flatten)]
        fields: FieldArgs,
    },
    /// List a case's subjects.
    List {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Void a subject by its own id, with --reason: it stays in the case view and the audit
    /// trail, and leaves links, suggestions, search, scores and the summary.
    Void(super::corrections::VoidArgs),
    /// Restore a voided subject.
    Unvoid(super::corrections::UnvoidArgs),
}

#[derive(Debug, Args)]
pub struct FieldArgs {
    /// Business name (for a vendor or front company).
    #[arg(long)]
    business: Option<String>,
    /// Another name used, without a comma; repeat for several (one given twice is kept once). Replaces
    /// the aliases; in `edit`, `--alias ""` alone clears them.
    #[arg(long = "alias")]
    aliases: Vec<String>,
    /// Claimed location.
    #[arg(long)]
    location: Option<String>,
    /// Role or position applied for.
    #[arg(long)]
    position: Option<String>,
    /// Staffing firm or vendor the subject came through.
    #[arg(long)]
    vendor: Option<String>,
    /// applicant, onboarding, employed, contractor or terminated; `none` clears it.
    #[arg(long, value_parser = super::values::stages(), ignore_case = true)]
    stage: Option<super::values::Stage>,
    /// Date hired, YYYY-MM-DD; "" clears it.
    #[arg(long)]
    hired_on: Option<String>,
}

impl FieldArgs {
    fn into_fields(self, name: Option<String>, role: Option<Role>) -> SubjectFields {
        SubjectFields {
            role,
            name,
            business: self.business,
            aliases: (!self.aliases.is_empty()).then_some(self.aliases),
            location: self.location,
            position: self.position,
            vendor: self.vendor,
            hire_stage: self.stage.map(|s| s.0),
            hired_on: self.hired_on,
        }
    }
}

pub fn run(ws: &mut Workspace, command: SubjectCommand) -> Outcome {
    match command {
        SubjectCommand::Void(a) => super::corrections::void(ws, Voidable::Subject, "subject", &a),
        SubjectCommand::Unvoid(a) => super::corrections::unvoid(ws, Voidable::Subject, &a),
        SubjectCommand::Add { id, name, role, fields } => {
            if fields.aliases.iter().any(|a| a.trim().is_empty()) {
                anyhow::bail!(crate::Error::invalid("--alias is empty: give another name the subject used"));
            }
            output::id(ws.add_subject(id, role, &name, &fields.into_fields(None, None))?)
        }
        SubjectCommand::Edit { sid, name, role, fields } => {
            // One empty alias alone clears them (`--alias ""`); among others it is a mistake.
            if fields.aliases.len() > 1 && fields.aliases.iter().any(|a| a.trim().is_empty()) {
                anyhow::bail!(crate::Error::invalid(
                    "an alias is empty: give each other name the subject used, or --alias \"\" alone to clear them"
                ));
            }
            let s = ws.edit_subject(sid, &fields.into_fields(name, role))?;
            say!("subject #{sid} ({} {}) updated", s.role, s.name)?;
            Ok(ExitCode::SUCCESS)
        }
        SubjectCommand::List { id, json } => {
            let subjects = ws.subjects(id)?;
            output::warn_if_altered(ws, id, json)?;
            if json {
                return output::json(&subjects);
            }
            let rows: Vec<Vec<String>> = subjects
                .iter()
                .map(|s| {
                    vec![
                        output::record_id(s.id, s.void.as_ref()),
                        s.role.to_string(),
                        s.name.clone(),
                        s.position.clone(),
                        s.hire_stage.map(|h| h.to_string()).unwrap_or_default(),
                        s.aliases.join(", "),
                    ]
                })
                .collect();
            output::records_table(
                &["ID", "ROLE", "NAME", "POSITION", "STAGE", "ALIASES"],
                &rows,
                &format!("case #{id} has no subjects"),
                subjects.iter().map(|r| (r.id, r.void.as_ref())),
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
