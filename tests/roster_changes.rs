//! `vetdesk roster` over several snapshots: changes since the last one, bank-account churn, a hit set aside
//! that comes back only when something about it changes, and a hit opened as a case once.

mod common;

use common::Env;
use common::roster_kit::{CLEAN, hits, kinds, open_first_hit, roster, write};

#[test]
fn bank_changes_are_counted_across_three_snapshots_and_changes_since_the_last_are_hits() {
    let env = Env::new();
    let row = |account: &str, ship: &str| {
        format!(
            "E1,Ann Lee,Acme,ann@example.com,+1 415 555 0101,1 Main St Springfield IL 62701,{ship},011000015,{account}"
        )
    };
    for (n, (date, account, ship)) in [
        ("2026-01-01", "10000001", ""),
        ("2026-02-01", "10000002", ""),
        ("2026-03-01", "10000003", "5 Depot Rd Newark NJ 07102"),
    ]
    .into_iter()
    .enumerate()
    {
        let path = roster(&env, &format!("s{n}.csv"), &[&row(account, ship), CLEAN[1]]);
        env.ok(&["roster", "import", &path, "--source", "payroll", "--as-of", date]);
    }
    // Two changes is not more than the default of 2.
    assert!(!kinds(&env).contains(&"bank-churn".to_string()));
    let changed: Vec<String> = hits(&env)
        .iter()
        .filter(|h| h["kind"] == "changed")
        .map(|h| h["reason"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        changed,
        [
            "bank account changed since the previous snapshot (was 011000015:10000002)",
            "shipping address added since the previous snapshot"
        ]
    );
    env.ok(&["org", "set", "--roster-bank-changes", "1"]);
    let churn = hits(&env).into_iter().find(|h| h["kind"] == "bank-churn").expect("churn");
    // The chain starts from the account the first change left: two arrows for two changes.
    assert_eq!(
        churn["reason"],
        "bank account changed 2 times within 90 days (more than 1): \
         011000015:10000001 → 011000015:10000002 → 011000015:10000003"
    );
    assert_eq!(churn["supports"][0], "RF-PAY-06");
    // A window that only reaches the newest change counts one.
    env.ok(&["org", "set", "--roster-bank-days", "20"]);
    assert!(!kinds(&env).contains(&"bank-churn".to_string()));
}

#[test]
fn a_dismissed_hit_stays_away_until_something_about_it_changes() {
    let env = Env::new();
    let two = ["E1,Ann,Acme,,,,,011000015,77778888", "E2,Bo,Acme,,,,,011000015,77778888"];
    let path = roster(&env, "a.csv", &two);
    env.ok(&["roster", "import", &path, "--source", "hr", "--as-of", "2026-01-01"]);
    let id = hits(&env)[0]["id"].as_str().unwrap().to_string();
    env.refused(&["roster", "dismiss", &id, "--reason", " "], "needs a reason");
    env.refused(&["roster", "dismiss", &id, "--reason", "family\nE3 Cy dismissed too"], "a reason is one line");
    env.ok(&["roster", "dismiss", &id[..6], "--reason", "married couple, joint account"]);
    assert!(hits(&env).is_empty());
    let said = |args: &[&str]| String::from_utf8(env.cmd().args(args).output().unwrap().stderr).unwrap();
    assert_eq!(said(&["roster", "screen"]).trim(), "no open roster hits (1 dismissed: `--all` lists them)");
    assert_eq!(said(&["roster", "screen", "--kind", "bank-churn"]).trim(), "no roster hits of kind bank-churn");
    assert_eq!(said(&["roster", "screen", "--all", "--offset", "5"]).trim(), "no more hits");
    let shown = env.json(&["roster", "screen", "--all", "--json"]);
    assert_eq!(shown["hits"][0]["dismissed"], true);
    assert_eq!(shown["hits"][0]["dismissal"]["reason"], "married couple, joint account");
    // Listed with the hit, as a voided record's reason is.
    let listed = env.ok(&["roster", "screen", "--all"]);
    assert!(listed.contains(": married couple, joint account\n"), "{listed}");
    assert!(listed.contains("    dismissed 20") && listed.contains(" by "), "{listed}");
    let log = env.ok(&["audit", "log"]);
    assert!(log.contains("roster.dismiss"), "{log}");
    // The same roster again: nothing about the hit changed.
    env.ok(&["roster", "import", &path, "--source", "hr", "--as-of", "2026-02-01"]);
    assert!(hits(&env).is_empty());
    // Nor when another system writes the same account otherwise: the same value, matched as one.
    let spaced = ["E1,Ann,Acme,,,,,011000015,7777 8888", "E2,Bo,Acme,,,,,011000015,7777-8888"];
    env.ok(&["roster", "import", &roster(&env, "spaced.csv", &spaced), "--source", "hr", "--as-of", "2026-02-15"]);
    assert!(hits(&env).is_empty(), "{:?}", hits(&env));
    // A third person on the same account: the hit is back.
    let three = roster(&env, "b.csv", &[two[0], two[1], "E3,Cy,Beta,,,,,011000015,77778888"]);
    env.ok(&["roster", "import", &three, "--source", "hr", "--as-of", "2026-03-01"]);
    let back = hits(&env);
    assert_eq!(back.len(), 1);
    assert_eq!(back[0]["id"].as_str().unwrap(), id);
    assert_eq!(back[0]["reason"], "3 people share one bank account");
    env.ok(&["audit", "verify"]);
}

/// An account exported once without its routing number (the column left blank) is the same account: no
/// change, and no churn, is read into it.
#[test]
fn an_account_that_only_lost_its_routing_number_has_not_changed() {
    let env = Env::new();
    let row = |routing: &str| format!("E3,Cy Doe,Acme,,,,,{routing},111122223333");
    for (n, (date, routing)) in
        [("2026-01-01", "021000021"), ("2026-01-15", ""), ("2026-02-01", "021000021")].into_iter().enumerate()
    {
        let path = roster(&env, &format!("r{n}.csv"), &[&row(routing)]);
        env.ok(&["roster", "import", &path, "--source", "hr", "--as-of", date]);
        let kinds = kinds(&env);
        assert!(
            !kinds.contains(&"changed".to_string()) && !kinds.contains(&"bank-churn".to_string()),
            "{date}: {kinds:?}"
        );
    }
    env.ok(&["org", "set", "--roster-bank-changes", "0"]);
    assert!(!kinds(&env).contains(&"bank-churn".to_string()), "not even one change");
}

/// A worker listed in two sources under one id and name (payroll and HR exports of one system) is one
/// worker in a hit, and one subject in the case opened from it, holding the value both list once, its note
/// naming both: the summary then speaks of one worker, not of two candidates of the same name.
#[test]
fn a_case_opened_from_a_hit_has_one_subject_per_worker() {
    let env = Env::new();
    env.ok(&["org", "set", "--phone-country", "US"]);
    let write = |name: &str, text: &str| env.file(name, text.as_bytes()).to_str().unwrap().to_string();
    let payroll = write("payroll.csv", "Employee ID,Full Name,Phone\nE001,Alice Smith,(303) 555-0101\n");
    let hr = write("hr.csv", "Employee ID,Full Name,Phone\nE001,ALICE  SMITH,(303) 555-0101\n");
    let vendor = write("vendor.csv", "Contractor ID,Full Name,Mobile\nC100,Leo Park,+1 303-555-0101\n");
    for (path, source) in [(&payroll, "payroll"), (&hr, "hr"), (&vendor, "vendor")] {
        env.ok(&["roster", "import", path, "--source", source, "--as-of", "2026-12-01"]);
    }
    let hit = &hits(&env)[0];
    assert_eq!(hit["reason"], "2 people share one phone");
    let case = env.id(&["roster", "open-case", hit["id"].as_str().unwrap()]).to_string();
    let subjects = env.json(&["subject", "list", &case, "--json"]);
    let names: Vec<&str> = subjects.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    // Named as one of the sources writes the name (case and spacing are not the worker's).
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(["Alice Smith", "ALICE  SMITH"].contains(&names[0]) && names[1] == "Leo Park", "{names:?}");
    let idents = env.json(&["ident", "list", &case, "--json"]);
    let notes: Vec<&str> = idents.as_array().unwrap().iter().map(|i| i["note"].as_str().unwrap()).collect();
    assert_eq!(
        notes,
        [
            "roster hr phone as of 2026-12-01; roster payroll phone as of 2026-12-01",
            "roster vendor mobile_phone as of 2026-12-01"
        ]
    );
    let report = env.ok(&["report", &case]);
    assert!(report.contains("Others involved: Leo Park, also recorded as a candidate."), "{report}");
    assert!(!report.to_lowercase().contains("smith, also recorded"), "{report}");
    env.ok(&["audit", "verify"]);
}

/// A dismissal written into the workspace behind vetdesk's back would hide a hit from the one screen a
/// small business reads: the screen says so at its top, in text and in JSON, as it does for an edited
/// snapshot.
#[test]
fn a_dismissal_added_behind_vetdesks_back_is_warned_about() {
    let env = Env::new();
    let two = ["E1,Ann,Acme,,,,,011000015,77778888", "E2,Bo,Acme,,,,,011000015,77778888"];
    env.ok(&["roster", "import", &roster(&env, "a.csv", &two), "--source", "hr", "--as-of", "2026-01-01"]);
    let hit = hits(&env)[0].clone();
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let sql = "INSERT INTO roster_dismissal VALUES (?1, ?2, 'ok', '2026-12-05T00:00:00Z', 'someone')";
    conn.execute(sql, [hit["id"].as_str().unwrap(), hit["fingerprint"].as_str().unwrap()]).unwrap();
    drop(conn);
    let out = env.cmd().args(["roster", "screen"]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.starts_with(
            "WARNING: these hits may not be as imported: the dismissed roster hits were changed behind vetdesk's back"
        ),
        "{said}"
    );
    let json = env.json(&["roster", "screen", "--json"]);
    assert!(json["warning"].as_str().unwrap().contains("roster_dismissal"), "{json}");
}

/// A row planted behind vetdesk's back that names a case as opened from a hit would show the hit as
/// handled by that case (here one that does not exist), let `open-case` answer with it and a dismissal be
/// sealed on its strength; one naming a roster person as in a case drops that person's hits. The screen
/// warns, and opening a case from a hit or dismissing one is refused, writing nothing.
#[test]
fn a_case_named_behind_vetdesks_back_as_opened_from_a_hit_is_warned_about_and_refused() {
    let env = Env::new();
    let two = ["E1,Ann,Acme,,,,,011000015,77778888", "E2,Bo,Acme,,,,,011000015,77778888"];
    env.ok(&["roster", "import", &roster(&env, "a.csv", &two), "--source", "hr", "--as-of", "2026-01-01"]);
    let hit = hits(&env)[0]["id"].as_str().unwrap().to_string();
    for planted in [
        format!("INSERT INTO roster_case VALUES (999, '{hit}', 'handled', 'RF-COM-02')"),
        "INSERT INTO roster_case_person VALUES (999, 'hr', 'E1')".to_string(),
    ] {
        let before = common::fingerprint(&env.db);
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        // As the sqlite3 shell leaves it: foreign keys are not enforced.
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        conn.execute(&planted, []).unwrap();
        drop(conn);
        let planted_print = common::fingerprint(&env.db);
        assert_ne!(planted_print, before);
        let json = env.json(&["roster", "screen", "--json"]);
        let warning = json["warning"].as_str().unwrap_or_else(|| panic!("no warning: {json}"));
        assert!(warning.starts_with("case #999 was changed behind vetdesk's back (roster_case"), "{warning}");
        let said = env.ok(&["roster", "screen"]);
        assert!(said.starts_with("WARNING: these hits may not be as imported: case #999 was changed"), "{said}");
        for args in [vec!["roster", "open-case", &hit], vec!["roster", "dismiss", &hit, "--reason", "handled"]] {
            let out = env.cmd().args(&args).output().unwrap();
            assert!(!out.status.success(), "{args:?} went through");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("case #999 was changed behind vetdesk's back"), "{args:?}: {err}");
            assert_eq!(common::fingerprint(&env.db), planted_print, "{args:?} wrote nothing");
        }
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute("DELETE FROM roster_case WHERE case_id = 999", []).unwrap();
        conn.execute("DELETE FROM roster_case_person WHERE case_id = 999", []).unwrap();
    }
    assert!(hits(&env)[0]["case"].is_null());
    env.ok(&["roster", "dismiss", &hit, "--reason", "the two share a payroll account by design"]);
    env.ok(&["audit", "verify"]);
}

