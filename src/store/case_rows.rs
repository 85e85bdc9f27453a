//! A case's rows, table by table, as stored: what a bundle carries so that another workspace can take
//! the case in whole (`rows.json`, see docs/bundle.md), and how they are written there. Ids are the
//! origin's; writing them maps every id to a local one, and a later bundle of the same case updates the
//! rows it mapped before.

use std::collections::{BTreeMap, HashMap};

use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// One table of a case: which rows belong to it, whether its rows have ids of their own, and which
/// columns hold another table's id.
struct Table {
    name: &'static str,
    /// Selects every column of the case's rows (`?1` is the case id), in a stable order.
    sql: &'static str,
    /// Whether `id` is the row's own id, given anew by each workspace.
    own_id: bool,
    /// Columns that hold the id of a row of another table of the case.
    refs: &'static [(&'static str, &'static str)],
    /// The columns whose values, joined by a space, are the record's key in its seal row (see
    /// `store::seal`).
    key: &'static [&'static str],
}

/// The tables of a case, each after the tables it refers to. The roster link of a case opened from a
/// roster hit (`roster_case`, `roster_case_person`) names people of the origin's roster and is not
/// carried; neither is an earlier provenance, which travels in the audit rows.
const TABLES: &[Table] = &[
    Table { name: "case", sql: r#"SELECT * FROM "case" WHERE id = ?1"#, own_id: true, refs: &[], key: &["id"] },
    Table {
        name: "subject",
        sql: "SELECT * FROM subject WHERE case_id = ?1 ORDER BY id",
        own_id: true,
        refs: &[("case_id", "case")],
        key: &["id"],
    },
    Table {
        name: "identifier",
        sql: "SELECT * FROM identifier WHERE case_id = ?1 ORDER BY id",
        own_id: true,
        refs: &[("case_id", "case"), ("subject_id", "subject")],
        key: &["id"],
    },
    Table {
        name: "payment",
        sql: "SELECT * FROM payment WHERE case_id = ?1 ORDER BY id",
        own_id: true,
        refs: &[("case_id", "case"), ("subject_id", "subject")],
        key: &["id"],
    },
    Table {
        name: "mark",
        sql: "SELECT * FROM mark WHERE case_id = ?1 ORDER BY code",
        own_id: false,
        refs: &[("case_id", "case")],
        key: &["code"],
    },
    Table {
        name: "note",
        sql: "SELECT * FROM note WHERE case_id = ?1 ORDER BY id",
        own_id: true,
        refs: &[("case_id", "case")],
        key: &["id"],
    },
    Table {
        name: "note_revision",
        sql: "SELECT r.* FROM note n JOIN note_revision r ON r.note_id = n.id WHERE n.case_id = ?1
              ORDER BY r.note_id, r.revision",
        own_id: false,
        refs: &[("note_id", "note")],
        key: &["note_id", "revision"],
    },
    Table {
        name: "evidence",
        sql: "SELECT * FROM evidence WHERE case_id = ?1 ORDER BY id",
        own_id: true,
        refs: &[("case_id", "case")],
        key: &["id"],
    },
    Table {
        name: "evidence_item",
        sql: "SELECT i.* FROM evidence e JOIN evidence_item i ON i.evidence_id = e.id WHERE e.case_id = ?1
              ORDER BY i.evidence_id, i.code",
        own_id: false,
        refs: &[("evidence_id", "evidence")],
        key: &["evidence_id", "code"],
    },
    Table {
        name: "evidence_check",
        sql: "SELECT c.* FROM evidence e JOIN evidence_check c ON c.evidence_id = e.id WHERE e.case_id = ?1
              ORDER BY c.id",
        own_id: true,
        refs: &[("evidence_id", "evidence")],
        key: &["id"],
    },
    Table {
        name: "suggestion",
        sql: "SELECT * FROM suggestion WHERE case_id = ?1 ORDER BY code, basis",
        own_id: false,
        refs: &[("case_id", "case")],
        key: &["code", "basis"],
    },
    Table {
        name: "case_answer",
        sql: "SELECT * FROM case_answer WHERE case_id = ?1 ORDER BY field",
        own_id: false,
        refs: &[("case_id", "case")],
        key: &["field"],
    },
    Table {
        name: "resume_print",
        sql: "SELECT * FROM resume_print WHERE case_id = ?1 ORDER BY evidence_id",
        own_id: false,
        refs: &[("evidence_id", "evidence"), ("case_id", "case")],
        key: &["evidence_id"],
    },
    Table {
        name: "resume_band",
        sql: "SELECT b.* FROM evidence e JOIN resume_band b ON b.evidence_id = e.id WHERE e.case_id = ?1
              ORDER BY b.evidence_id, b.band_key",
        own_id: false,
        refs: &[("evidence_id", "evidence")],
        key: &["evidence_id", "band_key"],
    },
];

/// One stored value: JSON null, a number, a string, or `{"hex": "…"}` for bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Cell {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob { hex: String },
}

