use super::*;

#[test]
fn every_built_in_version_parses_with_unique_sourced_items() {
    for c in versions() {
        assert!(c.count(ItemKind::RedFlag) >= 45, "{}: {} red flags", c.version, c.count(ItemKind::RedFlag));
        assert!(c.count(ItemKind::DueDiligence) >= 15);
        for item in &c.items {
            assert!(!item.title.is_empty() && !item.text.is_empty(), "{} has wording", item.code);
            for key in &item.sources {
                assert!(source(key).is_some(), "{} {} cites {key}, which has no record", c.version, item.code);
            }
        }
    }
    assert_eq!(builtin().version, "2026.5");
    assert_eq!(builtin().previous.as_deref(), Some("2026.4"));
}

#[test]
fn every_source_record_has_issuer_title_date_and_kind() {
    for s in sources() {
        assert!(s.gaps().is_empty(), "{}: {:?}", s.key, s.gaps());
        assert!(!s.reading_note.trim().is_empty(), "{} says what of it was read", s.key);
    }
    let doj = source("LAWFIRM-2025").unwrap();
    assert_eq!(doj.kind, SourceKind::Legal);
    assert!(!doj.url.is_empty());
}

#[test]
fn the_corrected_citations_hold() {
    let c = builtin();
    let cites = |code: &str| c.item(code).unwrap().sources.clone();
    for code in ["RF-PAY-05", "RF-PAY-06", "DD-PAY-02", "DD-PAY-03", "DD-LOC-01"] {
        assert!(cites(code).contains(&"FBI-2025".to_string()), "{code} cites the July 2025 FBI update");
        assert!(!cites(code).contains(&"PSA-2024".to_string()), "{code} does not rest on the May 2024 PSA");
    }
    assert!(!cites("RF-ID-02").contains(&"PSA-2024".to_string()));
    assert!(!cites("DD-LOC-02").contains(&"KNOWBE4-2024".to_string()));
    assert!(cites("RF-LOC-07").contains(&"ADV-2022".to_string()));
}

#[test]
fn items_on_origin_language_or_education_abroad_carry_no_weight_and_a_caution() {
    let c = builtin();
    for code in ["RF-ID-06", "RF-ID-07", "RF-RES-05"] {
        let i = c.item(code).unwrap();
        assert_eq!(i.weight, 0, "{code}");
        assert!(i.origin_proxy && i.caution.is_some(), "{code}");
    }
    for i in &c.items {
        assert_eq!(i.weight == 0, i.origin_proxy, "{}: weight 0 exactly for origin proxies", i.code);
    }
}

#[test]
fn organisation_wide_measures_are_controls_not_case_items() {
    let c = builtin();
    assert!(c.controls.iter().any(|k| k.audience == Audience::Organisation));
    assert!(c.controls.iter().any(|k| k.audience == Audience::Platform));
    for k in &c.controls {
        for old in &k.replaces {
            assert!(c.item(old).is_none(), "{old} moved to {} and is no case item", k.code);
        }
    }
}

#[test]
fn the_upgrade_from_2026_1_maps_every_item_or_names_its_control() {
    let (old, new) = (version("2026.1").unwrap(), builtin());
    let plan = upgrade::plan(old, new).unwrap();
    for item in &old.items {
        let mapped = plan.successors.get(&item.code).is_some_and(|to| new.item(to).is_some());
        let retired = plan.retired.iter().any(|r| r.code == item.code);
        assert!(mapped != retired, "{} is either carried or retired", item.code);
    }
    assert!(plan.retired.iter().all(|r| r.control.is_some()), "every retired item went to a control");
    assert!(!plan.new.is_empty());
}

