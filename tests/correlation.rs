//! Cross-case correlation through the library: links, clusters, reference lists, resume similarity and
//! suggested checklist items, each on a temporary workspace.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use vetdesk::Workspace;
use vetdesk::domain::link::{Counterpart, ListKind, Strength};
use vetdesk::domain::{IdentifierKind, MarkState, NewPayment, Priority, Role, SubjectFields};
use vetdesk::workspace::{Decision, NewCase};

struct Fixture {
    dir: tempfile::TempDir,
    ws: Workspace,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let mut ws =
            Workspace::open(&dir.path().join("ws.db"), "ana", common::keys_beside(&dir.path().join("ws.db"))).unwrap();
        // This test's own executable is the harness, not vetdesk.
        ws.set_resume_reader(vetdesk::resume::Reader::child(env!("CARGO_BIN_EXE_vetdesk")));
        Fixture { dir, ws }
    }

    fn case(&mut self, title: &str) -> i64 {
        self.ws.create_case(&NewCase { title: title.into(), priority: Priority::Medium, candidate: None }).unwrap()
    }

    fn ident(&mut self, case: i64, kind: IdentifierKind, value: &str) -> i64 {
        self.ws.add_identifier(case, kind, value, None, "", false).unwrap().id
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    fn resume(&mut self, case: i64, name: &str, text: &str) -> vetdesk::Result<i64> {
        let p = self.file(name, text);
        self.ws.attach_evidence(case, &p, "resume", &[], true, &mut |_, _| true)
    }

    /// Audit actions, oldest first.
    fn audit_actions(&self) -> Vec<String> {
        self.ws.audit_log(None, 1000, 0).unwrap().into_iter().rev().map(|r| r.action).collect()
    }
}

fn payment(routing: &str, account: &str) -> NewPayment {
    NewPayment {
        subject_id: None,
        paid_on: "2026-03-01".into(),
        amount_cents: 250_000,
        currency: "USD".into(),
        method: "wire".into(),
        recipient: String::new(),
        bank: String::new(),
        routing_number: routing.into(),
        account: account.into(),
        note: String::new(),
        ..NewPayment::default()
    }
}

#[test]
fn a_phone_typed_two_ways_links_two_cases_strongly() {
    let mut f = Fixture::new();
    f.ws.set_phone_country(Some("US")).unwrap();
    let (a, b, c) = (f.case("Applicant A"), f.case("Applicant B"), f.case("Applicant C"));
    f.ident(a, IdentifierKind::Phone, "+1 (202) 555-0143");
    f.ident(b, IdentifierKind::Phone, "202.555.0143 ext. 7");
    f.ident(c, IdentifierKind::Phone, "+44 20 7946 0958");

    let links = f.ws.links(a).unwrap();
    assert_eq!(links.len(), 1, "{links:#?}");
    let l = &links[0];
    assert_eq!(l.strength, Strength::Strong);
    assert_eq!(l.group, "phone");
    assert_eq!(l.this.raw, "+1 (202) 555-0143");
    match &l.other {
        Counterpart::Case { held, title } => {
            assert_eq!((held.case_id, held.raw.as_str(), title.as_str()), (b, "202.555.0143 ext. 7", "Applicant B"));
        }
        other => panic!("expected a case, got {other:?}"),
    }
    assert!(f.ws.links(c).unwrap().is_empty(), "a different number links nothing");
}

#[test]
fn changing_the_phone_country_rekeys_stored_phones_in_one_audited_change() {
    let mut f = Fixture::new();
    let (a, b) = (f.case("A"), f.case("B"));
    f.ident(a, IdentifierKind::Phone, "+1 202 555 0143");
    f.ident(b, IdentifierKind::Phone, "(202) 555-0143");
    assert!(
        f.ws.links(a).unwrap().iter().all(|l| l.strength == Strength::Weak),
        "without a country the national number is only a weak link"
    );
    f.ws.set_phone_country(Some("us")).unwrap();
    assert_eq!(f.ws.match_settings().unwrap().phone_country.as_deref(), Some("US"));
    assert_eq!(f.ws.links(a).unwrap()[0].strength, Strength::Strong);
    assert_eq!(f.audit_actions().last().map(String::as_str), Some("settings.phone-country"));
    assert!(f.ws.set_phone_country(Some("ZZ")).is_err(), "unknown countries are refused");
}

