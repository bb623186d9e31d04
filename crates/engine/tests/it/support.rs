//! Shared helpers: a case in a temp dir, files written for the test.

use std::path::{Path, PathBuf};

use mingjing_engine::{CancelFlag, Case, FileReport, ImportOptions, NoProgress, Passphrase};

pub const PASS: &str = "correct horse battery staple";

pub fn fixed_clock() -> mingjing_engine::Clock {
    Box::new(|| "2026-01-01T09:00:00+08:00".to_string())
}

pub struct TestCase {
    pub dir: tempfile::TempDir,
    pub case: Case,
}

impl TestCase {
    pub fn new() -> TestCase {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("case.mjcase");
        let case =
            Case::create(&path, &Passphrase::new(PASS), "tester", fixed_clock()).expect("create");
        TestCase { dir, case }
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn import(&mut self, path: &Path) -> FileReport {
        self.import_with(path, &ImportOptions::default())
            .expect("import")
    }

    pub fn import_with(
        &mut self,
        path: &Path,
        options: &ImportOptions,
    ) -> mingjing_engine::Result<FileReport> {
        self.case
            .import_file(path, options, &mut NoProgress, &CancelFlag::new())
    }
}

/// Writes rows of text (a leading `#` makes a number cell, `@serial` an Excel date serial
/// cell with date format) to one sheet per `(name, rows)`.
pub fn write_xlsx(path: &Path, sheets: &[(&str, Vec<Vec<&str>>)]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).expect("sheet name");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if let Some(number) = cell.strip_prefix('#') {
                    sheet
                        .write_number(r, c, number.parse::<f64>().expect("number"))
                        .expect("write");
                } else if let Some(serial) = cell.strip_prefix('@') {
                    let serial: f64 = serial.parse().expect("serial");
                    sheet
                        .write_number_with_format(r, c, serial, &date)
                        .expect("write");
                } else if !cell.is_empty() {
                    sheet.write_string(r, c, *cell).expect("write");
                }
            }
        }
    }
    book.save(path).expect("save xlsx");
}
