//! Running supervision models and filing what they find. [`run_models`] runs each model
//! with the case's parameters (skipping, not failing, a model whose extracts the case
//! lacks), measures it, and then files every draft in one transaction: a finding whose
//! (model, key) is already an alert is found *again* (its state and history stay, its
//! subjects, evidence and summary are refreshed), an open alert of a model that ran but
//! did not find it this time turns *stale* (kept, never deleted), and a new key becomes
//! a `new` alert. One `model_runs` row and one audit entry record the run. This file
//! does not know any model's rule, and it does not change alert states by hand (that is
//! `alerts`).

use std::time::Instant;

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value as Json};

use super::savepoint::atomically;
use super::{
    evidence, params as case_params, AlertDraft, Model, ModelContext, ModelSpec, RunCache, Stamp,
};
use crate::audit::{self, Entry};
use crate::error::{Error, Result};
use crate::kinds::Kind;
use crate::progress::{CancelFlag, Progress, ProgressEvent};

/// What one run did, model by model, in the order they ran.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunReport {
    /// The `model_runs` id; alerts found in this run have it as `last_seen`.
    pub run_id: i64,
    pub models: Vec<ModelOutcome>,
}

/// One model's part in a run.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ModelOutcome {
    pub id: String,
    pub name: String,
    /// Findings that became new alerts.
    pub new: u64,
    /// Findings that were already alerts (state and history kept).
    pub again: u64,
    /// Open alerts of this model that this run did not find again.
    pub stale: u64,
    pub elapsed_ms: u64,
    /// Why the model did not run (its extracts are not in the case).
    pub skipped: Option<String>,
    /// Why the model failed; its earlier alerts are left as they were.
    pub error: Option<String>,
}

impl RunReport {
    /// New, found-again and stale alerts over all models.
    pub fn totals(&self) -> (u64, u64, u64) {
        self.models.iter().fold((0, 0, 0), |(n, a, s), m| {
            (n + m.new, a + m.again, s + m.stale)
        })
    }
}

/// Picks models by id from `all`, in the order asked; every id must exist. No ids: all.
pub fn select<'m>(all: &'m [Box<dyn Model>], ids: &[String]) -> Result<Vec<&'m dyn Model>> {
    if ids.is_empty() {
        return Ok(all.iter().map(|m| m.as_ref()).collect());
    }
    ids.iter()
        .map(|id| {
            all.iter()
                .find(|m| m.spec().id == id.as_str())
                .map(|m| m.as_ref())
                .ok_or_else(|| Error::NotFound(format!("模型 {id} / model {id}")))
        })
        .collect()
}

/// Runs `models` and files their alerts. Cancelling stops before anything is filed.
pub fn run_models(
    conn: &Connection,
    models: &[&dyn Model],
    stamp: Stamp<'_>,
    progress: &mut dyn Progress,
    cancel: &CancelFlag,
) -> Result<RunReport> {
    let mut results = Vec::with_capacity(models.len());
    let cache = RunCache::default();
    for (index, model) in models.iter().enumerate() {
        let spec = model.spec();
        progress.report(ProgressEvent {
            stage: "model",
            subject: spec.id,
            done: index as u64,
            total: Some(models.len() as u64),
        });
        cancel.check()?;
        results.push(run_one(conn, *model, spec, &cache, cancel)?);
    }
    atomically(conn, "models_run", || {
        file_all(conn, models, results, stamp)
    })
}

/// A model's outcome before filing, with its drafts when it ran.
struct Ran {
    outcome: ModelOutcome,
    drafts: Option<Vec<AlertDraft>>,
}

