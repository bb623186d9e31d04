//! One function per extract kind that appends a record to its file in the case, choosing
//! the row's messiness (date and amount spellings) from the row's position.
//!
//! The files themselves (names, banners, headers, descriptions) are declared in
//! `files.rs`; these functions never decide who is in the case.

use crate::case::{Case, Company, Unit};
use crate::files::*;
use crate::ids;
use crate::messy::{fullwidth, plain, thousands, ymd_chinese, ymd_compact, ymd_iso, ymd_slash};
use crate::people::Person;
use crate::writers::Cell;
use chrono::{Datelike, NaiveDate};

/// How an ID number is written in a cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum IdForm {
    Text,
    /// The 15-digit legacy form as text.
    Legacy,
    /// The 15-digit legacy form stored as a number cell (exact: 15 digits fit a double).
    LegacyNumber,
    /// 18 digits stored as a number cell, as Excel keeps it: 15 significant digits.
    LossyNumber,
    Lowercase,
    FullWidth,
}

pub fn id_cell(p: &Person, form: IdForm) -> Cell {
    match form {
        IdForm::Text => Cell::Text(p.id.clone()),
        IdForm::Legacy => Cell::Text(p.id15()),
        IdForm::LegacyNumber => Cell::Num(p.id15().parse::<f64>().unwrap_or(0.0)),
        IdForm::LossyNumber => match p.id.parse::<f64>() {
            Ok(exact) => Cell::Num(format!("{exact:.14e}").parse::<f64>().unwrap_or(exact)),
            Err(_) => Cell::Text(p.id.clone()),
        },
        IdForm::Lowercase => Cell::Text(p.id.to_lowercase()),
        IdForm::FullWidth => Cell::Text(fullwidth(&p.id)),
    }
}

fn date_variant(d: NaiveDate, k: usize) -> Cell {
    match k % 4 {
        0 => Cell::Date(d),
        1 => Cell::Text(ymd_chinese(d)),
        2 => Cell::Text(ymd_slash(d)),
        _ => Cell::Text(ymd_compact(d)),
    }
}

fn amount_variant(a: f64, k: usize) -> Cell {
    match k % 4 {
        0 => Cell::Num(a),
        1 => Cell::Text(thousands(a)),
        2 => Cell::Text(format!("¥{}", thousands(a))),
        _ => Cell::Text(format!("{}元", plain(a))),
    }
}

