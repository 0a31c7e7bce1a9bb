//! The shape errors take when they cross into the web UI: `{ kind, message }`.
//! Views branch on `kind`; the message is the core's user-facing text. Storage
//! and internal details go to the log (stderr), never to the page.

use iag_desk_core::{Error, ErrorKind};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct CommandError {
    pub kind: ErrorKind,
    pub message: String,
    /// Per-field problems of a rejected form or file, shown beside each field.
    pub problems: Vec<iag_desk_core::error::Problem>,
}

impl From<Error> for CommandError {
    fn from(e: Error) -> Self {
        if matches!(e.kind(), ErrorKind::Storage | ErrorKind::Internal) {
            eprintln!("iag-desk: {}", e.detail());
        }
        CommandError {
            kind: e.kind(),
            message: e.to_string(),
            problems: e.problems().to_vec(),
        }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
