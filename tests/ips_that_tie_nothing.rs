//! An IP address that names no machine of its own (a private, loopback, link-local or carrier-grade NAT
//! address: any home or office network may use it) is recorded, and ties no cases: no link, strong or
//! weak, no case-list marker, no cluster, no suggestion, no summary sentence, no roster hit. A workspace
//! keyed under the older rules, which linked them, is re-keyed when opened and its markers follow.

mod common;

use common::Env;
use vetdesk::Workspace;
use vetdesk::domain::{IdentifierKind, Priority};
use vetdesk::workspace::NewCase;

/// Addresses of the RFC 6890 blocks that name no one machine, each with another of the same block.
const SHARED_BY_MANY: &[(&str, &str)] = &[
    ("127.0.0.1", "127.0.0.2"),
    ("10.0.0.5", "10.0.0.6"),
    ("172.16.0.1", "172.16.0.2"),
    ("192.168.1.10", "192.168.1.99"),
    ("100.64.0.1", "100.64.0.2"),
    ("169.254.10.10", "169.254.10.11"),
    ("0.0.0.0", "0.0.0.1"),
    ("fe80::1", "fe80::2"),
    ("fd00::1", "fd00::abcd"),
    ("::1", "::192.168.1.10"),
    ("198.18.0.1", "198.19.0.1"),
    ("fec0::1", "fec0::2"),
    ("2002:c0a8:10a::1", "2002:c0a8:10a::2"),
];

#[test]
fn an_address_any_network_may_use_links_no_cases() {
    let env = Env::new();
    env.ok(&["org", "set", "--name", "Acme Corp"]);
    let (a, b) = (env.id(&["case", "new", "First"]).to_string(), env.id(&["case", "new", "Second"]).to_string());
    for (one, other) in SHARED_BY_MANY {
        let out = env.cmd().args(["ident", "add", &a, "ip", one]).output().unwrap();
        assert!(out.status.success());
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("so it ties this case to no other"), "{one}: {said}");
        env.ok(&["ident", "add", &b, "ip", one]);
        env.ok(&["ident", "add", &b, "ip", other]);
    }
    assert_eq!(env.ok(&["links", &a]).trim(), format!("case #{a} shares nothing with other cases or reference lists"));
    assert_eq!(env.json(&["links", &a, "--json"])["suggestions"], serde_json::json!([]));
    assert!(!env.ok(&["links", "--all"]).contains(&format!("#{a}")));
    let report = env.ok(&["report", &a]);
    assert!(!report.contains("same IP address"), "{report}");
    assert!(report.contains("127.0.0.1"), "still part of the record: {report}");

    // A public address still ties the two, the documentation ranges standing for public ones.
    env.ok(&["ident", "add", &a, "ip", "198.51.100.7"]);
    env.ok(&["ident", "add", &b, "ip", "198.51.100.7"]);
    let links = env.json(&["links", &a, "--json"]);
    assert_eq!(links["links"].as_array().map(Vec::len), Some(1), "{links}");
    assert_eq!(links["links"][0]["this"]["raw"], "198.51.100.7");
}

#[test]
fn a_list_entry_or_roster_value_any_network_may_use_is_left_out() {
    let env = Env::new();
    let list = env.file("bad-ips.txt", b"127.0.0.1\n192.168.0.1\n198.51.100.7\n");
    let out =
        env.cmd().args(["list", "import", "bad-ip", list.to_str().unwrap(), "--name", "bad-ips"]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && said.contains("1 entry"), "{said}");
    assert!(said.contains("a loopback address"), "{said}");
    assert!(said.contains("a private address"), "{said}");
    let case = env.id(&["case", "new", "Holder"]).to_string();
    env.ok(&["ident", "add", &case, "ip", "192.168.0.1"]);
    env.ok(&["ident", "add", &case, "ip", "10.0.0.5"]);
    assert!(env.ok(&["links", &case]).contains("shares nothing"));
    // Nor does a list written for peers offer them.
    env.ok(&["ident", "add", &case, "ip", "198.51.100.9"]);
    let out = env.dir.path().join("export.txt");
    env.ok(&["list", "export", "bad-ip", "--output", out.to_str().unwrap()]);
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("# 1 value from 1 case") && written.contains("198.51.100.9\t"), "{written}");
    assert!(!written.contains("192.168.0.1") && !written.contains("10.0.0.5"), "{written}");

    let roster = env.file(
        "it.csv",
        b"Employee ID,Full Name,IP Address\n1,Ann Lee,192.168.0.1\n2,Bo Kim,192.168.0.1\n3,Cy Roe,169.254.10.10\n\
          4,Di Wu,169.254.10.10\n5,Ed Poe,100.64.0.1\n6,Fa Li,100.64.0.1\n7,Gu Ng,fe80::1\n8,Hu Ma,fe80::1\n\
          9,Io Ba,10.0.0.5\n",
    );
    let said = env.ok(&["roster", "import", roster.to_str().unwrap(), "--source", "it", "--as-of", "2026-11-30"]);
    assert!(said.contains("9 with nothing to match on left out"), "{said}");
    let out = env.cmd().args(["roster", "screen"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim(), "no roster hits");
    assert!(out.status.success() && out.stdout.is_empty());
}

/// A workspace whose keys the older rules derived (a network key for every address) links two cases
/// through a private address; opened by this vetdesk it is re-keyed, and neither case is marked any more.
#[test]
fn a_workspace_keyed_under_the_older_rules_loses_those_links_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    {
        let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
        for title in ["first", "second"] {
            ws.create_case(&NewCase { title: title.into(), priority: Priority::Medium, candidate: None }).unwrap();
        }
        for case in [1, 2] {
            ws.add_identifier(case, IdentifierKind::Ip, "10.0.0.5", None, "", false).unwrap();
        }
    }
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "UPDATE identifier SET loose = '10.0.0.0/24', key_tag = NULL;
             UPDATE setting SET value = '2026.12.7.5' WHERE key = 'match_rules';",
        )
        .unwrap();
        common::head_records_from_an_older_vetdesk(&path.with_extension("keys"));
        // What the older rules' markers said.
        conn.execute("UPDATE case_linked SET linked = 1", []).unwrap();
    }
    let ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let rekey =
        ws.audit_log(None, 5, 0).unwrap().into_iter().find(|e| e.action == "workspace.rekey").expect("a rekey entry");
    assert_eq!(rekey.details["identifiers"], 2, "{:?}", rekey.details);
    assert!(ws.linked_cases(&[1, 2]).unwrap().is_empty());
    assert!(ws.links(1).unwrap().is_empty());
}