/// An export taken again the same day (the first was cut short, or corrected) stands for that day: the
/// newest snapshot is compared with the day before, so a real bank change stays a hit, and a value that
/// went back and forth between the two exports of one day is no change.
#[test]
fn an_export_taken_again_the_same_day_is_compared_with_the_day_before() {
    let env = Env::new();
    let (xena, yves) = ("X1,Xena,Acme,,,,,021000021,11111111", "Y1,Yves,Acme,,,,,021000021,55555555");
    let xena_new = "X1,Xena,Acme,,,,,021000021,22222222";
    let import = |name: &str, rows: &[&str], date: &str| {
        env.ok(&["roster", "import", &roster(&env, name, rows), "--source", "payroll", "--as-of", date]);
    };
    import("oct.csv", &[xena, yves], "2026-10-31");
    import("nov-partial.csv", &[xena_new], "2026-11-30");
    // The second export of the day says it takes the first one's place, and what that means.
    let path = roster(&env, "nov-full.csv", &[xena_new, yves]);
    let out = env.cmd().args(["roster", "import", &path, "--source", "payroll", "--as-of", "2026-11-30"]).output();
    let said = String::from_utf8_lossy(&out.unwrap().stderr).into_owned();
    assert!(
        said.contains("note: snapshot 2 of payroll is as of 2026-11-30 too: this one stands for that day"),
        "{said}"
    );
    assert!(said.contains("is not screened as a change"), "{said}");
    let found = hits(&env);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["kind"], "changed");
    assert!(found[0]["reason"].as_str().unwrap().contains("was 021000021:11111111"), "{found:?}");
    // Back and forth within one day is not churn: one change, from October's account.
    env.ok(&["org", "set", "--roster-bank-changes", "1"]);
    import("dec-a.csv", &[xena, yves], "2026-12-01");
    import("dec-b.csv", &[xena_new, yves], "2026-12-01");
    assert!(!kinds(&env).contains(&"bank-churn".to_string()), "{:?}", hits(&env));
}

