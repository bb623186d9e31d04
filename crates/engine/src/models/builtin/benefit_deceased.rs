//! `benefit-deceased` 死亡人员领取: a benefit payment or a medical reimbursement dated more
//! than `days` (default 30) after the person's recorded death. The person is matched by
//! ID number; with several death records the earliest date counts. Payments within the
//! grace period (the month's payment already in the pipeline) raise nothing.

use std::collections::HashMap;

use rusqlite::Connection;

use super::common::{days_between, load, money, param, person, present, record, tidy};
use super::payments::payments;
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{AlertDraft, Model, ModelContext, ModelSpec, ParamValue, RecordRef, Severity};

pub const ID: &str = "benefit-deceased";

pub struct BenefitDeceased;

struct Death {
    record_id: i64,
    name: String,
    date: String,
}

/// A payment or reimbursement after death.
struct Late {
    what: String,
    date: String,
    amount: f64,
    days: i64,
    evidence: RecordRef,
}

impl Model for BenefitDeceased {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "死亡人员领取",
            description: "惠民惠农资金发放或医保报销日期晚于本人死亡日期超过规定天数。",
            needs: &[Kind::Deaths, Kind::Benefits, Kind::MedicalClaims],
            params: vec![param(
                "days",
                "死亡后超过多少天仍有发放或报销即预警",
                ParamValue::Integer(30),
            )],
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let grace = ctx.params.integer("days");
        let deaths = deaths(ctx.conn)?;
        if deaths.is_empty() {
            return Ok(Vec::new());
        }
        let mut late: HashMap<String, Vec<Late>> = HashMap::new();
        for p in payments(ctx.conn, &[], |id| deaths.contains_key(id))? {
            if let Some(d) = deaths.get(&p.id_number) {
                push_if_late(&mut late, &p.id_number, d, grace, || Late {
                    what: p.program.clone(),
                    date: p.date.clone(),
                    amount: p.amount.unwrap_or(0.0),
                    days: 0,
                    evidence: p.evidence(),
                });
            }
        }
        ctx.cancel.check()?;
        for (id, claim) in claims(ctx.conn, |id| deaths.contains_key(id))? {
            if let Some(d) = deaths.get(&id) {
                push_if_late(&mut late, &id, d, grace, || claim);
            }
        }
        let mut out: Vec<AlertDraft> = late
            .into_iter()
            .filter_map(|(id, items)| Some(alert(&id, deaths.get(&id)?, items)))
            .collect();
        out.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(out)
    }
}

fn push_if_late(
    late: &mut HashMap<String, Vec<Late>>,
    id: &str,
    death: &Death,
    grace: i64,
    item: impl FnOnce() -> Late,
) {
    let mut item = item();
    match days_between(&death.date, &item.date) {
        Some(days) if days > grace => {
            item.days = days;
            late.entry(id.to_string()).or_default().push(item);
        }
        _ => {}
    }
}

/// The earliest death record of each ID number.
fn deaths(conn: &Connection) -> Result<HashMap<String, Death>> {
    let sql = "SELECT id, name, id_number, death_date FROM deaths
               WHERE id_number IS NOT NULL AND death_date IS NOT NULL ORDER BY death_date, id";
    let rows = load(conn, sql, |r| {
        let (Some(id), Some(date)) = (present(r.get(2)?), present(r.get(3)?)) else {
            return Ok(None);
        };
        let name = present(r.get(1)?).unwrap_or_default();
        Ok(Some((
            id,
            Death {
                record_id: r.get(0)?,
                name,
                date,
            },
        )))
    })?;
    let mut out = HashMap::new();
    for (id, d) in rows {
        out.entry(id).or_insert(d);
    }
    Ok(out)
}

/// Medical reimbursements of the identified people `keep` accepts.
fn claims(conn: &Connection, keep: impl Fn(&str) -> bool) -> Result<Vec<(String, Late)>> {
    let sql = "SELECT id, id_number, visit_date, amount, hospital FROM medical_claims
               WHERE id_number IS NOT NULL AND visit_date IS NOT NULL";
    load(conn, sql, |r| {
        let wanted = r
            .get_ref(1)?
            .as_str_or_null()?
            .is_some_and(|id| keep(id.trim()));
        if !wanted {
            return Ok(None);
        }
        let (Some(id), Some(date)) = (present(r.get(1)?), present(r.get(2)?)) else {
            return Ok(None);
        };
        let hospital = present(r.get(4)?).unwrap_or_default();
        Ok(Some((
            id,
            Late {
                what: format!("医保报销{hospital}"),
                date,
                amount: r.get::<_, Option<f64>>(3)?.unwrap_or(0.0),
                days: 0,
                evidence: record(Kind::MedicalClaims, r.get(0)?),
            },
        )))
    })
}

fn alert(id: &str, death: &Death, mut items: Vec<Late>) -> AlertDraft {
    items.sort_by(|a, b| a.date.cmp(&b.date));
    let listed: Vec<String> = items
        .iter()
        .map(|l| {
            format!(
                "{}(死亡后{}天){}{}元",
                l.date,
                l.days,
                l.what,
                money(l.amount)
            )
        })
        .collect();
    let mut evidence = vec![record(Kind::Deaths, death.record_id)];
    evidence.extend(items.iter().map(|l| l.evidence.clone()));
    AlertDraft {
        model: ID,
        severity: Severity::High,
        subjects: vec![person(id, &death.name, "deceased")],
        summary: format!(
            "{}(身份证号{id})于{}死亡,其后仍有{}笔发放或报销:{}",
            death.name,
            death.date,
            items.len(),
            listed.join(";")
        ),
        evidence: tidy(evidence),
        key: format!("{ID}|{id}"),
    }
}
