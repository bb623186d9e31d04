//! The people and companies the kickback and gift models put money between: officials
//! with their tenures, their relatives (from `resolve::relatives`), contracts, and each
//! supplier's "giving side" — the company itself, its shareholders and its legal
//! representative. Read straight from the kind tables, so the models work before a
//! rebuild; nothing here looks at money or writes anything.
//!
//! Identity follows `models.md`: a person is their ID number, a company its credit code
//! or, without one, its exact name. Names alone never join two people.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::money::{Acct, Ledger};
use crate::error::Result;
use crate::models::RecordRef;
use crate::resolve::relatives;

/// One row of the officials' register.
#[derive(Clone, Debug)]
pub(super) struct Official {
    pub record: i64,
    pub id: String,
    pub name: String,
    pub unit: String,
    pub position: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

impl Official {
    /// Whether the tenure covers `day` (an open start or end is no limit).
    pub fn serves_on(&self, day: NaiveDate) -> bool {
        self.start.is_none_or(|s| s <= day) && self.end.is_none_or(|e| day <= e)
    }

    /// "何振华(水利局局长)".
    pub fn text(&self) -> String {
        match self.position.as_deref() {
            Some(p) => format!("{}({}{})", self.name, self.unit, p),
            None => format!("{}({})", self.name, self.unit),
        }
    }

