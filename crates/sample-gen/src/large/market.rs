//! Bids, invoices and the planted split contracts of the large case.
//!
//! Every company bids from its own phone, IP address, MAC address and contact person,
//! and no company has a shareholder of another, so `bid-collusion` fires only on the
//! planted tenders. A seller's invoices are numbered in issue order and two invoices in
//! a row never go to the same buyer, so `sequential-invoices` fires only on the plants.

use super::stream::XlsxStream;
use super::{Ctx, SEED};
use crate::files::{BIDS, BIDS_HEADER, INVOICES, INVOICES_HEADER};
use crate::records::{bid_cells, invoice_cells, BidLine, InvoiceLine, Party};
use crate::rng::Rng;
use crate::writers::Cell;
use anyhow::Result;
use chrono::{Days, NaiveDate};
use std::path::{Path, PathBuf};

const ITEMS: [&str; 6] = [
    "道路硬化工程",
    "办公设备",
    "校舍维修",
    "医疗设备",
    "绿化养护服务",
    "信息化系统",
];

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn phone(c: usize) -> String {
    format!("139{:08}", 7_390_000 + c)
}

fn ip(c: usize) -> String {
    let a = c / 250;
    format!("10.{}.{}.{}", 40 + a / 250, a % 250, c % 250 + 2)
}

fn mac(c: usize) -> String {
    format!(
        "5C-F9-DD-{:02X}-{:02X}-{:02X}",
        (c >> 16) & 255,
        (c >> 8) & 255,
        c & 255
    )
}

fn company<'w>(ctx: &Ctx<'w>, c: usize) -> Party<'w> {
    let (name, uscc) = &ctx.w.companies[c];
    Party { name, uscc }
}

/// One tender per twenty people, three to five bidders each.
pub(super) fn bids(out: &Path, ctx: &mut Ctx) -> Result<(PathBuf, u64)> {
    let w = ctx.w;
    let nc = w.companies.len();
    let tenders = (w.n() / 20).max(4);
    let step = (tenders / ctx.count(1, 1)).max(1);
    let mut rng = Rng::new(SEED ^ 0xB1D5);
    let path = out.join(BIDS);
    let mut x = XlsxStream::new(&BIDS_HEADER)?;
    let mut rows = 0u64;
    let mut found = Vec::new();
    for t in 0..tenders {
        let tender = format!("QHZB-L-{:05}", t + 1);
        let project = format!(
            "{}{}项目",
            w.units[t % w.units.len()],
            ITEMS[t % ITEMS.len()]
        );
        let k = 3 + rng.below(3) as usize;
        let mut bidders: Vec<usize> = Vec::with_capacity(k);
        while bidders.len() < k.min(nc) {
            let c = rng.below(nc as u64) as usize;
            if !bidders.contains(&c) {
                bidders.push(c);
            }
        }
        let base = rng.range(200_000, 5_000_000) as f64;
        let winner = rng.below(bidders.len() as u64) as usize;
        let planted = t % step == step / 2;
        for (j, &c) in bidders.iter().enumerate() {
            let price =
                (base * (1.0 + j as f64 * 0.013 + rng.below(100) as f64 / 10_000.0)).round();
            let (mut ph, mut addr, mut m) = (phone(c), ip(c), mac(c));
            let shared = (t / step) % 3;
            if planted && j == 1 {
                let first = bidders[0];
                match shared {
                    0 => addr = ip(first),
                    1 => m = mac(first),
                    _ => ph = phone(first),
                }
            }
            x.push(&bid_cells(&BidLine {
                tender: &tender,
                project: &project,
                bidder: company(ctx, c),
                price,
                contact: &w.contacts[c],
                phone: &ph,
                ip: &addr,
                mac: &m,
                won: j == winner,
            }))?;
            rows += 1;
            if planted && j == 1 {
                let what = ["投标IP", "MAC地址", "联系电话"][shared];
                found.push((tender.clone(), bidders[0], c, what));
            }
        }
    }
    for (tender, a, b, what) in found {
        let (pa, pb) = (company(ctx, a), company(ctx, b));
        let (subjects, note) = (
            format!("{tender},{},{}", pa.uscc, pb.uscc),
            format!("{tender}中{}与{}使用同一{what}", pa.name, pb.name),
        );
        ctx.plant("bid-collusion", subjects, note);
    }
    x.save(&path)?;
    Ok((path, rows))
}

