//! A meeting's register: who was there, when they came and went, guests.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::ids::{MeetingId, PersonId};
use iag_desk_core::meetings::plan;
use tauri::State;

#[tauri::command(async)]
pub fn attendance_set(
    desk: State<'_, Desk>,
    id: MeetingId,
    person: PersonId,
    presence: String,
    arrived_at: Option<usize>,
    left_at: Option<usize>,
) -> CommandResult<()> {
    desk.with_vault(|v| plan::set_presence(v, id, person, &presence, arrived_at, left_at))
}

#[tauri::command(async)]
pub fn attendance_add_guest(
    desk: State<'_, Desk>,
    id: MeetingId,
    name: String,
) -> CommandResult<()> {
    desk.with_vault(|v| plan::add_guest(v, id, &name))
}
