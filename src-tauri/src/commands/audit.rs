//! The audit trail.

use crate::error::CommandResult;
use crate::state::Desk;
use tauri::State;

/// The audit trail, newest first (never any confidential text).
#[tauri::command(async)]
pub fn audit_list(desk: State<'_, Desk>) -> CommandResult<Vec<iag_desk_core::audit::AuditLine>> {
    desk.with_vault(|v| iag_desk_core::audit::list(v, 200))
}
