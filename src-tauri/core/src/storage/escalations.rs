//! SQL for escalations between tiers.

use crate::dates::DATE;
use crate::error::{Error, Result};
use crate::ids::GroupId;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

pub(crate) struct EscalationRow {
    pub id: i64,
    pub from_group: GroupId,
    pub from_name: String,
    pub to_group: GroupId,
    pub to_name: String,
    pub text: String,
    pub confidential: bool,
    pub raised_on: NaiveDate,
    pub response: String,
    pub responded_on: Option<NaiveDate>,
}

fn date(t: Option<String>) -> Option<NaiveDate> {
    t.and_then(|t| NaiveDate::parse_from_str(&t, DATE).ok())
}

/// Escalations from or to `group` (or all), oldest first.
pub(crate) fn list(conn: &Connection, group: Option<GroupId>) -> Result<Vec<EscalationRow>> {
    let rows = conn
        .prepare(
            "SELECT e.id, e.from_group, f.name, e.to_group, t.name, e.text, e.confidential,
                    e.raised_on, e.response, e.responded_on
               FROM escalations e JOIN groups f ON f.id = e.from_group
               JOIN groups t ON t.id = e.to_group
              WHERE ?1 IS NULL OR e.from_group = ?1 OR e.to_group = ?1
              ORDER BY e.raised_on, e.id",
        )?
        .query_map([group], |r| {
            Ok(EscalationRow {
                id: r.get(0)?,
                from_group: r.get(1)?,
                from_name: r.get(2)?,
                to_group: r.get(3)?,
                to_name: r.get(4)?,
                text: r.get(5)?,
                confidential: r.get::<_, i64>(6)? != 0,
                raised_on: date(r.get(7)?).unwrap_or_default(),
                response: r.get(8)?,
                responded_on: date(r.get(9)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn insert(
    conn: &Connection,
    from: GroupId,
    to: GroupId,
    text: &str,
    confidential: bool,
    on: NaiveDate,
    demo: Option<super::roster::DemoRef>,
) -> Result<i64> {
    if let Some(d) = demo {
        let found: Option<i64> = conn
            .query_row(
                "SELECT id FROM escalations WHERE demo_ref = ?1",
                [d.key],
                |x| x.get(0),
            )
            .optional()?;
        if let Some(id) = found {
            if d.refresh {
                conn.execute(
                    "UPDATE escalations SET from_group = ?2, to_group = ?3, text = ?4,
                            confidential = ?5, raised_on = ?6, response = '', responded_on = NULL
                      WHERE id = ?1",
                    params![
                        id,
                        from,
                        to,
                        text,
                        confidential as i64,
                        on.format(DATE).to_string()
                    ],
                )?;
            }
            return Ok(id);
        }
    }
    conn.execute(
        "INSERT INTO escalations (from_group, to_group, text, confidential, raised_on, demo_ref)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            from,
            to,
            text,
            confidential as i64,
            on.format(DATE).to_string(),
            demo.map(|d| d.key)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn respond(conn: &Connection, id: i64, response: &str, on: NaiveDate) -> Result<()> {
    let changed = conn.execute(
        "UPDATE escalations SET response = ?2, responded_on = ?3 WHERE id = ?1",
        params![id, response, on.format(DATE).to_string()],
    )?;
    if changed == 0 {
        return Err(Error::NotFound {
            what: "That escalation".into(),
        });
    }
    Ok(())
}

/// The parent group of `group`, if it has one.
pub(crate) fn parent(conn: &Connection, group: GroupId) -> Result<Option<GroupId>> {
    Ok(conn
        .query_row("SELECT parent_id FROM groups WHERE id = ?1", [group], |r| {
            r.get::<_, Option<GroupId>>(0)
        })
        .optional()?
        .flatten())
}
