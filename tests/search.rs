//! Search across cases: where each case matched, identifier keys found however the query is typed, and
//! the CLI's `search` and `case list --not-closed`.

mod common;

use vetdesk::Workspace;
use vetdesk::domain::{IdentifierKind, Priority, Role, SubjectFields};
use vetdesk::store::cases::ArchivedCases;
use vetdesk::store::search::Found;
use vetdesk::workspace::NewCase;

fn case(ws: &mut Workspace, title: &str) -> i64 {
    ws.create_case(&NewCase { title: title.into(), priority: Priority::Medium, candidate: None }).unwrap()
}

fn sample() -> Workspace {
    let mut ws = Workspace::open_in_memory("ana").unwrap();
    let a = case(&mut ws, "Backend engineer (contract)");
    ws.add_subject(a, Role::Candidate, "Jordan Lee", &SubjectFields::default()).unwrap();
    ws.add_identifier(a, IdentifierKind::Phone, "+1 (202) 555-0143", None, "", false).unwrap();
    ws.add_identifier(a, IdentifierKind::BankAccount, "076401251:000123456789", None, "", true).unwrap();
    let b = case(&mut ws, "Designer");
    ws.add_identifier(b, IdentifierKind::Email, "Zoe.Angstrom@Example.com", None, "", false).unwrap();
    ws.add_note(b, "Laptop went to a freight forwarder in Jordan Valley").unwrap();
    case(&mut ws, "QA contractor");
    ws
}

/// (case id, where it matched) for each hit, in order.
fn found(ws: &Workspace, query: &str) -> Vec<(i64, Vec<String>)> {
    ws.search(query, ArchivedCases::Hidden, 50)
        .unwrap()
        .into_iter()
        .map(|h| (h.case.row.id, h.found.iter().map(Found::describe).collect()))
        .collect()
}

#[test]
fn a_phone_is_found_by_its_digits_however_it_was_typed() {
    let ws = sample();
    for query in ["2025550143", "(202) 555-0143", "202.555.0143", "+1 202 555 0143", "+12025550143"] {
        let hits = found(&ws, query);
        assert_eq!(hits.len(), 1, "{query}: {hits:?}");
        assert_eq!(hits[0].0, 1, "{query}");
        assert!(hits[0].1[0].starts_with("identifier phone +1 (202) 555-0143"), "{query}: {hits:?}");
    }
    assert!(found(&ws, "2025550144").is_empty(), "another number");
}

#[test]
fn a_workspace_phone_country_makes_the_national_number_an_exact_key() {
    let mut ws = sample();
    ws.set_phone_country(Some("US")).unwrap();
    let hits = found(&ws, "2025550143");
    assert_eq!(hits, [(1, vec!["identifier phone +1 (202) 555-0143".to_string()])]);
}

#[test]
fn an_email_and_an_account_are_found_by_their_keys() {
    let ws = sample();
    assert_eq!(found(&ws, "zoe.angstrom@example.COM")[0].0, 2);
    assert_eq!(found(&ws, "zoe.angstrom@example.COM")[0].1[0], "identifier email Zoe.Angstrom@Example.com");
    let account = found(&ws, "000123456789");
    assert_eq!(account[0].0, 1);
    assert!(account[0].1[0].contains("bank-account 076401251:000123456789"), "{account:?}");
}

#[test]
fn a_payment_account_is_found_by_its_number() {
    let mut ws = sample();
    let c = case(&mut ws, "Vendor payout");
    let payment = vetdesk::domain::NewPayment {
        paid_on: "2026-03-01".into(),
        amount_cents: 420_000,
        currency: "USD".into(),
        method: "wire".into(),
        routing_number: "076401251".into(),
        account: "9988 7766 5544".into(),
        ..Default::default()
    };
    ws.add_payment(c, &payment).unwrap();
    assert_eq!(
        found(&ws, "998877665544"),
        [(c, vec!["payment to account 076401251 / 9988 7766 5544 (account)".into()])]
    );
    assert_eq!(found(&ws, "076401251:998877665544")[0].1[0], "payment to account 076401251 / 9988 7766 5544");
}

