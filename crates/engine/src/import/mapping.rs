//! Which column feeds which canonical field: the dictionary's aliases, overridden by a
//! mapping file the investigator saved for a department's odd headers. This module
//! matches header text; it does not read rows or parse values.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::kinds::{Column, FieldSpec, Kind};
use crate::normalize::fold_header;

/// A saved mapping: optional kind, and header → canonical field name.
///
/// ```toml
/// kind = "bank_transactions"
/// [columns]
/// "交易对象账号" = "counterparty_account"
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    pub kind: Option<Kind>,
    /// Folded header text → field name.
    pub columns: HashMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    kind: Option<String>,
    #[serde(default)]
    columns: HashMap<String, String>,
}

impl Mapping {
    /// Reads and checks a mapping file: the kind must exist and every field must be one
    /// of that kind's fields (or of some kind, when no kind is named).
    pub fn load(path: &Path) -> Result<Mapping> {
        let bad = |reason: String| Error::BadMapping {
            path: path.to_path_buf(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
        Mapping::parse(&text).map_err(bad)
    }

    /// Parses mapping text; the error is a reason for the user.
    pub fn parse(text: &str) -> std::result::Result<Mapping, String> {
        let file: MappingFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let kind = match file.kind.as_deref() {
            None => None,
            Some(code) => Some(
                Kind::from_code(code).ok_or_else(|| format!("未知类型 / unknown kind: {code}"))?,
            ),
        };
        let mut columns = HashMap::new();
        for (header, field) in file.columns {
            let known = match kind {
                Some(k) => k.field(&field).is_some(),
                None => Kind::ALL.iter().any(|k| k.field(&field).is_some()),
            };
            if !known {
                return Err(format!(
                    "未知字段 / unknown field: {field} (列 / column {header})"
                ));
            }
            columns.insert(fold_header(&header), field);
        }
        Ok(Mapping { kind, columns })
    }
}

/// How one sheet's columns map onto a kind's fields.
#[derive(Clone, Debug)]
pub struct ColumnMap {
    pub kind: Kind,
    /// For each field of the kind (in the kind's order), the columns that feed it,
    /// in header order; the first non-blank one wins for a row.
    pub fields: Vec<(&'static FieldSpec, Vec<usize>)>,
    /// Columns no field takes, with their header; their values go to `extra`.
    pub unmapped: Vec<(usize, String)>,
    /// The header row's text, column by column.
    pub headers: Vec<String>,
    /// The kind's stored columns, computed once per sheet rather than once per row.
    pub columns: Vec<Column>,
}

impl ColumnMap {
    /// Maps `headers` onto `kind`, the saved mapping first, then the aliases.
    pub fn build(kind: Kind, headers: &[String], mapping: Option<&Mapping>) -> ColumnMap {
        let mut by_field: Vec<(&'static FieldSpec, Vec<usize>)> =
            kind.fields().iter().map(|f| (f, Vec::new())).collect();
        let mut unmapped = Vec::new();
        for (col, header) in headers.iter().enumerate() {
            match field_for(kind, header, mapping) {
                Some(name) => {
                    if let Some(slot) = by_field.iter_mut().find(|(f, _)| f.name == name) {
                        slot.1.push(col);
                    }
                }
                None if !header.trim().is_empty() => unmapped.push((col, header.clone())),
                None => unmapped.push((col, format!("第{}列", col + 1))),
            }
        }
        for (_, cols) in by_field.iter_mut() {
            cols.sort_by_key(|c| (alias_rank(kind, &headers[*c]), *c));
        }
        ColumnMap {
            kind,
            fields: by_field,
            unmapped,
            headers: headers.to_vec(),
            columns: kind.columns(),
        }
    }

    /// Names of the fields that at least one column feeds.
    pub fn mapped_fields(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields
            .iter()
            .filter(|(_, cols)| !cols.is_empty())
            .map(|(f, _)| f.name)
    }

    /// True when every required group of the kind has a column.
    pub fn covers_required(&self) -> bool {
        self.kind.required().iter().all(|group| {
            group
                .iter()
                .any(|name| self.mapped_fields().any(|m| m == *name))
        })
    }

    /// `header → field` pairs, for reports.
    pub fn describe(&self) -> Vec<(String, String)> {
        let mut pairs: Vec<(usize, String, String)> = self
            .fields
            .iter()
            .flat_map(|(f, cols)| {
                cols.iter()
                    .map(move |c| (*c, self.headers[*c].clone(), f.name.to_string()))
            })
            .collect();
        pairs.sort_by_key(|p| p.0);
        pairs.into_iter().map(|(_, h, f)| (h, f)).collect()
    }
}

/// The field a header names for `kind`, if any.
pub fn field_for(kind: Kind, header: &str, mapping: Option<&Mapping>) -> Option<&'static str> {
    let folded = fold_header(header);
    if folded.is_empty() {
        return None;
    }
    if let Some(m) = mapping {
        if let Some(field) = m.columns.get(&folded) {
            return kind.field(field).map(|f| f.name);
        }
    }
    alias_match(kind, &folded).or_else(|| alias_match(kind, strip_parenthetical(&folded)))
}

fn alias_match(kind: Kind, folded: &str) -> Option<&'static str> {
    folded_aliases(kind)
        .iter()
        .find(|(alias, _, _)| alias == folded)
        .map(|(_, field, _)| *field)
}

/// Where an alias stands in its field's list: earlier aliases are preferred when several
/// columns feed one field (实发金额 before 应发金额).
fn alias_rank(kind: Kind, header: &str) -> usize {
    let folded = fold_header(header);
    folded_aliases(kind)
        .iter()
        .find(|(alias, _, _)| *alias == folded || alias == strip_parenthetical(&folded))
        .map_or(usize::MAX, |(_, _, rank)| *rank)
}

/// A folded alias, the field it names, and its rank within that field's aliases.
type FoldedAlias = (String, &'static str, usize);

/// Each kind's aliases, folded once.
fn folded_aliases(kind: Kind) -> &'static [FoldedAlias] {
    static TABLE: OnceLock<Vec<Vec<FoldedAlias>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        Kind::ALL
            .iter()
            .map(|k| {
                k.fields()
                    .iter()
                    .flat_map(|f| {
                        f.aliases
                            .iter()
                            .enumerate()
                            .map(move |(rank, a)| (fold_header(a), f.name, rank))
                    })
                    .collect()
            })
            .collect()
    });
    let index = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    &table[index]
}

