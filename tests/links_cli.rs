//! `vetdesk links`, `list` and `suggest` as a user runs them.

mod common;

use common::Env;

fn two_cases_sharing_a_phone(env: &Env) -> (String, String) {
    let a = env.id(&["case", "new", "Backend contractor"]).to_string();
    let b = env.id(&["case", "new", "Mobile developer"]).to_string();
    env.ok(&["org", "set", "--phone-country", "US"]);
    env.ok(&["ident", "add", &a, "phone", "+1 (202) 555-0143"]);
    env.ok(&["ident", "add", &b, "phone", "202-555-0143"]);
    (a, b)
}

#[test]
fn links_name_the_kind_both_values_the_other_case_and_the_strength() {
    let env = Env::new();
    let (a, b) = two_cases_sharing_a_phone(&env);
    let text = env.ok(&["links", &a]);
    assert!(text.contains("strong") && text.contains("202-555-0143") && text.contains("Mobile developer"), "{text}");
    assert!(text.contains("RF-COM-02"), "the suggestion is shown with the links: {text}");

    let json = env.json(&["links", &a, "--json"]);
    let link = &json["links"][0];
    assert_eq!(link["strength"], "strong");
    assert_eq!(link["group"], "phone");
    assert_eq!(link["this"]["raw"], "+1 (202) 555-0143");
    assert_eq!(link["other"]["type"], "case");
    assert_eq!(link["other"]["held"]["case_id"].to_string(), b);
    assert_eq!(link["other"]["held"]["raw"], "202-555-0143");
    assert_eq!(json["suggestions"][0]["code"], "RF-COM-02");
}

#[test]
fn links_all_lists_clusters_largest_first() {
    let env = Env::new();
    let ids: Vec<String> = (1..=5).map(|n| env.id(&["case", "new", &format!("Case {n}")]).to_string()).collect();
    for (case, wallet) in
        [(0, "bc1qexamplewallet0000000000000000000000"), (1, "BC1QEXAMPLEWALLET0000000000000000000000")]
    {
        env.ok(&["ident", "add", &ids[case], "crypto-wallet", wallet, "--keep-invalid"]);
    }
    env.ok(&["ident", "add", &ids[1], "email", "ops@example.com"]);
    env.ok(&["ident", "add", &ids[2], "email", "OPS@example.com"]);
    env.ok(&["ident", "add", &ids[3], "device-serial", "C02XK1"]);
    env.ok(&["ident", "add", &ids[4], "device-serial", "c02-xk1"]);
    let json = env.json(&["links", "--all", "--json"]);
    let sizes: Vec<usize> =
        json["clusters"].as_array().unwrap().iter().map(|c| c["cases"].as_array().unwrap().len()).collect();
    assert_eq!(sizes, [3, 2]);
    // Each cluster is written as it is titled: every case carries its own title, the shared values too.
    let first = &json["clusters"][0];
    let titles: Vec<&str> = first["cases"].as_array().unwrap().iter().map(|c| c["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Case 1", "Case 2", "Case 3"]);
    assert_eq!(json["clusters"][1]["cases"][1]["title"], "Case 5");
    let groups: Vec<&str> = first["shared"].as_array().unwrap().iter().map(|s| s["group"].as_str().unwrap()).collect();
    assert_eq!(groups.len(), 2, "{groups:?}");
    let text = env.ok(&["links", "--all"]);
    assert!(text.starts_with("2 clusters, 5 cases"), "{text}");
    assert!(text.contains("cluster 2 · 2 cases") && text.contains("Case 5"), "{text}");
    assert!(text.contains("  shared email ops@example.com:"), "{text}");
    env.usage_error(&["links"], "required");

    // A page at a time: the second cluster alone, numbered as in the whole list, and what is left said.
    let page = env.json(&["links", "--all", "--json", "--limit", "1", "--offset", "1"]);
    assert_eq!((page["total"].as_u64(), page["more"].as_u64()), (Some(2), Some(0)));
    assert_eq!(page["clusters"].as_array().unwrap().len(), 1);
    assert_eq!(page["clusters"][0]["cases"][1]["title"], "Case 5");
    let out = env.cmd().args(["links", "--all", "--limit", "1"]).output().unwrap();
    let (text, said) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(
        text.starts_with("2 clusters, 5 cases") && text.contains("cluster 1 ·") && !text.contains("Case 5"),
        "{text}"
    );
    assert_eq!(said.trim(), "showing 1-1 of 2 clusters; 1 more: --offset 1");
    let text = env.ok(&["links", "--all", "--offset", "1"]);
    assert!(text.contains("cluster 2 · 2 cases") && !text.contains("cluster 1 ·"), "{text}");
    env.refused(&["links", "1", "--limit", "1"], "--all");
    // Past the last page: said, as every paged list says it.
    let out = env.cmd().args(["links", "--all", "--offset", "2"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "2 clusters, 5 cases");
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim(), "no more clusters");
}

