//! `vetdesk roster`: importing workforce exports in every format and encoding, refusing bad input whole,
//! each hit kind on planted data and none on clean data, dismissing, opening a case, purging.

mod common;

use common::Env;
use common::roster_kit::{CLEAN, HEADER, hits, kinds, open_first_hit, people, roster, write};

#[test]
fn every_format_and_encoding_imports_the_same_people() {
    let env = Env::new();
    // UTF-8 with a byte-order mark, commas, CRLF line ends, a quoted address over two lines.
    let bom = "\u{feff}Employee ID,Full Name,Home Address\r\nE1,Ann Lee,\"1 Main St\r\nSpringfield IL\"\r\nE2,\"Kim, Bo\",2 Oak Ave\r\n";
    let path = write(&env, "bom.csv", bom.as_bytes());
    let out = env.ok(&["roster", "import", path.to_str().unwrap(), "--source", "hr", "--as-of", "2026-01-01"]);
    assert!(out.contains("imported 2 people"), "{out}");
    let ann = env.json(&["roster", "show", "E1", "--json"]);
    assert_eq!(ann["snapshots"][0]["name"], "Ann Lee");
    assert_eq!(ann["snapshots"][0]["values"][0]["raw"], "1 Main St, Springfield IL");
    assert_eq!(env.json(&["roster", "show", "E2", "--json"])["snapshots"][0]["name"], "Kim, Bo");
    // The file gave a name but no position or status: no bare separators stand for them.
    let shown = env.ok(&["roster", "show", "E1"]);
    assert!(shown.contains("(snapshot 1): Ann Lee\n"), "{shown}");

    // Semicolons (a European spreadsheet), and tabs (an HR system's text export).
    let semi = write(&env, "semi.csv", "ID;Name;Email\nS1;Zoë Ñandú;zoe@example.com\n".as_bytes());
    env.ok(&["roster", "import", semi.to_str().unwrap(), "--source", "vendor"]);
    assert_eq!(env.json(&["roster", "show", "S1", "--json"])["snapshots"][0]["values"][0]["raw"], "zoe@example.com");
    let tab = write(&env, "tab.tsv", b"Worker ID\tName\tMobile\nT1\tTim\t+44 20 7946 0018\n");
    env.ok(&["roster", "import", tab.to_str().unwrap(), "--source", "ats"]);
    assert_eq!(env.json(&["roster", "show", "T1", "--json"])["snapshots"][0]["values"][0]["field"], "mobile_phone");

    // Windows-1252: é is 0xE9 and ü 0xFC, which are not UTF-8 on their own.
    let cp = write(&env, "payroll.csv", b"Employee ID,Name\nW1,Jos\xe9 M\xfcller\n");
    env.refused(&["roster", "import", cp.to_str().unwrap()], "line 2, column 2 (Name): byte 0xe9 is not UTF-8");
    env.ok(&["roster", "import", cp.to_str().unwrap(), "--encoding", "windows-1252"]);
    assert_eq!(env.json(&["roster", "show", "W1", "--json"])["snapshots"][0]["name"], "José Müller");
    env.ok(&["audit", "verify"]);
}

#[test]
fn a_dry_run_prints_the_mapping_and_first_rows_and_writes_nothing() {
    let env = Env::new();
    env.ok(&["init"]);
    let path = roster(&env, "r.csv", &CLEAN);
    let before = common::fingerprint(&env.db);
    let out = env.ok(&["roster", "import", &path, "--dry-run", "--map", "Vendor=position"]);
    assert!(out.contains("dry run: nothing was written"), "{out}");
    assert!(out.contains("Vendor            position"), "--map overrides the recognized field: {out}");
    assert!(out.contains("Shipping Address  shipping_address") && out.contains("ann@example.com"), "{out}");
    assert!(out.contains("would import 3 people"), "{out}");
    assert_eq!(before, common::fingerprint(&env.db));
    // Where there is no workspace yet, a dry run makes none, nor the folders it would be in, nor a head
    // record beside the key.
    let heads = || std::fs::read_dir(env.keys().join("heads")).unwrap().count();
    let records = heads();
    let nowhere = env.dir.path().join("new").join("ws.db");
    env.cmd().args(["--db", nowhere.to_str().unwrap(), "roster", "import", &path, "--dry-run"]).assert().success();
    assert!(!env.dir.path().join("new").exists());
    assert_eq!(heads(), records);
}

