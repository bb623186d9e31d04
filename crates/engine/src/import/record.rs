//! One data row → one validated record of its kind (stage two of parsing): each field
//! read from the first non-blank column that feeds it, normalised by its type, checked
//! against the kind's required fields. A row that fails becomes a reason, never a panic.
//! This module does not touch the store.

use chrono::NaiveTime;
use rusqlite::types::Value;
use serde_json::{Map, Value as Json};

use super::cell::Cell;
use super::mapping::ColumnMap;
use crate::kinds::{Column, ColumnRole, FieldSpec, FieldType, Kind};
use crate::normalize::{self as n, Checked, Direction};

/// A row ready for its kind's table: values in `Kind::columns()` order, plus what did
/// not fit a column (unmapped cells, unreadable optional values) as a JSON object.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub values: Vec<Value>,
    pub extra: Option<String>,
}

/// A field's parsed value and its companion columns.
#[derive(Clone, Debug, PartialEq)]
enum Parsed {
    Missing,
    Unreadable(String),
    Value(Value),
    Identifier {
        text: String,
        valid: bool,
        id_type: Option<&'static str>,
    },
}

/// Turns one row into a record, or says in Chinese and English why it cannot.
pub fn build(map: &ColumnMap, cells: &[Cell]) -> Result<Record, String> {
    let mut parsed: Vec<(&'static FieldSpec, Parsed)> = map
        .fields
        .iter()
        .map(|(field, cols)| (*field, parse_field(field, cols, cells)))
        .collect();
    let mut extra = Map::new();
    if map.kind == Kind::BankTransactions {
        fold_bank_amount(&mut parsed)?;
    }
    check_required(map.kind, &parsed)?;
    for (field, value) in &parsed {
        if let Parsed::Unreadable(raw) = value {
            extra.insert(
                format!("{}(无法识别)", field.label),
                Json::String(raw.clone()),
            );
        }
    }
    for (col, header) in &map.unmapped {
        if let Some(cell) = cells.get(*col).filter(|c| !c.is_blank()) {
            extra.insert(header.clone(), Json::String(cell.to_text().into_owned()));
        }
    }
    let values = column_values(&map.columns, &parsed);
    let extra = (!extra.is_empty()).then(|| Json::Object(extra).to_string());
    Ok(Record { values, extra })
}

fn parse_field(field: &FieldSpec, cols: &[usize], cells: &[Cell]) -> Parsed {
    let present: Vec<&Cell> = cols
        .iter()
        .filter_map(|c| cells.get(*c))
        .filter(|c| !c.is_blank())
        .collect();
    let Some(first) = present.first() else {
        return Parsed::Missing;
    };
    if field.ty == FieldType::DateTime {
        return parse_datetime(&present);
    }
    if let (FieldType::Date, Cell::DateTime(dt)) = (field.ty, first) {
        return Parsed::Value(Value::Text(dt.date().format("%Y-%m-%d").to_string()));
    }
    parse_text(field.ty, &first.to_text())
}

fn parse_text(ty: FieldType, raw: &str) -> Parsed {
    let unreadable = || Parsed::Unreadable(raw.to_string());
    let text = |v: Option<String>| v.map_or(Parsed::Missing, |s| Parsed::Value(Value::Text(s)));
    let real = |v: Option<f64>| v.map_or_else(unreadable, |x| Parsed::Value(Value::Real(x)));
    match ty {
        FieldType::Text => text(Some(n::clean_text(raw)).filter(|s| !s.is_empty())),
        FieldType::Name => text(Some(n::clean_name(raw)).filter(|s| !s.is_empty())),
        FieldType::IdNumber => identifier(n::parse_id_number(raw), Some("person")),
        FieldType::CreditCode => identifier(n::parse_credit_code(raw), Some("company")),
        FieldType::IdOrCreditCode => id_or_credit_code(raw),
        FieldType::Account => identifier(n::parse_account(raw), None),
        FieldType::Phone => text(n::normalize_phone(raw)),
        FieldType::Date => n::parse_date(raw).map_or_else(unreadable, |d| {
            Parsed::Value(Value::Text(d.format("%Y-%m-%d").to_string()))
        }),
        FieldType::DateTime => parse_datetime(&[&Cell::Text(raw.to_string())]),
        FieldType::Month => n::parse_month(raw).map_or_else(unreadable, |(y, m)| {
            Parsed::Value(Value::Text(format!("{y:04}-{m:02}")))
        }),
        FieldType::Amount => real(n::parse_amount(raw)),
        FieldType::Number => real(n::parse_number(raw)),
        FieldType::Ratio => real(n::parse_ratio(raw)),
        FieldType::Direction => n::parse_direction(raw)
            .map_or_else(unreadable, |d| Parsed::Value(Value::Integer(d.sign()))),
        FieldType::Flag => n::parse_flag(raw)
            .map_or_else(unreadable, |b| Parsed::Value(Value::Integer(i64::from(b)))),
        FieldType::Ip => text(n::normalize_ip(raw)),
        FieldType::Mac => text(n::normalize_mac(raw)),
    }
}

fn identifier<T: AsRef<str>>(checked: Option<Checked<T>>, id_type: Option<&'static str>) -> Parsed {
    match checked {
        None => Parsed::Missing,
        Some(c) => Parsed::Identifier {
            text: c.as_str().to_string(),
            valid: c.is_valid(),
            id_type,
        },
    }
}

/// A shareholder's number is a person's ID number or a company's credit code. A valid
/// ID number wins: one in 31 of them also passes the credit code's check character, and
/// a person taken for a company loses their family and their stakes.
fn id_or_credit_code(raw: &str) -> Parsed {
    let id_number = n::parse_id_number(raw);
    if let Some(id @ Checked::Valid(_)) = id_number {
        return identifier(Some(id), Some("person"));
    }
    if let Some(code @ Checked::Valid(_)) = n::parse_credit_code(raw) {
        return identifier(Some(code), Some("company"));
    }
    match id_number {
        Some(Checked::Invalid(text))
            if text.chars().filter(|c| c.is_ascii_alphabetic()).count() > 1 =>
        {
            identifier(Some(Checked::<String>::Invalid(text)), Some("company"))
        }
        other => identifier(other, Some("person")),
    }
}

/// Date and time may sit in one column or two (交易日期 + 交易时间): the first column
/// that reads as a date gives the date, and its time if it has one; otherwise the time
/// comes from any other column that reads as a time of day.
fn parse_datetime(present: &[&Cell]) -> Parsed {
    let as_datetime = |cell: &Cell| match cell {
        Cell::DateTime(dt) => Some((dt.date(), Some(dt.time()).filter(|t| *t != NaiveTime::MIN))),
        other => n::parse_datetime(&other.to_text()),
    };
    let Some((position, (date, time))) = present
        .iter()
        .enumerate()
        .find_map(|(i, cell)| as_datetime(cell).map(|dt| (i, dt)))
    else {
        return Parsed::Unreadable(present[0].to_text().into_owned());
    };
    let time = time.or_else(|| {
        present
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != position)
            .find_map(|(_, cell)| match cell {
                Cell::DateTime(dt) => Some(dt.time()),
                Cell::Number(x) if (0.0..1.0).contains(x) => n::parse_time_of_day(&cell.to_text()),
                other => n::parse_time_of_day(&other.to_text()),
            })
    });
    let time = time.unwrap_or(NaiveTime::MIN);
    Parsed::Value(Value::Text(format!(
        "{} {}",
        date.format("%Y-%m-%d"),
        time.format("%H:%M:%S")
    )))
}