/// About one invoice per inhabitant: each company issues 12 to 32 from its own code.
pub(super) fn invoices(out: &Path, ctx: &mut Ctx) -> Result<(PathBuf, u64)> {
    let w = ctx.w;
    let (nu, nc) = (w.units.len(), w.companies.len());
    let step = (nc / ctx.count(1, 1)).max(1);
    let target = w.n();
    let mut rng = Rng::new(SEED ^ 0x1A01CE);
    let path = out.join(INVOICES);
    let mut x = XlsxStream::new(&INVOICES_HEADER)?;
    let mut rows = 0usize;
    let buyer = |b: usize| -> Party {
        if b < nu {
            Party {
                name: &w.units[b],
                uscc: &w.unit_codes[b],
            }
        } else {
            company(ctx, b - nu)
        }
    };
    let mut planted = Vec::new();
    for s in 0..nc {
        if rows >= target {
            break;
        }
        let code = format!("0430023{:05}", s % 100_000);
        let mut number = 1_000_000 + rng.below(8_000_000) as u32;
        let mut date = day(2023, 1, 1) + Days::new(rng.below(20));
        let mut last = usize::MAX;
        let goods = ITEMS[s % ITEMS.len()];
        for _ in 0..rng.range(12, 32) {
            let b = loop {
                let b = if rng.chance(50) {
                    rng.below(nu as u64) as usize
                } else {
                    nu + rng.below(nc as u64) as usize
                };
                if b != last && b != nu + s {
                    break b;
                }
            };
            let amount = rng.range(100_000, 20_000_000) as f64 / 100.0;
            x.push(&invoice_cells(&InvoiceLine {
                code: &code,
                number,
                date,
                seller: company(ctx, s),
                buyer: buyer(b),
                goods,
                amount,
            }))?;
            rows += 1;
            number += 1 + rng.below(3) as u32;
            date = date + Days::new(rng.below(25));
            last = b;
        }
        if s % step == step / 2 {
            let u = if s % nu == last { (s + 1) % nu } else { s % nu };
            let n = 3 + (s / step) % 3;
            for i in 0..n as u32 {
                x.push(&invoice_cells(&InvoiceLine {
                    code: &code,
                    number: number + i,
                    date,
                    seller: company(ctx, s),
                    buyer: buyer(u),
                    goods,
                    amount: 96_000.0 + i as f64 * 1_000.0,
                }))?;
                rows += 1;
            }
            planted.push((s, u, code.clone(), number, n as u32));
        }
    }
    let notes: Vec<(String, String)> = planted
        .into_iter()
        .map(|(s, u, code, first, n)| {
            let (seller, b) = (company(ctx, s), buyer(u));
            (
                format!("{},{}", seller.uscc, b.uscc),
                format!(
                    "{}向{}开具发票代码{code}、号码{first:08}—{:08}共{n}张连号发票",
                    seller.name,
                    b.name,
                    first + n - 1
                ),
            )
        })
        .collect();
    for (subjects, note) in notes {
        ctx.plant("sequential-invoices", subjects, note);
    }
    x.save(&path)?;
    Ok((path, rows as u64))
}

/// Appends pairs of contracts a unit signed with one supplier 30–69 days apart, each
/// below the 1,000,000 goods threshold and together above it (`split-procurement`).
/// Suppliers come from the second half of the registry, whose people hold no office in
/// a buying unit. Returns the rows added.
pub(super) fn split_contracts(x: &mut XlsxStream, ctx: &mut Ctx) -> Result<u64> {
    let w = ctx.w;
    let nc = w.companies.len();
    let mut rows = 0;
    for j in 0..ctx.count(1, 2) {
        let unit = &w.units[(j * 7 + 3) % w.units.len()];
        let (name, code) = &w.companies[nc / 2 + j * 37 % (nc / 2)];
        let first = day(2023, 3 + (j % 8) as u32, 5);
        let second = first + Days::new(30 + (j % 40) as u64);
        let mut total = 0.0;
        let mut numbers = Vec::new();
        for (k, (date, qty)) in [(first, 110 + j % 30), (second, 95 + j % 40)]
            .into_iter()
            .enumerate()
        {
            let no = format!("QHCG-L-F{:04}", 2 * j + k + 1);
            let amount = 5_400.0 * qty as f64;
            total += amount;
            x.push(&[
                no.clone().into(),
                unit.into(),
                name.into(),
                code.into(),
                format!("{unit}办公电脑采购(第{}批)", k + 1).into(),
                "台式计算机".into(),
                Cell::Num(5_400.0),
                Cell::Num(qty as f64),
                Cell::Num(amount),
                Cell::Date(date),
            ])?;
            numbers.push(no);
            rows += 1;
        }
        ctx.plant(
            "split-procurement",
            format!("{unit},{code},{}", numbers.join(",")),
            format!(
                "{unit}在{}天内与{name}签订两份台式计算机合同,均低于100万元,合计{total:.0}元",
                (second - first).num_days()
            ),
        );
    }
    Ok(rows)
}
