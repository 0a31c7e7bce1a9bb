//! Backups: one file, encrypted with the vault's own passphrase, taken while
//! the vault is open (SQLCipher's export into an attached database that
//! shares the open vault's key). The file is written beside its target and
//! renamed into place, so a failed backup never leaves half a file behind.
//! The time of the last backup is kept, and the dashboard reminds after a
//! week.
//!
//! Changing the passphrase and restoring (checked first, the replaced vault
//! kept) are done by storage; here they are recorded in the audit log.

use crate::dates::long_date_time;
use crate::error::{Error, Result};
use crate::passphrase::Passphrase;
use crate::storage::{Restored, Vault};
use chrono::NaiveDateTime;
use serde::Serialize;
use std::path::{Path, PathBuf};

const LAST_BACKUP: &str = "backup.last";

/// Days after which the dashboard reminds that a backup is due.
pub const REMIND_AFTER_DAYS: i64 = 7;

#[derive(Debug, Clone, Serialize)]
pub struct BackupReport {
    pub path: PathBuf,
    pub bytes: u64,
    /// "23 November 2026, 20:15"
    pub at: String,
}

pub fn backup(vault: &mut Vault, to: &Path, now: NaiveDateTime) -> Result<BackupReport> {
    if to.exists() {
        return Err(Error::invalid(
            "file",
            format!(
                "{} already exists; choose a new name, so no earlier backup is overwritten.",
                to.display()
            ),
        ));
    }
    let bytes = vault.export_copy(to)?;
    crate::audit::record(
        vault.conn(),
        crate::audit::When::At(now),
        crate::vocabulary::AuditAction::Backup,
        "An encrypted backup was taken.",
    )?;
    crate::storage::set_setting_in(
        vault.conn(),
        LAST_BACKUP,
        &now.format("%Y-%m-%dT%H:%M").to_string(),
    )?;
    Ok(BackupReport {
        path: to.to_path_buf(),
        bytes,
        at: long_date_time(now),
    })
}

impl Vault {
    /// Re-encrypts the vault under a new passphrase. The current passphrase
    /// is asked again, so an unlocked laptop left alone is not enough.
    pub fn change_passphrase(
        &mut self,
        current: &Passphrase,
        new: &Passphrase,
        confirmation: &Passphrase,
        now: NaiveDateTime,
    ) -> Result<()> {
        self.rekey(current, new, confirmation)?;
        crate::audit::record(
            self.conn(),
            crate::audit::When::At(now),
            crate::vocabulary::AuditAction::PassphraseChanged,
            "The vault was re-encrypted under a new passphrase.",
        )
    }
}

/// Replaces the (closed) vault at `path` with the backup `from`, opened with
/// `passphrase`. The backup is checked first (the passphrase, SQLite's
/// integrity check, a schema this version understands); nothing is touched
/// unless every check passes, and the replaced vault is kept beside it.
pub fn restore(
    path: &Path,
    from: &Path,
    passphrase: &Passphrase,
    now: NaiveDateTime,
) -> Result<(Vault, Restored)> {
    let (vault, restored) = crate::storage::replace_with_backup(path, from, passphrase, now)?;
    crate::audit::record(
        vault.conn(),
        crate::audit::When::At(now),
        crate::vocabulary::AuditAction::Restore,
        "The vault was replaced by a backup; the vault it replaced is kept beside it.",
    )?;
    Ok((vault, restored))
}

pub fn last_backup(vault: &Vault) -> Result<Option<NaiveDateTime>> {
    Ok(vault
        .setting(LAST_BACKUP)?
        .and_then(|t| NaiveDateTime::parse_from_str(&t, "%Y-%m-%dT%H:%M").ok()))
}

/// What the dashboard says about backups.
#[derive(Debug, Clone, Serialize)]
pub struct BackupState {
    pub last: Option<String>,
    /// True when there is none, or the last is more than a week old.
    pub due: bool,
    pub message: String,
}

pub fn state(vault: &Vault, now: NaiveDateTime) -> Result<BackupState> {
    let last = last_backup(vault)?;
    let due = last.is_none_or(|l| (now - l).num_days() >= REMIND_AFTER_DAYS);
    let message = match last {
        None => "No backup has been taken. Take one now (Settings → Back up the vault), and keep \
                 it somewhere other than this laptop."
            .to_string(),
        Some(l) if due => format!(
            "The last backup was on {}, more than a week ago. Take a new one.",
            long_date_time(l)
        ),
        Some(l) => format!("Last backup: {}.", long_date_time(l)),
    };
    Ok(BackupState {
        last: last.map(long_date_time),
        due,
        message,
    })
}
