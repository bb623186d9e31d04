//! One sheet's journey: probe its first rows for the header and kind, then turn every
//! later row into a stored record, a reject with its reason, a duplicate of a row
//! already in the case, or a skipped banner, repeated header or total line.

use std::collections::{BTreeMap, HashSet};

use rusqlite::types::Value;
use rusqlite::{Connection, Statement};
use xxhash_rust::xxh3::Xxh3;

use super::cell::Cell;
use super::detect::{detect, header_texts, Detection, HEADER_SEARCH_ROWS};
use super::list::ListColumns;
use super::mapping::{ColumnMap, Mapping};
use super::record;
use super::source::RawRow;
use crate::error::{Error, Result};
use crate::kinds::Kind;
use crate::normalize::clean_text;
use crate::store::records::{self as rec, RowOrigin};

/// What one sheet yielded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetReport {
    pub sheet: String,
    pub kind: Option<Kind>,
    pub list_name: Option<String>,
    /// The header's row number in the sheet (1-based).
    pub header_row: Option<u32>,
    /// `header → field` for the columns that were recognised.
    pub mapping: Vec<(String, String)>,
    /// Headers no field took; their values are kept in each record's `extra`.
    pub unmapped: Vec<String>,
    pub imported: u64,
    pub rejected: u64,
    pub duplicate: u64,
    pub skipped: u64,
    /// Reject reasons (without the offending value) and how often each occurred.
    pub reject_reasons: BTreeMap<String, u64>,
    pub note: Option<String>,
}

/// Settings shared by every sheet of one file.
pub struct SheetContext<'a> {
    pub file_id: i64,
    pub forced_kind: Option<Kind>,
    pub mapping: Option<&'a Mapping>,
    /// The list name for sheets that are lists.
    pub list_name: &'a str,
}

enum Target<'c> {
    Kind {
        map: ColumnMap,
        insert: Statement<'c>,
    },
    List {
        name: String,
        columns: ListColumns,
    },
    /// No header was found: every non-blank row is kept as a reject.
    Headerless,
}

/// A sheet being imported.
pub struct SheetImport<'c> {
    conn: &'c Connection,
    report: SheetReport,
    probe: Option<Vec<RawRow>>,
    target: Option<Target<'c>>,
    header_key: Vec<String>,
    known: HashSet<i64>,
}

