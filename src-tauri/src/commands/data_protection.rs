//! Data-protection duties from the member page and Settings: a subject
//! access copy saved as JSON or PDF, erasure, and the retention period.

use super::meetings::{save_as, PDF};
use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::data_protection::{self as dp, Erased};
use iag_desk_core::ids::PersonId;
use tauri::State;

const JSON: (&str, &[&str]) = ("JSON data", &["json"]);

/// Saves everything held about one person; `format` is `json` or `pdf`.
#[tauri::command]
pub async fn person_subject_access(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: PersonId,
    format: String,
) -> CommandResult<Option<String>> {
    let now = super::now();
    let copy = desk.with_vault(|v| dp::subject_access(v, id, now))?;
    let (bytes, filter) = match format.as_str() {
        "json" => (dp::subject_access_json(&copy).map(String::into_bytes), JSON),
        _ => (dp::subject_access_pdf(&copy), PDF),
    };
    let bytes = bytes.map_err(crate::error::CommandError::from)?;
    let name = dp::subject_access_file_name(&copy, now.date(), filter.1[0]);
    let saved = save_as(
        &desk,
        &answers,
        "Save the copy of this person's data (personal: give it only to them)",
        &name,
        filter,
        &bytes,
    )
    .await?;
    if saved.is_some() {
        desk.with_vault(|v| dp::note_subject_access(v, &copy, now, filter.1[0]))?;
    }
    Ok(saved)
}

#[tauri::command(async)]
pub fn person_erase(
    desk: State<'_, Desk>,
    id: PersonId,
    confirm_name: String,
) -> CommandResult<Erased> {
    desk.with_vault(|v| dp::erase(v, id, &confirm_name, super::now()))
}

#[tauri::command(async)]
pub fn retention_months(desk: State<'_, Desk>) -> CommandResult<u32> {
    desk.with_vault(|v| dp::retention_months(v))
}

#[tauri::command(async)]
pub fn retention_months_set(desk: State<'_, Desk>, months: String) -> CommandResult<u32> {
    desk.with_vault(|v| dp::set_retention_months(v, &months))
}
