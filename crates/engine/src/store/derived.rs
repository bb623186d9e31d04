//! Whether the derived tables (entities, links) still match the imported rows: a flag in
//! `meta` that an import raises and a rebuild lowers, so the graph is never built from
//! entities older than the rows.

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

const KEY: &str = "derived_stale";

pub fn mark_stale(conn: &Connection) -> Result<()> {
    set(conn, "1")
}

pub fn mark_fresh(conn: &Connection) -> Result<()> {
    set(conn, "0")
}

pub fn is_stale(conn: &Connection) -> Result<bool> {
    let value: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [KEY], |r| r.get(0))
        .optional()?;
    Ok(value.as_deref() == Some("1"))
}

fn set(conn: &Connection, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [KEY, value],
    )?;
    Ok(())
}
