use super::{amount_text, End, Ledger};
use crate::models::builtin::test_support::{case, Row};

const A: &str = "6222000000000001";
const B: &str = "6222000000000002";

#[test]
fn both_copies_of_a_transfer_are_one_and_two_real_transfers_stay_two() {
    let conn = case();
    let out1 = Row::out(A, "2024-01-01 10:00:00", 500.0, B).add(&conn);
    let out2 = Row::out(A, "2024-01-01 10:00:00", 500.0, B).add(&conn);
    let in1 = Row::inc(B, "2024-01-01 10:00:00", 500.0, A).add(&conn);
    let ledger = Ledger::load(&conn).expect("loads");
    assert_eq!(ledger.transfers.len(), 2);
    let records: Vec<(i64, i64)> = ledger
        .transfers
        .iter()
        .map(|t| (t.record, t.twin))
        .collect();
    assert_eq!(records, vec![(out1, in1), (out2, 0)]);
}

#[test]
fn failed_rows_self_transfers_and_rows_without_direction_move_nothing() {
    let conn = case();
    Row::out(A, "2024-01-01 10:00:00", 500.0, B)
        .failed()
        .add(&conn);
    Row::out(A, "2024-01-01 11:00:00", 500.0, A).add(&conn);
    let mut r = Row::out(A, "2024-01-01 12:00:00", 500.0, B);
    r.dir = 0;
    r.add(&conn);
    assert!(Ledger::load(&conn).expect("loads").transfers.is_empty());
}

#[test]
fn holders_come_from_the_own_statement_first_and_cash_has_no_counterparty() {
    let conn = case();
    Row::inc(A, "2024-01-01 10:00:00", 500.0, B)
        .other_holder("乙(对手写法)", "110101198001010010")
        .add(&conn);
    Row::out(B, "2024-01-02 10:00:00", 500.0, A)
        .holder("乙", "110101198001010011")
        .add(&conn);
    Row::cash_in(A, "2024-01-03 10:00:00", 100.0).add(&conn);
    let ledger = Ledger::load(&conn).expect("loads");
    let b = ledger.account_of(B).expect("B is known");
    let h = ledger.holder(b).expect("holder");
    assert_eq!(h.id.as_deref(), Some("110101198001010011"));
    assert_eq!(h.name.as_deref(), Some("乙"));
    assert_eq!(ledger.accounts_of_id("110101198001010010"), &[b]);
    let a = ledger.account_of(A).expect("A is known");
    let cash = ledger
        .incoming(a)
        .iter()
        .map(|&i| ledger.get(i))
        .find(|t| t.cash);
    assert_eq!(cash.map(|t| t.from), Some(End::Cash));
}

#[test]
fn amounts_read_with_separators_and_cents() {
    assert_eq!(amount_text(5_200_000), "52,000.00");
    assert_eq!(amount_text(12_345_678_901), "123,456,789.01");
    assert_eq!(amount_text(5), "0.05");
}

#[test]
fn the_fast_time_reader_agrees_with_the_general_one() {
    for t in [
        "2024-02-29 23:59:59",
        "1999-12-31 00:00:00",
        "2023-03-01 12:00:00",
        "2100-01-01 01:02:03",
        "2023-02-30 10:00:00",
        "2023-05-06",
    ] {
        assert_eq!(super::seconds(t), crate::resolve::parse_time(t), "{t}");
    }
}
