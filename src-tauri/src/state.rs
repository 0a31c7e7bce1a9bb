//! The window's state: where the data lives and, while unlocked, the open
//! vault. Locking drops the vault, which closes the connection and with it
//! SQLCipher's copy of the key.

use crate::error::CommandResult;
use iag_desk_core::documents::Relayout;
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
    /// A hand-over file opened with the app (a double click, `iag-desk
    /// FILE`, or "Import a hand-over file…"), waiting for its check and the
    /// user's confirmation.
    waiting: Mutex<Option<WaitingFile>>,
    /// The documents preview's last pages, so the preview after an edit
    /// lays out and draws only the pages from the edited block on. Holds
    /// the vault's words, so it is emptied on lock.
    preview: Mutex<Relayout>,
}

/// A hand-over file waiting to be imported.
#[derive(Debug, Clone)]
pub struct WaitingFile {
    pub path: PathBuf,
    /// The text the check read and passed, which "Import" imports (so a
    /// file changed after its check is never imported unseen). Dropped on
    /// lock; the path stays, and the check runs again after unlocking.
    pub checked: Option<String>,
}

impl Desk {
    pub fn new(data_dir: PathBuf) -> Self {
        Desk {
            data_dir,
            vault: Mutex::new(None),
            pending_import: Mutex::new(None),
            last_written: Mutex::new(None),
            last_draft: Mutex::new(None),
            waiting: Mutex::new(None),
            preview: Mutex::new(Relayout::default()),
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
        self.forget_preview();
    }

    pub fn lock(&self) {
        *self.slot() = None;
        self.forget_preview();
        self.set_pending_import(None);
        if let Some(waiting) = self.waiting_slot().as_mut() {
            waiting.checked = None;
        }
    }

    fn waiting_slot(&self) -> MutexGuard<'_, Option<WaitingFile>> {
        self.waiting.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A hand-over file to check and perhaps import; replaces any other.
    pub fn set_waiting(&self, path: Option<PathBuf>) {
        *self.waiting_slot() = path.map(|path| WaitingFile {
            path,
            checked: None,
        });
    }

    pub fn waiting(&self) -> Option<WaitingFile> {
        self.waiting_slot().clone()
    }

    /// Keeps the text a check passed, if the same file still waits.
    pub fn set_waiting_checked(&self, path: &std::path::Path, text: Option<String>) {
        if let Some(waiting) = self.waiting_slot().as_mut().filter(|w| w.path == path) {
            waiting.checked = text;
        }
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

    fn preview_slot(&self) -> MutexGuard<'_, Relayout> {
        self.preview.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Drops the documents preview's kept pages: they hold the vault's
    /// words, and memory, only while the documents screen is open.
    pub fn forget_preview(&self) {
        *self.preview_slot() = Relayout::default();
    }

    /// Like [`Desk::with_vault`], with the documents preview's kept pages.
    pub fn with_preview<T>(
        &self,
        f: impl FnOnce(&Vault, &mut Relayout) -> Result<T>,
    ) -> CommandResult<T> {
        let slot = self.slot();
        let vault = slot.as_ref().ok_or(Error::Locked)?;
        Ok(f(vault, &mut self.preview_slot())?)
    }

    /// Runs `f` against the unlocked vault, or says the vault is locked.
    pub fn with_vault<T>(&self, f: impl FnOnce(&mut Vault) -> Result<T>) -> CommandResult<T> {
        let mut slot = self.slot();
        let vault = slot.as_mut().ok_or(Error::Locked)?;
        Ok(f(vault)?)
    }
}
