//! The investigator's signing key and what is remembered beside it.
//!
//! Every audit row is signed with an Ed25519 key kept in vetdesk's data folder (`keys/`, mode 0700; the
//! key file 0600), never in the workspace, so someone who edits a workspace file cannot write rows that
//! verify. Signatures are OpenSSH `sshsig` signatures, so `ssh-keygen -Y verify` checks them without
//! vetdesk. Beside the key, `heads/` keeps the newest audit head seen for each workspace this machine
//! wrote, so deleting the newest rows or putting back an older copy of a workspace is found here, and how far
//! this machine last walked each chain and found it holding, with a row hash every so many rows.

use std::fs::{DirBuilder, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ssh_key::{Algorithm, HashAlg, LineEnding, PrivateKey, PublicKey, Signature, SshSig};

use crate::store::key_tags::TagKey;
use crate::{Error, Result};

mod checkpoints;

/// The sshsig namespace of audit row signatures; the signed message is the row's hash in hex.
pub const ROW_NAMESPACE: &str = "vetdesk-audit";
/// The sshsig namespace of `audit anchor` statements.
pub const ANCHOR_NAMESPACE: &str = "vetdesk-anchor";
/// The sshsig namespace of a case bundle's manifest (`vetdesk bundle export`).
pub const BUNDLE_NAMESPACE: &str = "vetdesk-bundle";
const KEY_FILE: &str = "audit_ed25519";

/// An Ed25519 key that signs audit rows.
pub struct Signer {
    key: PrivateKey,
    fingerprint: String,
    /// The Ed25519 key expanded once for [`Signer::sign_row`]: `PrivateKey::sign` expands it again for
    /// every signature, which was a sixth of the time `vetdesk demo` spent writing.
    row_key: Option<ed25519_dalek::SigningKey>,
    /// Vouches for match keys this machine derived (`store::key_tags`), drawn from the key's secret.
    tag_key: Option<TagKey>,
}

impl Signer {
    /// A new random key.
    pub fn generate() -> Result<Signer> {
        let key = PrivateKey::random(&mut ssh_key::rand_core::OsRng, Algorithm::Ed25519).map_err(key_error)?;
        Ok(Signer::from_key(key))
    }

    fn from_key(key: PrivateKey) -> Signer {
        let fingerprint = key.public_key().fingerprint(HashAlg::Sha256).to_string();
        let secret = key.key_data().ed25519().map(|pair| pair.private.to_bytes());
        let row_key = secret.as_ref().map(ed25519_dalek::SigningKey::from_bytes);
        let tag_key = secret.as_ref().map(|s| TagKey::from_secret(s));
        Signer { key, fingerprint, row_key, tag_key }
    }

    /// `SHA256:…`, as `ssh-keygen -l` prints it.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// What tags the match keys this machine derives (`store::key_tags`).
    pub fn tag_key(&self) -> Option<&TagKey> {
        self.tag_key.as_ref()
    }

    pub fn public_key(&self) -> &PublicKey {
        self.key.public_key()
    }

    /// The public key in OpenSSH's one-line form (`ssh-ed25519 AAAA…`).
    pub fn public_openssh(&self) -> String {
        self.key.public_key().to_openssh().unwrap_or_default()
    }

    /// The raw 64-byte signature of an audit row's hash.
    /// An sshsig signature is the key's signature of [`SshSig::signed_data`], so this is the same
    /// signature `PrivateKey::sign` makes (Ed25519 signatures are deterministic).
    pub fn sign_row(&self, hash: &str) -> Result<Vec<u8>> {
        if let Some(key) = &self.row_key {
            let data = SshSig::signed_data(ROW_NAMESPACE, HashAlg::Sha512, hash.as_bytes()).map_err(key_error)?;
            return Ok(ed25519_dalek::Signer::sign(key, &data).to_bytes().to_vec());
        }
        let sig = self.key.sign(ROW_NAMESPACE, HashAlg::Sha512, hash.as_bytes()).map_err(key_error)?;
        Ok(sig.signature().as_bytes().to_vec())
    }

    /// A statement signed in the `-----BEGIN SSH SIGNATURE-----` form `ssh-keygen -Y verify` reads.
    pub fn sign_statement(&self, text: &str) -> Result<String> {
        let sig = self.key.sign(ANCHOR_NAMESPACE, HashAlg::Sha512, text.as_bytes()).map_err(key_error)?;
        sig.to_pem(LineEnding::LF).map_err(key_error)
    }

    /// A bundle manifest signed in the `-----BEGIN SSH SIGNATURE-----` form, namespace [`BUNDLE_NAMESPACE`].
    pub fn sign_bundle(&self, manifest: &[u8]) -> Result<String> {
        let sig = self.key.sign(BUNDLE_NAMESPACE, HashAlg::Sha512, manifest).map_err(key_error)?;
        sig.to_pem(LineEnding::LF).map_err(key_error)
    }
}

/// How [`verify_bundle`] begins when the signature itself cannot be read.
pub const UNREADABLE_SIGNATURE: &str = "the signature is not readable";

/// Checks a bundle manifest's signature on its own terms: `Ok(fingerprint)` of the key that made it
/// (`SHA256:…`), or why it does not verify. Whether that key is trusted is the caller's question.
pub fn verify_bundle(manifest: &[u8], pem: &str) -> std::result::Result<(String, PublicKey), String> {
    let sig = SshSig::from_pem(pem).map_err(|e| format!("{UNREADABLE_SIGNATURE}: {e}"))?;
    let public = PublicKey::from(sig.public_key().clone());
    let fingerprint = public.fingerprint(HashAlg::Sha256).to_string();
    public
        .verify(BUNDLE_NAMESPACE, manifest, &sig)
        .map_err(|_| format!("does not match the signature by {fingerprint}"))?;
    Ok((fingerprint, public))
}

/// Whether `sig` (raw bytes from the workspace) is `public`'s signature of an audit row's hash.
pub fn verify_row(public: &PublicKey, hash: &str, sig: &[u8]) -> bool {
    let Ok(signature) = Signature::new(Algorithm::Ed25519, sig.to_vec()) else { return false };
    let Ok(sshsig) = SshSig::new(public.key_data().clone(), ROW_NAMESPACE, HashAlg::Sha512, signature) else {
        return false;
    };
    public.verify(ROW_NAMESPACE, hash.as_bytes(), &sshsig).is_ok()
}

/// Row signatures checked many at a time: Ed25519 batch verification (a random linear combination of the
/// signatures' equations, derived from their contents), several times faster per row than checking each
/// on its own. A batch holds only if every signature in it does; when one does not, check each row with
/// [`verify_row`] to find it. The batch equation is the cofactored one, so it may also accept a signature
/// that the cofactorless check of [`verify_row`] refuses: only the key's holder can make such a signature.
#[derive(Default)]
pub struct RowBatch {
    messages: Vec<Vec<u8>>,
    signatures: Vec<ed25519_dalek::Signature>,
    keys: Vec<ed25519_dalek::VerifyingKey>,
    known: Vec<([u8; 32], ed25519_dalek::VerifyingKey)>,
    malformed: bool,
}

impl RowBatch {
    /// Adds `public`'s signature `sig` (raw bytes from the workspace) of an audit row's hash.
    pub fn push(&mut self, public: &PublicKey, hash: &str, sig: &[u8]) {
        let key = public.key_data().ed25519().map(|k| k.0);
        let (Some(key), Ok(sig), Ok(message)) = (
            key,
            ed25519_dalek::Signature::from_slice(sig),
            SshSig::signed_data(ROW_NAMESPACE, HashAlg::Sha512, hash.as_bytes()),
        ) else {
            self.malformed = true;
            return;
        };
        let verifying = match self.known.iter().find(|(bytes, _)| *bytes == key) {
            Some((_, verifying)) => *verifying,
            None => match ed25519_dalek::VerifyingKey::from_bytes(&key) {
                Ok(verifying) => {
                    self.known.push((key, verifying));
                    verifying
                }
                Err(_) => {
                    self.malformed = true;
                    return;
                }
            },
        };
        self.messages.push(message);
        self.signatures.push(sig);
        self.keys.push(verifying);
    }

    pub fn len(&self) -> usize {
        self.messages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }

    /// Whether every signature pushed since the last check holds; empties the batch.
    pub fn check(&mut self) -> bool {
        let messages: Vec<&[u8]> = self.messages.iter().map(Vec::as_slice).collect();
        let holds = !self.malformed
            && (messages.is_empty() || ed25519_dalek::verify_batch(&messages, &self.signatures, &self.keys).is_ok());
        self.messages.clear();
        self.signatures.clear();
        self.keys.clear();
        self.malformed = false;
        holds
    }
}

/// Checks a signed anchor statement against a public key.
pub fn verify_statement(public: &PublicKey, text: &str, pem: &str) -> bool {
    SshSig::from_pem(pem).is_ok_and(|sig| public.verify(ANCHOR_NAMESPACE, text.as_bytes(), &sig).is_ok())
}

/// A public key from its OpenSSH one-line form.
pub fn parse_public(openssh: &str) -> Option<PublicKey> {
    PublicKey::from_openssh(openssh).ok()
}

/// Takes group and world access off the key folder and the signing key in it, as vetdesk makes them
/// (0700, 0600): a key others can read signs rows anyone could forge. Says what it changed.
fn private(dir: &Path) -> Vec<String> {
    use std::os::unix::fs::PermissionsExt;
    // Said once a run: a workstation opens the key folder again for its worker connections.
    static SAID: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
    let heads = dir.join("heads");
    let mut paths = vec![
        (dir.to_path_buf(), 0o700, "signing key folder"),
        (dir.join(KEY_FILE), 0o600, "signing key"),
        (dir.join(format!("{KEY_FILE}.pub")), 0o600, "signing key's public half"),
        (heads.clone(), 0o700, "folder of head records"),
    ];
    if let Ok(entries) = std::fs::read_dir(&heads) {
        paths.extend(entries.flatten().map(|e| (e.path(), 0o600, "head record")));
    }
    let mut said = Vec::new();
    for (path, mode, what) in paths {
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        let was = meta.permissions().mode() & 0o777;
        if was & 0o077 == 0 || meta.file_type().is_symlink() {
            continue;
        }
        if std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).is_err() {
            continue;
        }
        let first = SAID.lock().map_or(true, |mut seen| {
            let new = !seen.contains(&path);
            seen.push(path.clone());
            new
        });
        if first {
            let risk = if what.starts_with("signing key") && !what.ends_with("public half") {
                ". Anyone who read the key meanwhile can sign rows as this machine: if that may have happened, \
                 keep anchors (`vetdesk audit anchor`) elsewhere and compare them"
            } else {
                ""
            };
            said.push(format!(
                "the {what} {} was open to others (mode {was:04o}); its permissions are now {mode:04o}{risk}",
                crate::text::display_path(&path)
            ));
        }
    }
    said
}

