//! Reading and checking a bundle: it is decrypted and untarred as a stream, each member hashed as it
//! passes (evidence files are never held in memory), then the manifest, its signature, `bundle.json`
//! and each case's audit rows are checked. Every problem names the member it is in.

use std::collections::{BTreeMap, HashSet};
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{
    ALLOWED_SIGNERS, AuditFile, FORMAT, INFO, Info, Key, MANIFEST, PRINCIPAL, Progress, ROOT, SIGNATURE, VERSION,
};
use crate::store::audit::hex;
use crate::store::bundle::ChainRow;

/// The largest member other than an evidence file that is read (records, summaries, audit rows).
const MAX_MEMBER: u64 = 512 << 20;

/// One thing wrong with a bundle, and the file it is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    pub problem: String,
}

/// What checking a bundle found.
#[derive(Debug, Serialize)]
pub struct Checked {
    pub file: String,
    /// The fingerprint (`SHA256:…`) of the key whose signature on the manifest verifies.
    pub signer: Option<String>,
    pub info: Option<Info>,
    /// Every member's SHA-256, by its path inside the bundle folder.
    pub hashes: BTreeMap<String, String>,
    pub problems: Vec<Problem>,
    /// For each case (by its number where it was exported), how many of its audit rows each key signed.
    pub row_signers: BTreeMap<i64, BTreeMap<String, usize>>,
    /// Members other than evidence files, for import.
    #[serde(skip)]
    pub members: BTreeMap<String, Vec<u8>>,
    /// Evidence files written out while reading (`evidence_to`): member path → file.
    #[serde(skip)]
    pub evidence: BTreeMap<String, PathBuf>,
}

impl Checked {
    pub fn holds(&self) -> bool {
        self.problems.is_empty()
    }

    /// Records a problem, as one line whatever the bundle holds: a member's name with its controls
    /// escaped (a name with a newline could otherwise print a line of its own), the text on one line.
    pub(super) fn problem(&mut self, file: &str, problem: impl Into<String>) {
        let file = crate::text::display_path(Path::new(file));
        let problem = crate::text::one_line(&problem.into()).into_owned();
        self.problems.push(Problem { file, problem });
    }

    /// Removes evidence files written while reading (a bundle that failed, or an import that stopped).
    pub fn discard_evidence(&mut self) {
        for path in std::mem::take(&mut self.evidence).into_values() {
            let _ = std::fs::remove_file(&path);
            crate::interrupt::forget(&path);
        }
    }
}

/// Checks the bundle at `path`, opened with `key`. With `evidence_to`, evidence files are written into
/// that folder under temporary names as they are read (see [`Checked::evidence`]); they are removed
/// again when the bundle does not hold.
pub fn verify(path: &Path, key: &Key, evidence_to: Option<&Path>, progress: Progress<'_>) -> Checked {
    let shown = crate::text::display_path(path);
    let mut checked = Checked {
        file: shown.clone(),
        signer: None,
        info: None,
        hashes: BTreeMap::new(),
        problems: vec![],
        row_signers: BTreeMap::new(),
        members: BTreeMap::new(),
        evidence: BTreeMap::new(),
    };
    // A bundle is a regular file: a named pipe would hang the open, `/dev/zero` would never end.
    let file = match crate::files::open_regular(path) {
        Ok((f, _)) => f,
        Err(crate::Error::NotRegular { kind, .. }) => {
            checked.problem(&shown, format!("is {kind}, not a regular file"));
            return checked;
        }
        Err(e) => {
            checked.problem(&shown, format!("cannot be read: {e}"));
            return checked;
        }
    };
    let plain = match key.open(BufReader::new(file)) {
        Ok(r) => r,
        Err(why) => {
            checked.problem(&shown, why);
            return checked;
        }
    };
    if let Err(why) = read_members(plain, &mut checked, evidence_to, progress) {
        checked.problem(
            &shown,
            format!("is not a vetdesk bundle, or is truncated or damaged: {why}; nothing in it was used"),
        );
        // What was read before the damage is not the bundle: none of it is reported as if checked.
        checked.hashes.clear();
        checked.row_signers.clear();
        checked.info = None;
        checked.members.clear();
        checked.discard_evidence();
        return checked;
    }
    check(&mut checked);
    if !checked.holds() {
        checked.discard_evidence();
    }
    checked
}

