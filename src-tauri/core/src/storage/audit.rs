//! SQL for the audit trail.

use crate::error::Result;
use rusqlite::{params, Connection};

pub(crate) fn insert(conn: &Connection, at: &str, action: &str, detail: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, action, detail) VALUES (?1, ?2, ?3)",
        params![at, action, detail],
    )?;
    Ok(())
}

/// (at, action, detail), newest first.
pub(crate) fn latest(conn: &Connection, limit: usize) -> Result<Vec<(String, String, String)>> {
    let rows = conn
        .prepare("SELECT at, action, detail FROM audit_log ORDER BY id DESC LIMIT ?1")?
        .query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A person's name, for an audit line about them.
pub(crate) fn person_name(conn: &Connection, person: crate::ids::PersonId) -> Result<String> {
    Ok(conn
        .query_row(
            "SELECT full_name FROM people WHERE id = ?1",
            [person],
            |r| r.get(0),
        )
        .unwrap_or_default())
}
