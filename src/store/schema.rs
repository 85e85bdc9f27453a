//! `schema.sql`, the workspace's schema in numbered steps: the steps an upgrade runs, and the objects the
//! schema makes, against which a workspace's own are checked.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

const SCHEMA: &str = include_str!("../../schema.sql");

/// The statement that makes a schema object as the last step to make it wrote it, from `start` (such as
/// `CREATE TRIGGER name `) to its end, without the closing `;`: the text SQLite keeps in `sqlite_master`.
pub fn schema_object(start: &str) -> Option<&'static str> {
    let at = SCHEMA.rfind(start)?;
    let rest = &SCHEMA[at..];
    // A trigger's body holds statements of its own: it ends at `END;`.
    let end = if start.starts_with("CREATE TRIGGER") { rest.find("\nEND;")? + "\nEND".len() } else { rest.find(';')? };
    Some(&rest[..end])
}

/// The triggers a workspace of the current schema has, by name, each with the text SQLite keeps of it:
/// every `CREATE TRIGGER` of `schema.sql` not dropped by a later step, as the last step to make it wrote
/// it. Anything else that fires inside vetdesk's writes was not made by vetdesk.
pub fn schema_triggers() -> &'static BTreeMap<&'static str, &'static str> {
    static TRIGGERS: OnceLock<BTreeMap<&'static str, &'static str>> = OnceLock::new();
    TRIGGERS.get_or_init(|| {
        let mut names = BTreeSet::new();
        for line in SCHEMA.lines() {
            let name = |rest: &'static str| rest.split([' ', ';']).next().unwrap_or_default();
            if let Some(rest) = line.strip_prefix("CREATE TRIGGER ") {
                names.insert(name(rest));
            } else if let Some(rest) = line.strip_prefix("DROP TRIGGER ") {
                names.remove(name(rest.strip_prefix("IF EXISTS ").unwrap_or(rest)));
            }
        }
        names.into_iter().filter_map(|name| Some((name, schema_object(&format!("CREATE TRIGGER {name} "))?))).collect()
    })
}

/// The numbered steps of `schema.sql`, in order.
pub fn schema_steps() -> Vec<(u32, &'static str)> {
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
