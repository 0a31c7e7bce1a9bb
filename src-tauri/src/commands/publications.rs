//! The induction pack, terms of reference and quarterly feedback report:
//! editing their wording, previewing, exporting and printing.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::exports::{Format, Request};
use iag_desk_core::ids::{GroupId, PersonId};
use iag_desk_core::publications::{self, Publication, TextBlock};
use tauri::State;

#[tauri::command(async)]
pub fn publications_texts(
    desk: State<'_, Desk>,
    group: GroupId,
    publication: Publication,
) -> CommandResult<Vec<TextBlock>> {
    desk.with_vault(|v| publications::texts(v, group, publication))
}

#[tauri::command(async)]
pub fn publications_text_save(
    desk: State<'_, Desk>,
    group: GroupId,
    key: String,
    body: String,
) -> CommandResult<()> {
    desk.with_vault(|v| publications::save_text(v, group, &key, &body, super::now()))
}

/// The documents screen closed: the pages kept for its next preview (the
/// vault's words, laid out and drawn) are let go now, not when the vault
/// locks.
#[tauri::command]
pub fn publications_preview_closed(desk: State<'_, Desk>) {
    desk.forget_preview();
}

#[tauri::command(async)]
pub fn publications_preview(
    desk: State<'_, Desk>,
    group: GroupId,
    publication: Publication,
    member: Option<PersonId>,
    large_print: bool,
) -> CommandResult<Vec<String>> {
    desk.with_preview(|v, kept| {
        publications::preview_in(
            v,
            group,
            publication,
            member,
            large_print,
            super::today(),
            kept,
        )
    })
}

#[tauri::command]
pub async fn publications_export(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    group: GroupId,
    publication: Publication,
    member: Option<PersonId>,
    large_print: bool,
    format_code: String,
) -> CommandResult<Option<String>> {
    let request = Request::Publication {
        group,
        publication,
        member,
        large_print,
        format: super::document_format(&format_code),
    };
    crate::export::save(&desk, &answers, request).await
}

#[tauri::command]
pub async fn publications_export_feedback(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    quarter: String,
    group: Option<GroupId>,
    format_code: String,
) -> CommandResult<Option<String>> {
    let request = Request::Feedback {
        quarter,
        group,
        format: super::document_format(&format_code),
    };
    crate::export::save(&desk, &answers, request).await
}

/// Prints a pack, terms of reference or feedback report: straight to the
/// default printer where the system has one (CUPS `lp`), else opened in the
/// default PDF viewer to print from there. Returns what happened, in words.
#[tauri::command(async)]
pub fn publications_print(
    desk: State<'_, Desk>,
    group: Option<GroupId>,
    publication: Option<Publication>,
    member: Option<PersonId>,
    large_print: bool,
    quarter: Option<String>,
) -> CommandResult<String> {
    let request = match (publication, group) {
        (Some(publication), Some(group)) => Request::Publication {
            group,
            publication,
            member,
            large_print,
            format: Format::Pdf,
        },
        _ => Request::Feedback {
            quarter: quarter.unwrap_or_default(),
            group,
            format: Format::Pdf,
        },
    };
    crate::export::print(&desk, request)
}
