//! A case's records against the seals its audit rows committed to: `rows.json` against `seal.json`, and
//! the history the case came with (`origin.json`) against the rows sealed with it where it was exported.

use std::collections::BTreeMap;

use rusqlite::types::ValueRef;

use super::read::{Checked, check_rows, signature_problem};
use super::{CaseEntry, OriginFile, SealFile};
use crate::store::bundle::ChainRow;
use crate::store::case_rows::{CaseRows, Cell};
use crate::store::seal::Records;

/// Records a problem and gives up on the check.
fn fail<T>(checked: &mut Checked, file: &str, why: impl Into<String>) -> Option<T> {
    checked.problem(file, why);
    None
}

/// The case's records in `rows.json` are the ones the origin's audit rows sealed: the seal rows in
/// `seal.json` have the digest that the last row sealing the case holds, and every record carried hashes
/// to its seal row. A bundle re-signed on its way by another key can change no record unseen, since the
/// audit rows are signed by the origin's keys.
pub(super) fn check_seal(
    checked: &mut Checked,
    case: &CaseEntry,
    rows: &[ChainRow],
    keys: &BTreeMap<String, ssh_key::PublicKey>,
) -> Option<(Records, CaseRows)> {
    let dir = &case.dir;
    let (seal_path, rows_path) = (format!("{dir}/seal.json"), format!("{dir}/rows.json"));
    let seal = match checked.members.get(&seal_path).map(|b| serde_json::from_slice::<SealFile>(b)) {
        Some(Ok(seal)) => seal,
        Some(Err(e)) => return fail(checked, &seal_path, format!("is not readable: {e}")),
        None => return fail(checked, &seal_path, "is missing"),
    };
    let last = match &seal.sealed_by {
        Some(row) => {
            let at = format!("the audit row that last sealed the case ({})", row.id);
            let problem = if !row.hash_holds() {
                Some("its contents do not match its hash; it was changed".to_string())
            } else if row.case_id == Some(case.origin_case) || rows.last().is_some_and(|r| r.id >= row.id) {
                Some("is not a later row of another case or of the workspace".to_string())
            } else {
                signature_problem(keys, row)
            };
            if let Some(why) = problem {
                return fail(checked, &seal_path, format!("{at}: {why}"));
            }
            row
        }
        None => match rows.last() {
            Some(row) => row,
            None => return fail(checked, &seal_path, "names no audit row that sealed the case"),
        },
    };
    let scope = crate::store::seal::Scope::Case(case.origin_case).to_string();
    let sealed = last
        .seal
        .as_deref()
        .and_then(|s| serde_json::from_str::<BTreeMap<String, String>>(s).ok())
        .and_then(|mut m| m.remove(&scope));
    let mut records = crate::store::seal::Records::new();
    for (table, key, hash) in seal.records {
        match crate::store::audit::unhex(&hash).and_then(|b| <[u8; 16]>::try_from(b).ok()) {
            Some(hash) => records.insert((table, key), hash),
            None => {
                return fail(
                    checked,
                    &seal_path,
                    format!("holds a row hash that is not 16 bytes of hex ({table} {key})"),
                );
            }
        };
    }
    if sealed.as_deref() != Some(crate::store::seal::digest(&records).as_str()) {
        return fail(
            checked,
            &seal_path,
            format!("does not hold the seal rows audit row {} committed to for the case; they were changed", last.id),
        );
    }
    let Some(carried) = checked.members.get(&rows_path) else { return fail(checked, &rows_path, "is missing") };
    let read = serde_json::from_slice::<CaseRows>(carried).map_err(|e| e.to_string()).and_then(|rows| {
        let computed = crate::store::case_rows::row_hashes(&rows).map_err(|e| e.to_string())?;
        Ok((rows, computed))
    });
    let (carried, computed) = match read {
        Ok(read) => read,
        Err(e) => return fail(checked, &rows_path, format!("is not readable: {e}")),
    };
    let sealed = records.clone();
    records.retain(|(table, _), _| crate::store::case_rows::carried(table));
    let differ = crate::store::seal::diff(&records, &computed);
    for ((table, key), change) in differ.iter().take(5) {
        checked.problem(&rows_path, format!("{table} {key} {change}: not the record the origin's audit rows sealed"));
    }
    if differ.len() > 5 {
        checked.problem(
            &rows_path,
            format!("{} more records differ from what the origin's audit rows sealed", differ.len() - 5),
        );
    }
    Some((sealed, carried))
}

