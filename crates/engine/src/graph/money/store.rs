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
        let list = self.list;
        // The two indexes are independent: one is built on a second core.
        let (out, inc) = std::thread::scope(|scope| {
            let out = scope.spawn(|| Index::build(nodes, &list, |t| (t.from, t.to)));
            let inc = Index::build(nodes, &list, |t| (t.to, t.from));
            (out.join(), inc)
        });
        let out = out.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Transfers {
            list,
            currencies: self.currencies,
            out,
            inc,
        }
    }
}

/// One transfer as seen from one of its accounts: what a trace step reads, laid out so
/// that an account's transfers are one contiguous, time-sorted run.
#[derive(Clone, Copy, Debug)]
pub(super) struct Hop {
    pub at: i64,
    pub fen: i64,
    /// The account at the other end.
    pub other: NodeIx,
    /// Position in `Transfers::list`.
    pub transfer: u32,
    /// Where the other account's own run lies in the same index (`start..end`): the
    /// next step of a walk reads it without another lookup.
    pub next: (u32, u32),
}

/// Each account's transfers one way, sorted by time (`start[n]..start[n + 1]`).
#[derive(Default)]
pub(super) struct Index {
    start: Vec<u32>,
    pub hops: Vec<Hop>,
}

impl Index {
    /// `ends` gives (this account, the other one) of a transfer. Each transfer goes
    /// straight to its account's slots (counts, then positions), and each run is then
    /// sorted by time; transfers come in list order, so equal times keep that order.
    fn build(
        nodes: usize,
        list: &[Transfer],
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
        let blank = Hop {
            at: 0,
            fen: 0,
            other: NodeIx(0),
            transfer: 0,
            next: (0, 0),
        };
        let mut hops = hugepages::vec_with_capacity(list.len());
        hops.resize(list.len(), blank);
        let mut slot: Vec<u32> = start[..nodes].to_vec();
        for (i, t) in list.iter().enumerate() {
            let (own, other) = ends(t);
            let next = (start[other.index()], start[other.index() + 1]);
            hops[slot[own.index()] as usize] = Hop {
                at: t.at,
                fen: t.fen,
                other,
                transfer: i as u32,
                next,
            };
            slot[own.index()] += 1;
        }
        for n in 0..nodes {
            hops[start[n] as usize..start[n + 1] as usize].sort_by_key(|h| h.at);
        }
        Index { start, hops }
    }

    /// The run of account `n`.
    pub fn run_of(&self, n: NodeIx) -> (u32, u32) {
        match (self.start.get(n.index()), self.start.get(n.index() + 1)) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (0, 0),
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
