//! A meeting's register: who was there, when they came and went, guests.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::exports::Request;
use iag_desk_core::ids::{GroupId, MeetingId, PersonId};
use iag_desk_core::meetings::plan::{self, GuestForm, LineForm};
use iag_desk_core::roster::attendance::{self, AttendanceReport, MemberAttendance};
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

/// A group's members' attendance over a period (the last twelve months
/// when both ends are empty).
#[tauri::command(async)]
pub fn attendance_report(
    desk: State<'_, Desk>,
    group: GroupId,
    from: String,
    to: String,
) -> CommandResult<AttendanceReport> {
    desk.with_vault(|v| {
        let (from, to) = attendance::parse_period(&from, &to)?;
        attendance::report(v, group, from, to, super::today())
    })
}

/// A member's attendance at each of their groups over the last twelve months.
#[tauri::command(async)]
pub fn attendance_of_member(
    desk: State<'_, Desk>,
    person: PersonId,
) -> CommandResult<Vec<MemberAttendance>> {
    desk.with_vault(|v| attendance::of_member(v, person, super::today()))
}

/// Asks where to save, then writes the report as a PDF or CSV.
#[tauri::command]
pub async fn attendance_export(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    group: GroupId,
    from: String,
    to: String,
    format_code: String,
) -> CommandResult<Option<String>> {
    let (from, to) = attendance::parse_period(&from, &to)?;
    let request = Request::Attendance {
        group,
        from,
        to,
        format: super::table_format(&format_code),
    };
    crate::export::save(&desk, &answers, request).await
}
