//! Phone matching against libphonenumber's own example numbers (PhoneNumberMetadata.xml, every region,
//! fixed line and mobile), written nationally, internationally, in E.164 and as dialled from another
//! country with that country's international prefix. The file and the E.164 each form must give come
//! from libphonenumber (tools/agreement/phone_examples.py), not from vetdesk.

mod common;

use std::collections::BTreeMap;

use vetdesk::Workspace;
use vetdesk::domain::IdentifierKind;
use vetdesk::domain::identifier::{Checked, Rules};

struct Example {
    workspace: String,
    written: String,
    e164: String,
    region: String,
    form: String,
}

fn examples() -> Vec<Example> {
    let text = include_str!("data/phone_examples.tsv");
    let rows: Vec<Example> = text
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 5, "{line}");
            Example {
                workspace: cols[0].into(),
                written: cols[1].into(),
                e164: cols[2].into(),
                region: cols[3].into(),
                form: cols[4].into(),
            }
        })
        .collect();
    assert!(rows.len() > 1500, "{} examples", rows.len());
    rows
}

fn check(country: &str, raw: &str) -> Checked {
    let rules = Rules { phone_country: Some(country.to_string()) };
    IdentifierKind::Phone.check_with(raw, &rules).unwrap()
}

#[test]
fn every_written_form_of_an_example_gives_its_e164_without_warning() {
    let mut wrong = Vec::new();
    let mut forms = BTreeMap::new();
    for ex in examples() {
        let c = check(&ex.workspace, &ex.written);
        *forms.entry(ex.form.split('-').next().unwrap_or_default().to_string()).or_insert(0) += 1;
        if c.normalized != ex.e164 || c.warning.is_some() {
            wrong.push(format!(
                "{} in {} ({} {}): {} {:?}, expected {}",
                ex.written, ex.workspace, ex.region, ex.form, c.normalized, c.warning, ex.e164
            ));
        }
    }
    assert!(wrong.is_empty(), "{} of the examples differ:\n{}", wrong.len(), wrong.join("\n"));
    for form in ["national", "international", "e164", "idd"] {
        assert!(forms.get(form).copied().unwrap_or(0) > 200, "{form}: {forms:?}");
    }
}

/// Pairs of written forms of the same example link strongly; forms of different examples never do, and
/// above all never across countries.
#[test]
fn pairs_link_only_when_libphonenumber_says_they_are_one_number() {
    let all = examples();
    let keys: Vec<(String, &Example)> =
        all.iter().map(|ex| (check(&ex.workspace, &ex.written).normalized, ex)).collect();
    let (mut same, mut different, mut across_countries) = (0, 0, 0);
    for (i, (key_a, a)) in keys.iter().enumerate() {
        // Each form against its neighbours (the other forms of its example, then the next examples).
        for (key_b, b) in keys.iter().skip(i + 1).take(12) {
            if a.e164 == b.e164 {
                assert_eq!(
                    key_a, key_b,
                    "{} ({}) and {} ({}) are one number",
                    a.written, a.workspace, b.written, b.workspace
                );
                same += 1;
            } else {
                assert_ne!(key_a, key_b, "{} ({}) and {} ({}) differ", a.written, a.workspace, b.written, b.workspace);
                different += 1;
                if a.region != b.region {
                    across_countries += 1;
                }
            }
        }
    }
    assert!(same >= 100 && different >= 100 && across_countries >= 100, "{same} {different} {across_countries}");
}

/// The same national significant digits under two countries: a different number, never a strong link
/// (the examples of one country typed as if they belonged to another country with the same length).
#[test]
fn the_same_digits_in_two_countries_never_link_strongly() {
    let all = examples();
    // Each region's calling code, as libphonenumber writes it in the international form (`+CODE rest`).
    let codes: BTreeMap<&str, &str> = all
        .iter()
        .filter(|ex| ex.form == "international")
        .filter_map(|ex| Some((ex.region.as_str(), ex.written.strip_prefix('+')?.split(' ').next()?)))
        .collect();
    let nationals: Vec<&Example> = all.iter().filter(|ex| ex.form == "national").collect();
    let mut compared = 0;
    for pair in nationals.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        // Countries sharing a calling code (North America's +1, +7, +44…) share one numbering plan.
        if codes.get(a.region.as_str()) == codes.get(b.region.as_str()) {
            continue;
        }
        let ka = check(&a.workspace, &a.written);
        let kb = check(&b.workspace, &a.written);
        if kb.warning.is_none() {
            assert_ne!(ka.normalized, kb.normalized, "{} read in {} and in {}", a.written, a.workspace, b.workspace);
        }
        compared += 1;
    }
    assert!(compared >= 100, "{compared}");
}

