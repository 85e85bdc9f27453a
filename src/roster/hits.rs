//! Screening: the hits found in the newest snapshot of each source, each with its reason, the people,
//! the values and the catalog items it supports. Every query behind them groups or joins on indexed keys.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use crate::Result;
use crate::domain::identifier::digits;
use crate::domain::link::{self, ListKind, shared_value_suggests};
use crate::domain::word_enum;
use crate::store::roster::{self, Member};
use crate::store::settings;

word_enum!(
    /// Why a hit was raised.
    HitKind, "hit kind", {
        CaseMatch => "case-match",
        Listed => "listed",
        Shared => "shared",
        BankChurn => "bank-churn",
        BadRouting => "bad-routing",
        Changed => "changed",
        ShipElsewhere => "ship-elsewhere",
    }
);

/// Screening thresholds, set with `org set`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// A person whose bank account changed more than this many times…
    pub bank_changes: u32,
    /// …within this many days (of their source's newest snapshot) is a hit.
    pub bank_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { bank_changes: 2, bank_days: 90 }
    }
}

impl Settings {
    pub const CHANGES_KEY: &'static str = "roster_bank_changes";
    pub const DAYS_KEY: &'static str = "roster_bank_days";

    pub fn load(conn: &Connection) -> Result<Settings> {
        let d = Settings::default();
        let get = |key, default| -> Result<u32> {
            Ok(settings::get(conn, key)?.and_then(|v| v.parse().ok()).unwrap_or(default))
        };
        Ok(Settings {
            bank_changes: get(Self::CHANGES_KEY, d.bank_changes)?,
            bank_days: get(Self::DAYS_KEY, d.bank_days)?,
        })
    }
}

/// One screening finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    /// Stable while what the hit is about stays (the value shared, the person…); a digest, no value.
    pub id: String,
    pub kind: HitKind,
    /// 0-100: how strongly it points at a worker who is not who they say.
    pub strength: u32,
    pub reason: String,
    /// The people and the values of theirs the hit is about.
    pub people: Vec<Member>,
    /// The catalog items it supports.
    pub supports: Vec<&'static str>,
    /// Changes when the people or their values do: a dismissed hit with another fingerprint returns. A
    /// hit about one value (shared, matching a case or a list) is about its match key already, so the way
    /// each person's value is written is not part of it: reformatted, the same value is no change.
    pub fingerprint: String,
    /// The fingerprint as vetdesk took it before writings were left out of it (2026-12-05), which
    /// dismissals made then hold: they still set the hit aside.
    #[serde(skip)]
    pub fingerprint_as_typed: String,
    pub dismissed: bool,
    /// Why, when and by whom, while it is dismissed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dismissal: Option<roster::Dismissal>,
    /// The case opened from it (`roster open-case`), if one was.
    pub case: Option<i64>,
}

fn digest(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    crate::store::audit::hex(&h.finalize())
}

fn hit(kind: HitKind, identity: &str, strength: u32, reason: String, mut people: Vec<Member>, extra: &str) -> Hit {
    people.sort_by(|a, b| (&a.source, &a.person, &a.field).cmp(&(&b.source, &b.person, &b.field)));
    let id = digest(&[kind.as_str(), identity])[..10].to_string();
    let keyed = matches!(kind, HitKind::Shared | HitKind::CaseMatch | HitKind::Listed);
    let fingerprint_with = |raw: bool| {
        let mut parts: Vec<&str> = vec![extra];
        for m in &people {
            parts.extend([m.source.as_str(), m.person.as_str(), m.field.as_str()]);
            if raw {
                parts.push(m.raw.as_str());
            }
        }
        digest(&parts)
    };
    let (fingerprint, fingerprint_as_typed) = (fingerprint_with(!keyed), fingerprint_with(true));
    Hit {
        id,
        kind,
        strength,
        reason,
        people,
        supports: Vec::new(),
        fingerprint,
        fingerprint_as_typed,
        dismissed: false,
        dismissal: None,
        case: None,
    }
}

fn label(kind: &str) -> &str {
    match kind {
        "bank-account" => "bank account",
        "device-serial" => "device serial",
        "crypto-wallet" => "crypto wallet",
        "routing-number" => "routing number",
        "ip" => "IP address",
        other => other,
    }
}

/// How many workers `people` are. A person is a source and an id; listed in two sources under the same
/// id and the same name (payroll and HR exports of one system), they are one worker, whose values are
/// the same in both by nature and make no hit.
fn who(people: &[Member]) -> usize {
    let mut workers: Vec<(String, String)> = people.iter().map(|m| worker(&m.source, &m.person, &m.name)).collect();
    workers.sort_unstable();
    workers.dedup();
    workers.len()
}

