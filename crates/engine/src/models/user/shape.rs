//! What a user model's result columns mean, and how one result row becomes an alert
//! draft. Column names (see `docs/user-models.md`):
//!
//! - `subject_<type>_id[_<role>]` and `subject_<type>_name[_<role>]`: a subject, `type`
//!   one of person, company, account, unit, tender, invoice, contract; the role defaults
//!   to the type (`person`, `account`…). At least one subject column is required; a NULL or empty id leaves
//!   that subject out, and a row with no subject at all raises nothing.
//! - `evidence_<table>_id` (e.g. `evidence_bank_transactions_id`), or the pair
//!   `evidence_table` + `evidence_id`: the supporting rows. The id may be one number or
//!   a comma-separated list (`group_concat(t.id)`). At least one is required.
//! - `key` (optional): what makes two rows one finding across runs; without it, the
//!   subjects are the key. Rows with the same key are joined into one alert.
//! - `severity` (optional): low, medium or high for this row, instead of the file's.
//!
//! Every other column is free, for the summary template's `{column}` placeholders.

use rusqlite::types::Value;

use crate::models::evidence::record_table;
use crate::models::{AlertDraft, RecordRef, Severity, Subject, SubjectType};

/// The meaning of a query's result columns.
#[derive(Debug)]
pub(super) struct Shape {
    width: usize,
    subjects: Vec<SubjectColumns>,
    evidence: Vec<EvidenceColumns>,
    key: Option<usize>,
    severity: Option<usize>,
}

#[derive(Debug)]
struct SubjectColumns {
    ty: SubjectType,
    role: String,
    id: Option<usize>,
    name: Option<usize>,
}

#[derive(Debug)]
enum EvidenceColumns {
    Fixed { table: &'static str, id: usize },
    Named { table: usize, id: usize },
}

/// A summary template: literal text and `{column}` placeholders (`{{`, `}}` for braces).
#[derive(Debug)]
pub(super) struct Template(Vec<Piece>);

#[derive(Debug)]
enum Piece {
    Text(String),
    Column(usize),
}

/// The model id, its severity, and its summary template, for [`Shape::draft`].
pub(super) type DraftContext<'a> = (&'static str, Severity, &'a Template);

impl Shape {
    pub fn of_columns(columns: &[String]) -> Result<Shape, String> {
        let mut shape = Shape {
            width: columns.len(),
            subjects: Vec::new(),
            evidence: Vec::new(),
            key: None,
            severity: None,
        };
        let (mut named_table, mut named_id) = (None, None);
        for (i, column) in columns.iter().enumerate() {
            match column.as_str() {
                "key" => shape.key = Some(i),
                "severity" => shape.severity = Some(i),
                "evidence_table" => named_table = Some(i),
                "evidence_id" => named_id = Some(i),
                other => shape.add_special(other, i)?,
            }
        }
        match (named_table, named_id) {
            (Some(table), Some(id)) => shape.evidence.push(EvidenceColumns::Named { table, id }),
            (None, None) => {}
            _ => return Err("evidence_table 与 evidence_id 须同时出现 / evidence_table and evidence_id go together".into()),
        }
        shape.require_parts()?;
        Ok(shape)
    }

    pub fn width(&self) -> usize {
        self.width
    }

    fn add_special(&mut self, column: &str, i: usize) -> Result<(), String> {
        if let Some(rest) = column.strip_prefix("subject_") {
            return self.add_subject(column, rest, i);
        }
        if let Some(table) = column
            .strip_prefix("evidence_")
            .and_then(|r| r.strip_suffix("_id"))
        {
            let table = record_table(table).ok_or_else(|| {
                format!(
                    "证据列 {column} 指向的表不存在 / evidence column {column} names no case table"
                )
            })?;
            self.evidence.push(EvidenceColumns::Fixed { table, id: i });
        }
        Ok(())
    }

    fn add_subject(&mut self, column: &str, rest: &str, i: usize) -> Result<(), String> {
        let unknown = || {
            format!(
            "主体列 {column} 应写作 subject_<类型>_id 或 subject_<类型>_name[_<角色>] / subject column {column} must read subject_<type>_id or subject_<type>_name[_<role>] (type: person, company, account, unit, tender, invoice, contract)"
        )
        };
        let (ty, part) = rest.split_once('_').ok_or_else(unknown)?;
        let ty = SubjectType::from_code(ty).ok_or_else(unknown)?;
        let (field, role) = part.split_once('_').unwrap_or((part, ty.code()));
        let slot = self.subject_slot(ty, role);
        match field {
            "id" => slot.id = Some(i),
            "name" => slot.name = Some(i),
            _ => return Err(unknown()),
        }
        Ok(())
    }

    fn subject_slot(&mut self, ty: SubjectType, role: &str) -> &mut SubjectColumns {
        let at = self
            .subjects
            .iter()
            .position(|s| s.ty == ty && s.role == role);
        let at = at.unwrap_or_else(|| {
            self.subjects.push(SubjectColumns {
                ty,
                role: role.to_string(),
                id: None,
                name: None,
            });
            self.subjects.len() - 1
        });
        &mut self.subjects[at]
    }

