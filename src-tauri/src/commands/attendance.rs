//! A meeting's register: who was there, when they came and went, guests.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::ids::{MeetingId, PersonId};
use iag_desk_core::meetings::plan::{self, GuestForm, LineForm};
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
    guest: GuestForm,
) -> CommandResult<i64> {
    desk.with_vault(|v| plan::add_guest(v, id, &guest))
}

#[tauri::command(async)]
pub fn attendance_set_line(
    desk: State<'_, Desk>,
    id: MeetingId,
    line: i64,
    form: LineForm,
) -> CommandResult<()> {
    desk.with_vault(|v| plan::set_line(v, id, line, &form))
}

#[tauri::command(async)]
pub fn attendance_set_chair(
    desk: State<'_, Desk>,
    id: MeetingId,
    person: Option<PersonId>,
) -> CommandResult<()> {
    desk.with_vault(|v| plan::set_chair(v, id, person))
}
