//! Per-case parameter overrides (`model_params`): an investigator changes a threshold
//! for one case, and the case file remembers it. Values are checked against the model's
//! spec (known name, the default's type) when saved; defaults are never stored, so a
//! model whose default changes in a later version picks the new default up. This file
//! does not run models.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Map, Value as Json};

use super::savepoint::atomically;
use super::{ModelSpec, ParamSpec, ParamValue, Params, Stamp};
use crate::audit::{self, Entry};
use crate::error::{Error, Result};

/// The parameters a run uses: the spec's defaults, overridden by what the case saved.
/// Saved values that no longer fit the spec (renamed or retyped parameter) are ignored.
pub fn effective(conn: &Connection, spec: &ModelSpec) -> Result<Params> {
    let mut out = Params::defaults(spec);
    out.0.extend(saved(conn, spec)?.0);
    Ok(out)
}

/// Only the overrides the case saved for this model, typed by its spec.
pub fn saved(conn: &Connection, spec: &ModelSpec) -> Result<Params> {
    let mut out = Params::default();
    for (name, value) in stored(conn, spec.id)? {
        let Some(param) = spec.params.iter().find(|p| p.name == name) else {
            continue;
        };
        if let Some(value) = from_json(&param.default, &value) {
            out.0.insert(name, value);
        }
    }
    Ok(out)
}

/// Saves overrides for some of a model's parameters (the others keep theirs).
pub fn set(conn: &Connection, spec: &ModelSpec, values: &Params, stamp: Stamp<'_>) -> Result<()> {
    let mut map = stored(conn, spec.id)?;
    for (name, value) in &values.0 {
        let checked = check(spec, name, value.clone())?;
        map.insert(name.clone(), to_json(&checked));
    }
    atomically(conn, "model_params_set", || {
        write(conn, spec.id, &map, stamp)?;
        log(conn, stamp, spec.id, Json::Object(map.clone()))
    })
}

/// Drops every override of a model: it runs with its defaults again.
pub fn clear(conn: &Connection, model_id: &str, stamp: Stamp<'_>) -> Result<()> {
    atomically(conn, "model_params_clear", || {
        conn.execute("DELETE FROM model_params WHERE model_id = ?1", [model_id])?;
        log(conn, stamp, model_id, json!({}))
    })
}

/// Checks a value against the spec and brings it to the default's type (an integer for
/// a decimal parameter becomes a decimal, a single text for a list becomes a list).
pub fn check(spec: &ModelSpec, name: &str, value: ParamValue) -> Result<ParamValue> {
    let param = spec.params.iter().find(|p| p.name == name).ok_or_else(|| {
        Error::InvalidArgument(format!(
            "模型 {} 没有参数 {name} / model {} has no parameter {name}",
            spec.id, spec.id
        ))
    })?;
    conform(&param.default, value.clone()).ok_or_else(|| wrong_type(spec.id, param, &value))
}

/// Reads a parameter value typed on a command line (`50000`, `0.9`, `a,b,c`).
pub fn parse_value(param: &ParamSpec, text: &str) -> Result<ParamValue> {
    let text = text.trim();
    let parsed = match param.default {
        ParamValue::Integer(_) => text.parse().ok().map(ParamValue::Integer),
        ParamValue::Number(_) => text.parse().ok().map(ParamValue::Number),
        ParamValue::Text(_) => Some(ParamValue::Text(text.to_string())),
        ParamValue::List(_) => Some(ParamValue::List(split_list(text))),
    };
    parsed.ok_or_else(|| wrong_type("", param, &ParamValue::Text(text.to_string())))
}

fn split_list(text: &str) -> Vec<String> {
    text.split([',', ',', ';', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

fn conform(default: &ParamValue, value: ParamValue) -> Option<ParamValue> {
    match (default, value) {
        (ParamValue::Integer(_), v @ ParamValue::Integer(_)) => Some(v),
        (ParamValue::Number(_), v @ ParamValue::Number(_)) => Some(v),
        (ParamValue::Number(_), ParamValue::Integer(i)) => Some(ParamValue::Number(i as f64)),
        (ParamValue::Text(_), v @ ParamValue::Text(_)) => Some(v),
        (ParamValue::List(_), v @ ParamValue::List(_)) => Some(v),
        (ParamValue::List(_), ParamValue::Text(t)) => Some(ParamValue::List(vec![t])),
        _ => None,
    }
}

fn wrong_type(model: &str, param: &ParamSpec, value: &ParamValue) -> Error {
    let want = type_word(&param.default);
    Error::InvalidArgument(format!(
        "参数 {} 应为{}而不是 {value:?} / parameter {} of {model} must be {}",
        param.name, want.0, param.name, want.1
    ))
}

fn type_word(value: &ParamValue) -> (&'static str, &'static str) {
    match value {
        ParamValue::Integer(_) => ("整数", "an integer"),
        ParamValue::Number(_) => ("数值", "a number"),
        ParamValue::Text(_) => ("文本", "text"),
        ParamValue::List(_) => ("文本列表", "a list of texts"),
    }
}

/// A value as stored in `model_params.params`.
pub(crate) fn to_json(value: &ParamValue) -> Json {
    match value {
        ParamValue::Integer(i) => json!(i),
        ParamValue::Number(x) => json!(x),
        ParamValue::Text(t) => json!(t),
        ParamValue::List(items) => json!(items),
    }
}

fn from_json(default: &ParamValue, value: &Json) -> Option<ParamValue> {
    let read = match value {
        Json::Number(n) if n.is_i64() => ParamValue::Integer(n.as_i64()?),
        Json::Number(n) => ParamValue::Number(n.as_f64()?),
        Json::String(s) => ParamValue::Text(s.clone()),
        Json::Array(items) => ParamValue::List(
            items
                .iter()
                .map(|i| i.as_str().map(String::from))
                .collect::<Option<_>>()?,
        ),
        _ => return None,
    };
    conform(default, read)
}

fn stored(conn: &Connection, model_id: &str) -> Result<Map<String, Json>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT params FROM model_params WHERE model_id = ?1",
            [model_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match text.and_then(|t| serde_json::from_str(&t).ok()) {
        Some(Json::Object(map)) => map,
        _ => Map::new(),
    })
}

fn write(
    conn: &Connection,
    model_id: &str,
    map: &Map<String, Json>,
    stamp: Stamp<'_>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO model_params (model_id, params, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (model_id) DO UPDATE SET params = excluded.params,
             updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        params![
            model_id,
            Json::Object(map.clone()).to_string(),
            stamp.at,
            stamp.actor
        ],
    )?;
    Ok(())
}

fn log(conn: &Connection, stamp: Stamp<'_>, model_id: &str, params: Json) -> Result<()> {
    let detail = json!({ "model": model_id, "params": params });
    let entry = Entry {
        at: stamp.at,
        actor: stamp.actor,
        action: "models.params",
        detail: &detail,
    };
    audit::append(conn, &entry)?;
    Ok(())
}
