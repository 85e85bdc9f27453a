//! What the bundle tests share: age keys, a sample case, exporting, verifying, and taking a bundle apart
//! and putting it together again as someone other than vetdesk would.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;

use super::Env;

pub struct AgeKey {
    pub identity: age::x25519::Identity,
    pub file: PathBuf,
    pub recipient: String,
}

pub fn age_key(env: &Env, name: &str) -> AgeKey {
    let identity = age::x25519::Identity::generate();
    let file = env.file(name, format!("{}\n", identity.to_string().expose_secret()).as_bytes());
    let recipient = identity.to_public().to_string();
    AgeKey { identity, file, recipient }
}

/// A case with a subject, identifiers, a note and one evidence file; returns its id.
pub fn sample(env: &Env) -> String {
    let c = env.id(&["case", "new", "Handover sample", "--subject", "Jürgen Müller"]).to_string();
    env.ok(&["ident", "add", &c, "email", "jurgen.m@example.com", "--subject", "1"]);
    env.ok(&["ident", "add", &c, "phone", "+1 202 555 0143"]);
    env.ok(&["note", "add", &c, "Interview on camera refused twice."]);
    let evidence = env.file("interview notes.txt", b"notes of the interview\n");
    env.ok(&["evidence", "add", &c, evidence.to_str().unwrap(), "--description", "notes"]);
    c
}

pub fn export(env: &Env, args: &[&str]) -> PathBuf {
    let out = env.dir.path().join("case.vdb");
    let mut all = vec!["bundle", "export"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--output", out.to_str().unwrap()]);
    env.ok(&all);
    out
}

/// `bundle verify` on `file`: exit code and standard output.
pub fn verify(env: &Env, file: &Path, key: &AgeKey, json: bool) -> (i32, String) {
    let mut args = vec!["bundle", "verify", file.to_str().unwrap(), "--identity", key.file.to_str().unwrap()];
    if json {
        args.push("--json");
    }
    let out = env.cmd().args(&args).output().expect("run");
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).expect("utf-8"))
}

/// The members of a bundle, decrypted and untarred, in order.
pub fn members(file: &Path, key: &AgeKey) -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(file).unwrap();
    let decryptor = age::Decryptor::new_buffered(&bytes[..]).unwrap();
    let reader = decryptor.decrypt(std::iter::once(&key.identity as &dyn age::Identity)).unwrap();
    let mut archive = tar::Archive::new(reader);
    let mut out = Vec::new();
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        let name = entry.path().unwrap().to_string_lossy().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        out.push((name, data));
    }
    out
}

/// Tars and encrypts `members` again, as a bundle made by someone other than vetdesk.
pub fn repack(members: &[(String, Vec<u8>)], key: &AgeKey, to: &Path) {
    let recipient: age::x25519::Recipient = key.recipient.parse().unwrap();
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient)).unwrap();
    let mut stream = encryptor.wrap_output(std::fs::File::create(to).unwrap()).unwrap();
    {
        let mut tar = tar::Builder::new(&mut stream);
        for (name, data) in members {
            let mut header = tar::Header::new_ustar();
            header.set_size(data.len() as u64);
            header.set_mode(0o644);
            tar.append_data(&mut header, name, &data[..]).unwrap();
        }
        tar.finish().unwrap();
    }
    stream.finish().unwrap().flush().unwrap();
}

pub fn signer_fingerprint(env: &Env) -> String {
    let text = std::fs::read_to_string(env.keys().join("audit_ed25519.pub")).unwrap();
    ssh_key::PublicKey::from_openssh(text.trim()).unwrap().fingerprint(ssh_key::HashAlg::Sha256).to_string()
}

/// Re-signs a changed bundle with the key of `env`: the sender's own, as a sender whose vetdesk
/// misbehaved would, or another's, as someone relaying the bundle would.
pub fn resign(env: &Env, members: &mut [(String, Vec<u8>)]) {
    use sha2::{Digest, Sha256};
    let listed: String = members
        .iter()
        .filter(|(n, _)| !n.ends_with("MANIFEST.sha256") && !n.ends_with("MANIFEST.sha256.sig"))
        .map(|(n, data)| {
            let hash: String = Sha256::digest(data).iter().map(|b| format!("{b:02x}")).collect();
            format!("{hash}  {}\n", n.trim_start_matches("vetdesk-bundle/"))
        })
        .collect();
    let keys = vetdesk::signing::Keyring::open(&env.keys());
    let signature = keys.signer().unwrap().sign_bundle(listed.as_bytes()).unwrap();
    for (name, data) in members.iter_mut() {
        if name.ends_with("MANIFEST.sha256") {
            *data = listed.clone().into_bytes();
        } else if name.ends_with("MANIFEST.sha256.sig") {
            *data = signature.clone().into_bytes();
        }
    }
}
