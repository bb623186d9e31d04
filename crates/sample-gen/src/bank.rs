//! Bank statements: accounts, transactions, and their three layouts (the 38-column
//! feedback template, the platform export, and a bank's own split-column statement).
//!
//! Plants and background add [`Txn`]s to [`Statement`]s; [`write_all`] sorts them, runs
//! the balances and lays the rows out. Which transactions exist is not decided here.

use crate::case::Case;
use crate::files::{BANK38, BANK38_HEADER, BANK_PLATFORM, BANK_SPLIT};
use crate::messy::thousands;
use crate::rng::Rng;
use crate::writers::{Cell, Sheet};
use chrono::{NaiveDate, NaiveDateTime};

/// The other side of a transaction.
#[derive(Clone, Debug)]
pub struct Party {
    pub name: String,
    pub account: String,
    /// ID number or credit code; empty when the bank did not report it.
    pub id: String,
    pub bank: String,
}

#[derive(Clone, Debug)]
pub struct Txn {
    pub time: NaiveDateTime,
    pub amount: f64,
    pub inflow: bool,
    pub party: Party,
    pub summary: &'static str,
    pub cash: bool,
    /// Expectation this transaction supports (its row is cited there).
    pub tag: Option<usize>,
}

/// How the direction is spelt in a statement: (in, out).
pub type Flags = (&'static str, &'static str);
pub const JIE_DAI: Flags = ("贷", "借");
pub const C_D: Flags = ("C", "D");
pub const ONE: Flags = ("1", "-1");
pub const JIN_CHU: Flags = ("进", "出");
pub const SHOU_FU: Flags = ("收", "付");

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Layout {
    Bank38(Flags),
    /// Platform export; `true` writes outgoing amounts in parentheses.
    Platform(Flags, bool),
    Split,
}

#[derive(Clone, Debug)]
pub struct Statement {
    pub holder: String,
    pub holder_id: String,
    pub account: String,
    /// Personal accounts are cards (also shown in the card columns).
    pub is_card: bool,
    pub bank: &'static str,
    pub layout: Layout,
    pub txns: Vec<Txn>,
    /// Add one unreadable row (no time, amount `abc`) in the middle.
    pub garbage_row: bool,
    /// Repeat one row verbatim (the same transaction delivered twice).
    pub duplicate_row: bool,
}

impl Statement {
    pub fn party(&self) -> Party {
        Party {
            name: self.holder.clone(),
            account: self.account.clone(),
            id: self.holder_id.clone(),
            bank: self.bank.to_string(),
        }
    }
}

pub fn at(day: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    day.and_hms_opt(h, m, (h * 7 + m) % 60).unwrap_or_default()
}

const MERCHANTS: &[&str] = &[
    "青禾县好又多超市",
    "财付通-美团",
    "支付宝-淘宝",
    "国网湖南电力",
    "中国移动湖南公司",
    "青禾县加油站",
    "青禾县人民医院收费处",
];

/// Everyday small transactions (never above 9,000, never round, never with a case party).
pub fn noise(
    rng: &mut Rng,
    names: &mut dyn FnMut() -> String,
    from: NaiveDate,
    days: i64,
    n: usize,
) -> Vec<Txn> {
    (0..n)
        .map(|_| {
            let day = from + chrono::Days::new(rng.below(days as u64));
            let inflow = rng.chance(40);
            let merchant = !inflow && rng.chance(60);
            let amount = rng.range(2_000, 880_000) as f64 / 100.0 + 0.37;
            let party = if merchant {
                Party {
                    name: rng.pick(MERCHANTS).to_string(),
                    account: format!("9558{:012}", rng.below(1_000_000_000_000)),
                    id: String::new(),
                    bank: "中国工商银行".into(),
                }
            } else {
                Party {
                    name: names(),
                    account: format!("6217{:015}", rng.below(1_000_000_000_000_000)),
                    id: String::new(),
                    bank: "中国建设银行".into(),
                }
            };
            let summary = if merchant {
                "消费"
            } else if inflow {
                "转账存入"
            } else {
                "转账支取"
            };
            let time = at(day, rng.range(7, 21) as u32, rng.range(0, 59) as u32);
            Txn {
                time,
                amount,
                inflow,
                party,
                summary,
                cash: false,
                tag: None,
            }
        })
        .collect()
}

