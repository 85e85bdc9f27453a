//! A case as a STIX 2.1 bundle: the workspace's organization as an identity, the identifiers STIX
//! has objects for (email-addr, ipv4-addr, ipv6-addr, url, user-account) as cyber-observables under
//! one observed-data, indicators for them when the case is confirmed, and a note with the findings
//! and the identifiers STIX has no object for (phones, addresses, accounts, wallets, documents).
//! Observable ids follow STIX 2.1 section 2.9 (UUIDv5 over the canonical JSON of their identifying
//! properties); the others are derived from the case and record, so re-exporting gives the same ids.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{Shared, ids};
use crate::domain::{Disposition, Identifier, IdentifierKind};

/// A STIX timestamp: UTC, to the millisecond, as `created` and `modified` require.
fn stamp(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.with_timezone(&chrono::Utc).format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
        .unwrap_or_else(|_| "1970-01-01T00:00:00.000Z".into())
}

/// The cyber-observable for an identifier, when STIX has one: (type, identifying properties).
fn observable(i: &Identifier) -> Option<(&'static str, BTreeMap<&'static str, String>)> {
    let one = |key, value: &str| BTreeMap::from([(key, value.to_string())]);
    match i.kind {
        IdentifierKind::Email => Some(("email-addr", one("value", &super::misp::shared_value(i)))),
        IdentifierKind::Ip if i.normalized.contains(':') => Some(("ipv6-addr", one("value", &i.normalized))),
        IdentifierKind::Ip => Some(("ipv4-addr", one("value", &i.normalized))),
        IdentifierKind::Url => Some(("url", one("value", &super::misp::shared_value(i)))),
        IdentifierKind::Handle => Some(("user-account", one("account_login", i.raw.trim()))),
        _ => None,
    }
}

/// STIX 2.1 section 2.9: UUIDv5 over the canonical JSON (sorted keys, no spaces) of the identifying
/// properties, so every producer names the same observable alike.
fn sco_id(kind: &str, props: &BTreeMap<&'static str, String>) -> String {
    let canonical = serde_json::to_string(props).unwrap_or_default();
    format!("{kind}--{}", ids::uuid5(&ids::STIX_SCO, &canonical))
}

