//! The window's state: where the data lives and, while unlocked, the open
//! vault. Locking drops the vault, which closes the connection and with it
//! SQLCipher's copy of the key.

use crate::error::CommandResult;
use iag_desk_core::{Error, Result, Vault};
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

pub struct Desk {
    pub data_dir: PathBuf,
    vault: Mutex<Option<Vault>>,
    /// The CSV file chosen and checked, waiting for "Import".
    pending_import: Mutex<Option<PathBuf>>,
    /// The last file the app wrote, which "Open it" may open.
    last_written: Mutex<Option<PathBuf>>,
    /// The last email draft written, which "Open in my email program"
    /// hands on: where it was saved, and its parts.
    last_draft: Mutex<Option<(PathBuf, iag_desk_core::meetings::papers_email::EmailDraft)>>,
}

impl Desk {
    pub fn new(data_dir: PathBuf) -> Self {
        Desk {
            data_dir,
            vault: Mutex::new(None),
            pending_import: Mutex::new(None),
            last_written: Mutex::new(None),
            last_draft: Mutex::new(None),
        }
    }

    pub fn vault_path(&self) -> PathBuf {
        crate::paths::vault_path(&self.data_dir)
    }

    fn slot(&self) -> MutexGuard<'_, Option<Vault>> {
        // A panic while holding the lock must not lock the user out for good.
        self.vault.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn is_unlocked(&self) -> bool {
        self.slot().is_some()
    }

    pub fn open(&self, vault: Vault) {
        *self.slot() = Some(vault);
    }

    pub fn lock(&self) {
        *self.slot() = None;
        self.set_pending_import(None);
    }

    pub fn set_pending_import(&self, path: Option<PathBuf>) {
        *self
            .pending_import
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = path;
    }

    pub fn set_last_written(&self, path: PathBuf) {
        *self.last_written.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
    }

    pub fn last_written(&self) -> Option<PathBuf> {
        self.last_written
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn set_last_draft(
        &self,
        path: PathBuf,
        draft: iag_desk_core::meetings::papers_email::EmailDraft,
    ) {
        *self.last_draft.lock().unwrap_or_else(|p| p.into_inner()) = Some((path, draft));
    }

    pub fn last_draft(
        &self,
    ) -> Option<(PathBuf, iag_desk_core::meetings::papers_email::EmailDraft)> {
        self.last_draft
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The file the import checked last, kept until it is imported (a
    /// failed run can be corrected and run again).
    pub fn pending_import(&self) -> Option<PathBuf> {
        self.pending_import
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Runs `f` against the unlocked vault, or says the vault is locked.
    pub fn with_vault<T>(&self, f: impl FnOnce(&mut Vault) -> Result<T>) -> CommandResult<T> {
        let mut slot = self.slot();
        let vault = slot.as_mut().ok_or(Error::Locked)?;
        Ok(f(vault)?)
    }
}