/// What a spreadsheet writes for an empty cell (`0`, `…`, `—`) is no value, in any column, an account
/// beside a routing number included (it would be `011000015:0` to the match): no shared hit comes of it.
#[test]
fn placeholders_in_a_roster_make_no_hit() {
    let env = Env::new();
    let rows = [
        "E1,Ann,Acme,,0,…,—,011000015,0",
        "E2,Bo,Acme,,0,…,—,011000015,0",
        "E3,Cy,Acme,,…,0,0,021000021,—",
        "E4,Di,Acme,,…,0,0,021000021,—",
    ];
    let out =
        env.ok(&["roster", "import", &roster(&env, "empty.csv", &rows), "--source", "hr", "--as-of", "2026-01-01"]);
    assert!(out.contains("imported 4 people, 4 values"), "only the routing numbers are values: {out}");
    assert!(kinds(&env).is_empty(), "{:?}", hits(&env));
    // Nor what a system writes for a remote worker's place, or a laptop's own address, or a blank phone.
    let filler = "Employee ID,Full Name,IP,Phone,Home Address\n\
                  F1,Fay,127.0.0.1,000-000-0000,Remote\nF2,Gus,127.0.0.1,000-000-0000,Remote\n\
                  F3,Hal,::1,+1 000 000 0000,Home office\nF4,Ivy,::1,+1 000 000 0000,Home office\n";
    let path = env.file("filler.csv", filler.as_bytes());
    let out = env.ok(&["roster", "import", path.to_str().unwrap(), "--source", "it", "--as-of", "2026-01-01"]);
    assert!(out.contains("imported 4 people, 0 values"), "{out}");
    assert!(kinds(&env).is_empty(), "{:?}", hits(&env));
}

