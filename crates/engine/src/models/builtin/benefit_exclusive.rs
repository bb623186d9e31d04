//! `benefit-exclusive` 互斥资金重复享受: one person receives, in one calendar month, two
//! programs that exclude each other. Pairs are written `甲×乙`. The program
//! `财政供养人员工资` is read from the salaries extract as well (every salary row there is
//! a publicly funded wage) so that 低保 paid to someone on the public payroll is found
//! without a separate wage list. Months that never overlap raise nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::Connection;

use super::common::{load, money, month_of, param, person, present, record, texts, tidy};
use super::payments::payments;
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{AlertDraft, Model, ModelContext, ModelSpec, RecordRef, Severity};

pub const ID: &str = "benefit-exclusive";

/// The program name under which salaries count.
const PAYROLL: &str = "财政供养人员工资";

pub struct BenefitExclusive;

/// One person's receipt of one program in one month.
#[derive(Clone, Debug)]
struct Receipt {
    name: String,
    program: String,
    month: String,
    amount: f64,
    evidence: RecordRef,
}

impl Model for BenefitExclusive {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "互斥资金重复享受",
            description:
                "同一人在同一自然月内同时领取相互排斥的两项资金(如城乡低保与公益性岗位补贴)。",
            needs: &[Kind::Benefits, Kind::Salaries],
            params: vec![param(
                "pairs",
                "互斥的资金项目对,写作“甲×乙”;“财政供养人员工资”也读工资发放表",
                texts(&["城乡低保×公益性岗位补贴", "城乡低保×财政供养人员工资"]),
            )],
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let pairs: Vec<(String, String)> = ctx
            .params
            .list("pairs")
            .iter()
            .filter_map(|p| pair(p))
            .collect();
        if pairs.is_empty() {
            return Ok(Vec::new());
        }
        let receipts = receipts(ctx.conn, &pairs)?;
        ctx.cancel.check()?;
        let mut out = Vec::new();
        for (id, mine) in &receipts {
            for (a, b) in &pairs {
                if let Some(draft) = alert(id, mine, a, b) {
                    out.push(draft);
                }
            }
        }
        Ok(out)
    }
}

/// `甲×乙` (also `甲x乙`, `甲|乙`, `甲,乙`) as two program names.
fn pair(text: &str) -> Option<(String, String)> {
    let mut parts = text
        .split(['×', 'x', 'X', '|', ',', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let (a, b) = (parts.next()?, parts.next()?);
    (a != b).then(|| (a.to_string(), b.to_string()))
}

/// The receipts of the paired programs, by ID number.
fn receipts(
    conn: &Connection,
    pairs: &[(String, String)],
) -> Result<BTreeMap<String, Vec<Receipt>>> {
    let wanted: BTreeSet<&str> = pairs
        .iter()
        .flat_map(|(a, b)| [a.as_str(), b.as_str()])
        .collect();
    let mut by_id: BTreeMap<String, Vec<Receipt>> = BTreeMap::new();
    let programs: Vec<String> = wanted.iter().map(|s| s.to_string()).collect();
    for p in payments(conn, &programs, |_| true)? {
        let Some(month) = month_of(&p.date) else {
            continue;
        };
        let r = Receipt {
            name: p.name.clone(),
            program: p.program.clone(),
            month: month.to_string(),
            amount: p.amount.unwrap_or(0.0),
            evidence: p.evidence(),
        };
        by_id.entry(p.id_number).or_default().push(r);
    }
    if wanted.contains(PAYROLL) {
        add_salaries(conn, &mut by_id)?;
    }
    Ok(by_id)
}

/// Salaries of people who already received a paired program, as `财政供养人员工资`.
fn add_salaries(conn: &Connection, by_id: &mut BTreeMap<String, Vec<Receipt>>) -> Result<()> {
    let sql = "SELECT id, name, id_number, month, amount, unit FROM salaries
               WHERE id_number IS NOT NULL AND month IS NOT NULL";
    let rows = load(conn, sql, |r| {
        let (Some(id), Some(month)) = (present(r.get(2)?), present(r.get(3)?)) else {
            return Ok(None);
        };
        if !by_id.contains_key(&id) {
            return Ok(None);
        }
        let receipt = Receipt {
            name: present(r.get(1)?).unwrap_or_default(),
            program: PAYROLL.to_string(),
            month: month_of(&month).unwrap_or(&month).to_string(),
            amount: r.get::<_, Option<f64>>(4)?.unwrap_or(0.0),
            evidence: record(Kind::Salaries, r.get(0)?),
        };
        Ok(Some((id, receipt)))
    })?;
    for (id, receipt) in rows {
        by_id.entry(id).or_default().push(receipt);
    }
    Ok(())
}

fn alert(id: &str, mine: &[Receipt], a: &str, b: &str) -> Option<AlertDraft> {
    let months = |program: &str| -> HashMap<&str, Vec<&Receipt>> {
        let mut m: HashMap<&str, Vec<&Receipt>> = HashMap::new();
        for r in mine.iter().filter(|r| r.program == program) {
            m.entry(r.month.as_str()).or_default().push(r);
        }
        m
    };
    let (of_a, of_b) = (months(a), months(b));
    let both: BTreeSet<&str> = of_a
        .keys()
        .filter(|m| of_b.contains_key(*m))
        .copied()
        .collect();
    if both.is_empty() {
        return None;
    }
    let used: Vec<&Receipt> = both
        .iter()
        .flat_map(|m| of_a[m].iter().chain(of_b[m].iter()).copied())
        .collect();
    let total = |program: &str| {
        money(
            used.iter()
                .filter(|r| r.program == program)
                .map(|r| r.amount)
                .sum(),
        )
    };
    let name = used.first().map_or("", |r| r.name.as_str());
    let month_list: Vec<&str> = both.iter().copied().collect();
    Some(AlertDraft {
        model: ID,
        severity: Severity::Medium,
        subjects: vec![person(id, name, "beneficiary")],
        summary: format!(
            "{name}(身份证号{id})在{}共{}个月同时领取{a}(合计{}元)与{b}(合计{}元),两项资金互斥",
            month_list.join("、"),
            month_list.len(),
            total(a),
            total(b)
        ),
        evidence: tidy(used.iter().map(|r| r.evidence.clone()).collect()),
        key: format!("{ID}|{id}|{a}|{b}"),
    })
}