/// `对方户名(名称)` → `对方户名`: a trailing remark in brackets does not change the column.
fn strip_parenthetical(folded: &str) -> &str {
    match folded.find('(') {
        Some(pos) if pos > 0 && folded.ends_with(')') => &folded[..pos],
        _ => folded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn aliases_map_with_odd_spacing_and_units() {
        let map = ColumnMap::build(
            Kind::BankTransactions,
            &headers(&[
                "交易卡号",
                " 交易 时间 ",
                "交易金额(元)",
                "收付标志",
                "备用",
            ]),
            None,
        );
        let pairs = map.describe();
        assert_eq!(
            pairs,
            vec![
                ("交易卡号".to_string(), "account".to_string()),
                (" 交易 时间 ".to_string(), "time".to_string()),
                ("交易金额(元)".to_string(), "amount".to_string()),
                ("收付标志".to_string(), "direction".to_string()),
            ]
        );
        assert_eq!(map.unmapped, vec![(4, "备用".to_string())]);
        assert!(map.covers_required());
    }

    #[test]
    fn common_bank_headers_beyond_the_dictionary_map_too() {
        let map = ColumnMap::build(
            Kind::BankTransactions,
            &headers(&[
                "卡号",
                "交易日期",
                "发生额",
                "借贷方向",
                "对方卡号",
                "交易对方户名",
            ]),
            None,
        );
        let fields: Vec<String> = map.describe().into_iter().map(|(_, f)| f).collect();
        assert_eq!(
            fields,
            [
                "account",
                "time",
                "amount",
                "direction",
                "counterparty_account",
                "counterparty_name"
            ]
        );
    }

    #[test]
    fn a_saved_mapping_overrides_and_extends_the_aliases() {
        let mapping = Mapping::parse(
            "kind = \"bank_transactions\"\n[columns]\n\"对象账号\" = \"counterparty_account\"\n",
        )
        .unwrap();
        let map = ColumnMap::build(
            Kind::BankTransactions,
            &headers(&["账号", "对象账号"]),
            Some(&mapping),
        );
        assert_eq!(map.describe()[1].1, "counterparty_account");
    }

    #[test]
    fn a_mapping_to_an_unknown_field_is_refused() {
        let err = Mapping::parse("kind = \"deaths\"\n[columns]\n\"x\" = \"amount\"\n").unwrap_err();
        assert!(err.contains("unknown field"), "{err}");
        let err = Mapping::parse("kind = \"nope\"\n").unwrap_err();
        assert!(err.contains("unknown kind"), "{err}");
    }
}
