//! Corrections keep history: a note edited keeps every earlier text, who wrote it and who replaced it,
//! sealed and audited like any change.

mod common;

use common::Env;

#[test]
fn a_note_edited_keeps_its_earlier_texts_in_order() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor"]).to_string();
    let nid = env.id(&["note", "add", &case, "Camera off in both interviews."]).to_string();
    let out = env.ok(&["note", "edit", &nid, "Camera off in all three interviews."]);
    assert!(out.contains(&format!("note #{nid} edited")), "{out}");
    let mut edit = env.cmd();
    edit.args(["note", "edit", &nid, "-"])
        .write_stdin("Camera off in all three interviews; said the webcam was broken.\n");
    edit.assert().success();

    let history = env.json(&["note", "history", &nid, "--json"]);
    assert_eq!(history["note"]["body"], "Camera off in all three interviews; said the webcam was broken.");
    assert_eq!(history["note"]["revisions"], 2);
    let earlier: Vec<&str> =
        history["history"].as_array().unwrap().iter().map(|h| h["body"].as_str().unwrap()).collect();
    assert_eq!(earlier, ["Camera off in both interviews.", "Camera off in all three interviews."]);
    assert_eq!(history["history"][0]["written_by"], "ana");
    assert_eq!(history["history"][0]["replaced_by"], "ana");

    // Search finds the note by its text now, not by what it said before.
    let found = env.json(&["note", "search", "broken", "--json"]);
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert!(env.json(&["note", "search", "both", "--json"]).as_array().unwrap().is_empty());

    let listed = env.ok(&["note", "list", &case]);
    assert!(listed.contains("edited (2 earlier text(s))"), "{listed}");
    let log = env.json(&["audit", "log", "--json"]);
    assert_eq!(log.as_array().unwrap().iter().filter(|r| r["action"] == "note.edit").count(), 2);
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
}

#[test]
fn a_bad_note_edit_is_one_line_and_changes_nothing() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor"]).to_string();
    let nid = env.id(&["note", "add", &case, "first"]).to_string();
    let before = common::fingerprint(&env.db);
    env.refused(&["note", "edit", &nid, "first"], "already says that");
    env.refused(&["note", "edit", &nid, "   "], "needs some text");
    env.refused(&["note", "edit", "99", "text"], "no note #99");
    assert_eq!(common::fingerprint(&env.db), before);
}

#[test]
fn an_earlier_text_edited_behind_vetdesks_back_is_found() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor"]).to_string();
    let nid = env.id(&["note", "add", &case, "first"]).to_string();
    env.ok(&["note", "edit", &nid, "second"]);
    rusqlite::Connection::open(&env.db).unwrap().execute("UPDATE note_revision SET body = 'forged'", []).unwrap();
    let out = env.cmd().args(["audit", "verify"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("note_revision"), "{}", String::from_utf8_lossy(&out.stdout));
}
