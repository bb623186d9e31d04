//! Streaming reader for .xlsx workbooks. Before calamine sees the file it checks the
//! zip entries' sizes and each sheet's declared size, refusing files built to exhaust
//! memory; then it streams every worksheet (hidden ones too, in workbook order) cell
//! by cell and groups the cells into rows. It never loads a whole sheet, and it does
//! not find headers or interpret values beyond what the workbook says.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{Data, DataRef, Dimensions, Reader, SheetType, Xlsx};

use super::calamine_cell::from_calamine;
use super::cell::Cell;
use super::read::unreadable;
use super::source::{RawRow, ReadInfo, RowSink};
use crate::error::Result;

const GIB: u64 = 1 << 30;
const MIB: u64 = 1 << 20;
/// No zip entry may unpack to more than this.
const MAX_ENTRY_BYTES: u64 = 4 * GIB;
/// An entry larger than [`SUSPECT_ENTRY_BYTES`] that packs better than this is a zip bomb.
const MAX_RATIO: u64 = 200;
const SUSPECT_ENTRY_BYTES: u64 = 100 * MIB;
/// Limits on the sheet position of any cell (1-based row, 1-based column).
pub(super) const MAX_ROWS: u32 = 5_000_000;
pub(super) const MAX_COLUMNS: u32 = 1_000;

type Workbook = Xlsx<BufReader<File>>;

pub(super) fn read(path: &Path, sink: &mut dyn RowSink) -> Result<ReadInfo> {
    check_zip(path)?;
    let file =
        File::open(path).map_err(|e| unreadable(path, format!("无法打开 / cannot open: {e}")))?;
    let mut workbook: Workbook = Xlsx::new(BufReader::new(file)).map_err(|e| {
        unreadable(
            path,
            format!("不是有效的 xlsx 文件 / not a valid xlsx file: {e}"),
        )
    })?;
    let sheets: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    for name in &sheets {
        read_sheet(path, &mut workbook, name, sink)?;
    }
    Ok(ReadInfo::default())
}

/// Refuses a zip whose entries claim absurd sizes, before anything unpacks them.
fn check_zip(path: &Path) -> Result<()> {
    let file =
        File::open(path).map_err(|e| unreadable(path, format!("无法打开 / cannot open: {e}")))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| {
        unreadable(
            path,
            format!("不是有效的 xlsx 文件(zip 损坏)/ not a valid xlsx file (broken zip): {e}"),
        )
    })?;
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| unreadable(path, format!("zip 条目损坏 / broken zip entry: {e}")))?;
        let (size, packed) = (entry.size(), entry.compressed_size());
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        if size > MAX_ENTRY_BYTES {
            return Err(unreadable(
                path,
                format!("压缩包内 {name} 解压后超过 4 GiB / entry {name} unpacks to {size} bytes, over 4 GiB"),
            ));
        }
        if size > SUSPECT_ENTRY_BYTES && size > packed.saturating_mul(MAX_RATIO) {
            return Err(unreadable(
                path,
                format!(
                    "压缩包内 {name} 压缩比异常(疑似压缩炸弹)/ entry {name} packs {size} bytes into {packed}: \
                     ratio over {MAX_RATIO}:1, a zip bomb"
                ),
            ));
        }
    }
    Ok(())
}

fn read_sheet(
    path: &Path,
    workbook: &mut Workbook,
    name: &str,
    sink: &mut dyn RowSink,
) -> Result<()> {
    let sheet_err = |e: calamine::XlsxError| {
        unreadable(
            path,
            format!("无法读取工作表 {name} / cannot read sheet {name}: {e}"),
        )
    };
    let mut cells = workbook.worksheet_cells_reader(name).map_err(sheet_err)?;
    check_dimensions(path, name, cells.dimensions())?;
    sink.begin_sheet(name)?;
    let mut rows = RowGrouper::default();
    while let Some(cell) = cells.next_cell().map_err(sheet_err)? {
        let (row, col) = cell.get_position();
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        // calamine lends the value; one copy here is the price of an owned cell.
        let value = from_calamine(Data::from(cell.get_value().clone()));
        if value == Cell::Empty {
            continue;
        }
        check_position(path, name, row, col)?;
        if let Some(done) = rows.push(row, col, value) {
            sink.row(done)?;
        }
    }
    if let Some(done) = rows.finish() {
        sink.row(done)?;
    }
    sink.end_sheet()
}

/// Refuses a sheet whose declared size is beyond any real extract.
fn check_dimensions(path: &Path, sheet: &str, dims: Dimensions) -> Result<()> {
    let (rows, cols) = (dims.end.0.saturating_add(1), dims.end.1.saturating_add(1));
    if rows > MAX_ROWS || cols > MAX_COLUMNS {
        return Err(too_large(path, sheet, rows, cols));
    }
    Ok(())
}

/// The same limits for a cell actually found: a sheet may declare less than it holds.
fn check_position(path: &Path, sheet: &str, row: u32, col: u32) -> Result<()> {
    let (row_no, col_no) = (row.saturating_add(1), col.saturating_add(1));
    if row_no > MAX_ROWS || col_no > MAX_COLUMNS {
        return Err(too_large(path, sheet, row_no, col_no));
    }
    Ok(())
}

fn too_large(path: &Path, sheet: &str, rows: u32, cols: u32) -> crate::Error {
    unreadable(
        path,
        format!(
            "工作表 {sheet} 过大({rows} 行 × {cols} 列,上限 {MAX_ROWS} 行、{MAX_COLUMNS} 列)/ \
             sheet {sheet} is too large: {rows} rows × {cols} columns, limit {MAX_ROWS} × {MAX_COLUMNS}"
        ),
    )
}

/// Gathers streamed cells into rows. Cells arrive row by row; a row is complete when a
/// cell of another row arrives. Gaps between cells become [`Cell::Empty`].
#[derive(Default)]
struct RowGrouper {
    current: Option<RawRow>,
    /// The width of the last row, to size the next one in one allocation.
    last_width: usize,
}

impl RowGrouper {
    /// Adds the cell at 0-based (`row`, `col`); returns the previous row if it is complete.
    fn push(&mut self, row: u32, col: u32, value: Cell) -> Option<RawRow> {
        let row_no = row.saturating_add(1);
        let done = match &self.current {
            Some(current) if current.row_no != row_no => self.current.take(),
            _ => None,
        };
        let width = self.last_width;
        let current = self.current.get_or_insert_with(|| RawRow {
            row_no,
            cells: Vec::with_capacity(width),
        });
        put(&mut current.cells, col as usize, value);
        self.last_width = self.last_width.max(current.cells.len());
        done
    }

    fn finish(&mut self) -> Option<RawRow> {
        self.current.take()
    }
}

/// Puts `value` at `col`, padding with empty cells; a repeated column replaces the earlier value.
fn put(cells: &mut Vec<Cell>, col: usize, value: Cell) {
    if col < cells.len() {
        cells[col] = value;
    } else {
        cells.resize(col, Cell::Empty);
        cells.push(value);
    }
}
