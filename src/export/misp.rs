//! A case as a MISP event, in the MISP core format (the `{"Event": {...}}` JSON that MISP's "Add
//! event from JSON" and PyMISP's `MISPEvent.load` read). Identifiers become attributes of MISP's own
//! types and categories (its `describeTypes.json`), the flagged checklist items become tags and an
//! event report, and the TLP tag comes from `--tlp`. See docs/exports.md.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::Shared;
use crate::domain::{Disposition, Identifier, IdentifierKind};

/// The TLP 2.0 marking of an export, as MISP's `tlp` taxonomy spells its tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Tlp {
    Clear,
    Green,
    #[default]
    Amber,
    #[value(name = "amber+strict")]
    AmberStrict,
    Red,
}

impl Tlp {
    pub fn tag(self) -> &'static str {
        match self {
            Tlp::Clear => "tlp:clear",
            Tlp::Green => "tlp:green",
            Tlp::Amber => "tlp:amber",
            Tlp::AmberStrict => "tlp:amber+strict",
            Tlp::Red => "tlp:red",
        }
    }
}

/// MISP's attribute type and category for one identifier.
pub fn attribute_type(i: &Identifier, withheld: bool) -> (&'static str, &'static str) {
    use IdentifierKind::*;
    let value = i.normalized.as_str();
    match i.kind {
        _ if withheld => ("text", if i.kind == DocumentNumber { "Person" } else { "Financial fraud" }),
        Email => ("email-src", "Social network"),
        Phone => ("phone-number", "Person"),
        // The address a candidate connected from: traffic from them to us.
        Ip => ("ip-src", "Network activity"),
        Url => ("url", "Network activity"),
        Handle => ("text", "Social network"),
        Address => ("text", "Person"),
        DeviceSerial => ("text", "Other"),
        DocumentNumber => ("text", "Person"),
        RoutingNumber => ("aba-rtn", "Financial fraud"),
        BankAccount if is_iban(value) => ("iban", "Financial fraud"),
        BankAccount => ("bank-account-nr", "Financial fraud"),
        CryptoWallet => (wallet_type(value), "Financial fraud"),
    }
}

/// The MISP type of a wallet address by its shape: Bitcoin, Monero and Dash have types of their own;
/// any other chain is shared as text with the kind named in the comment.
pub fn wallet_type(address: &str) -> &'static str {
    let base58 = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric() && !"0OIl".contains(c));
    let len = address.len();
    if address.starts_with("bc1") || (address.starts_with(['1', '3']) && (26..=35).contains(&len) && base58(address)) {
        "btc"
    } else if address.starts_with(['4', '8']) && (len == 95 || len == 106) && base58(address) {
        "xmr"
    } else if address.starts_with('X') && len == 34 && base58(address) {
        "dash"
    } else {
        "text"
    }
}

/// Whether a bank account's key is an IBAN's (its check digits hold, so matching keyed it with its bank).
fn is_iban(normalized: &str) -> bool {
    normalized.starts_with(crate::domain::identifier::IBAN_PREFIX)
}

/// The value an identifier is shared as: its normalized form (what matching compares), except for
/// the kinds whose normal form is only a match key (a profile URL reduces to its handle; addresses and
/// routing:account pairs are keys, not values a reader can use; an email's key drops a provider's dots
/// and `+tags`, which the address the worker used has). A URL is shared live (`hxxp`, `[.]` undone), an
/// email as typed, lowercased.
pub fn shared_value(i: &Identifier) -> String {
    use unicode_normalization::UnicodeNormalization;
    match i.kind {
        IdentifierKind::BankAccount
            if let Some(iban) = i.normalized.strip_prefix(crate::domain::identifier::IBAN_PREFIX) =>
        {
            iban.to_string()
        }
        // MISP's bank-account-nr is the account number alone: the routing number keyed with it is named in
        // the comment (and is an aba-rtn attribute of its own when it was recorded as one).
        IdentifierKind::BankAccount if let Some((_, account)) = routed_account(i) => account.to_string(),
        IdentifierKind::Email => i.raw.trim().nfc().collect::<String>().to_lowercase(),
        IdentifierKind::Url => crate::domain::identifier::refanged(&i.raw),
        IdentifierKind::Address | IdentifierKind::Handle | IdentifierKind::BankAccount => i.raw.trim().to_string(),
        _ => i.normalized.clone(),
    }
}

