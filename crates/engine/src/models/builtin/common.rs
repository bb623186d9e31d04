//! Small pieces every built-in model shares: reading a table in one query, dates,
//! amounts as Chinese text, subjects and evidence references. Nothing here knows a rule;
//! the rules live in the model files.

use chrono::NaiveDate;
use rusqlite::{Connection, Row};

use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{ParamSpec, ParamValue, RecordRef, Subject, SubjectType};

/// Runs `sql` once and maps every row with `f`; rows `f` turns into `None` are dropped.
pub(super) fn load<T>(
    conn: &Connection,
    sql: &str,
    mut f: impl FnMut(&Row<'_>) -> rusqlite::Result<Option<T>>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        if let Some(item) = f(row)? {
            out.push(item);
        }
    }
    Ok(out)
}

/// A trimmed, non-empty text, or `None`.
pub(super) fn present(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// A stored date (`YYYY-MM-DD`, possibly followed by a time) as a date.
pub(super) fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

/// Whole days from `from` to `to` (negative when `to` is earlier); `None` if either is unreadable.
pub(super) fn days_between(from: &str, to: &str) -> Option<i64> {
    Some((date(to)? - date(from)?).num_days())
}

/// `YYYY` of a stored date or month.
pub(super) fn year_of(text: &str) -> Option<&str> {
    text.get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
}

/// `YYYY-MM` of a stored date or month.
pub(super) fn month_of(text: &str) -> Option<&str> {
    let m = text.get(..7)?;
    (m.as_bytes()[4] == b'-').then_some(m)
}

/// An amount in yuan with thousands separators: `1,200,000`, `58,807.25`.
pub(super) fn money(amount: f64) -> String {
    let cents = (amount.abs() * 100.0).round() as u128;
    let (whole, frac) = (cents / 100, cents % 100);
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if frac != 0 {
        out.push_str(&format!(".{frac:02}"));
    }
    if amount < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// A share ratio (0..1) as a percentage: `60%`, `12.5%`.
pub(super) fn percent(ratio: f64) -> String {
    let p = (ratio * 1000.0).round() / 10.0;
    if p.fract() == 0.0 {
        format!("{p:.0}%")
    } else {
        format!("{p:.1}%")
    }
}

/// A row of a kind table as evidence.
pub(super) fn record(kind: Kind, record_id: i64) -> RecordRef {
    RecordRef {
        table: kind.code(),
        record_id,
    }
}

/// Sorts and deduplicates evidence, so every alert lists each row once.
pub(super) fn tidy(mut evidence: Vec<RecordRef>) -> Vec<RecordRef> {
    evidence.sort();
    evidence.dedup();
    evidence
}

pub(super) fn subject(ty: SubjectType, id: &str, name: &str, role: &str) -> Subject {
    Subject {
        subject_type: ty,
        id: id.to_string(),
        name: name.to_string(),
        role: role.to_string(),
    }
}

pub(super) fn person(id: &str, name: &str, role: &str) -> Subject {
    subject(SubjectType::Person, id, name, role)
}

pub(super) fn unit(name: &str) -> Subject {
    subject(SubjectType::Unit, name, name, "unit")
}

pub(super) fn param(
    name: &'static str,
    description: &'static str,
    default: ParamValue,
) -> ParamSpec {
    ParamSpec {
        name,
        description,
        default,
    }
}

/// A list parameter's default from string literals.
pub(super) fn texts(items: &[&str]) -> ParamValue {
    ParamValue::List(items.iter().map(|s| s.to_string()).collect())
}

/// The median of `values` (which must not be empty); sorts them.
pub(super) fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_reads_like_a_report() {
        assert_eq!(money(1_200_000.0), "1,200,000");
        assert_eq!(money(816_000.0), "816,000");
        assert_eq!(money(58_807.25), "58,807.25");
        assert_eq!(money(620.0), "620");
        assert_eq!(money(-1_280.0), "-1,280");
    }

    #[test]
    fn percent_and_median() {
        assert_eq!(percent(0.6), "60%");
        assert_eq!(percent(0.701), "70.1%");
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [5500.0, 5450.0, 11000.0, 5200.0]), 5475.0);
    }

    #[test]
    fn dates_and_days() {
        assert_eq!(days_between("2023-07-01", "2024-02-15"), Some(229));
        assert_eq!(days_between("2023-05-17", "2023-08-15"), Some(90));
        assert_eq!(days_between("bad", "2023-08-15"), None);
        assert_eq!(month_of("2023-08-15"), Some("2023-08"));
        assert_eq!(year_of("2023-08"), Some("2023"));
    }
}
