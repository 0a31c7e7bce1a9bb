//! The window itself: page zoom.

use crate::error::CommandResult;

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