/// A bank account keyed with a routing number (`076401251:12345678`): the routing number and the account.
fn routed_account(i: &Identifier) -> Option<(&str, &str)> {
    let (routing, account) = i.normalized.split_once(':')?;
    (i.kind == IdentifierKind::BankAccount && routing.len() == 9 && routing.bytes().all(|b| b.is_ascii_digit()))
        .then_some((routing, account))
}

/// Records of one value an attribute's comment describes one by one; the others are counted.
const DESCRIBED: usize = 20;

/// What an attribute's comment says of one record holding its value: whose it is, whether it was
/// redacted or kept despite its check, and the investigator's note.
fn record_detail(s: &Shared, i: &Identifier) -> String {
    let mut parts = Vec::new();
    if s.withheld(i) {
        parts.push("redacted to its last 4 characters".into());
    }
    if let Some(name) = s.owner(i.subject_id) {
        parts.push(format!("subject: {name}"));
    }
    if let Some((routing, _)) = routed_account(i).filter(|_| !s.withheld(i)) {
        parts.push(format!("routing number {routing}"));
    }
    if let Some(warning) = &i.warning {
        parts.push(format!("kept despite failing its check: {warning}"));
    }
    let note = s.identifier_note(i);
    if !note.is_empty() {
        parts.push(note);
    }
    parts.join("; ")
}

/// The comment of an attribute: what vetdesk calls the value, then what it says of each record holding
/// it (`details`, one per record, in the order recorded).
fn comment(kind_word: &str, details: &[String]) -> String {
    let mut out = format!("vetdesk {kind_word}");
    match details {
        [one] if one.is_empty() => {}
        [one] => {
            out.push_str("; ");
            out.push_str(one);
        }
        _ => {
            out.push_str(&format!("; recorded {} times in the case", details.len()));
            let described: Vec<&str> =
                details.iter().take(DESCRIBED).map(String::as_str).filter(|d| !d.is_empty()).collect();
            if !described.is_empty() {
                out.push_str(": ");
                out.push_str(&described.join(" | "));
            }
            if details.len() > DESCRIBED {
                out.push_str(&format!(" | and {} more", details.len() - DESCRIBED));
            }
        }
    }
    out
}

/// Seconds since 1970 of an RFC 3339 time (MISP writes timestamps as a string of them).
fn epoch(rfc3339: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(rfc3339).map(|t| t.timestamp()).unwrap_or(0)
}

