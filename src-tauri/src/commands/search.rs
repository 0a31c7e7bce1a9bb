//! The vault-wide search.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::search::{self, Results};
use tauri::State;

#[tauri::command(async)]
pub fn search_run(desk: State<'_, Desk>, text: String) -> CommandResult<Results> {
    desk.with_vault(|v| search::search(v, &text, super::today()))
}
