//! Archiving a case: it leaves the default list, search, links, clusters and the list marker, stays in the
//! workspace and the audit trail, can still be matched when asked for, and comes back on unarchive.

mod common;

use common::{Env, fingerprint};

fn ids(v: &serde_json::Value) -> Vec<i64> {
    v["cases"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect()
}

fn linked(env: &Env, args: &[&str]) -> Vec<i64> {
    let links = env.json(args);
    links["links"].as_array().unwrap().iter().filter_map(|l| l["other"]["held"]["case_id"].as_i64()).collect()
}

#[test]
fn an_archived_case_leaves_the_list_search_and_links_and_comes_back() {
    let env = Env::new();
    let a = env.id(&["case", "new", "Backend contractor"]).to_string();
    let b = env.id(&["case", "new", "Backend duplicate"]).to_string();
    env.ok(&["ident", "add", &a, "phone", "+1 (202) 555-0143"]);
    env.ok(&["ident", "add", &b, "phone", "+1 202 555 0143"]);
    assert_eq!(linked(&env, &["links", &a, "--json"]), [2]);

    let out = env.ok(&["case", "archive", &b, "--reason", "opened twice by mistake"]);
    // Its summary says it was set aside, and why, in every format.
    assert!(env.ok(&["report", &b]).contains("- **Archived**: "), "markdown");
    assert!(env.ok(&["report", &b, "--format", "text"]).contains(": opened twice by mistake"), "text");
    assert_eq!(
        env.json(&["report", &b, "--format", "json"])["header"]["archived"]["reason"],
        "opened twice by mistake"
    );
    assert!(out.contains(&format!("case #{b} archived")), "{out}");
    let list = env.json(&["case", "list", "--json"]);
    assert_eq!((ids(&list), list["total"].as_i64()), (vec![1], Some(1)));
    assert!(list["cases"][0]["archived_at"].is_null());
    let archived = env.json(&["case", "list", "--archived", "--json"]);
    assert_eq!((ids(&archived), archived["total"].as_i64()), (vec![2], Some(1)));
    assert!(archived["cases"][0]["archived_at"].is_string());
    assert_eq!(env.json(&["case", "list", "--all", "--json"])["total"], 2);
    assert!(!env.ok(&["case", "list"]).contains("duplicate"));

    // Gone from the other case's links, the clusters and (in the workspace) search and the marker.
    assert!(linked(&env, &["links", &a, "--json"]).is_empty());
    assert!(env.json(&["links", "--all", "--json"])["clusters"].as_array().unwrap().is_empty());
    let ws = vetdesk::Workspace::open(&env.db, "ana", common::keys_beside(&env.db)).unwrap();
    assert_eq!(ws.search_cases("backend", 10).unwrap().len(), 1);
    assert!(ws.linked_cases(&[1, 2]).unwrap().is_empty(), "no marker either way");
    assert_eq!(ws.linked_cases_with(&[1, 2], true).unwrap().len(), 2);
    drop(ws);

    // Matched again when asked for; the archived case's own links still work and say it is archived.
    assert_eq!(linked(&env, &["links", &a, "--include-archived", "--json"]), [2]);
    // `--json` says which linked cases are archived, as the text does.
    assert_eq!(env.json(&["links", &a, "--include-archived", "--json"])["archived_cases"], serde_json::json!([2]));
    let clusters = env.json(&["links", "--all", "--include-archived", "--json"]);
    assert_eq!(clusters["clusters"].as_array().unwrap().len(), 1);
    let shelves: Vec<(i64, bool)> = clusters["clusters"][0]["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_i64().unwrap(), c["archived"].as_bool().unwrap()))
        .collect();
    assert_eq!(shelves, [(1, false), (2, true)]);
    assert!(env.ok(&["links", "--all", "--include-archived"]).contains("(archived)"));
    let own = env.ok(&["links", &b]);
    assert!(own.contains("is archived (opened twice by mistake)"), "{own}");
    assert_eq!(linked(&env, &["links", &b, "--json"]), [1]);

    // `case show` says when, by whom and why.
    assert!(env.ok(&["case", "show", &b]).contains("archived "));
    let shown = env.json(&["case", "show", &b, "--json"]);
    assert_eq!(shown["case"]["archived"]["reason"], "opened twice by mistake");
    assert_eq!(shown["case"]["archived"]["archived_by"], "ana");

    env.ok(&["case", "unarchive", &b, "--reason", "it was a second candidate after all"]);
    assert_eq!(env.json(&["case", "list", "--json"])["total"], 2);
    assert_eq!(linked(&env, &["links", &a, "--json"]), [2]);
    assert!(env.json(&["case", "show", &b, "--json"])["case"]["archived"].is_null());

    let log = &env.json(&["audit", "log", "--case", &b, "--json"])["rows"];
    let rows = log.as_array().unwrap();
    let archive = rows.iter().find(|r| r["action"] == "case.archive").expect("case.archive audited");
    assert_eq!(archive["details"]["reason"], "opened twice by mistake");
    assert!(rows.iter().any(|r| r["action"] == "case.unarchive"));
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
}

#[test]
fn bad_archive_input_is_one_line_and_changes_nothing() {
    let env = Env::new();
    let a = env.id(&["case", "new", "Backend contractor"]).to_string();
    env.refused(&["case", "archive", &a, "--reason", "  "], "say why case #1 is archived");
    env.refused(&["case", "archive", "99", "--reason", "typo"], "no case #99");
    env.refused(&["case", "unarchive", &a], "case #1 is not archived");
    env.ok(&["case", "archive", &a, "--reason", "test case"]);
    let before = fingerprint(&env.db);
    env.refused(&["case", "archive", &a, "--reason", "again"], "already archived");
    assert_eq!(before, fingerprint(&env.db));
    env.usage_error(&["case", "list", "--archived", "--all"], "cannot be used with");
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
}

/// `note search` leaves the notes of archived cases out, as `search` leaves the cases out; `--archived`
/// reads only theirs and `--all` both. An empty page says why on standard error.
#[test]
fn note_search_leaves_archived_cases_out_unless_asked() {
    let env = Env::new();
    let kept = env.id(&["case", "new", "Backend contractor"]).to_string();
    let set_aside = env.id(&["case", "new", "Backend duplicate"]).to_string();
    env.ok(&["note", "add", &kept, "Webcam off in the second interview"]);
    env.ok(&["note", "add", &set_aside, "Webcam off again"]);
    env.ok(&["case", "archive", &set_aside, "--reason", "opened twice by mistake"]);
    let cases = |args: &[&str]| -> Vec<String> {
        let mut call = vec!["note", "search", "webcam", "--json"];
        call.extend(args);
        let found = env.json(&call);
        found["notes"].as_array().unwrap().iter().map(|n| n["case_id"].to_string()).collect()
    };
    assert_eq!(cases(&[]), std::slice::from_ref(&kept));
    assert_eq!(cases(&["--archived"]), std::slice::from_ref(&set_aside));
    assert_eq!(cases(&["--all"]), [set_aside, kept.clone()]);
    let said = |args: &[&str]| String::from_utf8(env.cmd().args(args).output().unwrap().stderr).unwrap();
    assert_eq!(said(&["note", "search", "camera"]).trim(), "no note matches \"camera\"");
    assert_eq!(said(&["note", "search", "webcam", "--offset", "1"]).trim(), "no more notes match \"webcam\"");
    assert_eq!(said(&["audit", "log", "--before", "1"]).trim(), "no more audit rows");
    assert_eq!(said(&["note", "list", &kept, "--offset", "1"]).trim(), "no more notes");
    // Nothing at all is said as such, whatever page is asked for.
    assert_eq!(said(&["note", "search", "camera", "--offset", "3"]).trim(), "no note matches \"camera\"");
    assert_eq!(said(&["note", "search", "camera", "--before", "2"]).trim(), "no note matches \"camera\"");
    let empty = env.id(&["case", "new", "No notes yet"]).to_string();
    let none = format!("case #{empty} has no notes");
    assert_eq!(said(&["note", "list", &empty, "--offset", "5"]).trim(), none);
}

/// A case archived behind vetdesk's back takes its link out of the summary, as archiving does; the
/// summary's check of the records its links rest on still covers it, so the summary says the record does
/// not hold instead of that it checked out.
#[test]
fn a_case_archived_behind_vetdesks_back_is_still_checked_by_the_summary_it_left() {
    let env = Env::new();
    let a = env.id(&["case", "new", "Backend contractor", "--subject", "Jane Doe"]).to_string();
    let b = env.id(&["case", "new", "Mobile developer", "--subject", "John Roe"]).to_string();
    env.ok(&["ident", "add", &a, "email", "jane@example.com"]);
    env.ok(&["ident", "add", &b, "email", "jane@example.com"]);
    let top = |env: &Env| env.ok(&["report", &a]).lines().find(|l| l.starts_with("> ")).unwrap_or_default().to_string();
    assert!(top(&env).starts_with("> **Record**: audit chain verified: "));
    // Archived by vetdesk, the case is checked and holds.
    env.ok(&["case", "archive", &b, "--reason", "duplicate of another file"]);
    assert!(top(&env).starts_with("> **Record**: audit chain verified: "));
    env.ok(&["case", "unarchive", &b, "--reason", "not a duplicate"]);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute(
        "UPDATE \"case\" SET archived_at = '2026-01-01T00:00:00Z', archived_by = 'x', archive_reason = 'x' WHERE id = ?1",
        [&b],
    )
    .unwrap();
    drop(conn);
    let warned = top(&env);
    assert!(warned.starts_with("> **WARNING: the record does not hold.**"), "{warned}");
}