impl Cell {
    fn from_ref(v: ValueRef<'_>) -> Cell {
        match v {
            ValueRef::Null => Cell::Null,
            ValueRef::Integer(i) => Cell::Integer(i),
            ValueRef::Real(f) => Cell::Real(f),
            ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Cell::Blob { hex: super::audit::hex(b) },
        }
    }

    fn to_value(&self) -> Result<Value> {
        Ok(match self {
            Cell::Null => Value::Null,
            Cell::Integer(i) => Value::Integer(*i),
            Cell::Real(f) => Value::Real(*f),
            Cell::Text(t) => Value::Text(t.clone()),
            Cell::Blob { hex } => {
                Value::Blob(super::audit::unhex(hex).ok_or_else(|| Error::invalid("a stored byte string is not hex"))?)
            }
        })
    }
}

/// One table's rows: the column names once, then each row's values in that order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Rows {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Every table of a case, by table name.
pub type CaseRows = BTreeMap<String, Rows>;

/// Columns that stay on the machine that wrote them: a match key's tag is made with this machine's key
/// (`store::key_tags`); the receiver derives the keys and tags them itself.
const LOCAL: &[&str] = &["key_tag"];

/// Reads every row of case `case_id`.
pub fn dump(conn: &Connection, case_id: i64) -> Result<CaseRows> {
    let mut out = CaseRows::new();
    for table in TABLES {
        let mut stmt = conn.prepare(table.sql)?;
        let names: Vec<String> = stmt.column_names().into_iter().map(str::to_string).collect();
        let kept: Vec<usize> = (0..names.len()).filter(|i| !LOCAL.contains(&names[*i].as_str())).collect();
        let columns = kept.iter().map(|i| names[*i].clone()).collect();
        let mut rows = Vec::new();
        let mut query = stmt.query([case_id])?;
        while let Some(row) = query.next()? {
            rows.push(kept.iter().map(|i| row.get_ref(*i).map(Cell::from_ref)).collect::<rusqlite::Result<_>>()?);
        }
        out.insert(table.name.to_string(), Rows { columns, rows });
    }
    Ok(out)
}

/// The row hash of every record in `rows`, as its seal row at the origin holds it (see
/// [`super::seal::record_hash`]), by table and key.
pub fn row_hashes(rows: &CaseRows) -> Result<super::seal::Records> {
    let mut out = super::seal::Records::new();
    for table in TABLES {
        let Some(data) = rows.get(table.name) else { continue };
        let place: Vec<usize> = table
            .key
            .iter()
            .map(|k| data.columns.iter().position(|c| c == k))
            .collect::<Option<_>>()
            .ok_or_else(|| Error::invalid(format!("has {} rows without their key", table.name)))?;
        for row in &data.rows {
            if row.len() != data.columns.len() {
                return Err(Error::invalid(format!("has a {} row of the wrong length", table.name)));
            }
            let values = row.iter().map(Cell::to_value).collect::<Result<Vec<Value>>>()?;
            let key = place.iter().map(|&i| key_text(&values[i])).collect::<Vec<_>>().join(" ");
            let columns = data.columns.iter().map(String::as_str).zip(values.iter().map(ValueRef::from));
            out.insert((table.name.to_string(), key.clone()), super::seal::record_hash(table.name, &key, columns));
        }
    }
    Ok(out)
}

