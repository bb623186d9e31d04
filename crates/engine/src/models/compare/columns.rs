//! Which column of a kind table holds a given sort of identifier, and which column of
//! the same table names the person or company it identifies. Read from the kinds table
//! of `kinds.rs`; no SQL here.

use super::KeyType;
use crate::error::{Error, Result};
use crate::kinds::Kind;

/// The columns of `kind` that hold `key`, in table order.
pub fn key_columns(kind: Kind, key: KeyType) -> Vec<&'static str> {
    kind.fields()
        .iter()
        .filter(|f| !f.input_only && key.holds(f.ty))
        .map(|f| f.name)
        .collect()
}

/// The asked-for column if it holds `key`, else the first one that does.
pub(super) fn choose(kind: Kind, column: Option<&str>, key: KeyType) -> Result<&'static str> {
    let candidates = key_columns(kind, key);
    let chosen = match column {
        Some(c) => candidates.iter().find(|n| **n == c).copied(),
        None => candidates.first().copied(),
    };
    chosen.ok_or_else(|| {
        Error::InvalidArgument(format!(
            "{}没有可按{}比对的列{} / {kind} has no {} column{} (columns holding it: {})",
            kind.label(),
            key.label(),
            column.map(|c| format!(" {c}")).unwrap_or_default(),
            key.code(),
            column.map(|c| format!(" {c}")).unwrap_or_default(),
            candidates.join(", ")
        ))
    })
}

/// For an identifier column, the column naming whom it identifies.
pub(super) fn name_column(kind: Kind, column: &str) -> Option<&'static str> {
    const PAIRS: &[(&str, &[&str])] = &[
        ("supplier_uscc", &["supplier_name"]),
        ("bidder_uscc", &["bidder_name"]),
        ("seller_uscc", &["seller_name"]),
        ("buyer_uscc", &["buyer_name"]),
        ("legal_rep_id", &["legal_rep"]),
        ("holder_id", &["holder_name"]),
        ("account", &["holder_name", "account_holder"]),
        ("counterparty_account", &["counterparty_name"]),
        ("counterparty_id", &["counterparty_name"]),
        ("uscc", &["company_name"]),
        ("id_number", &["name"]),
        ("phone", &["company_name", "bidder_name", "contact"]),
    ];
    let wanted = PAIRS
        .iter()
        .find(|(c, _)| *c == column)
        .map_or(&[][..], |(_, n)| *n);
    wanted
        .iter()
        .filter_map(|n| kind.field(n))
        .map(|f| f.name)
        .next()
}