fn read_members(
    plain: impl Read,
    checked: &mut Checked,
    evidence_to: Option<&Path>,
    progress: Progress<'_>,
) -> std::io::Result<()> {
    let mut archive = tar::Archive::new(plain);
    let prefix = format!("{ROOT}/");
    for entry in archive.entries()? {
        let mut entry = entry?;
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        if entry.header().entry_type().is_dir() {
            continue;
        }
        let Some(rel) = name.strip_prefix(&prefix).map(str::to_string) else {
            checked.problem(&name, format!("is outside the {ROOT}/ folder"));
            continue;
        };
        if rel.split('/').any(|part| part.is_empty() || part == "." || part == "..") {
            checked.problem(&rel, "has a path that is not allowed");
            continue;
        }
        if !entry.header().entry_type().is_file() {
            checked.problem(&rel, "is not a regular file");
            continue;
        }
        if checked.hashes.contains_key(&rel) {
            checked.problem(&rel, "appears twice");
            continue;
        }
        let size = entry.size();
        let mut hash = Sha256::new();
        if is_evidence(&rel) {
            let mut sink: Box<dyn Write> = Box::new(std::io::sink());
            if let Some(dir) = evidence_to {
                let tmp = crate::interrupt::import_file(dir, checked.evidence.len());
                crate::interrupt::add(&tmp);
                sink = Box::new(crate::files::create_private(&tmp)?);
                checked.evidence.insert(rel.clone(), tmp);
            }
            let mut buf = vec![0u8; 256 << 10];
            let mut done = 0u64;
            loop {
                let n = entry.read(&mut buf)?;
                if n == 0 {
                    break;
                }
                hash.update(&buf[..n]);
                sink.write_all(&buf[..n])?;
                done += n as u64;
                progress(&rel, done, size);
            }
            sink.flush()?;
        } else {
            if size > MAX_MEMBER {
                checked.problem(&rel, format!("is {size} bytes, more than a bundle member other than evidence may be"));
                std::io::copy(&mut entry, &mut std::io::sink())?;
                continue;
            }
            let mut bytes = Vec::with_capacity(size as usize);
            entry.read_to_end(&mut bytes)?;
            hash.update(&bytes);
            checked.members.insert(rel.clone(), bytes);
        }
        checked.hashes.insert(rel, hex(&hash.finalize()));
    }
    Ok(())
}

fn is_evidence(rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    parts.len() == 4 && parts[0] == "cases" && parts[2] == "evidence"
}

