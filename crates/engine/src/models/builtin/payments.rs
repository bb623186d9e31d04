//! Benefit payments (惠民惠农资金发放) as the benefit models read them: one row per
//! payment to a person known by ID number. Rows without an ID number are left out: a
//! name alone never identifies the person a rule is about.

use rusqlite::Connection;

use super::common::{money, present, record};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::RecordRef;

#[derive(Clone, Debug)]
pub(super) struct Payment {
    pub record_id: i64,
    pub program: String,
    pub name: String,
    pub id_number: String,
    pub amount: Option<f64>,
    pub date: String,
}

impl Payment {
    pub fn evidence(&self) -> RecordRef {
        record(Kind::Benefits, self.record_id)
    }
}

/// The dated payments of `programs` (all programs when empty) to identified people that
/// `keep` accepts, in date order. The filters run before a row is copied, so a model that
/// wants a few people does not pay for a county's payments.
pub(super) fn payments(
    conn: &Connection,
    programs: &[String],
    keep: impl Fn(&str) -> bool,
) -> Result<Vec<Payment>> {
    let marks: Vec<String> = (1..=programs.len()).map(|i| format!("?{i}")).collect();
    let only = if programs.is_empty() {
        String::new()
    } else {
        format!(" AND program IN ({})", marks.join(", "))
    };
    let sql = format!(
        "SELECT id, program, name, id_number, amount, pay_date FROM benefits
         WHERE id_number IS NOT NULL AND pay_date IS NOT NULL{only}"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(programs))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id = r
            .get_ref(3)?
            .as_str()
            .map_err(rusqlite::Error::from)?
            .trim();
        if id.is_empty() || !keep(id) {
            continue;
        }
        if let Some(p) = payment(r)? {
            out.push(p);
        }
    }
    // Sorted here, after the filters: sorting a county's payments in SQL costs more.
    out.sort_by(|a, b| (&a.date, a.record_id).cmp(&(&b.date, b.record_id)));
    Ok(out)
}

fn payment(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<Payment>> {
    let (Some(id_number), Some(date)) = (present(r.get(3)?), present(r.get(5)?)) else {
        return Ok(None);
    };
    Ok(Some(Payment {
        record_id: r.get(0)?,
        program: present(r.get(1)?).unwrap_or_default(),
        name: present(r.get(2)?).unwrap_or_default(),
        id_number,
        amount: r.get(4)?,
        date,
    }))
}

/// "6笔,共3,720元(2023-03-15至2023-08-15)" for payments in date order.
pub(super) fn tally(paid: &[&Payment]) -> String {
    let total: f64 = paid.iter().filter_map(|p| p.amount).sum();
    let first = paid.first().map_or("", |p| p.date.as_str());
    let last = paid.last().map_or("", |p| p.date.as_str());
    let span = if first == last {
        first.to_string()
    } else {
        format!("{first}至{last}")
    };
    format!("{}笔,共{}元({span})", paid.len(), money(total))
}
