//! Defensible findings: cases move between catalog versions without losing a mark, the risk method is
//! the one the README states, and organisation controls live outside every case.

mod common;

use common::Env;
use vetdesk::Workspace;
use vetdesk::domain::{MarkState, Priority};
use vetdesk::workspace::NewCase;

fn new_case(ws: &mut Workspace, version: &str) -> i64 {
    let new = NewCase { title: "Backend engineer".into(), priority: Priority::High, candidate: Some("J. Doe".into()) };
    ws.create_case_on(&new, version).unwrap()
}

#[test]
fn upgrading_a_2026_1_case_keeps_every_mark_and_names_what_moved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let id = new_case(&mut ws, "2026.1");
    assert_eq!(ws.case_catalog(id).unwrap().version, "2026.1");
    ws.set_mark(id, "RF-LOC-01", MarkState::Flagged, Some("Laptop to a relative's address")).unwrap();
    ws.set_mark(id, "DD-VEND-05", MarkState::Clear, Some("Vendor is a registered business")).unwrap();
    ws.set_mark(id, "RF-ID-01", MarkState::Clear, None).unwrap();
    // An item the current catalog does not have is refused on a case that follows it but not on this one.
    assert_eq!(ws.checklist(id).unwrap().len(), vetdesk::catalog::version("2026.1").unwrap().items.len());

    let u = ws.upgrade_case(id).unwrap();
    assert_eq!((u.from.as_str(), u.to.as_str()), ("2026.1", "2026.5"));
    assert_eq!(u.retired.len(), 1);
    assert_eq!(u.retired[0].code, "DD-VEND-05");
    assert_eq!(u.retired[0].control.as_deref(), Some("OC-01"), "the retired item names the control that took it over");
    assert!(u.new.iter().any(|c| c == "RF-ID-09"), "new items are listed: {:?}", u.new);

    let list = ws.checklist(id).unwrap();
    assert_eq!(list.len(), vetdesk::catalog::builtin().items.len());
    let loc = list.iter().find(|e| e.item.code == "RF-LOC-01").unwrap();
    assert_eq!((loc.state, loc.note.as_str()), (MarkState::Flagged, "Laptop to a relative's address"));
    assert!(list.iter().all(|e| e.item.code != "DD-VEND-05"));
    assert!(ws.upgrade_case(id).unwrap_err().to_string().contains("already follows catalog 2026.5"));

    let trail = ws.audit_log(Some(id), 100, 0).unwrap();
    let row = trail.iter().find(|r| r.action == "case.upgrade").expect("the upgrade is audited");
    let details = row.details.to_string();
    assert!(details.contains("DD-VEND-05") && details.contains("Vendor is a registered business"), "{details}");
    assert!(ws.verify_audit().unwrap().holds(), "the upgrade is sealed like any change");
    drop(ws);

    // The retired mark is still in the file, under its old code.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let kept: String =
        conn.query_row("SELECT note FROM mark WHERE case_id = ?1 AND code = 'DD-VEND-05'", [id], |r| r.get(0)).unwrap();
    assert_eq!(kept, "Vendor is a registered business");
}

/// Stores `score` for a case as a vetdesk with an earlier risk method did: in an audited, sealed change.
fn older_method_score(conn: &mut rusqlite::Connection, path: &std::path::Path, id: i64, score: u32) {
    let keys = common::keys_beside(path);
    let tx = conn.transaction().unwrap();
    tx.execute("UPDATE \"case\" SET risk_score = ?2 WHERE id = ?1", rusqlite::params![id, score]).unwrap();
    let details = serde_json::json!({ "code": "RF-ID-01" });
    let entry = vetdesk::store::audit::Entry {
        at: "2026-01-01T00:00:00Z",
        actor: "ana",
        action: "mark.set",
        case_id: Some(id),
        details: &details,
    };
    vetdesk::store::audit::append(&tx, keys.signer().unwrap(), &entry, &[]).unwrap();
    tx.commit().unwrap();
}

#[test]
fn stored_scores_are_worked_out_again_when_the_method_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let id = new_case(&mut ws, "2026.4");
    ws.set_mark(id, "RF-ID-01", MarkState::Flagged, None).unwrap();
    let score = ws.case(id).unwrap().risk_score;
    // A workspace from before this method: the score stored as the old open-ended sum, and no record of
    // which method stored it.
    // A second case, whose row is then edited behind vetdesk's back.
    let other = new_case(&mut ws, "2026.4");
    ws.set_mark(other, "RF-ID-01", MarkState::Flagged, None).unwrap();
    drop(ws);
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    older_method_score(&mut conn, &path, id, 3);
    conn.execute("UPDATE \"case\" SET risk_score = 3, title = 'edited' WHERE id = ?1", [other]).unwrap();
    conn.execute("DELETE FROM setting WHERE key = 'score_method'", []).unwrap();
    drop(conn);

    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    assert_eq!(ws.case(id).unwrap().risk_score, score, "the stored score follows the current method again");
    let notices = ws.take_notices();
    assert!(notices.iter().any(|n| n.contains("1 case score was worked out again")), "{notices:?}");
    assert!(notices.iter().any(|n| n.contains("1 case score was left as stored")), "{notices:?}");
    assert_eq!(ws.case(other).unwrap().risk_score, 3, "an edited case is not resealed by the rescore");
    let check = ws.verify_audit().unwrap();
    assert!(!check.holds() && check.headline().contains("1 record changed"), "{}", check.headline());
    let log = ws.audit_log(None, 5, 0).unwrap();
    let row = log.iter().find(|r| r.action == "workspace.rescore").expect("the rescore is audited");
    assert_eq!(row.details["cases"][0], serde_json::json!([id, 3, score]), "with the score before and after");
    drop(ws);
    let ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    assert_eq!(ws.audit_log(None, 5, 0).unwrap()[0].id, row.id, "opening again rescores nothing");
}

