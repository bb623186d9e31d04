use super::RoundInOut;
use crate::models::builtin::test_support::{case, evidence_in, run, Row};

const A: &str = "6222000000000001";
const B: &str = "6222000000000002";
const C: &str = "6222000000000003";

#[test]
fn round_amounts_in_and_out_on_one_day_fire() {
    let conn = case();
    let rows = vec![
        Row::inc(A, "2023-06-15 10:02:12", 300_000.0, B)
            .holder("邓国华", "110101198001010010")
            .add(&conn),
        Row::out(A, "2023-06-15 15:30:15", 250_000.0, C).add(&conn),
    ];
    let alerts = run(&RoundInOut, &conn);
    assert_eq!(alerts.len(), 1);
    assert_eq!(evidence_in(&alerts[0], "bank_transactions"), rows);
    assert!(
        alerts[0].summary.contains("300,000.00元"),
        "{}",
        alerts[0].summary
    );
    assert!(
        alerts[0].summary.contains("250,000.00元"),
        "{}",
        alerts[0].summary
    );
}

#[test]
fn round_amounts_of_190000_are_below_the_floor() {
    let conn = case();
    Row::inc(A, "2023-06-20 10:02:12", 190_000.0, B).add(&conn);
    Row::out(A, "2023-06-20 15:30:15", 190_000.0, C).add(&conn);
    assert!(run(&RoundInOut, &conn).is_empty());
}

#[test]
fn not_round_other_day_failed_or_other_currency_is_silent() {
    let conn = case();
    Row::inc(A, "2023-06-20 10:00:00", 200_000.0, B).add(&conn);
    Row::out(A, "2023-06-20 11:00:00", 205_000.0, C).add(&conn);
    Row::out(A, "2023-06-21 11:00:00", 200_000.0, C).add(&conn);
    Row::out(A, "2023-06-20 12:00:00", 200_000.0, C)
        .failed()
        .add(&conn);
    Row::out(A, "2023-06-20 13:00:00", 200_000.0, C)
        .currency("USD")
        .add(&conn);
    assert!(run(&RoundInOut, &conn).is_empty());
    Row::out(A, "2023-06-20 23:59:59", 200_000.0, C).add(&conn);
    assert_eq!(
        run(&RoundInOut, &conn).len(),
        1,
        "200,000 is at least 200,000"
    );
}
