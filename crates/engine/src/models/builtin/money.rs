//! The money the bank statements show, as the money-flow models read it: every
//! successful transaction once, indexed per account by time, with who holds each
//! account. One SQL scan builds it; the models then work in memory.
//!
//! A transfer between two accounts appears in both statements; a copy from the
//! sender's statement is paired with one from the receiver's (same two accounts, time to
//! the second, amount, currency — the rule of `resolve::accounts` and `graph::money`), so
//! two genuine transfers of the same amount in the same second stay two. Failed rows
//! (`success = 0`), rows without a time, amount or direction, and self-transfers move no
//! money and are left out. Amounts are kept in fen per currency and never summed across
//! currencies. Holders come from each account's own statement first, then from the rows
//! where it is the counterparty, then from `holds_account` links (benefit accounts).
//!
//! This is not the case graph (`graph::money` traces for the UI and needs a rebuild); it
//! does not write anything.

use rusqlite::types::ValueRef;
use rusqlite::Connection;

use crate::error::Result;
use crate::models::{AlertDraft, RecordRef, Subject, SubjectType};
use crate::progress::CancelFlag;
use crate::resolve::{currency_code, parse_time, transfer_ends};

pub(in crate::models) mod edges;

pub(in crate::models) use crate::fasthash::FastMap;

/// An account's number in the ledger.
pub(in crate::models) type Acct = u32;

/// One end of a transfer: a known account, a counterparty known only by name, or cash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(in crate::models) enum End {
    Account(Acct),
    Named(u32),
    Cash,
}

/// One movement of money.
#[derive(Clone, Copy, Debug)]
pub(in crate::models) struct Transfer {
    pub from: End,
    pub to: End,
    /// Seconds since 1970 (the statement's local time read as UTC).
    pub at: i64,
    pub fen: i64,
    pub currency: u16,
    pub cash: bool,
    /// The statement row; `twin` is the other statement's copy (0: none).
    pub record: i64,
    pub twin: i64,
}

impl Transfer {
    /// The statement rows behind this transfer.
    pub fn records(&self) -> impl Iterator<Item = RecordRef> {
        [self.record, self.twin]
            .into_iter()
            .filter(|&r| r != 0)
            .map(|record_id| RecordRef {
                table: "bank_transactions",
                record_id,
            })
    }
}

/// Who holds an account, as far as the case says.
#[derive(Clone, Debug, Default)]
pub(in crate::models) struct Holder {
    /// ID number or credit code, as stored.
    pub id: Option<String>,
    pub name: Option<String>,
    /// 0: the account's own statement; 1: a counterparty column; 2: a link; 3: nothing yet.
    pub rank: u8,
}

/// The case's money, indexed.
#[derive(Default)]
pub(in crate::models) struct Ledger {
    pub transfers: Vec<Transfer>,
    digits: Vec<String>,
    account_ix: FastMap<String, Acct>,
    holders: Vec<Holder>,
    names: Vec<String>,
    name_ix: FastMap<String, u32>,
    currencies: Vec<String>,
    /// Per account, the transfers it sent / received, in time order.
    out: Vec<Vec<u32>>,
    inc: Vec<Vec<u32>>,
    /// Every account an identifier (ID number, credit code) or a holder name was seen on.
    by_holder_id: FastMap<String, Vec<Acct>>,
    by_holder_name: FastMap<String, Vec<Acct>>,
    recent: Recent,
}

/// What the previous statement row said, while loading.
#[derive(Default)]
struct Recent {
    digits: String,
    acct: Acct,
    id: Option<String>,
    name: Option<String>,
    currency_raw: Option<String>,
    currency: Option<u16>,
}

/// A statement row as read, before pairing.
struct Row {
    t: Transfer,
    /// Whether the row is the sender's statement (its `account` is `from`).
    senders_copy: bool,
}

const BANK_SQL: &str = "
    SELECT id, account, holder_name, holder_id, time, amount, direction, currency,
           counterparty_account, counterparty_name, counterparty_id, cash, success
    FROM bank_transactions";

const HOLDS_SQL: &str = "
    SELECT p.key, p.name, a.key FROM links l
    JOIN entities p ON p.id = l.src JOIN entities a ON a.id = l.dst
    WHERE l.type = 'holds_account'";

fn text(v: ValueRef<'_>) -> Option<&str> {
    match v {
        ValueRef::Text(t) => std::str::from_utf8(t)
            .ok()
            .map(str::trim)
            .filter(|s| !s.is_empty()),
        _ => None,
    }
}

fn int(v: ValueRef<'_>) -> Option<i64> {
    match v {
        ValueRef::Integer(i) => Some(i),
        ValueRef::Real(x) => Some(x as i64),
        _ => None,
    }
}

