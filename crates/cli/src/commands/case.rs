//! `case create` and `case info`.

use anyhow::Result;
use mingjing_engine::{system_clock, Case, CaseSummary};
use serde_json::{json, Map, Value};

use super::{actor, open_case};
use crate::args::{CaseArg, Format};
use crate::passphrase;

pub fn create(arg: &CaseArg) -> Result<()> {
    let passphrase = passphrase::obtain(&arg.case, false, true)?;
    let case = Case::create(&arg.case, &passphrase, &actor(), system_clock())?;
    if arg.keyring {
        passphrase::remember(&arg.case, passphrase.expose())?;
    }
    println!(
        "已创建加密案件 / created encrypted case: {}",
        case.path().display()
    );
    Ok(())
}

pub fn info(arg: &CaseArg, format: Format) -> Result<()> {
    let case = open_case(arg)?;
    let summary = case.summary()?;
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&summary_json(&summary))?),
        Format::Text => print_text(&summary),
    }
    Ok(())
}

/// The `case info --format json` object of `shared/spec/cli.md`.
pub fn summary_json(summary: &CaseSummary) -> Value {
    let files: Vec<Value> = summary
        .files
        .iter()
        .map(|f| {
            json!({
                "name": f.name, "sha256": f.sha256, "kind": f.kind, "rows": f.rows,
                "rejected": f.rejected, "duplicate_rows": f.duplicate_rows,
                "duplicate_of": f.duplicate_of, "imported_at": f.imported_at,
            })
        })
        .collect();
    let kinds: Map<String, Value> = summary
        .kinds
        .iter()
        .map(|(k, c)| {
            (
                k.code().to_string(),
                json!({ "rows": c.rows, "rejected": c.rejected }),
            )
        })
        .collect();
    json!({
        "files": files,
        "kinds": kinds,
        "rejects": summary.rejects,
        "entities": summary.entities,
        "links": summary.links,
        "alerts": summary.alerts,
    })
}

fn print_text(summary: &CaseSummary) {
    println!("文件 / files: {}", summary.files.len());
    for f in &summary.files {
        let kind = f.kind.as_deref().unwrap_or("-");
        match &f.duplicate_of {
            Some(first) => println!("  {}  重复文件,同 / duplicate of {}", f.name, first),
            None => println!(
                "  {}  [{}] {} 行 / rows, {} 拒收 / rejected, {} 重复行 / duplicate rows",
                f.name, kind, f.rows, f.rejected, f.duplicate_rows
            ),
        }
    }
    println!("类型 / kinds:");
    for (kind, count) in &summary.kinds {
        println!(
            "  {:<18} {:<16} {:>9} 行 / rows {:>6} 拒收 / rejected",
            kind.code(),
            kind.label(),
            count.rows,
            count.rejected
        );
    }
    println!("拒收行 / rejected rows: {}", summary.rejects);
    if !summary.entities.is_empty() {
        let parts: Vec<String> = summary
            .entities
            .iter()
            .map(|(t, n)| format!("{t} {n}"))
            .collect();
        println!("实体 / entities: {}", parts.join(", "));
        println!("关系 / links: {}", summary.links);
    }
    let alerts: Vec<String> = summary
        .alerts
        .iter()
        .map(|(s, n)| format!("{s} {n}"))
        .collect();
    println!("预警 / alerts: {}", alerts.join(", "));
}
