//! The tamper-evident audit log: every action on case data appends one entry whose
//! hash covers the previous entry's hash, so an edit or deletion anywhere breaks the
//! chain from that point on. This module writes and verifies entries; it decides
//! nothing about what is worth logging (the `Case` façade does).

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The `prev_hash` of the first entry.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One action to record.
#[derive(Clone, Debug)]
pub struct Entry<'a> {
    /// When it happened, as RFC 3339 text (passed in so tests control the clock).
    pub at: &'a str,
    pub actor: &'a str,
    /// Dotted action name: `case.create`, `import.file`, `rejects.list`…
    pub action: &'a str,
    /// JSON object with what the action touched.
    pub detail: &'a serde_json::Value,
}

/// Appends an entry and returns its sequence number.
pub fn append(conn: &Connection, entry: &Entry<'_>) -> Result<i64> {
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (seq, prev_hash) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_string()),
    };
    let detail = entry.detail.to_string();
    let hash = chain_hash(
        &prev_hash,
        seq,
        entry.at,
        entry.actor,
        entry.action,
        &detail,
    );
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor, action, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            seq,
            entry.at,
            entry.actor,
            entry.action,
            detail,
            prev_hash,
            hash
        ],
    )?;
    Ok(seq)
}

/// Checks the whole chain; returns the number of entries, or the first broken one.
pub fn verify(conn: &Connection) -> Result<i64> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, action, detail, prev_hash, hash FROM audit_log ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = GENESIS.to_string();
    let mut expected_seq = 1;
    while let Some(row) = rows.next()? {
        let seq: i64 = row.get(0)?;
        let (at, actor, action, detail): (String, String, String, String) =
            (row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?);
        let (prev_hash, hash): (String, String) = (row.get(5)?, row.get(6)?);
        let broken = |reason: &str| Error::AuditBroken {
            seq,
            reason: reason.to_string(),
        };
        if seq != expected_seq {
            return Err(broken("缺少条目 / an entry is missing"));
        }
        if prev_hash != expected_prev {
            return Err(broken("前序哈希不符 / previous hash does not match"));
        }
        if chain_hash(&prev_hash, seq, &at, &actor, &action, &detail) != hash {
            return Err(broken("内容被改动 / entry content was altered"));
        }
        expected_prev = hash;
        expected_seq += 1;
    }
    Ok(expected_seq - 1)
}

fn chain_hash(prev: &str, seq: i64, at: &str, actor: &str, action: &str, detail: &str) -> String {
    let mut hasher = Sha256::new();
    for part in [prev, &seq.to_string(), at, actor, action, detail] {
        // Length-prefix each part so that shifting text between fields changes the hash.
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hex::encode(hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn log(conn: &Connection, action: &str) {
        let detail = json!({ "n": action.len() });
        let entry = Entry {
            at: "2026-01-01T00:00:00+08:00",
            actor: "tester",
            action,
            detail: &detail,
        };
        append(conn, &entry).unwrap();
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let conn = crate::store::open_in_memory();
        for action in ["case.create", "import.file", "rejects.list"] {
            log(&conn, action);
        }
        assert_eq!(verify(&conn).unwrap(), 3);
    }

    #[test]
    fn an_edited_entry_breaks_the_chain_where_it_was_edited() {
        let conn = crate::store::open_in_memory();
        for action in ["case.create", "import.file", "rejects.list"] {
            log(&conn, action);
        }
        conn.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2", [])
            .unwrap();
        match verify(&conn).unwrap_err() {
            Error::AuditBroken { seq, .. } => assert_eq!(seq, 2),
            other => panic!("unexpected {other}"),
        }
    }

    #[test]
    fn a_deleted_entry_breaks_the_chain() {
        let conn = crate::store::open_in_memory();
        for action in ["case.create", "import.file", "rejects.list"] {
            log(&conn, action);
        }
        conn.execute("DELETE FROM audit_log WHERE seq = 2", [])
            .unwrap();
        match verify(&conn).unwrap_err() {
            Error::AuditBroken { seq, .. } => assert_eq!(seq, 3),
            other => panic!("unexpected {other}"),
        }
    }
}
