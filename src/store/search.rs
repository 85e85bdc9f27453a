//! Workspace search: where each case matched. Every query is bounded: the full-text indexes are read
//! newest first (`ORDER BY rowid DESC`, which FTS5 walks without sorting) up to a limit per source, and
//! identifier keys are index seeks, so a keystroke never costs a scan of the workspace.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::cases::{ArchivedCases, CaseRow};
use super::fts::{self, Index};
use super::word;
use crate::Result;
use crate::domain::IdentifierKind;

/// `case_search` rowids: a title's is its case id, a subject's 2^40 + its id, an identifier's 2^41 + its id.
const SUBJECT_BASE: i64 = 1 << 40;

/// The most records of one case a search keeps from each place (titles, subjects, identifiers, notes).
pub const PER_CASE: usize = 4;
const IDENTIFIER_BASE: i64 = 1 << 41;

/// Where a case matched.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "in", rename_all = "kebab-case")]
pub enum Found {
    /// The query is the case's number (`193` or `#193`).
    Number,
    Title,
    Subject {
        id: i64,
        name: String,
    },
    /// Words of the identifier as typed (or of its normalized form).
    Identifier {
        id: i64,
        kind: IdentifierKind,
        raw: String,
    },
    /// The query, normalized as an identifier of this kind, is this identifier's match key (`loose`: its
    /// weaker key, such as the national number of a phone).
    IdentifierKey {
        id: i64,
        kind: IdentifierKind,
        raw: String,
        loose: bool,
    },
    /// The query, normalized as a bank account, is the account key of a payment (`loose`: its account
    /// number alone, whatever the routing number).
    PaymentAccount {
        id: i64,
        routing: String,
        account: String,
        loose: bool,
    },
    /// The query, normalized as a crypto wallet, is the wallet a payment went to.
    PaymentWallet {
        id: i64,
        wallet: String,
    },
    /// A note; `excerpt` is the text around the words.
    Note {
        id: i64,
        excerpt: String,
    },
}

impl Found {
    /// How strong the match is: the case's number first, then an identifier key, then title, subject,
    /// identifier, note.
    pub fn rank(&self) -> u8 {
        match self {
            Found::Number => 0,
            Found::IdentifierKey { loose: false, .. }
            | Found::PaymentAccount { loose: false, .. }
            | Found::PaymentWallet { .. } => 1,
            Found::IdentifierKey { loose: true, .. } | Found::PaymentAccount { loose: true, .. } => 2,
            Found::Title => 3,
            Found::Subject { .. } => 4,
            Found::Identifier { .. } => 5,
            Found::Note { .. } => 6,
        }
    }
}

/// Where a record stands in search order: the strength of the match (see [`Found::rank`]), the place it
/// was read from, then newest record first, as each place is read. Every place is read in this order and
/// stops somewhere, so a case whose best record stands before where every place stopped is known to be in
/// its right place: paging through a search sees every case once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    rank: u8,
    place: u8,
    newest: std::cmp::Reverse<i64>,
}

impl Found {
    /// Where the record found in case `case_id` stands in search order.
    pub fn position(&self, case_id: i64) -> Position {
        let (place, id) = match self {
            Found::Number => (0, case_id),
            Found::IdentifierKey { id, .. } => (1, *id),
            Found::PaymentAccount { id, .. } => (2, *id),
            Found::Title => (3, case_id),
            Found::Subject { id, .. } => (4, *id),
            Found::Identifier { id, .. } => (5, *id),
            Found::Note { id, .. } => (6, *id),
            Found::PaymentWallet { id, .. } => (7, *id),
        };
        Position { rank: self.rank(), place, newest: std::cmp::Reverse(id) }
    }
}

/// A match in one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub case_id: i64,
    pub found: Found,
}

