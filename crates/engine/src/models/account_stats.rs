//! The statistics an account's profile shows first (`shared/spec/models.md`): in and
//! out totals and counts per currency, the top counterparties by amount and by count
//! with their concentration, two-way counterparties, cash deposits and withdrawals,
//! and the shares of round amounts, night, off-hours and holiday transactions. It reads
//! `bank_transactions` of one account and raises no alerts.
//!
//! Definitions:
//! - Counted transactions: every row of the account except failed ones (`success = 0`).
//! - Money figures per counterparty, concentration and cash are in the account's main
//!   currency (the one with the most transactions; CNY on a tie); totals per currency
//!   are listed apart. A counterparty is its account number, else its name; rows with
//!   neither belong to no counterparty and are left out of the concentration.
//! - Concentration: the share of the top 1, 3 and 5 counterparties in the amount (in +
//!   out) or the count of the transactions that have a counterparty.
//! - Round amount: at least 1,000 and a whole multiple of 1,000 yuan.
//! - Night: from 23:00:00 up to (not including) 05:00:00.
//! - Off hours: on a day that is not a working day (weekend, public holiday; a make-up
//!   working day counts as working), or before 08:30:00 or from 17:30:00 on a working day.
//! - Holiday: a public-holiday rest day (see `calendar`).
//! - A time of exactly 00:00:00 is read as "time unknown" (the extract gave a date only):
//!   such rows are left out of the night share, and out of the off-hours share when they
//!   fall on a working day.

use std::collections::BTreeMap;

use chrono::{NaiveDateTime, NaiveTime, Timelike};
use rusqlite::Connection;

use super::calendar::Calendar;
use crate::error::{Error, Result};
use crate::resolve::currency_code;

mod counterparties;
#[cfg(test)]
mod tests;

/// How many counterparties the top lists hold.
pub const TOP: usize = 10;

/// One account's profile statistics.
#[derive(Clone, Debug, PartialEq, Default, serde::Serialize)]
pub struct AccountStats {
    pub account: String,
    pub holder_name: Option<String>,
    /// Counted (not failed) transactions, and failed ones.
    pub transactions: u64,
    pub failed: u64,
    pub first_time: Option<String>,
    pub last_time: Option<String>,
    /// Totals per currency code, the main currency first.
    pub currencies: Vec<CurrencyTotals>,
    pub main_currency: Option<String>,
    pub top_by_amount: Vec<CounterpartyStats>,
    pub top_by_count: Vec<CounterpartyStats>,
    pub amount_concentration: Concentration,
    pub count_concentration: Concentration,
    /// Counterparties the account both received from and paid to, by amount.
    pub two_way: Vec<CounterpartyStats>,
    pub cash_in: Flow,
    pub cash_out: Flow,
    pub round_amounts: Share,
    pub night: Share,
    pub off_hours: Share,
    pub holidays: Share,
}

/// In and out totals of one currency.
#[derive(Clone, Debug, PartialEq, Default, serde::Serialize)]
pub struct CurrencyTotals {
    pub currency: String,
    pub money_in: Flow,
    pub money_out: Flow,
}

/// A number of transactions and their amount in yuan (or the currency's unit).
#[derive(Clone, Copy, Debug, PartialEq, Default, serde::Serialize)]
pub struct Flow {
    pub count: u64,
    pub amount: f64,
}

/// One counterparty's dealings with the account (main currency).
#[derive(Clone, Debug, PartialEq, Default, serde::Serialize)]
pub struct CounterpartyStats {
    pub account: Option<String>,
    pub name: Option<String>,
    pub money_in: Flow,
    pub money_out: Flow,
}

impl CounterpartyStats {
    pub fn amount(&self) -> f64 {
        self.money_in.amount + self.money_out.amount
    }

    pub fn count(&self) -> u64 {
        self.money_in.count + self.money_out.count
    }
}

/// The share (0–1) of the top 1, 3 and 5 counterparties.
#[derive(Clone, Copy, Debug, PartialEq, Default, serde::Serialize)]
pub struct Concentration {
    pub top1: f64,
    pub top3: f64,
    pub top5: f64,
}

/// `count` of `of` transactions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize)]
pub struct Share {
    pub count: u64,
    pub of: u64,
}

impl Share {
    pub fn ratio(self) -> f64 {
        if self.of == 0 {
            0.0
        } else {
            self.count as f64 / self.of as f64
        }
    }

    fn add(&mut self, hit: bool) {
        self.of += 1;
        self.count += u64::from(hit);
    }
}

/// One counted transaction, as the statistics need it.
pub(crate) struct Tx {
    pub time: Option<NaiveDateTime>,
    pub amount: f64,
    /// 1 in, -1 out, 0 unknown.
    pub direction: i64,
    pub currency: String,
    pub cash: bool,
    pub counterparty_account: Option<String>,
    pub counterparty_name: Option<String>,
}