/// A case archived is out of the day's work: its values no longer make case-match hits, as they make no
/// links or suggestions; brought back, they do again.
#[test]
fn an_archived_case_makes_no_case_match_hits() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Earlier applicant"]).to_string();
    env.ok(&["ident", "add", &case, "email", "ann@example.com"]);
    let path = roster(&env, "r.csv", &["E1,Ann Lee,Acme,ann@example.com,,,,,", CLEAN[1]]);
    env.ok(&["roster", "import", &path, "--source", "payroll"]);
    assert!(kinds(&env).contains(&"case-match".to_string()), "{:?}", kinds(&env));
    env.ok(&["case", "archive", &case, "--reason", "closed long ago"]);
    assert!(!kinds(&env).contains(&"case-match".to_string()), "{:?}", kinds(&env));
    env.ok(&["case", "unarchive", &case]);
    assert!(kinds(&env).contains(&"case-match".to_string()), "{:?}", kinds(&env));
}

/// A hit opens one case: opening it again names the case it opened.
#[test]
fn a_hit_opens_one_case() {
    let env = Env::new();
    let (id, case) = open_first_hit(
        &env,
        &[
            "E1,Ann Lee,Acme,ann@example.com,,,,011000015,77778888",
            "E2,Bo Kim,Beta,bo@example.com,,,,011000015,77778888",
        ],
    );
    // Asked again, it writes nothing and prints the case it opened, so a script gets the id either way.
    let before = common::fingerprint(&env.db);
    let again = env.cmd().args(["roster", "open-case", &id]).output().unwrap();
    assert!(again.status.success());
    assert_eq!(String::from_utf8_lossy(&again.stdout).trim(), case.to_string());
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(
        said.contains(&format!("case #{case} was opened from roster hit {id} already; nothing was written")),
        "{said}"
    );
    assert_eq!(common::fingerprint(&env.db), before, "nothing written");
    // The screen says so before anyone tries.
    assert_eq!(hits(&env)[0]["case"], case);
    assert!(env.ok(&["roster", "screen"]).contains(&format!("(case #{case} opened from it)")));
}