#[test]
fn links_all_says_when_archived_cases_were_left_out_of_an_empty_answer() {
    let env = Env::new();
    let (a, _) = two_cases_sharing_a_phone(&env);
    env.ok(&["case", "archive", &a, "--reason", "Duplicate of a case kept elsewhere"]);
    let text = env.ok(&["links", "--all"]);
    assert_eq!(
        text.trim(),
        "no cases share an identifier, account or resume, archived cases left out (--include-archived matches them too)"
    );
    assert!(env.ok(&["links", "--all", "--include-archived"]).starts_with("1 cluster, 2 cases"));
}

#[test]
fn suggestions_are_accepted_or_dismissed_by_the_investigator_and_audited() {
    let env = Env::new();
    let (a, b) = two_cases_sharing_a_phone(&env);
    assert!(env.ok(&["suggest", "list", &a]).contains("RF-COM-02"));
    env.ok(&["suggest", "accept", &a, "RF-COM-02", "--note", "same number on both applications"]);
    let item = env.json(&["check", "list", &a, "--json"]);
    let flagged = item.as_array().unwrap().iter().find(|e| e["code"] == "RF-COM-02").unwrap();
    assert_eq!(flagged["state"], "flagged");
    env.ok(&["suggest", "dismiss", &b, "RF-COM-02", "--reason", "shared office line"]);
    assert!(env.ok(&["suggest", "list", &b]).contains("no open suggestions"));
    let log = env.ok(&["audit", "log"]);
    assert!(log.contains("suggestion.accept") && log.contains("suggestion.dismiss"), "{log}");
    env.refused(&["suggest", "accept", &b, "RF-COM-02"], "no open suggestion");
}

