//! `list-match` 名单碰撞: a person or company on a list the investigator imported (drink
//! driving, dishonest debtors, exit-entry, property registers…) is also in a chosen kind
//! (default: the officials roster). Matching is by valid ID number, credit code or
//! account number only — never by name — so a namesake with another ID number is not a
//! match. One run can match several lists; one alert per list, identifier and kind.

use std::collections::{BTreeMap, HashMap};

use rusqlite::Connection;

use super::common::{load, param, present, record, subject, texts, tidy};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{AlertDraft, Model, ModelContext, ModelSpec, RecordRef, Severity, SubjectType};

pub const ID: &str = "list-match";

pub struct ListMatch;

/// A kind column the lists can be matched against.
struct Target {
    kind: Kind,
    /// `id_number`, `credit_code` or `account`, as in `list_identifiers.type`.
    id_type: &'static str,
    /// Selects (row id, identifier, name, detail).
    sql: &'static str,
    role: &'static str,
}

const TARGETS: &[Target] = &[
    Target { kind: Kind::Officials, id_type: "id_number", role: "official",
        sql: "SELECT id, id_number, name, coalesce(unit, '') || coalesce(position, '') FROM officials WHERE id_number IS NOT NULL" },
    Target { kind: Kind::Households, id_type: "id_number", role: "resident",
        sql: "SELECT id, id_number, name, '户号' || coalesce(household_id, '') FROM households WHERE id_number IS NOT NULL" },
    Target { kind: Kind::CompanyPeople, id_type: "id_number", role: "company_person",
        sql: "SELECT id, id_number, name, coalesce(company_name, '') || coalesce(role, '') FROM company_people WHERE id_number IS NOT NULL" },
    Target { kind: Kind::Companies, id_type: "credit_code", role: "company",
        sql: "SELECT id, uscc, company_name, '' FROM companies WHERE uscc IS NOT NULL" },
    Target { kind: Kind::Companies, id_type: "id_number", role: "legal_rep",
        sql: "SELECT id, legal_rep_id, legal_rep, coalesce(company_name, '') || '法定代表人' FROM companies WHERE legal_rep_id IS NOT NULL" },
    Target { kind: Kind::Contracts, id_type: "credit_code", role: "supplier",
        sql: "SELECT id, supplier_uscc, supplier_name, coalesce(contract_no, '') FROM contracts WHERE supplier_uscc IS NOT NULL" },
    Target { kind: Kind::Bids, id_type: "credit_code", role: "bidder",
        sql: "SELECT id, bidder_uscc, bidder_name, coalesce(tender_no, '') FROM bids WHERE bidder_uscc IS NOT NULL" },
    Target { kind: Kind::Benefits, id_type: "id_number", role: "beneficiary",
        sql: "SELECT id, id_number, name, coalesce(program, '') FROM benefits WHERE id_number IS NOT NULL" },
    Target { kind: Kind::Benefits, id_type: "account", role: "account",
        sql: "SELECT id, account, account_holder, coalesce(program, '') FROM benefits WHERE account IS NOT NULL" },
    Target { kind: Kind::Deaths, id_type: "id_number", role: "deceased",
        sql: "SELECT id, id_number, name, coalesce(death_date, '') FROM deaths WHERE id_number IS NOT NULL" },
    Target { kind: Kind::MedicalClaims, id_type: "id_number", role: "patient",
        sql: "SELECT id, id_number, name, coalesce(hospital, '') FROM medical_claims WHERE id_number IS NOT NULL" },
    Target { kind: Kind::Salaries, id_type: "id_number", role: "employee",
        sql: "SELECT id, id_number, name, coalesce(unit, '') FROM salaries WHERE id_number IS NOT NULL" },
    Target { kind: Kind::BankTransactions, id_type: "account", role: "account",
        sql: "SELECT id, account, holder_name, '' FROM bank_transactions WHERE account IS NOT NULL" },
    Target { kind: Kind::BankTransactions, id_type: "id_number", role: "account_holder",
        sql: "SELECT id, holder_id, holder_name, coalesce(account, '') FROM bank_transactions WHERE holder_id IS NOT NULL" },
];

/// A list row carrying an identifier.
#[derive(Clone, Debug)]
struct Listed {
    row_id: i64,
    list: String,
    sheet: String,
    row_no: i64,
    name: String,
}

/// Rows of one target kind carrying the identifier.
#[derive(Default)]
struct Hits {
    name: String,
    details: Vec<String>,
    evidence: Vec<RecordRef>,
}

type ListIndex = HashMap<(String, String), Vec<Listed>>;

impl Model for ListMatch {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "名单碰撞",
            description: "导入名单(酒驾、失信被执行人、出入境、房产车辆等)中的人员或企业,按有效身份证号、统一社会信用代码或账号同时出现在选定数据类型(默认公职人员名册)中。",
            needs: &[Kind::List],
            params: vec![
                param("lists", "参与碰撞的名单名称;为空则为全部名单", texts(&[])),
                param("targets", "与名单碰撞的数据类型(officials、households、company_people、companies、contracts、bids、benefits、deaths、medical_claims、salaries、bank_transactions)", texts(&["officials"])),
            ],
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let lists = ctx.params.list("lists");
        let kinds = ctx.params.list("targets");
        let listed = listed(ctx.conn, &lists)?;
        if listed.is_empty() {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for target in TARGETS
            .iter()
            .filter(|t| kinds.iter().any(|k| k == t.kind.code()))
        {
            ctx.cancel.check()?;
            for (value, (hits, rows)) in matches(ctx.conn, target, &listed)? {
                out.extend(alerts(target, &value, &hits, rows));
            }
        }
        Ok(out)
    }
}

