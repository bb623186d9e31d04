//! The transfers a trace walks, as the rebuild derived them (table `transfers`: every
//! successful transfer between two known accounts, once), and for each account its
//! outgoing and incoming transfers as contiguous time-sorted runs.

use crate::graph::NodeIx;
use crate::hugepages;

/// One row of the `transfers` table, accounts already placed in the graph.
pub(in crate::graph) struct StoredTransfer<'a> {
    pub from: NodeIx,
    pub to: NodeIx,
    pub at: i64,
    pub fen: i64,
    pub currency: &'a str,
    pub record: i64,
    pub twin: Option<i64>,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Transfer {
    pub from: NodeIx,
    pub to: NodeIx,
    pub at: i64,
    pub fen: i64,
    pub currency: u16,
    pub record: i64,
    /// The other statement's copy of the same transfer (0: none).
    pub twin: i64,
}

#[derive(Default)]
pub(in crate::graph) struct TransfersBuilder {
    list: Vec<Transfer>,
    currencies: Vec<String>,
}

impl TransfersBuilder {
    pub fn with_capacity(n: usize) -> TransfersBuilder {
        TransfersBuilder {
            list: Vec::with_capacity(n),
            currencies: Vec::new(),
        }
    }

    pub fn add(&mut self, t: StoredTransfer<'_>) {
        let currency = self.currency(t.currency);
        self.list.push(Transfer {
            from: t.from,
            to: t.to,
            at: t.at,
            fen: t.fen,
            currency,
            record: t.record,
            twin: t.twin.unwrap_or(0),
        });
    }

    /// A case has a handful of currencies: a linear search beats hashing.
    fn currency(&mut self, code: &str) -> u16 {
        match self.currencies.iter().position(|c| c == code) {
            Some(i) => i as u16,
            None => {
                self.currencies.push(code.to_string());
                (self.currencies.len() - 1) as u16
            }
        }
    }

    /// Indexes the transfers by account and time.
    pub fn finish(self, nodes: usize) -> Transfers {
        let mut list = self.list;
        // In time order (equal times as stored), so that each account's run comes out
        // sorted; a transfer's number is its place in this order.
        list.sort_by_key(|t| t.at);
        let first_at = list.first().map_or(0, |t| t.at);
        // The two indexes are independent: one is built on a second core.
        let (out, inc) = std::thread::scope(|scope| {
            let out = scope.spawn(|| Index::build(nodes, &list, first_at, |t| (t.from, t.to)));
            let inc = Index::build(nodes, &list, first_at, |t| (t.to, t.from));
            (out.join(), inc)
        });
        let out = out.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Transfers {
            list,
            first_at,
            currencies: self.currencies,
            out,
            inc,
        }
    }
}

/// Bits of [`Hop::key`] that hold the length of the other account's run.
const LEN_BITS: u32 = 24;
/// A run this long or longer is looked up in [`Index::long_runs`] instead.
const LONG_RUN: u32 = (1 << LEN_BITS) - 1;
/// The latest time a key can hold, in seconds after the case's first transfer: about
/// 34,800 years, more than the years 0000 to 9999 that a statement time can name.
const LATEST: i64 = (1 << (64 - LEN_BITS)) - 1;

/// One transfer as seen from one of its accounts: what a trace step reads, 16 bytes (four
/// to a cache line), laid out so that an account's transfers are one contiguous,
/// time-sorted run. On a large case a trace spends most of its time waiting for memory,
/// so every byte left out of this entry is time saved; the amount lives beside it in
/// [`Index::fens`], read only when a trace sets a minimum.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Hop {
    /// Seconds after [`Transfers::first_at`] (high 40 bits) and the length of the other
    /// account's run (low 24 bits; [`LONG_RUN`] for a long run), so keys sort by time.
    key: u64,
    /// Position in `Transfers::list`.
    pub transfer: u32,
    /// Where the other account's own run starts in the same index: the next step of a
    /// walk reads it without another lookup. A non-empty run's start names its account.
    pub next: u32,
}

impl Hop {
    /// Seconds after the case's first transfer.
    pub fn offset(&self) -> i64 {
        (self.key >> LEN_BITS) as i64
    }
}

/// Each account's transfers one way, sorted by time (`start[n]..start[n + 1]`).
#[derive(Default)]
pub(super) struct Index {
    start: Vec<u32>,
    pub hops: Vec<Hop>,
    /// The amount of each hop, at the same position.
    pub fens: Vec<i64>,
    /// Runs of [`LONG_RUN`] transfers or more (start, end), sorted: far too rare to
    /// widen every entry for.
    long_runs: Vec<(u32, u32)>,
}