#[test]
fn a_decision_made_by_mistake_is_withdrawn_with_a_reason_and_the_suggestion_comes_back() {
    let env = Env::new();
    let (a, b) = two_cases_sharing_a_phone(&env);
    env.ok(&["suggest", "dismiss", &b, "RF-COM-02", "--reason", "shared office line"]);
    let rows = &|env: &Env| env.json(&["audit", "log", "--json", "--limit", "1000"])["rows"].as_array().unwrap().len();
    let before = rows(&env);
    // Refused, with nothing written: no reason, a reason of two lines, an item with no decision in force.
    env.usage_error(&["suggest", "withdraw", &b, "RF-COM-02"], "--reason");
    env.refused(&["suggest", "withdraw", &b, "RF-COM-02", "--reason", " "], "say why");
    env.refused(&["suggest", "withdraw", &b, "RF-COM-02", "--reason", "one\ntwo"], "one line");
    env.refused(
        &["suggest", "withdraw", &a, "RF-COM-02", "--reason", "wrong case"],
        "no decision in force on RF-COM-02",
    );
    assert_eq!(rows(&env), before);

    let said = env.ok(&["suggest", "withdraw", &b, "RF-COM-02", "--reason", "the office line was a guess"]);
    assert!(said.contains("1 decision withdrawn (dismissed)"), "{said}");
    assert!(env.ok(&["suggest", "list", &b]).contains("RF-COM-02"), "the suggestion is open again");
    let row = &env.json(&["audit", "log", "--json", "--limit", "1"])["rows"][0];
    assert_eq!(row["action"], "suggestion.withdraw");
    assert_eq!(row["details"]["why"], "the office line was a guess");
    assert_eq!(row["details"]["withdrawn"][0]["reason"], "shared office line");
    env.refused(&["suggest", "withdraw", &b, "RF-COM-02", "--reason", "again"], "no decision in force");
    // Decided again, the decision takes the withdrawn row over; its audit row keeps what it replaces.
    env.ok(&["suggest", "dismiss", &b, "RF-COM-02", "--reason", "shared office line after all"]);
    let row = &env.json(&["audit", "log", "--json", "--limit", "1"])["rows"][0];
    let replaced = &row["details"]["replaces_withdrawn"][0];
    assert_eq!(
        (&replaced["reason"], &replaced["withdrawn_why"]),
        (&"shared office line".into(), &"the office line was a guess".into())
    );
    env.ok(&["suggest", "withdraw", &b, "RF-COM-02", "--reason", "withdrawn once more"]);

    // An accept withdrawn leaves the item flagged, and says so: a flagged item is not suggested.
    env.ok(&["suggest", "accept", &b, "RF-COM-02"]);
    let said = env.ok(&["suggest", "withdraw", &b, "RF-COM-02", "--reason", "accepted too soon", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&said).unwrap();
    assert_eq!(json["decisions"][0]["decision"], "accepted");
    assert_eq!((&json["item"], &json["restored"]), (&"flagged".into(), &false.into()));
    let item = env.json(&["check", "list", &b, "--json"]);
    assert_eq!(item.as_array().unwrap().iter().find(|e| e["code"] == "RF-COM-02").unwrap()["state"], "flagged");
    env.ok(&["check", "set", &b, "RF-COM-02", "open"]);
    assert!(env.ok(&["suggest", "list", &b]).contains("RF-COM-02"));
    // An accepted item cleared since: the withdrawal says nothing of a flag it no longer has.
    env.ok(&["suggest", "accept", &b, "RF-COM-02"]);
    env.ok(&["check", "set", &b, "RF-COM-02", "clear", "--note", "cleared after review"]);
    let said = env.ok(&["suggest", "withdraw", &b, "RF-COM-02", "--reason", "accepted in error"]);
    assert!(said.contains("withdrawn (accepted)") && !said.contains("flagged"), "{said}");
    assert!(env.ok(&["suggest", "list", &b]).contains("RF-COM-02"));
    assert!(env.ok(&["audit", "verify"]).contains("checked against their seals"));
}

/// A profile is an account on one site: the same profile however its address is written is a strong link
/// and suggests the personas red flag; the same user name on another site, or typed as a handle with no
/// site, is only a weak link and suggests nothing; a list of handles, which names no site, still lists it.
#[test]
fn one_user_name_on_two_sites_is_a_weak_link_only() {
    let env = Env::new();
    let ids: Vec<String> = (1..=4).map(|n| env.id(&["case", "new", &format!("Case {n}")]).to_string()).collect();
    env.ok(&["ident", "add", &ids[0], "url", "https://github.com/jdoe"]);
    env.ok(&["ident", "add", &ids[1], "url", "https://www.linkedin.com/in/JDoe/"]);
    env.ok(&["ident", "add", &ids[2], "handle", "@jdoe"]);
    env.ok(&["ident", "add", &ids[3], "url", "www.GitHub.com/JDoe/"]);
    let links = env.json(&["links", &ids[0], "--json"]);
    let with: Vec<(String, String, String)> = links["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
            (l["other"]["held"]["case_id"].to_string(), text(&l["strength"]), text(&l["reason"]))
        })
        .collect();
    let weak = "same user name, on another site or with no site named";
    assert!(with.contains(&("4".into(), "strong".into(), "same handle or profile".into())), "{with:?}");
    assert!(with.contains(&("2".into(), "weak".into(), weak.into())), "{with:?}");
    assert!(with.contains(&("3".into(), "weak".into(), weak.into())), "{with:?}");
    let suggested = env.json(&["links", &ids[1], "--json"])["suggestions"].to_string();
    assert!(!suggested.contains("RF-RES-09"), "a weak link suggests nothing: {suggested}");
    // A web address that names no profile (a video) is said to be one, not a handle or profile.
    let video = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";
    env.ok(&["ident", "add", &ids[1], "url", video]);
    env.ok(&["ident", "add", &ids[2], "url", video]);
    let linked = env.json(&["links", &ids[1], "--json"]);
    assert!(linked["links"].to_string().contains("same web address"), "{linked}");
    assert!(!linked["suggestions"].to_string().contains("RF-RES-09"), "a shared video is no persona: {linked}");
    assert!(env.json(&["links", &ids[0], "--json"])["suggestions"].to_string().contains("RF-RES-09"));

    let list = env.file("handles.txt", b"@jdoe\tseen in a takedown\n");
    env.ok(&["list", "import", "bad-handle", list.to_str().unwrap()]);
    for id in &ids {
        let listed = env.ok(&["links", id]);
        assert!(listed.contains("on list handles (bad-handle): seen in a takedown"), "case {id}: {listed}");
        assert!(!listed.contains("WARNING"), "matched on the user name, which the entry derives: {listed}");
    }
}

