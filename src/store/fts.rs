//! Full-text queries from typed words, built so that no word makes SQLite hold a list in memory that grows
//! with the workspace.
//!
//! A typed word is matched as a word prefix. FTS5 answers a prefix by merging the posting lists of every
//! word it starts into one list in memory before it returns the first row: 15 MB for `engineer*` at a
//! million cases, where the word `engineer` alone streams from disk in 4.6 MB. So, by the length of the
//! word's last token (the prefix applies to it: `010-2030` is the tokens `010` and `2030`):
//!
//! - no letter or digit: nothing to find, the word is left out;
//! - one character: the whole word, as the prefix `1*` would merge every number in the workspace (and
//!   while typing, the next keystroke makes it a prefix anyway);
//! - two or three characters: a prefix, which both indexes answer from a prefix index of their own
//!   (`prefix = '2 3'`, schema step 13), read from disk as it streams;
//! - four or more characters of ASCII letters and digits: the index's own words that start with it, read
//!   from its vocabulary (`fts5vocab`) in order, each matched as a whole word (`"engineer" OR
//!   "engineers"`), which streams; when more than [`MAX_TERMS`] words start with it, or the token is not
//!   ASCII (the index folds case and accents, which only ASCII is folded here as it does), a prefix as before.

use rusqlite::Connection;

use crate::Result;

/// The most words a prefix is expanded into. At a million cases, an `OR` of 200 words matched newest
/// first peaked at 5.9 MB, of 1,000 words at 6.2 MB, against 4.3 MB for one.
pub const MAX_TERMS: usize = 256;

/// A full-text index of the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Index {
    /// `case_search`: case titles, subjects and identifiers.
    Cases,
    /// `note_fts`: notes.
    Notes,
}

impl Index {
    fn table(self) -> &'static str {
        match self {
            Index::Cases => "case_search",
            Index::Notes => "note_fts",
        }
    }
}

/// An FTS5 query matching every word of `words` in `index`, as the module says, with quotes escaped so
/// that no input is an FTS syntax error; `None` when there are no words.
pub fn query(conn: &Connection, index: Index, words: &str) -> Result<Option<String>> {
    let mut parts = Vec::new();
    for word in words.split_whitespace() {
        parts.push(match last_token(word) {
            Some((start, token)) if token.chars().count() >= 4 && token.is_ascii() => {
                match expansion(conn, index, &token.to_ascii_lowercase())? {
                    Some(terms) if terms.is_empty() => phrase(word),
                    Some(terms) => {
                        let each: Vec<String> =
                            terms.iter().map(|t| phrase(&format!("{}{t}", &word[..start]))).collect();
                        format!("({})", each.join(" OR "))
                    }
                    None => phrase(word) + "*",
                }
            }
            Some((_, token)) if token.chars().count() > 1 => phrase(word) + "*",
            Some(_) => phrase(word),
            // Punctuation alone holds no word to find (and FTS5 refuses an empty phrase).
            None => continue,
        });
    }
    // FTS5 reads whitespace as AND only between phrases, not before or after a parenthesis.
    Ok((!parts.is_empty()).then(|| parts.join(" AND ")))
}

/// The records each index is filled from, as its triggers write them: `?1 < id <= ?2`.
const FILLS: [(&str, &str); 4] = [
    (
        "\"case\"",
        "INSERT INTO case_search (rowid, case_id, body) SELECT id, id, title FROM \"case\" WHERE id > ?1 AND id <= ?2",
    ),
    (
        "subject",
        "INSERT INTO case_search (rowid, case_id, body)
         SELECT 1099511627776 + id, case_id, name || ' ' || aliases || ' ' || business FROM subject
         WHERE id > ?1 AND id <= ?2 AND voided_at IS NULL",
    ),
    (
        "identifier",
        "INSERT INTO case_search (rowid, case_id, body)
         SELECT 2199023255552 + id, case_id, raw || ' ' || normalized FROM identifier
         WHERE id > ?1 AND id <= ?2 AND voided_at IS NULL",
    ),
    (
        "note",
        "INSERT INTO note_fts (rowid, body) SELECT id, body FROM note WHERE id > ?1 AND id <= ?2 AND voided_at IS NULL",
    ),
];

