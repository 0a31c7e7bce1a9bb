//! The vault passphrase: kept in memory only as long as needed and wiped
//! (zeroised) when dropped; never logged, never shown, never written down.

use crate::error::{Error, Result};
use zeroize::Zeroizing;

/// Fewer characters than this is too easy to guess for a vault holding
/// special category personal data; a few ordinary words pass easily.
pub const MIN_CHARS: usize = 10;

pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    pub fn new(text: impl Into<String>) -> Self {
        Passphrase(Zeroizing::new(text.into()))
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// Rules for choosing a new passphrase (unlocking checks none of these:
    /// the vault itself is the judge of an existing one).
    pub fn check_new(&self, confirmation: &Passphrase) -> Result<()> {
        let chars = self.0.chars().count();
        if self.0.trim().is_empty() {
            return Err(Error::invalid("Passphrase", "enter a passphrase."));
        }
        if chars < MIN_CHARS {
            return Err(Error::invalid(
                "Passphrase",
                format!(
                    "use at least {MIN_CHARS} characters (this one has {chars}). \
                     A few ordinary words, such as \"kettle harbour violet\", work well."
                ),
            ));
        }
        if *self.0 != *confirmation.0 {
            return Err(Error::invalid(
                "Confirm passphrase",
                "the two passphrases are different. Type the same passphrase twice.",
            ));
        }
        Ok(())
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(<hidden>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn a_short_passphrase_is_refused_with_its_length() {
        let p = Passphrase::new("short");
        let err = p.check_new(&Passphrase::new("short")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid);
        assert!(err.to_string().contains("this one has 5"), "{err}");
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // Ten characters, many more bytes: a passphrase in any script counts fairly.
        let p = Passphrase::new("ਹਰਪ੍ਰੀਤਕੌਰਜੀ");
        assert!(p.check_new(&Passphrase::new("ਹਰਪ੍ਰੀਤਕੌਰਜੀ")).is_ok());
    }

    #[test]
    fn the_confirmation_must_match() {
        let err = Passphrase::new("kettle harbour violet")
            .check_new(&Passphrase::new("kettle harbour violent"))
            .unwrap_err();
        assert!(err.to_string().starts_with("Confirm passphrase:"), "{err}");
    }

    #[test]
    fn debug_never_shows_the_passphrase() {
        let p = Passphrase::new("kettle harbour violet");
        assert!(!format!("{p:?}").contains("kettle"));
    }
}
