//! `file export CASE SHA256 --out PATH`: the delivered bytes, exactly as imported.

use std::io::Write;
use std::path::Path;

use anyhow::{anyhow, Context, Result};

use super::open_case;
use crate::args::CaseArg;

pub fn export(arg: &CaseArg, sha256: &str, out: &Path) -> Result<()> {
    let case = open_case(arg)?;
    if out.exists() {
        return Err(anyhow!("目标已存在 / the output exists: {}", out.display()));
    }
    let mut file =
        std::fs::File::create(out).with_context(|| format!("creating {}", out.display()))?;
    let bytes = case.export_file(sha256, &mut file)?;
    file.flush()?;
    println!("已导出 / exported {bytes} bytes to {}", out.display());
    Ok(())
}
