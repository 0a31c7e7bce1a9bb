//! The audit trail: a line for each act that matters afterwards (approving
//! minutes, agreeing an agenda, changing a member's status, a confidential
//! export, an erasure, a restore, a change of passphrase, a backup).
//!
//! Invariant: a detail names groups, meetings and people, and says what
//! kind of thing happened; it never carries confidential text (no item
//! title, no minute, no incident title). Callers build details from those
//! facts only.

use crate::dates::{long_date, long_date_time};
use crate::error::Result;
use crate::storage::Vault;
use crate::vocabulary::AuditAction;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::Serialize;

/// When something happened: to the minute, or the day when that is all
/// the caller knows.
pub enum When {
    At(NaiveDateTime),
    On(NaiveDate),
}

pub(crate) fn record(
    conn: &Connection,
    when: When,
    action: AuditAction,
    detail: &str,
) -> Result<()> {
    let at = match when {
        When::At(t) => t.format("%Y-%m-%dT%H:%M").to_string(),
        When::On(d) => d.format("%Y-%m-%d").to_string(),
    };
    crate::storage::audit::insert(conn, &at, action.code(), detail)
}

/// Records from outside the core (exports are written by the window and
/// the command line).
pub fn note(vault: &Vault, now: NaiveDateTime, action: AuditAction, detail: &str) -> Result<()> {
    record(vault.conn(), When::At(now), action, detail)
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditLine {
    /// "23 November 2026, 19:42" or "23 November 2026".
    pub at: String,
    pub action: &'static str,
    pub detail: String,
}

/// The most recent lines first.
pub fn list(vault: &Vault, limit: usize) -> Result<Vec<AuditLine>> {
    let rows = crate::storage::audit::latest(vault.conn(), limit)?;
    Ok(rows
        .into_iter()
        .map(|(at, action, detail)| AuditLine {
            at: NaiveDateTime::parse_from_str(&at, "%Y-%m-%dT%H:%M")
                .map(long_date_time)
                .or_else(|_| NaiveDate::parse_from_str(&at, "%Y-%m-%d").map(long_date))
                .unwrap_or(at),
            action: AuditAction::from_code(&action)
                .map(|a| a.label())
                .unwrap_or("Other"),
            detail,
        })
        .collect())
}