/// The statistics of one account (its digits, as stored).
pub fn account_stats(conn: &Connection, account: &str) -> Result<AccountStats> {
    let account = account.trim();
    let (txs, mut out) = load(conn, account)?;
    if txs.is_empty() && out.failed == 0 {
        return Err(Error::NotFound(format!(
            "账户 {account} 的交易明细 / transactions of account {account}"
        )));
    }
    out.currencies = currency_totals(&txs);
    out.main_currency = out.currencies.first().map(|c| c.currency.clone());
    let main: Vec<&Tx> = txs
        .iter()
        .filter(|t| Some(&t.currency) == out.main_currency.as_ref())
        .collect();
    counterparties::fill(&mut out, &main);
    (out.cash_in, out.cash_out) = cash(&main);
    fill_shares(&mut out, &txs);
    Ok(out)
}

fn load(conn: &Connection, account: &str) -> Result<(Vec<Tx>, AccountStats)> {
    let mut stmt = conn.prepare(
        "SELECT time, amount, direction, currency, cash, success, counterparty_account,
                counterparty_name, holder_name
         FROM bank_transactions WHERE account = ?1 ORDER BY time, id",
    )?;
    let mut rows = stmt.query([account])?;
    let mut out = AccountStats {
        account: account.to_string(),
        ..AccountStats::default()
    };
    let mut txs = Vec::new();
    while let Some(r) = rows.next()? {
        if r.get::<_, Option<i64>>(5)? == Some(0) {
            out.failed += 1;
            continue;
        }
        let time: Option<String> = r.get(0)?;
        out.first_time = out.first_time.or(time.clone());
        out.last_time = time.clone().or(out.last_time);
        out.holder_name = out.holder_name.or(r.get(8)?);
        txs.push(Tx {
            time: time.and_then(|t| NaiveDateTime::parse_from_str(&t, "%Y-%m-%d %H:%M:%S").ok()),
            amount: r.get::<_, Option<f64>>(1)?.unwrap_or(0.0),
            direction: r.get::<_, Option<i64>>(2)?.unwrap_or(0),
            currency: currency_code(r.get::<_, Option<String>>(3)?.as_deref()),
            cash: r.get::<_, Option<i64>>(4)? == Some(1),
            counterparty_account: non_empty(r.get(6)?),
            counterparty_name: non_empty(r.get(7)?),
        });
    }
    out.transactions = txs.len() as u64;
    Ok((txs, out))
}

fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty())
}

fn currency_totals(txs: &[Tx]) -> Vec<CurrencyTotals> {
    let mut by: BTreeMap<&str, CurrencyTotals> = BTreeMap::new();
    for t in txs {
        let entry = by.entry(&t.currency).or_insert_with(|| CurrencyTotals {
            currency: t.currency.clone(),
            ..Default::default()
        });
        add_flow(&mut entry.money_in, &mut entry.money_out, t);
    }
    let mut out: Vec<CurrencyTotals> = by.into_values().collect();
    let count = |c: &CurrencyTotals| c.money_in.count + c.money_out.count;
    out.sort_by(|a, b| {
        count(b)
            .cmp(&count(a))
            .then((b.currency == "CNY").cmp(&(a.currency == "CNY")))
    });
    out
}

/// Adds a transaction to the in or out flow by its direction.
pub(crate) fn add_flow(money_in: &mut Flow, money_out: &mut Flow, t: &Tx) {
    let flow = match t.direction {
        1 => money_in,
        -1 => money_out,
        _ => return,
    };
    flow.count += 1;
    flow.amount += t.amount;
}

fn cash(txs: &[&Tx]) -> (Flow, Flow) {
    let (mut money_in, mut money_out) = (Flow::default(), Flow::default());
    for t in txs.iter().filter(|t| t.cash) {
        add_flow(&mut money_in, &mut money_out, t);
    }
    (money_in, money_out)
}

/// At least 1,000 and a whole multiple of 1,000 yuan.
pub fn is_round_amount(amount: f64) -> bool {
    let fen = (amount.abs() * 100.0).round() as i64;
    fen >= 100_000 && fen % 100_000 == 0
}

fn fill_shares(out: &mut AccountStats, txs: &[Tx]) {
    let mut calendar = Calendar::new();
    let office = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
    let (opens, closes) = (office(8, 30), office(17, 30));
    for t in txs {
        out.round_amounts.add(is_round_amount(t.amount));
        let Some(time) = t.time else { continue };
        let (date, clock) = (time.date(), time.time());
        let known = clock != NaiveTime::MIN;
        out.holidays.add(calendar.is_public_holiday(date));
        if known {
            out.night.add(clock.hour() >= 23 || clock.hour() < 5);
        }
        let working = calendar.is_working_day(date);
        if !working {
            out.off_hours.add(true);
        } else if known {
            out.off_hours.add(clock < opens || clock >= closes);
        }
    }
}