/// A case's own number finds it first, typed with or without `#`; a number no case has finds none by
/// number, and other matches of the digits still come after.
#[test]
fn a_case_is_found_by_its_number() {
    let mut ws = sample();
    let d = case(&mut ws, "Data analyst");
    ws.add_note(d, "Asked to be paid through invoice 2 of the vendor").unwrap();
    for query in ["2", "#2"] {
        let hits = found(&ws, query);
        assert_eq!(hits[0], (2, vec!["case number".to_string()]), "{query}: {hits:?}");
    }
    assert!(found(&ws, "#99").is_empty());
    assert!(found(&ws, "0").is_empty() && found(&ws, "-2").iter().all(|h| h.1[0] != "case number"));
    assert!(found(&ws, "02").iter().all(|h| h.1[0] != "case number"), "a leading zero is not a case number");
    let hits = found(&ws, "2");
    assert!(hits.iter().any(|h| h.0 == d && h.1[0].starts_with("note")), "the note with 2 still matches: {hits:?}");
}

/// A subject found by an alias is named with it, so the match can be seen; found by its name, it is not.
#[test]
fn a_subject_found_by_an_alias_is_named_with_it() {
    let mut ws = sample();
    let d = case(&mut ws, "Data analyst");
    let fields = SubjectFields { aliases: Some(vec!["Hana Redfern".into(), "H. Red".into()]), ..Default::default() };
    ws.add_subject(d, Role::Candidate, "Gideon Nakamura", &fields).unwrap();
    assert_eq!(found(&ws, "hana"), [(d, vec!["subject Gideon Nakamura (aka Hana Redfern, H. Red)".to_string()])]);
    assert_eq!(found(&ws, "gideon"), [(d, vec!["subject Gideon Nakamura".to_string()])]);
}

#[test]
fn words_say_where_each_case_matched_strongest_first() {
    let ws = sample();
    let hits = found(&ws, "jordan");
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert_eq!(hits[0], (1, vec!["subject Jordan Lee".to_string()]), "a subject ranks above a note");
    assert_eq!(hits[1].0, 2);
    assert!(hits[1].1[0].starts_with("note \"") && hits[1].1[0].contains("Jordan"), "{hits:?}");
    assert_eq!(found(&ws, "contract"), [(3, vec!["title".into()]), (1, vec!["title".into()])], "newest first");
    assert!(found(&ws, "nobody").is_empty());
    assert!(found(&ws, "\"(").is_empty(), "FTS syntax is taken as words");
    assert!(found(&ws, "   ").is_empty());
}

#[test]
fn voided_and_archived_records_leave_search() {
    let mut ws = sample();
    let phone = ws.identifiers(1).unwrap().into_iter().find(|i| i.kind == IdentifierKind::Phone).unwrap();
    ws.void(vetdesk::store::void::Voidable::Identifier, phone.id, "typo").unwrap();
    assert!(found(&ws, "2025550143").is_empty(), "a voided identifier's key no longer matches");
    ws.archive_case(2, "duplicate").unwrap();
    assert!(found(&ws, "freight").is_empty());
    assert_eq!(ws.search("freight", ArchivedCases::Only, 5).unwrap().len(), 1);
}

#[test]
fn results_are_limited() {
    let mut ws = Workspace::open_in_memory("ana").unwrap();
    for i in 0..30 {
        let id = case(&mut ws, &format!("Contractor {i}"));
        ws.add_note(id, "contractor note").unwrap();
    }
    let hits = ws.search("contractor", ArchivedCases::Hidden, 10).unwrap();
    assert_eq!(hits.len(), 10);
    assert_eq!(hits[0].case.row.id, 30, "newest first");
    assert!(hits.iter().all(|h| h.found.len() <= vetdesk::workspace::FOUND_PER_CASE));
}

#[test]
fn the_cli_searches_by_key_and_says_where_each_case_matched() {
    let env = common::Env::new();
    let a = env.id(&["case", "new", "Backend engineer", "--subject", "Jordan Lee"]);
    env.ok(&["ident", "add", &a.to_string(), "phone", "+1 (202) 555-0143"]);
    env.id(&["case", "new", "Designer"]);
    let out = env.ok(&["search", "2025550143"]);
    assert!(out.contains("MATCHED"), "{out}");
    assert!(out.contains("#1") && out.contains("identifier phone +1 (202) 555-0143 (national)"), "{out}");
    assert!(!out.contains("Designer"), "{out}");
    let json = env.json(&["search", "jordan", "--json"]);
    assert_eq!(json["cases"][0]["id"], 1);
    assert_eq!(json["cases"][0]["found"][0]["in"], "subject");
    assert_eq!(json["cases"][0]["found"][0]["name"], "Jordan Lee");
    let none = env.cmd().args(["search", "nobody"]).output().unwrap();
    assert!(none.status.success() && none.stdout.is_empty());
    assert!(String::from_utf8_lossy(&none.stderr).contains("no case matches"));
}

