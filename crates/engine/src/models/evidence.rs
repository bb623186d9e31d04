//! Evidence rows: where a kind-table or list row came from (file SHA-256, file name,
//! sheet, row), read by joining the row's `file_id` to `files`. The runner copies this
//! into `alert_evidence` when it files an alert; `compare` shows it with each row. This
//! file does not decide what counts as evidence.

use rusqlite::{Connection, OptionalExtension};

use super::RecordRef;
use crate::error::Result;
use crate::kinds::Kind;

/// A source row with its provenance, as stored with an alert. The file fields are empty
/// only when the row was gone when the alert was filed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceRow {
    /// The kind table (`bank_transactions`, …) or `list_rows`.
    pub table: String,
    pub record_id: i64,
    pub file_sha256: Option<String>,
    pub file_name: Option<String>,
    pub sheet: Option<String>,
    /// The row number in the sheet, as the importer counted it.
    pub row_no: Option<i64>,
}

/// The tables a record reference may name: every kind table, and `list_rows`.
pub(crate) fn record_table(name: &str) -> Option<&'static str> {
    if name == "list_rows" {
        return Some("list_rows");
    }
    Kind::from_code(name)
        .filter(|k| *k != Kind::List)
        .map(Kind::code)
}

/// The provenance of one record; an unknown table or a missing row gives empty file fields.
pub(crate) fn resolve(conn: &Connection, record: &RecordRef) -> Result<EvidenceRow> {
    let mut out = EvidenceRow {
        table: record.table.to_string(),
        record_id: record.record_id,
        file_sha256: None,
        file_name: None,
        sheet: None,
        row_no: None,
    };
    let Some(table) = record_table(record.table) else {
        return Ok(out);
    };
    let sql = format!(
        "SELECT f.sha256, f.name, t.sheet, t.row_no FROM {table} t
         JOIN files f ON f.id = t.file_id WHERE t.id = ?1"
    );
    let found = conn
        .prepare_cached(&sql)?
        .query_row([record.record_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    if let Some((sha, name, sheet, row_no)) = found {
        (out.file_sha256, out.file_name) = (Some(sha), Some(name));
        (out.sheet, out.row_no) = (Some(sheet), Some(row_no));
    }
    Ok(out)
}
