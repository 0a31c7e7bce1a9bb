//! Concerns sent up a tier: raising them, listing a group's, answering them.

use crate::error::CommandResult;
use crate::state::Desk;
use tauri::State;

#[tauri::command(async)]
pub fn escalations_for_group(
    desk: State<'_, Desk>,
    group: iag_desk_core::ids::GroupId,
) -> CommandResult<iag_desk_core::escalations::GroupEscalations> {
    desk.with_vault(|v| iag_desk_core::escalations::for_group(v, group))
}

#[tauri::command(async)]
pub fn escalation_raise(
    desk: State<'_, Desk>,
    group: iag_desk_core::ids::GroupId,
    form: iag_desk_core::escalations::RaiseForm,
) -> CommandResult<i64> {
    desk.with_vault(|v| iag_desk_core::escalations::raise(v, group, &form, super::today()))
}

#[tauri::command(async)]
pub fn escalation_respond(
    desk: State<'_, Desk>,
    id: i64,
    form: iag_desk_core::escalations::ResponseForm,
) -> CommandResult<()> {
    desk.with_vault(|v| iag_desk_core::escalations::respond(v, id, &form, super::today()))
}