impl<'c> SheetImport<'c> {
    pub fn new(conn: &'c Connection, sheet: &str) -> SheetImport<'c> {
        SheetImport {
            conn,
            report: SheetReport {
                sheet: sheet.to_string(),
                ..SheetReport::default()
            },
            probe: Some(Vec::new()),
            target: None,
            header_key: Vec::new(),
            known: HashSet::new(),
        }
    }

    /// Takes the next row of the sheet.
    pub fn push(&mut self, ctx: &SheetContext<'_>, row: RawRow) -> Result<()> {
        if let Some(probe) = self.probe.as_mut() {
            if row.cells.iter().all(Cell::is_blank) {
                return Ok(());
            }
            probe.push(row);
            if probe.len() >= HEADER_SEARCH_ROWS {
                self.settle(ctx)?;
            }
            return Ok(());
        }
        self.data_row(ctx, row)
    }

    /// Ends the sheet and returns what it yielded.
    pub fn finish(mut self, ctx: &SheetContext<'_>) -> Result<SheetReport> {
        if self.probe.is_some() {
            self.settle(ctx)?;
        }
        if self.report.kind.is_none()
            && self.report.list_name.is_none()
            && self.report.rejected == 0
        {
            self.report.note = Some("空工作表 / empty sheet".to_string());
        }
        Ok(self.report)
    }

    /// Decides header and kind from the probed rows, then imports the rows after the header.
    fn settle(&mut self, ctx: &SheetContext<'_>) -> Result<()> {
        let probe = self.probe.take().unwrap_or_default();
        if probe.is_empty() {
            return Ok(());
        }
        let cells: Vec<Vec<Cell>> = probe.iter().map(|r| r.cells.clone()).collect();
        let header_index = match detect(&cells, ctx.forced_kind, ctx.mapping) {
            Detection::Found { header_index, map } => {
                self.start_kind(ctx, map)?;
                Some(header_index)
            }
            Detection::List { header_index } => {
                self.start_list(ctx, header_texts(&cells[header_index]))?;
                Some(header_index)
            }
            Detection::Ambiguous { kinds, .. } => {
                let names: Vec<&str> = kinds.iter().map(|k| k.code()).collect();
                return Err(Error::UnknownKind {
                    path: self.report.sheet.clone().into(),
                    reason: format!(
                        "工作表可能是 {} 之一,请用 --kind 指定 / the sheet could be any of {}; name it with --kind",
                        names.join("、"),
                        names.join(", ")
                    ),
                });
            }
            Detection::NoHeader => {
                self.target = Some(Target::Headerless);
                self.report.note = Some("未找到表头 / no header row found".to_string());
                None
            }
        };
        if let Some(index) = header_index {
            self.report.header_row = Some(probe[index].row_no);
            self.report.skipped += index as u64; // banner lines above the header
        }
        let rows = probe.into_iter().skip(header_index.map_or(0, |i| i + 1));
        for row in rows {
            self.data_row(ctx, row)?;
        }
        Ok(())
    }

    fn start_kind(&mut self, ctx: &SheetContext<'_>, map: ColumnMap) -> Result<()> {
        crate::store::derived::drop_lookup_indexes(self.conn, map.kind.code())?;
        let insert = rec::insert_statement(self.conn, map.kind, &map.columns)?;
        self.known = rec::known_fingerprints(self.conn, map.kind, ctx.file_id)?;
        self.header_key = header_key(&map.headers);
        self.report.kind = Some(map.kind);
        self.report.mapping = map.describe();
        self.report.unmapped = map.unmapped.iter().map(|(_, h)| h.clone()).collect();
        self.target = Some(Target::Kind { map, insert });
        Ok(())
    }

    fn start_list(&mut self, ctx: &SheetContext<'_>, headers: Vec<String>) -> Result<()> {
        let columns = ListColumns::recognise(&headers);
        self.known = rec::known_fingerprints(self.conn, Kind::List, ctx.file_id)?;
        self.header_key = header_key(&headers);
        self.report.kind = Some(Kind::List);
        self.report.list_name = Some(ctx.list_name.to_string());
        self.report.mapping = columns.describe();
        self.target = Some(Target::List {
            name: ctx.list_name.to_string(),
            columns,
        });
        Ok(())
    }

    fn data_row(&mut self, ctx: &SheetContext<'_>, row: RawRow) -> Result<()> {
        if row.cells.iter().all(Cell::is_blank) {
            return Ok(());
        }
        if is_footer(&row.cells) || header_key(&text_cells(&row.cells)) == self.header_key {
            self.report.skipped += 1;
            return Ok(());
        }
        let origin = RowOrigin {
            file_id: ctx.file_id,
            sheet: &self.report.sheet,
            row_no: row.row_no,
        };
        let outcome = match self.target.as_mut() {
            Some(Target::Kind { map, insert }) => match record::build(map, &row.cells) {
                Ok(record) => {
                    let fp = fingerprint(&record.values);
                    if self.known.contains(&fp) {
                        rec::insert_duplicate(self.conn, origin, map.kind, fp)?;
                        Outcome::Duplicate
                    } else {
                        rec::insert_record(
                            insert,
                            origin,
                            fp,
                            record.extra.as_deref(),
                            &record.values,
                        )?;
                        if map.kind == Kind::BankTransactions {
                            // A bank row carries its time to the second and the balance after
                            // it, so an exact repeat within one file is the same transaction
                            // delivered twice. Elsewhere (a benefit paid twice in one list)
                            // identical rows may be real, and are kept.
                            self.known.insert(fp);
                        }
                        Outcome::Stored
                    }
                }
                Err(reason) => Outcome::Rejected(reason),
            },
            Some(Target::List { name, columns }) => {
                let (data, ids) = columns.read(&row.cells);
                let fp = fingerprint(&[Value::Text(name.clone()), Value::Text(data.clone())]);
                if self.known.contains(&fp) {
                    rec::insert_duplicate(self.conn, origin, Kind::List, fp)?;
                    Outcome::Duplicate
                } else {
                    let ids: Vec<_> = ids.iter().map(|i| i.as_store()).collect();
                    rec::insert_list_row(self.conn, name, origin, fp, &data, &ids)?;
                    Outcome::Stored
                }
            }
            Some(Target::Headerless) | None => Outcome::Rejected(
                "未找到表头,无法识别此行 / no header row, the row cannot be read".into(),
            ),
        };
        match outcome {
            Outcome::Stored => self.report.imported += 1,
            Outcome::Duplicate => self.report.duplicate += 1,
            Outcome::Rejected(reason) => {
                let raw = raw_json(&row.cells);
                rec::insert_reject(self.conn, origin, &reason, &raw)?;
                self.report.rejected += 1;
                *self
                    .report
                    .reject_reasons
                    .entry(reason_class(&reason))
                    .or_default() += 1;
            }
        }
        Ok(())
    }
}

enum Outcome {
    Stored,
    Duplicate,
    Rejected(String),
}

/// Total lines, blank-below markers and signatures under the data.
const FOOTER_PREFIXES: &[&str] = &[
    "合计",
    "总计",
    "共计",
    "小计",
    "本页小计",
    "本页合计",
    "累计",
    "以下空白",
    "以下无数据",
    "制表",
    "打印",
    "审核人",
    "经办人",
    "负责人:",
    "注:",
    "备注:",
    "说明:",
    "数据来源",
];

fn is_footer(cells: &[Cell]) -> bool {
    let Some(first) = cells.iter().find(|c| !c.is_blank()) else {
        return false;
    };
    if !matches!(first, Cell::Text(_)) {
        return false;
    }
    let text: String = clean_text(&first.to_text())
        .chars()
        .filter(|c| *c != ' ')
        .collect();
    FOOTER_PREFIXES.iter().any(|p| text.starts_with(p))
}

fn header_key(headers: &[String]) -> Vec<String> {
    let mut key: Vec<String> = headers.iter().map(|h| clean_text(h)).collect();
    while key.last().is_some_and(|k| k.is_empty()) {
        key.pop();
    }
    key
}

fn text_cells(cells: &[Cell]) -> Vec<String> {
    cells
        .iter()
        .map(|c| match c {
            Cell::Text(t) => t.clone(),
            Cell::Empty => String::new(),
            _ => "\u{1}".to_string(), // a number never equals a header cell
        })
        .collect()
}

/// A stable 64-bit fingerprint of a record's values (xxh3: its output is fixed by spec,
/// so fingerprints stored in a case stay comparable across builds).
pub fn fingerprint(values: &[Value]) -> i64 {
    let mut hasher = Xxh3::new();
    for value in values {
        match value {
            Value::Null => hasher.update(&[0]),
            Value::Integer(i) => {
                hasher.update(&[1]);
                hasher.update(&i.to_le_bytes());
            }
            Value::Real(r) => {
                hasher.update(&[2]);
                hasher.update(&r.to_bits().to_le_bytes());
            }
            Value::Text(t) => {
                hasher.update(&[3]);
                hasher.update(&(t.len() as u64).to_le_bytes());
                hasher.update(t.as_bytes());
            }
            Value::Blob(b) => {
                hasher.update(&[4]);
                hasher.update(&(b.len() as u64).to_le_bytes());
                hasher.update(b);
            }
        }
    }
    hasher.digest() as i64
}

fn raw_json(cells: &[Cell]) -> String {
    let texts: Vec<String> = cells.iter().map(|c| c.to_text().into_owned()).collect();
    serde_json::to_string(&texts).unwrap_or_else(|_| "[]".to_string())
}

/// `日期无法识别: 'abc' / unreadable date` → `日期无法识别 / unreadable date`.
fn reason_class(reason: &str) -> String {
    match (reason.find(": '"), reason.find("' / ")) {
        (Some(start), Some(end)) if end > start => {
            format!("{}{}", &reason[..start], &reason[end + 1..])
        }
        _ => reason.to_string(),
    }
}
