//! User-written models (用户自定义模型): a TOML file with an id, a name, the extracts it
//! needs, parameters, a severity, a summary template and one read-only SQL query over
//! the case schema whose result columns name the subjects and the evidence (format in
//! `docs/user-models.md`, schema in `docs/case-schema.md`). Models are checked when
//! they are added — TOML, fields, then the SQL prepared against the case — and stored
//! in the case (`user_models`); several travel together as a pack (`[[model]]`).
//! [`all_models`] is every model a case can run: the built-ins, then the case's own.
//! This file parses, stores and exports; `sql.rs` checks and runs the query, `shape.rs`
//! turns result rows into alert drafts.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::savepoint::atomically;
use super::{
    builtin, intern, AlertDraft, Model, ModelContext, ModelSpec, ParamSpec, ParamValue, Severity,
    Stamp,
};
use crate::audit::{self, Entry};
use crate::error::{Error, Result};
use crate::kinds::Kind;

mod shape;
mod sql;

/// A model file as written: the fields of `docs/user-models.md`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub needs: Vec<String>,
    #[serde(default = "default_severity")]
    pub severity: String,
    pub summary: String,
    pub sql: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, ParamEntry>,
}

/// A parameter: its default alone, or its default with a description.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum ParamEntry {
    Described {
        default: toml::Value,
        #[serde(default)]
        description: String,
    },
    Plain(toml::Value),
}

fn default_severity() -> String {
    "medium".to_string()
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Pack {
    model: Vec<ModelFile>,
}

/// A user model whose fields were checked (its SQL is checked by [`UserModel::check`]).
#[derive(Clone, Debug)]
pub struct UserModel {
    file: ModelFile,
    spec: ModelSpec,
    severity: Severity,
}

impl UserModel {
    /// Reads one model's fields (not its SQL, which needs a case to be checked against).
    pub fn from_file(file: ModelFile) -> Result<UserModel> {
        let bad = |reason: String| bad(&file.id, reason);
        check_id(&file.id).map_err(bad)?;
        let needs = file
            .needs
            .iter()
            .map(|n| kind_of(n))
            .collect::<Result<Vec<_>, _>>()
            .map_err(bad)?;
        let severity = Severity::from_code(&file.severity).ok_or_else(|| {
            bad(format!(
                "严重程度应为 low、medium 或 high / severity must be low, medium or high, not {:?}",
                file.severity
            ))
        })?;
        if file.name.trim().is_empty() || file.summary.trim().is_empty() {
            return Err(bad(
                "name 和 summary 不能为空 / name and summary must not be empty".into(),
            ));
        }
        let params = file
            .params
            .iter()
            .map(|(n, p)| param_spec(n, p))
            .collect::<Result<_, _>>()
            .map_err(bad)?;
        let spec = ModelSpec {
            id: intern::text(&file.id),
            name: intern::text(&file.name),
            description: intern::text(&file.description),
            needs: intern::kinds(&needs),
            params,
        };
        Ok(UserModel {
            file,
            spec,
            severity,
        })
    }

    /// Checks the SQL against the case: one read-only SELECT, known tables and columns,
    /// declared parameters, subject and evidence columns, summary placeholders.
    pub fn check(&self, conn: &Connection) -> Result<()> {
        sql::prepare(conn, self).map(|_| ())
    }

    pub fn id(&self) -> &str {
        &self.file.id
    }

    pub fn file(&self) -> &ModelFile {
        &self.file
    }

    /// The model as a one-model TOML file.
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string_pretty(&self.file).map_err(|e| bad(&self.file.id, e.to_string()))
    }
}

impl Model for UserModel {
    fn spec(&self) -> ModelSpec {
        self.spec.clone()
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        sql::run(ctx, self)
    }
}

/// Reads a model file or a pack, checking fields but not SQL.
pub fn parse(text: &str) -> Result<Vec<UserModel>> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        bad(
            "?",
            format!("TOML 格式有误 / TOML syntax error: {}", e.message()),
        )
    })?;
    let files = if table.contains_key("model") {
        let pack: Pack = table
            .try_into()
            .map_err(|e: toml::de::Error| bad("?", fields_error(&e)))?;
        pack.model
    } else {
        vec![table
            .try_into()
            .map_err(|e: toml::de::Error| bad("?", fields_error(&e)))?]
    };
    let models = files
        .into_iter()
        .map(UserModel::from_file)
        .collect::<Result<Vec<_>>>()?;
    refuse_repeated_ids(&models)?;
    Ok(models)
}

/// Reads a model file or a pack and checks every model against the case, storing nothing.
pub fn validate(conn: &Connection, text: &str) -> Result<Vec<UserModel>> {
    let models = parse(text)?;
    for model in &models {
        model.check(conn)?;
    }
    Ok(models)
}

/// Adds a model file or a pack to the case, all or nothing; a model with the id of one
/// already stored replaces it. Returns the ids added.
pub fn import(conn: &Connection, text: &str, stamp: Stamp<'_>) -> Result<Vec<String>> {
    let models = validate(conn, text)?;
    let ids: Vec<String> = models.iter().map(|m| m.id().to_string()).collect();
    atomically(conn, "user_models_import", || {
        for model in &models {
            conn.execute(
                "INSERT OR REPLACE INTO user_models (id, toml, added_at, added_by) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![model.id(), model.to_toml()?, stamp.at, stamp.actor],
            )?;
        }
        log(conn, stamp, "models.import", json!({ "models": ids }))
    })?;
    Ok(ids)
}

