//! Money tracing at transaction level. The graph keeps every successful transfer
//! between two known accounts, once (a transfer seen in both accounts' statements is
//! one transfer: same two accounts, time to the second, amount and currency), indexed
//! per account by time. A trace follows transfers hop by hop, each no earlier than the
//! one before it and within `window` of it: money cannot leave before it arrived.
//! Backward traces mirror this (each earlier hop no later than the one after it). Paths
//! are not allowed to visit an account twice. This is not the aggregated `paid` link:
//! those totals say nothing about order in time.

mod search;
mod store;
#[cfg(test)]
mod tests;

use chrono::{NaiveDate, TimeDelta};
use serde::Serialize;

use super::{CaseGraph, EntityRef, NodeIx};
use crate::error::{Error, Result};
use crate::kinds::Kind;
use crate::resolve::{money_text, rows_of, time_text, EntityType, SourceRow};
use search::Search;
pub(super) use store::{StoredTransfer, Transfers, TransfersBuilder};

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

/// The paths of a trace as transfer numbers, before any text is made: what a graph view
/// draws ([`CaseGraph::describe_trace`] makes the readable [`MoneyTrace`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TracePaths {
    pub account: NodeIx,
    /// Transfers of each path, in the order walked (backward paths from the account back).
    pub forward: PathList,
    pub backward: PathList,
    pub truncated: bool,
}

/// Paths as transfer numbers, stored end to end (one allocation for all of them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PathList {
    steps: Vec<u32>,
    /// Where each path ends in `steps`.
    ends: Vec<u32>,
}

impl PathList {
    fn push(&mut self, path: &[u32]) {
        if self.ends.is_empty() {
            // Room for a typical answer at once rather than growing step by step.
            self.steps.reserve(16 * path.len());
            self.ends.reserve(16);
        }
        self.steps.extend_from_slice(path);
        self.ends.push(self.steps.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The paths in the order found, each as its transfers.
    pub fn iter(&self) -> impl Iterator<Item = &[u32]> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(a, &b)| &self.steps[a as usize..b as usize])
    }
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
        Ok(self.trace_paths_at(start, q))
    }

    /// The trace from an account already placed in the graph (a node a view shows).
    /// Any other entity has no transfers and gives no paths.
    pub fn trace_paths_at(&self, start: NodeIx, q: &TraceQuery) -> TracePaths {
        let (forward, backward) = match q.direction {
            FlowDirection::Both => (true, true),
            FlowDirection::Forward => (true, false),
            FlowDirection::Backward => (false, true),
        };
        let mut searches: Vec<Search> = [(true, forward), (false, backward)]
            .into_iter()
            .filter(|&(_, wanted)| wanted)
            .map(|(forward, _)| Search::new(&self.transfers, q, forward, start))
            .collect();
        // Both directions' memory is fetched before either walks.
        search::prefetch(&searches);
        let mut paths = TracePaths {
            account: start,
            forward: PathList::default(),
            backward: PathList::default(),
            truncated: false,
        };
        for mut s in searches.drain(..) {
            s.walk(s.root, None);
            paths.truncated |= s.truncated;
            if s.forward {
                paths.forward = s.found;
            } else {
                paths.backward = s.found;
            }
        }
        paths
    }

    /// Readable steps (and, with `sources`, statement rows) for the paths of a trace.
    pub fn describe_trace(
        &self,
        conn: &rusqlite::Connection,
        paths: &TracePaths,
        sources: bool,
    ) -> Result<MoneyTrace> {
        let describe = |list: &PathList, forward: bool| {
            list.iter()
                .map(|p| self.money_path(conn, p.to_vec(), forward, sources))
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
