//! Money tracing at transaction level. The graph keeps every successful transfer
//! between two known accounts, once (a transfer seen in both accounts' statements is
//! one transfer: same two accounts, time to the second, amount and currency), indexed
//! per account by time. A trace follows transfers hop by hop, each no earlier than the
//! one before it and within `window` of it: money cannot leave before it arrived.
//! Backward traces mirror this (each earlier hop no later than the one after it). Paths
//! are not allowed to visit an account twice. This is not the aggregated `paid` link:
//! those totals say nothing about order in time.

use std::collections::HashMap;

use chrono::{NaiveDate, TimeDelta};
use serde::Serialize;

use super::{CaseGraph, EntityRef, NodeIx};
use crate::error::{Error, Result};
use crate::kinds::Kind;
use crate::resolve::{
    currency_code, money_text, parse_time, rows_of, time_text, transfer_ends, EntityType, SourceRow,
};

/// One statement row as read from `bank_transactions`, accounts already placed.
pub(super) struct RawTransfer<'a> {
    pub record: i64,
    pub own: NodeIx,
    pub other: NodeIx,
    pub time: &'a str,
    pub amount: f64,
    pub direction: Option<i64>,
    pub currency: Option<&'a str>,
    pub success: Option<i64>,
}

#[derive(Clone, Copy, Debug)]
struct Transfer {
    from: NodeIx,
    to: NodeIx,
    at: i64,
    fen: i64,
    currency: u16,
    record: i64,
    /// The other statement's copy of the same transfer (0: none).
    twin: i64,
}

#[derive(Default)]
pub(super) struct TransfersBuilder {
    list: Vec<Transfer>,
    currencies: Vec<String>,
    currency_ix: HashMap<String, u16>,
}

impl TransfersBuilder {
    pub fn add(&mut self, raw: RawTransfer<'_>) {
        let Some((from, to)) =
            transfer_ends(raw.own, raw.other, raw.direction, raw.success, raw.amount)
        else {
            return;
        };
        let Some(at) = parse_time(raw.time) else {
            return;
        };
        let currency = self.currency(currency_code(raw.currency));
        let fen = (raw.amount * 100.0).round() as i64;
        self.list.push(Transfer {
            from,
            to,
            at,
            fen,
            currency,
            record: raw.record,
            twin: 0,
        });
    }

    fn currency(&mut self, code: String) -> u16 {
        if let Some(&i) = self.currency_ix.get(&code) {
            return i;
        }
        let i = self.currencies.len() as u16;
        self.currencies.push(code.clone());
        self.currency_ix.insert(code, i);
        i
    }

    /// Deduplicates the two statements' copies and indexes by account and time.
    pub fn finish(mut self, nodes: usize) -> Transfers {
        let key = |t: &Transfer| (t.from, t.to, t.at, t.fen, t.currency);
        self.list.sort_unstable_by_key(|t| (key(t), t.record));
        let mut list: Vec<Transfer> = Vec::with_capacity(self.list.len());
        for t in self.list {
            match list.last_mut() {
                Some(last) if key(last) == key(&t) && last.twin == 0 => last.twin = t.record,
                Some(last) if key(last) == key(&t) => {}
                _ => list.push(t),
            }
        }
        let out = Index::build(nodes, &list, |t| t.from);
        let inc = Index::build(nodes, &list, |t| t.to);
        Transfers {
            list,
            currencies: self.currencies,
            out,
            inc,
        }
    }
}

/// Transfer numbers per account, sorted by time (compressed rows: `start[n]..start[n+1]`).
#[derive(Default)]
struct Index {
    start: Vec<u32>,
    items: Vec<u32>,
}

impl Index {
    fn build(nodes: usize, list: &[Transfer], end: impl Fn(&Transfer) -> NodeIx) -> Index {
        let mut order: Vec<u32> = (0..list.len() as u32).collect();
        order.sort_unstable_by_key(|&i| (end(&list[i as usize]), list[i as usize].at, i));
        let mut start = vec![0u32; nodes + 1];
        for t in list {
            start[end(t).index() + 1] += 1;
        }
        for n in 0..nodes {
            start[n + 1] += start[n];
        }
        Index {
            start,
            items: order,
        }
    }

