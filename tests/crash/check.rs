//! What is checked after each kill: the workspace opens and holds every acknowledged write, the audit
//! chain verifies, and the link markers agree with the records.

use super::*;

/// Runs `sql` returning (key, a, b) rows as a map.
fn rows3(conn: &Connection, sql: &str) -> BTreeMap<i64, (i64, String)> {
    let mut stmt = conn.prepare(sql).expect(sql);
    stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?)))).expect(sql).collect::<Result<_, _>>().expect(sql)
}

/// Checks the workspace after a kill; returns what does not hold, by category.
pub(super) fn check(ws: &Workspace, ledger: &mut Ledger, stats: &mut Stats) -> Vec<(Problem, String)> {
    let mut problems = Vec::new();
    if !ws.db.exists() {
        if ledger.acked_since > 0 || ledger.rows > 0 {
            problems.push((Problem::Lost, "the workspace file is gone after acknowledged writes".to_string()));
        }
        stats.no_workspace += 1;
        return problems;
    }

    // 1. SQLite's own check, on the workspace as the next vetdesk finds it: a writable open, which is what
    // plays back the rollback journal a `demo` fill killed mid-commit leaves (it writes through one when
    // it has the workspace to itself; a read-only open is refused until then).
    let conn = Connection::open_with_flags(&ws.db, OpenFlags::SQLITE_OPEN_READ_WRITE).expect("open");
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("integrity_check");
    if integrity != ["ok"] {
        problems.push((Problem::Corrupt, format!("integrity_check: {integrity:?}")));
        return problems;
    }
    // A workspace killed while its first schema steps were being written has no tables yet, or only
    // some; it may hold nothing acknowledged.
    let has_cases: bool = conn
        .query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'case')", [], |r| r.get(0))
        .expect("sqlite_master");
    if !has_cases {
        if ledger.acked_since > 0 || ledger.rows > 0 {
            problems.push((Problem::Lost, "the workspace has no case table after acknowledged writes".to_string()));
        }
        stats.no_workspace += 1;
        return problems;
    }
    let fk: i64 =
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).expect("foreign_key_check");
    if fk != 0 {
        problems.push((Problem::Corrupt, format!("{fk} foreign key violation(s)")));
    }
    if let Some(drift) = link_marker_drift(&conn) {
        problems.push((Problem::Corrupt, drift));
    }

    // 2. Every acknowledged write is there (and demo batches are all or nothing).
    let mut lost = Vec::new();
    let cases: BTreeMap<i64, String> = {
        let mut stmt = conn.prepare("SELECT id, title FROM \"case\"").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
    };
    for (id, title) in &ledger.cases {
        if cases.get(id) != Some(title) {
            lost.push(format!("case #{id} {title:?} (found {:?})", cases.get(id)));
        }
    }
    let tables = [
        ("note", &ledger.notes, "SELECT id, case_id, body FROM note"),
        ("identifier", &ledger.idents, "SELECT id, case_id, raw FROM identifier"),
        ("subject", &ledger.subjects, "SELECT id, case_id, name FROM subject"),
        ("evidence", &ledger.evidence, "SELECT id, case_id, path FROM evidence"),
    ];
    for (table, expected, sql) in tables {
        let found = rows3(&conn, sql);
        for (id, want) in expected {
            if found.get(id) != Some(want) {
                lost.push(format!("{table} {id} {want:?} (found {:?})", found.get(id)));
            }
        }
    }
    for ((case, code), allowed) in &ledger.marks {
        let state: String = conn
            .query_row("SELECT state FROM mark WHERE case_id = ?1 AND code = ?2", (case, code), |r| r.get(0))
            .unwrap_or_else(|_| "open".to_string());
        if !allowed.contains(&state) {
            lost.push(format!("case #{case} {code} is {state}, expected one of {allowed:?}"));
        }
    }
    let demo: i64 = conn.query_row("SELECT count(*) FROM \"case\" WHERE title LIKE 'DEMO%'", [], |r| r.get(0)).unwrap();
    let committed = demo / DEMO_CASES;
    if demo % DEMO_CASES != 0 || committed < ledger.demos_acked || committed > ledger.demos_acked + ledger.demos_killed
    {
        lost.push(format!(
            "{demo} demo case(s): {} demo command(s) acknowledged, {} killed, {DEMO_CASES} cases each",
            ledger.demos_acked, ledger.demos_killed
        ));
    }
    ledger.demos_killed_committed = committed - ledger.demos_acked;
    drop(conn);
    if !lost.is_empty() {
        problems.push((Problem::Lost, lost.join("; ")));
    }

    // 3. `audit verify`: the chain, the seals, and the head recorded outside the workspace.
    let out = ws.command(&["audit".into(), "verify".into(), "--json".into()]).output().expect("audit verify");
    let stdout = String::from_utf8_lossy(&out.stdout);
    if out.status.code() != Some(0) {
        let plain = ws.command(&["audit".into(), "verify".into()]).output().expect("audit verify");
        problems.push((
            Problem::Verify,
            format!(
                "audit verify exited {:?}: {}{}",
                out.status.code(),
                String::from_utf8_lossy(&plain.stdout).trim_end(),
                String::from_utf8_lossy(&plain.stderr).trim_end()
            ),
        ));
        return problems;
    }
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("audit verify --json");
    let rows = report["chain"]["rows"].as_i64().expect("chain rows");
    if rows < ledger.rows + ledger.acked_since {
        problems.push((
            Problem::Lost,
            format!(
                "the chain has {rows} row(s); it had {} and {} command(s) were acknowledged since",
                ledger.rows, ledger.acked_since
            ),
        ));
    }
    ledger.rows = rows;
    ledger.acked_since = 0;
    match report["head_record"]["state"].as_str() {
        Some("holds") => match ws.recorded_head() {
            Some((recorded, _)) if recorded < rows => stats.head_lagging += 1,
            Some((recorded, _)) if recorded > rows => {
                problems.push((Problem::Verify, format!("head recorded at row {recorded}, chain has {rows}")))
            }
            Some(_) => {}
            None => problems.push((Problem::Verify, "verify says the head holds, but none is recorded".into())),
        },
        // Killed after its commit and before recording the head, with nothing recorded before it.
        Some("no_record") => stats.head_lagging += 1,
        other => problems.push((Problem::Verify, format!("head record {other:?} on a chain of {rows} row(s)"))),
    }
    problems
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Problem {
    Corrupt,
    Lost,
    Verify,
    Writer,
}