struct Laid {
    txn: Txn,
    balance: f64,
    serial: String,
}

fn lay(st: &Statement, serial: &mut u64) -> Vec<Laid> {
    let mut txns = st.txns.clone();
    txns.sort_by(|a, b| a.time.cmp(&b.time).then(b.inflow.cmp(&a.inflow)));
    let mut running = 0.0f64;
    let mut lowest = 0.0f64;
    for t in &txns {
        running += if t.inflow { t.amount } else { -t.amount };
        lowest = lowest.min(running);
    }
    let mut balance = -lowest + 3_217.45;
    txns.into_iter()
        .map(|txn| {
            balance += if txn.inflow { txn.amount } else { -txn.amount };
            *serial += 1;
            Laid {
                balance: (balance * 100.0).round() / 100.0,
                serial: format!("QH{:012}", *serial * 7_919 % 1_000_000_000_000),
                txn,
            }
        })
        .collect()
}

/// Writes every statement into its file's sheets and cites tagged rows.
pub fn write_all(case: &mut Case) {
    let statements = std::mem::take(&mut case.statements);
    let mut serial = 0u64;
    for st in &statements {
        let laid = lay(st, &mut serial);
        match st.layout {
            Layout::Bank38(flags) => write_38(case, st, flags, &laid),
            Layout::Platform(flags, parens) => write_platform(case, st, flags, parens, &laid),
            Layout::Split => write_split(case, st, &laid),
        }
    }
    case.statements = statements;
}

fn garbage_38(st: &Statement) -> Vec<Cell> {
    let mut cells = vec![Cell::Empty; 38];
    cells[1] = st.holder.clone().into();
    cells[4] = st.account.clone().into();
    cells[9] = "abc".into();
    cells[21] = "转账".into();
    cells
}

fn write_38(case: &mut Case, st: &Statement, flags: Flags, laid: &[Laid]) {
    let name = format!("{}_{}", st.holder, &st.account[st.account.len() - 4..]);
    let banner = format!("{}账户交易明细查询结果", st.bank);
    let mut sheet = Sheet::new(
        &name,
        &[&banner, "查询时间:2024-06-28 16:02:11", ""],
        &BANK38_HEADER,
    );
    let mut cites = Vec::new();
    for (i, l) in laid.iter().enumerate() {
        if st.garbage_row && i == laid.len() / 2 {
            sheet.reject(garbage_38(st), "无交易时间且交易金额无法识别(abc)");
        }
        let t = &l.txn;
        let card = if st.is_card {
            st.account.clone()
        } else {
            String::new()
        };
        // The D/C bank writes real Excel date-time cells; the others write text.
        let time_cell = if flags == C_D {
            Cell::DateTime(t.time)
        } else {
            Cell::Text(t.time.format("%Y-%m-%d %H:%M:%S").to_string())
        };
        let row = vec![
            Cell::Num((i + 1) as f64),
            st.holder.clone().into(),
            st.bank.into(),
            "交易明细".into(),
            st.account.clone().into(),
            card.clone().into(),
            if t.cash { "现金" } else { "转账" }.into(),
            if t.inflow { flags.0 } else { flags.1 }.into(),
            "人民币".into(),
            Cell::Num(t.amount),
            Cell::Num(l.balance),
            time_cell,
            l.serial.clone().into(),
            st.account.clone().into(),
            card.into(),
            t.party.name.clone().into(),
            t.party.account.clone().into(),
            Cell::Empty,
            t.party.id.clone().into(),
            Cell::Empty,
            t.party.bank.clone().into(),
            t.summary.into(),
            format!("{}青禾支行", st.bank).into(),
            "430524001".into(),
            format!("L{}", &l.serial[2..]).into(),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            if t.cash { "现" } else { "转" }.into(),
            Cell::Empty,
            "成功".into(),
            "湖南省青禾县".into(),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            "A0137".into(),
            Cell::Empty,
        ];
        let n = sheet.push(row);
        if let Some(tag) = t.tag {
            cites.push((tag, n));
        }
    }
    let total: f64 = laid.iter().map(|l| l.txn.amount).sum();
    let mut sub = vec![Cell::Empty; 38];
    sub[0] = "本页小计".into();
    sub[9] = Cell::Num((total * 100.0).round() / 100.0);
    sheet.footer(sub);
    sheet.footer(vec!["以下空白".into()]);
    for (tag, n) in cites {
        case.cite_sheet(tag, BANK38, &name, n);
    }
    case.file_mut(BANK38).sheets.push(sheet);
}

