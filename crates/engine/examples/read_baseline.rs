//! Benchmark baseline: what reading every cell of a file costs with the bare parsing
//! crates (calamine's streaming cell reader for xlsx, the csv crate for csv), with no
//! normalisation and no store. `scripts/bench-import.sh` runs it beside `mingjing import`.
//!
//! Usage: `read_baseline xlsx|csv FILE` → prints rows, cells and seconds.

use std::time::Instant;

use calamine::{open_workbook, Reader, Xlsx};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (format, path) = match args.as_slice() {
        [_, format, path] => (format.as_str(), path.as_str()),
        _ => return Err("usage: read_baseline xlsx|csv FILE".into()),
    };
    let started = Instant::now();
    let (rows, cells) = match format {
        "xlsx" => read_xlsx(path)?,
        "csv" => read_csv(path)?,
        other => return Err(format!("unknown format {other}").into()),
    };
    println!(
        "{format} baseline: {rows} rows, {cells} cells, {:.2} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn read_xlsx(path: &str) -> Result<(u64, u64), Box<dyn std::error::Error>> {
    let mut book: Xlsx<_> = open_workbook(path)?;
    let (mut rows, mut cells, mut last_row) = (0u64, 0u64, u32::MAX);
    for name in book.sheet_names() {
        let mut reader = book.worksheet_cells_reader(&name)?;
        while let Some(cell) = reader.next_cell()? {
            let (row, _) = cell.get_position();
            if row != last_row {
                rows += 1;
                last_row = row;
            }
            // Touch the value as a consumer would.
            if !matches!(cell.get_value(), calamine::DataRef::Empty) {
                cells += 1;
            }
        }
    }
    Ok((rows, cells))
}

fn read_csv(path: &str) -> Result<(u64, u64), Box<dyn std::error::Error>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)?;
    let (mut rows, mut cells) = (0u64, 0u64);
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record)? {
        rows += 1;
        cells += record.iter().filter(|c| !c.is_empty()).count() as u64;
    }
    Ok((rows, cells))
}