/// A method value no vetdesk wrote (set behind vetdesk's back) is replaced in an audited change, named
/// with the value found, so the trail keeps it after the setting reads right again.
#[test]
fn a_method_changed_behind_vetdesks_back_is_put_back_in_an_audited_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    new_case(&mut ws, "2026.4");
    drop(ws);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE setting SET value = '9' WHERE key = 'score_method'", []).unwrap();
    drop(conn);
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let notices = ws.take_notices();
    assert!(notices.iter().any(|n| n.contains("the risk method this workspace records (9) is not this vetdesk's")));
    let log = ws.audit_log(None, 1, 0).unwrap();
    assert_eq!(log[0].action, "workspace.score-method");
    assert_eq!(log[0].details["from"], "9");
    assert!(ws.verify_audit().unwrap().holds());
}

/// The same on a workspace whose trail was edited too: it takes no change, but it still opens, so that it
/// can be verified; the method is left as found, and said.
#[test]
fn a_method_changed_on_a_workspace_that_takes_no_change_is_left_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let id = new_case(&mut ws, "2026.4");
    ws.set_mark(id, "RF-ID-01", MarkState::Flagged, None).unwrap();
    drop(ws);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let guard: String =
        conn.query_row("SELECT sql FROM sqlite_master WHERE name = 'audit_no_delete'", [], |r| r.get(0)).unwrap();
    conn.execute_batch(&format!(
        "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 2; {guard};
         UPDATE setting SET value = '9' WHERE key = 'score_method';"
    ))
    .unwrap();
    drop(conn);
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).expect("it opens, to be verified");
    let notices = ws.take_notices();
    assert!(notices.iter().any(|n| n.contains("(9) is not this vetdesk's") && n.contains("could not be recorded")));
    assert!(!ws.verify_audit().unwrap().holds());
}

#[test]
fn the_score_counts_one_fact_once_and_never_weighs_origin() {
    let mut ws = Workspace::open_in_memory("ana").unwrap();
    let id = new_case(&mut ws, "2026.4");
    let catalog = vetdesk::catalog::builtin();
    let group: Vec<_> = catalog.items.iter().filter(|i| i.fact.is_some() && i.weight > 0).collect();
    let fact = group[0].fact.clone().unwrap();
    let same: Vec<_> = group.iter().filter(|i| i.fact.as_deref() == Some(&fact)).collect();
    assert!(same.len() >= 2, "the catalog groups items that restate one fact ({fact})");
    for i in &same {
        ws.set_mark(id, &i.code, MarkState::Flagged, None).unwrap();
    }
    let a = ws.assessment(id).unwrap();
    assert_eq!(a.facts(), 1, "{} items stating {fact} count once", same.len());

    let before = a.score;
    for code in ["RF-ID-06", "RF-ID-07", "RF-RES-05"] {
        ws.set_mark(id, code, MarkState::Flagged, Some("recorded")).unwrap();
    }
    let a = ws.assessment(id).unwrap();
    assert_eq!(a.score, before, "national origin, language and education abroad add nothing");
    assert_eq!(a.unweighted, 3);
}

#[test]
fn organisation_controls_are_reviewed_once_for_the_workspace() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend engineer"]);
    let total = env.json(&["check", "list", &case.to_string(), "--json"]).as_array().unwrap().len();
    let controls = env.json(&["org", "controls", "--json"]);
    let controls = controls.as_array().unwrap();
    assert!(controls.len() >= 10);
    assert!(controls.iter().all(|c| c["state"] == "open"));
    for c in controls {
        let code = c["code"].as_str().unwrap();
        assert!(code.starts_with("OC-") || code.starts_with("PL-"), "{code}");
    }

    let out = env.ok(&["org", "control", "oc-01", "in-place", "--note", "Procurement checklist since 2025"]);
    assert!(out.contains("OC-01 in-place"), "{out}");
    env.refused(&["org", "control", "OC-01", "in-place"], "already in-place");
    env.refused(&["org", "control", "OC-99", "gap"], "OC-99");
    env.usage_error(&["org", "control", "OC-01", "maybe"], "maybe");
    let after = env.json(&["org", "controls", "--json"]);
    let oc1 = after.as_array().unwrap().iter().find(|c| c["code"] == "OC-01").unwrap().clone();
    assert_eq!(
        (oc1["state"].as_str(), oc1["note"].as_str()),
        (Some("in-place"), Some("Procurement checklist since 2025"))
    );

    let flagged = env.ok(&["check", "set", &case.to_string(), "RF-ID-07", "flagged", "--note", "says so"]);
    assert!(flagged.contains("caution: "), "an item with a caution says it when flagged: {flagged}");

    // Controls are no case items: the case checklist and its coverage did not move.
    let show = env.json(&["case", "show", &case.to_string(), "--json"]);
    assert_eq!(show["assessment"]["total"].as_u64().unwrap() as usize, total);
    assert_eq!(show["assessment"]["reviewed"], 1);
    assert_eq!(show["assessment"]["score"], 0, "a weightless item moves nothing");
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
}

