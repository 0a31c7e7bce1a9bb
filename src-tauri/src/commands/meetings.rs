use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::meetings::{self, MeetingSummary};
use tauri::State;

#[tauri::command(async)]
pub fn meetings_list(desk: State<'_, Desk>) -> CommandResult<Vec<MeetingSummary>> {
    desk.with_vault(|v| meetings::list(v, super::now()))
}
