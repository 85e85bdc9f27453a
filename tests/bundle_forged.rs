//! Bundles changed on their way and signed again: by whoever relays them, with their own key (a record
//! changed is found, since the origin's signed audit rows sealed the records), and by a sender whose
//! vetdesk misbehaved, with every part made to agree (the import still refuses what it cannot read).

mod common;

use common::Env;
use common::bundle_kit::{age_key, export, members, repack, resign, sample, signer_fingerprint, verify};

/// Changes `rows.json` with `edit` and makes the rest of the bundle agree with it, as a sender whose
/// vetdesk misbehaved could with its own key: the case's seal rows, the audit row that sealed them
/// (re-hashed and re-signed), `bundle.json`'s head, and the manifest.
fn forge_as_sender(env: &Env, all: &mut [(String, Vec<u8>)], edit: fn(&mut serde_json::Value)) {
    use vetdesk::store::audit::{Canonical, hash_row, hex};
    let member = |all: &mut [(String, Vec<u8>)], name: &str| -> serde_json::Value {
        serde_json::from_slice(&all.iter().find(|(n, _)| n.ends_with(name)).unwrap().1).unwrap()
    };
    let put = |all: &mut [(String, Vec<u8>)], name: &str, value: &serde_json::Value| {
        all.iter_mut().find(|(n, _)| n.ends_with(name)).unwrap().1 = serde_json::to_vec(value).unwrap();
    };
    let mut rows = member(all, "/rows.json");
    edit(&mut rows);
    put(all, "/rows.json", &rows);
    let hashes = vetdesk::store::case_rows::row_hashes(&serde_json::from_value(rows).unwrap()).unwrap();
    let mut seal = member(all, "/seal.json");
    let mut records = vetdesk::store::seal::Records::new();
    for r in seal["records"].as_array().unwrap() {
        let (table, key) = (r[0].as_str().unwrap().to_string(), r[1].as_str().unwrap().to_string());
        if !vetdesk::store::case_rows::carried(&table) {
            let bytes = vetdesk::store::audit::unhex(r[2].as_str().unwrap()).unwrap();
            records.insert((table, key), bytes.try_into().unwrap());
        }
    }
    records.extend(hashes);
    seal["records"] = records.iter().map(|((t, k), h)| serde_json::json!([t, k, hex(h)])).collect();
    put(all, "/seal.json", &seal);
    let mut audit = member(all, "/audit.json");
    let last = audit["rows"].as_array_mut().unwrap().last_mut().unwrap();
    let mut sealed: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(last["seal"].as_str().unwrap()).unwrap();
    let scope = format!("case:{}", last["case_id"]);
    sealed.insert(scope, vetdesk::store::seal::digest(&records).into());
    let sealed = serde_json::to_string(&sealed).unwrap();
    let details = last["details"].as_str().unwrap().to_string();
    let row = Canonical {
        id: last["id"].as_i64().unwrap(),
        at: last["at"].as_str().unwrap(),
        actor: last["actor"].as_str().unwrap(),
        action: last["action"].as_str().unwrap(),
        case_id: last["case_id"].as_i64(),
        details: &details,
        seal: Some(&sealed),
    };
    let hash = hash_row(last["prev_hash"].as_str().unwrap(), &row);
    let keys = vetdesk::signing::Keyring::open(&env.keys());
    last["sig"] = hex(&keys.signer().unwrap().sign_row(&hash).unwrap()).into();
    last["seal"] = sealed.into();
    last["hash"] = hash.clone().into();
    put(all, "/audit.json", &audit);
    let mut info = member(all, "/bundle.json");
    info["cases"][0]["audit_head"] = hash.into();
    put(all, "/bundle.json", &info);
    resign(env, all);
}

type Edit = fn(&mut serde_json::Value);

