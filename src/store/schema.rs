//! `schema.sql`, the workspace's schema in numbered steps: the steps an upgrade runs, and the objects the
//! schema makes, against which a workspace's own are checked.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::Result;

const SCHEMA: &str = include_str!("../../schema.sql");

/// [`objects_digest`] of a workspace of the current schema. A test pins it: a step that changes a table, a
/// view or an index changes it, and the test says the new one.
const OBJECTS: &str = "7eed22058b37f3a5e798b1f38b0cf06da9a984cb25e83c7598ed6282f3128c20";

/// The workspace's tables, views and indexes as SQLite keeps them: kind, name and `CREATE` text, SQLite's own
/// left out (triggers are compared one by one, with [`schema_triggers`]).
const OBJECTS_SQL: &str = "SELECT type, name, sql FROM sqlite_master
     WHERE type IN ('table', 'view', 'index') AND name NOT LIKE 'sqlite%' ORDER BY type, name";

/// A digest of the workspace's tables, views and indexes as SQLite keeps them (kind, name and `CREATE` text:
/// the columns, defaults and checks added by upgrades included), read in one short query.
pub fn objects_digest(conn: &Connection) -> Result<String> {
    let mut stmt = conn.prepare_cached(OBJECTS_SQL)?;
    let mut h = Sha256::new();
    let rows =
        stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)))?;
    for row in rows {
        let (kind, name, sql) = row?;
        for part in [kind.as_bytes(), name.as_bytes(), sql.unwrap_or_default().as_bytes()] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part);
        }
    }
    Ok(crate::store::audit::hex(&h.finalize()))
}

/// The tables, views and indexes whose definitions differ from a new workspace's (added, changed or dropped
/// behind vetdesk's back), each as its kind, its name and what happened to it; empty when they match. With
/// `PRAGMA writable_schema` a column's default or check can be changed so that vetdesk's own inserts write
/// what someone else chose; a view its triggers read, redefined, makes them write what someone else chose;
/// an index with another definition changes what a lookup finds or lets through. Cheap when they match
/// ([`objects_digest`]); otherwise it makes a new workspace in memory to compare with.
pub fn objects_changed(conn: &Connection) -> Result<Vec<(String, String, &'static str)>> {
    if objects_digest(conn)? == OBJECTS {
        return Ok(Vec::new());
    }
    let fresh = crate::store::Store::open_in_memory()?;
    let read = |c: &Connection| -> Result<BTreeMap<(String, String), Option<String>>> {
        let mut stmt = c.prepare(OBJECTS_SQL)?;
        let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let (made, kept) = (read(fresh.conn())?, read(conn)?);
    let mut out = Vec::new();
    for ((kind, name), sql) in &kept {
        match made.get(&(kind.clone(), name.clone())) {
            None => out.push((kind.clone(), name.clone(), "added")),
            Some(m) if m != sql => out.push((kind.clone(), name.clone(), "changed")),
            Some(_) => {}
        }
    }
    out.extend(
        made.keys().filter(|k| !kept.contains_key(*k)).map(|(kind, name)| (kind.clone(), name.clone(), "dropped")),
    );
    Ok(out)
}

/// The triggers a workspace of the current schema has, by name, each with the text SQLite keeps of it:
/// every `CREATE TRIGGER` of `schema.sql` not dropped by a later step, as the last step to make it wrote
/// it (from `CREATE TRIGGER` to its `END`, without the closing `;`). Anything else that fires inside
/// vetdesk's writes was not made by vetdesk. Read in one pass over the schema, once per process.
pub fn schema_triggers() -> &'static BTreeMap<&'static str, &'static str> {
    static TRIGGERS: OnceLock<BTreeMap<&'static str, &'static str>> = OnceLock::new();
    TRIGGERS.get_or_init(|| {
        let name = |rest: &'static str| rest.split([' ', ';']).next().unwrap_or_default();
        let mut made = BTreeMap::new();
        let mut at = 0;
        for line in SCHEMA.split_inclusive('\n') {
            if let Some(rest) = line.strip_prefix("CREATE TRIGGER ") {
                // A trigger's body holds statements of its own: it ends at `END;`.
                let text = &SCHEMA[at..];
                if let Some(end) = text.find("\nEND;") {
                    made.insert(name(rest), &text[..end + "\nEND".len()]);
                }
            } else if let Some(rest) = line.strip_prefix("DROP TRIGGER ") {
                made.remove(name(rest.strip_prefix("IF EXISTS ").unwrap_or(rest)));
            }
            at += line.len();
        }
        made
    })
}

/// The numbered steps of `schema.sql`, in order, read once per process.
pub fn schema_steps() -> &'static [(u32, &'static str)] {
    static STEPS: OnceLock<Vec<(u32, &'static str)>> = OnceLock::new();
    STEPS.get_or_init(read_steps)
}

fn read_steps() -> Vec<(u32, &'static str)> {
    let mut steps: Vec<(u32, &'static str)> = Vec::new();
    let mut rest = SCHEMA;
    let marker = "-- version ";
    while let Some(at) = rest.find(marker) {
        let after = &rest[at + marker.len()..];
        let line_end = after.find('\n').unwrap_or(after.len());
        let version = after[..line_end].trim().parse().expect("schema.sql: `-- version N` with a number");
        let body_end = after.find(marker).unwrap_or(after.len());
        steps.push((version, &after[line_end..body_end]));
        rest = &after[body_end..];
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn steps_are_numbered_from_one_without_gaps() {
        let steps = schema_steps();
        assert!(!steps.is_empty());
        for (i, (version, sql)) in steps.iter().enumerate() {
            assert_eq!(*version as usize, i + 1);
            assert!(sql.contains("CREATE") || sql.contains("ALTER"), "step {version} does something");
        }
    }

    /// A new workspace's tables, views and indexes are the ones pinned; when a step changes one, pin the new.
    #[test]
    fn the_pinned_objects_digest_is_a_new_workspaces() {
        let store = Store::open_in_memory().unwrap();
        let digest = objects_digest(store.conn()).unwrap();
        assert_eq!(
            OBJECTS, digest,
            "schema.sql changed a table, view or index: set OBJECTS in src/store/schema.rs to {digest}"
        );
        assert!(objects_changed(store.conn()).unwrap().is_empty());
    }

    /// The triggers read from `schema.sql` are the ones a new workspace has, word for word.
    #[test]
    fn the_schema_triggers_are_a_new_workspaces() {
        let store = Store::open_in_memory().unwrap();
        let mut stmt =
            store.conn().prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").unwrap();
        let made: BTreeMap<String, String> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
        let read: BTreeMap<String, String> =
            schema_triggers().iter().map(|(n, sql)| (n.to_string(), sql.to_string())).collect();
        assert!(made.len() > 20, "{made:?}");
        assert_eq!(read, made);
    }
}
