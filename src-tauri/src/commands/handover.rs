//! A meeting's hand-over file coming in: opened with the app (a double
//! click, `iag-desk FILE`, a second start handing it to this window) or
//! chosen with "Import a hand-over file…". It waits, the window shows what
//! it holds and would change, and only "Import" writes it.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::error::Problem;
use iag_desk_core::exports::HANDOVER_EXTENSION;
use iag_desk_core::meetings::handover::{self, ImportCheck, Imported};
use iag_desk_core::Error;
use serde::Serialize;
use tauri::State;

/// The file waiting, as the window names it.
#[derive(Debug, Serialize)]
pub struct Waiting {
    /// meeting-2026-12-09-members.iagmeeting
    pub file_name: String,
    /// The folder it is in, so the person knows which copy it is.
    pub folder: String,
}

/// The check of the waiting file: what it would do, or why it cannot.
#[derive(Debug, Serialize)]
pub struct Checked {
    pub file: Waiting,
    pub check: Option<ImportCheck>,
    /// Every problem, each with where in the file it is; nothing imports.
    pub problems: Vec<Problem>,
}

fn named(path: &std::path::Path) -> Waiting {
    Waiting {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        folder: path
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
    }
}

/// The file waiting for its check, if any (the unlock screen names it).
#[tauri::command(async)]
pub fn handover_waiting(desk: State<'_, Desk>) -> Option<Waiting> {
    desk.waiting().map(|w| named(&w.path))
}

/// "Import a hand-over file…": the file chosen waits for its check.
#[tauri::command]
pub async fn handover_choose(
    desk: State<'_, Desk>,
    answers: State<'_, crate::dialogs::Answers>,
) -> CommandResult<Option<Waiting>> {
    let filter = ("IAG Desk hand-over file", &[HANDOVER_EXTENSION, "json"][..]);
    let Some(path) = crate::dialogs::open(&answers, "Open a hand-over file", filter).await else {
        return Ok(None);
    };
    desk.set_waiting(Some(path.clone()));
    Ok(Some(named(&path)))
}

/// Reads the waiting file and checks it against the vault, changing nothing.
#[tauri::command(async)]
pub fn handover_check(desk: State<'_, Desk>) -> CommandResult<Option<Checked>> {
    let Some(waiting) = desk.waiting() else {
        return Ok(None);
    };
    let file = named(&waiting.path);
    let text = match std::fs::read(&waiting.path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                return Ok(Some(Checked {
                    file,
                    check: None,
                    problems: vec![Problem::new(
                        "",
                        "this is not a hand-over file: it is not text (UTF-8). \
                         Choose the .iagmeeting file IAG Desk wrote.",
                    )],
                }))
            }
        },
        Err(e) => {
            let message = Error::io("read", &waiting.path, e).to_string();
            return Ok(Some(Checked {
                file,
                check: None,
                problems: vec![Problem::new("", message)],
            }));
        }
    };
    let result = desk.with_vault(|v| Ok(handover::check(v, &text, super::now())));
    let (check, problems) = match result? {
        Ok(check) => (Some(check), Vec::new()),
        Err(e) if !e.problems().is_empty() => (None, e.problems().to_vec()),
        Err(e) => return Err(e.into()),
    };
    desk.set_waiting_checked(&waiting.path, check.as_ref().map(|_| text));
    Ok(Some(Checked {
        file,
        check,
        problems,
    }))
}

/// Imports exactly the text the check passed, then forgets the file.
#[tauri::command(async)]
pub fn handover_import(desk: State<'_, Desk>) -> CommandResult<Imported> {
    let text = desk.waiting().and_then(|w| w.checked).ok_or_else(|| {
        Error::invalid(
            "file",
            "no checked hand-over file is waiting: open it again to see its check first.",
        )
    })?;
    let done = desk.with_vault(|v| handover::import(v, &text, super::now()))?;
    desk.set_waiting(None);
    Ok(done)
}

/// "Don't import": the file is forgotten, the vault untouched.
#[tauri::command(async)]
pub fn handover_discard(desk: State<'_, Desk>) {
    desk.set_waiting(None);
}
