//! Counterparty figures of an account's profile: who it deals with most by amount and
//! by count, how concentrated that is, and whom money goes both to and from. Works on
//! transactions already loaded and filtered to the main currency; reads nothing itself.

use std::collections::HashMap;

use super::{add_flow, AccountStats, Concentration, CounterpartyStats, Tx, TOP};

pub(super) fn fill(out: &mut AccountStats, txs: &[&Tx]) {
    let all = group(txs);
    let mut by_amount = all.clone();
    by_amount.sort_by(|a, b| {
        b.amount()
            .total_cmp(&a.amount())
            .then(b.count().cmp(&a.count()))
    });
    let mut by_count = all;
    by_count.sort_by(|a, b| {
        b.count()
            .cmp(&a.count())
            .then(b.amount().total_cmp(&a.amount()))
    });
    out.amount_concentration =
        concentration(&by_amount.iter().map(|c| c.amount()).collect::<Vec<_>>());
    out.count_concentration = concentration(
        &by_count
            .iter()
            .map(|c| c.count() as f64)
            .collect::<Vec<_>>(),
    );
    out.two_way = by_amount
        .iter()
        .filter(|c| c.money_in.count > 0 && c.money_out.count > 0)
        .cloned()
        .collect();
    by_amount.truncate(TOP);
    by_count.truncate(TOP);
    (out.top_by_amount, out.top_by_count) = (by_amount, by_count);
}

/// Transactions grouped by counterparty (account, else name), in first-seen order.
fn group(txs: &[&Tx]) -> Vec<CounterpartyStats> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<CounterpartyStats> = Vec::new();
    for t in txs {
        let key = match (&t.counterparty_account, &t.counterparty_name) {
            (Some(account), _) => format!("a:{account}"),
            (None, Some(name)) => format!("n:{name}"),
            (None, None) => continue,
        };
        let at = *index.entry(key).or_insert_with(|| {
            out.push(CounterpartyStats {
                account: t.counterparty_account.clone(),
                name: t.counterparty_name.clone(),
                ..Default::default()
            });
            out.len() - 1
        });
        let c = &mut out[at];
        c.name = c.name.take().or_else(|| t.counterparty_name.clone());
        add_flow(&mut c.money_in, &mut c.money_out, t);
    }
    out
}

/// Shares of the largest 1, 3 and 5 of `sorted` (largest first) in their sum.
fn concentration(sorted: &[f64]) -> Concentration {
    let total: f64 = sorted.iter().sum();
    if total <= 0.0 {
        return Concentration::default();
    }
    let top = |n: usize| sorted.iter().take(n).sum::<f64>() / total;
    Concentration {
        top1: top(1),
        top3: top(3),
        top5: top(5),
    }
}