/// 2026.3 rewords four items of 2026.2 to what their sources say and changes nothing else: a case moves
/// over with every mark on its own code, nothing retired, nothing new, every weight and fact kept.
#[test]
fn the_upgrade_from_2026_2_keeps_every_code_weight_and_fact() {
    let (old, new) = (version("2026.2").unwrap(), version("2026.3").unwrap());
    let plan = upgrade::plan(old, new).unwrap();
    assert!(plan.retired.is_empty() && plan.new.is_empty() && plan.renamed().next().is_none(), "{plan:?}");
    assert_eq!(old.items.len(), new.items.len());
    let mut reworded = Vec::new();
    for (a, b) in old.items.iter().zip(&new.items) {
        assert_eq!((&a.code, a.weight, &a.fact, &a.sources), (&b.code, b.weight, &b.fact, &b.sources));
        if (&a.title, &a.text) != (&b.title, &b.text) {
            reworded.push(a.code.as_str());
        }
    }
    assert_eq!(reworded, ["RF-ID-05", "RF-COM-03", "RF-PAY-07", "RF-TECH-11"]);
    // What their sources say: FBI-2025 "Check for misspellings"; LAWFIRM-2025 "email addresses with suspicious
    // patterns" and workers who "may share access to virtual company infrastructure"; PSA-2023 "requests to
    // use other freelancer companies or different payment methods".
    assert!(!new.item("RF-ID-05").unwrap().text.contains("formatting"));
    assert!(!new.item("RF-COM-03").unwrap().text.contains("auto-generated"));
    assert!(!new.item("RF-PAY-07").unwrap().text.contains("instead of giving bank account details"));
    assert!(!new.item("RF-TECH-11").unwrap().text.contains("several people use it"));
}

/// The codes of the items and controls `new` words otherwise than `old`, asserting that it changes nothing
/// else: every code, weight, fact and source kept, nothing retired, renamed or added.
fn reworded_only<'a>(old: &'a Catalog, new: &'a Catalog) -> Vec<&'a str> {
    let plan = upgrade::plan(old, new).unwrap();
    assert!(plan.retired.is_empty() && plan.new.is_empty() && plan.renamed().next().is_none(), "{plan:?}");
    let mut reworded = Vec::new();
    for (a, b) in old.items.iter().zip(&new.items) {
        assert_eq!((&a.code, a.weight, &a.fact, &a.sources), (&b.code, b.weight, &b.fact, &b.sources));
        if (&a.title, &a.text) != (&b.title, &b.text) {
            reworded.push(a.code.as_str());
        }
    }
    for (a, b) in old.controls.iter().zip(&new.controls) {
        assert_eq!((&a.code, &a.sources), (&b.code, &b.sources));
        if (&a.title, &a.text) != (&b.title, &b.text) {
            reworded.push(a.code.as_str());
        }
    }
    reworded
}

/// 2026.4 rewords two items and two controls of 2026.3 to what their sources say and changes nothing else.
#[test]
fn the_upgrade_from_2026_3_keeps_every_code_weight_and_fact() {
    let (old, new) = (version("2026.3").unwrap(), version("2026.4").unwrap());
    assert_eq!(reworded_only(old, new), ["RF-LOC-03", "DD-LOC-04", "OC-01", "OC-09"]);
    // What their sources say: PSA-2023 "rapidly changes upon hiring" and "Require freelancers to shut off
    // commercial VPNs"; LAWFIRM-2025 "Explore imposing additional due diligence requirements".
    assert!(!new.item("RF-LOC-03").unwrap().text.contains("more than once"));
    assert!(!new.item("DD-LOC-04").unwrap().text.contains("employees"));
    let oc01 = new.controls.iter().find(|c| c.code == "OC-01").unwrap();
    assert!(!oc01.text.contains("every contracting firm") && oc01.text.starts_with("Consider"));
    let oc09 = new.controls.iter().find(|c| c.code == "OC-09").unwrap();
    assert!(oc09.text.contains("commercial VPNs switched off by freelancers"));
}