/// A column vetdesk reads nothing from is named, in a dry run and in an import: one it has no field for,
/// and one whose header names a field another column is already read for.
#[test]
fn columns_left_unread_are_named() {
    let env = Env::new();
    env.ok(&["init"]);
    let path = write(
        &env,
        "extra.csv",
        b"Employee ID,Name,Phone,Notes,Mobile,Cell Phone\nE1,Ann,+1 202 555 0143,late twice,+1 202 555 0144,+1 202 555 0199\n",
    );
    let path = path.to_str().unwrap();
    for args in [vec!["roster", "import", path, "--dry-run"], vec!["roster", "import", path]] {
        let out = env.ok(&args);
        assert!(out.contains("column 4 (Notes) is not read: vetdesk has no field for it"), "{out}");
        assert!(
            out.contains("column 6 (Cell Phone) is not read: mobile_phone is read from column 5 (Mobile)"),
            "{out}"
        );
    }
    let json = env.json(&["roster", "import", path, "--source", "again", "--dry-run", "--json"]);
    assert_eq!(json["unused"][0]["header"], "Notes");
    assert_eq!(json["unused"][1]["also"][0], "mobile_phone");
}

/// A quote closed some rows later cannot be told from a cell of several lines (an address over two lines):
/// both are read, the cells of several lines are named, and the dry run shows the joined rows as a person's
/// name, so that the reader sees the people it took.
#[test]
fn cells_of_several_lines_are_named_and_a_dry_run_shows_what_each_person_was_read_as() {
    let env = Env::new();
    env.ok(&["init"]);
    // Row 2's quote closes in row 3, so Bob is read into Ann's name; row 3's address is over two lines.
    let text = "Employee ID,Full Name,Phone,Home Address\n1,\"Ann Lee,+1 202 555 0143,x\n2,Bob Ray\",+1 202 555 0144,\"12 Oak Rd\nSpringfield IL\"\n3,Cy Dee,+1 202 555 0145,\n";
    let path = write(&env, "joined.csv", text.as_bytes());
    let path = path.to_str().unwrap();
    let out = env.ok(&["roster", "import", path, "--dry-run"]);
    assert!(out.contains("name              Ann Lee,+1 202 555 0143,x, 2,Bob Ray"), "{out}");
    assert!(out.contains("name              Cy Dee"), "{out}");
    assert!(out.contains("would import 2 people"), "{out}");
    let named = "2 cells hold line breaks, read as one cell each (line 2, Full Name (column 2); line 2, Home Address \
                 (column 4)): a quote out of place also joins rows into one cell, so check these against the export";
    assert!(out.contains(named), "{out}");
    let json = env.json(&["roster", "import", path, "--dry-run", "--json"]);
    assert_eq!(json["several_lines"], 2);
    assert_eq!(json["several_lines_at"][1], serde_json::json!({"line": 2, "column": 4, "header": "Home Address"}));
    // The import says the same; a file whose cells hold no line break says nothing of them.
    assert!(env.ok(&["roster", "import", path, "--source", "hr"]).contains(named));
    let clean = roster(&env, "clean.csv", &CLEAN);
    assert!(!env.ok(&["roster", "import", &clean, "--source", "hr"]).contains("line breaks"));
}

