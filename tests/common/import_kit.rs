//! Helpers for the bundle import tests: an age key of the receiving machine, a sample case, and export and
//! import through the binary.

use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;

use super::Env;

/// An age X25519 key of the receiving machine: its identity file and its recipient.
pub fn age_key(env: &Env) -> (PathBuf, String) {
    let identity = age::x25519::Identity::generate();
    let file = env.file("age-key.txt", format!("{}\n", identity.to_string().expose_secret()).as_bytes());
    (file, identity.to_public().to_string())
}

/// A case with a subject, identifiers, a payment, an answered checklist item, a note and an evidence file.
pub fn sample(env: &Env) -> String {
    let c = env.id(&["case", "new", "Handover sample", "--subject", "Jürgen Müller"]).to_string();
    env.ok(&["ident", "add", &c, "email", "jurgen.m@example.com", "--subject", "1"]);
    env.ok(&["ident", "add", &c, "phone", "+1 202 555 0143"]);
    env.ok(&["payment", "add", &c, "--amount", "1250.00", "--method", "wire", "--date", "2026-03-02"]);
    env.ok(&["check", "set", &c, "RF-ID-04", "flagged", "--note", "Biography does not fit the résumé"]);
    env.ok(&["note", "add", &c, "Interview on camera refused twice."]);
    let evidence = env.file("interview notes.txt", b"notes of the interview\n");
    env.ok(&["evidence", "add", &c, evidence.to_str().unwrap(), "--description", "notes"]);
    c
}

pub fn export(from: &Env, case: &str, recipient: &str, name: &str) -> PathBuf {
    let out = from.dir.path().join(name);
    let args =
        ["bundle", "export", case, "--with-evidence", "--recipient", recipient, "--output", out.to_str().unwrap()];
    from.ok(&args);
    out
}

pub fn signer(env: &Env) -> String {
    let anchor = env.ok(&["audit", "anchor"]);
    let at = anchor.find("SHA256:").expect("a fingerprint");
    anchor[at..].split_whitespace().next().unwrap().trim_end_matches([',', '.', ')']).to_string()
}

/// `bundle import` of `file` into `to`, expecting success; its JSON answer.
pub fn import(to: &Env, file: &Path, key: &Path, extra: &[&str]) -> serde_json::Value {
    let evidence = to.dir.path().join("received");
    let mut args = vec![
        "bundle",
        "import",
        file.to_str().unwrap(),
        "--identity",
        key.to_str().unwrap(),
        "--evidence-dir",
        evidence.to_str().unwrap(),
        "--json",
    ];
    args.extend_from_slice(extra);
    to.json(&args)
}