/// Removes a user model from the case (its alerts stay).
pub fn remove(conn: &Connection, id: &str, stamp: Stamp<'_>) -> Result<()> {
    atomically(conn, "user_models_remove", || {
        if conn.execute("DELETE FROM user_models WHERE id = ?1", [id])? == 0 {
            return Err(Error::NotFound(format!("用户模型 {id} / user model {id}")));
        }
        log(conn, stamp, "models.remove", json!({ "model": id }))
    })
}

/// The user models stored in the case, by id.
pub fn stored(conn: &Connection) -> Result<Vec<UserModel>> {
    let mut stmt = conn.prepare("SELECT toml FROM user_models ORDER BY id")?;
    let texts = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for text in texts {
        out.extend(parse(&text?)?);
    }
    Ok(out)
}

/// The case's user models with these ids (all of them when `ids` is empty) as one pack.
pub fn export_pack(conn: &Connection, ids: &[String]) -> Result<String> {
    let all = stored(conn)?;
    for id in ids {
        if !all.iter().any(|m| m.id() == id.as_str()) {
            return Err(Error::NotFound(format!("用户模型 {id} / user model {id}")));
        }
    }
    let chosen: Vec<&UserModel> = all
        .iter()
        .filter(|m| ids.is_empty() || ids.contains(&m.file.id))
        .collect();
    pack_text(&chosen)
}

/// Several models as one pack file (`[[model]]` entries).
pub fn pack_text(models: &[&UserModel]) -> Result<String> {
    let pack = Pack {
        model: models.iter().map(|m| m.file.clone()).collect(),
    };
    toml::to_string_pretty(&pack).map_err(|e| bad("?", e.to_string()))
}

/// Every model the case can run: the built-ins, then the case's user models.
pub fn all_models(conn: &Connection) -> Result<Vec<Box<dyn Model>>> {
    let mut out = builtin::all();
    for model in stored(conn)? {
        out.push(Box::new(model));
    }
    Ok(out)
}

fn bad(model: &str, reason: String) -> Error {
    Error::BadUserModel {
        model: model.to_string(),
        reason,
    }
}

fn fields_error(e: &toml::de::Error) -> String {
    format!("字段有误 / bad fields: {}", e.message().trim())
}

fn check_id(id: &str) -> Result<(), String> {
    let ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !ok {
        return Err(format!(
            "id 只能由小写字母、数字和连字符组成 / the id may hold only a-z, 0-9 and '-': {id:?}"
        ));
    }
    if builtin::all().iter().any(|m| m.spec().id == id) {
        return Err(format!(
            "id 与内置模型重名 / the id is a built-in model's: {id}"
        ));
    }
    Ok(())
}

fn kind_of(code: &str) -> Result<Kind, String> {
    Kind::from_code(code).ok_or_else(|| {
        let known: Vec<&str> = Kind::ALL.iter().map(|k| k.code()).collect();
        format!(
            "未知数据类型 {code} / unknown extract kind {code} (known: {})",
            known.join(", ")
        )
    })
}

fn param_spec(name: &str, entry: &ParamEntry) -> Result<ParamSpec, String> {
    let named = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    if !named {
        return Err(format!("参数名只能由小写字母、数字和下划线组成 / parameter names hold only a-z, 0-9 and '_': {name:?}"));
    }
    let (value, description) = match entry {
        ParamEntry::Described {
            default,
            description,
        } => (default, description.as_str()),
        ParamEntry::Plain(value) => (value, ""),
    };
    let default = param_value(value).ok_or_else(|| {
        format!("参数 {name} 的值应为数、文本或文本数组 / parameter {name} must be a number, a text or an array of texts")
    })?;
    Ok(ParamSpec {
        name: intern::text(name),
        description: intern::text(description),
        default,
    })
}

fn param_value(value: &toml::Value) -> Option<ParamValue> {
    Some(match value {
        toml::Value::Integer(i) => ParamValue::Integer(*i),
        toml::Value::Float(x) => ParamValue::Number(*x),
        toml::Value::String(s) => ParamValue::Text(s.clone()),
        toml::Value::Array(items) => ParamValue::List(
            items
                .iter()
                .map(|i| i.as_str().map(String::from))
                .collect::<Option<_>>()?,
        ),
        _ => return None,
    })
}

fn refuse_repeated_ids(models: &[UserModel]) -> Result<()> {
    let mut seen = std::collections::BTreeSet::new();
    for model in models {
        if !seen.insert(model.id()) {
            return Err(bad(
                model.id(),
                "同一文件中 id 重复 / the id appears twice in the file".into(),
            ));
        }
    }
    Ok(())
}

fn log(conn: &Connection, stamp: Stamp<'_>, action: &str, detail: serde_json::Value) -> Result<()> {
    audit::append(
        conn,
        &Entry {
            at: stamp.at,
            actor: stamp.actor,
            action,
            detail: &detail,
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests;