#[test]
fn bad_input_names_file_line_and_column_and_imports_nothing() {
    let env = Env::new();
    env.ok(&["init"]);
    let no_id = write(&env, "noid.csv", b"Name,Email\nAnn,ann@example.com\n");
    env.refused(&["roster", "import", no_id.to_str().unwrap()], "noid.csv: line 1: no id column");
    let ragged = roster(&env, "ragged.csv", &[CLEAN[0], "E2,Bo Kim,Acme"]);
    env.refused(&["roster", "import", &ragged], "ragged.csv: line 3: has 3 fields where the header has 9");
    let open = write(&env, "open.csv", b"Employee ID,Full Name,Phone\nQ1,\"unterminated,1\nQ2,Bo,1\n");
    env.refused(&["roster", "import", open.to_str().unwrap()], "line 2: has 2 fields where the header has 3: a quoted field that starts here runs on over a line break (is a closing quote missing?)");
    // Left open in the last column, a quote takes every row after it as that field's text, and the row
    // counts still agree: the end of the file names where it opened.
    let last = write(
        &env,
        "last.csv",
        b"Employee ID,Full Name,Personal Email\n1,Ann,ann@example.com\n2,Bob,\"bob@example.com\n3,Carl,carl@example.com\n",
    );
    env.refused(
        &["roster", "import", last.to_str().unwrap()],
        "last.csv: line 3: a quoted field opens here and is never closed",
    );
    let bad_byte = write(&env, "byte.csv", b"ID,Name\nA1,Ann\nA2,B\xffb\n");
    env.refused(&["roster", "import", bad_byte.to_str().unwrap()], "byte.csv: line 3, column 2 (Name): byte 0xff");
    let ok = roster(&env, "ok.csv", &CLEAN);
    env.refused(
        &["roster", "import", &ok, "--map", "Vendor=colour"],
        "ok.csv: --map \"Vendor=colour\": unknown field \"colour\"",
    );
    env.refused(&["roster", "import", &ok, "--map", "Nope=name"], "no column \"Nope\"");
    // A column or a field given twice: the second would silently undo the first.
    env.refused(
        &["roster", "import", &ok, "--map", "Vendor=id", "--map", "Vendor=name"],
        "--map \"Vendor=id\" and --map \"Vendor=name\" both map column 3",
    );
    env.refused(
        &["roster", "import", &ok, "--map", "1=id", "--map", "Vendor=id"],
        "--map \"1=id\" and --map \"Vendor=id\" both map to id",
    );
    let dup = roster(&env, "dup.csv", &[CLEAN[0], CLEAN[1], CLEAN[0]]);
    env.refused(
        &["roster", "import", &dup],
        "dup.csv: line 4, column 1 (Employee ID): duplicate id \"E1\" (first on line 2)",
    );
    env.refused(&["roster", "import", &dup, "--dry-run"], "duplicate id \"E1\"");
    let no_value = roster(&env, "empty.csv", &[",Ann,,,,,,,"]);
    env.refused(&["roster", "import", &no_value], "line 2, column 1 (Employee ID): has no id");
    let placeholder = roster(&env, "na.csv", &[CLEAN[0], "N/A,Ann,,,,,,,"]);
    env.refused(
        &["roster", "import", &placeholder],
        "line 3, column 1 (Employee ID): has no id (\"N/A\" is what a form writes for none)",
    );
    // A value goes into a case as it is: a terminal control, a bell, or more than a field holds is refused
    // where it stands (a cell of several lines is one value, its lines joined).
    let escape = roster(&env, "escape.csv", &[CLEAN[0], "E2,Mal\u{1b}[2Jory,Acme,,,,,,"]);
    env.refused(
        &["roster", "import", &escape],
        "escape.csv: line 3, column 2 (Full Name): the value is one line of text",
    );
    let long = format!("E2,{},Acme,,,,,,", "L".repeat(1001));
    let long = roster(&env, "long.csv", &[CLEAN[0], &long]);
    env.refused(
        &["roster", "import", &long],
        "long.csv: line 3, column 2 (Full Name): the value takes at most 1000 characters; this one has 1001",
    );
    // A cell or a header of megabytes is refused once its row passes 1 MiB, not read into memory whole
    // first (a quote never closed runs on to the end of the file).
    let huge = format!("E2,\"{}\",Acme,,,,,,", "H".repeat(3 << 20));
    let huge = roster(&env, "huge.csv", &[CLEAN[0], &huge]);
    env.refused(&["roster", "import", &huge], "huge.csv: line 3: a row runs on past 1 MiB");
    // One line that long is said to be one line; a quote left open over many lines is asked about.
    env.refused(&["roster", "import", &huge], "(this one is a single line of the file)");
    let open = format!("E2,\"{}", "Hello world\n".repeat(100_000));
    let open = roster(&env, "open.csv", &[CLEAN[0], &open]);
    env.refused(&["roster", "import", &open], "open.csv: line 3: a row runs on past 1 MiB; a roster's values have at most 1000 characters (is a closing quote missing?)");
    let header = env.file("header.csv", format!("Employee ID,{}\nE1,Ann\n", "N".repeat(3 << 20)).as_bytes());
    env.refused(&["roster", "import", header.to_str().unwrap()], "header.csv: line 1: a row runs on past 1 MiB");
    let header = env.file("name.csv", format!("Employee ID,{}\nE1,Ann\n", "N".repeat(1001)).as_bytes());
    env.refused(
        &["roster", "import", header.to_str().unwrap()],
        "name.csv: line 1: column 2's header has more than 1000 characters",
    );
    let lines = roster(&env, "lines.csv", &["E9,Di Fox,Acme,,,\"4 Pine St\nApt 2\nBoise ID 83702\",,,"]);
    env.ok(&["roster", "import", &lines]);
    assert_eq!(env.json(&["roster", "snapshots", "--json"]).as_array().unwrap().len(), 1, "only lines.csv");
}

