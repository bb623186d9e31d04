use super::Structuring;
use crate::models::builtin::test_support::{case, evidence_in, run, Row};

const A: &str = "6222000000000001";
const B: &str = "6222000000000009";

#[test]
fn three_cash_deposits_just_under_the_threshold_within_a_week_fire() {
    let conn = case();
    let rows = vec![
        Row::cash_in(A, "2023-05-08 10:05:15", 46_000.0)
            .holder("罗建新", "110101198001010010")
            .add(&conn),
        Row::cash_in(A, "2023-05-10 10:05:15", 48_500.0).add(&conn),
        Row::cash_in(A, "2023-05-12 10:05:15", 49_900.0).add(&conn),
    ];
    let alerts = run(&Structuring, &conn);
    assert_eq!(alerts.len(), 1);
    let a = &alerts[0];
    assert_eq!(evidence_in(a, "bank_transactions"), rows);
    assert!(
        a.summary
            .contains("2023-05-08至2023-05-12的5天内现金存入3笔"),
        "{}",
        a.summary
    );
    assert!(
        a.summary.contains("46,000.00、48,500.00、49,900.00元"),
        "{}",
        a.summary
    );
    assert_eq!(a.key, format!("structuring|{A}"));
}

#[test]
fn amounts_just_under_ninety_percent_are_silent() {
    let conn = case();
    Row::cash_in(A, "2023-06-05 10:05:15", 44_800.0).add(&conn);
    Row::cash_in(A, "2023-06-07 10:05:15", 44_900.0).add(&conn);
    Row::cash_in(A, "2023-06-09 10:05:15", 44_999.99).add(&conn);
    assert!(run(&Structuring, &conn).is_empty());
}

#[test]
fn the_threshold_itself_is_reported_anyway_and_does_not_count() {
    let conn = case();
    Row::cash_in(A, "2023-06-05 10:00:00", 45_000.0).add(&conn);
    Row::cash_in(A, "2023-06-06 10:00:00", 49_999.99).add(&conn);
    Row::cash_in(A, "2023-06-07 10:00:00", 50_000.0).add(&conn);
    assert!(run(&Structuring, &conn).is_empty());
    Row::cash_in(A, "2023-06-08 10:00:00", 45_000.0).add(&conn);
    assert_eq!(run(&Structuring, &conn).len(), 1);
}

#[test]
fn spread_over_more_than_seven_days_is_silent() {
    let conn = case();
    Row::cash_in(A, "2023-06-01 10:00:00", 46_000.0).add(&conn);
    Row::cash_in(A, "2023-06-05 10:00:00", 46_000.0).add(&conn);
    Row::cash_in(A, "2023-06-08 10:00:01", 46_000.0).add(&conn);
    assert!(run(&Structuring, &conn).is_empty());
}

#[test]
fn failed_rows_other_currencies_and_mixed_directions_do_not_count() {
    let conn = case();
    Row::cash_in(A, "2023-06-01 10:00:00", 46_000.0).add(&conn);
    Row::cash_in(A, "2023-06-02 10:00:00", 46_000.0)
        .failed()
        .add(&conn);
    Row::cash_in(A, "2023-06-03 10:00:00", 46_000.0)
        .currency("USD")
        .add(&conn);
    Row::out(A, "2023-06-04 10:00:00", 46_000.0, B).add(&conn);
    Row::cash_in(A, "2023-06-05 10:00:00", 46_000.0).add(&conn);
    assert!(run(&Structuring, &conn).is_empty());
}

#[test]
fn transfers_out_count_like_cash_and_fire_at_the_sender_only() {
    let conn = case();
    for t in [
        "2023-06-01 10:00:00",
        "2023-06-02 10:00:00",
        "2023-06-03 10:00:00",
    ] {
        Row::out(A, t, 47_000.0, B).add(&conn);
    }
    let alerts = run(&Structuring, &conn);
    assert_eq!(alerts.len(), 1);
    assert!(
        alerts[0].summary.contains("支取/转出3笔"),
        "{}",
        alerts[0].summary
    );
}

#[test]
fn transfers_in_are_the_senders_doing() {
    let conn = case();
    for t in [
        "2023-06-01 10:00:00",
        "2023-06-02 10:00:00",
        "2023-06-03 10:00:00",
    ] {
        Row::inc(A, t, 47_000.0, B).add(&conn);
    }
    let alerts = run(&Structuring, &conn);
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].key, format!("structuring|{B}"));
}