fn check(checked: &mut Checked) {
    let (Some(manifest), Some(signature)) =
        (checked.members.get(MANIFEST).cloned(), checked.members.get(SIGNATURE).cloned())
    else {
        let missing = if checked.members.contains_key(MANIFEST) { SIGNATURE } else { MANIFEST };
        checked.problem(missing, "is missing: the bundle cannot be checked");
        return;
    };
    match crate::signing::verify_bundle(&manifest, &String::from_utf8_lossy(&signature)) {
        Ok((fingerprint, _)) => checked.signer = Some(fingerprint),
        Err(why) if why.starts_with(crate::signing::UNREADABLE_SIGNATURE) => checked.problem(SIGNATURE, why),
        Err(why) => {
            checked.problem(MANIFEST, format!("{why}: the manifest or its signature ({SIGNATURE}) was changed"))
        }
    }
    check_manifest(checked, &String::from_utf8_lossy(&manifest));
    let Some(info) = checked.members.get(INFO).map(|b| serde_json::from_slice::<Info>(b)) else {
        checked.problem(INFO, "is missing");
        return;
    };
    let info = match info {
        Ok(info) => info,
        Err(e) => {
            // A newer format may have other keys; say so when its version is newer.
            let version = checked
                .members
                .get(INFO)
                .and_then(|b| serde_json::from_slice::<serde_json::Value>(b).ok())
                .and_then(|v| v.get("version").and_then(serde_json::Value::as_u64));
            match version {
                Some(v) if v > u64::from(VERSION) => checked.problem(INFO, newer(v)),
                _ => checked.problem(INFO, format!("is not readable: {e}")),
            }
            return;
        }
    };
    if info.format != FORMAT {
        checked.problem(INFO, format!("is not a vetdesk case bundle (format {:?})", info.format));
        return;
    }
    if info.version > VERSION {
        checked.problem(INFO, newer(u64::from(info.version)));
        return;
    }
    if info.version < 2 && !info.redacted {
        checked.problem(
            INFO,
            format!(
                "is bundle format {}, which carries no seal rows, so its records cannot be checked against the audit \
                 rows that sealed them: export the cases again with this vetdesk",
                info.version
            ),
        );
        return;
    }
    if checked.signer.as_deref().is_some_and(|s| s != info.signer) {
        checked.problem(INFO, format!("names signer {} but the manifest is signed by another key", info.signer));
    }
    let key_fingerprint =
        crate::signing::parse_public(&info.signer_key).map(|k| k.fingerprint(ssh_key::HashAlg::Sha256).to_string());
    if key_fingerprint.as_deref() != Some(info.signer.as_str()) {
        checked.problem(INFO, "its signer key does not match the signer it names");
    }
    let expected = format!("{PRINCIPAL} {}\n", info.signer_key);
    if checked.members.get(ALLOWED_SIGNERS).map(Vec::as_slice) != Some(expected.as_bytes()) {
        checked.problem(ALLOWED_SIGNERS, "does not name the bundle's signer");
    }
    for case in &info.cases {
        check_case(checked, &info, case);
    }
    checked.info = Some(info);
}

fn newer(version: u64) -> String {
    format!(
        "was written by a newer vetdesk (bundle format {version}; this vetdesk reads up to {VERSION}): update vetdesk"
    )
}

/// Every member is listed with its hash, and every listed file is there with that hash.
fn check_manifest(checked: &mut Checked, manifest: &str) {
    let mut listed = HashSet::new();
    for (n, line) in manifest.lines().enumerate() {
        let Some((hash, rel)) = line.split_once("  ") else {
            checked.problem(MANIFEST, format!("line {} is not `HASH  FILE`", n + 1));
            continue;
        };
        listed.insert(rel.to_string());
        match checked.hashes.get(rel) {
            None => checked.problem(rel, "is listed in the manifest but missing from the bundle"),
            Some(got) if got != hash => {
                let problem = format!("does not match the manifest (SHA-256 {got}, listed {hash}): it was changed");
                checked.problem(rel, problem);
            }
            Some(_) => {}
        }
    }
    let unlisted: Vec<String> = checked
        .hashes
        .keys()
        .filter(|rel| !listed.contains(*rel) && *rel != MANIFEST && *rel != SIGNATURE)
        .cloned()
        .collect();
    for rel in unlisted {
        checked.problem(&rel, "is not listed in the manifest");
    }
}

