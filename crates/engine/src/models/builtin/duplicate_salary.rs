//! `duplicate-salary` 重复领取工资: one person (by ID number) is paid a salary by two or
//! more units for the same month. Units are compared by normalised name; a person who
//! moved between units, each paying its own months, raises nothing, and two namesakes
//! with different ID numbers are two people. One alert per person, listing the months.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::Connection;

use super::common::{load, month_of, person, present, record, tidy, unit};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{AlertDraft, Model, ModelContext, ModelSpec, RecordRef, Severity};

pub const ID: &str = "duplicate-salary";

pub struct DuplicateSalary;

struct Pay {
    name: String,
    unit: String,
    month: String,
    evidence: RecordRef,
}

impl Model for DuplicateSalary {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "重复领取工资",
            description: "同一人同一月份由两个及以上单位发放工资。",
            needs: &[Kind::Salaries],
            params: Vec::new(),
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let mut by_id: BTreeMap<String, Vec<Pay>> = BTreeMap::new();
        for (id, pay) in salaries(ctx.conn)? {
            by_id.entry(id).or_default().push(pay);
        }
        ctx.cancel.check()?;
        Ok(by_id
            .iter()
            .filter_map(|(id, pays)| alert(id, pays))
            .collect())
    }
}

fn salaries(conn: &Connection) -> Result<Vec<(String, Pay)>> {
    let sql = "SELECT id, name, id_number, unit, month FROM salaries
               WHERE id_number IS NOT NULL AND unit IS NOT NULL AND month IS NOT NULL";
    load(conn, sql, |r| {
        let (Some(id), Some(unit), Some(month)) =
            (present(r.get(2)?), present(r.get(3)?), present(r.get(4)?))
        else {
            return Ok(None);
        };
        let pay = Pay {
            name: present(r.get(1)?).unwrap_or_default(),
            unit,
            month: month_of(&month).unwrap_or(&month).to_string(),
            evidence: record(Kind::Salaries, r.get(0)?),
        };
        Ok(Some((id, pay)))
    })
}

fn alert(id: &str, pays: &[Pay]) -> Option<AlertDraft> {
    let mut units_by_month: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for p in pays {
        units_by_month.entry(&p.month).or_default().insert(&p.unit);
    }
    let months: Vec<&str> = units_by_month
        .iter()
        .filter(|(_, units)| units.len() > 1)
        .map(|(m, _)| *m)
        .collect();
    if months.is_empty() {
        return None;
    }
    let used: Vec<&Pay> = pays
        .iter()
        .filter(|p| months.contains(&p.month.as_str()))
        .collect();
    let units: BTreeSet<&str> = used.iter().map(|p| p.unit.as_str()).collect();
    let name = used.first().map_or("", |p| p.name.as_str());
    let mut subjects = vec![person(id, name, "employee")];
    subjects.extend(units.iter().map(|u| unit(u)));
    let unit_list: Vec<&str> = units.into_iter().collect();
    Some(AlertDraft {
        model: ID,
        severity: Severity::High,
        subjects,
        summary: format!(
            "{name}(身份证号{id})在{}共{}个月同时由{}发放工资",
            months.join("、"),
            months.len(),
            unit_list.join("和")
        ),
        evidence: tidy(used.iter().map(|p| p.evidence.clone()).collect()),
        key: format!("{ID}|{id}"),
    })
}
