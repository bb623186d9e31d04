//! Reading a delivered file into raw rows, whatever its format. Each reader walks its
//! sheets in order and hands every row to a [`RowSink`]; it does not find headers,
//! map columns or judge values. Readers stream: they never hold a whole sheet.

use super::cell::Cell;
use crate::error::Result;

/// One row of a sheet: its number as a spreadsheet program shows it (1-based) and its cells.
#[derive(Clone, Debug, PartialEq)]
pub struct RawRow {
    pub row_no: u32,
    pub cells: Vec<Cell>,
}

/// The file formats we read, told apart by their first bytes, not their names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xls,
    Csv,
}

impl Format {
    pub fn code(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Csv => "csv",
        }
    }
}

/// Receives a file's rows, sheet by sheet. An error from the sink stops the reader and
/// is returned by it unchanged (that is how cancellation travels).
pub trait RowSink {
    fn begin_sheet(&mut self, name: &str) -> Result<()>;
    fn row(&mut self, row: RawRow) -> Result<()>;
    fn end_sheet(&mut self) -> Result<()>;
}

/// What a reader found out about the file besides its rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadInfo {
    /// The text encoding of a CSV file (`UTF-8`, `UTF-8-BOM`, `GB18030`; `UTF-16LE` or
    /// `UTF-16BE` for Excel's "Unicode text" export, which carries a BOM).
    pub encoding: Option<String>,
}
