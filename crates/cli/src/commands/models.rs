//! `models list|run|set|import|export`.

use anyhow::{anyhow, Context, Result};
use mingjing_engine::models::alerts::AlertFilter;
use mingjing_engine::models::{builtin, ParamValue, Params};
use mingjing_engine::{CancelFlag, ModelInfo};

use super::open_case;
use crate::args::{AlertFormat, CaseArg, ModelsCommand};
use crate::progress::FileProgress;

pub fn run(command: &ModelsCommand) -> Result<()> {
    match command {
        ModelsCommand::List { case, keyring } => list(case.as_ref(), *keyring),
        ModelsCommand::Run {
            case,
            models,
            format,
        } => run_models(case, models, *format),
        ModelsCommand::Set {
            case,
            model,
            assignment,
        } => {
            let (name, value) = assignment.split_once('=').ok_or_else(|| {
                anyhow!("参数应写成 name=value / write the parameter as name=value")
            })?;
            open_case(case)?.set_model_param(model, name.trim(), value.trim())?;
            println!("已保存 / saved: {model} {name} = {value}");
            Ok(())
        }
        ModelsCommand::Import { case, file } => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("reading {}", file.display()))?;
            let ids = open_case(case)?.import_models(&text)?;
            println!("已导入模型 / models added: {}", ids.join(", "));
            Ok(())
        }
        ModelsCommand::Export { case, out, models } => {
            let pack = open_case(case)?.export_models(models)?;
            std::fs::write(out, pack).with_context(|| format!("writing {}", out.display()))?;
            println!("已导出 / exported to {}", out.display());
            Ok(())
        }
    }
}

fn list(case: Option<&std::path::PathBuf>, keyring: bool) -> Result<()> {
    let infos: Vec<ModelInfo> = match case {
        Some(path) => open_case(&CaseArg {
            case: path.clone(),
            keyring,
        })?
        .models()?,
        None => builtin::all()
            .iter()
            .map(|m| {
                let spec = m.spec();
                ModelInfo {
                    params: Params::defaults(&spec),
                    spec,
                    user_written: false,
                }
            })
            .collect(),
    };
    for info in &infos {
        let origin = if info.user_written {
            " [用户 / user]"
        } else {
            ""
        };
        println!("{}  {}{}", info.spec.id, info.spec.name, origin);
        println!("    {}", info.spec.description);
        for param in &info.spec.params {
            let value = info
                .params
                .0
                .get(param.name)
                .map(value_text)
                .unwrap_or_default();
            println!("    {} = {}    ({})", param.name, value, param.description);
        }
    }
    Ok(())
}

fn value_text(value: &ParamValue) -> String {
    match value {
        ParamValue::Number(x) => x.to_string(),
        ParamValue::Integer(i) => i.to_string(),
        ParamValue::Text(t) => t.clone(),
        ParamValue::List(items) => items.join(","),
    }
}

fn run_models(case: &CaseArg, models: &[String], format: AlertFormat) -> Result<()> {
    let mut case = open_case(case)?;
    let mut progress = FileProgress::new();
    let report = case.run_models(models, &mut progress, &CancelFlag::new());
    progress.finish();
    let report = report?;
    if format == AlertFormat::Jsonl {
        let filter = AlertFilter {
            run: Some(report.run_id),
            ..AlertFilter::default()
        };
        for alert in case.alerts(&filter)? {
            println!("{}", alert.json_line());
        }
        return Ok(());
    }
    for m in &report.models {
        match (&m.skipped, &m.error) {
            (Some(why), _) => println!("{:<28} 跳过 / skipped: {why}", m.id),
            (_, Some(err)) => println!("{:<28} 失败 / failed: {err}", m.id),
            _ => println!(
                "{:<28} 新 {} / new, 再次 {} / again, 失效 {} / stale  ({} ms)",
                m.id, m.new, m.again, m.stale, m.elapsed_ms
            ),
        }
    }
    let (new, again, stale) = report.totals();
    println!("合计 / total: 新 {new} / new, 再次 {again} / again, 失效 {stale} / stale");
    Ok(())
}
