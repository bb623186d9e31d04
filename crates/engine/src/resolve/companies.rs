//! Company identity and the company registers. A company is its credit code; without a
//! code, its exact normalised name. A name-only record joins a coded company only when
//! exactly one coded company in the whole case carries that name (two coded companies
//! of one name are two companies, and the record cannot tell which it means, so it
//! stays a company keyed by its name). This file also makes the links the registers
//! state: legal representatives, shareholders and key people.

use std::collections::HashMap;

use serde_json::json;

use super::derived::{percent, present, Derived, Ent, NewLink};
use super::model::{EntityType, LinkType};
use super::persons::person;
use super::Run;
use crate::error::Result;
use crate::kinds::Kind;

/// Every (name, code) pair the case holds, to place name-only records.
#[derive(Default)]
pub(super) struct CompanyNames {
    codes_by_name: HashMap<String, Vec<(String, bool)>>,
}

const CODED_NAMES_SQL: &str = "
    SELECT company_name, uscc, uscc_valid FROM companies WHERE uscc IS NOT NULL AND company_name IS NOT NULL
    UNION SELECT company_name, uscc, uscc_valid FROM company_people WHERE uscc IS NOT NULL AND company_name IS NOT NULL
    UNION SELECT name, id_number, id_number_valid FROM company_people
          WHERE id_number_type = 'company' AND id_number IS NOT NULL AND name IS NOT NULL
    UNION SELECT supplier_name, supplier_uscc, supplier_uscc_valid FROM contracts
          WHERE supplier_uscc IS NOT NULL AND supplier_name IS NOT NULL
    UNION SELECT bidder_name, bidder_uscc, bidder_uscc_valid FROM bids
          WHERE bidder_uscc IS NOT NULL AND bidder_name IS NOT NULL";

impl CompanyNames {
    pub fn collect(conn: &rusqlite::Connection) -> Result<CompanyNames> {
        let mut names = CompanyNames::default();
        let mut stmt = conn.prepare(CODED_NAMES_SQL)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (name, code): (String, String) = (r.get(0)?, r.get(1)?);
            let valid = r.get::<_, Option<i64>>(2)? == Some(1);
            let codes = names.codes_by_name.entry(name).or_default();
            if !codes.iter().any(|(c, _)| *c == code) {
                codes.push((code, valid));
            }
        }
        Ok(names)
    }

    /// The one coded company carrying this name, if exactly one does.
    fn unique_code(&self, name: &str) -> Option<&(String, bool)> {
        match self.codes_by_name.get(name).map(Vec::as_slice) {
            Some([only]) => Some(only),
            _ => None,
        }
    }
}

/// The company a record names by code and/or name; `None` when it names neither.
pub(super) fn company(
    d: &mut Derived,
    names: &CompanyNames,
    code: Option<&str>,
    code_valid: Option<i64>,
    name: Option<&str>,
    source: (Kind, i64),
) -> Option<Ent> {
    let name = present(name);
    let e = match (present(code), name) {
        (Some(code), _) => d.entity(EntityType::Company, code, Some(code_valid == Some(1)), name),
        (None, Some(name)) => match names.unique_code(name) {
            Some((code, valid)) => d.entity(EntityType::Company, code, Some(*valid), Some(name)),
            None => d.entity(EntityType::Company, name, None, Some(name)),
        },
        (None, None) => return None,
    };
    d.source(e, source.0, source.1);
    Some(e)
}

/// Companies and their legal representatives from the business registry.
pub(super) fn companies_job(
    conn: &rusqlite::Connection,
    d: &mut Derived,
    names: &CompanyNames,
    run: &mut Run<'_>,
) -> Result<()> {
    let sql =
        "SELECT id, company_name, uscc, uscc_valid, legal_rep, legal_rep_id, legal_rep_id_valid
               FROM companies ORDER BY id";
    run.scan(conn, "companies", sql, |r| {
        let id: i64 = r.get(0)?;
        let src = (Kind::Companies, id);
        let (name, code): (Option<String>, Option<String>) = (r.get(1)?, r.get(2)?);
        let Some(c) = company(d, names, code.as_deref(), r.get(3)?, name.as_deref(), src) else {
            return Ok(());
        };
        let (rep, rep_id): (Option<String>, Option<String>) = (r.get(4)?, r.get(5)?);
        if let Some(p) = person(d, rep_id.as_deref(), r.get(6)?, rep.as_deref(), src, true) {
            d.link(
                NewLink::new(LinkType::LegalRep, p, c, LinkType::LegalRep.label())
                    .source(src.0, src.1),
            );
        }
        Ok(())
    })
}