/// The newest audit head this machine saw for one workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedHead {
    pub rows: i64,
    pub hash: String,
    pub at: String,
    /// The match rules version the workspace's keys were derived under when this machine wrote it (none
    /// in a record an older vetdesk wrote): a version older than this later is an edit, not an older
    /// workspace to derive again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<String>,
    /// In a record of a walk ([`Record::Walked`]), how many of the rows up to `rows` other keys signed.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub foreign: i64,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

/// The signing key and the head records: a folder on disk, or (tests, previews) a key held in memory
/// with nothing remembered.
pub struct Keyring {
    dir: Option<PathBuf>,
    /// The key, or why it could not be read or made: a workspace can still be read without it.
    signer: std::result::Result<Signer, String>,
    /// What opening the key folder had to do that the user should hear about (permissions tightened).
    notices: Vec<String>,
}

impl Keyring {
    /// The key folder at `dir`, creating the folder (0700) and the key (0600) on first use. A folder
    /// that cannot be used still opens: reads work, and every change is refused with the reason.
    pub fn open(dir: &Path) -> Keyring {
        let signer = Self::load(dir).map_err(|e| e.to_string());
        let notices = if signer.is_ok() { private(dir) } else { Vec::new() };
        Keyring { dir: Some(dir.to_path_buf()), signer, notices }
    }

