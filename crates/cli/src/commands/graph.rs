//! `graph neighbors|path|flow`: link-graph queries, answered as JSON on stdout.

use anyhow::{anyhow, Result};
use chrono::{NaiveDate, TimeDelta};
use mingjing_engine::graph::{FlowDirection, LinkFilter, NeighborQuery, PathQuery, TraceQuery};
use mingjing_engine::resolve::LinkType;

use super::open_case;
use crate::args::{FlowWay, GraphCommand};

pub fn run(command: &GraphCommand) -> Result<()> {
    let json = match command {
        GraphCommand::Neighbors {
            case,
            id,
            hops,
            types,
            from,
            to,
        } => {
            let filter = LinkFilter {
                types: link_types(types)?,
                from: date(from.as_deref())?,
                to: date(to.as_deref())?,
            };
            let query = NeighborQuery {
                hops: *hops,
                filter,
                ..NeighborQuery::default()
            };
            serde_json::to_string_pretty(&open_case(case)?.neighbors(id, &query)?)?
        }
        GraphCommand::Path {
            case,
            from_id,
            to_id,
            max_hops,
            k,
        } => {
            let query = PathQuery {
                max_hops: *max_hops,
                ..PathQuery::default()
            };
            serde_json::to_string_pretty(&open_case(case)?.paths(from_id, to_id, *k, &query)?)?
        }
        GraphCommand::Flow {
            case,
            account,
            hops,
            from,
            to,
            min_amount,
            window_days,
            direction,
        } => {
            let query = TraceQuery {
                hops: *hops,
                from: date(from.as_deref())?,
                to: date(to.as_deref())?,
                min_amount: *min_amount,
                window: Some(TimeDelta::days(*window_days)),
                direction: match direction {
                    FlowWay::Forward => FlowDirection::Forward,
                    FlowWay::Backward => FlowDirection::Backward,
                    FlowWay::Both => FlowDirection::Both,
                },
                ..TraceQuery::default()
            };
            serde_json::to_string_pretty(&open_case(case)?.trace_money(account, &query)?)?
        }
    };
    println!("{json}");
    Ok(())
}

fn date(text: Option<&str>) -> Result<Option<NaiveDate>> {
    text.map(|t| {
        mingjing_engine::normalize::parse_date(t)
            .ok_or_else(|| anyhow!("日期无法识别 / unreadable date: {t}"))
    })
    .transpose()
}

fn link_types(codes: &[String]) -> Result<Vec<LinkType>> {
    codes
        .iter()
        .map(|c| {
            LinkType::from_code(c).ok_or_else(|| anyhow!("未知关系类型 / unknown link type: {c}"))
        })
        .collect()
}
