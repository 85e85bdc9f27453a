//! `vetdesk demo`: the generated workspace is consistent, fictional, deterministic and pages like a real one.

mod common;

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;

use chrono::{DateTime, TimeZone, Utc};
use vetdesk::Workspace;
use vetdesk::demo::{self, DemoStats};
use vetdesk::domain::identifier::aba_problem;
use vetdesk::domain::{CaseStatus, IdentifierKind, MarkState, Role};
use vetdesk::store::cases::CaseQuery;
use vetdesk::time::Clock;
use vetdesk::workspace::NewCase;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).single().expect("a valid instant")
}

fn fill(ws: &mut Workspace, cases: u32, seed: u64) -> DemoStats {
    let mut calls = Vec::new();
    let stats = demo::fill(ws, cases, seed, &mut |done, total| calls.push((done, total))).expect("fill");
    assert_eq!(calls.last(), Some(&(cases, cases)), "progress ends at the total");
    stats
}

fn in_memory(seed: u64, cases: u32) -> (Workspace, DemoStats) {
    let mut ws = Workspace::open_in_memory("demo-tester").expect("workspace");
    ws.set_clock(Clock::Fixed(now()));
    let stats = fill(&mut ws, cases, seed);
    (ws, stats)
}

fn case_ids(stats: &DemoStats) -> std::ops::RangeInclusive<i64> {
    stats.first_case.expect("a first case")..=stats.last_case.expect("a last case")
}

fn is_reserved_email(email: &str) -> bool {
    ["example.com", "example.net", "example.org"]
        .iter()
        .any(|d| email.ends_with(&format!("@{d}")) || email.ends_with(&format!(".{d}")))
}

fn is_documentation_ip(ip: &str) -> bool {
    match ip.parse::<IpAddr>().expect("an IP") {
        IpAddr::V4(v4) => matches!(v4.octets(), [192, 0, 2, _] | [198, 51, 100, _] | [203, 0, 113, _]),
        IpAddr::V6(v6) => v6.segments()[..2] == [0x2001, 0x0db8],
    }
}

