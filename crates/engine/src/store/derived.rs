//! Whether the derived tables (entities, links) still match the imported rows: a flag in
//! `meta` that an import raises and a rebuild lowers, so the graph is never built from
//! entities older than the rows.

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

const KEY: &str = "derived_stale";

/// Lookup indexes on kind tables that only derivations and graph explanations use. An
/// import drops those of its kind (building them once afterwards from sorted data is far
/// cheaper than updating them for every row); each rebuild creates them again.
const LOOKUP_INDEXES: [(&str, &str, &str); 2] = [
    (
        "bank_transactions",
        "bank_transactions_pair",
        "bank_transactions(account, counterparty_account)",
    ),
    (
        "bank_transactions",
        "bank_transactions_counterparty",
        "bank_transactions(counterparty_account, account)",
    ),
];

/// Drops the lookup indexes of `table` before a bulk insert into it.
pub fn drop_lookup_indexes(conn: &Connection, table: &str) -> Result<()> {
    for (_, name, _) in LOOKUP_INDEXES.iter().filter(|(t, _, _)| *t == table) {
        conn.execute_batch(&format!("DROP INDEX IF EXISTS {name}"))?;
    }
    Ok(())
}

/// Creates every lookup index that is missing.
pub fn create_lookup_indexes(conn: &Connection) -> Result<()> {
    for (_, name, on) in LOOKUP_INDEXES {
        conn.execute_batch(&format!("CREATE INDEX IF NOT EXISTS {name} ON {on}"))?;
    }
    Ok(())
}

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
