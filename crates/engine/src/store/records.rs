//! Writing validated records into their kind's table, rejects into `rejects`, rows seen
//! before into `duplicate_rows`, and list rows with their identifiers.

use std::collections::HashSet;

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, Statement};

use crate::error::Result;
use crate::kinds::{Column, Kind};

/// The INSERT for one kind's table, prepared once per sheet.
pub fn insert_statement<'c>(
    conn: &'c Connection,
    kind: Kind,
    columns: &[Column],
) -> Result<Statement<'c>> {
    let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
    let placeholders = vec!["?"; names.len() + 5].join(", ");
    let sql = format!(
        "INSERT INTO {} (file_id, sheet, row_no, fp, extra, {}) VALUES ({placeholders})",
        kind.code(),
        names.join(", ")
    );
    Ok(conn.prepare(&sql)?)
}

/// Row provenance: which file, sheet and row a record came from.
#[derive(Clone, Copy, Debug)]
pub struct RowOrigin<'a> {
    pub file_id: i64,
    pub sheet: &'a str,
    pub row_no: u32,
}

pub fn insert_record(
    stmt: &mut Statement<'_>,
    origin: RowOrigin<'_>,
    fp: i64,
    extra: Option<&str>,
    values: &[Value],
) -> Result<()> {
    let head = [
        Value::Integer(origin.file_id),
        Value::Text(origin.sheet.to_string()),
        Value::Integer(i64::from(origin.row_no)),
        Value::Integer(fp),
        extra.map_or(Value::Null, |e| Value::Text(e.to_string())),
    ];
    stmt.execute(params_from_iter(head.iter().chain(values.iter())))?;
    Ok(())
}

/// Fingerprints of the rows already stored for a kind, from files other than `file_id`:
/// a row of the new file with one of these is a duplicate delivery.
pub fn known_fingerprints(conn: &Connection, kind: Kind, file_id: i64) -> Result<HashSet<i64>> {
    let table = match kind {
        Kind::List => "list_rows",
        other => other.code(),
    };
    let mut stmt = conn.prepare(&format!("SELECT fp FROM {table} WHERE file_id <> ?1"))?;
    let fps = stmt
        .query_map([file_id], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<HashSet<i64>>>()?;
    Ok(fps)
}

pub fn insert_reject(
    conn: &Connection,
    origin: RowOrigin<'_>,
    reason: &str,
    raw: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO rejects (file_id, sheet, row_no, reason, raw) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        origin.file_id,
        origin.sheet,
        origin.row_no,
        reason,
        raw
    ])?;
    Ok(())
}

pub fn insert_duplicate(
    conn: &Connection,
    origin: RowOrigin<'_>,
    kind: Kind,
    fp: i64,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO duplicate_rows (file_id, kind, sheet, row_no, fp) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        origin.file_id,
        kind.code(),
        origin.sheet,
        origin.row_no,
        fp
    ])?;
    Ok(())
}

/// One recognised identifier in a list row.
pub struct ListIdentifier<'a> {
    pub column: &'a str,
    pub id_type: &'a str,
    pub value: &'a str,
    pub valid: bool,
}

pub fn insert_list_row(
    conn: &Connection,
    list_name: &str,
    origin: RowOrigin<'_>,
    fp: i64,
    data: &str,
    identifiers: &[ListIdentifier<'_>],
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO list_rows (list_name, file_id, sheet, row_no, fp, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        list_name,
        origin.file_id,
        origin.sheet,
        origin.row_no,
        fp,
        data
    ])?;
    let row_id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO list_identifiers (row_id, column_name, type, value, valid)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for id in identifiers {
        stmt.execute(params![row_id, id.column, id.id_type, id.value, id.valid])?;
    }
    Ok(())
}