    /// What opening the key folder had to do, once (see [`private`]).
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    fn load(dir: &Path) -> Result<Signer> {
        let fail = |what: &str, e: &dyn std::fmt::Display| {
            Error::invalid(format!("signing key folder {}: {what}: {e}", dir.display()))
        };
        DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(|e| fail("cannot create", &e))?;
        let path = dir.join(KEY_FILE);
        let signer = match std::fs::read_to_string(&path) {
            Ok(text) => Signer::from_key(PrivateKey::from_openssh(text).map_err(|e| fail("unreadable key", &e))?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // Heads recorded here mean a key of this folder signed before: a new one would sign on as
                // another machine, and the rows the old one signed could no longer be checked here.
                let heads = dir.join("heads");
                if std::fs::read_dir(&heads).is_ok_and(|mut entries| entries.next().is_some()) {
                    return Err(fail(
                        "the key is missing",
                        &format!(
                            "{} holds head records of a key that signed here before; put {KEY_FILE} back from a \
                             backup (or move {} aside to start a new key)",
                            heads.display(),
                            heads.display()
                        ),
                    ));
                }
                // Written whole beside, then linked into place: a crash never leaves a half-written key,
                // and of two processes creating one at once, the second reads the first's.
                let signer = Signer::generate()?;
                let text = signer.key.to_openssh(LineEnding::LF).map_err(key_error)?;
                let tmp = dir.join(format!(".{KEY_FILE}.{}", std::process::id()));
                let _ = std::fs::remove_file(&tmp);
                write_private(&tmp, text.as_bytes()).map_err(|e| fail("cannot write the key", &e))?;
                let linked = std::fs::hard_link(&tmp, &path);
                let _ = std::fs::remove_file(&tmp);
                match linked {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Self::load(dir),
                    Err(e) => return Err(fail("cannot write the key", &e)),
                }
                let public = dir.join(format!("{KEY_FILE}.pub"));
                let _ = std::fs::remove_file(&public);
                write_private(&public, format!("{}\n", signer.public_openssh()).as_bytes())
                    .map_err(|e| fail("cannot write the public key", &e))?;
                signer
            }
            Err(e) => return Err(fail("cannot read the key", &e)),
        };
        Ok(signer)
    }

