//! Traces on random small cases against a plain reference walk over the same transfers:
//! time order, window, minimum amount, date bounds, no account twice, both directions.
//! Some accounts only receive and some only send, so empty runs sit between full ones.

use chrono::{NaiveDate, TimeDelta};

use super::{FlowDirection, MoneyPath, TraceQuery};
use crate::graph::CaseGraph;
use crate::progress::{CancelFlag, NoProgress};
use crate::resolve::fixture::{case, rebuilt, Txn};

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

fn time(minute: i64) -> String {
    let start = NaiveDate::from_ymd_opt(2024, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("a valid date");
    (start + TimeDelta::minutes(minute))
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
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
    let window = q.window.map(|w| w.num_minutes());
    let day = |d: Option<NaiveDate>| {
        d.map(|d| (d - NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date")).num_minutes())
    };
    let (lo, hi) = (day(q.from), day(q.to).map(|m| m + 24 * 60 - 1));
    let min_fen = (q.min_amount * 100.0).round() as i64;
    let mut found = Vec::new();
    let mut path: Vec<Sent> = Vec::new();
    let mut nodes = vec![start];
    walk(
        &mut |at, last: Option<i64>, path: &[Sent], nodes: &[usize]| {
            sent.iter()
                .filter(|s| if forward { s.from == at } else { s.to == at })
                .filter(|s| s.fen >= min_fen)
                .filter(|s| {
                    lo.is_none_or(|lo| s.minute >= lo) && hi.is_none_or(|hi| s.minute <= hi)
                })
                .filter(|s| match (last, forward) {
                    (None, _) => true,
                    (Some(l), true) => s.minute >= l && window.is_none_or(|w| s.minute <= l + w),
                    (Some(l), false) => s.minute <= l && window.is_none_or(|w| s.minute >= l - w),
                })
                .filter(|s| !nodes.contains(if forward { &s.to } else { &s.from }))
                .filter(|_| path.len() < q.hops)
                .copied()
                .collect::<Vec<_>>()
        },
        start,
        None,
        forward,
        &mut path,
        &mut nodes,
        &mut found,
    );
    let mut paths: Vec<Vec<[i64; 3]>> = found
        .into_iter()
        .map(|mut p: Vec<Sent>| {
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

#[allow(clippy::too_many_arguments)]
fn walk(
    next: &mut impl FnMut(usize, Option<i64>, &[Sent], &[usize]) -> Vec<Sent>,
    at: usize,
    last: Option<i64>,
    forward: bool,
    path: &mut Vec<Sent>,
    nodes: &mut Vec<usize>,
    found: &mut Vec<Vec<Sent>>,
) {
    let steps = next(at, last, path, nodes);
    if steps.is_empty() {
        if !path.is_empty() {
            found.push(path.clone());
        }
        return;
    }
    for s in steps {
        let other = if forward { s.to } else { s.from };
        path.push(s);
        nodes.push(other);
        walk(next, other, Some(s.minute), forward, path, nodes, found);
        nodes.pop();
        path.pop();
    }
}

/// The engine's paths in the reference's form.
fn engine_paths(paths: &[MoneyPath]) -> Vec<Vec<[i64; 3]>> {
    let number = |key: &str| {
        key[key.len() - 2..]
            .parse::<i64>()
            .expect("an account number")
    };
    let mut out: Vec<Vec<[i64; 3]>> = paths
        .iter()
        .map(|p| {
            p.steps
                .iter()
                .map(|s| {
                    let (d, t) = s.time.split_once(' ').expect("date and time");
                    let at = NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("a date");
                    let (h, m) = (
                        t[..2].parse::<i64>().unwrap(),
                        t[3..5].parse::<i64>().unwrap(),
                    );
                    let days = (at - NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()).num_days();
                    [
                        number(&s.from.key),
                        number(&s.to.key),
                        days * 24 * 60 + h * 60 + m,
                    ]
                })
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
