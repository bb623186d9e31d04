//! `scatter-gather` 分散转入集中转出, and its mirror 集中转入分散转出.
//!
//! Gather: within 5 days an account receives money from at least 5 different
//! counterparties, together at least 200,000, and at least 80% of that total leaves to
//! one counterparty within the same window. Scatter (the mirror): money comes in from
//! one counterparty, and within 5 days at least 5 different counterparties receive from
//! the account, together at least 200,000, at least 80% of which the single source
//! covered. Windows open at a receipt; only money that arrived no later than a payment
//! is set against it (money cannot leave before it came). The single counterparty is not
//! counted among the many (money that comes back is not "scattered"). Cash has no
//! counterparty and is left out; only yuan amounts count. One alert per account and
//! pattern. Windows of more than [`MAX_PAYMENTS`] payments (a merchant's account) are
//! cut there: such accounts are not what this model is for.

use std::collections::HashMap;

use super::money::{evidence, fen_of, minute, percent, yuan, Acct, End, Ledger};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{
    AlertDraft, Model, ModelContext, ModelSpec, ParamSpec, ParamValue, Params, Severity,
};

pub struct ScatterGather;

const ID: &str = "scatter-gather";
const MAX_PAYMENTS: usize = 2_000;

struct Rule {
    window: i64,
    min_parties: usize,
    min_total: i64,
    ratio: f64,
}

impl Rule {
    fn of(p: &Params) -> Rule {
        Rule {
            window: p.integer("window_days") * 86_400,
            min_parties: p.integer("min_counterparties").max(2) as usize,
            min_total: fen_of(p.number("min_total")),
            ratio: p.number("concentration"),
        }
    }
}

/// Which way the money fans.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pattern {
    Gather,
    Scatter,
}

/// One finding: the receipts and payments it rests on, and the single counterparty.
struct Episode {
    ins: Vec<u32>,
    outs: Vec<u32>,
    single: End,
}

impl Model for ScatterGather {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "分散转入集中转出",
            description: "5天内账户从至少5个不同对手收入合计20万元以上,其中80%以上转给同一对手;或反之,一个来源转入后5天内分散转给至少5个对手",
            needs: &[Kind::BankTransactions],
            params: vec![
                ParamSpec {
                    name: "window_days",
                    description: "时间窗口(天)",
                    default: ParamValue::Integer(5),
                },
                ParamSpec {
                    name: "min_counterparties",
                    description: "分散一侧至少的不同对手数",
                    default: ParamValue::Integer(5),
                },
                ParamSpec {
                    name: "min_total",
                    description: "分散一侧合计不少于(元)",
                    default: ParamValue::Number(200_000.0),
                },
                ParamSpec {
                    name: "concentration",
                    description: "集中一侧占分散一侧合计的比例不低于",
                    default: ParamValue::Number(0.8),
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
            let flows = Flows::of(ledger, a, cny);
            [Pattern::Gather, Pattern::Scatter]
                .into_iter()
                .filter_map(|pattern| {
                    let found = flows.episodes(ledger, &rule, pattern);
                    (!found.is_empty()).then(|| alert(ledger, a, pattern, &found))
                })
                .collect()
        })
    }
}

/// An account's yuan receipts and payments with a counterparty, in time order.
struct Flows {
    ins: Vec<u32>,
    outs: Vec<u32>,
}

impl Flows {
    fn of(ledger: &Ledger, a: Acct, cny: u16) -> Flows {
        let keep = |list: &[u32], incoming: bool| -> Vec<u32> {
            list.iter()
                .copied()
                .filter(|&i| {
                    let t = ledger.get(i);
                    let other = if incoming { t.from } else { t.to };
                    t.currency == cny && other != End::Cash
                })
                .collect()
        };
        Flows {
            ins: keep(ledger.incoming(a), true),
            outs: keep(ledger.outgoing(a), false),
        }
    }

    fn episodes(&self, ledger: &Ledger, rule: &Rule, pattern: Pattern) -> Vec<Episode> {
        let mut found = Vec::new();
        let mut done_until = i64::MIN;
        for i in 0..self.ins.len() {
            let s = ledger.get(self.ins[i]).at;
            if s <= done_until {
                continue;
            }
            let hit = match pattern {
                Pattern::Gather => self.gather_from(ledger, rule, i),
                Pattern::Scatter => self.scatter_from(ledger, rule, i),
            };
            if let Some((e, until)) = hit {
                found.push(e);
                done_until = until;
            }
        }
        found
    }

    /// Payments inside the window opened by receipt `i`.
    fn window_outs(&self, ledger: &Ledger, s: i64, rule: &Rule) -> &[u32] {
        let lo = self.outs.partition_point(|&k| ledger.get(k).at < s);
        let hi = self
            .outs
            .partition_point(|&k| ledger.get(k).at <= s + rule.window);
        &self.outs[lo..hi.max(lo).min(lo + MAX_PAYMENTS)]
    }

