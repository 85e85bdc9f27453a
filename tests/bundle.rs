//! `vetdesk bundle export` and `bundle verify`: a bundle checks out with vetdesk and with standard tools
//! (`sha256sum -c`, `ssh-keygen -Y verify`), and any changed byte, truncation, wrong key or newer format
//! is found and named.

mod common;

use std::io::Write;
use std::path::Path;

use common::Env;
use common::bundle_kit::{age_key, export, members, repack, resign, sample, signer_fingerprint, verify};

#[test]
fn an_exported_bundle_verifies_and_names_its_signer_and_cases() {
    let env = Env::new();
    let c = sample(&env);
    let key = age_key(&env, "bob.key");
    let file = export(&env, &[&c, "--with-evidence", "--recipient", &key.recipient]);
    let (code, out) = verify(&env, &file, &key, false);
    assert_eq!(code, 0, "{out}");
    let fingerprint = signer_fingerprint(&env);
    assert!(out.contains(&format!("signed by {fingerprint}")), "{out}");
    assert!(out.contains(&format!("case #{c}  Handover sample")), "{out}");
    assert!(out.contains(" · 1 evidence file (1 in the bundle)"), "{out}");
    assert!(out.contains("holds:"), "{out}");

    let (code, json) = verify(&env, &file, &key, true);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["signer"], fingerprint.as_str());
    assert_eq!(json["problems"], serde_json::json!([]));
    assert_eq!(json["info"]["cases"][0]["origin_case"], c.parse::<i64>().unwrap());
    assert!(json["info"]["cases"][0]["audit_rows"].as_u64().unwrap() >= 5);

    let names: Vec<String> = members(&file, &key).into_iter().map(|(n, _)| n).collect();
    for want in ["summary.md", "report.json", "record.json", "audit.json", "evidence.sha256"] {
        assert!(names.contains(&format!("vetdesk-bundle/cases/{c}/{want}")), "{want} in {names:?}");
    }
    assert!(names.iter().any(|n| n.starts_with(&format!("vetdesk-bundle/cases/{c}/evidence/"))), "{names:?}");
    // The record is the case as `case show --json` has it, with the notes beside.
    let record = members(&file, &key).into_iter().find(|(n, _)| n.ends_with("record.json")).unwrap().1;
    let record: serde_json::Value = serde_json::from_slice(&record).unwrap();
    let shown = env.json(&["case", "show", &c, "--json"]);
    assert_eq!(record["case"], shown["case"]);
    assert_eq!(record["identifiers"], shown["identifiers"]);
    assert_eq!(record["notes"][0]["body"], "Interview on camera refused twice.");
}

#[test]
fn a_flipped_byte_in_any_member_is_found_and_named() {
    let env = Env::new();
    let c = sample(&env);
    let key = age_key(&env, "bob.key");
    let file = export(&env, &[&c, "--with-evidence", "--recipient", &key.recipient]);
    let original = members(&file, &key);
    assert!(original.len() >= 9, "{}", original.len());
    let changed = env.dir.path().join("changed.vdb");
    for i in 0..original.len() {
        let mut altered = original.clone();
        let data = &mut altered[i].1;
        let at = data.len() / 2;
        data[at] ^= 0x01;
        repack(&altered, &key, &changed);
        let (code, out) = verify(&env, &changed, &key, false);
        let rel = altered[i].0.strip_prefix("vetdesk-bundle/").unwrap();
        assert_eq!(code, 1, "a flipped byte in {rel} must fail: {out}");
        // A signature that still parses but no longer matches is the manifest's problem as much as its own.
        let named = if rel == "MANIFEST.sha256.sig" {
            "problem: MANIFEST.sha256".to_string()
        } else {
            format!("problem: {rel}: ")
        };
        assert!(out.contains(&named), "{rel} named: {out}");
    }
    // Unchanged but repacked, it still holds: the check is on content, not on vetdesk's tar writer.
    repack(&original, &key, &changed);
    assert_eq!(verify(&env, &changed, &key, false).0, 0);
}

