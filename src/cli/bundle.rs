//! `vetdesk bundle`: hand cases to another machine in one signed, encrypted file, and check one.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::Outcome;
use super::output::{self, say, tell};
use crate::Workspace;
use crate::bundle::{self, ExportOptions, ImportOptions, Key, Seal};
use crate::workspace::Landing;

#[derive(Debug, Subcommand)]
pub enum BundleCommand {
    /// Write cases into one signed bundle, encrypted with age (see docs/bundle.md).
    Export(ExportArgs),
    /// Check a bundle: the signature, every file's hash and each case's audit rows; exit 1 on a problem.
    Verify(VerifyArgs),
    /// Take in a bundle's cases as new local cases (or as an update of an earlier copy), after checking it.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The cases to hand over.
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<i64>,
    /// The bundle file to write.
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
    #[command(flatten)]
    pub overwrite: super::output::Overwrite,
    /// Put the evidence files themselves in the bundle (streamed; large files show progress).
    #[arg(long)]
    pub with_evidence: bool,
    /// Mask account numbers, document numbers and wallets in the summaries; the bundle then carries the
    /// summaries only (no record, audit rows or evidence), for reading.
    #[arg(long)]
    pub redact: bool,
    #[command(flatten)]
    pub seal: SealArgs,
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct SealArgs {
    /// Encrypt with the passphrase on the first line of this file (not the workspace's passphrase file,
    /// which `--passphrase-file` names).
    #[arg(long, value_name = "F")]
    pub bundle_passphrase_file: Option<PathBuf>,
    /// Encrypt to this age X25519 recipient (`age1…`, from `age-keygen`); repeat for several.
    #[arg(long, value_name = "AGE_RECIPIENT")]
    pub recipient: Vec<String>,
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct KeyArgs {
    /// Decrypt with the passphrase on the first line of this file (not the workspace's passphrase file,
    /// which `--passphrase-file` names).
    #[arg(long, value_name = "F")]
    pub bundle_passphrase_file: Option<PathBuf>,
    /// Decrypt with this age identity file (`age-keygen -o`).
    #[arg(long, value_name = "F")]
    pub identity: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    pub file: PathBuf,
    #[command(flatten)]
    pub key: KeyArgs,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    #[command(flatten)]
    pub key: KeyArgs,
    /// The folder the bundle's evidence files are placed in (made if missing); needed when it holds any.
    #[arg(long, value_name = "DIR")]
    pub evidence_dir: Option<PathBuf>,
    /// Trust the key with this fingerprint (`SHA256:…`) that signed the bundle, and remember it; check it
    /// with the sender first.
    #[arg(long, value_name = "FINGERPRINT")]
    pub trust: Option<String>,
    #[arg(long)]
    pub json: bool,
}

impl KeyArgs {
    fn key(&self) -> crate::Result<Key> {
        match (&self.bundle_passphrase_file, &self.identity) {
            (Some(p), _) => Key::passphrase_file(p),
            (None, Some(i)) => Key::identity_file(i),
            (None, None) => Err(crate::Error::invalid("give --bundle-passphrase-file or --identity")),
        }
    }
}

/// `bundle verify` reads no workspace.
pub fn verify(a: &VerifyArgs) -> Outcome {
    let key = a.key.key()?;
    // A file that cannot be opened is an error (exit 2), not a bundle found not to hold (exit 1); so is
    // anything but a regular file (a named pipe would hang the open, `/dev/zero` never ends).
    match std::fs::metadata(&a.file) {
        Err(e) => anyhow::bail!("{}: {e}", crate::text::display_path(&a.file)),
        Ok(m) if m.is_dir() => anyhow::bail!("{}: is a folder, not a bundle file", crate::text::display_path(&a.file)),
        Ok(_) => {}
    }
    crate::files::open_regular(&a.file)?;
    let checked = bundle::verify(&a.file, &key, None, &mut progress());
    if a.json {
        output::json(&checked)?;
    } else {
        print_checked(&checked)?;
    }
    Ok(if checked.holds() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

pub fn run(ws: &mut Workspace, command: BundleCommand) -> Outcome {
    match command {
        BundleCommand::Export(a) => {
            if let Some(file) = &a.seal.bundle_passphrase_file {
                ws.keep_key_file(file, "the passphrase file the bundle is encrypted with");
            }
            export(ws, &a)
        }
        BundleCommand::Verify(a) => verify(&a),
        BundleCommand::Import(a) => import(ws, &a),
    }
}

fn import(ws: &mut Workspace, a: &ImportArgs) -> Outcome {
    let key = a.key.key()?;
    crate::interrupt::clean_up_on_signals()?;
    let options = ImportOptions { evidence_dir: a.evidence_dir.clone(), trust: a.trust.clone() };
    let done = bundle::import(ws, &a.file, &key, &options, &mut progress())?;
    // Only once imported: a refused import changes nothing, in the folder either.
    if let Some(dir) = &a.evidence_dir {
        leftovers_removed(&crate::interrupt::clear_leftovers(dir, None));
    }
    if a.json {
        output::json(&done)?;
        return Ok(ExitCode::SUCCESS);
    }
    let shown = crate::text::quoted;
    say!("imported {} · signed by {} · from workspace {}", done.file, done.signer, shown(&done.origin_workspace))?;
    for c in &done.cases {
        let how = match &c.landing {
            Landing::New => "a new case".to_string(),
            Landing::Update if c.added == 0 && c.updated == 0 => {
                "an update: no record differs from the copy here".into()
            }
            Landing::Update => format!("an update: {} added, {} updated", count(c.added, "record"), c.updated),
            Landing::Copy { beside, why } => format!("a separate copy beside #{beside}, because {why}"),
        };
        say!(
            "case #{} (#{} there) · {how} · {} kept as imported history",
            c.case_id,
            c.origin_case,
            count(c.history_rows, "audit row")
        )?;
        for r in &c.repointed {
            let path = |p: &str| crate::text::display_path(std::path::Path::new(p));
            let (from, to) = (path(&r.from), path(&r.to));
            let found = match r.found.as_str() {
                "intact" => "held the file as attached, and is left as it is",
                "changed" => "had changed since it was attached, and is left as it is",
                "missing" => "was not there",
                _ => "could not be read (permissions), and is left as it is",
            };
            let id = r.evidence_id;
            if r.from == r.to {
                say!(
                    "  evidence #{id}: the file its record points to, {from}, was not there; the bundle's copy is placed there"
                )?;
            } else {
                say!(
                    "  evidence #{id}: the file its record pointed to, {from}, {found}; the record now points to the bundle's copy, {to}"
                )?;
            }
        }
        // The bundle's signer vouches for the bundle; rows of the history another key signed are that
        // key's word (a case that passed through another workspace before), and are said to be.
        let mut others: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
        for row in ws.imported_history(c.case_id)? {
            if let Some(signer) = row.signer.filter(|s| *s != done.signer) {
                *others.entry(signer).or_default() += 1;
            }
        }
        if !others.is_empty() {
            let keys: Vec<String> = others
                .iter()
                .map(|(k, n)| format!("{} ({n} row{})", shown(k), if *n == 1 { "" } else { "s" }))
                .collect();
            say!(
                "  its history holds rows signed by other keys than the bundle's: {} (`vetdesk audit log --case {} \
                 --imported` shows them)",
                keys.join(", "),
                c.case_id
            )?;
        }
    }
    for (name, path) in &done.evidence {
        say!("evidence {} → {}", shown(name), crate::text::display_path(std::path::Path::new(path)))?;
    }
    if done.evidence_not_included > 0 {
        let one = done.evidence_not_included == 1;
        say!(
            "{} evidence record{} came without {} file{} (a bundle made without --with-evidence carries no file, \
             and one made with it none of voided evidence): a record new here shows the sender's path, one \
             already here keeps its own",
            done.evidence_not_included,
            if one { "" } else { "s" },
            if one { "its" } else { "their" },
            if one { "" } else { "s" },
        )?;
    }
    match (&done.checked_here, &done.not_checked_here) {
        (_, Some(why)) => say!(
            "the evidence files were not checked here ({}): run vetdesk evidence verify on the cases imported",
            shown(why)
        )?,
        (found, None) if !found.is_empty() => {
            let tally = [
                ("intact", "intact"),
                ("changed", "changed since attached"),
                ("missing", "not there"),
                ("unreadable", "could not be read (permissions)"),
            ]
            .iter()
            .filter_map(|(result, words)| {
                let n = found.iter().filter(|c| c.result == *result).count();
                (n > 0).then(|| format!("{n} {words}"))
            })
            .collect::<Vec<_>>()
            .join(", ");
            say!(
                "{} checked where {} record{} point{} on this machine: {tally} (evidence list shows each result)",
                count(found.len(), "evidence file"),
                if found.len() == 1 { "its" } else { "their" },
                if found.len() == 1 { "" } else { "s" },
                if found.len() == 1 { "s" } else { "" },
            )?;
        }
        _ => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// Says which half-written files of a vetdesk killed outright were removed.
fn leftovers_removed(removed: &[(PathBuf, u32)]) {
    for (path, pid) in removed {
        tell!(
            "vetdesk: note: removed {}, named as vetdesk names a half-written file, by a process ({pid}) no longer \
             running: one that was stopped before it could remove it",
            crate::text::display_path(path)
        );
    }
}

fn export(ws: &Workspace, a: &ExportArgs) -> Outcome {
    crate::interrupt::clean_up_on_signals()?;
    let seal = match &a.seal.bundle_passphrase_file {
        Some(p) => Seal::passphrase_file(p)?,
        None => Seal::recipients(&a.seal.recipient)?,
    };
    let options = ExportOptions { with_evidence: a.with_evidence, redact: a.redact, overwrite: a.overwrite.overwrite };
    let info = bundle::export(ws, &a.ids, &a.output, &seal, options, &mut progress())?;
    // Only once written: a refused export changes nothing beside its output either.
    let folder = a.output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    leftovers_removed(&crate::interrupt::clear_leftovers(folder, Some(&a.output)));
    let files: usize = info.cases.iter().map(|c| c.evidence.iter().filter(|e| e.included).count()).sum();
    tell!(
        "wrote {}: {} case{}, {files} evidence file{}, signed by {}",
        crate::text::display_path(&a.output),
        info.cases.len(),
        if info.cases.len() == 1 { "" } else { "s" },
        if files == 1 { "" } else { "s" },
        info.signer
    );
    Ok(ExitCode::SUCCESS)
}

/// Progress through files of 64 MiB and more, on standard error, every tenth.
fn progress() -> impl FnMut(&str, u64, u64) {
    let mut last: Option<(String, u64)> = None;
    move |name: &str, done: u64, total: u64| {
        if total < 64 << 20 {
            return;
        }
        let tenth = done * 10 / total.max(1);
        if last.as_ref().is_some_and(|(n, t)| n == name && *t == tenth) {
            return;
        }
        last = Some((name.to_string(), tenth));
        tell!("vetdesk: {name}: {}% of {} MiB", tenth * 10, total >> 20);
    }
}

fn print_checked(c: &bundle::Checked) -> std::io::Result<()> {
    // Everything below but the counts comes from the bundle, which is outside data: each value is shown on
    // one line, so that none can print a line of its own (a forged "signed by").
    let shown = crate::text::quoted;
    say!("bundle {}", c.file)?;
    if let Some(signer) = &c.signer {
        say!("signed by {} (the key named in the bundle: compare it with the sender's)", shown(signer))?;
    }
    if let Some(info) = &c.info {
        say!(
            "from workspace {} · written {} by {} · vetdesk {}{}",
            shown(&info.origin_workspace),
            shown(&info.created_at),
            shown(&info.created_by),
            shown(&info.vetdesk),
            if info.redacted { " · redacted (summaries only)" } else { "" }
        )?;
        for case in &info.cases {
            let included = case.evidence.iter().filter(|e| e.included).count();
            say!(
                "case #{}  {} · {} · {} ({included} in the bundle)",
                case.origin_case,
                shown(&case.title),
                count(case.audit_rows, "audit row"),
                count(case.evidence.len(), "evidence file")
            )?;
            // Rows signed by another key than the bundle's: a colleague's machine, or someone who signed
            // the bundle again on its way. Either way the receiver should know.
            let others = c.row_signers.get(&case.origin_case).into_iter().flatten();
            for (key, rows) in others.filter(|(key, _)| c.signer.as_ref() != Some(*key)) {
                say!(
                    "  {} of this case {} signed by {}, not by the key that signed the bundle: ask the sender whether \
                     that key is theirs",
                    count(*rows, "audit row"),
                    if *rows == 1 { "is" } else { "are" },
                    shown(key)
                )?;
            }
            let origin = c.members.get(&format!("{}/origin.json", case.dir));
            if let Some(o) = origin.and_then(|b| serde_json::from_slice::<crate::bundle::OriginFile>(b).ok()) {
                let signers: Vec<&str> = o.signers.keys().map(String::as_str).collect();
                say!(
                    "  came to it in a bundle: {} of case #{} in workspace {}, signed by {}",
                    count(o.rows.len(), "audit row"),
                    o.case,
                    shown(&o.workspace),
                    shown(&signers.join(", "))
                )?;
            }
            for e in &case.evidence {
                let place = if e.included { "in the bundle" } else { "not included" };
                say!("  evidence {} · {} bytes · sha256 {} · {place}", shown(&e.name), e.size, shown(&e.sha256))?;
            }
        }
    }
    if c.holds() {
        if c.info.as_ref().is_some_and(|i| i.redacted) {
            say!("holds: the signature and every file's hash check out (a redacted bundle carries no records)")?;
        } else {
            say!(
                "holds: the signature, every file's hash, and each case's audit rows and the records they sealed \
                 (rows.json) check out; record.json and the summaries are the signer's rendering of those records, \
                 covered by the signature alone (bundle import reads the sealed records)"
            )?;
        }
    } else {
        for p in &c.problems {
            say!("problem: {}: {}", shown(&p.file), shown(&p.problem))?;
        }
    }
    Ok(())
}

/// `1 audit row`, `2 audit rows`.
fn count(n: usize, what: &str) -> String {
    crate::text::counted(n, what, &format!("{what}s"))
}