/// Signs a bundle as its own, with the key of `relay`: `bundle.json`'s signer, `allowed_signers` and the
/// manifest's signature, so that nothing but the records themselves tells it from the sender's.
fn sign_as_relay(relay: &Env, all: &mut [(String, Vec<u8>)]) {
    let keys = vetdesk::signing::Keyring::open(&relay.keys());
    let signer = keys.signer().unwrap();
    for (name, data) in all.iter_mut() {
        if name.ends_with("/bundle.json") {
            let mut info: serde_json::Value = serde_json::from_slice(data).unwrap();
            info["signer"] = signer.fingerprint().into();
            info["signer_key"] = signer.public_openssh().into();
            *data = serde_json::to_vec(&info).unwrap();
        } else if name.ends_with("/allowed_signers") {
            *data = format!("vetdesk-bundle {}\n", signer.public_openssh()).into_bytes();
        }
    }
    resign(relay, all);
}

/// Records that cannot be read, in a bundle whose every part agrees and is signed (a sender whose vetdesk
/// misbehaved): the import refuses and brings in nothing.
#[test]
fn a_signed_bundle_holding_records_vetdesk_cannot_read_imports_nothing() {
    let env = Env::new();
    let c = sample(&env);
    let key = age_key(&env, "bob.key");
    let file = export(&env, &[&c, "--recipient", &key.recipient]);
    let fp = signer_fingerprint(&env);
    let receiver = Env::new();
    receiver.ok(&["init"]);
    let edits: [(&str, Edit); 3] = [
        ("cannot read", |rows| {
            let score = rows["case"]["columns"].as_array().unwrap().iter().position(|c| c == "risk_score");
            rows["case"]["rows"][0][score.unwrap()] = "a great many".into();
        }),
        ("does not know (audit_trail)", |rows| rows["audit_trail"] = rows["mark"].clone()),
        ("which it does not hold", |rows| {
            let subject = rows["identifier"]["columns"].as_array().unwrap().iter().position(|c| c == "subject_id");
            rows["identifier"]["rows"][0][subject.unwrap()] = 999.into();
        }),
    ];
    for (says, edit) in edits {
        let mut all = members(&file, &key);
        forge_as_sender(&env, &mut all, edit);
        let bad = env.dir.path().join("resigned.vdb");
        repack(&all, &key, &bad);
        let (code, out) = verify(&env, &bad, &key, false);
        assert_eq!(code, 0, "a well-signed bundle: {out}");
        let args =
            ["bundle", "import", bad.to_str().unwrap(), "--identity", key.file.to_str().unwrap(), "--trust", &fp];
        receiver.refused(&args, says);
    }
}

