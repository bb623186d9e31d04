//! Account statistics on a hand-built statement whose every figure is worked out below.

use rusqlite::types::Value;
use rusqlite::Connection;

use super::*;
use crate::resolve::fixture::{case, insert, opt, text};

const ACCOUNT: &str = "6222000000000001";

struct Row<'a> {
    time: &'a str,
    amount: f64,
    direction: i64,
    counterparty: Option<&'a str>,
    cash: bool,
    success: bool,
    currency: &'a str,
}

fn row(
    time: &'static str,
    amount: f64,
    direction: i64,
    counterparty: Option<&'static str>,
) -> Row<'static> {
    Row {
        time,
        amount,
        direction,
        counterparty,
        cash: false,
        success: true,
        currency: "人民币",
    }
}

fn statement() -> Connection {
    let conn = case();
    let rows = [
        row("2024-02-10 10:00:00", 10_000.0, 1, Some("111")), // 春节 (Saturday): round, holiday, off hours
        row("2024-02-18 09:00:00", 3_000.0, -1, Some("111")), // make-up working Sunday, office hours: round
        row("2024-03-05 23:30:00", 5_500.0, 1, Some("222")),  // Tuesday night: off hours, night
        row("2024-03-06 04:59:59", 2_000.0, -1, Some("333")), // night, off hours, round
        row("2024-03-06 05:00:00", 500.0, -1, Some("333")), // not night, off hours; 500 is not round
        Row {
            cash: true,
            ..row("2024-03-07 00:00:00", 20_000.0, 1, None)
        }, // date only: round, cash in
        Row {
            cash: true,
            ..row("2024-03-09 14:00:00", 1_000.0, -1, None)
        }, // Saturday: off hours, round, cash out
        row("2024-10-01 12:00:00", 100.5, 1, Some("222")),  // 国庆: holiday, off hours
        Row {
            success: false,
            ..row("2024-03-08 12:00:00", 50_000.0, 1, Some("444"))
        }, // failed: left out
        Row {
            currency: "USD",
            ..row("2024-03-08 12:00:00", 700.0, 1, Some("555"))
        }, // Friday noon, USD
    ];
    for r in rows {
        insert(
            &conn,
            "bank_transactions",
            &[
                ("account", text(ACCOUNT)),
                ("holder_name", text("何俊")),
                ("time", text(r.time)),
                ("amount", r.amount.into()),
                ("direction", r.direction.into()),
                ("currency", text(r.currency)),
                ("counterparty_account", opt(r.counterparty)),
                (
                    "counterparty_name",
                    opt(r
                        .counterparty
                        .map(|c| if c == "111" { "甲公司" } else { "某人" })),
                ),
                ("cash", Value::Integer(i64::from(r.cash))),
                ("success", Value::Integer(i64::from(r.success))),
            ],
        );
    }
    conn
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn totals_and_counts_per_currency_leave_failed_transactions_out() {
    let s = account_stats(&statement(), ACCOUNT).unwrap();
    assert_eq!((s.transactions, s.failed), (9, 1));
    assert_eq!(s.holder_name.as_deref(), Some("何俊"));
    assert_eq!(s.main_currency.as_deref(), Some("CNY"));
    let cny = &s.currencies[0];
    assert_eq!((cny.money_in.count, cny.money_out.count), (4, 4));
    assert!(close(cny.money_in.amount, 35_600.5) && close(cny.money_out.amount, 6_500.0));
    assert_eq!(
        (
            s.currencies[1].currency.as_str(),
            s.currencies[1].money_in.count
        ),
        ("USD", 1)
    );
    assert_eq!(
        (s.first_time.as_deref(), s.last_time.as_deref()),
        (Some("2024-02-10 10:00:00"), Some("2024-10-01 12:00:00"))
    );
}

#[test]
fn counterparties_concentration_and_two_way() {
    let s = account_stats(&statement(), ACCOUNT).unwrap();
    let by_amount: Vec<(&str, f64)> = s
        .top_by_amount
        .iter()
        .map(|c| (c.account.as_deref().unwrap(), c.amount()))
        .collect();
    assert_eq!(
        by_amount,
        [("111", 13_000.0), ("222", 5_600.5), ("333", 2_500.0)]
    );
    assert_eq!(s.top_by_amount[0].name.as_deref(), Some("甲公司"));
    let by_count: Vec<(&str, u64)> = s
        .top_by_count
        .iter()
        .map(|c| (c.account.as_deref().unwrap(), c.count()))
        .collect();
    assert_eq!(by_count, [("111", 2), ("222", 2), ("333", 2)]);
    assert!(close(s.amount_concentration.top1, 13_000.0 / 21_100.5));
    assert!(close(s.amount_concentration.top3, 1.0) && close(s.amount_concentration.top5, 1.0));
    assert!(close(s.count_concentration.top1, 2.0 / 6.0));
    let two_way: Vec<&str> = s
        .two_way
        .iter()
        .filter_map(|c| c.account.as_deref())
        .collect();
    assert_eq!(two_way, ["111"]);
}

#[test]
fn cash_round_night_off_hours_and_holiday_shares() {
    let s = account_stats(&statement(), ACCOUNT).unwrap();
    assert_eq!((s.cash_in.count, s.cash_in.amount), (1, 20_000.0));
    assert_eq!((s.cash_out.count, s.cash_out.amount), (1, 1_000.0));
    assert_eq!(s.round_amounts, Share { count: 5, of: 9 });
    assert_eq!(s.night, Share { count: 2, of: 8 });
    assert_eq!(s.off_hours, Share { count: 6, of: 8 });
    assert_eq!(s.holidays, Share { count: 2, of: 9 });
    assert!(close(s.holidays.ratio(), 2.0 / 9.0));
}

#[test]
fn round_amounts() {
    for (amount, round) in [
        (1_000.0, true),
        (250_000.0, true),
        (999.0, false),
        (500.0, false),
        (1_500.0, false),
        (10_000.01, false),
        (0.0, false),
    ] {
        assert_eq!(is_round_amount(amount), round, "{amount}");
    }
}

#[test]
fn an_unknown_account_is_not_found() {
    assert_eq!(
        account_stats(&statement(), "999").unwrap_err().kind(),
        "not_found"
    );
}
