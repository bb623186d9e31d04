//! `account CASE ACCOUNT` (profile statistics) and `compare CASE LEFT RIGHT` (data
//! collision between kinds and named lists), both as JSON.

use anyhow::{anyhow, Result};
use mingjing_engine::models::compare::{CompareMode, KeyType, TableRef};
use mingjing_engine::Kind;
use serde_json::json;

use super::open_case;
use crate::args::{CaseArg, CompareWay};

pub fn account(case: &CaseArg, account: &str) -> Result<()> {
    let stats = open_case(case)?.account_stats(account)?;
    println!("{}", serde_json::to_string_pretty(&stats)?);
    Ok(())
}

pub fn compare(case: &CaseArg, left: &str, right: &str, key: &str, mode: CompareWay) -> Result<()> {
    let key =
        KeyType::from_code(key).ok_or_else(|| anyhow!("未知标识类型 / unknown key: {key}"))?;
    let mode = match mode {
        CompareWay::Overlap => CompareMode::Overlap,
        CompareWay::LeftOnly => CompareMode::LeftOnly,
        CompareWay::RightOnly => CompareMode::RightOnly,
    };
    let found = open_case(case)?.compare(&table(left)?, &table(right)?, key, mode)?;
    let rows: Vec<_> = found
        .rows
        .iter()
        .map(|row| {
            let side = |rows: &[mingjing_engine::models::compare::MatchedRow]| {
                rows.iter()
                    .map(|m| {
                        json!({
                            "name": m.name, "column": m.column, "table": m.source.table,
                            "file_sha256": m.source.file_sha256, "file_name": m.source.file_name,
                            "sheet": m.source.sheet, "row": m.source.row_no,
                        })
                    })
                    .collect::<Vec<_>>()
            };
            json!({ "key": row.key, "left": side(&row.left), "right": side(&row.right) })
        })
        .collect();
    println!(
        "{}",
        serde_json::to_string_pretty(&json!({ "key": key.code(), "rows": rows }))?
    );
    Ok(())
}

/// `kind:officials` or `list:酒驾名单`.
fn table(text: &str) -> Result<TableRef> {
    match text.split_once(':') {
        Some(("kind", code)) => Ok(TableRef::Kind {
            kind: Kind::from_code(code)
                .ok_or_else(|| anyhow!("未知类型 / unknown kind: {code}"))?,
            column: None,
        }),
        Some(("list", name)) => Ok(TableRef::List {
            name: name.to_string(),
            column: None,
        }),
        _ => Err(anyhow!(
            "应写成 kind:类型 或 list:名单 / write kind:KIND or list:NAME: {text}"
        )),
    }
}