    pub fn record_ref(&self) -> RecordRef {
        RecordRef {
            table: "officials",
            record_id: self.record,
        }
    }
}

pub(super) fn date(text: Option<String>) -> Option<NaiveDate> {
    let t = text?;
    NaiveDate::parse_from_str(t.get(..10)?, "%Y-%m-%d").ok()
}

/// Officials with an ID number and a unit.
pub(super) fn officials(conn: &Connection) -> Result<Vec<Official>> {
    let mut stmt = conn.prepare(
        "SELECT id, id_number, name, unit, position, start_date, end_date FROM officials
         WHERE id_number IS NOT NULL AND id_number <> '' AND unit IS NOT NULL AND unit <> ''
         ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Official {
            record: r.get(0)?,
            id: r.get(1)?,
            name: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
            unit: r.get(3)?,
            position: r.get(4)?,
            start: date(r.get(5)?),
            end: date(r.get(6)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A relative of someone: who, what they are to that person, and the rows that say so.
#[derive(Clone, Debug)]
pub(in crate::models) struct Kinsman {
    pub id: String,
    pub name: String,
    /// What the relative is to the person ("儿子", "配偶").
    pub is: String,
    pub records: Vec<RecordRef>,
}

/// Every person's relatives, by ID number (people without one are left out: their
/// accounts cannot be known).
pub(in crate::models) fn relatives_by_person(
    conn: &Connection,
) -> Result<HashMap<String, Vec<Kinsman>>> {
    let mut out: HashMap<String, Vec<Kinsman>> = HashMap::new();
    for rel in relatives(conn)? {
        let records: Vec<RecordRef> = rel
            .sources
            .iter()
            .map(|s| RecordRef {
                table: "households",
                record_id: s.record_id,
            })
            .collect();
        let (Some(a), Some(b)) = (rel.a.id_number.clone(), rel.b.id_number.clone()) else {
            continue;
        };
        let kin = |id: String, name: Option<String>, is: &str| Kinsman {
            id,
            name: name.unwrap_or_default(),
            is: is.to_string(),
            records: records.clone(),
        };
        out.entry(a.clone())
            .or_default()
            .push(kin(b.clone(), rel.b.name.clone(), &rel.b_is));
        out.entry(b)
            .or_default()
            .push(kin(a, rel.a.name, &rel.a_is));
    }
    Ok(out)
}

/// A government contract.
#[derive(Clone, Debug)]
pub(super) struct Contract {
    pub record: i64,
    pub no: String,
    pub buyer: String,
    pub supplier: String,
    /// The supplier's key: credit code, else its name.
    pub supplier_key: String,
    pub amount: Option<f64>,
    pub signed: NaiveDate,
}

impl Contract {
    pub fn record_ref(&self) -> RecordRef {
        RecordRef {
            table: "contracts",
            record_id: self.record,
        }
    }
}

/// Contracts with a buyer, a supplier and a signing date.
pub(super) fn contracts(conn: &Connection) -> Result<Vec<Contract>> {
    let mut stmt = conn.prepare(
        "SELECT id, contract_no, buyer_unit, supplier_name, supplier_uscc, amount, signed_date
         FROM contracts ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        let (name, code): (Option<String>, Option<String>) = (r.get(3)?, r.get(4)?);
        let key = present(code).or(present(name.clone()));
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<String>>(1)?,
            present(r.get(2)?),
            name,
            key,
            r.get::<_, Option<f64>>(5)?,
            date(r.get(6)?),
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (record, no, buyer, name, key, amount, signed) = row?;
        let (Some(buyer), Some(key), Some(signed)) = (buyer, key, signed) else {
            continue;
        };
        out.push(Contract {
            record,
            no: no.unwrap_or_else(|| format!("合同#{record}")),
            buyer,
            supplier: name.unwrap_or_else(|| key.clone()),
            supplier_key: key,
            amount,
            signed,
        });
    }
    Ok(out)
}

fn present(s: Option<String>) -> Option<String> {
    s.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// Who on a supplier's side can pay: the company, a shareholder, the legal representative.
#[derive(Clone, Debug)]
pub(super) struct Giver {
    /// ID number or credit code.
    pub id: String,
    pub name: String,
    /// "企业本身", "股东", "法定代表人" (joined when several).
    pub role: String,
    pub records: Vec<RecordRef>,
}

/// Each supplier's givers, by supplier key (credit code, else name). The company
/// itself is always a giver, even when the registers do not list it.
#[derive(Default)]
pub(super) struct Suppliers {
    by_key: HashMap<String, Vec<Giver>>,
    names: HashMap<String, String>,
}

impl Suppliers {
    pub fn load(conn: &Connection) -> Result<Suppliers> {
        let mut s = Suppliers::default();
        s.read_companies(conn)?;
        s.read_people(conn)?;
        Ok(s)
    }

    fn read_companies(&mut self, conn: &Connection) -> Result<()> {
        let mut stmt =
            conn.prepare("SELECT id, uscc, company_name, legal_rep, legal_rep_id FROM companies")?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let record = RecordRef {
                table: "companies",
                record_id: r.get(0)?,
            };
            let (code, name): (Option<String>, Option<String>) = (r.get(1)?, r.get(2)?);
            let Some(key) = present(code).or(present(name.clone())) else {
                continue;
            };
            if let Some(n) = present(name) {
                self.names.insert(n, key.clone());
            }
            if let Some(id) = present(r.get(4)?) {
                let name = present(r.get(3)?).unwrap_or_default();
                self.add(&key, id, name, "法定代表人", record);
            }
        }
        Ok(())
    }

    fn read_people(&mut self, conn: &Connection) -> Result<()> {
        let mut stmt = conn.prepare(
            "SELECT id, uscc, company_name, name, id_number, role, share_ratio FROM company_people",
        )?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let record = RecordRef {
                table: "company_people",
                record_id: r.get(0)?,
            };
            let (code, company): (Option<String>, Option<String>) = (r.get(1)?, r.get(2)?);
            let key = present(code)
                .or_else(|| present(company.clone()).and_then(|n| self.names.get(&n).cloned()))
                .or(present(company));
            let (Some(key), Some(id)) = (key, present(r.get(4)?)) else {
                continue;
            };
            let role = present(r.get(5)?).unwrap_or_default();
            let share: Option<f64> = r.get(6)?;
            let role = if role.contains("法定代表人") || role.contains("法人") {
                "法定代表人"
            } else if role.contains("股东") || share.is_some_and(|x| x > 0.0) {
                "股东"
            } else {
                continue;
            };
            let name = present(r.get(3)?).unwrap_or_default();
            self.add(&key, id, name, role, record);
        }
        Ok(())
    }

    fn add(&mut self, key: &str, id: String, name: String, role: &str, record: RecordRef) {
        let list = self.by_key.entry(key.to_string()).or_default();
        match list.iter_mut().find(|g| g.id == id) {
            Some(g) => {
                if !g.role.contains(role) {
                    g.role = format!("{}、{role}", g.role);
                }
                if !g.records.contains(&record) {
                    g.records.push(record);
                }
            }
            None => list.push(Giver {
                id,
                name,
                role: role.to_string(),
                records: vec![record],
            }),
        }
    }

    /// The givers of a supplier, the company itself first.
    pub fn givers<'s>(&'s self, c: &Contract) -> Vec<Cow<'s, Giver>> {
        let itself = Giver {
            id: c.supplier_key.clone(),
            name: c.supplier.clone(),
            role: "企业本身".to_string(),
            records: Vec::new(),
        };
        let listed = self.by_key.get(&c.supplier_key).into_iter().flatten();
        std::iter::once(Cow::Owned(itself))
            .chain(listed.map(Cow::Borrowed))
            .collect()
    }
}

/// The accounts a giver or receiver holds: by identifier; a company also by exact name.
pub(super) fn accounts_of(ledger: &Ledger, id: &str, company_name: Option<&str>) -> Vec<Acct> {
    let mut out = ledger.accounts_of_id(id).to_vec();
    if let Some(name) = company_name.filter(|n| !n.is_empty()) {
        out.extend_from_slice(ledger.accounts_of_name(name));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Someone in an official's circle who can receive money: the official or a relative.
#[derive(Clone, Debug)]
pub(super) struct Member {
    pub id: String,
    pub name: String,
    /// `None` for the official; what the relative is to the official otherwise.
    pub is: Option<String>,
    pub records: Vec<RecordRef>,
}

impl Member {
    /// "何振华本人" or "何振华之儿子何俊".
    pub fn text(&self, official: &Official) -> String {
        match &self.is {
            None => format!("{}本人", official.name),
            Some(is) => format!("{}之{}{}", official.name, is, self.name),
        }
    }
}

/// The accounts of an official and of their relatives, with whose they are.
pub(super) fn circle(
    ledger: &Ledger,
    official: &Official,
    kin: &HashMap<String, Vec<Kinsman>>,
) -> HashMap<Acct, Member> {
    let mut out = HashMap::new();
    for k in kin.get(&official.id).into_iter().flatten() {
        for a in accounts_of(ledger, &k.id, None) {
            out.insert(
                a,
                Member {
                    id: k.id.clone(),
                    name: k.name.clone(),
                    is: Some(k.is.clone()),
                    records: k.records.clone(),
                },
            );
        }
    }
    for a in accounts_of(ledger, &official.id, None) {
        out.insert(
            a,
            Member {
                id: official.id.clone(),
                name: official.name.clone(),
                is: None,
                records: vec![official.record_ref()],
            },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenure_bounds_are_inclusive_and_open_ends_unlimited() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let o = Official {
            record: 1,
            id: "x".into(),
            name: "甲".into(),
            unit: "局".into(),
            position: None,
            start: d("2020-01-01"),
            end: None,
        };
        assert!(o.serves_on(d("2020-01-01").unwrap_or_default()));
        assert!(!o.serves_on(d("2019-12-31").unwrap_or_default()));
        assert!(o.serves_on(d("2030-01-01").unwrap_or_default()));
    }
}