/// Shareholders (people or companies), legal representatives and key people.
pub(super) fn company_people_job(
    conn: &rusqlite::Connection,
    d: &mut Derived,
    names: &CompanyNames,
    run: &mut Run<'_>,
) -> Result<()> {
    let sql = "SELECT id, company_name, uscc, uscc_valid, name, id_number, id_number_valid,
                      id_number_type, role, share_ratio
               FROM company_people ORDER BY id";
    run.scan(conn, "company_people", sql, |r| {
        let src = (Kind::CompanyPeople, r.get::<_, i64>(0)?);
        let (name, code): (Option<String>, Option<String>) = (r.get(1)?, r.get(2)?);
        let Some(c) = company(d, names, code.as_deref(), r.get(3)?, name.as_deref(), src) else {
            return Ok(());
        };
        let (who, number, valid): (Option<String>, Option<String>, Option<i64>) =
            (r.get(4)?, r.get(5)?, r.get(6)?);
        let number_type: Option<String> = r.get(7)?;
        let holder = if is_company_holder(number_type.as_deref(), number.as_deref(), who.as_deref())
        {
            company(d, names, number.as_deref(), valid, who.as_deref(), src)
        } else {
            person(d, number.as_deref(), valid, who.as_deref(), src, true)
        };
        let Some(h) = holder else { return Ok(()) };
        let (role, ratio): (Option<String>, Option<f64>) = (r.get(8)?, r.get(9)?);
        d.link(role_link(h, c, present(role.as_deref()), ratio).source(src.0, src.1));
        Ok(())
    })
}

/// A holder is a company when the importer says its number is a credit code, or when
/// it has no number and its name reads like an organisation.
fn is_company_holder(number_type: Option<&str>, number: Option<&str>, name: Option<&str>) -> bool {
    match (number_type, present(number)) {
        (Some(t), Some(_)) => t == "company",
        _ => name.is_some_and(looks_like_organisation),
    }
}

/// Names of organisations end in words like 公司, 合作社, 中心; people's names do not.
pub(super) fn looks_like_organisation(name: &str) -> bool {
    const MARKS: [&str; 10] = [
        "公司",
        "有限",
        "合作社",
        "集团",
        "中心",
        "企业",
        "厂",
        "合伙",
        "事务所",
        "经营部",
    ];
    name.chars().count() > 4 && MARKS.iter().any(|m| name.contains(m))
}

/// The link a role in a company makes: shareholder (with ratio), legal representative
/// or key person (with role).
fn role_link(holder: Ent, company: Ent, role: Option<&str>, ratio: Option<f64>) -> NewLink {
    let is_shareholder = role.is_some_and(|r| r.contains("股东") || r.contains("出资"))
        || (role.is_none() && ratio.is_some());
    if is_shareholder {
        let label = match ratio {
            Some(r) => format!("股东({})", percent(r)),
            None => "股东".to_string(),
        };
        return NewLink::new(LinkType::Shareholder, holder, company, label)
            .detail(json!({ "ratio": ratio, "role": role }))
            .merge_key(ratio.map(|r| r.to_string()).unwrap_or_default());
    }
    if role.is_some_and(|r| r.contains("法定代表人") || r.contains("法人代表")) {
        return NewLink::new(
            LinkType::LegalRep,
            holder,
            company,
            LinkType::LegalRep.label(),
        );
    }
    let role = role.unwrap_or("主要人员");
    NewLink::new(LinkType::KeyPerson, holder, company, role)
        .detail(json!({ "role": role }))
        .merge_key(role)
}
