//! `rejects CASE`: every row that could not be read, with file, sheet, row and reason.

use anyhow::Result;
use mingjing_engine::RejectRow;
use serde_json::json;

use super::{neutralise, open_case};
use crate::args::{RejectFormat, RejectsArgs};

const PAGE: u64 = 10_000;

pub fn run(args: &RejectsArgs) -> Result<()> {
    let case = open_case(&args.case)?;
    let mut csv_out =
        (args.format == RejectFormat::Csv).then(|| csv::Writer::from_writer(std::io::stdout()));
    if let Some(w) = csv_out.as_mut() {
        w.write_record(["file", "sha256", "sheet", "row", "reason", "cells"])?;
    }
    let mut offset = 0;
    let mut total = 0;
    loop {
        let page = case.rejects(offset, PAGE)?;
        for row in &page {
            match csv_out.as_mut() {
                Some(w) => w.write_record(csv_record(row))?,
                None if args.format == RejectFormat::Json => println!("{}", json_line(row)),
                None => println!(
                    "{} [{}] 第{}行 / row {}: {} | {}",
                    row.file_name,
                    row.sheet,
                    row.row,
                    row.row,
                    row.reason,
                    row.cells.join(" | ")
                ),
            }
        }
        total += page.len();
        if (page.len() as u64) < PAGE {
            break;
        }
        offset += PAGE;
    }
    if let Some(mut w) = csv_out {
        w.flush()?;
    } else if args.format == RejectFormat::Text {
        println!("共 {total} 行 / {total} rows in all");
    }
    Ok(())
}

fn csv_record(row: &RejectRow) -> Vec<String> {
    [
        row.file_name.clone(),
        row.file_sha256.clone(),
        row.sheet.clone(),
        row.row.to_string(),
        row.reason.clone(),
        row.cells.join(" | "),
    ]
    .iter()
    .map(|c| neutralise(c))
    .collect()
}

fn json_line(row: &RejectRow) -> String {
    json!({
        "file_name": row.file_name, "file_sha256": row.file_sha256, "sheet": row.sheet,
        "row": row.row, "reason": row.reason, "cells": row.cells,
    })
    .to_string()
}