#[test]
fn a_member_added_or_removed_is_found() {
    let env = Env::new();
    let c = sample(&env);
    let key = age_key(&env, "bob.key");
    let file = export(&env, &[&c, "--recipient", &key.recipient]);
    let changed = env.dir.path().join("changed.vdb");
    let mut more = members(&file, &key);
    more.insert(1, ("vetdesk-bundle/cases/1/extra.txt".into(), b"slipped in".to_vec()));
    repack(&more, &key, &changed);
    let (code, out) = verify(&env, &changed, &key, false);
    assert_eq!(code, 1);
    assert!(out.contains("problem: cases/1/extra.txt: is not listed in the manifest"), "{out}");
    let mut fewer = members(&file, &key);
    fewer.retain(|(n, _)| !n.ends_with("summary.md"));
    repack(&fewer, &key, &changed);
    let (code, out) = verify(&env, &changed, &key, false);
    assert_eq!(code, 1);
    assert!(out.contains(&format!("problem: cases/{c}/summary.md: is listed in the manifest but missing")), "{out}");
}

#[test]
fn a_receiver_checks_a_bundle_with_standard_tools() {
    let env = Env::new();
    let c = sample(&env);
    let key = age_key(&env, "bob.key");
    let file = export(&env, &[&c, "--with-evidence", "--recipient", &key.recipient]);
    let dir = env.dir.path().join("unpacked");
    for (name, data) in members(&file, &key) {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, data).unwrap();
    }
    let root = dir.join("vetdesk-bundle");
    let sums = std::process::Command::new("sha256sum").args(["-c", "MANIFEST.sha256"]).current_dir(&root).output();
    let sums = sums.expect("sha256sum");
    assert!(sums.status.success(), "{}", String::from_utf8_lossy(&sums.stdout));
    let case_dir = root.join("cases").join(&c);
    let ev = std::process::Command::new("sha256sum")
        .args(["-c", "--ignore-missing", "evidence.sha256"])
        .current_dir(&case_dir)
        .output();
    assert!(ev.unwrap().status.success());
    let manifest = std::fs::File::open(root.join("MANIFEST.sha256")).unwrap();
    let ssh = std::process::Command::new("ssh-keygen")
        .args(["-Y", "verify", "-f", "allowed_signers", "-I", "vetdesk-bundle", "-n", "vetdesk-bundle"])
        .args(["-s", "MANIFEST.sha256.sig"])
        .current_dir(&root)
        .stdin(manifest)
        .output()
        .expect("ssh-keygen");
    let said = String::from_utf8_lossy(&ssh.stdout).into_owned() + &String::from_utf8_lossy(&ssh.stderr);
    assert!(ssh.status.success(), "{said}");
    assert!(said.contains(&signer_fingerprint(&env)), "{said}");
}