/// Valid identifiers of the chosen lists (all lists when `lists` is empty).
fn listed(conn: &Connection, lists: &[String]) -> Result<ListIndex> {
    let sql = "SELECT r.id, r.list_name, r.sheet, r.row_no, i.type, i.value,
                      (SELECT n.value FROM list_identifiers n WHERE n.row_id = r.id AND n.type = 'name' LIMIT 1)
               FROM list_identifiers i JOIN list_rows r ON r.id = i.row_id
               WHERE i.valid = 1 AND i.type IN ('id_number', 'credit_code', 'account')
               ORDER BY r.id";
    let rows = load(conn, sql, |r| {
        let list: String = r.get(1)?;
        if !lists.is_empty() && !lists.contains(&list) {
            return Ok(None);
        }
        let (Some(ty), Some(value)) = (present(r.get(4)?), present(r.get(5)?)) else {
            return Ok(None);
        };
        let l = Listed {
            row_id: r.get(0)?,
            list,
            sheet: r.get(2)?,
            row_no: r.get(3)?,
            name: present(r.get(6)?).unwrap_or_default(),
        };
        Ok(Some(((ty, value), l)))
    })?;
    let mut index: ListIndex = HashMap::new();
    for (k, l) in rows {
        index.entry(k).or_default().push(l);
    }
    Ok(index)
}

/// The target rows whose identifier is on a list, by identifier.
fn matches<'l>(
    conn: &Connection,
    target: &Target,
    listed: &'l ListIndex,
) -> Result<BTreeMap<String, (Hits, &'l [Listed])>> {
    let mut out: BTreeMap<String, (Hits, &[Listed])> = BTreeMap::new();
    let rows = load(conn, target.sql, |r| {
        let Some(value) = present(r.get(1)?) else {
            return Ok(None);
        };
        let Some(on) = listed.get(&(target.id_type.to_string(), value.clone())) else {
            return Ok(None);
        };
        let id: i64 = r.get(0)?;
        Ok(Some((
            value,
            id,
            present(r.get(2)?),
            present(r.get(3)?),
            on,
        )))
    })?;
    for (value, id, name, detail, on) in rows {
        let entry = out
            .entry(value)
            .or_insert_with(|| (Hits::default(), on.as_slice()));
        let hits = &mut entry.0;
        if hits.name.is_empty() {
            hits.name = name.unwrap_or_default();
        }
        if let Some(d) = detail.filter(|d| !hits.details.contains(d)) {
            hits.details.push(d);
        }
        hits.evidence.push(record(target.kind, id));
    }
    Ok(out)
}

/// One alert per list the identifier is on.
fn alerts(target: &Target, value: &str, hits: &Hits, rows: &[Listed]) -> Vec<AlertDraft> {
    let mut by_list: BTreeMap<&str, Vec<&Listed>> = BTreeMap::new();
    for l in rows {
        by_list.entry(&l.list).or_default().push(l);
    }
    by_list
        .into_iter()
        .map(|(list, on)| alert(target, value, hits, list, &on))
        .collect()
}

fn alert(target: &Target, value: &str, hits: &Hits, list: &str, on: &[&Listed]) -> AlertDraft {
    let ty = match target.id_type {
        "credit_code" => SubjectType::Company,
        "account" => SubjectType::Account,
        _ => SubjectType::Person,
    };
    let id_label = match ty {
        SubjectType::Company => "统一社会信用代码",
        SubjectType::Account => "账号",
        _ => "身份证号",
    };
    let listed_name = on
        .iter()
        .map(|l| l.name.as_str())
        .find(|n| !n.is_empty())
        .unwrap_or("");
    let name = if hits.name.is_empty() {
        listed_name
    } else {
        hits.name.as_str()
    };
    let places: Vec<String> = on
        .iter()
        .map(|l| format!("{}第{}行", l.sheet, l.row_no))
        .collect();
    let detail = if hits.details.is_empty() {
        String::new()
    } else {
        format!("({})", hits.details.join("、"))
    };
    let mut evidence = hits.evidence.clone();
    evidence.extend(on.iter().map(|l| RecordRef {
        table: "list_rows",
        record_id: l.row_id,
    }));
    AlertDraft {
        model: ID,
        severity: Severity::Medium,
        subjects: vec![subject(ty, value, name, target.role)],
        summary: format!(
            "名单“{list}”({})中的{listed_name}({id_label}{value})也在{}中:{name}{detail}",
            places.join("、"),
            target.kind.label()
        ),
        evidence: tidy(evidence),
        key: format!(
            "{ID}|{list}|{value}|{}|{}",
            target.kind.code(),
            target.id_type
        ),
    }
}