/// The case list's link markers, kept by triggers, against the same markers worked out from the records by
/// the statement that fills them on an upgrade (schema step 12); None when they agree, or when the
/// workspace was killed before that step.
fn link_marker_drift(conn: &Connection) -> Option<String> {
    let exists = "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'case_linked')";
    if !conn.query_row(exists, [], |r| r.get::<_, bool>(0)).expect("sqlite_master") {
        return None;
    }
    let schema = include_str!("../../schema.sql");
    let fill = "INSERT INTO case_linked (case_id, linked) ";
    let start = schema.find(fill).expect("step 12's fill") + fill.len();
    let select = &schema[start..start + schema[start..].find(";\n").expect("its end")];
    let rows = |sql: &str| -> Vec<(i64, bool)> {
        let mut stmt = conn.prepare(sql).expect("markers");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).and_then(Iterator::collect).expect("markers")
    };
    let kept: BTreeSet<(i64, bool)> = rows("SELECT case_id, linked FROM case_linked").into_iter().collect();
    let worked_out = rows(select);
    let differ: Vec<i64> = worked_out.iter().filter(|row| !kept.contains(row)).map(|(id, _)| *id).take(10).collect();
    (kept.len() != worked_out.len() || !differ.is_empty()).then(|| {
        format!(
            "link markers differ from the records: {} kept, {} cases, cases {differ:?}",
            kept.len(),
            worked_out.len()
        )
    })
}