    /// A fresh key in memory that remembers no heads.
    pub fn ephemeral() -> Result<Keyring> {
        Ok(Keyring { dir: None, signer: Ok(Signer::generate()?), notices: Vec::new() })
    }

    /// The key that signs changes; an error saying why changes cannot be signed here.
    pub fn signer(&self) -> Result<&Signer> {
        self.signer.as_ref().map_err(|reason| Error::invalid(format!("{reason}; nothing was changed")))
    }

    /// What tags match keys on this machine, when its key could be read.
    pub fn tag_key(&self) -> Option<&TagKey> {
        self.signer.as_ref().ok().and_then(Signer::tag_key)
    }

    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    fn record_path(&self, workspace_id: &str, kind: Record) -> Option<PathBuf> {
        // The id is hex written by vetdesk; anything else is not used as a file name.
        let safe = !workspace_id.is_empty() && workspace_id.chars().all(|c| c.is_ascii_alphanumeric());
        let name = match kind {
            Record::Head => workspace_id.to_string(),
            Record::Checked => format!("{workspace_id}.checked"),
            Record::Walked => format!("{workspace_id}.walked"),
            // Named by the spacing, which places each row's hash in the file.
            Record::Checkpoints => format!("{workspace_id}.rows{}", crate::store::audit::CHECKPOINT_ROWS),
            Record::Broken => format!("{workspace_id}.broken"),
        };
        self.dir.as_ref().filter(|_| safe).map(|d| d.join("heads").join(name))
    }

    /// Removes what this machine recorded for a workspace: one that was made and then discarded (a
    /// failing command's or a dry run's), which no head record should outlive.
    pub fn forget(&self, workspace_id: &str) {
        for kind in [Record::Head, Record::Checked, Record::Walked, Record::Checkpoints, Record::Broken] {
            if let Some(path) = self.record_path(workspace_id, kind) {
                let _ = std::fs::remove_file(path);
            }
        }
    }

