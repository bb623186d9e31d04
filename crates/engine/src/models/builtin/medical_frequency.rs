//! `medical-frequency` 异常就医: in one calendar year a person's reimbursed visits fall on
//! more than `max_dates` (24) distinct dates, or their reimbursed total is more than
//! `ratio` (5) times the median total of the people with claims that year — the second
//! test only when at least `min_people` (20) people had claims, so a tiny extract does
//! not make a median. People are known by ID number only.

use std::collections::{BTreeMap, HashMap};

use rusqlite::Connection;

use super::common::{median, money, param, person, record, tidy, year_of};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{AlertDraft, Model, ModelContext, ModelSpec, ParamValue, Severity};

pub const ID: &str = "medical-frequency";

pub struct MedicalFrequency;

/// One person's claims in one year.
#[derive(Default)]
struct Year {
    name: String,
    /// Visit dates as `YYYYMMDD`, sorted and deduplicated once all rows are read.
    dates: Vec<u32>,
    total: f64,
    rows: Vec<i64>,
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
        out.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(out)
    }
}

type Years = BTreeMap<String, HashMap<String, Year>>;

/// Every identified person's claims per calendar year, read in one pass without copying
/// the text of rows that only add to a known person's year.
fn years(conn: &Connection) -> Result<Years> {
    let sql = "SELECT id, name, id_number, visit_date, amount FROM medical_claims
               WHERE id_number IS NOT NULL AND visit_date IS NOT NULL";
    let mut years: Years = BTreeMap::new();
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, date) = (text_at(r, 2)?, text_at(r, 3)?);
        let (Some(year), Some(day)) = (year_of(date), day_number(date)) else {
            continue;
        };
        if id.is_empty() {
            continue;
        }
        let people = match years.get_mut(year) {
            Some(p) => p,
            None => years.entry(year.to_string()).or_default(),
        };
        let y = match people.get_mut(id) {
            Some(y) => y,
            None => people.entry(id.to_string()).or_default(),
        };
        if y.name.is_empty() {
            y.name = text_at(r, 1)?.to_string();
        }
        y.dates.push(day);
        y.total += r.get::<_, Option<f64>>(4)?.unwrap_or(0.0);
        y.rows.push(r.get(0)?);
    }
    for y in years.values_mut().flat_map(|p| p.values_mut()) {
        y.dates.sort_unstable();
        y.dates.dedup();
    }
    Ok(years)
}

/// A text column, trimmed; empty for NULL.
fn text_at<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    Ok(r.get_ref(i)?.as_str_or_null()?.unwrap_or("").trim())
}

/// `2023-05-17` as 20230517.
fn day_number(date: &str) -> Option<u32> {
    let d = date.get(..10)?;
    let digits: String = d.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 8).then(|| digits.parse().ok()).flatten()
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
        evidence: tidy(
            y.rows
                .iter()
                .map(|&id| record(Kind::MedicalClaims, id))
                .collect(),
        ),
        key: format!("{ID}|{id}|{year}"),
    })
}