/// Rows one statement of [`empty`] or [`refill`] deletes or puts into an index.
const ROWS_PER_STATEMENT: i64 = 20_000;

/// Schema step 13 (`sql`): both full-text indexes emptied, dropped and made again with their prefix
/// indexes, then filled from the records, on the step's transaction.
pub(super) fn remake(conn: &Connection, sql: &str) -> Result<()> {
    empty(conn)?;
    conn.execute_batch(sql)?;
    refill(conn)
}

/// Fills both full-text indexes, made again empty by schema step 13, from the records, on the step's
/// transaction.
fn refill(conn: &Connection) -> Result<()> {
    fill_after(conn, [0; FILLS.len()])
}

/// How much FTS5 gathers in memory before it writes a segment, while [`fill_after`] runs. FTS5's default,
/// 1 MiB, wrote four or five segments per 20,000 identifiers, each merged again later; with 16 MiB it
/// writes one, and the 714,201 identifiers of a 100,000-case workspace went into a new index in 2.8 s
/// instead of 4.7 s (`sqlite3`, same statements).
const FILL_HASHSIZE: i64 = 16 << 20;

/// FTS5's own `hashsize`, which each index gets back after a fill.
const DEFAULT_HASHSIZE: i64 = 1 << 20;

/// Puts the rows of each table of [`FILLS`] whose id is above its bound in `after` into their index. A
/// range of rows to a statement: in [`refill`] the index is written into the pages the old one freed, and
/// SQLite keeps the earlier content of every page a statement changes in memory until the statement ends
/// (in one statement, 930 MB at a million cases).
pub(super) fn fill_after(conn: &Connection, after: [i64; FILLS.len()]) -> Result<()> {
    set_hashsize(conn, FILL_HASHSIZE)?;
    for ((table, fill), after) in FILLS.iter().zip(after) {
        let last = super::last_id(conn, table)?;
        let mut stmt = conn.prepare(fill)?;
        let mut from = after;
        while from < last {
            stmt.execute(rusqlite::params![from, from + ROWS_PER_STATEMENT])?;
            from += ROWS_PER_STATEMENT;
        }
    }
    set_hashsize(conn, DEFAULT_HASHSIZE)
}

fn set_hashsize(conn: &Connection, bytes: i64) -> Result<()> {
    for table in [Index::Cases.table(), Index::Notes.table()] {
        conn.execute(&format!("INSERT INTO {table} ({table}, rank) VALUES ('hashsize', ?1)"), [bytes])?;
    }
    Ok(())
}

/// The largest id of each table of [`FILLS`]: what [`fill_after`] takes, read before a bulk write (see
/// [`super::bulk::deferred`]).
pub(super) fn last_ids(conn: &Connection) -> Result<[i64; FILLS.len()]> {
    let mut after = [0; FILLS.len()];
    for (bound, (table, _)) in after.iter_mut().zip(FILLS) {
        *bound = super::last_id(conn, table)?;
    }
    Ok(after)
}

/// The tables that hold an FTS5 index, by rowid, largest first: its segments, its rows' text (`case_search`
/// keeps its own), their sizes.
const SHADOWS: [&str; 5] =
    ["case_search_data", "case_search_content", "case_search_docsize", "note_fts_data", "note_fts_docsize"];

/// Empties both full-text indexes before schema step 13 drops them, a range of rows to a statement. An
/// encrypted workspace overwrites every page it frees (SQLCipher forces `secure_delete`), and dropping the
/// whole index in one statement kept the earlier content of every one of those pages in memory until the
/// statement ended (157 MB of a 219 MB peak at 100,000 cases). The indexes are dropped right after, in the
/// same transaction, so nothing ever reads them half emptied.
fn empty(conn: &Connection) -> Result<()> {
    for table in SHADOWS {
        let mut stmt = conn.prepare(&format!(
            "DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM {table} ORDER BY rowid LIMIT {ROWS_PER_STATEMENT})"
        ))?;
        while stmt.execute([])? > 0 {}
    }
    Ok(())
}

