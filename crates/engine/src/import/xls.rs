//! Reader for legacy .xls (BIFF) workbooks through calamine. A BIFF8 sheet holds at
//! most 65,536 rows × 256 columns, so each sheet is loaded whole (calamine parses the
//! workbook up front anyway) and handed on row by row with its true row numbers. It
//! does not find headers or interpret values beyond what the workbook says.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{Data, Range, Reader, SheetType, Xls};

use super::calamine_cell::from_calamine;
use super::cell::Cell;
use super::read::unreadable;
use super::source::{RawRow, ReadInfo, RowSink};
use crate::error::Result;

pub(super) fn read(path: &Path, sink: &mut dyn RowSink) -> Result<ReadInfo> {
    let file =
        File::open(path).map_err(|e| unreadable(path, format!("无法打开 / cannot open: {e}")))?;
    let mut workbook = Xls::new(BufReader::new(file)).map_err(|e| unreadable(path, why(e)))?;
    let sheets: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    for name in &sheets {
        let range = workbook.worksheet_range(name).map_err(|e| {
            unreadable(
                path,
                format!("无法读取工作表 {name} / cannot read sheet {name}: {e}"),
            )
        })?;
        sink.begin_sheet(name)?;
        send_rows(&range, sink)?;
        sink.end_sheet()?;
    }
    Ok(ReadInfo::default())
}

fn why(e: calamine::XlsError) -> String {
    match e {
        calamine::XlsError::Password => {
            "文件有密码保护,请先在 Excel 中去除密码 / the workbook is password protected"
                .to_string()
        }
        e => format!("不是有效的 xls 文件 / not a valid xls file: {e}"),
    }
}

/// Hands on each row that has a value, numbered as the sheet numbers it: the range
/// starts at its first used cell, not at A1.
fn send_rows(range: &Range<Data>, sink: &mut dyn RowSink) -> Result<()> {
    let Some((first_row, first_col)) = range.start() else {
        return Ok(());
    };
    for (i, values) in range.rows().enumerate() {
        let mut cells = vec![Cell::Empty; first_col as usize];
        cells.extend(values.iter().cloned().map(from_calamine));
        while cells.last() == Some(&Cell::Empty) {
            cells.pop();
        }
        if cells.is_empty() {
            continue;
        }
        let row_no = first_row
            .saturating_add(1)
            .saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
        sink.row(RawRow { row_no, cells })?;
    }
    Ok(())
}