#[test]
fn values_failing_their_check_are_kept_and_counted() {
    let env = Env::new();
    let path = roster(&env, "r.csv", &["E1,Ann,Acme,ann@@example,+1 415 555 0101,1 Main St,,123456789,11112222"]);
    let out = env.ok(&["roster", "import", &path]);
    assert!(out.contains("3 values kept with a warning"), "{out}");
    let ann = env.json(&["roster", "show", "E1", "--json"]);
    let values = ann["snapshots"][0]["values"].as_array().unwrap();
    let warned: Vec<&str> =
        values.iter().filter(|v| !v["warning"].is_null()).map(|v| v["field"].as_str().unwrap()).collect();
    assert_eq!(warned, ["account_number", "personal_email", "routing_number"]);
    // One finding, not two: the account fails on the same nine digits as the routing-number column.
    assert_eq!(kinds(&env), ["bad-routing"]);
    let hit = &hits(&env)[0];
    assert_eq!(hit["people"][0]["field"], "routing_number", "{hit}");
    assert_eq!(hit["reason"], "routing number fails the ABA checksum", "{hit}");
}

#[test]
fn clean_data_has_no_hits() {
    let env = Env::new();
    let path = roster(&env, "r.csv", &CLEAN);
    env.ok(&["roster", "import", &path, "--as-of", "2026-01-01"]);
    env.ok(&["roster", "import", &path, "--as-of", "2026-02-01"]);
    let out = env.cmd().args(["roster", "screen"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim(), "no roster hits");
    assert!(out.status.success() && out.stdout.is_empty());
    assert_eq!(people(&env), 6);
}

#[test]
fn shared_values_are_found_across_sources_and_many_workers_at_one_address_is_a_laptop_farm() {
    let env = Env::new();
    let hr = roster(
        &env,
        "hr.csv",
        &[
            "E1,Ann Lee,Acme,ann@example.com,+1 415 555 0101,9 Farm Rd Unit 1 Dover DE 19901,,011000015,99990000",
            "E2,Bo Kim,Acme,bo@example.com,+1 415 555 0101,9 Farm Rd Unit 1 Dover DE 19901,,011000015,99990000",
            "E3,Cy Roe,Beta,cy@example.com,+1 415 555 0103,3 Elm St Austin TX 78701,,026009593,55556666",
        ],
    );
    env.ok(&["roster", "import", &hr, "--source", "hr"]);
    let vendor = write(
        &env,
        "vendor.csv",
        b"Contractor ID,Name,Email,Ship To\nV9,Di Park,ANN@example.com,9 farm road unit 1 dover de 19901\n",
    );
    env.ok(&["roster", "import", vendor.to_str().unwrap(), "--source", "vendor"]);
    let all = hits(&env);
    let shared: Vec<&serde_json::Value> = all.iter().filter(|h| h["kind"] == "shared").collect();
    let reasons: Vec<&str> = shared.iter().map(|h| h["reason"].as_str().unwrap()).collect();
    assert!(reasons.contains(&"2 people share one bank account"), "{reasons:?}");
    assert!(reasons.contains(&"2 people share one phone"), "{reasons:?}");
    assert!(reasons.contains(&"2 people share one email"), "across sources: {reasons:?}");
    assert!(
        reasons.iter().any(|r| r.starts_with("3 people share one address (many workers at one address")),
        "{reasons:?}"
    );
    assert_eq!(all[0]["reason"], "2 people share one bank account", "strongest first");
    assert_eq!(all[0]["supports"][0], "RF-PAY-05");
    let farm = shared.iter().find(|h| h["reason"].as_str().unwrap().starts_with("3 people")).unwrap();
    let who: Vec<&str> = farm["people"].as_array().unwrap().iter().map(|m| m["person"].as_str().unwrap()).collect();
    assert_eq!(who, ["E1", "E2", "V9"]);
    assert_eq!(farm["supports"][0], "RF-LOC-04");
    let only = env.json(&["roster", "screen", "--json", "--kind", "shared"]);
    assert_eq!(only["hits"].as_array().unwrap().len(), shared.len());
}

/// Payroll and HR exports of one system list each worker twice, under the same id and name: their values
/// agree by nature and make no hit, while the same email under another id, or another name, still does.
#[test]
fn a_worker_in_two_exports_under_the_same_id_and_name_is_one_worker() {
    let env = Env::new();
    let payroll = roster(&env, "payroll.csv", &CLEAN);
    env.ok(&["roster", "import", &payroll, "--source", "payroll"]);
    let hr = roster(
        &env,
        "hr.csv",
        &[CLEAN[0], CLEAN[1], &CLEAN[2].replacen("E3,", "E9,", 1), &CLEAN[0].replacen("E1,Ann Lee", "E4,Ann Leigh", 1)],
    );
    env.ok(&["roster", "import", &hr, "--source", "hr"]);
    let who = |h: &serde_json::Value| {
        let mut people: Vec<String> = h["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| format!("{}:{}", m["source"].as_str().unwrap(), m["person"].as_str().unwrap()))
            .collect();
        people.dedup();
        people.join(" ")
    };
    let shared: Vec<String> = hits(&env).iter().filter(|h| h["kind"] == "shared").map(who).collect();
    // E1 and E2 are in both exports, themselves: no hit. E3 in payroll is E9 in HR: not known to be one
    // worker. E4 (another name) in HR has Ann Lee's values.
    assert!(shared.iter().all(|h| !h.contains("E2")), "{shared:?}");
    assert!(shared.iter().any(|h| h.contains("payroll:E3") && h.contains("hr:E9")), "{shared:?}");
    assert!(
        shared.iter().any(|h| h.contains("hr:E1") && h.contains("hr:E4") && h.contains("payroll:E1")),
        "{shared:?}"
    );
}

#[test]
fn case_identifiers_and_reference_lists_are_matched() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Known facilitator"]).to_string();
    env.ok(&["ident", "add", &case, "email", "bo@example.com"]);
    // A payment of the case went to E3's account: an account key of the case's payments matches too.
    let paid = ["payment", "add", &case, "--amount", "900.00", "--method", "wire", "--date", "2026-03-02"];
    env.ok(&[&paid[..], &["--routing", "026009593", "--account", "55556666"]].concat());
    let ff = write(&env, "ff.txt", b"77 Reship Blvd Miami FL 33101\tParcel forwarder\n");
    env.ok(&["list", "import", "freight-forwarder", ff.to_str().unwrap()]);
    let voip = write(&env, "voip.txt", b"+1 415 555 02*\n");
    env.ok(&["list", "import", "voip", voip.to_str().unwrap()]);
    let msb = write(&env, "msb.txt", b"026009593\tFintech MSB\n");
    env.ok(&["list", "import", "msb", msb.to_str().unwrap()]);
    let path = roster(
        &env,
        "r.csv",
        &[
            CLEAN[0],
            "E2,Bo Kim,Acme,bo@example.com,+1 415 555 0102,2 Oak Ave Dayton OH 45402,,021000021,33334444",
            "E3,Cy Roe,Beta,cy@example.com,+1 415 555 0299,3 Elm St Austin TX 78701,77 Reship Blvd Miami FL 33101,026009593,55556666",
        ],
    );
    env.ok(&["roster", "import", &path]);
    let all = hits(&env);
    let case_match = all.iter().find(|h| h["reason"] == format!("email also in case #{case}")).expect("email match");
    assert_eq!(case_match["people"][0]["person"], "E2");
    let account = all.iter().find(|h| h["reason"] == format!("bank account also in case #{case}")).expect("account");
    assert_eq!(account["people"][0]["person"], "E3");
    assert_eq!(all.iter().filter(|h| h["kind"] == "case-match").count(), 2, "{all:#?}");
    let listed: Vec<String> = all
        .iter()
        .filter(|h| h["kind"] == "listed")
        .map(|h| format!("{} {}", h["people"][0]["person"].as_str().unwrap(), h["supports"][0].as_str().unwrap()))
        .collect();
    assert_eq!(listed.len(), 3, "{all:#?}");
    for expected in ["E3 RF-LOC-02", "E3 RF-COM-01", "E3 RF-PAY-04"] {
        assert!(listed.contains(&expected.to_string()), "{expected} in {listed:?}");
    }
    assert!(all.iter().any(|h| h["kind"] == "ship-elsewhere" && h["people"][0]["person"] == "E3"));
    assert_eq!(all[0]["kind"], "case-match", "strongest first");
}

#[test]
fn a_case_opened_from_a_hit_has_the_people_their_identifiers_the_reason_and_the_suggestion() {
    let env = Env::new();
    let (id, case) = open_first_hit(
        &env,
        &[
            "E1,Ann Lee,Acme,ann@example.com,,1 Main St Springfield IL 62701,,011000015,77778888",
            "E2,Bo Kim,Beta,bo@example.com,,2 Oak Ave Dayton OH 45402,,011000015,77778888",
        ],
    );
    let case = case.to_string();
    let shown = env.json(&["case", "show", &case, "--json"]);
    let text = shown.to_string();
    assert!(text.contains("Roster: 2 people share one bank account"), "{text}");
    let subjects = env.ok(&["subject", "list", &case]);
    assert!(subjects.contains("Ann Lee") && subjects.contains("Bo Kim"), "{subjects}");
    let idents = env.ok(&["ident", "list", &case]);
    assert!(idents.contains("011000015:77778888") && idents.contains("bo@example.com"), "{idents}");
    let notes = env.ok(&["note", "list", &case]);
    assert!(notes.contains("2 people share one bank account"), "{notes}");
    // The summary, which reads the note, names no internal number: not the hit's id either.
    let report = env.ok(&["report", &case]);
    assert!(report.contains("Roster screening (") && !report.contains(&id), "{report}");
    let links = env.json(&["links", &case, "--json"]);
    assert_eq!(links["suggestions"][0]["code"], "RF-PAY-05");
    assert_eq!(env.json(&["roster", "show", "E1", "--json"])["cases"][0].to_string(), case);
    // The case's own people do not come back as matches with it; someone else with one of its values does.
    assert!(!kinds(&env).contains(&"case-match".to_string()), "{:?}", kinds(&env));
    // V8 banks where the case's people bank, with an account of their own: the same bank is no match.
    let vendor =
        roster(&env, "v.csv", &["V9,Cy Roe,Gamma,ann@example.com,,,,,", "V8,Di Fox,Gamma,,,,,011000015,12121212"]);
    env.ok(&["roster", "import", &vendor, "--source", "vendor"]);
    let matches: Vec<serde_json::Value> = hits(&env).into_iter().filter(|h| h["kind"] == "case-match").collect();
    assert_eq!(matches.len(), 1, "{matches:?}");
    assert_eq!(matches[0]["people"][0]["person"], "V9");
    assert_eq!(matches[0]["reason"], format!("email also in case #{case}"));
    env.ok(&["audit", "verify"]);
}

#[test]
fn purge_removes_old_rows_not_tied_to_a_case_or_an_open_hit_and_audits_counts_not_values() {
    let env = Env::new();
    let shared = ["E1,Ann,Acme,,,,,011000015,77778888", "E2,Bo,Acme,,,,,011000015,77778888"];
    let old = roster(&env, "old.csv", &[shared[0], shared[1], CLEAN[2]]);
    // Older than the bank-churn window (90 days before the newest) / inside it / the newest.
    for date in ["2025-10-01", "2026-01-01", "2026-02-01"] {
        env.ok(&["roster", "import", &old, "--source", "hr", "--as-of", date]);
    }
    let out = env.ok(&["roster", "purge"]);
    assert_eq!(
        out.trim(),
        "purged 1 person's row (5 values) from 1 snapshot; kept 2 rows tied to a case or an open hit"
    );
    let e3 = env.json(&["roster", "show", "E3", "--json"]);
    assert_eq!(e3["snapshots"].as_array().unwrap().len(), 2, "what bank-churn counts stays");
    assert_eq!(env.json(&["roster", "show", "E1", "--json"])["snapshots"].as_array().unwrap().len(), 3);
    let first = &env.json(&["roster", "snapshots", "--json"])[0];
    assert_eq!((&first["people"], &first["kept"]), (&serde_json::json!(3), &serde_json::json!(2)), "listed, then kept");
    assert!(env.ok(&["roster", "snapshots"]).contains(" 2 (purged) "), "the list says rows were purged");
    // Nothing more to purge: a snapshot that loses no row is not counted as purged.
    assert_eq!(
        env.ok(&["roster", "purge"]).trim(),
        "purged 0 people's rows (0 values) from 0 snapshots; kept 2 rows tied to a case or an open hit"
    );
    let log = &env.json(&["audit", "log", "--json"])["rows"];
    let text = log.to_string();
    assert!(text.contains("roster.purge") && text.contains("\"digest\""), "{text}");
    let purge = log.as_array().unwrap().iter().find(|r| r["action"] == "roster.purge").unwrap().to_string();
    assert!(!purge.contains("026009593") && !purge.contains("Cy Roe"), "no values in the audit row: {purge}");
    // With --before the newest snapshot goes too, except for people in open hits.
    env.ok(&["roster", "purge", "--source", "hr", "--before", "2026-12-31"]);
    assert!(env.cmd().args(["roster", "show", "E3"]).output().unwrap().status.code() == Some(2));
    env.ok(&["audit", "verify"]);
}

#[test]
fn a_roster_value_changed_behind_vetdesks_back_is_found_by_audit_verify() {
    let env = Env::new();
    let path = roster(&env, "a.csv", &CLEAN);
    env.ok(&["roster", "import", &path]);
    assert!(env.json(&["roster", "screen", "--json"])["warning"].is_null());
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute("UPDATE roster_value SET raw = '99999999' WHERE person = 'E2' AND field = 'account_number'", [])
        .unwrap();
    drop(conn);
    let out = env.cmd().args(["audit", "verify"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("roster 1: roster_person E2 changed"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // The screen lists its hits under a warning.
    let screen = env.ok(&["roster", "screen"]);
    assert!(
        screen.starts_with("WARNING: these hits may not be as imported: roster snapshot 1 was changed"),
        "{screen}"
    );
    assert!(env.json(&["roster", "screen", "--json"])["warning"].as_str().unwrap().contains("behind vetdesk's back"));
}

#[test]
fn the_screen_lists_a_page_of_hits_and_says_how_many_more() {
    let env = Env::new();
    let rows = [
        "E1,Ann,Acme,,,,,011000015,11110001",
        "E2,Bo,Acme,,,,,011000015,11110001",
        "E3,Cy,Acme,,,,,011000015,22220002",
        "E4,Di,Acme,,,,,011000015,22220002",
        "E5,Ed,Acme,,,,,011000015,33330003",
        "E6,Fay,Acme,,,,,011000015,33330003",
    ];
    let path = roster(&env, "pairs.csv", &rows);
    env.ok(&["roster", "import", &path, "--source", "hr", "--as-of", "2026-01-01"]);
    let whole = env.json(&["roster", "screen", "--json"]);
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(ids(&whole).len(), 3);
    let first = env.json(&["roster", "screen", "--json", "--limit", "2"]);
    assert_eq!((first["total"].as_u64(), first["more"].as_u64()), (Some(3), Some(1)));
    let rest = env.json(&["roster", "screen", "--json", "--limit", "2", "--offset", "2"]);
    assert_eq!([ids(&first), ids(&rest)].concat(), ids(&whole));
    let out = env.cmd().args(["roster", "screen", "--limit", "1"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim(), "showing 1-1 of 3 hits; 2 more: --offset 1");
    assert_eq!(String::from_utf8_lossy(&out.stdout).matches("supports").count(), 1);
}

/// What a spreadsheet writes for "no value" (`N/A`, `none`, `-`) is left out and counted, never stored as a
/// value that two workers would share.
#[test]
fn placeholders_for_no_value_are_left_out_and_link_nobody() {
    let env = Env::new();
    let path = roster(
        &env,
        "na.csv",
        &["P1,Ann Lee,Acme,N/A,n/a,none,None,021000021,n/a", "P2,Bo Kim,Acme,n/a,N/A,NONE,-,021000021,N/A"],
    );
    let out = env.ok(&["roster", "import", &path]);
    assert!(out.contains("imported 2 people"), "{out}");
    let snapshot = &env.json(&["roster", "snapshots", "--json"])[0];
    assert_eq!(snapshot["warnings"], 0, "{snapshot}");
    let ann = env.json(&["roster", "show", "P1", "--json"]);
    let fields: Vec<&str> =
        ann["snapshots"][0]["values"].as_array().unwrap().iter().map(|v| v["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["routing_number"], "{ann}");
    assert!(kinds(&env).iter().all(|k| k != "shared"), "{:?}", hits(&env));
}

/// An import that would hide what the source's snapshots show is refused whole: a header without rows,
/// the same file again for the same source and day, a date after today.
#[test]
fn an_empty_export_a_file_imported_already_and_a_future_date_are_refused() {
    let env = Env::new();
    let first = roster(&env, "jan.csv", &CLEAN);
    env.ok(&["roster", "import", &first, "--source", "hr", "--as-of", "2026-01-01"]);
    let header = roster(&env, "header.csv", &[]);
    env.refused(&["roster", "import", &header, "--source", "hr"], "header.csv: no rows after the header");
    env.refused(&["roster", "import", &header, "--source", "hr", "--dry-run"], "no rows after the header");
    env.refused(
        &["roster", "import", &first, "--source", "hr", "--as-of", "2026-01-01"],
        "jan.csv is already snapshot 1 of hr as of 2026-01-01; nothing was imported",
    );
    // The same people from another source are a snapshot of that source.
    env.ok(&["roster", "import", &first, "--source", "vendor", "--as-of", "2026-01-01"]);
    let changed = roster(&env, "feb.csv", &[CLEAN[0], CLEAN[1]]);
    env.refused(
        &["roster", "import", &changed, "--source", "hr", "--as-of", "2206-10-15"],
        "--as-of 2206-10-15 is after today",
    );
    env.refused(&["roster", "import", &changed, "--source", "acme:payroll"], "without ':'");
    env.refused(&["roster", "purge", "--source", "nosuch"], "no roster source \"nosuch\"");
    assert_eq!(env.json(&["roster", "snapshots", "--json"]).as_array().unwrap().len(), 2);
}

/// Text a spreadsheet saved as UTF-16 is named as such, and bytes Windows-1252 leaves undefined are not
/// taken for text.
#[test]
fn utf16_files_and_undefined_windows_1252_bytes_are_refused_by_name() {
    let env = Env::new();
    env.ok(&["init"]);
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "ID,Name\r\nA1,Ann\r\n".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let path = write(&env, "unicode.txt", &utf16);
    env.refused(&["roster", "import", path.to_str().unwrap()], "unicode.txt: is UTF-16 text");
    // Without its byte-order mark too (`iconv -t UTF-16BE`), in either byte order.
    let big: Vec<u8> = "ID,Name\nA1,Ann\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
    env.refused(&["roster", "import", write(&env, "be.csv", &big).to_str().unwrap()], "be.csv: is UTF-16 text");
    env.refused(&["roster", "import", write(&env, "le.csv", &utf16[2..]).to_str().unwrap()], "le.csv: is UTF-16");
    let path = write(&env, "cp.csv", b"Employee ID,Full Name\nU1,Und\x81ef\x9dined\n");
    env.refused(
        &["roster", "import", path.to_str().unwrap(), "--encoding", "windows-1252"],
        "line 2, column 2 (Full Name): has bytes that are not Windows-1252",
    );
    // A UTF-8 byte-order mark says what the text is: read as Windows-1252 its names would be garbled.
    let path = write(&env, "bom.csv", "\u{feff}Employee ID;Full Name\r\nX1;Zoë Ünal\r\n".as_bytes());
    env.refused(
        &["roster", "import", path.to_str().unwrap(), "--encoding", "windows-1252", "--dry-run"],
        "bom.csv: starts with a UTF-8 byte-order mark",
    );
    env.ok(&["roster", "import", path.to_str().unwrap(), "--source", "hr"]);
    assert!(env.ok(&["roster", "show", "hr:X1"]).contains("Zoë Ünal"));
}

/// A hit drawn from roster values edited behind vetdesk's back is neither opened as a case (which would
/// seal the edited value into it) nor dismissed; `audit verify` names the edit.
#[test]
fn a_hit_on_an_edited_roster_is_not_opened_nor_dismissed() {
    let env = Env::new();
    let path = roster(
        &env,
        "a.csv",
        &[
            "E1,Ann Lee,Acme,ann@example.com,,,,011000015,77778888",
            "E2,Bo Kim,Beta,bo@example.com,,,,011000015,77778888",
        ],
    );
    env.ok(&["roster", "import", &path]);
    let id = hits(&env)[0]["id"].as_str().unwrap().to_string();
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute("UPDATE roster_value SET raw = 'bo@elsewhere.example' WHERE raw = 'bo@example.com'", []).unwrap();
    drop(conn);
    let before = env.json(&["audit", "log", "--json"])["rows"].as_array().unwrap().len();
    env.refused(&["roster", "open-case", &id], "changed behind vetdesk's back");
    env.refused(&["roster", "dismiss", &id, "--reason", "same family"], "changed behind vetdesk's back");
    assert_eq!(env.json(&["audit", "log", "--json"])["rows"].as_array().unwrap().len(), before, "nothing written");
    assert!(env.json(&["case", "list", "--json"])["cases"].as_array().is_none_or(|c| c.is_empty()));
}

/// A row's line is counted as an editor counts it, whatever ends the lines: Windows' CRLF, a lone CR, or
/// LF, with blank lines and a byte-order mark before the header.
#[test]
fn errors_name_the_line_an_editor_shows_whatever_ends_the_lines() {
    let env = Env::new();
    env.ok(&["init"]);
    for (name, end, bom) in [("lf", "\n", false), ("crlf", "\r\n", false), ("cr", "\r", false), ("bom", "\r\n", true)] {
        // Header on line 1, rows on lines 2-4, a blank line 5, a short row on line 6.
        let mut lines = vec![HEADER.to_string()];
        lines.extend(CLEAN.iter().map(|r| r.to_string()));
        lines.push(String::new());
        lines.push("E9,Short Row".into());
        let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        bytes.extend((lines.join(end) + end).into_bytes());
        let path = write(&env, &format!("{name}.csv"), &bytes);
        env.refused(&["roster", "import", path.to_str().unwrap()], "line 6: has 2 fields where the header has 9");
    }
}
