//! Tauri commands, one file per area, each command named `<area>_<verb>`
//! after its file (an area's singular or plural). Each is a few lines:
//! arguments in, one core call, errors mapped. Vault work runs off the main
//! thread (`async` on a plain function) so the window never stalls.

pub mod actions;
pub mod advice;
pub mod agenda;
pub mod attendance;
pub mod audit;
pub mod choices;
pub mod clock;
pub mod dashboard;
pub mod data_protection;
pub mod demo;
pub mod escalations;
pub mod files;
pub mod handover;
pub mod incidents;
pub mod meetings;
pub mod minutes;
pub mod papers;
pub mod publications;
pub mod roster;
pub mod search;
pub mod vault;
pub mod window;

use iag_desk_core::exports::Format;

/// The user's wall clock, read at the edge (`crate::clock`) and passed into
/// the core.
pub(crate) use crate::clock::{now, today};

/// The format a register export (advice, actions, attendance) asks for:
/// `csv`, `docx` (Word), else a PDF.
fn table_format(code: &str) -> Format {
    match code {
        "csv" => Format::Csv,
        "docx" => Format::Docx,
        _ => Format::Pdf,
    }
}

/// The format a document export asks for: `html` (web page), `docx`
/// (Word), else a PDF.
fn document_format(code: &str) -> Format {
    match code {
        "html" => Format::Html,
        "docx" => Format::Docx,
        _ => Format::Pdf,
    }
}

#[cfg(test)]
mod tests {
    /// Every registered command is named after the file it lives in
    /// (`meeting_create` in `meetings.rs`), so a command is found by its name.
    #[test]
    fn every_command_begins_with_its_files_name() {
        let lib = include_str!("../lib.rs");
        let (_, handlers) = lib.split_once("generate_handler![").unwrap();
        let (handlers, _) = handlers.split_once(']').unwrap();
        let mut seen = 0;
        for path in handlers.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let mut parts = path.rsplit("::");
            let (name, file) = (parts.next().unwrap(), parts.next().unwrap());
            let singular = file.strip_suffix('s').unwrap_or(file);
            assert!(
                name.starts_with(&format!("{file}_")) || name.starts_with(&format!("{singular}_")),
                "{path}: a command in commands/{file}.rs is named {file}_<verb>"
            );
            seen += 1;
        }
        assert!(seen > 90, "found only {seen} commands in src/lib.rs");
    }
}
