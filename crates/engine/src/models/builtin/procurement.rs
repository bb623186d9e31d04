//! Contracts and the people behind companies, as the procurement models read them.
//! A company is its credit code; a record without a code is its exact normalised name.
//! A company supplies a unit when a contract names that unit as buyer and the company as
//! supplier — by credit code, or by exact supplier name where one side has no code.
//! This file loads and indexes; it raises no alert.

use std::collections::HashMap;

use rusqlite::Connection;

use super::common::{load, money, percent, present, record, subject};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{RecordRef, Subject, SubjectType};

/// One contract row.
#[derive(Clone, Debug)]
pub(super) struct Contract {
    pub record_id: i64,
    /// The contract number, or `合同#<row id>` when the row has none.
    pub no: String,
    pub unit: String,
    pub supplier_name: String,
    pub supplier_code: Option<String>,
    pub project: String,
    pub item: String,
    pub unit_price: Option<f64>,
    pub amount: Option<f64>,
    pub signed: Option<String>,
}

impl Contract {
    /// The supplier's canonical id: its credit code, else its name.
    pub fn supplier_key(&self) -> &str {
        self.supplier_code.as_deref().unwrap_or(&self.supplier_name)
    }

    pub fn supplier(&self, role: &str) -> Subject {
        subject(
            SubjectType::Company,
            self.supplier_key(),
            &self.supplier_name,
            role,
        )
    }

    pub fn subject(&self) -> Subject {
        subject(SubjectType::Contract, &self.no, &self.project, "contract")
    }

    pub fn evidence(&self) -> RecordRef {
        record(Kind::Contracts, self.record_id)
    }

    pub fn signed(&self) -> &str {
        self.signed.as_deref().unwrap_or("")
    }

    /// "合同QHCG-2023-0001(2023-04-18,816,000元)".
    pub fn describe(&self) -> String {
        let amount = self
            .amount
            .map_or_else(|| "金额不详".to_string(), |a| format!("{}元", money(a)));
        format!("合同{}({},{})", self.no, self.signed(), amount)
    }
}

/// Every contract of the case, in signing order.
pub(super) fn contracts(conn: &Connection) -> Result<Vec<Contract>> {
    let sql = "SELECT id, contract_no, buyer_unit, supplier_name, supplier_uscc, project, item,
                      unit_price, amount, signed_date
               FROM contracts ORDER BY signed_date, id";
    load(conn, sql, |r| {
        let id: i64 = r.get(0)?;
        let (Some(unit), name, code) = (present(r.get(2)?), present(r.get(3)?), present(r.get(4)?))
        else {
            return Ok(None);
        };
        let Some(supplier_name) = name.or_else(|| code.clone()) else {
            return Ok(None);
        };
        Ok(Some(Contract {
            record_id: id,
            no: present(r.get(1)?).unwrap_or_else(|| format!("合同#{id}")),
            unit,
            supplier_name,
            supplier_code: code,
            project: present(r.get(5)?).unwrap_or_default(),
            item: present(r.get(6)?).unwrap_or_default(),
            unit_price: r.get(7)?,
            amount: r.get(8)?,
            signed: present(r.get(9)?),
        }))
    })
}

/// Contracts by supplier credit code and by supplier name.
pub(super) struct ContractIndex<'a> {
    pub contracts: &'a [Contract],
    by_code: HashMap<&'a str, Vec<usize>>,
    by_name: HashMap<&'a str, Vec<usize>>,
}

impl<'a> ContractIndex<'a> {
    pub fn new(contracts: &'a [Contract]) -> ContractIndex<'a> {
        let mut by_code: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, c) in contracts.iter().enumerate() {
            if let Some(code) = &c.supplier_code {
                by_code.entry(code).or_default().push(i);
            }
            by_name.entry(&c.supplier_name).or_default().push(i);
        }
        ContractIndex {
            contracts,
            by_code,
            by_name,
        }
    }

