//! The dashboard and the first-run tour it offers.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::dashboard::{self, Dashboard};
use tauri::State;

#[tauri::command(async)]
pub fn dashboard_summary(desk: State<'_, Desk>) -> CommandResult<Dashboard> {
    desk.with_vault(|v| dashboard::dashboard(v, super::now()))
}

/// The first-run tour was taken or skipped.
#[tauri::command(async)]
pub fn dashboard_tour_finish(desk: State<'_, Desk>) -> CommandResult<()> {
    desk.with_vault(dashboard::finish_tour)
}
