//! What several models of one run read, built once, on first use, and dropped with the
//! run. The million-row ledger of the money-flow models is the reason: loading it is
//! most of a money model's time, and eight models read the same one; the relatives
//! derived from the household registry are read by four.

use std::cell::OnceCell;
use std::collections::HashMap;

use rusqlite::Connection;

use super::builtin::money::Ledger;
use super::builtin::parties::{relatives_by_person, Kinsman};
use crate::error::Result;

/// Shared, lazily built data for the models of one run. Models only read the case, so
/// what one model built is what the next would have built.
#[derive(Default)]
pub struct RunCache {
    ledger: OnceCell<Ledger>,
    kin: OnceCell<HashMap<String, Vec<Kinsman>>>,
}

impl RunCache {
    /// The case's money, loaded by the first model that asks.
    pub(in crate::models) fn ledger(&self, conn: &Connection) -> Result<&Ledger> {
        get_or_load(&self.ledger, || Ledger::load(conn))
    }

    /// Every person's relatives, by ID number.
    pub(in crate::models) fn kin(
        &self,
        conn: &Connection,
    ) -> Result<&HashMap<String, Vec<Kinsman>>> {
        get_or_load(&self.kin, || relatives_by_person(conn))
    }
}

fn get_or_load<T>(cell: &OnceCell<T>, load: impl FnOnce() -> Result<T>) -> Result<&T> {
    if let Some(value) = cell.get() {
        return Ok(value);
    }
    let loaded = load()?;
    Ok(cell.get_or_init(|| loaded))
}