    fn of(&self, n: NodeIx) -> &[u32] {
        match (self.start.get(n.index()), self.start.get(n.index() + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// Every transfer of the case, once, indexed by sender and by receiver.
#[derive(Default)]
pub(super) struct Transfers {
    list: Vec<Transfer>,
    currencies: Vec<String>,
    out: Index,
    inc: Index,
}

impl Transfers {
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// One line per transfer: from, to, Unix time, fen, currency.
    pub fn write_tsv(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        for t in &self.list {
            let currency = self
                .currencies
                .get(t.currency as usize)
                .map_or("", String::as_str);
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{currency}",
                t.from.index(),
                t.to.index(),
                t.at,
                t.fen
            )?;
        }
        Ok(())
    }
}

/// Which way to trace from the account.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowDirection {
    /// Where the money went.
    Forward,
    /// Where it came from.
    Backward,
    #[default]
    Both,
}

/// What to trace.
#[derive(Clone, Debug, PartialEq)]
pub struct TraceQuery {
    /// Transfers per path, at most.
    pub hops: usize,
    /// First and last day a transfer may fall on (inclusive).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Transfers below this amount are not followed.
    pub min_amount: f64,
    /// The longest wait between a transfer and the next one on the path; `None`: any.
    pub window: Option<TimeDelta>,
    pub direction: FlowDirection,
    /// Paths per direction, at most; more make the answer `truncated`.
    pub limit: usize,
    /// Whether each transfer carries its statement rows (one query per transfer).
    pub with_sources: bool,
}

impl Default for TraceQuery {
    /// Three hops, 30 days between hops, both directions, at most 1,000 paths each way,
    /// with sources.
    fn default() -> TraceQuery {
        TraceQuery {
            hops: 3,
            from: None,
            to: None,
            min_amount: 0.0,
            window: Some(TimeDelta::days(30)),
            direction: FlowDirection::Both,
            limit: 1000,
            with_sources: true,
        }
    }
}

/// One transfer on a path.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TransferStep {
    pub from: EntityRef,
    pub to: EntityRef,
    /// `YYYY-MM-DD HH:MM:SS`.
    pub time: String,
    pub amount: f64,
    pub currency: String,
    /// The statement rows showing this transfer (one per statement it appears in).
    pub sources: Vec<SourceRow>,
}

/// Transfers in time order, each leaving the account the previous one reached.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MoneyPath {
    pub steps: Vec<TransferStep>,
    /// "张三(6222…0001) —2024-01-05 10:00:00 转出 50,000元→ 李四(6222…0002) —…→ …".
    pub text: String,
}

/// The answer to a trace.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MoneyTrace {
    pub account: EntityRef,
    /// Paths starting at the account.
    pub forward: Vec<MoneyPath>,
    /// Paths ending at the account (in time order, so the account is last).
    pub backward: Vec<MoneyPath>,
    /// More paths existed than `limit`.
    pub truncated: bool,
}

/// The search state of one direction.
struct Search<'a> {
    t: &'a Transfers,
    q: &'a TraceQuery,
    forward: bool,
    bounds: (i64, i64),
    min_fen: i64,
    path: Vec<u32>,
    nodes: Vec<NodeIx>,
    found: Vec<Vec<u32>>,
    truncated: bool,
}

impl Search<'_> {
    fn walk(&mut self, at: NodeIx, last: Option<i64>) {
        if self.found.len() >= self.q.limit {
            self.truncated = true;
            return;
        }
        if self.path.len() >= self.q.hops {
            if !self.path.is_empty() {
                self.found.push(self.path.clone());
            }
            return;
        }
        let t = self.t;
        let list = if self.forward {
            t.out.of(at)
        } else {
            t.inc.of(at)
        };
        let (lo, hi) = self.span(last);
        let first = list.partition_point(|&i| t.list[i as usize].at < lo);
        let mut any = false;
        for &i in &list[first..] {
            let tr = t.list[i as usize];
            if tr.at > hi {
                break;
            }
            let other = if self.forward { tr.to } else { tr.from };
            if tr.fen < self.min_fen || self.nodes.contains(&other) {
                continue;
            }
            any = true;
            self.path.push(i);
            self.nodes.push(other);
            self.walk(other, Some(tr.at));
            self.nodes.pop();
            self.path.pop();
        }
        // Nowhere further to go: the path ends here.
        if !any && !self.path.is_empty() {
            self.found.push(self.path.clone());
        }
    }

    /// The times a transfer may have to follow (or, backward, precede) the path's last one.
    fn span(&self, last: Option<i64>) -> (i64, i64) {
        let (mut lo, mut hi) = self.bounds;
        let window = self.q.window.map(|w| w.num_seconds());
        if let Some(last) = last {
            if self.forward {
                lo = lo.max(last);
                hi = window.map_or(hi, |w| hi.min(last.saturating_add(w)));
            } else {
                hi = hi.min(last);
                lo = window.map_or(lo, |w| lo.max(last.saturating_sub(w)));
            }
        }
        (lo, hi)
    }
}

/// The paths of a trace as transfer numbers, before any text is made: what a graph view
/// draws ([`CaseGraph::describe_trace`] makes the readable [`MoneyTrace`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TracePaths {
    pub account: NodeIx,
    /// Transfers of each path, in the order walked (backward paths from the account back).
    pub forward: Vec<Vec<u32>>,
    pub backward: Vec<Vec<u32>>,
    pub truncated: bool,
}