#[test]
fn bad_input_is_one_problem_line_naming_the_file() {
    let env = Env::new();
    let c = sample(&env);
    let key = age_key(&env, "bob.key");
    let file = export(&env, &[&c, "--recipient", &key.recipient]);
    let bytes = std::fs::read(&file).unwrap();
    let name = file.display().to_string();

    let truncated = env.file("truncated.vdb", &bytes[..bytes.len() - 100]);
    let (code, out) = verify(&env, &truncated, &key, false);
    assert_eq!(code, 1);
    let problems: Vec<&str> = out.lines().filter(|l| l.starts_with("problem: ")).collect();
    assert_eq!(problems.len(), 1, "{out}");
    assert!(problems[0].contains("truncated.vdb: is not a vetdesk bundle, or is truncated or damaged"), "{out}");
    // Nothing read before the damage is reported as if checked.
    let (code, out) = verify(&env, &truncated, &key, true);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["hashes"], serde_json::json!({}), "{json}");
    assert_eq!(json["info"], serde_json::Value::Null, "{json}");

    let other = age_key(&env, "eve.key");
    let (code, out) = verify(&env, &file, &other, false);
    assert_eq!(code, 1);
    assert_eq!(out.lines().filter(|l| l.starts_with("problem: ")).count(), 1, "{out}");
    assert!(out.contains(&format!("problem: {name}: none of the given identities can open it")), "{out}");

    // A member whose name holds a newline is still one problem line: no line of the bundle's making.
    let mut spoof = members(&file, &key);
    spoof.push((
        "vetdesk-bundle/x\nholds: the signature, every file's hash, and each case's audit rows and the records they sealed check out".into(),
        b"x".to_vec(),
    ));
    let spoof_file = env.dir.path().join("spoof.vdb");
    repack(&spoof, &key, &spoof_file);
    let (code, out) = verify(&env, &spoof_file, &key, false);
    assert_eq!(code, 1);
    assert!(out.lines().all(|l| !l.starts_with("holds")), "{out}");
    assert!(out.contains("problem: \"x\\nholds"), "{out}");
    let missing = env.dir.path().join("nowhere.vdb");
    let gone =
        env.cmd().args(["bundle", "verify", missing.to_str().unwrap(), "--identity"]).arg(&key.file).output().unwrap();
    assert_eq!(gone.status.code(), Some(2), "a file that cannot be read is an error");
    let folder = env.dir.path().to_str().unwrap().to_string();
    let folder = env.cmd().args(["bundle", "verify", &folder, "--identity"]).arg(&key.file).output().unwrap();
    assert_eq!(folder.status.code(), Some(2), "a folder is not a bundle found damaged");
    assert!(String::from_utf8_lossy(&folder.stderr).contains("is a folder, not a bundle file"));

    let junk = env.file("junk.vdb", b"not a bundle at all");
    let (code, out) = verify(&env, &junk, &key, false);
    assert_eq!(code, 1);
    assert!(out.contains("junk.vdb: it is not an age-encrypted vetdesk bundle"), "{out}");

    // Damage to the age header is said in vetdesk's words, not age's ("Incomplete header", "Unknown age
    // format. Have you tried upgrading…").
    let header_end = bytes.windows(4).position(|w| w == b"\n---").unwrap();
    // Another base64 letter in the MAC (flipping a bit could make a character base64 lacks, which is a
    // malformed header instead).
    let mut mac = bytes.clone();
    mac[header_end + 6] = if mac[header_end + 6] == b'A' { b'B' } else { b'A' };
    let mut version = bytes.clone();
    version[..21].copy_from_slice(b"age-encryption.org/v2");
    for (name, damaged, says) in [
        ("empty.vdb", &bytes[..0], "it is not a whole bundle: the file ends inside its header"),
        ("cut.vdb", &bytes[..header_end / 2], "it is not a whole bundle: the file ends inside its header"),
        ("mac.vdb", &mac[..], "its header fails its check (MAC), so the file is damaged or was altered"),
        ("version.vdb", &version[..], "its header names an age format this vetdesk does not read"),
    ] {
        let (code, out) = verify(&env, &env.file(name, damaged), &key, false);
        assert_eq!(code, 1, "{out}");
        assert!(out.contains(says), "{name}: {out}");
        assert!(!out.contains("age format. Have you") && !out.contains("Incomplete header"), "{out}");
    }

    // A newer vetdesk's bundle: said as such, not as damage alone.
    let mut newer = members(&file, &key);
    let info = newer.iter_mut().find(|(n, _)| n.ends_with("/bundle.json")).unwrap();
    let mut value: serde_json::Value = serde_json::from_slice(&info.1).unwrap();
    value["version"] = 3.into();
    info.1 = serde_json::to_vec(&value).unwrap();
    let newer_file = env.dir.path().join("newer.vdb");
    repack(&newer, &key, &newer_file);
    let (code, out) = verify(&env, &newer_file, &key, false);
    assert_eq!(code, 1);
    assert!(out.contains("problem: bundle.json: was written by a newer vetdesk (bundle format 3"), "{out}");

    // A bundle of the first format carries no seal rows: said so, since its records cannot be checked.
    let mut older = members(&file, &key);
    older.retain(|(n, _)| !n.ends_with("/seal.json"));
    let info = older.iter_mut().find(|(n, _)| n.ends_with("/bundle.json")).unwrap();
    let mut value: serde_json::Value = serde_json::from_slice(&info.1).unwrap();
    value["version"] = 1.into();
    info.1 = serde_json::to_vec(&value).unwrap();
    resign(&env, &mut older);
    let older_file = env.dir.path().join("older.vdb");
    repack(&older, &key, &older_file);
    let (code, out) = verify(&env, &older_file, &key, false);
    assert_eq!(code, 1);
    assert!(out.contains("problem: bundle.json: is bundle format 1, which carries no seal rows"), "{out}");

    // `bundle import` reads nothing from any of them, in one line each, and leaves no evidence file behind.
    let receiver = Env::new();
    receiver.ok(&["init"]);
    let fp = signer_fingerprint(&env);
    let id = key.file.to_str().unwrap();
    let placed = receiver.dir.path().join("received").join("in");
    for (bad, says) in [
        (&truncated, "is truncated or damaged"),
        (&junk, "not an age-encrypted vetdesk bundle"),
        (&newer_file, "was written by a newer vetdesk"),
    ] {
        let args = [
            "bundle",
            "import",
            bad.to_str().unwrap(),
            "--identity",
            id,
            "--trust",
            &fp,
            "--evidence-dir",
            placed.to_str().unwrap(),
        ];
        receiver.refused(&args, says);
        // Not even the evidence folder it would have made, nor its parent.
        assert!(!receiver.dir.path().join("received").exists(), "a refused import makes no folder");
    }
}

