//! Test fixtures: an in-memory case with one delivered file, and one-line inserts into
//! the kind tables as the importer would leave them (identifiers already canonical).
//! Shared by the `resolve` and `graph` tests; not compiled outside tests.

use rusqlite::types::Value;
use rusqlite::Connection;

/// An empty in-memory case with one `files` row (id 1, sha256 `aa…`, `extract.xlsx`).
pub(crate) fn case() -> Connection {
    let conn = crate::store::open_in_memory();
    conn.execute(
        "INSERT INTO files (id, sha256, name, size, format, kind, imported_at, imported_by)
         VALUES (1, ?1, 'extract.xlsx', 1, 'xlsx', NULL, '2024-01-01 00:00:00', 'test')",
        [&"a".repeat(64)],
    )
    .unwrap();
    conn
}

/// Inserts a row into a kind table: `sheet` is `Sheet1`, `row_no` counts up per table.
pub(crate) fn insert(conn: &Connection, table: &str, cols: &[(&str, Value)]) -> i64 {
    let row_no: i64 = conn
        .query_row(&format!("SELECT count(*) + 2 FROM {table}"), [], |r| {
            r.get(0)
        })
        .unwrap();
    let mut names = vec!["file_id", "sheet", "row_no", "fp"];
    let mut values: Vec<Value> = vec![
        1.into(),
        "Sheet1".to_string().into(),
        row_no.into(),
        row_no.into(),
    ];
    for (name, value) in cols {
        names.push(name);
        values.push(value.clone());
    }
    let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        names.join(", "),
        marks.join(", ")
    );
    conn.execute(&sql, rusqlite::params_from_iter(values))
        .unwrap();
    conn.last_insert_rowid()
}

pub(crate) fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

pub(crate) fn opt(s: Option<&str>) -> Value {
    s.map_or(Value::Null, text)
}

/// A valid 18-digit ID number: area 110101, the birth date, a sequence number whose
/// parity gives the sex, and the check digit.
pub(crate) fn pid(birth: &str, seq: u32, male: bool) -> String {
    let seq = seq * 2 + u32::from(male);
    let first17 = format!("110101{birth}{:03}", seq % 1000);
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{first17}{check}")
}

/// A household member; `id` is stored valid when it passes its check.
pub(crate) fn household(
    conn: &Connection,
    household_id: &str,
    name: &str,
    id: Option<&str>,
    relation: &str,
) -> i64 {
    let valid = id.map(|i| Value::Integer(i64::from(super::relations::id_number_checks(i))));
    insert(
        conn,
        "households",
        &[
            ("household_id", text(household_id)),
            ("name", text(name)),
            ("id_number", opt(id)),
            ("id_number_valid", valid.unwrap_or(Value::Null)),
            ("relation", text(relation)),
        ],
    )
}

pub(crate) fn official(
    conn: &Connection,
    name: &str,
    id: Option<&str>,
    unit: &str,
    start: &str,
    end: Option<&str>,
) -> i64 {
    let valid = id.map(|i| Value::Integer(i64::from(super::relations::id_number_checks(i))));
    insert(
        conn,
        "officials",
        &[
            ("name", text(name)),
            ("id_number", opt(id)),
            ("id_number_valid", valid.unwrap_or(Value::Null)),
            ("unit", text(unit)),
            ("position", text("科长")),
            ("start_date", text(start)),
            ("end_date", opt(end)),
        ],
    )
}

pub(crate) fn company(
    conn: &Connection,
    name: &str,
    code: Option<&str>,
    rep: Option<(&str, &str)>,
    phone: Option<&str>,
) -> i64 {
    insert(
        conn,
        "companies",
        &[
            ("company_name", text(name)),
            ("uscc", opt(code)),
            ("uscc_valid", code.map_or(Value::Null, |_| 1.into())),
            ("legal_rep", opt(rep.map(|r| r.0))),
            ("legal_rep_id", opt(rep.map(|r| r.1))),
            ("legal_rep_id_valid", rep.map_or(Value::Null, |_| 1.into())),
            ("phone", opt(phone)),
        ],
    )
}

/// A person shareholder or key person of a coded company.
pub(crate) fn company_person(
    conn: &Connection,
    code: &str,
    name: &str,
    id: &str,
    role: &str,
    ratio: Option<f64>,
) -> i64 {
    insert(
        conn,
        "company_people",
        &[
            ("uscc", text(code)),
            ("uscc_valid", 1.into()),
            ("name", text(name)),
            ("id_number", text(id)),
            ("id_number_valid", 1.into()),
            ("id_number_type", text("person")),
            ("role", text(role)),
            ("share_ratio", ratio.map_or(Value::Null, Value::Real)),
        ],
    )
}

pub(crate) fn contract(
    conn: &Connection,
    no: &str,
    buyer: &str,
    supplier: &str,
    code: Option<&str>,
    amount: f64,
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
            (
                "supplier_uscc_valid",
                code.map_or(Value::Null, |_| 1.into()),
            ),
            ("amount", Value::Real(amount)),
            ("signed_date", text(signed)),
        ],
    )
}

/// A bank statement row of `account`: `direction` -1 out to / 1 in from `counterparty`.
pub(crate) struct Txn<'a> {
    pub account: &'a str,
    pub counterparty: &'a str,
    pub time: &'a str,
    pub amount: f64,
    pub direction: i64,
    pub currency: Option<&'a str>,
    pub success: Option<i64>,
    pub holder_id: Option<&'a str>,
}

impl<'a> Txn<'a> {
    pub fn out(account: &'a str, counterparty: &'a str, time: &'a str, amount: f64) -> Txn<'a> {
        Txn {
            account,
            counterparty,
            time,
            amount,
            direction: -1,
            currency: None,
            success: Some(1),
            holder_id: None,
        }
    }

    pub fn into_(account: &'a str, counterparty: &'a str, time: &'a str, amount: f64) -> Txn<'a> {
        Txn {
            direction: 1,
            ..Txn::out(account, counterparty, time, amount)
        }
    }

    pub fn insert(self, conn: &Connection) -> i64 {
        insert(
            conn,
            "bank_transactions",
            &[
                ("account", text(self.account)),
                ("account_valid", 1.into()),
                (
                    "holder_name",
                    text(&format!("户{}", &self.account[self.account.len() - 2..])),
                ),
                ("holder_id", opt(self.holder_id)),
                (
                    "holder_id_valid",
                    self.holder_id.map_or(Value::Null, |_| 1.into()),
                ),
                ("time", text(self.time)),
                ("amount", Value::Real(self.amount)),
                ("direction", self.direction.into()),
                ("currency", opt(self.currency)),
                ("counterparty_account", text(self.counterparty)),
                ("counterparty_account_valid", 1.into()),
                ("success", self.success.map_or(Value::Null, Value::Integer)),
            ],
        )
    }
}

/// Rebuilds entities and links, panicking on error.
pub(crate) fn rebuilt(conn: &Connection) -> super::ResolveStats {
    super::rebuild(
        conn,
        &mut crate::progress::NoProgress,
        &crate::progress::CancelFlag::new(),
    )
    .unwrap()
}
