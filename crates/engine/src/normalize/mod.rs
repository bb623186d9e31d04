//! Normalisation of single cell values: text, names, identifiers with their check
//! digits, dates, amounts, directions and flags. Pure functions of one value; they
//! know nothing of files, headers or the store.
//!
//! Every parser returns `None` for a value that is empty after cleaning, so callers
//! can tell "nothing there" from "there but unreadable" (`Some(Checked::Invalid)` for
//! identifiers, `None` plus a non-empty cleaned text for dates and amounts).

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
