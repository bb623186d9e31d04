//! `structuring` 拆分交易: at least 3 transactions of one account, each between 90% and
//! 100% of the reporting threshold (default 50,000: from 45,000 up to, not including,
//! 50,000 — at the threshold a transaction is reported anyway), within 7 days. Deposits
//! and withdrawals are counted apart: splitting hides one large deposit or one large
//! withdrawal, and a receipt followed by a payment is the pass-through pattern instead.
//! What the holder did counts: cash deposits, cash withdrawals and transfers out. A
//! transfer in was split (if at all) by its sender, whose account is the one that fires;
//! counting it at the receiver too would raise a second alert on the payee of every
//! splitter. Only yuan amounts are compared. One alert per account, listing each run.

use super::money::{amount_text, day, evidence, fen_of, yuan, Acct, Ledger};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{
    AlertDraft, Model, ModelContext, ModelSpec, ParamSpec, ParamValue, Params, Severity,
};

pub struct Structuring;

const ID: &str = "structuring";

struct Rule {
    threshold: i64,
    low: i64,
    window: i64,
    min_count: usize,
}

impl Rule {
    fn of(p: &Params) -> Rule {
        let threshold = fen_of(p.number("threshold"));
        Rule {
            threshold,
            low: (threshold as f64 * p.number("low_ratio")).round() as i64,
            window: p.integer("window_days") * 86_400,
            min_count: p.integer("min_count").max(2) as usize,
        }
    }

    fn near(&self, fen: i64) -> bool {
        fen >= self.low && fen < self.threshold
    }
}

/// A run of near-threshold transactions in one direction.
struct Run {
    incoming: bool,
    items: Vec<u32>,
}

impl Model for Structuring {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "拆分交易",
            description:
                "同一账户7天内至少3笔现金或转账交易,每笔金额在申报标准(默认5万元)的90%至100%之间",
            needs: &[Kind::BankTransactions],
            params: vec![
                ParamSpec {
                    name: "threshold",
                    description: "申报标准(元)",
                    default: ParamValue::Number(50_000.0),
                },
                ParamSpec {
                    name: "low_ratio",
                    description: "单笔金额不低于申报标准的比例",
                    default: ParamValue::Number(0.9),
                },
                ParamSpec {
                    name: "window_days",
                    description: "时间窗口(天)",
                    default: ParamValue::Integer(7),
                },
                ParamSpec {
                    name: "min_count",
                    description: "至少笔数",
                    default: ParamValue::Integer(3),
                },
            ],
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let ledger = ctx.cache.ledger(ctx.conn)?;
        let Some(cny) = ledger.cny() else {
            return Ok(Vec::new());
        };
        let rule = Rule::of(ctx.params);
        ledger.alerts_per_account(ctx.cancel, |a| {
            let deposits: Vec<u32> = ledger
                .incoming(a)
                .iter()
                .copied()
                .filter(|&i| ledger.get(i).cash)
                .collect();
            let mut found = runs(ledger, &deposits, cny, &rule, true);
            found.extend(runs(ledger, ledger.outgoing(a), cny, &rule, false));
            if found.is_empty() {
                Vec::new()
            } else {
                vec![alert(ledger, a, &found, &rule)]
            }
        })
    }
}

/// Maximal runs of at least `min_count` near-threshold transactions within the window.
fn runs(ledger: &Ledger, list: &[u32], cny: u16, rule: &Rule, incoming: bool) -> Vec<Run> {
    let near: Vec<u32> = list
        .iter()
        .copied()
        .filter(|&i| {
            let t = ledger.get(i);
            t.currency == cny && rule.near(t.fen)
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < near.len() {
        let start = ledger.get(near[i]).at;
        let end = near[i..].partition_point(|&k| ledger.get(k).at <= start + rule.window) + i;
        if end - i >= rule.min_count {
            out.push(Run {
                incoming,
                items: near[i..end].to_vec(),
            });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

fn alert(ledger: &Ledger, a: Acct, runs: &[Run], rule: &Rule) -> AlertDraft {
    let parts: Vec<String> = runs.iter().map(|r| run_text(ledger, r)).collect();
    let summary = format!(
        "{}{};每笔金额均在申报标准{}的{}—100%之间(不含100%)。",
        ledger.account_text(a),
        parts.join(";"),
        yuan(rule.threshold),
        (rule.low as f64 * 100.0 / rule.threshold.max(1) as f64).round()
    );
    let count: usize = runs.iter().map(|r| r.items.len()).sum();
    let refs = runs
        .iter()
        .flat_map(|r| r.items.iter().flat_map(|&i| ledger.get(i).records()));
    AlertDraft {
        model: ID,
        severity: if count >= 2 * rule.min_count {
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

fn run_text(ledger: &Ledger, r: &Run) -> String {
    let first = r.items.first().map_or(0, |&i| ledger.get(i).at);
    let last = r.items.last().map_or(0, |&i| ledger.get(i).at);
    let all_cash = r.items.iter().all(|&i| ledger.get(i).cash);
    let verb = match (r.incoming, all_cash) {
        (true, true) => "现金存入",
        (true, false) => "存入",
        (false, true) => "现金支取",
        (false, false) => "支取/转出",
    };
    let amounts: Vec<String> = r
        .items
        .iter()
        .map(|&i| amount_text(ledger.get(i).fen))
        .collect();
    let total: i64 = r.items.iter().map(|&i| ledger.get(i).fen).sum();
    let days = last.div_euclid(86_400) - first.div_euclid(86_400) + 1;
    format!(
        "于{}至{}的{}天内{}{}笔,金额分别为{}元,合计{}",
        day(first),
        day(last),
        days,
        verb,
        r.items.len(),
        amounts.join("、"),
        yuan(total)
    )
}

#[cfg(test)]
mod tests;
