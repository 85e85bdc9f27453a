//! Writing a bundle: the tar is built straight into the age stream, member by member, and each
//! member's SHA-256 is taken as it passes; the manifest of those hashes and its signature close it.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::Path;

use serde_json::json;
use sha2::{Digest, Sha256};

use super::{
    ALLOWED_SIGNERS, AuditFile, CaseEntry, EvidenceEntry, FORMAT, INFO, Info, MANIFEST, OriginFile, PRINCIPAL,
    Progress, SIGNATURE, Seal, SealFile, VERSION, member,
};
use crate::report::{self, Format, Options};
use crate::store::audit::hex;
use crate::{Error, Result, Workspace};

/// What to put in a bundle.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExportOptions {
    pub with_evidence: bool,
    pub redact: bool,
    /// Replace a file already at the output path (`--overwrite`).
    pub overwrite: bool,
}

/// Writes the cases `ids` to `output` as one bundle encrypted by `seal`. The file appears whole or not
/// at all: it is written beside and renamed into place. Returns what the bundle holds.
pub fn export(
    ws: &Workspace,
    ids: &[i64],
    output: &Path,
    seal: &Seal,
    options: ExportOptions,
    progress: Progress<'_>,
) -> Result<Info> {
    if ids.is_empty() {
        return Err(Error::invalid("name at least one case"));
    }
    if let Some(id) = ids.iter().enumerate().find_map(|(i, id)| ids[..i].contains(id).then_some(id)) {
        return Err(Error::invalid(format!("case {id} is named twice; a bundle holds each case once")));
    }
    // A folder, a link or a device is refused before anything is written beside it; a file, unless asked.
    ws.check_output(output)?;
    crate::export::check_replaceable(output, options.overwrite)?;
    if options.redact && options.with_evidence {
        return Err(Error::invalid(
            "--redact and --with-evidence do not go together: evidence files cannot be redacted",
        ));
    }
    let signer = ws.keys().signer()?;
    for &id in ids {
        ws.case(id)?;
    }
    let tmp = crate::interrupt::part_file(output);
    let _pending = crate::interrupt::Pending::new(&tmp);
    let result = (|| {
        let file = crate::files::create_private(&tmp).map_err(|e| crate::export::unwritable(output, &e))?;
        let stream = seal.wrap(BufWriter::new(file))?;
        let mut bundle = Writer { tar: tar::Builder::new(stream), manifest: String::new(), now: ws.now() };
        let info = write_cases(ws, ids, &mut bundle, options, progress)?;
        bundle.add(INFO, &serde_json::to_vec_pretty(&info).expect("plain data"))?;
        bundle.add(ALLOWED_SIGNERS, format!("{PRINCIPAL} {}\n", signer.public_openssh()).as_bytes())?;
        let manifest = std::mem::take(&mut bundle.manifest);
        let signature = signer.sign_bundle(manifest.as_bytes())?;
        bundle.add_unlisted(MANIFEST, manifest.as_bytes())?;
        bundle.add_unlisted(SIGNATURE, signature.as_bytes())?;
        let stream = bundle.tar.into_inner()?;
        let mut file = stream.finish()?.into_inner().map_err(|e| e.into_error())?;
        file.flush()?;
        file.sync_all()?;
        Ok(info)
    })();
    match result {
        Ok(info) => {
            // Without --overwrite, a file that appeared at the output while the bundle was written (another
            // export to the same name) is not replaced: a hard link fails where anything is.
            let placed = if options.overwrite {
                std::fs::rename(&tmp, output)
            } else {
                match std::fs::hard_link(&tmp, output) {
                    Ok(()) => std::fs::remove_file(&tmp),
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
                    // A file system without hard links (FAT, exFAT on a USB stick): checked, then renamed.
                    Err(_) if std::fs::symlink_metadata(output).is_ok() => {
                        Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists))
                    }
                    Err(_) => std::fs::rename(&tmp, output),
                }
            };
            if let Err(e) = placed {
                let _ = std::fs::remove_file(&tmp);
                return Err(match e.kind() {
                    std::io::ErrorKind::AlreadyExists => Error::file(
                        output,
                        "appeared while the bundle was written; nothing was replaced (--overwrite replaces it)",
                    ),
                    _ => Error::file(output, e),
                });
            }
            Ok(info)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

struct Writer<W: Write> {
    tar: tar::Builder<W>,
    /// `HASH  PATH` lines, paths relative to the bundle folder, as `sha256sum` writes them.
    manifest: String,
    now: String,
}

impl<W: Write> Writer<W> {
    fn header(&self, size: u64) -> tar::Header {
        let mut header = tar::Header::new_ustar();
        header.set_size(size);
        // Unpacked by `tar xf`, the case records and evidence are readable by their owner only.
        header.set_mode(0o600);
        header.set_mtime(chrono::DateTime::parse_from_rfc3339(&self.now).map_or(0, |t| t.timestamp().max(0) as u64));
        header.set_entry_type(tar::EntryType::Regular);
        header
    }

    fn add(&mut self, rel: &str, bytes: &[u8]) -> Result<()> {
        self.manifest.push_str(&format!("{}  {rel}\n", hex(&Sha256::digest(bytes))));
        self.add_unlisted(rel, bytes)
    }

    fn add_unlisted(&mut self, rel: &str, bytes: &[u8]) -> Result<()> {
        let mut header = self.header(bytes.len() as u64);
        self.tar.append_data(&mut header, member(rel), bytes)?;
        Ok(())
    }

    /// Streams a file into the bundle; its SHA-256 must come out as `expected`.
    fn add_file(&mut self, rel: &str, path: &Path, expected: &str, progress: Progress<'_>) -> Result<u64> {
        let shown = crate::text::display_path(path);
        let file = File::open(path).map_err(|e| Error::invalid(format!("evidence file {shown}: {e}")))?;
        let size = file.metadata()?.len();
        let mut header = self.header(size);
        let mut reader = Hashing { inner: file.take(size), hash: Sha256::new(), done: 0, size, name: rel, progress };
        self.tar
            .append_data(&mut header, member(rel), &mut reader)
            .map_err(|e| Error::invalid(format!("evidence file {shown}: {e}")))?;
        let got = hex(&reader.hash.finalize());
        if got != expected {
            return Err(Error::invalid(format!(
                "evidence file {shown} has changed since it was attached (SHA-256 {got}, recorded {expected}); \
                 nothing was written"
            )));
        }
        self.manifest.push_str(&format!("{got}  {rel}\n"));
        Ok(size)
    }
}

/// Hashes what is read through it and reports progress.
struct Hashing<'a, 'p, R> {
    inner: R,
    hash: Sha256,
    done: u64,
    size: u64,
    name: &'a str,
    progress: &'a mut (dyn FnMut(&str, u64, u64) + 'p),
}

