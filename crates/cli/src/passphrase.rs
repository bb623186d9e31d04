//! Where the passphrase comes from: `MINGJING_PASSPHRASE`, else the OS keyring entry
//! for the case file (with `--keyring`), else a prompt that does not echo. Never from
//! an argument, never printed.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{anyhow, Context, Result};
use mingjing_engine::Passphrase;

const ENV: &str = "MINGJING_PASSPHRASE";
const KEYRING_SERVICE: &str = "mingjing";

/// The passphrase to open (or, with `confirm`, to create) the case at `case`.
pub fn obtain(case: &Path, use_keyring: bool, confirm: bool) -> Result<Passphrase> {
    if let Ok(text) = std::env::var(ENV) {
        return Ok(Passphrase::new(text));
    }
    if use_keyring && !confirm {
        let entry = keyring_entry(case)?;
        let text = entry.get_password().map_err(|e| {
            anyhow!("钥匙串中没有此案件的口令 / no passphrase for this case in the OS keyring: {e}")
        })?;
        return Ok(Passphrase::new(text));
    }
    prompt(confirm)
}

/// Saves the passphrase in the OS keyring for this case file.
pub fn remember(case: &Path, passphrase: &str) -> Result<()> {
    keyring_entry(case)?
        .set_password(passphrase)
        .map_err(|e| anyhow!("无法写入系统钥匙串 / cannot write to the OS keyring: {e}"))
}

fn keyring_entry(case: &Path) -> Result<keyring::Entry> {
    let absolute = std::path::absolute(case).unwrap_or_else(|_| case.to_path_buf());
    keyring::Entry::new(KEYRING_SERVICE, &absolute.to_string_lossy())
        .map_err(|e| anyhow!("系统钥匙串不可用 / the OS keyring is not available: {e}"))
}

fn prompt(confirm: bool) -> Result<Passphrase> {
    if !std::io::stdin().is_terminal() {
        return Err(anyhow!(
            "需要口令:请设置 {ENV} 或使用 --keyring / a passphrase is needed: set {ENV} or use --keyring"
        ));
    }
    let first = rpassword::prompt_password("案件口令 / case passphrase: ")
        .context("读取口令 / reading the passphrase")?;
    if confirm {
        let again = rpassword::prompt_password("再次输入 / again: ")
            .context("读取口令 / reading the passphrase")?;
        if again != first {
            return Err(anyhow!("两次输入的口令不一致 / the passphrases differ"));
        }
    }
    Ok(Passphrase::new(first))
}
