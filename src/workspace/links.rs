//! Cross-case correlation: links from one case, clusters over the whole workspace, and the checklist items
//! they suggest.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::Workspace;
use crate::Result;
use crate::domain::IdentifierKind;
use crate::domain::link::{self, Counterpart, Held, Link, Source, Strength};
use crate::store::links::{self as lookups, Probe};
use crate::store::{cases, lists, resumes};

/// Other cases a value's weak links are listed to: a busy network (a VPN provider's /24) can be held in
/// thousands of cases, and a weak link is a hint, not a finding. Each of them is listed with every one of
/// its records holding the value, and the links' reason says how many cases were left out.
pub const MAX_WEAK: u32 = 25;

/// Other cases holding a value weakly that are counted for the links' reason; past it, "more than".
const COUNTED_WEAK: u32 = 100;

/// The workspace's matching settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchSettings {
    /// ISO code of the country assumed for phone numbers written without `+`.
    pub phone_country: Option<String>,
    /// Resumes at or above this estimated Jaccard similarity are linked.
    pub resume_threshold: f64,
}

/// Cases tied together by strong links, directly or through each other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cluster {
    pub cases: Vec<ClusterCase>,
    /// Each shared value and the cases of the cluster holding it.
    pub shared: Vec<SharedValue>,
    /// Near-duplicate resumes between cases of the cluster.
    pub resumes: Vec<ResumePair>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClusterCase {
    pub id: i64,
    pub title: String,
    /// Whether the case is archived (only with `links --all --include-archived`).
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedValue {
    pub group: String,
    pub key: String,
    pub cases: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResumePair {
    pub cases: (i64, i64),
    pub evidence: (i64, i64),
    pub similarity: f64,
}

/// A reference list as read from a file, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub name: String,
    pub kind: link::ListKind,
    pub entries: usize,
    /// Lines skipped because their value had nothing to match on: (line number, reason).
    pub skipped: Vec<(i64, String)>,
    pub replaced: bool,
    /// The list replaced had been voided: the import puts a list of its name in force again.
    pub replaced_void: Option<crate::domain::Void>,
}

/// List hits with the key each matched on.
fn keyed(hits: Vec<lists::Hit>, key: &str) -> Vec<(lists::Hit, &str)> {
    hits.into_iter().map(|h| (h, key)).collect()
}

/// How a link names a match group in a sentence.
pub fn group_label(group: &str) -> &str {
    match group {
        "handle" => "handle or profile",
        "bank-account" => "bank account",
        "routing-number" => "routing number",
        "device-serial" => "device serial",
        "crypto-wallet" => "crypto wallet",
        "document-number" => "document number",
        "ip" => "IP address",
        other => other,
    }
}

/// Why two values share a weaker key.
fn loose_reason(kind: IdentifierKind, loose: &str) -> String {
    match kind {
        IdentifierKind::Ip if loose.contains(':') => "same /64 network".into(),
        IdentifierKind::Ip => "same /24 network".into(),
        IdentifierKind::Address => "same building, another unit".into(),
        IdentifierKind::BankAccount => "same account number, another or no routing number".into(),
        IdentifierKind::Phone => "same national number, country code differs or unknown".into(),
        // A web address's weaker key is itself in lowercase; a profile's, its user name.
        IdentifierKind::Url | IdentifierKind::Handle if loose.contains('/') => {
            "same web address, its path in other letter case".into()
        }
        IdentifierKind::Url | IdentifierKind::Handle => "same user name, on another site or with no site named".into(),
        other => format!("similar {}", group_label(other.match_group())),
    }
}

/// The identifier kinds whose values are compared with `kind`'s: those of its match group.
fn kinds_of(kind: IdentifierKind) -> impl Iterator<Item = IdentifierKind> {
    IdentifierKind::ALL.iter().copied().filter(move |k| k.match_group() == kind.match_group())
}

/// Whether an exact match on this key ties two cases strongly. A shared routing number only means the
/// same bank, and an account number without its routing number may belong to another bank.
pub(super) fn exact_is_strong(kind: IdentifierKind, key: &str) -> bool {
    match kind {
        IdentifierKind::RoutingNumber => false,
        IdentifierKind::BankAccount => key.contains(':'),
        _ => true,
    }
}

/// Pairs the records `here` holding a value with those of each other case holding it, `there`: every
/// record on either side in at least one pair, and no more pairs than the larger side has records. A value
/// held once on a side pairs that record with each record of the other side, as ever; one held by N
/// records here and M there gives max(N, M) pairs, not N×M (a roster hit of thousands of people opened
/// twice would otherwise give millions). Each pair holds the same value, so every pair listed is a link.
fn pair_up(here: &[Held], there: Vec<Held>, mut emit: impl FnMut(&Held, &Held)) {
    let mut here: Vec<&Held> = here.iter().collect();
    here.sort_by_key(|h| (h.source, h.id));
    let mut by_case: BTreeMap<i64, Vec<Held>> = BTreeMap::new();
    for h in there {
        by_case.entry(h.case_id).or_default().push(h);
    }
    for mut theirs in by_case.into_values() {
        theirs.sort_by_key(|h| (h.source, h.id));
        for k in 0..here.len().max(theirs.len()) {
            emit(here[k.min(here.len() - 1)], &theirs[k.min(theirs.len() - 1)]);
        }
    }
}

fn file_name(path: &str) -> String {
    std::path::Path::new(path).file_name().map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

impl Workspace {
    // --- links --------------------------------------------------------------------------------

    /// Every link from one case: values other cases share (strong, or weak for a shared network,
    /// building or account number), near-duplicate resumes, and reference-list matches. Strongest first.
    /// Archived cases are left out.
    pub fn links(&self, case_id: i64) -> Result<Vec<Link>> {
        self.links_with(case_id, false)
    }

    /// [`Self::links`], to archived cases too when `with_archived` (`links ID --include-archived`).
    pub fn links_with(&self, case_id: i64, with_archived: bool) -> Result<Vec<Link>> {
        let conn = self.store().conn();
        cases::exists(conn, case_id)?;
        let mut out = Vec::new();
        // The case's records holding one value are looked up once: a roster hit of thousands of people
        // sharing one account holds it thousands of times.
        let mut values: Vec<(Probe, Vec<Held>)> = Vec::new();
        let mut at: HashMap<(IdentifierKind, String, Option<String>), usize> = HashMap::new();
        for probe in lookups::probes(conn, case_id)? {
            match at.entry((probe.kind, probe.key.clone(), probe.loose.clone())) {
                std::collections::hash_map::Entry::Occupied(e) => values[*e.get()].1.push(probe.held),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(values.len());
                    let held = vec![probe.held.clone()];
                    values.push((probe, held));
                }
            }
        }
        // A copy of this case holds its values because it is the same case: not a link to another one.
        let copies = self.copies()?;
        let copies_of_this: HashSet<i64> = copies.of(case_id).into_iter().collect();
        for (probe, here) in &values {
            self.value_links(probe, here, with_archived, &copies_of_this, &mut out)?;
        }
        let archived = if with_archived { HashSet::new() } else { cases::archived_ids(conn)? };
        self.resume_links(case_id, &archived, &mut out)?;
        out.retain(|l| l.other_case().is_none_or(|other| !copies.same(case_id, other)));
        let titles = lookups::titles(conn, out.iter().filter_map(Link::other_case))?;
        // Each record named by its subject: the rows of a value many people of a case hold read apart.
        let mut records: Vec<(Source, i64)> = Vec::with_capacity(out.len() * 2);
        for l in &out {
            records.push((l.this.source, l.this.id));
            if let Counterpart::Case { held, .. } = &l.other {
                records.push((held.source, held.id));
            }
        }
        records.sort_unstable();
        records.dedup();
        let names = lookups::holder_names(conn, &records)?;
        for l in &mut out {
            l.this.subject = names.get(&(l.this.source, l.this.id)).cloned();
            if let Counterpart::Case { held, title } = &mut l.other {
                *title = titles.get(&held.case_id).cloned().unwrap_or_default();
                held.subject = names.get(&(held.source, held.id)).cloned();
            }
        }
        let mut seen = HashSet::new();
        out.retain(|l| {
            let other = match &l.other {
                Counterpart::Case { held, .. } => format!("{}:{}", held.source, held.id),
                Counterpart::List { name, entry, .. } => format!("list:{name}:{entry}"),
            };
            seen.insert((l.this.source, l.this.id, other))
        });
        out.sort_by(|a, b| {
            (a.strength, &a.group, a.other_case(), a.this.id).cmp(&(b.strength, &b.group, b.other_case(), b.this.id))
        });
        Ok(out)
    }

    /// The links of one value, which the case's records `here` hold (`p` is the first of them).
    fn value_links(
        &self,
        p: &Probe,
        here: &[Held],
        with_archived: bool,
        copies: &HashSet<i64>,
        out: &mut Vec<Link>,
    ) -> Result<()> {
        // An address any network may use says nothing of who holds it: it ties no case, nor is it listed.
        if p.kind.ties_nothing(&p.key).is_some() {
            return Ok(());
        }
        let conn = self.store().conn();
        let group = p.kind.match_group();
        let case_id = p.held.case_id;
        let to_case = |this: &Held, held: &Held, strength, key: &str, reason: &str| Link {
            strength,
            group: group.to_string(),
            this: this.clone(),
            other: Counterpart::Case { held: held.clone(), title: String::new() },
            key: key.to_string(),
            reason: reason.to_string(),
            similarity: None,
        };
        // Many unrelated people bank where others do: a routing number only matters against lists (a
        // money-service business) and its own check, never as a tie between two cases.
        if p.kind != IdentifierKind::RoutingNumber {
            let (strength, reason) = if exact_is_strong(p.kind, &p.key) {
                let web = crate::domain::link::is_web_address(p.kind.as_str(), &p.key);
                let label = if web { "web address" } else { group_label(group) };
                (Strength::Strong, format!("same {label}"))
            } else {
                (Strength::Weak, "same account number, routing number not recorded".to_string())
            };
            let mut exact = Vec::new();
            for kind in kinds_of(p.kind) {
                exact.extend(lookups::identifiers_with_key(conn, kind, &p.key, case_id, with_archived)?);
            }
            match p.kind {
                IdentifierKind::BankAccount => {
                    exact.extend(lookups::payments_with_key(conn, &p.key, case_id, with_archived)?)
                }
                IdentifierKind::CryptoWallet => {
                    exact.extend(lookups::payments_with_wallet(conn, &p.key, case_id, with_archived)?)
                }
                _ => {}
            }
            pair_up(here, exact, |this, there| out.push(to_case(this, there, strength, &p.key, &reason)));
        }
        if let (Some(loose), false) = (&p.loose, p.kind == IdentifierKind::RoutingNumber) {
            // The first cases in case order, copies of this one aside, each with all its records holding
            // the value; how many other cases hold it is counted up to a bound.
            let mut cases = std::collections::BTreeSet::new();
            let mut more_than_counted = false;
            let mut count = |found: Vec<i64>| {
                more_than_counted |= found.len() > COUNTED_WEAK as usize;
                cases.extend(found.into_iter().filter(|c| !copies.contains(c)));
            };
            for kind in kinds_of(p.kind) {
                count(lookups::cases_with_loose(conn, kind, loose, &p.key, case_id, with_archived, COUNTED_WEAK + 1)?);
            }
            if p.kind == IdentifierKind::BankAccount {
                count(lookups::payment_cases_with_loose(
                    conn,
                    loose,
                    &p.key,
                    case_id,
                    with_archived,
                    COUNTED_WEAK + 1,
                )?);
            }
            let mut reason = loose_reason(p.kind, loose);
            if cases.len() > MAX_WEAK as usize {
                let total = if more_than_counted || cases.len() > COUNTED_WEAK as usize {
                    format!("more than {COUNTED_WEAK}")
                } else {
                    format!("the {}", cases.len())
                };
                reason.push_str(&format!(" (listed for the first {MAX_WEAK} of {total} other cases holding it)"));
            }
            for &case in cases.iter().take(MAX_WEAK as usize) {
                let mut near = Vec::new();
                for kind in kinds_of(p.kind) {
                    near.extend(lookups::identifiers_with_loose(conn, kind, loose, &p.key, case)?);
                }
                if p.kind == IdentifierKind::BankAccount {
                    near.extend(lookups::payments_with_loose(conn, loose, &p.key, case)?);
                }
                pair_up(here, near, |this, there| out.push(to_case(this, there, Strength::Weak, loose, &reason)));
            }
        }
        let mut hits: Vec<(lists::Hit, &str)> =
            keyed(lists::lookup(conn, group, &p.key, p.kind == IdentifierKind::Phone)?, &p.key);
        // A list of handles names no site: a profile's user name is on it too, matched on that name.
        if matches!(p.kind, IdentifierKind::Url | IdentifierKind::Handle)
            && let Some(name) = p.loose.as_ref().filter(|name| **name != p.key)
        {
            hits.extend(keyed(lists::lookup(conn, group, name, false)?, name));
        }
        let mut routing_group = "";
        if p.kind == IdentifierKind::BankAccount
            && let Some((routing, _)) = p.key.split_once(':')
        {
            routing_group = IdentifierKind::RoutingNumber.match_group();
            hits.extend(keyed(lists::lookup(conn, routing_group, routing, false)?, &p.key));
        }
        for (h, matched) in hits {
            let via_routing = h.kind.identifier_kind() == IdentifierKind::RoutingNumber && group != routing_group;
            let reason = if h.label.is_empty() {
                format!("on list {} ({})", h.list, h.kind)
            } else {
                format!("on list {} ({}): {}", h.list, h.kind, h.label)
            };
            let other = Counterpart::List { name: h.list, kind: h.kind, entry: h.entry, label: h.label, line: h.line };
            for this in here {
                out.push(Link {
                    strength: Strength::Listed,
                    group: if via_routing { routing_group.to_string() } else { group.to_string() },
                    this: this.clone(),
                    key: matched.to_string(),
                    reason: reason.clone(),
                    other: other.clone(),
                    similarity: None,
                });
            }
        }
        Ok(())
    }

    /// Near-duplicate resumes in other cases, except those of the cases in `archived`.
    fn resume_links(&self, case_id: i64, archived: &HashSet<i64>, out: &mut Vec<Link>) -> Result<()> {
        let conn = self.store().conn();
        let threshold = self.match_settings()?.resume_threshold;
        for mine in resumes::of_case(conn, case_id)? {
            for other in resumes::candidates(conn, &mine.fingerprint, case_id)? {
                if archived.contains(&other.case_id) {
                    continue;
                }
                let similarity = mine.fingerprint.similarity(&other.fingerprint);
                if similarity < threshold {
                    continue;
                }
                let held = |p: &resumes::Print| Held {
                    source: Source::Evidence,
                    id: p.evidence_id,
                    case_id: p.case_id,
                    kind: "resume".into(),
                    raw: file_name(&p.path),
                    subject: None,
                };
                out.push(Link {
                    strength: Strength::Similar,
                    group: "resume".into(),
                    this: held(&mine),
                    other: Counterpart::Case { held: held(&other), title: String::new() },
                    key: String::new(),
                    reason: format!("resumes about {:.0}% alike", similarity * 100.0),
                    similarity: Some(similarity),
                });
            }
        }
        Ok(())
    }

    /// Which of `case_ids` share a value or a near-duplicate resume with another case (the case-list
    /// marker). Reference-list matches and weak links do not count, nor do archived cases.
    pub fn linked_cases(&self, case_ids: &[i64]) -> Result<HashSet<i64>> {
        self.linked_cases_with(case_ids, false)
    }

    /// [`Self::linked_cases`], counting archived cases too when `with_archived`.
    pub fn linked_cases_with(&self, case_ids: &[i64], with_archived: bool) -> Result<HashSet<i64>> {
        let conn = self.store().conn();
        let mut out: HashSet<i64> = lookups::cases_sharing_keys(conn, case_ids, with_archived)?.into_iter().collect();
        // A case with a copy here shares its values with that copy: it is marked only if it shares one
        // with another case.
        let copies = self.copies()?;
        if !copies.is_empty() {
            let mut copied: Vec<i64> = out.iter().copied().filter(|&id| copies.has(id)).collect();
            copied.sort_unstable();
            for id in copied {
                let others = self.links_with(id, with_archived)?;
                if !others.iter().any(|l| matches!(l.strength, Strength::Strong | Strength::Similar)) {
                    out.remove(&id);
                }
            }
        }
        // Read only when a row on screen has a resume: a workspace can hold a great many archived cases.
        let mut archived: Option<HashSet<i64>> = None;
        let mut alike = Vec::new();
        for &id in case_ids {
            if out.contains(&id) || !resumes::case_has_resume(conn, id)? {
                continue;
            }
            let archived = match &mut archived {
                Some(set) => set,
                slot => slot.insert(if with_archived { HashSet::new() } else { cases::archived_ids(conn)? }),
            };
            if archived.contains(&id) {
                continue;
            }
            // Only the resume comparison: the case's other links are not needed for the marker.
            alike.clear();
            self.resume_links(id, archived, &mut alike)?;
            alike.retain(|l| l.other_case().is_none_or(|other| !copies.same(id, other)));
            if !alike.is_empty() {
                out.insert(id);
            }
        }
        Ok(out)
    }
}
