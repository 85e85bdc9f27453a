//! `bundle import`: a bundle is checked in full first (a bundle with any problem brings in nothing), its
//! evidence files are placed in the folder the user names, then its cases are taken in, in one
//! transaction (`Workspace::import_cases`). When that fails, the placed files are removed again.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{AuditFile, Info, Key, MANIFEST, Progress, verify};
use crate::store::audit::hex;
use crate::store::case_rows::CaseRows;
use crate::workspace::{ImportedCase, Incoming, IncomingCase};
use crate::{Error, Result, Workspace};

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The folder the evidence files go into.
    pub evidence_dir: Option<PathBuf>,
    /// The fingerprint of a signer to trust (and remember).
    pub trust: Option<String>,
}

/// What an import did.
#[derive(Debug, Serialize)]
pub struct Imported {
    pub file: String,
    pub signer: String,
    pub origin_workspace: String,
    pub cases: Vec<ImportedCase>,
    /// Each evidence file placed, as its bundle name → local path.
    pub evidence: BTreeMap<String, String>,
    /// Evidence records whose files were not in the bundle: one new here keeps the sender's path, one
    /// already here its own.
    pub evidence_not_included: usize,
    /// What checking, on this machine, every evidence file of the cases imported found, where its record
    /// points (placed from the bundle, or the sender's path): see [`check_here`].
    pub checked_here: Vec<CheckedHere>,
    /// Why that check could not be made, when it could not (the import stands).
    pub not_checked_here: Option<String>,
}

/// One evidence record's file as checked on this machine right after the import.
#[derive(Debug, Serialize)]
pub struct CheckedHere {
    pub evidence_id: i64,
    /// `intact`, `changed`, `missing`, or `unreadable` (not recorded: nothing is known of it).
    pub result: String,
}

/// The evidence records of the cases imported carry the sender's last check, and those whose files did
/// not come with the bundle (not asked for, or new in a later bundle) name the sender's paths: every file
/// not voided, placed here or not, is checked at once where its record points, on this machine, and the
/// result recorded (one `evidence.verify` row a case, marked as the import's), so that no summary takes
/// the sender's check, or a file the sender holds, for one made or held here. The import stands whatever
/// this finds.
fn check_here(
    ws: &mut Workspace,
    cases: &[ImportedCase],
    bundle: &str,
) -> std::result::Result<Vec<CheckedHere>, String> {
    let mut found = Vec::new();
    for c in cases {
        let files = ws.evidence_to_verify(Some(c.case_id)).map_err(|e| e.to_string())?;
        let results = crate::workspace::recheck_all(&files, &mut |_, _| true).map_err(|e| e.to_string())?;
        ws.record_import_checks(c.case_id, &results, bundle).map_err(|e| e.to_string())?;
        found.extend(
            results.iter().map(|r| CheckedHere { evidence_id: r.evidence_id, result: r.result.as_str().to_string() }),
        );
    }
    Ok(found)
}

pub fn import(
    ws: &mut Workspace,
    path: &Path,
    key: &Key,
    options: &ImportOptions,
    progress: Progress<'_>,
) -> Result<Imported> {
    let (dir, made) = match &options.evidence_dir {
        Some(dir) => {
            let (dir, made) = evidence_folder(dir)?;
            (Some(dir), made)
        }
        None => (None, Vec::new()),
    };
    let imported = import_into(ws, path, key, options, dir.as_deref(), progress);
    if imported.is_err() {
        // A refused import leaves no trace: the folders it made for the evidence go again (each only
        // when empty, the deepest first).
        for folder in made.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
    }
    imported
}

