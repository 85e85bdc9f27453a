//! Case bundles: one file that hands cases to another machine and that the receiver can check, with
//! vetdesk or without it. A bundle is an ordinary tar, encrypted with age, holding for each case its
//! record (JSON), its audit rows with their chain hashes and signatures, its IC3 summary in Markdown,
//! an evidence manifest and, when asked, the evidence files; a manifest of every member in
//! `sha256sum -c` form is signed (OpenSSH sshsig) with the key that signs the audit chain.
//! The format is described in `docs/bundle.md`.

mod crypt;
mod import;
mod read;
mod seals;
mod write;

use serde::{Deserialize, Serialize};

pub use crypt::{Key, Seal};
pub use import::{ImportOptions, Imported, import};
pub use read::{Checked, Problem, verify};
pub use write::{ExportOptions, export};

/// The folder every member sits under, so `tar x` makes one folder.
pub const ROOT: &str = "vetdesk-bundle";
/// The `format` of `bundle.json`.
pub const FORMAT: &str = "vetdesk-case-bundle";
/// The bundle format this vetdesk writes, and the newest it reads. Format 2 added `seal.json`; a bundle
/// of format 1 cannot show that its records are the ones its audit rows sealed, and does not verify.
pub const VERSION: u32 = 2;
pub const MANIFEST: &str = "MANIFEST.sha256";
pub const SIGNATURE: &str = "MANIFEST.sha256.sig";
pub const ALLOWED_SIGNERS: &str = "allowed_signers";
pub const INFO: &str = "bundle.json";
/// The principal named in `allowed_signers` (`ssh-keygen -Y verify -I vetdesk-bundle`).
pub const PRINCIPAL: &str = "vetdesk-bundle";

/// `bundle.json`: what the bundle holds and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Info {
    pub format: String,
    pub version: u32,
    /// The vetdesk version that wrote it.
    pub vetdesk: String,
    pub created_at: String,
    pub created_by: String,
    /// The id of the workspace the cases come from.
    pub origin_workspace: String,
    /// The signing key: its fingerprint (`SHA256:…`) and OpenSSH public key.
    pub signer: String,
    pub signer_key: String,
    /// Redacted bundles carry the summaries only: no record, audit rows or evidence.
    pub redacted: bool,
    pub cases: Vec<CaseEntry>,
}

/// One case of a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEntry {
    /// The case's id in the origin workspace.
    pub origin_case: i64,
    pub title: String,
    /// Its folder inside the bundle, `cases/ID`.
    pub dir: String,
    /// The hash of the case's newest audit row at export: a later bundle of the same case tells from it
    /// whether it follows this one.
    pub audit_head: Option<String>,
    pub audit_rows: usize,
    pub evidence: Vec<EvidenceEntry>,
}

/// One evidence file of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceEntry {
    pub origin_evidence: i64,
    /// Its name in the evidence manifest and, when included, under `cases/ID/evidence/`.
    pub name: String,
    pub sha256: String,
    pub size: u64,
    /// Whether the file itself is in the bundle (`--with-evidence`).
    pub included: bool,
}

/// `audit.json` of a case: the rows and the public keys that signed them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFile {
    /// Fingerprint → OpenSSH public key.
    pub signers: std::collections::BTreeMap<String, String>,
    pub rows: Vec<crate::store::bundle::ChainRow>,
}

/// `seal.json` of a case: the seal rows of the case at the origin, which the origin's signed audit chain
/// committed to, so that the receiver can check `rows.json` against them (a bundle re-signed on the way
/// by another key cannot change a record unseen). The digest of `records` is the one the last audit row
/// sealing the case holds: the last row of `audit.json`, or `sealed_by` when a change across cases (a
/// re-score, a re-keying) sealed the case last in a row of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealFile {
    /// Every seal row of the case: table, key and row hash (hex), in order.
    pub records: Vec<(String, String, String)>,
    pub sealed_by: Option<crate::store::bundle::ChainRow>,
}

/// `origin.json` of a case that came to the writing workspace in a bundle: where it came from and the
/// origin's audit rows of it as they were signed there, with the keys that signed them, so that the
/// history before the hand-over travels on and can be checked. Its rows are sealed with the case at the
/// writing workspace (`imported_audit`, `imported_signer`), so `seal.json` holds their row hashes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginFile {
    /// The workspace and case the case came from, and the hash of its newest audit row there.
    pub workspace: String,
    pub case: i64,
    pub head: Option<String>,
    /// Fingerprint → OpenSSH public key.
    pub signers: std::collections::BTreeMap<String, String>,
    pub rows: Vec<crate::store::bundle::ChainRow>,
}

/// Reports progress through a large file: `(name, done, total)` in bytes.
pub type Progress<'a> = &'a mut dyn FnMut(&str, u64, u64);

/// A member's path inside the tar.
fn member(rel: &str) -> String {
    format!("{ROOT}/{rel}")
}
