//! Accounts, keyed by their digits, who holds them (`holds_account`, person → account)
//! and the money between them (`paid`, account → account). A transfer appears in the
//! statements of both its accounts; the copies are counted once (same two accounts,
//! time to the second, amount and currency). Failed transactions (`success = 0`) moved
//! no money and are left out; amounts are totalled per currency, never across. Cash
//! (no counterparty account) makes no `paid` link.
//!
//! A statement row without a valid holder ID number names no person: the account keeps
//! the holder's name, and a million name-only people would be noise. Of the bank rows
//! that mention an entity or a holding, only the first is kept as its source; the
//! others are found through the account indexes on `bank_transactions`.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate};
use serde_json::json;

use super::derived::{present, thousands, Derived, Ent, NewLink, NewTransfer};
use super::model::{EntityType, LinkType};
use super::persons::person;
use super::Run;
use crate::error::Result;
use crate::kinds::Kind;

/// The account of these digits; `None` for an empty number.
fn account(
    d: &mut Derived,
    digits: Option<&str>,
    valid: Option<i64>,
    holder: Option<&str>,
) -> Option<Ent> {
    let digits = present(digits)?;
    Some(d.entity(
        EntityType::Account,
        digits,
        Some(valid == Some(1)),
        present(holder),
    ))
}

fn holds(d: &mut Derived, holder: Ent, account: Ent, source: Option<(Kind, i64)>) {
    let mut link = NewLink::new(
        LinkType::HoldsAccount,
        holder,
        account,
        LinkType::HoldsAccount.label(),
    );
    if let Some((kind, id)) = source {
        link = link.source(kind, id);
    }
    d.link(link);
}

/// Benefit accounts. The beneficiary holds the account only when the payee named on the
/// row is blank or the beneficiary; otherwise the holder is unknown here (the proxy
/// model reads the benefits table itself).
pub(super) fn benefits_job(
    conn: &rusqlite::Connection,
    d: &mut Derived,
    run: &mut Run<'_>,
) -> Result<()> {
    let sql = "SELECT id, name, id_number, id_number_valid, account, account_valid, account_holder
               FROM benefits WHERE account IS NOT NULL ORDER BY id";
    run.scan(conn, "benefits", sql, |r| {
        let src = (Kind::Benefits, r.get::<_, i64>(0)?);
        let (name, number, digits, holder): (
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        ) = (r.get(1)?, r.get(2)?, r.get(4)?, r.get(6)?);
        let holder_name = present(holder.as_deref()).or(present(name.as_deref()));
        let Some(a) = account(d, digits.as_deref(), r.get(5)?, holder_name) else {
            return Ok(());
        };
        d.source(a, src.0, src.1);
        let payee_is_beneficiary =
            present(holder.as_deref()).is_none_or(|h| Some(h) == present(name.as_deref()));
        if payee_is_beneficiary {
            if let Some(p) = person(d, number.as_deref(), r.get(3)?, name.as_deref(), src, false) {
                holds(d, p, a, Some(src));
            }
        }
        Ok(())
    })
}

/// One side of a statement row: an account and who holds it.
struct Side<'r> {
    digits: Option<&'r str>,
    valid: Option<i64>,
    name: Option<&'r str>,
    id_number: Option<&'r str>,
    id_valid: Option<i64>,
}

