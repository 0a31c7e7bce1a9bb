//! Every file the command line writes, through the one way out.

use super::output::Output;
use super::vault::unlock;
use iag_desk_core::exports::{Format, Request, RequestKind};
use iag_desk_core::{Result, Vault};

/// Unlocks the vault, makes the file the request names and writes it
/// (into a folder under the name the window would suggest), then records
/// its audit line; says what was written.
pub(super) fn export(
    path: &std::path::Path,
    output: &std::path::Path,
    request: impl FnOnce(&Vault) -> Result<Request>,
) -> Result<Output> {
    let vault = unlock(path)?;
    let request = request(&vault)?;
    let (export, written) = crate::export::write(&vault, &request, output)?;
    Ok(Output {
        text: export.confirmation(&written),
        json: serde_json::json!({
            "written": written,
            "file_name": export.file_name,
            "bytes": export.bytes.len(),
            "format": export.format.code(),
            "readers": export.readers,
            "beside": export.beside.iter().map(|b| &b.file_name).collect::<Vec<_>>(),
            "recipients": export.draft.as_ref().map(|d| serde_json::json!({
                "to": d.to,
                "bcc": d.bcc,
                "without_email": d.without_email,
            })),
            "warning": export.size_warning,
        }),
    })
}

/// The format `-o FILE` asks for, by its ending.
pub(super) fn format_for(kind: RequestKind, output: &std::path::Path) -> Result<Format> {
    iag_desk_core::exports::format_for_file(kind, &output.to_string_lossy())
}
