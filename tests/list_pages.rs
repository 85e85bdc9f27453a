//! Lists are pages: `case list`, `note search` and `audit log` take `--limit`, say how many more there
//! are, and read the next page from a cursor.

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
        let mut next = first["next"].as_str().unwrap().to_string();
        if sort == "updated" {
            // A case opened between two pages is newer than the cursor: it shifts nothing after it.
            env.id(&["case", "new", "opened meanwhile"]);
        }
        loop {
            let page = env.json(&["case", "list", "--sort", sort, "--limit", "3", "--after", &next, "--json"]);
            seen.extend(ids(&page, "cases"));
            assert_eq!(page["more"].as_u64().unwrap(), 7 - seen.len() as u64, "{sort}");
            match page["next"].as_str() {
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
        high["next"].as_str().unwrap(),
        "--json",
    ]);
    assert_eq!((ids(&rest, "cases").len(), rest["more"].as_u64(), rest["next"].as_str()), (2, Some(0), None));
    // An offset deep in the list is read from its end and gives the same rows.
    let whole = ids(&env.json(&["case", "list", "--json"]), "cases");
    let tail = env.json(&["case", "list", "--offset", "5", "--limit", "3", "--json"]);
    assert_eq!((ids(&tail, "cases"), tail["more"].as_u64()), (whole[5..].to_vec(), Some(0)));
    let said = stderr(&env, &["case", "list", "--limit", "2"]);
    assert!(said.contains("showing 1-2 of 7; 5 more: --after "), "{said}");
    env.refused(&["case", "list", "--after", "nonsense"], "not a cursor of this list");
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
    let newest_ids = ids(&newest, "");
    assert_eq!(newest_ids.len(), 2);
    assert!(newest_ids[0] > newest_ids[1], "newest first");
    let said = stderr(&env, &["note", "search", "camera", "--limit", "2"]);
    assert!(said.contains(&format!("2 more: --before {}", newest_ids[1])), "{said}");
    let older =
        env.json(&["note", "search", "camera", "--limit", "2", "--before", &newest_ids[1].to_string(), "--json"]);
    let older_ids = ids(&older, "");
    assert_eq!(older_ids.len(), 2);
    assert!(older_ids.iter().all(|id| *id < newest_ids[1]));
    assert!(
        !stderr(&env, &["note", "search", "camera", "--limit", "2", "--before", &newest_ids[1].to_string()])
            .contains("more")
    );

    let log = env.json(&["audit", "log", "--limit", "2", "--json"]);
    let rows = ids(&log, "");
    let said = stderr(&env, &["audit", "log", "--limit", "2"]);
    assert!(said.contains(&format!("more: --before {}", rows[1])), "{said}");
    let next = env.json(&["audit", "log", "--limit", "2", "--before", &rows[1].to_string(), "--json"]);
    assert_eq!(ids(&next, "")[0], rows[1] - 1, "the row right before");
    let of_case =
        env.json(&["audit", "log", "--case", &case, "--limit", "50", "--before", &rows[0].to_string(), "--json"]);
    assert!(ids(&of_case, "").iter().all(|id| *id < rows[0]));
}
