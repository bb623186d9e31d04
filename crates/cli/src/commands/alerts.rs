//! `alerts list|show|assign|verify|dispose|archive|reopen`.

use anyhow::{anyhow, Result};
use mingjing_engine::models::alerts::{AlertFilter, AlertId, AlertState, Outcome};
use mingjing_engine::AlertMove;
use serde_json::json;

use super::open_case;
use crate::args::{AlertFormat, AlertsCommand};

pub fn run(command: &AlertsCommand) -> Result<()> {
    match command {
        AlertsCommand::List {
            case,
            state,
            model,
            format,
        } => {
            let state = state
                .as_deref()
                .map(|s| {
                    AlertState::from_code(s).ok_or_else(|| anyhow!("未知状态 / unknown state: {s}"))
                })
                .transpose()?;
            let filter = AlertFilter {
                state,
                model: model.clone(),
                ..AlertFilter::default()
            };
            for alert in open_case(case)?.alerts(&filter)? {
                match format {
                    AlertFormat::Jsonl => println!("{}", alert.json_line()),
                    AlertFormat::Text => println!(
                        "{}  [{}] {} {}  {}",
                        alert.id,
                        alert.state.label(),
                        alert.model,
                        alert.severity.code(),
                        alert.summary
                    ),
                }
            }
            Ok(())
        }
        AlertsCommand::Show { case, id } => {
            let detail = open_case(case)?.alert(alert_id(id)?)?;
            let history: Vec<_> = detail
                .history
                .iter()
                .map(|h| json!({ "from": h.from.map(|s| s.code()), "to": h.to.code(), "who": h.who, "at": h.at, "note": h.note }))
                .collect();
            let mut out = serde_json::to_value(detail.alert.json())?;
            out["history"] = json!(history);
            out["assignee"] = json!(detail.alert.assignee);
            out["outcome"] = json!(detail.alert.outcome.map(|o| o.code()));
            out["stale"] = json!(detail.alert.stale);
            println!("{}", serde_json::to_string_pretty(&out)?);
            Ok(())
        }
        AlertsCommand::Assign { case, id, to, note } => step(
            case,
            id,
            AlertMove::Assign {
                to: to.clone(),
                note: note.clone(),
            },
        ),
        AlertsCommand::Verify { case, id, note } => {
            step(case, id, AlertMove::Verify { note: note.clone() })
        }
        AlertsCommand::Dispose {
            case,
            id,
            outcome,
            note,
        } => {
            let outcome = Outcome::from_code(outcome)
                .ok_or_else(|| anyhow!("处置结果应为 confirmed、false_positive 或 remedied / outcome must be confirmed, false_positive or remedied"))?;
            step(
                case,
                id,
                AlertMove::Dispose {
                    outcome,
                    note: note.clone(),
                },
            )
        }
        AlertsCommand::Archive { case, id, note } => {
            step(case, id, AlertMove::Archive { note: note.clone() })
        }
        AlertsCommand::Reopen { case, id, note } => {
            step(case, id, AlertMove::Reopen { note: note.clone() })
        }
    }
}

fn step(case: &crate::args::CaseArg, id: &str, step: AlertMove) -> Result<()> {
    let id = alert_id(id)?;
    let case = open_case(case)?;
    case.move_alert(id, &step)?;
    let now = case.alert(id)?;
    println!("{}: {}", id, now.alert.state.label());
    Ok(())
}

fn alert_id(text: &str) -> Result<AlertId> {
    text.parse::<AlertId>()
        .map_err(|_| anyhow!("预警编号应如 a-000123 / an alert id looks like a-000123: {text}"))
}
