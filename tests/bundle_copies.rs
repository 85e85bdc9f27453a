//! Copies of one case held side by side after hand-overs: which copy a later bundle updates, a bundle
//! come back to the workspace that made it, copies of copies, and what a summary of one says.

mod common;

use common::Env;
use common::import_kit::{age_key, export, import, sample, signer};

/// Two copies of one case, the older state taken in last: a later bundle updates the copy of the latest
/// state it follows, not the one imported last.
#[test]
fn a_later_bundle_updates_the_copy_of_the_latest_state_it_follows() {
    let (alice, bob) = (Env::new(), Env::new());
    let (key, recipient) = age_key(&bob);
    let case = sample(&alice);
    let fp = signer(&alice);
    let older = export(&alice, &case, &recipient, "older.vdb");
    alice.ok(&["note", "add", &case, "Second interview held."]);
    let newer = export(&alice, &case, &recipient, "newer.vdb");
    let latest = import(&bob, &newer, &key, &["--trust", &fp])["cases"][0]["case_id"].as_i64().unwrap();
    let done = import(&bob, &older, &key, &[]);
    assert_eq!(done["cases"][0]["as"], "copy", "{done}");
    alice.ok(&["note", "add", &case, "Third interview held."]);
    let later = export(&alice, &case, &recipient, "later.vdb");
    let done = import(&bob, &later, &key, &[]);
    assert_eq!(done["cases"][0]["as"], "update", "{done}");
    assert_eq!(done["cases"][0]["case_id"].as_i64(), Some(latest), "{done}");
}

/// A bundle this workspace made, imported back into it, is a copy of the case that is still here: it says
/// so rather than call itself a new case.
#[test]
fn a_bundle_come_back_to_its_own_workspace_lands_beside_its_case() {
    let alice = Env::new();
    let (key, recipient) = age_key(&alice);
    let case = sample(&alice);
    let sent = export(&alice, &case, &recipient, "sent.vdb");
    alice.ok(&["note", "add", &case, "Worked on after the hand-over."]);
    let done = import(&alice, &sent, &key, &[]);
    let landed = &done["cases"][0];
    assert_eq!(landed["as"], "copy", "{done}");
    assert_eq!(landed["beside"].as_i64().unwrap().to_string(), case, "{done}");
    assert!(landed["why"].as_str().unwrap().contains("made from this workspace"), "{done}");
    assert!(alice.ok(&["links", &case]).contains("are copies of one case"));
    // Another one come back lands beside the case again, not onto the first one come back.
    alice.ok(&["note", "add", &case, "Worked on again."]);
    let again = export(&alice, &case, &recipient, "again.vdb");
    let done = import(&alice, &again, &key, &[]);
    assert_eq!(done["cases"][0]["as"], "copy", "{done}");
    assert_eq!(done["cases"][0]["beside"].as_i64().unwrap().to_string(), case, "{done}");
}

/// A case handed over and back (a copy of the original), then bundled and imported again where it began
/// (a copy of that copy): all three are one case, with no link, suggestion or "another case file" between
/// them.
#[test]
fn copies_one_and_two_hand_overs_apart_are_one_case() {
    let (alice, bob) = (Env::new(), Env::new());
    let (alice_key, alice_recipient) = age_key(&alice);
    let (bob_key, bob_recipient) = age_key(&bob);
    let case = sample(&alice);
    let there = export(&alice, &case, &bob_recipient, "there.vdb");
    let at_bob = import(&bob, &there, &bob_key, &["--trust", &signer(&alice)])["cases"][0]["case_id"].to_string();
    let back = export(&bob, &at_bob, &alice_recipient, "back.vdb");
    let returned = import(&alice, &back, &alice_key, &["--trust", &signer(&bob)])["cases"][0]["case_id"].to_string();
    let again = export(&alice, &returned, &alice_recipient, "again.vdb");
    let copy = import(&alice, &again, &alice_key, &[])["cases"][0]["case_id"].to_string();
    let ids: Vec<i64> = [&case, &returned, &copy].iter().map(|id| id.parse().unwrap()).collect();
    for id in [&case, &returned, &copy] {
        let links = alice.json(&["links", id, "--json"]);
        let mut others = ids.clone();
        others.retain(|other| other.to_string() != *id);
        assert_eq!(links["copies"], serde_json::json!(others), "{id}: {links}");
        assert_eq!(links["links"], serde_json::json!([]), "{id}: {links}");
        assert_eq!(links["suggestions"], serde_json::json!([]), "{id}: {links}");
        assert!(!alice.ok(&["report", id]).contains("another case file"), "{id}");
    }
}

