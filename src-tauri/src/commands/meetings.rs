//! Meetings: the lists, what is due, creating and editing one, its agenda,
//! sign-in sheet, invitation and calendar files, and the hand-over file.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::confidentiality::Audience;
use iag_desk_core::exports::Request;
use iag_desk_core::ids::{GroupId, MeetingId};
use iag_desk_core::meetings::plan::{self, MeetingDetail, MeetingForm, Saved};
use iag_desk_core::meetings::{self, MeetingSummary};
use tauri::State;

#[tauri::command(async)]
pub fn meetings_list(desk: State<'_, Desk>) -> CommandResult<Vec<MeetingSummary>> {
    desk.with_vault(|v| meetings::list(v, super::now()))
}

/// One page of the meetings coming up (soonest first) or held (most
/// recent first), for a vault of any size.
#[tauri::command(async)]
pub fn meetings_page(
    desk: State<'_, Desk>,
    upcoming: bool,
    offset: usize,
    limit: usize,
) -> CommandResult<iag_desk_core::paging::Page<MeetingSummary>> {
    desk.with_vault(|v| {
        let all = meetings::list(v, super::now())?;
        let section = all.into_iter().filter(|m| m.upcoming == upcoming).collect();
        Ok(iag_desk_core::paging::page(section, offset, limit))
    })
}

#[tauri::command(async)]
pub fn meeting_detail(desk: State<'_, Desk>, id: MeetingId) -> CommandResult<MeetingDetail> {
    desk.with_vault(|v| plan::detail(v, id))
}

#[tauri::command(async)]
pub fn meeting_create(desk: State<'_, Desk>, form: MeetingForm) -> CommandResult<MeetingId> {
    desk.with_vault(|v| plan::create(v, &form))
}

#[tauri::command(async)]
pub fn meeting_update(
    desk: State<'_, Desk>,
    id: MeetingId,
    form: MeetingForm,
) -> CommandResult<Saved> {
    desk.with_vault(|v| plan::update_details(v, id, &form))
}

#[tauri::command]
pub async fn meetings_export_calendar(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    group: Option<GroupId>,
) -> CommandResult<Option<String>> {
    crate::export::save(&desk, &answers, Request::Calendar { group }).await
}

#[tauri::command]
pub async fn meeting_export_invitation(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
) -> CommandResult<Option<String>> {
    crate::export::save(&desk, &answers, Request::Invitation { meeting: id }).await
}

#[tauri::command]
pub async fn meeting_export_handover(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
    audience: Audience,
) -> CommandResult<Option<String>> {
    let request = Request::Handover {
        meeting: id,
        audience,
    };
    crate::export::save(&desk, &answers, request).await
}

/// The agenda as a PDF, a Word file or an accessible web page, from the
/// same public view.
#[tauri::command]
pub async fn meeting_export_agenda(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
    format_code: String,
) -> CommandResult<Option<String>> {
    let request = Request::Agenda {
        meeting: id,
        format: super::document_format(&format_code),
    };
    crate::export::save(&desk, &answers, request).await
}

#[tauri::command]
pub async fn meeting_export_signin_pdf(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
) -> CommandResult<Option<String>> {
    crate::export::save(&desk, &answers, Request::SignIn { meeting: id }).await
}
