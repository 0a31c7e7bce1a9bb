//! Minutes, for the window: taking them, declaring votes, approval,
//! amendments, and the minutes and members' annex as files.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::confidentiality::Audience;
use iag_desk_core::exports::Request;
use iag_desk_core::ids::MeetingId;
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

/// The public minutes or the members' annex as a PDF, a Word file or an
/// accessible web page.
#[tauri::command]
pub async fn minutes_export(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
    audience: Audience,
    format_code: String,
) -> CommandResult<Option<String>> {
    let request = Request::Minutes {
        meeting: id,
        audience,
        format: super::document_format(&format_code),
    };
    crate::export::save(&desk, &answers, request).await
}
