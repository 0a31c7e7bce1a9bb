use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::{Passphrase, Vault, VaultStatus};
use serde::Serialize;
use tauri::State;

#[derive(Debug, Serialize)]
pub struct VaultState {
    pub path: String,
    pub exists: bool,
    pub unlocked: bool,
}

/// What the first screen needs: create, unlock, or go straight in.
#[tauri::command(async)]
pub fn vault_state(desk: State<'_, Desk>) -> VaultState {
    let path = desk.vault_path();
    VaultState {
        exists: path.is_file(),
        unlocked: desk.is_unlocked(),
        path: path.display().to_string(),
    }
}

#[tauri::command(async)]
pub fn vault_create(
    desk: State<'_, Desk>,
    passphrase: String,
    confirmation: String,
    with_demo: bool,
) -> CommandResult<()> {
    let passphrase = Passphrase::new(passphrase);
    passphrase.check_new(&Passphrase::new(confirmation))?;
    let mut vault = Vault::create(&desk.vault_path(), &passphrase)?;
    if with_demo {
        iag_desk_core::demo::load(&mut vault, super::today())?;
    }
    desk.open(vault);
    Ok(())
}

#[tauri::command(async)]
pub fn vault_unlock(desk: State<'_, Desk>, passphrase: String) -> CommandResult<()> {
    let vault = Vault::unlock(&desk.vault_path(), &Passphrase::new(passphrase))?;
    desk.open(vault);
    Ok(())
}

#[tauri::command(async)]
pub fn vault_lock(desk: State<'_, Desk>) {
    desk.lock();
}

#[tauri::command(async)]
pub fn vault_status(desk: State<'_, Desk>) -> CommandResult<VaultStatus> {
    desk.with_vault(|v| v.status(super::now()))
}

/// Takes an encrypted backup into a new file the person chooses.
#[tauri::command]
pub async fn vault_backup(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
) -> CommandResult<Option<iag_desk_core::backup::BackupReport>> {
    let name = format!(
        "iag-desk-backup-{}.vault",
        super::now().format("%Y-%m-%d-%H%M")
    );
    let Some(path) = crate::dialogs::save(
        &answers,
        "Save a backup of the vault (encrypted)",
        &name,
        ("IAG Desk backup", &["vault"]),
    )
    .await
    else {
        return Ok(None);
    };
    desk.with_vault(|v| iag_desk_core::backup::backup(v, &path, super::now()))
        .map(Some)
}

#[tauri::command(async)]
pub fn vault_change_passphrase(
    desk: State<'_, Desk>,
    current: String,
    new: String,
    confirmation: String,
) -> CommandResult<()> {
    desk.with_vault(|v| {
        v.change_passphrase(
            &Passphrase::new(current),
            &Passphrase::new(new),
            &Passphrase::new(confirmation),
            super::now(),
        )
    })
}

/// Replaces the vault with a backup the person chooses. The backup is
/// checked while the vault is still open; only then is it closed, replaced
/// and opened again (with the backup's passphrase).
#[tauri::command]
pub async fn vault_restore(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    passphrase: String,
) -> CommandResult<Option<iag_desk_core::storage::Restored>> {
    let Some(file) = crate::dialogs::open(
        &answers,
        "Choose the backup to restore",
        ("IAG Desk backup", &["vault"]),
    )
    .await
    else {
        return Ok(None);
    };
    let passphrase = Passphrase::new(passphrase);
    iag_desk_core::storage::check_backup(&file, &passphrase)?;
    desk.lock();
    let (vault, restored) =
        iag_desk_core::backup::restore(&desk.vault_path(), &file, &passphrase, super::now())?;
    desk.open(vault);
    Ok(Some(restored))
}

/// Seconds without use before the window locks itself.
#[tauri::command(async)]
pub fn vault_idle_lock(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
) -> CommandResult<u64> {
    if let Some(seconds) = answers.idle_lock_seconds() {
        return Ok(seconds);
    }
    desk.with_vault(|v| iag_desk_core::locking::idle_lock_minutes(v).map(|m| u64::from(m) * 60))
}

#[tauri::command(async)]
pub fn vault_idle_lock_set(desk: State<'_, Desk>, minutes: String) -> CommandResult<u32> {
    desk.with_vault(|v| iag_desk_core::locking::set_idle_lock_minutes(v, &minutes))
}