#[test]
fn reference_lists_import_show_and_match() {
    let env = Env::new();
    let a = env.id(&["case", "new", "Vendor worker"]).to_string();
    env.ok(&["ident", "add", &a, "address", "77 Harbor Road, Suite 210, Newark, NJ 07105"]);
    let file = env.file("forwarders.txt", b"# shared by a peer\n77 Harbor Rd Ste 210, Newark NJ 07105\tShipFast\n");
    let out = env.ok(&["list", "import", "freight-forwarder", file.to_str().unwrap()]);
    assert!(out.contains("imported list \"forwarders\" (freight-forwarder): 1 entry"), "{out}");
    assert!(env.ok(&["list", "show"]).contains("forwarders"));
    // A list of another kind under the same name does not replace it.
    let phones = env.file("phones.txt", b"+1 202 555 0143\n");
    let before = std::fs::read(&env.db).unwrap();
    env.refused(
        &["list", "import", "bad-phone", phones.to_str().unwrap(), "--name", "forwarders"],
        "a list named \"forwarders\" is already a freight-forwarder list (1 entry); a bad-phone list does not replace it",
    );
    assert!(std::fs::read(&env.db).unwrap() == before, "nothing was written");
    let links = env.ok(&["links", &a]);
    assert!(links.contains("list forwarders:2") && links.contains("RF-LOC-02"), "{links}");
    env.ok(&["list", "remove", "forwarders", "--reason", "an outdated copy"]);
    assert!(env.ok(&["links", &a]).contains("shares nothing"));
}

/// A list saved by a Windows editor starts with a byte-order mark: its first line is still a comment, and no
/// entry carries the mark.
#[test]
fn a_byte_order_mark_is_not_part_of_a_lists_first_line() {
    let env = Env::new();
    let file = env.file("peers.txt", b"\xef\xbb\xbf# shared by a peer\njdoe-dev\n");
    let out = env.ok(&["list", "import", "bad-handle", file.to_str().unwrap(), "--name", "peers"]);
    assert!(out.contains("1 entry"), "the comment is not an entry: {out}");
    let file = env.file("msb.txt", b"\xef\xbb\xbf076401251\n");
    env.ok(&["list", "import", "msb", file.to_str().unwrap(), "--name", "msb"]);
    let a = env.id(&["case", "new", "Payee"]).to_string();
    env.ok(&["ident", "add", &a, "routing-number", "076401251"]);
    let json = env.json(&["links", &a, "--json"]);
    assert_eq!(json["links"][0]["other"]["entry"], "076401251", "{json}");
}