#[test]
fn three_hundred_cases_in_a_file_workspace_are_consistent_and_fictional() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ws =
        Workspace::open(&dir.path().join("demo.db"), "demo-tester", common::keys_beside(&dir.path().join("demo.db")))
            .expect("workspace");
    ws.set_clock(Clock::Fixed(now()));
    let stats = fill(&mut ws, 300, 42);
    assert_eq!(stats.cases, 300);
    assert_eq!(case_ids(&stats).count(), 300);

    let total = ws.catalog().items.len();
    let mut counted = DemoStats { first_case: stats.first_case, last_case: stats.last_case, ..DemoStats::default() };
    let mut flagged_cases = 0;
    let mut statuses = HashSet::new();
    let mut seen: HashMap<(IdentifierKind, String), HashSet<i64>> = HashMap::new();
    let earliest = now() - chrono::Duration::days(731);
    for id in case_ids(&stats) {
        let case = ws.case(id).expect("case");
        assert!(case.title.starts_with("DEMO"), "{}", case.title);
        assert!(case.tags.iter().any(|t| t == "demo"));
        statuses.insert(case.status);
        assert_eq!(case.disposition.is_some(), case.status == CaseStatus::Closed, "case #{id}");
        assert_eq!(case.closed_at.is_some(), case.status == CaseStatus::Closed, "case #{id}");
        let created: DateTime<Utc> = case.created_at.parse().expect("rfc3339");
        let updated: DateTime<Utc> = case.updated_at.parse().expect("rfc3339");
        assert!(earliest <= created && created <= updated && updated <= now(), "case #{id} timeline");

        // The stored score is the one the workspace computes from the marks.
        let a = ws.assessment(id).expect("assessment");
        assert_eq!((case.risk_score, case.reviewed_items), (a.score, a.reviewed), "case #{id}");
        assert_eq!(a.total as usize, total);
        if a.red_flags >= 3 {
            flagged_cases += 1;
        }

        let subjects = ws.subjects(id).expect("subjects");
        assert_eq!(subjects.iter().filter(|s| s.role == Role::Candidate).count(), 1, "case #{id}");
        assert!((1..=3).contains(&subjects.len()));

        let marks = ws.checklist(id).expect("checklist").into_iter().filter(|e| e.state != MarkState::Open).count();
        assert!((10..=40).contains(&marks), "case #{id}: {marks} marks");

        let identifiers = ws.identifiers(id).expect("identifiers");
        assert!((4..=10).contains(&identifiers.len()), "case #{id}: {} identifiers", identifiers.len());
        for i in &identifiers {
            assert_eq!(i.warning, None, "{:?} {}", i.kind, i.raw);
            assert_eq!(i.kind.check(&i.raw).expect("checks").normalized, i.normalized);
            match i.kind {
                IdentifierKind::Email => assert!(is_reserved_email(&i.normalized), "{}", i.raw),
                IdentifierKind::RoutingNumber => assert_eq!(aba_problem(&i.raw), None, "{}", i.raw),
                IdentifierKind::Phone => assert_eq!(&i.normalized[5..10], "55501", "{}", i.raw),
                IdentifierKind::Ip => assert!(is_documentation_ip(&i.normalized), "{}", i.raw),
                // A code-hosting profile reduces to its site and handle.
                IdentifierKind::Url => assert!(
                    i.normalized.starts_with("github:demo-") || i.normalized.contains(".example.net/"),
                    "{}",
                    i.raw
                ),
                _ => {}
            }
            seen.entry((i.kind, i.normalized.clone())).or_default().insert(id);
        }

        let payments = ws.payments(id).expect("payments");
        assert!(payments.len() <= 3);
        for p in payments.iter().filter(|p| !p.routing_number.is_empty()) {
            assert_eq!(aba_problem(&p.routing_number), None, "{}", p.routing_number);
        }

        let notes = ws.count_notes(id).expect("notes");
        assert!((1..=5).contains(&notes));

        counted.cases += 1;
        counted.subjects += subjects.len() as u64;
        counted.identifiers += identifiers.len() as u64;
        counted.payments += payments.len() as u64;
        counted.marks += marks as u64;
        counted.notes += notes;
    }
    assert_eq!(counted, stats, "the stats count what was written");
    assert!(flagged_cases >= 20, "suspicious cases show several red flags ({flagged_cases})");
    assert!(statuses.len() >= 4, "statuses are spread: {statuses:?}");

    // About one case in twenty repeats a phone, email, address or account from another case.
    let deliberate =
        [IdentifierKind::Phone, IdentifierKind::Email, IdentifierKind::Address, IdentifierKind::BankAccount];
    let shared = seen.iter().filter(|((kind, _), cases)| deliberate.contains(kind) && cases.len() > 1).count();
    assert!((3..=45).contains(&shared), "{shared} shared details");

    // Every case was audited and sealed in its batch (after the workspace's own first row), and the
    // record holds.
    let check = ws.verify_audit().expect("verify");
    assert!(check.holds(), "{}", check.headline());
    assert_eq!(check.chain.rows, 301);
    let first = stats.first_case.expect("first");
    let row = &ws.audit_log(Some(first), 10, 0).expect("audit log")[0];
    assert_eq!(row.action, "case.create");
    assert_eq!(row.details["demo"], true);
    assert_eq!(row.details["title"], ws.case(first).expect("case").title.as_str());
    assert_eq!(
        row.details["marks"],
        ws.checklist(first).expect("checklist").iter().filter(|e| e.state != MarkState::Open).count()
    );

    // The case list pages in SQL.
    let page = |offset| ws.cases(&CaseQuery { limit: 50, offset, ..CaseQuery::default() }).expect("page");
    let (one, two) = (page(0), page(50));
    assert_eq!((one.len(), two.len()), (50, 50));
    assert!(one.iter().all(|r| r.row.candidate.is_some()));
    let ids: HashSet<i64> = one.iter().chain(&two).map(|r| r.row.id).collect();
    assert_eq!(ids.len(), 100, "pages do not overlap");
    assert_eq!(page(250).len(), 50);
    assert!(page(300).is_empty());
    assert_eq!(ws.count_cases(&CaseQuery::default()).expect("count"), 300);
    assert!(!ws.search_notes("laptop", 5).expect("search").is_empty(), "notes are searchable");
}

#[test]
fn the_same_seed_and_clock_give_the_same_cases() {
    let (a, sa) = in_memory(7, 60);
    let (b, sb) = in_memory(7, 60);
    let (c, _) = in_memory(8, 60);
    assert_eq!(sa, sb);
    let first = sa.first_case.expect("first");
    let case = |ws: &Workspace| ws.case(first).expect("case");
    let idents = |ws: &Workspace| {
        ws.identifiers(first)
            .expect("identifiers")
            .into_iter()
            .map(|i| (i.kind, i.raw, i.created_at))
            .collect::<Vec<_>>()
    };
    assert_eq!(case(&a), case(&b));
    assert_eq!(idents(&a), idents(&b));
    assert_eq!(a.notes(first, 10, 0).expect("notes"), b.notes(first, 10, 0).expect("notes"));
    assert_eq!(a.checklist(first).expect("c").len(), b.checklist(first).expect("c").len());
    assert_ne!(idents(&a), idents(&c), "another seed, other details");
}

