//! The shell's half of the one way out ([`iag_desk_core::exports`]): the
//! core reads the view under the vault, draws the file after letting go,
//! and names it; here the window asks where (or the command line is told),
//! the file is written atomically, and only then is its audit line
//! recorded. A failed write leaves no audit line.

use crate::error::CommandResult;
use crate::state::Desk;
use iag_desk_core::exports::{self, Export, Request};
use iag_desk_core::{Result, Vault};
use std::path::{Path, PathBuf};

/// The window: make the file, ask where to save it (the suggested name
/// filled in), write it, remember it for "Open it", record the audit line.
/// Returns the path written, or None when the person cancelled.
pub(crate) async fn save(
    desk: &Desk,
    answers: &crate::dialogs::Answers,
    request: Request,
) -> CommandResult<Option<String>> {
    Ok(save_export(desk, answers, request)
        .await?
        .map(|(path, _)| path.display().to_string()))
}

/// As [`save`], returning the export too, for a message that says more
/// than where it went (who a draft goes to, a pack's size).
pub(crate) async fn save_export(
    desk: &Desk,
    answers: &crate::dialogs::Answers,
    request: Request,
) -> CommandResult<Option<(PathBuf, Export)>> {
    let now = crate::clock::moment();
    let prepared = desk.with_vault(|v| exports::prepare(v, &request, now))?;
    let export = prepared.render()?;
    let extensions: &[&str] = match export.format.extension() {
        "" => &[],
        ext => &[ext],
    };
    let Some(path) = crate::dialogs::save(
        answers,
        &export.dialog_title(),
        &export.file_name,
        (export.format.label(), extensions),
    )
    .await
    else {
        return Ok(None);
    };
    write_with_beside(&path, &export)?;
    desk.set_last_written(path.clone());
    desk.with_vault(|v| exports::record(v, &export, now.local))?;
    Ok(Some((path, export)))
}

/// Writes the file, then the files that travel beside it (an agenda
/// pack's papers it cannot hold) into the same folder.
fn write_with_beside(path: &Path, export: &Export) -> Result<()> {
    crate::files::write_atomically(path, &export.bytes)?;
    let folder = path.parent().unwrap_or(Path::new("."));
    for file in &export.beside {
        crate::files::write_atomically(&folder.join(&file.file_name), &file.bytes)?;
    }
    Ok(())
}

/// The window's Print: the same file, to the printer instead of a folder.
pub(crate) fn print(desk: &Desk, request: Request) -> CommandResult<String> {
    let now = crate::clock::moment();
    let export = desk
        .with_vault(|v| exports::prepare(v, &request, now))?
        .render()?;
    Ok(crate::files::print(&export.bytes)?)
}

/// The command line: make the file from the open vault and write it to
/// `output`, or into `output` under the suggested name when it is a
/// folder (so the window and the command line name a file alike); then
/// record the audit line. Returns what was written and where.
pub(crate) fn write(vault: &Vault, request: &Request, output: &Path) -> Result<(Export, PathBuf)> {
    let now = crate::clock::moment();
    let export = exports::prepare(vault, request, now)?.render()?;
    let target = if output.is_dir() {
        output.join(&export.file_name)
    } else {
        output.to_path_buf()
    };
    write_with_beside(&target, &export)?;
    exports::record(vault, &export, now.local)?;
    Ok((export, target))
}
