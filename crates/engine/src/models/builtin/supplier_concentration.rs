//! `supplier-concentration` 供应商集中: in one calendar year, a unit with at least
//! `min_contracts` (8) contracts awards at least `min_awards` (5) of them and at least
//! `share` (60%) of their total value to one supplier. Both conditions must hold: many
//! contracts with a modest share of the money raise nothing.

use std::collections::BTreeMap;

use super::common::{money, param, percent, tidy, unit, year_of};
use super::procurement::{contracts, Contract};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{AlertDraft, Model, ModelContext, ModelSpec, ParamValue, Severity};

pub const ID: &str = "supplier-concentration";

pub struct SupplierConcentration;

struct Limits {
    min_contracts: usize,
    min_awards: usize,
    share: f64,
}

impl Model for SupplierConcentration {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "供应商集中",
            description: "一个自然年内,合同数达到规定份数的单位将规定份数以上且规定比例以上金额的合同授予同一供应商。",
            needs: &[Kind::Contracts],
            params: vec![
                param("min_contracts", "单位当年最少合同数", ParamValue::Integer(8)),
                param("min_awards", "授予同一供应商的最少合同数", ParamValue::Integer(5)),
                param("share", "授予同一供应商的金额占比(0—1)", ParamValue::Number(0.6)),
            ],
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let limits = Limits {
            min_contracts: ctx.params.integer("min_contracts").max(1) as usize,
            min_awards: ctx.params.integer("min_awards").max(1) as usize,
            share: ctx.params.number("share"),
        };
        let all = contracts(ctx.conn)?;
        ctx.cancel.check()?;
        let mut by_unit_year: BTreeMap<(&str, &str), Vec<&Contract>> = BTreeMap::new();
        for c in &all {
            if let Some(year) = year_of(c.signed()) {
                by_unit_year.entry((&c.unit, year)).or_default().push(c);
            }
        }
        let mut out = Vec::new();
        for ((_, year), list) in by_unit_year
            .iter()
            .filter(|(_, l)| l.len() >= limits.min_contracts)
        {
            out.extend(findings(year, list, &limits));
        }
        Ok(out)
    }
}

fn findings(year: &str, list: &[&Contract], limits: &Limits) -> Vec<AlertDraft> {
    let total: f64 = list.iter().filter_map(|c| c.amount).sum();
    let mut by_supplier: BTreeMap<&str, Vec<&Contract>> = BTreeMap::new();
    for c in list {
        by_supplier.entry(c.supplier_key()).or_default().push(c);
    }
    by_supplier
        .values()
        .filter(|mine| mine.len() >= limits.min_awards)
        .filter_map(|mine| {
            let value: f64 = mine.iter().filter_map(|c| c.amount).sum();
            (total > 0.0 && value / total >= limits.share)
                .then(|| alert(year, list, total, mine, value))
        })
        .collect()
}

fn alert(year: &str, list: &[&Contract], total: f64, mine: &[&Contract], value: f64) -> AlertDraft {
    let count = list.len();
    let first = mine[0];
    let mut subjects = vec![unit(&first.unit), first.supplier("supplier")];
    subjects.extend(mine.iter().map(|c| c.subject()));
    AlertDraft {
        model: ID,
        severity: Severity::Medium,
        subjects,
        summary: format!(
            "{}{year}年共签订合同{count}份、金额{}元,其中{}份、金额{}元(占{})授予{}",
            first.unit,
            money(total),
            mine.len(),
            money(value),
            percent(value / total),
            first.supplier_name
        ),
        // The unit's other contracts of the year prove the total the share is taken of.
        evidence: tidy(list.iter().map(|c| c.evidence()).collect()),
        key: format!("{ID}|{}|{}|{year}", first.unit, first.supplier_key()),
    }
}
