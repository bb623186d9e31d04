//! The committed sample case: builds it in memory and writes the files, `README.md`
//! and `expected.json`.
//!
//! The order of the steps is part of the output (the PRNG is consumed in order); change
//! it and the committed files change.

use crate::case::{Case, Format};
use crate::writers::{write_csv, write_xlsx};
use crate::{background, bank, files, plants, plants_money, report, units};
use anyhow::{Context, Result};
use std::path::Path;

/// "MINGJING" in ASCII. Never change it: the committed sample depends on it.
pub const SEED: u64 = 0x4D49_4E47_4A49_4E47;

pub fn build() -> Case {
    let mut case = Case::new(SEED);
    files::declare(&mut case);
    units::declare(&mut case);
    plants::all(&mut case);
    plants_money::all(&mut case);
    background::all(&mut case);
    bank::write_all(&mut case);
    case
}

/// Writes the case files into `out` and `README.md` + `expected.json` into `docs`.
pub fn write(out: &Path, docs: &Path) -> Result<Case> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let case = build();
    for f in &case.files {
        let path = out.join(f.name);
        match f.format {
            Format::Xlsx => write_xlsx(&path, &f.sheets)?,
            Format::Csv(enc) => write_csv(&path, &f.sheets[0], enc)?,
        }
    }
    std::fs::write(docs.join("expected.json"), report::expected_json(&case))
        .context("writing expected.json")?;
    std::fs::write(docs.join("README.md"), report::readme(&case)).context("writing README.md")?;
    Ok(case)
}

#[cfg(test)]
mod tests;