#[test]
fn the_issues_examples() {
    // Written in Mongolia, 001 is Mongolia's international prefix: a Budapest number.
    let budapest = check("MN", "001 36 1 234 5330");
    assert_eq!(budapest.normalized, "+3612345330");
    assert_ne!(budapest.normalized, check("MN", "+1 361-234-5330").normalized);
    assert_ne!(budapest.normalized, check("US", "+1 361-234-5330").normalized);
    // An Argentine mobile written locally meets its international form.
    assert_eq!(check("AR", "011 15-2925-4708").normalized, check("AR", "+54 9 11 2925-4708").normalized);
    assert_eq!(check("AR", "011 15-2925-4708").normalized, "+5491129254708");
    // Nigeria's and Korea's 009, carrier-selection prefixes in Brazil, Colombia and Israel.
    for (country, written) in [
        ("NG", "009 44 20 7946 0958"),
        ("KR", "009 44 20 7946 0958"),
        ("BR", "0014 44 20 7946 0958"),
        ("CO", "007 44 20 7946 0958"),
        ("IL", "018 44 20 7946 0958"),
    ] {
        assert_eq!(check(country, written).normalized, "+442079460958", "{written} in {country}");
    }
}

/// A workspace whose phones were keyed by the older rules (a hand-kept prefix table, which read Mongolia's
/// 001 as 00 + 1) is re-keyed when this vetdesk opens it, in one audited change, and the false link goes.
#[test]
fn phones_keyed_under_the_older_rules_are_rekeyed_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for (version, sql) in vetdesk::store::schema_steps() {
            conn.execute_batch(sql).unwrap();
            conn.pragma_update(None, "user_version", version).unwrap();
        }
        conn.pragma_update(None, "application_id", 0x7665_7464).unwrap();
        conn.execute_batch(
            "INSERT INTO setting (key, value) VALUES ('phone_country', 'MN'), ('match_rules', '2026.11.1');
             INSERT INTO \"case\" (title, catalog_version, created_at, updated_at) VALUES ('Ulaanbaatar', 'v', 'x', 'x');
             INSERT INTO \"case\" (title, catalog_version, created_at, updated_at) VALUES ('Texas', 'v', 'x', 'x');
             INSERT INTO identifier (case_id, kind, raw, normalized, loose, created_at)
                 VALUES (1, 'phone', '001 36 1 234 5330', '+13612345330', '3612345330', 'x');
             INSERT INTO identifier (case_id, kind, raw, normalized, loose, created_at)
                 VALUES (2, 'phone', '+1 361-234-5330', '+13612345330', '3612345330', 'x');",
        )
        .unwrap();
        common::legacy_audit_row(&conn, "case.create", Some(1));
    }
    let ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let rekey =
        ws.audit_log(None, 10, 0).unwrap().into_iter().find(|e| e.action == "workspace.rekey").expect("rekeyed");
    assert_eq!(rekey.details["identifiers"], 1, "only the Mongolian number reads differently");
    assert_eq!(rekey.details["rules"], vetdesk::store::keys::MATCH_RULES);
    let normalized: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT normalized FROM identifier WHERE case_id = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(normalized, "+3612345330");
    assert!(ws.links(1).unwrap().is_empty(), "{:#?}", ws.links(1).unwrap());
    assert!(ws.verify_audit().unwrap().holds());
}

/// A number libphonenumber calls invalid for its country is refused like a routing number that fails its
/// checksum, and kept with `--keep-invalid` with its warning shown.
#[test]
fn an_invalid_number_is_refused_unless_kept_and_then_shows_its_warning() {
    let env = common::Env::new();
    let case = env.id(&["case", "new", "Applicant"]).to_string();
    env.ok(&["org", "set", "--phone-country", "MN"]);
    env.refused(&["ident", "add", &case, "phone", "+1 555 010 2030"], "not a valid phone number under +1");
    env.refused(&["ident", "add", &case, "phone", "001 44 20 7946 095"], "not a valid phone number under +44");
    env.ok(&["ident", "add", &case, "phone", "+1 555 010 2030", "--keep-invalid"]);
    env.ok(&["ident", "add", &case, "phone", "001 36 1 234 5330"]);
    let listed = env.ok(&["ident", "list", &case]);
    assert!(listed.contains("not a valid phone number under +1 by libphonenumber's data"), "{listed}");
    let idents = env.json(&["ident", "list", &case, "--json"]);
    let keys: Vec<&str> = idents.as_array().unwrap().iter().filter_map(|i| i["normalized"].as_str()).collect();
    assert_eq!(keys, ["+15550102030", "+3612345330"]);
    assert!(idents[1]["warning"].is_null(), "{idents}");
}
