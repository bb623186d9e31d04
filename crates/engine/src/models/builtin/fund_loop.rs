//! `fund-loop` 资金闭环: money leaves an account and at least 50% of it comes back to that
//! account through 1 to 4 other accounts, each hop no earlier than the one before, within
//! 30 days of the first. The search starts at every transfer between two accounts, then
//! follows transfers of at least half the first amount (less cannot carry half of it
//! back) through accounts not yet on the path; the last account's transfers back to the
//! start, after it received, are added up. All hops are in one currency.
//!
//! Not in `models.md`: a floor on the first transfer (`min_amount`, default 10,000).
//! Without it, two people who pay each other back a dinner make a "loop"; an
//! investigator can set it to 0. One alert per set of accounts, showing each loop found.

use std::collections::BTreeMap;

use super::money::{evidence, fen_of, minute, percent, Acct, End, Ledger};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{
    AlertDraft, Model, ModelContext, ModelSpec, ParamSpec, ParamValue, Params, Severity,
};

pub struct FundLoop;

const ID: &str = "fund-loop";
/// Paths tried from one starting transfer, at most (hub accounts fan out fast).
const BUDGET: usize = 5_000;

struct Rule {
    window: i64,
    share: f64,
    max_mid: usize,
    min_fen: i64,
}

impl Rule {
    fn of(p: &Params) -> Rule {
        Rule {
            window: p.integer("window_days") * 86_400,
            share: p.number("min_return"),
            max_mid: p.integer("max_intermediates").clamp(1, 6) as usize,
            min_fen: fen_of(p.number("min_amount")),
        }
    }
}

/// One loop: the hops out (start → … → last) and the transfers back to the start.
struct Loop {
    hops: Vec<u32>,
    back: Vec<u32>,
    returned: i64,
}

impl Model for FundLoop {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "资金闭环",
            description: "资金从账户转出,经1至4个其他账户按时间先后流转,30天内至少50%回到原账户",
            needs: &[Kind::BankTransactions],
            params: vec![
                ParamSpec {
                    name: "window_days",
                    description: "从转出到回流的时限(天)",
                    default: ParamValue::Integer(30),
                },
                ParamSpec {
                    name: "min_return",
                    description: "回流金额占转出金额的比例不低于",
                    default: ParamValue::Number(0.5),
                },
                ParamSpec {
                    name: "max_intermediates",
                    description: "中间账户最多个数",
                    default: ParamValue::Integer(4),
                },
                ParamSpec {
                    name: "min_amount",
                    description: "起始转出金额不少于(元;0为不限)",
                    default: ParamValue::Number(10_000.0),
                },
            ],
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let ledger = Ledger::load(ctx.conn)?;
        let rule = Rule::of(ctx.params);
        let mut groups: BTreeMap<Vec<Acct>, Vec<Loop>> = BTreeMap::new();
        for (n, t) in ledger.transfers.iter().enumerate() {
            if n % 65_536 == 0 {
                ctx.cancel.check()?;
            }
            if t.fen < rule.min_fen.max(1) {
                continue;
            }
            let (End::Account(_), End::Account(_)) = (t.from, t.to) else {
                continue;
            };
            if let Some(found) = search(&ledger, n as u32, &rule) {
                let mut set = accounts_of(&ledger, &found);
                set.sort_unstable();
                groups.entry(set).or_default().push(found);
            }
        }
        Ok(groups
            .into_iter()
            .map(|(set, loops)| alert(&ledger, &set, &loops))
            .collect())
    }
}

/// The search from one starting transfer.
struct Search<'a> {
    ledger: &'a Ledger,
    rule: &'a Rule,
    start: Acct,
    first: u32,
    end: i64,
    min_hop: i64,
    path: Vec<u32>,
    visited: Vec<Acct>,
    budget: usize,
}

/// The first loop back to the start of transfer `first`, shortest paths first in
/// depth-first order.
fn search(ledger: &Ledger, first: u32, rule: &Rule) -> Option<Loop> {
    let t = ledger.get(first);
    let (End::Account(start), End::Account(next)) = (t.from, t.to) else {
        return None;
    };
    let mut s = Search {
        ledger,
        rule,
        start,
        first,
        end: t.at + rule.window,
        min_hop: (t.fen as f64 * rule.share).ceil() as i64,
        path: vec![first],
        visited: vec![start, next],
        budget: BUDGET,
    };
    s.walk(next, t.at)
}

