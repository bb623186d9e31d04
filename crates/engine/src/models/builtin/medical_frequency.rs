//! `medical-frequency` 异常就医: in one calendar year a person's reimbursed visits fall on
//! more than `max_dates` (24) distinct dates, or their reimbursed total is more than
//! `ratio` (5) times the median total of the people with claims that year — the second
//! test only when at least `min_people` (20) people had claims, so a tiny extract does
//! not make a median. People are known by ID number only.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::Connection;

use super::common::{load, median, money, param, person, present, record, tidy, year_of};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{AlertDraft, Model, ModelContext, ModelSpec, ParamValue, RecordRef, Severity};

pub const ID: &str = "medical-frequency";

pub struct MedicalFrequency;

/// One person's claims in one year.
#[derive(Default)]
struct Year {
    name: String,
    dates: BTreeSet<String>,
    total: f64,
    evidence: Vec<RecordRef>,
}

struct Limits {
    max_dates: usize,
    ratio: f64,
    min_people: usize,
}

impl Model for MedicalFrequency {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "异常就医",
            description: "一个自然年内报销就诊日期超过规定天数,或报销总额超过当年有报销人员中位数的规定倍数。",
            needs: &[Kind::MedicalClaims],
            params: vec![
                param("max_dates", "一年内不同就诊日期数超过此数即预警", ParamValue::Integer(24)),
                param("ratio", "报销总额超过当年中位数的倍数", ParamValue::Number(5.0)),
                param("min_people", "计算中位数所需的最少报销人数", ParamValue::Integer(20)),
            ],
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let limits = Limits {
            max_dates: ctx.params.integer("max_dates").max(0) as usize,
            ratio: ctx.params.number("ratio"),
            min_people: ctx.params.integer("min_people").max(1) as usize,
        };
        let years = years(ctx.conn)?;
        ctx.cancel.check()?;
        let mut out = Vec::new();
        for (year, people) in &years {
            let mut totals: Vec<f64> = people.values().map(|y| y.total).collect();
            let med = (totals.len() >= limits.min_people).then(|| median(&mut totals));
            for (id, y) in people {
                if let Some(draft) = alert(year, id, y, med, &limits) {
                    out.push(draft);
                }
            }
        }
        Ok(out)
    }
}

type Years = BTreeMap<String, BTreeMap<String, Year>>;

fn years(conn: &Connection) -> Result<Years> {
    let sql = "SELECT id, name, id_number, visit_date, amount FROM medical_claims
               WHERE id_number IS NOT NULL AND visit_date IS NOT NULL";
    let mut years: Years = BTreeMap::new();
    let rows = load(conn, sql, |r| {
        let (Some(id), Some(date)) = (present(r.get(2)?), present(r.get(3)?)) else {
            return Ok(None);
        };
        let name = present(r.get(1)?).unwrap_or_default();
        let amount = r.get::<_, Option<f64>>(4)?.unwrap_or(0.0);
        Ok(Some((r.get::<_, i64>(0)?, id, name, date, amount)))
    })?;
    for (record_id, id, name, date, amount) in rows {
        let Some(year) = year_of(&date) else {
            continue;
        };
        let y = years
            .entry(year.to_string())
            .or_default()
            .entry(id)
            .or_default();
        y.name = name;
        y.dates.insert(date.get(..10).unwrap_or(&date).to_string());
        y.total += amount;
        y.evidence.push(record(Kind::MedicalClaims, record_id));
    }
    Ok(years)
}

fn alert(year: &str, id: &str, y: &Year, med: Option<f64>, limits: &Limits) -> Option<AlertDraft> {
    let mut reasons = Vec::new();
    if y.dates.len() > limits.max_dates {
        reasons.push(format!(
            "在{}个不同日期报销就诊(超过{}个)",
            y.dates.len(),
            limits.max_dates
        ));
    }
    if let Some(m) = med.filter(|m| *m > 0.0 && y.total > limits.ratio * m) {
        reasons.push(format!(
            "报销总额{}元,为当年报销人员中位数{}元的{:.1}倍",
            money(y.total),
            money(m),
            y.total / m
        ));
    }
    if reasons.is_empty() {
        return None;
    }
    Some(AlertDraft {
        model: ID,
        severity: Severity::Medium,
        subjects: vec![person(id, &y.name, "patient")],
        summary: format!("{}(身份证号{id}){year}年{}", y.name, reasons.join(",")),
        evidence: tidy(y.evidence.clone()),
        key: format!("{ID}|{id}|{year}"),
    })
}
