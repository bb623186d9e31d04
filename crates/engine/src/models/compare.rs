//! Lists and collisions (数据碰撞): which identifiers two tables share, or which one has
//! and the other lacks. A side is a kind table (with the column to read, or the first
//! column that holds that sort of identifier) or a named list (its recognised
//! identifier columns, `list_identifiers`). Keys compare as stored: ID numbers,
//! credit codes, accounts and phones are already normalised by the importer, names are
//! cleaned; an identifier that failed its check still matches the same exact string.
//! Every row comes back with its provenance, so a collision can be shown and cited.
//! The `list-match` model builds on [`compare`]; this file raises no alerts itself.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, Row};

use super::evidence::record_table;
use super::{EvidenceRow, RecordRef};
use crate::error::{Error, Result};
use crate::kinds::{FieldType, Kind};

mod columns;
#[cfg(test)]
mod tests;

pub use columns::key_columns;

/// What the two sides are matched on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyType {
    IdNumber,
    CreditCode,
    Account,
    Phone,
    Name,
}

impl KeyType {
    pub const ALL: [KeyType; 5] = [
        KeyType::IdNumber,
        KeyType::CreditCode,
        KeyType::Account,
        KeyType::Phone,
        KeyType::Name,
    ];

    /// Also the `type` of `list_identifiers`.
    pub fn code(self) -> &'static str {
        match self {
            KeyType::IdNumber => "id_number",
            KeyType::CreditCode => "credit_code",
            KeyType::Account => "account",
            KeyType::Phone => "phone",
            KeyType::Name => "name",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            KeyType::IdNumber => "身份证号",
            KeyType::CreditCode => "统一社会信用代码",
            KeyType::Account => "账号",
            KeyType::Phone => "电话",
            KeyType::Name => "姓名/名称",
        }
    }

    pub fn from_code(code: &str) -> Option<KeyType> {
        KeyType::ALL.into_iter().find(|k| k.code() == code)
    }

    fn holds(self, ty: FieldType) -> bool {
        match self {
            KeyType::IdNumber => matches!(ty, FieldType::IdNumber | FieldType::IdOrCreditCode),
            KeyType::CreditCode => matches!(ty, FieldType::CreditCode | FieldType::IdOrCreditCode),
            KeyType::Account => ty == FieldType::Account,
            KeyType::Phone => ty == FieldType::Phone,
            KeyType::Name => ty == FieldType::Name,
        }
    }
}

/// One side of a comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableRef {
    /// A kind table; `column` defaults to the kind's first column holding the key.
    Kind { kind: Kind, column: Option<String> },
    /// A named list; `column` (a header of the list) limits it to one identifier column.
    List {
        name: String,
        column: Option<String>,
    },
}

/// Which keys to report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareMode {
    /// Keys on both sides.
    Overlap,
    /// Keys only on the left.
    LeftOnly,
    /// Keys only on the right.
    RightOnly,
}

/// One source row holding a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchedRow {
    /// Where it came from: table, record id, file, sheet, row.
    pub source: EvidenceRow,
    /// The column the key was read from (a list's header for lists).
    pub column: String,
    /// The person's or company's name on that row, when it has one.
    pub name: Option<String>,
}

impl MatchedRow {
    /// The row as alert evidence.
    pub fn record(&self) -> Option<RecordRef> {
        let table = record_table(&self.source.table)?;
        Some(RecordRef {
            table,
            record_id: self.source.record_id,
        })
    }
}

/// One key and the rows holding it on each side (one side empty for the "only" modes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompareRow {
    pub key: String,
    pub left: Vec<MatchedRow>,
    pub right: Vec<MatchedRow>,
}

/// The keys found, in key order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompareResult {
    pub key_type: KeyType,
    pub mode: CompareMode,
    pub rows: Vec<CompareRow>,
}

/// A named list in the case, with its recognised identifier columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListInfo {
    pub name: String,
    pub rows: u64,
    /// (header, key type code) for each recognised column.
    pub columns: Vec<(String, String)>,
}

