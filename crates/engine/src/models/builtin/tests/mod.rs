//! Tests of the built-in models: hand-built cases per model (the true case and the
//! near-misses that must stay silent) and the committed sample case. Rows are inserted
//! as the importer leaves them (identifiers canonical, dates `YYYY-MM-DD`).

mod benefits;
mod coi;
mod procurement;
mod registers;
mod sample;

use rusqlite::types::Value;
use rusqlite::Connection;

use crate::models::{AlertDraft, Model, ModelContext, ParamValue, Params, RunCache};
use crate::progress::CancelFlag;
pub(super) use crate::resolve::fixture::{
    case, company, company_person, contract, household, insert, official, opt, pid, text,
};

/// Runs `model` with its defaults, `changes` applied.
pub(super) fn run_with(
    conn: &Connection,
    model: &dyn Model,
    changes: &[(&str, ParamValue)],
) -> Vec<AlertDraft> {
    let mut params = Params::defaults(&model.spec());
    for (name, value) in changes {
        params.0.insert(name.to_string(), value.clone());
    }
    let cancel = CancelFlag::new();
    let ctx = ModelContext {
        conn,
        params: &params,
        cancel: &cancel,
        cache: &RunCache::default(),
    };
    model.run(&ctx).unwrap()
}

pub(super) fn run(conn: &Connection, model: &dyn Model) -> Vec<AlertDraft> {
    run_with(conn, model, &[])
}

/// Each alert as its sorted subject ids joined by spaces, for compact asserts.
pub(super) fn subjects(alerts: &[AlertDraft]) -> Vec<String> {
    let mut out: Vec<String> = alerts
        .iter()
        .map(|a| {
            let mut ids: Vec<&str> = a.subjects.iter().map(|s| s.id.as_str()).collect();
            ids.sort();
            ids.join(" ")
        })
        .collect();
    out.sort();
    out
}

/// Subject ids as `subjects` renders one alert.
pub(super) fn set(ids: &[&str]) -> String {
    let mut ids = ids.to_vec();
    ids.sort();
    ids.join(" ")
}

/// The evidence of an alert as `table:id`.
pub(super) fn evidence(alert: &AlertDraft) -> Vec<String> {
    alert
        .evidence
        .iter()
        .map(|r| format!("{}:{}", r.table, r.record_id))
        .collect()
}

pub(super) fn benefit(
    conn: &Connection,
    program: &str,
    name: &str,
    id: &str,
    amount: f64,
    date: &str,
) -> i64 {
    insert(
        conn,
        "benefits",
        &[
            ("program", text(program)),
            ("name", text(name)),
            ("id_number", text(id)),
            ("id_number_valid", 1.into()),
            ("amount", Value::Real(amount)),
            ("pay_date", text(date)),
        ],
    )
}

pub(super) fn salary(conn: &Connection, name: &str, id: &str, unit: &str, month: &str) -> i64 {
    insert(
        conn,
        "salaries",
        &[
            ("name", text(name)),
            ("id_number", text(id)),
            ("id_number_valid", 1.into()),
            ("unit", text(unit)),
            ("month", text(month)),
            ("amount", Value::Real(5000.0)),
        ],
    )
}

pub(super) fn claim(conn: &Connection, name: &str, id: &str, date: &str, amount: f64) -> i64 {
    insert(
        conn,
        "medical_claims",
        &[
            ("name", text(name)),
            ("id_number", text(id)),
            ("id_number_valid", 1.into()),
            ("visit_date", text(date)),
            ("hospital", text("县人民医院")),
            ("amount", Value::Real(amount)),
        ],
    )
}

pub(super) fn death(conn: &Connection, name: &str, id: &str, date: &str) -> i64 {
    insert(
        conn,
        "deaths",
        &[
            ("name", text(name)),
            ("id_number", text(id)),
            ("id_number_valid", 1.into()),
            ("death_date", text(date)),
        ],
    )
}

/// A contract with item, unit price and quantity (amount = price × quantity).
#[allow(clippy::too_many_arguments)]
pub(super) fn priced(
    conn: &Connection,
    no: &str,
    buyer: &str,
    supplier: &str,
    code: Option<&str>,
    item: &str,
    price: f64,
    quantity: f64,
    signed: &str,
) -> i64 {
    insert(
        conn,
        "contracts",
        &[
            ("contract_no", text(no)),
            ("buyer_unit", text(buyer)),
            ("supplier_name", text(supplier)),
            ("supplier_uscc", opt(code)),
            ("project", text(&format!("{item}采购"))),
            ("item", text(item)),
            ("unit_price", Value::Real(price)),
            ("quantity", Value::Real(quantity)),
            ("amount", Value::Real(price * quantity)),
            ("signed_date", text(signed)),
        ],
    )
}
