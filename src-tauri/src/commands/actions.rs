//! The action log: listing it, setting an action's status, exporting it.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::exports::Request;
use iag_desk_core::minutes::actions::{self, ActionLine, ActionQuery};
use tauri::State;

use super::table_format;

#[tauri::command(async)]
pub fn actions_log(desk: State<'_, Desk>, query: ActionQuery) -> CommandResult<Vec<ActionLine>> {
    desk.with_vault(|v| actions::log(v, &query, super::today()))
}

#[tauri::command(async)]
pub fn actions_status_set(
    desk: State<'_, Desk>,
    action: i64,
    form: actions::StatusForm,
) -> CommandResult<()> {
    desk.with_vault(|v| actions::set_status(v, action, &form, super::today()))
}

#[tauri::command]
pub async fn actions_export(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    query: ActionQuery,
    format_code: String,
) -> CommandResult<Option<String>> {
    let format = table_format(&format_code);
    crate::export::save(&desk, &answers, Request::Actions { query, format }).await
}
