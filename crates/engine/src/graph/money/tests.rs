//! Traces on random small cases against a plain reference walk over the same transfers:
//! time order, window, minimum amount, date bounds, no account twice, both directions.
//! Some accounts only receive and some only send, so empty runs sit between full ones.

use chrono::{NaiveDate, TimeDelta};

use super::{FlowDirection, MoneyPath, TraceQuery};
use crate::graph::CaseGraph;
use crate::progress::{CancelFlag, NoProgress};
use crate::resolve::fixture::{case, rebuilt, Txn};
use crate::resolve::{parse_time, time_text};

/// One transfer as the test wrote it: accounts by number, minutes after 2024-01-01.
#[derive(Clone, Copy)]
struct Sent {
    from: usize,
    to: usize,
    minute: i64,
    fen: i64,
}

fn account(n: usize) -> String {
    format!("62220000000001{n:02}")
}

/// 2024-01-01 00:00:00, seconds since 1970: the test's minute 0.
const START: i64 = 1_704_067_200;

fn time(minute: i64) -> String {
    time_text(START + 60 * minute)
}

/// A repeatable stream of numbers (xorshift).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// `count` transfers among `accounts` accounts, over four days in half-hour steps (so
/// some share a time). Accounts 0–1 only send and the last three only receive.
fn random_transfers(seed: u64, accounts: usize, count: usize) -> Vec<Sent> {
    let mut rng = Rng(seed);
    let mut sent: Vec<Sent> = Vec::new();
    while sent.len() < count {
        let from = rng.below(accounts - 3);
        let to = 2 + rng.below(accounts - 2);
        let minute = 30 * rng.below(4 * 48) as i64;
        let fen = [10_000, 100_000, 500_000][rng.below(3)];
        let same = |s: &Sent| (s.from, s.to, s.minute) == (from, to, minute);
        if from != to && !sent.iter().any(same) {
            sent.push(Sent {
                from,
                to,
                minute,
                fen,
            });
        }
    }
    sent
}

/// The paths the rules allow, by plain search over the list: each as its transfers'
/// (from, to, minute) in time order.
fn reference(sent: &[Sent], start: usize, forward: bool, q: &TraceQuery) -> Vec<Vec<[i64; 3]>> {
    // A date's first minute, plus `end` minutes.
    let minute = |d: Option<NaiveDate>, end: i64| {
        d.and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| (t.and_utc().timestamp() - START) / 60 + end)
    };
    let mut search = Reference {
        sent,
        forward,
        q,
        bounds: (minute(q.from, 0), minute(q.to, 24 * 60 - 1)),
        path: Vec::new(),
        nodes: vec![start],
        found: Vec::new(),
    };
    search.walk(start, None);
    let mut paths: Vec<Vec<[i64; 3]>> = search
        .found
        .into_iter()
        .map(|mut p| {
            if !forward {
                p.reverse();
            }
            p.iter()
                .map(|s| [s.from as i64, s.to as i64, s.minute])
                .collect()
        })
        .collect();
    paths.sort();
    paths
}

/// The reference search's state.
struct Reference<'a> {
    sent: &'a [Sent],
    forward: bool,
    q: &'a TraceQuery,
    /// First and last minute allowed by the query's dates.
    bounds: (Option<i64>, Option<i64>),
    path: Vec<Sent>,
    nodes: Vec<usize>,
    found: Vec<Vec<Sent>>,
}