fn real(v: ValueRef<'_>) -> Option<f64> {
    match v {
        ValueRef::Real(x) => Some(x),
        ValueRef::Integer(i) => Some(i as f64),
        _ => None,
    }
}

impl Ledger {
    /// Reads every bank row and the `holds_account` links (when a rebuild made them).
    pub fn load(conn: &Connection) -> Result<Ledger> {
        let mut ledger = Ledger::default();
        let mut rows = Vec::new();
        let mut stmt = conn.prepare(BANK_SQL)?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            if let Some(row) = ledger.read_row(r)? {
                rows.push(row);
            }
        }
        ledger.read_links(conn)?;
        ledger.pair(rows);
        ledger.index();
        Ok(ledger)
    }

    fn read_row(&mut self, r: &rusqlite::Row<'_>) -> Result<Option<Row>> {
        let v = |i: usize| r.get_ref(i);
        let Some(own_digits) = text(v(1)?) else {
            return Ok(None);
        };
        let own = self.own_account(own_digits, text(v(3)?), text(v(2)?));
        let other = match text(v(8)?) {
            Some(d) => {
                let a = self.account(d);
                self.see_holder(a, text(v(10)?), text(v(9)?), 1);
                End::Account(a)
            }
            None => match text(v(9)?) {
                Some(name) if !is_cash_word(name) => End::Named(self.name(name)),
                _ => End::Cash,
            },
        };
        let (Some(time), Some(amount)) = (text(v(4)?), real(v(5)?)) else {
            return Ok(None);
        };
        let Some(at) = seconds(time) else {
            return Ok(None);
        };
        let Some((from, to)) =
            transfer_ends(End::Account(own), other, int(v(6)?), int(v(12)?), amount)
        else {
            return Ok(None);
        };
        let currency = self.row_currency(text(v(7)?));
        let t = Transfer {
            from,
            to,
            at,
            fen: (amount * 100.0).round() as i64,
            currency,
            cash: int(v(11)?) == Some(1) || other == End::Cash,
            record: r.get(0)?,
            twin: 0,
        };
        Ok(Some(Row {
            t,
            senders_copy: from == End::Account(own),
        }))
    }

    /// The statement's own account; statements come account by account, so the last
    /// row's account and holder are remembered rather than looked up again.
    fn own_account(&mut self, digits: &str, id: Option<&str>, name: Option<&str>) -> Acct {
        let r = &self.recent;
        if r.digits == digits && r.id.as_deref() == id && r.name.as_deref() == name {
            return r.acct;
        }
        let a = self.account(digits);
        self.see_holder(a, id, name, 0);
        self.recent = Recent {
            digits: digits.to_string(),
            acct: a,
            id: id.map(str::to_string),
            name: name.map(str::to_string),
            ..std::mem::take(&mut self.recent)
        };
        a
    }

    /// The currency of a row, remembering the last spelling seen.
    fn row_currency(&mut self, raw: Option<&str>) -> u16 {
        if self.recent.currency_raw.as_deref() == raw {
            if let Some(c) = self.recent.currency {
                return c;
            }
        }
        let c = self.currency(currency_code(raw));
        self.recent.currency_raw = raw.map(str::to_string);
        self.recent.currency = Some(c);
        c
    }

    fn read_links(&mut self, conn: &Connection) -> Result<()> {
        let mut stmt = conn.prepare(HOLDS_SQL)?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let (Some(person), Some(digits)) = (text(r.get_ref(0)?), text(r.get_ref(2)?)) else {
                continue;
            };
            if person.contains('#') {
                continue;
            }
            let (person, name, digits) = (
                person.to_string(),
                text(r.get_ref(1)?).map(str::to_string),
                digits.to_string(),
            );
            let a = self.account(&digits);
            self.see_holder(a, Some(&person), name.as_deref(), 2);
        }
        Ok(())
    }

    /// Pairs the sender's and the receiver's copies of each transfer.
    fn pair(&mut self, mut rows: Vec<Row>) {
        let key = |t: &Transfer| (t.from, t.to, t.at, t.fen, t.currency);
        rows.sort_unstable_by_key(|r| (key(&r.t), r.t.record));
        let mut out = Vec::with_capacity(rows.len());
        for group in rows.chunk_by(|x, y| key(&x.t) == key(&y.t)) {
            let (senders, receivers): (Vec<&Row>, Vec<&Row>) =
                group.iter().partition(|r| r.senders_copy);
            let n = senders.len().max(receivers.len());
            for i in 0..n {
                let first = senders.get(i).or(receivers.get(i));
                let Some(first) = first else { continue };
                let mut t = first.t;
                if let (Some(_), Some(other)) = (senders.get(i), receivers.get(i)) {
                    t.twin = other.t.record;
                }
                out.push(t);
            }
        }
        out.sort_unstable_by_key(|t| (t.at, t.record));
        self.transfers = out;
    }

    fn index(&mut self) {
        let n = self.digits.len();
        self.out = vec![Vec::new(); n];
        self.inc = vec![Vec::new(); n];
        for (i, t) in self.transfers.iter().enumerate() {
            if let End::Account(a) = t.from {
                self.out[a as usize].push(i as u32);
            }
            if let End::Account(a) = t.to {
                self.inc[a as usize].push(i as u32);
            }
        }
    }

    fn account(&mut self, digits: &str) -> Acct {
        if let Some(&a) = self.account_ix.get(digits) {
            return a;
        }
        let a = self.digits.len() as Acct;
        self.digits.push(digits.to_string());
        self.account_ix.insert(digits.to_string(), a);
        self.holders.push(Holder {
            rank: 3,
            ..Holder::default()
        });
        a
    }

    fn name(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.name_ix.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.to_string());
        self.name_ix.insert(name.to_string(), i);
        i
    }

    fn currency(&mut self, code: String) -> u16 {
        if let Some(i) = self.currencies.iter().position(|c| *c == code) {
            return i as u16;
        }
        self.currencies.push(code);
        (self.currencies.len() - 1) as u16
    }

    fn see_holder(&mut self, a: Acct, id: Option<&str>, name: Option<&str>, rank: u8) {
        let h = &self.holders[a as usize];
        // Nothing new: the best sighting so far already says this (and was noted).
        let same_name = name.is_none() || h.name.as_deref() == name;
        let same_id = id.is_none() || h.id.as_deref() == id;
        if h.rank <= rank && same_name && same_id {
            return;
        }
        if let Some(id) = id {
            note(&mut self.by_holder_id, id, a);
        }
        if let Some(name) = name {
            note(&mut self.by_holder_name, name, a);
        }
        let h = &mut self.holders[a as usize];
        if rank < h.rank && (id.is_some() || name.is_some()) {
            h.rank = rank;
            h.id = id.map(str::to_string);
            h.name = name.map(str::to_string);
        } else if rank == h.rank && h.id.is_none() && id.is_some() {
            h.id = id.map(str::to_string);
        }
    }

    // ---- lookups ----

    pub fn account_count(&self) -> usize {
        self.digits.len()
    }

    /// Asks `f` for the alerts of every account in turn, checking for cancellation every
    /// 4,096 accounts: the loop the per-account models share.
    pub fn alerts_per_account(
        &self,
        cancel: &CancelFlag,
        mut f: impl FnMut(Acct) -> Vec<AlertDraft>,
    ) -> Result<Vec<AlertDraft>> {
        let mut out = Vec::new();
        for a in 0..self.account_count() as Acct {
            if a % 4096 == 0 {
                cancel.check()?;
            }
            out.extend(f(a));
        }
        Ok(out)
    }

    pub fn digits(&self, a: Acct) -> &str {
        self.digits.get(a as usize).map_or("", String::as_str)
    }

    pub fn account_of(&self, digits: &str) -> Option<Acct> {
        self.account_ix.get(digits).copied()
    }

    pub fn holder(&self, a: Acct) -> Option<&Holder> {
        self.holders.get(a as usize)
    }

    /// The transfers an account sent / received, in time order.
    pub fn outgoing(&self, a: Acct) -> &[u32] {
        self.out.get(a as usize).map_or(&[], Vec::as_slice)
    }

    pub fn incoming(&self, a: Acct) -> &[u32] {
        self.inc.get(a as usize).map_or(&[], Vec::as_slice)
    }

    pub fn get(&self, i: u32) -> &Transfer {
        &self.transfers[i as usize]
    }

    /// The currency index of yuan, if any row is in yuan.
    pub fn cny(&self) -> Option<u16> {
        self.currencies
            .iter()
            .position(|c| c == "CNY")
            .map(|i| i as u16)
    }

    pub fn currency_code(&self, c: u16) -> &str {
        self.currencies.get(c as usize).map_or("", String::as_str)
    }

    /// Every account whose holder was given this ID number or credit code.
    pub fn accounts_of_id(&self, id: &str) -> &[Acct] {
        self.by_holder_id.get(id).map_or(&[], Vec::as_slice)
    }

    /// Every account whose holder was written with exactly this name.
    pub fn accounts_of_name(&self, name: &str) -> &[Acct] {
        self.by_holder_name.get(name).map_or(&[], Vec::as_slice)
    }

    // ---- text ----

    /// "账户6230543000036655158(孙立平)".
    pub fn account_text(&self, a: Acct) -> String {
        match self.holder(a).and_then(|h| h.name.as_deref()) {
            Some(name) => format!("账户{}({name})", self.digits(a)),
            None => format!("账户{}", self.digits(a)),
        }
    }

    /// "孙立平(6230543000036655158)", a counterparty's name, or "现金".
    pub fn end_text(&self, e: End) -> String {
        match e {
            End::Account(a) => match self.holder(a).and_then(|h| h.name.as_deref()) {
                Some(name) => format!("{name}({})", self.digits(a)),
                None => self.digits(a).to_string(),
            },
            End::Named(n) => self.names.get(n as usize).cloned().unwrap_or_default(),
            End::Cash => "现金".to_string(),
        }
    }

    /// "80,000.00元", or "5,000.00 USD" outside yuan.
    pub fn money(&self, fen: i64, currency: u16) -> String {
        let code = self.currency_code(currency);
        if code == "CNY" {
            yuan(fen)
        } else {
            format!("{} {code}", amount_text(fen))
        }
    }

    /// The account and its holder as alert subjects (`role` for the account).
    pub fn account_subjects(&self, a: Acct, account_role: &str, holder_role: &str) -> Vec<Subject> {
        let h = self.holder(a).cloned().unwrap_or_default();
        let name = h.name.clone().unwrap_or_default();
        let mut out = vec![Subject {
            subject_type: SubjectType::Account,
            id: self.digits(a).to_string(),
            name: name.clone(),
            role: account_role.to_string(),
        }];
        if let Some(id) = h.id.as_deref() {
            out.push(Subject {
                subject_type: id_type(id),
                id: id.to_string(),
                name,
                role: holder_role.to_string(),
            });
        }
        out
    }
}

