//! The induction pack, terms of reference and quarterly feedback report:
//! editing their wording, previewing, exporting and printing.

use super::meetings::{save_as, Form, PDF};
use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::ids::{GroupId, PersonId};
use iag_desk_core::publications::{self, feedback, Publication, TextBlock};
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

#[tauri::command(async)]
pub fn publications_preview(
    desk: State<'_, Desk>,
    group: GroupId,
    publication: Publication,
    member: Option<PersonId>,
    large_print: bool,
) -> CommandResult<Vec<String>> {
    desk.with_vault(|v| {
        publications::preview(v, group, publication, member, large_print, super::today())
    })
}

fn name_of(desk: &Desk, group: GroupId, what: &str) -> CommandResult<String> {
    let name = desk
        .with_vault(|v| iag_desk_core::roster::groups::group_form(v, group))?
        .name;
    Ok(format!(
        "{what} {}.pdf",
        name.replace(['/', '\\', ':'], "-")
    ))
}

/// A pack or the terms of reference in either form.
async fn export_publication(
    desk: &Desk,
    answers: &crate::dialogs::Answers,
    group: GroupId,
    publication: Publication,
    member: Option<PersonId>,
    large_print: bool,
    form: Form,
) -> CommandResult<Option<String>> {
    let bytes = desk.with_vault(|v| match form {
        Form::Pdf => publications::pdf(v, group, publication, member, large_print, super::today()),
        Form::WebPage => {
            publications::html(v, group, publication, member, large_print, super::today())
                .map(String::into_bytes)
        }
    })?;
    let (title, what) = match publication {
        Publication::InductionPack => ("Save the induction pack", "Induction pack"),
        Publication::TermsOfReference => ("Save the terms of reference", "Terms of reference"),
    };
    let name = name_of(desk, group, what)?;
    form.save(desk, answers, title, &name, &bytes).await
}

#[tauri::command]
pub async fn publications_export(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    group: GroupId,
    publication: Publication,
    member: Option<PersonId>,
    large_print: bool,
) -> CommandResult<Option<String>> {
    export_publication(
        &desk,
        &answers,
        group,
        publication,
        member,
        large_print,
        Form::Pdf,
    )
    .await
}

/// A pack or the terms of reference as an accessible web page.
#[tauri::command]
pub async fn publications_export_html(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    group: GroupId,
    publication: Publication,
    member: Option<PersonId>,
    large_print: bool,
) -> CommandResult<Option<String>> {
    export_publication(
        &desk,
        &answers,
        group,
        publication,
        member,
        large_print,
        Form::WebPage,
    )
    .await
}

#[tauri::command]
pub async fn publications_export_feedback(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
    quarter: String,
    group: Option<GroupId>,
) -> CommandResult<Option<String>> {
    let bytes = desk.with_vault(|v| feedback::feedback_pdf(v, &quarter, group, super::today()))?;
    let name = format!("Quarterly feedback {}.pdf", quarter.trim());
    save_as(
        &desk,
        &answers,
        "Save the feedback report",
        &name,
        PDF,
        &bytes,
    )
    .await
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
    let bytes = desk.with_vault(|v| match (publication, group) {
        (Some(p), Some(g)) => publications::pdf(v, g, p, member, large_print, super::today()),
        _ => feedback::feedback_pdf(v, quarter.as_deref().unwrap_or(""), group, super::today()),
    })?;
    Ok(crate::files::print(&bytes)?)
}