#[test]
fn shared_networks_and_buildings_are_weak_links_and_never_join_clusters() {
    let mut f = Fixture::new();
    let (a, b) = (f.case("A"), f.case("B"));
    f.ident(a, IdentifierKind::Ip, "203.0.113.7");
    f.ident(b, IdentifierKind::Ip, "203.0.113.200");
    f.ident(a, IdentifierKind::Address, "12 Main Street, Apt 4, Springfield, IL 62701");
    f.ident(b, IdentifierKind::Address, "12 Main St. Unit 9, Springfield, IL 62701-1234");

    let links = f.ws.links(a).unwrap();
    assert_eq!(links.len(), 2, "{links:#?}");
    assert!(links.iter().all(|l| l.strength == Strength::Weak));
    assert!(links.iter().any(|l| l.reason.contains("/24")), "{links:#?}");
    assert!(links.iter().any(|l| l.reason.contains("building")), "{links:#?}");
    assert!(f.ws.clusters().unwrap().is_empty(), "weak links do not make clusters");
    assert!(f.ws.suggestions(a).unwrap().is_empty(), "weak links suggest nothing");
    assert!(f.ws.linked_cases(&[a, b]).unwrap().is_empty(), "nor do they mark the case list");
}

#[test]
fn a_payment_account_matches_a_bank_account_identifier_only_with_its_routing_number() {
    let mut f = Fixture::new();
    let (a, b, c) = (f.case("A"), f.case("B"), f.case("C"));
    f.ident(a, IdentifierKind::BankAccount, "076401251:000123456789");
    f.ws.add_payment(b, &payment("0764-0125-1", "0001 2345 6789")).unwrap();
    f.ws.add_payment(c, &payment("", "000123456789")).unwrap();

    let links = f.ws.links(a).unwrap();
    let strong: Vec<_> = links.iter().filter(|l| l.strength == Strength::Strong).collect();
    assert_eq!(strong.len(), 1, "{links:#?}");
    assert_eq!(strong[0].other_case(), Some(b));
    assert!(links.iter().any(|l| l.strength == Strength::Weak && l.other_case() == Some(c)), "{links:#?}");
    let s = f.ws.suggestions(a).unwrap();
    assert_eq!(s.iter().map(|s| s.code.as_str()).collect::<Vec<_>>(), ["RF-PAY-05"]);
}

