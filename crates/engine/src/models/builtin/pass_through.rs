//! `pass-through` 快进快出: an account receives at least 50,000 and sends at least 90% of
//! it on within 24 hours, at least twice. Each receipt is matched with the payments that
//! follow it (no earlier than the receipt, within the window); a payment is spent on one
//! receipt only, so two receipts cannot both claim the same payment. Only yuan amounts
//! are compared with the thresholds (no exchange rates in the case). One alert per
//! account, listing every episode. Cash counts as money moved; failed rows do not.

use super::money::{evidence, fen_of, minute, percent, yuan, Acct, Ledger, Transfer};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{
    AlertDraft, Model, ModelContext, ModelSpec, ParamSpec, ParamValue, Params, Severity,
};

pub struct PassThrough;

const ID: &str = "pass-through";

/// One receipt and the payments that carried it on.
struct Episode {
    receipt: u32,
    /// Payment and the fen of it spent on this receipt.
    payments: Vec<(u32, i64)>,
    forwarded: i64,
}

struct Rule {
    min_fen: i64,
    ratio: f64,
    window: i64,
    min_times: usize,
}

impl Rule {
    fn of(p: &Params) -> Rule {
        Rule {
            min_fen: fen_of(p.number("min_amount")),
            ratio: p.number("forward_ratio"),
            window: p.integer("window_hours") * 3600,
            min_times: p.integer("min_times").max(1) as usize,
        }
    }
}

impl Model for PassThrough {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "快进快出",
            description: "账户收到一笔不少于5万元的资金后,24小时内转出其90%以上,且至少发生2次",
            needs: &[Kind::BankTransactions],
            params: vec![
                ParamSpec {
                    name: "min_amount",
                    description: "单笔收入不少于(元)",
                    default: ParamValue::Number(50_000.0),
                },
                ParamSpec {
                    name: "forward_ratio",
                    description: "转出占收入的比例不低于",
                    default: ParamValue::Number(0.9),
                },
                ParamSpec {
                    name: "window_hours",
                    description: "收入后转出的时限(小时)",
                    default: ParamValue::Integer(24),
                },
                ParamSpec {
                    name: "min_times",
                    description: "至少发生次数",
                    default: ParamValue::Integer(2),
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
            let episodes = episodes(ledger, a, cny, &rule);
            if episodes.len() >= rule.min_times {
                vec![alert(ledger, a, &episodes, &rule)]
            } else {
                Vec::new()
            }
        })
    }
}

fn episodes(ledger: &Ledger, a: Acct, cny: u16, rule: &Rule) -> Vec<Episode> {
    let yuan_only = |&i: &u32| ledger.get(i).currency == cny;
    let receipts: Vec<u32> = ledger
        .incoming(a)
        .iter()
        .copied()
        .filter(yuan_only)
        .collect();
    let payments: Vec<u32> = ledger
        .outgoing(a)
        .iter()
        .copied()
        .filter(yuan_only)
        .collect();
    let mut left: Vec<i64> = payments.iter().map(|&i| ledger.get(i).fen).collect();
    let mut out = Vec::new();
    for &r in &receipts {
        let t = ledger.get(r);
        if t.fen < rule.min_fen {
            continue;
        }
        if let Some(e) = match_receipt(ledger, r, t, &payments, &mut left, rule) {
            out.push(e);
        }
    }
    out
}

/// The payments that follow receipt `r`, spent on it when together they reach the ratio.
fn match_receipt(
    ledger: &Ledger,
    r: u32,
    t: &Transfer,
    payments: &[u32],
    left: &mut [i64],
    rule: &Rule,
) -> Option<Episode> {
    let start = payments.partition_point(|&i| ledger.get(i).at < t.at);
    let mut taken = Vec::new();
    let mut forwarded = 0;
    for (k, &p) in payments.iter().enumerate().skip(start) {
        if ledger.get(p).at > t.at + rule.window || forwarded >= t.fen {
            break;
        }
        let take = left[k].min(t.fen - forwarded);
        if take > 0 {
            taken.push((k, p, take));
            forwarded += take;
        }
    }
    if (forwarded as f64) < rule.ratio * t.fen as f64 || forwarded == 0 {
        return None;
    }
    for &(k, _, take) in &taken {
        left[k] -= take;
    }
    Some(Episode {
        receipt: r,
        payments: taken.into_iter().map(|(_, p, take)| (p, take)).collect(),
        forwarded,
    })
}

fn alert(ledger: &Ledger, a: Acct, episodes: &[Episode], rule: &Rule) -> AlertDraft {
    let parts: Vec<String> = episodes
        .iter()
        .map(|e| episode_text(ledger, e, rule))
        .collect();
    let total: i64 = episodes.iter().map(|e| e.forwarded).sum();
    let summary = format!(
        "{}{}次快进快出,共转出{}:{}。",
        ledger.account_text(a),
        episodes.len(),
        yuan(total),
        parts.join(";")
    );
    let refs = episodes.iter().flat_map(|e| {
        std::iter::once(e.receipt)
            .chain(e.payments.iter().map(|&(p, _)| p))
            .flat_map(|i| ledger.get(i).records())
    });
    AlertDraft {
        model: ID,
        severity: if episodes.len() >= 2 * rule.min_times {
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

fn episode_text(ledger: &Ledger, e: &Episode, rule: &Rule) -> String {
    let r = ledger.get(e.receipt);
    let to: Vec<String> = e
        .payments
        .iter()
        .map(|&(p, _)| {
            let t = ledger.get(p);
            format!(
                "{}转给{}{}",
                minute(t.at),
                ledger.end_text(t.to),
                yuan(t.fen)
            )
        })
        .collect();
    format!(
        "{}收到{}转入{},{}小时内转出{}({}:{})",
        minute(r.at),
        ledger.end_text(r.from),
        yuan(r.fen),
        rule.window / 3600,
        yuan(e.forwarded),
        percent(e.forwarded, r.fen),
        to.join("、")
    )
}

#[cfg(test)]
mod tests;
