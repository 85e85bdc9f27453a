//! `vetdesk export`: a case for a peer's platform, as a MISP event or a STIX 2.1 bundle.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use super::Outcome;
use super::output::tell;
use crate::Workspace;
use crate::export::misp::{self, Tlp};
use crate::export::{Shared, stix};

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// A MISP event (JSON, MISP core format): identifiers as attributes, red flags as tags and an event
    /// report, a TLP tag.
    Misp {
        /// The case.
        id: i64,
        /// Write to this file (mode 0600) instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[command(flatten)]
        overwrite: super::output::Overwrite,
        /// The TLP marking: clear, green, amber, amber+strict or red.
        #[arg(long, value_enum, default_value = "amber")]
        tlp: Tlp,
        /// Mask account numbers, document numbers and wallets to their last 4 characters.
        #[arg(long)]
        redact: bool,
    },
    /// A STIX 2.1 bundle: identity, observables under observed-data (indicators when confirmed), a note
    /// with the findings.
    Stix {
        /// The case.
        id: i64,
        /// Write to this file (mode 0600) instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[command(flatten)]
        overwrite: super::output::Overwrite,
        /// Mask account numbers, document numbers and wallets to their last 4 characters.
        #[arg(long)]
        redact: bool,
    },
}

pub fn run(ws: &Workspace, command: ExportCommand) -> Outcome {
    let (value, output) = match command {
        ExportCommand::Misp { id, output, overwrite, tlp, redact } => {
            if let Some(path) = &output {
                ws.check_output(path)?;
                overwrite.check(path)?;
            }
            (misp::event(&Shared::load(ws, id, redact)?, tlp), output)
        }
        ExportCommand::Stix { id, output, overwrite, redact } => {
            if let Some(path) = &output {
                ws.check_output(path)?;
                overwrite.check(path)?;
            }
            (stix::bundle(&Shared::load(ws, id, redact)?), output)
        }
    };
    match output {
        Some(path) => {
            let mut text = serde_json::to_string_pretty(&value)?;
            text.push('\n');
            crate::export::write_private(&path, text.as_bytes())?;
            tell!("wrote {} ({} bytes)", crate::text::display_path(&path), text.len());
            Ok(ExitCode::SUCCESS)
        }
        // JSON with the controls a terminal would obey written as JSON escapes: the same value, still JSON.
        None => super::output::json(&value),
    }
}