/// A key column's value as SQLite's `||` writes it.
fn key_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(t) => t.clone(),
        Value::Blob(b) => String::from_utf8_lossy(b).into_owned(),
    }
}

/// The tables a bundle carries, by name.
pub fn carried(table: &str) -> bool {
    TABLES.iter().any(|t| t.name == table)
}

/// What writing a case's rows did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Applied {
    pub case_id: i64,
    pub inserted: usize,
    pub updated: usize,
    /// The local id of each evidence record, by its id at the origin.
    #[serde(skip)]
    pub evidence: BTreeMap<i64, i64>,
}

/// Why rows could not be applied as an update of the earlier copy.
pub const NOT_A_LATER_COPY: &str = "holds fewer records than the earlier copy had";

/// Writes the rows of one case. With `existing`, the local copy of an earlier bundle of the same case is
/// updated: rows mapped before are updated in place and new ones added; an error naming
/// [`NOT_A_LATER_COPY`] means the rows are not a later state of that copy. `evidence_path` gives the local
/// path of an origin evidence record whose file was placed here; otherwise a new record keeps the
/// origin's path and an updated one its local path.
pub fn apply(
    conn: &Connection,
    rows: &CaseRows,
    existing: Option<i64>,
    evidence_path: &dyn Fn(i64) -> Option<String>,
) -> Result<Applied> {
    let known: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
    if let Some(unknown) = rows.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(Error::invalid(format!("holds a table this vetdesk does not know ({unknown}): update vetdesk")));
    }
    // New notes and evidence records take the next numbers: nothing may be held under those yet.
    super::seal::check_none_ahead(conn)?;
    let mut ids: HashMap<&str, HashMap<i64, i64>> = HashMap::new();
    let mut done = Applied { case_id: existing.unwrap_or(0), ..Applied::default() };
    for table in TABLES {
        let Some(data) = rows.get(table.name) else {
            if table.name == "case" {
                return Err(Error::invalid("holds no case row"));
            }
            continue;
        };
        let columns = table_columns(conn, table.name)?;
        for c in &data.columns {
            if !columns.iter().any(|(name, _)| name == c) {
                return Err(Error::invalid(format!(
                    "has a {} column this vetdesk does not know ({c}): update vetdesk",
                    table.name
                )));
            }
        }
        if table.name == "case" && data.rows.len() != 1 {
            return Err(Error::invalid("must hold exactly one case row"));
        }
        let before = if table.name == "case" { 0 } else { count(conn, table, done.case_id)? };
        let mut written = 0;
        for row in &data.rows {
            if row.len() != data.columns.len() {
                return Err(Error::invalid(format!("has a {} row of the wrong length", table.name)));
            }
            let mut values: Vec<(String, Value)> = Vec::with_capacity(row.len());
            let mut origin_id = None;
            for (name, cell) in data.columns.iter().zip(row) {
                let mut value = cell.to_value()?;
                if table.own_id && name == "id" {
                    origin_id = Some(integer(&value, table.name, name)?);
                    continue;
                }
                if let Some((_, target)) = table.refs.iter().find(|(c, _)| c == name)
                    && value != Value::Null
                {
                    let origin = integer(&value, table.name, name)?;
                    let local = if *target == "case" {
                        Some(done.case_id)
                    } else {
                        ids.get(target).and_then(|m| m.get(&origin)).copied()
                    };
                    let local = local.ok_or_else(|| {
                        Error::invalid(format!(
                            "has a {} row naming {target} {origin}, which it does not hold",
                            table.name
                        ))
                    })?;
                    value = Value::Integer(local);
                }
                values.push((name.clone(), value));
            }
            let origin = origin_id;
            if table.name == "evidence" {
                let origin = origin.ok_or_else(|| Error::invalid("has an evidence row without an id"))?;
                let placed = evidence_path(origin);
                let mapped =
                    existing.and_then(|case| mapped(conn, case, table.name, origin).transpose()).transpose()?;
                match (placed, mapped) {
                    (Some(path), _) => set(&mut values, "path", Value::Text(path)),
                    (None, Some(_)) => values.retain(|(n, _)| n != "path"),
                    (None, None) => {}
                }
            }
            if table.own_id {
                let origin = origin.ok_or_else(|| Error::invalid(format!("has a {} row without an id", table.name)))?;
                let local = if table.name == "case" {
                    existing
                } else {
                    match existing {
                        Some(case) => mapped(conn, case, table.name, origin)?,
                        None => None,
                    }
                };
                let local = match local {
                    Some(local) => {
                        done.updated += update(conn, table.name, local, &values)?;
                        local
                    }
                    None => {
                        let local = insert(conn, table.name, &values, false)?;
                        done.inserted += 1;
                        if table.name == "case" {
                            done.case_id = local;
                        } else {
                            conn.prepare_cached(
                                "INSERT INTO case_origin_row (case_id, tbl, origin_id, local_id) VALUES (?1, ?2, ?3, ?4)",
                            )?
                            .execute(params![done.case_id, table.name, origin, local])?;
                        }
                        local
                    }
                };
                ids.entry(table.name).or_default().insert(origin, local);
                if table.name == "evidence" {
                    done.evidence.insert(origin, local);
                }
            } else {
                written += insert(conn, table.name, &values, existing.is_some())? as usize;
            }
        }
        let after = count(conn, table, done.case_id)?;
        if !table.own_id && existing.is_none() {
            // A new case: every row written is added, those a trigger had made for it as it came in too.
            done.inserted += written;
        } else if !table.own_id {
            done.inserted += after - before;
            done.updated += written - (after - before);
        }
        // Every row of the earlier copy is in a later state of it: vetdesk voids, it never deletes. Of a
        // table whose rows have ids, the rows the origin sent (a check of the files made here on import
        // is this workspace's own, no row of the origin's).
        let from_origin = match (table.own_id, existing) {
            (true, Some(_)) if table.name != "case" => mapped_count(conn, done.case_id, table.name)?,
            _ => after,
        };
        if from_origin > data.rows.len() {
            return Err(Error::invalid(format!("{NOT_A_LATER_COPY} ({})", table.name)));
        }
    }
    Ok(done)
}

