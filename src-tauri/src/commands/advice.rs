//! The advice register: listing it, police responses, exporting it.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::exports::Request;
use iag_desk_core::minutes::advice::{self, AdviceLine, AdviceQuery, ResponseForm};
use tauri::State;

use super::table_format;

#[tauri::command(async)]
pub fn advice_register(
    desk: State<'_, Desk>,
    query: AdviceQuery,
) -> CommandResult<Vec<AdviceLine>> {
    desk.with_vault(|v| advice::register(v, &query))
}

#[tauri::command(async)]
pub fn advice_respond(desk: State<'_, Desk>, entry: i64, form: ResponseForm) -> CommandResult<()> {
    desk.with_vault(|v| advice::respond(v, entry, &form, super::today()))
}

#[tauri::command]
pub async fn advice_export(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    query: AdviceQuery,
    format_code: String,
) -> CommandResult<Option<String>> {
    let format = table_format(&format_code);
    crate::export::save(&desk, &answers, Request::Advice { query, format }).await
}
