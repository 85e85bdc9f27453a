//! Resume fingerprints and their LSH band keys.

use rusqlite::{Connection, params};

use crate::Result;
use crate::resume::Fingerprint;

/// A stored resume fingerprint with where it came from.
#[derive(Debug, Clone)]
pub struct Print {
    pub evidence_id: i64,
    pub case_id: i64,
    pub path: String,
    pub fingerprint: Fingerprint,
}

pub fn insert(
    conn: &Connection,
    evidence_id: i64,
    case_id: i64,
    format: &str,
    words: u64,
    print: &Fingerprint,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO resume_print (evidence_id, case_id, format, words, shingles, minhash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![evidence_id, case_id, format, words as i64, print.shingles, print.to_bytes()])?;
    let mut band = conn.prepare_cached("INSERT OR IGNORE INTO resume_band (band_key, evidence_id) VALUES (?1, ?2)")?;
    for key in print.band_keys() {
        band.execute(params![key, evidence_id])?;
    }
    Ok(())
}

/// A stored print; `None` when its bytes are not a fingerprint this vetdesk reads.
fn stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<Print>> {
    let bytes: Vec<u8> = r.get(3)?;
    let Some(fingerprint) = Fingerprint::from_bytes(&bytes) else { return Ok(None) };
    Ok(Some(Print { evidence_id: r.get(0)?, case_id: r.get(1)?, path: r.get(2)?, fingerprint }))
}

/// Fingerprints of resumes whose evidence is not voided.
const SELECT: &str = "SELECT p.evidence_id, p.case_id, e.path, p.minhash FROM resume_print p
                      JOIN evidence e ON e.id = p.evidence_id AND e.voided_at IS NULL";

pub fn of_case(conn: &Connection, case_id: i64) -> Result<Vec<Print>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE p.case_id = ?1 ORDER BY p.evidence_id"))?;
    let rows = stmt.query_map([case_id], stored)?;
    Ok(rows.filter_map(|r| r.transpose()).collect::<rusqlite::Result<_>>()?)
}

/// Resumes of other cases sharing at least one band key with `print`: the candidates worth comparing.
pub fn candidates(conn: &Connection, print: &Fingerprint, not_case: i64) -> Result<Vec<Print>> {
    let keys = print.band_keys();
    let mut ids = std::collections::BTreeSet::new();
    let mut stmt = conn.prepare_cached("SELECT evidence_id FROM resume_band WHERE band_key = ?1")?;
    for key in keys {
        for id in stmt.query_map([key], |r| r.get::<_, i64>(0))? {
            ids.insert(id?);
        }
    }
    let mut get = conn.prepare_cached(&format!("{SELECT} WHERE p.evidence_id = ?1 AND p.case_id <> ?2"))?;
    let mut out = Vec::new();
    for id in ids {
        let mut rows = get.query_map(params![id, not_case], stored)?;
        if let Some(p) = rows.next().transpose()?.flatten() {
            out.push(p);
        }
    }
    Ok(out)
}

/// Every pair of resumes (evidence ids, smaller first) sharing a band key.
pub fn candidate_pairs(conn: &Connection) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare("SELECT band_key, evidence_id FROM resume_band ORDER BY band_key, evidence_id")?;
    let mut rows = stmt.query([])?;
    let mut pairs = std::collections::BTreeSet::new();
    let mut group: Vec<i64> = Vec::new();
    let mut current: Option<i64> = None;
    let mut flush = |group: &mut Vec<i64>| {
        for (i, a) in group.iter().enumerate() {
            for b in &group[i + 1..] {
                pairs.insert((*a, *b));
            }
        }
        group.clear();
    };
    while let Some(r) = rows.next()? {
        let (key, id): (i64, i64) = (r.get(0)?, r.get(1)?);
        if current != Some(key) {
            flush(&mut group);
            current = Some(key);
        }
        group.push(id);
    }
    flush(&mut group);
    Ok(pairs.into_iter().collect())
}

/// Every stored fingerprint.
pub fn all(conn: &Connection) -> Result<Vec<Print>> {
    let mut stmt = conn.prepare(SELECT)?;
    let rows = stmt.query_map([], stored)?;
    Ok(rows.filter_map(|r| r.transpose()).collect::<rusqlite::Result<_>>()?)
}

/// Whether the case has a fingerprinted resume.
pub fn case_has_resume(conn: &Connection, case_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM resume_print p JOIN evidence e ON e.id = p.evidence_id
                            WHERE p.case_id = ?1 AND e.voided_at IS NULL)",
        )?
        .query_row([case_id], |r| r.get(0))?)
}
