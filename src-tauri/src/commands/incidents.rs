//! Critical incidents: logging them, suggestions, convening a critical
//! group, and its call list.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::incidents::{
    self, suggest, ConveneForm, Convened, IncidentDetail, IncidentForm, IncidentSummary,
};
use tauri::State;

#[tauri::command(async)]
pub fn incidents_list(desk: State<'_, Desk>) -> CommandResult<Vec<IncidentSummary>> {
    desk.with_vault(|v| incidents::list(v))
}

#[tauri::command(async)]
pub fn incident_detail(desk: State<'_, Desk>, id: i64) -> CommandResult<IncidentDetail> {
    desk.with_vault(|v| incidents::detail(v, id, super::today()))
}

#[tauri::command(async)]
pub fn incident_add(desk: State<'_, Desk>, form: IncidentForm) -> CommandResult<i64> {
    desk.with_vault(|v| incidents::add(v, &form, super::now()))
}

#[tauri::command(async)]
pub fn incident_update(desk: State<'_, Desk>, id: i64, form: IncidentForm) -> CommandResult<()> {
    desk.with_vault(|v| incidents::update(v, id, &form, super::now()))
}

#[tauri::command(async)]
pub fn incident_suggestions(
    desk: State<'_, Desk>,
    id: i64,
) -> CommandResult<Vec<suggest::Suggestion>> {
    desk.with_vault(|v| suggest::suggestions(v, id, super::today()))
}

#[tauri::command(async)]
pub fn incident_convene(
    desk: State<'_, Desk>,
    id: i64,
    form: ConveneForm,
) -> CommandResult<Convened> {
    desk.with_vault(|v| incidents::convene(v, id, &form, super::now()))
}

/// The critical group's call list; personal contact details, so saving it
/// takes an audit line.
#[tauri::command]
pub async fn incident_export_calllist(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: i64,
) -> CommandResult<Option<String>> {
    let request = iag_desk_core::exports::Request::CallList { incident: id };
    crate::export::save(&desk, &answers, request).await
}
