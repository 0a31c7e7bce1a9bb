//! The dashboard and the vault-wide search.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::dashboard::{self, Dashboard};
use iag_desk_core::search::{self, Results};
use tauri::State;

#[tauri::command(async)]
pub fn dashboard_summary(desk: State<'_, Desk>) -> CommandResult<Dashboard> {
    desk.with_vault(|v| dashboard::dashboard(v, super::now()))
}

#[tauri::command(async)]
pub fn search_run(desk: State<'_, Desk>, text: String) -> CommandResult<Results> {
    desk.with_vault(|v| search::search(v, &text, super::today()))
}
