//! The ledger's transfers laid out per account in time order, in one contiguous array
//! each way: a search that walks from account to account reads a short run of memory per
//! step instead of jumping through the million-transfer table for every hop.

use super::{Acct, End, Ledger};

/// The other end of an edge when it is not an account (cash, a named counterparty).
pub(in crate::models) const NOT_AN_ACCOUNT: Acct = Acct::MAX;

/// One transfer seen from one of its accounts.
#[derive(Clone, Copy, Debug)]
pub(in crate::models) struct Edge {
    pub at: i64,
    pub fen: i64,
    /// The account at the other end, or [`NOT_AN_ACCOUNT`].
    pub other: Acct,
    pub currency: u16,
    /// The transfer's index in the ledger.
    pub transfer: u32,
}

/// One direction: per account, a run of edges sorted by time, and their times again in
/// a dense array of their own, so the binary search for a window stays in cache.
struct Runs {
    starts: Vec<u32>,
    edges: Vec<Edge>,
    /// `edges[i].at` as seconds after the ledger's first transfer.
    times: Vec<u32>,
}

/// Per account, the transfers it sent and received, each list sorted by time.
pub(in crate::models) struct TimeEdges {
    out: Runs,
    inc: Runs,
    /// The ledger's first time; `Runs::times` count from it.
    origin: i64,
}

impl TimeEdges {
    pub fn of(ledger: &Ledger) -> TimeEdges {
        let origin = ledger.transfers.iter().map(|t| t.at).min().unwrap_or(0);
        TimeEdges {
            out: lay_out(ledger, origin, |a| ledger.outgoing(a), |t| t.to),
            inc: lay_out(ledger, origin, |a| ledger.incoming(a), |t| t.from),
            origin,
        }
    }

    /// What `a` sent from `since` to `end`, both included, in time order.
    pub fn sent_between(&self, a: Acct, since: i64, end: i64) -> &[Edge] {
        self.out.between(a, self.offset(since), self.offset(end))
    }

    /// What `a` received from `since` to `end`, both included, in time order.
    pub fn received_between(&self, a: Acct, since: i64, end: i64) -> &[Edge] {
        self.inc.between(a, self.offset(since), self.offset(end))
    }

    fn offset(&self, at: i64) -> u32 {
        offset(at, self.origin)
    }
}

/// Seconds after `origin`, clamped to what a `u32` holds (136 years).
fn offset(at: i64, origin: i64) -> u32 {
    (at - origin).clamp(0, i64::from(u32::MAX)) as u32
}

impl Runs {
    fn between(&self, a: Acct, since: u32, end: u32) -> &[Edge] {
        let a = a as usize;
        let (Some(&lo), Some(&hi)) = (self.starts.get(a), self.starts.get(a + 1)) else {
            return &[];
        };
        let (lo, hi) = (lo as usize, hi as usize);
        let times = &self.times[lo..hi];
        let first = times.partition_point(|&t| t < since);
        let last = first + times[first..].partition_point(|&t| t <= end);
        &self.edges[lo + first..lo + last]
    }
}

fn lay_out<'l>(
    ledger: &'l Ledger,
    origin: i64,
    list: impl Fn(Acct) -> &'l [u32],
    other_end: impl Fn(&super::Transfer) -> End,
) -> Runs {
    let accounts = ledger.account_count();
    let mut starts = Vec::with_capacity(accounts + 1);
    let mut edges = Vec::with_capacity(ledger.transfers.len());
    for a in 0..accounts as Acct {
        starts.push(edges.len() as u32);
        edges.extend(list(a).iter().map(|&i| {
            let t = ledger.get(i);
            Edge {
                at: t.at,
                fen: t.fen,
                other: match other_end(t) {
                    End::Account(o) => o,
                    _ => NOT_AN_ACCOUNT,
                },
                currency: t.currency,
                transfer: i,
            }
        }));
    }
    starts.push(edges.len() as u32);
    let times = edges.iter().map(|e| offset(e.at, origin)).collect();
    Runs {
        starts,
        edges,
        times,
    }
}
