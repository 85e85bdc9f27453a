//! `vetdesk export misp|stix` and `vetdesk list export`, as a user runs them. The reference libraries
//! (PyMISP, stix2, the STIX validator) load the same exports in CI: tools/validate_exports.py.

mod common;

use common::Env;
use serde_json::{Value, json};

const IBAN: &str = "GB29 NWBK 6016 1331 9268 19";
const BTC: &str = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2";
const XMR: &str = "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A";
const ETH: &str = "0x52908400098527886E0F7030069857D2E4169EE7";

/// A closed, confirmed case holding one identifier of every kind, with two findings.
fn confirmed_case(env: &Env) -> String {
    let id = env.id(&["case", "new", "Backend contractor", "--subject", "Jin Park"]).to_string();
    for (kind, value) in [
        ("email", "Jin.Park@Example.com"),
        ("phone", "+1 615 555 0163"),
        ("ip", "198.51.100.7"),
        ("ip", "2001:db8::1"),
        ("url", "https://github.com/jinpark-dev"),
        ("handle", "@jinpark_dev"),
        ("bank-account", IBAN),
        ("routing-number", "076401251"),
        ("crypto-wallet", BTC),
        ("crypto-wallet", XMR),
        ("crypto-wallet", ETH),
        ("address", "2987 Bramblewood Rd, Austin, TX 78755"),
        ("device-serial", "C02XK1ABCD"),
        ("document-number", "M12345678"),
    ] {
        env.ok(&["ident", "add", &id, kind, value, "--subject", "1", "--note", "From the application"]);
    }
    env.ok(&["check", "set", &id, "RF-COM-01", "flagged", "--note", "VoIP number, paid by GB29NWBK60161331926819"]);
    env.ok(&["check", "set", &id, "RF-TECH-01", "flagged"]);
    env.ok(&["case", "status", &id, "closed", "--disposition", "confirmed"]);
    id
}

fn attributes(event: &Value) -> Vec<(String, String, String)> {
    event["Event"]["Attribute"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["type"].as_str().unwrap().into(),
                a["category"].as_str().unwrap().into(),
                a["value"].as_str().unwrap().into(),
            )
        })
        .collect()
}