/// Someone relaying a bundle changes a record and signs the bundle again with their own key: the records
/// no longer match the seal rows the origin's signed audit rows committed to, and the seal rows cannot be
/// changed to match without breaking those rows. Verify names the record; import brings in nothing.
#[test]
fn a_record_changed_by_whoever_relays_a_bundle_is_found() {
    let env = Env::new();
    let c = sample(&env);
    let key = age_key(&env, "bob.key");
    let file = export(&env, &[&c, "--recipient", &key.recipient]);
    let relay = Env::new();
    relay.ok(&["init"]);
    let relay_fp = signer_fingerprint(&relay);
    let edits: [(&str, Edit); 3] = [
        ("a note's text", |rows| {
            let body = rows["note"]["columns"].as_array().unwrap().iter().position(|c| c == "body").unwrap();
            rows["note"]["rows"][0][body] = "Camera on in every interview.".into();
        }),
        ("an identifier removed", |rows| {
            rows["identifier"]["rows"].as_array_mut().unwrap().pop();
        }),
        ("the case closed as cleared", |rows| {
            let columns = rows["case"]["columns"].as_array().unwrap().clone();
            let at = |name: &str| columns.iter().position(|c| c == name).unwrap();
            rows["case"]["rows"][0][at("status")] = "closed".into();
            rows["case"]["rows"][0][at("disposition")] = "cleared".into();
        }),
    ];
    for (what, edit) in edits {
        let mut all = members(&file, &key);
        let rows = all.iter_mut().find(|(n, _)| n.ends_with("/rows.json")).unwrap();
        let mut value: serde_json::Value = serde_json::from_slice(&rows.1).unwrap();
        edit(&mut value);
        rows.1 = serde_json::to_vec(&value).unwrap();
        sign_as_relay(&relay, &mut all);
        let bad = env.dir.path().join("relayed.vdb");
        repack(&all, &key, &bad);
        let (code, out) = verify(&env, &bad, &key, false);
        assert_eq!(code, 1, "{what}: {out}");
        assert!(out.contains(&format!("signed by {relay_fp}")), "{what}: {out}");
        assert!(
            out.contains("rows.json: ") && out.contains("not the record the origin's audit rows sealed"),
            "{what}: {out}"
        );
        // The seal rows changed to match: the audit row that sealed them no longer agrees.
        let mut all = members(&file, &key);
        forge_as_sender(&relay, &mut all, edit);
        sign_as_relay(&relay, &mut all);
        repack(&all, &key, &bad);
        let (code, out) = verify(&env, &bad, &key, false);
        assert_eq!(code, 1, "{what}, seal rows too: {out}");
        assert!(out.contains("audit.json: audit row") && out.contains("signature by"), "{what}, seal rows too: {out}");
        let receiver = Env::new();
        receiver.ok(&["init"]);
        let args =
            ["bundle", "import", bad.to_str().unwrap(), "--identity", key.file.to_str().unwrap(), "--trust", &relay_fp];
        receiver.refused(&args, "signature by");
        assert_eq!(receiver.json(&["case", "list", "--json"])["total"], 0, "{what}: nothing imported");
    }
}

/// Someone relaying a bundle rewrites what people read (`record.json`, the summary) and signs the bundle
/// again with their own key: nothing the audit rows sealed changed, so the bundle holds, but verify names
/// the key that signed the case's audit rows beside the bundle's, and says what the signature alone covers.
#[test]
fn a_bundle_signed_again_by_a_relay_names_the_key_that_signed_its_audit_rows() {
    let env = Env::new();
    let c = sample(&env);
    let key = age_key(&env, "bob.key");
    let file = export(&env, &[&c, "--recipient", &key.recipient]);
    let sender_fp = signer_fingerprint(&env);
    let (code, out) = verify(&env, &file, &key, false);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("not by the key that signed the bundle"), "the sender's own bundle: {out}");
    let relay = Env::new();
    relay.ok(&["init"]);
    let mut all = members(&file, &key);
    for (name, bytes) in all.iter_mut() {
        if name.ends_with("/record.json") || name.ends_with("/summary.md") {
            *bytes = String::from_utf8(bytes.clone()).unwrap().replace("Müller", "Someone").into_bytes();
        }
    }
    sign_as_relay(&relay, &mut all);
    let relayed = env.dir.path().join("relayed.vdb");
    repack(&all, &key, &relayed);
    let (code, out) = verify(&env, &relayed, &key, false);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&format!("signed by {}", signer_fingerprint(&relay))), "{out}");
    assert!(
        out.contains(&format!("of this case are signed by {sender_fp}, not by the key that signed the bundle")),
        "{out}"
    );
    assert!(
        out.contains(
            "record.json and the summaries are the signer's rendering of those records, covered by the signature alone"
        ),
        "{out}"
    );
    let (_, json) = verify(&env, &relayed, &key, true);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(json["row_signers"][&c][&sender_fp].as_u64().unwrap() > 0, "{json}");
}

