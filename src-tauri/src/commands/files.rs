//! The files the app has written, opened for the person.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::Error;
use tauri::State;

/// Opens the file the app last wrote, with the system's own program.
#[tauri::command(async)]
pub fn files_open_last(desk: State<'_, Desk>) -> CommandResult<()> {
    let path = desk
        .last_written()
        .ok_or_else(|| Error::invalid("File", "nothing has been saved yet."))?;
    Ok(crate::files::open_with_system(&path)?)
}