#[test]
fn bad_correlation_input_is_refused_and_changes_nothing() {
    let env = Env::new();
    let a = env.id(&["case", "new", "A"]).to_string();
    let binary = env.file("bin.txt", b"\xff\xfe\x00");
    let resume = env.file("cv.rtf", b"{\\rtf1 resume}");
    env.usage_error(&["list", "import", "phones", binary.to_str().unwrap()], "invalid value 'phones' for '<KIND>'");
    env.refused(&["list", "import", "bad-phone", binary.to_str().unwrap()], "not UTF-8");
    // A file with no usable line says why its first line was skipped.
    let typo = env.file("voip.txt", b"call Sam\n");
    env.refused(&["list", "import", "voip", typo.to_str().unwrap()], "no voip entries found (line 1 skipped: ");
    env.refused(&["list", "import", "bad-phone", "/no/such/file.txt"], "/no/such/file.txt");
    env.refused(&["list", "remove", "nothing", "--reason", "x"], "no reference list");
    env.refused(&["org", "set", "--phone-country", "ZZ"], "ZZ");
    env.refused(&["org", "set", "--name", "Acme", "--resume-threshold", "0.01"], "threshold");
    env.refused(&["evidence", "add", &a, resume.to_str().unwrap(), "--resume"], "resumes in");
    env.refused(&["links", "99"], "no case #99");
}

/// The cases `links --json` names as strongly linked, in its order.
fn strongly_linked(links: &serde_json::Value) -> Vec<String> {
    let all = links["links"].as_array().unwrap().iter();
    all.filter(|l| l["strength"] == "strong").map(|l| l["other"]["held"]["case_id"].to_string()).collect()
}

/// `payment add` of a wire of 10 into `account`, for case `id`.
fn wire_into<'a>(id: &'a str, account: &'a str) -> [&'a str; 11] {
    ["payment", "add", id, "--date", "2026-01-05", "--amount", "10", "--method", "wire", "--account", account]
}

/// An IBAN names its bank: the same IBAN in two cases, typed with or without its spaces, or paid into, is
/// a strong link, clusters and suggests the shared-account red flag, as an account with its routing number
/// does. One check digit off, it is another account.
#[test]
fn the_same_iban_is_a_strong_link_however_spaced() {
    let env = Env::new();
    let ids: Vec<String> = (1..=4).map(|n| env.id(&["case", "new", &format!("Case {n}")]).to_string()).collect();
    env.ok(&["ident", "add", &ids[0], "bank-account", "GB82 WEST 1234 5698 7654 32"]);
    env.ok(&["ident", "add", &ids[1], "bank-account", "gb82west12345698765432"]);
    env.ok(&wire_into(&ids[2], "GB82WEST 1234 5698 7654 32"));
    // One check digit off it is refused as a typo, and kept on purpose it links to nothing.
    env.refused(&["ident", "add", &ids[3], "bank-account", "GB83WEST12345698765432"], "its check digits do not hold");
    env.ok(&["ident", "add", &ids[3], "bank-account", "GB83WEST12345698765432", "--keep-invalid"]);
    // Paid into, it is refused as a typo too.
    env.refused(&wire_into(&ids[3], "IBAN GB83 WEST 1234 5698 7654 32"), "its check digits do not hold");
    let links = env.json(&["links", &ids[0], "--json"]);
    let strong = strongly_linked(&links);
    assert_eq!(strong, [ids[1].clone(), ids[2].clone()], "{links}");
    assert_eq!(links["suggestions"][0]["code"], "RF-PAY-05", "{links}");
    let clusters = env.json(&["links", "--all", "--json"]);
    let cases: Vec<String> =
        clusters["clusters"][0]["cases"].as_array().unwrap().iter().map(|c| c["id"].to_string()).collect();
    assert_eq!(cases, ids[..3], "{clusters}");
}

/// A reference list is re-keyed with the identifiers when the rules it was read under change: a VoIP range
/// typed nationally, imported before the workspace had a phone country, matches once the country is set,
/// and the list stays sealed (the audit row of the change seals it again).
#[test]
fn a_list_is_re_keyed_with_the_identifiers_when_the_phone_country_changes() {
    let env = Env::new();
    let c = env.id(&["case", "new", "Backend contractor"]).to_string();
    env.ok(&["ident", "add", &c, "phone", "+1 202 555 0150"]);
    let list = env.file("voip.txt", b"(202) 555-0150\tprovider x\n");
    env.ok(&["list", "import", "voip", list.to_str().unwrap(), "--name", "v"]);
    assert_eq!(env.json(&["links", &c, "--json"])["links"].as_array().unwrap().len(), 0, "no country: no match");
    env.ok(&["org", "set", "--phone-country", "US"]);
    let links = env.json(&["links", &c, "--json"]);
    assert_eq!(links["links"][0]["strength"], "listed", "{links}");
    assert_eq!(links["links"][0]["other"]["name"], "v", "{links}");
    let log = env.json(&["audit", "log", "--json", "--limit", "1"]);
    assert_eq!(log["rows"][0]["details"]["list_phones_rekeyed"], 1);
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
}