pub struct Tenure {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

pub fn official(
    case: &mut Case,
    p: &Person,
    form: IdForm,
    unit: &str,
    position: &str,
    category: &str,
    tenure: Tenure,
) -> usize {
    let sheet = case.sheet(OFFICIALS);
    let k = sheet.rows.len();
    let name = if k % 17 == 5 {
        crate::messy::spaced_name(&p.name, k)
    } else {
        p.name.clone()
    };
    let start = if k.is_multiple_of(3) {
        Cell::Text(ymd_iso(tenure.start))
    } else {
        date_variant(tenure.start, k)
    };
    let end = tenure
        .end
        .map(|e| date_variant(e, k + 1))
        .unwrap_or(Cell::Empty);
    sheet.push(vec![
        Cell::Num((k + 1) as f64),
        name.into(),
        id_cell(p, form),
        unit.into(),
        position.into(),
        category.into(),
        start,
        end,
    ])
}

/// Writes a household; `members[0]` must be the head (户主). Returns the row numbers.
pub fn household(
    case: &mut Case,
    members: &[(&Person, &str, IdForm)],
    village: &str,
) -> Vec<usize> {
    case.counters.household += 1;
    let hh = format!("43052410{:04}", case.counters.household);
    let address = format!(
        "湖南省青禾县{village}{}组{}号",
        case.counters.household % 9 + 1,
        case.counters.household % 60 + 1
    );
    let sheet = case.sheet(HOUSEHOLDS);
    let mut rows = Vec::new();
    for (p, relation, form) in members {
        let k = sheet.rows.len();
        let name = if k % 41 == 7 {
            crate::messy::spaced_name(&p.name, k)
        } else {
            p.name.clone()
        };
        rows.push(sheet.push(vec![
            hh.clone().into(),
            name.into(),
            if p.male { "男" } else { "女" }.into(),
            (*relation).into(),
            id_cell(p, *form),
            Cell::Text(ymd_compact(p.birth)),
            address.clone().into(),
        ]));
    }
    rows
}

pub fn new_company(
    case: &mut Case,
    name: &str,
    legal: Person,
    established: NaiveDate,
    kind: &str,
) -> Company {
    case.counters.company += 1;
    let n = case.counters.company;
    let body: String = (0..9)
        .map(|i| ids::USCC_CHARS[(n as usize * 7 + i * 13 + (n as usize >> i)) % 31] as char)
        .collect();
    let uscc = ids::uscc(kind, "430524", &format!("MA4{}", &body[3..]));
    let phone = format!("0739-82{:05}", 11000 + n * 173 % 88000);
    let address = format!(
        "湖南省青禾县{}路{}号",
        ["迎宾", "建设", "人民", "文昌", "工业园", "滨江"][n as usize % 6],
        10 + n * 3
    );
    case.counters.account += 1;
    let account = format!(
        "8301{:010}{:04}",
        2_000_000_000u64 + n as u64 * 7919,
        case.counters.account
    );
    let company = Company {
        name: name.to_string(),
        uscc,
        phone,
        address,
        legal,
        account,
        bank: "青禾农村商业银行",
    };
    case.companies.push(company.clone());
    let sheet = case.sheet(COMPANIES);
    let k = sheet.rows.len();
    sheet.push(vec![
        Cell::Num((k + 1) as f64),
        company.name.clone().into(),
        company.uscc.clone().into(),
        company.legal.name.clone().into(),
        company.legal.id.clone().into(),
        company.address.clone().into(),
        company.phone.clone().into(),
        if k % 5 == 2 {
            Cell::Text(ymd_chinese(established))
        } else {
            Cell::Date(established)
        },
        if k % 11 == 10 {
            "注销"
        } else {
            "存续(在营、开业、在册)"
        }
        .into(),
    ]);
    company
}

/// Share ratio spellings: `35%`, `0.35`, `35`.
pub fn share_text(percent: u32, style: usize) -> String {
    match style % 3 {
        0 => format!("{percent}%"),
        1 => format!("{}", percent as f64 / 100.0),
        _ => format!("{percent}"),
    }
}

pub fn company_person(
    case: &mut Case,
    c: &Company,
    p: &Person,
    role: &str,
    share: Option<u32>,
) -> usize {
    let sheet = case.sheet(COMPANY_PEOPLE);
    let k = sheet.rows.len();
    let name = if k % 23 == 9 {
        crate::messy::spaced_name(&p.name, 4)
    } else {
        p.name.clone()
    };
    sheet.push(vec![
        c.uscc.clone().into(),
        c.name.clone().into(),
        name.into(),
        p.id.clone().into(),
        role.into(),
        share.map(|s| share_text(s, k)).unwrap_or_default().into(),
    ])
}

pub struct ContractLine<'a> {
    pub unit: &'a Unit,
    pub supplier: &'a Company,
    pub item: &'a str,
    pub unit_price: f64,
    pub quantity: f64,
    pub date: NaiveDate,
    pub project: String,
}

/// Returns the contract number and its row.
pub fn contract(case: &mut Case, line: ContractLine) -> (String, usize) {
    case.counters.contract += 1;
    let no = format!("QHCG-{}-{:04}", line.date.year(), case.counters.contract);
    let amount = (line.unit_price * line.quantity * 100.0).round() / 100.0;
    let sheet = case.sheet(CONTRACTS);
    let k = sheet.rows.len();
    let row = sheet.push(vec![
        no.clone().into(),
        line.unit.name.into(),
        line.supplier.name.clone().into(),
        line.supplier.uscc.clone().into(),
        line.project.into(),
        line.item.into(),
        Cell::Num(line.unit_price),
        Cell::Num(line.quantity),
        amount_variant(amount, k),
        date_variant(line.date, k + 2),
    ]);
    (no, row)
}

/// A company or unit as an invoice or bid names it: name and credit code.
#[derive(Clone, Copy, Debug)]
pub struct Party<'a> {
    pub name: &'a str,
    pub uscc: &'a str,
}

impl<'a> From<&'a Company> for Party<'a> {
    fn from(c: &'a Company) -> Self {
        Party {
            name: &c.name,
            uscc: &c.uscc,
        }
    }
}

impl<'a> From<&'a Unit> for Party<'a> {
    fn from(u: &'a Unit) -> Self {
        Party {
            name: u.name,
            uscc: &u.uscc,
        }
    }
}

pub struct BidLine<'a> {
    pub tender: &'a str,
    pub project: &'a str,
    pub bidder: Party<'a>,
    pub price: f64,
    pub contact: &'a str,
    pub phone: &'a str,
    pub ip: &'a str,
    pub mac: &'a str,
    pub won: bool,
}

pub fn bid(case: &mut Case, b: BidLine) -> usize {
    case.sheet(BIDS).push(bid_cells(&b))
}

/// The cells of one bid row (also written by the large case).
pub fn bid_cells(b: &BidLine) -> Vec<Cell> {
    vec![
        b.tender.into(),
        b.project.into(),
        b.bidder.name.into(),
        b.bidder.uscc.into(),
        Cell::Text(thousands(b.price)),
        b.contact.into(),
        b.phone.into(),
        b.ip.into(),
        b.mac.into(),
        if b.won { "是" } else { "否" }.into(),
    ]
}