fn write_platform(case: &mut Case, st: &Statement, flags: Flags, parens: bool, laid: &[Laid]) {
    let mut cites = Vec::new();
    let sheet = case.sheet(BANK_PLATFORM);
    for (i, l) in laid.iter().enumerate() {
        if st.garbage_row && i == laid.len() / 2 {
            let mut cells = vec![Cell::Empty; 18];
            cells[1] = st.account.clone().into();
            cells[2] = st.holder.clone().into();
            cells[5] = "abc".into();
            sheet.reject(cells, "无交易时间且交易金额无法识别(abc)");
        }
        let t = &l.txn;
        let amount = if parens && !t.inflow {
            format!("({})", thousands(t.amount))
        } else {
            format!("{:.2}", t.amount)
        };
        let row = vec![
            if st.is_card {
                st.account.clone()
            } else {
                String::new()
            }
            .into(),
            st.account.clone().into(),
            st.holder.clone().into(),
            st.holder_id.clone().into(),
            Cell::Text(t.time.format("%Y-%m-%d %H:%M:%S").to_string()),
            amount.into(),
            Cell::Text(format!("{:.2}", l.balance)),
            if t.inflow { flags.0 } else { flags.1 }.into(),
            t.party.account.clone().into(),
            if t.cash { "现" } else { "转" }.into(),
            t.party.name.clone().into(),
            t.party.id.clone().into(),
            t.party.bank.clone().into(),
            t.summary.into(),
            "人民币".into(),
            format!("{}青禾支行", st.bank).into(),
            "成功".into(),
            Cell::Empty,
        ];
        let n = sheet.push(row.clone());
        if st.duplicate_row && i == 3 {
            sheet.push(row);
        }
        if let Some(tag) = t.tag {
            cites.push((tag, n));
        }
    }
    for (tag, n) in cites {
        case.cite(tag, BANK_PLATFORM, n);
    }
}

fn write_split(case: &mut Case, st: &Statement, laid: &[Laid]) {
    let mut cites = Vec::new();
    let sheet = case.sheet(BANK_SPLIT);
    let (mut total_in, mut total_out) = (0.0, 0.0);
    for l in laid {
        let t = &l.txn;
        let (inc, out) = if t.inflow {
            (thousands(t.amount), String::new())
        } else {
            (String::new(), thousands(t.amount))
        };
        if t.inflow {
            total_in += t.amount
        } else {
            total_out += t.amount
        }
        let n = sheet.push(vec![
            Cell::Text(t.time.format("%Y%m%d").to_string()),
            Cell::Text(t.time.format("%H:%M:%S").to_string()),
            st.account.clone().into(),
            st.holder.clone().into(),
            t.summary.into(),
            inc.into(),
            out.into(),
            Cell::Text(thousands(l.balance)),
            t.party.name.clone().into(),
            t.party.account.clone().into(),
            t.party.bank.clone().into(),
        ]);
        if let Some(tag) = t.tag {
            cites.push((tag, n));
        }
    }
    sheet.footer(vec![
        "合计".into(),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        thousands(total_in).into(),
        thousands(total_out).into(),
    ]);
    for (tag, n) in cites {
        case.cite(tag, BANK_SPLIT, n);
    }
}
