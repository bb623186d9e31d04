//! A synthetic case for the benchmark, written straight into the kind tables as the
//! importer would leave them: people in households of four, officials, companies with
//! shareholders, contracts, bids, one account per person and company, and bank
//! statement rows between the accounts (a quarter of the transfers also appear in the
//! receiving account's statement, 1% fail, 1% are in US dollars). Deterministic for a
//! given size. Not a realistic case: a large one, to measure speed and memory.

use rusqlite::{params, Connection};

/// xorshift64*: small, fast and reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

pub struct Size {
    pub people: usize,
    pub transactions: usize,
}

/// A valid ID number for person `i`: birth dates and sequence numbers from `i`.
pub fn person_id(i: usize) -> String {
    let day = chrono::NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or_default()
        + chrono::TimeDelta::days((i / 500) as i64 * 3);
    let first17 = format!("110101{}{:03}", day.format("%Y%m%d"), i % 500 * 2 + i % 2);
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    format!("{first17}{}", b"10X98765432"[(sum % 11) as usize] as char)
}

pub fn company_code(i: usize) -> String {
    format!("91{i:016}")
}

pub fn person_account(i: usize) -> String {
    format!("6222{i:012}")
}

pub fn company_account(i: usize) -> String {
    format!("6228{i:012}")
}

pub fn unit_name(i: usize) -> String {
    format!("第{i}局")
}

pub fn companies(size: &Size) -> usize {
    size.people / 10
}

const UNITS: usize = 200;

/// Fills an empty case.
pub fn fill(conn: &Connection, size: &Size) -> rusqlite::Result<()> {
    let tx = conn.unchecked_transaction()?;
    tx.execute(
        "INSERT INTO files (id, sha256, name, size, format, imported_at, imported_by)
         VALUES (1, ?1, 'synthetic.xlsx', 0, 'xlsx', '2024-01-01 00:00:00', 'bench')",
        [&"0".repeat(64)],
    )?;
    let mut rng = Rng::new(42);
    people(&tx, size)?;
    organisations(&tx, size, &mut rng)?;
    transactions(&tx, size, &mut rng)?;
    tx.commit()
}

fn people(tx: &Connection, size: &Size) -> rusqlite::Result<()> {
    let mut household = tx.prepare(
        "INSERT INTO households (file_id, sheet, row_no, fp, household_id, name, id_number, id_number_valid, relation)
         VALUES (1, 'H', ?1, ?1, ?2, ?3, ?4, 1, ?5)",
    )?;
    let words = [["户主", "妻", "长子", "次女"], ["户主", "夫", "女", "父亲"]];
    for i in 0..size.people {
        let word = words[(i / 4) % 2][i % 4];
        household.execute(params![
            i as i64 + 2,
            format!("HH{}", i / 4),
            format!("人{i}"),
            person_id(i),
            word
        ])?;
    }
    let mut official = tx.prepare(
        "INSERT INTO officials (file_id, sheet, row_no, fp, name, id_number, id_number_valid, unit, position, start_date)
         VALUES (1, 'O', ?1, ?1, ?2, ?3, 1, ?4, '科长', ?5)",
    )?;
    for i in (0..size.people).step_by(20) {
        let start = format!("20{:02}-0{}-01", 10 + i % 13, 1 + i % 9);
        official.execute(params![
            i as i64 + 2,
            format!("人{i}"),
            person_id(i),
            unit_name(i % UNITS),
            start
        ])?;
    }
    Ok(())
}

