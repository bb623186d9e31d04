//! One file per command group: each turns parsed arguments into engine calls and prints
//! the result. No business rules live here.

pub mod alerts;
pub mod analysis;
pub mod audit;
pub mod case;
pub mod file;
pub mod graph;
pub mod import;
pub mod models;
pub mod rejects;

use std::path::Path;

use anyhow::Result;
use mingjing_engine::{system_clock, Case};

use crate::args::CaseArg;
use crate::passphrase;

/// Who is acting: `MINGJING_ACTOR`, else the login name.
pub fn actor() -> String {
    std::env::var("MINGJING_ACTOR")
        .or_else(|_| std::env::var("USER"))
        .or_else(|_| std::env::var("LOGNAME"))
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".to_string())
}

/// Opens the case named on the command line with its passphrase.
pub fn open_case(arg: &CaseArg) -> Result<Case> {
    let passphrase = passphrase::obtain(&arg.case, arg.keyring, false)?;
    Ok(Case::open(
        &arg.case,
        &passphrase,
        &actor(),
        system_clock(),
    )?)
}

/// Neutralises text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR).
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

pub fn display(path: &Path) -> String {
    path.display().to_string()
}
