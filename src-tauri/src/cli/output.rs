//! What a command prints, and where.

use serde::Serialize;
use std::io::Write;

/// Writes to stderr; a closed stderr is no reason to panic (the exit code
/// still says what happened).
pub(super) fn complain(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{message}");
}

/// What a command prints: text for people, JSON for scripts.
pub(super) struct Output {
    pub(super) text: String,
    pub(super) json: serde_json::Value,
}

pub(super) fn json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}
