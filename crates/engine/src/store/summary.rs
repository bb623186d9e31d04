//! Read-only queries behind `case info` and `rejects`: files, counts per kind, rejects.

use std::collections::BTreeMap;

use rusqlite::{params, Connection};

use crate::error::Result;
use crate::kinds::Kind;

/// One imported file, as `case info` lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileSummary {
    pub id: i64,
    pub name: String,
    pub sha256: String,
    pub kind: Option<String>,
    pub rows: u64,
    pub rejected: u64,
    pub duplicate_rows: u64,
    /// The earlier file with the same bytes, by name.
    pub duplicate_of: Option<String>,
    pub imported_at: String,
}

/// Rows and rejects of one kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KindCount {
    pub rows: u64,
    pub rejected: u64,
}

/// One rejected row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectRow {
    pub file_name: String,
    pub file_sha256: String,
    pub sheet: String,
    pub row: u32,
    pub reason: String,
    /// The row's cells as delivered.
    pub cells: Vec<String>,
}

pub fn files(conn: &Connection) -> Result<Vec<FileSummary>> {
    let mut stmt = conn.prepare(
        "SELECT f.id, f.name, f.sha256, f.kind, f.rows_imported, f.rows_rejected,
                f.rows_duplicate, d.name, f.imported_at
         FROM files f LEFT JOIN files d ON d.id = f.duplicate_of ORDER BY f.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(FileSummary {
            id: r.get(0)?,
            name: r.get(1)?,
            sha256: r.get(2)?,
            kind: r.get(3)?,
            rows: r.get::<_, i64>(4)? as u64,
            rejected: r.get::<_, i64>(5)? as u64,
            duplicate_rows: r.get::<_, i64>(6)? as u64,
            duplicate_of: r.get(7)?,
            imported_at: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Stored rows and rejects per kind, for every kind that has any.
pub fn kinds(conn: &Connection) -> Result<BTreeMap<Kind, KindCount>> {
    let mut out = BTreeMap::new();
    for kind in Kind::ALL {
        let table = if kind == Kind::List {
            "list_rows"
        } else {
            kind.code()
        };
        let rows: i64 =
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        let rejected: i64 = conn.query_row(
            "SELECT count(*) FROM rejects r JOIN file_sheets s
               ON s.file_id = r.file_id AND s.sheet = r.sheet WHERE s.kind = ?1",
            [kind.code()],
            |r| r.get(0),
        )?;
        if rows > 0 || rejected > 0 {
            out.insert(
                kind,
                KindCount {
                    rows: rows as u64,
                    rejected: rejected as u64,
                },
            );
        }
    }
    Ok(out)
}

pub fn reject_count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM rejects", [], |r| r.get(0))?;
    Ok(n as u64)
}

/// Rejected rows in file and row order, a page at a time.
pub fn rejects(conn: &Connection, offset: u64, limit: u64) -> Result<Vec<RejectRow>> {
    let mut stmt = conn.prepare(
        "SELECT f.name, f.sha256, r.sheet, r.row_no, r.reason, r.raw
         FROM rejects r JOIN files f ON f.id = r.file_id
         ORDER BY r.file_id, r.sheet, r.row_no LIMIT ?1 OFFSET ?2",
    )?;
    let rows = stmt.query_map(params![limit as i64, offset as i64], |r| {
        let raw: String = r.get(5)?;
        Ok(RejectRow {
            file_name: r.get(0)?,
            file_sha256: r.get(1)?,
            sheet: r.get(2)?,
            row: r.get::<_, i64>(3)? as u32,
            reason: r.get(4)?,
            cells: serde_json::from_str(&raw).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Rows in a table, or `None` when the table does not exist in this schema.
pub fn count_if_table(conn: &Connection, table: &str, filter: &str) -> Result<Option<u64>> {
    let exists: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [table],
        |r| r.get(0),
    )?;
    if exists == 0 {
        return Ok(None);
    }
    let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table} {filter}"), [], |r| {
        r.get(0)
    })?;
    Ok(Some(n as u64))
}

/// Rows of `table` grouped by `column`; empty when the table does not exist in this schema.
pub fn counts_by(conn: &Connection, table: &str, column: &str) -> Result<BTreeMap<String, u64>> {
    let mut out = BTreeMap::new();
    if count_if_table(conn, table, "")?.is_none() {
        return Ok(out);
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT {column}, count(*) FROM {table} GROUP BY {column}"
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
    })?;
    for row in rows {
        let (key, n) = row?;
        out.insert(key, n);
    }
    Ok(out)
}