/// A bank row's amount may come signed, with a direction flag, or split into credit and
/// debit columns; the record stores a positive amount and a direction.
fn fold_bank_amount(parsed: &mut [(&'static FieldSpec, Parsed)]) -> Result<(), String> {
    let get = |parsed: &[(&FieldSpec, Parsed)], name: &str| {
        parsed
            .iter()
            .find(|(f, _)| f.name == name)
            .map(|(_, p)| p.clone())
            .unwrap_or(Parsed::Missing)
    };
    let real = |p: &Parsed| match p {
        Parsed::Value(Value::Real(x)) => Some(*x),
        _ => None,
    };
    let (credit, debit) = (get(parsed, "credit"), get(parsed, "debit"));
    let (credit_v, debit_v) = (
        real(&credit).filter(|x| *x != 0.0),
        real(&debit).filter(|x| *x != 0.0),
    );
    let amount = get(parsed, "amount");
    let flag = get(parsed, "direction");
    let (value, direction) = match (credit_v, debit_v, real(&amount)) {
        (Some(_), Some(_), _) => {
            return Err("收入与支出同时有值 / both credit and debit hold an amount".into())
        }
        (Some(c), None, _) => (c.abs(), Direction::In),
        (None, Some(d), _) => (d.abs(), Direction::Out),
        (None, None, Some(a)) => match &flag {
            Parsed::Value(Value::Integer(1)) => (a.abs(), Direction::In),
            Parsed::Value(Value::Integer(_)) => (a.abs(), Direction::Out),
            Parsed::Unreadable(raw) => {
                return Err(format!("收付标志无法识别 / unreadable direction: '{raw}'"))
            }
            _ if a < 0.0 => (-a, Direction::Out),
            _ => (a, Direction::In),
        },
        (None, None, None) => {
            // Zero in both split columns is a real zero-amount row; otherwise leave the
            // amount as parsed so the required check names the problem.
            if real(&credit).is_some() || real(&debit).is_some() {
                (0.0, Direction::In)
            } else {
                return Ok(());
            }
        }
    };
    for (field, slot) in parsed.iter_mut() {
        match field.name {
            "amount" => *slot = Parsed::Value(Value::Real(value)),
            "direction" => *slot = Parsed::Value(Value::Integer(direction.sign())),
            "currency" => *slot = currency(slot),
            _ => {}
        }
    }
    Ok(())
}

/// Currencies are kept apart, never summed together: one code per currency, CNY when the
/// statement does not say.
fn currency(parsed: &Parsed) -> Parsed {
    let code = match parsed {
        Parsed::Value(Value::Text(t)) => match t.to_uppercase().as_str() {
            "人民币" | "RMB" | "CNY" | "156" | "本币" => "CNY".to_string(),
            "美元" | "USD" | "840" => "USD".to_string(),
            "港币" | "港元" | "HKD" | "344" => "HKD".to_string(),
            "欧元" | "EUR" | "978" => "EUR".to_string(),
            other => other.to_string(),
        },
        _ => "CNY".to_string(),
    };
    Parsed::Value(Value::Text(code))
}

fn check_required(kind: Kind, parsed: &[(&'static FieldSpec, Parsed)]) -> Result<(), String> {
    for group in kind.required() {
        let members: Vec<&(&FieldSpec, Parsed)> = parsed
            .iter()
            .filter(|(f, _)| group.contains(&f.name))
            .collect();
        let readable = members
            .iter()
            .any(|(_, p)| matches!(p, Parsed::Value(_) | Parsed::Identifier { .. }));
        if readable {
            continue;
        }
        let labels: Vec<&str> = members.iter().map(|(f, _)| f.label).collect();
        let names: Vec<&str> = members.iter().map(|(f, _)| f.name).collect();
        if let Some((f, Parsed::Unreadable(raw))) = members
            .iter()
            .find(|(_, p)| matches!(p, Parsed::Unreadable(_)))
        {
            return Err(format!(
                "{}无法识别: '{}' / unreadable {}",
                f.label, raw, f.name
            ));
        }
        return Err(format!(
            "缺少{} / missing {}",
            labels.join("或"),
            names.join(" or ")
        ));
    }
    Ok(())
}

fn column_values(columns: &[Column], parsed: &[(&'static FieldSpec, Parsed)]) -> Vec<Value> {
    columns
        .iter()
        .map(|column| {
            // `parsed` follows `Kind::fields()` order (see `ColumnMap::build`).
            let value = parsed.get(column.field_index).map(|(_, p)| p);
            match (column.role, value) {
                (ColumnRole::Value, Some(Parsed::Value(v))) => v.clone(),
                (ColumnRole::Value, Some(Parsed::Identifier { text, .. })) => {
                    Value::Text(text.clone())
                }
                (ColumnRole::Valid, Some(Parsed::Identifier { valid, .. })) => {
                    Value::Integer(i64::from(*valid))
                }
                (ColumnRole::IdentifierType, Some(Parsed::Identifier { id_type, .. })) => {
                    id_type.map_or(Value::Null, |t| Value::Text(t.to_string()))
                }
                _ => Value::Null,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
