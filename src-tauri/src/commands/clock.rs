//! The day, for the window's forms.

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