/// What `bundle.json` and `evidence.sha256` say of a case (its title, each evidence file's SHA-256 and
/// size) against its sealed records in `rows.json`: nothing seals those two files but the manifest's
/// signature, which someone relaying the bundle can make again with their own key. An evidence file
/// carried is checked against the hash `bundle.json` gives it, so that hash must be the sealed record's.
pub(super) fn check_entries(checked: &mut Checked, case: &CaseEntry, rows: &CaseRows) {
    let cell = |data: &crate::store::case_rows::Rows, row: &[Cell], name: &str| {
        data.columns.iter().position(|c| c == name).and_then(|i| row.get(i)).cloned()
    };
    let title = rows.get("case").and_then(|data| data.rows.first().and_then(|row| cell(data, row, "title")));
    if title != Some(Cell::Text(case.title.clone())) {
        checked.problem(
            super::INFO,
            format!("gives case #{} a title that is not the one its sealed records hold", case.origin_case),
        );
    }
    // By evidence id: its sealed SHA-256 and size, and the name it goes by in the bundle.
    type Sealed = (Option<Cell>, Option<Cell>, Option<String>);
    let mut sealed: BTreeMap<i64, Sealed> = BTreeMap::new();
    if let Some(data) = rows.get("evidence") {
        for row in &data.rows {
            if let Some(Cell::Integer(id)) = cell(data, row, "id") {
                // The name the file goes by in the bundle follows from its id and its path.
                let name = match cell(data, row, "path") {
                    Some(Cell::Text(path)) => Some(super::write::evidence_name(id, &path)),
                    _ => None,
                };
                sealed.insert(id, (cell(data, row, "sha256"), cell(data, row, "size"), name));
            }
        }
    }
    // `evidence.sha256` as it should read: each file with the hash and name its sealed record gives.
    let mut listing = String::new();
    for e in &case.evidence {
        let listed = (Some(Cell::Text(e.sha256.clone())), i64::try_from(e.size).ok().map(Cell::Integer));
        let (hash, name) = match sealed.get(&e.origin_evidence) {
            Some((Some(Cell::Text(hash)), _, Some(name))) => (hash.as_str(), name.as_str()),
            _ => (e.sha256.as_str(), e.name.as_str()),
        };
        listing.push_str(&format!("{hash}  evidence/{name}\n"));
        if name != e.name {
            checked.problem(
                super::INFO,
                format!(
                    "lists evidence #{} of case #{} as {}, where its sealed record gives {name}",
                    e.origin_evidence, case.origin_case, e.name
                ),
            );
        }
        match sealed.remove(&e.origin_evidence).map(|(hash, size, _)| (hash, size)) {
            Some(record) if record == listed => {}
            Some(_) => checked.problem(
                super::INFO,
                format!(
                    "lists evidence {} with SHA-256 {} and {} bytes, which is not what case #{}'s sealed record of \
                     it holds",
                    e.name, e.sha256, e.size, case.origin_case
                ),
            ),
            None => checked.problem(
                super::INFO,
                format!("lists evidence {} that case #{}'s sealed records do not hold", e.name, case.origin_case),
            ),
        }
    }
    for id in sealed.keys() {
        checked.problem(
            super::INFO,
            format!("does not list evidence #{id} of case #{}'s sealed records", case.origin_case),
        );
    }
    let path = format!("{}/evidence.sha256", case.dir);
    if checked.members.get(&path).is_some_and(|held| held.as_slice() != listing.as_bytes()) {
        checked.problem(&path, "does not list the evidence files as the case's sealed records hold them");
    }
}

/// The history the case came with to the workspace that exported it: `origin.json`'s rows each hold by
/// their hash and their signature, follow each other in the chain, belong to the origin case and end at
/// the head it names; and they are the rows sealed with the case there (`imported_audit` in `seal.json`),
/// none missing and none added. A case that came in a bundle must carry them.
pub(super) fn check_origin(checked: &mut Checked, case: &CaseEntry, sealed: &Records) {
    let path = format!("{}/origin.json", case.dir);
    let kept: BTreeMap<&str, &[u8; 16]> =
        sealed.iter().filter(|((t, _), _)| t == "imported_audit").map(|((_, k), h)| (k.as_str(), h)).collect();
    let file = match checked.members.get(&path).map(|b| serde_json::from_slice::<OriginFile>(b)) {
        Some(Ok(file)) => file,
        Some(Err(e)) => return checked.problem(&path, format!("is not readable: {e}")),
        None if kept.is_empty() => return,
        None => {
            return checked.problem(
                &path,
                "is missing: the case came in a bundle, and its origin's audit rows are sealed with it",
            );
        }
    };
    let whose = format!("case #{} of workspace {}", file.case, file.workspace);
    check_rows(checked, &path, &file.signers, &file.rows, file.case, &whose);
    for row in &file.rows {
        let hash = imported_row_hash(case.origin_case, row);
        if kept.get(row.id.to_string().as_str()) != Some(&&hash) {
            let problem = format!("audit row {} is not one the case was sealed with where it was exported", row.id);
            checked.problem(&path, problem);
        }
    }
    if file.rows.last().map(|r| &r.hash) != file.head.as_ref() {
        checked.problem(&path, "does not end at the head it names");
    }
    let given: std::collections::HashSet<String> = file.rows.iter().map(|r| r.id.to_string()).collect();
    let missing = kept.keys().filter(|k| !given.contains(**k)).count();
    if missing > 0 {
        checked.problem(&path, format!("lacks {missing} of the origin's audit rows the case was sealed with"));
    }
}

/// The row hash of an origin audit row as the exporting workspace kept it (`imported_audit`, under its
/// own id `case` for the case): the hash its seal row holds.
fn imported_row_hash(case: i64, row: &ChainRow) -> [u8; 16] {
    fn text(v: &Option<String>) -> ValueRef<'_> {
        v.as_deref().map_or(ValueRef::Null, |t| ValueRef::Text(t.as_bytes()))
    }
    let columns = [
        ("case_id", ValueRef::Integer(case)),
        ("origin_id", ValueRef::Integer(row.id)),
        ("at", ValueRef::Text(row.at.as_bytes())),
        ("actor", ValueRef::Text(row.actor.as_bytes())),
        ("action", ValueRef::Text(row.action.as_bytes())),
        ("origin_case", row.case_id.map_or(ValueRef::Null, ValueRef::Integer)),
        ("details", ValueRef::Text(row.details.as_bytes())),
        ("seal", text(&row.seal)),
        ("prev_hash", ValueRef::Text(row.prev_hash.as_bytes())),
        ("hash", ValueRef::Text(row.hash.as_bytes())),
        ("signer", text(&row.signer)),
        ("sig", text(&row.sig)),
    ];
    crate::store::seal::record_hash("imported_audit", &row.id.to_string(), columns)
}
