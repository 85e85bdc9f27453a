//! Search across cases, saying where each case matched: its title, a subject, an identifier (by its
//! words, or by its match key once the query is normalized as identifiers are), or a note.

use std::collections::HashMap;

use serde::Serialize;

use super::{CaseSummary, Workspace};
use crate::Result;
use crate::domain::IdentifierKind;
use crate::domain::identifier::Rules;
use crate::store::cases::ArchivedCases;
use crate::store::keys;
use crate::store::search::{self, Found, Hit};

/// At most this many places are kept per case, strongest first.
pub const FOUND_PER_CASE: usize = 4;

/// The most records one lookup of a search reads, however few cases they make.
const MAX_RECORDS: u32 = 1 << 20;

/// A case that matched, with where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseHit {
    #[serde(flatten)]
    pub case: CaseSummary,
    /// Strongest first; never empty.
    pub found: Vec<Found>,
}

impl CaseHit {
    /// Where the case stands in search order: where its best record does.
    fn position(&self) -> search::Position {
        self.found[0].position(self.case.row.id)
    }
}

impl Workspace {
    /// Cases matching `query`, strongest match first, then newest record first, at most `limit`, among the
    /// cases `archived` says. A case matches when its title, a subject or an identifier, or a note holds
    /// every word of the query (each as a word prefix, a single character as a whole word; accents
    /// ignored), or when the query, normalized as an
    /// identifier of some kind is, is the match key of one of its identifiers: `5550102030` finds a phone
    /// typed `+1 (555) 010-2030`. Each source is read newest first from its index: the full-text ones
    /// up to `limit` cases (a case's several records count once), the key lookups up to `limit` records and
    /// further (four times as far each time) while fewer than `limit` cases came back.
    pub fn search(&self, query: &str, archived: ArchivedCases, limit: u32) -> Result<Vec<CaseHit>> {
        let query = query.trim();
        if query.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let conn = self.store().conn();
        let rules = keys::rules(conn)?;
        // The key lookups stop at `per` records and the full-text walks at `per` cases: while fewer than
        // `limit` cases came back (several records of one case are one hit; archived cases are left out)
        // and one of them stopped short, that one looks again further.
        let wanted = usize::try_from(limit).unwrap_or(usize::MAX);
        let (mut keys_per, mut words_per) = (limit, limit);
        let (mut keys, mut keys_stops) = self.key_hits(query, &rules, keys_per)?;
        let (mut words, mut words_stops) = search::words(conn, query, words_per)?;
        // A case's own number, typed as `193` or `#193`, finds that case first (`0193` is not how a case
        // number is written: digits of something else).
        let digits = query.strip_prefix('#').unwrap_or(query);
        let number = Some(digits)
            .filter(|d| !d.starts_with('0'))
            .and_then(|d| d.parse::<i64>().ok())
            .filter(|n| *n > 0)
            .map(|case_id| Hit { case_id, found: Found::Number });
        loop {
            let all = number.iter().chain(&keys).chain(&words).cloned().collect();
            let mut out = self.ranked(all, archived)?;
            // The cases known to be in their right place: those whose best record stands before where any
            // place stopped reading (a case further on may rank before the others, in a place not read far
            // enough). A page is only ever made of these, so that the next page starts where it ends.
            let stop = keys_stops.iter().chain(&words_stops).min();
            let known = stop.map_or(out.len(), |stop| out.iter().take_while(|h| h.position() < *stop).count());
            // Only a place that stopped before the last case the page needs can hold one that belongs on it.
            let needed = out.get(wanted - 1).map(CaseHit::position);
            let short = |stops: &[search::Position]| stops.iter().any(|s| needed.is_none_or(|n| *s <= n));
            let keys_more = short(&keys_stops) && keys_per < MAX_RECORDS;
            let words_more = short(&words_stops) && words_per < MAX_RECORDS;
            if known >= wanted || !(keys_more || words_more) {
                out.truncate(wanted);
                return Ok(out);
            }
            if keys_more {
                keys_per = keys_per.saturating_mul(4).min(MAX_RECORDS);
                (keys, keys_stops) = self.key_hits(query, &rules, keys_per)?;
            }
            if words_more {
                words_per = words_per.saturating_mul(4).min(MAX_RECORDS);
                (words, words_stops) = search::words(conn, query, words_per)?;
            }
        }
    }