    /// Many sources in, one destination out, with the window opened by receipt `i`.
    fn gather_from(&self, ledger: &Ledger, rule: &Rule, i: usize) -> Option<(Episode, i64)> {
        let s = ledger.get(self.ins[i]).at;
        let outs = self.window_outs(ledger, s, rule);
        let mut src: HashMap<End, i64> = HashMap::new();
        let (mut total, mut j) = (0i64, i);
        let mut to: HashMap<End, i64> = HashMap::new();
        for (k, &o) in outs.iter().enumerate() {
            let p = ledger.get(o);
            while j < self.ins.len() && ledger.get(self.ins[j]).at <= p.at {
                let r = ledger.get(self.ins[j]);
                *src.entry(r.from).or_default() += r.fen;
                total += r.fen;
                j += 1;
            }
            let sent = *to.entry(p.to).and_modify(|x| *x += p.fen).or_insert(p.fen);
            let back = src.get(&p.to).copied();
            let parties = src.len() - usize::from(back.is_some());
            let scattered = total - back.unwrap_or(0);
            if parties >= rule.min_parties
                && scattered >= rule.min_total
                && sent as f64 >= rule.ratio * scattered as f64
            {
                let e = Episode {
                    ins: pick(ledger, &self.ins[i..j], |t| t.from != p.to),
                    outs: pick(ledger, &outs[..=k], |t| t.to == p.to),
                    single: p.to,
                };
                return Some((e, p.at));
            }
        }
        None
    }

    /// One source in, many destinations out, with the window opened by receipt `i`.
    fn scatter_from(&self, ledger: &Ledger, rule: &Rule, i: usize) -> Option<(Episode, i64)> {
        let first = ledger.get(self.ins[i]);
        let (source, s) = (first.from, first.at);
        let outs = self.window_outs(ledger, s, rule);
        let (mut covered, mut j) = (0i64, i);
        let mut dest: HashMap<End, i64> = HashMap::new();
        let mut total = 0i64;
        for (k, &o) in outs.iter().enumerate() {
            let p = ledger.get(o);
            if p.to == source {
                continue;
            }
            while j < self.ins.len() && ledger.get(self.ins[j]).at <= p.at {
                let r = ledger.get(self.ins[j]);
                if r.from == source {
                    covered += r.fen;
                }
                j += 1;
            }
            *dest.entry(p.to).or_default() += p.fen;
            total += p.fen;
            if dest.len() >= rule.min_parties
                && total >= rule.min_total
                && covered as f64 >= rule.ratio * total as f64
            {
                let e = Episode {
                    ins: pick(ledger, &self.ins[i..j], |t| t.from == source),
                    outs: pick(ledger, &outs[..=k], |t| t.to != source),
                    single: source,
                };
                return Some((e, p.at));
            }
        }
        None
    }
}

fn pick(ledger: &Ledger, list: &[u32], keep: impl Fn(&super::money::Transfer) -> bool) -> Vec<u32> {
    list.iter()
        .copied()
        .filter(|&i| keep(ledger.get(i)))
        .collect()
}

fn alert(ledger: &Ledger, a: Acct, pattern: Pattern, found: &[Episode]) -> AlertDraft {
    let parts: Vec<String> = found
        .iter()
        .map(|e| episode_text(ledger, pattern, e))
        .collect();
    let (label, code) = match pattern {
        Pattern::Gather => ("分散转入、集中转出", "gather"),
        Pattern::Scatter => ("集中转入、分散转出", "scatter"),
    };
    let summary = format!("{}{}:{}。", ledger.account_text(a), label, parts.join(";"));
    let refs = found.iter().flat_map(|e| {
        e.ins
            .iter()
            .chain(e.outs.iter())
            .flat_map(|&i| ledger.get(i).records())
    });
    let mut subjects = ledger.account_subjects(a, "account", "person");
    for e in found {
        if let End::Account(c) = e.single {
            subjects.extend(ledger.account_subjects(c, "counterparty", "counterparty_holder"));
        }
    }
    subjects.dedup();
    AlertDraft {
        model: ID,
        severity: if found.len() > 1 {
            Severity::High
        } else {
            Severity::Medium
        },
        subjects,
        summary,
        evidence: evidence(refs),
        key: format!("{ID}|{}|{code}", ledger.digits(a)),
    }
}

fn episode_text(ledger: &Ledger, pattern: Pattern, e: &Episode) -> String {
    let sum = |list: &[u32]| list.iter().map(|&i| ledger.get(i).fen).sum::<i64>();
    let (ins, outs) = (sum(&e.ins), sum(&e.outs));
    let first = e.ins.first().map_or(0, |&i| ledger.get(i).at);
    let last = e.outs.last().map_or(0, |&i| ledger.get(i).at);
    let lines = |list: &[u32], incoming: bool| -> String {
        let v: Vec<String> = list
            .iter()
            .map(|&i| {
                let t = ledger.get(i);
                let other = if incoming { t.from } else { t.to };
                format!("{} {}{}", minute(t.at), ledger.end_text(other), yuan(t.fen))
            })
            .collect();
        v.join("、")
    };
    let parties = |list: &[u32], incoming: bool| -> usize {
        let mut v: Vec<End> = list
            .iter()
            .map(|&i| {
                let t = ledger.get(i);
                if incoming {
                    t.from
                } else {
                    t.to
                }
            })
            .collect();
        v.sort();
        v.dedup();
        v.len()
    };
    match pattern {
        Pattern::Gather => format!(
            "{}至{}从{}个不同对手收入{}({}),随后向{}转出{}(占{})",
            minute(first),
            minute(last),
            parties(&e.ins, true),
            yuan(ins),
            lines(&e.ins, true),
            ledger.end_text(e.single),
            yuan(outs),
            percent(outs, ins)
        ),
        Pattern::Scatter => format!(
            "{}至{}从{}收入{},随后分散转给{}个不同对手共{}({}),来源资金为转出的{}",
            minute(first),
            minute(last),
            ledger.end_text(e.single),
            yuan(ins),
            parties(&e.outs, false),
            yuan(outs),
            lines(&e.outs, false),
            percent(ins, outs)
        ),
    }
}

#[cfg(test)]
mod tests;