/// 2026.5 rewords five items of 2026.4 to what their sources say and changes nothing else.
#[test]
fn the_upgrade_from_2026_4_keeps_every_code_weight_and_fact() {
    let (old, new) = (version("2026.4").unwrap(), builtin());
    let mut reworded = reworded_only(old, new);
    reworded.sort_unstable();
    assert_eq!(reworded, ["DD-ID-02", "DD-INT-01", "RF-LOC-06", "RF-PAY-10", "RF-RES-05"]);
    // What their sources say. PSA-2023: "employment almost exclusively in the United States, the Republic of
    // Korea, and Canada" (Korea is no Western country). FBI-2025: "Setup of financial accounts", "mandate
    // in-person drug tests or fingerprinting", "request that their backgrounds be unobscured".
    // LAWFIRM-2025: "multiple logins into one account … from various IP addresses in different countries",
    // without saying what it points to.
    assert!(!new.item("RF-RES-05").unwrap().title.contains("Western"));
    assert!(!new.item("RF-PAY-10").unwrap().text.contains("run by"));
    assert!(!new.item("RF-LOC-06").unwrap().text.contains("points to"));
    assert!(new.item("DD-INT-01").unwrap().text.contains("ask that the background not be hidden"));
    assert!(new.item("DD-ID-02").unwrap().text.contains("drug test or a fingerprint"));
}

#[test]
fn every_code_vetdesk_suggests_is_in_the_current_catalog() {
    use crate::domain::link;
    let c = builtin();
    let mut codes = vec![link::RESUME_SUGGESTS, link::BAD_ROUTING_SUGGESTS];
    for group in [
        "email",
        "phone",
        "bank-account",
        "crypto-wallet",
        "address",
        "device-serial",
        "ip",
        "handle",
        "document-number",
    ] {
        codes.extend(link::shared_value_suggests(group));
    }
    for code in codes {
        assert!(c.item(code).is_some(), "{code}");
    }
}

/// The built-in catalogs are read from the JSON the build writes; read from the TOML files kept in
/// `catalog/`, they are the same.
#[test]
fn the_built_in_json_holds_what_the_toml_files_say() {
    fn json<T: Serialize>(value: &T) -> serde_json::Value {
        serde_json::to_value(value).unwrap()
    }
    let sources = parse_sources(include_str!("../../catalog/sources.toml")).unwrap();
    assert_eq!(json(&sources), json(&super::sources().to_vec()));
    let toml = [
        Files {
            catalog: include_str!("../../catalog/2026.1/catalog.toml"),
            red_flags: include_str!("../../catalog/2026.1/red-flags.toml"),
            due_diligence: include_str!("../../catalog/2026.1/due-diligence.toml"),
            controls: "",
        },
        Files {
            catalog: include_str!("../../catalog/2026.2/catalog.toml"),
            red_flags: include_str!("../../catalog/2026.2/red-flags.toml"),
            due_diligence: include_str!("../../catalog/2026.2/due-diligence.toml"),
            controls: include_str!("../../catalog/2026.2/organisation.toml"),
        },
        Files {
            catalog: include_str!("../../catalog/2026.3/catalog.toml"),
            red_flags: include_str!("../../catalog/2026.3/red-flags.toml"),
            due_diligence: include_str!("../../catalog/2026.3/due-diligence.toml"),
            controls: include_str!("../../catalog/2026.3/organisation.toml"),
        },
        Files {
            catalog: include_str!("../../catalog/2026.4/catalog.toml"),
            red_flags: include_str!("../../catalog/2026.4/red-flags.toml"),
            due_diligence: include_str!("../../catalog/2026.4/due-diligence.toml"),
            controls: include_str!("../../catalog/2026.4/organisation.toml"),
        },
        Files {
            catalog: include_str!("../../catalog/2026.5/catalog.toml"),
            red_flags: include_str!("../../catalog/2026.5/red-flags.toml"),
            due_diligence: include_str!("../../catalog/2026.5/due-diligence.toml"),
            controls: include_str!("../../catalog/2026.5/organisation.toml"),
        },
    ];
    assert_eq!(toml.len(), versions().len());
    for (files, built) in toml.iter().zip(versions()) {
        let read = Catalog::parse(&sources, files).unwrap();
        assert_eq!((&read.version, &read.previous), (&built.version, &built.previous));
        assert_eq!(json(&read.items), json(&built.items), "{}", built.version);
        assert_eq!(json(&read.controls), json(&built.controls), "{}", built.version);
        assert_eq!(read.by_code, built.by_code);
    }
}