pub struct BenefitLine<'a> {
    pub program: &'a str,
    pub person: &'a Person,
    pub form: IdForm,
    pub amount: f64,
    pub date: NaiveDate,
    pub account: &'a str,
    pub holder: &'a str,
    pub village: &'a str,
}

pub fn benefit(case: &mut Case, b: BenefitLine) -> usize {
    let sheet = case.sheet(BENEFITS);
    let k = sheet.rows.len();
    sheet.push(benefit_cells(&b, k))
}

/// The cells of the `k`-th (0-based) benefit row; `k` picks the spellings.
pub fn benefit_cells(b: &BenefitLine, k: usize) -> Vec<Cell> {
    let amount = match k % 13 {
        3 => format!("{}元", thousands(b.amount)),
        7 => fullwidth(&plain(b.amount)),
        _ => plain(b.amount),
    };
    let date = match k % 7 {
        2 => ymd_iso(b.date),
        5 => ymd_slash(b.date),
        _ => ymd_compact(b.date),
    };
    vec![
        Cell::Text((k + 1).to_string()),
        b.program.into(),
        b.person.name.clone().into(),
        id_cell(b.person, b.form),
        amount.into(),
        date.into(),
        b.account.into(),
        b.holder.into(),
        b.village.into(),
    ]
}

pub fn death(case: &mut Case, p: &Person, form: IdForm, date: NaiveDate) -> usize {
    let sheet = case.sheet(DEATHS);
    let k = sheet.rows.len();
    sheet.push(death_cells(p, form, date, k))
}

/// The cells of the `k`-th (0-based) death row; `k` picks the date spelling.
pub fn death_cells(p: &Person, form: IdForm, date: NaiveDate, k: usize) -> Vec<Cell> {
    vec![
        p.name.clone().into(),
        if p.male { "男" } else { "女" }.into(),
        id_cell(p, form),
        if k % 4 == 3 {
            Cell::Text(ymd_chinese(date))
        } else {
            Cell::Date(date)
        },
        Cell::Date(date + chrono::Days::new(3)),
        "青禾县殡仪馆".into(),
    ]
}

pub fn medical(case: &mut Case, p: &Person, date: NaiveDate, hospital: &str, paid: f64) -> usize {
    case.sheet(MEDICAL)
        .push(medical_cells(p, date, hospital, paid))
}

/// The cells of one medical-claim row: the total is the reimbursed amount × 1.45.
pub fn medical_cells(p: &Person, date: NaiveDate, hospital: &str, paid: f64) -> Vec<Cell> {
    let total = (paid * 1.45 * 100.0).round() / 100.0;
    vec![
        p.name.clone().into(),
        p.id.clone().into(),
        Cell::Date(date),
        hospital.into(),
        Cell::Num(total),
        Cell::Num(paid),
    ]
}

pub fn salary(case: &mut Case, p: &Person, unit: &str, month: NaiveDate, gross: f64) -> usize {
    let sheet = case.sheet(SALARIES);
    let k = sheet.rows.len();
    sheet.push(salary_cells(p, unit, month, gross, k))
}

/// The cells of the `k`-th (0-based) salary row; `k` picks the month spelling.
pub fn salary_cells(p: &Person, unit: &str, month: NaiveDate, gross: f64, k: usize) -> Vec<Cell> {
    let month_text = match k % 3 {
        0 => month.format("%Y-%m").to_string(),
        1 => month.format("%Y%m").to_string(),
        _ => format!("{}年{}月", month.year(), month.month()),
    };
    let net = (gross * 0.78 * 100.0).round() / 100.0;
    vec![
        p.name.clone().into(),
        p.id.clone().into(),
        unit.into(),
        month_text.into(),
        plain(gross).into(),
        plain(net).into(),
    ]
}

pub struct InvoiceLine<'a> {
    pub code: &'a str,
    pub number: u32,
    pub date: NaiveDate,
    pub seller: Party<'a>,
    pub buyer: Party<'a>,
    pub goods: &'a str,
    pub amount: f64,
}

pub fn invoice(case: &mut Case, i: InvoiceLine) -> usize {
    case.sheet(INVOICES).push(invoice_cells(&i))
}

/// The cells of one invoice row: code and 8-digit number as text.
pub fn invoice_cells(i: &InvoiceLine) -> Vec<Cell> {
    vec![
        i.code.into(),
        Cell::Text(format!("{:08}", i.number)),
        Cell::Text(ymd_iso(i.date)),
        i.seller.name.into(),
        i.seller.uscc.into(),
        i.buyer.name.into(),
        i.buyer.uscc.into(),
        i.goods.into(),
        Cell::Num(i.amount),
    ]
}
