use super::FundLoop;
use crate::models::builtin::test_support::{case, evidence_in, run, run_with, Row};
use crate::models::ParamValue;

const A: &str = "6222000000000001";
const B: &str = "6222000000000002";
const C: &str = "6222000000000003";
const D: &str = "6222000000000004";
const E: &str = "6222000000000005";
const F: &str = "6222000000000006";

#[test]
fn money_that_comes_back_through_two_accounts_fires_with_the_loop() {
    let conn = case();
    let rows = vec![
        Row::out(A, "2023-09-01 10:00:00", 100_000.0, B)
            .holder("林志远", "110101198001010010")
            .add(&conn),
        Row::out(B, "2023-09-04 11:00:00", 95_000.0, C)
            .holder("马晓东", "110101198002020020")
            .add(&conn),
        Row::out(C, "2023-09-08 15:00:00", 60_000.0, A)
            .holder("聂红", "110101198003030030")
            .add(&conn),
    ];
    let alerts = run(&FundLoop, &conn);
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    let a = &alerts[0];
    assert_eq!(evidence_in(a, "bank_transactions"), rows);
    assert!(
        a.summary
            .contains("林志远(6222000000000001) —2023-09-01 10:00 转出100,000.00元→ 马晓东"),
        "{}",
        a.summary
    );
    assert!(
        a.summary.contains("回流60,000.00元(60.0%)"),
        "{}",
        a.summary
    );
    for id in [A, B, C] {
        assert!(a.subjects.iter().any(|s| s.id == id));
    }
    assert_eq!(a.key, format!("fund-loop|{A}|{B}|{C}"));
}

#[test]
fn a_loop_that_returns_forty_percent_is_silent() {
    let conn = case();
    Row::out(A, "2023-09-01 10:00:00", 100_000.0, B).add(&conn);
    Row::out(B, "2023-09-04 11:00:00", 95_000.0, C).add(&conn);
    Row::out(C, "2023-09-08 15:00:00", 40_000.0, A).add(&conn);
    assert!(run(&FundLoop, &conn).is_empty());
}

#[test]
fn returns_in_instalments_add_up() {
    let conn = case();
    Row::out(A, "2023-09-01 10:00:00", 100_000.0, B).add(&conn);
    Row::out(B, "2023-09-04 11:00:00", 95_000.0, C).add(&conn);
    Row::out(C, "2023-09-08 15:00:00", 30_000.0, A).add(&conn);
    Row::out(C, "2023-09-09 15:00:00", 25_000.0, A).add(&conn);
    assert_eq!(run(&FundLoop, &conn).len(), 1);
}

#[test]
fn money_returned_after_thirty_days_is_silent() {
    let conn = case();
    Row::out(A, "2023-09-01 10:00:00", 100_000.0, B).add(&conn);
    Row::out(B, "2023-09-04 11:00:00", 95_000.0, C).add(&conn);
    Row::out(C, "2023-10-01 10:00:01", 60_000.0, A).add(&conn);
    assert!(run(&FundLoop, &conn).is_empty());
}

#[test]
fn hops_out_of_time_order_are_no_loop() {
    let conn = case();
    Row::out(A, "2023-09-05 10:00:00", 100_000.0, B).add(&conn);
    Row::out(B, "2023-09-04 11:00:00", 95_000.0, C).add(&conn);
    Row::out(C, "2023-09-08 15:00:00", 60_000.0, A).add(&conn);
    assert!(run(&FundLoop, &conn).is_empty());
}

#[test]
fn failed_hops_and_other_currencies_break_the_loop() {
    let conn = case();
    Row::out(A, "2023-09-01 10:00:00", 100_000.0, B).add(&conn);
    Row::out(B, "2023-09-04 11:00:00", 95_000.0, C)
        .failed()
        .add(&conn);
    Row::out(B, "2023-09-04 12:00:00", 95_000.0, D)
        .currency("USD")
        .add(&conn);
    Row::out(C, "2023-09-08 15:00:00", 60_000.0, A).add(&conn);
    Row::out(D, "2023-09-08 15:00:00", 60_000.0, A).add(&conn);
    assert!(run(&FundLoop, &conn).is_empty());
}

#[test]
fn four_intermediates_at_most() {
    let conn = case();
    let chain = [A, B, C, D, E, F];
    for (k, w) in chain.windows(2).enumerate() {
        Row::out(
            w[0],
            &format!("2023-09-0{} 10:00:00", k + 1),
            90_000.0,
            w[1],
        )
        .add(&conn);
    }
    Row::out(F, "2023-09-07 10:00:00", 80_000.0, A).add(&conn);
    assert!(run(&FundLoop, &conn).is_empty(), "five intermediates");
    let five = run_with(
        &FundLoop,
        &conn,
        &[("max_intermediates", ParamValue::Integer(5))],
    );
    assert_eq!(five.len(), 1);
}

#[test]
fn small_round_trips_are_below_the_floor() {
    let conn = case();
    Row::out(A, "2023-09-01 10:00:00", 300.0, B).add(&conn);
    Row::out(B, "2023-09-02 10:00:00", 300.0, A).add(&conn);
    assert!(run(&FundLoop, &conn).is_empty());
    let all = run_with(&FundLoop, &conn, &[("min_amount", ParamValue::Number(0.0))]);
    assert_eq!(all.len(), 1);
}