impl<R: Read> Read for Hashing<'_, '_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        self.done += n as u64;
        (self.progress)(self.name, self.done, self.size);
        Ok(n)
    }
}

fn write_cases<W: Write>(
    ws: &Workspace,
    ids: &[i64],
    bundle: &mut Writer<W>,
    options: ExportOptions,
    progress: Progress<'_>,
) -> Result<Info> {
    let signer = ws.keys().signer()?;
    let mut cases = Vec::new();
    for &id in ids {
        let case = ws.case(id)?;
        let dir = format!("cases/{id}");
        let summary = report::build(ws, id, &Options { redact: options.redact, verify: true })?;
        if let Some(check) = &summary.header.record_check {
            crate::export::leaves_as_recorded(id, check)?;
        }
        bundle.add(&format!("{dir}/summary.md"), report::render(&summary, Format::Markdown).as_bytes())?;
        bundle.add(&format!("{dir}/report.json"), report::render(&summary, Format::Json).as_bytes())?;
        let mut entry = CaseEntry {
            origin_case: id,
            // Redacted, the title is the summary's, masked as the summary masks it.
            title: if options.redact { summary.header.title.clone() } else { case.title.clone() },
            dir: dir.clone(),
            audit_head: None,
            audit_rows: 0,
            evidence: vec![],
        };
        if !options.redact {
            let state = crate::store::bundle::case_state(ws.store().conn(), id)?;
            let fingerprints: std::collections::BTreeSet<&str> =
                state.audit.iter().chain(&state.sealed_by).filter_map(|r| r.signer.as_deref()).collect();
            let signers = crate::store::bundle::signer_keys(ws.store().conn(), fingerprints)?;
            entry.audit_head = state.audit.last().map(|r| r.hash.clone());
            entry.audit_rows = state.audit.len();
            let audit = AuditFile { signers, rows: state.audit };
            bundle.add(&format!("{dir}/audit.json"), &serde_json::to_vec_pretty(&audit).expect("plain data"))?;
            bundle.add(&format!("{dir}/record.json"), &record(ws, id)?)?;
            bundle.add(&format!("{dir}/rows.json"), &serde_json::to_vec(&state.rows).expect("plain data"))?;
            let seal = SealFile { records: state.seal, sealed_by: state.sealed_by };
            bundle.add(&format!("{dir}/seal.json"), &serde_json::to_vec(&seal).expect("plain data"))?;
            if let Some((origin, rows, signers)) = state.origin {
                let file = OriginFile {
                    workspace: origin.origin_workspace,
                    case: origin.origin_case,
                    head: origin.origin_head,
                    signers,
                    rows,
                };
                bundle.add(&format!("{dir}/origin.json"), &serde_json::to_vec_pretty(&file).expect("plain data"))?;
            }
            let mut listing = String::new();
            for item in ws.evidence(id)? {
                let name = evidence_name(item.id, &item.path);
                listing.push_str(&format!("{}  evidence/{name}\n", item.sha256));
                entry.evidence.push(EvidenceEntry {
                    origin_evidence: item.id,
                    name,
                    sha256: item.sha256.clone(),
                    size: item.size,
                    included: false,
                });
            }
            bundle.add(&format!("{dir}/evidence.sha256"), listing.as_bytes())?;
            if options.with_evidence {
                for (item, e) in ws.evidence(id)?.iter().zip(entry.evidence.iter_mut()) {
                    if item.void.is_some() {
                        continue;
                    }
                    let rel = format!("{dir}/evidence/{}", e.name);
                    e.size = bundle.add_file(&rel, Path::new(&item.path), &item.sha256, &mut *progress)?;
                    e.included = true;
                }
            }
        }
        cases.push(entry);
    }
    Ok(Info {
        format: FORMAT.into(),
        version: VERSION,
        vetdesk: env!("CARGO_PKG_VERSION").into(),
        created_at: bundle.now.clone(),
        created_by: ws.actor().into(),
        origin_workspace: ws.workspace_id().into(),
        signer: signer.fingerprint().into(),
        signer_key: signer.public_openssh(),
        redacted: options.redact,
        cases,
    })
}

