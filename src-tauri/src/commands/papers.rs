//! The papers go out: a meeting's agenda pack for each audience, and the
//! email drafts that carry them, handed to the person's own email program.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::confidentiality::Audience;
use iag_desk_core::exports::Request;
use iag_desk_core::ids::MeetingId;
use iag_desk_core::meetings::papers_email::{self, Sending};
use iag_desk_core::Error;
use serde::Serialize;
use tauri::State;

/// What the meeting page shows before the papers go out.
#[tauri::command(async)]
pub fn papers_sending(desk: State<'_, Desk>, id: MeetingId) -> CommandResult<Sending> {
    desk.with_vault(|v| papers_email::sending(v, id))
}

/// A pack or draft written: where, and what to tell the person.
#[derive(Debug, Serialize)]
pub struct Written {
    pub path: String,
    pub message: String,
}

/// Writes one audience's agenda pack (or its next supplement of late
/// papers), the papers it cannot hold beside it.
#[tauri::command]
pub async fn papers_save_pack(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
    audience: Audience,
    supplement: bool,
) -> CommandResult<Option<Written>> {
    let request = Request::AgendaPack {
        meeting: id,
        audience,
        supplement,
    };
    save(&desk, &answers, request).await
}

/// Writes one audience's email draft (`.eml`) and keeps it for "Open in
/// my email program".
#[tauri::command]
pub async fn papers_save_email(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    id: MeetingId,
    audience: Audience,
    supplement: bool,
) -> CommandResult<Option<Written>> {
    let request = Request::PapersEmail {
        meeting: id,
        audience,
        supplement,
    };
    save(&desk, &answers, request).await
}

/// Saves the file where the person says, keeps a draft for the email
/// program, and says what was written.
async fn save(
    desk: &Desk,
    answers: &crate::dialogs::Answers,
    request: Request,
) -> CommandResult<Option<Written>> {
    let Some((path, export)) = crate::export::save_export(desk, answers, request).await? else {
        return Ok(None);
    };
    let message = export.confirmation(&path);
    if let Some(draft) = export.draft {
        desk.set_last_draft(path.clone(), draft);
    }
    Ok(Some(Written {
        path: path.display().to_string(),
        message,
    }))
}

/// Opens the last draft written in the desktop's email program, its
/// attachments copied into a folder beside the draft.
#[tauri::command(async)]
pub fn papers_open_email(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
) -> CommandResult<String> {
    let (path, draft) = desk
        .last_draft()
        .ok_or_else(|| Error::invalid("Email", "write an email draft first."))?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "draft".into());
    let folder = path
        .parent()
        .unwrap_or(std::path::Path::new("."))
        .join(format!("{stem} attachments"));
    crate::files::compose_email(&answers.email_program(), &draft, &folder)?;
    Ok(format!(
        "Your email program is opening the message, with its attachments (copies are in {}). \
         Check it, then send it from there.",
        folder.display()
    ))
}
