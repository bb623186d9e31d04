use super::PassThrough;
use crate::models::builtin::test_support::{case, evidence_in, run, run_with, Row};
use crate::models::ParamValue;

const A: &str = "6222000000000001";
const SRC: &str = "6222000000000002";
const DST: &str = "6222000000000003";

/// Two receipts of 80,000 and 120,000 forwarded 95% and 93% within hours.
fn true_case(conn: &rusqlite::Connection) -> Vec<i64> {
    vec![
        Row::inc(A, "2024-03-05 10:12:00", 80_000.0, SRC)
            .holder("张三", "110101198001010010")
            .add(conn),
        Row::out(A, "2024-03-05 15:00:00", 76_000.0, DST).add(conn),
        Row::inc(A, "2024-04-11 09:00:00", 120_000.0, SRC).add(conn),
        Row::out(A, "2024-04-12 08:59:59", 112_000.0, DST).add(conn),
    ]
}

#[test]
fn two_quick_forwards_fire_once_per_account_with_every_row() {
    let conn = case();
    let rows = true_case(&conn);
    let alerts = run(&PassThrough, &conn);
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    let a = &alerts[0];
    assert_eq!(a.key, format!("pass-through|{A}"));
    assert_eq!(evidence_in(a, "bank_transactions"), rows);
    assert!(
        a.summary.contains("账户6222000000000001(张三)"),
        "{}",
        a.summary
    );
    assert!(a.summary.contains("2024-03-05 10:12收到"), "{}", a.summary);
    assert!(
        a.summary.contains("80,000.00元") && a.summary.contains("95.0%"),
        "{}",
        a.summary
    );
    assert!(a.subjects.iter().any(|s| s.id == "110101198001010010"));
}

#[test]
fn seventy_percent_forwarded_is_silent() {
    let conn = case();
    Row::inc(A, "2024-03-05 10:00:00", 60_000.0, SRC).add(&conn);
    Row::out(A, "2024-03-05 15:00:00", 42_000.0, DST).add(&conn);
    Row::inc(A, "2024-04-05 10:00:00", 60_000.0, SRC).add(&conn);
    Row::out(A, "2024-04-05 15:00:00", 42_000.0, DST).add(&conn);
    assert!(run(&PassThrough, &conn).is_empty());
}

#[test]
fn one_episode_is_not_enough() {
    let conn = case();
    Row::inc(A, "2024-03-05 10:00:00", 80_000.0, SRC).add(&conn);
    Row::out(A, "2024-03-05 15:00:00", 80_000.0, DST).add(&conn);
    assert!(run(&PassThrough, &conn).is_empty());
    assert_eq!(
        run_with(
            &PassThrough,
            &conn,
            &[("min_times", ParamValue::Integer(1))]
        )
        .len(),
        1
    );
}

#[test]
fn payments_before_the_receipt_or_after_24_hours_do_not_count() {
    let conn = case();
    Row::out(A, "2024-03-05 09:59:59", 80_000.0, DST).add(&conn);
    Row::inc(A, "2024-03-05 10:00:00", 80_000.0, SRC).add(&conn);
    Row::inc(A, "2024-04-05 10:00:00", 80_000.0, SRC).add(&conn);
    Row::out(A, "2024-04-06 10:00:01", 80_000.0, DST).add(&conn);
    assert!(run(&PassThrough, &conn).is_empty());
}

#[test]
fn failed_payments_and_other_currencies_move_no_yuan() {
    let conn = case();
    Row::inc(A, "2024-03-05 10:00:00", 80_000.0, SRC).add(&conn);
    Row::out(A, "2024-03-05 11:00:00", 80_000.0, DST)
        .failed()
        .add(&conn);
    Row::inc(A, "2024-04-05 10:00:00", 80_000.0, SRC).add(&conn);
    Row::out(A, "2024-04-05 11:00:00", 80_000.0, DST)
        .currency("USD")
        .add(&conn);
    assert!(run(&PassThrough, &conn).is_empty());
}

#[test]
fn amounts_just_under_the_threshold_are_silent_and_the_threshold_itself_counts() {
    let conn = case();
    Row::inc(A, "2024-03-05 10:00:00", 49_999.99, SRC).add(&conn);
    Row::out(A, "2024-03-05 11:00:00", 49_999.99, DST).add(&conn);
    Row::inc(A, "2024-04-05 10:00:00", 50_000.0, SRC).add(&conn);
    Row::out(A, "2024-04-05 11:00:00", 45_000.0, DST).add(&conn);
    assert!(run(&PassThrough, &conn).is_empty());
    Row::inc(A, "2024-05-05 10:00:00", 50_000.0, SRC).add(&conn);
    Row::out(A, "2024-05-05 11:00:00", 45_000.0, DST).add(&conn);
    assert_eq!(run(&PassThrough, &conn).len(), 1);
}

#[test]
fn one_payment_cannot_forward_two_receipts() {
    let conn = case();
    Row::inc(A, "2024-03-05 10:00:00", 60_000.0, SRC).add(&conn);
    Row::inc(A, "2024-03-05 10:30:00", 60_000.0, SRC).add(&conn);
    Row::out(A, "2024-03-05 11:00:00", 60_000.0, DST).add(&conn);
    assert!(run(&PassThrough, &conn).is_empty());
}

#[test]
fn both_statements_of_one_transfer_count_once() {
    let conn = case();
    true_case(&conn);
    // The receiver's copy of the first payment, and the sender's copy of the first receipt.
    Row::inc(DST, "2024-03-05 15:00:00", 76_000.0, A).add(&conn);
    Row::out(SRC, "2024-03-05 10:12:00", 80_000.0, A).add(&conn);
    let alerts = run(&PassThrough, &conn);
    assert_eq!(alerts.len(), 1);
    assert!(
        alerts[0].summary.contains("2次快进快出,共转出188,000.00元"),
        "{}",
        alerts[0].summary
    );
    assert_eq!(evidence_in(&alerts[0], "bank_transactions").len(), 6);
}
