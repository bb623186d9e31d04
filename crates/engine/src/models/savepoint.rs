//! Doing a piece of work all or nothing, whether or not the caller already holds a
//! transaction: a named SAVEPOINT nests inside one and acts as one outside. This file
//! knows nothing of what the work is.

use rusqlite::Connection;

use crate::error::Result;

/// Runs `work` inside a savepoint: released when it succeeds, rolled back when it fails.
pub(crate) fn atomically<T>(
    conn: &Connection,
    name: &str,
    work: impl FnOnce() -> Result<T>,
) -> Result<T> {
    conn.execute_batch(&format!("SAVEPOINT {name}"))?;
    let out = work().and_then(|value| {
        conn.execute_batch(&format!("RELEASE {name}"))?;
        Ok(value)
    });
    if out.is_err() {
        // The original error matters more than a failure to roll back.
        let _ = conn.execute_batch(&format!("ROLLBACK TO {name}; RELEASE {name}"));
    }
    out
}