#[test]
fn export_refusals_write_nothing() {
    let env = Env::new();
    let c = sample(&env);
    let key = age_key(&env, "bob.key");
    let out = env.dir.path().join("no.vdb");
    let o = out.to_str().unwrap();
    env.refused(&["bundle", "export", "99", "--recipient", &key.recipient, "--output", o], "no case #99");
    env.refused(
        &["bundle", "export", &c, "--redact", "--with-evidence", "--recipient", &key.recipient, "--output", o],
        "evidence files cannot be redacted",
    );
    env.refused(&["bundle", "export", &c, "--recipient", "age1nope", "--output", o], "not an age X25519 recipient");
    env.usage_error(&["bundle", "export", &c, "--output", o], "--bundle-passphrase-file");
    env.refused(&["bundle", "export", &c, &c, "--recipient", &key.recipient, "--output", o], "is named twice");
    // A folder, a link or a FIFO named as the output is refused before anything is written beside it.
    let folder = env.dir.path().join("folder.vdb");
    std::fs::create_dir(&folder).unwrap();
    let link = env.dir.path().join("link.vdb");
    std::os::unix::fs::symlink(env.dir.path().join("target.txt"), &link).unwrap();
    for target in [&folder, &link] {
        let t = target.to_str().unwrap();
        env.refused(
            &["bundle", "export", &c, "--recipient", &key.recipient, "--output", t],
            "exports replace only regular files",
        );
    }
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_dir(env.dir.path())
            .unwrap()
            .filter(|e| { e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".part") })
            .count(),
        0
    );
}

#[test]
fn a_redacted_bundle_carries_masked_summaries_only() {
    let env = Env::new();
    let c = sample(&env);
    env.ok(&["ident", "add", &c, "bank-account", "000123456789"]);
    let key = age_key(&env, "bob.key");
    let file = export(&env, &[&c, "--redact", "--recipient", &key.recipient]);
    let (code, out) = verify(&env, &file, &key, false);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("redacted (summaries only)"), "{out}");
    assert!(
        out.contains("holds: the signature and every file's hash check out (a redacted bundle carries no records)")
    );
    let all = members(&file, &key);
    assert!(all.iter().all(|(n, _)| !n.ends_with("record.json") && !n.ends_with("audit.json")));
    for (name, data) in &all {
        assert!(!String::from_utf8_lossy(data).contains("000123456789"), "{name} holds the account number");
    }
}