impl Reference<'_> {
    /// Whether `s` may follow the path, now at account `at` after a transfer at `last`.
    fn allows(&self, s: &Sent, at: usize, last: Option<i64>) -> bool {
        let (own, other) = if self.forward {
            (s.from, s.to)
        } else {
            (s.to, s.from)
        };
        let window = self.q.window.map(|w| w.num_minutes());
        let in_order = match last {
            None => true,
            Some(l) if self.forward => s.minute >= l && window.is_none_or(|w| s.minute <= l + w),
            Some(l) => s.minute <= l && window.is_none_or(|w| s.minute >= l - w),
        };
        let (lo, hi) = self.bounds;
        own == at
            && s.fen >= (self.q.min_amount * 100.0).round() as i64
            && lo.is_none_or(|lo| s.minute >= lo)
            && hi.is_none_or(|hi| s.minute <= hi)
            && in_order
            && !self.nodes.contains(&other)
    }

    fn walk(&mut self, at: usize, last: Option<i64>) {
        let steps: Vec<Sent> = if self.path.len() < self.q.hops {
            self.sent
                .iter()
                .filter(|s| self.allows(s, at, last))
                .copied()
                .collect()
        } else {
            Vec::new()
        };
        if steps.is_empty() {
            if !self.path.is_empty() {
                self.found.push(self.path.clone());
            }
            return;
        }
        for s in steps {
            let other = if self.forward { s.to } else { s.from };
            self.path.push(s);
            self.nodes.push(other);
            self.walk(other, Some(s.minute));
            self.nodes.pop();
            self.path.pop();
        }
    }
}

/// The engine's paths in the reference's form.
fn engine_paths(paths: &[MoneyPath]) -> Vec<Vec<[i64; 3]>> {
    let number = |key: &str| {
        key[key.len() - 2..]
            .parse::<i64>()
            .expect("an account number")
    };
    let minute = |time: &str| (parse_time(time).expect("a statement time") - START) / 60;
    let mut out: Vec<Vec<[i64; 3]>> = paths
        .iter()
        .map(|p| {
            p.steps
                .iter()
                .map(|s| [number(&s.from.key), number(&s.to.key), minute(&s.time)])
                .collect()
        })
        .collect();
    out.sort();
    out
}

#[test]
fn random_traces_match_a_plain_search_of_the_same_transfers() {
    let queries = [
        TraceQuery::default(),
        TraceQuery {
            hops: 4,
            window: Some(TimeDelta::hours(12)),
            ..Default::default()
        },
        TraceQuery {
            hops: 2,
            window: None,
            min_amount: 1000.0,
            ..Default::default()
        },
        TraceQuery {
            hops: 5,
            window: None,
            from: NaiveDate::from_ymd_opt(2024, 1, 2),
            to: NaiveDate::from_ymd_opt(2024, 1, 3),
            ..Default::default()
        },
    ];
    let mut compared = 0;
    for seed in 1..=4u64 {
        let accounts = 12;
        let sent = random_transfers(seed * 7919, accounts, 45);
        let conn = case();
        for s in &sent {
            let (from, to, at) = (account(s.from), account(s.to), time(s.minute));
            Txn::out(&from, &to, &at, s.fen as f64 / 100.0).insert(&conn);
        }
        rebuilt(&conn);
        let g = CaseGraph::load(&conn, &mut NoProgress, &CancelFlag::new()).unwrap();
        assert_eq!(g.transfer_count(), sent.len());
        for q in &queries {
            let q = TraceQuery {
                with_sources: false,
                limit: 100_000,
                direction: FlowDirection::Both,
                ..q.clone()
            };
            for start in 0..accounts {
                let Ok(trace) = g.trace_money(&conn, &account(start), &q) else {
                    // An account no transfer names is not in the case.
                    assert!(!sent.iter().any(|s| s.from == start || s.to == start));
                    continue;
                };
                assert!(!trace.truncated);
                let what = format!("seed {seed}, start {start}, {q:?}");
                assert_eq!(
                    engine_paths(&trace.forward),
                    reference(&sent, start, true, &q),
                    "forward, {what}"
                );
                assert_eq!(
                    engine_paths(&trace.backward),
                    reference(&sent, start, false, &q),
                    "backward, {what}"
                );
                compared += trace.forward.len() + trace.backward.len();
            }
        }
    }
    assert!(
        compared > 500,
        "the cases should give many paths: {compared}"
    );
}