/// The words of the index's vocabulary starting with `token` (lowercase ASCII), in order; `None` when
/// there are more than [`MAX_TERMS`].
fn expansion(conn: &Connection, index: Index, token: &str) -> Result<Option<Vec<String>>> {
    let table = index.table();
    conn.execute_batch(&format!(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.{table}_terms USING fts5vocab(main, {table}, row)"
    ))?;
    // Every word starting with `token` sorts between it and the same with its last character raised; an
    // ASCII letter or digit raised stays a single byte.
    let mut upper = token.as_bytes().to_vec();
    if let Some(last) = upper.last_mut() {
        *last += 1;
    }
    let upper = String::from_utf8(upper).unwrap_or_default();
    let limit = i64::try_from(MAX_TERMS + 1).unwrap_or(i64::MAX);
    let mut stmt =
        conn.prepare_cached(&format!("SELECT term FROM temp.{table}_terms WHERE term >= ?1 AND term < ?2 LIMIT ?3"))?;
    let terms: Vec<String> =
        stmt.query_map(rusqlite::params![token, upper, limit], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok((terms.len() <= MAX_TERMS).then_some(terms))
}

/// The last run of letters and digits in `word`, with its byte offset: the token a prefix applies to.
fn last_token(word: &str) -> Option<(usize, &str)> {
    let end = word.char_indices().rfind(|(_, c)| c.is_alphanumeric()).map(|(i, c)| i + c.len_utf8())?;
    let start = word[..end].char_indices().rfind(|(_, c)| !c.is_alphanumeric()).map_or(0, |(i, c)| i + c.len_utf8());
    Some((start, &word[start..end]))
}

/// `text` as one FTS5 phrase.
fn phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// One word's place in an index: the word, the row, the column and the position in it.
pub type Posting = (String, i64, String, i64);

/// Every posting of `index`, in order: what it holds, word by word, to compare two ways of writing it.
pub fn postings(conn: &Connection, index: Index) -> Result<Vec<Posting>> {
    conn.execute_batch(&format!(
        "DROP TABLE IF EXISTS temp.postings;
         CREATE VIRTUAL TABLE temp.postings USING fts5vocab(main, {}, instance)",
        index.table()
    ))?;
    let mut stmt = conn.prepare("SELECT term, doc, col, offset FROM temp.postings ORDER BY 1, 2, 3, 4")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The postings of both indexes, and the workspace's triggers with their SQL.
#[cfg(test)]
pub(crate) fn contents(conn: &Connection) -> (Vec<Vec<Posting>>, Vec<(String, String)>) {
    let postings = [Index::Cases, Index::Notes].iter().map(|index| postings(conn, *index).unwrap()).collect();
    let mut stmt = conn.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").unwrap();
    let triggers =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap();
    (postings, triggers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn store_with(titles: &[&str]) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| {
                for title in titles {
                    crate::store::cases::insert(tx, title, crate::domain::Priority::Low, "t", "2026-01-01T00:00:00Z")?;
                }
                Ok(())
            })
            .unwrap();
        store
    }

    #[test]
    fn short_words_are_whole_words_or_prefixes_and_long_ones_the_words_they_start() {
        let store = store_with(&["Backend engineer", "Engineering lead", "Engine tuner", "Call 010-20301"]);
        let q = |words: &str| query(store.conn(), Index::Cases, words).unwrap();
        assert_eq!(q("j lee").as_deref(), Some("\"j\" AND \"lee\"*"));
        assert_eq!(q("+1 55").as_deref(), Some("\"+1\" AND \"55\"*"));
        // The index's words in order, each whole; the case of what was typed does not matter.
        assert_eq!(q("ENGIN").as_deref(), Some("(\"engine\" OR \"engineer\" OR \"engineering\")"));
        assert_eq!(q("engineer,").as_deref(), Some("(\"engineer\" OR \"engineering\")"));
        // The prefix is the last token's; the tokens before it stay in the phrase.
        assert_eq!(q("010-2030").as_deref(), Some("(\"010-20301\")"));
        // A word no indexed word starts with matches nothing, as the word itself.
        assert_eq!(q("zebra").as_deref(), Some("\"zebra\""));
        // What is not ASCII is folded by the index, so it stays a prefix; quotes are escaped.
        assert_eq!(q("Müller").as_deref(), Some("\"Müller\"*"));
        assert_eq!(q("say \"hi\"").as_deref(), Some("\"say\"* AND \"\"\"hi\"\"\"*"));
        assert_eq!(q("  "), None);
        assert_eq!(q("( lee -"), q("lee"), "punctuation alone is no word");
    }

    #[test]
    fn an_expanded_prefix_finds_what_the_prefix_finds() {
        let store =
            store_with(&["Backend engineer", "Engineering lead", "Engine tuner", "Call 010-20301", "Ingénieur"]);
        let conn = store.conn();
        let ids = |fts: &str| -> Vec<i64> {
            let mut stmt =
                conn.prepare("SELECT rowid FROM case_search WHERE case_search MATCH ?1 ORDER BY rowid").unwrap();
            stmt.query_map([fts], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
        };
        for words in ["engin", "engineer", "010-2030", "ingen", "lead engine", "call 010"] {
            let built = query(conn, Index::Cases, words).unwrap().unwrap();
            let prefixes: Vec<String> = words.split_whitespace().map(|w| phrase(w) + "*").collect();
            assert_eq!(ids(&built), ids(&prefixes.join(" AND ")), "{words}: {built}");
            assert!(!ids(&built).is_empty(), "{words}");
        }
    }

    #[test]
    fn a_prefix_starting_too_many_words_stays_a_prefix() {
        let titles: Vec<String> = (0..=MAX_TERMS).map(|n| format!("abcd{n}")).collect();
        let store = store_with(&titles.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(query(store.conn(), Index::Cases, "abcd").unwrap().as_deref(), Some("\"abcd\"*"));
        assert_eq!(query(store.conn(), Index::Cases, "abcd1").unwrap().unwrap().matches(" OR ").count(), 110);
    }

    #[test]
    fn a_deferred_write_that_fails_leaves_the_triggers_and_adds_nothing() {
        let mut store = store_with(&["Backend engineer"]);
        let before = contents(store.conn());
        let add = |tx: &Connection| {
            crate::store::cases::insert(tx, "Night shift", crate::domain::Priority::Low, "t", "2026-01-02T00:00:00Z")
        };
        let hashsize = |store: &Store| -> i64 {
            store.conn().query_row("SELECT v FROM case_search_config WHERE k = 'hashsize'", [], |r| r.get(0)).unwrap()
        };
        let failed = store.write(|tx| {
            crate::store::bulk::deferred(tx, || {
                add(tx)?;
                Err::<(), _>(crate::Error::invalid("stopped"))
            })
        });
        assert!(failed.is_err());
        assert_eq!(contents(store.conn()), before);
        // A deferred write that holds: the new case is found, the triggers and FTS5's setting are back.
        store.write(|tx| crate::store::bulk::deferred(tx, || add(tx))).unwrap();
        let found: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM case_search WHERE case_search MATCH 'night'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(found, 1);
        assert_eq!(hashsize(&store), DEFAULT_HASHSIZE);
        assert_eq!(contents(store.conn()).1, before.1);
        let held: i64 = store.conn().query_row("SELECT count(*) FROM fts_deferred", [], |r| r.get(0)).unwrap();
        assert_eq!(held, 0, "the triggers write the indexes again");
        store.write(|tx| add(tx)).unwrap();
        let found: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM case_search WHERE case_search MATCH 'night'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(found, 2);
    }
}