/// A case's members are there, and its audit rows hold: each row's hash from its contents, its
/// signature by the key it names, and each row after its predecessor in the chain.
fn check_case(checked: &mut Checked, info: &Info, case: &super::CaseEntry) {
    let dir = &case.dir;
    if dir != &format!("cases/{}", case.origin_case) {
        checked.problem(INFO, format!("case #{} has an unexpected folder {dir}", case.origin_case));
        return;
    }
    for name in ["summary.md", "report.json"] {
        if !checked.members.contains_key(&format!("{dir}/{name}")) {
            checked.problem(&format!("{dir}/{name}"), "is missing");
        }
    }
    if info.redacted {
        return;
    }
    for name in ["record.json", "evidence.sha256"] {
        if !checked.members.contains_key(&format!("{dir}/{name}")) {
            checked.problem(&format!("{dir}/{name}"), "is missing");
        }
    }
    for e in &case.evidence {
        let rel = format!("{dir}/evidence/{}", e.name);
        match checked.hashes.get(&rel) {
            Some(h) if e.included && h != &e.sha256 => checked
                .problem(&rel, format!("is not the evidence that was attached (SHA-256 {h}, recorded {})", e.sha256)),
            None if e.included => checked.problem(&rel, "is missing"),
            _ => {}
        }
    }
    let audit_path = format!("{dir}/audit.json");
    let audit = match checked.members.get(&audit_path).map(|b| serde_json::from_slice::<AuditFile>(b)) {
        Some(Ok(a)) => a,
        Some(Err(e)) => return checked.problem(&audit_path, format!("is not readable: {e}")),
        None => return checked.problem(&audit_path, "is missing"),
    };
    let whose = format!("case #{}", case.origin_case);
    let keys = check_rows(checked, &audit_path, &audit.signers, &audit.rows, case.origin_case, &whose);
    let signed = checked.row_signers.entry(case.origin_case).or_default();
    for row in &audit.rows {
        *signed.entry(row.signer.clone().unwrap_or_else(|| "no key".into())).or_default() += 1;
    }
    if audit.rows.len() != case.audit_rows || audit.rows.last().map(|r| &r.hash) != case.audit_head.as_ref() {
        checked.problem(&audit_path, format!("does not hold the {} rows {INFO} lists", case.audit_rows));
    }
    if let Some((sealed, rows)) = super::seals::check_seal(checked, case, &audit.rows, &keys) {
        super::seals::check_origin(checked, case, &sealed);
        super::seals::check_entries(checked, case, &rows);
    }
}

/// Checks audit rows carried in `path`: each listed key is the key its fingerprint names, and each row
/// belongs to case `case` (`whose` names it), holds by its hash and its signature, and follows the row
/// before it in the chain. Returns the keys, by fingerprint.
pub(super) fn check_rows(
    checked: &mut Checked,
    path: &str,
    signers: &BTreeMap<String, String>,
    rows: &[ChainRow],
    case: i64,
    whose: &str,
) -> BTreeMap<String, ssh_key::PublicKey> {
    let mut keys = BTreeMap::new();
    for (fingerprint, text) in signers {
        match crate::signing::parse_public(text) {
            Some(k) if k.fingerprint(ssh_key::HashAlg::Sha256).to_string() == *fingerprint => {
                keys.insert(fingerprint.clone(), k);
            }
            _ => checked.problem(path, format!("lists a key for {fingerprint} that is not that key")),
        }
    }
    let mut previous: Option<&ChainRow> = None;
    for row in rows {
        let at = format!("audit row {}", row.id);
        if row.case_id != Some(case) {
            checked.problem(path, format!("{at} is not a row of {whose}"));
        }
        if !row.hash_holds() {
            checked.problem(path, format!("{at}: its contents do not match its hash; it was changed"));
        }
        if let Some(why) = signature_problem(&keys, row) {
            checked.problem(path, format!("{at}: {why}"));
        }
        if let Some(prev) = previous {
            if row.id <= prev.id {
                checked.problem(path, format!("{at} is out of order"));
            } else if row.id == prev.id + 1 && row.prev_hash != prev.hash {
                checked.problem(path, format!("{at} does not follow row {} in the chain", prev.id));
            }
        }
        previous = Some(row);
    }
    keys
}

/// Why an audit row's signature does not hold, if it does not: it must verify with the key it names.
pub(super) fn signature_problem(keys: &BTreeMap<String, ssh_key::PublicKey>, row: &ChainRow) -> Option<String> {
    match (&row.signer, &row.sig) {
        (Some(fingerprint), Some(sig)) => {
            let holds = keys.get(fingerprint).is_some_and(|k| {
                crate::store::audit::unhex(sig).is_some_and(|bytes| crate::signing::verify_row(k, &row.hash, &bytes))
            });
            (!holds).then(|| format!("its signature by {fingerprint} does not verify"))
        }
        (None, None) => None,
        _ => Some("half of its signature is missing".into()),
    }
}