#[test]
fn misp_event_types_every_identifier_tags_findings_and_tlp_and_is_stable() {
    let env = Env::new();
    let id = confirmed_case(&env);
    let event = env.json(&["export", "misp", &id, "--tlp", "amber+strict"]);
    let attrs = attributes(&event);
    let has = |t: &str, c: &str, v: &str| attrs.iter().any(|a| a == &(t.to_string(), c.to_string(), v.to_string()));
    assert!(has("email-src", "Social network", "jin.park@example.com"), "{attrs:?}");
    assert!(has("phone-number", "Person", "+16155550163"), "{attrs:?}");
    assert!(has("ip-src", "Network activity", "198.51.100.7"), "{attrs:?}");
    assert!(has("ip-src", "Network activity", "2001:db8::1"), "{attrs:?}");
    assert!(has("url", "Network activity", "https://github.com/jinpark-dev"), "{attrs:?}");
    assert!(has("text", "Social network", "@jinpark_dev"), "{attrs:?}");
    assert!(has("iban", "Financial fraud", "GB29NWBK60161331926819"), "{attrs:?}");
    assert!(has("aba-rtn", "Financial fraud", "076401251"), "{attrs:?}");
    assert!(has("btc", "Financial fraud", BTC), "{attrs:?}");
    assert!(has("xmr", "Financial fraud", XMR), "{attrs:?}");
    assert!(
        attrs.iter().any(|a| a.0 == "text" && a.1 == "Financial fraud" && a.2.eq_ignore_ascii_case(ETH)),
        "{attrs:?}"
    );
    assert_eq!(attrs.len(), 14, "one attribute per identifier");
    let e = &event["Event"];
    let btc = e["Attribute"].as_array().unwrap().iter().find(|a| a["type"] == "btc").unwrap();
    assert_eq!(btc["to_ids"], true, "a confirmed case's wallet is an indicator");
    assert!(btc["comment"].as_str().unwrap().contains("Jin Park"), "{btc}");
    let phone = e["Attribute"].as_array().unwrap().iter().find(|a| a["type"] == "phone-number").unwrap();
    assert_eq!(phone["to_ids"], false);
    let tags: Vec<&str> = e["Tag"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(tags[0], "tlp:amber+strict");
    assert!(
        tags.contains(&"vetdesk:red-flag=\"RF-COM-01\"") && tags.contains(&"vetdesk:red-flag=\"RF-TECH-01\""),
        "{tags:?}"
    );
    assert!(tags.contains(&"vetdesk:disposition=\"confirmed\""), "{tags:?}");
    let report = e["EventReport"][0]["content"].as_str().unwrap();
    assert!(report.contains("RF-COM-01") && report.contains("VoIP number"), "{report}");
    assert_eq!(e["threat_level_id"], "2");
    assert_eq!(e["analysis"], "2");
    let default = env.json(&["export", "misp", &id]);
    assert_eq!(default["Event"]["Tag"][0]["name"], "tlp:amber", "amber unless told");
    assert_eq!(default["Event"]["Attribute"], e["Attribute"], "the same ids on every export");
    assert_eq!(default["Event"]["uuid"], e["uuid"]);
    env.usage_error(&["export", "misp", &id, "--tlp", "white"], "white");
}

#[test]
fn stix_bundle_holds_identity_observables_indicators_and_a_note_and_is_stable() {
    let env = Env::new();
    let id = confirmed_case(&env);
    let out = env.dir.path().join("case.stix.json");
    env.ok(&["export", "stix", &id, "--output", out.to_str().unwrap()]);
    let text = std::fs::read_to_string(&out).unwrap();
    let bundle: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(bundle["type"], "bundle");
    let objects = bundle["objects"].as_array().unwrap();
    let of = |t: &str| objects.iter().filter(|o| o["type"] == t).collect::<Vec<_>>();
    assert_eq!(of("identity").len(), 1);
    assert_eq!(of("email-addr")[0]["value"], "jin.park@example.com");
    assert_eq!(of("ipv4-addr")[0]["value"], "198.51.100.7");
    assert_eq!(of("ipv6-addr")[0]["value"], "2001:db8::1");
    assert_eq!(of("user-account")[0]["account_login"], "@jinpark_dev");
    assert_eq!(of("url")[0]["value"], "https://github.com/jinpark-dev");
    let observed = of("observed-data");
    assert_eq!(observed[0]["object_refs"].as_array().unwrap().len(), 5);
    let indicators = of("indicator");
    assert!(indicators.iter().any(|i| i["pattern"] == "[email-addr:value = 'jin.park@example.com']"), "{indicators:?}");
    let note = of("note")[0]["content"].as_str().unwrap();
    assert!(note.contains("RF-COM-01") && note.contains("RF-TECH-01"), "{note}");
    assert!(note.contains(BTC) && note.contains("+1 615 555 0163"), "identifiers STIX has no object for: {note}");
    for o in objects {
        assert_eq!(o["spec_version"], "2.1", "{o}");
        let id = o["id"].as_str().unwrap();
        assert!(id.starts_with(&format!("{}--", o["type"].as_str().unwrap())), "{id}");
    }
    assert_eq!(env.json(&["export", "stix", &id]), bundle, "re-export gives the same bundle");
}

#[test]
fn redaction_masks_accounts_wallets_and_documents_everywhere() {
    let env = Env::new();
    let id = confirmed_case(&env);
    // A voided account is still an account: the text that names it is masked too.
    let voided = env.id(&["ident", "add", &id, "bank-account", "11112222333344"]).to_string();
    env.ok(&["ident", "void", &voided, "--reason", "typed into the wrong case"]);
    env.ok(&["note", "add", &id, "Asked again to pay into 1111 2222 3333 44 instead"]);
    let misp = env.ok(&["export", "misp", &id, "--redact"]);
    let stix = env.ok(&["export", "stix", &id, "--redact"]);
    let report = env.ok(&["report", &id, "--redact"]);
    assert!(!report.contains("1111 2222 3333 44") && report.contains("****3344"), "{report}");
    for (name, text) in [("misp", &misp), ("stix", &stix)] {
        for secret in ["GB29NWBK60161331926819", "NWBK 6016", BTC, XMR, "M12345678", "1111 2222 3333 44"] {
            assert!(!text.contains(secret), "{name} export shows {secret}");
        }
        assert!(text.contains("****6819"), "{name}: the mask stays: {text}");
        assert!(text.contains("jin.park@example.com"), "{name}: emails are not secret");
    }
    let event: Value = serde_json::from_str(&misp).unwrap();
    let attrs = attributes(&event);
    assert!(!attrs.iter().any(|a| ["iban", "btc", "xmr"].contains(&a.0.as_str())), "masked values are text: {attrs:?}");
    assert!(attrs.contains(&("text".into(), "Financial fraud".into(), "****6819".into())), "{attrs:?}");
}

#[test]
fn list_export_carries_known_bad_values_to_another_workspace() {
    let a = Env::new();
    let bad = confirmed_case(&a);
    let open = a.id(&["case", "new", "Still open"]).to_string();
    a.ok(&["ident", "add", &open, "email", "innocent@example.org"]);
    let cleared = a.id(&["case", "new", "Cleared one"]).to_string();
    a.ok(&["ident", "add", &cleared, "email", "cleared@example.org"]);
    a.ok(&["case", "status", &cleared, "closed", "--disposition", "cleared"]);
    let file = a.dir.path().join("bad-emails.txt");
    let said = a.ok(&[
        "list",
        "export",
        "bad-email",
        "--output",
        file.to_str().unwrap(),
        "--status",
        "closed",
        "--status",
        "reported",
        "--disposition",
        "confirmed",
    ]);
    assert!(said.contains("1 bad-email value from 1 case"), "{said}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(&format!("jin.park@example.com\tvetdesk case #{bad} (closed, confirmed)")), "{text}");
    assert!(!text.contains("innocent") && !text.contains("cleared@"), "only the chosen cases: {text}");
    let all = a.dir.path().join("all-emails.txt");
    a.ok(&["list", "export", "bad-email", "-o", all.to_str().unwrap()]);
    let everything = std::fs::read_to_string(&all).unwrap();
    assert!(everything.contains("innocent@example.org") && everything.contains("cleared@"), "{everything}");
    // The file says what it holds: values from cases not closed as confirmed are not findings.
    assert!(
        text.contains("closed or reported cases with disposition confirmed") && !text.contains("Not only"),
        "{text}"
    );
    assert!(everything.contains("(cases of any status and any disposition)"), "{everything}");
    assert!(
        everything.contains("# Not only cases closed as confirmed: each value is what its case recorded"),
        "{everything}"
    );

    let b = Env::new();
    let case = b.id(&["case", "new", "New applicant"]).to_string();
    b.ok(&["ident", "add", &case, "email", "JIN.PARK@example.com"]);
    let imported = b.ok(&["list", "import", "bad-email", file.to_str().unwrap(), "--name", "peer-bad-emails"]);
    assert!(imported.contains("1 entry"), "{imported}");
    let links = b.json(&["links", &case, "--json"]);
    let link = &links["links"][0];
    assert_eq!(link["other"]["type"], "list", "{links}");
    assert_eq!(link["other"]["name"], "peer-bad-emails", "{links}");
    assert!(link["other"]["label"].as_str().unwrap_or_default().contains(&format!("case #{bad}")), "{links}");
}

/// No export is written over what the record rests on: the workspace and its journal files, its keys, or
/// an evidence original (vetdesk keeps only its path and hash), under any name for the same file. Each is
/// refused with nothing written, and the file is left as it was.
#[test]
fn no_export_writes_over_the_workspace_its_keys_or_an_evidence_file() {
    let env = Env::new();
    let id = env.id(&["case", "new", "Backend contractor"]).to_string();
    let original = env.file("chat.md", b"chat log kept as evidence\n");
    env.ok(&["evidence", "add", &id, original.to_str().unwrap()]);
    let other_name = env.dir.path().join("link-to-chat.md");
    std::fs::hard_link(&original, &other_name).unwrap();
    let key = std::fs::read_dir(env.keys()).unwrap().flatten().map(|e| e.path()).find(|p| p.is_file()).unwrap();
    // The head this machine recorded, in a folder below the key folder.
    let head =
        std::fs::read_dir(env.keys().join("heads")).unwrap().flatten().map(|e| e.path()).find(|p| p.is_file()).unwrap();
    let pass = env.file("pass.txt", b"correct horse battery staple\n");
    let db = env.db.to_str().unwrap().to_string();
    let workspace_before = std::fs::read(&env.db).unwrap();
    for (target, why) in [
        (original.to_str().unwrap(), "is the file of evidence #1"),
        (&db, "is this workspace"),
        (key.to_str().unwrap(), "is in this workspace's key folder"),
        (head.to_str().unwrap(), "is in this workspace's key folder"),
    ] {
        let before = std::fs::read(target).unwrap();
        env.refused(&["report", &id, "--output", target, "--format", "markdown"], why);
        env.refused(&["export", "misp", &id, "--output", target], why);
        env.refused(&["export", "stix", &id, "--output", target], why);
        env.refused(&["list", "export", "bad-email", "--output", target], why);
        env.refused(
            &["bundle", "export", &id, "--bundle-passphrase-file", pass.to_str().unwrap(), "--output", target],
            why,
        );
        assert_eq!(std::fs::read(target).unwrap(), before, "{target} is as it was");
    }
    // The same evidence file under another name (a hard link) is the same file.
    env.refused(&["report", &id, "--output", other_name.to_str().unwrap()], "is the file of evidence #1");
    assert!(env.ok(&["evidence", "verify", &id]).contains("1 intact"), "the evidence file still verifies");
    assert_eq!(std::fs::read(&env.db).unwrap().len(), workspace_before.len());
    // Nor is a new file made in the key folder.
    let new_there = env.keys().join("case-1.md");
    env.refused(&["report", &id, "--output", new_there.to_str().unwrap()], "is in this workspace's key folder");
    assert!(!new_there.exists());
    // Nor over a file the workspace keeps beside it, existing or not: SQLite takes a `-journal` it finds
    // for its own and discards it, and the next command removes what an interrupted `encrypt` left.
    for suffix in ["-journal", ".encrypting", ".decrypting", ".plain-old", ".encrypted-old", ".converting"] {
        let beside = format!("{db}{suffix}");
        env.refused(
            &["export", "misp", &id, "--output", &beside],
            &format!("is a file this workspace keeps beside it ({suffix})"),
        );
        assert!(!std::path::Path::new(&beside).exists(), "{beside}");
    }
}

/// The workspace and its keys are not evidence: attached, they would be handed on with the case (the
/// signing key with it) by `bundle export --with-evidence`.
#[test]
fn the_workspace_and_its_keys_are_refused_as_evidence() {
    let env = Env::new();
    let id = env.id(&["case", "new", "Backend contractor"]).to_string();
    let key = std::fs::read_dir(env.keys()).unwrap().flatten().map(|e| e.path()).find(|p| p.is_file()).unwrap();
    let linked = env.dir.path().join("innocent-name.bin");
    std::fs::hard_link(&key, &linked).unwrap();
    for (file, why) in [
        (env.db.clone(), "is this workspace, not evidence"),
        (key, "is in this workspace's key folder, not evidence"),
        (linked, "is a file of this workspace's key folder, not evidence"),
    ] {
        env.refused(&["evidence", "add", &id, file.to_str().unwrap()], why);
    }
    assert!(env.json(&["evidence", "list", &id, "--json"]).as_array().unwrap().is_empty());
}

/// Written to standard output, an export stays JSON whatever its text holds: a right-to-left override in a
/// title is written as a JSON escape (so a terminal does not obey it), and reads back as it was typed.
#[test]
fn exports_to_standard_output_are_json_whatever_the_text_holds() {
    let env = Env::new();
    let title = "Title \u{202e} gnp.exe";
    let id = env.id(&["case", "new", title]).to_string();
    for format in ["misp", "stix"] {
        let out = env.ok(&["export", format, &id]);
        assert!(!out.contains('\u{202e}'), "{format}: the control itself reaches the terminal");
        serde_json::from_str::<Value>(&out).unwrap_or_else(|e| panic!("{format}: not JSON: {e}\n{out}"));
    }
    let event: Value = serde_json::from_str(&env.ok(&["export", "misp", &id])).unwrap();
    assert_eq!(event["Event"]["info"].as_str().map(|i| i.contains(title)), Some(true), "{event}");
}

/// An export shares what was recorded: an email as typed (lowercased), not the match key that drops a
/// provider's dots and `+tags`; a URL written defanged in a report, live, so a peer's indicator matches it.
#[test]
fn exports_share_the_email_typed_and_the_url_live() {
    let env = Env::new();
    let id = confirmed_case(&env);
    env.ok(&["ident", "add", &id, "email", "Kim.Doe+x@Gmail.com"]);
    env.ok(&["ident", "add", &id, "url", "hxxps://evil[.]example/Path"]);
    let event = env.json(&["export", "misp", &id]);
    let attrs = attributes(&event);
    let value = |kind: &str, part: &str| attrs.iter().find(|a| a.0 == kind && a.2.contains(part)).map(|a| a.2.clone());
    assert_eq!(value("email-src", "kim"), Some("kim.doe+x@gmail.com".into()), "{attrs:?}");
    assert_eq!(value("url", "evil"), Some("https://evil.example/Path".into()), "{attrs:?}");
    let stix = env.ok(&["export", "stix", &id]);
    assert!(
        stix.contains("[email-addr:value = 'kim.doe+x@gmail.com']") && !stix.contains("kimdoe@gmail.com"),
        "{stix}"
    );
    assert!(stix.contains("[url:value = 'https://evil.example/Path']") && !stix.contains("hxxps"), "{stix}");
}

/// A finding's note of several lines stays part of its finding in the MISP event report (Markdown): a
/// line of it starting `#` is not a heading there.
#[test]
fn a_findings_note_stays_in_its_finding_in_the_event_report() {
    let env = Env::new();
    let id = env.id(&["case", "new", "Backend contractor"]).to_string();
    env.ok(&[
        "check",
        "set",
        &id,
        "RF-LOC-04",
        "flagged",
        "--note",
        "Laptop checks in from Phoenix.\n# Not a heading\n---",
    ]);
    let event = env.json(&["export", "misp", &id]);
    let report = event["Event"]["EventReport"][0]["content"].as_str().unwrap();
    assert!(report.contains("Laptop checks in from Phoenix. # Not a heading ---"), "{report}");
    assert!(!report.lines().any(|l| l.starts_with("# Not") || l == "---"), "{report}");
}

/// A finding accepted from a suggestion whose match was voided since: the event report and the STIX note
/// say, as the summary does, that the record no longer shows what the note names.
#[test]
fn a_finding_resting_on_a_voided_match_says_so_in_both_exports() {
    let env = Env::new();
    let a = env.id(&["case", "new", "Backend contractor", "--subject", "Jane Doe"]).to_string();
    let b = env.id(&["case", "new", "Mobile developer", "--subject", "John Roe"]).to_string();
    let mine = env.id(&["ident", "add", &a, "email", "jane@example.com"]).to_string();
    env.ok(&["ident", "add", &b, "email", "jane@example.com"]);
    env.ok(&["suggest", "accept", &a, "RF-COM-02"]);
    let caveat = "no longer show all of what this note names";
    let report = |env: &Env| env.json(&["export", "misp", &a])["Event"]["EventReport"][0]["content"].clone();
    assert!(!report(&env).as_str().unwrap().contains(caveat));
    env.ok(&["ident", "void", &mine, "--reason", "typo; belonged to another applicant"]);
    let said = report(&env);
    let said = said.as_str().unwrap();
    assert!(said.contains("also in another case file") && said.contains(caveat), "{said}");
    let stix = env.json(&["export", "stix", &a]);
    let note = stix["objects"].as_array().unwrap().iter().find(|o| o["type"] == "note").unwrap();
    assert!(note["content"].as_str().unwrap().contains(caveat), "{note}");
}

/// A value kept despite failing its check (`--keep-invalid`) is the finding itself, not an indicator: MISP
/// gets it as text, never for detection, with the warning in its comment; STIX lists it with the warning
/// and makes no observable or indicator of it.
#[test]
fn a_value_kept_despite_its_check_is_never_shared_as_an_indicator() {
    let env = Env::new();
    let c = env.id(&["case", "new", "Backend contractor"]).to_string();
    env.ok(&["ident", "add", &c, "crypto-wallet", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", "--keep-invalid"]);
    env.ok(&["case", "status", &c, "closed", "--disposition", "confirmed"]);
    let event = env.json(&["export", "misp", &c]);
    let wallet = &event["Event"]["Attribute"][0];
    assert_eq!((&wallet["type"], &wallet["to_ids"]), (&json!("text"), &json!(false)), "{wallet}");
    assert!(wallet["comment"].as_str().unwrap().contains("kept despite failing its check: base58check"), "{wallet}");
    let bundle = env.json(&["export", "stix", &c]);
    let kinds: Vec<&str> = bundle["objects"].as_array().unwrap().iter().map(|o| o["type"].as_str().unwrap()).collect();
    assert!(!kinds.contains(&"indicator") && !kinds.contains(&"observed-data"), "{kinds:?}");
    let note = bundle["objects"].as_array().unwrap().iter().find(|o| o["type"] == "note").unwrap();
    assert!(note["content"].as_str().unwrap().contains("(kept despite failing its check: base58check"), "{note}");
}

/// A reference is not under suspicion: their email is never offered as known-bad to peers, and, when the
/// case includes references, MISP and STIX carry it without making it an indicator.
#[test]
fn a_references_values_are_never_shared_as_known_bad() {
    let env = Env::new();
    let id = confirmed_case(&env);
    let reference = env.id(&["subject", "add", &id, "Ree Ference", "--role", "reference"]).to_string();
    env.ok(&["ident", "add", &id, "email", "ree.ference@example.org", "--subject", &reference]);
    let file = env.dir.path().join("bad.txt");
    env.ok(&["list", "export", "bad-email", "--output", file.to_str().unwrap()]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("jin.park@example.com") && !text.contains("ree.ference"), "{text}");

    env.ok(&["case", "answer", &id, "include-references", "yes"]);
    let event = env.json(&["export", "misp", &id]);
    let attrs = event["Event"]["Attribute"].as_array().unwrap();
    let of = |value: &str| attrs.iter().find(|a| a["value"] == value).unwrap_or_else(|| panic!("{value}: {attrs:?}"));
    assert_eq!(of("ree.ference@example.org")["to_ids"], false);
    assert_eq!(of("jin.park@example.com")["to_ids"], true);
    let bundle = env.json(&["export", "stix", &id]);
    let patterns: Vec<&str> =
        bundle["objects"].as_array().unwrap().iter().filter_map(|o| o["pattern"].as_str()).collect();
    assert!(patterns.iter().any(|p| p.contains("jin.park@example.com")), "{patterns:?}");
    assert!(!patterns.iter().any(|p| p.contains("ree.ference")), "{patterns:?}");
}

/// What the exports' findings say is what the summary's narrative may say: no internal case number, no
/// value of a reference left out (a note written by an accepted suggestion quotes it), no item resting on
/// nationality, and no risk score, which orders the investigator's own work and is no finding.
#[test]
fn findings_shared_keep_out_case_numbers_references_context_items_and_the_score() {
    let env = Env::new();
    let id = env.id(&["case", "new", "Backend contractor", "--subject", "Kim Chol"]).to_string();
    let reference = env.id(&["subject", "add", &id, "Rita Ref", "--role", "reference"]).to_string();
    let other = env.id(&["case", "new", "Other applicant", "--subject", "Alex Kim"]).to_string();
    env.ok(&["ident", "add", &id, "email", "kc.dev@example.com", "--subject", "1"]);
    env.ok(&["ident", "add", &other, "email", "kc.dev@example.com"]);
    env.ok(&["ident", "add", &id, "phone", "+1 202 555 0188", "--subject", &reference]);
    env.ok(&["ident", "add", &other, "phone", "+1 202 555 0188"]);
    env.ok(&["suggest", "accept", &id, "RF-COM-02"]);
    let note = env.json(&["check", "list", &id, "--json"]);
    assert!(note.to_string().contains("202 555 0188") && note.to_string().contains(&format!("case #{other}")));
    let event = env.json(&["export", "misp", &id, "--redact"]);
    let stix = env.json(&["export", "stix", &id, "--redact"]);
    let report = event["Event"]["EventReport"][0]["content"].as_str().unwrap().to_string();
    let objects = stix["objects"].as_array().unwrap();
    let stix_note = objects.iter().find(|o| o["type"] == "note").unwrap()["content"].as_str().unwrap().to_string();
    for text in [&report, &stix_note] {
        assert!(text.contains("RF-COM-02") && text.contains("(withheld: a reference's value)"), "{text}");
        assert!(text.contains("another case file held by the complainant"), "{text}");
        assert!(!text.contains("202 555 0188") && !text.contains(&format!("#{other}")), "{text}");
        assert!(!text.contains("Risk score"), "{text}");
    }

    // An item resting on nationality alone is no finding to share.
    let context = env.id(&["case", "new", "Context only"]).to_string();
    env.ok(&["check", "set", &context, "RF-ID-07", "flagged", "--note", "Claims to be Japanese"]);
    let event = env.json(&["export", "misp", &context]);
    let report = event["Event"]["EventReport"][0]["content"].as_str().unwrap();
    assert!(!report.contains("RF-ID-07") && !report.contains("Japanese"), "{report}");
    // Said as for a case with nothing flagged, so that what was marked does not show either.
    let none = env.id(&["case", "new", "Nothing flagged"]).to_string();
    let nothing = env.json(&["export", "misp", &none])["Event"]["EventReport"][0]["content"].clone();
    let tail = |text: &str| text.split("## Findings").nth(1).unwrap_or_default().to_string();
    assert_eq!(tail(report), tail(nothing.as_str().unwrap()));
    assert!(report.contains("No finding to share."), "{report}");

    // A reference's value written otherwise than recorded, or as its key, is withheld too; a candidate's
    // value holding it, and a short one, are not touched; with --redact as without.
    let case = env.id(&["case", "new", "Spelled otherwise", "--subject", "Cand One"]).to_string();
    let rita = env.id(&["subject", "add", &case, "Rita Ref", "--role", "reference"]).to_string();
    env.ok(&["ident", "add", &case, "phone", "+1 202 555 0177", "--subject", &rita]);
    env.ok(&["ident", "add", &case, "bank-account", "87654321", "--subject", &rita]);
    let note = "ref +12025550177, (202) 555-0177; acct 8765 4321; cand 1187654321; hired 2026-03-01";
    env.ok(&["check", "set", &case, "RF-COM-02", "flagged", "--note", note]);
    for redact in [false, true] {
        let mut args = vec!["export", "misp", &case];
        if redact {
            args.push("--redact");
        }
        let event = env.json(&args);
        let text = event["Event"]["EventReport"][0]["content"].as_str().unwrap();
        assert_eq!(text.matches("(withheld: a reference's value)").count(), 3, "{text}");
        assert!(!text.contains("0177") && !text.contains("8765 4321") && text.contains("2026-03-01"), "{text}");
        assert!(text.contains(if redact { "cand ****4321" } else { "cand 1187654321" }), "{text}");
    }
}

/// Every export to a file refuses one already there unless `--overwrite` is given, and leaves it as it was.
#[test]
fn an_export_replaces_a_file_only_with_overwrite() {
    let env = Env::new();
    let id = env.id(&["case", "new", "Backend contractor"]).to_string();
    env.ok(&["ident", "add", &id, "email", "jin@example.com"]);
    let taken = env.file("taken.json", b"a draft signed off");
    let path = taken.to_str().unwrap();
    let pass = env.file("pass.txt", b"correct horse battery staple\n");
    let runs: [Vec<&str>; 4] = [
        vec!["export", "misp", &id, "--output", path],
        vec!["export", "stix", &id, "--output", path],
        vec!["list", "export", "bad-email", "--output", path],
        vec!["bundle", "export", &id, "--output", path, "--bundle-passphrase-file", pass.to_str().unwrap()],
    ];
    for args in &runs {
        env.refused(args, "taken.json: is already there; nothing was written. Give another name, or --overwrite");
        assert_eq!(std::fs::read(&taken).unwrap(), b"a draft signed off", "{args:?}");
    }
    // Into a folder that is not there: the file asked for is named, with why, never a temporary one.
    let nowhere = env.dir.path().join("no-such-folder").join("taken.json");
    let nowhere = nowhere.to_str().unwrap();
    for args in &runs {
        let args: Vec<&str> = args.iter().map(|a| if *a == path { nowhere } else { a }).collect();
        env.refused(&args, &format!("{nowhere}: cannot be written: there is no folder"));
    }
    for mut args in runs {
        args.push("--overwrite");
        env.ok(&args);
        assert_ne!(std::fs::read(&taken).unwrap(), b"a draft signed off", "{args:?}");
        std::fs::write(&taken, b"a draft signed off").unwrap();
    }
}

/// MISP keeps one attribute per type, category and value in an event, refusing the others ("A similar
/// attribute already exists for this event", its Attribute model's `valueIsUnique`): a value several
/// records hold is one attribute naming them all. Its `bank-account-nr` is the account number alone.
#[test]
fn a_value_held_by_several_records_is_one_misp_attribute_naming_each() {
    let env = Env::new();
    let id = env.id(&["case", "new", "Laptop farm", "--subject", "Ann Lee"]).to_string();
    let bo = env.id(&["subject", "add", &id, "Bo Kim"]).to_string();
    let cy = env.id(&["subject", "add", &id, "Cy Oh", "--role", "reference"]).to_string();
    for (subject, account) in
        [("1", "Routing: 076401251, Account: 99887766"), (&bo, "076401251/99887766"), (&cy, "076401251 99887766")]
    {
        env.ok(&["ident", "add", &id, "bank-account", account, "--subject", subject]);
    }
    env.ok(&["ident", "add", &id, "bank-account", "12345678", "--subject", &bo, "--note", "payroll"]);
    env.ok(&["case", "answer", &id, "include-references", "yes"]);
    env.ok(&["case", "status", &id, "closed", "--disposition", "confirmed"]);
    let event = env.json(&["export", "misp", &id]);
    let attrs = event["Event"]["Attribute"].as_array().unwrap();
    let mut keys: Vec<(String, String, String)> = attributes(&event);
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), attrs.len(), "no two attributes of one type, category and value: {attrs:?}");
    let shared: Vec<&Value> = attrs.iter().filter(|a| a["value"] == "99887766").collect();
    assert_eq!(shared.len(), 1, "{attrs:?}");
    assert_eq!(shared[0]["type"], "bank-account-nr");
    let comment = shared[0]["comment"].as_str().unwrap();
    for said in ["recorded 3 times in the case", "Ann Lee", "Bo Kim", "Cy Oh", "routing number 076401251"] {
        assert!(comment.contains(said), "{said}: {comment}");
    }
    assert_eq!(shared[0]["to_ids"], true, "a candidate holds it, whoever else does");
    let alone = attrs.iter().find(|a| a["value"] == "12345678").unwrap();
    assert_eq!(alone["comment"], "vetdesk bank-account; subject: Bo Kim; payroll");
    assert!(!attrs.iter().any(|a| a["value"].as_str().unwrap().contains(':')), "{attrs:?}");
    // Redacted, an account and a wallet ending alike read the same: one attribute naming both kinds.
    env.ok(&[
        "ident",
        "add",
        &id,
        "crypto-wallet",
        "1BvBMSEYstWetqTFn5Au4m4GF7766",
        "--subject",
        &bo,
        "--keep-invalid",
    ]);
    let event = env.json(&["export", "misp", &id, "--redact"]);
    let masked: Vec<&Value> =
        event["Event"]["Attribute"].as_array().unwrap().iter().filter(|a| a["value"] == "****7766").collect();
    assert_eq!(masked.len(), 1, "{masked:?}");
    let comment = masked[0]["comment"].as_str().unwrap();
    assert!(comment.starts_with("vetdesk bank-account / crypto-wallet; recorded 4 times"), "{comment}");
}
