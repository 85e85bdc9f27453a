//! Lists are pages: `case list`, `note list`, `note search`, `audit log`, `search`, `links --all` and
//! `roster screen` take `--limit`, say how many more there are, and read the next page from an offset or
//! a cursor; their `--json` says it with the same fields (`total`, `offset`, `more`, `more_exact`, `next`).

mod common;

use common::Env;

/// The ids of the objects in `v[field]`, or in `v` itself with an empty field.
fn ids(v: &serde_json::Value, field: &str) -> Vec<i64> {
    let list = if field.is_empty() { v } else { &v[field] };
    list.as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect()
}

fn stderr(env: &Env, args: &[&str]) -> String {
    let out = env.cmd().args(args).output().expect("run");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn case_list_pages_by_cursor_each_case_once_with_how_many_more() {
    let env = Env::new();
    for (title, priority) in
        [("a", "low"), ("b", "high"), ("c", "high"), ("d", "low"), ("e", "high"), ("f", "low"), ("g", "high")]
    {
        env.id(&["case", "new", title, "--priority", priority]);
    }
    for sort in ["updated", "id", "risk", "priority", "title"] {
        let whole = ids(&env.json(&["case", "list", "--sort", sort, "--json"]), "cases");
        assert_eq!(whole.len(), 7);
        let first = env.json(&["case", "list", "--sort", sort, "--limit", "3", "--json"]);
        assert_eq!((first["total"].as_u64(), first["more"].as_u64()), (Some(7), Some(4)), "{sort}");
        let mut seen = ids(&first, "cases");
        let mut next = first["next"]["after"].as_str().unwrap().to_string();
        if sort == "updated" {
            // A case opened between two pages is newer than the cursor: it shifts nothing after it.
            env.id(&["case", "new", "opened meanwhile"]);
        }
        loop {
            let page = env.json(&["case", "list", "--sort", sort, "--limit", "3", "--after", &next, "--json"]);
            seen.extend(ids(&page, "cases"));
            assert_eq!(page["more"].as_u64().unwrap(), 7 - seen.len() as u64, "{sort}");
            match page["next"]["after"].as_str() {
                Some(n) => next = n.to_string(),
                None => break,
            }
        }
        assert_eq!(seen, whole, "{sort}: every case once, in order");
        if sort == "updated" {
            env.ok(&["case", "archive", "8", "--reason", "opened meanwhile: not part of this test"]);
        }
    }
    // Filtered: the high-priority cases, two at a time.
    let high = env.json(&["case", "list", "--priority", "high", "--limit", "2", "--json"]);
    assert_eq!((high["total"].as_u64(), high["more"].as_u64()), (Some(4), Some(2)));
    let rest = env.json(&[
        "case",
        "list",
        "--priority",
        "high",
        "--limit",
        "2",
        "--after",
        high["next"]["after"].as_str().unwrap(),
        "--json",
    ]);
    assert_eq!(
        (ids(&rest, "cases").len(), rest["more"].as_u64(), &rest["next"]),
        (2, Some(0), &serde_json::Value::Null)
    );
    // An offset deep in the list is read from its end and gives the same rows.
    let whole = ids(&env.json(&["case", "list", "--json"]), "cases");
    let tail = env.json(&["case", "list", "--offset", "5", "--limit", "3", "--json"]);
    assert_eq!((ids(&tail, "cases"), tail["more"].as_u64()), (whole[5..].to_vec(), Some(0)));
    let said = stderr(&env, &["case", "list", "--limit", "2"]);
    assert!(said.contains("showing 1-2 of 7 cases; 5 more: --after "), "{said}");
    env.refused(&["case", "list", "--after", "nonsense"], "not a cursor of this list");
    // Another sort's cursor, or a time mistyped, is refused rather than read as another place in the list.
    let by_title = env.json(&["case", "list", "--sort", "title", "--limit", "2", "--json"]);
    let title_cursor = by_title["next"]["after"].as_str().unwrap();
    for wrong in [title_cursor, "5,not-a-date", "231,2026", "3,2026-01-01 00:00:00"] {
        env.refused(&["case", "list", "--after", wrong], "not a cursor of this list");
        env.refused(&["case", "list", "--sort", "priority", "--after", &format!("3,1,{wrong}")], "not a cursor");
    }
    env.refused(&["case", "list", "--sort", "risk", "--after", "3,2026-01-01T00:00:00Z"], "not a cursor of this list");
    env.usage_error(&["case", "list", "--limit", "0"], "--limit");
}

#[test]
fn note_search_and_audit_log_page_back_by_cursor() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Camera checks"]).to_string();
    for i in 0..4 {
        env.ok(&["note", "add", &case, &format!("camera check {i}")]);
    }
    let newest = env.json(&["note", "search", "camera", "--limit", "2", "--json"]);
    let newest_ids = ids(&newest, "notes");
    assert_eq!((&newest["more"], &newest["next"]["before"]), (&2.into(), &newest_ids[1].into()));
    assert_eq!(newest_ids.len(), 2);
    assert!(newest_ids[0] > newest_ids[1], "newest first");
    let said = stderr(&env, &["note", "search", "camera", "--limit", "2"]);
    assert!(said.contains(&format!("2 more: --before {}", newest_ids[1])), "{said}");
    let older =
        env.json(&["note", "search", "camera", "--limit", "2", "--before", &newest_ids[1].to_string(), "--json"]);
    let older_ids = ids(&older, "notes");
    assert_eq!((&older["more"], &older["next"]), (&0.into(), &serde_json::Value::Null));
    assert_eq!(older_ids.len(), 2);
    assert!(older_ids.iter().all(|id| *id < newest_ids[1]));
    assert!(
        !stderr(&env, &["note", "search", "camera", "--limit", "2", "--before", &newest_ids[1].to_string()])
            .contains("more")
    );

    let log = env.json(&["audit", "log", "--limit", "2", "--json"]);
    let rows = ids(&log, "rows");
    assert_eq!(log["next"]["before"], rows[1]);
    let said = stderr(&env, &["audit", "log", "--limit", "2"]);
    assert!(said.contains(&format!("more: --before {}", rows[1])), "{said}");
    let next = env.json(&["audit", "log", "--limit", "2", "--before", &rows[1].to_string(), "--json"]);
    assert_eq!(ids(&next, "rows")[0], rows[1] - 1, "the row right before");
    let of_case =
        env.json(&["audit", "log", "--case", &case, "--limit", "50", "--before", &rows[0].to_string(), "--json"]);
    assert!(ids(&of_case, "rows").iter().all(|id| *id < rows[0]));
}

