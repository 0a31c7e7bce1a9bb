//! How soon an unattended, unlocked vault locks itself. Locking drops the
//! open vault, and with it SQLCipher's copy of the key; the window clears
//! everything it showed and returns to the unlock screen.

use crate::error::{Error, Problem, Result};
use crate::storage::Vault;

const KEY: &str = "security.idle_lock_minutes";
/// Minutes without use before the window locks, unless changed in Settings.
pub const DEFAULT_MINUTES: u32 = 10;
const MAX_MINUTES: u32 = 240;

pub fn idle_lock_minutes(vault: &Vault) -> Result<u32> {
    Ok(vault
        .setting(KEY)?
        .and_then(|v| v.parse().ok())
        .filter(|m| (1..=MAX_MINUTES).contains(m))
        .unwrap_or(DEFAULT_MINUTES))
}

pub fn set_idle_lock_minutes(vault: &mut Vault, text: &str) -> Result<u32> {
    let minutes = text
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|m| (1..=MAX_MINUTES).contains(m));
    let Some(minutes) = minutes else {
        return Err(Error::rejected(vec![Problem::new(
            "idle_lock_minutes",
            format!(
                "\u{201c}{}\u{201d} is not a number of minutes from 1 to {MAX_MINUTES}.",
                text.trim()
            ),
        )]));
    };
    crate::storage::set_setting_in(vault.conn(), KEY, &minutes.to_string())?;
    Ok(minutes)
}