/// Compares two sides on `key`.
pub fn compare(
    conn: &Connection,
    left: &TableRef,
    right: &TableRef,
    key: KeyType,
    mode: CompareMode,
) -> Result<CompareResult> {
    let mut lefts = side(conn, left, key)?;
    let mut rights = side(conn, right, key)?;
    let keys: Vec<String> = match mode {
        CompareMode::Overlap => lefts
            .keys()
            .filter(|k| rights.contains_key(*k))
            .cloned()
            .collect(),
        CompareMode::LeftOnly => lefts
            .keys()
            .filter(|k| !rights.contains_key(*k))
            .cloned()
            .collect(),
        CompareMode::RightOnly => rights
            .keys()
            .filter(|k| !lefts.contains_key(*k))
            .cloned()
            .collect(),
    };
    let rows = keys
        .into_iter()
        .map(|k| CompareRow {
            left: lefts.remove(&k).unwrap_or_default(),
            right: rights.remove(&k).unwrap_or_default(),
            key: k,
        })
        .collect();
    Ok(CompareResult {
        key_type: key,
        mode,
        rows,
    })
}

/// The named lists in the case.
pub fn lists(conn: &Connection) -> Result<Vec<ListInfo>> {
    let mut stmt = conn.prepare(
        "SELECT list_name, count(*) FROM list_rows GROUP BY list_name ORDER BY list_name",
    )?;
    let names = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut columns = conn.prepare(
        "SELECT DISTINCT i.column_name, i.type FROM list_identifiers i JOIN list_rows r ON r.id = i.row_id
         WHERE r.list_name = ?1 ORDER BY i.column_name",
    )?;
    let mut out = Vec::new();
    for (name, rows) in names {
        let cols = columns
            .query_map([&name], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        out.push(ListInfo {
            name,
            rows: rows as u64,
            columns: cols,
        });
    }
    Ok(out)
}

type Side = BTreeMap<String, Vec<MatchedRow>>;

fn side(conn: &Connection, table: &TableRef, key: KeyType) -> Result<Side> {
    match table {
        TableRef::Kind { kind, column } => kind_side(conn, *kind, column.as_deref(), key),
        TableRef::List { name, column } => list_side(conn, name, column.as_deref(), key),
    }
}

fn kind_side(conn: &Connection, kind: Kind, column: Option<&str>, key: KeyType) -> Result<Side> {
    let column = columns::choose(kind, column, key)?;
    let name = columns::name_column(kind, column).map_or("NULL".to_string(), |n| format!("t.{n}"));
    let only_type = match (kind.field(column).map(|f| f.ty), key) {
        (Some(FieldType::IdOrCreditCode), KeyType::IdNumber) => {
            format!(" AND t.{column}_type = 'person'")
        }
        (Some(FieldType::IdOrCreditCode), KeyType::CreditCode) => {
            format!(" AND t.{column}_type = 'company'")
        }
        _ => String::new(),
    };
    let table = kind.code();
    let sql = format!(
        "SELECT t.id, t.{column}, {name}, f.sha256, f.name, t.sheet, t.row_no, '{column}'
         FROM {table} t JOIN files f ON f.id = t.file_id
         WHERE t.{column} IS NOT NULL AND t.{column} <> ''{only_type} ORDER BY t.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| matched(r, table))?;
    collect(rows)
}

fn list_side(conn: &Connection, list: &str, column: Option<&str>, key: KeyType) -> Result<Side> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM list_rows WHERE list_name = ?1)",
        [list],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(Error::NotFound(format!("名单 {list} / list {list}")));
    }
    let mut stmt = conn.prepare(
        "SELECT r.id, i.value,
                (SELECT n.value FROM list_identifiers n WHERE n.row_id = r.id AND n.type = 'name' LIMIT 1),
                f.sha256, f.name, r.sheet, r.row_no, i.column_name
         FROM list_identifiers i JOIN list_rows r ON r.id = i.row_id JOIN files f ON f.id = r.file_id
         WHERE r.list_name = ?1 AND i.type = ?2 AND (?3 IS NULL OR i.column_name = ?3) AND i.value <> ''
         ORDER BY r.id",
    )?;
    let rows = stmt.query_map(params![list, key.code(), column], |r| {
        matched(r, "list_rows")
    })?;
    collect(rows)
}

fn matched(r: &Row<'_>, table: &str) -> rusqlite::Result<(String, MatchedRow)> {
    let source = EvidenceRow {
        table: table.to_string(),
        record_id: r.get(0)?,
        file_sha256: r.get(3)?,
        file_name: r.get(4)?,
        sheet: r.get(5)?,
        row_no: r.get(6)?,
    };
    let row = MatchedRow {
        source,
        column: r.get(7)?,
        name: r.get(2)?,
    };
    Ok((r.get(1)?, row))
}

fn collect(rows: impl Iterator<Item = rusqlite::Result<(String, MatchedRow)>>) -> Result<Side> {
    let mut out = Side::new();
    for row in rows {
        let (key, row) = row?;
        out.entry(key).or_default().push(row);
    }
    Ok(out)
}