/// A case last sealed by a change across cases (`demo --remove` archives every demo case in one audit row
/// of the workspace) carries that row in `seal.json`: the bundle verifies and imports, and a relay that
/// drops the row is found.
#[test]
fn a_case_last_sealed_by_a_change_across_cases_travels_with_that_row() {
    let env = Env::new();
    env.ok(&["demo", "--cases", "3"]);
    env.ok(&["demo", "--remove"]);
    let key = age_key(&env, "bob.key");
    let file = export(&env, &["2", "--recipient", &key.recipient]);
    let (code, out) = verify(&env, &file, &key, false);
    assert_eq!(code, 0, "{out}");
    let all = members(&file, &key);
    let seal: serde_json::Value =
        serde_json::from_slice(&all.iter().find(|(n, _)| n.ends_with("/seal.json")).unwrap().1).unwrap();
    assert_eq!(seal["sealed_by"]["action"], "demo.remove", "{seal}");
    let receiver = Env::new();
    receiver.ok(&["init"]);
    let fp = signer_fingerprint(&env);
    let args = ["bundle", "import", file.to_str().unwrap(), "--identity", key.file.to_str().unwrap(), "--trust", &fp];
    receiver.ok(&args);
    assert_eq!(receiver.json(&["case", "list", "--json", "--archived"])["total"], 1);

    let mut dropped = all.clone();
    for (name, data) in dropped.iter_mut() {
        if name.ends_with("/seal.json") {
            let mut seal: serde_json::Value = serde_json::from_slice(data).unwrap();
            seal["sealed_by"] = serde_json::Value::Null;
            *data = serde_json::to_vec(&seal).unwrap();
        }
    }
    resign(&env, &mut dropped);
    let bad = env.dir.path().join("dropped.vdb");
    repack(&dropped, &key, &bad);
    let (code, out) = verify(&env, &bad, &key, false);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("seal.json: does not hold the seal rows audit row"), "{out}");
}

/// A case handed on again: exported at A, imported and worked on at B, exported from B. The bundle from
/// B carries A's signed audit rows of the case (`origin.json`) with the keys that signed them, checked
/// against the rows B sealed the case with; a relay that drops them, drops a row or changes one is found.
#[test]
fn a_case_handed_on_again_carries_its_earlier_history() {
    let a = Env::new();
    let c = sample(&a);
    let key = age_key(&a, "bob.key");
    let first = export(&a, &[&c, "--recipient", &key.recipient]);
    let b = Env::new();
    b.ok(&["init"]);
    let evidence = b.dir.path().join("received");
    let fp_a = signer_fingerprint(&a);
    b.ok(&[
        "bundle",
        "import",
        first.to_str().unwrap(),
        "--identity",
        key.file.to_str().unwrap(),
        "--evidence-dir",
        evidence.to_str().unwrap(),
        "--trust",
        &fp_a,
    ]);
    b.ok(&["note", "add", "1", "Reference call with the vendor done."]);
    let second = b.dir.path().join("second.vdb");
    b.ok(&["bundle", "export", "1", "--recipient", &key.recipient, "--output", second.to_str().unwrap()]);

    let receiver = Env::new();
    let (code, out) = verify(&receiver, &second, &key, false);
    assert_eq!(code, 0, "{out}");
    let a_rows = &a.json(&["audit", "log", "--case", &c, "--json"])["rows"];
    let rows = a_rows.as_array().map_or(0, Vec::len);
    assert!(rows >= 4, "{a_rows}");
    assert!(out.contains(&format!("came to it in a bundle: {rows} audit rows of case #{c}")), "{out}");
    assert!(out.contains(&fp_a), "{out}");

    type Change = fn(&mut serde_json::Value);
    let changes: [(&str, Option<Change>, &str); 3] = [
        ("dropped", None, "origin.json: is missing"),
        (
            "a row dropped",
            Some(|o| drop(o["rows"].as_array_mut().unwrap().pop())),
            "lacks 1 of the origin's audit rows",
        ),
        ("a row's actor changed", Some(|o| o["rows"][1]["actor"] = "eve".into()), "its contents do not match its hash"),
    ];
    for (what, change, says) in changes {
        let mut all = members(&second, &key);
        match change {
            None => all.retain(|(n, _)| !n.ends_with("/origin.json")),
            Some(change) => {
                let member = all.iter_mut().find(|(n, _)| n.ends_with("/origin.json")).unwrap();
                let mut value: serde_json::Value = serde_json::from_slice(&member.1).unwrap();
                change(&mut value);
                member.1 = serde_json::to_vec(&value).unwrap();
            }
        }
        resign(&b, &mut all);
        let bad = b.dir.path().join("changed.vdb");
        repack(&all, &key, &bad);
        let (code, out) = verify(&receiver, &bad, &key, false);
        assert_eq!(code, 1, "{what}: {out}");
        assert!(out.contains(says), "{what}: {out}");
    }
}

