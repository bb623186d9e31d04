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

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::json;

use super::derived::{present, thousands, Derived, Ent, NewLink};
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
struct Side {
    digits: Option<String>,
    valid: Option<i64>,
    name: Option<String>,
    id_number: Option<String>,
    id_valid: Option<i64>,
}

/// The money of a set of transfers between two accounts.
#[derive(Default)]
struct Paid {
    count: u64,
    totals: BTreeMap<String, f64>,
    first: String,
    last: String,
}

impl Paid {
    fn add(&mut self, time: &str, amount: f64, currency: &str) {
        self.count += 1;
        *self.totals.entry(currency.to_string()).or_default() += amount;
        if self.first.is_empty() || time < self.first.as_str() {
            self.first = time.to_string();
        }
        if time > self.last.as_str() {
            self.last = time.to_string();
        }
    }
}

#[derive(Default)]
struct BankState {
    sourced: HashSet<Ent>,
    held: HashSet<(Ent, Ent)>,
    seen: HashSet<(Ent, Ent, i64, i64, String)>,
    paid: HashMap<(Ent, Ent), Paid>,
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
        let own = Side {
            digits: r.get(1)?,
            valid: r.get(2)?,
            name: r.get(3)?,
            id_number: r.get(4)?,
            id_valid: r.get(5)?,
        };
        let other = Side {
            digits: r.get(6)?,
            valid: r.get(7)?,
            name: r.get(8)?,
            id_number: r.get(9)?,
            id_valid: r.get(10)?,
        };
        let a = side(d, &mut st, &own, id);
        let b = side(d, &mut st, &other, id);
        let (Some(a), Some(b)) = (a, b) else {
            return Ok(());
        };
        let (time, amount): (Option<String>, Option<f64>) = (r.get(11)?, r.get(12)?);
        let (Some(time), Some(amount)) = (time, amount) else {
            return Ok(());
        };
        let (direction, success) = (r.get(13)?, r.get(15)?);
        let Some((from, to)) = transfer_ends(a, b, direction, success, amount) else {
            return Ok(());
        };
        let currency = currency_code(r.get::<_, Option<String>>(14)?.as_deref());
        let fen = (amount * 100.0).round() as i64;
        let at = parse_time(&time).unwrap_or(0);
        if st.seen.insert((from, to, at, fen, currency.clone())) {
            let paid = st.paid.entry((from, to)).or_default();
            paid.add(&time, amount, &currency);
        }
        Ok(())
    })?;
    paid_links(d, st.paid);
    Ok(())
}

/// The account of one side of a row, and its holding when the holder's ID is valid.
fn side(d: &mut Derived, st: &mut BankState, side: &Side, record_id: i64) -> Option<Ent> {
    let a = account(d, side.digits.as_deref(), side.valid, side.name.as_deref())?;
    let first = st.sourced.insert(a);
    if first {
        d.source(a, Kind::BankTransactions, record_id);
    }
    if side.id_valid != Some(1) {
        return Some(a);
    }
    let p = person(
        d,
        side.id_number.as_deref(),
        side.id_valid,
        side.name.as_deref(),
        (Kind::BankTransactions, record_id),
        false,
    )?;
    if st.held.insert((p, a)) {
        holds(d, p, a, Some((Kind::BankTransactions, record_id)));
    }
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

fn paid_links(d: &mut Derived, paid: HashMap<(Ent, Ent), Paid>) {
    let mut pairs: Vec<_> = paid.into_iter().collect();
    pairs.sort_by_key(|(k, _)| *k);
    for ((from, to), p) in pairs {
        let label = format!("转账{}笔 共{}", p.count, totals_text(&p.totals));
        let link = NewLink::new(LinkType::Paid, from, to, label)
            .detail(json!({ "count": p.count, "totals": p.totals, "first_time": p.first, "last_time": p.last }))
            .span(Some(date_part(&p.first)), Some(date_part(&p.last)));
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
    if let Ok(t) = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S") {
        return Some(t.and_utc().timestamp());
    }
    let date = NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp())
}
