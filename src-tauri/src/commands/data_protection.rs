//! Data-protection duties from the member page and Settings: a subject
//! access copy saved as JSON or PDF, erasure, and the retention period.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::data_protection::{self as dp, Erased};
use iag_desk_core::exports::{Format, Request};
use iag_desk_core::ids::PersonId;
use tauri::State;

/// Saves everything held about one person; `format` is `json` or `pdf`.
/// The copy takes an audit line once it is saved.
#[tauri::command]
pub async fn data_protection_subject_access(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: PersonId,
    format: String,
) -> CommandResult<Option<String>> {
    let format = match format.as_str() {
        "json" => Format::Json,
        "docx" => Format::Docx,
        _ => Format::Pdf,
    };
    let request = Request::SubjectAccess { person: id, format };
    crate::export::save(&desk, &answers, request).await
}

#[tauri::command(async)]
pub fn data_protection_erase(
    desk: State<'_, Desk>,
    id: PersonId,
    confirm_name: String,
) -> CommandResult<Erased> {
    desk.with_vault(|v| dp::erase(v, id, &confirm_name, super::now()))
}

#[tauri::command(async)]
pub fn data_protection_retention_months(desk: State<'_, Desk>) -> CommandResult<u32> {
    desk.with_vault(|v| dp::retention_months(v))
}

#[tauri::command(async)]
pub fn data_protection_retention_months_set(
    desk: State<'_, Desk>,
    months: String,
) -> CommandResult<u32> {
    desk.with_vault(|v| dp::set_retention_months(v, &months))
}