fn integer(value: &Value, table: &str, column: &str) -> Result<i64> {
    match value {
        Value::Integer(i) => Ok(*i),
        _ => Err(Error::invalid(format!("has a {table} row whose {column} is not a number"))),
    }
}

fn set(values: &mut [(String, Value)], column: &str, value: Value) {
    if let Some(slot) = values.iter_mut().find(|(n, _)| n == column) {
        slot.1 = value;
    }
}

/// A table's columns with whether each is part of its primary key.
fn table_columns(conn: &Connection, table: &str) -> Result<Vec<(String, bool)>> {
    let mut stmt = conn.prepare(&format!("SELECT name, pk FROM pragma_table_info('{table}')"))?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? > 0)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many rows of the case a table holds.
fn count(conn: &Connection, table: &Table, case_id: i64) -> Result<usize> {
    let sql = format!("SELECT count(*) FROM ({})", table.sql);
    Ok(conn.query_row(&sql, [case_id], |r| r.get::<_, i64>(0))? as usize)
}

/// How many rows of `table` in case `case_id` came from the origin.
fn mapped_count(conn: &Connection, case_id: i64, table: &str) -> Result<usize> {
    let sql = "SELECT count(*) FROM case_origin_row WHERE case_id = ?1 AND tbl = ?2";
    Ok(conn.prepare_cached(sql)?.query_row(params![case_id, table], |r| r.get::<_, i64>(0))? as usize)
}

