//! `split-procurement` 拆分采购规避招标: one unit signs two or more contracts with the same
//! supplier, or for the same project, within `window_days` (90), each below the
//! public-tender threshold and together at or above it. The item decides the threshold:
//! an item naming building work (see [`CONSTRUCTION_WORDS`]) uses the construction
//! threshold (4,000,000), every other item — goods, services, or unknown — the lower
//! one (1,000,000); a work that is a service (工程造价咨询, 工程监理: [`SERVICE_WORDS`])
//! stays a service. Contracts of different thresholds are never added together.

use std::collections::{BTreeMap, BTreeSet};

use super::common::{days_between, money, param, texts, tidy, unit};
use super::procurement::{contracts, Contract};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{AlertDraft, Model, ModelContext, ModelSpec, ParamValue, Severity};

pub const ID: &str = "split-procurement";

/// Words that make an item construction (工程类). Materials (沥青混凝土, 防渗管材) are goods:
/// they name what is bought, not building work.
pub const CONSTRUCTION_WORDS: &[&str] = &[
    "工程", "施工", "修缮", "装修", "建设", "建造", "新建", "改建", "扩建", "改造", "土建", "拆除",
    "加固",
];

/// Words that keep an item a service although it names a work (工程造价咨询, 工程监理).
pub const SERVICE_WORDS: &[&str] = &[
    "咨询", "监理", "设计", "造价", "勘察", "测绘", "审计", "评估", "检测",
];

pub struct SplitProcurement;

struct Rule {
    window: i64,
    construction: f64,
    goods: f64,
    words: Vec<String>,
    services: Vec<String>,
}

impl Rule {
    fn threshold(&self, c: &Contract) -> f64 {
        let has = |words: &[String]| words.iter().any(|w| c.item.contains(w.as_str()));
        if has(&self.words) && !has(&self.services) {
            self.construction
        } else {
            self.goods
        }
    }
}

impl Model for SplitProcurement {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "拆分采购规避招标",
            description: "同一单位在规定天数内与同一供应商或就同一项目签订两份以上合同,每份均低于公开招标限额而合计达到限额。",
            needs: &[Kind::Contracts],
            params: vec![
                param("window_days", "合同签订日期相距的最长天数", ParamValue::Integer(90)),
                param("construction_threshold", "工程类公开招标限额(元)", ParamValue::Number(4_000_000.0)),
                param("goods_threshold", "货物和服务类(及品目不明)公开招标限额(元)", ParamValue::Number(1_000_000.0)),
                param("construction_words", "品目含这些词即为工程类", texts(CONSTRUCTION_WORDS)),
                param("service_words", "品目含这些词时仍为服务类(如工程造价咨询)", texts(SERVICE_WORDS)),
            ],
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let rule = Rule {
            window: ctx.params.integer("window_days"),
            construction: ctx.params.number("construction_threshold"),
            goods: ctx.params.number("goods_threshold"),
            words: ctx.params.list("construction_words"),
            services: ctx.params.list("service_words"),
        };
        let all = contracts(ctx.conn)?;
        ctx.cancel.check()?;
        let mut seen: BTreeSet<Vec<i64>> = BTreeSet::new();
        let mut out = Vec::new();
        for (basis, group) in groups(&all, &rule) {
            for cluster in clusters(&group, &rule) {
                let ids: Vec<i64> = cluster.iter().map(|c| c.record_id).collect();
                if seen.insert(ids) {
                    out.push(alert(basis, &cluster, rule.threshold(cluster[0])));
                }
            }
        }
        Ok(out)
    }
}

/// Why contracts were put together.
#[derive(Clone, Copy)]
enum Basis {
    Supplier,
    Project,
}

/// Below-threshold contracts by (unit, supplier or project, threshold), in date order.
fn groups<'a>(all: &'a [Contract], rule: &Rule) -> Vec<(Basis, Vec<&'a Contract>)> {
    let mut by: BTreeMap<(u8, &str, &str, u64), Vec<&Contract>> = BTreeMap::new();
    for c in all.iter().filter(|c| c.signed.is_some()) {
        let (Some(amount), limit) = (c.amount, rule.threshold(c)) else {
            continue;
        };
        if amount >= limit {
            continue;
        }
        let t = limit.to_bits();
        by.entry((0, &c.unit, c.supplier_key(), t))
            .or_default()
            .push(c);
        if !c.project.is_empty() {
            by.entry((1, &c.unit, &c.project, t)).or_default().push(c);
        }
    }
    by.into_iter()
        .filter(|(_, g)| g.len() >= 2)
        .map(|((b, ..), g)| {
            (
                if b == 0 {
                    Basis::Supplier
                } else {
                    Basis::Project
                },
                g,
            )
        })
        .collect()
}

/// Maximal runs of contracts whose signing dates span at most the window and whose sum
/// reaches the threshold; overlapping runs are merged into one finding.
fn clusters<'a>(group: &[&'a Contract], rule: &Rule) -> Vec<Vec<&'a Contract>> {
    let limit = rule.threshold(group[0]);
    let mut marked: Vec<(usize, usize)> = Vec::new();
    for i in 0..group.len() {
        let mut j = i;
        while j + 1 < group.len()
            && days_between(group[i].signed(), group[j + 1].signed())
                .is_some_and(|d| d <= rule.window)
        {
            j += 1;
        }
        let sum: f64 = group[i..=j].iter().filter_map(|c| c.amount).sum();
        if j > i && sum >= limit {
            marked.push((i, j));
        }
    }
    merge(marked)
        .into_iter()
        .map(|(i, j)| group[i..=j].to_vec())
        .collect()
}

fn merge(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.sort();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, j) in spans {
        match out.last_mut() {
            Some(last) if i <= last.1 => last.1 = last.1.max(j),
            _ => out.push((i, j)),
        }
    }
    out
}

fn alert(basis: Basis, cluster: &[&Contract], limit: f64) -> AlertDraft {
    let first = cluster[0];
    let last = cluster[cluster.len() - 1];
    let total: f64 = cluster.iter().filter_map(|c| c.amount).sum();
    let days = days_between(first.signed(), last.signed()).unwrap_or(0);
    let listed: Vec<String> = cluster.iter().map(|c| c.describe()).collect();
    let with = match basis {
        Basis::Supplier => format!("与{}", first.supplier_name),
        Basis::Project => format!("就项目“{}”", first.project),
    };
    let mut subjects = vec![unit(&first.unit)];
    for c in cluster {
        let supplier = c.supplier("supplier");
        if !subjects.contains(&supplier) {
            subjects.push(supplier);
        }
    }
    subjects.extend(cluster.iter().map(|c| c.subject()));
    AlertDraft {
        model: ID,
        severity: Severity::Medium,
        subjects,
        summary: format!(
            "{}在{days}天内{with}签订{}份合同:{};每份均低于公开招标限额{}元,合计{}元,达到限额",
            first.unit,
            cluster.len(),
            listed.join("、"),
            money(limit),
            money(total)
        ),
        evidence: tidy(cluster.iter().map(|c| c.evidence()).collect()),
        key: format!("{ID}|{}|{}|{}", first.unit, first.supplier_key(), first.no),
    }
}