impl Search<'_> {
    fn walk(&mut self, at: Acct, since: i64) -> Option<Loop> {
        if let Some(found) = self.back_from(at, since) {
            return Some(found);
        }
        if self.path.len() >= self.rule.max_mid || self.budget == 0 {
            return None;
        }
        let currency = self.ledger.get(self.first).currency;
        let out = self.ledger.outgoing(at);
        let lo = out.partition_point(|&i| self.ledger.get(i).at < since);
        for &i in &out[lo..] {
            let t = self.ledger.get(i);
            if t.at > self.end || self.budget == 0 {
                break;
            }
            let End::Account(to) = t.to else { continue };
            if t.currency != currency || t.fen < self.min_hop || self.visited.contains(&to) {
                continue;
            }
            self.budget -= 1;
            self.path.push(i);
            self.visited.push(to);
            let found = self.walk(to, t.at);
            self.visited.pop();
            self.path.pop();
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// The transfers from `at` back to the start after `since`, when they carry enough.
    fn back_from(&self, at: Acct, since: i64) -> Option<Loop> {
        let first = self.ledger.get(self.first);
        let out = self.ledger.outgoing(at);
        let lo = out.partition_point(|&i| self.ledger.get(i).at < since);
        let back: Vec<u32> = out[lo..]
            .iter()
            .copied()
            .take_while(|&i| self.ledger.get(i).at <= self.end)
            .filter(|&i| {
                let t = self.ledger.get(i);
                t.to == End::Account(self.start) && t.currency == first.currency
            })
            .collect();
        let returned: i64 = back.iter().map(|&i| self.ledger.get(i).fen).sum();
        if back.is_empty() || (returned as f64) < self.rule.share * first.fen as f64 {
            return None;
        }
        Some(Loop {
            hops: self.path.clone(),
            back,
            returned,
        })
    }
}

fn accounts_of(ledger: &Ledger, l: &Loop) -> Vec<Acct> {
    let mut out = Vec::new();
    for &i in &l.hops {
        if let End::Account(a) = ledger.get(i).from {
            out.push(a);
        }
    }
    if let Some(End::Account(a)) = l.hops.last().map(|&i| ledger.get(i).to) {
        out.push(a);
    }
    out
}

fn alert(ledger: &Ledger, set: &[Acct], loops: &[Loop]) -> AlertDraft {
    let parts: Vec<String> = loops.iter().map(|l| loop_text(ledger, l)).collect();
    let summary = format!("资金闭环{}次:{}。", loops.len(), parts.join(";"));
    let mut subjects = Vec::new();
    for &a in set {
        subjects.extend(ledger.account_subjects(a, "account", "holder"));
    }
    let refs = loops.iter().flat_map(|l| {
        l.hops
            .iter()
            .chain(l.back.iter())
            .flat_map(|&i| ledger.get(i).records())
    });
    let digits: Vec<&str> = set.iter().map(|&a| ledger.digits(a)).collect();
    AlertDraft {
        model: ID,
        severity: if loops.len() > 1 {
            Severity::High
        } else {
            Severity::Medium
        },
        subjects,
        summary,
        evidence: evidence(refs),
        key: format!("{ID}|{}", digits.join("|")),
    }
}

/// "A —2023-09-01 10:00 转出100,000.00元→ B —…→ C —2023-09-08 … 转回60,000.00元→ A,8天内回流60.0%".
fn loop_text(ledger: &Ledger, l: &Loop) -> String {
    let Some(&first) = l.hops.first() else {
        return String::new();
    };
    let f = ledger.get(first);
    let mut text = ledger.end_text(f.from);
    for &i in &l.hops {
        let t = ledger.get(i);
        text.push_str(&format!(
            " —{} 转出{}→ {}",
            minute(t.at),
            ledger.money(t.fen, t.currency),
            ledger.end_text(t.to)
        ));
    }
    let last_at = l.back.last().map_or(f.at, |&i| ledger.get(i).at);
    let backs: Vec<String> = l
        .back
        .iter()
        .map(|&i| {
            let t = ledger.get(i);
            format!("{} {}", minute(t.at), ledger.money(t.fen, t.currency))
        })
        .collect();
    let days = last_at.div_euclid(86_400) - f.at.div_euclid(86_400);
    format!(
        "{text} —{} 转回→ {},{}天内回流{}({})",
        backs.join("、"),
        ledger.end_text(f.from),
        days,
        ledger.money(l.returned, f.currency),
        percent(l.returned, f.fen)
    )
}

#[cfg(test)]
mod tests;
