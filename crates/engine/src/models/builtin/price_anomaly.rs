//! `price-anomaly` 价格异常: a contract's unit price is more than `ratio` (1.5) times the
//! median unit price of the same item across all contracts of the case, when at least
//! `min_contracts` (5) contracts priced that item. Items are compared by their exact
//! normalised name; contracts without a positive unit price take no part.

use std::collections::BTreeMap;

use super::common::{median, money, param, unit};
use super::procurement::{contracts, Contract};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{AlertDraft, Model, ModelContext, ModelSpec, ParamValue, Severity};

pub const ID: &str = "price-anomaly";

pub struct PriceAnomaly;

impl Model for PriceAnomaly {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "价格异常",
            description: "合同单价超过全案同品目合同单价中位数的规定倍数(同品目合同至少规定份数)。",
            needs: &[Kind::Contracts],
            params: vec![
                param("ratio", "单价超过中位数的倍数", ParamValue::Number(1.5)),
                param(
                    "min_contracts",
                    "计算中位数所需的同品目最少合同数",
                    ParamValue::Integer(5),
                ),
            ],
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let ratio = ctx.params.number("ratio");
        let min = ctx.params.integer("min_contracts").max(1) as usize;
        let all = contracts(ctx.conn)?;
        ctx.cancel.check()?;
        let mut by_item: BTreeMap<&str, Vec<(&Contract, f64)>> = BTreeMap::new();
        for c in &all {
            if let Some(p) = c.unit_price.filter(|p| *p > 0.0 && !c.item.is_empty()) {
                by_item.entry(&c.item).or_default().push((c, p));
            }
        }
        let mut out = Vec::new();
        for priced in by_item.values().filter(|v| v.len() >= min) {
            let mut prices: Vec<f64> = priced.iter().map(|(_, p)| *p).collect();
            let med = median(&mut prices);
            for (c, p) in priced.iter().filter(|(_, p)| *p > ratio * med) {
                out.push(alert(c, *p, med, priced.len()));
            }
        }
        Ok(out)
    }
}

fn alert(c: &Contract, price: f64, med: f64, count: usize) -> AlertDraft {
    AlertDraft {
        model: ID,
        severity: Severity::Medium,
        subjects: vec![c.subject(), c.supplier("supplier"), unit(&c.unit)],
        summary: format!(
            "{}与{}签订的{}中“{}”单价{}元,为全案同品目{}份合同单价中位数{}元的{:.2}倍",
            c.unit,
            c.supplier_name,
            c.describe(),
            c.item,
            money(price),
            count,
            money(med),
            price / med
        ),
        evidence: vec![c.evidence()],
        key: format!("{ID}|{}", c.no),
    }
}