fn import_into(
    ws: &mut Workspace,
    path: &Path,
    key: &Key,
    options: &ImportOptions,
    dir: Option<&Path>,
    progress: Progress<'_>,
) -> Result<Imported> {
    let shown = crate::text::display_path(path);
    let mut checked = verify(path, key, dir, progress);
    // A newer vetdesk's bundle says so first: its other problems follow from a format this one cannot read.
    let first = checked.problems.iter().find(|p| p.problem.contains("newer vetdesk")).or(checked.problems.first());
    if let Some(first) = first {
        let more = match checked.problems.len() - 1 {
            0 => String::new(),
            1 => " (and 1 more problem: `vetdesk bundle verify` lists it)".into(),
            n => format!(" (and {n} more problems: `vetdesk bundle verify` lists them)"),
        };
        // A problem of the bundle as a whole names the bundle already.
        let member = if first.file == shown { String::new() } else { format!("{}: ", first.file) };
        return Err(Error::invalid(format!("{shown}: {member}{}{more}; nothing was imported", first.problem)));
    }
    let result = (|| {
        let info = checked.info.clone().ok_or_else(|| Error::invalid(format!("{shown}: has no bundle.json")))?;
        if info.redacted {
            return Err(Error::invalid(format!(
                "{shown} is a redacted bundle: it holds the summaries only, so there is nothing to import"
            )));
        }
        let incoming = incoming(&checked, &info, &shown, options.trust.clone())?;
        ws.check_import(&incoming)?;
        let included: usize = info.cases.iter().map(|c| c.evidence.iter().filter(|e| e.included).count()).sum();
        if included > 0 && dir.is_none() {
            return Err(Error::invalid(format!(
                "{shown} holds {included} evidence file{}: name a folder for {} with --evidence-dir DIR; nothing was imported",
                if included == 1 { "" } else { "s" },
                if included == 1 { "it" } else { "them" }
            )));
        }
        Ok((info, incoming))
    })();
    let (info, mut incoming) = match result {
        Ok(ok) => ok,
        Err(e) => {
            checked.discard_evidence();
            return Err(e);
        }
    };
    let mut placed = Placed::default();
    let mut evidence = BTreeMap::new();
    let mut not_included = 0;
    for (entry, case) in info.cases.iter().zip(incoming.cases.iter_mut()) {
        for e in &entry.evidence {
            if !e.included {
                not_included += 1;
                continue;
            }
            let rel = format!("{}/evidence/{}", entry.dir, e.name);
            let (Some(tmp), Some(dir)) = (checked.evidence.remove(&rel), dir) else { continue };
            let placing = placed.put(&tmp, dir, &e.name, &e.sha256);
            crate::interrupt::forget(&tmp);
            match placing {
                Ok((to, made)) => {
                    evidence.insert(rel, to.clone());
                    case.placed.insert(e.origin_evidence, to);
                    if made {
                        case.placed_anew.insert(e.origin_evidence);
                    }
                }
                Err(err) => {
                    let _ = std::fs::remove_file(&tmp);
                    checked.discard_evidence();
                    placed.undo();
                    return Err(err);
                }
            }
        }
    }
    checked.discard_evidence();
    match ws.import_cases(&incoming) {
        Ok(cases) => {
            let (checked_here, not_checked_here) = match check_here(ws, &cases, &incoming.bundle) {
                Ok(found) => (found, None),
                Err(why) => (Vec::new(), Some(why)),
            };
            Ok(Imported {
                file: shown,
                signer: info.signer,
                origin_workspace: info.origin_workspace,
                cases,
                evidence,
                evidence_not_included: not_included,
                checked_here,
                not_checked_here,
            })
        }
        Err(e) => {
            placed.undo();
            Err(e)
        }
    }
}

