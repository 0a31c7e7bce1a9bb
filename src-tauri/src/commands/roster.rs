use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::roster::{self, GroupSummary, PersonKind, PersonSummary};
use tauri::State;

#[tauri::command(async)]
pub fn roster_groups(desk: State<'_, Desk>) -> CommandResult<Vec<GroupSummary>> {
    desk.with_vault(|v| roster::groups(v, super::today()))
}

#[tauri::command(async)]
pub fn roster_members(desk: State<'_, Desk>) -> CommandResult<Vec<PersonSummary>> {
    desk.with_vault(|v| roster::people(v, PersonKind::Member, super::today()))
}

#[tauri::command(async)]
pub fn roster_police(desk: State<'_, Desk>) -> CommandResult<Vec<PersonSummary>> {
    desk.with_vault(|v| roster::people(v, PersonKind::Police, super::today()))
}
