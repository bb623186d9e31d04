//! `round-in-out` 整进整出: on one calendar day an account both receives and sends amounts
//! of at least 200,000 that are whole multiples of 10,000. Each qualifying amount is one
//! transaction (several small round transfers do not add up to one); the day is the
//! statement's date. Only yuan amounts count. One alert per account, listing the days.

use std::collections::BTreeMap;

use super::money::{evidence, fen_of, minute, yuan, Acct, Ledger};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{AlertDraft, Model, ModelContext, ModelSpec, ParamSpec, ParamValue, Severity};

pub struct RoundInOut;

const ID: &str = "round-in-out";

/// The round receipts and payments of one day.
#[derive(Default)]
struct Day {
    ins: Vec<u32>,
    outs: Vec<u32>,
}

impl Model for RoundInOut {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "整进整出",
            description: "同一账户同一天内既有收入又有支出,金额均不少于20万元且为1万元的整数倍",
            needs: &[Kind::BankTransactions],
            params: vec![
                ParamSpec {
                    name: "min_amount",
                    description: "单笔金额不少于(元)",
                    default: ParamValue::Number(200_000.0),
                },
                ParamSpec {
                    name: "round_unit",
                    description: "整数倍单位(元)",
                    default: ParamValue::Number(10_000.0),
                },
            ],
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let ledger = ctx.cache.ledger(ctx.conn)?;
        let Some(cny) = ledger.cny() else {
            return Ok(Vec::new());
        };
        let min = fen_of(ctx.params.number("min_amount"));
        let unit = fen_of(ctx.params.number("round_unit")).max(1);
        let round = |i: &u32| {
            let t = ledger.get(*i);
            t.currency == cny && t.fen >= min && t.fen % unit == 0
        };
        ledger.alerts_per_account(ctx.cancel, |a| {
            let mut days: BTreeMap<i64, Day> = BTreeMap::new();
            for &i in ledger.incoming(a).iter().filter(|i| round(i)) {
                days.entry(day_of(ledger, i)).or_default().ins.push(i);
            }
            for &i in ledger.outgoing(a).iter().filter(|i| round(i)) {
                days.entry(day_of(ledger, i)).or_default().outs.push(i);
            }
            days.retain(|_, d| !d.ins.is_empty() && !d.outs.is_empty());
            if days.is_empty() {
                Vec::new()
            } else {
                vec![alert(ledger, a, &days, min)]
            }
        })
    }
}

fn day_of(ledger: &Ledger, i: u32) -> i64 {
    ledger.get(i).at.div_euclid(86_400)
}

fn alert(ledger: &Ledger, a: Acct, days: &BTreeMap<i64, Day>, min: i64) -> AlertDraft {
    let parts: Vec<String> = days.values().map(|d| day_text(ledger, d)).collect();
    let summary = format!(
        "{}有{}天整进整出(单笔不少于{}且为万元整数倍):{}。",
        ledger.account_text(a),
        days.len(),
        yuan(min),
        parts.join(";")
    );
    let refs = days.values().flat_map(|d| {
        d.ins
            .iter()
            .chain(d.outs.iter())
            .flat_map(|&i| ledger.get(i).records())
    });
    AlertDraft {
        model: ID,
        severity: if days.len() >= 3 {
            Severity::High
        } else {
            Severity::Medium
        },
        subjects: ledger.account_subjects(a, "account", "person"),
        summary,
        evidence: evidence(refs),
        key: format!("{ID}|{}", ledger.digits(a)),
    }
}

fn day_text(ledger: &Ledger, d: &Day) -> String {
    let line = |i: &u32, verb: &str| {
        let t = ledger.get(*i);
        let other = if verb == "收到" { t.from } else { t.to };
        format!(
            "{}{}{}{}",
            minute(t.at),
            verb,
            ledger.end_text(other),
            yuan(t.fen)
        )
    };
    let ins: Vec<String> = d.ins.iter().map(|i| line(i, "收到")).collect();
    let outs: Vec<String> = d.outs.iter().map(|i| line(i, "转给")).collect();
    format!("{},{}", ins.join("、"), outs.join("、"))
}

#[cfg(test)]
mod tests;