fn organisations(tx: &Connection, size: &Size, rng: &mut Rng) -> rusqlite::Result<()> {
    let n = companies(size);
    let mut company = tx.prepare(
        "INSERT INTO companies (file_id, sheet, row_no, fp, company_name, uscc, uscc_valid, legal_rep, legal_rep_id, legal_rep_id_valid, phone)
         VALUES (1, 'C', ?1, ?1, ?2, ?3, 1, ?4, ?5, 1, ?6)",
    )?;
    let mut holder = tx.prepare(
        "INSERT INTO company_people (file_id, sheet, row_no, fp, uscc, uscc_valid, name, id_number, id_number_valid, id_number_type, role, share_ratio)
         VALUES (1, 'P', ?1, ?1, ?2, 1, ?3, ?4, 1, 'person', '股东', ?5)",
    )?;
    for i in 0..n {
        let rep = rng.below(size.people);
        let phone = format!("139{:08}", rng.below(n * 9 / 10));
        company.execute(params![
            i as i64 + 2,
            format!("公司{i}有限公司"),
            company_code(i),
            format!("人{rep}"),
            person_id(rep),
            phone
        ])?;
        for (k, ratio) in [0.6, 0.4].into_iter().enumerate() {
            let p = rng.below(size.people);
            holder.execute(params![
                (2 * i + k) as i64 + 2,
                company_code(i),
                format!("人{p}"),
                person_id(p),
                ratio
            ])?;
        }
    }
    let mut contract = tx.prepare(
        "INSERT INTO contracts (file_id, sheet, row_no, fp, contract_no, buyer_unit, supplier_name, supplier_uscc, supplier_uscc_valid, amount, signed_date)
         VALUES (1, 'K', ?1, ?1, ?2, ?3, ?4, ?5, 1, ?6, ?7)",
    )?;
    for i in 0..n * 2 {
        let c = rng.below(n);
        let date = format!(
            "202{}-{:02}-{:02}",
            rng.below(5),
            1 + rng.below(12),
            1 + rng.below(28)
        );
        let amount = (10_000 + rng.below(2_000_000)) as f64;
        contract.execute(params![
            i as i64 + 2,
            format!("HT-{i}"),
            unit_name(rng.below(UNITS)),
            format!("公司{c}有限公司"),
            company_code(c),
            amount,
            date
        ])?;
    }
    let mut bid = tx.prepare(
        "INSERT INTO bids (file_id, sheet, row_no, fp, tender_no, bidder_name, bidder_uscc, bidder_uscc_valid, bid_price, ip)
         VALUES (1, 'B', ?1, ?1, ?2, ?3, ?4, 1, ?5, ?6)",
    )?;
    for i in 0..n {
        let c = rng.below(n);
        let ip = format!("10.0.{}.{}", rng.below(40), rng.below(250));
        bid.execute(params![
            i as i64 + 2,
            format!("ZB-{}", i / 4),
            format!("公司{c}有限公司"),
            company_code(c),
            100_000.0,
            ip
        ])?;
    }
    Ok(())
}

fn transactions(tx: &Connection, size: &Size, rng: &mut Rng) -> rusqlite::Result<()> {
    let accounts = size.people + companies(size);
    let account = |i: usize| {
        if i < size.people {
            person_account(i)
        } else {
            company_account(i - size.people)
        }
    };
    let holder = |i: usize| (i < size.people).then(|| person_id(i));
    let mut row = tx.prepare(
        "INSERT INTO bank_transactions (file_id, sheet, row_no, fp, account, account_valid, holder_name, holder_id, holder_id_valid,
                                        time, amount, direction, currency, counterparty_account, counterparty_account_valid, success)
         VALUES (1, 'T', ?1, ?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11)",
    )?;
    let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    let mut written = 0;
    while written < size.transactions {
        let s = rng.below(accounts);
        let r = if rng.below(10) < 6 {
            (s + 7 * (1 + rng.below(20))) % accounts
        } else {
            rng.below(accounts)
        };
        let time = (start + chrono::TimeDelta::seconds(rng.below(730 * 86_400) as i64))
            .format("%Y-%m-%d %H:%M:%S")
            .to_string();
        let amount = (100.0 * 5000f64.powf(rng.below(10_000) as f64 / 10_000.0)).round();
        let currency = if rng.below(100) == 0 {
            Some("USD")
        } else {
            None
        };
        let success = if rng.below(100) == 0 { 0 } else { 1 };
        let both = rng.below(4) == 0;
        for (own, other, direction) in
            [(s, r, -1), (r, s, 1)]
                .into_iter()
                .take(if both { 2 } else { 1 })
        {
            let h = holder(own);
            written += 1;
            row.execute(params![
                written as i64 + 1,
                account(own),
                format!("户{own}"),
                h,
                h.as_ref().map(|_| 1),
                time,
                amount,
                direction,
                currency,
                account(other),
                success
            ])?;
        }
    }
    Ok(())
}