/// `record.json`: the case as `vetdesk case show --json` gives it, with every note and evidence record.
fn record(ws: &Workspace, id: i64) -> Result<Vec<u8>> {
    let assessment = ws.assessment(id)?;
    let notes = ws.notes(id, u32::MAX, 0)?;
    let value = json!({
        "format": "vetdesk-case-record",
        "version": 1,
        "case": ws.case(id)?,
        "coverage_percent": assessment.coverage_percent(),
        "assessment": assessment,
        "subjects": ws.subjects(id)?,
        "identifiers": ws.identifiers(id)?,
        "payments": ws.payments(id)?,
        "answers": ws.answers(id)?,
        "notes": notes,
        "evidence": ws.evidence(id)?,
    });
    Ok(serde_json::to_vec_pretty(&value).expect("plain data"))
}

/// A file name safe in a tar path and a `sha256sum` line: no separators, no newlines, no leading dot.
/// The name an evidence file goes by in a bundle: its id and its file name, made safe.
pub(super) fn evidence_name(id: i64, path: &str) -> String {
    let base = Path::new(path).file_name().map(|n| n.to_string_lossy().into_owned());
    format!("{id}-{}", safe_name(base.as_deref().unwrap_or("file")))
}

fn safe_name(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' }).collect();
    let trimmed = cleaned.trim_start_matches('.');
    if trimmed.is_empty() { "file".into() } else { trimmed.chars().take(100).collect() }
}