    fn require_parts(&self) -> Result<(), String> {
        if self.subjects.is_empty() {
            return Err("结果中缺少主体列(如 subject_person_id) / the result has no subject column (such as subject_person_id)".into());
        }
        if let Some(s) = self.subjects.iter().find(|s| s.id.is_none()) {
            let (ty, role) = (s.ty.code(), &s.role);
            return Err(format!("主体 {ty}/{role} 有姓名列但缺少 id 列 / subject {ty}/{role} has a name column but no id column"));
        }
        if self.evidence.is_empty() {
            return Err("结果中缺少证据列(如 evidence_bank_transactions_id) / the result has no evidence column (such as evidence_bank_transactions_id)".into());
        }
        Ok(())
    }

    /// The draft one result row raises; `None` when the row names no subject.
    pub fn draft(
        &self,
        row: &[Value],
        (model, severity, template): DraftContext<'_>,
    ) -> Result<Option<AlertDraft>, String> {
        let subjects = self.subjects_of(row);
        if subjects.is_empty() {
            return Ok(None);
        }
        let key = match self.key.map(|i| text(&row[i])) {
            Some(key) if !key.is_empty() => key,
            _ => subjects
                .iter()
                .map(|s| format!("{}:{}:{}", s.subject_type.code(), s.id, s.role))
                .collect::<Vec<_>>()
                .join("|"),
        };
        let severity = self
            .severity
            .and_then(|i| Severity::from_code(&text(&row[i])))
            .unwrap_or(severity);
        let evidence = self.evidence_of(row)?;
        Ok(Some(AlertDraft {
            model,
            severity,
            subjects,
            summary: template.render(row),
            evidence,
            key,
        }))
    }

    fn subjects_of(&self, row: &[Value]) -> Vec<Subject> {
        self.subjects
            .iter()
            .filter_map(|s| {
                let id = text(&row[s.id?]);
                let name = s.name.map(|i| text(&row[i])).unwrap_or_default();
                (!id.is_empty()).then(|| Subject {
                    subject_type: s.ty,
                    id,
                    name,
                    role: s.role.clone(),
                })
            })
            .collect()
    }

    fn evidence_of(&self, row: &[Value]) -> Result<Vec<RecordRef>, String> {
        let mut out = Vec::new();
        for e in &self.evidence {
            let (table, ids) = match e {
                EvidenceColumns::Fixed { table, id } => (*table, &row[*id]),
                EvidenceColumns::Named { table, id } => {
                    let name = text(&row[*table]);
                    let table = record_table(&name).ok_or_else(|| {
                        format!("evidence_table 的值 {name:?} 不是案件表 / evidence_table value {name:?} is not a case table")
                    })?;
                    (table, &row[*id])
                }
            };
            out.extend(
                record_ids(ids)
                    .into_iter()
                    .map(|record_id| RecordRef { table, record_id }),
            );
        }
        Ok(out)
    }
}

/// One id, or a comma-separated list of them; anything else gives none.
fn record_ids(value: &Value) -> Vec<i64> {
    match value {
        Value::Integer(i) => vec![*i],
        Value::Text(t) => t.split(',').filter_map(|p| p.trim().parse().ok()).collect(),
        _ => Vec::new(),
    }
}

impl Template {
    pub fn parse(template: &str, columns: &[String]) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut rest = template;
        let mut text = String::new();
        while let Some(at) = rest.find(['{', '}']) {
            text.push_str(&rest[..at]);
            let tail = &rest[at..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                text.push_str(&tail[..1]);
                rest = &tail[2..];
                continue;
            }
            let close = tail.find('}').filter(|_| tail.starts_with('{')).ok_or_else(|| {
                "summary 中的花括号不成对(字面花括号写作 {{ }}) / unbalanced braces in summary (write literal braces as {{ }})".to_string()
            })?;
            let name = &tail[1..close];
            let column = columns.iter().position(|c| c == name).ok_or_else(|| {
                format!("summary 引用了查询结果中没有的列 {{{name}}} / summary names a column the query does not return: {{{name}}}")
            })?;
            pieces.push(Piece::Text(std::mem::take(&mut text)));
            pieces.push(Piece::Column(column));
            rest = &tail[close + 1..];
        }
        text.push_str(rest);
        pieces.push(Piece::Text(text));
        Ok(Template(pieces))
    }

    pub fn render(&self, row: &[Value]) -> String {
        self.0
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Column(i) => display(&row[*i]),
            })
            .collect()
    }
}

/// A value as text for keys and ids: integers plain, reals without a trailing `.0`.
fn text(value: &Value) -> String {
    match value {
        Value::Integer(i) => i.to_string(),
        Value::Real(x) => x.to_string(),
        Value::Text(t) => t.trim().to_string(),
        Value::Null | Value::Blob(_) => String::new(),
    }
}

/// A value as a person reads it in a summary: reals as money (`1,200,000`, `52,000.50`).
fn display(value: &Value) -> String {
    match value {
        Value::Real(x) => money(*x),
        other => text(other),
    }
}

/// Yuan with thousands separators; fen shown only when there are any.
pub(crate) fn money(x: f64) -> String {
    let fen = (x.abs() * 100.0).round() as u64;
    let (yuan, fen) = (fen / 100, fen % 100);
    let digits = yuan.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if x < 0.0 && (yuan > 0 || fen > 0) {
        "-"
    } else {
        ""
    };
    match fen {
        0 => format!("{sign}{grouped}"),
        _ => format!("{sign}{grouped}.{fen:02}"),
    }
}