fn run_one(
    conn: &Connection,
    model: &dyn Model,
    spec: ModelSpec,
    cache: &RunCache,
    cancel: &CancelFlag,
) -> Result<Ran> {
    let mut outcome = ModelOutcome {
        id: spec.id.to_string(),
        name: spec.name.to_string(),
        ..ModelOutcome::default()
    };
    if let Some(reason) = skip_reason(conn, spec.needs)? {
        outcome.skipped = Some(reason);
        return Ok(Ran {
            outcome,
            drafts: None,
        });
    }
    let params = case_params::effective(conn, &spec)?;
    let started = Instant::now();
    let result = model.run(&ModelContext {
        conn,
        params: &params,
        cancel,
        cache,
    });
    outcome.elapsed_ms = started.elapsed().as_millis() as u64;
    match result {
        Ok(drafts) => Ok(Ran {
            outcome,
            drafts: Some(drafts),
        }),
        Err(Error::Cancelled) => Err(Error::Cancelled),
        Err(err) => {
            outcome.error = Some(err.to_string());
            Ok(Ran {
                outcome,
                drafts: None,
            })
        }
    }
}

/// `Some(reason)` when every kind the model needs is empty in the case.
fn skip_reason(conn: &Connection, needs: &[Kind]) -> Result<Option<String>> {
    if needs.is_empty() {
        return Ok(None);
    }
    for kind in needs {
        if kind_has_rows(conn, *kind)? {
            return Ok(None);
        }
    }
    let labels: Vec<&str> = needs.iter().map(|k| k.label()).collect();
    let codes: Vec<&str> = needs.iter().map(|k| k.code()).collect();
    Ok(Some(format!(
        "案件中没有所需数据:{} / the case has none of the extracts it needs: {}",
        labels.join("、"),
        codes.join(", ")
    )))
}

pub(crate) fn kind_has_rows(conn: &Connection, kind: Kind) -> Result<bool> {
    let table = match kind {
        Kind::List => "list_rows",
        other => other.code(),
    };
    let sql = format!("SELECT EXISTS (SELECT 1 FROM {table})");
    Ok(conn.query_row(&sql, [], |r| r.get(0))?)
}

fn file_all(
    conn: &Connection,
    models: &[&dyn Model],
    results: Vec<Ran>,
    stamp: Stamp<'_>,
) -> Result<RunReport> {
    let ids: Vec<&str> = models.iter().map(|m| m.spec().id).collect();
    conn.execute(
        "INSERT INTO model_runs (at, actor, models) VALUES (?1, ?2, ?3)",
        params![stamp.at, stamp.actor, json!(ids).to_string()],
    )?;
    let run_id = conn.last_insert_rowid();
    let mut report = RunReport {
        run_id,
        models: Vec::new(),
    };
    for mut ran in results {
        if let Some(drafts) = ran.drafts.take() {
            file_model(conn, &mut ran.outcome, drafts, run_id, stamp)?;
        }
        report.models.push(ran.outcome);
    }
    let counts = counts_json(&report);
    conn.execute(
        "UPDATE model_runs SET counts = ?1 WHERE id = ?2",
        params![counts.to_string(), run_id],
    )?;
    let detail = json!({ "run": run_id, "models": counts });
    audit::append(
        conn,
        &Entry {
            at: stamp.at,
            actor: stamp.actor,
            action: "models.run",
            detail: &detail,
        },
    )?;
    Ok(report)
}

fn counts_json(report: &RunReport) -> Json {
    let map = report.models.iter().map(|m| {
        let value = json!({
            "new": m.new, "again": m.again, "stale": m.stale, "elapsed_ms": m.elapsed_ms,
            "skipped": m.skipped, "error": m.error,
        });
        (m.id.clone(), value)
    });
    Json::Object(map.collect())
}

fn file_model(
    conn: &Connection,
    outcome: &mut ModelOutcome,
    drafts: Vec<AlertDraft>,
    run: i64,
    stamp: Stamp<'_>,
) -> Result<()> {
    for draft in merge_by_key(drafts) {
        match find(conn, &outcome.id, &draft.key)? {
            Some(id) => {
                refresh(conn, id, &draft, run, stamp.at)?;
                outcome.again += 1;
            }
            None => {
                insert(conn, &outcome.id, &draft, run, stamp)?;
                outcome.new += 1;
            }
        }
    }
    outcome.stale = mark_stale(conn, &outcome.id, run, stamp.at)?;
    Ok(())
}

