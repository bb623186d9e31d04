//! `sequential-invoices` 连号发票: at least `min_run` (3) invoices with consecutive numbers
//! under the same invoice code, from one seller to one buyer. Sellers and buyers are
//! their credit codes, or exact names without one. A buyer whose credit code is issued by
//! the establishment authority (first character `1`: 机关、事业单位) is reported as a unit,
//! by name. A number twice is one invoice; gaps break the run.

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::common::{load, money, param, present, record, subject, tidy};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{
    AlertDraft, Model, ModelContext, ModelSpec, ParamValue, RecordRef, Severity, Subject,
    SubjectType,
};

pub const ID: &str = "sequential-invoices";

pub struct SequentialInvoices;

#[derive(Clone, Debug)]
struct Party {
    name: String,
    code: Option<String>,
}

impl Party {
    fn key(&self) -> &str {
        self.code.as_deref().unwrap_or(&self.name)
    }

    fn subject(&self, role: &str) -> Subject {
        let is_unit = role == "buyer" && self.code.as_deref().is_some_and(|c| c.starts_with('1'));
        if is_unit {
            subject(SubjectType::Unit, &self.name, &self.name, role)
        } else {
            subject(SubjectType::Company, self.key(), &self.name, role)
        }
    }
}

struct Invoice {
    record_id: i64,
    code: String,
    /// The number as printed, leading zeros kept.
    no: String,
    value: u64,
    date: String,
    seller: Party,
    buyer: Party,
    amount: f64,
}

impl Model for SequentialInvoices {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "连号发票",
            description: "同一销售方向同一购买方开具同一发票代码下号码连续的多张发票。",
            needs: &[Kind::Invoices],
            params: vec![param(
                "min_run",
                "连续号码的最少张数",
                ParamValue::Integer(3),
            )],
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let min_run = ctx.params.integer("min_run").max(2) as usize;
        let invoices = invoices(ctx.conn)?;
        ctx.cancel.check()?;
        let mut groups: BTreeMap<(&str, &str, &str), Vec<&Invoice>> = BTreeMap::new();
        for inv in &invoices {
            groups
                .entry((inv.seller.key(), inv.buyer.key(), &inv.code))
                .or_default()
                .push(inv);
        }
        let mut out = Vec::new();
        for list in groups.values_mut() {
            list.sort_by_key(|i| (i.value, i.record_id));
            for run in runs(list).into_iter().filter(|r| distinct(r) >= min_run) {
                out.push(alert(&run));
            }
        }
        Ok(out)
    }
}

fn invoices(conn: &Connection) -> Result<Vec<Invoice>> {
    let sql = "SELECT id, invoice_code, invoice_no, issue_date, seller_name, seller_uscc,
                      buyer_name, buyer_uscc, amount FROM invoices";
    load(conn, sql, |r| {
        let (Some(code), Some(no)) = (present(r.get(1)?), present(r.get(2)?)) else {
            return Ok(None);
        };
        let Ok(value) = no.parse::<u64>() else {
            return Ok(None);
        };
        let (Some(seller), Some(buyer)) = (party(r, 4)?, party(r, 6)?) else {
            return Ok(None);
        };
        Ok(Some(Invoice {
            record_id: r.get(0)?,
            code,
            no,
            value,
            date: present(r.get(3)?).unwrap_or_default(),
            seller,
            buyer,
            amount: r.get::<_, Option<f64>>(8)?.unwrap_or(0.0),
        }))
    })
}

fn party(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Option<Party>> {
    let (name, code) = (present(r.get(at)?), present(r.get(at + 1)?));
    Ok(match (name, code) {
        (None, None) => None,
        (name, code) => Some(Party {
            name: name.or_else(|| code.clone()).unwrap_or_default(),
            code,
        }),
    })
}

/// Runs of consecutive numbers (equal numbers stay in the run) in a sorted list.
fn runs<'a>(sorted: &[&'a Invoice]) -> Vec<Vec<&'a Invoice>> {
    let mut out: Vec<Vec<&Invoice>> = Vec::new();
    for inv in sorted {
        match out.last_mut() {
            Some(run) if run.last().is_some_and(|p| inv.value - p.value <= 1) => run.push(inv),
            _ => out.push(vec![inv]),
        }
    }
    out
}

fn distinct(run: &[&Invoice]) -> usize {
    let mut values: Vec<u64> = run.iter().map(|i| i.value).collect();
    values.dedup();
    values.len()
}

fn alert(run: &[&Invoice]) -> AlertDraft {
    let (first, last) = (run[0], run[run.len() - 1]);
    let total: f64 = run.iter().map(|i| i.amount).sum();
    let mut subjects = vec![first.seller.subject("seller"), first.buyer.subject("buyer")];
    for inv in run {
        let id = format!("{}-{}", inv.code, inv.no);
        let s = subject(SubjectType::Invoice, &id, &id, "invoice");
        if !subjects.contains(&s) {
            subjects.push(s);
        }
    }
    let dates: Vec<&str> = {
        let mut d: Vec<&str> = run.iter().map(|i| i.date.as_str()).collect();
        d.sort();
        d.dedup();
        d
    };
    let evidence: Vec<RecordRef> = run
        .iter()
        .map(|i| record(Kind::Invoices, i.record_id))
        .collect();
    AlertDraft {
        model: ID,
        severity: Severity::Medium,
        subjects,
        summary: format!(
            "{}向{}开具发票代码{}、号码{}至{}的{}张连号发票(开票日期{}),合计{}元",
            first.seller.name,
            first.buyer.name,
            first.code,
            first.no,
            last.no,
            distinct(run),
            dates.join("、"),
            money(total)
        ),
        evidence: tidy(evidence),
        key: format!(
            "{ID}|{}|{}|{}-{}",
            first.seller.key(),
            first.buyer.key(),
            first.code,
            first.no
        ),
    }
}