impl Index {
    /// `ends` gives (this account, the other one) of a transfer. Each transfer goes
    /// straight to its account's slots (counts, then positions); the list is in time
    /// order, so every run is too.
    fn build(
        nodes: usize,
        list: &[Transfer],
        first_at: i64,
        ends: impl Fn(&Transfer) -> (NodeIx, NodeIx),
    ) -> Index {
        let mut start = hugepages::vec_with_capacity(nodes + 1);
        start.resize(nodes + 1, 0u32);
        for t in list {
            start[ends(t).0.index() + 1] += 1;
        }
        for n in 0..nodes {
            start[n + 1] += start[n];
        }
        let mut hops = hugepages::vec_with_capacity(list.len());
        hops.resize(list.len(), Hop::default());
        let mut fens = vec![0i64; list.len()];
        let mut slot: Vec<u32> = start[..nodes].to_vec();
        for (i, t) in list.iter().enumerate() {
            let (own, other) = ends(t);
            let (next, end) = (start[other.index()], start[other.index() + 1]);
            // Times come from statement text (years 0000 to 9999), so the offset fits;
            // the cap only keeps a hand-edited case file from wrapping around.
            let offset = t.at.saturating_sub(first_at).min(LATEST) as u64;
            let at = slot[own.index()] as usize;
            hops[at] = Hop {
                key: offset << LEN_BITS | u64::from((end - next).min(LONG_RUN)),
                transfer: i as u32,
                next,
            };
            fens[at] = t.fen;
            slot[own.index()] += 1;
        }
        let long_runs = (0..nodes)
            .map(|n| (start[n], start[n + 1]))
            .filter(|&(a, b)| b - a >= LONG_RUN)
            .collect();
        Index {
            start,
            hops,
            fens,
            long_runs,
        }
    }

    /// The run of account `n`.
    pub fn run_of(&self, n: NodeIx) -> (u32, u32) {
        match (self.start.get(n.index()), self.start.get(n.index() + 1)) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (0, 0),
        }
    }

    /// The run of the account a hop leads to.
    pub fn next_run(&self, h: &Hop) -> (u32, u32) {
        let len = (h.key as u32) & LONG_RUN;
        if len < LONG_RUN {
            return (h.next, h.next + len);
        }
        match self.long_runs.binary_search_by_key(&h.next, |&(a, _)| a) {
            Ok(i) => self.long_runs[i],
            Err(_) => (h.next, h.next),
        }
    }

    pub fn run(&self, (a, b): (u32, u32)) -> &[Hop] {
        &self.hops[a as usize..b as usize]
    }
}

/// Every transfer of the case, once, indexed by sender and by receiver.
#[derive(Default)]
pub(in crate::graph) struct Transfers {
    pub(super) list: Vec<Transfer>,
    /// The time of the first transfer: hops count seconds from it.
    pub(super) first_at: i64,
    pub(super) currencies: Vec<String>,
    pub(super) out: Index,
    pub(super) inc: Index,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn transfer(from: u32, to: u32, at: i64) -> StoredTransfer<'static> {
        StoredTransfer {
            from: NodeIx(from),
            to: NodeIx(to),
            at,
            fen: at.rem_euclid(1000),
            currency: "CNY",
            record: 1,
            twin: None,
        }
    }

    /// Times from year 0001 to 9999, before and after 1970: each hop gives back its
    /// transfer's exact time, and every run is in time order.
    #[test]
    fn hops_keep_exact_times_across_the_years_a_statement_can_name() {
        let (year_1, year_9999) = (-62_135_596_800, 253_402_300_799);
        let times = [year_9999, 0, year_1, -1, 1_700_000_000, year_1 + 1, 86_400];
        let mut b = TransfersBuilder::default();
        for (i, &at) in times.iter().enumerate() {
            b.add(transfer(i as u32 % 3, 3 + i as u32 % 2, at));
        }
        let t = b.finish(5);
        assert_eq!(t.first_at, year_1);
        for index in [&t.out, &t.inc] {
            for n in 0..5 {
                let run = index.run(index.run_of(NodeIx(n)));
                let at: Vec<i64> = run.iter().map(|h| t.first_at + h.offset()).collect();
                let listed: Vec<i64> = run.iter().map(|h| t.list[h.transfer as usize].at).collect();
                assert_eq!(at, listed);
                assert!(at.is_sorted(), "{at:?}");
                let fens: Vec<i64> = run
                    .iter()
                    .map(|h| t.list[h.transfer as usize].fen)
                    .collect();
                let (a, b) = index.run_of(NodeIx(n));
                assert_eq!(fens, index.fens[a as usize..b as usize]);
            }
        }
        assert_eq!(t.out.run(t.out.run_of(NodeIx(0))).len(), 3);
        assert_eq!(t.inc.run(t.inc.run_of(NodeIx(3))).len(), 4);
    }

    /// A hop leads to the other account's run, whether its length fits the hop or the
    /// run is long enough to be listed apart.
    #[test]
    fn a_hop_finds_the_next_run_short_or_long() {
        let mut b = TransfersBuilder::default();
        b.add(transfer(0, 1, 10));
        b.add(transfer(1, 2, 20));
        b.add(transfer(1, 0, 30));
        let t = b.finish(3);
        let first = t.out.run(t.out.run_of(NodeIx(0)))[0];
        assert_eq!(t.out.next_run(&first), t.out.run_of(NodeIx(1)));
        assert_eq!(t.out.run(t.out.next_run(&first)).len(), 2);

        let long = Index {
            start: vec![0, 1, LONG_RUN + 1],
            hops: vec![Hop {
                key: 5 << LEN_BITS | u64::from(LONG_RUN),
                transfer: 0,
                next: 1,
            }],
            fens: vec![0],
            long_runs: vec![(1, LONG_RUN + 1)],
        };
        assert_eq!(long.next_run(&long.hops[0]), (1, LONG_RUN + 1));
        assert_eq!(long.hops[0].offset(), 5);
    }
}