/// The bundle's cases as the workspace takes them in.
fn incoming(checked: &super::Checked, info: &Info, shown: &str, trust: Option<String>) -> Result<Incoming> {
    let manifest = checked.members.get(MANIFEST).ok_or_else(|| Error::invalid(format!("{shown}: has no manifest")))?;
    let mut cases = Vec::new();
    for entry in &info.cases {
        let member = |name: &str| {
            let rel = format!("{}/{name}", entry.dir);
            checked.members.get(&rel).ok_or_else(|| {
                Error::invalid(format!(
                    "{shown}: {rel} is missing: the bundle was written by a vetdesk ({}) that did not include what an \
                     import needs; export it again with this one",
                    info.vetdesk
                ))
            })
        };
        let rows: CaseRows = serde_json::from_slice(member("rows.json")?)
            .map_err(|e| Error::invalid(format!("{shown}: {}/rows.json is not readable: {e}", entry.dir)))?;
        let audit: AuditFile = serde_json::from_slice(member("audit.json")?)
            .map_err(|e| Error::invalid(format!("{shown}: {}/audit.json is not readable: {e}", entry.dir)))?;
        cases.push(IncomingCase {
            origin_case: entry.origin_case,
            rows,
            history: audit.rows,
            signers: audit.signers,
            placed: BTreeMap::new(),
            placed_anew: BTreeSet::new(),
        });
    }
    Ok(Incoming {
        bundle: hex(&Sha256::digest(manifest)),
        file_name: shown.to_string(),
        origin_workspace: info.origin_workspace.clone(),
        signer: info.signer.clone(),
        signer_key: info.signer_key.clone(),
        trust,
        cases,
    })
}

/// The evidence folder, made (owner only) when missing; its absolute path, and the folders made for it,
/// outermost first.
fn evidence_folder(dir: &Path) -> Result<(PathBuf, Vec<PathBuf>)> {
    use std::os::unix::fs::DirBuilderExt;
    let mut made: Vec<PathBuf> =
        dir.ancestors().take_while(|a| !a.as_os_str().is_empty() && !a.exists()).map(Path::to_path_buf).collect();
    made.reverse();
    if !made.is_empty() {
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(|e| Error::file(dir, e))?;
    }
    if !dir.is_dir() {
        return Err(Error::file(dir, "is not a folder"));
    }
    let absolute = dir.canonicalize().map_err(|e| Error::file(dir, e))?;
    Ok((absolute, made))
}

/// Evidence files placed so far, so a failed import can take them back.
#[derive(Default)]
struct Placed {
    made: Vec<PathBuf>,
}

impl Placed {
    /// Moves a checked evidence file to `dir/name`, or beside it as `2-name`, `3-name`… when another file
    /// (or a link, a folder) is there; a file already there with the same SHA-256 is used as it is. Returns the path, and whether
    /// the file was made there (no file was at that path).
    fn put(&mut self, tmp: &Path, dir: &Path, name: &str, sha256: &str) -> Result<(String, bool)> {
        for n in 1..10_000 {
            let to = if n == 1 { dir.join(name) } else { dir.join(format!("{n}-{name}")) };
            // Anything there takes the name, a symbolic link too, whether it points anywhere or not.
            if std::fs::symlink_metadata(&to).is_ok() {
                if sha256_of(&to).as_deref() == Some(sha256) {
                    std::fs::remove_file(tmp)?;
                    return Ok((to.to_string_lossy().into_owned(), false));
                }
                continue;
            }
            // A hard link never replaces a file that appeared in the meantime.
            std::fs::hard_link(tmp, &to).map_err(|e| Error::file(&to, e))?;
            std::fs::remove_file(tmp)?;
            self.made.push(to.clone());
            return Ok((to.to_string_lossy().into_owned(), true));
        }
        Err(Error::file(dir.join(name), "has too many files of that name beside it"))
    }

    fn undo(&mut self) {
        for path in self.made.drain(..) {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The SHA-256 of a regular file, read in bounded pieces; `None` when it cannot be read.
fn sha256_of(path: &Path) -> Option<String> {
    let (mut file, _) = crate::files::open_regular(path).ok()?;
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 256 << 10];
    loop {
        let n = file.read(&mut buf).ok()?;
        if n == 0 {
            return Some(hex(&hash.finalize()));
        }
        hash.update(&buf[..n]);
    }
}
