//! `vetdesk init [--encrypt]`, `encrypt`, `decrypt` and `rekey`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;
use clap::Args;

use super::output::{say, tell};
use super::{Outcome, passphrase};
use crate::Workspace;
use crate::config::Config;
use crate::text::display_path;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Create an encrypted workspace (SQLCipher). Its passphrase comes from --passphrase-file or is asked
    /// twice on the terminal.
    #[arg(long)]
    pub encrypt: bool,
}

#[derive(Debug, Args)]
pub struct RekeyArgs {
    /// A file whose first line is the new passphrase (otherwise it is asked twice on the terminal).
    #[arg(long, value_name = "FILE")]
    pub new_passphrase_file: Option<PathBuf>,
}

/// `vetdesk init --encrypt`: a new encrypted workspace at `path`, which must not hold one yet.
pub fn init_encrypted(path: &Path, config: &Config, passphrase_file: Option<&Path>) -> Outcome {
    if std::fs::metadata(path).is_ok_and(|m| m.len() > 0) {
        if crate::store::cipher::is_encrypted(path) {
            bail!("{}: is already an encrypted workspace", display_path(path));
        }
        bail!("{}: already exists as a plain workspace; `vetdesk encrypt` encrypts it", display_path(path));
    }
    let key = passphrase::new(passphrase_file, "--passphrase-file")?;
    let mut ws = super::open_keyed(path, config, Some(key))?;
    ws.record_encrypted_creation()?;
    say!("{}", path.display())?;
    tell!("created an encrypted workspace; keep its passphrase safe: without it nothing in it can be read");
    Ok(ExitCode::SUCCESS)
}

/// `vetdesk encrypt`.
pub fn encrypt(ws: Workspace, passphrase_file: Option<&Path>) -> Outcome {
    if ws.is_encrypted() {
        bail!("the workspace is already encrypted; `vetdesk rekey` changes its passphrase");
    }
    let key = passphrase::new(passphrase_file, "--passphrase-file")?;
    let done = ws.encrypt(key)?;
    report(&done, "encrypted");
    Ok(ExitCode::SUCCESS)
}

/// `vetdesk decrypt`.
pub fn decrypt(ws: Workspace) -> Outcome {
    let done = ws.decrypt()?;
    report(&done, "plain");
    Ok(ExitCode::SUCCESS)
}

fn report(done: &crate::workspace::Converted, now: &str) {
    let _ = say!("{}", done.path.display());
    tell!(
        "the workspace is now {now} ({} tables, {} rows, checked against the original); the original ({} bytes) \
         was overwritten with zeros and deleted, after being renamed {} for the swap",
        done.tables,
        done.rows,
        done.old_bytes,
        display_path(&done.old)
    );
    tell!(
        "overwriting does not reach copies elsewhere: backups, snapshots, and on SSDs or copy-on-write file \
         systems the old blocks may survive until reused"
    );
}

/// `vetdesk rekey`.
pub fn rekey(ws: &mut Workspace, a: &RekeyArgs) -> Outcome {
    if !ws.is_encrypted() {
        bail!("the workspace is not encrypted; `vetdesk encrypt` encrypts it");
    }
    let new = passphrase::new(a.new_passphrase_file.as_deref(), "--new-passphrase-file")?;
    ws.rekey(new)?;
    tell!("the passphrase is changed; the old one no longer opens the workspace");
    Ok(ExitCode::SUCCESS)
}