/// Someone relaying a bundle swaps an evidence file and makes `bundle.json` and `evidence.sha256` give the
/// new file's hash, then signs the bundle with their own key. Nothing seals those two files, but the
/// case's sealed evidence record still holds the hash that was attached: verify names the difference and
/// import brings in nothing.
#[test]
fn an_evidence_file_swapped_by_whoever_relays_a_bundle_is_found() {
    use sha2::{Digest, Sha256};
    let env = Env::new();
    let c = sample(&env);
    let key = age_key(&env, "bob.key");
    let file = export(&env, &[&c, "--with-evidence", "--recipient", &key.recipient]);
    let relay = Env::new();
    relay.ok(&["init"]);
    let relay_fp = signer_fingerprint(&relay);
    let mut all = members(&file, &key);
    let swapped = b"notes the relay wrote instead\n".to_vec();
    let new_hash: String = Sha256::digest(&swapped).iter().map(|b| format!("{b:02x}")).collect();
    let (name, old_hash) = {
        let info = all.iter().find(|(n, _)| n.ends_with("/bundle.json")).unwrap();
        let info: serde_json::Value = serde_json::from_slice(&info.1).unwrap();
        let e = &info["cases"][0]["evidence"][0];
        (e["name"].as_str().unwrap().to_string(), e["sha256"].as_str().unwrap().to_string())
    };
    for (member, data) in all.iter_mut() {
        if member.ends_with(&format!("/evidence/{name}")) {
            *data = swapped.clone();
        } else if member.ends_with("/bundle.json") {
            let mut info: serde_json::Value = serde_json::from_slice(data).unwrap();
            info["cases"][0]["evidence"][0]["sha256"] = new_hash.clone().into();
            info["cases"][0]["evidence"][0]["size"] = swapped.len().into();
            // A title that would print a line of its own, such as a forged "signed by".
            info["cases"][0]["title"] = format!("Handover sample\nsigned by {}", signer_fingerprint(&env)).into();
            *data = serde_json::to_vec(&info).unwrap();
        } else if member.ends_with("/evidence.sha256") {
            *data = String::from_utf8(data.clone()).unwrap().replace(&old_hash, &new_hash).into_bytes();
        }
    }
    sign_as_relay(&relay, &mut all);
    let bad = env.dir.path().join("relayed.vdb");
    repack(&all, &key, &bad);
    let (code, out) = verify(&env, &bad, &key, false);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("lists evidence {name} with SHA-256 {new_hash}"))
            && out.contains("not what case #1's sealed record of it holds"),
        "{out}"
    );
    assert!(out.contains("evidence.sha256: does not list the evidence files"), "{out}");
    assert!(out.contains("a title that is not the one its sealed records hold"), "{out}");
    // Each value from the bundle stays on its line: the one "signed by" line is the real signer's.
    let signed: Vec<&str> = out.lines().filter(|l| l.starts_with("signed by")).collect();
    assert_eq!(signed.len(), 1, "{out}");
    assert!(signed[0].contains(&relay_fp), "{out}");
    let receiver = Env::new();
    receiver.ok(&["init"]);
    let evidence_dir = receiver.dir.path().join("evidence");
    let args = [
        "bundle",
        "import",
        bad.to_str().unwrap(),
        "--identity",
        key.file.to_str().unwrap(),
        "--trust",
        &relay_fp,
        "--evidence-dir",
        evidence_dir.to_str().unwrap(),
    ];
    receiver.refused(&args, "sealed record");
    assert_eq!(receiver.json(&["case", "list", "--json"])["total"], 0, "nothing imported");
    assert!(!evidence_dir.join(&name).exists());

    // The file given another name in bundle.json: bundle.json is named, not the listing it left alone.
    let mut all = members(&file, &key);
    for (member, data) in all.iter_mut() {
        if member.ends_with("/bundle.json") {
            let mut info: serde_json::Value = serde_json::from_slice(data).unwrap();
            info["cases"][0]["evidence"][0]["name"] = "1-other.txt".into();
            *data = serde_json::to_vec(&info).unwrap();
        } else if member.ends_with(&format!("/evidence/{name}")) {
            *member = member.replace(&name, "1-other.txt");
        }
    }
    sign_as_relay(&relay, &mut all);
    repack(&all, &key, &bad);
    let (code, out) = verify(&env, &bad, &key, false);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!(
            "bundle.json: lists evidence #1 of case #1 as 1-other.txt, where its sealed record gives {name}"
        )),
        "{out}"
    );
    assert!(!out.contains("evidence.sha256: does not list"), "{out}");
}