/// Titles, subjects and identifiers holding every word of `query` (as [`super::fts::query`] reads words),
/// newest first, from at most `limit` cases of each (several records of one case count once, and at most
/// [`PER_CASE`] of them are kept); then notes, the same way. With them, where each place that stopped at
/// `limit` cases stopped: the first record it left unread (there may be more after it).
///
/// Where a word stays a prefix, the full-text index merges the postings of every word it starts before it
/// returns the first row: that is the cost of a walk, whatever the limit. So `case_search` is
/// walked once, newest first, through identifiers (the highest rowids), subjects, then titles; only when
/// one of them has `limit` hits does a new walk start below its range.
pub fn words(conn: &Connection, query: &str, limit: u32) -> Result<(Vec<Hit>, Vec<Position>)> {
    let Some(fts) = fts::query(conn, Index::Cases, query)? else { return Ok((Vec::new(), Vec::new())) };
    let mut stops = Vec::new();
    let per_range = usize::try_from(limit).unwrap_or(usize::MAX);
    // Ids found in each range, newest first: titles (case ids), subjects, identifiers; and how many records
    // of each case each range holds.
    let mut found: [Vec<i64>; 3] = Default::default();
    let mut cases: [HashMap<i64, usize>; 3] = Default::default();
    let mut walk = conn.prepare_cached(
        "SELECT rowid, case_id FROM case_search WHERE case_search MATCH ?1 AND rowid < ?2 ORDER BY rowid DESC",
    )?;
    let mut below = i64::MAX;
    'walks: while below > 0 {
        let mut rows = walk.query(params![&fts, below])?;
        while let Some(row) = rows.next()? {
            let rowid: i64 = row.get(0)?;
            let case_id: i64 = row.get(1)?;
            let (range, base) = match rowid {
                r if r >= IDENTIFIER_BASE => (2, IDENTIFIER_BASE),
                r if r >= SUBJECT_BASE => (1, SUBJECT_BASE),
                _ => (0, 0),
            };
            match admit(&mut cases[range], case_id, per_range) {
                Admit::Keep => found[range].push(rowid - base),
                Admit::Skip => {}
                Admit::Full => {
                    let left = match range {
                        0 => Found::Title,
                        1 => Found::Subject { id: rowid - base, name: String::new() },
                        _ => Found::Identifier { id: rowid - base, kind: IdentifierKind::Email, raw: String::new() },
                    };
                    stops.push(left.position(case_id));
                    below = base;
                    continue 'walks;
                }
            }
        }
        break;
    }
    let [titles, subjects, identifiers] = found;
    let mut out: Vec<Hit> = titles.into_iter().map(|case_id| Hit { case_id, found: Found::Title }).collect();
    let mut subject = conn.prepare_cached("SELECT case_id, id, name, aliases FROM subject WHERE id = ?1")?;
    // A subject found by an alias is named with its aliases, so the match can be seen.
    let holds = |text: &str| {
        let text = text.to_lowercase();
        let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
        query.split_whitespace().all(|q| {
            let q = q.to_lowercase();
            words.iter().any(|w| w.starts_with(q.trim_matches(|c: char| !c.is_alphanumeric())))
        })
    };
    for id in subjects {
        let hit = subject
            .query_row([id], |r| {
                let (name, aliases) = (super::shown(r, 2)?, super::shown(r, 3)?);
                let name =
                    if !holds(&name) && holds(&aliases) { format!("{name} (aka {})", aliases.trim()) } else { name };
                Ok(Hit { case_id: r.get(0)?, found: Found::Subject { id: r.get(1)?, name } })
            })
            .optional()?;
        out.extend(hit);
    }
    let mut identifier = conn.prepare_cached("SELECT case_id, id, kind, raw FROM identifier WHERE id = ?1")?;
    for id in identifiers {
        let hit = identifier
            .query_row([id], |r| {
                Ok(Hit {
                    case_id: r.get(0)?,
                    found: Found::Identifier { id: r.get(1)?, kind: word(r, 2)?, raw: super::shown(r, 3)? },
                })
            })
            .optional()?;
        out.extend(hit);
    }
    // The excerpt of a note is worked out only for the notes kept, after the walk.
    let mut notes = conn.prepare_cached(
        "SELECT n.case_id, n.id FROM note_fts f JOIN note n ON n.id = f.rowid
         WHERE note_fts MATCH ?1 ORDER BY f.rowid DESC",
    )?;
    let Some(fts) = fts::query(conn, Index::Notes, query)? else { return Ok((out, stops)) };
    let mut rows = notes.query([&fts])?;
    let mut with_notes: HashMap<i64, usize> = HashMap::new();
    let mut kept = Vec::new();
    while let Some(r) = rows.next()? {
        let (case_id, id): (i64, i64) = (r.get(0)?, r.get(1)?);
        match admit(&mut with_notes, case_id, per_range) {
            Admit::Keep => kept.push((case_id, id)),
            Admit::Skip => {}
            Admit::Full => {
                stops.push(Found::Note { id, excerpt: String::new() }.position(case_id));
                break;
            }
        }
    }
    drop(rows);
    for (case_id, id) in kept {
        out.push(Hit { case_id, found: Found::Note { id, excerpt: note_excerpt(conn, &fts, id, query)? } });
    }
    Ok((out, stops))
}