/// The worker a person of a source is: their id and name (Unicode NFC, spacing and case folded: one
/// export writes "José" composed, another with a combining accent), and their source too when they have
/// no name: without one, the same id in two sources is not known to be one worker.
pub fn worker(source: &str, person: &str, name: &str) -> (String, String) {
    let name = name.nfc().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let source = if name.is_empty() { source } else { "" };
    (format!("{source}\u{1f}{}", person.trim()), name)
}

/// Every hit on the newest snapshots, strongest first; dismissed ones are marked (and return when their
/// fingerprint changes).
pub fn screen(conn: &Connection, settings: Settings) -> Result<Vec<Hit>> {
    let mut out = Vec::new();
    for (kind, normalized, people) in
        roster::shared(conn, &["bank-account", "phone", "email", "address", "ip", "device-serial", "crypto-wallet"])?
    {
        let n = who(&people);
        if n < 2 {
            continue;
        }
        // An account number without its routing number may be two banks' accounts: weak, as between cases.
        let account_only = kind == "bank-account" && !normalized.contains(':');
        let strength = match kind.as_str() {
            "bank-account" if account_only => 50,
            "bank-account" | "crypto-wallet" => 90,
            "address" if n >= 3 => 88,
            "address" => 60,
            _ => 75,
        };
        let farm =
            if kind == "address" && n >= 3 { " (many workers at one address: the laptop-farm pattern)" } else { "" };
        let reason = if account_only {
            format!(
                "{n} people share one account number, with no routing number recorded: a weak match (it may be \
                 another bank's account)"
            )
        } else {
            format!("{n} people share one {}{farm}", label(&kind))
        };
        let mut h = hit(HitKind::Shared, &format!("{kind}\u{1f}{normalized}"), strength, reason, people, "");
        if !account_only {
            h.supports = shared_value_suggests(&kind).into_iter().collect();
        }
        out.push(h);
    }
    let mut by_case: HashMap<(i64, String, String, bool), Vec<Member>> = HashMap::new();
    for (case, kind, normalized, weak, m) in roster::case_matches(conn)? {
        by_case.entry((case, kind, normalized, weak)).or_default().push(m);
    }
    for ((case, kind, normalized, weak), people) in by_case {
        if !weak {
            let reason = format!("{} also in case #{case}", label(&kind));
            let identity = format!("{case}\u{1f}{kind}\u{1f}{normalized}");
            let mut h = hit(HitKind::CaseMatch, &identity, 100, reason, people, "");
            h.supports = shared_value_suggests(&kind).into_iter().collect();
            out.push(h);
            continue;
        }
        // What is missing to make it strong, as links says it; a weak match suggests no checklist item.
        let (without, other) = match kind.as_str() {
            "phone" => ("read without its country code", "country's number"),
            _ => ("its account number the same, its routing number another or none", "bank's account"),
        };
        let reason =
            format!("{} also in case #{case}, {without}: a weak match (it may be another {other})", label(&kind));
        let identity = format!("{case}\u{1f}{kind}\u{1f}{normalized}\u{1f}weak");
        out.push(hit(HitKind::CaseMatch, &identity, 50, reason, people, ""));
    }
    let mut by_entry: HashMap<(String, String, String, String), Vec<Member>> = HashMap::new();
    for (list, kind, entry, label, _normalized, m) in roster::list_matches(conn)? {
        by_entry.entry((list, kind, entry, label)).or_default().push(m);
    }
    for ((list, kind, entry, entry_label), people) in by_entry {
        let list_kind: Option<ListKind> = kind.parse().ok();
        let strength = match list_kind {
            Some(ListKind::FreightForwarder | ListKind::Voip | ListKind::Msb) => 80,
            _ => 95,
        };
        let what = list_kind.map_or(kind.clone(), |k| k.describe().to_string());
        let on = if entry_label.is_empty() { String::new() } else { format!(" ({entry_label})") };
        let reason = format!("on list {list:?} of {what}: {entry}{on}");
        let mut h = hit(HitKind::Listed, &format!("{list}\u{1f}{entry}"), strength, reason, people, "");
        h.supports = list_kind.map(ListKind::suggests).into_iter().collect();
        out.push(h);
    }
    for (m, changes, values) in roster::churn(conn, "account_number", settings.bank_changes, settings.bank_days)? {
        let reason = format!(
            "bank account changed {changes} times within {} (more than {}): {values}",
            crate::text::counted(settings.bank_days, "day", "days"),
            settings.bank_changes
        );
        let identity = format!("{}\u{1f}{}", m.source, m.person);
        let extra = values.clone();
        let mut h = hit(HitKind::BankChurn, &identity, 85, reason, vec![m], &extra);
        h.supports = vec!["RF-PAY-06"];
        out.push(h);
    }
    for (field, strength, code) in [("account_number", 55, "RF-PAY-06"), ("shipping_address", 50, "RF-LOC-03")] {
        for (m, before) in roster::changed(conn, field)? {
            let name = if field == "account_number" { "bank account" } else { "shipping address" };
            let reason = match &before {
                Some(b) => format!("{name} changed since the previous snapshot (was {b})"),
                None => format!("{name} added since the previous snapshot"),
            };
            let identity = format!("{field}\u{1f}{}\u{1f}{}", m.source, m.person);
            let mut h = hit(HitKind::Changed, &identity, strength, reason, vec![m], before.as_deref().unwrap_or(""));
            h.supports = vec![code];
            out.push(h);
        }
    }
    let failing = roster::bad_routing(conn)?;
    // An account given with the routing number of the person's own routing-number column fails on those
    // same nine digits: one finding, shown once (on the routing-number column).
    let same_routing = |m: &roster::Member| {
        m.field == "account_number"
            && failing.iter().any(|(r, _)| {
                r.field == "routing_number"
                    && (&r.source, &r.person) == (&m.source, &m.person)
                    && m.raw.split_once(':').is_some_and(|(routing, _)| digits(routing) == digits(&r.raw))
            })
    };
    let once: Vec<_> = failing.iter().filter(|(m, _)| !same_routing(m)).cloned().collect();
    for (m, warning) in once {
        let identity = format!("{}\u{1f}{}\u{1f}{}", m.source, m.person, m.field);
        let mut h = hit(HitKind::BadRouting, &identity, 65, warning, vec![m], "");
        h.supports = vec![link::BAD_ROUTING_SUGGESTS];
        out.push(h);
    }
    for (m, home) in roster::ship_elsewhere(conn)? {
        let identity = format!("{}\u{1f}{}", m.source, m.person);
        let reason = format!("ships to another address than home ({home})");
        let mut h = hit(HitKind::ShipElsewhere, &identity, 40, reason, vec![m], &home);
        h.supports = vec!["RF-LOC-01"];
        out.push(h);
    }
    let (dismissed, opened) = (roster::dismissals(conn)?, roster::cases_of_hits(conn)?);
    for h in &mut out {
        h.dismissal = dismissed
            .get(&h.id)
            .filter(|(f, _)| *f == h.fingerprint || *f == h.fingerprint_as_typed)
            .map(|(_, d)| d.clone());
        h.dismissed = h.dismissal.is_some();
        h.case = opened.get(&h.id).copied();
    }
    out.sort_by(|a, b| {
        b.strength.cmp(&a.strength).then(a.kind.cmp(&b.kind)).then(a.reason.cmp(&b.reason)).then(a.id.cmp(&b.id))
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(person: &str, raw: &str) -> Member {
        Member {
            source: "hr".into(),
            person: person.into(),
            name: String::new(),
            field: "phone".into(),
            raw: raw.into(),
        }
    }

    #[test]
    fn a_hit_about_one_value_keeps_its_fingerprint_however_the_value_is_written() {
        let shared = |a: &str, b: &str| {
            hit(HitKind::Shared, "phone\u{1f}+13035550160", 75, "r".into(), vec![member("A1", a), member("A2", b)], "")
        };
        let before = shared("303-555-0160", "303-555-0160");
        let after = shared("(303) 555-0160", "303.555.0160");
        assert_eq!(before.fingerprint, after.fingerprint);
        // Dismissals recorded before took the writing in: that fingerprint is still known.
        assert_ne!(before.fingerprint_as_typed, after.fingerprint_as_typed);
        assert_ne!(before.fingerprint, before.fingerprint_as_typed);
        // Another person is another hit to decide on.
        let third = hit(
            HitKind::Shared,
            "phone\u{1f}+13035550160",
            75,
            "r".into(),
            vec![member("A1", "x"), member("A2", "x"), member("A3", "x")],
            "",
        );
        assert_ne!(third.fingerprint, before.fingerprint);
        // A change of one person's value is the hit itself: its writing stays in.
        let changed = |raw: &str| hit(HitKind::Changed, "hr\u{1f}A1", 60, "r".into(), vec![member("A1", raw)], "old");
        assert_ne!(changed("1").fingerprint, changed("2").fingerprint);
    }

    /// The same worker in two exports, one writing the name composed and the other with combining marks
    /// (Unicode NFC, UAX #15), is one worker; another name under the same id is not.
    #[test]
    fn one_worker_whatever_the_unicode_form_of_their_name() {
        let composed = worker("hr", "E3", "Jos\u{e9} N\u{fa}\u{f1}ez");
        assert_eq!(worker("pay", "E3", "Jose\u{301} Nu\u{301}n\u{303}ez"), composed);
        assert_eq!(worker("pay", " E3 ", "JOS\u{c9}  N\u{da}\u{d1}EZ"), composed);
        assert_ne!(worker("pay", "E3", "Jose Nunez"), composed);
    }
}