/// The local record that stands for the origin's record `origin` of `table` in the copy `case_id`.
pub fn mapped(conn: &Connection, case_id: i64, table: &str, origin: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT local_id FROM case_origin_row WHERE case_id = ?1 AND tbl = ?2 AND origin_id = ?3")?
        .query_row(params![case_id, table, origin], |r| r.get(0))
        .optional()?)
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Inserts a row; with `upsert`, a row with the same primary key takes the new values. Returns the new
/// row's id (or the count of rows written, for an upsert).
fn insert(conn: &Connection, table: &str, values: &[(String, Value)], upsert: bool) -> Result<i64> {
    let names: Vec<String> = values.iter().map(|(n, _)| quoted(n)).collect();
    let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
    let mut sql = format!("INSERT INTO {} ({}) VALUES ({})", quoted(table), names.join(", "), marks.join(", "));
    if upsert {
        let keys: Vec<String> =
            table_columns(conn, table)?.into_iter().filter(|(_, pk)| *pk).map(|(n, _)| quoted(&n)).collect();
        let rest: Vec<&String> = names.iter().filter(|n| !keys.contains(n)).collect();
        if rest.is_empty() {
            sql.push_str(" ON CONFLICT DO NOTHING");
        } else {
            let sets: Vec<String> = rest.iter().map(|n| format!("{n} = excluded.{n}")).collect();
            let differs: Vec<String> = rest.iter().map(|n| format!("{n} IS NOT excluded.{n}")).collect();
            sql.push_str(&format!(
                " ON CONFLICT ({}) DO UPDATE SET {} WHERE {}",
                keys.join(", "),
                sets.join(", "),
                differs.join(" OR ")
            ));
        }
        let changed = conn.prepare_cached(&sql)?.execute(params_from_iter(values.iter().map(|(_, v)| v)))?;
        return Ok(changed as i64);
    }
    conn.prepare_cached(&sql)?.execute(params_from_iter(values.iter().map(|(_, v)| v)))?;
    Ok(conn.last_insert_rowid())
}

/// Columns the receiving workspace writes itself once a case is taken in: where an evidence file lies here
/// (the folder it was placed in), the check of the evidence files made on this machine at import, and the
/// case's time of change that check moves. A later bundle brings the sender's values back (the check is
/// made again after it) or places its files elsewhere, so that a difference in them alone is no change the
/// sender made.
const SET_HERE: [(&str, &str); 4] =
    [("case", "updated_at"), ("evidence", "path"), ("evidence", "last_check"), ("evidence", "last_checked_at")];

/// Sets a row's columns to `values`; returns 1 when anything differed but the columns [`SET_HERE`].
fn update(conn: &Connection, table: &str, id: i64, values: &[(String, Value)]) -> Result<usize> {
    let id = Value::Integer(id);
    // Whether the row differs from `values` in `columns`: SQL and its parameters (the id first).
    fn differs<'a>(id: &'a Value, columns: &[&'a (String, Value)]) -> (String, Vec<&'a Value>) {
        let each: Vec<String> =
            columns.iter().enumerate().map(|(i, (n, _))| format!("{} IS NOT ?{}", quoted(n), i + 2)).collect();
        let sql = if each.is_empty() { "0".to_string() } else { each.join(" OR ") };
        (sql, std::iter::once(id).chain(columns.iter().map(|(_, v)| v)).collect())
    }
    let counted: Vec<&(String, Value)> =
        values.iter().filter(|(n, _)| !SET_HERE.contains(&(table, n.as_str()))).collect();
    let (changed, params) = differs(&id, &counted);
    let check = format!("SELECT count(*) FROM {} WHERE id = ?1 AND ({changed})", quoted(table));
    let changed: i64 = conn.prepare_cached(&check)?.query_row(params_from_iter(params), |r| r.get(0))?;
    let all: Vec<&(String, Value)> = values.iter().collect();
    let (any, params) = differs(&id, &all);
    let sets: Vec<String> =
        values.iter().enumerate().map(|(i, (n, _))| format!("{} = ?{}", quoted(n), i + 2)).collect();
    let sql = format!("UPDATE {} SET {} WHERE id = ?1 AND ({any})", quoted(table), sets.join(", "));
    conn.prepare_cached(&sql)?.execute(params_from_iter(params))?;
    Ok(changed as usize)
}
