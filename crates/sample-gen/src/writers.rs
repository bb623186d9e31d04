//! Output of tables as `.xlsx` or `.csv` files, with the banners, blank rows and footer
//! lines that real extracts carry.
//!
//! A [`Sheet`] is a plain grid description; this module only lays it out and encodes it.
//! Workbooks get a fixed creation date so the bytes never change between runs.

use anyhow::{bail, Context, Result};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};
use std::path::Path;

/// The fixed document creation time written into every workbook (docProps/core.xml).
pub fn fixed_properties() -> Result<DocProperties> {
    let created = ExcelDateTime::from_ymd(2024, 7, 1)?.and_hms(9, 0, 0)?;
    Ok(DocProperties::new()
        .set_creation_datetime(&created)
        .set_author("mingjing-sample"))
}

/// One cell. `Date`/`DateTime` become Excel serial numbers with a date format in xlsx
/// and ISO text in csv.
#[derive(Clone, Debug)]
pub enum Cell {
    Text(String),
    Num(f64),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}
impl From<&String> for Cell {
    fn from(s: &String) -> Self {
        Cell::Text(s.clone())
    }
}
impl From<f64> for Cell {
    fn from(n: f64) -> Self {
        Cell::Num(n)
    }
}
impl From<NaiveDate> for Cell {
    fn from(d: NaiveDate) -> Self {
        Cell::Date(d)
    }
}

/// What a row below the header is, for the expectations file.
#[derive(Clone, Debug, PartialEq)]
pub enum RowKind {
    Data,
    /// A data row the importer cannot read; it must end in the rejects list.
    Reject(&'static str),
    Blank,
    Footer,
}

#[derive(Clone, Debug)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub kind: RowKind,
}

/// One sheet (or the only table of a csv file).
#[derive(Clone, Debug)]
pub struct Sheet {
    pub name: String,
    /// Lines above the header; "" is a blank line.
    pub banner: Vec<String>,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

impl Sheet {
    pub fn new(name: &str, banner: &[&str], header: &[&str]) -> Self {
        Sheet {
            name: name.to_string(),
            banner: banner.iter().map(|s| s.to_string()).collect(),
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// 1-based row number (in the sheet, or line in the csv) that the next row gets.
    pub fn next_row_number(&self) -> usize {
        self.banner.len() + 1 + self.rows.len() + 1
    }

    fn push_kind(&mut self, cells: Vec<Cell>, kind: RowKind) -> usize {
        let n = self.next_row_number();
        self.rows.push(Row { cells, kind });
        n
    }

    /// Adds a data row; returns its 1-based row number.
    pub fn push(&mut self, cells: Vec<Cell>) -> usize {
        self.push_kind(cells, RowKind::Data)
    }
    pub fn reject(&mut self, cells: Vec<Cell>, reason: &'static str) -> usize {
        self.push_kind(cells, RowKind::Reject(reason))
    }
    pub fn blank(&mut self) {
        self.push_kind(Vec::new(), RowKind::Blank);
    }
    pub fn footer(&mut self, cells: Vec<Cell>) {
        self.push_kind(cells, RowKind::Footer);
    }

    pub fn count(&self, pred: impl Fn(&RowKind) -> bool) -> usize {
        self.rows.iter().filter(|r| pred(&r.kind)).count()
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Gbk,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Gbk => "GBK",
        }
    }
}

pub fn write_xlsx(path: &Path, sheets: &[Sheet]) -> Result<()> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&fixed_properties()?);
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    let datetime_fmt = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    for sheet in sheets {
        let ws = workbook.add_worksheet();
        ws.set_name(&sheet.name)?;
        let mut r = 0u32;
        for line in &sheet.banner {
            if !line.is_empty() {
                ws.write_string(r, 0, line)?;
            }
            r += 1;
        }
        for (c, h) in sheet.header.iter().enumerate() {
            ws.write_string(r, c as u16, h)?;
        }
        r += 1;
        for row in &sheet.rows {
            for (c, cell) in row.cells.iter().enumerate() {
                write_cell(ws, r, c as u16, cell, &date_fmt, &datetime_fmt)?;
            }
            r += 1;
        }
    }
    workbook
        .save(path)
        .with_context(|| format!("writing {}", path.display()))
}

pub fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    date_fmt: &Format,
    datetime_fmt: &Format,
) -> Result<()> {
    match cell {
        Cell::Text(s) => {
            ws.write_string(r, c, s)?;
        }
        Cell::Num(n) => {
            ws.write_number(r, c, *n)?;
        }
        Cell::Date(d) => {
            ws.write_datetime_with_format(r, c, excel_date(d)?, date_fmt)?;
        }
        Cell::DateTime(t) => {
            let dt =
                excel_date(&t.date())?.and_hms(t.hour() as u16, t.minute() as u8, t.second())?;
            ws.write_datetime_with_format(r, c, dt, datetime_fmt)?;
        }
        Cell::Empty => {}
    }
    Ok(())
}

fn excel_date(d: &NaiveDate) -> Result<ExcelDateTime> {
    Ok(ExcelDateTime::from_ymd(
        d.year() as u16,
        d.month() as u8,
        d.day() as u8,
    )?)
}

/// Text of a cell as it appears in a csv file.
pub fn csv_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => s.clone(),
        Cell::Num(n) => format!("{n}"),
        Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        Cell::DateTime(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
        Cell::Empty => String::new(),
    }
}

/// Appends one csv record (RFC 4180 quoting, CRLF line ends).
pub fn csv_line<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        let f = f.as_ref();
        if i > 0 {
            out.push(',');
        }
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}

pub fn write_csv(path: &Path, sheet: &Sheet, encoding: Encoding) -> Result<()> {
    let mut text = String::new();
    for line in &sheet.banner {
        csv_line(&mut text, &[line.as_str()]);
    }
    csv_line(&mut text, &sheet.header);
    for row in &sheet.rows {
        let fields: Vec<String> = row.cells.iter().map(csv_text).collect();
        csv_line(&mut text, &fields);
    }
    std::fs::write(path, encode(&text, encoding)?)
        .with_context(|| format!("writing {}", path.display()))
}

pub fn encode(text: &str, encoding: Encoding) -> Result<Vec<u8>> {
    Ok(match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        Encoding::Gbk => {
            let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
            if unmappable {
                bail!("text has characters GBK cannot hold");
            }
            bytes.into_owned()
        }
    })
}