/// Notes longer than this (a roster screening's, naming thousands of people) get their excerpt from
/// [`excerpt`]: the full-text index's own `snippet` scores every window around every match, which took
/// 0.24 s on a note of 266 KB naming one account 2,000 times.
const SNIPPET_UP_TO: i64 = 16 * 1024;

/// About eight words of note `id` around where `query` (as the index query `fts`) matched it.
fn note_excerpt(conn: &Connection, fts: &str, id: i64, query: &str) -> Result<String> {
    let mut stmt = conn.prepare_cached(
        "SELECT CASE WHEN length(body) <= ?3 THEN snippet(note_fts, 0, '', '', '…', 8) END,
                CASE WHEN length(body) > ?3 THEN body END
         FROM note_fts WHERE note_fts MATCH ?1 AND rowid = ?2",
    )?;
    let text = |r: &rusqlite::Row<'_>, i| match r.get_ref(i)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        _ => super::shown(r, i).map(Some),
    };
    let texts = stmt.query_row(params![fts, id, SNIPPET_UP_TO], |r| Ok((text(r, 0)?, text(r, 1)?))).optional()?;
    Ok(match texts {
        Some((Some(snippet), _)) => snippet,
        Some((None, Some(body))) => excerpt(&body, query),
        _ => String::new(),
    })
}

/// Eight words of `text` holding the first word that starts with a word of `query` (ignoring case and
/// accents, as the index does): the first eight when it is among them, else from two words before it;
/// with `…` where words were left out. The first eight words when no word does (an index term reached
/// another way).
fn excerpt(text: &str, query: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    const WORDS: usize = 8;
    let fold = |w: &str| -> String {
        w.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
    };
    let terms: Vec<String> = query.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(fold).collect();
    // Each word's byte range in `text`.
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                words.push(from..at);
                start = None;
            }
            _ => {}
        }
    }
    let hit = words.iter().position(|w| {
        let word = fold(&text[w.clone()]);
        terms.iter().any(|t| if t.chars().count() == 1 { word == *t } else { word.starts_with(t.as_str()) })
    });
    // Near the end, the last eight words.
    let first = hit.filter(|&at| at >= WORDS).map_or(0, |at| (at - 2).min(words.len().saturating_sub(WORDS)));
    let last = (first + WORDS).min(words.len());
    let Some(span) = words.get(first).zip(words.get(last.saturating_sub(1))) else { return String::new() };
    // To the end of the note when its last word is in: a final full stop is the note's.
    let (mut start, mut end) = (span.0.start, if last == words.len() { text.trim_end().len() } else { span.1.end });
    let (mut before, mut after) = (first > 0, last < words.len());
    // Words can be long (a script written without spaces is one word to the index): at most
    // EXCERPT_CHARS characters, from a little before the matching word.
    if text[start..end].chars().count() > EXCERPT_CHARS {
        let word = &words[hit.unwrap_or(first)];
        let back =
            text[start..word.start].char_indices().rev().nth(EXCERPT_CHARS / 4 - 1).map_or(start, |(at, _)| start + at);
        let ahead = text[back..end].char_indices().nth(EXCERPT_CHARS).map_or(end, |(at, _)| back + at);
        (before, after) = (before || back > start, after || ahead < end);
        (start, end) = (back, ahead);
    }
    let (before, after) = (if before { "…" } else { "" }, if after { "…" } else { "" });
    format!("{before}{}{after}", &text[start..end])
}