/// A STIX pattern string literal: backslashes and quotes escaped.
fn literal(value: &str) -> String {
    format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// The whole bundle.
pub fn bundle(s: &Shared) -> Value {
    let case = &s.data.case;
    let created = stamp(&case.created_at);
    let modified = stamp(&case.updated_at).max(created.clone());
    let org = s.data.org.name.trim();
    let identity_id = s.stix_id("identity", "stix-identity");
    let mut objects = vec![json!({
        "type": "identity",
        "spec_version": "2.1",
        "id": identity_id,
        "created": created,
        "modified": created,
        "name": if org.is_empty() { "vetdesk workspace" } else { org },
        "identity_class": "organization",
    })];
    let confirmed = case.disposition == Some(Disposition::Confirmed);
    let mut refs = Vec::new();
    // When the values observed were recorded: the nearest the record comes to when they were observed.
    let mut recorded: Vec<String> = Vec::new();
    let mut indicators = Vec::new();
    let mut others = String::new();
    for i in &s.data.identifiers {
        let owner = s.owner(i.subject_id).map(|n| format!(" (subject: {n})")).unwrap_or_default();
        // A value kept despite failing its check is listed as typed, with its warning: no observable of a
        // type it may not be, and no indicator.
        let Some((kind, props)) = observable(i).filter(|_| !s.withheld(i) && i.warning.is_none()) else {
            let redacted = if s.withheld(i) { ", redacted" } else { "" };
            let warning =
                i.warning.as_ref().map(|w| format!(" (kept despite failing its check: {w})")).unwrap_or_default();
            others.push_str(&format!("- {}{redacted}: {}{owner}{warning}\n", i.kind, i.raw.trim()));
            continue;
        };
        let id = sco_id(kind, &props);
        if refs.contains(&id) {
            continue;
        }
        let mut sco = json!({ "type": kind, "spec_version": "2.1", "id": id });
        for (k, v) in &props {
            sco[*k] = json!(v);
        }
        objects.push(sco);
        refs.push(id.clone());
        recorded.push(stamp(&i.created_at));
        if confirmed && kind != "user-account" && !s.of_reference(i.subject_id) {
            let (key, value) = props.iter().next().map(|(k, v)| (*k, v.as_str())).unwrap_or(("value", ""));
            indicators.push(json!({
                "type": "indicator",
                "spec_version": "2.1",
                "id": s.stix_id("indicator", &format!("identifier/{}/indicator", i.id)),
                "created_by_ref": identity_id,
                "created": modified,
                "modified": modified,
                "name": format!("{} from vetdesk case #{}{owner}", i.kind, case.id),
                "description": format!(
                    "Held by a subject of vetdesk case #{}, closed as confirmed; its findings are in the note.",
                    case.id
                ),
                "indicator_types": ["malicious-activity"],
                "pattern": format!("[{kind}:{key} = {}]", literal(value)),
                "pattern_type": "stix",
                "valid_from": modified,
            }));
        }
    }
    let mut note_refs = vec![identity_id.clone()];
    if !refs.is_empty() {
        let observed = s.stix_id("observed-data", "stix-observed-data");
        objects.push(json!({
            "type": "observed-data",
            "spec_version": "2.1",
            "id": observed,
            "created_by_ref": identity_id,
            "created": created,
            "modified": modified,
            "first_observed": recorded.iter().min().unwrap_or(&created),
            "last_observed": recorded.iter().max().unwrap_or(&modified),
            "number_observed": 1,
            "object_refs": refs,
        }));
        note_refs = vec![observed];
    }
    note_refs.extend(indicators.iter().filter_map(|i| i["id"].as_str().map(str::to_string)));
    objects.extend(indicators);
    // The risk score orders the investigator's own work; it is no finding, and is not shared.
    let mut content = format!(
        "vetdesk case #{}: {}\nStatus: {}. Disposition: {}.\n\nFindings (checklist items marked flagged):\n{}",
        case.id,
        s.title(),
        case.status,
        case.disposition.map_or("none".to_string(), |d| d.to_string()),
        s.findings_text(),
    );
    if !others.is_empty() {
        content.push_str(&format!("\nOther identifiers (no STIX object for them):\n{others}"));
    }
    objects.push(json!({
        "type": "note",
        "spec_version": "2.1",
        "id": s.stix_id("note", "stix-note"),
        "created_by_ref": identity_id,
        "created": modified,
        "modified": modified,
        "abstract": format!("vetdesk findings for case #{}", case.id),
        "content": content,
        "object_refs": note_refs,
    }));
    json!({
        "type": "bundle",
        "id": s.stix_id("bundle", "stix-bundle"),
        "objects": objects,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_to_the_millisecond() {
        assert_eq!(stamp("2026-03-01T10:00:00Z"), "2026-03-01T10:00:00.000Z");
        assert_eq!(stamp("2026-03-01T12:00:00+02:00"), "2026-03-01T10:00:00.000Z");
    }

    #[test]
    fn observable_ids_are_those_the_stix2_library_derives() {
        // Printed by stix2 3.0.2: EmailAddress(value=...).id and UserAccount(account_login=...).id.
        let email = BTreeMap::from([("value", "jin@example.com".to_string())]);
        assert_eq!(sco_id("email-addr", &email), "email-addr--fa197ae4-174b-5706-8b5f-25bf87fd341e");
        let account = BTreeMap::from([("account_login", "jin_dev".to_string())]);
        assert_eq!(sco_id("user-account", &account), "user-account--e1db967e-9bf6-567d-aaf7-7063e428707d");
    }

    #[test]
    fn pattern_literals_escape_quotes() {
        assert_eq!(literal("o'brien@example.com"), "'o\\'brien@example.com'");
    }
}