    /// The identifiers and payments whose match key is the query, normalized as each kind normalizes its
    /// values, at most `per` of each lookup; and where each lookup that read `per` stopped (its last record:
    /// more may follow it).
    fn key_hits(&self, query: &str, rules: &Rules, per: u32) -> Result<(Vec<Hit>, Vec<search::Position>)> {
        let conn = self.store().conn();
        let mut hits = Vec::new();
        let mut stops = Vec::new();
        let mut add = |found: Vec<Hit>| {
            if found.len() >= usize::try_from(per).unwrap_or(usize::MAX)
                && let Some(last) = found.last()
            {
                stops.push(last.found.position(last.case_id));
            }
            hits.extend(found);
        };
        for &kind in IdentifierKind::ALL {
            // A query the kind's own check would warn about is not a value of that kind.
            let Ok(checked) = kind.check_with(query, rules) else { continue };
            if checked.warning.is_some() {
                continue;
            }
            for &same in IdentifierKind::ALL.iter().filter(|k| k.match_group() == kind.match_group()) {
                add(search::identifier_key(conn, same, &checked.normalized, false, per)?);
            }
            // The national number of a phone, the account number without its routing number: what people
            // type when they search. Other weak keys (a /24 network, a building) are too wide for search.
            if let (IdentifierKind::Phone | IdentifierKind::BankAccount, Some(loose)) = (kind, &checked.loose) {
                add(search::identifier_key(conn, kind, loose, true, per)?);
            }
            // Payments are matched with bank accounts, as links match them.
            if kind == IdentifierKind::BankAccount {
                add(search::payment_account(conn, &checked.normalized, false, per)?);
                if let Some(loose) = &checked.loose {
                    add(search::payment_account(conn, loose, true, per)?);
                }
            }
            // And a wallet with the wallets payments went to.
            if kind == IdentifierKind::CryptoWallet {
                add(search::payment_wallet(conn, &checked.normalized, per)?);
            }
        }
        Ok((hits, stops))
    }

    /// `hits` as cases among those `archived` says, in search order: by their best record's position
    /// (strongest match first, then newest record first).
    fn ranked(&self, hits: Vec<Hit>, archived: ArchivedCases) -> Result<Vec<CaseHit>> {
        let conn = self.store().conn();
        let mut found = by_case(hits);
        let mut out = Vec::with_capacity(found.len());
        for (case_id, places) in found.drain() {
            if let Some(row) = search::case_row(conn, case_id, archived)? {
                out.push(CaseHit { case: self.summary(row), found: places });
            }
        }
        out.sort_by_key(CaseHit::position);
        Ok(out)
    }
}

/// Groups hits by case, in search order (strongest first), one place per record (an identifier found by
/// its key is not listed again for its words), at most [`FOUND_PER_CASE`] per case.
fn by_case(hits: Vec<Hit>) -> HashMap<i64, Vec<Found>> {
    let mut cases: HashMap<i64, Vec<Found>> = HashMap::new();
    for hit in hits {
        cases.entry(hit.case_id).or_default().push(hit.found);
    }
    for (case_id, places) in cases.iter_mut() {
        places.sort_by_key(|f| f.position(*case_id));
        let mut seen = std::collections::HashSet::new();
        places.retain(|f| match f {
            Found::Identifier { id, .. } | Found::IdentifierKey { id, .. } => seen.insert(("identifier", *id)),
            Found::Subject { id, .. } => seen.insert(("subject", *id)),
            Found::PaymentAccount { id, .. } | Found::PaymentWallet { id, .. } => seen.insert(("payment", *id)),
            Found::Note { id, .. } => seen.insert(("note", *id)),
            Found::Title => seen.insert(("title", 0)),
            Found::Number => seen.insert(("number", 0)),
        });
        places.truncate(FOUND_PER_CASE);
    }
    cases
}

/// Where a case matched, its places described one after the other, each description once: the records of
/// a roster hit sharing one account read the same.
pub fn describe_places(places: &[Found]) -> String {
    let mut said: Vec<String> = Vec::with_capacity(places.len());
    for place in places {
        let text = place.describe();
        if !said.contains(&text) {
            said.push(text);
        }
    }
    said.join(" · ")
}

impl Found {
    /// Where a case matched, in a few words: `identifier phone +1 (555) 010-2030`, `note "…met him…"`.
    pub fn describe(&self) -> String {
        match self {
            Found::Title => "title".into(),
            Found::Number => "case number".into(),
            Found::Subject { name, .. } => format!("subject {name}"),
            Found::Identifier { kind, raw, .. } => format!("identifier {kind} {raw}"),
            Found::IdentifierKey { kind, raw, loose: false, .. } => format!("identifier {kind} {raw}"),
            Found::IdentifierKey { kind: IdentifierKind::Phone, raw, loose: true, .. } => {
                format!("identifier phone {raw} (national)")
            }
            Found::IdentifierKey { kind, raw, loose: true, .. } => {
                format!("identifier {kind} {raw} (account)")
            }
            Found::PaymentAccount { routing, account, loose, .. } => {
                let label = crate::store::links::payment_account_label(routing, account);
                format!("payment to account {label}{}", if *loose { " (account)" } else { "" })
            }
            Found::PaymentWallet { wallet, .. } => format!("payment to wallet {wallet}"),
            Found::Note { excerpt, .. } => {
                format!("note \"{}\"", excerpt.split_whitespace().collect::<Vec<_>>().join(" "))
            }
        }
    }
}

/// Stops the query running on a workspace's connection, from another thread: a newer search makes the one
/// under way pointless.
pub struct Interrupt(rusqlite::InterruptHandle);

impl Interrupt {
    pub fn interrupt(&self) {
        self.0.interrupt();
    }
}

impl Workspace {
    pub fn interrupt_handle(&self) -> Interrupt {
        Interrupt(self.store().conn().get_interrupt_handle())
    }
}

/// Whether `e` is a query stopped by [`Interrupt::interrupt`].
pub fn interrupted(e: &crate::Error) -> bool {
    matches!(e, crate::Error::Sqlite(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::OperationInterrupted)
}