/// The most characters a note's excerpt shows.
const EXCERPT_CHARS: usize = 120;

/// What to do with a record of case `case_id` found by a walk that keeps records of at most `limit` cases.
enum Admit {
    Keep,
    /// Its case has [`PER_CASE`] records kept already.
    Skip,
    /// A case past the limit: the walk stops here.
    Full,
}

fn admit(seen: &mut HashMap<i64, usize>, case_id: i64, limit: usize) -> Admit {
    let cases = seen.len();
    match seen.get_mut(&case_id) {
        Some(n) if *n >= PER_CASE => Admit::Skip,
        Some(n) => {
            *n += 1;
            Admit::Keep
        }
        None if cases < limit => {
            seen.insert(case_id, 1);
            Admit::Keep
        }
        None => Admit::Full,
    }
}

/// Identifiers of `kind` (not voided) whose match key is `key`, or with `loose` whose weaker key is, newest
/// first, at most `limit`: a seek on `identifier_match` or `identifier_loose`.
pub fn identifier_key(conn: &Connection, kind: IdentifierKind, key: &str, loose: bool, limit: u32) -> Result<Vec<Hit>> {
    let sql = if loose {
        "SELECT case_id, id, raw FROM identifier WHERE kind = ?1 AND loose = ?2 AND voided_at IS NULL
         ORDER BY id DESC LIMIT ?3"
    } else {
        "SELECT case_id, id, raw FROM identifier WHERE kind = ?1 AND normalized = ?2 AND voided_at IS NULL
         ORDER BY id DESC LIMIT ?3"
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![kind.as_str(), key, limit], |r| {
        Ok(Hit {
            case_id: r.get(0)?,
            found: Found::IdentifierKey { id: r.get(1)?, kind, raw: super::shown(r, 2)?, loose },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Payments (not voided) whose account key is `key`, or with `loose` whose account number alone is, newest
/// first, at most `limit`: a seek on `payment_account` or `payment_account_loose`.
pub fn payment_account(conn: &Connection, key: &str, loose: bool, limit: u32) -> Result<Vec<Hit>> {
    let column = if loose { "account_loose" } else { "account_key" };
    let sql = format!(
        "SELECT case_id, id, routing_number, account FROM payment WHERE {column} = ?1 AND voided_at IS NULL
         ORDER BY id DESC LIMIT ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![key, limit], |r| {
        let found = Found::PaymentAccount { id: r.get(1)?, routing: r.get(2)?, account: r.get(3)?, loose };
        Ok(Hit { case_id: r.get(0)?, found })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Payments (not voided) to the wallet keyed `key`, newest first, at most `limit`: a seek on
/// `payment_wallet`.
pub fn payment_wallet(conn: &Connection, key: &str, limit: u32) -> Result<Vec<Hit>> {
    let mut stmt = conn.prepare_cached(
        "SELECT case_id, id, wallet FROM payment WHERE wallet_key = ?1 AND voided_at IS NULL ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![key, limit], |r| {
        Ok(Hit { case_id: r.get(0)?, found: Found::PaymentWallet { id: r.get(1)?, wallet: r.get(2)? } })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The list row of case `id`, when it is among the cases `archived` says.
pub fn case_row(conn: &Connection, id: i64, archived: ArchivedCases) -> Result<Option<CaseRow>> {
    let sql = format!("SELECT {} FROM \"case\" c WHERE c.id = ?1 AND {}", super::cases::ROW, archived.condition());
    Ok(conn.prepare_cached(&sql)?.query_row([id], super::cases::case_row).optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::store::cases::insert;

    #[test]
    fn an_excerpt_is_eight_words_around_the_first_match_as_typed() {
        let note = "Roster screening: 2000 people share one account\n- Person 0: 011000015:99887766\n- Person 1: x";
        assert_eq!(
            excerpt(note, "99887766"),
            "…account\n- Person 0: 011000015:99887766\n- Person 1: x",
            "as typed, the last eight words"
        );
        assert_eq!(
            excerpt("Laptop went to a freight forwarder in Ohio", "freight"),
            "Laptop went to a freight forwarder in Ohio"
        );
        assert_eq!(
            excerpt("one two three four five six seven eight nine ten eleven", "fiv"),
            "one two three four five six seven eight…"
        );
        assert_eq!(
            excerpt("one two three four five six seven eight nine ten eleven", "nin"),
            "…four five six seven eight nine ten eleven"
        );
        assert_eq!(
            excerpt("Paid to Zoë at the Café", "cafe zoe"),
            "Paid to Zoë at the Café",
            "accents and case ignored"
        );
        assert_eq!(excerpt("a b c d e f g h i j", "x"), "a b c d e f g h…", "no word found: the start");
        assert_eq!(excerpt("", "x"), "");
        let end = format!("{} kilo mike finalword.", ["lorem"; 40].join(" "));
        assert_eq!(
            excerpt(&end, "finalword"),
            "…lorem lorem lorem lorem lorem kilo mike finalword.",
            "the last eight words"
        );
        // Text without spaces is one word to the index: the excerpt stays short and holds the match.
        let long = format!("{} 東京 meeting here", "日本語テキスト".repeat(1500));
        let shown = excerpt(&long, "東京");
        assert!(shown.chars().count() <= EXCERPT_CHARS + 2 && shown.contains("東京 meeting here"), "{shown}");
        assert!(shown.starts_with('…'), "{shown}");
        let shown = excerpt(&format!("{}é target1 {}", "x".repeat(16383), "日本語".repeat(2000)), "target1");
        assert!(shown.chars().count() <= EXCERPT_CHARS + 2 && shown.contains("target1"), "{shown}");
    }

    fn plan(conn: &Connection, sql: &str) -> String {
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap()
            .query_map([], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        plan.join("\n")
    }

    /// Each source is read from its index in rowid order and stops at the limit: nothing sorts, nothing scans.
    #[test]
    fn every_query_reads_an_index_without_sorting() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let fts = "SELECT rowid FROM case_search WHERE case_search MATCH 'a*' AND rowid < 10 ORDER BY rowid DESC";
        let p = plan(conn, fts);
        assert!(p.contains("VIRTUAL TABLE INDEX") && !p.contains("TEMP B-TREE"), "{p}");
        for column in ["normalized", "loose"] {
            let key = format!(
                "SELECT case_id, id, raw FROM identifier WHERE kind = 'phone' AND {column} = 'x' AND voided_at IS NULL
                 ORDER BY id DESC LIMIT 5"
            );
            let p = plan(conn, &key);
            assert!(p.contains("USING INDEX identifier_"), "{column}: {p}");
        }
        for (column, index) in [("account_key", "payment_account "), ("account_loose", "payment_account_loose")] {
            let sql = format!(
                "SELECT case_id, id, routing_number, account FROM payment WHERE {column} = 'x' AND voided_at IS NULL
                 ORDER BY id DESC LIMIT 5"
            );
            let p = plan(conn, &sql);
            assert!(p.contains(&format!("USING INDEX {index}")), "{column}: {p}");
        }
    }

    /// One walk of `case_search` serves titles, subjects and identifiers; each still gets its own newest
    /// `limit`, whichever range fills first.
    #[test]
    fn each_place_gets_its_newest_hits_up_to_the_limit() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| {
                let now = "2026-01-01T00:00:00Z";
                for n in 1..=5 {
                    let case = insert(tx, &format!("Backend {n}"), crate::domain::Priority::Low, "t", now)?;
                    tx.execute(
                        "INSERT INTO subject (case_id, role, name, aliases, created_at, updated_at)
                         VALUES (?1, 'candidate', ?2, '', ?3, ?3)",
                        params![case, format!("Backend Person {n}"), now],
                    )?;
                    // Identifiers only in the first two cases: their range runs out before the limit.
                    if n <= 2 {
                        tx.execute(
                            "INSERT INTO identifier (case_id, kind, raw, normalized, created_at)
                             VALUES (?1, 'email', ?2, ?2, ?3)",
                            params![case, format!("backend{n}@example.com"), now],
                        )?;
                    }
                }
                Ok(())
            })
            .unwrap();
        let (hits, stops) = words(store.conn(), "backend", 3).unwrap();
        // Five titles and subjects match: each place stopped at the fourth case's record, left unread.
        assert_eq!(stops, [Found::Subject { id: 2, name: String::new() }.position(2), Found::Title.position(2)]);
        let cases =
            |rank: u8| -> Vec<i64> { hits.iter().filter(|h| h.found.rank() == rank).map(|h| h.case_id).collect() };
        assert_eq!(cases(3), [5, 4, 3], "titles, newest first");
        assert_eq!(cases(4), [5, 4, 3], "subjects");
        assert_eq!(cases(5), [2, 1], "identifiers");
        let (one, stops) = words(store.conn(), "backend", 1).unwrap();
        assert_eq!(stops.len(), 3, "one of each: more were left out of each place");
        assert_eq!(one.iter().map(|h| (h.found.rank(), h.case_id)).collect::<Vec<_>>(), [(3, 5), (4, 5), (5, 2)]);
    }

    #[test]
    fn words_say_where_they_matched_and_keys_find_the_identifier() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| {
                let now = "2026-01-01T00:00:00Z";
                let a = insert(tx, "Backend contractor", crate::domain::Priority::Low, "t", now)?;
                tx.execute(
                    "INSERT INTO subject (case_id, role, name, aliases, created_at, updated_at)
                     VALUES (?1, 'candidate', 'Jordan Backend', '', ?2, ?2)",
                    params![a, now],
                )?;
                tx.execute(
                    "INSERT INTO identifier (case_id, kind, raw, normalized, loose, created_at)
                     VALUES (?1, 'phone', '+1 (555) 010-2030', '+15550102030', '5550102030', ?2)",
                    params![a, now],
                )?;
                crate::store::notes::insert(tx, a, "Said the backend team met him twice", "ana", now)?;
                Ok(())
            })
            .unwrap();
        let conn = store.conn();
        let found: Vec<u8> = words(conn, "backend", 10).unwrap().0.iter().map(|h| h.found.rank()).collect();
        assert_eq!(found, [3, 4, 6], "title, subject, note");
        let notes = words(conn, "twice", 10).unwrap().0;
        assert!(matches!(&notes[0].found, Found::Note { excerpt, .. } if excerpt.contains("twice")), "{notes:?}");
        let exact = identifier_key(conn, IdentifierKind::Phone, "+15550102030", false, 5).unwrap();
        let loose = identifier_key(conn, IdentifierKind::Phone, "5550102030", true, 5).unwrap();
        assert_eq!((exact.len(), loose.len()), (1, 1));
        assert!(identifier_key(conn, IdentifierKind::Email, "+15550102030", false, 5).unwrap().is_empty());
        assert_eq!(case_row(conn, 1, ArchivedCases::Hidden).unwrap().unwrap().title, "Backend contractor");
        assert!(case_row(conn, 1, ArchivedCases::Only).unwrap().is_none());
    }
}