/// With archived cases in, the text output says which are archived, as `case list` does.
#[test]
fn search_marks_archived_cases() {
    let env = common::Env::new();
    let a = env.id(&["case", "new", "Backend engineer"]).to_string();
    let b = env.id(&["case", "new", "Designer"]).to_string();
    for id in [&a, &b] {
        env.ok(&["ident", "add", id, "phone", "+1 (202) 555-0143"]);
    }
    env.ok(&["case", "archive", &b, "--reason", "duplicate"]);
    let out = env.ok(&["search", "2025550143", "--all"]);
    let row = |id: &str| out.lines().find(|l| l.starts_with(&format!("#{id} "))).unwrap_or_default().to_string();
    assert!(row(&b).contains("open (archived)") && !row(&a).contains("archived"), "{out}");
}

#[test]
fn case_list_not_closed_leaves_closed_cases_out() {
    let env = common::Env::new();
    for title in ["One", "Two", "Three"] {
        env.id(&["case", "new", title]);
    }
    env.ok(&["case", "status", "2", "closed", "--disposition", "cleared"]);
    env.ok(&["case", "status", "3", "escalated"]);
    let json = env.json(&["case", "list", "--not-closed", "--json"]);
    let ids: Vec<i64> = json["cases"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    assert_eq!((json["total"].as_i64(), ids), (Some(2), vec![3, 1]));
    let both = env.cmd().args(["case", "list", "--not-closed", "--status", "open"]).output().unwrap();
    assert_eq!(both.status.code(), Some(2), "--status and --not-closed conflict");
}

#[test]
fn search_pages_by_offset_and_says_when_there_are_more() {
    let env = common::Env::new();
    for title in ["Backend one", "Backend two", "Backend three", "Designer"] {
        env.id(&["case", "new", title]);
    }
    let ids = |v: &serde_json::Value| -> Vec<i64> {
        v["cases"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect()
    };
    let whole = env.json(&["search", "backend", "--json"]);
    assert_eq!((ids(&whole).len(), &whole["more"], &whole["next"]), (3, &0.into(), &serde_json::Value::Null));
    // Search reads one case past the page: it knows that more follow, not how many.
    let first = env.json(&["search", "backend", "--json", "--limit", "2"]);
    assert_eq!(
        (&first["more"], &first["more_exact"], &first["total"]),
        (&1.into(), &false.into(), &serde_json::Value::Null)
    );
    let next = first["next"]["offset"].as_u64().expect("the next page's offset").to_string();
    let rest = env.json(&["search", "backend", "--json", "--limit", "2", "--offset", &next]);
    assert_eq!((&rest["more"], &rest["offset"], &rest["next"]), (&0.into(), &2.into(), &serde_json::Value::Null));
    assert_eq!([ids(&first), ids(&rest)].concat(), ids(&whole));
    let out = env.cmd().args(["search", "backend", "--limit", "1"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim(), "showing 1-1 cases; at least 1 more: --offset 1");
    let past = env.cmd().args(["search", "backend", "--offset", "5"]).output().unwrap();
    assert!(past.status.success() && past.stdout.is_empty());
    assert_eq!(String::from_utf8_lossy(&past.stderr).trim(), "no more cases match \"backend\"");
}

/// Several records of one case are one hit: a page holds `limit` cases whenever that many match, however
/// many of their records matched, and every case is found page after page.
#[test]
fn a_page_holds_as_many_cases_as_match_however_many_records_each_has() {
    let mut ws = Workspace::open_in_memory("ana").unwrap();
    let mut cases = Vec::new();
    for i in 0..12 {
        let id = case(&mut ws, &format!("Contractor {i}"));
        for j in 0..3 {
            ws.add_identifier(id, IdentifierKind::Email, &format!("c{i}-{j}@vendor.example"), None, "", false).unwrap();
        }
        cases.push(id);
    }
    let found = |limit| ws.search("vendor", ArchivedCases::Hidden, limit).unwrap();
    assert_eq!(found(5).len(), 5);
    assert_eq!(found(11).len(), 11);
    let mut all: Vec<i64> = found(100).iter().map(|h| h.case.row.id).collect();
    all.sort_unstable();
    assert_eq!(all, cases);
}

/// Pages of a search follow one order whatever their size: read page after page (as `search --offset`
/// reads them) they give the whole list, each case once, however the cases matched (title, subject,
/// identifier, note), whichever changed last, with archived cases in or out.
#[test]
fn pages_of_a_search_together_give_the_whole_list_in_one_order() {
    use chrono::{TimeZone, Utc};
    use vetdesk::store::cases::ArchivedCases;
    let mut ws = vetdesk::Workspace::open_in_memory("ana").unwrap();
    let mut minute = 0;
    let mut tick = |ws: &mut vetdesk::Workspace| {
        minute += 1;
        ws.set_clock(vetdesk::time::Clock::Fixed(Utc.with_ymd_and_hms(2026, 3, 2, 9, minute, 0).unwrap()));
    };
    let open = |ws: &mut vetdesk::Workspace, title: &str, candidate: Option<&str>| -> i64 {
        let case = vetdesk::workspace::NewCase {
            title: title.into(),
            priority: vetdesk::domain::Priority::Medium,
            candidate: candidate.map(Into::into),
        };
        ws.create_case(&case).unwrap()
    };
    for n in 1..=3 {
        tick(&mut ws);
        open(&mut ws, &format!("QA person lead {n}"), None);
    }
    for n in 4..=9 {
        tick(&mut ws);
        open(&mut ws, &format!("Case {n}"), Some("QA Person"));
    }
    // The oldest cases change last: most recently changed is not the order pages are read in.
    tick(&mut ws);
    ws.add_note(1, "QA person called back").unwrap();
    tick(&mut ws);
    ws.add_identifier(4, vetdesk::domain::IdentifierKind::Email, "qa.person@example.com", None, "", false).unwrap();
    tick(&mut ws);
    ws.archive_case(2, "a duplicate of another case").unwrap();
    for archived in [ArchivedCases::Hidden, ArchivedCases::Included] {
        let ids = |limit: u32| -> Vec<i64> {
            ws.search("qa person", archived, limit).unwrap().iter().map(|h| h.case.row.id).collect()
        };
        let whole = ids(100);
        assert_eq!(whole.len(), if archived == ArchivedCases::Hidden { 8 } else { 9 }, "{whole:?}");
        for limit in 1..=4 {
            let mut paged: Vec<i64> = Vec::new();
            for offset in (0..whole.len() + limit).step_by(limit) {
                // As the command reads a page: one more than it shows, to know whether more follow.
                let read = ids(u32::try_from(offset + limit + 1).unwrap());
                paged.extend(read.iter().skip(offset).take(limit));
            }
            assert_eq!(paged, whole, "{archived:?}, {limit} at a time");
        }
    }
}

/// A note too long for the full-text index's snippet to be quick (a roster screening's, naming thousands of
/// people) is still shown by the words around where it matched, as typed.
#[test]
fn a_long_note_is_shown_by_the_words_where_it_matched() {
    let mut ws = sample();
    let d = case(&mut ws, "Roster hit");
    let mut body = String::from("Roster screening (shared): 2000 people share one bank account\n");
    for n in 0..2000 {
        body.push_str(&format!("- Person {n} (vendor W{n:06}): account_number 011000015:99887766\n"));
    }
    body.push_str("Last line names Quillfeather once.");
    assert!(body.len() > 16 * 1024);
    ws.add_note(d, &body).unwrap();
    assert_eq!(
        found(&ws, "quillfeather"),
        [(d, vec!["note \"…number 011000015:99887766 Last line names Quillfeather once.\"".to_string()])]
    );
    let shown = found(&ws, "99887766");
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].1[0].starts_with("note \"…number 011000015:99887766 - Person 1 (vendor"), "{shown:?}");
}

/// Where a case matched reads each description once: the people of a roster hit sharing one account are
/// several records alike.
#[test]
fn records_alike_are_described_once() {
    let mut ws = sample();
    let d = case(&mut ws, "Roster hit");
    for name in ["Ann Lee", "Bo Kim", "Cy Oh"] {
        let person = ws.add_subject(d, Role::Candidate, name, &SubjectFields::default()).unwrap();
        ws.add_identifier(d, IdentifierKind::BankAccount, "011000015:99887766", Some(person), "", false).unwrap();
    }
    let hits = ws.search("011000015:99887766", ArchivedCases::Hidden, 50).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].found.len(), 3, "every record is a place");
    assert_eq!(
        vetdesk::workspace::describe_places(&hits[0].found),
        "identifier bank-account 011000015:99887766",
        "{:?}",
        hits[0].found
    );
}
