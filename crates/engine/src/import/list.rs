//! Named lists (the `list` kind): any table kept whole, header → value, with the columns
//! that hold identity numbers, credit codes, accounts, phones and names recognised by
//! their headers and normalised like every other kind, so lists can be matched.

use serde_json::{Map, Value as Json};

use super::cell::Cell;
use crate::normalize::{self as n, fold_header};
use crate::store::records::ListIdentifier;

/// Which identifier a list column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListIdType {
    IdNumber,
    CreditCode,
    Account,
    Phone,
    Name,
}

impl ListIdType {
    pub fn code(self) -> &'static str {
        match self {
            ListIdType::IdNumber => "id_number",
            ListIdType::CreditCode => "credit_code",
            ListIdType::Account => "account",
            ListIdType::Phone => "phone",
            ListIdType::Name => "name",
        }
    }

    /// Recognised by header words; the most specific words are tried first.
    fn of_header(folded: &str) -> Option<ListIdType> {
        const RULES: &[(&[&str], ListIdType)] = &[
            (&["身份证", "证件号", "公民身份号码"], ListIdType::IdNumber),
            (
                &["信用代码", "纳税人识别号", "组织机构代码"],
                ListIdType::CreditCode,
            ),
            (&["账号", "卡号", "账户号"], ListIdType::Account),
            (&["电话", "手机", "联系方式"], ListIdType::Phone),
            (&["姓名", "名称", "户名", "当事人"], ListIdType::Name),
        ];
        RULES
            .iter()
            .find(|(words, _)| words.iter().any(|w| folded.contains(w)))
            .map(|(_, t)| *t)
    }
}

/// A list's header and its recognised identifier columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListColumns {
    headers: Vec<String>,
    identifiers: Vec<(usize, ListIdType)>,
}

/// One identifier read from a list row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListId {
    pub column: String,
    pub id_type: ListIdType,
    pub value: String,
    pub valid: bool,
}

impl ListId {
    pub fn as_store(&self) -> ListIdentifier<'_> {
        ListIdentifier {
            column: &self.column,
            id_type: self.id_type.code(),
            value: &self.value,
            valid: self.valid,
        }
    }
}

impl ListColumns {
    pub fn recognise(headers: &[String]) -> ListColumns {
        let identifiers = headers
            .iter()
            .enumerate()
            .filter_map(|(i, h)| ListIdType::of_header(&fold_header(h)).map(|t| (i, t)))
            .collect();
        ListColumns {
            headers: headers.to_vec(),
            identifiers,
        }
    }

    /// `header → identifier type`, for reports.
    pub fn describe(&self) -> Vec<(String, String)> {
        self.identifiers
            .iter()
            .map(|(i, t)| (self.headers[*i].clone(), t.code().to_string()))
            .collect()
    }

    /// The row as a JSON object (every non-blank cell under its header) and its identifiers.
    pub fn read(&self, cells: &[Cell]) -> (String, Vec<ListId>) {
        let mut data = Map::new();
        for (i, cell) in cells.iter().enumerate().filter(|(_, c)| !c.is_blank()) {
            let header = match self.headers.get(i) {
                Some(h) if !h.trim().is_empty() => h.clone(),
                _ => format!("第{}列", i + 1),
            };
            data.insert(header, Json::String(cell.to_text().into_owned()));
        }
        let ids = self
            .identifiers
            .iter()
            .filter_map(|(i, t)| {
                let raw = cells.get(*i)?.to_text();
                let (value, valid) = normalise(*t, &raw)?;
                Some(ListId {
                    column: self.headers[*i].clone(),
                    id_type: *t,
                    value,
                    valid,
                })
            })
            .collect();
        (Json::Object(data).to_string(), ids)
    }
}

fn normalise(id_type: ListIdType, raw: &str) -> Option<(String, bool)> {
    match id_type {
        ListIdType::IdNumber => {
            n::parse_id_number(raw).map(|c| (c.as_str().to_string(), c.is_valid()))
        }
        ListIdType::CreditCode => {
            n::parse_credit_code(raw).map(|c| (c.as_str().to_string(), c.is_valid()))
        }
        ListIdType::Account => {
            n::parse_account(raw).map(|c| (c.as_str().to_string(), c.is_valid()))
        }
        ListIdType::Phone => n::normalize_phone(raw).map(|p| (p, true)),
        ListIdType::Name => Some(n::clean_name(raw))
            .filter(|s| !s.is_empty())
            .map(|s| (s, true)),
    }
}