/// A roster with no name column: a case opened from its hit files no name for the people, and says so,
/// rather than taking an employee number for a name in the IC3 form.
#[test]
fn a_person_the_roster_gives_no_name_is_filed_with_none() {
    let env = Env::new();
    let file = env.file(
        "ids.csv",
        b"id,personal_email,account_number\n1001,a@example.com,12345678\n1002,b@example.com,12345678\n",
    );
    env.ok(&["roster", "import", file.to_str().unwrap(), "--source", "payroll"]);
    let hit = hits(&env)[0]["id"].as_str().unwrap().to_string();
    let case = env.id(&["roster", "open-case", &hit]).to_string();
    let subjects = env.json(&["subject", "list", &case, "--json"]);
    assert_eq!(subjects[0]["name"], "no name given (roster payroll, ID 1001)");
    let report = env.json(&["report", &case, "--format", "json"]);
    let text = env.ok(&["report", &case, "--format", "text"]);
    assert!(text.contains("The worker is recorded with no name (roster payroll, ID 1001)."), "{text}");
    assert!(!text.contains("under the name 1001") && !text.contains("Name (max 50): 1001"), "{text}");
    let names: Vec<&serde_json::Value> =
        report["subjects"].as_array().unwrap().iter().map(|s| &s["name"]["value"]).collect();
    assert!(names.len() == 2 && names.iter().all(|n| n.as_str() == Some("")), "{names:?}");
}

/// A phone a roster gives as dialled at home, trunk prefix and all, weakly meets the case's number typed
/// with its country code: London's 020 after +44 drops its 0, Rome's 06 after +39 keeps it (libphonenumber's
/// italian_leading_zero); both are the same number.
#[test]
fn a_roster_phone_dialled_at_home_weakly_meets_the_case_number_with_its_country_code() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Known fraud"]).to_string();
    env.ok(&["ident", "add", &case, "phone", "+44 20 7946 0958"]);
    env.ok(&["ident", "add", &case, "phone", "+39 06 1234 5678"]);
    let file = env.file("r.csv", b"id,name,phone\nR1,Roster One,020 7946 0958\nR2,Roster Two,06 1234 5678\n");
    env.ok(&["roster", "import", file.to_str().unwrap(), "--source", "payroll"]);
    let found = hits(&env);
    assert_eq!(found.len(), 2, "{found:?}");
    for h in &found {
        assert_eq!((h["kind"].as_str(), h["strength"].as_i64()), (Some("case-match"), Some(50)), "{h}");
    }
    // And two cases holding the Rome number both ways link, weakly.
    let other = env.id(&["case", "new", "Second applicant"]).to_string();
    env.ok(&["ident", "add", &other, "phone", "06 1234 5678"]);
    let links = env.json(&["links", &other, "--json"]);
    assert_eq!(links["links"].as_array().map(Vec::len), Some(1), "{links}");
    assert_eq!(links["links"][0]["strength"], "weak", "{links}");
}

