//! A roster hit of many people: a vendor's workers all paid into the vendor's one account. The case opened
//! from it holds a subject and identifiers for each, written together with what triggers derive from them
//! (search, the case list's link markers) worked out once at the end; these tests check that what a user
//! then sees is what the row-by-row triggers would have left.

mod common;

use std::io::Write;

use vetdesk::Workspace;
use vetdesk::domain::link::{Counterpart, Strength};
use vetdesk::domain::{IdentifierKind, Priority};
use vetdesk::roster::{HitKind, ImportOptions};
use vetdesk::workspace::NewCase;

/// How many workers the vendor's roster lists: enough that a per-person pass over the others shows.
const WORKERS: usize = 300;

fn workspace(dir: &std::path::Path) -> Workspace {
    let db = dir.join("ws.db");
    Workspace::open(&db, "ana", common::keys_beside(&db)).unwrap()
}

/// The vendor's roster: every worker paid into account 7700112233 at routing number 011000015 (a
/// checksum-valid ABA number), each with an email and a phone of their own.
fn vendor_roster(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("vendor.csv");
    let mut out = std::fs::File::create(&path).unwrap();
    writeln!(out, "Employee ID,Full Name,Personal Email,Phone,Routing Number,Account Number").unwrap();
    for n in 0..WORKERS {
        writeln!(out, "V{n:04},Worker {n},worker{n}@example.com,+1 415 555 {:04},011000015,7700112233", 1000 + n)
            .unwrap();
    }
    path
}

fn open_vendor_case(ws: &mut Workspace, dir: &std::path::Path) -> i64 {
    let options =
        ImportOptions { source: Some("vendor".into()), as_of: Some("2026-11-01".into()), ..ImportOptions::default() };
    ws.roster_import(&vendor_roster(dir), &options, false).unwrap();
    let hits = ws.roster_screen().unwrap();
    let hit = hits.into_iter().find(|h| h.kind == HitKind::Shared && h.people.len() == WORKERS).expect("the account");
    ws.roster_open_case(&hit.id).unwrap().id
}

#[test]
fn a_case_opened_from_a_hit_of_hundreds_links_the_case_holding_its_account_and_is_found_by_search() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace(dir.path());
    let new_case = |ws: &mut Workspace, title: &str| {
        ws.create_case(&NewCase { title: title.into(), priority: Priority::Medium, candidate: None }).unwrap()
    };
    let known = new_case(&mut ws, "Known facilitator");
    ws.add_identifier(known, IdentifierKind::BankAccount, "011000015:7700112233", None, "", false).unwrap();
    let unrelated = new_case(&mut ws, "Unrelated");
    ws.add_identifier(unrelated, IdentifierKind::Email, "someone@example.org", None, "", false).unwrap();

    let opened = open_vendor_case(&mut ws, dir.path());
    assert_eq!(ws.subjects(opened).unwrap().len(), WORKERS);
    // Each worker's email, phone and account (the routing number is kept with the account).
    let held = ws.identifiers(opened).unwrap();
    assert_eq!(held.iter().filter(|i| i.kind == IdentifierKind::BankAccount).count(), WORKERS);
    assert_eq!(held.iter().filter(|i| i.kind == IdentifierKind::Email).count(), WORKERS);

    // The case list marks the opened case and the one holding the account, not the unrelated one.
    let marked = ws.linked_cases(&[known, unrelated, opened]).unwrap();
    assert!(marked.contains(&known) && marked.contains(&opened), "{marked:?}");
    assert!(!marked.contains(&unrelated), "{marked:?}");

    // The account links the opened case strongly to the known one, once per worker holding it.
    let links = ws.links(opened).unwrap();
    let strong_to_known = links
        .iter()
        .filter(|l| l.strength == Strength::Strong)
        .filter(|l| matches!(&l.other, Counterpart::Case { held, .. } if held.case_id == known))
        .count();
    assert_eq!(strong_to_known, WORKERS, "{} links", links.len());
    // Seen from the known case, every worker of the opened one holds its account.
    let from_known = ws.links(known).unwrap();
    assert_eq!(from_known.iter().filter(|l| l.strength == Strength::Strong).count(), WORKERS);

    // Screening again: the account is still also in the known case, for every worker; the opened case,
    // which holds it because they are its subjects, is no match; and the hit opens no second case.
    let hits = ws.roster_screen().unwrap();
    let matches: Vec<_> = hits.iter().filter(|h| h.kind == HitKind::CaseMatch).collect();
    assert_eq!(matches.len(), 1, "{matches:#?}");
    assert_eq!(matches[0].reason, format!("bank account also in case #{known}"));
    assert_eq!(matches[0].people.len(), WORKERS);
    let shared = hits.iter().find(|h| h.kind == HitKind::Shared).unwrap();
    let again = ws.roster_open_case(&shared.id).unwrap();
    assert!(again.earlier && again.id == opened);

    // Search finds the opened case by a worker's email, the first's and the last's.
    for words in ["worker0", "worker299"] {
        let found: Vec<i64> = ws.search_cases(words, 10).unwrap().iter().map(|c| c.row.id).collect();
        assert_eq!(found, [opened], "{words}");
    }

    // Archiving the opened case takes the known case's marker away (the account was all they shared), and
    // bringing it back puts both back.
    ws.archive_case(opened, "set aside").unwrap();
    assert!(ws.linked_cases(&[known, unrelated, opened]).unwrap().is_empty());
    ws.unarchive_case(opened, "").unwrap();
    assert_eq!(ws.linked_cases(&[known, unrelated, opened]).unwrap(), [known, opened].into_iter().collect());
}

#[test]
fn a_case_opened_from_a_hit_of_hundreds_is_marked_only_when_another_case_holds_a_value() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace(dir.path());
    let opened = open_vendor_case(&mut ws, dir.path());
    // Its workers share the account among themselves only: one case, nothing to link it to.
    assert!(ws.linked_cases(&[opened]).unwrap().is_empty());
    assert!(ws.links(opened).unwrap().iter().all(|l| !matches!(l.other, Counterpart::Case { .. })));
    // A case added later holding one worker's phone marks both.
    let later = ws.create_case(&NewCase { title: "Later".into(), priority: Priority::Low, candidate: None }).unwrap();
    ws.add_identifier(later, IdentifierKind::Phone, "+1 415 555 1042", None, "", false).unwrap();
    assert_eq!(ws.linked_cases(&[opened, later]).unwrap().len(), 2);
}
