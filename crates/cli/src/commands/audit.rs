//! `audit verify CASE`: checks the hash chain; exit 1 names the first broken entry.

use anyhow::Result;

use super::open_case;
use crate::args::CaseArg;

pub fn verify(arg: &CaseArg) -> Result<()> {
    let case = open_case(arg)?;
    let entries = case.verify_audit()?;
    println!("审计日志完整 / audit log intact: {entries} 条 / entries");
    Ok(())
}
