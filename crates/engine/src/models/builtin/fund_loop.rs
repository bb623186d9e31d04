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

use super::money::edges::{TimeEdges, NOT_AN_ACCOUNT};
use super::money::{evidence, fen_of, minute, percent, Acct, End, Ledger, Transfer};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{
    AlertDraft, Model, ModelContext, ModelSpec, ParamSpec, ParamValue, Params, Severity,
};
use crate::progress::CancelFlag;

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
        let ledger = ctx.cache.ledger(ctx.conn)?;
        let rule = Rule::of(ctx.params);
        let edges = TimeEdges::of(ledger);
        let starts: Vec<u32> = (0..ledger.transfers.len() as u32)
            .filter(|&i| {
                let t = ledger.get(i);
                t.fen >= rule.min_fen.max(1)
                    && matches!((t.from, t.to), (End::Account(_), End::Account(_)))
            })
            .collect();
        // Every start is searched on its own: split them over the cores, then gather the
        // loops in the order of the starts so the alerts do not depend on the split.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
        let chunk = starts.len().div_ceil(threads).max(1);
        let found: Vec<Result<Vec<Loop>>> = std::thread::scope(|scope| {
            let workers: Vec<_> = starts
                .chunks(chunk)
                .map(|part| {
                    let (edges, rule, cancel) = (&edges, &rule, ctx.cancel);
                    scope.spawn(move || search_all(ledger, edges, rule, part, cancel))
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        });
        let mut groups: BTreeMap<Vec<Acct>, Vec<Loop>> = BTreeMap::new();
        for part in found {
            for found in part? {
                let mut set = accounts_of(ledger, &found);
                set.sort_unstable();
                groups.entry(set).or_default().push(found);
            }
        }
        Ok(groups
            .into_iter()
            .map(|(set, loops)| alert(ledger, &set, &loops))
            .collect())
    }
}

/// The loops found from each of `starts`, in order.
fn search_all(
    ledger: &Ledger,
    edges: &TimeEdges,
    rule: &Rule,
    starts: &[u32],
    cancel: &CancelFlag,
) -> Result<Vec<Loop>> {
    let mut near = NearStart::new(ledger.account_count());
    let mut path = Vec::new();
    let mut visited = Vec::new();
    let mut loops = Vec::new();
    for (n, &first) in starts.iter().enumerate() {
        if n % 16_384 == 0 {
            cancel.check()?;
        }
        let t = ledger.get(first);
        let (End::Account(start), End::Account(next)) = (t.from, t.to) else {
            continue;
        };
        let end = t.at + rule.window;
        if !near.mark(edges, start, t.at, end) {
            continue;
        }
        path.clear();
        path.push(first);
        visited.clear();
        visited.extend([start, next]);
        let mut search = Search {
            edges,
            rule,
            near: &near,
            start,
            first: *t,
            end,
            min_hop: (t.fen as f64 * rule.share).ceil() as i64,
            path: &mut path,
            visited: &mut visited,
            budget: BUDGET,
        };
        if let Some(found) = search.walk(next, t.at) {
            loops.push(found);
        }
    }
    Ok(loops)
}

/// Which accounts can still close a loop to the start: those that pay the start in the
/// window (one hop away), and those that pay one of them in the window (two hops). The
/// search only steps into an account that can get back in the hops it has left, which
/// cuts the widest levels of the tree; accounts are marked with the number of the
/// search, so nothing is cleared between searches.
struct NearStart {
    one_hop: Vec<u32>,
    two_hops: Vec<u32>,
    search: u32,
    /// Whether `two_hops` was filled this search (it is skipped for hubs).
    two_hops_known: bool,
}

/// Accounts marked as two hops away, at most; past it the search goes unpruned there.
const TWO_HOP_MARKS: usize = 4_096;

impl NearStart {
    fn new(accounts: usize) -> NearStart {
        NearStart {
            one_hop: vec![0; accounts],
            two_hops: vec![0; accounts],
            search: 0,
            two_hops_known: false,
        }
    }

    /// Marks for a loop back to `start` between `since` and `end`; false when nothing
    /// pays the start in that time, so no loop can close.
    fn mark(&mut self, edges: &TimeEdges, start: Acct, since: i64, end: i64) -> bool {
        self.search += 1;
        let payers = edges.received_between(start, since, end);
        let mut any = false;
        for e in payers.iter().filter(|e| e.other != NOT_AN_ACCOUNT) {
            self.one_hop[e.other as usize] = self.search;
            any = true;
        }
        if !any {
            return false;
        }
        let mut marked = 0;
        self.two_hops_known = true;
        'payers: for p in payers.iter().filter(|e| e.other != NOT_AN_ACCOUNT) {
            for q in edges.received_between(p.other, since, end) {
                if q.other == NOT_AN_ACCOUNT || self.two_hops[q.other as usize] == self.search {
                    continue;
                }
                self.two_hops[q.other as usize] = self.search;
                marked += 1;
                if marked > TWO_HOP_MARKS {
                    self.two_hops_known = false;
                    break 'payers;
                }
            }
        }
        true
    }

    /// Whether `a` may close a loop within `hops_left` more hops out and the hop back.
    fn can_close(&self, a: Acct, hops_left: usize) -> bool {
        let a = a as usize;
        match hops_left {
            0 => self.one_hop[a] == self.search,
            1 => {
                !self.two_hops_known
                    || self.one_hop[a] == self.search
                    || self.two_hops[a] == self.search
            }
            _ => true,
        }
    }
}

/// The search from one starting transfer.
struct Search<'a> {
    edges: &'a TimeEdges,
    rule: &'a Rule,
    near: &'a NearStart,
    start: Acct,
    first: Transfer,
    end: i64,
    min_hop: i64,
    path: &'a mut Vec<u32>,
    visited: &'a mut Vec<Acct>,
    budget: usize,
}

impl Search<'_> {
    /// The first loop back to the start through `at`, reached at `since`: shortest
    /// paths first, in depth-first order.
    fn walk(&mut self, at: Acct, since: i64) -> Option<Loop> {
        if let Some(found) = self.back_from(at, since) {
            return Some(found);
        }
        if self.path.len() >= self.rule.max_mid || self.budget == 0 {
            return None;
        }
        let hops_left = self.rule.max_mid - self.path.len() - 1;
        for e in self.edges.sent_between(at, since, self.end) {
            if self.budget == 0 {
                break;
            }
            if e.other == NOT_AN_ACCOUNT
                || e.currency != self.first.currency
                || e.fen < self.min_hop
                || self.visited.contains(&e.other)
                || !self.near.can_close(e.other, hops_left)
            {
                continue;
            }
            self.budget -= 1;
            self.path.push(e.transfer);
            self.visited.push(e.other);
            let found = self.walk(e.other, e.at);
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
        if !self.near.can_close(at, 0) {
            return None;
        }
        let back = || {
            self.edges
                .sent_between(at, since, self.end)
                .iter()
                .filter(|e| e.other == self.start && e.currency == self.first.currency)
        };
        let returned: i64 = back().map(|e| e.fen).sum();
        if returned == 0 || (returned as f64) < self.rule.share * self.first.fen as f64 {
            return None;
        }
        Some(Loop {
            hops: self.path.clone(),
            back: back().map(|e| e.transfer).collect(),
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