/// A list entry's key edited behind vetdesk's back to match a case's value makes a listed link between
/// values that differ: `links` says so, while a range entry and a money-service business's routing number
/// under an account, which match by design, raise nothing.
#[test]
fn a_list_entry_whose_key_was_edited_is_named_by_links() {
    let env = Env::new();
    env.ok(&["org", "set", "--phone-country", "US"]);
    let c = env.id(&["case", "new", "Backend contractor"]).to_string();
    env.ok(&["ident", "add", &c, "phone", "+1 202 555 0150"]);
    env.ok(&["ident", "add", &c, "bank-account", "011000015:12345678"]);
    for (name, kind, text) in [
        ("v", "voip", "+1 202 555 0199\tprovider x\n"),
        ("r", "voip", "+1 202 555 01*\trange\n"),
        ("m", "msb", "011000015\tmoney transmitter\n"),
    ] {
        let file = env.file(&format!("{name}.txt"), text.as_bytes());
        env.ok(&["list", "import", kind, file.to_str().unwrap(), "--name", name]);
    }
    let clean = env.ok(&["links", &c]);
    assert!(!clean.contains("WARNING") && clean.contains("list r:1") && clean.contains("list m:1"), "{clean}");
    rusqlite::Connection::open(&env.db)
        .unwrap()
        .execute("UPDATE reference_entry SET key = '+12025550150' WHERE raw = '+1 202 555 0199'", [])
        .unwrap();
    let edited = env.ok(&["links", &c]);
    assert!(
        edited.starts_with("WARNING: these links may not be as recorded: the match key of list v's line 1"),
        "{edited}"
    );
}

/// Case A, whose reference Dana Roe has a phone case B (another applicant's) holds too, typed otherwise.
fn a_references_phone_in_another_case(env: &Env) -> (String, String) {
    let a = env.id(&["case", "new", "Backend contractor", "--subject", "Jin Park"]).to_string();
    let b = env.id(&["case", "new", "Mobile developer", "--subject", "Alex Kim"]).to_string();
    env.ok(&["org", "set", "--phone-country", "US"]);
    let reference = env.id(&["subject", "add", &a, "Dana Roe", "--role", "reference"]).to_string();
    env.ok(&["ident", "add", &a, "phone", "+1 202 555 0188", "--subject", &reference]);
    env.ok(&["ident", "add", &b, "phone", "(202) 555-0188"]);
    (a, b)
}

/// A suggestion from a reference's phone says whose it is: shared with another case, it is not the
/// applicant's phone, and the note an accepted suggestion leaves says so too.
#[test]
fn a_suggestion_from_someone_elses_value_says_whose_it_is() {
    let env = Env::new();
    let (a, b) = a_references_phone_in_another_case(&env);
    let listed = env.ok(&["suggest", "list", &a]);
    assert!(listed.contains(&format!("phone +1 202 555 0188, a reference's, also in case #{b}")), "{listed}");
    // From the other side the candidate's phone is theirs, and the case it is also in holds it as a
    // reference's: not another applicant's.
    let other = env.ok(&["suggest", "list", &b]);
    assert!(
        other.contains(&format!("phone (202) 555-0188 also in case #{a} (a reference's there)")),
        "the candidate's own: {other}"
    );
    env.ok(&["suggest", "accept", &a, "RF-COM-02"]);
    let shown = env.ok(&["check", "list", &a, "--state", "flagged", "--json"]);
    assert!(shown.contains("a reference's"), "{shown}");
}

/// A value the candidate holds too is not qualified as someone else's: the reason would invite dismissing
/// a phone the applicant shares.
#[test]
fn a_value_the_candidate_holds_too_is_not_said_to_be_someone_elses() {
    let env = Env::new();
    let (a, b) = a_references_phone_in_another_case(&env);
    env.ok(&["ident", "add", &a, "phone", "+1 202-555-0188", "--subject", "1"]);
    let listed = env.ok(&["suggest", "list", &a]);
    assert!(listed.contains(&format!("also in case #{b}")) && !listed.contains("a reference's"), "{listed}");
}

