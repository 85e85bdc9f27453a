//! `vetdesk bundle import`: a case handed from one workspace (one machine, one key) to another arrives
//! whole, with its provenance and the origin's audit rows; a later bundle of it updates an unchanged
//! copy or lands beside a changed one; a bundle that does not check out, or comes from a key not trusted,
//! brings in nothing.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::import_kit::{age_key, export, import, sample, signer};
use common::{Env, fingerprint};

/// A summary with what differs between two workspaces by design taken out: ids (`#12`), the lines on the
/// audit chain's own rows and the record check, when the summary was generated, and where the evidence
/// file lies.
fn comparable(report: &str) -> Vec<String> {
    report
        .lines()
        .filter(|l| !l.contains("**Record**") && !l.contains("Audit chain head") && !l.contains("**Generated**"))
        // Who opened the case file, and its hand-over (asserted on their own), and so the description's length.
        .filter(|l| {
            !l.contains("opened a case file on the matter")
                && !l.contains("was opened in another workspace and later handed over to the complainant")
                && !l.contains("received the case file in a hand-over")
                && !l.starts_with("**Description** (3,500;")
        })
        .map(|l| {
            // The receiver's annexes say which texts came with the case (asserted on their own).
            // Who recorded the observations: the sender says it did; the receiver says the case file holds them.
            let l = without_ids(l)
                .replace("The case file records observations", "The reporting organization recorded its observations")
                .replace(" (written in another workspace before this case was handed over, with that workspace's case numbers)", "")
                .replace("; written in another workspace before this case was handed over, with that workspace's case numbers", "");
            // The evidence manifest's path column: the file lies where the receiver put it; and its last
            // check is the one made where the summary is drawn.
            match l.strip_prefix("| #N | ").and_then(|rest| rest.split_once(" | ")) {
                Some((_, rest)) if l.contains("interview") => {
                    let rest = match rest.find("intact, ") {
                        Some(at) => format!("{}intact, WHEN{}", &rest[..at], &rest[at + 28..]),
                        None => rest.to_string(),
                    };
                    format!("| #N | PATH | {rest}")
                }
                _ => l,
            }
        })
        .collect()
}

/// `#` followed by digits becomes `#N`, and so does the record id in a command the summary suggests
/// (`payment edit 2`): each workspace numbers its records.
fn without_ids(line: &str) -> String {
    let line = line.replace("payment edit ", "payment edit #");
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '#' && chars.peek().is_some_and(char::is_ascii_digit) {
            while chars.peek().is_some_and(char::is_ascii_digit) {
                chars.next();
            }
            out.push('N');
        }
    }
    out
}

/// The two summaries agree line by line; a failure shows the first line that differs.
fn same_summary(sent: &str, received: &str) {
    let (a, b) = (comparable(sent), comparable(received));
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        assert_eq!(x, y, "line {} of the summary differs", i + 1);
    }
    assert_eq!(a.len(), b.len(), "the summaries have as many lines");
}

