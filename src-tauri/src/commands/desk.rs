//! The dashboard and the vault-wide search.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::dashboard::{self, Dashboard};
use iag_desk_core::search::{self, Results};
use tauri::State;

/// The day as the window's forms should offer it, from the one clock the
/// shell reads, so a date the page suggests and a date the core checks
/// never disagree.
#[derive(Debug, serde::Serialize)]
pub struct Today {
    /// ISO form, as an `<input type="date">` takes it.
    pub date: chrono::NaiveDate,
    /// The quarter just gone ("2026-Q3"), for the feedback report.
    pub last_quarter: String,
}

#[tauri::command]
pub fn clock_today() -> Today {
    let date = super::today();
    Today {
        date,
        last_quarter: iag_desk_core::publications::feedback::last_ended_quarter(date),
    }
}

#[tauri::command(async)]
pub fn dashboard_summary(desk: State<'_, Desk>) -> CommandResult<Dashboard> {
    desk.with_vault(|v| dashboard::dashboard(v, super::now()))
}

/// Page zoom, from Ctrl with +, - or 0 in the window. Text must double in
/// size without loss (WCAG 1.4.4); the zoom is WebKit's own, so the page
/// reflows as it would in a browser. Returns the zoom applied.
#[tauri::command]
pub fn window_zoom(webview: tauri::Webview, factor: f64) -> CommandResult<f64> {
    let factor = if factor.is_finite() {
        factor.clamp(MIN_ZOOM, MAX_ZOOM)
    } else {
        1.0
    };
    webview
        .set_zoom(factor)
        .map_err(|e| iag_desk_core::Error::Internal(format!("zoom: {e}")))?;
    Ok(factor)
}

const MIN_ZOOM: f64 = 0.5;
const MAX_ZOOM: f64 = 4.0;

/// The first-run tour was taken or skipped.
#[tauri::command(async)]
pub fn tour_finish(desk: State<'_, Desk>) -> CommandResult<()> {
    desk.with_vault(dashboard::finish_tour)
}

#[tauri::command(async)]
pub fn search_run(desk: State<'_, Desk>, text: String) -> CommandResult<Results> {
    desk.with_vault(|v| search::search(v, &text, super::today()))
}

#[tauri::command(async)]
pub fn escalations_for_group(
    desk: State<'_, Desk>,
    group: iag_desk_core::ids::GroupId,
) -> CommandResult<iag_desk_core::escalations::GroupEscalations> {
    desk.with_vault(|v| iag_desk_core::escalations::for_group(v, group))
}

#[tauri::command(async)]
pub fn escalation_raise(
    desk: State<'_, Desk>,
    group: iag_desk_core::ids::GroupId,
    form: iag_desk_core::escalations::RaiseForm,
) -> CommandResult<i64> {
    desk.with_vault(|v| iag_desk_core::escalations::raise(v, group, &form, super::today()))
}

#[tauri::command(async)]
pub fn escalation_respond(
    desk: State<'_, Desk>,
    id: i64,
    form: iag_desk_core::escalations::ResponseForm,
) -> CommandResult<()> {
    desk.with_vault(|v| iag_desk_core::escalations::respond(v, id, &form, super::today()))
}