#[test]
fn catalog_list_and_sources_print_complete_source_records() {
    let env = Env::new();
    let list = env.json(&["catalog", "list", "--json"]);
    assert_eq!(list["version"], "2026.5");
    for s in list["sources"].as_array().unwrap() {
        for field in ["issuer", "title", "date", "kind", "read"] {
            assert!(!s[field].as_str().unwrap_or_default().is_empty(), "{} has {field}", s["key"]);
        }
    }
    assert!(list["controls"].as_array().unwrap().len() >= 10);
    let old = env.json(&["catalog", "list", "--version", "2026.1", "--json"]);
    assert_eq!(old["version"], "2026.1");
    env.refused(&["catalog", "list", "--version", "1999.1"], "no catalog version");
    let sources = env.json(&["catalog", "sources", "--json"]);
    assert!(sources.as_array().unwrap().iter().any(|s| s["key"] == "LAWFIRM-2025" && s["kind"] == "legal"));
}

/// The worked example of the README's "Risk method", on the real catalog.
#[test]
fn the_readme_worked_example_holds_on_the_catalog() {
    let mut ws = Workspace::open_in_memory("ana").unwrap();
    let id = new_case(&mut ws, "2026.4");
    for code in ["RF-LOC-01", "RF-LOC-02", "DD-LOC-01", "RF-COM-01", "RF-COM-04", "RF-ID-07"] {
        ws.set_mark(id, code, MarkState::Flagged, None).unwrap();
    }
    ws.set_mark(id, "RF-INT-01", MarkState::Clear, None).unwrap();
    let a = ws.assessment(id).unwrap();
    assert_eq!((a.score, a.band.as_str(), a.facts(), a.counter), (56, "high", 3, 1));
    assert_eq!(ws.case(id).unwrap().risk_score, 56, "the stored score is the same");
}

/// The summary's sentences about money and evidence say what the record shows: payments in US dollars
/// recorded as money not sent are not said not to exist, and a file the last verification could not find
/// backs no fact and is not said to be held.
#[test]
fn money_not_sent_and_missing_files_are_said_as_the_record_shows_them() {
    let env = Env::new();
    env.ok(&["org", "set", "--name", "Acme"]);
    let c = env.id(&["case", "new", "T", "--subject", "A B"]).to_string();
    let wire = |date: &str, amount: &str, more: &[&str]| {
        let args = [&["payment", "add", c.as_str(), "--date", date, "--amount", amount, "--method", "wire"][..], more];
        env.ok(&args.concat());
    };
    wire("2026-03-01", "100", &["--money-sent", "no"]);
    wire("2026-03-02", "200", &["--money-sent", "no"]);
    wire("2026-03-03", "50", &["--currency", "EUR"]);
    let report = env.ok(&["report", &c]);
    assert!(!report.contains("No transaction is in US dollars"), "{report}");
    assert!(report.contains("No transaction that counts toward the total is in US dollars"), "{report}");
    assert!(report.contains("Transactions 1 and 2 are recorded as money not sent"), "{report}");

    env.ok(&["check", "set", &c, "RF-INT-01", "flagged", "--note", "x"]);
    let file = env.file("x7.txt", b"rec\n");
    env.ok(&["evidence", "add", &c, file.to_str().unwrap(), "--item", "RF-INT-01"]);
    assert!(env.ok(&["case", "show", &c]).contains("1 backed by linked evidence"));
    let report = env.ok(&["report", &c]);
    assert!(report.contains("holds 1 evidence file") && report.contains("the original is kept"), "{report}");
    std::fs::remove_file(&file).unwrap();
    let _ = env.cmd().args(["evidence", "verify", &c]).output().unwrap();
    assert!(env.ok(&["case", "show", &c]).contains("0 backed by linked evidence"));
    let report = env.ok(&["report", &c]);
    assert!(!report.contains("1 backed by linked evidence and 0 not"), "{report}");
    assert!(report.contains("0 backed by linked evidence and 1 not"), "{report}");
    assert!(
        report.contains("RF-INT-01 (evidence linked, but the last verification found it changed or missing)"),
        "{report}"
    );
    assert!(report.contains("At the last verification it differed from the recorded hash or could not be found"));
    assert!(!report.contains("holds 1 evidence file"), "{report}");
}
