//! Where the vault lives: `--data-dir`, else `IAG_DESK_DATA_DIR` (clap reads
//! both), else the operating system's per-user application-data folder.

use std::path::{Path, PathBuf};

/// `~/.local/share/IAG Desk` on Linux, `%APPDATA%\IAG Desk` on Windows,
/// `~/Library/Application Support/IAG Desk` on macOS.
pub fn default_data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("IAG Desk")
}

pub fn vault_path(data_dir: &Path) -> PathBuf {
    data_dir.join(iag_desk_core::VAULT_FILE)
}