    /// Takes back what this machine recorded of `kind` for a workspace.
    pub fn clear(&self, workspace_id: &str, kind: Record) -> Result<()> {
        match self.record_path(workspace_id, kind).map(std::fs::remove_file) {
            Some(Err(e)) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    /// What this machine recorded for a workspace.
    pub fn recorded(&self, workspace_id: &str, kind: Record) -> Result<Option<RecordedHead>> {
        let Some(path) = self.record_path(workspace_id, kind) else { return Ok(None) };
        match std::fs::read_to_string(&path) {
            // A record torn by a crash mid-write is as good as none.
            Ok(text) => Ok(serde_json::from_str(text.trim_end()).ok()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::invalid(format!("head record {}: {e}", path.display()))),
        }
    }

    /// Records `head` for a workspace unless a longer chain is already recorded (another process may
    /// have written after this one). The record is rewritten in place as one fixed-size write, not
    /// renamed over: on ext4 a rename over a file forces its data to disk, which would cost every change
    /// milliseconds. A record torn by a crash reads as missing, which only weakens the next check.
    pub fn record(&self, workspace_id: &str, kind: Record, head: &RecordedHead) -> Result<()> {
        if self.recorded(workspace_id, kind).ok().flatten().is_some_and(|old| old.rows > head.rows) {
            return Ok(());
        }
        self.record_over(workspace_id, kind, head)
    }

    /// Records `head` for a workspace whatever was recorded before: for a copy put back on purpose
    /// (`vetdesk audit restored`), whose chain is shorter than the one recorded.
    pub fn record_over(&self, workspace_id: &str, kind: Record, head: &RecordedHead) -> Result<()> {
        use std::os::unix::fs::FileExt;
        let Some(path) = self.record_path(workspace_id, kind) else { return Ok(()) };
        let folder = path.parent().expect("heads/ id");
        DirBuilder::new().recursive(true).mode(0o700).create(folder)?;
        let mut text = serde_json::to_string(head).expect("plain struct");
        if text.len() > RECORD_SIZE {
            return Err(Error::invalid("a head record is longer than its slot"));
        }
        text.extend(std::iter::repeat_n(' ', RECORD_SIZE - text.len()));
        let file = OpenOptions::new().write(true).create(true).truncate(false).mode(0o600).open(&path)?;
        file.write_all_at(text.as_bytes(), 0)?;
        Ok(())
    }
}

/// The size of a head record on disk: one write that fits in any disk sector.
const RECORD_SIZE: usize = 256;

/// What is remembered beside the key for each workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// The newest head this machine wrote or saw.
    Head,
    /// The newest head up to which this machine walked the whole chain and found it holding, every row
    /// signed by its key: later checks of one case walk only the rows after it. Written for a vetdesk that
    /// knows no [`Record::Walked`].
    Checked,
    /// The same for any chain that held, rows other keys signed included, with how many they were.
    Walked,
    /// The hash of every `audit::CHECKPOINT_ROWS`th row as this machine found it on those walks: 32
    /// bytes each, in order, at `(row / CHECKPOINT_ROWS - 1) * 32` (see [`Keyring::checkpoint`]).
    Checkpoints,
    /// The row at which a check on this machine last found the chain broken, with a digest of that row as
    /// found (`audit::row_print`): a file that still holds it so takes no change, so that nothing is
    /// signed onto a trail known to be broken, even where a later check of one case walks only part of it.
    /// Taken back when a walk of the whole chain of such a file finds it holding.
    Broken,
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn key_error(e: ssh_key::Error) -> Error {
    Error::invalid(format!("signing: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key folder whose key was deleted, but whose head records show a key signed there, makes no new
    /// key: every change is refused with the reason, and nothing is written to the folder.
    #[test]
    fn a_missing_key_is_not_replaced_where_heads_were_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let keys = dir.path().join("keys");
        let ring = Keyring::open(&keys);
        let first = ring.signer().unwrap().fingerprint().to_string();
        ring.record(
            "00ff",
            Record::Head,
            &RecordedHead { rows: 3, hash: "ab".into(), at: "t".into(), rules: None, foreign: 0 },
        )
        .unwrap();
        std::fs::remove_file(keys.join(KEY_FILE)).unwrap();
        std::fs::remove_file(keys.join(format!("{KEY_FILE}.pub"))).unwrap();
        let reopened = Keyring::open(&keys);
        let why = reopened.signer().err().unwrap().to_string();
        assert!(why.contains("the key is missing") && why.contains("put audit_ed25519 back"), "{why}");
        assert!(!keys.join(KEY_FILE).exists() && !keys.join(format!("{KEY_FILE}.pub")).exists());
        // A new folder, or one whose heads were moved aside, gets a new key as before.
        std::fs::rename(keys.join("heads"), dir.path().join("old-heads")).unwrap();
        assert_ne!(Keyring::open(&keys).signer().unwrap().fingerprint(), first);
    }

    #[test]
    fn a_row_signature_verifies_only_for_its_hash_and_key() {
        let a = Signer::generate().unwrap();
        let b = Signer::generate().unwrap();
        let sig = a.sign_row("abc").unwrap();
        assert_eq!(sig.len(), 64);
        assert!(verify_row(a.public_key(), "abc", &sig));
        assert!(!verify_row(a.public_key(), "abd", &sig));
        assert!(!verify_row(b.public_key(), "abc", &sig));
        assert!(!verify_row(a.public_key(), "abc", &sig[..63]));
        // The expanded key signs exactly what OpenSSH's sshsig signing of the same hash gives.
        let ssh = a.key.sign(ROW_NAMESPACE, HashAlg::Sha512, b"abc").unwrap();
        assert_eq!(sig, ssh.signature().as_bytes());
        assert!(a.row_key.is_some());
    }

    #[test]
    fn the_key_is_created_once_privately_and_heads_only_grow() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let keys = dir.path().join("keys");
        let first = Keyring::open(&keys);
        let again = Keyring::open(&keys);
        assert_eq!(first.signer().unwrap().fingerprint(), again.signer().unwrap().fingerprint());
        assert!(first.signer().unwrap().fingerprint().starts_with("SHA256:"));
        let mode = std::fs::metadata(keys.join(KEY_FILE)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let head = |rows, hash: &str| RecordedHead { rows, hash: hash.into(), at: "t".into(), rules: None, foreign: 0 };
        first.record("ab12", Record::Head, &head(5, "h5")).unwrap();
        first.record("ab12", Record::Head, &head(3, "h3")).unwrap();
        assert_eq!(first.recorded("ab12", Record::Head).unwrap(), Some(head(5, "h5")));
        assert_eq!(first.recorded("ab12", Record::Checked).unwrap(), None);
        assert_eq!(first.recorded("../x", Record::Head).unwrap(), None);
    }

    #[test]
    fn a_bundle_manifest_signature_names_its_key_and_fails_on_change() {
        let s = Signer::generate().unwrap();
        let pem = s.sign_bundle(b"abc  bundle.json\n").unwrap();
        let (fingerprint, _) = verify_bundle(b"abc  bundle.json\n", &pem).unwrap();
        assert_eq!(fingerprint, s.fingerprint());
        assert!(verify_bundle(b"abd  bundle.json\n", &pem).unwrap_err().starts_with("does not match"));
        assert!(verify_bundle(b"x", "junk").unwrap_err().starts_with(UNREADABLE_SIGNATURE));
        // An anchor statement's signature is of another namespace: not a bundle signature.
        let anchor = s.sign_statement("abc  bundle.json\n").unwrap();
        assert!(verify_bundle(b"abc  bundle.json\n", &anchor).is_err());
    }

    #[test]
    fn an_anchor_statement_verifies_and_a_changed_one_does_not() {
        let s = Signer::generate().unwrap();
        let pem = s.sign_statement("rows: 3\n").unwrap();
        assert!(pem.starts_with("-----BEGIN SSH SIGNATURE-----"));
        assert!(verify_statement(s.public_key(), "rows: 3\n", &pem));
        assert!(!verify_statement(s.public_key(), "rows: 4\n", &pem));
    }
}
