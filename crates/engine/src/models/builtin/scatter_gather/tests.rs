use super::ScatterGather;
use crate::models::builtin::test_support::{case, evidence_in, run, Row};

const A: &str = "6222000000000001";
const SINK: &str = "6222000000000099";

fn src(i: usize) -> String {
    format!("62220000000001{i:02}")
}

/// Five sources 08-01..08-04, 210,500 in all, then 196,000 to one account on 08-05.
fn gather(conn: &rusqlite::Connection, sources: usize) -> Vec<i64> {
    let amounts = [42_000.0, 43_500.0, 38_000.0, 44_000.0, 43_000.0];
    let times = [
        "2023-08-01 09:20:23",
        "2023-08-01 10:20:30",
        "2023-08-02 11:20:37",
        "2023-08-03 12:20:44",
        "2023-08-04 13:20:51",
    ];
    let mut rows = Vec::new();
    for k in 0..5 {
        let s = src(k % sources);
        rows.push(Row::inc(A, times[k], amounts[k], &s).add(conn));
    }
    rows.push(Row::out(A, "2023-08-05 11:11:28", 196_000.0, SINK).add(conn));
    rows
}

#[test]
fn five_sources_gathered_to_one_account_fire() {
    let conn = case();
    let rows = gather(&conn, 5);
    let alerts = run(&ScatterGather, &conn);
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    let a = &alerts[0];
    assert_eq!(evidence_in(a, "bank_transactions"), rows);
    assert!(
        a.summary.contains("从5个不同对手收入210,500.00元"),
        "{}",
        a.summary
    );
    assert!(
        a.summary.contains("转出196,000.00元(占93.1%)"),
        "{}",
        a.summary
    );
    assert_eq!(a.key, format!("scatter-gather|{A}|gather"));
    assert!(a.subjects.iter().any(|s| s.id == SINK));
}

#[test]
fn four_sources_are_not_five() {
    let conn = case();
    gather(&conn, 4);
    assert!(run(&ScatterGather, &conn).is_empty());
}

#[test]
fn seventy_percent_to_one_account_is_silent() {
    let conn = case();
    for k in 0..5 {
        Row::inc(A, "2023-08-01 09:00:00", 42_000.0, &src(k)).add(&conn);
    }
    Row::out(A, "2023-08-02 09:00:00", 147_000.0, SINK).add(&conn);
    assert!(run(&ScatterGather, &conn).is_empty());
}

#[test]
fn money_sent_before_it_arrived_or_after_the_window_does_not_count() {
    let conn = case();
    Row::out(A, "2023-07-31 23:00:00", 196_000.0, SINK).add(&conn);
    for k in 0..5 {
        Row::inc(A, "2023-08-01 09:00:00", 42_000.0, &src(k)).add(&conn);
    }
    Row::out(A, "2023-08-06 09:00:01", 196_000.0, SINK).add(&conn);
    assert!(run(&ScatterGather, &conn).is_empty());
}

#[test]
fn one_source_scattered_to_five_fires_the_mirror() {
    let conn = case();
    Row::inc(A, "2023-08-01 09:00:00", 250_000.0, SINK).add(&conn);
    for k in 0..5 {
        Row::out(A, "2023-08-02 09:00:00", 45_000.0, &src(k)).add(&conn);
    }
    let alerts = run(&ScatterGather, &conn);
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    assert_eq!(alerts[0].key, format!("scatter-gather|{A}|scatter"));
    assert!(
        alerts[0]
            .summary
            .contains("分散转给5个不同对手共225,000.00元"),
        "{}",
        alerts[0].summary
    );
}

#[test]
fn cash_and_other_currencies_are_not_counterparties() {
    let conn = case();
    for k in 0..4 {
        Row::inc(A, "2023-08-01 09:00:00", 50_000.0, &src(k)).add(&conn);
    }
    Row::cash_in(A, "2023-08-01 10:00:00", 50_000.0).add(&conn);
    Row::inc(A, "2023-08-01 11:00:00", 50_000.0, &src(7))
        .currency("USD")
        .add(&conn);
    Row::out(A, "2023-08-02 09:00:00", 200_000.0, SINK).add(&conn);
    assert!(run(&ScatterGather, &conn).is_empty());
}
