//! Normalisation of single cell values: text, names, identifiers with their check
//! digits, dates, amounts, directions and flags. Pure functions of one value; they
//! know nothing of files, headers or the store.
//!
//! Every parser returns `None` for a value that is empty after cleaning, so callers
//! can tell "nothing there" from "there but unreadable" (`Some(Checked::Invalid)` for
//! identifiers, `None` plus a non-empty cleaned text for dates and amounts).

mod account;
mod amount;
mod credit_code;
mod date;
mod direction;
mod id_number;
mod net;
mod phone;
mod text;

pub use account::{luhn_valid, parse_account, AccountNo};
pub use amount::{parse_amount, parse_number, parse_ratio};
pub use credit_code::{credit_code_check_char, parse_credit_code, CreditCode};
pub use date::{
    excel_serial_to_datetime, parse_date, parse_datetime, parse_month, parse_time_of_day,
};
pub use direction::{parse_direction, parse_flag, Direction};
pub use id_number::{id_number_check_digit, parse_id_number, upgrade_15_to_18, IdNumber};
pub use net::{normalize_ip, normalize_mac};
pub use phone::normalize_phone;
pub use text::{clean_name, clean_text, fold_header};

/// An identifier that either passed its check (typed) or did not (kept as cleaned text,
/// matched only by exact string).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Checked<T> {
    Valid(T),
    Invalid(String),
}

impl<T: AsRef<str>> Checked<T> {
    /// The text to store: the canonical form when valid, the cleaned text otherwise.
    pub fn as_str(&self) -> &str {
        match self {
            Checked::Valid(v) => v.as_ref(),
            Checked::Invalid(s) => s,
        }
    }

    pub fn is_valid(&self) -> bool {
        matches!(self, Checked::Valid(_))
    }
}
