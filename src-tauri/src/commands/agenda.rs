//! A meeting's agenda: editing and agreeing it, the group's template, and
//! the papers under its items.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::exports::Request;
use iag_desk_core::ids::{GroupId, MeetingId};
use iag_desk_core::meetings::agenda::ItemDraft;
use iag_desk_core::meetings::plan::{self, Saved};
use iag_desk_core::Error;
use tauri::State;

#[tauri::command(async)]
pub fn agenda_save(
    desk: State<'_, Desk>,
    id: MeetingId,
    items: Vec<ItemDraft>,
) -> CommandResult<Saved> {
    desk.with_vault(|v| plan::save_agenda(v, id, &items))
}

#[tauri::command(async)]
pub fn agenda_agree(
    desk: State<'_, Desk>,
    id: MeetingId,
    who: String,
    name: String,
) -> CommandResult<()> {
    desk.with_vault(|v| plan::agree(v, id, &who, &name, super::now()))
}

#[tauri::command(async)]
pub fn agenda_template_save(
    desk: State<'_, Desk>,
    group: GroupId,
    items: Vec<ItemDraft>,
) -> CommandResult<()> {
    desk.with_vault(|v| plan::save_template(v, group, &items))
}

/// Asks for a file and copies it into the vault under an agenda item.
#[tauri::command]
pub async fn agenda_paper_attach(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
    item: i64,
) -> CommandResult<Option<Saved>> {
    let Some(path) = crate::dialogs::open(&answers, "Attach a paper", ("Any file", &[])).await
    else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
    let name = path.to_string_lossy().into_owned();
    desk.with_vault(|v| plan::attach_paper(v, id, item, &name, &bytes, super::now()))
        .map(Some)
}

/// Saves a copy of a paper outside the vault.
#[tauri::command]
pub async fn agenda_paper_save(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
    paper: i64,
) -> CommandResult<Option<String>> {
    let request = Request::Paper { meeting: id, paper };
    crate::export::save(&desk, &answers, request).await
}

#[tauri::command(async)]
pub fn agenda_paper_remove(
    desk: State<'_, Desk>,
    id: MeetingId,
    paper: i64,
) -> CommandResult<Saved> {
    desk.with_vault(|v| plan::remove_paper(v, id, paper))
}

/// Marks a paper open or confidential (never below its item's level).
#[tauri::command(async)]
pub fn agenda_paper_level_set(
    desk: State<'_, Desk>,
    id: MeetingId,
    paper: i64,
    level: String,
) -> CommandResult<Saved> {
    desk.with_vault(|v| plan::set_paper_level(v, id, paper, &level))
}