/// The whole event.
pub fn event(s: &Shared, tlp: Tlp) -> Value {
    let case = &s.data.case;
    let confirmed = case.disposition == Some(Disposition::Confirmed);
    let timestamp = epoch(&case.updated_at).to_string();
    // MISP keeps one attribute per type, category and value in an event (its "A similar attribute already
    // exists for this event"): a value several records hold (a roster hit's shared account) is one
    // attribute whose comment names them all.
    let mut attributes: Vec<Value> = Vec::new();
    let mut details: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    let mut at: HashMap<(&'static str, &'static str, String), usize> = HashMap::new();
    for i in &s.data.identifiers {
        let withheld = s.withheld(i);
        // A value kept despite failing its check is shared as what was typed, never as a typed indicator.
        let (kind, category) = match attribute_type(i, withheld) {
            (_, category) if i.warning.is_some() => ("text", category),
            typed => typed,
        };
        let kind_word = match i.kind {
            IdentifierKind::CryptoWallet if kind == "text" && !withheld && i.warning.is_none() => {
                "crypto-wallet (chain not known to MISP)"
            }
            other => other.as_str(),
        };
        // Only a confirmed case's values are offered for detection, never a reference's; text is never an
        // indicator.
        let to_ids = confirmed && !s.of_reference(i.subject_id) && !matches!(kind, "text" | "phone-number");
        let value = if withheld { i.raw.clone() } else { shared_value(i) };
        let detail = record_detail(s, i);
        if let Some(&n) = at.get(&(kind, category, value.clone())) {
            let attribute = &mut attributes[n];
            attribute["to_ids"] = json!(to_ids || attribute["to_ids"] == json!(true));
            let newest =
                epoch(&i.created_at).max(attribute["timestamp"].as_str().map_or(0, |t| t.parse().unwrap_or(0)));
            attribute["timestamp"] = json!(newest.to_string());
            // Masked values of two kinds can read the same (`****7766`): each kind is named.
            if !details[n].0.iter().any(|k| k == kind_word) {
                details[n].0.push(kind_word.to_string());
            }
            details[n].1.push(detail);
            continue;
        }
        at.insert((kind, category, value.clone()), attributes.len());
        details.push((vec![kind_word.to_string()], vec![detail]));
        attributes.push(json!({
            "uuid": s.record_id(&format!("identifier/{}", i.id)),
            "type": kind,
            "category": category,
            "value": value,
            "comment": "",
            "to_ids": to_ids,
            "distribution": "5",
            "timestamp": epoch(&i.created_at).to_string(),
        }));
    }
    for (attribute, (kind_words, details)) in attributes.iter_mut().zip(&details) {
        attribute["comment"] = json!(comment(&kind_words.join(" / "), details));
    }
    let mut tags = vec![json!({ "name": tlp.tag() })];
    // Items resting on national origin, language or education abroad are never weighed, so never tagged.
    for e in s.findings().filter(|e| e.item.weight > 0) {
        let predicate = match e.item.kind {
            crate::catalog::ItemKind::RedFlag => "red-flag",
            crate::catalog::ItemKind::DueDiligence => "due-diligence",
        };
        tags.push(json!({ "name": format!("vetdesk:{predicate}=\"{}\"", e.item.code) }));
    }
    if let Some(d) = case.disposition {
        tags.push(json!({ "name": format!("vetdesk:disposition=\"{d}\"") }));
    }
    let mut report = format!(
        "# vetdesk case #{}: {}\n\nStatus: {}. Disposition: {}.\n\n## Findings (checklist items marked flagged)\n\n",
        case.id,
        s.title(),
        case.status,
        case.disposition.map_or("none".to_string(), |d| d.to_string()),
    );
    // The risk score orders the investigator's own work; it is no finding, and is not shared.
    report.push_str(&s.findings_text());
    let mut event = json!({
        "uuid": s.record_id("misp-event"),
        "info": format!("vetdesk case #{}: {}", case.id, s.title()),
        "date": case.created_at.get(..10).unwrap_or_default(),
        "timestamp": timestamp,
        // 2 medium; 4 undefined: a case not yet decided is not a threat assessment.
        "threat_level_id": if confirmed { "2" } else { "4" },
        // 0 initial, 1 ongoing, 2 completed.
        "analysis": match case.status {
            crate::domain::CaseStatus::Open => "0",
            crate::domain::CaseStatus::Closed | crate::domain::CaseStatus::Reported => "2",
            _ => "1",
        },
        // 0: your organisation only; MISP's own sync widens it when the event is shared.
        "distribution": "0",
        "published": false,
        "Tag": tags,
        "Attribute": attributes,
        "EventReport": [{
            "uuid": s.record_id("misp-event-report"),
            "name": "vetdesk findings",
            "content": report,
            "distribution": "5",
            "timestamp": timestamp,
        }],
    });
    if !s.data.org.name.trim().is_empty() {
        event["Orgc"] = json!({ "name": s.data.org.name.trim() });
    }
    json!({ "Event": event })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wallets_get_the_type_of_their_chain() {
        assert_eq!(wallet_type("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"), "btc");
        assert_eq!(wallet_type("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"), "btc");
        let xmr = "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A";
        assert_eq!(wallet_type(xmr), "xmr");
        assert_eq!(wallet_type("0x52908400098527886e0f7030069857d2e4169ee7"), "text");
    }

    #[test]
    fn ibans_are_told_from_other_accounts() {
        let key = |raw: &str| IdentifierKind::BankAccount.check(raw).unwrap().normalized;
        assert!(is_iban(&key("GB29 NWBK 6016 1331 9268 19")));
        assert!(!is_iban(&key("GB28 NWBK 6016 1331 9268 19")), "check digits that fail");
        assert!(!is_iban(&key("076401252:12345678")));
        assert!(!is_iban(&key("12345678901")));
    }
}