/// Drafts with the same key are one finding: their subjects and evidence are joined,
/// the first draft's summary kept and the highest severity taken.
fn merge_by_key(drafts: Vec<AlertDraft>) -> Vec<AlertDraft> {
    let mut out: Vec<AlertDraft> = Vec::with_capacity(drafts.len());
    let mut index = std::collections::HashMap::new();
    for draft in drafts {
        match index.get(&draft.key) {
            Some(&i) => join(&mut out[i], draft),
            None => {
                index.insert(draft.key.clone(), out.len());
                out.push(draft);
            }
        }
    }
    out
}

fn join(into: &mut AlertDraft, other: AlertDraft) {
    into.severity = into.severity.max(other.severity);
    for s in other.subjects {
        if !into.subjects.contains(&s) {
            into.subjects.push(s);
        }
    }
    for e in other.evidence {
        if !into.evidence.contains(&e) {
            into.evidence.push(e);
        }
    }
}

fn find(conn: &Connection, model: &str, key: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM alerts WHERE model = ?1 AND key = ?2")?
        .query_row(params![model, key], |r| r.get(0))
        .optional()?)
}

fn insert(
    conn: &Connection,
    model: &str,
    d: &AlertDraft,
    run: i64,
    stamp: Stamp<'_>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO alerts (model, key, severity, state, summary, first_seen, last_seen, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'new', ?4, ?5, ?5, ?6, ?6)",
    )?
    .execute(params![model, d.key, d.severity.code(), d.summary, run, stamp.at])?;
    let id = conn.last_insert_rowid();
    conn.prepare_cached(
        "INSERT INTO alert_history (alert_id, from_state, to_state, who, at, note)
         VALUES (?1, NULL, 'new', ?2, ?3, ?4)",
    )?
    .execute(params![
        id,
        stamp.actor,
        stamp.at,
        format!("模型运行 #{run} 发现 / found by run #{run}")
    ])?;
    write_parts(conn, id, d)
}

fn refresh(conn: &Connection, id: i64, d: &AlertDraft, run: i64, at: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE alerts SET severity = ?2, summary = ?3, stale = 0, last_seen = ?4, updated_at = ?5
         WHERE id = ?1",
    )?
    .execute(params![id, d.severity.code(), d.summary, run, at])?;
    conn.prepare_cached("DELETE FROM alert_subjects WHERE alert_id = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM alert_evidence WHERE alert_id = ?1")?
        .execute([id])?;
    write_parts(conn, id, d)
}

fn write_parts(conn: &Connection, id: i64, d: &AlertDraft) -> Result<()> {
    let mut subject = conn.prepare_cached(
        "INSERT INTO alert_subjects (alert_id, position, type, subject_id, name, role)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, s) in d.subjects.iter().enumerate() {
        subject.execute(params![
            id,
            i as i64,
            s.subject_type.code(),
            s.id,
            s.name,
            s.role
        ])?;
    }
    let mut evidence_row = conn.prepare_cached(
        "INSERT INTO alert_evidence (alert_id, position, table_name, record_id, file_sha256, file_name, sheet, row_no)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, r) in d.evidence.iter().enumerate() {
        let e = evidence::resolve(conn, r)?;
        evidence_row.execute(params![
            id,
            i as i64,
            e.table,
            e.record_id,
            e.file_sha256,
            e.file_name,
            e.sheet,
            e.row_no
        ])?;
    }
    Ok(())
}

/// Marks the open alerts of `model` that this run did not find; returns how many there are.
fn mark_stale(conn: &Connection, model: &str, run: i64, at: &str) -> Result<u64> {
    conn.prepare_cached(
        "UPDATE alerts SET stale = 1, updated_at = ?3
         WHERE model = ?1 AND last_seen <> ?2 AND stale = 0
           AND state IN ('new', 'assigned', 'verifying')",
    )?
    .execute(params![model, run, at])?;
    let count: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM alerts WHERE model = ?1 AND last_seen <> ?2 AND stale = 1
               AND state IN ('new', 'assigned', 'verifying')",
        )?
        .query_row(params![model, run], |r| r.get(0))?;
    Ok(count as u64)
}

#[cfg(test)]
pub(crate) mod tests;