/// The same state sent twice, its files placed in another folder the second time: where they lie here is
/// the receiver's doing, no record the sender changed.
#[test]
fn files_placed_in_another_folder_are_no_update_of_the_records() {
    let (alice, bob) = (Env::new(), Env::new());
    let (key, recipient) = age_key(&bob);
    let case = sample(&alice);
    let first = export(&alice, &case, &recipient, "first.vdb");
    let second = export(&alice, &case, &recipient, "second.vdb");
    import(&bob, &first, &key, &["--trust", &signer(&alice)]);
    let elsewhere = bob.dir.path().join("elsewhere");
    let args = ["bundle", "import", second.to_str().unwrap(), "--identity", key.to_str().unwrap()];
    let done = bob.json(&[&args[..], &["--evidence-dir", elsewhere.to_str().unwrap(), "--json"]].concat());
    assert_eq!(done["cases"][0]["as"], "update", "{done}");
    assert_eq!(
        (done["cases"][0]["added"].as_u64(), done["cases"][0]["updated"].as_u64()),
        (Some(0), Some(0)),
        "{done}"
    );
    let listed = bob.json(&["evidence", "list", "1", "--json"]);
    assert!(
        listed[0]["path"].as_str().unwrap().contains("elsewhere"),
        "the record points where the file now lies: {listed}"
    );
}

/// A case handed over and handed back arrives beside the original; it is the same case, not another
/// applicant: no link, no suggestion, no sentence in the summary about another case file.
#[test]
fn a_case_handed_back_is_a_copy_of_the_original_not_another_case() {
    let (alice, bob) = (Env::new(), Env::new());
    let (bob_key, bob_recipient) = age_key(&bob);
    let (alice_key, alice_recipient) = age_key(&alice);
    let case = sample(&alice);
    let there = export(&alice, &case, &bob_recipient, "there.vdb");
    let at_bob = import(&bob, &there, &bob_key, &["--trust", &signer(&alice)])["cases"][0]["case_id"].to_string();
    bob.ok(&["note", "add", &at_bob, "Checked the references."]);
    let back = export(&bob, &at_bob, &alice_recipient, "back.vdb");
    let returned = import(&alice, &back, &alice_key, &["--trust", &signer(&bob)])["cases"][0]["case_id"].to_string();
    assert_ne!(returned, case);

    let links = alice.json(&["links", &case, "--json"]);
    assert_eq!(links["copies"], serde_json::json!([returned.parse::<i64>().unwrap()]), "{links}");
    assert_eq!(links["links"], serde_json::json!([]), "{links}");
    assert_eq!(links["suggestions"], serde_json::json!([]), "{links}");
    assert!(alice.ok(&["links", &returned]).contains("are copies of one case"));
    for id in [&case, &returned] {
        let report = alice.ok(&["report", id]);
        assert!(!report.contains("another case file"), "{report}");
    }
    // The copy handed back was opened here, and the summary says so.
    let report = alice.ok(&["report", &returned]);
    assert!(report.contains("opened a case file on the matter, later handed over to another workspace."), "{report}");
    assert!(report.contains("received the case file back in a hand-over."), "{report}");
    assert!(!report.contains("was opened in another workspace"), "{report}");
    // A third case sharing the email still links to both, as to any case.
    let other = alice.id(&["case", "new", "Another applicant"]).to_string();
    alice.ok(&["ident", "add", &other, "email", "jurgen.m@example.com"]);
    let links = alice.json(&["links", &other, "--json"]);
    let linked: Vec<String> =
        links["links"].as_array().unwrap().iter().map(|l| l["other"]["held"]["case_id"].to_string()).collect();
    assert!(linked.contains(&case) && linked.contains(&returned), "{links}");
    assert!(alice.ok(&["report", &case]).contains("another case file"));
    // The two copies are one case file to the third's summary, not two.
    let third = alice.ok(&["report", &other]);
    assert!(third.contains("The same email address appears in another case file held by the complainant"), "{third}");
}