/// Adds account `a` to the list under `key`.
fn note(map: &mut FastMap<String, Vec<Acct>>, key: &str, a: Acct) {
    match map.get_mut(key) {
        Some(list) if list.contains(&a) => {}
        Some(list) => list.push(a),
        None => {
            map.insert(key.to_string(), vec![a]);
        }
    }
}

/// Seconds since 1970 of a stored `YYYY-MM-DD HH:MM:SS`, read by hand (a million rows);
/// anything else goes to the general parser.
fn seconds(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let shape = b.len() == 19
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b' '
        && b[13] == b':'
        && b[16] == b':';
    if !shape {
        return parse_time(text);
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        b[r].iter().try_fold(0i64, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
        })
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hh, mm, ss) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 || ss > 59 {
        return parse_time(text);
    }
    let day = days_from_civil(y, m, d);
    let next_month = if m == 12 {
        days_from_civil(y + 1, 1, 1)
    } else {
        days_from_civil(y, m + 1, 1)
    };
    if day >= next_month {
        return parse_time(text);
    }
    Some(day * 86_400 + hh * 3600 + mm * 60 + ss)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Counterparty names that mean "no counterparty".
fn is_cash_word(name: &str) -> bool {
    matches!(name, "现金" | "现金存入" | "现金支取" | "ATM" | "柜台")
}

