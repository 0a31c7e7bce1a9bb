use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::demo::{self, DemoReport};
use tauri::State;

#[tauri::command(async)]
pub fn demo_load(desk: State<'_, Desk>) -> CommandResult<DemoReport> {
    desk.with_vault(|v| demo::load(v, super::today()))
}

#[tauri::command(async)]
pub fn demo_remove(desk: State<'_, Desk>) -> CommandResult<u32> {
    desk.with_vault(demo::remove)
}
