//! The depth-first search behind a trace, one direction at a time, and the read-ahead
//! that fetches the memory it is going to need before it starts.

use std::cell::RefCell;

use chrono::NaiveDate;

use super::store::{Hop, Index, Transfers};
use super::{PathList, TraceQuery};
use crate::graph::NodeIx;
use crate::prefetch;

/// The search state of one direction.
pub(super) struct Search<'a> {
    pub t: &'a Transfers,
    pub q: &'a TraceQuery,
    pub forward: bool,
    /// First and last time a transfer may fall on, in seconds after the first transfer
    /// (as all times in a search).
    pub bounds: (i64, i64),
    pub min_fen: i64,
    pub path: Vec<u32>,
    /// The accounts on the path, each by where its run starts. Only an empty run can
    /// start where another account's does, and an account with an empty run is never
    /// on the path while a transfer is checked against it: nothing goes on from it.
    pub nodes: Vec<u32>,
    pub found: PathList,
    pub truncated: bool,
    /// The start account's run.
    pub root: (u32, u32),
}

/// How many runs [`prefetch`] reads ahead at most, per level.
const PREFETCH_RUNS: usize = 256;
/// Hops in one cache line.
const HOPS_PER_LINE: usize = 64 / std::mem::size_of::<Hop>();

impl<'a> Search<'a> {
    pub fn new(t: &'a Transfers, q: &'a TraceQuery, forward: bool, start: NodeIx) -> Search<'a> {
        let index = if forward { &t.out } else { &t.inc };
        let root = index.run_of(start);
        let (lo, hi) = time_bounds(q);
        Search {
            t,
            q,
            forward,
            bounds: (lo.saturating_sub(t.first_at), hi.saturating_sub(t.first_at)),
            min_fen: (q.min_amount * 100.0).round() as i64,
            path: Vec::with_capacity(q.hops),
            nodes: {
                let mut nodes = Vec::with_capacity(q.hops + 1);
                nodes.push(root.0);
                nodes
            },
            found: PathList::default(),
            truncated: false,
            root,
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
        let index = self.index();
        let mut any = false;
        for h in self.steps(run, last) {
            let next = index.next_run(h);
            if next.0 < next.1 && self.nodes.contains(&next.0) {
                continue;
            }
            any = true;
            self.path.push(h.transfer);
            self.nodes.push(next.0);
            self.walk(next, Some(h.offset()));
            self.nodes.pop();
            self.path.pop();
        }
        // Nowhere further to go: the path ends here.
        if !any && !self.path.is_empty() {
            self.found.push(&self.path);
        }
    }

    /// The transfers of `run` a path whose last transfer was at `last` may go on with:
    /// inside the time span, at or above the minimum amount.
    fn steps(&self, run: (u32, u32), last: Option<i64>) -> impl Iterator<Item = &'a Hop> + 'a {
        let index = self.index();
        let (lo, hi) = self.span(last);
        let min_fen = self.min_fen;
        let hops = index.run(run);
        let first = hops.partition_point(|h| h.offset() < lo);
        let within = hops[first..].iter().take_while(move |h| h.offset() <= hi);
        (run.0 as usize + first..)
            .zip(within)
            .filter(move |&(pos, _)| min_fen <= 0 || index.fens[pos] >= min_fen)
            .map(|(_, h)| h)
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

/// A run the read-ahead has reached: which search reads it, and after what time.
#[derive(Clone, Copy)]
struct Pending {
    search: usize,
    run: (u32, u32),
    last: Option<i64>,
}

thread_local! {
    /// The read-ahead's levels, kept from one trace to the next: allocating a few
    /// kilobytes afresh costs about as much as a small trace's whole walk.
    static PENDING: RefCell<Vec<Pending>> = const { RefCell::new(Vec::new()) };
}

/// Reads, level by level, the runs that the depth-first walks of `searches` are going
/// to search, up to [`PREFETCH_RUNS`] per level, and asks the processor to fetch the
/// runs of the next level. Within a level those fetches do not depend on each other,
/// so they travel from memory side by side; the walks then find every run in cache
/// instead of waiting for each one in turn. On a large case, waiting for memory is
/// most of what a trace costs.
pub(super) fn prefetch(searches: &[Search<'_>]) {
    let depth = searches.iter().map(|s| s.q.hops).max().unwrap_or(0);
    PENDING.with_borrow_mut(|pending| {
        pending.clear();
        pending.extend(searches.iter().enumerate().map(|(search, s)| Pending {
            search,
            run: s.root,
            last: None,
        }));
        let mut level = 0..pending.len();
        for _ in 1..depth {
            let next_start = pending.len();
            for i in level {
                let Pending { search, run, last } = pending[i];
                let s = &searches[search];
                let index = s.index();
                for h in s.steps(run, last) {
                    if pending.len() - next_start >= PREFETCH_RUNS {
                        break;
                    }
                    let next = index.next_run(h);
                    fetch_run(index.run(next));
                    pending.push(Pending {
                        search,
                        run: next,
                        last: Some(h.offset()),
                    });
                }
            }
            level = next_start..pending.len();
        }
    });
}

/// Asks for the first lines of a run (a walk rarely reads further) and its last.
fn fetch_run(run: &[Hop]) {
    for hop in run.iter().step_by(HOPS_PER_LINE).take(4) {
        prefetch::fetch(hop);
    }
    if let Some(last) = run.last() {
        prefetch::fetch(last);
    }
}

/// The first and last second a transfer may fall on.
fn time_bounds(q: &TraceQuery) -> (i64, i64) {
    let at = |d: NaiveDate, h, m, s| d.and_hms_opt(h, m, s).map(|t| t.and_utc().timestamp());
    let lo = q.from.and_then(|d| at(d, 0, 0, 0)).unwrap_or(i64::MIN);
    let hi = q.to.and_then(|d| at(d, 23, 59, 59)).unwrap_or(i64::MAX);
    (lo, hi)
}