    /// The contracts of a company known by `code` and/or `name`: by code; a contract
    /// without a code by exact name; a company without a code by exact name only.
    pub fn of_company(&self, code: Option<&str>, name: Option<&str>) -> Vec<&'a Contract> {
        let named = name
            .and_then(|n| self.by_name.get(n))
            .into_iter()
            .flatten()
            .map(|&i| &self.contracts[i]);
        let mut out: Vec<&Contract> = match code {
            Some(code) => {
                let coded = self.by_code.get(code).into_iter().flatten();
                let mut v: Vec<&Contract> = coded.map(|&i| &self.contracts[i]).collect();
                v.extend(named.filter(|c| c.supplier_code.is_none()));
                v
            }
            None => named.collect(),
        };
        out.sort_by(|a, b| (a.signed(), a.record_id).cmp(&(b.signed(), b.record_id)));
        out
    }
}

/// A person's part in a company: a `company_people` row, or a legal representative
/// named in `companies`.
#[derive(Clone, Debug)]
pub(super) struct Stake {
    pub table: Kind,
    pub record_id: i64,
    pub company_code: Option<String>,
    pub company_name: Option<String>,
    pub person_name: String,
    pub id_number: String,
    pub role: String,
    pub share: Option<f64>,
}

impl Stake {
    /// The company's canonical id: credit code, else name.
    pub fn company_key(&self) -> &str {
        self.company_code
            .as_deref()
            .or(self.company_name.as_deref())
            .unwrap_or("")
    }

    pub fn evidence(&self) -> RecordRef {
        record(self.table, self.record_id)
    }

    /// "股东(持股60%)", "执行董事".
    fn part(&self) -> String {
        match self.share {
            Some(s) if s > 0.0 => format!("{}(持股{})", self.role, percent(s)),
            _ => self.role.clone(),
        }
    }
}

/// Every stake of the case, by the person's ID number.
pub(super) fn stakes(conn: &Connection) -> Result<HashMap<String, Vec<Stake>>> {
    let people = "SELECT id, uscc, company_name, name, id_number, role, share_ratio
                  FROM company_people ORDER BY id";
    let mut all = load(conn, people, |r| {
        stake(
            r,
            Kind::CompanyPeople,
            present(r.get(5)?).unwrap_or_else(|| "主要人员".into()),
            r.get(6)?,
        )
    })?;
    let reps = "SELECT id, uscc, company_name, legal_rep, legal_rep_id FROM companies ORDER BY id";
    all.extend(load(conn, reps, |r| {
        stake(r, Kind::Companies, "法定代表人".into(), None)
    })?);
    let mut by_id: HashMap<String, Vec<Stake>> = HashMap::new();
    for s in all {
        by_id.entry(s.id_number.clone()).or_default().push(s);
    }
    Ok(by_id)
}

fn stake(
    r: &rusqlite::Row<'_>,
    table: Kind,
    role: String,
    share: Option<f64>,
) -> rusqlite::Result<Option<Stake>> {
    let Some(id_number) = present(r.get(4)?) else {
        return Ok(None);
    };
    let (code, name) = (present(r.get(1)?), present(r.get(2)?));
    if code.is_none() && name.is_none() {
        return Ok(None);
    }
    Ok(Some(Stake {
        table,
        record_id: r.get(0)?,
        company_code: code,
        company_name: name,
        person_name: present(r.get(3)?).unwrap_or_default(),
        id_number,
        role,
        share,
    }))
}

/// A person's stakes grouped by company, each group in record order.
pub(super) fn by_company(stakes: &[Stake]) -> Vec<Vec<&Stake>> {
    let mut groups: Vec<Vec<&Stake>> = Vec::new();
    for s in stakes {
        match groups
            .iter_mut()
            .find(|g| g[0].company_key() == s.company_key())
        {
            Some(g) => g.push(s),
            None => groups.push(vec![s]),
        }
    }
    groups
}

/// "任青禾县建军路桥工程有限公司执行董事、股东(持股60%)".
pub(super) fn involvement(group: &[&Stake], company_name: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for s in group {
        let p = s.part();
        if !parts.contains(&p) {
            parts.push(p);
        }
    }
    format!("任{company_name}{}", parts.join("、"))
}
