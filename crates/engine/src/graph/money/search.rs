//! The depth-first search behind a trace, one direction at a time, and the read-ahead
//! that fetches the memory it is going to need before it starts.

use chrono::NaiveDate;

use super::store::{Index, Transfers};
use super::{PathList, TraceQuery};
use crate::graph::NodeIx;

/// The search state of one direction.
pub(super) struct Search<'a> {
    pub t: &'a Transfers,
    pub q: &'a TraceQuery,
    pub forward: bool,
    pub bounds: (i64, i64),
    pub min_fen: i64,
    pub path: Vec<u32>,
    pub nodes: Vec<NodeIx>,
    pub found: PathList,
    pub truncated: bool,
    /// The start account's run.
    pub root: (u32, u32),
}

/// How many runs [`prefetch`] reads ahead at most, per level.
const PREFETCH_RUNS: usize = 256;

impl<'a> Search<'a> {
    pub fn new(t: &'a Transfers, q: &'a TraceQuery, forward: bool, start: NodeIx) -> Search<'a> {
        let index = if forward { &t.out } else { &t.inc };
        Search {
            t,
            q,
            forward,
            bounds: time_bounds(q),
            min_fen: (q.min_amount * 100.0).round() as i64,
            path: Vec::with_capacity(q.hops),
            nodes: {
                let mut nodes = Vec::with_capacity(q.hops + 1);
                nodes.push(start);
                nodes
            },
            found: PathList::default(),
            truncated: false,
            root: index.run_of(start),
        }
    }

    pub fn index(&self) -> &'a Index {
        if self.forward {
            &self.t.out
        } else {
            &self.t.inc
        }
    }

    /// Extends the path from the account whose run is `run`, the last transfer at `last`.
    pub fn walk(&mut self, run: (u32, u32), last: Option<i64>) {
        if self.found.len() >= self.q.limit {
            self.truncated = true;
            return;
        }
        if self.path.len() >= self.q.hops {
            if !self.path.is_empty() {
                self.found.push(&self.path);
            }
            return;
        }
        let hops = self.index().run(run);
        let (lo, hi) = self.span(last);
        let first = hops.partition_point(|h| h.at < lo);
        let mut any = false;
        for h in &hops[first..] {
            if h.at > hi {
                break;
            }
            if h.fen < self.min_fen || self.nodes.contains(&h.other) {
                continue;
            }
            any = true;
            self.path.push(h.transfer);
            self.nodes.push(h.other);
            self.walk(h.next, Some(h.at));
            self.nodes.pop();
            self.path.pop();
        }
        // Nowhere further to go: the path ends here.
        if !any && !self.path.is_empty() {
            self.found.push(&self.path);
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

/// Reads, level by level, the runs that the depth-first walks of `searches` are going
/// to search, up to [`PREFETCH_RUNS`] per level. Within a level those reads do not
/// depend on each other, so the processor fetches them from memory side by side; the
/// walks then find them in cache instead of waiting for each one in turn. On a large
/// case, waiting for memory is most of what a trace costs.
pub(super) fn prefetch(searches: &[Search<'_>]) {
    let mut level: Vec<(&Search<'_>, (u32, u32), Option<i64>)> = Vec::with_capacity(PREFETCH_RUNS);
    level.extend(searches.iter().map(|s| (s, s.root, None)));
    let mut next = Vec::with_capacity(PREFETCH_RUNS);
    let mut seen = 0i64;
    let depth = searches.iter().map(|s| s.q.hops).max().unwrap_or(0);
    for _ in 1..depth {
        for &(s, run, last) in &level {
            let index = s.index();
            let hops = index.run(run);
            let (lo, hi) = s.span(last);
            let first = hops.partition_point(|h| h.at < lo);
            for h in hops[first..].iter().take_while(|h| h.at <= hi) {
                if h.fen < s.min_fen || next.len() >= PREFETCH_RUNS {
                    continue;
                }
                // Where the walk's binary search in that run looks first, and its ends.
                let (a, b) = h.next;
                for i in [(a + b) / 2, a, b.saturating_sub(1)] {
                    if let Some(hop) = index.hops.get(i as usize) {
                        seen ^= hop.at;
                    }
                }
                next.push((s, h.next, Some(h.at)));
            }
        }
        std::mem::swap(&mut level, &mut next);
        next.clear();
    }
    std::hint::black_box(seen);
}

/// The first and last second a transfer may fall on.
fn time_bounds(q: &TraceQuery) -> (i64, i64) {
    let at = |d: NaiveDate, h, m, s| d.and_hms_opt(h, m, s).map(|t| t.and_utc().timestamp());
    let lo = q.from.and_then(|d| at(d, 0, 0, 0)).unwrap_or(i64::MIN);
    let hi = q.to.and_then(|d| at(d, 23, 59, 59)).unwrap_or(i64::MAX);
    (lo, hi)
}
