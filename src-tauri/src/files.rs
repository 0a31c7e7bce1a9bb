//! Writing files the person asked for.

use iag_desk_core::{Error, Result};
use std::path::{Path, PathBuf};

/// Writes beside the target and renames, so a full disk or a crash never
/// leaves half a file where a good one was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".part");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).map_err(|e| Error::io("write", &tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io("write", path, e)
    })
}

/// Opens a file the app has just written with the system's default program
/// (a calendar, a PDF viewer). Only ever a path the shell itself chose.
pub fn open_with_system(path: &Path) -> Result<()> {
    #[cfg(target_os = "windows")]
    let mut command = {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    };
    #[cfg(target_os = "macos")]
    let mut command = std::process::Command::new("open");
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    let mut command = std::process::Command::new("xdg-open");
    command
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| Error::io("open", path, e))
}

/// Hands a PDF to the system to print: CUPS's `lp` where there is one (it
/// sends the file to the default printer), else the default PDF viewer,
/// from which the user prints. The file goes to a private temporary folder;
/// only documents for any audience are printed this way.
pub fn print(pdf: &[u8]) -> Result<String> {
    let dir = std::env::temp_dir().join(format!("iag-desk-print-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
    let path = dir.join(format!(
        "print-{}.pdf",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default()
    ));
    write_atomically(&path, pdf)?;
    let printed = std::process::Command::new("lp")
        .arg(&path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if printed {
        return Ok("Sent to the default printer.".into());
    }
    open_with_system(&path)?;
    Ok(format!(
        "There is no printer set up for direct printing here, so the document is open in \
         your PDF viewer ({}): print it from there.",
        path.display()
    ))
}

/// Hands an email draft to the desktop's email program (`xdg-email`,
/// which opens a compose window in Thunderbird, Evolution or the like)
/// with its recipients, subject, body and attachments. The attachments are
/// written first into `folder`, beside the saved draft, because an email
/// program attaches files, not bytes. IAG Desk itself sends nothing.
pub fn compose_email(
    program: &Path,
    draft: &iag_desk_core::meetings::papers_email::EmailDraft,
    folder: &Path,
) -> Result<()> {
    std::fs::create_dir_all(folder).map_err(|e| Error::io("create", folder, e))?;
    let mut command = std::process::Command::new(program);
    command
        .arg("--utf8")
        .arg("--subject")
        .arg(&draft.subject)
        .arg("--body")
        .arg(&draft.body);
    for r in &draft.bcc {
        command.arg("--bcc").arg(&r.email);
    }
    for a in &draft.attachments {
        let path = folder.join(iag_desk_core::exports::safe_file_name(&a.name));
        write_atomically(&path, &a.bytes)?;
        command.arg("--attach").arg(path);
    }
    for r in &draft.to {
        command.arg(&r.email);
    }
    let status = command
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::invalid(
                "Email program",
                format!(
                    "{} was not found, so no email program can be opened from here. Open the \
                     saved draft with your email program instead: it holds the same message.",
                    program.display()
                ),
            ),
            _ => Error::io("run", program, e),
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::invalid(
            "Email program",
            format!(
                "{} could not open a new message ({status}). Open the saved draft instead: \
                 it holds the same message.",
                program.display()
            ),
        ))
    }
}