/// The records of one case holding a value and those of another case holding it, as `(this, other)` ids.
fn pairs(links: &[vetdesk::domain::link::Link], other: i64) -> Vec<(i64, i64)> {
    links
        .iter()
        .filter(|l| l.strength == Strength::Strong)
        .filter_map(|l| match &l.other {
            Counterpart::Case { held, .. } if held.case_id == other => Some((l.this.id, held.id)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_value_held_several_times_on_both_sides_names_every_record_once_not_every_pair() {
    let mut f = Fixture::new();
    let (a, b, c) = (f.case("A"), f.case("B"), f.case("C"));
    // Three people of case A paid into one account, two records of case B hold it, one of case C.
    let held_by = |f: &mut Fixture, case, name: &str, value: &str| {
        let person = f.ws.add_subject(case, Role::Candidate, name, &SubjectFields::default()).unwrap();
        f.ws.add_identifier(case, IdentifierKind::BankAccount, value, Some(person), "", false).unwrap().id
    };
    let here: Vec<i64> =
        [("Ana", "076401251:000123456789"), ("Ben", "076401251/000123456789"), ("Cy", "076401251 000123456789")]
            .into_iter()
            .map(|(name, value)| held_by(&mut f, a, name, value))
            .collect();
    let there = [
        held_by(&mut f, b, "Dee", "076401251:000123456789"),
        f.ws.add_payment(b, &payment("076401251", "000123456789")).unwrap(),
    ];
    let third = f.ident(c, IdentifierKind::BankAccount, "076401251:000123456789");

    let links = f.ws.links(a).unwrap();
    // Three records here, two there: three rows (not six), each record of either side named.
    let with_b = pairs(&links, b);
    assert_eq!(with_b.len(), 3, "{links:#?}");
    let named = |side: fn(&(i64, i64)) -> i64| with_b.iter().map(side).collect::<BTreeSet<i64>>();
    assert_eq!(named(|p| p.0), here.iter().copied().collect());
    // An identifier of B and a payment of B: their numbers differ (identifier #4, payment #1).
    assert_eq!(named(|p| p.1), there.iter().copied().collect());
    // One record in case C: each record here is paired with it, as with any value held once on a side.
    assert_eq!(pairs(&links, c), here.iter().map(|&h| (h, third)).collect::<Vec<_>>());
    // Seen from B, the same: three rows, every record of both sides named.
    let from_b = pairs(&f.ws.links(b).unwrap(), a);
    assert_eq!(from_b.len(), 3);
    assert_eq!(from_b.iter().map(|p| p.1).collect::<BTreeSet<_>>().len(), 3);
    // The suggestion names each other case once.
    let s = f.ws.suggestions(a).unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].reasons.len(), 1, "{s:#?}");
    assert!(s[0].reasons[0].text.ends_with(&format!("also in case #{b}, #{c}")), "{s:#?}");
}

/// Weak links are listed to at most 25 other cases per value (a VPN provider's /24 can be held in
/// thousands), each with every record of it holding the value, and the reason says when cases were left
/// out: one case holding a network many times does not hide another case holding it.
#[test]
fn weak_links_list_every_case_up_to_their_bound_and_say_how_many_were_left_out() {
    let mut f = Fixture::new();
    let (probe, busy, quiet) = (f.case("probe"), f.case("busy"), f.case("quiet"));
    f.ident(probe, IdentifierKind::Ip, "203.0.113.7");
    for host in 10..40 {
        f.ident(busy, IdentifierKind::Ip, &format!("203.0.113.{host}"));
    }
    f.ident(quiet, IdentifierKind::Ip, "203.0.113.200");
    let weak_to = |links: &[vetdesk::domain::link::Link]| {
        let mut cases: Vec<i64> =
            links.iter().filter(|l| l.strength == Strength::Weak).filter_map(|l| l.other_case()).collect();
        cases.dedup();
        cases
    };
    let links = f.ws.links(probe).unwrap();
    assert_eq!(weak_to(&links), [busy, quiet], "{links:#?}");
    assert_eq!(links.iter().filter(|l| l.other_case() == Some(busy)).count(), 30, "every record of the busy case");
    assert!(links.iter().all(|l| l.reason == "same /24 network"), "nothing left out, nothing said: {links:#?}");

    // 27 other cases hold the network: the first 25 are listed, and every row says so.
    let mut others = vec![busy, quiet];
    for n in 0..25 {
        let c = f.case(&format!("more {n}"));
        f.ident(c, IdentifierKind::Ip, &format!("203.0.113.{}", 100 + n));
        others.push(c);
    }
    let links = f.ws.links(probe).unwrap();
    assert_eq!(weak_to(&links), others[..25], "{links:#?}");
    assert!(
        links.iter().all(|l| l.reason == "same /24 network (listed for the first 25 of the 27 other cases holding it)"),
        "{:#?}",
        links.iter().map(|l| &l.reason).collect::<BTreeSet<_>>()
    );
}

#[test]
fn clusters_join_cases_through_each_other_largest_first() {
    let mut f = Fixture::new();
    let ids: Vec<i64> = (1..=6).map(|n| f.case(&format!("Case {n}"))).collect();
    f.ident(ids[0], IdentifierKind::Email, "Jane.Doe+jobs@gmail.com");
    f.ident(ids[1], IdentifierKind::Email, "janedoe@googlemail.com");
    f.ident(ids[1], IdentifierKind::CryptoWallet, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    f.ident(ids[2], IdentifierKind::CryptoWallet, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
    f.ident(ids[3], IdentifierKind::Url, "https://www.github.com/DevPerson/");
    f.ident(ids[4], IdentifierKind::Url, "github.com/devperson");
    f.ident(ids[5], IdentifierKind::DeviceSerial, "SN: C02-XK1");
    // The same user name typed with no site is a weak link only: it joins no cluster.
    f.ident(ids[5], IdentifierKind::Handle, "@devperson");

    let clusters = f.ws.clusters().unwrap();
    let members: Vec<Vec<i64>> = clusters.iter().map(|c| c.cases.iter().map(|x| x.id).collect()).collect();
    assert_eq!(members, vec![vec![ids[0], ids[1], ids[2]], vec![ids[3], ids[4]]]);
    assert_eq!(clusters[0].cases[0].title, "Case 1");
    let groups: Vec<&str> = clusters[0].shared.iter().map(|s| s.group.as_str()).collect();
    assert!(groups.contains(&"email") && groups.contains(&"crypto-wallet"), "{groups:?}");
    assert_eq!(clusters[1].shared[0].group, "handle", "a profile URL and a handle match");
    assert_eq!(f.ws.linked_cases(&ids).unwrap().len(), 5, "every clustered case is marked, the lone one is not");
}

#[test]
fn clusters_join_bank_accounts_typed_as_identifiers_with_payments_to_them() {
    let mut f = Fixture::new();
    let ids: Vec<i64> = (1..=6).map(|n| f.case(&format!("Case {n}"))).collect();
    // Three accounts, each held by an identifier in one case and a payment in another, the identifiers'
    // and the payments' keys interleaved in key order, so that each account's holders meet only if the
    // two sources are read as one list.
    f.ident(ids[0], IdentifierKind::BankAccount, "021000021:000111");
    f.ident(ids[2], IdentifierKind::BankAccount, "076401251:000333");
    f.ws.add_payment(ids[1], &payment("021000021", "000111")).unwrap();
    f.ws.add_payment(ids[1], &payment("026009593", "000222")).unwrap();
    f.ws.add_payment(ids[4], &payment("026009593", "000222")).unwrap();
    f.ws.add_payment(ids[3], &payment("076401251", "000333")).unwrap();
    // An account no other case holds joins nothing.
    f.ws.add_payment(ids[5], &payment("011000015", "000444")).unwrap();

    let clusters = f.ws.clusters().unwrap();
    let members: Vec<Vec<i64>> = clusters.iter().map(|c| c.cases.iter().map(|x| x.id).collect()).collect();
    assert_eq!(members, vec![vec![ids[0], ids[1], ids[4]], vec![ids[2], ids[3]]]);
    let keys: Vec<(&str, &str, &[i64])> =
        clusters[0].shared.iter().map(|s| (s.group.as_str(), s.key.as_str(), s.cases.as_slice())).collect();
    assert_eq!(
        keys,
        [
            ("bank-account", "021000021:000111", &[ids[0], ids[1]][..]),
            ("bank-account", "026009593:000222", &[ids[1], ids[4]][..])
        ]
    );
}

const RESUME: &str = "Senior full-stack engineer with nine years of experience building payment platforms and \
    internal tools for fintech companies. Led a team of five engineers that migrated a monolithic billing \
    service to event-driven microservices written in Go and TypeScript, cutting invoice latency by sixty \
    percent. Designed PostgreSQL schemas for ledgers handling two million transactions a day, wrote the \
    reconciliation jobs and the on-call runbooks. Built React dashboards for finance operations with role-based \
    access and audit trails. Comfortable with AWS, Terraform, Kubernetes, GitHub Actions and observability with \
    Prometheus and Grafana. Previously a contractor for logistics startups, delivering route optimisation \
    features and integrations with carrier APIs. Bachelor of Science in Computer Science. Available immediately \
    for remote contract work in any time zone, prefers asynchronous communication over chat.";

const OTHER_RESUME: &str = "Data analyst who spent six years in hospital administration turning spreadsheets into \
    reporting pipelines. Wrote SQL against the electronic health record warehouse, automated weekly bed \
    occupancy forecasts in Python, and trained ward managers to read the dashboards. Volunteer treasurer for a \
    community rowing club, responsible for membership fees and grant applications. Certificate in health \
    informatics, fluent in Spanish, currently studying for a statistics degree part time in the evenings.";

#[test]
fn near_duplicate_resumes_link_and_unrelated_ones_do_not() {
    let mut f = Fixture::new();
    let (a, b, c) = (f.case("A"), f.case("B"), f.case("C"));
    f.resume(a, "alex.txt", &format!("Alex Morgan\nalex.morgan@example.com\n\n{RESUME}")).unwrap();
    let tweaked = RESUME.replace("nine years", "eight years").replace("Go and TypeScript", "Go, Rust and TypeScript");
    f.resume(b, "sam.md", &format!("# Sam Carter\nsam.carter@example.org\n\n{tweaked}")).unwrap();
    f.resume(c, "pat.txt", OTHER_RESUME).unwrap();

    let links = f.ws.links(a).unwrap();
    assert_eq!(links.len(), 1, "{links:#?}");
    assert_eq!(links[0].strength, Strength::Similar);
    assert_eq!(links[0].other_case(), Some(b));
    let similarity = links[0].similarity.unwrap();
    assert!(similarity >= f.ws.match_settings().unwrap().resume_threshold, "{similarity}");
    assert!(f.ws.links(c).unwrap().is_empty());
    assert_eq!(f.ws.suggestions(b).unwrap()[0].code, "RF-RES-01");
    assert_eq!(f.ws.clusters().unwrap()[0].resumes.len(), 1);

    f.ws.set_resume_threshold(1.0).unwrap();
    assert!(f.ws.links(a).unwrap().is_empty(), "a stricter threshold drops the near-duplicate");
    assert!(f.ws.set_resume_threshold(0.05).is_err(), "a threshold the index cannot honour is refused");
}

#[test]
fn a_resume_vetdesk_cannot_read_is_refused_before_anything_is_stored() {
    let mut f = Fixture::new();
    let a = f.case("A");
    let before = f.ws.audit_log(None, 100, 0).unwrap().len();
    let err = f.resume(a, "cv.odt", RESUME).unwrap_err().to_string();
    assert!(err.contains("resumes in"), "{err}");
    let err = f.resume(a, "empty.txt", "   ").unwrap_err().to_string();
    assert!(err.contains("words"), "{err}");
    assert_eq!(f.ws.audit_log(None, 100, 0).unwrap().len(), before);
    assert!(f.ws.evidence(a).unwrap().is_empty());
}

#[test]
fn reference_lists_match_by_normalized_value_and_name_the_list() {
    let mut f = Fixture::new();
    let a = f.case("A");
    f.ident(a, IdentifierKind::Address, "77 Harbor Road, Suite 210, Newark, NJ 07105-3301");
    f.ident(a, IdentifierKind::Phone, "+1 202 555 0188");
    f.ws.add_payment(a, &payment("021000021", "998877")).unwrap();
    let forwarders =
        f.file("forwarders.txt", "# reshippers seen in 2026\n77 harbor rd ste 210 newark nj 07105\tShipFast LLC\n");
    let voip = f.file("voip.txt", "+1 202 555 01*\tfictional VoIP block\n");
    let msb = f.file("msb.txt", "021000021\tExample Remit\nnot-a-number\n");
    f.ws.import_list(ListKind::FreightForwarder, &forwarders, None).unwrap();
    f.ws.import_list(ListKind::Voip, &voip, Some("voip-2026")).unwrap();
    let summary = f.ws.import_list(ListKind::Msb, &msb, None).unwrap();
    assert_eq!((summary.entries, summary.skipped.len()), (1, 1), "the malformed line is skipped and reported");

    let links = f.ws.links(a).unwrap();
    let lists: Vec<String> = links
        .iter()
        .filter_map(|l| match &l.other {
            Counterpart::List { name, .. } => Some(name.clone()),
            Counterpart::Case { .. } => None,
        })
        .collect();
    assert_eq!(lists.len(), 3, "{links:#?}");
    for name in ["forwarders", "voip-2026", "msb"] {
        assert!(lists.contains(&name.to_string()), "{name} in {lists:?}");
    }
    assert!(links.iter().all(|l| l.strength == Strength::Listed));
    let range = links.iter().find_map(|l| match &l.other {
        Counterpart::List { name, entry, .. } if name == "voip-2026" => Some(entry.as_str()),
        _ => None,
    });
    assert_eq!(range, Some("+1 202 555 01*"), "a range is shown as a range, as its list wrote it");
    let codes: Vec<String> = f.ws.suggestions(a).unwrap().into_iter().map(|s| s.code).collect();
    assert_eq!(codes, ["RF-COM-01", "RF-LOC-02", "RF-PAY-04"]);

    // A range as wide as a country or an area code is skipped and reported: it would list every number there.
    let wide = f.file("voip2.txt", "+1*\n+1 202*\n+1 444 555*\n");
    let again = f.ws.import_list(ListKind::Voip, &wide, Some("voip-2026")).unwrap();
    assert_eq!(again.entries, 1);
    let skipped: Vec<String> = again.skipped.iter().map(|(line, why)| format!("{line}: {why}")).collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped[1].starts_with("2: \"+1 202*\": a range needs at least 6 digits before the `*` (4 here)"),
        "{skipped:?}"
    );
    assert!(again.replaced);
    assert_eq!(f.ws.links(a).unwrap().len(), 2, "the replaced range no longer matches");
    f.ws.void_list("msb", "no longer used").unwrap();
    let lists = f.ws.lists().unwrap();
    assert_eq!(lists.len(), 3, "a voided list stays");
    assert!(lists.iter().find(|l| l.name == "msb").unwrap().void.is_some());
    let actions = f.audit_actions();
    assert_eq!(actions.iter().filter(|a| *a == "list.import").count(), 4);
    assert!(actions.contains(&"list.void".to_string()));
}

#[test]
fn a_list_file_that_is_not_text_or_has_no_entries_is_refused() {
    let mut f = Fixture::new();
    let bad = f.dir.path().join("bad.txt");
    std::fs::write(&bad, b"ok\n\xff\xfe\n").unwrap();
    let err = f.ws.import_list(ListKind::BadEmail, &bad, None).unwrap_err().to_string();
    assert!(err.contains("line 2 is not UTF-8"), "{err}");
    let empty = f.file("empty.txt", "# nothing yet\n\n");
    assert!(f.ws.import_list(ListKind::BadPhone, &empty, None).unwrap_err().to_string().contains("no bad-phone"));
    assert!(f.ws.lists().unwrap().is_empty());
}

#[test]
fn accepting_a_suggestion_flags_the_item_with_its_reasons_and_audits_it() {
    let mut f = Fixture::new();
    let (a, b) = (f.case("A"), f.case("B"));
    f.ident(a, IdentifierKind::Email, "recruit.me@example.com");
    f.ident(b, IdentifierKind::Email, "Recruit.Me@Example.com");
    let s = f.ws.suggestions(a).unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].code, "RF-COM-02");
    assert!(s[0].reasons[0].text.contains(&format!("case #{b}")), "{s:#?}");
    let score_before = f.ws.assessment(a).unwrap().score;

    f.ws.decide_suggestion(a, "rf-com-02", Decision::Accept, "confirmed with HR").unwrap();
    let entry = f.ws.checklist(a).unwrap().into_iter().find(|e| e.item.code == "RF-COM-02").unwrap();
    assert_eq!(entry.state, MarkState::Flagged);
    assert!(entry.note.contains("Suggested by vetdesk") && entry.note.contains("confirmed with HR"), "{}", entry.note);
    assert!(f.ws.assessment(a).unwrap().score > score_before);
    assert!(f.ws.suggestions(a).unwrap().is_empty(), "an accepted suggestion does not come back");
    let row = f.ws.audit_log(Some(a), 100, 0).unwrap().into_iter().next().unwrap();
    assert_eq!(row.action, "suggestion.accept");
    assert_eq!(row.details["code"], "RF-COM-02");
    assert!(f.ws.verify_audit().unwrap().holds());
    assert!(f.ws.decide_suggestion(a, "RF-COM-02", Decision::Accept, "").is_err(), "nothing left to accept");
}

#[test]
fn a_dismissed_suggestion_stays_dismissed_until_something_new_prompts_it() {
    let mut f = Fixture::new();
    let (a, b, c) = (f.case("A"), f.case("B"), f.case("C"));
    f.ident(a, IdentifierKind::Phone, "+1 202 555 0177");
    f.ident(b, IdentifierKind::Phone, "+1 202 555 0177");
    f.ws.decide_suggestion(a, "RF-COM-02", Decision::Dismiss, "shared family landline").unwrap();
    assert_eq!(f.ws.checklist(a).unwrap().iter().find(|e| e.item.code == "RF-COM-02").unwrap().state, MarkState::Open);
    assert!(f.ws.suggestions(a).unwrap().is_empty());
    let row = f.ws.audit_log(Some(a), 100, 0).unwrap().into_iter().next().unwrap();
    assert_eq!(
        (row.action.as_str(), row.details["why"].as_str()),
        ("suggestion.dismiss", Some("shared family landline"))
    );

    f.ident(a, IdentifierKind::Email, "same@example.net");
    f.ident(c, IdentifierKind::Email, "same@example.net");
    let s = f.ws.suggestions(a).unwrap();
    assert_eq!(s.len(), 1, "a new shared value is a new reason");
    assert_eq!(s[0].reasons.len(), 1);
    assert!(s[0].reasons[0].text.contains("email"), "{s:#?}");
}

#[test]
fn a_routing_number_that_fails_its_check_suggests_the_payment_check() {
    let mut f = Fixture::new();
    let a = f.case("A");
    f.ws.add_identifier(a, IdentifierKind::RoutingNumber, "076401252", None, "", true).unwrap();
    let s = f.ws.suggestions(a).unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].code, "DD-PAY-01");
    assert!(s[0].reasons[0].text.contains("checksum"), "{s:#?}");
}

#[test]
fn an_item_already_flagged_is_not_suggested() {
    let mut f = Fixture::new();
    let (a, b) = (f.case("A"), f.case("B"));
    f.ident(a, IdentifierKind::DocumentNumber, "P1234567");
    f.ident(b, IdentifierKind::DocumentNumber, "p-123 4567");
    assert_eq!(f.ws.suggestions(a).unwrap()[0].code, "RF-ID-02");
    f.ws.set_mark(a, "RF-ID-02", MarkState::Flagged, None).unwrap();
    assert!(f.ws.suggestions(a).unwrap().is_empty());
}