impl<'r> Side<'r> {
    /// The five columns from `first` on: account, its check flag, holder name, holder
    /// ID number and its check flag.
    fn read(r: &'r rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Side<'r>> {
        Ok(Side {
            digits: str_at(r, first)?,
            valid: r.get(first + 1)?,
            name: str_at(r, first + 2)?,
            id_number: str_at(r, first + 3)?,
            id_valid: r.get(first + 4)?,
        })
    }
}

/// A text column without copying it; NULL is `None`.
pub(crate) fn str_at<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<&'r str>> {
    r.get_ref(i)?.as_str_or_null().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// The money of a set of transfers between two accounts.
#[derive(Default)]
struct Paid {
    count: u64,
    /// Totals per currency (index into [`BankState::currencies`]).
    totals: Vec<(u16, f64)>,
    first: i64,
    last: i64,
}

impl Paid {
    fn add(&mut self, at: i64, amount: f64, currency: u16) {
        if self.count == 0 {
            (self.first, self.last) = (at, at);
        }
        self.first = self.first.min(at);
        self.last = self.last.max(at);
        self.count += 1;
        match self.totals.iter_mut().find(|(c, _)| *c == currency) {
            Some((_, total)) => *total += amount,
            None => self.totals.push((currency, amount)),
        }
    }
}

#[derive(Default)]
struct BankState {
    sourced: HashSet<Ent>,
    held: HashSet<(Ent, Ent)>,
    /// Transfers counted so far: (from, to, time, fen, currency) → position in
    /// `Derived::transfers`.
    seen: HashMap<(Ent, Ent, i64, i64, u16), usize>,
    paid: HashMap<(Ent, Ent), Paid>,
    currencies: Vec<String>,
}

impl BankState {
    fn currency(&mut self, raw: Option<&str>) -> u16 {
        let code = currency_code(raw);
        match self.currencies.iter().position(|c| *c == code) {
            Some(i) => i as u16,
            None => {
                self.currencies.push(code);
                (self.currencies.len() - 1) as u16
            }
        }
    }
}

const BANK_SQL: &str = "
    SELECT id, account, account_valid, holder_name, holder_id, holder_id_valid,
           counterparty_account, counterparty_account_valid, counterparty_name,
           counterparty_id, counterparty_id_valid, time, amount, direction, currency, success
    FROM bank_transactions ORDER BY id";

pub(super) fn bank_job(
    conn: &rusqlite::Connection,
    d: &mut Derived,
    run: &mut Run<'_>,
) -> Result<()> {
    let mut st = BankState::default();
    run.scan(conn, "bank_transactions", BANK_SQL, |r| {
        let id: i64 = r.get(0)?;
        let (own, other) = (Side::read(r, 1)?, Side::read(r, 6)?);
        let a = side(d, &mut st, &own, id);
        let b = side(d, &mut st, &other, id);
        let (Some(a), Some(b)) = (a, b) else {
            return Ok(());
        };
        let (time, amount): (Option<&str>, Option<f64>) = (str_at(r, 11)?, r.get(12)?);
        let (Some(at), Some(amount)) = (time.and_then(parse_time), amount) else {
            return Ok(());
        };
        let (direction, success) = (r.get(13)?, r.get(15)?);
        let Some((from, to)) = transfer_ends(a, b, direction, success, amount) else {
            return Ok(());
        };
        let currency = st.currency(str_at(r, 14)?);
        let fen = (amount * 100.0).round() as i64;
        match st.seen.entry((from, to, at, fen, currency)) {
            Entry::Vacant(v) => {
                v.insert(d.transfers.len());
                d.transfers.push(NewTransfer {
                    from,
                    to,
                    at,
                    fen,
                    currency,
                    record: id,
                    twin: None,
                });
                st.paid
                    .entry((from, to))
                    .or_default()
                    .add(at, amount, currency);
            }
            // The other account's statement showing the same transfer.
            Entry::Occupied(o) => {
                let t = &mut d.transfers[*o.get()];
                t.twin = t.twin.or(Some(id));
            }
        }
        Ok(())
    })?;
    paid_links(d, st.paid, &st.currencies);
    d.currencies = st.currencies;
    Ok(())
}

/// The account of one side of a row, and its holding when the holder's ID is valid.
/// Only the first row that shows an account, or a holding, is kept as its source.
fn side(d: &mut Derived, st: &mut BankState, side: &Side, record_id: i64) -> Option<Ent> {
    let a = account(d, side.digits, side.valid, side.name)?;
    if st.sourced.insert(a) {
        d.source(a, Kind::BankTransactions, record_id);
    }
    let number = present(side.id_number).filter(|_| side.id_valid == Some(1));
    let Some(number) = number else {
        return Some(a);
    };
    let known = d.find(EntityType::Person, number);
    if known.is_some_and(|p| st.held.contains(&(p, a))) {
        return Some(a);
    }
    let source = (Kind::BankTransactions, record_id);
    let p = person(d, Some(number), side.id_valid, side.name, source, false)?;
    st.held.insert((p, a));
    holds(d, p, a, Some(source));
    Some(a)
}

/// Which way money moved on a statement row of `own` with `other`: out (-1) is own →
/// other, in (1) is other → own. `None` for failed rows, self transfers, zero amounts and
/// rows without a direction.
pub(crate) fn transfer_ends<T: PartialEq>(
    own: T,
    other: T,
    direction: Option<i64>,
    success: Option<i64>,
    amount: f64,
) -> Option<(T, T)> {
    if success == Some(0) || own == other || amount <= 0.0 {
        return None;
    }
    match direction {
        Some(-1) => Some((own, other)),
        Some(1) => Some((other, own)),
        _ => None,
    }
}

fn paid_links(d: &mut Derived, paid: HashMap<(Ent, Ent), Paid>, currencies: &[String]) {
    let mut pairs: Vec<_> = paid.into_iter().collect();
    pairs.sort_unstable_by_key(|(k, _)| *k);
    for ((from, to), p) in pairs {
        let totals: BTreeMap<String, f64> = p
            .totals
            .iter()
            .map(|&(c, v)| (currencies.get(c as usize).cloned().unwrap_or_default(), v))
            .collect();
        let label = format!("转账{}笔 共{}", p.count, totals_text(&totals));
        let (first, last) = (time_text(p.first), time_text(p.last));
        let detail =
            json!({ "count": p.count, "totals": totals, "first_time": first, "last_time": last });
        let link = NewLink::new(LinkType::Paid, from, to, label)
            .detail(detail)
            .span(Some(date_part(&first)), Some(date_part(&last)));
        d.link(link);
    }
}

/// "120,000元" or "120,000元 + 5,000 USD": one figure per currency.
pub(crate) fn totals_text(totals: &BTreeMap<String, f64>) -> String {
    let parts: Vec<String> = totals.iter().map(|(c, v)| money_text(*v, c)).collect();
    parts.join(" + ")
}

/// "120,000元" for yuan, "5,000 USD" for anything else.
pub(crate) fn money_text(amount: f64, currency: &str) -> String {
    if currency == "CNY" {
        format!("{}元", thousands(amount))
    } else {
        format!("{} {currency}", thousands(amount))
    }
}

fn date_part(time: &str) -> String {
    time.get(..10).unwrap_or(time).to_string()
}

/// The currency a statement row means: blank and the usual spellings of yuan are `CNY`;
/// anything else is kept as written (upper-cased), so unknown currencies stay apart.
pub(crate) fn currency_code(raw: Option<&str>) -> String {
    let text = raw.map(str::trim).unwrap_or("");
    match text.to_uppercase().as_str() {
        "" | "CNY" | "RMB" | "人民币" | "人民币元" | "156" | "本币" | "01" => {
            "CNY".to_string()
        }
        other => other.to_string(),
    }
}

/// Seconds since 1970 of a stored `YYYY-MM-DD HH:MM:SS` (or bare `YYYY-MM-DD`) time.
pub(crate) fn parse_time(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        part.iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let date = NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)?;
    let (h, m, s) = if b.len() >= 19 {
        (num(11..13)?, num(14..16)?, num(17..19)?)
    } else {
        (0, 0, 0)
    };
    Some(date.and_hms_opt(h, m, s)?.and_utc().timestamp())
}

/// `YYYY-MM-DD HH:MM:SS` of seconds since 1970.
pub(crate) fn time_text(at: i64) -> String {
    DateTime::from_timestamp(at, 0)
        .map_or_else(String::new, |t| t.format("%Y-%m-%d %H:%M:%S").to_string())
}