/// A list's label is quoted as it is: a peer's "case #1" there is not this workspace's case, and the
/// match is still what the record shows, so the summary adds no sentence saying it is gone.
#[test]
fn a_list_label_naming_a_case_is_quoted_as_written() {
    let env = Env::new();
    let case = env.id(&["case", "new", "A", "--subject", "P"]).to_string();
    env.ok(&["case", "new", "B"]);
    let list = env.file("peer.txt", b"203.0.113.7\tvetdesk case #1 (open)\n");
    env.ok(&["list", "import", "bad-ip", list.to_str().unwrap(), "--name", "peer"]);
    env.ok(&["ident", "add", &case, "ip", "203.0.113.7"]);
    env.ok(&["suggest", "accept", &case, "RF-LOC-04"]);
    let report = env.ok(&["report", &case, "--format", "text"]);
    assert!(!report.contains("no longer show"), "{report}");
    assert!(
        report.contains(
            "Found in the complainant's records: ip 203.0.113.7 on list peer (bad-ip): vetdesk case #1 (open)"
        ),
        "{report}"
    );
    assert!(!report.contains("this case file (open)"), "{report}");
}

/// A payment's account pasted whole, routing number and labels included, beside its `--routing` is the
/// same account as the identifier written `ROUTING/ACCOUNT`; a routing number alone is no account.
#[test]
fn an_account_pasted_with_its_routing_number_is_the_same_account() {
    let env = Env::new();
    let a = env.id(&["case", "new", "A"]).to_string();
    let b = env.id(&["case", "new", "B"]).to_string();
    env.ok(&["ident", "add", &a, "bank-account", "076401251/99887766"]);
    let pasted = "Routing: 076401251, Account: 99887766";
    let paid = ["--amount", "5", "--method", "wire", "--routing", "076401251", "--account", pasted];
    env.ok(&[&["payment", "add", &b, "--date", "2026-01-01"][..], &paid].concat());
    let links = env.json(&["links", &b, "--json"]);
    assert_eq!(links["links"][0]["strength"], "strong", "{links}");
    assert_eq!(links["links"][0]["other"]["held"]["case_id"].to_string(), a, "{links}");
    env.refused(&["ident", "add", &a, "bank-account", "Routing: 076401251"], "nothing to match on");
}

/// An account written first, its routing number after it under a label (as bank forms and cheques give
/// them), is the same account as one written routing number first, as an identifier or as where a payment
/// went; without the label the digits after it are part of the account, and nothing links.
#[test]
fn an_account_written_before_its_labelled_routing_number_is_the_same_account() {
    let env = Env::new();
    let ids: Vec<String> = (1..=4).map(|n| env.id(&["case", "new", &format!("Case {n}")]).to_string()).collect();
    env.ok(&["ident", "add", &ids[0], "bank-account", "076401251/99887766"]);
    env.ok(&["ident", "add", &ids[1], "bank-account", "Account: 99887766, Routing: 076401251"]);
    env.ok(&wire_into(&ids[2], "Acct# 9988-7766 ABA 076401251"));
    env.ok(&["ident", "add", &ids[3], "bank-account", "99887766 076401251"]);
    let links = env.json(&["links", &ids[0], "--json"]);
    let strong = strongly_linked(&links);
    assert_eq!(strong, [ids[1].clone(), ids[2].clone()], "{links}");
    let shown = env.json(&["ident", "list", &ids[1], "--json"]);
    assert_eq!(shown[0]["normalized"], "076401251:99887766", "{shown}");
}