/// Reads `args` a page of `limit` at a time by following each page's `next` (whatever option it names),
/// checking that every page says where it stands the same way, and returns the rows read.
fn walk(env: &Env, args: &[&str], key: &str, limit: u32) -> Vec<serde_json::Value> {
    let mut rows = Vec::new();
    let mut next: Option<(String, String)> = None;
    for _ in 0..100 {
        let mut call: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        call.extend(["--json".into(), "--limit".into(), limit.to_string()]);
        if let Some((option, value)) = &next {
            call.extend([format!("--{option}"), value.clone()]);
        }
        let call: Vec<&str> = call.iter().map(String::as_str).collect();
        let page = env.json(&call);
        for field in ["total", "offset", "more", "more_exact", "next"] {
            assert!(page.get(field).is_some(), "{args:?}: no `{field}` in {page}");
        }
        let shown = page[key].as_array().unwrap_or_else(|| panic!("{args:?}: no `{key}` in {page}"));
        assert!(shown.len() <= limit as usize);
        rows.extend(shown.iter().cloned());
        match page["next"].as_object().and_then(|n| n.iter().next()) {
            Some((option, value)) => {
                assert!(page["more"].as_u64().unwrap() > 0, "{args:?}: a next page, and none more: {page}");
                let value = value.as_str().map_or_else(|| value.to_string(), str::to_string);
                next = Some((option.clone(), value));
            }
            None => {
                assert_eq!(page["more"], 0, "{args:?}: more, and no next page: {page}");
                return rows;
            }
        }
    }
    panic!("{args:?}: still more after 100 pages");
}

#[test]
fn every_paged_list_reads_whole_by_following_next() {
    let env = Env::new();
    let mut cases = Vec::new();
    for i in 0..5 {
        let case = env.id(&["case", "new", &format!("Remote developer {i}")]).to_string();
        for n in 0..3 {
            env.ok(&["note", "add", &case, &format!("camera off on call {n}")]);
        }
        cases.push(case);
    }
    // Three clusters of two cases each, by a shared phone.
    for (pair, phone) in [(0, "+1 202 555 0101"), (1, "+1 202 555 0102"), (2, "+1 202 555 0103")] {
        let extra = env.id(&["case", "new", &format!("Contractor {pair}")]).to_string();
        for case in [&cases[pair], &extra] {
            env.ok(&["ident", "add", case, "phone", phone]);
        }
    }
    let lists: [(&[&str], &str, u32); 7] = [
        (&["case", "list"], "cases", 3),
        (&["case", "list", "--sort", "title"], "cases", 2),
        (&["search", "remote"], "cases", 2),
        (&["note", "list", &cases[1]], "notes", 2),
        (&["note", "search", "camera"], "notes", 4),
        (&["audit", "log"], "rows", 7),
        (&["links", "--all"], "clusters", 1),
    ];
    for (args, key, limit) in lists {
        let mut zero = args.to_vec();
        zero.extend(["--limit", "0"]);
        env.usage_error(&zero, "0 is not in 1..=100000");
        let mut json = args.to_vec();
        json.extend(["--json", "--limit", "1"]);
        let out = env.cmd().args(&json).output().unwrap();
        assert!(out.stderr.is_empty(), "{args:?}: --json says it all on standard output");
        let paged = walk(&env, args, key, limit);
        let mut whole_args = args.to_vec();
        whole_args.extend(["--json", "--limit", "1000"]);
        let whole = env.json(&whole_args);
        assert_eq!(&paged, whole[key].as_array().unwrap(), "{args:?}: page by page, each row once, in order");
        assert!(paged.len() > limit as usize, "{args:?}: more than one page");
    }
}
