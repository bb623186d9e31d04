//! Hand-made cases for the money-flow model tests: statement rows written the way the
//! importer leaves them, and a runner with default or overridden parameters. Test-only.

use rusqlite::types::Value;
use rusqlite::Connection;

use crate::models::{AlertDraft, Model, ModelContext, ParamValue, Params, RunCache};
use crate::progress::CancelFlag;
pub(super) use crate::resolve::fixture::{
    case, company, company_person, contract, household, insert, official, pid, text,
};

/// A statement row of `account`; `dir` 1 in, -1 out; `other` the counterparty account.
pub(super) struct Row<'a> {
    pub account: &'a str,
    pub holder: &'a str,
    pub holder_id: Option<&'a str>,
    pub time: &'a str,
    pub amount: f64,
    pub dir: i64,
    pub other: Option<&'a str>,
    pub other_name: Option<&'a str>,
    pub other_id: Option<&'a str>,
    pub cash: bool,
    pub success: Option<i64>,
    pub currency: &'a str,
}

impl<'a> Row<'a> {
    /// An outgoing transfer of `account` to `other`.
    pub fn out(account: &'a str, time: &'a str, amount: f64, other: &'a str) -> Row<'a> {
        Row {
            account,
            holder: "甲",
            holder_id: None,
            time,
            amount,
            dir: -1,
            other: Some(other),
            other_name: None,
            other_id: None,
            cash: false,
            success: Some(1),
            currency: "人民币",
        }
    }

    /// An incoming transfer of `account` from `other`.
    pub fn inc(account: &'a str, time: &'a str, amount: f64, other: &'a str) -> Row<'a> {
        Row {
            dir: 1,
            ..Row::out(account, time, amount, other)
        }
    }

    /// A cash deposit into `account`.
    pub fn cash_in(account: &'a str, time: &'a str, amount: f64) -> Row<'a> {
        Row {
            other: None,
            other_name: Some("现金"),
            cash: true,
            ..Row::inc(account, time, amount, "")
        }
    }

    pub fn holder(mut self, name: &'a str, id: &'a str) -> Row<'a> {
        self.holder = name;
        self.holder_id = Some(id);
        self
    }

    pub fn other_holder(mut self, name: &'a str, id: &'a str) -> Row<'a> {
        self.other_name = Some(name);
        self.other_id = Some(id);
        self
    }

    pub fn failed(mut self) -> Row<'a> {
        self.success = Some(0);
        self
    }

    pub fn currency(mut self, c: &'a str) -> Row<'a> {
        self.currency = c;
        self
    }

    pub fn add(&self, conn: &Connection) -> i64 {
        let opt = |s: Option<&str>| s.map_or(Value::Null, text);
        insert(
            conn,
            "bank_transactions",
            &[
                ("account", text(self.account)),
                ("holder_name", text(self.holder)),
                ("holder_id", opt(self.holder_id)),
                ("time", text(self.time)),
                ("amount", Value::Real(self.amount)),
                ("direction", Value::Integer(self.dir)),
                ("currency", text(self.currency)),
                ("counterparty_account", opt(self.other)),
                ("counterparty_name", opt(self.other_name)),
                ("counterparty_id", opt(self.other_id)),
                ("cash", Value::Integer(i64::from(self.cash))),
                ("success", self.success.map_or(Value::Null, Value::Integer)),
            ],
        )
    }
}

/// Runs `model` with its defaults, overridden by `over`.
pub(super) fn run_with(
    model: &dyn Model,
    conn: &Connection,
    over: &[(&str, ParamValue)],
) -> Vec<AlertDraft> {
    let mut params = Params::defaults(&model.spec());
    for (k, v) in over {
        params.0.insert((*k).to_string(), v.clone());
    }
    let cancel = CancelFlag::new();
    let ctx = ModelContext {
        conn,
        params: &params,
        cancel: &cancel,
        cache: &RunCache::default(),
    };
    model.run(&ctx).expect("model runs")
}

pub(super) fn run(model: &dyn Model, conn: &Connection) -> Vec<AlertDraft> {
    run_with(model, conn, &[])
}

/// The record ids of an alert's evidence in one table.
pub(super) fn evidence_in(a: &AlertDraft, table: &str) -> Vec<i64> {
    a.evidence
        .iter()
        .filter(|r| r.table == table)
        .map(|r| r.record_id)
        .collect()
}
