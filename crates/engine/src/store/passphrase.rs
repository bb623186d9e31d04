//! The case passphrase: kept out of `Debug` output and wiped from memory on drop.

use zeroize::Zeroizing;

/// A case file's passphrase. It never appears in logs or error messages.
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    pub fn new(text: impl Into<String>) -> Passphrase {
        Passphrase(Zeroizing::new(text.into()))
    }

    /// The text itself, for SQLCipher and for saving in the OS keyring; never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(***)")
    }
}
