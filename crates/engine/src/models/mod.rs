//! Supervision models (监督模型): named cross-comparison rules over the case's rows,
//! entities and relations that raise alerts. This file fixes the contract every model
//! follows — its spec, its parameters, and the alert drafts it returns; `builtin/` holds
//! one file per built-in model, `runner` runs them and files their alerts, `alerts`
//! keeps the alerts and their workflow, `user` loads models that investigators write.
//!
//! A model only reads. It never writes to the case; the runner does, after all models
//! have returned.
//!
//! # How the parts fit (the models README)
//!
//! - `builtin/`: the models of `shared/spec/models.md`, one file each; `builtin::all()`.
//! - [`user`]: models investigators write as TOML with a read-only SQL query
//!   (`docs/user-models.md`), stored in the case (`user_models`), exported and imported
//!   as packs; [`user::all_models`] is every model a case can run.
//! - [`params`]: per-case parameter overrides (`model_params`), checked against the spec.
//! - [`runner`]: [`runner::run_models`] runs models (skipping those whose extracts the
//!   case lacks), times them, and files their drafts in one transaction: a (model, key)
//!   found before is found *again* (state and history kept, content refreshed), open
//!   alerts not found again turn *stale*, new keys become `new` alerts.
//! - [`alerts`]: listing and showing alerts ([`alerts::AlertView`] carries what the
//!   alert JSON of `shared/spec/cli.md` needs) and the workflow 新预警 → 已分办 → 核查中
//!   → 已处置 → 已归档, every step in `alert_history` and the audit log.
//! - [`compare`]: lists and collisions (数据碰撞) between kinds and named lists by ID
//!   number, credit code, account, phone or name; reused by the `list-match` model.
//! - [`account_stats`]: the statistics an account's profile shows first.
//! - [`calendar`]: Chinese public holidays and the lunar festivals.
//!
//! The case schema a model may read is documented for model writers in
//! `docs/case-schema.md`.

use std::collections::BTreeMap;

use rusqlite::Connection;

use crate::error::Result;
use crate::kinds::Kind;
use crate::progress::CancelFlag;

pub mod account_stats;
pub mod alerts;
pub mod builtin;
mod cache;
pub mod calendar;
pub mod compare;
#[cfg(test)]
mod doc_tests;
mod evidence;
mod intern;
pub mod params;
pub mod runner;
mod savepoint;
pub mod user;

pub use cache::RunCache;
pub use evidence::EvidenceRow;

/// Who does something to the case, and when (RFC 3339 text, passed in so tests control
/// the clock). Every write of this module records both.
#[derive(Clone, Copy, Debug)]
pub struct Stamp<'a> {
    pub at: &'a str,
    pub actor: &'a str,
}

/// How much an alert matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    pub fn code(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }

    pub fn from_code(code: &str) -> Option<Severity> {
        [Severity::Low, Severity::Medium, Severity::High]
            .into_iter()
            .find(|s| s.code() == code)
    }

    /// The Chinese word investigators use.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Low => "低",
            Severity::Medium => "中",
            Severity::High => "高",
        }
    }
}

/// A parameter's value. Amounts are yuan; durations are whole days or hours as the name says.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamValue {
    Number(f64),
    Integer(i64),
    Text(String),
    List(Vec<String>),
}

/// One tunable threshold of a model, with its default from `shared/spec/models.md`.
#[derive(Clone, Debug)]
pub struct ParamSpec {
    pub name: &'static str,
    pub description: &'static str,
    pub default: ParamValue,
}

/// What a model is: stable ID, Chinese name, what it looks for, what it needs.
#[derive(Clone, Debug)]
pub struct ModelSpec {
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    /// The extract kinds it reads; the model is skipped (not failed) when none of them is in the case.
    pub needs: &'static [Kind],
    pub params: Vec<ParamSpec>,
}

/// The parameter values for one run: the defaults, overridden by what the case saved.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params(pub BTreeMap<String, ParamValue>);

impl Params {
    /// The defaults of `spec`.
    pub fn defaults(spec: &ModelSpec) -> Params {
        Params(
            spec.params
                .iter()
                .map(|p| (p.name.to_string(), p.default.clone()))
                .collect(),
        )
    }

    pub fn number(&self, name: &str) -> f64 {
        match self.0.get(name) {
            Some(ParamValue::Number(x)) => *x,
            Some(ParamValue::Integer(i)) => *i as f64,
            _ => 0.0,
        }
    }

    pub fn integer(&self, name: &str) -> i64 {
        match self.0.get(name) {
            Some(ParamValue::Integer(i)) => *i,
            Some(ParamValue::Number(x)) => *x as i64,
            _ => 0,
        }
    }

    pub fn text(&self, name: &str) -> String {
        match self.0.get(name) {
            Some(ParamValue::Text(t)) => t.clone(),
            _ => String::new(),
        }
    }

    pub fn list(&self, name: &str) -> Vec<String> {
        match self.0.get(name) {
            Some(ParamValue::List(items)) => items.clone(),
            Some(ParamValue::Text(t)) => vec![t.clone()],
            _ => Vec::new(),
        }
    }
}

/// What an alert is about (`type` of `shared/spec/cli.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SubjectType {
    Person,
    Company,
    Account,
    Unit,
    Tender,
    Invoice,
    Contract,
}

impl SubjectType {
    pub fn code(self) -> &'static str {
        match self {
            SubjectType::Person => "person",
            SubjectType::Company => "company",
            SubjectType::Account => "account",
            SubjectType::Unit => "unit",
            SubjectType::Tender => "tender",
            SubjectType::Invoice => "invoice",
            SubjectType::Contract => "contract",
        }
    }

    pub const ALL: [SubjectType; 7] = [
        SubjectType::Person,
        SubjectType::Company,
        SubjectType::Account,
        SubjectType::Unit,
        SubjectType::Tender,
        SubjectType::Invoice,
        SubjectType::Contract,
    ];

    pub fn from_code(code: &str) -> Option<SubjectType> {
        SubjectType::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// One subject of an alert, by canonical id: 18-digit ID number, credit code, account
/// digits, normalised unit name, tender number, `CODE-NUMBER` for invoices, contract number.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Subject {
    pub subject_type: SubjectType,
    pub id: String,
    pub name: String,
    /// The subject's part in the story: `official`, `relative`, `supplier`, `beneficiary`…
    pub role: String,
}

/// A source row that supports an alert: the kind table and the row's `id` there
/// (`list_rows` for lists). The runner turns it into file SHA-256, file name, sheet, row.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordRef {
    pub table: &'static str,
    pub record_id: i64,
}

/// An alert as a model raises it, before the runner files it.
#[derive(Clone, Debug, PartialEq)]
pub struct AlertDraft {
    pub model: &'static str,
    pub severity: Severity,
    pub subjects: Vec<Subject>,
    /// One readable paragraph in Chinese, naming people, units, dates and amounts.
    pub summary: String,
    pub evidence: Vec<RecordRef>,
    /// Identifies "the same finding" across runs (e.g. model + official id + company code +
    /// contract no), so a re-run finds the alert again instead of duplicating it.
    pub key: String,
}

/// What a model may read while it runs.
pub struct ModelContext<'c> {
    pub conn: &'c Connection,
    pub params: &'c Params,
    pub cancel: &'c CancelFlag,
    /// Data the models of this run share (the bank ledger), built on first use.
    pub cache: &'c RunCache,
}

/// A supervision model.
pub trait Model: Send + Sync {
    fn spec(&self) -> ModelSpec;
    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>>;
}