/// Two short links or file ids apart only by letter case are two resources (RFC 3986 reads a path with
/// its case): a weak link, never a strong one, and a cluster calls the address a web address. The same
/// video as `youtu.be/ID` and `youtube.com/watch?v=ID` is one.
#[test]
fn web_addresses_apart_only_by_case_link_weakly() {
    let env = Env::new();
    let a = env.id(&["case", "new", "A"]).to_string();
    let b = env.id(&["case", "new", "B"]).to_string();
    env.ok(&["ident", "add", &a, "url", "https://bit.ly/3AbCdE"]);
    env.ok(&["ident", "add", &b, "url", "https://bit.ly/3abcde"]);
    env.ok(&["ident", "add", &a, "url", "https://youtu.be/dQw4w9WgXcQ"]);
    env.ok(&["ident", "add", &b, "url", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"]);
    let links = env.json(&["links", &a, "--json"]);
    let found: Vec<(String, String)> = links["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["strength"].as_str().unwrap().to_string(), l["reason"].as_str().unwrap().to_string()))
        .collect();
    assert!(found.contains(&("weak".into(), "same web address, its path in other letter case".into())), "{found:?}");
    assert!(found.contains(&("strong".into(), "same web address".into())), "{found:?}");
    assert_eq!(found.iter().filter(|(s, _)| s == "strong").count(), 1, "{found:?}");
    let all = env.ok(&["links", "--all"]);
    assert!(all.contains("shared web address youtube.com/watch?v=dQw4w9WgXcQ"), "{all}");
}

/// A payment's account written with a routing number is checked as one given with `--routing` is, and
/// one that differs from the `--routing` given beside it is refused: which one the money went through is
/// not for vetdesk to guess, and a key made of both would name no account.
#[test]
fn a_payment_account_written_with_another_or_a_failing_routing_number_is_refused() {
    let env = Env::new();
    let c = env.id(&["case", "new", "A"]).to_string();
    let base = ["payment", "add", &c, "--date", "2026-01-01", "--amount", "1", "--method", "wire"];
    fn with<'a>(base: &[&'a str], more: &[&'a str]) -> Vec<&'a str> {
        [base, more].concat()
    }
    env.refused(
        &with(&base, &["--routing", "021000021", "--account", "12345678 ABA 076401251"]),
        "is written with routing number 076401251",
    );
    env.refused(&with(&base, &["--account", "12345678 ABA 076401252"]), "fails the ABA checksum");
    env.refused(&with(&base, &["--account", "Account: 12345678, Routing: 000000000"]), "all zeros");
    env.ok(&with(&base, &["--routing", "076401251", "--account", "12345678 ABA 076401251"]));
    let paid = env.json(&["payment", "list", &c, "--json"]);
    assert_eq!(paid.as_array().map(|a| a.len()), Some(1), "{paid}");
}

/// The records of a case whose people share one value (a roster hit's account) are named by their subject,
/// so that the rows read apart; a side of one subject reads as before, and the JSON names every subject.
#[test]
fn links_name_the_subjects_where_a_cases_records_belong_to_several() {
    let env = Env::new();
    let hit = env.id(&["case", "new", "Roster hit", "--subject", "Ann Lee"]).to_string();
    let bo = env.id(&["subject", "add", &hit, "Bo Kim"]).to_string();
    env.ok(&["ident", "add", &hit, "bank-account", "076401251:99887766", "--subject", "1"]);
    env.ok(&["ident", "add", &hit, "bank-account", "076401251/99887766", "--subject", &bo]);
    let other = env.id(&["case", "new", "Vendor", "--subject", "Cy Oh"]).to_string();
    env.ok(&["ident", "add", &other, "bank-account", "076401251 99887766", "--subject", "3"]);

    let text = env.ok(&["links", &hit]);
    assert!(text.contains("076401251:99887766 · Ann Lee") && text.contains("076401251/99887766 · Bo Kim"), "{text}");
    assert!(!text.contains("Cy Oh"), "one subject on that side: its value alone, as before\n{text}");
    let from_other = env.ok(&["links", &other]);
    assert!(from_other.contains("· Ann Lee") && from_other.contains("· Bo Kim"), "{from_other}");
    assert!(!from_other.contains("99887766 · Cy Oh"), "{from_other}");
    let json = env.json(&["links", &hit, "--json"]);
    let link = &json["links"][0];
    assert!(link["this"]["subject"].is_string() && link["other"]["held"]["subject"] == "Cy Oh", "{link}");
}