#[test]
fn a_fill_adds_to_a_workspace_that_already_has_cases() {
    let mut ws = Workspace::open_in_memory("demo-tester").expect("workspace");
    ws.set_clock(Clock::Fixed(now()));
    let own = ws
        .create_case(&NewCase {
            title: "Real case".into(),
            priority: vetdesk::domain::Priority::Medium,
            candidate: None,
        })
        .expect("case");
    let first = fill(&mut ws, 10, 1);
    let second = fill(&mut ws, 10, 2);
    assert_eq!(first.first_case, Some(own + 1));
    assert_eq!(second.first_case, Some(own + 11));
    assert_eq!(ws.count_cases(&CaseQuery::default()).expect("count"), 21);
    assert_eq!(ws.case(own).expect("own case").title, "Real case");
    let check = ws.verify_audit().expect("verify");
    assert!(check.holds(), "{}", check.headline());
    assert_eq!(check.chain.rows, 22);
}

#[test]
fn progress_is_reported_after_each_batch() {
    let mut ws = Workspace::open_in_memory("demo-tester").expect("workspace");
    ws.set_clock(Clock::Fixed(now()));
    let mut calls = Vec::new();
    let cases = demo::BATCH + 5;
    let stats = demo::fill(&mut ws, cases, 3, &mut |done, total| calls.push((done, total))).expect("fill");
    assert_eq!(calls, [(demo::BATCH, cases), (cases, cases)]);
    assert_eq!(stats.cases, u64::from(cases));
    let none = demo::fill(&mut ws, 0, 3, &mut |_, _| panic!("no batch, no progress")).expect("empty fill");
    assert_eq!(none, DemoStats::default());
}

/// A fill that has the workspace to itself writes through SQLite's rollback journal; another vetdesk that
/// wrote in the log just before must find its change there, and its next change must find the record
/// whole. (Before the fill forgot the pages it had read in the log, the second round's `subject add`
/// found case 2 differing from its seal: the fill had written a stale page back over the first round's
/// change.)
#[test]
fn a_fill_started_beside_another_writer_keeps_that_writers_changes() {
    let dir = tempfile::tempdir().expect("folder");
    let db = dir.path().join("ws.db");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_vetdesk"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("VETDESK_KEY_DIR", dir.path().join("keys"))
            .env("USER", "demo-tester")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("vetdesk")
    };
    let done = |child: std::process::Child, what: &str| {
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success(), "{what}: {}", String::from_utf8_lossy(&out.stderr));
    };
    done(run(&["demo", "--cases", "5"]), "the first demo cases");
    for round in 0..8u64 {
        let fill = run(&["demo", "--force", "--cases", "30"]);
        std::thread::sleep(std::time::Duration::from_millis(round * 11 % 80));
        done(run(&["subject", "add", "2", &format!("Round {round}")]), "a subject added beside the fill");
        done(fill, "the fill");
    }
    done(run(&["audit", "verify"]), "audit verify");
}

/// A command stopped by Ctrl-C or `kill` leaves no workspace it was creating: a fill into a new one,
/// stopped while its transaction holds the file, leaves neither the file nor its journal.
#[test]
fn a_fill_stopped_by_a_signal_leaves_no_workspace_it_created() {
    use nix::sys::signal::Signal;
    let dir = tempfile::tempdir().expect("folder");
    let db = dir.path().join("new").join("ws.db");
    for signal in [Signal::SIGINT, Signal::SIGTERM] {
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_vetdesk"))
            .arg("--db")
            .arg(&db)
            .args(["demo", "--cases", "100000"])
            .env("VETDESK_KEY_DIR", dir.path().join("keys"))
            .env("USER", "demo-tester")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("vetdesk");
        let journal = dir.path().join("new").join("ws.db-journal");
        let started = std::time::Instant::now();
        while !journal.exists() {
            assert!(started.elapsed() < std::time::Duration::from_secs(30), "the fill never started");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), signal).expect("kill");
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(128 + signal as i32), "{signal}");
        assert!(!dir.path().join("new").exists(), "{signal}: the new workspace and its folder are gone");
    }
}