#[test]
fn a_case_arrives_whole_with_its_provenance_and_history() {
    let (alice, bob) = (Env::new(), Env::new());
    let (key, recipient) = age_key(&bob);
    let case = sample(&alice);
    let bundle = export(&alice, &case, &recipient, "handover.vdb");
    let fp = signer(&alice);

    // Not trusted yet: one line naming the key, nothing imported.
    let id = key.to_str().unwrap();
    let b = bundle.to_str().unwrap();
    bob.ok(&["init"]);
    let unmade = bob.dir.path().join("x");
    bob.refused(&["bundle", "import", b, "--identity", id, "--evidence-dir", unmade.to_str().unwrap()], &fp);
    assert!(!unmade.exists(), "a refused import makes no evidence folder");
    bob.refused(&["bundle", "import", b, "--identity", id, "--trust", "SHA256:AAAA"], "is not the key that signed");
    bob.refused(&["bundle", "import", b, "--identity", id, "--trust", &fp], "--evidence-dir");

    let done = import(&bob, &bundle, &key, &["--trust", &fp]);
    let local = done["cases"][0]["case_id"].as_i64().unwrap().to_string();
    assert_eq!(done["cases"][0]["as"], "new");
    assert_eq!(done["signer"], fp.as_str());

    // The summary is the sender's, apart from ids and provenance.
    let sent = alice.ok(&["report", &case]);
    let received = bob.ok(&["report", &local]);
    assert!(received.contains("audit chain verified"), "the record holds: {}", &received[..400]);
    same_summary(&sent, &received);

    // Provenance in the case and the audit trail; the origin's rows kept as they were signed.
    let shown = bob.json(&["case", "show", &local, "--json"]);
    assert_eq!(shown["origin"]["origin_case"].as_i64().unwrap().to_string(), case);
    assert_eq!(shown["origin"]["signer"], fp.as_str());
    let text = bob.ok(&["case", "show", &local]);
    assert!(text.contains(&format!("came in a bundle: case #{case} of workspace")), "{text}");
    assert!(text.contains(&format!("audit log --case {local} --imported")), "{text}");
    // The case's trail: the check of its files made here on arrival, its own row, then the row of no case
    // for the bundle as a whole, which names it.
    let log = &bob.json(&["audit", "log", "--case", &local, "--json"])["rows"];
    let actions: Vec<&str> = (0..3).map(|i| log[i]["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["evidence.verify", "bundle.received", "bundle.import"]);
    assert!(log[0]["details"]["on_import"].is_string(), "{}", log[0]);
    assert_eq!(log[2]["details"]["origin_case"].as_i64().unwrap().to_string(), case);
    let history = &bob.json(&["audit", "log", "--case", &local, "--imported", "--json"])["rows"];
    let origin_rows = &alice.json(&["audit", "log", "--case", &case, "--json", "--limit", "1000"])["rows"];
    assert_eq!(history.as_array().unwrap().len(), origin_rows.as_array().unwrap().len());
    assert_eq!(history.as_array().unwrap().last().unwrap()["hash"], origin_rows[0]["hash"]);

    // The evidence file is in the named folder, private, and checks out where the record points.
    let placed: Vec<_> =
        std::fs::read_dir(bob.dir.path().join("received")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(placed.len(), 1, "{placed:?}");
    assert_eq!(std::fs::read(&placed[0]).unwrap(), b"notes of the interview\n");
    assert_eq!(std::fs::metadata(&placed[0]).unwrap().permissions().mode() & 0o777, 0o600);
    let checked = bob.ok(&["evidence", "verify", &local]);
    assert!(checked.contains("intact"), "{checked}");
    let verified = bob.ok(&["audit", "verify"]);
    assert!(verified.contains("audit chain verified") && !verified.contains("changed"), "{verified}");
    assert!(!bob.ok(&["audit", "log", "--case", &local, "--imported"]).contains("WARNING"));
    // The imported history is sealed with the case: edited with SQLite, it is shown under a warning.
    rusqlite::Connection::open(&bob.db)
        .unwrap()
        .execute(
            "UPDATE imported_audit SET actor = 'eve' WHERE origin_id = (SELECT min(origin_id) FROM imported_audit)",
            [],
        )
        .unwrap();
    let shown = bob.ok(&["audit", "log", "--case", &local, "--imported"]);
    assert!(
        shown.starts_with(&format!("WARNING: these records may not be as recorded: case #{local} was changed")),
        "{shown}"
    );

    // Twice: refused, nothing changes.
    let received = bob.dir.path().join("received");
    bob.refused(
        &["bundle", "import", b, "--identity", id, "--evidence-dir", received.to_str().unwrap()],
        "already imported",
    );
    assert_eq!(std::fs::read_dir(&received).unwrap().count(), 1, "the folder it had is left as it was");
    // The identifiers link like any typed here.
    let other = bob.id(&["case", "new", "Second applicant"]).to_string();
    bob.ok(&["ident", "add", &other, "phone", "(202) 555-0143"]);
    let links = bob.ok(&["links", &other]);
    assert!(links.contains(&format!("#{local}")), "{links}");
}

#[test]
fn a_later_bundle_updates_an_unchanged_copy_in_place() {
    let (alice, bob) = (Env::new(), Env::new());
    let (key, recipient) = age_key(&bob);
    let case = sample(&alice);
    let fp = signer(&alice);
    let first = export(&alice, &case, &recipient, "first.vdb");
    let local = import(&bob, &first, &key, &["--trust", &fp])["cases"][0]["case_id"].as_i64().unwrap().to_string();

    alice.ok(&["ident", "add", &case, "bank-account", "0001 2345 6789"]);
    alice.ok(&["note", "void", "1", "--reason", "Written in the wrong case"]);
    alice.ok(&["check", "set", &case, "RF-ID-04", "clear", "--note", "Explained at the second interview"]);
    let second = export(&alice, &case, &recipient, "second.vdb");
    // The key is remembered: no --trust the second time.
    let done = import(&bob, &second, &key, &[]);
    assert_eq!(done["cases"][0]["as"], "update", "{done}");
    assert_eq!(done["cases"][0]["case_id"].as_i64().unwrap().to_string(), local);
    assert_eq!(bob.json(&["case", "list", "--json"])["cases"].as_array().map(Vec::len), Some(1));
    same_summary(&alice.ok(&["report", &case]), &bob.ok(&["report", &local]));
    // Opened where it came from, received here: the summary does not say the receiver opened it.
    let received = bob.ok(&["report", &local]);
    assert!(received.contains(
        "A case file on the matter was opened in another workspace and later handed over to the complainant."
    ));
    assert!(received.contains("received the case file in a hand-over."), "{received}");
    assert!(!received.contains("opened a case file on the matter"), "{received}");
    let verified = bob.ok(&["audit", "verify"]);
    assert!(!verified.contains("changed"), "{verified}");
    let log = &bob.json(&["audit", "log", "--case", &local, "--json"])["rows"];
    let actions: Vec<&str> = (0..3).map(|i| log[i]["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["evidence.verify", "bundle.received", "bundle.update"], "checked again on arrival");
}

/// A file placed by an earlier bundle and changed here since is not passed over: the later bundle's copy
/// goes beside it, the record points to that copy, and the import says what it found at the old path.
#[test]
fn a_placed_file_changed_here_is_named_when_a_later_bundle_places_it_again() {
    let (alice, bob) = (Env::new(), Env::new());
    let (key, recipient) = age_key(&bob);
    let case = sample(&alice);
    let fp = signer(&alice);
    let first = export(&alice, &case, &recipient, "first.vdb");
    let done = import(&bob, &first, &key, &["--trust", &fp]);
    let local = done["cases"][0]["case_id"].as_i64().unwrap().to_string();
    let placed = bob.dir.path().join("received").join("1-interview_notes.txt");
    assert_eq!(done["evidence"]["cases/1/evidence/1-interview_notes.txt"].as_str(), placed.to_str(), "{done}");
    std::fs::write(&placed, b"notes of the interview, edited here\n").unwrap();

    alice.ok(&["note", "add", &case, "A second look."]);
    let second = export(&alice, &case, &recipient, "second.vdb");
    let done = import(&bob, &second, &key, &[]);
    assert_eq!(done["cases"][0]["as"], "update", "{done}");
    let moved = &done["cases"][0]["repointed"][0];
    assert_eq!(moved["found"], "changed", "{done}");
    assert_eq!(moved["from"].as_str(), placed.to_str(), "{done}");
    let to = moved["to"].as_str().unwrap();
    assert!(to.ends_with("/2-1-interview_notes.txt"), "{done}");
    // The edited file is left as it is; the record points to the bundle's copy, which is intact.
    assert_eq!(std::fs::read(&placed).unwrap(), b"notes of the interview, edited here\n");
    assert_eq!(std::fs::read(to).unwrap(), b"notes of the interview\n");
    let listed = bob.json(&["evidence", "list", &local, "--json"]);
    assert_eq!(listed[0]["path"].as_str(), Some(to), "{listed}");
    // The case's trail says it too.
    let log = bob.json(&["audit", "log", "--case", &local, "--json"]);
    let update = log["rows"].as_array().unwrap().iter().find(|r| r["action"] == "bundle.update").unwrap();
    assert!(update.to_string().contains("evidence_repointed"), "{update}");

    // Said in words, and not when the file is found as placed.
    std::fs::write(to, b"edited again\n").unwrap();
    alice.ok(&["note", "add", &case, "A third look."]);
    let third = export(&alice, &case, &recipient, "third.vdb");
    let received = bob.dir.path().join("received");
    let args = ["bundle", "import", third.to_str().unwrap(), "--identity", key.to_str().unwrap(), "--evidence-dir"];
    let said = bob.ok(&[&args[..], &[received.to_str().unwrap()]].concat());
    assert!(
        said.contains(&format!(
            "the file its record pointed to, {to}, had changed since it was attached, and is left as it is; the \
             record now points to the bundle's copy, {}",
            received.join("3-1-interview_notes.txt").display()
        )),
        "{said}"
    );
    alice.ok(&["note", "add", &case, "A fourth look."]);
    let fourth = export(&alice, &case, &recipient, "fourth.vdb");
    let done = import(&bob, &fourth, &key, &[]);
    assert_eq!(done["cases"][0]["repointed"], serde_json::json!([]), "{done}");

    // A file gone here is put back where the record points, and the import says it was not there.
    let now = received.join("3-1-interview_notes.txt");
    std::fs::remove_file(&now).unwrap();
    alice.ok(&["note", "add", &case, "A fifth look."]);
    let fifth = export(&alice, &case, &recipient, "fifth.vdb");
    let args = ["bundle", "import", fifth.to_str().unwrap(), "--identity", key.to_str().unwrap(), "--evidence-dir"];
    let said = bob.ok(&[&args[..], &[received.to_str().unwrap()]].concat());
    assert!(
        said.contains(&format!(
            "the file its record points to, {}, was not there; the bundle's copy is placed there",
            now.display()
        )),
        "{said}"
    );
    assert_eq!(std::fs::read(&now).unwrap(), b"notes of the interview\n");
}

#[test]
fn a_later_bundle_of_a_copy_changed_here_lands_beside_it() {
    let (alice, bob) = (Env::new(), Env::new());
    let (key, recipient) = age_key(&bob);
    let case = sample(&alice);
    let fp = signer(&alice);
    let first = export(&alice, &case, &recipient, "first.vdb");
    let local = import(&bob, &first, &key, &["--trust", &fp])["cases"][0]["case_id"].as_i64().unwrap().to_string();
    bob.ok(&["note", "add", &local, "Called the reference on the receiving side."]);

    alice.ok(&["note", "add", &case, "Second interview held."]);
    let second = export(&alice, &case, &recipient, "second.vdb");
    let done = import(&bob, &second, &key, &[]);
    let landed = &done["cases"][0];
    assert_eq!(landed["as"], "copy", "{done}");
    assert_eq!(landed["beside"].as_i64().unwrap().to_string(), local);
    assert!(landed["why"].as_str().unwrap().contains("was changed here"), "{done}");
    assert_ne!(landed["case_id"].as_i64().unwrap().to_string(), local);
    // The local note stays in the first copy; the second copy is the sender's case as it is now.
    let notes = bob.ok(&["note", "list", &local]);
    assert!(notes.contains("receiving side") && !notes.contains("Second interview"), "{notes}");
    let copy = landed["case_id"].as_i64().unwrap().to_string();
    // The two copies hold the same values because they are one case: neither links to the other.
    let links = bob.json(&["links", &copy, "--json"]);
    assert_eq!(links["copies"], serde_json::json!([local.parse::<i64>().unwrap()]), "{links}");
    assert_eq!(links["links"], serde_json::json!([]), "{links}");
    assert!(bob.ok(&["links", "--all"]).contains("no cases"), "{}", bob.ok(&["links", "--all"]));
    // Set aside, the first copy no longer links to the second, whose summary is then the sender's.
    bob.ok(&["case", "archive", &local, "--reason", "superseded by the sender's later copy"]);
    same_summary(&alice.ok(&["report", &case]), &bob.ok(&["report", &copy]));
}

#[test]
fn a_bundle_that_does_not_check_out_brings_in_nothing() {
    let (alice, bob) = (Env::new(), Env::new());
    let (key, recipient) = age_key(&bob);
    let case = sample(&alice);
    let fp = signer(&alice);
    let bundle = export(&alice, &case, &recipient, "handover.vdb");
    bob.ok(&["init"]);
    let id = key.to_str().unwrap();

    // Truncated: the age stream's authentication fails.
    let bytes = std::fs::read(&bundle).unwrap();
    let cut = bob.file("cut.vdb", &bytes[..bytes.len() - 300]);
    let unmade = bob.dir.path().join("in");
    let into = unmade.to_str().unwrap();
    bob.refused(
        &["bundle", "import", cut.to_str().unwrap(), "--identity", id, "--trust", &fp, "--evidence-dir", into],
        "cut.vdb",
    );
    assert!(!unmade.exists(), "a refused import makes no evidence folder");
    // Another receiver's key.
    let stranger = Env::new();
    let (other_key, _) = age_key(&stranger);
    let other = other_key.to_str().unwrap();
    bob.refused(
        &["bundle", "import", bundle.to_str().unwrap(), "--identity", other, "--trust", &fp, "--evidence-dir", into],
        "handover.vdb",
    );
    assert!(!unmade.exists(), "a refused import makes no evidence folder");
    // A redacted bundle holds summaries only.
    let redacted = alice.dir.path().join("redacted.vdb");
    alice.ok(&[
        "bundle",
        "export",
        &case,
        "--redact",
        "--recipient",
        &recipient,
        "--output",
        redacted.to_str().unwrap(),
    ]);
    bob.refused(&["bundle", "import", redacted.to_str().unwrap(), "--identity", id, "--trust", &fp], "redacted");
    let received = bob.dir.path().join("in");
    let left: Vec<_> = std::fs::read_dir(&received).map(|d| d.collect()).unwrap_or_else(|_| Vec::new());
    assert!(left.is_empty(), "no evidence left behind: {left:?}");
    let before = fingerprint(&bob.db);
    assert_eq!(before, fingerprint(&bob.db));
}

/// A key added behind vetdesk's back to the workspace's list of the keys that signed its rows is not taken
/// for one trusted: that list is not sealed. Only `--trust` (or this machine's own key) makes a signer
/// trusted.
#[test]
fn a_key_planted_among_the_workspaces_signers_is_not_trusted() {
    let (alice, bob) = (Env::new(), Env::new());
    let (key, recipient) = age_key(&bob);
    let case = sample(&alice);
    let bundle = export(&alice, &case, &recipient, "planted.vdb");
    bob.ok(&["case", "new", "Real case"]);
    let public = std::fs::read_to_string(alice.keys().join("audit_ed25519.pub")).unwrap();
    rusqlite::Connection::open(&bob.db)
        .unwrap()
        .execute(
            "INSERT INTO signer (fingerprint, public_key, first_used) VALUES (?1, ?2, '2026-01-01T00:00:00Z')",
            [signer(&alice), public.trim().to_string()],
        )
        .unwrap();
    let into = bob.dir.path().join("received");
    bob.refused(
        &[
            "bundle",
            "import",
            bundle.to_str().unwrap(),
            "--identity",
            key.to_str().unwrap(),
            "--evidence-dir",
            into.to_str().unwrap(),
        ],
        "a key this workspace has not trusted before",
    );
}

/// A bundle made without the evidence files: each record new here names the sender's path, and its file is
/// checked there at once, on the receiving machine, so that the summary does not say the receiver holds a
/// file it was never given, nor show the sender's last check as one made here.
#[test]
fn evidence_that_came_without_its_file_is_checked_where_it_points_on_arrival() {
    let alice = Env::new();
    let c = sample(&alice);
    let (key, recipient) = age_key(&alice);
    let out = alice.dir.path().join("no-files.vdb");
    alice.ok(&["bundle", "export", &c, "--recipient", &recipient, "--output", out.to_str().unwrap()]);
    let fp = signer(&alice);
    // The file is not where the record says on the receiving side.
    std::fs::rename(alice.dir.path().join("interview notes.txt"), alice.dir.path().join("moved.txt")).unwrap();
    let bob = Env::new();
    bob.ok(&["org", "set", "--name", "Counsel LLP"]);
    let args = ["bundle", "import", out.to_str().unwrap(), "--identity", key.to_str().unwrap(), "--trust", &fp];
    let said = bob.ok(&args);
    assert!(said.contains("1 evidence file checked where its record points on this machine: 1 not there"), "{said}");
    let report = bob.ok(&["report", "1"]);
    assert!(!report.contains("the original is kept and available on request"), "{report}");
    // The sender recorded the observations and the evidence, not the receiver.
    assert!(report.contains("The case file records observations against a checklist"), "{report}");
    assert!(report.contains("The case file records 1 evidence file"), "{report}");
    assert!(!report.contains("Counsel LLP recorded"), "{report}");
    assert!(
        report.contains("At the last verification it differed from the recorded hash or could not be found"),
        "{report}"
    );
    let log = bob.json(&["audit", "log", "--case", "1", "--json"]);
    assert!(log.to_string().contains("evidence.verify"), "the check is on the case's trail: {log}");

    // A later bundle, still without files, with a new record (and the first voided): the new one is checked
    // here too, and the copy, changed here by nothing but that check, is updated in place.
    let second = alice.file(
        "second.txt",
        b"second file
",
    );
    alice.ok(&["evidence", "add", &c, second.to_str().unwrap(), "--description", "second"]);
    alice.ok(&["evidence", "void", "1", "--reason", "wrong file"]);
    std::fs::rename(&second, alice.dir.path().join("second-moved.txt")).unwrap();
    let out = alice.dir.path().join("later.vdb");
    alice.ok(&["bundle", "export", &c, "--recipient", &recipient, "--output", out.to_str().unwrap()]);
    let said = bob.ok(&["bundle", "import", out.to_str().unwrap(), "--identity", key.to_str().unwrap()]);
    assert!(said.contains("1 evidence file checked where its record points on this machine: 1 not there"), "{said}");
    let listed = bob.json(&["evidence", "list", "1", "--json"]);
    let new = listed.as_array().unwrap().iter().find(|e| e["description"] == "second").unwrap();
    assert_eq!(new["last_check"], "missing", "checked here, not the sender's check: {new}");
    assert_eq!(bob.json(&["case", "list", "--json"])["cases"].as_array().map(Vec::len), Some(1), "updated in place");

    // A check of its files made here changes none of the records a bundle carries: the next bundle still
    // updates the copy in place, and counts as updated only what the sender changed (nothing but a note
    // added), not what the checks made here wrote. A file there, but not the one attached, is said to be.
    bob.cmd().args(["evidence", "verify", "1"]).output().unwrap();
    alice.ok(&["note", "add", &c, "A third look."]);
    let out = alice.dir.path().join("third.vdb");
    alice.ok(&["bundle", "export", &c, "--recipient", &recipient, "--output", out.to_str().unwrap()]);
    std::fs::write(&second, b"another file under the same name\n").unwrap();
    let import = ["bundle", "import", out.to_str().unwrap(), "--identity", key.to_str().unwrap()];
    let said = bob.ok(&import);
    assert!(said.contains("an update: 1 record added, 0 updated"), "{said}");
    assert!(
        said.contains("1 evidence file checked where its record points on this machine: 1 changed since attached"),
        "{said}"
    );
    // The same state sent again changes nothing.
    let out = alice.dir.path().join("fourth.vdb");
    alice.ok(&["bundle", "export", &c, "--recipient", &recipient, "--output", out.to_str().unwrap()]);
    let said = bob.ok(&["bundle", "import", out.to_str().unwrap(), "--identity", key.to_str().unwrap()]);
    assert!(said.contains("an update: no record differs from the copy here"), "{said}");
}

/// A note written before the hand-over numbers cases as the sending workspace does: the receiver's summary
/// puts its "case #2" in words as a case file of that workspace, never as one the receiver holds (its own
/// case #2 is another matter, or none at all).
#[test]
fn case_numbers_in_texts_from_the_sender_are_the_senders() {
    let (alice, bob) = (Env::new(), Env::new());
    let (key, recipient) = age_key(&bob);
    let a = alice.id(&["case", "new", "Candidate A", "--subject", "Jordan Lee"]).to_string();
    let b = alice.id(&["case", "new", "Candidate B", "--subject", "Sam Poe"]).to_string();
    alice.ok(&["ident", "add", &a, "phone", "+1 202 555 0143"]);
    alice.ok(&["ident", "add", &b, "phone", "+1 202-555-0143"]);
    alice.ok(&["suggest", "accept", &a, "RF-COM-02"]);
    alice.ok(&["case", "answer", &a, "harm", "Same loss pattern as case #2"]);
    alice.ok(&["case", "edit", &a, "--other-reports", "FBI field office, as for case #2"]);
    alice.ok(&["note", "add", &a, "Same laptop address as case #2."]);
    let bundle = export(&alice, &a, &recipient, "a.vdb");
    for title in ["Payroll audit", "Laptop inventory"] {
        bob.ok(&["case", "new", title]);
    }
    let done = import(&bob, &bundle, &key, &["--trust", &signer(&alice)]);
    let local = done["cases"][0]["case_id"].as_i64().unwrap().to_string();
    let report = bob.ok(&["report", &local]);
    let line = report.lines().find(|l| l.contains("[RF-COM-02]")).expect("the item in the chronology");
    assert!(
        line.contains("Found in the records of another workspace: phone +1 202 555 0143 also in another case file held in another workspace"),
        "{line}"
    );
    assert!(!line.contains("held by the complainant") && !line.contains("this case file"), "{line}");
    let sender = "another case file held in another workspace";
    assert!(
        report.contains(&format!("Impact described by the complainant: Same loss pattern as {sender}.")),
        "{report}"
    );
    assert!(report.contains(&format!("FBI field office, as for {sender}")), "the form's own field too: {report}");
    // The annexes give the sender's texts as written, and say whose case numbers they use.
    let from = "written in another workspace before this case was handed over, with that workspace's case numbers";
    let heading = report.lines().find(|l| l.starts_with("### Note #1")).expect("the note's heading");
    assert!(heading.ends_with(&format!("; {from}")), "{heading}");
    let item = report.lines().find(|l| l.starts_with("| RF-COM-02 ")).expect("the item's row");
    assert!(item.contains(&format!("({from})")), "{item}");
    bob.ok(&["note", "add", &local, "Compared with case #1 here."]);
    let report = bob.ok(&["report", &local]);
    let heading = report.lines().find(|l| l.starts_with("### Note #2")).expect("the note written here");
    assert!(!heading.contains(from), "{heading}");
    // A note written here after the hand-over numbers cases as this workspace does, and so does one of
    // the sender's written again here.
    bob.ok(&["check", "set", &local, "RF-INT-01", "flagged", "--note", "same camera excuse as case #1"]);
    bob.ok(&["check", "set", &local, "RF-COM-02", "flagged", "--note", "checked here: also case #2"]);
    let report = bob.ok(&["report", &local]);
    let line = report.lines().find(|l| l.contains("[RF-INT-01]")).expect("the item in the chronology");
    assert!(line.contains("same camera excuse as another case file held by the complainant"), "{line}");
    let line = report.lines().find(|l| l.contains("[RF-COM-02]")).expect("the item in the chronology");
    assert!(line.contains("checked here: also another case file held by the complainant"), "{line}");
}

/// A symbolic link where an evidence file is to be placed, pointing nowhere or somewhere, takes the name
/// as a file there would: the file goes beside it, and the link is left as it was.
#[test]
fn a_link_where_evidence_is_to_be_placed_is_stepped_around() {
    let (alice, bob) = (Env::new(), Env::new());
    let (key, recipient) = age_key(&bob);
    let case = sample(&alice);
    let bundle = export(&alice, &case, &recipient, "handover.vdb");
    let received = bob.dir.path().join("received");
    std::fs::create_dir(&received).unwrap();
    // Where the file would go: its evidence number and file name (bundle::write::evidence_name).
    let file_name = "1-interview_notes.txt";
    for target in [bob.dir.path().join("nowhere"), bob.file("other.txt", b"someone else's\n")] {
        let _ = std::fs::remove_file(received.join(file_name));
        std::os::unix::fs::symlink(&target, received.join(file_name)).unwrap();
        let fresh = Env::new();
        let done = fresh.json(&[
            "bundle",
            "import",
            bundle.to_str().unwrap(),
            "--identity",
            key.to_str().unwrap(),
            "--evidence-dir",
            received.to_str().unwrap(),
            "--trust",
            &signer(&alice),
            "--json",
        ]);
        assert_eq!(done["cases"][0]["as"], "new", "{done}");
        let link = std::fs::symlink_metadata(received.join(file_name)).unwrap();
        assert!(link.file_type().is_symlink(), "the link is left as it was");
        let placed: Vec<_> = std::fs::read_dir(&received)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| !std::fs::symlink_metadata(p).unwrap().file_type().is_symlink())
            .collect();
        assert!(placed.iter().any(|p| std::fs::read(p).unwrap() == b"notes of the interview\n"), "{placed:?}");
        for p in placed {
            std::fs::remove_file(p).unwrap();
        }
    }
}