impl CaseGraph {
    /// Traces money out of and/or into an account (given by its digits), transfer by
    /// transfer, with the statement rows of each transfer.
    pub fn trace_money(
        &self,
        conn: &rusqlite::Connection,
        account: &str,
        q: &TraceQuery,
    ) -> Result<MoneyTrace> {
        let paths = self.trace_paths(account, q)?;
        self.describe_trace(conn, &paths, q.with_sources)
    }

    /// The same trace as transfer numbers only.
    pub fn trace_paths(&self, account: &str, q: &TraceQuery) -> Result<TracePaths> {
        let start = self.node_of(account)?;
        if self.node(start).ty != EntityType::Account {
            return Err(Error::InvalidArgument(format!(
                "不是账户 / not an account: {account}"
            )));
        }
        let mut paths = TracePaths {
            account: start,
            forward: Vec::new(),
            backward: Vec::new(),
            truncated: false,
        };
        for forward in [true, false] {
            let wanted = match q.direction {
                FlowDirection::Both => true,
                FlowDirection::Forward => forward,
                FlowDirection::Backward => !forward,
            };
            if !wanted {
                continue;
            }
            let mut s = Search {
                t: &self.transfers,
                q,
                forward,
                bounds: time_bounds(q),
                min_fen: (q.min_amount * 100.0).round() as i64,
                path: Vec::new(),
                nodes: vec![start],
                found: Vec::new(),
                truncated: false,
            };
            s.walk(start, None);
            paths.truncated |= s.truncated;
            if forward {
                paths.forward = s.found;
            } else {
                paths.backward = s.found;
            }
        }
        Ok(paths)
    }

    /// Readable steps (and, with `sources`, statement rows) for the paths of a trace.
    pub fn describe_trace(
        &self,
        conn: &rusqlite::Connection,
        paths: &TracePaths,
        sources: bool,
    ) -> Result<MoneyTrace> {
        let describe = |list: &[Vec<u32>], forward: bool| {
            list.iter()
                .map(|p| self.money_path(conn, p.clone(), forward, sources))
                .collect::<Result<Vec<_>>>()
        };
        Ok(MoneyTrace {
            account: self.entity_ref(paths.account),
            forward: describe(&paths.forward, true)?,
            backward: describe(&paths.backward, false)?,
            truncated: paths.truncated,
        })
    }

    fn money_path(
        &self,
        conn: &rusqlite::Connection,
        mut path: Vec<u32>,
        forward: bool,
        sources: bool,
    ) -> Result<MoneyPath> {
        if !forward {
            path.reverse();
        }
        let steps = path
            .iter()
            .map(|&i| self.transfer_step(conn, i, sources))
            .collect::<Result<Vec<_>>>()?;
        let text = money_text_of(&steps);
        Ok(MoneyPath { steps, text })
    }

    fn transfer_step(
        &self,
        conn: &rusqlite::Connection,
        i: u32,
        sources: bool,
    ) -> Result<TransferStep> {
        let tr = self.transfers.list[i as usize];
        let refs: Vec<(Kind, i64)> = [tr.record, tr.twin]
            .into_iter()
            .filter(|&r| r != 0)
            .map(|r| (Kind::BankTransactions, r))
            .collect();
        Ok(TransferStep {
            from: self.entity_ref(tr.from),
            to: self.entity_ref(tr.to),
            time: time_text(tr.at),
            amount: tr.fen as f64 / 100.0,
            currency: self
                .transfers
                .currencies
                .get(tr.currency as usize)
                .cloned()
                .unwrap_or_default(),
            sources: if sources {
                rows_of(conn, &refs)?
            } else {
                Vec::new()
            },
        })
    }
}

fn time_bounds(q: &TraceQuery) -> (i64, i64) {
    let at = |d: NaiveDate, h, m, s| d.and_hms_opt(h, m, s).map(|t| t.and_utc().timestamp());
    let lo = q.from.and_then(|d| at(d, 0, 0, 0)).unwrap_or(i64::MIN);
    let hi = q.to.and_then(|d| at(d, 23, 59, 59)).unwrap_or(i64::MAX);
    (lo, hi)
}

fn account_text(e: &EntityRef) -> String {
    match &e.name {
        Some(name) => format!("{name}({})", e.key),
        None => e.key.clone(),
    }
}

fn money_text_of(steps: &[TransferStep]) -> String {
    let Some(first) = steps.first() else {
        return String::new();
    };
    let mut text = account_text(&first.from);
    for s in steps {
        text.push_str(&format!(
            " —{} 转出 {}→ {}",
            s.time,
            money_text(s.amount, &s.currency),
            account_text(&s.to)
        ));
    }
    text
}
