//! The one error type of the core.
//!
//! Every fallible core function returns [`Error`]. Its [`ErrorKind`] is stable
//! and is what the window and the CLI branch on; the message of a user-fixable
//! error is written once, here, for the person at the keyboard. Storage and
//! internal errors keep their detail for the log but show only a generic
//! message, so SQL text and vault content never reach a screen.

use serde::Serialize;
use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, in the terms callers act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ErrorKind {
    NotFound,
    Invalid,
    Conflict,
    Locked,
    Storage,
    Io,
    Internal,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "There is no vault at {0}. Create one first (in the window, or with `iag-desk init`)."
    )]
    VaultMissing(PathBuf),

    #[error("A vault already exists at {0}. Unlock it instead, or choose another data folder.")]
    VaultExists(PathBuf),

    #[error("That passphrase does not unlock the vault at {0}. Nothing was changed; try again.")]
    WrongPassphrase(PathBuf),

    #[error(
        "The vault at {path} was written by {} (schema {found}); this is IAG Desk {}, \
         which reads schemas up to {supported}. It has not been touched: install {} \
         or later to open it.",
        written_by.as_ref().map_or("a newer IAG Desk".to_string(), |v| format!("IAG Desk {v}")),
        crate::storage::APP_VERSION,
        written_by.as_ref().map_or("the newer IAG Desk".to_string(), |v| format!("IAG Desk {v}"))
    )]
    VaultTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
        /// The release that moved the vault to its schema, when it says.
        written_by: Option<String>,
    },

    #[error("The vault is locked. Unlock it first.")]
    Locked,

    /// The request clashes with the record's state (approved minutes are
    /// locked, a declared vote is final); the message says what to do.
    #[error("{0}")]
    Conflict(String),

    #[error("{what} was not found.")]
    NotFound { what: String },

    /// Several fields the user can fix, each named with what is wrong; the
    /// window shows each message beside its field.
    #[error("{}", problems.iter().map(|p| format!("{}: {}", p.field, p.message)).collect::<Vec<_>>().join("; "))]
    Rejected {
        problems: Vec<crate::error::Problem>,
    },

    /// Input the user can fix; `field` names where, `problem` says what.
    #[error("{field}: {problem}")]
    Invalid { field: String, problem: String },

    #[error("Could not {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("The vault could not complete that request. Nothing was changed.")]
    Storage(#[from] rusqlite::Error),

    #[error("Something went wrong inside IAG Desk: {0}")]
    Internal(String),
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::VaultMissing(_) | Error::NotFound { .. } => ErrorKind::NotFound,
            Error::WrongPassphrase(_) | Error::Invalid { .. } | Error::Rejected { .. } => {
                ErrorKind::Invalid
            }
            Error::VaultExists(_) | Error::VaultTooNew { .. } | Error::Conflict(_) => {
                ErrorKind::Conflict
            }
            Error::Locked => ErrorKind::Locked,
            Error::Io { .. } => ErrorKind::Io,
            Error::Storage(_) => ErrorKind::Storage,
            Error::Internal(_) => ErrorKind::Internal,
        }
    }

    pub fn invalid(field: impl Into<String>, problem: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            problem: problem.into(),
        }
    }

    pub fn rejected(problems: Vec<crate::error::Problem>) -> Self {
        Error::Rejected { problems }
    }

    /// The per-field problems of a rejected form (empty for other errors).
    pub fn problems(&self) -> &[crate::error::Problem] {
        match self {
            Error::Rejected { problems } => problems,
            _ => &[],
        }
    }

    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// Full detail for a log line the user's support person may read.
    /// Storage errors carry SQLite's text here and only here.
    pub fn detail(&self) -> String {
        match self {
            Error::Storage(e) => format!("storage: {e}"),
            other => other.to_string(),
        }
    }
}

/// One thing wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The form field or CSV column, e.g. `email`.
    pub field: String,
    pub message: String,
}

impl Problem {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            field: field.into(),
            message: message.into(),
        }
    }
}