/// A redacted bundle carries the summaries only, and `bundle.json`'s title is the summary's, masked.
#[test]
fn a_redacted_bundle_names_its_case_by_the_masked_title() {
    let env = Env::new();
    let c = env.id(&["case", "new", "Payee acct 555666777888"]).to_string();
    env.ok(&[
        "payment",
        "add",
        &c,
        "--date",
        "2026-01-05",
        "--amount",
        "10",
        "--method",
        "wire",
        "--account",
        "555666777888",
    ]);
    let key = age_key(&env, "bob.key");
    let file = export(&env, &[&c, "--redact", "--recipient", &key.recipient]);
    for (name, data) in members(&file, &key) {
        let text = String::from_utf8_lossy(&data);
        assert!(!text.contains("555666777888"), "{name} holds the account number: {text}");
    }
    let (code, out) = verify(&env, &file, &key, false);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Payee acct ****7888"), "{out}");
}

/// A workspace file copied to another machine and worked on there: its bundle is signed by the second
/// machine's key, while rows of the case's history were signed by the first's. The import says so, naming
/// the other key and its rows, instead of leaving the history to pass for the bundle signer's.
#[test]
fn an_import_names_the_other_keys_that_signed_the_cases_history() {
    let a = Env::new();
    let c = sample(&a);
    let fp_a = signer_fingerprint(&a);
    let b = Env::new();
    std::fs::create_dir_all(b.db.parent().unwrap()).unwrap();
    // The file and its write-ahead log, as a copy of the folder would take them.
    for suffix in ["", "-wal"] {
        let from = format!("{}{suffix}", a.db.display());
        if std::path::Path::new(&from).exists() {
            std::fs::copy(&from, format!("{}{suffix}", b.db.display())).unwrap();
        }
    }
    b.ok(&["note", "add", &c, "Worked on at the second machine."]);
    let key = age_key(&b, "bob.key");
    let bundle = export(&b, &[&c, "--recipient", &key.recipient]);
    let receiver = Env::new();
    receiver.ok(&["init"]);
    let identity = key.file.to_str().unwrap();
    let fp_b = signer_fingerprint(&b);
    let out = receiver.ok(&["bundle", "import", bundle.to_str().unwrap(), "--identity", identity, "--trust", &fp_b]);
    let a_rows = a.json(&["audit", "log", "--case", &c, "--json"])["rows"].as_array().map_or(0, Vec::len);
    assert!(
        out.contains(&format!("its history holds rows signed by other keys than the bundle's: {fp_a} ({a_rows} rows)")),
        "{out}"
    );
}
