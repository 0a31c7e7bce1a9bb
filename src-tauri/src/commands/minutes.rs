//! Minutes, the advice register and the action log, for the window.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::confidentiality::Audience;
use iag_desk_core::exports::{Format, Request};
use iag_desk_core::ids::MeetingId;
use iag_desk_core::minutes::actions::{self, ActionLine, ActionQuery};
use iag_desk_core::minutes::advice::{self, AdviceLine, AdviceQuery, ResponseForm};
use iag_desk_core::minutes::votes::Outcome;
use iag_desk_core::minutes::{self, EntryDraft, MinuteTaking, SavedEntry};
use tauri::State;

#[tauri::command(async)]
pub fn minutes_taking(desk: State<'_, Desk>, id: MeetingId) -> CommandResult<MinuteTaking> {
    desk.with_vault(|v| minutes::taking(v, id))
}

/// One autosave: committed to disk before it returns.
#[tauri::command(async)]
pub fn minutes_entry_save(
    desk: State<'_, Desk>,
    id: MeetingId,
    entry: EntryDraft,
) -> CommandResult<SavedEntry> {
    desk.with_vault(|v| minutes::save_entry(v, id, &entry, super::now()))
}

#[tauri::command(async)]
pub fn minutes_entry_delete(desk: State<'_, Desk>, id: MeetingId, entry: i64) -> CommandResult<()> {
    desk.with_vault(|v| minutes::delete_entry(v, id, entry))
}

#[tauri::command(async)]
pub fn minutes_vote_declare(
    desk: State<'_, Desk>,
    id: MeetingId,
    entry: i64,
) -> CommandResult<Outcome> {
    desk.with_vault(|v| minutes::declare_vote(v, id, entry, super::now()))
}

/// Approves the minutes of `id` at the later meeting `at`, under its item.
#[tauri::command(async)]
pub fn minutes_approve(
    desk: State<'_, Desk>,
    id: MeetingId,
    at: MeetingId,
    item: i64,
) -> CommandResult<()> {
    desk.with_vault(|v| minutes::approve(v, id, at, item, super::now()))
}

#[tauri::command(async)]
pub fn minutes_amend(
    desk: State<'_, Desk>,
    id: MeetingId,
    entry: i64,
    text: String,
    reason: String,
) -> CommandResult<()> {
    desk.with_vault(|v| minutes::amend(v, id, entry, &text, &reason, super::today()))
}

/// The public minutes, or the members' annex (which takes an audit line
/// once saved), as a PDF.
#[tauri::command]
pub async fn minutes_export_pdf(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
    audience: Audience,
) -> CommandResult<Option<String>> {
    let request = Request::Minutes {
        meeting: id,
        audience,
        format: Format::Pdf,
    };
    crate::export::save(&desk, &answers, request).await
}

/// The public minutes or the members' annex as an accessible web page.
#[tauri::command]
pub async fn minutes_export_html(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
    audience: Audience,
) -> CommandResult<Option<String>> {
    let request = Request::Minutes {
        meeting: id,
        audience,
        format: Format::Html,
    };
    crate::export::save(&desk, &answers, request).await
}

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

/// The format a register export asks for: `csv`, else a PDF.
fn table_format(code: &str) -> Format {
    if code == "csv" {
        Format::Csv
    } else {
        Format::Pdf
    }
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