/// A roster value that meets a case's only through a weaker key, as `links` makes a weak link of it (an
/// account given without its routing number, a phone without its country code), is a weak case-match: listed
/// below the strong ones, suggesting no checklist item, and never missed without a word.
#[test]
fn a_value_a_case_holds_read_without_its_routing_number_or_country_code_is_a_weak_case_match() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Known fraud"]).to_string();
    env.ok(&["ident", "add", &case, "bank-account", "19132651311"]);
    env.ok(&["ident", "add", &case, "phone", "+1 (212) 456-7890"]);
    let file = env.file("r.csv", b"id,name,account_number,phone\nR2,Roster Two,19132651311,(212) 456-7890\n");
    env.ok(&["roster", "import", file.to_str().unwrap(), "--source", "payroll"]);
    let found = hits(&env);
    assert_eq!(found.len(), 2, "{found:?}");
    for h in &found {
        assert_eq!((h["kind"].as_str(), h["strength"].as_i64()), (Some("case-match"), Some(50)), "{h}");
        let reason = h["reason"].as_str().unwrap();
        assert!(
            reason.contains(&format!("also in case #{case}, read without its country code"))
                || reason.contains(&format!(
                    "also in case #{case}, its account number the same, its routing number another or none"
                )),
            "{h}"
        );
        assert!(h["supports"].as_array().unwrap().is_empty(), "a weak match suggests nothing: {h}");
    }
    // With its routing number, the same account is the strong match it was.
    let file = env.file("s.csv", b"id,name,routing_number,account_number\nR3,Roster Three,021000021,19132651311\n");
    env.ok(&["ident", "add", &case, "bank-account", "021000021:19132651311"]);
    env.ok(&["roster", "import", file.to_str().unwrap(), "--source", "vendor"]);
    let strong: Vec<_> = hits(&env).into_iter().filter(|h| h["strength"] == 100).collect();
    assert_eq!(strong.len(), 1, "{strong:?}");
    assert_eq!(strong[0]["reason"], format!("bank account also in case #{case}"));
}

/// The other way round: the roster gives the routing number and the case holds the account number alone,
/// as an identifier or a payment's account, or under another routing number. Weak, as links has it.
#[test]
fn an_account_the_roster_gives_with_its_routing_number_weakly_meets_the_number_alone() {
    let env = Env::new();
    let alone = env.id(&["case", "new", "Account alone"]).to_string();
    env.ok(&["ident", "add", &alone, "bank-account", "Acct# 55556666"]);
    let paid = env.id(&["case", "new", "Paid to it"]).to_string();
    env.ok(&[
        "payment",
        "add",
        &paid,
        "--date",
        "2026-03-02",
        "--amount",
        "5",
        "--method",
        "wire",
        "--account",
        "55556666",
    ]);
    let other_bank = env.id(&["case", "new", "Another bank"]).to_string();
    env.ok(&["ident", "add", &other_bank, "bank-account", "021000021:55556666"]);
    let file = env.file("r.csv", b"id,name,routing_number,account_number\nR1,Roster One,076401251,55556666\n");
    env.ok(&["roster", "import", file.to_str().unwrap(), "--source", "payroll"]);
    let found = hits(&env);
    let cases: std::collections::BTreeSet<String> = found
        .iter()
        .map(|h| {
            assert_eq!((h["kind"].as_str(), h["strength"].as_i64()), (Some("case-match"), Some(50)), "{h}");
            let reason = h["reason"].as_str().unwrap();
            reason.split("case #").nth(1).unwrap().split(',').next().unwrap().to_string()
        })
        .collect();
    assert_eq!(cases, [alone, paid, other_bank].into_iter().collect(), "{found:?}");
}

/// Two workers with one account number and no routing number recorded may bank at two banks: a weak
/// match, as links calls it between cases, that suggests no checklist item; with one routing number it
/// is one account.
#[test]
fn one_account_number_without_a_routing_number_is_a_weak_shared_match() {
    let env = Env::new();
    let csv = write(&env, "pay.csv", b"Employee ID,Full Name,Account Number\n1,Ann Lee,12345678\n2,Bob Ray,12345678\n");
    env.ok(&["roster", "import", csv.to_str().unwrap(), "--source", "pay", "--as-of", "2026-11-30"]);
    let shared: Vec<serde_json::Value> = hits(&env).into_iter().filter(|h| h["kind"] == "shared").collect();
    assert_eq!(shared.len(), 1, "{shared:?}");
    assert_eq!(shared[0]["strength"], 50, "{shared:?}");
    assert!(shared[0]["reason"].as_str().unwrap().contains("a weak match (it may be another bank's account)"));
    assert!(shared[0]["supports"].as_array().is_none_or(|s| s.is_empty()), "{shared:?}");
}
