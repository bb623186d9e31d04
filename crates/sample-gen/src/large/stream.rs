//! Streaming writers for the large case: a constant-memory workbook that starts a new
//! sheet when one is full, and a buffered csv file. Rows go out as they are made.

use crate::writers::{csv_line, csv_text, encode, fixed_properties, write_cell, Cell, Encoding};
use anyhow::{Context, Result};
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use std::io::Write;
use std::path::Path;

/// Rows per sheet (Excel allows 1,048,576 including the header).
const SHEET_ROWS: u64 = 1_000_000;

/// Streams rows into a constant-memory workbook, starting a new sheet when one is full.
pub struct XlsxStream {
    workbook: Workbook,
    header: Vec<String>,
    row: u32,
    date_fmt: Format,
    datetime_fmt: Format,
}

impl XlsxStream {
    pub fn new(header: &[&str]) -> Result<Self> {
        let mut workbook = Workbook::new();
        workbook.set_properties(&fixed_properties()?);
        let mut s = XlsxStream {
            workbook,
            header: header.iter().map(|h| h.to_string()).collect(),
            row: 0,
            date_fmt: Format::new().set_num_format("yyyy-mm-dd"),
            datetime_fmt: Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
        };
        s.new_sheet()?;
        Ok(s)
    }

    fn new_sheet(&mut self) -> Result<()> {
        let ws = self.workbook.add_worksheet_with_constant_memory()?;
        for (c, h) in self.header.iter().enumerate() {
            ws.write_string(0, c as u16, h)?;
        }
        self.row = 1;
        Ok(())
    }

    fn sheet(&mut self) -> Result<&mut Worksheet> {
        let n = self.workbook.worksheets_mut().len();
        Ok(self.workbook.worksheet_from_index(n - 1)?)
    }

    pub fn push(&mut self, cells: &[Cell]) -> Result<()> {
        if self.row as u64 > SHEET_ROWS {
            self.new_sheet()?;
        }
        let (r, date_fmt, datetime_fmt) =
            (self.row, self.date_fmt.clone(), self.datetime_fmt.clone());
        let ws = self.sheet()?;
        for (c, cell) in cells.iter().enumerate() {
            write_cell(ws, r, c as u16, cell, &date_fmt, &datetime_fmt)?;
        }
        self.row += 1;
        Ok(())
    }

    pub fn save(mut self, path: &Path) -> Result<()> {
        self.workbook
            .save(path)
            .with_context(|| format!("writing {}", path.display()))
    }
}

pub struct CsvStream {
    out: std::io::BufWriter<std::fs::File>,
    encoding: Encoding,
    line: String,
}

impl CsvStream {
    pub fn new(path: &Path, header: &[&str], encoding: Encoding) -> Result<Self> {
        let file =
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
        let mut s = CsvStream {
            out: std::io::BufWriter::new(file),
            encoding,
            line: String::new(),
        };
        if encoding == Encoding::Utf8Bom {
            s.out.write_all(b"\xEF\xBB\xBF")?;
        }
        s.write_fields(header)?;
        Ok(s)
    }

    fn write_fields<S: AsRef<str>>(&mut self, fields: &[S]) -> Result<()> {
        self.line.clear();
        csv_line(&mut self.line, fields);
        let bytes = encode(
            &self.line,
            if self.encoding == Encoding::Gbk {
                Encoding::Gbk
            } else {
                Encoding::Utf8
            },
        )?;
        self.out.write_all(&bytes)?;
        Ok(())
    }

    pub fn push(&mut self, cells: &[Cell]) -> Result<()> {
        let fields: Vec<String> = cells.iter().map(csv_text).collect();
        self.write_fields(&fields)
    }

    pub fn finish(mut self) -> Result<()> {
        Ok(self.out.flush()?)
    }
}
