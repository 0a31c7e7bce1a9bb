//! SQL for the editable wording of documents, per group.

use crate::dates::DATE_TIME;
use crate::error::Result;
use crate::ids::GroupId;
use chrono::NaiveDateTime;
use rusqlite::{params, Connection};
use std::collections::HashMap;

/// Every edited block of a group, by key.
pub(crate) fn edited(conn: &Connection, group: GroupId) -> Result<HashMap<String, String>> {
    let rows = conn
        .prepare("SELECT key, body FROM document_texts WHERE group_id = ?1")?
        .query_map([group], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn save(
    conn: &Connection,
    group: GroupId,
    key: &str,
    body: &str,
    now: NaiveDateTime,
) -> Result<()> {
    conn.execute(
        "INSERT INTO document_texts (group_id, key, body, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (group_id, key) DO UPDATE SET body = excluded.body,
                                                   updated_at = excluded.updated_at",
        params![group, key, body, now.format(DATE_TIME).to_string()],
    )?;
    Ok(())
}

/// Back to the default wording.
pub(crate) fn reset(conn: &Connection, group: GroupId, key: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM document_texts WHERE group_id = ?1 AND key = ?2",
        params![group, key],
    )?;
    Ok(())
}