/// A person when the identifier looks like an ID number, else a company.
pub(in crate::models) fn id_type(id: &str) -> SubjectType {
    let b = id.as_bytes();
    if b.len() == 18 && b[..17].iter().all(u8::is_ascii_digit) {
        SubjectType::Person
    } else {
        SubjectType::Company
    }
}

/// "80,000.00".
pub(in crate::models) fn amount_text(fen: i64) -> String {
    let (whole, cents) = (fen.unsigned_abs() / 100, fen.unsigned_abs() % 100);
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{out}.{cents:02}")
}

/// "80,000.00元".
pub(in crate::models) fn yuan(fen: i64) -> String {
    format!("{}元", amount_text(fen))
}

/// "2023-03-06 09:12".
pub(in crate::models) fn minute(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map_or_else(String::new, |t| t.format("%Y-%m-%d %H:%M").to_string())
}

/// "2023-03-06".
pub(in crate::models) fn day(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map_or_else(String::new, |t| t.format("%Y-%m-%d").to_string())
}

/// The share `part / whole` as "95.2%".
pub(in crate::models) fn percent(part: i64, whole: i64) -> String {
    if whole == 0 {
        return "-".to_string();
    }
    format!("{:.1}%", part as f64 * 100.0 / whole as f64)
}

/// Fen of a yuan parameter.
pub(in crate::models) fn fen_of(yuan: f64) -> i64 {
    (yuan * 100.0).round() as i64
}

/// Sorted, deduplicated evidence.
pub(in crate::models) fn evidence(refs: impl IntoIterator<Item = RecordRef>) -> Vec<RecordRef> {
    let mut out: Vec<RecordRef> = refs.into_iter().collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests;
