//! Workspace-wide settings: a small key-value table.

use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.prepare_cached("SELECT value FROM setting WHERE key = ?1")?.query_row([key], |r| r.get(0)).optional()?)
}

/// Sets `key` to `value`, or removes it when `value` is `None`.
pub fn put(conn: &Connection, key: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) => conn
            .prepare_cached(
                "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
            )?
            .execute(params![key, v])?,
        None => conn.prepare_cached("DELETE FROM setting WHERE key = ?1")?.execute([key])?,
    };
    Ok(())
}