fn sources_for_tests() -> Vec<Source> {
    parse_sources(
        "[[source]]\nkey = \"S\"\nissuer = \"i\"\ntitle = \"t\"\ndate = \"2025-01\"\nurl = \"u\"\n\
         kind = \"government\"\nread = \"full\"\nreading_note = \"n\"\n",
    )
    .unwrap()
}

#[test]
fn parse_rejects_duplicates_bad_codes_unsourced_items_and_weighted_origin_proxies() {
    let sources = sources_for_tests();
    let item = |code: &str, sources: &str, extra: &str| {
        format!(
            "[[item]]\ncode = \"{code}\"\ncategory = \"identity\"\nphase = \"pre-hire\"\n\
             title = \"t\"\ntext = \"x\"\nsources = [{sources}]\n{extra}\n"
        )
    };
    let dd = item("DD-ID-01", "\"S\"", "weight = 2");
    let parse = |red: &str| {
        Catalog::parse(
            &sources,
            &Files { catalog: "version = \"t\"", red_flags: red, due_diligence: &dd, controls: "" },
        )
        .map(|_| ())
        .map_err(|e| e.to_string())
    };
    let ok = item("RF-ID-01", "\"S\"", "weight = 2");
    assert!(parse(&ok).is_ok());
    assert!(parse(&format!("{ok}{ok}")).unwrap_err().contains("twice"));
    assert!(parse(&item("RF-PAY-01", "\"S\"", "weight = 2")).unwrap_err().contains("RF-ID-NN"));
    assert!(parse(&item("RF-ID-01", "", "weight = 2")).unwrap_err().contains("no source"));
    assert!(parse(&item("RF-ID-01", "\"X\"", "weight = 2")).unwrap_err().contains("no source record"));
    assert!(parse(&item("RF-ID-01", "\"S\"", "weight = 0")).unwrap_err().contains("weight must be"));
    let proxy = "weight = 1\norigin_proxy = true\ncaution = \"c\"";
    assert!(parse(&item("RF-ID-01", "\"S\"", proxy)).unwrap_err().contains("weight 0"));
    let silent = "weight = 0\norigin_proxy = true";
    assert!(parse(&item("RF-ID-01", "\"S\"", silent)).unwrap_err().contains("caution"));
}

#[test]
fn a_source_record_without_issuer_or_date_is_refused() {
    let record = |issuer: &str, date: &str| {
        format!(
            "[[source]]\nkey = \"S\"\nissuer = \"{issuer}\"\ntitle = \"t\"\ndate = \"{date}\"\nurl = \"u\"\n\
             kind = \"industry\"\nread = \"secondary\"\nreading_note = \"n\"\n"
        )
    };
    assert!(parse_sources(&record("i", "2024-07")).is_ok());
    assert!(parse_sources(&record("", "2024-07")).unwrap_err().to_string().contains("issuer"));
    assert!(parse_sources(&record("i", "")).unwrap_err().to_string().contains("date"));
    assert!(parse_sources(&record("i", "July 2024")).unwrap_err().to_string().contains("YYYY-MM"));
}

#[test]
fn codes_resolve_in_any_case() {
    let c = builtin();
    let first = &c.items[0].code;
    assert_eq!(&c.resolve(&first.to_lowercase()).unwrap().code, first);
    assert!(matches!(c.resolve("RF-NOPE-99"), Err(crate::Error::UnknownCode(_))));
}
