//! A user model's query: checked to be one read-only SELECT (or WITH) over the case
//! schema, its `:name` parameters bound from the model's parameters, and run with the
//! connection in `PRAGMA query_only` so that nothing it does can write. Turning the
//! result rows into drafts is `shape.rs`'s job.

use rusqlite::types::Value;
use rusqlite::{Connection, Statement};

use super::shape::{Shape, Template};
use super::{bad, UserModel};
use crate::error::Result;
use crate::models::{params::to_json, AlertDraft, ModelContext, ParamValue, Params};

/// The prepared query with what its columns mean.
pub(super) struct Prepared<'c> {
    pub stmt: Statement<'c>,
    pub shape: Shape,
    pub template: Template,
}

/// Checks and prepares the model's query against the case.
pub(super) fn prepare<'c>(conn: &'c Connection, model: &UserModel) -> Result<Prepared<'c>> {
    let id = model.id();
    let sql = model.file.sql.as_str();
    refuse_non_select(sql).map_err(|r| bad(id, r))?;
    let stmt = conn.prepare(sql).map_err(|e| bad(id, prepare_error(&e)))?;
    if !stmt.readonly() {
        return Err(bad(id, WRITE_REFUSED.to_string()));
    }
    check_parameters(&stmt, model).map_err(|r| bad(id, r))?;
    let columns: Vec<String> = stmt.column_names().map(String::from).collect();
    let shape = Shape::of_columns(&columns).map_err(|r| bad(id, r))?;
    let template = Template::parse(&model.file.summary, &columns).map_err(|r| bad(id, r))?;
    Ok(Prepared {
        stmt,
        shape,
        template,
    })
}

/// Runs the model's query read-only and returns its drafts.
pub(super) fn run(ctx: &ModelContext<'_>, model: &UserModel) -> Result<Vec<AlertDraft>> {
    let _read_only = QueryOnly::on(ctx.conn)?;
    let mut prepared = prepare(ctx.conn, model)?;
    bind(&mut prepared.stmt, ctx.params)?;
    let mut rows = prepared.stmt.raw_query();
    let width = prepared.shape.width();
    let mut drafts = Vec::new();
    let mut seen = 0u64;
    while let Some(row) = rows.next()? {
        let values = (0..width)
            .map(|i| row.get::<_, Value>(i))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let context = (model.spec.id, model.severity, &prepared.template);
        if let Some(draft) = prepared
            .shape
            .draft(&values, context)
            .map_err(|r| bad(model.id(), r))?
        {
            drafts.push(draft);
        }
        seen += 1;
        if seen.is_multiple_of(1000) {
            ctx.cancel.check()?;
        }
    }
    Ok(drafts)
}

const WRITE_REFUSED: &str = "只允许一条只读的 SELECT(或 WITH)查询,不能修改案件数据 / \
     only one read-only SELECT (or WITH) query is allowed; it must not change case data";

/// The query must start with SELECT or WITH (after comments); anything else is refused
/// before SQLite sees it.
fn refuse_non_select(sql: &str) -> Result<(), String> {
    let word: String = skip_comments(sql)
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    match word.to_ascii_uppercase().as_str() {
        "SELECT" | "WITH" => Ok(()),
        _ => Err(WRITE_REFUSED.to_string()),
    }
}

fn skip_comments(mut sql: &str) -> &str {
    loop {
        sql = sql.trim_start();
        if let Some(rest) = sql.strip_prefix("--") {
            sql = rest.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(rest) = sql.strip_prefix("/*") {
            sql = rest.split_once("*/").map_or("", |(_, after)| after);
        } else {
            return sql;
        }
    }
}

fn prepare_error(e: &rusqlite::Error) -> String {
    if matches!(e, rusqlite::Error::MultipleStatement) {
        return "只能有一条 SQL 语句 / only one SQL statement is allowed".to_string();
    }
    let message = match e {
        rusqlite::Error::SqliteFailure(_, Some(m)) => m.clone(),
        other => other.to_string(),
    };
    if let Some(table) = message.strip_prefix("no such table: ") {
        return format!("SQL 引用了不存在的表 {table}(见 docs/case-schema.md) / no such table: {table} (see docs/case-schema.md)");
    }
    if let Some(column) = message.strip_prefix("no such column: ") {
        return format!("SQL 引用了不存在的列 {column} / no such column: {column}");
    }
    format!("SQL 有误 / SQL error: {message}")
}

fn check_parameters(stmt: &Statement<'_>, model: &UserModel) -> Result<(), String> {
    for index in 1..=stmt.parameter_count() {
        let name = stmt.parameter_name(index).unwrap_or("?");
        let known = name
            .strip_prefix(':')
            .is_some_and(|n| model.spec.params.iter().any(|p| p.name == n));
        if !known {
            return Err(format!(
                "SQL 参数 {name} 未在 [params] 中声明(参数写作 :name) / SQL parameter {name} is not declared in [params] (write parameters as :name)"
            ));
        }
    }
    Ok(())
}

fn bind(stmt: &mut Statement<'_>, params: &Params) -> Result<()> {
    for index in 1..=stmt.parameter_count() {
        let name = stmt
            .parameter_name(index)
            .unwrap_or("?")
            .trim_start_matches(':')
            .to_string();
        let value = match params.0.get(&name) {
            Some(ParamValue::Integer(i)) => Value::Integer(*i),
            Some(ParamValue::Number(x)) => Value::Real(*x),
            Some(ParamValue::Text(t)) => Value::Text(t.clone()),
            // Lists are bound as JSON arrays: `IN (SELECT value FROM json_each(:name))`.
            Some(list @ ParamValue::List(_)) => Value::Text(to_json(list).to_string()),
            None => Value::Null,
        };
        stmt.raw_bind_parameter(index, value)?;
    }
    Ok(())
}

/// `PRAGMA query_only` for as long as it lives, restored when dropped.
pub(super) struct QueryOnly<'c> {
    conn: &'c Connection,
    before: bool,
}

impl<'c> QueryOnly<'c> {
    pub(super) fn on(conn: &'c Connection) -> Result<QueryOnly<'c>> {
        let before: bool = conn.pragma_query_value(None, "query_only", |r| r.get(0))?;
        conn.pragma_update(None, "query_only", true)?;
        Ok(QueryOnly { conn, before })
    }
}

impl Drop for QueryOnly<'_> {
    fn drop(&mut self) {
        // Restoring a pragma on a live connection does not fail in practice; if it did,
        // the next write would report it.
        let _ = self.conn.pragma_update(None, "query_only", self.before);
    }
}
