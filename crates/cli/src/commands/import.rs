//! `import CASE FILE...`: each file in its own transaction; a file that cannot be read
//! is reported and the others still import (exit 1 at the end).

use anyhow::{anyhow, Result};
use mingjing_engine::{CancelFlag, FileReport, ImportOptions, Kind, Mapping};

use super::{display, open_case};
use crate::args::{CaseArg, ImportArgs};
use crate::progress::FileProgress;

/// Returns whether every file could be read.
pub fn run(args: &ImportArgs) -> Result<bool> {
    let kind = match &args.kind {
        None => None,
        Some(code) => Some(Kind::from_code(code).ok_or_else(|| {
            let known: Vec<&str> = Kind::ALL.iter().map(|k| k.code()).collect();
            anyhow!(
                "未知类型 / unknown kind: {code} (可选 / one of: {})",
                known.join(", ")
            )
        })?),
    };
    let mapping = args.mapping.as_deref().map(Mapping::load).transpose()?;
    let options = ImportOptions {
        kind,
        mapping,
        list_name: args.list_name.clone(),
    };
    let mut case = open_case(&args.case)?;
    let cancel = CancelFlag::new();
    let mut all_read = true;
    for file in &args.files {
        let mut progress = FileProgress::new();
        let result = if args.dry_run {
            case.preview_file(file, &options, &mut progress, &cancel)
        } else {
            case.import_file(file, &options, &mut progress, &cancel)
        };
        progress.finish();
        match result {
            Ok(report) => print_report(&report),
            Err(err) => {
                all_read = false;
                eprintln!("{}: {err}", display(file));
            }
        }
    }
    if args.dry_run {
        println!("预览,未写入案件 / preview only: nothing was written to the case");
        return Ok(all_read);
    }
    if args.no_resolve {
        return Ok(all_read);
    }
    let mut progress = FileProgress::new();
    let resolved = case.ensure_resolved(&mut progress, &cancel);
    progress.finish();
    resolved?;
    Ok(all_read)
}

fn print_report(report: &FileReport) {
    if let Some((_, first)) = &report.duplicate_of {
        println!(
            "{}: 与已导入的 {} 完全相同,未重复导入 / identical to {}, skipped as a duplicate",
            report.name, first, first
        );
        return;
    }
    let encoding = report
        .encoding
        .as_deref()
        .map(|e| format!(", {e}"))
        .unwrap_or_default();
    println!(
        "{} ({}{}): 导入 {} 行 / imported {} rows, 拒收 {} / rejected {}, 重复行 {} / duplicate rows {}, 跳过 {} / skipped {}",
        report.name,
        report.format,
        encoding,
        report.imported,
        report.imported,
        report.rejected,
        report.rejected,
        report.duplicate_rows,
        report.duplicate_rows,
        report.skipped,
        report.skipped
    );
    for sheet in &report.sheets {
        let kind = match (sheet.kind, &sheet.list_name) {
            (Some(Kind::List), Some(name)) => format!("list「{name}」"),
            (Some(k), _) => format!("{} {}", k.code(), k.label()),
            (None, _) => "-".to_string(),
        };
        let header = sheet
            .header_row
            .map(|r| format!(", 表头第{r}行 / header row {r}"))
            .unwrap_or_default();
        println!(
            "  [{}] {}{}: {} 行 / rows, {} 拒收 / rejected, {} 重复 / duplicate, {} 跳过 / skipped",
            sheet.sheet,
            kind,
            header,
            sheet.imported,
            sheet.rejected,
            sheet.duplicate,
            sheet.skipped
        );
        if !sheet.mapping.is_empty() {
            let pairs: Vec<String> = sheet
                .mapping
                .iter()
                .map(|(h, f)| format!("{h}→{f}"))
                .collect();
            println!("    映射 / mapping: {}", pairs.join(", "));
        }
        if !sheet.unmapped.is_empty() {
            println!(
                "    未映射,保留在 extra / unmapped, kept in extra: {}",
                sheet.unmapped.join(", ")
            );
        }
        for (reason, count) in &sheet.reject_reasons {
            println!("    拒收 / rejected ×{count}: {reason}");
        }
        if let Some(note) = &sheet.note {
            println!("    注 / note: {note}");
        }
    }
}

/// `resolve CASE`: rebuilds entities and links and prints what it found.
pub fn resolve(arg: &CaseArg) -> Result<()> {
    let mut case = open_case(arg)?;
    let mut progress = FileProgress::new();
    let stats = case.resolve(&mut progress, &CancelFlag::new());
    progress.finish();
    let stats = stats?;
    let entities: Vec<String> = stats
        .entities
        .iter()
        .map(|(t, n)| format!("{t} {n}"))
        .collect();
    let links: Vec<String> = stats
        .links
        .iter()
        .map(|(t, n)| format!("{t} {n}"))
        .collect();
    println!("实体 / entities: {}", entities.join(", "));
    println!("关系 / links: {}", links.join(", "));
    Ok(())
}
