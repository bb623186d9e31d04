//! The façade's model and alert use cases: list and run supervision models, work alerts
//! through their states, tune parameters, share user-written models, account statistics
//! and ad-hoc list comparisons. Each call is logged; the rules live in `models`.

use serde_json::json;

use super::Case;
use crate::error::Result;
use crate::models::account_stats::{account_stats, AccountStats};
use crate::models::alerts::{self, AlertDetail, AlertFilter, AlertId, AlertView, Outcome};
use crate::models::compare::{self, CompareMode, CompareResult, KeyType, TableRef};
use crate::models::runner::{self, RunReport};
use crate::models::{params, user, ModelSpec, Params, Stamp};
use crate::progress::{CancelFlag, Progress};

/// A model as the case sees it: its spec, the parameters in force, and whether an
/// investigator wrote it.
#[derive(Clone, Debug)]
pub struct ModelInfo {
    pub spec: ModelSpec,
    pub params: Params,
    pub user_written: bool,
}

/// One step of an alert's life, with the note that goes into its history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AlertMove {
    Assign { to: String, note: String },
    Verify { note: String },
    Dispose { outcome: Outcome, note: String },
    Archive { note: String },
    Reopen { note: String },
}

impl Case {
    /// Every model the case can run (built-in first, then the case's own), with the
    /// parameters in force for this case.
    pub fn models(&self) -> Result<Vec<ModelInfo>> {
        let builtin: Vec<&str> = crate::models::builtin::all()
            .iter()
            .map(|m| m.spec().id)
            .collect();
        user::all_models(&self.conn)?
            .iter()
            .map(|m| {
                let spec = m.spec();
                Ok(ModelInfo {
                    params: params::effective(&self.conn, &spec)?,
                    user_written: !builtin.contains(&spec.id),
                    spec,
                })
            })
            .collect()
    }

    /// Runs the models named by `ids` (all when empty) after bringing entities up to date,
    /// and files their alerts: found-again alerts keep their state and history.
    pub fn run_models(
        &mut self,
        ids: &[String],
        progress: &mut dyn Progress,
        cancel: &CancelFlag,
    ) -> Result<RunReport> {
        self.ensure_resolved(progress, cancel)?;
        let all = user::all_models(&self.conn)?;
        let chosen = runner::select(&all, ids)?;
        let at = (self.clock)();
        runner::run_models(
            &self.conn,
            &chosen,
            Stamp {
                at: &at,
                actor: &self.actor,
            },
            progress,
            cancel,
        )
    }

    /// Alerts passing `filter`, with their subjects and evidence.
    pub fn alerts(&self, filter: &AlertFilter) -> Result<Vec<AlertView>> {
        let found = alerts::list(&self.conn, filter)?;
        self.log("alerts.list", json!({ "state": filter.state.map(|s| s.code()), "model": filter.model, "rows": found.len() }))?;
        Ok(found)
    }

    /// One alert with its history.
    pub fn alert(&self, id: AlertId) -> Result<AlertDetail> {
        let found = alerts::show(&self.conn, id)?;
        self.log("alerts.show", json!({ "alert": id.0 }))?;
        Ok(found)
    }

    /// Moves an alert to its next state; illegal moves are refused. The move is written to
    /// the alert's history and the audit log.
    pub fn move_alert(&self, id: AlertId, step: &AlertMove) -> Result<()> {
        let at = (self.clock)();
        let stamp = Stamp {
            at: &at,
            actor: &self.actor,
        };
        match step {
            AlertMove::Assign { to, note } => alerts::assign(&self.conn, id, to, note, stamp),
            AlertMove::Verify { note } => alerts::start_verifying(&self.conn, id, note, stamp),
            AlertMove::Dispose { outcome, note } => {
                alerts::dispose(&self.conn, id, *outcome, note, stamp)
            }
            AlertMove::Archive { note } => alerts::archive(&self.conn, id, note, stamp),
            AlertMove::Reopen { note } => alerts::reopen(&self.conn, id, note, stamp),
        }
    }

    /// Sets one parameter of a model for this case (`name`, value as text).
    pub fn set_model_param(&self, model_id: &str, name: &str, value: &str) -> Result<()> {
        let info = self
            .models()?
            .into_iter()
            .find(|m| m.spec.id == model_id)
            .ok_or_else(|| crate::Error::NotFound(format!("模型 / model {model_id}")))?;
        let spec_param = info
            .spec
            .params
            .iter()
            .find(|p| p.name == name)
            .ok_or_else(|| {
                crate::Error::InvalidArgument(format!(
                    "模型 {model_id} 没有参数 {name} / model {model_id} has no parameter {name}"
                ))
            })?;
        let parsed = params::parse_value(spec_param, value)?;
        let mut saved = params::saved(&self.conn, &info.spec)?;
        saved.0.insert(name.to_string(), parsed);
        let at = (self.clock)();
        params::set(
            &self.conn,
            &info.spec,
            &saved,
            Stamp {
                at: &at,
                actor: &self.actor,
            },
        )
    }

    /// Adds the user-written models of a model file or pack to the case (all or nothing).
    pub fn import_models(&self, text: &str) -> Result<Vec<String>> {
        let at = (self.clock)();
        user::import(
            &self.conn,
            text,
            Stamp {
                at: &at,
                actor: &self.actor,
            },
        )
    }

    /// The case's user-written models named by `ids` (all when empty), as one pack.
    pub fn export_models(&self, ids: &[String]) -> Result<String> {
        let pack = user::export_pack(&self.conn, ids)?;
        self.log("models.export", json!({ "models": ids }))?;
        Ok(pack)
    }

    /// The statistics investigators read first about one account.
    pub fn account_stats(&self, account: &str) -> Result<AccountStats> {
        let stats = account_stats(&self.conn, account)?;
        self.log("account.stats", json!({ "account": account }))?;
        Ok(stats)
    }

    /// Collides two tables (kinds or named lists) on one kind of identifier.
    pub fn compare(
        &self,
        left: &TableRef,
        right: &TableRef,
        key: KeyType,
        mode: CompareMode,
    ) -> Result<CompareResult> {
        let found = compare::compare(&self.conn, left, right, key, mode)?;
        self.log(
            "compare",
            json!({ "left": format!("{left:?}"), "right": format!("{right:?}"), "key": key.code(), "rows": found.rows.len() }),
        )?;
        Ok(found)
    }
}