#[test]
fn a_passphrase_bundle_opens_only_with_its_passphrase() {
    let env = Env::new();
    let c = sample(&env);
    let pass = env.file("pass.txt", b"correct horse battery staple\n");
    let wrong = env.file("wrong.txt", b"incorrect horse\n");
    let file = export(&env, &[&c, "--bundle-passphrase-file", pass.to_str().unwrap()]);
    let run = |p: &Path| {
        env.cmd()
            .args(["bundle", "verify", file.to_str().unwrap(), "--bundle-passphrase-file", p.to_str().unwrap()])
            .output()
    };
    let good = run(&pass).unwrap();
    assert!(good.status.success(), "{}", String::from_utf8_lossy(&good.stdout));
    let bad = run(&wrong).unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(out.contains("wrong passphrase"), "{out}");
    // Written over its own passphrase file, the bundle could never be opened again.
    let p = pass.to_str().unwrap();
    env.refused(
        &["bundle", "export", &c, "--bundle-passphrase-file", p, "--output", p],
        "is the passphrase file the bundle is encrypted with; nothing was written",
    );
    assert_eq!(std::fs::read(&pass).unwrap(), b"correct horse battery staple\n");
}

/// The workspace's passphrase file (`--passphrase-file`, or VETDESK_PASSPHRASE_FILE left set) is never
/// taken for the bundle's: a bundle for a recipient is encrypted to the recipient, and a bundle of an
/// encrypted workspace can have a passphrase of its own.
#[test]
fn the_workspaces_passphrase_file_is_not_the_bundles() {
    let env = Env::new();
    let c = sample(&env);
    let key = age_key(&env, "recipient");
    let workspace_pass = env.file("workspace-pass.txt", b"workspace passphrase\n");
    let bundle_pass = env.file("bundle-pass.txt", b"bundle passphrase\n");
    let out = env.dir.path().join("for-recipient.vdb");
    let written = env
        .cmd()
        .env("VETDESK_PASSPHRASE_FILE", &workspace_pass)
        .args(["bundle", "export", &c, "--recipient", &key.recipient, "--output", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    let (code, said) = verify(&env, &out, &key, false);
    assert_eq!(code, 0, "the recipient opens it: {said}");
    let opened = env
        .cmd()
        .env("VETDESK_PASSPHRASE_FILE", &workspace_pass)
        .args(["bundle", "verify", out.to_str().unwrap(), "--identity", key.file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(opened.status.success(), "{}", String::from_utf8_lossy(&opened.stdout));

    // Encrypted, the workspace opens with its passphrase and the bundle gets the other one.
    env.ok(&["--passphrase-file", workspace_pass.to_str().unwrap(), "encrypt"]);
    let out = env.dir.path().join("with-passphrase.vdb");
    env.ok(&[
        "--passphrase-file",
        workspace_pass.to_str().unwrap(),
        "bundle",
        "export",
        &c,
        "--bundle-passphrase-file",
        bundle_pass.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    let open_with = |p: &Path| {
        env.cmd().args(["bundle", "verify", out.to_str().unwrap(), "--bundle-passphrase-file"]).arg(p).output().unwrap()
    };
    assert!(open_with(&bundle_pass).status.success());
    assert_eq!(open_with(&workspace_pass).status.code(), Some(1), "not the workspace's passphrase");
}

#[test]
fn large_evidence_streams_through_with_progress() {
    let env = Env::new();
    let c = env.id(&["case", "new", "Recording"]).to_string();
    // 65 MiB: above the size at which progress is shown, written and read in pieces.
    let big = env.dir.path().join("recording.mp4");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
        let block: Vec<u8> = (0..1024 * 1024).map(|i| (i % 251) as u8).collect();
        for n in 0..65u8 {
            let mut b = block.clone();
            b[0] = n;
            f.write_all(&b).unwrap();
        }
    }
    env.ok(&["evidence", "add", &c, big.to_str().unwrap(), "--description", "call"]);
    let key = age_key(&env, "bob.key");
    let out = env.dir.path().join("big.vdb");
    let run = env
        .cmd()
        .args(["bundle", "export", &c, "--with-evidence", "--recipient", &key.recipient])
        .args(["--output", out.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("recording.mp4: 100% of 65 MiB"), "{stderr}");
    assert!(std::fs::metadata(&out).unwrap().len() > 65 << 20);
    let (code, text) = verify(&env, &out, &key, false);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("68157440 bytes"), "{text}");

    // Imported elsewhere, streamed the same way into the folder named for it.
    let receiver = Env::new();
    let placed = receiver.dir.path().join("received");
    let run = receiver
        .cmd()
        .args(["bundle", "import", out.to_str().unwrap(), "--identity", key.file.to_str().unwrap()])
        .args(["--evidence-dir", placed.to_str().unwrap(), "--trust", &signer_fingerprint(&env)])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("recording.mp4: 100% of 65 MiB"), "{stderr}");
    let file = std::fs::read_dir(&placed).unwrap().next().unwrap().unwrap().path();
    assert_eq!(std::fs::metadata(&file).unwrap().len(), 65 << 20);
    let checked = receiver.ok(&["evidence", "verify", "1"]);
    assert!(checked.contains("intact"), "{checked}");
}

/// Ctrl-C, `kill` or a hang-up (the terminal or the SSH session gone) while a bundle is being written leaves
/// no partly written bundle beside the output, and the command ends as the signal ends a program (exit 130
/// for SIGINT, 129 for SIGHUP). One killed outright (SIGKILL) cannot clean up: the next export to that
/// name removes what it left, and says so.
#[test]
fn an_export_stopped_by_a_signal_leaves_no_part_file() {
    use nix::sys::signal::Signal;
    let env = Env::new();
    let c = env.id(&["case", "new", "Large evidence"]).to_string();
    let big: Vec<u8> = (0..48u32 << 20).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let file = env.file("recording.bin", &big);
    env.ok(&["evidence", "add", &c, file.to_str().unwrap()]);
    let key = age_key(&env, "bob.key");
    let out = env.dir.path().join("stopped.vdb");
    let export = ["bundle", "export", &c, "--with-evidence", "--recipient", &key.recipient, "--output"];
    let part = |dir: &Path| {
        std::fs::read_dir(dir)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".part"))
            .count()
    };
    for (signal, code) in [(Signal::SIGINT, Some(130)), (Signal::SIGHUP, Some(129)), (Signal::SIGKILL, None)] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vetdesk"))
            .args(["--db", env.db.to_str().unwrap()])
            .env("VETDESK_KEY_DIR", env.keys())
            .env("VETDESK_CONFIG", env.dir.path().join("config.toml"))
            .env("USER", "ana")
            .args(export)
            .arg(&out)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while part(env.dir.path()) == 0 {
            assert!(started.elapsed() < std::time::Duration::from_secs(30), "no .part file appeared");
            assert!(child.try_wait().unwrap().is_none(), "the export ended before it could be stopped");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), signal).unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), code, "{signal}");
        assert!(!out.exists());
        if code.is_some() {
            assert_eq!(part(env.dir.path()), 0, "{signal}: the partly written bundle was left behind");
        }
    }
    assert_eq!(part(env.dir.path()), 1, "SIGKILL leaves it");
    let done = env.cmd().args(export).arg(&out).output().unwrap();
    assert!(done.status.success());
    let said = String::from_utf8_lossy(&done.stderr);
    assert!(said.contains("named as vetdesk names a half-written file, by a process ("), "{said}");
    assert_eq!(part(env.dir.path()), 0, "the next export removed it");
    assert!(out.exists());
}

/// A bundle is a regular file: a named pipe or a device is refused at once, by what it is (a pipe would
/// hang the read, `/dev/zero` would fill the memory).
#[test]
fn a_pipe_or_a_device_given_as_a_bundle_is_refused_at_once() {
    let env = Env::new();
    sample(&env);
    let pass = env.file("pass.txt", b"bundle passphrase\n");
    let pipe = env.dir.path().join("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&pipe).status().unwrap().success());
    for (file, what) in [
        (pipe.as_path(), "is a named pipe (FIFO), not a regular file"),
        (Path::new("/dev/zero"), "is a character device, not a regular file"),
    ] {
        for command in ["verify", "import"] {
            let out = env
                .cmd()
                .args(["bundle", command, file.to_str().unwrap(), "--bundle-passphrase-file", pass.to_str().unwrap()])
                .timeout(std::time::Duration::from_secs(20))
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{command} {file:?}: {stderr}");
            assert!(stderr.contains(what), "{command} {file:?}: {stderr}");
        }
    }
}
